// SPDX-License-Identifier: MIT
/*
 * nested_ptrace.c - a program that traces its own children, as debuggers
 * and rr's tests do.  A child calls PTRACE_TRACEME and stops itself with
 * SIGSTOP for its parent to see; the parent waits for it and continues
 * it.  Then the parent PTRACE_ATTACHes to a second child.  Prints what
 * each step returned: natively "traceme 0 / stopped 1 / exit 3 /
 * attach 0", under srec (already the tracer of both) ptrace fails with
 * EPERM, the child is not stopped and the parent sees it exit.
 */
#include "sample.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

int main(void)
{
	int st, p2[2];
	long r;
	pid_t c;
	char b;

	c = fork();
	check(c >= 0, "fork");
	if (!c) {
		r = ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		say("traceme %ld\n", r);
		raise(SIGSTOP);
		_exit(3);
	}
	check(waitpid(c, &st, 0) == c, "waitpid");
	say("stopped %d\n", WIFSTOPPED(st));
	if (WIFSTOPPED(st)) {
		ptrace(PTRACE_CONT, c, NULL, NULL);
		check(waitpid(c, &st, 0) == c, "waitpid");
	}
	say("exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

	check(!pipe(p2), "pipe");
	c = fork();
	check(c >= 0, "fork");
	if (!c) {
		/* Wait until the parent has tried, then go. */
		close(p2[1]);
		_exit(read(p2[0], &b, 1) == 1 ? 4 : 5);
	}
	close(p2[0]);
	r = ptrace(PTRACE_ATTACH, c, NULL, NULL);
	say("attach %ld\n", r);
	if (!r) {
		/* The attach stop, then let it run untraced. */
		waitpid(c, &st, 0);
		ptrace(PTRACE_DETACH, c, NULL, NULL);
	}
	check(write(p2[1], "x", 1) == 1, "write");
	check(waitpid(c, &st, 0) == c, "waitpid");
	say("exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}
