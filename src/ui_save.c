/* ui_save.c - saving from the dashboard, with the conflict picker (see
 * ui_save.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "draw.h"
#include "i18n.h"
#include "input.h"
#include "keys.h"
#include "lock.h"
#include "markers.h"
#include "save.h"
#include "ui_edit.h"
#include "ui_save.h"

#define CONFLICT_ROWS 4           /* rows per conflict on the picker */
/* How long a save waits for another session's save, saying so, before it
 * gives up by itself (Esc gives up sooner). */
#define SAVE_WAIT_MS (10 * 60 * 1000)

struct picker {
	struct save_report report; /* the refused save: its conflicts */
	struct markers_fix *fix;  /* or the conflicts a merge left in the file */
	const struct conflict *list;   /* the conflicts shown (report's or fix's) */
	size_t n;
	signed char *choice;      /* per conflict: -1 undecided, 0 theirs, 1 ours */
	size_t sel, top;
	bool quit;                /* the save was asked for by the quit prompt */
};

struct picker_arg {
	struct save_report *report;   /* taken over by the picker (NULL with fix) */
	struct markers_fix *fix;      /* borrowed */
	bool quit;
};

static const struct screen_ops picker_ops;

/* After a save: what became of its commit (--commit), on the message
 * line after the save's own sentence. */
static void say_commit(struct ui_ctx *ctx, const struct vcs_result *commit)
{
	char what[1024], line[1100];

	describe_commit(commit, what, sizeof what);
	if (!what[0])
		return;
	snprintf(line, sizeof line, _("Git: %s."), what);
	ui_add_message(ctx, line);
	if (vcs_warns(commit))
		ctx->msg.error = true;
}

static unsigned saved(struct ui_ctx *ctx, struct save_report *rep, bool quit)
{
	/* our own save is not another session's change */
	ctx->stamp = rep->stamp;
	if (rep->merged)
		ui_say(ctx, _("Saved %zu changes; merged %zu changes from another session."),
		       rep->written, rep->merged);
	else
		ui_say(ctx, ngettext("Saved %zu change.", "Saved %zu changes.", rep->written),
		       rep->written);
	if (rep->warning != SAVE_WARN_NONE) {   /* saved; the history or fsync failed */
		char why[4096];

		describe_file_error(&rep->warning_file, why, sizeof why);
		ui_error(ctx, _("Saved, with a warning: %s"), why);
	}
	say_commit(ctx, &rep->commit);
	save_report_free(rep);
	return quit ? UI_QUIT : UI_REDRAW;
}

/* While another session holds the save lock: say who, and let Esc (or q,
 * Ctrl-C) give up; the edits stay either way.  Drawn straight onto the
 * bottom row: the loop is waiting for the save to return. */
static bool lock_wait(const struct lock_holder *holder, long waited_ms, void *arg)
{
	struct ui_ctx *ctx = arg;
	char who[256], line[512];

	describe_lock_holder(holder, who, sizeof who);
	if (who[0])
		snprintf(line, sizeof line, _("Waiting for %s to finish saving (%ld s)... Esc gives up; "
		                              "your edits are kept."), who, waited_ms / 1000);
	else
		snprintf(line, sizeof line, _("Waiting for another session to finish saving (%ld s)... "
		                              "Esc gives up; your edits are kept."), waited_ms / 1000);
	ui_put_wrapped(LINES - 2, 0, COLS - 1, line, 0, 2, ui_attr(ctx, ROLE_HEADER));
	refresh();
	/* keys typed meanwhile are given back, to be handled after the save */
	struct input_event ahead[INPUT_UNREAD_MAX];
	size_t n = 0;
	bool give_up = false;

	while (!give_up && n < INPUT_UNREAD_MAX && input_read(&ahead[n], 0) != INPUT_TIMEOUT) {
		const struct input_event *ev = &ahead[n++];

		give_up = ev->kind == INPUT_GONE ||
		          (ev->kind == INPUT_KEY && !ev->is_code &&
		           (ev->key == ESC || ev->key == 'q' || ev->key == CTRL('c')));
	}
	for (size_t i = 0; i + (give_up ? 1 : 0) < n; i++)
		input_unread(&ahead[i]);
	return !give_up;
}

