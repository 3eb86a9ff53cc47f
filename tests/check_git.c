/* check_git.c - the plan and git, through the core API: the history's
 * times as instants (read in Asia/Tokyo and UTC, written in another
 * zone, old lines without an offset); a save committed to a real git
 * repository alone, and skipped in the middle of a merge or rebase, on a
 * detached HEAD, outside a work tree and without git; the merge driver's
 * field-by-field merge, its conflict markers, and reading them back.
 * Every test works in a fresh directory under $TMPDIR. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "changelog.h"
#include "describe.h"
#include "edit.h"
#include "fileio.h"
#include "load.h"
#include "lock.h"
#include "markers.h"
#include "mergefile.h"
#include "plan.h"
#include "save.h"
#include "splice.h"
#include "vcs.h"

/* ---- helpers ---------------------------------------------------------- */

static char dir[PATH_MAX];
static char plan_path[PATH_MAX + 16];

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static char *read_bytes(const char *path, size_t *len)
{
	char *data;
	int e = file_read_all(path, (size_t)64 << 20, &data, len);
	ck_assert_msg(e == 0, "cannot read %s: %s", path, strerror(e));
	return data;
}

/* The output of a shell command run in dir (it must succeed). */
__attribute__((format(printf, 1, 2)))
static char *sh(const char *fmt, ...)
{
	char cmd[8192], *out = NULL;
	size_t len = 0;
	va_list ap;
	int n = snprintf(cmd, sizeof cmd, "cd '%s' && ", dir);
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof cmd - (size_t)n, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r"), *m = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(m);
	char buf[4096];
	size_t k;
	while ((k = fread(buf, 1, sizeof buf, p)) > 0)
		fwrite(buf, 1, k, m);
	int st = pclose(p);
	fclose(m);
	ck_assert_msg(st == 0, "%s: exit %d\n%s", cmd, st, out);
	return out;
}

/* sh() and free its output. */
#define SH(...) free(sh(__VA_ARGS__))

static struct plan *load(const char *path)
{
	struct load_error err;
	int io = 0;
	char why[256];
	struct plan *p = plan_load_file(path, &err, &io);
	ck_assert_msg(p != NULL, "%s: %lu:%lu: %s", path, err.line, err.col,
	              load_error_message(&err, why, sizeof why));
	return p;
}

/* A fresh directory with a copy of plan.yaml (the seed of every test). */
static void fresh_dir(void)
{
	const char *t = getenv("TMPDIR"), *top = getenv("top_srcdir");
	char src[PATH_MAX + 32], *data;
	size_t len;
	snprintf(dir, sizeof dir, "%s/plandash-git.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(plan_path, sizeof plan_path, "%s/plan.yaml", dir);
	/* git (ours, and plandash's) reads no configuration of the user's */
	setenv("HOME", dir, 1);
	snprintf(src, sizeof src, "%s/plan.yaml", top ? top : ".");
	data = read_bytes(src, &len);
	write_bytes(plan_path, data, len);
	free(data);
}

/* fresh_dir() as a git repository with plan.yaml and other.txt committed
 * on main. */
static void fresh_repo(void)
{
	fresh_dir();
	SH("printf 'one\\n' > other.txt && git init -q -b main && "
	   "git config user.name Tester && git config user.email tester@example.org && "
	   "git add plan.yaml other.txt && git commit -q -m init");
}

static void remove_dir(void)
{
	char cmd[PATH_MAX + 32];
	if (!dir[0])
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	dir[0] = '\0';
}

static void set_tz(const char *tz)
{
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
}

/* A change of one field (strings borrowed). */
static struct change chg(const char *id, int year, enum field f, const char *value)
{
	return (struct change){ .item_id = (char *)(uintptr_t)id, .year = year, .field = f,
	                        .value = (char *)(uintptr_t)value };
}

/* plan.yaml of dir with changes written in, as a new file name. */
static void write_version(const struct plan *base, const char *name, const struct change *c,
                          size_t n)
{
	char path[PATH_MAX + 32];
	struct splice_error err;
	size_t len;
	char *text = splice_changes(base, c, n, &len, &err);
	ck_assert_msg(text != NULL, "splice: %d", err.code);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	write_bytes(path, text, len);
	free(text);
}

static char *path_in(const char *name)
{
	static char paths[4][PATH_MAX + 32];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, sizeof paths[0], "%s/%s", dir, name);
	return p;
}

