/* SPDX-License-Identifier: MIT */
/*
 * sample.h - what every sample shares: markers that bracket the part of
 * the run whose syscalls the end-to-end tests know exactly, and say(),
 * which prints with exactly one write(2) so that stdout's buffering
 * (tty, pipe, file) never changes the calls a sample makes.
 */
#ifndef SREC_SAMPLE_H
#define SREC_SAMPLE_H

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * mark - a faccessat() of "/srec-mark/WHAT", which fails with ENOENT: a
 * call libc never makes by itself, easy to find in a trace by its path.
 * Tests take the calls between "begin" and "end" of one thread.
 */
static inline void mark(const char *what)
{
	char path[64];

	snprintf(path, sizeof(path), "/srec-mark/%s", what);
	syscall(SYS_faccessat, AT_FDCWD, path, F_OK);
}

/* Format into a local buffer and write it to fd 1 with one write(2). */
static inline void say(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static inline void say(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (n > 0 && write(1, buf, (size_t)n) != n)
		_exit(111);
}

/* Stop with a message (on stderr) when a call the sample relies on fails. */
static inline void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "%s: %s\n", what, strerror(errno));
		exit(1);
	}
}

#endif
