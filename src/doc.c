/* doc.c - see doc.h */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "escape.h"

enum block_kind { BLOCK_TITLE, BLOCK_HEADING, BLOCK_PARAGRAPH, BLOCK_NOTE, BLOCK_TABLE };

struct block {
	enum block_kind kind;
	char *text;               /* title, heading, paragraph, note */
	size_t cols;              /* table */
	char *align;
	bool keep;
	char **cells;             /* row by row, the header first */
	size_t n_cells, cap_cells;
};

struct doc {
	struct block *blocks;
	size_t n, cap;
	bool failed;
};

struct doc *doc_new(void)
{
	return calloc(1, sizeof(struct doc));
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		struct block *b = &d->blocks[i];

		free(b->text);
		free(b->align);
		for (size_t c = 0; c < b->n_cells; c++)
			free(b->cells[c]);
		free(b->cells);
	}
	free(d->blocks);
	free(d);
}

bool doc_failed(const struct doc *d)
{
	return !d || d->failed;
}

static struct block *add_block(struct doc *d, enum block_kind kind)
{
	if (!d || d->failed)
		return NULL;
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 16;
		struct block *b = realloc(d->blocks, cap * sizeof *b);

		if (!b) {
			d->failed = true;
			return NULL;
		}
		d->blocks = b;
		d->cap = cap;
	}
	d->blocks[d->n] = (struct block){ .kind = kind };
	return &d->blocks[d->n++];
}

static void add_text(struct doc *d, enum block_kind kind, const char *text)
{
	struct block *b = add_block(d, kind);

	if (b && !(b->text = strdup(text ? text : "")))
		d->failed = true;
}

void doc_title(struct doc *d, const char *text)
{
	add_text(d, BLOCK_TITLE, text);
}

void doc_heading(struct doc *d, const char *text)
{
	add_text(d, BLOCK_HEADING, text);
}

void doc_paragraph(struct doc *d, const char *text)
{
	add_text(d, BLOCK_PARAGRAPH, text);
}

void doc_note(struct doc *d, const char *text)
{
	add_text(d, BLOCK_NOTE, text);
}

void doc_table(struct doc *d, size_t cols, const char *align, bool keep)
{
	struct block *b = add_block(d, BLOCK_TABLE);

	if (!b)
		return;
	b->cols = cols ? cols : 1;
	b->keep = keep;
	b->align = calloc(b->cols + 1, 1);
	if (!b->align) {
		d->failed = true;
		return;
	}
	for (size_t c = 0; c < b->cols; c++)
		b->align[c] = align && c < strlen(align) && align[c] == 'r' ? 'r' : 'l';
}

/* Take a malloc'd cell into the current table (freed on failure). */
static void take_cell(struct doc *d, char *cell)
{
	struct block *b = d && !d->failed && d->n ? &d->blocks[d->n - 1] : NULL;

	if (!b || b->kind != BLOCK_TABLE || !cell) {
		free(cell);
		if (d)
			d->failed = true;
		return;
	}
	if (b->n_cells == b->cap_cells) {
		size_t cap = b->cap_cells ? 2 * b->cap_cells : 4 * b->cols;
		char **cells = realloc(b->cells, cap * sizeof *cells);

		if (!cells) {
			free(cell);
			d->failed = true;
			return;
		}
		b->cells = cells;
		b->cap_cells = cap;
	}
	b->cells[b->n_cells++] = cell;
}

void doc_cell(struct doc *d, const char *text)
{
	take_cell(d, strdup(text ? text : ""));
}

void doc_cellf(struct doc *d, const char *fmt, ...)
{
	char *cell = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&cell, fmt, ap) < 0)
		cell = NULL;
	va_end(ap);
	take_cell(d, cell);
}

/* ---- Markdown */

static void md_row(const struct block *b, size_t row, FILE *out)
{
	for (size_t c = 0; c < b->cols; c++) {
		size_t i = row * b->cols + c;

		fputs(c ? " | " : "| ", out);
		escape_markdown(out, i < b->n_cells ? b->cells[i] : "");
	}
	fputs(" |\n", out);
}

static void md_table(const struct block *b, FILE *out)
{
	size_t rows = (b->n_cells + b->cols - 1) / b->cols;

	if (!rows)
		return;
	md_row(b, 0, out);
	for (size_t c = 0; c < b->cols; c++)
		fputs(b->align[c] == 'r' ? "| ---: " : "| --- ", out);
	fputs("|\n", out);
	for (size_t r = 1; r < rows; r++)
		md_row(b, r, out);
	fputc('\n', out);
}

