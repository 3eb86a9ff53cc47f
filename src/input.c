/* input.c - keys, escape sequences and pastes from the terminal (see
 * input.h).
 *
 * ncurses does the first part: with keypad mode on it matches what
 * terminfo and define_key() know and returns a KEY_* code.  What it cannot
 * match comes back as ESC followed by the bytes (still in its queue, so
 * they are read here at once); the parser below reads them by the
 * CSI/SS3 grammar, so that an unknown sequence is dropped whole instead of
 * turning into keys such as Esc, '[', '4' and '~'. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "input.h"
#include "keys.h"
/* A read of this many ms or more that fails in under half of it, this many
 * times in a row, means the terminal is gone (read() returns at once on a
 * closed pty). */
#define FAST_MIN_MS 100
#define DEAD_TERMINAL_ERRS 20
/* Codes for the sequences that are not a KEY_* (keypad characters, the
 * paste marks): far above KEY_MAX and the codes ncurses gives to
 * extended terminfo keys. */
#define PRIVATE_BASE 0x1000
#define SEQ_MAX 64                /* bytes of a sequence kept for matching */

enum seq_kind { SEQ_CODE, SEQ_CHAR, SEQ_PASTE_BEGIN, SEQ_PASTE_END };

struct known_seq {
	const char *seq;
	enum seq_kind kind;
	int key;                  /* KEY_* for SEQ_CODE, the character for SEQ_CHAR */
};

#define K(s, k) { (s), SEQ_CODE, (k) }
#define C(s, c) { (s), SEQ_CHAR, (c) }

/* Every sequence known whatever TERM says.  Where two clients disagree,
 * the comment says which one won. */
static const struct known_seq known[] = {
	/* arrows: normal and application cursor mode */
	K("\033[A", KEY_UP), K("\033[B", KEY_DOWN), K("\033[C", KEY_RIGHT), K("\033[D", KEY_LEFT),
	K("\033OA", KEY_UP), K("\033OB", KEY_DOWN), K("\033OC", KEY_RIGHT), K("\033OD", KEY_LEFT),
	/* Home and End: VT220/PuTTY/Tera Term/Linux/screen (1~ 4~), rxvt
	 * (7~ 8~), xterm (H F, O H, O F) */
	K("\033[1~", KEY_HOME), K("\033[7~", KEY_HOME), K("\033[H", KEY_HOME), K("\033OH", KEY_HOME),
	K("\033[4~", KEY_END), K("\033[8~", KEY_END), K("\033[F", KEY_END), K("\033OF", KEY_END),
	/* Insert, Delete, PgUp, PgDn; PuTTY's SCO mode: L, I, G */
	K("\033[2~", KEY_IC), K("\033[L", KEY_IC), K("\033[3~", KEY_DC),
	K("\033[5~", KEY_PPAGE), K("\033[I", KEY_PPAGE), K("\033[6~", KEY_NPAGE), K("\033[G", KEY_NPAGE),
	/* keypad 5 without NumLock, Shift-Tab */
	K("\033[E", KEY_B2), K("\033OE", KEY_B2), K("\033[Z", KEY_BTAB),
	/* F1-F12: xterm and VT100 (O P..O S, then 15~..24~), VT220/PuTTY/rxvt
	 * (11~..14~), Linux console ([[A..[[E), PuTTY VT100+ (O P..O [; O X
	 * is F9 rather than the keypad's rare '='), SCO ([M..[X) */
	K("\033OP", KEY_F(1)), K("\033[11~", KEY_F(1)), K("\033[[A", KEY_F(1)), K("\033[M", KEY_F(1)),
	K("\033OQ", KEY_F(2)), K("\033[12~", KEY_F(2)), K("\033[[B", KEY_F(2)), K("\033[N", KEY_F(2)),
	K("\033OR", KEY_F(3)), K("\033[13~", KEY_F(3)), K("\033[[C", KEY_F(3)), K("\033[O", KEY_F(3)),
	K("\033OS", KEY_F(4)), K("\033[14~", KEY_F(4)), K("\033[[D", KEY_F(4)), K("\033[P", KEY_F(4)),
	K("\033[15~", KEY_F(5)), K("\033[[E", KEY_F(5)), K("\033OT", KEY_F(5)), K("\033[Q", KEY_F(5)),
	K("\033[17~", KEY_F(6)), K("\033OU", KEY_F(6)), K("\033[R", KEY_F(6)),
	K("\033[18~", KEY_F(7)), K("\033OV", KEY_F(7)), K("\033[S", KEY_F(7)),
	K("\033[19~", KEY_F(8)), K("\033OW", KEY_F(8)), K("\033[T", KEY_F(8)),
	K("\033[20~", KEY_F(9)), K("\033OX", KEY_F(9)), K("\033[U", KEY_F(9)),
	K("\033[21~", KEY_F(10)), K("\033OY", KEY_F(10)), K("\033[V", KEY_F(10)),
	K("\033[23~", KEY_F(11)), K("\033OZ", KEY_F(11)), K("\033[W", KEY_F(11)),
	K("\033[24~", KEY_F(12)), K("\033O[", KEY_F(12)), K("\033[X", KEY_F(12)),
	/* the keypad in application mode: the characters on its keys */
	C("\033Op", '0'), C("\033Oq", '1'), C("\033Or", '2'), C("\033Os", '3'), C("\033Ot", '4'),
	C("\033Ou", '5'), C("\033Ov", '6'), C("\033Ow", '7'), C("\033Ox", '8'), C("\033Oy", '9'),
	K("\033OM", KEY_ENTER), C("\033Ok", '+'), C("\033Om", '-'), C("\033Oj", '*'),
	C("\033Oo", '/'), C("\033On", '.'), C("\033Ol", ','),
	/* bracketed paste */
	{ "\033[200~", SEQ_PASTE_BEGIN, 0 }, { "\033[201~", SEQ_PASTE_END, 0 },
};

