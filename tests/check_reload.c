/* check_reload.c - live refresh: the file stamp notices another session's
 * save, and a reload takes it in while keeping our unsaved edits
 * (re-applied, dropped when the file already has them, or kept as reported
 * conflicts).  Files are copies in a fresh directory under $TMPDIR. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "describe.h"
#include "edit.h"
#include "fileio.h"
#include "describe.h"
#include "load.h"
#include "plan.h"
#include "reload.h"
#include "save.h"

/* ---- helpers ---------------------------------------------------------- */

struct fixture {
	char dir[PATH_MAX];
	char path[PATH_MAX + 16];
};

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static void fixture_open(struct fixture *fx)
{
	const char *t = getenv("TMPDIR"), *top = getenv("top_srcdir");
	snprintf(fx->dir, sizeof fx->dir, "%s/plandash-reload.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_msg(mkdtemp(fx->dir) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(fx->path, sizeof fx->path, "%s/plan.yaml", fx->dir);
	char src[PATH_MAX], *data;
	size_t len;
	snprintf(src, sizeof src, "%s/plan.yaml", top ? top : ".");
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
	ck_assert_msg(plan != NULL, "%s: %lu:%lu: %s", path, err.line, err.col,
	              plan ? "" : load_error_message(&err, (char[400]){ "" }, 400));
	editor_init(ed, plan);
}

static const char *get(const struct plan *plan, const char *id, int year, enum field f)
{
	const struct item *it = plan_find_item(plan, id);
	ck_assert_ptr_nonnull(it);
	const struct entry *e = item_entry_for_year(it, year);
	ck_assert_ptr_nonnull(e);
	return entry_field(plan, e, f);
}

/* Another session: load, set, save. */
static void other_session_saves(const char *path, const char *id, int year, enum field f,
                                const char *value)
{
	struct editor b;
	open_editor(&b, path);
	ck_assert_int_eq(editor_set(&b, id, year, f, value), EDIT_OK);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&b, path, NULL, &rep), SAVE_OK);
	save_report_free(&rep);
	editor_free(&b);
}

static struct plan *must_load(const char *text)
{
	struct load_error err;
	struct plan *plan = plan_load_buffer(text, strlen(text), &err);
	ck_assert_msg(plan != NULL, "load failed: %lu:%lu: %s", err.line, err.col,
	              plan ? "" : load_error_message(&err, (char[400]){ "" }, 400));
	return plan;
}

/* What a reload report says. */
static const char *said(const struct reload_report *r, enum reload_status st, const char *path)
{
	static char buf[4096];
	describe_reload(r, st, path, buf, sizeof buf);
	return buf;
}

/* ---- file stamps ------------------------------------------------------- */

START_TEST(stamp_notices_changes)
{
	struct fixture fx;
	fixture_open(&fx);
	struct file_stamp old, now;
	ck_assert_int_eq(file_stamp_get(fx.path, &old), 0);
	ck_assert(old.exists);
	ck_assert(!file_changed(fx.path, &old, &now));
	ck_assert(file_stamp_equal(&old, &now));

	/* a save by another session (rename: a new inode) */
	other_session_saves(fx.path, "1-1", 2013, FIELD_STATUS, "done");
	ck_assert(file_changed(fx.path, &old, &now));
	old = now;
	ck_assert(!file_changed(fx.path, &old, &now));

	/* an edit in place (same inode), as some text editors save */
	char *data;
	size_t len;
	ck_assert_int_eq(file_read_all(fx.path, (size_t)64 << 20, &data, &len), 0);
	FILE *f = fopen(fx.path, "ab");
	ck_assert_ptr_nonnull(f);
	fputs("# 手で追記\n", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert(file_changed(fx.path, &old, &now));
	ck_assert_int_eq(now.ino, old.ino);
	ck_assert_int_gt(now.size, (long long)len);
	old = now;

	/* gone, and back */
	ck_assert_int_eq(unlink(fx.path), 0);
	ck_assert(file_changed(fx.path, &old, &now));
	ck_assert(!now.exists);
	ck_assert_int_eq(now.error, ENOENT);
	old = now;
	ck_assert(!file_changed(fx.path, &old, &now));
	write_bytes(fx.path, data, len);
	ck_assert(file_changed(fx.path, &old, &now));
	free(data);
	fixture_close(&fx);
}
END_TEST

/* ---- reload ------------------------------------------------------------ */

START_TEST(reload_unchanged)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor a;
	open_editor(&a, fx.path);
	ck_assert_int_eq(editor_set(&a, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	struct reload_report r;
	ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_UNCHANGED);
	reload_report_free(&r);
	ck_assert_uint_eq(editor_unsaved(&a), 1);
	/* our own save is not someone else's change */
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
	save_report_free(&rep);
	ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_UNCHANGED);
	reload_report_free(&r);
	editor_free(&a);
	fixture_close(&fx);
}
END_TEST

