/* fileio.h - whole-file reads, the save lock, and atomic durable writes.
 * Every function returns 0 on success or an errno value, with a message
 * in err (when err is not NULL).  No curses. */
#ifndef PLANDASH_FILEIO_H
#define PLANDASH_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

/* Read a whole file into a malloc'd, NUL-terminated buffer.  Refuses
 * files larger than max_bytes with EFBIG. */
int file_read_all(const char *path, size_t max_bytes, char **data, size_t *len);

/* The file a path names, through any symlinks (malloc'd).  A save writes
 * there, so a symlinked plan stays a symlink. */
char *file_resolve(const char *path);

/* Take the advisory save lock of `target`: an flock on ".NAME.lock" beside
 * it, waiting up to timeout_ms.  Returns 0 and the lock's fd. */
int file_lock(const char *target, int timeout_ms, int *lock_fd, char *err, size_t errsize);
void file_unlock(int lock_fd);

/* Replace target with data atomically and durably: a temporary file in the
 * same directory (mkstemp), every write checked, fsync, the old mode and
 * (where permitted) owner, rename over target, fsync of the directory.
 * With backup, the previous version is kept as "target~".  On any failure
 * the temporary file is removed and target is untouched. */
int file_write_atomic(const char *target, const char *data, size_t len, bool backup,
                      char *err, size_t errsize);

/* True when target can be replaced: the file and its directory are
 * writable by us. */
bool file_is_writable(const char *target);

#endif
