/* view_matrix.c - the status matrix (M): one row per item, one status
 * letter per fiscal year, rows grouped under their policy.  Items the
 * filter hides are left out; a cell the filter hides is blank.  When the
 * terminal is narrow the titles go and only ids remain. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "nav.h"
#include "query.h"
#include "tally.h"
#include "view_matrix.h"

#define CELL_W 5                  /* " H25 " / "2013 " */
#define TITLE_MIN_W 10

struct matrix {
	size_t sel, top;
	unsigned long id_w_of;    /* plan_gen + 1 the id width was measured for */
	int id_w;
};

struct mrow {
	size_t policy;
	long item;                    /* -1: the policy's heading */
};

/* The matrix's rows: each policy's heading, then its items that pass the
 * filter; from the counts' cache (scanned only when it cannot be had). */
static size_t n_rows(struct ui_ctx *ctx)
{
	const struct tally_cache *c = ui_tally(ctx);
	const struct plan *plan = ui_plan(ctx);
	size_t n = plan->n_policies;

	if (c)
		return tally_matrix_rows(c);
	PLAN_FOR_EACH_ITEM(w, plan)
		n += filter_item(plan, &ctx->filter, w.it);
	return n;
}

static bool row_at(struct ui_ctx *ctx, size_t r, struct mrow *out)
{
	const struct tally_cache *c = ui_tally(ctx);
	const struct plan *plan = ui_plan(ctx);
	int policy, item;

	if (c) {
		if (!tally_matrix_row(c, r, &policy, &item))
			return false;
		*out = (struct mrow){ (size_t)policy, item };
		return true;
	}
	for (size_t p = 0; p < plan->n_policies; p++) {
		if (r-- == 0) {
			*out = (struct mrow){ p, -1 };
			return true;
		}
		for (size_t i = 0; i < plan->policies[p].n_items; i++)
			if (filter_item(plan, &ctx->filter, &plan->policies[p].items[i]) && r-- == 0) {
				*out = (struct mrow){ p, (long)i };
				return true;
			}
	}
	return false;
}

/* The widest item id of the plan, measured once per plan. */
static int id_width(struct matrix *m, const struct ui_ctx *ctx)
{
	if (m->id_w_of != ctx->plan_gen + 1) {
		m->id_w = 2;
		PLAN_FOR_EACH_ITEM(w, ui_plan(ctx))
			if (ui_width(w.it->id) > m->id_w)
				m->id_w = ui_width(w.it->id);
		m->id_w_of = ctx->plan_gen + 1;
	}
	return m->id_w;
}

static void draw_heads(const struct ui_ctx *ctx, int y, int id_w, int title_w, int x)
{
	const struct plan *plan = ui_plan(ctx);
	char buf[64];

	ui_put(y, 2, id_w + 1, _("ID"), ui_attr(ctx, ROLE_DIM), false);
	if (title_w)
		ui_put(y, 2 + id_w + 1, title_w, _("Item"), ui_attr(ctx, ROLE_DIM), false);
	for (size_t k = 0; k < plan->n_years; k++) {
		ui_year_column(ctx, plan->years[k], buf, sizeof buf);
		ui_put(y, x + (int)k * CELL_W, CELL_W, buf,
		       k == ctx->year ? ui_attr(ctx, ROLE_HEADING) | A_UNDERLINE : ui_attr(ctx, ROLE_DIM),
		       false);
	}
}

static void draw_item(const struct ui_ctx *ctx, const struct item *it, int y, int id_w,
                      int title_w, int x, attr_t base)
{
	const struct plan *plan = ui_plan(ctx);

	ui_put(y, 2, id_w, it->id, base, false);
	if (title_w)
		ui_put(y, 2 + id_w + 1, title_w, it->title, base, false);
	for (size_t k = 0; k < plan->n_years; k++) {
		char cell[2] = { matrix_cell(plan, &ctx->filter, it, plan->years[k]), '\0' };
		const struct entry *e = item_entry_for_year(it, plan->years[k]);

		ui_put(y, x + (int)k * CELL_W + 1, 1, cell,
		       e && cell[0] != ' ' && cell[0] != '-' ? ui_status_attr(ctx, e->status) : A_NORMAL,
		       false);
	}
}

