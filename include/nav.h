/* nav.h - take the browse screens to a place: the overview with the
 * policy selected, the policy's items with the item selected and, when
 * asked, the item's sheet with its cursor on a year.  Everything above
 * the overview is closed first (the matrix, the log, ...). */
#ifndef PLANDASH_NAV_H
#define PLANDASH_NAV_H

#include <stdbool.h>

#include "screen.h"

/* Show policy (and item when item >= 0; its sheet too when sheet, with
 * the cursor on year, 0: the year shown).  Returns false when the place is
 * not in the plan (nothing changes then). */
bool nav_show(struct ui_ctx *ctx, int policy, int item, bool sheet, int year);

#endif
