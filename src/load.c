/* load.c - read and validate a plan with libyaml's event API (see load.h).
 *
 * The walk is a recursive descent over events with the schema built in, so
 * any structure the schema does not expect is an error at its first event:
 * depth stays bounded and nothing unexpected is ever skipped over.
 *
 * Positions: libyaml's marks count characters, not bytes, and we force
 * UTF-8 and strip a BOM ourselves (libyaml with a forced encoding would
 * count the BOM as a character of the first line).  A forward-only cursor
 * turns character indexes into byte offsets in one pass over the file.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "fileio.h"
#include "load.h"
#include "utf8.h"

/* A growable scratch array; the loader keeps one per kind of child and
 * copies its contents into the arena when the parent mapping ends. */
struct vec {
	void *data;
	size_t n, cap, elem;
};

static void *vec_push(struct vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void *d = realloc(v->data, cap * v->elem);
		if (!d)
			return NULL;
		v->data = d;
		v->cap = cap;
	}
	void *slot = (char *)v->data + v->n++ * v->elem;
	memset(slot, 0, v->elem);
	return slot;
}

/* An id seen so far, for duplicate detection in O(1). */
struct id_slot {
	const char *id;
	uint32_t line;
};

struct id_set {
	struct id_slot *slots;
	size_t cap, n;
};

/* A status or year check that must wait until `statuses` and `years` are
 * known: hand-edited files may put them after `policies`. */
struct pending {
	struct entry *entry;
	const char *status_key;
	uint32_t year_line, year_col;
};

struct loader {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have_ev;
	const char *yaml_text;    /* what libyaml reads: the text after any BOM */
	size_t yaml_len;
	size_t base;              /* bytes before yaml_text (3 with a BOM) */
	struct char_cursor cur;
	int depth;
	bool failed;
	struct load_error *err;
	struct plan *plan;
	struct arena *arena;
	struct vec policies, items, entries, entry_keys, indicators, strings, pending, marks;
	struct id_set item_ids;
	char shown[160];          /* a file value made safe for a message */
	bool policies_block;      /* the policies list and the current policy are */
	bool policy_block;        /* in block style (for struct item.block) */
	unsigned char *serials;   /* seen flags for item serial numbers */
	size_t n_serials;
};

/* ---- errors ---------------------------------------------------------- */

static void fail_at(struct loader *ld, unsigned long line, unsigned long col,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void fail_at(struct loader *ld, unsigned long line, unsigned long col,
                    const char *fmt, ...)
{
	if (ld->failed)
		return;
	ld->failed = true;
	ld->err->line = line;
	ld->err->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ld->err->message, sizeof ld->err->message, fmt, ap);
	va_end(ap);
}

/* A value from the file, made safe to print in a message: control
 * characters (C0, DEL, C1) become \xNN escapes and long values are cut, so
 * a hostile file cannot send escape sequences to the user's terminal. */
static const char *show(struct loader *ld, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0, max = sizeof ld->shown - 8;
	for (size_t i = 0; u[i] && o < max; i++) {
		bool c1 = u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F;
		if (u[i] < 0x20 || u[i] == 0x7F || c1) {
			if (c1)
				i++;
			o += (size_t)snprintf(ld->shown + o, sizeof ld->shown - o, "\\x%02x", u[i]);
		} else {
			ld->shown[o++] = (char)u[i];
		}
	}
	if (o >= max)
		o = (size_t)snprintf(ld->shown + o, sizeof ld->shown - o, "...") + o;
	ld->shown[o < sizeof ld->shown ? o : sizeof ld->shown - 1] = '\0';
	return ld->shown;
}

#define fail_mark(ld, mark, ...) \
	fail_at((ld), (mark).line + 1, (mark).column + 1, __VA_ARGS__)
#define fail_here(ld, ...) fail_mark((ld), (ld)->ev.start_mark, __VA_ARGS__)

void load_error_format(const struct load_error *err, const char *file,
                       char *buf, size_t size)
{
	if (err->line)
		snprintf(buf, size, "%s:%lu:%lu: %s", file, err->line, err->col, err->message);
	else
		snprintf(buf, size, "%s: %s", file, err->message);
}

static void fail_libyaml(struct loader *ld)
{
	const yaml_parser_t *p = &ld->parser;
	const char *problem = p->problem ? p->problem : "cannot parse the file";
	if (p->error == YAML_READER_ERROR) {
		/* Only a byte offset is known here; find its line and column.
		 * Bad UTF-8 gets a message that names the byte. */
		unsigned long line, col;
		size_t bad, off = p->problem_offset;
		bool utf8_ok = utf8_valid(ld->yaml_text, ld->yaml_len, &bad);
		if (!utf8_ok)
			off = bad;
		utf8_line_col(ld->yaml_text, ld->yaml_len, off, &line, &col);
		if (!utf8_ok)
			fail_at(ld, line, col, "invalid UTF-8 (byte 0x%02x); a plan file must be UTF-8",
			        (unsigned char)ld->yaml_text[off]);
		else
			fail_at(ld, line, col, "%s", problem);
	} else if (p->error == YAML_MEMORY_ERROR) {
		fail_at(ld, 0, 0, "out of memory");
	} else if (p->context) {
		fail_mark(ld, p->problem_mark, "%s %s (line %zu)", problem, p->context,
		          p->context_mark.line + 1);
	} else {
		fail_mark(ld, p->problem_mark, "%s", problem);
	}
}

static bool oom(struct loader *ld)
{
	fail_at(ld, 0, 0, "out of memory");
	return false;
}

/* ---- events ---------------------------------------------------------- */

