/* actions.c - the one table of user actions (see actions.h). */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "actions.h"
#include "i18n.h"

#define CH(c)   { false, (c), 0 }
#define CODE(k) { true, (k), 0 }
#define RANGE(a, b) { false, (a), (b) }
#include "keys.h"

const struct action_def actions[ACT_COUNT] = {
	[ACT_DOWN] = { ACT_DOWN, "move-down", { CH('j'), CODE(KEY_DOWN) },
		"j/k", N_("move"), N_("Move down"), false },
	[ACT_UP] = { ACT_UP, "move-up", { CH('k'), CODE(KEY_UP) },
		NULL, NULL, N_("Move up"), false },
	[ACT_PAGE_DOWN] = { ACT_PAGE_DOWN, "page-down", { CODE(KEY_NPAGE), CH(CTRL('f')) },
		NULL, NULL, N_("Page down"), false },
	[ACT_PAGE_UP] = { ACT_PAGE_UP, "page-up", { CODE(KEY_PPAGE), CH(CTRL('b')) },
		NULL, NULL, N_("Page up"), false },
	[ACT_FIRST] = { ACT_FIRST, "first", { CODE(KEY_HOME), CH('g') },
		NULL, NULL, N_("Go to the first row"), false },
	[ACT_LAST] = { ACT_LAST, "last", { CODE(KEY_END), CH('G') },
		NULL, NULL, N_("Go to the last row"), false },
	[ACT_OPEN] = { ACT_OPEN, "open",
		{ CH('\n'), CH('\r'), CODE(KEY_ENTER), CODE(KEY_RIGHT), CH('l') },
		"Enter", N_("open"), N_("Open the selected row"), false },
	[ACT_BACK] = { ACT_BACK, "back",
		{ CODE(KEY_LEFT), CH('h'), CODE(KEY_BACKSPACE), CH(127), CH(8), CH(27) },
		"h", N_("back"), N_("Go back to the previous view"), false },
	[ACT_YEAR_PREV] = { ACT_YEAR_PREV, "year-prev", { CH('[') },
		"[/]", N_("year"), N_("Show the previous fiscal year"), false },
	[ACT_YEAR_NEXT] = { ACT_YEAR_NEXT, "year-next", { CH(']') },
		NULL, NULL, N_("Show the next fiscal year"), false },
	[ACT_SET_STATUS] = { ACT_SET_STATUS, "set-status", { RANGE('1', '9') },
		"1..9", N_("status"),
		N_("Set the status of the selected entry: the Nth of the plan's statuses"), true },
	[ACT_CYCLE_STATUS] = { ACT_CYCLE_STATUS, "cycle-status", { CH(' ') },
		NULL, NULL, N_("Set the next status of the selected entry (wraps around)"), true },
	[ACT_EDIT_NOTE] = { ACT_EDIT_NOTE, "edit-note", { CH('e') },
		"e", N_("note"), N_("Edit the note of the selected entry"), true },
	[ACT_EDIT_PLAN] = { ACT_EDIT_PLAN, "edit-plan", { CH('E') },
		NULL, NULL, N_("Edit the plan text of the selected entry"), true },
	[ACT_SAVE] = { ACT_SAVE, "save", { CH('w'), CH(CTRL('s')) },
		"w", N_("save"), N_("Save the changes to the file"), true },
	[ACT_UNDO] = { ACT_UNDO, "undo", { CH('u') },
		"u", N_("undo"), N_("Undo the last change"), true },
	[ACT_REDO] = { ACT_REDO, "redo", { CH(CTRL('r')) },
		NULL, NULL, N_("Redo the change last undone"), true },
	[ACT_JUMP] = { ACT_JUMP, "jump", { CH(':') },
		":", N_("jump"), N_("Jump to an item by id, e.g. :4-3 or :4-3 H26 (also selects the year)"),
		false },
	[ACT_SEARCH] = { ACT_SEARCH, "search", { CH('/') },
		"/", N_("search"),
		N_("Search ids, titles, departments, content, plan texts and notes as you type"),
		false },
	[ACT_SEARCH_NEXT] = { ACT_SEARCH_NEXT, "search-next", { CH('n') },
		"n/N", N_("next"), N_("Next match of the search (in a meeting: edit the note)"), true },
	[ACT_SEARCH_PREV] = { ACT_SEARCH_PREV, "search-prev", { CH('N') },
		NULL, NULL, N_("Previous match of the search"), false },
	[ACT_FILTER] = { ACT_FILTER, "filter", { CH('f') },
		"f", N_("filter"),
		N_("Filter by status, year, department, review or overdue; counts follow it"), false },
	[ACT_FILTER_CLEAR] = { ACT_FILTER_CLEAR, "filter-clear", { CH('F') },
		NULL, NULL, N_("Clear the filter"), false },
	[ACT_MEETING] = { ACT_MEETING, "meeting", { CH('m') },
		"m", N_("meeting"),
		N_("Meeting mode: walk one year's entries (this policy's, or the whole plan's "
		   "from the overview) and set each status with one key"), false },
	[ACT_SKIP] = { ACT_SKIP, "skip", { CH('s') },
		"s", N_("skip"), N_("Meeting mode: skip this entry"), false },
	[ACT_MATRIX] = { ACT_MATRIX, "matrix", { CH('M') },
		"M", N_("matrix"), N_("Matrix of every item's status by year"), true },
	[ACT_LOG] = { ACT_LOG, "log", { CH('L') },
		"L", N_("log"), N_("The change log: who saved which change, newest first"), true },
	[ACT_YEAR_STYLE] = { ACT_YEAR_STYLE, "year-style", { CH('y') },
		"y", N_("H/FY"), N_("Show years as Heisei (H25) or as FY2013"), true },
	[ACT_HELP] = { ACT_HELP, "help", { CH('?') },
		"?", N_("help"), N_("Show or close this help"), false },
	[ACT_REDRAW] = { ACT_REDRAW, "redraw", { CH(CTRL('l')) },
		NULL, NULL, N_("Redraw the screen"), false },
	[ACT_QUIT] = { ACT_QUIT, "quit", { CH('q'), CH(CTRL('c')) },
		"q", N_("quit"), N_("Quit"), false },
};

