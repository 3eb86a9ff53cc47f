/* check_rate.c - editing and saving ratings and review dates: a rating
 * changed at a date is a one-line diff, a rating added where the item had
 * none one added line, a review date one `reviews` element; undo, the
 * history line, the recovery round trip, the three-way merge and its
 * conflicts, and the review calendar (review_next_date, review_label).
 * Every test works on a copy of tests/data/save/ratings.yaml in a fresh
 * directory under $TMPDIR. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changelog.h"
#include "describe.h"
#include "edit.h"
#include "fileio.h"
#include "load.h"
#include "merge.h"
#include "plan.h"
#include "recovery.h"
#include "review.h"
#include "save.h"

#define FIXTURE "tests/data/save/ratings.yaml"

/* ---- helpers ---------------------------------------------------------- */

struct fixture {
	char dir[PATH_MAX], path[PATH_MAX + 16];
	char *orig;
	size_t orig_len;
};

static char *read_bytes(const char *path, size_t *len)
{
	char *data;
	int e = file_read_all(path, (size_t)64 << 20, &data, len);
	ck_assert_msg(e == 0, "cannot read %s: %s", path, strerror(e));
	return data;
}

static void fixture_open(struct fixture *fx)
{
	const char *t = getenv("TMPDIR"), *top = getenv("top_srcdir");
	char src[PATH_MAX];
	snprintf(fx->dir, sizeof fx->dir, "%s/plandash-rate.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_msg(mkdtemp(fx->dir) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(fx->path, sizeof fx->path, "%s/plan.yaml", fx->dir);
	snprintf(src, sizeof src, "%s/%s", top ? top : ".", FIXTURE);
	fx->orig = read_bytes(src, &fx->orig_len);
	FILE *f = fopen(fx->path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(fx->orig, 1, fx->orig_len, f), fx->orig_len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Remove the directory and the files a test leaves there (the plan, its
 * history, lock and recovery file). */
static void fixture_close(struct fixture *fx)
{
	DIR *d = opendir(fx->dir);
	ck_assert_ptr_nonnull(d);
	struct dirent *de;
	char p[PATH_MAX + 256];
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			snprintf(p, sizeof p, "%s/%s", fx->dir, de->d_name);
			unlink(p);
		}
	closedir(d);
	ck_assert_msg(rmdir(fx->dir) == 0, "%s: %s", fx->dir, strerror(errno));
	free(fx->orig);
}

static void open_editor(struct editor *ed, const char *path)
{
	struct load_error err;
	int io;
	struct plan *plan = plan_load_file(path, &err, &io);
	if (!plan) {
		char msg[600];
		load_error_format(&err, path, msg, sizeof msg);
		ck_abort_msg("%s", msg);
	}
	editor_init(ed, plan);
}

static void save_ok(struct editor *ed, const char *path)
{
	struct save_report rep;
	enum save_status s = editor_save(ed, path, NULL, &rep);
	if (s != SAVE_OK) {
		char msg[4096];
		describe_save(&rep, s, path, true, msg, sizeof msg);
		ck_abort_msg("save failed (%d): %s", (int)s, msg);
	}
	save_report_free(&rep);
	ck_assert_uint_eq(editor_unsaved(ed), 0);
}

/* Lines of a text, without their '\n'. */
struct lines {
	char **line;
	size_t n;
};

static struct lines split_lines(const char *text, size_t len)
{
	struct lines l = { calloc(len + 2, sizeof(char *)), 0 };
	ck_assert_ptr_nonnull(l.line);
	size_t start = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n') {
			l.line[l.n++] = strndup(text + start, i - start);
			start = i + 1;
		}
	if (start < len)
		l.line[l.n++] = strndup(text + start, len - start);
	return l;
}

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
}

/* The file now against the original: `added` lines inserted (returned
 * joined by '\n' in *ins, malloc'd) and `changed` lines changed in place
 * (the last one in *chg); nothing else differs.  A line inserted is found
 * by a longest-common-prefix-and-suffix walk, good for the one or two
 * edits a test makes. */
