/* describe.c - see describe.h */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "describe.h"
#include "i18n.h"
#include "utf8.h"

/* ---- shared helpers ------------------------------------------------------ */

/* Drop an incomplete UTF-8 sequence at the end of s (after a truncation). */
static void trim_partial_char(char *s)
{
	size_t len = strlen(s), start = len;
	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0 && start - 1 + utf8_seq_len((unsigned char)s[start - 1]) > len)
		s[start - 1] = '\0';
}

/* printf at the end of buf, never ending inside a character. */
__attribute__((format(printf, 3, 4)))
static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	if (used + 1 >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
	trim_partial_char(buf);
}

/* ==== saving, reloading and the files beside the plan ==================== */

const char *describe_errno(int err)
{
	if (err == FILE_ENOTREG)
		return _("not a regular file (a FIFO, socket or device)");
	return strerror(err);
}

/* "alice" for a uid, or "uid 1001". */
static void user_name(unsigned long uid, char *buf, size_t size)
{
	const struct passwd *pw = getpwuid((uid_t)uid);
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "uid %lu", uid);
}

/* Why a file was refused before it was used. */
static void describe_refusal(const struct file_error *fe, char *buf, size_t size)
{
	char who[64];
	switch (fe->refusal) {
	case FILE_IS_SYMLINK:
		append(buf, size, _("%s is a symbolic link; plandash does not follow links for the "
		                    "files it keeps beside a plan"), fe->path);
		break;
	case FILE_NOT_REGULAR:
		append(buf, size, _("%s is not a regular file (a FIFO, socket, device or directory); "
		                    "refused"), fe->path);
		break;
	case FILE_FOREIGN:
		user_name(fe->owner, who, sizeof who);
		append(buf, size, _("%s belongs to %s, who cannot write the plan; refused"), fe->path,
		       who);
		break;
	case FILE_HARD_LINKED:
		append(buf, size, _("%s has other names (hard links), so it may be another file; "
		                    "refused"), fe->path);
		break;
	case FILE_TOO_LARGE:
		append(buf, size, _("%s is too large; refused"), fe->path);
		break;
	case FILE_ACCEPTED:
		break;
	}
}

void describe_lock_holder(const struct lock_holder *h, char *buf, size_t size)
{
	buf[0] = '\0';
	if (h->pid > 0 && h->user[0])
		append(buf, size, _("%s, process %ld"), h->user, h->pid);
	else if (h->pid > 0)
		append(buf, size, _("process %ld"), h->pid);
}

void describe_file_error(const struct file_error *fe, char *buf, size_t size)
{
	const char *p = fe->path, *why = describe_errno(fe->err);
	buf[0] = '\0';
	if (fe->refusal != FILE_ACCEPTED) {
		describe_refusal(fe, buf, size);
		return;
	}
	switch (fe->op) {
	case FILE_OP_LOCK:
		if (fe->err == EWOULDBLOCK)
			append(buf, size, _("another session is saving %s; try again"), p);
		else
			append(buf, size, _("cannot lock %s: %s"), p, why);
		break;
	case FILE_OP_CREATE_LOCK:
		append(buf, size, _("cannot create the lock file %s: %s"), p, why);
		break;
	case FILE_OP_READ:
		append(buf, size, _("cannot read %s: %s"), p, why);
		break;
	case FILE_OP_CREATE_TEMP:
		append(buf, size, _("cannot create a temporary file in %s: %s"), p, why);
		break;
	case FILE_OP_WRITE:
		append(buf, size, _("cannot write %s: %s"), p, why);
		break;
	case FILE_OP_FLUSH:
		append(buf, size, _("cannot flush %s to the disk: %s"), p, why);
		break;
	case FILE_OP_MODE:
		append(buf, size, _("cannot set the mode of %s: %s"), p, why);
		break;
	case FILE_OP_OWNER:
		append(buf, size, _("cannot set the owner of %s: %s"), p, why);
		break;
	case FILE_OP_BACKUP:
		append(buf, size, _("cannot keep the backup %s: %s"), p, why);
		break;
	case FILE_OP_RENAME:
		append(buf, size, _("cannot replace %s: %s"), p, why);
		break;
	case FILE_OP_FLUSH_DIR:
		append(buf, size, _("cannot flush the directory %s to the disk: %s"), p, why);
		break;
	case FILE_OP_APPEND:
		append(buf, size, _("cannot append to %s: %s"), p, why);
		break;
	case FILE_OP_OPEN_SIDE:
		append(buf, size, _("cannot open %s: %s"), p, why);
		break;
	case FILE_OP_XATTR:
		append(buf, size, _("cannot copy the extended attributes (ACLs) of %s: %s"), p, why);
		break;
	case FILE_OP_TRUNCATE:
		append(buf, size, _("cannot cut back %s: %s"), p, why);
		break;
	case FILE_OP_REMOVE:
		append(buf, size, _("cannot remove %s: %s"), p, why);
		break;
	case FILE_OP_NONE:
		append(buf, size, "%s: %s", p, why);
		break;
	}
}

