/* recovery.h - the recovery file "FILE.recover": unsaved edits written
 * beside the plan when a session ends without saving them (a hang-up), and
 * offered at the next start.  One tab-separated line per field: item, year,
 * field, old value, new value (\t \n \r \\ escaped, \N for an absent note;
 * tsv.h).  No curses. */
#ifndef PLANDASH_RECOVERY_H
#define PLANDASH_RECOVERY_H

#include <stddef.h>

#include "edit.h"
#include "fileio.h"
#include "plan.h"

/* The recovery file of the plan at path (beside its real file). */
int recovery_path(const char *path, char *out, size_t size);

/* Write the editor's pending edits.  Lines an earlier rescue left are kept
 * unless this editor changed the same field.  Returns 0 or an errno, with
 * *fe saying what failed. */
int recovery_write(const struct editor *ed, const char *path, struct file_error *fe);

/* The same for a list of changes (those not pending are skipped): edits a
 * reload could not place go here instead of being lost. */
int recovery_store(const char *path, const struct change *changes, size_t n,
                   struct file_error *fe);

/* Read a recovery file into changes (malloc'd array; free with
 * changes_free).  Returns 0, ENOENT when there is none, or an errno. */
int recovery_read(const char *path, struct change **changes, size_t *n);

/* After a save: drop the recovery lines whose value the file (plan) now
 * holds; remove the file when none is left.  A recovery the user chose to
 * keep for later survives a save of other edits. */
void recovery_prune(const char *path, const struct plan *plan);

#endif
