/* check_lint.c - the consistency warnings: every rule with a fixture that
 * triggers it and one that does not (tests/data/lint), the issue's example
 * (2-4's FY2014 and FY2015 done while FY2013 was delayed), the shipped
 * plan.yaml without any warning, and the warnings' words. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "i18n.h"
#include "lint.h"
#include "load.h"
#include "plan.h"

static char *read_file(const char *rel, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", top ? top : ".", rel);
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	char *buf = malloc(1 << 20);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static struct plan *load_text(const char *text, size_t len)
{
	struct load_error err;
	struct plan *plan = plan_load_buffer(text, len, &err);
	if (!plan) {
		char msg[800];
		load_error_format(&err, "text", msg, sizeof msg);
		ck_abort_msg("%s", msg);
	}
	return plan;
}

static struct plan *load_rel(const char *rel)
{
	size_t len;
	char *text = read_file(rel, &len);
	struct plan *plan = load_text(text, len);
	free(text);
	return plan;
}

/* ---- every rule: a fixture that warns, and one that does not ----------- */

struct rule_case {
	const char *fixture, *quiet;   /* under tests/data/lint/ */
	enum lint_code code;
	uint32_t line, col;
	int year, other_year;
	const char *words;             /* the English sentence, in part */
};

static const struct rule_case rule_cases[] = {
	{ "final_after_open.yaml", "final_after_open_ok.yaml", LINT_FINAL_AFTER_OPEN, 34, 44,
	  2013, 2012, "FY2013 (平成25年度) is done, a final status, while the earlier FY2012 "
	  "(平成24年度) is still delayed" },
	{ "final_ahead.yaml", "final_ahead_ok.yaml", LINT_FINAL_AHEAD, 34, 44, 2014, 2013,
	  "FY2014 (平成26年度) is already done, after the current fiscal year FY2013" },
	{ "good_while_late.yaml", "good_while_late_ok.yaml", LINT_GOOD_WHILE_LATE, 33, 42, 2012, 0,
	  "is rated A at 2013-09-30 (平成25年9月末), but its entry for FY2012 (平成24年度), "
	  "which ended before that date, is delayed" },
	{ "late_while_final.yaml", "late_while_final_ok.yaml", LINT_LATE_WHILE_FINAL, 32, 42,
	  2012, 2011, "is rated B (behind schedule) at 2013-03-31 (平成25年3月末), but all its "
	  "entries up to that date, FY2011 (平成23年度) to FY2012 (平成24年度), are finished" },
	{ "revised_no_entry.yaml", "revised_no_entry_ok.yaml", LINT_REVISED_NO_ENTRY, 31, 37,
	  2015, 0, "was revised at the review with a new schedule, but has no entry for "
	  "FY2015 (平成27年度)" },
};

START_TEST(rule_warns)
{
	const struct rule_case *rc = &rule_cases[_i];
	char rel[128];
	snprintf(rel, sizeof rel, "tests/data/lint/%s", rc->fixture);
	struct plan *plan = load_rel(rel);
	struct lint_list list = { 0 };
	ck_assert(lint_plan(plan, &list));
	ck_assert_msg(list.n == 1, "%s: %zu warnings", rc->fixture, list.n);
	const struct lint_warning *w = &list.w[0];
	ck_assert_int_eq(w->code, rc->code);
	ck_assert_uint_eq(w->line, rc->line);
	ck_assert_uint_eq(w->col, rc->col);
	ck_assert_str_eq(plan->policies[w->policy].items[w->item].id, "1-1");
	ck_assert_int_eq(w->year, rc->year);
	ck_assert_int_eq(w->other_year, rc->other_year);
	char msg[640], line[800], want[64];
	describe_lint(plan, w, msg, sizeof msg);
	ck_assert_msg(strstr(msg, rc->words) != NULL, "%s: \"%s\"", rc->fixture, msg);
	ck_assert(strncmp(msg, "item \"1-1\"", 10) == 0);
	lint_warning_format(plan, w, "plan.yaml", line, sizeof line);
	snprintf(want, sizeof want, "plan.yaml:%u:%u: warning: ", rc->line, rc->col);
	ck_assert_msg(strncmp(line, want, strlen(want)) == 0, "%s", line);
	/* the item alone gives the same warning */
	struct lint_list one = { 0 };
	ck_assert(lint_item(plan, w->policy, w->item, &one));
	ck_assert_uint_eq(one.n, 1);
	ck_assert(memcmp(&one.w[0], w, sizeof *w) == 0);
	lint_list_free(&one);
	lint_list_free(&list);
	plan_free(plan);
}
END_TEST

