/* vt.h - drive a program in a pseudo-terminal and read its screen back.
 *
 * A small harness over forkpty() and libvterm for the end-to-end tests and
 * the benchmark.  The program runs on the slave side of a pty of a given
 * size; everything it writes is counted and fed to a libvterm screen (with
 * the alternate screen enabled, as a real xterm has it), whose cells can be
 * read back as text, widths and attributes.  Keys go through libvterm's
 * keyboard API, so cursor keys follow the mode the program asked for
 * (DECCKM: "\eOA" after smkx, "\e[A" before).
 *
 * Synchronisation is by predicate: vt_wait_*() pump output until the screen
 * shows what is expected or a deadline passes.  Nothing sleeps for a fixed
 * time.  The child is always reaped: vt_free() kills it if it still runs,
 * and the child dies with its parent (PR_SET_PDEATHSIG), so an aborted test
 * leaves neither zombies nor orphans.
 */
#ifndef PLANDASH_TESTS_VT_H
#define PLANDASH_TESTS_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <vterm.h>

struct vt;

/* Start argv[0] (searched in PATH when it has no '/') at rows x cols.
 * The child gets TERM=xterm-256color, and LINES, COLUMNS, LANGUAGE and
 * NO_COLOR removed, so that the caller's environment cannot change what the
 * tests see; then each "NAME=value" of env (NULL-terminated, may be NULL)
 * is set, and a bare "NAME" is removed.  Returns NULL (with a message in
 * err) when the pty or the fork fails; a failed exec shows up as exit
 * status 127. */
struct vt *vt_spawn(int rows, int cols, const char *const argv[], const char *const env[],
                    char *err, size_t errsize);

/* vt_spawn() with flags: VT_BLOCK_SIGHUP starts the program with SIGHUP
 * blocked (as some launchers leave it), so that only its own reading of a
 * dead terminal can tell it the terminal is gone. */
enum { VT_BLOCK_SIGHUP = 1 };
struct vt *vt_spawn_flags(int rows, int cols, const char *const argv[], const char *const env[],
                          unsigned flags, char *err, size_t errsize);

/* Kill the child if it still runs (SIGKILL), reap it, close the pty and
 * free everything.  NULL is fine. */
void vt_free(struct vt *vt);

pid_t vt_pid(const struct vt *vt);
int vt_rows(const struct vt *vt);
int vt_cols(const struct vt *vt);

/* Bytes read from the program so far (all output since the spawn). */
size_t vt_bytes(const struct vt *vt);

/* Everything the program wrote so far, as raw bytes (the first 16 MiB). */
const char *vt_output(const struct vt *vt, size_t *len);
/* Whether the raw output contains the len bytes at needle. */
bool vt_output_has(const struct vt *vt, const void *needle, size_t len);

/* Read whatever the program writes for up to ms milliseconds.  Returns the
 * bytes read in this call. */
size_t vt_pump(struct vt *vt, int ms);

/* Read until the program has been silent for quiet_ms, or max_ms passed.
 * Returns the bytes read in this call.  Meant for measuring (bench), not
 * for deciding what the screen shows. */
size_t vt_pump_quiet(struct vt *vt, int quiet_ms, int max_ms);

/* Pump output until pred(vt, arg) holds (checked before each read and after
 * each chunk), or ms milliseconds pass, or the program closes the terminal.
 * Returns whether pred held. */
bool vt_wait(struct vt *vt, bool (*pred)(struct vt *vt, void *arg), void *arg, int ms);

/* Wait until row `row` (0-based; a negative row counts from the bottom,
 * -1 = last row) contains needle (UTF-8). */
bool vt_wait_row(struct vt *vt, int row, const char *needle, int ms);
/* Wait until the program has drawn a frame: row 0 (the header) holds a
 * character that is not a space. */
bool vt_wait_frame(struct vt *vt, int ms);
/* Wait until some row contains needle. */
bool vt_wait_screen(struct vt *vt, const char *needle, int ms);
/* Wait until no row contains needle. */
bool vt_wait_screen_not(struct vt *vt, const char *needle, int ms);
/* Wait until the row text is exactly `text` once both are right-trimmed. */
bool vt_wait_row_is(struct vt *vt, int row, const char *text, int ms);

