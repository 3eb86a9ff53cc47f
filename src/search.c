/* search.c - see search.h.
 *
 * The fields of the plan are numbered by a key: (unit << 32) | slot.  A
 * unit is a policy heading (its title and description) or an item; units
 * go in plan order (policy 1's heading, its items, policy 2's heading ...).
 * Within a unit, slots number the fields in the order search.h gives.
 * Keys therefore sort in plan order, and the session's sets of matches are
 * sorted arrays of keys.
 *
 * A session has examined a prefix [0, a) of the keys and, when it had to
 * answer from a place further on, a window [wo, wb) (a <= wo); each has
 * its sorted matches.  When the prefix reaches the window they join.
 * Where an earlier, shorter query was examined ("covered"), only its
 * matches (the candidates) need a look; elsewhere every field does.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "search.h"

/* ---- matching ----------------------------------------------------------- */

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Fold the character at p: its folded byte in *c, and how many bytes of p
 * it took (0 at the end).  Multi-byte characters that do not fold are
 * taken a byte at a time, which folds them to themselves. */
static size_t fold1(const unsigned char *p, unsigned char *c)
{
	if (!p[0])
		return 0;
	if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) {
		*c = lower((unsigned char)(p[2] - 0x81 + 0x21));   /* U+FF01..U+FF3F */
		return 3;
	}
	if (p[0] == 0xEF && p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E) {
		*c = (unsigned char)(p[2] - 0x80 + 0x60);          /* U+FF40..U+FF5E */
		return 3;
	}
	if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
		*c = ' ';                                          /* U+3000 */
		return 3;
	}
	*c = lower(p[0]);
	return 1;
}

static bool is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* Could the folded needle occur in a serial number's text, "no." and
 * digits? */
static bool serial_like(const char *folded)
{
	static const char *const heads[] = { "no.", "o.", ".", "" };
	if (strstr("no.", folded))
		return true;
	for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) {
		size_t h = strlen(heads[k]);
		if (strncmp(folded, heads[k], h) == 0 &&
		    !folded[h + strspn(folded + h, "0123456789")])
			return true;
	}
	return false;
}

bool search_needle_init(struct search_needle *n, const char *text)
{
	memset(n, 0, offsetof(struct search_needle, accept) + sizeof n->accept);
	n->folded[0] = n->lit[0] = '\0';
	if (!text)
		return false;
	const unsigned char *p = (const unsigned char *)text;
	size_t len = 0, w;
	unsigned char c;
	while ((w = fold1(p, &c)) != 0) {
		if (len + 1 >= SEARCH_NEEDLE_MAX) {
			n->folded[0] = '\0';
			return false;
		}
		n->folded[len++] = (char)c;
		p += w;
	}
	n->folded[len] = '\0';
	n->len = len;
	size_t lit = 0;
	while (lit < len && (unsigned char)n->folded[lit] >= 0x80)
		lit++;
	memcpy(n->lit, n->folded, lit);
	n->lit[lit] = '\0';
	n->literal = lit == len;
	unsigned char c0 = (unsigned char)n->folded[0];
	size_t k = 0;
	if (len && !lit) {
		n->accept[k++] = (char)c0;
		if (c0 >= 'a' && c0 <= 'z')
			n->accept[k++] = (char)(c0 - 'a' + 'A');
		if (c0 > ' ' && c0 < 0x7F)
			n->accept[k++] = (char)0xEF;   /* a full-width form */
		if (c0 == ' ')
			n->accept[k++] = (char)0xE3;   /* the ideographic space */
	}
	n->accept[k] = '\0';
	n->serial = len && serial_like(n->folded);
	return len > 0;
}

/* Bytes of p that fold to the whole needle, or 0. */
static size_t match_at(const struct search_needle *n, const unsigned char *p)
{
	const unsigned char *start = p;
	unsigned char c;
	for (size_t k = 0; k < n->len; k++) {
		size_t w = fold1(p, &c);
		if (!w || c != (unsigned char)n->folded[k])
			return 0;
		p += w;
	}
	return (size_t)(p - start);
}

