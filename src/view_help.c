/* view_help.c - the help screen of one mode, generated from the action
 * table: the keys of the mode it was opened from, then the status letters
 * and the marks.  Text wraps at the terminal's width; ?, q and back close
 * it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "textcol.h"
#include "view_help.h"

struct help {
	const enum action *list;  /* the actions of the mode explained */
	size_t top;               /* first row shown */
	size_t rows;              /* rows of the last frame (for paging) */
};

/* One entry: a key column and a text to wrap beside it. */
struct entry_text {
	char keys[64];
	const char *text;
	int status;               /* >= 0: keys is this status's letter */
	bool heading;
};

/* The help ends with the ambiguous-width calibration (textcol.h): two
 * rows whose '|' line up only when --ambiwidth matches the terminal. */
static size_t calibration(struct entry_text *out)
{
	static char head[256], amb[64], ruler[64];
	int w = textcol_ambiwidth();

	if (!out)
		return 4;
	/* TRANSLATORS: the first %d is the setting, the second the other value */
	snprintf(head, sizeof head, _("Ambiguous width %d (--ambiwidth): if the two | below do not "
	                              "line up, start with --ambiwidth %d."), w, w == 2 ? 1 : 2);
	textcol_calibration(amb, sizeof amb, ruler, sizeof ruler);
	memset(out, 0, 4 * sizeof *out);
	out[0].text = "";
	out[1].text = head;
	out[2].text = amb;
	out[3].text = ruler;
	for (int i = 0; i < 4; i++)
		out[i].status = -1;
	return 4;
}

static size_t entries(const struct help *h, const struct ui_ctx *ctx, struct entry_text *out)
{
	const struct plan *plan = ui_plan(ctx);
	size_t n = 0;

#define ADD(k, t, st, hd) do { \
		if (out) { \
			snprintf(out[n].keys, sizeof out[n].keys, "%s", (k)); \
			out[n].text = (t); out[n].status = (st); out[n].heading = (hd); \
		} \
		n++; \
	} while (0)
	ADD("", _("Keys"), -1, true);
	for (const enum action *a = h->list; *a != ACT_NONE; a++) {
		char keys[64];

		if (!ui_action_offered(ctx, *a) && *a != ACT_SEARCH_NEXT && *a != ACT_SEARCH_PREV)
			continue;
		if (actions[*a].keys[0].kind == KEY_CHAR && actions[*a].keys[0].last)
			ui_action_keys(ctx, &actions[*a], keys, sizeof keys);
		else
			action_key_list(&actions[*a], keys, sizeof keys);
		ADD(keys, _(actions[*a].help), -1, false);
	}
	ADD("", "", -1, false);
	ADD("", _("Status letters"), -1, true);
	for (size_t i = 0; i < plan->n_statuses; i++) {
		char letter[2] = { plan->statuses[i].letter, '\0' };

		ADD(letter, plan->statuses[i].label, (int)i, false);
	}
	if (plan->n_rating_levels) {
		ADD("", "", -1, false);
		ADD("", _("Ratings (at the review date shown; < > change it)"), -1, true);
		for (size_t i = 0; i < plan->n_rating_levels; i++)
			ADD(plan->rating_levels[i].key, plan->rating_levels[i].description
			    ? plan->rating_levels[i].description : plan->rating_levels[i].label, -1, false);
		/* TRANSLATORS: as the overview writes a change: (+2) (▲1) */
		ADD(_("(+2) (-1)"), _("Change since the review date before"), -1, false);
		ADD("-", _("Not rated at that date"), -1, false);
	}
	ADD("", "", -1, false);
	ADD("", _("Marks"), -1, true);
	ADD("R", _("Revised at the review"), -1, false);
	ADD("[+N]", _("N changes not saved yet (w saves)"), -1, false);
	ADD("[ ]", _("The year shown, in a status strip"), -1, false);
	ADD(".", _("No entry for that year"), -1, false);
	ADD("[##---]", _("Share of the year's entries in a finished status"), -1, false);
	ADD("^ v", _("More rows above or below"), -1, false);
	ADD("\xe2\x80\xa6", _("Text cut to fit the screen"), -1, false);
	ADD("", "", -1, false);
	ADD("", _("q, Esc or ? closes this help."), -1, false);
	n += calibration(out ? out + n : NULL);
