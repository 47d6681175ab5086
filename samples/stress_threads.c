// SPDX-License-Identifier: MIT
/*
 * stress_threads.c - load for the recorder: T threads (argv[1], default
 * 8) each making N getppid calls (argv[2], default 50000) while the main
 * thread forks C children (argv[3], default 100) one after the other;
 * child i makes i % 7 getppid calls and exits with status i % 64.  Prints
 * the totals, which a test compares with the trace.
 */
#include "sample.h"

#include <pthread.h>
#include <sys/wait.h>

static long calls;

static void *spin(void *arg)
{
	long i;

	for (i = 0; i < calls; i++)
		syscall(SYS_getppid);
	return NULL;
}

int main(int argc, char **argv)
{
	int nthreads = argc > 1 ? atoi(argv[1]) : 8;
	int children = argc > 3 ? atoi(argv[3]) : 100;
	long child_calls = 0, bad = 0;
	pthread_t *t;
	int i, j, status;
	pid_t pid;

	calls = argc > 2 ? atol(argv[2]) : 50000;
	if (nthreads < 0 || nthreads > 256 || calls < 0 || children < 0) {
		fprintf(stderr, "usage: stress_threads [THREADS [CALLS "
			"[CHILDREN]]]\n");
		return 2;
	}
	t = calloc((size_t)nthreads + 1, sizeof(*t));
	check(t != NULL, "calloc");
	for (i = 0; i < nthreads; i++) {
		errno = pthread_create(&t[i], NULL, spin, NULL);
		check(!errno, "pthread_create");
	}
	for (i = 0; i < children; i++) {
		pid = fork();
		check(pid >= 0, "fork");
		if (!pid) {
			for (j = 0; j < i % 7; j++)
				syscall(SYS_getppid);
			syscall(SYS_exit_group, i % 64);
		}
		child_calls += i % 7;
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != i % 64)
			bad++;
	}
	for (i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	free(t);
	say("threads %d x %ld getppid, %d children with %ld getppid, "
	    "%ld bad exits\n", nthreads, calls, children, child_calls, bad);
	return bad != 0;
}
