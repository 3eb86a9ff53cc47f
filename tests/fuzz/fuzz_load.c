/* fuzz_load.c - libFuzzer harness for the loader (see README.md here).
 *
 * Every input must either load or be refused with a position; the
 * sanitizers catch crashes, overflows, leaks and undefined behaviour.  When
 * an input loads, every editable span is checked: it lies inside the text,
 * quoted spans start and end with their quote, absent ones are empty, and
 * the bytes of a plain or quoted span parse on their own to the very value
 * the model holds.  That is what a later save by splicing relies on.  The
 * same holds for the spans of ratings and review dates, every insertion
 * point lies inside the text, and the consistency warnings run on every
 * plan that loads.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "edit.h"
#include "describe.h"
#include "lint.h"
#include "load.h"
#include "plan.h"
#include "splice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* New values the oracle writes: YAML look-alikes, quotes, indicators,
 * line breaks, CJK and characters beyond the BMP. */
static const char *const new_values[] = {
	"完了", "yes", "no", "null", "~", "123", "1.5", "", "a: b", "#x", "x #y", "- x", "[x]",
	"{a: b}", "'q'", "\"dq\"", "&a", "*a", "!t", "%", "@", "`", "|", ">", "a\tb", " lead",
	"trail ", "行1\n行2", "\r\n", "back\\slash", "\xf0\xa0\xae\xb7野家", "\xc2\x85",
	"\xe2\x80\xa8", "\xef\xbb\xbf", "\x01", "...", "---", "? x", ": x",
};

/* The splice oracle: the fuzz input also picks fields and new values;
 * the spliced text must either fail to load (a save then refuses) or
 * read back with exactly those values and nothing else changed. */
static void splice_oracle(const struct plan *plan, const uint8_t *data, size_t size)
{
	if (plan->n_entries == 0 || size == 0)
		return;
	struct change ch[4];
	size_t n = 0;
	unsigned seed = 2166136261u;
	for (size_t i = 0; i < size; i++)
		seed = (seed ^ data[i]) * 16777619u;
	for (int t = 0; t < 4; t++) {
		seed = seed * 1103515245u + 12345u;
		size_t pick = (seed >> 8) % plan->n_entries;
		const struct item *it = NULL;
		const struct entry *e = NULL;
		for (size_t p = 0; p < plan->n_policies && !e; p++)
			for (size_t i = 0; i < plan->policies[p].n_items && !e; i++) {
				const struct item *x = &plan->policies[p].items[i];
				if (pick < x->n_entries) {
					it = x;
					e = &x->entries[pick];
				} else {
					pick -= x->n_entries;
				}
			}
		if (!e)
			return;
		enum field f = (enum field)((seed >> 20) % 3);
		const char *v = new_values[(seed >> 4) % (sizeof new_values / sizeof *new_values)];
		if (f == FIELD_STATUS)
			v = plan->statuses[(seed >> 24) % plan->n_statuses].key;
		bool dup = false;
		for (size_t k = 0; k < n; k++)
			dup |= ch[k].year == e->year && ch[k].field == f && !strcmp(ch[k].item_id, it->id);
		if (dup)
			continue;
		ch[n].item_id = (char *)(uintptr_t)it->id;
		ch[n].year = e->year;
		ch[n].field = f;
		ch[n].base = NULL;
		ch[n].value = (char *)(uintptr_t)v;
		ch[n].unsettled = false;
		ch[n].theirs = NULL;
		n++;
	}
	struct splice_error err;
	size_t len;
	char *out = splice_changes(plan, ch, n, &len, &err);
	if (!out)
		return;   /* refused (a block scalar, say): the save says so */
	struct load_error lerr;
	struct plan *back = plan_load_buffer(out, len, &lerr);
	if (back && !verify_splice(plan, ch, n, back, &err)) {
		fprintf(stderr, "fuzz_load: splice oracle: code %d, %s %d field %d: \"%s\" "
		        "instead of \"%s\"\n", (int)err.code, err.item_id, err.year, (int)err.field,
		        err.got, err.want);
		abort();
	}
	plan_free(back);
	free(out);
}

static void fail_at(const char *what, uint32_t line, const char *field)
{
	fprintf(stderr, "fuzz_load: %s: field %s, line %u\n", what, field, line);
	abort();
}

/* Parse `value` alone, in the same context (block mapping value or flow
 * sequence element), and return its scalar as a malloc'd string of length
 * *len, or NULL when it does not parse as one scalar. */
static char *reparse(const char *value, size_t n, bool in_flow, size_t *len)
{
	const char *open = in_flow ? "[" : "k: ";
	const char *close = in_flow ? "]\n" : "\n";
	size_t lo = strlen(open), lc = strlen(close);
	char *buf = malloc(lo + n + lc);
	if (!buf)
		abort();
	memcpy(buf, open, lo);
	memcpy(buf + lo, value, n);
	memcpy(buf + lo + n, close, lc);

	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, lo + n + lc);
	/* Block: the value is the second scalar ("k" first); flow: the first. */
	int skip = in_flow ? 0 : 1;
	char *out = NULL;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev))
			break;
		yaml_event_type_t type = ev.type;
		if (type == YAML_SCALAR_EVENT && skip-- == 0) {
			*len = ev.data.scalar.length;
			out = malloc(*len + 1);
			if (!out)
				abort();
			memcpy(out, ev.data.scalar.value, *len);
			out[*len] = '\0';
		}
		yaml_event_delete(&ev);
		if (out || type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	free(buf);
	return out;
}

