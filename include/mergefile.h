/* mergefile.h - the three-way merge of three versions of a plan file, for
 * git's merge driver (`plandash merge BASE OURS THEIRS`).  No curses.
 *
 * The merge is the save's, field by field (merge.h): each entry value one
 * side changed from the base is taken; a value both changed to different
 * values is a conflict.  The result is one side's bytes with the other
 * side's changed values written in as a save writes them (splice.h), so it
 * differs from that side only in those values:
 *
 *  - theirs differs from the base only in entry values (as every save by
 *    plandash leaves it): their values go into ours;
 *  - else, when ours differs only in values (theirs has a new item, a
 *    comment, another title): our values go into theirs;
 *  - else (both sides changed more than values, a version does not load,
 *    or an entry one side changed is gone from the other): git's own line
 *    merge (vcs.h), with its conflict markers where lines conflict.
 *
 * A conflict leaves the clean result with markers (markers.h) around the
 * lines of each conflicting field only.
 */
#ifndef PLANDASH_MERGEFILE_H
#define PLANDASH_MERGEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "fileio.h"
#include "load.h"
#include "merge.h"
#include "splice.h"
#include "vcs.h"

enum mergefile_way {
	MERGEFILE_INTO_OURS,      /* their values written into ours */
	MERGEFILE_INTO_THEIRS,    /* our values written into theirs */
	MERGEFILE_LINES,          /* git's line merge; why says why */
};

/* Why the merge went by lines. */
enum mergefile_why {
	MERGEFILE_WHY_NONE = 0,
	MERGEFILE_WHY_SHAPES,     /* both sides changed more than entry values */
	MERGEFILE_WHY_NO_LOAD,    /* side (0 base, 1 ours, 2 theirs) does not load: load */
	MERGEFILE_WHY_GONE,       /* item_id, year: an entry one side changed is not in
	                           * the other */
	MERGEFILE_WHY_NO_STATUS,  /* item_id, year: a status one side set is not in the
	                           * other's vocabulary */
	MERGEFILE_WHY_SPLICE,     /* splice: a value cannot be written there */
};

enum mergefile_status {
	MERGEFILE_CLEAN,          /* text is the merge */
	MERGEFILE_CONFLICTS,      /* text has markers: n_conflicts fields, or
	                           * (LINES) hunks */
	MERGEFILE_FAILED,         /* nothing to write: file (a version cannot be read),
	                           * git (the line merge could not run), or no memory */
};

struct mergefile_result {
	char *text;               /* the result (malloc'd), markers and all */
	size_t len;
	enum mergefile_way way;
	enum mergefile_why why;
	int side;
	struct load_error load;
	char item_id[64];
	int year;
	struct splice_error splice;
	size_t taken;             /* values taken from the other side */
	/* field conflicts (INTO_*): the fields, and the line of each one's
	 * "<<<<<<<" */
	struct conflict *conflicts;
	unsigned *lines;
	size_t n_conflicts;
	size_t hunks;             /* LINES: the conflicting hunks git's merge left */
	bool loads;               /* a clean result loads as a plan (with LINES it
	                           * may not: it is then reported as a conflict) */
	struct file_error file;   /* FAILED: a version could not be read */
	struct vcs_result git;    /* FAILED: git's line merge could not run */
};

/* Merge the three files (BASE, OURS, THEIRS as git names them) into *r.
 * Nothing is written. */
enum mergefile_status mergefile_run(const char *base, const char *ours, const char *theirs,
                                    struct mergefile_result *r);
void mergefile_result_free(struct mergefile_result *r);

#endif
