/* grammar.c - what a user types for a year, a status and an item (see
 * grammar.h).  Each parser folds the text to ASCII first, so the forms are
 * written once, in ASCII (and kanji). */
#include "config.h"

#include <string.h>

#include "grammar.h"
#include "utf8.h"

void grammar_fold(const char *in, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0;
	if (!size)
		return;
	while (*s && o + 1 < size) {
		if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x81 && s[2] <= 0xBF) {
			out[o++] = (char)(s[2] - 0x81 + 0x21);   /* ！..＿ */
			s += 3;
		} else if (s[0] == 0xEF && s[1] == 0xBD && s[2] >= 0x80 && s[2] <= 0x9E) {
			out[o++] = (char)(s[2] - 0x80 + 0x60);   /* ｀..～ */
			s += 3;
		} else if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) {
			out[o++] = ' ';                          /* U+3000 */
			s += 3;
		} else if ((s[0] == 0xE3 && s[1] == 0x83 && s[2] == 0xBC) ||   /* ー U+30FC */
		           (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) ||   /* − U+2212 */
		           (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x95)) {
			out[o++] = '-';                          /* ‐ ‑ ‒ – — ― */
			s += 3;
		} else {
			out[o++] = (char)*s++;
		}
	}
	out[o] = '\0';
	if (*s)   /* cut: do not end inside a character */
		utf8_trim(out);
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (lower((unsigned char)*s) != lower((unsigned char)*prefix))
			return false;
	return true;
}

static bool equal_ci(const char *a, const char *b)
{
	return strlen(a) == strlen(b) && starts_with_ci(a, b);
}

static bool skip(const char **s, const char *word)
{
	size_t n = strlen(word);
	if (strncmp(*s, word, n) != 0)
		return false;
	*s += n;
	return true;
}

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The folded text without blanks around it; false when it is empty. */
static bool fold_trim(const char *text, char *buf, size_t size)
{
	grammar_fold(text ? text : "", buf, size);
	const char *s = skip_blanks(buf);
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	memmove(buf, s, n);
	buf[n] = '\0';
	return n > 0;
}

/* Digits at *s: their value (capped) and how many there were. */
static int read_number(const char **s, int *digits)
{
	long v = 0;
	*digits = 0;
	while (**s >= '0' && **s <= '9') {
		if (v < 100000)
			v = v * 10 + (**s - '0');
		(*s)++;
		(*digits)++;
	}
	return (int)v;
}

/* ---- years ------------------------------------------------------------- */

#define HEISEI_BASE 1988   /* 平成1年 = 1989 */
#define HEISEI_LAST 31     /* 平成31年 = 2019, the year 令和 began */
#define REIWA_BASE  2018   /* 令和1年 = 2019 */
#define YEAR_MIN    1900   /* the loader's bounds for a plan's years */
#define YEAR_MAX    2200

int grammar_year(const char *text)
{
	char buf[128];
	if (!fold_trim(text, buf, sizeof buf))
		return 0;
	const char *s = buf;
	int base = 0, last = 99, digits, n;
	if (starts_with_ci(s, "fy")) {
		s = skip_blanks(s + 2);
	} else if (skip(&s, "H") || skip(&s, "h") || skip(&s, "平成")) {
		base = HEISEI_BASE;
		last = HEISEI_LAST;
	} else if (skip(&s, "R") || skip(&s, "r") || skip(&s, "令和")) {
		base = REIWA_BASE;
	}
	if (base) {
		s = skip_blanks(s);
		if (skip(&s, "元")) {   /* 平成元年度, 令和元年度: the first year */
			n = 1;
			digits = 1;
		} else {
			n = read_number(&s, &digits);
		}
		if (digits < 1 || digits > 2 || n < 1 || n > last)
			return 0;
	} else {
		n = read_number(&s, &digits);
		if (digits != 4 || n < YEAR_MIN || n > YEAR_MAX)
			return 0;
	}
	s = skip_blanks(s);
	if (!skip(&s, "年度"))
		skip(&s, "年");
	return *skip_blanks(s) ? 0 : base + n;
}

enum grammar_result grammar_plan_year(const struct plan *plan, const char *text, int *year)
{
	char buf[128];
	*year = 0;
	if (!fold_trim(text, buf, sizeof buf))
		return GRAMMAR_EMPTY;
	*year = grammar_year(text);
	if (!*year)
		return GRAMMAR_NOT_YEAR;
	return plan_year_index(plan, *year) < 0 ? GRAMMAR_YEAR_NOT_IN_PLAN : GRAMMAR_OK;
}

