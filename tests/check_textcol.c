/* check_textcol.c - unit tests for textcol: sanitising, clipping by display
 * columns and wrapping of untrusted UTF-8. */
#include "config.h"

#include <check.h>
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

static Suite *textcol_suite(void)
{
	Suite *s = suite_create("textcol");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
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
