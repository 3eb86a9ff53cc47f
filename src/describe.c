/* describe.c - words for what the core reports (see describe.h).
 *
 * Each section turns one module's codes into sentences.  Sentences are
 * whole format strings, so a translation can reorder their parts
 * (%1$s ... %2$s); the small phrases put into them (what was found, which
 * mapping) are translated on their own. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "i18n.h"
#include "utf8.h"

static void say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *buf, size_t size, const char *fmt, ...)
{
	if (!size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		buf[0] = '\0';
	else if ((size_t)n >= size)
		utf8_trim(buf);   /* cut: end on a whole character */
}

/* ==== load errors ======================================================= */

static const char *found_phrase(enum load_found f)
{
	switch (f) {
	case LOAD_FOUND_SCALAR:       return _("a scalar");
	case LOAD_FOUND_LIST:         return _("a list");
	case LOAD_FOUND_MAPPING:      return _("a mapping");
	case LOAD_FOUND_LIST_END:     return _("the end of a list");
	case LOAD_FOUND_MAPPING_END:  return _("the end of a mapping");
	case LOAD_FOUND_DOCUMENT:     return _("a second document");
	case LOAD_FOUND_DOCUMENT_END: return _("the end of the document");
	case LOAD_FOUND_FILE_END:     return _("the end of the file");
	default:                      return _("something else");
	}
}

/* What a value should have been (LOAD_EXPECTED_VALUE). */
static const char *want_phrase(enum load_want w)
{
	switch (w) {
	case LOAD_WANT_STRING:      return _("a string");
	case LOAD_WANT_NUMBER:      return _("a number");
	case LOAD_WANT_BOOLEAN:     return _("true or false");
	case LOAD_WANT_YEAR_LIST:   return _("a list of years");
	case LOAD_WANT_ITEM_LIST:   return _("a list of items");
	case LOAD_WANT_POLICY_LIST: return _("a list of policies");
	case LOAD_WANT_ENTRY_LIST:  return _("a list of yearly entries");
	case LOAD_WANT_REVIEW:      return _("a mapping {changed: [...]}");
	default:                    return _("a list");
	}
}

/* `item "4-3"`, or "an item" before its id was read. */
static void item_phrase(const char *id, char *buf, size_t size)
{
	if (id[0])
		say(buf, size, _("item \"%s\""), id);
	else
		say(buf, size, "%s", _("an item"));
}

/* The mapping an error about keys is in: "the plan", "status 2", ... */
static void place_phrase(const struct load_error *e, char *buf, size_t size)
{
	char item[96];
	item_phrase(e->id, item, sizeof item);
	switch (e->place) {
	case LOAD_IN_PLAN:        say(buf, size, "%s", _("the plan")); break;
	case LOAD_IN_STATUS:      say(buf, size, _("status %lu"), e->index); break;
	case LOAD_IN_EFFECTS_ROW: say(buf, size, "%s", _("an effects row")); break;
	case LOAD_IN_POLICY:      say(buf, size, "%s", _("a policy")); break;
	case LOAD_IN_ITEM:        say(buf, size, "%s", item); break;
	case LOAD_IN_INDICATOR:   say(buf, size, "%s", _("an indicator")); break;
	case LOAD_IN_REVIEW:      say(buf, size, "%s", _("a review")); break;
	case LOAD_IN_ENTRY:
		if (e->index)
			say(buf, size, _("entry %lu of %s"), e->index, item);
		else
			say(buf, size, "%s", _("a schedule entry"));
		break;
	case LOAD_IN_RATING_LEVEL: say(buf, size, _("rating %lu of \"ratings\""), e->index); break;
	case LOAD_IN_REVIEW_DATE:  say(buf, size, _("review date %lu"), e->index); break;
	case LOAD_IN_RATING:
		if (e->index)
			say(buf, size, _("rating %lu of %s"), e->index, item);
		else
			say(buf, size, "%s", _("a rating"));
		break;
	default:                  say(buf, size, "%s", _("the file")); break;
	}
}

/* Our words for libyaml's problem (load.h lists its texts). */
static const char *yaml_problem(enum load_yaml y)
{
	switch (y) {
	case LOAD_YAML_TAB:
		return _("a tab in the indentation (indent with spaces)");
	case LOAD_YAML_CANNOT_START_TOKEN:
		return _("this character cannot start a value (put the value in quotes)");
	case LOAD_YAML_TAB_INDENT:
		return _("a tab breaks the indentation here (indent with spaces)");
	case LOAD_YAML_BLOCK_TAB:
		return _("a tab in the indentation of a | or > text (indent with spaces)");
	case LOAD_YAML_NO_COLON:
		return _("a \":\" is missing after this key");
	case LOAD_YAML_SEQ_NOT_ALLOWED:
		return _("a list entry (\"- \") is not allowed here (check the indentation)");
	case LOAD_YAML_KEY_NOT_ALLOWED:
		return _("a key (\"? \") is not allowed here (check the indentation)");
	case LOAD_YAML_VALUE_NOT_ALLOWED:
		return _("a \":\" is not allowed here (put a value holding \": \" in quotes, "
		         "or check the indentation)");
	case LOAD_YAML_UNEXPECTED_COLON:
		return _("an unexpected \":\" (put the value in quotes)");
	case LOAD_YAML_END_OF_STREAM:
		return _("the file ends inside a quoted text (a closing quote is missing)");
	case LOAD_YAML_DOCUMENT_INDICATOR:
		return _("a document marker (--- or ...) inside a quoted text");
	case LOAD_YAML_UNKNOWN_ESCAPE:
		return _("an unknown escape (\\) in a text in double quotes");
	case LOAD_YAML_NO_HEX:
		return _("hexadecimal digits are missing after \\x, \\u or \\U");
	case LOAD_YAML_BAD_UNICODE_ESCAPE:
		return _("this escape names no valid character");
	case LOAD_YAML_ZERO_INDENT:
		return _("the indentation of a | or > text cannot be 0");
	case LOAD_YAML_NO_COMMENT_OR_BREAK:
		return _("only a comment or the end of the line may follow here");
	case LOAD_YAML_NO_ALNUM:
		return _("a name is missing after & or *");
	case LOAD_YAML_DIRECTIVE:
		return _("an invalid YAML directive (a line that starts with a percent sign)");
	case LOAD_YAML_TAG_SYNTAX:
		return _("an invalid tag (and tags are not allowed in a plan file)");
	case LOAD_YAML_NO_NODE:
		return _("a value is missing here");
	case LOAD_YAML_NO_DASH:
		return _("a list entry (\"- \") was expected here (check the indentation)");
	case LOAD_YAML_NO_KEY:
		return _("a key was expected here (check the indentation)");
	case LOAD_YAML_NO_COMMA_BRACKET:
		return _("a \",\" or \"]\" is missing in this [...] list");
	case LOAD_YAML_NO_COMMA_BRACE:
		return _("a \",\" or \"}\" is missing in this {...} mapping");
	case LOAD_YAML_NO_DOCUMENT_START:
		return _("a document start (---) was expected here");
	case LOAD_YAML_NO_STREAM_START:
		return _("the file cannot be read as YAML");
	case LOAD_YAML_CONTROL_CHARACTER:
		return _("a control character, which a plan file may not contain");
	case LOAD_YAML_ENCODING:
		return _("the text is not valid UTF-8");
	case LOAD_YAML_INPUT:
		return _("the file cannot be read");
	default:
		return _("the text is not valid YAML here");
	}
}

/* Where libyaml was: " (in the mapping that starts at line 3)". */
static void yaml_context(const struct load_error *e, char *buf, size_t size)
{
	long l = e->num[0];
	buf[0] = '\0';
	if (!l || l == (long)e->line || e->yaml == LOAD_YAML_TAB)   /* nothing to add */
		return;
	switch (e->yaml_context) {
	case LOAD_CTX_NONE:
	case LOAD_CTX_TOKEN:          break;
	case LOAD_CTX_SIMPLE_KEY:     say(buf, size, _(" (in the key at line %ld)"), l); break;
	case LOAD_CTX_QUOTED_SCALAR:  say(buf, size, _(" (in the quoted text from line %ld)"), l); break;
	case LOAD_CTX_BLOCK_SCALAR:   say(buf, size, _(" (in the | or > text from line %ld)"), l); break;
	case LOAD_CTX_ANCHOR:         say(buf, size, _(" (in the anchor or alias at line %ld)"), l); break;
	case LOAD_CTX_TAG:            say(buf, size, _(" (in the tag at line %ld)"), l); break;
	case LOAD_CTX_DIRECTIVE:      say(buf, size, _(" (in the directive at line %ld)"), l); break;
	case LOAD_CTX_BLOCK_LIST:     say(buf, size, _(" (in the list from line %ld)"), l); break;
	case LOAD_CTX_BLOCK_MAPPING:  say(buf, size, _(" (in the mapping from line %ld)"), l); break;
	case LOAD_CTX_FLOW_LIST:      say(buf, size, _(" (in the [...] list from line %ld)"), l); break;
	case LOAD_CTX_FLOW_MAPPING:   say(buf, size, _(" (in the {...} mapping from line %ld)"), l); break;
	default:                      say(buf, size, _(" (in the value from line %ld)"), l); break;
	}
}

/* The file as a whole: reading, encoding, YAML syntax, YAML features. */
static bool file_problem(const struct load_error *e, char *buf, size_t size)
{
	char ctx[128];
	switch (e->code) {
	case LOAD_NO_MEMORY:  say(buf, size, "%s", _("out of memory")); break;
	case LOAD_TOO_LARGE:  say(buf, size, _("the file is larger than %ld MiB"), e->num[0]); break;
	case LOAD_IO:         say(buf, size, "%s", describe_errno((int)e->num[0])); break;
	case LOAD_EMPTY:      say(buf, size, "%s", _("the file is empty")); break;
	case LOAD_BAD_UTF8:
		say(buf, size, _("invalid UTF-8 (byte 0x%02lx); a plan file must be UTF-8"),
		    (unsigned long)e->num[0]);
		break;
	case LOAD_SYNTAX:
		yaml_context(e, ctx, sizeof ctx);
		say(buf, size, "%s%s", yaml_problem(e->yaml), ctx);
		break;
	case LOAD_ALIAS:
		say(buf, size, _("aliases (*%s) are not allowed in a plan file"), e->text);
		break;
	case LOAD_ANCHOR:
		say(buf, size, _("anchors (&%s) are not allowed in a plan file"), e->text);
		break;
	case LOAD_TAG:
		say(buf, size, _("tags (%s) are not allowed in a plan file"), e->text);
		break;
	case LOAD_TOO_DEEP:   say(buf, size, _("nesting deeper than %ld levels"), e->num[0]); break;
	case LOAD_SECOND_DOCUMENT:
		say(buf, size, "%s", _("only one document is allowed in a plan file"));
		break;
	default:
		return false;
	}
	return true;
}

