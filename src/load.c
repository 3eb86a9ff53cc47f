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
#include "yamlev.h"
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

/* An item's ratings whose date or rating had to wait for `reviews` or the
 * `ratings` vocabulary (put after `policies`).  aux[i] holds what element
 * i still needs: its date (ymd) and, with the vocabulary unknown, its key. */
struct rating_aux {
	int ymd;
	const char *key;
};

struct rating_pending {
	struct rating *ratings;
	struct rating_aux *aux;
	size_t n;
	const char *item_id;
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
	struct load_error spare;  /* filled, and ignored, after the first error */
	struct plan *plan;
	struct arena *arena;
	struct vec policies, items, entries, entry_keys, indicators, strings, pending, marks;
	struct id_set item_ids;
	bool policies_block;      /* the policies list and the current policy are */
	bool policy_block;        /* in block style (for struct item.block) */
	unsigned char *serials;   /* seen flags for item serial numbers */
	size_t n_serials;
	/* the review cycle */
	struct vec reviews, ratings, rating_aux, rating_pending, effects;
	bool have_levels, have_reviews;   /* `ratings` / `reviews` read */
	uint32_t *stamp;          /* per review: the last rating list that used it */
	uint32_t *stamp_line;     /* ... and the line of that rating's date */
	uint32_t rating_gen;      /* the rating list being read (from 1) */
};

/* ---- errors ---------------------------------------------------------- */

/* Copy a value from the file into an error, made safe to print: control
 * characters (C0, DEL, C1) become \xNN escapes, so a hostile file cannot
 * send escape sequences to the user's terminal, and a long value is cut at
 * a whole character with "...". */
static void escape_into(char *out, size_t size, const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t o = 0, max = size - 4;
	size_t i = 0;
	for (; u[i] && o < max; i++) {
		bool c1 = u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F;
		if (u[i] < 0x20 || u[i] == 0x7F || c1) {
			if (o + 4 > max)
				break;
			if (c1)
				i++;
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", u[i]);
		} else {
			out[o++] = (char)u[i];
		}
	}
	o = utf8_trim_len(out, o);
	if (u[i])
		memcpy(out + o, "...", 3), o += 3;
	out[o] = '\0';
}

/* Start the error: its code and position.  Only the first error counts;
 * after it, the callers fill a spare that nobody reads. */
static struct load_error *fail_at(struct loader *ld, enum load_code code,
                                  unsigned long line, unsigned long col)
{
	if (ld->failed)
		return &ld->spare;
	ld->failed = true;
	struct load_error *e = ld->err;
	memset(e, 0, sizeof *e);
	e->code = code;
	e->line = line;
	e->col = col;
	return e;
}

/* True when nothing but white space follows byte `off` of the YAML text. */
static bool blank_after(const struct loader *ld, size_t off)
{
	for (size_t i = off; i < ld->yaml_len; i++)
		if (!strchr(" \t\r\n", ld->yaml_text[i]))
			return false;
	return true;
}

/* Errors that a file cut short can cause: a missing key or value, a
 * value cut to a wrong one ("status: do", "year: 20"), a key cut before
 * its ':'.  (An alias, a tag or a duplicate is in the file, cut or not.) */
static bool may_be_cut(enum load_code code)
{
	switch (code) {
	case LOAD_EXPECTED_VALUE: case LOAD_EXPECTED_ELEMENT: case LOAD_NOT_WHOLE_NUMBER:
	case LOAD_OUT_OF_RANGE: case LOAD_NOT_NUMBER: case LOAD_NOT_BOOLEAN:
	case LOAD_UNKNOWN_KEY: case LOAD_MISSING_KEY: case LOAD_NOT_A_YEAR:
	case LOAD_UNKNOWN_STATUS: case LOAD_UNKNOWN_SOURCE: case LOAD_UNKNOWN_RATING:
	case LOAD_UNKNOWN_CHANGE: case LOAD_DATE_NOT_QUOTED: case LOAD_UNKNOWN_BASIS:
		return true;
	default:
		return false;
	}
}

/* An error at mark, about the current event: when the error is one a cut
 * can cause and that event reaches the end of the file (a mapping or a
 * value the end cut short), say that the file may be cut off. */
static struct load_error *fail_mark(struct loader *ld, enum load_code code, yaml_mark_t mark)
{
	bool failed = ld->failed;
	struct load_error *e = fail_at(ld, code, mark.line + 1, mark.column + 1);
	if (!failed && ld->have_ev && may_be_cut(code))
		e->at_end = blank_after(ld, char_cursor_byte(&ld->cur, ld->ev.end_mark.index));
	return e;
}

#define fail_here(ld, code) fail_mark((ld), (code), (ld)->ev.start_mark)

/* A word at the end of the file is a cut only if it is the start of a
 * word that would have been right: "d" (done), not "dne".  list is
 * ", "-separated. */
static void cut_if_prefix(struct load_error *e, const char *text, const char *list)
{
	size_t n = strlen(text);
	bool prefix = false;
	for (const char *w = list; !prefix && *w;) {
		size_t len = strcspn(w, ",");
		prefix = n < len && strncmp(w, text, n) == 0;
		w += len;
		w += strspn(w, ", ");
	}
	e->at_end = e->at_end && prefix;
}

static bool oom(struct loader *ld)
{
	fail_at(ld, LOAD_NO_MEMORY, 0, 0);
	return false;
}

/* libyaml's problem and context texts (0.2.5: scanner.c, parser.c,
 * reader.c), each with our code.  The reader's UTF-8 problems are reported
 * as LOAD_BAD_UTF8 when the text is invalid UTF-8 (always, as our own
 * check is as strict); UTF-16 ones cannot happen with UTF-8 forced.
 * A leading '~' stands for "did not find expected ": a binary holding
 * libyaml's whole stream-start text is taken by Debian's lintian for an
 * embedded copy of libyaml. */
static const struct { const char *text; enum load_yaml code; } yaml_problems[] = {
	{ "found character that cannot start any token", LOAD_YAML_CANNOT_START_TOKEN },
	{ "found a tab character that violates indentation", LOAD_YAML_TAB_INDENT },
	{ "found a tab character where an indentation space is expected", LOAD_YAML_BLOCK_TAB },
	{ "could not find expected ':'", LOAD_YAML_NO_COLON },
	{ "block sequence entries are not allowed in this context", LOAD_YAML_SEQ_NOT_ALLOWED },
	{ "mapping keys are not allowed in this context", LOAD_YAML_KEY_NOT_ALLOWED },
	{ "mapping values are not allowed in this context", LOAD_YAML_VALUE_NOT_ALLOWED },
	{ "found unexpected ':'", LOAD_YAML_UNEXPECTED_COLON },
	{ "found unexpected end of stream", LOAD_YAML_END_OF_STREAM },
	{ "found unexpected document indicator", LOAD_YAML_DOCUMENT_INDICATOR },
	{ "found unknown escape character", LOAD_YAML_UNKNOWN_ESCAPE },
	{ "did not find expected hexdecimal number", LOAD_YAML_NO_HEX },
	{ "found invalid Unicode character escape code", LOAD_YAML_BAD_UNICODE_ESCAPE },
	{ "found an indentation indicator equal to 0", LOAD_YAML_ZERO_INDENT },
	{ "did not find expected comment or line break", LOAD_YAML_NO_COMMENT_OR_BREAK },
	{ "did not find expected alphabetic or numeric character", LOAD_YAML_NO_ALNUM },
	{ "found unknown directive name", LOAD_YAML_DIRECTIVE },
	{ "could not find expected directive name", LOAD_YAML_DIRECTIVE },
	{ "found unexpected non-alphabetical character", LOAD_YAML_DIRECTIVE },
	{ "did not find expected digit or '.' character", LOAD_YAML_DIRECTIVE },
	{ "found extremely long version number", LOAD_YAML_DIRECTIVE },
	{ "did not find expected version number", LOAD_YAML_DIRECTIVE },
	{ "did not find expected whitespace", LOAD_YAML_DIRECTIVE },
	{ "found duplicate %YAML directive", LOAD_YAML_DIRECTIVE },
	{ "found incompatible YAML document", LOAD_YAML_DIRECTIVE },
	{ "found duplicate %TAG directive", LOAD_YAML_DIRECTIVE },
	{ "did not find expected whitespace or line break", LOAD_YAML_TAG_SYNTAX },
	{ "did not find the expected '>'", LOAD_YAML_TAG_SYNTAX },
	{ "did not find expected '!'", LOAD_YAML_TAG_SYNTAX },
	{ "did not find expected tag URI", LOAD_YAML_TAG_SYNTAX },
	{ "did not find URI escaped octet", LOAD_YAML_TAG_SYNTAX },
	{ "found an incorrect leading UTF-8 octet", LOAD_YAML_TAG_SYNTAX },
	{ "found an incorrect trailing UTF-8 octet", LOAD_YAML_TAG_SYNTAX },
	{ "found undefined tag handle", LOAD_YAML_TAG_SYNTAX },
	{ "did not find expected node content", LOAD_YAML_NO_NODE },
	{ "did not find expected '-' indicator", LOAD_YAML_NO_DASH },
	{ "did not find expected key", LOAD_YAML_NO_KEY },
	{ "did not find expected ',' or ']'", LOAD_YAML_NO_COMMA_BRACKET },
	{ "did not find expected ',' or '}'", LOAD_YAML_NO_COMMA_BRACE },
	{ "did not find expected <document start>", LOAD_YAML_NO_DOCUMENT_START },
	{ "~<stream-start>", LOAD_YAML_NO_STREAM_START },
	{ "control characters are not allowed", LOAD_YAML_CONTROL_CHARACTER },
	{ "invalid leading UTF-8 octet", LOAD_YAML_ENCODING },
	{ "incomplete UTF-8 octet sequence", LOAD_YAML_ENCODING },
	{ "invalid trailing UTF-8 octet", LOAD_YAML_ENCODING },
	{ "invalid length of a UTF-8 sequence", LOAD_YAML_ENCODING },
	{ "invalid Unicode character", LOAD_YAML_ENCODING },
	{ "incomplete UTF-16 character", LOAD_YAML_ENCODING },
	{ "unexpected low surrogate area", LOAD_YAML_ENCODING },
	{ "incomplete UTF-16 surrogate pair", LOAD_YAML_ENCODING },
	{ "expected low surrogate area", LOAD_YAML_ENCODING },
	{ "input error", LOAD_YAML_INPUT },
	{ "input is too long", LOAD_YAML_INPUT },
};

