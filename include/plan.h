/* plan.h - the plan model: a plan owns its policies, a policy its items,
 * an item its yearly entries.  No curses, no libyaml here.
 *
 * Every string in the model is NUL-terminated UTF-8 owned by the plan's
 * string arena; it lives until plan_free().  The loaded file text is kept in
 * plan->text, because every editable value remembers its exact byte span in
 * it (see struct span), so that a later save can splice new values in.
 */
#ifndef PLANDASH_PLAN_H
#define PLANDASH_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a scalar is written in the file. */
enum span_style {
	SPAN_ABSENT = 0,   /* key not present: start == end is the insertion point */
	SPAN_PLAIN,
	SPAN_SINGLE,       /* 'quoted' (quotes are inside the span) */
	SPAN_DOUBLE,       /* "quoted" (quotes are inside the span) */
	SPAN_LITERAL,      /* |  block scalar */
	SPAN_FOLDED,       /* >  block scalar */
};

/* Where one editable value sits in plan->text.
 *
 * [start, end) are byte offsets into plan->text (a UTF-8 BOM, if any, is
 * counted: offsets index the bytes exactly as loaded).  line and col are
 * 1-based; col counts characters (code points), as editors and libyaml do.
 *
 * For SPAN_ABSENT, start == end is where a new "key: value" belongs:
 *  - block mapping (in_flow == false): the start of the line after the
 *    mapping's last value; insert indent spaces, "key: value" and a line
 *    end (the file's own: CRLF if the file uses CRLF);
 *    When the file does not end in a line end, start == text_len and the
 *    save must add one first;
 *  - flow mapping (in_flow == true): right after the mapping's last value;
 *    insert ", key: value".
 * For a present empty plain value ("note:"), start == end is where libyaml
 * puts the empty scalar (after the ':' and any spaces): when the byte
 * before it is ':', insert " " before the new text.
 */
struct span {
	uint32_t start, end;
	uint32_t line, col;
	uint16_t indent;          /* column (0-based) of the mapping's keys */
	uint8_t style;            /* enum span_style */
	bool in_flow;             /* inside a flow collection {...} / [...] */
};

/* One word of the status vocabulary, in file order (= cycle order and the
 * digit keys 1..N). */
struct status {
	const char *key;          /* ASCII, e.g. "done" */
	const char *label;        /* Japanese, e.g. "完了" */
	const char *description;  /* may be NULL */
	char letter;              /* one-letter code shown in strips, e.g. 'D' */
	bool final;               /* a final status: counts as finished */
};

struct entry {
	const char *plan;         /* the year's plan text */
	const char *note;         /* NULL when the key is absent */
	int year;                 /* fiscal year, e.g. 2013 (= 平成25年度) */
	int status;               /* index into plan->statuses */
	uint32_t line;            /* line of the entry's first key */
	struct span plan_span, status_span, note_span;
};

/* The six kinds of change recorded by the FY2013 review. */
enum review_change {
	REVIEW_DEPARTMENTS = 1 << 0,
	REVIEW_CONTENT     = 1 << 1,
	REVIEW_YEARS       = 1 << 2,
	REVIEW_EFFECTS     = 1 << 3,
	REVIEW_INDICATORS  = 1 << 4,
	REVIEW_SCHEDULE    = 1 << 5,
};
#define REVIEW_KINDS 6

struct indicator {
	const char *name;
	const char *target;
	const char *baseline;     /* may be NULL */
};

struct item {
	const char *id;           /* "4-3" */
	int serial;               /* the city's No.1..No.62, 0 when not given */
	const char *title;
	const char *source;       /* "seed" (published title) or "representative"; may be NULL */
	const char *rating;       /* city's S/A/B rating, may be NULL */
	const char **departments;
	size_t n_departments;
	const char *content;
	const char *effects;
	struct indicator *indicators;
	size_t n_indicators;
	bool revised;             /* has a review: mapping */
	unsigned review_changed;  /* enum review_change bits */
	bool new_indicators;      /* indicators newly set at the review */
	struct entry *entries;    /* in file order */
	size_t n_entries;
	uint32_t line;
	/* The item's text: from the start of the line where its mapping
	 * begins to the start of the line where the next node begins
	 * (comments and blank lines between included).  With `block` (the
	 * item and every list and mapping above it are in block style) this
	 * text can be parsed on its own under an "items:" key. */
	uint32_t text_start, text_end;
	bool block;
};

struct policy {
	const char *id;           /* "1" .. "5" */
	const char *title;
	const char *description;
	struct item *items;
	size_t n_items;
};

struct plan {
	char *text;               /* the loaded bytes, NUL-terminated, owned */
	size_t text_len;
	bool crlf;                /* the file's line ends are CRLF */
	const char *title;
	const char *program;
	const char *review_label; /* e.g. 平成25年度末の見直し; may be NULL */
	int *years;               /* ascending */
	size_t n_years;
	int review_year;
	struct status *statuses;
	size_t n_statuses;
	struct policy *policies;
	size_t n_policies;
	size_t n_items;           /* over all policies */
	size_t n_entries;         /* over all items */
	struct arena *arena;      /* owns every string and array above */
	/* Item look-up by id and by serial number in O(1), built once by
	 * plan_index_build() when the plan is loaded and valid for the plan's
	 * life (edits change values, never which items exist).  In the arena.
	 * NULL (a plan built by hand, or no memory): the look-ups scan. */
	const struct plan_index *index;
};

