/* check_load.c - the loader: plan.yaml counts, exact byte spans, every
 * error class with its position and code (and its words, in English and in
 * Japanese), libyaml's problems mapped to our own, and the YAML test-suite
 * corpus. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "i18n.h"
#include "load.h"
#include "plan.h"
#include "utf8.h"

static char *srcdir_path(const char *rel)
{
	const char *top = getenv("top_srcdir");
	char *p = malloc(4096);
	snprintf(p, 4096, "%s/%s", top ? top : ".", rel);
	return p;
}

static struct plan *load_fixture(const char *rel)
{
	char *path = srcdir_path(rel);
	struct load_error err;
	int io;
	struct plan *plan = plan_load_file(path, &err, &io);
	if (!plan) {
		char msg[600];
		load_error_format(&err, path, msg, sizeof msg);
		ck_abort_msg("%s", msg);
	}
	free(path);
	return plan;
}

/* The text of a span as it sits in the file. */
static char *span_text(const struct plan *plan, const struct span *sp)
{
	ck_assert_uint_le(sp->start, sp->end);
	ck_assert_uint_le(sp->end, plan->text_len);
	return strndup(plan->text + sp->start, sp->end - sp->start);
}

#define ck_span(plan, sp, want) do { \
	char *got_ = span_text((plan), (sp)); \
	ck_assert_str_eq(got_, (want)); \
	free(got_); \
} while (0)

/* ---- plan.yaml ------------------------------------------------------- */

START_TEST(plan_yaml_counts)
{
	struct plan *plan = load_fixture("plan.yaml");
	ck_assert_str_eq(plan->title, "小平市第2次行財政再構築プラン");
	ck_assert_str_eq(plan->program, "第2次改革推進プログラム");
	ck_assert_uint_eq(plan->n_years, 5);
	for (size_t y = 0; y < 5; y++)
		ck_assert_int_eq(plan->years[y], 2011 + (int)y);
	ck_assert_int_eq(plan->review_year, 2013);
	ck_assert_uint_ge(plan->n_statuses, 4);

	static const size_t per_policy[] = { 15, 5, 7, 18, 17 };
	static const char *const policy_titles[] = {
		"地域協働の推進", "情報の共有と双方向のコミュニケーション", "PDCAサイクルの構築",
		"財政基盤の強化", "執行体制の再構築",
	};
	ck_assert_uint_eq(plan->n_policies, 5);
	for (size_t p = 0; p < 5; p++) {
		const struct policy *pol = &plan->policies[p];
		ck_assert_uint_eq(pol->n_items, per_policy[p]);
		ck_assert_str_eq(pol->title, policy_titles[p]);
		for (size_t i = 0; i < pol->n_items; i++) {
			char id[48];
			snprintf(id, sizeof id, "%zu-%zu", p + 1, i + 1);
			ck_assert_str_eq(pol->items[i].id, id);
			ck_assert_uint_eq(pol->items[i].n_entries, 5);
			ck_assert_uint_ge(pol->items[i].n_departments, 1);
			ck_assert_uint_ge(pol->items[i].n_indicators, 1);
		}
	}
	struct plan_counts c;
	plan_count(plan, &c);
	ck_assert_uint_eq(c.items, 62);
	ck_assert_uint_eq(plan->n_items, 62);
	ck_assert_uint_eq(c.entries, 310);
	ck_assert_uint_eq(c.revised, 50);
	ck_assert_uint_eq(c.review[0], 9);   /* departments added */
	ck_assert_uint_eq(c.review[1], 35);  /* content */
	ck_assert_uint_eq(c.review[2], 23);  /* planned years */
	ck_assert_uint_eq(c.review[3], 19);  /* expected effects */
	ck_assert_uint_eq(c.review[4], 39);  /* indicators */
	ck_assert_uint_eq(c.new_indicators, 16);
	ck_assert_uint_eq(c.review[5], 28);  /* yearly plans */
	plan_free(plan);
}
END_TEST

START_TEST(plan_yaml_seed_items)
{
	/* The items the city published, each under its policy; No.27 is 事業仕分け. */
	static const struct { const char *id_prefix, *title; } seed[] = {
		{ "1-", "市民活動支援センターによる市民活動支援の充実" },
		{ "1-", "地区まちづくりの取り組みに対する支援" },
		{ "1-", "協働事業の推進" },
		{ "1-", "市内の大学との連携のあり方の研究" },
		{ "2-", "わかりやすい行政資料の公表" },
		{ "2-", "新聞やテレビなどを通じた情報発信の充実" },
		{ "2-", "市長への手紙、市民からの苦情・意見のデータベース化" },
		{ "3-", "組織目標の管理体制の推進" },
		{ "3-", "行政評価の実施" },
		{ "3-", "事業仕分けの実施" },
		{ "4-", "財政指標の改善" },
		{ "4-", "市税・国民健康保険税の収納率向上対策の実施" },
		{ "4-", "受益者負担の適正化(使用料・手数料の見直し)" },
		{ "4-", "広告収入の確保" },
		{ "4-", "補助金の見直し" },
		{ "5-", "給与などの適正化" },
		{ "5-", "定員の適正管理" },
		{ "5-", "指定管理者制度の推進" },
		{ "5-", "契約制度の見直し" },
		{ "5-", "電子市役所の推進" },
	};
	struct plan *plan = load_fixture("plan.yaml");
	for (size_t s = 0; s < sizeof seed / sizeof *seed; s++) {
		const struct item *found = NULL;
		for (size_t p = 0; p < plan->n_policies; p++)
			for (size_t i = 0; i < plan->policies[p].n_items; i++)
				if (strcmp(plan->policies[p].items[i].title, seed[s].title) == 0)
					found = &plan->policies[p].items[i];
		ck_assert_msg(found != NULL, "seed item %s missing", seed[s].title);
		ck_assert_msg(strncmp(found->id, seed[s].id_prefix, 2) == 0,
		              "%s is %s, not under policy %s", seed[s].title, found->id, seed[s].id_prefix);
		ck_assert_str_eq(found->source, "seed");
	}
	const struct item *it = plan_find_item(plan, "3-7");
	ck_assert_ptr_nonnull(it);
	ck_assert_str_eq(it->title, "事業仕分けの実施");
	ck_assert_int_eq(it->serial, 27);
	plan_free(plan);
}
END_TEST

START_TEST(plan_yaml_spans_match_values)
{
	/* Every plain span holds exactly its value, every quoted span starts
	 * and ends with its quote, and absent notes point at a line start. */
	struct plan *plan = load_fixture("plan.yaml");
	size_t absent = 0;
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			for (size_t e = 0; e < it->n_entries; e++) {
				const struct entry *en = &it->entries[e];
				if (en->status_span.style == SPAN_PLAIN)
					ck_span(plan, &en->status_span, plan->statuses[en->status].key);
				if (en->plan_span.style == SPAN_PLAIN)
					ck_span(plan, &en->plan_span, en->plan);
				const struct span *ns = &en->note_span;
				if (ns->style == SPAN_ABSENT) {
					absent++;
					ck_assert(ns->in_flow || ns->start == plan->text_len ||
					          plan->text[ns->start - 1] == '\n');
				} else if (ns->style == SPAN_SINGLE || ns->style == SPAN_DOUBLE) {
					char q = ns->style == SPAN_SINGLE ? '\'' : '"';
					ck_assert_int_eq(plan->text[ns->start], q);
					ck_assert_int_eq(plan->text[ns->end - 1], q);
				}
			}
		}
	ck_assert_uint_gt(absent, 0);
	plan_free(plan);
}
END_TEST

/* The review cycle in plan.yaml: the vocabulary, the dates, the city's
 * published counts (computed here through the model; tests/ratings_totals.py
 * computes them again with an independent reader) and the 効果額. */
