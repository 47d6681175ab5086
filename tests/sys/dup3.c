// SPDX-License-Identifier: MIT
/* dup3.c - dup, dup2, dup3.
 * TRACE: dup,dup2,dup3 */
#include "tests.h"

#include <fcntl.h>

int main(void)
{
	int fd = open("/dev/null", O_RDONLY), rc;

	test_begin();
	rc = dup(fd);
	expect("dup(%d) = %d", fd, rc);
	rc = dup2(fd, 50);
	expect("dup2(%d, 50) = %d", fd, rc);
	rc = dup3(fd, 51, O_CLOEXEC);
	expect("dup3(%d, 51, O_CLOEXEC) = %d", fd, rc);
	rc = dup3(fd, fd, 0);
	expect("dup3(%d, %d, 0) = -1 EINVAL (Invalid argument)", fd, fd);
	return test_end();
}
