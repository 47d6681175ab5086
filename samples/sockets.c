// SPDX-License-Identifier: MIT
/*
 * sockets.c - socket calls: a socketpair with sendmsg/recvmsg and
 * sendto/recvfrom, UDP datagrams between two loopback sockets, and a
 * loopback TCP server and client (a forked child) in one program.
 * Between the marks the parent makes exactly:
 *   socketpair sendmsg recvmsg sendto recvfrom close close
 *   socket bind getsockname socket sendto recvfrom close close
 *   socket setsockopt bind listen getsockname clone accept recvfrom sendto
 *   close wait4 close write
 * and the child: set_robust_list (glibc's fork) socket connect sendto
 * recvfrom close exit_group.
 */
#include "sample.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>

static struct sockaddr_in loopback(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static void pair(char *got_msg, char *got_pong)
{
	char part1[] = "ab", part2[] = "cdef";
	struct iovec out[2] = { { part1, 2 }, { part2, 4 } };
	struct iovec in = { got_msg, 63 };
	struct msghdr m_out = { .msg_iov = out, .msg_iovlen = 2 };
	struct msghdr m_in = { .msg_iov = &in, .msg_iovlen = 1 };
	int sv[2];

	check(!syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv),
	      "socketpair");
	check(syscall(SYS_sendmsg, sv[0], &m_out, 0) == 6, "sendmsg");
	check(syscall(SYS_recvmsg, sv[1], &m_in, 0) == 6, "recvmsg");
	check(syscall(SYS_sendto, sv[1], "pong", 4, 0, NULL, 0) == 4,
	      "sendto");
	check(syscall(SYS_recvfrom, sv[0], got_pong, 63, 0, NULL, NULL) == 4,
	      "recvfrom");
	syscall(SYS_close, sv[0]);
	syscall(SYS_close, sv[1]);
}

static void datagram(char *got)
{
	struct sockaddr_in a = loopback(), from;
	socklen_t len = sizeof(a), flen = sizeof(from);
	long u1, u2;

	u1 = syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0);
	check(u1 >= 0, "socket");
	check(!syscall(SYS_bind, u1, &a, sizeof(a)), "bind");
	check(!syscall(SYS_getsockname, u1, &a, &len), "getsockname");
	u2 = syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0);
	check(u2 >= 0, "socket");
	check(syscall(SYS_sendto, u2, "datagram", 8, 0, &a, sizeof(a)) == 8,
	      "sendto");
	check(syscall(SYS_recvfrom, u1, got, 63, 0, &from, &flen) == 8,
	      "recvfrom");
	syscall(SYS_close, u2);
	syscall(SYS_close, u1);
}

static void client(const struct sockaddr_in *a)
{
	char got[64] = "";
	long fd = syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || syscall(SYS_connect, fd, a, sizeof(*a)) ||
	    syscall(SYS_sendto, fd, "hello server", 12, 0, NULL, 0) != 12 ||
	    syscall(SYS_recvfrom, fd, got, 12, MSG_WAITALL, NULL, NULL) != 12)
		syscall(SYS_exit_group, 1);
	syscall(SYS_close, fd);
	syscall(SYS_exit_group, strcmp(got, "hello client") ? 1 : 0);
}

static void tcp(char *got, int *status)
{
	struct sockaddr_in a = loopback(), peer;
	socklen_t len = sizeof(a), plen = sizeof(peer);
	long lfd, afd;
	int one = 1;
	pid_t pid;

	lfd = syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
	check(lfd >= 0, "socket");
	syscall(SYS_setsockopt, lfd, SOL_SOCKET, SO_REUSEADDR, &one,
		sizeof(one));
	check(!syscall(SYS_bind, lfd, &a, sizeof(a)), "bind");
	check(!syscall(SYS_listen, lfd, 1), "listen");
	check(!syscall(SYS_getsockname, lfd, &a, &len), "getsockname");
	pid = fork();
	check(pid >= 0, "fork");
	if (!pid)
		client(&a);
	afd = syscall(SYS_accept, lfd, &peer, &plen);
	check(afd >= 0, "accept");
	check(syscall(SYS_recvfrom, afd, got, 12, MSG_WAITALL, NULL, NULL) ==
	      12, "recvfrom");
	check(syscall(SYS_sendto, afd, "hello client", 12, 0, NULL, 0) == 12,
	      "sendto");
	syscall(SYS_close, afd);
	check(syscall(SYS_wait4, pid, status, 0, NULL) == pid, "wait4");
	syscall(SYS_close, lfd);
}

int main(void)
{
	char msg[64] = "", pong[64] = "", dgram[64] = "", tcpgot[64] = "";
	int status = -1;

	mark("begin");
	pair(msg, pong);
	datagram(dgram);
	tcp(tcpgot, &status);
	say("pair: %s %s\nudp: %s\ntcp: %s\nclient status %d\n", msg, pong,
	    dgram, tcpgot, status);
	mark("end");
	return 0;
}
