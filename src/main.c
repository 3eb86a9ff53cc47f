/* main.c - command line: open the dashboard, or check a plan file.
 * The only place that prints errors and chooses the exit status. */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "changelog.h"
#include "describe.h"
#include "edit.h"
#include "i18n.h"
#include "load.h"
#include "plan.h"
#include "save.h"
#include "ui.h"

enum exit_status { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... FILE\n"
	               "       %s get FILE ID YEAR\n"
	               "       %s set FILE ID YEAR STATUS [--note TEXT] [--plan TEXT] [--backup]\n"
	               "       %s log FILE [--since DATE]\n"
	               "Browse and update a restructuring plan (plan.yaml) in the terminal.\n"
	               "\n"
	               "  -c, --check       validate FILE, print a summary and exit\n"
	               "  -r, --read-only   open FILE without allowing edits\n"
	               "  -b, --backup      keep the previous version as FILE~ when saving\n"
	               "  -h, --help        show this help and exit\n"
	               "  -V, --version     show the version and exit\n"
	               "\n"
	               "get prints one yearly entry; set changes it and saves at once;\n"
	               "log prints the saved changes (FILE.history), oldest first.\n"
	               "ID is an item id such as 4-3; YEAR is 2013 or H25.\n"
	               "\n"
	               "Exit status: 0 on success, 1 if FILE is invalid or the change cannot be made,\n"
	               "2 on a usage or I/O error.\n"),
	        PACKAGE_NAME, PACKAGE_NAME, PACKAGE_NAME, PACKAGE_NAME);
}

/* Print a value from the file with control characters escaped, so that
 * nothing in the file can reach a terminal raw. */
static void print_safe(FILE *out, const char *s)
{
	if (!s)
		return;
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		bool c1 = u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F;
		if (*u < 0x20 || *u == 0x7F || c1) {
			if (c1)
				u++;
			fprintf(out, "\\x%02x", *u);
		} else {
			fputc(*u, out);
		}
	}
}

