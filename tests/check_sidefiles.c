/* check_sidefiles.c - the files beside a plan, through the core API: the
 * plan refused from its size and type without being read (bounded memory,
 * no hang), the recovery file refused when it is a symbolic link or a FIFO
 * and created with the plan's mode, recovery lines checked before they are
 * offered.  Every test works in a fresh directory under $TMPDIR; a test
 * that could hang runs under check's time-out. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "changelog.h"
#include "describe.h"
#include "edit.h"
#include "fileio.h"
#include "load.h"
#include "lock.h"
#include "plan.h"
#include "recovery.h"
#include "save.h"

/* ---- helpers ---------------------------------------------------------- */

struct fixture {
	char dir[PATH_MAX];
	char path[PATH_MAX + 16];       /* dir/plan.yaml */
	char recover[PATH_MAX + 32];    /* dir/plan.yaml.recover */
};

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static char *read_bytes(const char *path, size_t *len)
{
	char *data;
	int e = file_read_all(path, (size_t)64 << 20, &data, len);
	ck_assert_msg(e == 0, "cannot read %s: %s", path, strerror(e));
	return data;
}

static void fixture_open(struct fixture *fx, const char *rel)
{
	const char *t = getenv("TMPDIR"), *top = getenv("top_srcdir");
	snprintf(fx->dir, sizeof fx->dir, "%s/plandash-side.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_msg(mkdtemp(fx->dir) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(fx->path, sizeof fx->path, "%s/plan.yaml", fx->dir);
	snprintf(fx->recover, sizeof fx->recover, "%s.recover", fx->path);
	char src[PATH_MAX + 64], *data;
	size_t len;
	snprintf(src, sizeof src, "%s/%s", top ? top : ".", rel);
	ck_assert_int_eq(file_read_all(src, (size_t)64 << 20, &data, &len), 0);
	write_bytes(fx->path, data, len);
	free(data);
}

static void fixture_close(struct fixture *fx)
{
	char cmd[PATH_MAX + 32];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void open_editor(struct editor *ed, const char *path)
{
	struct load_error err;
	int io = 0;
	struct plan *plan = plan_load_file(path, &err, &io);
	ck_assert_msg(plan != NULL, "%s: %lu:%lu: %s", path, err.line, err.col, load_error_message(&err, (char[256]){ 0 }, 256));
	editor_init(ed, plan);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	ck_assert_msg(lstat(path, &st) == 0, "%s: %s", path, strerror(errno));
	return st.st_mode & 07777;
}

/* Peak resident memory of this process, in KiB. */
static long peak_kib(void)
{
	struct rusage ru;
	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/* ---- the plan: refused from fstat, before reading ---------------------- */

/* Load path in a child and report how its peak memory grew (KiB) and the
 * I/O error the loader gave (0: it loaded or failed to parse). */
static void load_in_child(const char *path, long *grew_kib, int *io_error)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		long before = peak_kib();
		struct load_error err;
		int io = 0;
		struct plan *plan = plan_load_file(path, &err, &io);
		plan_free(plan);
		long r[2] = { peak_kib() - before, io };
		_exit(write(fds[1], r, sizeof r) == (ssize_t)sizeof r ? 0 : 1);
	}
	close(fds[1]);
	long r[2] = { -1, -1 };
	ssize_t got = read(fds[0], r, sizeof r);
	close(fds[0]);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0 && got == (ssize_t)sizeof r,
	              "the loading child failed (status %d)", status);
	*grew_kib = r[0];
	*io_error = (int)r[1];
}

START_TEST(dev_zero_is_refused_without_reading)
{
	long grew;
	int io;
	load_in_child("/dev/zero", &grew, &io);
	ck_assert_msg(io != 0, "/dev/zero did not give an I/O error");
	ck_assert_msg(grew < 64 * 1024, "loading /dev/zero grew the process by %ld KiB", grew);
	char msg[256];
	snprintf(msg, sizeof msg, "%s", describe_errno(io));
	ck_assert_msg(strstr(msg, "not a regular file"), "/dev/zero: %s", msg);
}
END_TEST

