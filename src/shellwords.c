/* shellwords.c - see shellwords.h */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "shellwords.h"
#include "utf8.h"

enum mode { BETWEEN, WORD, SINGLE, DOUBLE };

struct splitter {
	const char *s;
	size_t len, i;            /* the line and where we are (bytes) */
	unsigned long col;        /* the column of s[i] (characters, 1-based) */
	char *out;                /* the words' storage */
	size_t used;
	struct shellwords *w;
	struct shellwords_error *err;
};

static int fail(struct splitter *sp, enum shellwords_code code, unsigned long col,
                unsigned char ch)
{
	sp->err->code = code;
	sp->err->col = col;
	sp->err->ch = ch;
	return -1;
}

/* The character at sp->i: its length in *n; -1 after failing on a control
 * character or invalid UTF-8. */
static int next_char(struct splitter *sp, size_t *n)
{
	unsigned char b = (unsigned char)sp->s[sp->i];
	long c = utf8_decode(sp->s + sp->i, sp->len - sp->i, n);

	if (c < 0)
		return fail(sp, SHELLWORDS_BAD_UTF8, sp->col, b);
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
		return fail(sp, SHELLWORDS_CONTROL, sp->col, c < 0x80 ? (unsigned char)c : b);
	return 0;
}

/* Copy the character at sp->i (n bytes) into the current word. */
static void take(struct splitter *sp, size_t n)
{
	memcpy(sp->out + sp->used, sp->s + sp->i, n);
	sp->used += n;
	sp->i += n;
	sp->col++;
}

static int end_word(struct splitter *sp)
{
	if (sp->w->n == SHELLWORDS_MAX_WORDS)
		return fail(sp, SHELLWORDS_TOO_MANY, 0, 0);
	sp->out[sp->used++] = '\0';
	sp->w->n++;
	return 0;
}

/* One step outside quotes, in a word; *mode may change. */
static int step_word(struct splitter *sp, enum mode *mode, bool word_empty)
{
	char c = sp->s[sp->i];
	size_t n;

	if (c == ' ' || c == '\t') {
		*mode = BETWEEN;
		sp->i++;
		sp->col++;
		return end_word(sp);
	}
	if (c == '\'' || c == '"') {
		*mode = c == '\'' ? SINGLE : DOUBLE;
		sp->i++;
		sp->col++;
		return 0;
	}
	if (strchr(";&|<>()$`", c) || (c == '#' && word_empty))
		return fail(sp, SHELLWORDS_SYNTAX, sp->col, (unsigned char)c);
	if (c == '\\') {
		if (sp->i + 1 == sp->len)
			return fail(sp, SHELLWORDS_BACKSLASH_END, sp->col, 0);
		sp->i++;
		sp->col++;
	}
	if (next_char(sp, &n))
		return -1;
	take(sp, n);
	return 0;
}

/* One step inside quotes; *mode goes back to WORD at the closing quote. */
static int step_quoted(struct splitter *sp, enum mode *mode)
{
	char c = sp->s[sp->i];
	size_t n;

	if ((*mode == SINGLE && c == '\'') || (*mode == DOUBLE && c == '"')) {
		*mode = WORD;
		sp->i++;
		sp->col++;
		return 0;
	}
	if (*mode == DOUBLE && c == '\\' && sp->i + 1 < sp->len && strchr("\"\\$`", sp->s[sp->i + 1])) {
		sp->i++;
		sp->col++;
	}
	if (next_char(sp, &n))
		return -1;
	take(sp, n);
	return 0;
}

static int split(struct splitter *sp)
{
	enum mode mode = BETWEEN;
	unsigned long quote_col = 0;
	size_t word_start = 0;

	while (sp->i < sp->len) {
		int r;

		if (mode == BETWEEN) {
			if (sp->s[sp->i] == ' ' || sp->s[sp->i] == '\t') {
				sp->i++;
				sp->col++;
				continue;
			}
			sp->w->words[sp->w->n] = sp->out + sp->used;
			word_start = sp->used;
			mode = WORD;
		}
		if (mode == WORD) {
			bool quote = sp->s[sp->i] == '\'' || sp->s[sp->i] == '"';

			quote_col = quote ? sp->col : quote_col;
			r = step_word(sp, &mode, sp->used == word_start);
		} else {
			r = step_quoted(sp, &mode);
		}
		if (r)
			return r;
	}
	if (mode == SINGLE || mode == DOUBLE)
		return fail(sp, mode == SINGLE ? SHELLWORDS_OPEN_SINGLE : SHELLWORDS_OPEN_DOUBLE,
		            quote_col, 0);
	return mode == WORD ? end_word(sp) : 0;
}

int shellwords_split(const char *line, struct shellwords *out, struct shellwords_error *err)
{
	struct splitter sp = { .s = line, .len = strlen(line), .col = 1, .w = out, .err = err };

	memset(out, 0, sizeof *out);
	memset(err, 0, sizeof *err);
	if (sp.len > SHELLWORDS_MAX_BYTES)
		return fail(&sp, SHELLWORDS_TOO_LONG, 0, 0);
	/* every word is at most as long as the line, plus its NUL */
	out->buf = sp.out = malloc(2 * sp.len + 1);
	out->words = calloc(SHELLWORDS_MAX_WORDS + 1, sizeof *out->words);
	if (!out->buf || !out->words) {
		shellwords_free(out);
		return fail(&sp, SHELLWORDS_NO_MEMORY, 0, 0);
	}
	if (split(&sp)) {
		shellwords_free(out);
		return -1;
	}
	out->words[out->n] = NULL;
	return 0;
}

void shellwords_free(struct shellwords *w)
{
	free(w->words);
	free(w->buf);
	memset(w, 0, sizeof *w);
}
