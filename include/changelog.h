/* changelog.h - the append-only record of saved changes, "FILE.history"
 * beside the plan.  One line per changed field, tab-separated:
 *
 *   TIME  USER  ITEM  YEAR  FIELD  OLD  NEW
 *
 * TIME is local time in ISO 8601 with its offset (2013-03-29T17:05:00+09:00),
 * USER the login name from the password database, FIELD status/plan/note;
 * values are escaped like the recovery file (\t \n \r \\, \N for an absent
 * note).  Lines are appended with O_APPEND while the save lock is held, so
 * two sessions never interleave.  No curses. */
#ifndef PLANDASH_CHANGELOG_H
#define PLANDASH_CHANGELOG_H

#include <stddef.h>
#include <time.h>

#include "edit.h"
#include "fileio.h"

struct log_line {
	time_t when;
	char *stamp;              /* TIME as written */
	char *user;
	char *item_id;
	int year;
	enum field field;
	char *old_value, *new_value;   /* NULL: absent note */
};

int changelog_path(const char *plan_path, char *out, size_t size);

/* The login name of the current user ("uid N" when it has none). */
const char *changelog_user(void);

/* Append one line per change (old -> new) at time `when`.  Returns 0 or an
 * errno, with *fe saying what failed. */
int changelog_append(const char *plan_path, const struct change *changes, size_t n,
                     time_t when, const char *user, struct file_error *fe);

/* Read the whole log, oldest first, keeping lines at or after `since`
 * (0: all).  Returns 0 (also for a missing log: *n == 0) or an errno. */
int changelog_read(const char *plan_path, time_t since, struct log_line **lines, size_t *n);
void changelog_free(struct log_line *lines, size_t n);

#endif