START_TEST(a_huge_sparse_file_is_refused_from_its_size)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	int fd = open(fx.path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)2 << 30), 0);   /* 2 GiB, sparse */
	close(fd);
	long grew;
	int io;
	load_in_child(fx.path, &grew, &io);
	ck_assert_msg(grew < 64 * 1024, "a 2 GiB file grew the process by %ld KiB", grew);
	/* read_all and reload share the check */
	char *data;
	size_t len;
	ck_assert_int_eq(file_read_all(fx.path, LOAD_MAX_BYTES, &data, &len), EFBIG);
	fixture_close(&fx);
}
END_TEST

START_TEST(a_fifo_plan_is_refused_without_waiting)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	ck_assert_int_eq(unlink(fx.path), 0);
	ck_assert_int_eq(mkfifo(fx.path, 0644), 0);
	char *data;
	size_t len;
	int e = file_read_all(fx.path, LOAD_MAX_BYTES, &data, &len);
	ck_assert_msg(e != 0 && e != EFBIG, "a FIFO read as a plan: %d", e);
	ck_assert_int_lt(file_same(fx.path, "x", 1), 0);
	fixture_close(&fx);
}
END_TEST

/* ---- the recovery file ------------------------------------------------- */

START_TEST(recover_fifo_does_not_hang)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	ck_assert_int_eq(mkfifo(fx.recover, 0644), 0);
	struct editor ed;
	open_editor(&ed, fx.path);
	struct recovery rec;
	struct file_error fe;
	int e = recovery_read(fx.path, ed.plan, &rec, &fe);   /* a hang fails by time-out */
	ck_assert_msg(e != 0 && e != ENOENT, "a FIFO recovery file was read: %d", e);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(fe.refusal, FILE_NOT_REGULAR);
	recovery_free(&rec);
	/* writing one does not hang either: the FIFO is left alone, and the
	 * edits go beside it */
	ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_NOTE, "rescued"), EDIT_OK);
	ck_assert_int_eq(recovery_write(&ed, fx.path, &fe), 0);
	struct stat st;
	ck_assert_int_eq(lstat(fx.recover, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	char beside[PATH_MAX + 64];
	snprintf(beside, sizeof beside, "%s.%ld", fx.recover, (long)getpid());
	ck_assert_str_eq(fe.path, beside);
	size_t len;
	char *got = read_bytes(beside, &len);
	ck_assert_ptr_nonnull(strstr(got, "\trescued\n"));
	free(got);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

START_TEST(recover_symlink_is_refused)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	char target[PATH_MAX + 32];
	snprintf(target, sizeof target, "%s/elsewhere", fx.dir);
	static const char theirs[] = "# planted\n1-1\t2011\tnote\t\\N\tplanted\n";
	write_bytes(target, theirs, sizeof theirs - 1);
	ck_assert_int_eq(chmod(target, 0666), 0);
	ck_assert_int_eq(symlink(target, fx.recover), 0);

	/* not read through the link */
	struct editor ed;
	open_editor(&ed, fx.path);
	struct recovery rec;
	struct file_error fe;
	int e = recovery_read(fx.path, ed.plan, &rec, &fe);
	ck_assert_msg(e != 0 && e != ENOENT, "a symlinked recovery file was read (%zu lines)",
	              rec.n);
	recovery_free(&rec);
	char buf[8192];
	describe_file_error(&fe, buf, sizeof buf);
	ck_assert_msg(strstr(buf, "symbolic link"), "%s", buf);
	/* not replaced by a file with the target's mode, nor written through:
	 * the edits go beside it */
	ck_assert_int_eq(editor_set(&ed, "1-2", 2011, FIELD_NOTE, "mine"), EDIT_OK);
	ck_assert_int_eq(recovery_write(&ed, fx.path, &fe), 0);
	ck_assert_str_ne(fe.path, fx.recover);
	ck_assert_uint_eq(mode_of(fe.path), mode_of(fx.path));
	struct stat st;
	ck_assert_int_eq(lstat(fx.recover, &st), 0);
	ck_assert_msg(S_ISLNK(st.st_mode), "the link was replaced");
	size_t len;
	char *now = read_bytes(target, &len);
	ck_assert(len == sizeof theirs - 1 && memcmp(now, theirs, len) == 0);
	free(now);
	ck_assert_uint_eq(mode_of(target), 0666);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

/* A recovery file planted by a user who cannot write the plan is not
 * offered: its edits would be saved as the user's own. */
START_TEST(recover_of_another_user_is_not_offered)
{
	if (geteuid() != 0) {
		fprintf(stderr, "# a foreign recovery file: not root, cannot give a file away\n");
		return;
	}
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	static const char planted[] = "1-1\t2011\tplan\t\\N\tplanted\n";
	write_bytes(fx.recover, planted, sizeof planted - 1);
	ck_assert_int_eq(chown(fx.recover, 65534, 65534), 0);
	struct editor ed;
	open_editor(&ed, fx.path);
	struct recovery rec;
	struct file_error fe;
	ck_assert_int_ne(recovery_read(fx.path, ed.plan, &rec, &fe), 0);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(fe.refusal, FILE_FOREIGN);
	char buf[8192];
	describe_file_error(&fe, buf, sizeof buf);
	ck_assert_msg(strstr(buf, "cannot write the plan"), "%s", buf);
	recovery_free(&rec);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

START_TEST(recover_takes_the_plans_mode)
{
	static const mode_t modes[] = { 0600, 0640, 0664 };
	for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
		struct fixture fx;
		fixture_open(&fx, "tests/data/save/block.yaml");
		ck_assert_int_eq(chmod(fx.path, modes[m]), 0);
		mode_t old = umask(m == 0 ? 022 : 077);
		struct editor ed;
		open_editor(&ed, fx.path);
		ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_NOTE, "rescued"), EDIT_OK);
		struct file_error fe;
		ck_assert_int_eq(recovery_write(&ed, fx.path, &fe), 0);
		umask(old);
		ck_assert_msg(mode_of(fx.recover) == modes[m], "plan %o: recovery file %o",
		              (unsigned)modes[m], (unsigned)mode_of(fx.recover));
		editor_free(&ed);
		fixture_close(&fx);
	}
}
END_TEST

