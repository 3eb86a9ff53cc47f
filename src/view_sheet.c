/* view_sheet.c - one item: its content, effects, indicators, departments,
 * review changes and yearly schedule.  Text wraps by display columns; the
 * selected entry (the selected year) is highlighted and kept in view. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "textcol.h"
#include "view.h"

enum line_kind { LINE_TEXT, LINE_HEADING, LINE_ENTRY };

/* One screen line: bytes [start, end) of the sheet's text buffer, or for
 * LINE_ENTRY the head line of entry `entry`, drawn from the model. */
struct line {
	size_t start, end;
	int indent;
	enum line_kind kind;
	int entry;                /* -1: not part of an entry */
};

struct sheet {
	char *text;
	size_t len, cap;
	struct line *lines;
	size_t n, max;
	int width;
	bool failed;              /* out of memory: draw what there is */
};

/* Names of the review change bits, in enum review_change order. */
static const char *const review_words[REVIEW_KINDS] = {
	N_("departments"), N_("content"), N_("years"),
	N_("effects"), N_("indicators"), N_("schedule"),
};

static void append(struct sheet *sh, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (sh->failed || !n)
		return;
	if (sh->len + n + 1 > sh->cap) {
		size_t cap = (sh->len + n + 1) * 2;
		char *t = realloc(sh->text, cap);

		if (!t) {
			sh->failed = true;
			return;
		}
		sh->text = t;
		sh->cap = cap;
	}
	memcpy(sh->text + sh->len, s, n);
	sh->len += n;
	sh->text[sh->len] = '\0';
}

static struct line *new_line(struct sheet *sh)
{
	if (sh->failed)
		return NULL;
	if (sh->n == sh->max) {
		size_t max = sh->max ? sh->max * 2 : 64;
		struct line *l = realloc(sh->lines, max * sizeof *l);

		if (!l) {
			sh->failed = true;
			return NULL;
		}
		sh->lines = l;
		sh->max = max;
	}
	return &sh->lines[sh->n++];
}

/* Wrap the text appended since `from` into lines. */
static void paragraph(struct sheet *sh, size_t from, int indent, enum line_kind kind, int entry)
{
	int width = sh->width - indent;
	size_t count;
	struct textcol_span *spans;

	if (sh->failed)
		return;
	count = textcol_wrap(sh->text ? sh->text + from : "", sh->len - from, width, NULL, 0);
	spans = calloc(count, sizeof *spans);
	if (!spans) {
		sh->failed = true;
		return;
	}
	textcol_wrap(sh->text ? sh->text + from : "", sh->len - from, width, spans, count);
	for (size_t i = 0; i < count; i++) {
		struct line *l = new_line(sh);

		if (!l)
			break;
		*l = (struct line){ from + spans[i].start, from + spans[i].end, indent, kind, entry };
	}
	free(spans);
}

static void text_para(struct sheet *sh, const char *s, int indent, enum line_kind kind, int entry)
{
	size_t from = sh->len;

	append(sh, s);
	paragraph(sh, from, indent, kind, entry);
}

static void blank(struct sheet *sh)
{
	struct line *l = new_line(sh);

	if (l)
		*l = (struct line){ 0, 0, 0, LINE_TEXT, -1 };
}

