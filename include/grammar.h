/* grammar.h - what a user types for a fiscal year, a status, an item, a
 * review date and a rating: one grammar each, shared by the command line
 * (get, set, rate) and the dashboard (the ":" jump).  No curses, no I/O and no words: a failure is
 * a code, and describe.h turns it into a sentence.
 *
 * Every form may be typed in half-width or full-width characters (４－３,
 * Ｈ２５, ３): the text is folded to ASCII first (grammar_fold), and blanks
 * around it are ignored.
 */
#ifndef PLANDASH_GRAMMAR_H
#define PLANDASH_GRAMMAR_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

enum grammar_result {
	GRAMMAR_OK,
	GRAMMAR_EMPTY,            /* nothing but blanks */
	GRAMMAR_NOT_YEAR,         /* no form of a fiscal year */
	GRAMMAR_YEAR_NOT_IN_PLAN, /* a fiscal year, but not one of plan->years */
	GRAMMAR_NOT_STATUS,       /* no key, label, letter or number of plan->statuses */
	GRAMMAR_NO_ITEM,          /* no item with that id or serial number */
	GRAMMAR_NOT_DATE,         /* no form of a date, and no review's label */
	GRAMMAR_DATE_NOT_REVIEW,  /* a date, but not one of plan->reviews */
	GRAMMAR_NOT_YEAR_OR_DATE, /* neither a fiscal year nor a review date (an argument
	                             that may be either, as get's) */
	GRAMMAR_NOT_RATING,       /* no key, label, description or number of
	                             plan->rating_levels */
};

/* Fold what an input method types into ASCII: full-width ASCII
 * (U+FF01..U+FF5E) to ASCII, the ideographic space to a space, and the
 * dashes and long-vowel mark typed for '-' (ー − ‐ ‑ ‒ – — ―) to '-'.
 * Everything else is copied.  out gets at most size-1 bytes and a NUL, cut
 * back to a whole character; the result is never longer than in. */
void grammar_fold(const char *in, char *out, size_t size);

/* A fiscal year in any form, without looking at a plan:
 *   2013, 2013年度, FY2013, fy 2013       -> 2013
 *   H25, h25, 平成25, 平成25年, 平成25年度 -> 2013 (平成元年度 = 1989; H1..H31)
 *   R1, 令和1, 令和元年度, R2 ...           -> 2019, 2020 ... (R1..R99)
 * Returns the year, or 0 when the text is no year ("25", "H", "2013x"). */
int grammar_year(const char *text);

/* A year of the plan: GRAMMAR_OK with *year set; GRAMMAR_EMPTY;
 * GRAMMAR_NOT_YEAR (*year 0); GRAMMAR_YEAR_NOT_IN_PLAN (*year set to the
 * year the text names, so a message can name it). */
enum grammar_result grammar_plan_year(const struct plan *plan, const char *text, int *year);

/* A status of the plan's vocabulary, tried in this order: its key (done;
 * ASCII case ignored), its label (完了), its letter (D; d too when no other
 * status has that letter in another case), its number in the file's list
 * from 1 (3 = the third status, as the meeting's digits).  GRAMMAR_OK with
 * *status set to an index into plan->statuses; GRAMMAR_EMPTY;
 * GRAMMAR_NOT_STATUS. */
enum grammar_result grammar_status(const struct plan *plan, const char *text, int *status);

/* An item: its id (4-3, ４－３) or the city's serial number (27, No.27,
 * No27, No. 27, #27).  An id wins over a serial number when an item's id is
 * itself a number.  GRAMMAR_OK with *policy and *item set to indexes into
 * plan->policies and its items; GRAMMAR_EMPTY; GRAMMAR_NO_ITEM. */
enum grammar_result grammar_item(const struct plan *plan, const char *text, int *policy,
                                 int *item);

/* A calendar date, without looking at a plan:
 *   2016-03-31, 2016-3-31, 2016/3/31, 2016.3.31, 2016年3月31日  -> 20160331
 *   H28.3.31, H28-3-31, 平成28年3月31日, R1.5.1, 令和元年5月1日 (Heisei H1..H31,
 *   Reiwa R1..R99, as for years)
 *   末 for the month's last day: 2016年3月末, 平成28年3月末, H28.3末 -> 20160331
 * Returns YYYYMMDD, or 0 when the text is no date or names no real day
 * (2015-02-29, 2016-13-01) or a year outside 1900..2200. */
int grammar_date(const char *text);

/* A review date of the plan: a date in any form of grammar_date, or a
 * review's label as the file writes it (平成28年3月末; compared after
 * folding).  GRAMMAR_OK with *review set to an index into plan->reviews;
 * GRAMMAR_EMPTY; GRAMMAR_NOT_DATE (neither a date nor a label);
 * GRAMMAR_DATE_NOT_REVIEW (*date set to the date the text names, YYYYMMDD,
 * so a message can name it).  *date is 0 unless a date was read. */
enum grammar_result grammar_review(const struct plan *plan, const char *text, int *review,
                                   int *date);

/* A rating of the plan's vocabulary (top-level `ratings:`), tried in this
 * order: its key (A; ASCII case ignored when that names one key only), its
 * label (予定どおり), its description (予定どおりに進捗している), its number in
 * the file's list from 1 (2 = the second rating, as the rating meeting's
 * digits).  GRAMMAR_OK with *level set to an index into
 * plan->rating_levels; GRAMMAR_EMPTY; GRAMMAR_NOT_RATING. */
enum grammar_result grammar_rating(const struct plan *plan, const char *text, int *level);

/* True when text is only a serial-number prefix ("No.", "No", "#"), so a
 * caller that splits words can join it with the number that follows. */
bool grammar_is_serial_prefix(const char *text);

#endif
