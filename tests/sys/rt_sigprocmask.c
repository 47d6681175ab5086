// SPDX-License-Identifier: MIT
/* rt_sigprocmask.c - rt_sigprocmask: sets, complements, the old set. */
#include "tests.h"

#include <signal.h>
#include <sys/syscall.h>

int main(void)
{
	uint64_t set = 1UL << (SIGUSR2 - 1), old = 0, all;
	int rc;

	test_begin();
	rc = (int)syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8);
	expect("rt_sigprocmask(SIG_BLOCK, [USR2], NULL, 8) = %d", rc);
	all = ~(uint64_t)((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)));
	rc = (int)syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, 8);
	expect("rt_sigprocmask(SIG_SETMASK, ~[KILL STOP], [USR2], 8) = %d", rc);
	set = 0;
	rc = (int)syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8);
	expect("rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = %d", rc);
	return test_end();
}
