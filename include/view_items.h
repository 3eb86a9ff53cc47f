/* view_items.h - the items of one policy: id, title, department, a status strip with one letter per fiscal year, and the review mark. */
#ifndef PLANDASH_VIEW_ITEMS_H
#define PLANDASH_VIEW_ITEMS_H

#include "screen.h"

/* Opened with a struct items_arg: the policy, and the item to select
 * (an index into its items). */
struct items_arg {
	int policy, item;
};

extern const struct screen_ops items_ops;

#endif
