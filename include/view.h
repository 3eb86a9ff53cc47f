/* view.h - the dashboard's shared state, the view interface and the
 * drawing helpers every view uses.  Only ui*.c and view_*.c include it.
 *
 * A view's act() changes state and returns what changed (UI_* bits); it
 * never draws.  The loop then erases the screen, draws the header, the
 * current view and the hint bar, and sends one doupdate().
 */
#ifndef PLANDASH_VIEW_H
#define PLANDASH_VIEW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "actions.h"
#include "changelog.h"
#include "edit.h"
#include "fileio.h"
#include "lineedit.h"
#include "plan.h"
#include "query.h"
#include "save.h"
#include "ui.h"

enum view_id { VIEW_OVERVIEW, VIEW_ITEMS, VIEW_SHEET, VIEW_HELP, VIEW_MEETING, VIEW_MATRIX,
               VIEW_LOG, VIEW_COUNT };

/* What a key changed. */
enum {
	UI_REDRAW    = 1 << 0,   /* repaint (ncurses sends only the difference) */
	UI_CLEAR     = 1 << 1,   /* repaint every cell (Ctrl-L) */
	UI_QUIT      = 1 << 2,
	UI_UNHANDLED = 1 << 3,   /* the view leaves this action to the loop */
};

/* What the keys do besides browsing: a prompt or an editor owns them. */
enum ui_mode {
	MODE_BROWSE,              /* the views and the action table */
	MODE_LINEEDIT,            /* editing a note or plan text */
	MODE_QUIT_ASK,            /* q with unsaved changes: save, discard, cancel */
	MODE_RECOVER,             /* a recovery file was found at start-up */
	MODE_CONFLICT,            /* a save found fields changed on both sides */
	MODE_PROMPT,              /* the ":" jump or the "/" search line */
	MODE_FILTER,              /* the filter picker (f) */
	MODE_MEETING_END,         /* the meeting's summary: save, continue or back */
};

enum prompt_kind { PROMPT_JUMP, PROMPT_SEARCH };

/* Where the user was: a cancelled search goes back there. */
struct ui_place {
	enum view_id view;
	size_t year, policy, policy_top, item, item_top;
	int sheet_top;
	bool sheet_follow;
};

/* Meeting mode (m): pick a year, walk its entries, then a summary. */
enum meeting_phase { MEET_PICK, MEET_WALK, MEET_END };

/* One entry of the walk, by id and year (a save or a reload replaces the
 * plan), with its values when the meeting started, for the summary. */
struct meeting_entry {
	char *item_id;
	int year;
	char *status0;            /* status key at the start */
	char *note0;              /* note at the start; NULL: absent */
};

struct meeting {
	enum meeting_phase phase;
	enum view_id from;        /* the view the meeting was started from */
	int policy;               /* the policy walked; -1: the whole plan */
	int year;
	struct meeting_entry *list;
	size_t n, cur;
	int summary_top;
};

/* Colour/attribute roles (monochrome falls back to bold/reverse/underline). */
enum ui_role {
	ROLE_HEADER = 1,
	ROLE_SELECTED,
	ROLE_KEY,
	ROLE_HEADING,
	ROLE_BAR,
	ROLE_DIM,
	ROLE_STATUS0,            /* ROLE_STATUS0 + i for plan->statuses[i] */
};

