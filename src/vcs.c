/* vcs.c - see vcs.h */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utf8.h"
#include "vcs.h"

#define OUT_MAX ((size_t)512 << 20)   /* stdout kept: a merged plan at most */

/* ---- the author --------------------------------------------------------- */

/* Copy s into dst, leaving out what git does not take in an identity. */
static void ident_copy(char *dst, size_t size, const char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n && s[i] && o + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F || c == '<' || c == '>')
			continue;
		dst[o++] = (char)c;
	}
	dst[o] = '\0';
	utf8_trim(dst);
	while (o > 0 && dst[o - 1] == ' ')
		dst[--o] = '\0';
	size_t lead = strspn(dst, " ");
	memmove(dst, dst + lead, strlen(dst + lead) + 1);
}

void vcs_author_of(const char *login, struct vcs_author *a)
{
	const struct passwd *pw = getpwnam(login);
	const char *gecos = pw && pw->pw_gecos ? pw->pw_gecos : "";
	char host[256] = "", user[128];

	ident_copy(a->name, sizeof a->name, gecos, strcspn(gecos, ","));
	if (!a->name[0])
		ident_copy(a->name, sizeof a->name, login, strlen(login));
	if (!a->name[0])
		snprintf(a->name, sizeof a->name, "plandash");
	/* the e-mail's local part: the login's letters, digits and ._- */
	size_t o = 0;
	for (const char *p = login; *p && o + 1 < sizeof user; p++)
		user[o++] = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		            (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-' ? *p : '_';
	user[o] = '\0';
	if (gethostname(host, sizeof host - 1) != 0 || !host[0])
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	char h[256];
	ident_copy(h, sizeof h, host, strlen(host));
	snprintf(a->email, sizeof a->email, "%s@%s", o ? user : "plandash", h[0] ? h : "localhost");
}

void vcs_author_override(struct vcs_author *a, const char *name, const char *email)
{
	char clean[sizeof a->email];
	if (name) {
		ident_copy(clean, sizeof a->name, name, strlen(name));
		if (clean[0])
			memcpy(a->name, clean, strlen(clean) + 1);
	}
	if (email) {
		ident_copy(clean, sizeof clean, email, strlen(email));
		if (clean[0])
			memcpy(a->email, clean, strlen(clean) + 1);
	}
}

bool vcs_committed(const struct vcs_result *r)
{
	return r->status == VCS_COMMITTED || r->status == VCS_INDEX_STALE;
}

bool vcs_warns(const struct vcs_result *r)
{
	return r->status != VCS_OFF && r->status != VCS_COMMITTED && r->status != VCS_UNCHANGED;
}

/* ---- running git -------------------------------------------------------- */

/* One run of git. */
struct run {
	const char *dir;          /* where it runs (NULL: here) */
	const char *index;        /* GIT_INDEX_FILE, or NULL */
	const struct vcs_author *author;
	char *out;                /* its standard output (malloc'd, NUL-terminated) */
	size_t out_len;
	char err[256];            /* the start of its standard error */
	size_t err_len;
	long timeout_ms;          /* per command */
	int status;               /* exit status; -1: killed (time-out) or no status */
	int exec_errno;           /* git could not be started */
	bool timed_out;
};

/* The environment git gets (see vcs.h); the strings are malloc'd. */
static char **clean_env(const struct run *r)
{
	static const char *const keep[] = { "PATH", "HOME", "XDG_CONFIG_HOME", "TZ",
	                                    "SSH_AUTH_SOCK" };
	char **env = calloc(16, sizeof *env);
	size_t n = 0;
	bool ok = env != NULL;
	for (size_t i = 0; ok && i < sizeof keep / sizeof keep[0]; i++) {
		const char *v = getenv(keep[i]);
		if (!v && strcmp(keep[i], "PATH") == 0)
			v = "/usr/local/bin:/usr/bin:/bin";
		if (v)
			ok = asprintf(&env[n++], "%s=%s", keep[i], v) >= 0;
	}
	ok = ok && (env[n++] = strdup("LC_ALL=C")) && (env[n++] = strdup("GIT_TERMINAL_PROMPT=0")) &&
	     (env[n++] = strdup("GIT_LITERAL_PATHSPECS=1"));
	if (ok && r->index)
		ok = asprintf(&env[n++], "GIT_INDEX_FILE=%s", r->index) >= 0;
	if (ok && r->author)
		ok = asprintf(&env[n++], "GIT_AUTHOR_NAME=%s", r->author->name) >= 0 &&
		     asprintf(&env[n++], "GIT_AUTHOR_EMAIL=%s", r->author->email) >= 0 &&
		     asprintf(&env[n++], "GIT_COMMITTER_NAME=%s", r->author->name) >= 0 &&
		     asprintf(&env[n++], "GIT_COMMITTER_EMAIL=%s", r->author->email) >= 0;
	if (!ok && env) {
		for (size_t i = 0; i < 16; i++)
			free(env[i]);
		free(env);
		return NULL;
	}
	return env;
}

static void strings_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* "git" and args, as the char * array exec wants (malloc'd copies). */
static char **make_argv(const char *const *args)
{
	size_t n = 0;
	while (args[n])
		n++;
	char **v = calloc(n + 2, sizeof *v);
	if (!v || !(v[0] = strdup("git"))) {
		free(v);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (!(v[i + 1] = strdup(args[i]))) {
			strings_free(v);
			return NULL;
		}
	return v;
}

/* In the child: set up and exec git; on failure, errno goes down errfd. */
static _Noreturn void child(const struct run *r, char **argv, char **env, int out, int err,
                            int errfd)
{
	static const int reset[] = { SIGPIPE, SIGXFSZ, SIGINT, SIGQUIT, SIGTERM, SIGHUP };
	sigset_t none;
	int e, devnull = open("/dev/null", O_RDONLY);
	setsid();   /* no terminal, and a process group to kill */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (size_t i = 0; i < sizeof reset / sizeof reset[0]; i++)
		signal(reset[i], SIG_DFL);
	if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0 ||
	    (r->dir && chdir(r->dir) < 0)) {
		e = errno;
	} else {
		extern char **environ;
		environ = env;
		execvp("git", argv);
		e = errno;
	}
	(void)!write(errfd, &e, sizeof e);
	_exit(127);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000L + (now.tv_nsec - t0->tv_nsec) / 1000000L;
}

/* Read what is there on fd into r (stdout whole, stderr's start):
 * 1 when something was read, 0 when nothing is there now, -1 at the end
 * or on an error. */
static int take(struct run *r, int fd, bool is_out, size_t *cap)
{
	char buf[8192];
	ssize_t k = read(fd, buf, sizeof buf);
	if (k < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (k <= 0)
		return -1;
	if (!is_out) {
		size_t room = sizeof r->err - 1 - r->err_len;
		size_t c = (size_t)k < room ? (size_t)k : room;
		memcpy(r->err + r->err_len, buf, c);
		r->err_len += c;
		r->err[r->err_len] = '\0';
		return 1;
	}
	if (r->out_len + (size_t)k + 1 > *cap) {
		size_t nc = *cap ? *cap * 2 : 65536;
		while (nc < r->out_len + (size_t)k + 1)
			nc *= 2;
		char *g = nc <= OUT_MAX ? realloc(r->out, nc) : NULL;
		if (!g)
			return -1;
		r->out = g;
		*cap = nc;
	}
	memcpy(r->out + r->out_len, buf, (size_t)k);
	r->out_len += (size_t)k;
	r->out[r->out_len] = '\0';
	return 1;
}

/* Collect the child's output until it exits (or the time-out passes: its
 * group is killed).  Output left in a pipe that a process it started still
 * holds (a hook that pushes in the background) is not waited for. */
static void collect(struct run *r, pid_t pid, int out, int err)
{
	struct timespec t0;
	struct pollfd p[2] = { { out, POLLIN, 0 }, { err, POLLIN, 0 } };
	size_t cap = 0;
	int st = 0;
	pid_t done = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (done == 0) {
		long left = r->timeout_ms - ms_since(&t0);
		if (left <= 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			r->timed_out = true;
			break;
		}
		if (poll(p, 2, left < 50 ? (int)left : 50) > 0)
			for (int i = 0; i < 2; i++)
				if (p[i].fd >= 0 && (p[i].revents & (POLLIN | POLLHUP | POLLERR)) &&
				    take(r, p[i].fd, i == 0, &cap) < 0)
					p[i].fd = -1;
		done = waitpid(pid, &st, WNOHANG);
		if (done < 0 && errno == EINTR)
			done = 0;
	}
	if (done <= 0)
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	/* what is left in the pipes, without waiting */
	for (int i = 0; i < 2; i++)
		if (p[i].fd >= 0 && fcntl(p[i].fd, F_SETFL, O_NONBLOCK) == 0)
			while (take(r, p[i].fd, i == 0, &cap) > 0)
				;
	r->status = !r->timed_out && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void close_end(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static void close_pair(int fd[2])
{
	close_end(&fd[0]);
	close_end(&fd[1]);
}

/* Run git with args (after "git") as r says.  Returns 0 when it ran (see
 * r->status), or an errno (also in r->exec_errno when exec failed). */
static int run_git(struct run *r, const char *const *args)
{
	int out[2] = { -1, -1 }, err[2] = { -1, -1 }, ex[2] = { -1, -1 }, e = 0;
	char **argv = make_argv(args), **env = clean_env(r);
	free(r->out);
	r->out = NULL;
	r->out_len = r->err_len = 0;
	r->err[0] = '\0';
	r->status = -1;
	r->exec_errno = 0;
	r->timed_out = false;
	if (!argv || !env)
		e = ENOMEM;
	else if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC) || pipe2(ex, O_CLOEXEC))
		e = errno;
	pid_t pid = e ? -1 : fork();
	if (!e && pid < 0)
		e = errno;
	if (pid == 0)
		child(r, argv, env, out[1], err[1], ex[1]);
	/* our copies of the child's ends: its exit closes the pipes */
	close_end(&out[1]);
	close_end(&err[1]);
	close_end(&ex[1]);
	if (pid > 0) {
		int child_errno;
		collect(r, pid, out[0], err[0]);
		if (read(ex[0], &child_errno, sizeof child_errno) == (ssize_t)sizeof child_errno)
			e = r->exec_errno = child_errno;
	}
	close_pair(out);
	close_pair(err);
	close_pair(ex);
	strings_free(argv);
	strings_free(env);
	return e;
}

/* ---- committing the plan ------------------------------------------------ */

/* One commit of one file. */
struct commit {
	struct vcs_result *res;
	struct run r;
	char *dir;                /* the file's directory (malloc'd) */
	const char *name;         /* its name there */
	char *rev;                /* "HEAD:./NAME" */
	char git_dir[4096];       /* the repository's (this work tree's) git directory */
	bool has_head;            /* HEAD names a commit (not an unborn branch) */
	char old_blob[41];        /* the file in HEAD ("" when not there) */
	char index_blob[41];      /* the file in the real index at stage 0 ("": not there) */
	bool index_conflicted;    /* the real index has it at a stage other than 0 */
	char tmp[4096];           /* a private temporary directory ("" when none) */
	char index[4200], msg[4200];   /* the temporary index and the message file */
};

/* r's first line on stderr into res->message, escaped. */
static void keep_message(struct vcs_result *res, const struct run *r)
{
	size_t o = 0, n = strcspn(r->err, "\n");
	for (size_t i = 0; i < n && o + 5 < sizeof res->message; i++) {
		unsigned char ch = (unsigned char)r->err[i];
		if (ch < 0x20 || ch == 0x7F)
			o += (size_t)snprintf(res->message + o, sizeof res->message - o, "\\x%02x", ch);
		else
			res->message[o++] = (char)ch;
	}
	res->message[o] = '\0';
	utf8_trim(res->message);
}

/* Run git args (after "git") for c; returns its exit status when it is at
 * most ok_max, else -1 with c->res saying why. */
static int git(struct commit *c, const char *const *args, int ok_max)
{
	struct vcs_result *res = c->res;
	int e = run_git(&c->r, args);
	if (!e && !c->r.timed_out && c->r.status >= 0 && c->r.status <= ok_max)
		return c->r.status;
	snprintf(res->command, sizeof res->command, "%s", args[0]);
	if (c->r.exec_errno) {
		res->status = VCS_NO_GIT;
		res->err = c->r.exec_errno;
	} else if (e) {
		res->status = VCS_NO_MEMORY;
		res->err = e;
	} else if (c->r.timed_out) {
		res->status = VCS_TIMED_OUT;
	} else {
		res->status = VCS_FAILED;
		res->exit_status = c->r.status;
		keep_message(res, &c->r);
	}
	return -1;
}

/* The first line of the last output, at most size-1 bytes ("" if none). */
static void first_line(const struct commit *c, char *buf, size_t size)
{
	const char *o = c->r.out ? c->r.out : "";
	size_t n = strcspn(o, "\n");
	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), o);
}

static bool exists(const struct commit *c, const char *name)
{
	char p[4200];
	snprintf(p, sizeof p, "%s/%s", c->git_dir, name);
	return access(p, F_OK) == 0;
}

/* Is the file in a work tree, on a branch, with no merge, rebase,
 * cherry-pick or revert under way? */
static bool repo_state(struct commit *c)
{
	static const struct { const char *file; enum vcs_status st; } busy[] = {
		{ "MERGE_HEAD", VCS_MERGING }, { "rebase-merge", VCS_REBASING },
		{ "rebase-apply", VCS_REBASING }, { "CHERRY_PICK_HEAD", VCS_PICKING },
		{ "REVERT_HEAD", VCS_PICKING },
	};
	const char *where[] = { "rev-parse", "--is-inside-work-tree", "--absolute-git-dir", NULL };
	if (git(c, where, 0) < 0) {
		if (c->res->status == VCS_FAILED && strstr(c->r.err, "not a git repository"))
			c->res->status = VCS_NOT_REPO;
		return false;
	}
	const char *nl = c->r.out ? strchr(c->r.out, '\n') : NULL;
	if (strncmp(c->r.out ? c->r.out : "", "true\n", 5) != 0 || !nl) {
		c->res->status = VCS_NOT_REPO;
		return false;
	}
	snprintf(c->git_dir, sizeof c->git_dir, "%.*s", (int)strcspn(nl + 1, "\n"), nl + 1);
	for (size_t i = 0; i < sizeof busy / sizeof busy[0]; i++)
		if (exists(c, busy[i].file)) {
			c->res->status = busy[i].st;
			return false;
		}
	const char *branch[] = { "symbolic-ref", "-q", "HEAD", NULL };
	int st = git(c, branch, 1);
	if (st == 1)
		c->res->status = VCS_DETACHED;
	return st == 0;
}

/* HEAD, the file in HEAD and in the real index, before the commit. */
static bool before(struct commit *c)
{
	const char *head[] = { "rev-parse", "-q", "--verify", "HEAD^{commit}", NULL };
	int st = git(c, head, 1);
	if (st < 0)
		return false;
	c->has_head = st == 0;
	if (c->has_head) {
		const char *blob[] = { "rev-parse", "-q", "--verify", c->rev, NULL };
		if ((st = git(c, blob, 1)) < 0)
			return false;
		if (st == 0)
			first_line(c, c->old_blob, sizeof c->old_blob);
	}
	const char *staged[] = { "ls-files", "-s", "--", c->name, NULL };
	if (git(c, staged, 0) < 0)
		return false;
	/* "MODE SHA STAGE\tNAME" lines */
	for (const char *l = c->r.out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "") {
		unsigned mode, stage;
		char sha[41];
		if (sscanf(l, "%o %40s %u", &mode, sha, &stage) != 3)
			continue;
		if (stage == 0)
			snprintf(c->index_blob, sizeof c->index_blob, "%s", sha);
		else
			c->index_conflicted = true;
	}
	return true;
}

/* A private directory for the temporary index and the message. */
static bool make_temp(struct commit *c, const char *message)
{
	const char *t = getenv("TMPDIR");
	snprintf(c->tmp, sizeof c->tmp, "%s/plandash-git-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(c->tmp)) {
		c->res->status = VCS_NO_MEMORY;
		c->res->err = errno;
		c->tmp[0] = '\0';
		return false;
	}
	snprintf(c->index, sizeof c->index, "%s/index", c->tmp);
	snprintf(c->msg, sizeof c->msg, "%s/message", c->tmp);
	FILE *f = fopen(c->msg, "we");
	bool ok = f && fputs(message, f) >= 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok) {
		c->res->status = VCS_NO_MEMORY;
		c->res->err = errno ? errno : EIO;
	}
	return ok;
}

