/* vt.c - forkpty + libvterm harness (see vt.h). */
#include "config.h"

#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

struct vt {
	int fd;                   /* pty master; -1 after a hang-up */
	pid_t pid;
	bool reaped;
	int status;               /* wait status once reaped */
	int rows, cols;
	size_t bytes;
	char *out;                /* raw output, for checks on the byte stream */
	size_t out_len, out_cap;
	bool eof;                 /* the slave side is gone (EIO) */
	VTerm *term;
	VTermScreen *screen;
	bool (*wide)(uint32_t cp); /* vt_set_wide(): drawn two columns wide */
	char carry[4];            /* an incomplete UTF-8 character of the last read */
	size_t n_carry;
};

double vt_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* libvterm's replies to the program (keys, answers to queries). */
static void to_program(const char *s, size_t len, void *user)
{
	struct vt *vt = user;
	while (vt->fd >= 0 && len > 0) {
		ssize_t k = write(vt->fd, s, len);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				struct pollfd p = { .fd = vt->fd, .events = POLLOUT };
				(void)poll(&p, 1, 100);
				continue;
			}
			return;   /* the program is gone: the key is lost, as on a real terminal */
		}
		s += k;
		len -= (size_t)k;
	}
}

static void child(const char *const env[], const char *const argv[], unsigned flags)
{
#ifdef __linux__
	/* die with the test, whatever way the test ends */
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(126);
#endif
	static const char *const scrub[] = { "LINES", "COLUMNS", "LANGUAGE", "NO_COLOR", NULL };
	for (size_t i = 0; scrub[i]; i++)
		unsetenv(scrub[i]);
	setenv("TERM", "xterm-256color", 1);
	for (size_t i = 0; env && env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		if (!eq) {
			unsetenv(env[i]);
			continue;
		}
		size_t n = (size_t)(eq - env[i]);
		char name[256];
		if (n == 0 || n >= sizeof name)
			continue;
		memcpy(name, env[i], n);
		name[n] = '\0';
		setenv(name, eq + 1, 1);
	}
	signal(SIGPIPE, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	sigset_t mask;
	sigemptyset(&mask);
	if (flags & VT_BLOCK_SIGHUP)
		sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	size_t n = 0;
	while (argv[n])
		n++;
	char **args = calloc(n + 1, sizeof *args);
	for (size_t i = 0; args && i < n; i++)
		args[i] = strdup(argv[i]);
	if (args)
		execvp(args[0], args);
	_exit(127);
}

struct vt *vt_spawn(int rows, int cols, const char *const argv[], const char *const env[],
                    char *err, size_t errsize)
{
	return vt_spawn_flags(rows, cols, argv, env, 0, err, errsize);
}

struct vt *vt_spawn_flags(int rows, int cols, const char *const argv[], const char *const env[],
                          unsigned flags, char *err, size_t errsize)
{
	struct vt *vt = calloc(1, sizeof *vt);
	if (!vt) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	vt->rows = rows;
	vt->cols = cols;
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	fflush(NULL);   /* the child must not flush our buffered output again */
	vt->pid = forkpty(&vt->fd, NULL, NULL, &ws);
	if (vt->pid < 0) {
		snprintf(err, errsize, "forkpty: %s", strerror(errno));
		free(vt);
		return NULL;
	}
	if (vt->pid == 0)
		child(env, argv, flags);
	(void)fcntl(vt->fd, F_SETFD, FD_CLOEXEC);
	(void)fcntl(vt->fd, F_SETFL, fcntl(vt->fd, F_GETFL) | O_NONBLOCK);

	vt->term = vterm_new(rows, cols);
	vterm_set_utf8(vt->term, 1);
	vterm_output_set_callback(vt->term, to_program, vt);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_reset(vt->screen, 1);
	return vt;
}

static void reap(struct vt *vt, bool block)
{
	if (vt->reaped)
		return;
	int st;
	pid_t r;
	do
		r = waitpid(vt->pid, &st, block ? 0 : WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r == vt->pid || (r < 0 && errno == ECHILD)) {
		vt->reaped = true;
		vt->status = r == vt->pid ? st : 0;
	}
}

void vt_free(struct vt *vt)
{
	if (!vt)
		return;
	reap(vt, false);
	if (!vt->reaped) {
		kill(vt->pid, SIGKILL);
		reap(vt, true);
	}
	if (vt->fd >= 0)
		close(vt->fd);
	vterm_free(vt->term);
	free(vt->out);
	free(vt);
}

pid_t vt_pid(const struct vt *vt) { return vt->pid; }
int vt_rows(const struct vt *vt) { return vt->rows; }
int vt_cols(const struct vt *vt) { return vt->cols; }
size_t vt_bytes(const struct vt *vt) { return vt->bytes; }
bool vt_exited(const struct vt *vt) { return vt->reaped; }

#define OUTPUT_MAX ((size_t)16 << 20)

static void keep(struct vt *vt, const char *s, size_t n)
{
	if (vt->out_len + n > OUTPUT_MAX)
		return;
	if (vt->out_len + n > vt->out_cap) {
		size_t cap = vt->out_cap ? vt->out_cap : 65536;
		while (cap < vt->out_len + n)
			cap *= 2;
		char *p = realloc(vt->out, cap);
		if (!p)
			return;
		vt->out = p;
		vt->out_cap = cap;
	}
	memcpy(vt->out + vt->out_len, s, n);
	vt->out_len += n;
}

const char *vt_output(const struct vt *vt, size_t *len)
{
	*len = vt->out_len;
	return vt->out ? vt->out : "";
}

bool vt_output_has(const struct vt *vt, const void *needle, size_t len)
{
	return vt->out && memmem(vt->out, vt->out_len, needle, len) != NULL;
}

/* Feed the program's output to libvterm; with vt_set_wide(), each
 * character that vt->wide() names becomes U+3013 (a wide character of the
 * same role), so that libvterm draws it two columns wide. */
static void feed(struct vt *vt, const char *buf, size_t n)
{
	static const char stand_in[] = "\xe3\x80\x93";
	char out[8192 + 16];
	size_t o = 0, i = 0;
	char joined[8192 + 4];

	if (!vt->wide) {
		vterm_input_write(vt->term, buf, n);
		return;
	}
	memcpy(joined, vt->carry, vt->n_carry);
	memcpy(joined + vt->n_carry, buf, n);
	n += vt->n_carry;
	vt->n_carry = 0;
	while (i < n) {
		unsigned char b = (unsigned char)joined[i];
		size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
		uint32_t cp = len == 1 ? b : b & (0x3Fu >> (len - 1));

		if (i + len > n) {                 /* finish it with the next read */
			vt->n_carry = n - i;
			memcpy(vt->carry, joined + i, vt->n_carry);
			break;
		}
		for (size_t k = 1; k < len; k++)
			cp = cp << 6 | ((unsigned char)joined[i + k] & 0x3Fu);
		if (len > 1 && vt->wide(cp)) {
			memcpy(out + o, stand_in, 3);
			o += 3;
		} else {
			memcpy(out + o, joined + i, len);
			o += len;
		}
		i += len;
		if (o > 8192) {
			vterm_input_write(vt->term, out, o);
			o = 0;
		}
	}
	vterm_input_write(vt->term, out, o);
}

void vt_set_wide(struct vt *vt, bool (*wide)(uint32_t cp))
{
	vt->wide = wide;
	vt->n_carry = 0;
}

/* Read what is there now, waiting up to ms for the first byte.  Returns the
 * bytes read, 0 on timeout, and sets vt->eof when the slave is closed. */
static size_t read_some(struct vt *vt, int ms)
{
	if (vt->fd < 0 || vt->eof)
		return 0;
	struct pollfd p = { .fd = vt->fd, .events = POLLIN };
	int r = poll(&p, 1, ms < 0 ? 0 : ms);
	if (r <= 0)
		return 0;
	size_t total = 0;
	char buf[8192];
	for (;;) {
		ssize_t k = read(vt->fd, buf, sizeof buf);
		if (k > 0) {
			keep(vt, buf, (size_t)k);
			feed(vt, buf, (size_t)k);
			vt->bytes += (size_t)k;
			total += (size_t)k;
			continue;
		}
		if (k < 0 && errno == EINTR)
			continue;
		if (k == 0 || (k < 0 && errno != EAGAIN))
			vt->eof = true;   /* EIO: every slave fd is closed */
		break;
	}
	return total;
}

size_t vt_pump(struct vt *vt, int ms)
{
	double end = vt_now_ms() + ms;
	size_t total = 0;
	for (;;) {
		double left = end - vt_now_ms();
		if (left <= 0 || vt->eof || vt->fd < 0)
			break;
		total += read_some(vt, (int)left + 1);
	}
	return total;
}

size_t vt_pump_quiet(struct vt *vt, int quiet_ms, int max_ms)
{
	double end = vt_now_ms() + max_ms;
	size_t total = 0;
	for (;;) {
		double left = end - vt_now_ms();
		if (left <= 0 || vt->eof || vt->fd < 0)
			break;
		size_t k = read_some(vt, left < quiet_ms ? (int)left + 1 : quiet_ms);
		if (k == 0)
			break;
		total += k;
	}
	return total;
}

bool vt_wait(struct vt *vt, bool (*pred)(struct vt *vt, void *arg), void *arg, int ms)
{
	double end = vt_now_ms() + ms;
	for (;;) {
		if (pred(vt, arg))
			return true;
		double left = end - vt_now_ms();
		if (left <= 0 || vt->eof || vt->fd < 0)
			return false;
		/* short slices: a frame may arrive in several chunks */
		read_some(vt, left < 20 ? (int)left + 1 : 20);
	}
}

static int row_index(const struct vt *vt, int row)
{
	return row < 0 ? vt->rows + row : row;
}

struct row_needle {
	int row;
	const char *needle;
};

static bool row_has(struct vt *vt, void *arg)
{
	const struct row_needle *rn = arg;
	char buf[4096];
	return strstr(vt_row(vt, rn->row, buf, sizeof buf), rn->needle) != NULL;
}

static bool screen_has(struct vt *vt, void *arg)
{
	return vt_find_row(vt, 0, arg) >= 0;
}

static bool screen_lacks(struct vt *vt, void *arg)
{
	return vt_find_row(vt, 0, arg) < 0;
}

static void rtrim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
}

