/* report_write.h - a report (report.h) written out: Markdown for minutes
 * and mail, one HTML page to print, CSV for Excel, JSON for scripts.  No
 * curses.  The words (headings, column names) are the caller's:
 * describe_report_words() (describe.h) fills them through gettext, so a
 * report speaks the language of the screens.
 *
 * What each format holds:
 *  - Markdown and HTML (doc.h): the title and "as of" date (平成29年3月末現在);
 *    who is covered when a filter is set; per policy the items rated and
 *    the S/A/B counts at the review date, with a total row
 *    ("| 方針1 地域協働の推進 | 9 | 1 | 7 | 1 |", "| 合計 | 41 | 1 | 35 | 5 |"),
 *    and the same rows with the 増減 against the previous review date
 *    (▲ for a decrease); the 効果額 per year (total, 歳入確保, 歳出削減,
 *    増減, 累計; the budget-basis years marked); the items rated late (B)
 *    with their notes; per policy the status counts of the year; every
 *    item with its rating and status; the changes saved since the previous
 *    review date (who, when, what).
 *  - CSV: UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting
 *    and formula guards (escape.h); a header row, then one row per item:
 *    ID, No., policy, title, departments (joined with ・), the rating at
 *    the review date, one column per fiscal year holding the status label
 *    (完了), and the note of the report's year.
 *  - JSON: one object: the whole plan in the YAML's shape (plan_json.h)
 *    and a "report" member with the computed tables (keys in English, the
 *    same in every language).
 */
#ifndef PLANDASH_REPORT_WRITE_H
#define PLANDASH_REPORT_WRITE_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"

/* The words around one value, "平成" 25 "年度": a translated "%s" or "%d"
 * format cut at its conversion. */
struct report_phrase {
	char pre[128], post[128];
};

struct report_words {
	bool japanese;            /* years as 平成25年度 (else FY2013), review dates by
	                             their labels (else 2017-03-31), HTML lang="ja" */
	struct report_phrase era_year;   /* 平成25年度 (japanese only) */
	struct report_phrase policy;     /* 方針1 / Policy 1 */
	struct report_phrase title;      /* the plan's title and programme, then 進捗状況報告 */
	struct report_phrase as_of;      /* 平成29年3月末現在 */
	struct report_phrase scope;      /* "対象: 12 / 62（...）": the items covered when filtered */
	struct report_phrase department, statuses, filter_year, overdue;   /* the filter's terms */
	struct report_phrase rated, rating_down;   /* ... at the review date: 評価 B, 平成28年3月末より評価が下がった */
	struct report_phrase ratings_at, change_since, behind, statuses_in;   /* headings */
	struct report_phrase changes_since;
	struct report_phrase rating_at, status_in, note_in;   /* columns */
	struct report_phrase budget_year;   /* 平成27年度（予算ベース） */
	const char *revised;      /* the filter's "revised at the review" */
	const char *separator;    /* between the terms of a list: "、" / ", " */
	const char *total, *effects, *budget_note, *item_list, *changes_all;
	const char *no_change, *nothing, *no_reviews, *none;
	const char *col_policy, *col_items, *col_year, *col_effect, *col_revenue, *col_savings;
	const char *col_change, *col_cumulative, *col_id, *col_serial, *col_title;
	const char *col_departments, *col_time, *col_user, *col_field, *col_before, *col_after;
	const char *col_no_entry;
	const char *field_status, *field_plan, *field_note;
};

/* Split a translated format with one conversion (%s or %d) into p: what
 * comes before and after it.  A format without one (a broken translation)
 * is all `pre`. */
void report_phrase_set(struct report_phrase *p, const char *format);

/* Write r in format f to out (a CSV begins with its byte order mark).
 * Returns 0, ENOMEM, or EIO when writing to out failed. */
int report_write(const struct report *r, enum report_format f, const struct report_words *w,
                 FILE *out);

#endif
