/* check_e2e.c - the real plandash binary in a pseudo-terminal, its screen
 * read back through libvterm (tests/vt.c).
 *
 * Expectations come from three places: the plan model (the loader reads
 * the same file, so counts and titles are the file's own), the message
 * catalogue (the Japanese strings must be translated and shown), and, for
 * the fixtures in tests/data, whole screen rows written out here.
 * Every wait polls until the screen shows what is expected, up to a
 * deadline; on a failure the whole screen is printed as TAP comments.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "describe.h"
#include "load.h"
#include "plan.h"
#include "vt.h"

#define DOMAIN "plandash"
#define WAIT_MS 3000          /* a deadline for a screen to appear, never a sleep */
#define GONE_MS 1000          /* the issue: gone within a second */
#define ROWS 24
#define COLS 80
#define JA "ja_JP.UTF-8"
#define EN "C.UTF-8"

static char plandash_path[PATH_MAX + 32], localedir_env[PATH_MAX + 32], srcdir[PATH_MAX];
static struct vt *cur;        /* the program under test; freed at exit */
static struct plan *plan;     /* plan.yaml as the loader reads it */

/* ---- set-up */

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

static void cleanup(void)
{
	vt_free(cur);
	cur = NULL;
	plan_free(plan);
	plan = NULL;
}

static void fail_with_screen(int line, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail_with_screen(int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (cur)
		vt_dump(cur, stderr, msg);
	ck_abort_msg("line %d: %s", line, msg);
}

#define FAIL(...) fail_with_screen(__LINE__, __VA_ARGS__)
#define EXPECT(cond, ...) do { if (!(cond)) FAIL(__VA_ARGS__); } while (0)
/* Each wait, once it holds, reads on until the program is quiet: ncurses
 * may send one frame in several writes, and the checks that follow look
 * at the whole screen. */
#define SETTLE_MS 25
static bool settled(bool ok)
{
	if (ok)
		vt_pump_quiet(cur, SETTLE_MS, WAIT_MS);
	return ok;
}
#define EXPECT_WAIT(pred, arg, ...) EXPECT(settled(vt_wait(cur, (pred), (arg), WAIT_MS)), __VA_ARGS__)
#define EXPECT_SCREEN(s) \
	EXPECT(settled(vt_wait_screen(cur, (s), WAIT_MS)), "the screen never showed \"%s\"", (s))
#define EXPECT_NO_SCREEN(s) \
	EXPECT(settled(vt_wait_screen_not(cur, (s), WAIT_MS)), "the screen still shows \"%s\"", (s))
#define EXPECT_ROW(r, s) \
	EXPECT(settled(vt_wait_row(cur, (r), (s), WAIT_MS)), "row %d never showed \"%s\"", (r), (s))
#define EXPECT_ROW_IS(r, s) \
	EXPECT(settled(vt_wait_row_is(cur, (r), (s), WAIT_MS)), "row %d is not\n#     |%s|", (r), (s))

/* The translation of msgid in the Japanese catalogue; the test fails when
 * there is none, since the Japanese UI must show Japanese. */
static const char *ja(const char *msgid)
{
	const char *t = dgettext(DOMAIN, msgid);
	if (t == msgid || strcmp(t, msgid) == 0)
		FAIL("no Japanese translation of \"%s\" in po/ja.po (catalogue %s)", msgid, localedir_env);
	return t;
}

/* The copy of the fixture the program runs on: a user's plan is writable,
 * and the source tree is read-only under distcheck (where plandash would
 * open it read-only and say so on the bottom row). */
static char work_dir[PATH_MAX], work_file[2 * PATH_MAX];

static void remove_work_copy(void)
{
	if (work_file[0])
		unlink(work_file);
	if (work_dir[0])
		rmdir(work_dir);
	work_file[0] = work_dir[0] = '\0';
}

static void make_work_copy(const char *file, char *path, size_t size)
{
	char src[2 * PATH_MAX];
	const char *tmp = getenv("TMPDIR");
	snprintf(src, sizeof src, "%s/%s", srcdir, file);
	snprintf(work_dir, sizeof work_dir, "%s/plandash-e2e.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_msg(mkdtemp(work_dir) != NULL, "mkdtemp: %s", strerror(errno));
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	snprintf(work_file, sizeof work_file, "%s/%s", work_dir, base);
	FILE *in = fopen(src, "rb"), *out = fopen(work_file, "wb");
	ck_assert_msg(in && out, "cannot copy %s to %s", src, work_file);
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, in)) > 0)
		ck_assert(fwrite(buf, 1, got, out) == got);
	fclose(in);
	ck_assert(fclose(out) == 0);
	static bool registered;
	if (!registered)
		registered = atexit(remove_work_copy) == 0;
	snprintf(path, size, "%s", work_file);
}

/* Start plandash on a copy of file (relative to top_srcdir) at rows x cols
 * in locale lang, with extra environment (NULL-terminated, may be NULL),
 * and wait for its first complete frame (the hint bar). */
static void start(const char *file, const char *lang, const char *const *extra, int rows, int cols)
{
	char path[2 * PATH_MAX], err[256], lang_env[64], lc_env[64];
	const char *env[16];
	size_t n = 0;

	remove_work_copy();
	make_work_copy(file, path, sizeof path);
	snprintf(lang_env, sizeof lang_env, "LANG=%s", lang);
	snprintf(lc_env, sizeof lc_env, "LC_ALL=%s", lang);
	env[n++] = lang_env;
	env[n++] = lc_env;
	env[n++] = localedir_env;
	for (size_t i = 0; extra && extra[i] && n + 1 < sizeof env / sizeof env[0]; i++)
		env[n++] = extra[i];
	env[n] = NULL;
	const char *argv[] = { plandash_path, path, NULL };
	cur = vt_spawn(rows, cols, argv, env, err, sizeof err);
	ck_assert_msg(cur != NULL, "cannot start %s: %s", plandash_path, err);
	/* The hint bar is painted last, so a hint on the bottom row means one
	 * whole frame arrived. */
	EXPECT(settled(vt_wait_frame(cur, WAIT_MS)), "no first frame from %s %s",
	       plandash_path, path);
}

