/* presence.c - see presence.h */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "presence.h"
#include "utf8.h"

#define MAGIC "plandash-presence"

const char *presence_host(void)
{
	static char host[64];
	char raw[256] = "";

	if (host[0])
		return host;
	if (gethostname(raw, sizeof raw - 1) != 0 || !raw[0])
		snprintf(raw, sizeof raw, "localhost");
	for (size_t i = 0; raw[i] && i < sizeof host - 1; i++) {
		char c = raw[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		          c == '.' || c == '-' || c == '_';

		host[i] = ok ? c : '_';
	}
	return host;
}

/* ---- the file's text */

static void put_line(char *buf, size_t size, size_t *used, const char *key, const char *value)
{
	int n;

	if (!value || !*value || *used >= size)
		return;
	n = snprintf(buf + *used, size - *used, "%s %s\n", key, value);
	if (n > 0)
		*used += (size_t)n < size - *used ? (size_t)n : size - *used - 1;
}

static size_t format(const struct presence_entry *e, char *buf, size_t size)
{
	char num[4][32];
	size_t used = 0;

	snprintf(num[0], sizeof num[0], "%ld", e->pid);
	snprintf(num[1], sizeof num[1], "%lld", e->start);
	snprintf(num[2], sizeof num[2], "%lld", e->beat);
	snprintf(num[3], sizeof num[3], "%d", e->place.year);
	put_line(buf, size, &used, MAGIC, "1");
	put_line(buf, size, &used, "user", e->user);
	put_line(buf, size, &used, "host", e->host);
	put_line(buf, size, &used, "pid", num[0]);
	put_line(buf, size, &used, "start", num[1]);
	put_line(buf, size, &used, "beat", num[2]);
	put_line(buf, size, &used, "view", e->place.view);
	put_line(buf, size, &used, "policy", e->place.policy);
	put_line(buf, size, &used, "item", e->place.item);
	put_line(buf, size, &used, "year", e->place.year ? num[3] : NULL);
	return used;
}

/* A value with a control character (C0, DEL, C1) is not taken. */
static bool printable(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7F ||
		    (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		     (unsigned char)s[i + 1] <= 0x9F))
			return false;
	}
	return true;
}

static void copy_value(char *out, size_t size, const char *v, size_t len)
{
	snprintf(out, size, "%.*s", (int)len, v);
	utf8_trim(out);
}

static long long number(const char *v, size_t len)
{
	char buf[32], *end;
	long long n;

	if (!len || len >= sizeof buf || v[0] < '0' || v[0] > '9')
		return -1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	errno = 0;
	n = strtoll(buf, &end, 10);
	return *end || errno ? -1 : n;
}

/* One "key value" line into e. */
static void parse_line(const char *key, size_t klen, const char *v, size_t vlen,
                       struct presence_entry *e)
{
#define IS(k) (klen == sizeof(k) - 1 && memcmp(key, k, klen) == 0)
	long long n = number(v, vlen);

	if (IS("user"))
		copy_value(e->user, sizeof e->user, v, vlen);
	else if (IS("host"))
		copy_value(e->host, sizeof e->host, v, vlen);
	else if (IS("view"))
		copy_value(e->place.view, sizeof e->place.view, v, vlen);
	else if (IS("policy"))
		copy_value(e->place.policy, sizeof e->place.policy, v, vlen);
	else if (IS("item"))
		copy_value(e->place.item, sizeof e->place.item, v, vlen);
	else if (IS("pid") && n > 0 && n <= 0x7fffffffLL)
		e->pid = (long)n;
	else if (IS("start") && n >= 0)
		e->start = n;
	else if (IS("beat") && n > 0)
		e->beat = n;
	else if (IS("year") && n > 0 && n < 10000)
		e->place.year = (int)n;
#undef IS
}

