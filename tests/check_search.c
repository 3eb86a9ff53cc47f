/* check_search.c - the "/" search: folding, the byte ranges given to the
 * highlighter, every field in plan order, and the search session
 * (narrowing, lazy counting, budgets) against a plain reference written
 * here: it folds whole code points and runs strstr over every field, and
 * shares no code with src/search.c. */
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

/* Full-width letters and digits, an ideographic space, a policy that
 * mentions ＰＤＣＡ in its description. */
static const char wide_plan[] =
	"title: 計画\nprogram: プログラム\nyears: [2012, 2013]\nreview_year: 2013\n"
	"statuses:\n"
	"  - {key: planned, label: 予定, letter: P}\n"
	"  - {key: done, label: 完了, letter: D, final: true}\n"
	"policies:\n"
	"  - id: \"1\"\n    title: 協働の推進\n    description: ＰＤＣＡ　サイクルを回す\n"
	"    items:\n"
	"      - id: \"1-1\"\n        serial: 4\n        title: Ｗｅｂサイトの改善\n"
	"        departments: [広報課]\n        content: ４－３の続き\n        effects: 効果\n"
	"        indicators: [{name: 閲覧数, baseline: 平成22年度 10件, target: 平成27年度 ２０件}]\n"
	"        schedule:\n"
	"          - {year: 2012, plan: 調査, status: done, note: 'NPOと協議'}\n"
	"          - {year: 2013, plan: サ-ビスの改修, status: planned}\n"
	"  - id: \"2\"\n    title: ＰＤＣＡの定着\n    items:\n"
	"      - id: \"2-1\"\n        serial: 27\n        title: 事業仕分けの実施\n"
	"        departments: [行政経営課]\n        content: 外部の視点\n        effects: 見直し\n"
	"        indicators: []\n"
	"        schedule:\n"
	"          - {year: 2012, plan: 準備, status: done}\n"
	"          - {year: 2013, plan: 実施, status: planned}\n";

static bool pos_eq(const struct plan_pos *a, const struct plan_pos *b)
{
	return a->policy == b->policy && a->item == b->item && a->entry == b->entry &&
	       a->field == b->field && a->sub == b->sub;
}

/* ---- the reference ------------------------------------------------------- */

/* Fold by code point: U+FF01..U+FF5E to ASCII, U+3000 to a space, ASCII
 * letters to lower case.  out holds at least strlen(in) + 1 bytes. */
static void ref_fold(const char *in, char *out)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0;
	while (*s) {
		unsigned cp;
		int n;
		if (*s < 0x80) {
			cp = *s;
			n = 1;
		} else if ((*s & 0xE0) == 0xC0) {
			cp = (s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu);
			n = 2;
		} else if ((*s & 0xF0) == 0xE0) {
			cp = (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
			n = 3;
		} else {
			cp = 0x10000;
			n = 4;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000)
			cp = ' ';
		if (cp < 0x80)
			out[o++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		else
			for (int k = 0; k < n; k++)
				out[o++] = (char)s[k];
		s += n;
	}
	out[o] = '\0';
}

static bool ref_contains(const char *text, const char *folded_needle)
{
	if (!text)
		return false;
	char *f = malloc(strlen(text) + 1);
	ck_assert_ptr_nonnull(f);
	ref_fold(text, f);
	bool hit = strstr(f, folded_needle) != NULL;
	free(f);
	return hit;
}

/* Every field in plan order, whether the filter lets the search see it,
 * and whether it matches. */
struct ref_field {
	struct plan_pos pos;
	bool seen, hit;
};

struct ref {
	struct ref_field *v;
	size_t n, cap;
};

static void ref_add(struct ref *r, struct plan_pos pos, bool seen, const char *text,
                    const char *needle)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->v = realloc(r->v, r->cap * sizeof *r->v);
		ck_assert_ptr_nonnull(r->v);
	}
	bool hit = seen && *needle && ref_contains(text, needle);
	r->v[r->n++] = (struct ref_field){ pos, seen, hit };
}

#define P(f, e, s) ((struct plan_pos){ (int)p, (int)i, (e), (f), (s) })

