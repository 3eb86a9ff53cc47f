/* check_grammar.c - the grammars shared by the command line and the
 * dashboard (years, statuses, items), their words (describe.h), and the
 * one UTF-8 decoder and trimming helper (utf8.h). */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "grammar.h"
#include "load.h"
#include "plan.h"
#include "utf8.h"

static struct plan *load_plan_yaml(void)
{
	const char *top = getenv("top_srcdir");
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/plan.yaml", top ? top : ".");
	struct load_error err;
	struct plan *plan = plan_load_file(path, &err, NULL);
	char msg[600] = "";
	if (!plan)
		load_error_format(&err, path, msg, sizeof msg);
	ck_assert_msg(plan != NULL, "%s", msg);
	return plan;
}

static const char *item_id(const struct plan *plan, int p, int i)
{
	return plan->policies[p].items[i].id;
}

/* ---- years ------------------------------------------------------------- */

START_TEST(year_forms)
{
	static const struct { const char *text; int year; } forms[] = {
		{ "2013", 2013 }, { "2013年度", 2013 }, { "FY2013", 2013 }, { "fy2013", 2013 },
		{ "FY 2013", 2013 }, { "Fy2013", 2013 }, { "H25", 2013 }, { "h25", 2013 },
		{ "平成25", 2013 }, { "平成25年", 2013 }, { "平成25年度", 2013 }, { "平成 25 年度", 2013 },
		{ "２０１３", 2013 }, { "ＦＹ２０１３", 2013 }, { "Ｈ２５", 2013 }, { "平成２５年度", 2013 },
		{ "  H25  ", 2013 }, { "\tH25", 2013 }, { "　平成25年度　", 2013 },
		{ "平成元年度", 1989 }, { "H1", 1989 }, { "H01", 1989 }, { "H31", 2019 },
		{ "R1", 2019 }, { "r1", 2019 }, { "令和元年度", 2019 }, { "令和元年", 2019 },
		{ "令和1年度", 2019 }, { "R2", 2020 }, { "令和２年度", 2020 }, { "Ｒ７", 2025 },
		/* not years */
		{ "", 0 }, { "   ", 0 }, { "25", 0 }, { "H", 0 }, { "H0", 0 }, { "H32", 0 },
		{ "H260", 0 }, { "R0", 0 }, { "R100", 0 }, { "20145", 0 }, { "2014x", 0 },
		{ "1899", 0 }, { "2201", 0 }, { "平成", 0 }, { "平成25年度度", 0 }, { "FY", 0 },
		{ "昭和63年度", 0 }, { "HR1", 0 }, { "平成H25", 0 }, { "2013 2014", 0 },
	};
	for (size_t k = 0; k < sizeof forms / sizeof *forms; k++)
		ck_assert_msg(grammar_year(forms[k].text) == forms[k].year, "\"%s\": %d, expected %d",
		              forms[k].text, grammar_year(forms[k].text), forms[k].year);
}
END_TEST

START_TEST(plan_years)
{
	struct plan *plan = load_plan_yaml();
	int year;
	ck_assert_int_eq(grammar_plan_year(plan, "平成25年度", &year), GRAMMAR_OK);
	ck_assert_int_eq(year, 2013);
	ck_assert_int_eq(grammar_plan_year(plan, "H23", &year), GRAMMAR_OK);
	ck_assert_int_eq(year, 2011);
	ck_assert_int_eq(grammar_plan_year(plan, "R1", &year), GRAMMAR_YEAR_NOT_IN_PLAN);
	ck_assert_int_eq(year, 2019);
	ck_assert_int_eq(grammar_plan_year(plan, "2016", &year), GRAMMAR_YEAR_NOT_IN_PLAN);
	ck_assert_int_eq(year, 2016);
	ck_assert_int_eq(grammar_plan_year(plan, "soon", &year), GRAMMAR_NOT_YEAR);
	ck_assert_int_eq(year, 0);
	ck_assert_int_eq(grammar_plan_year(plan, " ", &year), GRAMMAR_EMPTY);
	ck_assert_int_eq(grammar_plan_year(plan, NULL, &year), GRAMMAR_EMPTY);
	plan_free(plan);
}
END_TEST

/* ---- statuses ---------------------------------------------------------- */

