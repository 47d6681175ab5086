// SPDX-License-Identifier: MIT
/* openat.c - openat: flags, O_CREAT's mode, AT_FDCWD and dirfds, errors. */
#include "tests.h"

#include <errno.h>
#include <fcntl.h>

int main(void)
{
	int fd, dfd;

	test_begin();
	fd = openat(AT_FDCWD, "/dev/null", O_RDONLY | O_CLOEXEC);
	expect("openat(AT_FDCWD, \"/dev/null\", O_RDONLY|O_CLOEXEC) = %d", fd);
	fd = openat(AT_FDCWD, "/nonexistent/srec", O_WRONLY | O_CREAT | O_TRUNC,
		    0640);
	expect("openat(AT_FDCWD, \"/nonexistent/srec\", O_WRONLY|O_CREAT|"
	       "O_TRUNC, 0640) = -1 ENOENT (No such file or directory)");
	dfd = openat(AT_FDCWD, "/dev", O_RDONLY | O_DIRECTORY);
	expect("openat(AT_FDCWD, \"/dev\", O_RDONLY|O_DIRECTORY) = %d", dfd);
	fd = openat(dfd, "null", O_RDWR | O_NONBLOCK | O_APPEND);
	expect("openat(%d, \"null\", O_RDWR|O_APPEND|O_NONBLOCK) = %d", dfd,
	       fd);
	return test_end();
}
