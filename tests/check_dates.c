/* check_dates.c - dates in the review cycle: the strict form of the file
 * (date_parse_iso), fiscal-year bounds, the review look-up, and the date
 * grammar shared by the command line and the dashboard (grammar_date,
 * grammar_review) with its words. */
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

START_TEST(iso_dates)
{
	static const struct { const char *text; int ymd; } cases[] = {
		{ "2016-03-31", 20160331 }, { "2016-02-29", 20160229 }, { "2000-02-29", 20000229 },
		{ "1900-01-01", 19000101 }, { "2200-12-31", 22001231 },
		{ "2015-02-29", 0 }, { "1900-02-29", 0 }, { "2016-04-31", 0 }, { "2016-13-01", 0 },
		{ "2016-00-10", 0 }, { "2016-01-00", 0 }, { "2016-3-31", 0 }, { "16-03-31", 0 },
		{ "2016/03/31", 0 }, { "2016-03-31 ", 0 }, { "1899-12-31", 0 }, { "2201-01-01", 0 },
		{ "", 0 }, { "２０１６-03-31", 0 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
		ck_assert_msg(date_parse_iso(cases[k].text) == cases[k].ymd, "\"%s\": %d",
		              cases[k].text, date_parse_iso(cases[k].text));
	ck_assert_int_eq(fiscal_year_first_day(2013), 20130401);
	ck_assert_int_eq(fiscal_year_last_day(2013), 20140331);
	ck_assert_int_eq(date_days_in_month(2016, 2), 29);
	ck_assert_int_eq(date_days_in_month(2016, 13), 0);
}
END_TEST

START_TEST(date_forms)
{
	static const struct { const char *text; int ymd; } forms[] = {
		{ "2016-03-31", 20160331 }, { "2016-3-31", 20160331 }, { "2016/3/31", 20160331 },
		{ "2016.03.31", 20160331 }, { "2016年3月31日", 20160331 }, { "2016年3月31", 20160331 },
		{ "H28.3.31", 20160331 }, { "h28-3-31", 20160331 }, { "平成28年3月31日", 20160331 },
		{ "平成28年3月末", 20160331 }, { "2016年3月末", 20160331 }, { "H28.3末", 20160331 },
		{ "平成28年2月末", 20160229 }, { "H27.2末", 20150228 }, { "令和元年5月1日", 20190501 },
		{ "R1.5.1", 20190501 }, { "２０１６－０３－３１", 20160331 }, { " 2016-03-31　", 20160331 },
		{ "Ｈ２８．９．３０", 20160930 },
		/* not dates */
		{ "", 0 }, { "2016", 0 }, { "2016-03", 0 }, { "2016-02-30", 0 }, { "2016-13-01", 0 },
		{ "2016-03-31x", 0 }, { "H32.1.1", 0 }, { "平成28年3月", 0 }, { "3月末", 0 },
		{ "2016-003-31", 0 }, { "2016-03-310", 0 }, { "soon", 0 }, { "1899-12-31", 0 },
	};
	for (size_t k = 0; k < sizeof forms / sizeof *forms; k++)
		ck_assert_msg(grammar_date(forms[k].text) == forms[k].ymd, "\"%s\": %d, expected %d",
		              forms[k].text, grammar_date(forms[k].text), forms[k].ymd);
	/* a date is no fiscal year, and a fiscal year no date */
	ck_assert_int_eq(grammar_year("2016-03-31"), 0);
	ck_assert_int_eq(grammar_year("平成28年3月末"), 0);
	ck_assert_int_eq(grammar_date("平成28年度"), 0);
}
END_TEST

START_TEST(review_dates_of_plan_yaml)
{
	struct plan *plan = load_plan_yaml();
	int review, date;
	ck_assert_int_eq(grammar_review(plan, "2016-03-31", &review, &date), GRAMMAR_OK);
	ck_assert_int_eq(review, 9);
	ck_assert_int_eq(date, 20160331);
	ck_assert_int_eq(grammar_review(plan, "平成29年3月末", &review, &date), GRAMMAR_OK);
	ck_assert_int_eq(review, 10);
	ck_assert_int_eq(plan_review_index(plan, 20110930), 0);
	ck_assert_int_eq(plan_review_index(plan, 20110931), -1);
	ck_assert_int_eq(plan_review_index(plan, 20170331), 10);
	ck_assert_int_eq(plan_review_index(plan, 20180331), -1);

	char msg[400];
	ck_assert_int_eq(grammar_review(plan, "2016-04-01", &review, &date),
	                 GRAMMAR_DATE_NOT_REVIEW);
	ck_assert_int_eq(date, 20160401);
	describe_grammar(GRAMMAR_DATE_NOT_REVIEW, plan, "2016-04-01", date, msg, sizeof msg);
	ck_assert_str_eq(msg, "2016-04-01 is not one of the plan's review dates "
	                 "(2011-09-30 to 2017-03-31)");
	ck_assert_int_eq(grammar_review(plan, "いつか", &review, &date), GRAMMAR_NOT_DATE);
	ck_assert_int_eq(review, -1);
	describe_grammar(GRAMMAR_NOT_DATE, plan, "いつか", 0, msg, sizeof msg);
	ck_assert_str_eq(msg, "\"いつか\" is not a review date (try 2017-03-31 or 平成29年3月末)");
	ck_assert_int_eq(grammar_review(plan, " ", &review, &date), GRAMMAR_EMPTY);
	describe_grammar(GRAMMAR_NOT_YEAR_OR_DATE, plan, "soon", 0, msg, sizeof msg);
	ck_assert(strncmp(msg, "\"soon\" is not a fiscal year or a review date", 44) == 0);

	describe_not_rated(plan, plan_find_item(plan, "2-4"), 10, msg, sizeof msg);
	ck_assert_str_eq(msg, "item \"2-4\" was not rated at 2017-03-31 (平成29年3月末)");
	describe_date(20160331, msg, sizeof msg);
	ck_assert_str_eq(msg, "2016-03-31");
	plan_free(plan);
}
END_TEST

/* A plan without review dates: no date names a review, and the words say so. */
START_TEST(plan_without_reviews)
{
	static const char text[] = "title: a\nprogram: b\nyears: [2011]\nreview_year: 2011\n"
	                           "statuses: [{key: d, label: x}]\npolicies: []\n";
	struct load_error err;
	struct plan *plan = plan_load_buffer(text, sizeof text - 1, &err);
	ck_assert_ptr_nonnull(plan);
	int review, date;
	ck_assert_int_eq(grammar_review(plan, "2016-03-31", &review, &date),
	                 GRAMMAR_DATE_NOT_REVIEW);
	char msg[400];
	describe_grammar(GRAMMAR_DATE_NOT_REVIEW, plan, "2016-03-31", date, msg, sizeof msg);
	ck_assert_str_eq(msg, "2016-03-31 is not a review date (the plan has no review dates)");
	describe_grammar(GRAMMAR_NOT_YEAR_OR_DATE, plan, "soon", 0, msg, sizeof msg);
	ck_assert_str_eq(msg, "\"soon\" is not a fiscal year (try 2013, FY2013, H25 or 平成25年度)");
	plan_free(plan);
}
END_TEST

static Suite *dates_suite(void)
{
	Suite *s = suite_create("dates");
	TCase *tc = tcase_create("dates");
	tcase_add_test(tc, iso_dates);
	tcase_add_test(tc, date_forms);
	tcase_add_test(tc, review_dates_of_plan_yaml);
	tcase_add_test(tc, plan_without_reviews);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(dates_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