/* At most max bytes of s, whole characters, with "..." when cut. */
static void shorten(const char *s, size_t max, char *out, size_t size)
{
	if (!s) {
		snprintf(out, size, "%s", _("(none)"));
		return;
	}
	if (strlen(s) <= max) {
		snprintf(out, size, "%s", s);
		return;
	}
	size_t n = 0;
	while (s[n]) {
		size_t l = utf8_seq_len((unsigned char)s[n]);
		if (n + l > max)
			break;
		n += l;
	}
	snprintf(out, size, "%.*s...", (int)n, s);
}

void describe_field_change(const char *item_id, int year, enum field field,
                           const char *before, const char *after, char *buf, size_t size)
{
	char b[64], a[64];
	shorten(before, 40, b, sizeof b);
	shorten(after, 40, a, sizeof a);
	buf[0] = '\0';
	append(buf, size, _("%s %d %s: %s -> %s"), item_id, year, field_name(field), b, a);
}

void describe_splice_error(const struct splice_error *e, char *buf, size_t size)
{
	const char *f = field_name(e->field);
	buf[0] = '\0';
	switch (e->code) {
	case SPLICE_OK:
	case SPLICE_NO_MEMORY:
		append(buf, size, "%s", _("out of memory"));
		break;
	case SPLICE_NOT_IN_FILE:
		append(buf, size, _("%s %d is not in the file"), e->item_id, e->year);
		break;
	case SPLICE_BLOCK_SCALAR:
		append(buf, size, _("the %s of %s %d is a block scalar (| or >) at line %u; "
		                    "edit it by hand"), f, e->item_id, e->year, e->line);
		break;
	case SPLICE_CANNOT_RENDER:
		append(buf, size, _("cannot write the %s of %s %d as YAML"), f, e->item_id, e->year);
		break;
	case SPLICE_WOULD_NOT_LOAD:
		append(buf, size, _("the result would not load (%lu:%lu: %s)"), e->load.line,
		       e->load.col, e->load.message);
		break;
	case SPLICE_SHAPE:
		append(buf, size, "%s", _("the saved file has a different shape"));
		break;
	case SPLICE_POLICY_DIFFERS:
		append(buf, size, _("policy %s reads back differently"), e->item_id);
		break;
	case SPLICE_ITEM_DIFFERS:
		append(buf, size, _("item %s reads back differently"), e->item_id);
		break;
	case SPLICE_YEAR_DIFFERS:
		append(buf, size, _("item %s year %d reads back differently"), e->item_id, e->year);
		break;
	case SPLICE_VALUE_DIFFERS:
		append(buf, size, _("the %s of %s %d would read back as \"%s\" instead of \"%s\""),
		       f, e->item_id, e->year,
		       e->got_absent ? _("(none)") : e->got, e->want_absent ? _("(none)") : e->want);
		break;
	case SPLICE_ITEM_TEXT:
		append(buf, size, _("item %s: cannot find its text"), e->item_id);
		break;
	case SPLICE_ITEM_WOULD_NOT_LOAD:
		append(buf, size, _("item %s would not load (%s)"), e->item_id, e->load.message);
		break;
	}
}

