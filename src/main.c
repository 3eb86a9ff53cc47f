/* main.c - command line: open the dashboard, or check a plan file.
 * The only place that prints errors and chooses the exit status. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "changelog.h"
#include "describe.h"
#include "edit.h"
#include "export.h"
#include "grammar.h"
#include "i18n.h"
#include "lint.h"
#include "load.h"
#include "markers.h"
#include "mergefile.h"
#include "vcs.h"
#include "lock.h"
#include "plan.h"
#include "review.h"
#include "report.h"
#include "report_write.h"
#include "save.h"
#include "shellwords.h"
#include "textcol.h"
#include "ui.h"

enum exit_status { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* What every command knows besides its words. */
struct cli {
	const struct access_rights *rights;   /* who runs it, what they may change */
	bool read_only;           /* a forced command line with -r */
	bool commit;              /* --commit: every save is a git commit */
	const struct vcs_author *author;   /* whom those commits name */
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... FILE\n"
	               "       %s get FILE ITEM YEAR|DATE\n"
	               "       %s set FILE ITEM YEAR STATUS [--note TEXT] [--plan TEXT] [--backup]\n"
	               "       %s log FILE [--since DATE] [--utc]\n"
	               "       %s merge BASE OURS THEIRS\n"
	               "       %s report FILE [--format md|csv|html|json] [--date DATE] [--year YEAR]\n"
	               "              [--policy N] [--department NAME] [--status STATUS] [-o OUT]\n"
	               "Browse and update a restructuring plan (plan.yaml) in the terminal.\n"
	               "\n"
	               "  -c, --check       validate FILE, print a summary and the consistency\n"
	               "                    warnings, and exit\n"
	               "  -s, --strict      like --check, but exit with 1 when there are warnings\n"
	               "  -r, --read-only   open FILE without allowing edits\n"
	               "  -b, --backup      keep the previous version as FILE~ when saving\n"
	               "      --commit      commit FILE alone to git after each save\n"
	               "      --lang=ja|en  the language of the screens and messages\n"
	               "                    (default: $PLANDASH_LANG, else the locale)\n"
	               "      --ambiwidth=1|2  columns of East Asian ambiguous characters\n"
	               "                    (○ ① ※ …) as the terminal draws them\n"
	               "                    (default: $PLANDASH_AMBIWIDTH, else 1)\n"
	               "  -h, --help        show this help and exit\n"
	               "  -V, --version     show the version and exit\n"
	               "\n"
	               "get prints one yearly entry, or with a DATE the item's rating at that\n"
	               "review; set changes an entry and saves at once; log prints the saved\n"
	               "changes (FILE.history), oldest first, in local time (--utc: in UTC);\n"
	               "merge is git's merge driver for plan files; report writes the tables of\n"
	               "a review (ratings, effects, statuses, changes) as Markdown on standard\n"
	               "output, or with -o into OUT, in the format its extension names (.md,\n"
	               ".csv for Excel, .html to print, .json).\n"
	               "A first argument of lower-case letters only is a command; to open\n"
	               "a file with such a name, write ./NAME.\n"
	               "ITEM is an item id (4-3) or serial number (27, No.27); YEAR is 2013,\n"
	               "FY2013, H25 or 平成25年度; STATUS is a key (done), label (完了),\n"
	               "letter (D) or number (3) of the file's statuses; DATE is a review date\n"
	               "(2016-03-31) or its label (平成28年3月末).\n"
	               "\n"
	               "Exit status: 0 on success, 1 if FILE is invalid or the change cannot be made,\n"
	               "2 on a usage or I/O error.\n"),
	        PACKAGE_NAME, PACKAGE_NAME, PACKAGE_NAME, PACKAGE_NAME, PACKAGE_NAME,
	        PACKAGE_NAME);
	fprintf(out, _("\n"
	               "       %s rate FILE ITEM DATE RATING [--note TEXT] [--new-review] [--backup]\n"
	               "rate sets (or adds) the item's rating at a review date and saves at once.\n"
	               "RATING is a key (A), label (予定どおり) or number (2) of the file's ratings;\n"
	               "a DATE that is not one of the file's review dates is refused, unless\n"
	               "--new-review adds it (after the last one, labelled in the file's style).\n"),
	        PACKAGE_NAME);
}

/* The usage line of one command, after a message saying what is wrong. */
static int usage_of(const char *command)
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
static int missing(const char *command, enum cli_arg arg)
{
	fprintf(stderr, "%s: %s\n", PACKAGE_NAME, describe_missing(arg));
	return usage_of(command);
}

