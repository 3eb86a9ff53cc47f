/* save_session.c - the save alone, as in an open dashboard: load a plan
 * once, then time editor_save() of one status change, alternating with a
 * copy of the same file plus fsync of the copy.  Prints the medians and
 * the ratio.  Usage: save_session BIG COPY [RUNS] */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "describe.h"
#include "edit.h"
#include "load.h"
#include "save.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* cp FROM TO && sync TO */
static int copy_fsync(const char *from, const char *to)
{
	static char buf[1 << 20];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;
	int rc = in < 0 || out < 0;
	while (!rc && (n = read(in, buf, sizeof buf)) > 0)
		rc = write(out, buf, (size_t)n) != n;
	rc |= fsync(out) != 0;
	rc |= close(out) != 0;
	close(in);
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s BIG COPY [RUNS]\n", argv[0]);
		return 2;
	}
	int runs = argc > 3 ? atoi(argv[3]) : 5;
	if (runs < 1 || runs > 100)
		runs = 5;
	struct load_error err;
	int io;
	double t0 = now();
	struct plan *plan = plan_load_file(argv[1], &err, &io);
	if (!plan) {
		fprintf(stderr, "%s:%lu:%lu: %s\n", argv[1], err.line, err.col, load_error_message(&err, (char[256]){ 0 }, 256));
		return 1;
	}
	double load = now() - t0;
	struct editor ed;
	editor_init(&ed, plan);
	double save[100], copy[100];
	for (int i = 0; i < runs; i++) {
		const char *to = i % 2 ? "delayed" : "done";
		if (editor_set(&ed, "1-1", 2013, FIELD_STATUS, to) != EDIT_OK &&
		    editor_set(&ed, "1-1", 2013, FIELD_STATUS, i % 2 ? "done" : "delayed") != EDIT_OK) {
			fprintf(stderr, "cannot change 1-1 2013\n");
			return 1;
		}
		struct save_report rep;
		t0 = now();
		enum save_status st = editor_save(&ed, argv[1], NULL, &rep);
		save[i] = now() - t0;
		if (st != SAVE_OK) {
			char msg[4096];
			describe_save(&rep, st, argv[1], false, msg, sizeof msg);
			fprintf(stderr, "save failed: %s\n", msg);
			return 1;
		}
		save_report_free(&rep);
		t0 = now();
		if (copy_fsync(argv[1], argv[2])) {
			perror(argv[2]);
			return 1;
		}
		copy[i] = now() - t0;
	}
	qsort(save, (size_t)runs, sizeof *save, cmp_double);
	qsort(copy, (size_t)runs, sizeof *copy, cmp_double);
	double s = save[runs / 2], c = copy[runs / 2];
	printf("save in an open session (load once: %.3fs), median of %d runs each\n", load, runs);
	printf("  editor_save, one change          %8.3fs\n", s);
	printf("  copy + fsync of the same file    %8.3fs\n", c);
	printf("  time  save / (copy + fsync) = %.2fx  (goal <= 3x: %s)\n", s / c,
	       s / c <= 3.0 ? "met" : "NOT met");
	editor_free(&ed);
	unlink(argv[2]);
	return 0;
}
