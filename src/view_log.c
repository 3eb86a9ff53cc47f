/* view_log.c - the change log (L): FILE.history, newest first, one saved
 * change per row: local time, user, item, year, field, old -> new
 * (statuses by their labels).  Enter shows the selected change whole. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "changelog.h"
#include "draw.h"
#include "i18n.h"
#include "view_log.h"
#include "view_text.h"

#define TIME_W 16                 /* "2013-03-29 17:05" */
#define USER_W 10

struct log_view {
	struct log_line *lines;   /* oldest first, as read */
	size_t n;
	size_t sel, top;          /* rows count from the newest */
};

static const struct log_line *row_line(const struct log_view *lv, size_t row)
{
	return &lv->lines[lv->n - 1 - row];
}

/* The time in the reader's time zone (the conversion `plandash log`
 * uses); the stamp as written when it cannot be read. */
static void local_time(const struct log_line *l, char *buf, size_t size)
{
	if (l->timed)
		changelog_format_short(l->when, false, buf, size);
	else
		snprintf(buf, size, "%.16s", l->stamp ? l->stamp : "");
}

static void draw_row(struct ui_ctx *ctx, const struct log_line *l, int y, int user_w, bool sel)
{
	attr_t base = sel ? ui_attr(ctx, ROLE_SELECTED) : A_NORMAL;
	char when[32], buf[1024];
	int x = TIME_W + 1;

	local_time(l, when, sizeof when);
	if (sel) {
		ui_put(y, 0, TIME_W, "", base, true);
		ctx->cursor_y = y;
	}
	ui_put(y, 0, TIME_W, when, base, false);
	if (user_w) {
		ui_put(y, x, user_w, l->user, ui_attr(ctx, ROLE_KEY), false);
		x += user_w + 1;
	}
	ui_change_label(ctx, l->item_id, l->year, l->field, l->old_value, l->new_value, buf,
	                sizeof buf);
	ui_put(y, x, COLS - 1 - x, buf, A_NORMAL, false);
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct log_view *lv = s->state;
	int y = ctx->layout.body_top, rows = ctx->layout.body_rows - 1;
	int user_w = COLS < 60 ? 0 : USER_W;

	ui_put(y, 0, TIME_W + 1, _("Time"), ui_attr(ctx, ROLE_DIM), false);
	if (user_w)
		ui_put(y, TIME_W + 1, user_w, _("User"), ui_attr(ctx, ROLE_DIM), false);
	ui_put(y, TIME_W + 1 + (user_w ? user_w + 1 : 0), COLS, _("Change"), ui_attr(ctx, ROLE_DIM),
	       false);
	y++;
	if (!lv->n) {
		ui_put(y, 2, COLS - 2, _("No saved changes yet."), A_NORMAL, false);
		return;
	}
	ui_scroll_to(lv->sel, &lv->top, lv->n, rows);
	for (size_t r = lv->top; r < lv->n && (int)(r - lv->top) < rows; r++)
		draw_row(ctx, row_line(lv, r), y + (int)(r - lv->top), user_w, r == lv->sel);
	ui_more_marks(y, rows, lv->top, lv->n - lv->top < (size_t)rows ? lv->n - lv->top
	                                                                : (size_t)rows, lv->n);
}

/* Enter: the change whole, its values wrapped. */
static void show_whole(struct ui_ctx *ctx, const struct log_line *l)
{
	const struct plan *plan = ui_plan(ctx);
	char head[256], when[32], year[64], who[160], before[64], after[64];
	const char *paras[6];
	char *vals[2] = { NULL, NULL };

	local_time(l, when, sizeof when);
	ui_year_short(ctx, l->year, year, sizeof year);
	snprintf(head, sizeof head, "%s %s %s", l->item_id, year, ui_field_label(l->field));
	snprintf(who, sizeof who, "%s  %s", when, l->user ? l->user : "");
	snprintf(before, sizeof before, "%s", _("Before:"));
	snprintf(after, sizeof after, "%s", _("After:"));
	vals[0] = strdup(ui_value_label(plan, l->field, l->old_value));
	vals[1] = strdup(ui_value_label(plan, l->field, l->new_value));
	paras[0] = head;
	paras[1] = who;
	paras[2] = before;
	paras[3] = vals[0] ? vals[0] : "";
	paras[4] = after;
	paras[5] = vals[1] ? vals[1] : "";
	screen_push(ctx, &text_ops, &(struct text_arg){ _("Change log"), paras, 6 });
	free(vals[0]);
	free(vals[1]);
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct log_view *lv = s->state;

	if (ui_move(&lv->sel, lv->n, a->id, ctx->layout.body_rows - 2))
		return UI_REDRAW;
	switch (a->id) {
	case ACT_OPEN:
		if (lv->sel < lv->n)
			show_whole(ctx, row_line(lv, lv->sel));
		return UI_REDRAW;
	case ACT_BACK:
	case ACT_LOG:
		screen_pop(ctx);
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	struct log_view *lv = s->state;
	int e = changelog_read(ctx->path, 0, &lv->lines, &lv->n);

	(void)arg;
	if (e) {
		ui_error(ctx, _("Cannot read the change log: %s"), strerror(e));
		return false;
	}
	return true;
}

static void close_log(struct screen *s)
{
	struct log_view *lv = s->state;

	changelog_free(lv->lines, lv->n);
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	(void)s;
	(void)ctx;
	snprintf(t->name, sizeof t->name, "%s", _("Change log"));
}

static const enum action log_actions[] = {
	ACT_DOWN, ACT_OPEN, ACT_BACK, ACT_YEAR_STYLE, ACT_HELP, ACT_QUIT, ACT_UP, ACT_PAGE_DOWN,
	ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_LOG, ACT_REDRAW, ACT_NONE
};

const struct screen_ops log_ops = {
	.name = "log",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct log_view),
	.actions = log_actions,
	.open = open,
	.close = close_log,
	.key = key,
	.draw = draw,
	.title = title,
};
