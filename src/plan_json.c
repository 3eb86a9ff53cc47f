/* plan_json.c - see plan_json.h */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "escape.h"
#include "plan_json.h"

void plan_json_number(FILE *out, double v)
{
	char buf[64];

	if (!isfinite(v)) {
		fputs("null", out);
		return;
	}
	snprintf(buf, sizeof buf, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof buf, "%.17g", v);
	fputs(buf, out);
}

/* "\"key\": " (after ", " unless first) and the value: a string, or null. */
static void str_member(FILE *out, const char *key, const char *value, bool first)
{
	fprintf(out, "%s\"%s\": ", first ? "" : ", ", key);
	escape_json(out, value);
}

static void bool_member(FILE *out, const char *key, bool value)
{
	fprintf(out, ", \"%s\": %s", key, value ? "true" : "false");
}

static void write_statuses(const struct plan *plan, FILE *out)
{
	fputs(",\n  \"statuses\": [", out);
	for (size_t s = 0; s < plan->n_statuses; s++) {
		const struct status *st = &plan->statuses[s];
		char letter[2] = { st->letter, '\0' };

		fputs(s ? ",\n    {" : "\n    {", out);
		str_member(out, "key", st->key, true);
		str_member(out, "label", st->label, false);
		str_member(out, "letter", letter, false);
		bool_member(out, "final", st->final);
		bool_member(out, "late", st->late);
		if (st->description)
			str_member(out, "description", st->description, false);
		fputc('}', out);
	}
	fputs("\n  ]", out);
}

static void write_cycle(const struct plan *plan, FILE *out)
{
	if (plan->n_rating_levels)
		fputs(",\n  \"ratings\": [", out);
	for (size_t l = 0; l < plan->n_rating_levels; l++) {
		const struct rating_level *lv = &plan->rating_levels[l];

		fputs(l ? ",\n    {" : "\n    {", out);
		str_member(out, "key", lv->key, true);
		str_member(out, "label", lv->label, false);
		if (lv->description)
			str_member(out, "description", lv->description, false);
		bool_member(out, "late", lv->late);
		fputs(l + 1 == plan->n_rating_levels ? "}\n  ]" : "}", out);
	}
	if (plan->n_reviews)
		fputs(",\n  \"reviews\": [", out);
	for (size_t r = 0; r < plan->n_reviews; r++) {
		fputs(r ? ",\n    {" : "\n    {", out);
		str_member(out, "date", plan->reviews[r].date, true);
		str_member(out, "label", plan->reviews[r].label, false);
		fputs(r + 1 == plan->n_reviews ? "}\n  ]" : "}", out);
	}
}

static void write_effects(const struct plan *plan, FILE *out)
{
	if (!plan->n_effects)
		return;
	fputs(",\n  \"effects\": [", out);
	for (size_t i = 0; i < plan->n_effects; i++) {
		const struct effects_year *row = &plan->effects[i];
		static const char *const names[] = { "total", "revenue", "savings" };
		const double v[] = { row->total, row->revenue, row->savings };
		const bool has[] = { row->has_total, row->has_revenue, row->has_savings };

		fprintf(out, "%s{\"year\": %d", i ? ",\n    " : "\n    ", row->year);
		for (size_t k = 0; k < 3; k++) {
			if (!has[k])
				continue;
			fprintf(out, ", \"%s\": ", names[k]);
			plan_json_number(out, v[k]);
		}
		fprintf(out, ", \"basis\": \"%s\"}", row->budget ? "budget" : "actual");
	}
	fputs("\n  ]", out);
}

static void write_ratings(const struct plan *plan, const struct item *it, FILE *out)
{
	if (!it->n_ratings)
		return;
	fputs(",\n          \"ratings\": [", out);
	for (size_t k = 0; k < it->n_ratings; k++) {
		const struct rating *rt = &it->ratings[k];

		fputs(k ? ",\n            {" : "\n            {", out);
		str_member(out, "date", plan->reviews[rt->review].date, true);
		str_member(out, "rating", plan->rating_levels[rt->level].key, false);
		if (rt->note)
			str_member(out, "note", rt->note, false);
		fputc('}', out);
	}
	fputs("\n          ]", out);
}

