/* access.c - the access file and the rights it gives (see access.h).
 *
 * The reader walks libyaml's events with the schema built in, as the
 * plan's loader does: anything the schema does not expect is an error at
 * its first event, so nothing is skipped over and depth stays bounded. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "access.h"
#include "arena.h"
#include "fileio.h"
#include "i18n.h"
#include "yamlev.h"
#include "textcol.h"
#include "utf8.h"

struct reader {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have_ev, failed;
	const char *text;         /* what libyaml reads: the bytes after a BOM */
	size_t len;
	struct access_error *err;
	struct access_error spare;   /* filled, and ignored, after the first error */
	struct access *acc;
	size_t cap_users;
	const char *user;         /* the user being read ("" outside one) */
};

/* ---- errors */

static struct access_error *fail_at(struct reader *rd, enum access_code code,
                                    unsigned long line, unsigned long col)
{
	struct access_error *e;

	if (rd->failed)
		return &rd->spare;
	rd->failed = true;
	e = rd->err;
	memset(e, 0, sizeof *e);
	e->code = code;
	e->line = line;
	e->col = col;
	load_escape(e->user, sizeof e->user, rd->user);
	return e;
}

static struct access_error *fail_mark(struct reader *rd, enum access_code code, yaml_mark_t m)
{
	return fail_at(rd, code, m.line + 1, m.column + 1);
}

#define fail_here(rd, code) fail_mark((rd), (code), (rd)->ev.start_mark)

static const char *scalar_text(const struct reader *rd)
{
	return (const char *)rd->ev.data.scalar.value;
}

/* An error about the current scalar, with its text. */
static bool fail_scalar(struct reader *rd, enum access_code code, const char *key)
{
	struct access_error *e = fail_here(rd, code);

	e->key = key;
	load_escape(e->text, sizeof e->text, scalar_text(rd));
	return false;
}

static bool oom(struct reader *rd)
{
	fail_at(rd, ACCESS_NO_MEMORY, 0, 0);
	return false;
}

/* The current event is not what the schema wants there. */
static bool fail_expected(struct reader *rd, enum access_want want, const char *key)
{
	struct access_error *e = fail_here(rd, ACCESS_EXPECTED);

	e->want = want;
	e->found = yamlev_found(&rd->ev);
	e->key = key;
	return false;
}

/* libyaml refused the text: the problem and where, in its codes. */
static void fail_libyaml(struct reader *rd)
{
	const yaml_parser_t *p = &rd->parser;
	struct access_error *e;
	size_t off;

	if (p->error == YAML_MEMORY_ERROR) {
		oom(rd);
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		unsigned long line, col;

		off = p->problem_offset < rd->len ? p->problem_offset : rd->len;
		utf8_line_col(rd->text, rd->len, off, &line, &col);
		e = fail_at(rd, ACCESS_SYNTAX, line, col);
		e->yaml = load_yaml_problem(p->problem);
		return;
	}
	e = fail_mark(rd, ACCESS_SYNTAX, p->problem_mark);
	e->yaml = load_yaml_problem(p->problem);
	/* the character itself: a tab in the indentation has words of its own */
	off = 0;
	for (size_t chars = 0; off < rd->len && chars < p->problem_mark.index; chars++)
		off += utf8_seq_len((unsigned char)rd->text[off]);
	if ((e->yaml == LOAD_YAML_CANNOT_START_TOKEN || e->yaml == LOAD_YAML_TAB_INDENT) &&
	    off < rd->len && rd->text[off] == '\t')
		e->yaml = LOAD_YAML_TAB;
	e->yaml_context = load_yaml_context(p->context);
	if (p->context)
		e->num = (long)p->context_mark.line + 1;
}

/* ---- events */

/* The next event into rd->ev: aliases, anchors and tags are refused. */
static bool next(struct reader *rd)
{
	const yaml_char_t *anchor, *tag;

	if (rd->failed)
		return false;
	if (rd->have_ev) {
		yaml_event_delete(&rd->ev);
		rd->have_ev = false;
	}
	if (!yaml_parser_parse(&rd->parser, &rd->ev)) {
		fail_libyaml(rd);
		return false;
	}
	rd->have_ev = true;
	if (rd->ev.type == YAML_ALIAS_EVENT) {
		load_escape(fail_here(rd, ACCESS_ALIAS)->text, sizeof rd->err->text,
		            (const char *)rd->ev.data.alias.anchor);
		return false;
	}
	yamlev_props(&rd->ev, &anchor, &tag);
	if (anchor || tag) {
		struct access_error *e = fail_here(rd, anchor ? ACCESS_ANCHOR : ACCESS_TAG);

		load_escape(e->text, sizeof e->text, (const char *)(anchor ? anchor : tag));
		return false;
	}
	return true;
}

