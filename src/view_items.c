/* view_items.c - the items of one policy: id, title, main department, a
 * status strip with one letter per fiscal year, and the review mark. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "query.h"
#include "textcol.h"
#include "view.h"

#define DEPT_MAX_W 14
#define TITLE_MIN_W 16

struct columns {
	int id, title, dept, strip, revised;   /* x positions */
	int id_w, title_w, dept_w;             /* dept_w 0: not shown */
};

static void layout(const struct ui *ui, const struct policy *p, struct columns *c)
{
	int strip_w = 2 * (int)ui->plan->n_years + 1, fixed;

	c->id_w = 1;
	c->dept_w = 0;
	for (size_t i = 0; i < p->n_items; i++) {
		const struct item *it = &p->items[i];
		int w = textcol_width(it->id, strlen(it->id));

		if (w > c->id_w)
			c->id_w = w;
		if (it->n_departments) {
			w = textcol_width(it->departments[0], strlen(it->departments[0]));
			if (w > c->dept_w)
				c->dept_w = w;
		}
	}
	if (c->dept_w > DEPT_MAX_W)
		c->dept_w = DEPT_MAX_W;
	fixed = 2 + c->id_w + 1 + 1 + strip_w + 2;
	if (COLS - fixed - (c->dept_w + 1) < TITLE_MIN_W)
		c->dept_w = 0;            /* narrow: the department goes first */
	if (c->dept_w)
		fixed += c->dept_w + 1;
	c->title_w = COLS - fixed > 1 ? COLS - fixed : 1;
	c->id = 2;
	c->title = c->id + c->id_w + 1;
	c->dept = c->title + c->title_w + 1;
	c->strip = c->dept + (c->dept_w ? c->dept_w + 1 : 0);
	c->revised = c->strip + strip_w + 1;
}

/* " D D[I]P P ": one letter per year, the selected year in brackets. */
static void draw_strip(const struct ui *ui, const struct item *it, int y, int x, attr_t base)
{
	const struct plan *plan = ui->plan;

	for (size_t i = 0; i < plan->n_years; i++) {
		const struct entry *e = item_entry_for_year(it, plan->years[i]);
		char letter[2] = { '.', '\0' };
		attr_t a = base;

		if (e && e->status >= 0 && (size_t)e->status < plan->n_statuses) {
			letter[0] = plan->statuses[e->status].letter;
			a |= ui_status_attr(ui, e->status);
			/* an entry the filter hides is blank */
			if (filter_active(&ui->filter) && !filter_entry(plan, &ui->filter, it, e)) {
				letter[0] = ' ';
				a = base;
			}
		}
		if (i == ui->year)
			ui_put(y, x + 2 * (int)i, 1, "[", base, false);
		else if (i == ui->year + 1 && i > 0)
			ui_put(y, x + 2 * (int)i, 1, "]", base, false);
		ui_put(y, x + 2 * (int)i + 1, 1, letter, a, false);
	}
	if (ui->year + 1 == plan->n_years)
		ui_put(y, x + 2 * (int)plan->n_years, 1, "]", base, false);
}

static void draw(struct ui *ui)
{
	const struct policy *p = ui_policy(ui);
	struct columns c;
	int y = ui->body_top, rows = ui->body_rows;
	bool colhdr = rows >= 4;
	size_t *vis, nvis, sel_row = 0;

	if (!p)
		return;
	vis = malloc((p->n_items ? p->n_items : 1) * sizeof *vis);
	if (!vis)
		return;
	nvis = ui_visible_items(ui, p, vis);
	if (!nvis) {
		ui_put(y, 2, COLS - 2, p->n_items ? _("(no items pass the filter; F clears it)")
		                                  : _("(no items)"), ui_attr(ui, ROLE_DIM), false);
		free(vis);
		return;
	}
	for (size_t r = 0; r < nvis; r++)
		if (vis[r] == ui->item)
			sel_row = r;
	layout(ui, p, &c);
	if (colhdr) {
		attr_t h = ui_attr(ui, ROLE_DIM);

		ui_put(y, c.id, c.id_w + 1, _("ID"), h, false);
		ui_put(y, c.title, c.title_w, _("Item"), h, false);
		if (c.dept_w)
			ui_put(y, c.dept, c.dept_w, _("Department"), h, false);
		ui_put(y, c.strip + 1, COLS - c.strip - 1, _("Years"), h, false);
		y++;
		rows--;
	}
	ui_scroll_to(sel_row, &ui->item_top, nvis, rows);
	for (size_t r = ui->item_top; r < nvis && (int)(r - ui->item_top) < rows; r++, y++) {
		size_t i = vis[r];
		const struct item *it = &p->items[i];
		bool sel = i == ui->item;
		attr_t base = sel ? ui_attr(ui, ROLE_SELECTED) : A_NORMAL;

		/* The selection is the marker and the id in reverse: the title
		 * keeps its attributes, so a one-row move over SSH sends two
		 * short ids, not two Japanese titles. */
		if (sel) {
			ui_put(y, 0, c.id + c.id_w, "", base, true);
			ui->cursor_y = y;
		}
		ui_put(y, 0, 2, sel ? ">" : "", base, false);
		ui_put(y, c.id, c.id_w, it->id, base, false);
		ui_put(y, c.title, c.title_w, it->title, A_NORMAL, false);
		if (c.dept_w && it->n_departments)
			ui_put(y, c.dept, c.dept_w, it->departments[0], A_NORMAL, false);
		draw_strip(ui, it, y, c.strip, A_NORMAL);
		if (it->revised)
			ui_put(y, c.revised, 1, "R", A_NORMAL, false);
	}
	free(vis);
}

static unsigned act(struct ui *ui, enum action a)
{
	const struct policy *p = ui_policy(ui);
	size_t n = p ? p->n_items : 0, *vis, nvis, row = 0;

	vis = malloc((n ? n : 1) * sizeof *vis);
	if (!vis)
		return 0;
	nvis = ui_visible_items(ui, p, vis);
	for (size_t r = 0; r < nvis; r++)
		if (vis[r] == ui->item)
			row = r;
	if (ui_move(&row, nvis, a, ui->body_rows - 1)) {
		if (row < nvis)
			ui->item = vis[row];
		free(vis);
		return UI_REDRAW;
	}
	free(vis);
	switch (a) {
	case ACT_OPEN:
		if (!ui_item(ui))
			return 0;
		ui->view = VIEW_SHEET;
		ui->sheet_top = 0;
		ui->sheet_follow = true;
		return UI_REDRAW;
	case ACT_BACK:
		ui->view = VIEW_OVERVIEW;
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

const struct view_ops items_ops = {
	.hints = ACTION_BIT(ACT_DOWN) | ACTION_BIT(ACT_OPEN) | ACTION_BIT(ACT_BACK) |
	         ACTION_BIT(ACT_YEAR_PREV) | ACTION_BIT(ACT_HELP) | ACTION_BIT(ACT_QUIT) |
	         ACTION_BIT(ACT_SEARCH) | ACTION_BIT(ACT_MEETING) | ACTION_BIT(ACT_SEARCH_NEXT) |
	         ACTION_BIT(ACT_SET_STATUS) | ACTION_BIT(ACT_EDIT_NOTE) |
	         ACTION_BIT(ACT_SAVE) | ACTION_BIT(ACT_UNDO),
	.draw = draw,
	.act = act,
};
