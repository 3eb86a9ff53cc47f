/* textcol.c - untrusted UTF-8 text to terminal display cells (see textcol.h). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "textcol.h"
#include "utf8.h"

#define REPLACEMENT 0xFFFD
/* ncurses keeps a few characters per cell (CCHARW_MAX = 5); more combining
 * marks than that would be dropped or misplaced, so cap them. */
#define MAX_COMBINING 4

/* ---- ambiguous width */

/* The code points whose East_Asian_Width is A (Ambiguous), adjacent ranges
 * merged: Unicode 15.0.0, EastAsianWidth.txt (Debian's unicode-data), e.g.
 *   awk -F'[;# ]+' '$2 == "A" { print $1 }' EastAsianWidth.txt
 * then merged by hand into ranges.  tests/check_textcol.c compares it with
 * the file when that is installed. */
static const struct amb_range {
	uint32_t first, last;
} ambiguous[] = {
	{ 0x00A1, 0x00A1 }, { 0x00A4, 0x00A4 }, { 0x00A7, 0x00A8 }, { 0x00AA, 0x00AA },
	{ 0x00AD, 0x00AE }, { 0x00B0, 0x00B4 }, { 0x00B6, 0x00BA }, { 0x00BC, 0x00BF },
	{ 0x00C6, 0x00C6 }, { 0x00D0, 0x00D0 }, { 0x00D7, 0x00D8 }, { 0x00DE, 0x00E1 },
	{ 0x00E6, 0x00E6 }, { 0x00E8, 0x00EA }, { 0x00EC, 0x00ED }, { 0x00F0, 0x00F0 },
	{ 0x00F2, 0x00F3 }, { 0x00F7, 0x00FA }, { 0x00FC, 0x00FC }, { 0x00FE, 0x00FE },
	{ 0x0101, 0x0101 }, { 0x0111, 0x0111 }, { 0x0113, 0x0113 }, { 0x011B, 0x011B },
	{ 0x0126, 0x0127 }, { 0x012B, 0x012B }, { 0x0131, 0x0133 }, { 0x0138, 0x0138 },
	{ 0x013F, 0x0142 }, { 0x0144, 0x0144 }, { 0x0148, 0x014B }, { 0x014D, 0x014D },
	{ 0x0152, 0x0153 }, { 0x0166, 0x0167 }, { 0x016B, 0x016B }, { 0x01CE, 0x01CE },
	{ 0x01D0, 0x01D0 }, { 0x01D2, 0x01D2 }, { 0x01D4, 0x01D4 }, { 0x01D6, 0x01D6 },
	{ 0x01D8, 0x01D8 }, { 0x01DA, 0x01DA }, { 0x01DC, 0x01DC }, { 0x0251, 0x0251 },
	{ 0x0261, 0x0261 }, { 0x02C4, 0x02C4 }, { 0x02C7, 0x02C7 }, { 0x02C9, 0x02CB },
	{ 0x02CD, 0x02CD }, { 0x02D0, 0x02D0 }, { 0x02D8, 0x02DB }, { 0x02DD, 0x02DD },
	{ 0x02DF, 0x02DF }, { 0x0300, 0x036F }, { 0x0391, 0x03A1 }, { 0x03A3, 0x03A9 },
	{ 0x03B1, 0x03C1 }, { 0x03C3, 0x03C9 }, { 0x0401, 0x0401 }, { 0x0410, 0x044F },
	{ 0x0451, 0x0451 }, { 0x2010, 0x2010 }, { 0x2013, 0x2016 }, { 0x2018, 0x2019 },
	{ 0x201C, 0x201D }, { 0x2020, 0x2022 }, { 0x2024, 0x2027 }, { 0x2030, 0x2030 },
	{ 0x2032, 0x2033 }, { 0x2035, 0x2035 }, { 0x203B, 0x203B }, { 0x203E, 0x203E },
	{ 0x2074, 0x2074 }, { 0x207F, 0x207F }, { 0x2081, 0x2084 }, { 0x20AC, 0x20AC },
	{ 0x2103, 0x2103 }, { 0x2105, 0x2105 }, { 0x2109, 0x2109 }, { 0x2113, 0x2113 },
	{ 0x2116, 0x2116 }, { 0x2121, 0x2122 }, { 0x2126, 0x2126 }, { 0x212B, 0x212B },
	{ 0x2153, 0x2154 }, { 0x215B, 0x215E }, { 0x2160, 0x216B }, { 0x2170, 0x2179 },
	{ 0x2189, 0x2189 }, { 0x2190, 0x2199 }, { 0x21B8, 0x21B9 }, { 0x21D2, 0x21D2 },
	{ 0x21D4, 0x21D4 }, { 0x21E7, 0x21E7 }, { 0x2200, 0x2200 }, { 0x2202, 0x2203 },
	{ 0x2207, 0x2208 }, { 0x220B, 0x220B }, { 0x220F, 0x220F }, { 0x2211, 0x2211 },
	{ 0x2215, 0x2215 }, { 0x221A, 0x221A }, { 0x221D, 0x2220 }, { 0x2223, 0x2223 },
	{ 0x2225, 0x2225 }, { 0x2227, 0x222C }, { 0x222E, 0x222E }, { 0x2234, 0x2237 },
	{ 0x223C, 0x223D }, { 0x2248, 0x2248 }, { 0x224C, 0x224C }, { 0x2252, 0x2252 },
	{ 0x2260, 0x2261 }, { 0x2264, 0x2267 }, { 0x226A, 0x226B }, { 0x226E, 0x226F },
	{ 0x2282, 0x2283 }, { 0x2286, 0x2287 }, { 0x2295, 0x2295 }, { 0x2299, 0x2299 },
	{ 0x22A5, 0x22A5 }, { 0x22BF, 0x22BF }, { 0x2312, 0x2312 }, { 0x2460, 0x24E9 },
	{ 0x24EB, 0x254B }, { 0x2550, 0x2573 }, { 0x2580, 0x258F }, { 0x2592, 0x2595 },
	{ 0x25A0, 0x25A1 }, { 0x25A3, 0x25A9 }, { 0x25B2, 0x25B3 }, { 0x25B6, 0x25B7 },
	{ 0x25BC, 0x25BD }, { 0x25C0, 0x25C1 }, { 0x25C6, 0x25C8 }, { 0x25CB, 0x25CB },
	{ 0x25CE, 0x25D1 }, { 0x25E2, 0x25E5 }, { 0x25EF, 0x25EF }, { 0x2605, 0x2606 },
	{ 0x2609, 0x2609 }, { 0x260E, 0x260F }, { 0x261C, 0x261C }, { 0x261E, 0x261E },
	{ 0x2640, 0x2640 }, { 0x2642, 0x2642 }, { 0x2660, 0x2661 }, { 0x2663, 0x2665 },
	{ 0x2667, 0x266A }, { 0x266C, 0x266D }, { 0x266F, 0x266F }, { 0x269E, 0x269F },
	{ 0x26BF, 0x26BF }, { 0x26C6, 0x26CD }, { 0x26CF, 0x26D3 }, { 0x26D5, 0x26E1 },
	{ 0x26E3, 0x26E3 }, { 0x26E8, 0x26E9 }, { 0x26EB, 0x26F1 }, { 0x26F4, 0x26F4 },
	{ 0x26F6, 0x26F9 }, { 0x26FB, 0x26FC }, { 0x26FE, 0x26FF }, { 0x273D, 0x273D },
	{ 0x2776, 0x277F }, { 0x2B56, 0x2B59 }, { 0x3248, 0x324F }, { 0xE000, 0xF8FF },
	{ 0xFE00, 0xFE0F }, { 0xFFFD, 0xFFFD }, { 0x1F100, 0x1F10A }, { 0x1F110, 0x1F12D },
	{ 0x1F130, 0x1F169 }, { 0x1F170, 0x1F18D }, { 0x1F18F, 0x1F190 },
	{ 0x1F19B, 0x1F1AC }, { 0xE0100, 0xE01EF }, { 0xF0000, 0xFFFFD },
	{ 0x100000, 0x10FFFD },
};

