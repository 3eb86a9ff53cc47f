/* fileio.c - see fileio.h */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"

int file_error_set(struct file_error *fe, enum file_op op, int e, const char *path)
{
	if (fe) {
		fe->op = op;
		fe->err = e;
		snprintf(fe->path, sizeof fe->path, "%s", path ? path : "");
	}
	return e;
}

int file_read_all(const char *path, size_t max_bytes, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return e;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return EISDIR;
	}
	size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 65536, n = 0;
	if (cap > max_bytes + 1)
		cap = max_bytes + 1;
	char *buf = malloc(cap + 1);
	if (!buf) {
		close(fd);
		return ENOMEM;
	}
	for (;;) {
		if (n == cap) {
			if (cap > max_bytes) {
				free(buf);
				close(fd);
				return EFBIG;
			}
			size_t c = cap * 2;
			char *b = realloc(buf, c + 1);
			if (!b) {
				free(buf);
				close(fd);
				return ENOMEM;
			}
			buf = b;
			cap = c;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			return e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > max_bytes) {
		free(buf);
		return EFBIG;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int file_same(const char *path, const char *data, size_t len)
{
	char buf[1 << 15];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t at = 0;
	int result = 1;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			result = -errno;
			break;
		}
		if (n == 0) {
			result = at == len;
			break;
		}
		if ((size_t)n > len - at || memcmp(buf, data + at, (size_t)n) != 0) {
			result = 0;
			break;
		}
		at += (size_t)n;
	}
	close(fd);
	return result;
}

int file_sibling(const char *path, const char *suffix, char *out, size_t size)
{
	char *target = file_resolve(path);
	if (!target)
		return ENOMEM;
	int n = snprintf(out, size, "%s%s", target, suffix);
	free(target);
	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}

char *file_resolve(const char *path)
{
	char *real = realpath(path, NULL);
	return real ? real : strdup(path);
}

/* dirname() and basename() may modify their argument: work on copies. */
static char *dir_of(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return NULL;
	char *d = strdup(dirname(copy));
	free(copy);
	return d;
}

static char *base_of(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return NULL;
	char *b = strdup(basename(copy));
	free(copy);
	return b;
}

/* Wait for an exclusive flock on fd for up to timeout_ms. */
static int flock_wait(int fd, int timeout_ms)
{
	for (int waited = 0;; waited += 20) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return errno;
		if (waited >= timeout_ms)
			return EWOULDBLOCK;
		nanosleep(&(struct timespec){ 0, 20 * 1000000L }, NULL);
	}
}

/* Remove ".NAME.XXXXXX" files that a saver killed between mkstemp() and
 * rename() left behind.  Only a lock holder creates them, so while we
 * hold the lock every one of them is stale. */
static void remove_stale_temps(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	size_t bl = strlen(base);
	const struct dirent *de;
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		if (n[0] != '.' || strncmp(n + 1, base, bl) != 0 || n[1 + bl] != '.' ||
		    strlen(n + 2 + bl) != 6)
			continue;
		char path[PATH_MAX];
		if (snprintf(path, sizeof path, "%s/%s", dir, n) < (int)sizeof path)
			unlink(path);
	}
	closedir(d);
}

int file_lock(const char *target, int timeout_ms, int *lock_fd, struct file_error *fe)
{
	char *dir = dir_of(target), *base = base_of(target);
	int e = 0, fd = -1;
	if (!dir || !base) {
		e = file_error_set(fe, FILE_OP_LOCK, ENOMEM, target);
		goto out;
	}
	/* Lock the directory itself, so no lock file is left beside the plan;
	 * where a file system cannot flock a directory, use ".NAME.lock". */
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	e = fd < 0 ? errno : flock_wait(fd, timeout_ms);
	if (e && e != EWOULDBLOCK) {
		char path[PATH_MAX];
		if (fd >= 0)
			close(fd);
		snprintf(path, sizeof path, "%s/.%s.lock", dir, base);
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
		if (fd < 0) {
			e = file_error_set(fe, FILE_OP_CREATE_LOCK, errno, path);
			goto out;
		}
		e = flock_wait(fd, timeout_ms);
	}
	if (e)
		file_error_set(fe, FILE_OP_LOCK, e, target);
	if (e) {
		close(fd);
		goto out;
	}
	remove_stale_temps(dir, base);
	*lock_fd = fd;
out:
	free(dir);
	free(base);
	return e;
}

