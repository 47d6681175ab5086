// SPDX-License-Identifier: MIT
/* getpid.c - getpid, getppid, gettid: calls without arguments.
 * TRACE: getpid,getppid,gettid */
#include "tests.h"

#include <sys/syscall.h>

int main(void)
{
	test_begin();
	expect("getpid() = %d", (int)syscall(SYS_getpid));
	expect("getppid() = %d", (int)syscall(SYS_getppid));
	expect("gettid() = %d", (int)syscall(SYS_gettid));
	return test_end();
}
