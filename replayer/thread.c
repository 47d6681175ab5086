// SPDX-License-Identifier: MIT
/*
 * thread.c - the replayed threads: the table from recorded to real ids,
 * resuming a thread and collecting its next ptrace stop (with a deadline,
 * so a stuck tracee becomes a stall report instead of a hang), and
 * driving a dying thread to its end.
 *
 * A thread's stop is collected with waitpid() on that thread alone; the
 * stops of other threads wait in the kernel until the engine asks for
 * them, which is what lets the engine run one thread at a time.
 */
#define _GNU_SOURCE /* __WALL */
#include "rpl_int.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "srec_err.h"

int64_t rpl_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct rpl_proc *rpl_proc_new(pid_t pid, pid_t rpid,
			      const struct rpl_proc *copy)
{
	struct rpl_proc *p = srec_xcalloc(1, sizeof(*p));

	p->pid = pid;
	p->rpid = rpid;
	if (copy)
		memcpy(p->echo, copy->echo, sizeof(p->echo));
	return p;
}

struct rpl_thread *rpl_thread_find(struct rpl *r, pid_t tid)
{
	size_t i;

	for (i = 0; i < r->n_th; i++)
		if (r->th[i]->tid == tid)
			return r->th[i];
	return NULL;
}

struct rpl_thread *rpl_thread_add(struct rpl *r, pid_t tid, pid_t rtid,
				  struct rpl_proc *p)
{
	struct rpl_thread *t = srec_xcalloc(1, sizeof(*t));

	t->tid = tid;
	t->rtid = rtid;
	t->proc = p;
	t->r = r;
	p->refs++;
	t->st = RPL_RUNNING;
	t->fresh = true;
	if (r->n_th == r->cap_th) {
		r->cap_th = r->cap_th ? 2 * r->cap_th : 16;
		r->th = srec_xrealloc(r->th, r->cap_th * sizeof(*r->th));
	}
	r->th[r->n_th++] = t;
	return t;
}

void rpl_thread_forget(struct rpl *r, struct rpl_thread *t)
{
	size_t i;

	for (i = 0; i < r->n_th; i++) {
		if (r->th[i] != t)
			continue;
		r->th[i] = r->th[--r->n_th];
		if (!--t->proc->refs)
			free(t->proc);
		srec_inject_counts_free(&t->inj_counts);
		free(t);
		return;
	}
}

/*
 * A thread stopped inside a call (its entry stop, a PTRACE_EVENT stop)
 * must reach that call's exit stop: only PTRACE_SYSCALL reports it.
 * Signal and group stops come on the way back to user space, after the
 * exit stop, as does a new thread's first SIGSTOP; and a call stopped at
 * with PTRACE_SYSEMU is over already.
 */
bool rpl_between_calls(const struct rpl_thread *t)
{
	return t->st == RPL_EXIT || t->st == RPL_SIGNAL ||
	       t->st == RPL_GROUP || t->st == RPL_INITIAL ||
	       rpl_emu_stop(t);
}

int rpl_resume(struct rpl_thread *t, int sig)
{
	bool emu = t->emu_next && rpl_between_calls(t);

	if (ptrace(emu ? PTRACE_SYSEMU : PTRACE_SYSCALL, t->rtid, NULL,
		   (void *)(long)sig))
		return -errno;
	/* PTRACE_SYSCALL after a PTRACE_SYSEMU stop reports an exit stop
	 * for the skipped call; rpl_wait() passes it. */
	t->skip_exit = !emu && rpl_emu_stop(t);
	t->st = RPL_RUNNING;
	t->resumed_emu = emu;
	return 0;
}

/* Let a dying thread go on without syscall stops. */
static int cont(struct rpl_thread *t)
{
	if (ptrace(PTRACE_CONT, t->rtid, NULL, NULL) && errno != ESRCH)
		return -errno;
	t->st = RPL_RUNNING;
	return 0;
}

