/* check_e2e_ssh_access.c - forced commands through a real sshd: the test
 * starts its own loopback sshd (tests/sshd.sh, throw-away keys and
 * configuration in $TMPDIR, stopped by its pid) whose authorized_keys line
 * is
 *
 *   command="env PLANDASH_LOCALEDIR=... plandash --access A --as tanaka FILE",
 *   restrict,pty KEY
 *
 * Then, as a city hall would use it:
 *  - `ssh -tt` (no command) opens the dashboard as tanaka, in Japanese
 *    from the access file's lang: (no LANG is sent): the plan shows, the
 *    header says "tanaka: 財政課", a status key on a 財政課 item and w save
 *    it, and the history names tanaka;
 *  - `ssh HOST set <another department's item> ...` is refused with exit 1
 *    and the file is byte-identical;
 *  - `ssh HOST get ...` prints the entry;
 *  - `ssh HOST rate ...` (not in this version) and shell syntax are
 *    refused with exit 2, the file untouched.
 *
 * Where sshd cannot run (not installed, or a user it cannot give a
 * terminal, as under `make distcheck`), the program is a TAP skip with the
 * reason.
 */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e_session.h"
#include "vt.h"

static char sshd_dir[PATH_MAX];
static char ssh_config[PATH_MAX + 32];
static char plan_dir[PATH_MAX + 16], plan_copy[PATH_MAX + 32], access_file[PATH_MAX + 32];
static pid_t main_pid;

static int sshd_script(const char *verb)
{
	char cmd[3 * PATH_MAX];
	int st;

	snprintf(cmd, sizeof cmd, "bash '%s/tests/sshd.sh' %s '%s' >/dev/null", srcdir, verb,
	         sshd_dir);
	st = system(cmd);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void remove_sshd_dir(void)
{
	char cmd[PATH_MAX + 32];

	if (!sshd_dir[0] || getpid() != main_pid)   /* a forked test's exit */
		return;
	sshd_script("stop");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", sshd_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# cannot remove %s\n", sshd_dir);
	sshd_dir[0] = '\0';
}

static void skip_reason(char *buf, size_t size)
{
	char path[PATH_MAX + 32];
	FILE *f;

	snprintf(path, sizeof path, "%s/skip", sshd_dir);
	snprintf(buf, size, "sshd cannot run here");
	f = fopen(path, "r");
	if (f) {
		if (fgets(buf, (int)size, f))
			buf[strcspn(buf, "\n")] = '\0';
		fclose(f);
	}
}

static bool write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(data, 1, len, f) == len;

	return f ? fclose(f) == 0 && ok : false;
}

/* `ssh -T plandash-test WORDS`: the exit status, and what it printed
 * (stdout and stderr) in out. */
