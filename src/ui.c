/* ui.c - the terminal dashboard's loop: terminal set-up and tear-down,
 * signals, one paint per event (the header, the topmost full screen, the
 * prompt or the hint bar, the message line), the actions every screen
 * shares, and the live refresh of a file another session saved.
 *
 * ui.c reaches the screens only through their operations (screen.h). */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "access.h"
#include "draw.h"
#include "field.h"
#include "fileio.h"
#include "i18n.h"
#include "input.h"
#include "lock.h"
#include "nav.h"
#include "describe.h"
#include "recovery.h"
#include "presence.h"
#include "reload.h"
#include "save.h"
#include "screen.h"
#include "ui.h"
#include "ui_edit.h"
#include "ui_export.h"
#include "ui_filter.h"
#include "ui_find.h"
#include "ui_recover.h"
#include "ui_save.h"
#include "view_effects.h"
#include "view_help.h"
#include "view_log.h"
#include "view_matrix.h"
#include "view_meeting.h"
#include "view_overview.h"
#include "view_who.h"

/* Below this the screens do not fit; a "too small" note is shown instead. */
#define MIN_COLS 40
#define MIN_ROWS 10
/* input_read() waits this long, so signals are noticed quickly. */
#define TICK_MS 500
/* Live refresh: look at the file's fingerprint this often. */
#define POLL_MS 2000
/* Presence: read the others' files this often; write ours when the place
 * changed (at most this often) and at each heartbeat. */
#define OTHERS_MS 2000
#define PLACE_MS 1000
/* The header keeps this many columns for where we are; who we are and
 * who else is in take the rest after the marks. */
#define HEADER_TITLE_MIN 36

static volatile sig_atomic_t got_hangup;

static void on_hangup(int sig)
{
	(void)sig;
	got_hangup = 1;
}

/* The signals that would end the program: each ends the loop instead, so
 * that unsaved edits go to the recovery file and the terminal is restored
 * (Ctrl-C is a key in raw mode; a kill -INT still comes here). */
static const int ending[] = {
	SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
};

static void catch_ending(struct sigaction *old, struct sigaction *old_pipe)
{
	struct sigaction sa = { .sa_handler = on_hangup }, ign = { .sa_handler = SIG_IGN };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
		sigaction(ending[i], &sa, &old[i]);
	/* a write to a closed pipe fails with EPIPE instead of killing us */
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, old_pipe);
}

/* The loop's own state; the screens see only ctx. */
struct session {
	struct ui_ctx ctx;
	unsigned long plan_seen;  /* the plan generation the screens last followed */
	struct timespec last_poll;
	bool cursor_shown;
	struct presence presence; /* our announcement beside the plan */
	struct timespec last_beat, last_others;
};

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000L + (now.tv_nsec - since->tv_nsec) / 1000000L;
}

/* ---- painting */

static void header_marks(const struct ui_ctx *ctx, char *buf, size_t size)
{
	size_t n = editor_unsaved(ctx->ed), len;
	char f[96];

	buf[0] = '\0';
	if (filter_active(&ctx->filter)) {
		ui_filter_label(ctx, f, sizeof f);
		snprintf(buf, size, _("[filter: %s]"), f);
	}
	if (n) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s", len ? " " : "");
		len = strlen(buf);
		snprintf(buf + len, size - len, _("[+%zu modified]"), n);
	}
	if (ctx->read_only) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", len ? " " : "",
		         ctx->not_writable ? _("[read-only: not writable]") : _("[read-only]"));
	}
}

/* Who we are and who else is in: "tanaka: 財政課 他に: suzuki (方針4)".
 * At most two others are named. */
static void header_people(const struct ui_ctx *ctx, char *buf, size_t size)
{
	const struct ui_people *pp = &ctx->people;
	char one[256], list[600] = "";
	size_t len, shown = pp->n_others < 2 ? pp->n_others : 2;

	describe_scope(pp->rights, buf, size);
	for (size_t i = 0; i < shown; i++) {
		describe_presence_place(&pp->others[i].place, false, one, sizeof one);
		len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s (%s)", i ? ", " : "",
		         pp->others[i].user, one);
	}
	if (pp->n_others > shown) {
		len = strlen(list);
		snprintf(list + len, sizeof list - len,
		         ngettext(" and %zu more", " and %zu more", pp->n_others - shown),
		         pp->n_others - shown);
	}
	if (!pp->n_others)
		return;
	len = strlen(buf);
	/* TRANSLATORS: the header: the others who have the plan open */
	snprintf(buf + len, size - len, len ? _(" others: %s") : _("others: %s"), list);
}

