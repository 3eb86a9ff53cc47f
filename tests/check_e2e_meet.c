/* check_e2e_meet.c - review meetings through the real plandash binary in
 * a pseudo-terminal at 80x24 in Japanese, read back with libvterm
 * (tests/vt.c): the ":" jump, the "/" search with n and N, the filters and
 * the counts that follow them, meeting mode over a whole policy with one
 * key per entry and the save, the 20-key budget for a year of policy 1,
 * the change log, the matrix, the year style, and live refresh while
 * another process saves the same file.
 *
 * Every expected number is computed here from plan.yaml with the core API
 * (query.h), never written down by hand.  Each test works on its own copy
 * of plan.yaml in a fresh temporary directory.
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <pwd.h>
#include <unistd.h>

#include "changelog.h"
#include "e2e_session.h"
#include "plan.h"
#include "query.h"
#include "search.h"
#include "vt.h"

/* ---- keys */

/* Enter, counted in keys_pressed as press() counts its keys. */
static void enter(void)
{
	keys_pressed++;
	vt_key(cur, VTERM_KEY_ENTER);
}

/* ---- comparing the saved file with the original */

/* The numbers (1-based) of the lines that differ between the original
 * and the saved file, which must have as many lines.  Returns how many. */
static size_t changed_lines(uint32_t *out, size_t max)
{
	size_t len, n = 0;
	char *now = read_all(file, &len);
	struct lines a, b;

	ck_assert_ptr_nonnull(now);
	split(orig, orig_len, &a);
	split(now, len, &b);
	EXPECT(a.n == b.n, "the saved file has %zu lines, the original %zu", b.n, a.n);
	for (size_t i = 0; i < a.n; i++) {
		if (same_line(&a, i, &b, i))
			continue;
		if (n < max)
			out[n] = (uint32_t)(i + 1);
		n++;
	}
	lines_free(&a);
	lines_free(&b);
	free(now);
	return n;
}

/* ---- what the screen should say */

static void heisei(int year, char *buf, size_t size)
{
	snprintf(buf, size, ja("Heisei %d"), fiscal_year_heisei(year));
}

static int policy_index(const struct item *it)
{
	for (size_t p = 0; p < plan->n_policies; p++)
		if (it >= plan->policies[p].items && it < plan->policies[p].items + plan->policies[p].n_items)
			return (int)p;
	return -1;
}

/* The row with the ">" marker (the selection), or -1. */
static int selected_row(void)
{
	char buf[4096];

	for (int r = 1; r < ROWS - 1; r++) {
		vt_row(cur, r, buf, sizeof buf);
		if (buf[0] == '>')
			return r;
	}
	return -1;
}

static bool selected_has(struct vt *vt, void *arg)
{
	char buf[4096];
	int r;

	(void)vt;
	r = selected_row();
	return r > 0 && strstr(vt_row(cur, r, buf, sizeof buf), (const char *)arg) != NULL;
}

static char selected_want[512];
#define EXPECT_SELECTED(s) do { \
	snprintf(selected_want, sizeof selected_want, "%s", (s)); \
	EXPECT(settled(vt_wait(cur, selected_has, selected_want, WAIT_MS)), \
	       "the selected row never showed \"%s\"", selected_want); \
	} while (0)

/* The overview's total row as the program should draw it for filter f:
 * the item count and "LETTERcount" for each status with entries. */
