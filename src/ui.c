/* ui.c - terminal set-up and tear-down, the event loop, signals, the header
 * line, the hint bar and the drawing helpers shared by the views. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "actions.h"
#include "describe.h"
#include "fileio.h"
#include "query.h"
#include "recovery.h"
#include "reload.h"
#include "i18n.h"
#include "textcol.h"
#include "ui.h"
#include "view.h"

/* Below this the views do not fit; a "too small" note is shown instead. */
#define MIN_COLS 40
#define MIN_ROWS 10
/* get_wch() waits this long, so signals are noticed quickly. */
#define TICK_MS 500
/* This many ERRs in a row, each much faster than TICK_MS, mean the
 * terminal is gone (read() returns at once on a closed pty). */
#define DEAD_TERMINAL_ERRS 20

static volatile sig_atomic_t got_hangup;

static void on_hangup(int sig)
{
	(void)sig;
	got_hangup = 1;
}

static const struct view_ops *const views[VIEW_COUNT] = {
	[VIEW_OVERVIEW] = &overview_ops,
	[VIEW_ITEMS] = &items_ops,
	[VIEW_SHEET] = &sheet_ops,
	[VIEW_HELP] = &help_ops,
	[VIEW_MEETING] = &meeting_ops,
	[VIEW_MATRIX] = &matrix_ops,
	[VIEW_LOG] = &log_ops,
};

/* Live refresh: look at the file's fingerprint this often (the input
 * timeout wakes the loop every TICK_MS). */
#define POLL_MS 2000

/* The active search, underlined wherever text is drawn (set per frame). */
static const char *highlight;

/* --- drawing helpers */

static int put_plain(int y, int x, int cols, const char *s, size_t len, attr_t attr, bool pad)
{
	static wchar_t buf[4096];
	size_t n;
	int used;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS || cols <= 0)
		return 0;
	if (cols > COLS - x)
		cols = COLS - x;
	if (y == LINES - 1 && x + cols >= COLS)
		cols = COLS - 1 - x;      /* writing the last cell scrolls or fails */
	if (cols <= 0)
		return 0;
	n = textcol_clip(s, len, cols, pad, buf, sizeof buf / sizeof buf[0], &used);
	attrset(attr);
	mvaddnwstr(y, x, buf, (int)n);
	attrset(A_NORMAL);
	return used;
}

/* Matches of the search are drawn underlined and bold (never by colour
 * alone); the rest as asked. */
int ui_put_n(int y, int x, int cols, const char *s, size_t len, attr_t attr, bool pad)
{
	size_t nl = highlight ? strlen(highlight) : 0, at = 0;
	char *copy;
	int used = 0;

	if (!nl || !s || !len)
		return put_plain(y, x, cols, s, len, attr, pad);
	copy = malloc(len + 1);
	if (!copy)
		return put_plain(y, x, cols, s, len, attr, pad);
	memcpy(copy, s, len);
	copy[len] = '\0';
	if (!text_find(copy, highlight)) {
		free(copy);
		return put_plain(y, x, cols, s, len, attr, pad);
	}
	while (at < len && used < cols) {
		const char *m = text_find(copy + at, highlight);
		size_t mpos = m ? (size_t)(m - copy) : len;

		if (mpos > at)
			used += put_plain(y, x + used, cols - used, s + at, mpos - at, attr, false);
		if (mpos >= len || used >= cols)
			break;
		used += put_plain(y, x + used, cols - used, s + mpos, nl,
		                  attr | A_UNDERLINE | A_BOLD, false);
		at = mpos + nl;
	}
	if (pad && used < cols)
		used += put_plain(y, x + used, cols - used, "", 0, attr, true);
	free(copy);
	return used;
}

int ui_put(int y, int x, int cols, const char *s, attr_t attr, bool pad)
{
	return ui_put_n(y, x, cols, s, s ? strlen(s) : 0, attr, pad);
}

/* Colour pairs 1..8 are "colour c on the default background". */
#define PAIR_OF(c) COLOR_PAIR((c) + 1)