struct ui {
	struct editor *ed;        /* owns the plan; a save replaces it */
	struct plan *plan;        /* == ed->plan, refreshed after every key */
	const char *path;
	const struct ui_options *opts;
	enum view_id view;
	enum view_id help_from;   /* where the help screen returns to */
	size_t year;              /* index into plan->years */
	size_t policy, policy_top;
	size_t item, item_top;
	int sheet_top;
	bool sheet_follow;        /* scroll the sheet to the selected entry */
	int help_top;
	int body_top, body_rows;  /* rows between the header and the hint bar */
	bool color;
	bool japanese;            /* UI language (year labels) */
	const char *note;         /* one-line message shown until the next key */
	char note_buf[512];       /* ui_say() writes here */
	int cursor_y, cursor_x;   /* terminal cursor after painting */
	bool cursor_shown;        /* the terminal cursor is visible (line editor) */
	bool read_only;           /* -r, or the file is not writable */
	bool not_writable;        /* read-only because the file is not writable */
	wint_t key;               /* the key being handled (digits: which one) */
	enum ui_mode mode;
	bool quit_after_save;     /* the save was asked for by the quit prompt */
	/* MODE_LINEEDIT: the field being edited and its value at the start */
	struct lineedit le;
	char edit_item[64];
	int edit_year;
	enum field edit_field;
	char *edit_before;        /* NULL: an absent note */
	/* MODE_CONFLICT: the report of the refused save and the choices */
	struct save_report conflicts;
	signed char *choice;      /* per conflict: -1 undecided, 0 theirs, 1 ours */
	size_t conflict_sel;
	/* MODE_RECOVER: the edits found in the recovery file */
	struct change *recovered;
	size_t n_recovered;
	int list_top;             /* scroll of the recovery and conflict lists */
	/* years as 平成25年度 (true) or FY2013; y toggles */
	bool era_years;
	/* filters (f, F): every count, list and strip follows it */
	struct filter filter;
	const char **departments; /* plan_departments() of the current plan */
	size_t n_departments;
	size_t filter_sel;
	size_t filter_top;
	/* MODE_PROMPT: ":" or "/" in the line editor `le` */
	enum prompt_kind prompt;
	struct ui_place prompt_from;
	char prompt_old_search[256];
	/* the active search (highlighted; n and N move through it) */
	char search[256];
	struct plan_pos match;
	bool have_match;
	/* meeting mode */
	struct meeting meet;
	/* the change log view (L) */
	struct log_line *log;
	size_t n_log, log_top;
	enum view_id log_from;
	/* the matrix view (M): rows are policy headings and items */
	size_t matrix_sel, matrix_top;
	enum view_id matrix_from;
	/* live refresh: the file's fingerprint and when it was last polled */
	struct file_stamp stamp;
	struct timespec last_poll;
};

struct view_ops {
	uint64_t hints;           /* ACTION_BIT()s shown in the hint bar */
	/* When set, the hints depend on the view's state and replace .hints. */
	uint64_t (*hint_mask)(const struct ui *ui);
	void (*draw)(struct ui *ui);
	unsigned (*act)(struct ui *ui, enum action a);
};

extern const struct view_ops overview_ops, items_ops, sheet_ops, help_ops, meeting_ops,
	matrix_ops, log_ops;

/* Draw s (untrusted UTF-8; NULL is empty) at (y, x) clipped to cols display
 * columns and to the screen; never touches the bottom-right cell.  With
 * pad the rest of the cols is filled with spaces in attr.  Returns the
 * columns drawn. */
int ui_put(int y, int x, int cols, const char *s, attr_t attr, bool pad);
/* The same for a byte range. */
int ui_put_n(int y, int x, int cols, const char *s, size_t len, attr_t attr, bool pad);

attr_t ui_attr(const struct ui *ui, int role);
attr_t ui_status_attr(const struct ui *ui, int status);

/* "平成25年度 (FY2013)" in Japanese, "FY2013" in English. */
void ui_year_label(const struct ui *ui, int year, char *buf, size_t size);

/* "方針4" in Japanese, "Policy 4" in English. */
void ui_policy_label(const struct policy *policy, char *buf, size_t size);

const struct policy *ui_policy(const struct ui *ui);
const struct item *ui_item(const struct ui *ui);
int ui_year(const struct ui *ui);

/* Apply a movement action to a selection sel in [0, n) with page size
 * page.  Returns true when the action was a movement (even at an end). */
bool ui_move(size_t *sel, size_t n, enum action a, int page);
/* Adjust *top so that sel is among rows rows. */
void ui_scroll_to(size_t sel, size_t *top, size_t n, int rows);

