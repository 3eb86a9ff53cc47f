/* ui.h - the terminal dashboard (the only module family that uses curses). */
#ifndef PLANDASH_UI_H
#define PLANDASH_UI_H

#include <stdbool.h>
#include <stddef.h>
#include "access.h"
#include "edit.h"

struct vcs_author;

struct markers_fix;   /* markers.h */

struct ui_options {
	bool read_only;           /* -r / --read-only */
	bool backup;              /* -b / --backup: keep FILE~ when saving */
	bool commit;              /* --commit: commit each save to git (save.h) */
	const struct vcs_author *author;   /* whom the commits name; NULL: the
	                                      login's (vcs_author_of) */
	/* The file has conflict markers (fix->status MARKERS_OK; the editor
	 * holds a copy of fix->ours): the picker opens first, and the values
	 * chosen are written before anything else (NULL: none). */
	struct markers_fix *fix;
	const char *note;         /* shown on the note line at start (the locale
	                             note from i18n_init()), or NULL */
	const struct access_rights *rights;   /* who may change what (access.h);
	                                         NULL: no rules */
	bool confined;            /* under a forced SSH command: files (x) are
	                             written only beside the plan */
};

/* Run the dashboard on the editor's plan (loaded from path) until the user
 * quits or the terminal goes away.  main() has already called setlocale()
 * and set up gettext.  Edits go through ed and are saved to path; a save
 * replaces ed->plan.  On a hang-up (SIGHUP, SIGTERM, a dead terminal) with
 * unsaved edits they are written to path's recovery file (save.h) after
 * the terminal is released.  The plan is read-only with opts->read_only or
 * when path is not writable, or for a viewer (opts->rights); an editor of
 * some departments changes only their items (the editor's gate is set for
 * the run).  Each session announces itself beside the plan (presence.h)
 * and the header names the others.
 * Returns the process exit status: 0 on a normal quit or a hang-up,
 * 2 when no usable terminal could be opened (non-tty stdin/stdout,
 * TERM=dumb, ...), with a one-line message in err.  The terminal is always
 * restored before it returns. */
int ui_run(struct editor *ed, const char *path, const struct ui_options *opts,
           char *err, size_t errsize);

#endif
