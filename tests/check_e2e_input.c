/* check_e2e_input.c - what real SSH clients send, played into the real
 * binary in a pseudo-terminal with TERM=xterm (tests/vt.c): the key
 * sequences of PuTTY, Tera Term, rxvt, the Linux console, screen/tmux and
 * VT220 in every view and prompt, bracketed pastes, escape sequences
 * nobody knows, Alt keys, the UI language without LANG, and the layout
 * with ambiguous-width characters drawn two columns wide.
 *
 * A batch of keys that must change nothing is followed by a sequence no
 * terminal sends; once the program's note names it, every key before it
 * has been handled, and the screen (but the note) must be as before.
 */
#include "config.h"

#include <check.h>
#include <libintl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e_session.h"
#include "plan.h"
#include "textcol.h"
#include "vt.h"

#define PASTE_BEGIN "\033[200~"
#define PASTE_END "\033[201~"

/* ---- the clients */

/* What one client sends for the editing and function keys, with TERM=xterm
 * as PuTTY and Tera Term announce it.  NULL: the client has no such key
 * (or sends a byte that is another key, as SCO's Delete sends DEL). */
struct client {
	const char *name;
	const char *home, *end, *ins, *del, *pgup, *pgdn;
	const char *f[12];
};

#define VT_F6_F12 "\033[17~", "\033[18~", "\033[19~", "\033[20~", "\033[21~", "\033[23~", "\033[24~"
#define EDIT_1_6 "\033[1~", "\033[4~", "\033[2~", "\033[3~", "\033[5~", "\033[6~"

static const struct client clients[] = {
	{ "PuTTY (default, ESC[n~)", EDIT_1_6,
	  { "\033[11~", "\033[12~", "\033[13~", "\033[14~", "\033[15~", VT_F6_F12 } },
	{ "PuTTY (Xterm R6)", EDIT_1_6,
	  { "\033OP", "\033OQ", "\033OR", "\033OS", "\033[15~", VT_F6_F12 } },
	{ "PuTTY (VT100+)", EDIT_1_6,
	  { "\033OP", "\033OQ", "\033OR", "\033OS", "\033OT", "\033OU", "\033OV", "\033OW", "\033OX",
	    "\033OY", "\033OZ", "\033O[" } },
	{ "PuTTY (SCO)", "\033[H", "\033[F", "\033[L", NULL, "\033[I", "\033[G",
	  { "\033[M", "\033[N", "\033[O", "\033[P", "\033[Q", "\033[R", "\033[S", "\033[T", "\033[U",
	    "\033[V", "\033[W", "\033[X" } },
	{ "PuTTY (Linux)", EDIT_1_6,
	  { "\033[[A", "\033[[B", "\033[[C", "\033[[D", "\033[[E", VT_F6_F12 } },
	{ "Tera Term", EDIT_1_6,
	  { "\033[11~", "\033[12~", "\033[13~", "\033[14~", "\033[15~", VT_F6_F12 } },
	{ "rxvt", "\033[7~", "\033[8~", "\033[2~", "\033[3~", "\033[5~", "\033[6~",
	  { "\033[11~", "\033[12~", "\033[13~", "\033[14~", "\033[15~", VT_F6_F12 } },
	{ "Linux console", EDIT_1_6,
	  { "\033[[A", "\033[[B", "\033[[C", "\033[[D", "\033[[E", VT_F6_F12 } },
	{ "screen/tmux", EDIT_1_6,
	  { "\033OP", "\033OQ", "\033OR", "\033OS", "\033[15~", VT_F6_F12 } },
	{ "VT220", EDIT_1_6, { "\033OP", "\033OQ", "\033OR", "\033OS", NULL, VT_F6_F12 } },
	{ "xterm", "\033OH", "\033OF", "\033[2~", "\033[3~", "\033[5~", "\033[6~",
	  { "\033OP", "\033OQ", "\033OR", "\033OS", "\033[15~", VT_F6_F12 } },
	{ "xterm (normal cursor keys)", "\033[H", "\033[F", "\033[2~", "\033[3~", "\033[5~",
	  "\033[6~", { "\033OP", "\033OQ", "\033OR", "\033OS", "\033[15~", VT_F6_F12 } },
};
#define N_CLIENTS (sizeof clients / sizeof clients[0])

