/* cli_git.c - plandash merge: git's merge driver for a plan (see cli.h). */
#include "config.h"


#include "cli.h"
#include "i18n.h"

/* Write the merge's result into ours (git's %A) atomically, as git wants
 * it.  Returns 0 or an errno (said on stderr). */
static int write_merged(const char *ours, const struct mergefile_result *r)
{
	struct stat st;
	struct file_temp t;
	struct file_error fe;
	char msg[PATH_MAX + 1024];
	int e = stat(ours, &st) ? file_error_set(&fe, FILE_OP_READ, errno, ours) : 0;
	if (!e)
		e = file_temp_write(ours, r->text, r->len, &st, false, &t, &fe);
	if (!e)
		e = file_temp_commit(&t, false, &st, &fe, NULL);
	if (e) {
		describe_file_error(&fe, msg, sizeof msg);
		fprintf(stderr, "%s merge: ", PACKAGE_NAME);
		cli_print_safe(stderr, msg);
		fputc('\n', stderr);
	}
	return e;
}

/* What the merge did, on stderr (git shows it): how, and each conflict. */
static void report_merge(const struct mergefile_result *r, enum mergefile_status st)
{
	char msg[1024];
	describe_merge_way(r, msg, sizeof msg);
	fprintf(stderr, "%s merge: ", PACKAGE_NAME);
	cli_print_safe(stderr, msg);
	if (r->way != MERGEFILE_LINES)
		fprintf(stderr, ngettext("; %zu value taken", "; %zu values taken", r->taken),
		        r->taken);
	fputc('\n', stderr);
	for (size_t i = 0; i < r->n_conflicts; i++) {
		describe_conflict(&r->conflicts[i], msg, sizeof msg);
		fprintf(stderr, _("%s merge: line %u: conflict: "), PACKAGE_NAME, r->lines[i]);
		cli_print_safe(stderr, msg);
		fputc('\n', stderr);
	}
	if (r->hunks)
		fprintf(stderr, ngettext("%s merge: %zu conflict left between markers\n",
		                         "%s merge: %zu conflicts left between markers\n", r->hunks),
		        PACKAGE_NAME, r->hunks);
	else if (st == MERGEFILE_CLEAN && !r->loads)
		fprintf(stderr, _("%s merge: the merged file does not load as a plan; fix it by "
		                  "hand (%s --check shows where)\n"), PACKAGE_NAME, PACKAGE_NAME);
}

/* merge BASE OURS THEIRS: git's merge driver (see mergefile.h).  The
 * result goes to OURS; exit 0 when clean, 1 with conflict markers (or a
 * result that does not load), 2 when nothing could be merged. */
int cmd_merge(int argc, char **argv, const struct cli *cli)
{
	(void)cli;
	static const enum cli_arg need[] = { CLI_BASE, CLI_OURS, CLI_THEIRS };
	if (argc < 5)
		return cli_missing("merge", need[argc - 2]);
	if (argc > 5)
		return cli_too_many("merge");
	struct mergefile_result r;
	enum mergefile_status st = mergefile_run(argv[2], argv[3], argv[4], &r);
	int status = EXIT_USAGE;
	if (st == MERGEFILE_FAILED) {
		char msg[PATH_MAX + 1024];
		describe_merge_failure(&r, msg, sizeof msg);
		fprintf(stderr, "%s merge: ", PACKAGE_NAME);
		cli_print_safe(stderr, msg);
		fputc('\n', stderr);
	} else {
		report_merge(&r, st);
		if (write_merged(argv[3], &r) == 0)
			status = st == MERGEFILE_CLEAN && r.loads ? EXIT_VALID : EXIT_INVALID;
	}
	mergefile_result_free(&r);
	return status;
}