static void ref_item(struct ref *r, const struct plan *plan, const struct filter *f, size_t p,
                     size_t i, const char *nd)
{
	const struct item *it = &plan->policies[p].items[i];
	bool seen = filter_item(plan, f, it);
	char serial[32];
	snprintf(serial, sizeof serial, "No.%d", it->serial);
	ref_add(r, P(MATCH_ID, -1, 0), seen, it->id, nd);
	ref_add(r, P(MATCH_SERIAL, -1, 0), seen, it->serial ? serial : NULL, nd);
	ref_add(r, P(MATCH_TITLE, -1, 0), seen, it->title, nd);
	for (size_t d = 0; d < it->n_departments; d++)
		ref_add(r, P(MATCH_DEPARTMENT, -1, (int)d), seen, it->departments[d], nd);
	ref_add(r, P(MATCH_CONTENT, -1, 0), seen, it->content, nd);
	ref_add(r, P(MATCH_EFFECTS, -1, 0), seen, it->effects, nd);
	for (size_t k = 0; k < it->n_indicators; k++) {
		const struct indicator *ind = &it->indicators[k];
		ref_add(r, P(MATCH_INDICATOR_NAME, -1, (int)k), seen, ind->name, nd);
		ref_add(r, P(MATCH_INDICATOR_BASELINE, -1, (int)k), seen, ind->baseline, nd);
		ref_add(r, P(MATCH_INDICATOR_TARGET, -1, (int)k), seen, ind->target, nd);
	}
	for (size_t e = 0; e < it->n_entries; e++) {
		const struct entry *en = &it->entries[e];
		bool es = seen && filter_entry(plan, f, it, en);
		ref_add(r, P(MATCH_PLAN, (int)e, 0), es, en->plan, nd);
		ref_add(r, P(MATCH_NOTE, (int)e, 0), es, en->note, nd);
	}
}

static void ref_build(struct ref *r, const struct plan *plan, const struct filter *f,
                      const char *needle, bool policies)
{
	char *nd = malloc(strlen(needle) + 1);
	ck_assert_ptr_nonnull(nd);
	ref_fold(needle, nd);
	r->n = 0;
	for (size_t p = 0; p < plan->n_policies; p++) {
		const struct policy *pol = &plan->policies[p];
		size_t i = (size_t)-1;
		ref_add(r, P(MATCH_POLICY_TITLE, -1, 0), policies, pol->title, nd);
		ref_add(r, P(MATCH_POLICY_DESCRIPTION, -1, 0), policies, pol->description, nd);
		for (i = 0; i < pol->n_items; i++)
			ref_item(r, plan, f, p, i, nd);
	}
	free(nd);
}

static size_t ref_count(const struct ref *r)
{
	size_t n = 0;
	for (size_t k = 0; k < r->n; k++)
		n += r->v[k].hit;
	return n;
}

/* The ordinal of a position among the fields, or -1. */
static long ref_ordinal(const struct ref *r, const struct plan_pos *pos)
{
	for (size_t k = 0; pos && k < r->n; k++)
		if (pos_eq(&r->v[k].pos, pos))
			return (long)k;
	return -1;
}

/* What a find must answer: the ordinal of the match, or -1 for none. */
static long ref_find(const struct ref *r, long from, enum search_dir dir, bool *wrapped)
{
	long n = (long)r->n;
	*wrapped = false;
	if (from < 0) {
		for (long k = 0; k < n; k++)
			if (r->v[dir == SEARCH_PREV ? n - 1 - k : k].hit)
				return dir == SEARCH_PREV ? n - 1 - k : k;
		return -1;
	}
	if (dir == SEARCH_PREV) {
		for (long k = from - 1; k >= 0; k--)
			if (r->v[k].hit)
				return k;
		*wrapped = true;
		for (long k = n - 1; k >= from; k--)
			if (r->v[k].hit)
				return k;
		return -1;
	}
	long start = dir == SEARCH_NEXT ? from + 1 : from;
	for (long k = start; k < n; k++)
		if (r->v[k].hit)
			return k;
	*wrapped = true;
	for (long k = 0; k < start; k++)
		if (r->v[k].hit)
			return k;
	return -1;
}