/* An element of a list (or the top, or a key) that is not what the
 * schema wants there. */
static void element_problem(const struct load_error *e, char *buf, size_t size)
{
	const char *found = found_phrase(e->found);
	char what[128];
	switch (e->want) {
	case LOAD_WANT_STREAM:
		say(buf, size, _("expected the start of the file, found %s"), found);
		break;
	case LOAD_WANT_DOCUMENT_END:
		say(buf, size, _("expected the end of the document after the plan, found %s"), found);
		break;
	case LOAD_WANT_TOP:
		say(buf, size, _("expected a mapping at the top (title, program, years, ...), "
		                 "found %s"), found);
		break;
	case LOAD_WANT_KEY:
		place_phrase(e, what, sizeof what);
		say(buf, size, _("expected a key in %s, found %s"), what, found);
		break;
	case LOAD_WANT_YEAR:
		say(buf, size, _("expected a year in \"years\", found %s"), found);
		break;
	case LOAD_WANT_STATUS:
		say(buf, size, _("expected a mapping {key, label} in \"statuses\", found %s"), found);
		break;
	case LOAD_WANT_EFFECTS_ROW:
		say(buf, size, _("expected a mapping in \"effects\", found %s"), found);
		break;
	case LOAD_WANT_POLICY:
		say(buf, size, _("expected a policy (a mapping), found %s"), found);
		break;
	case LOAD_WANT_ITEM:
		say(buf, size, _("expected an item (a mapping) in policy %s, found %s"), e->id, found);
		break;
	case LOAD_WANT_INDICATOR:
		item_phrase(e->id, what, sizeof what);
		say(buf, size, _("expected a mapping {name, target} in the indicators of %s, "
		                 "found %s"), what, found);
		break;
	case LOAD_WANT_WORD:
		say(buf, size, _("expected a word in \"changed\", found %s"), found);
		break;
	case LOAD_WANT_ENTRY:
		item_phrase(e->id, what, sizeof what);
		say(buf, size, _("expected a mapping {year, plan, status} in the schedule of %s, "
		                 "found %s"), what, found);
		break;
	case LOAD_WANT_RATING_LEVEL:
		say(buf, size, _("expected a mapping {key, label} in \"ratings\", found %s"), found);
		break;
	case LOAD_WANT_REVIEW_DATE:
		say(buf, size, _("expected a mapping {date, label} in \"reviews\", found %s"), found);
		break;
	case LOAD_WANT_RATING:
		item_phrase(e->id, what, sizeof what);
		say(buf, size, _("expected a mapping {date, rating} in the ratings of %s, found %s"),
		    what, found);
		break;
	default:
		say(buf, size, _("expected a string in \"%s\", found %s"), e->key ? e->key : "",
		    found);
		break;
	}
}

/* A value of the wrong kind, and keys missing, repeated or unknown. */
static bool value_problem(const struct load_error *e, char *buf, size_t size)
{
	const char *key = e->key ? e->key : "";
	char where[128];
	place_phrase(e, where, sizeof where);
	switch (e->code) {
	case LOAD_EXPECTED_VALUE:
		say(buf, size, _("expected %s for \"%s\", found %s"), want_phrase(e->want), key,
		    found_phrase(e->found));
		break;
	case LOAD_EXPECTED_ELEMENT: element_problem(e, buf, size); break;
	case LOAD_NOT_WHOLE_NUMBER:
		say(buf, size, _("expected a whole number for \"%s\", found \"%s\""), key, e->text);
		break;
	case LOAD_OUT_OF_RANGE:
		say(buf, size, _("\"%s\" must be between %ld and %ld, found %ld"), key, e->num[1],
		    e->num[2], e->num[0]);
		break;
	case LOAD_NOT_NUMBER:
		say(buf, size, _("expected a number for \"%s\", found \"%s\""), key, e->text);
		break;
	case LOAD_NOT_BOOLEAN:
		say(buf, size, _("expected true or false for \"%s\", found \"%s\""), key, e->text);
		break;
	case LOAD_NUL_CHARACTER:
		say(buf, size, _("a NUL character is not allowed in \"%s\""), key);
		break;
	case LOAD_DUPLICATE_KEY:
		say(buf, size, _("duplicate key \"%s\" in %s"), e->text, where);
		break;
	case LOAD_UNKNOWN_KEY:
		say(buf, size, _("unknown key \"%s\" in %s (expected one of: %s)"), e->text, where,
		    e->expected);
		break;
	case LOAD_MISSING_KEY:
		say(buf, size, _("%s has no \"%s\""), where, key);
		break;
	default:
		return false;
	}
	return true;
}

/* The plan's own vocabulary: years, statuses, sources, ratings, changes. */
static bool vocabulary_problem(const struct load_error *e, char *buf, size_t size)
{
	const char *key = e->key ? e->key : "";
	switch (e->code) {
	case LOAD_NOT_A_YEAR:
		say(buf, size, _("expected a year (%ld..%ld) in \"years\", found \"%s\""), e->num[1],
		    e->num[2], e->text);
		break;
	case LOAD_TOO_MANY:
		if (strcmp(key, "years") == 0)
			say(buf, size, _("more than %ld years"), e->num[0]);
		else if (strcmp(key, "statuses") == 0)
			say(buf, size, _("more than %ld statuses"), e->num[0]);
		else if (strcmp(key, "ratings") == 0)
			say(buf, size, _("more than %ld ratings in \"ratings\""), e->num[0]);
		else if (strcmp(key, "reviews") == 0)
			say(buf, size, _("more than %ld review dates"), e->num[0]);
		else
			say(buf, size, _("more than %ld items"), e->num[0]);
		break;
	case LOAD_YEARS_ORDER:
		say(buf, size, _("\"years\" must be in ascending order without repeats "
		                 "(%ld after %ld)"), e->num[0], e->num[1]);
		break;
	case LOAD_EMPTY_LIST:       say(buf, size, _("\"%s\" is empty"), key); break;
	case LOAD_BAD_STATUS_KEY:
		say(buf, size, _("status key \"%s\" must be lower-case ASCII letters, digits, "
		                 "_ or -"), e->text);
		break;
	case LOAD_BAD_STATUS_LETTER:
		say(buf, size, _("a status letter must be one ASCII character, found \"%s\""), e->text);
		break;
	case LOAD_DUPLICATE_STATUS: say(buf, size, _("duplicate status key \"%s\""), e->text); break;
	case LOAD_SHARED_LETTER:
		say(buf, size, _("statuses \"%s\" and \"%s\" share the letter %c"), e->text, e->text2,
		    (char)e->num[0]);
		break;
	case LOAD_UNKNOWN_STATUS:
		say(buf, size, _("unknown status \"%s\" (expected one of: %s)"), e->text, e->expected);
		break;
	case LOAD_UNKNOWN_SOURCE:
		say(buf, size, _("unknown source \"%s\" (expected one of: %s)"), e->text, e->expected);
		break;
	case LOAD_UNKNOWN_CHANGE:
		say(buf, size, _("unknown review change \"%s\" (expected one of: %s)"), e->text,
		    e->expected);
		break;
	case LOAD_CHANGE_TWICE:
		say(buf, size, _("review change \"%s\" is listed twice"), e->text);
		break;
	default:
		return false;
	}
	return true;
}

/* Items, policies and their schedules. */
static bool item_problem(const struct load_error *e, char *buf, size_t size)
{
	char item[96];
	item_phrase(e->id, item, sizeof item);
	switch (e->code) {
	case LOAD_NEW_INDICATORS:
		say(buf, size, _("new_indicators is set but \"indicators\" is not among the changes "
		                 "of %s"), item);
		break;
	case LOAD_DUPLICATE_YEAR:
		say(buf, size, _("duplicate year %ld in the schedule of %s (first at line %ld)"),
		    e->num[0], item, e->num[1]);
		break;
	case LOAD_DUPLICATE_ITEM:
		say(buf, size, _("duplicate item id \"%s\" (first at line %ld)"), e->text, e->num[0]);
		break;
	case LOAD_DUPLICATE_SERIAL: say(buf, size, _("duplicate serial number %ld"), e->num[0]); break;
	case LOAD_NO_DEPARTMENTS:   say(buf, size, _("%s lists no departments"), item); break;
	case LOAD_DUPLICATE_POLICY: say(buf, size, _("duplicate policy id \"%s\""), e->text); break;
	case LOAD_YEAR_NOT_IN_PLAN:
		if (e->key && strcmp(e->key, "review_year") == 0)
			say(buf, size, _("review_year %ld is not one of the plan's years (%ld-%ld)"),
			    e->num[0], e->num[1], e->num[2]);
		else
			say(buf, size, _("year %ld is not one of the plan's years (%ld-%ld)"),
			    e->num[0], e->num[1], e->num[2]);
		break;
	default:
		return false;
	}
	return true;
}

/* The review cycle: the rating vocabulary, review dates, ratings, effects. */
static bool cycle_problem(const struct load_error *e, char *buf, size_t size)
{
	char item[96];
	item_phrase(e->id, item, sizeof item);
	switch (e->code) {
	case LOAD_UNKNOWN_RATING:
		if (e->expected[0])
			say(buf, size, _("unknown rating \"%s\" (expected one of: %s)"), e->text,
			    e->expected);
		else
			say(buf, size, _("unknown rating \"%s\" (the plan has no \"ratings\" list of "
			                 "ratings)"), e->text);
		break;
	case LOAD_BAD_DATE:
		say(buf, size, _("expected a date such as \"2016-03-31\" for \"%s\", found \"%s\""),
		    e->key ? e->key : "", e->text);
		break;
	case LOAD_DATE_NOT_QUOTED:
		say(buf, size, _("write the date in quotes: \"%s\""), e->text);
		break;
	case LOAD_REVIEWS_ORDER:
		say(buf, size, _("\"reviews\" must be in ascending order of date without repeats "
		                 "(%s after %s)"), e->text, e->text2);
		break;
	case LOAD_NOT_A_REVIEW:
		if (e->expected[0])
			say(buf, size, _("%s is not one of the review dates (expected one of: %s)"),
			    e->text, e->expected);
		else
			say(buf, size, _("%s is not one of the review dates (the plan has no "
			                 "\"reviews\")"), e->text);
		break;
	case LOAD_DUPLICATE_RATING:
		say(buf, size, _("%s is rated twice at %s (first at line %ld)"), item, e->text,
		    e->num[0]);
		break;
	default:
		return false;
	}
	return true;
}

