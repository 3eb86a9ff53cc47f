/* textcol.h - untrusted UTF-8 text to terminal display cells.  No curses.
 *
 * Every string from a plan file (and every UI string) reaches the screen
 * through these functions, so that nothing the file contains can move the
 * cursor, change colours or break the layout:
 *  - C0 controls and DEL are shown in caret notation: ESC -> "^[", DEL -> "^?";
 *  - C1 controls, invalid UTF-8 (one U+FFFD per bad byte) and characters that
 *    iswprint() rejects become U+FFFD;
 *  - widths come from the C library's wcwidth() (the locale must be UTF-8:
 *    see i18n_init), except that with textcol_set_ambiwidth(2) every East
 *    Asian Ambiguous character (Unicode 15.0) of width 1 counts two columns,
 *    as a terminal set to draw them wide does;
 *  - a zero-width character is kept only after a printed character, so it
 *    combines with it and never lands on a neighbour's cell.
 */
#ifndef PLANDASH_TEXTCOL_H
#define PLANDASH_TEXTCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* ---- ambiguous width
 *
 * Terminals set up for Japanese often draw East Asian Ambiguous characters
 * (…, ○, ①, ※, ─, ■, Greek, Cyrillic) two columns wide; glibc says one.
 * The setting applies to every width computed here, and also to the
 * C library's wcwidth() as the rest of the program (ncurses included)
 * sees it: textcol.c defines wcwidth() so that ncurses places characters
 * where such a terminal draws them.  Default 1. */

/* Whether c is East Asian Ambiguous (Unicode 15.0 EastAsianWidth.txt). */
bool textcol_is_ambiguous(uint32_t c);

/* Set the width of ambiguous characters: 2, else 1.  Call before drawing
 * (the UI lays out with it; changing it mid-session needs a full redraw). */
void textcol_set_ambiwidth(int width);
int textcol_ambiwidth(void);

/* "1" or "2" -> *width; false for anything else (*width untouched). */
bool textcol_ambiwidth_parse(const char *s, int *width);

/* The ambiguous width by precedence: option (--ambiwidth), then
 * $PLANDASH_AMBIWIDTH, then access (a per-user setting of an access file);
 * NULL or "" means not set.  *width gets the first that is set, or 1.
 * Returns NULL, or the value that decided when it is not "1" or "2" (then
 * *width is 1).  Does not apply it: see textcol_set_ambiwidth(). */
const char *textcol_pick_ambiwidth(const char *option, const char *access, int *width);

/* The calibration pair at the end of the help screen: amb gets ten
 * ambiguous characters and "|", ruler gets as many '-' as those ten take
 * under the current setting (10 or 20) and "|".  Drawn one above the
 * other from the same column, the two '|' line up only when the setting
 * matches the terminal.  Both are NUL-terminated and cut to their size
 * (amb needs 32 bytes, ruler 22). */
void textcol_calibration(char *amb, size_t amb_size, char *ruler, size_t ruler_size);

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
