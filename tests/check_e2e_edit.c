/* check_e2e_edit.c - editing through the real plandash binary in a
 * pseudo-terminal at 80x24 in Japanese, read back with libvterm
 * (tests/vt.c): a status with one key, a Japanese note, undo, the quit
 * prompt, a hang-up and the recovery file, read-only, and a conflict with
 * another session's save.
 *
 * Each test works on its own copy of plan.yaml in a fresh temporary
 * directory and checks the saved bytes against the original: a change
 * must show up as exactly one changed or inserted line.  The batch
 * `plandash get` reads the saved file back independently of the TUI.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e_session.h"
#include "fileio.h"
#include "lock.h"
#include "plan.h"
#include "vt.h"

/* The entry every test edits: the first item of policy 1 in the review
 * year, which is where the dashboard opens (Enter opens policy 1). */
#define ITEM "1-1"

/* ---- comparing the saved file with the original */

/* The saved file must differ from the original in exactly one line, which
 * reads `want` (without its line end) in the saved file.  With inserted,
 * that line is new; otherwise it replaces one. */
static void expect_one_line(const char *want, bool inserted)
{
	size_t len, diffs = 0, at = 0;
	char *now = read_all(file, &len);
	struct lines a, b;

	ck_assert_ptr_nonnull(now);
	split(orig, orig_len, &a);
	split(now, len, &b);
	if (inserted) {
		EXPECT(b.n == a.n + 1, "%zu lines, want %zu + 1", b.n, a.n);
		size_t i = 0;
		while (i < a.n && same_line(&a, i, &b, i))
			i++;
		at = i;
		for (; i < a.n; i++)
			diffs += !same_line(&a, i, &b, i + 1);
		EXPECT(diffs == 0, "more than one line differs after the inserted line %zu", at + 1);
	} else {
		EXPECT(b.n == a.n, "%zu lines, want %zu", b.n, a.n);
		for (size_t i = 0; i < a.n; i++) {
			if (!same_line(&a, i, &b, i)) {
				diffs++;
				at = i;
			}
		}
		EXPECT(diffs == 1, "%zu lines differ, want 1", diffs);
	}
	EXPECT(b.len[at] == strlen(want) + 1 && memcmp(b.start[at], want, strlen(want)) == 0,
	       "line %zu is \"%.*s\", want \"%s\"", at + 1, (int)b.len[at] - 1, b.start[at], want);
	lines_free(&a);
	lines_free(&b);
	free(now);
}

static void expect_unchanged(const char *why)
{
	size_t len;
	char *now = read_all(file, &len);

	ck_assert_ptr_nonnull(now);
	EXPECT(len == orig_len && memcmp(now, orig, len) == 0, "%s: the file changed", why);
	free(now);
}

/* ---- what the screen should say */

static const struct entry *the_entry(void)
{
	const struct item *it = plan_find_item(plan, ITEM);

	ck_assert_ptr_nonnull(it);
	const struct entry *e = item_entry_for_year(it, plan->review_year);
	ck_assert_ptr_nonnull(e);
	return e;
}

/* The status the test sets: one that differs from the entry's, and the
 * digit key for it. */
static int new_status(void)
{
	int s = the_entry()->status == 2 ? 1 : 2;
	ck_assert_int_lt(s, (int)plan->n_statuses);
	return s;
}

static void year_label(char *buf, size_t size)
{
	snprintf(buf, size, ja("Heisei %d"), fiscal_year_heisei(plan->review_year));
}

/* "1-1 平成25年度: 実施中 -> 完了" */
static void status_change(int from, int to, char *buf, size_t size)
{
	char y[64];

	year_label(y, sizeof y);
	snprintf(buf, size, "%s %s: %s -> %s", ITEM, y, plan->statuses[from].label,
	         plan->statuses[to].label);
}

static void modified_mark(size_t n, char *buf, size_t size)
{
	snprintf(buf, size, ja("[+%zu modified]"), n);
}