START_TEST(status_forms)
{
	struct plan *plan = load_plan_yaml();
	/* plan.yaml: planned 予定 P, in_progress 実施中 I, done 完了 D, delayed 遅延 L,
	 * dropped 中止 X */
	static const struct { const char *text; int status; } forms[] = {
		{ "done", 2 }, { "DONE", 2 }, { " done ", 2 }, { "完了", 2 }, { "D", 2 }, { "d", 2 },
		{ "3", 2 }, { "３", 2 }, { "Ｄ", 2 }, { "ｄｏｎｅ", 2 },
		{ "planned", 0 }, { "予定", 0 }, { "P", 0 }, { "1", 0 },
		{ "in_progress", 1 }, { "実施中", 1 }, { "I", 1 }, { "2", 1 },
		{ "delayed", 3 }, { "遅延", 3 }, { "L", 3 }, { "4", 3 },
		{ "dropped", 4 }, { "中止", 4 }, { "X", 4 }, { "x", 4 }, { "5", 4 }, { "05", 4 },
		/* not statuses */
		{ "0", -1 }, { "6", -1 }, { "10", -1 }, { "Z", -1 }, { "完", -1 }, { "don", -1 },
		{ "done!", -1 }, { "DD", -1 }, { "-1", -1 },
	};
	for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
		int s;
		enum grammar_result r = grammar_status(plan, forms[k].text, &s);
		ck_assert_msg(r == (forms[k].status >= 0 ? GRAMMAR_OK : GRAMMAR_NOT_STATUS) &&
		              s == forms[k].status, "\"%s\": %d (%d), expected %d", forms[k].text,
		              s, (int)r, forms[k].status);
	}
	int s;
	ck_assert_int_eq(grammar_status(plan, "", &s), GRAMMAR_EMPTY);
	plan_free(plan);
}
END_TEST

/* A key wins over a letter or a number; a letter over a number; a
 * lower-case letter only when it names one status. */
START_TEST(status_precedence)
{
	static const char text[] =
		"title: t\nprogram: p\nyears: [2013]\nreview_year: 2013\n"
		"statuses:\n"
		"  - {key: \"2\", label: 二, letter: A}\n"
		"  - {key: b, label: B, letter: \"1\"}\n"
		"  - {key: c, label: シー, letter: a}\n"
		"policies: []\n";
	struct load_error err;
	struct plan *plan = plan_load_buffer(text, strlen(text), &err);
	ck_assert_ptr_nonnull(plan);
	int s;
	ck_assert_int_eq(grammar_status(plan, "2", &s), GRAMMAR_OK);
	ck_assert_int_eq(s, 0);                         /* the key "2", not the 2nd status */
	ck_assert_int_eq(grammar_status(plan, "1", &s), GRAMMAR_OK);
	ck_assert_int_eq(s, 1);                         /* the letter 1, not the 1st status */
	ck_assert_int_eq(grammar_status(plan, "3", &s), GRAMMAR_OK);
	ck_assert_int_eq(s, 2);                         /* the 3rd status */
	ck_assert_int_eq(grammar_status(plan, "B", &s), GRAMMAR_OK);
	ck_assert_int_eq(s, 1);                         /* the key b (case ignored) */
	ck_assert_int_eq(grammar_status(plan, "a", &s), GRAMMAR_OK);
	ck_assert_int_eq(s, 2);                         /* exact letter a, not A */
	ck_assert_int_eq(grammar_status(plan, "A", &s), GRAMMAR_OK);
	ck_assert_int_eq(s, 0);
	ck_assert_int_eq(grammar_status(plan, "シー", &s), GRAMMAR_OK);
	ck_assert_int_eq(s, 2);
	plan_free(plan);
}
END_TEST

/* ---- items ------------------------------------------------------------- */

