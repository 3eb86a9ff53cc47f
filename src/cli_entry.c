/* cli_entry.c - get, set and rate: one yearly entry or one rating, read
 * or changed and saved (see cli.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "review.h"

/* One line of get.  For scripts, "key: value", the same in every locale
 * but Japanese; under a Japanese interface, the word and what people read
 * ("状況: 完了 (done)"): shown (NULL: the value) with the value after it in
 * brackets when they differ.  word NULL: a line for scripts only. */
static void get_line(const char *key, const char *word, const char *value, const char *shown)
{
	bool ja = i18n_is_japanese() && word;
	fputs(ja ? word : key, stdout);
	fputs(": ", stdout);
	cli_print_safe(stdout, ja && shown ? shown : value);
	if (ja && shown && strcmp(shown, value) != 0) {
		fputs(" (", stdout);
		cli_print_safe(stdout, value);
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
		cli_refuse(r, plan, date_text, date);
		return r == GRAMMAR_NOT_YEAR_OR_DATE ? EXIT_USAGE : EXIT_INVALID;
	}
	r = grammar_item(plan, item_text, &p, &i);
	if (r != GRAMMAR_OK) {
		cli_refuse(r, plan, item_text, 0);
		return EXIT_INVALID;
	}
	const struct item *it = &plan->policies[p].items[i];
	const struct rating *rt = item_rating_at(it, review);
	if (!rt) {
		char msg[512];
		describe_not_rated(plan, it, review, msg, sizeof msg);
		fprintf(stderr, "%s: ", PACKAGE_NAME);
		cli_print_safe(stderr, msg);
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
int cmd_get(int argc, char **argv, const struct cli *cli)
{
	(void)cli;                /* reading is for everyone */
	static const enum cli_arg need[] = { CLI_FILE, CLI_ITEM, CLI_YEAR };
	if (argc < 5)
		return cli_missing("get", need[argc - 2]);
	if (argc > 5)
		return cli_too_many("get");
	int status = EXIT_VALID;
	struct plan *plan = cli_load(argv[2], &status, NULL);
	if (!plan)
		return status;
	if (!grammar_year(argv[4])) {   /* a review date, or nothing we know */
		status = get_rating(plan, argv[3], argv[4]);
		plan_free(plan);
		return status;
	}
	const struct item *it;
	const struct entry *e = cli_find_entry(plan, argv[3], argv[4], &it);
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
				return cli_missing("set", note ? CLI_NOTE_TEXT : CLI_PLAN_TEXT);
			*(note ? &a->note : &a->plan_text) = argv[++i];
		} else if (strncmp(s, "--note=", 7) == 0) {
			a->note = s + 7;
		} else if (strncmp(s, "--plan=", 7) == 0) {
			a->plan_text = s + 7;
		} else if (strcmp(s, "--backup") == 0 || strcmp(s, "-b") == 0) {
			a->backup = true;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, _("%s: unknown option: "), PACKAGE_NAME);
			cli_print_safe(stderr, s);
			fputc('\n', stderr);
			return cli_usage_of("set");
		} else if (a->npos == 4) {
			return cli_too_many("set");
		} else {
			a->pos[a->npos++] = s;
		}
	}
	return a->npos < 4 ? cli_missing("set", need[a->npos]) : -1;
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

int cmd_set(int argc, char **argv, const struct cli *cli)
{
	struct set_args a;
	int bad = set_args_read(argc, argv, &a);
	if (bad >= 0)
		return bad;
	struct save_options opt = { .backup = a.backup, .commit = cli->commit, .author = cli->author,
	                            .message = describe_commit_message };
	const char *path = a.pos[0];
	if (!cli_year_arg(a.pos[2]))
		return EXIT_USAGE;
	int status = EXIT_VALID;
	struct plan *plan = cli_load(path, &status, NULL);
	if (!plan)
		return status;
	const struct item *item;
	int st;
	enum grammar_result gr = GRAMMAR_OK;
	const struct entry *found = cli_find_entry(plan, a.pos[1], a.pos[2], &item);
	if (found)
		gr = grammar_status(plan, a.pos[3], &st);
	if (!found || gr != GRAMMAR_OK || !cli_may_change(cli, item)) {
		if (found && gr != GRAMMAR_OK)
			cli_refuse(gr, plan, a.pos[3], 0);
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
		status = cli_save(&ed, path, &opt);
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
				return cli_missing("rate", CLI_NOTE_TEXT);
			a->note = argv[++i];
		} else if (strncmp(s, "--note=", 7) == 0) {
			a->note = s + 7;
		} else if (strcmp(s, "--new-review") == 0) {
			a->new_review = true;
		} else if (strcmp(s, "--backup") == 0 || strcmp(s, "-b") == 0) {
			a->backup = true;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, _("%s: unknown option: "), PACKAGE_NAME);
			cli_print_safe(stderr, s);
			fputc('\n', stderr);
			return cli_usage_of("rate");
		} else if (a->npos == 4) {
			return cli_too_many("rate");
		} else {
			a->pos[a->npos++] = s;
		}
	}
	return a->npos < 4 ? cli_missing("rate", need[a->npos]) : -1;
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
	cli_refuse(r, plan, a->pos[2], *date);
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
			return cli_refuse_edit(r, ed->plan, "", date, FIELD_REVIEW, label);
	}
	const char *key = ed->plan->rating_levels[level].key;
	r = editor_set_rating(ed, id, date, key);
	if (r != EDIT_OK && r != EDIT_UNCHANGED)
		return cli_refuse_edit(r, ed->plan, id, date, FIELD_RATING, key);
	r = note ? editor_set_rating_note(ed, id, date, note) : EDIT_OK;
	if (r != EDIT_OK && r != EDIT_UNCHANGED)
		return cli_refuse_edit(r, ed->plan, id, date, FIELD_RATING_NOTE, note);
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
		cli_refuse(r, plan, a->pos[1], 0);
		return EXIT_INVALID;
	}
	*id = plan->policies[p].items[i].id;
	if ((bad = rate_date(plan, a, date, add)) >= 0)
		return bad;
	r = grammar_rating(plan, a->pos[3], level);
	if (r != GRAMMAR_OK) {
		cli_refuse(r, plan, a->pos[3], 0);
		return EXIT_INVALID;
	}
	return -1;
}

/* rate FILE ITEM DATE RATING: set (or add) the item's rating at a review
 * date and save, through the same save path as set. */
int cmd_rate(int argc, char **argv, const struct cli *cli)
{
	struct rate_args a;
	const char *found;
	int status = rate_args_read(argc, argv, &a), level, date;
	bool add;
	if (status >= 0)
		return status;
	struct save_options opt = { .backup = a.backup, .commit = cli->commit,
	                            .author = cli->author, .message = describe_commit_message };
	struct plan *plan = cli_load(a.pos[0], &status, NULL);
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
		status = cli_save(&ed, a.pos[0], &opt);
	free(id);
	editor_free(&ed);
	return status;
}
