/* access.h - who may change what: the access file, and the one question
 * every change asks first ("may this identity change this item?").  No
 * curses.
 *
 * The access file (--access FILE) is YAML, read as strictly as a plan
 * (libyaml events; unknown keys, wrong kinds, duplicates, aliases, anchors
 * and tags are errors with their line and column):
 *
 *   users:
 *     tanaka: {departments: [財政課]}     # edits the items of 財政課
 *     suzuki: {role: viewer}              # reads only
 *     sato:   {role: editor, lang: ja}    # edits every item
 *   commit: false                         # optional (see below)
 *
 * A user's keys, all optional:
 *   role         viewer or editor.  Without it: editor when departments
 *                are given, else viewer.
 *   departments  a non-empty list of department names: an editor may
 *                change only the items whose departments include one of
 *                them (names compared exactly).  Not with role: viewer.
 *   lang         ja or en: the user's UI language (i18n_pick_lang's
 *                third choice, after --lang and $PLANDASH_LANG).
 *   ambiwidth    1 or 2: the columns of ambiguous-width characters
 *                (textcol_pick_ambiwidth's third choice).
 *   name, email  how commits name the user (for --commit; read by the
 *                module that commits, not here).
 * The top level may also hold `commit: true|false` (every save a git
 * commit; read by that module).
 *
 * A user who is not listed is a viewer.  Without an access file there are
 * no rules: everyone may change everything, as before.
 *
 * Identity is the login name from the password database (lock_user()),
 * never $USER; main() may replace it (--as) only together with an access
 * file (lock_set_user()).
 */
#ifndef PLANDASH_ACCESS_H
#define PLANDASH_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "load.h"
#include "plan.h"

#define ACCESS_MAX_BYTES ((size_t)1 << 20)
#define ACCESS_NAME_MAX 64        /* a user name's bytes, without the NUL */

enum access_role { ACCESS_VIEWER, ACCESS_EDITOR };

struct access_user {
	const char *name;
	enum access_role role;
	const char **departments; /* NULL and 0: every item (an editor) */
	size_t n_departments;
	const char *lang;         /* "ja" / "en" as written, or NULL */
	const char *ambiwidth;    /* "1" / "2", or NULL */
	const char *full_name;    /* name:, or NULL */
	const char *email;        /* email:, or NULL */
	unsigned long line;       /* where the user is in the file */
};

struct access {
	struct access_user *users;
	size_t n_users;
	bool commit;              /* commit: true */
	struct arena *arena;      /* owns every string and array above */
};

/* ---- errors: codes and data (describe_access_error() has the words) */

enum access_code {
	ACCESS_OK,
	ACCESS_NO_MEMORY,
	ACCESS_IO,                /* num: errno (line 0) */
	ACCESS_TOO_LARGE,         /* num: the limit in KiB */
	ACCESS_BAD_UTF8,          /* num: the first bad byte */
	ACCESS_SYNTAX,            /* yaml, yaml_context; num: the context's line */
	ACCESS_EMPTY,             /* no document */
	ACCESS_SECOND_DOCUMENT,
	ACCESS_ALIAS,             /* text: the alias */
	ACCESS_ANCHOR,            /* text: the anchor */
	ACCESS_TAG,               /* text: the tag */
	ACCESS_EXPECTED,          /* want; found; key: the key whose value it is
	                             (or NULL); user */
	ACCESS_UNKNOWN_KEY,       /* text; user ("" at the top); expected */
	ACCESS_DUPLICATE_KEY,     /* text; user ("" at the top or in users) */
	ACCESS_NO_USERS,          /* the top mapping has no "users" */
	ACCESS_BAD_USER_NAME,     /* text: not a login name */
	ACCESS_BAD_ROLE,          /* text; user */
	ACCESS_BAD_LANG,          /* text; user */
	ACCESS_BAD_AMBIWIDTH,     /* text; user */
	ACCESS_BAD_BOOLEAN,       /* text; key */
	ACCESS_NO_DEPARTMENTS,    /* user: "departments: []" */
	ACCESS_EMPTY_DEPARTMENT,  /* user: an empty department name */
	ACCESS_VIEWER_DEPARTMENTS, /* user: role viewer with departments */
	ACCESS_NUL_CHARACTER,     /* key; user */
};