static const struct { const char *text; enum load_yaml_context code; } yaml_contexts[] = {
	{ "while scanning for the next token", LOAD_CTX_TOKEN },
	{ "while scanning a simple key", LOAD_CTX_SIMPLE_KEY },
	{ "while scanning a plain scalar", LOAD_CTX_PLAIN_SCALAR },
	{ "while scanning a quoted scalar", LOAD_CTX_QUOTED_SCALAR },
	{ "while parsing a quoted scalar", LOAD_CTX_QUOTED_SCALAR },
	{ "while scanning a block scalar", LOAD_CTX_BLOCK_SCALAR },
	{ "while scanning an anchor", LOAD_CTX_ANCHOR },
	{ "while scanning an alias", LOAD_CTX_ANCHOR },
	{ "while scanning a tag", LOAD_CTX_TAG },
	{ "while parsing a tag", LOAD_CTX_TAG },
	{ "while scanning a directive", LOAD_CTX_DIRECTIVE },
	{ "while scanning a %YAML directive", LOAD_CTX_DIRECTIVE },
	{ "while scanning a %TAG directive", LOAD_CTX_DIRECTIVE },
	{ "while scanning a tag directive", LOAD_CTX_DIRECTIVE },
	{ "while parsing a tag directive", LOAD_CTX_DIRECTIVE },
	{ "while parsing a %TAG directive", LOAD_CTX_DIRECTIVE },
	{ "while parsing a node", LOAD_CTX_NODE },
	{ "while parsing a block node", LOAD_CTX_NODE },
	{ "while parsing a flow node", LOAD_CTX_NODE },
	{ "while parsing a block collection", LOAD_CTX_BLOCK_LIST },
	{ "while parsing a block mapping", LOAD_CTX_BLOCK_MAPPING },
	{ "while parsing a flow sequence", LOAD_CTX_FLOW_LIST },
	{ "while parsing a flow mapping", LOAD_CTX_FLOW_MAPPING },
};

static bool problem_is(const char *text, const char *entry)
{
	static const char expected[] = "did not find expected ";
	if (entry[0] != '~')
		return strcmp(text, entry) == 0;
	return strncmp(text, expected, sizeof expected - 1) == 0
	    && strcmp(text + sizeof expected - 1, entry + 1) == 0;
}

static enum load_yaml yaml_problem_code(const char *text)
{
	for (size_t i = 0; text && i < sizeof yaml_problems / sizeof *yaml_problems; i++)
		if (problem_is(text, yaml_problems[i].text))
			return yaml_problems[i].code;
	return LOAD_YAML_OTHER;
}

static enum load_yaml_context yaml_context_code(const char *text)
{
	if (!text)
		return LOAD_CTX_NONE;
	for (size_t i = 0; i < sizeof yaml_contexts / sizeof *yaml_contexts; i++)
		if (strcmp(text, yaml_contexts[i].text) == 0)
			return yaml_contexts[i].code;
	return LOAD_CTX_OTHER;
}

/* A reader error: only a byte offset is known; find its line and column.
 * Invalid UTF-8 names the byte, and a character cut by the end of the file
 * says that the file may be cut off. */
static void fail_reader(struct loader *ld)
{
	unsigned long line, col;
	size_t bad, off = ld->parser.problem_offset;
	bool utf8_ok = utf8_valid(ld->yaml_text, ld->yaml_len, &bad);
	if (!utf8_ok)
		off = bad;
	if (off > ld->yaml_len)
		off = ld->yaml_len;
	utf8_line_col(ld->yaml_text, ld->yaml_len, off, &line, &col);
	struct load_error *e = fail_at(ld, utf8_ok ? LOAD_SYNTAX : LOAD_BAD_UTF8, line, col);
	if (!utf8_ok) {
		e->num[0] = (unsigned char)ld->yaml_text[off];
		e->at_end = utf8_trim_len(ld->yaml_text, ld->yaml_len) == off;
	} else {
		e->yaml = yaml_problem_code(ld->parser.problem);
		e->at_end = blank_after(ld, off);
	}
}

static void fail_libyaml(struct loader *ld)
{
	const yaml_parser_t *p = &ld->parser;
	if (p->error == YAML_READER_ERROR) {
		fail_reader(ld);
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		oom(ld);
		return;
	}
	struct load_error *e = fail_at(ld, LOAD_SYNTAX, p->problem_mark.line + 1,
	                               p->problem_mark.column + 1);
	size_t off = char_cursor_byte(&ld->cur, p->problem_mark.index);
	e->yaml = yaml_problem_code(p->problem);
	if ((e->yaml == LOAD_YAML_CANNOT_START_TOKEN || e->yaml == LOAD_YAML_TAB_INDENT) &&
	    off < ld->yaml_len && ld->yaml_text[off] == '\t')
		e->yaml = LOAD_YAML_TAB;
	e->yaml_context = yaml_context_code(p->context);
	if (p->context)
		e->num[0] = (long)p->context_mark.line + 1;
	e->at_end = blank_after(ld, off);
}

/* ---- events ---------------------------------------------------------- */

/* What a cut leaves where a value should be: the end of a mapping, list
 * or file, or an empty value ("schedule:" and nothing after). */
static bool cut_value(const yaml_event_t *ev)
{
	return ev->type != YAML_SCALAR_EVENT ? ev->type != YAML_SEQUENCE_START_EVENT &&
	                                       ev->type != YAML_MAPPING_START_EVENT
	                                     : ev->data.scalar.length == 0;
}

/* The current event is not what the schema wants in this list (or at the
 * top, or as a key): key is the list's key, id the item or policy. */
static bool fail_element(struct loader *ld, enum load_want want, const char *key, const char *id)
{
	struct load_error *e = fail_here(ld, LOAD_EXPECTED_ELEMENT);
	/* a mapping in a list cut inside its first key ("- yea") is a scalar */
	e->at_end &= cut_value(&ld->ev) || (want != LOAD_WANT_TOP && ld->ev.type == YAML_SCALAR_EVENT);
	e->want = want;
	e->found = yamlev_found(&ld->ev);
	e->key = key;
	escape_into(e->id, sizeof e->id, id);
	return false;
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
	const yaml_char_t *anchor, *tag;
	if (ld->ev.type == YAML_ALIAS_EVENT) {
		escape_into(fail_here(ld, LOAD_ALIAS)->text, sizeof ld->err->text,
		            (const char *)ld->ev.data.alias.anchor);
		return false;
	}
	if (ld->ev.type == YAML_SEQUENCE_END_EVENT || ld->ev.type == YAML_MAPPING_END_EVENT)
		ld->depth--;
	yamlev_props(&ld->ev, &anchor, &tag);
	if (anchor || tag) {
		struct load_error *e = fail_here(ld, anchor ? LOAD_ANCHOR : LOAD_TAG);
		escape_into(e->text, sizeof e->text, (const char *)(anchor ? anchor : tag));
		return false;
	}
	if (ld->ev.type == YAML_SEQUENCE_START_EVENT || ld->ev.type == YAML_MAPPING_START_EVENT) {
		if (++ld->depth > LOAD_MAX_DEPTH) {
			fail_here(ld, LOAD_TOO_DEEP)->num[0] = LOAD_MAX_DEPTH;
			return false;
		}
	}
	return true;
}

