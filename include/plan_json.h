/* plan_json.h - the whole plan as JSON, in the YAML's own shape and keys
 * (doc/plan-format.md), so that jq reads it as yq would read plan.yaml:
 * policies -> items -> schedule, ratings, ...  No curses.
 *
 * Keys come in the order the format lists them.  A key the file may leave
 * out is written when the plan has a value for it: the optional texts
 * (review_label, description, source, baseline, note), serial, an item's
 * ratings and review, and the effects figures are written only when the
 * file has them; the keys with a documented default are always written,
 * with the default filled in (current_year, a status's letter, final and
 * late, a rating level's late, an effects row's basis).  Strings are
 * written by escape_json() (UTF-8, no \u escapes of Japanese); numbers as
 * the shortest decimal that reads back to the same double.
 */
#ifndef PLANDASH_PLAN_JSON_H
#define PLANDASH_PLAN_JSON_H

#include <stdio.h>

#include "plan.h"

/* The plan's top-level members, without the braces: each on its own line,
 * indented by two spaces, separated by commas, the last one without a
 * comma or a line end after it (so a caller can add members). */
void plan_json_members(const struct plan *plan, FILE *out);

/* A number as JSON: the shortest of %.15g and %.17g that reads back the
 * same; null for infinity and NaN. */
void plan_json_number(FILE *out, double v);

#endif