/* The arrows in both cursor modes (every client sends these). */
static const char *const arrows[2][4] = {
	{ "\033[A", "\033[B", "\033[C", "\033[D" },   /* normal */
	{ "\033OA", "\033OB", "\033OC", "\033OD" },   /* application (after smkx) */
};

/* ---- the program */

/* Start plandash on path with TERM=xterm and the given locale variables
 * ("LANG=..." or a bare "LANG" to remove it) and arguments before the
 * file; wait for the first frame unless expect_frame is false. */
static void spawn(const char *path, const char *const *locale, const char *const *args,
                  bool expect_frame)
{
	const char *env[16], *argv[16];
	size_t n = 0, a = 0;
	char err[256];

	env[n++] = "TERM=xterm";
	env[n++] = localedir_env;
	for (size_t i = 0; locale && locale[i] && n + 1 < 16; i++)
		env[n++] = locale[i];
	env[n] = NULL;
	argv[a++] = plandash_path;
	for (size_t i = 0; args && args[i] && a + 2 < 16; i++)
		argv[a++] = args[i];
	argv[a++] = path;
	argv[a] = NULL;
	cur = vt_spawn(ROWS, COLS, argv, env, err, sizeof err);
	ck_assert_msg(cur != NULL, "cannot start %s: %s", plandash_path, err);
	if (expect_frame)
		EXPECT(settled(vt_wait_frame(cur, WAIT_MS)), "no first frame");
}

static const char *const ja_env[] = { "LANG=" JA, "LC_ALL=" JA, NULL };
static const char *const no_lang[] = { "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES",
                                       "PLANDASH_LANG", NULL };

static void start_xterm(void)
{
	fresh_copy();
	spawn(file, ja_env, NULL, true);
}

static void send(const char *bytes)
{
	vt_raw(cur, bytes, strlen(bytes));
}

/* The file is the original, byte for byte. */
static void expect_file_unchanged(const char *why)
{
	size_t len;
	char *now = read_all(file, &len);

	ck_assert_ptr_nonnull(now);
	EXPECT(len == orig_len && memcmp(now, orig, len) == 0, "%s: the file changed", why);
	free(now);
}

/* ---- synchronising and comparing */

/* A sequence no terminal sends, and how the note shows it. */
static const char *const markers[2][2] = { { "\033[98~", "^[[98~" }, { "\033[99~", "^[[99~" } };
static int marker;

/* Send the next marker and wait until the program has said it ignored it:
 * every key sent before has been handled then.  Returns the marker's
 * row. */
static int sync_marker(void)
{
	const char *const *m = markers[marker];
	int row;

	marker ^= 1;
	send(m[0]);
	EXPECT(vt_wait_read(cur, WAIT_MS), "the program does not read its input");
	EXPECT(settled(vt_wait_screen(cur, m[1], WAIT_MS)), "no note about %s", m[1]);
	EXPECT(settled(vt_wait_screen_not(cur, markers[marker][1], WAIT_MS)), "an old note stays");
	row = vt_find_row(cur, 0, m[1]);
	return row;
}

struct snap {
	char row[ROWS][COLS * 4 * VTERM_MAX_CHARS_PER_CELL + 1];
	int cy, cx;
};

static void take(struct snap *s)
{
	for (int r = 0; r < ROWS; r++)
		vt_row(cur, r, s->row[r], sizeof s->row[r]);
	vt_cursor(cur, &s->cy, &s->cx);
}

/* The screen is s but for row skip (the note). */
static void expect_same(const struct snap *s, int skip, const char *what)
{
	char buf[sizeof s->row[0]];

	for (int r = 0; r < ROWS; r++)
		if (r != skip && strcmp(vt_row(cur, r, buf, sizeof buf), s->row[r]) != 0)
			FAIL("%s: row %d changed from\n#     |%s|", what, r, s->row[r]);
}

/* ---- every key of every client that must change nothing */

/* In the current view or prompt, each client's F1-F12 and Insert (and
 * Delete, Home and End where they cannot move: del_too) change nothing:
 * not the screen, not the file, no unsaved mark. */
