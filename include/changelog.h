/* changelog.h - the append-only record of saved changes, "FILE.history"
 * beside the plan.  One line per changed field, tab-separated:
 *
 *   TIME  USER  ITEM  YEAR  FIELD  OLD  NEW
 *
 * TIME is the saver's local time in ISO 8601 with its offset from UTC
 * (2013-03-29T17:05:00+09:00), so that it names one instant wherever it is
 * read; readers convert it to their own time zone (TZ) or to UTC.  A TIME
 * without an offset (written by hand) is read as local time where it is
 * read.  USER is the login name from the password database, FIELD
 * status/plan/note;
 * values are escaped like the recovery file (\t \n \r \\, \N for an absent
 * note).  No curses.
 *
 * The history matches the plan: a save appends its lines (and flushes
 * them) while it holds the save lock, after recording itself in the lock
 * file and before it renames the new plan into place (lock.h).  A change
 * that reached the plan always has its line; lines whose save did not land
 * are cut off again (a failed rename, or at the next save after a crash)
 * and readers never show them.  A partial last line (a crash in the middle
 * of an append by an older version) is cut off before appending, and never
 * read.  The history is a side file (fileio.h): never a symbolic link, a
 * FIFO or someone else's file.
 */
#ifndef PLANDASH_CHANGELOG_H
#define PLANDASH_CHANGELOG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

#include "edit.h"
#include "fileio.h"
#include "lock.h"

struct log_line {
	time_t when;              /* the instant TIME names (when timed) */
	bool timed;               /* false: TIME cannot be read (show stamp) */
	char *stamp;              /* TIME as written */
	char *user;
	char *item_id;
	int year;
	enum field field;
	char *old_value, *new_value;   /* NULL: absent note */
};

int changelog_path(const char *plan_path, char *out, size_t size);

/* ---- times: one conversion for the history, `plandash log` and the
 * dashboard's log */

/* Parse an ISO 8601 time, "YYYY-MM-DDTHH:MM[:SS[.fff]]" ('T', 't' or a
 * space between date and time) with a zone: "Z", "+HH:MM", "+HHMM" or
 * "+HH" give that instant; no zone means local time in the reader's time
 * zone (TZ).  With date_ok a bare "YYYY-MM-DD" is also taken, as local
 * midnight of that date.  Returns true with *when. */
bool changelog_parse_time(const char *s, bool date_ok, time_t *when);

/* when in ISO 8601 with seconds: in the reader's time zone with its offset
 * ("2013-03-29T17:05:00+09:00", the form the history writes), or with utc
 * in UTC ("2013-03-29T08:05:00Z"). */
void changelog_format_time(time_t when, bool utc, char *buf, size_t size);

/* The same to the minute for screens: "2013-03-29 17:05". */
void changelog_format_short(time_t when, bool utc, char *buf, size_t size);

/* The login name of the current user ("uid N" when it has none). */
const char *changelog_user(void);

/* The history of one save, open for appending. */
struct changelog {
	int fd;                   /* -1: not open */
	char path[PATH_MAX];
	long long start;          /* its size before this save's lines */
	unsigned long long dev, ino;
};

/* Open (create) the history of the plan whose real file is target, under
 * the save lock (plan: the plan's stat), and cut off a partial last line.
 * Returns 0 or an errno with *fe. */
int changelog_open(const char *target, const struct stat *plan, struct changelog *log,
                   struct file_error *fe);

/* Append one line per change (old -> new) at time `when` and flush them.
 * On failure the history is cut back to log->start.  Returns 0 or an errno
 * with *fe. */
int changelog_append(struct changelog *log, const struct change *changes, size_t n,
                     time_t when, const char *user, struct file_error *fe);

/* Cut the history back to log->start (the save did not land). */
int changelog_rollback(struct changelog *log, struct file_error *fe);
void changelog_close(struct changelog *log);

/* Under the save lock: settle the save in flight a dead saver left (p, from
 * the lock).  When it did not land its lines are cut off and its temporary
 * file removed.  Returns 0 or an errno with *fe. */
int changelog_settle(const char *target, const struct stat *plan, const struct lock_pending *p,
                     struct file_error *fe);

/* Read the whole log, oldest first, keeping lines at or after the instant
 * `since` (0: all; a line whose time cannot be read is kept only then).  Returns 0 (also for a missing log: *n == 0) or an errno
 * (with *fe when not NULL). */
int changelog_load(const char *plan_path, time_t since, struct log_line **lines, size_t *n,
                   struct file_error *fe);
/* changelog_load without the details of an error. */
int changelog_read(const char *plan_path, time_t since, struct log_line **lines, size_t *n);
void changelog_free(struct log_line *lines, size_t n);

#endif
