/* keytime.c - how long a key takes at 100,000 items next to 62, in each
 * view, through the real program.
 *
 * Runs plandash in a pseudo-terminal of 80x24 (tests/vt.c) on two plans in
 * the same run (the real plan.yaml and a generated large one), and times
 * keys in each view: the overview, a policy's item list, an item sheet,
 * the matrix (j and k, alternately, so that every key changes the screen),
 * and one search keystroke (after "/" and a first character, the second
 * character, then Backspace, untimed).  It uses only keys every version of
 * the dashboard keeps: j, k, Enter, M, /, Esc, Backspace and q.
 *
 * What is timed: from writing the key to the arrival of the last byte of
 * the frame it causes.  A frame is one burst of output: ncurses writes a
 * frame in one go, so each of its chunks is waiting when the previous one
 * has been read; a chunk that comes GAP_MS or more after this side went
 * back to reading starts a late update (a count finished between keys,
 * say), which is not part of the key's time and is counted in the "late"
 * column.  (On a busy machine this side can itself wait that long for a
 * CPU: a late update there may be the end of the frame, and the time a
 * little short.  The CPU column does not depend on it.)  Before the next
 * key, the program must have been silent for QUIET_MS.  The figure is the
 * median over the presses; the program's CPU time per key (from
 * /proc/PID/stat, over all presses of a view) is shown next to it, as the
 * wall time on a busy machine includes waiting for a CPU.
 *
 * Usage: keytime PLANDASH SMALL.yaml LARGE.yaml [PRESSES]
 * The environment's PLANDASH_LOCALEDIR is passed on; LANG is ja_JP.UTF-8
 * when that locale exists, else C.UTF-8.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vt.h"

enum { ROWS = 24, COLS = 80 };
enum { START_MS = 120000, KEY_MAX_MS = 20000, GAP_MS = 15, QUIET_MS = 150 };
/* Below this, a key's time is within the measurement's own noise. */
#define FLOOR_MS 3.0

enum view { V_OVERVIEW, V_LIST, V_SHEET, V_MATRIX, V_SEARCH, V_COUNT };

static const char *const view_names[V_COUNT] = {
	"overview j/k", "policy list j/k", "item sheet j/k", "matrix j/k", "search keystroke",
};

struct timing {
	double median_ms;         /* < 0: not measured */
	double cpu_ms;            /* per key; < 0 when unknown */
	int late;                 /* presses followed by a late update */
	int silent;               /* presses that drew nothing */
};

/* Follows the output after a key (vt_wait calls it before each read and
 * after each chunk).  A chunk belongs to the frame when it was waiting
 * as soon as the previous one was taken in (a frame larger than the pty's
 * buffer comes in several chunks, as fast as this side reads them), and
 * starts a late update when the program was silent for GAP_MS first. */
struct watch {
	double t0;                /* when the key was written */
	size_t bytes;
	double first, last;       /* the frame's first and last chunk; 0: none yet */
	double any;               /* the last chunk of any burst */
	double ready;             /* when this side last went back to reading */
	bool late;
};

static bool settled(struct vt *vt, void *arg)
{
	struct watch *w = arg;
	double now = vt_now_ms();
	if (vt_bytes(vt) != w->bytes) {
		w->bytes = vt_bytes(vt);
		if (!w->first)
			w->first = w->last = now;
		else if (!w->late && now - w->ready < GAP_MS)
			w->last = now;
		else
			w->late = true;
		w->any = now;
	} else if (w->any && now - w->any >= QUIET_MS) {
		return true;
	}
	w->ready = vt_now_ms();
	return false;
}

/* Write key (by callback) and follow its output.  Returns the key's time
 * in ms, or -1 when it drew nothing. */
typedef void key_fn(struct vt *vt);

static double timed(struct vt *vt, key_fn *key, bool *late)
{
	struct watch w = { .bytes = vt_bytes(vt) };
	w.t0 = vt_now_ms();
	key(vt);
	vt_wait(vt, settled, &w, KEY_MAX_MS);
	*late = w.late;
	return w.first ? w.last - w.t0 : -1;
}