/* The review cycle's vocabulary and effects. */
static bool cycle_vocabulary_problem(const struct load_error *e, char *buf, size_t size)
{
	switch (e->code) {
	case LOAD_BAD_RATING_KEY:
		say(buf, size, _("rating key \"%s\" must be ASCII letters, digits, _ or -"), e->text);
		break;
	case LOAD_DUPLICATE_RATING_KEY:
		say(buf, size, _("duplicate rating key \"%s\""), e->text);
		break;
	case LOAD_OLD_RATING:
		say(buf, size, "%s", _("an item's \"rating\" is now a list of dated ratings: "
		                       "write ratings: [{date: \"2016-03-31\", rating: A}]"));
		break;
	case LOAD_UNKNOWN_BASIS:
		say(buf, size, _("unknown basis \"%s\" (expected one of: %s)"), e->text, e->expected);
		break;
	case LOAD_DUPLICATE_EFFECTS:
		say(buf, size, _("duplicate year %ld in \"effects\" (first at line %ld)"), e->num[0],
		    e->num[1]);
		break;
	default:
		return false;
	}
	return true;
}

const char *load_error_message(const struct load_error *err, char *buf, size_t size)
{
	char msg[512];
	if (!file_problem(err, msg, sizeof msg) && !value_problem(err, msg, sizeof msg) &&
	    !vocabulary_problem(err, msg, sizeof msg) && !item_problem(err, msg, sizeof msg) &&
	    !cycle_problem(err, msg, sizeof msg) && !cycle_vocabulary_problem(err, msg, sizeof msg))
		say(msg, sizeof msg, "%s", _("the file is not a valid plan"));
	if (err->at_end)
		say(buf, size, _("%s (the file may be cut off)"), msg);
	else
		say(buf, size, "%s", msg);
	return buf;
}

void load_error_format(const struct load_error *err, const char *file, char *buf, size_t size)
{
	char msg[640];
	load_error_message(err, msg, sizeof msg);
	if (err->line)
		say(buf, size, "%s:%lu:%lu: %s", file, err->line, err->col, msg);
	else
		say(buf, size, "%s: %s", file, msg);
}

/* ==== grammar errors ==================================================== */

void describe_year(int year, char *buf, size_t size)
{
	int h = fiscal_year_heisei(year);
	if (h)
		say(buf, size, _("FY%d (平成%d年度)"), year, h);
	else
		say(buf, size, _("FY%d"), year);
}

/* "FY2011-FY2015", or "none" for a plan without years. */
static void plan_years(const struct plan *plan, char *buf, size_t size)
{
	if (plan && plan->n_years)
		say(buf, size, _("FY%d-FY%d"), plan->years[0], plan->years[plan->n_years - 1]);
	else
		say(buf, size, "%s", _("none"));
}

/* "done, 完了, D, 3 ..." from the plan's first final status (or first). */
static void status_example(const struct plan *plan, char *buf, size_t size)
{
	size_t s = 0;
	for (size_t i = 0; i < plan->n_statuses; i++)
		if (plan->statuses[i].final) {
			s = i;
			break;
		}
	if (plan->n_statuses)
		say(buf, size, "%s, %s, %c, %zu", plan->statuses[s].key, plan->statuses[s].label,
		    plan->statuses[s].letter, s + 1);
	else
		buf[0] = '\0';
}

/* "A, 予定どおり, 2" from the plan's first rating that is not late (or
 * the first); "" for a plan without ratings. */
static void rating_example(const struct plan *plan, char *buf, size_t size)
{
	size_t l = 0;
	for (size_t i = plan->n_rating_levels; i > 0; i--)
		if (!plan->rating_levels[i - 1].late)
			l = i - 1;
	if (plan->n_rating_levels)
		say(buf, size, "%s, %s, %zu", plan->rating_levels[l].key, plan->rating_levels[l].label,
		    l + 1);
	else
		buf[0] = '\0';
}

/* What a review-date argument should look like, or why it names none
 * (grammar_review, and get's YEAR|DATE). */
static void describe_review_problem(enum grammar_result r, const struct plan *plan,
                                    const char *shown, int date, char *buf, size_t size)
{
	size_t n = plan ? plan->n_reviews : 0;
	const struct review_date *first = n ? &plan->reviews[0] : NULL;
	const struct review_date *last = n ? &plan->reviews[n - 1] : NULL;
	char d[32];
	if (r == GRAMMAR_NOT_YEAR_OR_DATE && !n)
		say(buf, size, _("\"%s\" is not a fiscal year (try 2013, FY2013, H25 or 平成25年度)"),
		    shown);
	else if (r == GRAMMAR_NOT_YEAR_OR_DATE)
		say(buf, size, _("\"%s\" is not a fiscal year or a review date (try 2013, FY2013, H25 "
		                 "or 平成25年度 for a year, %s or %s for a review date)"), shown,
		    last->date, last->label);
	else if (r == GRAMMAR_NOT_DATE && n)
		say(buf, size, _("\"%s\" is not a review date (try %s or %s)"), shown, last->date,
		    last->label);
	else if (r == GRAMMAR_NOT_DATE)
		say(buf, size, _("\"%s\" is not a review date (the plan has no review dates)"), shown);
	else if (n) {
		describe_date(date, d, sizeof d);
		say(buf, size, _("%s is not one of the plan's review dates (%s to %s)"), d,
		    first->date, last->date);
	} else {
		describe_date(date, d, sizeof d);
		say(buf, size, _("%s is not a review date (the plan has no review dates)"), d);
	}
}

void describe_grammar(enum grammar_result r, const struct plan *plan, const char *text,
                      int year, char *buf, size_t size)
{
	char shown[96], a[96], b[64];
	snprintf(shown, sizeof shown, "%s", text ? text : "");
	utf8_trim(shown);
	switch (r) {
	case GRAMMAR_OK:
		buf[0] = '\0';
		break;
	case GRAMMAR_EMPTY:
		say(buf, size, "%s", _("nothing was typed"));
		break;
	case GRAMMAR_NOT_YEAR:
		say(buf, size, _("\"%s\" is not a fiscal year (try 2013, FY2013, H25 or 平成25年度)"),
		    shown);
		break;
	case GRAMMAR_YEAR_NOT_IN_PLAN:
		describe_year(year, a, sizeof a);
		plan_years(plan, b, sizeof b);
		say(buf, size, _("%s is not in the plan (%s)"), a, b);
		break;
	case GRAMMAR_NOT_STATUS:
		status_example(plan, a, sizeof a);
		say(buf, size, _("unknown status \"%s\" (give a key, label, letter or number, "
		                 "such as %s)"), shown, a);
		break;
	case GRAMMAR_NO_ITEM:
		say(buf, size, _("no item \"%s\" in the plan (give an id such as 4-3 or a serial "
		                 "number such as 27)"), shown);
		break;
	case GRAMMAR_NOT_DATE:
	case GRAMMAR_DATE_NOT_REVIEW:
	case GRAMMAR_NOT_YEAR_OR_DATE:
		describe_review_problem(r, plan, shown, year, buf, size);
		break;
	case GRAMMAR_NOT_RATING:
		rating_example(plan, a, sizeof a);
		if (a[0])
			say(buf, size, _("unknown rating \"%s\" (give a key, label or number, such as "
			                 "%s)"), shown, a);
		else
			say(buf, size, _("unknown rating \"%s\" (the plan has no \"ratings\" list of "
			                 "ratings)"), shown);
		break;
	}
}

void describe_jump(const struct plan *plan, enum jump_status st, const struct jump *j,
                   char *buf, size_t size)
{
	char y[96];
	const struct item *it = j->policy >= 0 ? &plan->policies[j->policy].items[j->item] : NULL;
	switch (st) {
	case JUMP_OK:
		buf[0] = '\0';
		break;
	case JUMP_EMPTY:
		say(buf, size, "%s", _("type an item id such as 4-3 or a serial number such as 27, "
		                       "and optionally a year (4-3 2014, 4-3 H26)"));
		break;
	case JUMP_SYNTAX:
		say(buf, size, _("cannot read \"%s\": type an item and optionally a year, "
		                 "e.g. 4-3 H26"), j->what);
		break;
	case JUMP_UNKNOWN_ITEM:
		describe_grammar(GRAMMAR_NO_ITEM, plan, j->what, 0, buf, size);
		break;
	case JUMP_BAD_YEAR:
		describe_grammar(j->year ? GRAMMAR_YEAR_NOT_IN_PLAN : GRAMMAR_NOT_YEAR, plan, j->what,
		                 j->year, buf, size);
		break;
	case JUMP_NO_ENTRY:
		describe_year(j->year, y, sizeof y);
		say(buf, size, _("%s has no entry for %s"), it ? it->id : "?", y);
		break;
	}
}

/* ==== command-line words ================================================ */

const char *describe_missing(enum cli_arg arg)
{
	switch (arg) {
	case CLI_FILE:       return _("missing FILE (the plan file, such as plan.yaml)");
	case CLI_ITEM:       return _("missing ITEM (an item id such as 4-3, or a serial number "
	                              "such as 27)");
	case CLI_YEAR:       return _("missing YEAR (a fiscal year such as 2013, H25 or 平成25年度)");
	case CLI_STATUS:     return _("missing STATUS (a status such as done, 完了, D or 3)");
	case CLI_NOTE_TEXT:  return _("missing TEXT after --note");
	case CLI_PLAN_TEXT:  return _("missing TEXT after --plan");
	case CLI_DATE:       return _("missing DATE (a review date such as 2016-03-31 or "
	                              "平成28年3月末)");
	case CLI_RATING:     return _("missing RATING (a rating such as A, 予定どおり or 2)");
	case CLI_BASE:       return _("missing BASE (the common ancestor's version of the file)");
	case CLI_OURS:       return _("missing OURS (our version of the file, where the result "
	                              "goes)");
	case CLI_THEIRS:     return _("missing THEIRS (their version of the file)");
	default:             return _("missing DATE after --since (YYYY-MM-DD)");
	}
}

const char *describe_review_change(int bit)
{
	/* the same words as the item sheet's "Changes at the review" */
	static const char *const words[REVIEW_KINDS] = {
		N_("departments"), N_("content"), N_("years"),
		N_("effects"), N_("indicators"), N_("schedule"),
	};
	return bit >= 0 && bit < REVIEW_KINDS ? _(words[bit]) : "?";
}

/* ==== saving, reloading and the files beside the plan ================== */

/* ---- shared helpers ------------------------------------------------------ */

/* printf at the end of buf, never ending inside a character. */
__attribute__((format(printf, 3, 4)))
static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	if (used + 1 >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
	utf8_trim(buf);
}

/* ==== saving, reloading and the files beside the plan ==================== */

