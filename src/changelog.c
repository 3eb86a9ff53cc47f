/* changelog.c - see changelog.h */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changelog.h"
#include "fileio.h"
#include "lock.h"
#include "tsv.h"

int changelog_path(const char *plan_path, char *out, size_t size)
{
	return file_sibling(plan_path, ".history", out, size);
}

const char *changelog_user(void)
{
	return lock_user();
}

/* ---- times ------------------------------------------------------------ */

/* "+09:00" for an offset of gmtoff seconds east of UTC ("Z" with utc). */
static void put_offset(long gmtoff, bool utc, char *buf, size_t size)
{
	int m = (int)((gmtoff < 0 ? -gmtoff : gmtoff) / 60 % (24 * 60));
	if (utc)
		snprintf(buf, size, "Z");
	else
		snprintf(buf, size, "%c%02d:%02d", gmtoff < 0 ? '-' : '+', m / 60, m % 60);
}

void changelog_format_time(time_t when, bool utc, char *buf, size_t size)
{
	struct tm tm;
	char off[16];
	if (!(utc ? gmtime_r(&when, &tm) : localtime_r(&when, &tm))) {
		snprintf(buf, size, "?");
		return;
	}
	put_offset(tm.tm_gmtoff, utc, off, sizeof off);
	size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	if (n)
		snprintf(buf + n, size - n, "%s", off);
}

