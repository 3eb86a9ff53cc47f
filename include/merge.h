/* merge.h - our pending edits against another session's save, field by
 * field: base = the value we loaded, theirs = the value on disk now, ours =
 * our edit.  The save (save.h) and the live refresh (reload.h) both decide
 * with merge_decide(), so they always agree.  No curses, no file I/O. */
#ifndef PLANDASH_MERGE_H
#define PLANDASH_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "edit.h"
#include "plan.h"

/* A field changed by us and, differently, by another session. */
struct conflict {
	char *item_id;
	int year;
	enum field field;
	char *base, *theirs, *ours;   /* NULL: note absent */
};

/* Append the conflict of change c with the other session's value theirs
 * to *list.  Returns 0 or ENOMEM (the list stays valid for
 * conflicts_free either way). */
int conflict_add(struct conflict **list, size_t *n, const struct change *c, const char *theirs);
/* Free a list of conflicts.  NULL is fine. */
void conflicts_free(struct conflict *list, size_t n);

enum merge_decision {
	MERGE_APPLY,              /* theirs == base: our value goes on top of theirs */
	MERGE_SAME,               /* theirs == ours: they made the same change */
	MERGE_CONFLICT,           /* base, theirs and ours all differ */
	MERGE_GONE,               /* the entry (item, year) is not in theirs */
	MERGE_NO_STATUS,          /* our status key is not in their vocabulary */
};

/* Decide what becomes of the pending change c on top of the plan theirs.
 * *entry receives c's entry in theirs (NULL for MERGE_GONE) and *their
 * the value theirs holds (both may be NULL pointers to skip them). */
enum merge_decision merge_decide(const struct plan *theirs, const struct change *c,
                                 struct entry **entry, const char **their);

/* One entry field whose value on disk differs from what we had loaded. */
struct field_change {
	char *item_id;
	int year;
	enum field field;
	char *before, *after;     /* status keys for FIELD_STATUS; NULL: absent note */
};

/* Another session's changes: every field of theirs whose value differs
 * from what ed loaded (its plan with its changes taken back out), in plan
 * order.  With list NULL only the counts are made.  *added counts the
 * entries only theirs has, *removed those only ed's plan has.  Returns 0
 * or ENOMEM (then free *list with field_changes_free). */
int merge_their_changes(const struct editor *ed, const struct plan *theirs,
                        struct field_change **list, size_t *n,
                        size_t *added, size_t *removed);
void field_changes_free(struct field_change *list, size_t n);

/* Two versions of a file, field by field: every entry field of `to` whose
 * value differs from `from`'s, for the entries both have (by item id and
 * year), in `to`'s order, as changes (base: from's value, value: to's;
 * status keys for FIELD_STATUS, NULL for an absent note).  Entries only
 * one has are not listed.  Returns 0 or ENOMEM; free *out with
 * changes_free (edit.h). */
int merge_field_diff(const struct plan *from, const struct plan *to, struct change **out,
                     size_t *n);

/* Settle one conflict: keep ours (it will overwrite theirs at the next
 * save) or take theirs (our change is dropped and the model shows theirs). */
enum edit_result editor_resolve(struct editor *ed, const struct conflict *c, bool keep_ours);

#endif
