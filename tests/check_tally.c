/* check_tally.c - the tally cache: after a build, after random status
 * edits (and their undo and redo), and after filter changes, every count
 * equals a fresh tally_count(), and the visible lists and the matrix rows
 * equal a fresh filter_item() pass written here. */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "describe.h"
#include "load.h"
#include "plan.h"
#include "query.h"
#include "tally.h"

static struct plan *load_plan_yaml(void)
{
	const char *top = getenv("top_srcdir");
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/plan.yaml", top ? top : ".");
	struct load_error err;
	int io = 0;
	struct plan *plan = plan_load_file(path, &err, &io);
	ck_assert_msg(plan != NULL, "cannot load %s: %lu:%lu: %s", path, err.line, err.col,
	              load_error_message(&err, (char[256]){ 0 }, 256));
	return plan;
}

static struct plan *must_load(const char *text)
{
	struct load_error err;
	struct plan *plan = plan_load_buffer(text, strlen(text), &err);
	ck_assert_msg(plan != NULL, "load failed: %lu:%lu: %s", err.line, err.col, load_error_message(&err, (char[256]){ 0 }, 256));
	return plan;
}

static unsigned long rng_state = 4242;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)((rng_state >> 33) % n);
}

/* ---- the comparison ------------------------------------------------------ */

static void expect_counts(const struct tally_cache *c, const struct plan *plan,
                          const struct filter *f)
{
	for (int p = -1; p <= (int)plan->n_policies; p++)
		for (size_t y = 0; y <= plan->n_years + 1; y++) {
			/* 0 (all years), each year, and a year the plan lacks */
			int year = y == 0 ? 0 : y <= plan->n_years ? plan->years[y - 1] : 2099;
			struct tally got, want;
			tally_get(c, p, year, &got);
			tally_count(plan, f, p, year, &want);
			ck_assert_msg(got.entries == want.entries && got.final == want.final &&
			              got.items == want.items, "policy %d year %d: %zu/%zu/%zu, want "
			              "%zu/%zu/%zu", p, year, got.entries, got.final, got.items,
			              want.entries, want.final, want.items);
			for (size_t s = 0; s < FILTER_MAX_STATUSES; s++)
				ck_assert_uint_eq(got.by_status[s], want.by_status[s]);
		}
}

/* One policy's visible items, from filter_item. */
static size_t visible_of(const struct plan *plan, const struct filter *f, size_t p, int *out)
{
	size_t n = 0;
	for (size_t i = 0; i < plan->policies[p].n_items; i++)
		if (filter_item(plan, f, &plan->policies[p].items[i]))
			out[n++] = (int)i;
	return n;
}

static void expect_lists(const struct tally_cache *c, const struct plan *plan,
                         const struct filter *f, size_t *matrix_row)
{
	for (size_t p = 0; p < plan->n_policies; p++) {
		size_t ni = plan->policies[p].n_items, row;
		int *vis = malloc((ni + 1) * sizeof *vis), item, pol;
		size_t n = visible_of(plan, f, p, vis);
		ck_assert_uint_eq(tally_items_shown(c, (int)p), n);
		ck_assert(tally_matrix_row_of(c, (int)p, -1, &row));
		ck_assert_uint_eq(row, (*matrix_row)++);
		ck_assert(tally_matrix_row(c, row, &pol, &item));
		ck_assert(pol == (int)p && item == -1);
		for (size_t r = 0; r < n; r++) {
			ck_assert(tally_visible_item(c, (int)p, r, &item));
			ck_assert_int_eq(item, vis[r]);
			ck_assert(tally_visible_row(c, (int)p, vis[r], &row));
			ck_assert_uint_eq(row, r);
			ck_assert(tally_matrix_row(c, *matrix_row, &pol, &item));
			ck_assert(pol == (int)p && item == vis[r]);
			ck_assert(tally_matrix_row_of(c, (int)p, vis[r], &row));
			ck_assert_uint_eq(row, (*matrix_row)++);
		}
		ck_assert(!tally_visible_item(c, (int)p, n, &item));
		/* hidden items have no row; the nearest visible one wraps around */
		size_t k = n;   /* index in vis of the first visible item >= i */
		for (size_t i = ni; i-- > 0;) {
			if (k > 0 && vis[k - 1] >= (int)i)
				k--;
			bool shown = k < n && vis[k] == (int)i;
			ck_assert(tally_visible_row(c, (int)p, (int)i, &row) == shown);
			ck_assert(tally_matrix_row_of(c, (int)p, (int)i, &row) == shown);
			int near;
			ck_assert(tally_visible_near(c, (int)p, (int)i, &near) == (n > 0));
			if (n)
				ck_assert_int_eq(near, k < n ? vis[k] : vis[0]);
		}
		free(vis);
	}
}