START_TEST(reload_keeps_edits_and_merges)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor a;
	open_editor(&a, fx.path);
	ck_assert_int_eq(editor_set(&a, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	ck_assert_int_eq(editor_set(&a, "5-2", 2015, FIELD_NOTE, "Aの備考"), EDIT_OK);
	ck_assert_str_eq(get(a.plan, "2-3", 2013, FIELD_STATUS), "in_progress");

	other_session_saves(fx.path, "2-3", 2013, FIELD_STATUS, "delayed");
	other_session_saves(fx.path, "4-1", 2015, FIELD_NOTE, "Bの備考");

	struct reload_report r;
	ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_OK);
	ck_assert_uint_eq(r.n_changes, 2);
	ck_assert_str_eq(r.changes[0].item_id, "2-3");
	ck_assert_int_eq(r.changes[0].year, 2013);
	ck_assert_int_eq(r.changes[0].field, FIELD_STATUS);
	ck_assert_str_eq(r.changes[0].before, "in_progress");
	ck_assert_str_eq(r.changes[0].after, "delayed");
	ck_assert_str_eq(r.changes[1].item_id, "4-1");
	ck_assert_ptr_null(r.changes[1].before);
	ck_assert_str_eq(r.changes[1].after, "Bの備考");
	ck_assert_uint_eq(r.kept, 2);
	ck_assert_uint_eq(r.dropped, 0);
	ck_assert_uint_eq(r.n_conflicts, 0);
	ck_assert_uint_eq(r.n_lost, 0);
	ck_assert_uint_eq(r.entries_added + r.entries_removed, 0);
	const char *m = said(&r, RELOAD_OK, fx.path);
	ck_assert_msg(strstr(m, "another session changed 2 fields: 2-3 2013 status: "
	                     "in_progress -> delayed; 4-1 2015 note: (none) -> Bの備考"), "%s", m);
	ck_assert_msg(strstr(m, "your 2 unsaved edits are kept"), "%s", m);
	char line[128];
	const struct field_change *fc = &r.changes[0];
	describe_field_change(fc->item_id, fc->year, fc->field, fc->before, fc->after, line,
	                      sizeof line);
	ck_assert_str_eq(line, "2-3 2013 status: in_progress -> delayed");
	reload_report_free(&r);

	/* the model shows theirs and ours */
	ck_assert_str_eq(get(a.plan, "2-3", 2013, FIELD_STATUS), "delayed");
	ck_assert_str_eq(get(a.plan, "4-1", 2015, FIELD_NOTE), "Bの備考");
	ck_assert_str_eq(get(a.plan, "1-1", 2013, FIELD_STATUS), "done");
	ck_assert_str_eq(get(a.plan, "5-2", 2015, FIELD_NOTE), "Aの備考");
	ck_assert_uint_eq(editor_unsaved(&a), 2);

	/* nothing more to merge at the save: the file is what we reloaded */
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
	ck_assert_uint_eq(rep.written, 2);
	ck_assert_uint_eq(rep.merged, 0);
	save_report_free(&rep);
	struct editor check;
	open_editor(&check, fx.path);
	ck_assert_str_eq(get(check.plan, "2-3", 2013, FIELD_STATUS), "delayed");
	ck_assert_str_eq(get(check.plan, "4-1", 2015, FIELD_NOTE), "Bの備考");
	ck_assert_str_eq(get(check.plan, "1-1", 2013, FIELD_STATUS), "done");
	ck_assert_str_eq(get(check.plan, "5-2", 2015, FIELD_NOTE), "Aの備考");
	editor_free(&check);
	editor_free(&a);
	fixture_close(&fx);
}
END_TEST

