/* check_report.c - the report module without the command line: escaping
 * for each format (Markdown, HTML, CSV with formula guards, JSON), the
 * document writers, the tables computed from plan.yaml (the city's
 * published counts, cross-checked with plan_count_ratings and
 * filter_item), the 効果額 sums, the history lines a report keeps, the
 * formats by name, and the files a report may not replace. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "describe.h"
#include "doc.h"
#include "escape.h"
#include "export.h"
#include "load.h"
#include "plan.h"
#include "plan_json.h"
#include "report.h"
#include "report_write.h"

static struct plan *load_plan_yaml(void)
{
	const char *top = getenv("top_srcdir");
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/plan.yaml", top ? top : ".");
	struct load_error err;
	int io = 0;
	struct plan *plan = plan_load_file(path, &err, &io);
	ck_assert_msg(plan != NULL, "cannot load %s", path);
	return plan;
}

/* What f wrote for s, as a malloc'd string. */
static char *capture(void (*f)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(m);
	f(m, s);
	ck_assert_int_eq(fclose(m), 0);
	return buf;
}

static void expect_escape(void (*f)(FILE *, const char *), const char *in, const char *want)
{
	char *got = capture(f, in);

	ck_assert_msg(strcmp(got, want) == 0, "escaped [%s] as [%s], wanted [%s]", in, got, want);
	free(got);
}

static bool csv_guarded;
static void csv_cell(FILE *out, const char *s)
{
	escape_csv(out, s, csv_guarded);
}

/* ---- escaping ------------------------------------------------------------ */

START_TEST(test_escape_markdown)
{
	expect_escape(escape_markdown, "完了", "完了");
	expect_escape(escape_markdown, "a|b", "a\\|b");
	expect_escape(escape_markdown, "<script>alert(1)</script>",
	              "\\<script\\>alert(1)\\</script\\>");
	expect_escape(escape_markdown, "*x* _y_ `z` [l](u) ~s~ &amp; #h \\",
	              "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~ \\&amp; \\#h \\\\");
	expect_escape(escape_markdown, "1\n2\r\n3\t4", "1 2  3 4");
	expect_escape(escape_markdown, "a\xe2\x80\xa8" "b", "a b");          /* U+2028 */
	expect_escape(escape_markdown, "\x1b[31m", "\xef\xbf\xbd\\[31m");    /* ESC */
	expect_escape(escape_markdown, "\xc2\x9b" "x", "\xef\xbf\xbdx");      /* C1 CSI */
	expect_escape(escape_markdown, "bad\xff", "bad\xef\xbf\xbd");
	expect_escape(escape_markdown, NULL, "");
}
END_TEST

