/* view_meeting.c - meeting mode (m): pick a fiscal year, then walk every
 * entry of that year one screen at a time and set each status with one
 * key; at the end a summary of the meeting's changes and the save.
 *
 * Scope: started from a policy's item list (or an item sheet) the walk
 * covers that policy; started from anywhere else, the whole plan.  Either
 * way only entries that pass the active filter are walked, in plan order.
 *
 * Entries are held by item id and year, so a save or a live reload in the
 * middle of a meeting changes nothing in the walk. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "query.h"
#include "textcol.h"
#include "view.h"

#include "keys.h"

static void free_list(struct meeting *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->list[i].item_id);
		free(m->list[i].status0);
		free(m->list[i].note0);
	}
	free(m->list);
	m->list = NULL;
	m->n = m->cur = 0;
}

void ui_meeting_free(struct ui *ui)
{
	free_list(&ui->meet);
}

/* The walk for m->year: meeting_walk() restricted to the scope. */
static void build_walk(struct ui *ui)
{
	struct meeting *m = &ui->meet;
	const struct plan *plan = ui->plan;
	struct entry_ref *refs = NULL;
	size_t n = 0, k = 0;

	free_list(m);
	if (meeting_walk(plan, &ui->filter, m->year, &refs, &n) != 0 || !n) {
		free(refs);
		return;
	}
	m->list = calloc(n, sizeof *m->list);
	if (!m->list) {
		free(refs);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct item *it;
		const struct entry *e;

		if (m->policy >= 0 && refs[i].policy != m->policy)
			continue;
		it = &plan->policies[refs[i].policy].items[refs[i].item];
		e = &it->entries[refs[i].entry];
		m->list[k].item_id = strdup(it->id);
		m->list[k].year = e->year;
		m->list[k].status0 = strdup(plan->statuses[e->status].key);
		m->list[k].note0 = e->note ? strdup(e->note) : NULL;
		if (!m->list[k].item_id || !m->list[k].status0 || (e->note && !m->list[k].note0)) {
			m->n = k + 1;
			free_list(m);
			free(refs);
			return;
		}
		k++;
	}
	m->n = k;
	free(refs);
}

/* The earliest year with an unfinished entry in the scope (the whole plan:
 * meeting_default_year()). */
static int default_year(const struct ui *ui, int policy)
{
	const struct plan *plan = ui->plan;

	if (policy < 0)
		return meeting_default_year(plan, &ui->filter);
	for (size_t y = 0; y < plan->n_years; y++) {
		struct entry_ref *refs = NULL;
		size_t n = 0;
		bool open = false;

		if (meeting_walk(plan, &ui->filter, plan->years[y], &refs, &n) != 0)
			break;
		for (size_t i = 0; i < n && !open; i++) {
			const struct entry *e =
				&plan->policies[refs[i].policy].items[refs[i].item].entries[refs[i].entry];

			open = refs[i].policy == policy && !plan->statuses[e->status].final;
		}
		free(refs);
		if (open)
			return plan->years[y];
	}
	return plan->n_years ? plan->years[plan->n_years - 1] : 0;
}

/* The current entry of the walk, found in the current plan; the selection
 * (and so the header and the editing keys) follows it. */
static const struct entry *sync_cursor(struct ui *ui, const struct item **itp)
{
	struct meeting *m = &ui->meet;
	struct plan_pos pos;
	const struct item *it;
	const struct entry *e;
	int yi;

	if (m->cur >= m->n || !pos_locate(ui->plan, m->list[m->cur].item_id, m->list[m->cur].year,
	                                  &pos))
		return NULL;
	ui->policy = (size_t)pos.policy;
	ui->item = (size_t)pos.item;
	if ((yi = plan_year_index(ui->plan, m->list[m->cur].year)) >= 0)
		ui->year = (size_t)yi;
	it = pos_item(ui->plan, &pos);
	e = pos_entry(ui->plan, &pos);
	if (itp)
		*itp = it;
	return e;
}

unsigned ui_meeting_start(struct ui *ui)
{
	struct meeting *m = &ui->meet;
	bool in_policy = ui->view == VIEW_ITEMS || ui->view == VIEW_SHEET;

	if (ui->view == VIEW_MEETING || ui->view == VIEW_HELP)
		return 0;
	free_list(m);
	m->from = ui->view;
	m->policy = in_policy ? (int)ui->policy : -1;
	m->year = default_year(ui, m->policy);
	m->phase = MEET_PICK;
	m->summary_top = 0;
	build_walk(ui);
	ui->view = VIEW_MEETING;
	return UI_REDRAW;
}

