/* check_e2e_newcomer.c - what a new user trips over, through the real
 * plandash binary in a pseudo-terminal at 80x24 in Japanese: the meeting
 * proposes the year shown and names its scope, read-only meetings do not
 * move on a digit, long lists scroll with g/G and show marks, a change is
 * shown whole, moving in a sheet or through matches never changes the
 * year shown, text is cut with "…", help wraps, narrow hint bars keep ?
 * and q, the item list labels its years, the filter picker narrows as you
 * type and remembers, undo shows where it changed, the terminal cursor
 * sits on the selected row, and the ratings are counted and shown.
 *
 * Expected values are computed from plan.yaml with the core API. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e_session.h"
#include "plan.h"
#include "query.h"
#include "vt.h"

/* The first n characters of s (UTF-8), into buf. */
static const char *prefix(const char *s, int n, char *buf, size_t size)
{
	size_t k = 0;

	for (int chars = 0; s[k] && chars < n && k + 4 < size; chars++)
		do
			k++;
		while (((unsigned char)s[k] & 0xC0) == 0x80);
	memcpy(buf, s, k);
	buf[k] = '\0';
	return buf;
}

/* The selected row (reverse video) shows `wanted`. */
static const char *wanted;

static bool selected_has(struct vt *vt, void *arg)
{
	char row[1024];

	(void)arg;
	for (int r = 1; r < ROWS - 1; r++) {
		struct vt_cell c;

		if (vt_cell(vt, r, 0, &c) && c.reverse && strstr(vt_row(vt, r, row, sizeof row), wanted))
			return true;
	}
	return false;
}
#define EXPECT_SELECTED(s) \
	EXPECT((wanted = (s), settled(vt_wait(cur, selected_has, NULL, WAIT_MS))), \
	       "the selected row never showed \"%s\"", (s))

static void year_label(int year, char *buf, size_t size)
{
	snprintf(buf, size, ja("Heisei %d (FY%d)"), fiscal_year_heisei(year), year);
}

static void year_short(int year, char *buf, size_t size)
{
	snprintf(buf, size, ja("Heisei %d"), fiscal_year_heisei(year));
}

/* Entries of policy p in year that are not in a final status. */
static size_t unfinished(int p, int year)
{
	size_t n = 0;

	for (size_t i = 0; i < plan->policies[p].n_items; i++) {
		const struct entry *e = item_entry_for_year(&plan->policies[p].items[i], year);

		n += e && !plan->statuses[e->status].final;
	}
	return n;
}

/* ---- meetings */

START_TEST(test_meeting_proposes_year_shown)
{
	char buf[256], y[64];
	int earlier = plan->review_year - 1;
	size_t open = unfinished(0, earlier);

	ck_assert_uint_gt(open, 0);          /* the plan has late entries of FY2012 */
	fresh_copy();
	start(NULL);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, plan->policies[0].title);
	press("m");
	/* the year shown, not the earliest unfinished one */
	year_label(plan->review_year, y, sizeof y);
	snprintf(buf, sizeof buf, ja("Year: %s   ([ and ] change it)"), y);
	EXPECT_SCREEN(buf);
	/* the earlier year with unfinished entries is named, with the count */
	year_short(earlier, y, sizeof y);
	snprintf(buf, sizeof buf, ja_n("%s: %zu entry not finished ([ selects it)",
	                               "%s: %zu entries not finished ([ selects it)", open), y, open);
	EXPECT_SCREEN(buf);
	/* the header names the scope, not an item */
	EXPECT_ROW(0, ja("Meeting"));
	EXPECT_ROW(0, plan->policies[0].title);
	snprintf(buf, sizeof buf, " > %s > ", plan->policies[0].items[0].id);
	EXPECT(vt_find_row(cur, 0, buf) != 0, "the setup's header names item %s",
	       plan->policies[0].items[0].id);
	/* [ selects the earlier year */
	press("[");
	year_label(earlier, y, sizeof y);
	snprintf(buf, sizeof buf, ja("Year: %s   ([ and ] change it)"), y);
	EXPECT_SCREEN(buf);
	/* two years on, the hint counts the presses back to it */
	press("]]]");
	year_short(earlier, y, sizeof y);
	snprintf(buf, sizeof buf, ja_n("%s: %zu entry not finished ([ %d times selects it)",
	                               "%s: %zu entries not finished ([ %d times selects it)", open),
	         y, open, 3);
	EXPECT_SCREEN(buf);
	vt_key(cur, VTERM_KEY_ESCAPE);
	EXPECT_SCREEN(ja("Meeting cancelled."));
	/* from the overview: the whole plan */
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("m");
	EXPECT_ROW(0, ja("the whole plan"));
	press("q");                       /* q cancels the setup, then quits */
	EXPECT_SCREEN(ja("Meeting cancelled."));
	press("q");
	expect_exit_ok("q after the setup");
}
END_TEST

