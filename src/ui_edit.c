/* ui_edit.c - editing in the dashboard: the status keys, the line editor
 * for notes and plan texts, undo and redo, saving with the conflict
 * picker, the quit prompt, and the recovery file after a hang-up.
 *
 * Handlers change state and set the note line; they never draw.  The
 * drawing functions at the end run inside the loop's one paint.  Entries
 * are addressed by item id and year, never by pointer: a save replaces
 * the plan. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "describe.h"
#include "edit.h"
#include "fileio.h"
#include "i18n.h"
#include "lineedit.h"
#include "recovery.h"
#include "save.h"
#include "textcol.h"
#include "view.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC 27
#define CONFLICT_ROWS 4           /* rows per conflict on the picker */

/* ---- descriptions */

static const char *field_label(enum field f)
{
	switch (f) {
	case FIELD_STATUS: return _("status");
	case FIELD_PLAN:   return _("plan");
	case FIELD_NOTE:   return _("note");
	}
	return "?";
}

/* A value as people know it: a status label, a text, or "(none)". */
static const char *value_label(const struct plan *plan, enum field f, const char *v)
{
	if (!v)
		return _("(none)");
	if (f == FIELD_STATUS) {
		int s = plan_status_index(plan, v);

		return s >= 0 ? plan->statuses[s].label : v;
	}
	return *v ? v : _("(empty)");
}

/* Cut a string truncated by snprintf back to a whole UTF-8 character. */
static void trim_utf8(char *buf)
{
	size_t n = strlen(buf), i = n;

	while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && (unsigned char)buf[i - 1] >= 0xC0) {
		unsigned char lead = (unsigned char)buf[i - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;

		if (n - (i - 1) < need)
			buf[i - 1] = '\0';
	}
}

/* "4-3 平成25年度: 実施中 -> 完了", or with the field for texts:
 * "4-3 平成25年度 備考: (なし) -> 完了済み". */
void ui_describe_change(const struct ui *ui, const char *id, int year, enum field f,
                        const char *before, const char *after, char *buf, size_t size)
{
	char y[64];

	ui_year_short(ui, year, y, sizeof y);
	if (f == FIELD_STATUS)
		snprintf(buf, size, "%s %s: %s -> %s", id, y, value_label(ui->plan, f, before),
		         value_label(ui->plan, f, after));
	else
		snprintf(buf, size, "%s %s %s: %s -> %s", id, y, field_label(f),
		         value_label(ui->plan, f, before), value_label(ui->plan, f, after));
	trim_utf8(buf);
}

#define describe ui_describe_change

/* ---- guards */

static bool refuse_read_only(struct ui *ui)
{
	if (!ui->read_only)
		return false;
	if (ui->not_writable)
		ui_say(ui, _("Read-only: %s is not writable, so nothing can be changed."), ui->path);
	else
		ui_say(ui, _("Read-only (-r): changes are turned off."));
	return true;
}

/* The entry the editing keys work on: on the item list and the item sheet,
 * the selected item's entry for the selected year.  NULL (with a note
 * saying why) elsewhere. */
static const struct entry *target_entry(struct ui *ui, const struct item **itp)
{
	const struct item *it;
	const struct entry *e;
	char y[64];

	if (ui->view != VIEW_ITEMS && ui->view != VIEW_SHEET && ui->view != VIEW_MEETING) {
		ui_say(ui, _("Open a policy (Enter) to change the entries of its items."));
		return NULL;
	}
	it = ui_item(ui);
	if (!it) {
		ui_say(ui, _("No item is selected."));
		return NULL;
	}
	e = item_entry_for_year(it, ui_year(ui));
	if (!e) {
		ui_year_short(ui, ui_year(ui), y, sizeof y);
		ui_say(ui, _("%s has no entry for %s ([ and ] change the year)."), it->id, y);
		return NULL;
	}
	*itp = it;
	return e;
}

static unsigned report_set(struct ui *ui, enum edit_result r, const char *id, int year,
                           enum field f, const char *before, const char *after)
{
	char desc[512];

	switch (r) {
	case EDIT_OK:
		describe(ui, id, year, f, before, after, desc, sizeof desc);
		ui_say(ui, "%s", desc);
		break;
	case EDIT_UNCHANGED:
		ui_say(ui, _("No change."));
		break;
	case EDIT_NO_MEMORY:
		ui_say(ui, _("Out of memory: the change was not made."));
		break;
	default:
		ui_say(ui, _("The change could not be made."));
		break;
	}
	return UI_REDRAW;
}