const char *describe_errno(int err)
{
	if (err == FILE_ENOTREG)
		return _("not a regular file (a FIFO, socket or device)");
	return strerror(err);
}

/* "alice" for a uid, or "uid 1001". */
static void user_name(unsigned long uid, char *buf, size_t size)
{
	const struct passwd *pw = getpwuid((uid_t)uid);
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "uid %lu", uid);
}

/* Why a file was refused before it was used. */
static void describe_refusal(const struct file_error *fe, char *buf, size_t size)
{
	char who[64];
	switch (fe->refusal) {
	case FILE_IS_SYMLINK:
		append(buf, size, _("%s is a symbolic link; plandash does not follow links for the "
		                    "files it keeps beside a plan"), fe->path);
		break;
	case FILE_NOT_REGULAR:
		append(buf, size, _("%s is not a regular file (a FIFO, socket, device or directory); "
		                    "refused"), fe->path);
		break;
	case FILE_FOREIGN:
		user_name(fe->owner, who, sizeof who);
		append(buf, size, _("%s belongs to %s, who cannot write the plan; refused"), fe->path,
		       who);
		break;
	case FILE_HARD_LINKED:
		append(buf, size, _("%s has other names (hard links), so it may be another file; "
		                    "refused"), fe->path);
		break;
	case FILE_TOO_LARGE:
		append(buf, size, _("%s is too large; refused"), fe->path);
		break;
	case FILE_ACCEPTED:
		break;
	}
}

void describe_lock_holder(const struct lock_holder *h, char *buf, size_t size)
{
	buf[0] = '\0';
	if (h->pid > 0 && h->user[0])
		append(buf, size, _("%s, process %ld"), h->user, h->pid);
	else if (h->pid > 0)
		append(buf, size, _("process %ld"), h->pid);
}

void describe_file_error(const struct file_error *fe, char *buf, size_t size)
{
	const char *p = fe->path, *why = describe_errno(fe->err);
	buf[0] = '\0';
	if (fe->refusal != FILE_ACCEPTED) {
		describe_refusal(fe, buf, size);
		return;
	}
	switch (fe->op) {
	case FILE_OP_LOCK:
		if (fe->err == EWOULDBLOCK)
			append(buf, size, _("another session is saving %s; try again"), p);
		else
			append(buf, size, _("cannot lock %s: %s"), p, why);
		break;
	case FILE_OP_CREATE_LOCK:
		append(buf, size, _("cannot create the lock file %s: %s"), p, why);
		break;
	case FILE_OP_READ:
		append(buf, size, _("cannot read %s: %s"), p, why);
		break;
	case FILE_OP_CREATE_TEMP:
		append(buf, size, _("cannot create a temporary file in %s: %s"), p, why);
		break;
	case FILE_OP_WRITE:
		append(buf, size, _("cannot write %s: %s"), p, why);
		break;
	case FILE_OP_FLUSH:
		append(buf, size, _("cannot flush %s to the disk: %s"), p, why);
		break;
	case FILE_OP_MODE:
		append(buf, size, _("cannot set the mode of %s: %s"), p, why);
		break;
	case FILE_OP_OWNER:
		append(buf, size, _("cannot set the owner of %s: %s"), p, why);
		break;
	case FILE_OP_BACKUP:
		append(buf, size, _("cannot keep the backup %s: %s"), p, why);
		break;
	case FILE_OP_RENAME:
		append(buf, size, _("cannot replace %s: %s"), p, why);
		break;
	case FILE_OP_FLUSH_DIR:
		append(buf, size, _("cannot flush the directory %s to the disk: %s"), p, why);
		break;
	case FILE_OP_APPEND:
		append(buf, size, _("cannot append to %s: %s"), p, why);
		break;
	case FILE_OP_OPEN_SIDE:
		append(buf, size, _("cannot open %s: %s"), p, why);
		break;
	case FILE_OP_XATTR:
		append(buf, size, _("cannot copy the extended attributes (ACLs) of %s: %s"), p, why);
		break;
	case FILE_OP_TRUNCATE:
		append(buf, size, _("cannot cut back %s: %s"), p, why);
		break;
	case FILE_OP_REMOVE:
		append(buf, size, _("cannot remove %s: %s"), p, why);
		break;
	case FILE_OP_NONE:
		append(buf, size, "%s: %s", p, why);
		break;
	}
}

/* At most max bytes of s, whole characters, with "..." when cut. */
static void shorten(const char *s, size_t max, char *out, size_t size)
{
	if (!s) {
		snprintf(out, size, "%s", _("(none)"));
		return;
	}
	if (strlen(s) <= max) {
		snprintf(out, size, "%s", s);
		return;
	}
	size_t n = 0;
	while (s[n]) {
		size_t l = utf8_seq_len((unsigned char)s[n]);
		if (n + l > max)
			break;
		n += l;
	}
	snprintf(out, size, "%.*s...", (int)n, s);
}

void describe_field_change(const char *item_id, int year, enum field field,
                           const char *before, const char *after, char *buf, size_t size)
{
	char b[64], a[64], d[16];
	shorten(before, 40, b, sizeof b);
	shorten(after, 40, a, sizeof a);
	buf[0] = '\0';
	field_year_format(field, year, d, sizeof d);
	if (field == FIELD_REVIEW)
		append(buf, size, _("review date %s: %s -> %s"), d, b, a);
	else if (field_is_dated(field))
		append(buf, size, _("%s %s %s: %s -> %s"), item_id, d, field_name(field), b, a);
	else
		append(buf, size, _("%s %d %s: %s -> %s"), item_id, year, field_name(field), b, a);
}

/* What a dated change is about: "the rating of 1-1 at 2016-03-31", "the
 * note of the rating of 1-1 at 2016-03-31", "the review date 2017-09-30". */
static void dated_phrase(const char *item_id, int year, enum field field, char *buf,
                         size_t size)
{
	char d[16];
	field_year_format(field, year, d, sizeof d);
	buf[0] = '\0';
	if (field == FIELD_RATING)
		append(buf, size, _("the rating of %s at %s"), item_id, d);
	else if (field == FIELD_RATING_NOTE)
		append(buf, size, _("the note of the rating of %s at %s"), item_id, d);
	else
		append(buf, size, _("the review date %s"), d);
}

/* describe_splice_error for a rating, a rating note or a review date. */
static bool dated_splice_error(const struct splice_error *e, char *buf, size_t size)
{
	char what[160];
	if (!field_is_dated(e->field))
		return false;
	dated_phrase(e->item_id, e->year, e->field, what, sizeof what);
	switch (e->code) {
	case SPLICE_NOT_IN_FILE:
		append(buf, size, _("%s is not in the file"), what);
		return true;
	case SPLICE_BLOCK_SCALAR:
		append(buf, size, _("%s is a block scalar (| or >) at line %u; edit it by hand"), what,
		       e->line);
		return true;
	case SPLICE_CANNOT_RENDER:
		append(buf, size, _("cannot write %s as YAML"), what);
		return true;
	case SPLICE_VALUE_DIFFERS:
		append(buf, size, _("%s would read back as \"%s\" instead of \"%s\""), what,
		       e->got_absent ? _("(none)") : e->got, e->want_absent ? _("(none)") : e->want);
		return true;
	case SPLICE_NO_PLACE:
		append(buf, size, _("%s has no known place in the file to go; add it by hand"), what);
		return true;
	case SPLICE_CANNOT_REMOVE:
		append(buf, size, _("%s cannot be taken out of the file at line %u: it is not one "
		                    "simple element of its list; edit it by hand"), what, e->line);
		return true;
	default:
		return false;
	}
}

void describe_splice_error(const struct splice_error *e, char *buf, size_t size)
{
	const char *f = field_name(e->field);
	char d[16];
	buf[0] = '\0';
	if (dated_splice_error(e, buf, size))
		return;
	switch (e->code) {
	case SPLICE_OK:
	case SPLICE_NO_MEMORY:
		append(buf, size, "%s", _("out of memory"));
		break;
	case SPLICE_NOT_IN_FILE:
		append(buf, size, _("%s %d is not in the file"), e->item_id, e->year);
		break;
	case SPLICE_BLOCK_SCALAR:
		append(buf, size, _("the %s of %s %d is a block scalar (| or >) at line %u; "
		                    "edit it by hand"), f, e->item_id, e->year, e->line);
		break;
	case SPLICE_CANNOT_RENDER:
		append(buf, size, _("cannot write the %s of %s %d as YAML"), f, e->item_id, e->year);
		break;
	case SPLICE_WOULD_NOT_LOAD: {
		char why[512];

		append(buf, size, _("the result would not load (%lu:%lu: %s)"), e->load.line,
		       e->load.col, load_error_message(&e->load, why, sizeof why));
		break;
	}
	case SPLICE_SHAPE:
		append(buf, size, "%s", _("the saved file has a different shape"));
		break;
	case SPLICE_POLICY_DIFFERS:
		append(buf, size, _("policy %s reads back differently"), e->item_id);
		break;
	case SPLICE_ITEM_DIFFERS:
		append(buf, size, _("item %s reads back differently"), e->item_id);
		break;
	case SPLICE_YEAR_DIFFERS:
		append(buf, size, _("item %s year %d reads back differently"), e->item_id, e->year);
		break;
	case SPLICE_VALUE_DIFFERS:
		append(buf, size, _("the %s of %s %d would read back as \"%s\" instead of \"%s\""),
		       f, e->item_id, e->year,
		       e->got_absent ? _("(none)") : e->got, e->want_absent ? _("(none)") : e->want);
		break;
	case SPLICE_ITEM_TEXT:
		append(buf, size, _("item %s: cannot find its text"), e->item_id);
		break;
	case SPLICE_ITEM_WOULD_NOT_LOAD: {
		char why[512];

		append(buf, size, _("item %s would not load (%s)"), e->item_id,
		       load_error_message(&e->load, why, sizeof why));
		break;
	}
	case SPLICE_NO_PLACE:
	case SPLICE_CANNOT_REMOVE:   /* only dated changes (dated_splice_error) */
		append(buf, size, _("cannot write the %s of %s %d as YAML"), f, e->item_id, e->year);
		break;
	case SPLICE_REVIEW_ORDER:
		field_year_format(FIELD_REVIEW, e->year, d, sizeof d);
		append(buf, size, _("the new review date %s is not after the file's last review date "
		                    "%s"), d, e->want);
		break;
	}
}

