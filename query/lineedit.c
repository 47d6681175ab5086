// SPDX-License-Identifier: MIT
/*
 * lineedit.c - the console's line reader (srec_q_line_*): on a terminal,
 * a small editor with history, in the spirit of linenoise; otherwise
 * plain lines.  srec has neither readline nor libedit to lean on.
 *
 * The editor puts the terminal in raw mode only while a line is read, so
 * ^C during a query still interrupts srec as usual.  It redraws the whole
 * line on every change: simple, and fast enough for typing.  Lines wider
 * than the terminal wrap but are not redrawn across rows.
 */
#include "srec_q.h"
#include "srec_buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define HISTORY_MAX 500

/* A history file is read from its last this many bytes at most, so a
 * huge (or endless) file costs nothing: HISTORY_MAX long lines fit. */
#define HISTORY_READ_MAX (1 << 20)

struct srec_q_line {
	int fd;
	int out_fd;
	bool tty;
	struct srec_buf line;
	size_t pos;           /* cursor, a byte offset into line */
	char **hist;
	size_t n_hist;
	size_t hist_pos;      /* n_hist: the line being typed */
	struct srec_buf typed; /* that line while browsing history */
	char in[4096];        /* read-ahead for plain lines */
	size_t in_pos, in_len;
	bool eof;
};

struct srec_q_line *srec_q_line_new(int fd)
{
	struct srec_q_line *l = srec_xcalloc(1, sizeof(*l));

	l->fd = fd;
	l->tty = isatty(fd);
	l->out_fd = isatty(STDOUT_FILENO) ? STDOUT_FILENO : STDERR_FILENO;
	return l;
}

void srec_q_line_free(struct srec_q_line *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n_hist; i++)
		free(l->hist[i]);
	free(l->hist);
	srec_buf_free(&l->line);
	srec_buf_free(&l->typed);
	free(l);
}

bool srec_q_line_is_tty(const struct srec_q_line *l)
{
	return l->tty;
}

void srec_q_line_remember(struct srec_q_line *l, const char *line)
{
	if (!line[strspn(line, " \t")])
		return;
	if (l->n_hist && !strcmp(l->hist[l->n_hist - 1], line))
		return;
	if (l->n_hist == HISTORY_MAX) {
		free(l->hist[0]);
		memmove(l->hist, l->hist + 1, (l->n_hist - 1) *
					      sizeof(*l->hist));
		l->n_hist--;
	}
	l->hist = srec_xrealloc(l->hist, (l->n_hist + 1) * sizeof(*l->hist));
	l->hist[l->n_hist++] = srec_xstrdup(line);
}

/* ---- The history file ------------------------------------------------- */

int srec_q_line_load_history(struct srec_q_line *l, const char *path)
{
	struct srec_buf b = SREC_BUF_INIT;
	struct stat st;
	char *p, *nl, *next;
	ssize_t n;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		rc = -EINVAL;
		goto out;
	}
	if (st.st_size > HISTORY_READ_MAX &&
	    lseek(fd, st.st_size - HISTORY_READ_MAX, SEEK_SET) < 0) {
		rc = -errno;
		goto out;
	}
	srec_buf_grow(&b, HISTORY_READ_MAX);
	while (b.len < HISTORY_READ_MAX) {
		n = read(fd, b.data + b.len, HISTORY_READ_MAX - b.len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			goto out;
		}
		if (!n)
			break;
		b.len += (size_t)n;
	}
	b.data[b.len] = '\0';
	p = b.data;
	/* After a seek, the first line is a tail: not an entry. */
	if (st.st_size > HISTORY_READ_MAX)
		p = (nl = strchr(p, '\n')) ? nl + 1 : p + b.len;
	for (; *p; p = next) {
		nl = strchr(p, '\n');
		next = nl ? nl + 1 : p + strlen(p);
		if (nl)
			*nl = '\0';
		srec_q_line_remember(l, p);
	}
out:
	srec_buf_free(&b);
	close(fd);
	return rc;
}

