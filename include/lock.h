/* lock.h - the save lock of a plan, and the record of a save in flight.
 * No curses.
 *
 * The lock is an flock() on ".NAME.lock" beside the plan's real file (a
 * side file, fileio.h), one per plan.  Its holder writes who it is into
 * it, so that a waiting session can say whom it waits for:
 *
 *   PID USER\n
 *
 * While a save has appended its history lines but not yet renamed the new
 * plan into place, a second line records it:
 *
 *   pending OFFSET HDEV HINO TDEV TINO TEMPNAME\n
 *
 * OFFSET is the history's size before those lines, HDEV:HINO the history
 * file, TDEV:TINO and TEMPNAME the new plan's temporary file.  If the saver
 * dies in between, the next lock holder settles it (changelog.h): when the
 * temporary file is still there the save did not land, and its lines go.
 */
#ifndef PLANDASH_LOCK_H
#define PLANDASH_LOCK_H

#include <limits.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "fileio.h"

/* The login name of the user running plandash ("uid N" when it has none),
 * or the identity lock_set_user() gave. */
const char *lock_user(void);
/* Take name as the identity from now on (--as under an access file: the
 * lock holder and the history name it); NULL goes back to the login
 * name. */
void lock_set_user(const char *name);

/* Who holds a lock: a process id (0 when not known) and its user's login
 * name ("" when not known). */
struct lock_holder {
	long pid;
	char user[64];
};

/* A save between its history lines and its rename (see above). */
struct lock_pending {
	bool valid;
	long long offset;
	unsigned long long hdev, hino;    /* the history file */
	unsigned long long tdev, tino;    /* the temporary file */
	char temp[NAME_MAX + 1];          /* its name, in the plan's directory */
};

/* Called while another process holds the lock, about every
 * LOCK_WAIT_CALL_MS: first right after the first failed attempt
 * (waited_ms == 0), then with the time waited so far, until the lock is
 * taken, the time-out passes, or it returns false to give up.  holder is
 * read again for each call.  It runs in the saving thread, between two
 * attempts: it may draw and read keys, but must not touch the editor. */
typedef bool lock_wait_fn(const struct lock_holder *holder, long waited_ms, void *arg);
#define LOCK_WAIT_CALL_MS 100

struct plan_lock {
	int fd;                   /* -1: not held */
	char path[PATH_MAX];      /* the lock file */
	struct lock_pending pending;   /* what a dead saver left (see above) */
};

/* Take the save lock of the plan whose real file is target (plan: its
 * stat, for the lock file's mode and owner), waiting up to timeout_ms.
 * Returns 0 with *lock held, EWOULDBLOCK when the time-out passed or
 * ECANCELED when wait gave up (both with *holder, when not NULL), or an
 * errno with *fe.  lock->pending is what a saver that died left. */
int lock_take(const char *target, const struct stat *plan, int timeout_ms, lock_wait_fn *wait,
              void *arg, struct plan_lock *lock, struct lock_holder *holder,
              struct file_error *fe);

/* Record (p) or clear (NULL) a save in flight in the held lock's file; a
 * record is flushed to the disk before this returns.  Returns 0 or an
 * errno with *fe. */
int lock_note(struct plan_lock *lock, const struct lock_pending *p, struct file_error *fe);

/* Drop the lock (nothing happens when it is not held). */
void lock_release(struct plan_lock *lock);

/* Read the record of a save in flight without taking the lock (for
 * readers of the history).  Returns true when there is one. */
bool lock_read_pending(const char *target, const struct stat *plan, struct lock_pending *p);

/* Where a recorded save stands: its temporary file became the plan
 * (LANDED), is still there (NOT_LANDED: it never will), or neither (the
 * plan was replaced since: UNKNOWN, its lines are kept). */
enum pending_state { PENDING_LANDED, PENDING_NOT_LANDED, PENDING_UNKNOWN };
enum pending_state lock_pending_state(const char *target, const struct lock_pending *p);

#endif
