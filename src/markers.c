/* markers.c - see markers.h */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markers.h"

/* ---- writing ---------------------------------------------------------- */

enum { OURS, BASE, THEIRS, SIDES };

/* One side's edit of one field: [start, end) becomes text (NULL: the
 * field's bytes stay as they are). */
struct piece {
	size_t start, end;
	char *text;
};

/* The lines one conflict needs, and the edit of each side. */
struct spot {
	size_t ls, le;            /* the lines: [ls, le) */
	struct piece side[SIDES];
	size_t conflict;          /* its index in the caller's list */
};

static size_t line_start(const char *t, size_t p)
{
	while (p > 0 && t[p - 1] != '\n')
		p--;
	return p;
}

static size_t line_after(const char *t, size_t len, size_t p)
{
	const char *nl = p < len ? memchr(t + p, '\n', len - p) : NULL;
	return nl ? (size_t)(nl - t) + 1 : len;
}

static const char *side_value(const struct conflict *c, int side)
{
	return side == OURS ? c->ours : side == BASE ? c->base : c->theirs;
}

static const struct span *span_of(const struct entry *e, enum field f)
{
	return f == FIELD_STATUS ? &e->status_span : f == FIELD_PLAN ? &e->plan_span
	                                                           : &e->note_span;
}

/* The lines and the edits of conflict c (index i). */
static bool spot_make(const struct plan *plan, const struct conflict *c, size_t i,
                      struct spot *sp, struct splice_error *err)
{
	const struct item *it = plan_find_item(plan, c->item_id);
	const struct entry *e = it ? item_entry_for_year(it, c->year) : NULL;
	memset(sp, 0, sizeof *sp);
	sp->conflict = i;
	if (!e) {
		splice_error_entry(err, &(struct change){ .item_id = c->item_id, .year = c->year,
		                                          .field = c->field });
		err->code = SPLICE_NOT_IN_FILE;
		return false;
	}
	const char *now = entry_field(plan, e, c->field);
	const struct span *span = span_of(e, c->field);
	size_t lo = span->start, hi = span->end;
	for (int s = 0; s < SIDES; s++) {
		struct piece *p = &sp->side[s];
		if (str_eq_nullable(side_value(c, s), now))
			continue;
		p->text = splice_field_edit(plan, it, e, c->field, side_value(c, s), &p->start,
		                            &p->end, err);
		if (!p->text)
			return false;
		lo = p->start < lo ? p->start : lo;
		hi = p->end > hi ? p->end : hi;
	}
	sp->ls = line_start(plan->text, lo);
	if (hi == sp->ls)
		sp->le = sp->ls;              /* only a line inserted at a line start */
	else if (plan->text[hi - 1] == '\n')
		sp->le = hi;
	else
		sp->le = line_after(plan->text, plan->text_len, hi);
	return true;
}

static int spot_cmp(const void *a, const void *b)
{
	const struct spot *x = a, *y = b;
	if (x->ls != y->ls)
		return x->ls < y->ls ? -1 : 1;
	return x->conflict < y->conflict ? -1 : x->conflict > y->conflict;
}

static int piece_cmp(const void *a, const void *b)
{
	const struct piece *x = *(const struct piece *const *)a, *y = *(const struct piece *const *)b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* One side of the hunk made of spots [from, to): the lines [ls, le) with
 * that side's edits (malloc'd, *n bytes; NULL when out of memory). */