START_TEST(reload_drops_the_same_change)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor a;
	open_editor(&a, fx.path);
	ck_assert_int_eq(editor_set(&a, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	other_session_saves(fx.path, "1-1", 2013, FIELD_STATUS, "done");
	struct reload_report r;
	ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_OK);
	ck_assert_uint_eq(r.n_changes, 1);
	ck_assert_uint_eq(r.dropped, 1);
	ck_assert_uint_eq(r.kept, 0);
	reload_report_free(&r);
	ck_assert_uint_eq(editor_unsaved(&a), 0);
	ck_assert_str_eq(get(a.plan, "1-1", 2013, FIELD_STATUS), "done");
	/* undo still works and makes a real change against the new file */
	ck_assert(editor_undo(&a, NULL));
	ck_assert_str_eq(get(a.plan, "1-1", 2013, FIELD_STATUS), "in_progress");
	ck_assert_uint_eq(editor_unsaved(&a), 1);
	ck_assert_str_eq(a.changes[0].base, "done");
	editor_free(&a);
	fixture_close(&fx);
}
END_TEST

START_TEST(reload_reports_conflicts)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor a;
	open_editor(&a, fx.path);
	ck_assert_int_eq(editor_set(&a, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	ck_assert_int_eq(editor_set(&a, "3-1", 2014, FIELD_PLAN, "Aの計画"), EDIT_OK);
	other_session_saves(fx.path, "1-1", 2013, FIELD_STATUS, "delayed");
	struct reload_report r;
	ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_OK);
	ck_assert_uint_eq(r.n_conflicts, 1);
	ck_assert_str_eq(r.conflicts[0].item_id, "1-1");
	ck_assert_int_eq(r.conflicts[0].year, 2013);
	ck_assert_str_eq(r.conflicts[0].base, "in_progress");
	ck_assert_str_eq(r.conflicts[0].theirs, "delayed");
	ck_assert_str_eq(r.conflicts[0].ours, "done");
	ck_assert_uint_eq(r.kept, 2);
	ck_assert_msg(strstr(said(&r, RELOAD_OK, fx.path), "1 of your edits conflicts (yours kept): "
	                     "1-1 2013 status: delayed -> done"), "%s", said(&r, RELOAD_OK, fx.path));
	/* ours stays in the model, pending against their value */
	ck_assert_str_eq(get(a.plan, "1-1", 2013, FIELD_STATUS), "done");
	ck_assert_uint_eq(editor_unsaved(&a), 2);

	/* take theirs: the model shows it and nothing is pending for it */
	struct conflict c = r.conflicts[0];
	ck_assert_int_eq(editor_resolve(&a, &c, false), EDIT_OK);
	ck_assert_str_eq(get(a.plan, "1-1", 2013, FIELD_STATUS), "delayed");
	ck_assert_uint_eq(editor_unsaved(&a), 1);
	reload_report_free(&r);
	editor_free(&a);
	fixture_close(&fx);
}
END_TEST

START_TEST(reload_conflict_is_settled_before_a_save)
{
	/* A conflict seen by the reload is never written silently: the save
	 * reports it (base, theirs, ours) and writes nothing until the user
	 * chooses; then ours or theirs lands. */
	for (int keep_ours = 0; keep_ours <= 1; keep_ours++) {
		struct fixture fx;
		fixture_open(&fx);
		struct editor a;
		open_editor(&a, fx.path);
		const char *base = get(a.plan, "1-1", 2013, FIELD_STATUS);
		char *base_copy = strdup(base);
		ck_assert_int_eq(editor_set(&a, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
		other_session_saves(fx.path, "1-1", 2013, FIELD_STATUS, "delayed");
		struct reload_report r;
		ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_OK);
		ck_assert_uint_eq(r.n_conflicts, 1);
		reload_report_free(&r);
		size_t len, len2;
		char *before, *after;
		ck_assert_int_eq(file_read_all(fx.path, 1 << 24, &before, &len), 0);
		struct save_report rep;
		ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_CONFLICT);
		ck_assert_uint_eq(rep.n_conflicts, 1);
		ck_assert_str_eq(rep.conflicts[0].base, base_copy);
		ck_assert_str_eq(rep.conflicts[0].theirs, "delayed");
		ck_assert_str_eq(rep.conflicts[0].ours, "done");
		ck_assert_int_eq(file_read_all(fx.path, 1 << 24, &after, &len2), 0);
		ck_assert(len == len2 && memcmp(before, after, len) == 0);   /* nothing written */
		free(before);
		free(after);
		ck_assert_int_eq(editor_resolve(&a, &rep.conflicts[0], keep_ours), EDIT_OK);
		save_report_free(&rep);
		if (keep_ours) {
			ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
			ck_assert_uint_eq(rep.written, 1);
			save_report_free(&rep);
		} else {
			ck_assert_uint_eq(editor_unsaved(&a), 0);
		}
		struct editor check;
		open_editor(&check, fx.path);
		ck_assert_str_eq(get(check.plan, "1-1", 2013, FIELD_STATUS),
		                 keep_ours ? "done" : "delayed");
		editor_free(&check);
		editor_free(&a);
		free(base_copy);
		fixture_close(&fx);
	}
}
END_TEST

