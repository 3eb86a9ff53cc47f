/* actions.h - the one table of user actions.  Every key of every screen
 * and prompt is a row here: the key dispatch, the hint bar and the help
 * screen of each mode all read it, so they cannot drift apart.
 *
 * A mode (a screen or a prompt) lists the actions it takes, in the order
 * its hint bar and its help show them.  A key means the first action of
 * that list bound to it, so the same key can mean different things in
 * different modes ('n' is "next match" in a list and "not now" in the
 * recovery prompt) without a second table. */
#ifndef PLANDASH_ACTIONS_H
#define PLANDASH_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum action {
	ACT_NONE = 0,
	/* moving */
	ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST,
	ACT_OPEN, ACT_BACK, ACT_YEAR_PREV, ACT_YEAR_NEXT,
	/* changing the plan */
	ACT_SET_STATUS,           /* digits 1..N: the Nth status (arg: N-1) */
	ACT_CYCLE_STATUS, ACT_EDIT_NOTE, ACT_EDIT_PLAN, ACT_SAVE, ACT_UNDO, ACT_REDO,
	/* finding */
	ACT_JUMP, ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_FILTER, ACT_FILTER_CLEAR,
	/* other screens */
	ACT_MEETING, ACT_MATRIX, ACT_LOG, ACT_WHO, ACT_YEAR_STYLE, ACT_HELP, ACT_REDRAW, ACT_QUIT,
	/* the review cycle */
	ACT_REVIEW_PREV, ACT_REVIEW_NEXT, ACT_EFFECTS,
	/* meeting mode */
	ACT_MEET_START, ACT_MEET_STATUS, ACT_MEET_NOTE, ACT_SKIP, ACT_MEET_PREV, ACT_MEET_FINISH,
	ACT_MEET_SAVE, ACT_MEET_CONTINUE, ACT_MEET_RETURN, ACT_MEET_CANCEL,
	/* the rating meeting */
	ACT_MEET_KIND, ACT_MEET_DATE_PREV, ACT_MEET_DATE_NEXT, ACT_MEET_NEW_DATE,
	ACT_MEET_RATING,          /* digits 1..N: the Nth rating (arg: N-1) */
	ACT_MEET_RATING_NOTE, ACT_MEET_RATE_START, ACT_MEET_RATE_SKIP, ACT_MEET_RATE_PREV,
	/* the quit prompt */
	ACT_QUIT_SAVE, ACT_QUIT_DISCARD, ACT_QUIT_CANCEL,
	/* the recovery prompt */
	ACT_RECOVER_APPLY, ACT_RECOVER_LATER, ACT_RECOVER_DELETE,
	/* the conflict picker */
	ACT_KEEP_OURS, ACT_KEEP_THEIRS, ACT_ALL_OURS, ACT_ALL_THEIRS, ACT_CONFLICT_SAVE,
	ACT_CONFLICT_CANCEL,
	/* one-line editors (notes, plan texts, the search and jump prompts) */
	ACT_ACCEPT, ACT_CANCEL, ACT_LE_LEFT, ACT_LE_RIGHT, ACT_LE_HOME, ACT_LE_END,
	ACT_LE_BACKSPACE, ACT_LE_DELETE, ACT_LE_CLEAR, ACT_TYPE, ACT_NARROW,
	/* pickers (the filter) */
	ACT_TOGGLE, ACT_PICKER_CLOSE, ACT_PICKER_ERASE,
	/* pages (help, a change shown whole) */
	ACT_CLOSE,
	/* reports: x, and the question before replacing a file */
	ACT_EXPORT, ACT_EXPORT_OVERWRITE, ACT_EXPORT_KEEP,
	ACT_COUNT
};

/* A key as get_wch() reports it: a character, or (is_code) a KEY_* code. */
struct key {
	bool is_code;
	wint_t code;
};

enum key_kind {
	KEY_NONE = 0,             /* an unused slot */
	KEY_CHAR,                 /* the character code (..last when last != 0) */
	KEY_CODE,                 /* the KEY_* code */
	KEY_TEXT,                 /* any printable character that is not bound otherwise */
};

#define ACTION_MAX_KEYS 8

struct action_key {
	enum key_kind kind;
	int code;
	int last;
};

struct action_def {
	enum action id;
	const char *name;         /* stable name, e.g. "move-down" */
	struct action_key keys[ACTION_MAX_KEYS];
	const char *hint_keys;    /* keys as the hint bar shows them, or NULL: the first key */
	const char *hint;         /* N_() short label for the hint bar, or NULL: not shown there */
	const char *help;         /* N_() description for the help screen */
	unsigned char rank;       /* hint bar: 0 is never dropped; higher ranks go first
	                             when the bar is too narrow */
	bool edits;               /* changes the plan: left out when read-only */
};

/* The table; actions[i].id == i for i in 1..ACT_COUNT-1. */
extern const struct action_def actions[ACT_COUNT];

/* An action as a mode receives it: the digit's index for ACT_SET_STATUS,
 * ACT_MEET_STATUS and ACT_MEET_RATING (0 for '1'), the character for ACT_TYPE, and the key
 * itself (so that, say, Esc and Backspace can differ inside one action). */
struct action_call {
	enum action id;
	int arg;
	struct key key;
};

/* The action of key among `list` (terminated by ACT_NONE): the first one
 * bound to it, keys bound explicitly winning over KEY_TEXT.  Returns false
 * (out->id = ACT_NONE) when the mode has no action for the key. */
bool action_resolve(const enum action *list, struct key key, struct action_call *out);

/* Whether list holds a. */
bool action_in(const enum action *list, enum action a);

/* Human-readable name of a key ("j", "Down", "Ctrl-F", "Enter", "1..9") in
 * a static buffer valid until the next call. */
const char *action_key_name(const struct action_key *key);

/* "Left, h, Backspace, Esc": every distinct key name of a once, into buf. */
void action_key_list(const struct action_def *a, char *buf, size_t size);

#endif
