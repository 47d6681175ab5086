// SPDX-License-Identifier: MIT
/*
 * rec.c - the recorder's ptrace engine: start PROG (or seize a running
 * process), then one waitpid loop that turns every stop of every thread
 * into events (schemas/EVENTS.md): a syscall's entry stop captures its
 * IN memory, its exit stop its OUT memory and writes the Syscall event;
 * fork/clone/exec/exit events and signal-delivery stops write theirs.
 *
 * The loop is the hot path: one waitpid, one PTRACE_GET_SYSCALL_INFO and
 * one restart per stop, registers only for rseq, per-thread buffers reused
 * from call to call.
 */
#define _GNU_SOURCE /* personality, __WALL */
#include "rec_int.h"

#include <dirent.h>
#include <linux/sched.h> /* struct clone_args */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "srec_arch.h"
#include "srec_buf.h"
#include "srec_tick.h"
#include "srec_tracee.h"

#define TRACE_OPTIONS                                                     \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
	 PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT)

extern char **environ;

/* Set by SIGINT/SIGTERM/SIGHUP while attached (-p). */
static volatile sig_atomic_t stop_requested;
/* A tracee the signal handler interrupts so that waitpid returns. */
static volatile pid_t kick_tid;

uint64_t rec_now(const struct rec *r)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec -
	       r->t0;
}

int rec_append(struct rec *r, Srec__Event *ev)
{
	int err;

	if (r->err)
		return r->err;
	err = srec_fmt_writer_append(r->w, ev);
	if (err)
		r->err = err;
	return err;
}

void rec_warn(struct rec *r, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!r->o->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->o->warn(msg);
}

static void resume(struct rec_thread *t, int sig)
{
	/* ESRCH: killed meanwhile (SIGKILL); its death is reported next. */
	ptrace(PTRACE_SYSCALL, t->tid, NULL, (void *)(long)sig);
}

/* ---- One CPU for tracer and tracee ------------------------------------ */

/*
 * Every ptrace stop is a handoff: the tracee stops and wakes srec, srec
 * resumes it and waits.  With both on one CPU each handoff is a plain
 * context switch; across two CPUs it is a cross-CPU wakeup each way (an
 * IPI, on a VM an exit from idle).  bench/README.md has what that costs.
 * So srec puts its tracing thread and PROG on the CPU it runs on, as rr
 * does, while that cannot change what PROG does or sees: as long as PROG
 * is a single thread that never asked for its CPU mask.  The first clone,
 * fork or vfork (threads or processes that could run in parallel), and
 * the first sched_getaffinity or sched_setaffinity, give every tracee and
 * srec the mask they had, for good.  The writer thread, started before,
 * always keeps the whole mask and compresses on another CPU.  With -p the
 * process's mask is left alone: srec does not rearrange a running program.
 */
static void bind_cpu(struct rec *r, pid_t child)
{
	cpu_set_t one;
	int cpu;

	if (sched_getaffinity(0, sizeof(r->cpus), &r->cpus) ||
	    CPU_COUNT(&r->cpus) < 2)
		return;
	cpu = sched_getcpu();
	if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &r->cpus))
		return;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(child, sizeof(one), &one))
		return;
	r->bound = true;
	/* Failing, srec merely runs where the scheduler puts it. */
	sched_setaffinity(0, sizeof(one), &one);
}

/* @child: a tracee not in the table yet (just forked), or 0. */
static void unbind_cpu(struct rec *r, pid_t child)
{
	size_t i;

	if (!r->bound)
		return;
	r->bound = false;
	for (i = 0; i < r->tab_cap; i++)
		if (r->tab[i])
			sched_setaffinity(r->tab[i]->tid, sizeof(r->cpus),
					  &r->cpus);
	if (child > 0)
		sched_setaffinity(child, sizeof(r->cpus), &r->cpus);
	sched_setaffinity(0, sizeof(r->cpus), &r->cpus);
}

/* ---- Events other than syscalls --------------------------------------- */