attr_t ui_attr(const struct ui *ui, int role)
{
	switch (role) {
	case ROLE_HEADER:   return A_REVERSE | A_BOLD;
	case ROLE_SELECTED: return A_REVERSE;
	case ROLE_KEY:      return ui->color ? (PAIR_OF(COLOR_CYAN) | A_BOLD) : A_BOLD;
	case ROLE_HEADING:  return A_BOLD;
	case ROLE_BAR:      return ui->color ? PAIR_OF(COLOR_GREEN) : A_BOLD;
	case ROLE_DIM:      return A_NORMAL;
	}
	return A_NORMAL;
}

/* Status colours only add to the letter, which always says the status. */
attr_t ui_status_attr(const struct ui *ui, int status)
{
	static const short others[] = { COLOR_CYAN, COLOR_YELLOW, COLOR_RED,
	                                COLOR_MAGENTA, COLOR_BLUE };
	const struct plan *plan = ui->plan;

	if (status < 0 || (size_t)status >= plan->n_statuses)
		return A_NORMAL;
	/* No bold: turning it off costs a full attribute reset per cell. */
	if (!ui->color)
		return A_NORMAL;
	if (plan->statuses[status].final)
		return PAIR_OF(COLOR_GREEN);
	return PAIR_OF(others[status % 5]);
}

void ui_year_label(const struct ui *ui, int year, char *buf, size_t size)
{
	int heisei = fiscal_year_heisei(year);

	if (ui->era_years && heisei)
		/* TRANSLATORS: Japanese era year and fiscal year: 平成%d年度 (FY%d) */
		snprintf(buf, size, _("Heisei %d (FY%d)"), heisei, year);
	else
		snprintf(buf, size, "FY%d", year);
}

void ui_year_short(const struct ui *ui, int year, char *buf, size_t size)
{
	int heisei = fiscal_year_heisei(year);

	if (ui->era_years && heisei)
		/* TRANSLATORS: Japanese era fiscal year, short: 平成%d年度 */
		snprintf(buf, size, _("Heisei %d"), heisei);
	else
		snprintf(buf, size, "FY%d", year);
}

void ui_say(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->note_buf, sizeof ui->note_buf, fmt, ap);
	va_end(ap);
	ui->note = ui->note_buf;
}

void ui_action_keys(const struct ui *ui, const struct action_def *d, char *buf, size_t size)
{
	const struct action_key *k = &d->keys[0];

	if (!k->is_code && k->last) {
		/* the digits this plan's vocabulary uses */
		size_t n = ui->plan->n_statuses;
		int last = k->code + (int)(n ? n - 1 : 0);

		if (last > k->last)
			last = k->last;
		if (last > k->code)
			snprintf(buf, size, "%c..%c", k->code, last);
		else
			snprintf(buf, size, "%c", k->code);
		return;
	}
	snprintf(buf, size, "%s", d->hint_keys ? d->hint_keys : action_key_name(k));
}

void ui_policy_label(const struct policy *policy, char *buf, size_t size)
{
	/* TRANSLATORS: a policy number, e.g. 方針4 */
	snprintf(buf, size, _("Policy %s"), policy->id);
}

const struct policy *ui_policy(const struct ui *ui)
{
	return ui->policy < ui->plan->n_policies ? &ui->plan->policies[ui->policy] : NULL;
}

const struct item *ui_item(const struct ui *ui)
{
	const struct policy *p = ui_policy(ui);

	return p && ui->item < p->n_items ? &p->items[ui->item] : NULL;
}

int ui_year(const struct ui *ui)
{
	return ui->plan->n_years ? ui->plan->years[ui->year] : 0;
}

bool ui_move(size_t *sel, size_t n, enum action a, int page)
{
	size_t p = page > 1 ? (size_t)page : 1;
	size_t last = n ? n - 1 : 0;

	switch (a) {
	case ACT_DOWN:      *sel = *sel < last ? *sel + 1 : last; return true;
	case ACT_UP:        *sel = *sel > 0 ? *sel - 1 : 0; return true;
	case ACT_PAGE_DOWN: *sel = *sel + p < last ? *sel + p : last; return true;
	case ACT_PAGE_UP:   *sel = *sel > p ? *sel - p : 0; return true;
	case ACT_FIRST:     *sel = 0; return true;
	case ACT_LAST:      *sel = last; return true;
	default:            return false;
	}
}