static void press(const char *keys)
{
	vt_text(cur, keys);
}

static void key(VTermKey k)
{
	vt_key(cur, k);
}

/* Quit with q and check the exit status (under ASan a leak would make it
 * non-zero). */
static void quit_ok(void)
{
	int st = 0;
	press("q");
	EXPECT(vt_wait_exit(cur, WAIT_MS, &st), "q did not quit");
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exit status %d (signal %d)",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	vt_free(cur);
	cur = NULL;
}

/* ---- screen predicates */

/* The first `cols` display columns of s (never splitting a character). */
static void clip(const char *s, int cols, char *out, size_t cap)
{
	mbstate_t st;
	size_t used = 0;
	int w = 0;
	memset(&st, 0, sizeof st);
	while (*s) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, strlen(s), &st);
		if (k == 0 || k == (size_t)-1 || k == (size_t)-2)
			break;
		int cw = wcwidth(wc);
		if (cw < 0 || w + cw > cols || used + k + 1 > cap)
			break;
		memcpy(out + used, s, k);
		used += k;
		w += cw;
		s += k;
	}
	out[used] = '\0';
}

static bool row_reversed(int row)
{
	struct vt_cell c;
	return vt_cell(cur, row, 0, &c) && c.reverse;
}

struct rev_arg {
	const char *needle;
};

/* The reverse-video row contains needle. */
static bool selected_has(struct vt *vt, void *arg)
{
	const char *needle = arg;
	char buf[2048];
	for (int r = 1; r < vt_rows(vt) - 1; r++)
		if (row_reversed(r) && strstr(vt_row(vt, r, buf, sizeof buf), needle))
			return true;
	return false;
}

#define EXPECT_SELECTED(s) \
	EXPECT_WAIT(selected_has, (void *)(uintptr_t)(s), \
	            "the selected (reverse) row never showed \"%s\"", (s))

struct row_text {
	int row;
	const char *text;
};

static bool row_lacks(struct vt *vt, void *arg)
{
	const struct row_text *rt = arg;
	char buf[2048];
	return !strstr(vt_row(vt, rt->row, buf, sizeof buf), rt->text);
}

#define EXPECT_ROW_NOT(r, s) \
	EXPECT_WAIT(row_lacks, (&(struct row_text){ (r), (s) }), "row %d still shows \"%s\"", (r), (s))

/* Exactly one body row is in reverse video. */
static int selected_rows(void)
{
	int n = 0;
	for (int r = 1; r < vt_rows(cur) - 1; r++)
		n += row_reversed(r);
	return n;
}

/* "D12" style counts of a year, as the overview prints them. */
static void expect_counts(int row, const struct policy *policy, int year)
{
	size_t counts[64] = { 0 };
	char buf[2048], needle[32];
	int digits = 1;
	ck_assert_uint_le(plan->n_statuses, 64);
	for (size_t n = plan->n_items; n >= 10; n /= 10)
		digits++;
	plan_count_year(plan, policy, year, counts);
	vt_row(cur, row, buf, sizeof buf);
	for (size_t i = 0; i < plan->n_statuses; i++) {
		snprintf(needle, sizeof needle, "%c%-*zu", plan->statuses[i].letter, digits, counts[i]);
		bool shown = strstr(buf, needle) != NULL;
		if (counts[i] && !shown)
			FAIL("row %d lacks the count \"%s\" (%s, FY%d)", row, needle,
			     plan->statuses[i].key, year);
	}
}

static int heisei(int year)
{
	return fiscal_year_heisei(year);
}

static void year_ja(int year, char *buf, size_t size)
{
	snprintf(buf, size, "平成%d年度", heisei(year));
}

/* Snapshot of every row, and a predicate that it is back. */
struct snapshot {
	int rows;
	char row[ROWS][COLS * 4 * VTERM_MAX_CHARS_PER_CELL + 1];
};

static void take(struct snapshot *s)
{
	s->rows = vt_rows(cur);
	for (int r = 0; r < s->rows && r < ROWS; r++)
		vt_row(cur, r, s->row[r], sizeof s->row[r]);
}

static bool same_as(struct vt *vt, void *arg)
{
	const struct snapshot *s = arg;
	char buf[sizeof s->row[0]];
	if (vt_rows(vt) != s->rows)
		return false;
	for (int r = 0; r < s->rows && r < ROWS; r++)
		if (strcmp(vt_row(vt, r, buf, sizeof buf), s->row[r]) != 0)
			return false;
	return true;
}

/* ---- overview, years, drilling down */