/* Set the note line (printf-style); it stays until the next key. */
void ui_say(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append a message to the note line (start-up messages: several may
 * arrive before the first frame). */
void ui_add_note(struct ui *ui, const char *msg);

/* "平成25年度" in Japanese, "FY2013" in English: the short year label. */
void ui_year_short(const struct ui *ui, int year, char *buf, size_t size);

/* The key list of an action for the hint bar and help ("1..5" for the
 * status digits of this plan). */
void ui_action_keys(const struct ui *ui, const struct action_def *d, char *buf, size_t size);

/* The items of policy p that pass the filter, as indexes into p->items,
 * into idx (may be NULL: count only).  Returns how many. */
size_t ui_visible_items(const struct ui *ui, const struct policy *p, size_t *idx);

/* The active filter in a few columns ("D,I H25 R"), "" when none. */
void ui_filter_label(const struct ui *ui, char *buf, size_t size);

/* Select the item (and, when year != 0, that year) and make it visible in
 * view; false when there is no such item. */
bool ui_goto(struct ui *ui, const char *item_id, int year, enum view_id view);

/* --- finding (ui_find.c): the ":" jump, the "/" search, n/N, the filter
 * picker. */
unsigned ui_find_action(struct ui *ui, enum action a);
unsigned ui_find_mode_key(struct ui *ui, bool is_code, wint_t key);
void ui_find_draw_body(struct ui *ui);     /* MODE_FILTER */
void ui_find_draw_bottom(struct ui *ui);   /* MODE_PROMPT and MODE_FILTER */
/* The plan was replaced: refresh the department list. */
void ui_find_plan_changed(struct ui *ui);
void ui_find_free(struct ui *ui);

/* --- meeting mode (view_meeting.c) */
unsigned ui_meeting_start(struct ui *ui);
unsigned ui_meeting_end_key(struct ui *ui, bool is_code, wint_t key);
void ui_meeting_draw_bottom(struct ui *ui);
void ui_meeting_free(struct ui *ui);

/* --- the change log view (view_log.c) and the matrix (view_matrix.c) */
unsigned ui_log_open(struct ui *ui);
void ui_log_free(struct ui *ui);
unsigned ui_matrix_open(struct ui *ui);

/* --- editing (ui_edit.c) */

/* "4-3 平成25年度: 実施中 -> 完了" (status), or with the field's name for
 * texts. */
void ui_describe_change(const struct ui *ui, const char *id, int year, enum field f,
                        const char *before, const char *after, char *buf, size_t size);
/* Save now (w); UI_* bits.  On success the note says so. */
unsigned ui_edit_save(struct ui *ui);
/* Draw the line editor's field (ui->le) on row y and put the cursor there. */
void ui_edit_draw_field(struct ui *ui, int y);

/* Start-up: offer the recovery file, or note why it is not offered. */
void ui_edit_start(struct ui *ui);
/* The editing actions (status keys, e/E, u, Ctrl-R, w); UI_* bits. */
unsigned ui_edit_action(struct ui *ui, enum action a);
/* q: quit, or ask first when there are unsaved changes. */
unsigned ui_edit_quit(struct ui *ui);
/* A key while a prompt or the line editor owns the keyboard. */
unsigned ui_edit_mode_key(struct ui *ui, bool is_code, wint_t key);
/* Draw the modal screens: the body for MODE_RECOVER and MODE_CONFLICT,
 * the two bottom rows for every mode but MODE_BROWSE. */
void ui_edit_draw_body(struct ui *ui);
void ui_edit_draw_bottom(struct ui *ui);
/* After a hang-up, with curses ended: keep the line being typed and write
 * the unsaved edits to the recovery file.  No curses. */
void ui_edit_rescue(struct ui *ui);

/* The line-editor command of an editing key (arrows, Home/End, Backspace,
 * Delete, Ctrl-A/E/B/F/D/U), shared by every one-line prompt.  Enter and
 * Esc are the caller's. */
bool ui_lineedit_cmd(bool is_code, wint_t key, enum lineedit_cmd *cmd);
/* Free what the editing modes hold. */
void ui_edit_free(struct ui *ui);

/* A bracketed paste (input.h), text[0..len) UTF-8: in the line editor or
 * a ":" or "/" prompt it is inserted at the cursor as one line (line ends
 * and tabs become spaces, other control characters are dropped) up to
 * 1000 columns of text; anywhere else nothing changes and the note says
 * why.  cut: the input layer already cut it.  UI_* bits. */
unsigned ui_edit_paste(struct ui *ui, const char *text, size_t len, bool cut);

#endif
