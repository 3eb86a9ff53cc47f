/* check_e2e_jump.c - the ":" jump reads the same item and year forms as
 * the command line (grammar.h): the city's serial number (:27, :No.12),
 * full-width digits and the Japanese year forms, through the real binary
 * in a pseudo-terminal at 80x24 under ja_JP.UTF-8. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "e2e_session.h"
#include "plan.h"

static void enter(void)
{
	vt_key(cur, VTERM_KEY_ENTER);
}

/* The header of an item's sheet: "POLICY TITLE > ID > ". */
static void sheet_header(const char *id, char *buf, size_t size)
{
	const struct item *it = plan_find_item(plan, id);

	ck_assert_ptr_nonnull(it);
	for (size_t p = 0; p < plan->n_policies; p++)
		if (it >= plan->policies[p].items && it < plan->policies[p].items + plan->policies[p].n_items)
			snprintf(buf, size, "%s > %s > ", plan->policies[p].title, id);
}

START_TEST(test_jump_by_serial)
{
	char buf[512];
	const struct item *it = plan_find_item(plan, "3-7");

	ck_assert_ptr_nonnull(it);
	ck_assert_str_eq(it->title, "事業仕分けの実施");   /* the city's No.27 */
	fresh_copy();
	start(NULL);
	/* :27 opens 事業仕分けの実施 */
	press(":27");
	enter();
	sheet_header("3-7", buf, sizeof buf);
	EXPECT_ROW(0, buf);
	EXPECT_SCREEN(it->title);
	/* :No.12 平成25年度 opens item No.12 with that year shown */
	press(":No.12 平成25年度");
	enter();
	sheet_header("1-12", buf, sizeof buf);
	EXPECT_ROW(0, buf);
	snprintf(buf, sizeof buf, ja("Heisei %d (FY%d)"), 25, 2013);
	EXPECT_ROW(0, buf);
	/* full-width digits, as an input method types them */
	press(":２７　Ｈ２４");
	enter();
	sheet_header("3-7", buf, sizeof buf);
	EXPECT_ROW(0, buf);
	snprintf(buf, sizeof buf, ja("Heisei %d (FY%d)"), 24, 2012);
	EXPECT_ROW(0, buf);
	/* a serial number the plan does not have: nothing moves */
	press(":63");
	enter();
	snprintf(buf, sizeof buf, ja("There is no item \"%s\" in this plan."), "63");
	EXPECT_ROW(-1, buf);
	sheet_header("3-7", buf, sizeof buf);
	EXPECT_ROW(0, buf);
	press("q");
	expect_exit_ok("q after jumps");
}
END_TEST

int main(void)
{
	const struct e2e_test tests[] = {
		{ "jump_by_serial", test_jump_by_serial },
	};
	Suite *s = suite_create("e2e_jump");

	if (!e2e_init("check_e2e_jump"))
		return 1;
	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return e2e_run(s);
}