static const char *event_name(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:         return "a scalar";
	case YAML_SEQUENCE_START_EVENT: return "a list";
	case YAML_MAPPING_START_EVENT:  return "a mapping";
	case YAML_SEQUENCE_END_EVENT:   return "the end of a list";
	case YAML_MAPPING_END_EVENT:    return "the end of a mapping";
	case YAML_DOCUMENT_START_EVENT: return "a second document";
	case YAML_DOCUMENT_END_EVENT:   return "the end of the document";
	case YAML_STREAM_END_EVENT:     return "the end of the file";
	default:                        return "something else";
	}
}

/* Fetch the next event into ld->ev, refusing aliases, anchors, tags and
 * excessive depth. */
static bool next(struct loader *ld)
{
	if (ld->failed)
		return false;
	if (ld->have_ev) {
		yaml_event_delete(&ld->ev);
		ld->have_ev = false;
	}
	if (!yaml_parser_parse(&ld->parser, &ld->ev)) {
		fail_libyaml(ld);
		return false;
	}
	ld->have_ev = true;
	const yaml_char_t *anchor = NULL, *tag = NULL;
	switch (ld->ev.type) {
	case YAML_ALIAS_EVENT:
		fail_here(ld, "aliases (*%s) are not allowed in a plan file",
		          show(ld, (const char *)ld->ev.data.alias.anchor));
		return false;
	case YAML_SCALAR_EVENT:
		anchor = ld->ev.data.scalar.anchor;
		tag = ld->ev.data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ld->ev.data.sequence_start.anchor;
		tag = ld->ev.data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ld->ev.data.mapping_start.anchor;
		tag = ld->ev.data.mapping_start.tag;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		ld->depth--;
		break;
	default:
		break;
	}
	if (anchor) {
		fail_here(ld, "anchors (&%s) are not allowed in a plan file", show(ld, (const char *)anchor));
		return false;
	}
	if (tag) {
		fail_here(ld, "tags (%s) are not allowed in a plan file", show(ld, (const char *)tag));
		return false;
	}
	if (ld->ev.type == YAML_SEQUENCE_START_EVENT || ld->ev.type == YAML_MAPPING_START_EVENT) {
		if (++ld->depth > LOAD_MAX_DEPTH) {
			fail_here(ld, "nesting deeper than %d levels", LOAD_MAX_DEPTH);
			return false;
		}
	}
	return true;
}

static bool next_is(struct loader *ld, yaml_event_type_t type, const char *want,
                    const char *what)
{
	if (!next(ld))
		return false;
	if (ld->ev.type != type) {
		fail_here(ld, "expected %s for %s, found %s", want, what, event_name(&ld->ev));
		return false;
	}
	return true;
}

/* ---- scalars --------------------------------------------------------- */

static const char *scalar_text(const struct loader *ld)
{
	return (const char *)ld->ev.data.scalar.value;
}

static void fill_span(struct loader *ld, struct span *sp, bool in_flow, unsigned indent)
{
	const yaml_event_t *ev = &ld->ev;
	sp->start = (uint32_t)(ld->base + char_cursor_byte(&ld->cur, ev->start_mark.index));
	sp->end = (uint32_t)(ld->base + char_cursor_byte(&ld->cur, ev->end_mark.index));
	sp->line = (uint32_t)ev->start_mark.line + 1;
	sp->col = (uint32_t)ev->start_mark.column + 1;
	sp->indent = (uint16_t)(indent < UINT16_MAX ? indent : UINT16_MAX);
	sp->in_flow = in_flow;
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: sp->style = SPAN_SINGLE; break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: sp->style = SPAN_DOUBLE; break;
	case YAML_LITERAL_SCALAR_STYLE:       sp->style = SPAN_LITERAL; break;
	case YAML_FOLDED_SCALAR_STYLE:        sp->style = SPAN_FOLDED; break;
	default:                              sp->style = SPAN_PLAIN; break;
	}
}

/* Read a string value.  A NUL inside a value ("\0") is refused, since the
 * model holds C strings. */
static bool take_string(struct loader *ld, const char *what, const char **out)
{
	if (!next_is(ld, YAML_SCALAR_EVENT, "a string", what))
		return false;
	size_t len = ld->ev.data.scalar.length;
	if (memchr(scalar_text(ld), '\0', len)) {
		fail_here(ld, "a NUL character is not allowed in %s", what);
		return false;
	}
	*out = arena_strndup(ld->arena, scalar_text(ld), len);
	return *out ? true : oom(ld);
}

static bool is_plain(const struct loader *ld)
{
	return ld->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static bool take_int(struct loader *ld, const char *what, long min, long max, int *out)
{
	if (!next_is(ld, YAML_SCALAR_EVENT, "a number", what))
		return false;
	const char *s = scalar_text(ld);
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!is_plain(ld) || !*s || *end || errno || (*s < '0' || *s > '9')) {
		fail_here(ld, "expected a whole number for %s, found \"%s\"", what, show(ld, s));
		return false;
	}
	if (v < min || v > max) {
		fail_here(ld, "%s must be between %ld and %ld, found %ld", what, min, max, v);
		return false;
	}
	*out = (int)v;
	return true;
}

static bool take_amount(struct loader *ld, const char *what)
{
	if (!next_is(ld, YAML_SCALAR_EVENT, "a number", what))
		return false;
	const char *s = scalar_text(ld);
	char *end;
	(void)strtod(s, &end);
	if (!is_plain(ld) || !*s || *end || !((*s >= '0' && *s <= '9') || *s == '-')) {
		fail_here(ld, "expected a number for %s, found \"%s\"", what, show(ld, s));
		return false;
	}
	return true;
}

static bool take_bool(struct loader *ld, const char *what, bool *out)
{
	if (!next_is(ld, YAML_SCALAR_EVENT, "true or false", what))
		return false;
	const char *s = scalar_text(ld);
	if (is_plain(ld) && strcmp(s, "true") == 0)
		*out = true;
	else if (is_plain(ld) && strcmp(s, "false") == 0)
		*out = false;
	else {
		fail_here(ld, "expected true or false for %s, found \"%s\"", what, show(ld, s));
		return false;
	}
	return true;
}

