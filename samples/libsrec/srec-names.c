// SPDX-License-Identifier: MIT
/*
 * srec-names.c - the example program of libsrec (srec.h): print the name
 * of every syscall in a trace, one a line, in recorded order, as
 *   srec query --csv FILE "SELECT name FROM syscalls ORDER BY seq"
 * prints them.  Build it against an installed libsrec with the Makefile
 * beside it:  cc -o srec-names srec-names.c $(pkg-config --cflags --libs srec)
 *
 * Exit status: 0; 1 when the trace is damaged (every intact syscall is
 * printed, then the damage named); 2 for usage errors and files that are
 * not readable traces.
 */
#include <srec.h>

#include <stdio.h>

int main(int argc, char **argv)
{
	struct srec_trace *t;
	const struct srec_event *ev;
	struct srec_syscall sc;
	int rc, status = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: srec-names FILE\n");
		return 2;
	}
	rc = srec_trace_open(argv[1], &t);
	if (rc < 0) {
		fprintf(stderr, "srec-names: %s: %s\n", argv[1],
			srec_strerror(rc));
		return 2;
	}
	while ((rc = srec_trace_next(t, &ev)) != 0) {
		if (rc == SREC_ERR_DAMAGED)
			continue; /* named once at the end */
		if (rc < 0) {
			fprintf(stderr, "srec-names: %s: %s\n", argv[1],
				srec_strerror(rc));
			status = 1;
			break;
		}
		if (srec_event_syscall(ev, &sc))
			continue;
		if (sc.name)
			printf("%s\n", sc.name);
		else
			printf("syscall_%u\n", sc.nr);
	}
	if (!srec_trace_complete(t)) {
		fprintf(stderr, "srec-names: %s: %s\n", argv[1],
			srec_trace_damage(t));
		status = 1;
	}
	srec_trace_close(t);
	return status;
}