void describe_save_error(const struct save_error *e, const char *path, char *buf, size_t size)
{
	char why[PATH_MAX + 1024];
	buf[0] = '\0';
	switch (e->code) {
	case SAVE_E_NONE:
	case SAVE_E_NO_MEMORY:
		append(buf, size, "%s", _("cannot save: out of memory"));
		break;
	case SAVE_E_LOCK_BUSY:
	case SAVE_E_LOCK_GAVE_UP:
		describe_lock_holder(&e->holder, why, sizeof why);
		if (e->code == SAVE_E_LOCK_GAVE_UP)
			append(buf, size, _("cannot save: gave up waiting for another session to save %s"),
			       e->file.path);
		else
			append(buf, size, _("cannot save: another session is saving %s; try again"),
			       e->file.path);
		if (why[0])
			append(buf, size, " (%s)", why);
		break;
	case SAVE_E_FILE:
		describe_file_error(&e->file, why, sizeof why);
		append(buf, size, _("cannot save: %s"), why);
		break;
	case SAVE_E_THEIRS_BROKEN:
		load_error_format(&e->load, path, why, sizeof why);
		append(buf, size, _("%s was changed by someone else and no longer loads (%s)"), path,
		       why);
		break;
	case SAVE_E_ENTRY_GONE:
		append(buf, size, _("%s %d was removed from %s by someone else"), e->splice.item_id,
		       e->splice.year, path);
		break;
	case SAVE_E_STATUS_GONE:
		append(buf, size, _("the status %s of %s %d is no longer in the vocabulary of %s"),
		       e->splice.want, e->splice.item_id, e->splice.year, path);
		break;
	case SAVE_E_SPLICE:
		describe_splice_error(&e->splice, why, sizeof why);
		append(buf, size, _("refusing to save: %s"), why);
		break;
	}
}

static void describe_saved(const struct save_report *r, char *buf, size_t size)
{
	char why[PATH_MAX + 1024];
	if (r->written == 0) {
		append(buf, size, "%s", _("nothing to save"));
		return;
	}
	append(buf, size, ngettext("saved %zu change", "saved %zu changes", r->written), r->written);
	if (r->merged)
		append(buf, size, ngettext("; merged %zu change from another session",
		                           "; merged %zu changes from another session", r->merged),
		       r->merged);
	if (r->warning != SAVE_WARN_NONE) {
		describe_file_error(&r->warning_file, why, sizeof why);
		append(buf, size, _(" (but %s)"), why);
	}
}

void describe_save(const struct save_report *r, enum save_status st, const char *path,
                   bool edits_kept, char *buf, size_t size)
{
	buf[0] = '\0';
	switch (st) {
	case SAVE_OK:
		describe_saved(r, buf, size);
		return;
	case SAVE_CONFLICT:
		append(buf, size, ngettext("%zu field was changed both here and by another session; "
		                           "choose which to keep",
		                           "%zu fields were changed both here and by another session; "
		                           "choose which to keep", r->n_conflicts), r->n_conflicts);
		return;
	case SAVE_FAILED:
		describe_save_error(&r->error, path, buf, size);
		if (edits_kept)
			append(buf, size, "%s", _("; your edits are kept"));
		return;
	}
}

static void describe_reload_failed(const struct reload_report *r, const char *path,
                                   char *buf, size_t size)
{
	char where[PATH_MAX + 512];
	switch (r->error) {
	case RELOAD_E_READ:
		append(buf, size, _("cannot read %s: %s; showing the plan as loaded before"), path,
		       describe_errno(r->err));
		break;
	case RELOAD_E_BROKEN:
		load_error_format(&r->load, path, where, sizeof where);
		append(buf, size, _("%s changed on disk but does not load (%s); showing the plan as "
		                    "loaded before"), path, where);
		break;
	case RELOAD_E_NONE:
	case RELOAD_E_NO_MEMORY:
		append(buf, size, "%s", _("out of memory while reloading; showing the plan as "
		                          "loaded before"));
		break;
	}
}

