/* edit.h - changes to a loaded plan: set a field, undo, redo, and the list
 * of fields that differ from the file (what a save must write).
 * No curses and no file I/O here. */
#ifndef PLANDASH_EDIT_H
#define PLANDASH_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

/* The editable fields of a yearly entry. */
enum field { FIELD_STATUS, FIELD_PLAN, FIELD_NOTE };

/* "status", "plan" or "note"; field_parse returns -1 for anything else. */
const char *field_name(enum field field);
int field_parse(const char *name);

/* One field that differs from the file as loaded (or last saved).
 * Values are status keys for FIELD_STATUS; NULL means an absent note. */
struct change {
	char *item_id;
	int year;
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
	int year;
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

/* The current value of a field: a status key, a plan text, or the note
 * (NULL when absent). */
const char *entry_field(const struct plan *plan, const struct entry *entry, enum field field);

enum edit_result {
	EDIT_OK = 0,
	EDIT_UNCHANGED,           /* the field already had that value */
	EDIT_NOT_FOUND,           /* no such item or year */
	EDIT_BAD_STATUS,          /* not a key of the vocabulary */
	EDIT_NO_MEMORY,
	EDIT_REFUSED,             /* the editor's gate refused it */
};

/* Who may change what: with a gate, every change of an entry (editor_set,
 * undo, redo, editor_set_rescued) first asks gate(plan, item_id, arg); a
 * refused change returns EDIT_REFUSED (undo and redo return false) and
 * nothing is recorded.  Going back to the value the file holds is never
 * refused.  A reload asks the gate too (reload.h).  NULL: no rules.
 * editor_init() starts without a gate; editor_free() forgets it. */
void editor_set_gate(struct editor *ed, editor_gate_fn *gate, const void *arg);
/* The gate's answer for an item of plan (true without a gate). */
bool editor_may_change(const struct editor *ed, const struct plan *plan, const char *item_id);

/* Set a field (value NULL only for FIELD_NOTE: remove nothing, keep absent).
 * Records an undo step and clears the redo history. */
enum edit_result editor_set(struct editor *ed, const char *item_id, int year,
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
 * Strings are copied into the plan's arena.  Records nothing. */
enum edit_result entry_set_field(struct plan *plan, struct entry *entry, enum field field,
                                 const char *value);

#endif
