/* ui_filter.h - the filter picker (f): statuses, a fiscal year, items
 * revised at the review, overdue entries and a department.  Typing
 * narrows the rows; the last place in the picker is remembered for the
 * session.  Every count, list and meeting follows the filter. */
#ifndef PLANDASH_UI_FILTER_H
#define PLANDASH_UI_FILTER_H

#include "screen.h"

/* Open the picker. */
unsigned filter_open(struct ui_ctx *ctx);
/* F: clear the filter and say so. */
unsigned filter_clear_all(struct ui_ctx *ctx);

#endif
