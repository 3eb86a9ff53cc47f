/* search.h - the "/" search: matching that folds width and case, every
 * text the views draw in plan order, and a search session that narrows its
 * matches as the query grows and counts them lazily.  No curses, no I/O.
 *
 * Matching.  A needle matches a text when, both folded, the needle occurs
 * in the text starting at a character.  Folding maps full-width ASCII
 * (U+FF01..U+FF5E) to ASCII and the ideographic space (U+3000) to a space,
 * then ASCII letters to lower case; every other character (kana, kanji, the
 * long-vowel mark ー) stays as it is.  So pdca, PDCA and ＰＤＣＡ find each
 * other, and ４－３ finds 4-3.  A fold can change a character's length (3
 * bytes to 1), so a match is reported as a byte range of the original text.
 *
 * Fields.  The search visits every field of query.h's enum match_field in
 * plan order: each policy's title and description, then its items (id,
 * serial "No.27", title, departments, content, effects, indicators, then
 * each entry's plan text and note).  A field matches once however often
 * the needle occurs in it: counts and ranks ("3/12") count fields.  Under a
 * filter, an item's fields are searched only when the item passes
 * filter_item, and an entry's only when the entry passes the filter too;
 * the policies' own fields are always searched (the overview always shows
 * every policy).
 *
 * Positions are struct plan_pos (query.h); nothing here keeps a pointer
 * into a plan across a save or reload: after the plan is replaced, call
 * search_session_restart().
 */
#ifndef PLANDASH_SEARCH_H
#define PLANDASH_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

struct plan;
struct filter;
struct plan_pos;

enum search_dir {
	SEARCH_NEXT,              /* the first match after from (n) */
	SEARCH_PREV,              /* the last match before from (N) */
	SEARCH_HERE,              /* the first match at or after from (while typing) */
};

/* ---- matching ----------------------------------------------------------- */

#define SEARCH_NEEDLE_MAX 1024

/* A needle, folded once.  Treat the members as private. */
struct search_needle {
	char folded[SEARCH_NEEDLE_MAX];   /* NUL-terminated */
	size_t len;                       /* 0: matches nothing */
	char lit[SEARCH_NEEDLE_MAX];      /* the leading run of non-ASCII bytes of folded */
	char accept[8];                   /* bytes that can start a match when lit is "" */
	bool literal;                     /* folded has no ASCII byte: a plain strstr */
	bool serial;                      /* folded could be part of "no.123" */
};

/* Fold text into n.  Returns false, and n matches nothing, when text is
 * NULL or empty or folds to SEARCH_NEEDLE_MAX bytes or more. */
bool search_needle_init(struct search_needle *n, const char *text);

/* The first match of n in text at or after byte offset `from` (which must
 * be a character boundary within text): its start and length in bytes of
 * text as it is (not folded).  Returns false when there is none (or text
 * is NULL).  To highlight every match of a line, call it again with from =
 * *start + *len. */
bool search_text_find(const struct search_needle *n, const char *text, size_t from,
                      size_t *start, size_t *len);

/* ---- one-off search over the item fields -------------------------------- */

/* These search the items' fields only (not a policy's title or
 * description), so every position they give names an item; each call
 * scans the plan afresh.  The dashboard's search uses a session (below).
 *
 * search_find: a match of needle in plan order, wrapping around at the end
 * (or start).  from NULL (or out of range) means the start of the plan for
 * NEXT/HERE and the end for PREV.  With a single match, NEXT and PREV from
 * it find it again (wrapped).  Returns false when nothing matches or needle
 * is empty.  *wrapped (may be NULL) tells whether the search went past the
 * end (or start).  out may point to the same struct as from. */
bool search_find(const struct plan *plan, const struct filter *f, const char *needle,
                 const struct plan_pos *from, enum search_dir dir, struct plan_pos *out,
                 bool *wrapped);
/* Number of matching fields (0 for an empty needle), and the 1-based rank
 * of the match at pos among them (0 when pos is not a match): "3/12". */
size_t search_count(const struct plan *plan, const struct filter *f, const char *needle);
size_t search_rank(const struct plan *plan, const struct filter *f, const char *needle,
                   const struct plan_pos *pos);

