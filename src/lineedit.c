/* lineedit.c - see lineedit.h */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "textcol.h"
#include "utf8.h"

/* Encode one code point; out holds at least 4 bytes.  Returns the length. */
static size_t encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static bool reserve(struct lineedit *le, size_t need)
{
	size_t cap;
	wchar_t *b;

	if (need <= le->cap)
		return true;
	cap = le->cap ? le->cap * 2 : 64;
	while (cap < need)
		cap *= 2;
	b = realloc(le->buf, cap * sizeof *b);
	if (!b)
		return false;
	le->buf = b;
	le->cap = cap;
	return true;
}

bool lineedit_init(struct lineedit *le, const char *utf8)
{
	size_t n = utf8 ? strlen(utf8) : 0;

	memset(le, 0, sizeof *le);
	if (!reserve(le, n + 1))
		return false;
	for (size_t i = 0; i < n;) {
		size_t used;
		long cp = utf8_decode(utf8 + i, n - i, &used);

		i += used;
		le->buf[le->len++] = cp < 0 ? (wchar_t)0xFFFD : (wchar_t)cp;   /* bad byte: U+FFFD */
	}
	le->cursor = le->len;
	return true;
}

void lineedit_free(struct lineedit *le)
{
	free(le->buf);
	memset(le, 0, sizeof *le);
}

bool lineedit_insert(struct lineedit *le, wchar_t wc)
{
	uint32_t c = (uint32_t)wc;

	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029 ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return false;
	if (!reserve(le, le->len + 1))
		return false;
	memmove(le->buf + le->cursor + 1, le->buf + le->cursor,
	        (le->len - le->cursor) * sizeof *le->buf);
	le->buf[le->cursor++] = wc;
	le->len++;
	return true;
}

static void remove_at(struct lineedit *le, size_t i)
{
	memmove(le->buf + i, le->buf + i + 1, (le->len - i - 1) * sizeof *le->buf);
	le->len--;
}

bool lineedit_command(struct lineedit *le, enum lineedit_cmd cmd)
{
	switch (cmd) {
	case LINEEDIT_LEFT:
		if (!le->cursor)
			return false;
		le->cursor--;
		return true;
	case LINEEDIT_RIGHT:
		if (le->cursor >= le->len)
			return false;
		le->cursor++;
		return true;
	case LINEEDIT_HOME:
		if (!le->cursor)
			return false;
		le->cursor = 0;
		return true;
	case LINEEDIT_END:
		if (le->cursor == le->len)
			return false;
		le->cursor = le->len;
		return true;
	case LINEEDIT_BACKSPACE:
		if (!le->cursor)
			return false;
		remove_at(le, --le->cursor);
		return true;
	case LINEEDIT_DELETE:
		if (le->cursor >= le->len)
			return false;
		remove_at(le, le->cursor);
		return true;
	case LINEEDIT_CLEAR:
		if (!le->len)
			return false;
		le->len = le->cursor = le->scroll = 0;
		return true;
	}
	return false;
}

char *lineedit_slice(const struct lineedit *le, size_t from, size_t to)
{
	char *out, *o;

	if (to > le->len)
		to = le->len;
	if (from > to)
		from = to;
	out = o = malloc((to - from) * 4 + 1);
	if (!out)
		return NULL;
	for (size_t i = from; i < to; i++)
		o += encode((uint32_t)le->buf[i], o);
	*o = '\0';
	return out;
}

char *lineedit_text(const struct lineedit *le)
{
	return lineedit_slice(le, 0, le->len);
}

int lineedit_char_width(wchar_t wc)
{
	char u[4];
	size_t n = encode((uint32_t)wc, u);

	return textcol_width(u, n);
}

/* Width of characters [from, to). */
static int span_width(const struct lineedit *le, size_t from, size_t to)
{
	int w = 0;

	for (size_t i = from; i < to; i++)
		w += lineedit_char_width(le->buf[i]);
	return w;
}

int lineedit_fit(struct lineedit *le, int cols, size_t *end)
{
	int cw, w, rest;
	size_t e;

	if (cols < 2)
		cols = 2;
	if (le->cursor > le->len)
		le->cursor = le->len;
	if (le->scroll > le->cursor)
		le->scroll = le->cursor;
	/* The cursor's own cell(s) must fit too: one column at the end. */
	cw = le->cursor < le->len ? lineedit_char_width(le->buf[le->cursor]) : 1;
	if (cw < 1)
		cw = 1;
	w = span_width(le, le->scroll, le->cursor);
	while (le->scroll < le->cursor && w + cw > cols)
		w -= lineedit_char_width(le->buf[le->scroll++]);
	/* Scroll back while everything from there to the end still fits, so
	 * that deleting at the end shows more of the beginning again. */
	rest = span_width(le, le->scroll, le->len) + (le->cursor == le->len);
	while (le->scroll > 0) {
		int pw = lineedit_char_width(le->buf[le->scroll - 1]);

		if (rest + pw > cols)
			break;
		rest += pw;
		w += pw;
		le->scroll--;
	}
	if (end) {
		int used = 0;

		for (e = le->scroll; e < le->len; e++) {
			int cwid = lineedit_char_width(le->buf[e]);

			if (used + cwid > cols)
				break;
			used += cwid;
		}
		*end = e;
	}
	return w;
}