static void leave(struct ui *ui)
{
	struct meeting *m = &ui->meet;

	ui->mode = MODE_BROWSE;
	ui->view = m->from;       /* the selection stays on the last entry walked */
	free_list(m);
}

static void to_summary(struct ui *ui)
{
	ui->meet.phase = MEET_END;
	ui->meet.summary_top = 0;
	ui->note = NULL;          /* the bottom rows ask about saving */
	ui->mode = MODE_MEETING_END;
}

static void advance(struct ui *ui)
{
	struct meeting *m = &ui->meet;

	if (m->cur + 1 >= m->n) {
		to_summary(ui);
		return;
	}
	m->cur++;
	sync_cursor(ui, NULL);
}

/* The changes made in this meeting: what differs now from the start. */
struct meet_change {
	size_t entry;
	enum field field;
	const char *before, *after;
};

static size_t meeting_changes(struct ui *ui, struct meet_change *out)
{
	struct meeting *m = &ui->meet;
	size_t n = 0, keep = m->cur;

	for (size_t i = 0; i < m->n; i++) {
		const struct entry *e;
		const char *now;

		m->cur = i;
		e = sync_cursor(ui, NULL);
		if (!e)
			continue;
		now = ui->plan->statuses[e->status].key;
		if (strcmp(now, m->list[i].status0) != 0) {
			if (out)
				out[n] = (struct meet_change){ i, FIELD_STATUS, m->list[i].status0, now };
			n++;
		}
		if (!str_eq_nullable(e->note, m->list[i].note0)) {
			if (out)
				out[n] = (struct meet_change){ i, FIELD_NOTE, m->list[i].note0, e->note };
			n++;
		}
	}
	m->cur = keep;
	if (m->phase == MEET_WALK || m->phase == MEET_END)
		sync_cursor(ui, NULL);
	return n;
}

static unsigned act_pick(struct ui *ui, enum action a)
{
	struct meeting *m = &ui->meet;
	int yi = plan_year_index(ui->plan, m->year);

	switch (a) {
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
		if (yi < 0)
			yi = 0;
		if (a == ACT_YEAR_PREV && yi > 0)
			yi--;
		else if (a == ACT_YEAR_NEXT && (size_t)yi + 1 < ui->plan->n_years)
			yi++;
		if ((size_t)yi < ui->plan->n_years)
			m->year = ui->plan->years[yi];
		build_walk(ui);
		return UI_REDRAW;
	case ACT_OPEN:
		if (!m->n) {
			ui_say(ui, _("No entries to walk for this year (check the filter, F clears it)."));
			return UI_REDRAW;
		}
		m->phase = MEET_WALK;
		m->cur = 0;
		sync_cursor(ui, NULL);
		return UI_REDRAW;
	case ACT_BACK:
	case ACT_QUIT:
		leave(ui);
		ui_say(ui, _("Meeting cancelled."));
		return UI_REDRAW;
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_YEAR_STYLE:
		return UI_UNHANDLED;
	default:
		return 0;
	}
}

static unsigned act_walk(struct ui *ui, enum action a)
{
	struct meeting *m = &ui->meet;
	const struct entry *e = sync_cursor(ui, NULL);
	int want;
	unsigned r;

	switch (a) {
	case ACT_SET_STATUS:
		if (!e) {
			advance(ui);
			return UI_REDRAW;
		}
		want = (int)ui->key - '1';
		r = ui_edit_action(ui, ACT_SET_STATUS);
		e = sync_cursor(ui, NULL);
		if (e && e->status == want)
			advance(ui);
		return r | UI_REDRAW;
	case ACT_CYCLE_STATUS:
	case ACT_EDIT_NOTE:
	case ACT_EDIT_PLAN:
		return e ? ui_edit_action(ui, a) : 0;
	case ACT_SEARCH_NEXT:         /* n: the note, as the meeting's keys say */
		return e ? ui_edit_action(ui, ACT_EDIT_NOTE) : 0;
	case ACT_SKIP:
	case ACT_DOWN:
	case ACT_PAGE_DOWN:
		advance(ui);
		return UI_REDRAW;
	case ACT_UP:
	case ACT_PAGE_UP:
		if (m->cur > 0)
			m->cur--;
		sync_cursor(ui, NULL);
		return UI_REDRAW;
	case ACT_BACK:
		if (ui->key == ESC) {
			to_summary(ui);
			return UI_REDRAW;
		}
		if (m->cur > 0)
			m->cur--;
		else
			ui_say(ui, _("This is the first entry (Esc finishes the meeting)."));
		sync_cursor(ui, NULL);
		return UI_REDRAW;
	case ACT_FIRST:
		m->cur = 0;
		sync_cursor(ui, NULL);
		return UI_REDRAW;
	case ACT_LAST:
		m->cur = m->n ? m->n - 1 : 0;
		sync_cursor(ui, NULL);
		return UI_REDRAW;
	case ACT_QUIT:
		to_summary(ui);
		return UI_REDRAW;
	case ACT_UNDO:
	case ACT_REDO:
	case ACT_SAVE:
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_YEAR_STYLE:
		return UI_UNHANDLED;
	default:
		return 0;
	}
}