static int too_many(const char *command)
{
	fprintf(stderr, _("%s: too many arguments\n"), PACKAGE_NAME);
	return usage_of(command);
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
			print_safe(stdout, status_name(&plan->statuses[s]));
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
		print_safe(stdout, plan->reviews[r].date);
		putchar(' ');
		print_safe(stdout, plan->reviews[r].label);
		printf(_(": %zu items rated ("), row[nl]);
		for (size_t l = 0; l < nl; l++) {
			printf("%s", l ? " " : "");
			print_safe(stdout, plan->rating_levels[l].key);
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
	print_counts(plan, &c);
	print_ratings(plan);
	print_effects(plan);
}

/* The consistency warnings, after the summary (on standard error, as
 * compilers print theirs).  Returns how many there were, or -1 when
 * memory ran out. */
static long print_warnings(const struct plan *plan, const char *path)
{
	struct lint_list list = { 0 };
	bool ok = lint_plan(plan, &list);
	char msg[1024];
	printf(_("warnings: %zu\n"), list.n);
	fflush(stdout);
	for (size_t i = 0; i < list.n; i++) {
		lint_warning_format(plan, &list.w[i], path, msg, sizeof msg);
		print_safe(stderr, msg);   /* holds labels from the file */
		fputc('\n', stderr);
	}
	long n = ok ? (long)list.n : -1;
	if (!ok)
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
	lint_list_free(&list);
	return n;
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
			print_safe(stderr, msg);
			fputc('\n', stderr);
		}
		if (!named)
			fprintf(stderr, _("%s:%u: unresolved merge conflict (lines %u-%u)\n"), path,
			        mh->line, mh->line, mh->last_line);
	}
	for (; i < fix->n_conflicts; i++) {   /* not placed in a hunk */
		describe_conflict(&fix->conflicts[i], msg, sizeof msg);
		fprintf(stderr, "%s: ", path);
		print_safe(stderr, msg);
		fputc('\n', stderr);
	}
	if (fix->status != MARKERS_OK) {
		describe_markers(fix, path, msg, sizeof msg);
		fprintf(stderr, "%s: ", path);
		print_safe(stderr, msg);
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
static struct plan *load_or_report(const char *path, int *status, struct markers_fix *fix)
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
static void refuse(enum grammar_result r, const struct plan *plan, const char *text, int year)
{
	char msg[512];
	describe_grammar(r, plan, text, year, msg, sizeof msg);
	fprintf(stderr, "%s: ", PACKAGE_NAME);
	print_safe(stderr, msg);   /* holds what was typed */
	fputc('\n', stderr);
}

/* A YEAR argument in any form of the grammar (checked before the file is
 * read: a year that is no year at all is a usage error). */
static int year_arg(const char *text)
{
	int year = grammar_year(text);
	if (!year)
		refuse(GRAMMAR_NOT_YEAR, NULL, text, 0);
	return year;
}

/* The entry that ITEM and YEAR name; NULL (and a message) when there is
 * none.  *item gets the item. */
static const struct entry *find_entry(const struct plan *plan, const char *item_text,
                                      const char *year_text, const struct item **item)
{
	int p, i, year;
	enum grammar_result r = grammar_item(plan, item_text, &p, &i);
	if (r != GRAMMAR_OK) {
		refuse(r, plan, item_text, 0);
		return NULL;
	}
	*item = &plan->policies[p].items[i];
	r = grammar_plan_year(plan, year_text, &year);
	if (r != GRAMMAR_OK) {
		refuse(r, plan, year_text, year);
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

/* One line of get.  For scripts, "key: value", the same in every locale
 * but Japanese; under a Japanese interface, the word and what people read
 * ("状況: 完了 (done)"): shown (NULL: the value) with the value after it in
 * brackets when they differ.  word NULL: a line for scripts only. */
static void get_line(const char *key, const char *word, const char *value, const char *shown)
{
	bool ja = i18n_is_japanese() && word;
	fputs(ja ? word : key, stdout);
	fputs(": ", stdout);
	print_safe(stdout, ja && shown ? shown : value);
	if (ja && shown && strcmp(shown, value) != 0) {
		fputs(" (", stdout);
		print_safe(stdout, value);
		fputc(')', stdout);
	}
	fputc('\n', stdout);
}

/* get FILE ITEM DATE: the item's rating at a review date, in a form for
 * scripts, the same in every locale ("rating: KEY", "date: YYYY-MM-DD",
 * "review: LABEL", "note: TEXT"; see plandash(1)). */
static int get_rating(const struct plan *plan, const char *item_text, const char *date_text)
{
	int p, i, review, date;
	enum grammar_result r = grammar_review(plan, date_text, &review, &date);
	if (r != GRAMMAR_OK) {
		r = r == GRAMMAR_NOT_DATE ? GRAMMAR_NOT_YEAR_OR_DATE : r;
		refuse(r, plan, date_text, date);
		return r == GRAMMAR_NOT_YEAR_OR_DATE ? EXIT_USAGE : EXIT_INVALID;
	}
	r = grammar_item(plan, item_text, &p, &i);
	if (r != GRAMMAR_OK) {
		refuse(r, plan, item_text, 0);
		return EXIT_INVALID;
	}
	const struct item *it = &plan->policies[p].items[i];
	const struct rating *rt = item_rating_at(it, review);
	if (!rt) {
		char msg[512];
		describe_not_rated(plan, it, review, msg, sizeof msg);
		fprintf(stderr, "%s: ", PACKAGE_NAME);
		print_safe(stderr, msg);
		fputc('\n', stderr);
		return EXIT_INVALID;
	}
	const struct rating_level *lv = &plan->rating_levels[rt->level];
	char shown[512];
	snprintf(shown, sizeof shown, "%s %s", lv->key, lv->label);
	get_line("rating", _("Rating"), lv->key, shown);
	get_line("date", _("Date"), plan->reviews[review].date, plan->reviews[review].label);
	if (!i18n_is_japanese())
		get_line("review", NULL, plan->reviews[review].label, NULL);
	if (rt->note)
		get_line("note", _("Note"), rt->note, NULL);
	return EXIT_VALID;
}

/* get FILE ITEM YEAR: the entry, in a form for scripts ("status: KEY",
 * "plan: TEXT", "note: TEXT"; see plandash(1)), or under a Japanese
 * interface for people (get_line).
 * With a review date instead of a year, the item's rating (get_rating). */
static int cmd_get(int argc, char **argv, const struct cli *cli)
{
	(void)cli;                /* reading is for everyone */
	static const enum cli_arg need[] = { CLI_FILE, CLI_ITEM, CLI_YEAR };
	if (argc < 5)
		return missing("get", need[argc - 2]);
	if (argc > 5)
		return too_many("get");
	int status = EXIT_VALID;
	struct plan *plan = load_or_report(argv[2], &status, NULL);
	if (!plan)
		return status;
	if (!grammar_year(argv[4])) {   /* a review date, or nothing we know */
		status = get_rating(plan, argv[3], argv[4]);
		plan_free(plan);
		return status;
	}
	const struct item *it;
	const struct entry *e = find_entry(plan, argv[3], argv[4], &it);
	if (!e) {
		plan_free(plan);
		return EXIT_INVALID;
	}
	get_line("status", _("Status"), plan->statuses[e->status].key,
	         plan->statuses[e->status].label);
	get_line("plan", _("Plan"), e->plan, NULL);
	if (e->note)
		get_line("note", _("Note"), e->note, NULL);
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
	print_safe(out, msg);
	fputc('\n', out);
	for (size_t i = 0; i < r->n_conflicts; i++) {
		const struct conflict *cf = &r->conflicts[i];
		char year[16];
		field_year_format(cf->field, cf->year, year, sizeof year);
		fprintf(stderr, "  %s%s%s %s: base \"", cf->item_id, *cf->item_id ? " " : "", year,
		        field_name(cf->field));
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

/* The arguments of set: four words and the options, in any order. */
struct set_args {
	const char *pos[4];       /* FILE ITEM YEAR STATUS */
	int npos;
	const char *note, *plan_text;
	bool backup;
};

/* Read set's arguments; returns -1 when they are fine, else an exit status
 * (after saying what is wrong). */
static int set_args_read(int argc, char **argv, struct set_args *a)
{
	static const enum cli_arg need[] = { CLI_FILE, CLI_ITEM, CLI_YEAR, CLI_STATUS };
	memset(a, 0, sizeof *a);
	for (int i = 2; i < argc; i++) {
		const char *s = argv[i];
		bool note = strcmp(s, "--note") == 0 || strcmp(s, "-n") == 0;
		bool plan = strcmp(s, "--plan") == 0 || strcmp(s, "-p") == 0;
		if (note || plan) {
			if (i + 1 == argc)
				return missing("set", note ? CLI_NOTE_TEXT : CLI_PLAN_TEXT);
			*(note ? &a->note : &a->plan_text) = argv[++i];
		} else if (strncmp(s, "--note=", 7) == 0) {
			a->note = s + 7;
		} else if (strncmp(s, "--plan=", 7) == 0) {
			a->plan_text = s + 7;
		} else if (strcmp(s, "--backup") == 0 || strcmp(s, "-b") == 0) {
			a->backup = true;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, _("%s: unknown option: "), PACKAGE_NAME);
			print_safe(stderr, s);
			fputc('\n', stderr);
			return usage_of("set");
		} else if (a->npos == 4) {
			return too_many("set");
		} else {
			a->pos[a->npos++] = s;
		}
	}
	return a->npos < 4 ? missing("set", need[a->npos]) : -1;
}

/* May the command line change item?  Says why not (exit 1 then). */
static bool cli_may_change(const struct cli *cli, const struct item *item)
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
	print_safe(stderr, why);   /* holds names from the files */
	fputc('\n', stderr);
	return false;
}

/* Set's fields in the editor: an exit status when that fails, else -1. */
static int set_fields(struct editor *ed, const char *id, int year, const char *status_key,
                      const struct set_args *a)
{
	enum edit_result r = editor_set(ed, id, year, FIELD_STATUS, status_key);
	if (r == EDIT_BAD_STATUS) {
		fprintf(stderr, _("%s: unknown status \"%s\" (expected one of:"), PACKAGE_NAME,
		        status_key);
		for (size_t s = 0; s < ed->plan->n_statuses; s++)
			fprintf(stderr, "%s %s", s ? "," : "", ed->plan->statuses[s].key);
		fprintf(stderr, ")\n");
		return EXIT_INVALID;
	}
	if (r == EDIT_OK || r == EDIT_UNCHANGED)
		r = a->plan_text ? editor_set(ed, id, year, FIELD_PLAN, a->plan_text) : EDIT_OK;
	if (r == EDIT_OK || r == EDIT_UNCHANGED)
		r = a->note ? editor_set(ed, id, year, FIELD_NOTE, a->note) : EDIT_OK;
	if (r == EDIT_REFUSED) {  /* cli_may_change said yes: not expected */
		fprintf(stderr, _("%s: the access rules refuse this change\n"), PACKAGE_NAME);
		return EXIT_INVALID;
	}
	if (r != EDIT_OK && r != EDIT_UNCHANGED) {
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
		return EXIT_USAGE;
	}
	return -1;
}

static int cmd_set(int argc, char **argv, const struct cli *cli)
{
	struct set_args a;
	int bad = set_args_read(argc, argv, &a);
	if (bad >= 0)
		return bad;
	struct save_options opt = { .backup = a.backup, .commit = cli->commit, .author = cli->author,
	                            .message = describe_commit_message };
	const char *path = a.pos[0];
	if (!year_arg(a.pos[2]))
		return EXIT_USAGE;
	int status = EXIT_VALID;
	struct plan *plan = load_or_report(path, &status, NULL);
	if (!plan)
		return status;
	const struct item *item;
	int st;
	enum grammar_result gr = GRAMMAR_OK;
	const struct entry *found = find_entry(plan, a.pos[1], a.pos[2], &item);
	if (found)
		gr = grammar_status(plan, a.pos[3], &st);
	if (!found || gr != GRAMMAR_OK || !cli_may_change(cli, item)) {
		if (found && gr != GRAMMAR_OK)
			refuse(gr, plan, a.pos[3], 0);
		plan_free(plan);
		return EXIT_INVALID;
	}
	const char *id = item->id, *status_key = plan->statuses[st].key;
	int year = found->year;
	struct editor ed;
	editor_init(&ed, plan);
	editor_set_gate(&ed, access_gate, cli->rights);
	status = set_fields(&ed, id, year, status_key, &a);
	if (status < 0)
		status = save_and_report(&ed, path, &opt);
	editor_free(&ed);
	return status;
}

/* ---- rate FILE ITEM DATE RATING ----------------------------------------- */

/* The arguments of rate: four words and the options, in any order. */
struct rate_args {
	const char *pos[4];       /* FILE ITEM DATE RATING */
	int npos;
	const char *note;
	bool new_review, backup;
};

/* Read rate's arguments; returns -1 when they are fine, else an exit
 * status (after saying what is wrong). */
static int rate_args_read(int argc, char **argv, struct rate_args *a)
{
	static const enum cli_arg need[] = { CLI_FILE, CLI_ITEM, CLI_DATE, CLI_RATING };
	memset(a, 0, sizeof *a);
	for (int i = 2; i < argc; i++) {
		const char *s = argv[i];
		if (strcmp(s, "--note") == 0 || strcmp(s, "-n") == 0) {
			if (i + 1 == argc)
				return missing("rate", CLI_NOTE_TEXT);
			a->note = argv[++i];
		} else if (strncmp(s, "--note=", 7) == 0) {
			a->note = s + 7;
		} else if (strcmp(s, "--new-review") == 0) {
			a->new_review = true;
		} else if (strcmp(s, "--backup") == 0 || strcmp(s, "-b") == 0) {
			a->backup = true;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, _("%s: unknown option: "), PACKAGE_NAME);
			print_safe(stderr, s);
			fputc('\n', stderr);
			return usage_of("rate");
		} else if (a->npos == 4) {
			return too_many("rate");
		} else {
			a->pos[a->npos++] = s;
		}
	}
	return a->npos < 4 ? missing("rate", need[a->npos]) : -1;
}

/* An edit the plan refused: say why; the exit status. */
static int refuse_edit(enum edit_result r, const struct plan *plan, const char *id, int date,
                       enum field field, const char *value)
{
	char msg[512];
	if (r == EDIT_NO_MEMORY) {
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
		return EXIT_USAGE;
	}
	describe_edit(r, plan, id, date, field, value, msg, sizeof msg);
	fprintf(stderr, "%s: ", PACKAGE_NAME);
	print_safe(stderr, msg);
	fputc('\n', stderr);
	return EXIT_INVALID;
}

/* The review date DATE names: *date (YYYYMMDD) and whether it must be
 * added.  Returns -1 when it is fine, else an exit status. */
static int rate_date(const struct plan *plan, const struct rate_args *a, int *date, bool *add)
{
	int review;
	enum grammar_result r = grammar_review(plan, a->pos[2], &review, date);
	*add = r == GRAMMAR_DATE_NOT_REVIEW && a->new_review;
	if (r == GRAMMAR_OK) {
		*date = plan->reviews[review].ymd;
		return -1;
	}
	if (*add)
		return -1;
	refuse(r, plan, a->pos[2], *date);
	if (r == GRAMMAR_DATE_NOT_REVIEW) {
		int next = review_next_date(plan);
		fprintf(stderr, _("%s: to add it as a new review date, give --new-review (the next "
		                  "half-yearly review date is %04d-%02d-%02d)\n"), PACKAGE_NAME,
		        next / 10000, next / 100 % 100, next % 100);
	}
	return r == GRAMMAR_DATE_NOT_REVIEW ? EXIT_INVALID : EXIT_USAGE;
}

/* Make rate's edits: the review date (with --new-review), the rating, the
 * note.  Returns -1 when they are made, else an exit status. */
static int rate_edit(struct editor *ed, const char *id, int date, bool add, int level,
                     const char *note)
{
	char label[64];
	enum edit_result r = EDIT_OK;
	if (add) {
		review_label(ed->plan, date, label, sizeof label);
		r = editor_add_review(ed, date, label);
		if (r != EDIT_OK && r != EDIT_UNCHANGED)
			return refuse_edit(r, ed->plan, "", date, FIELD_REVIEW, label);
	}
	const char *key = ed->plan->rating_levels[level].key;
	r = editor_set_rating(ed, id, date, key);
	if (r != EDIT_OK && r != EDIT_UNCHANGED)
		return refuse_edit(r, ed->plan, id, date, FIELD_RATING, key);
	r = note ? editor_set_rating_note(ed, id, date, note) : EDIT_OK;
	if (r != EDIT_OK && r != EDIT_UNCHANGED)
		return refuse_edit(r, ed->plan, id, date, FIELD_RATING_NOTE, note);
	return -1;
}

/* What rate's ITEM, DATE and RATING name in plan.  Returns -1 when they
 * name an item, a review date (or one --new-review adds) and a rating,
 * else an exit status (after saying what is wrong). */
static int rate_resolve(const struct plan *plan, const struct rate_args *a, const char **id,
                        int *date, bool *add, int *level)
{
	int p, i, bad;
	enum grammar_result r = grammar_item(plan, a->pos[1], &p, &i);
	if (r != GRAMMAR_OK) {
		refuse(r, plan, a->pos[1], 0);
		return EXIT_INVALID;
	}
	*id = plan->policies[p].items[i].id;
	if ((bad = rate_date(plan, a, date, add)) >= 0)
		return bad;
	r = grammar_rating(plan, a->pos[3], level);
	if (r != GRAMMAR_OK) {
		refuse(r, plan, a->pos[3], 0);
		return EXIT_INVALID;
	}
	return -1;
}

/* rate FILE ITEM DATE RATING: set (or add) the item's rating at a review
 * date and save, through the same save path as set. */
static int cmd_rate(int argc, char **argv, const struct cli *cli)
{
	struct rate_args a;
	const char *found;
	int status = rate_args_read(argc, argv, &a), level, date;
	bool add;
	if (status >= 0)
		return status;
	struct save_options opt = { .backup = a.backup, .commit = cli->commit,
	                            .author = cli->author, .message = describe_commit_message };
	struct plan *plan = load_or_report(a.pos[0], &status, NULL);
	if (!plan)
		return status;
	if ((status = rate_resolve(plan, &a, &found, &date, &add, &level)) >= 0 ||
	    (status = cli_may_change(cli, plan_find_item(plan, found)) ? -1 : EXIT_INVALID) >= 0) {
		plan_free(plan);
		return status;
	}
	char *id = strdup(found);   /* the plan is replaced by the save */
	struct editor ed;
	editor_init(&ed, plan);
	editor_set_gate(&ed, access_gate, cli->rights);
	status = id ? rate_edit(&ed, id, date, add, level, a.note) : EXIT_USAGE;
	if (status < 0)
		status = save_and_report(&ed, a.pos[0], &opt);
	free(id);
	editor_free(&ed);
	return status;
}

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
				return missing("log", CLI_SINCE_DATE);
			date = argv[++i];
		} else if (strncmp(s, "--since=", 8) == 0) {
			date = s + 8;
		} else if (strcmp(s, "--utc") == 0) {
			a->utc = true;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, _("%s: unknown option: "), PACKAGE_NAME);
			print_safe(stderr, s);
			fputc('\n', stderr);
			return usage_of("log");
		} else if (!a->path) {
			a->path = s;
		} else {
			return too_many("log");
		}
		if (date && (!changelog_parse_time(date, true, &a->since) || a->since == 0)) {
			fprintf(stderr, _("%s: \"%s\" is not a date (YYYY-MM-DD, or "
			                  "YYYY-MM-DDTHH:MM[:SS] with an optional zone such as Z or "
			                  "+09:00)\n"), PACKAGE_NAME, date);
			return EXIT_USAGE;
		}
	}
	return a->path ? -1 : missing("log", CLI_FILE);
}

