// SPDX-License-Identifier: MIT
/*
 * moved.c - the bytes the kernel moves to the program's stdout or stderr
 * by itself.  sendfile, splice and copy_file_range copy from one fd to
 * another without the data passing through the program's memory, so no
 * Mem region holds what `cat FILE >out` (copy_file_range) printed, and
 * replay could not show it again.  When such a call writes into the
 * stream PROG was given as fd 1 or 2 (the same open pipe, file or
 * terminal, whatever fd number it now has), the source is read again
 * here, from the offset the call started at, and kept as
 * Syscall.moved (schemas/EVENTS.md).  A source that cannot be read twice
 * (a pipe or socket) leaves the field out: replay then shows nothing for
 * the call, as before (README's limits).
 */
#define _GNU_SOURCE
#include "rec_int.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "srec_buf.h"
#include "srec_tracee.h"

/* Most bytes kept for one call: past it the echo is cut, not the run. */
#define MOVED_MAX ((uint64_t)64 << 20)

/* Where each call keeps its fds and the source offset pointer. */
static const struct mover {
	long nr;
	uint8_t in, off_in, out;
} movers[] = {
	{ SYS_sendfile, 1, 2, 0 },
	{ SYS_splice, 0, 1, 2 },
	{ SYS_copy_file_range, 0, 1, 2 },
};

static const struct mover *mover_of(uint32_t nr)
{
	size_t i;

	for (i = 0; i < sizeof(movers) / sizeof(movers[0]); i++)
		if ((long)nr == movers[i].nr)
			return &movers[i];
	return NULL;
}

static int fd_stat(pid_t pid, uint64_t fd, struct stat *st)
{
	char p[64];

	snprintf(p, sizeof(p), "/proc/%d/fd/%" PRIu64, (int)pid, fd);
	return stat(p, st);
}

void rec_moved_init(struct rec *r)
{
	struct stat st;
	int i;

	for (i = 0; i < 2; i++) {
		r->std_known[i] = !fd_stat(r->root, (uint64_t)i + 1, &st);
		r->std_dev[i] = st.st_dev;
		r->std_ino[i] = st.st_ino;
	}
}

static bool is_std(const struct rec *r, pid_t tid, uint64_t fd)
{
	struct stat st;
	int i;

	if (fd_stat(tid, fd, &st))
		return false;
	for (i = 0; i < 2; i++)
		if (r->std_known[i] && st.st_dev == r->std_dev[i] &&
		    st.st_ino == r->std_ino[i])
			return true;
	return false;
}

/* The file position of @tid's fd @fd, from /proc/TID/fdinfo/FD. */
static int64_t fd_pos(pid_t tid, uint64_t fd)
{
	char p[64], buf[256];
	long long pos = -1;
	ssize_t n;
	int f;

	snprintf(p, sizeof(p), "/proc/%d/fdinfo/%" PRIu64, (int)tid, fd);
	f = open(p, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return -1;
	n = read(f, buf, sizeof(buf) - 1);
	close(f);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	if (sscanf(buf, "pos: %lld", &pos) != 1)
		return -1;
	return pos;
}

void rec_moved_enter(struct rec *r, struct rec_thread *t)
{
	const struct mover *m = mover_of(t->nr);
	struct stat st;
	uint64_t off;

	t->moved_from = -1;
	t->moved_n = 0;
	if (!m || !is_std(r, t->tid, t->args[m->out]))
		return;
	/* Only a regular file can be read again at the same offset. */
	if (fd_stat(t->tid, t->args[m->in], &st) || !S_ISREG(st.st_mode))
		return;
	if (!t->args[m->off_in])
		t->moved_from = fd_pos(t->tid, t->args[m->in]);
	else if (srec_tracee_read(t->tid, t->args[m->off_in], &off,
				  sizeof(off)) == (ssize_t)sizeof(off))
		t->moved_from = (int64_t)off;
}

void rec_moved_exit(struct rec *r, struct rec_thread *t, int64_t ret)
{
	uint64_t want = ret > 0 ? (uint64_t)ret : 0;
	const struct mover *m = mover_of(t->nr);
	char p[64];
	ssize_t n;
	int f;

	(void)r;
	if (!m || t->moved_from < 0 || !want)
		return;
	if (want > MOVED_MAX)
		want = MOVED_MAX;
	snprintf(p, sizeof(p), "/proc/%d/fd/%" PRIu64, (int)t->tid,
		 t->args[m->in]);
	/* A description of srec's own: the program's offset stays put. */
	f = open(p, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return;
	if (t->moved_cap < want) {
		free(t->moved);
		t->moved = srec_xmalloc((size_t)want);
		t->moved_cap = (size_t)want;
	}
	while (t->moved_n < want) {
		n = pread(f, t->moved + t->moved_n, (size_t)want - t->moved_n,
			  t->moved_from + (off_t)t->moved_n);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		t->moved_n += (size_t)n;
	}
	close(f);
}
