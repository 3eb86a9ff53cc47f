/* fileio.h - whole-file reads of the plan, the files plandash keeps beside
 * it, and atomic durable writes.  No curses.
 *
 * Every function returns 0 on success or an errno value; those that take a
 * struct file_error say there what failed on which file (the words are
 * describe.h's).
 *
 * The plan is opened through symbolic links (a linked plan is saved to its
 * target) but never waited for: every open is O_NONBLOCK, then fstat, and
 * anything that is not a regular file is refused, as is a file larger than
 * the limit, from its size, before a byte is read.
 *
 * The files beside the plan's real file ("side files": FILE.history,
 * FILE.recover, FILE~, .FILE.lock, the temporary files) are never followed
 * when they are symbolic links (O_NOFOLLOW), never waited for, and must be
 * regular files with no other name (no hard links) that belong to someone
 * who may write the plan (the saver, the plan's owner, or - when the plan's
 * mode lets its group or everyone write it - that group or anyone).  A
 * side file plandash creates takes the plan's mode bits (rw only, never
 * wider; without the group bits when the plan's group cannot be given to
 * it) and, where permitted, its owner and group.
 */
#ifndef PLANDASH_FILEIO_H
#define PLANDASH_FILEIO_H

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* file_read_all and file_same return this (an errno value, so strerror
 * still says something) for a file that is not a regular file: a FIFO, a
 * socket or a device.  A directory gives EISDIR. */
#define FILE_ENOTREG ENOTSUP

/* What a file operation was doing when it failed. */
enum file_op {
	FILE_OP_NONE = 0,
	FILE_OP_LOCK,             /* taking the save lock (EWOULDBLOCK: held too long) */
	FILE_OP_CREATE_LOCK,      /* opening or creating the lock file */
	FILE_OP_READ,             /* reading a file */
	FILE_OP_OPEN_SIDE,        /* opening or creating a file beside the plan */
	FILE_OP_CREATE_TEMP,      /* creating the temporary file in a directory */
	FILE_OP_WRITE,            /* writing (the temporary file, the lock file) */
	FILE_OP_FLUSH,            /* fsync of the temporary file */
	FILE_OP_MODE,             /* giving the new file the old one's mode */
	FILE_OP_OWNER,            /* ... and owner and group */
	FILE_OP_XATTR,            /* ... and extended attributes (POSIX ACLs) */
	FILE_OP_BACKUP,           /* keeping the previous version as FILE~ */
	FILE_OP_RENAME,           /* replacing target */
	FILE_OP_FLUSH_DIR,        /* fsync of the directory after the rename */
	FILE_OP_APPEND,           /* appending to the history */
	FILE_OP_TRUNCATE,         /* cutting a partial or void end off the history */
	FILE_OP_REMOVE,           /* removing a file */
};

/* Why a file was refused before it was used. */
enum file_refusal {
	FILE_ACCEPTED = 0,
	FILE_IS_SYMLINK,          /* a side file is a symbolic link */
	FILE_NOT_REGULAR,         /* a FIFO, socket, device or directory */
	FILE_FOREIGN,             /* a side file belongs to `owner`, who cannot write the plan */
	FILE_HARD_LINKED,         /* a side file has other names (hard links): it may be
	                           * anyone's file under a name beside the plan */
	FILE_TOO_LARGE,           /* larger than the limit, known from its size */
};

/* A failed file operation: what (op), why (err, an errno value; for a
 * refusal the nearest one) and on which file (path, cut to fit). */
struct file_error {
	enum file_op op;
	int err;
	enum file_refusal refusal;
	unsigned long owner;      /* FILE_FOREIGN: the file's owner (uid) */
	char path[PATH_MAX];
};

/* Fill *fe (when not NULL; refusal FILE_ACCEPTED) and return e. */
int file_error_set(struct file_error *fe, enum file_op op, int e, const char *path);

/* ---- the plan ----------------------------------------------------------- */

/* Read a whole file into a malloc'd, NUL-terminated buffer.  Refuses a
 * directory (EISDIR), anything else that is not a regular file
 * (FILE_ENOTREG) and a file larger than max_bytes (EFBIG), before reading. */
int file_read_all(const char *path, size_t max_bytes, char **data, size_t *len);

/* 1 when the file holds exactly len bytes of data, 0 when it differs,
 * -errno when it cannot be read (or is refused as file_read_all would).
 * Reads in small pieces, so checking a large file costs no memory. */