unsigned ui_save(struct ui_ctx *ctx, bool quit)
{
	struct save_options opt = { .backup = ctx->backup, .lock_timeout_ms = SAVE_WAIT_MS,
	                            .lock_wait = lock_wait, .lock_wait_arg = ctx,
	                            .commit = ctx->commit, .author = ctx->author,
	                            .message = describe_commit_message };
	struct save_report rep;

	if (edit_refused(ctx))
		return UI_REDRAW;
	if (!editor_unsaved(ctx->ed)) {
		ui_say(ctx, _("Nothing to save."));
		return quit ? UI_QUIT : UI_REDRAW;
	}
	/* the plan may be replaced: the loop tells every screen afterwards */
	switch (editor_save(ctx->ed, ctx->path, &opt, &rep)) {
	case SAVE_OK:
		ui_plan_replaced(ctx);
		return saved(ctx, &rep, quit);
	case SAVE_CONFLICT:
		if (!screen_push(ctx, &picker_ops, &(struct picker_arg){ &rep, NULL, quit })) {
			save_report_free(&rep);
			ui_error(ctx, _("Out of memory: not saved; your changes are kept."));
		}
		return UI_REDRAW;
	case SAVE_FAILED:
		break;
	}
	{
		char why[4096];

		describe_save_error(&rep.error, ctx->path, why, sizeof why);
		ui_error(ctx, _("Not saved (your changes are kept): %s"), why);
	}
	save_report_free(&rep);
	return UI_REDRAW;
}

/* ---- the conflict picker */

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	const struct picker_arg *pa = arg;
	struct picker *p = s->state;
	size_t n = pa->fix ? pa->fix->n_conflicts : pa->report->n_conflicts;

	p->choice = malloc(n ? n : 1);
	if (!p->choice) {
		ui_error(ctx, _("Out of memory: not saved; your changes are kept."));
		return false;
	}
	memset(p->choice, -1, n);
	if (pa->fix) {
		/* a field only one side changed: that side, proposed */
		memcpy(p->choice, pa->fix->suggest, n);
		p->fix = pa->fix;
		p->list = pa->fix->conflicts;
	} else {
		p->report = *pa->report;
		p->list = p->report.conflicts;
	}
	p->n = n;
	p->quit = pa->quit;
	return true;
}

static void close_picker(struct screen *s)
{
	struct picker *p = s->state;

	save_report_free(&p->report);
	free(p->choice);
}

/* Enter on a file with conflict markers: write it with the values chosen
 * (the picker stays when that fails). */
static unsigned settle_fix(struct picker *p, struct ui_ctx *ctx)
{
	struct save_options opt = { .backup = ctx->backup, .lock_timeout_ms = SAVE_WAIT_MS,
	                            .lock_wait = lock_wait, .lock_wait_arg = ctx,
	                            .commit = ctx->commit, .author = ctx->author,
	                            .message = describe_commit_message };
	struct splice_error err;
	struct save_report rep;
	struct change *changes = NULL;
	struct plan *written = NULL;
	size_t len, n = 0;
	char why[4096];
	bool *keep = calloc(p->n ? p->n : 1, sizeof *keep);
	char *text = NULL;

	for (size_t i = 0; keep && i < p->n; i++)
		keep[i] = p->choice[i] == 1;
	if (keep && !(text = markers_fix_apply(p->fix, keep, &len, &changes, &n, &err))) {
		describe_splice_error(&err, why, sizeof why);
		ui_error(ctx, _("Not written: %s"), why);
	} else if (!keep) {
		ui_error(ctx, "%s", _("Out of memory: not written."));
	} else if (save_text(ctx->path, p->fix->text, p->fix->len, text, len, changes, n, &opt,
	                     &written, &rep) != SAVE_OK) {
		describe_save_error(&rep.error, ctx->path, why, sizeof why);
		ui_error(ctx, _("Not written: %s"), why);
	} else {
		editor_replace_plan(ctx->ed, written);
		ui_plan_replaced(ctx);
		ctx->stamp = rep.stamp;
		screen_pop(ctx);
		ui_say(ctx, ngettext("Wrote %s with the value chosen for %zu field; to finish a "
		                     "git merge: git add, then git commit.",
		                     "Wrote %s with the values chosen for %zu fields; to finish a "
		                     "git merge: git add, then git commit.", p->n), ctx->path, p->n);
		say_commit(ctx, &rep.commit);
	}
	changes_free(changes, n);
	free(text);
	free(keep);
	return UI_REDRAW;
}

