/* ui_find.c - finding things in a meeting: the ":" jump, the "/" search
 * (incremental, with n and N across the whole plan), and the filter picker
 * (f opens it, F clears the filter).
 *
 * Handlers change state and set the note line; they never draw.  Positions
 * are plan indexes (query.h), found again by id after a plan is replaced. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lineedit.h"
#include "query.h"
#include "textcol.h"
#include "view.h"

#include "keys.h"

/* ---- places */

static void place_save(const struct ui *ui, struct ui_place *p)
{
	*p = (struct ui_place){ ui->view, ui->year, ui->policy, ui->policy_top, ui->item,
	                        ui->item_top, ui->sheet_top, ui->sheet_follow };
}

static void place_restore(struct ui *ui, const struct ui_place *p)
{
	ui->view = p->view;
	ui->year = p->year;
	ui->policy = p->policy;
	ui->policy_top = p->policy_top;
	ui->item = p->item;
	ui->item_top = p->item_top;
	ui->sheet_top = p->sheet_top;
	ui->sheet_follow = p->sheet_follow;
}

/* Where a search starts from: the selected item (its start). */
static struct plan_pos place_pos(const struct ui_place *p)
{
	bool in_policy = p->view == VIEW_ITEMS || p->view == VIEW_SHEET;

	return pos_item_start((int)p->policy, in_policy ? (int)p->item : 0);
}

/* Open the view that shows a match: the item list for an id or a title,
 * the item sheet (with the entry's year selected) for everything else. */
static void show_match(struct ui *ui, const struct plan_pos *m)
{
	const struct entry *e = pos_entry(ui->plan, m);
	int yi;

	ui->policy = (size_t)m->policy;
	ui->item = (size_t)m->item;
	ui->match = *m;
	ui->have_match = true;
	if (m->field == MATCH_ID || m->field == MATCH_TITLE) {
		ui->view = VIEW_ITEMS;
		return;
	}
	ui->view = VIEW_SHEET;
	if (e && (yi = plan_year_index(ui->plan, e->year)) >= 0) {
		ui->year = (size_t)yi;
		ui->sheet_follow = true;
	} else {
		ui->sheet_top = 0;        /* content and departments are near the top */
		ui->sheet_follow = false;
	}
}

static void say_rank(struct ui *ui, bool wrapped)
{
	size_t n = search_count(ui->plan, &ui->filter, ui->search);
	size_t k = ui->have_match ? search_rank(ui->plan, &ui->filter, ui->search, &ui->match) : 0;

	/* TRANSLATORS: the search text, then "3/12": the 3rd of 12 matches */
	ui_say(ui, _("Search \"%s\": %zu/%zu"), ui->search, k, n);
	if (wrapped)
		snprintf(ui->note_buf + strlen(ui->note_buf), sizeof ui->note_buf - strlen(ui->note_buf),
		         "%s", _("  (wrapped around)"));
}

/* ---- the prompt line */

static unsigned start_prompt(struct ui *ui, enum prompt_kind kind)
{
	if (!lineedit_init(&ui->le, "")) {
		ui_say(ui, _("Out of memory."));
		return UI_REDRAW;
	}
	ui->prompt = kind;
	place_save(ui, &ui->prompt_from);
	snprintf(ui->prompt_old_search, sizeof ui->prompt_old_search, "%s", ui->search);
	ui->mode = MODE_PROMPT;
	return UI_REDRAW;
}

static void end_prompt(struct ui *ui)
{
	lineedit_free(&ui->le);
	ui->mode = MODE_BROWSE;
}

/* Incremental search: the first match at or after where the search began. */
static void search_typed(struct ui *ui)
{
	char *text = lineedit_text(&ui->le);
	struct plan_pos from = place_pos(&ui->prompt_from), m;

	if (!text)
		return;
	snprintf(ui->search, sizeof ui->search, "%s", text);
	free(text);
	place_restore(ui, &ui->prompt_from);
	ui->have_match = false;
	if (ui->search[0] && search_find(ui->plan, &ui->filter, ui->search, &from, SEARCH_HERE, &m,
	                                 NULL))
		show_match(ui, &m);
}

