/* presence.h - who else has the plan open: each dashboard announces itself
 * in a small file beside the plan's real file, and reads the others'.  No
 * curses.
 *
 * One file per session, ".NAME.who.HOST.PID" (NAME: the plan's file name),
 * of "key value" lines:
 *
 *   plandash-presence 1
 *   user tanaka
 *   host web1
 *   pid 12345
 *   start 1714525200        (seconds since the epoch)
 *   beat 1714525230         (the last heartbeat)
 *   view items              (the screen: overview, items, sheet, meeting, ...)
 *   policy 4                (the policy selected, if any)
 *   item 4-3                (the item selected, if any)
 *   year 2013               (the year, if any)
 *
 * The session rewrites it at each heartbeat (PRESENCE_BEAT_S) and removes
 * it when it ends.  Readers ignore lines they do not know.
 *
 * Presence files are side files (fileio.h): created with the plan's mode
 * bits, owner and group where permitted; never opened through a symbolic
 * link, never waited for (FIFOs), refused when hard-linked or owned by
 * someone who may not write the plan.  A session whose own file cannot be
 * created (a read-only directory, a symbolic link planted where it goes)
 * is simply not announced; it still sees the others.
 *
 * A file is stale when its heartbeat is older than PRESENCE_STALE_S, or
 * when it names this host and a process that no longer exists.  Stale
 * files are ignored and removed, but only regular presence files that pass
 * the side-file checks above, and only the file that was checked (same
 * device and inode).  Heartbeats compare the clocks of the hosts that
 * share the directory: keep them in sync (NTP).
 */
#ifndef PLANDASH_PRESENCE_H
#define PLANDASH_PRESENCE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

#include "fileio.h"

#define PRESENCE_BEAT_S 5         /* heartbeat, and how often others are read */
#define PRESENCE_STALE_S 60       /* a heartbeat older than this is stale */
#define PRESENCE_MAX 64           /* other sessions listed at most */
#define PRESENCE_FILE_MAX 2048    /* a presence file's bytes at most */

/* Where a session is. */
struct presence_place {
	char view[24];            /* the screen's name ("" when unknown) */
	char policy[32];          /* the policy id selected, or "" */
	char item[64];            /* the item id selected, or "" */
	int year;                 /* 0: none */
};

/* One session, as its file says (text cut to fit, control characters
 * refused: a line holding one is ignored). */
struct presence_entry {
	char user[72];
	char host[72];
	long pid;
	long long start, beat;    /* seconds since the epoch */
	struct presence_place place;
};

/* Our own session. */
struct presence {
	int fd;                   /* our file, or -1: not announced */
	bool ready;               /* paths and the plan's stat are known */
	char dir[PATH_MAX];       /* the directory of the plan's real file */
	char prefix[NAME_MAX + 1];   /* ".NAME.who." */
	char name[NAME_MAX + 1];  /* our file's name */
	struct stat plan;         /* the plan's stat (mode, owner, group) */
	struct presence_entry me;
};

/* Set up p for the plan at path and announce the session (user, this
 * host, this process, start = now) with an empty place.  Returns 0, or an
 * errno with *fe when the session cannot be announced (p->fd is then -1;
 * p->ready tells whether the others can still be read). */
int presence_open(struct presence *p, const char *plan_path, const char *user, time_t now,
                  struct file_error *fe);

/* The heartbeat: rewrite our file with where (NULL: the place as it was)
 * and now.  A file someone removed is created again.  Returns 0 (also when
 * not announced) or an errno with *fe. */
int presence_beat(struct presence *p, const struct presence_place *where, time_t now,
                  struct file_error *fe);

/* End the session: remove our file (only the one we created). */
void presence_close(struct presence *p);

/* The other sessions (not ours), oldest first, at most max of them in
 * out[]; *n gets how many.  Stale files are removed as above; *cleaned
 * (may be NULL) gets how many.  Returns 0, or an errno when the directory
 * cannot be read. */
int presence_others(const struct presence *p, time_t now, struct presence_entry *out,
                    size_t max, size_t *n, size_t *cleaned);

/* Parse the text of a presence file.  Returns false when it is not one
 * (no first line, no user, no pid or no heartbeat). */
bool presence_parse(const char *text, size_t len, struct presence_entry *out);

/* This host's name as presence files write it: letters, digits, '.', '-'
 * and '_' (anything else becomes '_'), at most 63 bytes. */
const char *presence_host(void);

#endif