/* The digit of the status the walk shows ("[I]" on the status row). */
static char shown_status_digit(void)
{
	char row[1024];
	int r = vt_find_row(cur, 1, ja("Status: "));

	EXPECT(r > 0, "no status row");
	vt_row(cur, r, row, sizeof row);
	for (size_t s = 0; s < plan->n_statuses; s++) {
		char mark[4] = { '[', plan->statuses[s].letter, ']', '\0' };

		if (strstr(row, mark))
			return (char)('1' + s);
	}
	FAIL("no status letter on row %d", r);
}

START_TEST(test_meeting_read_only)
{
	char buf[256], digit[2] = "";

	fresh_copy();
	start("-r");
	press("m");
	vt_key(cur, VTERM_KEY_ENTER);
	snprintf(buf, sizeof buf, "1/%zu", plan->n_items);
	EXPECT_ROW(1, buf);
	/* the digit of the status the entry already has: it "succeeds" */
	digit[0] = shown_status_digit();
	press(digit);
	EXPECT_SCREEN(ja("Read-only (-r): changes are turned off."));
	/* the digit did not move the walk on */
	EXPECT_ROW(1, buf);
	/* navigation still works */
	press("s");
	snprintf(buf, sizeof buf, "2/%zu", plan->n_items);
	EXPECT_ROW(1, buf);
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("c");
	press("q");
	expect_exit_ok("q in read-only");
}
END_TEST

/* A whole-plan meeting that changes every entry: the summary is longer
 * than the screen, so it scrolls; a long note is shown whole on Enter. */
START_TEST(test_summary_scrolls_and_shows_whole)
{
	static const char note[] =
		"NOTESTART 長い備考のテストです。この文章は一行に収まらないほど長く、"
		"要約と履歴で途中で切られずに読めることを確かめます。NOTEEND";
	char digits[512] = "", buf[256];
	const struct item *last = NULL;
	size_t n = 0;

	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct entry *e =
				item_entry_for_year(&plan->policies[p].items[i], plan->review_year);

			if (!e)
				continue;
			digits[n++] = (char)('1' + (e->status + 1) % (int)plan->n_statuses);
			last = &plan->policies[p].items[i];
		}
	ck_assert_uint_gt(n, ROWS);
	fresh_copy();
	start(NULL);
	press("m");
	vt_key(cur, VTERM_KEY_ENTER);
	press("n");
	vt_text(cur, note);
	vt_key(cur, VTERM_KEY_ENTER);
	press(digits);
	{
		char y[64];

		year_label(plan->review_year, y, sizeof y);
		snprintf(buf, sizeof buf, ja_n("Meeting %s: %zu change", "Meeting %s: %zu changes",
		                               n + 1), y, n + 1);
		EXPECT_SCREEN(buf);
	}
	/* more below: the mark on the last row of the list */
	EXPECT(settled(vt_wait_row(cur, ROWS - 2, "v", WAIT_MS)), "no mark of more rows below");
	/* G: the last change is on screen, and a mark of more above */
	press("G");
	EXPECT_SCREEN(last->id);
	EXPECT(vt_find_row(cur, 1, "^") > 0, "no mark of more rows above");
	vt_key(cur, VTERM_KEY_HOME);
	EXPECT_SCREEN("NOTESTART");
	/* the note's change is the second row (after the first status); Enter
	 * shows it whole, wrapped */
	vt_key(cur, VTERM_KEY_DOWN);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, ja("Meeting: a change"));
	EXPECT_SCREEN(ja("After:"));
	EXPECT_SCREEN("NOTESTART");
	EXPECT_SCREEN("NOTEEND");
	press("q");
	press("w");
	snprintf(buf, sizeof buf, ja_n("Saved %zu change.", "Saved %zu changes.", n + 1), n + 1);
	EXPECT_SCREEN(buf);
	/* the log shows the note's change whole too, with a local time */
	press("L");
	EXPECT_ROW(0, ja("Change log"));
	press("G");
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_SCREEN("NOTEEND");
	press("q");
	EXPECT_ROW(0, ja("Change log"));
	press("q");
	expect_exit_ok("q after the log");
}
END_TEST