/* @thread: only this thread ended, its process goes on. */
static int emit_exit(struct rec *r, struct rec_thread *t, int status,
		     bool thread)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Exit x = SREC__EXIT__INIT;

	if (WIFSIGNALED(status)) {
		x.has_signal = true;
		x.signal = WTERMSIG(status);
		if (WCOREDUMP(status))
			x.has_core_dumped = x.core_dumped = true;
	} else {
		x.has_code = true;
		x.code = WEXITSTATUS(status);
	}
	x.has_thread = true;
	x.thread = thread;
	ev.has_pid = ev.has_tid = true;
	ev.pid = t->tgid;
	ev.tid = t->tid;
	ev.kind_case = SREC__EVENT__KIND_EXIT;
	ev.exit = &x;
	return rec_append(r, &ev);
}

/* The call @t is in never returns: write it now (rule 5). */
static void end_call(struct rec *r, struct rec_thread *t)
{
	if (!(t->flags & T_IN_SYSCALL))
		return;
	rec_emit_syscall(r, t, 0, 0, true);
	t->flags &= ~(T_IN_SYSCALL | T_FORCED | T_INJECTED);
	t->inj = NULL;
}

static void on_death(struct rec *r, pid_t tid, int status)
{
	struct rec_thread *t = rec_thread_find(r, tid);

	if (!t)
		return;
	if (!r->detaching) {
		end_call(r, t);
		/* The leader's death is reported once the whole group is
		 * gone (the kernel delays it): it is the process's. */
		emit_exit(r, t, status, tid != t->tgid);
	}
	if (tid == r->root) {
		r->root_done = true;
		r->root_status = WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
						       WEXITSTATUS(status);
	}
	if (tid == kick_tid)
		kick_tid = 0;
	rec_thread_del(r, t);
}

static void emit_signal(struct rec *r, struct rec_thread *t, int sig)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Signal s = SREC__SIGNAL__INIT;
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (!ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &si)) {
		s.has_code = s.has_sender_pid = s.has_sender_uid = true;
		s.code = si.si_code;
		s.sender_pid = si.si_pid;
		s.sender_uid = si.si_uid;
		if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
		    sig == SIGFPE || sig == SIGTRAP) {
			s.has_addr = true;
			s.addr = (uint64_t)(uintptr_t)si.si_addr;
		}
		if (sig == SIGCHLD) {
			s.has_status = true;
			s.status = si.si_status;
		}
		s.has_siginfo = true;
		s.siginfo.len = sizeof(si);
		s.siginfo.data = (uint8_t *)&si;
	}
	s.has_signo = true;
	s.signo = sig;
	ev.has_pid = ev.has_tid = true;
	ev.pid = t->tgid;
	ev.tid = t->tid;
	ev.kind_case = SREC__EVENT__KIND_SIGNAL;
	ev.signal = &s;
	rec_append(r, &ev);
}

/* A handler may run: that is user code, which needs the token. */
static void on_signal(struct rec *r, struct rec_thread *t, int sig)
{
	t->pending = P_SIGNAL;
	t->pending_sig = sig;
	rec_sched_run(r, t);
}

/* A new thread's first user code, after its parent's Clone event. */
static void start_thread(struct rec *r, struct rec_thread *t)
{
	t->flags |= T_GLUED;
	t->pending = P_START;
	rec_sched_run(r, t);
}

/* The call's clone flags, with the exit signal in the low byte as
 * clone() has it (clone3 keeps it in a field of its own). */
static uint64_t clone_flags(struct rec *r, struct rec_thread *t, int event)
{
	struct clone_args ca;

	if ((t->flags & T_IN_SYSCALL) && t->nr == r->nr_clone)
		return t->args[0];
	if ((t->flags & T_IN_SYSCALL) && t->nr == r->nr_clone3 &&
	    srec_tracee_read(t->tid, t->args[0], &ca,
			     CLONE_ARGS_SIZE_VER0) == CLONE_ARGS_SIZE_VER0)
		return ca.flags | (ca.exit_signal & CSIGNAL);
	if (event == PTRACE_EVENT_VFORK)
		return CLONE_VM | CLONE_VFORK | SIGCHLD;
	return SIGCHLD;
}

