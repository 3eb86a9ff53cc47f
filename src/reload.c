/* reload.c - see reload.h */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "describe.h"
#include "fileio.h"
#include "i18n.h"
#include "load.h"
#include "reload.h"
#include "utf8.h"

void reload_report_free(struct reload_report *r)
{
	for (size_t i = 0; i < r->n_changes; i++) {
		free(r->changes[i].item_id);
		free(r->changes[i].before);
		free(r->changes[i].after);
	}
	free(r->changes);
	for (size_t i = 0; i < r->n_conflicts; i++) {
		free(r->conflicts[i].item_id);
		free(r->conflicts[i].base);
		free(r->conflicts[i].theirs);
		free(r->conflicts[i].ours);
	}
	free(r->conflicts);
	changes_free(r->lost, r->n_lost);
	memset(r, 0, sizeof *r);
}


/* Drop an incomplete UTF-8 sequence at the end of s (after a truncation). */
static void trim_partial_char(char *s)
{
	utf8_trim(s);
}

/* At most max bytes of s, whole characters, with "..." when cut. */
static void shorten(const char *s, size_t max, char *out, size_t size)
{
	if (!s) {
		snprintf(out, size, "(none)");
		return;
	}
	if (strlen(s) <= max) {
		snprintf(out, size, "%s", s);
		return;
	}
	size_t n = 0;
	while (s[n]) {
		size_t l = utf8_seq_len((unsigned char)s[n]);
		if (n + l > max)
			break;
		n += l;
	}
	snprintf(out, size, "%.*s...", (int)n, s);
}

int field_change_format(const struct field_change *c, char *buf, size_t size)
{
	char before[64], after[64];
	shorten(c->before, 40, before, sizeof before);
	shorten(c->after, 40, after, sizeof after);
	int n = snprintf(buf, size, _("%s %d %s: %s -> %s"), c->item_id, c->year,
	                 field_name(c->field), before, after);
	if (size)
		trim_partial_char(buf);
	return n;
}

/* The item of `plan` with other's id, trying the same place first. */
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

/* Their changes: theirs against what we loaded (our model with our edits
 * taken back out). */
static bool diff_base(const struct editor *ed, const struct plan *theirs,
                      struct reload_report *r)
{
	const struct plan *ours = ed->plan;
	size_t cap = 0;
	for (size_t p = 0; p < theirs->n_policies; p++)
		for (size_t i = 0; i < theirs->policies[p].n_items; i++) {
			const struct item *ti = &theirs->policies[p].items[i];
			const struct item *oi = same_item(ours, p, i, ti->id);
			for (size_t e = 0; e < ti->n_entries; e++) {
				const struct entry *te = &ti->entries[e];
				const struct entry *oe = oi ? item_entry_for_year(oi, te->year) : NULL;
				if (!oe) {
					r->entries_added++;
					continue;
				}
				for (int f = FIELD_STATUS; f <= FIELD_NOTE; f++) {
					const struct change *c = find_change(ed, ti->id, te->year, (enum field)f);
					const char *before = c ? c->base : entry_field(ours, oe, (enum field)f);
					const char *after = entry_field(theirs, te, (enum field)f);
					if (str_eq_nullable(before, after))
						continue;
					if (r->n_changes == cap) {
						size_t nc = cap ? cap * 2 : 16;
						struct field_change *g = realloc(r->changes, nc * sizeof *g);
						if (!g)
							return false;
						r->changes = g;
						cap = nc;
					}
					struct field_change *fc = &r->changes[r->n_changes];
					fc->item_id = strdup(ti->id);
					fc->year = te->year;
					fc->field = (enum field)f;
					fc->before = str_dup_nullable(before);
					fc->after = str_dup_nullable(after);
					r->n_changes++;
					if (!fc->item_id || (before && !fc->before) || (after && !fc->after))
						return false;
				}
			}
		}
	for (size_t p = 0; p < ours->n_policies; p++)
		for (size_t i = 0; i < ours->policies[p].n_items; i++) {
			const struct item *oi = &ours->policies[p].items[i];
			const struct item *ti = same_item(theirs, p, i, oi->id);
			for (size_t e = 0; e < oi->n_entries; e++)
				if (!ti || !item_entry_for_year(ti, oi->entries[e].year))
					r->entries_removed++;
		}
	return true;
}