static void draw_row(struct ui_ctx *ctx, const struct mrow *row, int y, bool sel, int id_w,
                     int title_w, int x)
{
	const struct policy *p = &ui_plan(ctx)->policies[row->policy];
	attr_t base = sel ? ui_attr(ctx, ROLE_SELECTED) : A_NORMAL;
	char label[64], line[512];

	if (sel) {
		ui_put(y, 0, x - 1, "", base, true);
		ctx->cursor_y = y;
	}
	ui_put(y, 0, 2, sel ? ">" : "", base, false);
	if (row->item >= 0) {
		draw_item(ctx, &p->items[row->item], y, id_w, title_w, x, base);
		return;
	}
	ui_policy_label(p, label, sizeof label);
	snprintf(line, sizeof line, "%s %s", label, p->title);
	ui_put(y, 2, COLS - 3, line, base | ui_attr(ctx, ROLE_HEADING), false);
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct matrix *m = s->state;
	const struct plan *plan = ui_plan(ctx);
	size_t n = n_rows(ctx), r;
	int y = ctx->layout.body_top, body = ctx->layout.body_rows - 1, id_w, title_w, x;
	struct mrow row;

	id_w = id_width(m, ctx);
	title_w = COLS - 2 - id_w - 1 - (int)plan->n_years * CELL_W - 2;
	if (title_w < TITLE_MIN_W)
		title_w = 0;              /* narrow: ids only */
	x = 2 + id_w + 1 + (title_w ? title_w + 1 : 0);
	draw_heads(ctx, y++, id_w, title_w, x);
	if (m->sel >= n)
		m->sel = n ? n - 1 : 0;
	ui_scroll_to(m->sel, &m->top, n, body);
	for (r = m->top; r < n && (int)(r - m->top) < body; r++)
		if (row_at(ctx, r, &row))
			draw_row(ctx, &row, y + (int)(r - m->top), r == m->sel, id_w, title_w, x);
	ui_more_marks(y, body, m->top, r - m->top, n);
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct matrix *m = s->state;
	struct mrow row;

	if (ui_move(&m->sel, n_rows(ctx), a->id, ctx->layout.body_rows - 1))
		return UI_REDRAW;
	switch (a->id) {
	case ACT_OPEN:
		if (!row_at(ctx, m->sel, &row))
			return 0;
		/* the matrix closes; back from the item goes to its list */
		nav_show(ctx, (int)row.policy, (int)row.item, row.item >= 0, 0);
		return UI_REDRAW;
	case ACT_BACK:
	case ACT_MATRIX:
		screen_pop(ctx);
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

/* Start on the selected item, or on its policy's heading. */
static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	struct matrix *m = s->state;
	const struct selection *sel = arg;
	const struct tally_cache *c = ui_tally(ctx);
	size_t r;

	if (sel && sel->policy >= 0 && c &&
	    (tally_matrix_row_of(c, sel->policy, sel->item, &r) ||
	     tally_matrix_row_of(c, sel->policy, -1, &r)))
		m->sel = r;
	return true;
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	(void)s;
	(void)ctx;
	snprintf(t->name, sizeof t->name, "%s", _("Status matrix: items by year"));
}

static bool selected(const struct screen *s, struct ui_ctx *ctx, struct selection *out)
{
	const struct matrix *m = s->state;
	struct mrow row;

	if (!row_at(ctx, m->sel, &row))
		return false;
	out->policy = (int)row.policy;
	out->item = (int)row.item;
	out->year = out->item >= 0 ? ui_year(ctx) : 0;
	return true;
}

static const enum action matrix_actions[] = {
	ACT_DOWN, ACT_UP, ACT_OPEN, ACT_BACK, ACT_YEAR_PREV, ACT_YEAR_NEXT, ACT_FILTER,
	ACT_FILTER_CLEAR, ACT_YEAR_STYLE, ACT_HELP, ACT_QUIT, ACT_PAGE_DOWN, ACT_PAGE_UP,
	ACT_FIRST, ACT_LAST, ACT_SEARCH, ACT_JUMP, ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_MATRIX,
	ACT_LOG, ACT_REVIEW_PREV, ACT_REVIEW_NEXT, ACT_EFFECTS, ACT_WHO, ACT_EXPORT, ACT_REDRAW,
	ACT_NONE
};

const struct screen_ops matrix_ops = {
	.name = "matrix",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct matrix),
	.actions = matrix_actions,
	.open = open,
	.key = key,
	.draw = draw,
	.title = title,
	.selected = selected,
};
