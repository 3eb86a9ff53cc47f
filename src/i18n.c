/* i18n.c - locale and message catalogue set-up (see i18n.h). */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	if (access(LOCALEDIR "/ja/LC_MESSAGES/" PACKAGE_DOMAIN ".mo", R_OK) == 0)
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
			if (len > 0 && access(beside, R_OK | X_OK) == 0)
				return beside;
		}
	}
	return LOCALEDIR;
}

const char *i18n_init(void)
{
	const char *msg = NULL;

	setlocale(LC_ALL, "");
	if (!is_utf8_codeset()) {
		/* Typically an SSH client forwarding a LANG this host lacks.
		 * Keep the messages' language but handle characters as UTF-8. */
		if (setlocale(LC_CTYPE, "C.UTF-8") && is_utf8_codeset())
			msg = N_("The locale is not UTF-8; using C.UTF-8 for text.");
		else
			msg = N_("The locale is not UTF-8 and C.UTF-8 is missing; text may be garbled.");
	}
	bindtextdomain(PACKAGE_DOMAIN, catalogue_dir());
	bind_textdomain_codeset(PACKAGE_DOMAIN, "UTF-8");
	textdomain(PACKAGE_DOMAIN);
	return msg ? _(msg) : NULL;
}

int i18n_is_japanese(void)
{
	/* The catalogue header says which language answered; an untranslated
	 * UI returns the empty msgid's own value (""). */
	static const char empty[] = "";
	const char *header = gettext(empty);   /* a variable: not a msgid */

	return header && strstr(header, "Language: ja") != NULL;
}
