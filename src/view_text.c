/* view_text.c - a page of text that scrolls: one change shown whole, its
 * old and new values wrapped. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "view_text.h"

struct text_page {
	char *title;
	char **paras;
	size_t n;
	size_t top;               /* first row shown */
	size_t rows;              /* rows of the last frame's text */
};

static void close_page(struct screen *s)
{
	struct text_page *t = s->state;

	for (size_t i = 0; i < t->n; i++)
		free(t->paras[i]);
	free(t->paras);
	free(t->title);
}

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	const struct text_arg *ta = arg;
	struct text_page *t = s->state;

	t->title = strdup(ta->title ? ta->title : "");
	t->paras = calloc(ta->n ? ta->n : 1, sizeof *t->paras);
	if (!t->title || !t->paras) {
		close_page(s);
		ui_error(ctx, "%s", _("Out of memory."));
		return false;
	}
	for (; t->n < ta->n; t->n++) {
		t->paras[t->n] = strdup(ta->paragraphs[t->n] ? ta->paragraphs[t->n] : "");
		if (!t->paras[t->n]) {
			close_page(s);
			ui_error(ctx, "%s", _("Out of memory."));
			return false;
		}
	}
	return true;
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct text_page *t = s->state;
	int width = COLS - 3, body = ctx->layout.body_rows, y = ctx->layout.body_top;
	size_t total = 0, row = 0;

	for (size_t i = 0; i < t->n; i++)
		total += (size_t)ui_wrapped_rows(t->paras[i], width) + 1;
	t->rows = total;
	if (t->top + (size_t)body > total)
		t->top = total > (size_t)body ? total - (size_t)body : 0;
	for (size_t i = 0; i < t->n && y < ctx->layout.body_top + body; i++) {
		size_t need = (size_t)ui_wrapped_rows(t->paras[i], width);
		size_t skip = t->top > row ? t->top - row : 0;

		if (skip < need)
			y += ui_put_wrapped(y, 1, width, t->paras[i], (int)skip,
			                    ctx->layout.body_top + body - y, i ? A_NORMAL : A_BOLD);
		row += need + 1;          /* the blank row between paragraphs */
		if (row > t->top)
			y++;
	}
	ui_more_marks(ctx->layout.body_top, body, t->top,
	              total - t->top < (size_t)body ? total - t->top : (size_t)body, total);
	ctx->cursor_y = ctx->layout.body_top;
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct text_page *t = s->state;

	if (ui_scroll_page(&t->top, t->rows, a->id, ctx->layout.body_rows))
		return UI_REDRAW;
	if (a->id == ACT_CLOSE || a->id == ACT_BACK) {
		screen_pop(ctx);
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	const struct text_page *tp = s->state;

	(void)ctx;
	snprintf(t->name, sizeof t->name, "%s", tp->title);
}

static const enum action text_actions[] = {
	ACT_DOWN, ACT_UP, ACT_BACK, ACT_CLOSE, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST,
	ACT_HELP, ACT_REDRAW, ACT_NONE
};

const struct screen_ops text_ops = {
	.name = "text",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct text_page),
	.actions = text_actions,
	.open = open,
	.close = close_page,
	.key = key,
	.draw = draw,
	.title = title,
};