/* Input.  Esc (vt_key() and vt_key_mod() without modifiers) waits until
 * the program has read it and then VT_ESC_GAP_MS more, as a person's next
 * key does: ESC followed by a key within the program's escape delay
 * (25 ms) is Alt+key.  Raw bytes (vt_raw) are sent as they are. */
#define VT_ESC_GAP_MS 80
void vt_key(struct vt *vt, VTermKey key);                  /* arrows, PgUp, Enter, Esc, ... */
void vt_key_mod(struct vt *vt, VTermKey key, VTermModifier mod);
void vt_char(struct vt *vt, uint32_t ch, VTermModifier mod); /* one character; Ctrl-F = ('f', CTRL) */
void vt_text(struct vt *vt, const char *utf8);              /* each character of a UTF-8 string */
void vt_raw(struct vt *vt, const void *bytes, size_t len);  /* bytes as they are */
/* Wait up to ms (reading the program's output) until the program has read
 * everything sent to it.  Returns false on the deadline, or when it cannot
 * be told. */
bool vt_wait_read(struct vt *vt, int ms);

/* Emulate a terminal that draws some characters two columns wide although
 * the program's C library says one (PuTTY's "treat CJK ambiguous
 * characters as wide"): from now on each character of the output for
 * which wide(cp) holds is drawn as U+3013 (〓, two columns).  NULL turns
 * it off.  Raw output (vt_output) is kept as it was. */
void vt_set_wide(struct vt *vt, bool (*wide)(uint32_t cp));

/* Screen.  vt_row() writes row `row` as UTF-8 into buf: a double-width
 * character takes two columns and is written once, an empty cell is a
 * space, so the text always spans exactly vt_cols() columns.  Returns buf
 * (an empty string when row is out of range).  A buffer of
 * vt_cols() * 4 * VTERM_MAX_CHARS_PER_CELL + 1 bytes always suffices. */
char *vt_row(struct vt *vt, int row, char *buf, size_t cap);
/* The same for columns [col, col + ncols) of a row.  The second half of a
 * double-width character at `col` is written as nothing. */
char *vt_row_span(struct vt *vt, int row, int col, int ncols, char *buf, size_t cap);
/* vt_row() without trailing spaces. */
char *vt_row_trim(struct vt *vt, int row, char *buf, size_t cap);
/* First row (from `from`) containing needle, or -1. */
int vt_find_row(struct vt *vt, int from, const char *needle);

struct vt_cell {
	char text[4 * VTERM_MAX_CHARS_PER_CELL + 1]; /* UTF-8; "" for an empty cell */
	int width;                 /* 2 for the first cell of a wide character */
	bool continuation;         /* the second cell of a wide character */
	bool bold, reverse, italic, blink;
	int underline;             /* 0 = none */
	bool fg_default, bg_default;
	int fg_index, bg_index;    /* palette index, -1 when default or RGB */
};
/* Read one cell.  Returns false when (row, col) is off the screen. */
bool vt_cell(struct vt *vt, int row, int col, struct vt_cell *out);

/* Where the terminal's cursor is (0-based). */
void vt_cursor(struct vt *vt, int *row, int *col);

/* Resize the terminal: the program gets SIGWINCH. */
void vt_resize(struct vt *vt, int rows, int cols);

/* Close the pty master, as a dropped SSH connection does: the program gets
 * SIGHUP and EIO.  The screen stays readable. */
void vt_hangup(struct vt *vt);

/* Send a signal to the program.  Returns kill()'s result. */
int vt_signal(struct vt *vt, int sig);

/* Wait up to ms for the program to exit, reading its output meanwhile so
 * that it never blocks on a full pty.  Returns true when it exited (its
 * wait status in *status when status is not NULL). */
bool vt_wait_exit(struct vt *vt, int ms, int *status);
/* Whether the program has exited (after vt_wait_exit or a reap). */
bool vt_exited(const struct vt *vt);

/* CPU time (user + system, in clock ticks) the running program has used,
 * from /proc/PID/stat; -1 when unknown. */
long vt_cpu_ticks(const struct vt *vt);

/* Print every row, numbered and framed, to f, each line starting with
 * "# " (a TAP comment), after a title line. */
void vt_dump(struct vt *vt, FILE *f, const char *title);

/* Milliseconds on a monotonic clock. */
double vt_now_ms(void);

#endif
