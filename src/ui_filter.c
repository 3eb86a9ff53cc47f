/* ui_filter.c - the filter picker (see ui_filter.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "query.h"
#include "ui_filter.h"
#include "utf8.h"

enum frow_kind {
	FROW_HEADING, FROW_STATUS, FROW_YEAR_ANY, FROW_YEAR, FROW_REVISED, FROW_OVERDUE,
	FROW_RATING, FROW_RATING_DOWN, FROW_DEPT_ANY, FROW_DEPT,
};

struct frow {
	enum frow_kind kind;
	size_t arg;               /* status, year, rating level or department index */
};

/* What the picker remembers between openings, for the session. */
static struct {
	struct frow at;           /* the row the cursor was on */
	char typed[128];
} last;

struct picker {
	const char **departments; /* plan_departments() */
	size_t n_departments;
	struct frow *rows;        /* the rows that match what is typed */
	size_t n, sel, top;
	char typed[128];
};

/* ---- rows */

static void row_label(const struct picker *p, const struct ui_ctx *ctx, const struct frow *r,
                      char *buf, size_t size)
{
	const struct plan *plan = ui_plan(ctx);
	char year[64];

	buf[0] = '\0';
	switch (r->kind) {
	case FROW_STATUS:
		snprintf(buf, size, "%c  %s", plan->statuses[r->arg].letter, plan->statuses[r->arg].label);
		break;
	case FROW_YEAR_ANY:  snprintf(buf, size, "%s", _("any year")); break;
	case FROW_YEAR:
		ui_year_label(ctx, plan->years[r->arg], buf, size);
		break;
	case FROW_REVISED:   snprintf(buf, size, "%s", _("revised at the review")); break;
	case FROW_OVERDUE:
		ui_year_short(ctx, ui_year(ctx), year, sizeof year);
		snprintf(buf, size, _("overdue: an entry before %s not finished"), year);
		break;
	case FROW_RATING:
		snprintf(buf, size, "%s  %s", plan->rating_levels[r->arg].key,
		         plan->rating_levels[r->arg].label);
		break;
	case FROW_RATING_DOWN:
		ui_review_label(ctx, ctx->review - 1, year, sizeof year);
		snprintf(buf, size, _("rated lower than at %s"), year);
		break;
	case FROW_DEPT_ANY:  snprintf(buf, size, "%s", _("any department")); break;
	case FROW_DEPT:      snprintf(buf, size, "%s", p->departments[r->arg]); break;
	case FROW_HEADING:   break;
	}
}

/* Rows come in five groups, each under a heading. */
static size_t group_of(enum frow_kind k)
{
	switch (k) {
	case FROW_STATUS:    return 0;
	case FROW_YEAR_ANY:
	case FROW_YEAR:      return 1;
	case FROW_REVISED:
	case FROW_OVERDUE:   return 2;
	case FROW_RATING:
	case FROW_RATING_DOWN: return 3;
	default:             return 4;
	}
}

static void heading_of(const struct ui_ctx *ctx, size_t group, char *buf, size_t size)
{
	char date[96];

	switch (group) {
	case 0:  snprintf(buf, size, "%s", _("Status (any of the marked)")); break;
	case 1:  snprintf(buf, size, "%s", _("Fiscal year")); break;
	case 2:  snprintf(buf, size, "%s", _("Items")); break;
	case 3:
		ui_review_label(ctx, ctx->review, date, sizeof date);
		snprintf(buf, size, _("Rating at %s (any of the marked; < > change the date)"), date);
		break;
	default: snprintf(buf, size, "%s", _("Department")); break;
	}
}

/* Does a row match the typed text?  Years also match as "25", "H25" and
 * "2013"; statuses by their key. */
static bool row_matches(const struct picker *p, const struct ui_ctx *ctx, const struct frow *r)
{
	const struct plan *plan = ui_plan(ctx);
	char label[512], extra[64] = "";

	if (!p->typed[0])
		return true;
	row_label(p, ctx, r, label, sizeof label);
	if (r->kind == FROW_YEAR)
		snprintf(extra, sizeof extra, "H%d %d", fiscal_year_heisei(plan->years[r->arg]),
		         plan->years[r->arg]);
	else if (r->kind == FROW_STATUS)
		snprintf(extra, sizeof extra, "%s", plan->statuses[r->arg].key);
	else if (r->kind == FROW_RATING || r->kind == FROW_RATING_DOWN)
		heading_of(ctx, 3, extra, sizeof extra);   /* "評価" finds them all */
	return text_contains(label, p->typed) || text_contains(extra, p->typed);
}