static size_t ref_rank(const struct ref *r, long ord)
{
	size_t rank = 0;
	if (ord < 0 || !r->v[ord].hit)
		return 0;
	for (long k = 0; k <= ord; k++)
		rank += r->v[k].hit;
	return rank;
}

/* A session answers as the reference does, for every field as `from`, in
 * every direction, and ranks every field. */
static void check_session_against(struct search_session *s, const struct ref *r)
{
	size_t n;
	ck_assert(search_session_step(s, 0));
	ck_assert(search_session_count(s, &n));
	ck_assert_uint_eq(n, ref_count(r));
	for (size_t k = 0; k < r->n; k++) {
		size_t rank;
		ck_assert(search_session_rank(s, &r->v[k].pos, &rank));
		ck_assert_uint_eq(rank, ref_rank(r, (long)k));
		for (int d = SEARCH_NEXT; d <= SEARCH_HERE; d++) {
			struct plan_pos out;
			bool w, ref_w;
			long want = ref_find(r, (long)k, (enum search_dir)d, &ref_w);
			enum search_result got = search_session_find(s, &r->v[k].pos, (enum search_dir)d,
			                                             0, &out, &w);
			ck_assert_int_eq(got, want < 0 ? SEARCH_NONE : SEARCH_FOUND);
			if (want >= 0) {
				ck_assert_msg(pos_eq(&out, &r->v[want].pos), "field %zu dir %d", k, d);
				ck_assert(w == ref_w);
			}
		}
	}
}

/* ---- folding and byte ranges ------------------------------------------- */

static void expect_range(const char *needle, const char *text, size_t from, size_t start,
                         size_t len)
{
	struct search_needle n;
	size_t s, l;
	ck_assert(search_needle_init(&n, needle));
	ck_assert_msg(search_text_find(&n, text, from, &s, &l), "\"%s\" not in \"%s\"", needle,
	              text);
	ck_assert_msg(s == start && l == len, "\"%s\" in \"%s\": [%zu, +%zu), want [%zu, +%zu)",
	              needle, text, s, l, start, len);
}

static bool finds(const char *needle, const char *text)
{
	struct search_needle n;
	size_t s, l;
	search_needle_init(&n, needle);
	return search_text_find(&n, text, 0, &s, &l);
}

START_TEST(folding)
{
	/* ASCII case, both ways */
	expect_range("pdca", "PDCAサイクルの構築", 0, 0, 4);
	expect_range("PdCa", "のpdca", 0, 3, 4);
	/* full-width in the needle, the text or both; the range is the text's */
	expect_range("ＰＤＣＡ", "PDCAサイクル", 0, 0, 4);
	expect_range("pdca", "方針ＰＤＣＡ", 0, 6, 12);
	expect_range("ｐｄｃａ", "ＰＤＣＡ", 0, 0, 12);
	expect_range("４－３", "項目4-3の", 0, 6, 3);
	expect_range("4-3", "項目４－３の", 0, 6, 9);
	expect_range("No.27", "Ｎｏ．27", 0, 0, 11);
	expect_range("サイクル", "PDCAサイクル", 0, 4, 12);
	expect_range("（plan）", "計画(Ｐｌａｎ)、", 0, 6, 14);
	/* the ideographic space is a space */
	expect_range("a b", "xA　B", 0, 1, 5);
	expect_range("a　b", "a b", 0, 0, 3);
	/* every match of a line, for the highlighter */
	const char *line = "aＡa";
	expect_range("a", line, 0, 0, 1);
	expect_range("a", line, 1, 1, 3);
	expect_range("a", line, 4, 4, 1);
	struct search_needle n;
	size_t s, l;
	ck_assert(search_needle_init(&n, "a"));
	ck_assert(!search_text_find(&n, line, 5, &s, &l));
	/* what does not fold: kana, the long-vowel mark, other symbols */
	ck_assert(!finds("ー", "サ-ビス"));
	ck_assert(!finds("-", "サービス"));
	ck_assert(!finds("ｶ", "カ"));
	ck_assert(finds("広告", "バナー広告の"));
	ck_assert(!finds("広告費", "広告"));
	/* never inside a character */
	ck_assert(!finds("\xBA\x83", "広告"));
	/* nothing to find */
	ck_assert(!search_needle_init(&n, ""));
	ck_assert(!search_text_find(&n, "abc", 0, &s, &l));
	ck_assert(!search_needle_init(&n, NULL));
	ck_assert(search_needle_init(&n, "a"));
	ck_assert(!search_text_find(&n, NULL, 0, &s, &l));
	char *big = malloc(SEARCH_NEEDLE_MAX + 1);
	memset(big, 'x', SEARCH_NEEDLE_MAX);
	big[SEARCH_NEEDLE_MAX] = '\0';
	ck_assert(!search_needle_init(&n, big));
	ck_assert(!search_text_find(&n, big, 0, &s, &l));
	free(big);
}
END_TEST