static void print_summary(const struct plan *plan, const char *path)
{
	struct plan_counts c;
	plan_count(plan, &c);
	printf(_("%s: valid\n"), path);
	print_safe(stdout, plan->title);
	printf(" / ");
	print_safe(stdout, plan->program);
	putchar('\n');
	int first = plan->years[0], last = plan->years[plan->n_years - 1];
	printf(_("years: %d-%d, review year %d\n"), first, last, plan->review_year);
	printf(_("policies: %zu\n"), plan->n_policies);
	printf(_("items: %zu ("), c.items);
	for (size_t p = 0; p < plan->n_policies; p++) {
		printf("%s", p ? " " : "");
		print_safe(stdout, plan->policies[p].id);
		printf(":%zu", plan->policies[p].n_items);
	}
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

/* "2013", "H25" or "h25" -> 2013; 0 when it is neither. */
static int parse_year(const char *s)
{
	char *end;
	bool heisei = *s == 'H' || *s == 'h';
	long v = strtol(s + heisei, &end, 10);
	if (*end || end == s + heisei)
		return 0;
	if (heisei)
		return v >= 1 && v <= 31 ? (int)v + 1988 : 0;
	return v >= 1900 && v <= 2200 ? (int)v : 0;
}

static struct plan *load_or_report(const char *path, int *status)
{
	struct load_error err;
	int io_error;
	struct plan *plan = plan_load_file(path, &err, &io_error);
	if (!plan) {
		char msg[512];
		load_error_format(&err, path, msg, sizeof msg);
		fprintf(stderr, "%s\n", msg);
		*status = io_error ? EXIT_USAGE : EXIT_INVALID;
	}
	return plan;
}

static const struct entry *find_entry(const struct plan *plan, const char *id, int year)
{
	const struct item *it = plan_find_item(plan, id);
	const struct entry *e = it ? item_entry_for_year(it, year) : NULL;
	if (!it)
		fprintf(stderr, _("%s: no item \"%s\"\n"), PACKAGE_NAME, id);
	else if (!e)
		fprintf(stderr, _("%s: item %s has no entry for %d\n"), PACKAGE_NAME, id, year);
	return e;
}

static int cmd_get(int argc, char **argv)
{
	if (argc != 5) {
		usage(stderr);
		return EXIT_USAGE;
	}
	int year = parse_year(argv[4]);
	if (!year) {
		fprintf(stderr, _("%s: \"%s\" is not a year (2013 or H25)\n"), PACKAGE_NAME, argv[4]);
		return EXIT_USAGE;
	}
	int status = EXIT_VALID;
	struct plan *plan = load_or_report(argv[2], &status);
	if (!plan)
		return status;
	const struct entry *e = find_entry(plan, argv[3], year);
	if (!e) {
		plan_free(plan);
		return EXIT_INVALID;
	}
	printf("status: %s\nplan: ", plan->statuses[e->status].key);
	print_safe(stdout, e->plan);
	if (e->note) {
		printf("\nnote: ");
		print_safe(stdout, e->note);
	}
	printf("\n");
	plan_free(plan);
	return EXIT_VALID;
}

/* Exit status of a save: 1 for a change the file refuses (a conflict, an
 * entry or status gone, a value that cannot be written), 2 for an I/O
 * error (a full disk, a permission, a lock held too long). */
static int save_exit_status(const struct save_report *r, enum save_status s)
{
	if (s == SAVE_OK)
		return EXIT_VALID;
	if (s == SAVE_CONFLICT)
		return EXIT_INVALID;
	switch (r->error.code) {
	case SAVE_E_THEIRS_BROKEN:
	case SAVE_E_ENTRY_GONE:
	case SAVE_E_STATUS_GONE:
	case SAVE_E_SPLICE:
		return EXIT_INVALID;
	case SAVE_E_NONE:
	case SAVE_E_NO_MEMORY:
	case SAVE_E_LOCK_BUSY:
	case SAVE_E_LOCK_GAVE_UP:
	case SAVE_E_FILE:
		break;
	}
	return EXIT_USAGE;
}

/* "FILE: saved 1 change" on stdout, or why not on stderr, with the
 * conflicting values. */
static void print_save_outcome(const struct save_report *r, enum save_status s,
                               const char *path)
{
	char msg[8192];
	describe_save(r, s, path, false, msg, sizeof msg);
	FILE *out = s == SAVE_OK ? stdout : stderr;
	/* the message may hold values from the file */
	fprintf(out, "%s: ", path);
	print_safe(out, msg);
	fputc('\n', out);
	for (size_t i = 0; i < r->n_conflicts; i++) {
		const struct conflict *cf = &r->conflicts[i];
		fprintf(stderr, "  %s %d %s: base \"", cf->item_id, cf->year, field_name(cf->field));
		print_safe(stderr, cf->base);
		fprintf(stderr, "\", theirs \"");
		print_safe(stderr, cf->theirs);
		fprintf(stderr, "\", ours \"");
		print_safe(stderr, cf->ours);
		fprintf(stderr, "\"\n");
	}
}

/* Save set's edits and say what happened; returns the exit status. */
static int save_and_report(struct editor *ed, const char *path, const struct save_options *opt)
{
	struct save_report rep;
	enum save_status s = editor_save(ed, path, opt, &rep);
	print_save_outcome(&rep, s, path);
	int status = save_exit_status(&rep, s);
	save_report_free(&rep);
	return status;
}

static int cmd_set(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "plan", required_argument, NULL, 'p' },
		{ "backup", no_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const char *note = NULL, *plan_text = NULL;
	struct save_options opt = { 0 };
	int c;
	optind = 2;
	while ((c = getopt_long(argc, argv, "+n:p:b", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': note = optarg; break;
		case 'p': plan_text = optarg; break;
		case 'b': opt.backup = true; break;
		default:  usage(stderr); return EXIT_USAGE;
		}
	}
	/* options may also follow the positional arguments */
	char *pos[4];
	int npos = 0;
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], "--note") == 0 && i + 1 < argc)
			note = argv[++i];
		else if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc)
			plan_text = argv[++i];
		else if (strcmp(argv[i], "--backup") == 0)
			opt.backup = true;
		else if (npos < 4)
			pos[npos++] = argv[i];
		else
			npos = 5;
	}
	if (npos != 4) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *path = pos[0], *id = pos[1], *status_key = pos[3];
	int year = parse_year(pos[2]);
	if (!year) {
		fprintf(stderr, _("%s: \"%s\" is not a year (2013 or H25)\n"), PACKAGE_NAME, pos[2]);
		return EXIT_USAGE;
	}
	int status = EXIT_VALID;
	struct plan *plan = load_or_report(path, &status);
	if (!plan)
		return status;
	if (!find_entry(plan, id, year)) {
		plan_free(plan);
		return EXIT_INVALID;
	}
	struct editor ed;
	editor_init(&ed, plan);
	enum edit_result r = editor_set(&ed, id, year, FIELD_STATUS, status_key);
	if (r == EDIT_BAD_STATUS) {
		fprintf(stderr, _("%s: unknown status \"%s\" (expected one of:"), PACKAGE_NAME,
		        status_key);
		for (size_t s = 0; s < ed.plan->n_statuses; s++)
			fprintf(stderr, "%s %s", s ? "," : "", ed.plan->statuses[s].key);
		fprintf(stderr, ")\n");
		editor_free(&ed);
		return EXIT_INVALID;
	}
	if (r == EDIT_OK || r == EDIT_UNCHANGED)
		r = plan_text ? editor_set(&ed, id, year, FIELD_PLAN, plan_text) : EDIT_OK;
	if (r == EDIT_OK || r == EDIT_UNCHANGED)
		r = note ? editor_set(&ed, id, year, FIELD_NOTE, note) : EDIT_OK;
	if (r != EDIT_OK && r != EDIT_UNCHANGED) {
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
		editor_free(&ed);
		return EXIT_USAGE;
	}
	int exit_status = save_and_report(&ed, path, &opt);
	editor_free(&ed);
	return exit_status;
}

