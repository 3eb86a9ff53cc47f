/* textcol.h - untrusted UTF-8 text to terminal display cells.  No curses.
 *
 * Every string from a plan file (and every UI string) reaches the screen
 * through these functions, so that nothing the file contains can move the
 * cursor, change colours or break the layout:
 *  - C0 controls and DEL are shown in caret notation: ESC -> "^[", DEL -> "^?";
 *  - C1 controls, invalid UTF-8 (one U+FFFD per bad byte) and characters that
 *    iswprint() rejects become U+FFFD;
 *  - widths come from wcwidth() (the locale must be UTF-8: see i18n_init);
 *  - a zero-width character is kept only after a printed character, so it
 *    combines with it and never lands on a neighbour's cell.
 */
#ifndef PLANDASH_TEXTCOL_H
#define PLANDASH_TEXTCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* The next character of s[*pos..len) as shown on screen.  Advances *pos by
 * at least one byte (pos < len required), writes 1 or 2 wide characters
 * into out (2 for a caret pair) and returns their display width (0..2). */
int textcol_glyph(const char *s, size_t len, size_t *pos, wchar_t out[2], size_t *nout);

/* Display width of s[0..len) after sanitising (a '\n' counts as "^J"). */
int textcol_width(const char *s, size_t len);

/* Render s[0..len) into at most `cols` display columns: stops before a
 * character that would not fit whole (a double-width character is never
 * split).  With pad, fills the rest with spaces up to exactly `cols`.
 * Writes at most cap-1 wide characters and a terminating L'\0' into out
 * (cap >= 1) and returns how many it wrote; *used (may be NULL) gets the
 * width written.  s may be NULL (an empty string). */
size_t textcol_clip(const char *s, size_t len, int cols, bool pad,
                    wchar_t *out, size_t cap, int *used);

/* One line of wrapped text: bytes [start, end) of the source. */
struct textcol_span {
	size_t start, end;
};

/* Break s[0..len) into lines of at most `width` columns (width >= 1).
 * '\n' (and "\r\n") ends a line; trailing line ends are ignored.  Latin
 * text breaks after a space when it can (the space that caused the break
 * is dropped); text breaks anywhere next to a double-width character and,
 * for a word longer than the line, inside it.  Every line holds at least
 * one character, so a character wider than `width` gets a line of its own.
 * Stores up to max lines and returns how many lines the text needs (at
 * least 1: an empty text is one empty line). */
size_t textcol_wrap(const char *s, size_t len, int width,
                    struct textcol_span *lines, size_t max);

#endif