/* The visible items' ratings per policy and review, counted here. */
static void expect_ratings(const struct tally_cache *c, const struct plan *plan,
                           const struct filter *f)
{
	for (int p = -1; p <= (int)plan->n_policies; p++)
		for (int r = -1; r <= (int)plan->n_reviews; r++) {
			size_t got[4], want[4] = { 0 }, rated, want_rated = 0;
			for (size_t q = 0; r >= 0 && q < plan->n_policies; q++)
				for (size_t i = 0; (p < 0 || (int)q == p) && i < plan->policies[q].n_items; i++) {
					const struct item *it = &plan->policies[q].items[i];
					const struct rating *rt = item_rating_at(it, r);
					if (!rt || !filter_item(plan, f, it))
						continue;
					want_rated++;
					if (rt->level < 4)
						want[rt->level]++;
				}
			tally_ratings(c, p, r, got, 4, &rated);
			ck_assert_msg(rated == want_rated, "policy %d review %d: %zu rated, want %zu",
			              p, r, rated, want_rated);
			for (size_t l = 0; l < 4; l++)
				ck_assert_uint_eq(got[l], want[l]);
		}
}

static void expect_all(const struct tally_cache *c, const struct plan *plan,
                       const struct filter *f)
{
	size_t rows = 0, total = 0;
	expect_counts(c, plan, f);
	expect_ratings(c, plan, f);
	expect_lists(c, plan, f, &rows);
	for (size_t p = 0; p < plan->n_policies; p++)
		total += tally_items_shown(c, (int)p);
	ck_assert_uint_eq(tally_items_shown(c, -1), total);
	ck_assert_uint_eq(tally_matrix_rows(c), rows);
	int p, i;
	ck_assert(!tally_matrix_row(c, rows, &p, &i));
	ck_assert_uint_eq(tally_items_shown(c, (int)plan->n_policies), 0);
}

/* Filters of every kind, alone and together. */
static size_t some_filters(const struct plan *plan, struct filter *fs)
{
	size_t n = 0;
	int done = plan_status_index(plan, "done"), delayed = plan_status_index(plan, "delayed");
	int planned = plan_status_index(plan, "planned");
	ck_assert(done >= 0 && delayed >= 0 && planned >= 0);
	filter_clear(&fs[n++]);
	filter_clear(&fs[n]);
	fs[n++].statuses = UINT32_C(1) << delayed;
	filter_clear(&fs[n]);
	fs[n].statuses = UINT32_C(1) << done | UINT32_C(1) << planned;
	fs[n++].year = 2013;
	filter_clear(&fs[n]);
	fs[n].overdue = true;
	fs[n++].reference_year = 2014;
	filter_clear(&fs[n]);
	fs[n++].year = 2012;
	filter_clear(&fs[n]);
	ck_assert(filter_set_department(&fs[n], "行政経営課"));
	fs[n++].statuses = UINT32_C(1) << delayed;
	filter_clear(&fs[n]);
	fs[n].revised = true;
	fs[n].overdue = true;
	fs[n++].reference_year = 2013;
	filter_clear(&fs[n]);
	ck_assert(filter_set_department(&fs[n++], "財政課"));
	/* the rating terms, at the latest review date and the one before */
	int b = plan_rating_level_index(plan, "B");
	ck_assert(b >= 0 && plan->n_reviews >= 2);
	filter_clear(&fs[n]);
	fs[n].ratings = UINT32_C(1) << b;
	fs[n++].reference_review = (int)plan->n_reviews - 2;
	filter_clear(&fs[n]);
	fs[n].rating_down = true;
	fs[n].statuses = UINT32_C(1) << delayed;
	fs[n++].reference_review = (int)plan->n_reviews - 1;
	return n;
}

/* ---- tests ------------------------------------------------------------- */

