/* check_save.c - editing and saving: the quoting table, byte-identical
 * round trips, one-line diffs, note insertion, block-scalar refusal,
 * undo/redo, atomic-write faults, file mode/symlink/backup, three-way merge
 * with another session, and the recovery file.  Every test works on copies
 * in a fresh directory under $TMPDIR. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml.h>

#include "describe.h"
#include "edit.h"
#include "fileio.h"
#include "describe.h"
#include "load.h"
#include "lock.h"
#include "plan.h"
#include "recovery.h"
#include "save.h"
#include "scalar.h"
#include "splice.h"

/* ---- helpers ---------------------------------------------------------- */

static char *srcdir_path(const char *rel)
{
	const char *top = getenv("top_srcdir");
	char *p = malloc(PATH_MAX);
	ck_assert_ptr_nonnull(p);
	snprintf(p, PATH_MAX, "%s/%s", top ? top : ".", rel);
	return p;
}

/* What a dashboard says about a save (it keeps the edits after a failure). */
static const char *said(const struct save_report *r, enum save_status st, const char *path)
{
	static char buf[8192];
	describe_save(r, st, path, true, buf, sizeof buf);
	return buf;
}

static const char *file_said(const struct file_error *fe)
{
	static char buf[8192];
	describe_file_error(fe, buf, sizeof buf);
	return buf;
}

static const char *splice_said(const struct splice_error *e)
{
	static char buf[1024];
	describe_splice_error(e, buf, sizeof buf);
	return buf;
}