/* The next event must be of `type`: the value of `key`, of the kind want. */
static bool next_is(struct loader *ld, yaml_event_type_t type, enum load_want want,
                    const char *key)
{
	if (!next(ld))
		return false;
	if (ld->ev.type != type) {
		struct load_error *e = fail_here(ld, LOAD_EXPECTED_VALUE);
		e->at_end &= cut_value(&ld->ev);
		e->want = want;
		e->found = yamlev_found(&ld->ev);
		e->key = key;
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

/* Where the line after a value that ends at `end` (byte offset off)
 * starts: byte offset, line and column.  In a flow collection, or after a
 * block scalar (whose end is already at a line start), the place is the
 * end itself.  At the end of a file without a final line end it is
 * text_len. */
static void place_at(struct loader *ld, size_t off, const yaml_mark_t *end, bool block_scalar,
                     bool in_flow, uint32_t *at, uint32_t *line, uint32_t *col)
{
	*line = (uint32_t)end->line + 1;
	*col = (uint32_t)end->column + 1;
	if (!in_flow && !block_scalar) {
		const char *nl = memchr(ld->plan->text + off, '\n', ld->plan->text_len - off);
		off = nl ? (size_t)(nl - ld->plan->text) + 1 : ld->plan->text_len;
		(*line)++;
		*col = 1;
	}
	*at = (uint32_t)off;
}

static void place_after(struct loader *ld, const yaml_mark_t *end, bool block_scalar,
                        bool in_flow, uint32_t *at, uint32_t *line, uint32_t *col)
{
	size_t off = ld->base + char_cursor_byte(&ld->cur, end->index);
	place_at(ld, off, end, block_scalar, in_flow, at, line, col);
}

/* An absent optional value (a note): where a new "key: value" goes, after
 * the mapping's last value, which ended at `end` (byte offset off, or
 * SIZE_MAX when not known yet; see struct span). */
static void absent_span(struct loader *ld, struct span *sp, size_t off, const yaml_mark_t *end,
                        bool block_scalar, bool in_flow, unsigned indent)
{
	if (off == SIZE_MAX)
		off = ld->base + char_cursor_byte(&ld->cur, end->index);
	place_at(ld, off, end, block_scalar, in_flow, &sp->start, &sp->line, &sp->col);
	sp->end = sp->start;
	sp->style = SPAN_ABSENT;
	sp->in_flow = in_flow;
	sp->indent = (uint16_t)(indent < UINT16_MAX ? indent : UINT16_MAX);
}

static bool is_block_scalar(const yaml_event_t *ev)
{
	return ev->type == YAML_SCALAR_EVENT &&
	       (ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
	        ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE);
}

/* An error about the current scalar, with its text. */
static struct load_error *fail_scalar(struct loader *ld, enum load_code code, const char *key)
{
	struct load_error *e = fail_here(ld, code);
	e->key = key;
	escape_into(e->text, sizeof e->text, scalar_text(ld));
	return e;
}

/* A string of the current scalar event.  A NUL inside a value ("\0") is
 * refused, since the model holds C strings. */
static bool copy_scalar(struct loader *ld, const char *key, const char **out)
{
	size_t len = ld->ev.data.scalar.length;
	if (memchr(scalar_text(ld), '\0', len)) {
		fail_here(ld, LOAD_NUL_CHARACTER)->key = key;
		return false;
	}
	*out = arena_strndup(ld->arena, scalar_text(ld), len);
	return *out ? true : oom(ld);
}

/* Read the string value of `key`. */
static bool take_string(struct loader *ld, const char *key, const char **out)
{
	return next_is(ld, YAML_SCALAR_EVENT, LOAD_WANT_STRING, key) && copy_scalar(ld, key, out);
}

static bool is_plain(const struct loader *ld)
{
	return ld->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* Whether more digits after v could give a number in [min, max]: a cut
 * "20" could be 2013, a "1800" could not be anything. */
static bool cut_number(long v, long min, long max)
{
	for (long lo = v * 10, hi = v * 10 + 9; v >= 0 && lo <= max; lo *= 10, hi = hi * 10 + 9)
		if (hi >= min)
			return true;
	return false;
}

static bool take_int(struct loader *ld, const char *key, long min, long max, int *out)
{
	if (!next_is(ld, YAML_SCALAR_EVENT, LOAD_WANT_NUMBER, key))
		return false;
	const char *s = scalar_text(ld);
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!is_plain(ld) || !*s || *end || errno || (*s < '0' || *s > '9')) {
		fail_scalar(ld, LOAD_NOT_WHOLE_NUMBER, key)->at_end &= !*s;   /* "year:" */
		return false;
	}
	if (v < min || v > max) {
		struct load_error *e = fail_here(ld, LOAD_OUT_OF_RANGE);
		e->at_end &= cut_number(v, min, max);   /* "year: 20" */
		e->key = key;
		e->num[0] = v;
		e->num[1] = min;
		e->num[2] = max;
		return false;
	}
	*out = (int)v;
	return true;
}

static bool take_amount(struct loader *ld, const char *key, double *out)
{
	if (!next_is(ld, YAML_SCALAR_EVENT, LOAD_WANT_NUMBER, key))
		return false;
	const char *s = scalar_text(ld);
	char *end;
	*out = strtod(s, &end);
	if (!is_plain(ld) || !*s || *end || !((*s >= '0' && *s <= '9') || *s == '-')) {
		fail_scalar(ld, LOAD_NOT_NUMBER, key)->at_end &= !*s;
		return false;
	}
	return true;
}

static bool take_bool(struct loader *ld, const char *key, bool *out)
{
	if (!next_is(ld, YAML_SCALAR_EVENT, LOAD_WANT_BOOLEAN, key))
		return false;
	const char *s = scalar_text(ld);
	if (is_plain(ld) && strcmp(s, "true") == 0)
		*out = true;
	else if (is_plain(ld) && strcmp(s, "false") == 0)
		*out = false;
	else {
		cut_if_prefix(fail_scalar(ld, LOAD_NOT_BOOLEAN, key), s, "true, false");
		return false;
	}
	return true;
}

/* ---- mappings -------------------------------------------------------- */

/* The mapping being read, for errors about its keys. */
struct place {
	enum load_place in;
	const char *id;           /* the item, or NULL */
	unsigned long index;      /* the status or entry number, or 0 */
};

static struct load_error *put_place(struct load_error *e, const struct place *where)
{
	e->place = where->in;
	e->index = where->index;
	escape_into(e->id, sizeof e->id, where->id);
	return e;
}

/* Read the next key of the current mapping.  Returns 1 with *k set to its
 * index in keys[], 0 at the end of the mapping, -1 on error. */
static int next_key(struct loader *ld, const char *const *keys, unsigned *seen,
                    const struct place *where, int *k)
{
	if (!next(ld))
		return -1;
	if (ld->ev.type == YAML_MAPPING_END_EVENT)
		return 0;
	if (ld->ev.type != YAML_SCALAR_EVENT) {
		fail_element(ld, LOAD_WANT_KEY, NULL, NULL);
		put_place(ld->err, where);
		return -1;
	}
	const char *key = scalar_text(ld);
	size_t len = ld->ev.data.scalar.length;
	for (int i = 0; keys[i]; i++) {
		if (keys[i][0] != key[0] || strlen(keys[i]) != len || memcmp(keys[i], key, len) != 0)
			continue;
		if (*seen & (1u << i)) {
			put_place(fail_scalar(ld, LOAD_DUPLICATE_KEY, NULL), where);
			return -1;
		}
		*seen |= 1u << i;
		*k = i;
		return 1;
	}
	if (where->in == LOAD_IN_ITEM && strcmp(key, "rating") == 0 && len == 6) {
		/* the single rating of files before the dated list */
		put_place(fail_scalar(ld, LOAD_OLD_RATING, "rating"), where);
		return -1;
	}
	struct load_error *e = put_place(fail_scalar(ld, LOAD_UNKNOWN_KEY, NULL), where);
	size_t used = 0;
	for (int i = 0; keys[i] && used < sizeof e->expected; i++)
		used += (size_t)snprintf(e->expected + used, sizeof e->expected - used, "%s%s",
		                         i ? ", " : "", keys[i]);
	cut_if_prefix(e, key, e->expected);
	return -1;
}

/* Check that every key in `required` (bits) was seen.  The error is at
 * the mapping's start; the current event is its end. */
static bool check_required(struct loader *ld, const yaml_mark_t *start, const char *const *keys,
                           unsigned seen, unsigned required, const struct place *where)
{
	for (int i = 0; keys[i]; i++) {
		if ((required & (1u << i)) && !(seen & (1u << i))) {
			put_place(fail_mark(ld, LOAD_MISSING_KEY, *start), where)->key = keys[i];
			return false;
		}
	}
	return true;
}

#define BIT(k) (1u << (k))

/* A list of strings (departments, review words), block or flow. */
static bool take_string_list(struct loader *ld, const char *key, struct vec *out)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_LIST, key))
		return false;
	out->n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			return true;
		if (ld->ev.type != YAML_SCALAR_EVENT)
			return fail_element(ld, LOAD_WANT_LIST_STRING, key, NULL);
		const char **slot = vec_push(out);
		if (!slot)
			return oom(ld);
		if (!copy_scalar(ld, key, slot))
			return false;
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
	"effects", "policies", "current_year", "ratings", "reviews", NULL,
};
enum { T_TITLE, T_PROGRAM, T_YEARS, T_REVIEW_YEAR, T_REVIEW_LABEL, T_STATUSES,
       T_EFFECTS, T_POLICIES, T_CURRENT_YEAR, T_RATINGS, T_REVIEWS };

static const char *const status_keys[] = {
	"key", "label", "letter", "final", "description", "late", NULL,
};
enum { S_KEY, S_LABEL, S_LETTER, S_FINAL, S_DESCRIPTION, S_LATE };

static const char *const effect_keys[] = {
	"year", "total", "revenue", "savings", "basis", NULL,
};
enum { F_YEAR, F_TOTAL, F_REVENUE, F_SAVINGS, F_BASIS };

static const char *const level_keys[] = { "key", "label", "description", "late", NULL };
enum { L_KEY, L_LABEL, L_DESCRIPTION, L_LATE };

static const char *const review_date_keys[] = { "date", "label", NULL };
enum { D_DATE, D_LABEL };