static void expect_totals(const struct filter *f, int year)
{
	struct tally t;
	char want[64], buf[4096];
	size_t items = 0;
	int row;

	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++)
			items += filter_item(plan, f, &plan->policies[p].items[i]);
	tally_count(plan, f, -1, year, &t);
	EXPECT_SCREEN(ja("Total"));
	row = vt_find_row(cur, 3, ja("Total"));
	EXPECT(row > 0, "no total row");
	vt_row(cur, row, buf, sizeof buf);
	snprintf(want, sizeof want, " %zu [", items);
	EXPECT(strstr(buf, want) != NULL, "the total row \"%s\" lacks the item count %zu", buf,
	       items);
	for (size_t s = 0; s < plan->n_statuses; s++) {
		if (!t.by_status[s])
			continue;
		snprintf(want, sizeof want, "%c%zu", plan->statuses[s].letter, t.by_status[s]);
		EXPECT(strstr(buf, want) != NULL, "the total row \"%s\" lacks %s", buf, want);
	}
	if (t.entries) {
		snprintf(want, sizeof want, "%3d%%", tally_percent_final(&t));
		EXPECT(strstr(buf, want) != NULL, "the total row \"%s\" lacks %s", buf, want);
	}
}

/* ---- tests */

START_TEST(test_jump)
{
	const struct item *it = plan_find_item(plan, "4-3");
	char buf[512], y[512];

	ck_assert_ptr_nonnull(it);
	fresh_copy();
	start(NULL);
	press(":4-3");
	EXPECT_ROW(-1, ":4-3");
	enter();
	snprintf(buf, sizeof buf, "%s > 4-3 > ", plan->policies[policy_index(it)].title);
	EXPECT_ROW(0, buf);
	EXPECT_SCREEN(it->title);
	/* with a year: 平成26年度 is selected */
	press(":4-3 H26");
	enter();
	snprintf(buf, sizeof buf, ja("Heisei %d (FY%d)"), 26, 2014);
	EXPECT_ROW(0, buf);
	EXPECT_SELECTED(buf);
	/* the same with 2012 */
	press(":4-3 2012");
	enter();
	snprintf(buf, sizeof buf, ja("Heisei %d (FY%d)"), 24, 2012);
	EXPECT_SELECTED(buf);
	snprintf(y, sizeof y, "%s", buf);
	/* an unknown item: a Japanese message, nothing moves */
	press(":9-99");
	enter();
	snprintf(buf, sizeof buf, ja("There is no item \"%s\" in this plan."), "9-99");
	EXPECT_ROW(-1, buf);
	EXPECT_SELECTED(y);
	EXPECT_ROW(0, "4-3");
	press("q");
	expect_exit_ok("q after jumps");
}
END_TEST

/* The view that shows match m: the item list for an id or a title (the
 * item selected), else the item's sheet (its id in the header). */
static void expect_at(const struct plan_pos *m)
{
	const struct item *it = pos_item(plan, m);

	if (m->field == MATCH_ID || m->field == MATCH_TITLE)
		EXPECT_SELECTED(it->id);
	else
		EXPECT_ROW(0, it->id);
}