static unsigned act(struct ui *ui, enum action a)
{
	switch (ui->meet.phase) {
	case MEET_PICK: return act_pick(ui, a);
	case MEET_WALK: return act_walk(ui, a);
	case MEET_END:  break;
	}
	return 0;
}

/* The summary's keys (MODE_MEETING_END). */
unsigned ui_meeting_end_key(struct ui *ui, bool is_code, wint_t key)
{
	struct meeting *m = &ui->meet;
	enum action a = action_for_key(is_code, key);
	size_t n = meeting_changes(ui, NULL);

	if (!is_code && (key == 'w' || key == 'y' || key == CTRL('s'))) {
		leave(ui);
		return ui_edit_save(ui);
	}
	if (!is_code && key == 'c') {
		size_t left = editor_unsaved(ui->ed);

		leave(ui);
		if (left)
			ui_say(ui, ngettext("Meeting ended; %zu change is not saved yet (w saves it).",
			                    "Meeting ended; %zu changes are not saved yet (w saves them).",
			                    left), left);
		else
			ui_say(ui, _("Meeting ended."));
		return UI_REDRAW;
	}
	if ((!is_code && (key == ESC || key == 127 || key == 8)) ||
	    (is_code && (key == KEY_BACKSPACE || key == KEY_LEFT))) {
		ui->mode = MODE_BROWSE;
		m->phase = MEET_WALK;
		m->cur = m->n ? m->n - 1 : 0;
		sync_cursor(ui, NULL);
		return UI_REDRAW;
	}
	if (a == ACT_DOWN || a == ACT_PAGE_DOWN) {
		if ((size_t)m->summary_top + 1 < n)
			m->summary_top += a == ACT_DOWN ? 1 : ui->body_rows - 2;
		return UI_REDRAW;
	}
	if (a == ACT_UP || a == ACT_PAGE_UP) {
		m->summary_top -= a == ACT_UP ? 1 : ui->body_rows - 2;
		if (m->summary_top < 0)
			m->summary_top = 0;
		return UI_REDRAW;
	}
	if (a == ACT_REDRAW)
		return UI_CLEAR;
	return 0;
}

/* ---- drawing */

/* Wrapped text at (y, x) in width columns, at most max_lines lines (the
 * last shown line ends with "..." when text is cut).  Returns lines used. */
static int put_wrapped(int y, int x, int width, const char *s, int max_lines, attr_t attr)
{
	struct textcol_span spans[64];
	size_t len = s ? strlen(s) : 0, n;
	int shown;

	if (width < 4 || max_lines < 1)
		return 0;
	n = textcol_wrap(s ? s : "", len, width, spans, 64);
	shown = n < (size_t)max_lines ? (int)n : max_lines;
	if (shown > 64)
		shown = 64;
	for (int i = 0; i < shown; i++) {
		bool cut = i == shown - 1 && (size_t)shown < n;
		int w = ui_put_n(y + i, x, cut ? width - 3 : width, s + spans[i].start,
		                 spans[i].end - spans[i].start, attr, false);

		if (cut)
			ui_put(y + i, x + w, 3, "...", attr, false);
	}
	return shown;
}

