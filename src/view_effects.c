/* view_effects.c - the 効果額 (see view_effects.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "report.h"
#include "view_effects.h"

#define COL_W 10                  /* a figure column */

struct effects_view {
	size_t top;
};

/* A figure in 百万円: whole numbers without decimals, ▲ before a
 * decrease, "-" when the row does not give it. */
static void figure(double v, bool given, char *buf, size_t size)
{
	const char *minus = v < 0 ? "\xe2\x96\xb2" : "";
	double a = fabs(v);

	if (!given)
		snprintf(buf, size, "-");
	else if (a == floor(a))
		snprintf(buf, size, "%s%.0f", minus, a);
	else
		snprintf(buf, size, "%s%.1f", minus, a);
}

/* Right-aligned in w columns from x (widths as drawn: ▲ may be wide). */
static void put_right(int y, int x, int w, const char *s, attr_t a)
{
	int sw = ui_width(s);

	ui_put(y, x + (sw < w ? w - sw : 0), w, s, a, false);
}

static void draw_heads(const struct ui_ctx *ctx, int y, int label_w)
{
	static const char *const heads[] = {
		/* TRANSLATORS: 効果額, 歳入確保, 歳出削減, 増減, 累計: ten columns each */
		N_("Total"), N_("Revenue"), N_("Savings"), N_("+/-"), N_("Cumulative"),
	};
	attr_t h = ui_attr(ctx, ROLE_DIM);

	ui_put(y, 2, label_w, _("Fiscal year"), h, false);
	for (int k = 0; k < 5; k++)
		put_right(y, 2 + label_w + k * COL_W, COL_W, _(heads[k]), h);
}

static void draw_row(struct ui_ctx *ctx, const struct report_effects *r, int y, int label_w)
{
	const struct effects_year *e = r->row;
	char label[96], buf[5][32];

	ui_year_short(ctx, e->year, label, sizeof label);
	if (e->budget)
		snprintf(label + strlen(label), sizeof label - strlen(label), " %s", _("(budget)"));
	figure(r->total, e->has_total || e->has_revenue || e->has_savings, buf[0], 32);
	figure(e->revenue, e->has_revenue, buf[1], 32);
	figure(e->savings, e->has_savings, buf[2], 32);
	figure(r->change, r->has_change, buf[3], 32);
	figure(r->cumulative, true, buf[4], 32);
	ui_put(y, 2, label_w, label, e->budget ? A_NORMAL : A_BOLD, false);
	for (int k = 0; k < 5; k++)
		put_right(y, 2 + label_w + k * COL_W, COL_W, buf[k], k == 0 ? A_BOLD : A_NORMAL);
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	const struct plan *plan = ui_plan(ctx);
	int y = ctx->layout.body_top, label_w = 24;
	double actual = 0;
	char line[256];
	struct report_effects *rows;
	size_t n;

	(void)s;
	ui_put(y++, 0, COLS - 1, _("Financial effect (millions of yen)"), ui_attr(ctx, ROLE_HEADING),
	       false);
	y++;
	if (!plan->n_effects) {
		ui_put(y, 2, COLS - 3, _("The plan has no effects table."), A_NORMAL, false);
		return;
	}
	if (report_effects_rows(plan, &rows, &n)) {
		ui_put(y, 2, COLS - 3, _("Out of memory."), A_NORMAL, false);
		return;
	}
	draw_heads(ctx, y++, label_w);
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].budget)
			actual += rows[i].total;
		if (y < ctx->layout.body_top + ctx->layout.body_rows)
			draw_row(ctx, &rows[i], y++, label_w);
	}
	free(rows);
	y++;
	/* TRANSLATORS: the sum of the settled (not budget-basis) years */
	snprintf(line, sizeof line, _("Settled years together: %.0f"), actual);
	ui_put(y++, 2, COLS - 3, line, A_NORMAL, false);
	ui_put(y, 2, COLS - 3, _("\xe2\x96\xb2 marks a decrease against the year before."),
	       ui_attr(ctx, ROLE_DIM), false);
	ctx->cursor_y = ctx->layout.body_top;
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	(void)s;
	if (a->id == ACT_BACK || a->id == ACT_CLOSE || a->id == ACT_EFFECTS) {
		screen_pop(ctx);
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	(void)s;
	(void)ctx;
	snprintf(t->name, sizeof t->name, "%s", _("Financial effect"));
}

static const enum action effects_actions[] = {
	ACT_BACK, ACT_CLOSE, ACT_YEAR_STYLE, ACT_HELP, ACT_EFFECTS, ACT_REDRAW, ACT_NONE
};

const struct screen_ops effects_ops = {
	.name = "effects",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct effects_view),
	.actions = effects_actions,
	.key = key,
	.draw = draw,
	.title = title,
};