void changelog_format_short(time_t when, bool utc, char *buf, size_t size)
{
	struct tm tm;
	if (!(utc ? gmtime_r(&when, &tm) : localtime_r(&when, &tm)) ||
	    !strftime(buf, size, "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, size, "?");
}

/* n digits at *s as a number (advancing *s); -1 when they are not there. */
static int digits(const char **s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if ((*s)[i] < '0' || (*s)[i] > '9')
			return -1;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return v;
}

/* A zone designator: "Z", "+HH:MM", "+HHMM" or "+HH" (seconds east of
 * UTC in *off); false for anything else. */
static bool parse_zone(const char *s, long *off)
{
	if (strcmp(s, "Z") == 0 || strcmp(s, "z") == 0) {
		*off = 0;
		return true;
	}
	if (*s != '+' && *s != '-')
		return false;
	int sign = *s++ == '-' ? -1 : 1, h = digits(&s, 2), m = 0;
	if (h < 0 || h > 23)
		return false;
	if (*s == ':')
		s++;
	if (*s && ((m = digits(&s, 2)) < 0 || m > 59))
		return false;
	*off = sign * (h * 3600L + m * 60L);
	return *s == '\0';
}

bool changelog_parse_time(const char *s, bool date_ok, time_t *when)
{
	struct tm tm = { 0 };
	int y = digits(&s, 4), mo, d, h = 0, mi = 0, sec = 0;
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 0 || *s++ != '-' || (mo = digits(&s, 2)) < 1 || mo > 12 || *s++ != '-' ||
	    (d = digits(&s, 2)) < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
		return false;
	if (*s == '\0' && !date_ok)
		return false;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if ((h = digits(&s, 2)) < 0 || h > 23 || *s++ != ':' || (mi = digits(&s, 2)) < 0 ||
		    mi > 59)
			return false;
		if (*s == ':' && (s++, (sec = digits(&s, 2)) < 0 || sec > 60))
			return false;
		if (*s == '.' || *s == ',')   /* a fraction of a second */
			for (s++; *s >= '0' && *s <= '9'; s++)
				;
	} else if (*s) {
		return false;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	long off;
	if (*s == '\0') {
		/* no zone: local time where it is read (ISO 8601's rule) */
		tm.tm_isdst = -1;
		time_t t = mktime(&tm);
		if (t == (time_t)-1)
			return false;
		*when = t;
		return true;
	}
	if (!parse_zone(s, &off))
		return false;
	*when = timegm(&tm) - off;
	return true;
}

/* The offset just past the last line end before `end` (0: none). */
static int last_line_end(int fd, long long end, long long *at)
{
	char buf[4096];
	while (end > 0) {
		long long from = end > (long long)sizeof buf ? end - (long long)sizeof buf : 0;
		ssize_t n = pread(fd, buf, (size_t)(end - from), from);
		if (n < 0)
			return errno;
		if (n != end - from)
			return EIO;
		for (ssize_t i = n; i > 0; i--)
			if (buf[i - 1] == '\n') {
				*at = from + i;
				return 0;
			}
		end = from;
	}
	*at = 0;
	return 0;
}

int changelog_open(const char *target, const struct stat *plan, struct changelog *log,
                   struct file_error *fe)
{
	struct stat st;
	memset(log, 0, sizeof *log);
	log->fd = -1;
	if (snprintf(log->path, sizeof log->path, "%s.history", target) >= (int)sizeof log->path)
		return file_error_set(fe, FILE_OP_OPEN_SIDE, ENAMETOOLONG, target);
	int e = file_side_open(log->path, O_RDWR | O_APPEND, true, plan, &log->fd, fe);
	if (e)
		return e;
	if (fstat(log->fd, &st) < 0)
		return file_error_set(fe, FILE_OP_READ, errno, log->path);
	log->dev = (unsigned long long)st.st_dev;
	log->ino = (unsigned long long)st.st_ino;
	log->start = (long long)st.st_size;
	/* a partial last line (an append cut short) is no record: cut it off */
	long long keep;
	if ((e = last_line_end(log->fd, log->start, &keep)))
		return file_error_set(fe, FILE_OP_READ, e, log->path);
	if (keep != log->start && ftruncate(log->fd, (off_t)keep) < 0)
		return file_error_set(fe, FILE_OP_TRUNCATE, errno, log->path);
	log->start = keep;
	return 0;
}

int changelog_append(struct changelog *log, const struct change *changes, size_t n,
                     time_t when, const char *user, struct file_error *fe)
{
	char stamp[40];
	changelog_format_time(when, false, stamp, sizeof stamp);
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return file_error_set(fe, FILE_OP_APPEND, ENOMEM, log->path);
	for (size_t i = 0; i < n; i++) {
		fprintf(mem, "%s\t", stamp);
		tsv_put(mem, user);
		fputc('\t', mem);
		tsv_put_change(mem, &changes[i]);
	}
	if (fclose(mem) != 0) {
		free(buf);
		return file_error_set(fe, FILE_OP_APPEND, ENOMEM, log->path);
	}
	int e = 0;
	for (size_t off = 0; off < len && !e; ) {
		ssize_t w = write(log->fd, buf + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			e = w < 0 ? errno : EIO;
		else
			off += (size_t)w;
	}
	if (!e && fsync(log->fd) < 0)
		e = errno;
	free(buf);
	if (e) {
		file_error_set(fe, FILE_OP_APPEND, e, log->path);
		changelog_rollback(log, NULL);
	}
	return e;
}

int changelog_rollback(struct changelog *log, struct file_error *fe)
{
	if (log->fd >= 0 && ftruncate(log->fd, (off_t)log->start) < 0)
		return file_error_set(fe, FILE_OP_TRUNCATE, errno, log->path);
	return 0;
}

void changelog_close(struct changelog *log)
{
	if (log->fd >= 0)
		close(log->fd);
	log->fd = -1;
}

int changelog_settle(const char *target, const struct stat *plan, const struct lock_pending *p,
                     struct file_error *fe)
{
	if (!p->valid || lock_pending_state(target, p) != PENDING_NOT_LANDED)
		return 0;
	/* the save never renamed its file into place: its lines go, and so
	 * does its temporary file */
	char path[PATH_MAX];
	struct stat st;
	int fd, e;
	snprintf(path, sizeof path, "%s.history", target);
	e = file_side_open(path, O_RDWR, false, plan, &fd, fe);
	if (e == ENOENT)
		e = 0;
	else if (!e) {
		if (fstat(fd, &st) == 0 && (unsigned long long)st.st_dev == p->hdev &&
		    (unsigned long long)st.st_ino == p->hino && st.st_size >= p->offset &&
		    ftruncate(fd, (off_t)p->offset) < 0)
			e = file_error_set(fe, FILE_OP_TRUNCATE, errno, path);
		close(fd);
	}
	const char *slash = strrchr(target, '/');
	if (!e && slash && snprintf(path, sizeof path, "%.*s/%s", (int)(slash - target), target,
	                            p->temp) < (int)sizeof path)
		unlink(path);   /* lock_pending_state checked it is that file */
	return e;
}

void changelog_free(struct log_line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(lines[i].stamp);
		free(lines[i].user);
		free(lines[i].item_id);
		free(lines[i].old_value);
		free(lines[i].new_value);
	}
	free(lines);
}


/* Of the history text, the part readers may see: up to the last complete
 * line, and not the lines of a save that has not landed. */
static size_t visible_end(const char *target, const struct stat *plan, const char *path,
                          const char *data, size_t len)
{
	struct lock_pending p;
	struct stat st;
	if (lock_read_pending(target, plan, &p) && lstat(path, &st) == 0 &&
	    (unsigned long long)st.st_dev == p.hdev && (unsigned long long)st.st_ino == p.hino &&
	    (unsigned long long)p.offset < len &&
	    lock_pending_state(target, &p) == PENDING_NOT_LANDED)
		len = (size_t)p.offset;
	while (len > 0 && data[len - 1] != '\n')
		len--;   /* a partial last line */
	return len;
}

/* Parse the history's lines (data is modified). */
static int parse_lines(char *data, time_t since, struct log_line **out, size_t *n)
{
	struct log_line *lines = NULL;
	size_t count = 0, cap = 0;
	int e = 0;
	for (char *line = data, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *f[7];
		if (tsv_split(line, f, 7) != 7)
			continue;
		int field = field_parse(f[4]);
		time_t when = 0;
		bool timed = changelog_parse_time(f[0], false, &when);
		/* a time that cannot be read is shown as written, but never
		 * counts as after `since` */
		if (field < 0 || (since && (!timed || when < since)))
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			struct log_line *l = realloc(lines, cap * sizeof *l);
			if (!l) {
				e = ENOMEM;
				break;
			}
			lines = l;
		}
		struct log_line *l = &lines[count++];
		l->when = when;
		l->timed = timed;
		l->stamp = strdup(f[0]);
		l->user = str_dup_nullable(tsv_unescape(f[1]));
		l->item_id = str_dup_nullable(tsv_unescape(f[2]));
		l->year = atoi(f[3]);
		l->field = (enum field)field;
		l->old_value = str_dup_nullable(tsv_unescape(f[5]));
		l->new_value = str_dup_nullable(tsv_unescape(f[6]));
	}
	if (e) {
		changelog_free(lines, count);
		return e;
	}
	*out = lines;
	*n = count;
	return 0;
}

int changelog_load(const char *plan_path, time_t since, struct log_line **out, size_t *n,
                   struct file_error *fe)
{
	char path[PATH_MAX];
	struct stat plan;
	*out = NULL;
	*n = 0;
	char *target = file_resolve(plan_path);
	if (!target)
		return file_error_set(fe, FILE_OP_READ, ENOMEM, plan_path);
	bool have_plan = stat(target, &plan) == 0;
	char *data = NULL;
	size_t len = 0;
	int e = snprintf(path, sizeof path, "%s.history", target) < (int)sizeof path ? 0
	        : file_error_set(fe, FILE_OP_READ, ENAMETOOLONG, target);
	if (!e)
		e = file_side_read(path, (size_t)256 << 20, have_plan ? &plan : NULL, &data, &len, fe);
	if (!e) {
		data[visible_end(target, have_plan ? &plan : NULL, path, data, len)] = '\0';
		e = parse_lines(data, since, out, n);
	}
	free(data);
	free(target);
	return e == ENOENT ? 0 : e;
}

int changelog_read(const char *plan_path, time_t since, struct log_line **lines, size_t *n)
{
	return changelog_load(plan_path, since, lines, n, NULL);
}