/* ---- mappings -------------------------------------------------------- */

/* Read the next key of the current mapping.  Returns 1 with *k set to its
 * index in keys[], 0 at the end of the mapping, -1 on error. */
static int next_key(struct loader *ld, const char *const *keys, unsigned *seen,
                    const char *where, int *k)
{
	if (!next(ld))
		return -1;
	if (ld->ev.type == YAML_MAPPING_END_EVENT)
		return 0;
	if (ld->ev.type != YAML_SCALAR_EVENT) {
		fail_here(ld, "expected a key in %s, found %s", where, event_name(&ld->ev));
		return -1;
	}
	const char *key = scalar_text(ld);
	size_t len = ld->ev.data.scalar.length;
	for (int i = 0; keys[i]; i++) {
		if (keys[i][0] != key[0] || strlen(keys[i]) != len || memcmp(keys[i], key, len) != 0)
			continue;
		if (*seen & (1u << i)) {
			fail_here(ld, "duplicate key \"%s\" in %s", show(ld, key), where);
			return -1;
		}
		*seen |= 1u << i;
		*k = i;
		return 1;
	}
	char list[160] = "";
	size_t used = 0;
	for (int i = 0; keys[i] && used < sizeof list; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", keys[i]);
	fail_here(ld, "unknown key \"%s\" in %s (expected one of: %s)", show(ld, key), where, list);
	return -1;
}

/* Check that every key in `required` (bits) was seen. */
static bool check_required(struct loader *ld, const yaml_mark_t *start, const char *const *keys,
                           unsigned seen, unsigned required, const char *where)
{
	for (int i = 0; keys[i]; i++) {
		if ((required & (1u << i)) && !(seen & (1u << i))) {
			fail_mark(ld, *start, "%s has no \"%s\"", where, keys[i]);
			return false;
		}
	}
	return true;
}

#define BIT(k) (1u << (k))

/* A list of strings (departments, review words), block or flow. */
static bool take_string_list(struct loader *ld, const char *what, struct vec *out)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, "a list", what))
		return false;
	out->n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			return true;
		if (ld->ev.type != YAML_SCALAR_EVENT) {
			fail_here(ld, "expected a string in %s, found %s", what, event_name(&ld->ev));
			return false;
		}
		const char **slot = vec_push(out);
		if (!slot)
			return oom(ld);
		size_t len = ld->ev.data.scalar.length;
		if (memchr(scalar_text(ld), '\0', len)) {
			fail_here(ld, "a NUL character is not allowed in %s", what);
			return false;
		}
		*slot = arena_strndup(ld->arena, scalar_text(ld), len);
		if (!*slot)
			return oom(ld);
	}
}

/* ---- id set ---------------------------------------------------------- */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Insert id; when present already return its slot (a duplicate). */
static const struct id_slot *id_set_add(struct id_set *set, const char *id, uint32_t line,
                                        bool *nomem)
{
	*nomem = false;
	if (set->n * 2 >= set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 256;
		struct id_slot *slots = calloc(cap, sizeof *slots);
		if (!slots) {
			*nomem = true;
			return NULL;
		}
		for (size_t i = 0; i < set->cap; i++) {
			if (!set->slots[i].id)
				continue;
			size_t j = hash_str(set->slots[i].id) & (cap - 1);
			while (slots[j].id)
				j = (j + 1) & (cap - 1);
			slots[j] = set->slots[i];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	size_t j = hash_str(id) & (set->cap - 1);
	while (set->slots[j].id) {
		if (strcmp(set->slots[j].id, id) == 0)
			return &set->slots[j];
		j = (j + 1) & (set->cap - 1);
	}
	set->slots[j].id = id;
	set->slots[j].line = line;
	set->n++;
	return NULL;
}

/* ---- the schema ------------------------------------------------------ */

static const char *const top_keys[] = {
	"title", "program", "years", "review_year", "review_label", "statuses",
	"effects", "policies", NULL,
};
enum { T_TITLE, T_PROGRAM, T_YEARS, T_REVIEW_YEAR, T_REVIEW_LABEL, T_STATUSES,
       T_EFFECTS, T_POLICIES };

static const char *const status_keys[] = {
	"key", "label", "letter", "final", "description", NULL,
};
enum { S_KEY, S_LABEL, S_LETTER, S_FINAL, S_DESCRIPTION };

static const char *const effect_keys[] = { "year", "total", "revenue", "savings", NULL };

static const char *const policy_keys[] = { "id", "title", "description", "items", NULL };
enum { P_ID, P_TITLE, P_DESCRIPTION, P_ITEMS };

static const char *const item_keys[] = {
	"id", "serial", "title", "source", "rating", "departments", "content", "effects",
	"indicators", "review", "schedule", NULL,
};
enum { I_ID, I_NO, I_TITLE, I_SOURCE, I_RATING, I_DEPARTMENTS, I_CONTENT, I_EFFECTS,
       I_INDICATORS, I_REVIEW, I_SCHEDULE };

static const char *const indicator_keys[] = { "name", "baseline", "target", NULL };
enum { N_NAME, N_BASELINE, N_TARGET };

static const char *const review_keys[] = { "changed", "new_indicators", NULL };
enum { R_CHANGED, R_NEW_INDICATORS };

static const char *const entry_keys[] = { "year", "plan", "status", "note", NULL };
enum { E_YEAR, E_PLAN, E_STATUS, E_NOTE };

#define MIN_YEAR 1900
#define MAX_YEAR 2200

static bool parse_years(struct loader *ld)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, "a list of years", "\"years\""))
		return false;
	int years[LOAD_MAX_YEARS];
	size_t n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_SCALAR_EVENT) {
			fail_here(ld, "expected a year in \"years\", found %s", event_name(&ld->ev));
			return false;
		}
		const char *s = scalar_text(ld);
		char *end;
		long v = strtol(s, &end, 10);
		if (!is_plain(ld) || !*s || *end || v < MIN_YEAR || v > MAX_YEAR) {
			fail_here(ld, "expected a year (%d..%d) in \"years\", found \"%s\"",
			          MIN_YEAR, MAX_YEAR, show(ld, s));
			return false;
		}
		if (n == LOAD_MAX_YEARS) {
			fail_here(ld, "more than %d years", LOAD_MAX_YEARS);
			return false;
		}
		if (n && v <= years[n - 1]) {
			fail_here(ld, "\"years\" must be in ascending order without repeats (%ld after %d)",
			          v, years[n - 1]);
			return false;
		}
		years[n++] = (int)v;
	}
	if (n == 0) {
		fail_here(ld, "\"years\" is empty");
		return false;
	}
	ld->plan->years = arena_memdup(ld->arena, years, n * sizeof *years);
	if (!ld->plan->years)
		return oom(ld);
	ld->plan->n_years = n;
	return true;
}

