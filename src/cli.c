/* cli.c - what the commands share: reading the plan, refusing a word,
 * saving, the exit status (see cli.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

/* The usage line of one command, after a message saying what is wrong. */
int cli_usage_of(const char *command)
{
	if (strcmp(command, "get") == 0)
		fprintf(stderr, _("Usage: %s get FILE ITEM YEAR|DATE\n"), PACKAGE_NAME);
	else if (strcmp(command, "set") == 0)
		fprintf(stderr, _("Usage: %s set FILE ITEM YEAR STATUS [--note TEXT] [--plan TEXT] "
		                  "[--backup]\n"), PACKAGE_NAME);
	else if (strcmp(command, "log") == 0)
		fprintf(stderr, _("Usage: %s log FILE [--since DATE] [--utc]\n"), PACKAGE_NAME);
	else if (strcmp(command, "merge") == 0)
		fprintf(stderr, _("Usage: %s merge BASE OURS THEIRS\n"), PACKAGE_NAME);
	else if (strcmp(command, "rate") == 0)
		fprintf(stderr, _("Usage: %s rate FILE ITEM DATE RATING [--note TEXT] [--new-review] "
		                  "[--backup]\n"), PACKAGE_NAME);
	else if (strcmp(command, "report") == 0)
		fprintf(stderr, _("Usage: %s report FILE [--format md|csv|html|json] [--date DATE] "
		                  "[--year YEAR] [--policy N] [--department NAME] [--status STATUS] "
		                  "[-o OUT]\n"), PACKAGE_NAME);
	else
		fprintf(stderr, _("Usage: %s [OPTION]... FILE\n"), PACKAGE_NAME);
	fprintf(stderr, _("Try '%s --help' for more information.\n"), PACKAGE_NAME);
	return EXIT_USAGE;
}

/* "plandash: missing YEAR (...)" and the command's usage line. */
int cli_missing(const char *command, enum cli_arg arg)
{
	fprintf(stderr, "%s: %s\n", PACKAGE_NAME, describe_missing(arg));
	return cli_usage_of(command);
}

int cli_too_many(const char *command)
{
	fprintf(stderr, _("%s: too many arguments\n"), PACKAGE_NAME);
	return cli_usage_of(command);
}

/* Print a value from the file with control characters escaped, so that
 * nothing in the file can reach a terminal raw. */
void cli_print_safe(FILE *out, const char *s)
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

/* Does the file at path (plan: its text loaded, or NULL when it did not
 * load) hold conflict markers?  Then *fix is read from it (markers.h). */
static bool has_markers(const char *path, const struct plan *plan, struct markers_fix *fix)
{
	char *text;
	size_t len;
	if (plan) {
		if (!markers_present(plan->text, plan->text_len) ||
		    !(text = malloc(plan->text_len + 1)))
			return false;
		memcpy(text, plan->text, plan->text_len + 1);
		len = plan->text_len;
	} else if (file_read_all(path, LOAD_MAX_BYTES, &text, &len)) {
		return false;
	} else if (!markers_present(text, len)) {
		free(text);
		return false;
	}
	markers_fix_open(text, len, fix);
	return true;
}

/* "FILE:LINE: unresolved merge conflict: ..." for each conflict, and how
 * to settle them (or why they cannot be chosen). */
static void report_markers(const char *path, const struct markers_fix *fix)
{
	char msg[1024];
	size_t i = 0;
	for (size_t h = 0; h < fix->n_hunks; h++) {
		const struct marker_hunk *mh = &fix->hunks[h];
		bool named = false;
		for (; i < fix->n_conflicts && fix->lines[i] == mh->line; i++, named = true) {
			describe_conflict(&fix->conflicts[i], msg, sizeof msg);
			fprintf(stderr, _("%s:%u: unresolved merge conflict: "), path, mh->line);
			cli_print_safe(stderr, msg);
			fputc('\n', stderr);
		}
		if (!named)
			fprintf(stderr, _("%s:%u: unresolved merge conflict (lines %u-%u)\n"), path,
			        mh->line, mh->line, mh->last_line);
	}
	for (; i < fix->n_conflicts; i++) {   /* not placed in a hunk */
		describe_conflict(&fix->conflicts[i], msg, sizeof msg);
		fprintf(stderr, "%s: ", path);
		cli_print_safe(stderr, msg);
		fputc('\n', stderr);
	}
	if (fix->status != MARKERS_OK) {
		describe_markers(fix, path, msg, sizeof msg);
		fprintf(stderr, "%s: ", path);
		cli_print_safe(stderr, msg);
		fputc('\n', stderr);
		return;
	}
	fprintf(stderr, ngettext("%s: %zu unresolved merge conflict: open the file with %s to "
	                         "choose the values, or edit it by hand\n",
	                         "%s: %zu unresolved merge conflicts: open the file with %s to "
	                         "choose the values, or edit it by hand\n", fix->n_hunks),
	        path, fix->n_hunks, PACKAGE_NAME);
}

/* The plan at path, or NULL with the exit status in *status after saying
 * why.  A file with conflict markers is not a plan: its conflicts are
 * named; but with fix, when they are only values, *fix is filled for the
 * dashboard to offer them instead (NULL, status EXIT_VALID, fix->ours). */