static void on_clone(struct rec *r, struct rec_thread *t, int event)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Clone c = SREC__CLONE__INIT;
	struct rec_thread *child;
	unsigned long msg = 0;
	uint64_t flags;
	pid_t tid, pid;

	ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &msg);
	tid = (pid_t)msg;
	unbind_cpu(r, tid);
	flags = clone_flags(r, t, event);
	pid = flags & CLONE_THREAD ? t->tgid : tid;
	c.has_kind = c.has_flags = c.has_child_pid = c.has_child_tid = true;
	c.kind = event == PTRACE_EVENT_FORK ?
			 SREC__CLONE_KIND__CLONE_KIND_FORK :
		 event == PTRACE_EVENT_VFORK ?
			 SREC__CLONE_KIND__CLONE_KIND_VFORK :
			 SREC__CLONE_KIND__CLONE_KIND_CLONE;
	c.flags = flags;
	c.child_pid = pid;
	c.child_tid = tid;
	if (t->flags & T_IN_SYSCALL) {
		c.has_nr = true;
		c.nr = t->nr;
	}
	ev.has_pid = ev.has_tid = true;
	ev.pid = t->tgid;
	ev.tid = t->tid;
	ev.kind_case = SREC__EVENT__KIND_CLONE;
	ev.clone = &c;
	rec_append(r, &ev);
	if (!(flags & CLONE_THREAD))
		r->processes++;

	/* The child's first stop may have come already: it waited, held,
	 * so that none of its events precedes this Clone event. */
	child = rec_thread_find(r, tid);
	if (!child) {
		child = rec_thread_add(r, tid, pid);
		child->flags = T_NEW | T_ANNOUNCED;
	} else {
		child->tgid = pid;
		child->flags |= T_ANNOUNCED;
	}
	/* Threads sharing memory take turns; a process of its own runs
	 * beside its parent unless they share writable memory (-p records
	 * in parallel: no tokens). */
	rec_vm_put(child->vm);
	child->vm = rec_vm_for_child(r, t->vm, flags & CLONE_VM);
	if (child->flags & T_HELD) {
		child->flags &= ~T_HELD;
		start_thread(r, child);
	}
	resume(t, 0);
}

static void on_exec(struct rec *r, struct rec_thread *t, pid_t tid)
{
	struct __ptrace_syscall_info info;
	unsigned long msg = 0;
	pid_t former;

	ptrace(PTRACE_GETEVENTMSG, tid, NULL, &msg);
	former = (pid_t)msg;
	if (former && former != tid) {
		/* A non-leader thread exec'd: it takes the leader's tid, and
		 * the leader is gone without a death of its own to report. */
		struct rec_thread *f = rec_thread_find(r, former);

		if (f) {
			if (t) {
				end_call(r, t);
				emit_exit(r, t, 0, true);
				rec_thread_del(r, t);
			}
			rec_thread_rename(r, f, tid);
			t = f;
		}
	}
	if (!t)
		t = rec_thread_add(r, tid, tid);
	if (t->vm)
		rec_sched_move(r, t, rec_vm_new(r));
	memset(&info, 0, sizeof(info));
	ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(info), &info);
	rec_exec_stop(r, t, former ? former : tid, info.instruction_pointer,
		      info.stack_pointer);
	resume(t, 0);
}

static void on_event_stop(struct rec *r, struct rec_thread *t, int sig)
{
	if (t->flags & T_NEW) {
		t->flags &= ~T_NEW;
		if (t->flags & T_ANNOUNCED)
			start_thread(r, t);
		else
			t->flags |= T_HELD;
		return;
	}
	if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	    sig == SIGTTOU) {
		/* Group-stop: stay stopped as without srec, but let SIGCONT
		 * and our own PTRACE_INTERRUPT through. */
		rec_sched_leave(r, t);
		ptrace(PTRACE_LISTEN, t->tid, NULL, NULL);
		return;
	}
	resume(t, 0);
}