static char *side_text(const struct plan *plan, const struct spot *sp, size_t from, size_t to,
                       size_t ls, size_t le, int side, size_t *n)
{
	const struct piece **list = calloc(to - from, sizeof *list);
	char *buf = NULL;
	size_t k = 0, at = ls;
	FILE *f = list ? open_memstream(&buf, n) : NULL;
	if (!f) {
		free(list);
		return NULL;
	}
	for (size_t i = from; i < to; i++)
		if (sp[i].side[side].text)
			list[k++] = &sp[i].side[side];
	qsort(list, k, sizeof list[0], piece_cmp);
	for (size_t i = 0; i < k; i++) {
		if (list[i]->start < at)
			continue;   /* edits of different fields never overlap */
		fwrite(plan->text + at, 1, list[i]->start - at, f);
		fputs(list[i]->text, f);
		at = list[i]->end;
	}
	fwrite(plan->text + at, 1, le - at, f);
	free(list);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static unsigned count_lines(const char *s, size_t n)
{
	unsigned k = 0;
	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
		k++;
	return k;
}

/* One hunk (spots [from, to) on the lines [ls, le)) into f; returns the
 * number of lines written, or 0 when out of memory. */
static unsigned put_hunk(FILE *f, const struct plan *plan, const struct spot *sp, size_t from,
                         size_t to, size_t ls, size_t le)
{
	static const char *const label[SIDES] = { "<<<<<<< ours", "||||||| base", "=======" };
	const char *eol = plan->crlf ? "\r\n" : "\n";
	unsigned lines = 4;
	for (int s = 0; s < SIDES; s++) {
		size_t n;
		char *t = side_text(plan, sp, from, to, ls, le, s, &n);
		if (!t)
			return 0;
		fprintf(f, "%s%s", label[s], eol);
		fwrite(t, 1, n, f);
		lines += count_lines(t, n);
		if (n && t[n - 1] != '\n') {
			fputs(eol, f);   /* the last line of the file had no line end */
			lines++;
		}
		free(t);
	}
	fprintf(f, ">>>>>>> theirs%s", eol);
	return lines;
}

/* The text with each group of spots on the same lines between markers. */
static char *assemble(const struct plan *plan, const struct spot *sp, size_t n, size_t *len,
                      unsigned *lines)
{
	char *buf = NULL;
	size_t size = 0, at = 0;
	unsigned line = 1, wrote = 1;
	FILE *f = open_memstream(&buf, &size);
	if (!f)
		return NULL;
	for (size_t i = 0; i < n && wrote; ) {
		size_t j = i + 1, ls = sp[i].ls, le = sp[i].le;
		while (j < n && (sp[j].ls < le || sp[j].ls == ls)) {
			le = sp[j].le > le ? sp[j].le : le;
			j++;
		}
		fwrite(plan->text + at, 1, ls - at, f);
		line += count_lines(plan->text + at, ls - at);
		for (size_t k = i; k < j && lines; k++)
			lines[sp[k].conflict] = line;
		line += wrote = put_hunk(f, plan, sp, i, j, ls, le);
		at = le;
		i = j;
	}
	fwrite(plan->text + at, 1, plan->text_len - at, f);
	if (fclose(f) != 0 || !wrote) {
		free(buf);
		return NULL;
	}
	*len = size;
	return buf;
}

char *markers_write(const struct plan *plan, const struct conflict *c, size_t n, size_t *len,
                    unsigned *lines, struct splice_error *err)
{
	struct spot *sp = calloc(n ? n : 1, sizeof *sp);
	size_t made = 0;
	char *out = NULL;
	memset(err, 0, sizeof *err);
	if (!sp) {
		err->code = SPLICE_NO_MEMORY;
		return NULL;
	}
	while (made < n && spot_make(plan, &c[made], made, &sp[made], err))
		made++;
	if (made == n) {
		qsort(sp, n, sizeof *sp, spot_cmp);
		out = assemble(plan, sp, n, len, lines);
		if (!out)
			err->code = SPLICE_NO_MEMORY;
	}
	for (size_t i = 0; i < n && i <= made; i++)
		for (int s = 0; s < SIDES; s++)
			free(sp[i].side[s].text);
	free(sp);
	return out;
}

/* ---- reading ---------------------------------------------------------- */

/* The marker a line starts with: '<', '|', '=', '>' or 0 for none.  n is
 * the line's length without its line end. */
static char marker_of(const char *l, size_t n)
{
	char c = n ? l[0] : 0;
	if (n < MARKER_SIZE || (c != '<' && c != '|' && c != '=' && c != '>'))
		return 0;
	for (size_t i = 1; i < MARKER_SIZE; i++)
		if (l[i] != c)
			return 0;
	if (n > MARKER_SIZE && l[n - 1] == '\r')
		n--;
	if (n == MARKER_SIZE)
		return c;
	return c != '=' && l[MARKER_SIZE] == ' ' ? c : 0;
}

bool markers_present(const char *text, size_t len)
{
	for (size_t at = 0;;) {
		const char *nl = memchr(text + at, '\n', len - at);
		if (marker_of(text + at, (nl ? (size_t)(nl - text) : len) - at) == '<')
			return true;
		const char *next = memmem(text + at, len - at, "\n<<<<<<<", 8);
		if (!next)
			return false;
		at = (size_t)(next - text) + 1;
	}
}

/* Where the parts of a hunk begin, as the lines go by. */
enum part { OUTSIDE, IN_OURS, IN_BASE, IN_THEIRS };

static bool hunk_add(struct marker_hunk **list, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct marker_hunk *g = realloc(*list, nc * sizeof *g);
		if (!g)
			return false;
		*list = g;
		*cap = nc;
	}
	memset(&(*list)[(*n)++], 0, sizeof **list);
	return true;
}

/* One marker line (kind m, bytes [at, next), line number line) moves the
 * hunk h along; false when it is out of order. */
