// SPDX-License-Identifier: MIT
/* readlinkat.c - readlinkat: the link text as the kernel wrote it. */
#include "tests.h"

#include <fcntl.h>

int main(void)
{
	char buf[4096];
	ssize_t n;

	test_begin();
	n = readlinkat(AT_FDCWD, "/proc/self/exe", buf, sizeof(buf));
	expect("readlinkat(AT_FDCWD, \"/proc/self/exe\", \"%.*s\"%s, 4096) = "
	       "%zd", n > 32 ? 32 : (int)n, buf, n > 32 ? "..." : "", n);
	n = readlinkat(AT_FDCWD, "/", buf, sizeof(buf));
	expect("readlinkat(AT_FDCWD, \"/\", %s, 4096) = -1 EINVAL (Invalid "
	       "argument)", addr(buf));
	return test_end();
}
