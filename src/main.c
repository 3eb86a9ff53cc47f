/* main.c - command line: open the dashboard, or check a plan file.
 * The only place that prints errors and chooses the exit status. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "load.h"
#include "plan.h"
#include "ui.h"

enum exit_status { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... FILE\n"
	               "Browse and update a restructuring plan (plan.yaml) in the terminal.\n"
	               "\n"
	               "  -c, --check       validate FILE, print a summary and exit\n"
	               "  -r, --read-only   open FILE without allowing edits\n"
	               "  -h, --help        show this help and exit\n"
	               "  -V, --version     show the version and exit\n"
	               "\n"
	               "Exit status: 0 if FILE is valid, 1 if it is not, 2 on a usage or I/O error.\n"),
	        PACKAGE_NAME);
}

static void print_summary(const struct plan *plan, const char *path)
{
	struct plan_counts c;
	plan_count(plan, &c);
	printf(_("%s: valid\n"), path);
	printf("%s / %s\n", plan->title, plan->program);
	int first = plan->years[0], last = plan->years[plan->n_years - 1];
	printf(_("years: %d-%d, review year %d\n"), first, last, plan->review_year);
	printf(_("policies: %zu\n"), plan->n_policies);
	printf(_("items: %zu ("), c.items);
	for (size_t p = 0; p < plan->n_policies; p++)
		printf("%s%s:%zu", p ? " " : "", plan->policies[p].id, plan->policies[p].n_items);
	printf(")\n");

	size_t *by_status = calloc(plan->n_statuses, sizeof *by_status);
	if (by_status) {
		for (size_t p = 0; p < plan->n_policies; p++)
			for (size_t i = 0; i < plan->policies[p].n_items; i++) {
				const struct item *it = &plan->policies[p].items[i];
				for (size_t e = 0; e < it->n_entries; e++)
					by_status[it->entries[e].status]++;
			}
		printf(_("entries: %zu ("), c.entries);
		for (size_t s = 0; s < plan->n_statuses; s++)
			printf("%s%s:%zu", s ? " " : "", plan->statuses[s].key, by_status[s]);
		printf(")\n");
		free(by_status);
	}
	printf(_("revised at the review: %zu ("), c.revised);
	for (int b = 0; b < REVIEW_KINDS; b++)
		printf("%s%s:%zu", b ? " " : "", review_change_name(b), c.review[b]);
	printf(_(" new_indicators:%zu)\n"), c.new_indicators);
}

int main(int argc, char **argv)
{
	const char *locale_note = i18n_init();
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "read-only", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	bool check_only = false;
	struct ui_options opts = { 0 };
	int c;
	while ((c = getopt_long(argc, argv, "crhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': check_only = true; break;
		case 'r': opts.read_only = true; break;
		case 'h': usage(stdout); return EXIT_VALID;
		case 'V': printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION); return EXIT_VALID;
		default:  usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, optind == argc ? _("%s: no plan file given\n")
		                               : _("%s: too many arguments\n"), PACKAGE_NAME);
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *path = argv[optind];

	struct load_error err;
	int io_error;
	struct plan *plan = plan_load_file(path, &err, &io_error);
	if (!plan) {
		char msg[512];
		load_error_format(&err, path, msg, sizeof msg);
		fprintf(stderr, "%s\n", msg);
		return io_error ? EXIT_USAGE : EXIT_INVALID;
	}
	if (check_only) {
		print_summary(plan, path);
		plan_free(plan);
		return EXIT_VALID;
	}
	if (locale_note)
		fprintf(stderr, "%s: %s\n", PACKAGE_NAME, locale_note);
	char msg[512] = "";
	int status = ui_run(plan, path, &opts, msg, sizeof msg);
	if (status != 0 && *msg)
		fprintf(stderr, "%s: %s\n", PACKAGE_NAME, msg);
	plan_free(plan);
	return status;
}