bool search_text_find(const struct search_needle *n, const char *text, size_t from,
                      size_t *start, size_t *len)
{
	if (!text || !n->len)
		return false;
	for (const char *p = text + from;; p++) {
		if (n->literal)
			p = strstr(p, n->folded);
		else if (n->lit[0])
			p = strstr(p, n->lit);
		else
			p = strpbrk(p, n->accept);
		if (!p)
			return false;
		if (is_continuation((unsigned char)*p))   /* never inside a character */
			continue;
		size_t w = n->literal ? n->len : match_at(n, (const unsigned char *)p);
		if (w) {
			*start = (size_t)(p - text);
			*len = w;
			return true;
		}
	}
}

static bool text_matches(const struct search_needle *n, const char *text)
{
	size_t start, len;
	return search_text_find(n, text, 0, &start, &len);
}

/* ---- keys and units ------------------------------------------------------ */

typedef uint64_t field_key;

#define KEY(unit, slot) (((field_key)(unit) << 32) | (field_key)(slot))
#define KEY_UNIT(k) ((size_t)((k) >> 32))
#define KEY_SLOT(k) ((size_t)((k) & 0xFFFFFFFFu))

/* One unit, resolved. */
struct unit {
	int policy, item;         /* item -1: the policy's heading */
	const struct policy *pol;
	const struct item *it;
	size_t slots;             /* number of slots (0: nothing to search) */
	size_t ind0, entry0;      /* first indicator slot, first entry slot */
};

struct keys {
	field_key *v;
	size_t n, cap;
};

struct key_span {
	field_key lo, hi;         /* [lo, hi) */
};

struct search_session {
	const struct plan *plan;
	struct filter filter;
	bool filtered;            /* filter_active(&filter) */
	bool entry_terms;         /* filter_has_entry_terms(&filter) */
	enum search_scope scope;
	struct search_needle needle;
	size_t *unit_first;       /* per policy its heading's unit; [n_policies]: all units */
	field_key end;            /* KEY(all units, 0) */
	/* examined: [0, a) and, when win, [wo, wb) */
	field_key a, wo, wb;
	bool win;
	struct keys pre, wnd;     /* their matches */
	/* covered by an earlier query: only cand needs a look there */
	struct key_span *cover;
	size_t n_cover;
	struct keys cand;
	size_t work;
	bool failed;
};

static int units_build(struct search_session *s)
{
	const struct plan *plan = s->plan;
	size_t *first = malloc((plan->n_policies + 1) * sizeof *first);
	if (!first)
		return ENOMEM;
	size_t u = 0;
	for (size_t p = 0; p < plan->n_policies; p++) {
		first[p] = u;
		u += 1 + plan->policies[p].n_items;
	}
	first[plan->n_policies] = u;
	free(s->unit_first);
	s->unit_first = first;
	s->end = KEY(u, 0);
	return 0;
}

/* Resolve unit u (< number of units): which policy and item, how many slots. */
static void unit_at(const struct search_session *s, size_t u, struct unit *out)
{
	size_t lo = 0, hi = s->plan->n_policies;   /* the last policy whose heading is <= u */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (s->unit_first[mid] <= u)
			lo = mid;
		else
			hi = mid;
	}
	const struct policy *pol = &s->plan->policies[lo];
	*out = (struct unit){ .policy = (int)lo, .item = (int)(u - s->unit_first[lo]) - 1,
	                      .pol = pol };
	if (out->item < 0) {
		out->slots = s->scope == SEARCH_ALL ? 2 : 0;
		return;
	}
	const struct item *it = &pol->items[out->item];
	out->it = it;
	out->ind0 = 5 + it->n_departments;
	out->entry0 = out->ind0 + 3 * it->n_indicators;
	out->slots = out->entry0 + 2 * it->n_entries;
	if (s->filtered && !filter_item(s->plan, &s->filter, it))
		out->slots = 0;
}

