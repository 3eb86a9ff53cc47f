/* save.c - see save.h */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "changelog.h"
#include "describe.h"
#include "fileio.h"
#include "i18n.h"
#include "load.h"
#include "save.h"
#include "scalar.h"
#include "tsv.h"

/* ---- splicing -------------------------------------------------------- */

struct splice {
	size_t start, end;
	char *text;               /* replacement, malloc'd */
	const struct item *item;  /* whose value it is */
	long delta;               /* bytes added (negative: removed) */
	long lines;               /* line ends added (negative: removed) */
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

/* Splice the changes into plan's text.  With list, the splices (sorted,
 * with their item and size change) are handed to the caller, who frees
 * them with splices_free(). */
static char *splice_build(const struct plan *plan, const struct change *changes, size_t n,
                          size_t *out_len, char *err, size_t errsize,
                          struct splice **list, size_t *n_list)
{
	struct splice *sp = calloc(n ? n : 1, sizeof *sp);
	size_t k = 0, total = plan->text_len;
	char *out = NULL;
	if (!sp) {
		snprintf(err, errsize, "%s", _("out of memory"));
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const struct change *c = &changes[i];
		const struct item *it = plan_find_item(plan, c->item_id);
		const struct entry *e = it ? item_entry_for_year(it, c->year) : NULL;
		if (!e) {
			snprintf(err, errsize, _("%s %d is not in the file"), c->item_id, c->year);
			goto out;
		}
		const struct span *span = field_span(e, c->field);
		if (span->style == SPAN_LITERAL || span->style == SPAN_FOLDED) {
			snprintf(err, errsize, _("the %s of %s %d is a block scalar (| or >) at line %u; "
			         "edit it by hand"), field_name(c->field), c->item_id, c->year,
			         (unsigned)span->line);
			goto out;
		}
		if (span->style == SPAN_ABSENT && !c->value)
			continue;   /* an absent note stays absent */
		sp[k].item = it;
		sp[k].start = span->start;
		sp[k].end = span->end;
		if (!c->value && c->field == FIELD_NOTE &&
		    removal_range(plan, span, field_name(c->field), &sp[k].start, &sp[k].end))
			sp[k].text = strdup("");
		else
			sp[k].text = replacement(plan, span, c->value, field_name(c->field));
		if (!sp[k].text) {
			snprintf(err, errsize, _("cannot write the %s of %s %d as YAML"),
			         field_name(c->field), c->item_id, c->year);
			goto out;
		}
		size_t tl = strlen(sp[k].text), ol = sp[k].end - sp[k].start;
		sp[k].delta = (long)tl - (long)ol;
		sp[k].lines = (long)count_newlines(sp[k].text, tl) -
		              (long)count_newlines(plan->text + sp[k].start, ol);
		total += tl;
		k++;
	}
	qsort(sp, k, sizeof *sp, splice_cmp);
	out = malloc(total + 1);
	if (!out) {
		snprintf(err, errsize, "%s", _("out of memory"));
		goto out;
	}
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
	if (list) {
		*list = sp;
		*n_list = k;
		return out;
	}
out:
	for (size_t i = 0; i < k; i++)
		free(sp[i].text);
	free(sp);
	return out;
}

static void splices_free(struct splice *sp, size_t k)
{
	for (size_t i = 0; i < k; i++)
		free(sp[i].text);
	free(sp);
}

char *splice_changes(const struct plan *plan, const struct change *changes, size_t n,
                     size_t *out_len, char *err, size_t errsize)
{
	return splice_build(plan, changes, n, out_len, err, errsize, NULL, NULL);
}

/* ---- verification ---------------------------------------------------- */

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

bool verify_splice(const struct plan *expected, const struct change *changes, size_t n,
                   const struct plan *written, char *err, size_t errsize)
{
	struct target *t = calloc(n ? n : 1, sizeof *t);
	bool ok = false;
	if (!t) {
		snprintf(err, errsize, "%s", _("out of memory"));
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const struct item *it = plan_find_item(expected, changes[i].item_id);
		t[i].entry = it ? item_entry_for_year(it, changes[i].year) : NULL;
		t[i].field = changes[i].field;
		t[i].value = changes[i].value;
	}
	qsort(t, n, sizeof *t, target_cmp);
	if (expected->n_policies != written->n_policies || expected->n_items != written->n_items ||
	    expected->n_entries != written->n_entries) {
		snprintf(err, errsize, "%s", _("the saved file has a different shape"));
		goto out;
	}
	for (size_t p = 0; p < expected->n_policies; p++) {
		const struct policy *ep = &expected->policies[p], *wp = &written->policies[p];
		if (ep->n_items != wp->n_items || strcmp(ep->id, wp->id) || strcmp(ep->title, wp->title)) {
			snprintf(err, errsize, _("policy %s reads back differently"), ep->id);
			goto out;
		}
		for (size_t i = 0; i < ep->n_items; i++) {
			const struct item *ei = &ep->items[i], *wi = &wp->items[i];
			if (strcmp(ei->id, wi->id) || strcmp(ei->title, wi->title) ||
			    ei->n_entries != wi->n_entries) {
				snprintf(err, errsize, _("item %s reads back differently"), ei->id);
				goto out;
			}
			for (size_t e = 0; e < ei->n_entries; e++) {
				const struct entry *ee = &ei->entries[e], *we = &wi->entries[e];
				if (ee->year != we->year) {
					snprintf(err, errsize, _("item %s year %d reads back differently"),
					         ei->id, ee->year);
					goto out;
				}
				for (int f = FIELD_STATUS; f <= FIELD_NOTE; f++) {
					const char *want = entry_field(expected, ee, (enum field)f);
					struct target key = { ee, (enum field)f, NULL };
					const struct target *hit = bsearch(&key, t, n, sizeof *t, target_cmp);
					if (hit)
						want = hit->value;
					/* a removed note reads back absent, or empty where its
					 * line could not be removed */
					if (f == FIELD_NOTE && !want && hit && we->note &&
					    we->note_span.style != SPAN_ABSENT)
						want = "";
					const char *got = entry_field(written, we, (enum field)f);
					if (!str_eq_nullable(want, got)) {
						snprintf(err, errsize, _("the %s of %s %d would read back as \"%.60s\" "
						         "instead of \"%.60s\""), field_name((enum field)f), ei->id,
						         ee->year, got ? got : "(none)", want ? want : "(none)");
						goto out;
					}
				}
			}
		}
	}
	ok = true;
out:
	free(t);
	return ok;
}

/* ---- checking a large file item by item ------------------------------ */

#define LOCAL_CHECK_MIN ((size_t)8 << 20)

/* A full parse of a 100 MB plan costs seconds; when only a few items
 * changed and nothing else did, parsing the text of those items is the
 * same check.  Every byte outside them is the loaded text, which parsed;
 * each changed item's text runs from the start of its first line to the
 * start of the next node's line, in block style, so it is self-contained:
 * parsed on its own under an "items:" key it must give the same item with
 * the new values.  The in-memory plan is then moved onto the new text
 * (every later span shifted by the splices before it) instead of being
 * built again. */

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

/* Is every change in a block-style item, so that the local check applies? */
static bool all_items_block(const struct plan *plan, const struct change *apply, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct item *it = plan_find_item(plan, apply[i].item_id);
		if (!it || !it->block || it->text_end <= it->text_start)
			return false;
	}
	return true;
}