static char *read_bytes(const char *path, size_t *len)
{
	char *data;
	int e = file_read_all(path, (size_t)64 << 20, &data, len);
	ck_assert_msg(e == 0, "cannot read %s: %s", path, strerror(e));
	return data;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static char *make_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *d = malloc(PATH_MAX);
	ck_assert_ptr_nonnull(d);
	snprintf(d, PATH_MAX, "%s/plandash-save.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_msg(mkdtemp(d) != NULL, "mkdtemp: %s", strerror(errno));
	return d;
}

static char *join(const char *dir, const char *name)
{
	char *p = malloc(PATH_MAX);
	ck_assert_ptr_nonnull(p);
	snprintf(p, PATH_MAX, "%s/%s", dir, name);
	return p;
}

/* Copy a fixture (relative to top_srcdir) into dir as name; returns its path. */
static char *copy_fixture(const char *dir, const char *rel, const char *name)
{
	char *src = srcdir_path(rel);
	size_t len;
	char *data = read_bytes(src, &len);
	char *dst = join(dir, name);
	write_bytes(dst, data, len);
	free(data);
	free(src);
	return dst;
}

/* Remove dir and everything in it (one level is all the tests create,
 * plus one optional subdirectory). */
static void rm_tree(const char *dir)
{
	chmod(dir, 0700);
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *p = join(dir, de->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			rm_tree(p);
		else
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

/* Temporary files a save may leave: ".NAME.XXXXXX" (not the ".NAME.lock"). */
static int count_temp_files(const char *dir, const char *name)
{
	char prefix[NAME_MAX + 2], lock[NAME_MAX + 8];
	snprintf(prefix, sizeof prefix, ".%s.", name);
	snprintf(lock, sizeof lock, ".%s.lock", name);
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "opendir %s: %s", dir, strerror(errno));
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 && strcmp(de->d_name, lock))
			n++;
	closedir(d);
	return n;
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

static struct plan *load_text(const char *text, size_t len)
{
	struct load_error err;
	struct plan *plan = plan_load_buffer(text, len, &err);
	ck_assert_msg(plan != NULL, "does not load: %lu:%lu: %s\n%s", err.line, err.col,
	              load_error_message(&err, (char[400]){ "" }, 400), text);
	return plan;
}

static const struct entry *find(const struct plan *plan, const char *id, int year)
{
	const struct item *it = plan_find_item(plan, id);
	ck_assert_msg(it != NULL, "no item %s", id);
	const struct entry *e = item_entry_for_year(it, year);
	ck_assert_msg(e != NULL, "no entry %s %d", id, year);
	return e;
}

static const char *get(const struct plan *plan, const char *id, int year, enum field f)
{
	return entry_field(plan, find(plan, id, year), f);
}

/* Every entry field of `after` equals `before`, except (id, year, field),
 * which must equal value.  Titles and shape must match too. */
static void assert_only_changed(const struct plan *before, const struct plan *after,
                                const char *id, int year, enum field field, const char *value)
{
	ck_assert_str_eq(before->title, after->title);
	ck_assert_uint_eq(before->n_policies, after->n_policies);
	ck_assert_uint_eq(before->n_items, after->n_items);
	ck_assert_uint_eq(before->n_entries, after->n_entries);
	for (size_t p = 0; p < before->n_policies; p++)
		for (size_t i = 0; i < before->policies[p].n_items; i++) {
			const struct item *bi = &before->policies[p].items[i];
			const struct item *ai = &after->policies[p].items[i];
			ck_assert_str_eq(bi->id, ai->id);
			ck_assert_str_eq(bi->title, ai->title);
			ck_assert_uint_eq(bi->n_entries, ai->n_entries);
			for (size_t e = 0; e < bi->n_entries; e++) {
				const struct entry *be = &bi->entries[e], *ae = &ai->entries[e];
				ck_assert_int_eq(be->year, ae->year);
				for (int f = FIELD_STATUS; f <= FIELD_NOTE; f++) {
					const char *want = entry_field(before, be, (enum field)f);
					if (id && !strcmp(bi->id, id) && be->year == year && (int)field == f)
						want = value;
					const char *got = entry_field(after, ae, (enum field)f);
					ck_assert_msg(str_eq_nullable(want, got),
					              "%s %d %s: want \"%s\", got \"%s\"", bi->id, be->year,
					              field_name((enum field)f), want ? want : "(absent)",
					              got ? got : "(absent)");
				}
			}
		}
}

/* Lines of a buffer (split at '\n', the '\n' not included). */
struct lines {
	char **line;
	size_t n;
};

static struct lines split_lines(const char *text, size_t len)
{
	struct lines l = { calloc(len + 2, sizeof(char *)), 0 };
	ck_assert_ptr_nonnull(l.line);
	size_t start = 0;
	for (size_t i = 0; i <= len; i++)
		if (i == len || text[i] == '\n') {
			if (i == len && start == len && len > 0)
				break;   /* no empty "line" after a final newline */
			l.line[l.n++] = strndup(text + start, i - start);
			start = i + 1;
		}
	return l;
}

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
}

/* The old and new text have the same number of lines and differ in exactly
 * one; returns that line of the new text (malloc'd). */
static char *one_changed_line(const char *a, size_t alen, const char *b, size_t blen)
{
	struct lines x = split_lines(a, alen), y = split_lines(b, blen);
	ck_assert_uint_eq(x.n, y.n);
	size_t differ = 0;
	char *changed = NULL;
	for (size_t i = 0; i < x.n; i++)
		if (strcmp(x.line[i], y.line[i])) {
			differ++;
			free(changed);
			changed = strdup(y.line[i]);
		}
	ck_assert_uint_eq(differ, 1);
	lines_free(&x);
	lines_free(&y);
	return changed;
}

/* The new text is the old one with exactly one line inserted; returns the
 * inserted line (malloc'd) and its 0-based index. */
static char *one_inserted_line(const char *a, size_t alen, const char *b, size_t blen,
                               size_t *at)
{
	struct lines x = split_lines(a, alen), y = split_lines(b, blen);
	ck_assert_uint_eq(x.n + 1, y.n);
	size_t i = 0;
	while (i < x.n && !strcmp(x.line[i], y.line[i]))
		i++;
	for (size_t k = i; k < x.n; k++)
		ck_assert_msg(!strcmp(x.line[k], y.line[k + 1]), "line %zu differs: %s / %s",
		              k + 1, x.line[k], y.line[k + 1]);
	char *ins = strdup(y.line[i]);
	*at = i;
	lines_free(&x);
	lines_free(&y);
	return ins;
}

/* Index of the first line from `from` on equal to `want` (ignoring a
 * trailing CR). */
static size_t line_index(const char *text, size_t len, const char *want, size_t from)
{
	struct lines l = split_lines(text, len);
	size_t found = (size_t)-1;
	for (size_t i = from; i < l.n && found == (size_t)-1; i++) {
		size_t n = strlen(l.line[i]);
		if (n && l.line[i][n - 1] == '\r')
			l.line[i][n - 1] = '\0';
		if (!strcmp(l.line[i], want))
			found = i;
	}
	lines_free(&l);
	ck_assert_msg(found != (size_t)-1, "no line \"%s\"", want);
	return found;
}

struct fixture {
	char *dir, *path;
	char *orig;
	size_t orig_len;
};

static void fixture_open(struct fixture *fx, const char *rel)
{
	fx->dir = make_tmpdir();
	fx->path = copy_fixture(fx->dir, rel, "plan.yaml");
	fx->orig = read_bytes(fx->path, &fx->orig_len);
}

static void fixture_close(struct fixture *fx)
{
	rm_tree(fx->dir);
	free(fx->dir);
	free(fx->path);
	free(fx->orig);
}

static void assert_file_unchanged(const struct fixture *fx)
{
	size_t len;
	char *now = read_bytes(fx->path, &len);
	ck_assert_msg(len == fx->orig_len && memcmp(now, fx->orig, len) == 0,
	              "%s changed", fx->path);
	free(now);
}

/* Save, expecting SAVE_OK. */
static void save_ok(struct editor *ed, const char *path, bool backup)
{
	struct save_options opt = { .backup = backup };
	struct save_report rep;
	enum save_status s = editor_save(ed, path, &opt, &rep);
	ck_assert_msg(s == SAVE_OK, "save failed (%d): %s", (int)s, said(&rep, s, path));
	save_report_free(&rep);
	ck_assert_uint_eq(editor_unsaved(ed), 0);
}

/* The lines a recovery file offers for plan (none may be refused). */
static int read_recovery(const char *path, const struct plan *plan, struct change **ch, size_t *n)
{
	struct recovery rec;
	struct file_error fe;
	int e = recovery_read(path, plan, &rec, &fe);
	ck_assert_uint_eq(rec.n_rejects, 0);
	*ch = rec.changes;
	*n = rec.n;
	rec.changes = NULL;
	rec.n = 0;
	recovery_free(&rec);
	return e;
}

/* ---- the quoting table ------------------------------------------------ */

/* Parse a one-key document with libyaml directly and return the value of k
 * (malloc'd) and its style. */
static char *parse_k(const char *doc, yaml_scalar_style_t *style)
{
	yaml_parser_t p;
	yaml_event_t ev;
	char *value = NULL;
	int scalars = 0;
	ck_assert(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)doc, strlen(doc));
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	for (;;) {
		ck_assert_msg(yaml_parser_parse(&p, &ev), "libyaml rejects <%s>: %s", doc,
		              p.problem ? p.problem : "?");
		yaml_event_type_t t = ev.type;
		if (t == YAML_SCALAR_EVENT) {
			scalars++;
			if (scalars == 1)
				ck_assert_str_eq((char *)ev.data.scalar.value, "k");
			if (scalars == 2) {
				ck_assert_uint_eq(strlen((char *)ev.data.scalar.value), ev.data.scalar.length);
				value = strdup((char *)ev.data.scalar.value);
				*style = ev.data.scalar.style;
			}
		}
		ck_assert_msg(t != YAML_SEQUENCE_START_EVENT && t != YAML_ALIAS_EVENT,
		              "<%s> is not a one-key mapping", doc);
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	ck_assert_msg(scalars == 2, "<%s> has %d scalars", doc, scalars);
	return value;
}

static char long_japanese[2048];

static const char *quoting_values[] = {
	"yes", "no", "null", "~", "true", "123", "1.5", "0x1F", "2013-04-01", "",
	"\xf0\xa0\xae\xb7野家", "絵文字 \xf0\x9f\x98\x80 \"q\" \\", "\xf0\x9f\x98\x80\tx\n",
	"a: b", "#x", "x #y", "-", "- x", "-x", "--- x", "[", "[x]", "{", "{a: b}", "]", "}",
	"'", "\"", "'quoted'", "\"dq\"", "&a", "*a", "!t", "!!str x", "%", "@", "`", "? x",
	": x", "|", ">", ",", "a, b", "a\tb", "\tlead", "trail\t", " lead", "trail ",
	"行1\nline2", "\n", "a\r\nb", "back\\slash", "完了", "平成25年度 実施: 予定 #1",
	"x: ", "a #", "...", "% x", "<<", "=", "y", "n", "Yes", "NO", "False", "On", "off",
	"-1", "+1", "1e3", "0o17", "0b101", "1_000", "1:30", ".inf", "-.inf", ".NaN",
	"2013-04-01 10:00:00", "é", "\xe2\x80\xa8 ls", "\xef\xbb\xbf" "bom",
	long_japanese,
};
#define N_QUOTING (sizeof quoting_values / sizeof quoting_values[0])

/* Values other YAML readers (YAML 1.1 / 1.2 core) would not read as strings
 * when plain: the rendering must quote them. */
static const char *lookalikes[] = {
	"yes", "no", "on", "off", "null", "~", "true", "123", "1.5", "2013-04-01", "0x1F",
	".inf", "", "Yes", "NO", "False", "On", "-1", "+1", "1e3", "0o17", "1_000", "1:30",
	"-.inf", ".NaN", "y", "n", "<<", "=", "2013-04-01 10:00:00", NULL,
};

static void init_long_japanese(void)
{
	/* 500 characters of Japanese text with a few ASCII spaces and marks */
	static const char *const pieces[] = { "市民", "活動", "支援", "センター", "の", "運営、",
	                                      "「あすぴあ」", " ", "平成25年度" };
	size_t chars = 0, o = 0;
	for (size_t i = 0; chars < 500; i++) {
		const char *s = pieces[i % 9];
		for (const unsigned char *u = (const unsigned char *)s; *u && chars < 500;) {
			size_t n = *u < 0x80 ? 1 : *u < 0xE0 ? 2 : *u < 0xF0 ? 3 : 4;
			memcpy(long_japanese + o, u, n);
			o += n;
			u += n;
			chars++;
		}
	}
	long_japanese[o] = '\0';
}

START_TEST(quoting_table)
{
	init_long_japanese();
	static const enum span_style keeps[] = { SPAN_PLAIN, SPAN_SINGLE, SPAN_DOUBLE };
	for (size_t v = 0; v < N_QUOTING; v++) {
		const char *value = quoting_values[v];
		bool lookalike = false;
		for (const char **l = lookalikes; *l; l++)
			lookalike |= !strcmp(*l, value);
		if (lookalike)
			ck_assert_msg(scalar_needs_quotes(value), "\"%s\" needs quotes", value);
		for (int flow = 0; flow < 2; flow++)
			for (size_t k = 0; k < 3; k++) {
				char *r = scalar_render(value, flow, keeps[k]);
				ck_assert_msg(r != NULL, "cannot render \"%s\"", value);
				ck_assert_msg(!strchr(r, '\n') && !strchr(r, '\r'),
				              "\"%s\" renders on several lines: %s", value, r);
				/* characters beyond the BMP stay readable, never \U escapes */
				ck_assert_msg(!strstr(r, "\\U"), "\"%s\" renders escaped: %s", value, r);
				size_t dl = strlen(r) + 8;
				char *doc = malloc(dl);
				snprintf(doc, dl, flow ? "{k: %s}" : "k: %s\n", r);
				yaml_scalar_style_t style;
				char *back = parse_k(doc, &style);
				ck_assert_msg(!strcmp(back, value), "\"%s\" reads back as \"%s\" from <%s>",
				              value, back, doc);
				if (lookalike)
					ck_assert_msg(style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
					              style == YAML_DOUBLE_QUOTED_SCALAR_STYLE,
					              "\"%s\" must be quoted, got <%s>", value, r);
				/* a kept quote style stays where the text allows it */
				bool astral = false;
				for (const char *q = value; *q; q++)
					astral |= (unsigned char)*q >= 0xF0;
				if (keeps[k] == SPAN_SINGLE && !astral && !strpbrk(value, "\n\r\t") && *value &&
				    (unsigned char)value[0] >= 0x20 && !strstr(value, "\xe2\x80\xa8") &&
				    !strstr(value, "\xef\xbb\xbf") && value[strlen(value) - 1] != ' ')
					ck_assert_msg(r[0] == '\'', "\"%s\" lost its single quotes: %s", value, r);
				if (keeps[k] == SPAN_DOUBLE)
					ck_assert_msg(r[0] == '"', "\"%s\" lost its double quotes: %s", value, r);
				free(back);
				free(doc);
				free(r);
			}
	}
}
END_TEST

/* The same values spliced into real files, as plan, status-free note and
 * inserted note, in block and flow mappings: each reloads as exactly that. */
START_TEST(quoting_table_in_files)
{
	init_long_japanese();
	static const char *const rels[] = { "tests/data/save/block.yaml",
	                                    "tests/data/save/flow.yaml",
	                                    "tests/data/save/crlf.yaml" };
	static const struct { const char *id; int year; enum field f; } targets[] = {
		{ "1-1", 2011, FIELD_PLAN },   /* plain, followed by a comment */
		{ "1-1", 2012, FIELD_PLAN },   /* single-quoted */
		{ "1-1", 2012, FIELD_NOTE },   /* absent: inserted */
		{ "1-1", 2013, FIELD_NOTE },   /* empty (block) / "" (flow) */
		{ "1-1", 2011, FIELD_NOTE },   /* present (block) / absent in flow */
	};
	for (size_t r = 0; r < 3; r++) {
		char *path = srcdir_path(rels[r]);
		struct load_error err;
		struct plan *plan = plan_load_file(path, &err, NULL);
		ck_assert_msg(plan != NULL, "%s: %s", path,
		              plan ? "" : load_error_message(&err, (char[400]){ "" }, 400));
		for (size_t v = 0; v < N_QUOTING; v++)
			for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
				struct change c = { .item_id = strdup(targets[t].id), .year = targets[t].year,
				                    .field = targets[t].f,
				                    .value = strdup(quoting_values[v]) };
				struct splice_error se;
				size_t len;
				char *out = splice_changes(plan, &c, 1, &len, &se);
				ck_assert_msg(out != NULL, "%s", splice_said(&se));
				struct plan *after = load_text(out, len);
				assert_only_changed(plan, after, c.item_id, c.year, c.field, c.value);
				ck_assert_msg(verify_splice(plan, &c, 1, after, &se), "%s", splice_said(&se));
				plan_free(after);
				free(out);
				free(c.item_id);
				free(c.value);
			}
		plan_free(plan);
		free(path);
	}
}
END_TEST

/* ---- round-trip identity ---------------------------------------------- */

static const char *const fixtures[] = {
	"tests/data/save/block.yaml", "tests/data/save/flow.yaml", "tests/data/save/crlf.yaml",
	"tests/data/save/bom.yaml", "tests/data/save/noeol.yaml",
	"tests/data/save/blockscalar.yaml", "plan.yaml", "tests/data/longtitles.yaml",
	"tests/data/inject.yaml",
};
#define N_FIXTURES (sizeof fixtures / sizeof fixtures[0])

START_TEST(fixtures_have_their_shape)
{
	size_t len;
	char *p = srcdir_path("tests/data/save/crlf.yaml");
	char *t = read_bytes(p, &len);
	size_t lf = 0, crlf = 0;
	for (size_t i = 0; i < len; i++)
		if (t[i] == '\n') {
			lf++;
			crlf += i > 0 && t[i - 1] == '\r';
		}
	ck_assert_uint_gt(lf, 10);
	ck_assert_uint_eq(lf, crlf);
	free(t);
	free(p);
	p = srcdir_path("tests/data/save/bom.yaml");
	t = read_bytes(p, &len);
	ck_assert(len > 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0);
	free(t);
	free(p);
	p = srcdir_path("tests/data/save/noeol.yaml");
	t = read_bytes(p, &len);
	ck_assert(len > 0 && t[len - 1] != '\n');
	free(t);
	free(p);
}
END_TEST

