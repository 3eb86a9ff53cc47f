/* ui_recover.c - offering rescued edits at start-up (see ui_recover.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draw.h"
#include "i18n.h"
#include "describe.h"
#include "recovery.h"
#include "ui_recover.h"

struct recover {
	struct change *edits;
	size_t n;
	size_t top;
	char path[4096];          /* the recovery file */
};

struct recover_arg {
	struct change *edits;     /* taken over */
	size_t n;
	const char *path;
};

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	const struct recover_arg *ra = arg;
	struct recover *r = s->state;

	(void)ctx;
	r->edits = ra->edits;
	r->n = ra->n;
	snprintf(r->path, sizeof r->path, "%s", ra->path);
	return true;
}

static void close_recover(struct screen *s)
{
	struct recover *r = s->state;

	changes_free(r->edits, r->n);
}

/* y: apply every edit; where the file moved on since the rescue, the
 * change is unsettled and w shows base, theirs and ours first. */
static unsigned apply(struct recover *r, struct ui_ctx *ctx)
{
	size_t ok = 0, failed = 0, unsettled = 0, n = r->n;

	for (size_t i = 0; i < n; i++) {
		const struct change *c = &r->edits[i];
		enum edit_result res = editor_set_rescued(ctx->ed, c->item_id, c->year, c->field,
		                                          c->base, c->value);
		struct change *ch = editor_find_change(ctx->ed, c->item_id, c->year, c->field);

		ok += res == EDIT_OK || res == EDIT_UNCHANGED;
		failed += res != EDIT_OK && res != EDIT_UNCHANGED;
		unsettled += res == EDIT_OK && ch && ch->unsettled;
	}
	/* the session holds them now: not offered again */
	recovery_forget(ctx->path, r->edits, n, NULL);
	ui_edited_all(ctx);
	screen_pop(ctx);
	if (unsettled)
		ui_say(ctx, _("Re-applied %zu edits; %zu of them were changed in the file since, "
		              "so w first asks which value to keep."), ok, unsettled);
	else if (failed)
		ui_say(ctx, _("Re-applied %zu of %zu edits (%zu could not be applied); w saves them."),
		       ok, n, failed);
	else
		ui_say(ctx, _("Re-applied %zu edits; w saves them."), ok);
	return UI_REDRAW;
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct recover *r = s->state;
	char path[sizeof r->path];

	switch (a->id) {
	case ACT_RECOVER_APPLY:
		return apply(r, ctx);
	case ACT_RECOVER_LATER:
		screen_pop(ctx);
		ui_say(ctx, _("Kept %s; it is offered again at the next start."), r->path);
		return UI_REDRAW;
	case ACT_RECOVER_DELETE: {
		struct file_error fe;
		char why[4096];

		snprintf(path, sizeof path, "%s", r->path);
		screen_pop(ctx);
		if (recovery_discard(ctx->path, &fe) == 0) {
			ui_say(ctx, _("Deleted %s."), path);
		} else {
			describe_file_error(&fe, why, sizeof why);
			ui_error(ctx, _("Cannot delete %s: %s"), path, why);
		}
		return UI_REDRAW;
	}
	default:
		return ui_scroll_page(&r->top, r->n, a->id, ctx->layout.body_rows - 3) ? UI_REDRAW
		                                                                     : UI_UNHANDLED;
	}
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct recover *r = s->state;
	int y = ctx->layout.body_top, rows = ctx->layout.body_rows - 3;
	char line[4200];

	snprintf(line, sizeof line, _("Unsaved edits from an earlier session, in %s:"), r->path);
	y += ui_put_wrapped(y, 0, COLS - 1, line, 0, 2, ui_attr(ctx, ROLE_HEADING));
	ui_put(y++, 0, COLS - 1, _("Re-apply these edits?"), A_BOLD, false);
	if (rows < 1)
		rows = 1;
	if (r->top + (size_t)rows > r->n)
		r->top = r->n > (size_t)rows ? r->n - (size_t)rows : 0;
	for (size_t i = r->top; i < r->n && (int)(i - r->top) < rows; i++) {
		const struct change *c = &r->edits[i];

		ui_change_label(ctx, c->item_id, c->year, c->field, c->base, c->value, line,
		                sizeof line);
		ui_put(y + (int)(i - r->top), 2, COLS - 3, line, A_NORMAL, false);
	}
	ui_more_marks(y, rows, r->top, r->n - r->top < (size_t)rows ? r->n - r->top : (size_t)rows,
	              r->n);
	ctx->cursor_y = ctx->layout.body_top;
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	(void)s;
	(void)ctx;
	snprintf(t->name, sizeof t->name, "%s", _("Rescued edits"));
}

static const enum action recover_actions[] = {
	ACT_RECOVER_APPLY, ACT_RECOVER_LATER, ACT_RECOVER_DELETE, ACT_HELP, ACT_DOWN, ACT_UP,
	ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_REDRAW, ACT_NONE
};

static const struct screen_ops recover_ops = {
	.name = "recover",
	.kind = SCREEN_FULL,
	.settling = true,
	.state_size = sizeof(struct recover),
	.actions = recover_actions,
	.open = open,
	.close = close_recover,
	.key = key,
	.draw = draw,
	.title = title,
};

/* Rescued edits on items this session may not change (access.h) are not
 * offered: they stay in the file for someone who may.  Returns how many. */
static size_t keep_out_of_scope(struct ui_ctx *ctx, struct recovery *rec)
{
	size_t k = 0, n = rec->n;

	for (size_t i = 0; i < n; i++) {
		if (editor_may_change(ctx->ed, ui_plan(ctx), rec->changes[i].item_id))
			rec->changes[k++] = rec->changes[i];
		else
			change_release(&rec->changes[i]);
	}
	rec->n = k;
	return n - k;
}

void recover_offer(struct ui_ctx *ctx)
{
	struct recovery rec;
	struct file_error fe;
	char path[4096], msg[8400], why[4096];
	int e = recovery_read(ctx->path, ui_plan(ctx), &rec, &fe);

	if (e == ENOENT || recovery_path(ctx->path, path, sizeof path)) {
		recovery_free(&rec);
		return;
	}
	if (e) {
		describe_file_error(&fe, why, sizeof why);
		snprintf(msg, sizeof msg, _("Cannot read the recovery file %s: %s"), path, why);
		ui_add_message(ctx, msg);
		recovery_free(&rec);
		return;
	}
	if (rec.n_rejects) {      /* shown and skipped: they never reach the editor */
		describe_recovery_reject(&rec.rejects[0], why, sizeof why);
		snprintf(msg, sizeof msg, ngettext("%zu line of %s cannot be used and stays in it (%s).",
		                                   "%zu lines of %s cannot be used and stay in it (%s).",
		                                   rec.n_rejects), rec.n_rejects, path, why);
		ui_add_message(ctx, msg);
	}
	if (!ctx->read_only && keep_out_of_scope(ctx, &rec)) {
		snprintf(msg, sizeof msg, _("%s holds unsaved edits of items you may not change; they "
		                            "stay in it for someone who may."), path);
		ui_add_message(ctx, msg);
	}
	if (rec.n && ctx->read_only) {
		snprintf(msg, sizeof msg, _("%s holds unsaved edits; open the plan without read-only "
		                            "to re-apply them."), path);
		ui_add_message(ctx, msg);
	} else if (rec.n && screen_push(ctx, &recover_ops,
	                                &(struct recover_arg){ rec.changes, rec.n, path })) {
		rec.changes = NULL;       /* the screen has them now */
		rec.n = 0;
	}
	recovery_free(&rec);
}