/* Add r, with its group's heading first when the heading is not there. */
static void add_row(struct picker *p, const struct ui_ctx *ctx, struct frow r)
{
	if (!row_matches(p, ctx, &r))
		return;
	if (!p->n || group_of(p->rows[p->n - 1].kind) != group_of(r.kind))
		p->rows[p->n++] = (struct frow){ FROW_HEADING, group_of(r.kind) };
	p->rows[p->n++] = r;
}

/* Build the rows that match the typed text; the cursor stays on its row
 * when it is still there. */
static void build(struct picker *p, const struct ui_ctx *ctx)
{
	const struct plan *plan = ui_plan(ctx);
	struct frow at = p->n && p->sel < p->n ? p->rows[p->sel] : last.at;

	p->n = 0;
	for (size_t s = 0; s < plan->n_statuses && s < FILTER_MAX_STATUSES; s++)
		add_row(p, ctx, (struct frow){ FROW_STATUS, s });
	add_row(p, ctx, (struct frow){ FROW_YEAR_ANY, 0 });
	for (size_t y = 0; y < plan->n_years; y++)
		add_row(p, ctx, (struct frow){ FROW_YEAR, y });
	add_row(p, ctx, (struct frow){ FROW_REVISED, 0 });
	add_row(p, ctx, (struct frow){ FROW_OVERDUE, 0 });
	for (size_t l = 0; ctx->review >= 0 && l < plan->n_rating_levels && l < FILTER_MAX_STATUSES;
	     l++)
		add_row(p, ctx, (struct frow){ FROW_RATING, l });
	if (ctx->review > 0)
		add_row(p, ctx, (struct frow){ FROW_RATING_DOWN, 0 });
	add_row(p, ctx, (struct frow){ FROW_DEPT_ANY, 0 });
	for (size_t d = 0; d < p->n_departments; d++)
		add_row(p, ctx, (struct frow){ FROW_DEPT, d });
	p->sel = 0;
	for (size_t i = 0; i < p->n; i++)
		if (p->rows[i].kind == at.kind && p->rows[i].arg == at.arg)
			p->sel = i;
	while (p->sel + 1 < p->n && p->rows[p->sel].kind == FROW_HEADING)
		p->sel++;
}

/* ---- toggling */

static void toggle(struct picker *p, struct ui_ctx *ctx, const struct frow *r)
{
	struct filter *f = &ctx->filter;
	const struct plan *plan = ui_plan(ctx);

	switch (r->kind) {
	case FROW_STATUS:   f->statuses ^= UINT32_C(1) << r->arg; break;
	case FROW_YEAR_ANY: f->year = 0; break;
	case FROW_YEAR:
		f->year = f->year == plan->years[r->arg] ? 0 : plan->years[r->arg];
		/* the counts are for the year shown: show the filtered one */
		if (f->year)
			ctx->year = r->arg;
		break;
	case FROW_REVISED:  f->revised = !f->revised; break;
	case FROW_OVERDUE:  f->overdue = !f->overdue; break;
	case FROW_RATING:   f->ratings ^= UINT32_C(1) << r->arg; break;
	case FROW_RATING_DOWN: f->rating_down = !f->rating_down; break;
	case FROW_DEPT_ANY: f->department[0] = '\0'; break;
	case FROW_DEPT:
		if (strcmp(f->department, p->departments[r->arg]) == 0)
			f->department[0] = '\0';
		else
			filter_set_department(f, p->departments[r->arg]);
		break;
	case FROW_HEADING:  break;
	}
	f->reference_year = ui_year(ctx);
	f->reference_review = ctx->review;
}

static void say_filter(struct ui_ctx *ctx)
{
	char f[256];

	if (!filter_active(&ctx->filter)) {
		ui_say(ctx, _("No filter: everything is shown."));
		return;
	}
	ui_filter_label(ctx, f, sizeof f);
	ui_say(ctx, _("Filter: %s (F clears it)."), f);
}

