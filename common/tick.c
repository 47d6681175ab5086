// SPDX-License-Identifier: MIT
/* tick.c - the periodic SIGALRM of srec_tick.h. */
#include "srec_tick.h"

#include <string.h>

static void on_tick(int sig)
{
	(void)sig;
}

void srec_ticker_catch(struct srec_ticker *k)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick; /* no SA_RESTART: waitpid returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &k->old_action);
	getitimer(ITIMER_REAL, &k->old_timer);
}

void srec_ticker_arm(unsigned ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_interval.tv_sec = ms / 1000;
	it.it_interval.tv_usec = (ms % 1000) * 1000;
	it.it_value = it.it_interval;
	setitimer(ITIMER_REAL, &it, NULL);
}

void srec_ticker_release(struct srec_ticker *k)
{
	/* A tick that fired before this call is handled on its return,
	 * while on_tick is still the handler. */
	setitimer(ITIMER_REAL, &k->old_timer, NULL);
	sigaction(SIGALRM, &k->old_action, NULL);
}