/* ---- times ------------------------------------------------------------ */

START_TEST(parse_times_as_instants)
{
	time_t t, want = 1364544300;   /* 2013-03-29T08:05:00Z */
	ck_assert(changelog_parse_time("2013-03-29T17:05:00+09:00", false, &t) && t == want);
	ck_assert(changelog_parse_time("2013-03-29T08:05:00Z", false, &t) && t == want);
	ck_assert(changelog_parse_time("2013-03-29T03:05:00-05:00", false, &t) && t == want);
	ck_assert(changelog_parse_time("2013-03-29T17:05:00+0900", false, &t) && t == want);
	ck_assert(changelog_parse_time("2013-03-29T17:05+09", false, &t) && t == want);
	ck_assert(changelog_parse_time("2013-03-29 17:05:00.250+09:00", false, &t) && t == want);
	ck_assert(!changelog_parse_time("2013-03-29", false, &t));
	ck_assert(!changelog_parse_time("2013-13-01", true, &t));
	ck_assert(!changelog_parse_time("2013-02-29", true, &t));
	ck_assert(changelog_parse_time("2012-02-29", true, &t));
	ck_assert(!changelog_parse_time("2013-04-31", true, &t));
	ck_assert(!changelog_parse_time("2013-03-29T25:00:00Z", false, &t));
	ck_assert(!changelog_parse_time("2013-03-29T17:05:00+9", false, &t));
	ck_assert(!changelog_parse_time("2013-03-29T17:05:00 JST", false, &t));
	ck_assert(!changelog_parse_time("yesterday", true, &t));
}
END_TEST

START_TEST(no_zone_is_local_where_read)
{
	time_t t;
	set_tz("Asia/Tokyo");
	ck_assert(changelog_parse_time("2013-03-29T17:05:00", false, &t));
	ck_assert_int_eq((long)t, 1364544300L);
	ck_assert(changelog_parse_time("2013-04-01", true, &t));   /* local midnight */
	ck_assert_int_eq((long)t, 1364742000L);                    /* 2013-03-31T15:00Z */
	set_tz("UTC");
	ck_assert(changelog_parse_time("2013-03-29T17:05:00", false, &t));
	ck_assert_int_eq((long)t, 1364576700L);
	ck_assert(changelog_parse_time("2013-04-01", true, &t));
	ck_assert_int_eq((long)t, 1364774400L);
	set_tz(NULL);
}
END_TEST

START_TEST(format_in_the_readers_zone)
{
	char buf[64];
	set_tz("Asia/Tokyo");
	changelog_format_time(1364544300, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "2013-03-29T17:05:00+09:00");
	changelog_format_time(1364544300, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "2013-03-29T08:05:00Z");
	changelog_format_short(1364544300, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "2013-03-29 17:05");
	set_tz("UTC");
	changelog_format_time(1364544300, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "2013-03-29T08:05:00+00:00");
	changelog_format_short(1364544300, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "2013-03-29 08:05");
	set_tz("America/St_Johns");   /* a half-hour offset */
	changelog_format_time(1364544300, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "2013-03-29T05:35:00-02:30");
	set_tz(NULL);
}
END_TEST

/* A history written in New York, read in Tokyo and in UTC: the same
 * instants, `since` compared as instants, an old line without an offset
 * read as local time and a line whose time cannot be read kept as written
 * (and never counted as after `since`). */