struct plan_index;

/* Free a plan and everything it owns.  NULL is fine. */
void plan_free(struct plan *plan);

/* Build plan->index (ids and serial numbers to policy and item indexes).
 * Call once, when the plan is complete; the loader does.  Returns 0, or
 * ENOMEM (plan->index stays NULL and the look-ups scan).  O(items). */
int plan_index_build(struct plan *plan);

/* Look-ups.  Return NULL / -1 / false when not found.  Items by id or by
 * serial number are O(1) with plan->index. */
const struct item *plan_find_item(const struct plan *plan, const char *id);
const struct item *plan_find_serial(const struct plan *plan, int serial);
/* The indexes of an item: plan->policies[*policy].items[*item]. */
bool plan_locate_item(const struct plan *plan, const char *id, int *policy, int *item);
bool plan_locate_serial(const struct plan *plan, int serial, int *policy, int *item);
struct entry *item_entry_for_year(const struct item *item, int year);
int plan_status_index(const struct plan *plan, const char *key);
int plan_year_index(const struct plan *plan, int year);

/* Japanese era name of a fiscal year: 2013 -> 25 (平成25年度).  Heisei only,
 * which covers every year this plan can name (1989..2018); returns 0 outside. */
int fiscal_year_heisei(int year);

/* Counts used by --check and the roll-ups. */
struct plan_counts {
	size_t items, entries;
	size_t revised;
	size_t review[REVIEW_KINDS];   /* indexed by bit position of enum review_change */
	size_t new_indicators;
};
void plan_count(const struct plan *plan, struct plan_counts *out);

/* Number of entries of `year` in each status, over one policy (or all when
 * policy is NULL).  counts must hold plan->n_statuses elements. */
void plan_count_year(const struct plan *plan, const struct policy *policy,
                     int year, size_t *counts);

/* Name of a review change bit position (0..5): "departments", ... */
const char *review_change_name(int bit);

/* ---- walking the plan in order ----------------------------------------
 *
 * Every item, or every entry with its item and policy, in plan order,
 * without writing the triple loop:
 *
 *	PLAN_FOR_EACH_ENTRY(w, plan)
 *		use(w.policy, w.item, w.entry, w.it->id, w.e->status);
 *
 *	PLAN_FOR_EACH_ITEM(w, plan)
 *		use(w.n, w.pol->title, w.it->title);
 *
 * which stand for
 *
 *	for (struct plan_walk w = plan_walk_start(plan); plan_walk_entry(&w);)
 *
 * and the same with plan_walk_item().  plan_walk_policy(plan, p) walks
 * policy p only (nothing when p is out of range).  `break` leaves the whole
 * walk; `continue` goes on with the next entry (or item).  Calling
 * plan_walk_item() inside an entry walk skips the rest of the item's
 * entries.  The pointers are not const, as plan->policies is not: an entry
 * walk may change an entry's values (never the plan's shape).  All inline:
 * it compiles to the loops it replaces.
 */
struct plan_walk {
	const struct plan *plan;
	size_t policy, item, entry;   /* indexes of the current policy, item and entry */
	size_t n;                     /* the current item's number in plan order, over all policies */
	size_t end;                   /* one past the last policy walked */
	struct policy *pol;
	struct item *it;              /* NULL before the first item and after the last */
	struct entry *e;              /* NULL in an item walk */
};

static inline struct plan_walk plan_walk_start(const struct plan *plan)
{
	return (struct plan_walk){ .plan = plan, .item = (size_t)-1, .entry = (size_t)-1,
	                           .n = (size_t)-1, .end = plan->n_policies };
}

static inline struct plan_walk plan_walk_policy(const struct plan *plan, size_t policy)
{
	struct plan_walk w = plan_walk_start(plan);
	if (policy >= plan->n_policies)
		return (struct plan_walk){ .plan = plan, .policy = policy, .end = policy };
	for (size_t p = 0; p < policy; p++)
		w.n += plan->policies[p].n_items;
	w.policy = policy;
	w.end = policy + 1;
	return w;
}

/* The next item: false after the last. */
static inline bool plan_walk_item(struct plan_walk *w)
{
	while (w->policy < w->end) {
		struct policy *pol = &w->plan->policies[w->policy];
		if (++w->item < pol->n_items) {
			w->pol = pol;
			w->it = &pol->items[w->item];
			w->e = NULL;
			w->entry = (size_t)-1;
			w->n++;
			return true;
		}
		w->policy++;
		w->item = (size_t)-1;
	}
	w->it = NULL;
	w->e = NULL;
	return false;
}

/* The next entry (of this item or the next items that have any): false
 * after the last. */
static inline bool plan_walk_entry(struct plan_walk *w)
{
	while (!w->it || ++w->entry >= w->it->n_entries)
		if (!plan_walk_item(w))
			return false;
	w->e = &w->it->entries[w->entry];
	return true;
}

#define PLAN_FOR_EACH_ITEM(w, plan) \
	for (struct plan_walk w = plan_walk_start(plan); plan_walk_item(&w);)
#define PLAN_FOR_EACH_ENTRY(w, plan) \
	for (struct plan_walk w = plan_walk_start(plan); plan_walk_entry(&w);)

#endif