void ui_scroll_to(size_t sel, size_t *top, size_t n, int rows)
{
	size_t r = rows > 1 ? (size_t)rows : 1;

	if (sel < *top)
		*top = sel;
	if (sel >= *top + r)
		*top = sel - r + 1;
	if (*top + r > n)
		*top = n > r ? n - r : 0;
}

/* --- header and hint bar */

static void draw_header(struct ui *ui)
{
	const struct policy *policy = ui_policy(ui);
	const struct item *item = ui_item(ui);
	char year[64], label[64], right[256];
	const char *sep = " > ";
	int cols = COLS, x = 0, right_w, fixed, title_w;

	ui_put(0, 0, cols, "", ui_attr(ui, ROLE_HEADER), true);
	/* Right: the modified mark (a count, never colour alone) and the
	 * read-only note. */
	right[0] = '\0';
	if (filter_active(&ui->filter)) {
		char f[96];

		ui_filter_label(ui, f, sizeof f);
		snprintf(right, sizeof right, _("[filter: %s]"), f);
	}
	if (editor_unsaved(ui->ed))
		snprintf(right + strlen(right), sizeof right - strlen(right), "%s", *right ? " " : "");
	if (editor_unsaved(ui->ed))
		snprintf(right + strlen(right), sizeof right - strlen(right), _("[+%zu modified]"),
		         editor_unsaved(ui->ed));
	if (ui->read_only)
		snprintf(right + strlen(right), sizeof right - strlen(right), "%s%s", *right ? " " : "",
		         ui->not_writable ? _("[read-only: not writable]") : _("[read-only]"));
	right_w = textcol_width(right, strlen(right));
	if (right_w > 0 && right_w + 1 < cols)
		ui_put(0, cols - right_w, right_w, right, ui_attr(ui, ROLE_HEADER), false);
	else
		right_w = 0;
	cols -= right_w ? right_w + 1 : 0;

	if (ui->view == VIEW_HELP || ui->view == VIEW_MATRIX || ui->view == VIEW_LOG) {
		ui_put(0, 0, cols, ui->view == VIEW_HELP ? _("Help") :
		       ui->view == VIEW_MATRIX ? _("Status matrix: items by year") : _("Change log"),
		       ui_attr(ui, ROLE_HEADER), false);
		return;
	}
	ui_year_label(ui, ui_year(ui), year, sizeof year);
	if (ui->view == VIEW_OVERVIEW || !policy) {
		fixed = textcol_width(sep, 3) + textcol_width(year, strlen(year));
		title_w = cols - fixed;
		x += ui_put(0, x, title_w, ui->plan->title, ui_attr(ui, ROLE_HEADER), false);
	} else {
		ui_policy_label(policy, label, sizeof label);
		fixed = textcol_width(label, strlen(label)) + 1 + textcol_width(year, strlen(year)) + 3;
		if ((ui->view == VIEW_SHEET || ui->view == VIEW_MEETING) && item)
			fixed += textcol_width(item->id, strlen(item->id)) + 3;
		title_w = cols - fixed;
		x += ui_put(0, x, cols - x, label, ui_attr(ui, ROLE_HEADER), false);
		x += ui_put(0, x, cols - x, " ", ui_attr(ui, ROLE_HEADER), false);
		x += ui_put(0, x, title_w > 0 ? title_w : 0, policy->title, ui_attr(ui, ROLE_HEADER), false);
		if ((ui->view == VIEW_SHEET || ui->view == VIEW_MEETING) && item) {
			x += ui_put(0, x, cols - x, sep, ui_attr(ui, ROLE_HEADER), false);
			x += ui_put(0, x, cols - x, item->id, ui_attr(ui, ROLE_HEADER), false);
		}
	}
	x += ui_put(0, x, cols - x, sep, ui_attr(ui, ROLE_HEADER), false);
	ui_put(0, x, cols - x, year, ui_attr(ui, ROLE_HEADER), false);
}

