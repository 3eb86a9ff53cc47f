/* input.h - the keyboard: the only module that reads the terminal (curses
 * layer: only ui*.c include it).
 *
 * What SSH clients send is turned into events, whatever TERM says:
 *  - After ESC, the bytes that arrive within the escape delay (25 ms) form
 *    one sequence, by the grammar of ECMA-48: "ESC [" parameters
 *    (0x30-0x3F), intermediates (0x20-0x2F) and a final byte (0x40-0x7E);
 *    "ESC O" and one byte (or digit parameters and a final byte).
 *  - A known sequence is its key: the variants of PuTTY (default, "Xterm
 *    R6", VT100+, SCO, Linux), Tera Term, rxvt, the Linux console,
 *    screen/tmux and VT220 for Home, End, Insert, Delete, PgUp, PgDn,
 *    F1-F12 and the arrows in both cursor modes, and the keypad in
 *    application mode (ESC O p..y are the digits 0..9: a keypad digit is a
 *    digit key; ESC O M is Enter).  They are taught to ncurses with
 *    define_key() at input_start(), and the parser knows them too.
 *  - An unknown sequence is dropped whole (never split into keys) and
 *    reported once, printable, for a note.
 *  - ESC and one more character is Alt+that character (meta), not Esc
 *    followed by it; ESC alone for the escape delay is the Esc key.
 *  - Bracketed paste is on while the session runs (ESC[?2004h, turned off
 *    at input_stop() and while suspended by SIGTSTP): ESC[200~ ... ESC[201~
 *    is one event holding the whole text, so no pasted character is ever a
 *    key.  A paste longer than INPUT_PASTE_MAX bytes is cut (the rest is
 *    read and dropped until its end mark).  A paste that pauses for
 *    INPUT_PASTE_IDLE_MS is given as far as it came (unterminated), and
 *    what follows is more of it, never keys, until its end mark, or the
 *    Esc key for a terminal that lost it.
 */
#ifndef PLANDASH_INPUT_H
#define PLANDASH_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define INPUT_ESCDELAY_MS 25          /* the escape delay */
#define INPUT_PASTE_MAX (64 * 1024)   /* bytes of a paste kept */
#define INPUT_PASTE_IDLE_MS 500       /* a paste without its end mark ends */
#define INPUT_SEQ_SHOWN 24            /* bytes of an unknown sequence shown */

enum input_kind {
	INPUT_KEY,                /* a key: is_code, key, meta */
	INPUT_PASTE,              /* a bracketed paste: text, len, truncated */
	INPUT_UNKNOWN,            /* an unknown escape sequence, dropped: seq */
	INPUT_TIMEOUT,            /* nothing arrived within the tick */
	INPUT_GONE,               /* the terminal is gone: reads fail at once,
	                             again and again (a closed pty with SIGHUP
	                             blocked or ignored) */
};

struct input_event {
	enum input_kind kind;
	/* INPUT_KEY: a KEY_* code (is_code: arrows, F-keys, KEY_RESIZE, ...)
	 * or a character, as get_wch() reports them.  meta: Alt was held (ESC
	 * came just before it); the dashboard binds no Alt keys. */
	bool is_code;
	bool meta;
	wint_t key;
	/* INPUT_PASTE: the pasted text as it came (UTF-8, NUL-terminated, any
	 * control characters included), valid until the next input_read().
	 * truncated: it was longer than INPUT_PASTE_MAX and was cut;
	 * unterminated: it paused before its end mark (more may follow). */
	const char *text;
	size_t len;
	bool truncated;
	bool unterminated;
	/* INPUT_UNKNOWN: the sequence, printable ("^[[25~"), cut with "..." */
	char seq[INPUT_SEQ_SHOWN + 8];
};

/* After newterm(): keypad mode, the escape delay, the key variants, and
 * bracketed paste on.  Installs a SIGTSTP
 * handler around ncurses's own so that paste mode is off while the
 * program is suspended. */
void input_start(void);

/* Before endwin() (after the last doupdate()): bracketed paste off, the SIGTSTP handler removed, the
 * paste buffer freed. */
void input_stop(void);

/* Wait up to tick_ms for the next event and fill ev.  Returns ev->kind.
 * A paste or an escape sequence being read may take longer than the tick
 * (each of its bytes waits the escape delay, or INPUT_PASTE_IDLE_MS in a
 * paste).  Once INPUT_GONE is returned, it is returned again. */
enum input_kind input_read(struct input_event *ev, int tick_ms);

/* Give a key event back: the next input_read() calls return the keys
 * given back first, in the order they were given (a save waiting for
 * another session's lock reads ahead to see Esc, and must lose no other
 * key).  Only INPUT_KEY events are kept; returns false when the queue of
 * INPUT_UNREAD_MAX is full. */
#define INPUT_UNREAD_MAX 64
bool input_unread(const struct input_event *ev);

#endif