/* The indentation of the entry's keys: the status line's. */
static void status_line(const char *key, char *buf, size_t size)
{
	const struct entry *e = the_entry();
	const char *line = orig;

	for (uint32_t l = 1; l < e->status_span.line; l++)
		line = strchr(line, '\n') + 1;
	int indent = (int)strspn(line, " ");
	snprintf(buf, size, "%*s%s", indent, "", key);
}

/* Open policy 1 and set the review year's status of its first item. */
static void set_status_in_list(void)
{
	char digit[2] = { (char)('1' + new_status()), '\0' }, buf[256];

	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, plan->policies[0].title);
	press(digit);
	status_change(the_entry()->status, new_status(), buf, sizeof buf);
	EXPECT_ROW(-1, buf);
	modified_mark(1, buf, sizeof buf);
	EXPECT_ROW(0, buf);
	/* the strip shows the new letter in the year's brackets */
	snprintf(buf, sizeof buf, "[%c]", plan->statuses[new_status()].letter);
	EXPECT_SCREEN(buf);
}

static void expect_saved(size_t n)
{
	char buf[128];

	snprintf(buf, sizeof buf, ja_n("Saved %zu change.", "Saved %zu changes.", n), n);
	EXPECT_ROW(-1, buf);
	EXPECT(!vt_wait_row(cur, 0, "[+", 0), "the modified mark stayed after the save");
}

/* ---- tests */

START_TEST(test_status_one_key)
{
	char want[256], *got;

	fresh_copy();
	start(NULL);
	set_status_in_list();
	press("w");
	expect_saved(1);
	/* the save replaced the plan: the filter picker and a search must use
	 * the new one (this once read freed memory) */
	char title[256];
	snprintf(title, sizeof title, ja("Filter: %s"), ja("none"));
	press("f");
	EXPECT_SCREEN(title);
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("/");
	vt_text(cur, "協働");
	vt_key(cur, VTERM_KEY_ENTER);
	press("q");
	expect_exit_ok("q after a save, a filter and a search");
	snprintf(want, sizeof want, "status: %s", plan->statuses[new_status()].key);
	char line[256];
	status_line(want, line, sizeof line);
	expect_one_line(line, false);
	got = get_entry(ITEM, plan->review_year);
	EXPECT(strstr(got, want) != NULL, "plandash get shows\n%s", got);
	free(got);
}
END_TEST

START_TEST(test_japanese_note)
{
	char buf[512], line[256], y[64], *got;

	ck_assert_ptr_null(the_entry()->note);    /* the note is inserted */
	fresh_copy();
	start(NULL);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, plan->policies[0].title);
	press("e");
	year_label(y, sizeof y);
	snprintf(buf, sizeof buf, "%s %s", ITEM, y);
	EXPECT_ROW(-2, buf);
	press("完了済み");
	EXPECT_ROW(-1, ">完了済み");
	/* Left, Backspace and Ctrl-U edit; the text is typed again */
	vt_key(cur, VTERM_KEY_LEFT);
	vt_key(cur, VTERM_KEY_BACKSPACE);
	EXPECT_ROW(-1, ">完了み");
	vt_char(cur, 'u', VTERM_MOD_CTRL);
	EXPECT(settled(vt_wait_row_is(cur, -1, ">", WAIT_MS)), "Ctrl-U did not clear the field");
	press("完了済み");
	EXPECT_ROW(-1, ">完了済み");
	vt_key(cur, VTERM_KEY_ENTER);
	snprintf(buf, sizeof buf, "%s %s %s: %s -> %s", ITEM, y, ja("note"), ja("(none)"),
	         "完了済み");
	EXPECT_ROW(-1, buf);
	/* the sheet shows it */
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_SCREEN("完了済み");
	press("w");
	expect_saved(1);
	press("q");
	expect_exit_ok("q after saving a note");
	status_line("note: 完了済み", line, sizeof line);
	expect_one_line(line, true);
	got = get_entry(ITEM, plan->review_year);
	EXPECT(strstr(got, "note: 完了済み\n") != NULL, "plandash get shows\n%s", got);
	free(got);
}
END_TEST

