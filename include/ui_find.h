/* ui_find.h - finding things during a meeting: the ":" jump to an item
 * (by id or the city's number, with an optional year), the "/" search
 * that previews each match as you type, and n / N across the whole plan.
 * Moving through matches never changes the year shown: a match in a
 * yearly entry opens the item's sheet with its own cursor on that year. */
#ifndef PLANDASH_UI_FIND_H
#define PLANDASH_UI_FIND_H

#include <stdbool.h>

#include "screen.h"

/* Open the jump prompt (jump) or the search prompt. */
unsigned find_open(struct ui_ctx *ctx, bool jump);
/* n (forward) and N: the next or previous match of the active search. */
unsigned find_step(struct ui_ctx *ctx, bool forward);

#endif