/* Enter: settle every field as chosen, then save again. */
static unsigned settle(struct picker *p, struct ui_ctx *ctx)
{
	size_t n = p->n, left = 0;
	bool quit = p->quit;

	for (size_t i = 0; i < n; i++)
		left += p->choice[i] < 0;
	if (left) {
		ui_say(ctx, _("Choose o or t for every field first (%zu left)."), left);
		return UI_REDRAW;
	}
	if (p->fix)
		return settle_fix(p, ctx);
	for (size_t i = 0; i < n; i++) {
		if (editor_resolve(ctx->ed, &p->report.conflicts[i], p->choice[i] == 1) ==
		    EDIT_NO_MEMORY) {
			ui_error(ctx, _("Out of memory: not saved; your changes are kept."));
			return UI_REDRAW;
		}
	}
	ui_edited_all(ctx);
	screen_pop(ctx);
	return ui_save(ctx, quit);
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct picker *p = s->state;
	size_t n = p->n;
	int page = (ctx->layout.body_rows - 1) / CONFLICT_ROWS;

	switch (a->id) {
	case ACT_KEEP_OURS:
	case ACT_KEEP_THEIRS:
		p->choice[p->sel] = a->id == ACT_KEEP_OURS;
		if (p->sel + 1 < n)
			p->sel++;
		return UI_REDRAW;
	case ACT_ALL_OURS:
	case ACT_ALL_THEIRS:
		memset(p->choice, a->id == ACT_ALL_OURS, n);
		return UI_REDRAW;
	case ACT_CONFLICT_CANCEL:
		screen_pop(ctx);
		if (p->fix)
			return UI_QUIT;   /* the file keeps its markers */
		ui_say(ctx, _("Not saved; your changes are kept."));
		return UI_REDRAW;
	case ACT_CONFLICT_SAVE:
		return settle(p, ctx);
	default:
		if (ui_move(&p->sel, n, a->id, page > 1 ? page : 1))
			return UI_REDRAW;
		return UI_UNHANDLED;
	}
}

static void draw_conflict(struct ui_ctx *ctx, const struct picker *p, size_t i, int y)
{
	const struct conflict *c = &p->list[i];
	bool sel = i == p->sel;
	attr_t base = sel ? ui_attr(ctx, ROLE_SELECTED) : A_NORMAL;
	const char *vals[3] = { c->base, c->theirs, c->ours };
	const char *names[3] = { _("base:"), _("theirs:"), _("ours:") };
	char year[64], head[256];
	int x, name_w = 0;

	ui_year_short(ctx, c->year, year, sizeof year);
	snprintf(head, sizeof head, "%s %s %s", c->item_id, year, ui_field_label(c->field));
	if (sel) {
		ui_put(y, 0, COLS, "", base, true);
		ctx->cursor_y = y;
	}
	ui_put(y, 0, 2, sel ? ">" : "", base, false);
	x = 2 + ui_put(y, 2, COLS - 2, head, base, false);
	x += ui_put(y, x, COLS - x, "   ", base, false);
	ui_put(y, x, COLS - x,
	       p->choice[i] < 0 ? _("keep: (choose o or t)") :
	       p->choice[i] ? _("keep: ours") : _("keep: theirs"), base | A_BOLD, false);
	for (int k = 0; k < 3; k++)
		if (ui_width(names[k]) > name_w)
			name_w = ui_width(names[k]);
	for (int k = 0; k < 3; k++) {
		bool chosen = (k == 1 && p->choice[i] == 0) || (k == 2 && p->choice[i] == 1);

		ui_put(y + 1 + k, 4, 2, chosen ? "*" : "", A_BOLD, false);
		ui_put(y + 1 + k, 6, name_w, names[k], ui_attr(ctx, ROLE_DIM), false);
		ui_put(y + 1 + k, 7 + name_w, COLS - 8 - name_w,
		       ui_value_label(ui_plan(ctx), c->field, vals[k]), chosen ? A_BOLD : A_NORMAL,
		       false);
	}
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct picker *p = s->state;
	int y = ctx->layout.body_top, fit = (ctx->layout.body_rows - 2) / CONFLICT_ROWS;
	size_t n = p->n;

	ui_put(y++, 0, COLS, p->fix ? _("A git merge left these fields changed on both sides:")
	                            : _("Changed both here and by another session since the file "
	                                "was loaded:"), ui_attr(ctx, ROLE_HEADING), false);
	ui_put(y++, 0, COLS, p->fix ? _("For each field, choose the value to keep, then write the "
	                                "file (Esc quits and leaves it as it is).")
	                            : _("For each field, choose the value to keep, then save."),
	       A_NORMAL, false);
	if (fit < 1)
		fit = 1;
	ui_scroll_to(p->sel, &p->top, n, fit);
	for (size_t i = p->top; i < n && (int)(i - p->top) < fit; i++, y += CONFLICT_ROWS)
		draw_conflict(ctx, p, i, y);
	ui_more_marks(ctx->layout.body_top + 2, fit * CONFLICT_ROWS, p->top,
	              n - p->top < (size_t)fit ? n - p->top : (size_t)fit, n);
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	const struct picker *p = s->state;

	(void)ctx;
	snprintf(t->name, sizeof t->name, "%s", p->fix ? _("Merge: choose the values to keep")
	                                               : _("Save: choose the values to keep"));
}

