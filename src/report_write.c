/* report_write.c - see report_write.h */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "escape.h"
#include "plan_json.h"
#include "report_write.h"
#include "utf8.h"

#define DECREASE "\xE2\x96\xB2"   /* ▲, how Japanese tables mark a decrease */
#define NAME_MAX_BYTES 1024

/* snprintf that ends a cut text on a whole character. */
static void fill(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fill(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		buf[0] = '\0';
	else if ((size_t)n >= size)
		utf8_trim(buf);
}

void report_phrase_set(struct report_phrase *p, const char *format)
{
	const char *conv = strstr(format, "%s");

	if (!conv)
		conv = strstr(format, "%d");
	if (!conv) {
		fill(p->pre, sizeof p->pre, "%s", format);
		p->post[0] = '\0';
		return;
	}
	fill(p->pre, sizeof p->pre, "%.*s", (int)(conv - format), format);
	fill(p->post, sizeof p->post, "%s", conv + 2);
}

/* ---- names */

static void phrase(char *buf, size_t size, const struct report_phrase *p, const char *value)
{
	fill(buf, size, "%s%s%s", p->pre, value ? value : "", p->post);
}

/* 平成25年度 (Japanese, Heisei years) or FY2013. */
static void year_name(const struct report_words *w, int year, char *buf, size_t size)
{
	int heisei = fiscal_year_heisei(year);
	char n[16];

	if (w->japanese && heisei) {
		fill(n, sizeof n, "%d", heisei);
		phrase(buf, size, &w->era_year, n);
	} else {
		fill(buf, size, "FY%d", year);
	}
}

/* A review date by its label (Japanese: 平成29年3月末) or as 2017-03-31. */
static const char *review_name(const struct report_words *w, const struct plan *plan, int review)
{
	const struct review_date *rd = &plan->reviews[review];

	return w->japanese && rd->label ? rd->label : rd->date;
}

/* 方針1 地域協働の推進 */
static void policy_name(const struct report_words *w, const struct policy *pol, char *buf,
                        size_t size)
{
	char label[128];

	phrase(label, sizeof label, &w->policy, pol->id);
	fill(buf, size, "%s %s", label, pol->title);
}

/* A signed count: 3, 0, ▲2. */
static void delta_text(char *buf, size_t size, long long d)
{
	if (d < 0)
		fill(buf, size, DECREASE "%lld", -d);
	else
		fill(buf, size, "%lld", d);
}

/* An amount in 百万円: 285, 1.5, ▲111. */
static void amount_text(char *buf, size_t size, double v)
{
	if (v < 0)
		fill(buf, size, DECREASE "%.10g", -v);
	else
		fill(buf, size, "%.10g", v);
}

/* The departments joined with ・ (malloc'd; NULL when out of memory). */
static char *departments_text(const struct item *it)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return NULL;
	for (size_t d = 0; d < it->n_departments; d++)
		fprintf(m, "%s%s", d ? "\xE3\x83\xBB" : "", it->departments[d]);   /* ・ */
	if (fclose(m) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void serial_cell(struct doc *d, const struct item *it)
{
	if (it->serial)
		doc_cellf(d, "%d", it->serial);
	else
		doc_cell(d, "");
}

static const char *status_label(const struct plan *plan, const struct entry *e)
{
	return e ? plan->statuses[e->status].label : "";
}

/* ---- the document (Markdown and HTML) */

/* The rating levels of the filter's rating terms, "S・A". */
static void rating_terms(const struct report *r, char *list, size_t size)
{
	const struct plan *plan = r->plan;

	list[0] = '\0';
	for (size_t l = 0, k = 0; l < plan->n_rating_levels && l < FILTER_MAX_STATUSES; l++)
		if (r->req.filter.ratings & (UINT32_C(1) << l))
			fill(list + strlen(list), size - strlen(list), "%s%s",
			     k++ ? "\xE3\x83\xBB" : "", plan->rating_levels[l].key);
}

/* "対象: 12 / 62（方針4、担当課: 行政経営課）" when the report does not
 * cover every item. */
static void scope_line(struct doc *d, const struct report *r, const struct report_words *w)
{
	const struct plan *plan = r->plan;
	const struct filter *f = &r->req.filter;
	char *buf = NULL, part[NAME_MAX_BYTES], list[NAME_MAX_BYTES];
	size_t len = 0, n = 0;
	FILE *m;

	if (r->req.policy < 0 && !filter_active(f))
		return;
	if (!(m = open_memstream(&buf, &len)))
		return;
	fprintf(m, "%zu / %zu (", r->n_items, r->plan_items);
#define TERM(...) do { fill(part, sizeof part, __VA_ARGS__); \
		fprintf(m, "%s%s", n++ ? w->separator : "", part); } while (0)
	if (r->req.policy >= 0)
		TERM("%s%s%s", w->policy.pre, plan->policies[r->req.policy].id, w->policy.post);
	if (f->department[0])
		TERM("%s%s%s", w->department.pre, f->department, w->department.post);
	list[0] = '\0';
	for (size_t s = 0, k = 0; s < plan->n_statuses && s < FILTER_MAX_STATUSES; s++)
		if (f->statuses & (UINT32_C(1) << s))
			fill(list + strlen(list), sizeof list - strlen(list), "%s%s",
			         k++ ? "\xE3\x83\xBB" : "", plan->statuses[s].label);
	if (f->statuses)
		TERM("%s%s%s", w->statuses.pre, list, w->statuses.post);
	rating_terms(r, list, sizeof list);
	if (f->ratings)
		TERM("%s%s%s", w->rated.pre, list, w->rated.post);
	if (f->rating_down && r->prev_review >= 0)
		TERM("%s%s%s", w->rating_down.pre, review_name(w, plan, r->prev_review),
		     w->rating_down.post);
	if (f->year) {
		year_name(w, f->year, list, sizeof list);
		TERM("%s%s%s", w->filter_year.pre, list, w->filter_year.post);
	}
	if (f->revised)
		TERM("%s", w->revised);
	if (f->overdue) {
		year_name(w, f->reference_year, list, sizeof list);
		TERM("%s%s%s", w->overdue.pre, list, w->overdue.post);
	}
#undef TERM
	fputc(')', m);
	if (fclose(m) == 0) {
		phrase(part, sizeof part, &w->scope, buf);
		doc_paragraph(d, part);
	}
	free(buf);
}

static void build_head(struct doc *d, const struct report *r, const struct report_words *w)
{
	const struct plan *plan = r->plan;
	char name[NAME_MAX_BYTES], buf[NAME_MAX_BYTES];

	fill(name, sizeof name, "%s %s", plan->title, plan->program);
	phrase(buf, sizeof buf, &w->title, name);
	doc_title(d, buf);
	if (r->req.review >= 0) {
		phrase(buf, sizeof buf, &w->as_of, review_name(w, plan, r->req.review));
		doc_paragraph(d, buf);
	}
	scope_line(d, r, w);
}

/* One row of the S/A/B table: items rated and each level, or their 増減. */
static void ratings_row(struct doc *d, const struct report_counts *c, const char *name,
                        size_t nl, bool delta)
{
	char buf[64];

	doc_cell(d, name);
	if (!delta) {
		doc_cellf(d, "%zu", c->rated);
		for (size_t l = 0; l < nl; l++)
			doc_cellf(d, "%zu", c->levels[l]);
		return;
	}
	delta_text(buf, sizeof buf, (long long)c->rated - (long long)c->prev_rated);
	doc_cell(d, buf);
	for (size_t l = 0; l < nl; l++) {
		delta_text(buf, sizeof buf, (long long)c->levels[l] - (long long)c->prev_levels[l]);
		doc_cell(d, buf);
	}
}

static void ratings_table(struct doc *d, const struct report *r, const struct report_words *w,
                          bool delta)
{
	const struct plan *plan = r->plan;
	size_t nl = plan->n_rating_levels;
	char align[40] = "l", name[NAME_MAX_BYTES];

	for (size_t c = 1; c < 2 + nl && c + 1 < sizeof align; c++)
		align[c] = 'r';
	doc_table(d, 2 + nl, align, true);
	doc_cell(d, w->col_policy);
	doc_cell(d, w->col_items);
	for (size_t l = 0; l < nl; l++)
		doc_cell(d, plan->rating_levels[l].key);
	for (size_t p = 0; p < r->n_policies; p++) {
		policy_name(w, &plan->policies[r->policies[p].policy], name, sizeof name);
		ratings_row(d, &r->policies[p], name, nl, delta);
	}
	ratings_row(d, &r->total, w->total, nl, delta);
}

static void build_ratings(struct doc *d, const struct report *r, const struct report_words *w)
{
	const struct plan *plan = r->plan;
	char buf[NAME_MAX_BYTES];

	if (r->req.review < 0) {
		doc_paragraph(d, w->no_reviews);
		return;
	}
	phrase(buf, sizeof buf, &w->ratings_at, review_name(w, plan, r->req.review));
	doc_heading(d, buf);
	ratings_table(d, r, w, false);
	if (r->prev_review < 0)
		return;
	phrase(buf, sizeof buf, &w->change_since, review_name(w, plan, r->prev_review));
	doc_heading(d, buf);
	ratings_table(d, r, w, true);
}

static void build_effects(struct doc *d, const struct report *r, const struct report_words *w)
{
	char buf[64], year[128], label[256];
	bool budget = false;

	if (!r->n_effects)
		return;
	doc_heading(d, w->effects);
	doc_table(d, 6, "lrrrrr", true);
	doc_cell(d, w->col_year);
	doc_cell(d, w->col_effect);
	doc_cell(d, w->col_revenue);
	doc_cell(d, w->col_savings);
	doc_cell(d, w->col_change);
	doc_cell(d, w->col_cumulative);
	for (size_t i = 0; i < r->n_effects; i++) {
		const struct report_effects *row = &r->effects[i];

		year_name(w, row->year, year, sizeof year);
		if (row->budget)
			phrase(label, sizeof label, &w->budget_year, year);
		doc_cell(d, row->budget ? label : year);
		budget |= row->budget;
		amount_text(buf, sizeof buf, row->total);
		doc_cell(d, buf);
		amount_text(buf, sizeof buf, row->revenue);
		doc_cell(d, buf);
		amount_text(buf, sizeof buf, row->savings);
		doc_cell(d, buf);
		amount_text(buf, sizeof buf, row->change);
		doc_cell(d, row->has_change ? buf : "-");
		amount_text(buf, sizeof buf, row->cumulative);
		doc_cell(d, buf);
	}
	doc_cell(d, w->total);
	amount_text(buf, sizeof buf, r->effects_total);
	doc_cell(d, buf);
	amount_text(buf, sizeof buf, r->effects_revenue);
	doc_cell(d, buf);
	amount_text(buf, sizeof buf, r->effects_savings);
	doc_cell(d, buf);
	doc_cell(d, "");
	doc_cell(d, "");
	if (budget)
		doc_note(d, w->budget_note);
}

/* The keys of the late rating levels, joined with ・ ("B"); "" when none. */
static void late_keys(const struct plan *plan, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t l = 0; l < plan->n_rating_levels; l++)
		if (plan->rating_levels[l].late)
			fill(buf + strlen(buf), size - strlen(buf), "%s%s",
			         buf[0] ? "\xE3\x83\xBB" : "", plan->rating_levels[l].key);
}