START_TEST(build_equals_recount)
{
	struct plan *plan = load_plan_yaml();
	struct tally_cache *c = tally_new();
	struct filter fs[16];
	size_t n = some_filters(plan, fs);
	for (size_t k = 0; k < n; k++) {
		ck_assert_int_eq(tally_build(c, plan, &fs[k]), 0);
		expect_all(c, plan, &fs[k]);
	}
	ck_assert_int_eq(tally_build(c, plan, NULL), 0);
	expect_all(c, plan, NULL);
	/* the published FY2013 numbers: 43 in progress, 8 done, 11 delayed */
	struct tally t;
	tally_get(c, -1, 2013, &t);
	ck_assert_uint_eq(t.entries, 62);
	ck_assert_uint_eq(t.final, 8);
	ck_assert_uint_eq(t.by_status[plan_status_index(plan, "delayed")], 11);
	ck_assert_uint_eq(tally_items_shown(c, 0), 15);
	ck_assert_uint_eq(tally_matrix_rows(c), 5 + 62);
	/* the published ratings: S 1 / A 50 / B 11 at 2016-03-31, and 41 items
	 * at 2017-03-31 of which 9 in 方針1 (S 1 / A 7 / B 1) */
	size_t by[4], rated;
	tally_ratings(c, -1, plan_review_index(plan, 20160331), by, 4, &rated);
	ck_assert_uint_eq(rated, 62);
	ck_assert(by[0] == 1 && by[1] == 50 && by[2] == 11 && by[3] == 0);
	tally_ratings(c, -1, plan_review_index(plan, 20170331), by, 4, &rated);
	ck_assert_uint_eq(rated, 41);
	tally_ratings(c, 0, plan_review_index(plan, 20170331), by, 4, &rated);
	ck_assert(rated == 9 && by[0] == 1 && by[1] == 7 && by[2] == 1);
	tally_free(c);
	plan_free(plan);
}
END_TEST

/* Set a random entry's status through the editor (or undo, or redo), and
 * tell the cache what changed. */
static void random_edit(struct editor *ed, struct tally_cache *c)
{
	const struct plan *plan = ed->plan;
	size_t p = rnd((unsigned)plan->n_policies);
	const struct policy *pol = &plan->policies[p];
	if (!pol->n_items)
		return;
	size_t i = rnd((unsigned)pol->n_items);
	const struct item *it = &pol->items[i];
	if (!it->n_entries)
		return;
	size_t e = rnd((unsigned)it->n_entries);
	unsigned what = rnd(10);
	const struct edit_step *step = NULL;
	if (what < 2 && (what ? editor_redo(ed, &step) : editor_undo(ed, &step))) {
		struct plan_pos pos;
		ck_assert(pos_locate(plan, step->item_id, step->year, &pos));
		int before = plan_status_index(plan, step->before);
		int after = plan_status_index(plan, step->after);
		/* undo goes from after to before, redo from before to after */
		tally_note_status(c, pos.policy, pos.item, pos.entry, what ? before : after,
		                  what ? after : before);
		return;
	}
	int old = it->entries[e].status, now = (int)rnd((unsigned)plan->n_statuses);
	enum edit_result r = editor_set(ed, it->id, it->entries[e].year, FIELD_STATUS,
	                                plan->statuses[now].key);
	ck_assert(r == EDIT_OK || r == EDIT_UNCHANGED);
	ck_assert_int_eq(it->entries[e].status, now);
	tally_note_status(c, (int)p, (int)i, (int)e, old, now);
}

START_TEST(edits_keep_it_equal)
{
	struct plan *plan = load_plan_yaml();
	struct editor ed;
	editor_init(&ed, plan);
	struct tally_cache *c = tally_new();
	struct filter fs[16];
	size_t n = some_filters(ed.plan, fs);
	for (size_t k = 0; k < n; k++) {
		ck_assert_int_eq(tally_build(c, ed.plan, &fs[k]), 0);
		for (int step = 0; step < 150; step++) {
			random_edit(&ed, c);
			expect_all(c, ed.plan, &fs[k]);
		}
	}
	/* arguments out of range change nothing */
	tally_note_status(c, -1, 0, 0, 0, 1);
	tally_note_status(c, 99, 0, 0, 0, 1);
	tally_note_status(c, 0, 999, 0, 0, 1);
	tally_note_status(c, 0, 0, 99, 0, 1);
	tally_note_status(c, 0, 0, 0, 0, 99);
	tally_note_status(c, 0, 0, 0, -1, 0);
	expect_all(c, ed.plan, &fs[n - 1]);
	tally_free(c);
	editor_free(&ed);
}
END_TEST

START_TEST(filter_changes)
{
	struct plan *plan = load_plan_yaml();
	struct tally_cache *c = tally_new();
	struct filter f;
	filter_clear(&f);
	ck_assert_int_eq(tally_build(c, plan, &f), 0);
	/* the year shown changes: without overdue, the same filter */
	f.reference_year = 2014;
	ck_assert_int_eq(tally_set_filter(c, &f), 0);
	ck_assert_int_eq(tally_filter(c)->reference_year, 0);
	expect_all(c, plan, &f);
	/* with overdue it is another filter, and so is each year shown */
	f.overdue = true;
	for (int year = 2011; year <= 2016; year++) {
		f.reference_year = year;
		ck_assert_int_eq(tally_set_filter(c, &f), 0);
		ck_assert_int_eq(tally_filter(c)->reference_year, year);
		ck_assert(tally_filter(c)->overdue);
		expect_all(c, plan, &f);
	}
	ck_assert_int_eq(tally_set_filter(c, NULL), 0);
	ck_assert(!filter_active(tally_filter(c)));
	expect_all(c, plan, NULL);
	/* a plan replaced: build again */
	struct plan *again = load_plan_yaml();
	ck_assert_int_eq(tally_build(c, again, &f), 0);
	plan_free(plan);
	expect_all(c, again, &f);
	tally_free(c);
	plan_free(again);
}
END_TEST

