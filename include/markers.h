/* markers.h - the conflict markers of a merge in a plan's text: written
 * by the merge driver (mergefile.h) around the lines of each field both
 * sides changed, found again by --check and by the dashboard, which turns
 * them into the conflicts of a save (merge.h) and writes the values
 * chosen.  No curses, no file I/O.
 *
 * A hunk, in git's diff3 style (the base part is optional: git's default
 * style has none):
 *
 *   <<<<<<< ours
 *         status: done
 *   ||||||| base
 *         status: in_progress
 *   =======
 *         status: delayed
 *   >>>>>>> theirs
 *
 * Each marker is a line that starts with exactly MARKER_SIZE of its
 * character, then a space and a label or the line end ("=======" has no
 * label).  Lines written take the text's line ends (CRLF in a CRLF file).
 */
#ifndef PLANDASH_MARKERS_H
#define PLANDASH_MARKERS_H

#include <stdbool.h>
#include <stddef.h>

#include "edit.h"
#include "load.h"
#include "merge.h"
#include "plan.h"
#include "splice.h"

#define MARKER_SIZE 7

/* ---- writing ---------------------------------------------------------- */

/* plan's text with the lines of each conflicting field between markers:
 * c[i] names the entry and field and holds the three values (the text
 * holds one of them now: those lines are kept as they are, the others are
 * written as a save would).  Fields on the same lines share a hunk.
 * Returns the new text (malloc'd, NUL-terminated, *len bytes) and, when
 * lines is not NULL, lines[i] = the line of the "<<<<<<<" of c[i]'s hunk;
 * or NULL with *err (an entry not in plan, a block scalar, no memory). */
char *markers_write(const struct plan *plan, const struct conflict *c, size_t n, size_t *len,
                    unsigned *lines, struct splice_error *err);

/* ---- reading ---------------------------------------------------------- */

struct marker_hunk {
	unsigned line, last_line;     /* of its "<<<<<<<" and ">>>>>>>" (1-based) */
	size_t start, end;            /* its bytes, markers included */
	size_t ours[2], base[2], theirs[2];   /* each side's lines: [start, end) */
	bool has_base;
};

/* True when some line of text starts a hunk (cheap: a scan for "<<<<<<<"
 * at the start of a line). */
bool markers_present(const char *text, size_t len);

/* ---- choosing --------------------------------------------------------- */

enum markers_status {
	MARKERS_OK,               /* fields to choose (conflicts) */
	MARKERS_NO_MEMORY,
	MARKERS_UNFINISHED,       /* line: a hunk without its "=======" or ">>>>>>>",
	                           * or a marker out of order */
	MARKERS_SIDE_BROKEN,      /* side (0 ours, 1 base, 2 theirs): the text with
	                           * that side of every hunk does not load: load */
	MARKERS_NOT_FIELDS,       /* ours and theirs differ in more than the values of
	                           * entries (a comment, an item, a title) */
};

/* A file a merge left with markers, read for choosing. */
struct markers_fix {
	char *text;               /* the file as read, markers and all (owned) */
	size_t len;
	struct marker_hunk *hunks;   /* its whole hunks (not an unfinished one) */
	size_t n_hunks;
	enum markers_status status;
	unsigned line;            /* MARKERS_UNFINISHED */
	int side;                 /* MARKERS_SIDE_BROKEN */
	struct load_error load;   /* MARKERS_SIDE_BROKEN */
	/* MARKERS_OK: */
	struct plan *ours;        /* the text with ours of every hunk: what is shown */
	struct conflict *conflicts;   /* one per field ours and theirs differ in, in
	                               * plan order (base: the base side's value, or
	                               * ours' when the hunk has no base) */
	size_t n_conflicts;
	unsigned *lines;          /* the line of each conflict's hunk (0: unknown) */
	signed char *suggest;     /* per conflict: 1 ours or 0 theirs when the other
	                           * side left the base value (only one side changed
	                           * it: git's line merge met two fields on
	                           * neighbouring lines), -1 for a true conflict */
};

/* Read text (malloc'd, len bytes; taken over, also on failure) into *fix:
 * its hunks, and for MARKERS_OK the conflicts.  Returns fix->status. */
enum markers_status markers_fix_open(char *text, size_t len, struct markers_fix *fix);
void markers_fix_free(struct markers_fix *fix);

/* The file with every hunk settled: keep_ours[i] keeps ours of conflict i,
 * else theirs.  The text is fix->ours's with the values chosen from theirs
 * written in (as a save writes them); *changes (when not NULL) receives
 * those values as changes to ours (free with changes_free).  Returns the
 * text (malloc'd, *len bytes) or NULL with *err. */
char *markers_fix_apply(const struct markers_fix *fix, const bool *keep_ours, size_t *len,
                        struct change **changes, size_t *n_changes, struct splice_error *err);

#endif