/* "key:label", except for the key ':' itself, which reads ":jump". */
static const char *hint_separator(const char *keys)
{
	size_t n = strlen(keys);
	return n && keys[n - 1] == ':' ? "" : ":";
}

/* Hints come from the action table: first every plain hint of the view,
 * then the extra ones (editing) in table order while they fit; they are
 * drawn in table order. */
static void draw_hints(struct ui *ui)
{
	int y = LINES - 1, x = 0, cols = COLS - 1, used = 0;
	const struct view_ops *ops = views[ui->view];
	uint64_t mask = ops->hint_mask ? ops->hint_mask(ui) : ops->hints, shown = 0;
	int width[ACT_COUNT] = { 0 };

	if (ui->note) {
		ui_put(y, 0, cols, ui->note, ui_attr(ui, ROLE_HEADING), false);
		return;
	}
	if (ui->read_only)
		mask &= ~(ACTION_BIT(ACT_SET_STATUS) | ACTION_BIT(ACT_CYCLE_STATUS) |
		          ACTION_BIT(ACT_EDIT_NOTE) | ACTION_BIT(ACT_EDIT_PLAN) |
		          ACTION_BIT(ACT_SAVE) | ACTION_BIT(ACT_UNDO) | ACTION_BIT(ACT_REDO) |
		          ACTION_BIT(ACT_MEETING));
	if (!ui->search[0])
		mask &= ~(ACTION_BIT(ACT_SEARCH_NEXT) | ACTION_BIT(ACT_SEARCH_PREV));
	for (int pass = 0; pass < 2; pass++) {
		for (int a = 1; a < ACT_COUNT; a++) {
			const struct action_def *d = &actions[a];
			char keys[32];
			const char *label;

			if (!(mask & ACTION_BIT(a)) || !d->hint || d->hint_extra != (pass == 1))
				continue;
			ui_action_keys(ui, d, keys, sizeof keys);
			label = _(d->hint);
			width[a] = textcol_width(keys, strlen(keys)) + (int)strlen(hint_separator(keys)) +
			           textcol_width(label, strlen(label)) + 1;
			if (used + width[a] - 1 > cols && pass == 1)
				continue;
			used += width[a];
			shown |= ACTION_BIT(a);
		}
	}
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct action_def *d = &actions[a];
		char keys[32];

		if (!(shown & ACTION_BIT(a)))
			continue;
		ui_action_keys(ui, d, keys, sizeof keys);
		if (x + width[a] - 1 > cols)
			break;
		x += ui_put(y, x, cols - x, keys, ui_attr(ui, ROLE_KEY), false);
		x += ui_put(y, x, cols - x, hint_separator(keys), A_NORMAL, false);
		x += ui_put(y, x, cols - x, _(d->hint), A_NORMAL, false);
		x += ui_put(y, x, cols - x, " ", A_NORMAL, false);
	}
}

static void draw_too_small(void)
{
	char need[64];

	ui_put(0, 0, COLS, _("Terminal too small"), A_BOLD, false);
	snprintf(need, sizeof need, _("Need %dx%d"), MIN_COLS, MIN_ROWS);
	ui_put(1, 0, COLS, need, A_NORMAL, false);
}

/* One frame: erase, paint, one doupdate.  ncurses sends only the cells
 * that differ from the previous frame (unless full, for Ctrl-L). */