START_TEST(plan_yaml_ratings)
{
	struct plan *plan = load_fixture("plan.yaml");
	ck_assert_uint_eq(plan->n_rating_levels, 3);
	static const char *const keys[] = { "S", "A", "B" };
	for (size_t l = 0; l < 3; l++) {
		ck_assert_str_eq(plan->rating_levels[l].key, keys[l]);
		ck_assert(plan->rating_levels[l].late == (l == 2));
	}
	ck_assert_str_eq(plan->rating_levels[1].description, "予定どおりに進捗している");
	ck_assert(plan->statuses[plan_status_index(plan, "delayed")].late);
	ck_assert(!plan->statuses[plan_status_index(plan, "in_progress")].late);
	ck_assert_int_eq(plan->current_year, 2013);   /* review_year: no current_year */

	/* every half year from 2011-09-30 to 2016-03-31, then the follow-up */
	ck_assert_uint_eq(plan->n_reviews, 11);
	for (size_t r = 0; r < 10; r++) {
		int y = 2011 + (int)(r + 1) / 2;
		ck_assert_int_eq(plan->reviews[r].ymd, y * 10000 + (r % 2 ? 331 : 930));
	}
	ck_assert_str_eq(plan->reviews[9].date, "2016-03-31");
	ck_assert_str_eq(plan->reviews[9].label, "平成28年3月末");
	ck_assert_int_eq(plan->reviews[10].ymd, 20170331);

	size_t counts[3], rated;
	plan_count_ratings(plan, NULL, plan_review_index(plan, 20160331), counts, &rated);
	ck_assert_uint_eq(rated, 62);
	ck_assert_uint_eq(counts[0], 1);
	ck_assert_uint_eq(counts[1], 50);
	ck_assert_uint_eq(counts[2], 11);
	/* 2017-03-31, per policy: items, S, A, B */
	static const size_t follow[5][4] = {
		{ 9, 1, 7, 1 }, { 4, 0, 4, 0 }, { 6, 0, 5, 1 }, { 12, 0, 10, 2 }, { 10, 0, 9, 1 },
	};
	for (size_t p = 0; p < 5; p++) {
		plan_count_ratings(plan, &plan->policies[p], 10, counts, &rated);
		ck_assert_uint_eq(rated, follow[p][0]);
		for (size_t l = 0; l < 3; l++)
			ck_assert_uint_eq(counts[l], follow[p][l + 1]);
	}
	/* every item at every date up to 2016-03-31; its latest is item->rating */
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			for (int r = 0; r < 10; r++)
				ck_assert_ptr_nonnull(item_rating_at(it, r));
			const struct rating *last = item_rating_at(it, 10);
			if (!last)
				last = item_rating_at(it, 9);
			ck_assert_str_eq(it->rating, plan->rating_levels[last->level].key);
			ck_assert_int_eq(it->ratings_insert.kind, INSERT_BLOCK_LIST);
		}

	/* 効果額: H23-H26 actuals, H27 on a budget basis */
	ck_assert_uint_eq(plan->n_effects, 5);
	double sum = 0;
	for (size_t e = 0; e < 4; e++) {
		ck_assert(!plan->effects[e].budget);
		sum += effects_year_total(&plan->effects[e]);
	}
	ck_assert(sum == 884);
	ck_assert_int_eq(plan->effects[4].year, 2015);
	ck_assert(plan->effects[4].budget);
	ck_assert(plan->effects[4].total == 169 && plan->effects[4].revenue == 1 &&
	          plan->effects[4].savings == 168);
	plan_free(plan);
}
END_TEST

/* ---- spans ----------------------------------------------------------- */

static struct plan *load_text(const char *text, size_t len, struct load_error *err)
{
	return plan_load_buffer(text, len, err);
}

/* The words of an error (a static buffer: one message per assertion). */
static const char *words(const struct load_error *err)
{
	static char buf[700];
	load_error_message(err, buf, sizeof buf);
	return buf;
}

static struct plan *must_load(const char *text)
{
	struct load_error err;
	struct plan *plan = load_text(text, strlen(text), &err);
	ck_assert_msg(plan != NULL, "load failed: %lu:%lu: %s", err.line, err.col,
	              plan ? "" : words(&err));
	return plan;
}

#define HEAD \
	"title: 計画\nprogram: プログラム\nyears: [2011, 2012, 2013]\nreview_year: 2012\n" \
	"statuses:\n  - {key: planned, label: 予定}\n  - {key: done, label: 完了, final: true}\n"
#define ITEM_HEAD(id) \
	"      - id: \"" id "\"\n        title: 取組\n        departments: [課]\n" \
	"        content: 内容\n        effects: 効果\n        indicators: [{name: 指標, target: 1}]\n"
#define POLICY "policies:\n  - id: \"1\"\n    title: 方針\n    items:\n"
/* the review cycle: a rating vocabulary and two review dates (7 lines) */
#define CYCLE \
	"ratings:\n  - {key: S, label: 予定以上}\n  - {key: A, label: 予定どおり}\n" \
	"  - {key: B, label: 予定より遅れ, late: true}\n" \
	"reviews:\n  - {date: \"2015-09-30\", label: 平成27年9月末}\n" \
	"  - {date: \"2016-03-31\", label: 平成28年3月末}\n"
#define RATING(date, r) "          - {date: \"" date "\", rating: " r "}\n"

START_TEST(spans_block_styles)
{
	struct plan *plan = must_load(HEAD POLICY ITEM_HEAD("1-1")
		"        schedule:\n"
		"          - year: 2011\n"
		"            plan: 避難所の確認 2024   # 担当課確認済\n"
		"            status: done\n"
		"            note: '単一 ''引用'' テキスト'\n"
		"          - year: 2012\n"
		"            plan: \"山田 \\\"太郎\\\"\"\n"
		"            status: planned\n"
		"            note:\n"
		"          - year: 2013\n"
		"            plan: ''\n"
		"            status: planned  # 次年度\n"
		"\n# trailing comment\n");
	const struct item *it = plan_find_item(plan, "1-1");
	ck_assert_ptr_nonnull(it);
	const struct entry *e = it->entries;
	ck_span(plan, &e[0].plan_span, "避難所の確認 2024");
	ck_assert_str_eq(e[0].plan, "避難所の確認 2024");
	ck_assert_int_eq(e[0].plan_span.style, SPAN_PLAIN);
	ck_assert_uint_eq(e[0].plan_span.line, 20);
	ck_assert_uint_eq(e[0].plan_span.col, 19);
	ck_span(plan, &e[0].status_span, "done");
	ck_span(plan, &e[0].note_span, "'単一 ''引用'' テキスト'");
	ck_assert_str_eq(e[0].note, "単一 '引用' テキスト");
	ck_assert_int_eq(e[0].note_span.style, SPAN_SINGLE);
	ck_assert_uint_eq(e[0].note_span.indent, 12);

	ck_span(plan, &e[1].plan_span, "\"山田 \\\"太郎\\\"\"");
	ck_assert_str_eq(e[1].plan, "山田 \"太郎\"");
	ck_assert_int_eq(e[1].plan_span.style, SPAN_DOUBLE);
	/* present but empty: zero width, after the colon */
	ck_assert_str_eq(e[1].note, "");
	ck_assert_int_eq(e[1].note_span.style, SPAN_PLAIN);
	ck_assert_uint_eq(e[1].note_span.start, e[1].note_span.end);
	ck_assert_int_eq(plan->text[e[1].note_span.start - 1], ':');

	ck_span(plan, &e[2].plan_span, "''");
	ck_assert_str_eq(e[2].plan, "");
	/* absent note: insertion point at the start of the line after status */
	const struct span *ns = &e[2].note_span;
	ck_assert_int_eq(ns->style, SPAN_ABSENT);
	ck_assert_str_eq(plan->text + ns->start, "\n# trailing comment\n");
	ck_assert_uint_eq(ns->indent, 12);
	ck_assert_uint_eq(ns->line, 30);
	ck_assert_uint_eq(ns->col, 1);
	ck_assert(!ns->in_flow);
	plan_free(plan);
}
END_TEST