static void build_behind(struct doc *d, const struct report *r, const struct report_words *w)
{
	char keys[256], buf[NAME_MAX_BYTES];

	late_keys(r->plan, keys, sizeof keys);
	if (r->req.review < 0 || !keys[0])
		return;
	phrase(buf, sizeof buf, &w->behind, keys);
	doc_heading(d, buf);
	if (!r->n_behind) {
		doc_paragraph(d, w->nothing);
		return;
	}
	doc_table(d, 5, "lrlll", false);
	doc_cell(d, w->col_id);
	doc_cell(d, w->col_serial);
	doc_cell(d, w->col_title);
	doc_cell(d, w->col_departments);
	doc_cell(d, w->field_note);
	for (size_t k = 0; k < r->n_items; k++) {
		const struct report_item *ri = &r->items[k];
		const struct item *it = report_item_of(r, ri);
		char *deps;

		if (!ri->behind)
			continue;
		doc_cell(d, it->id);
		serial_cell(d, it);
		doc_cell(d, it->title);
		deps = departments_text(it);
		doc_cell(d, deps ? deps : "");
		free(deps);
		doc_cell(d, ri->rating->note ? ri->rating->note : "");
	}
}

static void statuses_row(struct doc *d, const struct report_counts *c, const char *name,
                         size_t ns, bool no_entry)
{
	doc_cell(d, name);
	doc_cellf(d, "%zu", c->items);
	for (size_t s = 0; s < ns; s++)
		doc_cellf(d, "%zu", c->statuses[s]);
	if (no_entry)
		doc_cellf(d, "%zu", c->no_entry);
}