static void paint(struct ui *ui, bool full)
{
	if (full)
		clear();
	else
		erase();
	ui->cursor_y = 0;
	ui->cursor_x = 0;
	ui->body_top = 1;
	/* A prompt or the line editor takes the two bottom rows. */
	ui->body_rows = LINES - (ui->mode == MODE_BROWSE ? 2 : 3);
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		draw_too_small();
	} else {
		draw_header(ui);
		highlight = ui->search[0] ? ui->search : NULL;
		if (ui->mode == MODE_RECOVER || ui->mode == MODE_CONFLICT)
			ui_edit_draw_body(ui);
		else if (ui->mode == MODE_FILTER)
			ui_find_draw_body(ui);
		else
			views[ui->view]->draw(ui);
		if (ui->mode == MODE_BROWSE)
			draw_hints(ui);
		else
			ui_edit_draw_bottom(ui);   /* may move the cursor to the editor */
	}
	highlight = NULL;
	/* Only the line editor shows the cursor. */
	if ((ui->mode == MODE_LINEEDIT || ui->mode == MODE_PROMPT) != ui->cursor_shown) {
		ui->cursor_shown = ui->mode == MODE_LINEEDIT || ui->mode == MODE_PROMPT;
		curs_set(ui->cursor_shown ? 1 : 0);
	}
	/* The real cursor sits on the selected row, for screen readers. */
	if (ui->cursor_y >= 0 && ui->cursor_y < LINES && ui->cursor_x >= 0 && ui->cursor_x < COLS)
		move(ui->cursor_y, ui->cursor_x);
	wnoutrefresh(stdscr);
	doupdate();
}

/* --- keys */

/* A save may have replaced the plan (and another session's save may have
 * changed its shape): point at the new one and keep the selections valid. */
static void follow_plan(struct ui *ui)
{
	const struct policy *p;

	if (ui->plan != ui->ed->plan) {
		ui->plan = ui->ed->plan;
		ui_find_plan_changed(ui);
	}
	if (ui->year >= ui->plan->n_years)
		ui->year = ui->plan->n_years ? ui->plan->n_years - 1 : 0;
	if (ui->policy >= ui->plan->n_policies)
		ui->policy = ui->plan->n_policies ? ui->plan->n_policies - 1 : 0;
	p = ui_policy(ui);
	if (p && ui->item >= p->n_items)
		ui->item = p->n_items ? p->n_items - 1 : 0;
	if (!p || !p->n_items) {
		if (ui->view == VIEW_SHEET)
			ui->view = VIEW_ITEMS;
	}
	/* "overdue" means before the year shown */
	ui->filter.reference_year = ui_year(ui);
	/* The item list shows only items that pass the filter: keep the
	 * selection on one of them. */
	if (p && ui->view == VIEW_ITEMS && filter_active(&ui->filter) &&
	    !filter_item(ui->plan, &ui->filter, &p->items[ui->item])) {
		for (size_t i = 0; i < p->n_items; i++) {
			size_t k = (ui->item + i) % p->n_items;

			if (filter_item(ui->plan, &ui->filter, &p->items[k])) {
				ui->item = k;
				break;
			}
		}
	}
}

size_t ui_visible_items(const struct ui *ui, const struct policy *p, size_t *idx)
{
	size_t n = 0;
	bool all = !filter_active(&ui->filter);

	for (size_t i = 0; p && i < p->n_items; i++) {
		if (!all && !filter_item(ui->plan, &ui->filter, &p->items[i]))
			continue;
		if (idx)
			idx[n] = i;
		n++;
	}
	return n;
}

void ui_filter_label(const struct ui *ui, char *buf, size_t size)
{
	const struct filter *f = &ui->filter;
	const struct plan *plan = ui->plan;
	size_t len = 0;
	char y[64];

#define ADD(...) do { if (len < size) { \
		int k = snprintf(buf + len, size - len, __VA_ARGS__); \
		len += k > 0 ? (size_t)k : 0; } } while (0)
	buf[0] = '\0';
	if (f->statuses) {
		bool first = true;

		for (size_t s = 0; s < plan->n_statuses && s < FILTER_MAX_STATUSES; s++) {
			if (!(f->statuses & (UINT32_C(1) << s)))
				continue;
			ADD("%s%c", first ? "" : ",", plan->statuses[s].letter);
			first = false;
		}
	}
	if (f->year) {
		ui_year_short(ui, f->year, y, sizeof y);
		ADD("%s%s", len ? " " : "", y);
	}
	if (f->revised)
		ADD("%s%s", len ? " " : "", _("revised"));
	if (f->overdue)
		ADD("%s%s", len ? " " : "", _("overdue"));
	if (f->department[0])
		ADD("%s%s", len ? " " : "", f->department);