START_TEST(rule_quiet)
{
	const struct rule_case *rc = &rule_cases[_i];
	char rel[128];
	snprintf(rel, sizeof rel, "tests/data/lint/%s", rc->quiet);
	struct plan *plan = load_rel(rel);
	struct lint_list list = { 0 };
	ck_assert(lint_plan(plan, &list));
	ck_assert_msg(list.n == 0, "%s: %zu warnings (first at line %u)", rc->quiet, list.n,
	              list.n ? list.w[0].line : 0);
	lint_list_free(&list);
	plan_free(plan);
}
END_TEST

/* Every code has a fixture above. */
START_TEST(every_rule_is_tested)
{
	bool seen[LINT_N_CODES] = { false };
	for (size_t i = 0; i < sizeof rule_cases / sizeof *rule_cases; i++)
		seen[rule_cases[i].code] = true;
	for (int c = 0; c < LINT_N_CODES; c++)
		ck_assert_msg(seen[c], "lint code %d has no fixture", c);
}
END_TEST

/* ---- plan.yaml ----------------------------------------------------------- */

START_TEST(plan_yaml_has_no_warning)
{
	struct plan *plan = load_rel("plan.yaml");
	struct lint_list list = { 0 };
	ck_assert(lint_plan(plan, &list));
	for (size_t i = 0; i < list.n; i++) {
		char msg[800];
		lint_warning_format(plan, &list.w[i], "plan.yaml", msg, sizeof msg);
		fprintf(stderr, "# %s\n", msg);
	}
	ck_assert_uint_eq(list.n, 0);
	lint_list_free(&list);
	plan_free(plan);
}
END_TEST

/* Replace the status of `item`'s entry of `year` in text (malloc'd). */
static char *set_status(char *text, const char *item, int year, const char *status)
{
	char key[64], y[32];
	snprintf(key, sizeof key, "- id: \"%s\"", item);
	snprintf(y, sizeof y, "year: %d", year);
	char *at = strstr(text, key);
	ck_assert_ptr_nonnull(at);
	at = strstr(at, y);
	ck_assert_ptr_nonnull(at);
	at = strstr(at, "status: ");
	ck_assert_ptr_nonnull(at);
	at += strlen("status: ");
	size_t old = strcspn(at, " \n#");
	size_t head = (size_t)(at - text), tail = strlen(at + old);
	char *out = malloc(head + strlen(status) + tail + 1);
	memcpy(out, text, head);
	strcpy(out + head, status);
	memcpy(out + head + strlen(status), at + old, tail + 1);
	free(text);
	return out;
}

static uint32_t line_of(const char *text, const char *end)
{
	uint32_t line = 1;
	for (const char *p = text; p < end; p++)
		line += *p == '\n';
	return line;
}

/* The issue's example: 2-4's FY2014 and FY2015 set to 完了 while FY2013 was
 * 遅延 warns, naming 2-4 and the lines of those statuses. */
START_TEST(issue_example_warns)
{
	size_t len;
	char *text = read_file("plan.yaml", &len);
	text = set_status(text, "2-4", 2014, "done");
	text = set_status(text, "2-4", 2015, "done");
	struct plan *plan = load_text(text, strlen(text));
	const struct item *it = plan_find_item(plan, "2-4");
	ck_assert_str_eq(plan->statuses[item_entry_for_year(it, 2013)->status].key, "delayed");
	struct lint_list list = { 0 };
	ck_assert(lint_plan(plan, &list));
	ck_assert_uint_eq(list.n, 4);   /* (a) and (b), for each of the two years */
	for (size_t i = 0; i < list.n; i++) {
		const struct lint_warning *w = &list.w[i];
		const struct entry *e = item_entry_for_year(it, w->year);
		ck_assert_str_eq(plan->policies[w->policy].items[w->item].id, "2-4");
		ck_assert_uint_eq(w->line, e->status_span.line);
		ck_assert_uint_eq(w->line, line_of(plan->text, plan->text + e->status_span.start));
		ck_assert_int_eq(w->year, i < 2 ? 2014 : 2015);
		ck_assert_int_eq(w->code, i % 2 ? LINT_FINAL_AHEAD : LINT_FINAL_AFTER_OPEN);
		if (w->code == LINT_FINAL_AFTER_OPEN)
			ck_assert_int_eq(w->other_year, 2013);
	}
	char msg[800];
	lint_warning_format(plan, &list.w[0], "plan.yaml", msg, sizeof msg);
	ck_assert_ptr_nonnull(strstr(msg, "item \"2-4\": FY2014 (平成26年度) is done"));
	lint_list_free(&list);
	plan_free(plan);
	free(text);
}
END_TEST

