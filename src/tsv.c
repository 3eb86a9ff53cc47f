/* tsv.c - see tsv.h */
#include "config.h"

#include <string.h>

#include "tsv.h"

void tsv_put(FILE *f, const char *s)
{
	if (!s) {
		fputs("\\N", f);
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		default:   fputc(*s, f); break;
		}
	}
}

void tsv_put_change(FILE *f, const struct change *c)
{
	char year[16];
	field_year_format(c->field, c->year, year, sizeof year);
	tsv_put(f, c->item_id);
	fprintf(f, "\t%s\t%s\t", year, field_name(c->field));
	tsv_put(f, c->base);
	fputc('\t', f);
	tsv_put(f, c->value);
	fputc('\n', f);
}

char *tsv_unescape(char *s)
{
	if (strcmp(s, "\\N") == 0)
		return NULL;
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p != '\\' || !p[1]) {
			*o++ = *p;
			continue;
		}
		p++;
		*o++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
	}
	*o = '\0';
	return s;
}

int tsv_split(char *line, char **fields, int max)
{
	int n = 0;
	for (char *p = line; n < max; ) {
		fields[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = '\0';
	}
	return n;
}
