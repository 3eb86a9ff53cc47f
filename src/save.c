/* save.c - see save.h */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "changelog.h"
#include "fileio.h"
#include "load.h"
#include "lock.h"
#include "merge.h"
#include "recovery.h"
#include "save.h"
#include "splice.h"
#include "tsv.h"
#include "vcs.h"

#define LOCK_TIMEOUT_MS 10000
#define LOCAL_CHECK_MIN ((size_t)8 << 20)

/* One save, from the lock to the log. */
struct txn {
	struct editor *ed;
	const struct save_options *opt;
	struct save_report *r;
	char *target;             /* the plan's real path (through symlinks) */
	struct stat plan_st;      /* its owner, group and mode */
	struct plan_lock lock;
	bool changed_on_disk;     /* the file is not what we loaded */
	struct plan *theirs;      /* the file on disk, when it changed */
	const struct plan *base;  /* what the edits are spliced into */
	struct change *apply;     /* our changes to write (borrowed) */
	size_t n_apply;
	char *out;                /* the new text */
	size_t out_len;
	bool local;               /* checked item by item (see splice.h) */
	struct splice_plan *sp;
	struct plan *written;     /* the new text parsed (whole-file check) */
	struct changelog log;     /* the history, open from the write on */
	struct file_temp temp;    /* the new plan, until it is renamed */
};

static bool fail(struct txn *t, enum save_error_code code)
{
	t->r->error.code = code;
	return false;
}

static bool fail_file(struct txn *t, const struct file_error *fe)
{
	t->r->error.file = *fe;
	return fail(t, SAVE_E_FILE);
}

static bool fail_io(struct txn *t, enum file_op op, int e, const char *path)
{
	file_error_set(&t->r->error.file, op, e, path);
	return fail(t, SAVE_E_FILE);
}

static bool fail_unloadable(struct txn *t)
{
	t->r->error.splice.code = SPLICE_WOULD_NOT_LOAD;
	return fail(t, SAVE_E_SPLICE);
}

static bool fail_entry(struct txn *t, enum save_error_code code, const struct change *c)
{
	splice_error_entry(&t->r->error.splice, c);
	return fail(t, code);
}

/* Fields another session also changed, seen before this save (by a reload
 * or a rescue): the user chooses first, nothing is written. */
static bool take_unsettled(struct editor *ed, struct save_report *r)
{
	for (size_t i = 0; i < ed->n_changes; i++) {
		const struct change *c = &ed->changes[i];
		if (c->unsettled && change_is_pending(c) &&
		    conflict_add(&r->conflicts, &r->n_conflicts, c, c->theirs)) {
			r->error.code = SAVE_E_NO_MEMORY;
			return false;
		}
	}
	return true;
}

static bool step_lock(struct txn *t)
{
	struct file_error fe;
	struct save_error *err = &t->r->error;
	int timeout = t->opt && t->opt->lock_timeout_ms > 0 ? t->opt->lock_timeout_ms
	                                                     : LOCK_TIMEOUT_MS;
	if (file_plan_stat(t->target, &t->plan_st, &fe))
		return fail_file(t, &fe);
	int e = lock_take(t->target, &t->plan_st, timeout, t->opt ? t->opt->lock_wait : NULL,
	                  t->opt ? t->opt->lock_wait_arg : NULL, &t->lock, &err->holder, &fe);
	if (e == EWOULDBLOCK || e == ECANCELED) {
		err->file = fe;
		return fail(t, e == EWOULDBLOCK ? SAVE_E_LOCK_BUSY : SAVE_E_LOCK_GAVE_UP);
	}
	if (e)
		return fail_file(t, &fe);
	/* a saver that died between its history lines and its rename left a
	 * record: settle it before anything else */
	if (changelog_settle(t->target, &t->plan_st, &t->lock.pending, &fe) ||
	    lock_note(&t->lock, NULL, &fe))
		return fail_file(t, &fe);
	file_clean_temps(t->target);
	/* the plan as it is now, under the lock */
	if (file_plan_stat(t->target, &t->plan_st, &fe))
		return fail_file(t, &fe);
	return true;
}

