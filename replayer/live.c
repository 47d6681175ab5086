// SPDX-License-Identifier: MIT
/*
 * live.c - letting the program go: `replay --until` leaves it stopped for
 * a debugger, and `replay --inject=SPEC --live-after-inject` tampers with
 * the first recorded call SPEC picks and then lets the program run on
 * live, untraced, with real syscalls on this system, because from that
 * call on the recording no longer describes what the program does.
 *
 * SPEC picks calls as record -e inject= does (srec_inject.h): each
 * recorded thread counts its calls of each syscall as replay meets them,
 * so the invocation chosen is the one a live run under strace or
 * `srec record -e inject=` would tamper with.  At that call's entry stop
 * the call is turned into a no-op whose return register already holds
 * -ERRNO or the value (nothing is left for an exit stop to do), or, with
 * only a signal or a delay, it is set to run again once let go; the
 * signal is queued for the thread as the kernel queues strace's; delays
 * are slept before letting go.
 *
 * What the live part cannot have: what the replayed part got from
 * emulated calls only.  Files it opened, sockets, pipes, timers were
 * never created, so their fds do not exist live (fds 0-2 are replay's
 * own); chdir, umask and set*id were not made, so the cwd is the
 * recorded start's, the umask and ids replay's; the pids it was told
 * (getpid, a child's from fork) are the recorded ones, not the real
 * ones a live wait4 or kill needs.  Memory, threads, signal
 * dispositions and the processes forked so far are real.  Making those
 * real too needs syscalls run in the tracee at the switch (reopen each
 * file at its offset, chdir, ...): not done.
 */
#define _GNU_SOURCE /* tgkill */
#include "rpl_int.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "srec_err.h"

void rpl_detach_all(struct rpl *r, struct rpl_thread *keep, bool stopped)
{
	size_t i;

	for (i = 0; i < r->n_th; i++) {
		struct rpl_thread *x = r->th[i];
		bool sent = false;
		int sig = 0;

		if (x->st == RPL_RUNNING) {
			tgkill(x->proc->rpid, x->rtid, SIGSTOP);
			sent = true;
			if (rpl_wait(x, rpl_now_ms() + 1000))
				continue;
		}
		if (x != keep && x->st == RPL_ENTRY && !x->parked) {
			/* Undo the entry: the call runs again (for real)
			 * once the thread goes on. */
			struct srec_arch_regs regs = x->entry_regs;

			srec_arch_set_syscall_nr(&regs, -1);
			srec_arch_set_ret(&regs, x->nr);
			srec_arch_set_ip(&regs, srec_arch_ip(&regs) -
						srec_arch_syscall_insn_len);
			srec_arch_set_regs(x->rtid, &regs);
		}
		if (x->st == RPL_DEAD)
			continue;
		if (stopped)
			sig = SIGSTOP;
		else if (x->st == RPL_SIGNAL && x->sig != SIGSTOP)
			sig = x->sig; /* a real signal: it goes on, live */
		ptrace(PTRACE_DETACH, x->rtid, NULL, (void *)(long)sig);
		/* Stopped elsewhere than at our SIGSTOP, which is then still
		 * pending: it would stop the live program for good. */
		if (!stopped && sent &&
		    !(x->st == RPL_SIGNAL && x->sig == SIGSTOP))
			kill(x->proc->rpid, SIGCONT);
	}
	while (r->n_th)
		rpl_thread_forget(r, r->th[0]);
}

const struct srec_inject_rule *rpl_live_pick(struct rpl *r,
					     struct rpl_thread *t, long nr)
{
	if (!r->o->inject || nr < 0)
		return NULL;
	return srec_inject_hit(r->o->inject, &t->inj_counts, (unsigned)nr);
}

/* "-1 EACCES", "42", "SIGUSR1", "a delay": what is injected. */
static void describe(const struct srec_inject_rule *rule, char *buf,
		     size_t len)
{
	const char *name;

	if (rule->flags & SREC_INJ_ERROR) {
		name = srec_sys_errno_name(rule->error);
		if (name)
			snprintf(buf, len, "-1 %s", name);
		else
			snprintf(buf, len, "-1 (errno %d)", rule->error);
	} else if (rule->flags & SREC_INJ_RETVAL) {
		snprintf(buf, len, "%" PRId64, srec_inject_ret(rule));
	} else if (rule->flags & SREC_INJ_SIGNAL) {
		name = srec_sys_signal_name(rule->signo);
		snprintf(buf, len, "%s", name ? name : "a signal");
	} else {
		snprintf(buf, len, "a delay");
	}
}

int rpl_go_live(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t,
		const struct srec_inject_rule *rule)
{
	/* @ev may be the Clone event of the call: the thread says which. */
	const struct srec_sys_entry *e =
		t->nr >= 0 ? srec_sys_get((unsigned)t->nr) : NULL;
	struct srec_arch_regs regs = t->entry_regs;
	struct srec_rpl_live *live = r->o->live;
	pid_t root = r->root_rpid;
	char what[64];
	int status = 0;

	if (rule->flags & SREC_INJ_DELAY_ENTER)
		srec_inject_sleep(rule->delay_enter_ns);
	/* The call's exit is not seen once let go: its delay comes now. */
	if (rule->flags & SREC_INJ_DELAY_EXIT)
		srec_inject_sleep(rule->delay_exit_ns);
	srec_arch_set_syscall_nr(&regs, -1);
	if (srec_inject_tampers(rule)) {
		/* With number -1 the kernel leaves the return register as
		 * it is: the result is in place before the call "runs". */
		srec_arch_set_ret(&regs, srec_inject_ret(rule));
	} else {
		srec_arch_set_ret(&regs, t->nr);
		srec_arch_set_ip(&regs, srec_arch_ip(&regs) -
					srec_arch_syscall_insn_len);
	}
	if (srec_arch_set_regs(t->rtid, &regs))
		return rpl_diverge(r, ev, t, NULL, "cannot inject: the "
				   "thread's registers cannot be set");
	if ((rule->flags & SREC_INJ_SIGNAL) &&
	    tgkill(t->proc->rpid, t->rtid, rule->signo))
		return -errno;
	describe(rule, what, sizeof(what));
	srec_note("event #%" PRIu64 ": injected %s into %s() of process %d "
		  "(recorded as %d); the program runs live from here",
		  r->seq, what, e ? e->name : "a syscall", t->proc->rpid,
		  t->proc->pid);
	rpl_detach_all(r, t, false);
	live->went_live = true;
	live->seq = r->seq;
	/* PROG is srec's child: its status is what srec replay exits
	 * with, as srec record does. */
	while (waitpid(root, &status, 0) < 0) {
		if (errno == EINTR)
			continue;
		/* Replay had collected it already (it ended before the
		 * injected call, in another process). */
		status = 0;
		break;
	}
	live->status = WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
					     WEXITSTATUS(status);
	return RPL_LIVE;
}