/* The position of a slot of a unit. */
static struct plan_pos unit_pos(const struct unit *u, size_t slot)
{
	struct plan_pos pos = { .policy = u->policy, .item = u->item, .entry = -1 };
	if (u->item < 0) {
		pos.field = slot ? MATCH_POLICY_DESCRIPTION : MATCH_POLICY_TITLE;
		return pos;
	}
	size_t nd = u->it->n_departments;
	static const int fixed[] = { MATCH_ID, MATCH_SERIAL, MATCH_TITLE };
	static const int ind[] = { MATCH_INDICATOR_NAME, MATCH_INDICATOR_BASELINE,
	                           MATCH_INDICATOR_TARGET };
	if (slot < 3) {
		pos.field = fixed[slot];
	} else if (slot < 3 + nd) {
		pos.field = MATCH_DEPARTMENT;
		pos.sub = (int)(slot - 3);
	} else if (slot < u->ind0) {
		pos.field = slot == 3 + nd ? MATCH_CONTENT : MATCH_EFFECTS;
	} else if (slot < u->entry0) {
		pos.field = ind[(slot - u->ind0) % 3];
		pos.sub = (int)((slot - u->ind0) / 3);
	} else {
		pos.entry = (int)((slot - u->entry0) / 2);
		pos.field = (slot - u->entry0) % 2 ? MATCH_NOTE : MATCH_PLAN;
	}
	return pos;
}

/* The slot of a field in its unit; false when pos names no field. */
static bool field_slot(const struct unit *u, const struct plan_pos *pos, size_t *slot)
{
	const struct item *it = u->it;
	size_t sub = (size_t)pos->sub;
	if (u->item < 0) {
		*slot = pos->field == MATCH_POLICY_DESCRIPTION;
		return pos->field == MATCH_POLICY_TITLE || pos->field == MATCH_POLICY_DESCRIPTION;
	}
	switch (pos->field) {
	case MATCH_ID:      *slot = 0; return true;
	case MATCH_SERIAL:  *slot = 1; return true;
	case MATCH_TITLE:   *slot = 2; return true;
	case MATCH_CONTENT: *slot = u->ind0 - 2; return true;
	case MATCH_EFFECTS: *slot = u->ind0 - 1; return true;
	case MATCH_DEPARTMENT:
		*slot = 3 + sub;
		return pos->sub >= 0 && sub < it->n_departments;
	case MATCH_INDICATOR_NAME:
	case MATCH_INDICATOR_BASELINE:
	case MATCH_INDICATOR_TARGET:
		*slot = u->ind0 + 3 * sub + (size_t)(pos->field - MATCH_INDICATOR_NAME);
		return pos->sub >= 0 && sub < it->n_indicators;
	case MATCH_PLAN:
	case MATCH_NOTE:
		*slot = u->entry0 + 2 * (size_t)pos->entry + (pos->field == MATCH_NOTE);
		return pos->entry >= 0 && (size_t)pos->entry < it->n_entries;
	default:
		return false;
	}
}

/* The key of a position; false when it names no field of the plan. */
static bool pos_key(const struct search_session *s, const struct plan_pos *pos, field_key *key)
{
	const struct plan *plan = s->plan;
	if (!pos || pos->policy < 0 || (size_t)pos->policy >= plan->n_policies)
		return false;
	if (pos->item < -1 || (pos->item >= 0 &&
	                       (size_t)pos->item >= plan->policies[pos->policy].n_items))
		return false;
	size_t u = s->unit_first[pos->policy] + (size_t)(pos->item + 1), slot;
	struct unit un;
	unit_at(s, u, &un);   /* the layout is there even when the filter hides the item */
	if (!field_slot(&un, pos, &slot))
		return false;
	*key = KEY(u, slot);
	return true;
}

/* The text of a slot to search, or NULL (absent, or the filter hides the
 * entry).  buf receives a serial number's text. */