static const char *const rating_keys[] = { "date", "rating", "note", NULL };
enum { G_DATE, G_RATING, G_NOTE };

static const char *const policy_keys[] = { "id", "title", "description", "items", NULL };
enum { P_ID, P_TITLE, P_DESCRIPTION, P_ITEMS };

static const char *const item_keys[] = {
	"id", "serial", "title", "source", "ratings", "departments", "content", "effects",
	"indicators", "review", "schedule", NULL,
};
enum { I_ID, I_NO, I_TITLE, I_SOURCE, I_RATINGS, I_DEPARTMENTS, I_CONTENT, I_EFFECTS,
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
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_YEAR_LIST, "years"))
		return false;
	int years[LOAD_MAX_YEARS];
	size_t n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_SCALAR_EVENT)
			return fail_element(ld, LOAD_WANT_YEAR, "years", NULL);
		const char *s = scalar_text(ld);
		char *end;
		long v = strtol(s, &end, 10);
		if (!is_plain(ld) || !*s || *end || v < MIN_YEAR || v > MAX_YEAR) {
			struct load_error *e = fail_scalar(ld, LOAD_NOT_A_YEAR, "years");
			e->at_end &= strspn(s, "0123456789") == strlen(s) && strlen(s) < 4;
			e->num[1] = MIN_YEAR;
			e->num[2] = MAX_YEAR;
			return false;
		}
		if (n == LOAD_MAX_YEARS) {
			struct load_error *e = fail_here(ld, LOAD_TOO_MANY);
			e->key = "years";
			e->num[0] = LOAD_MAX_YEARS;
			return false;
		}
		if (n && v <= years[n - 1]) {
			struct load_error *e = fail_here(ld, LOAD_YEARS_ORDER);
			e->num[0] = v;
			e->num[1] = years[n - 1];
			return false;
		}
		years[n++] = (int)v;
	}
	if (n == 0) {
		fail_here(ld, LOAD_EMPTY_LIST)->key = "years";
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
	const struct place where = { LOAD_IN_STATUS, NULL, index + 1 };
	while ((r = next_key(ld, status_keys, &seen, &where, &k)) > 0) {
		bool ok = true;
		switch (k) {
		case S_KEY:
			ok = take_string(ld, "key", &st->key);
			if (ok && !valid_status_key(st->key)) {
				fail_scalar(ld, LOAD_BAD_STATUS_KEY, "key");
				return false;
			}
			break;
		case S_LABEL:       ok = take_string(ld, "label", &st->label); break;
		case S_DESCRIPTION: ok = take_string(ld, "description", &st->description); break;
		case S_FINAL:       ok = take_bool(ld, "final", &st->final); break;
		case S_LATE:        ok = take_bool(ld, "late", &st->late); break;
		case S_LETTER:
			ok = take_string(ld, "letter", &letter);
			if (ok && (strlen(letter) != 1 || letter[0] < '!' || letter[0] > '~')) {
				fail_scalar(ld, LOAD_BAD_STATUS_LETTER, "letter");
				return false;
			}
			break;
		}
		if (!ok)
			return false;
	}
	if (r < 0)
		return false;
	if (!check_required(ld, &start, status_keys, seen, BIT(S_KEY) | BIT(S_LABEL), &where))
		return false;
	st->letter = letter ? letter[0] : (char)(st->key[0] - 'a' + 'A');
	if (st->key[0] < 'a' || st->key[0] > 'z')
		st->letter = letter ? letter[0] : st->key[0];
	return true;
}

static bool parse_statuses(struct loader *ld)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_LIST, "statuses"))
		return false;
	struct status list[32];
	size_t n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT)
			return fail_element(ld, LOAD_WANT_STATUS, "statuses", NULL);
		if (n == sizeof list / sizeof *list) {
			struct load_error *e = fail_here(ld, LOAD_TOO_MANY);
			e->key = "statuses";
			e->num[0] = (long)(sizeof list / sizeof *list);
			return false;
		}
		yaml_mark_t start = ld->ev.start_mark;
		memset(&list[n], 0, sizeof list[n]);
		if (!parse_status(ld, &list[n], n))
			return false;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(list[i].key, list[n].key) == 0) {
				struct load_error *e = fail_mark(ld, LOAD_DUPLICATE_STATUS, start);
				escape_into(e->text, sizeof e->text, list[n].key);
				return false;
			}
			if (list[i].letter == list[n].letter) {
				struct load_error *e = fail_mark(ld, LOAD_SHARED_LETTER, start);
				escape_into(e->text, sizeof e->text, list[i].key);
				escape_into(e->text2, sizeof e->text2, list[n].key);
				e->num[0] = (unsigned char)list[n].letter;
				return false;
			}
		}
		n++;
	}
	if (n == 0) {
		fail_here(ld, LOAD_EMPTY_LIST)->key = "statuses";
		return false;
	}
	ld->plan->statuses = arena_memdup(ld->arena, list, n * sizeof *list);
	if (!ld->plan->statuses)
		return oom(ld);
	ld->plan->n_statuses = n;
	return true;
}

/* One row of `effects`; first_line[year - MIN_YEAR] finds a repeated year. */
static bool parse_effects_row(struct loader *ld, struct effects_year *row, uint32_t *first_line)
{
	yaml_mark_t start = ld->ev.start_mark, year_mark = start;
	const struct place where = { LOAD_IN_EFFECTS_ROW, NULL, 0 };
	unsigned seen = 0;
	int k, r;
	row->line = (uint32_t)start.line + 1;
	while ((r = next_key(ld, effect_keys, &seen, &where, &k)) > 0) {
		bool ok = true;
		const char *basis;
		switch (k) {
		case F_YEAR:
			ok = take_int(ld, "year", MIN_YEAR, MAX_YEAR, &row->year);
			year_mark = ld->ev.start_mark;
			break;
		case F_TOTAL:   ok = row->has_total = take_amount(ld, "total", &row->total); break;
		case F_REVENUE: ok = row->has_revenue = take_amount(ld, "revenue", &row->revenue); break;
		case F_SAVINGS: ok = row->has_savings = take_amount(ld, "savings", &row->savings); break;
		case F_BASIS:
			ok = take_string(ld, "basis", &basis);
			row->budget = ok && strcmp(basis, "budget") == 0;
			if (ok && !row->budget && strcmp(basis, "actual") != 0) {
				struct load_error *e = fail_scalar(ld, LOAD_UNKNOWN_BASIS, "basis");
				snprintf(e->expected, sizeof e->expected, "actual, budget");
				cut_if_prefix(e, basis, e->expected);
				return false;
			}
			break;
		}
		if (!ok)
			return false;
	}
	if (r < 0 || !check_required(ld, &start, effect_keys, seen, BIT(F_YEAR), &where))
		return false;
	uint32_t *first = &first_line[row->year - MIN_YEAR];
	if (*first) {
		struct load_error *e = fail_mark(ld, LOAD_DUPLICATE_EFFECTS, year_mark);
		e->num[0] = row->year;
		e->num[1] = (long)*first;
		return false;
	}
	*first = (uint32_t)year_mark.line + 1;
	return true;
}

static bool parse_effects(struct loader *ld)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_LIST, "effects"))
		return false;
	uint32_t first_line[MAX_YEAR - MIN_YEAR + 1] = { 0 };
	ld->effects.n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT)
			return fail_element(ld, LOAD_WANT_EFFECTS_ROW, "effects", NULL);
		struct effects_year *row = vec_push(&ld->effects);
		if (!row)
			return oom(ld);
		if (!parse_effects_row(ld, row, first_line))
			return false;
	}
	struct plan *plan = ld->plan;
	plan->n_effects = ld->effects.n;
	plan->effects = arena_memdup(ld->arena, ld->effects.data,
	                             ld->effects.n * sizeof(struct effects_year));
	return plan->effects ? true : oom(ld);
}

/* ---- the review cycle: rating vocabulary, review dates, ratings ----- */

/* Add `word` to a ", "-separated list of what is allowed; a word that
 * does not fit ends the list with "...". */
static void append_expected(char *buf, size_t size, size_t *used, const char *word)
{
	if (*used >= size || (*used >= 3 && strcmp(buf + *used - 3, "...") == 0))
		return;
	int n = snprintf(buf + *used, size - *used, "%s%s", *used ? ", " : "", word);
	if (n >= 0 && *used + (size_t)n + 5 < size) {
		*used += (size_t)n;
		return;
	}
	*used += (size_t)snprintf(buf + *used, size - *used, "%s...", *used ? ", " : "");
}

/* The current scalar as a review date: a quoted "YYYY-MM-DD" that names a
 * real day.  *ymd gets YYYYMMDD. */
static bool check_date(struct loader *ld, const char *key, int *ymd)
{
	if (ld->ev.data.scalar.style != YAML_SINGLE_QUOTED_SCALAR_STYLE &&
	    ld->ev.data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
		fail_scalar(ld, LOAD_DATE_NOT_QUOTED, key);
		return false;
	}
	*ymd = ld->ev.data.scalar.length == 10 ? date_parse_iso(scalar_text(ld)) : 0;
	if (!*ymd) {
		fail_scalar(ld, LOAD_BAD_DATE, key);
		return false;
	}
	return true;
}

