/* view_items.c - the items of one policy: id, title, department, a status
 * strip with one letter per fiscal year, and the review mark. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "query.h"
#include "tally.h"
#include "view_items.h"
#include "view_sheet.h"

#define DEPT_MIN_W 14              /* the department is cut to this before it goes */
#define TITLE_MIN_W 16
#define TITLE_WIDE_W 28            /* the labelled strip is used while the title keeps this */
#define ID_MAX 64
#define RATING_W 3                 /* the rating's key ("A") and a space */

struct items {
	int policy;
	size_t item;              /* index into the policy's items */
	char item_id[ID_MAX];     /* the same item by id, found again after a reload */
	size_t top;               /* first visible row shown */
};

/* The widest id and first department of a policy, measured once per plan
 * (a search's preview opens a new list at every key: it must not measure
 * a large policy again). */
static struct widths {
	unsigned long plan;       /* plan_gen + 1; 0: empty slot */
	int policy;
	int id_w, dept_max;
} widths_seen[8];
static size_t widths_next;

struct columns {
	int id, title, dept, strip, rating, revised;   /* x positions */
	int id_w, title_w, dept_w;             /* dept_w 0: not shown */
	int cell;                              /* columns per year in the strip: 2, or a
	                                          label's width and a space */
};

static const struct policy *policy_of(const struct items *st, const struct ui_ctx *ctx)
{
	const struct plan *plan = ui_plan(ctx);

	return st->policy >= 0 && (size_t)st->policy < plan->n_policies
	       ? &plan->policies[st->policy] : NULL;
}

static void remember(struct items *st, const struct policy *p)
{
	if (p && st->item < p->n_items)
		snprintf(st->item_id, sizeof st->item_id, "%s", p->items[st->item].id);
}

/* The items of the policy that the filter shows, from the counts' cache
 * (scanned only when the cache cannot be had). */
static size_t shown(struct ui_ctx *ctx, int policy)
{
	const struct tally_cache *c = ui_tally(ctx);
	const struct policy *p = &ui_plan(ctx)->policies[policy];
	size_t n = 0;

	if (c)
		return tally_items_shown(c, policy);
	for (size_t i = 0; i < p->n_items; i++)
		n += filter_item(ui_plan(ctx), &ctx->filter, &p->items[i]);
	return n;
}

/* The item on a row of the list, or -1. */
static int shown_item(struct ui_ctx *ctx, int policy, size_t row)
{
	const struct tally_cache *c = ui_tally(ctx);
	const struct policy *p = &ui_plan(ctx)->policies[policy];
	int item = -1;

	if (c)
		return tally_visible_item(c, policy, row, &item) ? item : -1;
	for (size_t i = 0; i < p->n_items; i++)
		if (filter_item(ui_plan(ctx), &ctx->filter, &p->items[i]) && row-- == 0)
			return (int)i;
	return -1;
}

/* The row of an item in the list; false when the filter hides it. */
static bool shown_row(struct ui_ctx *ctx, int policy, int item, size_t *row)
{
	const struct tally_cache *c = ui_tally(ctx);
	const struct policy *p = &ui_plan(ctx)->policies[policy];

	if (c)
		return tally_visible_row(c, policy, item, row);
	*row = 0;
	for (int i = 0; i < item; i++)
		*row += filter_item(ui_plan(ctx), &ctx->filter, &p->items[i]);
	return filter_item(ui_plan(ctx), &ctx->filter, &p->items[item]);
}

/* The widest year label ("H23", "2011"). */
static int label_width(const struct ui_ctx *ctx)
{
	const struct plan *plan = ui_plan(ctx);
	char label[16];
	int w = 0;

	for (size_t i = 0; i < plan->n_years; i++) {
		ui_year_column(ctx, plan->years[i], label, sizeof label);
		if (ui_width(label) > w)
			w = ui_width(label);
	}
	return w;
}

