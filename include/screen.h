/* screen.h - the dashboard's core: the small shared context, the screens
 * and prompts as a stack of modes that each own their state, and the one
 * message channel.  Views and prompts include it; ui.c runs the loop.
 *
 * A mode is a struct screen_ops (its operations) and a private state of
 * ops->state_size bytes that only its own file reads.  Opening a screen
 * pushes it, back pops it, so every screen returns where it was opened.
 * Key handlers change state and return what changed (UI_* bits); they
 * never draw.  The loop paints once per event: the header, the topmost
 * full screen, then the prompt on top of it (or the hint bar), and the
 * message line.
 */
#ifndef PLANDASH_SCREEN_H
#define PLANDASH_SCREEN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "access.h"
#include "actions.h"

struct vcs_author;
#include "edit.h"
#include "fileio.h"
#include "presence.h"
#include "query.h"
#include "search.h"
#include "tally.h"

/* What a handler changed. */
enum {
	UI_REDRAW    = 1 << 0,    /* repaint (ncurses sends only the difference) */
	UI_CLEAR     = 1 << 1,    /* repaint every cell (Ctrl-L) */
	UI_QUIT      = 1 << 2,
	UI_UNHANDLED = 1 << 3,    /* the loop's global actions take it */
};

enum screen_kind {
	SCREEN_FULL,              /* the body, the header and the hint bar */
	SCREEN_BAR,               /* a prompt on the bottom rows, over the screen below */
};

struct screen;
struct ui_ctx;

/* Where a full screen's selection is: what the editing keys change, where
 * a search starts and a meeting's scope.  -1: nothing of that kind. */
struct selection {
	int policy, item;         /* indexes into the plan */
	int year;                 /* the fiscal year the editing keys change; 0: none */
};

/* A header: lead, then name (cut with "…" when the row is short), then
 * tail, e.g. "方針4 " + the policy's title + " > 平成25年度 (FY2013)". */
struct ui_title {
	char lead[128];
	char name[512];
	char tail[192];
};

struct screen_ops {
	const char *name;
	enum screen_kind kind;
	bool settling;            /* a save or a recovery is being settled: no reload now */
	size_t state_size;        /* the private state, zeroed before open() */
	/* The actions the mode takes, in hint-bar and help order (ending with
	 * ACT_NONE); actions_of(), when set, chooses them by state instead. */
	const enum action *actions;
	const enum action *(*actions_of)(const struct screen *s);
	/* Set up the state from arg; false when it cannot open (after saying
	 * why on the message line).  close() frees what the state owns. */
	bool (*open)(struct screen *s, struct ui_ctx *ctx, const void *arg);
	void (*close)(struct screen *s);
	/* An action of this mode (never drawing).  Returns UI_* bits. */
	unsigned (*key)(struct screen *s, struct ui_ctx *ctx, const struct action_call *a);
	/* A bracketed paste (UTF-8, len bytes); NULL: pastes change nothing here. */
	unsigned (*paste)(struct screen *s, struct ui_ctx *ctx, const char *text, size_t len);
	/* Paint the body (full screens) or the bottom rows (prompts). */
	void (*draw)(struct screen *s, struct ui_ctx *ctx);
	/* The header's left part; NULL: the plan's title and the year shown. */
	void (*title)(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t);
	/* The selection (full screens); NULL or false: none. */
	bool (*selected)(const struct screen *s, struct ui_ctx *ctx, struct selection *out);
	/* The plan was replaced by a save or a reload: find selections again. */
	void (*plan_changed)(struct screen *s, struct ui_ctx *ctx);
	/* A prompt that previews where it leads (the search): the full screen
	 * to paint instead of the one below it, or NULL. */
	struct screen *(*preview)(struct screen *s);
	/* The terminal is gone: keep what is being typed (no curses). */
	void (*rescue)(struct screen *s, struct ui_ctx *ctx);
	/* Work left after a key (a search counting its matches): do a slice
	 * of a few milliseconds; true while more is left.  The loop calls it
	 * between keys, on the screen on top. */
	bool (*work)(struct screen *s, struct ui_ctx *ctx);
};

struct screen {
	const struct screen_ops *ops;
	void *state;
};

#define SCREEN_MAX_DEPTH 16
#define UI_MSG_MAX 1024

/* The one message line: a sentence for the user, shown until the next key.
 * It wraps over as many rows as it needs, so no reason is ever cut. */
struct ui_message {
	char text[UI_MSG_MAX];
	bool shown;
	bool error;               /* drawn bold with a leading "! " */
};

/* The rows between the header and the bottom rows, as last painted, and
 * whether a prompt has its title row (the message line takes it when a
 * message is shown). */
struct ui_layout {
	int body_top, body_rows;
	bool bar_title;
};

/* The active search: drawn underlined wherever it matches; n and N move
 * through it.  The session (ui_search_session) narrows and counts. */
struct ui_search {
	char text[256];
	struct plan_pos match;
	bool have_match;
	struct search_session *session;
	unsigned long synced;     /* ctx->edits when the session last followed */
};

/* The counts and lists that follow the filter (ui_tally). */
struct ui_counts {
	struct tally_cache *cache;
	unsigned long synced;     /* ctx->plan_gen it was built for; 0: never */
};

