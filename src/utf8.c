/* utf8.c - see utf8.h */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

size_t utf8_seq_len(unsigned char b)
{
	if (b < 0xC0)
		return 1;
	if (b < 0xE0)
		return 2;
	if (b < 0xF0)
		return 3;
	if (b < 0xF8)
		return 4;
	return 1;
}

void char_cursor_init(struct char_cursor *cur, const char *text, size_t len)
{
	cur->text = text;
	cur->len = len;
	cur->chars = 0;
	cur->bytes = 0;
}

size_t char_cursor_byte(struct char_cursor *cur, size_t char_index)
{
	if (char_index < cur->chars) {
		cur->chars = 0;
		cur->bytes = 0;
	}
	/* Eight bytes at a time: a character starts at every byte that is not
	 * a continuation byte (10xxxxxx). */
	const uint64_t high = 0x8080808080808080ull;
	while (char_index - cur->chars >= 8 && cur->len - cur->bytes >= 8) {
		uint64_t w;
		memcpy(&w, cur->text + cur->bytes, 8);
		uint64_t cont = (w & ~(w << 1) & high) >> 7;   /* 1 per continuation byte */
		unsigned starts = 8 - (unsigned)((cont * 0x0101010101010101ull) >> 56);
		if (cur->chars + starts > char_index)
			break;
		cur->chars += starts;
		cur->bytes += 8;
	}
	/* A word may end inside a character whose start it counted: step
	 * over that character's remaining continuation bytes. */
	while (cur->bytes < cur->len && ((unsigned char)cur->text[cur->bytes] & 0xC0) == 0x80)
		cur->bytes++;
	while (cur->chars < char_index && cur->bytes < cur->len) {
		size_t n = utf8_seq_len((unsigned char)cur->text[cur->bytes]);
		cur->bytes += n <= cur->len - cur->bytes ? n : cur->len - cur->bytes;
		cur->chars++;
	}
	return cur->bytes;
}

bool utf8_valid(const char *text, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < len) {
		unsigned char b = s[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		size_t n = utf8_seq_len(b);
		unsigned long cp;
		if (n == 1 || b < 0xC2 || b > 0xF4)
			goto bad;
		if (len - i < n)
			goto bad;
		cp = b & (0xFF >> (n + 1));
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80) {
				i += k;
				goto bad;
			}
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			goto bad;
		i += n;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = i;
	return false;
}

void utf8_line_col(const char *text, size_t len, size_t off,
                   unsigned long *line, unsigned long *col)
{
	unsigned long l = 1, c = 1;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; ) {
		if (text[i] == '\n') {
			l++;
			c = 1;
			i++;
			continue;
		}
		i += utf8_seq_len((unsigned char)text[i]);
		c++;
	}
	*line = l;
	*col = c;
}

void utf8_trim(char *s)
{
	size_t len = strlen(s), start = len;

	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0 && start - 1 + utf8_seq_len((unsigned char)s[start - 1]) > len)
		s[start - 1] = '\0';
}