START_TEST(unchanged_save_is_byte_identical)
{
	struct fixture fx;
	fixture_open(&fx, fixtures[_i]);
	struct stat before, after;
	ck_assert_int_eq(stat(fx.path, &before), 0);
	struct editor ed;
	open_editor(&ed, fx.path);

	/* splicing nothing gives the same bytes */
	struct splice_error se;
	size_t len;
	char *out = splice_changes(ed.plan, NULL, 0, &len, &se);
	ck_assert_msg(out != NULL, "%s", splice_said(&se));
	ck_assert_uint_eq(len, fx.orig_len);
	ck_assert(memcmp(out, fx.orig, len) == 0);
	free(out);

	/* no pending change: nothing written */
	save_ok(&ed, fx.path, false);
	/* an edit undone is no change either */
	const struct item *it = &ed.plan->policies[0].items[0];
	const struct entry *e = &it->entries[0];
	int other = (e->status + 1) % (int)ed.plan->n_statuses;
	char *id = strdup(it->id);
	int year = e->year;
	ck_assert_int_eq(editor_set(&ed, id, year, FIELD_STATUS, ed.plan->statuses[other].key),
	                 EDIT_OK);
	enum edit_result want_r = str_eq_nullable(e->note, "メモ") ? EDIT_UNCHANGED : EDIT_OK;
	ck_assert_int_eq(editor_set(&ed, id, year, FIELD_NOTE, "メモ"), want_r);
	while (editor_undo(&ed, NULL))
		;
	ck_assert_uint_eq(editor_unsaved(&ed), 0);
	save_ok(&ed, fx.path, false);
	free(id);

	assert_file_unchanged(&fx);
	ck_assert_int_eq(stat(fx.path, &after), 0);
	ck_assert_uint_eq(before.st_ino, after.st_ino);
	ck_assert_int_eq(before.st_mtim.tv_sec, after.st_mtim.tv_sec);
	ck_assert_int_eq(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
	ck_assert_int_eq(count_temp_files(fx.dir, "plan.yaml"), 0);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

/* ---- one change, one line --------------------------------------------- */

START_TEST(one_status_change_is_one_line)
{
	if (!strcmp(fixtures[_i], "tests/data/save/blockscalar.yaml"))
		return;   /* covered by block_scalars_are_refused */
	struct fixture fx;
	fixture_open(&fx, fixtures[_i]);
	struct editor ed;
	open_editor(&ed, fx.path);
	struct plan *before = load_text(fx.orig, fx.orig_len);
	/* the last entry of the last item: at EOF in noeol.yaml */
	const struct policy *pol = &ed.plan->policies[ed.plan->n_policies - 1];
	const struct item *it = &pol->items[pol->n_items - 1];
	const struct entry *e = &it->entries[it->n_entries - 1];
	char *id = strdup(it->id);
	int year = e->year;
	const char *to = ed.plan->statuses[(e->status + 1) % (int)ed.plan->n_statuses].key;
	char *want = strdup(to);
	ck_assert_int_eq(editor_set(&ed, id, year, FIELD_STATUS, want), EDIT_OK);
	save_ok(&ed, fx.path, false);

	size_t len;
	char *now = read_bytes(fx.path, &len);
	char *line = one_changed_line(fx.orig, fx.orig_len, now, len);
	ck_assert_msg(strstr(line, want) != NULL, "changed line \"%s\" lacks %s", line, want);
	struct plan *after = load_text(now, len);
	assert_only_changed(before, after, id, year, FIELD_STATUS, want);
	/* the editor now holds what was written */
	ck_assert_uint_eq(ed.plan->text_len, len);
	ck_assert(memcmp(ed.plan->text, now, len) == 0);
	ck_assert_int_eq(count_temp_files(fx.dir, "plan.yaml"), 0);
	plan_free(after);
	plan_free(before);
	free(line);
	free(now);
	free(want);
	free(id);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

/* Set one field, save, and return the single changed line. */
static char *change_one(const char *rel, const char *id, int year, enum field f,
                        const char *value)
{
	struct fixture fx;
	fixture_open(&fx, rel);
	struct editor ed;
	open_editor(&ed, fx.path);
	struct plan *before = load_text(fx.orig, fx.orig_len);
	ck_assert_int_eq(editor_set(&ed, id, year, f, value), EDIT_OK);
	save_ok(&ed, fx.path, false);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	char *line = one_changed_line(fx.orig, fx.orig_len, now, len);
	struct plan *after = load_text(now, len);
	assert_only_changed(before, after, id, year, f, value);
	plan_free(after);
	plan_free(before);
	free(now);
	editor_free(&ed);
	fixture_close(&fx);
	return line;
}

#define ck_line(got, want) do { \
	char *g_ = (got); \
	ck_assert_str_eq(g_, (want)); \
	free(g_); \
} while (0)

START_TEST(quote_style_is_kept)
{
	const char *b = "tests/data/save/block.yaml", *f = "tests/data/save/flow.yaml";
	ck_line(change_one(b, "1-1", 2011, FIELD_STATUS, "planned"),
	        "            status: planned   # finished");
	ck_line(change_one(b, "1-1", 2012, FIELD_STATUS, "done"), "            status: 'done'");
	ck_line(change_one(b, "1-1", 2013, FIELD_STATUS, "done"), "            status: \"done\"");
	ck_line(change_one(b, "1-1", 2012, FIELD_PLAN, "it's 完了"),
	        "            plan: 'it''s 完了'");
	ck_line(change_one(b, "1-1", 2013, FIELD_PLAN, "say \"hi\""),
	        "            plan: \"say \\\"hi\\\"\"");
	ck_line(change_one(b, "1-2", 2012, FIELD_PLAN, "c: d"), "            plan: 'c: d'");
	ck_line(change_one(b, "1-2", 2012, FIELD_NOTE, "#y"), "            note: \"#y\"");
	/* a status key that is a YAML 1.1 boolean gets quoted */
	ck_line(change_one(b, "1-1", 2011, FIELD_STATUS, "yes"),
	        "            status: 'yes'   # finished");
	/* flow: the change stays inside its flow mapping */
	ck_line(change_one(f, "1-1", 2011, FIELD_PLAN, "y, z"),
	        "         {year: 2011, plan: 'y, z', status: done},   # no note");
	ck_line(change_one(f, "1-1", 2012, FIELD_STATUS, "done"),
	        "         {year: 2012, plan: 'quoted, single', status: \"done\", note: 備考},");
	ck_line(change_one(f, "1-1", 2012, FIELD_PLAN, "{a}"),
	        "         {year: 2012, plan: '{a}', status: \"doing\", note: 備考},");
	ck_line(change_one(f, "1-1", 2013, FIELD_NOTE, "n"),
	        "         {year: 2013, plan: \"二重\", status: planned, note: \"n\"}");
	ck_line(change_one(f, "1-1", 2012, FIELD_NOTE, "a: b"),
	        "         {year: 2012, plan: 'quoted, single', status: \"doing\", note: 'a: b'},");
}
END_TEST

/* ---- note insertion ---------------------------------------------------- */

/* Set a note that is absent, save, and return the inserted line; checks
 * that it lands between the lines `after` and `before_line`. */
static char *insert_note(const char *rel, const char *id, int year, const char *value,
                         const char *after, const char *before_line)
{
	struct fixture fx;
	fixture_open(&fx, rel);
	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_ptr_null(get(ed.plan, id, year, FIELD_NOTE));
	struct plan *before = load_text(fx.orig, fx.orig_len);
	ck_assert_int_eq(editor_set(&ed, id, year, FIELD_NOTE, value), EDIT_OK);
	save_ok(&ed, fx.path, false);
	size_t len, at;
	char *now = read_bytes(fx.path, &len);
	char *line = one_inserted_line(fx.orig, fx.orig_len, now, len, &at);
	if (after) {
		size_t a = line_index(fx.orig, fx.orig_len, after, 0);
		ck_assert_uint_lt(a, at);
		if (before_line)
			ck_assert_uint_ge(line_index(fx.orig, fx.orig_len, before_line, a), at);
	}
	struct plan *reread = load_text(now, len);
	assert_only_changed(before, reread, id, year, FIELD_NOTE, value);
	/* CRLF in, CRLF out: every line still ends in CR */
	if (before->crlf) {
		struct lines l = split_lines(now, len);
		for (size_t i = 0; i < l.n; i++)
			ck_assert_msg(l.line[i][0] == '\0' || l.line[i][strlen(l.line[i]) - 1] == '\r',
			              "line %zu has no CR: %s", i + 1, l.line[i]);
		lines_free(&l);
	}
	if (fx.orig_len >= 3 && !memcmp(fx.orig, "\xef\xbb\xbf", 3))
		ck_assert(!memcmp(now, "\xef\xbb\xbf", 3));
	plan_free(reread);
	plan_free(before);
	free(now);
	editor_free(&ed);
	fixture_close(&fx);
	return line;
}

START_TEST(note_is_inserted)
{
	const char *b = "tests/data/save/block.yaml";
	/* after the entry's last value, before the comment line that closes it */
	ck_line(insert_note(b, "1-1", 2012, "備考を追加", "            status: 'doing'",
	                    "          - year: 2013"),
	        "            note: 備考を追加");
	/* before a blank line */
	ck_line(insert_note(b, "1-2", 2011, "a: b", "            status: doing",
	                    "          - year: 2012"),
	        "            note: 'a: b'");
	/* values other readers would take for a boolean or null */
	ck_line(insert_note(b, "1-1", 2012, "yes", NULL, NULL), "            note: 'yes'");
	ck_line(insert_note(b, "1-1", 2012, "", NULL, NULL), "            note: ''");
	ck_line(insert_note(b, "1-1", 2012, "~", NULL, NULL), "            note: '~'");
	ck_line(insert_note(b, "1-1", 2012, "#x", NULL, NULL), "            note: '#x'");
	/* BOM and CRLF files */
	ck_line(insert_note("tests/data/save/bom.yaml", "1-1", 2012, "備考", NULL, NULL),
	        "            note: 備考");
	ck_line(insert_note("tests/data/save/crlf.yaml", "1-1", 2012, "備考",
	                    "            status: 'doing'", "          - year: 2013"),
	        "            note: 備考\r");
	/* flow mapping: ", note: ..." before the closing brace */
	ck_line(change_one("tests/data/save/flow.yaml", "1-1", 2011, FIELD_NOTE, "備考"),
	        "         {year: 2011, plan: x, status: done, note: 備考},   # no note");
	ck_line(change_one("tests/data/save/flow.yaml", "1-1", 2011, FIELD_NOTE, "x, y"),
	        "         {year: 2011, plan: x, status: done, note: 'x, y'},   # no note");
	/* present but empty "note:" gets its value after a space */
	ck_line(change_one(b, "1-1", 2013, FIELD_NOTE, "value"), "            note: value");
	ck_line(change_one("tests/data/save/crlf.yaml", "1-1", 2013, FIELD_NOTE, "value"),
	        "            note: value\r");
}
END_TEST

START_TEST(note_is_inserted_at_eof_without_newline)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/noeol.yaml");
	struct editor ed;
	open_editor(&ed, fx.path);
	struct plan *before = load_text(fx.orig, fx.orig_len);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2012, FIELD_NOTE, "最後の備考"), EDIT_OK);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2012, FIELD_STATUS, "done"), EDIT_OK);
	save_ok(&ed, fx.path, false);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	char *want = NULL;
	ck_assert_int_gt(asprintf(&want, "%.*s%s", (int)(fx.orig_len - strlen("planned")),
	                          fx.orig, "done\n            note: 最後の備考\n"), 0);
	ck_assert_str_eq(now, want);
	struct plan *after = load_text(now, len);
	ck_assert_str_eq(get(after, "1-1", 2012, FIELD_NOTE), "最後の備考");
	ck_assert_str_eq(get(after, "1-1", 2012, FIELD_STATUS), "done");
	ck_assert_str_eq(get(after, "1-1", 2012, FIELD_PLAN), get(before, "1-1", 2012, FIELD_PLAN));
	plan_free(after);
	plan_free(before);
	free(want);
	free(now);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

