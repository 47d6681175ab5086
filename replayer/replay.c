// SPDX-License-Identifier: MIT
/*
 * replay.c - `srec replay`: run the recorded program again under ptrace
 * and, event by event in the recorded global order, make every thread do
 * what it did at record time.
 *
 * One thread runs at a time, as in rr: a thread waits at its syscall-entry
 * stop until its event is the next one in the trace; its call is then
 * checked against the recording and either emulated (skipped, and the
 * recorded return value and out-memory put in place) or executed (calls
 * that shape the process: memory maps, threads, exec, signal state, exit),
 * and the thread runs alone on to its next syscall entry.  Signals are
 * delivered where the recording saw them: faults come back by themselves,
 * other signals are sent by replay to a thread held at the end of the
 * call they followed.
 *
 * What this cannot reproduce: an asynchronous signal lands after the call
 * that preceded it, not at the very instruction (there are no performance
 * counters to count to it); a thread busy for more than SOLO_MS between
 * two calls lets the others run beside it, so user-space races in that
 * window are not ordered; bytes the kernel moved to stdout itself (sendfile,
 * splice, copy_file_range) from a pipe or socket are not in the trace and
 * are not shown (from a file they are: Syscall.moved);
 * memory the kernel writes with no call to show for it (io_uring rings,
 * native AIO's ring and the buffers of its reads) is not there, and two
 * processes that map the same file or SysV segment each get a copy of
 * their own (a shared writable mapping is shared only with the processes
 * forked after it); the first program must still exist (--exe replaces
 * it; the ones it execs are run from the trace's copies when gone,
 * images.c), and so must a script's interpreter and the ELF loader.
 */
#define _GNU_SOURCE /* tgkill, __WALL */
#include "rpl_int.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/close_range.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/shm.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "srec_err.h"
#include "srec_tick.h"
#include "srec_tracee.h"

/* How long a thread resumed after its event may run alone before the
 * others are let go too (a thread spinning on another's progress would
 * otherwise hold the replay until the watchdog fires). */
#define SOLO_MS 1000

#define GONE "the thread is gone"

#define PTRACE_OPTS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | \
		     PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | \
		     PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | \
		     PTRACE_O_EXITKILL)

static int64_t deadline(const struct rpl *r)
{
	return r->last_progress_ms + (int64_t)r->stall_ms;
}

static int wait_for(struct rpl *r, const Srec__Event *ev,
		    struct rpl_thread *t)
{
	int ret = rpl_wait(t, deadline(r));

	if (ret == -ETIMEDOUT)
		return rpl_stall(r, ev, t);
	if (ret == -ECHILD) {
		t->st = RPL_DEAD;
		t->wstatus = 0;
		return 0;
	}
	return ret;
}

static int resume(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t,
		  int sig)
{
	int ret = r->o->gdb ? rpl_dbg_resume(r, t, sig) : rpl_resume(t, sig);

	if (ret == -ESRCH)
		return rpl_diverge(r, ev, t, NULL, GONE);
	return ret;
}

/* A new thread's first stop: put the recorded tid where CLONE_CHILD_SETTID
 * made the kernel write the real one. */
static int start_fresh(struct rpl *r, const Srec__Event *ev,
		       struct rpl_thread *t)
{
	int32_t tid = t->tid;

	if (t->fix_ctid &&
	    srec_tracee_write(t->rtid, t->fix_ctid, &tid, sizeof(tid)) < 0)
		return rpl_diverge(r, ev, t, NULL, "cannot write the child "
				   "tid (CLONE_CHILD_SETTID)");
	t->fix_ctid = 0;
	return 0;
}

static void push_hist(struct rpl *r, struct rpl_thread *t)
{
	t->hist[t->n_hist++ % 5] = r->seq;
}

/*
 * After a thread's event: hold it if replay must act at this very point
 * (a signal to send, an exec to fix up), else let it run alone to its
 * next stop, for at most SOLO_MS.
 */
static int post(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	uint8_t next = r->seq < r->plan.n_events ? r->plan.next[r->seq] : 0;
	int sig = 0, ret;
	int64_t solo;

	push_hist(r, t);
	t->emu_next = next == RPL_NEXT_EMULATED;
	if (next == RPL_NEXT_INJECT || next == RPL_NEXT_EXEC || t->in_clone ||
	    t->parked || t->st == RPL_DEAD || t->st == RPL_RUNNING)
		return 0;
	if (t->st == RPL_SIGNAL)
		sig = t->deliver;
	t->deliver = 0;
	ret = resume(r, ev, t, sig);
	if (ret)
		return ret;
	solo = rpl_now_ms() + SOLO_MS;
	if (solo > deadline(r))
		solo = deadline(r);
	for (;;) {
		ret = rpl_wait(t, solo);
		if (ret)
			return ret == -ETIMEDOUT || ret == -ECHILD ? 0 : ret;
		/* A real signal nobody recorded (SIGCHLD of a real child)
		 * must not keep the thread from its next call: that is
		 * where the next thread's events expect it. */
		if (!((t->st == RPL_SIGNAL &&
		       !rpl_signal_is_fault(t->sig, SI_KERNEL)) ||
		      t->st == RPL_GROUP))
			return 0;
		ret = resume(r, ev, t, 0);
		if (ret)
			return ret;
	}
}

static int to_exit(struct rpl *r, const Srec__Event *ev,
		   struct rpl_thread *t);

static bool releases_vfork(const struct rpl *r, long nr)
{
	return rpl_nr_is(nr, r->nr.execve) || rpl_nr_is(nr, r->nr.execveat) ||
	       rpl_nr_is(nr, r->nr.exit) || rpl_nr_is(nr, r->nr.exit_group);
}

static int run_ahead(struct rpl *r, struct rpl_thread *c);

/* Where CLONE_PARENT_SETTID made the kernel write the child's real tid,
 * put the recorded one @tid. */
static int fix_parent_settid(struct rpl *r, const Srec__Event *ev,
			     struct rpl_thread *t, int32_t tid)
{
	uint64_t addr = t->fix_ptid;

	t->fix_ptid = 0;
	if (addr && srec_tracee_write(t->rtid, addr, &tid, sizeof(tid)) < 0)
		return rpl_diverge(r, ev, t, NULL, "cannot write the child "
				   "tid (CLONE_PARENT_SETTID)");
	return 0;
}

/*
 * A vfork parent returns only once its child has exec'd or exited, which
 * the trace may show after the parent's own vfork event: its exit stop is
 * collected and given the recorded result when the parent's next event
 * comes, the child's exec having run by then.
 */
