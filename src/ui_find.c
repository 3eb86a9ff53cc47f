/* ui_find.c - the jump and search prompts, and n / N (see ui_find.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "field.h"
#include "i18n.h"
#include "lineedit.h"
#include "nav.h"
#include "query.h"
#include "search.h"
#include "ui_find.h"
#include "view_items.h"
#include "view_overview.h"
#include "view_sheet.h"

/* Fields a search looks at per key while typing, and per slice between
 * keys (a field costs a few tens of nanoseconds: a slice is a few ms). */
#define TYPE_BUDGET 400000
#define SLICE_BUDGET 250000

struct finder {
	bool jump;                /* the ":" prompt; else the "/" search */
	bool finding;             /* the first match of the text is still being looked for */
	struct lineedit le;
	struct plan_pos from;     /* where the search started */
	char old_search[256];     /* the search before this prompt (Esc restores it) */
	struct screen preview;    /* the match's screen while typing (ops NULL: none) */
};

/* Where a match is shown: the overview for a policy's own text, the item
 * list for an id, a number or a title, the item's sheet (its cursor on the
 * entry's year) for everything else. */
struct place {
	int policy, item, year;
	bool sheet;
};

static struct place place_of(const struct ui_ctx *ctx, const struct plan_pos *m)
{
	const struct entry *e = pos_entry(ui_plan(ctx), m);
	struct place p = { m->policy, m->item, 0, false };

	if (m->item >= 0 && m->field != MATCH_ID && m->field != MATCH_TITLE &&
	    m->field != MATCH_SERIAL) {
		p.sheet = true;
		p.year = e ? e->year : 0;
	}
	return p;
}

/* Where a search starts: the selected item (its start). */
static struct plan_pos start_pos(struct ui_ctx *ctx)
{
	struct selection sel;

	screen_selection(ctx, &sel);
	return pos_item_start(sel.policy >= 0 ? sel.policy : 0, sel.item >= 0 ? sel.item : 0);
}

/* A match from `from`: through the session (policies and items), or by
 * a one-off look over the items when the session cannot be had. */
static enum search_result find(struct ui_ctx *ctx, const struct plan_pos *from,
                               enum search_dir dir, size_t budget, struct plan_pos *out,
                               bool *wrapped)
{
	struct search_session *s = ui_search_session(ctx);

	if (s)
		return search_session_find(s, from, dir, budget, out, wrapped);
	return search_find(ui_plan(ctx), &ctx->filter, ctx->search.text, from, dir, out, wrapped)
	       ? SEARCH_FOUND : SEARCH_NONE;
}

/* "3/12" (k and n); false while the counting goes on ("3/?"). */
static bool rank(struct ui_ctx *ctx, bool finish, size_t *k, size_t *n)
{
	const struct ui_search *u = &ctx->search;
	struct search_session *s = ui_search_session(ctx);
	bool done;

	*k = *n = 0;
	if (!u->text[0])
		return true;
	if (!s) {
		*n = search_count(ui_plan(ctx), &ctx->filter, u->text);
		*k = u->have_match ? search_rank(ui_plan(ctx), &ctx->filter, u->text, &u->match) : 0;
		return true;
	}
	if (finish)
		search_session_step(s, 0);
	done = search_session_count(s, n);
	if (u->have_match && !search_session_rank(s, &u->match, k))
		done = false;
	return done;
}

static void say_rank(struct ui_ctx *ctx, bool wrapped)
{
	size_t k, n;

	rank(ctx, true, &k, &n);
	/* TRANSLATORS: the search text, then "3/12": the 3rd of 12 matches */
	ui_say(ctx, _("Search \"%s\": %zu/%zu"), ctx->search.text, k, n);
	if (wrapped)
		ui_add_message(ctx, _("(wrapped around)"));
}

static void show(struct ui_ctx *ctx, const struct plan_pos *m)
{
	struct place p = place_of(ctx, m);

	ctx->search.match = *m;
	ctx->search.have_match = true;
	nav_show(ctx, p.policy, p.item, p.sheet, p.year);
}

unsigned find_step(struct ui_ctx *ctx, bool forward)
{
	struct ui_search *s = &ctx->search;
	struct plan_pos from, m;
	struct selection sel;
	bool wrapped = false;

	if (!s->text[0]) {
		ui_say(ctx, _("No search yet: / starts one."));
		return UI_REDRAW;
	}
	/* from the match shown, unless the selection has moved off it */
	from = start_pos(ctx);
	if (s->have_match && screen_selection(ctx, &sel) && sel.policy == s->match.policy &&
	    sel.item == s->match.item)
		from = s->match;
	if (find(ctx, &from, forward ? SEARCH_NEXT : SEARCH_PREV, 0, &m, &wrapped) != SEARCH_FOUND) {
		s->have_match = false;
		ui_say(ctx, _("Not found: \"%s\"."), s->text);
		return UI_REDRAW;
	}
	show(ctx, &m);
	say_rank(ctx, wrapped);
	return UI_REDRAW;
}

