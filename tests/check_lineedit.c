/* check_lineedit.c - the line editor's buffer: insertion and deletion by
 * whole characters, the cursor commands, widths of Japanese text and
 * horizontal scrolling. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "textcol.h"

static struct lineedit le;

static void teardown(void)
{
	lineedit_free(&le);
}

/* The text must equal want. */
static void expect_text(const char *want)
{
	char *t = lineedit_text(&le);

	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t, want);
	free(t);
}

static void type(const wchar_t *s)
{
	for (; *s; s++)
		ck_assert(lineedit_insert(&le, *s));
}

START_TEST(test_init_and_text)
{
	ck_assert(lineedit_init(&le, "予定どおり実施"));
	ck_assert_uint_eq(le.len, 7);
	ck_assert_uint_eq(le.cursor, 7);
	expect_text("予定どおり実施");
	lineedit_free(&le);
	ck_assert(lineedit_init(&le, NULL));
	ck_assert_uint_eq(le.len, 0);
	expect_text("");
	lineedit_free(&le);
	/* an invalid byte becomes U+FFFD, never a split sequence */
	ck_assert(lineedit_init(&le, "a\xff" "b\xe5\xae"));
	expect_text("a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
}
END_TEST

START_TEST(test_insert_japanese)
{
	ck_assert(lineedit_init(&le, ""));
	type(L"完了済み");
	expect_text("完了済み");
	ck_assert_uint_eq(le.cursor, 4);
	lineedit_command(&le, LINEEDIT_HOME);
	type(L"※");
	expect_text("※完了済み");
	lineedit_command(&le, LINEEDIT_END);
	type(L"(R5)");
	expect_text("※完了済み(R5)");
}
END_TEST

START_TEST(test_refuses_controls)
{
	ck_assert(lineedit_init(&le, "ab"));
	ck_assert(!lineedit_insert(&le, L'\n'));
	ck_assert(!lineedit_insert(&le, L'\r'));
	ck_assert(!lineedit_insert(&le, L'\t'));
	ck_assert(!lineedit_insert(&le, 0x1b));
	ck_assert(!lineedit_insert(&le, 0x7f));
	ck_assert(!lineedit_insert(&le, 0x85));
	ck_assert(!lineedit_insert(&le, 0x2028));
	ck_assert(!lineedit_insert(&le, 0xD800));
	expect_text("ab");
	ck_assert_uint_eq(le.cursor, 2);
}
END_TEST

START_TEST(test_cursor_and_delete)
{
	ck_assert(lineedit_init(&le, "実施中です"));
	ck_assert(lineedit_command(&le, LINEEDIT_LEFT));
	ck_assert(lineedit_command(&le, LINEEDIT_LEFT));
	ck_assert_uint_eq(le.cursor, 3);
	ck_assert(lineedit_command(&le, LINEEDIT_BACKSPACE));   /* 中 */
	expect_text("実施です");
	ck_assert_uint_eq(le.cursor, 2);
	ck_assert(lineedit_command(&le, LINEEDIT_DELETE));      /* で */
	expect_text("実施す");
	ck_assert(lineedit_command(&le, LINEEDIT_HOME));
	ck_assert(!lineedit_command(&le, LINEEDIT_LEFT));
	ck_assert(!lineedit_command(&le, LINEEDIT_BACKSPACE));
	ck_assert(lineedit_command(&le, LINEEDIT_DELETE));
	expect_text("施す");
	ck_assert(lineedit_command(&le, LINEEDIT_END));
	ck_assert(!lineedit_command(&le, LINEEDIT_RIGHT));
	ck_assert(!lineedit_command(&le, LINEEDIT_DELETE));
	ck_assert(lineedit_command(&le, LINEEDIT_BACKSPACE));
	expect_text("施");
	ck_assert(lineedit_command(&le, LINEEDIT_CLEAR));
	expect_text("");
	ck_assert_uint_eq(le.cursor, 0);
	ck_assert(!lineedit_command(&le, LINEEDIT_CLEAR));
}
END_TEST

START_TEST(test_widths)
{
	ck_assert_int_eq(lineedit_char_width(L'a'), 1);
	ck_assert_int_eq(lineedit_char_width(L'完'), 2);
	ck_assert_int_eq(lineedit_char_width(L'ｱ'), 1);        /* half-width katakana */
	ck_assert_int_eq(lineedit_char_width(0x1b), 2);        /* shown as ^[ */
	ck_assert(lineedit_init(&le, "ab完了cd"));
	/* the cursor column counts double-width characters twice */
	lineedit_command(&le, LINEEDIT_HOME);
	ck_assert_int_eq(lineedit_fit(&le, 40, NULL), 0);
	lineedit_command(&le, LINEEDIT_RIGHT);
	lineedit_command(&le, LINEEDIT_RIGHT);
	ck_assert_int_eq(lineedit_fit(&le, 40, NULL), 2);
	lineedit_command(&le, LINEEDIT_RIGHT);
	ck_assert_int_eq(lineedit_fit(&le, 40, NULL), 4);
	lineedit_command(&le, LINEEDIT_RIGHT);
	ck_assert_int_eq(lineedit_fit(&le, 40, NULL), 6);
	lineedit_command(&le, LINEEDIT_END);
	ck_assert_int_eq(lineedit_fit(&le, 40, NULL), 8);
}
END_TEST

/* With ambiguous characters two columns wide, the cursor and the
 * scrolling count them twice. */
START_TEST(test_ambiguous_two)
{
	size_t end;

	textcol_set_ambiwidth(2);
	ck_assert_int_eq(lineedit_char_width(L'○'), 2);
	ck_assert(lineedit_init(&le, "a○※b"));
	ck_assert_int_eq(lineedit_fit(&le, 40, NULL), 6);
	lineedit_command(&le, LINEEDIT_LEFT);
	ck_assert_int_eq(lineedit_fit(&le, 40, NULL), 5);
	lineedit_command(&le, LINEEDIT_LEFT);
	ck_assert_int_eq(lineedit_fit(&le, 40, NULL), 3);
	/* five columns: "a○" and the cursor's two cells do not fit with ※ */
	ck_assert_int_le(lineedit_fit(&le, 4, &end) + 2, 4);
	textcol_set_ambiwidth(1);
	ck_assert_int_eq(lineedit_char_width(L'○'), 1);
}
END_TEST

START_TEST(test_scroll)
{
	size_t end;
	int x;

	/* 20 double-width characters (40 columns) in a 10-column field */
	ck_assert(lineedit_init(&le, "一二三四五六七八九十壱弐参肆伍陸漆捌玖拾"));
	x = lineedit_fit(&le, 10, &end);
	/* at the end: the cursor cell fits after the last four characters */
	ck_assert_uint_eq(end, 20);
	ck_assert_uint_eq(le.scroll, 16);
	ck_assert_int_eq(x, 8);
	lineedit_command(&le, LINEEDIT_HOME);
	x = lineedit_fit(&le, 10, &end);
	ck_assert_uint_eq(le.scroll, 0);
	ck_assert_uint_eq(end, 5);
	ck_assert_int_eq(x, 0);
	/* walking right scrolls by whole characters; the cursor stays inside */
	for (int i = 0; i < 20; i++) {
		lineedit_command(&le, LINEEDIT_RIGHT);
		x = lineedit_fit(&le, 10, &end);
		ck_assert_int_ge(x, 0);
		ck_assert_int_le(x + 1, 10);
		ck_assert_uint_le(le.scroll, le.cursor);
		ck_assert_uint_ge(end, le.cursor < le.len ? le.cursor + 1 : le.len);
	}
	/* an odd width never splits a double-width character */
	x = lineedit_fit(&le, 9, &end);
	ck_assert_int_le(x + 1, 9);
	ck_assert_int_eq(x % 2, 0);
	/* deleting from the end brings the beginning back into view */
	lineedit_command(&le, LINEEDIT_END);
	for (int i = 0; i < 17; i++)
		lineedit_command(&le, LINEEDIT_BACKSPACE);
	x = lineedit_fit(&le, 10, &end);
	ck_assert_uint_eq(le.scroll, 0);
	ck_assert_int_eq(x, 6);
	expect_text("一二三");
}
END_TEST

START_TEST(test_slice)
{
	char *s;

	ck_assert(lineedit_init(&le, "備考abc"));
	s = lineedit_slice(&le, 1, 3);
	ck_assert_str_eq(s, "考a");
	free(s);
	s = lineedit_slice(&le, 3, 99);
	ck_assert_str_eq(s, "bc");
	free(s);
	s = lineedit_slice(&le, 9, 2);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lineedit");
	TCase *tc = tcase_create("buffer");
	SRunner *sr;
	int failed;

	/* widths come from wcwidth(), which needs a UTF-8 locale */
	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "ja_JP.UTF-8")) {
		fprintf(stderr, "check_lineedit: no UTF-8 locale (C.UTF-8)\n");
		return 1;
	}
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_init_and_text);
	tcase_add_test(tc, test_insert_japanese);
	tcase_add_test(tc, test_refuses_controls);
	tcase_add_test(tc, test_cursor_and_delete);
	tcase_add_test(tc, test_widths);
	tcase_add_test(tc, test_ambiguous_two);
	tcase_add_test(tc, test_scroll);
	tcase_add_test(tc, test_slice);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
