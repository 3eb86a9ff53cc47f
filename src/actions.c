/* actions.c - the one table of user actions (see actions.h). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "i18n.h"
#include "keys.h"

#define CH(c)       { KEY_CHAR, (c), 0 }
#define CODE(k)     { KEY_CODE, (k), 0 }
#define RANGE(a, b) { KEY_CHAR, (a), (b) }
#define TEXT        { KEY_TEXT, 0, 0 }
#define ENTER       CH('\n'), CH('\r'), CODE(KEY_ENTER)
#define BACKSPACE   CODE(KEY_BACKSPACE), CH(127), CH(8)

/* A row: id, name, keys, hint keys, hint label, help, rank, edits. */
#define ROW(id, name, keys, hk, hint, help, rank, edits) \
	[id] = { id, name, keys, hk, hint, help, rank, edits }
#define K(...) { __VA_ARGS__ }

const struct action_def actions[ACT_COUNT] = {
	/* moving */
	ROW(ACT_DOWN, "move-down", K(CH('j'), CODE(KEY_DOWN)), "j/k", N_("move"),
	    N_("Move down"), 1, false),
	ROW(ACT_UP, "move-up", K(CH('k'), CODE(KEY_UP)), NULL, NULL, N_("Move up"), 2, false),
	ROW(ACT_PAGE_DOWN, "page-down", K(CODE(KEY_NPAGE), CH(CTRL('f'))), NULL, NULL,
	    N_("Page down"), 9, false),
	ROW(ACT_PAGE_UP, "page-up", K(CODE(KEY_PPAGE), CH(CTRL('b'))), NULL, NULL,
	    N_("Page up"), 9, false),
	ROW(ACT_FIRST, "first", K(CODE(KEY_HOME), CH('g')), NULL, NULL,
	    N_("Go to the first row"), 9, false),
	ROW(ACT_LAST, "last", K(CODE(KEY_END), CH('G')), NULL, NULL,
	    N_("Go to the last row"), 9, false),
	ROW(ACT_OPEN, "open", K(ENTER, CODE(KEY_RIGHT), CH('l')), "Enter", N_("open"),
	    N_("Open the selected row"), 1, false),
	ROW(ACT_BACK, "back", K(CODE(KEY_LEFT), CH('h'), BACKSPACE, CH(ESC)), "h", N_("back"),
	    N_("Go back to the previous view"), 2, false),
	ROW(ACT_YEAR_PREV, "year-prev", K(CH('[')), "[/]", N_("year"),
	    N_("Show the previous fiscal year"), 3, false),
	ROW(ACT_YEAR_NEXT, "year-next", K(CH(']')), NULL, NULL,
	    N_("Show the next fiscal year"), 3, false),
	/* changing the plan */
	ROW(ACT_SET_STATUS, "set-status", K(RANGE('1', '9')), NULL, N_("status"),
	    N_("Set the status of the selected entry: the Nth of the plan's statuses"), 4, true),
	ROW(ACT_CYCLE_STATUS, "cycle-status", K(CH(' ')), NULL, NULL,
	    N_("Set the next status of the selected entry (wraps around)"), 9, true),
	ROW(ACT_EDIT_NOTE, "edit-note", K(CH('e')), "e", N_("note"),
	    N_("Edit the note of the selected entry"), 5, true),
	ROW(ACT_EDIT_PLAN, "edit-plan", K(CH('p')), NULL, NULL,
	    N_("Edit the plan text of the selected entry"), 9, true),
	ROW(ACT_SAVE, "save", K(CH('w'), CH(CTRL('s'))), "w", N_("save"),
	    N_("Save the changes to the file"), 4, true),
	ROW(ACT_UNDO, "undo", K(CH('u')), "u", N_("undo"),
	    N_("Undo the last change and show where it was"), 5, true),
	ROW(ACT_REDO, "redo", K(CH(CTRL('r'))), NULL, NULL,
	    N_("Redo the change last undone and show where it was"), 9, true),
	/* finding */
	ROW(ACT_JUMP, "jump", K(CH(':')), ":", N_("jump"),
	    N_("Jump to an item by id or number, e.g. :4-3, :27 or :4-3 H26 (also selects the year)"),
	    6, false),
	ROW(ACT_SEARCH, "search", K(CH('/')), "/", N_("search"),
	    N_("Search every text shown as you type (ids, titles, departments, contents, "
	       "plans and notes)"), 5, false),
	ROW(ACT_SEARCH_NEXT, "search-next", K(CH('n')), "n/N", N_("next"),
	    N_("Next match of the search"), 6, false),
	ROW(ACT_SEARCH_PREV, "search-prev", K(CH('N')), NULL, NULL,
	    N_("Previous match of the search"), 6, false),
	ROW(ACT_FILTER, "filter", K(CH('f')), "f", N_("filter"),
	    N_("Filter by status, year, department, review or overdue; counts follow it"), 6, false),
	ROW(ACT_FILTER_CLEAR, "filter-clear", K(CH('F')), "F", N_("clear"), N_("Clear the filter"),
	    7, false),
	/* other screens */
	ROW(ACT_MEETING, "meeting", K(CH('m')), "m", N_("meeting"),
	    N_("Meeting mode: walk one year's entries (this policy's, or the whole plan's "
	       "from the overview) and set each status with one key"), 6, false),
	ROW(ACT_MATRIX, "matrix", K(CH('M')), "M", N_("matrix"),
	    N_("Matrix of every item's status by year"), 7, false),
	ROW(ACT_LOG, "log", K(CH('L')), "L", N_("log"),
	    N_("The change log: who saved which change, newest first"), 7, false),
	ROW(ACT_WHO, "who", K(CH('W')), "W", N_("who"),
	    N_("Who else has the plan open, and where they are"), 9, false),
	ROW(ACT_YEAR_STYLE, "year-style", K(CH('y')), "y", N_("H/FY"),
	    N_("Show years as Heisei (H25) or as FY2013"), 8, false),
	ROW(ACT_HELP, "help", K(CH('?')), "?", N_("help"), N_("Show or close this help"), 0,
	    false),
	ROW(ACT_REDRAW, "redraw", K(CH(CTRL('l'))), NULL, NULL, N_("Redraw the screen"), 9, false),
	ROW(ACT_QUIT, "quit", K(CH('q'), CH(CTRL('c'))), "q", N_("quit"), N_("Quit"), 0, false),
	/* the review cycle */
	ROW(ACT_REVIEW_PREV, "review-prev", K(CH('<')), "</>", N_("review"),
	    N_("Show the ratings of the previous review date"), 8, false),
	ROW(ACT_REVIEW_NEXT, "review-next", K(CH('>')), NULL, NULL,
	    N_("Show the ratings of the next review date"), 8, false),
	ROW(ACT_EFFECTS, "effects", K(CH('E')), "E", N_("effects"),
	    N_("The financial effect (効果額) by fiscal year"), 7, false),
	/* meeting mode */
	ROW(ACT_MEET_START, "meeting-start", K(ENTER), "Enter", N_("start"),
	    N_("Start the meeting with the year shown"), 0, false),
	ROW(ACT_MEET_STATUS, "meeting-status", K(RANGE('1', '9')), NULL, N_("set and next"),
	    N_("Set the status of this entry and go on to the next"), 0, true),
	ROW(ACT_MEET_NOTE, "meeting-note", K(CH('n'), CH('e')), "n", N_("note"),
	    N_("Edit the note of this entry"), 2, true),
	ROW(ACT_SKIP, "skip", K(CH('s'), CH('j'), CODE(KEY_DOWN), CODE(KEY_NPAGE)), "s",
	    N_("skip"), N_("Skip this entry (leave it as it is)"), 1, false),
	ROW(ACT_MEET_PREV, "meeting-prev",
	    K(BACKSPACE, CH('k'), CODE(KEY_UP), CODE(KEY_PPAGE), CODE(KEY_LEFT), CH('h')),
	    "Backspace", N_("back"), N_("Go back to the previous entry"), 3, false),
	ROW(ACT_MEET_FINISH, "meeting-finish", K(CH(ESC), CH('q')), "Esc", N_("finish"),
	    N_("Finish the meeting: list its changes and offer to save them"), 0, false),
	ROW(ACT_MEET_SAVE, "meeting-save", K(CH('w'), CH('y'), CH(CTRL('s'))), "w/y", N_("save"),
	    N_("Save the meeting's changes"), 0, true),
	ROW(ACT_MEET_CONTINUE, "meeting-continue", K(CH('c')), "c",
	    N_("continue without saving"),
	    N_("Leave the meeting without saving (the changes stay; w saves them later)"), 1,
	    false),
	ROW(ACT_MEET_RETURN, "meeting-return", K(CH(ESC), BACKSPACE, CODE(KEY_LEFT)), "Esc",
	    N_("back to the entries"), N_("Go back to the meeting's entries"), 1, false),
	ROW(ACT_MEET_CANCEL, "meeting-cancel",
	    K(CH(ESC), CH('q'), CH('h'), CODE(KEY_LEFT), BACKSPACE), "Esc", N_("cancel"),
	    N_("Leave without starting the meeting"), 0, false),
	/* the rating meeting (meeting mode, r in its setup) */
	ROW(ACT_MEET_KIND, "meeting-kind", K(CH('r')), "r", N_("statuses/ratings"),
	    N_("Switch the meeting between the yearly statuses and the ratings at a review date"),
	    1, false),
	ROW(ACT_MEET_DATE_PREV, "meeting-date-prev", K(CH('[')), "[/]", N_("review date"),
	    N_("Rate at the previous review date"), 1, false),
	ROW(ACT_MEET_DATE_NEXT, "meeting-date-next", K(CH(']')), NULL, NULL,
	    N_("Rate at the next review date"), 1, false),
	ROW(ACT_MEET_NEW_DATE, "meeting-new-date", K(CH('+')), "+", N_("new date"),
	    N_("Add the next half-yearly review date (a change, saved with the ratings)"), 2, true),
	ROW(ACT_MEET_RATING, "meeting-rating", K(RANGE('1', '9')), NULL, N_("rate and next"),
	    N_("Set the rating of this item (the Nth of the plan's ratings) and go on to the next"),
	    0, true),
	ROW(ACT_MEET_RATING_NOTE, "meeting-rating-note", K(CH('n'), CH('e')), "n", N_("note"),
	    N_("Edit the note of this item's rating"), 2, true),
	ROW(ACT_MEET_RATE_START, "meeting-rate-start", K(ENTER), "Enter", N_("start"),
	    N_("Start rating at the review date shown"), 0, false),
	ROW(ACT_MEET_RATE_SKIP, "meeting-rate-skip",
	    K(CH('s'), CH('j'), CODE(KEY_DOWN), CODE(KEY_NPAGE)), "s", N_("skip"),
	    N_("Skip this item (leave its rating as it is)"), 1, false),
	ROW(ACT_MEET_RATE_PREV, "meeting-rate-prev",
	    K(BACKSPACE, CH('k'), CODE(KEY_UP), CODE(KEY_PPAGE), CODE(KEY_LEFT), CH('h')),
	    "Backspace", N_("back"), N_("Go back to the previous item"), 3, false),
	/* the quit prompt */
	ROW(ACT_QUIT_SAVE, "quit-save", K(CH('w'), CH('y'), CH(CTRL('s'))), "w/y",
	    N_("save and quit"), N_("Save the changes, then quit"), 0, false),
	ROW(ACT_QUIT_DISCARD, "quit-discard", K(CH('d')), "d", N_("discard and quit"),
	    N_("Quit without saving: the changes are lost"), 0, false),
	ROW(ACT_QUIT_CANCEL, "quit-cancel", K(CH('c'), CH(ESC), CH(CTRL('c'))), "c/Esc",
	    N_("cancel"), N_("Do not quit; keep the changes"), 0, false),
	/* the recovery prompt */
	ROW(ACT_RECOVER_APPLY, "recover-apply", K(CH('y')), "y", N_("re-apply"),
	    N_("Re-apply the rescued edits (w then saves them)"), 0, false),
	ROW(ACT_RECOVER_LATER, "recover-later", K(CH('n'), CH(ESC)), "n",
	    N_("not now (keep the file)"),
	    N_("Start without them; they are offered again at the next start"), 0, false),
	ROW(ACT_RECOVER_DELETE, "recover-delete", K(CH('d')), "d", N_("delete the file"),
	    N_("Throw the rescued edits away"), 0, false),
	/* the conflict picker */
	ROW(ACT_KEEP_OURS, "keep-ours", K(CH('o')), "o", N_("ours"),
	    N_("Keep our value for this field"), 0, false),
	ROW(ACT_KEEP_THEIRS, "keep-theirs", K(CH('t')), "t", N_("theirs"),
	    N_("Keep the other session's value for this field"), 0, false),
	ROW(ACT_ALL_OURS, "all-ours", K(CH('O')), "O/T", N_("all"),
	    N_("Keep our value for every field"), 3, false),
	ROW(ACT_ALL_THEIRS, "all-theirs", K(CH('T')), NULL, NULL,
	    N_("Keep the other session's value for every field"), 3, false),
	ROW(ACT_CONFLICT_SAVE, "conflict-save", K(ENTER), "Enter", N_("save"),
	    N_("Save with the values chosen"), 0, false),
	ROW(ACT_CONFLICT_CANCEL, "conflict-cancel", K(CH(ESC), CH('q'), CH(CTRL('c'))), "Esc",
	    N_("cancel"), N_("Do not save now; the changes are kept"), 0, false),
	/* one-line editors */
	ROW(ACT_ACCEPT, "accept", K(ENTER), "Enter", N_("accept"), N_("Accept the text"), 0,
	    false),
	ROW(ACT_CANCEL, "cancel", K(CH(ESC), CH(CTRL('c'))), "Esc", N_("cancel"),
	    N_("Cancel: nothing changes"), 0, false),
	ROW(ACT_LE_LEFT, "edit-left", K(CODE(KEY_LEFT), CH(CTRL('b'))), NULL, NULL,
	    N_("Move the cursor left"), 9, false),
	ROW(ACT_LE_RIGHT, "edit-right", K(CODE(KEY_RIGHT), CH(CTRL('f'))), NULL, NULL,
	    N_("Move the cursor right"), 9, false),
	ROW(ACT_LE_HOME, "edit-home", K(CODE(KEY_HOME), CH(CTRL('a'))), NULL, NULL,
	    N_("Move the cursor to the start"), 9, false),
	ROW(ACT_LE_END, "edit-end", K(CODE(KEY_END), CH(CTRL('e'))), NULL, NULL,
	    N_("Move the cursor to the end"), 9, false),
	ROW(ACT_LE_BACKSPACE, "edit-backspace", K(BACKSPACE), NULL, NULL,
	    N_("Delete the character before the cursor"), 9, false),
	ROW(ACT_LE_DELETE, "edit-delete", K(CODE(KEY_DC), CH(CTRL('d'))), NULL, NULL,
	    N_("Delete the character under the cursor"), 9, false),
	ROW(ACT_LE_CLEAR, "edit-clear", K(CH(CTRL('u'))), NULL, NULL, N_("Delete all the text"),
	    9, false),
	ROW(ACT_TYPE, "type", K(TEXT), NULL, NULL, N_("Type text (pasting works too)"), 9, false),
	ROW(ACT_NARROW, "narrow", K(TEXT), "abc", N_("narrow"),
	    N_("Type to narrow the list (a name, a year such as 25 or H25)"), 5, false),
	/* pickers */
	ROW(ACT_TOGGLE, "toggle", K(CH(' '), ENTER), "Space", N_("on/off"),
	    N_("Turn the selected row on or off"), 0, false),
	ROW(ACT_PICKER_CLOSE, "picker-close", K(CH(ESC), CH('q'), CH(CTRL('c'))), "Esc",
	    N_("done"),
	    N_("Close the picker (the filter stays); with text typed, Esc clears the text first"),
	    0, false),
	ROW(ACT_PICKER_ERASE, "picker-erase", K(BACKSPACE), NULL, NULL,
	    N_("Delete the last character typed"), 9, false),
	/* pages */
	ROW(ACT_CLOSE, "close", K(CH('q'), CH('?')), "q", N_("close"), N_("Close this page"), 0,
	    false),
	/* reports */
	ROW(ACT_EXPORT, "export", K(CH('x')), "x", N_("export"),
	    N_("Export a report of what is shown (the filter, the year and the review date) "
	       "to a file: .md, .csv for Excel, .html to print, or .json"), 7, false),
	ROW(ACT_EXPORT_OVERWRITE, "export-overwrite", K(CH('y')), "y", N_("replace it"),
	    N_("Replace the existing file with the report"), 0, false),
	ROW(ACT_EXPORT_KEEP, "export-keep", K(CH('n'), CH(ESC), CH(CTRL('c'))), "n/Esc",
	    N_("keep it"), N_("Keep the existing file and go back to the name"), 0, false),
};