/* ---- what the session searches --------------------------------------------- */

static struct plan_pos find_from_start(struct search_session *s, const char *needle)
{
	struct plan_pos pos, start = pos_policy_start(0);
	bool wrapped;
	search_session_set(s, needle);
	ck_assert_int_eq(search_session_find(s, &start, SEARCH_HERE, 0, &pos, &wrapped),
	                 SEARCH_FOUND);
	ck_assert(!wrapped);
	return pos;
}

START_TEST(fields_on_plan_yaml)
{
	struct plan *plan = load_plan_yaml();
	struct search_session *s = search_session_new(plan, NULL, SEARCH_ALL);
	ck_assert_ptr_nonnull(s);
	/* /PDCA selects 方針3, in any width and case */
	const char *pdca[] = { "PDCA", "pdca", "ＰＤＣＡ", "ｐｄｃａ" };
	for (size_t k = 0; k < 4; k++) {
		struct plan_pos pos = find_from_start(s, pdca[k]);
		ck_assert_int_eq(pos.policy, 2);
		ck_assert_int_eq(pos.item, -1);
		ck_assert_int_eq(pos.field, MATCH_POLICY_TITLE);
		ck_assert_str_eq(pos_text(plan, &pos), "PDCAサイクルの構築");
		ck_assert_str_eq(pos_policy(plan, &pos)->id, "3");
		ck_assert_ptr_null(pos_item(plan, &pos));
	}
	/* the description comes next */
	struct plan_pos pos = find_from_start(s, "PDCA"), next;
	ck_assert_int_eq(search_session_find(s, &pos, SEARCH_NEXT, 0, &next, NULL), SEARCH_FOUND);
	ck_assert_int_eq(next.field, MATCH_POLICY_DESCRIPTION);
	ck_assert_int_eq(next.policy, 2);
	/* ４－３ is 4-3's id */
	pos = find_from_start(s, "４－３");
	ck_assert_int_eq(pos.field, MATCH_ID);
	ck_assert_str_eq(pos_item(plan, &pos)->id, "4-3");
	/* No.27 is 事業仕分けの実施's serial number (a note of 3-5 cites it first) */
	pos = find_from_start(s, "No.27");
	ck_assert_int_eq(pos.field, MATCH_NOTE);
	ck_assert_str_eq(pos_item(plan, &pos)->id, "3-5");
	ck_assert_int_eq(search_session_find(s, &pos, SEARCH_NEXT, 0, &pos, NULL), SEARCH_FOUND);
	ck_assert_int_eq(pos.field, MATCH_SERIAL);
	ck_assert_str_eq(pos_item(plan, &pos)->title, "事業仕分けの実施");
	char buf[POS_TEXT_BUF];
	ck_assert_str_eq(pos_field_text(plan, &pos, buf), "No.27");
	ck_assert_ptr_null(pos_text(plan, &pos));
	/* effects, indicators: name, baseline, target */
	pos = find_from_start(s, "広告料収入");
	ck_assert_int_eq(pos.field, MATCH_EFFECTS);
	pos = find_from_start(s, "広告収入額");
	ck_assert_int_eq(pos.field, MATCH_INDICATOR_NAME);
	pos = find_from_start(s, "平成22年度 250万円");
	ck_assert_int_eq(pos.field, MATCH_INDICATOR_BASELINE);
	ck_assert_str_eq(pos_item(plan, &pos)->id, "4-4");
	pos = find_from_start(s, "平成27年度 500万円");
	ck_assert_int_eq(pos.field, MATCH_INDICATOR_TARGET);
	ck_assert_int_eq(pos.sub, 0);
	/* the one-off search stays with the items' fields: PDCA is in none */
	ck_assert(!search_find(plan, NULL, "PDCA", NULL, SEARCH_NEXT, &pos, NULL));
	ck_assert_uint_eq(search_count(plan, NULL, "pdca"), 0);
	ck_assert(search_find(plan, NULL, "Ｎo.27", NULL, SEARCH_NEXT, &pos, NULL));
	ck_assert_ptr_nonnull(pos_item(plan, &pos));
	ck_assert_uint_eq(search_count(plan, NULL, "no.27"), 2);
	search_session_free(s);
	plan_free(plan);
}
END_TEST