START_TEST(test_overview_ja)
{
	char buf[256], year[64];
	start("plan.yaml", JA, NULL, ROWS, COLS);

	/* header: the plan title and the selected year, which starts at the review year */
	clip(plan->title, 20, buf, sizeof buf);
	EXPECT_ROW(0, buf);
	year_ja(plan->review_year, year, sizeof year);
	EXPECT_ROW(0, year);
	EXPECT(row_reversed(0), "the header is not in reverse video");
	/* the period, in Japanese eras */
	snprintf(buf, sizeof buf, "平成%d", heisei(plan->years[0]));
	EXPECT_SCREEN(buf);
	snprintf(buf, sizeof buf, "%d年度", heisei(plan->years[plan->n_years - 1]));
	EXPECT_SCREEN(buf);

	/* every policy: number, title, and its counts for the year */
	for (size_t i = 0; i < plan->n_policies; i++) {
		const struct policy *p = &plan->policies[i];
		char label[64], title[64];
		snprintf(label, sizeof label, "方針%s", p->id);
		clip(p->title, 8, title, sizeof title);
		int row = vt_find_row(cur, 1, label);
		EXPECT(row > 0, "no row for %s", label);
		vt_row(cur, row, buf, sizeof buf);
		EXPECT(strstr(buf, title), "row %d: no title \"%s\" for %s", row, title, label);
		snprintf(title, sizeof title, " %zu ", p->n_items);
		EXPECT(strstr(buf, title), "row %d: no item count %zu for %s", row, p->n_items, label);
		expect_counts(row, p, plan->review_year);
		EXPECT(row_reversed(row) == (i == 0), "row %d: only the first policy is selected", row);
	}
	/* the total */
	int total = vt_find_row(cur, 1, ja("Total"));
	EXPECT(total > 0, "no total row");
	expect_counts(total, NULL, plan->review_year);
	snprintf(buf, sizeof buf, " %zu ", plan->n_items);
	EXPECT_ROW(total, buf);

	/* the hint bar, in Japanese, from the action table */
	snprintf(buf, sizeof buf, "?:%s", ja("help"));
	EXPECT_ROW(-1, buf);
	snprintf(buf, sizeof buf, "q:%s", ja("quit"));
	EXPECT_ROW(-1, buf);
	snprintf(buf, sizeof buf, "Enter:%s", ja("open"));
	EXPECT_ROW(-1, buf);
	quit_ok();
}
END_TEST

START_TEST(test_year_switch)
{
	char year[64];
	int first = plan->years[0], last = plan->years[plan->n_years - 1];
	start("plan.yaml", JA, NULL, ROWS, COLS);
	int total = vt_find_row(cur, 1, ja("Total"));
	EXPECT(total > 0, "no total row");

	/* the counts must really differ between the first and the last year,
	 * or this test would prove nothing */
	size_t a[64] = { 0 }, b[64] = { 0 };
	plan_count_year(plan, NULL, first, a);
	plan_count_year(plan, NULL, last, b);
	ck_assert_msg(memcmp(a, b, sizeof a) != 0, "plan.yaml has the same counts in every year");

	int idx = plan_year_index(plan, plan->review_year);
	for (int i = idx - 1; i >= 0; i--) {
		press("[");
		year_ja(plan->years[i], year, sizeof year);
		EXPECT_ROW(0, year);
				expect_counts(total, NULL, plan->years[i]);
	}
	/* stops at the first year */
	press("[");
	press("[");
	press("]");
	year_ja(plan->years[1], year, sizeof year);
	EXPECT_ROW(0, year);
	for (size_t i = 0; i < plan->n_years + 2; i++)
		press("]");
	year_ja(last, year, sizeof year);
	EXPECT_ROW(0, year);
		expect_counts(total, NULL, last);
	for (size_t i = 0; i < plan->n_policies; i++) {
		char label[32];
		snprintf(label, sizeof label, "方針%s", plan->policies[i].id);
		int row = vt_find_row(cur, 1, label);
		EXPECT(row > 0, "no row for %s", label);
		expect_counts(row, &plan->policies[i], last);
	}
	quit_ok();
}
END_TEST

/* Policy 4, its second item, the entries, and back with each back key. */
START_TEST(test_drill_down)
{
	char buf[512], year[64], title[128];
	ck_assert_uint_ge(plan->n_policies, 4);
	const struct policy *p = &plan->policies[3];
	ck_assert_uint_ge(p->n_items, 2);
	const struct item *it = &p->items[1];
	start("plan.yaml", JA, NULL, ROWS, COLS);

	press("jjj");
	EXPECT_SELECTED("方針4");
	key(VTERM_KEY_ENTER);
	EXPECT_ROW(0, "方針4");
	clip(p->title, 10, title, sizeof title);
	EXPECT_ROW(0, title);
	year_ja(plan->review_year, year, sizeof year);
	EXPECT_ROW(0, year);
	/* one row per item: id and the start of the title */
	for (size_t i = 0; i < p->n_items && (int)i < ROWS - 4; i++) {
		snprintf(buf, sizeof buf, " %s ", p->items[i].id);
		int row = vt_find_row(cur, 1, buf);
		EXPECT(row > 0, "no row for item %s", p->items[i].id);
		clip(p->items[i].title, 10, title, sizeof title);
		EXPECT(strstr(vt_row(cur, row, buf, sizeof buf), title),
		       "row %d: no title \"%s\"", row, title);
		EXPECT(row_reversed(row) == (i == 0), "row %d: only the first item is selected", row);
	}
	snprintf(buf, sizeof buf, "h:%s", ja("back"));
	EXPECT_ROW(-1, buf);

	press("j");
	snprintf(buf, sizeof buf, " %s ", it->id);
	EXPECT_SELECTED(buf);
	EXPECT(selected_rows() == 1, "%d rows selected", selected_rows());

	/* the item sheet: the breadcrumb gets the item */
	char crumb[64];
	snprintf(crumb, sizeof crumb, " > %s > ", it->id);
	key(VTERM_KEY_ENTER);
	EXPECT_ROW(0, crumb);
	EXPECT_ROW(0, "方針4");
	/* the selected year's entry is highlighted */
	const struct entry *e = item_entry_for_year(it, plan->review_year);
	ck_assert_ptr_nonnull(e);
	year_ja(plan->review_year, year, sizeof year);
	EXPECT_SELECTED(year);
	snprintf(buf, sizeof buf, "[%c]", plan->statuses[e->status].letter);
	EXPECT_SELECTED(buf);
	EXPECT_SELECTED(plan->statuses[e->status].label);
	/* j and k walk the entries; the header follows */
	press("j");
	year_ja(plan->review_year + 1, year, sizeof year);
	EXPECT_SELECTED(year);
	EXPECT_ROW(0, year);
	press("kk");
	year_ja(plan->review_year - 1, year, sizeof year);
	EXPECT_SELECTED(year);
	EXPECT_ROW(0, year);
	e = item_entry_for_year(it, plan->review_year - 1);
	ck_assert_ptr_nonnull(e);
	clip(e->plan, 16, title, sizeof title);
	EXPECT_SCREEN(title);
	/* every entry can be reached: Home and End */
	press("g");
	year_ja(it->entries[0].year, year, sizeof year);
	EXPECT_SELECTED(year);
	/* at the top: title, content and the other parts */
	clip(it->title, 20, title, sizeof title);
	EXPECT_ROW(1, title);
	EXPECT_SCREEN(ja("Content"));
	clip(it->content, 20, title, sizeof title);
	EXPECT_SCREEN(title);
	EXPECT_SCREEN(ja("Effects"));
	EXPECT_SCREEN(ja("Indicators"));
	EXPECT_SCREEN(ja("Departments"));
	clip(it->departments[0], 20, title, sizeof title);
	EXPECT_SCREEN(title);
	press("G");
	year_ja(it->entries[it->n_entries - 1].year, year, sizeof year);
	EXPECT_SELECTED(year);

	/* back with h: the items, the same item still selected */
	press("h");
	snprintf(buf, sizeof buf, " > %s", it->id);
	EXPECT_WAIT(selected_has, (void *)(uintptr_t)" 4-", "no items after h");
	EXPECT_ROW_NOT(0, crumb);
	snprintf(buf, sizeof buf, " %s ", it->id);
	EXPECT_SELECTED(buf);
	/* Backspace, Esc and Left go back too; l and Right open */
	press("l");
	EXPECT_ROW(0, crumb);
	key(VTERM_KEY_BACKSPACE);
	EXPECT_ROW_NOT(0, crumb);
	key(VTERM_KEY_RIGHT);
	EXPECT_ROW(0, crumb);
	key(VTERM_KEY_ESCAPE);
	EXPECT_ROW_NOT(0, crumb);
	EXPECT_SELECTED(buf);
	key(VTERM_KEY_LEFT);
	EXPECT_SELECTED("方針4");
	clip(plan->title, 20, title, sizeof title);
	EXPECT_ROW(0, title);
	key(VTERM_KEY_ESCAPE);       /* nothing above the overview */
	press("k");
	EXPECT_SELECTED("方針3");
	quit_ok();
}
END_TEST

