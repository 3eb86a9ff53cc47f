/* lint.h - consistency warnings: where a valid plan contradicts itself.
 * No curses and no words: a warning is a code and data (describe.h turns
 * it into a sentence), with the line and column of the offending value.
 *
 * The rules (doc/plan-format.md, "Consistency warnings").  "Final",
 * "late" and "behind" come from the vocabularies, never from a key: a
 * status is final with `final: true` (完了 and 中止 both are) and late
 * with `late: true` (遅延); a rating says "behind schedule" with
 * `late: true` (B).  Fiscal year Y runs from Y-04-01 to (Y+1)-03-31.
 *  (a) LINT_FINAL_AFTER_OPEN: an entry in a final status while an earlier
 *      year of the same item is in a status that is not final.
 *  (b) LINT_FINAL_AHEAD: an entry in a final status for a year after the
 *      plan's current fiscal year (plan->current_year: `current_year`,
 *      else review_year).
 *  (c) LINT_GOOD_WHILE_LATE: an item rated at a date with a rating that is
 *      not late (S, A) while the entry of a year that ended before that
 *      date is in a late status; LINT_LATE_WHILE_FINAL: rated with a late
 *      rating (B) while every entry of a year that began on or before that
 *      date is final, and there is at least one.
 *  (d) LINT_REVISED_NO_ENTRY: an item whose review changed its schedule
 *      (`review: {changed: [schedule]}`) has no entry for one of the
 *      revised years: the plan's years after review_year.
 */
#ifndef PLANDASH_LINT_H
#define PLANDASH_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "edit.h"
#include "plan.h"

enum lint_code {
	LINT_FINAL_AFTER_OPEN,    /* (a) year, status: the final entry (position: its
	                             status); other_year, other_status: the latest earlier
	                             entry that is not final */
	LINT_FINAL_AHEAD,         /* (b) year, status: the entry (its status);
	                             other_year: the current fiscal year */
	LINT_GOOD_WHILE_LATE,     /* (c) review, level: the rating (position: its rating);
	                             year, status: the latest late entry of a year that
	                             ended before the date */
	LINT_LATE_WHILE_FINAL,    /* (c) review, level: the rating (its rating);
	                             other_year..year: the first and last years of the
	                             entries up to the date, all final */
	LINT_REVISED_NO_ENTRY,    /* (d) year: a revised year without an entry (position:
	                             `schedule` in review.changed) */
	LINT_N_CODES              /* how many codes there are (not a code) */
};

struct lint_warning {
	enum lint_code code;
	uint32_t line, col;       /* 1-based; col counts characters */
	int policy, item;         /* the item: indexes into plan->policies, its items */
	int year, other_year;     /* fiscal years (0 when not used) */
	int status, other_status; /* indexes into plan->statuses (-1 when not used) */
	int review;               /* index into plan->reviews (-1 when not used) */
	int level;                /* index into plan->rating_levels (-1 when not used) */
};

/* A growing list of warnings; start from { 0 }. */
struct lint_list {
	struct lint_warning *w;
	size_t n, cap;
};

/* Append the warnings of the whole plan, in file order (line, column).
 * Returns false when out of memory (the list keeps what it holds). */
bool lint_plan(const struct plan *plan, struct lint_list *out);

/* Append the warnings of one item (the sheet and the meeting use this to
 * show what a change creates), in file order. */
bool lint_item(const struct plan *plan, int policy, int item, struct lint_list *out);

/* The warnings one change created, for the dashboard to say so after a
 * status or rating change (the rating meeting, the sheet): the item is
 * linted as it is in plan and as it was with that field at `before` (the
 * value the change replaced: an undo step's before, or what was read
 * before editor_set; a rating's NULL: not rated then), and the warnings it
 * has now that it did not have then are appended to *created, in file
 * order, with their positions now (a rating added since the last save is
 * at line 0).  Two warnings are the same when their code, years,
 * statuses, review date and rating are.  Only FIELD_STATUS (year: the
 * fiscal year) and FIELD_RATING (year: the review date, YYYYMMDD) can
 * create one; other fields append nothing.  Returns false when out of
 * memory, or when the item, the entry or the review date is not in plan
 * or `before` is not a key of its vocabulary (*created keeps what it
 * holds). */
bool lint_change(const struct plan *plan, const char *item_id, int year, enum field field,
                 const char *before, struct lint_list *created);

void lint_list_free(struct lint_list *list);

#endif