#define N_KNOWN (sizeof known / sizeof known[0])

/* What get_wch() gave: nothing (a time-out), a character or a code. */
enum item_kind { ITEM_NONE, ITEM_CHAR, ITEM_CODE };

struct item {
	enum item_kind kind;
	wint_t c;
};

static struct item pushed[4];     /* read too far: handed out again first */
static int n_pushed;
static int fast_errs;
static bool gone;
static bool draining;             /* dropping the rest of a paste that was cut */
static bool paste_open;           /* a paste paused before its end mark: what
                                     comes next is still pasted text */
static char *paste;
static size_t paste_cap;
static struct sigaction old_tstp;
static bool tstp_wrapped;

/* ---- reading */

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000L + (now.tv_nsec - t0->tv_nsec) / 1000000L;
}

static void push_back(struct item it)
{
	if (it.kind != ITEM_NONE && n_pushed < (int)(sizeof pushed / sizeof pushed[0]))
		pushed[n_pushed++] = it;
}

/* The next character or code, waiting up to ms (0: only what is there). */
static struct item next_item(int ms)
{
	struct item it = { ITEM_NONE, 0 };
	struct timespec t0;
	wint_t wc;
	int r;

	if (n_pushed)
		return pushed[--n_pushed];
	timeout(ms);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = get_wch(&wc);
	if (r == ERR) {
		if (ms >= FAST_MIN_MS && ms_since(&t0) < ms / 2) {
			if (++fast_errs > DEAD_TERMINAL_ERRS)
				gone = true;
		} else {
			fast_errs = 0;
		}
		return it;
	}
	fast_errs = 0;
	it.kind = r == KEY_CODE_YES ? ITEM_CODE : ITEM_CHAR;
	it.c = wc;
	return it;
}

static enum input_kind key_event(struct input_event *ev, bool is_code, wint_t key, bool meta)
{
	ev->kind = INPUT_KEY;
	ev->is_code = is_code;
	ev->key = key;
	ev->meta = meta;
	return ev->kind;
}

/* ---- escape sequences */

/* The bytes of a sequence being read; only the first SEQ_MAX are kept,
 * the count goes on. */
struct seq {
	char b[SEQ_MAX + 1];
	size_t n;
};

static void seq_add(struct seq *s, wint_t c)
{
	if (s->n < SEQ_MAX)
		s->b[s->n] = (char)c;
	s->n++;
}

static const struct known_seq *seq_lookup(const struct seq *s)
{
	if (s->n > SEQ_MAX)
		return NULL;
	for (size_t i = 0; i < N_KNOWN; i++)
		if (strlen(known[i].seq) == s->n && memcmp(known[i].seq, s->b, s->n) == 0)
			return &known[i];
	return NULL;
}

