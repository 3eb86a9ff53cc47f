/* mergefile.c - see mergefile.h */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "markers.h"
#include "merge.h"
#include "mergefile.h"
#include "splice.h"

enum { BASE, OURS, THEIRS, VERSIONS };

/* One version of the file. */
struct version {
	const char *path;
	char *text;
	size_t len;
	struct plan *plan;
	struct change *diff;      /* its values that differ from the base's */
	size_t n_diff;
	bool only_values;         /* it differs from the base only in those values */
};

/* A merge that writes one side's values into the other's text. */
struct fields {
	struct mergefile_result *r;
	const struct plan *into;  /* the text written into */
	bool into_theirs;
	struct change *apply;     /* the values taken (borrowed strings) */
	size_t n_apply;
	char *text;               /* into's text with them */
	size_t len;
	struct plan *result;      /* text, read back */
};

static void why(struct mergefile_result *r, enum mergefile_why w, const struct change *c)
{
	r->why = w;
	if (c) {
		snprintf(r->item_id, sizeof r->item_id, "%s", c->item_id);
		r->year = c->year;
	}
}

static int add_conflict(struct mergefile_result *r, const struct change *c, const char *ours,
                        const char *theirs)
{
	char *o = str_dup_nullable(ours);
	if (ours && !o)
		return ENOMEM;
	int e = conflict_add(&r->conflicts, &r->n_conflicts,
	                     &(struct change){ .item_id = c->item_id, .year = c->year,
	                                       .field = c->field, .base = c->base, .value = o },
	                     theirs);
	free(o);
	return e;
}

/* Each of the other side's changes against into: taken, the same, or a
 * conflict.  False (with r->why) when the merge must go by lines. */
static bool decide_all(struct fields *fx, const struct change *other, size_t n)
{
	struct mergefile_result *r = fx->r;
	for (size_t i = 0; i < n; i++) {
		const struct change *c = &other[i];
		const char *now = NULL;
		int e = 0;
		switch (merge_decide(fx->into, c, NULL, &now)) {
		case MERGE_APPLY:
			fx->apply[fx->n_apply++] = *c;
			break;
		case MERGE_SAME:
			break;
		case MERGE_CONFLICT:
			/* c holds the base and the other side's value; now, into's */
			e = fx->into_theirs ? add_conflict(r, c, c->value, now)
			                    : add_conflict(r, c, now, c->value);
			if (e) {
				why(r, MERGEFILE_WHY_SPLICE, c);
				r->splice.code = SPLICE_NO_MEMORY;
				return false;
			}
			break;
		case MERGE_GONE:
			why(r, MERGEFILE_WHY_GONE, c);
			return false;
		case MERGE_NO_STATUS:
			why(r, MERGEFILE_WHY_NO_STATUS, c);
			return false;
		}
	}
	return true;
}

/* into's text with the values taken, read back and checked. */
static bool write_values(struct fields *fx)
{
	struct mergefile_result *r = fx->r;
	fx->text = splice_changes(fx->into, fx->apply, fx->n_apply, &fx->len, &r->splice);
	if (fx->text) {
		fx->result = plan_load_buffer(fx->text, fx->len, &r->splice.load);
		if (!fx->result)
			r->splice.code = SPLICE_WOULD_NOT_LOAD;
		else if (verify_splice(fx->into, fx->apply, fx->n_apply, fx->result, &r->splice))
			return true;
	}
	why(r, MERGEFILE_WHY_SPLICE, NULL);
	return false;
}

/* The merge by fields: other's changes written into into.  False when it
 * must go by lines instead (r->why). */
static bool by_fields(struct mergefile_result *r, const struct version *into,
                      const struct version *other, bool into_theirs)
{
	struct fields fx = { .r = r, .into = into->plan, .into_theirs = into_theirs };
	bool ok = false;
	fx.apply = calloc(other->n_diff ? other->n_diff : 1, sizeof *fx.apply);
	if (!fx.apply) {
		why(r, MERGEFILE_WHY_SPLICE, NULL);
		r->splice.code = SPLICE_NO_MEMORY;
	} else if (decide_all(&fx, other->diff, other->n_diff) && write_values(&fx)) {
		r->way = into_theirs ? MERGEFILE_INTO_THEIRS : MERGEFILE_INTO_OURS;
		r->taken = fx.n_apply;
		r->loads = true;
		if (!r->n_conflicts) {
			r->text = fx.text;
			r->len = fx.len;
			fx.text = NULL;
			ok = true;
		} else if ((r->lines = calloc(r->n_conflicts, sizeof *r->lines)) &&
		           (r->text = markers_write(fx.result, r->conflicts, r->n_conflicts, &r->len,
		                                    r->lines, &r->splice))) {
			ok = true;
		} else {
			why(r, MERGEFILE_WHY_SPLICE, NULL);
		}
	}
	if (!ok) {
		conflicts_free(r->conflicts, r->n_conflicts);
		r->conflicts = NULL;
		r->n_conflicts = 0;
		free(r->lines);
		r->lines = NULL;
		r->taken = 0;
	}
	free(fx.apply);
	free(fx.text);
	plan_free(fx.result);
	return ok;
}