START_TEST(spans_flow_style)
{
	struct plan *plan = must_load(HEAD POLICY ITEM_HEAD("1-1")
		"        schedule:\n"
		"          - {year: 2011, plan: 計画, status: done, note: \"メモ\"}\n"
		"          - {year: 2012, plan: '試行', status: planned }\n"
		"          - {year: 2013, plan: 拡充, status: planned}\n");
	const struct entry *e = plan_find_item(plan, "1-1")->entries;
	ck_span(plan, &e[0].plan_span, "計画");
	ck_assert(e[0].plan_span.in_flow);
	ck_span(plan, &e[0].note_span, "\"メモ\"");
	ck_span(plan, &e[1].plan_span, "'試行'");
	ck_span(plan, &e[1].status_span, "planned");
	ck_assert_int_eq(e[1].note_span.style, SPAN_ABSENT);
	ck_assert(e[1].note_span.in_flow);
	/* a new note goes right after the last value, before " }" */
	ck_assert(strncmp(plan->text + e[1].note_span.start, " }\n", 3) == 0);
	ck_assert(strncmp(plan->text + e[2].note_span.start, "}\n", 2) == 0);
	plan_free(plan);
}
END_TEST

START_TEST(spans_crlf_and_bom)
{
	const char *lf = HEAD POLICY ITEM_HEAD("1-1")
		"        schedule:\n"
		"          - year: 2011\n"
		"            plan: 漢字の計画\n"
		"            status: done\n";
	/* BOM + CRLF version of the same file */
	size_t n = strlen(lf);
	char *buf = malloc(3 + 2 * n + 1);
	size_t len = 0;
	memcpy(buf, "\xEF\xBB\xBF", 3);
	len = 3;
	for (size_t i = 0; i < n; i++) {
		if (lf[i] == '\n')
			buf[len++] = '\r';
		buf[len++] = lf[i];
	}
	struct load_error err;
	struct plan *plan = load_text(buf, len, &err);
	ck_assert_msg(plan != NULL, "%lu:%lu: %s", err.line, err.col, plan ? "" : words(&err));
	ck_assert(plan->crlf);
	const struct entry *e = plan_find_item(plan, "1-1")->entries;
	ck_span(plan, &e[0].plan_span, "漢字の計画");
	ck_span(plan, &e[0].status_span, "done");
	ck_assert_uint_eq(e[0].plan_span.line, 20);
	ck_assert_uint_eq(e[0].plan_span.col, 19);
	/* absent note: after the CRLF that ends the status line */
	ck_assert_uint_eq(e[0].note_span.start, len);
	ck_assert_int_eq(plan->text[e[0].note_span.start - 1], '\n');
	ck_assert_int_eq(plan->text[e[0].note_span.start - 2], '\r');
	plan_free(plan);
	free(buf);
}
END_TEST

/* Ratings in a block list (flow and block elements), an empty flow list,
 * an item without ratings (block and flow), a flow list in a flow item. */
static const char ratings_text[] = HEAD CYCLE POLICY ITEM_HEAD("1-1")
	"        ratings:\n"
	"          - {date: \"2015-09-30\", rating: A, note: 'メモ'}\n"
	"          - date: '2016-03-31'\n"
	"            rating: B   # 遅れ\n"
	"        schedule: []\n"
	ITEM_HEAD("1-2")
	"        ratings: []\n"
	"        schedule: []\n"
	ITEM_HEAD("1-3")
	"        schedule: []\n"
	"      - {id: \"1-4\", title: t, departments: [d], content: c, effects: e, "
	"indicators: [], ratings: [{date: \"2016-03-31\", rating: S}], schedule: []}\n"
	"      - {id: \"1-5\", title: t, departments: [d], content: c, effects: e, "
	"indicators: [], schedule: []}\n";

/* The byte spans of every rating's values. */
START_TEST(spans_ratings)
{
	struct plan *plan = must_load(ratings_text);
	const struct item *it = plan_find_item(plan, "1-1");
	ck_assert_uint_eq(it->n_ratings, 2);
	const struct rating *r = it->ratings;
	ck_span(plan, &r[0].date_span, "\"2015-09-30\"");
	ck_assert_int_eq(r[0].date_span.style, SPAN_DOUBLE);
	ck_assert(r[0].date_span.in_flow);
	ck_assert_uint_eq(r[0].date_span.line, 26);
	ck_assert_uint_eq(r[0].date_span.col, 20);
	ck_span(plan, &r[0].level_span, "A");
	ck_span(plan, &r[0].note_span, "'メモ'");
	ck_assert_str_eq(r[0].note, "メモ");
	ck_assert_int_eq(r[0].review, 0);
	ck_assert_int_eq(r[0].level, 1);
	ck_assert_uint_eq(r[0].line, 26);

	ck_span(plan, &r[1].date_span, "'2016-03-31'");
	ck_span(plan, &r[1].level_span, "B");
	ck_assert(!r[1].level_span.in_flow);
	ck_assert_ptr_null(r[1].note);
	ck_assert_int_eq(r[1].note_span.style, SPAN_ABSENT);
	ck_assert_uint_eq(r[1].note_span.indent, 12);
	ck_assert(strncmp(plan->text + r[1].note_span.start, "        schedule:", 17) == 0);
	ck_assert_uint_eq(r[1].line, 27);
	ck_assert_uint_eq(r[1].level_span.line, 28);
	ck_assert_str_eq(it->rating, "B");
	ck_span(plan, &plan->reviews[1].date_span, "\"2016-03-31\"");
	ck_span(plan, &plan->reviews[1].label_span, "平成28年3月末");
	it = plan_find_item(plan, "1-4");
	ck_assert_int_eq(it->ratings[0].note_span.style, SPAN_ABSENT);
	ck_assert(strncmp(plan->text + it->ratings[0].note_span.start, "}]", 2) == 0);
	ck_assert_str_eq(it->rating, "S");
	ck_assert_ptr_null(plan_find_item(plan, "1-2")->rating);
	plan_free(plan);
}
END_TEST

/* Where a new rating goes, in each of those layouts; and a new review date
 * (after the last one, or a new `reviews:` key). */