/* ---- block scalars ---------------------------------------------------- */

START_TEST(block_scalars_are_refused)
{
	static const struct { int year; enum field f; } refused[] = {
		{ 2011, FIELD_PLAN },   /* plan: |   */
		{ 2012, FIELD_NOTE },   /* note: >   */
	};
	for (size_t r = 0; r < 2; r++) {
		struct fixture fx;
		fixture_open(&fx, "tests/data/save/blockscalar.yaml");
		struct editor ed;
		open_editor(&ed, fx.path);
		ck_assert_int_eq(editor_set(&ed, "1-1", refused[r].year, refused[r].f, "一行"), EDIT_OK);
		ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_STATUS, "planned"), EDIT_OK);
		ck_assert_uint_eq(editor_unsaved(&ed), 2);
		struct save_report rep;
		ck_assert_int_eq(editor_save(&ed, fx.path, NULL, &rep), SAVE_FAILED);
		const char *m = said(&rep, SAVE_FAILED, fx.path);
		ck_assert_msg(strstr(m, "block scalar") && strstr(m, "your edits are kept"), "%s", m);
		ck_assert_int_eq(rep.error.code, SAVE_E_SPLICE);
		ck_assert_int_eq(rep.error.splice.code, SPLICE_BLOCK_SCALAR);
		save_report_free(&rep);
		ck_assert_uint_eq(editor_unsaved(&ed), 2);
		ck_assert_str_eq(get(ed.plan, "1-1", refused[r].year, refused[r].f), "一行");
		assert_file_unchanged(&fx);
		ck_assert_int_eq(count_temp_files(fx.dir, "plan.yaml"), 0);
		/* the other fields of those entries can still be saved */
		ck_assert(editor_undo(&ed, NULL));
		ck_assert(editor_undo(&ed, NULL));
		ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_STATUS, "planned"), EDIT_OK);
		ck_assert_int_eq(editor_set(&ed, "1-1", 2012, FIELD_STATUS, "done"), EDIT_OK);
		save_ok(&ed, fx.path, false);
		editor_free(&ed);
		fixture_close(&fx);
	}
}
END_TEST

/* ---- undo and redo ---------------------------------------------------- */

START_TEST(undo_and_redo_everything)
{
	struct fixture fx;
	fixture_open(&fx, "plan.yaml");
	struct editor ed;
	open_editor(&ed, fx.path);
	struct plan *orig = load_text(fx.orig, fx.orig_len);
	static const struct { const char *id; int year; enum field f; const char *v; } steps[] = {
		{ "1-1", 2013, FIELD_STATUS, "done" },
		{ "1-1", 2013, FIELD_NOTE, "完了した" },
		{ "1-1", 2013, FIELD_STATUS, "delayed" },
		{ "4-3", 2014, FIELD_PLAN, "計画を変更: 前倒し" },
		{ "5-17", 2015, FIELD_NOTE, "yes" },
		{ "1-1", 2013, FIELD_NOTE, "完了した(訂正)" },
	};
	size_t n = sizeof steps / sizeof steps[0];
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(editor_set(&ed, steps[i].id, steps[i].year, steps[i].f, steps[i].v),
		                 EDIT_OK);
	ck_assert_uint_eq(editor_unsaved(&ed), 4);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "nonsense"), EDIT_BAD_STATUS);
	ck_assert_int_eq(editor_set(&ed, "9-9", 2013, FIELD_STATUS, "done"), EDIT_NOT_FOUND);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2099, FIELD_STATUS, "done"), EDIT_NOT_FOUND);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "delayed"), EDIT_UNCHANGED);

	size_t undone = 0;
	const struct edit_step *st;
	while (editor_undo(&ed, &st)) {
		ck_assert_str_eq(st->item_id, steps[n - 1 - undone].id);
		undone++;
	}
	ck_assert_uint_eq(undone, n);
	ck_assert_uint_eq(editor_unsaved(&ed), 0);
	assert_only_changed(orig, ed.plan, NULL, 0, FIELD_STATUS, NULL);

	size_t redone = 0;
	while (editor_redo(&ed, NULL))
		redone++;
	ck_assert_uint_eq(redone, n);
	ck_assert_uint_eq(editor_unsaved(&ed), 4);
	ck_assert_str_eq(get(ed.plan, "1-1", 2013, FIELD_STATUS), "delayed");
	ck_assert_str_eq(get(ed.plan, "1-1", 2013, FIELD_NOTE), "完了した(訂正)");
	ck_assert_str_eq(get(ed.plan, "4-3", 2014, FIELD_PLAN), "計画を変更: 前倒し");
	ck_assert_str_eq(get(ed.plan, "5-17", 2015, FIELD_NOTE), "yes");

	/* a new edit after an undo drops the redo history */
	ck_assert(editor_undo(&ed, NULL));
	ck_assert_int_eq(editor_set(&ed, "2-1", 2011, FIELD_STATUS, "dropped"), EDIT_OK);
	ck_assert(!editor_redo(&ed, NULL));

	/* what is saved is what the model shows; the history survives a save */
	save_ok(&ed, fx.path, false);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	struct plan *after = load_text(now, len);
	assert_only_changed(ed.plan, after, NULL, 0, FIELD_STATUS, NULL);
	ck_assert_str_eq(get(after, "1-1", 2013, FIELD_NOTE), "完了した");
	ck_assert(editor_undo(&ed, NULL));
	ck_assert_uint_eq(editor_unsaved(&ed), 1);
	plan_free(after);
	free(now);
	plan_free(orig);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

/* ---- atomic-write faults ---------------------------------------------- */

/* Make one edit, try to save, and check that it failed cleanly: the file
 * and the directory as they were, the edit still pending, a message. */
static void assert_save_fails(struct fixture *fx, const char *path, const char *dir,
                              const char *name, const char *expect_in_message)
{
	struct editor ed;
	open_editor(&ed, fx->path);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "doing"), EDIT_OK);
	struct save_report rep;
	struct save_options opt = { .lock_timeout_ms = 200 };
	enum save_status s = editor_save(&ed, path, &opt, &rep);
	const char *m = said(&rep, s, path);
	ck_assert_msg(s == SAVE_FAILED, "save did not fail (%d): %s", (int)s, m);
	ck_assert_msg(strstr(m, "your edits are kept") != NULL, "%s", m);
	if (expect_in_message)
		ck_assert_msg(strstr(m, expect_in_message) != NULL, "\"%s\" lacks \"%s\"",
		              m, expect_in_message);
	save_report_free(&rep);
	ck_assert_uint_eq(editor_unsaved(&ed), 1);
	ck_assert_str_eq(get(ed.plan, "1-1", 2013, FIELD_STATUS), "doing");
	editor_free(&ed);
	ck_assert_int_eq(count_temp_files(dir, name), 0);
}

/* A full disk: the child may write at most 4 KiB per file. */
START_TEST(fault_full_disk)
{
	struct fixture fx;
	fixture_open(&fx, "plan.yaml");
	ck_assert_uint_gt(fx.orig_len, 16384);
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit rl = { 4096, 4096 };
		if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
			_exit(10);
		struct load_error err;
		struct plan *plan = plan_load_file(fx.path, &err, NULL);
		if (!plan)
			_exit(11);
		struct editor ed;
		editor_init(&ed, plan);
		if (editor_set(&ed, "1-1", 2013, FIELD_STATUS, "delayed") != EDIT_OK)
			_exit(12);
		struct save_report rep;
		enum save_status s = editor_save(&ed, fx.path, NULL, &rep);
		const char *m = said(&rep, s, fx.path);
		fprintf(stderr, "# full disk: %s\n", m);
		int code = s != SAVE_FAILED ? 13
		         : !strstr(m, "too large") ? 14   /* strerror(EFBIG) */
		         : !strstr(m, "your edits are kept") ? 15
		         : editor_unsaved(&ed) != 1 ? 16 : 0;
		save_report_free(&rep);
		editor_free(&ed);
		_exit(code);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	              "child failed: status %d", status);
	assert_file_unchanged(&fx);
	ck_assert_int_eq(count_temp_files(fx.dir, "plan.yaml"), 0);
	fixture_close(&fx);
}
END_TEST