static void assert_diff(const struct fixture *fx, size_t added, size_t changed, char **ins,
                        char **chg)
{
	size_t len;
	char *now = read_bytes(fx->path, &len);
	struct lines a = split_lines(fx->orig, fx->orig_len), b = split_lines(now, len);
	ck_assert_uint_eq(a.n + added, b.n);
	size_t i = 0, j = 0, n_ins = 0, n_chg = 0;
	char buf[4096] = "";
	while (i < a.n || j < b.n) {
		size_t skip = 0;   /* lines of b inserted before a's line i */
		if (i == a.n)
			skip = b.n - j;
		else
			for (size_t m = 1; !skip && m <= added - n_ins && j + m < b.n; m++)
				skip = strcmp(a.line[i], b.line[j + m]) ? 0 : m;
		if (i < a.n && j < b.n && !strcmp(a.line[i], b.line[j])) {
			i++, j++;
		} else if (skip) {
			for (; skip; skip--, n_ins++) {
				if (n_ins)
					strncat(buf, "\n", sizeof buf - strlen(buf) - 1);
				strncat(buf, b.line[j++], sizeof buf - strlen(buf) - 1);
			}
		} else {
			ck_assert_msg(i < a.n && j < b.n, "the files end differently");
			n_chg++;
			if (chg) {
				free(*chg);
				*chg = strdup(b.line[j]);
			}
			i++, j++;
		}
	}
	ck_assert_uint_eq(n_ins, added);
	ck_assert_uint_eq(n_chg, changed);
	if (ins)
		*ins = strdup(buf);
	lines_free(&a);
	lines_free(&b);
	free(now);
}

/* The item's rating key at date in plan (NULL: not rated then). */
static const char *rating_of(const struct plan *plan, const char *id, int date)
{
	const char *v = NULL;
	ck_assert(plan_field_get(plan, id, date, FIELD_RATING, &v));
	return v;
}

/* ---- one-line diffs ----------------------------------------------------- */

START_TEST(change_a_rating_is_one_line)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_str_eq(rating_of(ed.plan, "1-1", 20160331), "A");
	ck_assert_int_eq(editor_set_rating(&ed, "1-1", 20160331, "B"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&ed, "1-6", 20150930, "A"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&ed, "1-2", 20150930, "S"), EDIT_UNCHANGED);
	ck_assert_uint_eq(editor_unsaved(&ed), 2);
	save_ok(&ed, fx.path);
	char *chg = NULL;
	assert_diff(&fx, 0, 2, NULL, &chg);
	ck_assert_str_eq(chg, "            rating: A");   /* 1-6's block mapping */
	free(chg);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	ck_assert_ptr_nonnull(strstr(now, "- {date: \"2016-03-31\", rating: B, note: 順調}   # a note"));
	free(now);
	editor_free(&ed);

	struct editor again;   /* what was saved reads back */
	open_editor(&again, fx.path);
	ck_assert_str_eq(rating_of(again.plan, "1-1", 20160331), "B");
	ck_assert_str_eq(rating_of(again.plan, "1-6", 20150930), "A");
	editor_free(&again);
	fixture_close(&fx);
}
END_TEST

/* Adding a rating where the item had none adds one line, whatever the
 * shape of its `ratings:`: a block list of block mappings, a block
 * list last in the item at the end of the file; a flow list (empty or not)
 * takes the element on its own line instead, a one-line change; an item
 * with no `ratings:` gets the key and one element, two lines. */