static bool valid_rating_key(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

static bool parse_rating_level(struct loader *ld, struct rating_level *lv, size_t index)
{
	yaml_mark_t start = ld->ev.start_mark;
	unsigned seen = 0;
	int k, r;
	const struct place where = { LOAD_IN_RATING_LEVEL, NULL, index + 1 };
	while ((r = next_key(ld, level_keys, &seen, &where, &k)) > 0) {
		bool ok = true;
		switch (k) {
		case L_KEY:
			ok = take_string(ld, "key", &lv->key);
			if (ok && !valid_rating_key(lv->key)) {
				fail_scalar(ld, LOAD_BAD_RATING_KEY, "key");
				return false;
			}
			break;
		case L_LABEL:       ok = take_string(ld, "label", &lv->label); break;
		case L_DESCRIPTION: ok = take_string(ld, "description", &lv->description); break;
		case L_LATE:        ok = take_bool(ld, "late", &lv->late); break;
		}
		if (!ok)
			return false;
	}
	return r == 0 && check_required(ld, &start, level_keys, seen, BIT(L_KEY) | BIT(L_LABEL),
	                                &where);
}

/* The top-level `ratings:`, the rating vocabulary. */
static bool parse_rating_levels(struct loader *ld)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_LIST, "ratings"))
		return false;
	struct rating_level list[32];
	size_t n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT)
			return fail_element(ld, LOAD_WANT_RATING_LEVEL, "ratings", NULL);
		if (n == sizeof list / sizeof *list) {
			struct load_error *e = fail_here(ld, LOAD_TOO_MANY);
			e->key = "ratings";
			e->num[0] = (long)(sizeof list / sizeof *list);
			return false;
		}
		yaml_mark_t start = ld->ev.start_mark;
		memset(&list[n], 0, sizeof list[n]);
		if (!parse_rating_level(ld, &list[n], n))
			return false;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(list[i].key, list[n].key) == 0) {
				struct load_error *e = fail_mark(ld, LOAD_DUPLICATE_RATING_KEY, start);
				escape_into(e->text, sizeof e->text, list[n].key);
				return false;
			}
		}
		n++;
	}
	if (n == 0) {
		fail_here(ld, LOAD_EMPTY_LIST)->key = "ratings";
		return false;
	}
	ld->plan->rating_levels = arena_memdup(ld->arena, list, n * sizeof *list);
	if (!ld->plan->rating_levels)
		return oom(ld);
	ld->plan->n_rating_levels = n;
	ld->have_levels = true;
	return true;
}

/* A list has begun (the current event): where its first new element
 * would go (struct insertion). */
static void insertion_start(struct loader *ld, struct insertion *ins)
{
	const yaml_event_t *ev = &ld->ev;
	bool flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
	memset(ins, 0, sizeof *ins);
	ins->kind = flow ? INSERT_FLOW_LIST : INSERT_BLOCK_LIST;
	ins->indent = (uint16_t)(ev->start_mark.column < UINT16_MAX ? ev->start_mark.column
	                                                           : UINT16_MAX);
	ins->empty = true;
	if (flow)   /* right after the "[" */
		place_after(ld, &ev->end_mark, false, true, &ins->at, &ins->line, &ins->col);
}

/* The list's element that ends at `end` was read: a new one goes after it. */
static void insertion_after(struct loader *ld, struct insertion *ins, const yaml_mark_t *end,
                            bool block_scalar)
{
	ins->empty = false;
	place_after(ld, end, block_scalar, ins->kind == INSERT_FLOW_LIST, &ins->at, &ins->line,
	            &ins->col);
}

/* Where an element of a list ended: its mapping's "}" in flow style, or
 * its last value in block style. */
struct element_end {
	yaml_mark_t mark;
	bool block_scalar;
};

/* Read the keys of a {date, label} element of `reviews`. */
static bool parse_review_date(struct loader *ld, struct review_date *rd, size_t index,
                              struct element_end *end)
{
	bool in_flow = ld->ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	yaml_mark_t start = ld->ev.start_mark;
	unsigned seen = 0, indent = 0;
	int k, r;
	const struct place where = { LOAD_IN_REVIEW_DATE, NULL, index + 1 };
	rd->line = (uint32_t)start.line + 1;
	while ((r = next_key(ld, review_date_keys, &seen, &where, &k)) > 0) {
		if (seen == BIT(k))
			indent = (unsigned)ld->ev.start_mark.column;
		if (k == D_DATE) {
			if (!take_string(ld, "date", &rd->date) || !check_date(ld, "date", &rd->ymd))
				return false;
			fill_span(ld, &rd->date_span, in_flow, indent);
		} else {
			if (!take_string(ld, "label", &rd->label))
				return false;
			fill_span(ld, &rd->label_span, in_flow, indent);
		}
		end->mark = ld->ev.end_mark;
		end->block_scalar = is_block_scalar(&ld->ev);
	}
	if (r < 0 || !check_required(ld, &start, review_date_keys, seen,
	                             BIT(D_DATE) | BIT(D_LABEL), &where))
		return false;
	if (in_flow) {
		end->mark = ld->ev.end_mark;   /* after the "}" */
		end->block_scalar = false;
	}
	return true;
}

/* The top-level `reviews:`, the review dates in ascending order. */
static bool parse_reviews(struct loader *ld)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_LIST, "reviews"))
		return false;
	struct plan *plan = ld->plan;
	insertion_start(ld, &plan->reviews_insert);
	ld->reviews.n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT)
			return fail_element(ld, LOAD_WANT_REVIEW_DATE, "reviews", NULL);
		if (ld->reviews.n == LOAD_MAX_REVIEWS) {
			struct load_error *e = fail_here(ld, LOAD_TOO_MANY);
			e->key = "reviews";
			e->num[0] = LOAD_MAX_REVIEWS;
			return false;
		}
		struct review_date *rd = vec_push(&ld->reviews);
		struct element_end end;
		if (!rd)
			return oom(ld);
		if (!parse_review_date(ld, rd, ld->reviews.n - 1, &end))
			return false;
		const struct review_date *prev = ld->reviews.n > 1 ? rd - 1 : NULL;
		if (prev && rd->ymd <= prev->ymd) {
			struct load_error *e = fail_at(ld, LOAD_REVIEWS_ORDER, rd->date_span.line,
			                               rd->date_span.col);
			escape_into(e->text, sizeof e->text, rd->date);
			escape_into(e->text2, sizeof e->text2, prev->date);
			return false;
		}
		insertion_after(ld, &plan->reviews_insert, &end.mark, end.block_scalar);
	}
	if (ld->reviews.n == 0) {
		fail_here(ld, LOAD_EMPTY_LIST)->key = "reviews";
		return false;
	}
	size_t n = ld->reviews.n;
	plan->reviews = arena_memdup(ld->arena, ld->reviews.data, n * sizeof(struct review_date));
	ld->stamp = calloc(n, sizeof *ld->stamp);
	ld->stamp_line = calloc(n, sizeof *ld->stamp_line);
	if (!plan->reviews || !ld->stamp || !ld->stamp_line)
		return oom(ld);
	plan->n_reviews = n;
	ld->have_reviews = true;
	return true;
}

/* The review of a rating's date, and no second rating of the item there
 * (the stamps remember which rating list used each review last). */
static bool resolve_review(struct loader *ld, struct rating *r, int ymd, const char *item_id)
{
	const struct plan *plan = ld->plan;
	int i = plan_review_index(plan, ymd);
	if (i < 0 || ld->stamp[i] == ld->rating_gen) {
		struct load_error *e = fail_at(ld, i < 0 ? LOAD_NOT_A_REVIEW : LOAD_DUPLICATE_RATING,
		                               r->date_span.line, r->date_span.col);
		snprintf(e->text, sizeof e->text, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
		         ymd % 100);
		escape_into(e->id, sizeof e->id, item_id);
		size_t used = 0;
		for (size_t k = 0; i < 0 && k < plan->n_reviews; k++)
			append_expected(e->expected, sizeof e->expected, &used, plan->reviews[k].date);
		if (i >= 0)
			e->num[0] = (long)ld->stamp_line[i];
		return false;
	}
	ld->stamp[i] = ld->rating_gen;
	ld->stamp_line[i] = r->date_span.line;
	r->review = (int16_t)i;   /* i < LOAD_MAX_REVIEWS */
	return true;
}

/* The index of the rating key `text` (len bytes), or -1. */
static int rating_level_of(const struct plan *plan, const char *text, size_t len)
{
	for (size_t l = 0; l < plan->n_rating_levels; l++) {
		const char *key = plan->rating_levels[l].key;
		if (key[0] == text[0] && strlen(key) == len && memcmp(key, text, len) == 0)
			return (int)l;
	}
	return -1;
}

/* LOAD_UNKNOWN_RATING for `text`, written at span sp. */
static void fail_unknown_rating(struct loader *ld, const char *text, const struct span *sp)
{
	const struct plan *plan = ld->plan;
	struct load_error *e = fail_at(ld, LOAD_UNKNOWN_RATING, sp->line, sp->col);
	escape_into(e->text, sizeof e->text, text);
	size_t used = 0;
	for (size_t l = 0; l < plan->n_rating_levels; l++)
		append_expected(e->expected, sizeof e->expected, &used, plan->rating_levels[l].key);
	e->at_end = blank_after(ld, sp->end - ld->base);   /* "rating: " cut short */
	cut_if_prefix(e, text, e->expected);
}