void describe_save_error(const struct save_error *e, const char *path, char *buf, size_t size)
{
	char why[PATH_MAX + 1024];
	buf[0] = '\0';
	switch (e->code) {
	case SAVE_E_NONE:
	case SAVE_E_NO_MEMORY:
		append(buf, size, "%s", _("cannot save: out of memory"));
		break;
	case SAVE_E_LOCK_BUSY:
	case SAVE_E_LOCK_GAVE_UP:
		describe_lock_holder(&e->holder, why, sizeof why);
		if (e->code == SAVE_E_LOCK_GAVE_UP)
			append(buf, size, _("cannot save: gave up waiting for another session to save %s"),
			       e->file.path);
		else
			append(buf, size, _("cannot save: another session is saving %s; try again"),
			       e->file.path);
		if (why[0])
			append(buf, size, " (%s)", why);
		break;
	case SAVE_E_FILE:
		describe_file_error(&e->file, why, sizeof why);
		append(buf, size, _("cannot save: %s"), why);
		break;
	case SAVE_E_THEIRS_BROKEN:
		load_error_format(&e->load, path, why, sizeof why);
		append(buf, size, _("%s was changed by someone else and no longer loads (%s)"), path,
		       why);
		break;
	case SAVE_E_ENTRY_GONE:
		if (field_is_dated(e->splice.field))   /* a rating's item */
			append(buf, size, _("item %s was removed from %s by someone else"),
			       e->splice.item_id, path);
		else
			append(buf, size, _("%s %d was removed from %s by someone else"),
			       e->splice.item_id, e->splice.year, path);
		break;
	case SAVE_E_STATUS_GONE:
		if (field_is_dated(e->splice.field)) {
			field_year_format(e->splice.field, e->splice.year, why, sizeof why);
			append(buf, size, _("the rating %s of %s at %s is no longer in the rating "
			                    "vocabulary of %s"), e->splice.want, e->splice.item_id, why,
			       path);
		} else {
			append(buf, size, _("the status %s of %s %d is no longer in the vocabulary of "
			                    "%s"), e->splice.want, e->splice.item_id, e->splice.year, path);
		}
		break;
	case SAVE_E_SPLICE:
		describe_splice_error(&e->splice, why, sizeof why);
		append(buf, size, _("refusing to save: %s"), why);
		break;
	case SAVE_E_CHANGED:
		append(buf, size, _("%s changed on disk while the conflicts were being chosen; "
		                    "open it again"), path);
		break;
	case SAVE_E_REFUSED:
		append(buf, size, _("refusing to save: %s changed on disk and %s is no longer among "
		                    "the items you may change (undo the edit of %s %d)"), path,
		       e->splice.item_id, e->splice.item_id, e->splice.year);
		break;
	}
}

static void describe_saved(const struct save_report *r, char *buf, size_t size)
{
	char why[PATH_MAX + 1024];
	if (r->written == 0) {
		append(buf, size, "%s", _("nothing to save"));
		return;
	}
	append(buf, size, ngettext("saved %zu change", "saved %zu changes", r->written), r->written);
	if (r->merged)
		append(buf, size, ngettext("; merged %zu change from another session",
		                           "; merged %zu changes from another session", r->merged),
		       r->merged);
	if (r->warning != SAVE_WARN_NONE) {
		describe_file_error(&r->warning_file, why, sizeof why);
		append(buf, size, _(" (but %s)"), why);
	}
	describe_commit(&r->commit, why, sizeof why);
	if (why[0])
		append(buf, size, "; %s", why);
}

void describe_save(const struct save_report *r, enum save_status st, const char *path,
                   bool edits_kept, char *buf, size_t size)
{
	buf[0] = '\0';
	switch (st) {
	case SAVE_OK:
		describe_saved(r, buf, size);
		return;
	case SAVE_CONFLICT:
		append(buf, size, ngettext("%zu field was changed both here and by another session; "
		                           "choose which to keep",
		                           "%zu fields were changed both here and by another session; "
		                           "choose which to keep", r->n_conflicts), r->n_conflicts);
		return;
	case SAVE_FAILED:
		describe_save_error(&r->error, path, buf, size);
		if (edits_kept)
			append(buf, size, "%s", _("; your edits are kept"));
		return;
	}
}

static void describe_reload_failed(const struct reload_report *r, const char *path,
                                   char *buf, size_t size)
{
	char where[PATH_MAX + 512];
	switch (r->error) {
	case RELOAD_E_READ:
		append(buf, size, _("cannot read %s: %s; showing the plan as loaded before"), path,
		       describe_errno(r->err));
		break;
	case RELOAD_E_BROKEN:
		load_error_format(&r->load, path, where, sizeof where);
		append(buf, size, _("%s changed on disk but does not load (%s); showing the plan as "
		                    "loaded before"), path, where);
		break;
	case RELOAD_E_NONE:
	case RELOAD_E_NO_MEMORY:
		append(buf, size, "%s", _("out of memory while reloading; showing the plan as "
		                          "loaded before"));
		break;
	}
}

/* Their changes: the count and the first two. */
static void describe_their_changes(const struct reload_report *r, char *buf, size_t size)
{
	char line[200];
	if (!r->n_changes) {
		append(buf, size, "%s", _("the file changed on disk (no status, plan or note changed)"));
		return;
	}
	append(buf, size, ngettext("another session changed %zu field: ",
	                           "another session changed %zu fields: ", r->n_changes),
	       r->n_changes);
	for (size_t i = 0; i < r->n_changes && i < 2; i++) {
		const struct field_change *c = &r->changes[i];
		describe_field_change(c->item_id, c->year, c->field, c->before, c->after, line,
		                      sizeof line);
		append(buf, size, "%s%s", i ? "; " : "", line);
	}
	if (r->n_changes > 2)
		append(buf, size, _("; and %zu more"), r->n_changes - 2);
}

void describe_reload(const struct reload_report *r, enum reload_status st, const char *path,
                     char *buf, size_t size)
{
	char line[200];
	buf[0] = '\0';
	if (st == RELOAD_UNCHANGED) {
		append(buf, size, "%s", _("the file is unchanged"));
		return;
	}
	if (st == RELOAD_FAILED) {
		describe_reload_failed(r, path, buf, size);
		return;
	}
	describe_their_changes(r, buf, size);
	if (r->entries_added || r->entries_removed)
		append(buf, size, ngettext("; %zu entry added, %zu removed",
		                           "; %zu entries added, %zu removed", r->entries_added),
		       r->entries_added, r->entries_removed);
	if (r->n_conflicts) {
		const struct conflict *c = &r->conflicts[0];
		describe_field_change(c->item_id, c->year, c->field, c->theirs, c->ours, line,
		                      sizeof line);
		append(buf, size, ngettext("; %zu of your edits conflicts (yours kept): %s",
		                           "; %zu of your edits conflict (yours kept): %s",
		                           r->n_conflicts), r->n_conflicts, line);
		if (r->n_conflicts > 1)
			append(buf, size, "%s", "; ...");
	}
	if (r->n_lost)
		append(buf, size, _("; %zu of your edits were lost: their entries are gone"), r->n_lost);
	if (r->kept)
		append(buf, size, ngettext("; your %zu unsaved edit is kept",
		                           "; your %zu unsaved edits are kept", r->kept), r->kept);
}

void describe_recovery_reject(const struct recovery_reject *r, char *buf, size_t size)
{
	char d[32];
	buf[0] = '\0';
	append(buf, size, _("line %zu: "), r->line);
	switch (r->problem) {
	case RECOVERY_MALFORMED:
		append(buf, size, "%s", _("not a line plandash writes"));
		break;
	case RECOVERY_BAD_UTF8:
		append(buf, size, "%s", _("not valid UTF-8"));
		break;
	case RECOVERY_BAD_FIELD:
		append(buf, size, "%s", _("not a field plandash edits (status, plan, note, rating, "
		                          "rating_note or review)"));
		break;
	case RECOVERY_BAD_YEAR:
		append(buf, size, "%s", _("not a year"));
		break;
	case RECOVERY_BAD_DATE:
		append(buf, size, "%s", _("not a date (YYYY-MM-DD)"));
		break;
	case RECOVERY_NO_REVIEW:
		describe_date(r->year, d, sizeof d);
		append(buf, size, _("%s is not one of the plan's review dates"), d);
		break;
	case RECOVERY_NO_RATING:
		describe_date(r->year, d, sizeof d);
		append(buf, size, _("the rating of %s at %s is not in the plan's rating vocabulary"),
		       r->item_id, d);
		break;
	case RECOVERY_REVIEW_ORDER:
		describe_date(r->year, d, sizeof d);
		append(buf, size, _("the review date %s does not come after the plan's last one"), d);
		break;
	case RECOVERY_NO_ITEM:
		append(buf, size, _("the plan has no item %s"), r->item_id);
		break;
	case RECOVERY_NO_YEAR:
		append(buf, size, _("item %s has no entry for %d"), r->item_id, r->year);
		break;
	case RECOVERY_NO_STATUS:
		append(buf, size, _("the status of %s %d is not in the plan's vocabulary"),
		       r->item_id, r->year);
		break;
	case RECOVERY_NO_PLAN_TEXT:
		append(buf, size, _("the plan text of %s %d cannot be removed"), r->item_id, r->year);
		break;
	}
}

/* ==== the review cycle: ratings and consistency warnings ================ */

