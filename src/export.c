/* export.c - see export.h */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"

/* The parts of fileio.h's temporary names: ".NAME.plandash-XXXXXX.tmp". */
#define TEMP_MARK ".plandash-"
#define TEMP_SUFFIX ".tmp"

/* A path split into its resolved directory and its last name. */
struct split_path {
	char dir[PATH_MAX];
	char base[NAME_MAX + 1];
};

/* Resolve the directory of path (realpath); the last name is kept as it
 * is.  False when the name is empty or the directory cannot be resolved
 * (then dir is the directory as written). */
static bool split_resolved(const char *path, struct split_path *sp)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[PATH_MAX];

	if (!*base || strlen(base) > NAME_MAX)
		return false;
	snprintf(sp->base, sizeof sp->base, "%s", base);
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	if (!realpath(dir, sp->dir)) {
		snprintf(sp->dir, sizeof sp->dir, "%s", dir);
		return false;
	}
	return true;
}

static bool is_pid(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Is name (in the plan's directory) the plan's side file? */
static bool is_side_name(const char *name, const char *plan)
{
	size_t pl = strlen(plan), nl = strlen(name);

	if (strncmp(name, plan, pl) == 0) {
		const char *rest = name + pl;

		return strcmp(rest, ".history") == 0 || strcmp(rest, ".recover") == 0 ||
		       strcmp(rest, "~") == 0 ||
		       (strncmp(rest, ".recover.", 9) == 0 && is_pid(rest + 9));
	}
	if (name[0] != '.' || strncmp(name + 1, plan, pl) != 0)
		return false;
	if (strcmp(name + 1 + pl, ".lock") == 0)
		return true;
	/* a session's presence file (presence.h): .NAME.who.HOST.PID */
	if (strncmp(name + 1 + pl, ".who.", 5) == 0)
		return true;
	/* .NAME.plandash-XXXXXX.tmp, .NAME.recover.plandash-..., .NAME~.plandash-... */
	return nl > strlen(TEMP_SUFFIX) && strcmp(name + nl - strlen(TEMP_SUFFIX), TEMP_SUFFIX) == 0 &&
	       strstr(name + 1 + pl, TEMP_MARK) != NULL;
}

/* Is the existing file at out the same file as path? */
static bool same_file(const struct stat *out, const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && st.st_dev == out->st_dev && st.st_ino == out->st_ino;
}

/* An existing out compared by inode with the plan and its side files. */
static enum export_check check_inode(const char *real_plan, const char *out_path)
{
	static const char *const suffixes[] = { ".history", ".recover", "~" };
	struct stat out, plan;
	char side[PATH_MAX + 16];

	if (stat(out_path, &out) < 0)
		return EXPORT_OK;
	if (stat(real_plan, &plan) == 0 && plan.st_dev == out.st_dev && plan.st_ino == out.st_ino)
		return EXPORT_IS_PLAN;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(side, sizeof side, "%s%s", real_plan, suffixes[i]);
		if (same_file(&out, side))
			return EXPORT_IS_SIDE_FILE;
	}
	return EXPORT_OK;
}

enum export_check export_check(const char *plan_path, const char *out_path)
{
	struct split_path plan, out;
	char *real = realpath(plan_path, NULL);
	enum export_check c = EXPORT_OK;

	if (!out_path || !*out_path || out_path[strlen(out_path) - 1] == '/') {
		free(real);
		return EXPORT_NO_NAME;
	}
	split_resolved(real ? real : plan_path, &plan);
	split_resolved(out_path, &out);
	if (strcmp(plan.dir, out.dir) == 0) {
		if (strcmp(plan.base, out.base) == 0)
			c = EXPORT_IS_PLAN;
		else if (is_side_name(out.base, plan.base))
			c = EXPORT_IS_SIDE_FILE;
	}
	if (c == EXPORT_OK)
		c = check_inode(real ? real : plan_path, out_path);
	free(real);
	return c;
}

bool export_beside_plan(const char *plan_path, const char *out_path)
{
	struct split_path plan, out;

	return split_resolved(plan_path, &plan) && split_resolved(out_path, &out) &&
	       strcmp(plan.dir, out.dir) == 0;
}

bool export_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int export_write(const char *out_path, const char *data, size_t len, struct file_error *fe)
{
	struct stat like, st;
	struct file_temp t;
	mode_t mask = umask(0);
	int e;

	umask(mask);
	memset(&like, 0, sizeof like);
	like.st_uid = geteuid();
	like.st_gid = getegid();
	like.st_mode = S_IFREG | (0666 & ~mask);
	if (lstat(out_path, &st) == 0 && S_ISREG(st.st_mode)) {
		like.st_mode = S_IFREG | (st.st_mode & 0666);
		like.st_gid = st.st_gid;
	}
	if ((e = file_temp_write(out_path, data, len, &like, false, &t, fe)))
		return e;
	return file_temp_commit(&t, false, NULL, fe, NULL);
}

int export_propose_name(const char *plan_path, int ymd, enum report_format f, char *out,
                        size_t size)
{
	const char *slash = strrchr(plan_path, '/');
	const char *base = slash ? slash + 1 : plan_path;
	const char *dot = strrchr(base, '.');
	size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	char date[16] = "";
	int n;

	if (ymd > 0)
		snprintf(date, sizeof date, "-%08d", ymd);
	n = snprintf(out, size, "%.*s%.*s-report%s.%s", slash ? (int)(base - plan_path) : 0,
	             plan_path, (int)stem, base, date, report_format_ext(f));
	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}
