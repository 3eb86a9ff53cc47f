/* check_access.c - who may change what: the access file read as strictly
 * as a plan (every error a code with its line and column), the rights it
 * gives, the editor's gate on every change (keys, undo, rescued edits), a
 * reload that never re-applies an edit the rules refuse on the new file,
 * a save that refuses one, and the word splitter of forced commands.
 * Files are written in a fresh directory under $TMPDIR. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access.h"
#include "describe.h"
#include "edit.h"
#include "fileio.h"
#include "load.h"
#include "plan.h"
#include "reload.h"
#include "save.h"
#include "shellwords.h"

/* ---- the access file */

static struct access *must_load(const char *text)
{
	struct access_error err;
	struct access *acc = access_load_buffer(text, strlen(text), &err);
	char msg[1024];

	if (!acc) {
		describe_access_error(&err, "a.yaml", msg, sizeof msg);
		ck_abort_msg("%s", msg);
	}
	return acc;
}

START_TEST(access_reads_the_issue_example)
{
	struct access *acc = must_load(
		"users:\n"
		"  tanaka: {departments: [財政課]}   # may edit items of 財政課\n"
		"  suzuki: {role: viewer}            # read-only\n"
		"  sato:   {role: editor}            # may edit everything\n"
		"  kato:\n"
		"    departments:\n"
		"      - 政策課\n"
		"      - 財政課\n"
		"    lang: ja\n"
		"    ambiwidth: 2\n"
		"    name: 加藤 一郎\n"
		"    email: kato@example.jp\n"
		"commit: true\n");
	const struct access_user *u;

	ck_assert_uint_eq(acc->n_users, 4);
	ck_assert(acc->commit);
	u = access_find(acc, "tanaka");
	ck_assert_ptr_nonnull(u);
	ck_assert_int_eq(u->role, ACCESS_EDITOR);   /* departments make an editor */
	ck_assert_uint_eq(u->n_departments, 1);
	ck_assert_str_eq(u->departments[0], "財政課");
	ck_assert_uint_eq(u->line, 2);
	ck_assert_int_eq(access_find(acc, "suzuki")->role, ACCESS_VIEWER);
	ck_assert_int_eq(access_find(acc, "sato")->role, ACCESS_EDITOR);
	ck_assert_uint_eq(access_find(acc, "sato")->n_departments, 0);
	u = access_find(acc, "kato");
	ck_assert_uint_eq(u->n_departments, 2);
	ck_assert_str_eq(u->lang, "ja");
	ck_assert_str_eq(u->ambiwidth, "2");
	ck_assert_str_eq(u->full_name, "加藤 一郎");
	ck_assert_str_eq(u->email, "kato@example.jp");
	ck_assert_ptr_null(access_find(acc, "yamada"));
	ck_assert_ptr_null(access_find(acc, "TANAKA"));   /* names are exact */
	access_free(acc);
}
END_TEST

START_TEST(access_bom_and_empty_user)
{
	/* a BOM is fine; a user with nothing is a viewer (who may have a language) */
	struct access *acc = must_load("\xEF\xBB\xBFusers:\n  a: {}\n  b: {lang: en}\n");

	ck_assert_int_eq(access_find(acc, "a")->role, ACCESS_VIEWER);
	ck_assert_int_eq(access_find(acc, "b")->role, ACCESS_VIEWER);
	access_free(acc);
}
END_TEST