/* The temporary index: HEAD's tree with the file as it is now.  False
 * with VCS_UNCHANGED when that is HEAD's tree. */
static bool stage(struct commit *c)
{
	c->r.index = c->index;
	const char *read_head[] = { "read-tree", "HEAD", NULL };
	if (c->has_head && git(c, read_head, 0) < 0)
		return false;
	const char *add[] = { "add", "--", c->name, NULL };
	if (git(c, add, 0) < 0)
		return false;
	if (!c->has_head)
		return true;
	const char *same[] = { "diff-index", "--cached", "--quiet", "HEAD", "--", NULL };
	int st = git(c, same, 1);
	if (st == 0)
		c->res->status = VCS_UNCHANGED;
	return st == 1;
}

static bool make_commit(struct commit *c, const struct vcs_author *author)
{
	const char *commit[] = { "commit", "-q", "-F", c->msg, NULL };
	c->r.author = author;
	if (git(c, commit, 0) < 0)
		return false;
	c->r.index = NULL;
	c->r.author = NULL;
	c->res->status = VCS_COMMITTED;
	const char *head[] = { "rev-parse", "-q", "--verify", "HEAD", NULL };
	if (git(c, head, 0) < 0) {
		c->res->status = VCS_COMMITTED;   /* made; only its id is unknown */
		c->res->command[0] = '\0';
		return true;
	}
	first_line(c, c->res->commit, sizeof c->res->commit);
	return true;
}

