/* tally.h - the counts and lists that follow the filter, kept up to date as
 * statuses change, so that no key recounts the plan.  No curses, no I/O.
 *
 * A tally cache holds, for one plan and one filter:
 *  - per policy and per year (and for the whole plan, and for all years)
 *    the struct tally that tally_count() (query.h) would give: entries
 *    passing, in a final status, per status, and items with an entry
 *    counted;
 *  - per policy the items that pass the filter (filter_item), in order:
 *    the item list, and how many there are ("items shown");
 *  - the matrix's rows: each policy's heading, then its visible items;
 *  - per policy and review date, the visible items' ratings by level.
 * Building it is one pass over the plan.  After that a status change
 * updates it in O(log n), and every question below is O(1) or O(log n)
 * (n: the plan's items).
 *
 * The UI's part:
 *  - tally_build() when a plan is loaded or replaced (after a save or a
 *    reload: never keep a cache across a plan replacement);
 *  - tally_set_filter() whenever the filter may have changed, including
 *    its reference_year (the year shown, which "overdue" depends on): it
 *    rebuilds only when the filter lets different things through
 *    (filter_equal), so calling it before every draw costs nothing;
 *  - tally_note_status() after each change of an entry's status (a status
 *    key, a digit in a meeting, undo, redo), with the old and new status.
 *    Other edits (plan texts, notes) change no count; a rating change
 *    (which the filter's rating terms may depend on) needs tally_build.
 */
#ifndef PLANDASH_TALLY_H
#define PLANDASH_TALLY_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"
#include "query.h"

struct tally_cache;

/* An empty cache (answers zeros until built); NULL when out of memory. */
struct tally_cache *tally_new(void);
void tally_free(struct tally_cache *c);

/* Count plan under filter f (copied; NULL: no filter).  O(plan).  Returns
 * 0, or ENOMEM (the cache is then empty: zeros and no visible items). */
int tally_build(struct tally_cache *c, const struct plan *plan, const struct filter *f);
/* Rebuild for filter f unless it lets the same things through as the
 * cache's.  Returns 0 or ENOMEM (as tally_build). */
int tally_set_filter(struct tally_cache *c, const struct filter *f);
/* The filter the cache counts with. */
const struct filter *tally_filter(const struct tally_cache *c);

/* The status of plan->policies[policy].items[item].entries[entry] went from
 * old_status to new_status (indexes into plan->statuses; the model may
 * already hold the new one).  Out-of-range arguments are ignored. */
void tally_note_status(struct tally_cache *c, int policy, int item, int entry, int old_status,
                       int new_status);

/* The counts of one policy (-1: the whole plan) and one year (0: all
 * years), equal to tally_count(plan, filter, policy, year).  A policy or
 * year the plan does not have gives zeros. */
void tally_get(const struct tally_cache *c, int policy, int year, struct tally *out);

/* The ratings at review `review` (an index into plan->reviews) of the items
 * of policy (-1: the whole plan) that pass the filter: counts[l] for the
 * first n rating levels, *rated the items rated then at all.  Zeros for a
 * review or policy the plan does not have. */
void tally_ratings(const struct tally_cache *c, int policy, int review, size_t *counts,
                   size_t n, size_t *rated);

/* Items of policy (-1: the whole plan) that pass the filter. */
size_t tally_items_shown(const struct tally_cache *c, int policy);
/* The row-th of them (0-based) as an index into the policy's items. */
bool tally_visible_item(const struct tally_cache *c, int policy, size_t row, int *item);
/* The row of an item among them; false when the filter hides it. */
bool tally_visible_row(const struct tally_cache *c, int policy, int item, size_t *row);
/* The first visible item of policy at or after `item`, wrapping around to
 * the policy's first; false when the policy shows none. */
bool tally_visible_near(const struct tally_cache *c, int policy, int item, int *out);

/* The matrix: for each policy a heading row, then its visible items. */
size_t tally_matrix_rows(const struct tally_cache *c);
/* What row `row` shows: *item is -1 for a policy's heading.  False when
 * row is out of range. */
bool tally_matrix_row(const struct tally_cache *c, size_t row, int *policy, int *item);
/* The row of a policy's heading (item -1) or of a visible item; false when
 * the item is hidden or out of range. */
bool tally_matrix_row_of(const struct tally_cache *c, int policy, int item, size_t *row);

#endif
