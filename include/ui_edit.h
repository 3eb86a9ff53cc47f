/* ui_edit.h - changing the plan from the dashboard: the status keys, the
 * editor of notes and plan texts (a prompt on the bottom rows), and undo
 * and redo.  Each works on the entry of a selection (item and year) and
 * says on the message line what it did or why it did nothing. */
#ifndef PLANDASH_UI_EDIT_H
#define PLANDASH_UI_EDIT_H

#include <stdbool.h>

#include "edit.h"
#include "screen.h"

/* True (after saying why) when the plan cannot be changed: -r, a file
 * that is not writable, or a viewer of the access file. */
bool edit_refused(struct ui_ctx *ctx);

/* True (after saying why) when the access rules do not let this session
 * change item it (an item of other departments).  O(departments). */
bool edit_item_refused(struct ui_ctx *ctx, const struct item *it);

/* Set the entry's status to the idx-th of the vocabulary, or with cycle
 * to the one after its status.  *now (may be NULL) gets the entry's status
 * index afterwards (-1 when there is no entry).  Returns UI_* bits. */
unsigned edit_status(struct ui_ctx *ctx, const struct selection *sel, int idx, bool cycle,
                     int *now);

/* Open the editor of the entry's note or plan text. */
unsigned edit_text(struct ui_ctx *ctx, const struct selection *sel, enum field f);

/* Undo (or redo) one step and say what it did; *where (may be NULL) gets
 * the entry it changed (policy -1 when nothing was done). */
unsigned edit_undo(struct ui_ctx *ctx, bool redo, struct selection *where);

/* The editor of one text field (opened by edit_text). */
extern const struct screen_ops text_editor_ops;

#endif