/* One key of a rating element (k: G_DATE, G_RATING or G_NOTE). */
static bool take_rating_field(struct loader *ld, int k, struct rating *r, struct rating_aux *aux,
                              const char *item_id, bool in_flow, unsigned indent)
{
	if (k == G_NOTE) {
		if (!take_string(ld, "note", &r->note))
			return false;
		fill_span(ld, &r->note_span, in_flow, indent);
		return true;
	}
	const char *key = k == G_DATE ? "date" : "rating";
	if (!next_is(ld, YAML_SCALAR_EVENT, LOAD_WANT_STRING, key))
		return false;
	if (k == G_DATE) {
		if (!check_date(ld, "date", &aux->ymd))
			return false;
		fill_span(ld, &r->date_span, in_flow, indent);
		return !ld->have_reviews || resolve_review(ld, r, aux->ymd, item_id);
	}
	fill_span(ld, &r->level_span, in_flow, indent);
	if (!ld->have_levels)   /* resolved once the vocabulary is read */
		return copy_scalar(ld, "rating", &aux->key);
	r->level = (int16_t)rating_level_of(ld->plan, scalar_text(ld), ld->ev.data.scalar.length);
	if (r->level < 0) {
		fail_unknown_rating(ld, scalar_text(ld), &r->level_span);
		return false;
	}
	return true;
}

/* One element of an item's `ratings:` ({date, rating[, note]}). */
static bool parse_rating(struct loader *ld, struct rating *r, struct rating_aux *aux,
                         const char *item_id, size_t index, struct element_end *end)
{
	bool in_flow = ld->ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	yaml_mark_t start = ld->ev.start_mark;
	unsigned seen = 0, indent = 0;
	int k, n;
	uint32_t last_byte = 0;   /* where the last value ended (its span's end) */
	r->review = r->level = -1;
	r->line = (uint32_t)start.line + 1;
	end->mark = start;
	end->block_scalar = false;
	static const struct place in_rating = { LOAD_IN_RATING, NULL, 0 };
	while ((n = next_key(ld, rating_keys, &seen, &in_rating, &k)) > 0) {
		if (seen == BIT(k))
			indent = (unsigned)ld->ev.start_mark.column;   /* the first key */
		if (!take_rating_field(ld, k, r, aux, item_id, in_flow, indent))
			return false;
		end->mark = ld->ev.end_mark;
		end->block_scalar = is_block_scalar(&ld->ev);
		last_byte = (k == G_DATE ? &r->date_span : k == G_RATING ? &r->level_span
		                                                          : &r->note_span)->end;
	}
	if (n < 0)
		return false;
	const unsigned required = BIT(G_DATE) | BIT(G_RATING);
	if ((seen & required) != required) {
		const struct place where = { LOAD_IN_RATING, item_id, index };
		return check_required(ld, &start, rating_keys, seen, required, &where);
	}
	if (!(seen & BIT(G_NOTE)))
		absent_span(ld, &r->note_span, last_byte, &end->mark, end->block_scalar, in_flow,
		            indent);
	if (in_flow) {
		end->mark = ld->ev.end_mark;   /* after the "}" */
		end->block_scalar = false;
	}
	return true;
}

/* item->rating: the key of its rating at the latest date it was rated. */
static void latest_rating(const struct plan *plan, struct item *it)
{
	const struct rating *best = NULL;
	for (size_t i = 0; i < it->n_ratings; i++)
		if (!best || it->ratings[i].review > best->review)
			best = &it->ratings[i];
	it->rating = best ? plan->rating_levels[best->level].key : NULL;
}

/* An item's `ratings:` list. */
static bool parse_ratings(struct loader *ld, struct item *it)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_LIST, "ratings"))
		return false;
	insertion_start(ld, &it->ratings_insert);
	ld->ratings.n = ld->rating_aux.n = 0;
	ld->rating_gen++;
	bool pending = false;
	struct element_end end;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT)
			return fail_element(ld, LOAD_WANT_RATING, "ratings", it->id);
		struct rating *r = vec_push(&ld->ratings);
		struct rating_aux *aux = vec_push(&ld->rating_aux);
		if (!r || !aux)
			return oom(ld);
		if (!parse_rating(ld, r, aux, it->id, ld->ratings.n, &end))
			return false;
		pending |= r->review < 0 || r->level < 0;
	}
	size_t n = ld->ratings.n;
	if (n)   /* a new rating goes after the last one */
		insertion_after(ld, &it->ratings_insert, &end.mark, end.block_scalar);
	it->n_ratings = n;
	it->ratings = arena_memdup(ld->arena, ld->ratings.data, n * sizeof(struct rating));
	if (!it->ratings)
		return oom(ld);
	if (!pending) {
		latest_rating(ld->plan, it);
		return true;
	}
	struct rating_pending *p = vec_push(&ld->rating_pending);
	if (!p)
		return oom(ld);
	p->ratings = it->ratings;
	p->n = n;
	p->item_id = it->id;
	p->aux = arena_memdup(ld->arena, ld->rating_aux.data, n * sizeof(struct rating_aux));
	return p->aux ? true : oom(ld);
}

static bool parse_indicators(struct loader *ld, struct item *it)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_LIST, "indicators"))
		return false;
	ld->indicators.n = 0;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT)
			return fail_element(ld, LOAD_WANT_INDICATOR, "indicators", it->id);
		yaml_mark_t start = ld->ev.start_mark;
		struct indicator *ind = vec_push(&ld->indicators);
		if (!ind)
			return oom(ld);
		const struct place where = { LOAD_IN_INDICATOR, NULL, 0 };
		unsigned seen = 0;
		int k, r;
		while ((r = next_key(ld, indicator_keys, &seen, &where, &k)) > 0) {
			const char **field = k == N_NAME ? &ind->name
			                   : k == N_BASELINE ? &ind->baseline : &ind->target;
			if (!take_string(ld, indicator_keys[k], field))
				return false;
		}
		if (r < 0 || !check_required(ld, &start, indicator_keys, seen,
		                             BIT(N_NAME) | BIT(N_TARGET), &where))
			return false;
	}
	it->n_indicators = ld->indicators.n;
	it->indicators = arena_memdup(ld->arena, ld->indicators.data,
	                              ld->indicators.n * sizeof(struct indicator));
	return it->indicators ? true : oom(ld);
}

static bool parse_review(struct loader *ld, struct item *it)
{
	if (!next_is(ld, YAML_MAPPING_START_EVENT, LOAD_WANT_REVIEW, "review"))
		return false;
	const struct place where = { LOAD_IN_REVIEW, NULL, 0 };
	yaml_mark_t start = ld->ev.start_mark;
	yaml_mark_t new_mark = start;
	unsigned seen = 0;
	int k, r;
	it->revised = true;
	while ((r = next_key(ld, review_keys, &seen, &where, &k)) > 0) {
		if (k == R_NEW_INDICATORS) {
			new_mark = ld->ev.start_mark;
			if (!take_bool(ld, "new_indicators", &it->new_indicators))
				return false;
			continue;
		}
		if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_LIST, "changed"))
			return false;
		for (;;) {
			if (!next(ld))
				return false;
			if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
				break;
			if (ld->ev.type != YAML_SCALAR_EVENT)
				return fail_element(ld, LOAD_WANT_WORD, "changed", NULL);
			int bit = -1;
			for (int b = 0; b < REVIEW_KINDS; b++)
				if (strcmp(review_change_name(b), scalar_text(ld)) == 0)
					bit = b;
			if (bit < 0) {
				struct load_error *e = fail_scalar(ld, LOAD_UNKNOWN_CHANGE, "changed");
				size_t used = 0;
				for (int b = 0; b < REVIEW_KINDS; b++)
					used += (size_t)snprintf(e->expected + used, sizeof e->expected - used,
					                         "%s%s", b ? ", " : "", review_change_name(b));
				cut_if_prefix(e, scalar_text(ld), e->expected);
				return false;
			}
			if (it->review_changed & (1u << bit)) {
				fail_scalar(ld, LOAD_CHANGE_TWICE, "changed");
				return false;
			}
			it->review_changed |= 1u << bit;
			if ((1u << bit) == REVIEW_SCHEDULE) {   /* the consistency warnings point here */
				it->schedule_change_line = (uint32_t)ld->ev.start_mark.line + 1;
				it->schedule_change_col = (uint32_t)ld->ev.start_mark.column + 1;
			}
		}
	}
	if (r < 0 || !check_required(ld, &start, review_keys, seen, BIT(R_CHANGED), &where))
		return false;
	if (it->new_indicators && !(it->review_changed & REVIEW_INDICATORS)) {
		struct load_error *e = fail_mark(ld, LOAD_NEW_INDICATORS, new_mark);
		escape_into(e->id, sizeof e->id, it->id);
		return false;
	}
	return true;
}

