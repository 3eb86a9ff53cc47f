/* splice.c - see splice.h */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scalar.h"
#include "splice.h"
#include "utf8.h"

/* ---- errors ----------------------------------------------------------- */

/* Copy at most size-1 bytes of s, whole characters only. */
static void copy_cut(char *dst, size_t size, const char *s)
{
	size_t n = 0;
	while (s[n]) {
		size_t l = utf8_seq_len((unsigned char)s[n]);
		if (n + l >= size)
			break;
		n += l;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static bool fail(struct splice_error *err, enum splice_code code, const char *item_id,
                 int year, enum field field)
{
	memset(err, 0, sizeof *err);
	err->code = code;
	if (item_id)
		copy_cut(err->item_id, sizeof err->item_id, item_id);
	err->year = year;
	err->field = field;
	return false;
}

static bool fail_value(struct splice_error *err, const char *item_id, int year, enum field f,
                       const char *got, const char *want)
{
	fail(err, SPLICE_VALUE_DIFFERS, item_id, year, f);
	err->got_absent = !got;
	err->want_absent = !want;
	copy_cut(err->got, sizeof err->got, got ? got : "");
	copy_cut(err->want, sizeof err->want, want ? want : "");
	return false;
}

void splice_error_entry(struct splice_error *err, const struct change *c)
{
	fail_value(err, c->item_id, c->year, c->field, NULL, c->value);
	err->code = SPLICE_OK;
}

/* ---- splicing --------------------------------------------------------- */

struct splice {
	size_t start, end;
	char *text;               /* replacement, malloc'd */
	const struct item *item;  /* whose value it is (NULL: a review date's) */
	long delta;               /* bytes added (negative: removed) */
	long lines;               /* line ends added (negative: removed) */
	size_t seq;               /* made in this order (ties of start) */
};

/* One changed item, parsed again from its new text. */
struct item_check {
	struct item *item;
	struct plan *region;      /* the item's text under the synthetic header */
	size_t header;            /* bytes of that header */
	size_t start, end;        /* the item's text in the new file */
};

struct splice_plan {
	struct splice *sp;        /* sorted by start */
	size_t k;
	struct item_check *checks;   /* in plan order */
	size_t n_checks;
};

static int splice_cmp(const void *a, const void *b)
{
	const struct splice *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const struct span *field_span(const struct entry *e, enum field f)
{
	return f == FIELD_STATUS ? &e->status_span : f == FIELD_PLAN ? &e->plan_span : &e->note_span;
}

/* The bytes that replace one span so that it reads as value. */
static char *replacement(const struct plan *plan, const struct span *sp, const char *value,
                         const char *key)
{
	char *v = scalar_render(value ? value : "", sp->in_flow, (enum span_style)sp->style);
	if (!v)
		return NULL;
	char *out = NULL;
	int n;
	if (sp->style != SPAN_ABSENT) {
		/* an empty plain value right after "key:" needs a space first */
		bool after_colon = sp->start == sp->end && sp->start > 0 &&
		                   plan->text[sp->start - 1] == ':';
		n = asprintf(&out, "%s%s", after_colon ? " " : "", v);
	} else if (sp->in_flow) {
		n = asprintf(&out, ", %s: %s", key, v);
	} else {
		const char *eol = plan->crlf ? "\r\n" : "\n";
		bool need_eol = sp->start == plan->text_len && plan->text_len > 0 &&
		                plan->text[plan->text_len - 1] != '\n';
		n = asprintf(&out, "%s%*s%s: %s%s", need_eol ? eol : "", (int)sp->indent, "",
		             key, v, eol);
	}
	free(v);
	return n < 0 ? NULL : out;
}

/* The bytes to delete so that a present "key: value" goes away (an undone
 * note insertion): its whole line in block style, ", key: value" in flow
 * style.  Returns false when the text around it is not that simple shape;
 * the value is then written empty instead. */
static bool removal_range(const struct plan *plan, const struct span *sp, const char *key,
                          size_t *start, size_t *end)
{
	const char *t = plan->text;
	size_t kl = strlen(key), p = sp->start;
	while (p > 0 && t[p - 1] == ' ')
		p--;
	if (p < kl + 1 || t[p - 1] != ':' || memcmp(t + p - 1 - kl, key, kl) != 0)
		return false;
	p -= kl + 1;                      /* at the key */
	if (sp->in_flow) {
		while (p > 0 && t[p - 1] == ' ')
			p--;
		if (p == 0 || t[p - 1] != ',')
			return false;
		*start = p - 1;
		*end = sp->end;
		return true;
	}
	size_t ls = p;
	while (ls > 0 && t[ls - 1] == ' ')
		ls--;
	if (ls > 0 && t[ls - 1] != '\n')
		return false;                 /* something else precedes the key */
	size_t le = sp->end;
	while (le < plan->text_len && (t[le] == ' ' || t[le] == '\t'))
		le++;
	if (le < plan->text_len && t[le] == '#')
		le += strcspn(t + le, "\n");
	if (le < plan->text_len && t[le] == '\r')
		le++;
	if (le < plan->text_len && t[le] != '\n')
		return false;
	*start = ls;
	*end = le < plan->text_len ? le + 1 : le;
	return true;
}

static size_t count_newlines(const char *s, size_t n)
{
	size_t k = 0;
	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
		k++;
	return k;
}

/* The bytes and line ends sp adds to the text. */
static void measure(const struct plan *plan, struct splice *sp)
{
	size_t tl = strlen(sp->text), ol = sp->end - sp->start;
	sp->delta = (long)tl - (long)ol;
	sp->lines = (long)count_newlines(sp->text, tl) -
	            (long)count_newlines(plan->text + sp->start, ol);
}

char *splice_field_edit(const struct plan *plan, const struct item *it, const struct entry *e,
                        enum field f, const char *value, size_t *start, size_t *end,
                        struct splice_error *err)
{
	const struct span *span = field_span(e, f);
	char *text;
	if (span->style == SPAN_LITERAL || span->style == SPAN_FOLDED) {
		fail(err, SPLICE_BLOCK_SCALAR, it->id, e->year, f);
		err->line = span->line;
		return NULL;
	}
	*start = span->start;
	*end = span->end;
	if (span->style == SPAN_ABSENT && !value)
		text = strdup("");
	else if (!value && f == FIELD_NOTE &&
	         removal_range(plan, span, field_name(f), start, end))
		text = strdup("");
	else
		text = replacement(plan, span, value, field_name(f));
	if (!text)
		fail(err, SPLICE_CANNOT_RENDER, it->id, e->year, f);
	return text;
}

/* Fill *sp for change c.  Returns false with *err set, or true; an absent
 * note that stays absent gives true with sp->text NULL (nothing to do). */
static bool splice_one(const struct plan *plan, const struct change *c, struct splice *sp,
                       struct splice_error *err)
{
	const struct item *it = plan_find_item(plan, c->item_id);
	const struct entry *e = it ? item_entry_for_year(it, c->year) : NULL;
	if (!e)
		return fail(err, SPLICE_NOT_IN_FILE, c->item_id, c->year, c->field);
	memset(sp, 0, sizeof *sp);
	if (field_span(e, c->field)->style == SPAN_ABSENT && !c->value)
		return true;   /* an absent note that stays absent */
	sp->item = it;
	sp->text = splice_field_edit(plan, it, e, c->field, c->value, &sp->start, &sp->end, err);
	if (!sp->text)
		return false;
	measure(plan, sp);
	return true;
}

/* ---- the review cycle: ratings and review dates ----------------------- */

/* The dated changes (ratings, rating notes, review dates) sorted by item,
 * date and field, so that one item's are together and in date order (the
 * review dates' item "" first), and the text's model, parsed again from its
 * text when the model no longer knows where a rating is. */
struct dated {
	const struct plan *plan;
	const struct change **v;
	size_t n;
	struct plan *text_plan;   /* plan->text parsed, when needed */
};

static int dated_order(const struct change *x, const char *id, int year, int field)
{
	int c = strcmp(x->item_id, id);
	if (c)
		return c;
	if (x->year != year)
		return x->year < year ? -1 : 1;
	return (int)x->field - field;
}

static int dated_cmp(const void *a, const void *b)
{
	const struct change *x = *(const struct change *const *)a;
	const struct change *y = *(const struct change *const *)b;
	return dated_order(x, y->item_id, y->year, (int)y->field);
}

static bool dated_init(struct dated *d, const struct plan *plan, const struct change *changes,
                       size_t n)
{
	memset(d, 0, sizeof *d);
	d->plan = plan;
	d->v = malloc((n ? n : 1) * sizeof *d->v);
	if (!d->v)
		return false;
	for (size_t i = 0; i < n; i++)
		if (field_is_dated(changes[i].field))
			d->v[d->n++] = &changes[i];
	qsort(d->v, d->n, sizeof *d->v, dated_cmp);
	return true;
}

static void dated_free(struct dated *d)
{
	free(d->v);
	plan_free(d->text_plan);
	memset(d, 0, sizeof *d);
}

/* The first dated change at or after (id, year, field). */
static size_t dated_lower(const struct dated *d, const char *id, int year, int field)
{
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (dated_order(d->v[mid], id, year, field) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct change *dated_find(const struct dated *d, const char *id, int year,
                                       enum field field)
{
	size_t i = dated_lower(d, id, year, (int)field);
	return i < d->n && dated_order(d->v[i], id, year, (int)field) == 0 ? d->v[i] : NULL;
}

/* The dated changes of item id: v[*lo .. *hi). */
static void dated_range(const struct dated *d, const char *id, size_t *lo, size_t *hi)
{
	*lo = dated_lower(d, id, INT_MIN, -1);
	*hi = *lo;
	while (*hi < d->n && strcmp(d->v[*hi]->item_id, id) == 0)
		(*hi)++;
}

/* The text parsed again (once). */
static const struct plan *text_plan(struct dated *d, struct splice_error *err)
{
	if (!d->text_plan) {
		struct load_error lerr;
		d->text_plan = plan_load_buffer(d->plan->text, d->plan->text_len, &lerr);
		if (!d->text_plan) {
			fail(err, SPLICE_WOULD_NOT_LOAD, NULL, 0, FIELD_STATUS);
			err->load = lerr;
		}
	}
	return d->text_plan;
}

/* The item's rating at date as the text has it (its spans valid in the
 * text), or NULL when the text has none.  The model's own rating serves
 * when it has a place in the text (line > 0); a rating the model added has
 * none; one it took out or put back is looked up in the text parsed again.
 * Returns false (with *err) when that parse fails. */
static bool text_rating(struct dated *d, const struct item *it, int date,
                        const struct rating **out, struct splice_error *err)
{
	int review = plan_review_index(d->plan, date);
	const struct rating *r = review >= 0 ? item_rating_at(it, review) : NULL;
	const struct change *c = dated_find(d, it->id, date, FIELD_RATING);
	*out = NULL;
	if (r && r->line) {
		*out = r;
		return true;
	}
	if (c ? !c->base : !r)   /* the file had none (a change's base is the file's) */
		return true;
	const struct plan *tp = text_plan(d, err);
	if (!tp)
		return false;
	const struct item *ti = plan_find_item(tp, it->id);
	review = plan_review_index(tp, date);
	*out = ti && review >= 0 ? item_rating_at(ti, review) : NULL;
	return true;
}

/* The same for a review date. */
static bool text_review(struct dated *d, int date, const struct review_date **out,
                        struct splice_error *err)
{
	int review = plan_review_index(d->plan, date);
	const struct review_date *r = review >= 0 ? &d->plan->reviews[review] : NULL;
	const struct change *c = dated_find(d, "", date, FIELD_REVIEW);
	*out = NULL;
	if (r && r->line) {
		*out = r;
		return true;
	}
	if (c ? !c->base : !r)
		return true;
	const struct plan *tp = text_plan(d, err);
	if (!tp)
		return false;
	review = plan_review_index(tp, date);
	*out = review >= 0 ? &tp->reviews[review] : NULL;
	return true;
}

/* ---- new elements ---- */

/* A list element to add: {date: "...", <key>: value[, note: note]}. */
struct new_element {
	int date;
	const char *value, *note;
};

static bool put_element(FILE *f, const char *key, const struct new_element *el)
{
	char *v = scalar_render(el->value, true, SPAN_PLAIN);
	char *n = el->note ? scalar_render(el->note, true, SPAN_PLAIN) : NULL;
	bool ok = v && (!el->note || n);
	if (ok) {
		fprintf(f, "{date: \"%04d-%02d-%02d\", %s: %s", el->date / 10000,
		        el->date / 100 % 100, el->date % 100, key, v);
		if (n)
			fprintf(f, ", note: %s", n);
		fputc('}', f);
	}
	free(v);
	free(n);
	return ok;
}

/* The text that adds `count` elements at ins (plan.h, struct insertion),
 * with the list's key `list_key` when it is absent; NULL when out of
 * memory or a value cannot be rendered. */
static char *insertion_text(const struct plan *plan, const struct insertion *ins,
                            const char *list_key, const char *value_key,
                            const struct new_element *el, size_t count)
{
	const char *eol = plan->crlf ? "\r\n" : "\n";
	bool block = ins->kind == INSERT_BLOCK_LIST || ins->kind == INSERT_BLOCK_KEY;
	bool need_eol = ins->at == plan->text_len && plan->text_len > 0 &&
	                plan->text[plan->text_len - 1] != '\n';
	int indent = ins->indent;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	if (block && need_eol)
		fputs(eol, f);
	if (ins->kind == INSERT_BLOCK_KEY) {
		fprintf(f, "%*s%s:%s", indent, "", list_key, eol);
		indent += 2;
	} else if (ins->kind == INSERT_FLOW_KEY) {
		fprintf(f, ", %s: [", list_key);
	} else if (ins->kind == INSERT_FLOW_LIST && !ins->empty) {
		fputs(", ", f);
	}
	bool ok = true;
	for (size_t i = 0; i < count && ok; i++) {
		if (block)
			fprintf(f, "%*s- ", indent, "");
		else if (i)
			fputs(", ", f);
		ok = put_element(f, value_key, &el[i]);
		if (block)
			fputs(eol, f);
	}
	if (ins->kind == INSERT_FLOW_KEY)
		fputc(']', f);
	if (fclose(f) != 0 || !ok) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* ---- elements taken out ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The end of the line that holds pos after a value: past blanks, a
 * comment and the line end (CRLF too); false when something else follows. */
static bool line_rest(const struct plan *plan, size_t pos, size_t *end)
{
	const char *t = plan->text;
	while (pos < plan->text_len && is_blank(t[pos]))
		pos++;
	if (pos < plan->text_len && t[pos] == '#')
		while (pos < plan->text_len && t[pos] != '\n')
			pos++;
	else if (pos < plan->text_len && t[pos] == '\r')
		pos++;
	if (pos < plan->text_len && t[pos] != '\n')
		return false;
	*end = pos < plan->text_len ? pos + 1 : pos;
	return true;
}

/* Whether the line before the one starting at ls holds only "key:" (and a
 * comment): then *ks is where it starts. */
static bool key_line_before(const struct plan *plan, size_t ls, const char *key, size_t *ks)
{
	const char *t = plan->text;
	if (ls == 0)
		return false;
	size_t p = ls - 1;   /* its line end */
	while (p > 0 && t[p - 1] != '\n')
		p--;
	*ks = p;
	while (is_blank(t[p]))
		p++;
	size_t kl = strlen(key), end;
	return strncmp(t + p, key, kl) == 0 && t[p + kl] == ':' && line_rest(plan, p + kl + 1, &end) &&
	       end == ls;
}

/* Whether another "-" element of the same block list (at column col)
 * follows at pos, past blank and comment lines. */
static bool dash_follows(const struct plan *plan, size_t pos, size_t col)
{
	const char *t = plan->text;
	while (pos < plan->text_len) {
		size_t p = pos;
		while (p < plan->text_len && t[p] == ' ')
			p++;
		if (p < plan->text_len && t[p] != '#' && t[p] != '\n' && t[p] != '\r')
			return p - pos == col && t[p] == '-';
		while (p < plan->text_len && t[p] != '\n')
			p++;
		pos = p + 1;
	}
	return false;
}

/* A block list's element from its "-" at dash to ee (its last value, or
 * its "}"): its whole lines; when it is the list's only element, the line
 * of the list's key too. */
static bool block_element(const struct plan *plan, size_t dash, size_t ee, const char *list_key,
                          size_t *start, size_t *end)
{
	const char *t = plan->text;
	size_t ls = dash, ks;
	while (ls > 0 && t[ls - 1] == ' ')
		ls--;
	if ((ls > 0 && t[ls - 1] != '\n') || !line_rest(plan, ee, end))
		return false;
	*start = ls;
	if (key_line_before(plan, ls, list_key, &ks) && !dash_follows(plan, *end, dash - ls))
		*start = ks;   /* `key:` alone would read as no list at all */
	return true;
}

/* A flow list's element [es, ee): with the ", " before it, or the one
 * after it when it is the first. */
static bool flow_element(const struct plan *plan, size_t es, size_t ee, size_t *start,
                         size_t *end)
{
	const char *t = plan->text;
	size_t q = es, r = ee;
	while (q > 0 && (is_blank(t[q - 1]) || t[q - 1] == '\n' || t[q - 1] == '\r'))
		q--;
	if (q > 0 && t[q - 1] == ',') {
		*start = q - 1;
		*end = ee;
		return true;
	}
	if (q == 0 || t[q - 1] != '[')
		return false;
	while (r < plan->text_len && is_blank(t[r]))
		r++;
	if (r < plan->text_len && t[r] == ',') {
		for (r++; r < plan->text_len && is_blank(t[r]); r++)
			;
	} else if (r < plan->text_len && t[r] == ']') {
		r = ee;   /* the only element: [] stays */
	} else {
		return false;
	}
	*start = es;
	*end = r;
	return true;
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || c == '_';
}

/* The bytes that take out one element of a list (a rating of an item's
 * `ratings:`, a review date of `reviews:`) whose values lie in [lo, hi):
 * from its "-" (block list) or the "," before it (flow list), through its
 * "}" or last value and, in a block list, its line end.  False when the
 * text around it is not that simple shape. */
static bool element_range(const struct plan *plan, size_t lo, size_t hi, const char *list_key,
                          size_t *start, size_t *end)
{
	const char *t = plan->text;
	size_t p = lo, es, ee = hi, q;
	while (p > 0 && t[p - 1] == ' ')
		p--;
	if (p == 0 || t[p - 1] != ':')
		return false;
	for (p--; p > 0 && key_char(t[p - 1]); p--)
		;
	es = p;   /* the element's first key */
	for (q = es; q > 0 && is_blank(t[q - 1]); q--)
		;
	if (q > 0 && t[q - 1] == '{') {   /* a flow mapping: through its "}" */
		es = q - 1;
		while (ee < plan->text_len && is_blank(t[ee]))
			ee++;
		if (ee >= plan->text_len || t[ee] != '}')
			return false;
		ee++;
		for (q = es; q > 0 && is_blank(t[q - 1]); q--)
			;
	}
	if (q > 0 && t[q - 1] == '-')
		return block_element(plan, q - 1, ee, list_key, start, end);
	return flow_element(plan, es, ee, start, end);
}

/* The values of an element: from the first present span to the last. */
static void element_values(const struct span *const *spans, size_t n, size_t *lo, size_t *hi)
{
	*lo = SIZE_MAX;
	*hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (spans[i]->style == SPAN_ABSENT)
			continue;
		*lo = spans[i]->start < *lo ? spans[i]->start : *lo;
		*hi = spans[i]->end > *hi ? spans[i]->end : *hi;
	}
}

/* ---- splices of the dated changes ---- */

/* A splice that rewrites span to value (as splice_one does for entries);
 * a note set to NULL loses its "note: ..." where it can. */
static bool splice_span(const struct plan *plan, const struct change *c, const struct item *it,
                        const struct span *span, const char *key, struct splice *sp,
                        struct splice_error *err)
{
	if (span->style == SPAN_LITERAL || span->style == SPAN_FOLDED) {
		fail(err, SPLICE_BLOCK_SCALAR, c->item_id, c->year, c->field);
		err->line = span->line;
		return false;
	}
	memset(sp, 0, sizeof *sp);
	if (span->style == SPAN_ABSENT && !c->value)
		return true;
	sp->item = it;
	sp->start = span->start;
	sp->end = span->end;
	if (!c->value && removal_range(plan, span, key, &sp->start, &sp->end))
		sp->text = strdup("");
	else
		sp->text = replacement(plan, span, c->value, key);
	if (!sp->text)
		return fail(err, SPLICE_CANNOT_RENDER, c->item_id, c->year, c->field);
	measure(plan, sp);
	return true;
}

/* A splice that takes out the element whose values are spans. */
static bool splice_removal(const struct plan *plan, const struct change *c, const struct item *it,
                           const struct span *const *spans, size_t n, const char *list_key,
                           uint32_t line, struct splice *sp, struct splice_error *err)
{
	size_t lo, hi;
	memset(sp, 0, sizeof *sp);
	element_values(spans, n, &lo, &hi);
	if (lo >= hi || !element_range(plan, lo, hi, list_key, &sp->start, &sp->end)) {
		fail(err, SPLICE_CANNOT_REMOVE, c->item_id, c->year, c->field);
		err->line = line;
		return false;
	}
	sp->item = it;
	sp->text = strdup("");
	if (!sp->text)
		return fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
	measure(plan, sp);
	return true;
}

/* One dated change of an item whose rating the text has (r). */
static bool splice_rating_in_text(struct dated *d, const struct item *it, const struct change *c,
                                  const struct rating *r, struct splice *sp,
                                  struct splice_error *err)
{
	const struct plan *plan = d->plan;
	if (c->field == FIELD_RATING && c->value)
		return splice_span(plan, c, it, &r->level_span, "rating", sp, err);
	if (c->field == FIELD_RATING) {
		const struct span *spans[] = { &r->date_span, &r->level_span, &r->note_span };
		return splice_removal(plan, c, it, spans, 3, "ratings", r->line, sp, err);
	}
	const struct change *rc = dated_find(d, it->id, c->year, FIELD_RATING);
	if (rc && !rc->value) {   /* the whole element goes */
		memset(sp, 0, sizeof *sp);
		return true;
	}
	return splice_span(plan, c, it, &r->note_span, "note", sp, err);
}

/* Whether the text will have review date `date`: it has it, or a change
 * adds it. */
static bool review_will_exist(struct dated *d, int date, bool *ok, struct splice_error *err)
{
	const struct review_date *r;
	const struct change *c = dated_find(d, "", date, FIELD_REVIEW);
	*ok = text_review(d, date, &r, err);
	return *ok && (c ? c->value != NULL : r != NULL);
}

/* One splice that adds the elements `add` at ins (c: the first of their
 * changes, for an error). */
static bool splice_insertion(const struct plan *plan, const struct insertion *ins,
                             const char *list_key, const char *value_key,
                             const struct new_element *add, size_t n, const struct item *it,
                             const struct change *c, struct splice *sp, struct splice_error *err)
{
	memset(sp, 0, sizeof *sp);
	if (ins->kind == INSERT_NONE || ins->at > plan->text_len)
		return fail(err, SPLICE_NO_PLACE, c->item_id, c->year, c->field);
	sp->start = sp->end = ins->at;
	sp->item = it;
	sp->text = insertion_text(plan, ins, list_key, value_key, add, n);
	if (!sp->text)
		return fail(err, SPLICE_CANNOT_RENDER, c->item_id, c->year, c->field);
	measure(plan, sp);
	return true;
}

/* The splices of one item's dated changes v[lo .. hi): in place where the
 * text has the rating, and one splice at the item's ratings_insert for
 * every rating added (in date order, with their notes). */
static bool splice_item_ratings(struct dated *d, size_t lo, size_t hi, struct splice *sp,
                                size_t *k, struct splice_error *err)
{
	const struct item *it = plan_find_item(d->plan, d->v[lo]->item_id);
	struct new_element *add = calloc(hi - lo, sizeof *add);
	const struct change *first_add = NULL;
	size_t n_add = 0;
	bool ok = add != NULL, exists;
	if (!ok)
		return fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
	for (size_t i = lo; ok && i < hi; i++) {
		const struct change *c = d->v[i], *rc;
		const struct rating *r;
		if (c->field == FIELD_REVIEW)
			continue;
		if (!it) {
			ok = fail(err, SPLICE_NOT_IN_FILE, c->item_id, c->year, c->field);
		} else if (!(ok = text_rating(d, it, c->year, &r, err))) {
			break;
		} else if (r) {
			ok = splice_rating_in_text(d, it, c, r, &sp[*k], err);
			sp[*k].seq = *k;
			*k += ok && sp[*k].text;
		} else if (c->field == FIELD_RATING && c->value) {
			exists = review_will_exist(d, c->year, &ok, err);
			if (ok && !exists)
				ok = fail(err, SPLICE_NOT_IN_FILE, c->item_id, c->year, c->field);
			rc = dated_find(d, c->item_id, c->year, FIELD_RATING_NOTE);
			add[n_add++] = (struct new_element){ c->year, c->value, rc ? rc->value : NULL };
			first_add = first_add ? first_add : c;
		} else if (c->field == FIELD_RATING_NOTE && c->value) {
			rc = dated_find(d, c->item_id, c->year, FIELD_RATING);
			if (!rc || !rc->value)   /* a note with no rating to hold it */
				ok = fail(err, SPLICE_NOT_IN_FILE, c->item_id, c->year, c->field);
		}
	}
	if (ok && n_add) {
		ok = splice_insertion(d->plan, &it->ratings_insert, "ratings", "rating", add, n_add,
		                      it, first_add, &sp[*k], err);
		sp[*k].seq = *k;
		*k += ok;
	}
	free(add);
	return ok;
}

/* The last review date the text has (0: none). */
static int last_text_review(const struct plan *plan)
{
	for (size_t r = plan->n_reviews; r > 0; r--)
		if (plan->reviews[r - 1].line)
			return plan->reviews[r - 1].ymd;
	return 0;
}

/* The review dates' changes v[lo .. hi) (item "", FIELD_REVIEW): a label
 * rewritten, an element taken out, and one splice at reviews_insert for
 * the dates added (each after the text's last one). */
static bool splice_reviews(struct dated *d, size_t lo, size_t hi, struct splice *sp, size_t *k,
                           struct splice_error *err)
{
	const struct plan *plan = d->plan;
	struct new_element *add = calloc(hi - lo, sizeof *add);
	const struct change *first_add = NULL;
	size_t n_add = 0;
	int last = last_text_review(plan);
	bool ok = add != NULL;
	if (!ok)
		return fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
	for (size_t i = lo; ok && i < hi; i++) {
		const struct change *c = d->v[i];
		const struct review_date *r;
		if (c->field != FIELD_REVIEW || !(ok = text_review(d, c->year, &r, err)))
			continue;
		if (r && c->value) {
			ok = splice_span(plan, c, NULL, &r->label_span, "label", &sp[*k], err);
		} else if (r) {
			const struct span *spans[] = { &r->date_span, &r->label_span };
			ok = splice_removal(plan, c, NULL, spans, 2, "reviews", r->line, &sp[*k], err);
		} else if (c->value && c->year <= last) {
			ok = fail(err, SPLICE_REVIEW_ORDER, "", c->year, c->field);
			snprintf(err->want, sizeof err->want, "%04d-%02d-%02d", last / 10000,
			         last / 100 % 100, last % 100);
			continue;
		} else if (c->value) {
			add[n_add++] = (struct new_element){ c->year, c->value, NULL };
			first_add = first_add ? first_add : c;
			continue;
		} else {
			continue;
		}
		sp[*k].seq = *k;
		*k += ok && sp[*k].text;
	}
	if (ok && n_add) {
		ok = splice_insertion(plan, &plan->reviews_insert, "reviews", "label", add, n_add,
		                      NULL, first_add, &sp[*k], err);
		sp[*k].seq = *k;
		*k += ok;
	}
	free(add);
	return ok;
}

/* The splices of every dated change, item by item (the review dates'
 * first). */
static bool splice_dated(struct dated *d, struct splice *sp, size_t *k, struct splice_error *err)
{
	for (size_t lo = 0, hi; lo < d->n; lo = hi) {
		for (hi = lo; hi < d->n && strcmp(d->v[hi]->item_id, d->v[lo]->item_id) == 0; hi++)
			;
		if (!d->v[lo]->item_id[0] && !splice_reviews(d, lo, hi, sp, k, err))
			return false;
		if (!splice_item_ratings(d, lo, hi, sp, k, err))
			return false;
	}
	return true;
}

/* The new text: plan's text with the sorted splices in place. */
static char *splice_join(const struct plan *plan, const struct splice *sp, size_t k,
                         size_t *out_len)
{
	size_t total = plan->text_len;
	for (size_t i = 0; i < k; i++)
		total += strlen(sp[i].text);
	char *out = malloc(total + 1);
	if (!out)
		return NULL;
	size_t at = 0, o = 0;
	for (size_t i = 0; i < k; i++) {
		memcpy(out + o, plan->text + at, sp[i].start - at);
		o += sp[i].start - at;
		size_t tl = strlen(sp[i].text);
		memcpy(out + o, sp[i].text, tl);
		o += tl;
		at = sp[i].end;
	}
	memcpy(out + o, plan->text + at, plan->text_len - at);
	o += plan->text_len - at;
	out[o] = '\0';
	*out_len = o;
	return out;
}

static void splices_free(struct splice *sp, size_t k)
{
	for (size_t i = 0; i < k; i++)
		free(sp[i].text);
	free(sp);
}

static void item_checks_free(struct item_check *checks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		plan_free(checks[i].region);
	free(checks);
}

void splice_plan_free(struct splice_plan *sp)
{
	if (!sp)
		return;
	splices_free(sp->sp, sp->k);
	item_checks_free(sp->checks, sp->n_checks);
	free(sp);
}

/* The splices in text order; false (with *err) when two overlap, which
 * no correct set of changes makes. */
static bool splices_sort(struct splice *sp, size_t k, struct splice_error *err)
{
	qsort(sp, k, sizeof *sp, splice_cmp);
	for (size_t i = 1; i < k; i++)
		if (sp[i].start < sp[i - 1].end)
			return fail(err, SPLICE_CANNOT_RENDER, sp[i].item ? sp[i].item->id : "", 0,
			            FIELD_STATUS);
	return true;
}

char *splice_prepare(const struct plan *plan, const struct change *changes, size_t n,
                     size_t *out_len, struct splice_plan **list, struct splice_error *err)
{
	struct splice *sp = calloc(n ? n : 1, sizeof *sp);
	size_t k = 0;
	char *out = NULL;
	struct dated dc;
	if (list)
		*list = NULL;
	if (!sp || !dated_init(&dc, plan, changes, n)) {
		free(sp);
		fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (field_is_dated(changes[i].field))
			continue;
		if (!splice_one(plan, &changes[i], &sp[k], err))
			goto out;
		sp[k].seq = k;
		k += sp[k].text != NULL;
	}
	if (!splice_dated(&dc, sp, &k, err) || !splices_sort(sp, k, err))
		goto out;
	out = splice_join(plan, sp, k, out_len);
	if (!out) {
		fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
		goto out;
	}
	if (list) {
		*list = calloc(1, sizeof **list);
		if (!*list) {
			free(out);
			out = NULL;
			fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
			goto out;
		}
		(*list)->sp = sp;
		(*list)->k = k;
		dated_free(&dc);
		return out;
	}
out:
	dated_free(&dc);
	splices_free(sp, k);
	return out;
}

char *splice_changes(const struct plan *plan, const struct change *changes, size_t n,
                     size_t *out_len, struct splice_error *err)
{
	return splice_prepare(plan, changes, n, out_len, NULL, err);
}

/* ---- verification ----------------------------------------------------- */

/* A change resolved to the entry of the expected plan it targets. */
struct target {
	const struct entry *entry;
	enum field field;
	const char *value;
};

static int target_cmp(const void *a, const void *b)
{
	const struct target *x = a, *y = b;
	if (x->entry != y->entry)
		return x->entry < y->entry ? -1 : 1;
	return (int)x->field - (int)y->field;
}

/* Every field of one entry reads back as expected (or as changed). */
static bool verify_entry(const struct plan *expected, const struct plan *written,
                         const char *item_id, const struct entry *ee, const struct entry *we,
                         const struct target *t, size_t n, struct splice_error *err)
{
	for (int f = FIELD_STATUS; f <= FIELD_NOTE; f++) {
		const char *want = entry_field(expected, ee, (enum field)f);
		struct target key = { ee, (enum field)f, NULL };
		const struct target *hit = bsearch(&key, t, n, sizeof *t, target_cmp);
		if (hit)
			want = hit->value;
		/* a removed note reads back absent, or empty where its line
		 * could not be removed */
		if (f == FIELD_NOTE && !want && hit && we->note && we->note_span.style != SPAN_ABSENT)
			want = "";
		const char *got = entry_field(written, we, (enum field)f);
		if (!str_eq_nullable(want, got))
			return fail_value(err, item_id, ee->year, (enum field)f, got, want);
	}
	return true;
}

/* What (item id, date, field) should read back as: the change's value,
 * else the expected plan's.  *hit: a change names it. */
static const char *want_dated(const struct dated *d, const char *id, int date, enum field f,
                              bool *hit)
{
	const struct change *c = dated_find(d, id, date, f);
	const char *v = NULL;
	*hit = c != NULL;
	if (c)
		return c->value;
	plan_field_get(d->plan, id, date, f, &v);
	return v;
}

/* An item without dated changes: the same ratings in the same order. */
static bool same_ratings(const struct plan *expected, const struct item *ei,
                         const struct plan *written, const struct item *wi)
{
	if (ei->n_ratings != wi->n_ratings)
		return false;
	for (size_t k = 0; k < ei->n_ratings; k++) {
		const struct rating *a = &ei->ratings[k], *b = &wi->ratings[k];
		if (expected->reviews[a->review].ymd != written->reviews[b->review].ymd ||
		    strcmp(expected->rating_levels[a->level].key, written->rating_levels[b->level].key) ||
		    !str_eq_nullable(a->note, b->note))
			return false;
	}
	return true;
}

/* Every rating of the written item (wi) is the expected one (ei with the
 * changes), and there are as many. */
static bool verify_ratings(const struct dated *d, const struct item *ei,
                           const struct plan *written, const struct item *wi,
                           struct splice_error *err)
{
	size_t lo, hi, want_n = ei->n_ratings;
	bool hit;
	dated_range(d, ei->id, &lo, &hi);
	if (lo == hi && same_ratings(d->plan, ei, written, wi))
		return true;
	for (size_t i = lo; i < hi; i++) {
		const char *now;
		if (d->v[i]->field != FIELD_RATING)
			continue;
		plan_field_get(d->plan, ei->id, d->v[i]->year, FIELD_RATING, &now);
		want_n += !now && d->v[i]->value;
		want_n -= now && !d->v[i]->value;
	}
	if (want_n != wi->n_ratings)
		return fail(err, SPLICE_ITEM_DIFFERS, ei->id, 0, FIELD_STATUS);
	for (size_t k = 0; k < wi->n_ratings; k++) {
		const struct rating *wr = &wi->ratings[k];
		int date = written->reviews[wr->review].ymd;
		const char *want = want_dated(d, ei->id, date, FIELD_RATING, &hit);
		const char *got = written->rating_levels[wr->level].key;
		if (!str_eq_nullable(want, got))
			return fail_value(err, ei->id, date, FIELD_RATING, got, want);
		want = want_dated(d, ei->id, date, FIELD_RATING_NOTE, &hit);
		/* a removed note reads back absent, or empty where its line
		 * could not be removed */
		if (!want && hit && wr->note && !*wr->note && wr->note_span.style != SPAN_ABSENT)
			want = "";
		if (!str_eq_nullable(want, wr->note))
			return fail_value(err, ei->id, date, FIELD_RATING_NOTE, wr->note, want);
	}
	return true;
}

/* The written review dates are the expected ones, with their labels. */
static bool verify_reviews(const struct dated *d, const struct plan *written,
                           struct splice_error *err)
{
	size_t lo, hi, want_n = d->plan->n_reviews;
	bool hit;
	dated_range(d, "", &lo, &hi);
	for (size_t i = lo; i < hi; i++) {
		const char *now;
		if (d->v[i]->field != FIELD_REVIEW)
			continue;
		plan_field_get(d->plan, "", d->v[i]->year, FIELD_REVIEW, &now);
		want_n += !now && d->v[i]->value;
		want_n -= now && !d->v[i]->value;
	}
	if (want_n != written->n_reviews)
		return fail(err, SPLICE_SHAPE, NULL, 0, FIELD_STATUS);
	for (size_t r = 0; r < written->n_reviews; r++) {
		const struct review_date *w = &written->reviews[r];
		const char *want = want_dated(d, "", w->ymd, FIELD_REVIEW, &hit);
		if (!str_eq_nullable(want, w->label))
			return fail_value(err, "", w->ymd, FIELD_REVIEW, w->label, want);
	}
	return true;
}

static bool verify_policy(const struct plan *expected, const struct plan *written, size_t p,
                          const struct target *t, size_t n, const struct dated *d,
                          struct splice_error *err)
{
	const struct policy *ep = &expected->policies[p], *wp = &written->policies[p];
	if (ep->n_items != wp->n_items || strcmp(ep->id, wp->id) || strcmp(ep->title, wp->title))
		return fail(err, SPLICE_POLICY_DIFFERS, ep->id, 0, FIELD_STATUS);
	for (size_t i = 0; i < ep->n_items; i++) {
		const struct item *ei = &ep->items[i], *wi = &wp->items[i];
		if (strcmp(ei->id, wi->id) || strcmp(ei->title, wi->title) ||
		    ei->n_entries != wi->n_entries)
			return fail(err, SPLICE_ITEM_DIFFERS, ei->id, 0, FIELD_STATUS);
		for (size_t e = 0; e < ei->n_entries; e++) {
			const struct entry *ee = &ei->entries[e], *we = &wi->entries[e];
			if (ee->year != we->year)
				return fail(err, SPLICE_YEAR_DIFFERS, ei->id, ee->year, FIELD_STATUS);
			if (!verify_entry(expected, written, ei->id, ee, we, t, n, err))
				return false;
		}
		if (!verify_ratings(d, ei, written, wi, err))
			return false;
	}
	return true;
}

bool verify_splice(const struct plan *expected, const struct change *changes, size_t n,
                   const struct plan *written, struct splice_error *err)
{
	struct target *t = calloc(n ? n : 1, sizeof *t);
	struct dated d;
	bool ok = false;
	size_t nt = 0;
	if (!t || !dated_init(&d, expected, changes, n)) {
		free(t);
		return fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
	}
	for (size_t i = 0; i < n; i++) {
		if (field_is_dated(changes[i].field))
			continue;   /* compared by verify_ratings and verify_reviews */
		const struct item *it = plan_find_item(expected, changes[i].item_id);
		t[nt].entry = it ? item_entry_for_year(it, changes[i].year) : NULL;
		t[nt].field = changes[i].field;
		t[nt++].value = changes[i].value;
	}
	qsort(t, nt, sizeof *t, target_cmp);
	if (expected->n_policies != written->n_policies || expected->n_items != written->n_items ||
	    expected->n_entries != written->n_entries) {
		fail(err, SPLICE_SHAPE, NULL, 0, FIELD_STATUS);
		goto out;
	}
	if (!verify_reviews(&d, written, err))
		goto out;
	for (size_t p = 0; p < expected->n_policies; p++)
		if (!verify_policy(expected, written, p, t, nt, &d, err))
			goto out;
	ok = true;
out:
	dated_free(&d);
	free(t);
	return ok;
}

/* ---- checking a large file item by item ------------------------------- */

/* Every byte outside the changed items is the loaded text, which parsed;
 * each changed item's text runs from the start of its first line to the
 * start of the next node's line, in block style, so it is self-contained:
 * parsed on its own under an "items:" key it must give the same item with
 * the new values.  The in-memory plan is then moved onto the new text
 * (every later span shifted by the splices before it). */

/* Bytes and line ends the splices before pos add.  A zero-width splice
 * exactly at pos counts when its item is (own) or is not (!own) `item`. */
static void shift_at(const struct splice *sp, size_t k, size_t pos, const struct item *item,
                     bool own, long *bytes, long *lines)
{
	long b = 0, l = 0;
	for (size_t i = 0; i < k && sp[i].start <= pos; i++) {
		bool counts = sp[i].start < pos ||
		              (sp[i].end == pos && item && (sp[i].item == item) == own);
		if (counts) {
			b += sp[i].delta;
			l += sp[i].lines;
		}
	}
	*bytes = b;
	*lines = l;
}

static void shift_span(struct span *sp, const struct splice *list, size_t k)
{
	long b, l;
	shift_at(list, k, sp->start, NULL, false, &b, &l);
	sp->start = (uint32_t)((long)sp->start + b);
	sp->end = (uint32_t)((long)sp->end + b);
	sp->line = (uint32_t)((long)sp->line + l);
}

/* A document holding only `region` (an item's text) under the plan's own
 * years, statuses, rating keys and review dates (keys are ASCII letters,
 * digits, _ and -; dates YYYY-MM-DD: nothing to escape). */
static char *region_document(const struct plan *plan, const char *region, size_t len,
                             size_t *header_len)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	if (!f)
		return NULL;
	fputs("title: x\nprogram: x\nyears: [", f);
	for (size_t y = 0; y < plan->n_years; y++)
		fprintf(f, "%s%d", y ? ", " : "", plan->years[y]);
	fprintf(f, "]\nreview_year: %d\nstatuses:\n", plan->review_year);
	for (size_t i = 0; i < plan->n_statuses; i++) {
		char letter = plan->statuses[i].letter;
		fprintf(f, "- {key: %s, label: x, letter: \"%s%c\"}\n", plan->statuses[i].key,
		        letter == '"' || letter == '\\' ? "\\" : "", letter);
	}
	if (plan->n_rating_levels)
		fputs("ratings:\n", f);
	for (size_t i = 0; i < plan->n_rating_levels; i++)
		fprintf(f, "- {key: \"%s\", label: x}\n", plan->rating_levels[i].key);
	if (plan->n_reviews)
		fputs("reviews:\n", f);
	for (size_t i = 0; i < plan->n_reviews; i++)
		fprintf(f, "- {date: \"%s\", label: x}\n", plan->reviews[i].date);
	fputs("policies:\n- id: x\n  title: x\n  items:\n", f);
	fflush(f);
	*header_len = size;
	fwrite(region, 1, len, f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

bool splice_items_local(const struct plan *plan, const struct change *changes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (changes[i].field == FIELD_REVIEW)
			return false;   /* `reviews:` is no item's text */
		const struct item *it = plan_find_item(plan, changes[i].item_id);
		if (!it || !it->block || it->text_end <= it->text_start)
			return false;
	}
	return true;
}

static bool item_is_changed(const struct item *it, const struct change *changes, size_t n)
{
	for (size_t c = 0; c < n; c++)
		if (strcmp(changes[c].item_id, it->id) == 0)
			return true;
	return false;
}

/* The ratings of the parsed region's item (ri, in rp) are the model's
 * item's (it, in plan), compared by date. */
static bool check_region_ratings(const struct plan *plan, const struct item *it,
                                 const struct plan *rp, const struct item *ri,
                                 struct splice_error *err)
{
	if (ri->n_ratings != it->n_ratings)
		return fail(err, SPLICE_ITEM_DIFFERS, it->id, 0, FIELD_STATUS);
	for (size_t k = 0; k < it->n_ratings; k++) {
		const struct rating *want = &it->ratings[k];
		int date = plan->reviews[want->review].ymd, review = plan_review_index(rp, date);
		const struct rating *got = review >= 0 ? item_rating_at(ri, review) : NULL;
		const char *w = plan->rating_levels[want->level].key;
		const char *g = got ? rp->rating_levels[got->level].key : NULL;
		if (!str_eq_nullable(w, g))
			return fail_value(err, it->id, date, FIELD_RATING, g, w);
		w = want->note;
		if (!w && got->note && !*got->note)
			w = "";   /* a removed note whose line could not go */
		if (!str_eq_nullable(w, got->note))
			return fail_value(err, it->id, date, FIELD_RATING_NOTE, got->note, w);
	}
	return true;
}

/* The parsed region of one item reads as the model's item. */
static bool check_region(const struct plan *plan, const struct item *it,
                         const struct plan *rp, struct splice_error *err)
{
	const struct item *ri = rp->n_policies == 1 && rp->policies[0].n_items == 1
	                        ? &rp->policies[0].items[0] : NULL;
	if (!ri || strcmp(ri->id, it->id) || strcmp(ri->title, it->title) ||
	    ri->n_entries != it->n_entries)
		return fail(err, SPLICE_ITEM_DIFFERS, it->id, 0, FIELD_STATUS);
	for (size_t e = 0; e < it->n_entries; e++) {
		const struct entry *want = &it->entries[e], *got = &ri->entries[e];
		if (want->year != got->year)
			return fail(err, SPLICE_YEAR_DIFFERS, it->id, want->year, FIELD_STATUS);
		for (int f = FIELD_STATUS; f <= FIELD_NOTE; f++) {
			const char *w = entry_field(plan, want, (enum field)f);
			const char *g = entry_field(rp, got, (enum field)f);
			/* a removed note reads back absent, or empty where its
			 * line could not be removed */
			if (f == FIELD_NOTE && !w && g && !*g)
				w = "";
			if (!str_eq_nullable(w, g))
				return fail_value(err, it->id, want->year, (enum field)f, g, w);
		}
	}
	return check_region_ratings(plan, it, rp, ri, err);
}

/* Parse one changed item's new text on its own into c. */
static bool check_item(struct splice_plan *sp, struct plan *plan, struct item *it,
                       const char *out, size_t out_len, struct item_check *c,
                       struct splice_error *err)
{
	long sb, sl, eb, el;
	shift_at(sp->sp, sp->k, it->text_start, it, false, &sb, &sl);
	shift_at(sp->sp, sp->k, it->text_end, it, true, &eb, &el);
	size_t start = (size_t)((long)it->text_start + sb);
	size_t end = (size_t)((long)it->text_end + eb);
	if (end > out_len || start > end)
		return fail(err, SPLICE_ITEM_TEXT, it->id, 0, FIELD_STATUS);
	c->item = it;
	c->start = start;
	c->end = end;
	char *doc = region_document(plan, out + start, end - start, &c->header);
	if (!doc)
		return fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
	struct load_error lerr;
	c->region = plan_load_buffer(doc, strlen(doc), &lerr);
	free(doc);
	if (!c->region) {
		fail(err, SPLICE_ITEM_WOULD_NOT_LOAD, it->id, 0, FIELD_STATUS);
		err->load = lerr;
		return false;
	}
	return check_region(plan, it, c->region, err);
}

bool splice_check_items(struct splice_plan *sp, struct plan *plan, const struct change *changes,
                        size_t n, const char *out, size_t out_len, struct splice_error *err)
{
	struct item_check *list = calloc(n ? n : 1, sizeof *list);
	size_t count = 0;
	if (!list)
		return fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
	for (size_t p = 0; p < plan->n_policies; p++) {
		struct policy *pol = &plan->policies[p];
		for (size_t i = 0; i < pol->n_items; i++) {
			struct item *it = &pol->items[i];
			if (!item_is_changed(it, changes, n))
				continue;
			if (count == n) {
				fail(err, SPLICE_ITEM_TEXT, it->id, 0, FIELD_STATUS);
				goto fail;
			}
			if (!check_item(sp, plan, it, out, out_len, &list[count++], err))
				goto fail;
		}
	}
	item_checks_free(sp->checks, sp->n_checks);
	sp->checks = list;
	sp->n_checks = count;
	return true;
fail:
	item_checks_free(list, count);
	return false;
}

/* Spans of a changed item taken from its check (the region's spans moved
 * to where the item's text sits in the new file). */
/* A span of the region moved to where the item's text sits in the file. */
static void region_span(struct span *dst, const struct span *src, const struct item_check *c,
                        long line0)
{
	*dst = *src;
	dst->start = (uint32_t)(c->start + src->start - c->header);
	dst->end = (uint32_t)(c->start + src->end - c->header);
	dst->line = (uint32_t)((long)src->line + line0);
}

static void rebase_checked(const struct plan *plan, struct item *it, const struct item_check *c,
                           long sl)
{
	const struct plan *rp = c->region;
	const struct item *ri = &rp->policies[0].items[0];
	long line0 = (long)it->line + sl - (long)ri->line;
	for (size_t e = 0; e < it->n_entries; e++) {
		struct entry *en = &it->entries[e];
		const struct entry *re = &ri->entries[e];
		struct span *dst[3] = { &en->plan_span, &en->status_span, &en->note_span };
		const struct span *src[3] = { &re->plan_span, &re->status_span, &re->note_span };
		for (int s3 = 0; s3 < 3; s3++)
			region_span(dst[s3], src[s3], c, line0);
		en->line = (uint32_t)((long)re->line + line0);
	}
	/* the ratings, matched by date (the model may hold them in another
	 * order than the text); where a new rating or `ratings:` goes */
	for (size_t k = 0; k < it->n_ratings; k++) {
		struct rating *r = &it->ratings[k];
		int review = plan_review_index(rp, plan->reviews[r->review].ymd);
		const struct rating *rr = item_rating_at(ri, review);
		struct span *dst[3] = { &r->date_span, &r->level_span, &r->note_span };
		const struct span *src[3] = { &rr->date_span, &rr->level_span, &rr->note_span };
		for (int s3 = 0; s3 < 3; s3++)
			region_span(dst[s3], src[s3], c, line0);
		r->line = (uint32_t)((long)rr->line + line0);
	}
	it->ratings_insert = ri->ratings_insert;
	it->ratings_insert.at = (uint32_t)(c->start + ri->ratings_insert.at - c->header);
	it->ratings_insert.line = (uint32_t)((long)ri->ratings_insert.line + line0);
	if (ri->schedule_change_line)
		it->schedule_change_line = (uint32_t)((long)ri->schedule_change_line + line0);
}

static void shift_insertion(struct insertion *ins, const struct splice *list, size_t k)
{
	long b, l;
	shift_at(list, k, ins->at, NULL, false, &b, &l);
	ins->at = (uint32_t)((long)ins->at + b);
	ins->line = (uint32_t)((long)ins->line + l);
}

/* An item no splice touched: everything in it moves by the splices
 * before it (sl: the line ends they add). */
static void shift_item(struct item *it, const struct splice *sp, size_t k, long sl)
{
	long b, l;
	for (size_t e = 0; e < it->n_entries; e++) {
		struct entry *en = &it->entries[e];
		shift_at(sp, k, en->plan_span.start, NULL, false, &b, &l);
		en->line = (uint32_t)((long)en->line + l);
		shift_span(&en->plan_span, sp, k);
		shift_span(&en->status_span, sp, k);
		shift_span(&en->note_span, sp, k);
	}
	for (size_t r = 0; r < it->n_ratings; r++) {
		struct rating *rt = &it->ratings[r];
		shift_at(sp, k, rt->date_span.start, NULL, false, &b, &l);
		rt->line = (uint32_t)((long)rt->line + l);
		shift_span(&rt->date_span, sp, k);
		shift_span(&rt->level_span, sp, k);
		shift_span(&rt->note_span, sp, k);
	}
	shift_insertion(&it->ratings_insert, sp, k);
	if (it->schedule_change_line)
		it->schedule_change_line = (uint32_t)((long)it->schedule_change_line + sl);
}

void splice_rebase(struct splice_plan *list, struct plan *plan, char *out, size_t out_len)
{
	const struct splice *sp = list->sp;
	size_t k = list->k, next = 0;
	for (size_t p = 0; p < plan->n_policies; p++) {
		struct policy *pol = &plan->policies[p];
		for (size_t i = 0; i < pol->n_items; i++) {
			struct item *it = &pol->items[i];
			long sb, sl, eb, el;
			shift_at(sp, k, it->text_start, it, false, &sb, &sl);
			shift_at(sp, k, it->text_end, it, true, &eb, &el);
			if (next < list->n_checks && list->checks[next].item == it)
				rebase_checked(plan, it, &list->checks[next++], sl);
			else
				shift_item(it, sp, k, sl);
			it->line = (uint32_t)((long)it->line + sl);
			it->text_start = (uint32_t)((long)it->text_start + sb);
			it->text_end = (uint32_t)((long)it->text_end + eb);
		}
	}
	for (size_t r = 0; r < plan->n_reviews; r++) {
		struct review_date *rd = &plan->reviews[r];
		long b, l;
		shift_at(sp, k, rd->date_span.start, NULL, false, &b, &l);
		rd->line = (uint32_t)((long)rd->line + l);
		shift_span(&rd->date_span, sp, k);
		shift_span(&rd->label_span, sp, k);
	}
	shift_insertion(&plan->reviews_insert, sp, k);
	free(plan->text);
	plan->text = out;
	plan->text_len = out_len;
}
