/* view_log.c - the change log (L): FILE.history, newest first, one saved
 * change per row: time, user, item, year, field, old -> new (statuses by
 * their labels).  Read when the view opens; clipped by display columns. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changelog.h"
#include "i18n.h"
#include "textcol.h"
#include "view.h"

#define TIME_W 16                 /* "2013-03-29 17:05" */
#define USER_W 10

void ui_log_free(struct ui *ui)
{
	changelog_free(ui->log, ui->n_log);
	ui->log = NULL;
	ui->n_log = 0;
}

unsigned ui_log_open(struct ui *ui)
{
	int e;

	if (ui->view == VIEW_LOG || ui->view == VIEW_HELP || ui->view == VIEW_MEETING)
		return 0;
	ui_log_free(ui);
	e = changelog_read(ui->path, 0, &ui->log, &ui->n_log);
	if (e) {
		ui->log = NULL;
		ui->n_log = 0;
		ui_say(ui, _("Cannot read the change log: %s"), strerror(e));
		return UI_REDRAW;
	}
	ui->log_from = ui->view;
	ui->log_top = 0;
	ui->view = VIEW_LOG;
	return UI_REDRAW;
}

static void draw(struct ui *ui)
{
	int y = ui->body_top, rows = ui->body_rows - 1, user_w = USER_W;
	char buf[1024], when[32];
	bool narrow = COLS < 60;

	if (narrow)
		user_w = 0;
	ui_put(y, 0, TIME_W + 1, _("Time"), ui_attr(ui, ROLE_DIM), false);
	if (user_w)
		ui_put(y, TIME_W + 1, user_w, _("User"), ui_attr(ui, ROLE_DIM), false);
	ui_put(y, TIME_W + 1 + (user_w ? user_w + 1 : 0), COLS, _("Change"), ui_attr(ui, ROLE_DIM),
	       false);
	y++;
	if (!ui->n_log) {
		ui_put(y, 2, COLS - 2, _("No saved changes yet."), A_NORMAL, false);
		return;
	}
	if (ui->log_top + (size_t)(rows > 0 ? rows : 1) > ui->n_log)
		ui->log_top = ui->n_log > (size_t)rows ? ui->n_log - (size_t)rows : 0;
	for (size_t r = ui->log_top; r < ui->n_log && (int)(r - ui->log_top) < rows; r++, y++) {
		const struct log_line *l = &ui->log[ui->n_log - 1 - r];
		int x = 0;

		snprintf(when, sizeof when, "%.16s", l->stamp ? l->stamp : "");
		if (strlen(when) > 10 && when[10] == 'T')
			when[10] = ' ';
		x += ui_put(y, 0, TIME_W, when, A_NORMAL, false) ? TIME_W + 1 : TIME_W + 1;
		if (user_w) {
			ui_put(y, x, user_w, l->user, ui_attr(ui, ROLE_KEY), false);
			x += user_w + 1;
		}
		ui_describe_change(ui, l->item_id, l->year, l->field, l->old_value, l->new_value, buf,
		                   sizeof buf);
		ui_put(y, x, COLS - x, buf, A_NORMAL, false);
	}
	ui->cursor_y = ui->body_top + 1;
}

static unsigned act(struct ui *ui, enum action a)
{
	size_t top = ui->log_top;
	int page = ui->body_rows > 2 ? ui->body_rows - 2 : 1;

	switch (a) {
	case ACT_DOWN:      top++; break;                  /* clamped when drawn */
	case ACT_UP:        top -= top > 0; break;
	case ACT_PAGE_DOWN: top += (size_t)page; break;
	case ACT_PAGE_UP:   top = top > (size_t)page ? top - (size_t)page : 0; break;
	case ACT_FIRST:     top = 0; break;
	case ACT_LAST:      top = ui->n_log; break;
	case ACT_BACK:
	case ACT_LOG:
		ui->view = ui->log_from;
		return UI_REDRAW;
	case ACT_OPEN:
	case ACT_MEETING:
	case ACT_MATRIX:
	case ACT_SKIP:
		return 0;
	default:
		return UI_UNHANDLED;
	}
	ui->log_top = top;
	return UI_REDRAW;
}

const struct view_ops log_ops = {
	.hints = ACTION_BIT(ACT_DOWN) | ACTION_BIT(ACT_BACK) | ACTION_BIT(ACT_YEAR_STYLE) |
	         ACTION_BIT(ACT_HELP) | ACTION_BIT(ACT_QUIT),
	.draw = draw,
	.act = act,
};
