// SPDX-License-Identifier: MIT
/*
 * pipes_dup.c - pipe2, dup, dup3, fcntl and a forked writer.  Between the
 * marks the parent makes exactly:
 *   pipe2 dup dup3 fcntl(F_GETFD) fcntl(F_GETFD) fcntl(F_SETFL) read(EAGAIN)
 *   fcntl(F_SETFL) fcntl(F_DUPFD_CLOEXEC) clone close close close close
 *   wait4 read read(EOF) close write
 * and the child: set_robust_list (glibc's fork) close write write
 * exit_group.
 */
#include "sample.h"

#include <sys/wait.h>

static const char line1[] = "from child\n", line2[] = "second line\n";

int main(void)
{
	int p[2], fd_dup, fd10, fd20, cloexec10, cloexec1, status;
	char buf[256] = "", empty[8];
	long n1, n2, again;
	pid_t pid;

	mark("begin");
	check(!syscall(SYS_pipe2, p, O_CLOEXEC), "pipe2");
	fd_dup = (int)syscall(SYS_dup, p[1]);
	fd10 = (int)syscall(SYS_dup3, p[1], 10, 0);
	check(fd_dup >= 0 && fd10 == 10, "dup");
	cloexec10 = (int)syscall(SYS_fcntl, 10, F_GETFD);
	cloexec1 = (int)syscall(SYS_fcntl, p[1], F_GETFD);
	syscall(SYS_fcntl, p[0], F_SETFL, O_NONBLOCK);
	again = syscall(SYS_read, p[0], empty, sizeof(empty));
	check(again == -1 && errno == EAGAIN, "read of an empty pipe");
	syscall(SYS_fcntl, p[0], F_SETFL, 0);
	fd20 = (int)syscall(SYS_fcntl, fd_dup, F_DUPFD_CLOEXEC, 20);
	check(fd20 == 20, "F_DUPFD_CLOEXEC");
	pid = fork();
	check(pid >= 0, "fork");
	if (!pid) {
		syscall(SYS_close, p[0]);
		syscall(SYS_write, 10, line1, sizeof(line1) - 1);
		syscall(SYS_write, fd_dup, line2, sizeof(line2) - 1);
		syscall(SYS_exit_group, 0);
	}
	syscall(SYS_close, p[1]);
	syscall(SYS_close, fd_dup);
	syscall(SYS_close, 10);
	syscall(SYS_close, 20);
	check(syscall(SYS_wait4, pid, &status, 0, NULL) == pid, "wait4");
	/* The child is gone: both lines are in the pipe, then EOF. */
	n1 = syscall(SYS_read, p[0], buf, sizeof(buf) - 1);
	n2 = syscall(SYS_read, p[0], empty, sizeof(empty));
	syscall(SYS_close, p[0]);
	say("cloexec %d %d\nread %ld then %ld\n%sstatus %d\n", cloexec10,
	    cloexec1, n1, n2, buf, status);
	mark("end");
	return 0;
}
