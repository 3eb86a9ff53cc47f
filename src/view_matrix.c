/* view_matrix.c - the status matrix (M): one row per item, one status
 * letter per fiscal year, rows grouped under their policy.  Items the
 * filter hides are left out; a cell the filter hides is blank.  When the
 * terminal is narrow the titles go and only ids remain. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "query.h"
#include "textcol.h"
#include "view.h"

#define CELL_W 5                  /* " H25 " / "2013 " */
#define TITLE_MIN_W 10

struct mrow {
	size_t policy;
	long item;                    /* -1: the policy's heading */
};

static size_t rows_of(const struct ui *ui, struct mrow *out)
{
	const struct plan *plan = ui->plan;
	bool all = !filter_active(&ui->filter);
	size_t n = 0;

	for (size_t p = 0; p < plan->n_policies; p++) {
		if (out)
			out[n] = (struct mrow){ p, -1 };
		n++;
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			if (!all && !filter_item(plan, &ui->filter, &plan->policies[p].items[i]))
				continue;
			if (out)
				out[n] = (struct mrow){ p, (long)i };
			n++;
		}
	}
	return n;
}

static struct mrow *build(const struct ui *ui, size_t *n)
{
	struct mrow *rows;

	*n = rows_of(ui, NULL);
	rows = calloc(*n ? *n : 1, sizeof *rows);
	if (rows)
		rows_of(ui, rows);
	return rows;
}

unsigned ui_matrix_open(struct ui *ui)
{
	size_t n;
	struct mrow *rows;

	if (ui->view == VIEW_MATRIX || ui->view == VIEW_HELP || ui->view == VIEW_MEETING)
		return 0;
	ui->matrix_from = ui->view;
	ui->matrix_sel = 0;
	rows = build(ui, &n);
	/* start on the selected item (or its policy) */
	for (size_t r = 0; rows && r < n; r++) {
		if (rows[r].policy == ui->policy &&
		    (rows[r].item < 0 || (ui->view != VIEW_OVERVIEW && rows[r].item == (long)ui->item)))
			ui->matrix_sel = r;
	}
	free(rows);
	ui->view = VIEW_MATRIX;
	return UI_REDRAW;
}

static void year_head(const struct ui *ui, int year, char *buf, size_t size)
{
	int h = fiscal_year_heisei(year);

	if (ui->era_years && h)
		snprintf(buf, size, "H%d", h);
	else
		snprintf(buf, size, "%d", year);
}

static void draw(struct ui *ui)
{
	const struct plan *plan = ui->plan;
	size_t n;
	struct mrow *rows = build(ui, &n);
	int y = ui->body_top, body = ui->body_rows - 1, id_w = 2, title_w, cells, x;
	char buf[64];

	if (!rows)
		return;
	for (size_t r = 0; r < n; r++) {
		if (rows[r].item >= 0) {
			const char *id = plan->policies[rows[r].policy].items[rows[r].item].id;
			int w = textcol_width(id, strlen(id));

			if (w > id_w)
				id_w = w;
		}
	}
	cells = (int)plan->n_years * CELL_W;
	title_w = COLS - 2 - id_w - 1 - cells - 1;
	if (title_w < TITLE_MIN_W)
		title_w = 0;              /* narrow: ids only */
	x = 2 + id_w + 1 + (title_w ? title_w + 1 : 0);
	/* the column heads */
	ui_put(y, 2, id_w + 1, _("ID"), ui_attr(ui, ROLE_DIM), false);
	if (title_w)
		ui_put(y, 2 + id_w + 1, title_w, _("Item"), ui_attr(ui, ROLE_DIM), false);
	for (size_t k = 0; k < plan->n_years; k++) {
		year_head(ui, plan->years[k], buf, sizeof buf);
		ui_put(y, x + (int)k * CELL_W, CELL_W, buf,
		       k == ui->year ? ui_attr(ui, ROLE_HEADING) | A_UNDERLINE : ui_attr(ui, ROLE_DIM),
		       false);
	}
	y++;
	if (ui->matrix_sel >= n)
		ui->matrix_sel = n ? n - 1 : 0;
	ui_scroll_to(ui->matrix_sel, &ui->matrix_top, n, body);
	for (size_t r = ui->matrix_top; r < n && (int)(r - ui->matrix_top) < body; r++, y++) {
		const struct policy *p = &plan->policies[rows[r].policy];
		bool sel = r == ui->matrix_sel;
		attr_t base = sel ? ui_attr(ui, ROLE_SELECTED) : A_NORMAL;

		if (sel) {
			ui_put(y, 0, x - 1, "", base, true);
			ui->cursor_y = y;
		}
		ui_put(y, 0, 2, sel ? ">" : "", base, false);
		if (rows[r].item < 0) {
			char label[64], line[512];

			ui_policy_label(p, label, sizeof label);
			snprintf(line, sizeof line, "%s %s", label, p->title);
			ui_put(y, 2, COLS - 2, line, base | ui_attr(ui, ROLE_HEADING), false);
			continue;
		}
		const struct item *it = &p->items[rows[r].item];

		ui_put(y, 2, id_w, it->id, base, false);
		if (title_w)
			ui_put(y, 2 + id_w + 1, title_w, it->title, base, false);
		for (size_t k = 0; k < plan->n_years; k++) {
			char cell[2] = { matrix_cell(plan, &ui->filter, it, plan->years[k]), '\0' };
			const struct entry *e = item_entry_for_year(it, plan->years[k]);

			ui_put(y, x + (int)k * CELL_W + 1, 1, cell,
			       e && cell[0] != ' ' && cell[0] != '-' ? ui_status_attr(ui, e->status)
			                                             : A_NORMAL, false);
		}
	}
	free(rows);
}

static unsigned act(struct ui *ui, enum action a)
{
	size_t n;
	struct mrow *rows;
	unsigned r = UI_REDRAW;

	if (ui_move(&ui->matrix_sel, rows_of(ui, NULL), a, ui->body_rows - 1))
		return UI_REDRAW;
	switch (a) {
	case ACT_OPEN:
		rows = build(ui, &n);
		if (!rows || ui->matrix_sel >= n) {
			free(rows);
			return 0;
		}
		ui->policy = rows[ui->matrix_sel].policy;
		if (rows[ui->matrix_sel].item >= 0) {
			ui->item = (size_t)rows[ui->matrix_sel].item;
			ui->view = VIEW_SHEET;
			ui->sheet_top = 0;
			ui->sheet_follow = true;
		} else {
			ui->item = 0;
			ui->item_top = 0;
			ui->view = VIEW_ITEMS;
		}
		free(rows);
		return r;
	case ACT_BACK:
		ui->view = ui->matrix_from;
		return UI_REDRAW;
	case ACT_MATRIX:
	case ACT_MEETING:
	case ACT_SKIP:
		return 0;
	default:
		return UI_UNHANDLED;
	}
}

const struct view_ops matrix_ops = {
	.hints = ACTION_BIT(ACT_DOWN) | ACTION_BIT(ACT_OPEN) | ACTION_BIT(ACT_BACK) |
	         ACTION_BIT(ACT_YEAR_PREV) | ACTION_BIT(ACT_FILTER) | ACTION_BIT(ACT_YEAR_STYLE) |
	         ACTION_BIT(ACT_HELP) | ACTION_BIT(ACT_QUIT),
	.draw = draw,
	.act = act,
};