START_TEST(add_a_rating_is_one_added_line)
{
	static const char *const ids[] = { "1-2", "1-3", "1-4", "1-6", "1-7" };
	static const size_t added[] = { 0, 0, 2, 1, 1 };   /* 1-4: the key and one element */
	for (size_t k = 0; k < sizeof ids / sizeof *ids; k++) {
		struct fixture fx;
		fixture_open(&fx);
		struct editor ed;
		open_editor(&ed, fx.path);
		ck_assert_ptr_null(rating_of(ed.plan, ids[k], 20160331));
		ck_assert_int_eq(editor_set_rating(&ed, ids[k], 20160331, "S"), EDIT_OK);
		save_ok(&ed, fx.path);
		char *ins = NULL;
		assert_diff(&fx, added[k], !added[k], added[k] ? &ins : NULL,
		            added[k] ? NULL : &ins);
		ck_assert_msg(strstr(ins, "rating: S") && strstr(ins, "\"2016-03-31\""),
		              "%s: inserted \"%s\"", ids[k], ins);
		free(ins);
		editor_free(&ed);
		struct editor again;
		open_editor(&again, fx.path);
		ck_assert_str_eq(rating_of(again.plan, ids[k], 20160331), "S");
		editor_free(&again);
		fixture_close(&fx);
	}
}
END_TEST

START_TEST(add_a_review_date_is_one_element)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor ed;
	open_editor(&ed, fx.path);
	int next = review_next_date(ed.plan);
	ck_assert_int_eq(next, 20160930);
	char label[64];
	review_label(ed.plan, next, label, sizeof label);
	ck_assert_str_eq(label, "平成28年9月末");
	ck_assert_int_eq(editor_add_review(&ed, next, label), EDIT_OK);
	/* the items rated at it: one line each */
	ck_assert_int_eq(editor_set_rating(&ed, "1-1", next, "A"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&ed, "1-7", next, "B"), EDIT_OK);
	/* a date before the last one cannot be added */
	ck_assert_int_eq(editor_add_review(&ed, 20160101, "x"), EDIT_REVIEW_ORDER);
	save_ok(&ed, fx.path);
	char *ins = NULL;
	assert_diff(&fx, 3, 0, &ins, NULL);
	ck_assert_msg(strstr(ins, "date: \"2016-09-30\", label: 平成28年9月末"), "%s", ins);
	ck_assert_msg(strstr(ins, "{date: \"2016-09-30\", rating: A}"), "%s", ins);
	free(ins);
	editor_free(&ed);
	struct editor again;
	open_editor(&again, fx.path);
	ck_assert_uint_eq(again.plan->n_reviews, 3);
	ck_assert_int_eq(again.plan->reviews[2].ymd, 20160930);
	ck_assert_str_eq(again.plan->reviews[2].label, "平成28年9月末");
	ck_assert_str_eq(rating_of(again.plan, "1-7", 20160930), "B");
	editor_free(&again);
	fixture_close(&fx);
}
END_TEST

START_TEST(refusals_leave_no_trace)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set_rating(&ed, "1-1", 20160331, "C"), EDIT_BAD_RATING);
	ck_assert_int_eq(editor_set_rating(&ed, "1-1", 20160430, "A"), EDIT_NO_REVIEW);
	ck_assert_int_eq(editor_set_rating(&ed, "9-9", 20160331, "A"), EDIT_NOT_FOUND);
	ck_assert_int_eq(editor_set_rating_note(&ed, "1-3", 20160331, "x"), EDIT_NOT_FOUND);
	/* a rating with a note is not taken out silently */
	ck_assert_int_eq(editor_set_rating(&ed, "1-1", 20160331, NULL), EDIT_BAD_RATING);
	ck_assert_int_eq(editor_set(&ed, "1-1", 20160331, FIELD_RATING, NULL),
	                 EDIT_RATING_HAS_NOTE);
	ck_assert_uint_eq(editor_unsaved(&ed), 0);
	char msg[512];
	describe_edit(EDIT_BAD_RATING, ed.plan, "1-1", 20160331, FIELD_RATING, "C", msg,
	              sizeof msg);
	ck_assert_str_eq(msg, "unknown rating \"C\" (expected one of: S, A, B)");
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