/* "/" then n and N: the ranks on screen are those the core finds. */
START_TEST(test_search)
{
	const char *needle = "広告";
	struct plan_pos from = pos_item_start(0, 0), m;
	size_t total = search_count(plan, NULL, needle), k;
	char buf[512];
	struct vt_cell cell;
	int row, col;

	ck_assert_uint_gt(total, 2);
	fresh_copy();
	start(NULL);
	/* a Japanese substring: 広告収入 is 4-4's title */
	press("/広告収入");
	EXPECT_SELECTED("4-4");
	enter();
	snprintf(buf, sizeof buf, ja("Search \"%s\": %zu/%zu"), "広告収入", (size_t)1,
	         search_count(plan, NULL, "広告収入"));
	EXPECT_ROW(-1, buf);
	/* the match is underlined, not just coloured */
	row = selected_row();
	vt_row(cur, row, buf, sizeof buf);
	col = -1;
	for (int c = 0; c < COLS; c++) {
		if (vt_cell(cur, row, c, &cell) && strcmp(cell.text, "広") == 0) {
			col = c;
			break;
		}
	}
	EXPECT(col >= 0 && cell.underline && cell.bold, "広告 not underlined and bold in \"%s\"", buf);
	/* Esc cancels a search and goes back */
	press(":1-1");
	enter();
	EXPECT_ROW(0, "1-1");
	press("/広告");
	EXPECT_SELECTED("4-4");
	vt_key(cur, VTERM_KEY_ESCAPE);
	keys_pressed++;
	EXPECT_ROW(-1, ja("Search cancelled."));
	EXPECT_ROW(0, "1-1");
	/* n and N walk the matches of 広告 across the plan */
	vt_key(cur, VTERM_KEY_LEFT);
	vt_key(cur, VTERM_KEY_LEFT);
	EXPECT_ROW(0, plan->title);
	press("/広告");
	enter();
	ck_assert(search_find(plan, NULL, needle, &from, SEARCH_HERE, &m, NULL));
	k = search_rank(plan, NULL, needle, &m);
	snprintf(buf, sizeof buf, ja("Search \"%s\": %zu/%zu"), needle, k, total);
	EXPECT_ROW(-1, buf);
	for (int i = 0; i < 3; i++) {
		press("n");
		ck_assert(search_find(plan, NULL, needle, &m, SEARCH_NEXT, &m, NULL));
		k = search_rank(plan, NULL, needle, &m);
		snprintf(buf, sizeof buf, ja("Search \"%s\": %zu/%zu"), needle, k, total);
		EXPECT_ROW(-1, buf);
		expect_at(&m);
	}
	press("N");
	ck_assert(search_find(plan, NULL, needle, &m, SEARCH_PREV, &m, NULL));
	k = search_rank(plan, NULL, needle, &m);
	snprintf(buf, sizeof buf, ja("Search \"%s\": %zu/%zu"), needle, k, total);
	EXPECT_ROW(-1, buf);
	press("q");
	expect_exit_ok("q after searching");
}
END_TEST

/* The picker's selectable rows: statuses, any year, the years, revised,
 * overdue, the ratings, rated lower, any department, the departments. */
enum { PICK_STATUS = 0 };
static size_t pick_year(size_t y) { return plan->n_statuses + 1 + y; }
static size_t pick_revised(void) { return plan->n_statuses + 1 + plan->n_years; }
static size_t pick_overdue(void) { return pick_revised() + 1; }
static size_t pick_rating(size_t r) { return pick_overdue() + 1 + r; }
static size_t pick_rating_down(void) { return pick_rating(plan->n_rating_levels); }
static size_t pick_dept(size_t d) { return pick_rating_down() + 2 + d; }

/* f, go to a row, toggle it, close the picker. */
static void pick(size_t row)
{
	press("f");
	EXPECT_ROW(-1, "F:");
	press("g");
	for (size_t i = 0; i < row; i++)
		press("j");
	press(" ");
	vt_key(cur, VTERM_KEY_ESCAPE);
	keys_pressed++;
	/* the note after closing: "Filter: D (F clears it)." */
	EXPECT_ROW(-1, strstr(ja("Filter: %s (F clears it)."), "%s") + 2);
}

