// SPDX-License-Identifier: MIT
/* rt_sigaction.c - rt_sigaction: handlers, masks, flags, old action. */
#include "tests.h"

#include <signal.h>

static void handler(int sig)
{
}

int main(void)
{
	struct sigaction sa, old;
	int rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGINT);
	sigaddset(&sa.sa_mask, SIGTERM);
	test_begin();
	rc = sigaction(SIGUSR1, &sa, NULL);
	/* glibc fills in sa_restorer: learn it from the old action. */
	sigaction(SIGUSR1, NULL, &old);
	expect("rt_sigaction(SIGUSR1, {sa_handler=%s, sa_mask=[INT TERM], "
	       "sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=%s}, NULL, 8) = "
	       "%d",
	       addr((void *)handler), addr((void *)old.sa_restorer), rc);
	expect("rt_sigaction(SIGUSR1, NULL, {sa_handler=%s, sa_mask=[INT TERM],"
	       " sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=%s}, 8) = %d",
	       addr((void *)handler), addr((void *)old.sa_restorer), rc);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	rc = sigaction(SIGPIPE, &sa, NULL);
	expect("rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[], "
	       "sa_flags=SA_RESTORER, sa_restorer=%s}, NULL, 8) = %d",
	       addr((void *)old.sa_restorer), rc);
	rc = sigaction(SIGKILL, &sa, NULL);
	expect("rt_sigaction(SIGKILL, {sa_handler=SIG_IGN, sa_mask=[], "
	       "sa_flags=SA_RESTORER, sa_restorer=%s}, NULL, 8) = -1 EINVAL "
	       "(Invalid argument)", addr((void *)old.sa_restorer));
	return test_end();
}