enum action action_for_key(bool is_code, wint_t key)
{
	for (int a = 1; a < ACT_COUNT; a++)
		for (int k = 0; k < ACTION_MAX_KEYS && actions[a].keys[k].code; k++) {
			const struct action_key *ak = &actions[a].keys[k];

			if (ak->is_code == is_code &&
			    (ak->last ? key >= (wint_t)ak->code && key <= (wint_t)ak->last
			              : (wint_t)ak->code == key))
				return (enum action)a;
		}
	return ACT_NONE;
}

const char *action_key_name(const struct action_key *key)
{
	static char buf[16];
	static const struct { int code; const char *name; } codes[] = {
		{ KEY_DOWN, "Down" }, { KEY_UP, "Up" }, { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_NPAGE, "PgDn" }, { KEY_PPAGE, "PgUp" },
		{ KEY_HOME, "Home" }, { KEY_END, "End" }, { KEY_ENTER, "Enter" },
		{ KEY_BACKSPACE, "Backspace" },
	};
	int c = key->code;

	if (!key->is_code && key->last) {
		snprintf(buf, sizeof buf, "%c..%c", c, key->last);
		return buf;
	}
	if (key->is_code) {
		for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
			if (codes[i].code == c)
				return codes[i].name;
		snprintf(buf, sizeof buf, "key-%d", c);
		return buf;
	}
	switch (c) {
	case '\n': case '\r': return "Enter";
	case 8: case 127: return "Backspace";
	case 27: return "Esc";
	case ' ': return "Space";
	}
	if (c < 0x20)
		snprintf(buf, sizeof buf, "Ctrl-%c", c + 0x40);
	else if (c < 0x7f)
		snprintf(buf, sizeof buf, "%c", c);
	else
		snprintf(buf, sizeof buf, "U+%04X", (unsigned)c);
	return buf;
}
