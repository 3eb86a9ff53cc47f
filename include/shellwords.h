/* shellwords.h - split a command line into words with a shell's quoting
 * but no shell: for the command an SSH client asked for under a forced
 * command (SSH_ORIGINAL_COMMAND).  No curses.
 *
 * Words are separated by spaces and tabs.  Outside quotes a backslash
 * takes the next character as it is; 'single quotes' keep every character
 * up to the next '; "double quotes" keep every character up to the next
 * unescaped ", where a backslash before " \ $ or ` takes that character and
 * any other backslash stays.  Parts written next to each other make one
 * word ('a'"b"c is abc; "" is an empty word).
 *
 * Strict: nothing is guessed.  A quote left open, a backslash at the end,
 * what a shell would read as syntax when it is not quoted (; & | < > ( )
 * $ ` and a # that starts a word), a control character anywhere (quoted or
 * not), invalid UTF-8, a line longer than SHELLWORDS_MAX_BYTES and more
 * than SHELLWORDS_MAX_WORDS words are refused, with where.
 */
#ifndef PLANDASH_SHELLWORDS_H
#define PLANDASH_SHELLWORDS_H

#include <stddef.h>

#define SHELLWORDS_MAX_BYTES 8192
#define SHELLWORDS_MAX_WORDS 64

enum shellwords_code {
	SHELLWORDS_OK = 0,
	SHELLWORDS_OPEN_SINGLE,   /* a ' is never closed (col: the quote) */
	SHELLWORDS_OPEN_DOUBLE,   /* a " is never closed (col: the quote) */
	SHELLWORDS_BACKSLASH_END, /* a \ ends the line (col: the backslash) */
	SHELLWORDS_SYNTAX,        /* ch: an unquoted ; & | < > ( ) $ ` or # (col) */
	SHELLWORDS_CONTROL,       /* ch: a control character (col) */
	SHELLWORDS_BAD_UTF8,      /* ch: the first bad byte (col) */
	SHELLWORDS_TOO_LONG,      /* more than SHELLWORDS_MAX_BYTES bytes */
	SHELLWORDS_TOO_MANY,      /* more than SHELLWORDS_MAX_WORDS words */
	SHELLWORDS_NO_MEMORY,
};

struct shellwords_error {
	enum shellwords_code code;
	unsigned long col;        /* 1-based, in characters; 0 when not about a place */
	unsigned char ch;
};

struct shellwords {
	char **words;             /* n words, then NULL */
	size_t n;
	char *buf;                /* the words' storage */
};

/* Split line (NUL-terminated).  Returns 0 with *out filled (free it with
 * shellwords_free), or -1 with *err filled and *out empty.  A line of
 * blanks only gives no words. */
int shellwords_split(const char *line, struct shellwords *out, struct shellwords_error *err);
void shellwords_free(struct shellwords *w);

#endif