/* Under the lock: is the file on disk still what we loaded?  Compared in
 * small pieces; only a changed file is read whole, to merge it. */
static bool step_read(struct txn *t)
{
	const struct plan *loaded = t->ed->plan;
	int same = file_same(t->target, loaded->text, loaded->text_len);
	if (same < 0)
		return fail_io(t, FILE_OP_READ, -same, t->target);
	t->base = loaded;
	t->changed_on_disk = !same;
	if (same)
		return true;
	char *disk;
	size_t len;
	int e = file_read_all(t->target, LOAD_MAX_BYTES, &disk, &len);
	if (e)
		return fail_io(t, FILE_OP_READ, e, t->target);
	t->theirs = plan_load_buffer(disk, len, &t->r->error.load);
	free(disk);
	if (!t->theirs)
		return fail(t, SAVE_E_THEIRS_BROKEN);
	t->base = t->theirs;
	return true;
}

/* Three-way, when the file changed: each of our changes on top of theirs.
 * Returns false with *st set on a conflict or a failure. */
static bool step_merge(struct txn *t, enum save_status *st)
{
	struct editor *ed = t->ed;
	for (size_t i = 0; i < ed->n_changes; i++) {
		const struct change *c = &ed->changes[i];
		if (!change_is_pending(c))
			continue;
		const char *their = NULL;
		if (t->changed_on_disk && !editor_may_change(ed, t->theirs, c->item_id))
			return fail_entry(t, SAVE_E_REFUSED, c);
		switch (t->changed_on_disk ? merge_decide(t->theirs, c, NULL, &their) : MERGE_APPLY) {
		case MERGE_APPLY:
			t->apply[t->n_apply++] = *c;
			break;
		case MERGE_SAME:
			break;
		case MERGE_CONFLICT:
			if (conflict_add(&t->r->conflicts, &t->r->n_conflicts, c, their))
				return fail(t, SAVE_E_NO_MEMORY);
			break;
		case MERGE_GONE:
			return fail_entry(t, SAVE_E_ENTRY_GONE, c);
		case MERGE_NO_STATUS:
			return fail_entry(t, SAVE_E_STATUS_GONE, c);
		}
	}
	if (t->r->n_conflicts)
		*st = SAVE_CONFLICT;
	return t->r->n_conflicts == 0;
}

/* A large file that nobody else changed is checked item by item (see
 * splice.h); everything else is parsed again whole. */
static bool step_splice(struct txn *t)
{
	size_t local_min = t->opt && t->opt->local_check_min ? t->opt->local_check_min
	                                                      : LOCAL_CHECK_MIN;
	t->local = !t->changed_on_disk && t->base->text_len >= local_min &&
	           splice_items_local(t->base, t->apply, t->n_apply);
	t->out = splice_prepare(t->base, t->apply, t->n_apply, &t->out_len,
	                        t->local ? &t->sp : NULL, &t->r->error.splice);
	return t->out ? true : fail(t, SAVE_E_SPLICE);
}

static bool step_verify(struct txn *t)
{
	struct splice_error *se = &t->r->error.splice;
	/* The item check is only quicker: when it cannot vouch for the
	 * result, the whole file is parsed as for any other save. */
	if (t->local && splice_check_items(t->sp, t->ed->plan, t->apply, t->n_apply, t->out,
	                                   t->out_len, se))
		return true;
	t->local = false;
	memset(se, 0, sizeof *se);
	t->written = plan_load_buffer(t->out, t->out_len, &se->load);
	if (!t->written) {
		se->code = SPLICE_WOULD_NOT_LOAD;
		return fail(t, SAVE_E_SPLICE);
	}
	if (!verify_splice(t->base, t->apply, t->n_apply, t->written, se))
		return fail(t, SAVE_E_SPLICE);
	return true;
}

