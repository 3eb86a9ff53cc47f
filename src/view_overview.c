/* view_overview.c - the home screen: one row per policy with its progress
 * and status counts for the year shown, the plan's total, and the
 * five-year roll-up. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "query.h"
#include "tally.h"
#include "view_items.h"
#include "view_overview.h"

#define COUNT_W 5   /* item count column */
#define PCT_W 4     /* "100%" */
#define GRID_CELL 6 /* a year of the roll-up */
#define RATING_LEVELS 8   /* rating levels the overview counts */
#define KEY_W 2           /* a rating's key as drawn ("S") */

struct overview {
	size_t sel, top;          /* the selected policy and the first one shown */
};

struct columns {
	int label, title, count, bar, pct, counts;   /* x positions */
	int label_w, title_w, bar_w, digits;
	bool show_pct, show_counts;
};

static int digits_of(size_t n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static int label_width(const struct plan *plan)
{
	char label[64];
	int w, max = 0;

	for (size_t i = 0; i < plan->n_policies; i++) {
		ui_policy_label(&plan->policies[i], label, sizeof label);
		w = ui_width(label);
		if (w > max)
			max = w;
	}
	return max;
}

static void layout(const struct plan *plan, struct columns *c)
{
	int fixed, counts_w;

	c->label_w = label_width(plan);
	c->digits = digits_of(plan->n_items);
	counts_w = (int)plan->n_statuses * (c->digits + 2);
	c->bar_w = 12;
	c->show_pct = c->show_counts = true;
	fixed = 2 + c->label_w + 1 + 1 + COUNT_W + 1 + c->bar_w + 1 + PCT_W + 1 + counts_w;
	if (COLS - fixed < 12) {           /* narrow: drop the counts first */
		c->show_counts = false;
		fixed -= counts_w;
	}
	if (COLS - fixed < 8) {
		c->show_pct = false;
		fixed -= PCT_W + 1;
	}
	if (COLS - fixed < 8) {
		c->bar_w = 7;
		fixed -= 5;
	}
	c->title_w = COLS - fixed > 1 ? COLS - fixed : 1;
	c->label = 2;
	c->title = c->label + c->label_w + 1;
	c->count = c->title + c->title_w + 1;
	c->bar = c->count + COUNT_W + 1;
	c->pct = c->bar + c->bar_w + 1;
	c->counts = c->pct + (c->show_pct ? PCT_W + 1 : 0);
}

static void draw_bar(const struct ui_ctx *ctx, const struct columns *c, int y,
                     const struct tally *t, attr_t base)
{
	int inner = c->bar_w - 2, filled = 0;
	char buf[16];

	if (t->entries)
		filled = (int)((t->final * (size_t)inner + t->entries / 2) / t->entries);
	ui_put(y, c->bar, 1, "[", base, false);
	for (int i = 0; i < inner; i++)
		ui_put(y, c->bar + 1 + i, 1, i < filled ? "#" : "-",
		       i < filled ? base | ui_attr(ctx, ROLE_BAR) : base, false);
	ui_put(y, c->bar + 1 + inner, 1, "]", base, false);
	if (!c->show_pct)
		return;
	if (t->entries)
		snprintf(buf, sizeof buf, "%3zu%%", t->final * 100 / t->entries);
	else
		snprintf(buf, sizeof buf, "%*s", PCT_W, "-");
	ui_put(y, c->pct, PCT_W, buf, base, false);
}

/* The figures of one row: item count, bar, percentage and the count of
 * entries in each status for the year shown. */
static void draw_figures(const struct ui_ctx *ctx, const struct columns *c, int y,
                         size_t n_items, const struct tally *t, attr_t base)
{
	const struct plan *plan = ui_plan(ctx);
	char buf[64];

	snprintf(buf, sizeof buf, "%*zu", COUNT_W, n_items);
	ui_put(y, c->count, COUNT_W, buf, base, false);
	draw_bar(ctx, c, y, t, base);
	for (size_t i = 0; c->show_counts && i < plan->n_statuses && i < FILTER_MAX_STATUSES; i++) {
		int x = c->counts + (int)i * (c->digits + 2);
		char letter[2] = { plan->statuses[i].letter, '\0' };

		if (!t->by_status[i])
			continue;       /* blank, so the non-zero ones stand out */
		ui_put(y, x, 1, letter, base | ui_status_attr(ctx, (int)i), false);
		snprintf(buf, sizeof buf, "%-*zu", c->digits, t->by_status[i]);
		ui_put(y, x + 1, c->digits, buf, base, false);
	}
}

static void draw_legend(const struct ui_ctx *ctx, int y)
{
	const struct plan *plan = ui_plan(ctx);
	int x = 2;

	for (size_t i = 0; i < plan->n_statuses && x < COLS; i++) {
		char letter[3] = { plan->statuses[i].letter, ':', '\0' };

		x += ui_put(y, x, COLS - x, letter, ui_status_attr(ctx, (int)i), false);
		x += ui_put(y, x, COLS - x, plan->statuses[i].label, ui_attr(ctx, ROLE_DIM), false);
		x += ui_put(y, x, COLS - x, "  ", A_NORMAL, false);
	}
}

/* The counts of one policy (-1: all) in one year, from the cache that
 * follows edits (recounted only when it cannot be had). */
static void count(struct ui_ctx *ctx, int policy, int year, struct tally *t)
{
	const struct tally_cache *c = ui_tally(ctx);

	if (c)
		tally_get(c, policy, year, t);
	else
		tally_count(ui_plan(ctx), &ctx->filter, policy, year, t);
}

/* Items of a policy (-1: all) that the filter shows. */
static size_t items_shown(struct ui_ctx *ctx, int policy)
{
	const struct tally_cache *c = ui_tally(ctx);
	const struct plan *plan = ui_plan(ctx);
	size_t n = 0;

	if (c)
		return tally_items_shown(c, policy);
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; (policy < 0 || (int)p == policy) && i < plan->policies[p].n_items; i++)
			n += filter_item(plan, &ctx->filter, &plan->policies[p].items[i]);
	return n;
}