static int settle(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	struct rpl_thread *c = rpl_thread_find(r, t->clone_child);
	struct srec_arch_regs regs;
	int32_t tid = t->clone_child;
	int ret;

	if (!t->vfork_pending)
		return 0;
	t->vfork_pending = false;
	ret = c && !c->released ? run_ahead(r, c) : 0;
	if (!ret)
		ret = to_exit(r, ev, t);
	if (!ret)
		ret = srec_arch_get_regs(t->rtid, &regs);
	if (ret)
		return ret;
	if (srec_arch_ret(&regs) != t->clone_child_rtid)
		return rpl_diverge(r, ev, t, NULL, "vfork returned another "
				   "child");
	srec_arch_set_ret(&regs, t->vfork_ret);
	ret = srec_arch_set_regs(t->rtid, &regs);
	if (!ret)
		ret = fix_parent_settid(r, ev, t, tid);
	return ret;
}

/* Bring @t to a syscall-entry stop, passing over what replay does not
 * replay: signals that were not recorded, group-stops. */
static int to_entry(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	int ret = settle(r, ev, t);

	while (!ret) {
		if (t->st == RPL_RUNNING) {
			ret = wait_for(r, ev, t);
			if (ret)
				return ret;
		}
		switch (t->st) {
		case RPL_ENTRY:
			return 0;
		case RPL_INITIAL:
			ret = start_fresh(r, ev, t);
			if (!ret)
				ret = resume(r, ev, t, 0);
			break;
		case RPL_SIGNAL:
			if (!t->deliver &&
			    rpl_signal_is_fault(t->sig, SI_KERNEL)) {
				char what[96];

				snprintf(what, sizeof(what), "the program got "
					 "%s, which the recording did not",
					 strsignal(t->sig));
				return rpl_diverge(r, ev, t, NULL, what);
			}
			ret = resume(r, ev, t, t->deliver);
			t->deliver = 0;
			break;
		case RPL_EVENT:
			if (t->event == PTRACE_EVENT_EXIT)
				return rpl_diverge(r, ev, t, NULL,
						   "the thread is exiting");
			ret = resume(r, ev, t, 0);
			break;
		case RPL_DEAD:
			return rpl_diverge(r, ev, t, NULL, GONE);
		default: /* held at an exit stop, group-stop */
			ret = resume(r, ev, t, 0);
			break;
		}
	}
	return ret;
}

/* Wait for the syscall-exit-stop of the call @t was resumed into. */
static int to_exit(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	int ret;

	for (;;) {
		ret = t->st == RPL_RUNNING ? wait_for(r, ev, t) : 0;
		if (ret)
			return ret;
		switch (t->st) {
		case RPL_EXIT:
			return 0;
		case RPL_EVENT:
			if (t->event == PTRACE_EVENT_EXEC) {
				struct srec_arch_regs regs;
				struct srec_tracee_exec x;

				if (!srec_arch_get_regs(t->rtid, &regs) &&
				    !srec_tracee_exec_fixup(
					    t->rtid, srec_arch_sp(&regs), &x))
					free(x.auxv);
				t->at_exec = true;
			} else if (t->event == PTRACE_EVENT_EXIT) {
				return rpl_diverge(r, ev, t, NULL, "the thread "
						   "exited inside the call");
			}
			break;
		case RPL_DEAD:
			return rpl_diverge(r, ev, t, NULL,
					   "the thread died inside the call");
		default: /* signals that were not recorded */
			break;
		}
		ret = resume(r, ev, t, 0);
		if (ret)
			return ret;
	}
}

/* ---- Memory the recorded call wrote ------------------------------------ */

/*
 * Where a recorded out-region goes now: a buffer the call's argument
 * points into moves with that argument (another build, another stack);
 * memory found through other memory (iovec data) stays where it was.
 */
static uint64_t live_addr(const struct rpl_thread *t, const Srec__Syscall *sc,
			  const Srec__Mem *m)
{
	uint64_t base;

	if (m->arg >= 6 || m->arg >= sc->n_args)
		return m->addr;
	base = sc->args[m->arg];
	if (m->addr < base || m->addr - base >= (m->len ? m->len : 1))
		return m->addr;
	return t->args[m->arg] + (m->addr - base);
}

static int write_out(struct rpl *r, const Srec__Event *ev,
		     struct rpl_thread *t)
{
	const Srec__Syscall *sc = ev->syscall;
	size_t i;

	for (i = 0; i < sc->n_mem; i++) {
		const Srec__Mem *m = sc->mem[i];
		const void *p = m->data.data;
		size_t n = m->data.len;
		char what[128];
		uint64_t addr;

		if (m->dir != SREC__DIR__OUT)
			continue;
		if (m->has_blob && m->blob.len == 16) {
			p = rpl_blobs_get(r->blobs, m->blob.data, &n);
			if (!p)
				return rpl_diverge(r, ev, t, NULL, "the trace "
						   "lacks a mapped file's "
						   "contents (blob)");
			if (n > m->len)
				n = (size_t)m->len;
		}
		addr = live_addr(t, sc, m);
		if (!n || srec_tracee_write(t->rtid, addr, p, n) == (ssize_t)n)
			continue;
		snprintf(what, sizeof(what), "cannot put the recorded output "
			 "of argument %u at %#" PRIx64, m->arg, addr);
		return rpl_diverge(r, ev, t, NULL, what);
	}
	return 0;
}

/* ---- Standard output and error ----------------------------------------- */