/* The next event must be of type (the value of key, or an element). */
static bool next_is(struct reader *rd, yaml_event_type_t type, enum access_want want,
                    const char *key)
{
	if (!next(rd))
		return false;
	return rd->ev.type == type || fail_expected(rd, want, key);
}

/* The current scalar copied into the arena; a NUL in it is refused. */
static bool copy_scalar(struct reader *rd, const char *key, const char **out)
{
	size_t len = rd->ev.data.scalar.length;

	if (memchr(scalar_text(rd), '\0', len)) {
		fail_here(rd, ACCESS_NUL_CHARACTER)->key = key;
		return false;
	}
	*out = arena_strndup(rd->acc->arena, scalar_text(rd), len);
	return *out ? true : oom(rd);
}

static bool take_string(struct reader *rd, const char *key, const char **out)
{
	return next_is(rd, YAML_SCALAR_EVENT, ACCESS_WANT_STRING, key) && copy_scalar(rd, key, out);
}

/* The next key of the current mapping: 1 with *k its index in keys, 0 at
 * the mapping's end, -1 on an error. */
static int next_key(struct reader *rd, const char *const *keys, unsigned *seen, int *k)
{
	struct access_error *e;

	if (!next(rd))
		return -1;
	if (rd->ev.type == YAML_MAPPING_END_EVENT)
		return 0;
	if (rd->ev.type != YAML_SCALAR_EVENT) {
		fail_expected(rd, ACCESS_WANT_KEY, NULL);
		return -1;
	}
	for (int i = 0; keys[i]; i++) {
		if (strcmp(keys[i], scalar_text(rd)) != 0 ||
		    strlen(keys[i]) != rd->ev.data.scalar.length)
			continue;
		if (*seen & (1u << i)) {
			fail_scalar(rd, ACCESS_DUPLICATE_KEY, NULL);
			return -1;
		}
		*seen |= 1u << i;
		*k = i;
		return 1;
	}
	fail_scalar(rd, ACCESS_UNKNOWN_KEY, NULL);
	e = rd->err;
	for (int i = 0; keys[i]; i++) {
		size_t used = strlen(e->expected);

		snprintf(e->expected + used, sizeof e->expected - used, "%s%s", i ? ", " : "", keys[i]);
	}
	return -1;
}

/* ---- a user */

bool access_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > ACCESS_NAME_MAX || name[0] == '-')
		return false;
	for (const char *c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || strchr("._-@", *c)))
			return false;
	return true;
}

/* departments: a non-empty list of non-empty names. */
static bool read_departments(struct reader *rd, struct access_user *u)
{
	const char **list = NULL;
	size_t n = 0, cap = 0;
	yaml_mark_t start;
	bool ok = false;

	if (!next_is(rd, YAML_SEQUENCE_START_EVENT, ACCESS_WANT_LIST, "departments"))
		return false;
	start = rd->ev.start_mark;
	while (next(rd) && rd->ev.type != YAML_SEQUENCE_END_EVENT) {
		if (rd->ev.type != YAML_SCALAR_EVENT) {
			fail_expected(rd, ACCESS_WANT_DEPARTMENT, "departments");
			goto out;
		}
		if (n == cap) {
			const char **grown = realloc(list, (cap ? 2 * cap : 4) * sizeof *list);

			if (!grown) {
				oom(rd);
				goto out;
			}
			list = grown;
			cap = cap ? 2 * cap : 4;
		}
		if (!copy_scalar(rd, "departments", &list[n]))
			goto out;
		if (!*list[n++]) {
			fail_here(rd, ACCESS_EMPTY_DEPARTMENT);
			goto out;
		}
	}
	if (!rd->failed && !n)
		fail_mark(rd, ACCESS_NO_DEPARTMENTS, start);
	if (rd->failed)
		goto out;
	u->n_departments = n;
	u->departments = arena_memdup(rd->acc->arena, list, n * sizeof *list);
	ok = u->departments ? true : oom(rd);
out:
	free(list);
	return ok;
}

/* A scalar that must be one of a few words (check says which). */
static bool take_word(struct reader *rd, const char *key, enum access_code bad,
                      bool (*check)(const char *), const char **out)
{
	if (!take_string(rd, key, out))
		return false;
	return check(*out) || fail_scalar(rd, bad, key);
}

static bool is_role(const char *s)
{
	return strcmp(s, "viewer") == 0 || strcmp(s, "editor") == 0;
}

static bool is_lang(const char *s)
{
	enum i18n_lang lang;

	return i18n_lang_parse(s, &lang);
}

static bool is_ambiwidth(const char *s)
{
	int width;

	return textcol_ambiwidth_parse(s, &width);
}