/* What the file should have had (ACCESS_EXPECTED). */
enum access_want {
	ACCESS_WANT_TOP,          /* a mapping at the top */
	ACCESS_WANT_END,          /* the end of the document */
	ACCESS_WANT_KEY,          /* a key (a scalar) */
	ACCESS_WANT_USERS,        /* a mapping of user names */
	ACCESS_WANT_USER,         /* a mapping {role, departments, ...} */
	ACCESS_WANT_STRING,       /* a scalar */
	ACCESS_WANT_BOOLEAN,      /* true or false */
	ACCESS_WANT_LIST,         /* a list of department names */
	ACCESS_WANT_DEPARTMENT,   /* a department name (a scalar) in the list */
};

struct access_error {
	enum access_code code;
	unsigned long line, col;  /* 1-based; col in characters; 0: unknown */
	enum access_want want;
	enum load_found found;
	enum load_yaml yaml;
	enum load_yaml_context yaml_context;
	const char *key;          /* static storage, or NULL */
	long num;
	char user[ACCESS_NAME_MAX + 8];   /* escaped, cut */
	char text[160];           /* from the file: control characters escaped
	                             as \xNN, cut to whole characters */
	char expected[128];       /* the values or keys allowed, ", "-separated */
};

/* Parse len bytes of an access file.  Returns the rules, or NULL with *err
 * filled in. */
struct access *access_load_buffer(const char *text, size_t len, struct access_error *err);
/* Read and parse a file (ACCESS_IO on a read error). */
struct access *access_load_file(const char *path, struct access_error *err);
void access_free(struct access *acc);

/* The entry of a user, or NULL when not listed. */
const struct access_user *access_find(const struct access *acc, const char *name);

/* Whether name can be a login name here: 1..ACCESS_NAME_MAX bytes of
 * ASCII letters, digits and . _ - @, not starting with - (what --as and
 * the file's user names must be). */
bool access_name_valid(const char *name);

/* ---- rights: what one identity may do */

struct access_rights {
	char user[ACCESS_NAME_MAX + 1];
	bool rules;               /* false: no access file (everything allowed) */
	bool listed;              /* the user has an entry */
	enum access_role role;
	const char *const *departments;   /* the scope (an editor's); 0: every item */
	size_t n_departments;
	const struct access_user *entry;  /* NULL when not listed; points into acc */
};

/* The rights of user under acc (NULL: no rules).  *out points into acc,
 * which must outlive it. */
void access_rights_for(const struct access *acc, const char *user, struct access_rights *out);

enum access_verdict {
	ACCESS_ALLOWED,
	ACCESS_READ_ONLY,         /* a viewer (or not listed) */
	ACCESS_OUT_OF_SCOPE,      /* an editor of other departments */
};

/* May the identity change the item (any of its entries, or the item
 * itself: a rating)?  O(item's departments x the user's departments). */
enum access_verdict access_check_item(const struct access_rights *r, const struct item *it);
/* The same by id (an id the plan lacks is out of a scoped editor's
 * scope).  O(1) with the plan's index. */
enum access_verdict access_check_id(const struct access_rights *r, const struct plan *plan,
                                    const char *item_id);
/* The editor's gate (edit.h: editor_set_gate): rights is a
 * const struct access_rights *.  True when access_check_id allows it. */
bool access_gate(const struct plan *plan, const char *item_id, const void *rights);

/* A viewer: nothing at all may be changed. */
bool access_read_only(const struct access_rights *r);

#endif