int srec_q_line_save_history(const struct srec_q_line *l, const char *path)
{
	struct srec_buf tmp = SREC_BUF_INIT, text = SREC_BUF_INIT;
	size_t i, off = 0;
	ssize_t n;
	int fd, rc = 0;

	for (i = 0; i < l->n_hist; i++) {
		srec_buf_adds(&text, l->hist[i]);
		srec_buf_addc(&text, '\n');
	}
	/* Written beside it and renamed over it, so a full disk or a crash
	 * leaves the old history, never half of one. */
	srec_buf_addf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	fd = open(srec_buf_str(&tmp), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
				      O_NOFOLLOW, 0600);
	if (fd < 0) {
		rc = -errno;
		goto out;
	}
	while (off < text.len) {
		n = write(fd, text.data + off, text.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			break;
		}
		off += (size_t)n;
	}
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(srec_buf_str(&tmp), path))
		rc = -errno;
	if (rc)
		unlink(srec_buf_str(&tmp));
out:
	srec_buf_free(&tmp);
	srec_buf_free(&text);
	return rc;
}

/* One byte of input, or -1 at end of input or on error. */
static int get_byte(struct srec_q_line *l)
{
	ssize_t n;

	if (l->in_pos == l->in_len) {
		if (l->eof)
			return -1;
		do
			n = read(l->fd, l->in, sizeof(l->in));
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			l->eof = true;
			return -1;
		}
		l->in_pos = 0;
		l->in_len = (size_t)n;
	}
	return (unsigned char)l->in[l->in_pos++];
}

static const char *read_plain(struct srec_q_line *l)
{
	int c;

	srec_buf_reset(&l->line);
	while ((c = get_byte(l)) >= 0 && c != '\n')
		srec_buf_addc(&l->line, (char)c);
	if (c < 0 && !l->line.len)
		return NULL;
	return srec_buf_str(&l->line);
}

/* ---- The editor ---------------------------------------------------------- */