static void draw_pick(struct ui *ui)
{
	struct meeting *m = &ui->meet;
	int y = ui->body_top;
	char line[512], year[64], scope[256], label[64], f[256];

	ui_put(y++, 0, COLS, _("Meeting mode"), ui_attr(ui, ROLE_HEADING), false);
	y++;
	ui_year_label(ui, m->year, year, sizeof year);
	snprintf(line, sizeof line, _("Year: %s   ([ and ] change it)"), year);
	ui_put(y++, 2, COLS - 2, line, A_BOLD, false);
	if (m->policy >= 0 && (size_t)m->policy < ui->plan->n_policies) {
		const struct policy *p = &ui->plan->policies[m->policy];

		ui_policy_label(p, label, sizeof label);
		snprintf(scope, sizeof scope, "%s %s", label, p->title);
	} else {
		snprintf(scope, sizeof scope, "%s", _("the whole plan"));
	}
	snprintf(line, sizeof line, ngettext("Scope: %s, %zu entry", "Scope: %s, %zu entries", m->n),
	         scope, m->n);
	ui_put(y++, 2, COLS - 2, line, A_NORMAL, false);
	if (filter_active(&ui->filter)) {
		ui_filter_label(ui, f, sizeof f);
		snprintf(line, sizeof line, _("Only entries that pass the filter: %s"), f);
		ui_put(y++, 2, COLS - 2, line, A_NORMAL, false);
	}
	y++;
	ui_put(y++, 2, COLS - 2, _("Enter: start   Esc: cancel"), ui_attr(ui, ROLE_KEY), false);
	y++;
	y += put_wrapped(y, 2, COLS - 4,
	                 _("Each entry of the year gets a screen: a digit sets its status and "
	                   "goes on to the next, n edits the note, s skips, Backspace goes back, "
	                   "Esc finishes. At the end the changes are listed and w saves them."),
	                 ui->body_top + ui->body_rows - y, A_NORMAL);
	ui->cursor_y = ui->body_top + 2;
}

static void draw_walk(struct ui *ui)
{
	struct meeting *m = &ui->meet;
	const struct plan *plan = ui->plan;
	const struct item *it = NULL;
	const struct entry *e = sync_cursor(ui, &it);
	const struct policy *p = ui_policy(ui);
	int y = ui->body_top, bottom = ui->body_top + ui->body_rows, x, avail;
	char line[512], year[64], label[64];
	size_t len;
	bool roomy;

	ui_year_label(ui, m->year, year, sizeof year);
	/* TRANSLATORS: "Meeting  平成25年度 (FY2013)  12/62" */
	snprintf(line, sizeof line, _("Meeting  %s  %zu/%zu"), year, m->cur + 1, m->n);
	ui_put(y, 0, COLS, line, ui_attr(ui, ROLE_HEADING), false);
	y++;
	if (!e || !it || !p) {
		ui_put(y, 2, COLS - 2, _("This entry is no longer in the file (s skips it)."),
		       A_NORMAL, false);
		return;
	}
	/* On a small terminal the status always shows: the policy line, the
	 * departments and the spacing go first. */
	roomy = ui->body_rows >= 16;
	if (roomy) {
		ui_policy_label(p, label, sizeof label);
		snprintf(line, sizeof line, "%s %s", label, p->title);
		ui_put(y++, 0, COLS, line, A_NORMAL, false);
		y++;
	}
	snprintf(line, sizeof line, "%s  %s", it->id, it->title);
	y += put_wrapped(y, 0, COLS, line, roomy ? 2 : 1, A_BOLD);
	if (roomy) {
		line[0] = '\0';
		len = 0;
		for (size_t d = 0; d < it->n_departments && len < sizeof line; d++)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", d ? ", " : "",
			                        it->departments[d]);
		x = ui_put(y, 2, COLS - 2, _("Departments: "), ui_attr(ui, ROLE_DIM), false);
		y += put_wrapped(y, 2 + x, COLS - 2 - x, line, 1, A_NORMAL);
		y++;
	}
	/* the lower block: status, note, the status keys; the plan text gets
	 * what is left above it */
	avail = bottom - y - (roomy ? 6 : 4);
	x = ui_put(y, 2, COLS - 2, _("Plan: "), ui_attr(ui, ROLE_DIM), false);
	y += put_wrapped(y, 2 + x, COLS - 2 - x, e->plan, avail > 1 ? avail : 1, A_NORMAL);
	if (roomy)
		y++;
	x = ui_put(y, 2, COLS - 2, _("Status: "), ui_attr(ui, ROLE_DIM), false);
	snprintf(line, sizeof line, " %s [%c] ", plan->statuses[e->status].label,
	         plan->statuses[e->status].letter);
	ui_put(y, 2 + x, COLS - 2 - x, line, A_REVERSE | A_BOLD, false);
	ui->cursor_y = y;
	y += roomy ? 2 : 1;
	x = ui_put(y, 2, COLS - 2, _("Note: "), ui_attr(ui, ROLE_DIM), false);
	y += put_wrapped(y, 2 + x, COLS - 2 - x, e->note && *e->note ? e->note : _("(none)"),
	                 bottom - y - 2 > 1 ? bottom - y - 2 : 1, A_NORMAL);
	y = bottom - 2;
	/* the status keys, the current one reversed */
	x = 0;
	for (size_t s = 0; s < plan->n_statuses && s < 9; s++) {
		snprintf(line, sizeof line, "%zu:%s", s + 1, plan->statuses[s].label);
		x += ui_put(y, x, COLS - x, line,
		            (int)s == e->status ? A_REVERSE | A_BOLD : ui_attr(ui, ROLE_KEY), false);
		x += ui_put(y, x, COLS - x, " ", A_NORMAL, false);
	}
	ui_put(y + 1, 0, COLS,
	       _("digit: set and next  n: note  s: skip  Backspace: back  Esc: finish"),
	       ui_attr(ui, ROLE_DIM), false);
}

