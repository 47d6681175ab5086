// SPDX-License-Identifier: MIT
/* pipe2.c - pipe2: the fds written into the array, flags. */
#include "tests.h"

#include <fcntl.h>

int main(void)
{
	int p[2], rc;

	test_begin();
	rc = pipe2(p, O_CLOEXEC | O_NONBLOCK);
	expect("pipe2([%d, %d], O_NONBLOCK|O_CLOEXEC) = %d", p[0], p[1], rc);
	rc = pipe2(p, 0);
	expect("pipe2([%d, %d], 0) = %d", p[0], p[1], rc);
	rc = pipe2(NULL, O_NONBLOCK);
	expect("pipe2(NULL, O_NONBLOCK) = -1 EFAULT (Bad address)");
	return test_end();
}