START_TEST(history_from_another_zone)
{
	struct log_line *l;
	size_t n;
	char hist[PATH_MAX + 32];
	fresh_dir();
	snprintf(hist, sizeof hist, "%s.history", plan_path);
	set_tz("America/New_York");
	struct plan *p = load(plan_path);
	struct editor ed;
	editor_init(&ed, p);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&ed, plan_path, NULL, &rep), SAVE_OK);
	save_report_free(&rep);
	editor_free(&ed);
	FILE *f = fopen(hist, "a");
	ck_assert_ptr_nonnull(f);
	fputs("2013-03-29T10:00:00\told\t1-2\t2013\tstatus\tplanned\tdone\n", f);
	fputs("March 29\tbad\t1-3\t2013\tstatus\tplanned\tdone\n", f);
	fclose(f);
	ck_assert_int_eq(changelog_read(plan_path, 0, &l, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_msg(strstr(l[0].stamp, "-04:00") || strstr(l[0].stamp, "-05:00"),
	              "written in New York: %s", l[0].stamp);
	time_t saved = l[0].when;
	ck_assert(l[0].timed && l[1].timed && !l[2].timed);
	changelog_free(l, n);

	set_tz("Asia/Tokyo");
	ck_assert_int_eq(changelog_read(plan_path, 0, &l, &n), 0);
	ck_assert_int_eq((long)l[0].when, (long)saved);
	ck_assert_int_eq((long)l[1].when, 1364518800L);   /* 10:00 in Tokyo */
	changelog_free(l, n);
	ck_assert_int_eq(changelog_read(plan_path, saved, &l, &n), 0);
	ck_assert_uint_eq(n, 1);
	changelog_free(l, n);
	ck_assert_int_eq(changelog_read(plan_path, saved + 1, &l, &n), 0);
	ck_assert_uint_eq(n, 0);
	changelog_free(l, n);

	set_tz("UTC");
	ck_assert_int_eq(changelog_read(plan_path, 0, &l, &n), 0);
	ck_assert_int_eq((long)l[0].when, (long)saved);
	ck_assert_int_eq((long)l[1].when, 1364551200L);   /* 10:00 in UTC */
	changelog_free(l, n);
	set_tz(NULL);
	remove_dir();
}
END_TEST

/* ---- the author ------------------------------------------------------- */

START_TEST(author_from_the_password_database)
{
	struct vcs_author a;
	char host[256] = "";
	vcs_author_of("no-such-user-for-plandash", &a);
	ck_assert_str_eq(a.name, "no-such-user-for-plandash");
	ck_assert(strncmp(a.email, "no-such-user-for-plandash@", 26) == 0);
	gethostname(host, sizeof host - 1);
	if (host[0] && !strpbrk(host, "<>"))
		ck_assert_str_eq(a.email + 26, host);
	vcs_author_of("uid 1001", &a);   /* lock_user() without a name */
	ck_assert_str_eq(a.name, "uid 1001");
	ck_assert(strncmp(a.email, "uid_1001@", 9) == 0);
	vcs_author_of("bad<name>\n", &a);
	ck_assert(!strpbrk(a.name, "<>\n") && !strpbrk(a.email, "<>\n"));
	vcs_author_of(lock_user(), &a);
	ck_assert(a.name[0] && strchr(a.email, '@'));
}
END_TEST

/* ---- commits ---------------------------------------------------------- */

/* Save one status change of 1-1 2013 with --commit's options. */
static enum save_status save_commit(struct save_report *rep, long timeout_ms)
{
	struct plan *p = load(plan_path);
	struct editor ed;
	struct save_options opt = { .commit = true, .message = describe_commit_message,
	                            .commit_timeout_ms = timeout_ms };
	editor_init(&ed, p);
	const struct entry *e = item_entry_for_year(plan_find_item(p, "1-1"), 2013);
	const char *to = strcmp(p->statuses[e->status].key, "done") ? "done" : "delayed";
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, to), EDIT_OK);
	enum save_status st = editor_save(&ed, plan_path, &opt, rep);
	editor_free(&ed);
	return st;
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
}

/* The plan alone goes in: another staged file stays staged and out of the
 * commit; the index follows the plan; the author is the identity; the
 * message has the summary and every change line. */