void doc_write_markdown(const struct doc *d, FILE *out)
{
	for (size_t i = 0; d && i < d->n; i++) {
		const struct block *b = &d->blocks[i];

		switch (b->kind) {
		case BLOCK_TITLE:
		case BLOCK_HEADING:
			fputs(b->kind == BLOCK_TITLE ? "# " : "## ", out);
			escape_markdown(out, b->text);
			fputs("\n\n", out);
			break;
		case BLOCK_PARAGRAPH:
		case BLOCK_NOTE:
			escape_markdown(out, b->text);
			fputs("\n\n", out);
			break;
		case BLOCK_TABLE:
			md_table(b, out);
			break;
		}
	}
}

/* ---- HTML */

/* The page's style: A4, tables that do not break where avoidable, headers
 * repeated on every page, and fonts that hold Japanese. */
static const char html_style[] =
	"@page { size: A4; margin: 14mm 12mm; }\n"
	"html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
	"body { font-family: \"Noto Sans CJK JP\", \"Noto Sans JP\", \"IPAexGothic\", "
	"\"Hiragino Sans\", \"Yu Gothic\", \"Meiryo\", sans-serif; font-size: 9.5pt; "
	"line-height: 1.45; color: #000; margin: 0; }\n"
	"@media screen { body { max-width: 186mm; margin: 1.5em auto; padding: 0 1em; } }\n"
	"h1 { font-size: 15pt; margin: 0 0 1mm; }\n"
	"h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; border-bottom: 0.6pt solid #000; "
	"break-after: avoid; page-break-after: avoid; }\n"
	"p { margin: 0 0 2mm; }\n"
	"p.note { font-size: 8.5pt; }\n"
	"section.keep { break-inside: avoid; page-break-inside: avoid; }\n"
	"table { border-collapse: collapse; margin: 0 0 2mm; }\n"
	"table.keep { break-inside: avoid; page-break-inside: avoid; }\n"
	"thead { display: table-header-group; }\n"
	"tr, th, td { break-inside: avoid; page-break-inside: avoid; }\n"
	"th, td { border: 0.5pt solid #555; padding: 0.6mm 1.8mm; vertical-align: top; "
	"text-align: left; }\n"
	"th { background: #e8e8e8; font-weight: bold; }\n"
	".r { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }\n";

static void html_cell(const struct block *b, size_t i, bool head, FILE *out)
{
	const char *tag = head ? "th" : "td";
	size_t c = i % b->cols;

	fprintf(out, "<%s%s>", tag, b->align[c] == 'r' ? " class=\"r\"" : "");
	escape_html(out, i < b->n_cells ? b->cells[i] : "");
	fprintf(out, "</%s>", tag);
}

static void html_table(const struct block *b, FILE *out)
{
	size_t rows = (b->n_cells + b->cols - 1) / b->cols;

	if (!rows)
		return;
	fprintf(out, "<table%s>\n<thead><tr>", b->keep ? " class=\"keep\"" : "");
	for (size_t c = 0; c < b->cols; c++)
		html_cell(b, c, true, out);
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t r = 1; r < rows; r++) {
		fputs("<tr>", out);
		for (size_t c = 0; c < b->cols; c++)
			html_cell(b, r * b->cols + c, false, out);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

static void html_head(const struct doc *d, const char *lang, FILE *out)
{
	const char *title = "";

	for (size_t i = 0; i < d->n; i++)
		if (d->blocks[i].kind == BLOCK_TITLE) {
			title = d->blocks[i].text;
			break;
		}
	fputs("<!DOCTYPE html>\n<html lang=\"", out);
	escape_html(out, lang ? lang : "en");
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'\">\n<title>", out);
	escape_html(out, title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", html_style);
}

/* A heading and the keep table right after it go together. */
static bool opens_kept_section(const struct doc *d, size_t i)
{
	return d->blocks[i].kind == BLOCK_HEADING && i + 1 < d->n &&
	       d->blocks[i + 1].kind == BLOCK_TABLE && d->blocks[i + 1].keep;
}

void doc_write_html(const struct doc *d, const char *lang, FILE *out)
{
	static const char *const open_tag[] = { "<h1>", "<h2>", "<p>", "<p class=\"note\">" };
	static const char *const close_tag[] = { "</h1>\n", "</h2>\n", "</p>\n", "</p>\n" };
	bool in_section = false;

	if (!d)
		return;
	html_head(d, lang, out);
	for (size_t i = 0; i < d->n; i++) {
		const struct block *b = &d->blocks[i];

		if (b->kind == BLOCK_HEADING || b->kind == BLOCK_TITLE) {
			fputs(in_section ? "</section>\n" : "", out);
			in_section = opens_kept_section(d, i);
			fputs(in_section ? "<section class=\"keep\">\n" : "", out);
		}
		if (b->kind == BLOCK_TABLE) {
			html_table(b, out);
			continue;
		}
		fputs(open_tag[b->kind], out);
		escape_html(out, b->text);
		fputs(close_tag[b->kind], out);
	}
	fputs(in_section ? "</section>\n" : "", out);
	fputs("</body>\n</html>\n", out);
}