/* Write value into a model that is not (yet) the editor's. */
static bool set_in_model(struct plan *plan, struct entry *e, enum field f, const char *value)
{
	if (f == FIELD_STATUS) {
		int s = value ? plan_status_index(plan, value) : -1;
		if (s < 0)
			return false;
		e->status = s;
		return true;
	}
	const char *copy = NULL;
	if (value && !(copy = arena_strndup(plan->arena, value, strlen(value))))
		return false;
	if (f == FIELD_PLAN) {
		if (!copy)
			return false;
		e->plan = copy;
	} else {
		e->note = copy;
	}
	return true;
}

enum action { FORGET, KEEP, DROP, CONFLICT, LOSE };

static void append(char *buf, size_t size, const char *text)
{
	size_t used = strlen(buf);
	if (used + 1 < size)
		snprintf(buf + used, size - used, "%s", text);
}

static void compose_message(struct reload_report *r)
{
	char *m = r->message, part[200], line[160];
	size_t size = sizeof r->message;
	m[0] = '\0';
	if (r->n_changes) {
		snprintf(part, sizeof part, "another session changed %zu field%s: ", r->n_changes,
		         r->n_changes == 1 ? "" : "s");
		append(m, size, part);
		for (size_t i = 0; i < r->n_changes && i < 2; i++) {
			field_change_format(&r->changes[i], line, sizeof line);
			append(m, size, i ? "; " : "");
			append(m, size, line);
		}
		if (r->n_changes > 2) {
			snprintf(part, sizeof part, "; and %zu more", r->n_changes - 2);
			append(m, size, part);
		}
	} else {
		append(m, size, "the file changed on disk (no status, plan or note changed)");
	}
	if (r->entries_added || r->entries_removed) {
		snprintf(part, sizeof part, "; %zu entr%s added, %zu removed", r->entries_added,
		         r->entries_added == 1 ? "y" : "ies", r->entries_removed);
		append(m, size, part);
	}
	if (r->n_conflicts) {
		snprintf(part, sizeof part, "; %zu of your edits conflict%s (yours kept): ",
		         r->n_conflicts, r->n_conflicts == 1 ? "s" : "");
		append(m, size, part);
		const struct conflict *c = &r->conflicts[0];
		struct field_change fc = { c->item_id, c->year, c->field, c->theirs, c->ours };
		field_change_format(&fc, line, sizeof line);
		append(m, size, line);
		if (r->n_conflicts > 1)
			append(m, size, "; ...");
	}
	if (r->n_lost) {
		snprintf(part, sizeof part, "; %zu of your edits were lost: their entries are gone",
		         r->n_lost);
		append(m, size, part);
	}
	if (r->kept) {
		snprintf(part, sizeof part, "; your %zu unsaved edit%s kept", r->kept,
		         r->kept == 1 ? " is" : "s are");
		append(m, size, part);
	}
	trim_partial_char(m);
}

static enum reload_status merge(struct editor *ed, struct plan *theirs, struct reload_report *r)
{
	size_t n = ed->n_changes;
	enum action *act = calloc(n ? n : 1, sizeof *act);
	char **newbase = calloc(n ? n : 1, sizeof *newbase);
	r->lost = calloc(n ? n : 1, sizeof *r->lost);
	if (!act || !newbase || !r->lost || !diff_base(ed, theirs, r))
		goto nomem;

