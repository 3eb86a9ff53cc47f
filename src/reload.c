/* reload.c - see reload.h */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "load.h"
#include "merge.h"
#include "reload.h"

void reload_report_free(struct reload_report *r)
{
	field_changes_free(r->changes, r->n_changes);
	conflicts_free(r->conflicts, r->n_conflicts);
	changes_free(r->lost, r->n_lost);
	memset(r, 0, sizeof *r);
}

enum action { FORGET, KEEP, DROP, CONFLICT, LOSE, REFUSE };

/* Decide each edit and apply ours to their model (not the editor's yet).
 * newbase[i] receives their value of a conflicting field.  Returns false
 * when out of memory. */
static bool decide(struct editor *ed, struct plan *theirs, enum action *act, char **newbase,
                   struct reload_report *r)
{
	for (size_t i = 0; i < ed->n_changes; i++) {
		const struct change *c = &ed->changes[i];
		if (!change_is_pending(c)) {
			act[i] = FORGET;
			continue;
		}
		if (!editor_may_change(ed, theirs, c->item_id)) {
			act[i] = REFUSE;          /* never re-applied where it is not allowed */
			continue;
		}
		struct entry *te;
		const char *t;
		switch (merge_decide(theirs, c, &te, &t)) {
		case MERGE_GONE:
		case MERGE_NO_STATUS:
			act[i] = LOSE;
			continue;
		case MERGE_SAME:
			act[i] = DROP;
			continue;
		case MERGE_CONFLICT:
			act[i] = CONFLICT;
			newbase[i] = str_dup_nullable(t);   /* becomes the change's theirs */
			if ((t && !newbase[i]) || conflict_add(&r->conflicts, &r->n_conflicts, c, t))
				return false;
			break;
		case MERGE_APPLY:
			act[i] = KEEP;
			break;
		}
		if (entry_set_field(theirs, te, c->field, c->value) != EDIT_OK)
			return false;
	}
	return true;
}

/* Commit the decisions to the editor: nothing here can fail. */
static void commit(struct editor *ed, const enum action *act, char **newbase,
                   struct reload_report *r)
{
	size_t k = 0;
	for (size_t i = 0; i < ed->n_changes; i++) {
		struct change *c = &ed->changes[i];
		switch (act[i]) {
		case KEEP:
		case CONFLICT:
			free(c->theirs);
			/* a conflict is unsettled until the user chooses (the next
			 * save asks); KEEP means the file is back at our base, so an
			 * earlier conflict is over */
			c->theirs = act[i] == CONFLICT ? newbase[i] : NULL;
			c->unsettled = act[i] == CONFLICT;
			newbase[i] = NULL;
			r->kept++;
			ed->changes[k++] = *c;
			break;
		case REFUSE:
			r->refused++;
			/* fall through */
		case LOSE:
			r->lost[r->n_lost++] = *c;
			break;
		case DROP:
			r->dropped++;
			/* fall through */
		case FORGET:
			change_release(c);
			break;
		}
	}
	ed->n_changes = k;
}

static enum reload_status merge(struct editor *ed, struct plan *theirs, struct reload_report *r)
{
	size_t n = ed->n_changes;
	enum action *act = calloc(n ? n : 1, sizeof *act);
	char **newbase = calloc(n ? n : 1, sizeof *newbase);
	r->lost = calloc(n ? n : 1, sizeof *r->lost);
	bool ok = act && newbase && r->lost &&
	          merge_their_changes(ed, theirs, &r->changes, &r->n_changes, &r->entries_added,
	                              &r->entries_removed) == 0 &&
	          decide(ed, theirs, act, newbase, r);
	if (ok) {
		commit(ed, act, newbase, r);
		editor_replace_plan(ed, theirs);
	}
	for (size_t i = 0; newbase && i < n; i++)
		free(newbase[i]);
	free(newbase);
	free(act);
	if (ok)
		return RELOAD_OK;
	plan_free(theirs);
	reload_report_free(r);
	r->error = RELOAD_E_NO_MEMORY;
	return RELOAD_FAILED;
}

enum reload_status editor_reload_plan(struct editor *ed, struct plan *theirs,
                                      struct reload_report *r)
{
	memset(r, 0, sizeof *r);
	if (theirs->text_len == ed->plan->text_len &&
	    memcmp(theirs->text, ed->plan->text, theirs->text_len) == 0) {
		plan_free(theirs);
		return RELOAD_UNCHANGED;
	}
	return merge(ed, theirs, r);
}

enum reload_status editor_reload(struct editor *ed, const char *path, struct reload_report *r)
{
	memset(r, 0, sizeof *r);
	char *data;
	size_t len;
	int e = file_read_all(path, LOAD_MAX_BYTES, &data, &len);
	if (e) {
		r->error = RELOAD_E_READ;
		r->err = e;
		return RELOAD_FAILED;
	}
	if (len == ed->plan->text_len && memcmp(data, ed->plan->text, len) == 0) {
		free(data);
		return RELOAD_UNCHANGED;
	}
	struct plan *theirs = plan_load_buffer(data, len, &r->load);
	free(data);
	if (!theirs) {
		r->error = RELOAD_E_BROKEN;
		return RELOAD_FAILED;
	}
	return merge(ed, theirs, r);
}