static void expect_inert(const char *where, bool del_too)
{
	struct snap before;
	char what[256];

	sync_marker();
	take(&before);
	for (size_t c = 0; c < N_CLIENTS; c++) {
		const struct client *cl = &clients[c];
		int row;

		for (int f = 0; f < 12; f++)
			if (cl->f[f])
				send(cl->f[f]);
		if (cl->ins)
			send(cl->ins);
		if (del_too && cl->del)
			send(cl->del);
		row = sync_marker();
		snprintf(what, sizeof what, "%s, %s", where, cl->name);
		expect_same(&before, row, what);
	}
}

START_TEST(test_client_keys_change_nothing)
{
	start_xterm();
	expect_inert("overview", true);
	press("M");
	EXPECT_ROW(0, ja("Status matrix: items by year"));
	expect_inert("matrix", true);
	press("h");
	press("L");
	EXPECT_ROW(0, ja("Change log"));
	expect_inert("log", true);
	press("h");
	press("?");
	EXPECT_ROW(0, ja("Help"));
	expect_inert("help", true);
	press("?");
	press("f");
	EXPECT_SCREEN(ja("none"));
	expect_inert("filter picker", true);
	vt_key(cur, VTERM_KEY_ESCAPE);
	press(":");
	expect_inert("jump prompt", true);
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("/");
	expect_inert("search prompt", true);
	vt_key(cur, VTERM_KEY_ESCAPE);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, "方針1");
	expect_inert("items", true);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, "1-1");
	expect_inert("item sheet", true);
	press("e");
	EXPECT_ROW(-2, ja("note"));
	expect_inert("note editor", true);       /* the cursor is at the end: Delete is inert */
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("p");               /* the plan text: p (E is the 効果額) */
	EXPECT_ROW(-2, ja("plan"));
	expect_inert("plan editor", true);
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("m");
	expect_inert("meeting: the year", true);
	vt_key(cur, VTERM_KEY_ENTER);
	expect_inert("meeting: an entry", true);
	vt_key(cur, VTERM_KEY_ESCAPE);
	expect_inert("meeting: the summary", true);
	press("c");
	expect_inert("item sheet after the meeting", true);
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q after every client's keys");
	expect_file_unchanged("every client's keys");
}
END_TEST

/* ---- Home, End, PgUp, PgDn and the arrows do what they say */

/* Keys sent from a reset state give the same screen as the reference keys
 * from the same state. */
static void expect_like(const char *reset, const char *keys, const char *reference,
                        const char *what)
{
	struct snap want;
	int row;

	press(reset);
	press(reference);
	row = sync_marker();
	take(&want);
	press(reset);
	send(keys);
	row = sync_marker();
	expect_same(&want, row, what);
}

START_TEST(test_client_movement_keys)
{
	char what[256];

	start_xterm();
	press("M");
	EXPECT_ROW(0, ja("Status matrix: items by year"));
	for (size_t c = 0; c < N_CLIENTS; c++) {
		const struct client *cl = &clients[c];

		snprintf(what, sizeof what, "matrix, %s End", cl->name);
		expect_like("g", cl->end, "G", what);
		snprintf(what, sizeof what, "matrix, %s Home", cl->name);
		expect_like("G", cl->home, "g", what);
		snprintf(what, sizeof what, "matrix, %s PgDn", cl->name);
		expect_like("g", cl->pgdn, "\006", what);
		snprintf(what, sizeof what, "matrix, %s PgUp", cl->name);
		expect_like("G", cl->pgup, "\002", what);
	}
	for (int mode = 0; mode < 2; mode++) {
		snprintf(what, sizeof what, "matrix, Down (cursor mode %d)", mode);
		expect_like("g", arrows[mode][1], "j", what);
		snprintf(what, sizeof what, "matrix, Up (cursor mode %d)", mode);
		expect_like("G", arrows[mode][0], "k", what);
	}
	press("h");
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, "方針1");
	for (int mode = 0; mode < 2; mode++) {
		send(arrows[mode][2]);                 /* Right opens the item */
		EXPECT_ROW(0, " > 1-1 > ");
		send(arrows[mode][3]);                 /* Left goes back */
		EXPECT_NO_SCREEN(" > 1-1 > ");
		EXPECT_SCREEN("> 1-1 ");
	}
	/* the line editor: Home and End move the cursor */
	press("G");
	vt_key(cur, VTERM_KEY_ENTER);
	press("e");
	EXPECT_ROW(-2, ja("note"));
	press("abc");
	EXPECT_ROW(-1, "abc");
	for (size_t c = 0; c < N_CLIENTS; c++) {
		struct snap want;
		int row;

		snprintf(what, sizeof what, "note editor, %s Home", clients[c].name);
		press("\001");                           /* Ctrl-A: the start */
		row = sync_marker();
		take(&want);
		press("\005");                           /* Ctrl-E: the end */
		send(clients[c].home);
		row = sync_marker();
		expect_same(&want, row, what);
		EXPECT(want.cx == 1, "%s: cursor at column %d", what, want.cx);
		int cy, cx;
		vt_cursor(cur, &cy, &cx);
		EXPECT(cx == want.cx && cy == want.cy, "%s: cursor at %d,%d, want %d,%d", what, cy,
		       cx, want.cy, want.cx);
		snprintf(what, sizeof what, "note editor, %s End", clients[c].name);
		press("\005");
		row = sync_marker();
		take(&want);
		press("\001");
		send(clients[c].end);
		row = sync_marker();
		expect_same(&want, row, what);
		vt_cursor(cur, &cy, &cx);
		EXPECT(cx == want.cx && cx > 1, "%s: cursor at column %d, want %d", what, cx, want.cx);
	}
	vt_key(cur, VTERM_KEY_ESCAPE);
	EXPECT_SCREEN(ja("Edit cancelled; nothing changed."));
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q after the movement keys");
	expect_file_unchanged("movement keys");
}
END_TEST