/* git's line merge of the three files. */
static enum mergefile_status by_lines(struct mergefile_result *r, const struct version *v)
{
	int conflicts = 0;
	struct load_error err;
	r->way = MERGEFILE_LINES;
	r->text = vcs_merge_lines(v[OURS].path, v[BASE].path, v[THEIRS].path, &r->len, &conflicts,
	                          &r->git);
	if (!r->text)
		return MERGEFILE_FAILED;
	r->hunks = (size_t)conflicts;
	struct plan *p = conflicts ? NULL : plan_load_buffer(r->text, r->len, &err);
	r->loads = p != NULL;
	plan_free(p);
	return conflicts ? MERGEFILE_CONFLICTS : MERGEFILE_CLEAN;
}

/* Read and load each version, and its values that differ from the base's.
 * Returns false when a version cannot be read (r->file) or a merge by
 * fields is out (r->why). */
static bool prepare(struct mergefile_result *r, struct version *v, bool *by_fields_ok)
{
	*by_fields_ok = false;
	for (int i = 0; i < VERSIONS; i++) {
		int e = file_read_all(v[i].path, LOAD_MAX_BYTES, &v[i].text, &v[i].len);
		if (e) {
			file_error_set(&r->file, FILE_OP_READ, e, v[i].path);
			return false;
		}
	}
	for (int i = 0; i < VERSIONS; i++)
		if (!(v[i].plan = plan_load_buffer(v[i].text, v[i].len, &r->load))) {
			r->why = MERGEFILE_WHY_NO_LOAD;
			r->side = i;
			return true;
		}
	for (int i = OURS; i < VERSIONS; i++) {
		struct splice_error err;
		size_t len;
		if (merge_field_diff(v[BASE].plan, v[i].plan, &v[i].diff, &v[i].n_diff)) {
			file_error_set(&r->file, FILE_OP_READ, ENOMEM, v[i].path);
			return false;
		}
		char *t = splice_changes(v[BASE].plan, v[i].diff, v[i].n_diff, &len, &err);
		v[i].only_values = t && len == v[i].len && memcmp(t, v[i].text, len) == 0;
		free(t);
	}
	*by_fields_ok = true;
	return true;
}

enum mergefile_status mergefile_run(const char *base, const char *ours, const char *theirs,
                                    struct mergefile_result *r)
{
	struct version v[VERSIONS] = { { .path = base }, { .path = ours }, { .path = theirs } };
	enum mergefile_status st = MERGEFILE_FAILED;
	bool fields;
	memset(r, 0, sizeof *r);
	if (prepare(r, v, &fields)) {
		if (fields && !v[THEIRS].only_values && !v[OURS].only_values)
			why(r, MERGEFILE_WHY_SHAPES, NULL);
		if (fields && v[THEIRS].only_values && by_fields(r, &v[OURS], &v[THEIRS], false))
			st = r->n_conflicts ? MERGEFILE_CONFLICTS : MERGEFILE_CLEAN;
		else if (fields && !v[THEIRS].only_values && v[OURS].only_values &&
		         by_fields(r, &v[THEIRS], &v[OURS], true))
			st = r->n_conflicts ? MERGEFILE_CONFLICTS : MERGEFILE_CLEAN;
		else
			st = by_lines(r, v);
	}
	for (int i = 0; i < VERSIONS; i++) {
		free(v[i].text);
		plan_free(v[i].plan);
		changes_free(v[i].diff, v[i].n_diff);
	}
	return st;
}

void mergefile_result_free(struct mergefile_result *r)
{
	free(r->text);
	conflicts_free(r->conflicts, r->n_conflicts);
	free(r->lines);
	memset(r, 0, sizeof *r);
}