/* Each broken file: its code, line and column, and a word of the message. */
static const struct bad_access {
	const char *text;
	enum access_code code;
	unsigned long line, col;
	const char *says;
} bad_access[] = {
	{ "", ACCESS_EMPTY, 1, 1, "empty" },
	{ "# only a comment\n", ACCESS_EMPTY, 2, 1, "empty" },
	{ "- a\n", ACCESS_EXPECTED, 1, 1, "mapping at the top" },
	{ "users: [tanaka]\n", ACCESS_EXPECTED, 1, 8, "login names" },
	{ "user:\n  tanaka: {role: viewer}\n", ACCESS_UNKNOWN_KEY, 1, 1, "users, commit" },
	{ "commit: true\n", ACCESS_NO_USERS, 1, 1, "users" },
	{ "users:\n  tanaka: {role: admin}\n", ACCESS_BAD_ROLE, 2, 18, "viewer or editor" },
	{ "users:\n  tanaka: {role: viewer, departments: [財政課]}\n",
	  ACCESS_VIEWER_DEPARTMENTS, 2, 3, "viewer" },
	{ "users:\n  tanaka: {departments: 財政課}\n", ACCESS_EXPECTED, 2, 25, "departments" },
	{ "users:\n  tanaka: {departments: [[財政課]]}\n", ACCESS_EXPECTED, 2, 26, "department" },
	{ "users:\n  tanaka: {departments: [{a: b}]}\n", ACCESS_EXPECTED, 2, 26, "department" },
	{ "users:\n  tanaka: {departments: []}\n", ACCESS_NO_DEPARTMENTS, 2, 25, "empty" },
	{ "users:\n  tanaka: {departments: ['']}\n", ACCESS_EMPTY_DEPARTMENT, 2, 26, "empty" },
	{ "users:\n  tanaka: {departments: [財政課], scope: all}\n", ACCESS_UNKNOWN_KEY, 2, 32,
	  "role, departments, lang, ambiwidth, name, email" },
	{ "users:\n  tanaka: {role: editor, role: viewer}\n", ACCESS_DUPLICATE_KEY, 2, 26,
	  "role" },
	{ "users:\n  tanaka: {}\n  tanaka: {}\n", ACCESS_DUPLICATE_KEY, 3, 3, "twice" },
	{ "users:\n  tanaka: {lang: fr}\n", ACCESS_BAD_LANG, 2, 18, "ja or en" },
	{ "users:\n  tanaka: {ambiwidth: 3}\n", ACCESS_BAD_AMBIWIDTH, 2, 23, "1 or 2" },
	{ "users:\n  tanaka: {role: [viewer]}\n", ACCESS_EXPECTED, 2, 18, "role" },
	{ "users:\n  tanaka\n", ACCESS_EXPECTED, 2, 3, "login names" },
	{ "users:\n  tanaka:\n", ACCESS_EXPECTED, 2, 10, "mapping {role" },
	{ "users:\n  '-rf': {}\n", ACCESS_BAD_USER_NAME, 2, 3, "login name" },
	{ "users:\n  'a b': {}\n", ACCESS_BAD_USER_NAME, 2, 3, "login name" },
	{ "users:\n  田中: {}\n", ACCESS_BAD_USER_NAME, 2, 3, "login name" },
	{ "users: {}\ncommit: yes\n", ACCESS_BAD_BOOLEAN, 2, 9, "true or false" },
	{ "users: &u {}\n", ACCESS_ANCHOR, 1, 8, "anchors" },
	{ "users: {}\ncommit: *u\n", ACCESS_ALIAS, 2, 9, "aliases" },
	{ "users: !!map {}\n", ACCESS_TAG, 1, 8, "tags" },
	{ "users: {}\n---\nusers: {}\n", ACCESS_SECOND_DOCUMENT, 2, 1, "one document" },
	{ "users:\n\ttanaka: {}\n", ACCESS_SYNTAX, 2, 1, "tab" },
	{ "users: {tanaka: {role: viewer}\n", ACCESS_SYNTAX, 2, 1, "}" },
	{ "users:\n  tanaka: {role: \"vie\xff\"}\n", ACCESS_BAD_UTF8, 2, 22, "UTF-8" },
	{ "users:\n  tanaka: {name: \"a\\0b\"}\n", ACCESS_NUL_CHARACTER, 2, 18, "NUL" },
};

START_TEST(access_refuses_with_line_and_column)
{
	const struct bad_access *b = &bad_access[_i];
	struct access_error err;
	char msg[1024];
	struct access *acc = access_load_buffer(b->text, strlen(b->text), &err);

	ck_assert_msg(acc == NULL, "case %d was accepted", _i);
	describe_access_error(&err, "a.yaml", msg, sizeof msg);
	ck_assert_msg(err.code == b->code, "case %d: code %d, not %d (%s)", _i, err.code, b->code,
	              msg);
	ck_assert_msg(err.line == b->line && err.col == b->col,
	              "case %d: at %lu:%lu, not %lu:%lu (%s)", _i, err.line, err.col, b->line,
	              b->col, msg);
	ck_assert_msg(strstr(msg, b->says), "case %d: \"%s\" does not say \"%s\"", _i, msg, b->says);
	ck_assert_msg(strncmp(msg, "a.yaml:", 7) == 0, "case %d: %s", _i, msg);
}
END_TEST

