// SPDX-License-Identifier: MIT
/*
 * calls.c - the syscall numbers the replayer treats specially, and how a
 * recorded call is replayed: run for real, emulated, or left to never
 * return.  The pre-pass (plan.c) and the engine (replay.c) both ask,
 * so that a thread can be resumed into an emulated call with
 * PTRACE_SYSEMU before the engine reaches it.
 */
#include "rpl_int.h"

static long nr_of(const char *name)
{
	const struct srec_sys_entry *e = srec_sys_find(name);

	return e ? (long)e->nr : -1;
}

void rpl_nrs_lookup(struct rpl_nrs *n)
{
	n->execve = nr_of("execve");
	n->execveat = nr_of("execveat");
	n->exit = nr_of("exit");
	n->exit_group = nr_of("exit_group");
	n->clone = nr_of("clone");
	n->clone3 = nr_of("clone3");
	n->fork = nr_of("fork");
	n->vfork = nr_of("vfork");
	n->mmap = nr_of("mmap");
	n->mremap = nr_of("mremap");
	n->shmat = nr_of("shmat");
	n->set_tid_address = nr_of("set_tid_address");
	n->write = nr_of("write");
	n->pwrite64 = nr_of("pwrite64");
	n->writev = nr_of("writev");
	n->pwritev = nr_of("pwritev");
	n->pwritev2 = nr_of("pwritev2");
	n->vmsplice = nr_of("vmsplice");
	n->sendfile = nr_of("sendfile");
	n->splice = nr_of("splice");
	n->copy_file_range = nr_of("copy_file_range");
	n->dup = nr_of("dup");
	n->dup2 = nr_of("dup2");
	n->dup3 = nr_of("dup3");
	n->fcntl = nr_of("fcntl");
	n->close = nr_of("close");
	n->close_range = nr_of("close_range");
	n->rt_sigsuspend = nr_of("rt_sigsuspend");
	n->ppoll = nr_of("ppoll");
	n->pselect6 = nr_of("pselect6");
	n->epoll_pwait = nr_of("epoll_pwait");
	n->epoll_pwait2 = nr_of("epoll_pwait2");
	n->rt_sigreturn = nr_of("rt_sigreturn");
	n->restart_syscall = nr_of("restart_syscall");
}

bool rpl_is_clone(const struct rpl_nrs *n, long nr)
{
	return rpl_nr_is(nr, n->clone) || rpl_nr_is(nr, n->clone3) ||
	       rpl_nr_is(nr, n->fork) || rpl_nr_is(nr, n->vfork);
}

/* A failure of an executed call that the outside world decided (a file
 * that was missing, a limit reached): replayed as recorded, not run. */
static bool fails_outside(const struct rpl_nrs *n, const Srec__Syscall *sc)
{
	long nr = (long)sc->nr;

	if (!srec_sys_failed(sc->ret))
		return false;
	return rpl_nr_is(nr, n->mmap) || rpl_nr_is(nr, n->mremap) ||
	       rpl_nr_is(nr, n->shmat) || rpl_nr_is(nr, n->execve) ||
	       rpl_nr_is(nr, n->execveat) || rpl_is_clone(n, nr);
}

enum rpl_how rpl_how(const struct rpl_nrs *n, const Srec__Syscall *sc)
{
	const struct srec_sys_entry *e = srec_sys_get(sc->nr);

	if (sc->no_return)
		return RPL_HOW_NO_RETURN;
	/* A call record -e inject= did not run gets its recorded result
	 * like any emulated one, whatever its table row says. */
	if (sc->injected && sc->injected->ret)
		return RPL_HOW_EMULATE;
	if (!sc->forced && e && e->replay == SREC_REPLAY_EXECUTE &&
	    !fails_outside(n, sc))
		return RPL_HOW_EXECUTE;
	return RPL_HOW_EMULATE;
}
