/* lint.c - consistency warnings (see lint.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lint.h"

static struct lint_warning *push(struct lint_list *out, enum lint_code code, int policy,
                                 int item, uint32_t line, uint32_t col)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		struct lint_warning *w = realloc(out->w, cap * sizeof *w);
		if (!w)
			return NULL;
		out->w = w;
		out->cap = cap;
	}
	struct lint_warning *w = &out->w[out->n++];
	*w = (struct lint_warning){
		.code = code, .line = line, .col = col, .policy = policy, .item = item,
		.status = -1, .other_status = -1, .review = -1, .level = -1,
	};
	return w;
}

static bool is_final(const struct plan *plan, const struct entry *e)
{
	return plan->statuses[e->status].final;
}

/* (a) and (b): the yearly entries. */
static bool lint_entries(const struct plan *plan, const struct item *it, int p, int i,
                         struct lint_list *out)
{
	for (size_t k = 0; k < it->n_entries; k++) {
		const struct entry *e = &it->entries[k];
		if (!is_final(plan, e))
			continue;
		const struct entry *open = NULL;   /* the latest earlier entry not final */
		for (size_t j = 0; j < it->n_entries; j++) {
			const struct entry *x = &it->entries[j];
			if (x->year < e->year && !is_final(plan, x) && (!open || x->year > open->year))
				open = x;
		}
		const struct span *sp = &e->status_span;
		struct lint_warning *w;
		if (open) {
			if (!(w = push(out, LINT_FINAL_AFTER_OPEN, p, i, sp->line, sp->col)))
				return false;
			w->year = e->year;
			w->status = e->status;
			w->other_year = open->year;
			w->other_status = open->status;
		}
		if (e->year > plan->current_year) {
			if (!(w = push(out, LINT_FINAL_AHEAD, p, i, sp->line, sp->col)))
				return false;
			w->year = e->year;
			w->status = e->status;
			w->other_year = plan->current_year;
		}
	}
	return true;
}

/* (c) for one rating: the warning it deserves, if any. */
static bool lint_rating(const struct plan *plan, const struct item *it, const struct rating *r,
                        int p, int i, struct lint_list *out)
{
	int date = plan->reviews[r->review].ymd;
	bool late_rating = plan->rating_levels[r->level].late;
	const struct entry *late = NULL;   /* the latest late entry of a year ended before */
	int first = 0, last = 0;           /* years begun by the date, if all final */
	bool all_final = true;
	for (size_t k = 0; k < it->n_entries; k++) {
		const struct entry *e = &it->entries[k];
		if (fiscal_year_last_day(e->year) < date && plan->statuses[e->status].late &&
		    (!late || e->year > late->year))
			late = e;
		if (fiscal_year_first_day(e->year) <= date) {
			all_final &= is_final(plan, e);
			first = first && first < e->year ? first : e->year;
			last = last > e->year ? last : e->year;
		}
	}
	const struct span *sp = &r->level_span;
	struct lint_warning *w = NULL;
	if (!late_rating && late) {
		if (!(w = push(out, LINT_GOOD_WHILE_LATE, p, i, sp->line, sp->col)))
			return false;
		w->year = late->year;
		w->status = late->status;
	} else if (late_rating && first && all_final) {
		if (!(w = push(out, LINT_LATE_WHILE_FINAL, p, i, sp->line, sp->col)))
			return false;
		w->year = last;
		w->other_year = first;
	}
	if (w) {
		w->review = r->review;
		w->level = r->level;
	}
	return true;
}

/* (d): the revised years (after review_year) that have no entry. */
static bool lint_revised(const struct plan *plan, const struct item *it, int p, int i,
                         struct lint_list *out)
{
	if (!(it->review_changed & REVIEW_SCHEDULE))
		return true;
	uint32_t line = it->schedule_change_line ? it->schedule_change_line : it->line;
	uint32_t col = it->schedule_change_line ? it->schedule_change_col : 1;
	for (size_t y = 0; y < plan->n_years; y++) {
		int year = plan->years[y];
		if (year <= plan->review_year || item_entry_for_year(it, year))
			continue;
		struct lint_warning *w = push(out, LINT_REVISED_NO_ENTRY, p, i, line, col);
		if (!w)
			return false;
		w->year = year;
	}
	return true;
}

static int by_position(const void *a, const void *b)
{
	const struct lint_warning *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (int)x->code - (int)y->code;
}

/* One item's warnings, appended unsorted. */
static bool lint_one(const struct plan *plan, int p, int i, struct lint_list *out)
{
	const struct item *it = &plan->policies[p].items[i];
	if (!lint_entries(plan, it, p, i, out) || !lint_revised(plan, it, p, i, out))
		return false;
	bool any_late = false;   /* without a late entry, only late ratings can warn */
	for (size_t k = 0; k < it->n_entries; k++)
		any_late |= plan->statuses[it->entries[k].status].late;
	for (size_t k = 0; k < it->n_ratings; k++) {
		const struct rating *r = &it->ratings[k];
		if ((any_late || plan->rating_levels[r->level].late) &&
		    !lint_rating(plan, it, r, p, i, out))
			return false;
	}
	return true;
}

bool lint_item(const struct plan *plan, int policy, int item, struct lint_list *out)
{
	size_t from = out->n;
	bool ok = lint_one(plan, policy, item, out);
	if (out->n > from)
		qsort(out->w + from, out->n - from, sizeof *out->w, by_position);
	return ok;
}

bool lint_plan(const struct plan *plan, struct lint_list *out)
{
	size_t from = out->n;
	bool ok = true;
	for (size_t p = 0; ok && p < plan->n_policies; p++)
		for (size_t i = 0; ok && i < plan->policies[p].n_items; i++)
			ok = lint_one(plan, (int)p, (int)i, out);
	if (out->n > from)
		qsort(out->w + from, out->n - from, sizeof *out->w, by_position);
	return ok;
}

void lint_list_free(struct lint_list *list)
{
	free(list->w);
	list->w = NULL;
	list->n = list->cap = 0;
}