/* ---- the year shown */

START_TEST(test_sheet_keeps_year_shown)
{
	char y[64], first[64];

	year_label(plan->review_year, y, sizeof y);
	year_label(plan->years[0], first, sizeof first);
	fresh_copy();
	start(NULL);
	vt_key(cur, VTERM_KEY_ENTER);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, y);
	press("g");                       /* the sheet's own cursor goes to FY2011 */
	EXPECT_ROW(0, first);
	press("h");
	EXPECT_ROW(0, y);                 /* the list still shows the review year */
	press("h");
	EXPECT_ROW(0, y);
	EXPECT_SCREEN(y);
	press("q");
	expect_exit_ok("q");
}
END_TEST

START_TEST(test_search_keeps_year_shown)
{
	char y[64], needle[64];
	const struct item *it = &plan->policies[3].items[2];
	const struct entry *e = &it->entries[0];

	ck_assert_int_ne(e->year, plan->review_year);
	/* that entry's plan text (its first 20 characters) */
	prefix(e->plan, 20, needle, sizeof needle);
	year_label(plan->review_year, y, sizeof y);
	fresh_copy();
	start(NULL);
	press("/");
	vt_text(cur, needle);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, " > ");
	vt_key(cur, VTERM_KEY_ESCAPE);
	vt_key(cur, VTERM_KEY_ESCAPE);
	EXPECT_ROW(0, y);
	press("q");
	expect_exit_ok("q");
}
END_TEST

/* The search covers what is drawn and folds case and width: /pdca selects
 * the policy whose title holds PDCA; ４－３ finds item 4-3. */
START_TEST(test_search_folds_and_finds_policies)
{
	char buf[256];
	const struct policy *pdca = NULL;

	for (size_t p = 0; p < plan->n_policies && !pdca; p++)
		if (strstr(plan->policies[p].title, "PDCA"))
			pdca = &plan->policies[p];
	ck_assert_ptr_nonnull(pdca);
	fresh_copy();
	start(NULL);
	press("/pdca");
	vt_key(cur, VTERM_KEY_ENTER);
	snprintf(buf, sizeof buf, ja("Policy %s"), pdca->id);
	EXPECT_SELECTED(buf);
	press("/");
	vt_text(cur, "４－３");
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_SELECTED("4-3");
	press("q");
	expect_exit_ok("q");
}
END_TEST

/* ---- text that says where it was cut */

/* Whether a row of the body ends in "…" (a text cut to fit). */
static bool row_ends_cut(void)
{
	char row[1024];

	for (int r = 1; r < ROWS - 1; r++) {
		size_t n = strlen(vt_row_trim(cur, r, row, sizeof row));

		if (n >= 3 && strcmp(row + n - 3, "\xe2\x80\xa6") == 0)
			return true;
	}
	return false;
}

