/* SPDX-License-Identifier: MIT */
/*
 * srec_rec.h - the recorder: run a program (or attach to a process) under
 * ptrace and write every syscall, signal, exec, clone and exit of it and
 * its descendants into a trace.
 */
#ifndef SREC_REC_H
#define SREC_REC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "srec_inject.h"

struct srec_rec_opts {
	const char *output;  /* trace path (the caller renamed any old one) */
	/* > 2: an fd already open on the trace (srec_fmt_output_open(), or
	 * -o -), which the recorder then owns; output only names it. */
	int output_fd;
	uint64_t buffer_cap; /* -s: bytes kept per buffer; 0 unlimited */
	bool no_env;         /* --no-env: store env names only */
	uint32_t stack_copy; /* -k: stack bytes kept per call; 0 none */
	pid_t attach_pid;    /* -p PID; 0 to run argv */
	char **argv;         /* PROG ARG..., NULL-terminated (not with -p) */
	/* -e inject=/fault=: calls to tamper with; NULL or no rules: none. */
	const struct srec_inject *inject;
	/* Optional: told, once each, what a user should know while the
	 * recording runs ("PROG is setuid: it runs unprivileged"); NULL to
	 * stay silent. */
	void (*warn)(const char *msg);
};

struct srec_rec_result {
	int exit_status;     /* PROG's, or 128+N if signal N killed it */
	uint64_t syscalls;
	uint64_t processes;
	uint64_t file_bytes;
};

/*
 * srec_rec_run - record until every tracee is gone (or, with -p, until
 * SIGINT/SIGTERM detaches).
 * @return: 0 with @res filled; -errno or SREC_E* when recording could not
 *          start or the trace could not be written (PROG missing is
 *          -ENOENT, not executable -EACCES, attach refused -EPERM ...).
 */
int srec_rec_run(const struct srec_rec_opts *o, struct srec_rec_result *res);

#endif
