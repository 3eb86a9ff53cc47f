/* load.h - read a plan file with libyaml's event API and validate it.
 *
 * The loader is strict: unknown keys, wrong types, duplicate ids or keys,
 * unknown statuses, years outside `years`, duplicate years in a schedule,
 * missing required fields, aliases, anchors, tags on values and invalid
 * UTF-8 are all errors.  It never crashes, hangs or leaks on any input.
 */
#ifndef PLANDASH_LOAD_H
#define PLANDASH_LOAD_H

#include <stddef.h>
#include "plan.h"

/* Limits that keep hostile input bounded. */
#define LOAD_MAX_BYTES  ((size_t)512 << 20)  /* spans are 32-bit; stay well below */
#define LOAD_MAX_DEPTH  16                   /* the schema needs 7 */
#define LOAD_MAX_ITEMS  2000000
#define LOAD_MAX_YEARS  64

/* An error: where and what.  line and col are 1-based (0 when unknown);
 * col counts characters.  message has no file name and no position. */
struct load_error {
	unsigned long line, col;
	char message[256];
};

/* Format "FILE:LINE:COL: message" into buf. */
void load_error_format(const struct load_error *err, const char *file,
                       char *buf, size_t size);

/* Parse `len` bytes of text (copied; the caller keeps its buffer).
 * Returns a plan, or NULL with *err filled in. */
struct plan *plan_load_buffer(const char *text, size_t len, struct load_error *err);

/* Read and parse a file.  Returns NULL with *err filled in; an I/O error
 * has line == 0 and sets *io_error (when io_error is not NULL). */
struct plan *plan_load_file(const char *path, struct load_error *err, int *io_error);

#endif
