/* plan.c - queries over the plan model (see plan.h). */
#include "config.h"

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

const struct item *plan_find_item(const struct plan *plan, const char *id)
{
	for (size_t p = 0; p < plan->n_policies; p++) {
		const struct policy *pol = &plan->policies[p];
		for (size_t i = 0; i < pol->n_items; i++)
			if (strcmp(pol->items[i].id, id) == 0)
				return &pol->items[i];
	}
	return NULL;
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
	for (size_t p = 0; p < plan->n_policies; p++) {
		const struct policy *pol = &plan->policies[p];
		for (size_t i = 0; i < pol->n_items; i++) {
			const struct item *it = &pol->items[i];
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
}

static void count_policy_year(const struct policy *pol, int year, size_t *counts)
{
	for (size_t i = 0; i < pol->n_items; i++) {
		const struct entry *e = item_entry_for_year(&pol->items[i], year);
		if (e)
			counts[e->status]++;
	}
}

void plan_count_year(const struct plan *plan, const struct policy *policy,
                     int year, size_t *counts)
{
	memset(counts, 0, plan->n_statuses * sizeof *counts);
	if (policy) {
		count_policy_year(policy, year, counts);
		return;
	}
	for (size_t p = 0; p < plan->n_policies; p++)
		count_policy_year(&plan->policies[p], year, counts);
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