/* ---- Syscall stops ----------------------------------------------------- */

/* rseq fails with ENOSYS: the kernel then keeps no per-thread area that
 * replay could not reproduce (rule 10). */
static void skip_call(struct rec_thread *t)
{
	struct srec_arch_regs regs;

	if (srec_arch_get_regs(t->tid, &regs))
		return;
	srec_arch_set_syscall_nr(&regs, -1);
	if (!srec_arch_set_regs(t->tid, &regs))
		t->flags |= T_FORCED;
}

/* @return: the signal to resume @t with (-e inject=...:signal=). */
static int on_entry(struct rec *r, struct rec_thread *t,
		    const struct __ptrace_syscall_info *info)
{
	uint32_t nr = (uint32_t)info->entry.nr;
	bool start = false;

	if (t->flags & T_SKIP) {
		/* srec's child before its execve(PROG): not PROG's. */
		if (nr != r->nr_execve)
			return 0;
		t->flags &= ~T_SKIP;
		start = true;
	}
	if (info->arch != srec_arch_audit) {
		/* A 32-bit call (int 0x80) of a 64-bit process: the table
		 * and replay know native numbers only. */
		if (!(t->flags & T_COMPAT))
			rec_warn(r, "thread %d made 32-bit syscalls; they "
				 "are not recorded", (int)t->tid);
		t->flags |= T_COMPAT;
		return 0;
	}
	t->nr = nr;
	memcpy(t->args, info->entry.args, sizeof(t->args));
	t->ip = info->instruction_pointer;
	t->sp = info->stack_pointer;
	t->t_enter = rec_now(r);
	t->flags = (t->flags | T_IN_SYSCALL) & ~T_FORCED;
	if (nr == r->nr_sched_getaffinity || nr == r->nr_sched_setaffinity)
		unbind_cpu(r, 0);
	rec_capture_enter(r, t);
	if (nr == r->nr_rseq)
		skip_call(t);
	/* -e inject= leaves execve(PROG) alone, as strace does. */
	return r->o->inject && !start ? rec_inject_enter(r, t) : 0;
}

/* Did the call that returned @ret map memory that a fork shares and
 * either side may write? */
static bool maps_shared_writable(const struct rec *r,
				 const struct rec_thread *t, int64_t ret)
{
	if (srec_sys_failed(ret))
		return false;
	if (t->nr == r->nr_mmap)
		return (t->args[3] & MAP_TYPE) != MAP_PRIVATE &&
		       (t->args[2] & PROT_WRITE);
	return t->nr == r->nr_shmat && !(t->args[2] & SHM_RDONLY);
}

/*
 * The kernel's writes are read now; the event is written when the thread
 * gets its token back (rec_continue()).
 * @return: whether the call is one of the trace's (else just resume).
 */
static bool on_exit_stop(struct rec *r, struct rec_thread *t,
			 const struct __ptrace_syscall_info *info)
{
	int64_t ret = info->exit.rval;
	uint64_t now;

	if (!(t->flags & T_IN_SYSCALL))
		return false; /* its entry came before we were attached */
	/* After delay_exit=: the program gets the result only then. */
	if (t->inj)
		ret = rec_inject_exit(r, t, ret);
	now = rec_now(r);
	if (t->flags & T_INJECTED) {
		/* The call did not run: no memory of it to read.  An rseq
		 * given a result by a rule is not also forced. */
		t->flags &= ~T_FORCED;
	} else if (t->flags & T_FORCED) {
		if (ret != -ENOSYS) {
			struct srec_arch_regs regs;

			if (!srec_arch_get_regs(t->tid, &regs)) {
				srec_arch_set_ret(&regs, -ENOSYS);
				srec_arch_set_regs(t->tid, &regs);
			}
		}
		ret = -ENOSYS;
	} else {
		rec_capture_exit(r, t, ret);
		rec_nested_exit(r, t, ret);
		if (maps_shared_writable(r, t, ret))
			rec_vm_note_shared(t->vm);
	}
	t->pending = P_EXIT;
	t->pending_ret = ret;
	t->pending_t = now;
	return true;
}

