/* e2e_session.c - the set-up, the session and the helpers the end-to-end
 * test programs share (see e2e_session.h).
 */
#include "config.h"

#include "e2e_session.h"

#include <check.h>
#include <dirent.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "describe.h"
#include "load.h"
#include "plan.h"
#include "vt.h"

char plandash_path[PATH_MAX + 32], localedir_env[PATH_MAX + 32], srcdir[PATH_MAX];
char orig_path[PATH_MAX + 32];
char dir[PATH_MAX], file[PATH_MAX + 32], recover[PATH_MAX + 48];
struct vt *cur;
struct plan *plan;
char *orig;
size_t orig_len;
int keys_pressed;

/* ---- failing */

void fail_with_screen(int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (cur)
		vt_dump(cur, stderr, msg);
	ck_abort_msg("line %d: %s", line, msg);
}

bool settled(bool ok)
{
	if (ok)
		vt_pump_quiet(cur, SETTLE_MS, WAIT_MS);
	return ok;
}

/* ---- messages */

const char *ja(const char *msgid)
{
	const char *t = dgettext(DOMAIN, msgid);

	if (t == msgid || strcmp(t, msgid) == 0)
		FAIL("no Japanese translation of \"%s\" in po/ja.po", msgid);
	return t;
}

const char *ja_n(const char *one, const char *many, unsigned long n)
{
	const char *t = dngettext(DOMAIN, one, many, n);

	if (strcmp(t, one) == 0 || strcmp(t, many) == 0)
		FAIL("no Japanese translation of \"%s\" in po/ja.po", one);
	return t;
}

/* ---- files */

char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t k = fread(buf + n, 1, 4096, f);
		n += k;
		if (k == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

void fresh_copy(void)
{
	const char *tmp = env_or("TMPDIR", "/tmp");
	FILE *f;
	int n;

	n = snprintf(dir, sizeof dir, "%s/plandash-e2e-XXXXXX", tmp);
	ck_assert_msg(n > 0 && (size_t)n < sizeof dir, "TMPDIR is too long: %s", tmp);
	ck_assert_msg(mkdtemp(dir) != NULL, "cannot create a directory in %s", tmp);
	snprintf(file, sizeof file, "%s/plan.yaml", dir);
	snprintf(recover, sizeof recover, "%s.recover", file);
	f = fopen(file, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(orig, 1, orig_len, f), orig_len);
	ck_assert_int_eq(fclose(f), 0);
}

void remove_dir(void)
{
	char p[2 * PATH_MAX];
	DIR *d;
	struct dirent *de;

	if (!dir[0])
		return;
	d = opendir(dir);
	while (d && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	dir[0] = '\0';
}

void split(const char *s, size_t n, struct lines *out)
{
	size_t cap = 16;

	out->start = malloc(cap * sizeof *out->start);
	out->len = malloc(cap * sizeof *out->len);
	out->n = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) + 1 : n;

		if (out->n == cap) {
			cap *= 2;
			out->start = realloc(out->start, cap * sizeof *out->start);
			out->len = realloc(out->len, cap * sizeof *out->len);
		}
		out->start[out->n] = s + i;
		out->len[out->n++] = e - i;
		i = e;
	}
}

void lines_free(struct lines *l)
{
	free(l->start);
	free(l->len);
}

bool same_line(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && memcmp(a->start[i], b->start[j], a->len[i]) == 0;
}

/* ---- the program */

void start(const char *option)
{
	char err[256], lang_env[64], lc_env[64];
	const char *env[] = { lang_env, lc_env, localedir_env, NULL };
	const char *argv[4];
	size_t n = 0;

	snprintf(lang_env, sizeof lang_env, "LANG=%s", JA);
	snprintf(lc_env, sizeof lc_env, "LC_ALL=%s", JA);
	argv[n++] = plandash_path;
	if (option)
		argv[n++] = option;
	argv[n++] = file;
	argv[n] = NULL;
	cur = vt_spawn(ROWS, COLS, argv, env, err, sizeof err);
	ck_assert_msg(cur != NULL, "cannot start %s: %s", plandash_path, err);
	EXPECT(settled(vt_wait_frame(cur, WAIT_MS)), "no first frame from %s", plandash_path);
}

