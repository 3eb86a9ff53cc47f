/* splice.c - see splice.h */
#include "config.h"

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
	const struct item *item;  /* whose value it is */
	long delta;               /* bytes added (negative: removed) */
	long lines;               /* line ends added (negative: removed) */
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
	return x->start < y->start ? -1 : x->start > y->start;
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
	size_t tl = strlen(sp->text), ol = sp->end - sp->start;
	sp->delta = (long)tl - (long)ol;
	sp->lines = (long)count_newlines(sp->text, tl) -
	            (long)count_newlines(plan->text + sp->start, ol);
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

char *splice_prepare(const struct plan *plan, const struct change *changes, size_t n,
                     size_t *out_len, struct splice_plan **list, struct splice_error *err)
{
	struct splice *sp = calloc(n ? n : 1, sizeof *sp);
	size_t k = 0;
	char *out = NULL;
	if (list)
		*list = NULL;
	if (!sp) {
		fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (!splice_one(plan, &changes[i], &sp[k], err))
			goto out;
		k += sp[k].text != NULL;
	}
	qsort(sp, k, sizeof *sp, splice_cmp);
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
		return out;
	}
out:
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

static bool verify_policy(const struct plan *expected, const struct plan *written, size_t p,
                          const struct target *t, size_t n, struct splice_error *err)
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
	}
	return true;
}

bool verify_splice(const struct plan *expected, const struct change *changes, size_t n,
                   const struct plan *written, struct splice_error *err)
{
	struct target *t = calloc(n ? n : 1, sizeof *t);
	bool ok = false;
	if (!t)
		return fail(err, SPLICE_NO_MEMORY, NULL, 0, FIELD_STATUS);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = plan_find_item(expected, changes[i].item_id);
		t[i].entry = it ? item_entry_for_year(it, changes[i].year) : NULL;
		t[i].field = changes[i].field;
		t[i].value = changes[i].value;
	}
	qsort(t, n, sizeof *t, target_cmp);
	if (expected->n_policies != written->n_policies || expected->n_items != written->n_items ||
	    expected->n_entries != written->n_entries) {
		fail(err, SPLICE_SHAPE, NULL, 0, FIELD_STATUS);
		goto out;
	}
	for (size_t p = 0; p < expected->n_policies; p++)
		if (!verify_policy(expected, written, p, t, n, err))
			goto out;
	ok = true;
out:
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
 * years and statuses. */
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
	return true;
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
static void rebase_checked(struct item *it, const struct item_check *c, long sl)
{
	const struct item *ri = &c->region->policies[0].items[0];
	long line0 = (long)it->line + sl - (long)ri->line;
	for (size_t e = 0; e < it->n_entries; e++) {
		struct entry *en = &it->entries[e];
		const struct entry *re = &ri->entries[e];
		struct span *dst[3] = { &en->plan_span, &en->status_span, &en->note_span };
		const struct span *src[3] = { &re->plan_span, &re->status_span, &re->note_span };
		for (int s3 = 0; s3 < 3; s3++) {
			*dst[s3] = *src[s3];
			dst[s3]->start = (uint32_t)(c->start + src[s3]->start - c->header);
			dst[s3]->end = (uint32_t)(c->start + src[s3]->end - c->header);
			dst[s3]->line = (uint32_t)((long)src[s3]->line + line0);
		}
		en->line = (uint32_t)((long)re->line + line0);
	}
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
			if (next < list->n_checks && list->checks[next].item == it) {
				rebase_checked(it, &list->checks[next++], sl);
			} else {
				for (size_t e = 0; e < it->n_entries; e++) {
					struct entry *en = &it->entries[e];
					long b, l;
					shift_at(sp, k, en->plan_span.start, NULL, false, &b, &l);
					en->line = (uint32_t)((long)en->line + l);
					shift_span(&en->plan_span, sp, k);
					shift_span(&en->status_span, sp, k);
					shift_span(&en->note_span, sp, k);
				}
			}
			it->line = (uint32_t)((long)it->line + sl);
			it->text_start = (uint32_t)((long)it->text_start + sb);
			it->text_end = (uint32_t)((long)it->text_end + eb);
		}
	}
	free(plan->text);
	plan->text = out;
	plan->text_len = out_len;
}
