/* check_query.c - search, the ":" jump, filters and the counts that follow
 * them, meeting-mode order, and matrix cells, on plan.yaml and on small
 * plans written here.  Expected numbers come from the plan as published
 * (checked by hand with another YAML reader) or from a plain recount in
 * this file that shares no code with src/query.c. */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "describe.h"
#include "edit.h"
#include "grammar.h"
#include "load.h"
#include "plan.h"
#include "query.h"
#include "search.h"

/* ---- helpers ---------------------------------------------------------- */

static struct plan *load_plan_yaml(void)
{
	const char *top = getenv("top_srcdir");
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/plan.yaml", top ? top : ".");
	struct load_error err;
	int io = 0;
	struct plan *plan = plan_load_file(path, &err, &io);
	char msg[512];
	if (!plan)
		load_error_message(&err, msg, sizeof msg);
	ck_assert_msg(plan != NULL, "cannot load %s: %lu:%lu: %s", path, err.line, err.col, msg);
	return plan;
}

static struct plan *must_load(const char *text)
{
	struct load_error err;
	struct plan *plan = plan_load_buffer(text, strlen(text), &err);
	char msg[512];
	if (!plan)
		load_error_message(&err, msg, sizeof msg);
	ck_assert_msg(plan != NULL, "load failed: %lu:%lu: %s", err.line, err.col, msg);
	return plan;
}

/* A small plan: three statuses, three years; 1-2 has no 2013 entry. */
static const char small_plan[] =
	"title: 計画\nprogram: プログラム\nyears: [2011, 2012, 2013]\nreview_year: 2012\n"
	"statuses:\n"
	"  - {key: planned, label: 予定, letter: P}\n"
	"  - {key: done, label: 完了, letter: D, final: true}\n"
	"  - {key: delayed, label: 遅延, letter: L}\n"
	"policies:\n"
	"  - id: \"1\"\n    title: 方針一\n    items:\n"
	"      - id: \"1-1\"\n        title: Webサイトの改善\n        departments: [広報課, 情報課]\n"
	"        content: ホームページを見直す\n        effects: 効果\n"
	"        indicators: [{name: 指標, target: 1}]\n"
	"        review: {changed: [content]}\n"
	"        schedule:\n"
	"          - {year: 2011, plan: 調査, status: done}\n"
	"          - {year: 2012, plan: 改修, status: delayed, note: WEB担当の異動で遅れ}\n"
	"          - {year: 2013, plan: 公開, status: planned}\n"
	"      - id: \"1-2\"\n        title: 窓口の改善\n        departments: [市民課]\n"
	"        content: 窓口を見直す\n        effects: 効果\n"
	"        indicators: [{name: 指標, target: 1}]\n"
	"        schedule:\n"
	"          - {year: 2011, plan: 検討, status: done}\n"
	"          - {year: 2012, plan: 試行, status: planned}\n"
	"  - id: \"2\"\n    title: 方針二\n    items:\n"
	"      - id: \"2-1\"\n        serial: 7\n        title: 使用料の見直し\n        departments: [情報課]\n"
	"        content: 使用料を見直す\n        effects: 効果\n"
	"        indicators: [{name: 指標, target: 1}]\n"
	"        schedule:\n"
	"          - {year: 2011, plan: 調査, status: done}\n"
	"          - {year: 2012, plan: 改定, status: done}\n"
	"          - {year: 2013, plan: 施行, status: delayed}\n";

static uint32_t bit(const struct plan *plan, const char *key)
{
	int s = plan_status_index(plan, key);
	ck_assert_int_ge(s, 0);
	return UINT32_C(1) << s;
}

static const struct item *item_of(const struct plan *plan, int p, int i)
{
	return &plan->policies[p].items[i];
}

/* ---- text matching ---------------------------------------------------- */

START_TEST(text_matching)
{
	ck_assert(text_contains("広告収入の確保", "広告収入"));
	ck_assert(text_contains("広告収入の確保", "収入の確"));
	ck_assert(!text_contains("広告収入", "収入の"));
	ck_assert(!text_contains("広告収入", "広告費"));
	ck_assert(text_contains("NPO法人との協働", "npo"));
	ck_assert(text_contains("npo法人", "NPO法"));
	ck_assert(text_contains("Webサイト", "wEBサ"));
	ck_assert(!text_contains("Web", "Webs"));
	/* only ASCII folds: full-width letters are compared as they are */
	ck_assert(!text_contains("ＮＰＯ", "ｎｐｏ"));
	ck_assert(text_contains("anything", ""));
	ck_assert(text_contains("", ""));
	ck_assert(!text_contains(NULL, "a"));
	ck_assert(!text_contains("", "a"));
	const char *h = "4-4 広告";
	ck_assert_ptr_eq(text_find(h, "広告"), h + 4);
	ck_assert_ptr_eq(text_find(h, "4-4"), h);
	/* a match never starts inside a character */
	ck_assert_ptr_null(text_find("広告", "\xBA\x83"));
}
END_TEST

/* ---- search on plan.yaml ----------------------------------------------- */