static const enum action picker_actions[] = {
	ACT_KEEP_OURS, ACT_KEEP_THEIRS, ACT_ALL_OURS, ACT_ALL_THEIRS, ACT_DOWN, ACT_UP,
	ACT_CONFLICT_SAVE, ACT_CONFLICT_CANCEL, ACT_HELP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST,
	ACT_LAST, ACT_REDRAW, ACT_NONE
};

static const struct screen_ops picker_ops = {
	.name = "conflicts",
	.kind = SCREEN_FULL,
	.settling = true,
	.state_size = sizeof(struct picker),
	.actions = picker_actions,
	.open = open,
	.close = close_picker,
	.key = key,
	.draw = draw,
	.title = title,
};

/* ---- the quit prompt */

static unsigned quit_key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	(void)s;
	switch (a->id) {
	case ACT_QUIT_SAVE:
		screen_pop(ctx);
		return ui_save(ctx, true);
	case ACT_QUIT_DISCARD:
		return UI_QUIT;
	case ACT_QUIT_CANCEL:
		screen_pop(ctx);
		ui_say(ctx, _("Not quitting; your changes are kept."));
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static const enum action quit_actions[] = {
	ACT_QUIT_SAVE, ACT_QUIT_DISCARD, ACT_QUIT_CANCEL, ACT_HELP, ACT_REDRAW, ACT_NONE
};

static void quit_draw(struct screen *s, struct ui_ctx *ctx)
{
	char title[256], keys[512];
	size_t n = editor_unsaved(ctx->ed);

	(void)s;
	if (ctx->layout.bar_title) {
		snprintf(title, sizeof title, ngettext("%zu change is not saved.",
		                                       "%zu changes are not saved.", n), n);
		ui_put(LINES - 2, 0, COLS, title, ui_attr(ctx, ROLE_HEADER), true);
	}
	ui_hint_text(ctx, quit_actions, keys, sizeof keys);
	ui_put(LINES - 1, 0, COLS - 1, keys, ui_attr(ctx, ROLE_KEY), false);
}

static const struct screen_ops quit_ops = {
	.name = "quit",
	.kind = SCREEN_BAR,
	.state_size = 1,
	.actions = quit_actions,
	.key = quit_key,
	.draw = quit_draw,
};

unsigned ui_quit(struct ui_ctx *ctx)
{
	if (!editor_unsaved(ctx->ed))
		return UI_QUIT;
	screen_push(ctx, &quit_ops, NULL);
	return UI_REDRAW;
}

/* ---- a file with conflict markers */

void ui_fix_offer(struct ui_ctx *ctx, struct markers_fix *fix)
{
	if (!screen_push(ctx, &picker_ops, &(struct picker_arg){ NULL, fix, false }))
		ui_error(ctx, "%s", _("Out of memory: the conflicts cannot be shown."));
}