/* ---- pastes */

START_TEST(test_paste_into_list_changes_nothing)
{
	start_xterm();
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, "方針1");
	/* what a mail holds: a status word and a digit, a line end, more digits */
	send(PASTE_BEGIN "見直し 4\r\n1234 5\tjjj G q" PASTE_END);
	EXPECT_ROW(-1, ja("A paste goes only into a text being edited (e, E, :, /); nothing was "
	                  "changed."));
	EXPECT_NO_SCREEN("[+");
	EXPECT(vt_find_row(cur, 0, "> 1-1") >= 0, "the selection moved");
	/* the first key after a paste is a key again */
	press("j");
	EXPECT_SCREEN("> 1-2");
	/* and in the meeting: digits would set statuses */
	press("m");
	vt_key(cur, VTERM_KEY_ENTER);
	send(PASTE_BEGIN "1" PASTE_END);
	EXPECT_SCREEN(ja("A paste goes only into a text being edited (e, E, :, /); nothing was "
	                 "changed."));
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("c");
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q after pasting into a list");
	expect_file_unchanged("a paste into a list");
}
END_TEST

/* A paste that pauses before its end mark (a slow link) changes nothing in
 * a list or a sheet: the rest of it is text too, not keys. */
START_TEST(test_paste_with_a_pause_changes_nothing)
{
	const char *wait_note = ja("A paste is still open: typing is pasted text (no changes) "
	                           "until Esc.");

	start_xterm();
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, "方針1");
	send(PASTE_BEGIN "見直し");
	EXPECT_ROW(-1, wait_note);               /* the pause */
	send(" 4\r\njjj" PASTE_END);
	press("j");                              /* a key again after the end mark */
	EXPECT_SCREEN("> 1-2");
	EXPECT_NO_SCREEN("[+");
	/* on a sheet, digits after the pause; then Esc as the way out of a
	 * paste whose end mark never comes */
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, "1-2");
	send(PASTE_BEGIN "4");
	EXPECT_ROW(-1, wait_note);
	press("4433");
	vt_key(cur, VTERM_KEY_ESCAPE);
	press("k");
	EXPECT_SCREEN("> 平成24年度");
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q after slow pastes");
	expect_file_unchanged("slow pastes");
}
END_TEST

