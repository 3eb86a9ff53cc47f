/* e2e_session.h - what the end-to-end test programs that edit a copy of
 * plan.yaml share: the paths of the binary under test and of the copy, the
 * running session (tests/vt.h), the original plan (loaded and as bytes),
 * the failure macros that dump the screen, and the set-up and runner.
 *
 * One program runs one session at a time: the globals below are that
 * session.  A test calls fresh_copy(), then start(), then press() and the
 * EXPECT_* macros; the checked fixture's teardown (added by e2e_add_tests)
 * ends the session and removes the copy's directory.
 */
#ifndef PLANDASH_TESTS_E2E_SESSION_H
#define PLANDASH_TESTS_E2E_SESSION_H

#include <check.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "plan.h"
#include "vt.h"

#define DOMAIN "plandash"
#define WAIT_MS 3000          /* a deadline for a screen to appear, never a sleep */
#define GONE_MS 1000          /* the issue: gone within a second */
#define ROWS 24
#define COLS 80
#define JA "ja_JP.UTF-8"
#define SETTLE_MS 25

/* Set once by e2e_init(). */
extern char plandash_path[PATH_MAX + 32];  /* the built binary */
extern char localedir_env[PATH_MAX + 32];  /* "PLANDASH_LOCALEDIR=<build>/po/locale" */
extern char srcdir[PATH_MAX];              /* top_srcdir, resolved */
extern char orig_path[PATH_MAX + 32];      /* <srcdir>/plan.yaml */
extern struct plan *plan;                  /* plan.yaml as the loader reads it */
extern char *orig;                         /* plan.yaml's bytes (NUL-terminated) */
extern size_t orig_len;

/* Set by fresh_copy(), emptied by remove_dir(). */
extern char dir[PATH_MAX];                 /* the test's temporary directory */
extern char file[PATH_MAX + 32];           /* <dir>/plan.yaml, the copy */
extern char recover[PATH_MAX + 48];        /* <file>.recover */

/* The running program, or NULL. */
extern struct vt *cur;

/* The characters press() has sent (UTF-8 characters, not bytes); a test
 * that counts keys against a budget zeroes it and adds its other keys. */
extern int keys_pressed;

/* ---- failing */

/* Fail the test at `line` with a printf-style message, after dumping the
 * screen of the running program (if any) to stderr.  Does not return. */
__attribute__((format(printf, 2, 3), noreturn)) void fail_with_screen(int line, const char *fmt, ...);

#define FAIL(...) fail_with_screen(__LINE__, __VA_ARGS__)
#define EXPECT(cond, ...) do { if (!(cond)) FAIL(__VA_ARGS__); } while (0)

/* Pass ok through; when it holds, first let the program finish drawing
 * (quiet for SETTLE_MS), so that the next key meets a complete frame. */
bool settled(bool ok);

#define EXPECT_SCREEN(s) \
	EXPECT(settled(vt_wait_screen(cur, (s), WAIT_MS)), "the screen never showed \"%s\"", (s))
#define EXPECT_NO_SCREEN(s) \
	EXPECT(settled(vt_wait_screen_not(cur, (s), WAIT_MS)), "the screen still shows \"%s\"", (s))
#define EXPECT_ROW(r, s) \
	EXPECT(settled(vt_wait_row(cur, (r), (s), WAIT_MS)), "row %d never showed \"%s\"", (r), (s))

/* ---- messages */

/* The Japanese translation of msgid (ja_n: of the plural form for n); the
 * test fails when po/ja.po has none. */
__attribute__((format_arg(1))) const char *ja(const char *msgid);
__attribute__((format_arg(1))) const char *ja_n(const char *one, const char *many,
                                               unsigned long n);

/* ---- files */

/* The whole file at path, NUL-terminated, its length (without the NUL) in
 * *len; NULL when it cannot be read.  The caller frees it. */
char *read_all(const char *path, size_t *len);

/* A fresh directory under $TMPDIR (or /tmp) holding a copy of plan.yaml:
 * sets dir, file and recover.  Fails the test when it cannot. */
void fresh_copy(void);

/* Remove dir and everything the program left in it (the lock, the
 * history, a recovery file, a temporary file of a killed save), and empty
 * dir.  Nothing happens when dir is empty. */
void remove_dir(void);

/* The lines of a buffer, each with its line end (the last may lack one).
 * split() fills out (pointing into s); lines_free() frees the arrays. */
struct lines {
	const char **start;
	size_t *len;
	size_t n;
};
void split(const char *s, size_t n, struct lines *out);
void lines_free(struct lines *l);
/* Whether line i of a and line j of b are the same bytes. */
bool same_line(const struct lines *a, size_t i, const struct lines *b, size_t j);

/* ---- the program */

/* Start plandash in Japanese at ROWS x COLS on the copy (with an option
 * such as "-r", or NULL) and wait for its first complete frame (the hint
 * bar or a prompt); sets cur.  Fails the test when it cannot. */
void start(const char *option);

/* Type keys (UTF-8 text, one key per character) and count them in
 * keys_pressed. */
void press(const char *keys);

/* Wait for the program to exit with status 0 (the test fails otherwise,
 * saying `how`), then free cur. */
void expect_exit_ok(const char *how);

/* Run `plandash ARGS` (args is pasted into a shell command line after the
 * binary, so quote paths) in the C.UTF-8 locale and return its standard
 * output (the caller frees it).  The test fails when it exits non-zero. */
char *run(const char *args);

/* The batch `plandash get` of item id in year, on the copy. */
char *get_entry(const char *id, int year);

/* ---- set-up and runner */

/* The value of environment variable name, or fallback when it is unset or
 * empty. */
const char *env_or(const char *name, const char *fallback);

/* Resolve the paths from $top_srcdir and $top_builddir, set the process
 * locale to JA and bind the message catalogue of the build, load plan.yaml
 * (plan, orig, orig_len) and arrange for cleanup() at exit.  On failure
 * prints why, prefixed by prog, and returns false. */
bool e2e_init(const char *prog);

/* End the session (cur) and remove the copy: the checked teardown. */
void teardown(void);

/* Free everything e2e_init() and the last test left. */
void cleanup(void);

/* Add each test to s in its own test case named after it, with a 60 s
 * time-out and teardown() as the checked fixture. */
struct e2e_test {
	const char *name;
	const TTest *test;
};
void e2e_add_tests(Suite *s, const struct e2e_test *tests, size_t n);

/* Run every test of s (verbosity from $CK_VERBOSITY) and return the
 * process's exit status: EXIT_SUCCESS when none failed. */
int e2e_run(Suite *s);

#endif
