// SPDX-License-Identifier: MIT
/*
 * storm.c - the record benchmark's loop: N (argv[1], default 100000)
 * iterations of getppid, a 64-byte write to /dev/null and a 64-byte read
 * from /dev/zero: three cheap calls, two of them with a buffer to keep.
 */
#include "sample.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000, i;
	char buf[64];
	int out, in;

	memset(buf, 'x', sizeof(buf));
	out = open("/dev/null", O_WRONLY);
	in = open("/dev/zero", O_RDONLY);
	check(out >= 0 && in >= 0, "open /dev/null, /dev/zero");
	mark("begin");
	for (i = 0; i < n; i++) {
		syscall(SYS_getppid);
		if (syscall(SYS_write, out, buf, sizeof(buf)) != sizeof(buf) ||
		    syscall(SYS_read, in, buf, sizeof(buf)) != sizeof(buf))
			return 1;
	}
	mark("end");
	say("storm %ld\n", n);
	return 0;
}