/* Their changes: the count and the first two. */
static void describe_their_changes(const struct reload_report *r, char *buf, size_t size)
{
	char line[200];
	if (!r->n_changes) {
		append(buf, size, "%s", _("the file changed on disk (no status, plan or note changed)"));
		return;
	}
	append(buf, size, ngettext("another session changed %zu field: ",
	                           "another session changed %zu fields: ", r->n_changes),
	       r->n_changes);
	for (size_t i = 0; i < r->n_changes && i < 2; i++) {
		const struct field_change *c = &r->changes[i];
		describe_field_change(c->item_id, c->year, c->field, c->before, c->after, line,
		                      sizeof line);
		append(buf, size, "%s%s", i ? "; " : "", line);
	}
	if (r->n_changes > 2)
		append(buf, size, _("; and %zu more"), r->n_changes - 2);
}

void describe_reload(const struct reload_report *r, enum reload_status st, const char *path,
                     char *buf, size_t size)
{
	char line[200];
	buf[0] = '\0';
	if (st == RELOAD_UNCHANGED) {
		append(buf, size, "%s", _("the file is unchanged"));
		return;
	}
	if (st == RELOAD_FAILED) {
		describe_reload_failed(r, path, buf, size);
		return;
	}
	describe_their_changes(r, buf, size);
	if (r->entries_added || r->entries_removed)
		append(buf, size, ngettext("; %zu entry added, %zu removed",
		                           "; %zu entries added, %zu removed", r->entries_added),
		       r->entries_added, r->entries_removed);
	if (r->n_conflicts) {
		const struct conflict *c = &r->conflicts[0];
		describe_field_change(c->item_id, c->year, c->field, c->theirs, c->ours, line,
		                      sizeof line);
		append(buf, size, ngettext("; %zu of your edits conflicts (yours kept): %s",
		                           "; %zu of your edits conflict (yours kept): %s",
		                           r->n_conflicts), r->n_conflicts, line);
		if (r->n_conflicts > 1)
			append(buf, size, "%s", "; ...");
	}
	if (r->n_lost)
		append(buf, size, _("; %zu of your edits were lost: their entries are gone"), r->n_lost);
	if (r->kept)
		append(buf, size, ngettext("; your %zu unsaved edit is kept",
		                           "; your %zu unsaved edits are kept", r->kept), r->kept);
}

void describe_recovery_reject(const struct recovery_reject *r, char *buf, size_t size)
{
	buf[0] = '\0';
	append(buf, size, _("line %zu: "), r->line);
	switch (r->problem) {
	case RECOVERY_MALFORMED:
		append(buf, size, "%s", _("not a line plandash writes"));
		break;
	case RECOVERY_BAD_UTF8:
		append(buf, size, "%s", _("not valid UTF-8"));
		break;
	case RECOVERY_BAD_FIELD:
		append(buf, size, "%s", _("not a field of an entry (status, plan or note)"));
		break;
	case RECOVERY_BAD_YEAR:
		append(buf, size, "%s", _("not a year"));
		break;
	case RECOVERY_NO_ITEM:
		append(buf, size, _("the plan has no item %s"), r->item_id);
		break;
	case RECOVERY_NO_YEAR:
		append(buf, size, _("item %s has no entry for %d"), r->item_id, r->year);
		break;
	case RECOVERY_NO_STATUS:
		append(buf, size, _("the status of %s %d is not in the plan's vocabulary"),
		       r->item_id, r->year);
		break;
	case RECOVERY_NO_PLAN_TEXT:
		append(buf, size, _("the plan text of %s %d cannot be removed"), r->item_id, r->year);
		break;
	}
}
