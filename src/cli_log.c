/* cli_log.c - plandash log: the saved changes from FILE.history (see
 * cli.h). */
#include "config.h"

#include <string.h>

#include "cli.h"
#include "i18n.h"

/* The arguments of log: FILE, --since DATE, --utc. */
struct log_args {
	const char *path;
	time_t since;             /* 0: every line */
	bool utc;
};

/* Read log's arguments; returns -1 when they are fine, else an exit
 * status (after saying what is wrong).  A DATE is an instant: a date alone
 * is local midnight of that date in the reader's time zone (TZ), a time
 * without a zone is local, with a zone (Z, +09:00) it is that instant. */
static int log_args_read(int argc, char **argv, struct log_args *a)
{
	memset(a, 0, sizeof *a);
	for (int i = 2; i < argc; i++) {
		const char *s = argv[i], *date = NULL;
		if (strcmp(s, "--since") == 0) {
			if (i + 1 == argc)
				return cli_missing("log", CLI_SINCE_DATE);
			date = argv[++i];
		} else if (strncmp(s, "--since=", 8) == 0) {
			date = s + 8;
		} else if (strcmp(s, "--utc") == 0) {
			a->utc = true;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, _("%s: unknown option: "), PACKAGE_NAME);
			cli_print_safe(stderr, s);
			fputc('\n', stderr);
			return cli_usage_of("log");
		} else if (!a->path) {
			a->path = s;
		} else {
			return cli_too_many("log");
		}
		if (date && (!changelog_parse_time(date, true, &a->since) || a->since == 0)) {
			fprintf(stderr, _("%s: \"%s\" is not a date (YYYY-MM-DD, or "
			                  "YYYY-MM-DDTHH:MM[:SS] with an optional zone such as Z or "
			                  "+09:00)\n"), PACKAGE_NAME, date);
			return EXIT_USAGE;
		}
	}
	return a->path ? -1 : cli_missing("log", CLI_FILE);
}

/* log FILE: the history, oldest first, each time in the reader's time
 * zone (with --utc in UTC); a time that cannot be read as written. */
int cmd_log(int argc, char **argv, const struct cli *cli)
{
	struct log_args a;
	int bad = log_args_read(argc, argv, &a);
	(void)cli;
	if (bad >= 0)
		return bad;
	struct log_line *lines;
	size_t n;
	struct file_error fe;
	if (changelog_load(a.path, a.since, &lines, &n, &fe)) {
		char msg[8192];
		describe_file_error(&fe, msg, sizeof msg);
		fprintf(stderr, "%s: ", PACKAGE_NAME);
		cli_print_safe(stderr, msg);
		fputc('\n', stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < n; i++) {
		const struct log_line *l = &lines[i];
		char when[64];
		if (l->timed)
			changelog_format_time(l->when, a.utc, when, sizeof when);
		cli_print_safe(stdout, l->timed ? when : l->stamp);
		putchar('\t');
		cli_print_safe(stdout, l->user);
		putchar('\t');
		char year[16];
		field_year_format(l->field, l->year, year, sizeof year);
		cli_print_safe(stdout, *l->item_id || l->field != FIELD_REVIEW ? l->item_id : "-");
		printf("\t%s\t%s\t", year, field_name(l->field));
		cli_print_safe(stdout, l->old_value ? l->old_value : "-");
		printf(" -> ");
		cli_print_safe(stdout, l->new_value ? l->new_value : "-");
		putchar('\n');
	}
	changelog_free(lines, n);
	return EXIT_VALID;
}