static const char *slot_text(const struct search_session *s, const struct unit *u, size_t slot,
                             char *buf)
{
	if (u->item < 0)
		return slot ? u->pol->description : u->pol->title;
	const struct item *it = u->it;
	size_t nd = it->n_departments;
	if (slot >= u->entry0) {
		const struct entry *e = &it->entries[(slot - u->entry0) / 2];
		if (s->entry_terms && !filter_entry_terms(s->plan, &s->filter, e->year, e->status))
			return NULL;
		return (slot - u->entry0) % 2 ? e->note : e->plan;
	}
	if (slot >= u->ind0) {
		const struct indicator *ind = &it->indicators[(slot - u->ind0) / 3];
		size_t k = (slot - u->ind0) % 3;
		return k == 0 ? ind->name : k == 1 ? ind->baseline : ind->target;
	}
	if (slot >= 3 && slot < 3 + nd)
		return it->departments[slot - 3];
	switch (slot) {
	case 0: return it->id;
	case 1:
		if (!it->serial || !s->needle.serial)
			return NULL;
		struct plan_pos pos = unit_pos(u, slot);
		return pos_field_text(s->plan, &pos, buf);
	case 2: return it->title;
	default: return slot == 3 + nd ? it->content : it->effects;
	}
}

/* The position of a key. */
static struct plan_pos key_pos(const struct search_session *s, field_key key)
{
	struct unit u;
	unit_at(s, KEY_UNIT(key), &u);
	return unit_pos(&u, KEY_SLOT(key));
}

/* ---- sets of keys --------------------------------------------------------- */

static bool keys_push(struct search_session *s, struct keys *k, field_key key)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 64;
		field_key *v = realloc(k->v, cap * sizeof *v);
		if (!v) {
			s->failed = true;
			return false;
		}
		k->v = v;
		k->cap = cap;
	}
	k->v[k->n++] = key;
	return true;
}