START_TEST(test_filters)
{
	const char **depts;
	size_t n_depts;
	struct filter f;
	char buf[256];
	int done = plan_status_index(plan, "done"), inprog = plan_status_index(plan, "in_progress");

	ck_assert_int_ge(done, 0);
	ck_assert_int_ge(inprog, 0);
	ck_assert_int_eq(plan_departments(plan, &depts, &n_depts), 0);
	ck_assert_uint_gt(n_depts, 2);
	fresh_copy();
	start(NULL);
	filter_clear(&f);
	f.reference_year = plan->review_year;
	expect_totals(&f, plan->review_year);

	/* a status */
	pick(PICK_STATUS + (size_t)done);
	f.statuses = UINT32_C(1) << done;
	snprintf(buf, sizeof buf, ja("[filter: %s]"), "D");
	EXPECT_ROW(0, buf);
	expect_totals(&f, plan->review_year);
	press("F");
	EXPECT_ROW(-1, ja("No filter: everything is shown."));
	filter_clear(&f);
	f.reference_year = plan->review_year;
	expect_totals(&f, plan->review_year);

	/* a fiscal year (the year shown follows it) */
	pick(pick_year(1));
	f.year = plan->years[1];
	expect_totals(&f, plan->years[1]);
	press("F");
	f.year = 0;
	press("]");                       /* back to the review year */
	snprintf(buf, sizeof buf, ja("Heisei %d (FY%d)"), fiscal_year_heisei(plan->review_year),
	         plan->review_year);
	EXPECT_ROW(0, buf);

	/* a department */
	pick(pick_dept(1));
	filter_set_department(&f, depts[1]);
	EXPECT_ROW(0, depts[1]);
	expect_totals(&f, plan->review_year);
	press("F");
	f.department[0] = '\0';

	/* revised at the review */
	pick(pick_revised());
	f.revised = true;
	expect_totals(&f, plan->review_year);
	press("F");
	f.revised = false;

	/* overdue before the year shown */
	pick(pick_overdue());
	f.overdue = true;
	expect_totals(&f, plan->review_year);
	/* ... also across all years: the five-year roll-up follows it */
	press("F");
	f.overdue = false;

	/* rated B at the latest review date, then also rated lower than at
	 * the date before */
	{
		int b = plan_rating_level_index(plan, "B");

		ck_assert_int_ge(b, 0);
		pick(pick_rating((size_t)b));
		f.ratings = UINT32_C(1) << b;
		f.reference_review = (int)plan->n_reviews - 1;
		EXPECT_ROW(0, ja("rated "));
		expect_totals(&f, plan->review_year);
		pick(pick_rating_down());
		f.rating_down = true;
		EXPECT_ROW(0, ja("rating down"));
		expect_totals(&f, plan->review_year);
		press("F");
		f.ratings = 0;
		f.rating_down = false;
	}

	/* a combination: in progress, revised, in one department */
	pick(PICK_STATUS + (size_t)inprog);
	pick(pick_revised());
	pick(pick_dept(0));
	f.statuses = UINT32_C(1) << inprog;
	f.revised = true;
	filter_set_department(&f, depts[0]);
	expect_totals(&f, plan->review_year);
	/* the item list hides what does not pass (the long filter label may
	 * clip the policy's title in the header) */
	enter();
	snprintf(buf, sizeof buf, ja("Policy %s"), plan->policies[0].id);
	EXPECT_ROW(0, buf);
	{
		const struct policy *p = &plan->policies[0];

		for (size_t i = 0; i < p->n_items; i++) {
			snprintf(buf, sizeof buf, " %s ", p->items[i].id);
			if (filter_item(plan, &f, &p->items[i]))
				EXPECT_SCREEN(buf);
			else
				EXPECT(vt_find_row(cur, 1, buf) < 0,
				       "%s is shown though the filter hides it", p->items[i].id);
		}
		press("F");
		snprintf(buf, sizeof buf, " %s ", p->items[p->n_items - 1].id);
		EXPECT_SCREEN(buf);
	}
	free(depts);
	press("q");
	expect_exit_ok("q after filtering");
}
END_TEST

/* The entries of `year` in policy p, in plan order (what meeting mode
 * walks), and the year it proposes: the first with an unfinished entry. */