START_TEST(test_paste_into_note_editor)
{
	const struct item *it = plan_find_item(plan, "1-1");
	const struct entry *e = it ? item_entry_for_year(it, plan->review_year) : NULL;
	char want[1024], *got;

	ck_assert_ptr_nonnull(e);
	start_xterm();
	vt_key(cur, VTERM_KEY_ENTER);
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, "1-1");
	press("e");
	EXPECT_ROW(-2, ja("note"));
	/* line ends and tabs become spaces, other control characters go */
	send(PASTE_BEGIN "見直し\t4\r\n次の\001行\033\r" PASTE_END);
	EXPECT_ROW(-1, "見直し 4 次の行");
	press("!");                              /* a key again */
	EXPECT_ROW(-1, "見直し 4 次の行 !");
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_SCREEN("[+1");
	press("w");
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q after pasting a note");
	snprintf(want, sizeof want, "note: %s見直し 4 次の行 !", e->note ? e->note : "");
	got = get_entry("1-1", plan->review_year);
	EXPECT(strstr(got, want) != NULL, "plandash get shows\n%s\nwant %s", got, want);
	free(got);
}
END_TEST

/* A paste whose end mark does not come is given after a pause, and what
 * follows is more of it until Esc; one far too long is cut, and none of
 * it becomes keys. */
START_TEST(test_paste_without_end_and_too_long)
{
	size_t big = 100 * 1024;
	char *text = malloc(big + 32), note[256];

	ck_assert_ptr_nonnull(text);
	start_xterm();
	vt_key(cur, VTERM_KEY_ENTER);
	vt_key(cur, VTERM_KEY_ENTER);
	press("e");
	EXPECT_ROW(-2, ja("note"));
	press("\025");                           /* Ctrl-U: empty */
	send(PASTE_BEGIN "abc");
	EXPECT_ROW(-1, "abc");
	press("d\025");                          /* after the pause, still pasted text */
	EXPECT_ROW(-1, "abcd");
	EXPECT_SCREEN(ja("A paste is still open: typing is pasted text until Esc."));
	vt_key(cur, VTERM_KEY_ESCAPE);           /* ends the paste, not the editor */
	press("\025");
	memcpy(text, PASTE_BEGIN, strlen(PASTE_BEGIN));
	for (size_t i = 0; i < big; i++)
		text[strlen(PASTE_BEGIN) + i] = (char)('0' + i % 10);
	strcpy(text + strlen(PASTE_BEGIN) + big, PASTE_END "x");   /* x comes with it */
	send(text);
	free(text);
	snprintf(note, sizeof note, ja("Only the first %d columns of the pasted text were taken."),
	         1000);
	EXPECT_ROW(-2, note);
	EXPECT_ROW(-1, "789x");                  /* the key after the paste is typed */
	vt_key(cur, VTERM_KEY_ESCAPE);
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q after long pastes");
	expect_file_unchanged("long pastes");
}
END_TEST

/* ---- escape sequences nobody knows, Alt keys, the keypad */

START_TEST(test_unknown_sequences_and_alt)
{
	char note[256];

	start_xterm();
	vt_key(cur, VTERM_KEY_ENTER);
	EXPECT_ROW(0, "方針1");
	/* F13 and Ctrl-Up: dropped whole, with a note */
	send("\033[25~");
	snprintf(note, sizeof note, ja("Unknown key %s: ignored."), "^[[25~");
	EXPECT_ROW(-1, note);
	send("\033[57;3u");                     /* Alt+9 as kitty sends it */
	snprintf(note, sizeof note, ja("Unknown key %s: ignored."), "^[[57;3u");
	EXPECT_ROW(-1, note);
	/* Alt+j and Alt+x are neither Esc (back) nor j nor x */
	send("\033j\033x");
	sync_marker();
	EXPECT(vt_find_row(cur, 0, "> 1-1") >= 0, "Alt+j moved the selection");
	EXPECT_ROW(0, "方針1");
	/* the keypad in application mode: Enter opens, a digit is a digit */
	send("\033OM");
	EXPECT_ROW(0, "1-1");
	send("\033Ot");
	EXPECT_SCREEN("[+1");
	EXPECT_ROW(-1, plan->statuses[3].label);
	press("u");
	EXPECT_NO_SCREEN("[+");
	press("q");
	expect_exit_ok("q after unknown sequences");
	expect_file_unchanged("unknown sequences");
}
END_TEST

static bool output_has_off(struct vt *vt, void *arg)
{
	(void)arg;
	return vt_output_has(vt, "\033[?2004l", 8);
}

