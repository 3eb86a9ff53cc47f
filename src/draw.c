/* draw.c - the drawing helpers (see draw.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "query.h"
#include "search.h"
#include "textcol.h"
#include "utf8.h"

/* The active search, underlined wherever text is drawn (set per frame). */
static struct search_needle highlight;
static bool highlighting;

/* "…": one column, or two where ambiguous-width characters are wide. */
static const char ellipsis[] = "\xe2\x80\xa6";

void ui_set_highlight(const char *needle)
{
	highlighting = needle && *needle && search_needle_init(&highlight, needle);
}

int ui_width(const char *s)
{
	return s ? textcol_width(s, strlen(s)) : 0;
}

/* Clip to the screen; the last cell of the last row is never written
 * (writing it scrolls or fails). */
static int screen_cols(int y, int x, int cols)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || cols <= 0)
		return 0;
	if (cols > COLS - x)
		cols = COLS - x;
	if (y == LINES - 1 && x + cols >= COLS)
		cols = COLS - 1 - x;
	return cols > 0 ? cols : 0;
}

static int put_clipped(int y, int x, int cols, const char *s, size_t len, attr_t attr, bool pad)
{
	static wchar_t buf[4096];
	size_t n;
	int used;

	n = textcol_clip(s, len, cols, pad, buf, sizeof buf / sizeof buf[0], &used);
	attrset(attr);
	mvaddnwstr(y, x, buf, (int)n);
	attrset(A_NORMAL);
	return used;
}

/* One piece of text: cut with "…" when it does not fit. */
static int put_plain(int y, int x, int cols, const char *s, size_t len, attr_t attr, bool pad)
{
	int mark, used;

	cols = screen_cols(y, x, cols);
	if (!cols)
		return 0;
	if (!s || textcol_width(s, len) <= cols)
		return put_clipped(y, x, cols, s, len, attr, pad);
	mark = textcol_width(ellipsis, sizeof ellipsis - 1);
	if (cols <= mark)             /* no room for text: the mark says some was cut */
		return put_clipped(y, x, cols, ellipsis, sizeof ellipsis - 1, attr, pad);
	used = put_clipped(y, x, cols - mark, s, len, attr, false);
	used += put_clipped(y, x + used, mark, ellipsis, sizeof ellipsis - 1, attr, false);
	if (pad && used < cols)
		used += put_clipped(y, x + used, cols - used, "", 0, attr, true);
	return used;
}

/* Matches of the search are drawn underlined and bold (never by colour
 * alone); the rest as asked.  Matching folds width and case, so a match
 * is a byte range of the text as it is. */
int ui_put_n(int y, int x, int cols, const char *s, size_t len, attr_t attr, bool pad)
{
	size_t at = 0, mpos, mlen;
	char *copy;
	int used = 0;

	if (!highlighting || !s || !len)
		return put_plain(y, x, cols, s, len, attr, pad);
	copy = malloc(len + 1);
	if (!copy)
		return put_plain(y, x, cols, s, len, attr, pad);
	memcpy(copy, s, len);
	copy[len] = '\0';
	if (!search_text_find(&highlight, copy, 0, &mpos, &mlen)) {
		free(copy);
		return put_plain(y, x, cols, s, len, attr, pad);
	}
	while (at < len && used < cols) {
		if (!search_text_find(&highlight, copy, at, &mpos, &mlen) || !mlen)
			mpos = len;
		if (mpos > at)
			used += put_plain(y, x + used, cols - used, s + at, mpos - at, attr, false);
		if (mpos >= len || used >= cols)
			break;
		used += put_plain(y, x + used, cols - used, s + mpos, mlen,
		                  attr | A_UNDERLINE | A_BOLD, false);
		at = mpos + mlen;
	}
	if (pad && used < cols)
		used += put_plain(y, x + used, cols - used, "", 0, attr, true);
	free(copy);
	return used;
}

int ui_put(int y, int x, int cols, const char *s, attr_t attr, bool pad)
{
	return ui_put_n(y, x, cols, s, s ? strlen(s) : 0, attr, pad);
}

int ui_wrapped_rows(const char *s, int width)
{
	if (width < 1)
		return 1;
	return (int)textcol_wrap(s ? s : "", s ? strlen(s) : 0, width, NULL, 0);
}

