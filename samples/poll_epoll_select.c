// SPDX-License-Identifier: MIT
/*
 * poll_epoll_select.c - readiness calls on a pipe: poll, ppoll, select,
 * pselect6, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait.  Between
 * the marks it makes exactly:
 *   pipe2 write poll select pselect6 epoll_create1 epoll_ctl epoll_wait
 *   read epoll_pwait(timeout) ppoll(timeout) close close close write
 * and prints what each call reported.
 */
#include "sample.h"

#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>

int main(void)
{
	struct pollfd pfd[2];
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 42 }, evs[4];
	struct timeval tv = { 0, 0 };
	struct timespec ts0 = { 0, 0 }, ts5 = { 0, 5000000 };
	fd_set rfds, rfds2;
	long npoll, nsel, npsel, nwait, nwait2, nppoll, epfd;
	int p[2], rev0, rev1;
	char c;

	mark("begin");
	check(!syscall(SYS_pipe2, p, 0), "pipe2");
	check(syscall(SYS_write, p[1], "x", 1) == 1, "write");
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	npoll = syscall(SYS_poll, pfd, 2, 0);
	rev0 = pfd[0].revents;
	rev1 = pfd[1].revents;
	FD_ZERO(&rfds);
	FD_SET(p[0], &rfds);
	rfds2 = rfds;
	nsel = syscall(SYS_select, p[0] + 1, &rfds, NULL, NULL, &tv);
	npsel = syscall(SYS_pselect6, p[0] + 1, &rfds2, NULL, NULL, &ts0,
			NULL);
	epfd = syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
	check(epfd >= 0, "epoll_create1");
	check(!syscall(SYS_epoll_ctl, epfd, EPOLL_CTL_ADD, p[0], &ev),
	      "epoll_ctl");
	nwait = syscall(SYS_epoll_wait, epfd, evs, 4, 0);
	check(nwait == 1 && evs[0].data.u64 == 42, "epoll_wait");
	check(syscall(SYS_read, p[0], &c, 1) == 1, "read");
	nwait2 = syscall(SYS_epoll_pwait, epfd, evs, 4, 5, NULL, 8);
	pfd[1].fd = -1;
	nppoll = syscall(SYS_ppoll, pfd, 2, &ts5, NULL, 8);
	syscall(SYS_close, epfd);
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	say("poll %ld revents %#x %#x\nselect %ld %d\npselect6 %ld\n"
	    "epoll_wait %ld data %llu\nepoll_pwait %ld\nppoll %ld\n", npoll,
	    rev0, rev1, nsel, FD_ISSET(p[0], &rfds), npsel,
	    nwait, (unsigned long long)evs[0].data.u64, nwait2, nppoll);
	mark("end");
	return 0;
}
