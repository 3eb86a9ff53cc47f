/* nav.c - see nav.h */
#include "config.h"

#include "nav.h"
#include "view_items.h"
#include "view_overview.h"
#include "view_sheet.h"

bool nav_show(struct ui_ctx *ctx, int policy, int item, bool sheet, int year)
{
	const struct plan *plan = ui_plan(ctx);

	if (policy < 0 || (size_t)policy >= plan->n_policies)
		return false;
	if (item >= 0 && (size_t)item >= plan->policies[policy].n_items)
		return false;
	screen_pop_to(ctx, 0);
	if (!screen_push(ctx, &overview_ops, &policy))
		return false;
	if (item < 0)
		return true;
	if (!screen_push(ctx, &items_ops, &(struct items_arg){ policy, item }))
		return false;
	return !sheet || screen_push(ctx, &sheet_ops, &(struct sheet_arg){ policy, item, year });
}
