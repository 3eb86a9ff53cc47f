/* view_overview.c - the home view: one row per policy with its progress and
 * status counts for the selected fiscal year, and the plan's total. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "query.h"
#include "textcol.h"
#include "view.h"

#define COUNT_W 5   /* item count column */
#define PCT_W 4     /* "100%" */

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

static void layout(const struct ui *ui, struct columns *c)
{
	const struct plan *plan = ui->plan;
	char label[64];
	int fixed, counts_w;

	c->label_w = 0;
	for (size_t i = 0; i < plan->n_policies; i++) {
		int w;

		ui_policy_label(&plan->policies[i], label, sizeof label);
		w = textcol_width(label, strlen(label));
		if (w > c->label_w)
			c->label_w = w;
	}
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

/* The progress columns of one row: item count, bar, percentage and the
 * count of entries in each status for the selected year. */
static void draw_figures(const struct ui *ui, const struct columns *c, int y,
                         size_t n_items, const size_t *counts, attr_t base)
{
	const struct plan *plan = ui->plan;
	size_t done = 0, total = 0;
	char buf[64];
	int inner = c->bar_w - 2, filled = 0;

	for (size_t i = 0; i < plan->n_statuses; i++) {
		total += counts[i];
		if (plan->statuses[i].final)
			done += counts[i];
	}
	if (total)
		filled = (int)((done * (size_t)inner + total / 2) / total);
	snprintf(buf, sizeof buf, "%*zu", COUNT_W, n_items);
	ui_put(y, c->count, COUNT_W, buf, base, false);
	ui_put(y, c->bar, 1, "[", base, false);
	for (int i = 0; i < inner; i++)
		ui_put(y, c->bar + 1 + i, 1, i < filled ? "#" : "-",
		       i < filled ? base | ui_attr(ui, ROLE_BAR) : base, false);
	ui_put(y, c->bar + 1 + inner, 1, "]", base, false);
	if (c->show_pct) {
		if (total)
			snprintf(buf, sizeof buf, "%3zu%%", done * 100 / total);
		else
			snprintf(buf, sizeof buf, "%*s", PCT_W, "-");
		ui_put(y, c->pct, PCT_W, buf, base, false);
	}
	if (!c->show_counts)
		return;
	for (size_t i = 0; i < plan->n_statuses; i++) {
		int x = c->counts + (int)i * (c->digits + 2);
		char letter[2] = { plan->statuses[i].letter, '\0' };

		if (!counts[i])
			continue;       /* blank, so the non-zero ones stand out */
		ui_put(y, x, 1, letter, base | ui_status_attr(ui, (int)i), false);
		snprintf(buf, sizeof buf, "%-*zu", c->digits, counts[i]);
		ui_put(y, x + 1, c->digits, buf, base, false);
	}
}

static void draw_legend(const struct ui *ui, int y)
{
	const struct plan *plan = ui->plan;
	int x = 2;

	for (size_t i = 0; i < plan->n_statuses && x < COLS; i++) {
		char letter[3] = { plan->statuses[i].letter, ':', '\0' };

		x += ui_put(y, x, COLS - x, letter, ui_status_attr(ui, (int)i), false);
		x += ui_put(y, x, COLS - x, plan->statuses[i].label, ui_attr(ui, ROLE_DIM), false);
		x += ui_put(y, x, COLS - x, "  ", A_NORMAL, false);
	}
}

/* Counts of the selected year in one policy (-1: all) that follow the
 * filter, as per-status counts. */
static size_t items_shown(const struct ui *ui, const struct policy *p)
{
	return filter_active(&ui->filter) ? ui_visible_items(ui, p, NULL) : p->n_items;
}

static void count_year(const struct ui *ui, int policy, size_t *counts)
{
	struct tally t;

	tally_count(ui->plan, &ui->filter, policy, ui_year(ui), &t);
	for (size_t i = 0; i < ui->plan->n_statuses; i++)
		counts[i] = i < FILTER_MAX_STATUSES ? t.by_status[i] : 0;
}

/* The five-year roll-up: per policy and year, the percentage of entries in
 * a final status ("-" when the filter leaves none).  rows: n_policies + 2. */
#define GRID_CELL 6
static void draw_grid(const struct ui *ui, int y, int label_w)
{
	const struct plan *plan = ui->plan;
	int x0 = 2 + label_w + 1;
	char buf[64], label[64];

	ui_put(y, 0, x0, _("Finished %"), ui_attr(ui, ROLE_DIM), false);
	for (size_t k = 0; k < plan->n_years; k++) {
		int h = fiscal_year_heisei(plan->years[k]);

		if (ui->era_years && h) {
			char head[16];

			snprintf(head, sizeof head, "H%d", h);
			snprintf(buf, sizeof buf, "%*s", GRID_CELL - 1, head);
		} else {
			snprintf(buf, sizeof buf, "%*d", GRID_CELL - 1, plan->years[k]);
		}
		ui_put(y, x0 + (int)k * GRID_CELL, GRID_CELL, buf,
		       k == ui->year ? ui_attr(ui, ROLE_HEADING) | A_UNDERLINE : ui_attr(ui, ROLE_DIM),
		       false);
	}
	for (size_t p = 0; p <= plan->n_policies; p++) {
		bool total = p == plan->n_policies;

		y++;
		if (total)
			snprintf(label, sizeof label, "%s", _("Total"));
		else
			ui_policy_label(&plan->policies[p], label, sizeof label);
		ui_put(y, 2, label_w, label, total ? ui_attr(ui, ROLE_HEADING) : A_NORMAL, false);
		for (size_t k = 0; k < plan->n_years; k++) {
			struct tally t;
			int pct;

			tally_count(plan, &ui->filter, total ? -1 : (int)p, plan->years[k], &t);
			pct = tally_percent_final(&t);
			if (pct < 0)
				snprintf(buf, sizeof buf, "%*s", GRID_CELL - 1, "-");
			else
				snprintf(buf, sizeof buf, "%*d", GRID_CELL - 1, pct);
			ui_put(y, x0 + (int)k * GRID_CELL, GRID_CELL, buf,
			       total ? ui_attr(ui, ROLE_HEADING) : A_NORMAL, false);
		}
	}
}

static void draw(struct ui *ui)
{
	const struct plan *plan = ui->plan;
	size_t n = plan->n_policies;
	size_t *counts = calloc(plan->n_statuses ? plan->n_statuses : 1, sizeof *counts);
	struct columns c;
	char period[96], year[64], line[256];
	int y = ui->body_top, avail = ui->body_rows - 3, region;
	bool show_colhdr, show_blank, show_legend;

	if (!counts)
		return;
	layout(ui, &c);
	show_colhdr = avail >= (int)n + 1;
	show_blank = avail >= (int)n + 2;
	show_legend = avail >= (int)n + 4;
	region = avail - show_colhdr - show_blank - 2 * show_legend;
	if (region > (int)n)
		region = (int)n;
	if (region < 1)
		region = 1;

	ui_put(y++, 0, COLS, plan->title, ui_attr(ui, ROLE_HEADING), false);
	if (plan->n_years) {
		int first = plan->years[0], last = plan->years[plan->n_years - 1];

		if (ui->era_years && fiscal_year_heisei(first) && fiscal_year_heisei(last))
			/* TRANSLATORS: the plan period in Japanese eras: 平成%d-%d年度 */
			snprintf(period, sizeof period, _("Heisei %d-%d"),
			         fiscal_year_heisei(first), fiscal_year_heisei(last));
		else
			snprintf(period, sizeof period, "FY%d-%d", first, last);
		ui_year_label(ui, ui_year(ui), year, sizeof year);
		snprintf(line, sizeof line, _("Period: %s   Year shown: %s"), period, year);
		ui_put(y, 0, COLS, line, A_NORMAL, false);
	}
	y++;
	if (show_blank)
		y++;
	if (show_colhdr) {
		attr_t h = ui_attr(ui, ROLE_DIM);

		ui_put(y, c.label, c.label_w + 1 + c.title_w, _("Policy"), h, false);
		ui_put(y, c.count, COUNT_W + 1, _("Items"), h, false);
		ui_put(y, c.bar, c.bar_w, _("Finished"), h, false);
		if (c.show_counts)
			ui_put(y, c.counts, COLS - c.counts, _("Entries by status"), h, false);
		y++;
	}

	ui_scroll_to(ui->policy, &ui->policy_top, n, region);
	for (size_t i = ui->policy_top; i < n && (int)(i - ui->policy_top) < region; i++, y++) {
		const struct policy *p = &plan->policies[i];
		bool sel = i == ui->policy;
		attr_t base = sel ? ui_attr(ui, ROLE_SELECTED) : A_NORMAL;
		char label[64];

		/* The selection is the marker and the label in reverse: the
		 * title keeps its attributes, so a one-row move over SSH sends
		 * two short labels, not two Japanese titles. */
		if (sel) {
			ui_put(y, 0, c.label + c.label_w, "", base, true);
			ui->cursor_y = y;
		}
		ui_put(y, 0, 2, sel ? ">" : "", base, false);
		ui_policy_label(p, label, sizeof label);
		ui_put(y, c.label, c.label_w, label, base, false);
		ui_put(y, c.title, c.title_w, p->title, A_NORMAL, false);
		count_year(ui, (int)i, counts);
		draw_figures(ui, &c, y, items_shown(ui, p), counts, A_NORMAL);
	}
	y = ui->body_top + 2 + show_blank + show_colhdr + region;
	count_year(ui, -1, counts);
	ui_put(y, c.label, c.label_w + 1 + c.title_w, _("Total"), ui_attr(ui, ROLE_HEADING), false);
	{
		size_t total = 0;

		for (size_t i = 0; i < n; i++)
			total += items_shown(ui, &plan->policies[i]);
		draw_figures(ui, &c, y, total, counts, ui_attr(ui, ROLE_HEADING));
	}
	if (show_legend)
		draw_legend(ui, y + 2);
	/* the five-year roll-up when there is room below */
	y += show_legend ? 4 : 2;
	if (y + (int)n + 2 <= ui->body_top + ui->body_rows && 2 + c.label_w + 1 +
	    (int)plan->n_years * GRID_CELL <= COLS)
		draw_grid(ui, y, c.label_w);
	free(counts);
}

static unsigned act(struct ui *ui, enum action a)
{
	if (ui_move(&ui->policy, ui->plan->n_policies, a, ui->body_rows))
		return UI_REDRAW;
	switch (a) {
	case ACT_OPEN:
		if (!ui_policy(ui))
			return 0;
		ui->view = VIEW_ITEMS;
		ui->item = 0;
		ui->item_top = 0;
		return UI_REDRAW;
	case ACT_BACK:
		return 0;
	default:
		return UI_UNHANDLED;
	}
}

const struct view_ops overview_ops = {
	.hints = ACTION_BIT(ACT_DOWN) | ACTION_BIT(ACT_OPEN) | ACTION_BIT(ACT_YEAR_PREV) |
	         ACTION_BIT(ACT_HELP) | ACTION_BIT(ACT_QUIT) | ACTION_BIT(ACT_SEARCH) |
	         ACTION_BIT(ACT_JUMP) | ACTION_BIT(ACT_FILTER) | ACTION_BIT(ACT_MEETING) |
	         ACTION_BIT(ACT_MATRIX) | ACTION_BIT(ACT_LOG) | ACTION_BIT(ACT_SEARCH_NEXT) |
	         ACTION_BIT(ACT_SAVE) | ACTION_BIT(ACT_UNDO),
	.draw = draw,
	.act = act,
};