START_TEST(ratings_insertion_points)
{
	struct plan *plan = must_load(ratings_text);
	const struct item *it = plan_find_item(plan, "1-1");
	/* a new rating: a line before "schedule:", at the list's "-" column */
	const struct insertion *ins = &it->ratings_insert;
	ck_assert_int_eq(ins->kind, INSERT_BLOCK_LIST);
	ck_assert_uint_eq(ins->indent, 10);
	ck_assert_uint_eq(ins->line, 29);
	ck_assert_uint_eq(ins->col, 1);
	ck_assert(strncmp(plan->text + ins->at, "        schedule:", 17) == 0);

	ins = &plan_find_item(plan, "1-2")->ratings_insert;   /* ratings: [] */
	ck_assert_int_eq(ins->kind, INSERT_FLOW_LIST);
	ck_assert(ins->empty);
	ck_assert(strncmp(plan->text + ins->at - 1, "[]", 2) == 0);

	ins = &plan_find_item(plan, "1-3")->ratings_insert;   /* no ratings: after the title */
	ck_assert_int_eq(ins->kind, INSERT_BLOCK_KEY);
	ck_assert_uint_eq(ins->indent, 8);
	ck_assert(strncmp(plan->text + ins->at, "        departments:", 20) == 0);
	ck_assert(strncmp(plan->text + ins->at - 14, "title: 取組\n", 14) == 0);

	ins = &plan_find_item(plan, "1-4")->ratings_insert;   /* flow item, flow list */
	ck_assert_int_eq(ins->kind, INSERT_FLOW_LIST);
	ck_assert(!ins->empty);
	ck_assert(strncmp(plan->text + ins->at, "], schedule", 11) == 0);

	ins = &plan_find_item(plan, "1-5")->ratings_insert;   /* flow item, no ratings */
	ck_assert_int_eq(ins->kind, INSERT_FLOW_KEY);
	ck_assert(strncmp(plan->text + ins->at, ", departments", 13) == 0);

	/* a new review date: a line before "policies:", at the "-" column */
	ins = &plan->reviews_insert;
	ck_assert_int_eq(ins->kind, INSERT_BLOCK_LIST);
	ck_assert_uint_eq(ins->indent, 2);
	ck_assert(strncmp(plan->text + ins->at, "policies:", 9) == 0);
	plan_free(plan);

	/* no reviews at all: the key goes before "policies:" */
	plan = must_load(HEAD "# 方針\n" POLICY "      - {id: \"1-1\", title: t, departments: [d], "
	                 "content: c, effects: e, indicators: [], schedule: []}\n");
	ins = &plan->reviews_insert;
	ck_assert_int_eq(ins->kind, INSERT_BLOCK_KEY);
	ck_assert_uint_eq(ins->indent, 0);
	ck_assert_uint_eq(ins->line, 9);
	ck_assert(strncmp(plan->text + ins->at, "policies:", 9) == 0);
	ck_assert_uint_eq(plan->n_reviews, 0);
	ck_assert_uint_eq(plan->n_rating_levels, 0);
	plan_free(plan);
	/* a flow plan: right after the policies' list */
	plan = must_load("{title: a, program: b, years: [2011], review_year: 2011, "
	                 "statuses: [{key: d, label: x}], policies: []}\n");
	ck_assert_int_eq(plan->reviews_insert.kind, INSERT_FLOW_KEY);
	ck_assert(strncmp(plan->text + plan->reviews_insert.at, "}\n", 2) == 0);
	plan_free(plan);
}
END_TEST

/* A BOM and CRLF line ends: spans and insertion points index the bytes. */
START_TEST(ratings_crlf_and_bom)
{
	const char *lf = HEAD CYCLE POLICY ITEM_HEAD("1-1") "        ratings:\n"
		RATING("2015-09-30", "A") RATING("2016-03-31", "B") "        schedule: []\n";
	size_t n = strlen(lf), len = 3;
	char *buf = malloc(3 + 2 * n + 1);
	memcpy(buf, "\xEF\xBB\xBF", 3);
	for (size_t i = 0; i < n; i++) {
		if (lf[i] == '\n')
			buf[len++] = '\r';
		buf[len++] = lf[i];
	}
	buf[len] = '\0';
	struct plan *plan = must_load(lf);
	ck_assert(!plan->crlf);
	plan_free(plan);
	plan = must_load(buf);
	ck_assert(plan->crlf);
	const struct item *it = plan_find_item(plan, "1-1");
	ck_span(plan, &it->ratings[1].date_span, "\"2016-03-31\"");
	ck_span(plan, &it->ratings[1].level_span, "B");
	const struct insertion *ins = &it->ratings_insert;
	ck_assert_int_eq(ins->kind, INSERT_BLOCK_LIST);
	ck_assert(strncmp(plan->text + ins->at - 3, "}\r\n        schedule:", 20) == 0);
	ck_assert_uint_eq(ins->line, 28);
	ins = &plan->reviews_insert;
	ck_assert(strncmp(plan->text + ins->at - 2, "\r\npolicies:", 11) == 0);
	plan_free(plan);
	free(buf);
}
END_TEST