/* The new text into a temporary file beside the plan, with the plan's
 * owner, group, mode and extended attributes; the history opened first,
 * so that a history that cannot be used stops the save before that. */
static bool step_write(struct txn *t)
{
	struct file_error fe;
	if (changelog_open(t->target, &t->plan_st, &t->log, &fe) ||
	    file_temp_write(t->target, t->out, t->out_len, &t->plan_st, true, &t->temp, &fe))
		return fail_file(t, &fe);
	return true;
}

/* Record who changed what, before the change lands: the lock file says a
 * save is in flight (so that a crash before the rename takes the lines
 * back), then the lines are appended and flushed. */
static bool step_log(struct txn *t)
{
	struct file_error fe;
	struct lock_pending p = {
		.valid = true, .offset = t->log.start, .hdev = t->log.dev, .hino = t->log.ino,
		.tdev = t->temp.dev, .tino = t->temp.ino,
	};
	const char *name = strrchr(t->temp.path, '/');
	name = name ? name + 1 : t->temp.path;
	if (strlen(name) >= sizeof p.temp)
		return fail_io(t, FILE_OP_WRITE, ENAMETOOLONG, t->temp.path);
	memcpy(p.temp, name, strlen(name) + 1);
	if (lock_note(&t->lock, &p, &fe))
		return fail_file(t, &fe);
	if (changelog_append(&t->log, t->apply, t->n_apply, time(NULL), changelog_user(), &fe)) {
		lock_note(&t->lock, NULL, NULL);
		return fail_file(t, &fe);
	}
	return true;
}

/* The new plan into place; without it, the history lines go again. */
static bool step_commit(struct txn *t)
{
	struct file_error fe;
	if (file_temp_commit(&t->temp, t->opt && t->opt->backup, &t->plan_st, &fe,
	                     &t->r->warning_file)) {
		if (changelog_rollback(&t->log, NULL) == 0)
			lock_note(&t->lock, NULL, NULL);
		return fail_file(t, &fe);
	}
	lock_note(&t->lock, NULL, NULL);   /* if this fails, the record says it landed */
	if (t->r->warning_file.op != FILE_OP_NONE)
		t->r->warning = SAVE_WARN_DIR_FLUSH;
	file_stamp_get(t->target, &t->r->stamp);
	return true;
}