/* The five-year roll-up: per policy and year, the percentage of entries in
 * a final status ("-" when the filter leaves none).  Rows: n_policies + 2. */
static void draw_grid(struct ui_ctx *ctx, int y, int label_w)
{
	const struct plan *plan = ui_plan(ctx);
	int x0 = 2 + label_w + 1;
	char buf[64], label[64];

	ui_put(y, 0, x0, _("Finished %"), ui_attr(ctx, ROLE_DIM), false);
	for (size_t k = 0; k < plan->n_years; k++) {
		ui_year_column(ctx, plan->years[k], label, sizeof label);
		snprintf(buf, sizeof buf, "%*s", GRID_CELL - 1, label);
		ui_put(y, x0 + (int)k * GRID_CELL, GRID_CELL, buf,
		       k == ctx->year ? ui_attr(ctx, ROLE_HEADING) | A_UNDERLINE : ui_attr(ctx, ROLE_DIM),
		       false);
	}
	for (size_t p = 0; p <= plan->n_policies; p++) {
		bool total = p == plan->n_policies;

		y++;
		if (total)
			snprintf(label, sizeof label, "%s", _("Total"));
		else
			ui_policy_label(&plan->policies[p], label, sizeof label);
		ui_put(y, 2, label_w, label, total ? ui_attr(ctx, ROLE_HEADING) : A_NORMAL, false);
		for (size_t k = 0; k < plan->n_years; k++) {
			struct tally t;
			int pct;

			count(ctx, total ? -1 : (int)p, plan->years[k], &t);
			pct = tally_percent_final(&t);
			if (pct < 0)
				snprintf(buf, sizeof buf, "%*s", GRID_CELL - 1, "-");
			else
				snprintf(buf, sizeof buf, "%*d", GRID_CELL - 1, pct);
			ui_put(y, x0 + (int)k * GRID_CELL, GRID_CELL, buf,
			       total ? ui_attr(ctx, ROLE_HEADING) : A_NORMAL, false);
		}
	}
}

/* ---- the ratings at the review date shown ------------------------------
 * Beside (or instead of) the roll-up, on its rows: per policy and in total
 * the items rated and how many got each rating, with the 増減 against the
 * review before ("B 11 (+2)"). */

