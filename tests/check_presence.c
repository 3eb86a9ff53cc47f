/* check_presence.c - who else has the plan open: a session's file beside
 * the plan (the plan's mode, rewritten by the heartbeat, removed at the
 * end), another session seen and then cleaned when its process dies, a
 * stale heartbeat, and the side-file rules: a symbolic link where our file
 * goes is refused, and links, hard links and unreadable files of others
 * are never followed nor removed.  Files live in a fresh directory under
 * $TMPDIR. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "presence.h"

static char dir[PATH_MAX], plan_path[PATH_MAX + 16];

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

static void setup(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/plandash-presence.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(plan_path, sizeof plan_path, "%s/plan.yaml", dir);
	write_text(plan_path, "title: x\n");
	ck_assert_int_eq(chmod(plan_path, 0640), 0);
}

static void teardown(void)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The path of a presence file of host and pid beside the plan. */
static void name_of(char *out, size_t size, const char *host, long pid)
{
	snprintf(out, size, "%s/.plan.yaml.who.%s.%ld", dir, host, pid);
}

static void plant(const char *host, long pid, const char *user, long long beat)
{
	char path[PATH_MAX + 64], text[512];

	name_of(path, sizeof path, host, pid);
	snprintf(text, sizeof text, "plandash-presence 1\nuser %s\nhost %s\npid %ld\nstart %lld\n"
	         "beat %lld\nview items\npolicy 4\n", user, host, pid, beat - 10, beat);
	write_text(path, text);
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

START_TEST(own_file_written_beaten_and_removed)
{
	struct presence p;
	struct presence_place here = { "sheet", "4", "4-3", 2013 };
	struct presence_entry e;
	char path[PATH_MAX + 64], *text;
	size_t len;
	struct stat st;
	time_t now = time(NULL);

	ck_assert_int_eq(presence_open(&p, plan_path, "tanaka", now, NULL), 0);
	ck_assert_int_ge(p.fd, 0);
	name_of(path, sizeof path, presence_host(), (long)getpid());
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);     /* the plan's mode bits */
	ck_assert_int_eq(presence_beat(&p, &here, now + 5, NULL), 0);
	ck_assert_int_eq(file_read_all(path, 4096, &text, &len), 0);
	ck_assert(presence_parse(text, len, &e));
	ck_assert_str_eq(e.user, "tanaka");
	ck_assert_int_eq(e.pid, (long)getpid());
	ck_assert_int_eq(e.start, (long long)now);
	ck_assert_int_eq(e.beat, (long long)now + 5);
	ck_assert_str_eq(e.place.view, "sheet");
	ck_assert_str_eq(e.place.item, "4-3");
	ck_assert_int_eq(e.place.year, 2013);
	free(text);
	/* removed under us: the next heartbeat announces again */
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(presence_beat(&p, NULL, now + 10, NULL), 0);
	ck_assert(exists(path));
	presence_close(&p);
	ck_assert(!exists(path));
}
END_TEST

START_TEST(another_session_seen_then_cleaned_when_it_dies)
{
	struct presence p;
	struct presence_entry others[PRESENCE_MAX];
	size_t n, cleaned;
	int ready[2];
	char c;
	pid_t child;
	int st;

	ck_assert_int_eq(pipe(ready), 0);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		struct presence q;

		close(ready[0]);
		if (presence_open(&q, plan_path, "suzuki", time(NULL), NULL) != 0)
			_exit(1);
		(void)!write(ready[1], "x", 1);
		pause();              /* killed: its file stays behind */
		_exit(0);
	}
	close(ready[1]);
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	close(ready[0]);
	ck_assert_int_eq(presence_open(&p, plan_path, "tanaka", time(NULL), NULL), 0);
	ck_assert_int_eq(presence_others(&p, time(NULL), others, PRESENCE_MAX, &n, &cleaned), 0);
	ck_assert_uint_eq(n, 1);                   /* not ourselves */
	ck_assert_str_eq(others[0].user, "suzuki");
	ck_assert_int_eq(others[0].pid, (long)child);
	ck_assert_uint_eq(cleaned, 0);
	kill(child, SIGKILL);
	ck_assert_int_eq(waitpid(child, &st, 0), child);
	/* a dead process on this host: ignored and cleaned */
	ck_assert_int_eq(presence_others(&p, time(NULL), others, PRESENCE_MAX, &n, &cleaned), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(cleaned, 1);
	presence_close(&p);
}
END_TEST

