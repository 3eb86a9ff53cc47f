/* tally.c - see tally.h.
 *
 * Counts live in a grid of struct tally: a row per policy and one for the
 * plan, a column per year and one for all years.  Which items are visible
 * is a Fenwick tree over the items in plan order (one bit each), so that
 * the k-th visible item of a policy, an item's row and the matrix rows are
 * O(log n) while a status change flips a bit in O(log n). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"

enum {
	ITEM_TERMS = 1,           /* the item passes the filter's item terms */
	ITEM_VISIBLE = 2,         /* the item passes filter_item */
};

struct tally_cache {
	const struct plan *plan;  /* NULL: empty */
	struct filter filter;
	bool entry_terms;
	size_t n_policies, n_years, n_items;
	struct tally *cells;      /* [(n_policies + 1) * (n_years + 1)] */
	size_t *first;            /* per policy its first item's number; [n_policies]: n_items */
	size_t *shown;            /* per policy its visible items; [n_policies]: all */
	uint32_t *passing;        /* per item its entries that pass */
	uint8_t *flags;           /* per item ITEM_* */
	uint32_t *tree;           /* Fenwick tree of ITEM_VISIBLE, 1-based, [n_items + 1] */
	size_t n_reviews, n_levels;
	size_t *rated;            /* visible items per policy (and the plan), review and
	                             rating level, then rated at all:
	                             [(n_policies + 1) * n_reviews * (n_levels + 1)] */
	size_t top;               /* the highest power of two <= n_items (0 when none) */
};

struct tally_cache *tally_new(void)
{
	struct tally_cache *c = calloc(1, sizeof *c);
	if (c)
		filter_clear(&c->filter);
	return c;
}

static void release(struct tally_cache *c)
{
	free(c->cells);
	free(c->first);
	free(c->shown);
	free(c->passing);
	free(c->flags);
	free(c->tree);
	free(c->rated);
	c->rated = NULL;
	c->cells = NULL;
	c->first = c->shown = NULL;
	c->passing = c->tree = NULL;
	c->flags = NULL;
	c->plan = NULL;
	c->n_policies = c->n_years = c->n_items = c->top = 0;
	c->n_reviews = c->n_levels = 0;
}

void tally_free(struct tally_cache *c)
{
	if (!c)
		return;
	release(c);
	free(c);
}

const struct filter *tally_filter(const struct tally_cache *c)
{
	return &c->filter;
}

/* ---- the Fenwick tree --------------------------------------------------- */

static void tree_add(struct tally_cache *c, size_t g, int delta)
{
	for (size_t i = g + 1; i <= c->n_items; i += i & (~i + 1))
		c->tree[i] = (uint32_t)((int64_t)c->tree[i] + delta);
}

/* Visible items among the first g items. */
static size_t tree_prefix(const struct tally_cache *c, size_t g)
{
	size_t sum = 0;
	for (size_t i = g; i > 0; i -= i & (~i + 1))
		sum += c->tree[i];
	return sum;
}

/* The number of the k-th (0-based) visible item; k < all visible. */
static size_t tree_select(const struct tally_cache *c, size_t k)
{
	size_t pos = 0;
	for (size_t step = c->top; step; step >>= 1)
		if (pos + step <= c->n_items && c->tree[pos + step] <= k) {
			pos += step;
			k -= c->tree[pos];
		}
	return pos;   /* 0-based: the tree's 1-based pos + 1, minus 1 */
}

/* The tree from the flags, in O(n). */
static void tree_fill(struct tally_cache *c)
{
	for (size_t i = 1; i <= c->n_items; i++)
		c->tree[i] = (c->flags[i - 1] & ITEM_VISIBLE) != 0;
	for (size_t i = 1; i <= c->n_items; i++) {
		size_t j = i + (i & (~i + 1));
		if (j <= c->n_items)
			c->tree[j] += c->tree[i];
	}
	c->top = 0;
	for (size_t p = 1; p && p <= c->n_items; p <<= 1)
		c->top = p;
}

/* ---- counting ----------------------------------------------------------- */

static struct tally *cell(const struct tally_cache *c, size_t policy, size_t year)
{
	return &c->cells[policy * (c->n_years + 1) + year];
}

/* Add (sign 1) or remove (-1) an entry of `status` in four cells: its
 * policy and the plan, its year and all years. */
static void count_entry(struct tally_cache *c, size_t policy, int year_index, int status,
                        int sign)
{
	bool fin = c->plan->statuses[status].final;
	size_t ps[2] = { policy, c->n_policies };
	size_t ys[2] = { year_index >= 0 ? (size_t)year_index : c->n_years, c->n_years };
	for (size_t i = 0; i < 2; i++)
		for (size_t j = 0; j < (year_index >= 0 ? 2u : 1u); j++) {
			struct tally *t = cell(c, ps[i], ys[j]);
			t->entries += (size_t)(ptrdiff_t)sign;
			t->final += fin ? (size_t)(ptrdiff_t)sign : 0;
			if (status < FILTER_MAX_STATUSES)
				t->by_status[status] += (size_t)(ptrdiff_t)sign;
			if (j == 0 && year_index >= 0)   /* one entry per item and year */
				t->items += (size_t)(ptrdiff_t)sign;
		}
}

