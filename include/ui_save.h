/* ui_save.h - saving from the dashboard: the save itself, and the picker
 * that asks, field by field, which value to keep when another session
 * changed the same fields. */
#ifndef PLANDASH_UI_SAVE_H
#define PLANDASH_UI_SAVE_H

#include <stdbool.h>

#include "markers.h"
#include "screen.h"

/* Save the pending edits.  With quit, a successful save (or nothing to
 * save) returns UI_QUIT.  On a conflict the picker opens; it saves again
 * (and then quits, with quit) once every field has a choice. */
unsigned ui_save(struct ui_ctx *ctx, bool quit);

/* The dashboard opened on a file a git merge left with conflict markers
 * (fix: conflicts in values only, borrowed until the dashboard ends): the
 * same picker opens first, each field proposed where only one side
 * changed it; Enter writes the file with the values chosen (save_text in
 * save.h), Esc quits and leaves the file as it is. */
void ui_fix_offer(struct ui_ctx *ctx, struct markers_fix *fix);

/* q: quit at once when nothing is unsaved, else ask (save and quit,
 * discard and quit, or cancel). */
unsigned ui_quit(struct ui_ctx *ctx);

#endif
