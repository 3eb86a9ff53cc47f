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
	return f && (f->statuses || f->year || f->department[0] || f->revised || f->overdue ||
	             f->ratings || f->rating_down);
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

bool filter_has_entry_terms(const struct filter *f)
{
	return f && (f->year || f->statuses || f->overdue);
}

bool filter_equal(const struct filter *a, const struct filter *b)
{
	struct filter none;
	filter_clear(&none);
	if (!a)
		a = &none;
	if (!b)
		b = &none;
	return a->statuses == b->statuses && a->year == b->year && a->revised == b->revised &&
	       a->overdue == b->overdue && strcmp(a->department, b->department) == 0 &&
	       (!a->overdue || a->reference_year == b->reference_year) &&
	       a->ratings == b->ratings && a->rating_down == b->rating_down &&
	       (!(a->ratings || a->rating_down) || a->reference_review == b->reference_review);
}

/* The rating terms: the item's rating at the reference review, and
 * whether it went down since the review before. */
static bool rating_terms_pass(const struct filter *f, const struct item *it)
{
	const struct rating *now, *before;

	if (!f->ratings && !f->rating_down)
		return true;
	now = f->reference_review >= 0 ? item_rating_at(it, f->reference_review) : NULL;
	if (!now)
		return false;
	if (f->ratings && (now->level < 0 || now->level >= FILTER_MAX_STATUSES ||
	                   !(f->ratings & (UINT32_C(1) << now->level))))
		return false;
	if (f->rating_down) {
		before = f->reference_review > 0 ? item_rating_at(it, f->reference_review - 1) : NULL;
		if (!before || now->level <= before->level)
			return false;
	}
	return true;
}

bool filter_item_terms(const struct filter *f, const struct item *it)
{
	if (!f)
		return true;
	if (f->revised && !it->revised)
		return false;
	if (!rating_terms_pass(f, it))
		return false;
	if (f->department[0]) {
		for (size_t d = 0; d < it->n_departments; d++)
			if (strcmp(it->departments[d], f->department) == 0)
				return true;
		return false;
	}
	return true;
}

bool filter_entry_terms(const struct plan *plan, const struct filter *f, int year, int status)
{
	if (!f)
		return true;
	if (f->year && year != f->year)
		return false;
	if (f->statuses && (status < 0 || status >= FILTER_MAX_STATUSES ||
	                    !(f->statuses & (UINT32_C(1) << status))))
		return false;
	if (f->overdue && (year >= f->reference_year || plan->statuses[status].final))
		return false;
	return true;
}

static bool entry_terms_pass(const struct plan *plan, const struct filter *f,
                             const struct entry *e)
{
	return filter_entry_terms(plan, f, e->year, e->status);
}

bool filter_entry(const struct plan *plan, const struct filter *f, const struct item *item,
                  const struct entry *entry)
{
	return filter_item_terms(f, item) && entry_terms_pass(plan, f, entry);
}