static int ssh_run(const char *words, char *out, size_t size)
{
	char cmd[2 * PATH_MAX];
	size_t n = 0;
	FILE *p;
	int st;

	snprintf(cmd, sizeof cmd, "ssh -F '%s' -T plandash-test %s </dev/null 2>&1", ssh_config,
	         words);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (n + 1 < size && fgets(out + n, (int)(size - n), p))
		n += strlen(out + n);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *read_plan(size_t *len)
{
	char *now = read_all(plan_copy, len);

	ck_assert_ptr_nonnull(now);
	return now;
}

/* The dashboard through ssh -tt: a status key on 4-1 (財政課's) and w. */
static void dashboard_saves_4_1(const struct entry *e)
{
	const char *env[] = { "TERM=xterm", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES",
	                      "PLANDASH_LANG", NULL };
	const char *argv[] = { "ssh", "-F", ssh_config, "-tt", "plandash-test", NULL };
	char err[256], digit[2] = { (char)('1' + (e->status + 1) % (int)plan->n_statuses), '\0' };

	cur = vt_spawn(ROWS, COLS, argv, env, err, sizeof err);
	ck_assert_msg(cur != NULL, "cannot start ssh: %s", err);
	EXPECT(settled(vt_wait_row(cur, -1, ja("quit"), 2 * WAIT_MS)), "no Japanese first frame");
	EXPECT_ROW(0, "tanaka: 財政課");
	EXPECT_SCREEN(plan->policies[0].title);
	press(":4-1\r");
	EXPECT_ROW(0, " > 4-1 > ");
	press(digit);
	EXPECT_ROW(0, "[+");
	press("w");
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q through ssh");
}

START_TEST(test_forced_commands_as_tanaka)
{
	const struct item *it = plan_find_item(plan, "4-1");
	const struct entry *e = item_entry_for_year(it, plan->review_year);
	char out[4096], want[256], path[PATH_MAX + 64], *saved, *now, *hist;
	size_t saved_len, len;
	int st;

	ck_assert_ptr_nonnull(e);
	dashboard_saves_4_1(e);
	saved = read_plan(&saved_len);
	EXPECT(saved_len != orig_len || memcmp(saved, orig, saved_len) != 0, "nothing was saved");
	snprintf(path, sizeof path, "%s.history", plan_copy);
	hist = read_all(path, &len);
	EXPECT(hist && strstr(hist, "\ttanaka\t4-1\t"), "the history does not name tanaka");
	free(hist);

	/* another department's item: refused, the file byte-identical */
	st = ssh_run("set 1-1 2013 done", out, sizeof out);
	EXPECT(st == 1, "set of 1-1 exited %d: %s", st, out);
	EXPECT(strstr(out, "1-1") && strstr(out, "財政課"), "no reason given: %s", out);
	now = read_plan(&len);
	EXPECT(len == saved_len && memcmp(now, saved, len) == 0, "a refused set changed the file");
	free(now);

	/* get works, and shows the saved status, in tanaka's language (lang:
	 * ja in the access file): the label, the key kept */
	st = ssh_run("get 4-1 2013", out, sizeof out);
	{
		const struct status *now_st = &plan->statuses[(e->status + 1) % (int)plan->n_statuses];
		snprintf(want, sizeof want, "状況: %s (%s)\n", now_st->label, now_st->key);
	}
	EXPECT(st == 0 && strstr(out, want), "get exited %d: %s", st, out);

	/* not a command of this version, shell syntax, an option of ours */
	EXPECT((st = ssh_run("rate 4-1 A", out, sizeof out)) == 2, "rate exited %d: %s", st, out);
	EXPECT((st = ssh_run("'get 4-1 2013; ls'", out, sizeof out)) == 2, "; exited %d: %s", st,
	       out);
	EXPECT((st = ssh_run("set 4-1 2013 done --as sato", out, sizeof out)) == 2,
	       "--as exited %d: %s", st, out);
	now = read_plan(&len);
	EXPECT(len == saved_len && memcmp(now, saved, len) == 0, "a refused command changed the file");
	free(now);
	free(saved);
}
END_TEST

/* The plan and the access file in their own directory, then the server
 * with the forced command.  Returns the start's status (77: skip). */
static int start_forced_sshd(void)
{
	char opts[5 * PATH_MAX];
	int st;

	snprintf(plan_dir, sizeof plan_dir, "%s/data", sshd_dir);
	snprintf(plan_copy, sizeof plan_copy, "%s/plan.yaml", plan_dir);
	snprintf(access_file, sizeof access_file, "%s/access.yaml", plan_dir);
	static const char rules[] = "users:\n  tanaka: {departments: [財政課], lang: ja}\n";
	if (mkdir(plan_dir, 0700) != 0 || !write_file(plan_copy, orig, orig_len) ||
	    !write_file(access_file, rules, sizeof rules - 1))
		return 1;
	/* first without a forced command: sshd.sh checks that a terminal
	 * can be had (77 when not) */
	st = sshd_script("start");
	if (st != 0)
		return st;
	sshd_script("stop");
	snprintf(opts, sizeof opts,
	         "command=\"env %s '%s' --access '%s' --as tanaka '%s'\",restrict,pty",
	         localedir_env, plandash_path, access_file, plan_copy);
	setenv("SSHD_KEY_OPTIONS", opts, 1);
	return sshd_script("start");
}

int main(void)
{
	const char *tmp = env_or("TMPDIR", "/tmp");
	char reason[512];
	int st;

	if (!e2e_init("check_e2e_ssh_access"))
		return 1;
	main_pid = getpid();
	snprintf(sshd_dir, sizeof sshd_dir, "%s/plandash-sshd-XXXXXX", tmp);
	if (!mkdtemp(sshd_dir)) {
		perror(sshd_dir);
		return 1;
	}
	atexit(remove_sshd_dir);
	snprintf(ssh_config, sizeof ssh_config, "%s/ssh_config", sshd_dir);
	st = start_forced_sshd();
	if (st == 77) {
		skip_reason(reason, sizeof reason);
		printf("1..0 # SKIP %s\n", reason);
		return 0;
	}
	if (st != 0) {
		fprintf(stderr, "check_e2e_ssh_access: the sshd start failed (status %d)\n", st);
		return 1;
	}

	const struct e2e_test tests[] = {
		{ "forced_commands_as_tanaka", test_forced_commands_as_tanaka },
	};
	Suite *s = suite_create("e2e_ssh_access");

	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return e2e_run(s);
}