void press(const char *keys)
{
	for (const unsigned char *k = (const unsigned char *)keys; *k; k++)
		keys_pressed += (*k & 0xC0) != 0x80;
	vt_text(cur, keys);
}

void expect_exit_ok(const char *how)
{
	int st = 0;

	EXPECT(vt_wait_exit(cur, WAIT_MS, &st), "%s: did not quit", how);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: exit status %d (signal %d)", how,
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	vt_free(cur);
	cur = NULL;
}

char *run(const char *args)
{
	char cmd[3 * PATH_MAX], *out = NULL;
	size_t len = 0;
	FILE *p;
	int c;

	snprintf(cmd, sizeof cmd, "LANG=C.UTF-8 LC_ALL=C.UTF-8 '%s' %s", plandash_path, args);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	FILE *m = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(m);
	while ((c = fgetc(p)) != EOF)
		fputc(c, m);
	fclose(m);
	ck_assert_int_eq(pclose(p), 0);
	return out;
}

char *get_entry(const char *id, int year)
{
	char args[2 * PATH_MAX];

	snprintf(args, sizeof args, "get '%s' %s %d", file, id, year);
	return run(args);
}

/* ---- set-up and runner */

const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

bool e2e_init(const char *prog)
{
	const char *top_srcdir = env_or("top_srcdir", ".");
	const char *top_builddir = env_or("top_builddir", ".");
	char build[PATH_MAX], err[512];
	struct load_error lerr;

	if (!realpath(top_srcdir, srcdir) || !realpath(top_builddir, build)) {
		fprintf(stderr, "%s: cannot resolve top_srcdir or top_builddir\n", prog);
		return false;
	}
	snprintf(plandash_path, sizeof plandash_path, "%s/plandash", build);
	snprintf(localedir_env, sizeof localedir_env, "PLANDASH_LOCALEDIR=%s/po/locale", build);
	if (access(plandash_path, X_OK) != 0) {
		fprintf(stderr, "%s: %s is missing: build it first\n", prog, plandash_path);
		return false;
	}
	if (!setlocale(LC_ALL, JA)) {
		fprintf(stderr, "%s: the %s locale is not installed "
		        "(e.g. enable it in /etc/locale.gen and run locale-gen)\n", prog, JA);
		return false;
	}
	bindtextdomain(DOMAIN, localedir_env + strlen("PLANDASH_LOCALEDIR="));
	bind_textdomain_codeset(DOMAIN, "UTF-8");

	snprintf(orig_path, sizeof orig_path, "%s/plan.yaml", srcdir);
	plan = plan_load_file(orig_path, &lerr, NULL);
	if (!plan) {
		load_error_format(&lerr, orig_path, err, sizeof err);
		fprintf(stderr, "%s: %s\n", prog, err);
		return false;
	}
	orig = read_all(orig_path, &orig_len);
	if (!orig) {
		fprintf(stderr, "%s: cannot read %s\n", prog, orig_path);
		return false;
	}
	atexit(cleanup);
	return true;
}

void teardown(void)
{
	vt_free(cur);
	cur = NULL;
	remove_dir();
}

void cleanup(void)
{
	vt_free(cur);
	cur = NULL;
	remove_dir();
	plan_free(plan);
	plan = NULL;
	free(orig);
	orig = NULL;
}

void e2e_add_tests(Suite *s, const struct e2e_test *tests, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		TCase *tc = tcase_create(tests[i].name);
		tcase_set_timeout(tc, 60);
		tcase_add_checked_fixture(tc, NULL, teardown);
		tcase_add_test(tc, tests[i].test);
		suite_add_tcase(s, tc);
	}
}

int e2e_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