	/* Decide each edit and apply ours to their model (not the editor's yet). */
	for (size_t i = 0; i < n; i++) {
		const struct change *c = &ed->changes[i];
		if (!change_is_pending(c)) {
			act[i] = FORGET;
			continue;
		}
		const struct item *ti = plan_find_item(theirs, c->item_id);
		struct entry *te = ti ? item_entry_for_year(ti, c->year) : NULL;
		if (!te) {
			act[i] = LOSE;
			continue;
		}
		const char *t = entry_field(theirs, te, c->field);
		if (str_eq_nullable(t, c->value)) {
			act[i] = DROP;
			continue;
		}
		if (c->field == FIELD_STATUS && plan_status_index(theirs, c->value) < 0) {
			act[i] = LOSE;   /* the file's vocabulary no longer has our status */
			continue;
		}
		act[i] = KEEP;
		if (!str_eq_nullable(t, c->base)) {
			act[i] = CONFLICT;
			newbase[i] = str_dup_nullable(t);   /* becomes the change's theirs */
			if (t && !newbase[i])
				goto nomem;
			if (conflict_add(&r->conflicts, &r->n_conflicts, c, t))
				goto nomem;
		}
		if (!set_in_model(theirs, te, c->field, c->value))
			goto nomem;
	}

	/* Commit: nothing below can fail. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		struct change *c = &ed->changes[i];
		switch (act[i]) {
		case KEEP:
		case CONFLICT:
			if (act[i] == CONFLICT) {
				/* unsettled until the user chooses: the next save asks */
				free(c->theirs);
				c->theirs = newbase[i];
				c->unsettled = true;
				newbase[i] = NULL;
			} else {
				/* the file is back at our base: an earlier conflict is over */
				free(c->theirs);
				c->theirs = NULL;
				c->unsettled = false;
			}
			r->kept++;
			ed->changes[k++] = *c;
			break;
		case LOSE:
			r->lost[r->n_lost++] = *c;
			break;
		case DROP:
			r->dropped++;
			/* fall through */
		case FORGET:
			change_release(c);
			break;
		}
	}
	ed->n_changes = k;
	editor_replace_plan(ed, theirs);
	free(act);
	free(newbase);
	compose_message(r);
	return RELOAD_OK;

nomem:
	for (size_t i = 0; newbase && i < n; i++)
		free(newbase[i]);
	free(newbase);
	free(act);
	plan_free(theirs);
	reload_report_free(r);
	snprintf(r->message, sizeof r->message, "%s", _("out of memory while reloading; "
	         "showing the plan as loaded before"));
	return RELOAD_FAILED;
}

enum reload_status editor_reload_plan(struct editor *ed, struct plan *theirs,
                                      struct reload_report *r)
{
	memset(r, 0, sizeof *r);
	if (theirs->text_len == ed->plan->text_len &&
	    memcmp(theirs->text, ed->plan->text, theirs->text_len) == 0) {
		plan_free(theirs);
		snprintf(r->message, sizeof r->message, "%s", _("the file is unchanged"));
		return RELOAD_UNCHANGED;
	}
	return merge(ed, theirs, r);
}

enum reload_status editor_reload(struct editor *ed, const char *path, struct reload_report *r)
{
	memset(r, 0, sizeof *r);
	char *data;
	size_t len;
	int e = file_read_all(path, LOAD_MAX_BYTES, &data, &len);
	if (e) {
		snprintf(r->message, sizeof r->message, _("cannot read %s: %s; showing the plan as "
		         "loaded before"), path, strerror(e));
		trim_partial_char(r->message);
		return RELOAD_FAILED;
	}
	if (len == ed->plan->text_len && memcmp(data, ed->plan->text, len) == 0) {
		free(data);
		snprintf(r->message, sizeof r->message, "%s", _("the file is unchanged"));
		return RELOAD_UNCHANGED;
	}
	struct load_error lerr;
	struct plan *theirs = plan_load_buffer(data, len, &lerr);
	free(data);
	if (!theirs) {
		char where[400];
		load_error_format(&lerr, path, where, sizeof where);
		snprintf(r->message, sizeof r->message, _("%s changed on disk but does not load (%s); "
		         "showing the plan as loaded before"), path, where);
		trim_partial_char(r->message);
		return RELOAD_FAILED;
	}
	return merge(ed, theirs, r);
}