START_TEST(fault_read_only_directory)
{
	if (geteuid() == 0) {
		fprintf(stderr, "# read-only directory: running as root, which ignores "
		        "directory permissions; covered by the non-root run (make distcheck) "
		        "and by fault_name_too_long\n");
		return;
	}
	for (int with_lock = 0; with_lock < 2; with_lock++) {
		struct fixture fx;
		fixture_open(&fx, "tests/data/save/block.yaml");
		if (with_lock) {   /* a lock file left by an earlier save */
			char *lock = join(fx.dir, ".plan.yaml.lock");
			write_bytes(lock, "", 0);
			free(lock);
		}
		ck_assert_int_eq(chmod(fx.dir, 0555), 0);
		assert_save_fails(&fx, fx.path, fx.dir, "plan.yaml", "Permission denied");
		ck_assert_int_eq(chmod(fx.dir, 0755), 0);
		assert_file_unchanged(&fx);
		fixture_close(&fx);
	}
}
END_TEST

/* Root bypasses permissions but not NAME_MAX: a plan whose name leaves no
 * room for the temporary file's suffix cannot be written atomically. */
START_TEST(fault_name_too_long)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	long name_max = pathconf(fx.dir, _PC_NAME_MAX);
	if (name_max <= 0 || name_max > NAME_MAX)
		name_max = NAME_MAX;
	/* ".NAME.lock" fits; "NAME.history" and ".NAME.plandash-XXXXXX.tmp" are too long */
	char name[NAME_MAX + 1];
	size_t n = (size_t)name_max - 7;
	memset(name, 'p', n);
	memcpy(name + n - 5, ".yaml", 6);
	char *path = join(fx.dir, name);
	ck_assert_int_eq(rename(fx.path, path), 0);
	free(fx.path);
	fx.path = path;
	assert_save_fails(&fx, fx.path, fx.dir, name, "name too long");
	assert_file_unchanged(&fx);
	fixture_close(&fx);
}
END_TEST

/* The plan's directory was moved away after loading (root cannot bypass
 * that either): the save fails and nothing is left anywhere. */
START_TEST(fault_directory_gone)
{
	struct fixture fx;
	fx.dir = make_tmpdir();
	char *sub = join(fx.dir, "plans"), *moved = join(fx.dir, "moved");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	char *src = srcdir_path("tests/data/save/block.yaml");
	size_t len;
	fx.orig = read_bytes(src, &fx.orig_len);
	free(src);
	fx.path = join(sub, "plan.yaml");
	write_bytes(fx.path, fx.orig, fx.orig_len);

	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "doing"), EDIT_OK);
	ck_assert_int_eq(rename(sub, moved), 0);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&ed, fx.path, NULL, &rep), SAVE_FAILED);
	const char *m = said(&rep, SAVE_FAILED, fx.path);
	ck_assert_msg(strstr(m, "No such file or directory") && strstr(m, "your edits are kept"),
	              "%s", m);
	save_report_free(&rep);
	ck_assert_uint_eq(editor_unsaved(&ed), 1);
	ck_assert_int_eq(access(sub, F_OK), -1);   /* not recreated */
	char *moved_plan = join(moved, "plan.yaml");
	char *now = read_bytes(moved_plan, &len);
	ck_assert(len == fx.orig_len && !memcmp(now, fx.orig, len));
	ck_assert_int_eq(count_temp_files(moved, "plan.yaml"), 0);
	free(now);
	free(moved_plan);
	editor_free(&ed);
	free(sub);
	free(moved);
	fixture_close(&fx);
}
END_TEST

START_TEST(fault_permission_denied_on_file)
{
	if (geteuid() == 0) {
		fprintf(stderr, "# permission denied on the file: running as root, which "
		        "ignores file permissions; covered by the non-root run (make distcheck)\n");
		return;
	}
	static const mode_t modes[] = { 0444, 0000 };
	for (size_t m = 0; m < 2; m++) {
		struct fixture fx;
		fixture_open(&fx, "tests/data/save/block.yaml");
		struct editor ed;
		open_editor(&ed, fx.path);
		ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "doing"), EDIT_OK);
		ck_assert_int_eq(chmod(fx.path, modes[m]), 0);
		struct save_report rep;
		ck_assert_int_eq(editor_save(&ed, fx.path, NULL, &rep), SAVE_FAILED);
		const char *said_m = said(&rep, SAVE_FAILED, fx.path);
		ck_assert_msg(strstr(said_m, "Permission denied") &&
		              strstr(said_m, "your edits are kept"), "%s", said_m);
		save_report_free(&rep);
		ck_assert_uint_eq(editor_unsaved(&ed), 1);
		struct stat st;
		ck_assert_int_eq(stat(fx.path, &st), 0);
		ck_assert_uint_eq(st.st_mode & 07777, modes[m]);
		ck_assert_int_eq(chmod(fx.path, 0644), 0);
		assert_file_unchanged(&fx);
		ck_assert_int_eq(count_temp_files(fx.dir, "plan.yaml"), 0);
		editor_free(&ed);
		fixture_close(&fx);
	}
}
END_TEST

START_TEST(lock_held_by_another_saver)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	struct file_error fe;
	struct plan_lock lock;
	struct stat st;
	char *target = file_resolve(fx.path);
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_int_eq(lock_take(target, &st, 1000, NULL, NULL, &lock, NULL, &fe), 0);
	assert_save_fails(&fx, fx.path, fx.dir, "plan.yaml", "another session is saving");
	lock_release(&lock);
	free(target);
	assert_file_unchanged(&fx);
	fixture_close(&fx);
}
END_TEST

/* ---- mode, symlink, backup -------------------------------------------- */

