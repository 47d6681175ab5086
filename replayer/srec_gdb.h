/* SPDX-License-Identifier: MIT */
/*
 * srec_gdb.h - `srec replay --gdb` / `--gdb-port` (issue 16): a GDB
 * remote-protocol server driving a replay.  gdb stops, steps and
 * continues the replayed program while the replayer keeps feeding it the
 * recorded world; srec's own commands come through `monitor`.
 */
#ifndef SREC_GDB_H
#define SREC_GDB_H

#include <stdbool.h>
#include <stdint.h>

#include "srec_rpl.h"

struct srec_gdb_opts {
	const char *listen;  /* "ADDR:PORT" to serve on (port 0: any) */
	bool launch;         /* --gdb: run gdb on a private port */
	char **gdb_args;     /* more arguments for the launched gdb */
	int n_gdb_args;
	bool has_stop_at;    /* --stop-at SEQ: first stop before event SEQ */
	uint64_t stop_at;
};

/*
 * srec_gdb_replay - replay @o under a debugger as @g says.
 * @return: what srec_rpl_run() returns for the last replay gdb ran (a
 *          restart from gdb starts a new one); -ECANCELED after one line
 *          on stderr (no gdb, port in use, gdb never connected);
 *          -ECONNRESET when gdb went away mid-session (one line printed,
 *          the program killed).
 */
int srec_gdb_replay(struct srec_rpl_opts *o, const struct srec_gdb_opts *g);

#endif
