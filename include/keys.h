/* keys.h - the control characters the key table and the prompts name. */
#ifndef PLANDASH_KEYS_H
#define PLANDASH_KEYS_H

/* The control character typed as Ctrl and c: CTRL('l') is form feed. */
#define CTRL(c) ((c) & 0x1f)
#define ESC 27

#endif