START_TEST(test_help_wraps_and_narrow_hints)
{
	char buf[256];

	fresh_copy();
	start(NULL);
	vt_key(cur, VTERM_KEY_ENTER);
	press("?");
	/* a long help text is there, and no page of the help cuts a line */
	prefix(ja("Jump to an item by id or number, e.g. :4-3, :27 or :4-3 H26 "
	          "(also selects the year)"), 6, buf, sizeof buf);
	bool found = false;
	for (int page = 0; page < 10; page++) {
		found |= vt_wait_screen(cur, buf, 300);
		EXPECT(!row_ends_cut(), "page %d of the help cuts a line", page);
		vt_key(cur, VTERM_KEY_PAGEDOWN);
		vt_pump_quiet(cur, 50, WAIT_MS);
	}
	EXPECT(found, "the help never showed \"%s\"", buf);
	press("q");
	/* at 60 columns the hint bar keeps ? and q */
	vt_resize(cur, 20, 60);
	snprintf(buf, sizeof buf, "?:%s", ja("help"));
	EXPECT_ROW(-1, buf);
	snprintf(buf, sizeof buf, "q:%s", ja("quit"));
	EXPECT_ROW(-1, buf);
	press("q");
	expect_exit_ok("q");
}
END_TEST

START_TEST(test_year_labels_and_departments)
{
	char row[1024];

	fresh_copy();
	start(NULL);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(1, "H23 H24 H25 H26 H27");
	press("y");
	EXPECT_ROW(1, "2011 2012 2013 2014 2015");
	press("y");
	/* at 120 columns the longest department shows whole; at 80 it is cut
	 * with "…" */
	EXPECT_SCREEN("\xe2\x80\xa6");
	vt_resize(cur, ROWS, 120);
	EXPECT_SCREEN(plan->policies[0].items[0].departments[0]);
	vt_row(cur, 2, row, sizeof row);
	EXPECT(strstr(row, "\xe2\x80\xa6") == NULL, "row 2 is cut at 120 columns: %s", row);
	press("q");
	expect_exit_ok("q");
}
END_TEST

/* Sheets whose texts, wrapped at 80 columns, used to start a line with a
 * closing mark: no row starts with one now. */
START_TEST(test_sheet_line_breaking)
{
	static const char *const ids[] = { "1-5", "1-7", "1-14", "2-5", "4-4" };
	static const char *const closing[] = { "、", "。", "，", "．", "）", "」", "』", "】" };
	char row[1024], cmd[32];

	fresh_copy();
	start(NULL);
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		snprintf(cmd, sizeof cmd, ":%s", ids[i]);
		press(cmd);
		vt_key(cur, VTERM_KEY_ENTER);
		snprintf(cmd, sizeof cmd, " > %s > ", ids[i]);
		EXPECT_ROW(0, cmd);
		for (int page = 0; page < 3; page++) {
			for (int r = 1; r < ROWS - 1; r++) {
				const char *t = vt_row(cur, r, row, sizeof row);

				while (*t == ' ')
					t++;
				for (size_t k = 0; k < sizeof closing / sizeof closing[0]; k++)
					EXPECT(strncmp(t, closing[k], strlen(closing[k])) != 0,
					       "%s: row %d starts with %s", ids[i], r, closing[k]);
			}
			vt_key(cur, VTERM_KEY_PAGEDOWN);
			vt_pump_quiet(cur, 50, WAIT_MS);
		}
	}
	press("q");
	expect_exit_ok("q");
}
END_TEST

/* ---- pickers */

