/* doc.h - a small document (a title, headings, paragraphs and tables) built
 * once and written as Markdown or as one self-contained HTML page for
 * printing.  The report builds its content here, so both formats say the
 * same.  No curses, no words.
 *
 * Every text is copied and written through escape.h, so text from the plan
 * can be put in as it is.  A failed allocation is remembered: the adders
 * then do nothing and doc_failed() says so (check it once at the end).
 */
#ifndef PLANDASH_DOC_H
#define PLANDASH_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct doc;

/* An empty document; NULL when out of memory.  doc_free(NULL) is fine. */
struct doc *doc_new(void);
void doc_free(struct doc *d);
bool doc_failed(const struct doc *d);

/* The title (Markdown "# ", HTML <h1> and <title>), a section heading
 * ("## ", <h2>), a paragraph, and a note (a paragraph in small print). */
void doc_title(struct doc *d, const char *text);
void doc_heading(struct doc *d, const char *text);
void doc_paragraph(struct doc *d, const char *text);
void doc_note(struct doc *d, const char *text);

/* Start a table of `cols` columns; align holds one letter per column, 'l'
 * or 'r' (numbers).  The cells that follow fill it row by row, the first
 * row being the header.  A `keep` table is short and printed on one page
 * when it fits (break-inside: avoid); a long one may break between rows,
 * its header repeated on each page. */
void doc_table(struct doc *d, size_t cols, const char *align, bool keep);
void doc_cell(struct doc *d, const char *text);
void doc_cellf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Markdown: tables as GitHub writes them, one row a line,
 * "| a | b |" with a "| --- | ---: |" rule under the header. */
void doc_write_markdown(const struct doc *d, FILE *out);

/* One HTML page: UTF-8, inline CSS only (no script, no external resource,
 * and a Content-Security-Policy that forbids them), @page A4 with print
 * rules: tables not split where avoidable, headers repeated on each page.
 * lang is the page's language ("ja", "en"). */
void doc_write_html(const struct doc *d, const char *lang, FILE *out);

#endif