START_TEST(search_japanese_substring)
{
	struct plan *plan = load_plan_yaml();
	struct plan_pos pos;
	bool wrapped;
	/* 4-4's title, and the name of its indicator 広告収入額 (the
	 * indicators are searched too) */
	ck_assert_uint_eq(search_count(plan, NULL, "広告収入"), 2);
	ck_assert(search_find(plan, NULL, "広告収入", NULL, SEARCH_NEXT, &pos, &wrapped));
	ck_assert(!wrapped);
	ck_assert_str_eq(pos_item(plan, &pos)->id, "4-4");
	ck_assert_int_eq(pos.field, MATCH_TITLE);
	ck_assert_int_eq(pos.entry, -1);
	ck_assert_str_eq(pos_text(plan, &pos), "広告収入の確保");
	struct plan_pos again;
	ck_assert(search_find(plan, NULL, "広告収入", &pos, SEARCH_NEXT, &again, &wrapped));
	ck_assert(!wrapped);
	ck_assert_str_eq(pos_item(plan, &again)->id, "4-4");
	ck_assert_int_eq(again.field, MATCH_INDICATOR_NAME);
	ck_assert_int_eq(again.sub, 0);
	ck_assert_str_eq(pos_text(plan, &again), "広告収入額");
	ck_assert_uint_eq(search_rank(plan, NULL, "広告収入", &again), 2);
	/* the only match: n and N find it again, wrapping */
	ck_assert_uint_eq(search_count(plan, NULL, "広告収入の確保"), 1);
	ck_assert(search_find(plan, NULL, "広告収入の確保", &pos, SEARCH_NEXT, &again, &wrapped));
	ck_assert(wrapped);
	ck_assert_mem_eq(&again, &pos, sizeof pos);
	ck_assert(search_find(plan, NULL, "広告収入の確保", &pos, SEARCH_PREV, &again, &wrapped));
	ck_assert(wrapped);
	ck_assert_mem_eq(&again, &pos, sizeof pos);
	ck_assert_uint_eq(search_rank(plan, NULL, "広告収入", &pos), 1);
	ck_assert_uint_eq(search_rank(plan, NULL, "広告収入の確保", &pos), 1);
	/* 広告 is in nine fields, all of item 4-4: title, content, effects,
	 * the indicator's name and five plan texts */
	ck_assert_uint_eq(search_count(plan, NULL, "広告"), 9);
	ck_assert(!search_find(plan, NULL, "存在しない語句", NULL, SEARCH_NEXT, &pos, NULL));
	ck_assert(!search_find(plan, NULL, "", NULL, SEARCH_NEXT, &pos, NULL));
	ck_assert_uint_eq(search_count(plan, NULL, ""), 0);
	plan_free(plan);
}
END_TEST

/* Every (item, field) of plan.yaml holding システム, in plan order. */
static const struct {
	const char *id;
	int field, entry;
} system_hits[] = {
	{ "2-3", MATCH_PLAN, 1 },  { "2-4", MATCH_NOTE, 1 },    { "2-4", MATCH_NOTE, 2 },
	{ "4-8", MATCH_NOTE, 1 },  { "5-5", MATCH_CONTENT, -1 }, { "5-5", MATCH_EFFECTS, -1 },
	{ "5-5", MATCH_PLAN, 1 },
	{ "5-5", MATCH_PLAN, 2 },  { "5-5", MATCH_NOTE, 2 },    { "5-16", MATCH_CONTENT, -1 },
	{ "5-16", MATCH_PLAN, 1 }, { "5-16", MATCH_PLAN, 2 },   { "5-16", MATCH_PLAN, 3 },
};
#define N_SYSTEM_HITS (sizeof system_hits / sizeof *system_hits)

static void assert_hit(const struct plan *plan, const struct plan_pos *pos, size_t k)
{
	ck_assert_str_eq(pos_item(plan, pos)->id, system_hits[k].id);
	ck_assert_int_eq(pos->field, system_hits[k].field);
	ck_assert_int_eq(pos->entry, system_hits[k].entry);
	ck_assert(text_contains(pos_text(plan, pos), "システム"));
}

START_TEST(search_next_prev_wrap)
{
	struct plan *plan = load_plan_yaml();
	const char *q = "システム";
	ck_assert_uint_eq(search_count(plan, NULL, q), N_SYSTEM_HITS);
	struct plan_pos pos, first;
	bool wrapped;
	ck_assert(search_find(plan, NULL, q, NULL, SEARCH_NEXT, &pos, &wrapped));
	ck_assert(!wrapped);
	first = pos;
	for (size_t k = 0; k < N_SYSTEM_HITS; k++) {
		assert_hit(plan, &pos, k);
		ck_assert_uint_eq(search_rank(plan, NULL, q, &pos), k + 1);
		struct plan_pos next;
		ck_assert(search_find(plan, NULL, q, &pos, SEARCH_NEXT, &next, &wrapped));
		ck_assert(wrapped == (k == N_SYSTEM_HITS - 1));
		pos = next;
	}
	ck_assert_mem_eq(&pos, &first, sizeof pos);   /* n wrapped to the first */
	/* N from the first wraps to the last, then walks back */
	for (size_t k = N_SYSTEM_HITS; k-- > 0;) {
		struct plan_pos prev;
		ck_assert(search_find(plan, NULL, q, &pos, SEARCH_PREV, &prev, &wrapped));
		ck_assert(wrapped == (k == N_SYSTEM_HITS - 1));
		assert_hit(plan, &prev, k);
		pos = prev;
	}
	/* N with no position starts from the end, without wrapping */
	ck_assert(search_find(plan, NULL, q, NULL, SEARCH_PREV, &pos, &wrapped));
	ck_assert(!wrapped);
	assert_hit(plan, &pos, N_SYSTEM_HITS - 1);
	/* typing from an item's start finds the match in that item first */
	struct plan_pos here;
	ck_assert(pos_locate(plan, "5-5", 0, &here));
	ck_assert(search_find(plan, NULL, q, &here, SEARCH_HERE, &pos, &wrapped));
	assert_hit(plan, &pos, 4);
	ck_assert(!wrapped);
	/* ... and NEXT from the same place skips the item's id only */
	ck_assert(search_find(plan, NULL, q, &here, SEARCH_NEXT, &pos, NULL));
	assert_hit(plan, &pos, 4);
	/* a position that is not a match has no rank */
	ck_assert_uint_eq(search_rank(plan, NULL, q, &here), 0);
	plan_free(plan);
}
END_TEST