struct rating_cols {
	int digits, rated_w, cell_w;   /* cell: key, count, change */
	size_t levels;
};

static void rating_change(size_t now, size_t before, char *buf, size_t size);

static void rating_layout(const struct plan *plan, struct rating_cols *rc)
{
	char buf[32];
	size_t most = plan->n_items;
	int up, down;

	rc->digits = digits_of(most);
	snprintf(buf, sizeof buf, _("%*zu items"), rc->digits, most);
	rc->rated_w = ui_width(buf);
	rc->levels = plan->n_rating_levels < RATING_LEVELS ? plan->n_rating_levels : RATING_LEVELS;
	/* "B 11 (+11)": the widest change as drawn (a ▲ may be wide) */
	rating_change(most, 0, buf, sizeof buf);
	up = ui_width(buf);
	rating_change(0, most, buf, sizeof buf);
	down = ui_width(buf);
	rc->cell_w = KEY_W + rc->digits + 1 + (up > down ? up : down);
}

static int rating_width(const struct rating_cols *rc)
{
	return rc->rated_w + (int)rc->levels * (rc->cell_w + 1);
}

static void rating_change(size_t now, size_t before, char *buf, size_t size)
{
	if (now > before)
		snprintf(buf, size, _("(+%zu)"), now - before);
	else if (now < before)
		/* TRANSLATORS: a count that went down; Japanese tables write (▲2) */
		snprintf(buf, size, _("(-%zu)"), before - now);
	else
		snprintf(buf, size, "%s", _("(0)"));
}

/* One row's ratings (policy -1: the plan's). */
static void draw_rating_row(struct ui_ctx *ctx, const struct rating_cols *rc, int y, int x,
                            int policy, attr_t base)
{
	const struct tally_cache *c = ui_tally(ctx);
	const struct plan *plan = ui_plan(ctx);
	size_t now[RATING_LEVELS], before[RATING_LEVELS], rated, rated_before = 0;
	char buf[64], change[32];

	if (!c)
		return;
	tally_ratings(c, policy, ctx->review, now, RATING_LEVELS, &rated);
	if (ctx->review > 0)
		tally_ratings(c, policy, ctx->review - 1, before, RATING_LEVELS, &rated_before);
	snprintf(buf, sizeof buf, _("%*zu items"), rc->digits, rated);
	ui_put(y, x, rc->rated_w, buf, base, false);
	for (size_t l = 0; rated && l < rc->levels; l++) {
		int cx = x + rc->rated_w + 1 + (int)l * (rc->cell_w + 1);

		ui_put(y, cx, KEY_W, plan->rating_levels[l].key, base | A_BOLD, false);
		change[0] = '\0';
		if (rated_before)
			rating_change(now[l], before[l], change, sizeof change);
		snprintf(buf, sizeof buf, "%*zu %s", rc->digits, now[l], change);
		ui_put(y, cx + KEY_W, rc->cell_w - KEY_W, buf, base, false);
	}
}

static void draw_ratings(struct ui_ctx *ctx, const struct rating_cols *rc, int y, int x,
                         int label_w)
{
	const struct plan *plan = ui_plan(ctx);
	char label[96], head[160];

	ui_review_label(ctx, ctx->review, label, sizeof label);
	/* TRANSLATORS: the heading of the ratings at a review date; the
	 * figures in () are the change since the review date before */
	snprintf(head, sizeof head, _("Ratings %s (n): change since the last review"), label);
	if (ctx->review <= 0 || ui_width(head) > COLS - x)
		/* TRANSLATORS: the same heading, short */
		snprintf(head, sizeof head, _("Ratings %s"), label);
	ui_put(y, x, COLS - x, head, ui_attr(ctx, ROLE_HEADING) | A_UNDERLINE, false);
	for (size_t p = 0; p <= plan->n_policies; p++) {
		bool total = p == plan->n_policies;

		if (x < 2 + label_w) {   /* drawn alone: with its own labels */
			if (total)
				snprintf(label, sizeof label, "%s", _("Total"));
			else
				ui_policy_label(&plan->policies[p], label, sizeof label);
			ui_put(y + 1 + (int)p, 2, label_w, label,
			       total ? ui_attr(ctx, ROLE_HEADING) : A_NORMAL, false);
		}
		draw_rating_row(ctx, rc, y + 1 + (int)p, x < 2 + label_w ? 2 + label_w + 1 : x,
		                total ? -1 : (int)p, total ? ui_attr(ctx, ROLE_HEADING) : A_NORMAL);
	}
}