/* Page and end keys in a long list. */
START_TEST(test_paging)
{
	char buf[64];
	const struct policy *p = NULL;
	for (size_t i = 0; i < plan->n_policies; i++)
		if (!p || plan->policies[i].n_items > p->n_items)
			p = &plan->policies[i];
	ck_assert_ptr_nonnull(p);
	start("plan.yaml", EN, NULL, 12, COLS);   /* a short terminal: the list scrolls */
	for (size_t i = 0; p != &plan->policies[i]; i++)
		press("j");
	snprintf(buf, sizeof buf, "Policy %s", p->id);
	EXPECT_SELECTED(buf);
	key(VTERM_KEY_ENTER);
	EXPECT_ROW(0, buf);
	key(VTERM_KEY_END);
	snprintf(buf, sizeof buf, " %s ", p->items[p->n_items - 1].id);
	EXPECT_SELECTED(buf);
	key(VTERM_KEY_HOME);
	snprintf(buf, sizeof buf, " %s ", p->items[0].id);
	EXPECT_SELECTED(buf);
	key(VTERM_KEY_PAGEDOWN);
	EXPECT_NO_SCREEN(buf);            /* scrolled off */
	vt_char(cur, 'b', VTERM_MOD_CTRL);
	EXPECT_SELECTED(buf);
	vt_char(cur, 'f', VTERM_MOD_CTRL);
	EXPECT_NO_SCREEN(buf);
	key(VTERM_KEY_PAGEUP);
	EXPECT_SELECTED(buf);
	quit_ok();
}
END_TEST

/* ---- help */

/* Whether the help screen shows needle on some page: from the top, page
 * down until it appears or the pages stop changing. */
static bool help_has(const char *needle)
{
	struct snapshot *before = malloc(sizeof *before);
	bool found = false;
	ck_assert_ptr_nonnull(before);
	press("g");
	vt_pump_quiet(cur, SETTLE_MS, WAIT_MS);
	for (int page = 0; page < 20 && !found; page++) {
		if (vt_wait_screen(cur, needle, page == 0 ? WAIT_MS : 100)) {
			found = true;
			break;
		}
		take(before);
		key(VTERM_KEY_PAGEDOWN);
		vt_pump_quiet(cur, 50, WAIT_MS);
		if (same_as(cur, before))
			break;
	}
	free(before);
	press("g");
	vt_pump_quiet(cur, SETTLE_MS, WAIT_MS);
	return found;
}

#define EXPECT_HELP(s) EXPECT(help_has(s), "the help screen never showed \"%s\"", (s))