START_TEST(search_ascii_case_and_fields)
{
	struct plan *plan = load_plan_yaml();
	struct plan_pos a, b;
	ck_assert_uint_eq(search_count(plan, NULL, "NPO"), 1);
	ck_assert_uint_eq(search_count(plan, NULL, "npo"), 1);
	ck_assert(search_find(plan, NULL, "nPo", NULL, SEARCH_NEXT, &a, NULL));
	ck_assert(search_find(plan, NULL, "NPO", NULL, SEARCH_NEXT, &b, NULL));
	ck_assert_mem_eq(&a, &b, sizeof a);
	ck_assert_str_eq(pos_item(plan, &a)->id, "1-12");
	/* ids are searched */
	ck_assert(search_find(plan, NULL, "4-3", NULL, SEARCH_NEXT, &a, NULL));
	ck_assert_str_eq(pos_item(plan, &a)->id, "4-3");
	ck_assert_int_eq(a.field, MATCH_ID);
	/* departments are searched, with their index */
	ck_assert(search_find(plan, NULL, "秘書広報課", NULL, SEARCH_NEXT, &a, NULL));
	ck_assert_int_eq(a.field, MATCH_DEPARTMENT);
	ck_assert_str_eq(pos_item(plan, &a)->departments[a.sub], "秘書広報課");
	plan_free(plan);
}
END_TEST

/* The same count, by a plain walk over the model (no search code): every item
 * field (search_count leaves out the policies' own title and description). */
static size_t recount_matches(const struct plan *plan, const char *needle, const char *dept,
                              int year)
{
	size_t n = 0;
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			bool in_dept = !dept;
			for (size_t d = 0; d < it->n_departments; d++)
				in_dept |= dept && strcmp(it->departments[d], dept) == 0;
			bool has_year = !year;
			for (size_t e = 0; e < it->n_entries; e++)
				has_year |= it->entries[e].year == year;
			if (!in_dept || !has_year)
				continue;
			char serial[32];
			snprintf(serial, sizeof serial, "No.%d", it->serial);
			n += strstr(it->id, needle) != NULL;
			n += it->serial && strstr(serial, needle);
			n += strstr(it->title, needle) != NULL;
			for (size_t d = 0; d < it->n_departments; d++)
				n += strstr(it->departments[d], needle) != NULL;
			n += strstr(it->content, needle) != NULL;
			n += strstr(it->effects, needle) != NULL;
			for (size_t k = 0; k < it->n_indicators; k++) {
				const struct indicator *ind = &it->indicators[k];
				n += strstr(ind->name, needle) != NULL;
				n += ind->baseline && strstr(ind->baseline, needle);
				n += strstr(ind->target, needle) != NULL;
			}
			for (size_t e = 0; e < it->n_entries; e++) {
				const struct entry *en = &it->entries[e];
				if (year && en->year != year)
					continue;
				n += strstr(en->plan, needle) != NULL;
				n += en->note && strstr(en->note, needle);
			}
		}
	return n;
}

START_TEST(search_follows_filter)
{
	struct plan *plan = load_plan_yaml();
	struct filter f;
	filter_clear(&f);
	const char *words[] = { "システム", "見直し", "課", "検討" };
	for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
		ck_assert_uint_eq(search_count(plan, NULL, words[w]),
		                  recount_matches(plan, words[w], NULL, 0));
		ck_assert(filter_set_department(&f, "行政経営課"));
		f.year = 0;
		ck_assert_uint_eq(search_count(plan, &f, words[w]),
		                  recount_matches(plan, words[w], "行政経営課", 0));
		f.department[0] = '\0';
		f.year = 2013;
		ck_assert_uint_eq(search_count(plan, &f, words[w]),
		                  recount_matches(plan, words[w], NULL, 2013));
	}
	/* walking with n under a filter stays inside it */
	filter_clear(&f);
	ck_assert(filter_set_department(&f, "行政経営課"));
	size_t total = search_count(plan, &f, "見直し");
	ck_assert_uint_gt(total, 2);
	struct plan_pos pos;
	ck_assert(search_find(plan, &f, "見直し", NULL, SEARCH_NEXT, &pos, NULL));
	for (size_t k = 0; k < total; k++) {
		ck_assert(filter_item(plan, &f, pos_item(plan, &pos)));
		ck_assert_uint_eq(search_rank(plan, &f, "見直し", &pos), k + 1);
		ck_assert(search_find(plan, &f, "見直し", &pos, SEARCH_NEXT, &pos, NULL));
	}
	ck_assert_uint_eq(search_rank(plan, &f, "見直し", &pos), 1);
	plan_free(plan);
}
END_TEST