START_TEST(fields_in_plan_order)
{
	struct plan *plan = must_load(wide_plan);
	struct search_session *s = search_session_new(plan, NULL, SEARCH_ALL);
	struct ref r = { 0 };
	const char *needles[] = { "pdca", "ＰＤＣＡ", "4-3", "web", "ｗｅｂ", "no.", "27", "No.2",
	                          "o.4", "課", "平成", "20件", "npo", "サ-ビス", "の", " ", "　" };
	for (size_t k = 0; k < sizeof needles / sizeof *needles; k++) {
		ref_build(&r, plan, NULL, needles[k], true);
		search_session_set(s, needles[k]);
		check_session_against(s, &r);
	}
	/* "pdca": the first policy's description, the second's title */
	ref_build(&r, plan, NULL, "pdca", true);
	ck_assert_uint_eq(ref_count(&r), 2);
	free(r.v);
	search_session_free(s);
	plan_free(plan);
}
END_TEST

/* Under filters, in both scopes: the one-off functions and a session agree
 * with the reference. */
START_TEST(follows_filters)
{
	struct plan *plan = load_plan_yaml();
	struct filter fs[5];
	for (size_t k = 0; k < 5; k++)
		filter_clear(&fs[k]);
	ck_assert(filter_set_department(&fs[1], "行政経営課"));
	fs[2].year = 2013;
	fs[3].statuses = UINT32_C(1) << plan_status_index(plan, "delayed");
	fs[4].overdue = true;
	fs[4].reference_year = 2014;
	const char *needles[] = { "システム", "見直し", "課", "検討", "no.1", "協働" };
	struct ref r = { 0 };
	for (size_t k = 0; k < 5; k++)
		for (size_t w = 0; w < sizeof needles / sizeof *needles; w++) {
			ref_build(&r, plan, &fs[k], needles[w], false);
			ck_assert_uint_eq(search_count(plan, &fs[k], needles[w]), ref_count(&r));
			struct search_session *s = search_session_new(plan, &fs[k], SEARCH_ITEMS);
			search_session_set(s, needles[w]);
			check_session_against(s, &r);
			ref_build(&r, plan, &fs[k], needles[w], true);
			search_session_free(s);
			s = search_session_new(plan, &fs[k], SEARCH_ALL);
			search_session_set(s, needles[w]);
			check_session_against(s, &r);
			search_session_free(s);
		}
	free(r.v);
	plan_free(plan);
}
END_TEST

/* ---- the session: narrowing, laziness, budgets --------------------------- */