static bool parse_entry(struct loader *ld, struct entry *e, const char **status_key,
                        yaml_mark_t *year_mark, const char *item_id, size_t index)
{
	bool in_flow = ld->ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	yaml_mark_t start = ld->ev.start_mark;
	unsigned seen = 0, indent = 0;
	int k, r;
	yaml_mark_t last_end = start;
	bool last_block = false;
	e->line = (uint32_t)start.line + 1;
	static const struct place in_entry = { LOAD_IN_ENTRY, NULL, 0 };
	while ((r = next_key(ld, entry_keys, &seen, &in_entry, &k)) > 0) {
		if (seen == BIT(k))
			indent = (unsigned)ld->ev.start_mark.column;   /* the first key */
		bool ok;
		switch (k) {
		case E_YEAR:
			ok = take_int(ld, "year", MIN_YEAR, MAX_YEAR, &e->year);
			*year_mark = ld->ev.start_mark;
			break;
		case E_PLAN:
			ok = take_string(ld, "plan", &e->plan);
			if (ok)
				fill_span(ld, &e->plan_span, in_flow, indent);
			break;
		case E_STATUS:
			ok = take_string(ld, "status", status_key);
			if (ok)
				fill_span(ld, &e->status_span, in_flow, indent);
			break;
		default:
			ok = take_string(ld, "note", &e->note);
			if (ok)
				fill_span(ld, &e->note_span, in_flow, indent);
			break;
		}
		if (!ok)
			return false;
		last_end = ld->ev.end_mark;
		last_block = is_block_scalar(&ld->ev);
	}
	if (r < 0)
		return false;
	const unsigned required = BIT(E_YEAR) | BIT(E_PLAN) | BIT(E_STATUS);
	if ((seen & required) != required) {
		const struct place where = { LOAD_IN_ENTRY, item_id, index };
		return check_required(ld, &start, entry_keys, seen, required, &where);
	}
	if (!(seen & BIT(E_NOTE)))   /* where a new note would go */
		absent_span(ld, &e->note_span, SIZE_MAX, &last_end, last_block, in_flow, indent);
	return true;
}

static bool check_entry(struct loader *ld, const struct pending *p);

static bool parse_schedule(struct loader *ld, struct item *it)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_ENTRY_LIST, "schedule"))
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
			fail_element(ld, LOAD_WANT_ENTRY, "schedule", it->id);
			goto out;
		}
		struct entry *e = vec_push(&ld->entries);
		const char **key = vec_push(&ld->entry_keys);
		yaml_mark_t *mark = vec_push(marks);
		if (!e || !key || !mark) {
			oom(ld);
			goto out;
		}
		if (!parse_entry(ld, e, key, mark, it->id, ld->entries.n))
			goto out;
		struct entry *all = ld->entries.data;
		for (size_t i = 0; i + 1 < ld->entries.n; i++) {
			if (all[i].year == e->year) {
				struct load_error *err = fail_mark(ld, LOAD_DUPLICATE_YEAR, *mark);
				err->num[0] = e->year;
				err->num[1] = (long)all[i].line;
				escape_into(err->id, sizeof err->id, it->id);
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

/* The item's serial number, unique in the plan. */
static bool take_serial(struct loader *ld, struct item *it)
{
	if (!take_int(ld, "serial", 1, LOAD_MAX_ITEMS, &it->serial))
		return false;
	if (it->serial < (int)ld->n_serials && ld->serials[it->serial]) {
		fail_here(ld, LOAD_DUPLICATE_SERIAL)->num[0] = it->serial;
		return false;
	}
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
	return true;
}

/* Where a new `ratings:` key goes in an item that has none: after the
 * value of the last of its id, serial, title and source (the current
 * event), at the start of the next line (block) or right after it (flow). */
static void note_item_head(struct loader *ld, struct item *it, bool in_flow, unsigned indent)
{
	struct insertion *ins = &it->ratings_insert;
	place_after(ld, &ld->ev.end_mark, is_block_scalar(&ld->ev), in_flow, &ins->at, &ins->line,
	            &ins->col);
	ins->kind = in_flow ? INSERT_FLOW_KEY : INSERT_BLOCK_KEY;
	ins->indent = (uint16_t)(indent < UINT16_MAX ? indent : UINT16_MAX);
}

static bool parse_item(struct loader *ld, struct item *it)
{
	yaml_mark_t start = ld->ev.start_mark;
	bool in_flow = ld->ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	unsigned seen = 0, indent = 0;
	int k, r;
	it->line = (uint32_t)start.line + 1;
	static const struct place in_item = { LOAD_IN_ITEM, NULL, 0 };
	while ((r = next_key(ld, item_keys, &seen, &in_item, &k)) > 0) {
		bool ok = true;
		if (seen == BIT(k))
			indent = (unsigned)ld->ev.start_mark.column;   /* the first key */
		switch (k) {
		case I_ID: {
			if (!take_string(ld, "id", &it->id))
				return false;
			bool nomem;
			const struct id_slot *dup = id_set_add(&ld->item_ids, it->id, it->line, &nomem);
			if (nomem)
				return oom(ld);
			if (dup) {
				fail_scalar(ld, LOAD_DUPLICATE_ITEM, "id")->num[0] = (long)dup->line;
				return false;
			}
			break;
		}
		case I_NO:      ok = take_serial(ld, it); break;
		case I_TITLE:   ok = take_string(ld, "title", &it->title); break;
		case I_CONTENT: ok = take_string(ld, "content", &it->content); break;
		case I_EFFECTS: ok = take_string(ld, "effects", &it->effects); break;
		case I_SOURCE:
			ok = take_string(ld, "source", &it->source);
			if (ok && strcmp(it->source, "seed") != 0 && strcmp(it->source, "representative") != 0) {
				struct load_error *e = fail_scalar(ld, LOAD_UNKNOWN_SOURCE, "source");
				snprintf(e->expected, sizeof e->expected, "seed, representative");
				cut_if_prefix(e, it->source, e->expected);
				return false;
			}
			break;
		case I_RATINGS:    ok = parse_ratings(ld, it); break;
		case I_DEPARTMENTS:
			ok = take_string_list(ld, "departments", &ld->strings);
			if (ok && ld->strings.n == 0) {
				escape_into(fail_here(ld, LOAD_NO_DEPARTMENTS)->id, sizeof ld->err->id, it->id);
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
		case I_INDICATORS: ok = parse_indicators(ld, it); break;
		case I_REVIEW:     ok = parse_review(ld, it); break;
		case I_SCHEDULE:   ok = parse_schedule(ld, it); break;
		}
		if (!ok)
			return false;
		if (k <= I_SOURCE && !(seen & BIT(I_RATINGS)))
			note_item_head(ld, it, in_flow, indent);
	}
	const struct place where = { LOAD_IN_ITEM, it->id, 0 };
	return r == 0 && check_required(ld, &start, item_keys, seen,
	                                BIT(I_ID) | BIT(I_TITLE) | BIT(I_DEPARTMENTS) |
	                                BIT(I_CONTENT) | BIT(I_EFFECTS) | BIT(I_INDICATORS) |
	                                BIT(I_SCHEDULE), &where);
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
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_ITEM_LIST, "items"))
		return false;
	ld->items.n = 0;
	bool block = ld->policies_block && ld->policy_block &&
	             ld->ev.data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT)
			return fail_element(ld, LOAD_WANT_ITEM, "items", pol->id ? pol->id : "?");
		if (ld->plan->n_items >= LOAD_MAX_ITEMS) {
			struct load_error *e = fail_here(ld, LOAD_TOO_MANY);
			e->key = "items";
			e->num[0] = LOAD_MAX_ITEMS;
			return false;
		}
		struct item *it = vec_push(&ld->items);
		if (!it)
			return oom(ld);
		it->block = block && ld->ev.data.mapping_start.style != YAML_FLOW_MAPPING_STYLE;
		it->text_start = (uint32_t)line_start(ld, ld->ev.start_mark.index);
		if (!parse_item(ld, it))
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
	static const struct place where = { LOAD_IN_POLICY, NULL, 0 };
	while ((r = next_key(ld, policy_keys, &seen, &where, &k)) > 0) {
		bool ok = true;
		switch (k) {
		case P_ID: {
			ok = take_string(ld, "id", &pol->id);
			const struct policy *all = ld->policies.data;
			for (size_t i = 0; ok && all + i != pol; i++) {
				if (strcmp(all[i].id, pol->id) == 0) {
					fail_scalar(ld, LOAD_DUPLICATE_POLICY, "id");
					return false;
				}
			}
			break;
		}
		case P_TITLE:       ok = take_string(ld, "title", &pol->title); break;
		case P_DESCRIPTION: ok = take_string(ld, "description", &pol->description); break;
		case P_ITEMS:       ok = parse_items(ld, pol); break;
		}
		if (!ok)
			return false;
	}
	return r == 0 && check_required(ld, &start, policy_keys, seen,
	                                BIT(P_ID) | BIT(P_TITLE) | BIT(P_ITEMS), &where);
}

