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
	bool late;                /* `late: true`: the status says the year is behind
	                             schedule (遅延); the consistency warnings use it */
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

/* ==== The review cycle: dated ratings, review dates, 効果額 =============
 *
 * Every half year the city rates each item under review (S 予定以上 /
 * A 予定どおり / B 予定より遅れ); plan-format.md describes the keys.  A date
 * is an int YYYYMMDD (2016-03-31 is 20160331), so dates compare as ints;
 * fiscal year Y runs from Y-04-01 to (Y+1)-03-31. */

/* Where a new element of a list goes, for a save that adds one (a rating
 * at a new review date, a new review date).  `at` is a byte offset into
 * plan->text (counted as in struct span); line and col (1-based, col in
 * characters) say where that is.  New text uses the file's line end (CRLF
 * when plan->crlf); when a block insertion is at the end of a file that
 * does not end in a line end (at == text_len), the save adds one first.
 *  INSERT_BLOCK_LIST: a block list ("- ..." lines).  at = the start of the
 *    line after the list's last element (its comment stays on its own
 *    line); insert `indent` spaces, "- ", the element (one line, flow
 *    style: {date: "2017-03-31", rating: A}) and a line end.  indent is the
 *    column (0-based) of the list's "-".
 *  INSERT_FLOW_LIST: a flow list [...].  at = right after its last
 *    element: insert ", " and the element; when `empty` (the list is []),
 *    at = right after "[": insert the element alone.
 *  INSERT_BLOCK_KEY: the list's key is absent from a block mapping.  at =
 *    the start of a line between two keys of that mapping; insert `indent`
 *    spaces, "key:", a line end, then the element as for INSERT_BLOCK_LIST
 *    at indent + 2.  indent is the column of the mapping's keys.
 *  INSERT_FLOW_KEY: the key is absent from a flow mapping.  at = right
 *    after one of its values: insert ", key: [" element "]".
 *  INSERT_NONE: no safe place is known (a save must refuse). */
enum insert_kind {
	INSERT_NONE = 0,
	INSERT_BLOCK_LIST,
	INSERT_FLOW_LIST,
	INSERT_BLOCK_KEY,
	INSERT_FLOW_KEY,
};

struct insertion {
	uint32_t at;
	uint32_t line, col;
	uint16_t indent;
	uint8_t kind;             /* enum insert_kind */
	bool empty;               /* INSERT_FLOW_LIST: the list has no element */
};

/* One word of the rating vocabulary (top-level `ratings:`), in file order
 * (= the digit keys 1..N). */
struct rating_level {
	const char *key;          /* as written in the items' ratings, e.g. "A" */
	const char *label;        /* e.g. 予定どおり */
	const char *description;  /* e.g. 予定どおりに進捗している; may be NULL */
	bool late;                /* `late: true`: the rating says the item is behind
	                             schedule (B) */
};

/* One review date (top-level `reviews:`); strictly ascending. */
struct review_date {
	const char *date;         /* "2016-03-31", as written between the quotes */
	const char *label;        /* e.g. 平成28年3月末 */
	int ymd;                  /* 20160331 */
	uint32_t line;            /* line of the element's first key */
	struct span date_span, label_span;
};

/* An item's rating at one review date: one element of its `ratings:`.
 * The spans are those of struct span: date_span holds the quoted date,
 * level_span the rating's key; note_span is SPAN_ABSENT when there is no
 * note, and then its start is where ", note: ..." (flow element) or a
 * "note: ..." line (block element) goes, exactly as for an entry's note.
 * (plan.yaml holds about 11 ratings per item: keep this small.) */
struct rating {
	int16_t review;           /* index into plan->reviews */
	int16_t level;            /* index into plan->rating_levels */
	uint32_t line;            /* line of the element's first key */
	const char *note;         /* NULL when the key is absent */
	struct span date_span, level_span, note_span;
};

/* One row of the 効果額 table (top-level `effects:`), in 百万円.  A figure
 * that the row leaves out is 0 and its has_ flag is false. */
struct effects_year {
	int year;                 /* fiscal year */
	double total, revenue, savings;   /* 効果額, 歳入確保, 歳出削減 */
	bool has_total, has_revenue, has_savings;
	bool budget;              /* `basis: budget`: budget figures (予算ベース), not
	                             the settled accounts */
	uint32_t line;
};

/* Dates.  date_parse_iso: exactly "YYYY-MM-DD" (four, two and two digits,
 * a real calendar day, years 1900..2200) -> YYYYMMDD; 0 otherwise.
 * date_days_in_month: 28..31, 0 for a month outside 1..12. */
int date_parse_iso(const char *s);
int date_days_in_month(int year, int month);
/* The first and last day of fiscal year Y: Y0401 and (Y+1)0331. */
int fiscal_year_first_day(int year);
int fiscal_year_last_day(int year);

struct plan;
struct item;
struct policy;

/* The review whose date is ymd (binary search), or -1. */
int plan_review_index(const struct plan *plan, int ymd);
/* The rating level whose key is `key`, or -1. */
int plan_rating_level_index(const struct plan *plan, const char *key);
/* The item's rating at review `review`, or NULL when it was not rated then. */
const struct rating *item_rating_at(const struct item *item, int review);
/* Ratings at review `review` over one policy (all when NULL): counts must
 * hold plan->n_rating_levels elements; *rated gets the items rated. */
void plan_count_ratings(const struct plan *plan, const struct policy *policy, int review,
                        size_t *counts, size_t *rated);
/* A row's total: `total` when given, else revenue + savings. */
double effects_year_total(const struct effects_year *row);

/* ==== end of the review cycle ========================================== */

struct item {
	const char *id;           /* "4-3" */
	int serial;               /* the city's No.1..No.62, 0 when not given */
	const char *title;
	const char *source;       /* "seed" (published title) or "representative"; may be NULL */
	const char *rating;       /* the key of the item's rating at the latest review date
	                             it was rated at (see ratings below); NULL when never
	                             rated.  Kept for the sheet's "Rating:" line */
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
	/* the review cycle (see above) */
	struct rating *ratings;   /* the `ratings:` list, in file order */
	size_t n_ratings;
	struct insertion ratings_insert;   /* where a new rating goes; with no
	                             `ratings:` key, a new key goes after the item's
	                             id, serial, title and source */
	uint32_t schedule_change_line, schedule_change_col;   /* where `schedule` sits in
	                             review.changed; 0 when it is not there */
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
	/* the review cycle (see above) */
	int current_year;         /* `current_year`, else review_year: the fiscal year
	                             the statuses are kept up to */
	struct rating_level *rating_levels;   /* top-level `ratings:` */
	size_t n_rating_levels;
	struct review_date *reviews;          /* top-level `reviews:` */
	size_t n_reviews;
	struct insertion reviews_insert;      /* where a new review date goes; with no
	                             `reviews:` key, a new key goes before `policies:` */
	struct effects_year *effects;         /* top-level `effects:`, in file order */
	size_t n_effects;
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
