/* load.h - read a plan file with libyaml's event API and validate it.
 *
 * The loader is strict: unknown keys, wrong types, duplicate ids or keys,
 * unknown statuses, years outside `years`, duplicate years in a schedule,
 * missing required fields, aliases, anchors, tags on values and invalid
 * UTF-8 are all errors; so are, in the review cycle, a date that is not a
 * quoted "YYYY-MM-DD", review dates out of order, a rating at a date that
 * is not one of `reviews`, two ratings of one item at one date and a rating
 * that is not a key of the `ratings` vocabulary.  It never crashes, hangs
 * or leaks on any input.
 */
#ifndef PLANDASH_LOAD_H
#define PLANDASH_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include "plan.h"

/* Limits that keep hostile input bounded. */
#define LOAD_MAX_BYTES  ((size_t)512 << 20)  /* spans are 32-bit; stay well below */
#define LOAD_MAX_DEPTH  16                   /* the schema needs 7 */
#define LOAD_MAX_ITEMS  2000000
#define LOAD_MAX_YEARS  64
#define LOAD_MAX_REVIEWS 1024

/* ---- errors ------------------------------------------------------------
 * An error is a code and data, never words: describe.h turns it into a
 * translated sentence with "FILE:LINE:COL: " first.  Each code below says
 * which fields it fills; the others are zero / "" / NULL. */

enum load_code {
	LOAD_OK,                  /* no error */
	LOAD_NO_MEMORY,
	LOAD_TOO_LARGE,           /* num[0]: the limit in MiB */
	LOAD_IO,                  /* num[0]: errno (line 0) */
	LOAD_EMPTY,               /* no document at all */
	LOAD_BAD_UTF8,            /* num[0]: the first bad byte (position: that byte) */
	LOAD_SYNTAX,              /* libyaml refused the text: yaml, yaml_context,
	                             num[0]: line where the context started (0: none) */
	LOAD_ALIAS,               /* text: the alias's name */
	LOAD_ANCHOR,              /* text: the anchor's name */
	LOAD_TAG,                 /* text: the tag */
	LOAD_TOO_DEEP,            /* num[0]: LOAD_MAX_DEPTH */
	LOAD_EXPECTED_VALUE,      /* the value of `key` is not what the schema wants:
	                             want, found, key */
	LOAD_EXPECTED_ELEMENT,    /* an element of a list (or the top, or a mapping's
	                             key) is not what the schema wants: want, found;
	                             key: the list's key; id: the item or policy it
	                             belongs to; place (for LOAD_WANT_KEY) */
	LOAD_NOT_WHOLE_NUMBER,    /* key, text */
	LOAD_OUT_OF_RANGE,        /* key; num[0]: the value, num[1]..num[2]: the range */
	LOAD_NOT_NUMBER,          /* key, text */
	LOAD_NOT_BOOLEAN,         /* key, text */
	LOAD_NUL_CHARACTER,       /* key: the string or list that holds "\0" */
	LOAD_DUPLICATE_KEY,       /* text: the key; place */
	LOAD_UNKNOWN_KEY,         /* text: the key; place; expected: the keys allowed */
	LOAD_MISSING_KEY,         /* key: the key missing; place (position: the
	                             mapping's start) */
	LOAD_NOT_A_YEAR,          /* text; num[1]..num[2]: the years allowed (in "years") */
	LOAD_TOO_MANY,            /* key: "years", "statuses", "items", "ratings" (the
	                             vocabulary) or "reviews"; num[0]: the limit */
	LOAD_YEARS_ORDER,         /* num[0]: the year, num[1]: the one before it */
	LOAD_EMPTY_LIST,          /* key: "years", "statuses", "ratings" or "reviews" */
	LOAD_BAD_STATUS_KEY,      /* text */
	LOAD_BAD_STATUS_LETTER,   /* text */
	LOAD_DUPLICATE_STATUS,    /* text: the status key */
	LOAD_SHARED_LETTER,       /* text, text2: the two status keys; num[0]: the letter */
	LOAD_UNKNOWN_STATUS,      /* text; expected: the plan's status keys */
	LOAD_UNKNOWN_SOURCE,      /* text; expected */
	LOAD_UNKNOWN_RATING,      /* text: an item's rating; expected: the keys of the
	                             `ratings` vocabulary ("" when the plan has none) */
	LOAD_UNKNOWN_CHANGE,      /* text; expected */
	LOAD_CHANGE_TWICE,        /* text */
	LOAD_NEW_INDICATORS,      /* id: the item (new_indicators without "indicators") */
	LOAD_DUPLICATE_YEAR,      /* num[0]: the year, num[1]: line of the first; id: the item */
	LOAD_DUPLICATE_ITEM,      /* text: the id; num[0]: line of the first */
	LOAD_DUPLICATE_SERIAL,    /* num[0]: the serial number */
	LOAD_NO_DEPARTMENTS,      /* id: the item */
	LOAD_DUPLICATE_POLICY,    /* text: the policy id */
	LOAD_SECOND_DOCUMENT,
	LOAD_YEAR_NOT_IN_PLAN,    /* key: "year" or "review_year"; num[0]: the year,
	                             num[1]..num[2]: the plan's first and last years */
	/* the review cycle: ratings, review dates, effects */
	LOAD_BAD_DATE,            /* key: "date"; text: not a "YYYY-MM-DD" day */
	LOAD_DATE_NOT_QUOTED,     /* key: "date"; text: a date written without quotes */
	LOAD_REVIEWS_ORDER,       /* text: the date, text2: the one before it */
	LOAD_NOT_A_REVIEW,        /* text: the date; id: the item; expected: the review
	                             dates ("" when the plan has no `reviews`) */
	LOAD_DUPLICATE_RATING,    /* text: the date; id: the item; num[0]: line of the first */
	LOAD_BAD_RATING_KEY,      /* text */
	LOAD_DUPLICATE_RATING_KEY,/* text: the rating key */
	LOAD_OLD_RATING,          /* id: the item (the single `rating:` of old files) */
	LOAD_UNKNOWN_BASIS,       /* text; expected */
	LOAD_DUPLICATE_EFFECTS,   /* num[0]: the year, num[1]: line of the first row */
	LOAD_N_CODES              /* how many codes there are (not a code) */
};

