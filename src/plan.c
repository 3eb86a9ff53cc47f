/* plan.c - queries over the plan model (see plan.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "plan.h"

static const char *const review_names[REVIEW_KINDS] = {
	"departments", "content", "years", "effects", "indicators", "schedule",
};

void plan_free(struct plan *plan)
{
	if (!plan)
		return;
	arena_free(plan->arena);
	free(plan->text);
	free(plan);
}

/* ---- the index ----------------------------------------------------------
 *
 * Two chained hash tables over the items' numbers in plan order (g), one
 * keyed by id and one by serial number: head[bucket] is the last item
 * inserted in a bucket, next[g] the one inserted before it, UINT32_MAX
 * ends a chain.  The id table keeps 32 bits of each id's hash (tag[g]), so
 * that a look-up reads an item only when the tags agree.  Arrays rather
 * than a table of slots: they take a third of the memory, and fresh memory
 * is what building costs most.  Ids are unique (the loader checks), and so
 * are serial numbers; should a plan built otherwise repeat one, the first
 * in plan order wins, as a scan would find it. */

#define NONE UINT32_MAX

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

struct plan_index {
	uint32_t *id_head, *id_next, *id_tag;
	uint32_t *serial_head, *serial_next;
	uint32_t *first;          /* per policy its first item's g; [n_policies]: n_items */
	size_t mask;              /* buckets - 1 (a power of two) */
};

static uint64_t hash_id(const char *s)
{
	uint64_t h = 1469598103934665603ull;   /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ^ (h >> 32);
}

static uint64_t hash_serial(int serial)
{
	uint64_t h = (uint64_t)(unsigned)serial * 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 29);
}

/* The item numbered g, and its policy and item indexes. */
static const struct item *item_number(const struct plan *plan, const struct plan_index *ix,
                                      uint32_t g, int *policy, int *item)
{
	size_t lo = 0, hi = plan->n_policies;   /* the last policy whose first item is <= g */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->first[mid] <= g)
			lo = mid;
		else
			hi = mid;
	}
	*policy = (int)lo;
	*item = (int)(g - ix->first[lo]);
	return &plan->policies[lo].items[*item];
}

/* The number of the first item (in plan order) with this id, or NONE. */
static uint32_t id_find(const struct plan *plan, const struct plan_index *ix, const char *id,
                        uint64_t h)
{
	uint32_t found = NONE, tag = (uint32_t)(h >> 32);
	int p, i;
	for (uint32_t g = ix->id_head[h & ix->mask]; g != NONE; g = ix->id_next[g])
		if (ix->id_tag[g] == tag && strcmp(item_number(plan, ix, g, &p, &i)->id, id) == 0)
			found = g;   /* chains run backwards: keep the earliest */
	return found;
}

static uint32_t serial_find(const struct plan *plan, const struct plan_index *ix, int serial)
{
	uint32_t found = NONE;
	int p, i;
	for (uint32_t g = ix->serial_head[hash_serial(serial) & ix->mask]; g != NONE;
	     g = ix->serial_next[g])
		if (item_number(plan, ix, g, &p, &i)->serial == serial)
			found = g;
	return found;
}

static uint32_t *index_array(struct plan *plan, size_t n, bool fill)
{
	uint32_t *a = arena_alloc(plan->arena, (n ? n : 1) * sizeof *a);
	if (a && fill)
		memset(a, 0xFF, n * sizeof *a);   /* NONE */
	return a;
}

int plan_index_build(struct plan *plan)
{
	size_t buckets = 16, n = 0;
	for (size_t p = 0; p < plan->n_policies; p++)
		n += plan->policies[p].n_items;
	while (buckets < n / 2)
		buckets *= 2;
	if (n >= NONE)
		return ENOMEM;
	struct plan_index *ix = arena_alloc(plan->arena, sizeof *ix);
	if (!ix)
		return ENOMEM;
	*ix = (struct plan_index){
		.id_head = index_array(plan, buckets, true), .id_next = index_array(plan, n, false),
		.id_tag = index_array(plan, n, false), .serial_head = index_array(plan, buckets, true),
		.serial_next = index_array(plan, n, false),
		.first = index_array(plan, plan->n_policies + 1, false), .mask = buckets - 1,
	};
	if (!ix->id_head || !ix->id_next || !ix->id_tag || !ix->serial_head || !ix->serial_next ||
	    !ix->first)
		return ENOMEM;
	for (size_t p = 0, g = 0; p <= plan->n_policies; p++) {
		ix->first[p] = (uint32_t)g;
		if (p < plan->n_policies)
			g += plan->policies[p].n_items;
	}
	PLAN_FOR_EACH_ITEM(w, plan) {
		enum { AHEAD = 8 };   /* ids lie far apart in the arena: fetch them early */
		if (w.item + AHEAD < w.pol->n_items)
			PREFETCH(w.pol->items[w.item + AHEAD].id);
		uint32_t g = (uint32_t)w.n;
		uint64_t h = hash_id(w.it->id);
		ix->id_tag[g] = (uint32_t)(h >> 32);
		ix->id_next[g] = ix->id_head[h & ix->mask];
		ix->id_head[h & ix->mask] = g;
		size_t b = hash_serial(w.it->serial) & ix->mask;
		ix->serial_next[g] = w.it->serial > 0 ? ix->serial_head[b] : NONE;
		if (w.it->serial > 0)
			ix->serial_head[b] = g;
	}
	plan->index = ix;
	return 0;
}

