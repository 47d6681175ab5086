/* SPDX-License-Identifier: MIT */
/*
 * tests.h - helpers for the per-syscall dump tests (tests/sys/NAME.c), in
 * the style of strace's tests/: each program makes its calls between two
 * markers and prints the exact lines `srec dump -e trace=NAME` must show
 * for them.  tests/e2e/dump_sys.sh records the program, dumps the part
 * between the markers and diffs it against what the program printed.
 *
 * The expected text is collected in memory and written after the end
 * marker, so the program's own output never shows between the markers.
 */
#ifndef SREC_TESTS_SYS_H
#define SREC_TESTS_SYS_H

#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char expected[65536];
static size_t expected_len;

/* The markers dump_sys.sh looks for: chdir calls that fail. */
#define TEST_BEGIN_PATH "/srec-test-begin"
#define TEST_END_PATH "/srec-test-end"

__attribute__((format(printf, 1, 2))) static void expect(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(expected + expected_len,
		      sizeof(expected) - expected_len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n + 2 >= sizeof(expected) - expected_len)
		abort();
	expected_len += (size_t)n;
	expected[expected_len++] = '\n';
}

/* An address as srec prints it: NULL or 0x... */
__attribute__((unused)) static const char *addr(const void *p)
{
	static char buf[8][32];
	static unsigned next;
	char *b = buf[next++ % 8];

	if (p)
		snprintf(b, 32, "%#lx", (unsigned long)(uintptr_t)p);
	else
		snprintf(b, 32, "NULL");
	return b;
}

static void test_begin(void)
{
	if (chdir(TEST_BEGIN_PATH) == 0)
		abort();
}

static int test_end(void)
{
	size_t off = 0;

	if (chdir(TEST_END_PATH) == 0)
		abort();
	while (off < expected_len) {
		ssize_t n = write(1, expected + off, expected_len - off);

		if (n <= 0)
			return 1;
		off += (size_t)n;
	}
	return 0;
}

#endif
