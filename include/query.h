/* query.h - finding things in a plan for review meetings: text search,
 * the ":" jump, filters, counts that follow a filter, and the order of a
 * meeting's walk.  No curses, no I/O.
 *
 * Positions are indexes into the plan, never pointers: the editor's plan is
 * replaced after every save and reload.  After a replacement, find the
 * cursor again by item id and year with pos_locate().
 */
#ifndef PLANDASH_QUERY_H
#define PLANDASH_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "plan.h"

/* ---- text matching ---------------------------------------------------- */

/* First occurrence of needle in haystack, or NULL.  ASCII letters match
 * without regard to case; every other byte (Japanese included) must be equal,
 * so a match of valid UTF-8 is always whole characters and is exactly
 * strlen(needle) bytes long (for highlighting).  An empty needle matches at
 * the start.  NULL haystack: no match.
 * The search itself folds more (full-width ASCII too): see search.h, whose
 * search_text_find() gives the highlighter each match's bytes. */
const char *text_find(const char *haystack, const char *needle);
bool text_contains(const char *haystack, const char *needle);

/* ---- positions ---------------------------------------------------------- */

/* The searchable fields: every text of the plan that a view draws.  The
 * search visits them in plan order (the order of the file): a policy's
 * title and description, then each of its items: id, serial number
 * ("No.27"), title, each department, content, effects, each indicator's
 * name, baseline and target, then per entry (file order) its plan text
 * and its note.  (The numbers are not that order: the first six are the
 * older ones.) */
enum match_field {
	MATCH_ID,
	MATCH_TITLE,
	MATCH_DEPARTMENT,         /* sub: the department's index */
	MATCH_CONTENT,
	MATCH_PLAN,               /* an entry's plan text */
	MATCH_NOTE,               /* an entry's note */
	MATCH_POLICY_TITLE,       /* item and entry are -1 */
	MATCH_POLICY_DESCRIPTION, /* item and entry are -1 */
	MATCH_SERIAL,             /* the text is "No." and the number, as the sheet shows it */
	MATCH_EFFECTS,
	MATCH_INDICATOR_NAME,     /* sub: the indicator's index */
	MATCH_INDICATOR_BASELINE, /* sub: the indicator's index */
	MATCH_INDICATOR_TARGET,   /* sub: the indicator's index */
};

struct plan_pos {
	int policy;               /* index into plan->policies */
	int item;                 /* index into policy->items; -1 for the policy's own fields */
	int entry;                /* index into item->entries; -1 for item-level fields */
	int field;                /* enum match_field */
	int sub;                  /* department or indicator index, else 0 */
};

/* The start of an item: {policy, item, -1, MATCH_ID, 0}. */
struct plan_pos pos_item_start(int policy, int item);
/* The start of a policy (its title, before its items):
 * {policy, -1, -1, MATCH_POLICY_TITLE, 0}. */
struct plan_pos pos_policy_start(int policy);

/* The policy / item / entry a position names, or NULL when it is out of
 * range (pos_item also for a policy's own fields, pos_entry also when
 * entry is -1). */
const struct policy *pos_policy(const struct plan *plan, const struct plan_pos *pos);
const struct item *pos_item(const struct plan *plan, const struct plan_pos *pos);
const struct entry *pos_entry(const struct plan *plan, const struct plan_pos *pos);

/* The string of the field at pos (NULL when out of range, for an absent
 * note, baseline or description, and for MATCH_SERIAL, which is no string
 * of the plan: see pos_field_text). */
const char *pos_text(const struct plan *plan, const struct plan_pos *pos);
/* The text of the field as drawn: pos_text(), or for MATCH_SERIAL "No.27"
 * written into buf (POS_TEXT_BUF bytes); NULL as pos_text (and for an
 * item without a serial number). */
#define POS_TEXT_BUF 24
const char *pos_field_text(const struct plan *plan, const struct plan_pos *pos, char *buf);

/* Find an item (and, when year != 0, its entry) by id: the item's start, with
 * entry set to that year's entry index (-1 when the item has none).  Returns
 * false when there is no such item.  O(1) (plan->index). */
bool pos_locate(const struct plan *plan, const char *item_id, int year, struct plan_pos *out);

/* ---- filters ------------------------------------------------------------ */

#define FILTER_MAX_STATUSES 32    /* the loader allows at most 32 statuses */

/* Every term that is set must hold ("and").  A zeroed struct filter (or a
 * NULL pointer wherever a filter is taken) lets everything through. */
struct filter {
	uint32_t statuses;        /* bit s: plan->statuses[s]; 0: any status */
	int year;                 /* a fiscal year; 0: any year */
	char department[256];     /* exact name; "": any department */
	bool revised;             /* only items revised at the review */
	bool overdue;             /* only entries with year < reference_year whose status is not final */
	int reference_year;       /* for overdue (see fiscal_year_of) */
	/* item terms of the review cycle, at review reference_review (an index
	 * into plan->reviews; -1: none, and these terms let nothing through) */
	uint32_t ratings;         /* bit r: rated plan->rating_levels[r] then; 0: any */
	bool rating_down;         /* only items rated lower then than at the review before
	                             (lower: later in the vocabulary, S A B) */
	int reference_review;
};

