/* query.c - see query.h */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "query.h"
#include "utf8.h"

/* ---- text matching ---------------------------------------------------- */

static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

const char *text_find(const char *haystack, const char *needle)
{
	if (!haystack)
		return NULL;
	if (!needle || !*needle)
		return haystack;
	unsigned char first = ascii_lower((unsigned char)*needle);
	for (const char *h = haystack; *h; h++) {
		if (ascii_lower((unsigned char)*h) != first ||
		    ((unsigned char)*h & 0xC0) == 0x80)   /* never inside a character */
			continue;
		size_t k = 1;
		while (needle[k] && ascii_lower((unsigned char)h[k]) == ascii_lower((unsigned char)needle[k]))
			k++;
		if (!needle[k])
			return h;
	}
	return NULL;
}

bool text_contains(const char *haystack, const char *needle)
{
	return text_find(haystack, needle) != NULL;
}

/* ---- filters ------------------------------------------------------------ */

void filter_clear(struct filter *f)
{
	memset(f, 0, sizeof *f);
}

bool filter_active(const struct filter *f)
{
	return f && (f->statuses || f->year || f->department[0] || f->revised || f->overdue);
}

bool filter_set_department(struct filter *f, const char *name)
{
	size_t len = strlen(name);
	if (len >= sizeof f->department)
		return false;
	memcpy(f->department, name, len + 1);
	return true;
}

int fiscal_year_of(time_t when)
{
	struct tm tm;
	localtime_r(&when, &tm);
	return tm.tm_year + 1900 - (tm.tm_mon < 3);   /* January..March belong to the year before */
}

static bool has_entry_terms(const struct filter *f)
{
	return f && (f->year || f->statuses || f->overdue);
}

static bool item_terms_pass(const struct filter *f, const struct item *it)
{
	if (!f)
		return true;
	if (f->revised && !it->revised)
		return false;
	if (f->department[0]) {
		for (size_t d = 0; d < it->n_departments; d++)
			if (strcmp(it->departments[d], f->department) == 0)
				return true;
		return false;
	}
	return true;
}

static bool entry_terms_pass(const struct plan *plan, const struct filter *f,
                             const struct entry *e)
{
	if (!f)
		return true;
	if (f->year && e->year != f->year)
		return false;
	if (f->statuses && (e->status < 0 || e->status >= FILTER_MAX_STATUSES ||
	                    !(f->statuses & (UINT32_C(1) << e->status))))
		return false;
	if (f->overdue && (e->year >= f->reference_year || plan->statuses[e->status].final))
		return false;
	return true;
}

bool filter_entry(const struct plan *plan, const struct filter *f, const struct item *item,
                  const struct entry *entry)
{
	return item_terms_pass(f, item) && entry_terms_pass(plan, f, entry);
}

bool filter_item(const struct plan *plan, const struct filter *f, const struct item *item)
{
	if (!item_terms_pass(f, item))
		return false;
	if (!has_entry_terms(f))
		return true;
	for (size_t e = 0; e < item->n_entries; e++)
		if (entry_terms_pass(plan, f, &item->entries[e]))
			return true;
	return false;
}

int plan_departments(const struct plan *plan, const char ***list, size_t *n)
{
	const char **out = NULL;
	size_t count = 0, cap = 0;
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			for (size_t d = 0; d < it->n_departments; d++) {
				const char *name = it->departments[d];
				size_t k = 0;
				while (k < count && strcmp(out[k], name) != 0)
					k++;
				if (k < count)
					continue;
				if (count == cap) {
					size_t c = cap ? cap * 2 : 32;
					const char **grown = realloc(out, c * sizeof *grown);
					if (!grown) {
						free(out);
						*list = NULL;
						*n = 0;
						return ENOMEM;
					}
					out = grown;
					cap = c;
				}
				out[count++] = name;
			}
		}
	*list = out;
	*n = count;
	return 0;
}

/* ---- counts ------------------------------------------------------------- */

static void tally_policy(const struct plan *plan, const struct filter *f,
                         const struct policy *pol, int year, struct tally *t)
{
	for (size_t i = 0; i < pol->n_items; i++) {
		const struct item *it = &pol->items[i];
		if (!item_terms_pass(f, it))
			continue;
		bool counted = false;
		for (size_t e = 0; e < it->n_entries; e++) {
			const struct entry *en = &it->entries[e];
			if ((year && en->year != year) || !entry_terms_pass(plan, f, en))
				continue;
			counted = true;
			t->entries++;
			if (en->status >= 0 && en->status < FILTER_MAX_STATUSES)
				t->by_status[en->status]++;
			if (plan->statuses[en->status].final)
				t->final++;
		}
		t->items += counted;
	}
}