static size_t policy_walk(int p, int year, struct entry_ref *out, size_t max)
{
	struct entry_ref *refs;
	size_t n, k = 0;

	ck_assert_int_eq(meeting_walk(plan, NULL, year, &refs, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (refs[i].policy == p && k < max)
			out[k++] = refs[i];
	free(refs);
	return k;
}

static int policy_default_year(int p)
{
	(void)p;
	/* the meeting proposes the year shown, which starts at the review year */
	return plan->review_year;
}

static const struct entry *ref_entry(const struct entry_ref *r)
{
	return &plan->policies[r->policy].items[r->item].entries[r->entry];
}

/* Walk policy p's year with one digit per entry: every status becomes
 * the next one in the vocabulary.  Checks the progress line on the way. */
static size_t walk_policy(int p, int *year, struct entry_ref *refs, size_t max, bool check)
{
	char buf[256], y[64];
	size_t n;

	*year = policy_default_year(p);
	n = policy_walk(p, *year, refs, max);
	ck_assert_uint_gt(n, 0);
	press("m");
	if (check) {
		snprintf(buf, sizeof buf, ja("Heisei %d (FY%d)"), fiscal_year_heisei(*year), *year);
		EXPECT_SCREEN(buf);
	}
	enter();
	for (size_t i = 0; i < n; i++) {
		const struct entry *e = ref_entry(&refs[i]);
		char digit[2] = { (char)('1' + (e->status + 1) % (int)plan->n_statuses), '\0' };

		if (check) {
			heisei(*year, y, sizeof y);
			snprintf(buf, sizeof buf, "%zu/%zu", i + 1, n);
			EXPECT_ROW(1, buf);
			EXPECT_SCREEN(plan->policies[p].items[refs[i].item].id);
		}
		press(digit);
	}
	return n;
}

static void user_name(char *buf, size_t size)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw && pw->pw_name)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "uid %u", (unsigned)getuid());
}

/* A whole meeting over policy 2 with one key per entry, the summary, the
 * save; the file differs in exactly those status lines and the history
 * holds one line per change with the user's name. */
START_TEST(test_meeting_policy2)
{
	struct entry_ref refs[256];
	uint32_t lines[512];
	char buf[512], user[256], path[PATH_MAX + 64], *hist;
	size_t n, changed, len, hist_lines = 0;
	int year;

	fresh_copy();
	start(NULL);
	press("j");
	enter();
	EXPECT_ROW(0, plan->policies[1].title);
	n = walk_policy(1, &year, refs, 256, true);
	/* the summary lists each change */
	snprintf(buf, sizeof buf, ja_n("Save? %zu change is not saved.",
	                               "Save? %zu changes are not saved.", n), n);
	EXPECT_SCREEN(buf);
	for (size_t i = 0; i < n; i++) {
		const struct entry *e = ref_entry(&refs[i]);
		char y[64];

		heisei(year, y, sizeof y);
		snprintf(buf, sizeof buf, "%s %s: %s -> %s", plan->policies[1].items[refs[i].item].id, y,
		         plan->statuses[e->status].label,
		         plan->statuses[(e->status + 1) % (int)plan->n_statuses].label);
		EXPECT_SCREEN(buf);
	}
	press("w");
	snprintf(buf, sizeof buf, ja_n("Saved %zu change.", "Saved %zu changes.", n), n);
	EXPECT_ROW(-1, buf);
	/* the change log shows them with the user's name */
	user_name(user, sizeof user);
	press("L");
	EXPECT_ROW(0, ja("Change log"));
	EXPECT_SCREEN(user);
	EXPECT_SCREEN(plan->policies[1].items[refs[n - 1].item].id);
	vt_key(cur, VTERM_KEY_LEFT);
	EXPECT_ROW(0, plan->policies[1].title);
	press("q");
	expect_exit_ok("q after the meeting");

	/* exactly the walked status lines changed */
	changed = changed_lines(lines, 512);
	EXPECT(changed == n, "%zu lines changed, want %zu", changed, n);
	for (size_t i = 0; i < n; i++) {
		const struct entry *e = ref_entry(&refs[i]);
		bool found = false;

		for (size_t k = 0; k < changed; k++)
			found |= lines[k] == e->status_span.line;
		EXPECT(found, "line %u (%s %d) did not change", (unsigned)e->status_span.line,
		       plan->policies[1].items[refs[i].item].id, year);
		free(get_entry(plan->policies[1].items[refs[i].item].id, year));
	}
	/* one history line per change: TIME USER ITEM YEAR status OLD NEW */
	snprintf(path, sizeof path, "%s.history", file);
	hist = read_all(path, &len);
	EXPECT(hist != NULL, "no %s", path);
	for (size_t i = 0; i < len; i++)
		hist_lines += hist[i] == '\n';
	EXPECT(hist_lines == n, "%zu history lines, want %zu:\n%s", hist_lines, n, hist);
	for (size_t i = 0; i < n; i++) {
		const struct entry *e = ref_entry(&refs[i]);

		snprintf(buf, sizeof buf, "\t%s\t%s\t%d\tstatus\t%s\t%s\n", user,
		         plan->policies[1].items[refs[i].item].id, year, plan->statuses[e->status].key,
		         plan->statuses[(e->status + 1) % (int)plan->n_statuses].key);
		EXPECT(strstr(hist, buf) != NULL, "the history lacks \"%s\":\n%s", buf, hist);
	}
	free(hist);
}
END_TEST