static void finish_call(struct rec *r, struct rec_thread *t)
{
	int64_t ret = t->pending_ret;

	rec_emit_syscall(r, t, ret, t->pending_t, false);
	t->flags &= ~(T_IN_SYSCALL | T_FORCED | T_GLUED | T_INJECTED);
	t->inj = NULL;
	if (t->exec) {
		if (ret == 0)
			rec_exec_emit(r, t);
		rec_exec_free(t->exec);
		t->exec = NULL;
	}
}

void rec_continue(struct rec *r, struct rec_thread *t)
{
	int sig = 0;

	switch (t->pending) {
	case P_EXIT:
		finish_call(r, t);
		break;
	case P_SIGNAL:
		sig = t->pending_sig;
		if (rec_nested_drop(r, t, sig))
			sig = 0;
		else
			emit_signal(r, t, sig);
		break;
	default:
		break;
	}
	t->pending = P_NONE;
	resume(t, sig);
}

/*
 * A thread other than the leader that calls exit keeps its token until it
 * is dead.  On its way out the kernel clears its tid word and wakes
 * pthread_join (CLONE_CHILD_CLEARTID), and glibc reuses a thread's stack
 * only once that word is 0: replay reaps such a thread at its exit, so
 * the others must not run before that point here either.  (A leader's
 * death is reported only after all its threads', so it cannot wait.)
 */
static bool exits_holding_token(const struct rec *r,
				const struct rec_thread *t)
{
	return (t->flags & T_IN_SYSCALL) && t->nr == r->nr_exit &&
	       t->tid != t->tgid;
}

static void on_syscall_stop(struct rec *r, struct rec_thread *t)
{
	struct __ptrace_syscall_info info;
	int sig = 0;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) > 0) {
		if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
			sig = on_entry(r, t, &info);
			/* Its user code is done until the call returns. */
			if ((t->flags & (T_IN_SYSCALL | T_GLUED)) ==
			    T_IN_SYSCALL && !exits_holding_token(r, t))
				rec_sched_leave(r, t);
		} else if (info.op == PTRACE_SYSCALL_INFO_EXIT &&
			   on_exit_stop(r, t, &info)) {
			rec_sched_run(r, t);
			return;
		}
	}
	resume(t, sig);
}

/* ---- Detaching (-p) ------------------------------------------------------ */

/* Stop every tracee so each can be detached at its next stop.  A thread
 * inside a blocking call is interrupted; detached, it restarts the call,
 * which then completes as if srec had never been there. */
static void begin_detach(struct rec *r)
{
	size_t i;

	r->detaching = true;
	for (i = 0; i < r->tab_cap; i++) {
		struct rec_thread *t = r->tab[i];

		if (!t)
			continue;
		if (t->flags & T_HELD) {
			ptrace(PTRACE_DETACH, t->tid, NULL, NULL);
			t->flags |= T_DETACHED;
		} else {
			ptrace(PTRACE_INTERRUPT, t->tid, NULL, NULL);
		}
	}
	for (i = 0; i < r->tab_cap;) {
		struct rec_thread *t = r->tab[i];

		/* Deleting shifts later entries back into slot i. */
		if (t && (t->flags & T_DETACHED))
			rec_thread_del(r, t);
		else
			i++;
	}
}

static void detach_stop(struct rec *r, pid_t tid, int status)
{
	struct rec_thread *t = rec_thread_find(r, tid);
	int sig = WSTOPSIG(status), event = status >> 16;
	unsigned long child = 0;

	/* A signal-delivery-stop passes its signal on; any other stop
	 * (group-stop included: the thread stays stopped) passes none. */
	if (event || sig == (SIGTRAP | 0x80))
		sig = 0;
	/* A child born at this very stop is traced too: wait for its
	 * first stop to let it go as well. */
	if ((event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
	     event == PTRACE_EVENT_CLONE) &&
	    !ptrace(PTRACE_GETEVENTMSG, tid, NULL, &child) && child &&
	    !rec_thread_find(r, (pid_t)child))
		rec_thread_add(r, (pid_t)child, (pid_t)child);
	ptrace(PTRACE_DETACH, tid, NULL, (void *)(long)sig);
	if (t)
		rec_thread_del(r, t);
}

