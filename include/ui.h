/* ui.h - the terminal dashboard (the only module family that uses curses). */
#ifndef PLANDASH_UI_H
#define PLANDASH_UI_H

#include <stdbool.h>
#include <stddef.h>
#include "plan.h"

struct ui_options {
	bool read_only;           /* -r / --read-only */
	bool backup;              /* -b / --backup: keep FILE~ when saving */
};

/* Run the dashboard on a loaded plan until the user quits or the terminal
 * goes away.  main() has already called setlocale() and set up gettext.
 * Returns the process exit status: 0 on a normal quit or a hang-up,
 * 2 when no usable terminal could be opened (non-tty stdin/stdout,
 * TERM=dumb, ...), with a one-line message in err.  The terminal is always
 * restored before it returns. */
int ui_run(struct plan *plan, const char *path, const struct ui_options *opts,
           char *err, size_t errsize);

#endif