/* ---- status keys */

/* Set status idx, or (cycle) the one after the entry's status. */
static unsigned set_status(struct ui *ui, int idx, bool cycle)
{
	const struct item *it = NULL;
	const struct entry *e = target_entry(ui, &it);
	const struct plan *plan = ui->plan;
	const char *before, *after;
	char id[128];
	int year;

	if (!e)
		return UI_REDRAW;
	if (cycle)
		idx = (e->status + 1) % (int)plan->n_statuses;
	if (idx < 0 || (size_t)idx >= plan->n_statuses) {
		ui_say(ui, _("There is no status %d: this plan has %zu."), idx + 1, plan->n_statuses);
		return UI_REDRAW;
	}
	before = plan->statuses[e->status].key;
	after = plan->statuses[idx].key;
	year = e->year;
	snprintf(id, sizeof id, "%s", it->id);
	return report_set(ui, editor_set(ui->ed, id, year, FIELD_STATUS, after), id, year,
	                  FIELD_STATUS, before, after);
}

/* ---- the line editor */

static void end_edit(struct ui *ui)
{
	lineedit_free(&ui->le);
	free(ui->edit_before);
	ui->edit_before = NULL;
	ui->mode = MODE_BROWSE;
}

static unsigned start_edit(struct ui *ui, enum field f)
{
	const struct item *it = NULL;
	const struct entry *e = target_entry(ui, &it);
	const struct span *sp;
	const char *v;

	if (!e)
		return UI_REDRAW;
	sp = f == FIELD_NOTE ? &e->note_span : &e->plan_span;
	if (sp->style == SPAN_LITERAL || sp->style == SPAN_FOLDED) {
		ui_say(ui, _("This %s is a block value (| or >) at line %u: edit it in a text editor."),
		       field_label(f), (unsigned)sp->line);
		return UI_REDRAW;
	}
	if (strlen(it->id) >= sizeof ui->edit_item) {
		ui_say(ui, _("The item id is too long to edit here."));
		return UI_REDRAW;
	}
	v = entry_field(ui->plan, e, f);
	snprintf(ui->edit_item, sizeof ui->edit_item, "%s", it->id);
	ui->edit_year = e->year;
	ui->edit_field = f;
	ui->edit_before = v ? strdup(v) : NULL;
	if ((v && !ui->edit_before) || !lineedit_init(&ui->le, v)) {
		free(ui->edit_before);
		ui->edit_before = NULL;
		ui_say(ui, _("Out of memory: the change was not made."));
		return UI_REDRAW;
	}
	ui->mode = MODE_LINEEDIT;
	return UI_REDRAW;
}

/* Apply the text being edited.  An absent note accepted empty stays
 * absent. */
static enum edit_result commit_edit(struct ui *ui, const char **after, char **owned)
{
	char *text = lineedit_text(&ui->le);
	const char *value = text;
	enum edit_result r;

	*owned = text;
	*after = NULL;
	if (!text)
		return EDIT_NO_MEMORY;
	if (ui->edit_field == FIELD_NOTE && !ui->edit_before && !*text)
		value = NULL;
	r = editor_set(ui->ed, ui->edit_item, ui->edit_year, ui->edit_field, value);
	*after = value;
	return r;
}

static unsigned accept_edit(struct ui *ui)
{
	const char *after;
	char *owned;
	enum edit_result r = commit_edit(ui, &after, &owned);

	if (r == EDIT_NO_MEMORY) {
		/* keep editing: the typed text is never dropped silently */
		ui_say(ui, _("Out of memory: press Enter to try again, or Esc to give up."));
		free(owned);
		return UI_REDRAW;
	}
	report_set(ui, r, ui->edit_item, ui->edit_year, ui->edit_field, ui->edit_before, after);
	free(owned);
	end_edit(ui);
	return UI_REDRAW;
}

