/* report.h - the tables a review meeting sends to the 推進委員会 and
 * publishes, computed from a plan: per policy the S/A/B counts at a review
 * date with 増減 against the previous review, the 効果額 per year, the
 * items rated late (B) with their notes, per policy the status counts of a
 * fiscal year, and the changes saved since the previous review date.  No
 * curses, no words, no I/O: report_write.h writes a report out, export.h
 * puts it in a file.
 *
 * A report covers the items the dashboard's filter lets through
 * (filter_item), optionally in one policy.  Every count below is over
 * those items; the 効果額 is the plan's own table and does not follow the
 * filter.  A report points into its plan and into the history lines given
 * to report_build(): keep both alive while the report lives.
 */
#ifndef PLANDASH_REPORT_H
#define PLANDASH_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "changelog.h"
#include "plan.h"
#include "query.h"

/* ---- formats ------------------------------------------------------------ */

enum report_format {
	REPORT_MARKDOWN,
	REPORT_CSV,
	REPORT_HTML,
	REPORT_JSON,
};

/* A format by name: md, markdown, csv, html, htm, json (ASCII case
 * ignored).  False (out unchanged) for anything else. */
bool report_format_parse(const char *name, enum report_format *out);

/* The format a file name's extension says (.md .markdown .csv .html .htm
 * .json, ASCII case ignored).  False when the name has none of these. */
bool report_format_of_path(const char *path, enum report_format *out);

/* The usual extension of a format, without the dot: "md", "csv", ... */
const char *report_format_ext(enum report_format f);

/* ---- what a report covers ------------------------------------------------ */

struct report_request {
	int review;               /* index into plan->reviews: the date of the ratings;
	                             -1: none (a plan without review dates) */
	int year;                 /* the fiscal year of the statuses and notes */
	int policy;               /* index into plan->policies; -1: every policy */
	struct filter filter;     /* the items that pass filter_item(); a zeroed
	                             filter lets every item through */
};

/* The fiscal year a report shows by default: the plan's current year
 * (plan->current_year) when it is one of plan->years, else the last plan
 * year before it, else the first (0 for a plan without years). */
int report_default_year(const struct plan *plan);

/* The defaults: the latest review date, report_default_year(), every
 * policy, no filter. */
void report_request_default(const struct plan *plan, struct report_request *req);

/* Where the changes of a report at `review` begin: the local midnight
 * after the previous review date (changes saved on a review day belong to
 * that review).  0 (the whole history) when review is the first review
 * date or -1. */
time_t report_history_since(const struct plan *plan, int review);

/* ---- the computed report ---------------------------------------------- */

/* The counts over the report's items of one policy, or of all of them. */
struct report_counts {
	int policy;               /* index into plan->policies; -1 for the total */
	size_t items;             /* the report's items */
	size_t rated;             /* of those, rated at the review date */
	size_t prev_rated;        /* ... at the previous review date */
	size_t *levels;           /* at the review date, per plan->rating_levels */
	size_t *prev_levels;      /* at the previous review date, the same */
	size_t *statuses;         /* entries of the year, per plan->statuses */
	size_t no_entry;          /* items without an entry for the year */
};

/* One row of the 効果額 table, in 百万円. */
struct report_effects {
	int year;
	double total, revenue, savings;   /* total: effects_year_total() */
	bool budget;              /* budget figures (予算ベース) */
	bool has_change;          /* false for the first row */
	double change;            /* 増減: total minus the previous row's total */
	double cumulative;        /* 累計: the totals up to this row */
	const struct effects_year *row;   /* the plan's row (which figures it has) */
};

/* The plan's 効果額 rows in year order, each with its 増減 and 累計: what
 * the report and the dashboard's effects view show.  *rows is malloc'd
 * (NULL, *n 0 when the plan has none).  Returns 0 or ENOMEM. */
int report_effects_rows(const struct plan *plan, struct report_effects **rows, size_t *n);

/* One item of the report, in plan order. */
struct report_item {
	int policy, item;         /* plan->policies[policy].items[item] */
	const struct rating *rating;   /* at the review date; NULL: not rated then */
	bool behind;              /* that rating's level is late (B) */
	const struct entry *entry;     /* of the report's year; NULL: none */
};

struct report {
	const struct plan *plan;
	struct report_request req;
	int prev_review;          /* the review date before req.review; -1: none */
	size_t plan_items;        /* every item of the plan */
	struct report_counts *policies;   /* the policies holding report items, in plan order */
	size_t n_policies;
	struct report_counts total;
	struct report_item *items;
	size_t n_items;
	size_t n_behind;          /* items rated late */
	struct report_effects *effects;   /* by year (the plan's whole table) */
	size_t n_effects;
	double effects_total, effects_revenue, effects_savings;
	time_t since;             /* report_history_since() */
	const struct log_line **changes;  /* the history lines of the report's items
	                             saved at or after `since`, in the order given */
	size_t n_changes;
};

/* Compute the report of req over plan.  lines (n_lines, may be 0) is the
 * plan's history, as changelog_load() gives it (loaded from `since` or from
 * the start: lines before `since` are left out here).  A line whose item
 * the plan does not have counts only in a report of every item.  Returns 0,
 * EINVAL (a review, year or policy out of range; the report is then empty)
 * or ENOMEM.  Free with report_free() in every case. */
int report_build(struct report *r, const struct plan *plan, const struct report_request *req,
                 const struct log_line *lines, size_t n_lines);
void report_free(struct report *r);

/* The item of a report item. */
const struct item *report_item_of(const struct report *r, const struct report_item *ri);

#endif
