/* report.c - see report.h */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report.h"
#include "tally.h"

/* ---- formats */

static const struct {
	const char *name;
	enum report_format format;
} format_names[] = {
	{ "md", REPORT_MARKDOWN }, { "markdown", REPORT_MARKDOWN }, { "csv", REPORT_CSV },
	{ "html", REPORT_HTML },   { "htm", REPORT_HTML },          { "json", REPORT_JSON },
};

bool report_format_parse(const char *name, enum report_format *out)
{
	for (size_t i = 0; name && i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcasecmp(name, format_names[i].name) == 0) {
			*out = format_names[i].format;
			return true;
		}
	return false;
}

bool report_format_of_path(const char *path, enum report_format *out)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	const char *base = slash ? slash + 1 : path;
	const char *dot = base ? strrchr(base, '.') : NULL;

	return dot && dot != base && report_format_parse(dot + 1, out);
}

const char *report_format_ext(enum report_format f)
{
	switch (f) {
	case REPORT_CSV:  return "csv";
	case REPORT_HTML: return "html";
	case REPORT_JSON: return "json";
	default:          return "md";
	}
}

/* ---- the request */

int report_default_year(const struct plan *plan)
{
	int best = 0;

	if (!plan->n_years)
		return 0;
	for (size_t i = 0; i < plan->n_years; i++)
		if (plan->years[i] <= plan->current_year)
			best = plan->years[i];
	return best ? best : plan->years[0];
}

void report_request_default(const struct plan *plan, struct report_request *req)
{
	memset(req, 0, sizeof *req);
	filter_clear(&req->filter);
	req->review = plan->n_reviews ? (int)plan->n_reviews - 1 : -1;
	req->year = report_default_year(plan);
	req->policy = -1;
}

time_t report_history_since(const struct plan *plan, int review)
{
	if (review <= 0 || (size_t)review > plan->n_reviews)
		return 0;
	int ymd = plan->reviews[review - 1].ymd;
	struct tm tm = { .tm_year = ymd / 10000 - 1900, .tm_mon = ymd / 100 % 100 - 1,
	                 .tm_mday = ymd % 100 + 1, .tm_isdst = -1 };

	return mktime(&tm);       /* mktime carries the 32nd into the next month */
}

/* ---- counting */

static int counts_init(struct report_counts *c, const struct plan *plan, int policy)
{
	size_t nl = plan->n_rating_levels, ns = plan->n_statuses;
	size_t *block = calloc(2 * nl + ns + 1, sizeof *block);

	memset(c, 0, sizeof *c);
	c->policy = policy;
	if (!block)
		return ENOMEM;
	c->levels = block;
	c->prev_levels = block + nl;
	c->statuses = block + 2 * nl;
	return 0;
}

static void counts_free(struct report_counts *c)
{
	free(c->levels);
	c->levels = c->prev_levels = c->statuses = NULL;
}

/* The counts of one policy (-1: the report's policies together) from the
 * tally cache: the items shown and their ratings at the review date and at
 * the one before, as the dashboard's overview counts them. */
static void counts_rate(struct report_counts *c, const struct report *r,
                        const struct tally_cache *tc)
{
	size_t nl = r->plan->n_rating_levels;

	c->items = tally_items_shown(tc, c->policy);
	if (r->req.review >= 0)
		tally_ratings(tc, c->policy, r->req.review, c->levels, nl, &c->rated);
	if (r->prev_review >= 0)
		tally_ratings(tc, c->policy, r->prev_review, c->prev_levels, nl, &c->prev_rated);
}

/* The policy counts added into the total (a report of one policy, or of
 * every policy holding report items). */
static void counts_sum(struct report_counts *total, const struct report_counts *c,
                       const struct plan *plan)
{
	total->items += c->items;
	total->rated += c->rated;
	total->prev_rated += c->prev_rated;
	total->no_entry += c->no_entry;
	for (size_t l = 0; l < plan->n_rating_levels; l++) {
		total->levels[l] += c->levels[l];
		total->prev_levels[l] += c->prev_levels[l];
	}
	for (size_t s = 0; s < plan->n_statuses; s++)
		total->statuses[s] += c->statuses[s];
}

static bool request_valid(const struct plan *plan, const struct report_request *req)
{
	return req->review >= -1 && req->review < (int)plan->n_reviews && req->policy >= -1 &&
	       req->policy < (int)plan->n_policies;
}

/* One item of the report: its rating, its entry of the year, and that
 * entry's status counted in its policy. */
static void add_item(struct report *r, struct report_counts *c, int policy, int item)
{
	const struct plan *plan = r->plan;
	const struct item *it = &plan->policies[policy].items[item];
	struct report_item *ri = &r->items[r->n_items++];

	ri->policy = policy;
	ri->item = item;
	ri->rating = r->req.review >= 0 ? item_rating_at(it, r->req.review) : NULL;
	ri->behind = ri->rating && plan->rating_levels[ri->rating->level].late;
	ri->entry = item_entry_for_year(it, r->req.year);
	r->n_behind += ri->behind;
	if (ri->entry)
		c->statuses[ri->entry->status]++;
	else
		c->no_entry++;
}

/* The items of the report and the counts per policy: the items the
 * dashboard's filter shows (tally.h), in plan order. */
