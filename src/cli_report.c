/* cli_report.c - plandash report: the tables of a review in Markdown,
 * CSV, HTML or JSON (see cli.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

/* ---- report FILE [OPTION]...: the tables of a review, out of the terminal */

struct report_args {
	const char *file, *format, *date, *year, *policy, *department, *status, *out;
};

/* Take "--name VALUE", "--name=VALUE" or ("-o") "-o VALUE" at argv[*i]:
 * 1 when taken, 0 when it is not this option, -1 when its value is missing. */
static int report_option(int argc, char **argv, int *i, const char *name, const char **slot)
{
	size_t len = strlen(name);

	if (strncmp(argv[*i], name, len) != 0)
		return 0;
	if (argv[*i][len] == '=' && name[1] == '-') {
		*slot = argv[*i] + len + 1;
		return 1;
	}
	if (argv[*i][len])
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*slot = argv[++*i];
	return 1;
}

/* Read report's arguments; -1 when they are fine, else an exit status
 * (after saying what is wrong). */
static int report_args_read(int argc, char **argv, struct report_args *a)
{
	static const struct { const char *name; size_t off; } opts[] = {
		{ "--format", offsetof(struct report_args, format) },
		{ "--date", offsetof(struct report_args, date) },
		{ "--year", offsetof(struct report_args, year) },
		{ "--policy", offsetof(struct report_args, policy) },
		{ "--department", offsetof(struct report_args, department) },
		{ "--status", offsetof(struct report_args, status) },
		{ "--output", offsetof(struct report_args, out) },
		{ "-o", offsetof(struct report_args, out) },
	};
	bool dashdash = false;

	memset(a, 0, sizeof *a);
	for (int i = 2; i < argc; i++) {
		int taken = 0;

		for (size_t k = 0; !dashdash && !taken && k < sizeof opts / sizeof opts[0]; k++) {
			taken = report_option(argc, argv, &i, opts[k].name,
			                      (const char **)((char *)a + opts[k].off));
			if (taken < 0) {
				fprintf(stderr, _("%s: %s needs a value\n"), PACKAGE_NAME, opts[k].name);
				return cli_usage_of("report");
			}
		}
		if (taken)
			continue;
		if (!dashdash && strcmp(argv[i], "--") == 0) {
			dashdash = true;
		} else if (!dashdash && argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, _("%s: unknown option: "), PACKAGE_NAME);
			cli_print_safe(stderr, argv[i]);
			fputc('\n', stderr);
			return cli_usage_of("report");
		} else if (a->file) {
			return cli_too_many("report");
		} else {
			a->file = argv[i];
		}
	}
	return a->file ? -1 : cli_missing("report", CLI_FILE);
}

/* The format: --format, else the extension of -o, else Markdown. */
static int report_format_pick(const struct report_args *a, enum report_format *f)
{
	char msg[1024];

	*f = REPORT_MARKDOWN;
	if (a->format && !report_format_parse(a->format, f)) {
		snprintf(msg, sizeof msg, _("unknown report format \"%s\" (use md, csv, html or json)"),
		         a->format);
		cli_say_safe(msg);
		return EXIT_USAGE;
	}
	if (!a->format && a->out && !report_format_of_path(a->out, f)) {
		snprintf(msg, sizeof msg, _("cannot tell the format of \"%s\" from its name: end it in "
		                            ".md, .csv, .html or .json, or add --format"), a->out);
		cli_say_safe(msg);
		return EXIT_USAGE;
	}
	return -1;
}

/* --policy N: a policy id (1, １).  Returns its index, or -1 after saying why. */
static int report_policy_arg(const struct plan *plan, const char *text)
{
	char folded[64], msg[512];
	size_t len;

	grammar_fold(text, folded, sizeof folded);
	len = strlen(folded);
	while (len && folded[len - 1] == ' ')
		folded[--len] = '\0';
	for (size_t p = 0; p < plan->n_policies; p++)
		if (strcmp(plan->policies[p].id, folded + strspn(folded, " ")) == 0)
			return (int)p;
	snprintf(msg, sizeof msg, _("no policy \"%s\" in the plan"), text);
	cli_say_safe(msg);
	return -1;
}

/* --department NAME: one of the plan's departments, exactly. */
static bool report_department_arg(const struct plan *plan, const char *name, struct filter *f)
{
	const char **list = NULL;
	size_t n = 0;
	bool found = false;
	char msg[1024];

	if (plan_departments(plan, &list, &n) == 0)
		for (size_t d = 0; d < n && !found; d++)
			found = strcmp(list[d], name) == 0;
	free(list);
	if (found && filter_set_department(f, name))
		return true;
	snprintf(msg, sizeof msg, _("no department \"%s\" in the plan"), name);
	cli_say_safe(msg);
	return false;
}

