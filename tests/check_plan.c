/* check_plan.c - the plan's index (items by id and by serial number) and
 * the walk over items and entries, against plain loops written here. */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "load.h"
#include "plan.h"
#include "query.h"

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

/* Every item found by id and by serial, in plan.yaml, with the index and
 * without it (the look-ups then scan). */
static void expect_lookups(const struct plan *plan)
{
	size_t with_serial = 0;
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			int pp, ii;
			ck_assert_ptr_eq(plan_find_item(plan, it->id), it);
			ck_assert(plan_locate_item(plan, it->id, &pp, &ii));
			ck_assert(pp == (int)p && ii == (int)i);
			struct plan_pos pos;
			ck_assert(pos_locate(plan, it->id, 2014, &pos));
			ck_assert(pos.policy == (int)p && pos.item == (int)i);
			ck_assert_int_eq(pos_entry(plan, &pos)->year, 2014);
			if (!it->serial)
				continue;
			with_serial++;
			ck_assert_ptr_eq(plan_find_serial(plan, it->serial), it);
			ck_assert(plan_locate_serial(plan, it->serial, &pp, &ii));
			ck_assert(pp == (int)p && ii == (int)i);
		}
	ck_assert_uint_eq(with_serial, 62);
	ck_assert_str_eq(plan_find_serial(plan, 27)->title, "事業仕分けの実施");
	ck_assert_str_eq(plan_find_item(plan, "4-4")->title, "広告収入の確保");
	const char *missing[] = { "", "4-", "4-99", "99-1", "4-4 ", "４－４", "1-1x" };
	for (size_t k = 0; k < sizeof missing / sizeof *missing; k++)
		ck_assert_ptr_null(plan_find_item(plan, missing[k]));
	const int no_serial[] = { 0, -1, 63, 1000000 };
	for (size_t k = 0; k < 4; k++)
		ck_assert_ptr_null(plan_find_serial(plan, no_serial[k]));
}

START_TEST(index_finds_every_item)
{
	struct plan *plan = load_plan_yaml();
	ck_assert_ptr_nonnull(plan->index);
	expect_lookups(plan);
	/* without the index: the same answers */
	const struct plan_index *ix = plan->index;
	plan->index = NULL;
	expect_lookups(plan);
	plan->index = ix;
	plan_free(plan);
}
END_TEST

/* Many ids that hash alike and serial numbers far apart. */
START_TEST(index_large)
{
	size_t cap = 1u << 20, len = 0;
	char *s = malloc(cap);
	len += (size_t)snprintf(s + len, cap - len,
	                        "title: t\nprogram: p\nyears: [2011]\nreview_year: 2011\n"
	                        "statuses:\n  - {key: planned, label: a}\npolicies:\n");
	for (size_t p = 0; p < 3; p++) {
		len += (size_t)snprintf(s + len, cap - len, "  - id: \"%zu\"\n    title: t\n    items:\n",
		                        p + 1);
		for (size_t i = 0; i < 2000; i++)
			len += (size_t)snprintf(s + len, cap - len,
			                        "      - {id: \"%zu-%zu\", serial: %zu, title: t, departments: [a], "
			                        "content: c, effects: e, indicators: [], schedule: []}\n",
			                        p + 1, i + 1, 1 + (p * 2000 + i) * 97);
	}
	struct load_error err;
	struct plan *plan = plan_load_buffer(s, len, &err);
	free(s);
	ck_assert_msg(plan != NULL, "%lu:%lu: %s", err.line, err.col, load_error_message(&err, (char[256]){ 0 }, 256));
	for (size_t p = 0; p < 3; p++)
		for (size_t i = 0; i < 2000; i++) {
			char id[32];
			int pp, ii;
			snprintf(id, sizeof id, "%zu-%zu", p + 1, i + 1);
			ck_assert(plan_locate_item(plan, id, &pp, &ii));
			ck_assert(pp == (int)p && ii == (int)i);
			ck_assert(plan_locate_serial(plan, (int)(1 + (p * 2000 + i) * 97), &pp, &ii));
			ck_assert(pp == (int)p && ii == (int)i);
			ck_assert(!plan_locate_serial(plan, (int)(2 + (p * 2000 + i) * 97), &pp, &ii));
		}
	ck_assert(!plan_locate_item(plan, "4-1", &(int){ 0 }, &(int){ 0 }));
	plan_free(plan);
}
END_TEST