int ui_put_wrapped(int y, int x, int width, const char *s, int skip, int max_lines,
                   attr_t attr)
{
	struct textcol_span *spans;
	size_t len = s ? strlen(s) : 0, n, last;
	int shown = 0;

	if (width < 2 || max_lines < 1 || skip < 0)
		return 0;
	n = textcol_wrap(s ? s : "", len, width, NULL, 0);
	spans = calloc(n ? n : 1, sizeof *spans);
	if (!spans)
		return 0;
	textcol_wrap(s ? s : "", len, width, spans, n);
	last = (size_t)skip + (size_t)max_lines < n ? (size_t)skip + (size_t)max_lines : n;
	for (size_t i = (size_t)skip; i < last; i++, shown++) {
		bool cut = i == last - 1 && last < n;
		/* the cut row takes the rest of the text, so that it ends in "…" */
		size_t end = cut ? len : spans[i].end;

		ui_put_n(y + shown, x, width, s + spans[i].start, end - spans[i].start, attr, false);
	}
	free(spans);
	return shown;
}

/* ---- attributes */

/* Colour pairs 1..8 are "colour c on the default background". */
#define PAIR_OF(c) COLOR_PAIR((c) + 1)

attr_t ui_attr(const struct ui_ctx *ctx, int role)
{
	switch (role) {
	case ROLE_HEADER:   return A_REVERSE | A_BOLD;
	case ROLE_SELECTED: return A_REVERSE;
	case ROLE_KEY:      return ctx->color ? (PAIR_OF(COLOR_CYAN) | A_BOLD) : A_BOLD;
	case ROLE_HEADING:  return A_BOLD;
	case ROLE_BAR:      return ctx->color ? PAIR_OF(COLOR_GREEN) : A_BOLD;
	case ROLE_DIM:      return A_NORMAL;
	}
	return A_NORMAL;
}

attr_t ui_status_attr(const struct ui_ctx *ctx, int status)
{
	static const short others[] = { COLOR_CYAN, COLOR_YELLOW, COLOR_RED,
	                                COLOR_MAGENTA, COLOR_BLUE };
	const struct plan *plan = ui_plan(ctx);

	if (status < 0 || (size_t)status >= plan->n_statuses)
		return A_NORMAL;
	/* No bold: turning it off costs a full attribute reset per cell. */
	if (!ctx->color)
		return A_NORMAL;
	if (plan->statuses[status].final)
		return PAIR_OF(COLOR_GREEN);
	return PAIR_OF(others[status % 5]);
}

/* ---- labels */

void ui_year_label(const struct ui_ctx *ctx, int year, char *buf, size_t size)
{
	int heisei = fiscal_year_heisei(year);

	if (ctx->era_years && heisei)
		/* TRANSLATORS: Japanese era year and fiscal year: 平成%d年度 (FY%d) */
		snprintf(buf, size, _("Heisei %d (FY%d)"), heisei, year);
	else
		snprintf(buf, size, "FY%d", year);
}

void ui_year_short(const struct ui_ctx *ctx, int year, char *buf, size_t size)
{
	int heisei = fiscal_year_heisei(year);

	if (ctx->era_years && heisei)
		/* TRANSLATORS: Japanese era fiscal year, short: 平成%d年度 */
		snprintf(buf, size, _("Heisei %d"), heisei);
	else
		snprintf(buf, size, "FY%d", year);
}

void ui_review_label(const struct ui_ctx *ctx, int review, char *buf, size_t size)
{
	const struct plan *plan = ui_plan(ctx);
	const struct review_date *r;

	if (review < 0 || (size_t)review >= plan->n_reviews) {
		snprintf(buf, size, "%s", "");
		return;
	}
	r = &plan->reviews[review];
	snprintf(buf, size, "%s", ctx->era_years && r->label && r->label[0] ? r->label : r->date);
}

void ui_year_column(const struct ui_ctx *ctx, int year, char *buf, size_t size)
{
	int heisei = fiscal_year_heisei(year);

	if (ctx->era_years && heisei)
		snprintf(buf, size, "H%d", heisei);
	else
		snprintf(buf, size, "%d", year);
}

void ui_policy_label(const struct policy *policy, char *buf, size_t size)
{
	/* TRANSLATORS: a policy number, e.g. 方針4 */
	snprintf(buf, size, _("Policy %s"), policy->id);
}

const char *ui_field_label(enum field f)
{
	switch (f) {
	case FIELD_STATUS: return _("status");
	case FIELD_PLAN:   return _("plan");
	case FIELD_NOTE:   return _("note");
	}
	return "?";
}