static bool echo_out(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

static void echo_bytes(pid_t tid, int fd, uint64_t addr, uint64_t len)
{
	char buf[65536];

	while (len) {
		size_t want = len < sizeof(buf) ? (size_t)len : sizeof(buf);
		ssize_t n = srec_tracee_read(tid, addr, buf, want);

		if (n <= 0 || !echo_out(fd, buf, (size_t)n))
			return;
		addr += (uint64_t)n;
		len -= (uint64_t)n;
	}
}

/* The argument holding the fd a call writes to (splice and
 * copy_file_range name their source first). */
static unsigned out_fd_arg(const struct rpl *r, long nr)
{
	return rpl_nr_is(nr, r->nr.splice) ||
	       rpl_nr_is(nr, r->nr.copy_file_range) ? 2 : 0;
}

/* Show what the program wrote to the stdout/stderr record gave it. */
static void echo(struct rpl *r, struct rpl_thread *t, const Srec__Syscall *sc)
{
	const uint64_t *a = t->args;
	uint64_t left = (uint64_t)sc->ret;
	long nr = (long)sc->nr;
	uint64_t fd = a[out_fd_arg(r, nr)];

	if (r->o->no_echo || sc->ret <= 0 || fd >= RPL_ECHO_FDS ||
	    !t->proc->echo[fd])
		return;
	fd = t->proc->echo[fd];
	if (sc->has_moved) {
		/* sendfile & co: the kernel moved them, record kept them. */
		echo_out((int)fd, (const char *)sc->moved.data,
			  sc->moved.len < left ? sc->moved.len : left);
	} else if (rpl_nr_is(nr, r->nr.write) ||
		   rpl_nr_is(nr, r->nr.pwrite64)) {
		echo_bytes(t->rtid, (int)fd, a[1], left);
	} else if (rpl_nr_is(nr, r->nr.writev) ||
		   rpl_nr_is(nr, r->nr.pwritev) ||
		   rpl_nr_is(nr, r->nr.pwritev2) ||
		   rpl_nr_is(nr, r->nr.vmsplice)) {
		uint64_t i;

		for (i = 0; i < a[2] && left; i++) {
			struct iovec iov;
			uint64_t n;

			if (srec_tracee_read(t->rtid, a[1] + i * sizeof(iov),
					     &iov, sizeof(iov)) !=
			    (ssize_t)sizeof(iov))
				return;
			n = iov.iov_len < left ? iov.iov_len : left;
			echo_bytes(t->rtid, (int)fd, (uint64_t)iov.iov_base, n);
			left -= n;
		}
	}
}

/* Follow which fds still name the recorded stdout and stderr. */
static void track_fds(struct rpl *r, struct rpl_thread *t,
		      const Srec__Syscall *sc)
{
	const struct srec_sys_entry *e = srec_sys_get(sc->nr);
	uint8_t *echo = t->proc->echo;
	const uint64_t *a = t->args;
	long nr = (long)sc->nr;
	int64_t ret = sc->ret;
	uint64_t fd;

	if (ret < 0)
		return;
	if ((rpl_nr_is(nr, r->nr.dup2) || rpl_nr_is(nr, r->nr.dup3)) &&
	    a[0] < RPL_ECHO_FDS && a[1] < RPL_ECHO_FDS) {
		echo[a[1]] = echo[a[0]];
	} else if ((rpl_nr_is(nr, r->nr.dup) ||
		    (rpl_nr_is(nr, r->nr.fcntl) &&
		     (a[1] == F_DUPFD || a[1] == F_DUPFD_CLOEXEC))) &&
		   a[0] < RPL_ECHO_FDS && ret < RPL_ECHO_FDS) {
		echo[ret] = echo[a[0]];
	} else if (rpl_nr_is(nr, r->nr.close) && a[0] < RPL_ECHO_FDS) {
		echo[a[0]] = 0;
	} else if (rpl_nr_is(nr, r->nr.close_range) &&
		   !(a[2] & CLOSE_RANGE_CLOEXEC)) {
		for (fd = a[0]; fd <= a[1] && fd < RPL_ECHO_FDS; fd++)
			echo[fd] = 0;
	} else if (e && e->ret_kind == SREC_ARG_FD && ret < RPL_ECHO_FDS) {
		echo[ret] = 0;
	}
}

/* ---- Executed calls ---------------------------------------------------- */

/* The OUT region of argument @arg that holds a blob, or NULL. */
static const Srec__Mem *blob_region(const Srec__Syscall *sc, unsigned arg)
{
	size_t i;

	for (i = 0; i < sc->n_mem; i++)
		if (sc->mem[i]->dir == SREC__DIR__OUT &&
		    sc->mem[i]->arg == arg && sc->mem[i]->has_blob)
			return sc->mem[i];
	return NULL;
}

/*
 * Make a call that places memory land where the recording says: a file
 * mapping becomes an anonymous one (filled from the blob at exit) and a
 * mapping the kernel placed becomes a fixed one.  A SysV shared memory
 * segment (shmat) becomes shared anonymous memory of the recorded size,
 * readable and writable (only then can it take the recorded bytes), which
 * the processes forked later share; shmdt is emulated and leaves it
 * mapped until a later mapping replaces it.
 * @return: whether @regs were changed.
 */
static bool place_memory(struct rpl *r, const Srec__Syscall *sc,
			 struct srec_arch_regs *regs)
{
	long nr = (long)sc->nr;
	uint64_t addr = (uint64_t)sc->ret;
	const Srec__Mem *seg;

	if (rpl_nr_is(nr, r->nr.shmat) && (seg = blob_region(sc, 0))) {
		srec_arch_set_syscall_nr(regs, r->nr.mmap);
		srec_arch_set_arg(regs, 0, addr);
		srec_arch_set_arg(regs, 1, seg->len);
		srec_arch_set_arg(regs, 2, PROT_READ | PROT_WRITE |
			(srec_arch_arg(regs, 2) & SHM_EXEC ? PROT_EXEC : 0));
		srec_arch_set_arg(regs, 3, MAP_SHARED | MAP_ANONYMOUS |
					   MAP_FIXED);
		srec_arch_set_arg(regs, 4, (uint64_t)-1);
		srec_arch_set_arg(regs, 5, 0);
		return true;
	}

	if (rpl_nr_is(nr, r->nr.mmap)) {
		uint64_t flags = srec_arch_arg(regs, 3);

		if (!(flags & MAP_ANONYMOUS) &&
		    (int)srec_arch_arg(regs, 4) >= 0) {
			/* A file's contents come from the trace, and
			 * writes to a shared one must not reach it.  But
			 * the processes forked after a writable shared
			 * map must still see each other's writes (POSIX
			 * semaphores, Python's multiprocessing): shared
			 * anonymous memory does that.  (A read-only one
			 * stays private: only a private copy can take
			 * the recorded bytes through /proc/PID/mem.) */
			bool shared = (flags & MAP_TYPE) != MAP_PRIVATE &&
				      (srec_arch_arg(regs, 2) & PROT_WRITE);

			srec_arch_set_arg(regs, 3, (shared ? MAP_SHARED :
						    MAP_PRIVATE) |
						   MAP_ANONYMOUS | MAP_FIXED);
			srec_arch_set_arg(regs, 4, (uint64_t)-1);
			srec_arch_set_arg(regs, 5, 0);
		} else if (!(flags & MAP_FIXED) ||
			   srec_arch_arg(regs, 0) != addr) {
			srec_arch_set_arg(regs, 3, (flags & ~(uint64_t)
						    MAP_FIXED_NOREPLACE) |
						   MAP_FIXED);
		} else {
			return false;
		}
		srec_arch_set_arg(regs, 0, addr);
		return true;
	}
	if (rpl_nr_is(nr, r->nr.mremap)) {
		uint64_t flags = srec_arch_arg(regs, 3);

		if (!(flags & MREMAP_MAYMOVE) || (flags & MREMAP_FIXED) ||
		    addr == srec_arch_arg(regs, 0))
			return false;
		srec_arch_set_arg(regs, 3, flags | MREMAP_FIXED);
		srec_arch_set_arg(regs, 4, addr);
		return true;
	}
	return false;
}

static int ret_differs(struct rpl *r, const Srec__Event *ev,
		       struct rpl_thread *t, int64_t real)
{
	struct rpl_call c;
	char what[160];
	int ret;

	snprintf(what, sizeof(what), "the call really ran and returned %"
		 PRId64 " (%#" PRIx64 "); the recording says %" PRId64
		 " (%#" PRIx64 ")", real, (uint64_t)real, ev->syscall->ret,
		 (uint64_t)ev->syscall->ret);
	rpl_call_capture(t, &c);
	c.sc.has_ret = true;
	c.sc.ret = real;
	ret = rpl_diverge(r, ev, t, &c.sc, what);
	rpl_call_free(&c);
	return ret;
}

/*
 * A thread other than the leader exec'd: the kernel ends every other
 * thread, then the exec'ing one takes over the leader's tid, and its
 * exec stop is reported under that tid.  Follow it there.
 */
static int exec_from_thread(struct rpl *r, const Srec__Event *ev,
			    struct rpl_thread *t)
{
	struct rpl_thread *leader = rpl_thread_find(r, t->proc->pid);
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < r->n_th; i++)
		if (r->th[i] != t && r->th[i] != leader &&
		    r->th[i]->proc == t->proc)
			ret = rpl_reap(r, r->th[i], false);
	while (!ret && leader) {
		if (leader->st != RPL_DEAD && leader->st != RPL_EVENT)
			leader->st = RPL_RUNNING; /* being killed */
		ret = rpl_wait(leader, deadline(r));
		if (ret)
			break;
		if (leader->st == RPL_EVENT &&
		    leader->event == PTRACE_EVENT_EXEC)
			break;
		if (leader->st == RPL_DEAD)
			return rpl_diverge(r, ev, t, NULL, "the exec ended the "
					   "process");
		if (ptrace(PTRACE_CONT, leader->rtid, NULL, NULL))
			ret = -errno;
		leader->st = RPL_RUNNING;
	}
	if (ret == -ETIMEDOUT)
		return rpl_stall(r, ev, t);
	if (ret || !leader)
		return ret;
	/* The leader's record now stands for the exec'ing thread. */
	t->tid = leader->tid;
	t->rtid = leader->rtid;
	t->st = RPL_EVENT;
	t->event = PTRACE_EVENT_EXEC;
	rpl_thread_forget(r, leader);
	return 0;
}