START_TEST(commit_the_plan_alone)
{
	struct save_report rep;
	struct vcs_author me;
	fresh_repo();
	SH("printf 'two\\n' >> other.txt && git add other.txt");
	ck_assert_int_eq(save_commit(&rep, 0), SAVE_OK);
	ck_assert_msg(rep.commit.status == VCS_COMMITTED, "status %d: %s %s", rep.commit.status,
	              rep.commit.command, rep.commit.message);
	char *head = sh("git rev-parse HEAD");
	trim(head);
	ck_assert_str_eq(head, rep.commit.commit);
	free(head);
	char *files = sh("git show --name-only --format= HEAD");
	ck_assert_str_eq(files, "plan.yaml\n");
	free(files);
	char *staged = sh("git diff --cached --name-only");
	ck_assert_str_eq(staged, "other.txt\n");
	free(staged);
	char *status = sh("git status --porcelain -- plan.yaml");
	ck_assert_str_eq(status, "");
	free(status);
	vcs_author_of(lock_user(), &me);
	char *who = sh("git log -1 --format='%%an <%%ae>|%%cn <%%ce>'");
	char want[1100];
	snprintf(want, sizeof want, "%s <%s>|%s <%s>\n", me.name, me.email, me.name, me.email);
	ck_assert_str_eq(who, want);
	free(who);
	char *msg = sh("git log -1 --format=%%B");
	ck_assert_msg(strncmp(msg, "1-1 FY2013: in_progress -> done\n\n1-1 FY2013: in_progress -> "
	                           "done\n", 60) == 0, "message:\n%s", msg);
	free(msg);
	save_report_free(&rep);
	remove_dir();
}
END_TEST

/* The first commit of a repository (an unborn branch). */
START_TEST(commit_on_an_unborn_branch)
{
	struct save_report rep;
	fresh_dir();
	SH("git init -q -b main");
	ck_assert_int_eq(save_commit(&rep, 0), SAVE_OK);
	ck_assert_int_eq(rep.commit.status, VCS_COMMITTED);
	char *files = sh("git show --name-only --format= HEAD");
	ck_assert_str_eq(files, "plan.yaml\n");
	free(files);
	char *status = sh("git status --porcelain -- plan.yaml");
	ck_assert_str_eq(status, "");
	free(status);
	save_report_free(&rep);
	remove_dir();
}
END_TEST

/* Mid-merge, mid-rebase, detached: the save happens, nothing is
 * committed, and the report says why. */
START_TEST(no_commit_mid_merge_rebase_or_detached)
{
	static const struct { const char *setup; enum vcs_status want; } cases[] = {
		{ "git rev-parse HEAD > .git/MERGE_HEAD", VCS_MERGING },
		{ "mkdir .git/rebase-merge", VCS_REBASING },
		{ "mkdir .git/rebase-apply", VCS_REBASING },
		{ "git rev-parse HEAD > .git/CHERRY_PICK_HEAD", VCS_PICKING },
		{ "git checkout -q --detach", VCS_DETACHED },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct save_report rep;
		size_t before_len, after_len;
		fresh_repo();
		SH("%s", cases[i].setup);
		char *head = sh("git rev-parse HEAD");
		char *before = read_bytes(plan_path, &before_len);
		ck_assert_int_eq(save_commit(&rep, 0), SAVE_OK);
		ck_assert_msg(rep.commit.status == cases[i].want, "%s: status %d", cases[i].setup,
		              rep.commit.status);
		ck_assert(vcs_warns(&rep.commit) && !vcs_committed(&rep.commit));
		char *after = read_bytes(plan_path, &after_len);
		ck_assert(before_len != after_len || memcmp(before, after, after_len) != 0);
		char *now = sh("git rev-parse HEAD");
		ck_assert_str_eq(now, head);
		char msg[512];
		describe_commit(&rep.commit, msg, sizeof msg);
		ck_assert(strncmp(msg, "not committed: ", 15) == 0);
		free(head);
		free(now);
		free(before);
		free(after);
		save_report_free(&rep);
		remove_dir();
	}
}
END_TEST

