// SPDX-License-Identifier: MIT
/*
 * signals.c - signal delivery: handlers installed with rt_sigaction, a
 * kill to self, a signal blocked with sigprocmask then let through, a
 * read interrupted by SIGALRM (no SA_RESTART: EINTR) and a read
 * interrupted by SIGUSR1 (SA_RESTART: restarted, then it gets its byte).
 * The interrupting signals come from a forked child that waits until the
 * parent sleeps in read(2), so the order is the same on every run.
 * Between the marks the parent makes these calls (and signals):
 *   rt_sigaction x3 rt_sigprocmask(BLOCK USR2|CHLD)
 *   getpid kill [USR1] write rt_sigreturn
 *   getpid kill rt_sigpending rt_sigprocmask(UNBLOCK USR2) [USR2] write
 *   rt_sigreturn pipe2 pipe2 pipe2 clone
 *   read(interrupted) [ALRM] write rt_sigreturn write(ctl)
 *   read(interrupted) [USR1] write write(hp) rt_sigreturn read(1 byte)
 *   wait4 write
 */
#include "sample.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>

static int hp[2];
static volatile sig_atomic_t tell_child;

static void on_usr1(int sig)
{
	syscall(SYS_write, 1, "usr1\n", 5);
	if (tell_child)
		syscall(SYS_write, hp[1], "h", 1);
}

static void on_usr2(int sig)
{
	syscall(SYS_write, 1, "usr2\n", 5);
}

static void on_alrm(int sig)
{
	syscall(SYS_write, 1, "alrm\n", 5);
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	check(!sigaction(sig, &sa, NULL), "sigaction");
}

/* Wait until process @pid sleeps (state S: it is blocked in read). */
static void wait_sleeping(pid_t pid)
{
	struct timespec ms = { 0, 1000000 };
	char path[64], buf[256], *p;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (;;) {
		fd = open(path, O_RDONLY);
		n = fd >= 0 ? (int)read(fd, buf, sizeof(buf) - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n <= 0)
			_exit(3);
		buf[n] = '\0';
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return;
		nanosleep(&ms, NULL);
	}
}

static void child(pid_t parent, int ctl, int data)
{
	char c;

	wait_sleeping(parent);
	kill(parent, SIGALRM);
	if (read(ctl, &c, 1) != 1)
		_exit(4);
	wait_sleeping(parent);
	kill(parent, SIGUSR1);
	if (read(hp[0], &c, 1) != 1)
		_exit(5);
	if (write(data, "z", 1) != 1)
		_exit(6);
	_exit(0);
}

int main(void)
{
	sigset_t set, pending;
	int data[2], ctl[2], status, usr2_pending;
	long r1, r2;
	pid_t pid;
	char c = '?';

	mark("begin");
	handle(SIGUSR1, on_usr1, SA_RESTART);
	handle(SIGUSR2, on_usr2, 0);
	handle(SIGALRM, on_alrm, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	/* SIGCHLD would land anywhere in the parent's calls: keep it out. */
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	sigpending(&pending);
	usr2_pending = sigismember(&pending, SIGUSR2);
	sigdelset(&set, SIGCHLD);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	check(!pipe2(data, 0) && !pipe2(ctl, 0) && !pipe2(hp, 0), "pipe2");
	pid = fork();
	check(pid >= 0, "fork");
	if (!pid)
		child(getppid(), ctl[0], data[1]);
	r1 = syscall(SYS_read, data[0], &c, 1);
	check(r1 == -1 && errno == EINTR, "read interrupted by SIGALRM");
	tell_child = 1;
	check(syscall(SYS_write, ctl[1], "g", 1) == 1, "write");
	r2 = syscall(SYS_read, data[0], &c, 1);
	check(syscall(SYS_wait4, pid, &status, 0, NULL) == pid, "wait4");
	say("usr2 pending %d\nread %ld then %ld '%c'\nchild status %d\n",
	    usr2_pending, r1, r2, c, status);
	mark("end");
	return 0;
}