START_TEST(narrowing)
{
	struct plan *plan = load_plan_yaml();
	struct search_session *s = search_session_new(plan, NULL, SEARCH_ALL);
	struct ref r = { 0 };
	const char *typed[] = { "シ", "シス", "システ", "システム" };
	size_t before = 0;
	for (size_t k = 0; k < 4; k++) {
		bool narrowed = search_session_set(s, typed[k]);
		ck_assert(narrowed == (k > 0));
		ck_assert(search_session_step(s, 0));
		/* a longer query looks only at the previous matches */
		if (k > 0)
			ck_assert_msg(search_session_work(s) <= before + 2, "%zu fields for %zu matches",
			              search_session_work(s), before);
		ck_assert(search_session_count(s, &before));
		ref_build(&r, plan, NULL, typed[k], true);
		check_session_against(s, &r);
	}
	/* shorter, other, folded: when it narrows and when it starts afresh */
	ck_assert(!search_session_set(s, "シス"));
	ck_assert(!search_session_set(s, "ム"));
	ck_assert(search_session_set(s, "ム"));          /* the same: nothing to redo */
	ck_assert(!search_session_set(s, "p"));
	ck_assert(search_session_set(s, "ＰＤ"));        /* folds to "pd", which holds "p" */
	ck_assert(search_session_set(s, "xPDCAx"));
	ck_assert(!search_session_set(s, ""));
	ck_assert(!search_session_set(s, "a"));
	/* a whole plan's worth of work for the first letter, little for the rest */
	search_session_set(s, "の");
	ck_assert(search_session_step(s, 0));
	size_t all = search_session_work(s), hits;
	search_session_count(s, &hits);
	ck_assert(search_session_set(s, "の見直"));
	ck_assert(search_session_step(s, 0));
	ck_assert_uint_le(search_session_work(s), hits + 2);
	ck_assert_uint_lt(hits + 2, all);
	ref_build(&r, plan, NULL, "の見直", true);
	check_session_against(s, &r);
	free(r.v);
	search_session_free(s);
	plan_free(plan);
}
END_TEST

START_TEST(lazy_counting)
{
	struct plan *plan = load_plan_yaml();
	struct search_session *s = search_session_new(plan, NULL, SEARCH_ALL);
	struct ref r = { 0 };
	ref_build(&r, plan, NULL, "の", true);
	search_session_set(s, "の");
	/* from 4-1: found after a short look, count and rank not known yet */
	struct plan_pos from = pos_item_start(3, 0), pos;
	size_t n, rank;
	ck_assert_int_eq(search_session_find(s, &from, SEARCH_HERE, 0, &pos, NULL), SEARCH_FOUND);
	ck_assert_uint_lt(search_session_work(s), 50);
	ck_assert_str_eq(pos_item(plan, &pos)->id, "4-1");
	ck_assert(!search_session_count(s, &n));
	ck_assert(!search_session_rank(s, &pos, &rank));
	/* n from there: still no need to look at the start */
	struct plan_pos next;
	ck_assert_int_eq(search_session_find(s, &pos, SEARCH_NEXT, 0, &next, NULL), SEARCH_FOUND);
	ck_assert(!search_session_rank(s, &next, &rank));
	/* counting in slices: the rank is known once the start is examined,
	 * before the total */
	size_t slices = 0;
	bool rank_before_total = false;
	while (!search_session_step(s, 40)) {
		slices++;
		rank_before_total |= search_session_rank(s, &pos, &rank) && !search_session_count(s, &n);
	}
	ck_assert_uint_gt(slices, 10);
	ck_assert(rank_before_total);
	ck_assert(search_session_count(s, &n));
	ck_assert_uint_eq(n, ref_count(&r));
	ck_assert(search_session_rank(s, &pos, &rank));
	ck_assert_uint_eq(rank, ref_rank(&r, ref_ordinal(&r, &pos)));
	/* a budget: PENDING until enough work is done, then the same answer */
	search_session_set(s, "ホームページのバナー広告");
	struct plan_pos start = pos_policy_start(0), got, want;
	enum search_result res;
	size_t calls = 0;
	while ((res = search_session_find(s, &start, SEARCH_HERE, 25, &got, NULL)) == SEARCH_PENDING)
		calls++;
	ck_assert_int_eq(res, SEARCH_FOUND);
	ck_assert_uint_gt(calls, 10);
	ck_assert(search_find(plan, NULL, "ホームページのバナー広告", NULL, SEARCH_NEXT, &want, NULL));
	ck_assert(pos_eq(&got, &want));
	/* N from the first match must wrap: it needs the whole plan */
	search_session_set(s, "の");
	from = pos_policy_start(0);
	ck_assert_int_eq(search_session_find(s, &from, SEARCH_HERE, 0, &pos, NULL), SEARCH_FOUND);
	ck_assert_int_eq(search_session_find(s, &pos, SEARCH_PREV, 5, &got, NULL), SEARCH_PENDING);
	bool wrapped;
	ck_assert_int_eq(search_session_find(s, &pos, SEARCH_PREV, 0, &got, &wrapped), SEARCH_FOUND);
	ck_assert(wrapped);
	ck_assert(search_session_count(s, &n));
	free(r.v);
	search_session_free(s);
	plan_free(plan);
}
END_TEST