/* A recovery file with lines no plan can hold: none of them reaches the
 * editor, and what is offered can be saved. */
START_TEST(bad_recovery_lines_never_block_a_save)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	static const char lines[] =
		"# plandash recovery: unsaved edits of this plan\n"
		"1-1\t2011\tnote\t\\N\tbad \xff byte\n"          /* not UTF-8 */
		"9-9\t2011\tnote\t\\N\tno such item\n"
		"1-1\t1999\tnote\t\\N\tno such year\n"
		"1-1\t2011\tstatus\tdone\tnonsense\n"            /* not a status */
		"1-1\t2011\tplan\tx\t\\N\n"                      /* a plan cannot be absent */
		"1-1\t20x1\tnote\t\\N\tnot a year\n"
		"1-1\t2011\tcolour\t\\N\tnot a field\n"
		"just one field\n"
		"1-1\t2012\tnote\t\\N\tgood\n";
	write_bytes(fx.recover, lines, sizeof lines - 1);
	struct editor ed;
	open_editor(&ed, fx.path);
	struct recovery rec;
	struct file_error fe;
	ck_assert_int_eq(recovery_read(fx.path, ed.plan, &rec, &fe), 0);
	for (size_t i = 0; i < rec.n; i++)
		editor_set_rescued(&ed, rec.changes[i].item_id, rec.changes[i].year,
		                   rec.changes[i].field, rec.changes[i].base, rec.changes[i].value);
	/* each bad line is reported, with its number and why */
	static const struct { size_t line; enum recovery_problem why; } bad[] = {
		{ 2, RECOVERY_BAD_UTF8 }, { 3, RECOVERY_NO_ITEM }, { 4, RECOVERY_NO_YEAR },
		{ 5, RECOVERY_NO_STATUS }, { 6, RECOVERY_NO_PLAN_TEXT }, { 7, RECOVERY_BAD_YEAR },
		{ 8, RECOVERY_BAD_FIELD }, { 9, RECOVERY_MALFORMED },
	};
	ck_assert_uint_eq(rec.n_rejects, sizeof bad / sizeof *bad);
	for (size_t i = 0; i < rec.n_rejects; i++) {
		ck_assert_uint_eq(rec.rejects[i].line, bad[i].line);
		ck_assert_int_eq(rec.rejects[i].problem, bad[i].why);
	}
	char buf[256];
	describe_recovery_reject(&rec.rejects[0], buf, sizeof buf);
	ck_assert_str_eq(buf, "line 2: not valid UTF-8");
	recovery_free(&rec);
	ck_assert_uint_eq(editor_unsaved(&ed), 1);
	struct save_report rep;
	enum save_status s = editor_save(&ed, fx.path, NULL, &rep);
	char msg[2048];
	describe_save(&rep, s, fx.path, true, msg, sizeof msg);
	ck_assert_msg(s == SAVE_OK, "%s", msg);
	save_report_free(&rep);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