static bool valid_status_key(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

static bool parse_status(struct loader *ld, struct status *st, size_t index)
{
	yaml_mark_t start = ld->ev.start_mark;
	unsigned seen = 0;
	int k, r;
	const char *letter = NULL;
	while ((r = next_key(ld, status_keys, &seen, "a status", &k)) > 0) {
		bool ok = true;
		switch (k) {
		case S_KEY:
			ok = take_string(ld, "the status key", &st->key);
			if (ok && !valid_status_key(st->key)) {
				fail_here(ld, "status key \"%s\" must be lower-case ASCII letters, digits, _ or -",
				          show(ld, st->key));
				return false;
			}
			break;
		case S_LABEL:       ok = take_string(ld, "the status label", &st->label); break;
		case S_DESCRIPTION: ok = take_string(ld, "the status description", &st->description); break;
		case S_FINAL:       ok = take_bool(ld, "\"final\"", &st->final); break;
		case S_LETTER:
			ok = take_string(ld, "the status letter", &letter);
			if (ok && (strlen(letter) != 1 || letter[0] < '!' || letter[0] > '~')) {
				fail_here(ld, "a status letter must be one ASCII character, found \"%s\"", show(ld, letter));
				return false;
			}
			break;
		}
		if (!ok)
			return false;
	}
	if (r < 0)
		return false;
	char where[64];
	snprintf(where, sizeof where, "status %zu", index + 1);
	if (!check_required(ld, &start, status_keys, seen, BIT(S_KEY) | BIT(S_LABEL), where))
		return false;
	st->letter = letter ? letter[0] : (char)(st->key[0] - 'a' + 'A');
	if (st->key[0] < 'a' || st->key[0] > 'z')
		st->letter = letter ? letter[0] : st->key[0];
	return true;
}

static bool parse_statuses(struct loader *ld)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, "a list", "\"statuses\""))
		return false;
	struct status list[32];
	size_t n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT) {
			fail_here(ld, "expected a mapping {key, label} in \"statuses\", found %s",
			          event_name(&ld->ev));
			return false;
		}
		if (n == sizeof list / sizeof *list) {
			fail_here(ld, "more than %zu statuses", sizeof list / sizeof *list);
			return false;
		}
		yaml_mark_t start = ld->ev.start_mark;
		memset(&list[n], 0, sizeof list[n]);
		if (!parse_status(ld, &list[n], n))
			return false;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(list[i].key, list[n].key) == 0) {
				fail_mark(ld, start, "duplicate status key \"%s\"", list[n].key);
				return false;
			}
			if (list[i].letter == list[n].letter) {
				fail_mark(ld, start, "statuses \"%s\" and \"%s\" share the letter %c",
				          list[i].key, list[n].key, list[n].letter);
				return false;
			}
		}
		n++;
	}
	if (n == 0) {
		fail_here(ld, "\"statuses\" is empty");
		return false;
	}
	ld->plan->statuses = arena_memdup(ld->arena, list, n * sizeof *list);
	if (!ld->plan->statuses)
		return oom(ld);
	ld->plan->n_statuses = n;
	return true;
}

static bool parse_effects(struct loader *ld)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, "a list", "\"effects\""))
		return false;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			return true;
		if (ld->ev.type != YAML_MAPPING_START_EVENT) {
			fail_here(ld, "expected a mapping in \"effects\", found %s", event_name(&ld->ev));
			return false;
		}
		yaml_mark_t start = ld->ev.start_mark;
		unsigned seen = 0;
		int k, r, year;
		while ((r = next_key(ld, effect_keys, &seen, "an effects row", &k)) > 0) {
			bool ok = k == 0 ? take_int(ld, "\"year\"", MIN_YEAR, MAX_YEAR, &year)
			                 : take_amount(ld, effect_keys[k]);
			if (!ok)
				return false;
		}
		if (r < 0 || !check_required(ld, &start, effect_keys, seen, BIT(0), "an effects row"))
			return false;
	}
}

static bool parse_indicators(struct loader *ld, struct item *it, const char *where)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, "a list", "\"indicators\""))
		return false;
	ld->indicators.n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT) {
			fail_here(ld, "expected a mapping {name, target} in the indicators of %s, found %s",
			          where, event_name(&ld->ev));
			return false;
		}
		yaml_mark_t start = ld->ev.start_mark;
		struct indicator *ind = vec_push(&ld->indicators);
		if (!ind)
			return oom(ld);
		unsigned seen = 0;
		int k, r;
		while ((r = next_key(ld, indicator_keys, &seen, "an indicator", &k)) > 0) {
			const char **field = k == N_NAME ? &ind->name
			                   : k == N_BASELINE ? &ind->baseline : &ind->target;
			if (!take_string(ld, indicator_keys[k], field))
				return false;
		}
		if (r < 0 || !check_required(ld, &start, indicator_keys, seen,
		                             BIT(N_NAME) | BIT(N_TARGET), "an indicator"))
			return false;
	}
	it->n_indicators = ld->indicators.n;
	it->indicators = arena_memdup(ld->arena, ld->indicators.data,
	                              ld->indicators.n * sizeof(struct indicator));
	return it->indicators ? true : oom(ld);
}

