// SPDX-License-Identifier: MIT
/* socket.c - socket: families, types with flags, protocols. */
#include "tests.h"

#include <netinet/in.h>
#include <sys/socket.h>

int main(void)
{
	int fd;

	test_begin();
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	expect("socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = %d", fd);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, IPPROTO_UDP);
	expect("socket(AF_INET, SOCK_DGRAM|SOCK_NONBLOCK, IPPROTO_UDP) = %d",
	       fd);
	fd = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
	expect("socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = %d", fd);
	fd = socket(12345, SOCK_STREAM, 0);
	expect("socket(0x3039 /* AF_??? */, SOCK_STREAM, 0) = -1 EAFNOSUPPORT "
	       "(Address family not supported by protocol)");
	return test_end();
}