START_TEST(item_forms)
{
	struct plan *plan = load_plan_yaml();
	static const struct { const char *text, *id; } forms[] = {
		{ "4-3", "4-3" }, { "４－３", "4-3" }, { "4ー3", "4-3" }, { "4−3", "4-3" },
		{ " 4-3 ", "4-3" }, { "27", "3-7" }, { "No.27", "3-7" }, { "no.27", "3-7" },
		{ "No27", "3-7" }, { "No. 27", "3-7" }, { "#27", "3-7" }, { "２７", "3-7" },
		{ "Ｎｏ．２７", "3-7" }, { "＃２７", "3-7" }, { "1", "1-1" }, { "62", "5-17" },
		{ "12", "1-12" },
		/* not items */
		{ "63", NULL }, { "0", NULL }, { "No.", NULL }, { "4-33", NULL }, { "27a", NULL },
		{ "No.27 H25", NULL }, { "-27", NULL },
	};
	for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
		int p, i;
		enum grammar_result r = grammar_item(plan, forms[k].text, &p, &i);
		if (forms[k].id) {
			ck_assert_msg(r == GRAMMAR_OK, "\"%s\": %d", forms[k].text, (int)r);
			ck_assert_str_eq(item_id(plan, p, i), forms[k].id);
		} else {
			ck_assert_msg(r == GRAMMAR_NO_ITEM && p == -1 && i == -1, "\"%s\": %d", forms[k].text,
			              (int)r);
		}
	}
	int p, i;
	ck_assert_int_eq(grammar_item(plan, "", &p, &i), GRAMMAR_EMPTY);
	ck_assert(grammar_is_serial_prefix("No."));
	ck_assert(grammar_is_serial_prefix("#"));
	ck_assert(grammar_is_serial_prefix("Ｎｏ．"));
	ck_assert(!grammar_is_serial_prefix("No.27"));
	ck_assert(!grammar_is_serial_prefix("4-3"));
	plan_free(plan);
}
END_TEST

/* An id that is itself a number wins over the serial number. */
START_TEST(item_id_before_serial)
{
	static const char text[] =
		"title: t\nprogram: p\nyears: [2013]\nreview_year: 2013\n"
		"statuses: [{key: a, label: b}]\n"
		"policies:\n  - id: \"1\"\n    title: p\n    items:\n"
		"      - {id: \"7\", serial: 9, title: x, departments: [d], content: c, effects: e,\n"
		"         indicators: [], schedule: []}\n"
		"      - {id: \"8\", serial: 7, title: y, departments: [d], content: c, effects: e,\n"
		"         indicators: [], schedule: []}\n";
	struct load_error err;
	struct plan *plan = plan_load_buffer(text, strlen(text), &err);
	ck_assert_ptr_nonnull(plan);
	int p, i;
	ck_assert_int_eq(grammar_item(plan, "7", &p, &i), GRAMMAR_OK);
	ck_assert_str_eq(item_id(plan, p, i), "7");
	ck_assert_int_eq(grammar_item(plan, "No.7", &p, &i), GRAMMAR_OK);
	ck_assert_str_eq(item_id(plan, p, i), "8");
	ck_assert_int_eq(grammar_item(plan, "9", &p, &i), GRAMMAR_OK);
	ck_assert_str_eq(item_id(plan, p, i), "7");
	plan_free(plan);
}
END_TEST

START_TEST(fold_keeps_whole_characters)
{
	char out[8];
	grammar_fold("ＡＢＣ　ー", out, sizeof out);
	ck_assert_str_eq(out, "ABC -");
	grammar_fold("漢字漢字", out, sizeof out);   /* 12 bytes into 8: two characters */
	ck_assert_str_eq(out, "漢字");
	grammar_fold("", out, sizeof out);
	ck_assert_str_eq(out, "");
}
END_TEST

/* ---- words ------------------------------------------------------------- */

START_TEST(grammar_words)
{
	struct plan *plan = load_plan_yaml();
	char buf[300];
	describe_grammar(GRAMMAR_NOT_YEAR, plan, "soon", 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "\"soon\" is not a fiscal year (try 2013, FY2013, H25 or 平成25年度)");
	describe_grammar(GRAMMAR_YEAR_NOT_IN_PLAN, plan, "R1", 2019, buf, sizeof buf);
	ck_assert_str_eq(buf, "FY2019 is not in the plan (FY2011-FY2015)");
	describe_grammar(GRAMMAR_NOT_STATUS, plan, "済", 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "unknown status \"済\" (give a key, label, letter or number, such as "
	                 "done, 完了, D, 3)");
	describe_grammar(GRAMMAR_NO_ITEM, plan, "63", 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "no item \"63\" in the plan (give an id such as 4-3 or a serial "
	                 "number such as 27)");
	describe_grammar(GRAMMAR_OK, plan, "x", 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "");
	describe_year(2013, buf, sizeof buf);
	ck_assert_str_eq(buf, "FY2013 (平成25年度)");
	describe_year(2020, buf, sizeof buf);
	ck_assert_str_eq(buf, "FY2020");
	ck_assert_str_eq(describe_missing(CLI_YEAR),
	                 "missing YEAR (a fiscal year such as 2013, H25 or 平成25年度)");
	/* a small buffer cuts at a whole character */
	char small[13];   /* room for `no item "漢` (12 bytes), not for one more byte */
	describe_grammar(GRAMMAR_NO_ITEM, plan, "漢字漢字", 0, small, sizeof small);
	ck_assert_str_eq(small, "no item \"漢");
	describe_grammar(GRAMMAR_NO_ITEM, plan, "漢字漢字", 0, small, sizeof small - 1);
	ck_assert_str_eq(small, "no item \"");
	plan_free(plan);
}
END_TEST