/* ---- The loop ------------------------------------------------------------ */

static void on_stop(struct rec *r, pid_t tid, int status)
{
	struct rec_thread *t = rec_thread_find(r, tid);
	int sig = WSTOPSIG(status), event = status >> 16;

	if (!t) {
		/* An auto-attached child whose parent's fork/clone event
		 * has not been seen yet: its tgid comes with that event. */
		t = rec_thread_add(r, tid, tid);
		t->flags = T_NEW;
	}
	if (sig == (SIGTRAP | 0x80)) {
		on_syscall_stop(r, t);
		return;
	}
	switch (event) {
	case 0:
		on_signal(r, t, sig);
		break;
	case PTRACE_EVENT_STOP:
		on_event_stop(r, t, sig);
		break;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_clone(r, t, event);
		break;
	case PTRACE_EVENT_EXEC:
		on_exec(r, t, tid);
		break;
	case PTRACE_EVENT_EXIT: {
		bool hold = exits_holding_token(r, t);

		end_call(r, t);
		if (!hold)
			rec_sched_leave(r, t);
		resume(t, 0);
		break;
	}
	default:
		resume(t, 0);
		break;
	}
}

static int loop(struct rec *r)
{
	pid_t tid;
	int status;

	for (;;) {
		if (stop_requested && !r->detaching)
			begin_detach(r);
		/* Every tracee let go: srec's own children, if any, are not
		 * ours to wait for. */
		if (r->detaching && !r->tab_n)
			return 0;
		tid = waitpid(-1, &status, __WALL);
		if (tid < 0) {
			if (errno == EINTR) {
				/* Maybe the slice timer (sched.c). */
				rec_sched_tick(r);
				continue;
			}
			return errno == ECHILD ? 0 : -errno;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status))
			on_death(r, tid, status);
		else if (!WIFSTOPPED(status))
			continue;
		else if (r->detaching)
			detach_stop(r, tid, status);
		else
			on_stop(r, tid, status);
		if (!kick_tid && r->tab_n && r->attach) {
			size_t i;

			for (i = 0; i < r->tab_cap && !kick_tid; i++)
				if (r->tab[i])
					kick_tid = r->tab[i]->tid;
		}
	}
}

/* ---- Starting ------------------------------------------------------------ */

/* Where execvp would find @prog: -ENOENT, -EACCES (found, not runnable),
 * -EISDIR, or 0 with @path filled. */
static int resolve(const char *prog, char *path, size_t size)
{
	const char *dirs = getenv("PATH"), *p, *end;
	struct stat st;
	int err = -ENOENT;

	if (!*prog)
		return -ENOENT;
	if (strchr(prog, '/')) {
		if (stat(prog, &st))
			return -errno;
		if (S_ISDIR(st.st_mode))
			return -EISDIR;
		if (access(prog, X_OK) || !S_ISREG(st.st_mode))
			return -EACCES;
		snprintf(path, size, "%s", prog);
		return 0;
	}
	if (!dirs)
		dirs = "/usr/local/bin:/bin:/usr/bin";
	for (p = dirs;; p = end + 1) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		if (end == p)
			snprintf(path, size, "%s", prog);
		else
			snprintf(path, size, "%.*s/%s", (int)(end - p), p,
				 prog);
		if (!stat(path, &st) && !S_ISDIR(st.st_mode)) {
			if (S_ISREG(st.st_mode) && !access(path, X_OK))
				return 0;
			err = -EACCES;
		}
		if (!*end)
			break;
	}
	return err;
}

/* Fork PROG's process: it waits on @gate until srec traces it, then
 * turns ASLR off (inherited by everything it starts) and execs. */
