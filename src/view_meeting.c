/* view_meeting.c - meeting mode (see view_meeting.h).
 *
 * Entries are held by item id and year, so a save or a live reload in the
 * middle of a meeting changes nothing in the walk. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "query.h"
#include "ui_edit.h"
#include "ui_save.h"
#include "view_meeting.h"
#include "view_text.h"

enum phase { MEET_PICK, MEET_WALK, MEET_END };

/* One entry of the walk, with its values when the meeting started. */
struct walk_entry {
	char *item_id;
	int year;
	char *status0;            /* status key at the start */
	char *note0;              /* note at the start; NULL: absent */
};

/* A change the meeting made: what differs now from the start. */
struct meet_change {
	size_t entry;
	enum field field;
	const char *before, *after;
};

struct meeting {
	enum phase phase;
	int policy;               /* the policy walked; -1: the whole plan */
	int year;
	struct walk_entry *list;
	size_t n, cur;
	size_t sum_sel, sum_top;  /* the summary's selection */
};

static void free_list(struct meeting *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->list[i].item_id);
		free(m->list[i].status0);
		free(m->list[i].note0);
	}
	free(m->list);
	m->list = NULL;
	m->n = m->cur = 0;
}

static bool in_scope(const struct meeting *m, int policy)
{
	return m->policy < 0 || policy == m->policy;
}

static bool keep_entry(struct walk_entry *w, const struct plan *plan, const struct item *it,
                       const struct entry *e)
{
	w->item_id = strdup(it->id);
	w->year = e->year;
	w->status0 = strdup(plan->statuses[e->status].key);
	w->note0 = e->note ? strdup(e->note) : NULL;
	return w->item_id && w->status0 && (!e->note || w->note0);
}

/* The walk for m->year: meeting_walk() restricted to the scope. */
static void build_walk(struct meeting *m, const struct ui_ctx *ctx)
{
	const struct plan *plan = ui_plan(ctx);
	struct entry_ref *refs = NULL;
	size_t n = 0;

	free_list(m);
	if (meeting_walk(plan, &ctx->filter, m->year, &refs, &n) != 0 || !n ||
	    !(m->list = calloc(n, sizeof *m->list))) {
		free(refs);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &plan->policies[refs[i].policy].items[refs[i].item];

		if (!in_scope(m, refs[i].policy))
			continue;
		if (!keep_entry(&m->list[m->n++], plan, it, &it->entries[refs[i].entry])) {
			free_list(m);
			break;
		}
	}
	free(refs);
}

/* Entries of `year` in scope (and the filter) not yet in a final status. */
static size_t unfinished(const struct meeting *m, const struct ui_ctx *ctx, int year)
{
	const struct plan *plan = ui_plan(ctx);
	struct entry_ref *refs = NULL;
	size_t n = 0, open = 0;

	if (meeting_walk(plan, &ctx->filter, year, &refs, &n) != 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const struct entry *e =
			&plan->policies[refs[i].policy].items[refs[i].item].entries[refs[i].entry];

		open += in_scope(m, refs[i].policy) && !plan->statuses[e->status].final;
	}
	free(refs);
	return open;
}

/* The current entry of the walk in the current plan, or NULL. */
static const struct entry *current(const struct meeting *m, const struct ui_ctx *ctx,
                                   struct plan_pos *pos)
{
	if (m->cur >= m->n ||
	    !pos_locate(ui_plan(ctx), m->list[m->cur].item_id, m->list[m->cur].year, pos))
		return NULL;
	return pos_entry(ui_plan(ctx), pos);
}

static size_t changes(const struct meeting *m, const struct ui_ctx *ctx, struct meet_change *out)
{
	const struct plan *plan = ui_plan(ctx);
	size_t n = 0;

	for (size_t i = 0; i < m->n; i++) {
		struct plan_pos pos;
		const struct entry *e;

		if (!pos_locate(plan, m->list[i].item_id, m->list[i].year, &pos) ||
		    !(e = pos_entry(plan, &pos)))
			continue;
		if (strcmp(plan->statuses[e->status].key, m->list[i].status0) != 0) {
			if (out)
				out[n] = (struct meet_change){ i, FIELD_STATUS, m->list[i].status0,
				                               plan->statuses[e->status].key };
			n++;
		}
		if (!str_eq_nullable(e->note, m->list[i].note0)) {
			if (out)
				out[n] = (struct meet_change){ i, FIELD_NOTE, m->list[i].note0, e->note };
			n++;
		}
	}
	return n;
}