void describe_date(int ymd, char *buf, size_t size)
{
	say(buf, size, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* "2016-03-31 (平成28年3月末)": a review date and its label. */
static void review_phrase(const struct plan *plan, int review, char *buf, size_t size)
{
	const struct review_date *rd = &plan->reviews[review];
	say(buf, size, "%s (%s)", rd->date, rd->label);
}

void describe_not_rated(const struct plan *plan, const struct item *it, int review,
                        char *buf, size_t size)
{
	char when[160], item[96];
	review_phrase(plan, review, when, sizeof when);
	item_phrase(it->id, item, sizeof item);
	say(buf, size, _("%s was not rated at %s"), item, when);
}

/* A status for people: its label in Japanese, its key otherwise (as the
 * --check summary names them). */
static const char *status_word(const struct plan *plan, int status)
{
	const struct status *st = &plan->statuses[status];
	return i18n_is_japanese() ? st->label : st->key;
}

/* (c): a rating that contradicts the yearly statuses. */
static void lint_rating_words(const struct plan *plan, const struct lint_warning *w,
                              const char *item, char *buf, size_t size)
{
	char when[160], y[96], y2[96];
	review_phrase(plan, w->review, when, sizeof when);
	describe_year(w->year, y, sizeof y);
	const char *rating = plan->rating_levels[w->level].key;
	if (w->code == LINT_GOOD_WHILE_LATE) {
		say(buf, size, _("%s is rated %s at %s, but its entry for %s, which ended before "
		                 "that date, is %s"), item, rating, when, y, status_word(plan, w->status));
		return;
	}
	describe_year(w->other_year, y2, sizeof y2);
	if (w->other_year == w->year)
		say(buf, size, _("%s is rated %s (behind schedule) at %s, but its only entry up to "
		                 "that date, %s, is finished"), item, rating, when, y);
	else
		say(buf, size, _("%s is rated %s (behind schedule) at %s, but all its entries up to "
		                 "that date, %s to %s, are finished"), item, rating, when, y2, y);
}

void describe_lint(const struct plan *plan, const struct lint_warning *w, char *buf,
                   size_t size)
{
	const struct item *it = &plan->policies[w->policy].items[w->item];
	char item[96], y[96], y2[96];
	item_phrase(it->id, item, sizeof item);
	describe_year(w->year, y, sizeof y);
	switch (w->code) {
	case LINT_FINAL_AFTER_OPEN:
		describe_year(w->other_year, y2, sizeof y2);
		say(buf, size, _("%s: %s is %s, a final status, while the earlier %s is still %s"),
		    item, y, status_word(plan, w->status), y2, status_word(plan, w->other_status));
		break;
	case LINT_FINAL_AHEAD:
		describe_year(w->other_year, y2, sizeof y2);
		say(buf, size, _("%s: %s is already %s, after the current fiscal year %s"), item, y,
		    status_word(plan, w->status), y2);
		break;
	case LINT_GOOD_WHILE_LATE:
	case LINT_LATE_WHILE_FINAL:
		lint_rating_words(plan, w, item, buf, size);
		break;
	default:
		say(buf, size, _("%s was revised at the review with a new schedule, but has no entry "
		                 "for %s"), item, y);
		break;
	}
}

void lint_warning_format(const struct plan *plan, const struct lint_warning *w,
                         const char *file, char *buf, size_t size)
{
	char msg[640];
	describe_lint(plan, w, msg, sizeof msg);
	say(buf, size, _("%s:%lu:%lu: warning: %s"), file, (unsigned long)w->line,
	    (unsigned long)w->col, msg);
}

/* ==== reports: the words of a report and of its file ==================== */

/* The headings and the phrases around a value. */
static void report_phrases(struct report_words *w)
{
	/* TRANSLATORS: Japanese era fiscal year, short: 平成%d年度 */
	report_phrase_set(&w->era_year, _("Heisei %d"));
	/* TRANSLATORS: a policy number, e.g. 方針4 */
	report_phrase_set(&w->policy, _("Policy %s"));
	/* TRANSLATORS: a report's title; %s is the plan's title and programme */
	report_phrase_set(&w->title, _("%s: progress report"));
	/* TRANSLATORS: under a report's title; %s is the review date (Japanese:
	 * its label, 平成29年3月末) */
	report_phrase_set(&w->as_of, _("As of %s"));
	/* TRANSLATORS: %s is "12 / 62 (...)": the items covered, of all */
	report_phrase_set(&w->scope, _("Items in this report: %s"));
	report_phrase_set(&w->department, _("department %s"));
	report_phrase_set(&w->statuses, _("status %s"));
	report_phrase_set(&w->filter_year, _("with an entry in %s"));
	/* TRANSLATORS: the filter "overdue": not finished in a year before %s */
	report_phrase_set(&w->overdue, _("overdue before %s"));
	/* TRANSLATORS: the filter "rated": %s lists rating levels, e.g. B or S・A */
	report_phrase_set(&w->rated, _("rated %s at the review date"));
	report_phrase_set(&w->rating_down, _("rated lower than at %s"));
	report_phrase_set(&w->ratings_at, _("Ratings at %s"));
	report_phrase_set(&w->change_since, _("Change since %s"));
	/* TRANSLATORS: %s is the late rating, B */
	report_phrase_set(&w->behind, _("Items rated %s (behind schedule)"));
	/* TRANSLATORS: %s is a fiscal year, 平成25年度 */
	report_phrase_set(&w->statuses_in, _("Statuses in %s"));
	report_phrase_set(&w->changes_since, _("Changes saved since %s"));
	report_phrase_set(&w->rating_at, _("Rating (%s)"));
	report_phrase_set(&w->status_in, _("Status (%s)"));
	report_phrase_set(&w->note_in, _("Note (%s)"));
	/* TRANSLATORS: a fiscal year whose 効果額 are budget figures (予算ベース) */
	report_phrase_set(&w->budget_year, _("%s (budget basis)"));
}

/* The column names. */
static void report_columns(struct report_words *w)
{
	w->col_policy = _("Policy");
	/* TRANSLATORS: a column: how many items (項目数) */
	w->col_items = _("Number of items");
	w->col_year = _("Fiscal year");
	/* TRANSLATORS: 効果額, the financial effect of a year */
	w->col_effect = _("Effect");
	/* TRANSLATORS: 歳入確保 */
	w->col_revenue = _("Revenue raised");
	/* TRANSLATORS: 歳出削減 */
	w->col_savings = _("Spending cut");
	/* TRANSLATORS: 増減, against the previous row or review */
	w->col_change = _("Increase or decrease");
	/* TRANSLATORS: 累計 */
	w->col_cumulative = _("Running total");
	w->col_id = _("ID");
	/* TRANSLATORS: the city's serial number of an item */
	w->col_serial = _("No.");
	w->col_title = _("Item");
	w->col_departments = _("Departments");
	w->col_time = _("Saved at");
	w->col_user = _("Saved by");
	/* TRANSLATORS: which field a change changed: status, plan or note */
	w->col_field = _("Field");
	w->col_before = _("Before");
	w->col_after = _("After");
	w->col_no_entry = _("No entry");
	w->field_status = _("status");
	w->field_plan = _("plan");
	w->field_note = _("note");
}

void describe_report_words(struct report_words *w)
{
	memset(w, 0, sizeof *w);
	w->japanese = i18n_is_japanese();
	report_phrases(w);
	report_columns(w);
	w->revised = _("revised at the review");
	/* TRANSLATORS: between the terms of a list (Japanese: 、) */
	w->separator = _(", ");
	w->total = _("Total");
	w->effects = _("Financial effect (million yen)");
	w->budget_note = _("Budget basis: budget figures, not the settled accounts.");
	w->item_list = _("All items");
	w->changes_all = _("Changes saved");
	w->no_change = _("No change was saved in this period.");
	w->nothing = _("None.");
	w->no_reviews = _("The plan has no review dates, so there are no ratings.");
	w->none = _("(none)");
}

const char *describe_report_format(enum report_format f)
{
	switch (f) {
	case REPORT_CSV:  return "CSV";
	case REPORT_HTML: return "HTML";
	case REPORT_JSON: return "JSON";
	default:          return "Markdown";
	}
}

void describe_export_check(enum export_check c, const char *path, char *buf, size_t size)
{
	switch (c) {
	case EXPORT_OK:
		say(buf, size, "%s", "");
		break;
	case EXPORT_IS_PLAN:
		say(buf, size, _("refusing to write a report over the plan itself (%s)"), path);
		break;
	case EXPORT_IS_SIDE_FILE:
		say(buf, size, _("refusing to write a report over %s, a file plandash keeps beside "
		                 "the plan"), path);
		break;
	case EXPORT_NO_NAME:
		say(buf, size, _("\"%s\" names no file for the report"), path);
		break;
	}
}

/* ==== git: commits, the merge driver, conflict markers ================== */

void describe_commit(const struct vcs_result *r, char *buf, size_t size)
{
	const char *cmd = r->command[0] ? r->command : "?";
	buf[0] = '\0';
	switch (r->status) {
	case VCS_OFF:
	case VCS_UNCHANGED:
		break;
	case VCS_COMMITTED:
		append(buf, size, _("committed as %.7s"), r->commit[0] ? r->commit : "?");
		break;
	case VCS_NOT_REPO:
		append(buf, size, "%s", _("not committed: the file is not in a git work tree"));
		break;
	case VCS_NO_GIT:
		append(buf, size, _("not committed: git cannot be run (%s)"), strerror(r->err));
		break;
	case VCS_MERGING:
		append(buf, size, "%s", _("not committed: a git merge is in progress (finish it "
		                          "with git commit)"));
		break;
	case VCS_REBASING:
		append(buf, size, "%s", _("not committed: a git rebase is in progress"));
		break;
	case VCS_PICKING:
		append(buf, size, "%s", _("not committed: a git cherry-pick or revert is in progress"));
		break;
	case VCS_DETACHED:
		append(buf, size, "%s", _("not committed: git's HEAD is detached (not on a branch)"));
		break;
	case VCS_FAILED:
		append(buf, size, _("not committed: git %s failed (exit %d): %s"), cmd, r->exit_status,
		       r->message[0] ? r->message : "?");
		break;
	case VCS_TIMED_OUT:
		append(buf, size, _("not committed: git %s took longer than %d s and was stopped"), cmd,
		       VCS_TIMEOUT_MS / 1000);
		break;
	case VCS_INDEX_STALE:
		append(buf, size, _("committed as %.7s, but git's index could not be updated (git %s: "
		                    "%s); run git status"), r->commit[0] ? r->commit : "?", cmd,
		       r->message[0] ? r->message : "?");
		break;
	case VCS_NO_MEMORY:
		append(buf, size, _("not committed: %s"), strerror(r->err));
		break;
	}
}

/* A value for a commit message, on one line: a status by its label in
 * Japanese and its key otherwise (as --check names them), "(none)" for an
 * absent note; control characters as \xNN; cut to max bytes with "..."
 * (0: whole).  Written at the end of f. */
static void put_value(FILE *f, const struct plan *plan, enum field field, const char *v,
                      size_t max)
{
	char cut[160];
	if (!v) {
		fputs(_("(none)"), f);
		return;
	}
	if (field == FIELD_STATUS) {
		int s = plan_status_index(plan, v);
		if (s >= 0 && i18n_is_japanese())
			v = plan->statuses[s].label;
	}
	if (!*v) {
		fputs(_("(empty)"), f);
		return;
	}
	if (max) {
		shorten(v, max, cut, sizeof cut);
		v = cut;
	}
	for (const unsigned char *u = (const unsigned char *)v; *u; u++)
		if (*u < 0x20 || *u == 0x7F)
			fprintf(f, "\\x%02x", *u);
		else
			fputc(*u, f);
}

/* "1-3 平成25年度: 実施中 -> 完了", "1-3 FY2013 note: (none) -> ...". */
static void put_change(FILE *f, const struct plan *plan, const struct change *c, size_t max)
{
	int heisei = fiscal_year_heisei(c->year);
	char year[64];
	if (field_is_dated(c->field))   /* "1-3 2016-03-31 rating", "review date 2016-09-30" */
		field_year_format(c->field, c->year, year, sizeof year);
	else if (i18n_is_japanese() && heisei)
		snprintf(year, sizeof year, _("Heisei %d"), heisei);
	else
		snprintf(year, sizeof year, "FY%d", c->year);
	if (c->field == FIELD_REVIEW)
		fprintf(f, "%s %s", describe_field_word(c->field), year);
	else
		fprintf(f, "%s %s", c->item_id, year);
	if (c->field == FIELD_RATING || c->field == FIELD_RATING_NOTE)
		fprintf(f, " %s", describe_field_word(c->field));
	else if (c->field != FIELD_STATUS && c->field != FIELD_REVIEW)
		fprintf(f, " %s", c->field == FIELD_PLAN ? _("plan") : _("note"));
	fputs(": ", f);
	put_value(f, plan, c->field, c->base, max);
	fputs(" -> ", f);
	put_value(f, plan, c->field, c->value, max);
}

char *describe_commit_message(const struct plan *plan, const struct change *c, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	if (!n)
		fputs(_("plandash: no value changed"), f);
	else
		put_change(f, plan, &c[0], 40);
	if (n > 1)
		/* TRANSLATORS: after the first change of a commit's summary line */
		fprintf(f, _(" and %zu more changes"), n - 1);
	fputs("\n", f);
	if (n)
		fputs("\n", f);
	for (size_t i = 0; i < n; i++) {
		put_change(f, plan, &c[i], 0);
		fputs("\n", f);
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

void describe_conflict(const struct conflict *c, char *buf, size_t size)
{
	char o[64], t[64], b[64];
	shorten(c->ours, 40, o, sizeof o);
	shorten(c->theirs, 40, t, sizeof t);
	shorten(c->base, 40, b, sizeof b);
	buf[0] = '\0';
	if (field_is_dated(c->field)) {   /* "1-1 2016-03-31 rating: ours ..." */
		char d[16];
		field_year_format(c->field, c->year, d, sizeof d);
		append(buf, size, _("%s %s %s: ours %s, theirs %s, base %s"),
		       *c->item_id ? c->item_id : "-", d, field_name(c->field), o, t, b);
		return;
	}
	append(buf, size, _("%s %d %s: ours %s, theirs %s, base %s"), c->item_id, c->year,
	       field_name(c->field), o, t, b);
}

static const char *version_name(int side)
{
	return side == 0 ? _("the base version") : side == 1 ? _("our version")
	                                                     : _("their version");
}

void describe_merge_way(const struct mergefile_result *r, char *buf, size_t size)
{
	char why[512];
	buf[0] = '\0';
	switch (r->way) {
	case MERGEFILE_INTO_OURS:
		append(buf, size, "%s", _("merged field by field (their values written into ours)"));
		return;
	case MERGEFILE_INTO_THEIRS:
		append(buf, size, "%s", _("merged field by field (our values written into theirs, "
		                          "which changed more than values)"));
		return;
	case MERGEFILE_LINES:
		break;
	}
	switch (r->why) {
	case MERGEFILE_WHY_NONE:
	case MERGEFILE_WHY_SHAPES:
		append(buf, size, "%s", _("merged line by line by git: both sides changed more than "
		                          "entry values"));
		break;
	case MERGEFILE_WHY_NO_LOAD:
		append(buf, size, _("merged line by line by git: %s does not load (%lu:%lu: %s)"),
		       version_name(r->side), r->load.line, r->load.col,
		       load_error_message(&r->load, why, sizeof why));
		break;
	case MERGEFILE_WHY_GONE:
		append(buf, size, _("merged line by line by git: %s %d was changed on one side and "
		                    "is gone from the other"), r->item_id, r->year);
		break;
	case MERGEFILE_WHY_NO_STATUS:
		append(buf, size, _("merged line by line by git: the status of %s %d set on one side "
		                    "is not in the other's vocabulary"), r->item_id, r->year);
		break;
	case MERGEFILE_WHY_SPLICE:
		describe_splice_error(&r->splice, why, sizeof why);
		append(buf, size, _("merged line by line by git: %s"), why);
		break;
	}
}

void describe_merge_failure(const struct mergefile_result *r, char *buf, size_t size)
{
	char why[PATH_MAX + 1024];
	buf[0] = '\0';
	if (r->file.op != FILE_OP_NONE) {
		describe_file_error(&r->file, why, sizeof why);
		append(buf, size, "%s", why);
		return;
	}
	switch (r->git.status) {
	case VCS_NO_GIT:
		append(buf, size, _("git cannot be run (%s)"), strerror(r->git.err));
		break;
	case VCS_FAILED:
		append(buf, size, _("git merge-file failed (exit %d): %s"), r->git.exit_status,
		       r->git.message[0] ? r->git.message : "?");
		break;
	case VCS_TIMED_OUT:
		append(buf, size, _("git merge-file took longer than %d s and was stopped"),
		       VCS_TIMEOUT_MS / 1000);
		break;
	default:
		append(buf, size, "%s", _("out of memory"));
		break;
	}
}

void describe_markers(const struct markers_fix *fix, const char *path, char *buf, size_t size)
{
	char why[512];
	buf[0] = '\0';
	switch (fix->status) {
	case MARKERS_OK:
		break;
	case MARKERS_NO_MEMORY:
		append(buf, size, "%s", _("out of memory"));
		break;
	case MARKERS_UNFINISHED:
		append(buf, size, _("the conflict markers at line %u are not in order (<<<<<<<, "
		                    "optionally |||||||, then ======= and >>>>>>>)"), fix->line);
		break;
	case MARKERS_SIDE_BROKEN:
		append(buf, size, _("with %s of every conflict, %s does not load (%lu:%lu: %s)"),
		       version_name(fix->side == 0 ? 1 : fix->side == 1 ? 0 : 2), path,
		       fix->load.line, fix->load.col, load_error_message(&fix->load, why, sizeof why));
		break;
	case MARKERS_NOT_FIELDS:
		append(buf, size, "%s", _("the two sides differ in more than the values of entries "
		                          "(a comment, an item, a title): edit the file by hand"));
		break;
	}
}

/* ==== who may change what, forced commands, who else is in ============= */

/* What the access file should have had (ACCESS_EXPECTED). */
static const char *access_want_phrase(enum access_want w)
{
	switch (w) {
	case ACCESS_WANT_TOP:        return _("a mapping at the top (users: ...)");
	case ACCESS_WANT_END:        return _("the end of the document");
	case ACCESS_WANT_KEY:        return _("a key");
	case ACCESS_WANT_USERS:      return _("a mapping of login names");
	case ACCESS_WANT_USER:       return _("a mapping {role, departments, lang, ambiwidth}");
	case ACCESS_WANT_STRING:     return _("a string");
	case ACCESS_WANT_BOOLEAN:    return _("true or false");
	case ACCESS_WANT_LIST:       return _("a list of departments");
	case ACCESS_WANT_DEPARTMENT: return _("a department name");
	}
	return _("something else");
}

/* The file as a whole: reading, encoding, YAML syntax and features. */
static bool access_file_problem(const struct access_error *e, char *buf, size_t size)
{
	char ctx[128];
	struct load_error le = { .line = e->line, .yaml = e->yaml,
	                         .yaml_context = e->yaml_context, .num = { e->num } };

	switch (e->code) {
	case ACCESS_NO_MEMORY: say(buf, size, "%s", _("out of memory")); break;
	case ACCESS_IO:        say(buf, size, "%s", describe_errno((int)e->num)); break;
	case ACCESS_TOO_LARGE: say(buf, size, _("the file is larger than %ld KiB"), e->num); break;
	case ACCESS_BAD_UTF8:
		say(buf, size, _("invalid UTF-8 (byte 0x%02lx); an access file must be UTF-8"),
		    (unsigned long)e->num);
		break;
	case ACCESS_SYNTAX:
		yaml_context(&le, ctx, sizeof ctx);
		say(buf, size, "%s%s", yaml_problem(e->yaml), ctx);
		break;
	case ACCESS_EMPTY:     say(buf, size, "%s", _("the file is empty (it needs users: ...)")); break;
	case ACCESS_SECOND_DOCUMENT:
		say(buf, size, "%s", _("only one document is allowed in an access file"));
		break;
	case ACCESS_ALIAS:
		say(buf, size, _("aliases (*%s) are not allowed in an access file"), e->text);
		break;
	case ACCESS_ANCHOR:
		say(buf, size, _("anchors (&%s) are not allowed in an access file"), e->text);
		break;
	case ACCESS_TAG:
		say(buf, size, _("tags (%s) are not allowed in an access file"), e->text);
		break;
	default:
		return false;
	}
	return true;
}

/* " of user tanaka", or "" at the top. */
static void access_where(const struct access_error *e, char *buf, size_t size)
{
	if (e->user[0])
		say(buf, size, _(" of user %s"), e->user);
	else
		buf[0] = '\0';
}

/* Keys, values and users. */
static void access_value_problem(const struct access_error *e, char *buf, size_t size)
{
	const char *key = e->key ? e->key : "";
	char where[128];

	access_where(e, where, sizeof where);
	switch (e->code) {
	case ACCESS_EXPECTED:
		if (e->key)
			say(buf, size, _("expected %s for \"%s\"%s, found %s"),
			    access_want_phrase(e->want), key, where, found_phrase(e->found));
		else
			say(buf, size, _("expected %s%s, found %s"), access_want_phrase(e->want), where,
			    found_phrase(e->found));
		break;
	case ACCESS_UNKNOWN_KEY:
		say(buf, size, _("unknown key \"%s\"%s (expected one of: %s)"), e->text, where,
		    e->expected);
		break;
	case ACCESS_DUPLICATE_KEY:
		if (e->key && strcmp(e->key, "users") == 0)
			say(buf, size, _("user %s is listed twice"), e->text);
		else
			say(buf, size, _("duplicate key \"%s\"%s"), e->text, where);
		break;
	case ACCESS_NO_USERS:  say(buf, size, "%s", _("the file has no \"users\"")); break;
	case ACCESS_BAD_USER_NAME:
		say(buf, size, _("\"%s\" is not a login name (letters, digits, . _ - and @)"), e->text);
		break;
	case ACCESS_BAD_ROLE:
		say(buf, size, _("unknown role \"%s\"%s (expected viewer or editor)"), e->text, where);
		break;
	case ACCESS_BAD_LANG:
		say(buf, size, _("unknown language \"%s\"%s (expected ja or en)"), e->text, where);
		break;
	case ACCESS_BAD_AMBIWIDTH:
		say(buf, size, _("ambiwidth \"%s\"%s is not 1 or 2"), e->text, where);
		break;
	case ACCESS_BAD_BOOLEAN:
		say(buf, size, _("expected true or false for \"%s\", found \"%s\""), key, e->text);
		break;
	case ACCESS_NO_DEPARTMENTS:
		say(buf, size, _("the departments%s are an empty list"), where);
		break;
	case ACCESS_EMPTY_DEPARTMENT:
		say(buf, size, _("an empty department name in the departments%s"), where);
		break;
	case ACCESS_VIEWER_DEPARTMENTS:
		say(buf, size, _("user %s is a viewer and cannot have departments (remove role: "
		                 "viewer to let them edit those departments' items)"), e->user);
		break;
	case ACCESS_NUL_CHARACTER:
		say(buf, size, _("a NUL character is not allowed in \"%s\"%s"), key, where);
		break;
	default:
		say(buf, size, "%s", _("the file is not a valid access file"));
		break;
	}
}

void describe_access_error(const struct access_error *e, const char *file, char *buf,
                           size_t size)
{
	char msg[640];

	if (!access_file_problem(e, msg, sizeof msg))
		access_value_problem(e, msg, sizeof msg);
	if (e->line)
		say(buf, size, "%s:%lu:%lu: %s", file, e->line, e->col, msg);
	else
		say(buf, size, "%s: %s", file, msg);
}

/* "財政課, 政策課" (at most what fits). */
static void join_names(const char *const *names, size_t n, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used + 1 < size; i++) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);

		if (w < 0)
			break;
		used += (size_t)w < size - used ? (size_t)w : size - used - 1;
	}
	utf8_trim(buf);
}

void describe_scope(const struct access_rights *r, char *buf, size_t size)
{
	char names[512];

	if (!r || !r->rules) {
		say(buf, size, "%s", "");
		return;
	}
	if (r->role == ACCESS_VIEWER) {
		say(buf, size, "%s", r->user);
	} else if (!r->n_departments) {
		/* TRANSLATORS: the header: who you are and what you may change */
		say(buf, size, _("%s: every item"), r->user);
	} else {
		join_names(r->departments, r->n_departments, names, sizeof names);
		say(buf, size, "%s: %s", r->user, names);
	}
}

void describe_access_refusal(const struct access_rights *r, enum access_verdict v,
                             const struct item *it, char *buf, size_t size)
{
	char theirs[512], mine[512];

	if (v == ACCESS_READ_ONLY && r->listed) {
		say(buf, size, _("%s is a viewer in the access file: nothing can be changed"), r->user);
	} else if (v == ACCESS_READ_ONLY) {
		say(buf, size, _("%s is not in the access file, so only a viewer: nothing can be "
		                 "changed"), r->user);
	} else if (v == ACCESS_OUT_OF_SCOPE && it) {
		join_names(it->departments, it->n_departments, theirs, sizeof theirs);
		join_names(r->departments, r->n_departments, mine, sizeof mine);
		say(buf, size, _("%s belongs to %s; %s may change only the items of %s"), it->id,
		    theirs, r->user, mine);
	} else if (v == ACCESS_OUT_OF_SCOPE) {
		join_names(r->departments, r->n_departments, mine, sizeof mine);
		say(buf, size, _("%s may change only the items of %s"), r->user, mine);
	} else {
		say(buf, size, "%s", "");
	}
}

void describe_shellwords_error(const struct shellwords_error *e, char *buf, size_t size)
{
	switch (e->code) {
	case SHELLWORDS_OK:
		say(buf, size, "%s", "");
		break;
	case SHELLWORDS_OPEN_SINGLE:
	case SHELLWORDS_OPEN_DOUBLE:
		say(buf, size, _("the quote (%c) at column %lu is never closed"),
		    e->code == SHELLWORDS_OPEN_SINGLE ? '\'' : '"', e->col);
		break;
	case SHELLWORDS_BACKSLASH_END:
		say(buf, size, _("the command ends in a backslash (column %lu)"), e->col);
		break;
	case SHELLWORDS_SYNTAX:
		say(buf, size, _("\"%c\" at column %lu is shell syntax, which is not run here "
		                 "(put it in quotes to mean the character)"), e->ch, e->col);
		break;
	case SHELLWORDS_CONTROL:
		say(buf, size, _("a control character (0x%02x) at column %lu"), e->ch, e->col);
		break;
	case SHELLWORDS_BAD_UTF8:
		say(buf, size, _("invalid UTF-8 (byte 0x%02x) at column %lu"), e->ch, e->col);
		break;
	case SHELLWORDS_TOO_LONG:
		say(buf, size, _("the command is longer than %d bytes"), SHELLWORDS_MAX_BYTES);
		break;
	case SHELLWORDS_TOO_MANY:
		say(buf, size, _("the command has more than %d words"), SHELLWORDS_MAX_WORDS);
		break;
	case SHELLWORDS_NO_MEMORY:
		say(buf, size, "%s", _("out of memory"));
		break;
	}
}

const char *describe_view(const char *name)
{
	static const struct { const char *name, *words; } views[] = {
		{ "overview", N_("overview") }, { "items", N_("items") }, { "sheet", N_("item") },
		{ "meeting", N_("meeting") }, { "matrix", N_("matrix") }, { "log", N_("log") },
		{ "help", N_("help") }, { "who", N_("who is in") }, { "effects", N_("effects") },
		{ "recover", N_("Rescued edits") }, { "text", N_("a change shown whole") },
	};

	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++)
		if (strcmp(name, views[i].name) == 0)
			return _(views[i].words);
	return name;
}