bool plan_locate_item(const struct plan *plan, const char *id, int *policy, int *item)
{
	const struct plan_index *ix = plan->index;
	if (ix) {
		uint32_t g = id_find(plan, ix, id, hash_id(id));
		return g != NONE && item_number(plan, ix, g, policy, item);
	}
	PLAN_FOR_EACH_ITEM(w, plan)
		if (strcmp(w.it->id, id) == 0) {
			*policy = (int)w.policy;
			*item = (int)w.item;
			return true;
		}
	return false;
}

bool plan_locate_serial(const struct plan *plan, int serial, int *policy, int *item)
{
	const struct plan_index *ix = plan->index;
	if (serial <= 0)
		return false;
	if (ix) {
		uint32_t g = serial_find(plan, ix, serial);
		return g != NONE && item_number(plan, ix, g, policy, item);
	}
	PLAN_FOR_EACH_ITEM(w, plan)
		if (w.it->serial == serial) {
			*policy = (int)w.policy;
			*item = (int)w.item;
			return true;
		}
	return false;
}

const struct item *plan_find_item(const struct plan *plan, const char *id)
{
	int p, i;
	return plan_locate_item(plan, id, &p, &i) ? &plan->policies[p].items[i] : NULL;
}

const struct item *plan_find_serial(const struct plan *plan, int serial)
{
	int p, i;
	return plan_locate_serial(plan, serial, &p, &i) ? &plan->policies[p].items[i] : NULL;
}

struct entry *item_entry_for_year(const struct item *item, int year)
{
	for (size_t e = 0; e < item->n_entries; e++)
		if (item->entries[e].year == year)
			return &item->entries[e];
	return NULL;
}

int plan_status_index(const struct plan *plan, const char *key)
{
	for (size_t s = 0; s < plan->n_statuses; s++)
		if (plan->statuses[s].key[0] == key[0] && strcmp(plan->statuses[s].key, key) == 0)
			return (int)s;
	return -1;
}

int plan_year_index(const struct plan *plan, int year)
{
	for (size_t y = 0; y < plan->n_years; y++)
		if (plan->years[y] == year)
			return (int)y;
	return -1;
}

int fiscal_year_heisei(int year)
{
	return year >= 1989 && year <= 2018 ? year - 1988 : 0;
}

const char *review_change_name(int bit)
{
	return bit >= 0 && bit < REVIEW_KINDS ? review_names[bit] : NULL;
}

void plan_count(const struct plan *plan, struct plan_counts *out)
{
	memset(out, 0, sizeof *out);
	PLAN_FOR_EACH_ITEM(w, plan) {
		const struct item *it = w.it;
		out->items++;
		out->entries += it->n_entries;
		if (!it->revised)
			continue;
		out->revised++;
		for (int b = 0; b < REVIEW_KINDS; b++)
			if (it->review_changed & (1u << b))
				out->review[b]++;
		if (it->new_indicators)
			out->new_indicators++;
	}
}

void plan_count_year(const struct plan *plan, const struct policy *policy,
                     int year, size_t *counts)
{
	memset(counts, 0, plan->n_statuses * sizeof *counts);
	if (policy) {
		for (size_t i = 0; i < policy->n_items; i++) {
			const struct entry *e = item_entry_for_year(&policy->items[i], year);
			if (e)
				counts[e->status]++;
		}
		return;
	}
	PLAN_FOR_EACH_ITEM(w, plan) {
		const struct entry *e = item_entry_for_year(w.it, year);
		if (e)
			counts[e->status]++;
	}
}

/* ==== the review cycle ================================================== */

int date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return days[month - 1] + (month == 2 && leap);
}

/* n digits at s, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse_iso(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1900 || y > 2200 || d < 1 || d > date_days_in_month(y, m))
		return 0;
	return y * 10000 + m * 100 + d;
}

int fiscal_year_first_day(int year)
{
	return year * 10000 + 401;
}

int fiscal_year_last_day(int year)
{
	return (year + 1) * 10000 + 331;
}

int plan_review_index(const struct plan *plan, int ymd)
{
	size_t lo = 0, hi = plan->n_reviews;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (plan->reviews[mid].ymd < ymd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < plan->n_reviews && plan->reviews[lo].ymd == ymd ? (int)lo : -1;
}

int plan_rating_level_index(const struct plan *plan, const char *key)
{
	for (size_t l = 0; l < plan->n_rating_levels; l++)
		if (strcmp(plan->rating_levels[l].key, key) == 0)
			return (int)l;
	return -1;
}

const struct rating *item_rating_at(const struct item *item, int review)
{
	for (size_t r = 0; r < item->n_ratings; r++)
		if (item->ratings[r].review == review)
			return &item->ratings[r];
	return NULL;
}

static void count_policy_ratings(const struct policy *pol, int review, size_t *counts,
                                 size_t *rated)
{
	for (size_t i = 0; i < pol->n_items; i++) {
		const struct rating *r = item_rating_at(&pol->items[i], review);
		if (r) {
			counts[r->level]++;
			(*rated)++;
		}
	}
}

void plan_count_ratings(const struct plan *plan, const struct policy *policy, int review,
                        size_t *counts, size_t *rated)
{
	memset(counts, 0, plan->n_rating_levels * sizeof *counts);
	*rated = 0;
	if (policy) {
		count_policy_ratings(policy, review, counts, rated);
		return;
	}
	for (size_t p = 0; p < plan->n_policies; p++)
		count_policy_ratings(&plan->policies[p], review, counts, rated);
}

double effects_year_total(const struct effects_year *row)
{
	return row->has_total ? row->total : row->revenue + row->savings;
}