static bool parse_policies(struct loader *ld)
{
	if (!next_is(ld, YAML_SEQUENCE_START_EVENT, LOAD_WANT_POLICY_LIST, "policies"))
		return false;
	ld->policies_block = ld->ev.data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE;
	for (;;) {
		if (!next(ld))
			return false;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ld->ev.type != YAML_MAPPING_START_EVENT)
			return fail_element(ld, LOAD_WANT_POLICY, "policies", NULL);
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

/* Where a new `reviews:` key goes when the plan has none (so far): in a
 * block mapping, at the start of the line of the `policies` key (the
 * current event, before its value is read); in a flow mapping, right
 * after the policies' list (the current event, after it). */
static void note_reviews_place(struct loader *ld, bool in_flow)
{
	struct insertion *ins = &ld->plan->reviews_insert;
	const yaml_mark_t *m = in_flow ? &ld->ev.end_mark : &ld->ev.start_mark;
	if (in_flow) {
		place_after(ld, m, false, true, &ins->at, &ins->line, &ins->col);
		ins->kind = INSERT_FLOW_KEY;
		return;
	}
	ins->at = (uint32_t)line_start(ld, m->index);
	ins->line = (uint32_t)m->line + 1;
	ins->col = 1;
	ins->indent = (uint16_t)(m->column < UINT16_MAX ? m->column : UINT16_MAX);
	ins->kind = INSERT_BLOCK_KEY;
}

/* After the top mapping: the end of the file, and what needs all of it. */
static bool finish_top(struct loader *ld, unsigned seen, const yaml_mark_t *review_mark)
{
	struct plan *plan = ld->plan;
	if (!next(ld))
		return false;
	if (ld->ev.type != YAML_DOCUMENT_END_EVENT)
		return fail_element(ld, LOAD_WANT_DOCUMENT_END, NULL, NULL);
	if (!next(ld))
		return false;
	if (ld->ev.type != YAML_STREAM_END_EVENT) {
		fail_here(ld, LOAD_SECOND_DOCUMENT);
		return false;
	}
	if (plan_year_index(plan, plan->review_year) < 0) {
		struct load_error *e = fail_at(ld, LOAD_YEAR_NOT_IN_PLAN, review_mark->line + 1,
		                               review_mark->column + 1);
		e->key = "review_year";
		e->num[0] = plan->review_year;
		e->num[1] = plan->years[0];
		e->num[2] = plan->years[plan->n_years - 1];
		return false;
	}
	if (!(seen & BIT(T_CURRENT_YEAR)))
		plan->current_year = plan->review_year;
	return true;
}

static bool parse_top(struct loader *ld)
{
	if (!next(ld))
		return false;
	if (ld->ev.type != YAML_STREAM_START_EVENT)
		return fail_element(ld, LOAD_WANT_STREAM, NULL, NULL);
	if (!next(ld))
		return false;
	if (ld->ev.type == YAML_STREAM_END_EVENT) {
		fail_at(ld, LOAD_EMPTY, 1, 1);
		return false;
	}
	if (!next(ld))
		return false;
	if (ld->ev.type != YAML_MAPPING_START_EVENT)
		return fail_element(ld, LOAD_WANT_TOP, NULL, NULL);
	yaml_mark_t start = ld->ev.start_mark;
	bool in_flow = ld->ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	struct plan *plan = ld->plan;
	unsigned seen = 0;
	int k, r;
	yaml_mark_t review_mark = start;
	static const struct place where = { LOAD_IN_PLAN, NULL, 0 };
	while ((r = next_key(ld, top_keys, &seen, &where, &k)) > 0) {
		bool ok = true;
		switch (k) {
		case T_TITLE:        ok = take_string(ld, "title", &plan->title); break;
		case T_PROGRAM:      ok = take_string(ld, "program", &plan->program); break;
		case T_REVIEW_LABEL: ok = take_string(ld, "review_label", &plan->review_label); break;
		case T_YEARS:        ok = parse_years(ld); break;
		case T_REVIEW_YEAR:
			ok = take_int(ld, "review_year", MIN_YEAR, MAX_YEAR, &plan->review_year);
			review_mark = ld->ev.start_mark;
			break;
		case T_CURRENT_YEAR:
			ok = take_int(ld, "current_year", MIN_YEAR, MAX_YEAR, &plan->current_year);
			break;
		case T_STATUSES:     ok = parse_statuses(ld); break;
		case T_RATINGS:      ok = parse_rating_levels(ld); break;
		case T_REVIEWS:      ok = parse_reviews(ld); break;
		case T_EFFECTS:      ok = parse_effects(ld); break;
		case T_POLICIES:
			if (!in_flow && !(seen & BIT(T_REVIEWS)))
				note_reviews_place(ld, false);
			ok = parse_policies(ld);
			if (ok && in_flow && !(seen & BIT(T_REVIEWS)))
				note_reviews_place(ld, true);
			break;
		}
		if (!ok)
			return false;
	}
	return r == 0 &&
	       check_required(ld, &start, top_keys, seen,
	                      BIT(T_TITLE) | BIT(T_PROGRAM) | BIT(T_YEARS) | BIT(T_REVIEW_YEAR) |
	                      BIT(T_STATUSES) | BIT(T_POLICIES), &where) &&
	       finish_top(ld, seen, &review_mark);
}

/* The checks of an entry that need `statuses` and `years`. */
static bool check_entry(struct loader *ld, const struct pending *p)
{
	const struct plan *plan = ld->plan;
	struct entry *e = p->entry;
	if (plan_year_index(plan, e->year) < 0) {
		struct load_error *err = fail_at(ld, LOAD_YEAR_NOT_IN_PLAN, p->year_line, p->year_col);
		err->key = "year";
		err->num[0] = e->year;
		err->num[1] = plan->years[0];
		err->num[2] = plan->years[plan->n_years - 1];
		return false;
	}
	e->status = plan_status_index(plan, p->status_key);
	if (e->status < 0) {
		struct load_error *err = fail_at(ld, LOAD_UNKNOWN_STATUS, e->status_span.line,
		                                 e->status_span.col);
		escape_into(err->text, sizeof err->text, p->status_key);
		size_t used = 0;
		for (size_t s = 0; s < plan->n_statuses && used < sizeof err->expected; s++)
			used += (size_t)snprintf(err->expected + used, sizeof err->expected - used,
			                         "%s%s", s ? ", " : "", plan->statuses[s].key);
		err->at_end = blank_after(ld, e->status_span.end - ld->base);   /* "status: do" */
		cut_if_prefix(err, p->status_key, err->expected);
		return false;
	}
	return true;
}

/* The ratings that had to wait for `reviews` or the `ratings` vocabulary,
 * one item's list at a time, then every item's latest rating. */
static bool resolve_ratings(struct loader *ld)
{
	struct plan *plan = ld->plan;
	const struct rating_pending *p = ld->rating_pending.data;
	if (ld->rating_pending.n == 0)
		return true;
	for (size_t g = 0; g < ld->rating_pending.n; g++) {
		ld->rating_gen++;
		for (size_t i = 0; i < p[g].n; i++) {
			struct rating *r = &p[g].ratings[i];
			const struct rating_aux *aux = &p[g].aux[i];
			if (r->review < 0 && !resolve_review(ld, r, aux->ymd, p[g].item_id))
				return false;
			if (r->level < 0)
				r->level = (int16_t)plan_rating_level_index(plan, aux->key);
			if (r->level < 0) {
				fail_unknown_rating(ld, aux->key, &r->level_span);
				return false;
			}
		}
	}
	for (size_t k = 0; k < plan->n_policies; k++)
		for (size_t i = 0; i < plan->policies[k].n_items; i++)
			latest_rating(plan, &plan->policies[k].items[i]);
	return true;
}

/* The checks that had to wait for the whole file. */
static bool resolve_pending(struct loader *ld)
{
	const struct pending *p = ld->pending.data;
	for (size_t i = 0; i < ld->pending.n; i++)
		if (!check_entry(ld, &p[i]))
			return false;
	return resolve_ratings(ld);
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
	free(ld->reviews.data);
	free(ld->ratings.data);
	free(ld->rating_aux.data);
	free(ld->rating_pending.data);
	free(ld->effects.data);
	free(ld->stamp);
	free(ld->stamp_line);
}

/* Parse text (len bytes plus a NUL), taking ownership of it. */
static struct plan *load_owned(char *text, size_t len, struct load_error *err)
{
	struct plan *plan = calloc(1, sizeof *plan);
	if (!plan || !(plan->arena = arena_new())) {
		free(text);
		plan_free(plan);
		err->code = LOAD_NO_MEMORY;
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
		.reviews = { .elem = sizeof(struct review_date) },
		.ratings = { .elem = sizeof(struct rating) },
		.rating_aux = { .elem = sizeof(struct rating_aux) },
		.rating_pending = { .elem = sizeof(struct rating_pending) },
		.effects = { .elem = sizeof(struct effects_year) },
	};
	ld.base = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	ld.yaml_text = plan->text + ld.base;
	ld.yaml_len = len - ld.base;
	char_cursor_init(&ld.cur, ld.yaml_text, ld.yaml_len);
	plan->crlf = memchr(text, '\r', len) && strstr(plan->text, "\r\n");

	if (!yaml_parser_initialize(&ld.parser)) {
		err->code = LOAD_NO_MEMORY;
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
		err->code = LOAD_TOO_LARGE;
		err->num[0] = (long)(LOAD_MAX_BYTES >> 20);
		return NULL;
	}
	char *copy = malloc(len + 1);
	if (!copy) {
		err->code = LOAD_NO_MEMORY;
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
		err->code = LOAD_TOO_LARGE;
		err->num[0] = (long)(LOAD_MAX_BYTES >> 20);
		return NULL;
	}
	if (e) {
		if (io_error)
			*io_error = e;
		err->code = LOAD_IO;
		err->num[0] = e;
		return NULL;
	}
	return load_owned(buf, len, err);
}

/* ---- shared with the other strict readers (access.c) ----------------- */

void load_escape(char *out, size_t size, const char *s)
{
	escape_into(out, size, s);
}

enum load_yaml load_yaml_problem(const char *problem)
{
	return yaml_problem_code(problem);
}

enum load_yaml_context load_yaml_context(const char *context)
{
	return yaml_context_code(context);
}