void tally_count(const struct plan *plan, const struct filter *f, int policy, int year,
                 struct tally *out)
{
	memset(out, 0, sizeof *out);
	if (policy >= 0) {
		if ((size_t)policy < plan->n_policies)
			tally_policy(plan, f, &plan->policies[policy], year, out);
		return;
	}
	for (size_t p = 0; p < plan->n_policies; p++)
		tally_policy(plan, f, &plan->policies[p], year, out);
}

int tally_percent_final(const struct tally *t)
{
	return t->entries ? (int)(t->final * 100 / t->entries) : -1;
}

/* ---- positions ---------------------------------------------------------- */

struct plan_pos pos_item_start(int policy, int item)
{
	return (struct plan_pos){ .policy = policy, .item = item, .entry = -1, .field = MATCH_ID };
}

const struct item *pos_item(const struct plan *plan, const struct plan_pos *pos)
{
	if (!pos || pos->policy < 0 || (size_t)pos->policy >= plan->n_policies)
		return NULL;
	const struct policy *pol = &plan->policies[pos->policy];
	if (pos->item < 0 || (size_t)pos->item >= pol->n_items)
		return NULL;
	return &pol->items[pos->item];
}

const struct entry *pos_entry(const struct plan *plan, const struct plan_pos *pos)
{
	const struct item *it = pos_item(plan, pos);
	if (!it || pos->entry < 0 || (size_t)pos->entry >= it->n_entries)
		return NULL;
	return &it->entries[pos->entry];
}

/* Within an item the fields are numbered: 0 id, 1 title, 2.. departments,
 * then content, then two per entry (plan, note). */
static size_t item_slots(const struct item *it)
{
	return 3 + it->n_departments + 2 * it->n_entries;
}

static bool pos_to_slot(const struct plan *plan, const struct plan_pos *pos, size_t *slot)
{
	const struct item *it = pos_item(plan, pos);
	if (!it)
		return false;
	size_t nd = it->n_departments;
	switch (pos->field) {
	case MATCH_ID:    *slot = 0; return true;
	case MATCH_TITLE: *slot = 1; return true;
	case MATCH_DEPARTMENT:
		if (pos->sub < 0 || (size_t)pos->sub >= nd)
			return false;
		*slot = 2 + (size_t)pos->sub;
		return true;
	case MATCH_CONTENT: *slot = 2 + nd; return true;
	case MATCH_PLAN:
	case MATCH_NOTE:
		if (pos->entry < 0 || (size_t)pos->entry >= it->n_entries)
			return false;
		*slot = 3 + nd + 2 * (size_t)pos->entry + (pos->field == MATCH_NOTE);
		return true;
	default:
		return false;
	}
}

static struct plan_pos slot_to_pos(const struct item *it, int policy, int item, size_t slot)
{
	struct plan_pos pos = pos_item_start(policy, item);
	size_t nd = it->n_departments;
	if (slot == 1) {
		pos.field = MATCH_TITLE;
	} else if (slot >= 2 && slot < 2 + nd) {
		pos.field = MATCH_DEPARTMENT;
		pos.sub = (int)(slot - 2);
	} else if (slot == 2 + nd) {
		pos.field = MATCH_CONTENT;
	} else if (slot > 2 + nd) {
		size_t k = slot - 3 - nd;
		pos.entry = (int)(k / 2);
		pos.field = k % 2 ? MATCH_NOTE : MATCH_PLAN;
	}
	return pos;
}

static const char *slot_text(const struct item *it, size_t slot)
{
	size_t nd = it->n_departments;
	if (slot == 0)
		return it->id;
	if (slot == 1)
		return it->title;
	if (slot < 2 + nd)
		return it->departments[slot - 2];
	if (slot == 2 + nd)
		return it->content;
	size_t k = slot - 3 - nd;
	const struct entry *e = &it->entries[k / 2];
	return k % 2 ? e->note : e->plan;
}

const char *pos_text(const struct plan *plan, const struct plan_pos *pos)
{
	size_t slot;
	const struct item *it = pos_item(plan, pos);
	if (!it || !pos_to_slot(plan, pos, &slot))
		return NULL;
	return slot_text(it, slot);
}

bool pos_locate(const struct plan *plan, const char *item_id, int year, struct plan_pos *out)
{
	for (size_t p = 0; p < plan->n_policies; p++) {
		const struct policy *pol = &plan->policies[p];
		for (size_t i = 0; i < pol->n_items; i++) {
			const struct item *it = &pol->items[i];
			if (strcmp(it->id, item_id) != 0)
				continue;
			*out = pos_item_start((int)p, (int)i);
			if (year)
				for (size_t e = 0; e < it->n_entries; e++)
					if (it->entries[e].year == year)
						out->entry = (int)e;
			return true;
		}
	}
	return false;
}