static void build(const struct item *it, struct sheet *sh)
{
	char buf[128];
	size_t from;

	from = sh->len;
	append(sh, it->id);
	append(sh, " ");
	append(sh, it->title);
	paragraph(sh, from, 0, LINE_HEADING, -1);
	from = sh->len;
	if (it->serial) {
		snprintf(buf, sizeof buf, "No.%d  ", it->serial);
		append(sh, buf);
	}
	if (it->rating) {
		append(sh, _("Rating: "));
		append(sh, it->rating);
	}
	if (sh->len > from)
		paragraph(sh, from, 2, LINE_TEXT, -1);

	text_para(sh, _("Content"), 0, LINE_HEADING, -1);
	text_para(sh, it->content, 2, LINE_TEXT, -1);
	text_para(sh, _("Effects"), 0, LINE_HEADING, -1);
	text_para(sh, it->effects, 2, LINE_TEXT, -1);
	text_para(sh, _("Indicators"), 0, LINE_HEADING, -1);
	if (!it->n_indicators)
		text_para(sh, _("(none)"), 2, LINE_TEXT, -1);
	for (size_t i = 0; i < it->n_indicators; i++) {
		const struct indicator *ind = &it->indicators[i];

		from = sh->len;
		append(sh, ind->name);
		append(sh, ": ");
		if (ind->baseline) {
			append(sh, ind->baseline);
			append(sh, " -> ");
		}
		append(sh, ind->target);
		paragraph(sh, from, 2, LINE_TEXT, -1);
	}
	text_para(sh, _("Departments"), 0, LINE_HEADING, -1);
	from = sh->len;
	for (size_t i = 0; i < it->n_departments; i++) {
		if (i)
			append(sh, ", ");
		append(sh, it->departments[i]);
	}
	paragraph(sh, from, 2, LINE_TEXT, -1);
	text_para(sh, _("Changes at the review"), 0, LINE_HEADING, -1);
	from = sh->len;
	if (!it->revised)
		append(sh, _("not revised"));
	for (int bit = 0; it->revised && bit < REVIEW_KINDS; bit++) {
		if (!(it->review_changed & (1u << bit)))
			continue;
		if (sh->len > from)
			append(sh, ", ");
		append(sh, _(review_words[bit]));
	}
	if (it->revised && it->new_indicators) {
		if (sh->len > from)
			append(sh, ", ");
		append(sh, _("new indicators"));
	}
	if (it->revised && sh->len == from)
		append(sh, _("revised"));
	paragraph(sh, from, 2, LINE_TEXT, -1);

	blank(sh);
	text_para(sh, _("Schedule"), 0, LINE_HEADING, -1);
	for (size_t i = 0; i < it->n_entries; i++) {
		const struct entry *e = &it->entries[i];
		struct line *l = new_line(sh);

		if (l)
			*l = (struct line){ 0, 0, 1, LINE_ENTRY, (int)i };
		text_para(sh, e->plan && *e->plan ? e->plan : _("(no plan text)"), 4, LINE_TEXT, (int)i);
		if (e->note && *e->note) {
			from = sh->len;
			append(sh, _("Note: "));
			append(sh, e->note);
			paragraph(sh, from, 4, LINE_TEXT, (int)i);
		}
	}
}

/* Index of the entry of the selected year, or -1. */
static int selected_entry(const struct ui *ui, const struct item *it)
{
	int year = ui_year(ui);

	for (size_t i = 0; i < it->n_entries; i++)
		if (it->entries[i].year == year)
			return (int)i;
	return -1;
}

static void draw_entry_head(const struct ui *ui, const struct entry *e, int y, int x, attr_t base)
{
	const struct plan *plan = ui->plan;
	char year[64], letter[4] = "[?]";

	ui_year_label(ui, e->year, year, sizeof year);
	x += ui_put(y, x, COLS - x, year, base | A_BOLD, false);
	x += ui_put(y, x, COLS - x, "  ", base, false);
	if (e->status >= 0 && (size_t)e->status < plan->n_statuses) {
		letter[1] = plan->statuses[e->status].letter;
		x += ui_put(y, x, COLS - x, plan->statuses[e->status].label, base, false);
		x += ui_put(y, x, COLS - x, " ", base, false);
	}
	ui_put(y, x, COLS - x, letter, base | ui_status_attr(ui, e->status), false);
}

