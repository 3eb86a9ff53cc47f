/* review.h - the review calendar: the half-yearly review date that comes
 * after a plan's last one, and a date's label in the style of the file's
 * own labels, for adding a review date (the rating meeting's "new date",
 * `plandash rate --new-review`).  No curses, no I/O, no words: a label is
 * data written to the file, in the file's language.
 *
 * Dates are YYYYMMDD ints, as in plan.h. */
#ifndef PLANDASH_REVIEW_H
#define PLANDASH_REVIEW_H

#include <stddef.h>

#include "plan.h"

/* The next review date after the plan's last one: the first end of
 * September (09-30) or end of March (03-31) after it, so 2016-03-31 gives
 * 2016-09-30 and 2016-09-30 gives 2017-03-31.  A plan without review dates
 * gets the end of September of its first fiscal year (2011-09-30 for a
 * plan from 2011).  Returns YYYYMMDD. */
int review_next_date(const struct plan *plan);

/* The label of date ymd in the style of the plan's last review label:
 *  - the era (平成29年9月末), the default and when that label starts with
 *    平成 or 令和: 平成 up to 2019-04-30, 令和 from 2019-05-01, the first year
 *    written 元年 (令和元年9月末);
 *  - the western year (2017年9月末) when it starts with a digit, or for a
 *    day before the Heisei era (1989-01-08).
 * The month's last day is written 末; another day as 15日.  buf gets at
 * most size-1 bytes and a NUL. */
void review_label(const struct plan *plan, int ymd, char *buf, size_t size);

#endif