static void draw_summary(struct ui *ui)
{
	struct meeting *m = &ui->meet;
	size_t n = meeting_changes(ui, NULL);
	struct meet_change *c = calloc(n ? n : 1, sizeof *c);
	int y = ui->body_top, rows = ui->body_rows - 2;
	char line[512], year[64];

	if (!c)
		return;
	meeting_changes(ui, c);
	ui_year_label(ui, m->year, year, sizeof year);
	snprintf(line, sizeof line,
	         ngettext("Meeting %s: %zu change", "Meeting %s: %zu changes", n), year, n);
	ui_put(y++, 0, COLS, line, ui_attr(ui, ROLE_HEADING), false);
	y++;
	if (!n)
		ui_put(y, 2, COLS - 2, _("No changes in this meeting."), A_NORMAL, false);
	if (m->summary_top > (int)n - rows)
		m->summary_top = (int)n - rows;
	if (m->summary_top < 0)
		m->summary_top = 0;
	for (size_t i = (size_t)m->summary_top; i < n && (int)(i - (size_t)m->summary_top) < rows;
	     i++, y++) {
		ui_describe_change(ui, m->list[c[i].entry].item_id, m->list[c[i].entry].year,
		                   c[i].field, c[i].before, c[i].after, line, sizeof line);
		ui_put(y, 2, COLS - 2, line, A_NORMAL, false);
	}
	ui->cursor_y = ui->body_top;
	free(c);
}

static void draw(struct ui *ui)
{
	switch (ui->meet.phase) {
	case MEET_PICK: draw_pick(ui); break;
	case MEET_WALK: draw_walk(ui); break;
	case MEET_END:  draw_summary(ui); break;
	}
}

void ui_meeting_draw_bottom(struct ui *ui)
{
	int y = LINES - 2;
	size_t n = editor_unsaved(ui->ed);
	char title[256];

	if (n)
		snprintf(title, sizeof title,
		         ngettext("Save? %zu change is not saved.", "Save? %zu changes are not saved.", n),
		         n);
	else
		snprintf(title, sizeof title, "%s", _("Nothing to save."));
	ui_put(y, 0, COLS, ui->note ? ui->note : title, ui_attr(ui, ROLE_HEADER), true);
	ui_put(y + 1, 0, COLS - 1, _("w/y: save  c: continue without saving  Esc: back to the entries"),
	       ui_attr(ui, ROLE_KEY), false);
}

static uint64_t hint_mask(const struct ui *ui)
{
	if (ui->meet.phase == MEET_PICK)
		return ACTION_BIT(ACT_OPEN) | ACTION_BIT(ACT_YEAR_PREV) | ACTION_BIT(ACT_BACK) |
		       ACTION_BIT(ACT_HELP);
	return ACTION_BIT(ACT_SET_STATUS) | ACTION_BIT(ACT_SKIP) | ACTION_BIT(ACT_EDIT_NOTE) |
	       ACTION_BIT(ACT_BACK) | ACTION_BIT(ACT_UNDO) | ACTION_BIT(ACT_SAVE) |
	       ACTION_BIT(ACT_HELP);
}

const struct view_ops meeting_ops = {
	.hints = 0,
	.hint_mask = hint_mask,
	.draw = draw,
	.act = act,
};
