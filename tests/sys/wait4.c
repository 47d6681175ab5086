// SPDX-License-Identifier: MIT
/* wait4.c - wait4: exit and signal statuses of a child.  There are two
 * processes, so every line carries its [pid N] prefix; dump_sys.sh shows
 * only the test's own process (--pid). */
#include "tests.h"

#include <signal.h>
#include <sys/wait.h>

int main(void)
{
	int status, me = getpid(), rc;
	pid_t c;

	sigset_t set;

	/* Blocked: no SIGCHLD delivery lines between the calls. */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	c = fork();
	if (!c)
		_exit(3);
	test_begin();
	rc = wait4(c, &status, 0, NULL);
	expect("[pid %d] wait4(%d, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, "
	       "NULL) = %d", me, c, rc);
	c = fork();
	if (!c) {
		pause();
		_exit(0);
	}
	kill(c, SIGKILL);
	rc = wait4(c, &status, 0, NULL);
	expect("[pid %d] wait4(%d, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}]"
	       ", 0, NULL) = %d", me, c, rc);
	rc = wait4(-1, &status, WNOHANG, NULL);
	expect("[pid %d] wait4(-1, %s, WNOHANG, NULL) = -1 ECHILD (No child "
	       "processes)", me, addr(&status));
	return test_end();
}