START_TEST(test_help)
{
	char buf[256];
	start("plan.yaml", JA, NULL, ROWS, COLS);
	press("?");
	EXPECT_ROW(0, ja("Help"));
	/* generated from the action table: the keys of the overview, key names
	 * and translated texts */
	static const char *const helps[] = {
		"Move down", "Move up", "Page down", "Page up", "Go to the first row",
		"Go to the last row", "Open the selected row", "Show the previous fiscal year",
		"Show the next fiscal year", "Redraw the screen", "Quit",
	};
	for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
		EXPECT_HELP(ja(helps[i]));
	static const char *const keys[] = { "PgDn", "Ctrl-F", "PgUp", "Ctrl-B", "Home", "End",
	                                    "Enter", "Ctrl-L", "[", "]", "?" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		EXPECT_HELP(keys[i]);
	/* the status vocabulary of the plan */
	for (size_t i = 0; i < plan->n_statuses; i++)
		EXPECT_HELP(plan->statuses[i].label);
	/* only the overview's keys: nothing to go back to, no status keys */
	EXPECT(!help_has(ja("Go back to the previous view")), "the overview's help offers back");
	EXPECT(!help_has(ja("Set the status of the selected entry: the Nth of the plan's statuses")),
	       "the overview's help offers the status keys");
	/* ? closes it and returns where it was opened */
	press("?");
	clip(plan->title, 20, buf, sizeof buf);
	EXPECT_ROW(0, buf);
	EXPECT_NO_SCREEN(ja("Redraw the screen"));
	key(VTERM_KEY_ENTER);
	EXPECT_ROW(0, "方針1");
	/* a policy's items: back and the status keys are there */
	press("?");
	EXPECT_ROW(0, ja("Help"));
	EXPECT_HELP(ja("Go back to the previous view"));
	EXPECT_HELP("Backspace");
	EXPECT_HELP("Esc");
	snprintf(buf, sizeof buf, "1..%zu", plan->n_statuses);
	EXPECT_HELP(buf);
	key(VTERM_KEY_ESCAPE);
	EXPECT_ROW(0, "方針1");
	/* the meeting's help: digits, s, Backspace; nothing of the lists */
	press("m");
	key(VTERM_KEY_ENTER);
	press("?");
	EXPECT_ROW(0, ja("Help"));
	EXPECT_HELP(ja("Set the status of this entry and go on to the next"));
	EXPECT_HELP(ja("Skip this entry (leave it as it is)"));
	EXPECT_HELP(ja("Go back to the previous entry"));
	EXPECT(!help_has(ja("Open the selected row")), "the meeting's help offers open");
	press("q");
	EXPECT_NO_SCREEN(ja("Redraw the screen"));
	key(VTERM_KEY_ESCAPE);        /* finish the meeting: its summary */
	press("c");
	EXPECT_ROW(0, "方針1");
	quit_ok();
}
END_TEST

/* ---- resize */

START_TEST(test_resize)
{
	static struct snapshot full;
	char buf[256];
	start("plan.yaml", JA, NULL, ROWS, COLS);
	key(VTERM_KEY_ENTER);
	EXPECT_ROW(0, "方針1");
	press("jj");
	snprintf(buf, sizeof buf, " %s ", plan->policies[0].items[2].id);
	EXPECT_SELECTED(buf);
	vt_pump_quiet(cur, 30, WAIT_MS);
	take(&full);

	vt_resize(cur, 10, 40);
	snprintf(buf, sizeof buf, "j/k:%s", ja("move"));
	EXPECT_ROW(-1, buf);
	EXPECT_ROW(0, "方針1");
	snprintf(buf, sizeof buf, " %s ", plan->policies[0].items[2].id);
	EXPECT_SELECTED(buf);
	EXPECT(vt_find_row(cur, 0, ja("Terminal too small")) < 0, "too small at 40x10");

	vt_resize(cur, 5, 20);
	EXPECT_SCREEN(ja("Terminal too small"));
	vt_resize(cur, 1, 1);
	vt_pump_quiet(cur, 50, WAIT_MS);
	EXPECT(!vt_wait_exit(cur, 0, NULL), "plandash exited at 1x1");
	vt_resize(cur, 3, 200);
	vt_pump_quiet(cur, 50, WAIT_MS);

	vt_resize(cur, ROWS, COLS);
	EXPECT_WAIT(same_as, &full, "80x24 was not restored exactly");
	/* still working */
	press("j");
	snprintf(buf, sizeof buf, " %s ", plan->policies[0].items[3].id);
	EXPECT_SELECTED(buf);
	quit_ok();
}
END_TEST

/* ---- colour */

static bool any_colour(struct vt *vt, int *row, int *col)
{
	for (int r = 0; r < vt_rows(vt); r++)
		for (int c = 0; c < vt_cols(vt); c++) {
			struct vt_cell cell;
			vt_cell(vt, r, c, &cell);
			if (!cell.fg_default || !cell.bg_default) {
				*row = r;
				*col = c;
				return true;
			}
		}
	return false;
}

/* Open policy 1 and its first item (in either language). */
static void walk_views(void)
{
	char title[64];
	clip(plan->policies[0].title, 10, title, sizeof title);
	key(VTERM_KEY_ENTER);
	EXPECT_ROW(0, title);
	key(VTERM_KEY_ENTER);
	EXPECT_ROW(0, plan->policies[0].items[0].id);
}

START_TEST(test_no_color)
{
	int r, c;
	static const char *const no_color[] = { "NO_COLOR=1", NULL };

	/* with colours: something is coloured, or the check below proves nothing */
	start("plan.yaml", JA, NULL, ROWS, COLS);
	EXPECT(any_colour(cur, &r, &c), "no colour at all without NO_COLOR");
	quit_ok();

	start("plan.yaml", JA, no_color, ROWS, COLS);
	EXPECT(!any_colour(cur, &r, &c), "NO_COLOR: cell %d,%d has a colour", r, c);
	EXPECT_SELECTED("方針1");
	walk_views();
	EXPECT(!any_colour(cur, &r, &c), "NO_COLOR: cell %d,%d has a colour in the sheet", r, c);
	EXPECT(selected_rows() >= 1, "NO_COLOR: no reverse-video selection");
	key(VTERM_KEY_ESCAPE);
	EXPECT_ROW_NOT(0, " > 1-1 > ");
	EXPECT(!any_colour(cur, &r, &c), "NO_COLOR: cell %d,%d has a colour in the items", r, c);
	EXPECT(selected_rows() == 1, "NO_COLOR: %d rows selected", selected_rows());
	quit_ok();

	/* an empty NO_COLOR does not count (no-color.org) */
	static const char *const empty[] = { "NO_COLOR=", NULL };
	start("plan.yaml", JA, empty, ROWS, COLS);
	EXPECT(any_colour(cur, &r, &c), "NO_COLOR=\"\" turned colours off");
	quit_ok();
}
END_TEST

/* ---- hang-up */

static void expect_gone(const char *how)
{
	int st = 0;
	double t0 = vt_now_ms();
	EXPECT(vt_wait_exit(cur, GONE_MS, &st), "%s: still running after %d ms (cpu %ld ticks)", how,
	       GONE_MS, vt_cpu_ticks(cur));
	EXPECT(WIFEXITED(st), "%s: killed by signal %d", how, WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	(void)t0;
}

START_TEST(test_sighup)
{
	start("plan.yaml", JA, NULL, ROWS, COLS);
	walk_views();
	ck_assert_int_eq(vt_signal(cur, SIGHUP), 0);
	expect_gone("SIGHUP");
	vt_free(cur);
	cur = NULL;

	start("plan.yaml", JA, NULL, ROWS, COLS);
	ck_assert_int_eq(vt_signal(cur, SIGTERM), 0);
	expect_gone("SIGTERM");
}
END_TEST

START_TEST(test_closed_pty)
{
	start("plan.yaml", JA, NULL, ROWS, COLS);
	walk_views();
	long before = vt_cpu_ticks(cur);
	vt_hangup(cur);
	expect_gone("closed pty");
	(void)before;
}
END_TEST

/* With SIGHUP blocked, a dead terminal must still end it (no CPU spin on
 * read errors). */
START_TEST(test_closed_pty_sighup_blocked)
{
	char path[PATH_MAX + 32], err[256];
	snprintf(path, sizeof path, "%s/plan.yaml", srcdir);
	const char *argv[] = { plandash_path, path, NULL };
	const char *env[] = { "LANG=C.UTF-8", "LC_ALL=C.UTF-8", localedir_env, NULL };
	cur = vt_spawn_flags(ROWS, COLS, argv, env, VT_BLOCK_SIGHUP, err, sizeof err);
	ck_assert_msg(cur != NULL, "%s", err);
	EXPECT(settled(vt_wait_frame(cur, WAIT_MS)), "no first frame");
	vt_hangup(cur);
	expect_gone("closed pty with SIGHUP blocked");
}
END_TEST

/* ---- untrusted text */

/* Raw bytes the fixture's escapes would produce if they reached the
 * terminal unfiltered (each with its neighbouring character, since ncurses
 * itself sends ESC sequences too). */
static const char *const raw_injections[] = {
	"\x1b]0;", "\x1b]52;", "\x1bPq", "\x07",
	"掃\x1b[2J", "ム\x1b[2J", "容\x1b[H", "課\x1b[31m", "施\x1b[5m", "し\x1b[?1049l",
	"画\rCR", "考\b", ("\x7f" "DEL"), "目標\t",
};

static void expect_clean_stream(const char *where)
{
	size_t len;
	const unsigned char *out = (const unsigned char *)vt_output(cur, &len);
	for (size_t i = 0; i < sizeof raw_injections / sizeof raw_injections[0]; i++) {
		const char *s = raw_injections[i];
		EXPECT(!vt_output_has(cur, s, strlen(s)), "%s: raw injection %zu reached the terminal",
		       where, i);
	}
	/* no C1 control as UTF-8 (U+0080..U+009F) */
	for (size_t i = 0; i + 1 < len; i++)
		EXPECT(!(out[i] == 0xC2 && out[i + 1] >= 0x80 && out[i + 1] <= 0x9F),
		       "%s: a C1 control (U+%04X) reached the terminal at byte %zu", where,
		       (unsigned)out[i + 1], i);
}

START_TEST(test_injection)
{
	start("tests/data/inject.yaml", JA, NULL, ROWS, COLS);
	EXPECT_ROW(0, "注入テスト^[]0;pwned-title^G計画");
	EXPECT_SCREEN("清掃^[[2J方針 POLA");
	EXPECT_SCREEN("普通の方針 POLB");
	EXPECT(row_reversed(0), "the header lost its attributes");
	EXPECT_ROW(-1, "?:");
	expect_clean_stream("overview");

	key(VTERM_KEY_ENTER);
	EXPECT_SCREEN("注入^[]0;pwned^G見出し MARK1");
	EXPECT_SCREEN("C1\xef\xbf\xbd" "2J文字\xef\xbf\xbd改行 MARK2");
	EXPECT_SCREEN("課^[[31m赤");
	EXPECT_ROW(0, "清掃^[[2J方針 POLA");
	EXPECT_ROW(-1, "?:");
	expect_clean_stream("items");

	key(VTERM_KEY_ENTER);
	EXPECT_SCREEN("内容^[[H^[[2J消去 CONTENTMARK");
	EXPECT_SCREEN("効果^[Pq#0;2;0;0;0^[\\DCS");
	EXPECT_SCREEN("指標\xef\xbf\xbd" "31m");
	EXPECT_SCREEN("\xef\xbf\xbd基準");
	EXPECT_SCREEN("目標^I値");
	EXPECT_SCREEN("計画^MCR上書き PLANMARK");
	EXPECT_SCREEN("備考^H^?DEL NOTEMARK");
	EXPECT_SCREEN("二年目^[[1;1H左上");
	EXPECT_SCREEN("実施^[[5m中");
	EXPECT_ROW(-1, "?:");
	EXPECT(row_reversed(0), "the header lost its attributes");
	expect_clean_stream("sheet");

	key(VTERM_KEY_ESCAPE);
	press("j");
	EXPECT_SELECTED("MARK2");
	key(VTERM_KEY_ENTER);
	EXPECT_SCREEN("^G^G^G鳴らす");
	EXPECT_SCREEN("タブ^ITAB");
	expect_clean_stream("second sheet");
	press("?");
	EXPECT_ROW(0, ja("Help"));
	EXPECT_HELP("実施^[[5m中");
	expect_clean_stream("help");
	press("?");
	EXPECT_ROW(0, "清掃^[[2J方針 POLA");
	quit_ok();
}
END_TEST

/* ---- clipping by display columns */

/* Whole rows, checked by hand against the layout: the items of policy 1
 * at 80x24 ("> " id title department strip: the title column is 45 cells,
 * the department 14), so a title either fills its column exactly or
 * leaves one blank cell where a double-width character would not fit. */
static const char *const long_items[] = {
	"> 1-1 a漢字漢字漢字漢字漢字漢字漢字漢…  非常に長い名前…   D   D  [I]  P   P",
	"  1-2 漢字漢字漢字漢字漢字漢字漢字漢字… 行政経営課        .   .  [I]  .   .",
	"  1-3 ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef… ABCDEFGHIJKLMNO…  .   .  [P]  .   .",
	"  1-4 ｱｲｳｴｵ半角カナと全角カナｶｷｸｹｺが混… 職員課            .   .  [D]  .   .",
	"  1-5 短い題名                          財政課            .   .  [P]  .   .",
};
/* The same at 40x10: the department column is dropped, titles get 20. */
static const char *const long_items_40[] = {
	"方針1 市民サービ… > 平成25年度 (FY2013)",
	NULL,                                      /* column heads */
	"> 1-1 a漢字漢字漢字漢字漢…  D D[I]P P",
	"  1-2 漢字漢字漢字漢字漢…   . .[I]. .",
	"  1-3 ABCDEFGHIJKLMNOPQRS…  . .[P]. .",
	"  1-4 ｱｲｳｴｵ半角カナと全角…  . .[D]. .",
	"  1-5 短い題名              . .[P]. .",
	"",
	"",
};
/* The sheet of 1-1 at its first entry: wrapped by display columns. */
static const char *const long_sheet[] = {
	"方針1 市民サービスの向上と効率的な行財政運営を両立… > 1-1 > 平成23年度 (FY2011)",
	"1-1 a漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢",
	"字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
	NULL,
	"  内容の文章は長く、折り返しが必要になるほど続きます。ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	"  abcdefghijklmnopqrstuvwxyz 0123456789 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
	"  漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字。",
};
static const char *const long_sheet_entry[] = {   /* rows 18..20 */
	"    a漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢",
	"    字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢",
	"    字漢字漢字漢字漢字",
};
static const char *const long_sheet_40[] = {
	"方針1 市民… > 1-1 > 平成23年度 (FY2011)",
	"1-1 a漢字漢字漢字漢字漢字漢字漢字漢字漢",
	"字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢",
	"字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
	NULL,
	"  内容の文章は長く、折り返しが必要になる",
	"  ほど続きます。ABCDEFGHIJKLMNOPQRSTUVWX",
	"  YZ abcdefghijklmnopqrstuvwxyz",
	"  0123456789 漢字漢字漢字漢字漢字漢字漢",
};

static void expect_rows(int first, const char *const *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i])
			EXPECT_ROW_IS(first + (int)i, rows[i]);
}

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

