// SPDX-License-Identifier: MIT
/* lseek.c - lseek: whence names, offsets, errors. */
#include "tests.h"

#include <fcntl.h>

int main(void)
{
	int fd = open("/proc/self/cmdline", O_RDONLY);
	off_t r;

	test_begin();
	r = lseek(fd, 3, SEEK_SET);
	expect("lseek(%d, 3, SEEK_SET) = %lld", fd, (long long)r);
	r = lseek(fd, -1, SEEK_CUR);
	expect("lseek(%d, -1, SEEK_CUR) = %lld", fd, (long long)r);
	r = lseek(0x7ff, 0, SEEK_END);
	expect("lseek(2047, 0, SEEK_END) = -1 EBADF (Bad file descriptor)");
	return test_end();
}