/* Run the call @t is stopped at with registers @regs, to its exit stop;
 * @regs then holds the registers there. */
static int run_call(struct rpl *r, const Srec__Event *ev,
		    struct rpl_thread *t, struct srec_arch_regs *regs)
{
	int ret = srec_arch_set_regs(t->rtid, regs);

	if (!ret)
		ret = resume(r, ev, t, 0);
	if (!ret)
		ret = to_exit(r, ev, t);
	if (!ret)
		ret = srec_arch_get_regs(t->rtid, regs);
	return ret;
}

/* At the exit stop, give the program the recorded result: return value
 * and out-memory.  The kernel's restart logic (-ERESTARTSYS and friends,
 * when a signal comes next) looks at the number of the call it ran. */
static int give_result(struct rpl *r, const Srec__Event *ev,
		       struct rpl_thread *t, struct srec_arch_regs *regs)
{
	const Srec__Syscall *sc = ev->syscall;
	int ret;

	srec_arch_set_syscall_nr(regs, (long)sc->nr);
	srec_arch_set_ret(regs, sc->ret);
	ret = srec_arch_set_regs(t->rtid, regs);
	return ret ? ret : write_out(r, ev, t);
}

static int execute(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	const Srec__Syscall *sc = ev->syscall;
	struct srec_arch_regs regs = t->entry_regs;
	bool moved = place_memory(r, sc, &regs);
	long nr = (long)sc->nr;
	int64_t real;
	unsigned i;
	int ret;

	if (moved && (ret = srec_arch_set_regs(t->rtid, &regs)))
		return ret;
	if (rpl_nr_is(nr, r->nr.execve) &&
	    (ret = rpl_images_fix(r, ev, t, &regs)))
		return ret;
	ret = resume(r, ev, t, 0);
	if (!ret && (rpl_nr_is(nr, r->nr.execve) ||
		     rpl_nr_is(nr, r->nr.execveat)) && t->tid != t->proc->pid)
		ret = exec_from_thread(r, ev, t);
	if (!ret)
		ret = to_exit(r, ev, t);
	if (ret)
		return ret;
	ret = srec_arch_get_regs(t->rtid, &regs);
	if (ret)
		return ret;
	real = srec_arch_ret(&regs);
	if (t->at_exec && real == 0)
		return 0; /* a new image: its registers are its own */
	/* rt_sigreturn "returns" the register it restores, which is the
	 * program's own: replay delivers an asynchronous signal after the
	 * call before it, not at the recorded instruction. */
	if (rpl_nr_is(nr, r->nr.rt_sigreturn))
		return 0;
	if (real != sc->ret && !rpl_nr_is(nr, r->nr.set_tid_address))
		return ret_differs(r, ev, t, real);
	if (moved)
		for (i = 0; i < 6; i++)
			srec_arch_set_arg(&regs, i,
					  srec_arch_arg(&t->entry_regs, i));
	/* Not give_result(): the call ran, and its number is what the
	 * kernel left (rt_sigreturn restores it as -1, no restart). */
	srec_arch_set_ret(&regs, sc->ret);
	ret = srec_arch_set_regs(t->rtid, &regs);
	return ret ? ret : write_out(r, ev, t);
}

/*
 * A call interrupted with -ERESTART* that the same thread makes again
 * next, no signal of its own in between: the signal went to another
 * thread (or was one ptrace dropped), and the kernel restarted the call
 * on the way back to user space.  Replay sends no signal there, so it
 * restarts the call itself, as the kernel does: back over the syscall
 * instruction with the call's number (restart_syscall for
 * -ERESTART_RESTARTBLOCK).
 */
static bool kernel_restarts(const struct rpl *r, const Srec__Syscall *sc)
{
	uint8_t next = r->seq < r->plan.n_events ? r->plan.next[r->seq] : 0;

	return srec_sys_restart_code(sc->ret) &&
	       (next == RPL_NEXT_SYSCALL || next == RPL_NEXT_EMULATED);
}

static int restart_call(struct rpl *r, const Srec__Syscall *sc,
			struct rpl_thread *t, struct srec_arch_regs *regs)
{
	long nr = sc->ret == -SREC_ERESTART_RESTARTBLOCK ?
			  r->nr.restart_syscall : (long)sc->nr;

	srec_arch_set_ip(regs, srec_arch_ip(regs) - srec_arch_syscall_insn_len);
	srec_arch_set_ret(regs, nr);
	return srec_arch_set_regs(t->rtid, regs);
}

/* A call stopped at with PTRACE_SYSEMU is skipped by the kernel and gets
 * its result at once; any other is turned into a no-op (number -1) and
 * gets it at the exit stop. */
static int emulate(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	struct srec_arch_regs regs = t->entry_regs;
	int ret = 0;

	if (!rpl_emu_stop(t)) {
		srec_arch_set_syscall_nr(&regs, -1);
		ret = run_call(r, ev, t, &regs);
	}
	if (!ret && kernel_restarts(r, ev->syscall))
		return restart_call(r, ev->syscall, t, &regs);
	if (!ret)
		ret = give_result(r, ev, t, &regs);
	if (!ret)
		echo(r, t, ev->syscall);
	return ret;
}

