/* recovery.c - see recovery.h */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "lock.h"
#include "recovery.h"
#include "tsv.h"
#include "utf8.h"

#define RECOVERY_MAX_BYTES ((size_t)64 << 20)
#define RECOVERY_LOCK_MS 500
#define RECOVERY_HEADER \
	"# plandash recovery: unsaved edits of this plan (item, year, field, old, new)\n"

int recovery_path(const char *path, char *out, size_t size)
{
	return file_sibling(path, ".recover", out, size);
}

/* The plan's real file, its stat (for the side files' checks) and the
 * recovery file beside it. */
struct where {
	char *target;
	struct stat plan;
	char rpath[PATH_MAX];
};

static int locate(const char *path, struct where *w, struct file_error *fe)
{
	memset(w, 0, sizeof *w);
	w->target = file_resolve(path);
	if (!w->target)
		return file_error_set(fe, FILE_OP_READ, ENOMEM, path);
	if (stat(w->target, &w->plan) < 0) {
		/* no plan to take the mode from: as private as can be */
		w->plan.st_uid = geteuid();
		w->plan.st_gid = getegid();
		w->plan.st_mode = S_IFREG | 0600;
	}
	if (snprintf(w->rpath, sizeof w->rpath, "%s.recover", w->target) >= (int)sizeof w->rpath)
		return file_error_set(fe, FILE_OP_READ, ENAMETOOLONG, w->target);
	return 0;
}

/* ---- one line --------------------------------------------------------- */

/* Parse a copy of one data line into *c (malloc'd strings).  Returns 0,
 * -1 with *why when the line is not one we wrote, or ENOMEM. */
static int parse_line(const char *raw, size_t len, struct change *c, enum recovery_problem *why)
{
	memset(c, 0, sizeof *c);
	if (!utf8_valid(raw, len, NULL)) {
		*why = RECOVERY_BAD_UTF8;
		return -1;
	}
	char *line = strndup(raw, len), *f[5];
	if (!line)
		return ENOMEM;
	int field = -1, year = 0;
	*why = RECOVERY_MALFORMED;
	if (tsv_split(line, f, 5) == 5 && !strchr(f[4], '\t')) {
		field = field_parse(f[2]);
		*why = field < 0 ? RECOVERY_BAD_FIELD
		     : field_is_dated((enum field)field) ? RECOVERY_BAD_DATE : RECOVERY_BAD_YEAR;
		year = field >= 0 ? field_year_parse((enum field)field, f[1]) : 0;
		if (!year)
			field = -1;
	}
	const char *id = field >= 0 ? tsv_unescape(f[0]) : NULL;
	if (id && field == FIELD_REVIEW && *id)
		id = NULL;   /* a review date belongs to no item */
	if (field >= 0 && !id)
		*why = RECOVERY_MALFORMED;
	if (!id) {
		free(line);
		return -1;
	}
	const char *old = tsv_unescape(f[3]), *val = tsv_unescape(f[4]);
	c->item_id = strdup(id);
	c->year = year;
	c->field = (enum field)field;
	c->base = str_dup_nullable(old);
	c->value = str_dup_nullable(val);
	free(line);
	if (!c->item_id || (old && !c->base) || (val && !c->value)) {
		change_release(c);
		return ENOMEM;
	}
	return 0;
}

/* Review dates the lines read so far add (a rating at one of them fits). */
struct added_reviews {
	int *dates;
	size_t n;
};

static bool review_added(const struct added_reviews *a, int date)
{
	for (size_t i = 0; a && i < a->n; i++)
		if (a->dates[i] == date)
			return true;
	return false;
}

/* Can plan take change c, a rating, a rating note or a review date? */
static bool fits_dated(const struct plan *plan, const struct added_reviews *added,
                       const struct change *c, enum recovery_problem *why)
{
	int review = plan_review_index(plan, c->year);
	if (c->field == FIELD_REVIEW) {
		*why = RECOVERY_REVIEW_ORDER;
		return !c->value || review >= 0 || !plan->n_reviews ||
		       plan->reviews[plan->n_reviews - 1].ymd < c->year;
	}
	*why = RECOVERY_NO_REVIEW;
	if (review < 0 && !review_added(added, c->year))
		return false;
	*why = RECOVERY_NO_RATING;
	return c->field != FIELD_RATING || !c->value ||
	       plan_rating_level_index(plan, c->value) >= 0;
}

/* Can plan take change c? */
static bool fits(const struct plan *plan, const struct added_reviews *added,
                 const struct change *c, enum recovery_problem *why)
{
	const struct item *it = c->field == FIELD_REVIEW ? NULL : plan_find_item(plan, c->item_id);
	if (c->field != FIELD_REVIEW && !it) {
		*why = RECOVERY_NO_ITEM;
		return false;
	}
	if (field_is_dated(c->field))
		return fits_dated(plan, added, c, why);
	if (!item_entry_for_year(it, c->year)) {
		*why = RECOVERY_NO_YEAR;
		return false;
	}
	if (c->field == FIELD_STATUS && (!c->value || plan_status_index(plan, c->value) < 0)) {
		*why = RECOVERY_NO_STATUS;
		return false;
	}
	if (c->field == FIELD_PLAN && !c->value) {
		*why = RECOVERY_NO_PLAN_TEXT;
		return false;
	}
	return true;
}

