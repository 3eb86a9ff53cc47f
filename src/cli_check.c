/* cli_check.c - plandash --check: the summary of a plan and its
 * consistency warnings (see cli.h). */
#include "config.h"

#include <stdlib.h>

#include "cli.h"
#include "i18n.h"

/* How the --check summary names a status: its label (the file's own
 * words) in Japanese, its key otherwise. */
static const char *status_name(const struct status *st)
{
	return i18n_is_japanese() ? st->label : st->key;
}

static void print_counts(const struct plan *plan, const struct plan_counts *c)
{
	size_t *by_status = calloc(plan->n_statuses, sizeof *by_status);
	if (by_status) {
		for (size_t p = 0; p < plan->n_policies; p++)
			for (size_t i = 0; i < plan->policies[p].n_items; i++) {
				const struct item *it = &plan->policies[p].items[i];
				for (size_t e = 0; e < it->n_entries; e++)
					by_status[it->entries[e].status]++;
			}
		printf(_("entries: %zu ("), c->entries);
		for (size_t s = 0; s < plan->n_statuses; s++) {
			printf("%s", s ? " " : "");
			cli_print_safe(stdout, status_name(&plan->statuses[s]));
			printf(":%zu", by_status[s]);
		}
		printf(")\n");
		free(by_status);
	}
	printf(_("revised at the review: %zu ("), c->revised);
	for (int b = 0; b < REVIEW_KINDS; b++)
		printf("%s%s:%zu", b ? " " : "", describe_review_change(b), c->review[b]);
	printf(_(" new_indicators:%zu)\n"), c->new_indicators);
}

/* The ratings at each review date: how many items were rated, and how
 * many with each rating (one pass over the items). */
static void print_ratings(const struct plan *plan)
{
	size_t nr = plan->n_reviews, nl = plan->n_rating_levels;
	if (!nr)
		return;
	size_t *counts = calloc(nr * (nl + 1), sizeof *counts);   /* per review: levels, rated */
	if (!counts)
		return;
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			const struct item *it = &plan->policies[p].items[i];
			for (size_t k = 0; k < it->n_ratings; k++) {
				size_t *row = counts + (size_t)it->ratings[k].review * (nl + 1);
				row[it->ratings[k].level]++;
				row[nl]++;
			}
		}
	printf(_("ratings at %zu review dates:\n"), nr);
	for (size_t r = 0; r < nr; r++) {
		const size_t *row = counts + r * (nl + 1);
		printf("  ");
		cli_print_safe(stdout, plan->reviews[r].date);
		putchar(' ');
		cli_print_safe(stdout, plan->reviews[r].label);
		printf(_(": %zu items rated ("), row[nl]);
		for (size_t l = 0; l < nl; l++) {
			printf("%s", l ? " " : "");
			cli_print_safe(stdout, plan->rating_levels[l].key);
			printf(":%zu", row[l]);
		}
		printf(")\n");
	}
	free(counts);
}

/* The 効果額 over all rows: the total, 歳入確保 and 歳出削減, and which
 * years are on a budget basis. */
static void print_effects(const struct plan *plan)
{
	if (!plan->n_effects)
		return;
	double total = 0, revenue = 0, savings = 0;
	int first = plan->effects[0].year, last = first;
	for (size_t i = 0; i < plan->n_effects; i++) {
		const struct effects_year *row = &plan->effects[i];
		total += effects_year_total(row);
		revenue += row->revenue;
		savings += row->savings;
		first = row->year < first ? row->year : first;
		last = row->year > last ? row->year : last;
	}
	printf(_("effects: %.10g million yen in FY%d-FY%d (revenue %.10g, savings %.10g)"), total,
	       first, last, revenue, savings);
	for (size_t i = 0, n = 0; i < plan->n_effects; i++) {
		if (!plan->effects[i].budget)
			continue;
		char y[96];
		describe_year(plan->effects[i].year, y, sizeof y);
		printf(n++ ? ", %s" : _("; on a budget basis: %s"), y);
	}
	putchar('\n');
}

void cli_print_summary(const struct plan *plan, const char *path)
{
	struct plan_counts c;
	plan_count(plan, &c);
	printf(_("%s: valid\n"), path);
	cli_print_safe(stdout, plan->title);
	printf(" / ");
	cli_print_safe(stdout, plan->program);
	putchar('\n');
	int first = plan->years[0], last = plan->years[plan->n_years - 1];
	printf(_("years: %d-%d, review year %d\n"), first, last, plan->review_year);
	printf(_("policies: %zu\n"), plan->n_policies);
	printf(_("items: %zu ("), c.items);
	for (size_t p = 0; p < plan->n_policies; p++) {
		printf("%s", p ? " " : "");
		cli_print_safe(stdout, plan->policies[p].id);
		printf(":%zu", plan->policies[p].n_items);
	}
	printf(")\n");
	print_counts(plan, &c);
	print_ratings(plan);
	print_effects(plan);
}

/* The consistency warnings, after the summary (on standard error, as
 * compilers print theirs).  Returns how many there were, or -1 when
 * memory ran out. */
long cli_print_warnings(const struct plan *plan, const char *path)
{
	struct lint_list list = { 0 };
	bool ok = lint_plan(plan, &list);
	char msg[1024];
	printf(_("warnings: %zu\n"), list.n);
	fflush(stdout);
	for (size_t i = 0; i < list.n; i++) {
		lint_warning_format(plan, &list.w[i], path, msg, sizeof msg);
		cli_print_safe(stderr, msg);   /* holds labels from the file */
		fputc('\n', stderr);
	}
	long n = ok ? (long)list.n : -1;
	if (!ok)
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
	lint_list_free(&list);
	return n;
}