START_TEST(test_long_titles)
{
	struct vt_cell c;
	start("tests/data/longtitles.yaml", JA, NULL, ROWS, COLS);
	/* the header and the overview: the titles fill their columns exactly */
	EXPECT_ROW_IS(0, "長い題名のテスト計画（とても長い計画の名前で、ヘッダーに… > 平成25年度 (FY2013)");
	EXPECT_ROW_IS(1, "長い題名のテスト計画（とても長い計画の名前で、ヘッダーに収まらないことを確かめ…");
	EXPECT_SELECTED("> 方針1 市民サービスの向上と効率的な行財政運…      5 [");

	key(VTERM_KEY_ENTER);
	EXPECT_ROW_IS(0, "方針1 市民サービスの向上と効率的な行財政運営を両立するた… > 平成25年度 (FY2013)");
	expect_rows(2, long_items, N_OF(long_items));
	for (int r = 2 + (int)N_OF(long_items); r < ROWS - 1; r++)
		EXPECT_ROW_IS(r, "");
	/* the selection: the marker and the id in reverse, the title as it
	 * is (a move then resends two ids, not two titles), only on the
	 * selected row */
	for (int col = 0; col <= 4; col++) {
		vt_cell(cur, 2, col, &c);
		EXPECT(c.reverse, "the selection stops before column %d", col);
	}
	for (int col = 6; col <= 38; col++) {
		vt_cell(cur, 2, col, &c);
		EXPECT(!c.reverse, "the title is reversed at column %d", col);
	}
	EXPECT(selected_rows() == 1, "%d rows selected", selected_rows());
	/* 1-2's title: 字 in columns 36-37, then the mark of the cut in column
	 * 38 (a wide character is never split) */
	vt_cell(cur, 3, 36, &c);
	EXPECT(c.width == 2 && strcmp(c.text, "字") == 0, "column 36 holds \"%s\" (width %d)",
	       c.text, c.width);
	vt_cell(cur, 3, 38, &c);
	EXPECT(c.width == 1 && strcmp(c.text, "\xe2\x80\xa6") == 0, "column 38 holds \"%s\"", c.text);

	vt_resize(cur, 10, 40);
	expect_rows(0, long_items_40, N_OF(long_items_40));
	vt_resize(cur, ROWS, COLS);
	expect_rows(2, long_items, N_OF(long_items));

	/* the sheet, at its first entry */
	key(VTERM_KEY_ENTER);
	press("g");
	expect_rows(0, long_sheet, N_OF(long_sheet));
	expect_rows(18, long_sheet_entry, N_OF(long_sheet_entry));
	EXPECT(row_reversed(18) && row_reversed(20) && !row_reversed(21),
	       "the selected entry's rows are not exactly the highlighted ones");
	vt_resize(cur, 10, 40);
	press("g");
	expect_rows(0, long_sheet_40, N_OF(long_sheet_40));
	quit_ok();
}
END_TEST

