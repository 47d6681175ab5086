// SPDX-License-Identifier: MIT
/*
 * faults.c - a program that shows how it reacts to what its calls return,
 * for the fault injection tests: `faults FILE N` opens FILE N times with
 * the legacy open(2) (which neither the dynamic loader nor libc's start
 * makes, so `-e inject=open:when=...` counts this program's calls only),
 * prints what each try saw ("try 2: open: Permission denied" or
 * "try 3: fd 3, 3 bytes: v1"), then "uid N" from getuid(), then
 * "pid ok" or "pid N" from a getppid() during which a SIGUSR1 may arrive
 * ("got SIGUSR1" from the handler), and exits with the number of failed
 * tries.
 */
#include "sample.h"

#include <signal.h>

static void on_usr1(int sig)
{
	static const char msg[] = "got SIGUSR1\n";

	if (write(1, msg, sizeof(msg) - 1) < 0)
		_exit(112);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	int tries, i, failed = 0;
	char buf[64];
	long ppid;

	if (argc != 3 || (tries = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: faults FILE N\n");
		return 100;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	check(!sigaction(SIGUSR1, &sa, NULL), "sigaction");
	for (i = 1; i <= tries; i++) {
		long fd = syscall(SYS_open, argv[1], O_RDONLY);
		ssize_t n;

		if (fd < 0) {
			say("try %d: open: %s\n", i, strerror(errno));
			failed++;
			continue;
		}
		n = read((int)fd, buf, sizeof(buf));
		if (n < 0)
			say("try %d: fd %ld, read: %s\n", i, fd,
			    strerror(errno));
		else
			say("try %d: fd %ld, %zd bytes: %.*s\n", i, fd, n,
			    (int)n, buf);
		close((int)fd);
	}
	say("uid %ld\n", (long)getuid());
	ppid = syscall(SYS_getppid);
	/* The parent's pid changes from run to run; an injected value
	 * does not. */
	if (ppid == 4242)
		say("pid 4242\n");
	else
		say("pid ok\n");
	return failed;
}
