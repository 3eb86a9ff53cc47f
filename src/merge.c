/* merge.c - see merge.h */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"

int conflict_add(struct conflict **list, size_t *n, const struct change *c, const char *theirs)
{
	struct conflict *l = realloc(*list, (*n + 1) * sizeof *l);
	if (!l)
		return ENOMEM;
	*list = l;
	struct conflict *nc = &l[(*n)++];
	nc->item_id = strdup(c->item_id);
	nc->year = c->year;
	nc->field = c->field;
	nc->base = str_dup_nullable(c->base);
	nc->theirs = str_dup_nullable(theirs);
	nc->ours = str_dup_nullable(c->value);
	if (!nc->item_id || (c->base && !nc->base) || (theirs && !nc->theirs) ||
	    (c->value && !nc->ours))
		return ENOMEM;   /* the entry is complete enough to be freed */
	return 0;
}

void conflicts_free(struct conflict *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].item_id);
		free(list[i].base);
		free(list[i].theirs);
		free(list[i].ours);
	}
	free(list);
}

enum merge_decision merge_decide(const struct plan *theirs, const struct change *c,
                                 struct entry **entry, const char **their)
{
	const struct item *ti = plan_find_item(theirs, c->item_id);
	struct entry *te = ti ? item_entry_for_year(ti, c->year) : NULL;
	const char *t = te ? entry_field(theirs, te, c->field) : NULL;
	if (entry)
		*entry = te;
	if (their)
		*their = t;
	if (!te)
		return MERGE_GONE;
	if (str_eq_nullable(t, c->value))
		return MERGE_SAME;
	if (c->field == FIELD_STATUS && (!c->value || plan_status_index(theirs, c->value) < 0))
		return MERGE_NO_STATUS;
	return str_eq_nullable(t, c->base) ? MERGE_APPLY : MERGE_CONFLICT;
}

/* ---- their changes --------------------------------------------------- */

/* The item of `plan` with this id, trying the same place first:
 * plan_find_item on every item would be quadratic on a large plan. */
static const struct item *same_item(const struct plan *plan, size_t p, size_t i,
                                    const char *id)
{
	if (p < plan->n_policies && i < plan->policies[p].n_items &&
	    strcmp(plan->policies[p].items[i].id, id) == 0)
		return &plan->policies[p].items[i];
	return plan_find_item(plan, id);
}

static const struct change *find_change(const struct editor *ed, const char *id, int year,
                                        enum field f)
{
	for (size_t i = 0; i < ed->n_changes; i++) {
		const struct change *c = &ed->changes[i];
		if (c->year == year && c->field == f && strcmp(c->item_id, id) == 0)
			return c;
	}
	return NULL;
}

void field_changes_free(struct field_change *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].item_id);
		free(list[i].before);
		free(list[i].after);
	}
	free(list);
}

static int field_change_add(struct field_change **list, size_t *n, size_t *cap,
                            const char *id, int year, enum field f,
                            const char *before, const char *after)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct field_change *g = realloc(*list, nc * sizeof *g);
		if (!g)
			return ENOMEM;
		*list = g;
		*cap = nc;
	}
	struct field_change *fc = &(*list)[(*n)++];
	fc->item_id = strdup(id);
	fc->year = year;
	fc->field = f;
	fc->before = str_dup_nullable(before);
	fc->after = str_dup_nullable(after);
	if (!fc->item_id || (before && !fc->before) || (after && !fc->after))
		return ENOMEM;
	return 0;
}

/* Their changed fields of one item (oi: ours, NULL when only theirs has it). */
static int item_changes(const struct editor *ed, const struct plan *theirs,
                        const struct item *ti, const struct item *oi,
                        struct field_change **list, size_t *n, size_t *cap, size_t *added)
{
	for (size_t e = 0; e < ti->n_entries; e++) {
		const struct entry *te = &ti->entries[e];
		const struct entry *oe = oi ? item_entry_for_year(oi, te->year) : NULL;
		if (!oe) {
			(*added)++;
			continue;
		}
		for (int f = FIELD_STATUS; f <= FIELD_NOTE; f++) {
			const struct change *c = find_change(ed, ti->id, te->year, (enum field)f);
			const char *before = c ? c->base : entry_field(ed->plan, oe, (enum field)f);
			const char *after = entry_field(theirs, te, (enum field)f);
			if (str_eq_nullable(before, after))
				continue;
			if (!list)
				(*n)++;
			else if (field_change_add(list, n, cap, ti->id, te->year, (enum field)f,
			                          before, after))
				return ENOMEM;
		}
	}
	return 0;
}