void file_unlock(int lock_fd)
{
	if (lock_fd >= 0)
		close(lock_fd);   /* closing drops the flock */
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		if (w == 0)
			return EIO;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Keep the previous version as target~: a hard link to the old inode, or
 * a copy where links are not possible. */
static int make_backup(const char *target, struct file_error *fe)
{
	char backup[PATH_MAX];
	snprintf(backup, sizeof backup, "%s~", target);
	if (unlink(backup) < 0 && errno != ENOENT)
		return file_error_set(fe, FILE_OP_BACKUP, errno, backup);
	if (link(target, backup) == 0)
		return 0;
	char *data;
	size_t len;
	int e = file_read_all(target, (size_t)1 << 31, &data, &len);
	if (e)
		return file_error_set(fe, FILE_OP_BACKUP, e, target);
	e = file_write_atomic(backup, data, len, false, fe, NULL);
	free(data);
	return e;
}

int file_write_atomic(const char *target, const char *data, size_t len, bool backup,
                      struct file_error *fe, struct file_error *warning)
{
	char *dir = dir_of(target), *base = base_of(target);
	char tmp[PATH_MAX];
	int e = 0, fd = -1, dfd = -1;
	if (warning)
		warning->op = FILE_OP_NONE;
	if (!dir || !base) {
		e = file_error_set(fe, FILE_OP_WRITE, ENOMEM, target);
		goto out;
	}
	snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base);
	struct stat st;
	bool have_old = stat(target, &st) == 0;
	/* rename() would replace a read-only file too; respect its mode */
	if (have_old && access(target, W_OK) < 0) {
		e = file_error_set(fe, FILE_OP_WRITE, errno, target);
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = file_error_set(fe, FILE_OP_CREATE_TEMP, errno, dir);
		goto out;
	}
	if ((e = write_all(fd, data, len))) {
		file_error_set(fe, FILE_OP_WRITE, e, tmp);
		goto fail;
	}
	if (fsync(fd) < 0) {
		e = file_error_set(fe, FILE_OP_FLUSH, errno, tmp);
		goto fail;
	}
	if (have_old) {
		if (fchmod(fd, st.st_mode & 07777) < 0) {
			e = file_error_set(fe, FILE_OP_MODE, errno, tmp);
			goto fail;
		}
		if (fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM) {
			e = file_error_set(fe, FILE_OP_OWNER, errno, tmp);
			goto fail;
		}
	} else if (fchmod(fd, 0644) < 0) {
		e = file_error_set(fe, FILE_OP_MODE, errno, tmp);
		goto fail;
	}
	int c = close(fd);
	fd = -1;
	if (c < 0) {
		e = file_error_set(fe, FILE_OP_WRITE, errno, tmp);
		goto fail;
	}
	if (backup && have_old && (e = make_backup(target, fe)))
		goto fail;
	if (rename(tmp, target) < 0) {
		e = file_error_set(fe, FILE_OP_RENAME, errno, target);
		goto fail;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) < 0) {
		/* The new file is in place (success); only the durability of the
		 * rename is in doubt: say so, but do not report a failure. */
		file_error_set(warning, FILE_OP_FLUSH_DIR, errno, dir);
	}
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	if (dfd >= 0)
		close(dfd);
	free(dir);
	free(base);
	return e;
}

bool file_is_writable(const char *target)
{
	char *dir = dir_of(target);
	bool ok = dir && access(target, W_OK) == 0 && access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
}

/* ---- live refresh ------------------------------------------------------ */

int file_stamp_get(const char *path, struct file_stamp *stamp)
{
	struct stat st;
	memset(stamp, 0, sizeof *stamp);
	if (stat(path, &st) < 0) {
		stamp->error = errno;
		return stamp->error;
	}
	stamp->exists = true;
	stamp->dev = (unsigned long long)st.st_dev;
	stamp->ino = (unsigned long long)st.st_ino;
	stamp->size = (long long)st.st_size;
	stamp->mtime_sec = (long long)st.st_mtim.tv_sec;
	stamp->mtime_nsec = st.st_mtim.tv_nsec;
	stamp->ctime_sec = (long long)st.st_ctim.tv_sec;
	stamp->ctime_nsec = st.st_ctim.tv_nsec;
	return 0;
}

bool file_stamp_equal(const struct file_stamp *a, const struct file_stamp *b)
{
	if (a->exists != b->exists)
		return false;
	if (!a->exists)
		return true;
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec &&
	       a->ctime_sec == b->ctime_sec && a->ctime_nsec == b->ctime_nsec;
}

bool file_changed(const char *path, const struct file_stamp *old, struct file_stamp *now)
{
	file_stamp_get(path, now);
	return !file_stamp_equal(old, now);
}