/* ---- the prompt */

static void drop_preview(struct finder *f)
{
	screen_close_detached(&f->preview);
	f->preview = (struct screen){ 0 };
}

static void preview_match(struct finder *f, struct ui_ctx *ctx, const struct plan_pos *m)
{
	struct place p = place_of(ctx, m);

	drop_preview(f);
	if (p.item < 0)
		screen_open_detached(ctx, &f->preview, &overview_ops, &p.policy);
	else if (p.sheet)
		screen_open_detached(ctx, &f->preview, &sheet_ops,
		                     &(struct sheet_arg){ p.policy, p.item, p.year });
	else
		screen_open_detached(ctx, &f->preview, &items_ops,
		                     &(struct items_arg){ p.policy, p.item });
}

/* Look further for the first match at or after where the search began. */
static void keep_finding(struct finder *f, struct ui_ctx *ctx, size_t budget)
{
	struct plan_pos m;

	switch (find(ctx, &f->from, SEARCH_HERE, budget, &m, NULL)) {
	case SEARCH_FOUND:
		ctx->search.match = m;
		ctx->search.have_match = true;
		preview_match(f, ctx, &m);
		f->finding = false;
		break;
	case SEARCH_PENDING:
		break;                    /* on between keys (work) */
	default:
		f->finding = false;
		break;
	}
}

/* Incremental search: the first match at or after where the search began;
 * a text that grows narrows the matches found so far. */
static void search_typed(struct finder *f, struct ui_ctx *ctx)
{
	char *text = lineedit_text(&f->le);

	if (!text)
		return;
	snprintf(ctx->search.text, sizeof ctx->search.text, "%s", text);
	free(text);
	ctx->search.have_match = false;
	drop_preview(f);
	f->finding = ctx->search.text[0] != '\0';
	if (f->finding)
		keep_finding(f, ctx, TYPE_BUDGET);
}

/* Between keys: the first match, then the count, a slice at a time. */
static bool work(struct screen *s, struct ui_ctx *ctx)
{
	struct finder *f = s->state;
	struct search_session *ss;

	if (f->jump)
		return false;
	if (f->finding) {
		keep_finding(f, ctx, SLICE_BUDGET);
		return true;
	}
	ss = ctx->search.text[0] ? ui_search_session(ctx) : NULL;
	return ss && !search_session_step(ss, SLICE_BUDGET);
}

static unsigned jump_to(struct ui_ctx *ctx, const char *text)
{
	struct jump j;
	char y[64];
	const struct item *it;
	enum jump_status st = jump_parse(ui_plan(ctx), text, &j);
	int year;

	switch (st) {
	case JUMP_EMPTY:
		return UI_REDRAW;
	case JUMP_SYNTAX:
		ui_say(ctx, _("Type an item id and an optional year, e.g. 4-3 or 4-3 H26 (not \"%s\")."),
		       j.what);
		return UI_REDRAW;
	case JUMP_UNKNOWN_ITEM:
		ui_say(ctx, _("There is no item \"%s\" in this plan."), j.what);
		return UI_REDRAW;
	default:
		break;
	}
	it = &ui_plan(ctx)->policies[j.policy].items[j.item];
	year = j.entry >= 0 ? it->entries[j.entry].year : 0;
	/* a jump with a year changes the year shown */
	if (year && plan_year_index(ui_plan(ctx), year) >= 0)
		ctx->year = (size_t)plan_year_index(ui_plan(ctx), year);
	nav_show(ctx, j.policy, j.item, true, year);
	if (st == JUMP_NO_ENTRY) {
		ui_year_short(ctx, j.year, y, sizeof y);
		ui_say(ctx, _("%s has no entry for %s."), it->id, y);
	} else if (st == JUMP_BAD_YEAR) {
		ui_say(ctx, _("\"%s\" is not a year of this plan (e.g. 2014, H26 or 平成26年度)."), j.what);
	} else {
		ui_say(ctx, "%s %s", it->id, it->title);
	}
	return UI_REDRAW;
}