START_TEST(access_file_io_and_size)
{
	struct access_error err;
	char msg[1024], *big;

	ck_assert_ptr_null(access_load_file("/nonexistent/plandash/a.yaml", &err));
	ck_assert_int_eq(err.code, ACCESS_IO);
	ck_assert_int_eq(err.num, ENOENT);
	big = calloc(ACCESS_MAX_BYTES + 2, 1);
	ck_assert_ptr_nonnull(big);
	memset(big, '#', ACCESS_MAX_BYTES + 1);
	ck_assert_ptr_null(access_load_buffer(big, ACCESS_MAX_BYTES + 1, &err));
	ck_assert_int_eq(err.code, ACCESS_TOO_LARGE);
	describe_access_error(&err, "a.yaml", msg, sizeof msg);
	ck_assert_str_eq(msg, "a.yaml: the file is larger than 1024 KiB");
	free(big);
}
END_TEST

START_TEST(access_names)
{
	ck_assert(access_name_valid("tanaka"));
	ck_assert(access_name_valid("t.tanaka_2-x@city"));
	ck_assert(!access_name_valid(""));
	ck_assert(!access_name_valid("-tanaka"));
	ck_assert(!access_name_valid("tana ka"));
	ck_assert(!access_name_valid("tanaka\n"));
	ck_assert(!access_name_valid("../x"));
	ck_assert(!access_name_valid("田中"));
	ck_assert(!access_name_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}
END_TEST

/* ---- rights */

#define HEAD \
	"title: 計画\nprogram: プログラム\nyears: [2012, 2013]\nreview_year: 2013\n" \
	"statuses:\n  - {key: planned, label: 予定}\n  - {key: done, label: 完了, final: true}\n" \
	"policies:\n  - id: \"1\"\n    title: 方針\n    items:\n"
#define ITEM(id, depts) \
	"      - id: \"" id "\"\n        title: 取組\n        departments: " depts "\n" \
	"        content: 内容\n        effects: 効果\n        indicators: [{name: 指標, target: 1}]\n" \
	"        schedule:\n" \
	"          - {year: 2012, plan: 計画, status: planned}\n" \
	"          - {year: 2013, plan: 計画, status: planned}\n"
#define PLAN HEAD ITEM("1-1", "[財政課]") ITEM("1-2", "[政策課, 財政課]") ITEM("1-3", "[政策課]")
#define RULES "users:\n  tanaka: {departments: [財政課]}\n  suzuki: {role: viewer}\n" \
	"  sato: {role: editor}\n"

static struct plan *must_plan(const char *text)
{
	struct load_error err;
	struct plan *plan = plan_load_buffer(text, strlen(text), &err);
	char msg[600];

	if (!plan) {
		load_error_format(&err, "plan", msg, sizeof msg);
		ck_abort_msg("%s", msg);
	}
	return plan;
}

START_TEST(rights_by_role_and_department)
{
	struct access *acc = must_load(RULES);
	struct plan *plan = must_plan(PLAN);
	struct access_rights r;
	char buf[512];

	access_rights_for(acc, "tanaka", &r);
	ck_assert(r.rules && r.listed && !access_read_only(&r));
	ck_assert_int_eq(access_check_id(&r, plan, "1-1"), ACCESS_ALLOWED);
	ck_assert_int_eq(access_check_id(&r, plan, "1-2"), ACCESS_ALLOWED);   /* one of two */
	ck_assert_int_eq(access_check_id(&r, plan, "1-3"), ACCESS_OUT_OF_SCOPE);
	ck_assert_int_eq(access_check_id(&r, plan, "9-9"), ACCESS_OUT_OF_SCOPE);
	describe_scope(&r, buf, sizeof buf);
	ck_assert_str_eq(buf, "tanaka: 財政課");
	describe_access_refusal(&r, ACCESS_OUT_OF_SCOPE, plan_find_item(plan, "1-3"), buf,
	                        sizeof buf);
	ck_assert_str_eq(buf, "1-3 belongs to 政策課; tanaka may change only the items of 財政課");

	access_rights_for(acc, "suzuki", &r);
	ck_assert(access_read_only(&r));
	ck_assert_int_eq(access_check_id(&r, plan, "1-1"), ACCESS_READ_ONLY);
	describe_scope(&r, buf, sizeof buf);
	ck_assert_str_eq(buf, "suzuki");

	access_rights_for(acc, "yamada", &r);     /* not listed: a viewer */
	ck_assert(r.rules && !r.listed && access_read_only(&r));
	ck_assert_int_eq(access_check_item(&r, plan_find_item(plan, "1-1")), ACCESS_READ_ONLY);

	access_rights_for(acc, "sato", &r);
	ck_assert_int_eq(access_check_id(&r, plan, "1-3"), ACCESS_ALLOWED);
	describe_scope(&r, buf, sizeof buf);
	ck_assert_str_eq(buf, "sato: every item");

	access_rights_for(NULL, "anyone", &r);    /* no access file: no rules */
	ck_assert(!r.rules && !access_read_only(&r));
	ck_assert_int_eq(access_check_id(&r, plan, "1-3"), ACCESS_ALLOWED);
	describe_scope(&r, buf, sizeof buf);
	ck_assert_str_eq(buf, "");
	plan_free(plan);
	access_free(acc);
}
END_TEST

/* ---- the editor's gate */

START_TEST(gate_refuses_out_of_scope_everywhere)
{
	struct access *acc = must_load(RULES);
	struct access_rights r;
	struct editor ed;
	const struct edit_step *st;

	access_rights_for(acc, "tanaka", &r);
	editor_init(&ed, must_plan(PLAN));
	editor_set_gate(&ed, access_gate, &r);
	ck_assert_int_eq(editor_set(&ed, "1-3", 2013, FIELD_STATUS, "done"), EDIT_REFUSED);
	ck_assert_int_eq(editor_set(&ed, "1-3", 2013, FIELD_NOTE, "x"), EDIT_REFUSED);
	ck_assert_uint_eq(editor_unsaved(&ed), 0);
	ck_assert_uint_eq(ed.n_undo, 0);           /* nothing recorded */
	ck_assert_int_eq(editor_set_rescued(&ed, "1-3", 2013, FIELD_STATUS, "planned", "done"),
	                 EDIT_REFUSED);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	ck_assert_uint_eq(editor_unsaved(&ed), 1);
	/* the rules change under the editor (a reload would do this): undo
	 * back to the file's value stays possible, redo does not */
	access_rights_for(acc, "suzuki", &r);
	ck_assert(editor_undo(&ed, &st));
	ck_assert_uint_eq(editor_unsaved(&ed), 0);
	ck_assert(!editor_redo(&ed, &st));
	ck_assert_uint_eq(editor_unsaved(&ed), 0);
	editor_free(&ed);
	access_free(acc);
}
END_TEST

/* ---- reload and save when the item's departments changed on disk */

struct fixture {
	char dir[PATH_MAX];
	char path[PATH_MAX + 16];
};

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

static void fixture_open(struct fixture *fx, const char *text)
{
	const char *t = getenv("TMPDIR");

	snprintf(fx->dir, sizeof fx->dir, "%s/plandash-access.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_msg(mkdtemp(fx->dir) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(fx->path, sizeof fx->path, "%s/plan.yaml", fx->dir);
	write_text(fx->path, text);
}

static void fixture_close(struct fixture *fx)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	ck_assert_int_eq(system(cmd), 0);
}

#define MOVED HEAD ITEM("1-1", "[政策課]") ITEM("1-2", "[政策課, 財政課]") ITEM("1-3", "[政策課]")

START_TEST(reload_never_reapplies_a_refused_edit)
{
	struct access *acc = must_load(RULES);
	struct access_rights r;
	struct reload_report rep;
	struct fixture fx;
	struct editor ed;
	const struct item *it;

	fixture_open(&fx, PLAN);
	access_rights_for(acc, "tanaka", &r);
	editor_init(&ed, must_plan(PLAN));
	editor_set_gate(&ed, access_gate, &r);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	ck_assert_int_eq(editor_set(&ed, "1-2", 2013, FIELD_STATUS, "done"), EDIT_OK);
	/* someone moves 1-1 to 政策課 by hand */
	write_text(fx.path, MOVED);
	ck_assert_int_eq(editor_reload(&ed, fx.path, &rep), RELOAD_OK);
	ck_assert_uint_eq(rep.refused, 1);
	ck_assert_uint_eq(rep.n_lost, 1);         /* kept for the recovery file */
	ck_assert_str_eq(rep.lost[0].item_id, "1-1");
	ck_assert_str_eq(rep.lost[0].value, "done");
	ck_assert_uint_eq(rep.kept, 1);           /* 1-2 is still ours to change */
	it = plan_find_item(ed.plan, "1-1");
	ck_assert_str_eq(entry_field(ed.plan, item_entry_for_year(it, 2013), FIELD_STATUS),
	                 "planned");
	ck_assert_uint_eq(editor_unsaved(&ed), 1);
	ck_assert_ptr_null(editor_find_change(&ed, "1-1", 2013, FIELD_STATUS));
	reload_report_free(&rep);
	editor_free(&ed);
	access_free(acc);
	fixture_close(&fx);
}
END_TEST

START_TEST(save_refuses_an_edit_the_file_no_longer_allows)
{
	struct access *acc = must_load(RULES);
	struct access_rights r;
	struct save_report rep;
	struct fixture fx;
	struct editor ed;
	char *now, msg[2048];
	size_t len;

	fixture_open(&fx, PLAN);
	access_rights_for(acc, "tanaka", &r);
	editor_init(&ed, must_plan(PLAN));
	editor_set_gate(&ed, access_gate, &r);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	write_text(fx.path, MOVED);
	ck_assert_int_eq(editor_save(&ed, fx.path, NULL, &rep), SAVE_FAILED);
	ck_assert_int_eq(rep.error.code, SAVE_E_REFUSED);
	ck_assert_str_eq(rep.error.splice.item_id, "1-1");
	describe_save(&rep, SAVE_FAILED, "plan.yaml", true, msg, sizeof msg);
	ck_assert_msg(strstr(msg, "no longer among the items you may change"), "%s", msg);
	ck_assert_int_eq(file_read_all(fx.path, 1 << 20, &now, &len), 0);
	ck_assert_str_eq(now, MOVED);             /* untouched */
	ck_assert_uint_eq(editor_unsaved(&ed), 1);   /* and the edit is kept */
	free(now);
	save_report_free(&rep);
	editor_free(&ed);
	access_free(acc);
	fixture_close(&fx);
}
END_TEST

/* ---- forced commands: the word splitter */

static const struct split_ok {
	const char *line;
	const char *words[6];
} split_ok[] = {
	{ "", { NULL } },
	{ " \t ", { NULL } },
	{ "get 4-3 2014", { "get", "4-3", "2014", NULL } },
	{ "  set  4-3\t2014 done ", { "set", "4-3", "2014", "done", NULL } },
	{ "set 4-3 2014 done --note '予算 (案) を提出; 済'",
	  { "set", "4-3", "2014", "done", "--note", "予算 (案) を提出; 済" } },
	{ "a\"b c\"'d e'f", { "ab cd ef", NULL } },
	{ "\"\" ''", { "", "", NULL } },
	{ "\"a \\\"q\\\" \\\\ \\$ \\x\"", { "a \"q\" \\ $ \\x", NULL } },
	{ "a\\ b \\'c\\;", { "a b", "'c;", NULL } },
	{ "'it''s'", { "its", NULL } },
	{ "x#y", { "x#y", NULL } },
	{ "平成25年度 完了", { "平成25年度", "完了", NULL } },
};

START_TEST(shellwords_splits)
{
	const struct split_ok *c = &split_ok[_i];
	struct shellwords w;
	struct shellwords_error err;
	size_t n = 0;

	ck_assert_msg(shellwords_split(c->line, &w, &err) == 0, "case %d refused: %d", _i,
	              err.code);
	while (n < 6 && c->words[n])
		n++;
	ck_assert_msg(w.n == n, "case %d: %zu words, not %zu", _i, w.n, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(w.words[i], c->words[i]);
	ck_assert_ptr_null(w.words[n]);
	shellwords_free(&w);
}
END_TEST

static const struct split_bad {
	const char *line;
	enum shellwords_code code;
	unsigned long col;
} split_bad[] = {
	{ "get '4-3 2014", SHELLWORDS_OPEN_SINGLE, 5 },
	{ "set 4-3 2014 done --note \"x", SHELLWORDS_OPEN_DOUBLE, 26 },
	{ "get 4-3 2014\\", SHELLWORDS_BACKSLASH_END, 13 },
	{ "get 4-3 2014; rm -rf /", SHELLWORDS_SYNTAX, 13 },
	{ "get 4-3 2014 | tee x", SHELLWORDS_SYNTAX, 14 },
	{ "get 4-3 2014 && ls", SHELLWORDS_SYNTAX, 14 },
	{ "get 4-3 $(id)", SHELLWORDS_SYNTAX, 9 },
	{ "get 4-3 `id`", SHELLWORDS_SYNTAX, 9 },
	{ "get 4-3 2014 > x", SHELLWORDS_SYNTAX, 14 },
	{ "get 4-3 2014 < x", SHELLWORDS_SYNTAX, 14 },
	{ "get (4-3)", SHELLWORDS_SYNTAX, 5 },
	{ "get 4-3 2014 # all", SHELLWORDS_SYNTAX, 14 },
	{ "get 4-3\n2014", SHELLWORDS_CONTROL, 8 },
	{ "set 4-3 2014 done --note '\x1b[2J'", SHELLWORDS_CONTROL, 27 },
	{ "set 4-3 2014 done --note \"\xc2\x9b\"", SHELLWORDS_CONTROL, 27 },
	{ "get 4-3 \xff", SHELLWORDS_BAD_UTF8, 9 },
	{ "平成 \"完了", SHELLWORDS_OPEN_DOUBLE, 4 },
};

START_TEST(shellwords_refuses)
{
	const struct split_bad *c = &split_bad[_i];
	struct shellwords w;
	struct shellwords_error err;
	char msg[256];

	ck_assert_msg(shellwords_split(c->line, &w, &err) != 0, "case %d accepted", _i);
	ck_assert_msg(err.code == c->code && err.col == c->col, "case %d: %d at %lu, not %d at %lu",
	              _i, err.code, err.col, c->code, c->col);
	ck_assert_ptr_null(w.words);
	describe_shellwords_error(&err, msg, sizeof msg);
	ck_assert(msg[0] != '\0');
}
END_TEST

START_TEST(shellwords_limits)
{
	char *line = malloc(SHELLWORDS_MAX_BYTES + 2);
	struct shellwords w;
	struct shellwords_error err;

	ck_assert_ptr_nonnull(line);
	memset(line, 'a', SHELLWORDS_MAX_BYTES + 1);
	line[SHELLWORDS_MAX_BYTES + 1] = '\0';
	ck_assert_int_ne(shellwords_split(line, &w, &err), 0);
	ck_assert_int_eq(err.code, SHELLWORDS_TOO_LONG);
	for (int i = 0; i < SHELLWORDS_MAX_WORDS + 1; i++)
		memcpy(line + 2 * i, "a ", 2);
	line[2 * (SHELLWORDS_MAX_WORDS + 1)] = '\0';
	ck_assert_int_ne(shellwords_split(line, &w, &err), 0);
	ck_assert_int_eq(err.code, SHELLWORDS_TOO_MANY);
	line[2 * SHELLWORDS_MAX_WORDS] = '\0';
	ck_assert_int_eq(shellwords_split(line, &w, &err), 0);
	ck_assert_uint_eq(w.n, SHELLWORDS_MAX_WORDS);
	shellwords_free(&w);
	free(line);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("access");
	TCase *tc = tcase_create("access");
	SRunner *sr;
	int failed;

	setlocale(LC_ALL, "C.UTF-8");     /* the words are checked in English */
	tcase_add_test(tc, access_reads_the_issue_example);
	tcase_add_test(tc, access_bom_and_empty_user);
	tcase_add_loop_test(tc, access_refuses_with_line_and_column, 0,
	                    (int)(sizeof bad_access / sizeof bad_access[0]));
	tcase_add_test(tc, access_file_io_and_size);
	tcase_add_test(tc, access_names);
	tcase_add_test(tc, rights_by_role_and_department);
	tcase_add_test(tc, gate_refuses_out_of_scope_everywhere);
	tcase_add_test(tc, reload_never_reapplies_a_refused_edit);
	tcase_add_test(tc, save_refuses_an_edit_the_file_no_longer_allows);
	tcase_add_loop_test(tc, shellwords_splits, 0, (int)(sizeof split_ok / sizeof split_ok[0]));
	tcase_add_loop_test(tc, shellwords_refuses, 0,
	                    (int)(sizeof split_bad / sizeof split_bad[0]));
	tcase_add_test(tc, shellwords_limits);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