const char *ui_value_label(const struct plan *plan, enum field f, const char *v)
{
	if (!v)
		return _("(none)");
	if (f == FIELD_STATUS) {
		int s = plan_status_index(plan, v);

		return s >= 0 ? plan->statuses[s].label : v;
	}
	return *v ? v : _("(empty)");
}

void ui_change_label(const struct ui_ctx *ctx, const char *id, int year, enum field f,
                     const char *before, const char *after, char *buf, size_t size)
{
	const struct plan *plan = ui_plan(ctx);
	char y[64];

	ui_year_short(ctx, year, y, sizeof y);
	if (f == FIELD_STATUS)
		snprintf(buf, size, "%s %s: %s -> %s", id, y, ui_value_label(plan, f, before),
		         ui_value_label(plan, f, after));
	else
		snprintf(buf, size, "%s %s %s: %s -> %s", id, y, ui_field_label(f),
		         ui_value_label(plan, f, before), ui_value_label(plan, f, after));
	utf8_trim(buf);
}

void ui_filter_label(const struct ui_ctx *ctx, char *buf, size_t size)
{
	const struct filter *f = &ctx->filter;
	const struct plan *plan = ui_plan(ctx);
	size_t len = 0;
	char y[64];

#define ADD(...) do { if (len < size) { \
		int k = snprintf(buf + len, size - len, __VA_ARGS__); \
		len += k > 0 ? (size_t)k : 0; } } while (0)
	if (size)
		buf[0] = '\0';
	for (size_t s = 0; f->statuses && s < plan->n_statuses && s < FILTER_MAX_STATUSES; s++)
		if (f->statuses & (UINT32_C(1) << s))
			ADD("%s%c", len ? "," : "", plan->statuses[s].letter);
	if (f->year) {
		ui_year_short(ctx, f->year, y, sizeof y);
		ADD("%s%s", len ? " " : "", y);
	}
	if (f->revised)
		ADD("%s%s", len ? " " : "", _("revised"));
	if (f->overdue)
		ADD("%s%s", len ? " " : "", _("overdue"));
	if (f->ratings) {
		/* TRANSLATORS: the rating filter in a few columns: 評価S,A */
		ADD("%s%s", len ? " " : "", _("rated "));
		for (size_t r = 0, n = 0; r < plan->n_rating_levels && r < FILTER_MAX_STATUSES; r++)
			if (f->ratings & (UINT32_C(1) << r))
				ADD("%s%s", n++ ? "," : "", plan->rating_levels[r].key);
	}
	if (f->rating_down)
		ADD("%s%s", len ? " " : "", _("rating down"));
	if (f->department[0])
		ADD("%s%s", len ? " " : "", f->department);
#undef ADD
	if (len >= size && size)
		buf[size - 1] = '\0';
}

/* ---- lists */

bool ui_move(size_t *sel, size_t n, enum action a, int page)
{
	size_t p = page > 1 ? (size_t)page : 1;
	size_t last = n ? n - 1 : 0;

	switch (a) {
	case ACT_DOWN:      *sel = *sel < last ? *sel + 1 : last; return true;
	case ACT_UP:        *sel = *sel > 0 ? *sel - 1 : 0; return true;
	case ACT_PAGE_DOWN: *sel = *sel + p < last ? *sel + p : last; return true;
	case ACT_PAGE_UP:   *sel = *sel > p ? *sel - p : 0; return true;
	case ACT_FIRST:     *sel = 0; return true;
	case ACT_LAST:      *sel = last; return true;
	default:            return false;
	}
}

void ui_scroll_to(size_t sel, size_t *top, size_t n, int rows)
{
	size_t r = rows > 1 ? (size_t)rows : 1;

	if (sel < *top)
		*top = sel;
	if (sel >= *top + r)
		*top = sel - r + 1;
	if (*top + r > n)
		*top = n > r ? n - r : 0;
}

bool ui_scroll_page(size_t *top, size_t n, enum action a, int rows)
{
	size_t page = rows > 2 ? (size_t)rows - 1 : 1;
	size_t max = n > (size_t)(rows > 0 ? rows : 1) ? n - (size_t)(rows > 0 ? rows : 1) : 0;

	switch (a) {
	case ACT_DOWN:      *top += *top < max; break;
	case ACT_UP:        *top -= *top > 0; break;
	case ACT_PAGE_DOWN: *top = *top + page < max ? *top + page : max; break;
	case ACT_PAGE_UP:   *top = *top > page ? *top - page : 0; break;
	case ACT_FIRST:     *top = 0; break;
	case ACT_LAST:      *top = max; break;
	default:            return false;
	}
	return true;
}