/* One changed item, parsed again from its new text. */
struct item_check {
	struct item *item;
	struct plan *region;      /* the item's text under the synthetic header */
	size_t header;            /* bytes of that header */
	size_t start, end;        /* the item's text in the new file */
};

static void item_checks_free(struct item_check *checks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		plan_free(checks[i].region);
	free(checks);
}

static bool item_is_changed(const struct item *it, const struct change *apply, size_t n)
{
	for (size_t c = 0; c < n; c++)
		if (strcmp(apply[c].item_id, it->id) == 0)
			return true;
	return false;
}

/* Parse each changed item's text in `out` on its own and compare it with
 * the model.  On true, *checks (in plan order) holds what rebase_plan()
 * needs; on false, err says why and nothing is kept. */
static bool check_items(struct plan *plan, const struct change *apply, size_t n,
                        const struct splice *sp, size_t k, const char *out, size_t out_len,
                        struct item_check **checks, size_t *n_checks, char *err, size_t errsize)
{
	struct item_check *list = calloc(n ? n : 1, sizeof *list);
	size_t count = 0;
	if (!list) {
		snprintf(err, errsize, "%s", _("out of memory"));
		return false;
	}
	for (size_t p = 0; p < plan->n_policies; p++) {
		struct policy *pol = &plan->policies[p];
		for (size_t i = 0; i < pol->n_items; i++) {
			struct item *it = &pol->items[i];
			if (!item_is_changed(it, apply, n))
				continue;
			long sb, sl, eb, el;
			shift_at(sp, k, it->text_start, it, false, &sb, &sl);
			shift_at(sp, k, it->text_end, it, true, &eb, &el);
			size_t start = (size_t)((long)it->text_start + sb);
			size_t end = (size_t)((long)it->text_end + eb);
			if (end > out_len || start > end || count == n) {
				snprintf(err, errsize, _("item %s: cannot find its text"), it->id);
				goto fail;
			}
			struct item_check *c = &list[count++];
			c->item = it;
			c->start = start;
			c->end = end;
			char *doc = region_document(plan, out + start, end - start, &c->header);
			struct load_error lerr;
			c->region = doc ? plan_load_buffer(doc, strlen(doc), &lerr) : NULL;
			bool had_doc = doc != NULL;
			free(doc);
			if (!c->region) {
				char why[200];
				if (had_doc)
					load_error_message(&lerr, why, sizeof why);
				snprintf(err, errsize, _("item %.40s would not load (%.120s)"), it->id,
				         had_doc ? why : _("out of memory"));
				goto fail;
			}
			const struct plan *rp = c->region;
			const struct item *ri = rp->n_policies == 1 && rp->policies[0].n_items == 1
			                        ? &rp->policies[0].items[0] : NULL;
			if (!ri || strcmp(ri->id, it->id) || strcmp(ri->title, it->title) ||
			    ri->n_entries != it->n_entries) {
				snprintf(err, errsize, _("item %s reads back differently"), it->id);
				goto fail;
			}
			for (size_t e = 0; e < it->n_entries; e++) {
				const struct entry *want = &it->entries[e], *got = &ri->entries[e];
				for (int f = FIELD_STATUS; f <= FIELD_NOTE; f++) {
					const char *w = entry_field(plan, want, (enum field)f);
					const char *g = entry_field(rp, got, (enum field)f);
					/* a removed note reads back absent, or empty where its
					 * line could not be removed */
					if (f == FIELD_NOTE && !w && g && !*g)
						w = "";
					if (want->year != got->year || !str_eq_nullable(w, g)) {
						snprintf(err, errsize, _("the %s of %s %d would read back as "
						         "\"%.60s\" instead of \"%.60s\""), field_name((enum field)f),
						         it->id, want->year, g ? g : "(none)", w ? w : "(none)");
						goto fail;
					}
				}
			}
		}
	}
	*checks = list;
	*n_checks = count;
	return true;
fail:
	item_checks_free(list, count);
	return false;
}