static void build_statuses(struct doc *d, const struct report *r, const struct report_words *w)
{
	const struct plan *plan = r->plan;
	size_t ns = plan->n_statuses;
	bool no_entry = r->total.no_entry > 0;
	char align[40] = "l", year[128], buf[NAME_MAX_BYTES];

	for (size_t c = 1; c < 2 + ns + no_entry && c + 1 < sizeof align; c++)
		align[c] = 'r';
	year_name(w, r->req.year, year, sizeof year);
	phrase(buf, sizeof buf, &w->statuses_in, year);
	doc_heading(d, buf);
	doc_table(d, 2 + ns + no_entry, align, true);
	doc_cell(d, w->col_policy);
	doc_cell(d, w->col_items);
	for (size_t s = 0; s < ns; s++)
		doc_cell(d, plan->statuses[s].label);
	if (no_entry)
		doc_cell(d, w->col_no_entry);
	for (size_t p = 0; p < r->n_policies; p++) {
		policy_name(w, &plan->policies[r->policies[p].policy], buf, sizeof buf);
		statuses_row(d, &r->policies[p], buf, ns, no_entry);
	}
	statuses_row(d, &r->total, w->total, ns, no_entry);
}

/* Every item of the report with its rating and its status. */
static void build_item_list(struct doc *d, const struct report *r, const struct report_words *w)
{
	const struct plan *plan = r->plan;
	bool rated = r->req.review >= 0;
	char year[128], buf[NAME_MAX_BYTES];

	if (!r->n_items)
		return;
	doc_heading(d, w->item_list);
	doc_table(d, 4 + rated, "lrl", false);
	doc_cell(d, w->col_id);
	doc_cell(d, w->col_serial);
	doc_cell(d, w->col_title);
	if (rated) {
		phrase(buf, sizeof buf, &w->rating_at, review_name(w, plan, r->req.review));
		doc_cell(d, buf);
	}
	year_name(w, r->req.year, year, sizeof year);
	phrase(buf, sizeof buf, &w->status_in, year);
	doc_cell(d, buf);
	for (size_t k = 0; k < r->n_items; k++) {
		const struct report_item *ri = &r->items[k];
		const struct item *it = report_item_of(r, ri);

		doc_cell(d, it->id);
		serial_cell(d, it);
		doc_cell(d, it->title);
		if (rated)
			doc_cell(d, ri->rating ? plan->rating_levels[ri->rating->level].key : "-");
		doc_cell(d, ri->entry ? status_label(plan, ri->entry) : "-");
	}
}