/* ---- jump --------------------------------------------------------------- */

START_TEST(jump_forms)
{
	struct plan *plan = load_plan_yaml();
	struct jump j;
	ck_assert_int_eq(jump_parse(plan, "4-3", &j), JUMP_OK);
	ck_assert_int_eq(j.policy, 3);
	ck_assert_int_eq(j.item, 2);
	ck_assert_int_eq(j.year, 0);
	ck_assert_int_eq(j.entry, -1);
	const char *forms[] = {
		"4-3 2014", "4-3 H26", "4-3 h26", "4-3 平成26年度", "4-3 FY2014", "4-3 fy2014",
		"  4-3   FY 2014 ", "4-3 平成26年", "4-3 平成26", "4-3 2014年度", "４－３　Ｈ２６",
		"4ー3 平成２６年度", "4-3\tH26",
	};
	for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
		ck_assert_msg(jump_parse(plan, forms[k], &j) == JUMP_OK, "\"%s\"", forms[k]);
		ck_assert_int_eq(j.policy, 3);
		ck_assert_int_eq(j.item, 2);
		ck_assert_int_eq(j.year, 2014);
		const struct entry *e = &item_of(plan, 3, 2)->entries[j.entry];
		ck_assert_int_eq(e->year, 2014);
	}
	/* serial numbers: 広告収入の確保 is No.31 */
	ck_assert_int_eq(jump_parse(plan, "No.31", &j), JUMP_OK);
	ck_assert_str_eq(item_of(plan, j.policy, j.item)->id, "4-4");
	ck_assert_int_eq(jump_parse(plan, "#31 H25", &j), JUMP_OK);
	ck_assert_str_eq(item_of(plan, j.policy, j.item)->id, "4-4");
	ck_assert_int_eq(j.year, 2013);
	/* the city's serial number alone (:12, :27), and "No. 27" in two words */
	ck_assert_int_eq(jump_parse(plan, "27", &j), JUMP_OK);
	ck_assert_str_eq(item_of(plan, j.policy, j.item)->id, "3-7");
	ck_assert_int_eq(jump_parse(plan, "No. 27 H25", &j), JUMP_OK);
	ck_assert_str_eq(item_of(plan, j.policy, j.item)->id, "3-7");
	ck_assert_int_eq(j.year, 2013);
	ck_assert_int_eq(jump_parse(plan, "２７　平成２５年度", &j), JUMP_OK);
	ck_assert_str_eq(item_of(plan, j.policy, j.item)->id, "3-7");
	plan_free(plan);
}
END_TEST

START_TEST(jump_errors)
{
	struct plan *plan = load_plan_yaml();
	struct jump j;
	char err[200];
	enum jump_status st;
#define JUMP(text) (st = jump_parse(plan, (text), &j), describe_jump(plan, st, &j, err, sizeof err), st)
	ck_assert_int_eq(JUMP(""), JUMP_EMPTY);
	ck_assert_int_eq(JUMP("   "), JUMP_EMPTY);
	ck_assert_ptr_nonnull(strstr(err, "4-3"));   /* says what to type */

	ck_assert_int_eq(JUMP("9-9"), JUMP_UNKNOWN_ITEM);
	ck_assert_str_eq(j.what, "9-9");
	ck_assert_str_eq(err, "no item \"9-9\" in the plan (give an id such as 4-3 or a serial "
	                 "number such as 27)");
	ck_assert_int_eq(j.policy, -1);
	ck_assert_int_eq(jump_parse(plan, "No.63", &j), JUMP_UNKNOWN_ITEM);
	ck_assert_int_eq(jump_parse(plan, "4-33 2014", &j), JUMP_UNKNOWN_ITEM);

	ck_assert_int_eq(JUMP("4-3 2016"), JUMP_BAD_YEAR);
	ck_assert_int_eq(j.year, 2016);
	ck_assert_int_eq(j.policy, 3);   /* the item was found: a UI may still open it */
	ck_assert_str_eq(err, "FY2016 (平成28年度) is not in the plan (FY2011-FY2015)");
	ck_assert_int_eq(jump_parse(plan, "4-3 H22", &j), JUMP_BAD_YEAR);
	ck_assert_int_eq(j.year, 2010);
	ck_assert_int_eq(JUMP("4-3 soon"), JUMP_BAD_YEAR);
	ck_assert_int_eq(j.year, 0);
	ck_assert_str_eq(j.what, "soon");
	ck_assert_ptr_nonnull(strstr(err, "\"soon\" is not a fiscal year"));
	ck_assert_int_eq(jump_parse(plan, "4-3 26", &j), JUMP_BAD_YEAR);

	ck_assert_int_eq(jump_parse(plan, "4-3 2014 note", &j), JUMP_SYNTAX);
	ck_assert_int_eq(jump_parse(plan, "4-3 FY 2014 note", &j), JUMP_SYNTAX);
	ck_assert_int_eq(JUMP("4-3 a b c d e"), JUMP_SYNTAX);
	ck_assert_ptr_nonnull(strstr(err, "4-3 H26"));
#undef JUMP
	plan_free(plan);
}
END_TEST

