/* keybytes.c - what each keystroke costs on the wire, against vim and less.
 *
 * Runs plandash, `vim -u NONE -N -n -i NONE FILE` and `less FILE` one after
 * the other in a pseudo-terminal of 80x24 (tests/vt.c), and reports for
 * each: the time until the first complete frame (the bottom row painted),
 * the bytes of that first paint, and the average bytes written per key for
 * a one-row move, a page move, open and back, plus a forced full redraw
 * (Ctrl-L) as the yardstick for "a full repaint".
 *
 * Usage: keybytes PLANDASH PLAN.YAML [PRESSES]
 * The environment's PLANDASH_LOCALEDIR is passed on; LANG is ja_JP.UTF-8
 * when that locale exists, else C.UTF-8.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vt.h"

enum { ROWS = 24, COLS = 80 };
enum { START_MS = 10000, QUIET_MS = 80, KEY_MAX_MS = 3000 };

/* One measured key: how to press it and what it cost. */
struct keycost {
	const char *name;
	double bytes;             /* average per press; < 0 when not measured */
};

enum { K_ROW, K_PAGE, K_OPEN, K_BACK, K_REDRAW, K_COUNT };

struct result {
	const char *program;
	const char *note;         /* why it was not measured, or NULL */
	double first_ms;          /* until the bottom row is painted */
	size_t first_bytes;       /* the whole first paint */
	struct keycost key[K_COUNT];
};

static bool bottom_painted(struct vt *vt, void *arg)
{
	(void)arg;
	char buf[2048];
	vt_row_trim(vt, -1, buf, sizeof buf);
	return buf[0] != '\0';
}