/* A value of a history line as people know it: a status by its label. */
static const char *change_value(const struct plan *plan, const struct report_words *w,
                                enum field f, const char *v)
{
	int s;

	if (!v)
		return w->none;
	if (f == FIELD_STATUS && (s = plan_status_index(plan, v)) >= 0)
		return plan->statuses[s].label;
	return v;
}

static const char *field_word(const struct report_words *w, enum field f)
{
	switch (f) {
	case FIELD_STATUS: return w->field_status;
	case FIELD_PLAN:   return w->field_plan;
	default:           return w->field_note;
	}
}

static void change_row(struct doc *d, const struct report *r, const struct report_words *w,
                       const struct log_line *l)
{
	char when[32], year[128];
	const char *t = l->stamp ? l->stamp : "";

	/* 2013-03-29T17:05:00+09:00 -> 2013-03-29 17:05 */
	fill(when, sizeof when, "%s", t);
	if (strlen(t) >= 16 && t[10] == 'T') {
		when[10] = ' ';
		when[16] = '\0';
	}
	year_name(w, l->year, year, sizeof year);
	doc_cell(d, when);
	doc_cell(d, l->user);
	doc_cell(d, l->item_id);
	doc_cell(d, year);
	doc_cell(d, field_word(w, l->field));
	doc_cell(d, change_value(r->plan, w, l->field, l->old_value));
	doc_cell(d, change_value(r->plan, w, l->field, l->new_value));
}