/* Where the temporary signal mask of a call is (0: none). */
static uint64_t temp_mask(const struct rpl *r, const struct rpl_thread *t)
{
	uint64_t ss[2];

	if (rpl_nr_is(t->nr, r->nr.rt_sigsuspend))
		return t->args[0];
	if (rpl_nr_is(t->nr, r->nr.ppoll))
		return t->args[3];
	if (rpl_nr_is(t->nr, r->nr.epoll_pwait) ||
	    rpl_nr_is(t->nr, r->nr.epoll_pwait2))
		return t->args[4];
	/* pselect6 passes { const sigset_t *ss; size_t ss_len; } */
	if (rpl_nr_is(t->nr, r->nr.pselect6) && t->args[5] &&
	    srec_tracee_read(t->rtid, t->args[5], ss, sizeof(ss)) ==
		    (ssize_t)sizeof(ss))
		return ss[0];
	return 0;
}

/*
 * A call that swaps in a temporary signal mask (sigsuspend, ppoll,
 * pselect6, epoll_pwait) and was interrupted by the signal that comes
 * next: skipping it would leave that signal blocked, and the mask the
 * kernel restores after the handler unset.  So the signal is sent first
 * and the call runs as a real rt_sigsuspend with the same mask, which
 * returns at once; then it is given the recorded result.
 */
static int suspend(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t,
		   uint64_t mask)
{
	struct srec_arch_regs regs = t->entry_regs;
	int sig = r->plan.next_sig[r->seq];
	unsigned i;
	int ret;

	if (tgkill(t->proc->rpid, t->rtid, sig))
		return -errno;
	t->presig = sig;
	srec_arch_set_syscall_nr(&regs, r->nr.rt_sigsuspend);
	srec_arch_set_arg(&regs, 0, mask);
	srec_arch_set_arg(&regs, 1, 8);
	ret = run_call(r, ev, t, &regs);
	if (ret)
		return ret;
	for (i = 0; i < 6; i++)
		srec_arch_set_arg(&regs, i, srec_arch_arg(&t->entry_regs, i));
	return give_result(r, ev, t, &regs);
}

/* exit, exit_group, and calls a thread was killed in. */
static int no_return(struct rpl *r, const Srec__Event *ev,
		     struct rpl_thread *t)
{
	long nr = (long)ev->syscall->nr;
	struct rpl_thread *leader = NULL;
	size_t i;
	int ret;

	if (!rpl_nr_is(nr, r->nr.exit) && !rpl_nr_is(nr, r->nr.exit_group)) {
		/* Left where it is: the exit or exec of another thread ends
		 * it, as it did at record time. */
		t->parked = true;
		return 0;
	}
	ret = resume(r, ev, t, 0);
	if (ret)
		return ret;
	if (rpl_nr_is(nr, r->nr.exit)) {
		bool alone = true;

		for (i = 0; i < r->n_th; i++)
			if (r->th[i] != t && r->th[i]->proc == t->proc &&
			    r->th[i]->st != RPL_DEAD)
				alone = false;
		/* A leader is collected only once its threads are gone;
		 * any other thread is waited for so that its
		 * CLONE_CHILD_CLEARTID wake-up happens before pthread_join
		 * is replayed. */
		ret = rpl_reap(r, t, t->tid == t->proc->pid && !alone);
	} else {
		for (i = 0; !ret && i < r->n_th; i++) {
			struct rpl_thread *x = r->th[i];

			if (x->proc != t->proc)
				continue;
			if (x->tid == x->proc->pid)
				leader = x;
			else
				ret = rpl_reap(r, x, false);
		}
		if (!ret && leader)
			ret = rpl_reap(r, leader, false);
	}
	if (ret == -ETIMEDOUT)
		return rpl_stall(r, ev, t);
	return ret;
}

static int clone_finish(struct rpl *r, const Srec__Event *ev,
			struct rpl_thread *t);

static int do_syscall(struct rpl *r, const Srec__Event *ev,
		      struct rpl_thread *t)
{
	const Srec__Syscall *sc = ev->syscall;
	enum rpl_how how = rpl_how(&r->nr, sc);
	bool first = !r->first_exec_done;
	const struct srec_inject_rule *rule;
	uint64_t mask;
	int ret;

	if (t->in_clone)
		return clone_finish(r, ev, t);
	if (sc->no_return && t->st == RPL_DEAD) {
		/* Killed in this call by another thread's exit_group or
		 * exec, which replay has already run. */
		push_hist(r, t);
		return 0;
	}
	ret = to_entry(r, ev, t);
	if (!ret)
		ret = rpl_check_call(r, ev, t, first);
	if (ret)
		return ret;
	/* execve(PROG) is not counted, as record and strace leave it be. */
	if (!first && (rule = rpl_live_pick(r, t, (long)sc->nr)))
		return rpl_go_live(r, ev, t, rule);
	if (releases_vfork(r, (long)sc->nr) && (sc->no_return || !sc->ret))
		t->released = true;
	if (rpl_emu_stop(t) && how != RPL_HOW_EMULATE)
		return rpl_diverge(r, ev, t, NULL, "internal error: the call "
				   "was skipped (PTRACE_SYSEMU) but must run");
	if (how == RPL_HOW_NO_RETURN)
		ret = no_return(r, ev, t);
	else if (srec_sys_interrupted(sc->ret) && r->seq < r->plan.n_events &&
		 r->plan.next[r->seq] == RPL_NEXT_INJECT &&
		 (mask = temp_mask(r, t)))
		ret = suspend(r, ev, t, mask);
	else if (how == RPL_HOW_EXECUTE)
		ret = execute(r, ev, t);
	else
		ret = emulate(r, ev, t);
	if (ret)
		return ret;
	track_fds(r, t, sc);
	t->inj_sig = sc->injected && sc->injected->has_signal ?
			     sc->injected->signal : 0;
	return post(r, ev, t);
}

/* ---- Threads and processes --------------------------------------------- */

/* Where CLONE_CHILD_SETTID and CLONE_PARENT_SETTID point, if used. */
static void settid_addrs(struct rpl *r, struct rpl_thread *t, uint64_t flags,
			 uint64_t *ctid, uint64_t *ptid)
{
	*ctid = *ptid = 0;
	if (rpl_nr_is(t->nr, r->nr.clone3)) {
		struct clone_args ca;

		memset(&ca, 0, sizeof(ca));
		if (srec_tracee_read(t->rtid, t->args[0], &ca, sizeof(ca)) <
		    (ssize_t)offsetof(struct clone_args, exit_signal))
			return;
		*ctid = ca.child_tid;
		*ptid = ca.parent_tid;
	} else if (rpl_nr_is(t->nr, r->nr.clone)) {
		*ctid = t->args[srec_arch_clone_ctid_arg];
		*ptid = t->args[srec_arch_clone_ptid_arg];
	}
	if (!(flags & CLONE_CHILD_SETTID))
		*ctid = 0;
	if (!(flags & CLONE_PARENT_SETTID))
		*ptid = 0;
}

