// SPDX-License-Identifier: MIT
/* kill.c - kill: signal names, signal 0, errors. */
#include "tests.h"

#include <signal.h>

int main(void)
{
	int pid = getpid(), rc;

	sigset_t set;

	/* Blocked, so the signal stays pending: no delivery line. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	test_begin();
	rc = kill(pid, 0);
	expect("kill(%d, 0) = %d", pid, rc);
	rc = kill(pid, SIGUSR1);
	expect("kill(%d, SIGUSR1) = %d", pid, rc);
	rc = kill(pid, 12345);
	expect("kill(%d, 12345) = -1 EINVAL (Invalid argument)", pid);
	return test_end();
}
