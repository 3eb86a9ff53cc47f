/* edit.c - see edit.h */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "edit.h"

static const char *const field_names[] = { "status", "plan", "note" };

const char *field_name(enum field field)
{
	return (unsigned)field < 3 ? field_names[field] : "?";
}

int field_parse(const char *name)
{
	for (int f = 0; f < 3; f++)
		if (strcmp(field_names[f], name) == 0)
			return f;
	return -1;
}

bool str_eq_nullable(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

char *str_dup_nullable(const char *s)
{
	return s ? strdup(s) : NULL;
}


void change_release(struct change *c)
{
	free(c->item_id);
	free(c->base);
	free(c->value);
	free(c->theirs);
	c->item_id = c->base = c->value = c->theirs = NULL;
	c->unsettled = false;
}

void changes_free(struct change *changes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		change_release(&changes[i]);
	free(changes);
}

void editor_init(struct editor *ed, struct plan *plan)
{
	memset(ed, 0, sizeof *ed);
	ed->plan = plan;
}

void editor_set_gate(struct editor *ed, editor_gate_fn *gate, const void *arg)
{
	ed->gate = gate;
	ed->gate_arg = arg;
}

bool editor_may_change(const struct editor *ed, const struct plan *plan, const char *item_id)
{
	return !ed->gate || ed->gate(plan, item_id, ed->gate_arg);
}

static void step_free(struct edit_step *s)
{
	free(s->item_id);
	free(s->before);
	free(s->after);
}

static void changes_clear(struct editor *ed)
{
	for (size_t i = 0; i < ed->n_changes; i++)
		change_release(&ed->changes[i]);
	ed->n_changes = 0;
}

void editor_free(struct editor *ed)
{
	changes_clear(ed);
	free(ed->changes);
	for (size_t i = 0; i < ed->n_undo; i++)
		step_free(&ed->undo[i]);
	for (size_t i = 0; i < ed->n_redo; i++)
		step_free(&ed->redo[i]);
	free(ed->undo);
	free(ed->redo);
	plan_free(ed->plan);
	memset(ed, 0, sizeof *ed);
}

const char *entry_field(const struct plan *plan, const struct entry *entry, enum field field)
{
	switch (field) {
	case FIELD_STATUS: return plan->statuses[entry->status].key;
	case FIELD_PLAN:   return entry->plan;
	default:           return entry->note;
	}
}

static bool grow(void **data, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 16;
	void *d = realloc(*data, c * elem);
	if (!d)
		return false;
	*data = d;
	*cap = c;
	return true;
}

enum edit_result entry_set_field(struct plan *plan, struct entry *e, enum field field,
                                 const char *value)
{
	if (field == FIELD_STATUS) {
		int s = value ? plan_status_index(plan, value) : -1;
		if (s < 0)
			return EDIT_BAD_STATUS;
		e->status = s;
		return EDIT_OK;
	}
	if (field == FIELD_PLAN && !value)
		return EDIT_NOT_FOUND;   /* a plan text cannot be absent */
	const char *copy = NULL;
	if (value && !(copy = arena_strndup(plan->arena, value, strlen(value))))
		return EDIT_NO_MEMORY;
	if (field == FIELD_PLAN)
		e->plan = copy;
	else
		e->note = copy;
	return EDIT_OK;
}

struct change *editor_find_change(struct editor *ed, const char *id, int year, enum field f)
{
	for (size_t i = 0; i < ed->n_changes; i++) {
		struct change *c = &ed->changes[i];
		if (c->year == year && c->field == f && strcmp(c->item_id, id) == 0)
			return c;
	}
	return NULL;
}

/* Set a field without touching the history; keeps the change list. */
static enum edit_result set_field(struct editor *ed, const char *id, int year,
                                  enum field field, const char *value, char **before)
{
	const struct item *it = plan_find_item(ed->plan, id);
	struct entry *e = it ? item_entry_for_year(it, year) : NULL;
	if (!e)
		return EDIT_NOT_FOUND;
	const char *old = entry_field(ed->plan, e, field);
	if (str_eq_nullable(old, value))
		return EDIT_UNCHANGED;
	/* refuse before anything is recorded, so a bad value leaves no trace */
	if (field == FIELD_STATUS && (!value || plan_status_index(ed->plan, value) < 0))
		return EDIT_BAD_STATUS;
	if (field == FIELD_PLAN && !value)
		return EDIT_NOT_FOUND;
	struct change *c = editor_find_change(ed, id, year, field);
	/* the gate: going back to what the file holds is always allowed */
	if (!editor_may_change(ed, ed->plan, id) &&
	    !(c && (str_eq_nullable(value, c->base) ||
	            (c->unsettled && str_eq_nullable(value, c->theirs)))))
		return EDIT_REFUSED;
	if (!c) {
		if (!grow((void **)&ed->changes, &ed->cap_changes, ed->n_changes, sizeof *c))
			return EDIT_NO_MEMORY;
		c = &ed->changes[ed->n_changes];
		memset(c, 0, sizeof *c);
		c->item_id = strdup(id);
		c->year = year;
		c->field = field;
		c->base = str_dup_nullable(old);
		if (!c->item_id || (old && !c->base)) {
			free(c->item_id);
			free(c->base);
			return EDIT_NO_MEMORY;
		}
		ed->n_changes++;
	}
	char *old_copy = str_dup_nullable(old), *new_copy = str_dup_nullable(value);
	if ((old && !old_copy) || (value && !new_copy)) {
		free(old_copy);
		free(new_copy);
		return EDIT_NO_MEMORY;
	}
	enum edit_result r = entry_set_field(ed->plan, e, field, value);
	if (r != EDIT_OK) {
		free(old_copy);
		free(new_copy);
		return r;
	}
	free(c->value);
	c->value = new_copy;
	if (before)
		*before = old_copy;
	else
		free(old_copy);
	return EDIT_OK;
}

static void clear_redo(struct editor *ed)
{
	for (size_t i = 0; i < ed->n_redo; i++)
		step_free(&ed->redo[i]);
	ed->n_redo = 0;
}

enum edit_result editor_set(struct editor *ed, const char *item_id, int year,
                            enum field field, const char *value)
{
	if (!grow((void **)&ed->undo, &ed->cap_undo, ed->n_undo, sizeof *ed->undo))
		return EDIT_NO_MEMORY;
	struct edit_step step = { .year = year, .field = field };
	step.item_id = strdup(item_id);
	step.after = str_dup_nullable(value);
	if (!step.item_id || (value && !step.after)) {
		step_free(&step);
		return EDIT_NO_MEMORY;
	}
	enum edit_result r = set_field(ed, item_id, year, field, value, &step.before);
	if (r != EDIT_OK) {
		step_free(&step);
		return r;
	}
	ed->undo[ed->n_undo++] = step;
	clear_redo(ed);
	return EDIT_OK;
}

/* Move one step from one stack to the other, applying `before` (undo) or
 * `after` (redo). */
static bool replay(struct editor *ed, struct edit_step *from, size_t *n_from,
                   struct edit_step **to, size_t *n_to, size_t *cap_to, bool undo,
                   const struct edit_step **shown)
{
	if (*n_from == 0 || !grow((void **)to, cap_to, *n_to, sizeof **to))
		return false;
	struct edit_step *s = &from[*n_from - 1];
	enum edit_result r = set_field(ed, s->item_id, s->year, s->field,
	                               undo ? s->before : s->after, NULL);
	if (r != EDIT_OK && r != EDIT_UNCHANGED)
		return false;
	(*to)[(*n_to)++] = *s;
	(*n_from)--;
	if (shown)
		*shown = &(*to)[*n_to - 1];
	return true;
}

bool editor_undo(struct editor *ed, const struct edit_step **step)
{
	return replay(ed, ed->undo, &ed->n_undo, &ed->redo, &ed->n_redo, &ed->cap_redo, true, step);
}

bool editor_redo(struct editor *ed, const struct edit_step **step)
{
	return replay(ed, ed->redo, &ed->n_redo, &ed->undo, &ed->n_undo, &ed->cap_undo, false, step);
}

bool change_is_pending(const struct change *change)
{
	return !str_eq_nullable(change->base, change->value);
}

size_t editor_unsaved(const struct editor *ed)
{
	size_t n = 0;
	for (size_t i = 0; i < ed->n_changes; i++)
		n += change_is_pending(&ed->changes[i]);
	return n;
}

void editor_mark_saved(struct editor *ed)
{
	changes_clear(ed);
}

void editor_replace_plan(struct editor *ed, struct plan *plan)
{
	plan_free(ed->plan);
	ed->plan = plan;
}

enum edit_result change_unsettle(struct change *c, const char *theirs)
{
	char *t = str_dup_nullable(theirs);
	if (theirs && !t)
		return EDIT_NO_MEMORY;
	free(c->theirs);
	c->theirs = t;
	c->unsettled = true;
	return EDIT_OK;
}

enum edit_result editor_set_rescued(struct editor *ed, const char *item_id, int year,
                                    enum field field, const char *base, const char *value)
{
	const struct item *it = plan_find_item(ed->plan, item_id);
	const struct entry *e = it ? item_entry_for_year(it, year) : NULL;
	if (!e)
		return EDIT_NOT_FOUND;
	char *now = str_dup_nullable(entry_field(ed->plan, e, field));
	if (entry_field(ed->plan, e, field) && !now)
		return EDIT_NO_MEMORY;
	enum edit_result r = editor_set(ed, item_id, year, field, value);
	if (r == EDIT_OK && !str_eq_nullable(now, base)) {
		/* the file moved on since the rescue: base, theirs and ours differ */
		struct change *c = editor_find_change(ed, item_id, year, field);
		char *b = str_dup_nullable(base);
		if (!c || (base && !b)) {
			free(b);
			r = EDIT_NO_MEMORY;
		} else {
			free(c->base);
			c->base = b;
			r = change_unsettle(c, now);
		}
	}
	free(now);
	return r;
}