START_TEST(test_filter_picker_narrows_and_remembers)
{
	char buf[256];

	fresh_copy();
	start(NULL);
	press("f");
	vt_text(cur, "財政");
	EXPECT_SCREEN("財政課");
	EXPECT_NO_SCREEN("都市計画課");
	EXPECT_NO_SCREEN(ja("Fiscal year"));
	/* the cursor is on the first match: Space chooses it */
	press(" ");
	EXPECT_SCREEN("(*)");
	vt_key(cur, VTERM_KEY_ESCAPE);    /* clears the text */
	EXPECT_SCREEN(ja("Fiscal year"));
	vt_key(cur, VTERM_KEY_ESCAPE);    /* closes */
	snprintf(buf, sizeof buf, ja("[filter: %s]"), "財政課");
	EXPECT_ROW(0, buf);
	press("F");
	EXPECT_NO_SCREEN(buf);
	/* opened again: the cursor is where it was (on 財政課) */
	press("f");
	press(" ");
	EXPECT_ROW(0, buf);
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("q");
	expect_exit_ok("q");
}
END_TEST

/* ---- undo shows where */

START_TEST(test_undo_shows_the_entry)
{
	const struct item *it = &plan->policies[0].items[2];
	const struct entry *e = item_entry_for_year(it, plan->review_year);
	int to = (e->status + 1) % (int)plan->n_statuses;
	char digit[2] = { (char)('1' + to), '\0' }, buf[512], y[64], crumb[64];

	fresh_copy();
	start(NULL);
	vt_key(cur, VTERM_KEY_ENTER);
	press("jj");
	press(digit);
	press("h");                       /* back to the overview */
	press("u");
	/* the item's sheet, and what the undo did */
	snprintf(crumb, sizeof crumb, " > %s > ", it->id);
	EXPECT_ROW(0, crumb);
	year_short(plan->review_year, y, sizeof y);
	snprintf(buf, sizeof buf, "%s %s: %s -> %s", it->id, y, plan->statuses[to].label,
	         plan->statuses[e->status].label);
	char undone[600];
	snprintf(undone, sizeof undone, ja("Undone: %s"), buf);
	EXPECT_SCREEN(undone);
	press("q");
	expect_exit_ok("q after undo");
}
END_TEST

/* ---- the terminal cursor */

START_TEST(test_cursor_on_selected_row)
{
	int row, col, sel;

	fresh_copy();
	start(NULL);
	vt_key(cur, VTERM_KEY_ENTER);
	press("jjj");
	EXPECT_SCREEN(plan->policies[0].items[3].id);
	sel = vt_find_row(cur, 1, "> ");
	EXPECT(sel > 0, "no selected row");
	vt_cursor(cur, &row, &col);
	EXPECT(row == sel, "the cursor is on row %d, the selection on row %d", row, sel);
	press("m");
	vt_key(cur, VTERM_KEY_ENTER);
	press("s");
	EXPECT_SCREEN(ja("Status: "));
	vt_cursor(cur, &row, &col);
	EXPECT(row == vt_find_row(cur, 1, ja("Status: ")), "the cursor is not on the status row");
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("c");
	press("q");
	expect_exit_ok("q");
}
END_TEST

/* ---- ratings */

/* A row of the screen with runs of spaces squeezed to one. */
static char *squeezed_row(int r, char *buf, size_t size)
{
	char raw[1024];
	size_t k = 0;

	vt_row(cur, r, raw, sizeof raw);
	for (const char *p = raw; *p && k + 1 < size; p++)
		if (*p != ' ' || (k && buf[k - 1] != ' '))
			buf[k++] = *p;
	buf[k] = '\0';
	return buf;
}

/* "S 1 (±0) A 50 (+1) B 11 (±0)": the whole plan's ratings at review r,
 * counted here, with the change since review r - 1. */
static void rating_cells(int r, char *buf, size_t size)
{
	size_t now[8] = { 0 }, before[8] = { 0 };

	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			const struct rating *a = item_rating_at(it, r), *b = item_rating_at(it, r - 1);

			if (a)
				now[a->level]++;
			if (b)
				before[b->level]++;
		}
	buf[0] = '\0';
	for (size_t l = 0; l < plan->n_rating_levels && l < 8; l++) {
		char change[32];

		if (now[l] > before[l])
			snprintf(change, sizeof change, "(+%zu)", now[l] - before[l]);   /* the same in Japanese */
		else if (now[l] < before[l])
			snprintf(change, sizeof change, ja("(-%zu)"), before[l] - now[l]);
		else
			snprintf(change, sizeof change, "%s", ja("(0)"));
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s %zu %s", l ? " " : "",
		         plan->rating_levels[l].key, now[l], change);
	}
}