/* What the schema wanted (LOAD_EXPECTED_VALUE, LOAD_EXPECTED_ELEMENT). */
enum load_want {
	LOAD_WANT_NOTHING,
	/* values */
	LOAD_WANT_STRING, LOAD_WANT_NUMBER, LOAD_WANT_BOOLEAN, LOAD_WANT_LIST,
	LOAD_WANT_YEAR_LIST, LOAD_WANT_ITEM_LIST, LOAD_WANT_POLICY_LIST,
	LOAD_WANT_ENTRY_LIST, LOAD_WANT_REVIEW,
	/* elements */
	LOAD_WANT_STREAM,         /* the start of the file */
	LOAD_WANT_DOCUMENT_END,   /* the end of the document after the plan */
	LOAD_WANT_TOP,            /* the top mapping */
	LOAD_WANT_KEY,            /* a key of the mapping `place` */
	LOAD_WANT_YEAR,           /* in "years" */
	LOAD_WANT_STATUS,         /* a {key, label} mapping in "statuses" */
	LOAD_WANT_EFFECTS_ROW,    /* a mapping in "effects" */
	LOAD_WANT_POLICY,         /* a mapping in "policies" */
	LOAD_WANT_ITEM,           /* a mapping in a policy's items (id: the policy) */
	LOAD_WANT_INDICATOR,      /* a mapping in an item's indicators (id: the item) */
	LOAD_WANT_WORD,           /* a word in "changed" */
	LOAD_WANT_ENTRY,          /* a mapping in an item's schedule (id: the item) */
	LOAD_WANT_LIST_STRING,    /* a string in the list `key` */
	LOAD_WANT_RATING_LEVEL,   /* a {key, label} mapping in the top-level "ratings" */
	LOAD_WANT_REVIEW_DATE,    /* a {date, label} mapping in "reviews" */
	LOAD_WANT_RATING,         /* a {date, rating} mapping in an item's ratings (id) */
};