static unsigned jump_to(struct ui *ui, const char *text)
{
	struct jump j;
	char y[64];
	const struct item *it;

	enum jump_status st = jump_parse(ui->plan, text, &j);

	if (st == JUMP_EMPTY)
		return UI_REDRAW;
	if (st == JUMP_SYNTAX) {
		ui_say(ui, _("Type an item id and an optional year, e.g. 4-3 or 4-3 H26 (not \"%s\")."),
		       j.what);
		return UI_REDRAW;
	}
	if (st == JUMP_UNKNOWN_ITEM) {
		ui_say(ui, _("There is no item \"%s\" in this plan."), j.what);
		return UI_REDRAW;
	}
	it = &ui->plan->policies[j.policy].items[j.item];
	ui_goto(ui, it->id, j.entry >= 0 ? it->entries[j.entry].year : 0, VIEW_SHEET);
	ui->sheet_top = 0;
	if (st == JUMP_NO_ENTRY) {
		ui_year_short(ui, j.year, y, sizeof y);
		ui_say(ui, _("%s has no entry for %s."), it->id, y);
	} else if (st == JUMP_BAD_YEAR) {
		ui_say(ui, _("\"%s\" is not a year of this plan (e.g. 2014, H26 or 平成26年度)."), j.what);
	} else {
		ui_say(ui, "%s %s", it->id, it->title);
	}
	return UI_REDRAW;
}

static unsigned prompt_accept(struct ui *ui)
{
	char *text = lineedit_text(&ui->le);
	unsigned r = UI_REDRAW;

	if (!text) {
		ui_say(ui, _("Out of memory."));
		return UI_REDRAW;
	}
	end_prompt(ui);
	if (ui->prompt == PROMPT_JUMP) {
		r = jump_to(ui, text);
	} else if (!text[0]) {
		ui->search[0] = '\0';
		ui->have_match = false;
		place_restore(ui, &ui->prompt_from);
		ui_say(ui, _("Search cleared."));
	} else if (!ui->have_match) {
		ui_say(ui, _("Not found: \"%s\"."), ui->search);
	} else {
		say_rank(ui, false);
	}
	free(text);
	return r;
}

static unsigned prompt_key(struct ui *ui, bool is_code, wint_t key)
{
	enum lineedit_cmd cmd;

	if ((is_code && key == KEY_ENTER) || (!is_code && (key == '\r' || key == '\n')))
		return prompt_accept(ui);
	if (!is_code && (key == ESC || key == CTRL('c'))) {
		end_prompt(ui);
		if (ui->prompt == PROMPT_SEARCH) {
			place_restore(ui, &ui->prompt_from);
			snprintf(ui->search, sizeof ui->search, "%s", ui->prompt_old_search);
			ui->have_match = false;
			ui_say(ui, _("Search cancelled."));
		}
		return UI_REDRAW;
	}
	if (ui_lineedit_cmd(is_code, key, &cmd)) {
		bool changed = lineedit_command(&ui->le, cmd);
		if (changed && ui->prompt == PROMPT_SEARCH && cmd != LINEEDIT_LEFT &&
		    cmd != LINEEDIT_RIGHT && cmd != LINEEDIT_HOME && cmd != LINEEDIT_END)
			search_typed(ui);
		return changed ? UI_REDRAW : 0;
	}
	if (is_code || !lineedit_insert(&ui->le, (wchar_t)key))
		return 0;
	if (ui->prompt == PROMPT_SEARCH)
		search_typed(ui);
	return UI_REDRAW;
}

