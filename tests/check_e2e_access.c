/* check_e2e_access.c - who may change what, and who else is in, through
 * the real binary in pseudo-terminals: the header names the identity and
 * its scope; a key on another department's item, a viewer's key and a
 * meeting's digit on an item out of scope change nothing and say why; an
 * item in scope is changed and saved under the --as identity; the
 * access file's lang: gives Japanese without LANG; two sessions see each
 * other in the header and in W; stale and linked presence files are
 * ignored (the stale one removed, the link left alone).
 *
 * Every session runs plandash --access ACCESS --as USER on a copy of
 * plan.yaml; what is expected is computed from plan.yaml with the core
 * API.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e_session.h"
#include "presence.h"
#include "query.h"
#include "vt.h"

#define PEER_MS 12000             /* a deadline for another session to show */

static char access_path[PATH_MAX + 32];

/* The access file beside the copy. */
static void write_access(const char *text)
{
	FILE *f;

	snprintf(access_path, sizeof access_path, "%s/access.yaml", dir);
	f = fopen(access_path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
}

#define RULES "users:\n  tanaka: {departments: [財政課]}\n  suzuki: {role: viewer}\n"

/* plandash --access ACCESS --as user FILE in Japanese (lang_env: NULL,
 * or the LANG setting, e.g. "LANG" to remove it), at ROWS x COLS. */
static struct vt *spawn_as(const char *user, const char *lang_env)
{
	char err[256];
	const char *env_ja[] = { "LANG=" JA, "LC_ALL=" JA, localedir_env, NULL };
	const char *env_other[] = { lang_env, "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LANGUAGE",
	                            "PLANDASH_LANG", localedir_env, NULL };
	const char *argv[] = { plandash_path, "--access", access_path, "--as", user, file, NULL };
	struct vt *vt = vt_spawn(ROWS, COLS, argv, lang_env ? env_other : env_ja, err, sizeof err);

	ck_assert_msg(vt != NULL, "cannot start %s: %s", plandash_path, err);
	return vt;
}

static void start_as(const char *user)
{
	cur = spawn_as(user, NULL);
	EXPECT(settled(vt_wait_frame(cur, WAIT_MS)), "no first frame as %s", user);
}

/* The last rows (the message may wrap) joined without their trailing
 * spaces hold needle. */
static bool bottom_has(struct vt *vt, void *arg)
{
	char joined[4 * 4 * COLS * 4 + 1] = "", row[COLS * 4 * 4 + 1];

	for (int r = ROWS - 4; r < ROWS; r++)
		strcat(joined, vt_row_trim(vt, r, row, sizeof row));
	return strstr(joined, arg) != NULL;
}

#define EXPECT_BOTTOM(s) do { \
	char needle_[512]; \
	snprintf(needle_, sizeof needle_, "%s", (s)); \
	EXPECT(settled(vt_wait(cur, bottom_has, needle_, WAIT_MS)), \
	       "the bottom rows never showed \"%s\"", needle_); \
} while (0)

static void expect_unchanged(const char *how)
{
	size_t len;
	char *now = read_all(file, &len);

	EXPECT(now && len == orig_len && memcmp(now, orig, len) == 0, "%s changed the plan", how);
	free(now);
}

static const struct entry *entry_of(const char *id, int year)
{
	const struct item *it = plan_find_item(plan, id);

	ck_assert_ptr_nonnull(it);
	ck_assert_ptr_nonnull(item_entry_for_year(it, year));
	return item_entry_for_year(it, year);
}

static bool has_department(const struct item *it, const char *dept)
{
	for (size_t d = 0; d < it->n_departments; d++)
		if (strcmp(it->departments[d], dept) == 0)
			return true;
	return false;
}

/* The digit that sets the next status of an entry. */
static void next_digit(const struct entry *e, char digit[2])
{
	digit[0] = (char)('1' + (e->status + 1) % (int)plan->n_statuses);
	digit[1] = '\0';
}

/* The lines (1-based) of the copy that differ from plan.yaml; the files
 * must have the same number of lines. */