START_TEST(jump_no_entry_and_years)
{
	struct plan *plan = must_load(small_plan);
	struct jump j;
	char err[200];
	ck_assert_int_eq(jump_parse(plan, "1-2 H25", &j), JUMP_NO_ENTRY);
	describe_jump(plan, JUMP_NO_ENTRY, &j, err, sizeof err);
	ck_assert_int_eq(j.policy, 0);
	ck_assert_int_eq(j.item, 1);
	ck_assert_int_eq(j.year, 2013);
	ck_assert_int_eq(j.entry, -1);
	ck_assert_str_eq(err, "1-2 has no entry for FY2013 (平成25年度)");
	ck_assert_int_eq(jump_parse(plan, "No.7 2013", &j), JUMP_OK);
	ck_assert_int_eq(j.policy, 1);
	ck_assert_int_eq(j.entry, 2);

	ck_assert_int_eq(grammar_year("2014"), 2014);
	ck_assert_int_eq(grammar_year("FY2014"), 2014);
	ck_assert_int_eq(grammar_year("ｆｙ２０１４"), 2014);
	ck_assert_int_eq(grammar_year("H26"), 2014);
	ck_assert_int_eq(grammar_year("h23"), 2011);
	ck_assert_int_eq(grammar_year("平成27年度"), 2015);
	ck_assert_int_eq(grammar_year("平成元年度"), 1989);
	ck_assert_int_eq(grammar_year("R2"), 2020);
	ck_assert_int_eq(grammar_year("令和2年度"), 2020);
	ck_assert_int_eq(grammar_year("26"), 0);
	ck_assert_int_eq(grammar_year("H"), 0);
	ck_assert_int_eq(grammar_year("H260"), 0);
	ck_assert_int_eq(grammar_year("20145"), 0);
	ck_assert_int_eq(grammar_year("2014x"), 0);
	ck_assert_int_eq(grammar_year(""), 0);
	plan_free(plan);
}
END_TEST

START_TEST(locate_positions)
{
	struct plan *plan = load_plan_yaml();
	struct plan_pos pos;
	ck_assert(pos_locate(plan, "4-3", 2014, &pos));
	ck_assert_int_eq(pos.policy, 3);
	ck_assert_int_eq(pos.item, 2);
	ck_assert_int_eq(pos_entry(plan, &pos)->year, 2014);
	ck_assert(pos_locate(plan, "4-3", 0, &pos));
	ck_assert_int_eq(pos.entry, -1);
	ck_assert_ptr_null(pos_entry(plan, &pos));
	ck_assert(!pos_locate(plan, "4-99", 0, &pos));
	struct plan_pos bad = pos_item_start(7, 0);
	ck_assert_ptr_null(pos_item(plan, &bad));
	ck_assert_ptr_null(pos_text(plan, &bad));
	/* an out-of-range position searches from the start */
	ck_assert(search_find(plan, NULL, "広告収入", &bad, SEARCH_NEXT, &pos, NULL));
	ck_assert_str_eq(pos_item(plan, &pos)->id, "4-4");
	plan_free(plan);
}
END_TEST

/* ---- filters and counts ------------------------------------------------- */

/* A plain recount of one (policy, year) cell under a filter. */
struct recount {
	size_t entries, final, items, by_status[FILTER_MAX_STATUSES];
};

static void recount(const struct plan *plan, uint32_t statuses, int fyear, const char *dept,
                    bool revised, int overdue_ref, int policy, int year, struct recount *out)
{
	memset(out, 0, sizeof *out);
	for (size_t p = 0; p < plan->n_policies; p++) {
		if (policy >= 0 && (int)p != policy)
			continue;
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			if (revised && !it->revised)
				continue;
			if (dept) {
				bool found = false;
				for (size_t d = 0; d < it->n_departments; d++)
					found |= strcmp(it->departments[d], dept) == 0;
				if (!found)
					continue;
			}
			size_t before = out->entries;
			for (size_t e = 0; e < it->n_entries; e++) {
				const struct entry *en = &it->entries[e];
				bool fin = plan->statuses[en->status].final;
				if ((year && en->year != year) || (fyear && en->year != fyear))
					continue;
				if (statuses && !(statuses >> en->status & 1))
					continue;
				if (overdue_ref && !(en->year < overdue_ref && !fin))
					continue;
				out->entries++;
				out->final += fin;
				out->by_status[en->status]++;
			}
			out->items += out->entries > before;
		}
	}
}