/* log FILE: the history, oldest first, each time in the reader's time
 * zone (with --utc in UTC); a time that cannot be read as written. */
static int cmd_log(int argc, char **argv, const struct cli *cli)
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
		print_safe(stderr, msg);
		fputc('\n', stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < n; i++) {
		const struct log_line *l = &lines[i];
		char when[64];
		if (l->timed)
			changelog_format_time(l->when, a.utc, when, sizeof when);
		print_safe(stdout, l->timed ? when : l->stamp);
		putchar('\t');
		print_safe(stdout, l->user);
		putchar('\t');
		char year[16];
		field_year_format(l->field, l->year, year, sizeof year);
		print_safe(stdout, *l->item_id || l->field != FIELD_REVIEW ? l->item_id : "-");
		printf("\t%s\t%s\t", year, field_name(l->field));
		print_safe(stdout, l->old_value ? l->old_value : "-");
		printf(" -> ");
		print_safe(stdout, l->new_value ? l->new_value : "-");
		putchar('\n');
	}
	changelog_free(lines, n);
	return EXIT_VALID;
}

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
				return usage_of("report");
			}
		}
		if (taken)
			continue;
		if (!dashdash && strcmp(argv[i], "--") == 0) {
			dashdash = true;
		} else if (!dashdash && argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, _("%s: unknown option: "), PACKAGE_NAME);
			print_safe(stderr, argv[i]);
			fputc('\n', stderr);
			return usage_of("report");
		} else if (a->file) {
			return too_many("report");
		} else {
			a->file = argv[i];
		}
	}
	return a->file ? -1 : missing("report", CLI_FILE);
}

