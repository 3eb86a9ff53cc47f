/* check_e2e_rate.c - the rating meeting through the real plandash binary in
 * a pseudo-terminal at 80x24 in Japanese, read back with libvterm: policy
 * 1 rated at a new review date added from the setup (+), one digit per
 * item, w; the saved file differs from plan.yaml by the one new `reviews`
 * element and one added line per item rated, as the independent reader
 * (tests/yaml_diff.py) confirms; before the save, the overview already
 * counts the new ratings at the new date.  In read-only mode a digit changes nothing
 * and the walk stays put.
 *
 * Every expected value is computed here from plan.yaml with the core API,
 * never written down by hand. */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e_session.h"
#include "plan.h"
#include "review.h"
#include "vt.h"

#define MAX_ITEMS 64

static void enter(void)
{
	keys_pressed++;
	vt_key(cur, VTERM_KEY_ENTER);
}

/* The items of policy p rated at review r, in plan order. */
static size_t rated_items(int p, int r, const struct item **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < plan->policies[p].n_items && n < max; i++)
		if (item_rating_at(&plan->policies[p].items[i], r))
			out[n++] = &plan->policies[p].items[i];
	return n;
}

/* The saved file is the original with lines inserted and nothing else
 * changed: returns how many, and copies the inserted lines (joined by
 * '\n') into ins. */
static size_t inserted_lines(char *ins, size_t size)
{
	size_t len, i = 0, j = 0, n = 0, used = 0;
	char *now = read_all(file, &len);
	struct lines a, b;

	ck_assert_ptr_nonnull(now);
	split(orig, orig_len, &a);
	split(now, len, &b);
	ins[0] = '\0';
	while (j < b.n) {
		if (i < a.n && same_line(&a, i, &b, j)) {
			i++, j++;
			continue;
		}
		/* b's line j is new: a's line i must come later in b */
		used += (size_t)snprintf(ins + used, used < size ? size - used : 0, "%.*s",
		                         (int)b.len[j], b.start[j]);
		used = used < size ? used : size - 1;
		j++, n++;
	}
	EXPECT(i == a.n, "line %zu of plan.yaml is changed or gone in the saved file", i + 1);
	lines_free(&a);
	lines_free(&b);
	free(now);
	return n;
}

/* Run tests/yaml_diff.py on the original and the copy with the expected
 * changes; the test fails when it does not confirm them. */
static void yaml_diff(const char *expect)
{
	char cmd[4 * PATH_MAX + 9000];
	int st;

	snprintf(cmd, sizeof cmd, "%s '%s/tests/yaml_diff.py' '%s' '%s' %s >/dev/null",
	         env_or("PYTHON3", "python3"), srcdir, orig_path, file, expect);
	st = system(cmd);
	EXPECT(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "yaml_diff.py does not confirm %s", expect);
}

/* Open policy 1 and the rating meeting's setup at 80x24. */
static void open_rating_setup(const char *option)
{
	fresh_copy();
	start(option);
	enter();
	EXPECT_ROW(0, plan->policies[0].title);
	press("m");
	EXPECT_SCREEN(ja("Meeting mode"));
	press("r");
	EXPECT_SCREEN(ja("Kind: ratings at a review date (r: yearly statuses)"));
}

/* 方針1 rated at a new review date, one digit per item: each item keeps
 * the rating it had at the previous review. */