/* What the file had instead. */
enum load_found {
	LOAD_FOUND_NOTHING,
	LOAD_FOUND_SCALAR, LOAD_FOUND_LIST, LOAD_FOUND_MAPPING, LOAD_FOUND_LIST_END,
	LOAD_FOUND_MAPPING_END, LOAD_FOUND_DOCUMENT, LOAD_FOUND_DOCUMENT_END,
	LOAD_FOUND_FILE_END, LOAD_FOUND_OTHER,
};

/* The mapping an error about keys is in. */
enum load_place {
	LOAD_IN_NOTHING,
	LOAD_IN_PLAN,             /* the top mapping */
	LOAD_IN_STATUS,           /* index: its number in "statuses" (0: unknown) */
	LOAD_IN_EFFECTS_ROW,
	LOAD_IN_POLICY,
	LOAD_IN_ITEM,             /* id: the item ("" when not known yet) */
	LOAD_IN_INDICATOR,
	LOAD_IN_REVIEW,
	LOAD_IN_ENTRY,            /* index: its number in the schedule, id: the item
	                             (0 and "" when not known) */
	LOAD_IN_RATING_LEVEL,     /* index: its number in the top-level "ratings" */
	LOAD_IN_REVIEW_DATE,      /* index: its number in "reviews" */
	LOAD_IN_RATING,           /* index: its number in the item's ratings, id: the item */
};

/* libyaml's problem, from its problem text (libyaml 0.2.5: scanner.c,
 * parser.c, reader.c); LOAD_YAML_OTHER for a text not in this list. */
enum load_yaml {
	LOAD_YAML_OTHER,
	LOAD_YAML_TAB,                    /* a tab in the indentation (either text
	                                     below when the character is a tab) */
	LOAD_YAML_CANNOT_START_TOKEN,     /* found character that cannot start any token */
	LOAD_YAML_TAB_INDENT,             /* found a tab character that violates indentation */
	LOAD_YAML_BLOCK_TAB,              /* found a tab character where an indentation space is expected */
	LOAD_YAML_NO_COLON,               /* could not find expected ':' */
	LOAD_YAML_SEQ_NOT_ALLOWED,        /* block sequence entries are not allowed in this context */
	LOAD_YAML_KEY_NOT_ALLOWED,        /* mapping keys are not allowed in this context */
	LOAD_YAML_VALUE_NOT_ALLOWED,      /* mapping values are not allowed in this context */
	LOAD_YAML_UNEXPECTED_COLON,       /* found unexpected ':' */
	LOAD_YAML_END_OF_STREAM,          /* found unexpected end of stream */
	LOAD_YAML_DOCUMENT_INDICATOR,     /* found unexpected document indicator */
	LOAD_YAML_UNKNOWN_ESCAPE,         /* found unknown escape character */
	LOAD_YAML_NO_HEX,                 /* did not find expected hexdecimal number */
	LOAD_YAML_BAD_UNICODE_ESCAPE,     /* found invalid Unicode character escape code */
	LOAD_YAML_ZERO_INDENT,            /* found an indentation indicator equal to 0 */
	LOAD_YAML_NO_COMMENT_OR_BREAK,    /* did not find expected comment or line break */
	LOAD_YAML_NO_ALNUM,               /* did not find expected alphabetic or numeric character */
	LOAD_YAML_DIRECTIVE,              /* the %YAML / %TAG directive problems */
	LOAD_YAML_TAG_SYNTAX,             /* the tag problems (!, <, URI) */
	LOAD_YAML_NO_NODE,                /* did not find expected node content */
	LOAD_YAML_NO_DASH,                /* did not find expected '-' indicator */
	LOAD_YAML_NO_KEY,                 /* did not find expected key */
	LOAD_YAML_NO_COMMA_BRACKET,       /* did not find expected ',' or ']' */
	LOAD_YAML_NO_COMMA_BRACE,         /* did not find expected ',' or '}' */
	LOAD_YAML_NO_DOCUMENT_START,      /* did not find expected <document start> */
	LOAD_YAML_NO_STREAM_START,        /* did not find expected <stream-start> */
	LOAD_YAML_CONTROL_CHARACTER,      /* control characters are not allowed */
	LOAD_YAML_ENCODING,               /* the reader's UTF-8 and UTF-16 problems */
	LOAD_YAML_INPUT,                  /* input error, input is too long */
};