/* "plandash: MESSAGE" where the message may hold what was typed. */
static void say_safe(const char *msg)
{
	fprintf(stderr, "%s: ", PACKAGE_NAME);
	print_safe(stderr, msg);
	fputc('\n', stderr);
}

/* The format: --format, else the extension of -o, else Markdown. */
static int report_format_pick(const struct report_args *a, enum report_format *f)
{
	char msg[1024];

	*f = REPORT_MARKDOWN;
	if (a->format && !report_format_parse(a->format, f)) {
		snprintf(msg, sizeof msg, _("unknown report format \"%s\" (use md, csv, html or json)"),
		         a->format);
		say_safe(msg);
		return EXIT_USAGE;
	}
	if (!a->format && a->out && !report_format_of_path(a->out, f)) {
		snprintf(msg, sizeof msg, _("cannot tell the format of \"%s\" from its name: end it in "
		                            ".md, .csv, .html or .json, or add --format"), a->out);
		say_safe(msg);
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
	say_safe(msg);
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
	say_safe(msg);
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
		refuse(r, plan, a->date, date);
		return r == GRAMMAR_NOT_DATE || r == GRAMMAR_EMPTY ? EXIT_USAGE : EXIT_INVALID;
	}
	if (a->year && (r = grammar_plan_year(plan, a->year, &req->year)) != GRAMMAR_OK) {
		refuse(r, plan, a->year, req->year);
		return EXIT_INVALID;
	}
	if (a->policy && (req->policy = report_policy_arg(plan, a->policy)) < 0)
		return EXIT_INVALID;
	if (a->department && !report_department_arg(plan, a->department, &req->filter))
		return EXIT_INVALID;
	if (a->status) {
		if ((r = grammar_status(plan, a->status, &status)) != GRAMMAR_OK) {
			refuse(r, plan, a->status, 0);
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
		say_safe(msg);
		return EXIT_USAGE;
	}
	print_safe(stdout, out);
	printf(_(": wrote the report (%s, %zu items)\n"), describe_report_format(f), r->n_items);
	return EXIT_VALID;
}

/* report FILE: the tables of a review date (see plandash(1)).  Reading is
 * for everyone, as with get and log. */
static int cmd_report(int argc, char **argv, const struct cli *cli)
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
		say_safe(msg);
		return EXIT_USAGE;
	}
	if ((status = report_format_pick(&a, &f)) >= 0)
		return status;
	if (a.year && !year_arg(a.year))
		return EXIT_USAGE;
	struct plan *plan = load_or_report(a.file, &status, NULL);
	if (!plan)
		return status;
	if ((status = report_request_read(plan, &a, &req)) >= 0) {
		plan_free(plan);
		return status;
	}
	if (changelog_load(a.file, report_history_since(plan, req.review), &lines, &n, &fe)) {
		describe_file_error(&fe, msg, sizeof msg);
		say_safe(msg);
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
		print_safe(stderr, msg);
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
	print_safe(stderr, msg);
	if (r->way != MERGEFILE_LINES)
		fprintf(stderr, ngettext("; %zu value taken", "; %zu values taken", r->taken),
		        r->taken);
	fputc('\n', stderr);
	for (size_t i = 0; i < r->n_conflicts; i++) {
		describe_conflict(&r->conflicts[i], msg, sizeof msg);
		fprintf(stderr, _("%s merge: line %u: conflict: "), PACKAGE_NAME, r->lines[i]);
		print_safe(stderr, msg);
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
static int cmd_merge(int argc, char **argv, const struct cli *cli)
{
	(void)cli;
	static const enum cli_arg need[] = { CLI_BASE, CLI_OURS, CLI_THEIRS };
	if (argc < 5)
		return missing("merge", need[argc - 2]);
	if (argc > 5)
		return too_many("merge");
	struct mergefile_result r;
	enum mergefile_status st = mergefile_run(argv[2], argv[3], argv[4], &r);
	int status = EXIT_USAGE;
	if (st == MERGEFILE_FAILED) {
		char msg[PATH_MAX + 1024];
		describe_merge_failure(&r, msg, sizeof msg);
		fprintf(stderr, "%s merge: ", PACKAGE_NAME);
		print_safe(stderr, msg);
		fputc('\n', stderr);
	} else {
		report_merge(&r, st);
		if (write_merged(argv[3], &r) == 0)
			status = st == MERGEFILE_CLEAN && r.loads ? EXIT_VALID : EXIT_INVALID;
	}
	mergefile_result_free(&r);
	return status;
}

/* The rule that tells a command from a file: a first argument made only of
 * lower-case ASCII letters is a command (get, set, log, merge, report);
 * anything else (a dot, a slash, a digit, an upper-case or non-ASCII
 * letter: plan.yaml, ./get, 計画) names a file.  So a file is never taken
 * for a command, and a mistyped command is reported rather than opened as
 * a file. */
static bool is_command_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < 'a' || *s > 'z')
			return false;
	return true;
}