void describe_presence_place(const struct presence_place *pl, bool full, char *buf,
                             size_t size)
{
	char place[160] = "", year[96] = "";

	if (pl->item[0])
		say(place, sizeof place, "%s", pl->item);
	else if (pl->policy[0])
		say(place, sizeof place, _("Policy %s"), pl->policy);
	if (!full) {
		say(buf, size, "%s", place[0] ? place : describe_view(pl->view));
		return;
	}
	if (pl->year)
		describe_year(pl->year, year, sizeof year);
	say(buf, size, "%s%s%s%s%s", pl->view[0] ? describe_view(pl->view) : "",
	    pl->view[0] && place[0] ? " " : "", place, year[0] ? " " : "", year);
}

/* ---- words for rating changes, conflicts and refusals ------------------- */

const char *describe_field_word(enum field field)
{
	switch (field) {
	case FIELD_STATUS:      return _("status");
	case FIELD_PLAN:        return _("plan");
	case FIELD_NOTE:        return _("note");
	case FIELD_RATING:      return _("rating");
	case FIELD_RATING_NOTE: return _("rating note");
	case FIELD_REVIEW:      return _("review date");
	}
	return "?";
}

/* A review date for people: "2016-03-31 (平成28年3月末)" when the plan has
 * it, else "2016-03-31". */