static void build_changes(struct doc *d, const struct report *r, const struct report_words *w)
{
	char buf[NAME_MAX_BYTES];

	if (r->since && r->prev_review >= 0) {
		phrase(buf, sizeof buf, &w->changes_since, review_name(w, r->plan, r->prev_review));
		doc_heading(d, buf);
	} else {
		doc_heading(d, w->changes_all);
	}
	if (!r->n_changes) {
		doc_paragraph(d, w->no_change);
		return;
	}
	doc_table(d, 7, "lllllll", false);
	doc_cell(d, w->col_time);
	doc_cell(d, w->col_user);
	doc_cell(d, w->col_id);
	doc_cell(d, w->col_year);
	doc_cell(d, w->col_field);
	doc_cell(d, w->col_before);
	doc_cell(d, w->col_after);
	for (size_t k = 0; k < r->n_changes; k++)
		change_row(d, r, w, r->changes[k]);
}

static int write_document(const struct report *r, enum report_format f,
                          const struct report_words *w, FILE *out)
{
	struct doc *d = doc_new();
	int e = 0;

	build_head(d, r, w);
	build_ratings(d, r, w);
	build_effects(d, r, w);
	build_behind(d, r, w);
	build_statuses(d, r, w);
	build_item_list(d, r, w);
	build_changes(d, r, w);
	if (doc_failed(d))
		e = ENOMEM;
	else if (f == REPORT_HTML)
		doc_write_html(d, w->japanese ? "ja" : "en", out);
	else
		doc_write_markdown(d, out);
	doc_free(d);
	return e;
}

/* ---- CSV */

static void csv_header(const struct report *r, const struct report_words *w, FILE *out)
{
	const struct plan *plan = r->plan;
	char buf[NAME_MAX_BYTES], year[128];
	const char *fixed[] = { w->col_id, w->col_serial, w->col_policy, w->col_title,
	                        w->col_departments };

	for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
		fputs(k ? "," : "", out);
		escape_csv(out, fixed[k], true);
	}
	if (r->req.review >= 0) {
		phrase(buf, sizeof buf, &w->rating_at, review_name(w, plan, r->req.review));
		fputc(',', out);
		escape_csv(out, buf, true);
	}
	for (size_t y = 0; y < plan->n_years; y++) {
		year_name(w, plan->years[y], year, sizeof year);
		fputc(',', out);
		escape_csv(out, year, true);
	}
	year_name(w, r->req.year, year, sizeof year);
	phrase(buf, sizeof buf, &w->note_in, year);
	fputc(',', out);
	escape_csv(out, buf, true);
	fputs("\r\n", out);
}

static int csv_row(const struct report *r, const struct report_words *w,
                   const struct report_item *ri, FILE *out)
{
	const struct plan *plan = r->plan;
	const struct item *it = report_item_of(r, ri);
	char name[NAME_MAX_BYTES];
	char *deps = departments_text(it);

	if (!deps)
		return ENOMEM;
	escape_csv(out, it->id, true);
	fputc(',', out);
	if (it->serial)
		fprintf(out, "%d", it->serial);
	fputc(',', out);
	policy_name(w, &plan->policies[ri->policy], name, sizeof name);
	escape_csv(out, name, true);
	fputc(',', out);
	escape_csv(out, it->title, true);
	fputc(',', out);
	escape_csv(out, deps, true);
	free(deps);
	if (r->req.review >= 0) {
		fputc(',', out);
		escape_csv(out, ri->rating ? plan->rating_levels[ri->rating->level].key : "", true);
	}
	for (size_t y = 0; y < plan->n_years; y++) {
		fputc(',', out);
		escape_csv(out, status_label(plan, item_entry_for_year(it, plan->years[y])), true);
	}
	fputc(',', out);
	escape_csv(out, ri->entry && ri->entry->note ? ri->entry->note : "", true);
	fputs("\r\n", out);
	return 0;
}