#undef ADD
	if (len >= size && size)
		buf[size - 1] = '\0';
}

bool ui_goto(struct ui *ui, const char *item_id, int year, enum view_id view)
{
	struct plan_pos pos;
	int yi;

	if (!pos_locate(ui->plan, item_id, year, &pos))
		return false;
	ui->policy = (size_t)pos.policy;
	ui->item = (size_t)pos.item;
	if (year && (yi = plan_year_index(ui->plan, year)) >= 0)
		ui->year = (size_t)yi;
	ui->view = view;
	ui->sheet_follow = true;
	return true;
}

static unsigned dispatch_key(struct ui *ui, bool is_code, wint_t key)
{
	enum action a;
	unsigned r;

	if (is_code && key == KEY_RESIZE)
		return UI_REDRAW;        /* LINES and COLS are already updated */
	ui->key = key;
	if (ui->mode != MODE_BROWSE)
		return ui_edit_mode_key(ui, is_code, key);
	a = action_for_key(is_code, key);
	if (a == ACT_NONE)
		return 0;
	r = views[ui->view]->act(ui, a);
	if (!(r & UI_UNHANDLED))
		return r;
	switch (a) {
	case ACT_HELP:
		ui->help_from = ui->view;
		ui->view = VIEW_HELP;
		ui->help_top = 0;
		return UI_REDRAW;
	case ACT_REDRAW:
		return UI_CLEAR;
	case ACT_QUIT:
		return ui_edit_quit(ui);
	case ACT_SET_STATUS:
	case ACT_CYCLE_STATUS:
	case ACT_EDIT_NOTE:
	case ACT_EDIT_PLAN:
	case ACT_SAVE:
	case ACT_UNDO:
	case ACT_REDO:
		return ui_edit_action(ui, a);
	case ACT_JUMP:
	case ACT_SEARCH:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
	case ACT_FILTER:
	case ACT_FILTER_CLEAR:
		return ui_find_action(ui, a);
	case ACT_MEETING:
		return ui_meeting_start(ui);
	case ACT_SKIP:
		ui_say(ui, _("s skips an entry in meeting mode (m)."));
		return UI_REDRAW;
	case ACT_MATRIX:
		return ui_matrix_open(ui);
	case ACT_LOG:
		return ui_log_open(ui);
	case ACT_YEAR_STYLE:
		ui->era_years = !ui->era_years;
		return UI_REDRAW;
	case ACT_YEAR_PREV:
		if (ui->year > 0)
			ui->year--;
		return UI_REDRAW;
	case ACT_YEAR_NEXT:
		if (ui->year + 1 < ui->plan->n_years)
			ui->year++;
		return UI_REDRAW;
	default:
		return 0;
	}
}

static unsigned handle_key(struct ui *ui, bool is_code, wint_t key)
{
	unsigned r = dispatch_key(ui, is_code, key);

	follow_plan(ui);
	return r;
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000L + (now.tv_nsec - since->tv_nsec) / 1000000L;
}

/* Nothing typed is lost: the edits a reloaded file has no place for go to
 * the recovery file, offered at the next start; append what became of them
 * to msg. */
static void store_lost(struct ui *ui, const struct reload_report *r, char *msg, size_t size)
{
	char err[1024];
	struct file_error fe = { 0 };
	size_t used = strlen(msg);

	if (recovery_store(ui->path, r->lost, r->n_lost, &fe) == 0) {
		snprintf(msg + used, size - used,
		         _(" %zu edits have no place in the new file; they were moved to %s."),
		         r->n_lost, fe.path);
	} else {
		describe_file_error(&fe, err, sizeof err);
		snprintf(msg + used, size - used,
		         _(" %zu edits have no place in the new file and could not be kept: %s"),
		         r->n_lost, err);
	}
}

/* Another official saved the file: take their changes in, keep ours and
 * the cursor, and say what changed. */
