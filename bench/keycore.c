/* keycore.c - what the core's per-key work costs, without a terminal: the
 * id index, the tally cache and the search session, next to the plain
 * recounts and scans they replace, on each plan file given.
 *
 * Usage: keycore PLAN.yaml [PLAN.yaml ...]
 *
 * For each plan: the time to build the index and look an item up (with
 * the index and by a scan); to build the tally cache, update it after one
 * status change, and answer one overview frame (every policy x year cell),
 * one list page and one matrix page, next to tally_count() for the same
 * overview frame; and a search typed as in the dashboard ("広" then "告"):
 * the first match after each key, counting to the end between keys, a key
 * typed before the count finished, Backspace, a word that is nowhere, and
 * the one-off search_count() + search_rank() that a key costs today.
 * Times are medians of several runs (microseconds unless said).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "describe.h"
#include "load.h"
#include "plan.h"
#include "query.h"
#include "search.h"
#include "tally.h"

enum { RUNS = 7 };

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static unsigned long rng = 88172645463325252ul;
static size_t rnd(size_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (size_t)(rng % n);
}

static const struct item *random_item(const struct plan *plan, int *p, int *i)
{
	do
		*p = (int)rnd(plan->n_policies);
	while (!plan->policies[*p].n_items);
	*i = (int)rnd(plan->policies[*p].n_items);
	return &plan->policies[*p].items[*i];
}

static void bench_index(struct plan *plan)
{
	double t[RUNS];
	const struct plan_index *kept = plan->index;
	for (int r = 0; r < RUNS; r++) {   /* each build takes new arena memory */
		plan->index = NULL;
		double t0 = now_us();
		plan_index_build(plan);
		t[r] = now_us() - t0;
	}
	printf("  index build                       %10.0f us\n", median(t, RUNS));
	enum { LOOKUPS = 100000, SCANS = 200 };
	const char **ids = malloc(LOOKUPS * sizeof *ids);
	int p, i;
	for (size_t k = 0; k < LOOKUPS; k++)
		ids[k] = random_item(plan, &p, &i)->id;
	size_t found = 0;
	double t0 = now_us();
	for (size_t k = 0; k < LOOKUPS; k++)
		found += plan_find_item(plan, ids[k]) != NULL;
	double indexed = (now_us() - t0) * 1000 / LOOKUPS;
	plan->index = NULL;
	t0 = now_us();
	for (size_t k = 0; k < SCANS; k++)
		found += plan_find_item(plan, ids[k]) != NULL;
	double scanned = (now_us() - t0) * 1000 / SCANS;
	plan->index = kept;
	printf("  plan_find_item: index / scan      %10.0f ns  %10.0f ns  (%zu found)\n", indexed,
	       scanned, found);
	free(ids);
}

/* One overview frame: every policy (and the plan) by the year shown and by
 * every year. */
static void overview_frame(const struct tally_cache *c, const struct plan *plan,
                           const struct filter *f, bool recount)
{
	struct tally t;
	for (int p = -1; p < (int)plan->n_policies; p++)
		for (size_t y = 0; y <= plan->n_years; y++) {
			int year = y < plan->n_years ? plan->years[y] : plan->review_year;
			if (recount)
				tally_count(plan, f, p, year, &t);
			else
				tally_get(c, p, year, &t);
		}
}

static void bench_tally(struct plan *plan)
{
	struct tally_cache *c = tally_new();
	struct filter f;
	double t[RUNS];
	filter_clear(&f);
	f.statuses = 1u << 1 | 1u << 3;   /* two statuses: a status change can hide an item */
	for (int r = 0; r < RUNS; r++) {
		double t0 = now_us();
		tally_build(c, plan, &f);
		t[r] = now_us() - t0;
	}
	printf("  tally build (status filter)       %10.0f us\n", median(t, RUNS));
	enum { EDITS = 200000 };
	double t0 = now_us();
	for (size_t k = 0; k < EDITS; k++) {
		int p, i;
		random_item(plan, &p, &i);
		struct item *it = &plan->policies[p].items[i];   /* the bench edits the model */
		if (!it->n_entries)
			continue;
		int e = (int)rnd(it->n_entries), old = it->entries[e].status;
		int now = (int)rnd(plan->n_statuses);
		it->entries[e].status = now;
		tally_note_status(c, p, i, e, old, now);
	}
	printf("  tally_note_status                 %10.0f ns\n", (now_us() - t0) * 1000 / EDITS);
	for (int r = 0; r < RUNS; r++) {
		t0 = now_us();
		overview_frame(c, plan, &f, false);
		t[r] = now_us() - t0;
	}
	printf("  overview frame: cache             %10.2f us\n", median(t, RUNS));
	for (int r = 0; r < RUNS; r++) {
		t0 = now_us();
		overview_frame(c, plan, &f, true);
		t[r] = now_us() - t0;
	}
	printf("  overview frame: tally_count       %10.0f us\n", median(t, RUNS));
	for (int r = 0; r < RUNS; r++) {
		int item, pol;
		size_t rows = tally_items_shown(c, 0), mrows = tally_matrix_rows(c);
		t0 = now_us();
		for (size_t k = 0; k < 22; k++) {
			tally_visible_item(c, 0, rows ? (rows / 2 + k) % rows : 0, &item);
			tally_matrix_row(c, mrows ? (mrows / 2 + k) % mrows : 0, &pol, &item);
		}
		t[r] = now_us() - t0;
	}
	printf("  a list page + a matrix page       %10.2f us\n", median(t, RUNS));
	tally_free(c);
}