/* The change lines, when the caller gave no message. */
static char *plain_message(const struct change *c, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fprintf(f, "plandash: %zu\n\n", n);
	for (size_t i = 0; i < n; i++)
		tsv_put_change(f, &c[i]);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Under the lock, with the new plan in place: commit it when asked.  It
 * cannot fail the save; report.commit says what happened. */
static void commit_saved(const char *target, const struct plan *vocabulary,
                         const struct change *c, size_t n, const struct save_options *opt,
                         struct vcs_result *res)
{
	struct vcs_author me;
	if (!opt || !opt->commit)
		return;
	if (!opt->author)
		vcs_author_of(lock_user(), &me);
	char *msg = opt->message ? opt->message(vocabulary, c, n) : plain_message(c, n);
	if (!msg) {
		res->status = VCS_NO_MEMORY;
		res->err = ENOMEM;
		return;
	}
	vcs_commit_file(target, opt->author ? opt->author : &me, msg, opt->commit_timeout_ms, res);
	free(msg);
}

/* The editor now shows what was written, with nothing pending. */
static void step_finish(struct txn *t)
{
	struct editor *ed = t->ed;
	size_t n, added, removed;
	t->r->written = t->n_apply;
	if (t->changed_on_disk &&
	    merge_their_changes(ed, t->theirs, NULL, &n, &added, &removed) == 0)
		t->r->merged = n + 3 * added;   /* an entry only they have: its three fields */
	if (t->local) {
		splice_rebase(t->sp, ed->plan, t->out, t->out_len);
		t->out = NULL;   /* the plan's text now */
	}
	if (t->written) {
		editor_replace_plan(ed, t->written);
		t->written = NULL;
	}
	editor_mark_saved(ed);
	struct file_error fe;
	if (recovery_prune(t->target, ed->plan, &fe) && t->r->warning == SAVE_WARN_NONE) {
		t->r->warning = SAVE_WARN_RECOVERY;
		t->r->warning_file = fe;
	}
}

static void txn_end(struct txn *t)
{
	file_temp_discard(&t->temp);
	changelog_close(&t->log);
	lock_release(&t->lock);
	splice_plan_free(t->sp);
	plan_free(t->theirs);
	plan_free(t->written);
	free(t->apply);
	free(t->out);
	free(t->target);
}

enum save_status editor_save(struct editor *ed, const char *path,
                             const struct save_options *opt, struct save_report *r)
{
	memset(r, 0, sizeof *r);
	if (editor_unsaved(ed) == 0)
		return SAVE_OK;
	if (!take_unsettled(ed, r))
		return SAVE_FAILED;
	if (r->n_conflicts)
		return SAVE_CONFLICT;
	enum save_status st = SAVE_FAILED;
	struct txn t = { .ed = ed, .opt = opt, .r = r, .lock.fd = -1, .log.fd = -1 };
	t.target = file_resolve(path);
	t.apply = calloc(ed->n_changes, sizeof *t.apply);
	if (!t.target || !t.apply)
		fail(&t, SAVE_E_NO_MEMORY);
	else if (step_lock(&t) && step_read(&t) && step_merge(&t, &st) && step_splice(&t) &&
	         step_verify(&t) && step_write(&t) && step_log(&t) && step_commit(&t)) {
		commit_saved(t.target, t.base, t.apply, t.n_apply, opt, &r->commit);
		step_finish(&t);
		st = SAVE_OK;
	}
	txn_end(&t);
	return st;
}

void save_report_free(struct save_report *r)
{
	conflicts_free(r->conflicts, r->n_conflicts);
	r->conflicts = NULL;
	r->n_conflicts = 0;
}

/* ---- replacing the whole text (a file with conflict markers) ---------- */

enum save_status save_text(const char *path, const char *expect, size_t expect_len,
                           const char *text, size_t len, const struct change *changes,
                           size_t n, const struct save_options *opt, struct plan **written,
                           struct save_report *r)
{
	struct txn t = { .opt = opt, .r = r, .lock.fd = -1, .log.fd = -1 };
	struct splice_error *se = &r->error.splice;
	struct file_error fe;
	bool ok = false;
	memset(r, 0, sizeof *r);
	if (written)
		*written = NULL;
	if (!(t.target = file_resolve(path))) {
		fail(&t, SAVE_E_NO_MEMORY);
	} else if (step_lock(&t)) {
		int same = file_same(t.target, expect, expect_len);
		if (same < 0)
			fail_io(&t, FILE_OP_READ, -same, t.target);
		else if (!same)
			fail(&t, SAVE_E_CHANGED);
		else if (!(t.written = plan_load_buffer(text, len, &se->load)))
			fail_unloadable(&t);
		else if (file_temp_write(t.target, text, len, &t.plan_st, true, &t.temp, &fe) ||
		         file_temp_commit(&t.temp, opt && opt->backup, &t.plan_st, &fe,
		                          &r->warning_file))
			fail_file(&t, &fe);
		else
			ok = true;
	}
	if (ok) {
		if (r->warning_file.op != FILE_OP_NONE)
			r->warning = SAVE_WARN_DIR_FLUSH;
		file_stamp_get(t.target, &r->stamp);
		commit_saved(t.target, t.written, changes, n, opt, &r->commit);
		r->written = n;
		if (written) {
			*written = t.written;
			t.written = NULL;
		}
	}
	txn_end(&t);
	return ok ? SAVE_OK : SAVE_FAILED;
}