static bool read_user(struct reader *rd, struct access_user *u, yaml_mark_t at)
{
	static const char *const keys[] = { "role", "departments", "lang", "ambiwidth", "name",
	                                    "email", NULL };
	const char *role = NULL;
	unsigned seen = 0;
	int k, r;

	if (!next_is(rd, YAML_MAPPING_START_EVENT, ACCESS_WANT_USER, NULL))
		return false;
	while ((r = next_key(rd, keys, &seen, &k)) > 0) {
		bool ok;

		switch (k) {
		case 0:  ok = take_word(rd, "role", ACCESS_BAD_ROLE, is_role, &role); break;
		case 1:  ok = read_departments(rd, u); break;
		case 2:  ok = take_word(rd, "lang", ACCESS_BAD_LANG, is_lang, &u->lang); break;
		case 3:  ok = take_word(rd, "ambiwidth", ACCESS_BAD_AMBIWIDTH, is_ambiwidth,
		                        &u->ambiwidth); break;
		case 4:  ok = take_string(rd, "name", &u->full_name); break;
		default: ok = take_string(rd, "email", &u->email); break;
		}
		if (!ok)
			return false;
	}
	if (r < 0)
		return false;
	u->role = role ? (strcmp(role, "editor") == 0 ? ACCESS_EDITOR : ACCESS_VIEWER)
	               : (u->departments ? ACCESS_EDITOR : ACCESS_VIEWER);
	if (u->role == ACCESS_VIEWER && u->departments) {
		fail_mark(rd, ACCESS_VIEWER_DEPARTMENTS, at);
		return false;
	}
	return true;
}

/* users: a mapping from login names to their entries. */
static bool read_users(struct reader *rd)
{
	struct access *acc = rd->acc;

	if (!next_is(rd, YAML_MAPPING_START_EVENT, ACCESS_WANT_USERS, "users"))
		return false;
	while (next(rd) && rd->ev.type != YAML_MAPPING_END_EVENT) {
		struct access_user *u;
		yaml_mark_t at = rd->ev.start_mark;

		if (rd->ev.type != YAML_SCALAR_EVENT)
			return fail_expected(rd, ACCESS_WANT_KEY, "users");
		if (!access_name_valid(scalar_text(rd)) ||
		    strlen(scalar_text(rd)) != rd->ev.data.scalar.length)
			return fail_scalar(rd, ACCESS_BAD_USER_NAME, NULL);
		if (access_find(acc, scalar_text(rd)))
			return fail_scalar(rd, ACCESS_DUPLICATE_KEY, "users");
		if (acc->n_users == rd->cap_users) {
			size_t cap = rd->cap_users ? 2 * rd->cap_users : 16;
			struct access_user *grown = realloc(acc->users, cap * sizeof *grown);

			if (!grown)
				return oom(rd);
			acc->users = grown;
			rd->cap_users = cap;
		}
		u = &acc->users[acc->n_users];
		memset(u, 0, sizeof *u);
		u->line = at.line + 1;
		if (!copy_scalar(rd, NULL, &u->name))
			return false;
		rd->user = u->name;
		if (!read_user(rd, u, at))
			return false;
		rd->user = "";
		acc->n_users++;
	}
	return !rd->failed;
}

static bool take_bool(struct reader *rd, const char *key, bool *out)
{
	const char *s;

	if (!next_is(rd, YAML_SCALAR_EVENT, ACCESS_WANT_BOOLEAN, key))
		return false;
	s = scalar_text(rd);
	if (rd->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && strcmp(s, "true") == 0)
		*out = true;
	else if (rd->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && strcmp(s, "false") == 0)
		*out = false;
	else
		return fail_scalar(rd, ACCESS_BAD_BOOLEAN, key);
	return true;
}

/* The one document: a mapping of users (and commit). */
static bool read_document(struct reader *rd)
{
	static const char *const keys[] = { "users", "commit", NULL };
	unsigned seen = 0;
	yaml_mark_t top;
	int k, r;

	if (!next_is(rd, YAML_MAPPING_START_EVENT, ACCESS_WANT_TOP, NULL))
		return false;
	top = rd->ev.start_mark;
	while ((r = next_key(rd, keys, &seen, &k)) > 0)
		if (!(k == 0 ? read_users(rd) : take_bool(rd, "commit", &rd->acc->commit)))
			return false;
	if (r < 0)
		return false;
	if (!(seen & 1)) {
		fail_mark(rd, ACCESS_NO_USERS, top);
		return false;
	}
	return next_is(rd, YAML_DOCUMENT_END_EVENT, ACCESS_WANT_END, NULL);
}