static bool parse_review(struct loader *ld, struct item *it, const char *where)
{
	if (!next_is(ld, YAML_MAPPING_START_EVENT, "a mapping {changed: [...]}", "\"review\""))
		return false;
	yaml_mark_t start = ld->ev.start_mark;
	yaml_mark_t new_mark = start;
	unsigned seen = 0;
	int k, r;
	it->revised = true;
	while ((r = next_key(ld, review_keys, &seen, "a review", &k)) > 0) {
		if (k == R_NEW_INDICATORS) {
			new_mark = ld->ev.start_mark;
			if (!take_bool(ld, "\"new_indicators\"", &it->new_indicators))
				return false;
			continue;
		}
		if (!next_is(ld, YAML_SEQUENCE_START_EVENT, "a list", "\"changed\""))
			return false;
		for (;;) {
			if (!next(ld))
				return false;
			if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
				break;
			if (ld->ev.type != YAML_SCALAR_EVENT) {
				fail_here(ld, "expected a word in \"changed\", found %s", event_name(&ld->ev));
				return false;
			}
			int bit = -1;
			for (int b = 0; b < REVIEW_KINDS; b++)
				if (strcmp(review_change_name(b), scalar_text(ld)) == 0)
					bit = b;
			if (bit < 0) {
				fail_here(ld, "unknown review change \"%s\" (expected one of: departments, "
				          "content, years, effects, indicators, schedule)", show(ld, scalar_text(ld)));
				return false;
			}
			if (it->review_changed & (1u << bit)) {
				fail_here(ld, "review change \"%s\" is listed twice", show(ld, scalar_text(ld)));
				return false;
			}
			it->review_changed |= 1u << bit;
		}
	}
	if (r < 0 || !check_required(ld, &start, review_keys, seen, BIT(R_CHANGED), "a review"))
		return false;
	if (it->new_indicators && !(it->review_changed & REVIEW_INDICATORS)) {
		fail_mark(ld, new_mark, "new_indicators is set but \"indicators\" is not among the "
		          "changes of %s", where);
		return false;
	}
	return true;
}

static bool parse_entry(struct loader *ld, struct entry *e, const char **status_key,
                        yaml_mark_t *year_mark, const char *item_where, size_t index)
{
	bool in_flow = ld->ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	yaml_mark_t start = ld->ev.start_mark;
	unsigned seen = 0, indent = 0;
	int k, r;
	size_t last_value_end = 0;
	yaml_mark_t last_end = start;
	bool last_block = false;
	e->line = (uint32_t)start.line + 1;
	while ((r = next_key(ld, entry_keys, &seen, "a schedule entry", &k)) > 0) {
		if (seen == BIT(k))
			indent = (unsigned)ld->ev.start_mark.column;   /* the first key */
		bool ok;
		switch (k) {
		case E_YEAR:
			ok = take_int(ld, "\"year\"", MIN_YEAR, MAX_YEAR, &e->year);
			*year_mark = ld->ev.start_mark;
			break;
		case E_PLAN:
			ok = take_string(ld, "\"plan\"", &e->plan);
			if (ok)
				fill_span(ld, &e->plan_span, in_flow, indent);
			break;
		case E_STATUS:
			ok = take_string(ld, "\"status\"", status_key);
			if (ok)
				fill_span(ld, &e->status_span, in_flow, indent);
			break;
		default:
			ok = take_string(ld, "\"note\"", &e->note);
			if (ok)
				fill_span(ld, &e->note_span, in_flow, indent);
			break;
		}
		if (!ok)
			return false;
		last_end = ld->ev.end_mark;
		last_block = ld->ev.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
		             ld->ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
		last_value_end = ld->base + char_cursor_byte(&ld->cur, last_end.index);
	}
	if (r < 0)
		return false;
	const unsigned required = BIT(E_YEAR) | BIT(E_PLAN) | BIT(E_STATUS);
	if ((seen & required) != required) {
		char where[160];   /* only built when needed: this runs per entry */
		snprintf(where, sizeof where, "entry %zu of %s", index, item_where);
		return check_required(ld, &start, entry_keys, seen, required, where);
	}
	if (!(seen & BIT(E_NOTE))) {
		/* Where a new note would go: right after the last value in a
		 * flow mapping, else at the start of the line after it (a block
		 * scalar's end mark is already there). */
		struct span *sp = &e->note_span;
		size_t at = last_value_end;
		sp->line = (uint32_t)last_end.line + 1;
		sp->col = (uint32_t)last_end.column + 1;
		if (!in_flow && !last_block) {
			const char *nl = memchr(ld->plan->text + at, '\n', ld->plan->text_len - at);
			at = nl ? (size_t)(nl - ld->plan->text) + 1 : ld->plan->text_len;
			sp->line++;
			sp->col = 1;
		}
		sp->start = sp->end = (uint32_t)at;
		sp->style = SPAN_ABSENT;
		sp->in_flow = in_flow;
		sp->indent = (uint16_t)indent;
	}
	return true;
}

static bool check_entry(struct loader *ld, const struct pending *p);