/* ---- terminal types */

START_TEST(test_terminal_types)
{
	char path[PATH_MAX + 32], err[256];
	int st = 0;
	snprintf(path, sizeof path, "%s/plan.yaml", srcdir);
	const char *argv[] = { plandash_path, path, NULL };

	/* dumb: a clear message and status 2, no curses */
	const char *dumb[] = { "LANG=C.UTF-8", "LC_ALL=C.UTF-8", localedir_env, "TERM=dumb", NULL };
	cur = vt_spawn(ROWS, COLS, argv, dumb, err, sizeof err);
	ck_assert_msg(cur != NULL, "%s", err);
	EXPECT(vt_wait_exit(cur, WAIT_MS, &st), "TERM=dumb: still running");
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 2, "TERM=dumb: exit status %d",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	EXPECT(vt_find_row(cur, 0, "dumb") >= 0, "TERM=dumb: no message naming it");
	vt_free(cur);
	cur = NULL;

	/* an unknown terminal type falls back to a known one, and says so */
	char supp[PATH_MAX + 64];
	snprintf(supp, sizeof supp, "LSAN_OPTIONS=suppressions=%s/tests/data/lsan-ncurses.supp",
	         srcdir);
	const char *unknown[] = { "LANG=C.UTF-8", "LC_ALL=C.UTF-8", localedir_env,
	                          "TERM=xterm-nonexistent-e2e", supp, NULL };
	cur = vt_spawn(ROWS, COLS, argv, unknown, err, sizeof err);
	ck_assert_msg(cur != NULL, "%s", err);
	/* the message may wrap (a read-only copy adds a sentence) */
	EXPECT_SCREEN("xterm-nonexistent-e2e");
	EXPECT_SELECTED("Policy 1");
	press("j");
	EXPECT_SELECTED("Policy 2");
	EXPECT_ROW(-1, "q:quit");       /* the note goes at the next key */
	quit_ok();
}
END_TEST

