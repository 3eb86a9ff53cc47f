/* check_e2e_git.c - the dashboard on a file a git merge left with conflict
 * markers, through the real binary in a pseudo-terminal at 80x24 under
 * ja_JP.UTF-8: the merge driver's markers (`plandash merge`) offer the
 * save's base/theirs/ours picker, and the values chosen are written
 * (the file is then the clean merge with that value); Esc leaves the
 * file as it is; git's own markers around a status and the note below it
 * come with each field proposed from the side that changed it; and with
 * --commit, w saves and commits. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e_session.h"
#include "plan.h"
#include "splice.h"
#include "vcs.h"

/* A change of one field (strings borrowed). */
static struct change chg(const char *id, int year, enum field f, const char *value)
{
	return (struct change){ .item_id = (char *)(uintptr_t)id, .year = year, .field = f,
	                        .value = (char *)(uintptr_t)value };
}

/* plan.yaml with changes written in (malloc'd, *len bytes). */
static char *version(const struct change *c, size_t n, size_t *len)
{
	struct splice_error err;
	char *text = splice_changes(plan, c, n, len, &err);
	ck_assert_msg(text != NULL, "splice: %d", err.code);
	return text;
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static void write_version(const char *name, const struct change *c, size_t n)
{
	char path[PATH_MAX + 32];
	size_t len;
	char *text = version(c, n, &len);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	write_file(path, text, len);
	free(text);
}

/* The file is exactly plan.yaml with changes written in. */
static void expect_file(const struct change *c, size_t n, const char *why)
{
	size_t want_len, len;
	char *want = version(c, n, &want_len), *now = read_all(file, &len);
	ck_assert_ptr_nonnull(now);
	EXPECT(len == want_len && memcmp(now, want, len) == 0, "%s: the file is not as expected",
	       why);
	free(want);
	free(now);
}

static const char *status_label(const char *key)
{
	int s = plan_status_index(plan, key);
	ck_assert_int_ge(s, 0);
	return plan->statuses[s].label;
}

/* file = `plandash merge` of base.yaml, ours (file) and theirs.yaml: a
 * status changed to two values (1-2 2013), and a note on ours only. */
static void driver_conflict(struct change *ours, struct change *theirs)
{
	char cmd[4 * PATH_MAX];
	ours[0] = chg("1-2", 2013, FIELD_STATUS, "delayed");
	ours[1] = chg("1-1", 2012, FIELD_NOTE, "自分の備考");
	theirs[0] = chg("1-2", 2013, FIELD_STATUS, "dropped");
	fresh_copy();
	write_version("base.yaml", NULL, 0);
	write_version("theirs.yaml", theirs, 1);
	write_version("plan.yaml", ours, 2);
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' merge base.yaml plan.yaml theirs.yaml "
	         ">/dev/null 2>&1", dir, plandash_path);
	int st = system(cmd);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 1, "plandash merge: status %d", st);
}

START_TEST(test_markers_offer_the_picker)
{
	struct change ours[2], theirs[1];
	char buf[256];

	driver_conflict(ours, theirs);
	start(NULL);
	EXPECT_SCREEN(ja("A git merge left these fields changed on both sides:"));
	EXPECT_ROW(0, ja("Merge: choose the values to keep"));
	int row = vt_find_row(cur, 1, ja("keep: (choose o or t)"));
	EXPECT(row > 0, "no undecided conflict row");
	EXPECT_ROW(row, "1-2");
	snprintf(buf, sizeof buf, "%s %s", ja("base:"), status_label("done"));
	EXPECT_ROW(row + 1, buf);
	snprintf(buf, sizeof buf, "%s %s", ja("theirs:"), status_label("dropped"));
	EXPECT_ROW(row + 2, buf);
	EXPECT_ROW(row + 3, ja("ours:"));
	EXPECT_ROW(row + 3, status_label("delayed"));
	/* Enter before choosing writes nothing */
	vt_key(cur, VTERM_KEY_ENTER);
	snprintf(buf, sizeof buf, ja("Choose o or t for every field first (%zu left)."), (size_t)1);
	EXPECT_ROW(-1, buf);
	press("t");
	EXPECT_ROW(row, ja("keep: theirs"));
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_NO_SCREEN(ja("A git merge left these fields changed on both sides:"));
	/* the dashboard goes on with the file written */
	EXPECT_ROW(0, plan->title);
	press("q");
	expect_exit_ok("q after choosing");
	struct change want[2] = { theirs[0], ours[1] };
	expect_file(want, 2, "theirs chosen");
	char *got = get_entry("1-2", 2013);
	EXPECT(strstr(got, "status: dropped") != NULL, "plandash get shows\n%s", got);
	free(got);
}
END_TEST