static pid_t spawn(const char *path, char **argv, int gate[2])
{
	pid_t pid = fork();
	char c;

	if (pid)
		return pid < 0 ? -errno : pid;
	close(gate[1]);
	personality((unsigned long)personality(0xffffffff) |
		    ADDR_NO_RANDOMIZE);
	while (read(gate[0], &c, 1) < 0 && errno == EINTR)
		;
	execve(path, argv, environ);
	_exit(errno == ENOENT ? 127 : 126);
}

/* Seize @pid and stop it once so that syscall tracing can start.  A
 * process srec attached to outlives srec (the kernel detaches it when
 * srec dies); one srec started dies with it (EXITKILL). */
static int seize(struct rec *r, pid_t pid, pid_t tgid)
{
	long opts = TRACE_OPTIONS | (r->attach ? 0 : PTRACE_O_EXITKILL);

	if (ptrace(PTRACE_SEIZE, pid, NULL, (void *)opts))
		return -errno;
	rec_thread_add(r, pid, tgid);
	/* Its PTRACE_EVENT_STOP is then handled as an interrupt stop. */
	if (ptrace(PTRACE_INTERRUPT, pid, NULL, NULL))
		return -errno;
	return 0;
}

static int start_child(struct rec *r, char *path)
{
	int gate[2] = { -1, -1 }, status, err;
	struct rec_thread *t;
	pid_t pid;

	if (pipe2(gate, O_CLOEXEC))
		return -errno;
	pid = spawn(path, r->o->argv, gate);
	close(gate[0]);
	if (pid < 0) {
		close(gate[1]);
		return pid;
	}
	r->root = pid;
	err = seize(r, pid, pid);
	if (!err && waitpid(pid, &status, __WALL) != pid)
		err = -errno;
	if (err) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, __WALL);
		close(gate[1]);
		return err;
	}
	t = rec_thread_find(r, pid);
	t->flags |= T_SKIP;
	t->vm = rec_vm_new(r);
	r->processes = 1;
	rec_sched_run(r, t);
	return gate[1];
}

/* -p: seize every thread, rescanning until no new one shows up. */
static int attach(struct rec *r, pid_t pid)
{
	char dir[64];
	bool added;
	int err;

	r->root = pid;
	snprintf(dir, sizeof(dir), "/proc/%d/task", (int)pid);
	do {
		struct dirent *de;
		DIR *d = opendir(dir);

		if (!d && r->tab_n)
			return 0; /* it exited meanwhile: the loop sees it */
		if (!d)
			return errno == ENOENT ? -ESRCH : -errno;
		added = false;
		while ((de = readdir(d))) {
			pid_t tid = (pid_t)atoi(de->d_name);

			if (tid <= 0 || rec_thread_find(r, tid))
				continue;
			err = seize(r, tid, pid);
			if (!err) {
				added = true;
			} else if (!r->tab_n) {
				closedir(d);
				return err;
			}
		}
		closedir(d);
	} while (added);
	r->processes = 1;
	return 0;
}

static void init_numbers(struct rec *r)
{
	r->nr_execve = SYS_execve;
	r->nr_execveat = SYS_execveat;
	r->nr_rseq = SYS_rseq;
	r->nr_mmap = SYS_mmap;
	r->nr_clone = SYS_clone;
	r->nr_clone3 = SYS_clone3;
	r->nr_exit = SYS_exit;
	r->nr_shmat = SYS_shmat;
	r->nr_sched_getaffinity = SYS_sched_getaffinity;
	r->nr_sched_setaffinity = SYS_sched_setaffinity;
}

#define N_SIGS 4

static void on_stop_signal(int sig)
{
	int saved = errno;

	stop_requested = 1;
	if (kick_tid > 0)
		ptrace(PTRACE_INTERRUPT, kick_tid, NULL, NULL);
	errno = saved;
}

/* Attached, each of these detaches; with PROG, the first two come from
 * the terminal to PROG too, and srec ignores them. */
static const int catch_sigs[N_SIGS] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP };

static void catch_signals(bool attach, struct sigaction old[N_SIGS])
{
	struct sigaction sa;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = attach ? on_stop_signal : SIG_IGN;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < N_SIGS; i++)
		sigaction(catch_sigs[i], attach || i < 2 ? &sa : NULL, &old[i]);
}

static void restore_signals(const struct sigaction old[N_SIGS])
{
	int i;

	for (i = 0; i < N_SIGS; i++)
		sigaction(catch_sigs[i], &old[i], NULL);
}

int srec_rec_run(const struct srec_rec_opts *o, struct srec_rec_result *res)
{
	struct sigaction old[N_SIGS];
	struct rec r;
	Srec__TraceHeader hdr;
	struct rec_header_store *store = NULL;
	char path[PATH_MAX];
	struct srec_fmt_stats fst;
	bool fd_owned = o->output_fd > 2;
	struct stat st;
	struct srec_ticker ticker;
	int gate = -1, err, err2;

	memset(&r, 0, sizeof(r));
	memset(res, 0, sizeof(*res));
	r.o = o;
	r.attach = o->attach_pid > 0;
	r.page = (size_t)sysconf(_SC_PAGESIZE);
	r.t0 = rec_now(&r);
	init_numbers(&r);
	stop_requested = 0;
	kick_tid = 0;

	if (r.attach) {
		/* Before seizing anything, so that Ctrl-C at any point lets
		 * the process go rather than kill srec. */
		catch_signals(true, old);
		err = attach(&r, o->attach_pid);
	} else {
		err = resolve(o->argv[0], path, sizeof(path));
		if (!err) {
			gate = start_child(&r, path);
			err = gate < 0 ? gate : 0;
		}
		/* After the fork: PROG keeps srec's dispositions. */
		catch_signals(false, old);
	}
	/* SIGALRM breaks srec's waitpid for the slice timer (sched.c). */
	srec_ticker_catch(&ticker);
	if (!err)
		rec_moved_init(&r);
	if (!err)
		err = rec_header_build(&r, &hdr, &store);
	if (!err)
		fd_owned = false;
	if (!err)
		err = o->output_fd > 2 ?
			srec_fmt_writer_open_fd(o->output_fd, &hdr, NULL,
						&r.w) :
			srec_fmt_writer_open(o->output, &hdr, NULL, &r.w);
	if (err) {
		if (r.attach) {
			/* Let go of the threads seized so far. */
			stop_requested = 1;
			loop(&r);
		} else if (r.root > 0) {
			/* PROG must not run on unrecorded. */
			kill(r.root, SIGKILL);
			while (waitpid(r.root, NULL, __WALL) < 0 &&
			       errno == EINTR)
				;
		}
		goto out;
	}
	kick_tid = r.attach ? o->attach_pid : 0;
	if (gate >= 0) {
		bind_cpu(&r, r.root);
		close(gate);
		gate = -1;
	}
	err = loop(&r);
	if (!err)
		err = r.err;
	res->exit_status = r.root_done ? r.root_status : 0;
	res->syscalls = r.syscalls;
	res->processes = r.processes;
	srec_fmt_writer_stats(r.w, &fst);
	err2 = srec_fmt_writer_close(r.w, res->exit_status);
	if (!err)
		err = err2;
	/* A pipe or device has no size: then what was written, but the
	 * index. */
	res->file_bytes = fst.file_bytes;
	if (!stat(o->output, &st) && S_ISREG(st.st_mode))
		res->file_bytes = (uint64_t)st.st_size;
out:
	/* Never handed to the writer: it is still ours to close. */
	if (fd_owned)
		close(o->output_fd);
	/* Only srec's own mask: the tracees are gone, their tids free. */
	if (r.bound)
		sched_setaffinity(0, sizeof(r.cpus), &r.cpus);
	rec_sched_end(&r);
	srec_ticker_release(&ticker);
	restore_signals(old);
	if (gate >= 0)
		close(gate);
	rec_header_free(store);
	rec_threads_free(&r);
	rec_capture_free(&r);
	rec_exec_hashes_free(&r);
	return err;
}