/* The roll-up and the ratings on rows y.., side by side when they fit,
 * else the ratings alone (the figures the city publishes). */
static void draw_bottom(struct ui_ctx *ctx, int y, int label_w)
{
	const struct plan *plan = ui_plan(ctx);
	int grid_w = 2 + label_w + 1 + (int)plan->n_years * GRID_CELL;
	bool ratings = plan->n_reviews && plan->n_rating_levels && ctx->review >= 0;
	struct rating_cols rc;

	if (ratings)
		rating_layout(plan, &rc);
	if (ratings && grid_w + 1 + rating_width(&rc) <= COLS) {
		draw_grid(ctx, y, label_w);
		draw_ratings(ctx, &rc, y, grid_w + 1, label_w);
	} else if (ratings && 2 + label_w + 1 + rating_width(&rc) <= COLS) {
		draw_ratings(ctx, &rc, y, 0, label_w);
	} else if (grid_w <= COLS) {
		draw_grid(ctx, y, label_w);
	}
}

static void draw_period(const struct ui_ctx *ctx, int y)
{
	const struct plan *plan = ui_plan(ctx);
	char period[96], year[64], line[256];
	int first, last;

	if (!plan->n_years)
		return;
	first = plan->years[0];
	last = plan->years[plan->n_years - 1];
	if (ctx->era_years && fiscal_year_heisei(first) && fiscal_year_heisei(last))
		/* TRANSLATORS: the plan period in Japanese eras: 平成%d-%d年度 */
		snprintf(period, sizeof period, _("Heisei %d-%d"), fiscal_year_heisei(first),
		         fiscal_year_heisei(last));
	else
		snprintf(period, sizeof period, "FY%d-%d", first, last);
	ui_year_label(ctx, ui_year(ctx), year, sizeof year);
	snprintf(line, sizeof line, _("Period: %s   Year shown: %s"), period, year);
	ui_put(y, 0, COLS, line, A_NORMAL, false);
}

static void draw_column_heads(const struct ui_ctx *ctx, const struct columns *c, int y)
{
	attr_t h = ui_attr(ctx, ROLE_DIM);

	ui_put(y, c->label, c->label_w + 1 + c->title_w, _("Policy"), h, false);
	ui_put(y, c->count, COUNT_W + 1, _("Items"), h, false);
	ui_put(y, c->bar, c->bar_w, _("Finished"), h, false);
	if (c->show_counts)
		ui_put(y, c->counts, COLS - c->counts, _("Entries by status"), h, false);
}

static void draw_policies(struct overview *ov, struct ui_ctx *ctx, const struct columns *c,
                          int y, int region)
{
	const struct plan *plan = ui_plan(ctx);
	size_t n = plan->n_policies;

	ui_scroll_to(ov->sel, &ov->top, n, region);
	for (size_t i = ov->top; i < n && (int)(i - ov->top) < region; i++, y++) {
		const struct policy *p = &plan->policies[i];
		attr_t sel = ui_attr(ctx, ROLE_SELECTED);
		struct tally t;
		char label[64];

		/* The selection is the marker and the label in reverse: the
		 * title keeps its attributes, so a one-row move over SSH sends
		 * two short labels, not two Japanese titles. */
		if (i == ov->sel) {
			ui_put(y, 0, c->label + c->label_w, "", sel, true);
			ctx->cursor_y = y;
		}
		ui_put(y, 0, 2, i == ov->sel ? ">" : "", i == ov->sel ? sel : A_NORMAL, false);
		ui_policy_label(p, label, sizeof label);
		ui_put(y, c->label, c->label_w, label, i == ov->sel ? sel : A_NORMAL, false);
		ui_put(y, c->title, c->title_w, p->title, A_NORMAL, false);
		count(ctx, (int)i, ui_year(ctx), &t);
		draw_figures(ctx, c, y, items_shown(ctx, (int)i), &t, A_NORMAL);
	}
}

