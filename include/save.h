/* save.h - write the edits back by splicing them into the file's bytes.
 *
 * A save is one transaction: lock, read, merge, splice, verify, write,
 * log, commit.  It changes only the bytes of the changed values
 * (splice.h), verifies the result by parsing it again, and never
 * overwrites another session's save: under the save lock (lock.h) it
 * re-reads the file and, if it changed since we loaded it, merges field by
 * field (merge.h).  The new text goes to a temporary file, the history
 * lines are appended (changelog.h), and only then is the new file renamed
 * into place, so the history always matches the plan.  When asked, the
 * saved plan is then committed to git, alone, still under the lock
 * (vcs.h); a commit that cannot be made never undoes the save.  What happened is
 * reported as counts and codes with their data; describe.h turns them
 * into words.  No curses. */
#ifndef PLANDASH_SAVE_H
#define PLANDASH_SAVE_H

#include <stdbool.h>
#include <stddef.h>

#include "edit.h"
#include "fileio.h"
#include "load.h"
#include "lock.h"
#include "merge.h"
#include "splice.h"
#include "vcs.h"

/* The commit message of a save: a summary line, an empty line and one
 * line per change (describe_commit_message() in describe.h says it in the
 * user's language).  changes: what the save wrote (value over base), plan:
 * a plan with their vocabulary.  Returns a malloc'd string or NULL. */
typedef char *save_message_fn(const struct plan *plan, const struct change *changes,
                              size_t n);

struct save_options {
	bool backup;              /* keep the previous version as FILE~ */
	int lock_timeout_ms;      /* 0: a default of 10 s */
	/* A file at least this large, which nobody else changed since it was
	 * loaded, is checked by parsing the changed items' text again instead
	 * of the whole file (0: 8 MiB; SIZE_MAX: always the whole file). */
	size_t local_check_min;
	/* While another process holds the save lock: called about every
	 * 100 ms with who holds it and how long we waited; return false to
	 * give up (the save then fails with SAVE_E_LOCK_GAVE_UP).  NULL: wait
	 * silently.  See lock_wait_fn in lock.h; the time-out still applies. */
	lock_wait_fn *lock_wait;
	void *lock_wait_arg;
	/* Commit the saved plan alone to git when it is in a git work tree
	 * (vcs.h), as author with message; report.commit says what became of
	 * it.  --commit sets it, and so may an access file (commit: true). */
	bool commit;
	const struct vcs_author *author;   /* NULL: vcs_author_of(lock_user()) */
	save_message_fn *message;          /* NULL: the change lines, untranslated */
	long commit_timeout_ms;            /* per git command; 0: VCS_TIMEOUT_MS */
};

/* Why a save wrote nothing (SAVE_FAILED). */
enum save_error_code {
	SAVE_E_NONE = 0,
	SAVE_E_NO_MEMORY,
	SAVE_E_LOCK_BUSY,         /* holder: held longer than lock_timeout_ms */
	SAVE_E_LOCK_GAVE_UP,      /* holder: the lock_wait callback gave up */
	SAVE_E_FILE,              /* file: an I/O error or a refused file (lock,
	                           * read, temporary file, write, history,
	                           * rename, ...) */
	SAVE_E_THEIRS_BROKEN,     /* load: the file changed on disk and no longer loads */
	SAVE_E_ENTRY_GONE,        /* splice.item_id, .year: another session removed
	                           * the entry */
	SAVE_E_STATUS_GONE,       /* splice.item_id, .year, .want: the file's vocabulary
	                           * lost our status */
	SAVE_E_SPLICE,            /* splice: an edit cannot be written, or the result
	                           * would not read back as intended */
	SAVE_E_CHANGED,           /* save_text: the file is no longer the text the
	                           * new one was made from */
	SAVE_E_REFUSED,           /* splice.item_id, .year: the file changed on disk
	                           * and the editor's gate (edit.h) refuses the edit
	                           * there (its item moved to other departments) */
};

struct save_error {
	enum save_error_code code;
	struct lock_holder holder;
	struct file_error file;
	struct load_error load;
	struct splice_error splice;
};

/* Something that went wrong after the new file was in place (SAVE_OK). */
enum save_warning {
	SAVE_WARN_NONE = 0,
	SAVE_WARN_DIR_FLUSH,      /* warning_file: the directory's fsync failed */
	SAVE_WARN_RECOVERY,       /* warning_file: the recovery file could not be
	                           * updated (its lines may be offered again) */
};

struct save_report {
	size_t written;           /* our fields written (0: there was nothing to save) */
	size_t merged;            /* fields another session changed, kept */
	struct conflict *conflicts;
	size_t n_conflicts;
	struct save_error error;  /* SAVE_FAILED: why */
	enum save_warning warning;   /* SAVE_OK: a warning, or SAVE_WARN_NONE */
	struct file_error warning_file;
	struct file_stamp stamp;  /* on SAVE_OK: the file as written, taken under
	                           * the lock, so a save by another session right
	                           * after ours is still seen as a change */
	struct vcs_result commit; /* on SAVE_OK: the commit (VCS_OFF when not asked
	                           * for; vcs_warns() when it was not made) */
};

enum save_status {
	SAVE_OK,                  /* written (or nothing to write) */
	SAVE_CONFLICT,            /* nothing written; see report.conflicts */
	SAVE_FAILED,              /* nothing written; see report.error */
};

/* Save the editor's pending changes to path.  On SAVE_OK the editor's plan
 * is replaced by the verified plan that was written, its changes are
 * cleared, and recovery lines the file now holds are dropped; otherwise the
 * edits stay in memory untouched.  Unsettled changes (edit.h) give
 * SAVE_CONFLICT before anything is read or written. */
enum save_status editor_save(struct editor *ed, const char *path,
                             const struct save_options *opt, struct save_report *report);
void save_report_free(struct save_report *report);

/* Replace the file at path, which must still hold exactly the `expect_len`
 * bytes of expect (else SAVE_E_CHANGED), with text, which must load as a
 * plan (else SAVE_E_SPLICE with SPLICE_WOULD_NOT_LOAD): under the save
 * lock, through a temporary file, keeping the mode, owner and extended
 * attributes, then committed as editor_save does (with changes, n for the
 * message).  For a file a merge left with conflict markers (markers.h):
 * no history lines are written (its values are not one session's edits).
 * On SAVE_OK *written (when not NULL) receives the plan read from text. */
enum save_status save_text(const char *path, const char *expect, size_t expect_len,
                           const char *text, size_t len, const struct change *changes,
                           size_t n, const struct save_options *opt, struct plan **written,
                           struct save_report *report);

#endif
