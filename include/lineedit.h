/* lineedit.h - the buffer of the one-line text editor: characters, the
 * cursor and horizontal scrolling by display columns.  No curses: the ui
 * maps its keys to the commands below and draws what lineedit_fit() says.
 *
 * The text is held as wide characters (code points), so the cursor moves by
 * whole characters and never splits a UTF-8 sequence.  Widths are display
 * columns as textcol draws them (a double-width character takes two). */
#ifndef PLANDASH_LINEEDIT_H
#define PLANDASH_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct lineedit {
	wchar_t *buf;             /* not NUL-terminated */
	size_t len, cap;
	size_t cursor;            /* 0..len: the character the cursor sits on */
	size_t scroll;            /* first character shown */
};

enum lineedit_cmd {
	LINEEDIT_LEFT,
	LINEEDIT_RIGHT,
	LINEEDIT_HOME,
	LINEEDIT_END,
	LINEEDIT_BACKSPACE,       /* delete the character before the cursor */
	LINEEDIT_DELETE,          /* delete the character under the cursor */
	LINEEDIT_CLEAR,           /* delete everything */
};

/* Start editing a copy of utf8 (NULL is empty), the cursor at the end.
 * Invalid UTF-8 bytes become U+FFFD.  Returns false when out of memory. */
bool lineedit_init(struct lineedit *le, const char *utf8);
void lineedit_free(struct lineedit *le);

/* Insert one character at the cursor.  Refuses (returns false) line ends,
 * other control characters and surrogates, which a one-line value cannot
 * hold, and fails when out of memory. */
bool lineedit_insert(struct lineedit *le, wchar_t wc);

/* Apply a command.  Returns whether the text or cursor changed. */
bool lineedit_command(struct lineedit *le, enum lineedit_cmd cmd);

/* The text as a malloc'd NUL-terminated UTF-8 string, or NULL when out of
 * memory. */
char *lineedit_text(const struct lineedit *le);

/* Characters [from, to) as a malloc'd UTF-8 string (clamped to the text),
 * or NULL when out of memory. */
char *lineedit_slice(const struct lineedit *le, size_t from, size_t to);

/* Display width of one character as drawn (0, 1 or 2). */
int lineedit_char_width(wchar_t wc);

/* Fit the text into cols display columns (cols >= 2): moves le->scroll so
 * the cursor is visible, showing as much text as fits.  Returns the
 * cursor's column (0..cols-1) relative to the first shown character; *end
 * (may be NULL) gets one past the last character that fits whole. */
int lineedit_fit(struct lineedit *le, int cols, size_t *end);

#endif
