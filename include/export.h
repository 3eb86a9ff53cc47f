/* export.h - a report put in a file: the name proposed beside the plan,
 * the files a report must never replace, and the atomic write.  No curses;
 * the words for a refusal are describe.h's.
 *
 * A report never replaces the plan (under any of its names: a symbolic or
 * hard link to it too) nor a file plandash keeps beside the plan's real
 * file (fileio.h): FILE.history, FILE.recover, FILE.recover.PID, FILE~,
 * .FILE.lock, the sessions' presence files .FILE.who.HOST.PID (presence.h)
 * and the temporary files .FILE*.plandash-XXXXXX.tmp.  It is
 * written as the plan is saved: into a temporary file beside it, flushed,
 * then renamed over the name, so a reader never sees half a report.
 */
#ifndef PLANDASH_EXPORT_H
#define PLANDASH_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "fileio.h"
#include "report.h"

enum export_check {
	EXPORT_OK = 0,
	EXPORT_IS_PLAN,           /* the plan itself */
	EXPORT_IS_SIDE_FILE,      /* one of the files beside it (above) */
	EXPORT_NO_NAME,           /* an empty name, or one that ends in '/' */
};

/* Whether out_path may receive a report of the plan at plan_path.  The
 * names are compared after resolving the directories (symbolic links,
 * "..", "."), and an existing out_path is compared by device and inode
 * with the plan and with the side files that exist.  A plan that cannot
 * be found is compared by name only. */
enum export_check export_check(const char *plan_path, const char *out_path);

/* Whether out_path is in the directory plan_path names (both resolved):
 * the only place a session under a forced SSH command may write to. */
bool export_beside_plan(const char *plan_path, const char *out_path);

/* Whether anything (a file, a link, a directory) has the name path. */
bool export_exists(const char *path);

/* Write data to out_path atomically (fileio.h's temporary file, fsync,
 * rename, fsync of the directory).  An existing out_path must be a
 * regular file that we may write, not a symbolic link; it keeps its mode.
 * A new file gets 0666 less the umask.  Returns 0 or an errno with *fe
 * (nothing is left behind on failure). */
int export_write(const char *out_path, const char *data, size_t len, struct file_error *fe);

/* The name proposed for a report of the plan at plan_path at the review
 * date ymd (YYYYMMDD; 0: none) in format f: the plan's name without its
 * extension, "-report-", the date and the format's extension, in the
 * plan's directory as plan_path names it: "dir/plan-report-20170331.md"
 * (without a date "dir/plan-report.md").  Returns 0 or ENAMETOOLONG. */
int export_propose_name(const char *plan_path, int ymd, enum report_format f, char *out,
                        size_t size);

#endif