/* Row 0: where we are (the name part is cut first) and, on the right, who
 * we are and who else is in (cut to half the row), the filter, the unsaved
 * count and read-only. */
static void draw_header(struct ui_ctx *ctx, const struct screen *full)
{
	struct ui_title t = { "", "", "" };
	attr_t a = ui_attr(ctx, ROLE_HEADER);
	char right[256], people[1024], year[64];
	int cols = COLS, right_w, people_w, full_w, x = 0, fixed;

	ui_put(0, 0, cols, "", a, true);
	header_marks(ctx, right, sizeof right);
	right_w = ui_width(right);
	if (right_w > 0 && right_w + 1 < cols) {
		ui_put(0, cols - right_w, right_w, right, a, false);
		cols -= right_w + 1;
	}
	header_people(ctx, people, sizeof people);
	full_w = people_w = ui_width(people);
	if (people_w > cols - 1 - HEADER_TITLE_MIN)
		people_w = cols - 1 - HEADER_TITLE_MIN;   /* cut with "…" */
	if (people_w > 0 && (people_w == full_w || people_w >= 8)) {
		ui_put(0, cols - people_w, people_w, people, a, false);
		cols -= people_w + 1;
	}
	if (full && full->ops->title) {
		full->ops->title(full, ctx, &t);
	} else {
		snprintf(t.name, sizeof t.name, "%s", ui_plan(ctx)->title);
		ui_year_label(ctx, ui_year(ctx), year, sizeof year);
		snprintf(t.tail, sizeof t.tail, " > %s", year);
	}
	fixed = ui_width(t.lead) + ui_width(t.tail);
	x += ui_put(0, x, cols - x, t.lead, a, false);
	x += ui_put(0, x, cols - fixed > 1 ? cols - fixed : 1, t.name, a, false);
	ui_put(0, x, cols - x, t.tail, a, false);
}

/* The message on rows [y, y + rows): bold, errors with "! " first. */
static void draw_message(struct ui_ctx *ctx, int y, int rows)
{
	char text[UI_MSG_MAX + 4];

	snprintf(text, sizeof text, "%s%s", ctx->msg.error ? "! " : "", ctx->msg.text);
	ui_put_wrapped(y, 0, COLS - 1, text, 0, rows, ui_attr(ctx, ROLE_HEADING));
}

static int message_rows(const struct ui_ctx *ctx)
{
	int rows;

	if (!ctx->msg.shown || !ctx->msg.text[0])
		return 0;
	rows = ui_wrapped_rows(ctx->msg.text, COLS - 3);
	return rows < LINES / 2 ? rows : LINES / 2;
}

static void draw_too_small(void)
{
	char need[64];

	ui_put(0, 0, COLS, _("Terminal too small"), A_BOLD, false);
	snprintf(need, sizeof need, _("Need %dx%d"), MIN_COLS, MIN_ROWS);
	ui_put(1, 0, COLS, need, A_NORMAL, false);
}

/* Lay the frame out and paint it: the body of the topmost full screen
 * (a prompt's preview counts), then the prompt on top or the hint bar,
 * and the message line above them. */
static void draw_frame(struct ui_ctx *ctx)
{
	struct screen *top = screen_top(ctx);
	struct screen *full = screen_full_below(ctx, top);
	bool bar = top && top->ops->kind == SCREEN_BAR;
	int msg = message_rows(ctx);
	int bottom = bar ? 1 + (msg ? msg : 1) : (msg ? msg : 1);

	ctx->layout.body_top = 1;
	ctx->layout.body_rows = LINES - 1 - bottom;
	ctx->layout.bar_title = bar && !msg;
	draw_header(ctx, full);
	ui_set_highlight(ctx->search.text);
	if (full)
		full->ops->draw(full, ctx);
	if (msg)
		draw_message(ctx, LINES - bottom, msg);
	if (bar)
		top->ops->draw(top, ctx);
	else if (!msg)
		ui_draw_hints(ctx, screen_actions(full), LINES - 1);
	ui_set_highlight(NULL);
}

