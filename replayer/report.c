// SPDX-License-Identifier: MIT
/*
 * report.c - what replay prints when the program parts from the
 * recording (a divergence) or stops making progress (a stall): the event,
 * the expected and the actual call decoded as `srec dump` shows them,
 * what differs, and the events that led there.
 */
#include "rpl_int.h"

#include <inttypes.h>
#include <signal.h>
#include <linux/sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>

#include "srec_err.h"

void rpl_show_bytes(struct srec_buf *out, const uint8_t *p, size_t n)
{
	size_t i, printable = 0;

	for (i = 0; i < n; i++)
		if ((p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\n' ||
		    p[i] == '\t')
			printable++;
	if (n && printable * 4 >= n * 3) {
		srec_buf_addc(out, '"');
		for (i = 0; i < n; i++) {
			if (p[i] == '\n')
				srec_buf_adds(out, "\\n");
			else if (p[i] == '\t')
				srec_buf_adds(out, "\\t");
			else if (p[i] == '"' || p[i] == '\\')
				srec_buf_addf(out, "\\%c", p[i]);
			else if (p[i] >= 0x20 && p[i] < 0x7f)
				srec_buf_addc(out, (char)p[i]);
			else
				srec_buf_addf(out, "\\x%02x", p[i]);
		}
		srec_buf_addc(out, '"');
		return;
	}
	for (i = 0; i < n; i++)
		srec_buf_addf(out, "%s%02x", i ? " " : "", p[i]);
	if (!n)
		srec_buf_adds(out, "(nothing)");
}

void rpl_event_line(const Srec__Event *ev, struct srec_buf *out)
{
	struct srec_sys_fmt_opts fo = { .max_str = 48 };

	if (srec_sys_format_event(ev, &fo, out))
		return;
	if (ev->kind_case == SREC__EVENT__KIND_EXEC)
		srec_buf_addf(out, "--- exec %s ---", ev->exec->exe ?
			      ev->exec->exe : "?");
	else if (ev->kind_case == SREC__EVENT__KIND_CLONE)
		srec_buf_addf(out, "--- new %s %d ---",
			      ev->clone->flags & CLONE_THREAD ?
				      "thread" : "process",
			      ev->clone->child_tid);
	else
		srec_buf_addf(out, "(%s event)", srec_fmt_event_kind_name(ev));
}

/* The last events of @t, read back from the trace by sequence number. */
static void history(struct rpl *r, const struct rpl_thread *t,
		    struct srec_buf *out)
{
	struct srec_fmt_reader *rd = NULL;
	unsigned i, n = t->n_hist < 5 ? t->n_hist : 5;

	if (!n || srec_fmt_reader_open(r->o->trace, &rd))
		return;
	srec_buf_addf(out, "  previous events of tid %d:\n", t->tid);
	for (i = 0; i < n; i++) {
		uint64_t seq = t->hist[(t->n_hist - n + i) % 5];
		const Srec__Event *ev;

		if (srec_fmt_reader_seek(rd, seq) ||
		    srec_fmt_reader_next(rd, &ev) != 1)
			continue;
		srec_buf_addf(out, "    #%" PRIu64 " ", seq);
		rpl_event_line(ev, out);
		srec_buf_addc(out, '\n');
	}
	srec_fmt_reader_close(rd);
}

/* The ticker's SIGALRM (srec_tick.h) must not cut a report short when
 * stderr is a full pipe: it waits while the report is written. */
static void put_report(const char *text)
{
	sigset_t alrm, old;

	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, &old);
	fputs(text, stderr);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int rpl_diverge(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t,
		const Srec__Syscall *actual, const char *what)
{
	struct srec_buf out = SREC_BUF_INIT;

	srec_buf_addf(&out, "srec: replay diverged at event #%" PRIu64,
		      r->seq);
	if (ev)
		srec_buf_addf(&out, " (pid %d, tid %d)", ev->pid, ev->tid);
	if (t)
		srec_buf_addf(&out, " [replayed as tid %d]", t->rtid);
	srec_buf_adds(&out, "\n  expected: ");
	if (ev)
		rpl_event_line(ev, &out);
	else
		srec_buf_adds(&out, "(end of the trace)");
	if (actual) {
		srec_buf_adds(&out, "\n  actual:   ");
		srec_sys_format_call(actual, NULL, &out);
		if (actual->has_ret)
			srec_sys_format_ret(actual, &out);
	}
	srec_buf_addf(&out, "\n  difference: %s\n", what);
	if (t)
		history(r, t, &out);
	put_report(srec_buf_str(&out));
	if (r->o->gdb)
		rpl_dbg_diverged(r, t, srec_buf_str(&out));
	srec_buf_free(&out);
	return SREC_EDIVERGED;
}

static const char *state_name(const struct rpl_thread *t)
{
	switch (t->st) {
	case RPL_RUNNING:
		return "running (no stop since resumed)";
	case RPL_INITIAL:
		return "new, not started yet";
	case RPL_ENTRY:
		return t->parked ? "parked in a call that never returns" :
				   "stopped at syscall entry";
	case RPL_EXIT:
		return "stopped at syscall exit";
	case RPL_EVENT:
		if (t->event == PTRACE_EVENT_EXIT)
			return "exiting";
		return "stopped at a ptrace event";
	case RPL_SIGNAL:
		return "stopped for a signal";
	case RPL_GROUP:
		return "group-stopped";
	default:
		return "gone";
	}
}

int rpl_stall(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	struct srec_buf out = SREC_BUF_INIT;
	size_t i;

	srec_buf_addf(&out, "srec: replay stalled at event #%" PRIu64
		      ": no progress for %" PRIu64 " ms", r->seq,
		      r->stall_ms);
	if (ev)
		srec_buf_addf(&out, " (pid %d, tid %d)", ev->pid, ev->tid);
	srec_buf_adds(&out, "\n  expected: ");
	if (ev)
		rpl_event_line(ev, &out);
	srec_buf_adds(&out, "\n  threads:\n");
	for (i = 0; i < r->n_th; i++) {
		const struct rpl_thread *x = r->th[i];

		srec_buf_addf(&out, "    tid %d (replayed as %d): %s", x->tid,
			      x->rtid, state_name(x));
		if (x->st == RPL_ENTRY) {
			const struct srec_sys_entry *e = srec_sys_get(
				(unsigned)x->nr);

			srec_buf_addf(&out, " (%s)", e ? e->name : "?");
		} else if (x->st == RPL_SIGNAL || x->st == RPL_GROUP) {
			const char *s = srec_sys_signal_name(x->sig);

			srec_buf_addf(&out, " (%s)", s ? s : "?");
		}
		srec_buf_addc(&out, '\n');
	}
	if (t)
		history(r, t, &out);
	put_report(srec_buf_str(&out));
	srec_buf_free(&out);
	return SREC_EDIVERGED;
}