static int do_clone(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	const Srec__Clone *cl = ev->clone;
	struct rpl_proc *p = t->proc;
	struct rpl_thread *c;
	const struct srec_inject_rule *rule;
	unsigned long msg = 0;
	uint64_t ptid;
	int ret;

	ret = to_entry(r, ev, t);
	if (ret)
		return ret;
	if (!rpl_is_clone(&r->nr, t->nr) ||
	    (cl->has_nr && (long)cl->nr != t->nr)) {
		struct rpl_call call;

		rpl_call_capture(t, &call);
		ret = rpl_diverge(r, ev, t, &call.sc, "the recording created "
				  "a thread or process here");
		rpl_call_free(&call);
		return ret;
	}
	/* The clone call's Syscall event comes after this one, inside
	 * the call: it is counted (and injected) here. */
	if ((rule = rpl_live_pick(r, t, t->nr)))
		return rpl_go_live(r, ev, t, rule);
	ret = resume(r, ev, t, 0);
	while (!ret) {
		ret = wait_for(r, ev, t);
		if (ret)
			return ret;
		if (t->st == RPL_EVENT && (t->event == PTRACE_EVENT_FORK ||
					   t->event == PTRACE_EVENT_VFORK ||
					   t->event == PTRACE_EVENT_CLONE))
			break;
		if (t->st != RPL_SIGNAL && t->st != RPL_GROUP)
			return rpl_diverge(r, ev, t, NULL, "the call created "
					   "no thread or process");
		ret = resume(r, ev, t, 0);
	}
	if (ret)
		return ret;
	if (ptrace(PTRACE_GETEVENTMSG, t->rtid, NULL, &msg))
		return -errno;
	if (!(cl->flags & CLONE_THREAD))
		p = rpl_proc_new(cl->child_pid, (pid_t)msg, t->proc);
	c = rpl_thread_add(r, cl->child_tid, (pid_t)msg, p);
	settid_addrs(r, t, cl->flags, &c->fix_ctid, &ptid);
	t->fix_ptid = ptid;
	t->clone_child = cl->child_tid;
	t->clone_child_rtid = (pid_t)msg;
	t->vfork = cl->kind == SREC__CLONE_KIND__CLONE_KIND_VFORK ||
		   (cl->flags & CLONE_VFORK);
	t->in_clone = true;
	push_hist(r, t);
	return 0;
}

/* The Syscall event of a clone whose Clone event started it. */
static int clone_finish(struct rpl *r, const Srec__Event *ev,
			struct rpl_thread *t)
{
	const Srec__Syscall *sc = ev->syscall;
	struct srec_arch_regs regs;
	int32_t tid = t->clone_child;
	int ret;

	ret = rpl_check_call(r, ev, t, false);
	if (!ret)
		ret = resume(r, ev, t, 0);
	if (!ret && t->vfork) {
		t->in_clone = false;
		t->vfork_pending = true;
		t->vfork_ret = sc->ret;
		push_hist(r, t);
		return 0;
	}
	if (!ret)
		ret = to_exit(r, ev, t);
	if (!ret)
		ret = srec_arch_get_regs(t->rtid, &regs);
	if (ret)
		return ret;
	t->in_clone = false;
	if (srec_arch_ret(&regs) != t->clone_child_rtid)
		return ret_differs(r, ev, t, srec_arch_ret(&regs));
	/* The program sees the recorded ids, as every emulated getpid()
	 * and gettid() tells it. */
	srec_arch_set_ret(&regs, sc->ret);
	ret = srec_arch_set_regs(t->rtid, &regs);
	if (!ret)
		ret = fix_parent_settid(r, ev, t, tid);
	if (!ret)
		ret = write_out(r, ev, t);
	return ret ? ret : post(r, ev, t);
}

static int do_exec(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	const Srec__Exec *x = ev->exec;

	if (!t->at_exec)
		return rpl_diverge(r, ev, t, NULL, "no exec happened here");
	t->at_exec = false;
	r->first_exec_done = true;
	if (x->at_random.len == 16 && x->at_random_addr &&
	    srec_tracee_write(t->rtid, x->at_random_addr, x->at_random.data,
			      16) != 16)
		return rpl_diverge(r, ev, t, NULL, "cannot write the recorded "
				   "AT_RANDOM bytes");
	return post(r, ev, t);
}

static int do_signal(struct rpl *r, const Srec__Event *ev,
		     struct rpl_thread *t)
{
	const Srec__Signal *s = ev->signal;
	/* A SIGSEGV that record -e inject= sent is replay's to send too. */
	bool fault = rpl_signal_is_fault(s->signo, s->code) &&
		     t->inj_sig != s->signo;
	char what[128];
	int ret = settle(r, ev, t);

	t->inj_sig = 0;
	if (!ret && t->st == RPL_INITIAL)
		ret = start_fresh(r, ev, t);
	if (ret)
		return ret;
	if (!fault && t->presig == s->signo) {
		/* sent already, before the call it interrupted */
		t->presig = 0;
		ret = t->st == RPL_RUNNING ? 0 : resume(r, ev, t, 0);
	} else if (!fault) {
		if (tgkill(t->proc->rpid, t->rtid, s->signo))
			ret = -errno;
		if (!ret && t->st != RPL_RUNNING) {
			int sig = t->st == RPL_SIGNAL ? t->deliver : 0;

			t->deliver = 0;
			ret = resume(r, ev, t, sig);
		}
	}
	while (!ret) {
		if (t->st == RPL_RUNNING)
			ret = wait_for(r, ev, t);
		if (ret)
			return ret;
		if (t->st == RPL_SIGNAL && t->sig == s->signo && !t->deliver)
			break;
		switch (t->st) {
		case RPL_SIGNAL:
			if (t->deliver || !rpl_signal_is_fault(t->sig,
							       SI_KERNEL)) {
				ret = resume(r, ev, t, t->deliver);
				t->deliver = 0;
				continue;
			}
			snprintf(what, sizeof(what), "the program got %s "
				 "instead", strsignal(t->sig));
			return rpl_diverge(r, ev, t, NULL, what);
		case RPL_ENTRY: {
			struct rpl_call c;

			rpl_call_capture(t, &c);
			ret = rpl_diverge(r, ev, t, &c.sc, "the program made "
					  "a call where the recording got a "
					  "signal");
			rpl_call_free(&c);
			return ret;
		}
		case RPL_DEAD:
			return rpl_diverge(r, ev, t, NULL, GONE);
		case RPL_EVENT:
			if (t->event == PTRACE_EVENT_EXIT)
				return rpl_diverge(r, ev, t, NULL,
						   "the thread is exiting");
			/* fall through */
		default:
			ret = resume(r, ev, t, 0);
			break;
		}
	}
	if (ret)
		return ret;
	if (!fault && s->siginfo.len == sizeof(siginfo_t))
		ptrace(PTRACE_SETSIGINFO, t->rtid, NULL, s->siginfo.data);
	t->deliver = s->signo;
	return post(r, ev, t);
}