bool filter_item(const struct plan *plan, const struct filter *f, const struct item *item)
{
	if (!filter_item_terms(f, item))
		return false;
	if (!filter_has_entry_terms(f))
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
	PLAN_FOR_EACH_ITEM(w, plan)
		for (size_t d = 0; d < w.it->n_departments; d++) {
			const char *name = w.it->departments[d];
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
	*list = out;
	*n = count;
	return 0;
}

/* ---- counts ------------------------------------------------------------- */

void tally_count(const struct plan *plan, const struct filter *f, int policy, int year,
                 struct tally *out)
{
	memset(out, 0, sizeof *out);
	struct plan_walk w = policy >= 0 ? plan_walk_policy(plan, (size_t)policy)
	                                 : plan_walk_start(plan);
	while (plan_walk_item(&w)) {
		if (!filter_item_terms(f, w.it))
			continue;
		bool counted = false;
		for (size_t e = 0; e < w.it->n_entries; e++) {
			const struct entry *en = &w.it->entries[e];
			if ((year && en->year != year) || !entry_terms_pass(plan, f, en))
				continue;
			counted = true;
			out->entries++;
			if (en->status >= 0 && en->status < FILTER_MAX_STATUSES)
				out->by_status[en->status]++;
			if (plan->statuses[en->status].final)
				out->final++;
		}
		out->items += counted;
	}
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

struct plan_pos pos_policy_start(int policy)
{
	return (struct plan_pos){ .policy = policy, .item = -1, .entry = -1,
	                          .field = MATCH_POLICY_TITLE };
}

const struct policy *pos_policy(const struct plan *plan, const struct plan_pos *pos)
{
	if (!pos || pos->policy < 0 || (size_t)pos->policy >= plan->n_policies)
		return NULL;
	return &plan->policies[pos->policy];
}

const struct item *pos_item(const struct plan *plan, const struct plan_pos *pos)
{
	const struct policy *pol = pos_policy(plan, pos);
	if (!pol || pos->item < 0 || (size_t)pos->item >= pol->n_items)
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

static const struct indicator *pos_indicator(const struct item *it, const struct plan_pos *pos)
{
	return pos->sub >= 0 && (size_t)pos->sub < it->n_indicators ? &it->indicators[pos->sub] : NULL;
}

/* The text of an item's field (NULL when pos names none). */
static const char *item_field_text(const struct item *it, const struct plan_pos *pos)
{
	const struct indicator *ind;
	switch (pos->field) {
	case MATCH_ID:      return it->id;
	case MATCH_TITLE:   return it->title;
	case MATCH_CONTENT: return it->content;
	case MATCH_EFFECTS: return it->effects;
	case MATCH_DEPARTMENT:
		return pos->sub >= 0 && (size_t)pos->sub < it->n_departments
		       ? it->departments[pos->sub] : NULL;
	case MATCH_INDICATOR_NAME:
		return (ind = pos_indicator(it, pos)) ? ind->name : NULL;
	case MATCH_INDICATOR_BASELINE:
		return (ind = pos_indicator(it, pos)) ? ind->baseline : NULL;
	case MATCH_INDICATOR_TARGET:
		return (ind = pos_indicator(it, pos)) ? ind->target : NULL;
	default:
		return NULL;
	}
}

const char *pos_text(const struct plan *plan, const struct plan_pos *pos)
{
	const struct policy *pol = pos_policy(plan, pos);
	if (!pol)
		return NULL;
	if (pos->field == MATCH_POLICY_TITLE || pos->field == MATCH_POLICY_DESCRIPTION)
		return pos->item != -1 ? NULL
		       : pos->field == MATCH_POLICY_TITLE ? pol->title : pol->description;
	const struct item *it = pos_item(plan, pos);
	if (!it)
		return NULL;
	if (pos->field == MATCH_PLAN || pos->field == MATCH_NOTE) {
		const struct entry *e = pos_entry(plan, pos);
		return !e ? NULL : pos->field == MATCH_PLAN ? e->plan : e->note;
	}
	return item_field_text(it, pos);   /* item fields ignore entry, as pos_locate sets it */
}

const char *pos_field_text(const struct plan *plan, const struct plan_pos *pos, char *buf)
{
	if (pos && pos->field == MATCH_SERIAL) {
		const struct item *it = pos_item(plan, pos);
		if (!it || !it->serial)
			return NULL;
		snprintf(buf, POS_TEXT_BUF, "No.%d", it->serial);
		return buf;
	}
	return pos_text(plan, pos);
}

bool pos_locate(const struct plan *plan, const char *item_id, int year, struct plan_pos *out)
{
	int p, i;
	if (!plan_locate_item(plan, item_id, &p, &i))
		return false;
	*out = pos_item_start(p, i);
	const struct item *it = &plan->policies[p].items[i];
	if (year)
		for (size_t e = 0; e < it->n_entries; e++)
			if (it->entries[e].year == year)
				out->entry = (int)e;
	return true;
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
	PLAN_FOR_EACH_ENTRY(w, plan) {
		if (!filter_entry(plan, &fy, w.it, w.e))
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
		out[count++] = (struct entry_ref){ (int)w.policy, (int)w.item, (int)w.entry };
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
	PLAN_FOR_EACH_ENTRY(w, plan) {
		const struct entry *en = w.e;
		if (plan->statuses[en->status].final || !filter_entry(plan, &fy, w.it, en))
			continue;
		if (!best || en->year < best)
			best = en->year;
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
