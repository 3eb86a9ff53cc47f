/* reload.h - take in another session's save while keeping our unsaved
 * edits (live refresh).  No curses.  What happened is reported as counts
 * and codes with their data; describe.h turns them into words.
 *
 * The merge is the save's (merge_decide), field by field: base = the value
 * we loaded, theirs = the value on disk now, ours = our pending edit.
 *  - theirs == base:  our edit is re-applied on top of the new plan;
 *  - theirs == ours:  they made the same change; our edit is dropped;
 *  - otherwise:       a conflict.  Our value stays in the model and stays
 *                     pending but unsettled (struct change.unsettled, with
 *                     theirs): the next save writes nothing and reports it
 *                     as SAVE_CONFLICT until editor_resolve() settles it.
 *                     It is also reported here.
 * An edit whose entry is gone from the file (or whose status the file's
 * vocabulary no longer has) cannot be kept: it is reported in `lost`.  So
 * is an edit the editor's gate (edit.h) refuses on the new plan (its item
 * moved to departments we may not change): counted in `refused` too.
 * Edits that are no longer pending (undone back to the base) are
 * forgotten.  The undo history is kept.
 */
#ifndef PLANDASH_RELOAD_H
#define PLANDASH_RELOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "edit.h"
#include "load.h"
#include "merge.h"
#include "plan.h"

/* Why a reload changed nothing (RELOAD_FAILED). */
enum reload_error {
	RELOAD_E_NONE = 0,
	RELOAD_E_NO_MEMORY,
	RELOAD_E_READ,            /* err: the file cannot be read (an errno value) */
	RELOAD_E_BROKEN,          /* load: the file changed but does not load */
};

struct reload_report {
	struct field_change *changes;   /* all their changed fields, in plan order */
	size_t n_changes;
	size_t entries_added;           /* (item, year) entries only on disk now */
	size_t entries_removed;         /* entries we had that are gone */
	size_t kept;                    /* our edits re-applied (conflicts included) */
	size_t dropped;                 /* our edits the file already holds */
	struct conflict *conflicts;     /* base, theirs, ours; ours is kept */
	size_t n_conflicts;
	struct change *lost;            /* our edits that had nowhere to go */
	size_t n_lost;
	size_t refused;                 /* of them, those the gate refused */
	enum reload_error error;        /* RELOAD_FAILED: why */
	int err;
	struct load_error load;
};

enum reload_status {
	RELOAD_UNCHANGED,         /* the file holds the bytes we have: nothing done */
	RELOAD_OK,                /* the editor now shows the file plus our edits */
	RELOAD_FAILED,            /* nothing changed in the editor; see error */
};

/* Read path and merge it in (see above).  A file that no longer loads (a
 * hand edit in progress) gives RELOAD_FAILED, and the editor keeps the
 * plan it has. */
enum reload_status editor_reload(struct editor *ed, const char *path, struct reload_report *r);

/* The same with a plan already loaded (always takes ownership of theirs). */
enum reload_status editor_reload_plan(struct editor *ed, struct plan *theirs,
                                      struct reload_report *r);

void reload_report_free(struct reload_report *r);

#endif
