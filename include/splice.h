/* splice.h - write new values into a plan's text by replacing only the
 * bytes of those values (their spans, plan.h), and check the result: by
 * parsing the whole text again (verify_splice) or, on a large file nobody
 * else changed, by parsing only the changed items' text (splice_check_items)
 * and moving the model onto the new text (splice_rebase).  No curses, no
 * file I/O.  Errors are codes with their data (struct splice_error); the
 * words are describe.h's. */
#ifndef PLANDASH_SPLICE_H
#define PLANDASH_SPLICE_H

#include <stdbool.h>
#include <stddef.h>

#include "edit.h"
#include "load.h"
#include "plan.h"

enum splice_code {
	SPLICE_OK = 0,
	SPLICE_NO_MEMORY,
	SPLICE_NOT_IN_FILE,       /* item_id, year: no such entry in the text */
	SPLICE_BLOCK_SCALAR,      /* item_id, year, field, line: a | or > value */
	SPLICE_CANNOT_RENDER,     /* item_id, year, field: libyaml refuses the value */
	SPLICE_WOULD_NOT_LOAD,    /* load: the new text does not parse */
	SPLICE_SHAPE,             /* other numbers of policies, items or entries */
	SPLICE_POLICY_DIFFERS,    /* item_id holds the policy's id */
	SPLICE_ITEM_DIFFERS,      /* item_id */
	SPLICE_YEAR_DIFFERS,      /* item_id, year */
	SPLICE_VALUE_DIFFERS,     /* item_id, year, field, got, want */
	SPLICE_ITEM_TEXT,         /* item_id: its text cannot be found (item check) */
	SPLICE_ITEM_WOULD_NOT_LOAD, /* item_id, load: its text alone does not parse */
};

/* Why a splice or its check failed.  Strings are copies, cut at a
 * character boundary; an absent note is got_absent / want_absent. */
struct splice_error {
	enum splice_code code;
	char item_id[128];
	int year;
	enum field field;
	unsigned line;
	char got[128], want[128];
	bool got_absent, want_absent;
	struct load_error load;
};

/* Fill *err (code SPLICE_OK) with the entry, field and value (as want) of
 * change c, for errors about a change as a whole. */
void splice_error_entry(struct splice_error *err, const struct change *c);

/* Splice values into a plan's text: for each change, the field of the
 * entry (item_id, year) is rewritten to change->value (an absent note that
 * stays absent is skipped; a note set to NULL loses its line where it
 * can).  Returns a malloc'd, NUL-terminated buffer of *out_len bytes, or
 * NULL with *err filled in. */
char *splice_changes(const struct plan *plan, const struct change *changes, size_t n,
                     size_t *out_len, struct splice_error *err);

/* The one edit that writes value into field f of entry e (of item it) of
 * plan: the bytes [*start, *end) of plan->text to replace, and the text
 * that replaces them (returned, malloc'd; "" to delete, as for a note set
 * to NULL whose line goes; an absent note that stays absent gives "" with
 * *start == *end).  NULL with *err for a block scalar or a value that
 * cannot be written. */
char *splice_field_edit(const struct plan *plan, const struct item *it, const struct entry *e,
                        enum field f, const char *value, size_t *start, size_t *end,
                        struct splice_error *err);

/* Check that `written` reads back as `expected` with `changes` applied:
 * same structure and every entry value equal.  Returns true, or false with
 * *err naming the first difference. */
bool verify_splice(const struct plan *expected, const struct change *changes, size_t n,
                   const struct plan *written, struct splice_error *err);

/* ---- the item-level check of a large file ----------------------------
 * A full parse of a 100 MB plan costs seconds.  When every change sits in
 * a block-style item (splice_items_local) and nothing else changed, parsing
 * the changed items' new text on its own is the same check, and the model
 * can be moved onto the new text instead of being built again. */
struct splice_plan;   /* the splices of one splice_prepare, opaque */

/* True when every change is in an item whose text parses on its own. */
bool splice_items_local(const struct plan *plan, const struct change *changes, size_t n);

/* splice_changes that also keeps what splice_check_items and
 * splice_rebase need in *sp (free with splice_plan_free; NULL is fine). */
char *splice_prepare(const struct plan *plan, const struct change *changes, size_t n,
                     size_t *out_len, struct splice_plan **sp, struct splice_error *err);
void splice_plan_free(struct splice_plan *sp);

/* Parse each changed item's text in out (the result of splice_prepare) on
 * its own and compare it with the model (which holds the new values).
 * Returns true and keeps the parsed items in sp, or false with *err. */
bool splice_check_items(struct splice_plan *sp, struct plan *plan, const struct change *changes,
                        size_t n, const char *out, size_t out_len, struct splice_error *err);

/* After a successful splice_check_items: move plan onto out (which it
 * takes), shifting every span, line and item region.  Cannot fail. */
void splice_rebase(struct splice_plan *sp, struct plan *plan, char *out, size_t out_len);

#endif