/* ---- phases */

static void to_summary(struct meeting *m, struct ui_ctx *ctx)
{
	m->phase = MEET_END;
	m->sum_sel = m->sum_top = 0;
	ui_clear_message(ctx);
}

static void advance(struct meeting *m, struct ui_ctx *ctx)
{
	if (m->cur + 1 >= m->n)
		to_summary(m, ctx);
	else
		m->cur++;
}

static unsigned key_pick(struct meeting *m, struct ui_ctx *ctx, const struct action_call *a)
{
	const struct plan *plan = ui_plan(ctx);
	int yi = plan_year_index(plan, m->year);

	switch (a->id) {
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
		yi = yi < 0 ? 0 : yi + (a->id == ACT_YEAR_NEXT ? 1 : -1);
		if (yi >= 0 && (size_t)yi < plan->n_years)
			m->year = plan->years[yi];
		build_walk(m, ctx);
		return UI_REDRAW;
	case ACT_MEET_START:
		if (!m->n) {
			ui_say(ctx, _("No entries to walk for this year (check the filter, F clears it)."));
			return UI_REDRAW;
		}
		m->phase = MEET_WALK;
		m->cur = 0;
		/* the meeting's choice is the year shown from now on */
		if (yi >= 0)
			ctx->year = (size_t)yi;
		return UI_REDRAW;
	case ACT_MEET_CANCEL:
		screen_pop(ctx);
		ui_say(ctx, _("Meeting cancelled."));
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static unsigned walk_status(struct meeting *m, struct ui_ctx *ctx, int idx, bool cycle)
{
	struct plan_pos pos;
	struct selection sel;
	int now;
	unsigned r;

	if (!current(m, ctx, &pos)) {
		advance(m, ctx);          /* the entry is gone from the file */
		return UI_REDRAW;
	}
	sel = (struct selection){ pos.policy, pos.item, m->list[m->cur].year };
	if (!ctx->read_only && edit_item_refused(ctx, pos_item(ui_plan(ctx), &pos))) {
		/* shown, but not ours: the walk goes on */
		ui_add_message(ctx, _("Skipped; the meeting goes on."));
		advance(m, ctx);
		return UI_REDRAW;
	}
	r = edit_status(ctx, &sel, idx, cycle, &now);
	/* in read-only mode nothing changes, and the walk stays put */
	if (!cycle && now == idx && !ctx->read_only)
		advance(m, ctx);
	return r | UI_REDRAW;
}

/* u and Ctrl-R: the walk goes to the entry they changed when it is in it. */
static unsigned walk_undo(struct meeting *m, struct ui_ctx *ctx, bool redo)
{
	struct selection where;
	unsigned r = edit_undo(ctx, redo, &where);
	const struct plan *plan = ui_plan(ctx);

	for (size_t i = 0; where.policy >= 0 && i < m->n; i++)
		if (m->list[i].year == where.year &&
		    strcmp(m->list[i].item_id, plan->policies[where.policy].items[where.item].id) == 0)
			m->cur = i;
	return r;
}

static unsigned key_walk(struct meeting *m, struct ui_ctx *ctx, const struct action_call *a)
{
	struct plan_pos pos;
	struct selection sel;

	switch (a->id) {
	case ACT_MEET_STATUS:
		return walk_status(m, ctx, a->arg, false);
	case ACT_CYCLE_STATUS:
		return walk_status(m, ctx, 0, true);
	case ACT_MEET_NOTE:
	case ACT_EDIT_PLAN:
		if (!current(m, ctx, &pos))
			return 0;
		sel = (struct selection){ pos.policy, pos.item, m->list[m->cur].year };
		return edit_text(ctx, &sel, a->id == ACT_MEET_NOTE ? FIELD_NOTE : FIELD_PLAN);
	case ACT_SKIP:
		advance(m, ctx);
		return UI_REDRAW;
	case ACT_MEET_PREV:
		if (m->cur > 0)
			m->cur--;
		else
			ui_say(ctx, _("This is the first entry (Esc finishes the meeting)."));
		return UI_REDRAW;
	case ACT_FIRST:
	case ACT_LAST:
		m->cur = a->id == ACT_FIRST || !m->n ? 0 : m->n - 1;
		return UI_REDRAW;
	case ACT_MEET_FINISH:
		to_summary(m, ctx);
		return UI_REDRAW;
	case ACT_UNDO:
	case ACT_REDO:
		return walk_undo(m, ctx, a->id == ACT_REDO);
	default:
		return UI_UNHANDLED;
	}
}

/* Enter on a change of the summary: the change whole. */
static void show_change(const struct meeting *m, struct ui_ctx *ctx, const struct meet_change *c)
{
	const struct plan *plan = ui_plan(ctx);
	const struct walk_entry *w = &m->list[c->entry];
	char head[256], year[64], title[128];
	const char *paras[5];
	char *vals[2];

	ui_year_short(ctx, w->year, year, sizeof year);
	snprintf(head, sizeof head, "%s %s %s", w->item_id, year, ui_field_label(c->field));
	snprintf(title, sizeof title, "%s", _("Meeting: a change"));
	vals[0] = strdup(ui_value_label(plan, c->field, c->before));
	vals[1] = strdup(ui_value_label(plan, c->field, c->after));
	paras[0] = head;
	paras[1] = _("Before:");
	paras[2] = vals[0] ? vals[0] : "";
	paras[3] = _("After:");
	paras[4] = vals[1] ? vals[1] : "";
	screen_push(ctx, &text_ops, &(struct text_arg){ title, paras, 5 });
	free(vals[0]);
	free(vals[1]);
}

static unsigned leave(struct ui_ctx *ctx)
{
	size_t left = editor_unsaved(ctx->ed);

	screen_pop(ctx);
	if (left)
		ui_say(ctx, ngettext("Meeting ended; %zu change is not saved yet (w saves it).",
		                     "Meeting ended; %zu changes are not saved yet (w saves them).",
		                     left), left);
	else
		ui_say(ctx, _("Meeting ended."));
	return UI_REDRAW;
}

static unsigned key_end(struct meeting *m, struct ui_ctx *ctx, const struct action_call *a)
{
	size_t n = changes(m, ctx, NULL);
	struct meet_change *c;

	if (ui_move(&m->sum_sel, n, a->id, ctx->layout.body_rows - 3))
		return UI_REDRAW;
	switch (a->id) {
	case ACT_MEET_SAVE:
		screen_pop(ctx);
		return ui_save(ctx, false);
	case ACT_MEET_CONTINUE:
		return leave(ctx);
	case ACT_MEET_RETURN:
		m->phase = MEET_WALK;
		m->cur = m->n ? m->n - 1 : 0;
		return UI_REDRAW;
	case ACT_OPEN:
		c = calloc(n ? n : 1, sizeof *c);
		if (c && m->sum_sel < changes(m, ctx, c))
			show_change(m, ctx, &c[m->sum_sel]);
		free(c);
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static unsigned key(struct screen *s, struct ui_ctx *ctx, const struct action_call *a)
{
	struct meeting *m = s->state;

	switch (m->phase) {
	case MEET_PICK: return key_pick(m, ctx, a);
	case MEET_WALK: return key_walk(m, ctx, a);
	case MEET_END:  return key_end(m, ctx, a);
	}
	return UI_UNHANDLED;
}

/* ---- drawing */

static void scope_label(const struct meeting *m, const struct ui_ctx *ctx, char *buf,
                        size_t size)
{
	const struct plan *plan = ui_plan(ctx);
	char label[64];

	if (m->policy >= 0 && (size_t)m->policy < plan->n_policies) {
		ui_policy_label(&plan->policies[m->policy], label, sizeof label);
		snprintf(buf, size, "%s %s", label, plan->policies[m->policy].title);
	} else {
		snprintf(buf, size, "%s", _("the whole plan"));
	}
}

/* Earlier years that still have unfinished entries: "平成24年度に未完了 3件". */
static int draw_earlier(const struct meeting *m, struct ui_ctx *ctx, int y)
{
	const struct plan *plan = ui_plan(ctx);
	char line[256], year[64];
	int rows = 0;

	for (size_t k = 0; k < plan->n_years && plan->years[k] < m->year; k++) {
		size_t open = unfinished(m, ctx, plan->years[k]);

		if (!open)
			continue;
		ui_year_short(ctx, plan->years[k], year, sizeof year);
		snprintf(line, sizeof line, ngettext("%s: %zu entry not finished ([ selects it)",
		                                     "%s: %zu entries not finished ([ selects it)",
		                                     open), year, open);
		ui_put(y + rows++, 4, COLS - 5, line, A_NORMAL, false);
	}
	return rows;
}

static void draw_pick(struct meeting *m, struct ui_ctx *ctx)
{
	int y = ctx->layout.body_top, bottom = y + ctx->layout.body_rows;
	char line[512], year[64], scope[256], f[256];

	ui_put(y++, 0, COLS, _("Meeting mode"), ui_attr(ctx, ROLE_HEADING), false);
	y++;
	ui_year_label(ctx, m->year, year, sizeof year);
	snprintf(line, sizeof line, _("Year: %s   ([ and ] change it)"), year);
	ui_put(y, 2, COLS - 2, line, A_BOLD, false);
	ctx->cursor_y = y++;
	scope_label(m, ctx, scope, sizeof scope);
	snprintf(line, sizeof line, ngettext("Scope: %s, %zu entry", "Scope: %s, %zu entries", m->n),
	         scope, m->n);
	ui_put(y++, 2, COLS - 2, line, A_NORMAL, false);
	if (filter_active(&ctx->filter)) {
		ui_filter_label(ctx, f, sizeof f);
		snprintf(line, sizeof line, _("Only entries that pass the filter: %s"), f);
		ui_put(y++, 2, COLS - 2, line, A_NORMAL, false);
	}
	y += draw_earlier(m, ctx, y);
	y++;
	ui_put_wrapped(y, 2, COLS - 4,
	               _("Each entry of the year gets a screen: a digit sets its status and "
	                 "goes on to the next, n edits the note, s skips, Backspace goes back, "
	                 "Esc finishes. At the end the changes are listed and w saves them."),
	               0, bottom - y, A_NORMAL);
}

static void draw_status_keys(const struct ui_ctx *ctx, const struct entry *e, int y)
{
	const struct plan *plan = ui_plan(ctx);
	char line[128];
	int x = 0;

	for (size_t s = 0; s < plan->n_statuses && s < 9; s++) {
		snprintf(line, sizeof line, "%zu:%s", s + 1, plan->statuses[s].label);
		x += ui_put(y, x, COLS - x, line,
		            (int)s == e->status ? A_REVERSE | A_BOLD : ui_attr(ctx, ROLE_KEY), false);
		x += ui_put(y, x, COLS - x, " ", A_NORMAL, false);
	}
}

static int draw_item_head(struct ui_ctx *ctx, const struct policy *p, const struct item *it,
                          int y, bool roomy)
{
	char line[512], label[64];
	int y0 = y, x;

	if (roomy) {
		ui_policy_label(p, label, sizeof label);
		snprintf(line, sizeof line, "%s %s", label, p->title);
		ui_put(y++, 0, COLS, line, A_NORMAL, false);
		y++;
	}
	snprintf(line, sizeof line, "%s  %s", it->id, it->title);
	y += ui_put_wrapped(y, 0, COLS, line, 0, roomy ? 2 : 1, A_BOLD);
	if (roomy) {
		size_t len = 0;

		line[0] = '\0';
		for (size_t d = 0; d < it->n_departments && len < sizeof line; d++)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", d ? ", " : "",
			                        it->departments[d]);
		x = ui_put(y, 2, COLS - 2, _("Departments: "), ui_attr(ctx, ROLE_DIM), false);
		y += ui_put_wrapped(y, 2 + x, COLS - 2 - x, line, 0, 1, A_NORMAL) + 1;
	}
	return y - y0;
}

static void draw_walk(struct meeting *m, struct ui_ctx *ctx)
{
	const struct plan *plan = ui_plan(ctx);
	struct plan_pos pos;
	const struct entry *e = current(m, ctx, &pos);
	int y = ctx->layout.body_top, bottom = y + ctx->layout.body_rows, x, avail;
	bool roomy = ctx->layout.body_rows >= 16;
	char line[512], year[64];

	ui_year_label(ctx, m->year, year, sizeof year);
	/* TRANSLATORS: "Meeting  平成25年度 (FY2013)  12/62" */
	snprintf(line, sizeof line, _("Meeting  %s  %zu/%zu"), year, m->cur + 1, m->n);
	ui_put(y++, 0, COLS, line, ui_attr(ctx, ROLE_HEADING), false);
	if (!e) {
		ui_put(y, 2, COLS - 2, _("This entry is no longer in the file (s skips it)."), A_NORMAL,
		       false);
		return;
	}
	/* On a small terminal the status always shows: the policy line, the
	 * departments and the spacing go first. */
	y += draw_item_head(ctx, &plan->policies[pos.policy], pos_item(plan, &pos), y, roomy);
	avail = bottom - y - (roomy ? 6 : 4);
	x = ui_put(y, 2, COLS - 2, _("Plan: "), ui_attr(ctx, ROLE_DIM), false);
	y += ui_put_wrapped(y, 2 + x, COLS - 2 - x, e->plan, 0, avail > 1 ? avail : 1, A_NORMAL);
	y += roomy;
	x = ui_put(y, 2, COLS - 2, _("Status: "), ui_attr(ctx, ROLE_DIM), false);
	snprintf(line, sizeof line, " %s [%c] ", plan->statuses[e->status].label,
	         plan->statuses[e->status].letter);
	ui_put(y, 2 + x, COLS - 2 - x, line, A_REVERSE | A_BOLD, false);
	ctx->cursor_y = y;
	y += roomy ? 2 : 1;
	x = ui_put(y, 2, COLS - 2, _("Note: "), ui_attr(ctx, ROLE_DIM), false);
	ui_put_wrapped(y, 2 + x, COLS - 2 - x, e->note && *e->note ? e->note : _("(none)"), 0,
	               bottom - y - 1 > 1 ? bottom - y - 1 : 1, A_NORMAL);
	if (!ctx->read_only &&
	    access_check_item(ctx->people.rights, pos_item(plan, &pos)) != ACCESS_ALLOWED)
		ui_put(bottom - 1, 0, COLS, _("Not one of your departments' items: a digit skips it."),
		       ui_attr(ctx, ROLE_DIM), false);
	else
		draw_status_keys(ctx, e, bottom - 1);
}

static void draw_summary(struct meeting *m, struct ui_ctx *ctx)
{
	size_t n = changes(m, ctx, NULL);
	struct meet_change *c = calloc(n ? n : 1, sizeof *c);
	int y = ctx->layout.body_top, rows = ctx->layout.body_rows - 3;
	char line[1024], year[64];

	if (!c)
		return;
	changes(m, ctx, c);
	ui_year_label(ctx, m->year, year, sizeof year);
	snprintf(line, sizeof line,
	         ngettext("Meeting %s: %zu change", "Meeting %s: %zu changes", n), year, n);
	ui_put(y++, 0, COLS, line, ui_attr(ctx, ROLE_HEADING), false);
	if (editor_unsaved(ctx->ed))
		snprintf(line, sizeof line, ngettext("Save? %zu change is not saved.",
		                                     "Save? %zu changes are not saved.",
		                                     editor_unsaved(ctx->ed)), editor_unsaved(ctx->ed));
	else
		snprintf(line, sizeof line, "%s", _("Nothing to save."));
	ui_put(y++, 0, COLS, line, A_BOLD, false);
	y++;
	if (!n)
		ui_put(y, 2, COLS - 2, _("No changes in this meeting."), A_NORMAL, false);
	ui_scroll_to(m->sum_sel, &m->sum_top, n, rows);
	for (size_t i = m->sum_top; i < n && (int)(i - m->sum_top) < rows; i++) {
		const struct walk_entry *w = &m->list[c[i].entry];
		bool sel = i == m->sum_sel;

		ui_change_label(ctx, w->item_id, w->year, c[i].field, c[i].before, c[i].after, line,
		                sizeof line);
		if (sel) {
			ui_put(y + (int)(i - m->sum_top), 0, 2, ">", ui_attr(ctx, ROLE_SELECTED), false);
			ctx->cursor_y = y + (int)(i - m->sum_top);
		}
		ui_put(y + (int)(i - m->sum_top), 2, COLS - 3, line, A_NORMAL, false);
	}
	ui_more_marks(y, rows, m->sum_top, n - m->sum_top < (size_t)rows ? n - m->sum_top
	                                                                 : (size_t)rows, n);
	free(c);
}

static void draw(struct screen *s, struct ui_ctx *ctx)
{
	struct meeting *m = s->state;

	switch (m->phase) {
	case MEET_PICK: draw_pick(m, ctx); break;
	case MEET_WALK: draw_walk(m, ctx); break;
	case MEET_END:  draw_summary(m, ctx); break;
	}
}

static void title(const struct screen *s, const struct ui_ctx *ctx, struct ui_title *t)
{
	const struct meeting *m = s->state;
	const struct plan *plan = ui_plan(ctx);
	struct plan_pos pos;
	char year[64], label[64];

	ui_year_label(ctx, m->year, year, sizeof year);
	if (m->phase == MEET_WALK && current(m, ctx, &pos)) {
		ui_policy_label(&plan->policies[pos.policy], label, sizeof label);
		snprintf(t->lead, sizeof t->lead, "%s ", label);
		snprintf(t->name, sizeof t->name, "%s", plan->policies[pos.policy].title);
		snprintf(t->tail, sizeof t->tail, " > %s > %s", m->list[m->cur].item_id, year);
		return;
	}
	/* the setup and the summary name the scope, not an item */
	snprintf(t->lead, sizeof t->lead, "%s: ", _("Meeting"));
	scope_label(m, ctx, t->name, sizeof t->name);
	if (filter_active(&ctx->filter)) {
		char f[128];

		ui_filter_label(ctx, f, sizeof f);
		snprintf(t->name + strlen(t->name), sizeof t->name - strlen(t->name), " [%s]", f);
	}
	snprintf(t->tail, sizeof t->tail, " > %s", year);
}

static bool selected(const struct screen *s, struct ui_ctx *ctx, struct selection *out)
{
	const struct meeting *m = s->state;
	struct plan_pos pos;

	if (m->phase == MEET_WALK && current(m, ctx, &pos)) {
		*out = (struct selection){ pos.policy, pos.item, m->list[m->cur].year };
		return true;
	}
	out->policy = m->policy;
	return m->policy >= 0;
}

/* ---- set-up */

static bool open(struct screen *s, struct ui_ctx *ctx, const void *arg)
{
	struct meeting *m = s->state;

	m->policy = arg ? *(const int *)arg : -1;
	m->year = ui_year(ctx);       /* the year shown */
	m->phase = MEET_PICK;
	build_walk(m, ctx);
	return true;
}

static void close_meeting(struct screen *s)
{
	free_list(s->state);
}

static const enum action pick_actions[] = {
	ACT_MEET_START, ACT_YEAR_PREV, ACT_YEAR_NEXT, ACT_MEET_CANCEL, ACT_HELP, ACT_YEAR_STYLE,
	ACT_REDRAW, ACT_NONE
};
static const enum action walk_actions[] = {
	ACT_MEET_STATUS, ACT_SKIP, ACT_MEET_NOTE, ACT_MEET_PREV, ACT_MEET_FINISH, ACT_UNDO,
	ACT_SAVE, ACT_HELP, ACT_REDO, ACT_CYCLE_STATUS, ACT_EDIT_PLAN, ACT_FIRST, ACT_LAST,
	ACT_YEAR_STYLE, ACT_REDRAW, ACT_NONE
};
static const enum action end_actions[] = {
	ACT_MEET_SAVE, ACT_MEET_CONTINUE, ACT_MEET_RETURN, ACT_DOWN, ACT_OPEN, ACT_HELP, ACT_UP,
	ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_FIRST, ACT_LAST, ACT_REDRAW, ACT_NONE
};

static const enum action *actions_of(const struct screen *s)
{
	const struct meeting *m = s->state;

	return m->phase == MEET_PICK ? pick_actions : m->phase == MEET_WALK ? walk_actions
	                                                                     : end_actions;
}

const struct screen_ops meeting_ops = {
	.name = "meeting",
	.kind = SCREEN_FULL,
	.state_size = sizeof(struct meeting),
	.actions_of = actions_of,
	.open = open,
	.close = close_meeting,
	.key = key,
	.draw = draw,
	.title = title,
	.selected = selected,
};
