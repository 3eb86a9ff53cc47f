/* ui_edit.c - editing in the dashboard (see ui_edit.h).  Entries are
 * addressed by item id and year, never by pointer: a save or a reload
 * replaces the plan. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "draw.h"
#include "field.h"
#include "i18n.h"
#include "lineedit.h"
#include "ui_edit.h"

#define ID_MAX 64

bool edit_refused(struct ui_ctx *ctx)
{
	char why[1024];

	if (!ctx->read_only)
		return false;
	if (access_read_only(ctx->people.rights)) {
		describe_access_refusal(ctx->people.rights, ACCESS_READ_ONLY, NULL, why, sizeof why);
		ui_say(ctx, _("Read-only: %s."), why);
	} else if (ctx->not_writable)
		ui_say(ctx, _("Read-only: %s is not writable, so nothing can be changed."), ctx->path);
	else
		ui_say(ctx, _("Read-only (-r): changes are turned off."));
	return true;
}

bool edit_item_refused(struct ui_ctx *ctx, const struct item *it)
{
	enum access_verdict v = access_check_item(ctx->people.rights, it);
	char why[1024];

	if (v == ACCESS_ALLOWED)
		return false;
	describe_access_refusal(ctx->people.rights, v, it, why, sizeof why);
	ui_say(ctx, _("Not yours to change: %s."), why);
	return true;
}

/* The entry of a selection, or NULL after saying why there is none. */
static const struct entry *target(struct ui_ctx *ctx, const struct selection *sel,
                                  const struct item **itp)
{
	const struct plan *plan = ui_plan(ctx);
	const struct item *it;
	const struct entry *e;
	char y[64];

	if (sel->policy < 0 || (size_t)sel->policy >= plan->n_policies || sel->item < 0 ||
	    (size_t)sel->item >= plan->policies[sel->policy].n_items) {
		ui_say(ctx, _("Open a policy (Enter) to change the entries of its items."));
		return NULL;
	}
	it = &plan->policies[sel->policy].items[sel->item];
	e = item_entry_for_year(it, sel->year);
	if (!e) {
		ui_year_short(ctx, sel->year, y, sizeof y);
		ui_say(ctx, _("%s has no entry for %s ([ and ] change the year)."), it->id, y);
		return NULL;
	}
	*itp = it;
	return e;
}

static unsigned report(struct ui_ctx *ctx, enum edit_result r, const char *id, int year,
                       enum field f, const char *before, const char *after)
{
	char desc[512];

	switch (r) {
	case EDIT_OK:
		ui_change_label(ctx, id, year, f, before, after, desc, sizeof desc);
		ui_say(ctx, "%s", desc);
		break;
	case EDIT_UNCHANGED:
		ui_say(ctx, _("No change."));
		break;
	case EDIT_NO_MEMORY:
		ui_error(ctx, _("Out of memory: the change was not made."));
		break;
	case EDIT_REFUSED:
		ui_error(ctx, _("The access rules refuse this change."));
		break;
	default:
		ui_error(ctx, _("The change could not be made."));
		break;
	}
	return UI_REDRAW;
}

unsigned edit_status(struct ui_ctx *ctx, const struct selection *sel, int idx, bool cycle,
                     int *now)
{
	const struct plan *plan = ui_plan(ctx);
	const struct item *it = NULL;
	const struct entry *e;
	char id[ID_MAX], before[64], after[64];
	enum edit_result r;

	if (now)
		*now = -1;
	if (edit_refused(ctx) || !(e = target(ctx, sel, &it)) || edit_item_refused(ctx, it))
		return UI_REDRAW;
	if (cycle)
		idx = (e->status + 1) % (int)plan->n_statuses;
	if (idx < 0 || (size_t)idx >= plan->n_statuses) {
		ui_say(ctx, _("There is no status %d: this plan has %zu."), idx + 1, plan->n_statuses);
		if (now)
			*now = e->status;
		return UI_REDRAW;
	}
	snprintf(id, sizeof id, "%s", it->id);
	snprintf(before, sizeof before, "%s", plan->statuses[e->status].key);
	snprintf(after, sizeof after, "%s", plan->statuses[idx].key);
	r = editor_set(ctx->ed, id, sel->year, FIELD_STATUS, after);
	if (r == EDIT_OK)
		ui_edited(ctx, id, sel->year, FIELD_STATUS, before, after);
	if (now)
		*now = r == EDIT_OK || r == EDIT_UNCHANGED ? idx : e->status;
	return report(ctx, r, id, sel->year, FIELD_STATUS, before, after);
}