START_TEST(mode_symlink_and_backup)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	ck_assert_int_eq(chmod(fx.path, 0640), 0);
	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	save_ok(&ed, fx.path, false);
	struct stat st;
	ck_assert_int_eq(stat(fx.path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	ck_assert_uint_eq(st.st_uid, geteuid());

	/* --backup: plan.yaml~ holds the bytes before this save */
	size_t prev_len;
	char *prev = read_bytes(fx.path, &prev_len);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_STATUS, "doing"), EDIT_OK);
	save_ok(&ed, fx.path, true);
	char *bak = join(fx.dir, "plan.yaml~");
	size_t bl;
	char *b = read_bytes(bak, &bl);
	ck_assert(bl == prev_len && !memcmp(b, prev, bl));
	ck_assert_int_eq(stat(fx.path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	free(b);
	/* again: the backup follows */
	free(prev);
	prev = read_bytes(fx.path, &prev_len);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_NOTE, "三回目"), EDIT_OK);
	save_ok(&ed, fx.path, true);
	b = read_bytes(bak, &bl);
	ck_assert(bl == prev_len && !memcmp(b, prev, bl));
	free(b);
	free(prev);
	free(bak);
	editor_free(&ed);

	/* a symlinked plan: saved through to its target, the link stays a link */
	char *sub = join(fx.dir, "real");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	char *target = join(sub, "plan.yaml");
	ck_assert_int_eq(rename(fx.path, target), 0);
	ck_assert_int_eq(symlink("real/plan.yaml", fx.path), 0);
	size_t tl;
	char *before = read_bytes(target, &tl);
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set(&ed, "1-2", 2011, FIELD_STATUS, "done"), EDIT_OK);
	save_ok(&ed, fx.path, false);
	ck_assert_int_eq(lstat(fx.path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	char buf[PATH_MAX];
	ssize_t n = readlink(fx.path, buf, sizeof buf - 1);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_str_eq(buf, "real/plan.yaml");
	size_t al;
	char *after_bytes = read_bytes(target, &al);
	char *line = one_changed_line(before, tl, after_bytes, al);
	ck_assert_str_eq(line, "            status: done");
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	ck_assert_int_eq(count_temp_files(fx.dir, "plan.yaml"), 0);
	ck_assert_int_eq(count_temp_files(sub, "plan.yaml"), 0);
	free(line);
	free(after_bytes);
	free(before);
	free(target);
	free(sub);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

/* ---- another official saved meanwhile --------------------------------- */

START_TEST(merge_non_overlapping)
{
	struct fixture fx;
	fixture_open(&fx, "plan.yaml");
	struct plan *orig = load_text(fx.orig, fx.orig_len);
	struct editor a, b;
	open_editor(&a, fx.path);
	open_editor(&b, fx.path);
	ck_assert_int_eq(editor_set(&b, "2-3", 2013, FIELD_STATUS, "delayed"), EDIT_OK);
	ck_assert_int_eq(editor_set(&b, "2-3", 2013, FIELD_NOTE, "Bの備考"), EDIT_OK);
	save_ok(&b, fx.path, false);
	ck_assert_int_eq(editor_set(&a, "4-1", 2014, FIELD_STATUS, "done"), EDIT_OK);
	ck_assert_int_eq(editor_set(&a, "2-3", 2013, FIELD_PLAN, "Aの計画"), EDIT_OK);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
	ck_assert_uint_eq(rep.written, 2);
	ck_assert_uint_eq(rep.merged, 2);
	ck_assert_msg(strstr(said(&rep, SAVE_OK, fx.path), "merged 2 changes from another session"),
	              "%s", said(&rep, SAVE_OK, fx.path));
	save_report_free(&rep);
	ck_assert_uint_eq(editor_unsaved(&a), 0);

	size_t len;
	char *now = read_bytes(fx.path, &len);
	struct plan *after = load_text(now, len);
	ck_assert_str_eq(get(after, "2-3", 2013, FIELD_STATUS), "delayed");
	ck_assert_str_eq(get(after, "2-3", 2013, FIELD_NOTE), "Bの備考");
	ck_assert_str_eq(get(after, "2-3", 2013, FIELD_PLAN), "Aの計画");
	ck_assert_str_eq(get(after, "4-1", 2014, FIELD_STATUS), "done");
	/* A's model now shows B's changes too */
	ck_assert_str_eq(get(a.plan, "2-3", 2013, FIELD_NOTE), "Bの備考");
	/* nothing else moved: exactly four fields differ from the original */
	size_t differ = 0;
	for (size_t p = 0; p < orig->n_policies; p++)
		for (size_t i = 0; i < orig->policies[p].n_items; i++) {
			const struct item *oi = &orig->policies[p].items[i];
			const struct item *ai = &after->policies[p].items[i];
			for (size_t e = 0; e < oi->n_entries; e++)
				for (int f = 0; f < 3; f++)
					differ += !str_eq_nullable(entry_field(orig, &oi->entries[e], (enum field)f),
					                           entry_field(after, &ai->entries[e], (enum field)f));
		}
	ck_assert_uint_eq(differ, 4);
	plan_free(after);
	free(now);
	plan_free(orig);
	editor_free(&a);
	editor_free(&b);
	fixture_close(&fx);
}
END_TEST

/* B saves a new value of a field that A changes too: a conflict, shown
 * with base, theirs and ours; the file keeps B's save.  *out receives a
 * copy of the conflict. */
static void conflict_setup(struct fixture *fx, struct editor *a, struct conflict *out)
{
	fixture_open(fx, "plan.yaml");
	struct editor b;
	open_editor(a, fx->path);
	open_editor(&b, fx->path);
	ck_assert_str_eq(get(a->plan, "1-1", 2013, FIELD_STATUS), "in_progress");
	ck_assert_int_eq(editor_set(&b, "1-1", 2013, FIELD_STATUS, "done"), EDIT_OK);
	ck_assert_int_eq(editor_set(&b, "3-1", 2012, FIELD_STATUS, "delayed"), EDIT_OK);
	save_ok(&b, fx->path, false);
	editor_free(&b);
	size_t len_b;
	char *after_b = read_bytes(fx->path, &len_b);

	ck_assert_int_eq(editor_set(a, "1-1", 2013, FIELD_STATUS, "delayed"), EDIT_OK);
	ck_assert_int_eq(editor_set(a, "5-2", 2015, FIELD_NOTE, "Aの備考"), EDIT_OK);
	struct save_report rep;
	ck_assert_int_eq(editor_save(a, fx->path, NULL, &rep), SAVE_CONFLICT);
	ck_assert_uint_eq(rep.n_conflicts, 1);
	const struct conflict *c = &rep.conflicts[0];
	ck_assert_str_eq(c->item_id, "1-1");
	ck_assert_int_eq(c->year, 2013);
	ck_assert_int_eq(c->field, FIELD_STATUS);
	ck_assert_str_eq(c->base, "in_progress");
	ck_assert_str_eq(c->theirs, "done");
	ck_assert_str_eq(c->ours, "delayed");
	ck_assert_ptr_nonnull(strstr(said(&rep, SAVE_CONFLICT, fx->path), "another session"));
	ck_assert_uint_eq(editor_unsaved(a), 2);
	/* nothing written by A */
	size_t len;
	char *now = read_bytes(fx->path, &len);
	ck_assert(len == len_b && !memcmp(now, after_b, len));
	free(now);
	free(after_b);
	*out = *c;
	out->item_id = strdup(c->item_id);
	out->base = strdup(c->base);
	out->theirs = strdup(c->theirs);
	out->ours = strdup(c->ours);
	save_report_free(&rep);
}

static void conflict_free(struct conflict *c)
{
	free(c->item_id);
	free(c->base);
	free(c->theirs);
	free(c->ours);
}

START_TEST(merge_conflict_keep_ours)
{
	struct fixture fx;
	struct editor a;
	struct conflict c;
	conflict_setup(&fx, &a, &c);
	ck_assert_int_eq(editor_resolve(&a, &c, true), EDIT_OK);
	ck_assert_str_eq(get(a.plan, "1-1", 2013, FIELD_STATUS), "delayed");
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
	ck_assert_uint_eq(rep.n_conflicts, 0);
	ck_assert_uint_eq(rep.written, 2);
	ck_assert_uint_eq(rep.merged, 1);   /* B's 3-1 */
	save_report_free(&rep);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	struct plan *after = load_text(now, len);
	ck_assert_str_eq(get(after, "1-1", 2013, FIELD_STATUS), "delayed");
	ck_assert_str_eq(get(after, "5-2", 2015, FIELD_NOTE), "Aの備考");
	ck_assert_str_eq(get(after, "3-1", 2012, FIELD_STATUS), "delayed");
	ck_assert_uint_eq(editor_unsaved(&a), 0);
	plan_free(after);
	free(now);
	conflict_free(&c);
	editor_free(&a);
	fixture_close(&fx);
}
END_TEST

START_TEST(merge_conflict_take_theirs)
{
	struct fixture fx;
	struct editor a;
	struct conflict c;
	conflict_setup(&fx, &a, &c);
	ck_assert_int_eq(editor_resolve(&a, &c, false), EDIT_OK);
	ck_assert_str_eq(get(a.plan, "1-1", 2013, FIELD_STATUS), "done");
	ck_assert_uint_eq(editor_unsaved(&a), 1);   /* only the note is ours now */
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
	ck_assert_uint_eq(rep.written, 1);
	save_report_free(&rep);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	struct plan *after = load_text(now, len);
	ck_assert_str_eq(get(after, "1-1", 2013, FIELD_STATUS), "done");
	ck_assert_str_eq(get(after, "5-2", 2015, FIELD_NOTE), "Aの備考");
	ck_assert_str_eq(get(after, "3-1", 2012, FIELD_STATUS), "delayed");
	ck_assert_uint_eq(editor_unsaved(&a), 0);
	plan_free(after);
	free(now);
	conflict_free(&c);
	editor_free(&a);
	fixture_close(&fx);
}
END_TEST

/* Taking theirs for the only pending change leaves nothing to save. */
START_TEST(merge_conflict_take_theirs_only)
{
	struct fixture fx;
	fixture_open(&fx, "plan.yaml");
	struct editor a, b;
	open_editor(&a, fx.path);
	open_editor(&b, fx.path);
	ck_assert_int_eq(editor_set(&b, "1-2", 2014, FIELD_NOTE, "B"), EDIT_OK);
	save_ok(&b, fx.path, false);
	size_t lb;
	char *after_b = read_bytes(fx.path, &lb);
	ck_assert_int_eq(editor_set(&a, "1-2", 2014, FIELD_NOTE, "A"), EDIT_OK);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_CONFLICT);
	ck_assert_uint_eq(rep.n_conflicts, 1);
	ck_assert_str_eq(rep.conflicts[0].base,
	                 "平成25年度末の見直しにより、本格実施の前倒しに合わせて実施年度を変更");
	ck_assert_str_eq(rep.conflicts[0].theirs, "B");
	ck_assert_str_eq(rep.conflicts[0].ours, "A");
	ck_assert_int_eq(editor_resolve(&a, &rep.conflicts[0], false), EDIT_OK);
	save_report_free(&rep);
	ck_assert_str_eq(get(a.plan, "1-2", 2014, FIELD_NOTE), "B");
	ck_assert_uint_eq(editor_unsaved(&a), 0);
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
	save_report_free(&rep);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	ck_assert(len == lb && !memcmp(now, after_b, len));
	free(now);
	free(after_b);
	editor_free(&a);
	editor_free(&b);
	fixture_close(&fx);
}
END_TEST

/* Someone replaces the file (a new version renamed over it) while A edits. */
START_TEST(merge_after_file_replaced)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	struct editor a;
	open_editor(&a, fx.path);
	struct stat st0, st1;
	ck_assert_int_eq(stat(fx.path, &st0), 0);
	/* another tool writes a new version and renames it into place */
	char *tmp = join(fx.dir, "new-version");
	char *edited = strdup(fx.orig);
	char *p = strstr(edited, "status: done   # finished");
	ck_assert_ptr_nonnull(p);
	memcpy(p, "status: doing", 13);   /* same length: "status: doing  # finished" */
	write_bytes(tmp, edited, fx.orig_len);
	ck_assert_int_eq(rename(tmp, fx.path), 0);
	ck_assert_int_eq(stat(fx.path, &st1), 0);
	ck_assert_uint_ne(st0.st_ino, st1.st_ino);

	ck_assert_int_eq(editor_set(&a, "1-2", 2012, FIELD_STATUS, "done"), EDIT_OK);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_OK);
	ck_assert_uint_eq(rep.merged, 1);
	save_report_free(&rep);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	char *line = one_changed_line(edited, fx.orig_len, now, len);
	ck_assert_str_eq(line, "            status: done");
	struct plan *after = load_text(now, len);
	ck_assert_str_eq(get(after, "1-1", 2011, FIELD_STATUS), "doing");
	ck_assert_str_eq(get(after, "1-2", 2012, FIELD_STATUS), "done");
	plan_free(after);
	free(line);
	free(now);
	free(edited);
	free(tmp);
	editor_free(&a);
	fixture_close(&fx);
}
END_TEST

/* The file on disk no longer loads: refuse, keep the edits. */
START_TEST(merge_refused_when_theirs_is_broken)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	struct editor a;
	open_editor(&a, fx.path);
	ck_assert_int_eq(editor_set(&a, "1-2", 2012, FIELD_STATUS, "done"), EDIT_OK);
	write_bytes(fx.path, "title: [broken\n", 15);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_FAILED);
	const char *m = said(&rep, SAVE_FAILED, fx.path);
	ck_assert_msg(strstr(m, "no longer loads") && strstr(m, "your edits are kept"), "%s", m);
	save_report_free(&rep);
	ck_assert_uint_eq(editor_unsaved(&a), 1);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	ck_assert_str_eq(now, "title: [broken\n");
	free(now);
	editor_free(&a);
	fixture_close(&fx);
}
END_TEST

