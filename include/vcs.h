/* vcs.h - git, run as a program: committing the plan alone after a save,
 * and git's own line merge for the merge driver (mergefile.h).  No curses.
 *
 * git is run with fork and exec (never through a shell), in the plan's
 * directory, with its standard input on /dev/null, in a session of its own
 * (no terminal: a hook cannot prompt), in a clean environment and under a
 * time-out (VCS_TIMEOUT_MS per command; then its whole process group is
 * killed).  The environment holds only PATH, HOME, XDG_CONFIG_HOME, TZ
 * and SSH_AUTH_SOCK from ours (what git, its configuration and a push from
 * a hook need), LC_ALL=C, GIT_TERMINAL_PROMPT=0, GIT_LITERAL_PATHSPECS=1,
 * and the author, committer and index this module sets.
 *
 * A commit takes the plan's content as it is in the work tree into a
 * temporary index (GIT_INDEX_FILE) built from HEAD, so nothing else that
 * is staged goes in; `git commit` makes the commit (so the repository's
 * hooks run: a post-commit hook may push), and the real index's entry for
 * the plan is then moved to the new content when it was HEAD's before (so
 * `git status` shows the plan clean).  In the middle of a merge, a rebase,
 * a cherry-pick or a revert, or on a detached HEAD, nothing is committed.
 */
#ifndef PLANDASH_VCS_H
#define PLANDASH_VCS_H

#include <stdbool.h>
#include <stddef.h>

/* How long one git command may take (hooks included). */
#define VCS_TIMEOUT_MS 20000

/* Who a commit is by.  name: the GECOS full name (up to its first comma)
 * from the password database when it has one, else the login name;
 * email: LOGIN@HOSTNAME (git's .mailmap can map it to a real address).
 * Characters git does not take in an identity (<, >, line ends, control
 * characters) are left out. */
struct vcs_author {
	char name[128];
	char email[400];
};

/* The author for a login name (lock_user(), or the identity an access file
 * names: a name the password database does not know gets the login as
 * its name). */
void vcs_author_of(const char *login, struct vcs_author *a);

/* The name and e-mail an access file gives the user (each NULL: keep a's),
 * cleaned as above; a value that cleans to nothing keeps a's too. */
void vcs_author_override(struct vcs_author *a, const char *name, const char *email);

/* What became of a commit (or of a run of git). */
enum vcs_status {
	VCS_OFF = 0,              /* no commit was asked for */
	VCS_COMMITTED,            /* commit: the new commit's id */
	VCS_UNCHANGED,            /* the plan is as HEAD has it: nothing to commit */
	VCS_NOT_REPO,             /* the plan is not in a git work tree: not committed */
	VCS_NO_GIT,               /* git cannot be run (err: the errno of exec) */
	VCS_MERGING,              /* a merge is in progress: not committed */
	VCS_REBASING,             /* a rebase is in progress: not committed */
	VCS_PICKING,              /* a cherry-pick or revert is in progress: not committed */
	VCS_DETACHED,             /* HEAD is detached (not on a branch): not committed */
	VCS_FAILED,               /* command failed: exit_status, message (git's first
	                           * line on stderr) */
	VCS_TIMED_OUT,            /* command took longer than VCS_TIMEOUT_MS: killed */
	VCS_INDEX_STALE,          /* committed (commit), but the real index could not
	                           * be moved to the new content (command, message) */
	VCS_NO_MEMORY,            /* or a temporary file (err) could not be made */
};

struct vcs_result {
	enum vcs_status status;
	char commit[41];          /* the new commit (VCS_COMMITTED, VCS_INDEX_STALE) */
	char command[24];         /* the git command that failed: "add", "commit", ... */
	int exit_status;          /* its exit status (VCS_FAILED) */
	int err;                  /* an errno (VCS_NO_GIT, VCS_NO_MEMORY) */
	char message[256];        /* git's first line on stderr, control characters
	                           * escaped as \xNN, cut at a character boundary */
};

/* True when r says the commit was made. */
bool vcs_committed(const struct vcs_result *r);
/* True when r is worth a warning (not committed although asked for, or
 * committed with a stale index); false for VCS_OFF, VCS_COMMITTED and
 * VCS_UNCHANGED. */
bool vcs_warns(const struct vcs_result *r);

/* Commit the file target (a real path: no symbolic link) alone, as
 * above, by author with message (any length; "\n" between lines), each
 * git command limited to timeout_ms (0: VCS_TIMEOUT_MS).  The caller holds
 * the plan's save lock, so the file is the one just saved.  Fills *r;
 * never fails otherwise. */
void vcs_commit_file(const char *target, const struct vcs_author *author, const char *message,
                     long timeout_ms, struct vcs_result *r);

/* git's own three-way line merge of three files: `git merge-file -p
 * --diff3` with the labels ours, base and theirs.  Returns the merged text
 * (malloc'd, NUL-terminated, *len bytes; conflicting lines between
 * markers) with *conflicts the number of conflicting hunks, or NULL with
 * *r saying why. */
char *vcs_merge_lines(const char *ours, const char *base, const char *theirs, size_t *len,
                      int *conflicts, struct vcs_result *r);

#endif