/* One scenario of typing, timed from a fresh session each run. */
enum scene { KEY1, COUNT1, KEY2, COUNT2, KEY2_EARLY, BACKSPACE, NOWHERE, N_SCENES };

static double scene(const struct plan *plan, enum scene sc, size_t *work, size_t *matches)
{
	struct search_session *s = search_session_new(plan, NULL, SEARCH_ALL);
	struct plan_pos from = pos_item_start(0, 0), m;
	double t0 = 0;
	if (sc == NOWHERE) {
		t0 = now_us();
		search_session_set(s, "存在しないＺＺＺ");
		search_session_find(s, &from, SEARCH_HERE, 0, &m, NULL);
	} else {
		if (sc == KEY1)
			t0 = now_us();
		search_session_set(s, "広");
		search_session_find(s, &from, SEARCH_HERE, 0, &m, NULL);
		if (sc == COUNT1)
			t0 = now_us();
		if (sc != KEY1 && sc != KEY2_EARLY)
			search_session_step(s, 0);
		if (sc == KEY2 || sc == KEY2_EARLY)
			t0 = now_us();
		if (sc >= KEY2 && sc != BACKSPACE) {
			search_session_set(s, "広告");
			search_session_find(s, &from, SEARCH_HERE, 0, &m, NULL);
		}
		if (sc == COUNT2) {
			t0 = now_us();
			search_session_step(s, 0);
		}
		if (sc == BACKSPACE) {
			search_session_set(s, "広告");
			search_session_find(s, &from, SEARCH_HERE, 0, &m, NULL);
			search_session_step(s, 0);
			t0 = now_us();
			search_session_set(s, "広");
			search_session_find(s, &from, SEARCH_HERE, 0, &m, NULL);
		}
	}
	double t = now_us() - t0;
	*work = search_session_work(s);
	search_session_count(s, matches);
	search_session_free(s);
	return t;
}

static void bench_search(const struct plan *plan)
{
	static const char *const names[N_SCENES] = {
		"key 1 \"広\": first match", "counting \"広\" to the end", "key 2 \"広告\" (narrows)",
		"counting \"広告\" to the end", "key 2 before counting ended", "Backspace to \"広\"",
		"a word that is nowhere",
	};
	for (int sc = 0; sc < N_SCENES; sc++) {
		double t[RUNS];
		size_t work = 0, matches = 0;
		for (int r = 0; r < RUNS; r++)
			t[r] = scene(plan, (enum scene)sc, &work, &matches);
		printf("  %-32s  %10.0f us  (%zu fields examined, %zu matches so far)\n", names[sc],
		       median(t, RUNS), work, matches);
	}
	double t[RUNS];
	struct plan_pos from = pos_item_start(0, 0), m;
	size_t n = 0;
	for (int r = 0; r < RUNS; r++) {
		double t0 = now_us();
		search_find(plan, NULL, "広告", &from, SEARCH_HERE, &m, NULL);
		n = search_count(plan, NULL, "広告");
		search_rank(plan, NULL, "広告", &m);
		t[r] = now_us() - t0;
	}
	printf("  %-32s  %10.0f us  (%zu matches)\n", "one-off find + count + rank",
	       median(t, RUNS), n);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s PLAN.yaml [PLAN.yaml ...]\n", argv[0]);
		return 2;
	}
	for (int a = 1; a < argc; a++) {
		struct load_error err;
		int io = 0;
		double t0 = now_us();
		struct plan *plan = plan_load_file(argv[a], &err, &io);
		if (!plan) {
			fprintf(stderr, "keycore: %s:%lu:%lu: %s\n", argv[a], err.line, err.col, load_error_message(&err, (char[256]){ 0 }, 256));
			return 1;
		}
		printf("%s: %zu items, %zu entries (loaded in %.2f s)\n", argv[a], plan->n_items,
		       plan->n_entries, (now_us() - t0) / 1e6);
		bench_index(plan);
		bench_tally(plan);
		bench_search(plan);
		plan_free(plan);
	}
	return 0;
}
