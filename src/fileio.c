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
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"

#define TEMP_MARK ".plandash-"
#define TEMP_SUFFIX ".tmp"

int file_error_set(struct file_error *fe, enum file_op op, int e, const char *path)
{
	if (fe) {
		memset(fe, 0, offsetof(struct file_error, path));
		fe->op = op;
		fe->err = e;
		snprintf(fe->path, sizeof fe->path, "%s", path ? path : "");
	}
	return e;
}

static int refuse(struct file_error *fe, enum file_op op, enum file_refusal why, int e,
                  const char *path, unsigned long owner)
{
	file_error_set(fe, op, e, path);
	if (fe) {
		fe->refusal = why;
		fe->owner = owner;
	}
	return e;
}

/* The errno that stands for a file of this type that is not regular. */
static int not_regular_errno(mode_t mode)
{
	return S_ISDIR(mode) ? EISDIR : FILE_ENOTREG;
}

/* Read from fd until the end, at most max bytes (EFBIG beyond). */
static int read_fd(int fd, size_t max, size_t hint, char **data, size_t *len)
{
	size_t cap = hint ? hint + 1 : 65536, n = 0;
	if (cap > max + 1)
		cap = max + 1;
	char *buf = malloc(cap + 1);
	if (!buf)
		return ENOMEM;
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(buf);
				return EFBIG;
			}
			size_t c = cap * 2 > max + 1 ? max + 1 : cap * 2;
			char *b = realloc(buf, c + 1);
			if (!b) {
				free(buf);
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
			return e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		free(buf);
		return EFBIG;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/* ---- the plan ------------------------------------------------------------ */

/* Open the plan (through symlinks) without waiting for a writer, and
 * refuse what is not a regular file of at most max bytes. */
static int open_plan(const char *path, size_t max, int *fd, struct stat *st)
{
	int f = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (f < 0)
		return errno;
	int e = fstat(f, st) < 0 ? errno : 0;
	if (!e && !S_ISREG(st->st_mode))
		e = not_regular_errno(st->st_mode);
	if (!e && (unsigned long long)st->st_size > max)
		e = EFBIG;
	if (e) {
		close(f);
		return e;
	}
	*fd = f;
	return 0;
}

int file_read_all(const char *path, size_t max_bytes, char **data, size_t *len)
{
	struct stat st;
	int fd;
	*data = NULL;
	*len = 0;
	int e = open_plan(path, max_bytes, &fd, &st);
	if (e)
		return e;
	e = read_fd(fd, max_bytes, (size_t)st.st_size, data, len);
	close(fd);
	return e;
}

int file_same(const char *path, const char *data, size_t len)
{
	char buf[1 << 15];
	struct stat st;
	int fd;
	int e = open_plan(path, (size_t)-1, &fd, &st);
	if (e)
		return -e;
	if ((unsigned long long)st.st_size != len) {
		close(fd);
		return 0;
	}
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

char *file_resolve(const char *path)
{
	char *real = realpath(path, NULL);
	return real ? real : strdup(path);
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

int file_plan_stat(const char *target, struct stat *st, struct file_error *fe)
{
	if (stat(target, st) < 0)
		return file_error_set(fe, FILE_OP_READ, errno, target);
	if (!S_ISREG(st->st_mode))
		return refuse(fe, FILE_OP_READ, FILE_NOT_REGULAR, not_regular_errno(st->st_mode),
		              target, 0);
	return 0;
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

bool file_is_writable(const char *target)
{
	char *dir = dir_of(target);
	bool ok = dir && faccessat(AT_FDCWD, target, W_OK, 0) == 0 &&
	          faccessat(AT_FDCWD, dir, W_OK | X_OK, 0) == 0;
	free(dir);
	return ok;
}

/* ---- side files ----------------------------------------------------------- */

/* Could the owner of a side file (side) write the plan itself? */
static bool owner_may_write(const struct stat *side, const struct stat *plan)
{
	if (side->st_uid == geteuid() || side->st_uid == plan->st_uid)
		return true;
	if (plan->st_mode & S_IWOTH)
		return true;
	return (plan->st_mode & S_IWGRP) && side->st_gid == plan->st_gid;
}

bool file_side_check(int fd, const char *path, const struct stat *plan, struct file_error *fe)
{
	struct stat st;
	if (fstat(fd, &st) < 0) {
		file_error_set(fe, FILE_OP_OPEN_SIDE, errno, path);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		refuse(fe, FILE_OP_OPEN_SIDE, FILE_NOT_REGULAR, not_regular_errno(st.st_mode), path, 0);
		return false;
	}
	if (st.st_nlink > 1) {
		refuse(fe, FILE_OP_OPEN_SIDE, FILE_HARD_LINKED, EMLINK, path, 0);
		return false;
	}
	if (plan && !owner_may_write(&st, plan)) {
		refuse(fe, FILE_OP_OPEN_SIDE, FILE_FOREIGN, EPERM, path, (unsigned long)st.st_uid);
		return false;
	}
	return true;
}

/* Give fd the owner and group of `like` where permitted.  When the group
 * cannot be kept, *mode loses its group bits, so that the file is never
 * open to a group the original was not. */
static int give_owner(int fd, const struct stat *like, mode_t *mode)
{
	if (fchown(fd, like->st_uid, like->st_gid) == 0)
		return 0;
	if (errno != EPERM)
		return errno;
	if (fchown(fd, (uid_t)-1, like->st_gid) == 0)
		return 0;
	if (errno != EPERM)
		return errno;
	*mode &= ~(mode_t)S_IRWXG;
	return 0;
}

/* A side file we just created: the plan's owner, group and rw mode bits. */
static int give_side_attrs(int fd, const char *path, const struct stat *plan,
                           struct file_error *fe)
{
	mode_t mode = plan->st_mode & 0666;
	int e = give_owner(fd, plan, &mode);
	if (e)
		return file_error_set(fe, FILE_OP_OWNER, e, path);
	if (fchmod(fd, mode) < 0)
		return file_error_set(fe, FILE_OP_MODE, errno, path);
	return 0;
}

/* An existing side file of ours wider than the plan is narrowed (an older
 * plandash created them with the umask's mode). */
static void narrow_side(int fd, const struct stat *plan)
{
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_uid == geteuid() &&
	    (st.st_mode & 0777 & ~(plan->st_mode & 0666)))
		(void)fchmod(fd, st.st_mode & 07777 & ~(0777 & ~(plan->st_mode & 0666)));
}

/* open(2) of a side file that failed: what it means. */
static int side_open_error(int e, const char *path, struct file_error *fe)
{
	if (e == ELOOP)
		return refuse(fe, FILE_OP_OPEN_SIDE, FILE_IS_SYMLINK, ELOOP, path, 0);
	if (e == ENXIO || e == EISDIR)   /* a FIFO without a reader, a socket; a directory */
		return refuse(fe, FILE_OP_OPEN_SIDE, FILE_NOT_REGULAR,
		              e == EISDIR ? EISDIR : FILE_ENOTREG, path, 0);
	return file_error_set(fe, FILE_OP_OPEN_SIDE, e, path);
}

int file_side_open(const char *path, int flags, bool create, const struct stat *plan,
                   int *fd, struct file_error *fe)
{
	int base = flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
	for (int tries = 0; tries < 3; tries++) {
		int f = -1;
		bool created = false;
		if (create) {
			f = open(path, base | O_CREAT | O_EXCL, plan ? plan->st_mode & 0666 : 0600);
			created = f >= 0;
			if (f < 0 && errno != EEXIST)
				return side_open_error(errno, path, fe);
		}
		if (f < 0)
			f = open(path, base);
		if (f < 0 && errno == ENOENT && create)
			continue;   /* removed in between: create it again */
		if (f < 0)
			return side_open_error(errno, path, fe);
		if (!file_side_check(f, path, plan, fe)) {
			close(f);
			return fe ? fe->err : EPERM;
		}
		int e = created && plan ? give_side_attrs(f, path, plan, fe) : 0;
		if (e) {
			close(f);
			unlink(path);
			return e;
		}
		if (!created && plan)
			narrow_side(f, plan);
		*fd = f;
		return 0;
	}
	return file_error_set(fe, FILE_OP_OPEN_SIDE, ENOENT, path);
}

int file_side_read(const char *path, size_t max_bytes, const struct stat *plan, char **data,
                   size_t *len, struct file_error *fe)
{
	int fd;
	*data = NULL;
	*len = 0;
	int e = file_side_open(path, O_RDONLY, false, plan, &fd, fe);
	if (e)
		return e;
	struct stat st;
	if (fstat(fd, &st) < 0)
		e = file_error_set(fe, FILE_OP_READ, errno, path);
	else if ((unsigned long long)st.st_size > max_bytes)
		e = refuse(fe, FILE_OP_READ, FILE_TOO_LARGE, EFBIG, path, 0);
	else if ((e = read_fd(fd, max_bytes, (size_t)st.st_size, data, len)))
		file_error_set(fe, FILE_OP_READ, e, path);
	close(fd);
	return e;
}

int file_side_remove(const char *path, struct file_error *fe)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : file_error_set(fe, FILE_OP_REMOVE, errno, path);
	if (S_ISLNK(st.st_mode))
		return refuse(fe, FILE_OP_REMOVE, FILE_IS_SYMLINK, ELOOP, path, 0);
	if (!S_ISREG(st.st_mode))
		return refuse(fe, FILE_OP_REMOVE, FILE_NOT_REGULAR, not_regular_errno(st.st_mode),
		              path, 0);
	if (unlink(path) < 0 && errno != ENOENT)
		return file_error_set(fe, FILE_OP_REMOVE, errno, path);
	return 0;
}

/* ---- atomic writes ----------------------------------------------------------- */

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

/* May this extended attribute be left behind when it cannot be set?  Only
 * those an ordinary user is not allowed to set. */
static bool xattr_optional(const char *name)
{
	return strncmp(name, "security.", 9) == 0 || strncmp(name, "trusted.", 8) == 0;
}

/* Copy one attribute of src to dst. */
static int copy_xattr(int src, int dst, const char *name)
{
	ssize_t vl = fgetxattr(src, name, NULL, 0);
	if (vl < 0)
		return errno;
	char *val = malloc(vl ? (size_t)vl : 1);
	if (!val)
		return ENOMEM;
	ssize_t got = fgetxattr(src, name, val, (size_t)vl);
	int e = got < 0 ? errno : fsetxattr(dst, name, val, (size_t)got, 0) < 0 ? errno : 0;
	free(val);
	return e && xattr_optional(name) ? 0 : e;
}

/* Every extended attribute of the file at path (POSIX ACLs among them) onto
 * fd.  A file system without them has nothing to copy. */
static int copy_xattrs(const char *path, int fd)
{
	int src = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (src < 0)
		return errno;
	int e = 0;
	char *names = NULL;
	ssize_t n = flistxattr(src, NULL, 0);
	if (n < 0) {
		e = errno == ENOTSUP ? 0 : errno;
	} else if (n > 0 && !(names = malloc((size_t)n))) {
		e = ENOMEM;
	} else if (n > 0 && (n = flistxattr(src, names, (size_t)n)) < 0) {
		e = errno;
	}
	for (ssize_t at = 0; !e && names && at < n; at += (ssize_t)strlen(names + at) + 1)
		e = copy_xattr(src, fd, names + at);
	free(names);
	close(src);
	return e;
}

/* The owner, group, extended attributes and mode target keeps. */
static int keep_attrs(int fd, const struct file_temp *t, const struct stat *like, bool xattrs,
                      bool have_old, struct file_error *fe)
{
	mode_t mode = like->st_mode & 07777;
	int e = give_owner(fd, like, &mode);
	if (e)
		return file_error_set(fe, FILE_OP_OWNER, e, t->path);
	if (xattrs && have_old && (e = copy_xattrs(t->target, fd)))
		return file_error_set(fe, FILE_OP_XATTR, e, t->target);
	if (fchmod(fd, mode) < 0)
		return file_error_set(fe, FILE_OP_MODE, errno, t->path);
	return 0;
}

/* Is target something we may replace? */
static int check_target(const char *target, bool *have_old, struct file_error *fe)
{
	struct stat st;
	*have_old = lstat(target, &st) == 0;
	if (!*have_old)
		return errno == ENOENT ? 0 : file_error_set(fe, FILE_OP_WRITE, errno, target);
	if (S_ISLNK(st.st_mode))
		return refuse(fe, FILE_OP_WRITE, FILE_IS_SYMLINK, ELOOP, target, 0);
	if (!S_ISREG(st.st_mode))
		return refuse(fe, FILE_OP_WRITE, FILE_NOT_REGULAR, not_regular_errno(st.st_mode),
		              target, 0);
	/* rename() would replace a read-only file too; respect its mode */
	if (faccessat(AT_FDCWD, target, W_OK, 0) < 0)
		return file_error_set(fe, FILE_OP_WRITE, errno, target);
	return 0;
}

int file_temp_write(const char *target, const char *data, size_t len, const struct stat *like,
                    bool xattrs, struct file_temp *t, struct file_error *fe)
{
	char *dir = dir_of(target), *base = base_of(target);
	bool have_old = false;
	int e = 0, fd = -1;
	memset(t, 0, sizeof *t);
	snprintf(t->target, sizeof t->target, "%s", target);
	if (!dir || !base) {
		e = file_error_set(fe, FILE_OP_WRITE, ENOMEM, target);
		goto out;
	}
	if ((e = check_target(target, &have_old, fe)))
		goto out;
	int n = snprintf(t->path, sizeof t->path, "%s/.%s" TEMP_MARK "XXXXXX" TEMP_SUFFIX, dir, base);
	fd = n > 0 && (size_t)n < sizeof t->path ? mkstemps(t->path, (int)strlen(TEMP_SUFFIX)) : -1;
	if (fd < 0) {
		e = file_error_set(fe, FILE_OP_CREATE_TEMP, n > 0 && (size_t)n < sizeof t->path ? errno
		                   : ENAMETOOLONG, dir);
		t->path[0] = '\0';
		goto out;
	}
	struct stat st;
	if (fstat(fd, &st) == 0) {
		t->dev = (unsigned long long)st.st_dev;
		t->ino = (unsigned long long)st.st_ino;
	}
	if ((e = write_all(fd, data, len)))
		file_error_set(fe, FILE_OP_WRITE, e, t->path);
	else if ((e = keep_attrs(fd, t, like, xattrs, have_old, fe)))
		;
	else if (fsync(fd) < 0)
		e = file_error_set(fe, FILE_OP_FLUSH, errno, t->path);
	int c = close(fd);
	if (!e && c < 0)
		e = file_error_set(fe, FILE_OP_WRITE, errno, t->path);
	if (e)
		file_temp_discard(t);
out:
	free(dir);
	free(base);
	return e;
}

void file_temp_discard(struct file_temp *t)
{
	if (t->path[0])
		unlink(t->path);
	t->path[0] = '\0';
}

/* Keep the previous version as target~: a hard link to the old inode, or a
 * copy where links are not possible.  An existing backup must be a side
 * file we may replace. */
static int make_backup(const char *target, const struct stat *plan, struct file_error *fe)
{
	char backup[PATH_MAX];
	struct stat st;
	if (snprintf(backup, sizeof backup, "%s~", target) >= (int)sizeof backup)
		return file_error_set(fe, FILE_OP_BACKUP, ENAMETOOLONG, target);
	if (lstat(backup, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return refuse(fe, FILE_OP_BACKUP, FILE_IS_SYMLINK, ELOOP, backup, 0);
		if (!S_ISREG(st.st_mode))
			return refuse(fe, FILE_OP_BACKUP, FILE_NOT_REGULAR, not_regular_errno(st.st_mode),
			              backup, 0);
		if (!owner_may_write(&st, plan))
			return refuse(fe, FILE_OP_BACKUP, FILE_FOREIGN, EPERM, backup,
			              (unsigned long)st.st_uid);
		if (unlink(backup) < 0 && errno != ENOENT)
			return file_error_set(fe, FILE_OP_BACKUP, errno, backup);
	} else if (errno != ENOENT) {
		return file_error_set(fe, FILE_OP_BACKUP, errno, backup);
	}
	if (link(target, backup) == 0)
		return 0;
	char *data;
	size_t len;
	int e = file_read_all(target, (size_t)1 << 31, &data, &len);
	if (e)
		return file_error_set(fe, FILE_OP_BACKUP, e, target);
	e = file_write_atomic(backup, data, len, plan, fe);
	free(data);
	return e;
}

int file_temp_commit(struct file_temp *t, bool backup, const struct stat *plan,
                     struct file_error *fe, struct file_error *warning)
{
	int e = 0;
	if (warning)
		warning->op = FILE_OP_NONE;
	if (backup && faccessat(AT_FDCWD, t->target, F_OK, 0) == 0 &&
	    (e = make_backup(t->target, plan, fe))) {
		file_temp_discard(t);
		return e;
	}
	if (rename(t->path, t->target) < 0) {
		e = file_error_set(fe, FILE_OP_RENAME, errno, t->target);
		file_temp_discard(t);
		return e;
	}
	t->path[0] = '\0';   /* it is the target now */
	char *dir = dir_of(t->target);
	int dfd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	/* The new file is in place (success); only the durability of the
	 * rename is in doubt: say so, but do not report a failure. */
	if (dfd < 0 || fsync(dfd) < 0)
		file_error_set(warning, FILE_OP_FLUSH_DIR, dir ? errno : ENOMEM, dir ? dir : t->target);
	if (dfd >= 0)
		close(dfd);
	free(dir);
	return 0;
}

int file_write_atomic(const char *target, const char *data, size_t len,
                      const struct stat *plan, struct file_error *fe)
{
	/* an existing one must be a side file we may use */
	int fd, e = file_side_open(target, O_RDONLY, false, plan, &fd, fe);
	if (e == 0)
		close(fd);
	else if (e != ENOENT)
		return e;
	struct stat like = *plan;
	like.st_mode = plan->st_mode & 0666;
	struct file_temp t;
	if ((e = file_temp_write(target, data, len, &like, false, &t, fe)))
		return e;
	return file_temp_commit(&t, false, plan, fe, NULL);
}

/* Is name ".BASE" SUFFIX ".plandash-XXXXXX.tmp"? */
static bool is_temp_of(const char *name, const char *base, const char *suffix)
{
	size_t bl = strlen(base), sl = strlen(suffix), ml = strlen(TEMP_MARK);
	size_t want = 1 + bl + sl + ml + 6 + strlen(TEMP_SUFFIX);
	if (strlen(name) != want || name[0] != '.' || strncmp(name + 1, base, bl) != 0 ||
	    strncmp(name + 1 + bl, suffix, sl) != 0 || strncmp(name + 1 + bl + sl, TEMP_MARK, ml) != 0 ||
	    strcmp(name + want - strlen(TEMP_SUFFIX), TEMP_SUFFIX) != 0)
		return false;
	for (const char *x = name + 1 + bl + sl + ml; x < name + 1 + bl + sl + ml + 6; x++)
		if (!((*x >= '0' && *x <= '9') || (*x >= 'a' && *x <= 'z') || (*x >= 'A' && *x <= 'Z')))
			return false;
	return true;
}

void file_clean_temps(const char *target)
{
	static const char *const suffixes[] = { "", ".recover", "~" };
	char *dir = dir_of(target), *base = base_of(target);
	DIR *d = dir && base ? opendir(dir) : NULL;
	const struct dirent *de;
	time_t now = time(NULL);
	while (d && (de = readdir(d))) {
		bool ours = false;
		for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes && !ours; i++)
			ours = is_temp_of(de->d_name, base, suffixes[i]);
		struct stat st;
		if (ours && fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    now - st.st_mtime > FILE_TEMP_STALE_S)
			unlinkat(dirfd(d), de->d_name, 0);
	}
	if (d)
		closedir(d);
	free(dir);
	free(base);
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
