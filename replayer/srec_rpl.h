/* SPDX-License-Identifier: MIT */
/*
 * srec_rpl.h - the replayer: re-run a recorded program under ptrace and
 * feed it the recorded world (return values and out-memory), checking
 * every call against the recording.
 */
#ifndef SREC_RPL_H
#define SREC_RPL_H

#include <stdbool.h>
#include <stdint.h>

#include "srec_inject.h"

/* What --inject ... --live-after-inject did (srec_rpl_opts.live). */
struct srec_rpl_live {
	bool went_live;        /* a call was injected, the program let go */
	uint64_t seq;          /* the event of that call */
	int status;            /* the program's exit status from there on,
				* 128+N if signal N killed it */
};
struct srec_gdb;

struct srec_rpl_opts {
	const char *trace;     /* the .srec file */
	const char *exe;       /* --exe PATH: another build; NULL: recorded */
	bool no_echo;          /* --no-echo: hide recorded stdout/stderr */
	bool has_until;        /* --until N given */
	uint64_t until;        /* stop at event N, leave the tracee stopped */
	unsigned stall_ms;     /* watchdog: stall report after this; 0: 10 s */
	/* --inject=SPEC: at the first recorded call SPEC picks (counted
	 * as record -e inject= counts), inject, then let the program run
	 * live and untraced; NULL: none.  Needs @live. */
	const struct srec_inject *inject;
	struct srec_rpl_live *live;
	struct srec_gdb *gdb;  /* a debugger drives the replay (srec_gdb.h) */
};

/*
 * srec_rpl_run - replay a trace.
 * @return: 0 when the end of the trace was reached with every recorded
 *          exit status reproduced; SREC_EDIVERGED after printing a
 *          divergence report (exit 1); SREC_EDAMAGED when the replay ran up
 *          to damage in the trace and stopped there (exit 2), after one
 *          line on stderr naming the damage; -ECANCELED when the
 *          program could not be started (one line printed); -ENOEXEC
 *          when the trace has no program start (recorded with -p);
 *          with o->inject, 0 too once the program went live and ended
 *          (o->live says so, and how it ended);
 *          other negative values for errors (unreadable trace: exit 2).
 */
int srec_rpl_run(const struct srec_rpl_opts *o);

#endif