/* ---- English */

START_TEST(test_english)
{
	char buf[128];
	start("plan.yaml", EN, NULL, ROWS, COLS);
	snprintf(buf, sizeof buf, "FY%d", plan->review_year);
	EXPECT_ROW(0, buf);
	EXPECT_ROW(-1, "j/k:move");
	EXPECT_ROW(-1, "Enter:open");
	EXPECT_ROW(-1, "?:help");
	EXPECT_ROW(-1, "q:quit");
	EXPECT_SCREEN("Total");
	EXPECT_SELECTED("Policy 1");
	EXPECT_NO_SCREEN("平成");
	EXPECT_NO_SCREEN("方針1");
	/* the plan's own text is shown as it is */
	clip(plan->policies[0].title, 10, buf, sizeof buf);
	EXPECT_SCREEN(buf);
	walk_views();
	snprintf(buf, sizeof buf, "FY%d", plan->review_year);
	EXPECT_SELECTED(buf);
	EXPECT_SCREEN("Schedule");
	press("g");
	EXPECT_SCREEN("Content");
	EXPECT_SCREEN("Departments");
	EXPECT_ROW(-1, "h:back");
	press("?");
	EXPECT_ROW(0, "Help");
	EXPECT_SCREEN("Move down");
	press("q");
	EXPECT_ROW_NOT(0, "Help");
	quit_ok();
}
END_TEST

/* ---- runner */

static Suite *e2e_suite(void)
{
	Suite *s = suite_create("e2e");
	struct {
		const char *name;
		const TTest *test;
	} tests[] = {
		{ "overview", test_overview_ja }, { "years", test_year_switch },
		{ "drill", test_drill_down }, { "paging", test_paging },
		{ "help", test_help }, { "resize", test_resize },
		{ "no_color", test_no_color }, { "sighup", test_sighup },
		{ "closed_pty", test_closed_pty }, { "closed_pty_sighup_blocked", test_closed_pty_sighup_blocked },
		{ "injection", test_injection }, { "long_titles", test_long_titles },
		{ "english", test_english }, { "terminal_types", test_terminal_types },
	};
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		TCase *tc = tcase_create(tests[i].name);
		tcase_set_timeout(tc, 60);
		tcase_add_test(tc, tests[i].test);
		suite_add_tcase(s, tc);
	}
	return s;
}

int main(void)
{
	const char *top_srcdir = env_or("top_srcdir", ".");
	const char *top_builddir = env_or("top_builddir", ".");
	char dir[PATH_MAX], err[512];
	int failed;

	if (!realpath(top_srcdir, srcdir) || !realpath(top_builddir, dir)) {
		fprintf(stderr, "check_e2e: cannot resolve top_srcdir or top_builddir\n");
		return 1;
	}
	snprintf(plandash_path, sizeof plandash_path, "%s/plandash", dir);
	snprintf(localedir_env, sizeof localedir_env, "PLANDASH_LOCALEDIR=%s/po/locale", dir);
	if (access(plandash_path, X_OK) != 0) {
		fprintf(stderr, "check_e2e: %s is missing: build it first\n", plandash_path);
		return 1;
	}
	/* The Japanese UI is what is tested; its locale must exist. */
	if (!setlocale(LC_ALL, JA)) {
		fprintf(stderr, "check_e2e: the %s locale is not installed "
		        "(e.g. enable it in /etc/locale.gen and run locale-gen)\n", JA);
		return 1;
	}
	bindtextdomain(DOMAIN, localedir_env + strlen("PLANDASH_LOCALEDIR="));
	bind_textdomain_codeset(DOMAIN, "UTF-8");

	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/plan.yaml", srcdir);
	struct load_error lerr;
	plan = plan_load_file(path, &lerr, NULL);
	if (!plan) {
		load_error_format(&lerr, path, err, sizeof err);
		fprintf(stderr, "check_e2e: %s\n", err);
		return 1;
	}
	atexit(cleanup);

	SRunner *sr = srunner_create(e2e_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