static int write_csv(const struct report *r, const struct report_words *w, FILE *out)
{
	int e = 0;

	fputs("\xEF\xBB\xBF", out);   /* the BOM: Excel reads the file as UTF-8 */
	csv_header(r, w, out);
	for (size_t k = 0; k < r->n_items && !e; k++)
		e = csv_row(r, w, &r->items[k], out);
	return e;
}

/* ---- JSON */

static void json_levels(FILE *out, const struct plan *plan, const size_t *levels)
{
	fputc('{', out);
	for (size_t l = 0; l < plan->n_rating_levels; l++) {
		fputs(l ? ", " : "", out);
		escape_json(out, plan->rating_levels[l].key);
		fprintf(out, ": %zu", levels[l]);
	}
	fputc('}', out);
}

static void json_counts(FILE *out, const struct report *r, const struct report_counts *c)
{
	const struct plan *plan = r->plan;

	fputs("{\"policy\": ", out);
	escape_json(out, c->policy >= 0 ? plan->policies[c->policy].id : NULL);
	fprintf(out, ", \"items\": %zu, \"rated\": %zu, \"ratings\": ", c->items, c->rated);
	json_levels(out, plan, c->levels);
	if (r->prev_review >= 0) {
		fprintf(out, ", \"previous_rated\": %zu, \"previous_ratings\": ", c->prev_rated);
		json_levels(out, plan, c->prev_levels);
	}
	fputs(", \"statuses\": {", out);
	for (size_t s = 0; s < plan->n_statuses; s++) {
		fputs(s ? ", " : "", out);
		escape_json(out, plan->statuses[s].key);
		fprintf(out, ": %zu", c->statuses[s]);
	}
	fprintf(out, "}, \"no_entry\": %zu}", c->no_entry);
}

static void json_scope(FILE *out, const struct report *r)
{
	const struct plan *plan = r->plan;
	const struct filter *f = &r->req.filter;
	bool first = true;

	fputs("    \"scope\": {\"policy\": ", out);
	escape_json(out, r->req.policy >= 0 ? plan->policies[r->req.policy].id : NULL);
	fputs(", \"department\": ", out);
	escape_json(out, f->department[0] ? f->department : NULL);
	fputs(", \"statuses\": [", out);
	for (size_t s = 0; s < plan->n_statuses && s < FILTER_MAX_STATUSES; s++)
		if (f->statuses & (UINT32_C(1) << s)) {
			fputs(first ? "" : ", ", out);
			escape_json(out, plan->statuses[s].key);
			first = false;
		}
	fputs("], \"year\": ", out);
	if (f->year)
		fprintf(out, "%d", f->year);
	else
		fputs("null", out);
	fputs(", \"ratings\": [", out);
	first = true;
	for (size_t l = 0; l < plan->n_rating_levels && l < FILTER_MAX_STATUSES; l++)
		if (f->ratings & (UINT32_C(1) << l)) {
			fputs(first ? "" : ", ", out);
			escape_json(out, plan->rating_levels[l].key);
			first = false;
		}
	fprintf(out, "], \"rating_down\": %s", f->rating_down ? "true" : "false");
	fprintf(out, ", \"revised\": %s, \"overdue\": %s, \"items\": %zu, \"plan_items\": %zu},\n",
	        f->revised ? "true" : "false", f->overdue ? "true" : "false", r->n_items,
	        r->plan_items);
}

static void json_effects(FILE *out, const struct report *r)
{
	fputs("    \"effects\": [", out);
	for (size_t i = 0; i < r->n_effects; i++) {
		const struct report_effects *row = &r->effects[i];

		fprintf(out, "%s{\"year\": %d, \"total\": ", i ? ",\n      " : "\n      ", row->year);
		plan_json_number(out, row->total);
		fputs(", \"revenue\": ", out);
		plan_json_number(out, row->revenue);
		fputs(", \"savings\": ", out);
		plan_json_number(out, row->savings);
		fputs(", \"change\": ", out);
		if (row->has_change)
			plan_json_number(out, row->change);
		else
			fputs("null", out);
		fputs(", \"cumulative\": ", out);
		plan_json_number(out, row->cumulative);
		fprintf(out, ", \"budget\": %s}", row->budget ? "true" : "false");
	}
	fputs(r->n_effects ? "\n    ],\n" : "],\n", out);
}