static size_t changed_lines(unsigned *out, size_t max)
{
	struct lines a, b;
	size_t len, n = 0;
	char *now = read_all(file, &len);

	ck_assert_ptr_nonnull(now);
	split(orig, orig_len, &a);
	split(now, len, &b);
	EXPECT(a.n == b.n, "the saved file has %zu lines, not %zu", b.n, a.n);
	for (size_t i = 0; i < a.n; i++)
		if (!same_line(&a, i, &b, i) && n < max)
			out[n++] = (unsigned)i + 1;
	lines_free(&a);
	lines_free(&b);
	free(now);
	return n;
}

/* ---- the header, keys out of scope, a change in scope */

START_TEST(test_scope_keys_and_save)
{
	const struct item *it = plan_find_item(plan, "1-1");
	const struct entry *e = entry_of("4-1", plan->review_year);
	char why[512], digit[2], line[256], path[PATH_MAX + 64], *hist;
	unsigned lines[8];
	size_t len;

	fresh_copy();
	write_access(RULES);
	ck_assert(!has_department(it, "財政課"));
	start_as("tanaka");
	EXPECT_ROW(0, "tanaka: 財政課");
	/* policy 1's items: 1-1 belongs to another department */
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, plan->policies[0].title);
	press("3");
	snprintf(why, sizeof why, "%s", ja("Not yours to change: %s."));
	*strstr(why, "%s") = '\0';             /* its first words */
	EXPECT_BOTTOM(why);
	snprintf(line, sizeof line, "%sの取組だけです", "財政課");
	EXPECT_BOTTOM(line);
	press("e");
	EXPECT_BOTTOM(why);
	EXPECT_NO_SCREEN("[+");
	/* 4-1 is 財政課's: changed and saved as tanaka */
	press(":4-1\r");
	EXPECT_ROW(0, " > 4-1 > ");
	next_digit(e, digit);
	press(digit);
	EXPECT_ROW(0, "[+");
	press("w");
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q after the save");
	EXPECT(changed_lines(lines, 8) == 1 && lines[0] == e->status_span.line,
	       "the save changed other lines than 4-1's status");
	snprintf(path, sizeof path, "%s.history", file);
	hist = read_all(path, &len);
	EXPECT(hist && strstr(hist, "\ttanaka\t4-1\t"), "the history does not name tanaka: %s",
	       hist ? hist : "(none)");
	free(hist);
}
END_TEST

START_TEST(test_viewer_changes_nothing)
{
	char why[512];

	fresh_copy();
	write_access(RULES);
	start_as("suzuki");
	EXPECT_ROW(0, ja("[read-only]"));
	EXPECT_ROW(0, "suzuki");
	vt_key(cur, VTERM_KEY_ENTER);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, " > 1-1 > ");
	snprintf(why, sizeof why, ja("%s is a viewer in the access file: nothing can be changed"),
	         "suzuki");
	press("3");
	EXPECT_BOTTOM(why);
	press(" ");
	EXPECT_BOTTOM(why);
	press("e");
	EXPECT_BOTTOM(why);
	press("u");
	EXPECT_BOTTOM(why);
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q as a viewer");
	expect_unchanged("a viewer");
}
END_TEST

/* A meeting over policy 4: entries of other departments are shown, a
 * digit skips them with a word; 財政課's entries are set.  The saved file
 * differs in exactly those. */