static bool take_marker(struct marker_hunk *h, enum part *part, char m, size_t at, size_t next,
                        unsigned line)
{
	switch (m) {
	case '|':
		if (*part != IN_OURS)
			return false;
		h->ours[1] = at;
		h->base[0] = next;
		h->has_base = true;
		*part = IN_BASE;
		return true;
	case '=':
		if (*part != IN_OURS && *part != IN_BASE)
			return false;
		(*part == IN_OURS ? h->ours : h->base)[1] = at;
		h->theirs[0] = next;
		*part = IN_THEIRS;
		return true;
	case '>':
		if (*part != IN_THEIRS)
			return false;
		h->theirs[1] = at;
		h->end = next;
		h->last_line = line;
		*part = OUTSIDE;
		return true;
	default:
		return false;
	}
}

/* Every hunk of fix->text into fix->hunks. */
static enum markers_status find_hunks(struct markers_fix *fix)
{
	const char *t = fix->text;
	size_t cap = 0;
	unsigned line = 0;
	enum part part = OUTSIDE;
	struct marker_hunk *h = NULL;
	for (size_t at = 0; at < fix->len; ) {
		const char *nl = memchr(t + at, '\n', fix->len - at);
		size_t next = nl ? (size_t)(nl - t) + 1 : fix->len;
		char m = marker_of(t + at, (nl ? (size_t)(nl - t) : fix->len) - at);
		line++;
		if (m == '<' && part == OUTSIDE) {
			if (!hunk_add(&fix->hunks, &fix->n_hunks, &cap))
				return MARKERS_NO_MEMORY;
			h = &fix->hunks[fix->n_hunks - 1];
			h->start = at;
			h->line = line;
			h->ours[0] = next;
			part = IN_OURS;
		} else if (m && part != OUTSIDE && !take_marker(h, &part, m, at, next, line)) {
			fix->line = line;
			fix->n_hunks--;   /* only whole hunks are listed */
			return MARKERS_UNFINISHED;
		}
		at = next;
	}
	if (part != OUTSIDE) {
		fix->line = h->line;
		fix->n_hunks--;
		return MARKERS_UNFINISHED;
	}
	return MARKERS_OK;
}

/* The text with one side of every hunk (OURS, BASE: ours where a hunk has
 * none, THEIRS); with at (for OURS), where each hunk's part begins and
 * ends in the result. */
static char *side_of_all(const struct markers_fix *fix, int side, size_t *len, size_t (*at)[2])
{
	char *buf = NULL;
	size_t size = 0, from = 0;
	FILE *f = open_memstream(&buf, &size);
	if (!f)
		return NULL;
	for (size_t i = 0; i < fix->n_hunks; i++) {
		const struct marker_hunk *h = &fix->hunks[i];
		const size_t *part = side == THEIRS ? h->theirs : side == BASE && h->has_base ? h->base
		                                                                           : h->ours;
		fwrite(fix->text + from, 1, h->start - from, f);
		if (at) {
			fflush(f);
			at[i][0] = size;
		}
		fwrite(fix->text + part[0], 1, part[1] - part[0], f);
		if (at) {
			fflush(f);
			at[i][1] = size;
		}
		from = h->end;
	}
	fwrite(fix->text + from, 1, fix->len - from, f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	*len = size;
	return buf;
}

/* ---- choosing --------------------------------------------------------- */

/* The hunk whose ours part (at: in the ours text) holds offset pos. */
static size_t hunk_at(const struct markers_fix *fix, size_t (*at)[2], size_t pos)
{
	for (size_t i = 0; i < fix->n_hunks; i++)
		if (at[i][0] <= pos && pos <= at[i][1])
			return i;
	return fix->n_hunks;
}

/* The conflicts: every field ours and theirs differ in (diff), with the
 * base side's value, its hunk's line and a suggestion. */
static bool make_conflicts(struct markers_fix *fix, const struct plan *base,
                           const struct change *diff, size_t n, size_t (*at)[2])
{
	fix->conflicts = calloc(n ? n : 1, sizeof *fix->conflicts);
	fix->lines = calloc(n ? n : 1, sizeof *fix->lines);
	fix->suggest = calloc(n ? n : 1, 1);
	if (!fix->conflicts || !fix->lines || !fix->suggest)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct change *d = &diff[i];
		const struct item *oi = plan_find_item(fix->ours, d->item_id);
		const struct entry *oe = item_entry_for_year(oi, d->year);
		size_t h = hunk_at(fix, at, span_of(oe, d->field)->start);
		bool has_base = h < fix->n_hunks && fix->hunks[h].has_base;
		const struct item *bi = plan_find_item(base, d->item_id);
		const struct entry *be = bi ? item_entry_for_year(bi, d->year) : NULL;
		const char *b = be && has_base ? entry_field(base, be, d->field) : d->base;
		char *bc = str_dup_nullable(b);
		/* the change holds ours as base and theirs as value */
		int e = b && !bc ? ENOMEM
		      : conflict_add(&fix->conflicts, &fix->n_conflicts,
		                     &(struct change){ .item_id = d->item_id, .year = d->year,
		                                       .field = d->field, .base = bc,
		                                       .value = d->base }, d->value);
		free(bc);
		if (e)
			return false;
		fix->lines[i] = h < fix->n_hunks ? fix->hunks[h].line : 0;
		fix->suggest[i] = !has_base ? -1 : str_eq_nullable(b, d->base) ? 0
		                : str_eq_nullable(b, d->value) ? 1 : -1;
	}
	return true;
}