/* A date not among many review dates: the list of them is cut with "...". */
START_TEST(not_a_review_lists_some_dates)
{
	char text[4096] = HEAD CYCLE;
	for (int y = 2016; y < 2036; y++)
		snprintf(text + strlen(text), sizeof text - strlen(text),
		         "  - {date: \"%d-09-30\", label: x}\n", y);
	strcat(text, POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-04-30", "A"));
	struct load_error err;
	ck_assert_ptr_null(load_text(text, strlen(text), &err));
	ck_assert_int_eq(err.code, LOAD_NOT_A_REVIEW);
	size_t n = strlen(err.expected);
	ck_assert_uint_lt(n, sizeof err.expected);
	ck_assert_str_eq(err.expected + n - 5, ", ...");
	ck_assert(strncmp(err.expected, "2015-09-30, 2016-03-31", 22) == 0);
}
END_TEST

/* `ratings`, `reviews` and `current_year` may come after `policies`: the
 * ratings are resolved once the whole file is read. */
START_TEST(ratings_before_their_vocabulary)
{
	struct plan *plan = must_load(HEAD POLICY ITEM_HEAD("1-1") "        ratings:\n"
		RATING("2015-09-30", "B") RATING("2016-03-31", "A") "        schedule: []\n"
		CYCLE "current_year: 2014\n");
	const struct item *it = plan_find_item(plan, "1-1");
	ck_assert_int_eq(it->ratings[0].review, 0);
	ck_assert_int_eq(it->ratings[0].level, 2);
	ck_assert_int_eq(it->ratings[1].level, 1);
	ck_assert_str_eq(it->rating, "A");
	ck_assert_int_eq(plan->current_year, 2014);
	ck_assert_ptr_eq(item_rating_at(it, 1), &it->ratings[1]);
	plan_free(plan);
}
END_TEST

START_TEST(char_cursor_converts_indexes)
{
	const char *s = "aé漢😀b";
	struct char_cursor cur;
	char_cursor_init(&cur, s, strlen(s));
	ck_assert_uint_eq(char_cursor_byte(&cur, 0), 0);
	ck_assert_uint_eq(char_cursor_byte(&cur, 2), 3);
	ck_assert_uint_eq(char_cursor_byte(&cur, 4), 10);
	ck_assert_uint_eq(char_cursor_byte(&cur, 1), 1);   /* backwards restarts */
	ck_assert_uint_eq(char_cursor_byte(&cur, 5), 11);
	ck_assert_uint_eq(char_cursor_byte(&cur, 99), 11); /* clamps at the end */
}
END_TEST

START_TEST(char_cursor_matches_naive_walk)
{
	/* Mixed 1-4 byte characters, so the word-at-a-time step ends inside
	 * characters at every possible offset. */
	static const char *const pieces[] = { "a", "é", "漢", "😀", "\r\n", "ｱ", "  " };
	char buf[4096];
	size_t len = 0, starts[4096], n = 0;
	unsigned seed = 12345;
	while (len < sizeof buf - 8) {
		seed = seed * 1103515245u + 12345u;
		const char *p = pieces[(seed >> 16) % 7];
		for (const char *c = p; *c; ) {
			size_t k = utf8_seq_len((unsigned char)*c);
			starts[n++] = len;
			memcpy(buf + len, c, k);
			len += k;
			c += k;
		}
	}
	starts[n] = len;
	struct char_cursor cur;
	char_cursor_init(&cur, buf, len);
	for (size_t i = 0; i <= n; i += 1 + i % 5)
		ck_assert_uint_eq(char_cursor_byte(&cur, i), starts[i]);
	for (size_t t = 0; t < 500; t++) {
		seed = seed * 1103515245u + 12345u;
		size_t i = (seed >> 8) % (n + 1);
		ck_assert_uint_eq(char_cursor_byte(&cur, i), starts[i]);
	}
}
END_TEST

/* ---- errors ---------------------------------------------------------- */

struct bad_case {
	const char *text;
	unsigned long line, col;
	enum load_code code;
	const char *message;   /* expected substring of the English words */
	bool cut;              /* "the file may be cut off" */
};

static const struct bad_case bad_cases[] = {
	{ HEAD POLICY ITEM_HEAD("1-1")
	  "        schedule:\n          - year: 2011\n            plan: x\n            status: dne\n",
	  21, 21, LOAD_UNKNOWN_STATUS, "unknown status \"dne\" (expected one of: planned, done)",
	  false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        colour: red\n        schedule: []\n",
	  18, 9, LOAD_UNKNOWN_KEY, "unknown key \"colour\" in an item", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        schedule: {}\n",
	  18, 19, LOAD_EXPECTED_VALUE,
	  "expected a list of yearly entries for \"schedule\", found a mapping", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        schedule: []\n" ITEM_HEAD("1-1") "        schedule: []\n",
	  19, 13, LOAD_DUPLICATE_ITEM, "duplicate item id \"1-1\" (first at line 12)", false },
	{ HEAD POLICY ITEM_HEAD("1-1")
	  "        schedule:\n          - {year: 2016, plan: x, status: done}\n",
	  19, 20, LOAD_YEAR_NOT_IN_PLAN, "year 2016 is not one of the plan's years (2011-2013)",
	  false },
	{ HEAD POLICY "      - id: \"1-1\"\n        departments: [課]\n        content: c\n"
	  "        effects: e\n        indicators: []\n        schedule: []\n",
	  12, 9, LOAD_MISSING_KEY, "item \"1-1\" has no \"title\"", true },
	{ HEAD POLICY ITEM_HEAD("1-1")
	  "        schedule:\n          - {year: 2011, plan: x, status: done}\n"
	  "          - {year: 2011, plan: y, status: done}\n",
	  20, 20, LOAD_DUPLICATE_YEAR,
	  "duplicate year 2011 in the schedule of item \"1-1\" (first at line 19)", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        title: again\n",
	  18, 9, LOAD_DUPLICATE_KEY, "duplicate key \"title\" in an item", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        schedule: &a []\n",
	  18, 19, LOAD_ANCHOR, "anchors (&a) are not allowed", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        schedule: *a\n",
	  18, 19, LOAD_ALIAS, "aliases (*a) are not allowed", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        source: !!str seed\n",
	  18, 17, LOAD_TAG, "tags (tag:yaml.org,2002:str) are not allowed", false },
	/* libyaml's own problems get our words (more in yaml_cases) */
	{ "title: 計画: 改訂\n", 1, 10, LOAD_SYNTAX, "a \":\" is not allowed here", false },
	{ "title: \"未完\nprogram: x\n", 3, 1, LOAD_SYNTAX,
	  "the file ends inside a quoted text (a closing quote is missing) (in the quoted text "
	  "from line 1)", true },
	{ "title: \"\xE6\xBC\xA2\xFF\"\n", 1, 10, LOAD_BAD_UTF8, "invalid UTF-8 (byte 0xff)", false },
	{ "title: \"\xE6\xBC", 1, 9, LOAD_BAD_UTF8, "invalid UTF-8 (byte 0xe6)", true },
	{ "title: x\nprogram: y\n", 1, 1, LOAD_MISSING_KEY, "the plan has no \"years\"", true },
	{ "", 1, 1, LOAD_EMPTY, "the file is empty", false },
	{ "- a\n- b\n", 1, 1, LOAD_EXPECTED_ELEMENT, "expected a mapping at the top", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        schedule: []\n---\nx: 1\n",
	  19, 1, LOAD_SECOND_DOCUMENT, "only one document is allowed", false },
	{ "title: 計画\nreview_year: 二千\n", 2, 14, LOAD_NOT_WHOLE_NUMBER,
	  "expected a whole number for \"review_year\"", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        review: {changed: [colour]}\n        schedule: []\n",
	  18, 28, LOAD_UNKNOWN_CHANGE, "unknown review change \"colour\" (expected one of: "
	  "departments, content, years, effects, indicators, schedule)", false },
	{ "title: \"a\\0b\"\n", 1, 8, LOAD_NUL_CHARACTER, "a NUL character is not allowed", false },
	/* file text in a message is escaped, never sent raw to the terminal */
	{ "title: x\n\"\\e[2J\\u0085\": 1\n", 2, 1, LOAD_UNKNOWN_KEY,
	  "unknown key \"\\x1b[2J\\x85\" in the plan", false },
	/* the other classes, one each */
	{ HEAD POLICY ITEM_HEAD("1-1") "        schedule: [x]\n", 18, 20, LOAD_EXPECTED_ELEMENT,
	  "expected a mapping {year, plan, status} in the schedule of item \"1-1\", found a scalar",
	  false },
	{ "title: x\nreview_year: 1800\n", 2, 14, LOAD_OUT_OF_RANGE,
	  "\"review_year\" must be between 1900 and 2200, found 1800", false },
	{ HEAD "effects:\n  - {year: 2011, total: 多い}\n", 9, 25, LOAD_NOT_NUMBER,
	  "expected a number for \"total\", found \"多い\"", false },
	{ "title: x\nstatuses:\n  - {key: a, label: b, final: yes}\n", 3, 31, LOAD_NOT_BOOLEAN,
	  "expected true or false for \"final\", found \"yes\"", false },
	{ "years: [2011, 二千]\n", 1, 15, LOAD_NOT_A_YEAR,
	  "expected a year (1900..2200) in \"years\", found \"二千\"", false },
	{ "years: [2012, 2011]\n", 1, 15, LOAD_YEARS_ORDER,
	  "\"years\" must be in ascending order without repeats (2011 after 2012)", false },
	{ "years: []\n", 1, 9, LOAD_EMPTY_LIST, "\"years\" is empty", false },
	{ "statuses:\n  - {key: Done, label: 完了}\n", 2, 11, LOAD_BAD_STATUS_KEY,
	  "status key \"Done\" must be lower-case ASCII letters, digits, _ or -", false },
	{ "statuses:\n  - {key: done, label: 完了, letter: DD}\n", 2, 36, LOAD_BAD_STATUS_LETTER,
	  "a status letter must be one ASCII character, found \"DD\"", false },
	{ "statuses:\n  - {key: a, label: b}\n  - {key: a, label: c}\n", 3, 5,
	  LOAD_DUPLICATE_STATUS, "duplicate status key \"a\"", false },
	{ "statuses:\n  - {key: done, label: b}\n  - {key: dropped, label: c}\n", 3, 5,
	  LOAD_SHARED_LETTER, "statuses \"done\" and \"dropped\" share the letter D", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        source: city\n", 18, 17, LOAD_UNKNOWN_SOURCE,
	  "unknown source \"city\" (expected one of: seed, representative)", false },
	/* the single rating of old files became a dated list: the unknown
	 * rating is now one of that list, checked against the vocabulary */
	{ HEAD CYCLE POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-03-31", "C"),
	  26, 42, LOAD_UNKNOWN_RATING, "unknown rating \"C\" (expected one of: S, A, B)", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        review: {changed: [content, content]}\n", 18, 37,
	  LOAD_CHANGE_TWICE, "review change \"content\" is listed twice", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        review: {changed: [content], new_indicators: true}\n",
	  18, 38, LOAD_NEW_INDICATORS, "new_indicators is set but \"indicators\" is not among "
	  "the changes of item \"1-1\"", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        serial: 5\n        schedule: []\n" ITEM_HEAD("1-2")
	  "        serial: 5\n", 26, 17, LOAD_DUPLICATE_SERIAL, "duplicate serial number 5", false },
	{ HEAD POLICY "      - id: \"1-1\"\n        departments: []\n", 13, 23, LOAD_NO_DEPARTMENTS,
	  "item \"1-1\" lists no departments", false },
	{ "policies:\n  - id: \"1\"\n    title: a\n    items: []\n  - id: \"1\"\n", 5, 9,
	  LOAD_DUPLICATE_POLICY, "duplicate policy id \"1\"", false },
	{ "title: a\nprogram: b\nyears: [2011]\nreview_year: 2016\n"
	  "statuses: [{key: a, label: b}]\npolicies: []\n", 4, 14, LOAD_YEAR_NOT_IN_PLAN,
	  "review_year 2016 is not one of the plan's years (2011-2011)", false },
	/* ---- the review cycle: every rule of ratings, reviews and effects */
	{ HEAD "reviews:\n  - {date: \"2016-03-31\", label: x}\n" POLICY ITEM_HEAD("1-1")
	  "        ratings:\n" RATING("2016-03-31", "A") "        schedule: []\n", 21, 42,
	  LOAD_UNKNOWN_RATING,
	  "unknown rating \"A\" (the plan has no \"ratings\" list of ratings)", false },
	{ HEAD CYCLE POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-04-30", "A"),
	  26, 20, LOAD_NOT_A_REVIEW, "2016-04-30 is not one of the review dates (expected one "
	  "of: 2015-09-30, 2016-03-31)", false },
	{ HEAD CYCLE POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-03-31", "A")
	  RATING("2015-09-30", "A") RATING("2016-03-31", "B"), 28, 20, LOAD_DUPLICATE_RATING,
	  "item \"1-1\" is rated twice at 2016-03-31 (first at line 26)", false },
	{ HEAD CYCLE POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-3-31", "A"),
	  26, 20, LOAD_BAD_DATE,
	  "expected a date such as \"2016-03-31\" for \"date\", found \"2016-3-31\"", false },
	{ "reviews:\n  - {date: \"2015-02-29\", label: x}\n", 2, 12, LOAD_BAD_DATE,
	  "found \"2015-02-29\"", false },
	{ HEAD CYCLE POLICY ITEM_HEAD("1-1")
	  "        ratings:\n          - {date: 2016-03-31, rating: A}\n", 26, 20,
	  LOAD_DATE_NOT_QUOTED, "write the date in quotes: \"2016-03-31\"", false },
	{ "reviews:\n  - {date: \"2016-03-31\", label: a}\n  - {date: \"2015-09-30\", label: b}\n",
	  3, 12, LOAD_REVIEWS_ORDER, "\"reviews\" must be in ascending order of date without "
	  "repeats (2015-09-30 after 2016-03-31)", false },
	{ "ratings:\n  - {key: \"A+\", label: x}\n", 2, 11, LOAD_BAD_RATING_KEY,
	  "rating key \"A+\" must be ASCII letters, digits, _ or -", false },
	{ "ratings:\n  - {key: A, label: x}\n  - {key: A, label: y}\n", 3, 5,
	  LOAD_DUPLICATE_RATING_KEY, "duplicate rating key \"A\"", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        rating: A\n", 18, 9, LOAD_OLD_RATING,
	  "an item's \"rating\" is now a list of dated ratings: write ratings: "
	  "[{date: \"2016-03-31\", rating: A}]", false },
	{ "effects:\n  - {year: 2015, total: 1, basis: estimate}\n", 2, 35, LOAD_UNKNOWN_BASIS,
	  "unknown basis \"estimate\" (expected one of: actual, budget)", false },
	{ "effects:\n  - {year: 2015}\n  - {year: 2015}\n", 3, 12, LOAD_DUPLICATE_EFFECTS,
	  "duplicate year 2015 in \"effects\" (first at line 2)", false },
	{ HEAD CYCLE POLICY ITEM_HEAD("1-1") "        ratings: [A]\n", 25, 19,
	  LOAD_EXPECTED_ELEMENT, "expected a mapping {date, rating} in the ratings of item "
	  "\"1-1\", found a scalar", false },
	{ HEAD CYCLE POLICY ITEM_HEAD("1-1")
	  "        ratings:\n          - {date: \"2016-03-31\"}\n        schedule: []\n", 26, 13,
	  LOAD_MISSING_KEY, "rating 1 of item \"1-1\" has no \"rating\"", false },
	{ "reviews: []\n", 1, 11, LOAD_EMPTY_LIST, "\"reviews\" is empty", false },
	{ "ratings: {}\n", 1, 10, LOAD_EXPECTED_VALUE, "expected a list for \"ratings\"", false },
	{ "reviews:\n  - [2016-03-31]\n", 2, 5, LOAD_EXPECTED_ELEMENT,
	  "expected a mapping {date, label} in \"reviews\", found a list", false },
	{ "reviews:\n  - {date: \"2016-03-31\", title: x}\n", 2, 26, LOAD_UNKNOWN_KEY,
	  "unknown key \"title\" in review date 1 (expected one of: date, label)", false },
	/* `ratings` and `reviews` after `policies`: checked once the file is read */
	{ HEAD POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-04-30", "A")
	  "        schedule: []\n" CYCLE, 19, 20, LOAD_NOT_A_REVIEW,
	  "2016-04-30 is not one of the review dates", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-03-31", "A")
	  RATING("2016-03-31", "S") "        schedule: []\n" CYCLE, 20, 20, LOAD_DUPLICATE_RATING,
	  "item \"1-1\" is rated twice at 2016-03-31 (first at line 19)", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-03-31", "C")
	  "        schedule: []\n" CYCLE, 19, 42, LOAD_UNKNOWN_RATING,
	  "unknown rating \"C\" (expected one of: S, A, B)", false },
	{ HEAD POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-03-31", "A")
	  "        schedule: []\n", 19, 20, LOAD_NOT_A_REVIEW,
	  "2016-03-31 is not one of the review dates (the plan has no \"reviews\")", false },
};

START_TEST(error_has_exact_position)
{
	const struct bad_case *bc = &bad_cases[_i];
	struct load_error err;
	struct plan *plan = load_text(bc->text, strlen(bc->text), &err);
	ck_assert_msg(plan == NULL, "case %d loaded but should not", _i);
	const char *msg = words(&err);
	ck_assert_msg(err.code == bc->code, "case %d: code %d, expected %d (%s)", _i,
	              (int)err.code, (int)bc->code, msg);
	ck_assert_msg(strstr(msg, bc->message) != NULL,
	              "case %d: message \"%s\" lacks \"%s\"", _i, msg, bc->message);
	ck_assert_msg(err.line == bc->line && err.col == bc->col,
	              "case %d: at %lu:%lu, expected %lu:%lu (%s)", _i, err.line, err.col,
	              bc->line, bc->col, msg);
	ck_assert_msg(err.at_end == bc->cut, "case %d: at_end %d (%s)", _i, err.at_end, msg);
	ck_assert_msg((strstr(msg, "(the file may be cut off)") != NULL) == bc->cut, "case %d: %s",
	              _i, msg);
	char buf[800];
	load_error_format(&err, "plan.yaml", buf, sizeof buf);
	char want[64];
	snprintf(want, sizeof want, "plan.yaml:%lu:%lu: ", bc->line, bc->col);
	ck_assert(strncmp(buf, want, strlen(want)) == 0);
	ck_assert_str_eq(buf + strlen(want), msg);
}
END_TEST

/* Every code the loader can return has a case above or a test below. */
START_TEST(every_error_class_is_tested)
{
	bool seen[LOAD_N_CODES] = { false };
	for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++)
		seen[bad_cases[i].code] = true;
	/* tested on their own below; LOAD_NO_MEMORY needs a failing malloc, and
	 * LOAD_TOO_DEEP is a guard the schema never lets a file reach (every
	 * node deeper than the schema's 7 levels is refused at its first event) */
	seen[LOAD_OK] = seen[LOAD_NO_MEMORY] = seen[LOAD_TOO_LARGE] = seen[LOAD_IO] = true;
	seen[LOAD_TOO_DEEP] = seen[LOAD_TOO_MANY] = true;
	for (int c = 0; c < LOAD_N_CODES; c++)
		ck_assert_msg(seen[c], "load error code %d has no test", c);
}
END_TEST

