/* fileio.h - whole-file reads, the save lock, and atomic durable writes.
 * Every function returns 0 on success or an errno value; those that take a
 * struct file_error say there what failed on which file (the words are
 * describe.h's).  No curses. */
#ifndef PLANDASH_FILEIO_H
#define PLANDASH_FILEIO_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* What a file operation was doing when it failed. */
enum file_op {
	FILE_OP_NONE = 0,
	FILE_OP_LOCK,             /* taking the save lock */
	FILE_OP_CREATE_LOCK,      /* creating the lock file */
	FILE_OP_READ,             /* reading a file */
	FILE_OP_CREATE_TEMP,      /* creating the temporary file in a directory */
	FILE_OP_WRITE,            /* writing (the temporary file, or target) */
	FILE_OP_FLUSH,            /* fsync of the temporary file */
	FILE_OP_MODE,             /* giving the new file the old one's mode */
	FILE_OP_OWNER,            /* ... and owner */
	FILE_OP_BACKUP,           /* keeping the previous version as FILE~ */
	FILE_OP_RENAME,           /* replacing target */
	FILE_OP_FLUSH_DIR,        /* fsync of the directory after the rename */
	FILE_OP_APPEND,           /* appending to the history */
};

/* A failed file operation: what (op), why (err, an errno value) and on
 * which file (path, cut to fit). */
struct file_error {
	enum file_op op;
	int err;
	char path[PATH_MAX];
};

/* Fill *fe (when not NULL) and return e. */
int file_error_set(struct file_error *fe, enum file_op op, int e, const char *path);

/* Read a whole file into a malloc'd, NUL-terminated buffer.  Refuses
 * files larger than max_bytes with EFBIG. */
int file_read_all(const char *path, size_t max_bytes, char **data, size_t *len);

/* 1 when the file holds exactly len bytes of data, 0 when it differs,
 * -errno when it cannot be read.  Reads in small pieces, so checking a
 * large file costs no memory. */
int file_same(const char *path, const char *data, size_t len);

/* The file a path names, through any symlinks (malloc'd).  A save writes
 * there, so a symlinked plan stays a symlink. */
char *file_resolve(const char *path);

/* The name of a file kept beside a plan: the plan's real path (through
 * symlinks, so every link to a plan shares it) plus suffix.  Returns 0,
 * ENOMEM or ENAMETOOLONG. */
int file_sibling(const char *path, const char *suffix, char *out, size_t size);

/* Take the advisory save lock of `target`: an flock on its directory (or
 * on ".NAME.lock" beside it where directories cannot be locked), waiting
 * up to timeout_ms.  While held, stale temporary files of killed savers
 * are removed.  Returns 0 and the lock's fd. */
int file_lock(const char *target, int timeout_ms, int *lock_fd, struct file_error *fe);
void file_unlock(int lock_fd);

/* Replace target with data atomically and durably: a temporary file in the
 * same directory (mkstemp), every write checked, fsync, the old mode and
 * (where permitted) owner, rename over target, fsync of the directory.
 * With backup, the previous version is kept as "target~".  On any failure
 * the temporary file is removed and target is untouched.  When only the
 * directory's fsync fails the file is replaced: 0 is returned and *warning
 * (when not NULL) says so (warning->op stays FILE_OP_NONE otherwise). */
int file_write_atomic(const char *target, const char *data, size_t len, bool backup,
                      struct file_error *fe, struct file_error *warning);

/* True when target can be replaced: the file and its directory are
 * writable by us. */
bool file_is_writable(const char *target);

/* ---- live refresh: a cheap fingerprint of the file on disk ----
 * Device, inode, size, mtime and ctime of what a path names (through
 * symlinks).  A save by rename gives a new inode; an edit in place changes
 * the size or the times.  Poll it every couple of seconds. */
struct file_stamp {
	bool exists;              /* false: stat failed (errno in error) */
	int error;
	unsigned long long dev, ino;
	long long size;
	long long mtime_sec, ctime_sec;
	long mtime_nsec, ctime_nsec;
};

/* Fill *stamp for path.  Returns 0, or the errno of stat (the stamp then
 * says !exists). */
int file_stamp_get(const char *path, struct file_stamp *stamp);
bool file_stamp_equal(const struct file_stamp *a, const struct file_stamp *b);

/* Take a new stamp into *now and tell whether it differs from *old
 * (appearing or disappearing counts as a change).  Take the stamp before
 * reading the file, and keep *now as the next *old even when the reload
 * fails, so one change is reported once. */
bool file_changed(const char *path, const struct file_stamp *old, struct file_stamp *now);

#endif
