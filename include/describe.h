/* describe.h - words for what the core reports.  The core returns codes
 * and data; this module turns them into sentences through gettext, for
 * main.c and the UI.  No curses.  Every function writes a NUL-terminated
 * string of at most size-1 bytes into buf, cut back to a whole character.
 * Text from the file was escaped by the core (load.h) or is escaped here,
 * so the result is safe to print.
 */
#ifndef PLANDASH_DESCRIBE_H
#define PLANDASH_DESCRIBE_H

#include <stddef.h>

#include "grammar.h"
#include "lint.h"
#include "load.h"
#include "plan.h"
#include "query.h"

/* ---- load errors ------------------------------------------------------- */

/* "FILE:LINE:COL: message", or "FILE: message" when there is no position
 * (I/O, memory, size).  An error at the very end of the file adds that
 * the file may be cut off. */
void load_error_format(const struct load_error *err, const char *file, char *buf,
                       size_t size);

/* The message alone, without file and position (with the "cut off" note).
 * Returns buf. */
const char *load_error_message(const struct load_error *err, char *buf, size_t size);

/* ---- grammar errors (what a user typed: grammar.h, the ":" jump) ------- */

/* A fiscal year for people: "FY2013 (平成25年度)", or "FY2019" outside the
 * Heisei years. */
void describe_year(int year, char *buf, size_t size);

/* Why `text` was refused, for a result of grammar_plan_year (year: what it
 * set), grammar_status, grammar_item or grammar_review (year: the date it
 * set, YYYYMMDD; GRAMMAR_NOT_YEAR_OR_DATE for an argument that may be a
 * year or a review date):
 *   "soon" is not a fiscal year (try 2013, FY2013, H25 or 平成25年度)
 *   FY2016 (平成28年度) is not in the plan (FY2011-FY2015)
 *   unknown status "fine" (try a key, label, letter or number: done, 完了, D, 3 ...)
 *   no item "9-9" in the plan (try an id such as 4-3 or a serial number such as 27)
 * buf is "" for GRAMMAR_OK. */
void describe_grammar(enum grammar_result r, const struct plan *plan, const char *text,
                      int year, char *buf, size_t size);

/* Why a ":" jump did not land where it was asked to (st from jump_parse);
 * "" for JUMP_OK. */
void describe_jump(const struct plan *plan, enum jump_status st, const struct jump *j,
                   char *buf, size_t size);

/* ---- command-line words ------------------------------------------------ */

/* The arguments of get, set and log, as the usage names them. */
enum cli_arg {
	CLI_FILE,                 /* FILE */
	CLI_ITEM,                 /* ITEM */
	CLI_YEAR,                 /* YEAR */
	CLI_STATUS,               /* STATUS */
	CLI_NOTE_TEXT,            /* TEXT after --note */
	CLI_PLAN_TEXT,            /* TEXT after --plan */
	CLI_SINCE_DATE,           /* DATE after --since */
};

/* "missing YEAR (a fiscal year such as 2013, H25 or 平成25年度)". */
const char *describe_missing(enum cli_arg arg);

/* A review change kind (bit position of enum review_change) for people:
 * "departments" in English, 担当課 in Japanese. */
const char *describe_review_change(int bit);

/* ---- the review cycle: ratings and consistency warnings ---------------- */

/* A date YYYYMMDD as "2016-03-31". */
void describe_date(int ymd, char *buf, size_t size);

/* Why an item has no rating to show at a review date:
 * item "2-4" was not rated at 2017-03-31 (平成29年3月末). */
void describe_not_rated(const struct plan *plan, const struct item *it, int review,
                        char *buf, size_t size);

/* A consistency warning (lint.h) as a sentence, without its position:
 *   item "2-4": FY2014 (平成26年度) is done, a final status, while the
 *   earlier FY2013 (平成25年度) is still delayed
 * Statuses are named by their key, by their label in Japanese.  The
 * review labels and statuses come from the file unescaped: print the
 * result through print_safe() or ui_put(). */
void describe_lint(const struct plan *plan, const struct lint_warning *w, char *buf,
                   size_t size);

/* "FILE:LINE:COL: warning: message" (警告 in Japanese). */
void lint_warning_format(const struct plan *plan, const struct lint_warning *w,
                         const char *file, char *buf, size_t size);

#endif
