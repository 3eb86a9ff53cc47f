/* keys.h - key codes shared by the key handlers.  No curses: these are the
 * plain character values get_wch() returns. */
#ifndef PLANDASH_KEYS_H
#define PLANDASH_KEYS_H

/* The character Ctrl and a letter send: CTRL('l') == 12. */
#define CTRL(c) ((c) & 0x1f)

/* The Escape key (and the first byte of an escape sequence). */
#define ESC 27

#endif