/* A span whose value the model holds, of something at line `at`. */
static void check_span_at(const struct plan *plan, uint32_t at, const struct span *sp,
                          const char *value, const char *field)
{
	if (sp->start > sp->end || sp->end > plan->text_len)
		fail_at("span out of bounds", at, field);
	if (sp->line == 0)
		fail_at("span without a line", at, field);
	const char *t = plan->text + sp->start;
	size_t n = sp->end - sp->start;
	switch (sp->style) {
	case SPAN_ABSENT:
		if (n != 0)
			fail_at("absent value with a non-empty span", at, field);
		if (value)
			fail_at("absent value with a model string", at, field);
		return;
	case SPAN_SINGLE:
	case SPAN_DOUBLE: {
		char q = sp->style == SPAN_SINGLE ? '\'' : '"';
		if (n < 2 || t[0] != q || t[n - 1] != q)
			fail_at("quoted span without its quotes", at, field);
		break;
	}
	case SPAN_PLAIN:
		break;
	case SPAN_LITERAL:
	case SPAN_FOLDED:
		/* Their indentation depends on the context: bounds only. */
		return;
	default:
		fail_at("unknown span style", at, field);
	}
	if (!value)
		fail_at("present value without a model string", at, field);
	size_t len;
	char *again = reparse(t, n, sp->in_flow, &len);
	if (!again)
		fail_at("span does not parse on its own", at, field);
	if (len != strlen(value) || memcmp(again, value, len) != 0) {
		fprintf(stderr, "fuzz_load: model \"%s\", span bytes \"%.*s\" parse as \"%s\"\n",
		        value, (int)n, t, again);
		fail_at("span value differs from the model", at, field);
	}
	free(again);
}

static void check_span(const struct plan *plan, const struct entry *e,
                       const struct span *sp, const char *value, const char *field)
{
	check_span_at(plan, e->plan_span.line ? e->plan_span.line : e->line, sp, value, field);
}

static void check_insertion(const struct plan *plan, const struct insertion *ins)
{
	if (ins->at > plan->text_len || (ins->kind != INSERT_NONE && ins->line == 0))
		fail_at("insertion point out of bounds", ins->line, "insertion");
	if ((ins->kind == INSERT_BLOCK_LIST || ins->kind == INSERT_BLOCK_KEY) && ins->at &&
	    ins->at < plan->text_len && plan->text[ins->at - 1] != '\n')
		fail_at("block insertion point not at a line start", ins->line, "insertion");
}

static void check_ratings(const struct plan *plan, const struct item *it)
{
	check_insertion(plan, &it->ratings_insert);
	for (size_t k = 0; k < it->n_ratings; k++) {
		const struct rating *r = &it->ratings[k];
		if (r->review < 0 || (size_t)r->review >= plan->n_reviews || r->level < 0 ||
		    (size_t)r->level >= plan->n_rating_levels)
			fail_at("unresolved rating", r->line, "rating");
		if (item_rating_at(it, r->review) != r)
			fail_at("two ratings at one date", r->line, "date");
		check_span_at(plan, r->line, &r->date_span, plan->reviews[r->review].date, "date");
		check_span_at(plan, r->line, &r->level_span, plan->rating_levels[r->level].key,
		              "rating");
		check_span_at(plan, r->line, &r->note_span, r->note, "note");
	}
}

/* The review cycle: dates, ratings, insertion points, and the warnings. */
static void check_cycle(const struct plan *plan)
{
	for (size_t r = 0; r < plan->n_reviews; r++) {
		const struct review_date *rd = &plan->reviews[r];
		check_span_at(plan, rd->line, &rd->date_span, rd->date, "review date");
		check_span_at(plan, rd->line, &rd->label_span, rd->label, "review label");
		if (r && rd->ymd <= plan->reviews[r - 1].ymd)
			fail_at("review dates out of order", rd->line, "date");
	}
	check_insertion(plan, &plan->reviews_insert);
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++)
			check_ratings(plan, &plan->policies[p].items[i]);
	struct lint_list list = { 0 };
	if (lint_plan(plan, &list)) {
		char msg[1024];
		for (size_t w = 0; w < list.n; w++) {
			lint_warning_format(plan, &list.w[w], "fuzz.yaml", msg, sizeof msg);
			if (list.w[w].line == 0)
				fail_at("warning without a line", 0, "warning");
		}
	}
	lint_list_free(&list);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_error err;
	struct plan *plan = plan_load_buffer((const char *)data, size, &err);
	if (!plan) {
		char msg[512];
		load_error_format(&err, "fuzz.yaml", msg, sizeof msg);
		if (strncmp(msg, "fuzz.yaml:", 10) != 0 || err.code == LOAD_OK || !msg[11])
			abort();   /* every refusal names a place and a reason */
		return 0;
	}
	if (plan->text_len != size || memcmp(plan->text, data, size) != 0)
		abort();   /* spans index the bytes exactly as given */
	if (plan->n_statuses == 0)
		abort();
	size_t items = 0, entries = 0;
	for (size_t p = 0; p < plan->n_policies; p++) {
		const struct policy *pol = &plan->policies[p];
		items += pol->n_items;
		for (size_t i = 0; i < pol->n_items; i++) {
			const struct item *it = &pol->items[i];
			entries += it->n_entries;
			for (size_t k = 0; k < it->n_entries; k++) {
				const struct entry *e = &it->entries[k];
				if (e->status < 0 || (size_t)e->status >= plan->n_statuses)
					abort();
				if (plan_year_index(plan, e->year) < 0)
					abort();
				check_span(plan, e, &e->plan_span, e->plan, "plan");
				check_span(plan, e, &e->status_span,
				           plan->statuses[e->status].key, "status");
				check_span(plan, e, &e->note_span, e->note, "note");
			}
		}
	}
	if (items != plan->n_items || entries != plan->n_entries)
		abort();
	check_cycle(plan);
	splice_oracle(plan, data, size);
	plan_free(plan);
	return 0;
}