/* One frame: erase, paint, one doupdate.  ncurses sends only the cells
 * that differ from the previous frame (unless full, for Ctrl-L). */
static void paint(struct session *ss, bool full)
{
	struct ui_ctx *ctx = &ss->ctx;

	if (full)
		clear();
	else
		erase();
	ctx->cursor_y = ctx->cursor_x = 0;
	ctx->cursor_visible = false;
	if (COLS < MIN_COLS || LINES < MIN_ROWS)
		draw_too_small();
	else
		draw_frame(ctx);
	if (ctx->cursor_visible != ss->cursor_shown) {
		ss->cursor_shown = ctx->cursor_visible;
		curs_set(ss->cursor_shown ? 1 : 0);
	}
	/* The real cursor sits on the selected row, for screen readers. */
	if (ctx->cursor_y >= 0 && ctx->cursor_y < LINES && ctx->cursor_x >= 0 &&
	    ctx->cursor_x < COLS)
		move(ctx->cursor_y, ctx->cursor_x);
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- the actions every screen shares */

/* u and Ctrl-R: show the entry the step changed, in its item's sheet. */
static unsigned undo_redo(struct ui_ctx *ctx, bool redo)
{
	struct selection where;
	unsigned r = edit_undo(ctx, redo, &where);

	if (where.policy >= 0)
		nav_show(ctx, where.policy, where.item, true, where.year);
	return r;
}

static unsigned edit_action(struct ui_ctx *ctx, const struct action_call *a)
{
	struct selection sel;

	screen_selection(ctx, &sel);
	switch (a->id) {
	case ACT_SET_STATUS:   return edit_status(ctx, &sel, a->arg, false, NULL);
	case ACT_CYCLE_STATUS: return edit_status(ctx, &sel, 0, true, NULL);
	case ACT_EDIT_NOTE:    return edit_text(ctx, &sel, FIELD_NOTE);
	default:               return edit_text(ctx, &sel, FIELD_PLAN);
	}
}

static unsigned open_screen(struct ui_ctx *ctx, enum action a)
{
	struct selection sel;
	int policy;

	screen_selection(ctx, &sel);
	switch (a) {
	case ACT_MEETING:
		/* from a policy's items or an item: that policy; else the whole plan */
		policy = sel.item >= 0 ? sel.policy : -1;
		screen_push(ctx, &meeting_ops, &policy);
		break;
	case ACT_MATRIX:
		screen_push(ctx, &matrix_ops, &sel);
		break;
	default:
		screen_push(ctx, &log_ops, NULL);
		break;
	}
	return UI_REDRAW;
}

static unsigned global_action(struct ui_ctx *ctx, const struct action_call *a)
{
	const struct plan *plan = ui_plan(ctx);

	switch (a->id) {
	case ACT_HELP:
		screen_push(ctx, &help_ops, screen_top(ctx));
		return UI_REDRAW;
	case ACT_REDRAW:          return UI_CLEAR;
	case ACT_QUIT:            return ui_quit(ctx);
	case ACT_SAVE:            return ui_save(ctx, false);
	case ACT_UNDO:
	case ACT_REDO:            return undo_redo(ctx, a->id == ACT_REDO);
	case ACT_SET_STATUS:
	case ACT_CYCLE_STATUS:
	case ACT_EDIT_NOTE:
	case ACT_EDIT_PLAN:       return edit_action(ctx, a);
	case ACT_JUMP:
	case ACT_SEARCH:          return find_open(ctx, a->id == ACT_JUMP);
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:     return find_step(ctx, a->id == ACT_SEARCH_NEXT);
	case ACT_FILTER:          return filter_open(ctx);
	case ACT_FILTER_CLEAR:    return filter_clear_all(ctx);
	case ACT_EXPORT:          return export_open(ctx);
	case ACT_MEETING:
	case ACT_MATRIX:
	case ACT_LOG:             return open_screen(ctx, a->id);
	case ACT_WHO:
		screen_push(ctx, &who_ops, NULL);
		return UI_REDRAW;
	case ACT_YEAR_STYLE:
		ctx->era_years = !ctx->era_years;
		return UI_REDRAW;
	case ACT_YEAR_PREV:
		ctx->year -= ctx->year > 0;
		return UI_REDRAW;
	case ACT_YEAR_NEXT:
		ctx->year += ctx->year + 1 < plan->n_years;
		return UI_REDRAW;
	case ACT_REVIEW_PREV:
		ctx->review -= ctx->review > 0;
		return UI_REDRAW;
	case ACT_REVIEW_NEXT:
		ctx->review += ctx->review + 1 < (int)plan->n_reviews;
		return UI_REDRAW;
	case ACT_EFFECTS:
		screen_push(ctx, &effects_ops, NULL);
		return UI_REDRAW;
	default:
		return 0;
	}
}

/* A key the mode has no action for: say so when it is an editing key on a
 * screen without entries. */
static unsigned unbound(struct ui_ctx *ctx, struct key k)
{
	static const enum action editing[] = {
		ACT_SET_STATUS, ACT_CYCLE_STATUS, ACT_EDIT_NOTE, ACT_EDIT_PLAN, ACT_NONE
	};
	struct screen *top = screen_top(ctx);
	struct action_call a;

	if (!top || top->ops->kind != SCREEN_FULL || !action_resolve(editing, k, &a))
		return 0;
	ui_say(ctx, _("Open a policy (Enter) to change the entries of its items."));
	return UI_REDRAW;
}

/* A save or a reload may have replaced the plan: every screen finds its
 * selection again, and the year shown stays in range. */
static void follow_plan(struct session *ss)
{
	struct ui_ctx *ctx = &ss->ctx;
	const struct plan *plan = ui_plan(ctx);

	if (ss->plan_seen != ctx->plan_gen) {
		ss->plan_seen = ctx->plan_gen;
		screen_plan_changed(ctx);
	}
	if (ctx->year >= plan->n_years)
		ctx->year = plan->n_years ? plan->n_years - 1 : 0;
	if (ctx->review >= (int)plan->n_reviews)
		ctx->review = (int)plan->n_reviews - 1;
	if (ctx->review < 0 && plan->n_reviews)
		ctx->review = (int)plan->n_reviews - 1;
	/* "overdue" means before the year shown; ratings are those of the
	 * review date shown */
	ctx->filter.reference_year = ui_year(ctx);
	ctx->filter.reference_review = ctx->review;
}

static unsigned handle_key(struct session *ss, struct key k)
{
	struct ui_ctx *ctx = &ss->ctx;
	struct screen *top = screen_top(ctx);
	struct action_call a;
	unsigned r;

	if (k.is_code && k.code == KEY_RESIZE)
		return UI_REDRAW;         /* LINES and COLS are already updated */
	if (!top)
		return UI_QUIT;
	if (!action_resolve(screen_actions(top), k, &a))
		r = unbound(ctx, k);
	else if ((r = top->ops->key(top, ctx, &a)) & UI_UNHANDLED)
		r = (r & ~(unsigned)UI_UNHANDLED) | global_action(ctx, &a);
	screen_sweep(ctx);
	follow_plan(ss);
	return r | (screen_top(ctx) ? 0 : UI_QUIT);
}

/* ---- live refresh */

static void say_reload(struct ui_ctx *ctx, struct reload_report *r)
{
	char first[512] = "", msg[8400], err[4096];
	struct file_error fe = { 0 };
	bool stored;

	if (r->n_changes)
		ui_change_label(ctx, r->changes[0].item_id, r->changes[0].year, r->changes[0].field,
		                r->changes[0].before, r->changes[0].after, first, sizeof first);
	if (r->n_changes > 1)
		snprintf(msg, sizeof msg, _("Another session saved: %zu changes (%s, and %zu more)."),
		         r->n_changes, first, r->n_changes - 1);
	else if (r->n_changes)
		snprintf(msg, sizeof msg, _("Another session saved: %zu changes (%s)."), r->n_changes,
		         first);
	else
		snprintf(msg, sizeof msg, "%s", _("Another session saved the file; reloaded."));
	/* a conflict is said first */
	if (r->n_conflicts)
		ui_say(ctx, _("%zu of your edits were also changed by another session: w shows both "
		              "and asks which to keep. "), r->n_conflicts);
	else
		ui_clear_message(ctx);
	ui_add_message(ctx, msg);
	if (r->kept) {
		snprintf(msg, sizeof msg, _("Your %zu unsaved edits are kept."), r->kept);
		ui_add_message(ctx, msg);
	}
	if (!r->n_lost)
		return;
	/* nothing typed is lost: what the new file has no place for goes to
	 * the recovery file, offered at the next start */
	stored = recovery_store(ctx->path, r->lost, r->n_lost, &fe) == 0;
	if (stored && r->refused) {
		snprintf(msg, sizeof msg, _("%zu edits are on items you may no longer change (their "
		                            "departments changed in the file); they were moved to "
		                            "%s."), r->n_lost, fe.path);
	} else if (stored) {
		snprintf(msg, sizeof msg, _("%zu edits have no place in the new file; they were "
		                            "moved to %s."), r->n_lost, fe.path);
	} else {
		describe_file_error(&fe, err, sizeof err);
		snprintf(msg, sizeof msg, _("%zu edits have no place in the new file and could not "
		                            "be kept: %s"), r->n_lost, err);
	}
	ui_add_message(ctx, msg);
	ctx->msg.error = true;
}

/* Another official saved the file: take their changes in, keep ours and
 * the selections, and say what changed. */
static unsigned poll_file(struct session *ss)
{
	struct ui_ctx *ctx = &ss->ctx;
	struct screen *top = screen_top(ctx);
	struct file_stamp now;
	struct reload_report r;
	enum reload_status st;

	if (elapsed_ms(&ss->last_poll) < POLL_MS)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &ss->last_poll);
	if (top && top->ops->settling)
		return 0;             /* a save or a recovery is being settled */
	if (!file_changed(ctx->path, &ctx->stamp, &now))
		return 0;
	ctx->stamp = now;         /* one change is reported once */
	st = editor_reload(ctx->ed, ctx->path, &r);
	if (st == RELOAD_OK) {
		ui_plan_replaced(ctx);
		follow_plan(ss);
		say_reload(ctx, &r);
	} else if (st == RELOAD_FAILED) {
		char why[4096];

		describe_reload(&r, st, ctx->path, why, sizeof why);
		ui_error(ctx, _("The file changed on disk but cannot be read now (kept what is "
		                "shown): %s"), why);
	}
	reload_report_free(&r);
	return st == RELOAD_UNCHANGED ? 0 : UI_REDRAW;
}