/* Load the three sides; false with the status set when one does not. */
static bool load_sides(struct markers_fix *fix, char *text[SIDES], size_t len[SIDES],
                       struct plan *p[SIDES])
{
	for (int s = 0; s < SIDES; s++) {
		p[s] = plan_load_buffer(text[s], len[s], &fix->load);
		if (!p[s]) {
			fix->status = fix->load.code == LOAD_NO_MEMORY ? MARKERS_NO_MEMORY
			                                               : MARKERS_SIDE_BROKEN;
			fix->side = s;
			return false;
		}
	}
	return true;
}

/* Ours and theirs differ only in values: theirs is ours with diff
 * written in, byte for byte. */
static bool only_values(const struct plan *ours, const struct change *diff, size_t n,
                        const char *theirs, size_t theirs_len)
{
	struct splice_error err;
	size_t len;
	char *t = splice_changes(ours, diff, n, &len, &err);
	bool same = t && len == theirs_len && memcmp(t, theirs, len) == 0;
	free(t);
	return same;
}

enum markers_status markers_fix_open(char *text, size_t len, struct markers_fix *fix)
{
	char *side[SIDES] = { NULL, NULL, NULL };
	size_t side_len[SIDES], (*at)[2] = NULL;
	struct plan *p[SIDES] = { NULL, NULL, NULL };
	struct change *diff = NULL;
	size_t n = 0;
	memset(fix, 0, sizeof *fix);
	fix->text = text;
	fix->len = len;
	if ((fix->status = find_hunks(fix)) != MARKERS_OK)
		return fix->status;
	fix->status = MARKERS_NO_MEMORY;
	if (!(at = calloc(fix->n_hunks ? fix->n_hunks : 1, sizeof *at)))
		return fix->status;
	for (int s = 0; s < SIDES; s++)
		if (!(side[s] = side_of_all(fix, s, &side_len[s], s == OURS ? at : NULL)))
			goto out;
	if (!load_sides(fix, side, side_len, p) || merge_field_diff(p[OURS], p[THEIRS], &diff, &n))
		goto out;
	fix->ours = p[OURS];
	p[OURS] = NULL;
	if (!only_values(fix->ours, diff, n, side[THEIRS], side_len[THEIRS]))
		fix->status = MARKERS_NOT_FIELDS;
	else if (make_conflicts(fix, p[BASE], diff, n, at))
		fix->status = MARKERS_OK;
out:
	changes_free(diff, n);
	for (int s = 0; s < SIDES; s++) {
		free(side[s]);
		plan_free(p[s]);
	}
	free(at);
	return fix->status;
}

void markers_fix_free(struct markers_fix *fix)
{
	free(fix->text);
	free(fix->hunks);
	plan_free(fix->ours);
	conflicts_free(fix->conflicts, fix->n_conflicts);
	free(fix->lines);
	free(fix->suggest);
	memset(fix, 0, sizeof *fix);
}

char *markers_fix_apply(const struct markers_fix *fix, const bool *keep_ours, size_t *len,
                        struct change **changes, size_t *n_changes, struct splice_error *err)
{
	struct change *list = calloc(fix->n_conflicts ? fix->n_conflicts : 1, sizeof *list);
	size_t n = 0;
	char *out = NULL;
	memset(err, 0, sizeof *err);
	if (!list) {
		err->code = SPLICE_NO_MEMORY;
		return NULL;
	}
	for (size_t i = 0; i < fix->n_conflicts; i++) {
		const struct conflict *c = &fix->conflicts[i];
		if (keep_ours[i])
			continue;
		struct change *ch = &list[n++];
		ch->item_id = strdup(c->item_id);
		ch->year = c->year;
		ch->field = c->field;
		ch->base = str_dup_nullable(c->ours);
		ch->value = str_dup_nullable(c->theirs);
		if (!ch->item_id || (c->ours && !ch->base) || (c->theirs && !ch->value)) {
			err->code = SPLICE_NO_MEMORY;
			goto out;
		}
	}
	out = splice_changes(fix->ours, list, n, len, err);
out:
	if (out && changes) {
		*changes = list;
		*n_changes = n;
	} else {
		changes_free(list, n);
	}
	return out;
}
