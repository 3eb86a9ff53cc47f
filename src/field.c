/* field.c - see field.h */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

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

/* The next character of a paste as one line: a line end ("\r\n" is one)
 * or a tab is a space, another control character is nothing (0).
 * Advances *pos (invalid UTF-8 is skipped a byte at a time). */
static wchar_t paste_char(const char *text, size_t len, size_t *pos)
{
	size_t k;
	long cp = utf8_decode(text + *pos, len - *pos, &k);
	wchar_t wc = (wchar_t)cp;

	*pos += k;
	if (cp <= 0)                  /* a NUL, or a bad or cut sequence */
		return 0;
	if (wc == L'\r' && *pos < len && text[*pos] == '\n')
		(*pos)++;
	if (wc == L'\r' || wc == L'\n' || wc == L'\t')
		return L' ';
	if (wc < 0x20 || (wc >= 0x7F && wc < 0xA0) || wc == 0x2028 || wc == 0x2029)
		return 0;
	return wc;
}

bool field_paste(struct lineedit *le, const char *text, size_t len)
{
	size_t pos = 0;
	int width = 0;

	for (size_t i = 0; i < le->len; i++)
		width += lineedit_char_width(le->buf[i]);
	while (pos < len) {
		wchar_t wc = paste_char(text, len, &pos);
		int w = wc ? lineedit_char_width(wc) : 0;

		if (!wc)
			continue;
		if (width + w > FIELD_PASTE_MAX_COLS || !lineedit_insert(le, wc))
			return false;
		width += w;
	}
	return true;
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
