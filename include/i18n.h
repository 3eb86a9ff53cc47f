/* i18n.h - gettext wrappers.  Every UI string goes through _() or N_(). */
#ifndef PLANDASH_I18N_H
#define PLANDASH_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define PACKAGE_DOMAIN "plandash"
#define _(s) gettext(s)
#define N_(s) (s)

/* Set the locale and the message catalogue.  Call first thing in main().
 * When the environment's locale is not UTF-8 (an SSH client forwarding a
 * LANG the server lacks), fall back to C.UTF-8 for character handling and
 * return a message to show (a msgid: show it through _(), after
 * i18n_set_lang()), else NULL (also when no locale was asked for
 * at all: "C" and "POSIX" fall back silently).  The language is the
 * locale's until i18n_set_lang().  The catalogue directory is
 * PLANDASH_LOCALEDIR when set (tests run from the build tree), else
 * LOCALEDIR. */
const char *i18n_init(void);

/* True when the UI language is Japanese (messages translated to ja). */
int i18n_is_japanese(void);

/* ---- choosing the UI language without LANG
 *
 * SSH clients such as PuTTY and Tera Term send no LANG, and a forced
 * command runs without one, so the language can be chosen apart from the
 * locale: by --lang, $PLANDASH_LANG or (later) a per-user "lang:" of an
 * access file, in that order, else by the locale as before. */

enum i18n_lang {
	I18N_LANG_LOCALE,         /* whatever the locale says (LANG, LC_*) */
	I18N_LANG_EN,
	I18N_LANG_JA,
};

/* "ja" or "en" (any case) -> *lang; false for anything else. */
bool i18n_lang_parse(const char *s, enum i18n_lang *lang);

/* The language by precedence: option (--lang), then $PLANDASH_LANG, then
 * access (an access file's lang: for the user); NULL or "" means not set.
 * *lang gets the first that is set, or I18N_LANG_LOCALE.  Returns NULL, or
 * the value that decided when it is not a language (then *lang is
 * I18N_LANG_LOCALE).  Does not apply it: see i18n_set_lang(). */
const char *i18n_pick_lang(const char *option, const char *access, enum i18n_lang *lang);

/* Switch the messages to lang, after i18n_init() and before the next
 * gettext().  Works in any locale, "C" and no LANG included: gettext
 * ignores $LANGUAGE while LC_MESSAGES is "C", so LC_MESSAGES becomes
 * C.UTF-8 then (characters stay as i18n_init() set them) and $LANGUAGE
 * names the language.  I18N_LANG_LOCALE undoes an earlier call. */
void i18n_set_lang(enum i18n_lang lang);

#endif