/* Where libyaml was when it met the problem (its context text). */
enum load_yaml_context {
	LOAD_CTX_NONE,
	LOAD_CTX_OTHER,           /* a context text not in this list */
	LOAD_CTX_TOKEN,           /* while scanning for the next token */
	LOAD_CTX_SIMPLE_KEY,      /* while scanning a simple key */
	LOAD_CTX_PLAIN_SCALAR,
	LOAD_CTX_QUOTED_SCALAR,   /* scanning or parsing a quoted scalar */
	LOAD_CTX_BLOCK_SCALAR,
	LOAD_CTX_ANCHOR,          /* an anchor or an alias */
	LOAD_CTX_TAG,             /* a tag */
	LOAD_CTX_DIRECTIVE,       /* any directive */
	LOAD_CTX_NODE,            /* a node, a block node, a flow node */
	LOAD_CTX_BLOCK_LIST,      /* a block collection */
	LOAD_CTX_BLOCK_MAPPING,
	LOAD_CTX_FLOW_LIST,
	LOAD_CTX_FLOW_MAPPING,
};

struct load_error {
	enum load_code code;
	unsigned long line, col;  /* 1-based; col counts characters; 0 when unknown */
	bool at_end;              /* the error is at the very end of the file (a
	                             character, an item or a string cut short): the
	                             file may be cut off */
	enum load_want want;
	enum load_found found;
	enum load_place place;
	unsigned long index;      /* see enum load_place */
	enum load_yaml yaml;
	enum load_yaml_context yaml_context;
	const char *key;          /* a key of the schema (static storage) or NULL */
	long num[3];
	char id[64];              /* the item or policy concerned (escaped), or "" */
	char text[160];           /* text from the file, control characters escaped
	                             as \xNN, cut to whole characters ("..." added) */
	char text2[64];
	char expected[200];       /* the values allowed, ", "-separated */
};

/* Parse `len` bytes of text (copied; the caller keeps its buffer).
 * Returns a plan, or NULL with *err filled in. */
struct plan *plan_load_buffer(const char *text, size_t len, struct load_error *err);

/* Read and parse a file.  Returns NULL with *err filled in; an I/O error
 * is LOAD_IO (line 0) and also sets *io_error (when io_error is not NULL). */
struct plan *plan_load_file(const char *path, struct load_error *err, int *io_error);

/* ---- for the other files read as strictly (the access file) */

/* Copy s into out (size >= 8) safe to print: control characters as \xNN,
 * a long value cut at a whole character with "...". */
void load_escape(char *out, size_t size, const char *s);
/* libyaml's problem and context texts as codes (LOAD_YAML_OTHER and
 * LOAD_CTX_OTHER for a text not listed; LOAD_CTX_NONE for NULL). */
enum load_yaml load_yaml_problem(const char *problem);
enum load_yaml_context load_yaml_context(const char *context);

#endif
