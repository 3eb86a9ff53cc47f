/* check_e2e_report.c - x in the dashboard writes a report of what the
 * screens show, through the real binary in a pseudo-terminal at 80x24
 * under ja_JP.UTF-8: the name proposed beside the plan, the report of the
 * current filter (the same bytes as `plandash report` with that filter),
 * the format picked by the extension, the second prompt before an
 * existing file is replaced (n keeps it, y replaces it), the plan
 * refused as a report's name, and the review date and fiscal year shown
 * (< and [) carried into the report. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "e2e_session.h"
#include "plan.h"
#include "query.h"
#include "vt.h"

static void enter(void)
{
	vt_key(cur, VTERM_KEY_ENTER);
}

/* The bottom rows joined, without spaces: a message wraps over rows, and
 * the wrap may take the space it breaks at. */
static void bottom_text(struct vt *vt, char *out, size_t size)
{
	char row[1024];
	size_t n = 0;

	for (int r = vt_rows(vt) - 4; r < vt_rows(vt); r++) {
		vt_row_trim(vt, r, row, sizeof row);
		for (const char *c = row; *c && n + 1 < size; c++)
			if (*c != ' ')
				out[n++] = *c;
	}
	out[n] = '\0';
}

static char wanted[4 * PATH_MAX];

static bool bottom_has(struct vt *vt, void *arg)
{
	char text[4096], needle[2048], *o = needle;

	(void)arg;
	for (const char *c = wanted; *c && o + 1 < needle + sizeof needle; c++)
		if (*c != ' ')
			*o++ = *c;
	*o = '\0';
	bottom_text(vt, text, sizeof text);
	return strstr(text, needle) != NULL;
}

#define EXPECT_BOTTOM(s) do { \
		snprintf(wanted, sizeof wanted, "%s", (s)); \
		EXPECT(settled(vt_wait(cur, bottom_has, NULL, WAIT_MS)), \
		       "the bottom rows never showed \"%s\"", wanted); \
	} while (0)

/* f, the status row s, Space, Esc: filter by one status. */
static void filter_status(int s)
{
	press("f");
	EXPECT_ROW(-1, "F:");
	press("g");
	for (int i = 0; i < s; i++)
		press("j");
	press(" ");
	vt_key(cur, VTERM_KEY_ESCAPE);
	EXPECT_ROW(-1, strstr(ja("Filter: %s (F clears it)."), "%s") + 2);
}

static size_t items_passing(const struct filter *f)
{
	size_t n = 0;

	PLAN_FOR_EACH_ITEM(w, plan)
		n += filter_item(plan, f, w.it);
	return n;
}

