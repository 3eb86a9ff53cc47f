/* view_sheet.c - one item: its content, effects, indicators, departments,
 * review changes and yearly schedule.  Text wraps by display columns; the
 * entry under the sheet's own cursor is highlighted and kept in view. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "draw.h"
#include "i18n.h"
#include "lint.h"
#include "textcol.h"
#include "view_sheet.h"

#define ID_MAX 64

struct sheet {
	int policy, item;
	char item_id[ID_MAX];     /* found again by id after a reload */
	int year;                 /* the cursor: the entry the editing keys change */
	int top;                  /* first line shown */
	bool follow;              /* scroll to the cursor's entry when drawn */
};

enum line_kind { LINE_TEXT, LINE_HEADING, LINE_ENTRY, LINE_WARNING };

/* One screen line: bytes [start, end) of the page's text, or for LINE_ENTRY
 * the head line of entry `entry`, drawn from the model. */
struct line {
	size_t start, end;
	int indent;
	enum line_kind kind;
	int entry;                /* -1: not part of an entry */
};

/* The laid-out page, built for each frame. */
struct page {
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

static const struct item *item_of(const struct sheet *sh, const struct ui_ctx *ctx)
{
	const struct plan *plan = ui_plan(ctx);

	if (sh->policy < 0 || (size_t)sh->policy >= plan->n_policies)
		return NULL;
	if (sh->item < 0 || (size_t)sh->item >= plan->policies[sh->policy].n_items)
		return NULL;
	return &plan->policies[sh->policy].items[sh->item];
}

/* ---- the page */

static void append(struct page *pg, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (pg->failed || !n)
		return;
	if (pg->len + n + 1 > pg->cap) {
		size_t cap = (pg->len + n + 1) * 2;
		char *t = realloc(pg->text, cap);

		if (!t) {
			pg->failed = true;
			return;
		}
		pg->text = t;
		pg->cap = cap;
	}
	memcpy(pg->text + pg->len, s, n);
	pg->len += n;
	pg->text[pg->len] = '\0';
}

static struct line *new_line(struct page *pg)
{
	if (pg->failed)
		return NULL;
	if (pg->n == pg->max) {
		size_t max = pg->max ? pg->max * 2 : 64;
		struct line *l = realloc(pg->lines, max * sizeof *l);

		if (!l) {
			pg->failed = true;
			return NULL;
		}
		pg->lines = l;
		pg->max = max;
	}
	return &pg->lines[pg->n++];
}

/* Wrap the text appended since `from` into lines. */
static void paragraph(struct page *pg, size_t from, int indent, enum line_kind kind, int entry)
{
	int width = pg->width - indent;
	const char *text = pg->text ? pg->text + from : "";
	size_t count;
	struct textcol_span *spans;

	if (pg->failed)
		return;
	count = textcol_wrap(text, pg->len - from, width, NULL, 0);
	spans = calloc(count, sizeof *spans);
	if (!spans) {
		pg->failed = true;
		return;
	}
	textcol_wrap(text, pg->len - from, width, spans, count);
	for (size_t i = 0; i < count; i++) {
		struct line *l = new_line(pg);

		if (!l)
			break;
		*l = (struct line){ from + spans[i].start, from + spans[i].end, indent, kind, entry };
	}
	free(spans);
}

static void text_para(struct page *pg, const char *s, int indent, enum line_kind kind, int entry)
{
	size_t from = pg->len;

	append(pg, s);
	paragraph(pg, from, indent, kind, entry);
}

static void blank(struct page *pg)
{
	struct line *l = new_line(pg);

	if (l)
		*l = (struct line){ 0, 0, 0, LINE_TEXT, -1 };
}

/* "平成28年3月末 A 予定どおり": a rating as the sheet writes it. */
static void append_rating(const struct ui_ctx *ctx, const struct rating *r, struct page *pg)
{
	const struct plan *plan = ui_plan(ctx);
	char date[96];

	ui_review_label(ctx, r->review, date, sizeof date);
	append(pg, date);
	append(pg, "  ");
	if (r->level < 0 || (size_t)r->level >= plan->n_rating_levels)
		return;
	append(pg, plan->rating_levels[r->level].key);
	append(pg, " ");
	append(pg, plan->rating_levels[r->level].label);
}

/* The warnings (lint.h) about one entry (year != 0), one rating (review
 * >= 0) or the review's schedule (LINT_REVISED_NO_ENTRY: kind -1). */
static void build_warnings(const struct ui_ctx *ctx, const struct lint_list *lints, int year,
                           int review, int entry, struct page *pg)
{
	char msg[640];

	for (size_t i = 0; lints && i < lints->n; i++) {
		const struct lint_warning *w = &lints->w[i];
		bool about_rating = w->code == LINT_GOOD_WHILE_LATE || w->code == LINT_LATE_WHILE_FINAL;
		bool about_review = w->code == LINT_REVISED_NO_ENTRY;
		size_t from = pg->len;

		if (review >= 0 ? !about_rating || w->review != review
		    : year ? about_rating || about_review || w->year != year : !about_review)
			continue;
		describe_lint(ui_plan(ctx), w, msg, sizeof msg);
		append(pg, _("Warning: "));
		append(pg, msg);
		paragraph(pg, from, 4, LINE_WARNING, entry);
	}
}

static void build_head(const struct ui_ctx *ctx, const struct item *it, struct page *pg)
{
	const struct rating *r = item_rating_at(it, ctx->review);
	char buf[128];
	size_t from = pg->len;

	append(pg, it->id);
	append(pg, " ");
	append(pg, it->title);
	paragraph(pg, from, 0, LINE_HEADING, -1);
	from = pg->len;
	if (it->serial) {
		snprintf(buf, sizeof buf, "No.%d  ", it->serial);
		append(pg, buf);
	}
	if (r) {
		append(pg, _("Rating: "));
		append_rating(ctx, r, pg);
	}
	if (pg->len > from)
		paragraph(pg, from, 2, LINE_TEXT, -1);
	text_para(pg, _("Content"), 0, LINE_HEADING, -1);
	text_para(pg, it->content, 2, LINE_TEXT, -1);
	text_para(pg, _("Effects"), 0, LINE_HEADING, -1);
	text_para(pg, it->effects, 2, LINE_TEXT, -1);
}

static void build_indicators(const struct item *it, struct page *pg)
{
	text_para(pg, _("Indicators"), 0, LINE_HEADING, -1);
	if (!it->n_indicators)
		text_para(pg, _("(none)"), 2, LINE_TEXT, -1);
	for (size_t i = 0; i < it->n_indicators; i++) {
		const struct indicator *ind = &it->indicators[i];
		size_t from = pg->len;

		append(pg, ind->name);
		append(pg, ": ");
		if (ind->baseline) {
			append(pg, ind->baseline);
			append(pg, " -> ");
		}
		append(pg, ind->target);
		paragraph(pg, from, 2, LINE_TEXT, -1);
	}
}

static void build_review(const struct ui_ctx *ctx, const struct item *it,
                         const struct lint_list *lints, struct page *pg)
{
	size_t from;

	text_para(pg, _("Departments"), 0, LINE_HEADING, -1);
	from = pg->len;
	for (size_t i = 0; i < it->n_departments; i++) {
		if (i)
			append(pg, ", ");
		append(pg, it->departments[i]);
	}
	paragraph(pg, from, 2, LINE_TEXT, -1);
	text_para(pg, _("Changes at the review"), 0, LINE_HEADING, -1);
	from = pg->len;
	if (!it->revised)
		append(pg, _("not revised"));
	for (int bit = 0; it->revised && bit < REVIEW_KINDS; bit++) {
		if (!(it->review_changed & (1u << bit)))
			continue;
		if (pg->len > from)
			append(pg, ", ");
		append(pg, _(review_words[bit]));
	}
	if (it->revised && it->new_indicators) {
		if (pg->len > from)
			append(pg, ", ");
		append(pg, _("new indicators"));
	}
	if (it->revised && pg->len == from)
		append(pg, _("revised"));
	paragraph(pg, from, 2, LINE_TEXT, -1);
	build_warnings(ctx, lints, 0, -1, -1, pg);
}

/* Every rating of the item, in date order, with its note and warnings. */
static void build_ratings(const struct ui_ctx *ctx, const struct item *it,
                          const struct lint_list *lints, struct page *pg)
{
	const struct plan *plan = ui_plan(ctx);

	if (!plan->n_reviews)
		return;
	blank(pg);
	text_para(pg, _("Rating history"), 0, LINE_HEADING, -1);
	if (!it->n_ratings)
		text_para(pg, _("(not rated)"), 2, LINE_TEXT, -1);
	for (size_t k = 0; k < plan->n_reviews; k++) {
		const struct rating *r = item_rating_at(it, (int)k);
		size_t from = pg->len;

		if (!r)
			continue;
		append_rating(ctx, r, pg);
		paragraph(pg, from, 2, LINE_TEXT, -1);
		if (r->note && *r->note) {
			from = pg->len;
			append(pg, _("Note: "));
			append(pg, r->note);
			paragraph(pg, from, 4, LINE_TEXT, -1);
		}
		build_warnings(ctx, lints, 0, (int)k, -1, pg);
	}
}

static void build_schedule(const struct ui_ctx *ctx, const struct item *it,
                           const struct lint_list *lints, struct page *pg)
{
	blank(pg);
	text_para(pg, _("Schedule"), 0, LINE_HEADING, -1);
	for (size_t i = 0; i < it->n_entries; i++) {
		const struct entry *e = &it->entries[i];
		struct line *l = new_line(pg);

		if (l)
			*l = (struct line){ 0, 0, 1, LINE_ENTRY, (int)i };
		text_para(pg, e->plan && *e->plan ? e->plan : _("(no plan text)"), 4, LINE_TEXT, (int)i);
		if (e->note && *e->note) {
			size_t from = pg->len;

			append(pg, _("Note: "));
			append(pg, e->note);
			paragraph(pg, from, 4, LINE_TEXT, (int)i);
		}
		build_warnings(ctx, lints, e->year, -1, (int)i, pg);
	}
}

static void build(const struct ui_ctx *ctx, const struct sheet *sh, const struct item *it,
                  struct page *pg)
{
	struct lint_list lints = { 0 };