/* The budget: a year's review of policy 1's items, from launch to
 * the saved file, in at most 20 keys (Enter, m, Enter, one digit per item,
 * w, q). */
START_TEST(test_twenty_keys)
{
	struct entry_ref refs[256];
	char buf[256];
	size_t n;
	int year, st = 0;

	ck_assert_uint_eq(plan->policies[0].n_items, 15);
	fresh_copy();
	start(NULL);
	keys_pressed = 0;
	enter();
	n = walk_policy(0, &year, refs, 256, false);
	ck_assert_uint_eq(n, plan->policies[0].n_items);
	press("w");
	press("q");
	EXPECT(vt_wait_exit(cur, WAIT_MS, &st), "did not quit after w, q");
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exit status %d", WEXITSTATUS(st));
	vt_free(cur);
	cur = NULL;
	EXPECT(keys_pressed <= 20, "%d keys, the budget is 20", keys_pressed);
	fprintf(stderr, "# policy 1, FY%d: %zu entries reviewed and saved in %d keys\n", year, n,
	        keys_pressed);
	for (size_t i = 0; i < n; i++) {
		const struct entry *e = ref_entry(&refs[i]);
		char *got = get_entry(plan->policies[0].items[refs[i].item].id, year);

		snprintf(buf, sizeof buf, "status: %s\n",
		         plan->statuses[(e->status + 1) % (int)plan->n_statuses].key);
		EXPECT(strstr(got, buf) != NULL, "%s: %s", plan->policies[0].items[refs[i].item].id,
		       got);
		free(got);
	}
}
END_TEST

/* Another process saves while the dashboard is open: the view shows the
 * new status and note within a few seconds, and an unsaved edit made here
 * on another entry survives and is saved afterwards. */
