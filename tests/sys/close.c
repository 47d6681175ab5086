// SPDX-License-Identifier: MIT
/* close.c - close: success and EBADF. */
#include "tests.h"

#include <fcntl.h>

int main(void)
{
	int fd = open("/dev/null", O_RDONLY), rc;

	test_begin();
	rc = close(fd);
	expect("close(%d) = %d", fd, rc);
	rc = close(fd);
	expect("close(%d) = -1 EBADF (Bad file descriptor)", fd);
	return test_end();
}