static void write_texts(const struct item *it, FILE *out)
{
	fputs(",\n          \"departments\": [", out);
	for (size_t d = 0; d < it->n_departments; d++) {
		fputs(d ? ", " : "", out);
		escape_json(out, it->departments[d]);
	}
	fputs("],\n          ", out);
	str_member(out, "content", it->content, true);
	fputs(",\n          ", out);
	str_member(out, "effects", it->effects, true);
	fputs(",\n          \"indicators\": [", out);
	for (size_t k = 0; k < it->n_indicators; k++) {
		const struct indicator *ind = &it->indicators[k];

		fputs(k ? ",\n            {" : "\n            {", out);
		str_member(out, "name", ind->name, true);
		if (ind->baseline)
			str_member(out, "baseline", ind->baseline, false);
		str_member(out, "target", ind->target, false);
		fputc('}', out);
	}
	fputs(it->n_indicators ? "\n          ]" : "]", out);
}

static void write_review(const struct item *it, FILE *out)
{
	bool first = true;

	if (!it->revised)
		return;
	fputs(",\n          \"review\": {\"changed\": [", out);
	for (int b = 0; b < REVIEW_KINDS; b++) {
		if (!(it->review_changed & (1u << b)))
			continue;
		fprintf(out, "%s\"%s\"", first ? "" : ", ", review_change_name(b));
		first = false;
	}
	fputc(']', out);
	bool_member(out, "new_indicators", it->new_indicators);
	fputc('}', out);
}

static void write_schedule(const struct plan *plan, const struct item *it, FILE *out)
{
	fputs(",\n          \"schedule\": [", out);
	for (size_t k = 0; k < it->n_entries; k++) {
		const struct entry *e = &it->entries[k];

		fprintf(out, "%s{\"year\": %d, ", k ? ",\n            " : "\n            ", e->year);
		str_member(out, "plan", e->plan, true);
		str_member(out, "status", plan->statuses[e->status].key, false);
		if (e->note)
			str_member(out, "note", e->note, false);
		fputc('}', out);
	}
	fputs(it->n_entries ? "\n          ]" : "]", out);
}

static void write_item(const struct plan *plan, const struct item *it, FILE *out)
{
	fputs("{\n          ", out);
	str_member(out, "id", it->id, true);
	if (it->serial)
		fprintf(out, ", \"serial\": %d", it->serial);
	str_member(out, "title", it->title, false);
	if (it->source)
		str_member(out, "source", it->source, false);
	write_ratings(plan, it, out);
	write_texts(it, out);
	write_review(it, out);
	write_schedule(plan, it, out);
	fputs("\n        }", out);
}

static void write_policies(const struct plan *plan, FILE *out)
{
	fputs(",\n  \"policies\": [", out);
	for (size_t p = 0; p < plan->n_policies; p++) {
		const struct policy *pol = &plan->policies[p];

		fputs(p ? ",\n    {\n      " : "\n    {\n      ", out);
		str_member(out, "id", pol->id, true);
		str_member(out, "title", pol->title, false);
		if (pol->description) {
			fputs(",\n      ", out);
			str_member(out, "description", pol->description, true);
		}
		fputs(",\n      \"items\": [", out);
		for (size_t i = 0; i < pol->n_items; i++) {
			fputs(i ? ", " : "\n        ", out);
			write_item(plan, &pol->items[i], out);
		}
		fputs(pol->n_items ? "\n      ]\n    }" : "]\n    }", out);
	}
	fputs(plan->n_policies ? "\n  ]" : "]", out);
}

void plan_json_members(const struct plan *plan, FILE *out)
{
	fputs("  ", out);
	str_member(out, "title", plan->title, true);
	fputs(",\n  ", out);
	str_member(out, "program", plan->program, true);
	fputs(",\n  \"years\": [", out);
	for (size_t y = 0; y < plan->n_years; y++)
		fprintf(out, "%s%d", y ? ", " : "", plan->years[y]);
	fprintf(out, "],\n  \"review_year\": %d", plan->review_year);
	if (plan->review_label) {
		fputs(",\n  ", out);
		str_member(out, "review_label", plan->review_label, true);
	}
	fprintf(out, ",\n  \"current_year\": %d", plan->current_year);
	write_statuses(plan, out);
	write_cycle(plan, out);
	write_effects(plan, out);
	write_policies(plan, out);
}
