/* check_textcol.c - unit tests for textcol: sanitising, clipping by display
 * columns and wrapping of untrusted UTF-8. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "textcol.h"

/* Clip s to cols and return the result as UTF-8 in a static buffer. */
static const char *clip(const char *s, int cols, bool pad, int *used)
{
	static wchar_t w[256];
	static char out[1024];
	size_t n = textcol_clip(s, strlen(s), cols, pad, w, 256, used);

	ck_assert_uint_eq(wcslen(w), n);
	ck_assert_uint_ne(wcstombs(out, w, sizeof out), (size_t)-1);
	return out;
}

static void setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
}

START_TEST(clip_mixed_widths_at_odd_columns)
{
	int used;

	/* "AB漢字C": A B 漢(2) 字(2) C = 7 columns */
	ck_assert_int_eq(textcol_width("AB漢字C", strlen("AB漢字C")), 7);
	ck_assert_str_eq(clip("AB漢字C", 3, false, &used), "AB");
	ck_assert_int_eq(used, 2);
	ck_assert_str_eq(clip("AB漢字C", 4, false, &used), "AB漢");
	ck_assert_int_eq(used, 4);
	ck_assert_str_eq(clip("AB漢字C", 5, false, &used), "AB漢");
	ck_assert_int_eq(used, 4);
	ck_assert_str_eq(clip("AB漢字C", 5, true, &used), "AB漢 ");
	ck_assert_int_eq(used, 5);
	ck_assert_str_eq(clip("AB漢字C", 7, false, &used), "AB漢字C");
	ck_assert_str_eq(clip("漢字", 1, true, &used), " ");
	ck_assert_str_eq(clip("漢字", 0, true, &used), "");
	ck_assert_int_eq(used, 0);
	/* halfwidth katakana is one column */
	ck_assert_str_eq(clip("ｱｲｳ漢", 4, false, &used), "ｱｲｳ");
	ck_assert_int_eq(used, 3);
}
END_TEST

START_TEST(caret_notation_for_c0_and_del)
{
	int used;

	ck_assert_str_eq(clip("a\tb\x7f", 10, false, &used), "a^Ib^?");
	ck_assert_int_eq(used, 6);
	ck_assert_str_eq(clip("x\ny", 10, false, NULL), "x^Jy");
	/* a caret pair is never split */
	ck_assert_str_eq(clip("a\x1b", 2, false, &used), "a");
	ck_assert_int_eq(used, 1);
}
END_TEST

START_TEST(escape_sequences_never_pass)
{
	const char *csi = "\x1b[31mred\x1b[0m";
	const char *osc = "\x1b]0;title\x07";
	const char *c1csi = "\xc2\x9b" "2J";   /* U+009B, the 8-bit CSI */
	const char *s;

	s = clip(csi, 40, false, NULL);
	ck_assert_str_eq(s, "^[[31mred^[[0m");
	ck_assert_ptr_null(strchr(s, 0x1b));
	ck_assert_str_eq(clip(osc, 40, false, NULL), "^[]0;title^G");
	ck_assert_str_eq(clip(c1csi, 40, false, NULL), "\xef\xbf\xbd" "2J");
	/* a right-to-left override (U+202E) and a zero-width space (U+200B)
	 * would reorder or hide text: they are shown, not sent */
	ck_assert_str_eq(clip("ab\xe2\x80\xae" "cd", 40, false, NULL), "ab\xef\xbf\xbd" "cd");
	ck_assert_str_eq(clip("\xe2\x80\x8b", 40, false, NULL), "\xef\xbf\xbd");
}
END_TEST