static bool is_text_key(struct key k)
{
	return !k.is_code && k.code >= 0x20 && k.code != 0x7f && !(k.code >= 0x80 && k.code < 0xa0);
}

static bool key_matches(const struct action_key *ak, struct key k)
{
	switch (ak->kind) {
	case KEY_CHAR:
		return !k.is_code && (ak->last ? k.code >= (wint_t)ak->code && k.code <= (wint_t)ak->last
		                               : k.code == (wint_t)ak->code);
	case KEY_CODE:
		return k.is_code && k.code == (wint_t)ak->code;
	default:
		return false;
	}
}

static bool binds_key(const struct action_def *d, struct key k, enum key_kind kind)
{
	for (int i = 0; i < ACTION_MAX_KEYS && d->keys[i].kind != KEY_NONE; i++) {
		if (kind == KEY_TEXT ? d->keys[i].kind == KEY_TEXT && is_text_key(k)
		                     : key_matches(&d->keys[i], k))
			return true;
	}
	return false;
}

bool action_resolve(const enum action *list, struct key key, struct action_call *out)
{
	*out = (struct action_call){ .id = ACT_NONE, .key = key };
	for (int pass = 0; pass < 2; pass++) {
		for (const enum action *a = list; *a != ACT_NONE; a++) {
			const struct action_def *d = &actions[*a];

			if (!binds_key(d, key, pass ? KEY_TEXT : KEY_CHAR))
				continue;
			out->id = *a;
			if (d->keys[0].kind == KEY_CHAR && d->keys[0].last)
				out->arg = (int)key.code - d->keys[0].code;
			else if (pass)
				out->arg = (int)key.code;
			return true;
		}
	}
	return false;
}

