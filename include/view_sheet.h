/* view_sheet.h - one item: its content, effects, indicators, departments, review changes and yearly schedule.  The sheet has its own cursor year: moving in it never changes the year shown elsewhere. */
#ifndef PLANDASH_VIEW_SHEET_H
#define PLANDASH_VIEW_SHEET_H

#include "screen.h"

/* Opened with a struct sheet_arg: the item, and the year its cursor starts
 * on (0: the year shown). */
struct sheet_arg {
	int policy, item, year;
};

extern const struct screen_ops sheet_ops;

#endif