START_TEST(test_undo_restores)
{
	char buf[256];
	int from = the_entry()->status, to = new_status();

	fresh_copy();
	start(NULL);
	set_status_in_list();
	press("w");
	expect_saved(1);
	/* undo after the save: the original value comes back, as a change;
	 * the message says what the undo did (to -> from) */
	press("u");
	status_change(to, from, buf, sizeof buf);
	char undone[512];
	snprintf(undone, sizeof undone, ja("Undone: %s"), buf);
	EXPECT_ROW(-1, undone);
	modified_mark(1, buf, sizeof buf);
	EXPECT_ROW(0, buf);
	snprintf(buf, sizeof buf, "[%c]", plan->statuses[from].letter);
	EXPECT_SCREEN(buf);
	/* redo and undo again */
	vt_char(cur, 'r', VTERM_MOD_CTRL);
	snprintf(buf, sizeof buf, "[%c]", plan->statuses[to].letter);
	EXPECT_SCREEN(buf);
	press("u");
	EXPECT_ROW(-1, undone);
	press("w");
	expect_saved(1);
	press("q");
	expect_exit_ok("q after undo and save");
	expect_unchanged("save, undo, save");
}
END_TEST

/* "w/y:保存して終了  d:破棄して終了  c/Esc:取りやめ", as the key table has it. */
static void quit_keys(char *buf, size_t size)
{
	snprintf(buf, size, "w/y:%s  d:%s  c/Esc:%s", ja("save and quit"), ja("discard and quit"),
	         ja("cancel"));
}

START_TEST(test_quit_prompt)
{
	char buf[256];

	fresh_copy();
	start(NULL);
	set_status_in_list();
	press("q");
	snprintf(buf, sizeof buf,
	         ja_n("%zu change is not saved.", "%zu changes are not saved.", 1), (size_t)1);
	EXPECT_ROW(-2, buf);
	/* the prompt's keys come from the action table */
	quit_keys(buf, sizeof buf);
	EXPECT_ROW(-1, buf);
	press("c");
	EXPECT_ROW(-1, ja("Not quitting; your changes are kept."));
	EXPECT(!vt_exited(cur), "c quit");
	modified_mark(1, buf, sizeof buf);
	EXPECT_ROW(0, buf);
	press("q");
	quit_keys(buf, sizeof buf);
	EXPECT_ROW(-1, buf);
	press("d");
	expect_exit_ok("d in the quit prompt");
	expect_unchanged("discard");
}
END_TEST

START_TEST(test_hangup_and_recovery)
{
	char buf[512], want[256], *got;
	size_t len;
	int st = 0, from = the_entry()->status, to = new_status();

	fresh_copy();
	start(NULL);
	set_status_in_list();
	ck_assert_int_eq(vt_signal(cur, SIGHUP), 0);
	EXPECT(vt_wait_exit(cur, GONE_MS, &st), "still running %d ms after SIGHUP", GONE_MS);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "SIGHUP: exit status %d (signal %d)",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	vt_free(cur);
	cur = NULL;
	expect_unchanged("SIGHUP");
	got = read_all(recover, &len);
	EXPECT(got != NULL, "no %s after SIGHUP", recover);
	snprintf(want, sizeof want, "%s\t%d\tstatus\t%s\t%s\n", ITEM, plan->review_year,
	         plan->statuses[from].key, plan->statuses[to].key);
	EXPECT(strstr(got, want) != NULL, "the recovery file holds\n%s", got);
	free(got);

	/* the next start shows the edit and re-applies it */
	start(NULL);
	EXPECT_SCREEN(ja("Re-apply these edits?"));
	status_change(from, to, buf, sizeof buf);
	EXPECT_SCREEN(buf);
	press("y");
	snprintf(buf, sizeof buf, ja("Re-applied %zu edits; w saves them."), (size_t)1);
	EXPECT_ROW(-1, buf);
	modified_mark(1, buf, sizeof buf);
	EXPECT_ROW(0, buf);
	press("w");
	expect_saved(1);
	EXPECT(access(recover, F_OK) != 0 && errno == ENOENT, "%s is still there after the save",
	       recover);
	press("q");
	expect_exit_ok("q after recovery");
	snprintf(want, sizeof want, "status: %s", plan->statuses[to].key);
	char line[256];
	status_line(want, line, sizeof line);
	expect_one_line(line, false);
}
END_TEST