static bool same_status(const Srec__Exit *x, int status)
{
	if (x->signal)
		return WIFSIGNALED(status) && WTERMSIG(status) == x->signal;
	return WIFEXITED(status) && WEXITSTATUS(status) == x->code;
}

static int do_exit(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	const Srec__Exit *x = ev->exit;
	struct rpl_proc *p = t->proc;
	struct rpl_thread *leader = NULL;
	char what[160];
	size_t i;
	int ret = 0;

	if (x->thread) {
		if (t->tid != p->pid)
			ret = rpl_reap(r, t, false);
		if (ret == -ETIMEDOUT)
			return rpl_stall(r, ev, t);
		if (!ret && t->tid != p->pid)
			rpl_thread_forget(r, t);
		return ret;
	}
	/* SIGKILL has no delivery stop, so no Signal event: kill it here
	 * (the process's own threads keep its pid from being reused). */
	if (x->signal == SIGKILL)
		for (i = 0; i < r->n_th; i++)
			if (r->th[i]->proc == p && r->th[i]->st != RPL_DEAD)
				tgkill(p->rpid, r->th[i]->rtid, SIGKILL);
	for (i = 0; !ret && i < r->n_th; i++) {
		if (r->th[i]->proc != p)
			continue;
		if (r->th[i]->tid == p->pid)
			leader = r->th[i];
		else
			ret = rpl_reap(r, r->th[i], false);
	}
	if (!ret && leader)
		ret = rpl_reap(r, leader, false);
	if (ret == -ETIMEDOUT)
		return rpl_stall(r, ev, t);
	if (ret)
		return ret;
	if (leader && !same_status(x, leader->wstatus)) {
		int st = leader->wstatus;

		if (WIFSIGNALED(st))
			snprintf(what, sizeof(what), "the process was killed "
				 "by %s", strsignal(WTERMSIG(st)));
		else
			snprintf(what, sizeof(what), "the process exited "
				 "with %d", WEXITSTATUS(st));
		return rpl_diverge(r, ev, leader, NULL, what);
	}
	for (i = r->n_th; i-- > 0;)
		if (r->th[i]->proc == p)
			rpl_thread_forget(r, r->th[i]);
	return 0;
}

static int step(struct rpl *r, const Srec__Event *ev)
{
	struct rpl_thread *t;

	switch (ev->kind_case) {
	case SREC__EVENT__KIND_BLOB:
		if (ev->blob->hash.len == 16)
			rpl_blobs_put(r->blobs, ev->blob->hash.data,
				      ev->blob->data.data, ev->blob->data.len);
		return 0;
	case SREC__EVENT__KIND_SYSCALL:
	case SREC__EVENT__KIND_CLONE:
	case SREC__EVENT__KIND_EXEC:
	case SREC__EVENT__KIND_SIGNAL:
	case SREC__EVENT__KIND_EXIT:
		break;
	default:
		return 0;
	}
	t = rpl_thread_find(r, ev->tid);
	if (!t && ev->kind_case == SREC__EVENT__KIND_EXEC)
		t = rpl_thread_find(r, ev->exec->former_tid);
	if (!t)
		return rpl_diverge(r, ev, NULL, NULL, "no such thread was "
				   "created in the replay");
	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL:
		return do_syscall(r, ev, t);
	case SREC__EVENT__KIND_CLONE:
		return do_clone(r, ev, t);
	case SREC__EVENT__KIND_EXEC:
		return do_exec(r, ev, t);
	case SREC__EVENT__KIND_SIGNAL:
		return do_signal(r, ev, t);
	default:
		return do_exit(r, ev, t);
	}
}

/*
 * A vfork parent's next event came before its child's exec: the kernel
 * let the parent go in the middle of that exec.  Replay the child's
 * events up to its exec (or exit) ahead of their turn; the main loop
 * then passes over them.
 */
static int run_ahead(struct rpl *r, struct rpl_thread *c)
{
	uint64_t seq = r->seq;
	const Srec__Event *ev;
	int ret = 0;

	if (!r->ahead_rd)
		ret = srec_fmt_reader_open(r->o->trace, &r->ahead_rd);
	if (!ret)
		ret = srec_fmt_reader_seek(r->ahead_rd, seq + 1);
	while (!ret && !c->released &&
	       (ret = srec_fmt_reader_next(r->ahead_rd, &ev)) == 1) {
		ret = 0;
		if (ev->kind_case != SREC__EVENT__KIND_BLOB &&
		    ev->tid != c->tid)
			continue;
		if (r->n_ahead == r->cap_ahead) {
			r->cap_ahead = r->cap_ahead ? 2 * r->cap_ahead : 16;
			r->ahead = srec_xrealloc(r->ahead, r->cap_ahead *
							   sizeof(*r->ahead));
		}
		r->ahead[r->n_ahead++] = ev->seq;
		r->seq = ev->seq;
		ret = step(r, ev);
	}
	r->seq = seq;
	/* The end of the trace, or damage, is the main loop's to meet. */
	return ret > 0 || ret == SREC_EDAMAGED ? 0 : ret;
}

/* Whether event @seq was replayed ahead of its turn (then forget it). */
static bool done_ahead(struct rpl *r, uint64_t seq)
{
	size_t i;

	for (i = 0; i < r->n_ahead; i++) {
		if (r->ahead[i] != seq)
			continue;
		r->ahead[i] = r->ahead[--r->n_ahead];
		return true;
	}
	return false;
}

/* ---- Start and --until ------------------------------------------------- */

/* The environment to start with, a copy the caller frees with free_env().
 * With --no-env the trace has names only: values come from here. */
static char **start_env(char **env, bool no_env)
{
	size_t n = 0, i, k = 0;
	char **out;

	while (env[n])
		n++;
	out = srec_xcalloc(n + 1, sizeof(*out));
	for (i = 0; i < n; i++) {
		struct srec_buf b = SREC_BUF_INIT;
		const char *v = NULL;

		if (no_env && !strchr(env[i], '=')) {
			v = getenv(env[i]);
			if (!v)
				continue;
		}
		srec_buf_adds(&b, env[i]);
		if (v)
			srec_buf_addf(&b, "=%s", v);
		out[k++] = srec_buf_detach(&b);
	}
	return out;
}

static void free_env(char **env)
{
	size_t i;

	for (i = 0; env[i]; i++)
		free(env[i]);
	free(env);
}

/*
 * Keep srec and the program (which inherits it) on the CPU srec runs on.
 * Every ptrace stop is a handoff between the two, and across CPUs each
 * costs a cross-CPU wakeup, several times a context switch on one CPU
 * (bench/README.md).  Replay runs one thread at a time anyway, and the
 * program's own affinity calls are emulated, so it sees the recorded
 * mask.  Failing, the program simply runs where the scheduler puts it.
 */
static void bind_cpu(void)
{
	cpu_set_t one;
	int cpu = sched_getcpu();

	if (cpu < 0 || cpu >= CPU_SETSIZE)
		return;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	sched_setaffinity(0, sizeof(one), &one);
}

