// SPDX-License-Identifier: MIT
/* connect.c - connect: AF_UNIX (path, abstract), AF_INET, AF_INET6. */
#include "tests.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
	struct sockaddr_un su = { .sun_family = AF_UNIX };
	struct sockaddr_in si = { .sin_family = AF_INET };
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6 };
	int u = socket(AF_UNIX, SOCK_STREAM, 0);
	int d = socket(AF_INET, SOCK_DGRAM, 0);
	int d6 = socket(AF_INET6, SOCK_DGRAM, 0);
	socklen_t len;
	int rc;

	strcpy(su.sun_path, "/nonexistent/srec.sock");
	len = offsetof(struct sockaddr_un, sun_path) + strlen(su.sun_path) + 1;
	si.sin_port = htons(53);
	inet_pton(AF_INET, "127.0.0.1", &si.sin_addr);
	s6.sin6_port = htons(8080);
	inet_pton(AF_INET6, "::1", &s6.sin6_addr);
	test_begin();
	rc = connect(u, (struct sockaddr *)&su, len);
	expect("connect(%d, {sa_family=AF_UNIX, sun_path="
	       "\"/nonexistent/srec.sock\"}, %u) = -1 ENOENT (No such file or "
	       "directory)", u, len);
	rc = connect(d, (struct sockaddr *)&si, sizeof(si));
	expect("connect(%d, {sa_family=AF_INET, sin_port=htons(53), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, %zu) = %d", d, sizeof(si),
	       rc);
	rc = connect(d6, (struct sockaddr *)&s6, sizeof(s6));
	expect("connect(%d, {sa_family=AF_INET6, sin6_port=htons(8080), "
	       "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", "
	       "&sin6_addr), sin6_scope_id=0}, %zu) = %d", d6, sizeof(s6), rc);
	return test_end();
}
