// SPDX-License-Identifier: MIT
/* nanosleep.c - nanosleep and clock_nanosleep: the requested timespec.
 * TRACE: nanosleep,clock_nanosleep */
#include "tests.h"

#include <sys/syscall.h>
#include <time.h>

int main(void)
{
	struct timespec ts = { 0, 1000 };
	int rc;

	test_begin();
	rc = (int)syscall(SYS_nanosleep, &ts, NULL);
	expect("nanosleep({tv_sec=0, tv_nsec=1000}, NULL) = %d", rc);
	rc = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	expect("clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000}, "
	       "NULL) = %d", rc);
	ts.tv_nsec = 1000000000;
	rc = (int)syscall(SYS_nanosleep, &ts, NULL);
	expect("nanosleep({tv_sec=0, tv_nsec=1000000000}, NULL) = -1 EINVAL "
	       "(Invalid argument)");
	return test_end();
}