bool ui_lineedit_cmd(bool is_code, wint_t key, enum lineedit_cmd *cmd)
{
	if (is_code) {
		switch (key) {
		case KEY_LEFT:      *cmd = LINEEDIT_LEFT; return true;
		case KEY_RIGHT:     *cmd = LINEEDIT_RIGHT; return true;
		case KEY_HOME:      *cmd = LINEEDIT_HOME; return true;
		case KEY_END:       *cmd = LINEEDIT_END; return true;
		case KEY_BACKSPACE: *cmd = LINEEDIT_BACKSPACE; return true;
		case KEY_DC:        *cmd = LINEEDIT_DELETE; return true;
		default:            return false;
		}
	}
	switch (key) {
	case 127:
	case 8:         *cmd = LINEEDIT_BACKSPACE; return true;
	case CTRL('a'): *cmd = LINEEDIT_HOME; return true;
	case CTRL('e'): *cmd = LINEEDIT_END; return true;
	case CTRL('b'): *cmd = LINEEDIT_LEFT; return true;
	case CTRL('f'): *cmd = LINEEDIT_RIGHT; return true;
	case CTRL('d'): *cmd = LINEEDIT_DELETE; return true;
	case CTRL('u'): *cmd = LINEEDIT_CLEAR; return true;
	default:        return false;
	}
}

static unsigned lineedit_key(struct ui *ui, bool is_code, wint_t key)
{
	enum lineedit_cmd cmd;

	if ((is_code && key == KEY_ENTER) || (!is_code && (key == '\r' || key == '\n')))
		return accept_edit(ui);
	if (!is_code && (key == ESC || key == CTRL('c'))) {
		end_edit(ui);
		ui_say(ui, _("Edit cancelled; nothing changed."));
		return UI_REDRAW;
	}
	if (ui_lineedit_cmd(is_code, key, &cmd))
		return lineedit_command(&ui->le, cmd) ? UI_REDRAW : 0;
	if (is_code)
		return 0;
	if (!lineedit_insert(&ui->le, (wchar_t)key)) {
		if (key >= 0x20)
			ui_say(ui, _("Out of memory: the character was not added."));
		return ui->note ? UI_REDRAW : 0;
	}
	return UI_REDRAW;
}

/* ---- undo and redo */

/* Select the changed entry when the current view shows it. */
static void select_changed(struct ui *ui, const char *id, int year)
{
	const struct plan *plan = ui->plan;
	int yi = plan_year_index(plan, year);

	for (size_t p = 0; p < plan->n_policies; p++) {
		for (size_t i = 0; i < plan->policies[p].n_items; i++) {
			if (strcmp(plan->policies[p].items[i].id, id) != 0)
				continue;
			switch (ui->view) {
			case VIEW_OVERVIEW:
				ui->policy = p;
				break;
			case VIEW_ITEMS:
				if (p != ui->policy)
					return;
				ui->item = i;
				break;
			case VIEW_SHEET:
				if (p != ui->policy || i != ui->item)
					return;
				ui->sheet_follow = true;
				break;
			default:
				return;
			}
			if (yi >= 0)
				ui->year = (size_t)yi;
			return;
		}
	}
}

static unsigned undo_redo(struct ui *ui, bool redo)
{
	const struct edit_step *st = NULL;
	char desc[512];
	bool ok = redo ? editor_redo(ui->ed, &st) : editor_undo(ui->ed, &st);

	if (!ok || !st) {
		ui_say(ui, "%s", redo ? _("Nothing to redo.") : _("Nothing to undo."));
		return UI_REDRAW;
	}
	describe(ui, st->item_id, st->year, st->field, st->before, st->after, desc, sizeof desc);
	if (redo)
		ui_say(ui, _("Redone: %s"), desc);
	else
		ui_say(ui, _("Undone: %s"), desc);
	select_changed(ui, st->item_id, st->year);
	return UI_REDRAW;
}

/* ---- saving */

static void free_conflicts(struct ui *ui)
{
	save_report_free(&ui->conflicts);
	free(ui->choice);
	ui->choice = NULL;
	ui->conflict_sel = 0;
}