/* A hang-up in the middle of typing keeps the typed text too. */
START_TEST(test_hangup_while_typing)
{
	char want[256], *got;
	size_t len;

	fresh_copy();
	start(NULL);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, plan->policies[0].title);
	press("e");
	press("途中まで");
	EXPECT_ROW(-1, ">途中まで");
	vt_hangup(cur);
	EXPECT(vt_wait_exit(cur, GONE_MS, NULL), "still running %d ms after the pty closed",
	       GONE_MS);
	vt_free(cur);
	cur = NULL;
	got = read_all(recover, &len);
	EXPECT(got != NULL, "no %s after the hang-up", recover);
	snprintf(want, sizeof want, "%s\t%d\tnote\t\\N\t途中まで\n", ITEM, plan->review_year);
	EXPECT(strstr(got, want) != NULL, "the recovery file holds\n%s", got);
	free(got);
	expect_unchanged("hang-up while typing");

	/* d deletes the recovery file */
	start(NULL);
	EXPECT_SCREEN("途中まで");
	press("d");
	EXPECT(settled(vt_wait_screen_not(cur, ja("Re-apply these edits?"), WAIT_MS)),
	       "the recovery prompt stayed");
	EXPECT(access(recover, F_OK) != 0, "d kept %s", recover);
	press("q");
	expect_exit_ok("q after deleting the recovery file");
}
END_TEST

START_TEST(test_read_only)
{
	fresh_copy();
	start("-r");
	EXPECT_ROW(0, ja("[read-only]"));
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, plan->policies[0].title);
	press("1");
	EXPECT_ROW(-1, ja("Read-only (-r): changes are turned off."));
	press("e");
	EXPECT_ROW(-1, ja("Read-only (-r): changes are turned off."));
	EXPECT(!vt_wait_row(cur, 0, "[+", 0), "a modified mark in read-only mode");
	press("q");
	expect_exit_ok("q in read-only mode");
	expect_unchanged("read-only");
}
END_TEST

START_TEST(test_conflict)
{
	char buf[512], args[2 * PATH_MAX], *got;
	int from = the_entry()->status, ours = new_status();
	int theirs = (ours + 1) % (int)plan->n_statuses == from ? (ours + 2) % (int)plan->n_statuses
	                                                       : (ours + 1) % (int)plan->n_statuses;

	fresh_copy();
	start(NULL);
	set_status_in_list();
	/* another official saves the same entry meanwhile */
	snprintf(args, sizeof args, "set '%s' %s %d %s", file, ITEM, plan->review_year,
	         plan->statuses[theirs].key);
	free(run(args));
	press("w");
	EXPECT_SCREEN(ja("Changed both here and by another session since the file was loaded:"));
	int row = vt_find_row(cur, 1, ja("keep: (choose o or t)"));
	EXPECT(row > 0, "no undecided conflict row");
	EXPECT_ROW(row, ITEM);
	snprintf(buf, sizeof buf, "%s %s", ja("base:"), plan->statuses[from].label);
	EXPECT_ROW(row + 1, buf);
	snprintf(buf, sizeof buf, "%s %s", ja("theirs:"), plan->statuses[theirs].label);
	EXPECT_ROW(row + 2, buf);
	snprintf(buf, sizeof buf, "%s", plan->statuses[ours].label);
	EXPECT_ROW(row + 3, ja("ours:"));
	EXPECT_ROW(row + 3, buf);
	/* Enter before choosing saves nothing */
	vt_key(cur, VTERM_KEY_ENTER);
	snprintf(buf, sizeof buf, ja("Choose o or t for every field first (%zu left)."), (size_t)1);
	EXPECT_ROW(-1, buf);
	press("o");
	EXPECT_ROW(row, ja("keep: ours"));
	vt_key(cur, VTERM_KEY_ENTER);
	expect_saved(1);
	press("q");
	expect_exit_ok("q after the conflict");
	snprintf(buf, sizeof buf, "status: %s", plan->statuses[ours].key);
	got = get_entry(ITEM, plan->review_year);
	EXPECT(strstr(got, buf) != NULL, "plandash get shows\n%s", got);
	free(got);
	char line[256];
	status_line(buf, line, sizeof line);
	expect_one_line(line, false);
}
END_TEST