/* ---- reading ----------------------------------------------------------- */

void recovery_free(struct recovery *rec)
{
	changes_free(rec->changes, rec->n);
	free(rec->rejects);
	memset(rec, 0, sizeof *rec);
}

/* Calls fn for each data line of text (not comments, not empty):
 * its bytes (without the line end) and 1-based number.  Stops at the
 * first non-zero return, which it returns. */
static int each_line(const char *text, size_t len,
                     int (*fn)(const char *line, size_t n, size_t number, void *arg), void *arg)
{
	size_t number = 0;
	for (size_t at = 0; at < len; ) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		number++;
		int e = text[at] == '#' || n == 0 ? 0 : fn(text + at, n, number, arg);
		if (e)
			return e;
		at += n + 1;
	}
	return 0;
}

struct reading {
	const struct plan *plan;
	struct recovery *rec;
	struct added_reviews added;
};

static int add_reject(struct recovery *rec, size_t number, enum recovery_problem why,
                      const struct change *c)
{
	struct recovery_reject *r = realloc(rec->rejects, (rec->n_rejects + 1) * sizeof *r);
	if (!r)
		return ENOMEM;
	rec->rejects = r;
	r = &r[rec->n_rejects++];
	memset(r, 0, sizeof *r);
	r->line = number;
	r->problem = why;
	if (c && c->item_id) {
		size_t k = 0;
		while (c->item_id[k] && k + utf8_seq_len((unsigned char)c->item_id[k]) < sizeof r->item_id)
			k += utf8_seq_len((unsigned char)c->item_id[k]);
		memcpy(r->item_id, c->item_id, k);
		r->year = c->year;
	}
	return 0;
}

static int read_line(const char *line, size_t n, size_t number, void *arg)
{
	struct reading *rd = arg;
	struct recovery *rec = rd->rec;
	struct change c;
	enum recovery_problem why;
	int e = parse_line(line, n, &c, &why);
	if (e > 0)
		return e;
	if (e < 0)
		return add_reject(rec, number, why, NULL);
	if (rd->plan && !fits(rd->plan, &rd->added, &c, &why)) {
		e = add_reject(rec, number, why, &c);
		change_release(&c);
		return e;
	}
	if (c.field == FIELD_REVIEW && c.value) {
		int *d = realloc(rd->added.dates, (rd->added.n + 1) * sizeof *d);
		if (!d) {
			change_release(&c);
			return ENOMEM;
		}
		rd->added.dates = d;
		d[rd->added.n++] = c.year;
	}
	struct change *l = realloc(rec->changes, (rec->n + 1) * sizeof *l);
	if (!l) {
		change_release(&c);
		return ENOMEM;
	}
	rec->changes = l;
	l[rec->n++] = c;
	return 0;
}

int recovery_read(const char *path, const struct plan *plan, struct recovery *rec,
                  struct file_error *fe)
{
	struct where w;
	char *data = NULL;
	size_t len = 0;
	memset(rec, 0, sizeof *rec);
	int e = locate(path, &w, fe);
	if (!e)
		e = file_side_read(w.rpath, RECOVERY_MAX_BYTES, &w.plan, &data, &len, fe);
	if (!e) {
		struct reading rd = { plan, rec, { NULL, 0 } };
		e = each_line(data, len, read_line, &rd);
		if (e)
			file_error_set(fe, FILE_OP_READ, e, w.rpath);
		free(rd.added.dates);
	}
	free(data);
	free(w.target);
	return e;
}

/* ---- rewriting --------------------------------------------------------- */

/* Rewrite the recovery file keeping the data lines keep() accepts (raw,
 * as they were) and then those extra() writes; remove it when that is
 * nothing.  A missing file with nothing to add stays missing. */
struct rewrite {
	FILE *out;
	size_t kept;
	bool (*keep)(const struct change *c, const void *arg);   /* c NULL: a line we cannot parse */
	const void *arg;
};

static int rewrite_line(const char *line, size_t n, size_t number, void *arg)
{
	struct rewrite *rw = arg;
	struct change c;
	enum recovery_problem why;
	(void)number;
	int e = parse_line(line, n, &c, &why);
	if (e > 0)
		return e;
	bool keep = rw->keep(e == 0 ? &c : NULL, rw->arg);
	if (e == 0)
		change_release(&c);
	if (keep) {
		fwrite(line, 1, n, rw->out);
		fputc('\n', rw->out);
		rw->kept++;
	}
	return 0;
}

/* Apply rw to the file at w (under the caller's lock, if any); `more`
 * lines are written after the kept ones. */