static void put(struct srec_q_line *l, const char *s, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(l->out_fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static size_t columns(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

static void refresh(struct srec_q_line *l, const char *prompt)
{
	struct srec_buf b = SREC_BUF_INIT;

	srec_buf_addf(&b, "\r%s", prompt);
	srec_buf_add(&b, l->line.data, l->line.len);
	srec_buf_adds(&b, "\x1b[K\r");
	srec_buf_addf(&b, "\x1b[%zuC", columns(prompt, strlen(prompt)) +
					 columns(l->line.data, l->pos));
	put(l, b.data, b.len);
	srec_buf_free(&b);
}

static void set_line(struct srec_q_line *l, const char *s)
{
	srec_buf_reset(&l->line);
	srec_buf_adds(&l->line, s);
	l->pos = l->line.len;
}

static void erase(struct srec_q_line *l, size_t from, size_t to)
{
	memmove(l->line.data + from, l->line.data + to, l->line.len - to + 1);
	l->line.len -= to - from;
	l->pos = from;
}

/* The start of the character before byte @pos (UTF-8 aware). */
static size_t prev_char(const struct srec_q_line *l, size_t pos)
{
	while (pos > 0 &&
	       ((unsigned char)l->line.data[--pos] & 0xc0) == 0x80)
		;
	return pos;
}

static size_t next_char(const struct srec_q_line *l, size_t pos)
{
	if (pos < l->line.len)
		pos++;
	while (pos < l->line.len &&
	       ((unsigned char)l->line.data[pos] & 0xc0) == 0x80)
		pos++;
	return pos;
}

static void history_step(struct srec_q_line *l, int dir)
{
	if (dir < 0 && l->hist_pos == 0)
		return;
	if (dir > 0 && l->hist_pos >= l->n_hist)
		return;
	if (l->hist_pos == l->n_hist) {
		srec_buf_reset(&l->typed);
		srec_buf_add(&l->typed, l->line.data, l->line.len);
	}
	l->hist_pos = (size_t)((long)l->hist_pos + dir);
	set_line(l, l->hist_pos == l->n_hist ? srec_buf_str(&l->typed) :
					       l->hist[l->hist_pos]);
}

enum key {
	KEY_NONE = 1000, KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_HOME,
	KEY_END, KEY_DELETE,
};

/* After ESC: the VT100/xterm sequences for arrows, Home, End, Delete. */
static int escape_key(struct srec_q_line *l)
{
	static const struct {
		char final;
		int key;
	} keys[] = {
		{ 'A', KEY_UP }, { 'B', KEY_DOWN }, { 'C', KEY_RIGHT },
		{ 'D', KEY_LEFT }, { 'H', KEY_HOME }, { 'F', KEY_END },
		{ '1', KEY_HOME }, { '7', KEY_HOME }, { '4', KEY_END },
		{ '8', KEY_END }, { '3', KEY_DELETE },
	};
	int c = get_byte(l), d;
	size_t i;

	if (c != '[' && c != 'O')
		return KEY_NONE;
	d = get_byte(l);
	if (d >= '0' && d <= '9' && get_byte(l) != '~')
		return KEY_NONE;
	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (keys[i].final == d)
			return keys[i].key;
	return KEY_NONE;
}

/* @return: 1 line done, 0 go on, -1 end of input, -2 interrupted. */
static int edit_key(struct srec_q_line *l, int c)
{
	size_t p;

	switch (c) {
	case '\r':
	case '\n':
		return 1;
	case 3: /* ^C */
		return -2;
	case 4: /* ^D */
		if (!l->line.len)
			return -1;
		erase(l, l->pos, next_char(l, l->pos));
		return 0;
	case 127:
	case 8:
		erase(l, prev_char(l, l->pos), l->pos);
		return 0;
	case 1:
	case KEY_HOME:
		l->pos = 0;
		return 0;
	case 5:
	case KEY_END:
		l->pos = l->line.len;
		return 0;
	case 2:
	case KEY_LEFT:
		l->pos = prev_char(l, l->pos);
		return 0;
	case 6:
	case KEY_RIGHT:
		l->pos = next_char(l, l->pos);
		return 0;
	case 16:
	case KEY_UP:
		history_step(l, -1);
		return 0;
	case 14:
	case KEY_DOWN:
		history_step(l, 1);
		return 0;
	case KEY_DELETE:
		erase(l, l->pos, next_char(l, l->pos));
		return 0;
	case 11: /* ^K */
		erase(l, l->pos, l->line.len);
		return 0;
	case 21: /* ^U */
		erase(l, 0, l->pos);
		return 0;
	case 23: /* ^W: the word before the cursor */
		p = l->pos;
		while (p && l->line.data[p - 1] == ' ')
			p--;
		while (p && l->line.data[p - 1] != ' ')
			p--;
		erase(l, p, l->pos);
		return 0;
	default:
		if (c < 0x20 || c >= KEY_NONE)
			return 0;
		srec_buf_grow(&l->line, 1);
		memmove(l->line.data + l->pos + 1, l->line.data + l->pos,
			l->line.len - l->pos + 1);
		l->line.data[l->pos++] = (char)c;
		l->line.len++;
		return 0;
	}
}

static const char *read_edited(struct srec_q_line *l, const char *prompt,
			       bool *interrupted)
{
	struct termios saved, raw;
	int c, done = 0;

	if (tcgetattr(l->fd, &saved))
		return read_plain(l);
	raw = saved;
	raw.c_iflag &= ~(unsigned)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
	raw.c_lflag &= ~(unsigned)(ECHO | ICANON | IEXTEN | ISIG);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(l->fd, TCSADRAIN, &raw))
		return read_plain(l);
	set_line(l, "");
	l->hist_pos = l->n_hist;
	refresh(l, prompt);
	while (!done) {
		c = get_byte(l);
		if (c < 0) {
			done = -1;
			break;
		}
		if (c == 27)
			c = escape_key(l);
		done = edit_key(l, c);
		refresh(l, prompt);
	}
	tcsetattr(l->fd, TCSADRAIN, &saved);
	put(l, "\n", 1);
	if (done == -1)
		return NULL;
	if (done == -2) {
		if (interrupted)
			*interrupted = true;
		set_line(l, "");
	}
	return srec_buf_str(&l->line);
}

const char *srec_q_line_read(struct srec_q_line *l, const char *prompt,
			     bool *interrupted)
{
	if (interrupted)
		*interrupted = false;
	if (!l->tty)
		return read_plain(l);
	return read_edited(l, prompt, interrupted);
}
