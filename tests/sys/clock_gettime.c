// SPDX-License-Identifier: MIT
/* clock_gettime.c - clock_gettime: clock names and the timespec written.
 * (srec hides the vDSO, so these are real syscalls.) */
#include "tests.h"

#include <sys/syscall.h>
#include <time.h>

int main(void)
{
	struct timespec ts;
	int rc;

	test_begin();
	rc = (int)syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	expect("clock_gettime(CLOCK_MONOTONIC, {tv_sec=%lld, tv_nsec=%ld}) = "
	       "%d",
	       (long long)ts.tv_sec, ts.tv_nsec, rc);
	rc = (int)syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts);
	expect("clock_gettime(CLOCK_REALTIME, {tv_sec=%lld, tv_nsec=%ld}) = %d",
	       (long long)ts.tv_sec, ts.tv_nsec, rc);
	rc = (int)syscall(SYS_clock_gettime, 1234, &ts);
	expect("clock_gettime(0x4d2 /* CLOCK_??? */, %s) = -1 EINVAL "
	       "(Invalid argument)", addr(&ts));
	return test_end();
}
