// SPDX-License-Identifier: MIT
/*
 * fork_exec.c - process creation: a forked child that first fails to
 * exec a missing program, then execs /bin/true; a vforked child that
 * re-execs this program as "fork_exec child 3", which prints a line and
 * exits 3.  Between the marks the parent makes exactly:
 *   clone wait4 vfork wait4 write
 * the forked child: set_robust_list (glibc's fork) execve(ENOENT)
 * execve(/bin/true) ... (true's own)
 * the vforked child: execve(/proc/self/exe) ... (this program, child mode)
 */
#include "sample.h"

#include <sys/wait.h>

extern char **environ;

int main(int argc, char **argv)
{
	char *true_argv[] = { "true", NULL };
	char *self_argv[] = { "fork_exec", "child", "3", NULL };
	int st1 = -1, st2 = -1;
	pid_t pid;

	if (argc == 3 && !strcmp(argv[1], "child")) {
		say("child %s of %d\n", argv[2], (int)getppid());
		return atoi(argv[2]);
	}
	mark("begin");
	pid = fork();
	check(pid >= 0, "fork");
	if (!pid) {
		syscall(SYS_execve, "/nonexistent/srec-prog", true_argv,
			environ);
		syscall(SYS_execve, "/bin/true", true_argv, environ);
		_exit(127);
	}
	check(syscall(SYS_wait4, pid, &st1, 0, NULL) == pid, "wait4");
	pid = vfork();
	check(pid >= 0, "vfork");
	if (!pid) {
		syscall(SYS_execve, "/proc/self/exe", self_argv, environ);
		_exit(127);
	}
	check(syscall(SYS_wait4, pid, &st2, 0, NULL) == pid, "wait4");
	say("true exited %d\nchild exited %d\n", WEXITSTATUS(st1),
	    WEXITSTATUS(st2));
	mark("end");
	return 0;
}