int merge_their_changes(const struct editor *ed, const struct plan *theirs,
                        struct field_change **list, size_t *n,
                        size_t *added, size_t *removed)
{
	const struct plan *ours = ed->plan;
	size_t cap = 0;
	*n = *added = *removed = 0;
	if (list)
		*list = NULL;
	for (size_t p = 0; p < theirs->n_policies; p++)
		for (size_t i = 0; i < theirs->policies[p].n_items; i++) {
			const struct item *ti = &theirs->policies[p].items[i];
			if (item_changes(ed, theirs, ti, same_item(ours, p, i, ti->id), list, n, &cap,
			                 added))
				return ENOMEM;
		}
	for (size_t p = 0; p < ours->n_policies; p++)
		for (size_t i = 0; i < ours->policies[p].n_items; i++) {
			const struct item *oi = &ours->policies[p].items[i];
			const struct item *ti = same_item(theirs, p, i, oi->id);
			for (size_t e = 0; e < oi->n_entries; e++)
				if (!ti || !item_entry_for_year(ti, oi->entries[e].year))
					(*removed)++;
		}
	return 0;
}

/* ---- two versions of a file ------------------------------------------ */

static int diff_add(struct change **list, size_t *n, size_t *cap, const char *id, int year,
                    enum field f, const char *from, const char *to)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct change *g = realloc(*list, nc * sizeof *g);
		if (!g)
			return ENOMEM;
		*list = g;
		*cap = nc;
	}
	struct change *c = &(*list)[(*n)++];
	memset(c, 0, sizeof *c);
	c->item_id = strdup(id);
	c->year = year;
	c->field = f;
	c->base = str_dup_nullable(from);
	c->value = str_dup_nullable(to);
	return !c->item_id || (from && !c->base) || (to && !c->value) ? ENOMEM : 0;
}

int merge_field_diff(const struct plan *from, const struct plan *to, struct change **out,
                     size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	PLAN_FOR_EACH_ENTRY(w, to) {
		const struct item *fi = same_item(from, w.policy, w.item, w.it->id);
		const struct entry *fe = fi ? item_entry_for_year(fi, w.e->year) : NULL;
		for (int f = FIELD_STATUS; fe && f <= FIELD_NOTE; f++) {
			const char *a = entry_field(from, fe, (enum field)f);
			const char *b = entry_field(to, w.e, (enum field)f);
			if (!str_eq_nullable(a, b) &&
			    diff_add(out, n, &cap, w.it->id, w.e->year, (enum field)f, a, b)) {
				changes_free(*out, *n);
				*out = NULL;
				*n = 0;
				return ENOMEM;
			}
		}
	}
	return 0;
}

/* ---- settling a conflict --------------------------------------------- */

enum edit_result editor_resolve(struct editor *ed, const struct conflict *c, bool keep_ours)
{
	struct change *ch = editor_find_change(ed, c->item_id, c->year, c->field);
	if (!ch)
		return EDIT_NOT_FOUND;
	size_t at = (size_t)(ch - ed->changes);
	/* Either way the file holds theirs now, so theirs becomes the base:
	 * keeping ours, the next save writes ours over it; taking theirs, the
	 * model shows it and nothing is left pending. */
	char *b = str_dup_nullable(c->theirs);
	if (c->theirs && !b)
		return EDIT_NO_MEMORY;
	if (!keep_ours) {
		enum edit_result r = editor_set(ed, c->item_id, c->year, c->field, c->theirs);
		if (r != EDIT_OK && r != EDIT_UNCHANGED) {
			free(b);
			return r;
		}
		ch = &ed->changes[at];   /* editor_set reused this change */
	}
	free(ch->base);
	ch->base = b;
	free(ch->theirs);
	ch->theirs = NULL;
	ch->unsettled = false;
	return EDIT_OK;
}
