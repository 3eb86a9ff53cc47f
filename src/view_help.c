/* view_help.c - the help screen, generated from the action table, plus a
 * legend of the status letters and marks.  q, Esc and ? close it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "textcol.h"
#include "view.h"


struct help_line {
	char keys[64];            /* key column (ASCII) */
	const char *text;         /* already translated, or plan text */
	int status;               /* >= 0: keys is this status's letter */
	bool heading;
};

/* "Left, h, Backspace, Esc": each distinct key name once. */
static void key_names(const struct ui *ui, const struct action_def *d, char *buf, size_t size)
{
	char seen[ACTION_MAX_KEYS][16];
	size_t n_seen = 0;

	buf[0] = '\0';
	if (d->keys[0].last) {        /* a range: the digits of this plan */
		ui_action_keys(ui, d, buf, size);
		return;
	}
	for (int k = 0; k < ACTION_MAX_KEYS && d->keys[k].code; k++) {
		const char *name = action_key_name(&d->keys[k]);
		bool dup = false;

		for (size_t i = 0; i < n_seen; i++)
			dup |= strcmp(seen[i], name) == 0;
		if (dup)
			continue;
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", n_seen ? ", " : "", name);
		snprintf(seen[n_seen++], sizeof seen[0], "%s", name);
	}
}

/* The help ends with the ambiguous-width calibration (textcol.h): two
 * rows whose '|' line up only when --ambiwidth matches the terminal. */
static size_t calibration(struct help_line *out)
{
	static char head[256], amb[64], ruler[64];
	int w = textcol_ambiwidth();

	if (!out)
		return 4;
	/* TRANSLATORS: the first %d is the setting, the second the other value */
	snprintf(head, sizeof head, _("Ambiguous width %d (--ambiwidth): if the two | below do not "
	                              "line up, start with --ambiwidth %d."), w, w == 2 ? 1 : 2);
	textcol_calibration(amb, sizeof amb, ruler, sizeof ruler);
	memset(out, 0, 4 * sizeof *out);
	out[0].text = "";
	out[1].text = head;
	out[1].heading = true;
	out[2].text = amb;
	out[3].text = ruler;
	for (int i = 0; i < 4; i++)
		out[i].status = -1;
	return 4;
}

static size_t build(const struct ui *ui, struct help_line *out)
{
	const struct plan *plan = ui->plan;
	size_t n = 0;

#define ADD(k, t, st, h) do { \
		if (out) { \
			snprintf(out[n].keys, sizeof out[n].keys, "%s", (k)); \
			out[n].text = (t); out[n].status = (st); out[n].heading = (h); \
		} \
		n++; \
	} while (0)

	ADD("", _("Keys"), -1, true);
	for (int a = 1; a < ACT_COUNT; a++) {
		char keys[64];

		key_names(ui, &actions[a], keys, sizeof keys);
		ADD(keys, _(actions[a].help), -1, false);
	}
	ADD("", "", -1, false);
	ADD("", _("Status letters"), -1, true);
	for (size_t i = 0; i < plan->n_statuses; i++) {
		char letter[2] = { plan->statuses[i].letter, '\0' };

		ADD(letter, plan->statuses[i].label, (int)i, false);
	}
	ADD("", "", -1, false);
	ADD("", _("Marks"), -1, true);
	ADD("R", _("Revised at the review"), -1, false);
	ADD("[+N]", _("N changes not saved yet (w saves)"), -1, false);
	ADD("[ ]", _("The selected year in a status strip"), -1, false);
	ADD(".", _("No entry for that year"), -1, false);
	ADD("[##---]", _("Share of the year's entries in a finished status"), -1, false);
	ADD("", "", -1, false);
	ADD("", _("q, Esc or ? closes this help."), -1, false);
	n += calibration(out ? out + n : NULL);
#undef ADD
	return n;
}

static void draw(struct ui *ui)
{
	size_t n = build(ui, NULL);
	struct help_line *lines = calloc(n, sizeof *lines);
	int rows = ui->body_rows, max_top = (int)n > rows ? (int)n - rows : 0, keys_w = 0;

	if (!lines)
		return;
	build(ui, lines);
	for (size_t i = 0; i < n; i++) {
		int w = textcol_width(lines[i].keys, strlen(lines[i].keys));

		if (w > keys_w)
			keys_w = w;
	}
	keys_w += 4;                  /* indent and gap */
	if (keys_w > COLS / 2)
		keys_w = COLS / 2;
	if (ui->help_top > max_top)
		ui->help_top = max_top;
	if (ui->help_top < 0)
		ui->help_top = 0;
	for (int r = 0; r < rows && ui->help_top + r < (int)n; r++) {
		const struct help_line *l = &lines[ui->help_top + r];
		int y = ui->body_top + r;

		if (l->heading) {
			ui_put(y, 0, COLS, l->text, ui_attr(ui, ROLE_HEADING), false);
			continue;
		}
		ui_put(y, 2, keys_w - 4, l->keys,
		       l->status >= 0 ? ui_status_attr(ui, l->status) : ui_attr(ui, ROLE_KEY), false);
		ui_put(y, keys_w, COLS - keys_w, l->text, A_NORMAL, false);
	}
	ui->cursor_y = ui->body_top;
	free(lines);
}

static unsigned act(struct ui *ui, enum action a)
{
	int page = ui->body_rows > 2 ? ui->body_rows - 1 : 1;

	switch (a) {
	case ACT_DOWN:      ui->help_top++; break;            /* clamped when drawn */
	case ACT_UP:        ui->help_top -= ui->help_top > 0; break;
	case ACT_PAGE_DOWN: ui->help_top += page; break;
	case ACT_PAGE_UP:   ui->help_top = ui->help_top > page ? ui->help_top - page : 0; break;
	case ACT_FIRST:     ui->help_top = 0; break;
	case ACT_LAST:      ui->help_top = 1 << 30; break;
	case ACT_HELP:
	case ACT_BACK:
	case ACT_QUIT:
		ui->view = ui->help_from;
		break;
	case ACT_REDRAW:
		return UI_UNHANDLED;
	default:
		return 0;
	}
	return UI_REDRAW;
}

const struct view_ops help_ops = {
	.hints = ACTION_BIT(ACT_DOWN) | ACTION_BIT(ACT_BACK),
	.draw = draw,
	.act = act,
};
