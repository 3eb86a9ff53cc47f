/* screen.c - the stack of screens and the message line (see screen.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

int ui_year(const struct ui_ctx *ctx)
{
	const struct plan *plan = ui_plan(ctx);

	return plan->n_years ? plan->years[ctx->year < plan->n_years ? ctx->year : 0] : 0;
}

/* ---- keeping the counts and the search in step */

void ui_plan_replaced(struct ui_ctx *ctx)
{
	ctx->plan_gen++;
	ctx->edits++;
}

void ui_edited(struct ui_ctx *ctx, const char *item_id, int year, enum field f,
               const char *before, const char *after)
{
	const struct plan *plan = ui_plan(ctx);
	struct plan_pos pos;

	ctx->edits++;
	if (f == FIELD_RATING || f == FIELD_REVIEW) {
		/* the counts by rating (and the filter's rating terms) follow the
		 * ratings: recount at the next look; a review date taken out by an
		 * undo may have been the one shown */
		ctx->counts.synced = 0;
		if (ctx->review >= (int)plan->n_reviews)
			ctx->review = (int)plan->n_reviews - 1;
		return;
	}
	if (f != FIELD_STATUS || !ctx->counts.cache || ctx->counts.synced != ctx->plan_gen + 1 ||
	    !before || !after || !pos_locate(plan, item_id, year, &pos) || pos.entry < 0)
		return;
	tally_note_status(ctx->counts.cache, pos.policy, pos.item, pos.entry,
	                  plan_status_index(plan, before), plan_status_index(plan, after));
}

void ui_edited_all(struct ui_ctx *ctx)
{
	ctx->edits++;
	ctx->counts.synced = 0;       /* recount at the next look */
}

const struct tally_cache *ui_tally(struct ui_ctx *ctx)
{
	struct ui_counts *c = &ctx->counts;

	if (!c->cache && !(c->cache = tally_new()))
		return NULL;
	/* synced is plan_gen + 1, so that 0 means "never built" */
	if (c->synced != ctx->plan_gen + 1) {
		if (tally_build(c->cache, ui_plan(ctx), &ctx->filter) != 0)
			return NULL;
		c->synced = ctx->plan_gen + 1;
	} else if (tally_set_filter(c->cache, &ctx->filter) != 0) {
		c->synced = 0;
		return NULL;
	}
	return c->cache;
}

struct search_session *ui_search_session(struct ui_ctx *ctx)
{
	struct ui_search *s = &ctx->search;

	if (!s->text[0])
		return NULL;
	if (!s->session) {
		s->session = search_session_new(ui_plan(ctx), &ctx->filter, SEARCH_ALL);
		s->synced = ctx->edits;
	}
	if (!s->session)
		return NULL;
	if (s->synced != ctx->edits) {
		if (search_session_restart(s->session, ui_plan(ctx), &ctx->filter) != 0)
			return NULL;
		s->synced = ctx->edits;
	} else if (search_session_set_filter(s->session, &ctx->filter) != 0) {
		return NULL;
	}
	search_session_set(s->session, s->text);
	return search_session_failed(s->session) ? NULL : s->session;
}

void ui_counts_free(struct ui_ctx *ctx)
{
	tally_free(ctx->counts.cache);
	ctx->counts.cache = NULL;
	search_session_free(ctx->search.session);
	ctx->search.session = NULL;
}

/* ---- the stack */

static void screen_release(struct screen *s)
{
	if (s->ops && s->ops->close)
		s->ops->close(s);
	free(s->state);
	s->state = NULL;
	s->ops = NULL;
}

bool screen_push(struct ui_ctx *ctx, const struct screen_ops *ops, const void *arg)
{
	struct screen *s;

	if (ctx->depth == SCREEN_MAX_DEPTH)
		return false;
	s = &ctx->stack[ctx->depth];
	s->ops = ops;
	s->state = calloc(1, ops->state_size ? ops->state_size : 1);
	if (!s->state)
		return false;
	/* counted before open(), so that open() sees itself on top */
	ctx->depth++;
	if (ops->open && !ops->open(s, ctx, arg)) {
		ctx->depth--;
		free(s->state);
		s->state = NULL;
		s->ops = NULL;
		return false;
	}
	return true;
}

