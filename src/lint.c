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

/* The warnings of item `it` (plan->policies[p].items[i], or a copy of it
 * with other values), appended unsorted. */
static bool lint_as(const struct plan *plan, const struct item *it, int p, int i,
                    struct lint_list *out)
{
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

static bool lint_one(const struct plan *plan, int p, int i, struct lint_list *out)
{
	return lint_as(plan, &plan->policies[p].items[i], p, i, out);
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

/* ---- what a change created -------------------------------------------- */

static bool same_warning(const struct lint_warning *a, const struct lint_warning *b)
{
	return a->code == b->code && a->year == b->year && a->other_year == b->other_year &&
	       a->status == b->status && a->other_status == b->other_status &&
	       a->review == b->review && a->level == b->level;
}

/* A copy of it whose entry of `year` has status `status`. */
static bool with_status(const struct item *it, int year, int status, struct item *copy)
{
	*copy = *it;
	struct entry *e = malloc((it->n_entries ? it->n_entries : 1) * sizeof *e);
	if (!e)
		return false;
	memcpy(e, it->entries, it->n_entries * sizeof *e);
	for (size_t k = 0; k < it->n_entries; k++)
		if (e[k].year == year)
			e[k].status = status;
	copy->entries = e;
	return true;
}

/* A copy of it rated `level` at review `review` (level < 0: not rated). */
static bool with_rating(const struct item *it, int review, int level, struct item *copy)
{
	*copy = *it;
	struct rating *r = calloc(it->n_ratings + 1, sizeof *r);
	size_t n = 0;
	bool found = false;
	if (!r)
		return false;
	for (size_t k = 0; k < it->n_ratings; k++) {
		if (it->ratings[k].review != review) {
			r[n++] = it->ratings[k];
			continue;
		}
		found = true;
		if (level >= 0) {
			r[n] = it->ratings[k];
			r[n++].level = (int16_t)level;
		}
	}
	if (!found && level >= 0) {
		r[n].review = (int16_t)review;
		r[n++].level = (int16_t)level;
	}
	copy->ratings = r;
	copy->n_ratings = n;
	return true;
}

/* The item as it was before the change (malloc'd arrays: free them). */
static bool item_before(const struct plan *plan, const struct item *it, int year,
                        enum field field, const char *before, struct item *copy)
{
	if (field == FIELD_STATUS) {
		int status = before ? plan_status_index(plan, before) : -1;
		return status >= 0 && item_entry_for_year(it, year) &&
		       with_status(it, year, status, copy);
	}
	int review = plan_review_index(plan, year);
	int level = before ? plan_rating_level_index(plan, before) : -1;
	return review >= 0 && (!before || level >= 0) && with_rating(it, review, level, copy);
}

bool lint_change(const struct plan *plan, const char *item_id, int year, enum field field,
                 const char *before, struct lint_list *created)
{
	int p, i;
	if (!plan_locate_item(plan, item_id, &p, &i))
		return false;
	if (field != FIELD_STATUS && field != FIELD_RATING)
		return true;   /* plan texts and notes warn of nothing */
	const struct item *it = &plan->policies[p].items[i];
	struct item was;
	struct lint_list now = { 0 }, then = { 0 };
	if (!item_before(plan, it, year, field, before, &was))
		return false;
	bool ok = lint_item(plan, p, i, &now) && lint_as(plan, &was, p, i, &then);
	for (size_t k = 0; ok && k < now.n; k++) {
		bool old = false;
		for (size_t j = 0; j < then.n && !old; j++)
			old = same_warning(&now.w[k], &then.w[j]);
		struct lint_warning *w = old ? NULL : push(created, now.w[k].code, p, i, 0, 0);
		if (w)
			*w = now.w[k];
		ok = old || w;
	}
	free(field == FIELD_STATUS ? (void *)was.entries : (void *)was.ratings);
	lint_list_free(&now);
	lint_list_free(&then);
	return ok;
}