START_TEST(walk_visits_in_order)
{
	struct plan *plan = load_plan_yaml();
	size_t n = 0, items = 0;
	struct plan_walk w = plan_walk_start(plan);
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			for (size_t e = 0; e < it->n_entries; e++, n++) {
				ck_assert(plan_walk_entry(&w));
				ck_assert(w.policy == p && w.item == i && w.entry == e);
				ck_assert_ptr_eq(w.pol, &plan->policies[p]);
				ck_assert_ptr_eq(w.it, it);
				ck_assert_ptr_eq(w.e, &it->entries[e]);
				ck_assert_uint_eq(w.n, items);
			}
			items++;
		}
	ck_assert(!plan_walk_entry(&w));
	ck_assert(!plan_walk_entry(&w));   /* stays at the end */
	ck_assert_uint_eq(n, plan->n_entries);
	items = 0;
	PLAN_FOR_EACH_ITEM(v, plan) {
		ck_assert_ptr_eq(v.it, &plan->policies[v.policy].items[v.item]);
		ck_assert_uint_eq(v.n, items++);
		ck_assert_ptr_null(v.e);
	}
	ck_assert_uint_eq(items, plan->n_items);
	/* one policy; break leaves the walk */
	for (size_t p = 0; p <= plan->n_policies; p++) {
		size_t k = 0, first = 0;
		for (size_t q = 0; q < p; q++)
			first += plan->policies[q].n_items;
		for (struct plan_walk v = plan_walk_policy(plan, p); plan_walk_item(&v); k++) {
			ck_assert_uint_eq(v.policy, p);
			ck_assert_uint_eq(v.n, first + k);
		}
		ck_assert_uint_eq(k, p < plan->n_policies ? plan->policies[p].n_items : 0);
	}
	n = 0;
	PLAN_FOR_EACH_ENTRY(v, plan) {
		if (v.it->serial == 3)
			break;
		n++;
	}
	ck_assert_uint_eq(n, 2 * 5);   /* No.1 and No.2, five entries each */
	plan_free(plan);
}
END_TEST

/* A plan made by hand: empty policies, items without entries, no index. */
START_TEST(walk_skips_empty_parts)
{
	struct entry es[3] = { { .year = 1 }, { .year = 2 }, { .year = 3 } };
	struct item its[4] = {
		{ .id = "a", .entries = es, .n_entries = 2 },
		{ .id = "b" },
		{ .id = "c", .serial = 5, .entries = es + 2, .n_entries = 1 },
		{ .id = "d" },
	};
	struct policy pols[5] = {
		{ .id = "1" }, { .id = "2", .items = its, .n_items = 2 }, { .id = "3" },
		{ .id = "4", .items = its + 2, .n_items = 2 }, { .id = "5" },
	};
	struct plan plan = { .policies = pols, .n_policies = 5 };
	int years[3], k = 0;
	PLAN_FOR_EACH_ENTRY(w, &plan)
		years[k++] = w.e->year;
	ck_assert_int_eq(k, 3);
	ck_assert(years[0] == 1 && years[1] == 2 && years[2] == 3);
	static const char *const ids[] = { "a", "b", "c", "d" };
	k = 0;
	PLAN_FOR_EACH_ITEM(w, &plan)
		ck_assert_str_eq(w.it->id, ids[k++]);
	ck_assert_int_eq(k, 4);
	ck_assert_ptr_eq(plan_find_item(&plan, "d"), &its[3]);
	ck_assert_ptr_eq(plan_find_serial(&plan, 5), &its[2]);
	ck_assert_ptr_null(plan_find_item(&plan, "e"));
	struct plan none = { 0 };
	PLAN_FOR_EACH_ENTRY(w, &none)
		ck_abort_msg("an empty plan has no entries");
}
END_TEST

static Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("index");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, index_finds_every_item);
	tcase_add_test(tc, index_large);
	suite_add_tcase(s, tc);
	tc = tcase_create("walk");
	tcase_add_test(tc, walk_visits_in_order);
	tcase_add_test(tc, walk_skips_empty_parts);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(plan_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