START_TEST(applied_recovery_is_not_offered_again)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	/* a rescue, plus a line the plan cannot take */
	struct editor ed, next;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2012, FIELD_NOTE, "rescued"), EDIT_OK);
	ck_assert_int_eq(editor_set(&ed, "1-2", 2011, FIELD_STATUS, "done"), EDIT_OK);
	struct file_error fe;
	ck_assert_int_eq(recovery_write(&ed, fx.path, &fe), 0);
	FILE *f = fopen(fx.recover, "a");
	ck_assert_ptr_nonnull(f);
	fputs("7-7\t2011\tnote\t\\N\tgone\n", f);
	ck_assert_int_eq(fclose(f), 0);
	editor_free(&ed);

	/* the next session applies it, then undoes everything and quits */
	open_editor(&next, fx.path);
	struct recovery rec;
	ck_assert_int_eq(recovery_read(fx.path, next.plan, &rec, &fe), 0);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert_uint_eq(rec.n_rejects, 1);
	for (size_t i = 0; i < rec.n; i++)
		ck_assert_int_eq(editor_set_rescued(&next, rec.changes[i].item_id, rec.changes[i].year,
		                                    rec.changes[i].field, rec.changes[i].base,
		                                    rec.changes[i].value), EDIT_OK);
	ck_assert_int_eq(recovery_forget(fx.path, rec.changes, rec.n, &fe), 0);
	recovery_free(&rec);
	while (editor_undo(&next, NULL))
		;
	editor_free(&next);
	/* only the line no plan could take is left: nothing is offered */
	open_editor(&next, fx.path);
	ck_assert_int_eq(recovery_read(fx.path, next.plan, &rec, &fe), 0);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_uint_eq(rec.n_rejects, 1);
	recovery_free(&rec);
	/* discarded: the file goes */
	ck_assert_int_eq(recovery_discard(fx.path, &fe), 0);
	ck_assert_int_eq(recovery_read(fx.path, next.plan, &rec, &fe), ENOENT);
	recovery_free(&rec);
	editor_free(&next);
	fixture_close(&fx);
}
END_TEST

/* ---- the save lock ------------------------------------------------------- */

struct waited {
	int calls;
	struct lock_holder seen;
	int give_up_at;
};

static bool on_wait(const struct lock_holder *holder, long waited_ms, void *arg)
{
	struct waited *w = arg;
	ck_assert_int_ge(waited_ms, 0);
	w->seen = *holder;
	return ++w->calls < w->give_up_at;
}

/* Another session holds the lock: the waiting save learns who (user and
 * process), is called back while it waits, and gives up when told to. */