static bool parse_schedule(struct loader *ld, struct item *it, const char *where)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, "a list of yearly entries", "\"schedule\""))
		return false;
	ld->entries.n = 0;
	ld->entry_keys.n = 0;
	struct vec *marks = &ld->marks;   /* reused: this runs per item */
	marks->n = 0;
	bool ok = false;
	for (;;) {
		if (!next(ld))
			goto out;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT) {
			fail_here(ld, "expected a mapping {year, plan, status} in the schedule of %s, "
			          "found %s", where, event_name(&ld->ev));
			goto out;
		}
		struct entry *e = vec_push(&ld->entries);
		const char **key = vec_push(&ld->entry_keys);
		yaml_mark_t *mark = vec_push(marks);
		if (!e || !key || !mark) {
			oom(ld);
			goto out;
		}
		if (!parse_entry(ld, e, key, mark, where, ld->entries.n))
			goto out;
		struct entry *all = ld->entries.data;
		for (size_t i = 0; i + 1 < ld->entries.n; i++) {
			if (all[i].year == e->year) {
				fail_mark(ld, *mark, "duplicate year %d in the schedule of %s (first at line %u)",
				          e->year, where, (unsigned)all[i].line);
				goto out;
			}
		}
	}
	it->n_entries = ld->entries.n;
	it->entries = arena_memdup(ld->arena, ld->entries.data, ld->entries.n * sizeof(struct entry));
	if (!it->entries) {
		oom(ld);
		goto out;
	}
	/* Statuses and years are checked now when `statuses` and `years`
	 * came first (the usual order), else once the whole file is read. */
	const char **keys = ld->entry_keys.data;
	const yaml_mark_t *mk = marks->data;
	bool known = ld->plan->n_statuses && ld->plan->n_years;
	for (size_t i = 0; i < it->n_entries; i++) {
		struct pending now, *p = known ? &now : vec_push(&ld->pending);
		if (!p) {
			oom(ld);
			goto out;
		}
		p->entry = &it->entries[i];
		p->status_key = keys[i];
		p->year_line = (uint32_t)mk[i].line + 1;
		p->year_col = (uint32_t)mk[i].column + 1;
		if (known && !check_entry(ld, p))
			goto out;
	}
	ok = true;
out:
	return ok;
}

/* where = "item \"ID\"", without snprintf: this runs for every item. */
static void name_item(struct loader *ld, char *where, size_t size, const char *id)
{
	const char *shown = show(ld, id);
	size_t n = strlen(shown);
	if (n > size - 9)
		n = size - 9;
	memcpy(where, "item \"", 6);
	memcpy(where + 6, shown, n);
	memcpy(where + 6 + n, "\"", 2);
}

static bool parse_item(struct loader *ld, struct item *it, const char *policy_where)
{
	yaml_mark_t start = ld->ev.start_mark;
	unsigned seen = 0;
	int k, r;
	char where[96];
	it->line = (uint32_t)start.line + 1;
	size_t pl = strlen(policy_where);
	memcpy(where, policy_where, pl < sizeof where ? pl + 1 : sizeof where);
	where[sizeof where - 1] = '\0';
	while ((r = next_key(ld, item_keys, &seen, "an item", &k)) > 0) {
		bool ok = true;
		switch (k) {
		case I_ID: {
			if (!take_string(ld, "the item id", &it->id))
				return false;
			bool nomem;
			const struct id_slot *dup = id_set_add(&ld->item_ids, it->id, it->line, &nomem);
			if (nomem)
				return oom(ld);
			if (dup) {
				fail_here(ld, "duplicate item id \"%s\" (first at line %u)", show(ld, it->id),
				          (unsigned)dup->line);
				return false;
			}
			name_item(ld, where, sizeof where, it->id);
			break;
		}
		case I_NO:
			ok = take_int(ld, "\"serial\"", 1, LOAD_MAX_ITEMS, &it->serial);
			if (ok && it->serial < (int)ld->n_serials && ld->serials[it->serial]) {
				fail_here(ld, "duplicate serial number %d", it->serial);
				return false;
			}
			if (ok) {
				if ((size_t)it->serial >= ld->n_serials) {
					size_t n = (size_t)it->serial * 2 + 64;
					unsigned char *s = realloc(ld->serials, n);
					if (!s)
						return oom(ld);
					memset(s + ld->n_serials, 0, n - ld->n_serials);
					ld->serials = s;
					ld->n_serials = n;
				}
				ld->serials[it->serial] = 1;
			}
			break;
		case I_TITLE:   ok = take_string(ld, "the item title", &it->title); break;
		case I_CONTENT: ok = take_string(ld, "\"content\"", &it->content); break;
		case I_EFFECTS: ok = take_string(ld, "\"effects\"", &it->effects); break;
		case I_SOURCE:
			ok = take_string(ld, "\"source\"", &it->source);
			if (ok && strcmp(it->source, "seed") != 0 && strcmp(it->source, "representative") != 0) {
				fail_here(ld, "unknown source \"%s\" (expected one of: seed, representative)",
				          show(ld, it->source));
				return false;
			}
			break;
		case I_RATING:
			ok = take_string(ld, "\"rating\"", &it->rating);
			if (ok && (strlen(it->rating) != 1 || !strchr("SAB", it->rating[0]))) {
				fail_here(ld, "unknown rating \"%s\" (expected one of: S, A, B)", show(ld, it->rating));
				return false;
			}
			break;
		case I_DEPARTMENTS:
			ok = take_string_list(ld, "\"departments\"", &ld->strings);
			if (ok && ld->strings.n == 0) {
				fail_here(ld, "%s lists no departments", where);
				return false;
			}
			if (ok) {
				it->n_departments = ld->strings.n;
				it->departments = arena_memdup(ld->arena, ld->strings.data,
				                               ld->strings.n * sizeof(char *));
				if (!it->departments)
					return oom(ld);
			}
			break;
		case I_INDICATORS: ok = parse_indicators(ld, it, where); break;
		case I_REVIEW:     ok = parse_review(ld, it, where); break;
		case I_SCHEDULE:   ok = parse_schedule(ld, it, where); break;
		}
		if (!ok)
			return false;
	}
	return r == 0 && check_required(ld, &start, item_keys, seen,
	                                BIT(I_ID) | BIT(I_TITLE) | BIT(I_DEPARTMENTS) |
	                                BIT(I_CONTENT) | BIT(I_EFFECTS) | BIT(I_INDICATORS) |
	                                BIT(I_SCHEDULE), where);
}