static int rewrite(const struct where *w, struct rewrite *rw, const struct change *more,
                   size_t n_more, struct file_error *fe)
{
	char *old = NULL, *buf = NULL;
	size_t old_len = 0, len = 0;
	int e = file_side_read(w->rpath, RECOVERY_MAX_BYTES, &w->plan, &old, &old_len, fe);
	if (e && e != ENOENT)
		return e;
	bool had = e == 0;
	rw->out = open_memstream(&buf, &len);
	if (!rw->out) {
		free(old);
		return file_error_set(fe, FILE_OP_WRITE, ENOMEM, w->rpath);
	}
	fputs(RECOVERY_HEADER, rw->out);
	e = had ? each_line(old, old_len, rewrite_line, rw) : 0;
	for (size_t i = 0; i < n_more; i++)
		if (change_is_pending(&more[i])) {
			tsv_put_change(rw->out, &more[i]);
			rw->kept++;
		}
	if (fclose(rw->out) != 0 && !e)
		e = ENOMEM;
	if (e)
		file_error_set(fe, FILE_OP_WRITE, e, w->rpath);
	else if (rw->kept)
		e = file_write_atomic(w->rpath, buf, len, &w->plan, fe);
	else if (had)
		e = file_side_remove(w->rpath, fe);
	free(old);
	free(buf);
	return e;
}

/* The save lock for a short while: a save's prune and another session's
 * rescue do not interleave with us.  A hang-up does not wait long for it,
 * since rescuing matters more; without it we go on. */
static void lock_briefly(const struct where *w, struct plan_lock *lock)
{
	if (lock_take(w->target, &w->plan, RECOVERY_LOCK_MS, NULL, NULL, lock, NULL, NULL))
		lock->fd = -1;
}

struct changes_arg {
	const struct change *list;
	size_t n;
	bool pending_only;
	bool match_value;
};

/* Keep a line unless one of the changes is about the same field (and,
 * with match_value, has the same value). */
static bool keep_unless_listed(const struct change *c, const void *arg)
{
	const struct changes_arg *a = arg;
	if (!c)
		return true;   /* not ours to judge: kept */
	for (size_t j = 0; j < a->n; j++) {
		const struct change *o = &a->list[j];
		if ((!a->pending_only || change_is_pending(o)) && o->year == c->year &&
		    o->field == c->field && strcmp(o->item_id, c->item_id) == 0 &&
		    (!a->match_value || str_eq_nullable(o->value, c->value)))
			return false;
	}
	return true;
}

int recovery_store(const char *path, const struct change *changes, size_t n,
                   struct file_error *fe)
{
	struct where w;
	struct plan_lock lock;
	int e = locate(path, &w, fe);
	if (e) {
		free(w.target);
		return e;
	}
	lock_briefly(&w, &lock);
	/* keep what an earlier rescue left (the user may have started without
	 * re-applying it) unless the same field is stored again now */
	struct changes_arg a = { changes, n, true, false };
	struct rewrite rw = { .keep = keep_unless_listed, .arg = &a };
	e = rewrite(&w, &rw, changes, n, fe);
	if (e) {
		/* a recovery file we cannot use (unreadable, a link, a FIFO) is
		 * left alone, and ours goes beside it */
		size_t used = strlen(w.rpath);
		snprintf(w.rpath + used, sizeof w.rpath - used, ".%ld", (long)getpid());
		struct rewrite alone = { .keep = keep_unless_listed, .arg = &a };
		e = rewrite(&w, &alone, changes, n, NULL) ? e : 0;
	}
	if (!e)
		file_error_set(fe, FILE_OP_NONE, 0, w.rpath);
	lock_release(&lock);
	free(w.target);
	return e;
}

int recovery_write(const struct editor *ed, const char *path, struct file_error *fe)
{
	return recovery_store(path, ed->changes, ed->n_changes, fe);
}

/* Keep a line unless the plan holds its value now. */
static bool keep_unsaved(const struct change *c, const void *arg)
{
	const struct plan *plan = arg;
	const char *now;
	if (!c)
		return true;
	return !plan_field_get(plan, c->item_id, c->year, c->field, &now) ||
	       !str_eq_nullable(now, c->value);
}

int recovery_prune(const char *path, const struct plan *plan, struct file_error *fe)
{
	struct where w;
	int e = locate(path, &w, fe);
	if (!e) {
		struct rewrite rw = { .keep = keep_unsaved, .arg = plan };
		e = rewrite(&w, &rw, NULL, 0, fe);
	}
	free(w.target);
	return e == ENOENT ? 0 : e;
}

int recovery_forget(const char *path, const struct change *applied, size_t n,
                    struct file_error *fe)
{
	struct where w;
	struct plan_lock lock;
	int e = locate(path, &w, fe);
	if (!e) {
		lock_briefly(&w, &lock);
		struct changes_arg a = { applied, n, false, true };
		struct rewrite rw = { .keep = keep_unless_listed, .arg = &a };
		e = rewrite(&w, &rw, NULL, 0, fe);
		lock_release(&lock);
	}
	free(w.target);
	return e == ENOENT ? 0 : e;
}

int recovery_discard(const char *path, struct file_error *fe)
{
	struct where w;
	int e = locate(path, &w, fe);
	if (!e)
		e = file_side_remove(w.rpath, fe);
	free(w.target);
	return e;
}