static void draw(struct ui *ui)
{
	const struct item *it = ui_item(ui);
	struct sheet sh = { .width = COLS };
	int sel, first = -1, last = -1, rows = ui->body_rows, max_top;

	if (!it)
		return;
	build(it, &sh);
	sel = selected_entry(ui, it);
	for (size_t i = 0; i < sh.n; i++) {
		if (sel >= 0 && sh.lines[i].entry == sel) {
			if (first < 0)
				first = (int)i;
			last = (int)i;
		}
	}
	if (ui->sheet_follow && first >= 0) {
		if (last >= ui->sheet_top + rows)
			ui->sheet_top = last - rows + 1;
		if (first < ui->sheet_top)
			ui->sheet_top = first;
	}
	max_top = (int)sh.n > rows ? (int)sh.n - rows : 0;
	if (ui->sheet_top > max_top)
		ui->sheet_top = max_top;
	if (ui->sheet_top < 0)
		ui->sheet_top = 0;

	for (int r = 0; r < rows && ui->sheet_top + r < (int)sh.n; r++) {
		const struct line *l = &sh.lines[ui->sheet_top + r];
		int y = ui->body_top + r;
		bool hl = sel >= 0 && l->entry == sel;
		attr_t base = hl ? ui_attr(ui, ROLE_SELECTED) : A_NORMAL;

		if (hl)
			ui_put(y, 0, COLS, "", base, true);
		if (l->kind == LINE_ENTRY) {
			if (hl) {
				ui_put(y, 0, 1, ">", base, false);
				ui->cursor_y = y;
			}
			draw_entry_head(ui, &it->entries[l->entry], y, l->indent + 1, base);
		} else {
			ui_put_n(y, l->indent, COLS - l->indent, sh.text ? sh.text + l->start : "",
			         l->end - l->start,
			         l->kind == LINE_HEADING ? base | ui_attr(ui, ROLE_HEADING) : base, false);
		}
	}
	free(sh.text);
	free(sh.lines);
}

/* j/k walk the entries in file order and select their year. */
static void step_entry(struct ui *ui, const struct item *it, int dir)
{
	int cur = selected_entry(ui, it), next = -1, year = ui_year(ui);

	if (cur >= 0) {
		if (cur + dir >= 0 && cur + dir < (int)it->n_entries)
			next = cur + dir;
	} else {
		for (size_t i = 0; i < it->n_entries; i++) {
			int y = it->entries[i].year;

			if ((dir > 0 && y > year && next < 0) || (dir < 0 && y < year))
				next = (int)i;
		}
	}
	if (next >= 0) {
		int idx = plan_year_index(ui->plan, it->entries[next].year);

		if (idx >= 0)
			ui->year = (size_t)idx;
	}
}

static void select_entry(struct ui *ui, const struct item *it, size_t i)
{
	int idx;

	if (i < it->n_entries && (idx = plan_year_index(ui->plan, it->entries[i].year)) >= 0)
		ui->year = (size_t)idx;
}

static unsigned act(struct ui *ui, enum action a)
{
	const struct item *it = ui_item(ui);
	int page = ui->body_rows > 2 ? ui->body_rows - 1 : 1;

	if (!it)
		return UI_UNHANDLED;
	switch (a) {
	case ACT_DOWN:
	case ACT_UP:
		step_entry(ui, it, a == ACT_DOWN ? 1 : -1);
		ui->sheet_follow = true;
		return UI_REDRAW;
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
		ui->sheet_follow = true;
		return UI_UNHANDLED;      /* the loop changes the year */
	case ACT_PAGE_DOWN:
		ui->sheet_top += page;   /* clamped when drawn */
		ui->sheet_follow = false;
		return UI_REDRAW;
	case ACT_PAGE_UP:
		ui->sheet_top = ui->sheet_top > page ? ui->sheet_top - page : 0;
		ui->sheet_follow = false;
		return UI_REDRAW;
	case ACT_FIRST:
		select_entry(ui, it, 0);
		ui->sheet_top = 0;
		ui->sheet_follow = false;
		return UI_REDRAW;
	case ACT_LAST:
		if (it->n_entries)
			select_entry(ui, it, it->n_entries - 1);
		ui->sheet_top = 1 << 30;  /* the end; clamped when drawn */
		ui->sheet_follow = false;
		return UI_REDRAW;
	case ACT_BACK:
		ui->view = VIEW_ITEMS;
		return UI_REDRAW;
	case ACT_OPEN:
		return 0;
	default:
		return UI_UNHANDLED;
	}
}

const struct view_ops sheet_ops = {
	.hints = ACTION_BIT(ACT_DOWN) | ACTION_BIT(ACT_BACK) | ACTION_BIT(ACT_YEAR_PREV) |
	         ACTION_BIT(ACT_HELP) | ACTION_BIT(ACT_QUIT) | ACTION_BIT(ACT_SEARCH_NEXT) |
	         ACTION_BIT(ACT_SET_STATUS) | ACTION_BIT(ACT_EDIT_NOTE) |
	         ACTION_BIT(ACT_SAVE) | ACTION_BIT(ACT_UNDO),
	.draw = draw,
	.act = act,
};