/* The widest id and first department, measured once per plan. */
static void widest(const struct ui_ctx *ctx, int policy, const struct policy *p, int *id_w,
                   int *dept_w)
{
	struct widths *slot;
	int w;

	for (size_t i = 0; i < sizeof widths_seen / sizeof widths_seen[0]; i++) {
		if (widths_seen[i].plan == ctx->plan_gen + 1 && widths_seen[i].policy == policy) {
			*id_w = widths_seen[i].id_w;
			*dept_w = widths_seen[i].dept_max;
			return;
		}
	}
	*id_w = 1;
	*dept_w = 0;
	for (size_t i = 0; i < p->n_items; i++) {
		const struct item *it = &p->items[i];

		if ((w = ui_width(it->id)) > *id_w)
			*id_w = w;
		if (it->n_departments && (w = ui_width(it->departments[0])) > *dept_w)
			*dept_w = w;
	}
	slot = &widths_seen[widths_next++ % (sizeof widths_seen / sizeof widths_seen[0])];
	*slot = (struct widths){ ctx->plan_gen + 1, policy, *id_w, *dept_w };
}

/* Columns: the title takes what is left.  The strip gets year labels (4
 * columns a year) while the title keeps TITLE_WIDE_W; the department is
 * shown whole while the title keeps most of the room, cut to DEPT_MIN_W
 * after that, and left out last. */
static void layout(struct items *st, const struct ui_ctx *ctx, const struct policy *p,
                   struct columns *c)
{
	int years = (int)ui_plan(ctx)->n_years, dept_max, room, rating_w;

	widest(ctx, st->policy, p, &c->id_w, &dept_max);
	c->cell = label_width(ctx) + 1;
	rating_w = ui_plan(ctx)->n_reviews ? RATING_W : 1;
	room = COLS - (2 + c->id_w + 1 + 1 + c->cell * years + rating_w + 1) -
	       (dept_max ? DEPT_MIN_W + 1 : 0);
	if (room < TITLE_WIDE_W)
		c->cell = 2;
	room = COLS - (2 + c->id_w + 1 + 1 + c->cell * years + rating_w + 2);
	c->dept_w = dept_max < room / 3 ? dept_max : room / 3;
	if (c->dept_w < DEPT_MIN_W)
		c->dept_w = dept_max < DEPT_MIN_W ? dept_max : DEPT_MIN_W;
	if (room - (c->dept_w + 1) < TITLE_MIN_W)
		c->dept_w = 0;            /* narrow: the department goes first */
	c->title_w = room - (c->dept_w ? c->dept_w + 1 : 0);
	if (c->title_w < 1)
		c->title_w = 1;
	c->id = 2;
	c->title = c->id + c->id_w + 1;
	c->dept = c->title + c->title_w + 1;
	c->strip = c->dept + (c->dept_w ? c->dept_w + 1 : 0);
	c->rating = c->strip + c->cell * years + 1;
	c->revised = c->rating + rating_w;
}

/* One letter per year, the year shown in brackets: " D D[I]P P" in two
 * columns a year, " D   D  [I]  P   P " under labels. */
static void draw_strip(const struct ui_ctx *ctx, const struct columns *c, const struct item *it,
                       int y)
{
	const struct plan *plan = ui_plan(ctx);
	int x = c->strip, w = c->cell;

	for (size_t i = 0; i < plan->n_years; i++) {
		const struct entry *e = item_entry_for_year(it, plan->years[i]);
		char letter[2] = { '.', '\0' };
		attr_t a = A_NORMAL;
		int at = x + w * (int)i + (w > 2 ? (w - 4) / 2 : 0);

		if (e && e->status >= 0 && (size_t)e->status < plan->n_statuses) {
			letter[0] = plan->statuses[e->status].letter;
			a = ui_status_attr(ctx, e->status);
			/* an entry the filter hides is blank */
			if (filter_active(&ctx->filter) && !filter_entry(plan, &ctx->filter, it, e)) {
				letter[0] = ' ';
				a = A_NORMAL;
			}
		}
		if (i == ctx->year) {
			ui_put(y, at, 1, "[", A_NORMAL, false);
			ui_put(y, at + 2, 1, "]", A_NORMAL, false);
		}
		ui_put(y, at + 1, 1, letter, a, false);
	}
}

/* The item's rating at the review date shown, "-" when it was not rated. */
static void draw_rating(const struct ui_ctx *ctx, const struct columns *c, const struct item *it,
                        int y)
{
	const struct plan *plan = ui_plan(ctx);
	const struct rating *r = item_rating_at(it, ctx->review);

	if (!plan->n_reviews)
		return;
	if (!r || r->level < 0 || (size_t)r->level >= plan->n_rating_levels) {
		ui_put(y, c->rating, 1, "-", ui_attr(ctx, ROLE_DIM), false);
		return;
	}
	ui_put(y, c->rating, RATING_W - 1, plan->rating_levels[r->level].key,
	       plan->rating_levels[r->level].late ? A_BOLD : A_NORMAL, false);
}