START_TEST(test_live_refresh)
{
	const struct item *ours = plan_find_item(plan, "1-1"), *theirs = plan_find_item(plan, "1-2");
	const struct entry *eo, *et;
	int year = plan->review_year, so, st;
	char digit[2], args[2 * PATH_MAX], buf[512], *got;

	ck_assert_ptr_nonnull(ours);
	ck_assert_ptr_nonnull(theirs);
	eo = item_entry_for_year(ours, year);
	et = item_entry_for_year(theirs, year);
	so = (eo->status + 1) % (int)plan->n_statuses;
	st = (et->status + 2) % (int)plan->n_statuses;
	digit[0] = (char)('1' + so);
	digit[1] = '\0';
	fresh_copy();
	start(NULL);
	enter();
	EXPECT_ROW(0, plan->policies[0].title);
	press(digit);                     /* unsaved: 1-1 */
	snprintf(buf, sizeof buf, ja("[+%zu modified]"), (size_t)1);
	EXPECT_ROW(0, buf);
	snprintf(args, sizeof args, "set '%s' 1-2 %d %s --note '他の端末から'", file, year,
	         plan->statuses[st].key);
	free(run(args));
	/* the poll runs every ~2 s: the message comes within a few seconds */
	EXPECT(settled(vt_wait_screen(cur, strtok(strcpy(buf, ja("Another session saved: %zu changes (%s).")), "%"), 6000)),
	       "no reload message");
	EXPECT(vt_find_row(cur, vt_find_row(cur, 1, strtok(strcpy(buf, ja("Another session saved: %zu changes (%s).")), "%")), "1-2") > 0,
	       "the reload message does not name 1-2");
	snprintf(buf, sizeof buf, "[%c]", plan->statuses[st].letter);
	EXPECT(vt_find_row(cur, 2, " 1-2 ") > 0, "no 1-2 row");
	EXPECT(settled(vt_wait_row(cur, vt_find_row(cur, 2, " 1-2 "), buf, WAIT_MS)),
	       "1-2 does not show %s", buf);
	snprintf(buf, sizeof buf, ja("[+%zu modified]"), (size_t)1);
	EXPECT_ROW(0, buf);
	/* the note shows on 1-2's sheet */
	press("j");
	enter();
	EXPECT_SCREEN("他の端末から");
	press("w");
	snprintf(buf, sizeof buf, ja_n("Saved %zu change.", "Saved %zu changes.", 1), (size_t)1);
	EXPECT_ROW(-1, buf);
	press("q");
	expect_exit_ok("q after the live refresh");
	got = get_entry("1-1", year);
	snprintf(buf, sizeof buf, "status: %s\n", plan->statuses[so].key);
	EXPECT(strstr(got, buf) != NULL, "our edit was lost: %s", got);
	free(got);
	got = get_entry("1-2", year);
	snprintf(buf, sizeof buf, "status: %s\n", plan->statuses[st].key);
	EXPECT(strstr(got, buf) != NULL && strstr(got, "note: 他の端末から") != NULL,
	       "their change was lost: %s", got);
	free(got);
}
END_TEST

/* The matrix, the year style and the five-year roll-up. */
START_TEST(test_matrix_and_years)
{
	const struct item *it = &plan->policies[0].items[0];
	char cells[64] = "", buf[512];
	int row;

	for (size_t k = 0; k < plan->n_years; k++) {
		char c[8];

		snprintf(c, sizeof c, "%c    ", matrix_cell(plan, NULL, it, plan->years[k]));
		strcat(cells, c);
	}
	cells[strlen(cells) - 4] = '\0';
	fresh_copy();
	start(NULL);
	/* the roll-up: one row per policy with a percentage per year */
	EXPECT_SCREEN(ja("Finished %"));
	press("M");
	EXPECT_ROW(0, ja("Status matrix: items by year"));
	EXPECT_SCREEN("H23");
	row = vt_find_row(cur, 1, " 1-1 ");
	EXPECT(row > 0, "no 1-1 row in the matrix");
	EXPECT_ROW(row, cells);
	/* y: FY years everywhere */
	press("y");
	EXPECT_SCREEN("2011");
	EXPECT_NO_SCREEN("H23");
	vt_key(cur, VTERM_KEY_LEFT);
	snprintf(buf, sizeof buf, "FY%d", plan->review_year);
	EXPECT_ROW(0, buf);
	heisei(plan->review_year, buf, sizeof buf);
	EXPECT(vt_find_row(cur, 0, buf) < 0, "still shows %s", buf);
	press("y");
	EXPECT_ROW(0, buf);
	/* 40x10: still drawn, nothing crashes */
	vt_resize(cur, 10, 40);
	press("M");
	EXPECT_SCREEN("1-1");
	vt_resize(cur, ROWS, COLS);
	press("q");
	expect_exit_ok("q after the matrix");
}
END_TEST

/* ---- runner */

static Suite *meet_suite(void)
{
	const struct e2e_test tests[] = {
		{ "jump", test_jump }, { "search", test_search }, { "filters", test_filters },
		{ "meeting_policy2", test_meeting_policy2 }, { "twenty_keys", test_twenty_keys },
		{ "live_refresh", test_live_refresh }, { "matrix_and_years", test_matrix_and_years },
	};
	Suite *s = suite_create("e2e_meet");

	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return s;
}

int main(void)
{
	if (!e2e_init("check_e2e_meet"))
		return 1;
	return e2e_run(meet_suite());
}