/* The commands: on the command line, and the words a forced command may
 * run (SSH_ORIGINAL_COMMAND).  A command without a function is not in
 * this version: it is refused by name until it exists. */
typedef int command_fn(int argc, char **argv, const struct cli *cli);

static const struct command {
	const char *name;
	command_fn *run;          /* NULL: not available yet */
	const char *const *options;   /* the options a forced command may give it:
	                                 those taking a value */
	const char *const *flags;     /* ... and those without one */
	bool local;               /* on the command line only, never forced */
} commands[] = {
	{ "get", cmd_get, NULL, NULL, false },
	{ "set", cmd_set, (const char *const[]){ "--note", "-n", "--plan", "-p", NULL }, NULL,
	  false },
	{ "log", cmd_log, (const char *const[]){ "--since", NULL },
	  (const char *const[]){ "--utc", NULL }, false },
	{ "rate", cmd_rate, (const char *const[]){ "--note", "-n", NULL },
	  (const char *const[]){ "--new-review", NULL }, false },
	/* forced, a report goes to standard output only: no -o on the server */
	{ "report", cmd_report,
	  (const char *const[]){ "--format", "--date", "--year", "--policy", "--department",
	                         "--status", NULL }, NULL, false },
	{ "merge", cmd_merge, NULL, NULL, true },
};