/* Outside a work tree, and without git at all: saved, not committed. */
START_TEST(no_commit_outside_a_repository_or_without_git)
{
	struct save_report rep;
	char *path = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	fresh_dir();
	if (system("cd \"$TMPDIR\" 2>/dev/null || cd /tmp; git rev-parse 2>/dev/null") != 0) {
		ck_assert_int_eq(save_commit(&rep, 0), SAVE_OK);
		ck_assert_int_eq(rep.commit.status, VCS_NOT_REPO);
		save_report_free(&rep);
	}
	SH("git init -q -b main");
	setenv("PATH", "/nonexistent-plandash", 1);
	enum save_status st = save_commit(&rep, 0);
	setenv("PATH", path, 1);
	ck_assert_int_eq(st, SAVE_OK);
	ck_assert_int_eq(rep.commit.status, VCS_NO_GIT);
	ck_assert_int_eq(rep.commit.err, ENOENT);
	save_report_free(&rep);
	free(path);
	remove_dir();
}
END_TEST

/* Hooks run (a post-commit hook can push), one that leaves a process
 * behind holding its output does not hold the save up, and one that
 * hangs is stopped by the time-out. */
START_TEST(hooks_run_and_hanging_ones_are_stopped)
{
	struct save_report rep;
	fresh_repo();
	SH("printf '#!/bin/sh\\necho pushed > hook-ran\\nsleep 8 &\\n' > .git/hooks/post-commit && "
	   "chmod +x .git/hooks/post-commit");
	ck_assert_int_eq(save_commit(&rep, 0), SAVE_OK);
	ck_assert_int_eq(rep.commit.status, VCS_COMMITTED);
	ck_assert_int_eq(access(path_in("hook-ran"), F_OK), 0);
	save_report_free(&rep);
	SH("printf '#!/bin/sh\\nsleep 60\\n' > .git/hooks/pre-commit && "
	   "chmod +x .git/hooks/pre-commit");
	ck_assert_int_eq(save_commit(&rep, 500), SAVE_OK);
	ck_assert_int_eq(rep.commit.status, VCS_TIMED_OUT);
	ck_assert_str_eq(rep.commit.command, "commit");
	save_report_free(&rep);
	remove_dir();
}
END_TEST

/* ---- the merge driver ------------------------------------------------- */

/* base.yaml, ours.yaml and theirs.yaml in dir: base is plan.yaml. */
static struct plan *three(const struct change *o, size_t no, const struct change *t, size_t nt)
{
	struct plan *base = load(plan_path);
	write_version(base, "base.yaml", NULL, 0);
	write_version(base, "ours.yaml", o, no);
	write_version(base, "theirs.yaml", t, nt);
	return base;
}

static enum mergefile_status merge3(struct mergefile_result *r)
{
	return mergefile_run(path_in("base.yaml"), path_in("ours.yaml"), path_in("theirs.yaml"), r);
}

/* The issue's case: a status on one side, the note of the same entry on
 * the other; git's line merge conflicts, the driver does not. */
START_TEST(status_and_note_merge_cleanly)
{
	struct mergefile_result r;
	struct change o = chg("1-1", 2012, FIELD_STATUS, "delayed");
	struct change t = chg("1-1", 2012, FIELD_NOTE, "新しい備考");
	fresh_dir();
	struct plan *base = three(&o, 1, &t, 1);
	size_t len;
	int conflicts;
	struct vcs_result git;
	char *lines = vcs_merge_lines(path_in("ours.yaml"), path_in("base.yaml"),
	                              path_in("theirs.yaml"), &len, &conflicts, &git);
	ck_assert_ptr_nonnull(lines);
	ck_assert_int_eq(conflicts, 1);   /* git alone: a conflict */
	free(lines);
	ck_assert_int_eq(merge3(&r), MERGEFILE_CLEAN);
	ck_assert_int_eq(r.way, MERGEFILE_INTO_OURS);
	ck_assert_uint_eq(r.taken, 1);
	ck_assert(r.loads);
	struct change both[2] = { o, t };
	struct splice_error err;
	char *want = splice_changes(base, both, 2, &len, &err);
	ck_assert(r.len == len && memcmp(r.text, want, len) == 0);
	free(want);
	mergefile_result_free(&r);
	plan_free(base);
	remove_dir();
}
END_TEST

/* The line (1-based) of text that starts at byte `at`. */
static unsigned line_of(const char *text, size_t at)
{
	unsigned n = 1;
	for (size_t i = 0; i < at; i++)
		n += text[i] == '\n';
	return n;
}