/* Random queries, finds from random places with random budgets, and
 * counting slices, against the reference after every answer. */
static unsigned long rng_state = 12345;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)((rng_state >> 33) % n);
}

static const char *const words[] = {
	"シ", "シス", "システム", "の", "の見", "の見直し", "見直", "PDCA", "pdca", "ｐ", "ｐｄ",
	"4-", "4-1", "No.", "no.2", "No.27", "課", "市民", "市民の", "2013", "平成2", "平成25",
	"(", "（", "a", "実施", "実施中", "検討", "協働", "協働事業", "x",
};
#define N_WORDS (sizeof words / sizeof *words)

/* Another query: half the time one that holds the current one (as when
 * typing on), else any. */
static const char *longer_word(const char *q)
{
	const char *longer[N_WORDS];
	size_t n = 0;
	for (size_t k = 0; k < N_WORDS; k++)
		if (*q && strstr(words[k], q) && strcmp(words[k], q) != 0)
			longer[n++] = words[k];
	return n && rnd(2) ? longer[rnd((unsigned)n)] : words[rnd(N_WORDS)];
}

static void random_find(struct search_session *s, const struct ref *r)
{
	long from = (long)rnd((unsigned)r->n + 1) - 1;   /* -1: no position */
	enum search_dir dir = (enum search_dir)rnd(3);
	size_t budget = (size_t[]){ 0, 1, 7, 60, 600 }[rnd(5)];
	struct plan_pos out, invalid = pos_item_start(99, 0);
	bool w, ref_w;
	const struct plan_pos *fp = from >= 0 ? &r->v[from].pos : rnd(2) ? NULL : &invalid;
	enum search_result got = search_session_find(s, fp, dir, budget, &out, &w);
	if (got == SEARCH_PENDING) {
		ck_assert_uint_gt(budget, 0);
		return;
	}
	long want = ref_find(r, from, dir, &ref_w);
	ck_assert_int_eq(got, want < 0 ? SEARCH_NONE : SEARCH_FOUND);
	if (want >= 0) {
		ck_assert(pos_eq(&out, &r->v[want].pos));
		ck_assert(w == ref_w);
	}
}

static void random_counts(struct search_session *s, const struct ref *r)
{
	size_t n, rank;
	search_session_step(s, rnd(3) ? rnd(200) + 1 : 0);
	if (search_session_count(s, &n))
		ck_assert_uint_eq(n, ref_count(r));
	else
		ck_assert_uint_le(n, ref_count(r));
	long k = (long)rnd((unsigned)r->n);
	if (search_session_rank(s, &r->v[k].pos, &rank))
		ck_assert_uint_eq(rank, ref_rank(r, k));
}

START_TEST(random_sessions)
{
	struct plan *plan = load_plan_yaml();
	struct filter fs[3];
	filter_clear(&fs[0]);
	filter_clear(&fs[1]);
	filter_clear(&fs[2]);
	fs[1].year = 2014;
	ck_assert(filter_set_department(&fs[2], "行政経営課"));
	struct ref r = { 0 };
	for (size_t f = 0; f < 3; f++) {
		struct search_session *s = search_session_new(plan, &fs[f], SEARCH_ALL);
		const char *q = "";
		size_t narrowed = 0;
		search_session_set(s, q);
		ref_build(&r, plan, &fs[f], q, true);
		for (int op = 0; op < 1500; op++) {
			unsigned what = rnd(10);
			if (what < 2) {
				q = longer_word(q);
				narrowed += search_session_set(s, q);
				ref_build(&r, plan, &fs[f], q, true);
			} else if (what < 7) {
				random_find(s, &r);
			} else {
				random_counts(s, &r);
			}
		}
		ck_assert_uint_gt(narrowed, 20);
		check_session_against(s, &r);
		search_session_free(s);
	}
	free(r.v);
	plan_free(plan);
}
END_TEST