static unsigned poll_file(struct ui *ui)
{
	struct file_stamp now;
	struct reload_report r;
	enum reload_status st;
	const struct item *it;
	char id[128] = "", first[512] = "", msg[512];
	struct plan_pos pos;
	int year;

	if (elapsed_ms(&ui->last_poll) < POLL_MS)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &ui->last_poll);
	if (ui->mode == MODE_CONFLICT || ui->mode == MODE_RECOVER)
		return 0;             /* a save or a recovery is being settled */
	if (!file_changed(ui->path, &ui->stamp, &now))
		return 0;
	ui->stamp = now;          /* one change is reported once */
	it = ui_item(ui);
	if (it)
		snprintf(id, sizeof id, "%s", it->id);
	year = ui_year(ui);
	st = editor_reload(ui->ed, ui->path, &r);
	if (st == RELOAD_UNCHANGED) {
		reload_report_free(&r);
		return 0;
	}
	if (st == RELOAD_FAILED) {
		describe_reload(&r, st, ui->path, msg, sizeof msg);
		ui_say(ui, _("The file changed on disk but cannot be read now (kept what is shown): %s"),
		       msg);
		reload_report_free(&r);
		return UI_REDRAW;
	}
	follow_plan(ui);
	if (*id && pos_locate(ui->plan, id, 0, &pos)) {
		ui->policy = (size_t)pos.policy;
		ui->item = (size_t)pos.item;
	}
	if (plan_year_index(ui->plan, year) >= 0)
		ui->year = (size_t)plan_year_index(ui->plan, year);
	follow_plan(ui);
	if (r.n_changes) {
		const struct field_change *c = &r.changes[0];

		ui_describe_change(ui, c->item_id, c->year, c->field, c->before, c->after,
		                   first, sizeof first);
	}
	if (r.n_changes > 1)
		snprintf(msg, sizeof msg, _("Another session saved: %zu changes (%s, and %zu more)."),
		         r.n_changes, first, r.n_changes - 1);
	else if (r.n_changes)
		snprintf(msg, sizeof msg, _("Another session saved: %zu changes (%s)."), r.n_changes,
		         first);
	else
		snprintf(msg, sizeof msg, "%s", _("Another session saved the file; reloaded."));
	/* A conflict is said first: the end of a long line is cut at 80 columns. */
	if (r.n_conflicts) {
		char both[256];

		snprintf(both, sizeof both, _("%zu of your edits were also changed by another "
		                              "session: w shows both and asks which to keep. "),
		         r.n_conflicts);
		ui_say(ui, "%s%s", both, msg);
	} else {
		ui_say(ui, "%s", msg);
	}
	if (r.kept)
		snprintf(msg, sizeof msg, _(" Your %zu unsaved edits are kept."), r.kept);
	else
		msg[0] = '\0';
	if (r.n_lost)
		store_lost(ui, &r, msg, sizeof msg);
	snprintf(ui->note_buf + strlen(ui->note_buf), sizeof ui->note_buf - strlen(ui->note_buf),
	         "%s", msg);
	reload_report_free(&r);
	return UI_REDRAW;
}

static void event_loop(struct ui *ui)
{
	unsigned changed = UI_REDRAW;
	int fast_errs = 0;

	for (;;) {
		struct timespec start;
		wint_t key;
		int r;

		if (got_hangup || (changed & UI_QUIT))
			break;
		if (changed & (UI_REDRAW | UI_CLEAR))
			paint(ui, changed & UI_CLEAR);
		changed = 0;
		clock_gettime(CLOCK_MONOTONIC, &start);
		r = get_wch(&key);
		if (got_hangup)
			break;
		if (r == ERR) {
			changed |= poll_file(ui);
			if (elapsed_ms(&start) < TICK_MS / 2) {
				if (++fast_errs > DEAD_TERMINAL_ERRS) {
					got_hangup = 1;
					break;
				}
			} else {
				fast_errs = 0;
			}
			continue;
		}
		fast_errs = 0;
		if (ui->note) {
			ui->note = NULL;
			changed |= UI_REDRAW;
		}
		changed |= handle_key(ui, r == KEY_CODE_YES, key);
		changed |= poll_file(ui);
	}
}

