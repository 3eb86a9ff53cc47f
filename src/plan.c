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