static unsigned save(struct ui *ui)
{
	struct save_options opt = { .backup = ui->opts && ui->opts->backup };
	struct save_report rep;
	enum save_status st;

	if (refuse_read_only(ui)) {
		ui->quit_after_save = false;
		return UI_REDRAW;
	}
	if (!editor_unsaved(ui->ed)) {
		ui_say(ui, _("Nothing to save."));
		return ui->quit_after_save ? UI_QUIT : UI_REDRAW;
	}
	/* the plan may be replaced: follow_plan() after the key picks it up,
	 * with everything that pointed into the old one */
	st = editor_save(ui->ed, ui->path, &opt, &rep);
	switch (st) {
	case SAVE_OK:
		/* our own save is not another session's change */
		ui->stamp = rep.stamp;
		if (rep.merged)
			ui_say(ui, _("Saved %zu changes; merged %zu changes from another session."),
			       rep.written, rep.merged);
		else
			ui_say(ui, ngettext("Saved %zu change.", "Saved %zu changes.", rep.written),
			       rep.written);
		if (rep.warning != SAVE_WARN_NONE) {   /* saved; the history or fsync failed */
			char why[1024];

			describe_file_error(&rep.warning_file, why, sizeof why);
			ui_say(ui, _("Saved, with a warning: %s"), why);
		}
		save_report_free(&rep);
		return ui->quit_after_save ? UI_QUIT : UI_REDRAW;
	case SAVE_CONFLICT:
		free_conflicts(ui);
		ui->choice = malloc(rep.n_conflicts ? rep.n_conflicts : 1);
		if (!ui->choice) {
			save_report_free(&rep);
			ui->quit_after_save = false;
			ui_say(ui, _("Out of memory: not saved; your changes are kept."));
			return UI_REDRAW;
		}
		memset(ui->choice, -1, rep.n_conflicts);
		ui->conflicts = rep;
		ui->list_top = 0;
		ui->mode = MODE_CONFLICT;
		return UI_REDRAW;
	case SAVE_FAILED:
		break;
	}
	{
		char why[2048];

		describe_save_error(&rep.error, ui->path, why, sizeof why);
		ui_say(ui, _("Not saved (your changes are kept): %s"), why);
	}
	save_report_free(&rep);
	ui->quit_after_save = false;
	return UI_REDRAW;
}

static unsigned conflict_key(struct ui *ui, bool is_code, wint_t key)
{
	size_t n = ui->conflicts.n_conflicts, left = 0;
	enum action a = action_for_key(is_code, key);
	int page = (ui->body_rows - 1) / CONFLICT_ROWS;

	if (!is_code && (key == 'o' || key == 't')) {
		ui->choice[ui->conflict_sel] = key == 'o';
		if (ui->conflict_sel + 1 < n)
			ui->conflict_sel++;
		return UI_REDRAW;
	}
	if (!is_code && (key == 'O' || key == 'T')) {
		memset(ui->choice, key == 'O', n);
		return UI_REDRAW;
	}
	if (!is_code && (key == ESC || key == 'q' || key == CTRL('c'))) {
		free_conflicts(ui);
		ui->mode = MODE_BROWSE;
		ui->quit_after_save = false;
		ui_say(ui, _("Not saved; your changes are kept."));
		return UI_REDRAW;
	}
	if ((!is_code && (key == '\r' || key == '\n')) || (is_code && key == KEY_ENTER)) {
		for (size_t i = 0; i < n; i++)
			left += ui->choice[i] < 0;
		if (left) {
			ui_say(ui, _("Choose o or t for every field first (%zu left)."), left);
			return UI_REDRAW;
		}
		for (size_t i = 0; i < n; i++) {
			if (editor_resolve(ui->ed, &ui->conflicts.conflicts[i], ui->choice[i] == 1) ==
			    EDIT_NO_MEMORY) {
				ui_say(ui, _("Out of memory: not saved; your changes are kept."));
				return UI_REDRAW;
			}
		}
		free_conflicts(ui);
		ui->mode = MODE_BROWSE;
		return save(ui);
	}
	if (ui_move(&ui->conflict_sel, n, a, page > 1 ? page : 1))
		return UI_REDRAW;
	return 0;
}

/* ---- quitting */

unsigned ui_edit_quit(struct ui *ui)
{
	if (!editor_unsaved(ui->ed))
		return UI_QUIT;
	ui->mode = MODE_QUIT_ASK;
	return UI_REDRAW;
}

static unsigned quit_key(struct ui *ui, bool is_code, wint_t key)
{
	if (is_code)
		return 0;
	switch (key) {
	case 'w':
	case 'y':
	case CTRL('s'):
		ui->mode = MODE_BROWSE;
		ui->quit_after_save = true;
		return save(ui);
	case 'd':
		return UI_QUIT;
	case 'c':
	case ESC:
	case CTRL('c'):
		ui->mode = MODE_BROWSE;
		ui_say(ui, _("Not quitting; your changes are kept."));
		return UI_REDRAW;
	default:
		return 0;
	}
}

/* ---- recovery */

