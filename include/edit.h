/* edit.h - changes to a loaded plan: set a field, undo, redo, and the list
 * of fields that differ from the file (what a save must write).
 * No curses and no file I/O here. */
#ifndef PLANDASH_EDIT_H
#define PLANDASH_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

/* The fields an edit can change.  A change, an undo step, a conflict, a
 * history line and a recovery line all name one by (item id, year, field):
 *  - a yearly entry's status, plan text and note: `year` is the fiscal
 *    year (2013);
 *  - an item's rating at a review date and that rating's note (the dated
 *    fields, field_is_dated): `year` holds the review date as YYYYMMDD
 *    (20160331), and the history and recovery files write it 2016-03-31;
 *  - a review date of the plan (top-level `reviews:`): the item id is ""
 *    and `year` the date, as for a rating.
 * Values: a status key; a plan text (never NULL); a note (NULL: the key is
 * absent); a rating key (NULL: the item has no rating at that date, so
 * setting one adds an element to its `ratings:` and NULL takes it out); a
 * rating's note (NULL: absent); a review date's label (NULL: the plan has
 * no such review date, so setting one adds an element to `reviews:`). */
enum field {
	FIELD_STATUS,
	FIELD_PLAN,
	FIELD_NOTE,
	FIELD_RATING,             /* an item's rating (its key) at a review date */
	FIELD_RATING_NOTE,        /* the note of that rating */
	FIELD_REVIEW,             /* a review date's label (item id "") */
};
#define FIELD_COUNT 6

/* "status", "plan", "note", "rating", "rating_note" or "review" (as the
 * history and recovery files write them); field_parse returns -1 for
 * anything else. */
const char *field_name(enum field field);
int field_parse(const char *name);

/* FIELD_RATING, FIELD_RATING_NOTE and FIELD_REVIEW: `year` is a date. */
bool field_is_dated(enum field field);

/* The YEAR column of a history or recovery line: "2013", or for a dated
 * field the date "2016-03-31".  field_year_parse reads it back: the year
 * (1..9999) or YYYYMMDD (a real day, date_parse_iso), 0 when the text is
 * not that. */
void field_year_format(enum field field, int year, char *buf, size_t size);
int field_year_parse(enum field field, const char *text);

/* One field that differs from the file as loaded (or last saved).
 * Values as enum field says (NULL: an absent note, no rating, no review
 * date). */
struct change {
	char *item_id;            /* "" for FIELD_REVIEW */
	int year;                 /* a fiscal year, or YYYYMMDD (field_is_dated) */
	enum field field;
	char *base;               /* the value in the file */
	char *value;              /* the value now */
	/* Another session wrote a third value (theirs) into this field (seen
	 * by a reload, or by re-applying a recovery file over a changed file).
	 * Until the user chooses, a save reports it as a conflict and writes
	 * nothing: see editor_resolve() in save.h. */
	bool unsettled;
	char *theirs;
};

/* One step of the undo/redo history. */
struct edit_step {
	char *item_id;
	int year;                 /* as in struct change */
	enum field field;
	char *before, *after;
};

/* Who may change what (see editor_set_gate). */
typedef bool editor_gate_fn(const struct plan *plan, const char *item_id, const void *arg);

struct editor {
	struct plan *plan;        /* owned */
	editor_gate_fn *gate;     /* NULL: no rules */
	const void *gate_arg;
	struct change *changes;   /* one per field touched since the base */
	size_t n_changes, cap_changes;
	struct edit_step *undo, *redo;
	size_t n_undo, cap_undo, n_redo, cap_redo;
};

/* Take ownership of plan. */
void editor_init(struct editor *ed, struct plan *plan);
/* Free the plan and all history. */
void editor_free(struct editor *ed);

/* The current value of an entry's field (FIELD_STATUS, FIELD_PLAN or
 * FIELD_NOTE): a status key, a plan text, or the note (NULL when absent). */
const char *entry_field(const struct plan *plan, const struct entry *entry, enum field field);

enum edit_result {
	EDIT_OK = 0,
	EDIT_UNCHANGED,           /* the field already had that value */
	EDIT_NOT_FOUND,           /* no such item or year; a rating note where the
	                             item is not rated at that date */
	EDIT_BAD_STATUS,          /* not a key of the vocabulary */
	EDIT_NO_MEMORY,
	EDIT_REFUSED,             /* the editor's gate refused it */
	EDIT_BAD_RATING,          /* not a key of the rating vocabulary */
	EDIT_NO_REVIEW,           /* the date is not one of the plan's review dates */
	EDIT_REVIEW_ORDER,        /* a new review date that is not after the last one */
	EDIT_REVIEW_IN_USE,       /* removing a review date at which an item is rated */
	EDIT_RATING_HAS_NOTE,     /* removing a rating that has a note (remove the
	                             note first: nothing typed is dropped silently) */
};

/* Who may change what: with a gate, every change of an entry (editor_set,
 * undo, redo, editor_set_rescued) first asks gate(plan, item_id, arg); a
 * refused change returns EDIT_REFUSED (undo and redo return false) and
 * nothing is recorded.  Going back to the value the file holds is never
 * refused.  A reload asks the gate too (reload.h).  A review date (item
 * id "") passes only a gate that allows every item.  NULL: no rules.
 * editor_init() starts without a gate; editor_free() forgets it. */