START_TEST(reload_conflict_ends_when_the_file_goes_back)
{
	/* They changed our field, then changed it back: the conflict is over,
	 * and the next save writes ours without asking. */
	struct fixture fx;
	fixture_open(&fx);
	struct editor a;
	open_editor(&a, fx.path);
	char *base = strdup(get(a.plan, "1-1", 2013, FIELD_STATUS));
	ck_assert_int_eq(editor_set(&a, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	other_session_saves(fx.path, "1-1", 2013, FIELD_STATUS, "delayed");
	struct reload_report r;
	ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_OK);
	ck_assert_uint_eq(r.n_conflicts, 1);
	reload_report_free(&r);
	other_session_saves(fx.path, "1-1", 2013, FIELD_STATUS, base);
	ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_OK);
	ck_assert_uint_eq(r.n_conflicts, 0);
	reload_report_free(&r);
	ck_assert(!a.changes[0].unsettled);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
	save_report_free(&rep);
	struct editor check;
	open_editor(&check, fx.path);
	ck_assert_str_eq(get(check.plan, "1-1", 2013, FIELD_STATUS), "done");
	editor_free(&check);
	editor_free(&a);
	free(base);
	fixture_close(&fx);
}
END_TEST

START_TEST(reload_refuses_a_broken_file)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor a;
	open_editor(&a, fx.path);
	ck_assert_int_eq(editor_set(&a, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	const struct plan *before = a.plan;
	const char broken[] = "title: [unclosed\n";
	write_bytes(fx.path, broken, sizeof broken - 1);
	struct reload_report r;
	ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_FAILED);
	const char *m = said(&r, RELOAD_FAILED, fx.path);
	ck_assert_msg(strstr(m, "does not load"), "%s", m);
	ck_assert_ptr_nonnull(strstr(m, fx.path));
	ck_assert_int_eq(r.error, RELOAD_E_BROKEN);
	reload_report_free(&r);
	ck_assert_ptr_eq(a.plan, before);
	ck_assert_uint_eq(editor_unsaved(&a), 1);
	ck_assert_str_eq(get(a.plan, "1-1", 2013, FIELD_STATUS), "done");
	ck_assert_int_eq(unlink(fx.path), 0);
	ck_assert_int_eq(editor_reload(&a, fx.path, &r), RELOAD_FAILED);
	m = said(&r, RELOAD_FAILED, fx.path);
	ck_assert_msg(strstr(m, "cannot read"), "%s", m);
	ck_assert_int_eq(r.error, RELOAD_E_READ);
	ck_assert_int_eq(r.err, ENOENT);
	reload_report_free(&r);
	ck_assert_uint_eq(editor_unsaved(&a), 1);
	editor_free(&a);
	fixture_close(&fx);
}
END_TEST

#define HEAD \
	"title: 計画\nprogram: プログラム\nyears: [2011, 2012, 2013]\nreview_year: 2012\n" \
	"statuses:\n  - {key: planned, label: 予定}\n  - {key: done, label: 完了, final: true}\n"
#define ITEM(id, entries) \
	"      - id: \"" id "\"\n        title: 取組\n        departments: [課]\n" \
	"        content: 内容\n        effects: 効果\n        indicators: [{name: 指標, target: 1}]\n" \
	"        schedule:\n" entries
#define POLICY "policies:\n  - id: \"1\"\n    title: 方針\n    items:\n"
#define E(y, plan, st) "          - {year: " #y ", plan: " plan ", status: " st "}\n"

