/* utf8.h - byte-level UTF-8 helpers: the one strict decoder, the one
 * "cut back to a whole character" helper, and what the loader and the save
 * code need (libyaml reports positions in characters; the file is bytes). */
#ifndef PLANDASH_UTF8_H
#define PLANDASH_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the UTF-8 sequence that starts with byte b (1 for invalid
 * leading bytes, so a walk always advances). */
size_t utf8_seq_len(unsigned char b);

/* Decode the character at s[0..len) (len >= 1) strictly: no overlong forms,
 * no surrogates, nothing above U+10FFFF, no sequence cut by len.  Returns
 * the code point, or -1 for an invalid or incomplete sequence; *n gets the
 * bytes used (1 for a bad byte, so a walk always advances and resumes at
 * the next byte). */
long utf8_decode(const char *s, size_t len, size_t *n);

/* The length of s[0..len) cut back to whole characters: a sequence that
 * the end cuts short (a lead byte without all its continuation bytes) is
 * dropped; everything before it is kept as it is, valid or not. */
size_t utf8_trim_len(const char *s, size_t len);

/* The same for a NUL-terminated string, in place (after snprintf cut it). */
void utf8_trim(char *s);

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

/* Validate UTF-8 with utf8_decode.  On failure return false and the
 * offset of the first byte of the first bad (or cut) sequence. */
bool utf8_valid(const char *text, size_t len, size_t *bad_offset);

/* 1-based line and character column of byte offset `off`.  A line ends at
 * LF; CR before LF belongs to the line it ends. */
void utf8_line_col(const char *text, size_t len, size_t off,
                   unsigned long *line, unsigned long *col);

#endif