/* The file on disk lost our entry, or the status we set, since we loaded
 * it: refused, naming the entry, and the edits stay. */
START_TEST(merge_refused_when_the_entry_or_status_is_gone)
{
	for (int status = 0; status <= 1; status++) {
		struct fixture fx;
		fixture_open(&fx, "tests/data/save/block.yaml");
		struct editor a;
		open_editor(&a, fx.path);
		if (status)
			ck_assert_int_eq(editor_set(&a, "1-1", 2011, FIELD_STATUS, "yes"), EDIT_OK);
		else
			ck_assert_int_eq(editor_set(&a, "1-2", 2012, FIELD_NOTE, "A"), EDIT_OK);
		/* a hand edit: the vocabulary's "yes", or 1-2's 2012 entry, goes */
		char *edited = strdup(fx.orig);
		const char *cut = status ? "  - {key: \"yes\", label: はい, letter: Y}\n"
		                         : "\n          - year: 2012\n            plan: 'a: b'\n"
		                           "            status: planned\n            note: \"#x\"";
		char *at = strstr(edited, cut);
		ck_assert_ptr_nonnull(at);
		memmove(at, at + strlen(cut), strlen(at + strlen(cut)) + 1);
		write_bytes(fx.path, edited, strlen(edited));
		struct save_report rep;
		ck_assert_int_eq(editor_save(&a, fx.path, NULL, &rep), SAVE_FAILED);
		ck_assert_int_eq(rep.error.code, status ? SAVE_E_STATUS_GONE : SAVE_E_ENTRY_GONE);
		ck_assert_str_eq(rep.error.splice.item_id, status ? "1-1" : "1-2");
		ck_assert_int_eq(rep.error.splice.year, status ? 2011 : 2012);
		const char *m = said(&rep, SAVE_FAILED, fx.path);
		ck_assert_msg(strstr(m, status ? "no longer in the vocabulary" : "was removed") &&
		              strstr(m, "your edits are kept"), "%s", m);
		save_report_free(&rep);
		ck_assert_uint_eq(editor_unsaved(&a), 1);
		size_t len;
		char *now = read_bytes(fx.path, &len);
		ck_assert_str_eq(now, edited);
		free(now);
		free(edited);
		editor_free(&a);
		fixture_close(&fx);
	}
}
END_TEST

/* ---- recovery file ---------------------------------------------------- */

/* The model moved onto the new text must equal a fresh load of it. */
static void expect_same_model(const struct plan *a, const struct plan *b)
{
	ck_assert_uint_eq(a->text_len, b->text_len);
	ck_assert(memcmp(a->text, b->text, a->text_len) == 0);
	ck_assert_uint_eq(a->n_policies, b->n_policies);
	for (size_t p = 0; p < a->n_policies; p++) {
		ck_assert_uint_eq(a->policies[p].n_items, b->policies[p].n_items);
		for (size_t i = 0; i < a->policies[p].n_items; i++) {
			const struct item *x = &a->policies[p].items[i], *y = &b->policies[p].items[i];
			ck_assert_str_eq(x->id, y->id);
			ck_assert_uint_eq(x->line, y->line);
			ck_assert_uint_eq(x->text_start, y->text_start);
			ck_assert_uint_eq(x->text_end, y->text_end);
			ck_assert_uint_eq(x->n_entries, y->n_entries);
			for (size_t e = 0; e < x->n_entries; e++) {
				const struct entry *u = &x->entries[e], *v = &y->entries[e];
				ck_assert_uint_eq(u->line, v->line);
				for (int f = FIELD_STATUS; f <= FIELD_NOTE; f++) {
					const struct span *su = f == FIELD_STATUS ? &u->status_span
					                      : f == FIELD_PLAN ? &u->plan_span : &u->note_span;
					const struct span *sv = f == FIELD_STATUS ? &v->status_span
					                      : f == FIELD_PLAN ? &v->plan_span : &v->note_span;
					ck_assert_msg(su->start == sv->start && su->end == sv->end &&
					              su->line == sv->line && su->col == sv->col &&
					              su->style == sv->style && su->indent == sv->indent &&
					              su->in_flow == sv->in_flow,
					              "%s %d %s: span %u-%u %u:%u style %d, fresh %u-%u %u:%u "
					              "style %d", x->id, u->year, field_name((enum field)f),
					              su->start, su->end, su->line, su->col, su->style,
					              sv->start, sv->end, sv->line, sv->col, sv->style);
					ck_assert(str_eq_nullable(entry_field(a, u, (enum field)f),
					                          entry_field(b, v, (enum field)f)));
				}
			}
		}
	}
}

START_TEST(local_check_matches_full_parse)
{
	/* Large files are checked item by item and the model is moved onto
	 * the new text; here that path is forced on small local_fixtures and must
	 * write the same bytes as the whole-file check and leave a model equal
	 * to a fresh load, round after round. */
	static const char *const local_fixtures[] = {
		"plan.yaml", "tests/data/save/block.yaml", "tests/data/save/crlf.yaml",
		"tests/data/save/bom.yaml", "tests/data/save/noeol.yaml", "tests/data/save/flow.yaml",
		"tests/data/save/dash.yaml",   /* the item check cannot vouch: whole-file parse */
	};
	static const char *const values[] = {
		"完了済み", "yes", "a: b", "#x", "- x", "'q'", "\"dq\"", "", "行1\n行2", "x #y",
		"\xf0\xa0\xae\xb7野家", "長い備考長い備考長い備考長い備考長い備考長い備考長い備考",
		"a\xe2\x80\xa8" "b", "nel\xc2\x85" "x", "cr\rx",   /* line breaks to YAML */
	};
	unsigned seed = 7;
	for (size_t fi = 0; fi < sizeof local_fixtures / sizeof *local_fixtures; fi++) {
		struct fixture fa, fb;
		fixture_open(&fa, local_fixtures[fi]);
		fixture_open(&fb, local_fixtures[fi]);
		struct editor a, b;
		open_editor(&a, fa.path);
		open_editor(&b, fb.path);
		struct save_options local = { .local_check_min = 1 };
		struct save_options whole = { .local_check_min = SIZE_MAX };
		for (int round = 0; round < 30; round++) {
			int edits = 1 + (int)(seed % 4);
			for (int k = 0; k < edits; k++) {
				seed = seed * 1103515245u + 12345u;
				const struct plan *pl = a.plan;
				const struct policy *pol = &pl->policies[(seed >> 8) % pl->n_policies];
				if (!pol->n_items)
					continue;
				const struct item *it = &pol->items[(seed >> 12) % pol->n_items];
				if (!it->n_entries)
					continue;
				const struct entry *en = &it->entries[(seed >> 16) % it->n_entries];
				enum field f = (enum field)((seed >> 20) % 3);
				const char *v = values[(seed >> 4) % (sizeof values / sizeof *values)];
				if (f == FIELD_STATUS)
					v = pl->statuses[(seed >> 24) % pl->n_statuses].key;
				else if (f == FIELD_NOTE && (seed >> 27) % 4 == 0)
					v = NULL;   /* remove (or keep absent) */
				char *id = strdup(it->id);
				int year = en->year;
				enum edit_result ra = editor_set(&a, id, year, f, v);
				enum edit_result rb = editor_set(&b, id, year, f, v);
				ck_assert_int_eq(ra, rb);
				free(id);
			}
			struct save_report ra, rb;
			enum save_status sa = editor_save(&a, fa.path, &local, &ra);
			enum save_status sb = editor_save(&b, fb.path, &whole, &rb);
			char ma[8192];
			snprintf(ma, sizeof ma, "%s", said(&ra, sa, fa.path));
			ck_assert_msg(sa == sb, "%s round %d: local %d (%s), whole %d (%s)", local_fixtures[fi],
			              round, (int)sa, ma, (int)sb, said(&rb, sb, fb.path));
			save_report_free(&ra);
			save_report_free(&rb);
			size_t la, lb;
			char *ta = read_bytes(fa.path, &la), *tb = read_bytes(fb.path, &lb);
			ck_assert_msg(la == lb && memcmp(ta, tb, la) == 0, "%s round %d: files differ",
			              local_fixtures[fi], round);
			struct plan *fresh = load_text(ta, la);
			expect_same_model(a.plan, fresh);
			plan_free(fresh);
			free(ta);
			free(tb);
		}
		editor_free(&a);
		editor_free(&b);
		fixture_close(&fa);
		fixture_close(&fb);
	}
}
END_TEST

START_TEST(bad_value_leaves_no_trace)
{
	/* a refused value records nothing: no stuck pending change */
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	struct editor ed;
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_STATUS, "bogus"), EDIT_BAD_STATUS);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_PLAN, NULL), EDIT_NOT_FOUND);
	ck_assert_uint_eq(ed.n_changes, 0);
	ck_assert_uint_eq(editor_unsaved(&ed), 0);
	ck_assert(!editor_undo(&ed, NULL));
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