static void date_phrase(const struct plan *plan, int ymd, char *buf, size_t size)
{
	int review = plan ? plan_review_index(plan, ymd) : -1;
	if (review >= 0)
		review_phrase(plan, review, buf, size);
	else
		describe_date(ymd, buf, size);
}

void describe_change_place(const struct plan *plan, const char *item_id, int year,
                           enum field field, char *buf, size_t size)
{
	char when[160];
	if (field_is_dated(field))
		date_phrase(plan, year, when, sizeof when);
	else
		describe_year(year, when, sizeof when);
	if (field == FIELD_REVIEW)
		say(buf, size, "%s %s", describe_field_word(field), when);
	else
		say(buf, size, "%s %s %s", item_id, when, describe_field_word(field));
}

const char *describe_field_value(const struct plan *plan, enum field field, const char *value)
{
	if (!value)
		return _("(none)");
	if (field == FIELD_STATUS) {
		int s = plan_status_index(plan, value);
		return s >= 0 ? plan->statuses[s].label : value;
	}
	if (field == FIELD_RATING) {
		int l = plan_rating_level_index(plan, value);
		return l >= 0 ? plan->rating_levels[l].label : value;
	}
	return *value ? value : _("(empty)");
}

/* "S, A, B": the rating keys. */
static void rating_keys(const struct plan *plan, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t l = 0; l < plan->n_rating_levels; l++)
		append(buf, size, "%s%s", l ? ", " : "", plan->rating_levels[l].key);
}

/* describe_edit for a rating, a rating note or a review date. */
static void dated_edit_words(enum edit_result r, const struct plan *plan, const char *item_id,
                             int year, enum field field, const char *value, char *buf,
                             size_t size)
{
	char d[160], keys[256], last[32];
	date_phrase(plan, year, d, sizeof d);
	switch (r) {
	case EDIT_NOT_FOUND:
		if (field == FIELD_RATING_NOTE && plan_find_item(plan, item_id))
			say(buf, size, _("item \"%s\" is not rated at %s"), item_id, d);
		else
			say(buf, size, _("no item \"%s\" in the plan"), item_id);
		break;
	case EDIT_BAD_RATING:
		rating_keys(plan, keys, sizeof keys);
		say(buf, size, _("unknown rating \"%s\" (expected one of: %s)"), value ? value : "",
		    keys);
		break;
	case EDIT_NO_REVIEW:
		describe_review_problem(GRAMMAR_DATE_NOT_REVIEW, plan, "", year, buf, size);
		break;
	case EDIT_REVIEW_ORDER:
		describe_date(plan->n_reviews ? plan->reviews[plan->n_reviews - 1].ymd : 0, last,
		              sizeof last);
		say(buf, size, _("the review date %s cannot be added: it is not after the plan's last "
		                 "review date, %s"), d, last);
		break;
	case EDIT_REVIEW_IN_USE:
		say(buf, size, _("the review date %s cannot be taken out: items are rated at it"), d);
		break;
	default:   /* EDIT_RATING_HAS_NOTE */
		say(buf, size, _("the rating of %s at %s has a note; take the note out first"),
		    item_id, d);
		break;
	}
}

void describe_edit(enum edit_result r, const struct plan *plan, const char *item_id, int year,
                   enum field field, const char *value, char *buf, size_t size)
{
	char y[96];
	switch (r) {
	case EDIT_OK:
		buf[0] = '\0';
		return;
	case EDIT_UNCHANGED:
		say(buf, size, "%s", _("no change"));
		return;
	case EDIT_NO_MEMORY:
		say(buf, size, "%s", _("out of memory"));
		return;
	case EDIT_BAD_STATUS:
		say(buf, size, _("unknown status \"%s\""), value ? value : "");
		return;
	case EDIT_REFUSED:
		if (field == FIELD_REVIEW)
			say(buf, size, "%s", _("only a user who may change every item can add a review "
			                       "date"));
		else
			say(buf, size, _("the access rules do not let you change %s"), item_id);
		return;
	case EDIT_NOT_FOUND:
		if (!field_is_dated(field) && plan_find_item(plan, item_id)) {
			describe_year(year, y, sizeof y);
			say(buf, size, _("%s has no entry for %s"), item_id, y);
			return;
		}
		break;
	default:
		break;
	}
	dated_edit_words(r, plan, item_id, year, field, value, buf, size);
}
