/* draw.h - the drawing helpers every screen uses: text clipped by display
 * columns with one rule (a cut ends in "…"), wrapped paragraphs, colour
 * roles that never carry meaning alone, labels of years and policies, the
 * scrolling of lists, the hint bar and the help rows of a mode's actions.
 * Only screens and ui.c include it. */
#ifndef PLANDASH_DRAW_H
#define PLANDASH_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "screen.h"

/* Colour and attribute roles (monochrome falls back to bold and reverse). */
enum ui_role {
	ROLE_HEADER = 1,
	ROLE_SELECTED,
	ROLE_KEY,
	ROLE_HEADING,
	ROLE_BAR,
	ROLE_DIM,
};

attr_t ui_attr(const struct ui_ctx *ctx, int role);
/* The colour of a status, added to its letter (never instead of it). */
attr_t ui_status_attr(const struct ui_ctx *ctx, int status);

/* Draw s (untrusted UTF-8; NULL is empty) at (y, x) in at most cols display
 * columns, never touching the bottom-right cell.  Text that does not fit
 * is cut and ends in "…".  With pad the rest of the cols is filled with
 * spaces in attr.  Matches of the active search are underlined and bold.
 * Returns the columns drawn. */
int ui_put(int y, int x, int cols, const char *s, attr_t attr, bool pad);
/* The same for a byte range. */
int ui_put_n(int y, int x, int cols, const char *s, size_t len, attr_t attr, bool pad);
/* The search text to underline in every ui_put (NULL: none); the loop sets
 * it for each frame. */
void ui_set_highlight(const char *needle);

/* Wrap s into width columns (Japanese line-breaking rules) and draw its
 * rows skip.. from row y, at most max_lines of them; the last row shown
 * ends in "…" when text is left over.  Returns the rows drawn. */
int ui_put_wrapped(int y, int x, int width, const char *s, int skip, int max_lines,
                   attr_t attr);
/* Rows the wrapped text needs at width. */
int ui_wrapped_rows(const char *s, int width);

/* Display width of a UTF-8 string as drawn. */
int ui_width(const char *s);

/* "平成25年度 (FY2013)" (era style) or "FY2013". */
void ui_year_label(const struct ui_ctx *ctx, int year, char *buf, size_t size);
/* "平成25年度" (era style) or "FY2013". */
void ui_year_short(const struct ui_ctx *ctx, int year, char *buf, size_t size);
/* "H25" (era style) or "2013": a column heading. */
void ui_year_column(const struct ui_ctx *ctx, int year, char *buf, size_t size);
/* A review date (an index into plan->reviews) as people know it: its
 * label ("平成28年3月末") in era style when it has one, else its date
 * ("2016-03-31"); "" for an index out of range. */
void ui_review_label(const struct ui_ctx *ctx, int review, char *buf, size_t size);
/* "方針4" in Japanese, "Policy 4" in English. */
void ui_policy_label(const struct policy *policy, char *buf, size_t size);
/* A field's name ("状況", "計画", "備考"). */
const char *ui_field_label(enum field f);
/* A value as people know it: a status's label, a text, or "(none)". */
const char *ui_value_label(const struct plan *plan, enum field f, const char *v);
/* "4-3 平成25年度: 実施中 -> 完了" (status), or with the field's name for
 * texts: "4-3 平成25年度 備考: (なし) -> 完了済み". */
void ui_change_label(const struct ui_ctx *ctx, const char *id, int year, enum field f,
                     const char *before, const char *after, char *buf, size_t size);
/* The active filter in a few columns ("D,I H25 R"), "" when none. */
void ui_filter_label(const struct ui_ctx *ctx, char *buf, size_t size);

/* ---- lists */

/* Apply a movement action to a selection sel in [0, n) with page size
 * page.  Returns true when a was a movement (even at an end). */
bool ui_move(size_t *sel, size_t n, enum action a, int page);
/* Adjust *top so that sel is among rows rows. */
void ui_scroll_to(size_t sel, size_t *top, size_t n, int rows);
/* A text page that scrolls (help, the log): apply a movement to its top
 * line; the draw clamps it.  Returns true when a was a movement. */
bool ui_scroll_page(size_t *top, size_t n, enum action a, int rows);
/* Marks at the right edge of a list's first and last row when more rows
 * are above ("^") or below ("v"). */
void ui_more_marks(int top_row, int rows, size_t first, size_t shown, size_t n);

/* ---- keys */

/* The keys of an action as the hint bar shows them ("1..5" for the status
 * digits of this plan). */
void ui_action_keys(const struct ui_ctx *ctx, const struct action_def *d, char *buf,
                    size_t size);
/* Draw the hint bar of a mode's actions on row y: the least needed hints go
 * first when the row is too narrow; "?" and "q" stay. */
void ui_draw_hints(const struct ui_ctx *ctx, const enum action *list, int y);
/* The same as a string (for prompts' key rows). */
void ui_hint_text(const struct ui_ctx *ctx, const enum action *list, char *buf, size_t size);
/* Whether an action is offered now (editing actions are not in read-only). */
bool ui_action_offered(const struct ui_ctx *ctx, enum action a);

#endif