/* ---- undo, the history, recovery ---------------------------------------- */

START_TEST(undo_and_redo_a_rating)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set_rating(&ed, "1-3", 20160331, "A"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating_note(&ed, "1-3", 20160331, "新規"), EDIT_OK);
	ck_assert_uint_eq(editor_unsaved(&ed), 2);
	const struct edit_step *step;
	ck_assert(editor_undo(&ed, &step));
	ck_assert_int_eq(step->field, FIELD_RATING_NOTE);
	ck_assert(editor_undo(&ed, &step));
	ck_assert_int_eq(step->field, FIELD_RATING);
	ck_assert_int_eq(step->year, 20160331);
	ck_assert_ptr_null(rating_of(ed.plan, "1-3", 20160331));
	ck_assert_uint_eq(editor_unsaved(&ed), 0);
	ck_assert(!editor_undo(&ed, NULL));
	ck_assert(editor_redo(&ed, NULL));
	ck_assert_str_eq(rating_of(ed.plan, "1-3", 20160331), "A");
	ck_assert_uint_eq(editor_unsaved(&ed), 1);
	save_ok(&ed, fx.path);
	assert_diff(&fx, 0, 1, NULL, NULL);   /* an empty flow list gets one element */
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

START_TEST(history_names_the_date)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_add_review(&ed, 20160930, "平成28年9月末"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&ed, "1-2", 20150930, "A"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&ed, "1-2", 20160930, "B"), EDIT_OK);
	save_ok(&ed, fx.path);
	struct log_line *l;
	size_t n;
	ck_assert_int_eq(changelog_read(fx.path, 0, &l, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(l[0].item_id, "");
	ck_assert_int_eq(l[0].field, FIELD_REVIEW);
	ck_assert_int_eq(l[0].year, 20160930);
	ck_assert_ptr_null(l[0].old_value);
	ck_assert_str_eq(l[0].new_value, "平成28年9月末");
	ck_assert_int_eq(l[1].field, FIELD_RATING);
	ck_assert_str_eq(l[1].item_id, "1-2");
	ck_assert_int_eq(l[1].year, 20150930);
	ck_assert_str_eq(l[1].old_value, "S");
	ck_assert_str_eq(l[1].new_value, "A");
	ck_assert_ptr_null(l[2].old_value);
	changelog_free(l, n);
	/* the YEAR column writes the date */
	char hpath[PATH_MAX];
	ck_assert_int_eq(changelog_path(fx.path, hpath, sizeof hpath), 0);
	size_t len;
	char *text = read_bytes(hpath, &len);
	ck_assert_msg(strstr(text, "\t1-2\t2015-09-30\trating\tS\tA\n"), "%s", text);
	ck_assert_msg(strstr(text, "\t\t2016-09-30\treview\t\\N\t平成28年9月末\n"), "%s", text);
	free(text);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

START_TEST(recovery_round_trip_of_ratings)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_add_review(&ed, 20160930, "平成28年9月末"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&ed, "1-4", 20160930, "B"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating_note(&ed, "1-4", 20160930, "tab\tand\nline"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&ed, "1-6", 20150930, "A"), EDIT_OK);
	struct file_error fe;
	ck_assert_int_eq(recovery_write(&ed, fx.path, &fe), 0);
	editor_free(&ed);

	struct editor again;
	open_editor(&again, fx.path);
	struct recovery rec;
	ck_assert_int_eq(recovery_read(fx.path, again.plan, &rec, &fe), 0);
	ck_assert_uint_eq(rec.n_rejects, 0);
	ck_assert_uint_eq(rec.n, 4);
	ck_assert_int_eq(rec.changes[0].field, FIELD_REVIEW);
	ck_assert_int_eq(rec.changes[0].year, 20160930);
	ck_assert_str_eq(rec.changes[2].value, "tab\tand\nline");
	for (size_t i = 0; i < rec.n; i++)
		ck_assert_int_eq(editor_set(&again, rec.changes[i].item_id, rec.changes[i].year,
		                            rec.changes[i].field, rec.changes[i].value), EDIT_OK);
	recovery_free(&rec);
	ck_assert_uint_eq(editor_unsaved(&again), 4);
	save_ok(&again, fx.path);
	editor_free(&again);
	struct editor after;
	open_editor(&after, fx.path);
	const char *note;
	ck_assert(plan_field_get(after.plan, "1-4", 20160930, FIELD_RATING_NOTE, &note));
	ck_assert_str_eq(note, "tab\tand\nline");
	ck_assert_str_eq(rating_of(after.plan, "1-6", 20150930), "A");
	editor_free(&after);
	fixture_close(&fx);
}
END_TEST

/* ---- the three-way merge ------------------------------------------------ */

START_TEST(merge_ratings_of_two_sessions)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor a, b;
	open_editor(&a, fx.path);
	open_editor(&b, fx.path);
	ck_assert_int_eq(editor_set_rating(&b, "1-1", 20150930, "S"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&b, "1-3", 20160331, "B"), EDIT_OK);   /* added */
	save_ok(&b, fx.path);
	ck_assert_int_eq(editor_set_rating(&a, "1-2", 20150930, "A"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&a, "1-4", 20160331, "A"), EDIT_OK);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
	ck_assert_uint_eq(rep.written, 2);
	ck_assert_uint_eq(rep.merged, 2);
	save_report_free(&rep);
	/* A's model shows B's ratings */
	ck_assert_str_eq(rating_of(a.plan, "1-1", 20150930), "S");
	ck_assert_str_eq(rating_of(a.plan, "1-3", 20160331), "B");
	/* 1-1 and 1-2 changed, 1-3's flow list took one element, 1-4 got its
	 * `ratings:` key and one element */
	assert_diff(&fx, 2, 3, NULL, NULL);
	editor_free(&a);
	editor_free(&b);
	fixture_close(&fx);
}
END_TEST