#undef ADD
	return n;
}

/* One screen row: part of an entry's text. */
struct row {
	const struct entry_text *e;
	size_t start, end;        /* bytes of e->text */
	bool first;               /* the entry's first row: the keys go there */
};

static size_t layout(const struct entry_text *e, size_t n, int width, struct row *out)
{
	size_t rows = 0;

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(e[i].text), k;
		struct textcol_span spans[32];

		if (e[i].heading || !len) {
			if (out)
				out[rows] = (struct row){ &e[i], 0, len, true };
			rows++;
			continue;
		}
		k = textcol_wrap(e[i].text, len, width, spans, 32);
		for (size_t j = 0; j < k && j < 32; j++, rows++)
			if (out)
				out[rows] = (struct row){ &e[i], spans[j].start, spans[j].end, j == 0 };
	}
	return rows;
}

static int keys_width(const struct entry_text *e, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		if (!e[i].heading && ui_width(e[i].keys) > w)
			w = ui_width(e[i].keys);
	w += 4;                       /* indent and gap */
	return w > COLS / 2 ? COLS / 2 : w;
}

static void draw_row(struct ui_ctx *ctx, const struct row *r, int y, int keys_w)
{
	const struct entry_text *e = r->e;

	if (e->heading) {
		ui_put(y, 0, COLS - 1, e->text, ui_attr(ctx, ROLE_HEADING), false);
		return;
	}
	if (r->first)
		ui_put(y, 2, keys_w - 4, e->keys,
		       e->status >= 0 ? ui_status_attr(ctx, e->status) : ui_attr(ctx, ROLE_KEY), false);
	ui_put_n(y, keys_w, COLS - 1 - keys_w, e->text + r->start, r->end - r->start, A_NORMAL,
	         false);
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct help *h = s->state;
	size_t n = entries(h, ctx, NULL), nrows;
	struct entry_text *e = calloc(n, sizeof *e);
	struct row *rows = NULL;
	int body = ctx->layout.body_rows, keys_w;

	if (!e)
		return;
	entries(h, ctx, e);
	keys_w = keys_width(e, n);
	nrows = layout(e, n, COLS - 1 - keys_w, NULL);
	rows = calloc(nrows ? nrows : 1, sizeof *rows);
	if (rows) {
		layout(e, n, COLS - 1 - keys_w, rows);
		h->rows = nrows;
		if (h->top + (size_t)body > nrows)
			h->top = nrows > (size_t)body ? nrows - (size_t)body : 0;
		for (int r = 0; r < body && h->top + (size_t)r < nrows; r++)
			draw_row(ctx, &rows[h->top + (size_t)r], ctx->layout.body_top + r, keys_w);
		ui_more_marks(ctx->layout.body_top, body, h->top,
		              nrows - h->top < (size_t)body ? nrows - h->top : (size_t)body, nrows);
	}
	ctx->cursor_y = ctx->layout.body_top;
	free(rows);
	free(e);
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct help *h = s->state;

	if (ui_scroll_page(&h->top, h->rows, a->id, ctx->layout.body_rows))
		return UI_REDRAW;
	switch (a->id) {
	case ACT_CLOSE:
	case ACT_BACK:
		screen_pop(ctx);
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	struct help *h = s->state;

	(void)ctx;
	h->list = screen_actions(arg);
	return true;
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	(void)s;
	(void)ctx;
	snprintf(t->name, sizeof t->name, "%s", _("Help"));
}

static const enum action help_actions[] = {
	ACT_DOWN, ACT_UP, ACT_BACK, ACT_CLOSE, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST,
	ACT_REDRAW, ACT_NONE
};

const struct screen_ops help_ops = {
	.name = "help",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct help),
	.actions = help_actions,
	.open = open,
	.key = key,
	.draw = draw,
	.title = title,
};