/* ---- undo and redo */

/* The step undo (or redo) would take is on an item we may not change
 * (its departments changed on disk since): say so. */
static bool step_refused(struct ui_ctx *ctx, bool redo)
{
	const struct editor *ed = ctx->ed;
	const struct edit_step *st = redo ? (ed->n_redo ? &ed->redo[ed->n_redo - 1] : NULL)
	                                  : (ed->n_undo ? &ed->undo[ed->n_undo - 1] : NULL);
	const struct item *it = st ? plan_find_item(ui_plan(ctx), st->item_id) : NULL;

	return it && edit_item_refused(ctx, it);
}

unsigned edit_undo(struct ui_ctx *ctx, bool redo, struct selection *where)
{
	const struct edit_step *st = NULL;
	char desc[512];
	struct plan_pos pos;
	bool ok;

	if (where)
		*where = (struct selection){ -1, -1, 0 };
	if (edit_refused(ctx) || step_refused(ctx, redo))
		return UI_REDRAW;
	ok = redo ? editor_redo(ctx->ed, &st) : editor_undo(ctx->ed, &st);
	if (!ok || !st) {
		ui_say(ctx, "%s", redo ? _("Nothing to redo.") : _("Nothing to undo."));
		return UI_REDRAW;
	}
	ui_edited(ctx, st->item_id, st->year, st->field, redo ? st->before : st->after,
	          redo ? st->after : st->before);
	ui_change_label(ctx, st->item_id, st->year, st->field, redo ? st->before : st->after,
	                redo ? st->after : st->before, desc, sizeof desc);
	if (redo)
		ui_say(ctx, _("Redone: %s"), desc);
	else
		ui_say(ctx, _("Undone: %s"), desc);
	if (where && pos_locate(ui_plan(ctx), st->item_id, 0, &pos))
		*where = (struct selection){ pos.policy, pos.item, st->year };
	return UI_REDRAW;
}

/* ---- the text editor */

struct text_editor {
	struct lineedit le;
	char item_id[ID_MAX];
	int year;
	enum field field;
	char *before;             /* the value at the start; NULL: an absent note */
};

struct text_editor_arg {
	const char *item_id;
	int year;
	enum field field;
	const char *value;
};

unsigned edit_text(struct ui_ctx *ctx, const struct selection *sel, enum field f)
{
	const struct item *it = NULL;
	const struct entry *e;
	const struct span *sp;

	if (edit_refused(ctx) || !(e = target(ctx, sel, &it)) || edit_item_refused(ctx, it))
		return UI_REDRAW;
	sp = f == FIELD_NOTE ? &e->note_span : &e->plan_span;
	if (sp->style == SPAN_LITERAL || sp->style == SPAN_FOLDED) {
		ui_say(ctx, _("This %s is a block value (| or >) at line %u: edit it in a text editor."),
		       ui_field_label(f), (unsigned)sp->line);
		return UI_REDRAW;
	}
	if (strlen(it->id) >= ID_MAX) {
		ui_say(ctx, _("The item id is too long to edit here."));
		return UI_REDRAW;
	}
	screen_push(ctx, &text_editor_ops, &(struct text_editor_arg){
		it->id, e->year, f, entry_field(ui_plan(ctx), e, f) });
	return UI_REDRAW;
}

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	const struct text_editor_arg *ta = arg;
	struct text_editor *te = s->state;

	snprintf(te->item_id, sizeof te->item_id, "%s", ta->item_id);
	te->year = ta->year;
	te->field = ta->field;
	te->before = ta->value ? strdup(ta->value) : NULL;
	if ((ta->value && !te->before) || !lineedit_init(&te->le, ta->value)) {
		free(te->before);
		ui_error(ctx, _("Out of memory: the change was not made."));
		return false;
	}
	return true;
}