struct plan *cli_load(const char *path, int *status, struct markers_fix *fix)
{
	struct load_error err;
	int io_error;
	struct markers_fix found;
	struct plan *plan = plan_load_file(path, &err, &io_error);
	if (fix)
		memset(fix, 0, sizeof *fix);
	if (!io_error && has_markers(path, plan, &found)) {
		plan_free(plan);
		if (fix && found.status == MARKERS_OK) {
			*fix = found;
			*status = EXIT_VALID;
			return NULL;
		}
		report_markers(path, &found);
		markers_fix_free(&found);
		*status = EXIT_INVALID;
		return NULL;
	}
	if (!plan) {
		char msg[1024];
		load_error_format(&err, path, msg, sizeof msg);
		fprintf(stderr, "%s\n", msg);
		*status = io_error ? EXIT_USAGE : EXIT_INVALID;
	}
	return plan;
}

/* What a user typed was refused: say why, in the grammar's words. */
void cli_refuse(enum grammar_result r, const struct plan *plan, const char *text, int year)
{
	char msg[512];
	describe_grammar(r, plan, text, year, msg, sizeof msg);
	fprintf(stderr, "%s: ", PACKAGE_NAME);
	cli_print_safe(stderr, msg);   /* holds what was typed */
	fputc('\n', stderr);
}

/* A YEAR argument in any form of the grammar (checked before the file is
 * read: a year that is no year at all is a usage error). */
int cli_year_arg(const char *text)
{
	int year = grammar_year(text);
	if (!year)
		cli_refuse(GRAMMAR_NOT_YEAR, NULL, text, 0);
	return year;
}

/* The entry that ITEM and YEAR name; NULL (and a message) when there is
 * none.  *item gets the item. */
const struct entry *cli_find_entry(const struct plan *plan, const char *item_text,
                                   const char *year_text, const struct item **item)
{
	int p, i, year;
	enum grammar_result r = grammar_item(plan, item_text, &p, &i);
	if (r != GRAMMAR_OK) {
		cli_refuse(r, plan, item_text, 0);
		return NULL;
	}
	*item = &plan->policies[p].items[i];
	r = grammar_plan_year(plan, year_text, &year);
	if (r != GRAMMAR_OK) {
		cli_refuse(r, plan, year_text, year);
		return NULL;
	}
	const struct entry *e = item_entry_for_year(*item, year);
	if (!e) {
		char y[96];
		describe_year(year, y, sizeof y);
		fprintf(stderr, _("%s: item %s has no entry for %s\n"), PACKAGE_NAME, (*item)->id, y);
	}
	return e;
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
	case SAVE_E_CHANGED:
	case SAVE_E_REFUSED:
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
	cli_print_safe(out, msg);
	fputc('\n', out);
	for (size_t i = 0; i < r->n_conflicts; i++) {
		const struct conflict *cf = &r->conflicts[i];
		char year[16];
		field_year_format(cf->field, cf->year, year, sizeof year);
		fprintf(stderr, "  %s%s%s %s: base \"", cf->item_id, *cf->item_id ? " " : "", year,
		        field_name(cf->field));
		cli_print_safe(stderr, cf->base);
		fprintf(stderr, "\", theirs \"");
		cli_print_safe(stderr, cf->theirs);
		fprintf(stderr, "\", ours \"");
		cli_print_safe(stderr, cf->ours);
		fprintf(stderr, "\"\n");
	}
}

/* Save set's edits and say what happened; returns the exit status. */
int cli_save(struct editor *ed, const char *path, const struct save_options *opt)
{
	struct save_report rep;
	enum save_status s = editor_save(ed, path, opt, &rep);
	print_save_outcome(&rep, s, path);
	int status = save_exit_status(&rep, s);
	save_report_free(&rep);
	return status;
}

/* May the command line change item?  Says why not (exit 1 then). */
bool cli_may_change(const struct cli *cli, const struct item *item)
{
	enum access_verdict v = access_check_item(cli->rights, item);
	char why[1024];

	if (cli->read_only) {
		fprintf(stderr, _("%s: read-only (-r): changes are turned off\n"), PACKAGE_NAME);
		return false;
	}
	if (v == ACCESS_ALLOWED)
		return true;
	describe_access_refusal(cli->rights, v, item, why, sizeof why);
	fprintf(stderr, "%s: ", PACKAGE_NAME);
	cli_print_safe(stderr, why);   /* holds names from the files */
	fputc('\n', stderr);
	return false;
}

/* An edit the plan refused: say why; the exit status. */
int cli_refuse_edit(enum edit_result r, const struct plan *plan, const char *id, int date,
                    enum field field, const char *value)
{
	char msg[512];
	if (r == EDIT_NO_MEMORY) {
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
		return EXIT_USAGE;
	}
	describe_edit(r, plan, id, date, field, value, msg, sizeof msg);
	fprintf(stderr, "%s: ", PACKAGE_NAME);
	cli_print_safe(stderr, msg);
	fputc('\n', stderr);
	return EXIT_INVALID;
}

/* "plandash: MESSAGE" where the message may hold what was typed. */
void cli_say_safe(const char *msg)
{
	fprintf(stderr, "%s: ", PACKAGE_NAME);
	cli_print_safe(stderr, msg);
	fputc('\n', stderr);
}