/* Every item of the report: its rating at the date, its status in the
 * year, and whether it is behind (rated late). */
static void json_items(FILE *out, const struct report *r)
{
	const struct plan *plan = r->plan;

	fputs("    \"items\": [", out);
	for (size_t k = 0; k < r->n_items; k++) {
		const struct report_item *ri = &r->items[k];
		const struct item *it = report_item_of(r, ri);

		fputs(k ? ",\n      {\"id\": " : "\n      {\"id\": ", out);
		escape_json(out, it->id);
		fputs(", \"policy\": ", out);
		escape_json(out, plan->policies[ri->policy].id);
		fputs(", \"rating\": ", out);
		escape_json(out, ri->rating ? plan->rating_levels[ri->rating->level].key : NULL);
		fputs(", \"rating_note\": ", out);
		escape_json(out, ri->rating ? ri->rating->note : NULL);
		fprintf(out, ", \"behind\": %s, \"status\": ", ri->behind ? "true" : "false");
		escape_json(out, ri->entry ? plan->statuses[ri->entry->status].key : NULL);
		fputc('}', out);
	}
	fputs(r->n_items ? "\n    ],\n" : "],\n", out);
}

static void json_changes(FILE *out, const struct report *r)
{
	fputs("    \"changes\": [", out);
	for (size_t k = 0; k < r->n_changes; k++) {
		const struct log_line *l = r->changes[k];

		fputs(k ? ",\n      {\"time\": " : "\n      {\"time\": ", out);
		escape_json(out, l->stamp);
		fputs(", \"user\": ", out);
		escape_json(out, l->user);
		fputs(", \"item\": ", out);
		escape_json(out, l->item_id);
		fprintf(out, ", \"year\": %d, \"field\": \"%s\", \"old\": ", l->year,
		        field_name(l->field));
		escape_json(out, l->old_value);
		fputs(", \"new\": ", out);
		escape_json(out, l->new_value);
		fputc('}', out);
	}
	fputs(r->n_changes ? "\n    ]\n" : "]\n", out);
}

static void json_report(FILE *out, const struct report *r)
{
	const struct plan *plan = r->plan;
	int rv = r->req.review, pv = r->prev_review;

	fputs(",\n  \"report\": {\n    \"date\": ", out);
	escape_json(out, rv >= 0 ? plan->reviews[rv].date : NULL);
	fputs(", \"label\": ", out);
	escape_json(out, rv >= 0 ? plan->reviews[rv].label : NULL);
	fputs(", \"previous_date\": ", out);
	escape_json(out, pv >= 0 ? plan->reviews[pv].date : NULL);
	fprintf(out, ", \"year\": %d,\n", r->req.year);
	json_scope(out, r);
	fputs("    \"policies\": [", out);
	for (size_t p = 0; p < r->n_policies; p++) {
		fputs(p ? ",\n      " : "\n      ", out);
		json_counts(out, r, &r->policies[p]);
	}
	fputs(r->n_policies ? "\n    ],\n    \"total\": " : "],\n    \"total\": ", out);
	json_counts(out, r, &r->total);
	fputs(",\n", out);
	json_effects(out, r);
	fputs("    \"effects_total\": {\"total\": ", out);
	plan_json_number(out, r->effects_total);
	fputs(", \"revenue\": ", out);
	plan_json_number(out, r->effects_revenue);
	fputs(", \"savings\": ", out);
	plan_json_number(out, r->effects_savings);
	fputs("},\n", out);
	json_items(out, r);
	json_changes(out, r);
	fputs("  }", out);
}

static void write_json(const struct report *r, FILE *out)
{
	fputs("{\n", out);
	plan_json_members(r->plan, out);
	json_report(out, r);
	fputs("\n}\n", out);
}

int report_write(const struct report *r, enum report_format f, const struct report_words *w,
                 FILE *out)
{
	int e = 0;

	switch (f) {
	case REPORT_CSV:
		e = write_csv(r, w, out);
		break;
	case REPORT_JSON:
		write_json(r, out);
		break;
	default:
		e = write_document(r, f, w, out);
		break;
	}
	if (!e && (fflush(out) != 0 || ferror(out)))
		e = EIO;
	return e;
}
