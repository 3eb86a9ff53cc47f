/* view_overview.h - the home screen: one row per policy with its progress and status counts for the year shown, the total, and the five-year roll-up.  Opened with the policy to select (const int *) or NULL. */
#ifndef PLANDASH_VIEW_OVERVIEW_H
#define PLANDASH_VIEW_OVERVIEW_H

#include "screen.h"

extern const struct screen_ops overview_ops;

#endif
