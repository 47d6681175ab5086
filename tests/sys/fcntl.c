// SPDX-License-Identifier: MIT
/* fcntl.c - fcntl: commands, their arguments and decoded results. */
#include "tests.h"

#include <fcntl.h>

int main(void)
{
	int fd = open("/dev/null", O_RDONLY | O_NONBLOCK), rc;

	test_begin();
	rc = fcntl(fd, F_GETFL);
	expect("fcntl(%d, F_GETFL) = %#x (flags O_RDONLY|O_NONBLOCK|"
	       "O_LARGEFILE)", fd, rc);
	rc = fcntl(fd, F_SETFD, FD_CLOEXEC);
	expect("fcntl(%d, F_SETFD, FD_CLOEXEC) = %d", fd, rc);
	rc = fcntl(fd, F_GETFD);
	expect("fcntl(%d, F_GETFD) = %#x (flags FD_CLOEXEC)", fd, rc);
	rc = fcntl(fd, F_DUPFD_CLOEXEC, 20);
	expect("fcntl(%d, F_DUPFD_CLOEXEC, 20) = %d", fd, rc);
	rc = fcntl(fd, F_SETFL, O_APPEND);
	expect("fcntl(%d, F_SETFL, O_RDONLY|O_APPEND) = %d", fd, rc);
	rc = fcntl(-1, F_GETFD);
	expect("fcntl(-1, F_GETFD) = -1 EBADF (Bad file descriptor)");
	return test_end();
}