	/* one item's warnings: what its texts say against its statuses */
	lint_item(ui_plan(ctx), sh->policy, sh->item, &lints);
	build_head(ctx, it, pg);
	build_indicators(it, pg);
	build_review(ctx, it, &lints, pg);
	build_schedule(ctx, it, &lints, pg);
	build_ratings(ctx, it, &lints, pg);
	lint_list_free(&lints);
}

/* ---- the cursor */

/* Index of the entry under the cursor, or -1. */
static int cursor_entry(const struct sheet *sh, const struct item *it)
{
	for (size_t i = 0; i < it->n_entries; i++)
		if (it->entries[i].year == sh->year)
			return (int)i;
	return -1;
}

/* j/k walk the entries in file order. */
static void step_entry(struct sheet *sh, const struct item *it, int dir)
{
	int cur = cursor_entry(sh, it), next = -1;

	if (cur >= 0) {
		if (cur + dir >= 0 && cur + dir < (int)it->n_entries)
			next = cur + dir;
	} else {
		for (size_t i = 0; i < it->n_entries; i++) {
			int y = it->entries[i].year;

			if ((dir > 0 && y > sh->year && next < 0) || (dir < 0 && y < sh->year))
				next = (int)i;
		}
	}
	if (next >= 0)
		sh->year = it->entries[next].year;
}

/* ---- drawing */

static void draw_entry_head(const struct ui_ctx *ctx, const struct entry *e, int y, int x,
                            attr_t base)
{
	const struct plan *plan = ui_plan(ctx);
	char year[64], letter[4] = "[?]";

	ui_year_label(ctx, e->year, year, sizeof year);
	x += ui_put(y, x, COLS - x, year, base | A_BOLD, false);
	x += ui_put(y, x, COLS - x, "  ", base, false);
	if (e->status >= 0 && (size_t)e->status < plan->n_statuses) {
		letter[1] = plan->statuses[e->status].letter;
		x += ui_put(y, x, COLS - x, plan->statuses[e->status].label, base, false);
		x += ui_put(y, x, COLS - x, " ", base, false);
	}
	ui_put(y, x, COLS - x, letter, base | ui_status_attr(ctx, e->status), false);
}

/* Keep the cursor's lines in view (when following) and the top in range. */
static void scroll_page(struct sheet *sh, const struct page *pg, int sel, int rows)
{
	int first = -1, last = -1, max_top;

	for (size_t i = 0; i < pg->n; i++) {
		if (sel >= 0 && pg->lines[i].entry == sel) {
			if (first < 0)
				first = (int)i;
			last = (int)i;
		}
	}
	if (sh->follow && first >= 0) {
		if (last >= sh->top + rows)
			sh->top = last - rows + 1;
		if (first < sh->top)
			sh->top = first;
	}
	max_top = (int)pg->n > rows ? (int)pg->n - rows : 0;
	if (sh->top > max_top)
		sh->top = max_top;
	if (sh->top < 0)
		sh->top = 0;
}

static void draw_line(struct ui_ctx *ctx, const struct item *it, const struct page *pg,
                      const struct line *l, int y, bool hl)
{
	attr_t base = hl ? ui_attr(ctx, ROLE_SELECTED) : A_NORMAL;

	if (hl)
		ui_put(y, 0, COLS, "", base, true);
	if (l->kind == LINE_ENTRY) {
		if (hl) {
			ui_put(y, 0, 1, ">", base, false);
			ctx->cursor_y = y;
		}
		draw_entry_head(ctx, &it->entries[l->entry], y, l->indent + 1, base);
		return;
	}
	ui_put_n(y, l->indent, COLS - l->indent, pg->text ? pg->text + l->start : "",
	         l->end - l->start, l->kind == LINE_HEADING ? base | ui_attr(ctx, ROLE_HEADING)
	         : l->kind == LINE_WARNING ? base | A_BOLD : base, false);
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct sheet *sh = s->state;
	const struct item *it = item_of(sh, ctx);
	struct page pg = { .width = COLS };
	int sel, rows = ctx->layout.body_rows;

	if (!it)
		return;
	build(ctx, sh, it, &pg);
	sel = cursor_entry(sh, it);
	scroll_page(sh, &pg, sel, rows);
	for (int r = 0; r < rows && sh->top + r < (int)pg.n; r++) {
		const struct line *l = &pg.lines[sh->top + r];

		draw_line(ctx, it, &pg, l, ctx->layout.body_top + r, sel >= 0 && l->entry == sel);
	}
	free(pg.text);
	free(pg.lines);
}

/* ---- keys */

static unsigned year_key(struct sheet *sh, struct ui_ctx *ctx, enum action a)
{
	const struct plan *plan = ui_plan(ctx);

	/* [ and ] change the year shown everywhere, and the cursor with it */
	if (a == ACT_YEAR_PREV && ctx->year > 0)
		ctx->year--;
	if (a == ACT_YEAR_NEXT && ctx->year + 1 < plan->n_years)
		ctx->year++;
	sh->year = ui_year(ctx);
	sh->follow = true;
	return UI_REDRAW;
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct sheet *sh = s->state;
	const struct item *it = item_of(sh, ctx);
	int page = ctx->layout.body_rows > 2 ? ctx->layout.body_rows - 1 : 1;

	if (!it)
		return a->id == ACT_BACK ? (screen_pop(ctx), UI_REDRAW) : UI_UNHANDLED;
	switch (a->id) {
	case ACT_DOWN:
	case ACT_UP:
		step_entry(sh, it, a->id == ACT_DOWN ? 1 : -1);
		sh->follow = true;
		return UI_REDRAW;
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
		return year_key(sh, ctx, a->id);
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		sh->top += a->id == ACT_PAGE_DOWN ? page : -page;   /* clamped when drawn */
		sh->follow = false;
		return UI_REDRAW;
	case ACT_FIRST:
	case ACT_LAST:
		if (it->n_entries)
			sh->year = it->entries[a->id == ACT_FIRST ? 0 : it->n_entries - 1].year;
		sh->top = a->id == ACT_FIRST ? 0 : 1 << 30;   /* clamped when drawn */
		sh->follow = false;
		return UI_REDRAW;
	case ACT_BACK:
		screen_pop(ctx);
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	const struct sheet_arg *sa = arg;
	struct sheet *sh = s->state;
	const struct item *it;

	sh->policy = sa->policy;
	sh->item = sa->item;
	sh->year = sa->year ? sa->year : ui_year(ctx);
	sh->follow = true;
	it = item_of(sh, ctx);
	if (it)
		snprintf(sh->item_id, sizeof sh->item_id, "%s", it->id);
	return it != NULL;
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	const struct sheet *sh = s->state;
	const struct item *it = item_of(sh, ctx);
	const struct plan *plan = ui_plan(ctx);
	char year[64];

	if (!it)
		return;
	ui_policy_label(&plan->policies[sh->policy], t->lead, sizeof t->lead);
	snprintf(t->lead + strlen(t->lead), sizeof t->lead - strlen(t->lead), " ");
	snprintf(t->name, sizeof t->name, "%s", plan->policies[sh->policy].title);
	ui_year_label(ctx, sh->year, year, sizeof year);
	snprintf(t->tail, sizeof t->tail, " > %s > %s", it->id, year);
}

static bool selected(const struct screen *s, struct ui_ctx *ctx, struct selection *out)
{
	const struct sheet *sh = s->state;

	if (!item_of(sh, ctx))
		return false;
	out->policy = sh->policy;
	out->item = sh->item;
	out->year = sh->year;
	return true;
}

static void plan_changed(struct screen *s, struct ui_ctx *ctx)
{
	struct sheet *sh = s->state;
	struct plan_pos pos;

	if (pos_locate(ui_plan(ctx), sh->item_id, 0, &pos)) {
		sh->policy = pos.policy;
		sh->item = pos.item;
	} else if (!item_of(sh, ctx)) {
		sh->policy = sh->item = -1;   /* gone: back leaves it */
	}
}

static const enum action sheet_actions[] = {
	ACT_DOWN, ACT_UP, ACT_BACK, ACT_YEAR_PREV, ACT_YEAR_NEXT, ACT_HELP, ACT_QUIT,
	ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_SET_STATUS, ACT_CYCLE_STATUS, ACT_EDIT_NOTE,
	ACT_EDIT_PLAN, ACT_SAVE, ACT_UNDO, ACT_REDO, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST,
	ACT_LAST, ACT_SEARCH, ACT_JUMP, ACT_MEETING, ACT_FILTER, ACT_FILTER_CLEAR, ACT_MATRIX,
	ACT_LOG, ACT_YEAR_STYLE, ACT_REVIEW_PREV, ACT_REVIEW_NEXT, ACT_EFFECTS, ACT_WHO, ACT_EXPORT,
	ACT_REDRAW,
	ACT_NONE
};

const struct screen_ops sheet_ops = {
	.name = "sheet",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct sheet),
	.actions = sheet_actions,
	.open = open,
	.key = key,
	.draw = draw,
	.title = title,
	.selected = selected,
	.plan_changed = plan_changed,
};