START_TEST(empty_cache)
{
	struct tally_cache *c = tally_new();
	struct tally t;
	int p, i;
	size_t row;
	tally_get(c, -1, 0, &t);
	ck_assert_uint_eq(t.entries, 0);
	ck_assert_uint_eq(tally_items_shown(c, -1), 0);
	ck_assert_uint_eq(tally_matrix_rows(c), 0);
	ck_assert(!tally_matrix_row(c, 0, &p, &i));
	ck_assert(!tally_visible_item(c, 0, 0, &i));
	ck_assert(!tally_visible_row(c, 0, 0, &row));
	ck_assert(!tally_visible_near(c, 0, 0, &i));
	ck_assert(!tally_matrix_row_of(c, 0, -1, &row));
	ck_assert_int_eq(tally_set_filter(c, NULL), 0);
	tally_note_status(c, 0, 0, 0, 0, 1);
	tally_free(c);
	tally_free(NULL);
}
END_TEST

/* A plan of 3,000 items in policies of uneven sizes (one empty), entries
 * missing in some years: the Fenwick tree several levels deep. */
static char *big_plan_text(void)
{
	size_t cap = 1u << 20, len = 0;
	char *s = malloc(cap);
	const size_t sizes[] = { 1, 0, 1700, 299, 1000 };
	len += (size_t)snprintf(s + len, cap - len,
	                        "title: t\nprogram: p\nyears: [2011, 2012, 2013]\nreview_year: 2012\n"
	                        "statuses:\n  - {key: planned, label: a}\n"
	                        "  - {key: done, label: b, final: true}\n"
	                        "  - {key: delayed, label: c, letter: L}\npolicies:\n");
	for (size_t p = 0; p < 5; p++) {
		len += (size_t)snprintf(s + len, cap - len, "  - id: \"%zu\"\n    title: t\n    items:%s\n",
		                        p + 1, sizes[p] ? "" : " []");
		for (size_t i = 0; i < sizes[p]; i++) {
			if (cap - len < 1024) {
				cap *= 2;
				s = realloc(s, cap);
			}
			len += (size_t)snprintf(s + len, cap - len,
			                        "      - {id: \"%zu-%zu\", title: t, departments: [%s], "
			                        "content: c, effects: e, indicators: [], schedule: [",
			                        p + 1, i + 1, i % 7 ? "a" : "b");
			static const char *const st[] = { "planned", "done", "delayed" };
			const char *sep = "";
			for (int y = 0; y < 3; y++)
				if ((i + (size_t)y) % 11) {
					len += (size_t)snprintf(s + len, cap - len, "%s{year: %d, plan: x, status: %s}",
					                        sep, 2011 + y, st[(i * 7 + (size_t)y) % 3]);
					sep = ", ";
				}
			len += (size_t)snprintf(s + len, cap - len, "]}\n");
		}
	}
	return s;
}

START_TEST(large_plan)
{
	char *text = big_plan_text();
	struct plan *plan = must_load(text);
	free(text);
	ck_assert_uint_eq(plan->n_items, 3000);
	struct editor ed;
	editor_init(&ed, plan);
	struct tally_cache *c = tally_new();
	struct filter fs[3];
	filter_clear(&fs[0]);
	fs[0].statuses = UINT32_C(1) << 2;
	filter_clear(&fs[1]);
	fs[1].year = 2012;
	fs[1].statuses = UINT32_C(1) << 0;
	ck_assert(filter_set_department(&fs[1], "b"));
	filter_clear(&fs[2]);
	fs[2].overdue = true;
	fs[2].reference_year = 2013;
	for (size_t k = 0; k < 3; k++) {
		ck_assert_int_eq(tally_build(c, ed.plan, &fs[k]), 0);
		expect_all(c, ed.plan, &fs[k]);
		for (int step = 0; step < 2000; step++) {
			random_edit(&ed, c);
			if (step % 250 == 249)
				expect_all(c, ed.plan, &fs[k]);
		}
	}
	tally_free(c);
	editor_free(&ed);
}
END_TEST

static Suite *tally_suite(void)
{
	Suite *s = suite_create("tally");
	TCase *tc = tcase_create("cache");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, build_equals_recount);
	tcase_add_test(tc, edits_keep_it_equal);
	tcase_add_test(tc, filter_changes);
	tcase_add_test(tc, empty_cache);
	tcase_add_test(tc, large_plan);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(tally_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
