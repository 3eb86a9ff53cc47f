/* changelog.c - see changelog.h */
#include "config.h"

#include <errno.h>
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

static void format_time(time_t when, char *buf, size_t size)
{
	struct tm tm;
	localtime_r(&when, &tm);
	char off[8];
	strftime(off, sizeof off, "%z", &tm);          /* +0900 */
	size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, size - n, "%.3s:%.2s", off, off + 3);
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
	format_time(when, stamp, sizeof stamp);
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

/* Parse "YYYY-MM-DDTHH:MM:SS+HH:MM" (the offset may be absent). */
static time_t parse_stamp(const char *s)
{
	struct tm tm = { 0 };
	const char *rest = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!rest)
		return 0;
	tm.tm_isdst = -1;
	time_t t = timegm(&tm);
	if ((rest[0] == '+' || rest[0] == '-') && strlen(rest) >= 6) {
		long off = ((rest[1] - '0') * 10 + (rest[2] - '0')) * 3600L +
		           ((rest[4] - '0') * 10 + (rest[5] - '0')) * 60L;
		t -= rest[0] == '+' ? off : -off;
	}
	return t;
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
		time_t when = parse_stamp(f[0]);
		if (field < 0 || (since && when < since))
			continue;
		/* a rating's or a review date's YEAR is its date: a line whose
		 * date does not read is no record */
		int year = field_is_dated((enum field)field) ? field_year_parse((enum field)field, f[3])
		                                              : atoi(f[3]);
		if (!year && field_is_dated((enum field)field))
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
		l->stamp = strdup(f[0]);
		l->user = str_dup_nullable(tsv_unescape(f[1]));
		l->item_id = str_dup_nullable(tsv_unescape(f[2]));
		l->year = year;
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