/* ---- who else is in */

/* Where this session is: the screen, and what is selected in it or, for
 * a screen without a selection (help, the log, W), in the one below. */
static void current_place(struct ui_ctx *ctx, struct presence_place *pl)
{
	struct screen *full = screen_full_below(ctx, screen_top(ctx)), *s = full;
	const struct plan *plan = ui_plan(ctx);
	struct selection sel = { -1, -1, 0 };

	memset(pl, 0, sizeof *pl);
	if (full)
		snprintf(pl->view, sizeof pl->view, "%s", full->ops->name);
	while (s && !s->ops->selected && screen_under(ctx, s))
		s = screen_full_below(ctx, screen_under(ctx, s));
	if (!s || !s->ops->selected || !s->ops->selected(s, ctx, &sel) || sel.policy < 0 ||
	    (size_t)sel.policy >= plan->n_policies)
		return;
	snprintf(pl->policy, sizeof pl->policy, "%s", plan->policies[sel.policy].id);
	if (sel.item >= 0 && (size_t)sel.item < plan->policies[sel.policy].n_items)
		snprintf(pl->item, sizeof pl->item, "%s", plan->policies[sel.policy].items[sel.item].id);
	pl->year = sel.year;
}

static bool same_people(const struct presence_entry *a, const struct presence_entry *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].user, b[i].user) != 0 || a[i].pid != b[i].pid ||
		    strcmp(a[i].host, b[i].host) != 0 ||
		    memcmp(&a[i].place, &b[i].place, sizeof a[i].place) != 0)
			return false;
	return true;
}