/* Items are numbered 0..n_items-1 across policies ("global" index). */
static size_t item_global(const struct plan *plan, int policy, int item)
{
	size_t g = 0;
	for (int p = 0; p < policy; p++)
		g += plan->policies[p].n_items;
	return g + (size_t)item;
}

static const struct item *item_at(const struct plan *plan, size_t g, int *policy, int *item)
{
	for (size_t p = 0; p < plan->n_policies; p++) {
		if (g < plan->policies[p].n_items) {
			*policy = (int)p;
			*item = (int)g;
			return &plan->policies[p].items[g];
		}
		g -= plan->policies[p].n_items;
	}
	return NULL;
}

static bool slot_matches(const struct plan *plan, const struct filter *f,
                         const struct item *it, size_t slot, const char *needle)
{
	size_t nd = it->n_departments;
	if (slot >= 3 + nd && has_entry_terms(f) &&
	    !entry_terms_pass(plan, f, &it->entries[(slot - 3 - nd) / 2]))
		return false;
	return text_contains(slot_text(it, slot), needle);
}

bool search_find(const struct plan *plan, const struct filter *f, const char *needle,
                 const struct plan_pos *from, enum search_dir dir, struct plan_pos *out,
                 bool *wrapped)
{
	size_t n = plan->n_items;
	if (wrapped)
		*wrapped = false;
	if (!needle || !*needle || n == 0)
		return false;
	size_t g, s;
	if (from && pos_to_slot(plan, from, &s)) {
		g = item_global(plan, from->policy, from->item);
	} else if (dir == SEARCH_PREV) {
		int p, i;
		const struct item *last = item_at(plan, n - 1, &p, &i);
		if (!last)
			return false;
		g = n - 1;
		s = item_slots(last);   /* one past the last field */
	} else {
		g = 0;
		s = 0;
		dir = SEARCH_HERE;
	}
	bool forward = dir != SEARCH_PREV;
	for (size_t k = 0; k <= n; k++) {
		size_t gi = forward ? (g + k) % n : (g + n - k % n) % n;
		int p, i;
		const struct item *it = item_at(plan, gi, &p, &i);
		if (!it || !filter_item(plan, f, it))
			continue;
		size_t slots = item_slots(it), lo = 0, hi = slots;   /* [lo, hi) */
		if (forward) {
			size_t cut = dir == SEARCH_HERE ? s : s + 1;
			if (k == 0)
				lo = cut;
			if (k == n)
				hi = cut < slots ? cut : slots;
		} else {
			if (k == 0)
				hi = s < slots ? s : slots;
			if (k == n)
				lo = s;
		}
		for (size_t j = 0; lo + j < hi; j++) {
			size_t slot = forward ? lo + j : hi - 1 - j;
			if (slot_matches(plan, f, it, slot, needle)) {
				*out = slot_to_pos(it, p, i, slot);
				if (wrapped)
					*wrapped = forward ? g + k >= n : k > g;
				return true;
			}
		}
	}
	return false;
}

size_t search_count(const struct plan *plan, const struct filter *f, const char *needle)
{
	return search_rank(plan, f, needle, NULL);
}

/* With pos NULL: all matches.  Otherwise the rank of pos, or 0. */
size_t search_rank(const struct plan *plan, const struct filter *f, const char *needle,
                   const struct plan_pos *pos)
{
	size_t stop_g = 0, stop_s = 0, count = 0;
	if (!needle || !*needle)
		return 0;
	if (pos) {
		if (!pos_to_slot(plan, pos, &stop_s))
			return 0;
		stop_g = item_global(plan, pos->policy, pos->item);
	}
	for (size_t g = 0; g < plan->n_items; g++) {
		int p, i;
		const struct item *it = item_at(plan, g, &p, &i);
		if (!it || !filter_item(plan, f, it)) {
			if (pos && g == stop_g)
				return 0;
			continue;
		}
		for (size_t s = 0, slots = item_slots(it); s < slots; s++) {
			bool hit = slot_matches(plan, f, it, s, needle);
			count += hit;
			if (pos && g == stop_g && s == stop_s)
				return hit ? count : 0;
		}
	}
	return count;
}

/* ---- jump --------------------------------------------------------------- */

/* The words of text (folded), at most max of them; returns how many there
 * were, up to max + 1 (more than max). */
