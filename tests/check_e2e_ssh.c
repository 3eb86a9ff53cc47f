/* check_e2e_ssh.c - a real client: OpenSSH's `ssh -tt` (in the pty
 * harness, with TERM=xterm and no LANG, as PuTTY and Tera Term connect)
 * into a loopback sshd that this test starts itself (tests/sshd.sh: a free
 * high port on 127.0.0.1, throw-away keys and configuration in $TMPDIR,
 * stopped by its pid).  The dashboard runs with --lang ja; End, a paste
 * and q must leave the plan byte-identical.
 *
 * When sshd cannot run here (not installed, or a non-root user it cannot
 * log in, as under `make distcheck`), the whole program is a TAP skip with
 * the reason.
 */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e_session.h"
#include "vt.h"

static char sshd_dir[PATH_MAX];
static char ssh_config[PATH_MAX + 32];
static pid_t main_pid;

/* Run `bash tests/sshd.sh VERB DIR`; its exit status (-1 when it did not
 * run). */
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

/* The skip reason sshd.sh left. */
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

START_TEST(test_ssh_end_paste_quit)
{
	char remote[4 * PATH_MAX], err[256];
	const char *env[] = { "TERM=xterm", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES",
	                      "PLANDASH_LANG", NULL };
	const char *argv[] = { "ssh", "-F", ssh_config, "-tt", "plandash-test", remote, NULL };
	char year[64], note[512];
	size_t len;
	char *now;

	fresh_copy();
	/* the remote side has no LANG either; PLANDASH_LOCALEDIR finds the
	 * catalogue of the build */
	snprintf(remote, sizeof remote,
	         "env -u LANG -u LANGUAGE -u LC_ALL -u LC_CTYPE -u LC_MESSAGES '%s' '%s' --lang ja '%s'",
	         localedir_env, plandash_path, file);
	cur = vt_spawn(ROWS, COLS, argv, env, err, sizeof err);
	ck_assert_msg(cur != NULL, "cannot start ssh: %s", err);
	EXPECT(settled(vt_wait_row(cur, -1, ja("quit"), 2 * WAIT_MS)), "no Japanese first frame");
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, "方針1");
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, " > 1-1 > ");
	/* PuTTY's End: the last year, nothing else */
	vt_raw(cur, "\033[4~", 4);
	snprintf(year, sizeof year, "> 平成%d年度", fiscal_year_heisei(plan->years[plan->n_years - 1]));
	EXPECT_SCREEN(year);
	/* a paste from a mail: not keys */
	vt_raw(cur, "\033[200~見直し 4\r\n\033[201~", strlen("\033[200~見直し 4\r\n\033[201~"));
	snprintf(note, sizeof note, "%s", ja("A paste goes only into a text being edited (e, E, :, /); "
	                                     "nothing was changed."));
	EXPECT_ROW(-1, note);
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q through ssh");
	now = read_all(file, &len);
	ck_assert_ptr_nonnull(now);
	EXPECT(len == orig_len && memcmp(now, orig, len) == 0, "the plan changed through ssh");
	free(now);
}
END_TEST

int main(void)
{
	const char *tmp = env_or("TMPDIR", "/tmp");
	char reason[512];
	int st;

	if (!e2e_init("check_e2e_ssh"))
		return 1;
	main_pid = getpid();
	snprintf(sshd_dir, sizeof sshd_dir, "%s/plandash-sshd-XXXXXX", tmp);
	if (!mkdtemp(sshd_dir)) {
		perror(sshd_dir);
		return 1;
	}
	atexit(remove_sshd_dir);
	snprintf(ssh_config, sizeof ssh_config, "%s/ssh_config", sshd_dir);
	st = sshd_script("start");
	if (st == 77) {
		skip_reason(reason, sizeof reason);
		printf("1..0 # SKIP %s\n", reason);
		return 0;
	}
	if (st != 0) {
		fprintf(stderr, "check_e2e_ssh: tests/sshd.sh start failed (status %d)\n", st);
		return 1;
	}

	const struct e2e_test tests[] = {
		{ "ssh_end_paste_quit", test_ssh_end_paste_quit },
	};
	Suite *s = suite_create("e2e_ssh");

	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return e2e_run(s);
}
