/* describe.h - words for what the core reports.  The core returns codes
 * and data; this module turns them into sentences through gettext, for
 * main.c and the UI.  No curses.  Every function writes a NUL-terminated
 * string of at most size-1 bytes into buf, cut back to a whole character.
 * Text from the file was escaped by the core (load.h) or is escaped here,
 * so the result is safe to print.
 */
#ifndef PLANDASH_DESCRIBE_H
#define PLANDASH_DESCRIBE_H

#include <stdbool.h>
#include <stddef.h>

#include "access.h"
#include "edit.h"
#include "export.h"
#include "fileio.h"
#include "grammar.h"
#include "lint.h"
#include "load.h"
#include "plan.h"
#include "lock.h"
#include "markers.h"
#include "mergefile.h"
#include "presence.h"
#include "query.h"
#include "recovery.h"
#include "reload.h"
#include "report.h"
#include "report_write.h"
#include "save.h"
#include "shellwords.h"
#include "splice.h"
#include "vcs.h"

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

/* The arguments of get, set, rate, log and merge, as the usage names them. */
enum cli_arg {
	CLI_FILE,                 /* FILE */
	CLI_ITEM,                 /* ITEM */
	CLI_YEAR,                 /* YEAR */
	CLI_STATUS,               /* STATUS */
	CLI_NOTE_TEXT,            /* TEXT after --note */
	CLI_PLAN_TEXT,            /* TEXT after --plan */
	CLI_SINCE_DATE,           /* DATE after --since */
	CLI_DATE,                 /* DATE (a review date: rate) */
	CLI_RATING,               /* RATING (rate) */
	CLI_BASE,                 /* merge's BASE */
	CLI_OURS,                 /* merge's OURS */
	CLI_THEIRS,               /* merge's THEIRS */
};

/* "missing YEAR (a fiscal year such as 2013, H25 or 平成25年度)". */
const char *describe_missing(enum cli_arg arg);

/* A review change kind (bit position of enum review_change) for people:
 * "departments" in English, 担当課 in Japanese. */
const char *describe_review_change(int bit);

/* ==== saving, reloading and the files beside the plan ==================== */

/* strerror(err) (translated by the C library), except for the codes
 * fileio.h gives a meaning of their own (FILE_ENOTREG: "not a regular
 * file ..."); for the plan's I/O errors. */
const char *describe_errno(int err);

/* "cannot write FILE: REASON", "FILE is a symbolic link; ...", "another
 * session is saving FILE; try again", ... */
void describe_file_error(const struct file_error *fe, char *buf, size_t size);

/* Who holds the save lock: "alice, process 1234", "process 1234", or ""
 * when not known (for "waiting for ..."). */
void describe_lock_holder(const struct lock_holder *h, char *buf, size_t size);

/* Why a recovery line is not offered: "line 3: not valid UTF-8". */
void describe_recovery_reject(const struct recovery_reject *r, char *buf, size_t size);

/* One field's change, "4-3 2014 status: planned -> done" ("(none)" for an
 * absent note; each value cut to about 40 bytes with "...").  A rating:
 * "4-3 2016-03-31 rating: A -> B"; a review date: "review date 2017-09-30:
 * (none) -> 平成29年9月末". */
void describe_field_change(const char *item_id, int year, enum field field,
                           const char *before, const char *after, char *buf, size_t size);

/* Why a splice or its check failed ("the note of 1-1 2012 is a block
 * scalar (| or >) at line 40; edit it by hand"). */
void describe_splice_error(const struct splice_error *e, char *buf, size_t size);

/* Why a save wrote nothing ("cannot save: cannot write ...",
 * "refusing to save: the note of 1-1 2012 is a block scalar ...").  path is
 * the plan as the user named it. */
void describe_save_error(const struct save_error *e, const char *path, char *buf, size_t size);

/* The outcome of editor_save in one sentence: "saved 2 changes; merged 1
 * change from another session", with a warning after it when the report
 * has one, the conflicts' count, or why nothing was saved.  edits_kept:
 * the caller keeps the edits after a failure (a dashboard does, the
 * command line does not), and the sentence says so only then. */
void describe_save(const struct save_report *r, enum save_status st, const char *path,
                   bool edits_kept, char *buf, size_t size);

/* The outcome of editor_reload in one sentence: another session's changes
 * (the first two), entries added and removed, conflicts, lost and kept
 * edits; or why nothing changed. */
void describe_reload(const struct reload_report *r, enum reload_status st, const char *path,
                     char *buf, size_t size);

/* ==== who may change what, forced commands, who else is in ============ */

/* "FILE:LINE:COL: message" for an access file that cannot be used, or
 * "FILE: message" when there is no position. */
void describe_access_error(const struct access_error *e, const char *file, char *buf,
                           size_t size);

/* Who you are and what you may change, for the header: "tanaka: 財政課,
 * 政策課", "sato: every item", or the name alone for a viewer (the header
 * says read-only).  "" without an access file. */
void describe_scope(const struct access_rights *r, char *buf, size_t size);

