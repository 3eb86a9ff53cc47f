/* view_text.h - a page of text that scrolls (one change of the log or of a meeting, shown whole).  Opened with a struct text_arg. */
#ifndef PLANDASH_VIEW_TEXT_H
#define PLANDASH_VIEW_TEXT_H

#include "screen.h"

/* The title and the paragraphs (copied when the screen opens). */
struct text_arg {
	const char *title;
	const char *const *paragraphs;
	size_t n;
};

extern const struct screen_ops text_ops;

#endif