static bool row_is(struct vt *vt, void *arg)
{
	const struct row_needle *rn = arg;
	char buf[4096], want[4096];
	snprintf(want, sizeof want, "%s", rn->needle);
	rtrim(want);
	return strcmp(vt_row_trim(vt, rn->row, buf, sizeof buf), want) == 0;
}

bool vt_wait_row(struct vt *vt, int row, const char *needle, int ms)
{
	struct row_needle rn = { row, needle };
	return vt_wait(vt, row_has, &rn, ms);
}

bool vt_wait_screen(struct vt *vt, const char *needle, int ms)
{
	return vt_wait(vt, screen_has, (void *)(uintptr_t)needle, ms);
}

bool vt_wait_screen_not(struct vt *vt, const char *needle, int ms)
{
	return vt_wait(vt, screen_lacks, (void *)(uintptr_t)needle, ms);
}

bool vt_wait_row_is(struct vt *vt, int row, const char *text, int ms)
{
	struct row_needle rn = { row, text };
	return vt_wait(vt, row_is, &rn, ms);
}

/* Bytes written to the program that it has not read yet; -1 when unknown. */
static int unread_input(struct vt *vt)
{
	const char *name = vt->fd >= 0 ? ptsname(vt->fd) : NULL;
	int fd, n = -1;

	if (!name || (fd = open(name, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	if (ioctl(fd, FIONREAD, &n) < 0)
		n = -1;
	close(fd);
	return n;
}

bool vt_wait_read(struct vt *vt, int ms)
{
	double end = vt_now_ms() + ms;

	for (;;) {
		int n = unread_input(vt);

		if (n <= 0)
			return n == 0;
		if (vt_now_ms() >= end || vt->eof)
			return false;
		read_some(vt, 2);
	}
}

void vt_key_mod(struct vt *vt, VTermKey key, VTermModifier mod)
{
	vterm_keyboard_key(vt->term, key, mod);
	if (key == VTERM_KEY_ESCAPE && mod == VTERM_MOD_NONE) {
		/* A person's next key comes later than the escape delay;
		 * within it, ESC and the key would be Alt+key. */
		vt_wait_read(vt, 2000);
		vt_pump(vt, VT_ESC_GAP_MS);
	}
}

void vt_key(struct vt *vt, VTermKey key)
{
	vt_key_mod(vt, key, VTERM_MOD_NONE);
}

void vt_char(struct vt *vt, uint32_t ch, VTermModifier mod)
{
	vterm_keyboard_unichar(vt->term, ch, mod);
}

/* Decode one UTF-8 character; invalid bytes come back as themselves. */
static uint32_t utf8_next(const unsigned char **ps)
{
	const unsigned char *s = *ps;
	uint32_t c = *s++;
	int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (more)
		c &= 0x3Fu >> more;
	for (; more > 0 && (*s & 0xC0) == 0x80; more--)
		c = c << 6 | (*s++ & 0x3Fu);
	*ps = s;
	return c;
}

void vt_text(struct vt *vt, const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	while (*s)
		vterm_keyboard_unichar(vt->term, utf8_next(&s), VTERM_MOD_NONE);
}

void vt_raw(struct vt *vt, const void *bytes, size_t len)
{
	to_program(bytes, len, vt);
}

static size_t put_utf8(char *o, uint32_t u)
{
	if (u < 0x80) {
		o[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		o[0] = (char)(0xC0 | u >> 6);
		o[1] = (char)(0x80 | (u & 63));
		return 2;
	}
	if (u < 0x10000) {
		o[0] = (char)(0xE0 | u >> 12);
		o[1] = (char)(0x80 | (u >> 6 & 63));
		o[2] = (char)(0x80 | (u & 63));
		return 3;
	}
	if (u > 0x10FFFF)
		u = 0xFFFD;
	o[0] = (char)(0xF0 | u >> 18);
	o[1] = (char)(0x80 | (u >> 12 & 63));
	o[2] = (char)(0x80 | (u >> 6 & 63));
	o[3] = (char)(0x80 | (u & 63));
	return 4;
}

bool vt_cell(struct vt *vt, int row, int col, struct vt_cell *out)
{
	memset(out, 0, sizeof *out);
	out->fg_index = out->bg_index = -1;
	row = row_index(vt, row);
	if (row < 0 || row >= vt->rows || col < 0 || col >= vt->cols)
		return false;
	VTermScreenCell c;
	if (!vterm_screen_get_cell(vt->screen, (VTermPos){ .row = row, .col = col }, &c))
		return false;
	if (c.chars[0] == (uint32_t)-1) {
		/* the second half of a wide character: its attributes are the
		 * first half's */
		out->continuation = true;
		if (col > 0)
			(void)vterm_screen_get_cell(vt->screen, (VTermPos){ .row = row, .col = col - 1 }, &c);
		out->width = 0;
	} else {
		size_t n = 0;
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && c.chars[i]; i++)
			n += put_utf8(out->text + n, c.chars[i]);
		out->text[n] = '\0';
		out->width = c.width;
	}
	out->bold = c.attrs.bold;
	out->underline = c.attrs.underline;
	out->italic = c.attrs.italic;
	out->blink = c.attrs.blink;
	out->reverse = c.attrs.reverse;
	out->fg_default = VTERM_COLOR_IS_DEFAULT_FG(&c.fg);
	out->bg_default = VTERM_COLOR_IS_DEFAULT_BG(&c.bg);
	if (!out->fg_default && VTERM_COLOR_IS_INDEXED(&c.fg))
		out->fg_index = c.fg.indexed.idx;
	if (!out->bg_default && VTERM_COLOR_IS_INDEXED(&c.bg))
		out->bg_index = c.bg.indexed.idx;
	return true;
}

char *vt_row_span(struct vt *vt, int row, int col, int ncols, char *buf, size_t cap)
{
	if (cap == 0)
		return buf;
	buf[0] = '\0';
	row = row_index(vt, row);
	if (row < 0 || row >= vt->rows)
		return buf;
	int end = col + ncols > vt->cols ? vt->cols : col + ncols;
	size_t n = 0;
	for (int c = col < 0 ? 0 : col; c < end;) {
		struct vt_cell cell;
		vt_cell(vt, row, c, &cell);
		const char *t = cell.continuation ? "" : cell.text[0] ? cell.text : " ";
		size_t len = strlen(t);
		if (n + len + 1 > cap)
			break;
		memcpy(buf + n, t, len);
		n += len;
		c += cell.width > 1 ? cell.width : 1;
	}
	buf[n] = '\0';
	return buf;
}

char *vt_row(struct vt *vt, int row, char *buf, size_t cap)
{
	return vt_row_span(vt, row, 0, vt->cols, buf, cap);
}

char *vt_row_trim(struct vt *vt, int row, char *buf, size_t cap)
{
	vt_row(vt, row, buf, cap);
	rtrim(buf);
	return buf;
}

int vt_find_row(struct vt *vt, int from, const char *needle)
{
	char buf[4096];
	for (int r = from < 0 ? 0 : from; r < vt->rows; r++)
		if (strstr(vt_row(vt, r, buf, sizeof buf), needle))
			return r;
	return -1;
}

void vt_cursor(struct vt *vt, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
	*row = pos.row;
	*col = pos.col;
}

void vt_resize(struct vt *vt, int rows, int cols)
{
	vt->rows = rows;
	vt->cols = cols;
	vterm_set_size(vt->term, rows, cols);
	if (vt->fd >= 0) {
		struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
		(void)ioctl(vt->fd, TIOCSWINSZ, &ws);
	}
}

void vt_hangup(struct vt *vt)
{
	if (vt->fd >= 0) {
		read_some(vt, 0);
		close(vt->fd);
		vt->fd = -1;
	}
}

int vt_signal(struct vt *vt, int sig)
{
	if (vt->reaped)
		return -1;
	return kill(vt->pid, sig);
}

bool vt_wait_exit(struct vt *vt, int ms, int *status)
{
	double end = vt_now_ms() + ms;
	for (;;) {
		reap(vt, false);
		if (vt->reaped)
			break;
		double left = end - vt_now_ms();
		if (left <= 0)
			return false;
		int slice = left < 5 ? (int)left + 1 : 5;
		if (vt->fd >= 0 && !vt->eof) {
			read_some(vt, slice);
		} else {
			struct timespec ts = { 0, (long)slice * 1000000L };
			nanosleep(&ts, NULL);
		}
	}
	/* whatever it wrote last (endwin, messages) still belongs to the screen */
	if (vt->fd >= 0)
		while (!vt->eof && read_some(vt, 0) > 0)
			;
	if (status)
		*status = vt->status;
	return true;
}

long vt_cpu_ticks(const struct vt *vt)
{
	if (vt->reaped)
		return -1;
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)vt->pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* fields after "(comm)": state is field 3, utime 14, stime 15 */
	char *p = strrchr(buf, ')');
	if (!p)
		return -1;
	long utime = 0, stime = 0;
	if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld %ld", &utime, &stime) != 2)
		return -1;
	return utime + stime;
}

void vt_dump(struct vt *vt, FILE *f, const char *title)
{
	char buf[4096];
	fprintf(f, "# %s\n# screen %dx%d, %zu bytes read, program %s\n", title ? title : "screen",
	        vt->cols, vt->rows, vt->bytes,
	        vt->reaped ? "exited" : vt->eof ? "closed the terminal" : "running");
	fprintf(f, "#    +");
	for (int c = 0; c < vt->cols; c++)
		fputc(c % 10 == 9 ? '+' : '-', f);
	fprintf(f, "+\n");
	for (int r = 0; r < vt->rows; r++)
		fprintf(f, "# %2d |%s|\n", r, vt_row(vt, r, buf, sizeof buf));
	fflush(f);
}


static bool header_drawn(struct vt *vt, void *arg)
{
	char buf[4096];

	(void)arg;
	for (const char *p = vt_row(vt, 0, buf, sizeof buf); *p; p++)
		if (*p != ' ')
			return true;
	return false;
}

bool vt_wait_frame(struct vt *vt, int ms)
{
	return vt_wait(vt, header_drawn, NULL, ms);
}
