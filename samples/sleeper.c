// SPDX-License-Identifier: MIT
/*
 * sleeper.c - a target for `srec record -p`: prints "pid N", then every
 * 10 ms sleeps (nanosleep) and writes its tick count "tick K" to stdout,
 * until killed, or until argv[1] ticks if given and not 0.  With
 * argv[2] = T, T more threads do the same, writing "thread I tick K".
 * A test attaches, lets go, and checks that the ticks keep coming.
 */
#include "sample.h"

#include <pthread.h>
#include <stdint.h>
#include <time.h>

static long limit;

static void tick(long index)
{
	struct timespec ms10 = { 0, 10000000 };
	long k;

	for (k = 1; !limit || k <= limit; k++) {
		nanosleep(&ms10, NULL);
		if (index < 0)
			say("tick %ld\n", k);
		else
			say("thread %ld tick %ld\n", index, k);
	}
}

static void *thread_main(void *arg)
{
	tick((long)(intptr_t)arg);
	return NULL;
}

int main(int argc, char **argv)
{
	int threads = argc > 2 ? atoi(argv[2]) : 0, i;
	pthread_t t;

	limit = argc > 1 ? atol(argv[1]) : 0;
	say("pid %d\n", (int)getpid());
	for (i = 0; i < threads; i++) {
		errno = pthread_create(&t, NULL, thread_main,
				       (void *)(intptr_t)i);
		check(!errno, "pthread_create");
	}
	tick(-1);
	return 0;
}