START_TEST(lock_wait_names_the_holder_and_can_give_up)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	char *target = file_resolve(fx.path);
	struct stat st;
	ck_assert_int_eq(stat(target, &st), 0);
	struct plan_lock held;
	struct file_error fe;
	ck_assert_int_eq(lock_take(target, &st, 1000, NULL, NULL, &held, NULL, &fe), 0);

	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_STATUS, "doing"), EDIT_OK);
	struct waited w = { .give_up_at = 3 };
	struct save_options opt = { .lock_timeout_ms = 60000, .lock_wait = on_wait,
	                            .lock_wait_arg = &w };
	struct save_report rep;
	ck_assert_int_eq(editor_save(&ed, fx.path, &opt, &rep), SAVE_FAILED);
	ck_assert_int_eq(rep.error.code, SAVE_E_LOCK_GAVE_UP);
	ck_assert_int_eq(w.calls, 3);
	ck_assert_int_eq(w.seen.pid, (long)getpid());
	ck_assert_str_eq(w.seen.user, changelog_user());
	ck_assert_int_eq(rep.error.holder.pid, (long)getpid());
	char msg[2048], who[128];
	describe_save(&rep, SAVE_FAILED, fx.path, true, msg, sizeof msg);
	snprintf(who, sizeof who, "process %ld", (long)getpid());
	ck_assert_msg(strstr(msg, who) && strstr(msg, "gave up"), "%s", msg);
	save_report_free(&rep);

	/* without a callback: the time-out, then the holder is named */
	opt = (struct save_options){ .lock_timeout_ms = 150 };
	ck_assert_int_eq(editor_save(&ed, fx.path, &opt, &rep), SAVE_FAILED);
	ck_assert_int_eq(rep.error.code, SAVE_E_LOCK_BUSY);
	ck_assert_int_eq(rep.error.holder.pid, (long)getpid());
	save_report_free(&rep);
	ck_assert_uint_eq(editor_unsaved(&ed), 1);

	/* released: the save goes through, and nobody is named any more */
	lock_release(&held);
	ck_assert_int_eq(editor_save(&ed, fx.path, &opt, &rep), SAVE_OK);
	save_report_free(&rep);
	editor_free(&ed);
	free(target);
	fixture_close(&fx);
}
END_TEST

/* ---- a history that matches the plan ---------------------------------------- */

static size_t count_log(const char *path)
{
	struct log_line *lines;
	size_t n;
	ck_assert_int_eq(changelog_read(path, 0, &lines, &n), 0);
	changelog_free(lines, n);
	return n;
}

/* A saver died after its history lines and before its rename: readers do
 * not show them, and the next save cuts them off and removes its
 * temporary file.  Had it died after the rename, they would stay. */
START_TEST(history_of_a_save_that_did_not_land_goes)
{
	for (int landed = 0; landed <= 1; landed++) {
		struct fixture fx;
		fixture_open(&fx, "tests/data/save/block.yaml");
		char *target = file_resolve(fx.path);
		struct editor ed;
		open_editor(&ed, fx.path);
		ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_STATUS, "doing"), EDIT_OK);
		struct save_report rep;
		ck_assert_int_eq(editor_save(&ed, fx.path, NULL, &rep), SAVE_OK);
		save_report_free(&rep);
		ck_assert_uint_eq(count_log(fx.path), 1);

		/* the dead saver: its temporary file, its line, its record */
		struct stat st;
		ck_assert_int_eq(stat(target, &st), 0);
		struct plan_lock lock;
		struct file_error fe;
		ck_assert_int_eq(lock_take(target, &st, 1000, NULL, NULL, &lock, NULL, &fe), 0);
		struct changelog log;
		ck_assert_int_eq(changelog_open(target, &st, &log, &fe), 0);
		struct file_temp tmp;
		ck_assert_int_eq(file_temp_write(target, ed.plan->text, ed.plan->text_len, &st, false,
		                                 &tmp, &fe), 0);
		struct lock_pending p = { .valid = true, .offset = log.start, .hdev = log.dev,
		                          .hino = log.ino, .tdev = tmp.dev, .tino = tmp.ino };
		snprintf(p.temp, sizeof p.temp, "%s", strrchr(tmp.path, '/') + 1);
		ck_assert_int_eq(lock_note(&lock, &p, &fe), 0);
		char id[] = "1-2", base[] = "doing", value[] = "done";
		struct change c = { .item_id = id, .year = 2011, .field = FIELD_STATUS,
		                    .base = base, .value = value };
		ck_assert_int_eq(changelog_append(&log, &c, 1, time(NULL), "dead", &fe), 0);
		changelog_close(&log);
		if (landed)
			ck_assert_int_eq(rename(tmp.path, target), 0);
		char temp_path[PATH_MAX];
		snprintf(temp_path, sizeof temp_path, "%s", tmp.path);
		close(lock.fd);   /* killed: the flock goes, the record stays */

		ck_assert_uint_eq(count_log(fx.path), landed ? 2 : 1);
		ck_assert_int_eq(editor_set(&ed, "1-1", 2012, FIELD_STATUS, "done"), EDIT_OK);
		ck_assert_int_eq(editor_save(&ed, fx.path, NULL, &rep), SAVE_OK);
		save_report_free(&rep);
		ck_assert_uint_eq(count_log(fx.path), landed ? 3 : 2);
		ck_assert_int_eq(access(temp_path, F_OK), -1);
		ck_assert_int_eq(lock_read_pending(target, &st, &p), false);
		editor_free(&ed);
		free(target);
		fixture_close(&fx);
	}
}
END_TEST