void editor_set_gate(struct editor *ed, editor_gate_fn *gate, const void *arg);
/* The gate's answer for an item of plan (true without a gate). */
bool editor_may_change(const struct editor *ed, const struct plan *plan, const char *item_id);

/* Set a field (value NULL: see enum field; never for a status or a plan
 * text).  Records an undo step and clears the redo history.  A rating at a
 * date where the item has none adds one (the save inserts the element at
 * the item's ratings_insert); a review date's label for a date the plan
 * does not have adds that review date after the last one. */
enum edit_result editor_set(struct editor *ed, const char *item_id, int year,
                            enum field field, const char *value);

/* ---- the review cycle: ratings and review dates ------------------------
 * Shorthands of editor_set for the rating meeting and `plandash rate`.
 * `date` is YYYYMMDD and must be one of the plan's review dates. */

/* The item's rating at date becomes `key` (a key of plan->rating_levels):
 * EDIT_BAD_RATING, EDIT_NO_REVIEW, EDIT_NOT_FOUND (no such item). */
enum edit_result editor_set_rating(struct editor *ed, const char *item_id, int date,
                                   const char *key);
/* The note of the item's rating at date (NULL: remove it): EDIT_NOT_FOUND
 * when the item is not rated then. */
enum edit_result editor_set_rating_note(struct editor *ed, const char *item_id, int date,
                                        const char *note);
/* Add review date `date` with its label (review.h computes both for the
 * next half-year): a FIELD_REVIEW change, one undo step.  EDIT_REVIEW_ORDER
 * when date is not after the plan's last review date; EDIT_UNCHANGED when
 * the plan has it with that label already. */
enum edit_result editor_add_review(struct editor *ed, int date, const char *label);

/* The value of any field in plan (see enum field), which need not be an
 * editor's.  Returns false when the place is not there: no such item, no
 * entry that year (entry fields).  A rating or rating note at a date the
 * item is not rated at, or that is no review date, is there and NULL; so is
 * a review date the plan does not have. */
bool plan_field_get(const struct plan *plan, const char *item_id, int year, enum field field,
                    const char **value);

/* Whether plan can take value in that field, without changing anything:
 * EDIT_OK or the reason it cannot (EDIT_NOT_FOUND, EDIT_BAD_STATUS,
 * EDIT_BAD_RATING, EDIT_NO_REVIEW, EDIT_REVIEW_ORDER, EDIT_REVIEW_IN_USE,
 * EDIT_RATING_HAS_NOTE). */
enum edit_result plan_field_check(const struct plan *plan, const char *item_id, int year,
                                  enum field field, const char *value);

/* Write value into any field of plan (after plan_field_check's checks).
 * Strings are copied into the plan's arena; a rating or review date added
 * has no position in the text yet (its line is 0).  Records nothing. */
enum edit_result plan_field_set(struct plan *plan, const char *item_id, int year,
                                enum field field, const char *value);

/* Undo or redo one step.  Returns false when there is nothing to do.  When
 * `step` is not NULL it receives the step (valid until the next call) so
 * the caller can show where the change was. */
bool editor_undo(struct editor *ed, const struct edit_step **step);
bool editor_redo(struct editor *ed, const struct edit_step **step);

/* Number of fields whose value differs from the file. */
size_t editor_unsaved(const struct editor *ed);
bool change_is_pending(const struct change *change);

/* Make the current values the new base (after a save): forget changes,
 * keep the undo history. */
void editor_mark_saved(struct editor *ed);

/* Replace the plan (after a save or a reload), keeping the history. */
void editor_replace_plan(struct editor *ed, struct plan *plan);

bool str_eq_nullable(const char *a, const char *b);
/* strdup that passes NULL through. */
char *str_dup_nullable(const char *s);

/* Re-apply a rescued edit (from a recovery file): set the field to value;
 * when the file no longer holds base, the change is unsettled (theirs is
 * the file's value) so that the user chooses before it is saved. */
enum edit_result editor_set_rescued(struct editor *ed, const char *item_id, int year,
                                    enum field field, const char *base, const char *value);

/* Mark a pending change unsettled against another session's value. */
enum edit_result change_unsettle(struct change *change, const char *theirs);

/* The pending change of a field, or NULL. */
struct change *editor_find_change(struct editor *ed, const char *item_id, int year,
                                  enum field field);

/* Free what a change owns (not the change itself). */
void change_release(struct change *change);
/* Free an array of changes and what they own.  NULL is fine. */
void changes_free(struct change *changes, size_t n);

/* Write value into one field of an entry of plan, which need not be an
 * editor's: a status key (EDIT_BAD_STATUS when the vocabulary lacks it),
 * a plan text (never NULL: EDIT_NOT_FOUND) or a note (NULL: absent).
 * Strings are copied into the plan's arena.  Records nothing.  (The entry
 * fields only; plan_field_set takes every field.) */
enum edit_result entry_set_field(struct plan *plan, struct entry *entry, enum field field,
                                 const char *value);

#endif