START_TEST(merge_conflict_on_a_rating)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor a, b;
	open_editor(&a, fx.path);
	open_editor(&b, fx.path);
	ck_assert_int_eq(editor_set_rating(&b, "1-1", 20150930, "S"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&b, "1-3", 20160331, "B"), EDIT_OK);
	save_ok(&b, fx.path);
	size_t len_b;
	char *after_b = read_bytes(fx.path, &len_b);
	ck_assert_int_eq(editor_set_rating(&a, "1-1", 20150930, "B"), EDIT_OK);
	ck_assert_int_eq(editor_set_rating(&a, "1-3", 20160331, "A"), EDIT_OK);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_CONFLICT);
	ck_assert_uint_eq(rep.n_conflicts, 2);
	const struct conflict *c = &rep.conflicts[0];
	ck_assert_str_eq(c->item_id, "1-1");
	ck_assert_int_eq(c->year, 20150930);
	ck_assert_int_eq(c->field, FIELD_RATING);
	ck_assert_str_eq(c->base, "A");
	ck_assert_str_eq(c->theirs, "S");
	ck_assert_str_eq(c->ours, "B");
	c = &rep.conflicts[1];   /* both added a rating at one date */
	ck_assert_str_eq(c->item_id, "1-3");
	ck_assert_ptr_null(c->base);
	ck_assert_str_eq(c->theirs, "B");
	ck_assert_str_eq(c->ours, "A");
	/* nothing written */
	size_t len;
	char *now = read_bytes(fx.path, &len);
	ck_assert(len == len_b && !memcmp(now, after_b, len));
	free(now);
	/* keep ours for one, take theirs for the other */
	ck_assert_int_eq(editor_resolve(&a, &rep.conflicts[0], true), EDIT_OK);
	ck_assert_int_eq(editor_resolve(&a, &rep.conflicts[1], false), EDIT_OK);
	save_report_free(&rep);
	save_ok(&a, fx.path);
	editor_free(&a);
	struct editor after;
	open_editor(&after, fx.path);
	ck_assert_str_eq(rating_of(after.plan, "1-1", 20150930), "B");
	ck_assert_str_eq(rating_of(after.plan, "1-3", 20160331), "B");
	editor_free(&after);
	free(after_b);
	editor_free(&b);
	fixture_close(&fx);
}
END_TEST

