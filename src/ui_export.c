/* ui_export.c - the export prompt (see ui_export.h). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changelog.h"
#include "describe.h"
#include "draw.h"
#include "export.h"
#include "field.h"
#include "i18n.h"
#include "lineedit.h"
#include "report.h"
#include "report_write.h"
#include "ui_export.h"

struct exporter {
	struct lineedit le;
	bool confirming;          /* the name exists: y replaces it, n goes back */
	char path[PATH_MAX];      /* the name typed */
	enum report_format format;
};

/* The report of what the screens show: the filter, the year shown and
 * the review date, over the plan as it is now (unsaved edits included). */
static void request_of(struct ui_ctx *ctx, struct report_request *req)
{
	const struct plan *plan = ui_plan(ctx);

	report_request_default(plan, req);
	req->review = ctx->review;
	req->year = ui_year(ctx) ? ui_year(ctx) : req->year;
	req->filter = ctx->filter;
	req->filter.reference_year = ui_year(ctx);
	req->filter.reference_review = ctx->review;
}

/* The report as bytes (malloc'd into *buf); 0 or an errno, after saying
 * why on the message line. */
static int render(struct ui_ctx *ctx, const struct exporter *x, char **buf, size_t *len,
                  size_t *items)
{
	const struct plan *plan = ui_plan(ctx);
	struct report_request req;
	struct report_words w;
	struct log_line *lines = NULL;
	struct file_error fe;
	struct report r;
	char msg[UI_MSG_MAX];
	size_t n = 0;
	FILE *m;
	int e;

	request_of(ctx, &req);
	if ((e = changelog_load(ctx->path, report_history_since(plan, req.review), &lines, &n,
	                        &fe))) {
		describe_file_error(&fe, msg, sizeof msg);
		ui_error(ctx, _("The report was not written: %s"), msg);
		return e;
	}
	describe_report_words(&w);
	*buf = NULL;
	e = report_build(&r, plan, &req, lines, n);
	if (!e && !(m = open_memstream(buf, len)))
		e = ENOMEM;
	else if (!e)
		e = report_write(&r, x->format, &w, m) | fclose(m);
	*items = r.n_items;
	report_free(&r);
	changelog_free(lines, n);
	if (e) {
		free(*buf);
		*buf = NULL;
		ui_error(ctx, "%s", _("Out of memory: the report was not written."));
	}
	return e;
}

/* Write the report to x->path and close the prompt; on failure stay, so
 * that another name can be tried. */
static unsigned write_now(struct screen *s, struct ui_ctx *ctx)
{
	struct exporter *x = s->state;
	struct file_error fe;
	char *buf, msg[UI_MSG_MAX];
	size_t len, items;
	int e;

	x->confirming = false;
	if (render(ctx, x, &buf, &len, &items))
		return UI_REDRAW;
	e = export_write(x->path, buf, len, &fe);
	free(buf);
	if (e) {
		describe_file_error(&fe, msg, sizeof msg);
		ui_error(ctx, _("The report was not written: %s"), msg);
		return UI_REDRAW;
	}
	ui_say(ctx, _("Report written to %s (%s, %zu items)."), x->path,
	       describe_report_format(x->format), items);
	if (editor_unsaved(ctx->ed))
		ui_add_message(ctx, _("It shows the changes not saved yet too."));
	screen_pop(ctx);
	return UI_REDRAW;
}

/* The name typed; in a confined session a bare name is beside the plan. */
static void confine(const struct ui_ctx *ctx, const char *name, char *out, size_t size)
{
	const char *slash = strrchr(ctx->path, '/');

	if (ctx->confined && !strchr(name, '/') && slash)
		snprintf(out, size, "%.*s/%s", (int)(slash - ctx->path), ctx->path, name);
	else
		snprintf(out, size, "%s", name);
}

