/* SPDX-License-Identifier: MIT */
/*
 * srec_tick.h - a periodic SIGALRM whose only job is to break a blocking
 * waitpid() (the handler does nothing and is installed without
 * SA_RESTART), so that a tracer blocked there gets to look at its clock:
 * the recorder's time slices, the replayer's stall deadline.  A tracer
 * thus waits in one syscall per stop instead of polling.
 */
#ifndef SREC_TICK_H
#define SREC_TICK_H

#include <signal.h>
#include <sys/time.h>

struct srec_ticker {
	struct sigaction old_action; /* put back by srec_ticker_release() */
	struct itimerval old_timer;
};

/* Take SIGALRM: from now on it only interrupts (the timer is not armed). */
void srec_ticker_catch(struct srec_ticker *k);
/* Tick every @ms milliseconds from now on; 0 stops the ticks. */
void srec_ticker_arm(unsigned ms);
/* Stop ticking; SIGALRM's handler and timer are what they were before
 * srec_ticker_catch(). */
void srec_ticker_release(struct srec_ticker *k);

#endif