static void draw_heads(const struct ui_ctx *ctx, const struct columns *c, int y)
{
	attr_t h = ui_attr(ctx, ROLE_DIM);

	ui_put(y, c->id, c->id_w + 1, _("ID"), h, false);
	ui_put(y, c->title, c->title_w, _("Item"), h, false);
	if (c->dept_w)
		ui_put(y, c->dept, c->dept_w, _("Department"), h, false);
	if (ui_plan(ctx)->n_reviews)
		/* TRANSLATORS: the heading of the rating column: a few columns */
		ui_put(y, c->rating, COLS - c->rating, _("Rating"), h, false);
	if (c->cell == 2) {
		ui_put(y, c->strip + 1, c->rating - c->strip - 1, _("Years"), h, false);
		return;
	}
	for (size_t i = 0; i < ui_plan(ctx)->n_years; i++) {
		char label[16];

		ui_year_column(ctx, ui_plan(ctx)->years[i], label, sizeof label);
		ui_put(y, c->strip + c->cell * (int)i, c->cell, label,
		       i == ctx->year ? ui_attr(ctx, ROLE_HEADING) | A_UNDERLINE : h, false);
	}
}

static void draw_row(struct ui_ctx *ctx, const struct columns *c, const struct item *it,
                     int y, bool sel)
{
	attr_t base = sel ? ui_attr(ctx, ROLE_SELECTED) : A_NORMAL;

	/* The selection is the marker and the id in reverse: the title keeps
	 * its attributes, so a one-row move over SSH sends two short ids, not
	 * two Japanese titles. */
	if (sel) {
		ui_put(y, 0, c->id + c->id_w, "", base, true);
		ctx->cursor_y = y;
	}
	ui_put(y, 0, 2, sel ? ">" : "", base, false);
	ui_put(y, c->id, c->id_w, it->id, base, false);
	ui_put(y, c->title, c->title_w, it->title, A_NORMAL, false);
	if (c->dept_w && it->n_departments)
		ui_put(y, c->dept, c->dept_w, it->departments[0], A_NORMAL, false);
	draw_strip(ctx, c, it, y);
	draw_rating(ctx, c, it, y);
	if (it->revised)
		ui_put(y, c->revised, 1, "R", A_NORMAL, false);
}

static void settle(struct items *st, struct ui_ctx *ctx);

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct items *st = s->state;
	const struct policy *p = policy_of(st, ctx);
	struct columns c;
	int y = ctx->layout.body_top, rows = ctx->layout.body_rows;
	size_t n, sel_row = 0, r;

	if (!p)
		return;
	settle(st, ctx);
	n = shown(ctx, st->policy);
	if (!n) {
		ui_put(y, 2, COLS - 2, p->n_items ? _("(no items pass the filter; F clears it)")
		                                  : _("(no items)"), ui_attr(ctx, ROLE_DIM), false);
		return;
	}
	shown_row(ctx, st->policy, (int)st->item, &sel_row);
	layout(st, ctx, p, &c);
	if (rows >= 4) {
		draw_heads(ctx, &c, y++);
		rows--;
	}
	ui_scroll_to(sel_row, &st->top, n, rows);
	for (r = st->top; r < n && (int)(r - st->top) < rows; r++) {
		int i = shown_item(ctx, st->policy, r);

		if (i >= 0)
			draw_row(ctx, &c, &p->items[i], y + (int)(r - st->top), (size_t)i == st->item);
	}
	ui_more_marks(y, rows, st->top, r - st->top, n);
}

/* Keep the selection on an item the filter shows. */
static void settle(struct items *st, struct ui_ctx *ctx)
{
	const struct policy *p = policy_of(st, ctx);
	const struct tally_cache *c = ui_tally(ctx);
	size_t row;
	int near;

	if (!p || !p->n_items)
		return;
	if (st->item >= p->n_items)
		st->item = p->n_items - 1;
	if (shown_row(ctx, st->policy, (int)st->item, &row))
		return;
	if (c && tally_visible_near(c, st->policy, (int)st->item, &near))
		st->item = (size_t)near;
	else if (!c && (near = shown_item(ctx, st->policy, 0)) >= 0)
		st->item = (size_t)near;
	remember(st, p);
}

