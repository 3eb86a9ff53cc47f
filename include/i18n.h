/* i18n.h - gettext wrappers.  Every UI string goes through _() or N_(). */
#ifndef PLANDASH_I18N_H
#define PLANDASH_I18N_H

#include <libintl.h>

#define PACKAGE_DOMAIN "plandash"
#define _(s) gettext(s)
#define N_(s) (s)

/* Set the locale and the message catalogue.  Call first thing in main().
 * When the environment's locale is not UTF-8 (an SSH client forwarding a
 * LANG the server lacks), fall back to C.UTF-8 for character handling and
 * return a message to show, else NULL.  The catalogue directory is
 * PLANDASH_LOCALEDIR when set (tests run from the build tree), else
 * LOCALEDIR. */
const char *i18n_init(void);

/* True when the UI language is Japanese (messages translated to ja). */
int i18n_is_japanese(void);

#endif