START_TEST(test_escape_html)
{
	expect_escape(escape_html, "<a href=\"x\">'&'</a>",
	              "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	expect_escape(escape_html, "行1\n行2\t!", "行1\n行2\t!");
	expect_escape(escape_html, "\x01\x7f", "\xef\xbf\xbd\xef\xbf\xbd");
	expect_escape(escape_html, "\xe3\x81", "\xef\xbf\xbd\xef\xbf\xbd");   /* a cut character */
}
END_TEST

START_TEST(test_escape_csv)
{
	csv_guarded = true;
	expect_escape(csv_cell, "完了", "完了");
	expect_escape(csv_cell, "a,b", "\"a,b\"");
	expect_escape(csv_cell, "say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_escape(csv_cell, "1\r\n2", "\"1\r\n2\"");
	expect_escape(csv_cell, "=1+2", "'=1+2");
	expect_escape(csv_cell, "+1", "'+1");
	expect_escape(csv_cell, "-1", "'-1");
	expect_escape(csv_cell, "@SUM(A1)", "'@SUM(A1)");
	expect_escape(csv_cell, "\tx", "'\tx");
	expect_escape(csv_cell, "\rx", "\"'\rx\"");
	expect_escape(csv_cell, "=HYPERLINK(\"u\",\"x\")", "\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"");
	expect_escape(csv_cell, "1-1", "1-1");          /* not at the start */
	expect_escape(csv_cell, " =1", " =1");
	expect_escape(csv_cell, "\x1b\xff", "\xef\xbf\xbd\xef\xbf\xbd");
	expect_escape(csv_cell, "", "");
	csv_guarded = false;
	expect_escape(csv_cell, "-1", "-1");            /* a number we wrote */
	ck_assert(escape_csv_needs_guard("=x"));
	ck_assert(!escape_csv_needs_guard("x="));
	ck_assert(!escape_csv_needs_guard(NULL));
}
END_TEST

START_TEST(test_escape_json)
{
	expect_escape(escape_json, "完了 \"q\" \\", "\"完了 \\\"q\\\" \\\\\"");
	expect_escape(escape_json, "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"");
	expect_escape(escape_json, "\x01\x1b\x1f\x7f", "\"\\u0001\\u001b\\u001f\\u007f\"");
	expect_escape(escape_json, "\xc2\x85\xe2\x80\xa8\xe2\x80\xa9",
	              "\"\\u0085\\u2028\\u2029\"");
	expect_escape(escape_json, "a\xffz", "\"a\xef\xbf\xbdz\"");
	expect_escape(escape_json, NULL, "null");
}
END_TEST

START_TEST(test_json_number)
{
	static const struct { double v; const char *want; } cases[] = {
		{ 285, "285" }, { 1.5, "1.5" }, { 0.1, "0.1" }, { -3, "-3" },
		{ 1e300 * 1e300, "null" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);

		plan_json_number(m, cases[i].v);
		fclose(m);
		ck_assert_str_eq(buf, cases[i].want);
		free(buf);
	}
}
END_TEST

/* ---- the document --------------------------------------------------------- */

static char *write_doc(const struct doc *d, bool html)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (html)
		doc_write_html(d, "ja", m);
	else
		doc_write_markdown(d, m);
	fclose(m);
	return buf;
}

START_TEST(test_doc)
{
	struct doc *d = doc_new();

	doc_title(d, "計画 <1>");
	doc_heading(d, "評価");
	doc_table(d, 3, "lr", true);
	doc_cell(d, "方針");
	doc_cell(d, "S");
	doc_cell(d, "A");
	doc_cell(d, "方針1 a|b");
	doc_cellf(d, "%d", 9);
	doc_cell(d, NULL);
	doc_note(d, "注 & 注");
	ck_assert(!doc_failed(d));
	char *md = write_doc(d, false), *html = write_doc(d, true);
	ck_assert_str_eq(md, "# 計画 \\<1\\>\n\n## 評価\n\n| 方針 | S | A |\n| --- | ---: | --- |\n"
	                     "| 方針1 a\\|b | 9 |  |\n\n注 \\& 注\n\n");
	ck_assert_ptr_nonnull(strstr(html, "<html lang=\"ja\">"));
	ck_assert_ptr_nonnull(strstr(html, "<title>計画 &lt;1&gt;</title>"));
	ck_assert_ptr_nonnull(strstr(html, "<section class=\"keep\">\n<h2>評価</h2>\n"
	                                   "<table class=\"keep\">\n<thead><tr><th>方針</th>"
	                                   "<th class=\"r\">S</th><th>A</th></tr></thead>"));
	ck_assert_ptr_nonnull(strstr(html, "<td>方針1 a|b</td><td class=\"r\">9</td><td></td>"));
	ck_assert_ptr_nonnull(strstr(html, "<p class=\"note\">注 &amp; 注</p>\n</section>"));
	ck_assert_ptr_nonnull(strstr(html, "default-src 'none'"));
	ck_assert_ptr_null(strstr(html, "<script"));
	free(md);
	free(html);
	doc_free(d);
	/* a cell without a table is a failure, remembered */
	d = doc_new();
	doc_cell(d, "x");
	ck_assert(doc_failed(d));
	doc_free(d);
	ck_assert(doc_failed(NULL));
}
END_TEST

/* ---- the computed report ---------------------------------------------- */

static void build(struct report *r, const struct plan *plan, const char *date, int policy,
                  const struct filter *f)
{
	struct report_request req;

	report_request_default(plan, &req);
	if (date)
		req.review = plan_review_index(plan, date_parse_iso(date));
	req.policy = policy;
	if (f)
		req.filter = *f;
	ck_assert_int_eq(report_build(r, plan, &req, NULL, 0), 0);
}

START_TEST(test_published_counts)
{
	static const size_t follow_up[5][4] = {
		{ 9, 1, 7, 1 }, { 4, 0, 4, 0 }, { 6, 0, 5, 1 }, { 12, 0, 10, 2 }, { 10, 0, 9, 1 },
	};
	struct plan *plan = load_plan_yaml();
	struct report r;

	build(&r, plan, NULL, -1, NULL);   /* the default: the latest date, 2017-03-31 */
	ck_assert_str_eq(plan->reviews[r.req.review].date, "2017-03-31");
	ck_assert_int_eq(r.req.year, 2013);
	ck_assert_uint_eq(r.n_policies, 5);
	for (size_t p = 0; p < 5; p++) {
		const struct report_counts *c = &r.policies[p];

		ck_assert_uint_eq(c->rated, follow_up[p][0]);
		for (size_t l = 0; l < 3; l++)
			ck_assert_uint_eq(c->levels[l], follow_up[p][1 + l]);
	}
	ck_assert_uint_eq(r.total.rated, 41);
	ck_assert_uint_eq(r.total.levels[0], 1);
	ck_assert_uint_eq(r.total.levels[1], 35);
	ck_assert_uint_eq(r.total.levels[2], 5);
	ck_assert_uint_eq(r.total.prev_rated, 62);
	ck_assert_uint_eq(r.total.prev_levels[1], 50);
	ck_assert_uint_eq(r.n_behind, 5);
	report_free(&r);
	build(&r, plan, "2016-03-31", -1, NULL);
	ck_assert_uint_eq(r.total.rated, 62);
	ck_assert_uint_eq(r.total.levels[0], 1);
	ck_assert_uint_eq(r.total.levels[1], 50);
	ck_assert_uint_eq(r.total.levels[2], 11);
	ck_assert_uint_eq(r.n_behind, 11);
	report_free(&r);
	plan_free(plan);
}
END_TEST

/* Every review date and policy: the report's counts are plan_count_ratings',
 * and the previous ones are those of the date before. */
START_TEST(test_counts_agree)
{
	struct plan *plan = load_plan_yaml();
	size_t want[8], rated;

	for (size_t rv = 0; rv < plan->n_reviews; rv++) {
		struct report r;

		build(&r, plan, plan->reviews[rv].date, -1, NULL);
		ck_assert_int_eq(r.prev_review, (int)rv - 1);
		for (size_t p = 0; p < r.n_policies; p++) {
			const struct report_counts *c = &r.policies[p];

			plan_count_ratings(plan, &plan->policies[c->policy], (int)rv, want, &rated);
			ck_assert_uint_eq(c->rated, rated);
			for (size_t l = 0; l < plan->n_rating_levels; l++)
				ck_assert_uint_eq(c->levels[l], want[l]);
			if (rv) {
				plan_count_ratings(plan, &plan->policies[c->policy], (int)rv - 1, want, &rated);
				ck_assert_uint_eq(c->prev_rated, rated);
			}
			size_t year[32];
			plan_count_year(plan, &plan->policies[c->policy], r.req.year, year);
			for (size_t s = 0; s < plan->n_statuses; s++)
				ck_assert_uint_eq(c->statuses[s], year[s]);
		}
		report_free(&r);
	}
	plan_free(plan);
}
END_TEST

START_TEST(test_filters)
{
	struct plan *plan = load_plan_yaml();
	struct filter f;
	struct report r;
	const char **depts;
	size_t n_depts, want = 0;

	ck_assert_int_eq(plan_departments(plan, &depts, &n_depts), 0);
	filter_clear(&f);
	ck_assert(filter_set_department(&f, depts[2]));
	PLAN_FOR_EACH_ITEM(w, plan)
		want += filter_item(plan, &f, w.it);
	build(&r, plan, NULL, -1, &f);
	ck_assert_uint_eq(r.n_items, want);
	ck_assert_uint_eq(r.total.items, want);
	ck_assert_uint_eq(r.plan_items, 62);
	for (size_t k = 0; k < r.n_items; k++)
		ck_assert(filter_item(plan, &f, report_item_of(&r, &r.items[k])));
	report_free(&r);
	/* one policy */
	build(&r, plan, NULL, 3, NULL);
	ck_assert_uint_eq(r.n_policies, 1);
	ck_assert_int_eq(r.policies[0].policy, 3);
	ck_assert_uint_eq(r.n_items, 18);
	ck_assert_uint_eq(r.total.rated, 12);
	report_free(&r);
	/* out of range: EINVAL, an empty report */
	struct report_request req;
	report_request_default(plan, &req);
	req.policy = 9;
	ck_assert_int_eq(report_build(&r, plan, &req, NULL, 0), EINVAL);
	ck_assert_uint_eq(r.n_items, 0);
	report_free(&r);
	free(depts);
	plan_free(plan);
}
END_TEST

START_TEST(test_effects)
{
	static const double total[] = { 285, 174, 338, 87, 169 };
	static const double cumulative[] = { 285, 459, 797, 884, 1053 };
	struct plan *plan = load_plan_yaml();
	struct report r;

	build(&r, plan, NULL, -1, NULL);
	ck_assert_uint_eq(r.n_effects, 5);
	for (size_t i = 0; i < 5; i++) {
		ck_assert_int_eq(r.effects[i].year, 2011 + (int)i);
		ck_assert(r.effects[i].total == total[i]);
		ck_assert(r.effects[i].cumulative == cumulative[i]);
		ck_assert(r.effects[i].has_change == (i > 0));
		if (i)
			ck_assert(r.effects[i].change == total[i] - total[i - 1]);
		ck_assert(r.effects[i].budget == (i == 4));
	}
	ck_assert(r.effects_total == 1053 && r.effects_revenue == 322 && r.effects_savings == 731);
	report_free(&r);
	plan_free(plan);
}
END_TEST

START_TEST(test_default_year)
{
	struct plan *plan = load_plan_yaml();

	ck_assert_int_eq(report_default_year(plan), 2013);
	plan->current_year = 2020;   /* after the plan's years: its last */
	ck_assert_int_eq(report_default_year(plan), 2015);
	plan->current_year = 2000;   /* before them: its first */
	ck_assert_int_eq(report_default_year(plan), 2011);
	plan_free(plan);
}
END_TEST

static char stamp[] = "2017-01-01T09:00:00+09:00", user[] = "tanaka";
static char planned[] = "planned", done[] = "done";

static struct log_line line_at(char *item, time_t when)
{
	return (struct log_line){ .when = when, .stamp = stamp, .user = user, .item_id = item,
	                          .year = 2013, .field = FIELD_STATUS, .old_value = planned,
	                          .new_value = done };
}

START_TEST(test_history)
{
	struct plan *plan = load_plan_yaml();
	int last = (int)plan->n_reviews - 1;
	time_t since = report_history_since(plan, last);
	struct tm tm = { .tm_year = 116, .tm_mon = 3, .tm_mday = 1, .tm_isdst = -1 };
	struct report_request req;
	struct report r;

	ck_assert_int_eq(since, mktime(&tm));   /* 2016-04-01, the day after 2016-03-31 */
	ck_assert_int_eq(report_history_since(plan, 0), 0);
	ck_assert_int_eq(report_history_since(plan, -1), 0);
	char i11[] = "1-1", i43[] = "4-3", i99[] = "9-9";
	struct log_line lines[] = {
		line_at(i11, since - 1), line_at(i11, since), line_at(i43, since + 10),
		line_at(i99, since + 20),
	};
	report_request_default(plan, &req);
	ck_assert_int_eq(report_build(&r, plan, &req, lines, 4), 0);
	ck_assert_uint_eq(r.n_changes, 3);   /* the one before the previous date is left out */
	ck_assert_ptr_eq(r.changes[0], &lines[1]);
	ck_assert_ptr_eq(r.changes[2], &lines[3]);   /* unknown item: in a report of every item */
	report_free(&r);
	req.policy = 3;                    /* policy 4: only 4-3 */
	ck_assert_int_eq(report_build(&r, plan, &req, lines, 4), 0);
	ck_assert_uint_eq(r.n_changes, 1);
	ck_assert_ptr_eq(r.changes[0], &lines[2]);
	report_free(&r);
	plan_free(plan);
}
END_TEST

/* ---- writing ------------------------------------------------------------ */

static char *written(const struct report *r, enum report_format f)
{
	struct report_words w;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	describe_report_words(&w);
	ck_assert_int_eq(report_write(r, f, &w, m), 0);
	fclose(m);
	return buf;
}

START_TEST(test_write)
{
	struct plan *plan = load_plan_yaml();
	struct report r;
	size_t lines = 0, crlf = 0;

	build(&r, plan, NULL, -1, NULL);
	char *md = written(&r, REPORT_MARKDOWN), *csv = written(&r, REPORT_CSV);
	char *html = written(&r, REPORT_HTML), *json = written(&r, REPORT_JSON);
	ck_assert_ptr_nonnull(strstr(md, "\n| Policy 1 地域協働の推進 | 9 | 1 | 7 | 1 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n| Total | 41 | 1 | 35 | 5 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n| Total | \xe2\x96\xb2" "21 | 0 | \xe2\x96\xb2" "15 | "
	                                 "\xe2\x96\xb2" "6 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "\n| FY2015 (budget basis) | 169 | 1 | 168 | 82 | 1053 |\n"));
	ck_assert(memcmp(csv, "\xef\xbb\xbfID,", 6) == 0);
	for (const char *c = csv; *c; c++)
		if (*c == '\n') {
			lines++;
			crlf += c > csv && c[-1] == '\r';
		}
	ck_assert_uint_eq(lines, 63);
	ck_assert_uint_eq(crlf, 63);
	ck_assert_ptr_nonnull(strstr(html, "<td>Total</td><td class=\"r\">41</td>"));
	ck_assert_ptr_nonnull(strstr(json, "\n  \"policies\": [\n"));
	ck_assert_ptr_nonnull(strstr(json, "\"total\": {\"policy\": null, \"items\": 62, \"rated\": 41, "
	                                   "\"ratings\": {\"S\": 1, \"A\": 35, \"B\": 5}"));
	ck_assert(json[strlen(json) - 2] == '}');
	free(md);
	free(csv);
	free(html);
	free(json);
	report_free(&r);
	plan_free(plan);
}
END_TEST

/* The dashboard's rating terms (rated B, rated lower than before) read the
 * report's review date, whatever reference_review the filter came with,
 * and the scope line and the JSON say them. */
START_TEST(test_rating_filter)
{
	struct plan *plan = load_plan_yaml();
	struct filter f;
	struct report r;
	int late = -1;

	for (size_t l = 0; l < plan->n_rating_levels; l++)
		if (plan->rating_levels[l].late)
			late = (int)l;
	ck_assert_int_ge(late, 0);
	filter_clear(&f);
	f.ratings = UINT32_C(1) << late;
	f.reference_review = 0;          /* stale: the report's date must win */
	build(&r, plan, "2016-03-31", -1, &f);
	ck_assert_uint_eq(r.n_items, 11);  /* B at 2016-03-31, as published */
	ck_assert_uint_eq(r.n_behind, 11);
	ck_assert_uint_eq(r.total.levels[late], 11);
	char *md = written(&r, REPORT_MARKDOWN), *json = written(&r, REPORT_JSON);
	ck_assert_msg(strstr(md, "Items in this report: 11 / 62 (rated B at the review date)"),
	              "no scope line in:\n%.600s", md);
	ck_assert_ptr_nonnull(strstr(json, "\"ratings\": [\"B\"], \"rating_down\": false"));
	free(md);
	free(json);
	report_free(&r);
	/* rated lower than at the review before: at 2013-09-30 against
	 * 2013-03-31, four items (counted with PyYAML) */
	filter_clear(&f);
	f.rating_down = true;
	build(&r, plan, "2013-09-30", -1, &f);
	ck_assert_uint_eq(r.n_items, 4);
	for (size_t k = 0; k < r.n_items; k++) {
		const struct item *it = report_item_of(&r, &r.items[k]);
		const struct rating *now = item_rating_at(it, r.req.review);
		const struct rating *before = item_rating_at(it, r.prev_review);
		ck_assert(now && before && now->level > before->level);
	}
	md = written(&r, REPORT_MARKDOWN);
	ck_assert_ptr_nonnull(strstr(md, "rated lower than at 2013-03-31)"));
	free(md);
	report_free(&r);
	plan_free(plan);
}
END_TEST

START_TEST(test_phrase)
{
	struct report_phrase p;

	report_phrase_set(&p, "%s現在");
	ck_assert_str_eq(p.pre, "");
	ck_assert_str_eq(p.post, "現在");
	report_phrase_set(&p, "平成%d年度");
	ck_assert_str_eq(p.pre, "平成");
	ck_assert_str_eq(p.post, "年度");
	report_phrase_set(&p, "no conversion");
	ck_assert_str_eq(p.pre, "no conversion");
	ck_assert_str_eq(p.post, "");
}
END_TEST

/* ---- formats and files ------------------------------------------------- */

START_TEST(test_formats)
{
	enum report_format f = REPORT_JSON;

	ck_assert(report_format_of_path("r.MD", &f) && f == REPORT_MARKDOWN);
	ck_assert(report_format_of_path("dir/x.markdown", &f) && f == REPORT_MARKDOWN);
	ck_assert(report_format_of_path("a.tar.csv", &f) && f == REPORT_CSV);
	ck_assert(report_format_of_path("/tmp/r.htm", &f) && f == REPORT_HTML);
	ck_assert(report_format_of_path("r.json", &f) && f == REPORT_JSON);
	ck_assert(!report_format_of_path(".csv", &f));
	ck_assert(!report_format_of_path("dir.md/file", &f));
	ck_assert(!report_format_of_path("r.txt", &f));
	ck_assert(!report_format_of_path(NULL, &f));
	ck_assert(report_format_parse("HTML", &f) && f == REPORT_HTML);
	ck_assert(!report_format_parse("xls", &f));
	ck_assert_str_eq(report_format_ext(REPORT_CSV), "csv");
}
END_TEST

START_TEST(test_propose_name)
{
	char buf[PATH_MAX];

	ck_assert_int_eq(export_propose_name("dir/plan.yaml", 20170331, REPORT_MARKDOWN, buf,
	                                     sizeof buf), 0);
	ck_assert_str_eq(buf, "dir/plan-report-20170331.md");
	export_propose_name("plan.yaml", 20160331, REPORT_CSV, buf, sizeof buf);
	ck_assert_str_eq(buf, "plan-report-20160331.csv");
	export_propose_name("/a.b/keikaku", 0, REPORT_HTML, buf, sizeof buf);
	ck_assert_str_eq(buf, "/a.b/keikaku-report.html");
	ck_assert_int_eq(export_propose_name("plan.yaml", 20170331, REPORT_MARKDOWN, buf, 8),
	                 ENAMETOOLONG);
}
END_TEST

static char tmp[PATH_MAX];

static void make_dir(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmp, sizeof tmp, "%s/check_report.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void remove_dir(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	ck_assert_int_eq(system(cmd), 0);
}

static void touch(const char *name)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/%s", tmp, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("x\n", f);
	fclose(f);
}

static enum export_check check_name(const char *name)
{
	char plan[PATH_MAX + 64], out[PATH_MAX + 64];

	snprintf(plan, sizeof plan, "%s/plan.yaml", tmp);
	snprintf(out, sizeof out, "%s/%s", tmp, name);
	return export_check(plan, out);
}

START_TEST(test_export_check)
{
	char plan[PATH_MAX + 64], path[PATH_MAX + 64], cwd[PATH_MAX];

	make_dir();
	touch("plan.yaml");
	snprintf(plan, sizeof plan, "%s/plan.yaml", tmp);
	ck_assert_int_eq(check_name("plan.yaml"), EXPORT_IS_PLAN);
	ck_assert_int_eq(check_name("./plan.yaml"), EXPORT_IS_PLAN);
	ck_assert_int_eq(check_name("plan.yaml.history"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name("plan.yaml.recover"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name("plan.yaml.recover.1234"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name("plan.yaml~"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name(".plan.yaml.lock"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name(".plan.yaml.who.host1.4242"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name(".plan.yaml.whole.md"), EXPORT_OK);
	ck_assert_int_eq(check_name(".plan.yaml.plandash-a1B2c3.tmp"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name(".plan.yaml.recover.plandash-a1B2c3.tmp"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name(".plan.yaml~.plandash-a1B2c3.tmp"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name("plan.yaml.recover.12x"), EXPORT_OK);
	ck_assert_int_eq(check_name("plan.yaml.md"), EXPORT_OK);
	ck_assert_int_eq(check_name("plan-report-20170331.md"), EXPORT_OK);
	ck_assert_int_eq(check_name(""), EXPORT_NO_NAME);
	ck_assert_int_eq(export_check(plan, ""), EXPORT_NO_NAME);
	ck_assert_int_eq(export_check(plan, "dir/"), EXPORT_NO_NAME);
	/* by another path to the same directory */
	snprintf(path, sizeof path, "%s/sub", tmp);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(check_name("sub/../plan.yaml.history"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(check_name("sub/plan.yaml"), EXPORT_OK);
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(tmp), 0);
	ck_assert_int_eq(export_check("plan.yaml", "plan.yaml"), EXPORT_IS_PLAN);
	ck_assert_int_eq(export_check(plan, "plan.yaml~"), EXPORT_IS_SIDE_FILE);
	ck_assert_int_eq(chdir(cwd), 0);
	/* links: a symbolic link, a hard link, and a link to the history */
	snprintf(path, sizeof path, "%s/link.md", tmp);
	ck_assert_int_eq(symlink(plan, path), 0);
	ck_assert_int_eq(check_name("link.md"), EXPORT_IS_PLAN);
	snprintf(path, sizeof path, "%s/hard.md", tmp);
	ck_assert_int_eq(link(plan, path), 0);
	ck_assert_int_eq(check_name("hard.md"), EXPORT_IS_PLAN);
	touch("plan.yaml.history");
	snprintf(plan, sizeof plan, "%s/plan.yaml.history", tmp);
	snprintf(path, sizeof path, "%s/log.md", tmp);
	ck_assert_int_eq(link(plan, path), 0);
	ck_assert_int_eq(check_name("log.md"), EXPORT_IS_SIDE_FILE);
	remove_dir();
}
END_TEST

START_TEST(test_export_write)
{
	char path[PATH_MAX + 64], link_path[PATH_MAX + 64], cmd[PATH_MAX + 64];
	struct file_error fe;
	struct stat st;
	mode_t mask = umask(022);

	make_dir();
	snprintf(path, sizeof path, "%s/r.md", tmp);
	ck_assert_int_eq(export_write(path, "# a\n", 4, &fe), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	ck_assert_int_eq(st.st_size, 4);
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(export_write(path, "# bb\n", 5, &fe), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);   /* an existing file keeps its mode */
	ck_assert_int_eq(st.st_size, 5);
	/* a symbolic link is not followed */
	snprintf(link_path, sizeof link_path, "%s/l.md", tmp);
	ck_assert_int_eq(symlink(path, link_path), 0);
	ck_assert_int_ne(export_write(link_path, "x", 1, &fe), 0);
	ck_assert_int_eq(fe.refusal, FILE_IS_SYMLINK);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, 5);
	/* nothing but r.md and l.md is left */
	snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s' | wc -l)\" = 2", tmp);
	ck_assert_int_eq(system(cmd), 0);
	umask(mask);
	remove_dir();
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *esc = tcase_create("escape"), *core = tcase_create("report");
	TCase *files = tcase_create("files");

	tcase_add_test(esc, test_escape_markdown);
	tcase_add_test(esc, test_escape_html);
	tcase_add_test(esc, test_escape_csv);
	tcase_add_test(esc, test_escape_json);
	tcase_add_test(esc, test_json_number);
	tcase_add_test(esc, test_doc);
	tcase_add_test(esc, test_phrase);
	tcase_add_test(core, test_published_counts);
	tcase_add_test(core, test_counts_agree);
	tcase_add_test(core, test_filters);
	tcase_add_test(core, test_effects);
	tcase_add_test(core, test_default_year);
	tcase_add_test(core, test_history);
	tcase_add_test(core, test_write);
	tcase_add_test(core, test_rating_filter);
	tcase_add_test(files, test_formats);
	tcase_add_test(files, test_propose_name);
	tcase_add_test(files, test_export_check);
	tcase_add_test(files, test_export_write);
	suite_add_tcase(s, esc);
	suite_add_tcase(s, core);
	suite_add_tcase(s, files);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(report_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