/* Why the identity may not change item it (v from access_check_item):
 * "4-3 belongs to 政策課; tanaka may change only the items of 財政課",
 * "tanaka is a viewer in the access file: nothing can be changed". */
void describe_access_refusal(const struct access_rights *r, enum access_verdict v,
                             const struct item *it, char *buf, size_t size);

/* Why a forced command's words were refused ("a quote (\") opened at
 * column 12 is never closed"). */
void describe_shellwords_error(const struct shellwords_error *e, char *buf, size_t size);

/* A screen's name for people ("meeting" -> 会議); the name itself (as
 * given, escaped by the caller) when it is not one of ours. */
const char *describe_view(const char *name);

/* Where another session is: the item ("4-3"), else the policy ("方針4"),
 * else the screen ("履歴"); with full, the screen first and the year
 * after ("会議 4-3 平成25年度"). */
void describe_presence_place(const struct presence_place *pl, bool full, char *buf,
                             size_t size);

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
/* ==== git: commits, the merge driver, conflict markers ================== */

/* What became of a save's commit, as a phrase: "committed as 1a2b3c4",
 * "not committed: FILE is not in a git work tree", "not committed: a merge
 * is in progress", "not committed: git commit failed (exit 1): ...".
 * "" for VCS_OFF and VCS_UNCHANGED. */
void describe_commit(const struct vcs_result *r, char *buf, size_t size);

/* The commit message of a save (a save_message_fn, save.h), in the
 * language of the interface: a summary line ("1-3 平成25年度: 実施中 ->
 * 完了 ほか2件"), an empty line and one line per change, values whole
 * with control characters escaped.  Returns a malloc'd string or NULL. */
char *describe_commit_message(const struct plan *plan, const struct change *changes, size_t n);

/* One conflict of a merge: "1-1 FY2013 status: ours done, theirs delayed,
 * base in_progress" (status keys; each text cut to about 40 bytes). */
void describe_conflict(const struct conflict *c, char *buf, size_t size);

/* How the merge driver merged: "their values written into ours", or why it
 * fell back to git's line merge ("both sides changed more than values"). */
void describe_merge_way(const struct mergefile_result *r, char *buf, size_t size);

/* Why the merge driver wrote nothing (MERGEFILE_FAILED). */
void describe_merge_failure(const struct mergefile_result *r, char *buf, size_t size);

/* Why a file with conflict markers cannot be settled by choosing values
 * (fix->status other than MARKERS_OK): "the conflict at line 12 has no
 * ======= or >>>>>>> line", "with ours of every conflict, FILE does not
 * load (...)", "the conflicts are in more than values ...". */
void describe_markers(const struct markers_fix *fix, const char *path, char *buf, size_t size);

/* ---- words for rating changes, conflicts and refusals -----------------
 * For the conflict picker, the change log and the rating meeting: a change
 * names its place by (item, year, field) as edit.h says, where `year` is a
 * review date (YYYYMMDD) for a rating, a rating note and a review date. */

/* A field's name for people: status, plan, note, rating, rating note,
 * review date (状況, 計画, 備考, 評価, 評価の備考, 評価日). */
const char *describe_field_word(enum field field);

/* Where a change is: "4-3 FY2014 (平成26年度) status", "4-3 2016-03-31
 * (平成28年3月末) rating" (the label when the plan has that review date),
 * "review date 2017-09-30".  plan may be NULL (no labels then). */
void describe_change_place(const struct plan *plan, const char *item_id, int year,
                           enum field field, char *buf, size_t size);

/* A value of a field for people: a status's label, a rating's label
 * (予定どおり), "(none)" for NULL, "(empty)" for "", else the text
 * itself (unescaped: draw it through ui_put() or print_safe()).  The
 * pointer is the plan's, a gettext string or value. */
const char *describe_field_value(const struct plan *plan, enum field field, const char *value);

/* Why editor_set (or its shorthands) refused a value:
 *   unknown rating "C" (expected one of: S, A, B)
 *   2016-04-30 is not one of the plan's review dates (2011-09-30 to 2017-03-31)
 *   the review date 2016-09-30 cannot be added: it is not after the plan's
 *   last review date, 2017-03-31
 * "" for EDIT_OK.  value: what was given (for the messages that name it). */
void describe_edit(enum edit_result r, const struct plan *plan, const char *item_id, int year,
                   enum field field, const char *value, char *buf, size_t size);

/* ==== reports: the words of a report and of its file ==================== */

/* The words of a report (headings, column names, 平成25年度 or FY2013) in
 * the language of the messages: Japanese under ja_JP or --lang=ja, else
 * English.  The plan's own words (titles, status labels) stay as written. */
void describe_report_words(struct report_words *w);

/* A format for people: "Markdown", "CSV", "HTML" or "JSON". */
const char *describe_report_format(enum report_format f);

/* Why a report may not be written to path (c from export_check):
 *   refusing to write a report over the plan itself (plan.yaml)
 *   refusing to write a report over plan.yaml.history, a file plandash keeps beside the plan
 * "" for EXPORT_OK.  path comes from the user: print the result through
 * print_safe() or ui_put(). */
void describe_export_check(enum export_check c, const char *path, char *buf, size_t size);

#endif
