// SPDX-License-Identifier: MIT
/* write.c - write: escapes of non-printable bytes as strace prints them. */
#include "tests.h"

#include <fcntl.h>

int main(void)
{
	static const char odd[] = "a\0b\1" "1\033x\177\377\t\n\r\v\f\"\\z";
	int fd = open("/dev/null", O_WRONLY);
	ssize_t n;

	test_begin();
	n = write(fd, "hello\n", 6);
	expect("write(%d, \"hello\\n\", 6) = %zd", fd, n);
	n = write(fd, odd, sizeof(odd));
	expect("write(%d, \"a\\0b\\0011\\33x\\177\\377\\t\\n\\r\\v\\f\\\"\\\\z"
	       "\\0\", 18) = %zd", fd, n);
	n = write(fd, "0123456789012345678901234567890123456789", 40);
	expect("write(%d, \"01234567890123456789012345678901\"..., 40) = %zd",
	       fd, n);
	n = write(fd, "", 0);
	expect("write(%d, \"\", 0) = %zd", fd, n);
	n = write(-1, "x", 1);
	expect("write(-1, \"x\", 1) = -1 EBADF (Bad file descriptor)");
	return test_end();
}