/* One field changed to two values: markers around its line only, the
 * rest merged; read back, the conflict is offered and settled. */
START_TEST(true_conflict_leaves_markers_around_its_line)
{
	struct mergefile_result r;
	struct change o[2] = { chg("1-2", 2013, FIELD_STATUS, "delayed"),
	                       chg("1-2", 2012, FIELD_NOTE, "ours note") };
	struct change t[2] = { chg("1-2", 2013, FIELD_STATUS, "dropped"),
	                       chg("1-1", 2012, FIELD_NOTE, "their note") };
	fresh_dir();
	struct plan *base = three(o, 2, t, 2);
	ck_assert_int_eq(merge3(&r), MERGEFILE_CONFLICTS);
	ck_assert_uint_eq(r.n_conflicts, 1);
	ck_assert_uint_eq(r.taken, 1);
	ck_assert_str_eq(r.conflicts[0].base, "done");
	ck_assert_str_eq(r.conflicts[0].ours, "delayed");
	ck_assert_str_eq(r.conflicts[0].theirs, "dropped");
	/* the clean merge with ours at the conflict; its status line, then
	 * the hunk in its place */
	struct change clean[3] = { o[0], o[1], t[1] };
	struct splice_error err;
	struct load_error lerr;
	size_t len;
	char *want = splice_changes(base, clean, 3, &len, &err);
	struct plan *wp = plan_load_buffer(want, len, &lerr);
	ck_assert_ptr_nonnull(wp);
	const struct entry *we = item_entry_for_year(plan_find_item(wp, "1-2"), 2013);
	const struct entry *be = item_entry_for_year(plan_find_item(base, "1-2"), 2013);
	size_t ls = we->status_span.start, le, bls = be->status_span.start;
	while (ls > 0 && want[ls - 1] != '\n')
		ls--;
	while (bls > 0 && base->text[bls - 1] != '\n')
		bls--;
	le = (size_t)(strchr(want + we->status_span.end, '\n') + 1 - want);
	int indent = (int)(we->status_span.start - ls) - 8;   /* "status: " */
	char *expect = NULL;
	ck_assert(asprintf(&expect, "%.*s<<<<<<< ours\n%.*s||||||| base\n%.*s=======\n"
	                   "%*sstatus: dropped\n>>>>>>> theirs\n%s", (int)ls, want,
	                   (int)(le - ls), want + ls,
	                   (int)(strchr(base->text + bls, '\n') + 1 - (base->text + bls)),
	                   base->text + bls, indent, "", want + le) > 0);
	ck_assert_msg(strncmp(want + ls + indent, "status: delayed\n", 16) == 0, "%.40s",
	              want + ls);
	ck_assert_uint_eq(r.len, strlen(expect));
	ck_assert_msg(memcmp(r.text, expect, r.len) == 0, "got:\n%.*s", (int)r.len, r.text);
	ck_assert_uint_eq(r.lines[0], line_of(want, ls));
	plan_free(wp);

	/* read back: one conflict at that line, settled as theirs */
	char *copy = malloc(r.len + 1);
	memcpy(copy, r.text, r.len + 1);
	struct markers_fix fix;
	ck_assert(markers_present(copy, r.len));
	ck_assert_int_eq(markers_fix_open(copy, r.len, &fix), MARKERS_OK);
	ck_assert_uint_eq(fix.n_hunks, 1);
	ck_assert_uint_eq(fix.n_conflicts, 1);
	ck_assert_uint_eq(fix.lines[0], r.lines[0]);
	ck_assert_str_eq(fix.conflicts[0].base, "done");
	ck_assert_str_eq(fix.conflicts[0].ours, "delayed");
	ck_assert_str_eq(fix.conflicts[0].theirs, "dropped");
	ck_assert_int_eq(fix.suggest[0], -1);
	bool keep[1] = { false };
	struct change *made;
	size_t n_made, out_len;
	char *out = markers_fix_apply(&fix, keep, &out_len, &made, &n_made, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(n_made, 1);
	clean[0] = t[0];
	char *settled = splice_changes(base, clean, 3, &len, &err);
	ck_assert(out_len == len && memcmp(out, settled, len) == 0);
	changes_free(made, n_made);
	free(settled);
	free(out);
	markers_fix_free(&fix);
	free(expect);
	free(want);
	mergefile_result_free(&r);
	plan_free(base);
	remove_dir();
}
END_TEST

/* Theirs changed more than values (a comment, by hand) and a note; ours a
 * status: our value goes into theirs. */
START_TEST(ours_into_theirs_when_theirs_changed_more)
{
	struct mergefile_result r;
	struct change o = chg("1-1", 2012, FIELD_STATUS, "delayed");
	struct change t = chg("1-1", 2014, FIELD_NOTE, "their note");
	fresh_dir();
	struct plan *base = three(&o, 1, &t, 1);
	SH("sed -i '1s/^/# a comment added by hand\\n/' theirs.yaml");
	ck_assert_int_eq(merge3(&r), MERGEFILE_CLEAN);
	ck_assert_int_eq(r.way, MERGEFILE_INTO_THEIRS);
	struct plan *theirs = load(path_in("theirs.yaml"));
	struct splice_error err;
	size_t len;
	char *want = splice_changes(theirs, &o, 1, &len, &err);
	ck_assert(r.len == len && memcmp(r.text, want, len) == 0);
	free(want);
	plan_free(theirs);
	mergefile_result_free(&r);
	plan_free(base);
	remove_dir();
}
END_TEST

/* Both changed more than values: git's line merge, which merges lines
 * far apart; a version that does not load goes the same way. */
START_TEST(both_changed_more_go_by_lines)
{
	struct mergefile_result r;
	struct change o = chg("1-1", 2012, FIELD_STATUS, "delayed");
	struct change t = chg("5-1", 2014, FIELD_NOTE, "their note");
	fresh_dir();
	struct plan *base = three(&o, 1, &t, 1);
	SH("sed -i '1s/^/# ours: a comment\\n/' ours.yaml && printf '# theirs\\n' >> theirs.yaml");
	ck_assert_int_eq(merge3(&r), MERGEFILE_CLEAN);
	ck_assert_int_eq(r.way, MERGEFILE_LINES);
	ck_assert_int_eq(r.why, MERGEFILE_WHY_SHAPES);
	ck_assert(r.loads);
	ck_assert(strncmp(r.text, "# ours: a comment\n", 18) == 0);
	ck_assert(strstr(r.text, "their note") && strstr(r.text, "# theirs\n"));
	mergefile_result_free(&r);
	SH("printf 'broken: [\\n' >> theirs.yaml");
	ck_assert_int_eq(merge3(&r), MERGEFILE_CLEAN);
	ck_assert_int_eq(r.way, MERGEFILE_LINES);
	ck_assert_int_eq(r.why, MERGEFILE_WHY_NO_LOAD);
	ck_assert_int_eq(r.side, 2);
	ck_assert(!r.loads);
	mergefile_result_free(&r);
	plan_free(base);
	remove_dir();
}
END_TEST

/* git's own markers (diff3) for a status and the note below it: two
 * fields, each proposed from the side that changed it; settled as
 * proposed, the file is the clean merge. */
START_TEST(git_markers_are_read_as_fields)
{
	struct change o = chg("1-1", 2012, FIELD_STATUS, "delayed");
	struct change t = chg("1-1", 2012, FIELD_NOTE, "新しい備考");
	struct vcs_result git;
	size_t len;
	int conflicts;
	fresh_dir();
	struct plan *base = three(&o, 1, &t, 1);
	char *text = vcs_merge_lines(path_in("ours.yaml"), path_in("base.yaml"),
	                             path_in("theirs.yaml"), &len, &conflicts, &git);
	ck_assert_int_eq(conflicts, 1);
	struct markers_fix fix;
	ck_assert_int_eq(markers_fix_open(text, len, &fix), MARKERS_OK);
	ck_assert_uint_eq(fix.n_conflicts, 2);
	ck_assert_int_eq(fix.conflicts[0].field, FIELD_STATUS);
	ck_assert_int_eq(fix.suggest[0], 1);   /* ours changed it */
	ck_assert_int_eq(fix.conflicts[1].field, FIELD_NOTE);
	ck_assert_int_eq(fix.suggest[1], 0);   /* theirs changed it */
	bool keep[2] = { true, false };
	struct splice_error err;
	size_t out_len, want_len;
	char *out = markers_fix_apply(&fix, keep, &out_len, NULL, NULL, &err);
	struct change both[2] = { o, t };
	char *want = splice_changes(base, both, 2, &want_len, &err);
	ck_assert(out_len == want_len && memcmp(out, want, want_len) == 0);
	free(out);
	free(want);
	markers_fix_free(&fix);
	plan_free(base);
	remove_dir();
}
END_TEST

/* Markers out of order, and conflicts in more than values. */
START_TEST(markers_that_cannot_be_chosen)
{
	struct markers_fix fix;
	static const char unfinished[] = "title: x\n<<<<<<< ours\na: 1\n>>>>>>> theirs\n";
	char *t = strdup(unfinished);
	ck_assert(markers_present(t, strlen(t)));
	ck_assert_int_eq(markers_fix_open(t, strlen(t), &fix), MARKERS_UNFINISHED);
	ck_assert_uint_eq(fix.line, 4);
	ck_assert_uint_eq(fix.n_hunks, 0);
	markers_fix_free(&fix);
	t = strdup("<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n<<<<<<< ours\nc\n");
	ck_assert_int_eq(markers_fix_open(t, strlen(t), &fix), MARKERS_UNFINISHED);
	ck_assert_uint_eq(fix.line, 6);
	ck_assert_uint_eq(fix.n_hunks, 1);
	ck_assert_uint_eq(fix.hunks[0].last_line, 5);
	markers_fix_free(&fix);
	ck_assert(!markers_present("a: <<<<<<< x\n", 13));
	ck_assert(!markers_present("<<<<<<<< eight\n", 15));
	ck_assert(markers_present("<<<<<<<\r\n", 9));

	fresh_dir();
	struct plan *base = load(plan_path);
	char *comment = NULL;
	size_t len;
	ck_assert(asprintf(&comment, "<<<<<<< ours\n# ours\n=======\n# theirs\n>>>>>>> theirs\n%s",
	                   base->text) > 0);
	len = strlen(comment);
	ck_assert_int_eq(markers_fix_open(comment, len, &fix), MARKERS_NOT_FIELDS);
	ck_assert_uint_eq(fix.n_hunks, 1);
	markers_fix_free(&fix);
	plan_free(base);
	remove_dir();
}
END_TEST

static Suite *git_suite(void)
{
	Suite *s = suite_create("git");
	TCase *tc = tcase_create("times");
	tcase_add_test(tc, parse_times_as_instants);
	tcase_add_test(tc, no_zone_is_local_where_read);
	tcase_add_test(tc, format_in_the_readers_zone);
	tcase_add_test(tc, history_from_another_zone);
	suite_add_tcase(s, tc);
	tc = tcase_create("commit");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, author_from_the_password_database);
	tcase_add_test(tc, commit_the_plan_alone);
	tcase_add_test(tc, commit_on_an_unborn_branch);
	tcase_add_test(tc, no_commit_mid_merge_rebase_or_detached);
	tcase_add_test(tc, no_commit_outside_a_repository_or_without_git);
	tcase_add_test(tc, hooks_run_and_hanging_ones_are_stopped);
	suite_add_tcase(s, tc);
	tc = tcase_create("merge");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, status_and_note_merge_cleanly);
	tcase_add_test(tc, true_conflict_leaves_markers_around_its_line);
	tcase_add_test(tc, ours_into_theirs_when_theirs_changed_more);
	tcase_add_test(tc, both_changed_more_go_by_lines);
	tcase_add_test(tc, git_markers_are_read_as_fields);
	tcase_add_test(tc, markers_that_cannot_be_chosen);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	/* git's own commits in the tests need no identity of the machine's */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	SRunner *sr = srunner_create(git_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
