/* textcol.c - untrusted UTF-8 text to terminal display cells (see textcol.h). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <wctype.h>

#include "textcol.h"
#include "utf8.h"

#define REPLACEMENT 0xFFFD
/* ncurses keeps a few characters per cell (CCHARW_MAX = 5); more combining
 * marks than that would be dropped or misplaced, so cap them. */
#define MAX_COMBINING 4

/* Invisible formatting characters (Unicode Cf) that glibc calls printable
 * and zero-width: directional overrides and isolates can reorder a row on
 * a terminal that supports right-to-left text, and the others hide text.
 * They are shown as U+FFFD. */
static bool is_format_char(long c)
{
	return c == 0xAD || c == 0x061C || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF ||
	       (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xE0000 && c <= 0xE007F);
}

int textcol_glyph(const char *s, size_t len, size_t *pos, wchar_t out[2], size_t *nout)
{
	size_t n;
	long c = utf8_decode(s + *pos, len - *pos, &n);
	int w;

	*pos += n;
	*nout = 1;
	if (c >= 0 && (c < 0x20 || c == 0x7F)) {
		out[0] = L'^';
		out[1] = c == 0x7F ? L'?' : (wchar_t)(c + 0x40);
		*nout = 2;
		return 2;
	}
	if (c < 0 || (c >= 0x80 && c <= 0x9F) || is_format_char(c) || !iswprint((wint_t)c) ||
	    (w = wcwidth((wchar_t)c)) < 0) {
		out[0] = REPLACEMENT;
		return 1;
	}
	out[0] = (wchar_t)c;
	return w;
}

int textcol_width(const char *s, size_t len)
{
	size_t pos = 0, n;
	wchar_t g[2];
	int w = 0;

	while (s && pos < len)
		w += textcol_glyph(s, len, &pos, g, &n);
	return w;
}

size_t textcol_clip(const char *s, size_t len, int cols, bool pad,
                    wchar_t *out, size_t cap, int *used)
{
	size_t pos = 0, n = 0, gn;
	int w = 0, combining = 0;
	wchar_t g[2];

	if (!s)
		len = 0;
	while (pos < len) {
		int gw = textcol_glyph(s, len, &pos, g, &gn);

		if (gw == 0) {
			/* joins the previous cell; dropped when there is none */
			if (n > 0 && combining < MAX_COMBINING && n + 1 < cap) {
				out[n++] = g[0];
				combining++;
			}
			continue;
		}
		if (w + gw > cols || n + gn >= cap)
			break;
		for (size_t i = 0; i < gn; i++)
			out[n++] = g[i];
		w += gw;
		combining = 0;
	}
	while (pad && w < cols && n + 1 < cap) {
		out[n++] = L' ';
		w++;
	}
	out[n] = L'\0';
	if (used)
		*used = w;
	return n;
}

static void wrap_emit(struct textcol_span *lines, size_t max, size_t *count,
                      size_t start, size_t end)
{
	if (*count < max) {
		lines[*count].start = start;
		lines[*count].end = end;
	}
	(*count)++;
}

size_t textcol_wrap(const char *s, size_t len, int width,
                    struct textcol_span *lines, size_t max)
{
	size_t count = 0, start = 0, pos = 0, brk = 0, gn;
	int w = 0;
	bool prev_wide = false;
	wchar_t g[2];

	if (!s)
		len = 0;
	if (width < 1)
		width = 1;
	while (len > 0 && s[len - 1] == '\n') {
		len--;
		if (len > 0 && s[len - 1] == '\r')
			len--;
	}
	while (pos < len) {
		size_t here = pos;
		int gw;

		if (s[pos] == '\n') {
			wrap_emit(lines, max, &count, start,
			          pos > start && s[pos - 1] == '\r' ? pos - 1 : pos);
			start = ++pos;
			w = 0; brk = 0; prev_wide = false;
			continue;
		}
		gw = textcol_glyph(s, len, &pos, g, &gn);
		if (w + gw > width && here > start) {
			if (s[here] == ' ') {          /* break at this space, drop it */
				wrap_emit(lines, max, &count, start, here);
				start = pos;
				w = 0; brk = 0; prev_wide = false;
				continue;
			}
			if (gw == 2 || prev_wide || brk <= start) {
				wrap_emit(lines, max, &count, start, here);
				start = here;
				w = 0;
			} else {                       /* break at the last space */
				wrap_emit(lines, max, &count, start, brk - 1);
				start = brk;
				w = textcol_width(s + brk, here - brk);
			}
			brk = 0;
		}
		w += gw;
		if (s[here] == ' ')
			brk = pos;
		prev_wide = gw == 2;
	}
	if (start < len || count == 0)
		wrap_emit(lines, max, &count, start, len);
	return count;
}