/* The overview counts the ratings at the latest review date and, after <,
 * at the one before (S 1 / A 50 / B 11 at 平成28年3月末), with the change
 * since the date before; the item list shows each item's rating then, and
 * the sheet the whole history with its notes. */
START_TEST(test_ratings_on_screen)
{
	int last = (int)plan->n_reviews - 1, row;
	char buf[512], want[256], label[128];

	ck_assert_int_ge(last, 1);
	fresh_copy();
	start(NULL);
	for (int r = last; r >= last - 1; r--) {
		snprintf(label, sizeof label, ja("Ratings %s"), plan->reviews[r].label);
		EXPECT_SCREEN(label);
		row = vt_find_row(cur, 1, label);
		row = vt_find_row(cur, row + 1, ja("Total"));
		EXPECT(row > 0, "no total row under the ratings");
		rating_cells(r, want, sizeof want);
		EXPECT(strstr(squeezed_row(row, buf, sizeof buf), want) != NULL,
		       "the ratings' total row \"%s\" lacks \"%s\"", buf, want);
		press("<");
	}
	/* the published figures, at 2016-03-31 */
	EXPECT(strstr(buf, "S 1 ") && strstr(buf, "A 50 ") && strstr(buf, "B 11 "),
	       "not S 1 / A 50 / B 11: %s", buf);
	/* the item list of 方針1 at that date (the loop went one further) */
	press(">");
	vt_key(cur, VTERM_KEY_ENTER);
	snprintf(label, sizeof label, ja("Ratings %s"), plan->reviews[last - 1].label);
	EXPECT_ROW(0, label);
	for (size_t i = 0; i < plan->policies[0].n_items; i++) {
		const struct item *it = &plan->policies[0].items[i];
		const struct rating *rt = item_rating_at(it, last - 1);
		char id[32];

		snprintf(id, sizeof id, " %s ", it->id);
		row = vt_find_row(cur, 1, id);
		EXPECT(row > 0 && rt, "no row for %s, or not rated", it->id);
		snprintf(want, sizeof want, " %s ", plan->rating_levels[rt->level].key);
		squeezed_row(row, buf, sizeof buf);
		EXPECT(strstr(buf + strlen(buf) - 6, want) != NULL, "%s: no rating %s at the end of "
		       "\"%s\"", it->id, want, buf);
	}
	/* the sheet of 2-4: its history, with the last note */
	press(":2-4");
	vt_key(cur, VTERM_KEY_ENTER);
	press("G");
	EXPECT_SCREEN(ja("Rating history"));
	{
		const struct item *it = &plan->policies[1].items[3];
		const struct rating *rt = &it->ratings[it->n_ratings - 1];

		ck_assert_str_eq(it->id, "2-4");
		snprintf(want, sizeof want, "%s  %s %s", plan->reviews[rt->review].label,
		         plan->rating_levels[rt->level].key, plan->rating_levels[rt->level].label);
		EXPECT_SCREEN(want);
		ck_assert_ptr_nonnull(rt->note);
		prefix(rt->note, 10, want, sizeof want);
		EXPECT_SCREEN(want);
	}
	press("q");
	expect_exit_ok("q");
}
END_TEST

/* E: the 効果額 by fiscal year, with 増減 (▲ for a decrease) and the
 * running sum; the settled years H23-H26 sum to 884 (public-facts.md). */