/* Which optional rows the body has room for, most useful first: the column
 * heads, the roll-up and ratings, a blank after the period, the legend. */
struct rows {
	bool colhdr, bottom, blank, legend;
	int region;               /* policy rows */
};

static void plan_rows(int avail, int n, struct rows *r)
{
	/* fixed: title, period, the policies and the total */
	avail -= 3;
	r->colhdr = avail >= n + 1;
	avail -= r->colhdr;
	r->bottom = avail >= n + (n + 3);     /* a blank row, heads, policies, total */
	avail -= r->bottom ? n + 3 : 0;
	r->blank = avail >= n + 1;
	avail -= r->blank;
	r->legend = avail >= n + 2;
	avail -= r->legend ? 2 : 0;
	r->region = avail > n ? n : avail < 1 ? 1 : avail;
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct overview *ov = s->state;
	const struct plan *plan = ui_plan(ctx);
	struct columns c;
	struct tally t;
	struct rows r;
	int y = ctx->layout.body_top;

	layout(plan, &c);
	plan_rows(ctx->layout.body_rows, (int)plan->n_policies, &r);
	ui_put(y++, 0, COLS, plan->title, ui_attr(ctx, ROLE_HEADING), false);
	draw_period(ctx, y++);
	y += r.blank;
	if (r.colhdr)
		draw_column_heads(ctx, &c, y++);
	draw_policies(ov, ctx, &c, y, r.region);
	y += r.region;
	count(ctx, -1, ui_year(ctx), &t);
	ui_put(y, c.label, c.label_w + 1 + c.title_w, _("Total"), ui_attr(ctx, ROLE_HEADING), false);
	draw_figures(ctx, &c, y, items_shown(ctx, -1), &t, ui_attr(ctx, ROLE_HEADING));
	y++;
	if (r.legend) {
		draw_legend(ctx, y + 1);
		y += 2;
	}
	if (r.bottom)
		draw_bottom(ctx, y + 1, c.label_w);
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct overview *ov = s->state;
	const struct plan *plan = ui_plan(ctx);

	if (ui_move(&ov->sel, plan->n_policies, a->id, ctx->layout.body_rows))
		return UI_REDRAW;
	if (a->id == ACT_OPEN) {
		if (ov->sel >= plan->n_policies)
			return 0;
		screen_push(ctx, &items_ops, &(struct items_arg){ (int)ov->sel, 0 });
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

/* arg: the policy to select (const int *), or NULL. */
static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	struct overview *ov = s->state;

	(void)ctx;
	if (arg && *(const int *)arg >= 0)
		ov->sel = (size_t)*(const int *)arg;
	return true;
}

static bool selected(const struct screen *s, struct ui_ctx *ctx, struct selection *out)
{
	const struct overview *ov = s->state;

	if (ov->sel >= ui_plan(ctx)->n_policies)
		return false;
	out->policy = (int)ov->sel;
	return true;
}

static void plan_changed(struct screen *s, struct ui_ctx *ctx)
{
	struct overview *ov = s->state;
	size_t n = ui_plan(ctx)->n_policies;

	if (ov->sel >= n)
		ov->sel = n ? n - 1 : 0;
}

/* The browse screens also offer the global actions the loop handles. */
static const enum action overview_actions[] = {
	ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_OPEN,
	ACT_YEAR_PREV, ACT_YEAR_NEXT, ACT_HELP, ACT_QUIT, ACT_SEARCH, ACT_JUMP, ACT_FILTER,
	ACT_FILTER_CLEAR, ACT_MEETING, ACT_MATRIX, ACT_LOG, ACT_SEARCH_NEXT, ACT_SEARCH_PREV,
	ACT_SAVE, ACT_UNDO, ACT_REDO, ACT_YEAR_STYLE, ACT_REVIEW_PREV, ACT_REVIEW_NEXT, ACT_EFFECTS,
	ACT_WHO, ACT_EXPORT, ACT_REDRAW, ACT_NONE
};

const struct screen_ops overview_ops = {
	.name = "overview",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct overview),
	.actions = overview_actions,
	.open = open,
	.key = key,
	.draw = draw,
	.selected = selected,
	.plan_changed = plan_changed,
};