/* A filter change starts afresh; a new year shown does not, unless the
 * filter has overdue. */
START_TEST(filter_change)
{
	struct plan *plan = load_plan_yaml();
	struct filter f;
	struct ref r = { 0 };
	size_t n;
	filter_clear(&f);
	struct search_session *s = search_session_new(plan, &f, SEARCH_ALL);
	search_session_set(s, "見直し");
	ck_assert(search_session_step(s, 0));
	size_t work = search_session_work(s);
	f.reference_year = 2014;
	ck_assert_int_eq(search_session_set_filter(s, &f), 0);
	ck_assert_uint_eq(search_session_work(s), work);
	ck_assert(search_session_count(s, &n));
	f.overdue = true;
	ck_assert_int_eq(search_session_set_filter(s, &f), 0);
	ck_assert_uint_eq(search_session_work(s), 0);
	ck_assert(!search_session_count(s, &n));
	ref_build(&r, plan, &f, "見直し", true);
	check_session_against(s, &r);
	f.reference_year = 2013;
	ck_assert_int_eq(search_session_set_filter(s, &f), 0);
	ref_build(&r, plan, &f, "見直し", true);
	check_session_against(s, &r);
	ck_assert_int_eq(search_session_set_filter(s, NULL), 0);
	ref_build(&r, plan, NULL, "見直し", true);
	check_session_against(s, &r);
	free(r.v);
	search_session_free(s);
	plan_free(plan);
}
END_TEST

/* After an edit the UI restarts the session: the new text is found. */
START_TEST(restart_after_edit)
{
	struct plan *plan = load_plan_yaml();
	struct editor ed;
	editor_init(&ed, plan);
	struct search_session *s = search_session_new(ed.plan, NULL, SEARCH_ALL);
	struct plan_pos pos;
	search_session_set(s, "ＺＺＴＯＰ");
	ck_assert_int_eq(search_session_find(s, NULL, SEARCH_HERE, 0, &pos, NULL), SEARCH_NONE);
	ck_assert_int_eq(editor_set(&ed, "2-3", 2014, FIELD_NOTE, "zztop の件"), EDIT_OK);
	ck_assert_int_eq(search_session_restart(s, ed.plan, NULL), 0);
	ck_assert_int_eq(search_session_find(s, NULL, SEARCH_HERE, 0, &pos, NULL), SEARCH_FOUND);
	ck_assert_int_eq(pos.field, MATCH_NOTE);
	ck_assert_str_eq(pos_item(ed.plan, &pos)->id, "2-3");
	ck_assert_int_eq(pos_entry(ed.plan, &pos)->year, 2014);
	size_t start, len;
	ck_assert(search_text_find(search_session_needle(s), pos_text(ed.plan, &pos), 0, &start, &len));
	ck_assert_uint_eq(start, 0);
	ck_assert_uint_eq(len, 5);
	search_session_free(s);
	editor_free(&ed);
}
END_TEST

static Suite *search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("matching");
	tcase_add_test(tc, folding);
	suite_add_tcase(s, tc);
	tc = tcase_create("fields");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, fields_on_plan_yaml);
	tcase_add_test(tc, fields_in_plan_order);
	tcase_add_test(tc, follows_filters);
	suite_add_tcase(s, tc);
	tc = tcase_create("session");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, narrowing);
	tcase_add_test(tc, lazy_counting);
	tcase_add_test(tc, random_sessions);
	tcase_add_test(tc, filter_change);
	tcase_add_test(tc, restart_after_edit);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(search_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