/* Let the program finish whatever a key started. */
static void settle(struct vt *vt)
{
	struct watch w = { .bytes = vt_bytes(vt), .any = vt_now_ms() };
	vt_wait(vt, settled, &w, KEY_MAX_MS);
}

static void key_j(struct vt *vt) { vt_char(vt, 'j', VTERM_MOD_NONE); }
static void key_k(struct vt *vt) { vt_char(vt, 'k', VTERM_MOD_NONE); }
static void key_enter(struct vt *vt) { vt_key(vt, VTERM_KEY_ENTER); }
static void key_esc(struct vt *vt) { vt_key(vt, VTERM_KEY_ESCAPE); }
static void key_matrix(struct vt *vt) { vt_char(vt, 'M', VTERM_MOD_NONE); }
static void key_slash(struct vt *vt) { vt_char(vt, '/', VTERM_MOD_NONE); }
static void key_first(struct vt *vt) { vt_text(vt, "広"); }
static void key_second(struct vt *vt) { vt_text(vt, "告"); }
static void key_backspace(struct vt *vt) { vt_key(vt, VTERM_KEY_BACKSPACE); }

/* An untimed key: wait for its frame (every key used draws one), then for
 * silence, so that its output cannot be taken for the next key's. */
static void press(struct vt *vt, key_fn *key)
{
	bool late;
	if (timed(vt, key, &late) < 0)
		fprintf(stderr, "keytime: a key drew nothing in %d ms\n", KEY_MAX_MS);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Time `presses` keys: key_a, key_b, key_a ... (undo untimed after each
 * when given). */
static struct timing series(struct vt *vt, key_fn *key_a, key_fn *key_b, key_fn *undo,
                            int presses)
{
	struct timing t = { .median_ms = -1, .cpu_ms = -1 };
	double *v = calloc((size_t)presses, sizeof *v);
	int n = 0;
	long cpu0 = vt_cpu_ticks(vt), cpu_undo = 0;
	for (int i = 0; i < presses; i++) {
		bool late;
		double ms = timed(vt, i % 2 && key_b ? key_b : key_a, &late);
		t.late += late;
		if (ms < 0)
			t.silent++;
		else
			v[n++] = ms;
		if (undo) {
			long c = vt_cpu_ticks(vt);
			press(vt, undo);
			cpu_undo += vt_cpu_ticks(vt) - c;
		}
	}
	long cpu1 = vt_cpu_ticks(vt);
	if (cpu0 >= 0 && cpu1 >= 0)
		t.cpu_ms = (double)(cpu1 - cpu0 - cpu_undo) * 1000.0 / (double)sysconf(_SC_CLK_TCK) /
		           presses;
	if (n) {
		qsort(v, (size_t)n, sizeof *v, cmp_double);
		t.median_ms = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	}
	free(v);
	return t;
}

static bool bottom_painted(struct vt *vt, void *arg)
{
	(void)arg;
	char buf[2048];
	vt_row_trim(vt, -1, buf, sizeof buf);
	return buf[0] != '\0';
}

/* One plan: start, walk through the views, quit.  Returns false when the
 * program did not start. */
static bool run_plan(const char *plandash, const char *file, const char *const env[],
                     int presses, struct timing *out, double *start_ms)
{
	char err[256];
	const char *argv[] = { plandash, "-r", file, NULL };   /* read-only: nothing to save */
	double t0 = vt_now_ms();
	struct vt *vt = vt_spawn(ROWS, COLS, argv, env, err, sizeof err);
	if (!vt) {
		fprintf(stderr, "keytime: %s: %s\n", plandash, err);
		return false;
	}
	if (!vt_wait(vt, bottom_painted, NULL, START_MS)) {
		vt_dump(vt, stderr, file);
		vt_free(vt);
		return false;
	}
	*start_ms = vt_now_ms() - t0;
	settle(vt);
	out[V_OVERVIEW] = series(vt, key_j, key_k, NULL, presses);
	press(vt, key_enter);                 /* policy 1's items */
	out[V_LIST] = series(vt, key_j, key_k, NULL, presses);
	press(vt, key_enter);                 /* the first item's sheet */
	out[V_SHEET] = series(vt, key_j, key_k, NULL, presses);
	press(vt, key_esc);
	press(vt, key_esc);                   /* back to the overview */
	press(vt, key_matrix);
	out[V_MATRIX] = series(vt, key_j, key_k, NULL, presses);
	press(vt, key_esc);
	press(vt, key_slash);
	press(vt, key_first);
	out[V_SEARCH] = series(vt, key_second, NULL, key_backspace, presses);
	press(vt, key_esc);
	vt_char(vt, 'q', VTERM_MOD_NONE);
	if (!vt_wait_exit(vt, 10000, NULL))
		fprintf(stderr, "keytime: plandash did not quit on %s; killed\n", file);
	vt_free(vt);
	return true;
}

static void print_row(const char *name, const struct timing *s, const struct timing *l)
{
	printf("%-18s", name);
	if (s->median_ms < 0 || l->median_ms < 0) {
		printf(" %9s %9s\n", "-", "-");
		return;
	}
	double ratio = l->median_ms / (s->median_ms > 0 ? s->median_ms : 1e-3);
	printf(" %9.2f %9.2f %7.1fx   %6.2f %7.2f   %d/%d  %d/%d\n", s->median_ms, l->median_ms,
	       ratio, s->cpu_ms, l->cpu_ms, s->late, l->late, s->silent, l->silent);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s PLANDASH SMALL.yaml LARGE.yaml [PRESSES]\n", argv[0]);
		return 2;
	}
	const char *plandash = argv[1], *files[2] = { argv[2], argv[3] };
	int presses = argc > 4 ? atoi(argv[4]) : 31;
	if (presses < 2)
		presses = 2;
	const char *lang = setlocale(LC_ALL, "ja_JP.UTF-8") ? "ja_JP.UTF-8" : "C.UTF-8";
	char lang_env[64], lc_env[64], dir_env[4096];
	snprintf(lang_env, sizeof lang_env, "LANG=%s", lang);
	snprintf(lc_env, sizeof lc_env, "LC_ALL=%s", lang);
	const char *localedir = getenv("PLANDASH_LOCALEDIR");
	snprintf(dir_env, sizeof dir_env, "PLANDASH_LOCALEDIR=%s", localedir ? localedir : "");
	const char *env[] = { lang_env, lc_env, localedir ? dir_env : "PLANDASH_LOCALEDIR",
	                      "ESCDELAY=25", NULL };
	struct timing t[2][V_COUNT];
	double start_ms[2];
	for (int f = 0; f < 2; f++) {
		if (access(files[f], R_OK) != 0) {
			fprintf(stderr, "keytime: cannot read %s\n", files[f]);
			return 2;
		}
		if (!run_plan(plandash, files[f], env, presses, t[f], &start_ms[f])) {
			fprintf(stderr, "keytime: no first frame on %s\n", files[f]);
			return 1;
		}
	}
	printf("keytime: %dx%d, %s, %d presses per view; ms from the key to the last byte of its "
	       "frame (median)\n", COLS, ROWS, lang, presses);
	printf("  small: %s (first frame %.0f ms)\n  large: %s (first frame %.0f ms)\n", files[0],
	       start_ms[0], files[1], start_ms[1]);
	printf("%-18s %9s %9s %8s   %6s %7s   %-5s %s\n", "key", "small", "large", "ratio",
	       "cpu/key", "(large)", "late", "silent");
	for (int v = 0; v < V_COUNT; v++)
		print_row(view_names[v], &t[0][v], &t[1][v]);
	bool moves_ok = true;
	for (int v = V_OVERVIEW; v <= V_MATRIX; v++) {
		double s = t[0][v].median_ms, l = t[1][v].median_ms;
		moves_ok &= s >= 0 && l >= 0 && (l <= 2 * s || l <= FLOOR_MS);
	}
	double search = t[1][V_SEARCH].median_ms;
	printf("goal: moves at the large plan <= 2x the small one (or <= %.0f ms): %s\n", FLOOR_MS,
	       moves_ok ? "met" : "NOT met");
	printf("goal: a search keystroke <= 20 ms at the large plan: %s\n",
	       search >= 0 && search <= 20 ? "met" : "NOT met");
	return 0;
}