START_TEST(recovery_survives_a_save_of_other_edits)
{
	/* the user kept the recovery file for later ('n') and saved something
	 * else: the rescued edit is still offered; once saved, the file goes */
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	struct editor first, second;
	open_editor(&first, fx.path);
	ck_assert_int_eq(editor_set(&first, "1-1", 2012, FIELD_NOTE, "rescued"), EDIT_OK);
	char rpath[PATH_MAX];
	struct file_error fe;
	ck_assert_msg(recovery_write(&first, fx.path, &fe) == 0, "%s", file_said(&fe));
	ck_assert_int_eq(recovery_path(fx.path, rpath, sizeof rpath), 0);
	open_editor(&second, fx.path);
	ck_assert_int_eq(editor_set(&second, "1-2", 2012, FIELD_NOTE, "other"), EDIT_OK);
	save_ok(&second, fx.path, false);
	struct change *ch;
	size_t n;
	ck_assert_int_eq(read_recovery(fx.path, second.plan, &ch, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(ch[0].value, "rescued");
	ck_assert_int_eq(editor_set_rescued(&second, ch[0].item_id, ch[0].year, ch[0].field,
	                                    ch[0].base, ch[0].value), EDIT_OK);
	changes_free(ch, n);
	save_ok(&second, fx.path, false);
	ck_assert_int_eq(access(rpath, F_OK), -1);
	editor_free(&first);
	editor_free(&second);
	fixture_close(&fx);
}
END_TEST

START_TEST(rescue_over_a_changed_file_asks_first)
{
	/* the rescued edit's base is no longer in the file: re-applying it is
	 * unsettled, and the save reports base/theirs/ours instead of writing */
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	struct editor ed, other;
	open_editor(&ed, fx.path);
	char *base = strdup(get(ed.plan, "1-1", 2011, FIELD_STATUS));
	open_editor(&other, fx.path);
	ck_assert_int_eq(editor_set(&other, "1-1", 2011, FIELD_STATUS, "doing"), EDIT_OK);
	save_ok(&other, fx.path, false);
	editor_free(&ed);
	open_editor(&ed, fx.path);
	ck_assert_int_eq(editor_set_rescued(&ed, "1-1", 2011, FIELD_STATUS, base, "planned"),
	                 EDIT_OK);
	size_t len, len2;
	char *before = read_bytes(fx.path, &len);
	struct save_report rep;
	ck_assert_int_eq(editor_save(&ed, fx.path, NULL, &rep), SAVE_CONFLICT);
	ck_assert_uint_eq(rep.n_conflicts, 1);
	ck_assert_str_eq(rep.conflicts[0].base, base);
	ck_assert_str_eq(rep.conflicts[0].theirs, "doing");
	ck_assert_str_eq(rep.conflicts[0].ours, "planned");
	char *after = read_bytes(fx.path, &len2);
	ck_assert(len == len2 && memcmp(before, after, len) == 0);
	ck_assert_int_eq(editor_resolve(&ed, &rep.conflicts[0], true), EDIT_OK);
	save_report_free(&rep);
	save_ok(&ed, fx.path, false);
	ck_assert_str_eq(get(ed.plan, "1-1", 2011, FIELD_STATUS), "planned");
	free(before);
	free(after);
	free(base);
	editor_free(&ed);
	editor_free(&other);
	fixture_close(&fx);
}
END_TEST

START_TEST(recovery_keeps_an_earlier_rescue)
{
	/* A first session rescues edit A; the next one starts without
	 * re-applying it, edits B and the same field as A, and hangs up too:
	 * the file then holds B and its own value for A's field, nothing lost. */
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	struct editor first, second;
	open_editor(&first, fx.path);
	ck_assert_int_eq(editor_set(&first, "1-1", 2011, FIELD_STATUS, "doing"), EDIT_OK);
	ck_assert_int_eq(editor_set(&first, "1-1", 2012, FIELD_NOTE, "first"), EDIT_OK);
	struct file_error fe;
	ck_assert_msg(recovery_write(&first, fx.path, &fe) == 0, "%s", file_said(&fe));
	open_editor(&second, fx.path);
	ck_assert_int_eq(editor_set(&second, "1-1", 2012, FIELD_NOTE, "second"), EDIT_OK);
	ck_assert_int_eq(editor_set(&second, "1-2", 2012, FIELD_NOTE, "other"), EDIT_OK);
	ck_assert_msg(recovery_write(&second, fx.path, &fe) == 0, "%s", file_said(&fe));
	struct change *ch;
	size_t n;
	ck_assert_int_eq(read_recovery(fx.path, second.plan, &ch, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(ch[0].item_id, "1-1");
	ck_assert_int_eq(ch[0].field, FIELD_STATUS);
	ck_assert_str_eq(ch[0].value, "doing");
	ck_assert_int_eq(ch[1].field, FIELD_NOTE);
	ck_assert_str_eq(ch[1].value, "second");
	ck_assert_str_eq(ch[2].item_id, "1-2");
	changes_free(ch, n);
	editor_free(&first);
	editor_free(&second);
	fixture_close(&fx);
}
END_TEST


START_TEST(recovery_round_trip)
{
	struct fixture fx;
	fixture_open(&fx, "tests/data/save/block.yaml");
	struct editor ed;
	open_editor(&ed, fx.path);
	const char *tricky = "tab\there\nnew line\\back\\nslash\rCR 日本語";
	char *plan_base = strdup(get(ed.plan, "1-2", 2011, FIELD_PLAN));
	ck_assert_int_eq(editor_set(&ed, "1-1", 2011, FIELD_STATUS, "doing"), EDIT_OK);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2012, FIELD_NOTE, tricky), EDIT_OK);   /* absent */
	ck_assert_int_eq(editor_set(&ed, "1-2", 2011, FIELD_PLAN, "\\N"), EDIT_OK);
	ck_assert_int_eq(editor_set(&ed, "1-1", 2013, FIELD_NOTE, "\t"), EDIT_OK);    /* empty */
	/* a change undone is not written */
	ck_assert_int_eq(editor_set(&ed, "1-2", 2012, FIELD_STATUS, "done"), EDIT_OK);
	ck_assert(editor_undo(&ed, NULL));
	struct file_error fe;
	ck_assert_msg(recovery_write(&ed, fx.path, &fe) == 0, "%s", file_said(&fe));
	char rpath[PATH_MAX];
	ck_assert_int_eq(recovery_path(fx.path, rpath, sizeof rpath), 0);
	ck_assert_int_eq(access(rpath, R_OK), 0);

	struct change *ch;
	size_t n;
	ck_assert_int_eq(read_recovery(fx.path, ed.plan, &ch, &n), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(ch[0].item_id, "1-1");
	ck_assert_int_eq(ch[0].year, 2011);
	ck_assert_int_eq(ch[0].field, FIELD_STATUS);
	ck_assert_str_eq(ch[0].base, "done");
	ck_assert_str_eq(ch[0].value, "doing");
	ck_assert_int_eq(ch[1].field, FIELD_NOTE);
	ck_assert_int_eq(ch[1].year, 2012);
	ck_assert_ptr_null(ch[1].base);
	ck_assert_str_eq(ch[1].value, tricky);
	ck_assert_int_eq(ch[2].field, FIELD_PLAN);
	ck_assert_str_eq(ch[2].base, plan_base);
	free(plan_base);
	ck_assert_str_eq(ch[2].value, "\\N");
	ck_assert_str_eq(ch[3].base, "");
	ck_assert_str_eq(ch[3].value, "\t");
	/* re-applying them gives the same pending edits */
	struct editor again;
	open_editor(&again, fx.path);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(editor_set(&again, ch[i].item_id, ch[i].year, ch[i].field,
		                            ch[i].value), EDIT_OK);
	ck_assert_uint_eq(editor_unsaved(&again), 4);
	changes_free(ch, n);

	/* a successful save removes the recovery file */
	save_ok(&again, fx.path, false);
	ck_assert_int_eq(access(rpath, F_OK), -1);
	ck_assert_int_eq(read_recovery(fx.path, again.plan, &ch, &n), ENOENT);
	size_t len;
	char *now = read_bytes(fx.path, &len);
	struct plan *after = load_text(now, len);
	ck_assert_str_eq(get(after, "1-1", 2012, FIELD_NOTE), tricky);
	ck_assert_str_eq(get(after, "1-1", 2013, FIELD_NOTE), "\t");
	ck_assert_str_eq(get(after, "1-2", 2011, FIELD_PLAN), "\\N");
	plan_free(after);
	free(now);
	editor_free(&again);
	editor_free(&ed);
	fixture_close(&fx);
}
END_TEST

static Suite *save_suite(void)
{
	Suite *s = suite_create("save");
	TCase *tc = tcase_create("quoting");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, quoting_table);
	tcase_add_test(tc, quoting_table_in_files);
	suite_add_tcase(s, tc);
	tc = tcase_create("splice");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, fixtures_have_their_shape);
	tcase_add_loop_test(tc, unchanged_save_is_byte_identical, 0, N_FIXTURES);
	tcase_add_loop_test(tc, one_status_change_is_one_line, 0, N_FIXTURES);
	tcase_add_test(tc, quote_style_is_kept);
	tcase_add_test(tc, note_is_inserted);
	tcase_add_test(tc, note_is_inserted_at_eof_without_newline);
	tcase_add_test(tc, block_scalars_are_refused);
	tcase_add_test(tc, undo_and_redo_everything);
	suite_add_tcase(s, tc);
	tc = tcase_create("faults");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, fault_full_disk);
	tcase_add_test(tc, fault_read_only_directory);
	tcase_add_test(tc, fault_name_too_long);
	tcase_add_test(tc, fault_directory_gone);
	tcase_add_test(tc, fault_permission_denied_on_file);
	tcase_add_test(tc, lock_held_by_another_saver);
	tcase_add_test(tc, mode_symlink_and_backup);
	suite_add_tcase(s, tc);
	tc = tcase_create("merge");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, merge_non_overlapping);
	tcase_add_test(tc, merge_conflict_keep_ours);
	tcase_add_test(tc, merge_conflict_take_theirs);
	tcase_add_test(tc, merge_conflict_take_theirs_only);
	tcase_add_test(tc, merge_after_file_replaced);
	tcase_add_test(tc, merge_refused_when_theirs_is_broken);
	tcase_add_test(tc, merge_refused_when_the_entry_or_status_is_gone);
	tcase_add_test(tc, recovery_round_trip);
	tcase_add_test(tc, recovery_keeps_an_earlier_rescue);
	tcase_add_test(tc, bad_value_leaves_no_trace);
	tcase_add_test(tc, local_check_matches_full_parse);
	tcase_add_test(tc, recovery_survives_a_save_of_other_edits);
	tcase_add_test(tc, rescue_over_a_changed_file_asks_first);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(save_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