bool presence_parse(const char *text, size_t len, struct presence_entry *out)
{
	size_t i = 0;
	bool first = true;

	memset(out, 0, sizeof *out);
	while (i < len) {
		const char *line = text + i, *nl = memchr(line, '\n', len - i);
		size_t n = nl ? (size_t)(nl - line) : len - i;
		const char *sp = memchr(line, ' ', n);

		i += n + (nl != NULL);
		if (first && !(sp && (size_t)(sp - line) == strlen(MAGIC) &&
		               memcmp(line, MAGIC, strlen(MAGIC)) == 0))
			return false;
		first = false;
		if (sp && printable(line, n))
			parse_line(line, (size_t)(sp - line), sp + 1, n - (size_t)(sp - line) - 1, out);
	}
	return !first && out->user[0] && out->pid > 0 && out->beat > 0;
}

/* ---- our own file */

static int path_of(const struct presence *p, const char *name, char *out, size_t size)
{
	size_t d = strlen(p->dir), n = strlen(name);

	if (d + 1 + n >= size)
		return ENAMETOOLONG;
	memcpy(out, p->dir, d);
	out[d] = '/';
	memcpy(out + d + 1, name, n + 1);
	return 0;
}

static int write_ours(struct presence *p, struct file_error *fe)
{
	char text[PRESENCE_FILE_MAX], path[PATH_MAX];
	size_t len = format(&p->me, text, sizeof text);

	if (pwrite(p->fd, text, len, 0) != (ssize_t)len || ftruncate(p->fd, (off_t)len) != 0) {
		int e = errno ? errno : EIO;

		path_of(p, p->name, path, sizeof path);
		return file_error_set(fe, FILE_OP_WRITE, e, path);
	}
	return 0;
}

static bool remove_checked(const char *path, int fd);

/* Remove our file and forget it (the paths stay). */
static void drop_ours(struct presence *p)
{
	char path[PATH_MAX];

	if (p->fd < 0)
		return;
	if (path_of(p, p->name, path, sizeof path) == 0)
		remove_checked(path, p->fd);
	close(p->fd);
	p->fd = -1;
}

static int announce(struct presence *p, struct file_error *fe)
{
	char path[PATH_MAX];
	int e = path_of(p, p->name, path, sizeof path);

	if (e)
		return file_error_set(fe, FILE_OP_OPEN_SIDE, e, p->name);
	e = file_side_open(path, O_RDWR, true, &p->plan, &p->fd, fe);
	if (e) {
		p->fd = -1;
		return e;
	}
	e = write_ours(p, fe);
	if (e)
		drop_ours(p);
	return e;
}

/* The plan's directory, the names and the plan's stat. */
static int set_up(struct presence *p, const char *plan_path, struct file_error *fe)
{
	char *target = file_resolve(plan_path);
	const char *slash, *base;
	int e, n;

	if (!target)
		return file_error_set(fe, FILE_OP_OPEN_SIDE, ENOMEM, plan_path);
	e = file_plan_stat(target, &p->plan, fe);
	slash = strrchr(target, '/');
	base = slash ? slash + 1 : target;
	if (!e) {
		n = slash ? snprintf(p->dir, sizeof p->dir, "%.*s", (int)(slash - target), target)
		          : snprintf(p->dir, sizeof p->dir, ".");
		if (slash == target)
			snprintf(p->dir, sizeof p->dir, "/");
		if (n < 0 || (size_t)n >= sizeof p->dir ||
		    (size_t)snprintf(p->prefix, sizeof p->prefix, ".%s.who.", base) >= sizeof p->prefix ||
		    (size_t)snprintf(p->name, sizeof p->name, "%s%s.%ld", p->prefix, presence_host(),
		                     (long)getpid()) >= sizeof p->name)
			e = file_error_set(fe, FILE_OP_OPEN_SIDE, ENAMETOOLONG, target);
	}
	free(target);
	return e;
}

