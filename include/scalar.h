/* scalar.h - render one string as a YAML scalar for splicing into a file. */
#ifndef PLANDASH_SCALAR_H
#define PLANDASH_SCALAR_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

/* True when a plain scalar with this text would be read as something other
 * than a string by a YAML 1.1 or 1.2 reader (null, a boolean, a number, a
 * date, a merge key, empty, ...), so it must be quoted. */
bool scalar_needs_quotes(const char *value);

/* Render value as a YAML scalar that reads back as exactly that string.
 * in_flow: the scalar sits inside {...} or [...].  keep: the style the old
 * value had (SPAN_SINGLE / SPAN_DOUBLE are kept where the text allows it;
 * anything else lets the emitter choose, plain when it can).  Multi-line
 * values come out double-quoted on one line.  Returns a malloc'd string,
 * or NULL when out of memory or libyaml refuses the value. */
char *scalar_render(const char *value, bool in_flow, enum span_style keep);

#endif