/* ---- words ---------------------------------------------------------------- */

/* A git commit message and a merge conflict name a rating by its review
 * date, not as a fiscal year. */
START_TEST(commit_message_and_conflict_name_the_date)
{
	struct fixture fx;
	fixture_open(&fx);
	struct editor ed;
	open_editor(&ed, fx.path);
	char id[] = "1-1", none[] = "", a[] = "A", b[] = "B", s[] = "S", label[] = "平成28年9月末";
	struct change c[2] = {
		{ .item_id = id, .year = 20160331, .field = FIELD_RATING, .base = a, .value = b },
		{ .item_id = none, .year = 20160930, .field = FIELD_REVIEW, .base = NULL,
		  .value = label },
	};
	char *msg = describe_commit_message(ed.plan, c, 2);
	ck_assert_ptr_nonnull(msg);
	ck_assert_msg(strstr(msg, "\n1-1 2016-03-31 rating: A -> B\n"), "%s", msg);
	ck_assert_msg(strstr(msg, "\nreview date 2016-09-30: (none) -> 平成28年9月末\n"), "%s", msg);
	free(msg);
	struct conflict cf = { .item_id = id, .year = 20160331, .field = FIELD_RATING,
	                       .base = a, .theirs = s, .ours = b };
	char buf[256];
	describe_conflict(&cf, buf, sizeof buf);
	ck_assert_str_eq(buf, "1-1 2016-03-31 rating: ours B, theirs S, base A");
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

/* ---- the review calendar ------------------------------------------------ */

START_TEST(review_calendar)
{
	struct plan plan = { 0 };
	struct review_date rv[1] = { { .ymd = 20170331, .label = "平成29年3月末" } };
	plan.reviews = rv;
	plan.n_reviews = 1;
	char label[64];
	ck_assert_int_eq(review_next_date(&plan), 20170930);
	review_label(&plan, 20170930, label, sizeof label);
	ck_assert_str_eq(label, "平成29年9月末");
	rv[0].ymd = 20180930;
	ck_assert_int_eq(review_next_date(&plan), 20190331);
	review_label(&plan, 20190930, label, sizeof label);
	ck_assert_str_eq(label, "令和元年9月末");
	review_label(&plan, 20190331, label, sizeof label);
	ck_assert_str_eq(label, "平成31年3月末");
	review_label(&plan, 20200915, label, sizeof label);
	ck_assert_str_eq(label, "令和2年9月15日");
	rv[0].label = "2018年9月末";
	review_label(&plan, 20190331, label, sizeof label);
	ck_assert_str_eq(label, "2019年3月末");
}
END_TEST

static Suite *rate_suite(void)
{
	Suite *s = suite_create("rate");
	TCase *tc = tcase_create("rate");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, change_a_rating_is_one_line);
	tcase_add_test(tc, add_a_rating_is_one_added_line);
	tcase_add_test(tc, add_a_review_date_is_one_element);
	tcase_add_test(tc, refusals_leave_no_trace);
	tcase_add_test(tc, undo_and_redo_a_rating);
	tcase_add_test(tc, history_names_the_date);
	tcase_add_test(tc, recovery_round_trip_of_ratings);
	tcase_add_test(tc, merge_ratings_of_two_sessions);
	tcase_add_test(tc, merge_conflict_on_a_rating);
	tcase_add_test(tc, commit_message_and_conflict_name_the_date);
	tcase_add_test(tc, review_calendar);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(rate_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