static const struct command *command_named(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* "get, set and log": the commands this version has. */
static void available_commands(char *buf, size_t size, bool forced)
{
	size_t used = 0;
	int n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (commands[i].run && !(forced && commands[i].local) && used < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", n++ ? ", " : "",
			                         commands[i].name);
}

static int not_available(const char *name)
{
	char list[128];

	available_commands(list, sizeof list, false);
	fprintf(stderr, _("%s: the command %s is not available in this version of plandash "
	                  "(the commands are: %s)\n"), PACKAGE_NAME, name, list);
	return EXIT_USAGE;
}

static int run_command(int argc, char **argv, const struct cli *cli)
{
	const char *cmd = argv[1];
	const struct command *c = command_named(cmd);
	char list[128];

	if (c && c->run)
		return c->run(argc, argv, cli);
	if (c)
		return not_available(cmd);
	available_commands(list, sizeof list, false);
	fprintf(stderr, _("%s: unknown command: %s (the commands are: %s; "
	                  "to open a file named %s, write ./%s)\n"), PACKAGE_NAME, cmd, list, cmd, cmd);
	return usage_of("");
}

/* The UI language and the width of ambiguous characters: the option,
 * else the environment, else the user's settings in the access file
 * (user: NULL when none), else the locale.  Returns an exit status. */
static int apply_display_options(const char *lang_opt, const char *ambi_opt,
                                 const struct access_user *user)
{
	enum i18n_lang lang;
	int width;
	const char *bad = i18n_pick_lang(lang_opt, user ? user->lang : NULL, &lang);

	i18n_set_lang(lang);
	if (bad) {
		fprintf(stderr, _("%s: unknown language \"%s\" in --lang or PLANDASH_LANG "
		                  "(use ja or en)\n"), PACKAGE_NAME, bad);
		return EXIT_USAGE;
	}
	bad = textcol_pick_ambiwidth(ambi_opt, user ? user->ambiwidth : NULL, &width);
	textcol_set_ambiwidth(width);
	if (bad) {
		fprintf(stderr, _("%s: \"%s\" in --ambiwidth or PLANDASH_AMBIWIDTH is not 1 or 2\n"),
		        PACKAGE_NAME, bad);
		return EXIT_USAGE;
	}
	return EXIT_VALID;
}

/* Options that hold for every command and may stand anywhere on the
 * command line (before a "--"): they are taken out of argv here, so the
 * commands never see them.  In a forced command's words only the display
 * options are taken (who runs it and with which rules is the forced
 * command line's to say).  Returns false (after saying why) on a value
 * missing. */
struct global_options {
	const char *lang, *ambiwidth;
	const char *access, *as;  /* --access FILE, --as NAME */
	bool commit;              /* --commit */
};

static bool take_global_options(int *argc, char **argv, struct global_options *g, bool forced)
{
	static const struct { const char *name; size_t off; } known[] = {
		{ "--lang", offsetof(struct global_options, lang) },
		{ "--ambiwidth", offsetof(struct global_options, ambiwidth) },
		{ "--access", offsetof(struct global_options, access) },
		{ "--as", offsetof(struct global_options, as) },
	};
	size_t n_known = forced ? 2 : sizeof known / sizeof known[0];
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		bool taken = false;

		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!forced && strcmp(argv[i], "--commit") == 0) {
			g->commit = true;
			continue;
		}
		for (size_t k = 0; k < n_known && !taken; k++) {
			size_t len = strlen(known[k].name);
			const char **slot = (const char **)((char *)g + known[k].off);

			if (strncmp(argv[i], known[k].name, len) != 0)
				continue;
			if (argv[i][len] == '=') {
				*slot = argv[i] + len + 1;
				taken = true;
			} else if (!argv[i][len]) {
				if (i + 1 >= *argc) {
					fprintf(stderr, _("%s: %s needs a value\n"), PACKAGE_NAME, known[k].name);
					return false;
				}
				*slot = argv[++i];
				taken = true;
			}
		}
		if (!taken)
			argv[out++] = argv[i];
	}
	*argc = out;
	argv[out] = NULL;
	return true;
}