static bool in_path(const char *prog)
{
	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path)
		return false;
	char dir[4096];
	while (*path) {
		size_t n = strcspn(path, ":");
		snprintf(dir, sizeof dir, "%.*s/%s", (int)n, n ? path : ".", prog);
		struct stat st;
		if (stat(dir, &st) == 0 && S_ISREG(st.st_mode) && access(dir, X_OK) == 0)
			return true;
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

/* Press a key (by callback) `presses` times; average bytes per press. */
typedef void press_fn(struct vt *vt, int i);

static double measure(struct vt *vt, press_fn *press, press_fn *undo, int presses)
{
	size_t total = 0;
	for (int i = 0; i < presses; i++) {
		size_t before = vt_bytes(vt);
		press(vt, i);
		vt_pump_quiet(vt, QUIET_MS, KEY_MAX_MS);
		total += vt_bytes(vt) - before;
		if (undo) {
			undo(vt, i);
			vt_pump_quiet(vt, QUIET_MS, KEY_MAX_MS);
		}
	}
	return presses > 0 ? (double)total / presses : -1;
}

static void press_j(struct vt *vt, int i) { (void)i; vt_char(vt, 'j', VTERM_MOD_NONE); }
static void press_k(struct vt *vt, int i) { (void)i; vt_char(vt, 'k', VTERM_MOD_NONE); }
static void press_pgdn(struct vt *vt, int i) { (void)i; vt_key(vt, VTERM_KEY_PAGEDOWN); }
static void press_pgup(struct vt *vt, int i) { (void)i; vt_key(vt, VTERM_KEY_PAGEUP); }
static void press_space(struct vt *vt, int i) { (void)i; vt_char(vt, ' ', VTERM_MOD_NONE); }
static void press_b(struct vt *vt, int i) { (void)i; vt_char(vt, 'b', VTERM_MOD_NONE); }
static void press_enter(struct vt *vt, int i) { (void)i; vt_key(vt, VTERM_KEY_ENTER); }
static void press_h(struct vt *vt, int i) { (void)i; vt_char(vt, 'h', VTERM_MOD_NONE); }
static void press_ctrl_l(struct vt *vt, int i) { (void)i; vt_char(vt, 'l', VTERM_MOD_CTRL); }

static void start(struct result *r, struct vt **out, const char *const argv[], const char *const env[])
{
	char err[256];
	*out = NULL;
	if (!in_path(argv[0])) {
		r->note = "not installed";
		return;
	}
	double t0 = vt_now_ms();
	struct vt *vt = vt_spawn(ROWS, COLS, argv, env, err, sizeof err);
	if (!vt) {
		fprintf(stderr, "keybytes: %s: %s\n", argv[0], err);
		r->note = "could not start";
		return;
	}
	if (!vt_wait(vt, bottom_painted, NULL, START_MS)) {
		vt_dump(vt, stderr, argv[0]);
		r->note = "no complete first frame";
		vt_free(vt);
		return;
	}
	r->first_ms = vt_now_ms() - t0;
	vt_pump_quiet(vt, QUIET_MS * 2, KEY_MAX_MS);
	r->first_bytes = vt_bytes(vt);
	*out = vt;
}

static void finish(struct vt *vt, const char *quit)
{
	vt_raw(vt, quit, strlen(quit));
	if (!vt_wait_exit(vt, 3000, NULL))
		fprintf(stderr, "keybytes: a program did not quit; killed\n");
	vt_free(vt);
}

static void init_result(struct result *r, const char *program)
{
	memset(r, 0, sizeof *r);
	r->program = program;
	static const char *const names[K_COUNT] = { "row", "page", "open", "back", "redraw" };
	for (int k = 0; k < K_COUNT; k++) {
		r->key[k].name = names[k];
		r->key[k].bytes = -1;
	}
}

static void print_cell(double v)
{
	if (v < 0)
		printf(" %8s", "-");
	else
		printf(" %8.0f", v);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s PLANDASH PLAN.YAML [PRESSES]\n", argv[0]);
		return 2;
	}
	const char *plandash = argv[1], *file = argv[2];
	int presses = argc > 3 ? atoi(argv[3]) : 6;
	if (presses < 1)
		presses = 1;
	if (access(file, R_OK) != 0) {
		fprintf(stderr, "keybytes: cannot read %s\n", file);
		return 2;
	}
	const char *lang = setlocale(LC_ALL, "ja_JP.UTF-8") ? "ja_JP.UTF-8" : "C.UTF-8";
	char lang_env[64], lc_env[64], dir_env[4096];
	snprintf(lang_env, sizeof lang_env, "LANG=%s", lang);
	snprintf(lc_env, sizeof lc_env, "LC_ALL=%s", lang);
	const char *localedir = getenv("PLANDASH_LOCALEDIR");
	snprintf(dir_env, sizeof dir_env, "PLANDASH_LOCALEDIR=%s", localedir ? localedir : "");
	const char *env[] = { lang_env, lc_env, localedir ? dir_env : "PLANDASH_LOCALEDIR",
	                      "LESS", "LESSOPEN", "LESSCLOSE", "LESSHISTFILE=-", "VIMINIT",
	                      "EXINIT", "ESCDELAY=25", NULL };

	struct result res[3];
	struct vt *vt;

	/* plandash: open the first policy; rows are items there. */
	init_result(&res[0], "plandash");
	const char *pd_argv[] = { plandash, file, NULL };
	start(&res[0], &vt, pd_argv, env);
	if (vt) {
		res[0].key[K_REDRAW].bytes = measure(vt, press_ctrl_l, NULL, presses);
		/* open a policy and come back: the overview <-> items */
		res[0].key[K_OPEN].bytes = measure(vt, press_enter, press_h, presses);
		/* back is measured from the items list, and ends there again */
		press_enter(vt, 0);
		vt_pump_quiet(vt, QUIET_MS, KEY_MAX_MS);
		res[0].key[K_BACK].bytes = measure(vt, press_h, press_enter, presses);
		res[0].key[K_ROW].bytes = measure(vt, press_j, NULL, presses);
		for (int i = 0; i < presses; i++)
			press_k(vt, i);
		vt_pump_quiet(vt, QUIET_MS, KEY_MAX_MS);
		res[0].key[K_PAGE].bytes = measure(vt, press_pgdn, press_pgup, presses);
		finish(vt, "qq");
	}

	init_result(&res[1], "vim -u NONE");
	const char *vim_argv[] = { "vim", "-u", "NONE", "-N", "-n", "-i", "NONE", file, NULL };
	start(&res[1], &vt, vim_argv, env);
	if (vt) {
		res[1].key[K_REDRAW].bytes = measure(vt, press_ctrl_l, NULL, presses);
		/* j from the top of the window moves the cursor only */
		res[1].key[K_ROW].bytes = measure(vt, press_j, NULL, presses);
		res[1].key[K_PAGE].bytes = measure(vt, press_pgdn, press_pgup, presses);
		finish(vt, "\033:qa!\r");
	}

	init_result(&res[2], "less");
	const char *less_argv[] = { "less", file, NULL };
	start(&res[2], &vt, less_argv, env);
	if (vt) {
		res[2].key[K_REDRAW].bytes = measure(vt, press_ctrl_l, NULL, presses);
		res[2].key[K_ROW].bytes = measure(vt, press_j, NULL, presses);
		res[2].key[K_PAGE].bytes = measure(vt, press_space, press_b, presses);
		finish(vt, "q");
	}

	printf("keybytes: %dx%d, %s, TERM=xterm-256color, %d presses per key, file %s\n",
	       COLS, ROWS, lang, presses, file);
	printf("%-12s %9s %8s %8s %8s %8s %8s %8s\n", "program", "1st frame", "1st B",
	       "row B", "page B", "open B", "back B", "redraw B");
	for (int p = 0; p < 3; p++) {
		const struct result *r = &res[p];
		if (r->note) {
			printf("%-12s %s\n", r->program, r->note);
			continue;
		}
		printf("%-12s %6.1f ms %8zu", r->program, r->first_ms, r->first_bytes);
		static const int order[] = { K_ROW, K_PAGE, K_OPEN, K_BACK, K_REDRAW };
		for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
			print_cell(r->key[order[k]].bytes);
		printf("\n");
	}
	printf("(row = j; page = PgDn, for less space; open = Enter and back = h, "
	       "between the overview and a policy's items; redraw = Ctrl-L)\n");
	const double two_rows = 2.0 * COLS;
	for (int p = 0; p < 3; p++) {
		const struct result *r = &res[p];
		double row = r->key[K_ROW].bytes, redraw = r->key[K_REDRAW].bytes;
		if (r->note || row < 0)
			continue;
		printf("%-12s one-row move: %.0f B = %.1f%% of the first paint (%zu B)", r->program, row,
		       r->first_bytes ? 100.0 * row / (double)r->first_bytes : 0.0, r->first_bytes);
		if (redraw > 0)
			printf(", %.1f%% of a redraw (%.0f B)", 100.0 * row / redraw, redraw);
		printf(", %.2fx two rows of cells (%.0f)\n", row / two_rows, two_rows);
	}
	if (!res[0].note) {
		double row = res[0].key[K_ROW].bytes;
		printf("goal: a one-row move within two rows' worth (%.0f B): %s\n", two_rows,
		       row <= two_rows ? "met" : "NOT met");
	}
	return res[0].note ? 1 : 0;
}