START_TEST(test_export)
{
	int late = plan_status_index(plan, "delayed");
	char md[PATH_MAX + 64], csv[PATH_MAX + 64], buf[4 * PATH_MAX], args[3 * PATH_MAX];
	struct filter f;
	struct stat before, after;
	size_t len, n;

	ck_assert_int_ge(late, 0);
	filter_clear(&f);
	f.statuses = UINT32_C(1) << late;
	n = items_passing(&f);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_lt(n, plan->n_items);
	fresh_copy();
	snprintf(md, sizeof md, "%s/plan-report-20170331.md", dir);
	snprintf(csv, sizeof csv, "%s/r.csv", dir);
	start(NULL);
	filter_status(late);

	/* x proposes plan-report-<the review date>.md beside the plan */
	press("x");
	EXPECT_ROW(-2, ja("Export a report to (.md .csv .html .json):"));
	EXPECT_ROW(-1, "plan-report-20170331.md");
	enter();
	snprintf(buf, sizeof buf, ja("Report written to %s (%s, %zu items)."), md, "Markdown", n);
	EXPECT_BOTTOM(buf);
	/* the same report as the command line's with the same filter */
	char *got = read_all(md, &len);
	ck_assert_ptr_nonnull(got);
	snprintf(args, sizeof args, "report '%s' --lang=ja --status delayed", file);
	char *want = run(args);
	ck_assert_msg(strcmp(got, want) == 0, "the dashboard's report differs from the CLI's");
	ck_assert_ptr_nonnull(strstr(got, "| 合計 | "));
	free(want);
	free(got);

	/* an existing file: n keeps it and goes back to the name */
	ck_assert_int_eq(stat(md, &before), 0);
	press("x");
	EXPECT_ROW(-1, "plan-report-20170331.md");
	enter();
	snprintf(buf, sizeof buf, ja("%s exists. Replace it with the report?"),
	         "plan-report-20170331.md");
	EXPECT_BOTTOM(buf);
	press("n");
	snprintf(buf, sizeof buf, ja("%s was left as it is: change the name, or Esc to cancel."), md);
	EXPECT_BOTTOM(buf);
	ck_assert_int_eq(stat(md, &after), 0);
	ck_assert(before.st_ino == after.st_ino && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);

	/* another name: .csv picks the CSV */
	vt_char(cur, 'u', VTERM_MOD_CTRL);
	press(csv);
	enter();
	snprintf(buf, sizeof buf, ja("Report written to %s (%s, %zu items)."), csv, "CSV", n);
	EXPECT_BOTTOM(buf);
	got = read_all(csv, &len);
	ck_assert_ptr_nonnull(got);
	ck_assert(len > 3 && memcmp(got, "\xef\xbb\xbf", 3) == 0);
	size_t rows = 0;
	for (size_t i = 0; i < len; i++)
		rows += got[i] == '\n' && i && got[i - 1] == '\r';
	ck_assert_uint_eq(rows, n + 1);
	free(got);

	/* the plan itself is refused, and Esc leaves */
	press("x");
	EXPECT_ROW(-1, "plan-report-20170331.md");
	vt_char(cur, 'u', VTERM_MOD_CTRL);
	press(file);
	enter();
	snprintf(buf, sizeof buf, ja("refusing to write a report over the plan itself (%s)"), file);
	EXPECT_BOTTOM(buf);
	vt_key(cur, VTERM_KEY_ESCAPE);
	EXPECT_BOTTOM(ja("No report was written."));
	got = read_all(file, &len);
	ck_assert(got && len == orig_len && memcmp(got, orig, len) == 0);
	free(got);

	/* y replaces it */
	press("x");
	EXPECT_ROW(-1, "plan-report-20170331.md");
	enter();
	snprintf(buf, sizeof buf, ja("%s exists. Replace it with the report?"),
	         "plan-report-20170331.md");
	EXPECT_BOTTOM(buf);
	press("y");
	snprintf(buf, sizeof buf, ja("Report written to %s (%s, %zu items)."), md, "Markdown", n);
	EXPECT_BOTTOM(buf);
	ck_assert_int_eq(stat(md, &after), 0);
	ck_assert(before.st_ino != after.st_ino);   /* renamed into place */
	press("q");
	expect_exit_ok("q after exporting");
}
END_TEST

/* Under a forced SSH command (the dashboard opened by empty words), x
 * writes only beside the plan: another directory is refused. */
START_TEST(test_export_confined_under_forced_command)
{
	char other[PATH_MAX + 64], beside[PATH_MAX + 64], buf[4 * PATH_MAX], lang[64], lc[64];
	const char *env[] = { lang, lc, localedir_env, "SSH_ORIGINAL_COMMAND=", NULL };
	const char *argv[] = { plandash_path, file, NULL };
	char err[256];
	struct stat st;

	fresh_copy();
	snprintf(lang, sizeof lang, "LANG=%s", JA);
	snprintf(lc, sizeof lc, "LC_ALL=%s", JA);
	snprintf(other, sizeof other, "%s/sub", dir);
	ck_assert_int_eq(mkdir(other, 0700), 0);
	snprintf(other, sizeof other, "%s/sub/r.md", dir);
	cur = vt_spawn(ROWS, COLS, argv, env, err, sizeof err);
	ck_assert_msg(cur != NULL, "cannot start %s: %s", plandash_path, err);
	EXPECT_SCREEN(plan->title);
	press("x");
	EXPECT_ROW(-1, "plan-report-20170331.md");
	vt_char(cur, 'u', VTERM_MOD_CTRL);
	press(other);
	enter();
	EXPECT_BOTTOM(ja("On this server a report is written only beside the plan: give a name "
	                 "without a directory."));
	EXPECT(stat(other, &st) != 0, "a report was written outside the plan's directory");
	vt_char(cur, 'u', VTERM_MOD_CTRL);
	press("r.md");
	enter();
	snprintf(beside, sizeof beside, "%s/r.md", dir);
	snprintf(buf, sizeof buf, ja("Report written to %s (%s, %zu items)."), beside, "Markdown",
	         plan->n_items);
	EXPECT_BOTTOM(buf);
	EXPECT(stat(beside, &st) == 0, "no report beside the plan");
	press("q");
	expect_exit_ok("q after exporting under a forced command");
}
END_TEST