START_TEST(too_many_years_and_statuses)
{
	char text[2048] = "years: [";
	for (int y = 0; y <= LOAD_MAX_YEARS; y++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "%s%d", y ? ", " : "",
		         1901 + y);
	strcat(text, "]\n");
	struct load_error err;
	ck_assert_ptr_null(load_text(text, strlen(text), &err));
	ck_assert_int_eq(err.code, LOAD_TOO_MANY);
	ck_assert_str_eq(words(&err), "more than 64 years");
	ck_assert_uint_eq(err.line, 1);
	ck_assert_uint_eq(err.col, 9 + 6 * LOAD_MAX_YEARS);

	strcpy(text, "statuses:\n");
	for (int s = 0; s < 33; s++)
		snprintf(text + strlen(text), sizeof text - strlen(text),
		         "  - {key: s%d, label: x, letter: \"%c\"}\n", s, '0' + s);
	ck_assert_ptr_null(load_text(text, strlen(text), &err));
	ck_assert_int_eq(err.code, LOAD_TOO_MANY);
	ck_assert_str_eq(words(&err), "more than 32 statuses");
	ck_assert_uint_eq(err.line, 34);
	ck_assert_uint_eq(err.col, 5);

	strcpy(text, "ratings:\n");
	for (int s = 0; s < 33; s++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "  - {key: R%d, label: x}\n",
		         s);
	ck_assert_ptr_null(load_text(text, strlen(text), &err));
	ck_assert_int_eq(err.code, LOAD_TOO_MANY);
	ck_assert_str_eq(words(&err), "more than 32 ratings in \"ratings\"");
	ck_assert_uint_eq(err.line, 34);

	size_t size = 64 + 48 * (LOAD_MAX_REVIEWS + 1);
	char *big = malloc(size);
	strcpy(big, "reviews:\n");
	size_t len = strlen(big);
	for (int d = 0; d <= LOAD_MAX_REVIEWS; d++)
		len += (size_t)snprintf(big + len, size - len, "  - {date: \"%d-%02d-01\", label: x}\n",
		                        1920 + d / 12, d % 12 + 1);
	ck_assert_ptr_null(load_text(big, len, &err));
	ck_assert_int_eq(err.code, LOAD_TOO_MANY);
	ck_assert_str_eq(words(&err), "more than 1024 review dates");
	ck_assert_uint_eq(err.line, 2 + LOAD_MAX_REVIEWS);
	free(big);
}
END_TEST

