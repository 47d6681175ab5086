// SPDX-License-Identifier: MIT
/*
 * count.c - which invocation of a syscall a rule tampers with: each
 * thread counts its own entries into each syscall a rule names (strace
 * keeps these counts per tracee and per syscall), and when= picks
 * invocations FIRST, FIRST+STEP, ... up to LAST; and the delays' sleep.
 */
#include "srec_inject.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

bool srec_inject_when(const struct srec_inject_rule *r, uint32_t n)
{
	if (n < r->first)
		return false;
	if (r->last != SREC_INJ_LAST_INF && n > r->last)
		return false;
	if (n == r->first)
		return true;
	return r->step && (n - r->first) % r->step == 0;
}

const struct srec_inject_rule *srec_inject_hit(const struct srec_inject *inj,
					       struct srec_inject_counts *c,
					       unsigned nr)
{
	const struct srec_inject_rule *r = srec_inject_rule_for(inj, nr);

	if (!r)
		return NULL;
	if (!c->n) {
		c->n = calloc(inj->limit, sizeof(*c->n));
		/* Without memory to count in, nothing is injected rather
		 * than the wrong invocation. */
		if (!c->n)
			return NULL;
	}
	/* Saturates: past 2^32 - 1 calls no when= range reaches anyway. */
	if (c->n[nr] != UINT32_MAX)
		c->n[nr]++;
	return srec_inject_when(r, c->n[nr]) ? r : NULL;
}

void srec_inject_counts_free(struct srec_inject_counts *c)
{
	free(c->n);
	c->n = NULL;
}

void srec_inject_sleep(uint64_t ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(ns / 1000000000u),
		.tv_nsec = (long)(ns % 1000000000u),
	};

	while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
		;
}