static bool read_stream(struct reader *rd)
{
	if (!next(rd) || !next(rd))           /* the stream's start, then a document */
		return false;
	if (rd->ev.type == YAML_STREAM_END_EVENT) {
		fail_here(rd, ACCESS_EMPTY);
		return false;
	}
	if (!read_document(rd) || !next(rd))
		return false;
	if (rd->ev.type != YAML_STREAM_END_EVENT) {
		fail_here(rd, ACCESS_SECOND_DOCUMENT);
		return false;
	}
	return true;
}

/* ---- loading */

static struct access *load(const char *text, size_t len, struct access_error *err)
{
	struct reader rd = { .err = err, .user = "" };
	size_t bad;
	bool ok;

	if (!utf8_valid(text, len, &bad)) {
		unsigned long line, col;

		utf8_line_col(text, len, bad, &line, &col);
		*err = (struct access_error){ .code = ACCESS_BAD_UTF8, .line = line, .col = col,
		                              .num = (unsigned char)text[bad] };
		return NULL;
	}
	rd.acc = calloc(1, sizeof *rd.acc);
	if (!rd.acc || !(rd.acc->arena = arena_new()) || !yaml_parser_initialize(&rd.parser)) {
		access_free(rd.acc);
		err->code = ACCESS_NO_MEMORY;
		return NULL;
	}
	/* positions count from after a BOM, as in an editor */
	rd.text = text + (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
	rd.len = len - (size_t)(rd.text - text);
	yaml_parser_set_encoding(&rd.parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&rd.parser, (const unsigned char *)rd.text, rd.len);
	ok = read_stream(&rd);
	if (rd.have_ev)
		yaml_event_delete(&rd.ev);
	yaml_parser_delete(&rd.parser);
	if (ok)
		return rd.acc;
	access_free(rd.acc);
	return NULL;
}

struct access *access_load_buffer(const char *text, size_t len, struct access_error *err)
{
	memset(err, 0, sizeof *err);
	if (len > ACCESS_MAX_BYTES) {
		err->code = ACCESS_TOO_LARGE;
		err->num = (long)(ACCESS_MAX_BYTES >> 10);
		return NULL;
	}
	return load(text, len, err);
}

struct access *access_load_file(const char *path, struct access_error *err)
{
	struct access *acc;
	char *text;
	size_t len;
	int e;

	memset(err, 0, sizeof *err);
	e = file_read_all(path, ACCESS_MAX_BYTES, &text, &len);
	if (e == EFBIG) {
		err->code = ACCESS_TOO_LARGE;
		err->num = (long)(ACCESS_MAX_BYTES >> 10);
		return NULL;
	}
	if (e) {
		err->code = ACCESS_IO;
		err->num = e;
		return NULL;
	}
	acc = load(text, len, err);
	free(text);
	return acc;
}

void access_free(struct access *acc)
{
	if (!acc)
		return;
	free(acc->users);
	arena_free(acc->arena);
	free(acc);
}

const struct access_user *access_find(const struct access *acc, const char *name)
{
	for (size_t i = 0; acc && name && i < acc->n_users; i++)
		if (strcmp(acc->users[i].name, name) == 0)
			return &acc->users[i];
	return NULL;
}

/* ---- rights */

void access_rights_for(const struct access *acc, const char *user, struct access_rights *out)
{
	const struct access_user *u = access_find(acc, user);

	memset(out, 0, sizeof *out);
	snprintf(out->user, sizeof out->user, "%s", user ? user : "");
	out->rules = acc != NULL;
	out->role = acc ? ACCESS_VIEWER : ACCESS_EDITOR;
	if (!u)
		return;
	out->listed = true;
	out->entry = u;
	out->role = u->role;
	out->departments = u->departments;
	out->n_departments = u->n_departments;
}

bool access_read_only(const struct access_rights *r)
{
	return r && r->rules && r->role == ACCESS_VIEWER;
}

enum access_verdict access_check_item(const struct access_rights *r, const struct item *it)
{
	if (!r || !r->rules)
		return ACCESS_ALLOWED;
	if (r->role == ACCESS_VIEWER)
		return ACCESS_READ_ONLY;
	if (!r->n_departments)
		return ACCESS_ALLOWED;
	for (size_t i = 0; it && i < it->n_departments; i++)
		for (size_t d = 0; d < r->n_departments; d++)
			if (strcmp(it->departments[i], r->departments[d]) == 0)
				return ACCESS_ALLOWED;
	return ACCESS_OUT_OF_SCOPE;
}

enum access_verdict access_check_id(const struct access_rights *r, const struct plan *plan,
                                    const char *item_id)
{
	if (!r || !r->rules || (r->role == ACCESS_EDITOR && !r->n_departments))
		return access_check_item(r, NULL);
	return access_check_item(r, plan_find_item(plan, item_id));
}

bool access_gate(const struct plan *plan, const char *item_id, const void *rights)
{
	return access_check_id(rights, plan, item_id) == ACCESS_ALLOWED;
}