/* ---- review dates ------------------------------------------------------ */

/* A separator between the parts of a date: - / . or the kanji `unit`. */
static bool skip_date_sep(const char **s, const char *unit)
{
	if (**s == '-' || **s == '/' || **s == '.') {
		(*s)++;
		return true;
	}
	return skip(s, unit);
}

/* The year of a date: four digits, or an era year (H28, 平成28, 令和元). */
static int date_year(const char **s)
{
	int base = 0, last = 0, digits, n;
	if (skip(s, "H") || skip(s, "h") || skip(s, "平成")) {
		base = HEISEI_BASE;
		last = HEISEI_LAST;
	} else if (skip(s, "R") || skip(s, "r") || skip(s, "令和")) {
		base = REIWA_BASE;
		last = 99;
	}
	if (!base) {
		n = read_number(s, &digits);
		return digits == 4 ? n : 0;
	}
	*s = skip_blanks(*s);
	if (skip(s, "元"))
		return base + 1;
	n = read_number(s, &digits);
	return digits >= 1 && digits <= 2 && n >= 1 && n <= last ? base + n : 0;
}

int grammar_date(const char *text)
{
	char buf[128];
	if (!fold_trim(text, buf, sizeof buf))
		return 0;
	const char *s = buf;
	int year = date_year(&s), digits, day;
	if (year < YEAR_MIN || year > YEAR_MAX || !skip_date_sep(&s, "年"))
		return 0;
	int month = read_number(&s, &digits);
	int last = date_days_in_month(year, month);
	if (digits < 1 || digits > 2 || !last)
		return 0;
	if (skip(&s, "月末") || skip(&s, "末")) {          /* 3月末, H28.3末 */
		day = last;
	} else if (!skip_date_sep(&s, "月")) {
		return 0;
	} else {
		day = read_number(&s, &digits);
		if (digits < 1 || digits > 2)
			return 0;
		skip(&s, "日");
	}
	if (*skip_blanks(s) || day < 1 || day > last)
		return 0;
	return year * 10000 + month * 100 + day;
}

enum grammar_result grammar_review(const struct plan *plan, const char *text, int *review,
                                   int *date)
{
	char buf[256], label[256];
	*review = -1;
	*date = 0;
	if (!fold_trim(text, buf, sizeof buf))
		return GRAMMAR_EMPTY;
	*date = grammar_date(text);
	if (*date) {
		*review = plan_review_index(plan, *date);
		return *review >= 0 ? GRAMMAR_OK : GRAMMAR_DATE_NOT_REVIEW;
	}
	for (size_t r = 0; r < plan->n_reviews; r++) {
		if (!fold_trim(plan->reviews[r].label, label, sizeof label))
			continue;
		if (strcmp(buf, label) == 0) {
			*review = (int)r;
			return GRAMMAR_OK;
		}
	}
	return GRAMMAR_NOT_DATE;
}

/* ---- statuses ---------------------------------------------------------- */

/* The status whose letter is c, ASCII case ignored when exact is false;
 * -1 when none or (ignoring case) more than one. */
static int status_by_letter(const struct plan *plan, char c, bool exact)
{
	int found = -1;
	for (size_t i = 0; i < plan->n_statuses; i++) {
		char l = plan->statuses[i].letter;
		if (l == c || (!exact && lower((unsigned char)l) == lower((unsigned char)c))) {
			if (found >= 0)
				return -1;
			found = (int)i;
		}
	}
	return found;
}

enum grammar_result grammar_status(const struct plan *plan, const char *text, int *status)
{
	char buf[256];
	*status = -1;
	if (!fold_trim(text, buf, sizeof buf))
		return GRAMMAR_EMPTY;
	for (size_t i = 0; i < plan->n_statuses; i++)
		if (equal_ci(buf, plan->statuses[i].key))
			*status = (int)i;
	for (size_t i = 0; *status < 0 && i < plan->n_statuses; i++) {
		char label[256];
		grammar_fold(plan->statuses[i].label, label, sizeof label);
		if (strcmp(buf, label) == 0)
			*status = (int)i;
	}
	if (*status < 0 && buf[0] && !buf[1]) {
		*status = status_by_letter(plan, buf[0], true);
		if (*status < 0)
			*status = status_by_letter(plan, buf[0], false);
	}
	if (*status < 0) {
		const char *s = buf;
		int digits, n = read_number(&s, &digits);
		if (!*s && digits && digits <= 2 && n >= 1 && (size_t)n <= plan->n_statuses)
			*status = n - 1;
	}
	return *status >= 0 ? GRAMMAR_OK : GRAMMAR_NOT_STATUS;
}

