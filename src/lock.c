/* lock.c - see lock.h */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "lock.h"

#define LOCK_POLL_MS 20

static char identity[64];

void lock_set_user(const char *name)
{
	snprintf(identity, sizeof identity, "%s", name ? name : "");
}

const char *lock_user(void)
{
	static char name[64];
	if (identity[0])
		return identity;
	const struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(name, sizeof name, "%s", pw->pw_name);
	else
		snprintf(name, sizeof name, "uid %u", (unsigned)getuid());
	return name;
}

/* ".NAME.lock" beside target. */
static int lock_path(const char *target, char *out, size_t size)
{
	const char *slash = strrchr(target, '/');
	int n = slash ? snprintf(out, size, "%.*s/.%s.lock", (int)(slash - target), target, slash + 1)
	              : snprintf(out, size, ".%s.lock", target);
	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}

/* The holder and the record of a save in flight, from the lock file's
 * text (see lock.h); what does not parse is left unknown. */
static void parse(const char *text, struct lock_holder *h, struct lock_pending *p)
{
	memset(h, 0, sizeof *h);
	memset(p, 0, sizeof *p);
	if (sscanf(text, "%ld %63[^\n]", &h->pid, h->user) < 1 || h->pid <= 0)
		memset(h, 0, sizeof *h);
	const char *second = strchr(text, '\n');
	char name[NAME_MAX + 1];
	if (second && sscanf(second + 1, "pending %lld %llu %llu %llu %llu %255s", &p->offset,
	                     &p->hdev, &p->hino, &p->tdev, &p->tino, name) == 6 &&
	    p->offset >= 0 && !strchr(name, '/') && name[0] == '.') {
		snprintf(p->temp, sizeof p->temp, "%s", name);
		p->valid = true;
	}
}

static void read_content(int fd, struct lock_holder *h, struct lock_pending *p)
{
	char buf[1024];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	parse(buf, h, p);
	/* a holder that is gone is no holder (a crash leaves its line) */
	if (h->pid > 0 && kill((pid_t)h->pid, 0) < 0 && errno == ESRCH)
		memset(h, 0, sizeof *h);
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000L + (now.tv_nsec - since->tv_nsec) / 1000000L;
}

/* Wait for the flock on fd: 0, EWOULDBLOCK (time-out), ECANCELED (wait
 * gave up) or an errno.  *h is the last holder seen. */
static int wait_for(int fd, int timeout_ms, lock_wait_fn *wait, void *arg,
                    struct lock_holder *h)
{
	struct timespec start;
	struct lock_pending ignored;
	long next_call = 0;
	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(h, 0, sizeof *h);
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return errno;
		long waited = elapsed_ms(&start);
		read_content(fd, h, &ignored);
		if (wait && waited >= next_call) {
			if (!wait(h, waited, arg))
				return ECANCELED;
			next_call = waited + LOCK_WAIT_CALL_MS;
		}
		if (waited >= timeout_ms)
			return EWOULDBLOCK;
		nanosleep(&(struct timespec){ 0, LOCK_POLL_MS * 1000000L }, NULL);
	}
}

int lock_take(const char *target, const struct stat *plan, int timeout_ms, lock_wait_fn *wait,
              void *arg, struct plan_lock *lock, struct lock_holder *holder,
              struct file_error *fe)
{
	struct lock_holder h;
	int fd, e;
	memset(lock, 0, sizeof *lock);
	lock->fd = -1;
	if ((e = lock_path(target, lock->path, sizeof lock->path)))
		return file_error_set(fe, FILE_OP_CREATE_LOCK, e, target);
	if ((e = file_side_open(lock->path, O_RDWR, true, plan, &fd, fe))) {
		if (fe)
			fe->op = FILE_OP_CREATE_LOCK;
		return e;
	}
	e = wait_for(fd, timeout_ms, wait, arg, &h);
	if (holder)
		*holder = h;
	if (e) {
		close(fd);
		return file_error_set(fe, FILE_OP_LOCK, e, e == EWOULDBLOCK || e == ECANCELED ? target
		                      : lock->path);
	}
	read_content(fd, &h, &lock->pending);
	lock->fd = fd;
	/* keep what a dead saver left until it is settled */
	if ((e = lock_note(lock, lock->pending.valid ? &lock->pending : NULL, fe))) {
		lock_release(lock);
		return e;
	}
	return 0;
}

int lock_note(struct plan_lock *lock, const struct lock_pending *p, struct file_error *fe)
{
	char buf[640];
	int n = snprintf(buf, sizeof buf, "%ld %s\n", (long)getpid(), lock_user());
	if (p)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "pending %lld %llu %llu %llu %llu %s\n",
		              p->offset, p->hdev, p->hino, p->tdev, p->tino, p->temp);
	if (n >= (int)sizeof buf)
		return file_error_set(fe, FILE_OP_WRITE, ENAMETOOLONG, lock->path);
	ssize_t w = pwrite(lock->fd, buf, (size_t)n, 0);
	if (w != n || ftruncate(lock->fd, n) < 0)
		return file_error_set(fe, FILE_OP_WRITE, w >= 0 && w != n ? EIO : errno, lock->path);
	if (p && fdatasync(lock->fd) < 0)
		return file_error_set(fe, FILE_OP_FLUSH, errno, lock->path);
	lock->pending.valid = p != NULL;
	if (p && p != &lock->pending)
		lock->pending = *p;
	return 0;
}

void lock_release(struct plan_lock *lock)
{
	if (lock->fd < 0)
		return;
	/* nobody holds it now; a record of a save in flight stays for the
	 * next holder to settle */
	if (!lock->pending.valid)
		(void)!ftruncate(lock->fd, 0);
	close(lock->fd);   /* closing drops the flock */
	lock->fd = -1;
}

bool lock_read_pending(const char *target, const struct stat *plan, struct lock_pending *p)
{
	char path[PATH_MAX];
	struct lock_holder h;
	int fd;
	memset(p, 0, sizeof *p);
	if (lock_path(target, path, sizeof path) ||
	    file_side_open(path, O_RDONLY, false, plan, &fd, NULL))
		return false;
	read_content(fd, &h, p);
	close(fd);
	return p->valid;
}

enum pending_state lock_pending_state(const char *target, const struct lock_pending *p)
{
	struct stat st;
	char temp[PATH_MAX];
	const char *slash = strrchr(target, '/');
	if (stat(target, &st) == 0 && (unsigned long long)st.st_dev == p->tdev &&
	    (unsigned long long)st.st_ino == p->tino)
		return PENDING_LANDED;
	int n = slash ? snprintf(temp, sizeof temp, "%.*s/%s", (int)(slash - target), target, p->temp)
	              : snprintf(temp, sizeof temp, "%s", p->temp);
	if (n > 0 && (size_t)n < sizeof temp && lstat(temp, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_dev == p->tdev && (unsigned long long)st.st_ino == p->tino)
		return PENDING_NOT_LANDED;
	return PENDING_UNKNOWN;
}
