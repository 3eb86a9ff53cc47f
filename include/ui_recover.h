/* ui_recover.h - at start-up, the edits that an earlier session rescued
 * into the recovery file are offered back: re-apply them, keep them for
 * later, or delete the file. */
#ifndef PLANDASH_UI_RECOVER_H
#define PLANDASH_UI_RECOVER_H

#include "screen.h"

/* Open the recovery screen when the plan's recovery file holds edits, or
 * say why they are not offered (read-only, unreadable). */
void recover_offer(struct ui_ctx *ctx);

#endif