START_TEST(filters_published_numbers)
{
	struct plan *plan = load_plan_yaml();
	struct filter f;
	struct tally t;
	filter_clear(&f);
	ck_assert(!filter_active(&f));
	tally_count(plan, &f, -1, 0, &t);
	ck_assert_uint_eq(t.entries, 310);
	ck_assert_uint_eq(t.items, 62);
	tally_count(plan, NULL, -1, 0, &t);
	ck_assert_uint_eq(t.entries, 310);
	/* per policy: 15/5/7/18/17 items */
	const size_t per_policy[] = { 15, 5, 7, 18, 17 };
	for (int p = 0; p < 5; p++) {
		tally_count(plan, NULL, p, 2014, &t);
		ck_assert_uint_eq(t.items, per_policy[p]);
		ck_assert_uint_eq(t.by_status[plan_status_index(plan, "planned")], per_policy[p]);
		ck_assert_int_eq(tally_percent_final(&t), 0);
	}
	/* FY2013 as in plan.yaml: 43 in progress, 8 done, 11 delayed */
	f.year = 2013;
	ck_assert(filter_active(&f));
	tally_count(plan, &f, -1, 0, &t);
	ck_assert_uint_eq(t.entries, 62);
	ck_assert_uint_eq(t.by_status[plan_status_index(plan, "in_progress")], 43);
	ck_assert_uint_eq(t.by_status[plan_status_index(plan, "done")], 8);
	ck_assert_uint_eq(t.by_status[plan_status_index(plan, "delayed")], 11);
	ck_assert_uint_eq(t.final, 8);
	ck_assert_int_eq(tally_percent_final(&t), 12);   /* 8/62 = 12.9%, rounded down */
	/* policy 1, FY2012: 13 done, 2 delayed -> 86% */
	tally_count(plan, NULL, 0, 2012, &t);
	ck_assert_uint_eq(t.entries, 15);
	ck_assert_uint_eq(t.final, 13);
	ck_assert_int_eq(tally_percent_final(&t), 86);
	tally_count(plan, NULL, 0, 2011, &t);
	ck_assert_int_eq(tally_percent_final(&t), 100);
	/* status: delayed anywhere: 4 in 2012 + 11 in 2013, in 11 items (the 11
	 * rated B at 2016-03-31: the four late in 2012 are late in 2013 too) */
	filter_clear(&f);
	f.statuses = bit(plan, "delayed");
	tally_count(plan, &f, -1, 0, &t);
	ck_assert_uint_eq(t.entries, 15);
	ck_assert_uint_eq(t.items, 11);
	ck_assert_uint_eq(t.final, 0);
	ck_assert_int_eq(tally_percent_final(&t), 0);
	/* two statuses at once */
	f.statuses |= bit(plan, "dropped");
	tally_count(plan, &f, -1, 2012, &t);
	ck_assert_uint_eq(t.entries, 6);
	ck_assert_uint_eq(t.final, 2);
	/* department */
	filter_clear(&f);
	ck_assert(filter_set_department(&f, "行政経営課"));
	tally_count(plan, &f, -1, 0, &t);
	ck_assert_uint_eq(t.items, 16);
	ck_assert_uint_eq(t.entries, 80);
	/* revised at the review: 50 items */
	filter_clear(&f);
	f.revised = true;
	tally_count(plan, &f, -1, 0, &t);
	ck_assert_uint_eq(t.items, 50);
	ck_assert_uint_eq(t.entries, 250);
	/* overdue before FY2013: the four delayed entries of 2012 */
	filter_clear(&f);
	f.overdue = true;
	f.reference_year = 2013;
	tally_count(plan, &f, -1, 0, &t);
	ck_assert_uint_eq(t.entries, 4);
	ck_assert_uint_eq(t.items, 4);
	const char *overdue_items[] = { "1-5", "1-13", "2-4", "4-15" };
	for (size_t k = 0; k < 4; k++)
		ck_assert_msg(filter_item(plan, &f, plan_find_item(plan, overdue_items[k])), "%s",
		              overdue_items[k]);
	ck_assert(!filter_item(plan, &f, plan_find_item(plan, "1-1")));
	const struct item *it = plan_find_item(plan, "1-13");
	ck_assert(filter_entry(plan, &f, it, item_entry_for_year(it, 2012)));
	ck_assert(!filter_entry(plan, &f, it, item_entry_for_year(it, 2013)));   /* not before 2013 */
	/* before FY2014: also every non-final entry of 2013 (43 + 11) */
	f.reference_year = 2014;
	tally_count(plan, &f, -1, 0, &t);
	ck_assert_uint_eq(t.entries, 58);
	/* a combination: 行政経営課, FY2013, in progress (5-7's delay ended at
	 * the review, which extended its deadline: it is rated A again) */
	filter_clear(&f);
	ck_assert(filter_set_department(&f, "行政経営課"));
	f.year = 2013;
	f.statuses = bit(plan, "in_progress");
	tally_count(plan, &f, -1, 0, &t);
	ck_assert_uint_eq(t.entries, 10);
	ck_assert_uint_eq(t.items, 10);
	plan_free(plan);
}
END_TEST