static void free_recovered(struct ui *ui)
{
	changes_free(ui->recovered, ui->n_recovered);
	ui->recovered = NULL;
	ui->n_recovered = 0;
}

void ui_edit_start(struct ui *ui)
{
	struct recovery rec;
	struct file_error fe;
	char rpath[4096], msg[8400], why[4096];
	int e = recovery_read(ui->path, ui->ed->plan, &rec, &fe);

	if (e == ENOENT || recovery_path(ui->path, rpath, sizeof rpath)) {
		recovery_free(&rec);
		return;
	}
	if (e) {
		describe_file_error(&fe, why, sizeof why);
		snprintf(msg, sizeof msg, _("Cannot read the recovery file %s: %s"), rpath, why);
		ui_add_note(ui, msg);
		recovery_free(&rec);
		return;
	}
	if (rec.n_rejects) {   /* shown and skipped: they never reach the editor */
		describe_recovery_reject(&rec.rejects[0], why, sizeof why);
		snprintf(msg, sizeof msg, ngettext("%zu line of %s cannot be used and stays in it (%s).",
		                                   "%zu lines of %s cannot be used and stay in it (%s).",
		                                   rec.n_rejects), rec.n_rejects, rpath, why);
		ui_add_note(ui, msg);
	}
	if (rec.n && ui->read_only) {
		snprintf(msg, sizeof msg, _("%s holds unsaved edits; open the plan without read-only "
		                            "to re-apply them."), rpath);
		ui_add_note(ui, msg);
	} else if (rec.n) {
		ui->recovered = rec.changes;
		ui->n_recovered = rec.n;
		rec.changes = NULL;
		rec.n = 0;
		ui->list_top = 0;
		ui->mode = MODE_RECOVER;
	}
	recovery_free(&rec);
}

static unsigned recover_key(struct ui *ui, bool is_code, wint_t key)
{
	char rpath[4096];
	size_t ok = 0, failed = 0, unsettled = 0, n = ui->n_recovered;
	enum action a = action_for_key(is_code, key);
	size_t top = (size_t)ui->list_top;

	if (recovery_path(ui->path, rpath, sizeof rpath))
		rpath[0] = '\0';
	if (!is_code && key == 'y') {
		for (size_t i = 0; i < n; i++) {
			const struct change *c = &ui->recovered[i];
			/* where the file moved on since the rescue, the change is
			 * unsettled and w shows base, theirs and ours first */
			enum edit_result r = editor_set_rescued(ui->ed, c->item_id, c->year, c->field,
			                                        c->base, c->value);
			struct change *ch = editor_find_change(ui->ed, c->item_id, c->year, c->field);

			ok += r == EDIT_OK || r == EDIT_UNCHANGED;
			failed += r != EDIT_OK && r != EDIT_UNCHANGED;
			unsettled += r == EDIT_OK && ch && ch->unsettled;
		}
		/* the session holds them now: not offered again */
		recovery_forget(ui->path, ui->recovered, n, NULL);
		free_recovered(ui);
		ui->mode = MODE_BROWSE;
		if (unsettled)
			ui_say(ui, _("Re-applied %zu edits; %zu of them were changed in the file since, "
			             "so w first asks which value to keep."), ok, unsettled);
		else if (failed)
			ui_say(ui, _("Re-applied %zu of %zu edits (%zu could not be applied); w saves them."),
			       ok, n, failed);
		else
			ui_say(ui, _("Re-applied %zu edits; w saves them."), ok);
		return UI_REDRAW;
	}
	if (!is_code && (key == 'n' || key == ESC)) {
		free_recovered(ui);
		ui->mode = MODE_BROWSE;
		ui_say(ui, _("Kept %s; it is offered again at the next start."), rpath);
		return UI_REDRAW;
	}
	if (!is_code && key == 'd') {
		struct file_error fe;
		char why[4096];

		free_recovered(ui);
		ui->mode = MODE_BROWSE;
		if (recovery_discard(ui->path, &fe) == 0) {
			ui_say(ui, _("Deleted %s."), rpath);
		} else {
			describe_file_error(&fe, why, sizeof why);
			ui_say(ui, _("Cannot delete %s: %s"), rpath, why);
		}
		return UI_REDRAW;
	}
	if (ui_move(&top, n, a, ui->body_rows - 2)) {
		ui->list_top = (int)top;
		return UI_REDRAW;
	}
	return 0;
}

/* ---- entry points */

