/* edit.c - see edit.h */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "edit.h"

static const char *const field_names[FIELD_COUNT] = {
	"status", "plan", "note", "rating", "rating_note", "review",
};

const char *field_name(enum field field)
{
	return (unsigned)field < FIELD_COUNT ? field_names[field] : "?";
}

int field_parse(const char *name)
{
	for (int f = 0; f < FIELD_COUNT; f++)
		if (strcmp(field_names[f], name) == 0)
			return f;
	return -1;
}

bool field_is_dated(enum field field)
{
	return field == FIELD_RATING || field == FIELD_RATING_NOTE || field == FIELD_REVIEW;
}

void field_year_format(enum field field, int year, char *buf, size_t size)
{
	if (field_is_dated(field))
		snprintf(buf, size, "%04d-%02d-%02d", year / 10000 % 10000, year / 100 % 100,
		         year % 100);
	else
		snprintf(buf, size, "%d", year);
}

int field_year_parse(enum field field, const char *text)
{
	if (field_is_dated(field))
		return date_parse_iso(text);
	char *end;
	long year = strtol(text, &end, 10);
	return end != text && !*end && year >= 1 && year <= 9999 ? (int)year : 0;
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

/* ---- any field of a plan: entries, ratings, review dates -------------- */

/* The index into it->ratings of its rating at review `review`, or -1. */
static int rating_slot(const struct item *it, int review)
{
	for (size_t k = 0; k < it->n_ratings; k++)
		if (it->ratings[k].review == review)
			return (int)k;
	return -1;
}

bool plan_field_get(const struct plan *plan, const char *item_id, int year, enum field field,
                    const char **value)
{
	*value = NULL;
	int review = field_is_dated(field) ? plan_review_index(plan, year) : -1;
	if (field == FIELD_REVIEW) {
		*value = review >= 0 ? plan->reviews[review].label : NULL;
		return true;
	}
	const struct item *it = plan_find_item(plan, item_id);
	if (!it)
		return false;
	if (!field_is_dated(field)) {
		const struct entry *e = item_entry_for_year(it, year);
		if (e)
			*value = entry_field(plan, e, field);
		return e != NULL;
	}
	int k = review >= 0 ? rating_slot(it, review) : -1;
	if (k >= 0)
		*value = field == FIELD_RATING ? plan->rating_levels[it->ratings[k].level].key
		                               : it->ratings[k].note;
	return true;
}

static bool review_in_use(const struct plan *plan, int review)
{
	PLAN_FOR_EACH_ITEM(w, plan)
		if (rating_slot(w.it, review) >= 0)
			return true;
	return false;
}

static enum edit_result check_review(const struct plan *plan, const char *item_id, int date,
                                     const char *label)
{
	char iso[16];
	int review = plan_review_index(plan, date);
	if (item_id[0])
		return EDIT_NOT_FOUND;   /* a review date belongs to no item */
	if (!label)
		return review >= 0 && review_in_use(plan, review) ? EDIT_REVIEW_IN_USE : EDIT_OK;
	field_year_format(FIELD_REVIEW, date, iso, sizeof iso);
	if (review < 0 && !date_parse_iso(iso))
		return EDIT_NOT_FOUND;
	if (review < 0 && plan->n_reviews && plan->reviews[plan->n_reviews - 1].ymd > date)
		return EDIT_REVIEW_ORDER;
	return EDIT_OK;
}

static enum edit_result check_rating(const struct plan *plan, const struct item *it, int date,
                                     enum field field, const char *value)
{
	int review = plan_review_index(plan, date);
	if (review < 0)
		return EDIT_NO_REVIEW;
	int k = rating_slot(it, review);
	if (field == FIELD_RATING_NOTE)
		return k >= 0 ? EDIT_OK : EDIT_NOT_FOUND;
	if (value)
		return plan_rating_level_index(plan, value) >= 0 ? EDIT_OK : EDIT_BAD_RATING;
	return k >= 0 && it->ratings[k].note ? EDIT_RATING_HAS_NOTE : EDIT_OK;
}

enum edit_result plan_field_check(const struct plan *plan, const char *item_id, int year,
                                  enum field field, const char *value)
{
	if (field == FIELD_REVIEW)
		return check_review(plan, item_id, year, value);
	const struct item *it = plan_find_item(plan, item_id);
	if (!it)
		return EDIT_NOT_FOUND;
	if (field_is_dated(field))
		return check_rating(plan, it, year, field, value);
	if (!item_entry_for_year(it, year) || (field == FIELD_PLAN && !value))
		return EDIT_NOT_FOUND;
	if (field == FIELD_STATUS && (!value || plan_status_index(plan, value) < 0))
		return EDIT_BAD_STATUS;
	return EDIT_OK;
}

/* item->rating: the key at the latest review the item was rated at. */
static void latest_rating(const struct plan *plan, struct item *it)
{
	const struct rating *best = NULL;
	for (size_t k = 0; k < it->n_ratings; k++)
		if (!best || it->ratings[k].review > best->review)
			best = &it->ratings[k];
	it->rating = best ? plan->rating_levels[best->level].key : NULL;
}

/* A new element at the end of an arena array of n elements of size elem
 * (the old array stays in the arena until the plan is freed). */
static void *arena_append(struct arena *arena, const void *data, size_t n, size_t elem)
{
	char *d = arena_alloc(arena, (n + 1) * elem);
	if (d) {
		if (n)
			memcpy(d, data, n * elem);
		memset(d + n * elem, 0, elem);
	}
	return d;
}

static enum edit_result set_rating(struct plan *plan, struct item *it, int review,
                                   const char *key)
{
	int k = rating_slot(it, review);
	if (!key) {   /* the element goes (check_rating made sure it has no note) */
		if (k >= 0) {
			memmove(&it->ratings[k], &it->ratings[k + 1],
			        (it->n_ratings - (size_t)k - 1) * sizeof *it->ratings);
			it->n_ratings--;
		}
	} else if (k >= 0) {
		it->ratings[k].level = (int16_t)plan_rating_level_index(plan, key);
	} else {
		struct rating *r = arena_append(plan->arena, it->ratings, it->n_ratings,
		                                sizeof *r);
		if (!r)
			return EDIT_NO_MEMORY;
		it->ratings = r;
		r = &r[it->n_ratings++];
		r->review = (int16_t)review;
		r->level = (int16_t)plan_rating_level_index(plan, key);
		/* not in the text yet: line 0, every span absent at 0 */
	}
	latest_rating(plan, it);
	return EDIT_OK;
}

static enum edit_result set_review(struct plan *plan, int date, const char *label)
{
	int review = plan_review_index(plan, date);
	const char *copy = label ? arena_strndup(plan->arena, label, strlen(label)) : NULL;
	if (label && !copy)
		return EDIT_NO_MEMORY;
	if (!label) {   /* unused (check_review): later ratings move down one index */
		if (review < 0)
			return EDIT_OK;
		memmove(&plan->reviews[review], &plan->reviews[review + 1],
		        (plan->n_reviews - (size_t)review - 1) * sizeof *plan->reviews);
		plan->n_reviews--;
		PLAN_FOR_EACH_ITEM(w, plan)
			for (size_t k = 0; k < w.it->n_ratings; k++)
				w.it->ratings[k].review -= w.it->ratings[k].review > review;
		return EDIT_OK;
	}
	if (review >= 0) {
		plan->reviews[review].label = copy;
		return EDIT_OK;
	}
	char iso[16];
	field_year_format(FIELD_REVIEW, date, iso, sizeof iso);
	struct review_date *r = arena_append(plan->arena, plan->reviews, plan->n_reviews,
	                                     sizeof *r);
	const char *d = arena_strndup(plan->arena, iso, strlen(iso));
	if (!r || !d)
		return EDIT_NO_MEMORY;
	plan->reviews = r;
	r = &r[plan->n_reviews++];   /* after the last (check_review) */
	r->date = d;
	r->label = copy;
	r->ymd = date;
	return EDIT_OK;
}

enum edit_result plan_field_set(struct plan *plan, const char *item_id, int year,
                                enum field field, const char *value)
{
	enum edit_result r = plan_field_check(plan, item_id, year, field, value);
	if (r != EDIT_OK)
		return r;
	if (field == FIELD_REVIEW)
		return set_review(plan, year, value);
	int p, i;
	if (!plan_locate_item(plan, item_id, &p, &i))
		return EDIT_NOT_FOUND;
	struct item *it = &plan->policies[p].items[i];
	if (!field_is_dated(field))
		return entry_set_field(plan, item_entry_for_year(it, year), field, value);
	int review = plan_review_index(plan, year);
	if (field == FIELD_RATING)
		return set_rating(plan, it, review, value);
	const char *copy = value ? arena_strndup(plan->arena, value, strlen(value)) : NULL;
	if (value && !copy)
		return EDIT_NO_MEMORY;
	it->ratings[rating_slot(it, review)].note = copy;
	return EDIT_OK;
}

/* Set a field without touching the history; keeps the change list. */
static enum edit_result set_field(struct editor *ed, const char *id, int year,
                                  enum field field, const char *value, char **before)
{
	const char *old;
	if (!plan_field_get(ed->plan, id, year, field, &old))
		return EDIT_NOT_FOUND;
	if (str_eq_nullable(old, value))
		return EDIT_UNCHANGED;
	/* refuse before anything is recorded, so a bad value leaves no trace */
	enum edit_result r = plan_field_check(ed->plan, id, year, field, value);
	if (r != EDIT_OK)
		return r;
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
	r = plan_field_set(ed->plan, id, year, field, value);
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
	const char *file_value;
	if (!plan_field_get(ed->plan, item_id, year, field, &file_value))
		return EDIT_NOT_FOUND;
	char *now = str_dup_nullable(file_value);
	if (file_value && !now)
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

/* ---- the review cycle -------------------------------------------------- */

enum edit_result editor_set_rating(struct editor *ed, const char *item_id, int date,
                                   const char *key)
{
	if (!key)
		return EDIT_BAD_RATING;
	return editor_set(ed, item_id, date, FIELD_RATING, key);
}

enum edit_result editor_set_rating_note(struct editor *ed, const char *item_id, int date,
                                        const char *note)
{
	return editor_set(ed, item_id, date, FIELD_RATING_NOTE, note);
}

enum edit_result editor_add_review(struct editor *ed, int date, const char *label)
{
	if (!label)
		return EDIT_NOT_FOUND;
	if (plan_review_index(ed->plan, date) < 0 && ed->plan->n_reviews &&
	    ed->plan->reviews[ed->plan->n_reviews - 1].ymd >= date)
		return EDIT_REVIEW_ORDER;
	return editor_set(ed, "", date, FIELD_REVIEW, label);
}