static void close_editor(struct screen *s)
{
	struct text_editor *te = s->state;

	lineedit_free(&te->le);
	free(te->before);
}

/* Apply the text being edited.  An absent note accepted empty stays
 * absent. */
static enum edit_result commit(struct text_editor *te, struct ui_ctx *ctx, char **text,
                               const char **value)
{
	*text = lineedit_text(&te->le);
	*value = *text;
	if (!*text)
		return EDIT_NO_MEMORY;
	enum edit_result r;

	if (te->field == FIELD_NOTE && !te->before && !**text)
		*value = NULL;
	r = editor_set(ctx->ed, te->item_id, te->year, te->field, *value);
	if (r == EDIT_OK)
		ui_edited(ctx, te->item_id, te->year, te->field, te->before, *value);
	return r;
}

static unsigned accept(struct screen *s, struct ui_ctx *ctx)
{
	struct text_editor *te = s->state;
	const char *value;
	char *text;
	enum edit_result r = commit(te, ctx, &text, &value);

	if (r == EDIT_NO_MEMORY || r == EDIT_REFUSED) {
		/* keep editing: the typed text is never dropped silently */
		if (r == EDIT_NO_MEMORY)
			ui_error(ctx, _("Out of memory: press Enter to try again, or Esc to give up."));
		else
			ui_error(ctx, _("The access rules refuse this change now (the item's departments "
			                "changed on disk); Esc gives up."));
		free(text);
		return UI_REDRAW;
	}
	report(ctx, r, te->item_id, te->year, te->field, te->before, value);
	free(text);
	screen_pop(ctx);
	return UI_REDRAW;
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct text_editor *te = s->state;
	bool changed;

	switch (a->id) {
	case ACT_ACCEPT:
		return accept(s, ctx);
	case ACT_CANCEL:
		screen_pop(ctx);
		ui_say(ctx, _("Edit cancelled; nothing changed."));
		return UI_REDRAW;
	default:
		if (field_key(&te->le, a, &changed))
			return UI_REDRAW;
		return UI_UNHANDLED;
	}
}

static unsigned paste(struct screen *s, struct ui_ctx *ctx, const char *text, size_t len)
{
	struct text_editor *te = s->state;

	if (!field_paste(&te->le, text, len))
		ui_say(ctx, _("Only the first %d columns of the pasted text were taken."),
		       FIELD_PASTE_MAX_COLS);
	return UI_REDRAW;
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct text_editor *te = s->state;
	char title[512], year[64], keys[256];
	static const enum action shown[] = { ACT_ACCEPT, ACT_CANCEL, ACT_NONE };

	if (ctx->layout.bar_title) {
		ui_year_short(ctx, te->year, year, sizeof year);
		ui_hint_text(ctx, shown, keys, sizeof keys);
		snprintf(title, sizeof title, _("Edit the %s of %s %s"), ui_field_label(te->field),
		         te->item_id, year);
		snprintf(title + strlen(title), sizeof title - strlen(title), "   %s", keys);
		ui_put(LINES - 2, 0, COLS, title, ui_attr(ctx, ROLE_HEADER), true);
	}
	field_draw(ctx, &te->le, LINES - 1, ">");
}

/* The terminal is gone: the line being typed is kept as an edit too. */
static void rescue(struct screen *s, struct ui_ctx *ctx)
{
	struct text_editor *te = s->state;
	const char *value;
	char *text;

	commit(te, ctx, &text, &value);
	free(text);
}

static const enum action editor_actions[] = {
	ACT_ACCEPT, ACT_CANCEL, FIELD_ACTIONS, ACT_NONE
};

const struct screen_ops text_editor_ops = {
	.name = "text-editor",
	.kind = SCREEN_BAR,
	.state_size = sizeof(struct text_editor),
	.actions = editor_actions,
	.open = open,
	.close = close_editor,
	.key = key,
	.paste = paste,
	.draw = draw,
	.rescue = rescue,
};