unsigned ui_edit_save(struct ui *ui)
{
	ui->quit_after_save = false;
	return save(ui);
}

unsigned ui_edit_action(struct ui *ui, enum action a)
{
	if (refuse_read_only(ui))
		return UI_REDRAW;
	switch (a) {
	case ACT_SET_STATUS:   return set_status(ui, (int)ui->key - '1', false);
	case ACT_CYCLE_STATUS: return set_status(ui, 0, true);
	case ACT_EDIT_NOTE:    return start_edit(ui, FIELD_NOTE);
	case ACT_EDIT_PLAN:    return start_edit(ui, FIELD_PLAN);
	case ACT_UNDO:         return undo_redo(ui, false);
	case ACT_REDO:         return undo_redo(ui, true);
	case ACT_SAVE:
		ui->quit_after_save = false;
		return save(ui);
	default:
		return 0;
	}
}

unsigned ui_edit_mode_key(struct ui *ui, bool is_code, wint_t key)
{
	switch (ui->mode) {
	case MODE_LINEEDIT: return lineedit_key(ui, is_code, key);
	case MODE_QUIT_ASK: return quit_key(ui, is_code, key);
	case MODE_RECOVER:  return recover_key(ui, is_code, key);
	case MODE_CONFLICT: return conflict_key(ui, is_code, key);
	case MODE_PROMPT:
	case MODE_FILTER:   return ui_find_mode_key(ui, is_code, key);
	case MODE_MEETING_END: return ui_meeting_end_key(ui, is_code, key);
	case MODE_BROWSE:   break;
	}
	return 0;
}

void ui_edit_rescue(struct ui *ui)
{
	if (ui->mode == MODE_LINEEDIT) {
		const char *after;
		char *owned;

		commit_edit(ui, &after, &owned);   /* the line being typed is kept too */
		free(owned);
		end_edit(ui);
	}
	if (ui->read_only || !editor_unsaved(ui->ed))
		return;
	/* Nobody is left to tell when this fails: the terminal is gone. */
	recovery_write(ui->ed, ui->path, NULL);
}

void ui_edit_free(struct ui *ui)
{
	if (ui->mode == MODE_LINEEDIT)
		end_edit(ui);
	free_conflicts(ui);
	free_recovered(ui);
	ui->mode = MODE_BROWSE;
}

/* ---- drawing */

static void draw_recover(struct ui *ui)
{
	char rpath[4096], line[4200];
	int y = ui->body_top, rows = ui->body_rows - 2;
	size_t top;

	if (recovery_path(ui->path, rpath, sizeof rpath))
		rpath[0] = '\0';
	snprintf(line, sizeof line, _("Unsaved edits from an earlier session, in %s:"), rpath);
	ui_put(y, 0, COLS, line, ui_attr(ui, ROLE_HEADING), false);
	y += 2;
	if (rows < 1)
		rows = 1;
	if (ui->list_top > (int)ui->n_recovered - rows)
		ui->list_top = (int)ui->n_recovered - rows;
	if (ui->list_top < 0)
		ui->list_top = 0;
	top = (size_t)ui->list_top;
	for (size_t i = top; i < ui->n_recovered && (int)(i - top) < rows; i++, y++) {
		const struct change *c = &ui->recovered[i];

		describe(ui, c->item_id, c->year, c->field, c->base, c->value, line, sizeof line);
		ui_put(y, 2, COLS - 2, line, A_NORMAL, false);
	}
}