/* The dashboard on path; a file a merge left with conflicts in values
 * opens with them to choose first (markers.h). */
static int open_dashboard(const char *path, struct ui_options *opts)
{
	int status = EXIT_VALID;
	struct markers_fix fix = { 0 };
	struct plan *plan = load_or_report(path, &status, opts->read_only ? NULL : &fix);
	if (!plan && fix.ours) {
		struct load_error err;
		/* the editor's own copy of ours; the picker keeps fix */
		plan = plan_load_buffer(fix.ours->text, fix.ours->text_len, &err);
		opts->fix = &fix;
		if (!plan) {
			fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
			status = EXIT_USAGE;
		}
	}
	if (plan) {
		char msg[512] = "";
		struct editor ed;
		editor_init(&ed, plan);
		status = ui_run(&ed, path, opts, msg, sizeof msg);
		if (status != 0 && *msg)
			fprintf(stderr, "%s: %s\n", PACKAGE_NAME, msg);
		editor_free(&ed);
	}
	markers_fix_free(&fix);
	return status;
}

/* ---- who runs plandash, and with which rules */

/* The identity (--as only with --access) and the access file's rules.
 * Returns an exit status; *acc (NULL without --access) is the caller's. */
static int take_identity(const struct global_options *g, struct access **acc,
                         struct access_rights *rights)
{
	struct access_error err;
	char msg[2048];

	*acc = NULL;
	if (g->as && !g->access) {
		fprintf(stderr, _("%s: --as is allowed only together with --access\n"), PACKAGE_NAME);
		return EXIT_USAGE;
	}
	if (g->as && !access_name_valid(g->as)) {
		fprintf(stderr, _("%s: --as: \"%s\" is not a login name (letters, digits, . _ - "
		                  "and @)\n"), PACKAGE_NAME, g->as);
		return EXIT_USAGE;
	}
	if (g->access && !(*acc = access_load_file(g->access, &err))) {
		describe_access_error(&err, g->access, msg, sizeof msg);
		fprintf(stderr, "%s: ", PACKAGE_NAME);
		print_safe(stderr, msg);
		fputc('\n', stderr);
		return EXIT_USAGE;
	}
	if (g->as)
		lock_set_user(g->as);     /* the history and the lock name this user */
	access_rights_for(*acc, lock_user(), rights);
	return EXIT_VALID;
}

/* ---- forced commands (SSH_ORIGINAL_COMMAND) */

static bool listed(const char *const *list, const char *word, size_t len)
{
	for (; list && *list; list++)
		if (strlen(*list) == len && strncmp(*list, word, len) == 0)
			return true;
	return false;
}

/* Only the options the command knows may start with "-"; the value after
 * one that takes a value may be anything. */
static bool forced_options_ok(const struct command *c, int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		const char *w = argv[i], *eq = strchr(w, '=');
		size_t len = eq ? (size_t)(eq - w) : strlen(w);

		if (w[0] != '-' || !w[1])
			continue;
		if (listed(c->options, w, len)) {
			i += !eq;             /* its value */
			continue;
		}
		if (!eq && listed(c->flags, w, len))
			continue;
		fprintf(stderr, _("%s: the option %s is not allowed in this command\n"),
		        PACKAGE_NAME, w);
		return false;
	}
	return true;
}

/* Run the command the SSH client asked for (words[0..n), the display
 * options taken out) on path: "get ID YEAR" becomes "get PATH ID YEAR".
 * Exit 2 for anything that is not one of the commands. */
static int run_forced(int n, char **words, char *path, bool backup, const struct cli *cli)
{
	static char prog[] = PACKAGE_NAME, backup_option[] = "--backup";
	const struct command *c = command_named(words[0]);
	char **argv, list[128];
	int argc = 0, status;

	if (!c || c->local) {
		available_commands(list, sizeof list, true);
		fprintf(stderr, _("%s: unknown command: "), PACKAGE_NAME);
		print_safe(stderr, words[0]);
		fprintf(stderr, _(" (the commands are: %s)\n"), list);
		return EXIT_USAGE;
	}
	if (!c->run)
		return not_available(c->name);
	argv = calloc((size_t)n + 4, sizeof *argv);
	if (!argv) {
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
		return EXIT_USAGE;
	}
	argv[argc++] = prog;
	argv[argc++] = words[0];
	argv[argc++] = path;
	for (int i = 1; i < n; i++)
		argv[argc++] = words[i];
	if (backup && (c->run == cmd_set || c->run == cmd_rate))
		argv[argc++] = backup_option;
	argv[argc] = NULL;
	status = forced_options_ok(c, argc, argv) ? c->run(argc, argv, cli) : EXIT_USAGE;
	free(argv);
	return status;
}

/* SSH_ORIGINAL_COMMAND under plandash [--access A --as U] FILE: split it
 * (quotes, no shell) and run it.  Returns -1 when it holds no words (then
 * the dashboard opens), else the exit status. */