START_TEST(filters_match_recount)
{
	struct plan *plan = load_plan_yaml();
	const char *depts[] = { NULL, "行政経営課", "財政課", "存在しない課" };
	const int years[] = { 0, 2011, 2013, 2015 };
	const int refs[] = { 0, 2013, 2014 };
	const uint32_t sets[] = { 0, bit(plan, "delayed"), bit(plan, "done") | bit(plan, "dropped"),
	                          bit(plan, "planned") | bit(plan, "in_progress") };
	size_t combos = 0;
	for (size_t d = 0; d < 4; d++)
		for (size_t y = 0; y < 4; y++)
			for (size_t r = 0; r < 3; r++)
				for (size_t s = 0; s < 4; s++)
					for (int rev = 0; rev < 2; rev++) {
						struct filter f;
						filter_clear(&f);
						if (depts[d])
							ck_assert(filter_set_department(&f, depts[d]));
						f.year = years[y];
						f.statuses = sets[s];
						f.revised = rev;
						f.overdue = refs[r] != 0;
						f.reference_year = refs[r];
						for (int p = -1; p < 5; p++)
							for (size_t cy = 0; cy < 4; cy++) {
								struct tally t;
								struct recount want;
								tally_count(plan, &f, p, years[cy], &t);
								recount(plan, sets[s], years[y], depts[d], rev, refs[r], p,
								        years[cy], &want);
								ck_assert_uint_eq(t.entries, want.entries);
								ck_assert_uint_eq(t.final, want.final);
								ck_assert_uint_eq(t.items, want.items);
								for (size_t k = 0; k < plan->n_statuses; k++)
									ck_assert_uint_eq(t.by_status[k], want.by_status[k]);
							}
						/* the overview's per-policy rows add up to the plan total */
						struct tally all, sum = { 0 };
						tally_count(plan, &f, -1, 0, &all);
						for (int p = 0; p < 5; p++) {
							struct tally t;
							tally_count(plan, &f, p, 0, &t);
							sum.entries += t.entries;
							sum.final += t.final;
						}
						ck_assert_uint_eq(sum.entries, all.entries);
						ck_assert_uint_eq(sum.final, all.final);
						combos++;
					}
	ck_assert_uint_eq(combos, 4 * 4 * 3 * 4 * 2);
	plan_free(plan);
}
END_TEST