bool action_in(const enum action *list, enum action a)
{
	for (; *list != ACT_NONE; list++)
		if (*list == a)
			return true;
	return false;
}

const char *action_key_name(const struct action_key *key)
{
	static char buf[16];
	static const struct { int code; const char *name; } codes[] = {
		{ KEY_DOWN, "Down" }, { KEY_UP, "Up" }, { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_NPAGE, "PgDn" }, { KEY_PPAGE, "PgUp" },
		{ KEY_HOME, "Home" }, { KEY_END, "End" }, { KEY_ENTER, "Enter" },
		{ KEY_BACKSPACE, "Backspace" }, { KEY_DC, "Delete" },
	};
	int c = key->code;

	if (key->kind == KEY_TEXT)
		return "abc";
	if (key->kind == KEY_CHAR && key->last) {
		snprintf(buf, sizeof buf, "%c..%c", c, key->last);
		return buf;
	}
	if (key->kind == KEY_CODE) {
		for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
			if (codes[i].code == c)
				return codes[i].name;
		snprintf(buf, sizeof buf, "key-%d", c);
		return buf;
	}
	switch (c) {
	case '\n': case '\r': return "Enter";
	case 8: case 127: return "Backspace";
	case ESC: return "Esc";
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

void action_key_list(const struct action_def *a, char *buf, size_t size)
{
	char seen[ACTION_MAX_KEYS][16];
	size_t n_seen = 0, used = 0;

	if (size)
		buf[0] = '\0';
	for (int k = 0; k < ACTION_MAX_KEYS && a->keys[k].kind != KEY_NONE; k++) {
		const char *name = action_key_name(&a->keys[k]);
		bool dup = false;
		int w;

		for (size_t i = 0; i < n_seen; i++)
			dup |= strcmp(seen[i], name) == 0;
		if (dup)
			continue;
		w = snprintf(buf + used, size - used, "%s%s", n_seen ? ", " : "", name);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
		snprintf(seen[n_seen++], sizeof seen[0], "%s", name);
	}
}
