/* view_effects.h - the 効果額 (E): the financial effect per fiscal year in
 * 百万円: total, 歳入確保 (revenue), 歳出削減 (savings), the change against
 * the year before (▲ for a decrease, as Japanese reports write it) and
 * the running sum; a year on a budget basis is marked.  Opened with arg
 * NULL. */
#ifndef PLANDASH_VIEW_EFFECTS_H
#define PLANDASH_VIEW_EFFECTS_H

#include "screen.h"

extern const struct screen_ops effects_ops;

#endif