/* The byte offset of the start of the line holding character index. */
static size_t line_start(struct loader *ld, size_t char_index)
{
	size_t at = ld->base + char_cursor_byte(&ld->cur, char_index);
	while (at > ld->base && ld->plan->text[at - 1] != '\n')
		at--;
	return at;
}

static bool parse_items(struct loader *ld, struct policy *pol)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, "a list of items", "\"items\""))
		return false;
	char pid[64], item_of[96];
	snprintf(pid, sizeof pid, "%s", pol->id ? show(ld, pol->id) : "?");
	snprintf(item_of, sizeof item_of, "an item of policy %s", pid);
	ld->items.n = 0;
	bool block = ld->policies_block && ld->policy_block &&
	             ld->ev.data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT) {
			fail_here(ld, "expected an item (a mapping) in policy %s, found %s", pid,
			          event_name(&ld->ev));
			return false;
		}
		if (ld->plan->n_items >= LOAD_MAX_ITEMS) {
			fail_here(ld, "more than %d items", LOAD_MAX_ITEMS);
			return false;
		}
		struct item *it = vec_push(&ld->items);
		if (!it)
			return oom(ld);
		it->block = block && ld->ev.data.mapping_start.style != YAML_FLOW_MAPPING_STYLE;
		it->text_start = (uint32_t)line_start(ld, ld->ev.start_mark.index);
		if (!parse_item(ld, it, item_of))
			return false;
		/* the next node's line; at the end of a file without a final line
		 * end, the end of the file */
		size_t end = ld->base + char_cursor_byte(&ld->cur, ld->ev.start_mark.index);
		it->text_end = (uint32_t)(end >= ld->plan->text_len ? ld->plan->text_len
		                          : line_start(ld, ld->ev.start_mark.index));
		ld->plan->n_items++;
		ld->plan->n_entries += it->n_entries;
	}
	pol->n_items = ld->items.n;
	pol->items = arena_memdup(ld->arena, ld->items.data, ld->items.n * sizeof(struct item));
	return pol->items ? true : oom(ld);
}

static bool parse_policy(struct loader *ld, struct policy *pol)
{
	yaml_mark_t start = ld->ev.start_mark;
	ld->policy_block = ld->ev.data.mapping_start.style != YAML_FLOW_MAPPING_STYLE;
	unsigned seen = 0;
	int k, r;
	while ((r = next_key(ld, policy_keys, &seen, "a policy", &k)) > 0) {
		bool ok = true;
		switch (k) {
		case P_ID: {
			ok = take_string(ld, "the policy id", &pol->id);
			const struct policy *all = ld->policies.data;
			for (size_t i = 0; ok && all + i != pol; i++) {
				if (strcmp(all[i].id, pol->id) == 0) {
					fail_here(ld, "duplicate policy id \"%s\"", show(ld, pol->id));
					return false;
				}
			}
			break;
		}
		case P_TITLE:       ok = take_string(ld, "the policy title", &pol->title); break;
		case P_DESCRIPTION: ok = take_string(ld, "the policy description", &pol->description); break;
		case P_ITEMS:       ok = parse_items(ld, pol); break;
		}
		if (!ok)
			return false;
	}
	return r == 0 && check_required(ld, &start, policy_keys, seen,
	                                BIT(P_ID) | BIT(P_TITLE) | BIT(P_ITEMS), "a policy");
}

static bool parse_policies(struct loader *ld)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, "a list of policies", "\"policies\""))
		return false;
	ld->policies_block = ld->ev.data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT) {
			fail_here(ld, "expected a policy (a mapping), found %s", event_name(&ld->ev));
			return false;
		}
		struct policy *pol = vec_push(&ld->policies);
		if (!pol)
			return oom(ld);
		if (!parse_policy(ld, pol))
			return false;
	}
	struct plan *plan = ld->plan;
	plan->n_policies = ld->policies.n;
	plan->policies = arena_memdup(ld->arena, ld->policies.data,
	                              ld->policies.n * sizeof(struct policy));
	return plan->policies ? true : oom(ld);
}

static bool parse_top(struct loader *ld)
{
	if (!next_is(ld, YAML_STREAM_START_EVENT, "a stream", "the file"))
		return false;
	if (!next(ld))
		return false;
	if (ld->ev.type == YAML_STREAM_END_EVENT) {
		fail_at(ld, 1, 1, "the file is empty");
		return false;
	}
	if (!next(ld))
		return false;
	if (ld->ev.type != YAML_MAPPING_START_EVENT) {
		fail_here(ld, "expected a mapping at the top (title, program, years, ...), found %s",
		          event_name(&ld->ev));
		return false;
	}
	yaml_mark_t start = ld->ev.start_mark;
	struct plan *plan = ld->plan;
	unsigned seen = 0;
	int k, r;
	yaml_mark_t review_mark = start;
	while ((r = next_key(ld, top_keys, &seen, "the plan", &k)) > 0) {
		bool ok = true;
		switch (k) {
		case T_TITLE:        ok = take_string(ld, "\"title\"", &plan->title); break;
		case T_PROGRAM:      ok = take_string(ld, "\"program\"", &plan->program); break;
		case T_REVIEW_LABEL: ok = take_string(ld, "\"review_label\"", &plan->review_label); break;
		case T_YEARS:        ok = parse_years(ld); break;
		case T_REVIEW_YEAR:
			ok = take_int(ld, "\"review_year\"", MIN_YEAR, MAX_YEAR, &plan->review_year);
			review_mark = ld->ev.start_mark;
			break;
		case T_STATUSES:     ok = parse_statuses(ld); break;
		case T_EFFECTS:      ok = parse_effects(ld); break;
		case T_POLICIES:     ok = parse_policies(ld); break;
		}
		if (!ok)
			return false;
	}
	if (r < 0 || !check_required(ld, &start, top_keys, seen,
	                             BIT(T_TITLE) | BIT(T_PROGRAM) | BIT(T_YEARS) |
	                             BIT(T_REVIEW_YEAR) | BIT(T_STATUSES) | BIT(T_POLICIES),
	                             "the plan"))
		return false;
	if (!next_is(ld, YAML_DOCUMENT_END_EVENT, "the end of the document", "the plan"))
		return false;
	if (!next(ld))
		return false;
	if (ld->ev.type != YAML_STREAM_END_EVENT) {
		fail_here(ld, "only one document is allowed in a plan file");
		return false;
	}
	if (plan_year_index(plan, plan->review_year) < 0) {
		fail_mark(ld, review_mark, "review_year %d is not one of the plan's years (%d-%d)",
		          plan->review_year, plan->years[0], plan->years[plan->n_years - 1]);
		return false;
	}
	return true;
}