/* Re-applied, then undone and the session quit; or re-applied and the
 * session quit discarding it: either way the recovery is not offered at
 * the next start. */
START_TEST(test_recovery_not_offered_again)
{
	for (int discard = 0; discard <= 1; discard++) {
		char buf[512];

		fresh_copy();
		start(NULL);
		set_status_in_list();
		ck_assert_int_eq(vt_signal(cur, SIGHUP), 0);
		EXPECT(vt_wait_exit(cur, GONE_MS, NULL), "still running %d ms after SIGHUP", GONE_MS);
		vt_free(cur);
		cur = NULL;
		EXPECT(access(recover, F_OK) == 0, "no %s after SIGHUP", recover);

		start(NULL);
		EXPECT_SCREEN(ja("Re-apply these edits?"));
		press("y");
		snprintf(buf, sizeof buf, ja("Re-applied %zu edits; w saves them."), (size_t)1);
		EXPECT_ROW(-1, buf);
		if (discard) {
			press("q");
			quit_keys(buf, sizeof buf);
			EXPECT_ROW(-1, buf);
			press("d");
		} else {
			press("u");
			EXPECT(settled(vt_wait_screen_not(cur, "[+", WAIT_MS)),
			       "the modified mark stayed after the undo");
			press("q");
		}
		expect_exit_ok(discard ? "d after re-applying" : "q after undoing the re-applied edit");
		expect_unchanged(discard ? "re-applied, then discarded" : "re-applied, then undone");

		start(NULL);
		EXPECT(settled(vt_wait_screen_not(cur, ja("Re-apply these edits?"), WAIT_MS)),
		       "the recovery was offered again (%s)", discard ? "discarded" : "undone");
		press("q");
		expect_exit_ok("q at the next start");
		remove_dir();
	}
}
END_TEST

/* Any signal that would end the dashboard (not only SIGHUP) writes the
 * unsaved edit to the recovery file and restores the terminal first. */
START_TEST(test_other_signals_rescue)
{
	static const int sigs[] = { SIGQUIT, SIGINT, SIGUSR1, SIGTERM };
	int from = the_entry()->status, to = new_status(), st = 0;
	char want[256], *got;
	size_t len;

	snprintf(want, sizeof want, "%s\t%d\tstatus\t%s\t%s\n", ITEM, plan->review_year,
	         plan->statuses[from].key, plan->statuses[to].key);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		fresh_copy();
		start(NULL);
		set_status_in_list();
		ck_assert_int_eq(vt_signal(cur, sigs[i]), 0);
		EXPECT(vt_wait_exit(cur, GONE_MS, &st), "still running after signal %d", sigs[i]);
		EXPECT(WIFEXITED(st), "signal %d killed it (no rescue)", sigs[i]);
		/* rmcup: the terminal's normal screen is back */
		EXPECT(vt_output_has(cur, "\033[?1049l", 8), "signal %d: terminal not restored",
		       sigs[i]);
		vt_free(cur);
		cur = NULL;
		got = read_all(recover, &len);
		EXPECT(got && strstr(got, want), "signal %d: the recovery file holds\n%s", sigs[i],
		       got ? got : "(nothing)");
		free(got);
		expect_unchanged("a signal");
		remove_dir();
	}
}
END_TEST

/* w while another session holds the save lock: the bottom rows say who and
 * that Esc gives up, keys typed meanwhile are not lost, Esc gives up with
 * the edit kept, and once the lock is free w saves. */