static unsigned accept(struct finder *f, struct ui_ctx *ctx)
{
	char *text;
	bool jump = f->jump, found;

	if (!jump && f->finding)
		keep_finding(f, ctx, 0);  /* Enter before the look ended: finish it */
	text = lineedit_text(&f->le);
	found = ctx->search.have_match;
	struct plan_pos m = ctx->search.match;
	unsigned r = UI_REDRAW;

	if (!text) {
		ui_error(ctx, _("Out of memory."));
		return UI_REDRAW;
	}
	screen_pop(ctx);              /* f stays readable until the key is done */
	if (jump)
		r = jump_to(ctx, text);
	else if (!text[0]) {
		ctx->search.text[0] = '\0';
		ctx->search.have_match = false;
		ui_say(ctx, _("Search cleared."));
	} else if (!found) {
		ui_say(ctx, _("Not found: \"%s\"."), ctx->search.text);
	} else {
		show(ctx, &m);
		say_rank(ctx, false);
	}
	free(text);
	return r;
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct finder *f = s->state;
	bool changed;

	switch (a->id) {
	case ACT_ACCEPT:
		return accept(f, ctx);
	case ACT_CANCEL:
		if (!f->jump) {
			snprintf(ctx->search.text, sizeof ctx->search.text, "%s", f->old_search);
			ctx->search.have_match = false;
			ui_say(ctx, _("Search cancelled."));
		}
		screen_pop(ctx);
		return UI_REDRAW;
	default:
		if (!field_key(&f->le, a, &changed))
			return UI_UNHANDLED;
		if (changed && !f->jump)
			search_typed(f, ctx);
		return UI_REDRAW;
	}
}

static unsigned paste(struct screen *s, struct ui_ctx *ctx, const char *text, size_t len)
{
	struct finder *f = s->state;

	if (!field_paste(&f->le, text, len))
		ui_say(ctx, _("Only the first %d columns of the pasted text were taken."),
		       FIELD_PASTE_MAX_COLS);
	if (!f->jump)
		search_typed(f, ctx);     /* once, for the whole paste */
	return UI_REDRAW;
}

static const enum action finder_actions[] = {
	ACT_ACCEPT, ACT_CANCEL, FIELD_ACTIONS, ACT_NONE
};

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct finder *f = s->state;
	char title[512], keys[256];
	size_t n, k;

	if (ctx->layout.bar_title) {
		ui_hint_text(ctx, finder_actions, keys, sizeof keys);
		if (f->jump) {
			snprintf(title, sizeof title, "%s   %s",
			         _("Jump to an item: ID or No. [YEAR], e.g. 4-3, 27 or 4-3 H26"), keys);
		} else if (f->finding || !rank(ctx, false, &k, &n)) {
			/* TRANSLATORS: while the matches are still being counted */
			snprintf(title, sizeof title, _("Search: counting..."));
			snprintf(title + strlen(title), sizeof title - strlen(title), "   %s", keys);
		} else {
			snprintf(title, sizeof title, _("Search: %zu/%zu"), k, n);
			snprintf(title + strlen(title), sizeof title - strlen(title), "   %s", keys);
		}
		ui_put(LINES - 2, 0, COLS, title, ui_attr(ctx, ROLE_HEADER), true);
	}
	field_draw(ctx, &f->le, LINES - 1, f->jump ? ":" : "/");
}

static struct screen *preview(struct screen *s)
{
	struct finder *f = s->state;

	return f->preview.ops ? &f->preview : NULL;
}

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	struct finder *f = s->state;

	f->jump = arg != NULL;
	if (!lineedit_init(&f->le, "")) {
		ui_error(ctx, _("Out of memory."));
		return false;
	}
	f->from = start_pos(ctx);
	snprintf(f->old_search, sizeof f->old_search, "%s", ctx->search.text);
	return true;
}

static void close_finder(struct screen *s)
{
	struct finder *f = s->state;

	drop_preview(f);
	lineedit_free(&f->le);
}

/* A reload replaced the plan: find the match again in the new one. */
static void plan_changed(struct screen *s, struct ui_ctx *ctx)
{
	struct finder *f = s->state;

	if (!f->jump)
		search_typed(f, ctx);
}

static const struct screen_ops finder_ops = {
	.name = "find",
	.kind = SCREEN_BAR,
	.state_size = sizeof(struct finder),
	.actions = finder_actions,
	.open = open,
	.close = close_finder,
	.key = key,
	.paste = paste,
	.draw = draw,
	.preview = preview,
	.plan_changed = plan_changed,
	.work = work,
};

unsigned find_open(struct ui_ctx *ctx, bool jump)
{
	static const int jump_arg = 1;

	screen_push(ctx, &finder_ops, jump ? &jump_arg : NULL);
	return UI_REDRAW;
}