/* "2013-04-01" (local midnight) or "2013-04-01T09:00:00"; 0 when neither. */
static time_t parse_since(const char *s)
{
	struct tm tm = { 0 };
	const char *rest = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!rest || *rest) {
		memset(&tm, 0, sizeof tm);
		rest = strptime(s, "%Y-%m-%d", &tm);
		if (!rest || *rest)
			return 0;
	}
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int cmd_log(int argc, char **argv)
{
	time_t since = 0;
	const char *path = NULL;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--since") == 0 && i + 1 < argc) {
			since = parse_since(argv[++i]);
			if (!since) {
				fprintf(stderr, _("%s: \"%s\" is not a date (YYYY-MM-DD)\n"),
				        PACKAGE_NAME, argv[i]);
				return EXIT_USAGE;
			}
		} else if (!path) {
			path = argv[i];
		} else {
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (!path) {
		usage(stderr);
		return EXIT_USAGE;
	}
	struct log_line *lines;
	size_t n;
	struct file_error fe;
	if (changelog_load(path, since, &lines, &n, &fe)) {
		char msg[8192];
		describe_file_error(&fe, msg, sizeof msg);
		fprintf(stderr, "%s: ", PACKAGE_NAME);
		print_safe(stderr, msg);
		fputc('\n', stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < n; i++) {
		const struct log_line *l = &lines[i];
		print_safe(stdout, l->stamp);
		putchar('\t');
		print_safe(stdout, l->user);
		putchar('\t');
		print_safe(stdout, l->item_id);
		printf("\t%d\t%s\t", l->year, field_name(l->field));
		print_safe(stdout, l->old_value ? l->old_value : "-");
		printf(" -> ");
		print_safe(stdout, l->new_value ? l->new_value : "-");
		putchar('\n');
	}
	changelog_free(lines, n);
	return EXIT_VALID;
}

int main(int argc, char **argv)
{
	const char *locale_note = i18n_init();
	/* A file size limit (ulimit -f) makes write() fail with EFBIG, which
	 * a save reports like a full disk, instead of killing us. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc > 1 && strcmp(argv[1], "get") == 0)
		return cmd_get(argc, argv);
	if (argc > 1 && strcmp(argv[1], "set") == 0)
		return cmd_set(argc, argv);
	if (argc > 1 && strcmp(argv[1], "log") == 0)
		return cmd_log(argc, argv);
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "read-only", no_argument, NULL, 'r' },
		{ "backup", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	bool check_only = false;
	struct ui_options opts = { 0 };
	int c;
	while ((c = getopt_long(argc, argv, "crbhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': check_only = true; break;
		case 'r': opts.read_only = true; break;
		case 'b': opts.backup = true; break;
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

	int status = EXIT_VALID;
	struct plan *plan = load_or_report(path, &status);
	if (!plan)
		return status;
	if (check_only) {
		print_summary(plan, path);
		plan_free(plan);
		return EXIT_VALID;
	}
	opts.note = locale_note;
	char msg[512] = "";
	struct editor ed;
	editor_init(&ed, plan);
	status = ui_run(&ed, path, &opts, msg, sizeof msg);
	if (status != 0 && *msg)
		fprintf(stderr, "%s: %s\n", PACKAGE_NAME, msg);
	editor_free(&ed);
	return status;
}