void ui_more_marks(int top_row, int rows, size_t first, size_t shown, size_t n)
{
	if (rows < 1 || COLS < 2)
		return;
	if (first > 0)
		ui_put(top_row, COLS - 1, 1, "^", A_BOLD, false);
	if (first + shown < n)
		ui_put(top_row + rows - 1, COLS - 1, 1, "v", A_BOLD, false);
}

/* ---- keys */

bool ui_action_offered(const struct ui_ctx *ctx, enum action a)
{
	if (ctx->read_only && actions[a].edits)
		return false;
	if ((a == ACT_SEARCH_NEXT || a == ACT_SEARCH_PREV) && !ctx->search.text[0])
		return false;
	return true;
}

void ui_action_keys(const struct ui_ctx *ctx, const struct action_def *d, char *buf, size_t size)
{
	const struct action_key *k = &d->keys[0];

	if (k->kind == KEY_CHAR && k->last) {
		/* the digits this plan's vocabulary uses */
		size_t n = ui_plan(ctx)->n_statuses;
		int last = k->code + (int)(n ? n - 1 : 0);

		if (last > k->last)
			last = k->last;
		if (last > k->code)
			snprintf(buf, size, "%c..%c", k->code, last);
		else
			snprintf(buf, size, "%c", k->code);
		return;
	}
	snprintf(buf, size, "%s", d->hint_keys ? d->hint_keys : action_key_name(k));
}

/* "key:label", except for the key ':' itself, which reads ":jump". */
static const char *hint_separator(const char *keys)
{
	size_t n = strlen(keys);

	return n && keys[n - 1] == ':' ? "" : ":";
}

static int hint_width(const struct ui_ctx *ctx, enum action a)
{
	char keys[32];

	ui_action_keys(ctx, &actions[a], keys, sizeof keys);
	return ui_width(keys) + (int)strlen(hint_separator(keys)) + ui_width(_(actions[a].hint)) + 1;
}

/* Which hints fit in cols: by rank, the least needed dropped first. */
static void choose_hints(const struct ui_ctx *ctx, const enum action *list, int cols,
                         bool *shown)
{
	int used = 0;

	for (int rank = 0; rank < 10; rank++) {
		for (const enum action *a = list; *a != ACT_NONE; a++) {
			const struct action_def *d = &actions[*a];
			int w;

			if (d->rank != rank || !d->hint || !ui_action_offered(ctx, *a))
				continue;
			w = hint_width(ctx, *a);
			if (rank > 0 && used + w - 1 > cols)
				continue;
			used += w;
			shown[*a] = true;
		}
	}
}

void ui_hint_text(const struct ui_ctx *ctx, const enum action *list, char *buf, size_t size)
{
	bool shown[ACT_COUNT] = { false };
	size_t used = 0;

	choose_hints(ctx, list, COLS - 1, shown);
	if (size)
		buf[0] = '\0';
	for (const enum action *a = list; *a != ACT_NONE; a++) {
		char keys[32];
		int w;

		if (!shown[*a])
			continue;
		shown[*a] = false;        /* once, even if listed twice */
		ui_action_keys(ctx, &actions[*a], keys, sizeof keys);
		w = snprintf(buf + used, size - used, "%s%s%s%s", used ? "  " : "", keys,
		             hint_separator(keys), _(actions[*a].hint));
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
}

void ui_draw_hints(const struct ui_ctx *ctx, const enum action *list, int y)
{
	bool shown[ACT_COUNT] = { false };
	int x = 0, cols = COLS - 1;

	choose_hints(ctx, list, cols, shown);
	for (const enum action *a = list; *a != ACT_NONE && x < cols; a++) {
		char keys[32];

		if (!shown[*a])
			continue;
		shown[*a] = false;
		ui_action_keys(ctx, &actions[*a], keys, sizeof keys);
		x += ui_put(y, x, cols - x, keys, ui_attr(ctx, ROLE_KEY), false);
		x += ui_put(y, x, cols - x, hint_separator(keys), A_NORMAL, false);
		x += ui_put(y, x, cols - x, _(actions[*a].hint), A_NORMAL, false);
		x += ui_put(y, x, cols - x, " ", A_NORMAL, false);
	}
}