START_TEST(stale_heartbeat_ignored_and_removed)
{
	struct presence p;
	struct presence_entry others[PRESENCE_MAX];
	char fresh[PATH_MAX + 64], stale[PATH_MAX + 64];
	size_t n, cleaned;
	time_t now = time(NULL);

	/* live processes (ours and our parent), one on another host */
	plant("elsewhere", 4242, "sato", now - 10);
	plant(presence_host(), (long)getppid(), "kato", now - PRESENCE_STALE_S - 5);
	name_of(fresh, sizeof fresh, "elsewhere", 4242);
	name_of(stale, sizeof stale, presence_host(), (long)getppid());
	ck_assert_int_eq(presence_open(&p, plan_path, "tanaka", now, NULL), 0);
	ck_assert_int_eq(presence_others(&p, now, others, PRESENCE_MAX, &n, &cleaned), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(others[0].user, "sato");
	ck_assert_str_eq(others[0].place.policy, "4");
	ck_assert_uint_eq(cleaned, 1);
	ck_assert(exists(fresh));
	ck_assert(!exists(stale));
	/* a minute later sato's heartbeat is stale too */
	ck_assert_int_eq(presence_others(&p, now + PRESENCE_STALE_S + 1, others, PRESENCE_MAX, &n,
	                                 &cleaned), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert(!exists(fresh));
	presence_close(&p);
}
END_TEST

START_TEST(symlink_where_our_file_goes_is_refused)
{
	struct presence p;
	struct presence_entry others[PRESENCE_MAX];
	struct file_error fe;
	char path[PATH_MAX + 64], target[PATH_MAX + 32], *text;
	size_t len, n;

	snprintf(target, sizeof target, "%s/victim", dir);
	write_text(target, "keep me\n");
	name_of(path, sizeof path, presence_host(), (long)getpid());
	ck_assert_int_eq(symlink(target, path), 0);
	plant("elsewhere", 4242, "sato", time(NULL));
	ck_assert_int_ne(presence_open(&p, plan_path, "tanaka", time(NULL), &fe), 0);
	ck_assert_int_eq(fe.refusal, FILE_IS_SYMLINK);
	ck_assert_int_lt(p.fd, 0);
	ck_assert(p.ready);                         /* the others are still read */
	ck_assert_int_eq(presence_beat(&p, NULL, time(NULL), NULL) != 0, 1);
	ck_assert_int_eq(presence_others(&p, time(NULL), others, PRESENCE_MAX, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	presence_close(&p);
	ck_assert_int_eq(file_read_all(target, 4096, &text, &len), 0);
	ck_assert_str_eq(text, "keep me\n");        /* never written through */
	free(text);
	ck_assert(exists(path));                    /* nor removed */
}
END_TEST

START_TEST(others_links_and_junk_never_followed_nor_removed)
{
	struct presence p;
	struct presence_entry others[PRESENCE_MAX];
	char slink[PATH_MAX + 64], real[PATH_MAX + 64], hard[PATH_MAX + 64], junk[PATH_MAX + 64];
	char target[PATH_MAX + 32], text[256];
	struct timespec old[2];
	size_t n, cleaned;
	time_t now = time(NULL);

	/* a symbolic link to a stale presence text elsewhere */
	snprintf(target, sizeof target, "%s/elsewhere.txt", dir);
	snprintf(text, sizeof text, "plandash-presence 1\nuser x\nhost h\npid 99\nbeat 1\n");
	write_text(target, text);
	name_of(slink, sizeof slink, "h", 99);
	ck_assert_int_eq(symlink(target, slink), 0);
	/* a stale one with a second name */
	plant("h", 98, "y", now - 3600);
	name_of(real, sizeof real, "h", 98);
	name_of(hard, sizeof hard, "h", 97);
	ck_assert_int_eq(link(real, hard), 0);
	/* junk: recent is left for now, old goes */
	name_of(junk, sizeof junk, "h", 96);
	write_text(junk, "not a presence file\n");
	ck_assert_int_eq(presence_open(&p, plan_path, "tanaka", now, NULL), 0);
	ck_assert_int_eq(presence_others(&p, now, others, PRESENCE_MAX, &n, &cleaned), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(cleaned, 0);
	ck_assert(exists(slink) && exists(target) && exists(real) && exists(hard) && exists(junk));
	old[0].tv_sec = old[1].tv_sec = now - 3600;
	old[0].tv_nsec = old[1].tv_nsec = 0;
	ck_assert_int_eq(utimensat(AT_FDCWD, junk, old, 0), 0);
	ck_assert_int_eq(presence_others(&p, now, others, PRESENCE_MAX, &n, &cleaned), 0);
	ck_assert_uint_eq(cleaned, 1);
	ck_assert(!exists(junk));
	ck_assert(exists(slink) && exists(target) && exists(real) && exists(hard));
	presence_close(&p);
}
END_TEST

START_TEST(close_leaves_a_file_that_replaced_ours)
{
	struct presence p;
	char path[PATH_MAX + 64], other[PATH_MAX + 64];

	ck_assert_int_eq(presence_open(&p, plan_path, "tanaka", time(NULL), NULL), 0);
	name_of(path, sizeof path, presence_host(), (long)getpid());
	snprintf(other, sizeof other, "%s/replacement", dir);
	write_text(other, "someone else's\n");
	ck_assert_int_eq(rename(other, path), 0);
	presence_close(&p);
	ck_assert(exists(path));
}
END_TEST

START_TEST(parse_is_strict)
{
	struct presence_entry e;
	static const char good[] = "plandash-presence 1\nuser tanaka\nhost h\npid 7\nbeat 9\n"
	                           "item 4-\x1b[2J3\nview meeting\nfuture key\n";

	ck_assert(presence_parse(good, strlen(good), &e));
	ck_assert_str_eq(e.user, "tanaka");
	ck_assert_str_eq(e.place.item, "");        /* the line with ESC is ignored */
	ck_assert_str_eq(e.place.view, "meeting");
	ck_assert(!presence_parse("user a\npid 1\nbeat 1\n", 20, &e));   /* no first line */
	ck_assert(!presence_parse("plandash-presence 1\nuser a\nbeat 1\n", 33, &e));   /* no pid */
	ck_assert(!presence_parse("plandash-presence 1\npid 1\nbeat 1\n", 31, &e));    /* no user */
	ck_assert(!presence_parse("plandash-presence 1\nuser a\npid -1\nbeat 1\n", 40, &e));
	ck_assert(!presence_parse("", 0, &e));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("presence");
	TCase *tc = tcase_create("presence");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, own_file_written_beaten_and_removed);
	tcase_add_test(tc, another_session_seen_then_cleaned_when_it_dies);
	tcase_add_test(tc, stale_heartbeat_ignored_and_removed);
	tcase_add_test(tc, symlink_where_our_file_goes_is_refused);
	tcase_add_test(tc, others_links_and_junk_never_followed_nor_removed);
	tcase_add_test(tc, close_leaves_a_file_that_replaced_ours);
	tcase_add_test(tc, parse_is_strict);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
