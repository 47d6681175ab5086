/* SPDX-License-Identifier: MIT */
/*
 * srec_export.h - `srec export`: write a loaded trace (a srec_q session,
 * srec_q.h) in formats other tools open.
 *
 * perfetto: the Chrome trace-event JSON ("JSON Object Format") that
 * ui.perfetto.dev and chrome://tracing open.  One process per traced
 * process and one thread track per traced thread (M metadata events
 * naming them by comm and tid), one complete event ("ph":"X") per
 * syscall with its decoded arguments and result in "args", a thread
 * instant ("ph":"i") per signal, a flow ("ph":"s"/"f") from each fork,
 * vfork or clone call to the child's first call and from each execve to
 * the first call of the new image, and global instants for the
 * divergences and stalls of a replay report.  Times are microseconds of
 * trace time (with ns precision).
 *
 * csv and jsonl: the rows of the `syscalls` table, exactly as `srec query
 * --csv` / `--json` print `SELECT * FROM syscalls`.
 */
#ifndef SREC_EXPORT_H
#define SREC_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "srec_q.h"

/* One divergence or stall of `srec replay`, read from its report. */
struct srec_export_mark {
	uint64_t seq;   /* the event where replay stopped */
	int pid, tid;   /* as the report names them; 0 when it does not */
	char *title;    /* "replay diverged at event #42" */
	char *detail;   /* the report's indented lines, '\n'-separated */
};

struct srec_export_marks {
	struct srec_export_mark *v;
	size_t n;
};

/*
 * srec_export_read_report - collect the divergences and stalls of the
 * report `srec replay` printed on stderr, saved to @path ("srec: replay
 * diverged at event #N (pid P, tid T)" and the indented lines after it).
 * Other lines are ignored: a report of a replay that went well has no
 * mark.
 * @m: filled in (free with srec_export_marks_free()).
 * @return: 0, or -errno when @path cannot be read.
 */
int srec_export_read_report(const char *path, struct srec_export_marks *m);

void srec_export_marks_free(struct srec_export_marks *m);

/*
 * srec_export_perfetto - write the trace of session @q (one trace) as
 * trace-event JSON to @out, with the marks @m (NULL for none).
 * @return: 0; -EINVAL with srec_q_errmsg() set when SQLite failed; the
 *          -errno of the first failed write to @out (-EIO if unknown).
 */
int srec_export_perfetto(struct srec_q *q, const struct srec_export_marks *m,
			 FILE *out);

/*
 * srec_export_syscalls - write the `syscalls` table of @q to @out in
 * @mode (SREC_Q_CSV or SREC_Q_JSON), as srec_q_exec() prints it.
 * @return: as srec_q_exec().
 */
int srec_export_syscalls(struct srec_q *q, enum srec_q_mode mode, FILE *out);

#endif