START_TEST(too_large_has_no_position)
{
	struct load_error err;
	/* the size is checked before a byte is read */
	ck_assert_ptr_null(plan_load_buffer("", LOAD_MAX_BYTES + 1, &err));
	ck_assert_int_eq(err.code, LOAD_TOO_LARGE);
	ck_assert_uint_eq(err.line, 0);
	char buf[200];
	load_error_format(&err, "big.yaml", buf, sizeof buf);
	ck_assert_str_eq(buf, "big.yaml: the file is larger than 512 MiB");
}
END_TEST

/* ---- libyaml's problems ------------------------------------------------ */

struct yaml_case {
	const char *text;
	unsigned long line, col;
	enum load_yaml yaml;
	bool cut;
};

static const struct yaml_case yaml_cases[] = {
	{ "title: x\n\tprogram: y\n", 2, 1, LOAD_YAML_TAB, false },
	{ "title: x\nprogram:\n\t- a\n", 3, 1, LOAD_YAML_TAB, false },
	{ "title: @x\n", 1, 8, LOAD_YAML_CANNOT_START_TOKEN, false },
	{ "title: |\n\tb\n", 2, 1, LOAD_YAML_BLOCK_TAB, false },
	{ "title: 計画: 改訂\n", 1, 10, LOAD_YAML_VALUE_NOT_ALLOWED, false },
	{ "title: x\n- a\n", 2, 1, LOAD_YAML_NO_KEY, false },
	{ "title: x\nfoo\n", 3, 1, LOAD_YAML_NO_COLON, true },
	{ "statuses: - a\n", 1, 11, LOAD_YAML_SEQ_NOT_ALLOWED, false },
	{ "years: [2011, :x]\n", 1, 15, LOAD_YAML_NO_NODE, false },
	{ "years: [2011, 2012\n", 2, 1, LOAD_YAML_NO_COMMA_BRACKET, true },
	{ "statuses: [{key: a, label: b\n", 2, 1, LOAD_YAML_NO_COMMA_BRACE, true },
	{ "title: \"a\\qb\"\n", 1, 10, LOAD_YAML_UNKNOWN_ESCAPE, false },
	{ "title: \"a\\xZZ\"\n", 1, 12, LOAD_YAML_NO_HEX, false },
	{ "title: \"a\\UFFFFFFFF\"\n", 1, 12, LOAD_YAML_BAD_UNICODE_ESCAPE, false },
	{ "title: |0\n  a\n", 1, 9, LOAD_YAML_ZERO_INDENT, false },
	{ "title: | x\n  a\n", 1, 10, LOAD_YAML_NO_COMMENT_OR_BREAK, false },
	{ "title: &\n", 1, 9, LOAD_YAML_NO_ALNUM, true },
	{ "title: !<a b\n", 1, 11, LOAD_YAML_TAG_SYNTAX, false },
	{ "title: \"a\n---\n\"\n", 2, 1, LOAD_YAML_DOCUMENT_INDICATOR, false },
	{ "title: x\x01\n", 1, 9, LOAD_YAML_CONTROL_CHARACTER, false },
	{ "title: \"a\n", 2, 1, LOAD_YAML_END_OF_STREAM, true },
	{ "%YAML 1.1\n%YAML 1.1\n---\na: 1\n", 2, 1, LOAD_YAML_DIRECTIVE, false },
	{ "%YA\n---\na: 1\n", 1, 4, LOAD_YAML_DIRECTIVE, false },
};

START_TEST(libyaml_problem_is_ours)
{
	const struct yaml_case *yc = &yaml_cases[_i];
	struct load_error err;
	ck_assert_ptr_null(load_text(yc->text, strlen(yc->text), &err));
	const char *msg = words(&err);
	ck_assert_msg(err.code == LOAD_SYNTAX && err.yaml == yc->yaml,
	              "case %d: code %d, yaml %d, expected yaml %d (%s)", _i, (int)err.code,
	              (int)err.yaml, (int)yc->yaml, msg);
	ck_assert_msg(err.line == yc->line && err.col == yc->col,
	              "case %d: at %lu:%lu, expected %lu:%lu (%s)", _i, err.line, err.col,
	              yc->line, yc->col, msg);
	ck_assert_msg(err.at_end == yc->cut, "case %d: at_end %d (%s)", _i, err.at_end, msg);
	/* none of libyaml's English texts reaches the user */
	ck_assert_msg(!strstr(msg, "found ") && !strstr(msg, "did not find") &&
	              !strstr(msg, "could not find") && !strstr(msg, "while "), "case %d: %s",
	              _i, msg);
}
END_TEST

/* A file cut short says so: mid-character, inside an item, inside a value. */
START_TEST(cut_files_say_so)
{
	char *path = srcdir_path("plan.yaml");
	char *text;
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	text = malloc(200000);
	size_t len = fread(text, 1, 200000, f);
	fclose(f);
	free(path);
	/* cuts all through the items: nearly every one says so (a cut can
	 * also leave a wrong but whole-looking value, "serial: 5" of 56) */
	const char *first_item = strstr(text, "      - id:");
	ck_assert_ptr_nonnull(first_item);
	size_t cuts = 0, said = 0;
	for (size_t n = (size_t)(first_item - text) + 1; n < len - 1; n += 331) {
		struct load_error err;
		struct plan *plan = load_text(text, n, &err);
		if (plan) {   /* cut at the end of a complete item: a valid plan */
			plan_free(plan);
			continue;
		}
		cuts++;
		said += err.at_end;
		if (!err.at_end)
			fprintf(stderr, "# cut at %zu not said: %lu:%lu: %s\n", n, err.line, err.col,
			        words(&err));
	}
	ck_assert_uint_gt(cuts, 200);
	ck_assert_uint_ge(said, cuts * 95 / 100);
	/* mid-character, mid-item (a key missing), inside a quoted text */
	static const char *const ends[] = { "事業仕分けの実施", "            status: done\n",
	                                    "note: \"" };
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
		const char *at = strstr(text, ends[k]);
		ck_assert_ptr_nonnull(at);
		size_t n = (size_t)(at - text) + (k == 0 ? 4 : k == 1 ? 0 : strlen(ends[k]) + 3);
		struct load_error err;
		ck_assert_ptr_null(load_text(text, n, &err));
		ck_assert_msg(err.at_end, "cut %zu: %s", k, words(&err));
		ck_assert_ptr_nonnull(strstr(words(&err), "(the file may be cut off)"));
		ck_assert_int_eq(err.code, k == 0 ? LOAD_BAD_UTF8 : k == 1 ? LOAD_MISSING_KEY
		                                  : LOAD_SYNTAX);
	}
	free(text);
}
END_TEST