START_TEST(invalid_utf8_becomes_replacement)
{
	/* a lone continuation byte, a truncated sequence, an overlong '/',
	 * a surrogate and a value above U+10FFFF */
	ck_assert_str_eq(clip("a\x80" "b", 10, false, NULL), "a\xef\xbf\xbd" "b");
	ck_assert_str_eq(clip("\xe6\xbc", 10, false, NULL), "\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert_str_eq(clip("\xc0\xaf", 10, false, NULL), "\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert_str_eq(clip("\xed\xa0\x80", 10, false, NULL),
	                 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert_str_eq(clip("\xf4\x90\x80\x80", 10, false, NULL),
	                 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert_int_eq(textcol_width("\xff", 1), 1);
}
END_TEST

START_TEST(zero_width_needs_a_base)
{
	int used;

	/* a combining acute accent joins the 'e'; alone it is dropped */
	ck_assert_str_eq(clip("e\xcc\x81x", 1, false, &used), "e\xcc\x81");
	ck_assert_int_eq(used, 1);
	ck_assert_str_eq(clip("\xcc\x81x", 5, false, &used), "x");
	ck_assert_int_eq(used, 1);
}
END_TEST

START_TEST(clip_respects_capacity)
{
	wchar_t w[4];
	int used;
	size_t n = textcol_clip("abcdef", 6, 6, true, w, 4, &used);

	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(used, 3);
	ck_assert(w[3] == L'\0');
	n = textcol_clip(NULL, 0, 3, true, w, 4, &used);
	ck_assert_uint_eq(n, 3);
	ck_assert(wcscmp(w, L"   ") == 0);
}
END_TEST

/* Wrap and return the lines joined by '|'. */
static const char *wrap(const char *s, int width)
{
	static char out[1024];
	struct textcol_span lines[64];
	size_t n = textcol_wrap(s, strlen(s), width, lines, 64);

	ck_assert_uint_le(n, 64);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strncat(out, s + lines[i].start, lines[i].end - lines[i].start);
		ck_assert_int_le(textcol_width(s + lines[i].start, lines[i].end - lines[i].start),
		                 width);
	}
	return out;
}

START_TEST(wrap_japanese_by_columns)
{
	/* 9 double-width characters in 7 or 6 columns: 3 per line */
	ck_assert_str_eq(wrap("行財政再構築プラン", 7), "行財政|再構築|プラン");
	ck_assert_str_eq(wrap("行財政再構築プラン", 6), "行財政|再構築|プラン");
	ck_assert_str_eq(wrap("AB漢字C", 3), "AB|漢|字C");
}
END_TEST

START_TEST(wrap_latin_at_spaces)
{
	ck_assert_str_eq(wrap("the quick brown fox", 10), "the quick|brown fox");
	ck_assert_str_eq(wrap("abcdefghij klm", 4), "abcd|efgh|ij|klm");
	ck_assert_str_eq(wrap("short", 40), "short");
}
END_TEST

START_TEST(wrap_hard_breaks_and_edges)
{
	struct textcol_span one;

	ck_assert_str_eq(wrap("一行目\n二行目\n", 40), "一行目|二行目");
	ck_assert_str_eq(wrap("a\r\nb", 40), "a|b");
	ck_assert_str_eq(wrap("a\n\nb", 40), "a||b");
	ck_assert_uint_eq(textcol_wrap("", 0, 10, &one, 1), 1);
	ck_assert_uint_eq(one.start, 0);
	ck_assert_uint_eq(one.end, 0);
	/* a character wider than the line still gets a line of its own */
	ck_assert_uint_eq(textcol_wrap("漢字", strlen("漢字"), 1, NULL, 0), 2);
	/* the count is returned even when fewer lines are stored */
	ck_assert_uint_eq(textcol_wrap("abcdef", 6, 2, &one, 1), 3);
}
END_TEST

/* ---- ambiguous width */

static void ambi_teardown(void)
{
	textcol_set_ambiwidth(1);
}

START_TEST(ambiguous_width_two)
{
	const char *s = "①○※…─";   /* five ambiguous characters */
	int used;

	ck_assert_int_eq(textcol_width(s, strlen(s)), 5);
	textcol_set_ambiwidth(2);
	ck_assert_int_eq(textcol_ambiwidth(), 2);
	ck_assert_int_eq(textcol_width(s, strlen(s)), 10);
	/* clipping never splits one, and pads what is left */
	ck_assert_str_eq(clip("a①b", 2, false, &used), "a");
	ck_assert_int_eq(used, 1);
	ck_assert_str_eq(clip("a①b", 3, false, &used), "a①");
	ck_assert_int_eq(used, 3);
	ck_assert_str_eq(clip("○○○", 5, true, &used), "○○ ");
	ck_assert_int_eq(used, 5);
	/* Greek and Cyrillic are ambiguous; Latin, kana and CJK are not */
	ck_assert_int_eq(textcol_width("αЯ", strlen("αЯ")), 4);
	ck_assert_int_eq(textcol_width("ab漢ｱ", strlen("ab漢ｱ")), 5);
	ck_assert_int_eq(textcol_width("é", strlen("é")), 2);       /* Latin-1 letters are */
	/* U+FFFD for a bad byte is ambiguous too; combining marks stay 0 */
	ck_assert_int_eq(textcol_width("\xff", 1), 2);
	ck_assert_int_eq(textcol_width("e\xcc\x81", 3), 1);
	/* the C library's wcwidth as ncurses sees it follows the setting */
	ck_assert_int_eq(wcwidth(L'○'), 2);
	ck_assert_int_eq(wcwidth(L'漢'), 2);
	ck_assert_int_eq(wcwidth(L'a'), 1);
	textcol_set_ambiwidth(1);
	ck_assert_int_eq(wcwidth(L'○'), 1);
	ck_assert_int_eq(textcol_width(s, strlen(s)), 5);
}
END_TEST

START_TEST(ambiguous_table_spots)
{
	static const uint32_t yes[] = { 0xA1, 0xA7, 0xB1, 0xD7, 0x391, 0x3B1, 0x401, 0x451,
	                                0x2010, 0x2026, 0x203B, 0x2460, 0x24FF, 0x2500, 0x25A0,
	                                0x25CB, 0x2605, 0x3248, 0xE000, 0xFE00, 0xFFFD, 0x1F100,
	                                0xE0100, 0xF0000, 0x10FFFD };
	static const uint32_t no[] = { 0x20, 'A', 0xA2, 0xA5, 0x3042, 0x6F22, 0x3000, 0xFF01,
	                               0xFF61, 0x1F600, 0x10FFFE };

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		ck_assert_msg(textcol_is_ambiguous(yes[i]), "U+%04X", (unsigned)yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		ck_assert_msg(!textcol_is_ambiguous(no[i]), "U+%04X", (unsigned)no[i]);
}
END_TEST

/* The table is Unicode 15.0's: compare it with EastAsianWidth.txt where
 * Debian's unicode-data has that version installed. */
START_TEST(ambiguous_table_matches_unicode)
{
	FILE *f = fopen("/usr/share/unicode/EastAsianWidth.txt", "r");
	char line[512];
	static bool amb[0x110000];
	size_t n = 0;

	if (!f)
		return;                   /* not installed: the spot checks stand */
	if (!fgets(line, sizeof line, f) || !strstr(line, "EastAsianWidth-15.0.0")) {
		fclose(f);
		return;                   /* another version */
	}
	while (fgets(line, sizeof line, f)) {
		unsigned long a, b;
		char prop[8];

		if (sscanf(line, "%lx..%lx;%7[A-Za-z]", &a, &b, prop) == 3 ||
		    (sscanf(line, "%lx;%7[A-Za-z]", &a, prop) == 2 && (b = a, 1))) {
			if (strcmp(prop, "A") == 0 && b < 0x110000)
				for (unsigned long c = a; c <= b; c++)
					amb[c] = true;
		}
	}
	fclose(f);
	for (uint32_t c = 0; c < 0x110000; c++) {
		if (textcol_is_ambiguous(c) != amb[c])    /* (ck_assert per character is slow) */
			ck_abort_msg("U+%04X: table %d, EastAsianWidth.txt %d", (unsigned)c,
			             textcol_is_ambiguous(c), amb[c]);
		n += amb[c];
	}
	ck_assert_uint_gt(n, 100000);     /* the private use planes are A */
}
END_TEST

START_TEST(calibration_rows_line_up)
{
	char amb[64], ruler[64];

	textcol_calibration(amb, sizeof amb, ruler, sizeof ruler);
	ck_assert_int_eq(textcol_width(amb, strlen(amb)), 11);
	ck_assert_str_eq(ruler, "----------|");
	textcol_set_ambiwidth(2);
	textcol_calibration(amb, sizeof amb, ruler, sizeof ruler);
	ck_assert_int_eq(textcol_width(amb, strlen(amb)), 21);
	ck_assert_int_eq(textcol_width(ruler, strlen(ruler)), 21);
	ck_assert_str_eq(strrchr(amb, '|'), "|");
	textcol_calibration(amb, 4, ruler, 4);      /* cut, still terminated */
	ck_assert_str_eq(ruler, "--|");
	ck_assert_uint_lt(strlen(amb), 4);
}
END_TEST

START_TEST(ambiwidth_settings)
{
	int w = 0;

	ck_assert(textcol_ambiwidth_parse("2", &w));
	ck_assert_int_eq(w, 2);
	ck_assert(!textcol_ambiwidth_parse("3", &w));
	ck_assert(!textcol_ambiwidth_parse("", &w));
	ck_assert(!textcol_ambiwidth_parse(NULL, &w));
	unsetenv("PLANDASH_AMBIWIDTH");
	ck_assert_ptr_null(textcol_pick_ambiwidth(NULL, NULL, &w));
	ck_assert_int_eq(w, 1);
	ck_assert_ptr_null(textcol_pick_ambiwidth(NULL, "2", &w));
	ck_assert_int_eq(w, 2);
	setenv("PLANDASH_AMBIWIDTH", "1", 1);
	ck_assert_ptr_null(textcol_pick_ambiwidth(NULL, "2", &w));   /* environment first */
	ck_assert_int_eq(w, 1);
	ck_assert_ptr_null(textcol_pick_ambiwidth("2", NULL, &w));   /* then the option */
	ck_assert_int_eq(w, 2);
	setenv("PLANDASH_AMBIWIDTH", "wide", 1);
	ck_assert_str_eq(textcol_pick_ambiwidth(NULL, NULL, &w), "wide");
	ck_assert_int_eq(w, 1);
	unsetenv("PLANDASH_AMBIWIDTH");
}
END_TEST

/* Japanese line breaking: a closing mark or a small kana never starts a
 * line, an opening bracket never ends one. */
START_TEST(wrap_kinsoku)
{
	struct textcol_span l[8];
	const char *a = "あいうえおかきくけこ、さしすせそ";
	const char *b = "あいうえおかきくけ「こさ」しす";
	const char *c = "あいうえおかきくけこっと";
	size_t n;

	n = textcol_wrap(a, strlen(a), 20, l, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq((int)(l[0].end - l[0].start), (int)strlen("あいうえおかきくけ"));
	ck_assert(strncmp(a + l[1].start, "こ、", strlen("こ、")) == 0);
	n = textcol_wrap(b, strlen(b), 20, l, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert(strncmp(b + l[1].start, "「こ", strlen("「こ")) == 0);
	n = textcol_wrap(c, strlen(c), 20, l, 8);
	ck_assert(strncmp(c + l[1].start, "こっ", strlen("こっ")) == 0);
	/* a line of closing marks still breaks somewhere: every line holds a
	 * character and the lines cover the text */
	n = textcol_wrap("、、、、、", strlen("、、、、、"), 4, l, 8);
	ck_assert_uint_ge(n, 3);
	ck_assert_uint_le(n, 5);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_gt(l[i].end, l[i].start);
		ck_assert_uint_eq(l[i].start, i ? l[i - 1].end : 0);
	}
	ck_assert_uint_eq(l[n - 1].end, strlen("、、、、、"));
}
END_TEST

static Suite *textcol_suite(void)
{
	Suite *s = suite_create("textcol");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, wrap_kinsoku);
	tcase_add_test(tc, clip_mixed_widths_at_odd_columns);
	tcase_add_test(tc, caret_notation_for_c0_and_del);
	tcase_add_test(tc, escape_sequences_never_pass);
	tcase_add_test(tc, invalid_utf8_becomes_replacement);
	tcase_add_test(tc, zero_width_needs_a_base);
	tcase_add_test(tc, clip_respects_capacity);
	tcase_add_test(tc, wrap_japanese_by_columns);
	tcase_add_test(tc, wrap_latin_at_spaces);
	tcase_add_test(tc, wrap_hard_breaks_and_edges);
	suite_add_tcase(s, tc);
	tc = tcase_create("ambiguous");
	tcase_add_checked_fixture(tc, setup, ambi_teardown);
	tcase_add_test(tc, ambiguous_width_two);
	tcase_add_test(tc, ambiguous_table_spots);
	tcase_add_test(tc, ambiguous_table_matches_unicode);
	tcase_add_test(tc, calibration_rows_line_up);
	tcase_add_test(tc, ambiwidth_settings);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(textcol_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