START_TEST(test_rating_meeting_new_date)
{
	const struct item *items[MAX_ITEMS];
	int last = (int)plan->n_reviews - 1, date = review_next_date(plan);
	char buf[1024], label[64], iso[16], expect[8192], ins[8192];
	size_t n = rated_items(0, last, items, MAX_ITEMS), used;

	ck_assert_uint_gt(n, 0);
	review_label(plan, date, label, sizeof label);
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
	open_rating_setup(NULL);
	/* it proposes the latest review date */
	snprintf(buf, sizeof buf, ja("Review date: %s (%s)   ([ and ] change it, + adds the next)"),
	         plan->reviews[last].label, plan->reviews[last].date);
	EXPECT_SCREEN(buf);
	/* + adds the next half-year; the hint bar offers it */
	snprintf(buf, sizeof buf, "+:%s", ja("new date"));
	EXPECT_ROW(-1, buf);
	press("+");
	snprintf(buf, sizeof buf, ja("Review date: %s (%s)   ([ and ] change it, + adds the next)"),
	         label, iso);
	EXPECT_SCREEN(buf);
	snprintf(buf, sizeof buf, ja("No item is rated at this date yet: the items rated at %s."),
	         plan->reviews[last].label);
	EXPECT_SCREEN(buf);
	enter();
	used = (size_t)snprintf(expect, sizeof expect, "'reviews/%s/label=%s'", iso, label);
	for (size_t i = 0; i < n; i++) {
		const struct rating *was = item_rating_at(items[i], last);
		const struct rating_level *lv = &plan->rating_levels[was->level];
		char digit[2] = { (char)('1' + was->level), '\0' };

		snprintf(buf, sizeof buf, "%zu/%zu", i + 1, n);
		EXPECT_ROW(1, buf);
		EXPECT_SCREEN(items[i]->id);
		/* the previous rating is shown */
		snprintf(buf, sizeof buf, "%s  %s %s", plan->reviews[last].label, lv->key, lv->label);
		EXPECT_SCREEN(buf);
		EXPECT_SCREEN(ja("(not rated yet)"));
		press(digit);
		used += (size_t)snprintf(expect + used, sizeof expect - used, " '%s/%s/rating=%s'",
		                         items[i]->id, iso, lv->key);
	}
	/* the summary: the review date and one rating per item */
	snprintf(buf, sizeof buf, ja_n("Save? %zu change is not saved.",
	                               "Save? %zu changes are not saved.", n + 1), n + 1);
	EXPECT_SCREEN(buf);
	/* leave without saving: the overview counts the new ratings already
	 * (the meeting's date is the one shown from now on) */
	press("c");
	EXPECT_ROW(0, plan->policies[0].title);
	press("h");
	snprintf(buf, sizeof buf, ja("%*zu items"), 1, n);
	EXPECT_SCREEN(buf);
	EXPECT_SCREEN(label);
	press("w");
	snprintf(buf, sizeof buf, ja_n("Saved %zu change.", "Saved %zu changes.", n + 1), n + 1);
	EXPECT_ROW(-1, buf);
	press("q");
	expect_exit_ok("q after the rating meeting");

	/* one reviews element and one line per item, nothing else */
	EXPECT(inserted_lines(ins, sizeof ins) == n + 1, "want %zu inserted lines, got:\n%s", n + 1,
	       ins);
	snprintf(buf, sizeof buf, "  - {date: \"%s\", label: %s}", iso, label);
	EXPECT(strstr(ins, buf) != NULL, "no \"%s\" among the inserted lines:\n%s", buf, ins);
	yaml_diff(expect);
}
END_TEST

/* Read-only: a digit changes nothing and the walk stays on the item; + is
 * refused too. */
START_TEST(test_rating_meeting_read_only)
{
	const struct item *items[MAX_ITEMS];
	size_t n = rated_items(0, (int)plan->n_reviews - 1, items, MAX_ITEMS);
	char buf[64];

	open_rating_setup("-r");
	press("+");
	EXPECT_ROW(-1, ja("Read-only (-r): changes are turned off."));
	enter();
	snprintf(buf, sizeof buf, "1/%zu", n);
	EXPECT_ROW(1, buf);
	press("2");
	EXPECT_ROW(-1, ja("Read-only (-r): changes are turned off."));
	EXPECT_ROW(1, buf);
	EXPECT_SCREEN(items[0]->id);
	press("s");
	snprintf(buf, sizeof buf, "2/%zu", n);
	EXPECT_ROW(1, buf);
	vt_key(cur, VTERM_KEY_ESCAPE);
	EXPECT_SCREEN(ja("No changes in this meeting."));
	press("c");
	press("q");
	expect_exit_ok("q after a read-only rating meeting");
	size_t len;
	char *now = read_all(file, &len);
	EXPECT(now && len == orig_len && memcmp(now, orig, len) == 0, "the file changed");
	free(now);
}
END_TEST

static Suite *rate_suite(void)
{
	const struct e2e_test tests[] = {
		{ "rating_meeting_new_date", test_rating_meeting_new_date },
		{ "rating_meeting_read_only", test_rating_meeting_read_only },
	};
	Suite *s = suite_create("e2e_rate");

	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return s;
}

int main(void)
{
	if (!e2e_init("check_e2e_rate"))
		return 1;
	return e2e_run(rate_suite());
}
