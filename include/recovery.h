/* recovery.h - the recovery file "FILE.recover": unsaved edits written
 * beside the plan when a session ends without saving them (a hang-up),
 * and offered at the next start.  One tab-separated line per field: item,
 * year, field, old value, new value (\t \n \r \\ escaped, \N for an absent
 * note; tsv.h); lines starting with '#' are comments.  No curses.
 *
 * A rating (field "rating" or "rating_note") has its review date in the
 * year column, as YYYY-MM-DD; a review date added (field "review") has an
 * empty item column, its date in the year column and its label as the new
 * value (edit.h, enum field):
 *
 *   4-3	2016-03-31	rating	A	B
 *   	2017-09-30	review	\N	平成29年9月末
 *
 * It is a side file (fileio.h): never a symbolic link, a FIFO or someone
 * else's file, and it takes the plan's mode.  Every line is checked before
 * it is offered; a line that is not valid UTF-8, does not have the five
 * fields, or names an item, year, field, status, review date or rating the
 * plan does not have (a review date added by an earlier line of the file
 * counts) is reported and skipped (and left in the file), so it can never
 * reach the editor or block a save.
 */
#ifndef PLANDASH_RECOVERY_H
#define PLANDASH_RECOVERY_H

#include <stddef.h>

#include "edit.h"
#include "fileio.h"
#include "plan.h"

/* The recovery file of the plan at path (beside its real file). */
int recovery_path(const char *path, char *out, size_t size);

/* Why a line of the recovery file is not offered. */
enum recovery_problem {
	RECOVERY_MALFORMED,       /* not five tab-separated fields (or an item on a
	                             review date's line) */
	RECOVERY_BAD_UTF8,        /* not valid UTF-8 */
	RECOVERY_BAD_FIELD,       /* the field is not one of edit.h's */
	RECOVERY_BAD_YEAR,        /* the year is not a number */
	RECOVERY_NO_ITEM,         /* item_id: the plan has no such item */
	RECOVERY_NO_YEAR,         /* item_id, year: the item has no entry that year */
	RECOVERY_NO_STATUS,       /* item_id, year: the new status is not in the vocabulary */
	RECOVERY_NO_PLAN_TEXT,    /* item_id, year: a plan text cannot be absent */
	RECOVERY_BAD_DATE,        /* a rating's or review's date is not YYYY-MM-DD */
	RECOVERY_NO_REVIEW,       /* item_id, year (the date): not a review date of the
	                             plan, nor one an earlier line adds */
	RECOVERY_NO_RATING,       /* item_id, year (the date): the new rating is not in
	                             the rating vocabulary */
	RECOVERY_REVIEW_ORDER,    /* year (the date): a review date to add that is not
	                             after the plan's last one */
};

struct recovery_reject {
	size_t line;              /* 1-based line number in the file */
	enum recovery_problem problem;
	char item_id[64];         /* cut at a character boundary */
	int year;                 /* or a date (YYYYMMDD) for a rating or review line */
};

/* What a recovery file offers. */
struct recovery {
	struct change *changes;   /* the lines that can be applied */
	size_t n;
	struct recovery_reject *rejects;
	size_t n_rejects;
};

/* Read and check the recovery file of the plan at path against plan (NULL:
 * only the form of each line is checked).  Returns 0, ENOENT when there is
 * none, or an errno with *fe (a symbolic link, a FIFO ...).  Free *rec
 * with recovery_free either way. */
int recovery_read(const char *path, const struct plan *plan, struct recovery *rec,
                  struct file_error *fe);
void recovery_free(struct recovery *rec);

/* Write the editor's pending edits.  Lines an earlier rescue left are kept
 * unless this editor changed the same field; when the recovery file cannot
 * be used (unreadable, a symbolic link, a FIFO) it is left alone and the
 * edits go to "FILE.recover.PID" beside it instead.  On success fe->path
 * names the file written (fe->op is FILE_OP_NONE).  Safe on a hang-up: it
 * waits at most half a second for the save lock (then writes without it),
 * never waits on a FIFO, and uses no terminal; it is not
 * async-signal-safe, so call it from the main loop after a signal handler
 * set a flag.  Returns 0 or an errno with *fe. */
int recovery_write(const struct editor *ed, const char *path, struct file_error *fe);

/* The same for a list of changes (those not pending are skipped): edits a
 * reload could not place go here instead of being lost. */
int recovery_store(const char *path, const struct change *changes, size_t n,
                   struct file_error *fe);

/* After a save, under its lock: drop the recovery lines whose value the
 * file (plan) now holds; remove the file when no line is left.  A
 * recovery the user chose to keep for later survives a save of other
 * edits.  Returns 0 or an errno with *fe. */
int recovery_prune(const char *path, const struct plan *plan, struct file_error *fe);

/* The user re-applied these edits (from recovery_read): their lines go, so
 * that they are not offered again, even if the edits are then undone or
 * discarded (the session holds them now, and a hang-up writes them again).
 * Lines that were not offered stay.  Returns 0 or an errno with *fe. */
int recovery_forget(const char *path, const struct change *applied, size_t n,
                    struct file_error *fe);

/* The user discarded the recovery: remove the file (a regular file only).
 * Returns 0 (also when there is none) or an errno with *fe. */
int recovery_discard(const char *path, struct file_error *fe);

#endif