unsigned filter_clear_all(struct ui_ctx *ctx)
{
	filter_clear(&ctx->filter);
	say_filter(ctx);
	return UI_REDRAW;
}

/* ---- keys */

/* Move, skipping headings in the direction of the move. */
static void move_cursor(struct picker *p, enum action a, int page)
{
	size_t sel = p->sel;
	bool down;

	ui_move(&sel, p->n, a, page);
	down = sel >= p->sel;
	while (sel < p->n && p->rows[sel].kind == FROW_HEADING) {
		if (down && sel + 1 < p->n)
			sel++;
		else if (!down && sel > 0)
			sel--;
		else if ((down = !down) && sel + 1 < p->n)
			sel++;
		else
			break;
	}
	p->sel = sel;
}

static unsigned type(struct picker *p, struct ui_ctx *ctx, const struct action_call *a)
{
	size_t len = strlen(p->typed);

	if (a->id == ACT_PICKER_ERASE) {
		while (len > 0 && ((unsigned char)p->typed[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			p->typed[len - 1] = '\0';
	} else {
		char mb[8];
		int k = wctomb(mb, (wchar_t)a->arg);

		if (k <= 0 || len + (size_t)k >= sizeof p->typed)
			return UI_REDRAW;
		memcpy(p->typed + len, mb, (size_t)k);
		p->typed[len + (size_t)k] = '\0';
	}
	build(p, ctx);
	if (!p->n)
		ui_say(ctx, _("Nothing matches \"%s\" (Backspace deletes)."), p->typed);
	return UI_REDRAW;
}

static unsigned close_picker(struct picker *p, struct ui_ctx *ctx)
{
	if (p->n && p->sel < p->n)
		last.at = p->rows[p->sel];
	snprintf(last.typed, sizeof last.typed, "%s", p->typed);
	screen_pop(ctx);
	say_filter(ctx);
	return UI_REDRAW;
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct picker *p = s->state;

	switch (a->id) {
	case ACT_TOGGLE:
		if (p->sel < p->n)
			toggle(p, ctx, &p->rows[p->sel]);
		return UI_REDRAW;
	case ACT_FILTER_CLEAR:
		filter_clear(&ctx->filter);
		return UI_REDRAW;
	case ACT_PICKER_CLOSE:
		if (a->key.code == 27 && p->typed[0]) {   /* Esc: the typed text first */
			p->typed[0] = '\0';
			build(p, ctx);
			return UI_REDRAW;
		}
		return close_picker(p, ctx);
	case ACT_FILTER:
		return close_picker(p, ctx);
	case ACT_NARROW:
	case ACT_PICKER_ERASE:
		return type(p, ctx, a);
	default:
		if (ui_move(&(size_t){ p->sel }, p->n, a->id, 1)) {
			move_cursor(p, a->id, ctx->layout.body_rows - 2);
			return UI_REDRAW;
		}
		return UI_UNHANDLED;
	}
}

/* ---- drawing */

static void draw_row(struct ui_ctx *ctx, const struct picker *p, size_t i, int y)
{
	const struct frow *r = &p->rows[i];
	const struct filter *f = &ctx->filter;
	const struct plan *plan = ui_plan(ctx);
	bool sel = i == p->sel, on = false, radio = r->kind == FROW_YEAR_ANY ||
	           r->kind == FROW_YEAR || r->kind == FROW_DEPT_ANY || r->kind == FROW_DEPT;
	attr_t base = sel ? ui_attr(ctx, ROLE_SELECTED) : A_NORMAL;
	char label[512];

	if (r->kind == FROW_HEADING) {
		heading_of(ctx, r->arg, label, sizeof label);
		ui_put(y, 0, COLS - 1, label, ui_attr(ctx, ROLE_HEADING), false);
		return;
	}
	switch (r->kind) {
	case FROW_STATUS:   on = f->statuses & (UINT32_C(1) << r->arg); break;
	case FROW_YEAR_ANY: on = !f->year; break;
	case FROW_YEAR:     on = f->year == plan->years[r->arg]; break;
	case FROW_REVISED:  on = f->revised; break;
	case FROW_OVERDUE:  on = f->overdue; break;
	case FROW_RATING:   on = f->ratings & (UINT32_C(1) << r->arg); break;
	case FROW_RATING_DOWN: on = f->rating_down; break;
	case FROW_DEPT_ANY: on = !f->department[0]; break;
	case FROW_DEPT:     on = strcmp(f->department, p->departments[r->arg]) == 0; break;
	case FROW_HEADING:  break;
	}
	row_label(p, ctx, r, label, sizeof label);
	if (sel) {
		ui_put(y, 0, COLS - 1, "", base, true);
		ctx->cursor_y = y;
	}
	ui_put(y, 0, 2, sel ? ">" : "", base, false);
	ui_put(y, 2, 3, radio ? (on ? "(*)" : "( )") : (on ? "[x]" : "[ ]"), base | A_BOLD, false);
	ui_put(y, 6, COLS - 7, label, base, false);
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct picker *p = s->state;
	int y = ctx->layout.body_top, rows = ctx->layout.body_rows - 1;
	char f[256], line[512];

	ui_filter_label(ctx, f, sizeof f);
	snprintf(line, sizeof line, _("Filter: %s"), filter_active(&ctx->filter) ? f : _("none"));
	if (p->typed[0])
		snprintf(line + strlen(line), sizeof line - strlen(line), "   %s%s",
		         _("narrowed by: "), p->typed);
	ui_put(y++, 0, COLS - 1, line, A_BOLD, false);
	ui_scroll_to(p->sel, &p->top, p->n, rows);
	for (size_t i = p->top; i < p->n && (int)(i - p->top) < rows; i++)
		draw_row(ctx, p, i, y + (int)(i - p->top));
	ui_more_marks(y, rows, p->top, p->n - p->top < (size_t)rows ? p->n - p->top : (size_t)rows,
	              p->n);
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	(void)s;
	(void)ctx;
	snprintf(t->name, sizeof t->name, "%s", _("Filter"));
}

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	struct picker *p = s->state;
	const struct plan *plan = ui_plan(ctx);
	size_t max;

	(void)arg;
	if (plan_departments(plan, &p->departments, &p->n_departments) != 0)
		p->n_departments = 0;
	max = 2 * (plan->n_statuses + plan->n_years + plan->n_rating_levels + p->n_departments + 8);
	p->rows = calloc(max, sizeof *p->rows);
	if (!p->rows) {
		free(p->departments);
		ui_error(ctx, _("Out of memory."));
		return false;
	}
	snprintf(p->typed, sizeof p->typed, "%s", last.typed);
	build(p, ctx);
	if (!p->n) {                  /* the remembered text matches nothing now */
		p->typed[0] = '\0';
		build(p, ctx);
	}
	return true;
}

static void close_state(struct screen *s)
{
	struct picker *p = s->state;

	free(p->departments);
	free(p->rows);
}

/* The departments pointed into the old plan: list them again. */
static void plan_changed(struct screen *s, struct ui_ctx *ctx)
{
	struct picker *p = s->state;
	char typed[sizeof p->typed];

	snprintf(typed, sizeof typed, "%s", p->typed);
	close_state(s);
	memset(p, 0, sizeof *p);
	if (!open(s, ctx, NULL))
		return;                   /* out of memory: an empty picker, Esc closes it */
	snprintf(p->typed, sizeof p->typed, "%s", typed);
	build(p, ctx);
}

static const enum action picker_actions[] = {
	ACT_DOWN, ACT_UP, ACT_TOGGLE, ACT_NARROW, ACT_FILTER_CLEAR, ACT_PICKER_CLOSE, ACT_HELP,
	ACT_FILTER, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_PICKER_ERASE,
	ACT_REVIEW_PREV, ACT_REVIEW_NEXT, ACT_REDRAW,
	ACT_NONE
};

static const struct screen_ops filter_ops = {
	.name = "filter",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct picker),
	.actions = picker_actions,
	.open = open,
	.close = close_state,
	.key = key,
	.draw = draw,
	.title = title,
	.plan_changed = plan_changed,
};

unsigned filter_open(struct ui_ctx *ctx)
{
	screen_push(ctx, &filter_ops, NULL);
	return UI_REDRAW;
}