/* n and N: the next or previous match across the whole plan. */
static unsigned search_step(struct ui *ui, enum search_dir dir)
{
	struct ui_place here;
	struct plan_pos from, m;
	bool wrapped = false;

	if (!ui->search[0]) {
		ui_say(ui, _("No search yet: / starts one."));
		return UI_REDRAW;
	}
	place_save(ui, &here);
	from = ui->have_match ? ui->match : place_pos(&here);
	if (!search_find(ui->plan, &ui->filter, ui->search, &from, dir, &m, &wrapped)) {
		ui->have_match = false;
		ui_say(ui, _("Not found: \"%s\"."), ui->search);
		return UI_REDRAW;
	}
	show_match(ui, &m);
	say_rank(ui, wrapped);
	return UI_REDRAW;
}

/* ---- the filter picker */

enum frow_kind {
	FROW_HEADING, FROW_STATUS, FROW_YEAR_ANY, FROW_YEAR, FROW_REVISED, FROW_OVERDUE,
	FROW_DEPT_ANY, FROW_DEPT,
};

struct frow {
	enum frow_kind kind;
	size_t arg;               /* status, year or department index */
	const char *heading;
};

/* The picker's rows (out may be NULL: count only). */
static size_t filter_rows(const struct ui *ui, struct frow *out)
{
	const struct plan *plan = ui->plan;
	size_t n = 0;

#define ROW(k, a, h) do { if (out) out[n] = (struct frow){ (k), (a), (h) }; n++; } while (0)
	ROW(FROW_HEADING, 0, _("Status (any of the marked)"));
	for (size_t s = 0; s < plan->n_statuses && s < FILTER_MAX_STATUSES; s++)
		ROW(FROW_STATUS, s, NULL);
	ROW(FROW_HEADING, 0, _("Fiscal year"));
	ROW(FROW_YEAR_ANY, 0, NULL);
	for (size_t y = 0; y < plan->n_years; y++)
		ROW(FROW_YEAR, y, NULL);
	ROW(FROW_HEADING, 0, _("Items"));
	ROW(FROW_REVISED, 0, NULL);
	ROW(FROW_OVERDUE, 0, NULL);
	ROW(FROW_HEADING, 0, _("Department"));
	ROW(FROW_DEPT_ANY, 0, NULL);
	for (size_t d = 0; d < ui->n_departments; d++)
		ROW(FROW_DEPT, d, NULL);
#undef ROW
	return n;
}

static void filter_toggle(struct ui *ui, const struct frow *r)
{
	struct filter *f = &ui->filter;
	int yi;

	switch (r->kind) {
	case FROW_STATUS:
		f->statuses ^= UINT32_C(1) << r->arg;
		break;
	case FROW_YEAR_ANY:
		f->year = 0;
		break;
	case FROW_YEAR:
		f->year = f->year == ui->plan->years[r->arg] ? 0 : ui->plan->years[r->arg];
		/* the counts are for the selected year: show the filtered one */
		if (f->year && (yi = plan_year_index(ui->plan, f->year)) >= 0)
			ui->year = (size_t)yi;
		break;
	case FROW_REVISED:
		f->revised = !f->revised;
		break;
	case FROW_OVERDUE:
		f->overdue = !f->overdue;
		break;
	case FROW_DEPT_ANY:
		f->department[0] = '\0';
		break;
	case FROW_DEPT:
		if (strcmp(f->department, ui->departments[r->arg]) == 0)
			f->department[0] = '\0';
		else
			filter_set_department(f, ui->departments[r->arg]);
		break;
	case FROW_HEADING:
		break;
	}
	f->reference_year = ui_year(ui);
}

static void say_filter(struct ui *ui)
{
	char f[256];

	if (!filter_active(&ui->filter)) {
		ui_say(ui, _("No filter: everything is shown."));
		return;
	}
	ui_filter_label(ui, f, sizeof f);
	ui_say(ui, _("Filter: %s (F clears it)."), f);
}