static bool move_selection(struct items *st, struct ui_ctx *ctx, enum action a)
{
	const struct policy *p = policy_of(st, ctx);
	size_t n, row = 0;
	int item;

	if (!p)
		return false;
	settle(st, ctx);
	n = shown(ctx, st->policy);
	shown_row(ctx, st->policy, (int)st->item, &row);
	if (!ui_move(&row, n, a, ctx->layout.body_rows - 1))
		return false;
	if (row < n && (item = shown_item(ctx, st->policy, row)) >= 0) {
		st->item = (size_t)item;
		remember(st, p);
	}
	return true;
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct items *st = s->state;
	const struct policy *p = policy_of(st, ctx);

	if (move_selection(st, ctx, a->id))
		return UI_REDRAW;
	switch (a->id) {
	case ACT_OPEN:
		settle(st, ctx);
		if (!p || st->item >= p->n_items)
			return 0;
		screen_push(ctx, &sheet_ops, &(struct sheet_arg){ st->policy, (int)st->item, 0 });
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
	const struct items_arg *ia = arg;
	struct items *st = s->state;

	st->policy = ia->policy;
	st->item = ia->item >= 0 ? (size_t)ia->item : 0;
	remember(st, policy_of(st, ctx));
	settle(st, ctx);
	return policy_of(st, ctx) != NULL;
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	const struct items *st = s->state;
	const struct policy *p = policy_of(st, ctx);
	char year[64], review[96], rated[128] = "";

	if (!p)
		return;
	ui_policy_label(p, t->lead, sizeof t->lead);
	snprintf(t->lead + strlen(t->lead), sizeof t->lead - strlen(t->lead), " ");
	snprintf(t->name, sizeof t->name, "%s", p->title);
	ui_year_label(ctx, ui_year(ctx), year, sizeof year);
	/* the rating column's date, when the policy's title need not be cut
	 * for it */
	ui_review_label(ctx, ctx->review, review, sizeof review);
	if (review[0]) {
		snprintf(rated, sizeof rated, "  ");
		snprintf(rated + 2, sizeof rated - 2, _("Ratings %s"), review);
	}
	snprintf(t->tail, sizeof t->tail, " > %s%s", year, rated);
	if (ui_width(t->lead) + ui_width(t->name) + ui_width(t->tail) > COLS)
		snprintf(t->tail, sizeof t->tail, " > %s", year);
}

static bool selected(const struct screen *s, struct ui_ctx *ctx, struct selection *out)
{
	struct items *st = s->state;
	const struct policy *p = policy_of(st, ctx);

	settle(st, ctx);
	if (!p)
		return false;
	out->policy = st->policy;
	out->item = st->item < p->n_items ? (int)st->item : -1;
	out->year = ui_year(ctx);
	return true;
}

static void plan_changed(struct screen *s, struct ui_ctx *ctx)
{
	struct items *st = s->state;
	const struct policy *p = policy_of(st, ctx);
	struct plan_pos pos;

	if (!p) {
		st->policy = ui_plan(ctx)->n_policies ? (int)ui_plan(ctx)->n_policies - 1 : 0;
		p = policy_of(st, ctx);
	}
	if (st->item_id[0] && pos_locate(ui_plan(ctx), st->item_id, 0, &pos) &&
	    pos.policy == st->policy)
		st->item = (size_t)pos.item;
	settle(st, ctx);
}

static const enum action items_actions[] = {
	ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_OPEN, ACT_BACK,
	ACT_YEAR_PREV, ACT_YEAR_NEXT, ACT_HELP, ACT_QUIT, ACT_SEARCH, ACT_MEETING,
	ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_SET_STATUS, ACT_CYCLE_STATUS, ACT_EDIT_NOTE,
	ACT_EDIT_PLAN, ACT_SAVE, ACT_UNDO, ACT_REDO, ACT_JUMP, ACT_FILTER, ACT_FILTER_CLEAR,
	ACT_MATRIX, ACT_LOG, ACT_YEAR_STYLE, ACT_REVIEW_PREV, ACT_REVIEW_NEXT, ACT_EFFECTS,
	ACT_WHO, ACT_EXPORT, ACT_REDRAW, ACT_NONE
};

const struct screen_ops items_ops = {
	.name = "items",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct items),
	.actions = items_actions,
	.open = open,
	.key = key,
	.draw = draw,
	.title = title,
	.selected = selected,
	.plan_changed = plan_changed,
};