START_TEST(departments_in_plan_order)
{
	struct plan *plan = load_plan_yaml();
	const char **list;
	size_t n;
	ck_assert_int_eq(plan_departments(plan, &list, &n), 0);
	ck_assert_uint_eq(n, 32);
	ck_assert_str_eq(list[0], "市民協働・男女参画推進課");
	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++)
			ck_assert_str_ne(list[a], list[b]);
	/* every item's departments are listed, and each listed one is used */
	size_t last_first_seen = 0;
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			for (size_t d = 0; d < it->n_departments; d++) {
				size_t k = 0;
				while (k < n && strcmp(list[k], it->departments[d]) != 0)
					k++;
				ck_assert_uint_lt(k, n);
				/* plan order: a new name comes right after the ones seen */
				ck_assert_uint_le(k, last_first_seen + 1);
				if (k > last_first_seen)
					last_first_seen = k;
			}
		}
	ck_assert_uint_eq(last_first_seen, n - 1);
	free(list);

	struct plan *small = must_load(small_plan);
	ck_assert_int_eq(plan_departments(small, &list, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(list[0], "広報課");
	ck_assert_str_eq(list[1], "情報課");
	ck_assert_str_eq(list[2], "市民課");
	free(list);
	struct filter f;
	filter_clear(&f);
	ck_assert(filter_set_department(&f, "情報課"));
	struct tally t;
	tally_count(small, &f, -1, 0, &t);
	ck_assert_uint_eq(t.items, 2);    /* 1-1 (second department) and 2-1 */
	ck_assert_uint_eq(t.entries, 6);
	char longname[400];
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	ck_assert(!filter_set_department(&f, longname));
	ck_assert_str_eq(f.department, "情報課");
	plan_free(small);
	plan_free(plan);
}
END_TEST

START_TEST(fiscal_year_boundaries)
{
	struct tm tm = { .tm_year = 2014 - 1900, .tm_mon = 2, .tm_mday = 31, .tm_hour = 12,
	                 .tm_isdst = -1 };
	ck_assert_int_eq(fiscal_year_of(mktime(&tm)), 2013);
	tm = (struct tm){ .tm_year = 2014 - 1900, .tm_mon = 3, .tm_mday = 1, .tm_hour = 12,
	                  .tm_isdst = -1 };
	ck_assert_int_eq(fiscal_year_of(mktime(&tm)), 2014);
	tm = (struct tm){ .tm_year = 2015 - 1900, .tm_mon = 11, .tm_mday = 31, .tm_hour = 12,
	                  .tm_isdst = -1 };
	ck_assert_int_eq(fiscal_year_of(mktime(&tm)), 2015);
}
END_TEST

/* ---- meeting mode ------------------------------------------------------- */

START_TEST(meeting_order_and_default_year)
{
	struct plan *plan = load_plan_yaml();
	/* FY2011 is all done; FY2012 still has 4 delayed entries */
	ck_assert_int_eq(meeting_default_year(plan, NULL), 2012);
	struct entry_ref *walk;
	size_t n;
	ck_assert_int_eq(meeting_walk(plan, NULL, 2014, &walk, &n), 0);
	ck_assert_uint_eq(n, 62);
	for (size_t k = 0; k < n; k++) {
		const struct item *it = item_of(plan, walk[k].policy, walk[k].item);
		ck_assert_int_eq(it->entries[walk[k].entry].year, 2014);
		if (k) {   /* plan order */
			const struct entry_ref *a = &walk[k - 1], *b = &walk[k];
			ck_assert(a->policy < b->policy || (a->policy == b->policy && a->item < b->item));
		}
	}
	ck_assert_str_eq(item_of(plan, walk[0].policy, walk[0].item)->id, "1-1");
	ck_assert_str_eq(item_of(plan, walk[61].policy, walk[61].item)->id, "5-17");
	free(walk);
	/* within the active filter; the filter's own year is replaced */
	struct filter f;
	filter_clear(&f);
	ck_assert(filter_set_department(&f, "行政経営課"));
	f.year = 2011;
	ck_assert_int_eq(meeting_walk(plan, &f, 2013, &walk, &n), 0);
	ck_assert_uint_eq(n, 16);
	ck_assert_str_eq(item_of(plan, walk[0].policy, walk[0].item)->id, "2-1");
	free(walk);
	filter_clear(&f);
	f.statuses = bit(plan, "delayed");
	ck_assert_int_eq(meeting_walk(plan, &f, 2013, &walk, &n), 0);
	ck_assert_uint_eq(n, 11);
	free(walk);
	/* policy 2 (5 items) for FY2013, as a meeting over one policy would */
	ck_assert_int_eq(meeting_walk(plan, NULL, 2013, &walk, &n), 0);
	size_t in_policy_2 = 0;
	for (size_t k = 0; k < n; k++)
		in_policy_2 += walk[k].policy == 1;
	ck_assert_uint_eq(in_policy_2, 5);
	free(walk);
	ck_assert_int_eq(meeting_walk(plan, NULL, 2020, &walk, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(walk);

	/* close the four delayed 2012 entries: the default moves to 2013 */
	struct editor ed;
	editor_init(&ed, plan);
	const char *late[] = { "1-5", "1-13", "2-4", "4-15" };
	for (size_t k = 0; k < 4; k++)
		ck_assert_int_eq(editor_set(&ed, late[k], 2012, FIELD_STATUS, "done"), EDIT_OK);
	ck_assert_int_eq(meeting_default_year(ed.plan, NULL), 2013);
	/* a filter that leaves only finished work: the plan's last year */
	filter_clear(&f);
	f.statuses = bit(ed.plan, "done");
	ck_assert_int_eq(meeting_default_year(ed.plan, &f), 2015);
	editor_free(&ed);
}
END_TEST

START_TEST(meeting_skips_missing_entries)
{
	struct plan *plan = must_load(small_plan);
	struct entry_ref *walk;
	size_t n;
	ck_assert_int_eq(meeting_walk(plan, NULL, 2013, &walk, &n), 0);
	ck_assert_uint_eq(n, 2);   /* 1-2 has no 2013 entry */
	ck_assert_str_eq(item_of(plan, walk[0].policy, walk[0].item)->id, "1-1");
	ck_assert_str_eq(item_of(plan, walk[1].policy, walk[1].item)->id, "2-1");
	ck_assert_int_eq(walk[1].entry, 2);
	free(walk);
	/* 2011 is all done; 2012 has planned and delayed entries */
	ck_assert_int_eq(meeting_default_year(plan, NULL), 2012);
	struct filter f;
	filter_clear(&f);
	ck_assert(filter_set_department(&f, "情報課"));
	ck_assert_int_eq(meeting_default_year(plan, &f), 2012);   /* 1-1 2012 is delayed */
	f.revised = false;
	ck_assert(filter_set_department(&f, "市民課"));
	ck_assert_int_eq(meeting_default_year(plan, &f), 2012);
	/* matrix cells */
	const struct item *it12 = item_of(plan, 0, 1);
	ck_assert_int_eq(matrix_cell(plan, NULL, it12, 2011), 'D');
	ck_assert_int_eq(matrix_cell(plan, NULL, it12, 2012), 'P');
	ck_assert_int_eq(matrix_cell(plan, NULL, it12, 2013), '-');
	filter_clear(&f);
	f.statuses = bit(plan, "planned");
	ck_assert_int_eq(matrix_cell(plan, &f, it12, 2011), ' ');
	ck_assert_int_eq(matrix_cell(plan, &f, it12, 2012), 'P');
	ck_assert_int_eq(matrix_cell(plan, &f, it12, 2013), '-');
	/* search in the small plan: an ASCII word in a Japanese note */
	ck_assert_uint_eq(search_count(plan, NULL, "web"), 2);   /* 1-1 title and note */
	struct filter rev;
	filter_clear(&rev);
	rev.revised = true;
	struct tally t;
	tally_count(plan, &rev, -1, 0, &t);
	ck_assert_uint_eq(t.items, 1);
	ck_assert_uint_eq(t.entries, 3);
	plan_free(plan);
}
END_TEST

static Suite *query_suite(void)
{
	Suite *s = suite_create("query");
	TCase *tc = tcase_create("search");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, text_matching);
	tcase_add_test(tc, search_japanese_substring);
	tcase_add_test(tc, search_next_prev_wrap);
	tcase_add_test(tc, search_ascii_case_and_fields);
	tcase_add_test(tc, search_follows_filter);
	tcase_add_test(tc, locate_positions);
	suite_add_tcase(s, tc);
	tc = tcase_create("jump");
	tcase_add_test(tc, jump_forms);
	tcase_add_test(tc, jump_errors);
	tcase_add_test(tc, jump_no_entry_and_years);
	suite_add_tcase(s, tc);
	tc = tcase_create("filters");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, filters_published_numbers);
	tcase_add_test(tc, filters_match_recount);
	tcase_add_test(tc, departments_in_plan_order);
	tcase_add_test(tc, fiscal_year_boundaries);
	suite_add_tcase(s, tc);
	tc = tcase_create("meeting");
	tcase_add_test(tc, meeting_order_and_default_year);
	tcase_add_test(tc, meeting_skips_missing_entries);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(query_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