/* The same errors in Japanese under ja_JP.UTF-8 (the catalogue of the
 * build tree): positions first, no English sentence. */
START_TEST(words_in_japanese)
{
	const char *build = getenv("top_builddir");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/po/locale", build ? build : ".");
	setenv("PLANDASH_LOCALEDIR", dir, 1);
	setenv("LC_ALL", "ja_JP.UTF-8", 1);
	setenv("LANGUAGE", "ja", 1);
	i18n_init();
	if (!i18n_is_japanese()) {
		fprintf(stderr, "# SKIP Japanese words: no ja_JP.UTF-8 locale or catalogue in %s\n", dir);
		return;
	}
	static const struct { const char *text, *want; } cases[] = {
		{ "title: x\n\tprogram: y\n",
		  "plan.yaml:2:1: インデントにタブ文字があります (インデントには空白を使います)" },
		{ HEAD POLICY ITEM_HEAD("1-1")
		  "        schedule:\n          - year: 2011\n            plan: x\n            status: dne\n",
		  "plan.yaml:21:21: 状況「dne」はありません (使える状況: planned, done)" },
		{ "title: \"未完\nprogram: x\n",
		  "plan.yaml:3:1: 引用符の中でファイルが終わっています (閉じる引用符がありません) "
		  "(1行目からの引用符で囲んだテキスト) (ファイルが途中で切れている可能性があります)" },
		{ HEAD POLICY "      - id: \"1-1\"\n        departments: [課]\n        content: c\n"
		  "        effects: e\n        indicators: []\n        schedule: []\n",
		  "plan.yaml:12:9: 取組「1-1」に「title」がありません (ファイルが途中で切れている可能性があります)" },
		{ HEAD CYCLE POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-03-31", "A")
		  RATING("2016-03-31", "B"),
		  "plan.yaml:27:20: 取組「1-1」は 2016-03-31 に2回評価されています (最初は 26 行目)" },
		{ HEAD CYCLE POLICY ITEM_HEAD("1-1") "        ratings:\n" RATING("2016-04-30", "A"),
		  "plan.yaml:26:20: 2016-04-30 は評価日にありません (使える日付: 2015-09-30, 2016-03-31)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct load_error err;
		ck_assert_ptr_null(load_text(cases[i].text, strlen(cases[i].text), &err));
		char buf[800];
		load_error_format(&err, "plan.yaml", buf, sizeof buf);
		ck_assert_str_eq(buf, cases[i].want);
	}
	setlocale(LC_ALL, "C");
	unsetenv("LANGUAGE");
}
END_TEST

START_TEST(deep_nesting_is_cut_short)
{
	size_t n = 200000;
	char *s = malloc(n + 16);
	memcpy(s, "title: ", 7);
	memset(s + 7, '[', n);
	s[7 + n] = '\0';
	struct load_error err;
	ck_assert_ptr_null(load_text(s, strlen(s), &err));
	ck_assert_uint_eq(err.line, 1);
	free(s);
}
END_TEST

START_TEST(missing_file_is_io_error)
{
	struct load_error err;
	int io;
	ck_assert_ptr_null(plan_load_file("/nonexistent/plan.yaml", &err, &io));
	ck_assert_int_ne(io, 0);
	ck_assert_uint_eq(err.line, 0);
	ck_assert_int_eq(err.code, LOAD_IO);
	ck_assert_int_eq(err.num[0], io);
	char buf[300];
	load_error_format(&err, "/nonexistent/plan.yaml", buf, sizeof buf);
	ck_assert_str_eq(buf, "/nonexistent/plan.yaml: No such file or directory");
}
END_TEST

/* ---- the YAML test suite ---------------------------------------------- */

START_TEST(corpus_answers_cleanly)
{
	char *dir = srcdir_path("../shared/corpus/yaml-test-suite");
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "# SKIP corpus: %s not found (it sits beside the checkout)\n", dir);
		free(dir);
		return;
	}
	size_t files = 0, loaded = 0, rejected = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strstr(de->d_name, ".yaml"))
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		struct load_error err;
		int io;
		struct plan *plan = plan_load_file(path, &err, &io);
		files++;
		if (plan) {
			loaded++;
			plan_free(plan);
			continue;
		}
		rejected++;
		ck_assert_msg(io == 0, "%s: I/O error %s", de->d_name, words(&err));
		ck_assert_msg(err.line >= 1 && err.col >= 1, "%s: error without a position: %s",
		              de->d_name, words(&err));
		ck_assert_msg(err.code != LOAD_OK && words(&err)[0] != '\0', "%s: empty message",
		              de->d_name);
		/* every libyaml problem the suite reaches has our own words */
		ck_assert_msg(err.code != LOAD_SYNTAX || err.yaml != LOAD_YAML_OTHER,
		              "%s: unmapped libyaml problem at %lu:%lu", de->d_name, err.line, err.col);
	}
	closedir(d);
	free(dir);
	ck_assert_uint_eq(files, 402);
	ck_assert_uint_eq(loaded + rejected, files);
}
END_TEST

static Suite *load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("plan");
	tcase_add_test(tc, plan_yaml_counts);
	tcase_add_test(tc, plan_yaml_seed_items);
	tcase_add_test(tc, plan_yaml_spans_match_values);
	tcase_add_test(tc, plan_yaml_ratings);
	suite_add_tcase(s, tc);
	tc = tcase_create("spans");
	tcase_add_test(tc, spans_block_styles);
	tcase_add_test(tc, spans_flow_style);
	tcase_add_test(tc, spans_crlf_and_bom);
	tcase_add_test(tc, spans_ratings);
	tcase_add_test(tc, ratings_insertion_points);
	tcase_add_test(tc, ratings_crlf_and_bom);
	tcase_add_test(tc, ratings_before_their_vocabulary);
	tcase_add_test(tc, char_cursor_converts_indexes);
	tcase_add_test(tc, char_cursor_matches_naive_walk);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_loop_test(tc, error_has_exact_position, 0,
	                    (int)(sizeof bad_cases / sizeof *bad_cases));
	tcase_add_test(tc, every_error_class_is_tested);
	tcase_add_loop_test(tc, libyaml_problem_is_ours, 0,
	                    (int)(sizeof yaml_cases / sizeof *yaml_cases));
	tcase_add_test(tc, too_many_years_and_statuses);
	tcase_add_test(tc, not_a_review_lists_some_dates);
	tcase_add_test(tc, too_large_has_no_position);
	tcase_add_test(tc, words_in_japanese);
	tcase_add_test(tc, deep_nesting_is_cut_short);
	tcase_add_test(tc, missing_file_is_io_error);
	suite_add_tcase(s, tc);
	tc = tcase_create("cuts");   /* a few hundred loads of plan.yaml */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, cut_files_say_so);
	suite_add_tcase(s, tc);
	tc = tcase_create("corpus");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, corpus_answers_cleanly);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(load_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
