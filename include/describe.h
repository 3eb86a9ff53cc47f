/* describe.h - the words for what the core reports.  The core returns
 * codes and data (which item, year and field, how many, which file and
 * errno); these functions turn them into one translated sentence (gettext)
 * for main.c and the UI.  No curses.  Every function writes a
 * NUL-terminated string of at most size-1 bytes into buf, cut at a
 * character boundary when it does not fit. */
#ifndef PLANDASH_DESCRIBE_H
#define PLANDASH_DESCRIBE_H

#include <stdbool.h>
#include <stddef.h>

#include "edit.h"
#include "fileio.h"
#include "lock.h"
#include "recovery.h"
#include "reload.h"
#include "save.h"
#include "splice.h"

/* ==== saving, reloading and the files beside the plan ==================== */

/* strerror(err) (translated by the C library), except for the codes
 * fileio.h gives a meaning of their own (FILE_ENOTREG: "not a regular
 * file ..."); for the plan's I/O errors. */
const char *describe_errno(int err);

/* "cannot write FILE: REASON", "FILE is a symbolic link; ...", "another
 * session is saving FILE; try again", ... */
void describe_file_error(const struct file_error *fe, char *buf, size_t size);

/* Who holds the save lock: "alice, process 1234", "process 1234", or ""
 * when not known (for "waiting for ..."). */
void describe_lock_holder(const struct lock_holder *h, char *buf, size_t size);

/* Why a recovery line is not offered: "line 3: not valid UTF-8". */
void describe_recovery_reject(const struct recovery_reject *r, char *buf, size_t size);

/* One field's change, "4-3 2014 status: planned -> done" ("(none)" for an
 * absent note; each value cut to about 40 bytes with "..."). */
void describe_field_change(const char *item_id, int year, enum field field,
                           const char *before, const char *after, char *buf, size_t size);

/* Why a splice or its check failed ("the note of 1-1 2012 is a block
 * scalar (| or >) at line 40; edit it by hand"). */
void describe_splice_error(const struct splice_error *e, char *buf, size_t size);

/* Why a save wrote nothing ("cannot save: cannot write ...",
 * "refusing to save: the note of 1-1 2012 is a block scalar ...").  path is
 * the plan as the user named it. */
void describe_save_error(const struct save_error *e, const char *path, char *buf, size_t size);

/* The outcome of editor_save in one sentence: "saved 2 changes; merged 1
 * change from another session", with a warning after it when the report
 * has one, the conflicts' count, or why nothing was saved.  edits_kept:
 * the caller keeps the edits after a failure (a dashboard does, the
 * command line does not), and the sentence says so only then. */
void describe_save(const struct save_report *r, enum save_status st, const char *path,
                   bool edits_kept, char *buf, size_t size);

/* The outcome of editor_reload in one sentence: another session's changes
 * (the first two), entries added and removed, conflicts, lost and kept
 * edits; or why nothing changed. */
void describe_reload(const struct reload_report *r, enum reload_status st, const char *path,
                     char *buf, size_t size);

#endif