static int collect_items(struct report *r, const struct tally_cache *tc)
{
	const struct plan *plan = r->plan;
	int item;

	r->items = calloc(plan->n_items ? plan->n_items : 1, sizeof *r->items);
	r->policies = calloc(plan->n_policies ? plan->n_policies : 1, sizeof *r->policies);
	if (!r->items || !r->policies || counts_init(&r->total, plan, -1))
		return ENOMEM;
	r->plan_items = plan->n_items;
	for (size_t p = 0; p < plan->n_policies; p++) {
		size_t shown = tally_items_shown(tc, (int)p);
		struct report_counts *c = &r->policies[r->n_policies];

		if (!shown || (r->req.policy >= 0 && (size_t)r->req.policy != p))
			continue;
		if (counts_init(c, plan, (int)p))
			return ENOMEM;
		r->n_policies++;
		counts_rate(c, r, tc);
		for (size_t k = 0; k < shown; k++)
			if (tally_visible_item(tc, (int)p, k, &item))
				add_item(r, c, (int)p, item);
		counts_sum(&r->total, c, plan);
	}
	return 0;
}

static int by_year(const void *a, const void *b)
{
	const struct report_effects *x = a, *y = b;

	return (x->year > y->year) - (x->year < y->year);
}

int report_effects_rows(const struct plan *plan, struct report_effects **rows, size_t *n)
{
	struct report_effects *out;
	double sum = 0;

	*rows = NULL;
	*n = 0;
	if (!plan->n_effects)
		return 0;
	out = calloc(plan->n_effects, sizeof *out);
	if (!out)
		return ENOMEM;
	for (size_t i = 0; i < plan->n_effects; i++) {
		const struct effects_year *row = &plan->effects[i];

		out[i] = (struct report_effects){ .year = row->year, .total = effects_year_total(row),
		                                  .revenue = row->revenue, .savings = row->savings,
		                                  .budget = row->budget, .row = row };
	}
	qsort(out, plan->n_effects, sizeof *out, by_year);
	for (size_t i = 0; i < plan->n_effects; i++) {
		out[i].has_change = i > 0;
		out[i].change = i ? out[i].total - out[i - 1].total : 0;
		sum += out[i].total;
		out[i].cumulative = sum;
	}
	*rows = out;
	*n = plan->n_effects;
	return 0;
}

static int collect_effects(struct report *r)
{
	int e = report_effects_rows(r->plan, &r->effects, &r->n_effects);

	for (size_t i = 0; !e && i < r->n_effects; i++) {
		r->effects_total += r->effects[i].total;
		r->effects_revenue += r->effects[i].revenue;
		r->effects_savings += r->effects[i].savings;
	}
	return e;
}

/* Which items are in the report, by their number in plan order, and where
 * each policy's numbers start: to find a history line's item in O(1). */
struct membership {
	size_t *first;            /* per policy */
	unsigned char *in;        /* per item */
};

static int membership_build(const struct report *r, struct membership *m)
{
	const struct plan *plan = r->plan;
	size_t n = 0;

	m->first = calloc(plan->n_policies + 1, sizeof *m->first);
	m->in = calloc(plan->n_items + 1, 1);
	if (!m->first || !m->in)
		return ENOMEM;
	for (size_t p = 0; p < plan->n_policies; p++) {
		m->first[p] = n;
		n += plan->policies[p].n_items;
	}
	for (size_t k = 0; k < r->n_items; k++)
		m->in[m->first[r->items[k].policy] + (size_t)r->items[k].item] = 1;
	return 0;
}

/* Is the item of a history line in the report? */
static bool line_in_report(const struct report *r, const struct membership *m,
                           const struct log_line *l)
{
	int p, i;

	if (!l->item_id || !plan_locate_item(r->plan, l->item_id, &p, &i))
		return r->req.policy < 0 && !filter_active(&r->req.filter);
	return m->in[m->first[p] + (size_t)i];
}

static int collect_changes(struct report *r, const struct log_line *lines, size_t n)
{
	struct membership m = { NULL, NULL };
	int e = 0;

	if (!n)
		return 0;
	r->changes = calloc(n, sizeof *r->changes);
	if (!r->changes || (e = membership_build(r, &m))) {
		e = ENOMEM;
	} else {
		for (size_t k = 0; k < n; k++)
			if ((!r->since || lines[k].when >= r->since) && line_in_report(r, &m, &lines[k]))
				r->changes[r->n_changes++] = &lines[k];
	}
	free(m.first);
	free(m.in);
	return e;
}

int report_build(struct report *r, const struct plan *plan, const struct report_request *req,
                 const struct log_line *lines, size_t n_lines)
{
	struct tally_cache *tc;
	int e;

	memset(r, 0, sizeof *r);
	r->plan = plan;
	r->req = *req;
	r->prev_review = req->review > 0 ? req->review - 1 : -1;
	if (!request_valid(plan, req)) {
		r->prev_review = r->req.review = r->req.policy = -1;
		return EINVAL;
	}
	r->since = report_history_since(plan, req->review);
	/* the rating terms of the filter read the report's review date */
	r->req.filter.reference_review = req->review;
	if (!(tc = tally_new()) || tally_build(tc, plan, &r->req.filter))
		e = ENOMEM;
	else if (!(e = collect_items(r, tc)) && !(e = collect_effects(r)))
		e = collect_changes(r, lines, n_lines);
	tally_free(tc);
	return e;
}

void report_free(struct report *r)
{
	for (size_t p = 0; p < r->n_policies; p++)
		counts_free(&r->policies[p]);
	counts_free(&r->total);
	free(r->policies);
	free(r->items);
	free(r->effects);
	free(r->changes);
	memset(r, 0, sizeof *r);
}

const struct item *report_item_of(const struct report *r, const struct report_item *ri)
{
	return &r->plan->policies[ri->policy].items[ri->item];
}