void filter_clear(struct filter *f);
bool filter_active(const struct filter *f);
/* Copy a department name into f; false (f unchanged) when it is too long. */
bool filter_set_department(struct filter *f, const char *name);

/* The fiscal year (April to March) that local time `when` falls in:
 * 2014-03-31 -> 2013, 2014-04-01 -> 2014. */
int fiscal_year_of(time_t when);

/* An entry passes when its item passes the item terms (department, revised)
 * and the entry passes the entry terms (year, statuses, overdue), all on the
 * same entry. */
bool filter_entry(const struct plan *plan, const struct filter *f, const struct item *item,
                  const struct entry *entry);
/* An item passes when it passes the item terms and, if any entry term is
 * set, at least one of its entries passes filter_entry. */
bool filter_item(const struct plan *plan, const struct filter *f, const struct item *item);

/* The two halves of filter_entry(), for code that keeps counts up to date:
 * the item terms (department, revised), and the entry terms (year,
 * statuses, overdue) for an entry of `year` in `status`. */
bool filter_item_terms(const struct filter *f, const struct item *item);
bool filter_entry_terms(const struct plan *plan, const struct filter *f, int year, int status);
/* Whether f has an entry term (then an item passes only through its
 * entries, and a status change can hide or show it). */
bool filter_has_entry_terms(const struct filter *f);
/* Whether a and b let the same things through (NULL is the empty filter;
 * reference_year counts only with overdue). */
bool filter_equal(const struct filter *a, const struct filter *b);

/* All distinct departments in plan order (first appearance), as a malloc'd
 * array of pointers into the plan (valid until the plan is freed; free the
 * array only).  Returns 0, or ENOMEM. */
int plan_departments(const struct plan *plan, const char ***list, size_t *n);

/* ---- counts that follow a filter --------------------------------------- */

struct tally {
	size_t entries;                           /* entries that pass */
	size_t final;                             /* of those, in a final status */
	size_t by_status[FILTER_MAX_STATUSES];    /* of those, per plan->statuses index */
	size_t items;                             /* items with at least one entry counted */
};

/* Count the entries passing f in one policy (index; -1: the whole plan) and
 * one year (0: all years).  An out-of-range policy gives zeros. */
void tally_count(const struct plan *plan, const struct filter *f, int policy, int year,
                 struct tally *out);
/* Percentage of counted entries in a final status, rounded down (so 100 means
 * all of them); -1 when nothing was counted. */
int tally_percent_final(const struct tally *t);

/* ---- jump (":4-3 H26", ":27") ------------------------------------------- */

enum jump_status {
	JUMP_OK,                  /* item found; year too when one was given */
	JUMP_NO_ENTRY,            /* item found, the year is in the plan, but the item has no entry then */
	JUMP_EMPTY,               /* nothing typed */
	JUMP_SYNTAX,              /* more than "ID [YEAR]" */
	JUMP_UNKNOWN_ITEM,        /* no item with that id (or serial) */
	JUMP_BAD_YEAR,            /* the year is unreadable or not one of plan->years */
};

struct jump {
	int policy, item;         /* set whenever the item was found (also for
	                             JUMP_NO_ENTRY and JUMP_BAD_YEAR), else -1 */
	int year;                 /* the year given; 0 when none or unreadable (for
	                             JUMP_BAD_YEAR: 0 = not a year, else a year
	                             the plan does not have) */
	int entry;                /* index into the item's entries; -1 when none */
	char what[64];            /* the offending text for the error cases */
};

/* Parse "ITEM [YEAR]" with the grammars of grammar.h: ITEM is an item id
 * (4-3, ４－３) or a serial number (27, No.27, No. 27, #27); YEAR is any
 * form grammar_year reads (2014, FY2014, FY 2014, H26, 平成26年度, R1 ...).
 * Full-width characters and ideographic spaces are accepted.  Returns a
 * status and fills out; the words for each status are the caller's (the
 * fields say what was wrong: `what` is the offending text, cut back to a
 * whole character; `year` is set for a year that is not in the plan). */
enum jump_status jump_parse(const struct plan *plan, const char *text, struct jump *out);

/* ---- meeting mode ------------------------------------------------------- */

struct entry_ref {
	int policy, item, entry;  /* indexes */
};

/* The entries of `year` that pass f (with f's own year replaced by `year`),
 * in plan order: the meeting's walk.  *list is malloc'd (NULL when *n is 0).
 * Compute it once when the meeting starts.  Returns 0 or ENOMEM. */
int meeting_walk(const struct plan *plan, const struct filter *f, int year,
                 struct entry_ref **list, size_t *n);

/* The earliest plan year that still has an entry passing f (year term
 * ignored) in a non-final status; the plan's last year when there is none
 * (0 for a plan without years). */
int meeting_default_year(const struct plan *plan, const struct filter *f);

/* ---- matrix ------------------------------------------------------------- */

/* One matrix cell: the status letter of the item's entry for year, '-' when
 * the item has no entry that year, ' ' when the entry is filtered out. */
char matrix_cell(const struct plan *plan, const struct filter *f, const struct item *item,
                 int year);

#endif
