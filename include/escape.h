/* escape.h - text from the plan written safely into the formats a report
 * leaves the terminal in: Markdown, HTML, CSV cells for Excel and JSON
 * strings.  No curses, no words.
 *
 * The input is UTF-8 as the loader gives it (NULL is empty).  Nothing in
 * the plan can end up as markup, a formula or a terminal control in the
 * output: each function says what becomes of the characters with a
 * meaning.  An invalid UTF-8 byte becomes U+FFFD in every format.  "A
 * control character" below is C0 (U+0000..U+001F), DEL (U+007F) or C1
 * (U+0080..U+009F).
 */
#ifndef PLANDASH_ESCAPE_H
#define PLANDASH_ESCAPE_H

#include <stdbool.h>
#include <stdio.h>

/* Markdown (CommonMark / GitHub) inline text, also inside a table cell:
 *  - the characters that can start markup or end a cell, \ ` * _ [ ] < >
 *    | ~ & #, are written with a backslash before them (a backslash escape
 *    is literal text in CommonMark), so no link, emphasis, HTML tag,
 *    entity or extra cell can come from the plan;
 *  - tabs and line ends (CR, LF, U+2028, U+2029) become one space each
 *    (a table row is one line);
 *  - other control characters become U+FFFD. */
void escape_markdown(FILE *out, const char *s);

/* HTML text, also inside a quoted attribute value: & < > " ' as the
 * entities &amp; &lt; &gt; &quot; &#39;; tabs and line ends stay (HTML
 * treats them as spaces); other control characters become U+FFFD. */
void escape_html(FILE *out, const char *s);

/* One CSV cell (RFC 4180), for Excel and LibreOffice:
 *  - with `text` (a value from the plan rather than a number written by
 *    us), a cell that starts with = + - @, a tab or a CR gets a single
 *    quote (') first, so that a spreadsheet shows it as text and never
 *    evaluates it as a formula (OWASP "CSV injection");
 *  - the cell is put in double quotes, with every " doubled, when it holds
 *    a comma, a double quote, a CR or an LF (line ends inside stay as they
 *    are: a quoted cell may span lines);
 *  - other control characters (tab excepted) become U+FFFD. */
void escape_csv(FILE *out, const char *s, bool text);

/* Whether escape_csv(s, true) puts a quote before s. */
bool escape_csv_needs_guard(const char *s);

/* A JSON string with its double quotes: " and \ escaped, every control
 * character written as \n \r \t \b \f or \u00XX, and U+2028 and U+2029 as
 * \u2028 \u2029 (JavaScript takes them for line ends); everything else,
 * Japanese included, stays raw UTF-8.  NULL is written as null. */
void escape_json(FILE *out, const char *s);

#endif