START_TEST(test_meeting_skips_out_of_scope)
{
	struct entry_ref *refs = NULL;
	size_t n = 0, in = 0, out_of_scope = 0, changed;
	unsigned lines[64];
	char buf[256], digit[2];
	int year = plan->review_year;

	fresh_copy();
	write_access(RULES);
	ck_assert_int_eq(meeting_walk(plan, &(struct filter){ 0 }, year, &refs, &n), 0);
	start_as("tanaka");
	press("jjj");
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, plan->policies[3].title);
	press("m");
	vt_key(cur, VTERM_KEY_ENTER);
	for (size_t i = 0, k = 0; i < n; i++) {
		const struct item *it = &plan->policies[refs[i].policy].items[refs[i].item];
		const struct entry *e = &it->entries[refs[i].entry];
		size_t walk_n = 0;

		if (refs[i].policy != 3)
			continue;
		for (size_t j = 0; j < n; j++)
			walk_n += refs[j].policy == 3;
		snprintf(buf, sizeof buf, "%zu/%zu", ++k, walk_n);
		EXPECT_ROW(1, buf);
		EXPECT_SCREEN(it->id);
		next_digit(e, digit);
		if (has_department(it, "財政課")) {
			EXPECT_NO_SCREEN(ja("Not one of your departments' items: a digit skips it."));
			in++;
		} else {
			EXPECT_SCREEN(ja("Not one of your departments' items: a digit skips it."));
			out_of_scope++;
		}
		press(digit);
		if (!has_department(it, "財政課"))
			EXPECT_BOTTOM(ja("Skipped; the meeting goes on."));
	}
	ck_assert_uint_gt(in, 0);
	ck_assert_uint_gt(out_of_scope, 0);
	snprintf(buf, sizeof buf, ja_n("Save? %zu change is not saved.",
	                               "Save? %zu changes are not saved.", in), in);
	EXPECT_SCREEN(buf);
	press("w");
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q after the meeting");
	changed = changed_lines(lines, 64);
	EXPECT(changed == in, "%zu lines changed, want %zu", changed, in);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &plan->policies[refs[i].policy].items[refs[i].item];
		const struct entry *e = &it->entries[refs[i].entry];
		bool found = false;

		for (size_t k = 0; k < changed; k++)
			found |= lines[k] == e->status_span.line;
		EXPECT(found == (refs[i].policy == 3 && has_department(it, "財政課")),
		       "%s %d: changed %d", it->id, year, found);
	}
	free(refs);
}
END_TEST

/* No LANG at all (PuTTY, Tera Term, a forced command): the access file's
 * lang: ja gives the Japanese UI. */
START_TEST(test_lang_from_access_file)
{
	fresh_copy();
	write_access("users:\n  tanaka: {departments: [財政課], lang: ja}\n");
	cur = spawn_as("tanaka", "LANG");
	EXPECT(settled(vt_wait_row(cur, -1, ja("quit"), WAIT_MS)), "no Japanese hint bar");
	EXPECT_ROW(0, "tanaka: 財政課");
	press("q");
	expect_exit_ok("q");
}
END_TEST

/* ---- presence */

static int presence_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)))
		n += strncmp(de->d_name, ".plan.yaml.who.", 15) == 0;
	closedir(d);
	return n;
}

START_TEST(test_two_sessions_see_each_other)
{
	struct vt *b;
	char want[128];

	fresh_copy();
	write_access(RULES);
	start_as("tanaka");
	b = spawn_as("suzuki", NULL);
	EXPECT(vt_wait_frame(b, WAIT_MS), "no first frame from the second session");
	snprintf(want, sizeof want, ja("others: %s"), "suzuki (");
	EXPECT(settled(vt_wait_row(cur, 0, want, PEER_MS)), "tanaka never saw suzuki");
	snprintf(want, sizeof want, ja("others: %s"), "tanaka (");
	EXPECT(vt_wait_row(b, 0, want, PEER_MS), "suzuki never saw tanaka");
	/* suzuki opens policy 1's items: tanaka sees where */
	vt_key(b, VTERM_KEY_ENTER);
	EXPECT(settled(vt_wait_row(cur, 0, "suzuki (1-1)", PEER_MS)), "suzuki's place never showed");
	press("W");
	EXPECT_ROW(0, ja("Who is in"));
	/* "tanaka (自分)": the row of this session, up to where it is */
	snprintf(want, sizeof want, ja("%s (you)  %s  %s:%ld  since %s"), "tanaka", "\x01", "h",
	         1L, "t");
	*strchr(want, '\x01') = '\0';
	want[strcspn(want, " ") + strcspn(want + strcspn(want, " ") + 1, " ") + 1] = '\0';
	EXPECT_SCREEN(want);
	EXPECT_SCREEN("suzuki");
	snprintf(want, sizeof want, "%s 1-1", ja("items"));
	EXPECT_SCREEN(want);
	press("W");
	EXPECT_NO_SCREEN(ja("Who is in"));
	ck_assert_int_eq(presence_files(), 2);
	/* suzuki leaves: the file goes, and tanaka's header forgets suzuki */
	vt_text(b, "q");
	EXPECT(vt_wait_exit(b, WAIT_MS, NULL), "suzuki did not quit");
	vt_free(b);
	EXPECT(settled(vt_wait_screen_not(cur, "suzuki", PEER_MS)), "tanaka still sees suzuki");
	ck_assert_int_eq(presence_files(), 1);
	press("q");
	expect_exit_ok("q");
	ck_assert_int_eq(presence_files(), 0);
}
END_TEST

