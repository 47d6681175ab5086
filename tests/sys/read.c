// SPDX-License-Identifier: MIT
/* read.c - read: out-buffer shown from what the kernel wrote, cut at 32
 * bytes, errors print the address. */
#include "tests.h"

#include <fcntl.h>

int main(void)
{
	static const char text[] = "0123456789abcdefghijklmnopqrstuvwxyz\n";
	char buf[64];
	int p[2];
	ssize_t n;

	if (pipe(p))
		return 1;
	if (write(p[1], text, 5) != 5)
		return 1;
	test_begin();
	n = read(p[0], buf, sizeof(buf));
	expect("read(%d, \"01234\", 64) = %zd", p[0], n);
	if (write(p[1], text, sizeof(text) - 1) < 0)
		return 1;
	n = read(p[0], buf, sizeof(buf));
	expect("read(%d, \"0123456789abcdefghijklmnopqrstuv\"..., 64) = %zd",
	       p[0], n);
	close(p[1]);
	n = read(p[0], buf, sizeof(buf));
	expect("read(%d, \"\", 64) = %zd", p[0], n);
	n = read(-1, buf, 1);
	expect("read(-1, %s, 1) = -1 EBADF (Bad file descriptor)", addr(buf));
	return test_end();
}
