// SPDX-License-Identifier: MIT
/*
 * threads.c - pthreads: T threads (argv[1], default 4), thread i makes
 * N (argv[2], default 100) write(2)s of i + 1 bytes to /dev/null, so
 * every call says which thread made it, then one FUTEX_WAKE on its own
 * word (no waiter: returns 0).  The main thread joins them (futex waits)
 * and prints one line per thread.
 */
#include "sample.h"

#include <linux/futex.h>
#include <pthread.h>

struct worker {
	pthread_t thread;
	int index, n, fd;
	int word;
	long tid, woken;
};

static void *work(void *arg)
{
	static const char bytes[64] = "0123456789abcdefghijklmnopqrstuvwxyz";
	struct worker *w = arg;
	int i;

	w->tid = syscall(SYS_gettid);
	for (i = 0; i < w->n; i++)
		if (syscall(SYS_write, w->fd, bytes, w->index + 1) !=
		    w->index + 1)
			return NULL;
	w->woken = syscall(SYS_futex, &w->word, FUTEX_WAKE_PRIVATE, 1,
			   NULL, NULL, 0);
	return NULL;
}

int main(int argc, char **argv)
{
	int nthreads = argc > 1 ? atoi(argv[1]) : 4;
	int n = argc > 2 ? atoi(argv[2]) : 100;
	struct worker *w;
	int i, fd;

	if (nthreads < 1 || nthreads > 64 || n < 0) {
		fprintf(stderr, "usage: threads [THREADS (1-64) [CALLS]]\n");
		return 2;
	}
	w = calloc((size_t)nthreads, sizeof(*w));
	check(w != NULL, "calloc");
	fd = open("/dev/null", O_WRONLY);
	check(fd >= 0, "/dev/null");
	mark("begin");
	for (i = 0; i < nthreads; i++) {
		w[i] = (struct worker){ .index = i, .n = n, .fd = fd };
		errno = pthread_create(&w[i].thread, NULL, work, &w[i]);
		check(!errno, "pthread_create");
	}
	for (i = 0; i < nthreads; i++)
		pthread_join(w[i].thread, NULL);
	mark("end");
	for (i = 0; i < nthreads; i++)
		say("thread %d: %d writes of %d bytes, futex wake %ld\n", i, n,
		    i + 1, w[i].woken);
	free(w);
	return 0;
}
