/* scalar.c - see scalar.h.  libyaml's emitter picks a style that is legal
 * in the context; we emit a one-key document and cut the value out. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "scalar.h"

struct outbuf {
	char *data;
	size_t len, cap;
	bool failed;
};

static int outbuf_write(void *data, unsigned char *bytes, size_t size)
{
	struct outbuf *o = data;
	if (o->len + size + 1 > o->cap) {
		size_t cap = (o->len + size + 1) * 2;
		char *d = realloc(o->data, cap);
		if (!d) {
			o->failed = true;
			return 0;
		}
		o->data = d;
		o->cap = cap;
	}
	memcpy(o->data + o->len, bytes, size);
	o->len += size;
	o->data[o->len] = '\0';
	return 1;
}

static bool word_in(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(s, *words) == 0)
			return true;
	return false;
}

bool scalar_needs_quotes(const char *s)
{
	static const char *const words[] = {
		"~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
		"y", "Y", "n", "N", "<<", "=", NULL,
	};
	if (!*s || word_in(s, words))
		return true;
	/* Anything number- or date-like: digits with signs, dots, colons,
	 * underscores, exponents, hex/octal/binary prefixes, .inf and .nan.
	 * Quoting a string that did not need it is harmless; the reverse is not. */
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (*p == '.') {
		const char *q = p + 1;
		if (!strcasecmp(q, "inf") || !strcasecmp(q, "nan"))
			return true;
	}
	if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
		return false;
	for (; *p; p++)
		if (!strchr("0123456789abcdefABCDEFxXoO._:+-eE tT", *p))
			return false;
	return true;
}

/* Emit "k: value" (or "{k: value}") and return the whole output. */
static char *emit_one(const char *value, bool in_flow, bool plain_ok,
                      yaml_scalar_style_t style)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	struct outbuf out = { 0 };
	static yaml_char_t key[] = "k";
	/* libyaml takes non-const text; give it a copy rather than cast */
	yaml_char_t *text = (yaml_char_t *)strdup(value);
	if (!text)
		return NULL;
	if (!yaml_emitter_initialize(&em)) {
		free(text);
		return NULL;
	}
	yaml_emitter_set_output(&em, outbuf_write, &out);
	yaml_emitter_set_unicode(&em, 1);   /* else CJK comes out as \u escapes */
	yaml_emitter_set_width(&em, -1);    /* never fold a long value */
	bool ok =
		yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
		yaml_emitter_emit(&em, &ev) &&
		yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
		yaml_emitter_emit(&em, &ev) &&
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, in_flow ?
		        YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE) &&
		yaml_emitter_emit(&em, &ev) &&
		yaml_scalar_event_initialize(&ev, NULL, NULL, key, 1, 1, 1,
		                             YAML_PLAIN_SCALAR_STYLE) &&
		yaml_emitter_emit(&em, &ev) &&
		yaml_scalar_event_initialize(&ev, NULL, NULL, text,
		                             (int)strlen(value), plain_ok, 1, style) &&
		yaml_emitter_emit(&em, &ev) &&
		yaml_mapping_end_event_initialize(&ev) &&
		yaml_emitter_emit(&em, &ev) &&
		yaml_document_end_event_initialize(&ev, 1) &&
		yaml_emitter_emit(&em, &ev) &&
		yaml_stream_end_event_initialize(&ev) &&
		yaml_emitter_emit(&em, &ev) &&
		yaml_emitter_flush(&em);
	yaml_emitter_delete(&em);
	free(text);
	if (!ok || out.failed) {
		free(out.data);
		return NULL;
	}
	return out.data;
}

/* libyaml's emitter takes characters outside the Basic Multilingual Plane
 * (𠮷, emoji) as unprintable and writes them as \U escapes, which a person
 * editing the file cannot read.  Such values are written double-quoted
 * here, escaping only what YAML needs escaped.  The save's re-parse checks
 * the result like any other. */
static bool has_astral(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0xF0)
			return true;
	return false;
}

/* NEL, LS and PS are line breaks to YAML; the emitter may write them raw
 * in a single-quoted value.  Written as escapes, every line break in the
 * file stays an ordinary line end. */
static bool has_unicode_break(const char *s)
{
	return strstr(s, "\xc2\x85") || strstr(s, "\xe2\x80\xa8") || strstr(s, "\xe2\x80\xa9");
}

static char *double_quoted(const char *value)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fputc('"', f);
	for (const unsigned char *u = (const unsigned char *)value; *u; u++) {
		if (*u == '"' || *u == '\\')
			fprintf(f, "\\%c", *u);
		else if (*u == '\n')
			fputs("\\n", f);
		else if (*u == '\t')
			fputs("\\t", f);
		else if (*u < 0x20 || *u == 0x7F)
			fprintf(f, "\\x%02X", *u);
		else if (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F)   /* C1, NEL */
			fprintf(f, "\\x%02X", *++u);
		else if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9)) {
			fputs(u[2] == 0xA8 ? "\\L" : "\\P", f);   /* line and paragraph separators */
			u += 2;
		} else if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
			fputs("\\uFEFF", f);
			u += 2;
		} else {
			fputc(*u, f);
		}
	}
	fputc('"', f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

char *scalar_render(const char *value, bool in_flow, enum span_style keep)
{
	if (has_astral(value) || has_unicode_break(value))
		return double_quoted(value);
	if (strlen(value) > (size_t)INT32_MAX)
		return NULL;
	bool multiline = strchr(value, '\n') || strchr(value, '\r');
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	if (multiline)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (keep == SPAN_SINGLE)
		style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	else if (keep == SPAN_DOUBLE)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	char *out = emit_one(value, in_flow, !scalar_needs_quotes(value), style);
	if (!out)
		return NULL;
	/* Cut the value out of "k: VALUE\n" or "{k: VALUE}\n". */
	const char *head = in_flow ? "{k: " : "k: ";
	size_t hl = strlen(head), len = strlen(out);
	const char *tail = in_flow ? "}\n" : "\n";
	size_t tl = strlen(tail);
	if (len < hl + tl || strncmp(out, head, hl) != 0 || strcmp(out + len - tl, tail) != 0) {
		free(out);
		return NULL;
	}
	memmove(out, out + hl, len - hl - tl);
	out[len - hl - tl] = '\0';
	return out;
}
