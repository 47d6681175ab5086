// SPDX-License-Identifier: MIT
/*
 * sleeper.c - a target for `srec record -p`: prints "pid N", then every
 * 10 ms sleeps (nanosleep) and writes its tick count "tick K" to stdout
 * until killed, or until argv[1] ticks if given.  A test attaches, lets
 * go, and checks that the ticks keep coming.
 */
#include "sample.h"

#include <time.h>

int main(int argc, char **argv)
{
	long limit = argc > 1 ? atol(argv[1]) : 0, tick;
	struct timespec ms10 = { 0, 10000000 };

	say("pid %d\n", (int)getpid());
	for (tick = 1; !limit || tick <= limit; tick++) {
		nanosleep(&ms10, NULL);
		say("tick %ld\n", tick);
	}
	return 0;
}