static void draw_conflicts(struct ui *ui)
{
	const struct save_report *rep = &ui->conflicts;
	int y = ui->body_top, fit = (ui->body_rows - 1) / CONFLICT_ROWS;
	size_t top;

	ui_put(y++, 0, COLS, _("Changed both here and by another session since the file was loaded:"),
	       ui_attr(ui, ROLE_HEADING), false);
	if (fit < 1)
		fit = 1;
	top = (size_t)(ui->list_top > 0 ? ui->list_top : 0);
	ui_scroll_to(ui->conflict_sel, &top, rep->n_conflicts, fit);
	ui->list_top = (int)top;
	for (size_t i = top; i < rep->n_conflicts && (int)(i - top) < fit; i++) {
		const struct conflict *c = &rep->conflicts[i];
		bool sel = i == ui->conflict_sel;
		attr_t base = sel ? ui_attr(ui, ROLE_SELECTED) : A_NORMAL;
		const char *vals[3] = { c->base, c->theirs, c->ours };
		const char *names[3] = { _("base:"), _("theirs:"), _("ours:") };
		char y_label[64], head[256];
		int x, name_w = 0;

		ui_year_short(ui, c->year, y_label, sizeof y_label);
		snprintf(head, sizeof head, "%s %s %s", c->item_id, y_label, field_label(c->field));
		if (sel) {
			ui_put(y, 0, COLS, "", base, true);
			ui->cursor_y = y;
		}
		ui_put(y, 0, 2, sel ? ">" : "", base, false);
		x = 2 + ui_put(y, 2, COLS - 2, head, base, false);
		x += ui_put(y, x, COLS - x, "   ", base, false);
		ui_put(y, x, COLS - x,
		       ui->choice[i] < 0 ? _("keep: (choose o or t)") :
		       ui->choice[i] ? _("keep: ours") : _("keep: theirs"), base | A_BOLD, false);
		y++;
		for (int k = 0; k < 3; k++) {
			int w = textcol_width(names[k], strlen(names[k]));

			if (w > name_w)
				name_w = w;
		}
		for (int k = 0; k < 3; k++, y++) {
			bool chosen = (k == 1 && ui->choice[i] == 0) || (k == 2 && ui->choice[i] == 1);

			ui_put(y, 4, 2, chosen ? "*" : "", A_BOLD, false);
			ui_put(y, 6, name_w, names[k], ui_attr(ui, ROLE_DIM), false);
			ui_put(y, 7 + name_w, COLS - 7 - name_w, value_label(ui->plan, c->field, vals[k]),
			       chosen ? A_BOLD : A_NORMAL, false);
		}
	}
}

void ui_edit_draw_body(struct ui *ui)
{
	if (ui->mode == MODE_RECOVER)
		draw_recover(ui);
	else if (ui->mode == MODE_CONFLICT)
		draw_conflicts(ui);
}

void ui_edit_draw_field(struct ui *ui, int y)
{
	int cols = COLS - 2, cx;
	size_t end;
	char *vis;

	if (cols < 2)
		return;
	cx = lineedit_fit(&ui->le, cols, &end);
	vis = lineedit_slice(&ui->le, ui->le.scroll, end);
	ui_put(y, 0, 1, ui->le.scroll ? "<" : ">", ui_attr(ui, ROLE_KEY), false);
	ui_put(y, 1, cols, vis ? vis : "", A_UNDERLINE, true);
	free(vis);
	ui->cursor_y = y;
	ui->cursor_x = 1 + cx;
}

void ui_edit_draw_bottom(struct ui *ui)
{
	int y = LINES - 2;
	char label[512], year[64];
	const char *title = NULL, *keys = NULL;
	size_t n = editor_unsaved(ui->ed);

	switch (ui->mode) {
	case MODE_LINEEDIT:
		ui_year_short(ui, ui->edit_year, year, sizeof year);
		snprintf(label, sizeof label, _("Edit the %s of %s %s   Enter: accept  Esc: cancel"),
		         field_label(ui->edit_field), ui->edit_item, year);
		title = label;
		break;
	case MODE_QUIT_ASK:
		snprintf(label, sizeof label, ngettext("%zu change is not saved.",
		                                       "%zu changes are not saved.", n), n);
		title = label;
		keys = _("w/y: save and quit   d: discard and quit   c/Esc: cancel");
		break;
	case MODE_RECOVER:
		title = _("Re-apply these edits?");
		keys = _("y: re-apply   n: not now (keep the file)   d: delete the file");
		break;
	case MODE_CONFLICT:
		title = _("For each field, choose the value to keep, then save.");
		keys = _("o: ours  t: theirs  O/T: all  j/k: move  Enter: save  Esc: cancel");
		break;
	case MODE_PROMPT:
	case MODE_FILTER:
		ui_find_draw_bottom(ui);
		return;
	case MODE_MEETING_END:
		ui_meeting_draw_bottom(ui);
		return;
	case MODE_BROWSE:
		return;
	}
	ui_put(y, 0, COLS, ui->note ? ui->note : title, ui_attr(ui, ROLE_HEADER), true);
	if (ui->mode == MODE_LINEEDIT)
		ui_edit_draw_field(ui, y + 1);
	else
		ui_put(y + 1, 0, COLS - 1, keys, ui_attr(ui, ROLE_KEY), false);
}
