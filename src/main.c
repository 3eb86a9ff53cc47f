/* main.c - command line: open the dashboard, or check a plan file.
 * The only place that prints errors and chooses the exit status. */
#include "config.h"

#include <getopt.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "cli.h"
#include "describe.h"
#include "i18n.h"
#include "vcs.h"
#include "lock.h"
#include "plan.h"
#include "shellwords.h"
#include "textcol.h"
#include "ui.h"


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
	return cli_usage_of("");
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
	struct plan *plan = cli_load(path, &status, opts->read_only ? NULL : &fix);
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
		cli_print_safe(stderr, msg);
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
		cli_print_safe(stderr, words[0]);
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
		status = cli_usage_of("");
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
		return cli_missing("", CLI_FILE);
	if (optind != argc - 1)
		return cli_too_many("");
	*path = argv[optind];
	return -1;
}

static int dashboard(const char *path, struct dashboard_args *d, const char *locale_note)
{
	if (d->check_only) {
		int status = EXIT_VALID;
		struct plan *plan = cli_load(path, &status, NULL);
		if (!plan)
			return status;
		cli_print_summary(plan, path);
		long warnings = cli_print_warnings(plan, path);
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
