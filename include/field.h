/* field.h - a one-line text field on the screen: the keys every one-line
 * prompt shares (the note editor, the search and jump prompts) and its
 * drawing.  The text itself is a struct lineedit (no curses). */
#ifndef PLANDASH_FIELD_H
#define PLANDASH_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "lineedit.h"
#include "screen.h"

/* The actions of a field (to put in a mode's list). */
#define FIELD_ACTIONS ACT_LE_LEFT, ACT_LE_RIGHT, ACT_LE_HOME, ACT_LE_END, ACT_LE_BACKSPACE, \
	ACT_LE_DELETE, ACT_LE_CLEAR, ACT_TYPE

/* Apply an editing action (ACT_LE_*, ACT_TYPE) to le.  Returns false when
 * a is not one; *changed says whether the text changed (not just the
 * cursor). */
bool field_key(struct lineedit *le, const struct action_call *a, bool *changed);

/* A paste makes a field's text at most this wide. */
#define FIELD_PASTE_MAX_COLS 1000

/* Insert pasted text at the cursor: line ends ("\r\n" is one) and tabs
 * become spaces, other control characters are dropped.  Returns false when
 * the text was cut at FIELD_PASTE_MAX_COLS columns (what fits went in). */
bool field_paste(struct lineedit *le, const char *text, size_t len);

/* Draw the field on row y after a one-column prompt character (">" or
 * "<" when scrolled), and put the terminal cursor in it. */
void field_draw(struct ui_ctx *ctx, struct lineedit *le, int y, const char *prompt);

#endif