int file_same(const char *path, const char *data, size_t len);

/* The file a path names, through any symlinks (malloc'd).  A save writes
 * there, so a symlinked plan stays a symlink. */
char *file_resolve(const char *path);

/* The name of a file kept beside a plan: the plan's real path (through
 * symlinks, so every link to a plan shares it) plus suffix.  Returns 0,
 * ENOMEM or ENAMETOOLONG. */
int file_sibling(const char *path, const char *suffix, char *out, size_t size);

/* stat of the plan's real file, refused (*fe) unless it is a regular file. */
int file_plan_stat(const char *target, struct stat *st, struct file_error *fe);

/* True when target can be replaced: the file and its directory are
 * writable by us. */
bool file_is_writable(const char *target);

/* ---- side files ---------------------------------------------------------- */

/* Open the side file path (flags: O_RDONLY, O_RDWR, O_WRONLY, with
 * O_APPEND if wanted), checked as above against the plan's stat.  With
 * create, a missing file is created (see above for its mode and owner); an
 * existing one we own that is wider than the plan's mode is narrowed.
 * Returns 0 and the descriptor (O_CLOEXEC) in *fd, ENOENT when it does not
 * exist and !create, or an errno with *fe. */
int file_side_open(const char *path, int flags, bool create, const struct stat *plan,
                   int *fd, struct file_error *fe);

/* Read a whole side file (at most max_bytes) as file_read_all does.
 * Returns 0, ENOENT when there is none, or an errno with *fe. */
int file_side_read(const char *path, size_t max_bytes, const struct stat *plan, char **data,
                   size_t *len, struct file_error *fe);

/* Remove a side file: only a regular file (a symbolic link itself, never
 * its target).  Returns 0 (also when there is none) or an errno with *fe. */
int file_side_remove(const char *path, struct file_error *fe);

/* Whether a side file at path may be used (refusal set in *fe when not):
 * for code that only needs the check (fd: an open descriptor of it). */
bool file_side_check(int fd, const char *path, const struct stat *plan, struct file_error *fe);

/* ---- atomic writes --------------------------------------------------------
 * A new version is written to a temporary file beside target, named
 * ".NAME.plandash-XXXXXX.tmp" (so it cannot be taken for anything else),
 * then renamed over target.  file_clean_temps removes only such files, of
 * this target's names, that are regular, ours, and older than any save
 * could take (FILE_TEMP_STALE_S). */
#define FILE_TEMP_STALE_S 3600

struct file_temp {
	char path[PATH_MAX];      /* the temporary file; "" when there is none */
	char target[PATH_MAX];
	unsigned long long dev, ino;   /* of the temporary file (it keeps them when renamed) */
};

/* Write data into a new temporary file beside target, with the owner,
 * group and mode of `like` (the group bits cleared where the group cannot
 * be kept) and, with xattrs, every extended attribute of the existing
 * target (POSIX ACLs are the xattr system.posix_acl_access); fsync it.
 * When target exists it must be a regular file (not a symlink) that we may
 * write.  On failure nothing is left behind. */
int file_temp_write(const char *target, const char *data, size_t len, const struct stat *like,
                    bool xattrs, struct file_temp *t, struct file_error *fe);

/* Rename the temporary file over its target and fsync the directory.  With
 * backup, the previous version is first kept as "target~" (a hard link, or
 * a copy where links are not possible; an existing FILE~ must be a regular
 * side file, see above).  When only the directory's fsync fails the file is
 * replaced: 0 is returned and *warning (when not NULL) says so (its op
 * stays FILE_OP_NONE otherwise).  On failure the temporary file is
 * removed and target is untouched. */
int file_temp_commit(struct file_temp *t, bool backup, const struct stat *plan,
                     struct file_error *fe, struct file_error *warning);

/* Remove the temporary file (when there is one). */
void file_temp_discard(struct file_temp *t);

/* file_temp_write then file_temp_commit (no backup, no xattrs): a side
 * file (FILE.recover) written whole, taking the plan's owner, group and
 * mode (plan). */
int file_write_atomic(const char *target, const char *data, size_t len,
                      const struct stat *plan, struct file_error *fe);

/* Remove stale temporary files of target (its own, and those of
 * target.recover and target~), see above. */
void file_clean_temps(const char *target);

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