/* Move the plan onto the new text: every span, line and item region
 * shifted by the splices before it, the changed items' spans taken from
 * their checks.  Allocates nothing and cannot fail; takes out. */
static void rebase_plan(struct plan *plan, const struct splice *sp, size_t k,
                        const struct item_check *checks, size_t n_checks, char *out,
                        size_t out_len)
{
	size_t next = 0;
	for (size_t p = 0; p < plan->n_policies; p++) {
		struct policy *pol = &plan->policies[p];
		for (size_t i = 0; i < pol->n_items; i++) {
			struct item *it = &pol->items[i];
			long sb, sl, eb, el;
			shift_at(sp, k, it->text_start, it, false, &sb, &sl);
			shift_at(sp, k, it->text_end, it, true, &eb, &el);
			if (next < n_checks && checks[next].item == it) {
				const struct item_check *c = &checks[next++];
				const struct item *ri = &c->region->policies[0].items[0];
				long line0 = (long)it->line + sl - (long)ri->line;
				for (size_t e = 0; e < it->n_entries; e++) {
					struct entry *en = &it->entries[e];
					const struct entry *re = &ri->entries[e];
					struct span *dst[3] = { &en->plan_span, &en->status_span, &en->note_span };
					const struct span *src[3] = { &re->plan_span, &re->status_span,
					                              &re->note_span };
					for (int s3 = 0; s3 < 3; s3++) {
						*dst[s3] = *src[s3];
						dst[s3]->start = (uint32_t)(c->start + src[s3]->start - c->header);
						dst[s3]->end = (uint32_t)(c->start + src[s3]->end - c->header);
						dst[s3]->line = (uint32_t)((long)src[s3]->line + line0);
					}
					en->line = (uint32_t)((long)re->line + line0);
				}
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

/* ---- the save -------------------------------------------------------- */

void save_report_free(struct save_report *r)
{
	for (size_t i = 0; i < r->n_conflicts; i++) {
		free(r->conflicts[i].item_id);
		free(r->conflicts[i].base);
		free(r->conflicts[i].theirs);
		free(r->conflicts[i].ours);
	}
	free(r->conflicts);
	r->conflicts = NULL;
	r->n_conflicts = 0;
}


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

/* The base values as loaded: the model with our pending changes undone. */
static const char *base_value(const struct editor *ed, const struct item *it,
                              const struct entry *e, enum field f)
{
	for (size_t i = 0; i < ed->n_changes; i++) {
		const struct change *c = &ed->changes[i];
		if (c->year == e->year && c->field == f && strcmp(c->item_id, it->id) == 0)
			return c->base;
	}
	return entry_field(ed->plan, e, f);
}

static size_t count_their_changes(const struct editor *ed, const struct plan *theirs)
{
	size_t n = 0;
	const struct plan *a = ed->plan;
	for (size_t p = 0; p < theirs->n_policies; p++)
		for (size_t i = 0; i < theirs->policies[p].n_items; i++) {
			const struct item *ti = &theirs->policies[p].items[i];
			/* the same place first: plan_find_item on every item would
			 * be quadratic on a large plan */
			const struct item *ai = p < a->n_policies && i < a->policies[p].n_items &&
			        strcmp(a->policies[p].items[i].id, ti->id) == 0
			        ? &a->policies[p].items[i] : plan_find_item(a, ti->id);
			for (size_t e = 0; e < ti->n_entries; e++) {
				const struct entry *te = &ti->entries[e];
				const struct entry *ae = ai ? item_entry_for_year(ai, te->year) : NULL;
				for (int f = FIELD_STATUS; f <= FIELD_NOTE; f++)
					if (!ae || !str_eq_nullable(base_value(ed, ai, ae, (enum field)f),
					                            entry_field(theirs, te, (enum field)f)))
						n++;
			}
		}
	return n;
}

static void say_conflicts(struct save_report *r)
{
	snprintf(r->message, sizeof r->message,
	         ngettext("%zu field was changed both here and by another session; "
	                  "choose which to keep",
	                  "%zu fields were changed both here and by another session; "
	                  "choose which to keep", r->n_conflicts), r->n_conflicts);
}

enum save_status editor_save(struct editor *ed, const char *path,
                             const struct save_options *opt, struct save_report *r)
{
	memset(r, 0, sizeof *r);
	size_t pending = editor_unsaved(ed);
	if (pending == 0) {
		snprintf(r->message, sizeof r->message, "%s", _("nothing to save"));
		return SAVE_OK;
	}
	/* Fields another session also changed, seen before this save (by a
	 * reload or a rescue): the user chooses first, nothing is written. */
	for (size_t i = 0; i < ed->n_changes; i++) {
		const struct change *c = &ed->changes[i];
		if (c->unsettled && change_is_pending(c) &&
		    conflict_add(&r->conflicts, &r->n_conflicts, c, c->theirs)) {
			save_report_free(r);
			snprintf(r->message, sizeof r->message, "%s", _("out of memory; your edits are kept"));
			return SAVE_FAILED;
		}
	}
	if (r->n_conflicts) {
		say_conflicts(r);
		return SAVE_CONFLICT;
	}
	enum save_status status = SAVE_FAILED;
	char *target = file_resolve(path);
	char *disk = NULL, *out = NULL;
	struct plan *theirs = NULL, *written = NULL;
	struct change *apply = calloc(ed->n_changes, sizeof *apply);
	int lock_fd = -1;
	struct splice *splices = NULL;
	size_t n_splices = 0, n_checks = 0;
	struct item_check *checks = NULL;
	if (!target || !apply) {
		snprintf(r->message, sizeof r->message, "%s", _("out of memory"));
		goto out;
	}
	int timeout = opt && opt->lock_timeout_ms > 0 ? opt->lock_timeout_ms : 10000;
	char lerr_msg[400];
	if (file_lock(target, timeout, &lock_fd, lerr_msg, sizeof lerr_msg)) {
		snprintf(r->message, sizeof r->message, _("cannot save: %s; your edits are kept"),
		         lerr_msg);
		goto out;
	}

	/* Under the lock: is the file on disk still what we loaded?  Compared
	 * in small pieces; only a changed file is read whole, to merge it. */
	size_t disk_len;
	int same = file_same(target, ed->plan->text, ed->plan->text_len);
	int e = same < 0 ? -same : 0;
	if (!e && !same)
		e = file_read_all(target, LOAD_MAX_BYTES, &disk, &disk_len);
	if (e) {
		snprintf(r->message, sizeof r->message, _("cannot read %s: %s; your edits are kept"), path,
		         strerror(e));
		goto out;
	}
	const struct plan *base_plan = ed->plan;
	bool changed_on_disk = !same;
	if (changed_on_disk) {
		struct load_error lerr;
		theirs = plan_load_buffer(disk, disk_len, &lerr);
		if (!theirs) {
			char where[400];
			load_error_format(&lerr, path, where, sizeof where);
			snprintf(r->message, sizeof r->message,
			         _("%s was changed by someone else and no longer loads (%s); "
			         "your edits are kept"), path, where);
			goto out;
		}
		base_plan = theirs;
	}

	/* Three-way: apply each of our changes on top of theirs. */
	size_t n_apply = 0;
	for (size_t i = 0; i < ed->n_changes; i++) {
		const struct change *c = &ed->changes[i];
		if (!change_is_pending(c))
			continue;
		if (changed_on_disk) {
			const struct item *ti = plan_find_item(theirs, c->item_id);
			const struct entry *te = ti ? item_entry_for_year(ti, c->year) : NULL;
			if (!te) {
				snprintf(r->message, sizeof r->message, _("%s %d was removed from %s by "
				         "someone else; your edits are kept"), c->item_id, c->year, path);
				goto out;
			}
			const char *t = entry_field(theirs, te, c->field);
			if (str_eq_nullable(t, c->value))
				continue;   /* they made the same change */
			if (!str_eq_nullable(t, c->base)) {
				if (conflict_add(&r->conflicts, &r->n_conflicts, c, t)) {
					snprintf(r->message, sizeof r->message, "%s", _("out of memory"));
					goto out;
				}
				continue;
			}
		}
		apply[n_apply++] = *c;
	}
	if (r->n_conflicts) {
		say_conflicts(r);
		status = SAVE_CONFLICT;
		goto out;
	}

	size_t out_len = 0;
	char serr[256];
	/* A large file that nobody else changed is checked item by item (see
	 * check_items); everything else is parsed again whole. */
	size_t local_min = opt && opt->local_check_min ? opt->local_check_min : LOCAL_CHECK_MIN;
	bool local = !changed_on_disk && base_plan->text_len >= local_min &&
	             all_items_block(base_plan, apply, n_apply);
	out = splice_build(base_plan, apply, n_apply, &out_len, serr, sizeof serr,
	                   local ? &splices : NULL, &n_splices);
	if (!out) {
		snprintf(r->message, sizeof r->message, _("cannot save: %s; your edits are kept"), serr);
		goto out;
	}
	/* The item check is only quicker: when it cannot vouch for the
	 * result, the whole file is parsed as for any other save. */
	if (local && !check_items(ed->plan, apply, n_apply, splices, n_splices, out, out_len,
	                          &checks, &n_checks, serr, sizeof serr))
		local = false;
	if (!local) {
		struct load_error lerr;
		written = plan_load_buffer(out, out_len, &lerr);
		if (!written) {
			char why[300];
			load_error_message(&lerr, why, sizeof why);
			snprintf(r->message, sizeof r->message, _("refusing to save: the result would not "
			         "load (%lu:%lu: %s); your edits are kept"), lerr.line, lerr.col, why);
			goto out;
		}
		if (!verify_splice(base_plan, apply, n_apply, written, serr, sizeof serr)) {
			snprintf(r->message, sizeof r->message, _("refusing to save: %s; your edits are "
			         "kept"), serr);
			goto out;
		}
	}
	serr[0] = '\0';
	if (file_write_atomic(target, out, out_len, opt && opt->backup, serr, sizeof serr)) {
		snprintf(r->message, sizeof r->message, _("cannot save: %s; your edits are kept"), serr);
		goto out;
	}
	file_stamp_get(target, &r->stamp);
	/* Still under the lock: record who changed what. */
	char lerrmsg[300] = "";
	bool logged = changelog_append(target, apply, n_apply, time(NULL), changelog_user(),
	                               lerrmsg, sizeof lerrmsg) == 0;
	r->written = n_apply;
	r->merged = changed_on_disk ? count_their_changes(ed, theirs) : 0;
	snprintf(r->message, sizeof r->message, ngettext("saved %zu change", "saved %zu changes",
	                                                 n_apply), n_apply);
	if (r->merged) {
		size_t used = strlen(r->message);
		snprintf(r->message + used, sizeof r->message - used,
		         ngettext("; merged %zu change from another session",
		                  "; merged %zu changes from another session", r->merged), r->merged);
	}
	if (!logged || serr[0]) {
		size_t used = strlen(r->message);
		snprintf(r->message + used, sizeof r->message - used, " (but %s)",
		         !logged ? lerrmsg : serr);
	}
	if (local) {
		rebase_plan(ed->plan, splices, n_splices, checks, n_checks, out, out_len);
		out = NULL;   /* the plan's text now */
	}
	if (written) {
		editor_replace_plan(ed, written);
		written = NULL;
	}
	editor_mark_saved(ed);
	recovery_prune(target, ed->plan);
	status = SAVE_OK;
out:
	file_unlock(lock_fd);
	splices_free(splices, n_splices);
	item_checks_free(checks, n_checks);
	plan_free(theirs);
	plan_free(written);
	free(apply);
	free(out);
	free(disk);
	free(target);
	return status;
}

enum edit_result editor_resolve(struct editor *ed, const struct conflict *c, bool keep_ours)
{
	for (size_t i = 0; i < ed->n_changes; i++) {
		struct change *ch = &ed->changes[i];
		if (ch->year != c->year || ch->field != c->field || strcmp(ch->item_id, c->item_id))
			continue;
		if (keep_ours) {
			/* theirs becomes the base, so the next save writes ours over it */
			char *b = str_dup_nullable(c->theirs);
			if (c->theirs && !b)
				return EDIT_NO_MEMORY;
			free(ch->base);
			ch->base = b;
			free(ch->theirs);
			ch->theirs = NULL;
			ch->unsettled = false;
			return EDIT_OK;
		}
		/* take theirs: the model shows it, and since the file holds it
		 * now it is the base too, so nothing is left pending */
		char *b = str_dup_nullable(c->theirs);
		if (c->theirs && !b)
			return EDIT_NO_MEMORY;
		enum edit_result r = editor_set(ed, c->item_id, c->year, c->field, c->theirs);
		if (r != EDIT_OK && r != EDIT_UNCHANGED) {
			free(b);
			return r;
		}
		struct change *now = &ed->changes[i];   /* set_field reused this change */
		free(now->base);
		now->base = b;
		free(now->theirs);
		now->theirs = NULL;
		now->unsettled = false;
		return EDIT_OK;
	}
	return EDIT_NOT_FOUND;
}

/* ---- recovery file --------------------------------------------------- */

#define RECOVERY_HEADER \
	"# plandash recovery: unsaved edits of this plan (item, year, field, old, new)\n"

int recovery_path(const char *path, char *out, size_t size)
{
	return file_sibling(path, ".recover", out, size);
}

void recovery_prune(const char *path, const struct plan *plan)
{
	struct change *ch;
	size_t n, left = 0;
	if (recovery_read(path, &ch, &n) != 0)
		return;
	char rpath[4096];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = recovery_path(path, rpath, sizeof rpath) == 0 ? open_memstream(&buf, &len) : NULL;
	if (f) {
		fputs(RECOVERY_HEADER, f);
		for (size_t i = 0; i < n; i++) {
			const struct item *it = plan_find_item(plan, ch[i].item_id);
			const struct entry *e = it ? item_entry_for_year(it, ch[i].year) : NULL;
			if (e && str_eq_nullable(entry_field(plan, e, ch[i].field), ch[i].value))
				continue;   /* the file holds it now */
			tsv_put_change(f, &ch[i]);
			left++;
		}
		if (fclose(f) == 0) {
			if (left)
				file_write_atomic(rpath, buf, len, false, NULL, 0);
			else
				unlink(rpath);
		}
		free(buf);
	}
	changes_free(ch, n);
}

static int recovery_store_locked(const char *path, char *rpath, size_t rsize,
                                 const struct change *changes, size_t n,
                                 char *err, size_t errsize);

int recovery_store(const char *path, const struct change *changes, size_t n,
                   char *err, size_t errsize)
{
	char rpath[4096];
	if (recovery_path(path, rpath, sizeof rpath))
		return ENAMETOOLONG;
	/* Under the save lock, so a save's recovery_prune() and another
	 * session's rescue do not interleave with us; a hang-up does not wait
	 * long for it, since rescuing matters more. */
	char *target = file_resolve(path);
	int lock_fd = -1;
	if (target)
		file_lock(target, 500, &lock_fd, NULL, 0);
	free(target);
	int e = recovery_store_locked(path, rpath, sizeof rpath, changes, n, err, errsize);
	file_unlock(lock_fd);
	return e;
}

static int recovery_store_locked(const char *path, char *rpath, size_t rsize,
                                 const struct change *changes, size_t n,
                                 char *err, size_t errsize)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return errno;
	fputs(RECOVERY_HEADER, f);
	/* Keep what an earlier rescue left (the user may have started without
	 * re-applying it) unless the same field is stored again now. */
	struct change *older = NULL;
	size_t n_older = 0;
	int rd = recovery_read(path, &older, &n_older);
	if (rd != 0 && rd != ENOENT) {
		/* an earlier rescue we cannot read is not overwritten: ours goes
		 * beside it */
		size_t used = strlen(rpath);
		snprintf(rpath + used, rsize - used, ".%ld", (long)getpid());
	}
	if (rd == 0) {
		for (size_t i = 0; i < n_older; i++) {
			const struct change *o = &older[i];
			bool replaced = false;
			for (size_t j = 0; j < n && !replaced; j++) {
				const struct change *c = &changes[j];
				replaced = change_is_pending(c) && c->year == o->year &&
				           c->field == o->field && strcmp(c->item_id, o->item_id) == 0;
			}
			if (!replaced)
				tsv_put_change(f, o);
		}
		changes_free(older, n_older);
	}
	for (size_t i = 0; i < n; i++)
		if (change_is_pending(&changes[i]))
			tsv_put_change(f, &changes[i]);
	if (fclose(f) != 0) {
		free(buf);
		return ENOMEM;
	}
	int e = file_write_atomic(rpath, buf, len, false, err, errsize);
	free(buf);
	return e;
}

int recovery_write(const struct editor *ed, const char *path, char *err, size_t errsize)
{
	return recovery_store(path, ed->changes, ed->n_changes, err, errsize);
}

void changes_free(struct change *changes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		change_release(&changes[i]);
	free(changes);
}

int recovery_read(const char *path, struct change **changes, size_t *n)
{
	char rpath[4096];
	*changes = NULL;
	*n = 0;
	if (recovery_path(path, rpath, sizeof rpath))
		return ENAMETOOLONG;
	char *data;
	size_t len;
	int e = file_read_all(rpath, (size_t)64 << 20, &data, &len);
	if (e)
		return e;
	struct change *list = NULL;
	size_t count = 0;
	for (char *line = data, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || !*line)
			continue;
		char *f[5];
		int field = tsv_split(line, f, 5) == 5 ? field_parse(f[2]) : -1;
		if (field < 0)
			continue;   /* not a line we wrote */
		struct change *l = realloc(list, (count + 1) * sizeof *l);
		if (!l) {
			e = ENOMEM;
			break;
		}
		list = l;
		struct change *c = &list[count++];
		memset(c, 0, sizeof *c);
		c->year = atoi(f[1]);
		c->field = (enum field)field;
		const char *id = tsv_unescape(f[0]), *old = tsv_unescape(f[3]), *val = tsv_unescape(f[4]);
		c->item_id = strdup(id ? id : "");
		c->base = str_dup_nullable(old);
		c->value = str_dup_nullable(val);
	}
	free(data);
	if (e) {
		changes_free(list, count);
		return e;
	}
	*changes = list;
	*n = count;
	return 0;
}
