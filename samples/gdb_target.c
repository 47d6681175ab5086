// SPDX-License-Identifier: MIT
/*
 * gdb_target.c - a program to debug a replay of (tests/e2e/gdb_*.sh):
 * it reads the file argv[1] (the tests delete it after recording), parses
 * the number it starts with into a global, sums its digits in a function
 * of its own and prints both.  Built -g -O0 so gdb sees every variable.
 */
#include "sample.h"

static char text[128];
static int parsed;

static int sum_digits(const char *s)
{
	int sum = 0;

	for (; *s >= '0' && *s <= '9'; s++)
		sum += *s - '0';
	return sum;
}

static int process(const char *s, int n)
{
	int digits;

	parsed = atoi(s);
	digits = sum_digits(s);
	return digits + (n > 0 ? 0 : -1);
}

int main(int argc, char **argv)
{
	ssize_t n;
	int fd, r;

	if (argc != 2) {
		fprintf(stderr, "usage: gdb_target FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	check(fd >= 0, "open");
	n = read(fd, text, sizeof(text) - 1);
	check(n >= 0, "read");
	close(fd);
	r = process(text, (int)n);
	printf("parsed %d, digit sum %d\n", parsed, r);
	return 0;
}