/* Read the others' files again; UI_REDRAW when the list changed. */
static unsigned read_others(struct session *ss)
{
	struct ui_people *pp = &ss->ctx.people;
	struct presence_entry now[PRESENCE_MAX];
	size_t n = 0;

	clock_gettime(CLOCK_MONOTONIC, &ss->last_others);
	if (presence_others(&ss->presence, time(NULL), now, PRESENCE_MAX, &n, NULL) != 0)
		return 0;
	/* the place strings were zero-filled by the parser: memcmp is fair */
	if (n == pp->n_others && same_people(now, pp->others, n))
		return 0;
	memcpy(pp->others, now, n * sizeof *now);
	pp->n_others = n;
	return UI_REDRAW;
}

/* On the loop's tick and after each key: our heartbeat (at once when the
 * place changed, at most every PLACE_MS), and the others every OTHERS_MS.
 * O(1) per call apart from the file work it rate-limits. */
static unsigned presence_tick(struct session *ss)
{
	struct ui_ctx *ctx = &ss->ctx;
	struct presence_place here;
	long since_beat = elapsed_ms(&ss->last_beat);
	unsigned r = 0;

	if (ss->presence.ready && since_beat >= PLACE_MS) {
		current_place(ctx, &here);
		if (since_beat >= PRESENCE_BEAT_S * 1000L ||
		    memcmp(&here, &ss->presence.me.place, sizeof here) != 0) {
			presence_beat(&ss->presence, &here, time(NULL), NULL);
			clock_gettime(CLOCK_MONOTONIC, &ss->last_beat);
			ctx->people.me = ss->presence.me;
			ctx->people.announced = ss->presence.fd >= 0;
		}
	}
	if (ss->presence.ready && elapsed_ms(&ss->last_others) >= OTHERS_MS)
		r = read_others(ss);
	return r;
}