static int forced_command(const char *line, char *path, bool read_only, bool backup,
                          const struct access_rights *rights, const struct global_options *g,
                          const struct vcs_author *author)
{
	static char prog[] = PACKAGE_NAME;
	struct cli cli = { rights, read_only, g->commit, author };
	struct global_options display = *g;
	struct shellwords w;
	struct shellwords_error err;
	char why[512], **argv;
	int argc, status;

	if (shellwords_split(line, &w, &err) != 0) {
		describe_shellwords_error(&err, why, sizeof why);
		fprintf(stderr, _("%s: refusing the command: %s\n"), PACKAGE_NAME, why);
		return EXIT_USAGE;
	}
	if (!w.n) {
		shellwords_free(&w);
		return -1;
	}
	/* as a command line: take_global_options skips argv[0] */
	argv = calloc(w.n + 2, sizeof *argv);
	if (!argv) {
		shellwords_free(&w);
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE_NAME);
		return EXIT_USAGE;
	}
	argv[0] = prog;
	memcpy(argv + 1, w.words, w.n * sizeof *argv);
	argc = (int)w.n + 1;
	if (!take_global_options(&argc, argv, &display, true) ||
	    apply_display_options(display.lang, display.ambiwidth, rights->entry) != EXIT_VALID)
		status = EXIT_USAGE;
	else if (argc == 1)
		status = usage_of("");
	else
		status = run_forced(argc - 1, argv + 1, path, backup, &cli);
	free(argv);
	shellwords_free(&w);
	return status;
}

/* --help, after usage(): who may change what, and forced commands. */
static void usage_server(FILE *out)
{
	fprintf(out, "%s", _("\n"
	                     "      --access=FILE who may change what (a YAML access file; a user\n"
	                     "                    not listed in it may only look)\n"
	                     "      --as=NAME     act as NAME (only with --access: for a forced\n"
	                     "                    SSH command on a shared account)\n"
	                     "\n"
	                     "With SSH_ORIGINAL_COMMAND set (a forced command in authorized_keys),\n"
	                     "the words the client sent run as a command on FILE: get ITEM YEAR,\n"
	                     "set ITEM YEAR STATUS [--note TEXT], rate ITEM DATE RATING\n"
	                     "[--note TEXT], log [--since DATE], report [--format F] [--date DATE]\n"
	                     "(to standard output); no words open the dashboard.\n"));
}

/* ---- the dashboard */

struct dashboard_args {
	bool check_only, strict, help;
	struct ui_options opts;
};

/* -c, -r, -b, -h, -V and the one FILE.  Returns -1 and *path when the
 * work goes on, else an exit status. */
static int dashboard_args(int argc, char **argv, struct dashboard_args *d, char **path)
{
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "strict", no_argument, NULL, 's' },
		{ "read-only", no_argument, NULL, 'r' },
		{ "backup", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "csrbhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': d->check_only = true; break;
		case 's': d->check_only = d->strict = true; break;
		case 'r': d->opts.read_only = true; break;
		case 'b': d->opts.backup = true; break;
		case 'h': d->help = true; break;
		case 'V': printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION); return EXIT_VALID;
		default:  usage(stderr); return EXIT_USAGE;
		}
	}
	if (d->help) {
		usage(stdout);
		usage_server(stdout);
		return EXIT_VALID;
	}
	if (optind == argc)
		return missing("", CLI_FILE);
	if (optind != argc - 1)
		return too_many("");
	*path = argv[optind];
	return -1;
}

static int dashboard(const char *path, struct dashboard_args *d, const char *locale_note)
{
	if (d->check_only) {
		int status = EXIT_VALID;
		struct plan *plan = load_or_report(path, &status, NULL);
		if (!plan)
			return status;
		print_summary(plan, path);
		long warnings = print_warnings(plan, path);
		plan_free(plan);
		if (warnings < 0)
			return EXIT_USAGE;
		return d->strict && warnings > 0 ? EXIT_INVALID : EXIT_VALID;
	}
	d->opts.note = locale_note ? _(locale_note) : NULL;
	return open_dashboard(path, &d->opts);
}

/* What the access file says of commits: commit: true at its top, and the
 * user's name: and email: for the author of each commit. */
static void identity_author(const struct access *acc, const struct access_rights *rights,
                            struct global_options *g, struct vcs_author *author)
{
	vcs_author_of(lock_user(), author);
	if (acc && acc->commit)
		g->commit = true;
	if (rights->entry)
		vcs_author_override(author, rights->entry->full_name, rights->entry->email);
}

/* The options, the identity and its rules, then a command, a forced
 * command or the dashboard. */
static int run(int argc, char **argv, const char *locale_note)
{
	struct global_options g = { NULL, NULL, NULL, NULL, false };
	struct dashboard_args d = { 0 };
	struct access_rights rights;
	struct access *acc = NULL;
	struct vcs_author author;
	const char *forced = getenv("SSH_ORIGINAL_COMMAND");
	char *path = NULL;
	int status;

	if (!take_global_options(&argc, argv, &g, false) ||
	    apply_display_options(g.lang, g.ambiwidth, NULL) != EXIT_VALID)
		return EXIT_USAGE;
	status = take_identity(&g, &acc, &rights);
	if (status == EXIT_VALID)
		identity_author(acc, &rights, &g, &author);
	/* the user's own settings, now that the user is known */
	if (status == EXIT_VALID && rights.entry)
		status = apply_display_options(g.lang, g.ambiwidth, rights.entry);
	if (status == EXIT_VALID && argc > 1 && is_command_word(argv[1]))
		status = run_command(argc, argv, &(struct cli){ &rights, false, g.commit, &author });
	else if (status == EXIT_VALID && (status = dashboard_args(argc, argv, &d, &path)) < 0) {
		status = forced && !d.check_only ? forced_command(forced, path, d.opts.read_only,
		                                                  d.opts.backup, &rights, &g,
		                                                  &author) : -1;
		d.opts.rights = &rights;
		d.opts.commit = g.commit;
		d.opts.author = &author;
		d.opts.confined = forced != NULL;
		if (status < 0)
			status = dashboard(path, &d, locale_note);
	}
	access_free(acc);
	return status;
}

int main(int argc, char **argv)
{
	const char *locale_note = i18n_init();

	/* A file size limit (ulimit -f) makes write() fail with EFBIG, which
	 * a save reports like a full disk, instead of killing us. */
	signal(SIGXFSZ, SIG_IGN);
	return run(argc, argv, locale_note);
}