/* The review date, the year, the policy and the filter of the report;
 * returns -1 when they are fine, else an exit status (after saying why). */
static int report_request_read(const struct plan *plan, const struct report_args *a,
                               struct report_request *req)
{
	enum grammar_result r;
	int date, status;

	report_request_default(plan, req);
	if (a->date && (r = grammar_review(plan, a->date, &req->review, &date)) != GRAMMAR_OK) {
		cli_refuse(r, plan, a->date, date);
		return r == GRAMMAR_NOT_DATE || r == GRAMMAR_EMPTY ? EXIT_USAGE : EXIT_INVALID;
	}
	if (a->year && (r = grammar_plan_year(plan, a->year, &req->year)) != GRAMMAR_OK) {
		cli_refuse(r, plan, a->year, req->year);
		return EXIT_INVALID;
	}
	if (a->policy && (req->policy = report_policy_arg(plan, a->policy)) < 0)
		return EXIT_INVALID;
	if (a->department && !report_department_arg(plan, a->department, &req->filter))
		return EXIT_INVALID;
	if (a->status) {
		if ((r = grammar_status(plan, a->status, &status)) != GRAMMAR_OK) {
			cli_refuse(r, plan, a->status, 0);
			return EXIT_INVALID;
		}
		req->filter.statuses = UINT32_C(1) << status;
		req->filter.year = a->year ? req->year : 0;   /* in that year, else in any */
	}
	return -1;
}

/* Write the report to standard output, or atomically into out. */
static int report_emit(const struct report *r, enum report_format f, const char *out)
{
	struct report_words w;
	struct file_error fe;
	char *buf = NULL, msg[8192];
	size_t len = 0;
	FILE *m;
	int e;

	describe_report_words(&w);
	if (!out) {
		if (report_write(r, f, &w, stdout) == 0)
			return EXIT_VALID;
		fprintf(stderr, _("%s: cannot write the report to standard output\n"), PACKAGE_NAME);
		return EXIT_USAGE;
	}
	if (!(m = open_memstream(&buf, &len)) || (e = report_write(r, f, &w, m)) | fclose(m)) {
		free(buf);
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
		return EXIT_USAGE;
	}
	e = export_write(out, buf, len, &fe);
	free(buf);
	if (e) {
		describe_file_error(&fe, msg, sizeof msg);
		cli_say_safe(msg);
		return EXIT_USAGE;
	}
	cli_print_safe(stdout, out);
	printf(_(": wrote the report (%s, %zu items)\n"), describe_report_format(f), r->n_items);
	return EXIT_VALID;
}

/* report FILE: the tables of a review date (see plandash(1)).  Reading is
 * for everyone, as with get and log. */
int cmd_report(int argc, char **argv, const struct cli *cli)
{
	struct report_args a;
	struct report_request req;
	struct report r;
	struct log_line *lines = NULL;
	struct file_error fe;
	enum report_format f;
	size_t n = 0;
	char msg[8192];
	int status = report_args_read(argc, argv, &a);

	(void)cli;
	if (status >= 0)
		return status;
	enum export_check c = a.out ? export_check(a.file, a.out) : EXPORT_OK;
	if (c != EXPORT_OK) {
		describe_export_check(c, a.out, msg, sizeof msg);
		cli_say_safe(msg);
		return EXIT_USAGE;
	}
	if ((status = report_format_pick(&a, &f)) >= 0)
		return status;
	if (a.year && !cli_year_arg(a.year))
		return EXIT_USAGE;
	struct plan *plan = cli_load(a.file, &status, NULL);
	if (!plan)
		return status;
	if ((status = report_request_read(plan, &a, &req)) >= 0) {
		plan_free(plan);
		return status;
	}
	if (changelog_load(a.file, report_history_since(plan, req.review), &lines, &n, &fe)) {
		describe_file_error(&fe, msg, sizeof msg);
		cli_say_safe(msg);
		plan_free(plan);
		return EXIT_USAGE;
	}
	if (report_build(&r, plan, &req, lines, n) != 0) {
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
		status = EXIT_USAGE;
	} else {
		status = report_emit(&r, f, a.out);
	}
	report_free(&r);
	changelog_free(lines, n);
	plan_free(plan);
	return status;
}