static enum input_kind unknown_event(struct input_event *ev, const struct seq *s)
{
	size_t n = s->n < SEQ_MAX ? s->n : SEQ_MAX, o = 0;

	for (size_t i = 0; i < n && o + 2 < INPUT_SEQ_SHOWN; i++) {
		unsigned char b = (unsigned char)s->b[i];

		if (b == ESC) {
			ev->seq[o++] = '^';
			ev->seq[o++] = '[';
		} else {
			ev->seq[o++] = b >= 0x20 && b < 0x7F ? (char)b : '?';
		}
	}
	if (o + 2 >= INPUT_SEQ_SHOWN || s->n > n)
		o += (size_t)snprintf(ev->seq + o, sizeof ev->seq - o, "...");
	ev->seq[o] = '\0';
	ev->kind = INPUT_UNKNOWN;
	return ev->kind;
}

static enum input_kind read_paste(struct input_event *ev);

/* A complete sequence: its key, a paste, or unknown.  SEQ_PASTE_END
 * without a paste (a stray end mark) is nothing: INPUT_TIMEOUT. */
static enum input_kind seq_event(struct input_event *ev, const struct seq *s)
{
	const struct known_seq *k = seq_lookup(s);

	if (!k)
		return unknown_event(ev, s);
	switch (k->kind) {
	case SEQ_CODE:        return key_event(ev, true, (wint_t)k->key, false);
	case SEQ_CHAR:        return key_event(ev, false, (wint_t)k->key, false);
	case SEQ_PASTE_BEGIN: return read_paste(ev);
	case SEQ_PASTE_END:   break;
	}
	return ev->kind = INPUT_TIMEOUT;
}

/* Parameters, intermediates and the final byte, after "ESC [" or (with
 * digit parameters) "ESC O".  s holds what was read so far. */
static enum input_kind read_csi_rest(struct input_event *ev, struct seq *s)
{
	for (;;) {
		struct item it = next_item(INPUT_ESCDELAY_MS);

		if (it.kind != ITEM_CHAR) {
			/* cut short by a pause or by a key ncurses matched */
			push_back(it);
			return unknown_event(ev, s);
		}
		if (it.c >= 0x20 && it.c <= 0x3F) {
			seq_add(s, it.c);
			continue;
		}
		if (it.c >= 0x40 && it.c <= 0x7E) {
			seq_add(s, it.c);
			/* the Linux console's F1-F5: ESC [ [ A..E */
			if (s->n == 3 && it.c == '[') {
				struct item f = next_item(INPUT_ESCDELAY_MS);

				if (f.kind == ITEM_CHAR && f.c >= 'A' && f.c <= 'E')
					seq_add(s, f.c);
				else
					push_back(f);
			}
			return seq_event(ev, s);
		}
		/* a control character or a non-ASCII one cannot be in a
		 * sequence: the sequence ends there, the character is itself */
		push_back(it);
		return unknown_event(ev, s);
	}
}

/* After ESC: a sequence, Alt+key, or (nothing within the delay) Esc.
 * ncurses has already waited the escape delay before giving the ESC, so
 * what belongs to it is queued: read without waiting. */
static enum input_kind read_escape(struct input_event *ev, int depth)
{
	struct item it = next_item(0);
	struct seq s = { .n = 0 };

	seq_add(&s, ESC);
	if (it.kind == ITEM_NONE)
		return key_event(ev, false, ESC, false);
	if (it.kind == ITEM_CODE) {
		if (it.c == KEY_RESIZE || it.c >= PRIVATE_BASE) {
			push_back(it);
			return key_event(ev, false, ESC, false);
		}
		return key_event(ev, true, it.c, true);       /* Alt+Up: ESC ESC [ A */
	}
	if (it.c == '[' || it.c == 'O') {
		struct item n = next_item(INPUT_ESCDELAY_MS);

		if (n.kind == ITEM_NONE)
			return key_event(ev, false, it.c, true);  /* Alt+[ or Alt+O */
		seq_add(&s, it.c);
		if (it.c == 'O' && n.kind == ITEM_CHAR && !(n.c >= '0' && n.c <= ';')) {
			if (n.c < 0x20 || n.c > 0x7E) {
				push_back(n);
				return unknown_event(ev, &s);
			}
			seq_add(&s, n.c);
			return seq_event(ev, &s);
		}
		push_back(n);
		return read_csi_rest(ev, &s);
	}
	if (it.c == ESC && depth == 0) {
		read_escape(ev, 1);
		if (ev->kind == INPUT_KEY && !(ev->key == ESC && !ev->is_code))
			ev->meta = true;
		return ev->kind;
	}
	return key_event(ev, false, it.c, true);
}