/* ---- utf8 -------------------------------------------------------------- */

START_TEST(utf8_decode_is_strict)
{
	static const struct { const char *s; size_t len; long cp; size_t n; } cases[] = {
		{ "a", 1, 'a', 1 },
		{ "\xC3\xA9", 2, 0xE9, 2 },
		{ "漢", 3, 0x6F22, 3 },
		{ "\xF0\x9F\x98\x80", 4, 0x1F600, 4 },
		{ "\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4 },
		{ "\xC0\x80", 2, -1, 1 },              /* overlong NUL */
		{ "\xE0\x80\xAF", 3, -1, 1 },          /* overlong '/' */
		{ "\xED\xA0\x80", 3, -1, 1 },          /* a surrogate */
		{ "\xF4\x90\x80\x80", 4, -1, 1 },      /* above U+10FFFF */
		{ "\xF5\x80\x80\x80", 4, -1, 1 },
		{ "\x80", 1, -1, 1 },                  /* a lone continuation byte */
		{ "\xE6\xBC", 2, -1, 1 },              /* cut by the length */
		{ "\xE6\xBC\xA2", 2, -1, 1 },
		{ "\xE6" "a", 2, -1, 1 },              /* a bad continuation */
		{ "\xFF", 1, -1, 1 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		size_t n = 99;
		long cp = utf8_decode(cases[k].s, cases[k].len, &n);
		ck_assert_msg(cp == cases[k].cp && n == cases[k].n, "case %zu: %ld/%zu", k, cp, n);
	}
	size_t bad;
	ck_assert(utf8_valid("漢字 ok", strlen("漢字 ok"), &bad));
	ck_assert(!utf8_valid("ab\xE6\xBC", 4, &bad));
	ck_assert_uint_eq(bad, 2);
}
END_TEST

START_TEST(utf8_trim_cuts_back)
{
	const char *s = "a漢\xF0\x9F\x98\x80";   /* 1 + 3 + 4 bytes */
	ck_assert_uint_eq(utf8_trim_len(s, 8), 8);
	ck_assert_uint_eq(utf8_trim_len(s, 7), 4);
	ck_assert_uint_eq(utf8_trim_len(s, 5), 4);
	ck_assert_uint_eq(utf8_trim_len(s, 4), 4);
	ck_assert_uint_eq(utf8_trim_len(s, 3), 1);
	ck_assert_uint_eq(utf8_trim_len(s, 2), 1);
	ck_assert_uint_eq(utf8_trim_len(s, 1), 1);
	ck_assert_uint_eq(utf8_trim_len(s, 0), 0);
	ck_assert_uint_eq(utf8_trim_len("\x80\x80", 2), 2);   /* no lead byte: kept as it is */
	ck_assert_uint_eq(utf8_trim_len("a\xFF", 2), 2);      /* invalid, not cut */
	char buf[16];
	strcpy(buf, "x漢字");
	buf[5] = '\0';                                       /* x, 漢, 1 byte of 字 */
	utf8_trim(buf);
	ck_assert_str_eq(buf, "x漢");
}
END_TEST

static Suite *grammar_suite(void)
{
	Suite *s = suite_create("grammar");
	TCase *tc = tcase_create("grammar");
	tcase_add_test(tc, year_forms);
	tcase_add_test(tc, plan_years);
	tcase_add_test(tc, status_forms);
	tcase_add_test(tc, status_precedence);
	tcase_add_test(tc, item_forms);
	tcase_add_test(tc, item_id_before_serial);
	tcase_add_test(tc, fold_keeps_whole_characters);
	tcase_add_test(tc, grammar_words);
	suite_add_tcase(s, tc);
	tc = tcase_create("utf8");
	tcase_add_test(tc, utf8_decode_is_strict);
	tcase_add_test(tc, utf8_trim_cuts_back);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(grammar_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