/* x is a key of every browse screen, listed in its help. */
START_TEST(test_export_listed)
{
	fresh_copy();
	start("-r");                      /* read-only: a report changes nothing */
	const char *help = ja("Export a report of what is shown (the filter, the year and the "
	                      "review date) to a file: .md, .csv for Excel, .html to print, or .json");
	char start_of_help[64];

	/* the first words of its line in the help (the rest may wrap) */
	snprintf(start_of_help, sizeof start_of_help, "x                %.18s", help);
	press("?");
	EXPECT_ROW(0, ja("Help"));
	/* page down until the row shows (or the page ends) */
	for (int page = 0; page < 8 && !settled(vt_wait_screen(cur, start_of_help, 500)); page++)
		vt_key(cur, VTERM_KEY_PAGEDOWN);
	EXPECT_SCREEN(start_of_help);
	press("q");
	vt_key(cur, VTERM_KEY_ENTER);      /* the items of policy 1 */
	press("x");
	EXPECT_ROW(-1, "plan-report-20170331.md");
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("q");
	expect_exit_ok("q after x in the item list");
}
END_TEST

/* x reports the review date and the fiscal year the dashboard shows: <
 * and [ move both back, the proposed name carries that date, and the file
 * is the command line's report at that --date and --year. */
START_TEST(test_export_review_year)
{
	int review = -1, back, year = 0;
	char md[PATH_MAX + 64], name[64], args[3 * PATH_MAX], buf[4 * PATH_MAX];
	size_t len;

	for (size_t r = 0; r < plan->n_reviews; r++)
		if (plan->reviews[r].ymd == 20160331)
			review = (int)r;
	ck_assert_int_ge(review, 0);
	back = (int)plan->n_reviews - 1 - review;
	ck_assert_int_gt(back, 0);
	for (size_t y = 1; y < plan->n_years; y++)
		if (plan->years[y] == plan->review_year)
			year = plan->years[y - 1];   /* the year before the one shown first */
	ck_assert_int_gt(year, 0);
	fresh_copy();
	snprintf(name, sizeof name, "plan-report-20160331.md");
	snprintf(md, sizeof md, "%s/%s", dir, name);
	start("-r");
	for (int i = 0; i < back; i++)
		press("<");
	press("[");
	press("x");
	EXPECT_ROW(-1, name);
	enter();
	snprintf(buf, sizeof buf, ja("Report written to %s (%s, %zu items)."), md, "Markdown",
	         plan->n_items);
	EXPECT_BOTTOM(buf);
	char *got = read_all(md, &len);
	ck_assert_ptr_nonnull(got);
	snprintf(args, sizeof args, "report '%s' --lang=ja --date 2016-03-31 --year %d", file, year);
	char *want = run(args);
	ck_assert_msg(strcmp(got, want) == 0,
	              "the dashboard's report at 2016-03-31 and FY%d differs from the CLI's", year);
	ck_assert_ptr_nonnull(strstr(got, "\n| 合計 | 62 | 1 | 50 | 11 |\n"));
	free(want);
	free(got);
	press("q");
	expect_exit_ok("q after exporting another review date");
}
END_TEST

int main(void)
{
	const struct e2e_test tests[] = {
		{ "export", test_export },
		{ "export_listed", test_export_listed },
		{ "export_review_year", test_export_review_year },
		{ "export_confined", test_export_confined_under_forced_command },
	};
	Suite *s = suite_create("e2e_report");

	if (!e2e_init("check_e2e_report"))
		return 1;
	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return e2e_run(s);
}