static unsigned filter_key(struct ui *ui, bool is_code, wint_t key)
{
	size_t n = filter_rows(ui, NULL);
	struct frow *rows = calloc(n ? n : 1, sizeof *rows);
	enum action a = action_for_key(is_code, key);
	unsigned r = 0;
	size_t sel = ui->filter_sel;

	if (!rows)
		return 0;
	filter_rows(ui, rows);
	if (!is_code && (key == ESC || key == 'f' || key == 'q' || key == CTRL('c'))) {
		ui->mode = MODE_BROWSE;
		say_filter(ui);
		r = UI_REDRAW;
	} else if (!is_code && key == 'F') {
		filter_clear(&ui->filter);
		r = UI_REDRAW;
	} else if (a == ACT_OPEN || a == ACT_CYCLE_STATUS) {
		filter_toggle(ui, &rows[sel]);
		r = UI_REDRAW;
	} else if (ui_move(&sel, n, a, ui->body_rows - 2)) {
		/* skip headings in the direction of the move */
		bool down = sel >= ui->filter_sel;

		while (rows[sel].kind == FROW_HEADING) {
			if (down && sel + 1 < n)
				sel++;
			else if (!down && sel > 0)
				sel--;
			else {
				down = !down;
				if (down && sel + 1 < n)
					sel++;
			}
		}
		ui->filter_sel = sel;
		r = UI_REDRAW;
	}
	free(rows);
	return r;
}

static unsigned open_filter(struct ui *ui)
{
	ui->mode = MODE_FILTER;
	if (ui->filter_sel == 0)
		ui->filter_sel = 1;       /* the first row after the heading */
	return UI_REDRAW;
}

/* ---- entry points */

unsigned ui_find_action(struct ui *ui, enum action a)
{
	switch (a) {
	case ACT_JUMP:         return start_prompt(ui, PROMPT_JUMP);
	case ACT_SEARCH:       return start_prompt(ui, PROMPT_SEARCH);
	case ACT_SEARCH_NEXT:  return search_step(ui, SEARCH_NEXT);
	case ACT_SEARCH_PREV:  return search_step(ui, SEARCH_PREV);
	case ACT_FILTER:       return open_filter(ui);
	case ACT_FILTER_CLEAR:
		filter_clear(&ui->filter);
		say_filter(ui);
		return UI_REDRAW;
	default:
		return 0;
	}
}

unsigned ui_find_mode_key(struct ui *ui, bool is_code, wint_t key)
{
	return ui->mode == MODE_PROMPT ? prompt_key(ui, is_code, key) : filter_key(ui, is_code, key);
}

void ui_find_plan_changed(struct ui *ui)
{
	free(ui->departments);
	ui->departments = NULL;
	ui->n_departments = 0;
	if (plan_departments(ui->plan, &ui->departments, &ui->n_departments) != 0) {
		ui->departments = NULL;
		ui->n_departments = 0;
	}
	if (ui->filter_sel >= filter_rows(ui, NULL))
		ui->filter_sel = 1;
}

void ui_find_free(struct ui *ui)
{
	if (ui->mode == MODE_PROMPT)
		end_prompt(ui);
	free(ui->departments);
	ui->departments = NULL;
	ui->n_departments = 0;
}

/* ---- drawing */