/* Paste mode on again after it was turned off. */
static bool output_has_on_again(struct vt *vt, void *arg)
{
	size_t len;
	const char *out = vt_output(vt, &len), *o = memmem(out, len, "\033[?2004l", 8);

	(void)arg;
	return o && memmem(o, len - (size_t)(o - out), "\033[?2004h", 8);
}

/* Bracketed paste is on while the dashboard runs, off when it is
 * suspended and when it ends. */
START_TEST(test_paste_mode_on_and_off)
{
	static const char on[] = "\033[?2004h", off[] = "\033[?2004l";
	size_t len;
	const char *out, *o;

	start_xterm();
	EXPECT(vt_output_has(cur, on, strlen(on)), "bracketed paste was not turned on");
	EXPECT(!vt_output_has(cur, off, strlen(off)), "bracketed paste is off");
	vt_signal(cur, SIGTSTP);
	/* (a SIGCONT sent before the SIGTSTP is handled would discard it) */
	EXPECT(vt_wait(cur, output_has_off, NULL, WAIT_MS), "SIGTSTP did not turn bracketed paste off");
	vt_signal(cur, SIGCONT);
	/* ncurses drops what was typed while it was suspended */
	EXPECT(vt_wait(cur, output_has_on_again, NULL, WAIT_MS),
	       "bracketed paste was not turned on again after SIGCONT");
	press("j");
	EXPECT_SCREEN("> 方針2");
	out = vt_output(cur, &len);
	o = memmem(out, len, off, strlen(off));
	EXPECT(o != NULL, "SIGTSTP did not turn bracketed paste off");
	EXPECT(memmem(o, len - (size_t)(o - out), on, strlen(on)) != NULL,
	       "bracketed paste was not turned on again after SIGCONT");
	press("q");
	EXPECT(vt_wait_exit(cur, WAIT_MS, NULL), "q did not quit");
	out = vt_output(cur, &len);
	o = memmem(out, len, off, strlen(off));
	while (o && memmem(o + 1, len - (size_t)(o + 1 - out), off, strlen(off)))
		o = memmem(o + 1, len - (size_t)(o + 1 - out), off, strlen(off));
	EXPECT(o && !memmem(o, len - (size_t)(o - out), on, strlen(on)),
	       "bracketed paste is still on at the end");
}
END_TEST

/* ---- the language without LANG */

START_TEST(test_lang_without_locale)
{
	const char *const lang_ja[] = { "--lang", "ja", NULL };
	const char *const lang_en[] = { "--lang=en", NULL };
	char env_lang[] = "PLANDASH_LANG=ja";
	const char *with_env[] = { "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", env_lang, NULL };
	const char *both[] = { "LANG=" JA, "LC_ALL=" JA, env_lang, NULL };

	fresh_copy();
	/* PLANDASH_LANG=ja with no LANG at all, as PuTTY and Tera Term connect */
	spawn(file, with_env, NULL, true);
	EXPECT_ROW(-1, ja("quit"));
	EXPECT_SCREEN("方針1");
	EXPECT_NO_SCREEN(ja("The locale is not UTF-8; using C.UTF-8 for text."));
	press("q");
	expect_exit_ok("q, PLANDASH_LANG=ja");
	/* --lang ja does the same */
	spawn(file, no_lang, lang_ja, true);
	EXPECT_ROW(-1, ja("quit"));
	press("q");
	expect_exit_ok("q, --lang ja");
	/* the option comes first, before the environment and the locale */
	spawn(file, both, lang_en, true);
	EXPECT_ROW(-1, "q:quit");
	EXPECT_NO_SCREEN("方針1");
	press("q");
	expect_exit_ok("q, --lang=en");
	/* without anything: English, as before */
	spawn(file, no_lang, NULL, true);
	EXPECT_ROW(-1, "q:quit");
	press("q");
	expect_exit_ok("q, no LANG");
}
END_TEST