static int split_words(const char *text, char *buf, size_t size, char **word, int max)
{
	int n = 0;
	grammar_fold(text ? text : "", buf, size);
	for (char *s = buf; *s;) {
		while (*s == ' ' || *s == '\t')
			*s++ = '\0';
		if (!*s)
			break;
		if (n == max)
			return max + 1;
		word[n++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
	}
	return n;
}

/* Join word[i + 1] onto word[i] (they sit in one buffer, in order). */
static void join_words(char **word, int *n, int i)
{
	memmove(word[i] + strlen(word[i]), word[i + 1], strlen(word[i + 1]) + 1);
	for (int k = i + 1; k + 1 < *n; k++)
		word[k] = word[k + 1];
	(*n)--;
}

enum jump_status jump_parse(const struct plan *plan, const char *text, struct jump *out)
{
	char buf[256];
	char *word[4];
	memset(out, 0, sizeof *out);
	out->policy = out->item = out->entry = -1;
	int n = split_words(text, buf, sizeof buf, word, 4);
	if (n == 0)
		return JUMP_EMPTY;
	if (n <= 4 && n >= 2 && grammar_is_serial_prefix(word[0]))
		join_words(word, &n, 0);                 /* "No. 27" */
	if (n == 3) {                                /* "FY 2014", "平成 26" */
		char joined[sizeof buf];
		snprintf(joined, sizeof joined, "%s%s", word[1], word[2]);
		if (grammar_year(joined))
			join_words(word, &n, 1);
	}
	if (n > 2) {
		snprintf(out->what, sizeof out->what, "%s", text);
		utf8_trim(out->what);
		return JUMP_SYNTAX;
	}
	if (grammar_item(plan, word[0], &out->policy, &out->item) != GRAMMAR_OK) {
		snprintf(out->what, sizeof out->what, "%s", word[0]);
		utf8_trim(out->what);
		return JUMP_UNKNOWN_ITEM;
	}
	if (n == 1)
		return JUMP_OK;
	snprintf(out->what, sizeof out->what, "%s", word[1]);
	utf8_trim(out->what);
	if (grammar_plan_year(plan, word[1], &out->year) != GRAMMAR_OK)
		return JUMP_BAD_YEAR;
	const struct item *it = &plan->policies[out->policy].items[out->item];
	for (size_t e = 0; e < it->n_entries; e++)
		if (it->entries[e].year == out->year)
			out->entry = (int)e;
	if (out->entry < 0)
		return JUMP_NO_ENTRY;
	out->what[0] = '\0';
	return JUMP_OK;
}

/* ---- meeting mode ------------------------------------------------------- */

int meeting_walk(const struct plan *plan, const struct filter *f, int year,
                 struct entry_ref **list, size_t *n)
{
	struct filter fy;
	if (f)
		fy = *f;
	else
		filter_clear(&fy);
	fy.year = year;
	struct entry_ref *out = NULL;
	size_t count = 0, cap = 0;
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			if (!item_terms_pass(&fy, it))
				continue;
			for (size_t e = 0; e < it->n_entries; e++) {
				if (!entry_terms_pass(plan, &fy, &it->entries[e]))
					continue;
				if (count == cap) {
					size_t c = cap ? cap * 2 : 64;
					struct entry_ref *grown = realloc(out, c * sizeof *grown);
					if (!grown) {
						free(out);
						*list = NULL;
						*n = 0;
						return ENOMEM;
					}
					out = grown;
					cap = c;
				}
				out[count++] = (struct entry_ref){ (int)p, (int)i, (int)e };
			}
		}
	*list = out;
	*n = count;
	return 0;
}

int meeting_default_year(const struct plan *plan, const struct filter *f)
{
	struct filter fy;
	if (f)
		fy = *f;
	else
		filter_clear(&fy);
	fy.year = 0;
	int best = 0;
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			if (!item_terms_pass(&fy, it))
				continue;
			for (size_t e = 0; e < it->n_entries; e++) {
				const struct entry *en = &it->entries[e];
				if (plan->statuses[en->status].final || !entry_terms_pass(plan, &fy, en))
					continue;
				if (!best || en->year < best)
					best = en->year;
			}
		}
	if (best)
		return best;
	return plan->n_years ? plan->years[plan->n_years - 1] : 0;
}

/* ---- matrix ------------------------------------------------------------- */

char matrix_cell(const struct plan *plan, const struct filter *f, const struct item *item,
                 int year)
{
	const struct entry *e = item_entry_for_year(item, year);
	if (!e)
		return '-';
	if (!filter_entry(plan, f, item, e))
		return ' ';
	return plan->statuses[e->status].letter;
}