/* ---- pastes */

static void paste_add(struct input_event *ev, wint_t c)
{
	char u[MB_LEN_MAX];
	mbstate_t st;
	size_t k;

	memset(&st, 0, sizeof st);
	k = wcrtomb(u, (wchar_t)c, &st);
	if (k == (size_t)-1)
		return;
	if (ev->len + k + 1 > INPUT_PASTE_MAX) {
		ev->truncated = true;
		return;
	}
	if (ev->len + k + 1 > paste_cap) {
		size_t cap = paste_cap ? paste_cap * 2 : 1024;
		char *p;

		while (cap < ev->len + k + 1)
			cap *= 2;
		p = realloc(paste, cap);
		if (!p) {
			ev->truncated = true;
			return;
		}
		paste = p;
		paste_cap = cap;
	}
	memcpy(paste + ev->len, u, k);
	ev->len += k;
}

/* ESC inside a paste: the end mark if "[201~" follows (when ncurses did
 * not match it whole), else the characters read are text.  An ESC alone
 * (nothing within the escape delay) is the Esc key: it ends the paste too,
 * the way out when a terminal never sends the end mark. */
static bool paste_end_mark(struct input_event *ev)
{
	static const char rest[] = "[201~";

	for (size_t i = 0; rest[i]; i++) {
		struct item it = next_item(INPUT_ESCDELAY_MS);

		if (i == 0 && it.kind == ITEM_NONE)
			return true;
		if (it.kind != ITEM_CHAR || it.c != (wint_t)rest[i]) {
			for (size_t j = 0; j < i; j++)
				paste_add(ev, (wint_t)rest[j]);
			push_back(it);
			return false;
		}
	}
	return true;
}

/* One item of a paste; returns whether the paste goes on. */
static bool paste_item(struct input_event *ev, struct item it)
{
	if (it.kind == ITEM_NONE) {
		ev->unterminated = true;
		return false;
	}
	ev->unterminated = false;
	if (it.kind == ITEM_CODE) {
		if (it.c >= PRIVATE_BASE && it.c < PRIVATE_BASE + N_KNOWN) {
			const struct known_seq *k = &known[it.c - PRIVATE_BASE];

			if (k->kind == SEQ_PASTE_END)
				return false;
			if (k->kind == SEQ_CHAR)
				paste_add(ev, (wint_t)k->key);
		}
		return true;          /* a key sequence inside a paste is dropped */
	}
	if (it.c == ESC)
		return !paste_end_mark(ev);
	paste_add(ev, it.c);
	return true;
}

static enum input_kind read_paste(struct input_event *ev)
{
	ev->kind = INPUT_PASTE;
	ev->len = 0;
	while (!gone && paste_item(ev, next_item(INPUT_PASTE_IDLE_MS))) {
		if (ev->truncated) {
			draining = true;  /* give the event now; drop the rest later */
			break;
		}
	}
	/* paused before its end mark: give what came, and take what follows
	 * as more of the paste, never as keys */
	paste_open = ev->unterminated && !draining && !gone;
	if (!paste && !(paste = malloc(1))) {
		ev->len = 0;
		ev->text = "";
		return ev->kind;
	}
	paste[ev->len] = '\0';
	ev->text = paste;
	return ev->kind;
}

/* Drop the rest of a paste that was cut, for up to tick_ms.  Returns
 * whether it is over. */
static bool drain(int tick_ms)
{
	struct timespec t0;
	struct input_event scratch;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&scratch, 0, sizeof scratch);
	while (draining && !gone && ms_since(&t0) < tick_ms) {
		scratch.len = 0;
		scratch.truncated = false;
		/* a pause is not the end: only the end mark (or Esc) is */
		if (!paste_item(&scratch, next_item(INPUT_PASTE_IDLE_MS)) && !scratch.unterminated)
			draining = false;
	}
	return !draining;
}

/* ---- events */