START_TEST(test_lang_errors_and_cli)
{
	char cmd[4 * PATH_MAX + 256], out[4096];
	FILE *p;
	size_t n;
	int st;

	snprintf(cmd, sizeof cmd, "env -u LANG -u LC_ALL -u LANGUAGE PLANDASH_LANG=ja %s '%s' "
	         "--check '%s' 2>&1", localedir_env, plandash_path, orig_path);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(out, 1, sizeof out - 1, p);
	out[n] = '\0';
	st = pclose(p);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "--check: status %d\n%s", st, out);
	EXPECT(strstr(out, ja("%s: valid\n") + 2) != NULL, "--check is not in Japanese:\n%s", out);

	snprintf(cmd, sizeof cmd, "env -u LANG -u LC_ALL '%s' --lang xx '%s' 2>&1 </dev/null",
	         plandash_path, orig_path);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(out, 1, sizeof out - 1, p);
	out[n] = '\0';
	st = pclose(p);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 2, "--lang xx: status %d", st);
	EXPECT(strstr(out, "\"xx\"") != NULL, "--lang xx: no message naming it:\n%s", out);

	snprintf(cmd, sizeof cmd, "PLANDASH_AMBIWIDTH=3 '%s' --check '%s' 2>&1", plandash_path,
	         orig_path);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(out, 1, sizeof out - 1, p);
	out[n] = '\0';
	st = pclose(p);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 2, "PLANDASH_AMBIWIDTH=3: status %d", st);
	EXPECT(strstr(out, "PLANDASH_AMBIWIDTH") != NULL, "no message naming it:\n%s", out);
}
END_TEST

/* ---- ambiguous width */

static bool ambiguous(uint32_t cp)
{
	return textcol_is_ambiguous(cp);
}

static char amb_ref[PATH_MAX + 32], amb_copy[PATH_MAX + 32];

/* The fixture with every ambiguous character replaced by U+3013, which is
 * two columns everywhere (as_is: a plain copy). */
static void write_reference(const char *src_path, const char *dst_path, bool as_is)
{
	size_t len, o = 0;
	char *src = read_all(src_path, &len), *dst;
	FILE *f;

	ck_assert_ptr_nonnull(src);
	dst = malloc(len * 2 + 1);
	ck_assert_ptr_nonnull(dst);
	for (size_t i = 0; i < len;) {
		unsigned char b = (unsigned char)src[i];
		size_t k = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
		uint32_t cp = k == 1 ? b : b & (0x3Fu >> (k - 1));

		for (size_t j = 1; j < k; j++)
			cp = cp << 6 | ((unsigned char)src[i + j] & 0x3Fu);
		if (!as_is && k > 1 && textcol_is_ambiguous(cp)) {
			memcpy(dst + o, "\xe3\x80\x93", 3);
			o += 3;
		} else {
			memcpy(dst + o, src + i, k);
			o += k;
		}
		i += k;
	}
	f = fopen(dst_path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(dst, 1, o, f), o);
	ck_assert_int_eq(fclose(f), 0);
	free(src);
	free(dst);
}

/* The keys that walk every view of the fixture, a screen after each. */
static const char *const amb_walk[] = {
	"", "\r", "\r", "e", "\033", "k", "k", "?", "G", "?", "h", "j", "j", "M", "G", "h", "m", "\r",
	"\033", "c", "q",
};
#define AMB_STEPS (sizeof amb_walk / sizeof amb_walk[0])

/* Run the walk on path with PLANDASH_AMBIWIDTH=2 on an emulated
 * wide-ambiguous terminal; keep each screen. */
static void walk_wide(const char *path, struct snap *shots)
{
	static const char *const env[] = { "LANG=" JA, "LC_ALL=" JA, "PLANDASH_AMBIWIDTH=2", NULL };

	spawn(path, env, NULL, false);
	vt_set_wide(cur, ambiguous);
	EXPECT(settled(vt_wait_frame(cur, WAIT_MS)), "no first frame");
	for (size_t i = 0; i < AMB_STEPS; i++) {
		if (strcmp(amb_walk[i], "\033") == 0)
			vt_key(cur, VTERM_KEY_ESCAPE);
		else if (strcmp(amb_walk[i], "q") == 0)
			break;
		else
			send(amb_walk[i]);
		sync_marker();
		take(&shots[i]);
	}
	press("q");
	expect_exit_ok("q after the walk");
}