/* ---- ratings ----------------------------------------------------------- */

/* The rating whose key is text ignoring ASCII case; -1 when none or more
 * than one. */
static int rating_by_key_ci(const struct plan *plan, const char *text)
{
	int found = -1;
	for (size_t i = 0; i < plan->n_rating_levels; i++)
		if (equal_ci(text, plan->rating_levels[i].key)) {
			if (found >= 0)
				return -1;
			found = (int)i;
		}
	return found;
}

/* The rating whose label (or description) reads as text after folding. */
static int rating_by_words(const struct plan *plan, const char *text, bool description)
{
	char buf[256];
	for (size_t i = 0; i < plan->n_rating_levels; i++) {
		const struct rating_level *lv = &plan->rating_levels[i];
		const char *words = description ? lv->description : lv->label;
		if (words && fold_trim(words, buf, sizeof buf) && strcmp(buf, text) == 0)
			return (int)i;
	}
	return -1;
}

enum grammar_result grammar_rating(const struct plan *plan, const char *text, int *level)
{
	char buf[256];
	*level = -1;
	if (!fold_trim(text, buf, sizeof buf))
		return GRAMMAR_EMPTY;
	for (size_t i = 0; *level < 0 && i < plan->n_rating_levels; i++)
		if (strcmp(buf, plan->rating_levels[i].key) == 0)
			*level = (int)i;
	if (*level < 0)
		*level = rating_by_key_ci(plan, buf);
	if (*level < 0)
		*level = rating_by_words(plan, buf, false);
	if (*level < 0)
		*level = rating_by_words(plan, buf, true);
	if (*level < 0) {
		const char *s = buf;
		int digits, n = read_number(&s, &digits);
		if (!*s && digits && digits <= 2 && n >= 1 && (size_t)n <= plan->n_rating_levels)
			*level = n - 1;
	}
	return *level >= 0 ? GRAMMAR_OK : GRAMMAR_NOT_RATING;
}

/* ---- items ------------------------------------------------------------- */

/* The indexes of an item of the plan. */
static void item_indexes(const struct plan *plan, const struct item *it, int *policy, int *item)
{
	for (size_t p = 0; p < plan->n_policies; p++) {
		const struct policy *pol = &plan->policies[p];
		if (pol->n_items && it >= pol->items && it < pol->items + pol->n_items) {
			*policy = (int)p;
			*item = (int)(it - pol->items);
			return;
		}
	}
}

/* Past a serial-number prefix ("No.", "No", "#", then blanks); s itself
 * when there is none. */
static const char *after_serial_prefix(const char *s)
{
	if (starts_with_ci(s, "no."))
		s += 3;
	else if (starts_with_ci(s, "no"))
		s += 2;
	else if (*s == '#')
		s++;
	return skip_blanks(s);
}

bool grammar_is_serial_prefix(const char *text)
{
	char buf[16];
	if (!fold_trim(text, buf, sizeof buf))
		return false;
	return buf[0] != '\0' && after_serial_prefix(buf) != buf && !*after_serial_prefix(buf);
}

enum grammar_result grammar_item(const struct plan *plan, const char *text, int *policy,
                                 int *item)
{
	char buf[256];
	*policy = *item = -1;
	if (!fold_trim(text, buf, sizeof buf))
		return GRAMMAR_EMPTY;
	const struct item *it = plan_find_item(plan, buf);
	if (!it && strcmp(buf, text) != 0)
		it = plan_find_item(plan, text);   /* an id that folding changed */
	if (it) {
		item_indexes(plan, it, policy, item);
		return GRAMMAR_OK;
	}
	const char *s = after_serial_prefix(buf);
	int digits, serial = read_number(&s, &digits);
	if (!digits || *s || serial <= 0)
		return GRAMMAR_NO_ITEM;
	for (size_t p = 0; p < plan->n_policies; p++)
		for (size_t i = 0; i < plan->policies[p].n_items; i++)
			if (plan->policies[p].items[i].serial == serial) {
				*policy = (int)p;
				*item = (int)i;
				return GRAMMAR_OK;
			}
	return GRAMMAR_NO_ITEM;
}