/* The checks of an entry that need `statuses` and `years`. */
static bool check_entry(struct loader *ld, const struct pending *p)
{
	const struct plan *plan = ld->plan;
	struct entry *e = p->entry;
	if (plan_year_index(plan, e->year) < 0) {
		fail_at(ld, p->year_line, p->year_col,
		        "year %d is not one of the plan's years (%d-%d)", e->year,
		        plan->years[0], plan->years[plan->n_years - 1]);
		return false;
	}
	e->status = plan_status_index(plan, p->status_key);
	if (e->status < 0) {
		char list[200] = "";
		size_t used = 0;
		for (size_t s = 0; s < plan->n_statuses && used < sizeof list; s++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
			                         s ? ", " : "", plan->statuses[s].key);
		fail_at(ld, e->status_span.line, e->status_span.col,
		        "unknown status \"%s\" (expected one of: %s)", show(ld, p->status_key), list);
		return false;
	}
	return true;
}

/* The checks that had to wait for the whole file. */
static bool resolve_pending(struct loader *ld)
{
	const struct pending *p = ld->pending.data;
	for (size_t i = 0; i < ld->pending.n; i++)
		if (!check_entry(ld, &p[i]))
			return false;
	return true;
}

static void loader_release(struct loader *ld)
{
	if (ld->have_ev)
		yaml_event_delete(&ld->ev);
	yaml_parser_delete(&ld->parser);
	free(ld->policies.data);
	free(ld->items.data);
	free(ld->entries.data);
	free(ld->entry_keys.data);
	free(ld->indicators.data);
	free(ld->strings.data);
	free(ld->pending.data);
	free(ld->marks.data);
	free(ld->item_ids.slots);
	free(ld->serials);
}

/* Parse text (len bytes plus a NUL), taking ownership of it. */
static struct plan *load_owned(char *text, size_t len, struct load_error *err)
{
	struct plan *plan = calloc(1, sizeof *plan);
	if (!plan || !(plan->arena = arena_new())) {
		free(text);
		plan_free(plan);
		snprintf(err->message, sizeof err->message, "out of memory");
		return NULL;
	}
	plan->text = text;
	plan->text_len = len;

	struct loader ld = {
		.err = err, .plan = plan, .arena = plan->arena,
		.policies = { .elem = sizeof(struct policy) },
		.items = { .elem = sizeof(struct item) },
		.entries = { .elem = sizeof(struct entry) },
		.entry_keys = { .elem = sizeof(char *) },
		.indicators = { .elem = sizeof(struct indicator) },
		.strings = { .elem = sizeof(char *) },
		.pending = { .elem = sizeof(struct pending) },
		.marks = { .elem = sizeof(yaml_mark_t) },
	};
	ld.base = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	ld.yaml_text = plan->text + ld.base;
	ld.yaml_len = len - ld.base;
	char_cursor_init(&ld.cur, ld.yaml_text, ld.yaml_len);
	plan->crlf = memchr(text, '\r', len) && strstr(plan->text, "\r\n");

	if (!yaml_parser_initialize(&ld.parser)) {
		snprintf(err->message, sizeof err->message, "out of memory");
		plan_free(plan);
		return NULL;
	}
	/* Forced, or a UTF-16 BOM would switch libyaml to UTF-16 and its
	 * character marks would no longer match our bytes.  libyaml's reader
	 * validates the UTF-8 as it goes. */
	yaml_parser_set_encoding(&ld.parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)ld.yaml_text, ld.yaml_len);

	bool ok = parse_top(&ld) && resolve_pending(&ld);
	loader_release(&ld);
	if (!ok) {
		plan_free(plan);
		return NULL;
	}
	(void)plan_index_build(plan);   /* without memory for it, look-ups scan */
	return plan;
}

struct plan *plan_load_buffer(const char *text, size_t len, struct load_error *err)
{
	memset(err, 0, sizeof *err);
	if (len > LOAD_MAX_BYTES) {
		snprintf(err->message, sizeof err->message, "the file is larger than %zu MiB",
		         LOAD_MAX_BYTES >> 20);
		return NULL;
	}
	char *copy = malloc(len + 1);
	if (!copy) {
		snprintf(err->message, sizeof err->message, "out of memory");
		return NULL;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	return load_owned(copy, len, err);
}

struct plan *plan_load_file(const char *path, struct load_error *err, int *io_error)
{
	memset(err, 0, sizeof *err);
	if (io_error)
		*io_error = 0;
	char *buf;
	size_t len;
	int e = file_read_all(path, LOAD_MAX_BYTES, &buf, &len);
	if (e == EFBIG) {
		snprintf(err->message, sizeof err->message, "the file is larger than %zu MiB",
		         LOAD_MAX_BYTES >> 20);
		return NULL;
	}
	if (e) {
		if (io_error)
			*io_error = e;
		snprintf(err->message, sizeof err->message, "%s", strerror(e));
		return NULL;
	}
	return load_owned(buf, len, err);
}