START_TEST(test_ambiwidth_layout)
{
	static struct snap wide[AMB_STEPS], ref[AMB_STEPS];
	char src[PATH_MAX + 64];

	fresh_copy();
	snprintf(src, sizeof src, "%s/tests/data/ambiguous.yaml", srcdir);
	snprintf(amb_ref, sizeof amb_ref, "%s/reference.yaml", dir);
	write_reference(src, amb_ref, false);
	snprintf(amb_copy, sizeof amb_copy, "%s/ambiguous.yaml", dir);
	write_reference(src, amb_copy, true);
	walk_wide(amb_ref, ref);
	walk_wide(amb_copy, wide);
	for (size_t i = 0; i + 1 < AMB_STEPS; i++) {
		for (int r = 0; r < ROWS; r++) {
			if (strcmp(wide[i].row[r], ref[i].row[r]) != 0)
				FAIL("after \"%s\" (step %zu), row %d is\n#     |%s|\n# want\n#     |%s|",
				     amb_walk[i], i, r, wide[i].row[r], ref[i].row[r]);
		}
		EXPECT(wide[i].cy == ref[i].cy && wide[i].cx == ref[i].cx,
		       "after \"%s\" (step %zu), the cursor is at %d,%d, want %d,%d", amb_walk[i], i,
		       wide[i].cy, wide[i].cx, ref[i].cy, ref[i].cx);
	}
}
END_TEST

/* The calibration at the end of the help: its two '|' line up when the
 * setting matches the terminal, and only then.  The column of the '|' of
 * the row of ambiguous characters; *ruler gets the ruler's. */
static int bar_columns(int *ruler)
{
	int r = vt_find_row(cur, 1, "--|"), amb = -1;
	struct vt_cell cell;

	*ruler = -1;
	for (int c = 0; r > 1 && c < COLS; c++) {
		if (vt_cell(cur, r, c, &cell) && strcmp(cell.text, "|") == 0)
			*ruler = c;
		if (vt_cell(cur, r - 1, c, &cell) && strcmp(cell.text, "|") == 0)
			amb = c;
	}
	return amb;
}

static void calibration(const char *width, bool wide, bool lines_up)
{
	const char *const args[] = { "--ambiwidth", width, NULL };
	int amb, ruler;

	spawn(file, ja_env, args, false);
	if (wide)
		vt_set_wide(cur, ambiguous);
	EXPECT(settled(vt_wait_frame(cur, WAIT_MS)), "no first frame");
	press("?G");
	EXPECT_SCREEN("--|");
	amb = bar_columns(&ruler);
	EXPECT(amb >= 0 && ruler >= 0, "no calibration rows");
	if (lines_up)
		EXPECT(amb == ruler, "--ambiwidth %s, %s terminal: | at %d and %d", width,
		       wide ? "wide" : "narrow", amb, ruler);
	else
		EXPECT(amb != ruler, "--ambiwidth %s, %s terminal: both | at %d", width,
		       wide ? "wide" : "narrow", amb);
	press("?q");
	expect_exit_ok("q after the calibration");
}

START_TEST(test_ambiwidth_calibration)
{
	fresh_copy();
	calibration("2", true, true);
	calibration("1", false, true);
	calibration("2", false, false);
	calibration("1", true, false);
}
END_TEST

/* ---- runner */

static Suite *input_suite(void)
{
	const struct e2e_test tests[] = {
		{ "client_keys_change_nothing", test_client_keys_change_nothing },
		{ "client_movement_keys", test_client_movement_keys },
		{ "paste_into_list", test_paste_into_list_changes_nothing },
		{ "paste_into_note_editor", test_paste_into_note_editor },
		{ "paste_with_a_pause", test_paste_with_a_pause_changes_nothing },
		{ "paste_without_end_and_too_long", test_paste_without_end_and_too_long },
		{ "unknown_sequences_and_alt", test_unknown_sequences_and_alt },
		{ "paste_mode_on_and_off", test_paste_mode_on_and_off },
		{ "lang_without_locale", test_lang_without_locale },
		{ "lang_errors_and_cli", test_lang_errors_and_cli },
		{ "ambiwidth_layout", test_ambiwidth_layout },
		{ "ambiwidth_calibration", test_ambiwidth_calibration },
	};
	Suite *s = suite_create("e2e_input");

	e2e_add_tests(s, tests, sizeof tests / sizeof tests[0]);
	return s;
}

int main(void)
{
	if (!e2e_init("check_e2e_input"))
		return 1;
	return e2e_run(input_suite());
}
