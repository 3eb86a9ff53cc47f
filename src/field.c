/* field.c - see field.h */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "field.h"
#include "utf8.h"

bool field_key(struct lineedit *le, const struct action_call *a, bool *changed)
{
	static const struct { enum action a; enum lineedit_cmd cmd; bool edits; } map[] = {
		{ ACT_LE_LEFT, LINEEDIT_LEFT, false }, { ACT_LE_RIGHT, LINEEDIT_RIGHT, false },
		{ ACT_LE_HOME, LINEEDIT_HOME, false }, { ACT_LE_END, LINEEDIT_END, false },
		{ ACT_LE_BACKSPACE, LINEEDIT_BACKSPACE, true },
		{ ACT_LE_DELETE, LINEEDIT_DELETE, true }, { ACT_LE_CLEAR, LINEEDIT_CLEAR, true },
	};

	*changed = false;
	if (a->id == ACT_TYPE) {
		*changed = lineedit_insert(le, (wchar_t)a->arg);
		return true;
	}
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (map[i].a != a->id)
			continue;
		*changed = lineedit_command(le, map[i].cmd) && map[i].edits;
		return true;
	}
	return false;
}

size_t field_paste(struct lineedit *le, const char *text, size_t len)
{
	size_t n = 0, i = 0;

	while (i < len) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, text + i, len - i, &(mbstate_t){ 0 });

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			i++;                  /* an invalid byte is dropped */
			continue;
		}
		i += k;
		if (wc == L'\r' && i < len && text[i] == '\n')
			continue;             /* CRLF is one line end */
		if (wc == L'\n' || wc == L'\r' || wc == L'\t')
			wc = L' ';
		n += lineedit_insert(le, wc);
	}
	return n;
}

void field_draw(struct ui_ctx *ctx, struct lineedit *le, int y, const char *prompt)
{
	int cols = COLS - 2, cx;
	size_t end;
	char *vis;

	if (cols < 2)
		return;
	cx = lineedit_fit(le, cols, &end);
	vis = lineedit_slice(le, le->scroll, end);
	ui_put(y, 0, 1, le->scroll ? "<" : prompt, ui_attr(ctx, ROLE_KEY), false);
	ui_put(y, 1, cols, vis ? vis : "", A_UNDERLINE, true);
	free(vis);
	ctx->cursor_y = y;
	ctx->cursor_x = 1 + cx;
	ctx->cursor_visible = true;
}