START_TEST(test_save_waits_for_the_lock)
{
	char *target, buf[512], who[64];
	struct stat st;
	struct plan_lock held;
	struct file_error fe;

	fresh_copy();
	target = file_resolve(file);
	ck_assert_ptr_nonnull(target);
	ck_assert_int_eq(stat(target, &st), 0);
	start(NULL);
	set_status_in_list();
	ck_assert_int_eq(lock_take(target, &st, 1000, NULL, NULL, &held, NULL, &fe), 0);
	press("w");
	snprintf(who, sizeof who, "%ld", (long)getpid());
	EXPECT_SCREEN(who);               /* the holder, by its process */
	EXPECT_SCREEN("Esc");
	vt_key(cur, VTERM_KEY_ESCAPE);
	snprintf(buf, sizeof buf, "%s", ja("Not saved (your changes are kept): %s"));
	*strstr(buf, "%s") = '\0';
	EXPECT_SCREEN(buf);
	modified_mark(1, buf, sizeof buf);
	EXPECT_ROW(0, buf);
	/* a key typed while waiting (j: the next item) is handled afterwards */
	press("w");
	EXPECT_SCREEN(who);
	press("j");
	vt_key(cur, VTERM_KEY_ESCAPE);
	snprintf(buf, sizeof buf, "> %s ", plan->policies[0].items[1].id);
	EXPECT(settled(vt_wait_screen(cur, buf, WAIT_MS)), "the j typed while waiting was lost");
	expect_unchanged("a save that gave up waiting");
	lock_release(&held);
	free(target);
	press("w");
	expect_saved(1);
	press("q");
	expect_exit_ok("q after the save");
}
END_TEST

/* A save over the file size limit (ulimit -f) fails like a full disk: the
 * dashboard keeps running with the edit, nothing is left behind, and a
 * hang-up then still writes the recovery file and restores the terminal. */
START_TEST(test_file_size_limit)
{
	struct rlimit old, small;
	char buf[512], want[256], *got;
	size_t len;
	int st = 0, from = the_entry()->status, to = new_status();

	fresh_copy();
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 32 * 1024;   /* below the plan, above a recovery file */
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
	start(NULL);                  /* the program inherits the limit */
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	set_status_in_list();
	press("w");
	snprintf(buf, sizeof buf, "%s", ja("Not saved (your changes are kept): %s"));
	*strstr(buf, "%s") = '\0';
	EXPECT_SCREEN(buf);           /* a long reason wraps over the bottom rows */
	modified_mark(1, buf, sizeof buf);
	EXPECT_ROW(0, buf);
	expect_unchanged("a save over the size limit");
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	for (struct dirent *de; (de = readdir(d)); )
		EXPECT(!strstr(de->d_name, ".plandash-"), "%s was left behind", de->d_name);
	closedir(d);

	ck_assert_int_eq(vt_signal(cur, SIGHUP), 0);
	EXPECT(vt_wait_exit(cur, GONE_MS, &st), "still running %d ms after SIGHUP", GONE_MS);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "SIGHUP: exit status %d (signal %d)",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	EXPECT(vt_output_has(cur, "\033[?1049l", 8), "the terminal was not restored");
	vt_free(cur);
	cur = NULL;
	got = read_all(recover, &len);
	EXPECT(got != NULL, "no %s after SIGHUP", recover);
	snprintf(want, sizeof want, "%s\t%d\tstatus\t%s\t%s\n", ITEM, plan->review_year,
	         plan->statuses[from].key, plan->statuses[to].key);
	EXPECT(strstr(got, want) != NULL, "the recovery file holds\n%s", got);
	free(got);
}
END_TEST

/* ---- runner */

static Suite *edit_suite(void)
{
	const struct e2e_test tests[] = {
		{ "status_one_key", test_status_one_key }, { "japanese_note", test_japanese_note },
		{ "undo_restores", test_undo_restores }, { "quit_prompt", test_quit_prompt },
		{ "hangup_and_recovery", test_hangup_and_recovery },
		{ "hangup_while_typing", test_hangup_while_typing },
		{ "read_only", test_read_only }, { "conflict", test_conflict },
		{ "recovery_not_offered_again", test_recovery_not_offered_again },
		{ "file_size_limit", test_file_size_limit },
		{ "save_waits_for_the_lock", test_save_waits_for_the_lock },
		{ "other_signals_rescue", test_other_signals_rescue },
	};
	Suite *s = suite_create("e2e_edit");

	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return s;
}

int main(void)
{
	if (!e2e_init("check_e2e_edit"))
		return 1;
	return e2e_run(edit_suite());
}
