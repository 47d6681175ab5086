// SPDX-License-Identifier: MIT
/*
 * nested.c - ptrace inside the recorded program (strace, gdb, a test that
 * forks a child and traces it).  A process has one tracer, and srec is
 * already every tracee's: the kernel fails PTRACE_TRACEME, and
 * PTRACE_ATTACH or PTRACE_SEIZE of another recorded process, with EPERM,
 * as it would under any debugger.  srec says so once, in one line, so the
 * program's own complaint has an explanation.
 *
 * What would hang is the next step of PTRACE_TRACEME's usual pattern:
 * the child stops itself (raise(SIGSTOP)) for its tracer to see, and the
 * parent waits for that stop; but the parent is no tracer, so the stop
 * would never be reported and both would wait forever.  A thread whose
 * PTRACE_TRACEME failed therefore does not stop on its next SIGSTOP: srec
 * drops the signal, writes a Note in place of the Signal event (so replay,
 * which delivers only recorded signals, drops it too), and the child runs
 * on as if its tracer had continued it; the parent's wait then sees it
 * exit.  Emulating a tracer for the program is not attempted.
 */
#include "rec_int.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

static const char *request_name(uint64_t req)
{
	switch (req) {
	case PTRACE_TRACEME:
		return "PTRACE_TRACEME";
	case PTRACE_ATTACH:
		return "PTRACE_ATTACH";
	case PTRACE_SEIZE:
		return "PTRACE_SEIZE";
	default:
		return NULL;
	}
}

void rec_nested_exit(struct rec *r, struct rec_thread *t, int64_t ret)
{
	const char *what;

	if (t->nr != SYS_ptrace || ret != -EPERM)
		return;
	what = request_name(t->args[0]);
	if (!what)
		return;
	if (t->args[0] == PTRACE_TRACEME)
		t->flags |= T_NO_TRACER;
	if (r->warned_ptrace)
		return;
	r->warned_ptrace = true;
	rec_warn(r, "process %d called ptrace(%s): it fails with EPERM "
		 "under srec, which already traces every recorded process "
		 "(debuggers and strace cannot run inside a recording)",
		 (int)t->tgid, what);
}

bool rec_nested_drop(struct rec *r, struct rec_thread *t, int sig)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Note n = SREC__NOTE__INIT;
	char text[160];

	if (sig != SIGSTOP || !(t->flags & T_NO_TRACER))
		return false;
	t->flags &= ~T_NO_TRACER;
	snprintf(text, sizeof(text),
		 "SIGSTOP to thread %d dropped: its PTRACE_TRACEME failed, "
		 "so no tracer would see the stop", (int)t->tid);
	n.text = text;
	ev.has_pid = ev.has_tid = true;
	ev.pid = t->tgid;
	ev.tid = t->tid;
	ev.kind_case = SREC__EVENT__KIND_NOTE;
	ev.note = &n;
	rec_append(r, &ev);
	return true;
}