/* The item counted in "all years" (sign 1) or not any more (-1). */
static void count_item(struct tally_cache *c, size_t policy, int sign)
{
	cell(c, policy, c->n_years)->items += (size_t)(ptrdiff_t)sign;
	cell(c, c->n_policies, c->n_years)->items += (size_t)(ptrdiff_t)sign;
}

static size_t *rated_cell(const struct tally_cache *c, size_t policy, size_t review)
{
	return &c->rated[(policy * c->n_reviews + review) * (c->n_levels + 1)];
}

/* A visible item's ratings counted (sign 1) or not any more (-1), in its
 * policy and in the plan. */
static void count_ratings(struct tally_cache *c, size_t policy, const struct item *it, int sign)
{
	for (size_t r = 0; r < it->n_ratings; r++) {
		const struct rating *rt = &it->ratings[r];
		if (rt->review < 0 || (size_t)rt->review >= c->n_reviews || rt->level < 0 ||
		    (size_t)rt->level >= c->n_levels)
			continue;
		size_t ps[2] = { policy, c->n_policies };
		for (size_t i = 0; i < 2; i++) {
			size_t *cell = rated_cell(c, ps[i], (size_t)rt->review);
			cell[rt->level] += (size_t)(ptrdiff_t)sign;
			cell[c->n_levels] += (size_t)(ptrdiff_t)sign;
		}
	}
}

static bool status_ok(const struct plan *plan, int status)
{
	return status >= 0 && (size_t)status < plan->n_statuses;
}

static void count_plan(struct tally_cache *c)
{
	const struct plan *plan = c->plan;
	PLAN_FOR_EACH_ITEM(w, plan) {
		size_t g = w.n;
		if (!filter_item_terms(&c->filter, w.it))
			continue;
		c->flags[g] = ITEM_TERMS;
		for (size_t e = 0; e < w.it->n_entries; e++) {
			const struct entry *en = &w.it->entries[e];
			if (!status_ok(plan, en->status) ||
			    !filter_entry_terms(plan, &c->filter, en->year, en->status))
				continue;
			count_entry(c, w.policy, plan_year_index(plan, en->year), en->status, 1);
			c->passing[g]++;
		}
		if (c->passing[g])
			count_item(c, w.policy, 1);
		if (!c->entry_terms || c->passing[g]) {
			c->flags[g] |= ITEM_VISIBLE;
			count_ratings(c, w.policy, w.it, 1);
			c->shown[w.policy]++;
			c->shown[c->n_policies]++;
		}
	}
}

int tally_build(struct tally_cache *c, const struct plan *plan, const struct filter *f)
{
	release(c);
	if (f)
		c->filter = *f;
	else
		filter_clear(&c->filter);
	c->entry_terms = filter_has_entry_terms(&c->filter);
	size_t np = plan->n_policies, ny = plan->n_years, n = 0;
	for (size_t p = 0; p < np; p++)
		n += plan->policies[p].n_items;
	c->cells = calloc((np + 1) * (ny + 1), sizeof *c->cells);
	c->first = malloc((np + 1) * sizeof *c->first);
	c->shown = calloc(np + 1, sizeof *c->shown);
	c->passing = calloc(n ? n : 1, sizeof *c->passing);
	c->flags = calloc(n ? n : 1, sizeof *c->flags);
	c->tree = calloc(n + 1, sizeof *c->tree);
	c->n_reviews = plan->n_reviews;
	c->n_levels = plan->n_rating_levels;
	c->rated = calloc((np + 1) * (c->n_reviews ? c->n_reviews : 1) * (c->n_levels + 1),
	                  sizeof *c->rated);
	if (!c->cells || !c->first || !c->shown || !c->passing || !c->flags || !c->tree ||
	    !c->rated) {
		release(c);
		return ENOMEM;
	}
	c->plan = plan;
	c->n_policies = np;
	c->n_years = ny;
	c->n_items = n;
	for (size_t p = 0, g = 0; p <= np; p++) {
		c->first[p] = g;
		if (p < np)
			g += plan->policies[p].n_items;
	}
	count_plan(c);
	tree_fill(c);
	return 0;
}

int tally_set_filter(struct tally_cache *c, const struct filter *f)
{
	if (!c->plan || filter_equal(&c->filter, f))
		return 0;
	return tally_build(c, c->plan, f);
}