static enum input_kind code_event(struct input_event *ev, wint_t code)
{
	if (code >= PRIVATE_BASE && code < PRIVATE_BASE + N_KNOWN) {
		const struct known_seq *k = &known[code - PRIVATE_BASE];

		if (k->kind == SEQ_CHAR)
			return key_event(ev, false, (wint_t)k->key, false);
		if (k->kind == SEQ_PASTE_BEGIN)
			return read_paste(ev);
		return ev->kind = INPUT_TIMEOUT;      /* a stray end mark */
	}
	return key_event(ev, true, code, false);
}

/* Key events given back (input_unread), oldest first. */
static struct input_event unread[INPUT_UNREAD_MAX];
static size_t n_unread;

bool input_unread(const struct input_event *ev)
{
	if (ev->kind != INPUT_KEY || n_unread == INPUT_UNREAD_MAX)
		return false;
	unread[n_unread++] = *ev;
	return true;
}

enum input_kind input_read(struct input_event *ev, int tick_ms)
{
	struct item it;

	if (n_unread) {
		*ev = unread[0];
		memmove(unread, unread + 1, --n_unread * sizeof unread[0]);
		return ev->kind;
	}
	memset(ev, 0, sizeof *ev);
	ev->text = "";
	if (draining && !drain(tick_ms))
		return ev->kind = gone ? INPUT_GONE : INPUT_TIMEOUT;
	it = next_item(tick_ms);
	if (gone)
		return ev->kind = INPUT_GONE;
	if (it.kind == ITEM_NONE)
		return ev->kind = INPUT_TIMEOUT;
	if (paste_open) {             /* more of a paste that paused */
		push_back(it);
		read_paste(ev);
		if (!ev->len && !ev->unterminated)
			ev->kind = INPUT_TIMEOUT;   /* only its end mark, or Esc */
		return ev->kind;
	}
	if (it.kind == ITEM_CODE)
		return code_event(ev, it.c);
	if (it.c == ESC)
		return read_escape(ev, 0);
	return key_event(ev, false, it.c, false);
}

/* ---- set-up */

/* Bracketed paste on or off, written at once to the terminal (ncurses
 * writes to standard output too; no sequence of its is cut: it is never
 * in the middle of one here).  Async-signal-safe. */
static void paste_mode(bool on)
{
	static const char enable[] = "\033[?2004h", disable[] = "\033[?2004l";

	if (on)
		(void)!write(STDOUT_FILENO, enable, sizeof enable - 1);
	else
		(void)!write(STDOUT_FILENO, disable, sizeof disable - 1);
}

/* Suspended by SIGTSTP (kill -TSTP; Ctrl-Z is a key in raw mode): paste
 * mode off while the shell has the terminal, on again after ncurses's
 * own handler has resumed the screen. */
static void on_tstp(int sig)
{
	int saved = errno;

	paste_mode(false);
	if (old_tstp.sa_handler != SIG_DFL && old_tstp.sa_handler != SIG_IGN)
		old_tstp.sa_handler(sig);
	paste_mode(true);
	errno = saved;
}

void input_start(void)
{
	struct sigaction sa;

	keypad(stdscr, TRUE);
	set_escdelay(INPUT_ESCDELAY_MS);
	for (size_t i = 0; i < N_KNOWN; i++)
		define_key(known[i].seq,
		           known[i].kind == SEQ_CODE ? known[i].key : PRIVATE_BASE + (int)i);
	paste_mode(true);
	n_pushed = 0;
	fast_errs = 0;
	gone = draining = false;
	/* ncurses installs its SIGTSTP handler only when the signal was at
	 * its default; wrap that one, leave anything else alone */
	tstp_wrapped = false;
	if (sigaction(SIGTSTP, NULL, &old_tstp) == 0 && old_tstp.sa_handler != SIG_DFL &&
	    old_tstp.sa_handler != SIG_IGN && !(old_tstp.sa_flags & SA_SIGINFO)) {
		sa = old_tstp;
		sa.sa_handler = on_tstp;
		tstp_wrapped = sigaction(SIGTSTP, &sa, NULL) == 0;
	}
}

void input_stop(void)
{
	if (tstp_wrapped)
		sigaction(SIGTSTP, &old_tstp, NULL);
	tstp_wrapped = false;
	paste_mode(false);
	free(paste);
	paste = NULL;
	paste_cap = 0;
}