/* The real index: the file's entry follows the commit when it was HEAD's
 * (or neither had it), so `git status` shows the file clean; a different
 * version someone staged is left alone. */
static void sync_index(struct commit *c)
{
	struct vcs_result keep = *c->res;
	if (c->index_conflicted || strcmp(c->index_blob, c->old_blob) != 0)
		return;
	const char *update[] = { "update-index", "--add", "--", c->name, NULL };
	if (git(c, update, 0) < 0) {
		char cmd[sizeof keep.command], msg[sizeof keep.message];
		memcpy(cmd, c->res->command, sizeof cmd);
		memcpy(msg, c->res->message, sizeof msg);
		*c->res = keep;
		c->res->status = VCS_INDEX_STALE;
		memcpy(c->res->command, cmd, sizeof cmd);
		memcpy(c->res->message, msg, sizeof msg);
	}
}

static void commit_end(struct commit *c)
{
	if (c->tmp[0]) {
		char p[sizeof c->index + 8];
		unlink(c->index);
		snprintf(p, sizeof p, "%s.lock", c->index);
		unlink(p);
		unlink(c->msg);
		rmdir(c->tmp);
	}
	free(c->r.out);
	free(c->dir);
	free(c->rev);
}

void vcs_commit_file(const char *target, const struct vcs_author *author, const char *message,
                     long timeout_ms, struct vcs_result *res)
{
	struct commit c = { .res = res, .r.timeout_ms = timeout_ms > 0 ? timeout_ms : VCS_TIMEOUT_MS };
	const char *slash = strrchr(target, '/');
	memset(res, 0, sizeof *res);
	c.dir = slash ? strndup(target, slash == target ? 1 : (size_t)(slash - target)) : strdup(".");
	c.name = slash ? slash + 1 : target;
	if (!c.dir || asprintf(&c.rev, "HEAD:./%s", c.name) < 0) {
		c.rev = NULL;
		res->status = VCS_NO_MEMORY;
		res->err = ENOMEM;
	} else {
		c.r.dir = c.dir;
		if (repo_state(&c) && before(&c) && make_temp(&c, message) && stage(&c) &&
		    make_commit(&c, author))
			sync_index(&c);
	}
	commit_end(&c);
}

/* ---- git's line merge --------------------------------------------------- */

char *vcs_merge_lines(const char *ours, const char *base, const char *theirs, size_t *len,
                      int *conflicts, struct vcs_result *res)
{
	struct commit c = { .res = res, .r.timeout_ms = VCS_TIMEOUT_MS };
	const char *args[] = { "merge-file", "-p", "--diff3", "-L", "ours", "-L", "base", "-L",
	                       "theirs", ours, base, theirs, NULL };
	memset(res, 0, sizeof *res);
	/* the exit status is the number of conflicts (at most 127) */
	int st = git(&c, args, 127);
	char *out = NULL;
	if (st >= 0) {
		*len = c.r.out ? c.r.out_len : 0;
		*conflicts = st;
		out = c.r.out ? c.r.out : strdup("");
		c.r.out = NULL;
		if (!out) {
			res->status = VCS_NO_MEMORY;
			res->err = ENOMEM;
		}
	}
	free(c.r.out);
	return out;
}