/* Enter: check the name, then write, or ask before replacing a file. */
static unsigned accept(struct screen *s, struct ui_ctx *ctx)
{
	struct exporter *x = s->state;
	char *text = lineedit_text(&x->le), msg[UI_MSG_MAX];
	enum export_check c;

	if (!text) {
		ui_error(ctx, "%s", _("Out of memory: the report was not written."));
		return UI_REDRAW;
	}
	confine(ctx, text, x->path, sizeof x->path);
	free(text);
	if ((c = export_check(ctx->path, x->path)) != EXPORT_OK) {
		describe_export_check(c, x->path, msg, sizeof msg);
		ui_error(ctx, "%s", msg);
	} else if (ctx->confined && !export_beside_plan(ctx->path, x->path)) {
		ui_error(ctx, "%s", _("On this server a report is written only beside the plan: give "
		                      "a name without a directory."));
	} else if (!report_format_of_path(x->path, &x->format)) {
		ui_error(ctx, "%s", _("End the name in .md, .csv, .html or .json: the extension "
		                      "picks the format."));
	} else if (export_exists(x->path)) {
		x->confirming = true;
	} else {
		return write_now(s, ctx);
	}
	return UI_REDRAW;
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct exporter *x = s->state;
	bool changed;

	switch (a->id) {
	case ACT_ACCEPT:
		return accept(s, ctx);
	case ACT_CANCEL:
		screen_pop(ctx);
		ui_say(ctx, "%s", _("No report was written."));
		return UI_REDRAW;
	case ACT_EXPORT_OVERWRITE:
		return write_now(s, ctx);
	case ACT_EXPORT_KEEP:
		x->confirming = false;
		ui_say(ctx, _("%s was left as it is: change the name, or Esc to cancel."), x->path);
		return UI_REDRAW;
	default:
		return field_key(&x->le, a, &changed) ? UI_REDRAW : UI_UNHANDLED;
	}
}

static unsigned paste(struct screen *s, struct ui_ctx *ctx, const char *text, size_t len)
{
	struct exporter *x = s->state;

	if (x->confirming)
		return 0;
	if (!field_paste(&x->le, text, len))
		ui_say(ctx, _("Only the first %d columns of the pasted text were taken."),
		       FIELD_PASTE_MAX_COLS);
	return UI_REDRAW;
}

static const enum action field_actions[] = {
	ACT_ACCEPT, ACT_CANCEL, FIELD_ACTIONS, ACT_NONE
};

static const enum action confirm_actions[] = {
	ACT_EXPORT_OVERWRITE, ACT_EXPORT_KEEP, ACT_HELP, ACT_REDRAW, ACT_NONE
};

static const enum action *actions_of(const struct screen *s)
{
	const struct exporter *x = s->state;

	return x->confirming ? confirm_actions : field_actions;
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct exporter *x = s->state;
	char title[PATH_MAX + 512], keys[256];

	if (x->confirming) {
		if (ctx->layout.bar_title) {
			/* the file's own name: a long directory would push the question out */
			const char *slash = strrchr(x->path, '/');

			snprintf(title, sizeof title, _("%s exists. Replace it with the report?"),
			         slash && slash[1] ? slash + 1 : x->path);
			ui_put(LINES - 2, 0, COLS, title, ui_attr(ctx, ROLE_HEADER), true);
		}
		ui_hint_text(ctx, confirm_actions, keys, sizeof keys);
		ui_put(LINES - 1, 0, COLS - 1, keys, ui_attr(ctx, ROLE_KEY), false);
		return;
	}
	if (ctx->layout.bar_title) {
		ui_hint_text(ctx, field_actions, keys, sizeof keys);
		snprintf(title, sizeof title, "%s   %s",
		         _("Export a report to (.md .csv .html .json):"), keys);
		ui_put(LINES - 2, 0, COLS, title, ui_attr(ctx, ROLE_HEADER), true);
	}
	field_draw(ctx, &x->le, LINES - 1, ">");
}

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	struct exporter *x = s->state;
	const struct plan *plan = ui_plan(ctx);
	int review = ctx->review;
	char name[PATH_MAX];

	(void)arg;
	if (export_propose_name(ctx->path, review >= 0 ? plan->reviews[review].ymd : 0,
	                        REPORT_MARKDOWN, name, sizeof name))
		name[0] = '\0';
	if (!lineedit_init(&x->le, name)) {
		ui_error(ctx, "%s", _("Out of memory."));
		return false;
	}
	return true;
}

static void close_exporter(struct screen *s)
{
	struct exporter *x = s->state;

	lineedit_free(&x->le);
}

static const struct screen_ops exporter_ops = {
	.name = "export",
	.kind = SCREEN_BAR,
	.state_size = sizeof(struct exporter),
	.actions = field_actions,
	.actions_of = actions_of,
	.open = open,
	.close = close_exporter,
	.key = key,
	.paste = paste,
	.draw = draw,
};

unsigned export_open(struct ui_ctx *ctx)
{
	screen_push(ctx, &exporter_ops, NULL);
	return UI_REDRAW;
}