static int spawn(struct rpl *r)
{
	const char *exe = r->plan.path;
	char *abs_exe = NULL;
	char **env;
	struct rpl_proc *p;
	struct rpl_thread *t;
	pid_t pid;
	int status, err;
	size_t i;

	/* The recorded path is relative to the recorded cwd (the child
	 * goes there first); --exe is relative to ours. */
	if (r->o->exe) {
		abs_exe = realpath(r->o->exe, NULL);
		exe = abs_exe ? abs_exe : r->o->exe;
		err = access(exe, X_OK);
	} else if (exe[0] != '/' && r->plan.cwd) {
		int dir = open(r->plan.cwd, O_PATH | O_DIRECTORY | O_CLOEXEC);

		err = faccessat(dir >= 0 ? dir : AT_FDCWD, exe, X_OK, 0);
		if (dir >= 0)
			close(dir);
	} else {
		err = access(exe, X_OK);
	}
	if (err) {
		srec_error("cannot run %s: %s", exe, strerror(errno));
		free(abs_exe);
		return -ECANCELED;
	}
	env = start_env(r->plan.env, r->hdr->no_env);
	bind_cpu();
	pid = fork();
	if (pid < 0) {
		err = -errno;
		free_env(env);
		free(abs_exe);
		return err;
	}
	if (!pid) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		personality(ADDR_NO_RANDOMIZE);
		/* The recorded cwd may be gone; the program only sees it
		 * through emulated calls anyway. */
		if (r->plan.cwd && chdir(r->plan.cwd))
			(void)0;
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		kill(getpid(), SIGSTOP);
		execve(exe, r->plan.argv, env);
		_exit(127);
	}
	free_env(env);
	free(abs_exe);
	if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status))
		return -ECHILD;
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)PTRACE_OPTS)) {
		err = -errno;
		kill(pid, SIGKILL);
		waitpid(pid, &status, __WALL);
		return err;
	}
	p = rpl_proc_new(r->plan.root_tid, pid, NULL);
	for (i = 0; i < r->hdr->n_std_streams; i++) {
		const Srec__StdStream *s = r->hdr->std_streams[i];

		/* What went to /dev/null was not shown then either. */
		if ((s->fd == 1 || s->fd == 2) &&
		    s->kind != SREC__FD_KIND__FD_CLOSED &&
		    s->kind != SREC__FD_KIND__FD_DEVNULL)
			p->echo[s->fd] = (uint8_t)s->fd;
	}
	if (!r->hdr->n_std_streams)
		p->echo[1] = 1, p->echo[2] = 2;
	r->root_rpid = pid;
	t = rpl_thread_add(r, r->plan.root_tid, pid, p);
	t->st = RPL_INITIAL;
	t->fresh = false;
	return 0;
}

/* Wait (a little) until the SIGSTOP a detach left pending has stopped
 * @pid, so that it is stopped when we say so. */
static void wait_stopped(pid_t pid)
{
	char path[64], buf[256];
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (i = 0; i < 200; i++) {
		FILE *f = fopen(path, "r");
		char *p = NULL;

		if (f) {
			p = fgets(buf, sizeof(buf), f);
			fclose(f);
		}
		p = p ? strrchr(buf, ')') : NULL;
		if (!p || p[1] != ' ' || p[2] == 'T')
			return;
		usleep(5000);
	}
}

/* Leave the program for a debugger, just before event @ev. */
static int until_stop(struct rpl *r, const Srec__Event *ev)
{
	struct rpl_thread *t = rpl_thread_find(r, ev->tid);
	pid_t pid, recorded;

	if (t && ev->kind_case == SREC__EVENT__KIND_SYSCALL && !t->in_clone &&
	    to_entry(r, ev, t))
		return SREC_EDIVERGED;
	/* Read now: the threads are forgotten once let go. */
	pid = t ? t->proc->rpid : 0;
	recorded = t ? t->proc->pid : 0;
	rpl_detach_all(r, NULL, true);
	if (!pid)
		return 0;
	wait_stopped(pid);
	fprintf(stderr, "srec: stopped before event #%" PRIu64
			" in process %d (recorded as %d)\n"
			"srec: debug it with: gdb -p %d\n", r->seq, pid,
			recorded, pid);
	return 0;
}

int rpl_hold(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t)
{
	return to_entry(r, ev, t);
}

static int run(struct rpl *r)
{
	const Srec__Event *ev;
	int ret;

	r->last_progress_ms = rpl_now_ms();
	while ((ret = srec_fmt_reader_next(r->rd, &ev)) == 1) {
		if (r->n_ahead && done_ahead(r, ev->seq))
			continue;
		r->seq = ev->seq;
		if (r->o->has_until && ev->seq >= r->o->until &&
		    ev->kind_case != SREC__EVENT__KIND_BLOB &&
		    ev->kind_case != SREC__EVENT__KIND_NOTE)
			return until_stop(r, ev);
		if (r->o->gdb && ev->kind_case != SREC__EVENT__KIND_BLOB &&
		    (ret = rpl_dbg_event(r, ev)))
			return ret;
		ret = step(r, ev);
		if (ret)
			return ret;
		r->last_progress_ms = rpl_now_ms();
	}
	if (ret == SREC_EDAMAGED || (!ret && r->plan.damaged)) {
		const char *d = srec_fmt_reader_describe_damage(r->rd);

		srec_error("replay stopped after event #%" PRIu64 ": %s",
			   r->seq, *d ? d : "the trace is cut short (was "
			   "srec record killed?)");
		return SREC_EDAMAGED;
	}
	return ret;
}

int srec_rpl_run(const struct srec_rpl_opts *o)
{
	struct rpl r;
	struct srec_ticker ticker;
	int ret;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.stall_ms = o->stall_ms ? o->stall_ms : 10000;
	rpl_nrs_lookup(&r.nr);
	ret = rpl_plan_build(o->trace, &r.nr, &r.plan);
	if (ret)
		return ret;
	ret = srec_fmt_reader_open(o->trace, &r.rd);
	if (ret)
		goto out;
	r.hdr = srec_fmt_reader_header(r.rd);
	if (r.hdr->buffer_cap)
		srec_warn("the trace was recorded with -s %" PRIu64 ": buffers "
			  "longer than that were cut, so the replay may "
			  "diverge where the program reads them",
			  r.hdr->buffer_cap);
	r.blobs = rpl_blobs_new();
	srec_ticker_catch(&ticker);
	srec_ticker_arm(RPL_TICK_MS);
	ret = spawn(&r);
	if (!ret)
		ret = run(&r);
	if (ret == RPL_LIVE)
		ret = 0; /* o->live says how it ended */
	rpl_kill_all(&r);
	srec_ticker_release(&ticker);
out:
	srec_fmt_reader_close(r.ahead_rd);
	free(r.ahead);
	free(r.th);
	rpl_images_cleanup(&r);
	rpl_blobs_free(r.blobs);
	srec_fmt_reader_close(r.rd);
	rpl_plan_free(&r.plan);
	return ret;
}