/* Who is at the keyboard and who else has the plan open: the header, the
 * editing keys and the "who" screen read it; the loop keeps it (the
 * others are read again every few seconds). */
struct ui_people {
	const struct access_rights *rights;   /* NULL: no rules (everything allowed) */
	struct presence_entry me;             /* our own session as announced */
	bool announced;                       /* our presence file exists */
	struct presence_entry others[PRESENCE_MAX];
	size_t n_others;
};

/* What every mode shares: the plan (through the editor), the year shown,
 * the filter, the search, the people, and the screen stack.  Nothing
 * else. */
struct ui_ctx {
	struct editor *ed;        /* owns the plan; a save or a reload replaces ed->plan */
	const char *path;
	struct file_stamp stamp;  /* the file as last read or written by us */
	bool backup;              /* keep FILE~ when saving */
	bool commit;              /* commit each save to git (--commit) */
	const struct vcs_author *author;   /* whom those commits name, or NULL */
	bool confined;            /* x writes only beside the plan (ui.h) */
	bool read_only;           /* -r, not writable (not_writable), or a viewer */
	bool not_writable;
	struct ui_people people;
	size_t year;              /* the year shown: an index into plan->years */
	int review;               /* the review date shown: an index into plan->reviews
	                             (the ratings and their filter); -1 when it has none */
	bool era_years;           /* 平成25年度 (true) or FY2013 */
	bool color;
	struct filter filter;
	struct ui_counts counts;
	struct ui_search search;
	unsigned long plan_gen;   /* bumped when a save or a reload replaces the plan */
	unsigned long edits;      /* bumped by every change of a value (and with plan_gen) */
	struct ui_message msg;
	struct ui_layout layout;
	int cursor_y, cursor_x;   /* where the terminal cursor goes after a frame */
	bool cursor_visible;      /* a text field is being edited */
	struct screen stack[SCREEN_MAX_DEPTH];
	size_t depth;
	struct screen closed[SCREEN_MAX_DEPTH];   /* popped during a key, freed after it */
	size_t n_closed;
};

static inline struct plan *ui_plan(const struct ui_ctx *ctx)
{
	return ctx->ed->plan;
}

/* The fiscal year shown (0 for a plan without years). */
int ui_year(const struct ui_ctx *ctx);

/* ---- keeping the counts and the search in step */

/* A save or a reload replaced the plan: every count and search starts
 * again (screens are told by the loop, screen_plan_changed). */
void ui_plan_replaced(struct ui_ctx *ctx);
/* A value changed (by a key, undo or redo): a status moves its counts; a
 * rating or a review date makes them recount at the next look. */
void ui_edited(struct ui_ctx *ctx, const char *item_id, int year, enum field f,
               const char *before, const char *after);
/* Many values changed at once (a recovery, a conflict's choice): recount. */
void ui_edited_all(struct ui_ctx *ctx);
/* The counts of the plan under the filter, up to date; NULL when out of
 * memory (then count the slow way). */
const struct tally_cache *ui_tally(struct ui_ctx *ctx);
/* The session of the active search text, in step with the plan, the
 * filter and the edits; NULL when out of memory or no search is active. */
struct search_session *ui_search_session(struct ui_ctx *ctx);
/* Free the counts and the session. */
void ui_counts_free(struct ui_ctx *ctx);

/* ---- the stack */

/* Push a new screen of ops opened with arg.  Returns false (nothing
 * pushed) when it cannot open or the stack is full. */
bool screen_push(struct ui_ctx *ctx, const struct screen_ops *ops, const void *arg);
/* Pop the top screen.  Its state stays valid until the current key has been
 * handled, so a handler may pop its own screen and then return. */
void screen_pop(struct ui_ctx *ctx);
/* Pop until depth screens are left. */
void screen_pop_to(struct ui_ctx *ctx, size_t depth);
/* Free what screen_pop() kept alive (the loop, after each event). */
void screen_sweep(struct ui_ctx *ctx);
struct screen *screen_top(struct ui_ctx *ctx);
/* The screen under s, or NULL. */
struct screen *screen_under(struct ui_ctx *ctx, const struct screen *s);
/* The topmost full screen at or below s (a prompt's preview counts). */
struct screen *screen_full_below(struct ui_ctx *ctx, struct screen *s);
/* The action list of a screen now. */
const enum action *screen_actions(const struct screen *s);
/* The selection of the topmost full screen, or false. */
bool screen_selection(struct ui_ctx *ctx, struct selection *out);
/* Tell every screen that the plan was replaced. */
void screen_plan_changed(struct ui_ctx *ctx);
/* A screen that is not on the stack (a prompt's preview): open it into *s
 * (false: not opened) and close it again. */
bool screen_open_detached(struct ui_ctx *ctx, struct screen *s, const struct screen_ops *ops,
                          const void *arg);
void screen_close_detached(struct screen *s);
/* Free every screen. */
void screen_free_all(struct ui_ctx *ctx);

/* ---- the message line */

/* Set the message (printf-style); it stays until the next key. */
void ui_say(struct ui_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same, drawn as an error (bold, "! " first: never by colour alone). */
void ui_error(struct ui_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append a sentence (start-up messages: several may come before the
 * first frame). */
void ui_add_message(struct ui_ctx *ctx, const char *msg);
void ui_clear_message(struct ui_ctx *ctx);

#endif
