/* i18n.c - locale and message catalogue set-up (see i18n.h). */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <unistd.h>

#include "i18n.h"

static int is_utf8_codeset(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Where the catalogues are: PLANDASH_LOCALEDIR, else the installed
 * LOCALEDIR, else po/locale beside the executable, so that a program run
 * from its build directory speaks Japanese before `make install`. */
static const char *catalogue_dir(void)
{
	static char beside[PATH_MAX];
	const char *env = getenv("PLANDASH_LOCALEDIR");
	if (env && *env)
		return env;
	if (faccessat(AT_FDCWD, LOCALEDIR "/ja/LC_MESSAGES/" PACKAGE_DOMAIN ".mo", R_OK, 0) == 0)
		return LOCALEDIR;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			int len = snprintf(beside, sizeof beside, "%.*s/po/locale",
			                   (int)(sizeof beside - 16), exe);
			if (len > 0 && faccessat(AT_FDCWD, beside, R_OK | X_OK, 0) == 0)
				return beside;
		}
	}
	return LOCALEDIR;
}

/* LC_MESSAGES and $LANGUAGE as the environment set them, for
 * i18n_set_lang(I18N_LANG_LOCALE). */
static char env_messages[128], env_language[128];
static bool env_had_language;

static bool is_c_locale(const char *name)
{
	return !name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

const char *i18n_init(void)
{
	const char *msg = NULL, *lang;
	bool asked = setlocale(LC_ALL, "") != NULL;

	if (!is_utf8_codeset()) {
		/* Typically an SSH client forwarding a LANG this host lacks, or
		 * none at all.  Keep the messages' language but handle
		 * characters as UTF-8; say so only when a locale was asked for. */
		asked = asked && !is_c_locale(setlocale(LC_CTYPE, NULL));
		if (setlocale(LC_CTYPE, "C.UTF-8") && is_utf8_codeset())
			msg = asked ? N_("The locale is not UTF-8; using C.UTF-8 for text.") : NULL;
		else
			msg = N_("The locale is not UTF-8 and C.UTF-8 is missing; text may be garbled.");
	}
	snprintf(env_messages, sizeof env_messages, "%s",
	         setlocale(LC_MESSAGES, NULL) ? setlocale(LC_MESSAGES, NULL) : "C");
	lang = getenv("LANGUAGE");
	env_had_language = lang != NULL;
	snprintf(env_language, sizeof env_language, "%s", lang ? lang : "");
	bindtextdomain(PACKAGE_DOMAIN, catalogue_dir());
	bind_textdomain_codeset(PACKAGE_DOMAIN, "UTF-8");
	textdomain(PACKAGE_DOMAIN);
	return msg;
}

int i18n_is_japanese(void)
{
	/* The catalogue header says which language answered; an untranslated
	 * UI returns the empty msgid's own value (""). */
	static const char empty[] = "";
	const char *header = gettext(empty);   /* a variable: not a msgid */

	return header && strstr(header, "Language: ja") != NULL;
}

bool i18n_lang_parse(const char *s, enum i18n_lang *lang)
{
	if (s && strcasecmp(s, "ja") == 0)
		*lang = I18N_LANG_JA;
	else if (s && strcasecmp(s, "en") == 0)
		*lang = I18N_LANG_EN;
	else
		return false;
	return true;
}

const char *i18n_pick_lang(const char *option, const char *access, enum i18n_lang *lang)
{
	const char *env = getenv("PLANDASH_LANG");
	const char *v = option && *option ? option : env && *env ? env : access && *access ? access
	                                                                                     : NULL;

	*lang = I18N_LANG_LOCALE;
	if (!v || i18n_lang_parse(v, lang))
		return NULL;
	*lang = I18N_LANG_LOCALE;
	return v;
}

void i18n_set_lang(enum i18n_lang lang)
{
	static const char *const fallbacks[] = { "C.UTF-8", "en_US.UTF-8", "ja_JP.UTF-8" };

	if (lang == I18N_LANG_LOCALE) {
		setlocale(LC_MESSAGES, env_messages);
		if (env_had_language)
			setenv("LANGUAGE", env_language, 1);
		else
			unsetenv("LANGUAGE");
	} else {
		/* In the "C" locale gettext ignores $LANGUAGE (no LANG at all,
		 * as from PuTTY or Tera Term, or under a forced command). */
		for (size_t i = 0; is_c_locale(setlocale(LC_MESSAGES, NULL)) &&
		                   i < sizeof fallbacks / sizeof fallbacks[0]; i++)
			setlocale(LC_MESSAGES, fallbacks[i]);
		setenv("LANGUAGE", lang == I18N_LANG_JA ? "ja" : "en", 1);
	}
	textdomain(PACKAGE_DOMAIN);   /* forget the translations looked up so far */
}