/* Announce this session beside the plan.  A refused file (a symbolic link
 * planted where ours goes, someone else's file) is said; a directory we
 * cannot write is not (the session is then simply not announced). */
static void presence_start(struct session *ss)
{
	struct ui_ctx *ctx = &ss->ctx;
	struct presence_place here;
	struct file_error fe = { 0 };
	char why[4096], msg[4400];

	if (presence_open(&ss->presence, ctx->path, lock_user(), time(NULL), &fe) != 0 &&
	    fe.refusal != FILE_ACCEPTED) {
		describe_file_error(&fe, why, sizeof why);
		snprintf(msg, sizeof msg, _("This session is not announced to the others: %s"), why);
		ui_add_message(ctx, msg);
	}
	current_place(ctx, &here);
	presence_beat(&ss->presence, &here, time(NULL), NULL);
	clock_gettime(CLOCK_MONOTONIC, &ss->last_beat);
	ctx->people.me = ss->presence.me;
	ctx->people.announced = ss->presence.fd >= 0;
	read_others(ss);
}

/* ---- the loop */

/* A paste changes only a text being edited: the prompt on top takes it. */
static unsigned handle_paste(struct session *ss, const struct input_event *ev)
{
	struct ui_ctx *ctx = &ss->ctx;
	struct screen *top = screen_top(ctx);
	unsigned r;

	if (!top || !top->ops->paste) {
		if (ev->unterminated)
			ui_say(ctx, "%s", _("A paste is still open: typing is pasted text (no "
			                    "changes) until Esc."));
		else
			ui_say(ctx, "%s", _("A paste goes only into a text being edited (e, E, :, /); "
			                    "nothing was changed."));
		return UI_REDRAW;
	}
	r = top->ops->paste(top, ctx, ev->text, ev->len);
	if (ev->unterminated)
		ui_say(ctx, "%s", _("A paste is still open: typing is pasted text until Esc."));
	else if (ev->truncated)
		ui_say(ctx, _("Only the first %d columns of the pasted text were taken."),
		       FIELD_PASTE_MAX_COLS);
	screen_sweep(ctx);
	follow_plan(ss);
	return r;
}

