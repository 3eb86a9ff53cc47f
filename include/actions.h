/* actions.h - the one table of user actions.  The key dispatch, the hint
 * bar and the help screen all read it, so they cannot drift apart. */
#ifndef PLANDASH_ACTIONS_H
#define PLANDASH_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

enum action {
	ACT_NONE = 0,
	ACT_DOWN,
	ACT_UP,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_FIRST,
	ACT_LAST,
	ACT_OPEN,
	ACT_BACK,
	ACT_YEAR_PREV,
	ACT_YEAR_NEXT,
	ACT_SET_STATUS,           /* digits 1..N: the Nth status of the vocabulary */
	ACT_CYCLE_STATUS,
	ACT_EDIT_NOTE,
	ACT_EDIT_PLAN,
	ACT_SAVE,
	ACT_UNDO,
	ACT_REDO,
	ACT_JUMP,                 /* ":4-3 H26": open an item (and entry) by id */
	ACT_SEARCH,               /* "/": incremental search */
	ACT_SEARCH_NEXT,          /* n (in a meeting: edit the note) */
	ACT_SEARCH_PREV,          /* N */
	ACT_FILTER,               /* f: the filter picker */
	ACT_FILTER_CLEAR,         /* F */
	ACT_MEETING,              /* m: walk one year's entries */
	ACT_SKIP,                 /* s: skip the entry (meeting mode) */
	ACT_MATRIX,               /* M: items x years */
	ACT_LOG,                  /* L: the change log */
	ACT_YEAR_STYLE,           /* y: 平成25年度 <-> FY2013 */
	ACT_HELP,
	ACT_REDRAW,
	ACT_QUIT,
	ACT_COUNT
};

#define ACTION_BIT(a) (UINT64_C(1) << (a))
#define ACTION_MAX_KEYS 6

/* A key as get_wch() reports it: a character, or (is_code) a KEY_* code.
 * With last != 0 it is the range of characters code..last (the digits). */
struct action_key {
	bool is_code;
	int code;
	int last;
};

struct action_def {
	enum action id;
	const char *name;         /* stable name, e.g. "move-down" */
	struct action_key keys[ACTION_MAX_KEYS];   /* unused slots have code 0 */
	const char *hint_keys;    /* keys as shown in the hint bar, or NULL */
	const char *hint;         /* N_() short label for the hint bar, or NULL */
	const char *help;         /* N_() description for the help screen */
	bool hint_extra;          /* in the hint bar only when there is room left
	                             after the others (which never get dropped) */
};

/* The table, in help-screen order; actions[i].id == i for i in 1..ACT_COUNT-1. */
extern const struct action_def actions[ACT_COUNT];

/* The action bound to a key from get_wch() (is_code: it returned
 * KEY_CODE_YES), or ACT_NONE. */
enum action action_for_key(bool is_code, wint_t key);

/* Human-readable name of a key ("j", "Down", "Ctrl-F", "Enter", "1..9") in
 * a static buffer valid until the next call. */
const char *action_key_name(const struct action_key *key);

#endif