static void decode_stop(struct rpl_thread *t, int status)
{
	int sig = WSTOPSIG(status);
	siginfo_t si;

	if (sig == (SIGTRAP | 0x80)) {
		struct __ptrace_syscall_info info;

		memset(&info, 0, sizeof(info));
		ptrace(PTRACE_GET_SYSCALL_INFO, t->rtid,
		       (void *)sizeof(info), &info);
		if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
			t->st = RPL_ENTRY;
			t->emu_next = false;
			t->nr = (long)info.entry.nr;
			memcpy(t->args, info.entry.args, sizeof(t->args));
			srec_arch_get_regs(t->rtid, &t->entry_regs);
		} else {
			t->st = RPL_EXIT;
		}
		return;
	}
	if (sig == SIGTRAP && status >> 16) {
		t->st = RPL_EVENT;
		t->event = status >> 16;
		return;
	}
	if (t->fresh && sig == SIGSTOP) {
		t->st = RPL_INITIAL;
		t->fresh = false;
		return;
	}
	t->sig = sig;
	/* Without PTRACE_SEIZE a group-stop looks like a signal stop but
	 * has no siginfo. */
	if (ptrace(PTRACE_GETSIGINFO, t->rtid, NULL, &si) && errno == EINVAL)
		t->st = RPL_GROUP;
	else
		t->st = RPL_SIGNAL;
}

int rpl_wait(struct rpl_thread *t, int64_t deadline_ms)
{
	while (t->st == RPL_RUNNING) {
		int status;
		pid_t w = waitpid(t->rtid, &status, __WALL);

		if (w < 0 && errno == EINTR) {
			if (rpl_now_ms() >= deadline_ms)
				return -ETIMEDOUT;
			continue;
		}
		if (w < 0)
			return -errno;
		if (!WIFSTOPPED(status)) {
			t->st = RPL_DEAD;
			t->wstatus = status;
			break;
		}
		decode_stop(t, status);
		if (t->st == RPL_SIGNAL && t->sig == SIGTRAP && t->r->o->gdb) {
			int64_t t0 = rpl_now_ms();
			int ret = rpl_dbg_trap(t);

			if (ret < 0)
				return ret;
			/* Time at gdb's prompt is no stall. */
			deadline_ms += rpl_now_ms() - t0;
			continue;
		}
		if (t->st == RPL_EXIT && t->skip_exit) {
			t->skip_exit = false;
			if (ptrace(PTRACE_SYSCALL, t->rtid, NULL, NULL))
				return -errno;
			t->st = RPL_RUNNING;
		}
	}
	return 0;
}

int rpl_reap(struct rpl *r, struct rpl_thread *t, bool until_exit_event)
{
	int ret;

	while (t->st != RPL_DEAD) {
		if (t->st == RPL_EVENT && t->event == PTRACE_EVENT_EXIT) {
			if (until_exit_event)
				return cont(t);
			ret = cont(t);
			if (ret)
				return ret;
		} else if (t->st != RPL_RUNNING) {
			/* Stopped elsewhere: the kill that ends its group
			 * wakes it; only collect what comes next. */
			t->st = RPL_RUNNING;
		}
		ret = rpl_wait(t, r->last_progress_ms + (int64_t)r->stall_ms);
		if (ret == -ECHILD) {
			t->st = RPL_DEAD;
			t->wstatus = 0;
			return 0;
		}
		if (ret)
			return ret;
	}
	return 0;
}

static struct rpl_thread *by_rtid(struct rpl *r, pid_t rtid)
{
	size_t i;

	for (i = 0; i < r->n_th; i++)
		if (r->th[i]->rtid == rtid)
			return r->th[i];
	return NULL;
}

void rpl_kill_all(struct rpl *r)
{
	size_t i, alive = 0;

	/* SIGKILL ends ptrace-stopped threads too; collect every one so
	 * nothing is left behind, stopped or zombie.  Tracees not in the
	 * table yet (a fork not replayed so far) die with srec through
	 * PTRACE_O_EXITKILL. */
	for (i = 0; i < r->n_th; i++) {
		if (r->th[i]->st == RPL_DEAD)
			continue;
		kill(r->th[i]->rtid, SIGKILL);
		alive++;
	}
	while (alive) {
		struct rpl_thread *t;
		int status;
		pid_t w = waitpid(-1, &status, __WALL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		t = by_rtid(r, w);
		if (WIFSTOPPED(status)) {
			if (!t)
				kill(w, SIGKILL);
			ptrace(PTRACE_CONT, w, NULL, NULL);
		} else if (t && t->st != RPL_DEAD) {
			t->st = RPL_DEAD;
			alive--;
		}
	}
	while (r->n_th)
		rpl_thread_forget(r, r->th[0]);
}