static int ambiwidth = 1;

bool textcol_is_ambiguous(uint32_t c)
{
	size_t lo = 0, hi = sizeof ambiguous / sizeof ambiguous[0];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < ambiguous[mid].first)
			hi = mid;
		else if (c > ambiguous[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

void textcol_set_ambiwidth(int width)
{
	ambiwidth = width == 2 ? 2 : 1;
}

int textcol_ambiwidth(void)
{
	return ambiwidth;
}

bool textcol_ambiwidth_parse(const char *s, int *width)
{
	if (!s || (strcmp(s, "1") != 0 && strcmp(s, "2") != 0))
		return false;
	*width = s[0] - '0';
	return true;
}

const char *textcol_pick_ambiwidth(const char *option, const char *access, int *width)
{
	const char *env = getenv("PLANDASH_AMBIWIDTH");
	const char *v = option && *option ? option : env && *env ? env : access && *access ? access
	                                                                                     : NULL;

	*width = 1;
	if (!v)
		return NULL;
	return textcol_ambiwidth_parse(v, width) ? NULL : v;
}

/* glibc's width of c: wcswidth() does not go through wcwidth(), so this is
 * the C library's own answer even with the wcwidth() below. */
static int libc_width(wchar_t c)
{
	wchar_t s[2] = { c, L'\0' };

	return c ? wcswidth(s, 1) : 0;
}

/* The width of a printable character as the terminal draws it. */
static int char_width(uint32_t c)
{
	int w = libc_width((wchar_t)c);

	if (w == 1 && ambiwidth == 2 && textcol_is_ambiguous(c))
		return 2;
	return w;
}

/* ncurses places characters by the C library's wcwidth().  The program's
 * own definition takes the place of glibc's for every caller (the dynamic
 * linker binds libncursesw's wcwidth to the executable's), so that
 * ncurses's idea of where the cursor is agrees with a terminal that draws
 * ambiguous characters two columns wide, and with our layout.  With
 * ambiwidth 1 it is glibc's wcwidth exactly. */
int wcwidth(wchar_t c)
{
	return char_width((uint32_t)c);
}

/* Five ambiguous characters people meet in plans, twice. */
#define CALIBRATION "\u2460\u25cb\u203b\u2026\u2500\u2460\u25cb\u203b\u2026\u2500"
#define CALIBRATION_CHARS 10

void textcol_calibration(char *amb, size_t amb_size, char *ruler, size_t ruler_size)
{
	int n = CALIBRATION_CHARS * ambiwidth, i;

	snprintf(amb, amb_size, "%s|", CALIBRATION);
	for (i = 0; i < n && (size_t)i + 2 < ruler_size; i++)
		ruler[i] = '-';
	if (ruler_size >= 2) {
		ruler[i] = '|';
		ruler[i + 1] = '\0';
	} else if (ruler_size) {
		ruler[0] = '\0';
	}
}

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
	    (w = char_width((uint32_t)c)) < 0) {
		out[0] = REPLACEMENT;
		w = char_width(REPLACEMENT);      /* U+FFFD is ambiguous too */
		return w == 2 ? 2 : 1;
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

/* Japanese line breaking (kinsoku): no line starts with closing
 * punctuation or a small kana, no line ends with an opening bracket. */
static bool no_line_start(const char *s)
{
	static const char *const chars[] = {
		"、", "。", "，", "．", "）", "」", "』", "】", "〕", "〉", "》", "］", "｝",
		"ー", "・", "：", "；", "？", "！", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ",
		"ょ", "ゎ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ",
	};

	for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
		if (strncmp(s, chars[i], strlen(chars[i])) == 0)
			return true;
	return false;
}

static bool no_line_end(const char *s)
{
	static const char *const chars[] = { "（", "「", "『", "【", "〔", "〈", "《", "［", "｛" };

	for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
		if (strncmp(s, chars[i], strlen(chars[i])) == 0)
			return true;
	return false;
}

static size_t char_before(const char *s, size_t start, size_t at)
{
	if (at <= start)
		return start;
	at--;
	while (at > start && ((unsigned char)s[at] & 0xC0) == 0x80)
		at--;
	return at;
}

/* Where a line that would break before `here` breaks instead: up to two
 * characters earlier, so that the next line does not start with a closing
 * mark and this one does not end with an opening one; never at start. */
static size_t kinsoku_cut(const char *s, size_t start, size_t here)
{
	size_t cut = here;

	for (int moved = 0; moved < 2; moved++) {
		size_t prev = char_before(s, start, cut);

		if (prev <= start || !(no_line_start(s + cut) || no_line_end(s + prev)))
			break;
		cut = prev;
	}
	return cut;
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
				size_t cut = kinsoku_cut(s, start, here);

				wrap_emit(lines, max, &count, start, cut);
				start = cut;
				w = textcol_width(s + cut, here - cut);
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