START_TEST(test_markers_esc_leaves_the_file)
{
	struct change ours[2], theirs[1];
	size_t before_len, after_len;

	driver_conflict(ours, theirs);
	char *before = read_all(file, &before_len);
	start(NULL);
	EXPECT_SCREEN(ja("A git merge left these fields changed on both sides:"));
	vt_key(cur, VTERM_KEY_ESCAPE);
	expect_exit_ok("Esc on the merge picker");
	char *after = read_all(file, &after_len);
	EXPECT(before_len == after_len && memcmp(before, after, after_len) == 0,
	       "Esc changed the file");
	free(before);
	free(after);
}
END_TEST

/* git's own line merge conflicts on a status and the note below it: two
 * fields, each proposed from the side that changed it; Enter writes the
 * clean merge. */
START_TEST(test_git_markers_are_proposed)
{
	struct change ours = chg("1-1", 2012, FIELD_STATUS, "delayed");
	struct change theirs = chg("1-1", 2012, FIELD_NOTE, "相手の備考");
	char p[3][PATH_MAX + 32];
	struct vcs_result git;
	size_t len;
	int conflicts;

	fresh_copy();
	write_version("base.yaml", NULL, 0);
	write_version("ours.yaml", &ours, 1);
	write_version("theirs.yaml", &theirs, 1);
	snprintf(p[0], sizeof p[0], "%s/ours.yaml", dir);
	snprintf(p[1], sizeof p[1], "%s/base.yaml", dir);
	snprintf(p[2], sizeof p[2], "%s/theirs.yaml", dir);
	char *text = vcs_merge_lines(p[0], p[1], p[2], &len, &conflicts, &git);
	ck_assert_msg(text != NULL, "git merge-file: %d %s", git.status, git.message);
	ck_assert_int_eq(conflicts, 1);
	write_file(file, text, len);
	free(text);
	start(NULL);
	EXPECT_SCREEN(ja("A git merge left these fields changed on both sides:"));
	EXPECT_SCREEN(ja("keep: ours"));
	EXPECT_SCREEN(ja("keep: theirs"));
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_NO_SCREEN(ja("A git merge left these fields changed on both sides:"));
	press("q");
	expect_exit_ok("q after the proposed values");
	struct change both[2] = { ours, theirs };
	expect_file(both, 2, "the values proposed");
}
END_TEST

/* The output of a shell command run in dir (it must succeed). */
static char *sh(const char *cmd)
{
	char full[3 * PATH_MAX], *out = NULL;
	size_t len = 0;
	int c;
	snprintf(full, sizeof full, "cd '%s' && HOME='%s' GIT_CONFIG_NOSYSTEM=1 %s", dir, dir, cmd);
	FILE *p = popen(full, "r"), *m = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(m);
	while ((c = fgetc(p)) != EOF)
		fputc(c, m);
	fclose(m);
	ck_assert_msg(pclose(p) == 0, "%s failed:\n%s", cmd, out);
	return out;
}

/* --commit: w saves and commits, and the bottom line says so. */
START_TEST(test_w_commits)
{
	char want[256];

	fresh_copy();
	free(sh("git init -q -b main && git config user.name T && git config user.email t@e && "
	        "git add plan.yaml && git commit -q -m init"));
	setenv("HOME", dir, 1);   /* the program's git reads no configuration of the user's */
	start("--commit");
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, plan->policies[0].title);
	press("3");   /* 1-1 in the review year: done */
	press("w");
	snprintf(want, sizeof want, ja_n("Saved %zu change.", "Saved %zu changes.", 1), (size_t)1);
	EXPECT_SCREEN(want);
	char *head = sh("git rev-parse --short=7 HEAD");
	head[strcspn(head, "\n")] = '\0';
	snprintf(want, sizeof want, ja("committed as %.7s"), head);
	EXPECT_SCREEN(want);
	press("q");
	expect_exit_ok("q after a committed save");
	char *count = sh("git rev-list --count HEAD");
	EXPECT(strcmp(count, "2\n") == 0, "%s commits", count);
	char *subject = sh("git log -1 --format=%s");
	char line[256], y[64];
	snprintf(y, sizeof y, ja("Heisei %d"), fiscal_year_heisei(plan->review_year));
	snprintf(line, sizeof line, "1-1 %s: %s -> %s\n", y, status_label("in_progress"),
	         status_label("done"));
	EXPECT(strcmp(subject, line) == 0, "subject: %s", subject);
	free(head);
	free(count);
	free(subject);
}
END_TEST

int main(void)
{
	const struct e2e_test tests[] = {
		{ "w_commits", test_w_commits },
		{ "markers_offer_the_picker", test_markers_offer_the_picker },
		{ "markers_esc_leaves_the_file", test_markers_esc_leaves_the_file },
		{ "git_markers_are_proposed", test_git_markers_are_proposed },
	};
	Suite *s = suite_create("e2e_git");

	if (!e2e_init("check_e2e_git"))
		return 1;
	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return e2e_run(s);
}
