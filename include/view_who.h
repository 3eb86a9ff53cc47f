/* view_who.h - who has the plan open, and where each session is (W).
 * Opened with no argument; it reads the people of the shared context,
 * which the loop keeps up to date. */
#ifndef PLANDASH_VIEW_WHO_H
#define PLANDASH_VIEW_WHO_H

#include "screen.h"

extern const struct screen_ops who_ops;

#endif