void ui_find_draw_body(struct ui *ui)
{
	size_t n = filter_rows(ui, NULL);
	struct frow *rows = calloc(n ? n : 1, sizeof *rows);
	const struct filter *f = &ui->filter;
	const struct plan *plan = ui->plan;
	int y = ui->body_top, nrows = ui->body_rows;
	size_t top = ui->filter_top;

	if (!rows)
		return;
	filter_rows(ui, rows);
	ui_scroll_to(ui->filter_sel, &top, n, nrows);
	ui->filter_top = top;
	for (size_t i = top; i < n && (int)(i - top) < nrows; i++, y++) {
		const struct frow *r = &rows[i];
		bool sel = i == ui->filter_sel, on = false, radio = false;
		attr_t base = sel ? ui_attr(ui, ROLE_SELECTED) : A_NORMAL;
		char label[256], year[64];
		const char *text = label;

		switch (r->kind) {
		case FROW_HEADING:
			ui_put(y, 0, COLS, r->heading, ui_attr(ui, ROLE_HEADING), false);
			continue;
		case FROW_STATUS:
			on = f->statuses & (UINT32_C(1) << r->arg);
			snprintf(label, sizeof label, "%c  %s", plan->statuses[r->arg].letter,
			         plan->statuses[r->arg].label);
			break;
		case FROW_YEAR_ANY:
			radio = true;
			on = !f->year;
			text = _("any year");
			break;
		case FROW_YEAR:
			radio = true;
			on = f->year == plan->years[r->arg];
			ui_year_label(ui, plan->years[r->arg], year, sizeof year);
			snprintf(label, sizeof label, "%s", year);
			break;
		case FROW_REVISED:
			on = f->revised;
			text = _("revised at the review");
			break;
		case FROW_OVERDUE:
			on = f->overdue;
			ui_year_short(ui, ui_year(ui), year, sizeof year);
			snprintf(label, sizeof label, _("overdue: an entry before %s not finished"), year);
			break;
		case FROW_DEPT_ANY:
			radio = true;
			on = !f->department[0];
			text = _("any department");
			break;
		case FROW_DEPT:
			radio = true;
			on = strcmp(f->department, ui->departments[r->arg]) == 0;
			text = ui->departments[r->arg];
			break;
		}
		if (sel) {
			ui_put(y, 0, COLS, "", base, true);
			ui->cursor_y = y;
		}
		ui_put(y, 0, 2, sel ? ">" : "", base, false);
		ui_put(y, 2, 3, radio ? (on ? "(*)" : "( )") : (on ? "[x]" : "[ ]"), base | A_BOLD,
		       false);
		ui_put(y, 6, COLS - 6, text, base, false);
	}
	free(rows);
}

void ui_find_draw_bottom(struct ui *ui)
{
	int y = LINES - 2;
	char title[512];

	if (ui->mode == MODE_FILTER) {
		char f[256];

		ui_filter_label(ui, f, sizeof f);
		snprintf(title, sizeof title, _("Filter: %s"), filter_active(&ui->filter) ? f : _("none"));
		ui_put(y, 0, COLS, ui->note ? ui->note : title, ui_attr(ui, ROLE_HEADER), true);
		ui_put(y + 1, 0, COLS - 1, _("j/k: move  Space/Enter: on/off  F: clear all  Esc/f: done"),
		       ui_attr(ui, ROLE_KEY), false);
		return;
	}
	if (ui->prompt == PROMPT_JUMP) {
		snprintf(title, sizeof title, "%s",
		         _("Jump to an item: ID [YEAR], e.g. 4-3 or 4-3 H26   Enter: go  Esc: cancel"));
	} else {
		size_t n = search_count(ui->plan, &ui->filter, ui->search);
		size_t k = ui->have_match ? search_rank(ui->plan, &ui->filter, ui->search, &ui->match)
		                          : 0;

		snprintf(title, sizeof title,
		         _("Search: %zu/%zu   Enter: keep  Esc: cancel  (then n/N: next/previous)"), k, n);
	}
	ui_put(y, 0, COLS, ui->note ? ui->note : title, ui_attr(ui, ROLE_HEADER), true);
	ui_put(y + 1, 0, 1, ui->prompt == PROMPT_JUMP ? ":" : "/", ui_attr(ui, ROLE_KEY), false);
	/* the field after the prompt character */
	{
		int cols = COLS - 2, cx;
		size_t end;
		char *vis;

		if (cols < 2)
			return;
		cx = lineedit_fit(&ui->le, cols, &end);
		vis = lineedit_slice(&ui->le, ui->le.scroll, end);
		ui_put(y + 1, 1, cols, vis ? vis : "", A_UNDERLINE, true);
		free(vis);
		ui->cursor_y = y + 1;
		ui->cursor_x = 1 + cx;
	}
}