/* --- set-up */

static bool color_wanted(void)
{
	const char *no_color = getenv("NO_COLOR");

	return has_colors() && !(no_color && *no_color);
}

static void init_colors(struct ui *ui)
{
	short bg = COLOR_BLACK;

	ui->color = color_wanted();
	if (!ui->color)
		return;
	start_color();
	if (use_default_colors() == OK)
		bg = -1;
	for (short c = 0; c < 8 && c + 1 < COLOR_PAIRS; c++)
		init_pair(c + 1, c, bg);
}

void ui_add_note(struct ui *ui, const char *msg)
{
	size_t len = ui->note ? strlen(ui->note_buf) : 0;

	snprintf(ui->note_buf + len, sizeof ui->note_buf - len, "%s%s", len ? "  " : "", msg);
	ui->note = ui->note_buf;
}

int ui_run(struct editor *ed, const char *path, const struct ui_options *opts,
           char *err, size_t errsize)
{
	static const char *const fallbacks[] = { "xterm-256color", "xterm", "vt100" };
	char note[256];
	const char *term = getenv("TERM");
	struct sigaction sa = { .sa_handler = on_hangup }, old_hup, old_term;
	struct ui ui = { .ed = ed, .plan = ed->plan, .path = path, .opts = opts,
	                 .sheet_follow = true };
	struct plan *plan = ed->plan;
	SCREEN *screen;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errsize, "%s", _("the dashboard needs a terminal: stdin and stdout must be a tty (try --check for a text report)"));
		return 2;
	}
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		snprintf(err, errsize, "%s", _("the dashboard needs a terminal that can move the cursor: TERM is unset or \"dumb\""));
		return 2;
	}
	screen = newterm(term, stdout, stdin);
	for (size_t i = 0; !screen && i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
		screen = newterm(fallbacks[i], stdout, stdin);
		if (screen) {
			snprintf(note, sizeof note, _("Unknown terminal type \"%s\"; using %s."), term, fallbacks[i]);
			ui_add_note(&ui, note);
		}
	}
	if (!screen) {
		snprintf(err, errsize, _("cannot open the terminal (TERM=%s)"), term);
		return 2;
	}
	set_term(screen);
	set_escdelay(25);
	raw();                      /* Ctrl-S, Ctrl-Q and Ctrl-C reach the key table */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(TICK_MS);
	curs_set(0);
	init_colors(&ui);

	sigemptyset(&sa.sa_mask);
	got_hangup = 0;
	sigaction(SIGHUP, &sa, &old_hup);
	sigaction(SIGTERM, &sa, &old_term);

	ui.japanese = i18n_is_japanese();
	ui.era_years = ui.japanese;
	file_stamp_get(path, &ui.stamp);
	clock_gettime(CLOCK_MONOTONIC, &ui.last_poll);
	ui_find_plan_changed(&ui);
	for (size_t i = 0; i < plan->n_years; i++)
		if (plan->years[i] == plan->review_year)
			ui.year = i;
	if (opts && opts->note)
		ui_add_note(&ui, opts->note);
	ui.read_only = opts && opts->read_only;
	if (!ui.read_only && !file_is_writable(path)) {
		ui.read_only = ui.not_writable = true;
		snprintf(note, sizeof note, _("%s is not writable: opened read-only."), path);
		ui_add_note(&ui, note);
	}
	ui_edit_start(&ui);
	event_loop(&ui);

	/* Rescue before endwin(): on a stalled link endwin() can block in
	 * write(), and a later SIGKILL would then lose the edits. */
	if (got_hangup)
		ui_edit_rescue(&ui);
	endwin();
	delscreen(screen);
	sigaction(SIGHUP, &old_hup, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	ui_edit_free(&ui);
	ui_find_free(&ui);
	ui_meeting_free(&ui);
	ui_log_free(&ui);
	return 0;
}
