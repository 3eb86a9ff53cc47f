/* cli.h - the command line's commands (get, set, rate, log, report,
 * merge) and what they share: reading the plan with its errors said,
 * refusing a word with the reason, saving with the outcome said, the
 * exit status.  Words go to stdout and stderr through gettext, as in
 * main.c; nothing here draws on the terminal. */
#ifndef PLANDASH_CLI_H
#define PLANDASH_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "access.h"
#include "describe.h"
#include "edit.h"
#include "grammar.h"
#include "markers.h"
#include "plan.h"
#include "save.h"

enum exit_status { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* What every command knows besides its words. */
struct cli {
	const struct access_rights *rights;   /* who runs it, what they may change */
	bool read_only;           /* a forced command line with -r */
	bool commit;              /* --commit: every save is a git commit */
	const struct vcs_author *author;   /* whom those commits name */
};

/* ---- the commands: argv[1] is the command, argv[2] the file.  Each
 * returns the exit status after saying what it did or why not. */
int cmd_get(int argc, char **argv, const struct cli *cli);
int cmd_set(int argc, char **argv, const struct cli *cli);
int cmd_rate(int argc, char **argv, const struct cli *cli);
int cmd_log(int argc, char **argv, const struct cli *cli);
int cmd_report(int argc, char **argv, const struct cli *cli);
int cmd_merge(int argc, char **argv, const struct cli *cli);

/* ---- --check: the summary on stdout, the warnings on stderr (their
 * count, or -1 when out of memory). */
void cli_print_summary(const struct plan *plan, const char *path);
long cli_print_warnings(const struct plan *plan, const char *path);

/* ---- shared by the commands */

/* The usage line of one command ("" for the dashboard's) after a message
 * saying what is wrong; cli_missing says which word is missing, and
 * cli_too_many that there are too many.  Return EXIT_USAGE. */
int cli_usage_of(const char *command);
int cli_missing(const char *command, enum cli_arg arg);
int cli_too_many(const char *command);

/* s with control characters made visible (text from files and users). */
void cli_print_safe(FILE *out, const char *s);
/* "plandash: " and msg through cli_print_safe, on stderr. */
void cli_say_safe(const char *msg);

/* The plan at path, or NULL with the exit status in *status after saying
 * why.  A file with conflict markers is not a plan: its conflicts are
 * named; but with fix, when they are only values, *fix is filled for the
 * dashboard to offer them instead (NULL, status EXIT_VALID, fix->ours). */
struct plan *cli_load(const char *path, int *status, struct markers_fix *fix);

/* Why a word was refused (grammar.h), on stderr; year for the messages
 * that name one. */
void cli_refuse(enum grammar_result r, const struct plan *plan, const char *text, int year);

/* The fiscal year a word names, or 0 after saying it is not one. */
int cli_year_arg(const char *text);

/* The entry ITEM YEAR name in plan (and *itp its item), or NULL after
 * saying why. */
const struct entry *cli_find_entry(const struct plan *plan, const char *item_text,
                                   const char *year_text, const struct item **itp);

/* Save the editor's changes to path and say what became of them; the
 * exit status. */
int cli_save(struct editor *ed, const char *path, const struct save_options *opt);

/* May the command line change item?  Says why not (exit 1 then). */
bool cli_may_change(const struct cli *cli, const struct item *item);

/* An edit the plan refused: say why; the exit status. */
int cli_refuse_edit(enum edit_result r, const struct plan *plan, const char *id, int date,
                    enum field field, const char *value);

#endif