/* Beside the plan before the session starts: a fresh file of a process
 * that is gone (this host), and a symbolic link to a fresh presence text.
 * Neither shows; the first is removed, the link and its target stay. */
START_TEST(test_stale_and_linked_presence_ignored)
{
	char stale[PATH_MAX + 64], link_path[PATH_MAX + 64], target[PATH_MAX + 32], text[512];
	long long now = (long long)time(NULL);
	struct stat st;
	pid_t gone = fork();
	FILE *f;
	double until;

	ck_assert_int_ge(gone, 0);
	if (gone == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(gone, NULL, 0), gone);
	fresh_copy();
	write_access(RULES);
	snprintf(stale, sizeof stale, "%s/.plan.yaml.who.%s.%ld", dir, presence_host(), (long)gone);
	snprintf(text, sizeof text, "plandash-presence 1\nuser ghost\nhost %s\npid %ld\nstart %lld\n"
	         "beat %lld\n", presence_host(), (long)gone, now, now);
	ck_assert_ptr_nonnull(f = fopen(stale, "w"));
	fputs(text, f);
	fclose(f);
	snprintf(target, sizeof target, "%s/elsewhere", dir);
	snprintf(text, sizeof text, "plandash-presence 1\nuser mallory\nhost far\npid 7\nstart %lld\n"
	         "beat %lld\n", now, now + 3600);
	ck_assert_ptr_nonnull(f = fopen(target, "w"));
	fputs(text, f);
	fclose(f);
	snprintf(link_path, sizeof link_path, "%s/.plan.yaml.who.far.7", dir);
	ck_assert_int_eq(symlink(target, link_path), 0);
	start_as("tanaka");
	EXPECT_ROW(0, "tanaka: 財政課");
	until = vt_now_ms() + PEER_MS;
	while (lstat(stale, &st) == 0 && vt_now_ms() < until)
		vt_pump(cur, 100);
	EXPECT(lstat(stale, &st) != 0, "the stale presence file was not removed");
	EXPECT_NO_SCREEN("ghost");
	EXPECT_NO_SCREEN("mallory");
	press("W");
	EXPECT_ROW(0, ja("Who is in"));
	EXPECT_NO_SCREEN("mallory");
	EXPECT(lstat(link_path, &st) == 0 && S_ISLNK(st.st_mode), "the link was touched");
	EXPECT(lstat(target, &st) == 0 && S_ISREG(st.st_mode), "the link's target was touched");
	press("q");
	expect_exit_ok("q");
}
END_TEST

int main(void)
{
	const struct e2e_test tests[] = {
		{ "scope_keys_and_save", test_scope_keys_and_save },
		{ "viewer_changes_nothing", test_viewer_changes_nothing },
		{ "meeting_skips_out_of_scope", test_meeting_skips_out_of_scope },
		{ "lang_from_access_file", test_lang_from_access_file },
		{ "two_sessions_see_each_other", test_two_sessions_see_each_other },
		{ "stale_and_linked_presence_ignored", test_stale_and_linked_presence_ignored },
	};
	Suite *s;

	if (!e2e_init("check_e2e_access"))
		return 1;
	s = suite_create("e2e_access");
	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return e2e_run(s);
}
