/* view_who.c - who has the plan open (see view_who.h): this session
 * first, then the others, oldest first, each with where it is, since when
 * and its last heartbeat. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "describe.h"
#include "draw.h"
#include "i18n.h"
#include "view_who.h"

struct who {
	size_t sel, top;
};

/* "09:30", or "05-01 09:30" on another day. */
static void clock_label(long long when, char *buf, size_t size)
{
	time_t t = (time_t)when, now = time(NULL);
	struct tm tm, today;

	localtime_r(&t, &tm);
	localtime_r(&now, &today);
	strftime(buf, size, tm.tm_yday == today.tm_yday && tm.tm_year == today.tm_year ? "%H:%M"
	                                                                               : "%m-%d %H:%M",
	         &tm);
}

/* One session's row: user, where, host and process, since, last seen. */
static void row_text(const struct presence_entry *e, bool me, char *buf, size_t size)
{
	char where[256], since[32];
	long long ago = (long long)time(NULL) - e->beat;

	describe_presence_place(&e->place, true, where, sizeof where);
	clock_label(e->start, since, sizeof since);
	if (me)
		snprintf(buf, size, _("%s (you)  %s  %s:%ld  since %s"), e->user, where, e->host,
		         e->pid, since);
	else
		snprintf(buf, size, _("%s  %s  %s:%ld  since %s, seen %llds ago"), e->user, where,
		         e->host, e->pid, since, ago > 0 ? ago : 0);
}

static size_t rows_of(const struct ui_ctx *ctx)
{
	return ctx->people.n_others + 1;
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct who *w = s->state;
	const struct ui_people *pp = &ctx->people;
	int y = ctx->layout.body_top, rows = ctx->layout.body_rows - 2;
	size_t n = rows_of(ctx);
	char line[1024];

	snprintf(line, sizeof line, ngettext("%zu other session has the plan open",
	                                     "%zu other sessions have the plan open",
	                                     pp->n_others), pp->n_others);
	ui_put(y++, 0, COLS, line, ui_attr(ctx, ROLE_HEADING), false);
	if (!pp->announced)
		ui_put(y, 2, COLS - 2, _("(this session could not announce itself beside the plan)"),
		       ui_attr(ctx, ROLE_DIM), false);
	y++;
	if (rows < 1)
		rows = 1;
	if (w->sel >= n)
		w->sel = n - 1;
	ui_scroll_to(w->sel, &w->top, n, rows);
	for (size_t i = w->top; i < n && (int)(i - w->top) < rows; i++) {
		int row = y + (int)(i - w->top);

		row_text(i ? &pp->others[i - 1] : &pp->me, i == 0, line, sizeof line);
		if (i == w->sel) {
			ui_put(row, 0, 2, ">", ui_attr(ctx, ROLE_SELECTED), false);
			ctx->cursor_y = row;
		}
		ui_put(row, 2, COLS - 3, line, i ? A_NORMAL : A_BOLD, false);
	}
	ui_more_marks(y, rows, w->top, n - w->top < (size_t)rows ? n - w->top : (size_t)rows, n);
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct who *w = s->state;

	if (ui_move(&w->sel, rows_of(ctx), a->id, ctx->layout.body_rows - 2))
		return UI_REDRAW;
	switch (a->id) {
	case ACT_BACK:
	case ACT_CLOSE:
	case ACT_WHO:
		screen_pop(ctx);
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	(void)s;
	(void)ctx;
	(void)arg;
	return true;
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	(void)s;
	(void)ctx;
	snprintf(t->name, sizeof t->name, "%s", _("Who is in"));
}

static const enum action who_actions[] = {
	ACT_DOWN, ACT_BACK, ACT_HELP, ACT_QUIT, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST,
	ACT_LAST, ACT_WHO, ACT_REDRAW, ACT_NONE
};

const struct screen_ops who_ops = {
	.name = "who",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct who),
	.actions = who_actions,
	.open = open,
	.key = key,
	.draw = draw,
	.title = title,
};
