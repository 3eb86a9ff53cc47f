/* view_log.h - the change log (L): FILE.history, newest first; Enter shows one change whole.  Opened with arg NULL. */
#ifndef PLANDASH_VIEW_LOG_H
#define PLANDASH_VIEW_LOG_H

#include "screen.h"

extern const struct screen_ops log_ops;

#endif