void tally_note_status(struct tally_cache *c, int policy, int item, int entry, int old_status,
                       int new_status)
{
	const struct plan *plan = c->plan;
	if (!plan || policy < 0 || (size_t)policy >= c->n_policies || item < 0 ||
	    (size_t)item >= plan->policies[policy].n_items || old_status == new_status ||
	    !status_ok(plan, old_status) || !status_ok(plan, new_status))
		return;
	const struct item *it = &plan->policies[policy].items[item];
	size_t g = c->first[policy] + (size_t)item;
	if (entry < 0 || (size_t)entry >= it->n_entries || !(c->flags[g] & ITEM_TERMS))
		return;
	int year = it->entries[entry].year, yi = plan_year_index(plan, year);
	bool was = filter_entry_terms(plan, &c->filter, year, old_status);
	bool now = filter_entry_terms(plan, &c->filter, year, new_status);
	if (was)
		count_entry(c, (size_t)policy, yi, old_status, -1);
	if (now)
		count_entry(c, (size_t)policy, yi, new_status, 1);
	if (was == now)
		return;
	c->passing[g] += now ? 1 : (uint32_t)-1;
	if (c->passing[g] != (now ? 1u : 0u))
		return;   /* the item was (and stays) counted in all years and shown */
	count_item(c, (size_t)policy, now ? 1 : -1);
	if (!c->entry_terms)
		return;
	c->flags[g] ^= ITEM_VISIBLE;
	tree_add(c, g, now ? 1 : -1);
	count_ratings(c, (size_t)policy, it, now ? 1 : -1);
	c->shown[policy] += now ? 1 : (size_t)-1;
	c->shown[c->n_policies] += now ? 1 : (size_t)-1;
}

/* ---- questions ---------------------------------------------------------- */

void tally_get(const struct tally_cache *c, int policy, int year, struct tally *out)
{
	memset(out, 0, sizeof *out);
	if (!c->plan || (policy >= 0 && (size_t)policy >= c->n_policies))
		return;
	int yi = year ? plan_year_index(c->plan, year) : (int)c->n_years;
	if (yi < 0)
		return;
	*out = *cell(c, policy < 0 ? c->n_policies : (size_t)policy, (size_t)yi);
}

void tally_ratings(const struct tally_cache *c, int policy, int review, size_t *counts,
                   size_t n, size_t *rated)
{
	memset(counts, 0, n * sizeof *counts);
	*rated = 0;
	if (!c->plan || (policy >= 0 && (size_t)policy >= c->n_policies) || review < 0 ||
	    (size_t)review >= c->n_reviews)
		return;
	const size_t *cell = rated_cell(c, policy < 0 ? c->n_policies : (size_t)policy,
	                                (size_t)review);
	for (size_t l = 0; l < n && l < c->n_levels; l++)
		counts[l] = cell[l];
	*rated = cell[c->n_levels];
}

static bool policy_ok(const struct tally_cache *c, int policy)
{
	return c->plan && policy >= 0 && (size_t)policy < c->n_policies;
}

size_t tally_items_shown(const struct tally_cache *c, int policy)
{
	if (!c->plan)
		return 0;
	if (policy < 0)
		return c->shown[c->n_policies];
	return (size_t)policy < c->n_policies ? c->shown[policy] : 0;
}

bool tally_visible_item(const struct tally_cache *c, int policy, size_t row, int *item)
{
	if (!policy_ok(c, policy) || row >= c->shown[policy])
		return false;
	size_t g = tree_select(c, tree_prefix(c, c->first[policy]) + row);
	*item = (int)(g - c->first[policy]);
	return true;
}

bool tally_visible_row(const struct tally_cache *c, int policy, int item, size_t *row)
{
	if (!policy_ok(c, policy) || item < 0 || (size_t)item >= c->plan->policies[policy].n_items)
		return false;
	size_t g = c->first[policy] + (size_t)item;
	if (!(c->flags[g] & ITEM_VISIBLE))
		return false;
	*row = tree_prefix(c, g) - tree_prefix(c, c->first[policy]);
	return true;
}

bool tally_visible_near(const struct tally_cache *c, int policy, int item, int *out)
{
	if (!policy_ok(c, policy) || !c->shown[policy])
		return false;
	size_t n = c->plan->policies[policy].n_items;
	size_t at = item < 0 ? 0 : (size_t)item < n ? (size_t)item : n;
	size_t before = tree_prefix(c, c->first[policy] + at) - tree_prefix(c, c->first[policy]);
	return tally_visible_item(c, policy, before < c->shown[policy] ? before : 0, out);
}

size_t tally_matrix_rows(const struct tally_cache *c)
{
	return c->plan ? c->n_policies + c->shown[c->n_policies] : 0;
}

/* The row of policy p's heading. */
static size_t heading_row(const struct tally_cache *c, size_t p)
{
	return p + tree_prefix(c, c->first[p]);
}

bool tally_matrix_row(const struct tally_cache *c, size_t row, int *policy, int *item)
{
	if (row >= tally_matrix_rows(c))
		return false;
	size_t lo = 0, hi = c->n_policies;   /* the last policy whose heading is <= row */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (heading_row(c, mid) <= row)
			lo = mid;
		else
			hi = mid;
	}
	size_t k = row - heading_row(c, lo);
	*policy = (int)lo;
	*item = -1;
	return k == 0 || tally_visible_item(c, (int)lo, k - 1, item);
}

bool tally_matrix_row_of(const struct tally_cache *c, int policy, int item, size_t *row)
{
	size_t r = 0;
	if (!policy_ok(c, policy) || (item != -1 && !tally_visible_row(c, policy, item, &r)))
		return false;
	*row = heading_row(c, (size_t)policy) + (item == -1 ? 0 : 1 + r);
	return true;
}