/* A rating that contradicts plan.yaml's statuses: 1-5 was delayed in
 * FY2012 and FY2013, so an S at 2014-09-30 warns, and so would a B of
 * 1-2 at 2012-03-31, when FY2011 (done) was its only year begun. */
START_TEST(plan_yaml_rating_changes_warn)
{
	size_t len;
	char *text = read_file("plan.yaml", &len);
	char *at = strstr(strstr(text, "- id: \"1-5\""), "{date: \"2014-09-30\", rating: B}");
	ck_assert_ptr_nonnull(at);
	at[strlen("{date: \"2014-09-30\", rating: ")] = 'S';
	at = strstr(strstr(text, "- id: \"1-2\""), "{date: \"2012-03-31\", rating: S");
	ck_assert_ptr_nonnull(at);
	at[strlen("{date: \"2012-03-31\", rating: ")] = 'B';
	struct plan *plan = load_text(text, len);
	struct lint_list list = { 0 };
	ck_assert(lint_plan(plan, &list));
	ck_assert_uint_eq(list.n, 2);
	ck_assert_int_eq(list.w[0].code, LINT_LATE_WHILE_FINAL);   /* 1-2 comes first */
	ck_assert_int_eq(list.w[0].year, 2011);
	ck_assert_int_eq(list.w[0].other_year, 2011);
	ck_assert_int_eq(list.w[1].code, LINT_GOOD_WHILE_LATE);
	ck_assert_int_eq(list.w[1].year, 2013);   /* the latest late year ended before */
	char msg[640];
	describe_lint(plan, &list.w[0], msg, sizeof msg);
	ck_assert_str_eq(msg, "item \"1-2\" is rated B (behind schedule) at 2012-03-31 "
	                 "(平成24年3月末), but its only entry up to that date, FY2011 (平成23年度), "
	                 "is finished");
	lint_list_free(&list);
	plan_free(plan);
	free(text);
}
END_TEST

/* ---- words in Japanese ----------------------------------------------------- */

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
	struct plan *plan = load_rel("tests/data/lint/final_after_open.yaml");
	struct lint_list list = { 0 };
	ck_assert(lint_plan(plan, &list));
	ck_assert_uint_eq(list.n, 1);
	char msg[800];
	lint_warning_format(plan, &list.w[0], "plan.yaml", msg, sizeof msg);
	ck_assert_str_eq(msg, "plan.yaml:34:44: 警告: 取組「1-1」: 平成25年度 (FY2013)が完了 "
	                 "(終了した状況) なのに、それより前の平成24年度 (FY2012)が遅延のままです");
	lint_list_free(&list);
	plan_free(plan);
	setlocale(LC_ALL, "C");
	unsetenv("LANGUAGE");
}
END_TEST

static Suite *lint_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("rules");
	int n = (int)(sizeof rule_cases / sizeof *rule_cases);
	tcase_add_loop_test(tc, rule_warns, 0, n);
	tcase_add_loop_test(tc, rule_quiet, 0, n);
	tcase_add_test(tc, every_rule_is_tested);
	suite_add_tcase(s, tc);
	tc = tcase_create("plan");
	tcase_add_test(tc, plan_yaml_has_no_warning);
	tcase_add_test(tc, issue_example_warns);
	tcase_add_test(tc, plan_yaml_rating_changes_warn);
	tcase_add_test(tc, words_in_japanese);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(lint_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
