// SPDX-License-Identifier: MIT
/*
 * time_random.c - what differs on every run: clocks and random bytes.
 * Through libc (which uses the vDSO when it has one: under srec it has
 * none, so the time calls become syscalls): clock_gettime(REALTIME),
 * clock_gettime(MONOTONIC), gettimeofday, time, nanosleep(1 ms),
 * getrandom(16).  Prints every value, so a test can compare them with the
 * bytes the trace holds.
 */
#include "sample.h"

#include <sys/random.h>
#include <sys/time.h>
#include <time.h>

int main(void)
{
	struct timespec rt, mono, nap = { 0, 1000000 };
	unsigned char rnd[16];
	char hex[40];
	struct timeval tv;
	time_t t;
	int i;

	mark("begin");
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	gettimeofday(&tv, NULL);
	t = time(NULL);
	nanosleep(&nap, NULL);
	check(getrandom(rnd, sizeof(rnd), 0) == sizeof(rnd), "getrandom");
	for (i = 0; i < 16; i++)
		sprintf(hex + 2 * i, "%02x", rnd[i]);
	say("realtime %lld.%09ld\nmonotonic %lld.%09ld\n"
	    "gettimeofday %lld.%06ld\ntime %lld\nrandom %s\n",
	    (long long)rt.tv_sec, rt.tv_nsec, (long long)mono.tv_sec,
	    mono.tv_nsec, (long long)tv.tv_sec, (long)tv.tv_usec,
	    (long long)t, hex);
	mark("end");
	return 0;
}
