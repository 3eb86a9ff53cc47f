/* view_help.h - the help screen of one mode, generated from the action table: the keys of the mode it was opened from, the status letters and the marks. */
#ifndef PLANDASH_VIEW_HELP_H
#define PLANDASH_VIEW_HELP_H

#include "screen.h"

/* Opened with the screen whose keys it explains (const struct screen *). */

extern const struct screen_ops help_ops;

#endif