START_TEST(test_effects_view)
{
	char buf[512], want[128];
	int row;

	fresh_copy();
	start(NULL);
	press("E");
	EXPECT_SCREEN(ja("Financial effect (millions of yen)"));
	/* H24: 174, 111 less than H23's 285, 459 so far */
	row = vt_find_row(cur, 1, "平成24年度");
	EXPECT(row > 0, "no row for 平成24年度");
	squeezed_row(row, buf, sizeof buf);
	EXPECT(strstr(buf, " 174 ") && strstr(buf, "▲111") && strstr(buf, " 459"),
	       "平成24年度's row: %s", buf);
	row = vt_find_row(cur, 1, "平成26年度");
	squeezed_row(row, buf, sizeof buf);
	EXPECT(strstr(buf, " 884"), "平成26年度's running sum is not 884: %s", buf);
	snprintf(want, sizeof want, ja("Settled years together: %.0f"), 884.0);
	EXPECT_SCREEN(want);
	EXPECT_SCREEN(ja("(budget)"));          /* FY2015 is budget-basis */
	press("q");                             /* closes the view */
	EXPECT_NO_SCREEN(ja("Financial effect (millions of yen)"));
	press("q");
	expect_exit_ok("q after the effects view");
}
END_TEST

/* A change that contradicts the plan shows its warning in the sheet, under
 * the entry at fault, and a plan without contradictions shows none. */
START_TEST(test_warning_in_sheet)
{
	char args[PATH_MAX + 64], want[128];

	fresh_copy();
	start(NULL);
	press(":2-4");
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_SCREEN(ja("Schedule"));
	EXPECT(vt_find_row(cur, 0, ja("Warning: ")) < 0, "the shipped plan shows a warning");
	/* the change that creates one says so at once */
	press("j3");
	{
		char bang[64];
		snprintf(bang, sizeof bang, "! %s", ja("Warning: "));   /* an error line */
		EXPECT_SCREEN(bang);
	}
	press("u");
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q");

	snprintf(args, sizeof args, "set '%s' 2-4 2014 done", file);
	free(run(args));
	start(NULL);
	press(":2-4");
	vt_key(cur, VTERM_KEY_ENTER);
	press("j");                  /* FY2014, and the lines that belong to it */
	EXPECT_SCREEN(ja("Warning: "));
	int row = vt_find_row(cur, 0, ja("Warning: "));
	EXPECT(row > 0, "no warning in 2-4's sheet after FY2014 done while FY2013 is late");
	snprintf(want, sizeof want, "%s", "> 平成26年度 (FY2014)");
	int entry = vt_find_row(cur, 1, want);   /* row 0: the breadcrumb */
	EXPECT(entry > 0 && entry < row, "the warning (row %d) is not under the FY2014 entry (row "
	       "%d)", row, entry);
	press("q");
	expect_exit_ok("q");
}
END_TEST

static Suite *newcomer_suite(void)
{
	const struct e2e_test tests[] = {
		{ "meeting_proposes_year_shown", test_meeting_proposes_year_shown },
		{ "meeting_read_only", test_meeting_read_only },
		{ "summary_scrolls_and_shows_whole", test_summary_scrolls_and_shows_whole },
		{ "sheet_keeps_year_shown", test_sheet_keeps_year_shown },
		{ "search_keeps_year_shown", test_search_keeps_year_shown },
		{ "search_folds_and_finds_policies", test_search_folds_and_finds_policies },
		{ "help_wraps_and_narrow_hints", test_help_wraps_and_narrow_hints },
		{ "sheet_line_breaking", test_sheet_line_breaking },
		{ "year_labels_and_departments", test_year_labels_and_departments },
		{ "filter_picker_narrows_and_remembers", test_filter_picker_narrows_and_remembers },
		{ "undo_shows_the_entry", test_undo_shows_the_entry },
		{ "cursor_on_selected_row", test_cursor_on_selected_row },
		{ "ratings_on_screen", test_ratings_on_screen },
		{ "warning_in_sheet", test_warning_in_sheet },
		{ "effects_view", test_effects_view },
	};
	Suite *s = suite_create("e2e_newcomer");

	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return s;
}

int main(void)
{
	if (!e2e_init("check_e2e_newcomer"))
		return 1;
	return e2e_run(newcomer_suite());
}