/* ---- the search session ------------------------------------------------- *
 *
 * What "/" needs while the user types: the match to show after each key
 * without scanning the whole plan, the count and rank ("3/12") finished in
 * slices between keys, and each added character costing only a look at the
 * previous matches.
 *
 * The session remembers which parts of the plan it has examined for the
 * query and the matches found there.  search_session_find() examines only
 * as far as it must to answer; search_session_step() examines more, in
 * plan order, until the count is complete.  When the query grows so that
 * the old folded needle occurs in the new one, every field the new one
 * matches was a match of the old one: the examined parts then look only at
 * the old matches (narrowing).  Any other change starts afresh.
 *
 * Work is counted in fields examined ("budget"; 0 = no limit).  At 100,000
 * items the plan has about 2.5 million fields; bench/search_core.c measures
 * what a field costs (a few tens of nanoseconds).
 *
 * The UI's part:
 *  - new session when a search starts; search_session_set() on every
 *    change of the query text, then search_session_find(HERE from the
 *    place where the search started) to show the first match;
 *  - between keys (no input pending): search_session_step(s, budget) until
 *    it returns true; show "k/n" when search_session_rank() and
 *    search_session_count() say they are known, "k/?" or "?/?" before;
 *  - n / N: search_session_find(NEXT / PREV from the current match);
 *  - search_session_restart() when the plan is replaced (save, reload) or
 *    an edit changes a text or a status (a status can decide whether an
 *    entry passes the filter); search_session_set_filter() whenever the
 *    filter may have changed;
 *  - a find that returns SEARCH_PENDING ran out of budget: call it again
 *    (the work done is kept), e.g. after more steps.
 */

enum search_scope {
	SEARCH_ALL,               /* every field (the dashboard) */
	SEARCH_ITEMS,             /* the items' fields only (as search_find) */
};

enum search_result {
	SEARCH_FOUND,
	SEARCH_NONE,              /* no match in the whole plan (under the filter) */
	SEARCH_PENDING,           /* the budget ran out before the answer was known */
	SEARCH_NOMEM,             /* out of memory: the session holds no answer */
};

struct search_session;

/* A session over plan under filter f (copied; NULL: no filter) with an
 * empty query.  NULL when out of memory. */
struct search_session *search_session_new(const struct plan *plan, const struct filter *f,
                                          enum search_scope scope);
void search_session_free(struct search_session *s);

/* Forget what was found (keep the query): the plan was replaced, the filter
 * changed, or an edit changed a text or a status.  Returns 0 or ENOMEM. */
int search_session_restart(struct search_session *s, const struct plan *plan,
                           const struct filter *f);
/* Restart only when f lets other things through than the session's filter
 * (filter_equal: a new reference year counts only with overdue), so it
 * can be called before every key.  Returns 0 or ENOMEM. */
int search_session_set_filter(struct search_session *s, const struct filter *f);

/* Set the query text.  Returns true when the work done so far is kept:
 * the same folded text (nothing to redo), or a longer one holding the old
 * (narrowing: the new matches are taken from the old ones); false when the
 * work starts afresh. */
bool search_session_set(struct search_session *s, const char *needle);
const struct search_needle *search_session_needle(const struct search_session *s);

/* A match from `from` in direction dir, with search_find's semantics
 * (wrapping; from NULL or out of range: the start, or the end for PREV).
 * SEARCH_HERE and SEARCH_NEXT look at the fields from `from` on first, so
 * they usually answer after a short look; SEARCH_PREV examines the plan
 * from its start up to `from` (and all of it when it must wrap). */
enum search_result search_session_find(struct search_session *s, const struct plan_pos *from,
                                       enum search_dir dir, size_t budget,
                                       struct plan_pos *out, bool *wrapped);

/* Examine up to `budget` more fields, in plan order.  Returns true when
 * nothing is left to examine (count and ranks are then known), or when the
 * session failed for want of memory (search_session_failed). */
bool search_session_step(struct search_session *s, size_t budget);
bool search_session_failed(const struct search_session *s);

/* The number of matching fields: returns true when it is the total, false
 * when counting is still under way (*n: the matches found so far). */
bool search_session_count(const struct search_session *s, size_t *n);
/* The 1-based rank of the match at pos (0 when pos is not a match): false
 * while the plan up to pos is not examined yet. */
bool search_session_rank(const struct search_session *s, const struct plan_pos *pos,
                         size_t *rank);

/* Fields examined since the query was last set or the session restarted
 * (for tests and benchmarks). */
size_t search_session_work(const struct search_session *s);

#endif
