/* escape.c - see escape.h */
#include "config.h"

#include <string.h>

#include "escape.h"
#include "utf8.h"

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */

/* One character of s: its code point (-1 for an invalid byte) and its
 * bytes; false at the end. */
struct walk {
	const char *s;
	size_t len, at;
	long cp;
	const char *bytes;
	size_t n;
};

static struct walk walk_start(const char *s)
{
	return (struct walk){ .s = s ? s : "", .len = s ? strlen(s) : 0 };
}

static bool walk_next(struct walk *w)
{
	if (w->at >= w->len)
		return false;
	w->bytes = w->s + w->at;
	w->cp = utf8_decode(w->bytes, w->len - w->at, &w->n);
	w->at += w->n;
	return true;
}

static bool is_control(long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

static bool is_line_end(long cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

/* The character as it came, or U+FFFD for an invalid byte. */
static void put_char(FILE *out, const struct walk *w)
{
	if (w->cp < 0)
		fputs(REPLACEMENT, out);
	else
		fwrite(w->bytes, 1, w->n, out);
}

void escape_markdown(FILE *out, const char *s)
{
	for (struct walk w = walk_start(s); walk_next(&w);) {
		if (w.cp == '\t' || is_line_end(w.cp))
			fputc(' ', out);
		else if (w.cp >= 0 && is_control(w.cp))
			fputs(REPLACEMENT, out);
		else if (w.cp >= 0 && w.cp < 0x80 && strchr("\\`*_[]<>|~&#", (int)w.cp))
			fprintf(out, "\\%c", (int)w.cp);
		else
			put_char(out, &w);
	}
}

void escape_html(FILE *out, const char *s)
{
	for (struct walk w = walk_start(s); walk_next(&w);) {
		switch (w.cp) {
		case '&':  fputs("&amp;", out); break;
		case '<':  fputs("&lt;", out); break;
		case '>':  fputs("&gt;", out); break;
		case '"':  fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		case '\t':
		case '\n':
		case '\r': fputc((int)w.cp, out); break;
		default:
			if (w.cp >= 0 && is_control(w.cp))
				fputs(REPLACEMENT, out);
			else
				put_char(out, &w);
		}
	}
}

bool escape_csv_needs_guard(const char *s)
{
	return s && *s && strchr("=+-@\t\r", *s);
}

void escape_csv(FILE *out, const char *s, bool text)
{
	bool guard = text && escape_csv_needs_guard(s);
	bool quote = s && strpbrk(s, ",\"\r\n");

	if (quote)
		fputc('"', out);
	if (guard)
		fputc('\'', out);
	for (struct walk w = walk_start(s); walk_next(&w);) {
		if (w.cp == '"')
			fputs("\"\"", out);
		else if (w.cp == '\t' || w.cp == '\r' || w.cp == '\n')
			fputc((int)w.cp, out);
		else if (w.cp >= 0 && is_control(w.cp))
			fputs(REPLACEMENT, out);
		else
			put_char(out, &w);
	}
	if (quote)
		fputc('"', out);
}

void escape_json(FILE *out, const char *s)
{
	static const char short_form[0x20] = { ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n',
	                                   ['\r'] = 'r', ['\t'] = 't' };

	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (struct walk w = walk_start(s); walk_next(&w);) {
		if (w.cp == '"' || w.cp == '\\')
			fprintf(out, "\\%c", (int)w.cp);
		else if (w.cp >= 0 && w.cp < 0x20 && short_form[w.cp])
			fprintf(out, "\\%c", short_form[w.cp]);
		else if (w.cp >= 0 && (is_control(w.cp) || w.cp == 0x2028 || w.cp == 0x2029))
			fprintf(out, "\\u%04lx", (unsigned long)w.cp);
		else
			put_char(out, &w);
	}
	fputc('"', out);
}