int presence_open(struct presence *p, const char *plan_path, const char *user, time_t now,
                  struct file_error *fe)
{
	int e;

	memset(p, 0, sizeof *p);
	p->fd = -1;
	e = set_up(p, plan_path, fe);
	if (e)
		return e;
	p->ready = true;
	snprintf(p->me.user, sizeof p->me.user, "%s", user);
	snprintf(p->me.host, sizeof p->me.host, "%s", presence_host());
	p->me.pid = (long)getpid();
	p->me.start = p->me.beat = (long long)now;
	return announce(p, fe);
}

int presence_beat(struct presence *p, const struct presence_place *where, time_t now,
                  struct file_error *fe)
{
	struct stat st;

	if (!p->ready)
		return 0;
	if (where)
		p->me.place = *where;
	p->me.beat = (long long)now;
	if (p->fd >= 0 && fstat(p->fd, &st) == 0 && st.st_nlink == 0) {
		close(p->fd);             /* removed under us: announce again */
		p->fd = -1;
	}
	return p->fd >= 0 ? write_ours(p, fe) : announce(p, fe);
}

/* Remove path when it is still the file open as fd (a name replaced in
 * between is left alone). */
static bool remove_checked(const char *path, int fd)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 && S_ISREG(b.st_mode) &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino && unlink(path) == 0;
}

void presence_close(struct presence *p)
{
	drop_ours(p);
	p->ready = false;
}

/* ---- the others */

static bool process_gone(long pid)
{
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Read one presence file (opened as a side file).  Returns 1 with *e for a
 * live session, 0 to ignore it, 2 when it was stale and removed. */
static int read_one(const struct presence *p, const char *path, time_t now,
                    struct presence_entry *e)
{
	char text[PRESENCE_FILE_MAX];
	struct stat st;
	ssize_t len;
	bool parsed, stale;
	int fd, r = 0;

	if (file_side_open(path, O_RDONLY, false, &p->plan, &fd, NULL) != 0)
		return 0;                 /* a link, a FIFO, someone else's: never touched */
	if (fstat(fd, &st) != 0 || st.st_size > PRESENCE_FILE_MAX) {
		close(fd);
		return 0;
	}
	len = pread(fd, text, sizeof text, 0);
	parsed = len > 0 && presence_parse(text, (size_t)len, e);
	if (parsed)
		stale = (long long)now - e->beat > PRESENCE_STALE_S ||
		        (strcmp(e->host, presence_host()) == 0 && process_gone(e->pid));
	else                          /* not (yet) readable: only an old one goes */
		stale = (long long)now - (long long)st.st_mtime > PRESENCE_STALE_S;
	if (stale)
		r = remove_checked(path, fd) ? 2 : 0;
	else
		r = parsed;
	close(fd);
	return r;
}

static int by_start(const void *a, const void *b)
{
	const struct presence_entry *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->user, y->user);
}

int presence_others(const struct presence *p, time_t now, struct presence_entry *out,
                    size_t max, size_t *n, size_t *cleaned)
{
	size_t plen = strlen(p->prefix), gone = 0;
	struct dirent *de;
	DIR *d;

	*n = 0;
	if (cleaned)
		*cleaned = 0;
	if (!p->ready)
		return 0;
	d = opendir(p->dir);
	if (!d)
		return errno;
	while ((de = readdir(d)) != NULL) {
		char path[PATH_MAX];
		struct presence_entry e;
		int r;

		if (strncmp(de->d_name, p->prefix, plen) != 0 || strcmp(de->d_name, p->name) == 0 ||
		    path_of(p, de->d_name, path, sizeof path) != 0)
			continue;
		r = read_one(p, path, now, &e);
		gone += r == 2;
		if (r == 1 && *n < max)
			out[(*n)++] = e;
	}
	closedir(d);
	qsort(out, *n, sizeof *out, by_start);
	if (cleaned)
		*cleaned = gone;
	return 0;
}