/* What the loop does with each kind of input event (input.h). */
static unsigned handle_input(struct session *ss, const struct input_event *ev)
{
	switch (ev->kind) {
	case INPUT_KEY:
		if (ev->meta)
			return 0;         /* Alt+key: no action is bound to one */
		return handle_key(ss, (struct key){ ev->is_code, ev->key });
	case INPUT_PASTE:
		return handle_paste(ss, ev);
	case INPUT_UNKNOWN:
		/* TRANSLATORS: %s is what the terminal sent, e.g. ^[[25~ */
		ui_say(&ss->ctx, _("Unknown key %s: ignored."), ev->seq);
		return UI_REDRAW;
	case INPUT_TIMEOUT:
	case INPUT_GONE:
		break;
	}
	return 0;
}

/* A slice of the top screen's work between keys: 1 while more is left,
 * 0 when it is done, -1 when the screen has no work. */
static int work(struct ui_ctx *ctx)
{
	struct screen *top = screen_top(ctx);

	if (!top || !top->ops->work)
		return -1;
	return top->ops->work(top, ctx) ? 1 : 0;
}

static void event_loop(struct session *ss)
{
	unsigned changed = UI_REDRAW;
	bool busy = false;

	for (;;) {
		struct input_event ev;

		if (got_hangup || (changed & UI_QUIT))
			break;
		if (changed & (UI_REDRAW | UI_CLEAR))
			paint(ss, changed & UI_CLEAR);
		changed = 0;
		/* with work left, only look for a key before the next slice */
		input_read(&ev, busy ? 0 : TICK_MS);
		if (got_hangup || ev.kind == INPUT_GONE) {
			got_hangup = 1;
			break;
		}
		if (ev.kind == INPUT_TIMEOUT) {
			if (busy) {
				int w = work(&ss->ctx);

				busy = w > 0;
				changed |= w >= 0 ? UI_REDRAW : 0;
			}
			changed |= poll_file(ss);
			changed |= presence_tick(ss);
			continue;
		}
		busy = true;              /* a key may leave work: look at the next turn */
		if (ss->ctx.msg.shown) {
			ui_clear_message(&ss->ctx);
			changed |= UI_REDRAW;
		}
		changed |= handle_input(ss, &ev);
		changed |= poll_file(ss);
		changed |= presence_tick(ss);
	}
}

/* After a hang-up, with curses ended: keep the line being typed, and
 * write the unsaved edits to the recovery file.  No curses. */
static void rescue(struct ui_ctx *ctx)
{
	for (size_t i = ctx->depth; i > 0; i--)
		if (ctx->stack[i - 1].ops->rescue)
			ctx->stack[i - 1].ops->rescue(&ctx->stack[i - 1], ctx);
	if (ctx->read_only || !editor_unsaved(ctx->ed))
		return;
	/* Nobody is left to tell when this fails: the terminal is gone. */
	recovery_write(ctx->ed, ctx->path, NULL);
}

/* ---- set-up */

static void init_colors(struct ui_ctx *ctx)
{
	const char *no_color = getenv("NO_COLOR");
	short bg = COLOR_BLACK;

	ctx->color = has_colors() && !(no_color && *no_color);
	if (!ctx->color)
		return;
	start_color();
	if (use_default_colors() == OK)
		bg = -1;
	for (short c = 0; c < 8 && c + 1 < COLOR_PAIRS; c++)
		init_pair(c + 1, c, bg);
}

