/* utf8.h - byte-level UTF-8 helpers for the loader and the save code.
 * libyaml reports positions in characters (code points); the file is bytes. */
#ifndef PLANDASH_UTF8_H
#define PLANDASH_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the UTF-8 sequence that starts with byte b (1 for invalid
 * leading bytes, so a walk always advances). */
size_t utf8_seq_len(unsigned char b);

/* Converts increasing character indexes to byte offsets in one forward walk.
 * Asking for an index behind the cursor restarts from the beginning, so any
 * order is correct and the usual increasing order is O(total length). */
struct char_cursor {
	const char *text;
	size_t len;
	size_t chars, bytes;      /* the cursor: character index -> byte offset */
};
void char_cursor_init(struct char_cursor *cur, const char *text, size_t len);
size_t char_cursor_byte(struct char_cursor *cur, size_t char_index);

/* Validate UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
 * On failure return false and the offset of the first bad byte. */
bool utf8_valid(const char *text, size_t len, size_t *bad_offset);

/* 1-based line and character column of byte offset `off`.  A line ends at
 * LF; CR before LF belongs to the line it ends. */
void utf8_line_col(const char *text, size_t len, size_t off,
                   unsigned long *line, unsigned long *col);

/* Cut s back so that it ends on a whole character (a string that
 * snprintf truncated may end inside one). */
void utf8_trim(char *s);

#endif
