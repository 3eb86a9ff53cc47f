/* changelog.c - see changelog.h */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changelog.h"
#include "fileio.h"
#include "tsv.h"

int changelog_path(const char *plan_path, char *out, size_t size)
{
	return file_sibling(plan_path, ".history", out, size);
}

const char *changelog_user(void)
{
	static char name[64];
	const struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(name, sizeof name, "%s", pw->pw_name);
	else
		snprintf(name, sizeof name, "uid %u", (unsigned)getuid());
	return name;
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

int changelog_append(const char *plan_path, const struct change *changes, size_t n,
                     time_t when, const char *user, struct file_error *fe)
{
	char path[4096], stamp[40];
	if (changelog_path(plan_path, path, sizeof path))
		return file_error_set(fe, FILE_OP_APPEND, ENAMETOOLONG, plan_path);
	format_time(when, stamp, sizeof stamp);
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return file_error_set(fe, FILE_OP_APPEND, ENOMEM, path);
	for (size_t i = 0; i < n; i++) {
		const struct change *c = &changes[i];
		fprintf(mem, "%s\t", stamp);
		tsv_put(mem, user);
		fputc('\t', mem);
		tsv_put_change(mem, c);
	}
	if (fclose(mem) != 0) {
		free(buf);
		return file_error_set(fe, FILE_OP_APPEND, ENOMEM, path);
	}
	int e = 0;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		e = errno;
	} else {
		/* one write() of whole lines: O_APPEND keeps it in one piece */
		size_t off = 0;
		while (off < len) {
			ssize_t w = write(fd, buf + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				e = w < 0 ? errno : EIO;
				break;
			}
			off += (size_t)w;
		}
		if (!e && fsync(fd) < 0)
			e = errno;
		if (close(fd) < 0 && !e)
			e = errno;
	}
	if (e)
		file_error_set(fe, FILE_OP_APPEND, e, path);
	free(buf);
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


int changelog_read(const char *plan_path, time_t since, struct log_line **out, size_t *n)
{
	char path[4096];
	*out = NULL;
	*n = 0;
	if (changelog_path(plan_path, path, sizeof path))
		return ENAMETOOLONG;
	char *data;
	size_t len;
	int e = file_read_all(path, (size_t)256 << 20, &data, &len);
	if (e == ENOENT)
		return 0;
	if (e)
		return e;
	struct log_line *lines = NULL;
	size_t count = 0, cap = 0;
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
		l->year = atoi(f[3]);
		l->field = (enum field)field;
		l->old_value = str_dup_nullable(tsv_unescape(f[5]));
		l->new_value = str_dup_nullable(tsv_unescape(f[6]));
	}
	free(data);
	if (e) {
		changelog_free(lines, count);
		return e;
	}
	*out = lines;
	*n = count;
	return 0;
}