static SCREEN *open_terminal(struct ui_ctx *ctx, char *err, size_t errsize)
{
	static const char *const fallbacks[] = { "xterm-256color", "xterm", "vt100" };
	const char *term = getenv("TERM");
	char note[256];
	SCREEN *screen;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errsize, "%s", _("the dashboard needs a terminal: stdin and stdout must be a tty (try --check for a text report)"));
		return NULL;
	}
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		snprintf(err, errsize, "%s", _("the dashboard needs a terminal that can move the cursor: TERM is unset or \"dumb\""));
		return NULL;
	}
	screen = newterm(term, stdout, stdin);
	for (size_t i = 0; !screen && i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
		screen = newterm(fallbacks[i], stdout, stdin);
		if (screen) {
			snprintf(note, sizeof note, _("Unknown terminal type \"%s\"; using %s."), term,
			         fallbacks[i]);
			ui_add_message(ctx, note);
		}
	}
	if (!screen)
		snprintf(err, errsize, _("cannot open the terminal (TERM=%s)"), term);
	return screen;
}

static void setup_curses(struct ui_ctx *ctx)
{
	raw();                      /* Ctrl-S, Ctrl-Q and Ctrl-C reach the key table */
	noecho();
	nonl();
	input_start();              /* keys, escape sequences, bracketed paste */
	curs_set(0);
	init_colors(ctx);
}

static void setup_ctx(struct session *ss, const char *path, const struct ui_options *opts)
{
	struct ui_ctx *ctx = &ss->ctx;
	const struct plan *plan = ui_plan(ctx);
	char note[4200];

	ctx->path = path;
	ctx->backup = opts && opts->backup;
	ctx->commit = opts && opts->commit;
	ctx->author = opts ? opts->author : NULL;
	ctx->confined = opts && opts->confined;
	ctx->era_years = i18n_is_japanese();
	file_stamp_get(path, &ctx->stamp);
	clock_gettime(CLOCK_MONOTONIC, &ss->last_poll);
	for (size_t i = 0; i < plan->n_years; i++)
		if (plan->years[i] == plan->review_year)
			ctx->year = i;
	ctx->filter.reference_year = ui_year(ctx);
	ctx->review = (int)plan->n_reviews - 1;   /* the latest review */
	ctx->filter.reference_review = ctx->review;
	if (opts && opts->note)
		ui_add_message(ctx, opts->note);
	ctx->read_only = opts && opts->read_only;
	ctx->people.rights = opts ? opts->rights : NULL;
	/* the gate: no change, from any screen, lands outside the rules */
	if (ctx->people.rights && ctx->people.rights->rules)
		editor_set_gate(ctx->ed, access_gate, ctx->people.rights);
	if (access_read_only(ctx->people.rights))
		ctx->read_only = true;    /* a viewer: the header says read-only */
	if (!ctx->read_only && !file_is_writable(path)) {
		ctx->read_only = ctx->not_writable = true;
		snprintf(note, sizeof note, _("%s is not writable: opened read-only."), path);
		ui_add_message(ctx, note);
	}
	ss->plan_seen = ctx->plan_gen;
}

int ui_run(struct editor *ed, const char *path, const struct ui_options *opts,
           char *err, size_t errsize)
{
	struct sigaction old[sizeof ending / sizeof ending[0]], old_pipe;
	struct session *ss = calloc(1, sizeof *ss);
	SCREEN *screen;

	if (!ss) {
		snprintf(err, errsize, "%s", _("out of memory"));
		return 2;
	}
	ss->ctx.ed = ed;
	screen = open_terminal(&ss->ctx, err, errsize);
	if (!screen) {
		free(ss);
		return 2;
	}
	set_term(screen);
	setup_curses(&ss->ctx);
	got_hangup = 0;
	catch_ending(old, &old_pipe);
	setup_ctx(ss, path, opts);
	screen_push(&ss->ctx, &overview_ops, NULL);
	presence_start(ss);
	if (opts && opts->fix)
		ui_fix_offer(&ss->ctx, opts->fix);
	else
		recover_offer(&ss->ctx);
	event_loop(ss);
	/* Rescue before endwin(): on a stalled link endwin() can block in
	 * write(), and a later SIGKILL would then lose the edits. */
	if (got_hangup)
		rescue(&ss->ctx);
	presence_close(&ss->presence);
	input_stop();
	endwin();
	delscreen(screen);
	for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
		sigaction(ending[i], &old[i], NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	screen_free_all(&ss->ctx);
	ui_counts_free(&ss->ctx);
	free(ss);
	return 0;
}