START_TEST(reload_entries_gone_and_added)
{
	struct editor a;
	editor_init(&a, must_load(HEAD POLICY
		ITEM("1-1", E(2011, "調査", "done") E(2012, "改修", "planned"))
		ITEM("1-2", E(2011, "検討", "done") E(2012, "試行", "planned"))));
	ck_assert_int_eq(editor_set(&a, "1-1", 2012, FIELD_STATUS, "done"), EDIT_OK);
	ck_assert_int_eq(editor_set(&a, "1-2", 2012, FIELD_PLAN, "本格実施"), EDIT_OK);
	ck_assert_int_eq(editor_set(&a, "1-2", 2011, FIELD_NOTE, "メモ"), EDIT_OK);
	ck_assert_int_eq(editor_set(&a, "1-2", 2011, FIELD_NOTE, NULL), EDIT_OK);   /* back to base */
	/* theirs: 1-1 lost its 2012 entry and got 2013; 1-2's 2012 plan changed elsewhere */
	struct plan *theirs = must_load(HEAD POLICY
		ITEM("1-1", E(2011, "調査", "done") E(2013, "公開", "planned"))
		ITEM("1-2", E(2011, "検討", "done") E(2012, "試行の継続", "planned")));
	struct reload_report r;
	ck_assert_int_eq(editor_reload_plan(&a, theirs, &r), RELOAD_OK);
	ck_assert_uint_eq(r.entries_added, 1);
	ck_assert_uint_eq(r.entries_removed, 1);
	ck_assert_uint_eq(r.n_lost, 1);
	ck_assert_str_eq(r.lost[0].item_id, "1-1");
	ck_assert_str_eq(r.lost[0].value, "done");
	ck_assert_uint_eq(r.n_conflicts, 1);
	ck_assert_str_eq(r.conflicts[0].theirs, "試行の継続");
	ck_assert_str_eq(r.conflicts[0].ours, "本格実施");
	ck_assert_uint_eq(r.n_changes, 1);
	const char *m = said(&r, RELOAD_OK, "plan.yaml");
	ck_assert_msg(strstr(m, "were lost"), "%s", m);
	ck_assert_msg(strstr(m, "1 entry added, 1 removed"), "%s", m);
	reload_report_free(&r);
	ck_assert_ptr_eq(a.plan, theirs);
	ck_assert_uint_eq(a.n_changes, 1);   /* the undone note is forgotten */
	ck_assert_uint_eq(editor_unsaved(&a), 1);
	ck_assert_str_eq(get(a.plan, "1-2", 2012, FIELD_PLAN), "本格実施");
	/* the conflict is unsettled: the base stays, theirs waits for a choice */
	ck_assert_str_eq(a.changes[0].base, "試行");
	ck_assert(a.changes[0].unsettled);
	ck_assert_str_eq(a.changes[0].theirs, "試行の継続");
	/* the same text again: nothing to do (the plan passed in is freed) */
	char *copy = strndup(a.plan->text, a.plan->text_len);
	ck_assert_int_eq(editor_reload_plan(&a, must_load(copy), &r), RELOAD_UNCHANGED);
	reload_report_free(&r);
	free(copy);
	editor_free(&a);
}
END_TEST

START_TEST(change_format_cuts_long_text)
{
	char longtext[200] = "";
	for (int i = 0; i < 30; i++)
		strcat(longtext, "計画");
	char id[] = "4-3";
	char line[160];
	describe_field_change(id, 2014, FIELD_PLAN, longtext, NULL, line, sizeof line);
	/* 40 bytes of whole characters (13 of 3 bytes) and "..." */
	char want[160];
	snprintf(want, sizeof want, "4-3 2014 plan: %.39s... -> (none)", longtext);
	ck_assert_str_eq(line, want);
	/* a buffer too small never ends inside a character */
	char tiny[20];
	describe_field_change(id, 2014, FIELD_PLAN, longtext, NULL, tiny, sizeof tiny);
	ck_assert_str_eq(tiny, "4-3 2014 plan: 計");
}
END_TEST

static Suite *reload_suite(void)
{
	Suite *s = suite_create("reload");
	TCase *tc = tcase_create("stamp");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, stamp_notices_changes);
	suite_add_tcase(s, tc);
	tc = tcase_create("reload");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, reload_unchanged);
	tcase_add_test(tc, reload_keeps_edits_and_merges);
	tcase_add_test(tc, reload_drops_the_same_change);
	tcase_add_test(tc, reload_reports_conflicts);
	tcase_add_test(tc, reload_conflict_is_settled_before_a_save);
	tcase_add_test(tc, reload_conflict_ends_when_the_file_goes_back);
	tcase_add_test(tc, reload_refuses_a_broken_file);
	tcase_add_test(tc, reload_entries_gone_and_added);
	tcase_add_test(tc, change_format_cuts_long_text);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(reload_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