/* Index of the first key >= key. */
static size_t keys_lower(const struct keys *k, field_key key)
{
	size_t lo = 0, hi = k->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k->v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void keys_free(struct keys *k)
{
	free(k->v);
	*k = (struct keys){ 0 };
}

/* ---- examining ------------------------------------------------------------ */

/* Whether key is covered by an earlier query; *bound is the end of its
 * span, or (not covered) the start of the next span (the end when none). */
static bool covered(const struct search_session *s, field_key key, field_key *bound)
{
	for (size_t i = 0; i < s->n_cover; i++) {
		if (key < s->cover[i].lo) {
			*bound = s->cover[i].lo;
			return false;
		}
		if (key < s->cover[i].hi) {
			*bound = s->cover[i].hi;
			return true;
		}
	}
	*bound = s->end;
	return false;
}

/* Examine one field (a candidate). */
static void examine_key(struct search_session *s, field_key key, struct keys *out)
{
	struct unit u;
	char buf[POS_TEXT_BUF];
	size_t slot = KEY_SLOT(key);
	unit_at(s, KEY_UNIT(key), &u);
	s->work++;
	if (slot < u.slots && text_matches(&s->needle, slot_text(s, &u, slot, buf)))
		keys_push(s, out, key);
}

/* Examine the fields of *k's unit from *k on, before stop (> *k); *k moves
 * past them (to stop, or to the next unit). */
static void examine_unit(struct search_session *s, field_key *k, field_key stop,
                         struct keys *out)
{
	size_t unit = KEY_UNIT(*k);
	struct unit u;
	char buf[POS_TEXT_BUF];
	unit_at(s, unit, &u);
	field_key next = KEY(unit + 1, 0);
	size_t last = stop < next && KEY_SLOT(stop) < u.slots ? KEY_SLOT(stop) : u.slots;
	s->work++;   /* the unit itself, which may be hidden */
	for (size_t slot = KEY_SLOT(*k); slot < last; slot++) {
		s->work++;
		if (text_matches(&s->needle, slot_text(s, &u, slot, buf)) &&
		    !keys_push(s, out, KEY(unit, slot)))
			return;
	}
	*k = stop < next ? stop : next;
}

/* One step of examining from *k (< limit) into out: the next candidate
 * where an earlier query covered the plan, else a unit's fields. */
static void advance(struct search_session *s, field_key *k, field_key limit, struct keys *out)
{
	field_key bound;
	bool in_cover = covered(s, *k, &bound);
	if (bound > limit)
		bound = limit;
	if (!in_cover) {
		examine_unit(s, k, bound, out);
		return;
	}
	size_t i = keys_lower(&s->cand, *k);
	if (i < s->cand.n && s->cand.v[i] < bound) {
		examine_key(s, s->cand.v[i], out);
		*k = s->cand.v[i] + 1;
	} else {
		s->work++;
		*k = bound;
	}
}

/* The prefix takes in the window once it reaches it. */
static void join(struct search_session *s)
{
	if (!s->win || s->a < s->wo)
		return;
	for (size_t i = 0; i < s->wnd.n; i++)
		if (!keys_push(s, &s->pre, s->wnd.v[i]))
			return;
	s->a = s->wb;
	s->win = false;
	s->wnd.n = 0;
}

static void grow_prefix(struct search_session *s)
{
	advance(s, &s->a, s->win ? s->wo : s->end, &s->pre);
	join(s);
}

/* Examine the plan from its start up to key k at least. */
static enum search_result reach(struct search_session *s, field_key k, size_t stop_work)
{
	while (s->a < k) {
		if (s->failed)
			return SEARCH_NOMEM;
		if (s->work >= stop_work)
			return SEARCH_PENDING;
		grow_prefix(s);
	}
	return s->failed ? SEARCH_NOMEM : SEARCH_FOUND;
}

/* The first match in [k, lim) into *found. */
static enum search_result first_from(struct search_session *s, field_key k, field_key lim,
                                     size_t stop_work, field_key *found)
{
	for (;;) {
		if (s->failed)
			return SEARCH_NOMEM;
		if (k >= lim)
			return SEARCH_NONE;
		const struct keys *set = NULL;
		field_key set_end = 0;
		if (k < s->a) {
			set = &s->pre;
			set_end = s->a;
		} else if (s->win && k >= s->wo && k < s->wb) {
			set = &s->wnd;
			set_end = s->wb;
		}
		if (set) {   /* examined already */
			size_t i = keys_lower(set, k);
			if (i == set->n) {
				k = set_end;
				continue;
			}
			if (set->v[i] >= lim)
				return SEARCH_NONE;
			*found = set->v[i];
			return SEARCH_FOUND;
		}
		if (s->work >= stop_work)
			return SEARCH_PENDING;
		if (!s->win && k > s->a) {   /* look from k on, apart from the prefix */
			s->win = true;
			s->wo = s->wb = k;
		}
		if (s->win && k >= s->wb)
			advance(s, &s->wb, s->end, &s->wnd);
		else
			grow_prefix(s);
	}
}

/* The last match before *k, else (or with k NULL) the last of all. */
static enum search_result last_before(struct search_session *s, const field_key *k,
                                      size_t stop_work, field_key *found, bool *wrap)
{
	enum search_result r;
	if (k) {
		if ((r = reach(s, *k, stop_work)) != SEARCH_FOUND)
			return r;
		size_t i = keys_lower(&s->pre, *k);
		if (i > 0) {
			*found = s->pre.v[i - 1];
			return SEARCH_FOUND;
		}
		*wrap = true;
	}
	if ((r = reach(s, s->end, stop_work)) != SEARCH_FOUND)
		return r;
	if (!s->pre.n)
		return SEARCH_NONE;
	*found = s->pre.v[s->pre.n - 1];
	return SEARCH_FOUND;
}

enum search_result search_session_find(struct search_session *s, const struct plan_pos *from,
                                       enum search_dir dir, size_t budget,
                                       struct plan_pos *out, bool *wrapped)
{
	size_t stop = budget ? s->work + budget : SIZE_MAX;
	bool wrap = false;
	field_key k, found;
	enum search_result r;
	if (wrapped)
		*wrapped = false;
	if (s->failed)
		return SEARCH_NOMEM;
	if (!s->needle.len)
		return SEARCH_NONE;
	bool have = pos_key(s, from, &k);
	if (dir == SEARCH_PREV) {
		r = last_before(s, have ? &k : NULL, stop, &found, &wrap);
	} else {
		field_key k0 = !have ? 0 : dir == SEARCH_NEXT ? k + 1 : k;
		r = first_from(s, k0, s->end, stop, &found);
		if (r == SEARCH_NONE && k0 > 0) {   /* NEXT wraps to itself when alone */
			r = first_from(s, 0, k0, stop, &found);
			wrap = true;
		}
	}
	if (r != SEARCH_FOUND)
		return r;
	*out = key_pos(s, found);
	if (wrapped)
		*wrapped = wrap;
	return r;
}

bool search_session_step(struct search_session *s, size_t budget)
{
	size_t stop = budget ? s->work + budget : SIZE_MAX;
	return reach(s, s->end, stop) != SEARCH_PENDING;
}

bool search_session_failed(const struct search_session *s)
{
	return s->failed;
}

bool search_session_count(const struct search_session *s, size_t *n)
{
	*n = s->pre.n + s->wnd.n;
	return !s->failed && s->a >= s->end;
}

bool search_session_rank(const struct search_session *s, const struct plan_pos *pos,
                         size_t *rank)
{
	field_key k;
	*rank = 0;
	if (!s->needle.len || !pos_key(s, pos, &k))
		return true;
	if (s->failed || k >= s->a)
		return false;
	size_t i = keys_lower(&s->pre, k);
	*rank = i < s->pre.n && s->pre.v[i] == k ? i + 1 : 0;
	return true;
}

size_t search_session_work(const struct search_session *s)
{
	return s->work;
}

const struct search_needle *search_session_needle(const struct search_session *s)
{
	return &s->needle;
}

/* ---- the query ------------------------------------------------------------ */

static int span_cmp(const void *a, const void *b)
{
	const struct key_span *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* What was examined joins what was covered: sorted, merged spans. */
static struct key_span *cover_union(const struct search_session *s, size_t *n)
{
	struct key_span *v = malloc((s->n_cover + 2) * sizeof *v);
	size_t k = 0, out = 0;
	if (!v)
		return NULL;
	if (s->n_cover)
		memcpy(v, s->cover, s->n_cover * sizeof *v);
	k = s->n_cover;
	if (s->a > 0)
		v[k++] = (struct key_span){ 0, s->a };
	if (s->win && s->wb > s->wo)
		v[k++] = (struct key_span){ s->wo, s->wb };
	qsort(v, k, sizeof *v, span_cmp);
	for (size_t i = 0; i < k; i++) {
		if (out && v[i].lo <= v[out - 1].hi) {
			if (v[i].hi > v[out - 1].hi)
				v[out - 1].hi = v[i].hi;
		} else {
			v[out++] = v[i];
		}
	}
	*n = out;
	return v;
}

/* Append the candidates in [lo, hi) to out (sized for them). */
static void cand_range(const struct search_session *s, field_key lo, field_key hi,
                       struct keys *out)
{
	for (size_t i = keys_lower(&s->cand, lo); i < s->cand.n && s->cand.v[i] < hi; i++)
		out->v[out->n++] = s->cand.v[i];
}

/* Make the matches found so far (and the candidates of the parts not
 * examined yet) the candidates of a longer query.  Returns 0 or ENOMEM
 * (nothing changed). */
static int narrow(struct search_session *s)
{
	size_t n_cover = 0;
	struct key_span *cover = cover_union(s, &n_cover);
	struct keys cand = { 0 };
	cand.cap = s->pre.n + s->wnd.n + s->cand.n;
	cand.v = malloc((cand.cap ? cand.cap : 1) * sizeof *cand.v);
	if (!cover || !cand.v) {
		free(cover);
		free(cand.v);
		return ENOMEM;
	}
	if (s->pre.n)
		memcpy(cand.v, s->pre.v, s->pre.n * sizeof *cand.v);
	cand.n = s->pre.n;
	if (s->win) {
		cand_range(s, s->a, s->wo, &cand);
		if (s->wnd.n)
			memcpy(cand.v + cand.n, s->wnd.v, s->wnd.n * sizeof *cand.v);
		cand.n += s->wnd.n;
		cand_range(s, s->wb, s->end, &cand);
	} else {
		cand_range(s, s->a, s->end, &cand);
	}
	free(s->cover);
	keys_free(&s->cand);
	s->cover = cover;
	s->n_cover = n_cover;
	s->cand = cand;
	return 0;
}

/* Nothing examined for the current query. */
static void reset_examined(struct search_session *s)
{
	s->a = s->wo = s->wb = 0;
	s->win = false;
	s->pre.n = s->wnd.n = 0;
	s->work = 0;
}

static void forget_cover(struct search_session *s)
{
	free(s->cover);
	s->cover = NULL;
	s->n_cover = 0;
	keys_free(&s->cand);
}

bool search_session_set(struct search_session *s, const char *needle)
{
	struct search_needle n;
	search_needle_init(&n, needle);
	bool same = n.len == s->needle.len && memcmp(n.folded, s->needle.folded, n.len) == 0;
	bool narrowed = !same && !s->failed && s->needle.len && n.len &&
	                !is_continuation((unsigned char)s->needle.folded[0]) &&
	                strstr(n.folded, s->needle.folded) && narrow(s) == 0;
	if (!same) {
		if (!narrowed)
			forget_cover(s);
		reset_examined(s);
		s->failed = !s->unit_first;
	}
	s->needle = n;
	return same || narrowed;
}

/* ---- sessions ------------------------------------------------------------- */

static int session_init(struct search_session *s, const struct plan *plan,
                        const struct filter *f, enum search_scope scope)
{
	memset(s, 0, sizeof *s);
	s->scope = scope;
	search_needle_init(&s->needle, NULL);
	return search_session_restart(s, plan, f);
}

static void session_fini(struct search_session *s)
{
	keys_free(&s->pre);
	keys_free(&s->wnd);
	forget_cover(s);
	free(s->unit_first);
	s->unit_first = NULL;
}

int search_session_restart(struct search_session *s, const struct plan *plan,
                           const struct filter *f)
{
	s->plan = plan;
	if (f)
		s->filter = *f;
	else
		filter_clear(&s->filter);
	s->filtered = filter_active(&s->filter);
	s->entry_terms = filter_has_entry_terms(&s->filter);
	forget_cover(s);
	reset_examined(s);
	s->failed = units_build(s) != 0;
	return s->failed ? ENOMEM : 0;
}

int search_session_set_filter(struct search_session *s, const struct filter *f)
{
	if (filter_equal(&s->filter, f) && !s->failed)
		return 0;
	return search_session_restart(s, s->plan, f);
}

struct search_session *search_session_new(const struct plan *plan, const struct filter *f,
                                          enum search_scope scope)
{
	struct search_session *s = malloc(sizeof *s);
	if (s && session_init(s, plan, f, scope) != 0) {
		search_session_free(s);
		return NULL;
	}
	return s;
}

void search_session_free(struct search_session *s)
{
	if (!s)
		return;
	session_fini(s);
	free(s);
}

/* ---- one-off search --------------------------------------------------------- */

bool search_find(const struct plan *plan, const struct filter *f, const char *needle,
                 const struct plan_pos *from, enum search_dir dir, struct plan_pos *out,
                 bool *wrapped)
{
	struct search_session s;
	bool found = false;
	if (wrapped)
		*wrapped = false;
	if (session_init(&s, plan, f, SEARCH_ITEMS) == 0) {
		search_session_set(&s, needle);
		found = search_session_find(&s, from, dir, 0, out, wrapped) == SEARCH_FOUND;
	}
	session_fini(&s);
	return found;
}

size_t search_count(const struct plan *plan, const struct filter *f, const char *needle)
{
	return search_rank(plan, f, needle, NULL);
}

/* With pos NULL: all matches.  Otherwise the rank of pos, or 0. */
size_t search_rank(const struct plan *plan, const struct filter *f, const char *needle,
                   const struct plan_pos *pos)
{
	struct search_session s;
	size_t n = 0;
	field_key k;
	if (session_init(&s, plan, f, SEARCH_ITEMS) == 0) {
		search_session_set(&s, needle);
		if (!pos) {
			search_session_step(&s, 0);
			search_session_count(&s, &n);
		} else if (s.needle.len && pos_key(&s, pos, &k) &&
		           reach(&s, k + 1, SIZE_MAX) == SEARCH_FOUND) {
			search_session_rank(&s, pos, &n);
		}
	}
	session_fini(&s);
	return n;
}
