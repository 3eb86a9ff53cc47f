/* save.h - write the edits back by splicing them into the file's bytes.
 *
 * A save changes only the bytes of the changed values, verifies the result
 * by parsing it again, and never overwrites another session's save: under
 * the save lock it re-reads the file and, if it changed since we loaded
 * it, merges field by field (base = what we loaded, theirs = the disk,
 * ours = the edits).  No curses. */
#ifndef PLANDASH_SAVE_H
#define PLANDASH_SAVE_H

#include <stdbool.h>
#include <stddef.h>

#include "edit.h"
#include "fileio.h"

struct save_options {
	bool backup;              /* keep the previous version as FILE~ */
	int lock_timeout_ms;      /* 0: a default of 10 s */
	/* A file at least this large, which nobody else changed since it was
	 * loaded, is checked by parsing the changed items' text again instead
	 * of the whole file (0: 8 MiB; SIZE_MAX: always the whole file). */
	size_t local_check_min;
};

/* A field changed by us and, differently, by another session. */
struct conflict {
	char *item_id;
	int year;
	enum field field;
	char *base, *theirs, *ours;   /* NULL: note absent */
};

struct save_report {
	size_t written;           /* our fields written */
	size_t merged;            /* fields another session changed, kept */
	struct conflict *conflicts;
	size_t n_conflicts;
	char message[512];        /* what happened, for the user */
	struct file_stamp stamp;  /* on SAVE_OK: the file as written, taken under
	                           * the lock, so a save by another session right
	                           * after ours is still seen as a change */
};

enum save_status {
	SAVE_OK,                  /* written (or nothing to write) */
	SAVE_CONFLICT,            /* nothing written; see report.conflicts */
	SAVE_FAILED,              /* nothing written; see report.message */
};

/* Save the editor's pending changes to path.  On SAVE_OK the editor's plan
 * is replaced by the verified plan that was written, its changes are
 * cleared, and recovery lines the file now holds are dropped; otherwise the
 * edits stay in memory untouched.  Unsettled changes (edit.h) give
 * SAVE_CONFLICT before anything is read or written. */
enum save_status editor_save(struct editor *ed, const char *path,
                             const struct save_options *opt, struct save_report *report);
void save_report_free(struct save_report *report);

/* Append the conflict of change c with the other session's value theirs
 * to *list.  Returns 0 or ENOMEM. */
int conflict_add(struct conflict **list, size_t *n, const struct change *c, const char *theirs);

/* Settle one conflict: keep ours (it will overwrite theirs at the next
 * save) or take theirs (our change is dropped and the model shows theirs). */
enum edit_result editor_resolve(struct editor *ed, const struct conflict *c, bool keep_ours);

/* Splice values into a plan's text: for each change, the field of the
 * entry (item_id, year) is rewritten to change->value.  Returns a malloc'd
 * buffer, or NULL with a message (block scalars, unknown entries). */
char *splice_changes(const struct plan *plan, const struct change *changes, size_t n,
                     size_t *out_len, char *err, size_t errsize);

/* Check that `written` reads back as `expected` with `changes` applied:
 * same structure and every entry value equal.  Returns true, or false with
 * a message naming the first difference. */
bool verify_splice(const struct plan *expected, const struct change *changes, size_t n,
                   const struct plan *written, char *err, size_t errsize);

/* Recovery file: the unsaved edits, written beside the plan on a hang-up
 * as "FILE.recover", one tab-separated line per field: item, year, field,
 * old value, new value (\t \n \r \\ escaped, \N for an absent note).
 * Lines an earlier rescue left are kept unless this editor changed the
 * same field. */
int recovery_path(const char *path, char *out, size_t size);
/* After a save: drop the recovery lines whose value the file (plan) now
 * holds; remove the file when none is left.  A recovery the user chose to
 * keep for later survives a save of other edits. */
void recovery_prune(const char *path, const struct plan *plan);
int recovery_write(const struct editor *ed, const char *path, char *err, size_t errsize);
/* The same for a list of changes (those not pending are skipped): edits a
 * reload could not place go here instead of being lost. */
int recovery_store(const char *path, const struct change *changes, size_t n,
                   char *err, size_t errsize);
/* Read a recovery file into changes (malloc'd array; free with
 * changes_free).  Returns 0, ENOENT when there is none, or an errno. */
int recovery_read(const char *path, struct change **changes, size_t *n);
void changes_free(struct change *changes, size_t n);

#endif