bool screen_open_detached(struct ui_ctx *ctx, struct screen *s, const struct screen_ops *ops,
                          const void *arg)
{
	s->ops = ops;
	s->state = calloc(1, ops->state_size ? ops->state_size : 1);
	if (s->state && (!ops->open || ops->open(s, ctx, arg)))
		return true;
	free(s->state);
	*s = (struct screen){ 0 };
	return false;
}

void screen_close_detached(struct screen *s)
{
	if (s->ops)
		screen_release(s);
}

void screen_pop(struct ui_ctx *ctx)
{
	if (!ctx->depth)
		return;
	ctx->depth--;
	if (ctx->n_closed < SCREEN_MAX_DEPTH)
		ctx->closed[ctx->n_closed++] = ctx->stack[ctx->depth];
	else
		screen_release(&ctx->stack[ctx->depth]);
	ctx->stack[ctx->depth] = (struct screen){ 0 };
}

void screen_pop_to(struct ui_ctx *ctx, size_t depth)
{
	while (ctx->depth > depth)
		screen_pop(ctx);
}

void screen_sweep(struct ui_ctx *ctx)
{
	for (size_t i = 0; i < ctx->n_closed; i++)
		screen_release(&ctx->closed[i]);
	ctx->n_closed = 0;
}

struct screen *screen_top(struct ui_ctx *ctx)
{
	return ctx->depth ? &ctx->stack[ctx->depth - 1] : NULL;
}

struct screen *screen_under(struct ui_ctx *ctx, const struct screen *s)
{
	size_t i = (size_t)(s - ctx->stack);

	return s && i > 0 && i < ctx->depth ? &ctx->stack[i - 1] : NULL;
}

struct screen *screen_full_below(struct ui_ctx *ctx, struct screen *s)
{
	for (; s; s = screen_under(ctx, s)) {
		if (s->ops->kind == SCREEN_FULL)
			return s;
		if (s->ops->preview) {
			struct screen *p = s->ops->preview(s);

			if (p)
				return p;
		}
	}
	return NULL;
}

const enum action *screen_actions(const struct screen *s)
{
	static const enum action none[] = { ACT_NONE };

	if (!s)
		return none;
	if (s->ops->actions_of)
		return s->ops->actions_of(s);
	return s->ops->actions ? s->ops->actions : none;
}

bool screen_selection(struct ui_ctx *ctx, struct selection *out)
{
	const struct screen *s = screen_full_below(ctx, screen_top(ctx));

	*out = (struct selection){ -1, -1, 0 };
	return s && s->ops->selected && s->ops->selected(s, ctx, out);
}

void screen_plan_changed(struct ui_ctx *ctx)
{
	for (size_t i = 0; i < ctx->depth; i++)
		if (ctx->stack[i].ops->plan_changed)
			ctx->stack[i].ops->plan_changed(&ctx->stack[i], ctx);
}

void screen_free_all(struct ui_ctx *ctx)
{
	while (ctx->depth)
		screen_release(&ctx->stack[--ctx->depth]);
	screen_sweep(ctx);
}

/* ---- the message line */

static void say(struct ui_ctx *ctx, bool error, const char *fmt, va_list ap)
{
	vsnprintf(ctx->msg.text, sizeof ctx->msg.text, fmt, ap);
	ctx->msg.shown = true;
	ctx->msg.error = error;
}

void ui_say(struct ui_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(ctx, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(ctx, true, fmt, ap);
	va_end(ap);
}

void ui_add_message(struct ui_ctx *ctx, const char *msg)
{
	size_t len = ctx->msg.shown ? strlen(ctx->msg.text) : 0;

	snprintf(ctx->msg.text + len, sizeof ctx->msg.text - len, "%s%s", len ? "  " : "", msg);
	ctx->msg.shown = true;
}

void ui_clear_message(struct ui_ctx *ctx)
{
	ctx->msg.shown = false;
	ctx->msg.error = false;
	ctx->msg.text[0] = '\0';
}