/* An older version's history wider than the plan is narrowed; one that
 * belongs to a user who cannot write the plan is refused. */
START_TEST(history_mode_and_owner)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	char hist[PATH_MAX + 32];
	snprintf(hist, sizeof hist, "%s.history", fx.path);
	write_bytes(hist, "", 0);
	ck_assert_int_eq(chmod(hist, 0644), 0);
	ck_assert_int_eq(chmod(fx.path, 0600), 0);
	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_STATUS, "doing"), EDIT_OK);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&ed, fx.path, NULL, &rep), SAVE_OK);
	save_report_free(&rep);
	ck_assert_uint_eq(mode_of(hist), 0600);
	if (geteuid() == 0) {
		ck_assert_int_eq(chown(hist, 65534, 65534), 0);
		ck_assert_int_eq(editor_set(&ed, "1-1", 2012, FIELD_STATUS, "done"), EDIT_OK);
		size_t before_len, len;
		char *before = read_bytes(fx.path, &before_len);
		ck_assert_int_eq(editor_save(&ed, fx.path, NULL, &rep), SAVE_FAILED);
		ck_assert_int_eq(rep.error.code, SAVE_E_FILE);
		ck_assert_int_eq(rep.error.file.refusal, FILE_FOREIGN);
		ck_assert_uint_eq(rep.error.file.owner, 65534);
		save_report_free(&rep);
		char *now = read_bytes(fx.path, &len);
		ck_assert(len == before_len && memcmp(now, before, len) == 0);
		free(now);
		free(before);
	} else {
		fprintf(stderr, "# a foreign history: not root, cannot give a file away\n");
	}
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

static Suite *sidefiles_suite(void)
{
	Suite *s = suite_create("sidefiles");
	TCase *tc = tcase_create("plan");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, dev_zero_is_refused_without_reading);
	tcase_add_test(tc, a_huge_sparse_file_is_refused_from_its_size);
	tcase_add_test(tc, a_fifo_plan_is_refused_without_waiting);
	suite_add_tcase(s, tc);
	tc = tcase_create("recovery");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, recover_fifo_does_not_hang);
	tcase_add_test(tc, recover_symlink_is_refused);
	tcase_add_test(tc, recover_of_another_user_is_not_offered);
	tcase_add_test(tc, recover_takes_the_plans_mode);
	tcase_add_test(tc, bad_recovery_lines_never_block_a_save);
	tcase_add_test(tc, applied_recovery_is_not_offered_again);
	suite_add_tcase(s, tc);
	tc = tcase_create("lock");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, lock_wait_names_the_holder_and_can_give_up);
	suite_add_tcase(s, tc);
	tc = tcase_create("history");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, history_of_a_save_that_did_not_land_goes);
	tcase_add_test(tc, history_mode_and_owner);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	signal(SIGXFSZ, SIG_IGN);
	SRunner *sr = srunner_create(sidefiles_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
