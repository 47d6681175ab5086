/* SPDX-License-Identifier: MIT */
/*
 * rpl_int.h - internals of the replayer, shared by its files: the replay
 * session, the tracee threads and their ptrace stops, the pre-pass over
 * the trace, the blob store and the divergence report.  Not for use
 * outside replayer/.
 */
#ifndef SREC_RPL_INT_H
#define SREC_RPL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "srec_arch.h"
#include "srec_buf.h"
#include "srec_fmt.h"
#include "srec_rpl.h"
#include "srec_sys.h"

/* ---- Calls (calls.c) -------------------------------------------------- */

/* Syscall numbers the engine treats specially, looked up by name. */
struct rpl_nrs {
	long execve, execveat, exit, exit_group, clone, clone3, fork, vfork;
	long mmap, mremap, shmat, set_tid_address, write, pwrite64, writev,
		pwritev, pwritev2, vmsplice, sendfile, splice, copy_file_range, dup, dup2, dup3, fcntl, close, close_range;
	long rt_sigsuspend, ppoll, pselect6, epoll_pwait, epoll_pwait2;
	long rt_sigreturn, restart_syscall;
};

void rpl_nrs_lookup(struct rpl_nrs *n);

static inline bool rpl_nr_is(long nr, long want)
{
	return want >= 0 && nr == want;
}

bool rpl_is_clone(const struct rpl_nrs *n, long nr);

/* How replay makes a thread do its recorded call. */
enum rpl_how {
	RPL_HOW_EMULATE,   /* not run: the recorded result is put in place */
	RPL_HOW_EXECUTE,   /* run for real; its result must match */
	RPL_HOW_NO_RETURN, /* exit, exit_group, a call the thread died in */
};

enum rpl_how rpl_how(const struct rpl_nrs *n, const Srec__Syscall *sc);

/* ---- Pre-pass: what the engine must know ahead of the event stream ---- */

/* What the next event of the same thread is (struct rpl_plan.next). */
enum rpl_next {
	RPL_NEXT_NONE = 0,
	RPL_NEXT_SYSCALL,
	RPL_NEXT_EMULATED, /* a syscall emulated whole at its entry stop */
	RPL_NEXT_CLONE,
	RPL_NEXT_EXEC,
	RPL_NEXT_INJECT,   /* a signal replay must send itself */
	RPL_NEXT_FAULT,    /* a signal the program raises on its own */
	RPL_NEXT_EXIT,
};

/* An execve and the image it ran: Exec.exe_hash, Exec.exe (images.c). */
struct rpl_image {
	uint64_t seq; /* the execve's Syscall event */
	uint8_t hash[16];
	char *exe;
};

struct rpl_plan {
	uint8_t *next;      /* [n_events]: enum rpl_next, by seq */
	uint8_t *next_sig;  /* [n_events]: the signal, when RPL_NEXT_INJECT */
	uint64_t n_events;  /* intact events before any damage */
	bool damaged;       /* the trace ends in damage or is cut short */
	/* The root program's start, from the first execve and Exec. */
	char *path;
	char **argv;
	char **env;
	char *cwd;
	pid_t root_tid;
	/* Every successful execve followed by its Exec, by seq. */
	struct rpl_image *images;
	size_t n_images;
};

/*
 * rpl_plan_build - read the whole trace once from @path; @nr tells how
 * calls are replayed (RPL_NEXT_EMULATED).
 * @return: 0, or a negative error: unreadable trace, -ENOEXEC when it
 *          has no program start (-p), SREC_EDAMAGED (the damage named on
 *          stderr) when damage took the start away.
 */
int rpl_plan_build(const char *path, const struct rpl_nrs *nr,
		   struct rpl_plan *p);
void rpl_plan_free(struct rpl_plan *p);

/* Whether a recorded signal is one the program raises itself (a fault),
 * so replay must wait for it rather than send it. */
bool rpl_signal_is_fault(int signo, int code);

/* ---- Executables gone since the recording (images.c) ------------------ */

struct rpl;
struct rpl_thread;
struct srec_arch_regs;

/* Plan: the execve event @execve_seq ran the image Exec @x names. */
void rpl_images_note(struct rpl_plan *p, uint64_t execve_seq,
		     const Srec__Exec *x);
void rpl_images_free(struct rpl_plan *p);
/*
 * rpl_images_fix - at the entry of the execve @ev that @t is about to
 * run (registers @regs): if the file it names is missing or not the
 * recorded image, point the call at a copy of the recorded one.
 * @return: 0 (also when nothing was needed), SREC_EDIVERGED, -errno.
 */
int rpl_images_fix(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t,
		   struct srec_arch_regs *regs);
/* Remove the copies written. */
void rpl_images_cleanup(struct rpl *r);

/* ---- Blobs ----------------------------------------------------------- */

struct rpl_blobs;

struct rpl_blobs *rpl_blobs_new(void);
void rpl_blobs_free(struct rpl_blobs *b);
/* Keep a copy of @len bytes named by @hash (16 bytes). */
void rpl_blobs_put(struct rpl_blobs *b, const uint8_t *hash,
		   const void *data, size_t len);
/* The bytes named by @hash, or NULL; *len gets their length. */
const void *rpl_blobs_get(const struct rpl_blobs *b, const uint8_t *hash,
			  size_t *len);

/* ---- Threads --------------------------------------------------------- */

/* Where a tracee thread is. */
enum rpl_state {
	RPL_RUNNING = 0, /* resumed; its next stop is not collected yet */
	RPL_INITIAL,     /* new thread held at its first stop */
	RPL_ENTRY,       /* syscall-entry-stop */
	RPL_EXIT,        /* syscall-exit-stop */
	RPL_EVENT,       /* PTRACE_EVENT_* stop (rpl_thread.event) */
	RPL_SIGNAL,      /* signal-delivery-stop (rpl_thread.sig) */
	RPL_GROUP,       /* group-stop */
	RPL_DEAD,        /* gone; rpl_thread.wstatus says how */
};

/* The standard streams a process inherited from srec record. */
#define RPL_ECHO_FDS 1024

struct rpl_proc {
	pid_t pid;            /* recorded thread group id */
	pid_t rpid;           /* the real one */
	int refs;             /* threads pointing here */
	uint8_t echo[RPL_ECHO_FDS]; /* 1 or 2: fd is record's stdout/err */
};

/* The call a thread is making, as a Srec__Syscall (for reports). */
struct rpl_call {
	Srec__Syscall sc;
	uint64_t args[6];
	Srec__Mem *mem;
	Srec__Mem **memp;
	size_t n_mem;
};

struct rpl_thread {
	pid_t tid;            /* recorded */
	pid_t rtid;           /* real */
	struct rpl_proc *proc;
	enum rpl_state st;
	int event;            /* RPL_EVENT: PTRACE_EVENT_* */
	int sig;              /* RPL_SIGNAL / RPL_GROUP: the signal */
	int deliver;          /* signal to pass on at the next resume */
	int wstatus;          /* RPL_DEAD: waitpid status */
	bool fresh;           /* its first (SIGSTOP) stop is still to come */
	/* Syscall-entry facts while a call is in progress. */
	long nr;
	uint64_t args[6];
	struct srec_arch_regs entry_regs;
	bool emu_next;        /* its next call is emulated: resume into it
			       * with PTRACE_SYSEMU, no exit stop */
	bool resumed_emu;     /* the last resume was PTRACE_SYSEMU */
	bool skip_exit;       /* the next exit stop is that skipped call's */
	bool in_clone;        /* a Clone event ran the call to its ptrace
			       * event; the Syscall event finishes it */
	bool parked;          /* a call that never returns, left at entry */
	bool at_exec;         /* exec fixup done, Exec event still due */
	uint64_t fix_ctid;    /* CLONE_CHILD_SETTID address to rewrite */
	uint64_t fix_ptid;    /* CLONE_PARENT_SETTID address to rewrite */
	pid_t clone_child;    /* recorded tid of the child being created */
	pid_t clone_child_rtid; /* and its real one (it may be gone before
				 * the call returns) */
	bool vfork;           /* ... and the parent waits for its exec */
	bool vfork_pending;   /* a vfork's exit stop is still to come */
	int64_t vfork_ret;    /* what that vfork returned at record time */
	bool released;        /* made the exec or exit a vfork waits for */
	int presig;           /* signal replay sent ahead of its event */
	/* The signal= record -e inject= sent with its latest call: a
	 * fault signal replay must send itself, not wait for. */
	int inj_sig;
	/* --inject: its calls of each syscall so far (live.c). */
	struct srec_inject_counts inj_counts;
	/* What the debugger owes gdb about this thread (gdb_server.c). */
	uint8_t dbg_stop;     /* a stop to report when it next runs user
			       * code: RPL_DBG_STEP, RPL_DBG_SYSRET */
	bool dbg_stepping;    /* resumed for one instruction */
	long dbg_nr;          /* RPL_DBG_SYSRET: the call */
	struct rpl *r;        /* the session (for the debugger's hooks) */
	/* The last events of this thread, for reports (a ring). */
	uint64_t hist[5];
	unsigned n_hist;
};

int64_t rpl_now_ms(void);
/* A process record; its echo table copied from @copy (fork) if given. */
struct rpl_proc *rpl_proc_new(pid_t pid, pid_t rpid,
			      const struct rpl_proc *copy);

/* ---- The session ----------------------------------------------------- */

struct rpl {
	const struct srec_rpl_opts *o;
	struct rpl_plan plan;
	struct srec_fmt_reader *rd;
	const Srec__TraceHeader *hdr;
	struct rpl_blobs *blobs;
	struct rpl_nrs nr;
	struct rpl_thread **th;
	size_t n_th, cap_th;
	uint64_t seq;         /* the event being replayed */
	uint64_t stall_ms;
	int64_t last_progress_ms;
	bool first_exec_done;
	pid_t root_rpid;      /* the program srec started (its child) */
	char *image_dir;      /* images.c: copies of recorded executables */
	/* Events replayed ahead of their turn (run_ahead in replay.c). */
	struct srec_fmt_reader *ahead_rd;
	uint64_t *ahead;
	size_t n_ahead, cap_ahead;
};

/* ---- Threads (thread.c) ------------------------------------------------ */

/* The live thread with recorded id @tid, or NULL. */
struct rpl_thread *rpl_thread_find(struct rpl *r, pid_t tid);
/* A new thread (state RUNNING, its first SIGSTOP to come) in @p. */
struct rpl_thread *rpl_thread_add(struct rpl *r, pid_t tid, pid_t rtid,
				  struct rpl_proc *p);
/* Drop a dead thread (and its process with the last one). */
void rpl_thread_forget(struct rpl *r, struct rpl_thread *t);
/* Whether resuming @t runs user code (it is between calls). */
bool rpl_between_calls(const struct rpl_thread *t);
/* Resume with @sig: PTRACE_SYSEMU when the thread is between calls and
 * its next one is emulated (emu_next), else PTRACE_SYSCALL; 0 or -errno. */
int rpl_resume(struct rpl_thread *t, int sig);
/* @t is at an entry stop PTRACE_SYSEMU gave: the kernel skips the call. */
static inline bool rpl_emu_stop(const struct rpl_thread *t)
{
	return t->st == RPL_ENTRY && t->resumed_emu;
}
/* How often rpl_wait() looks at its deadline: the period of the ticker
 * (srec_tick.h) that breaks its blocking waitpid(). */
#define RPL_TICK_MS 50

/*
 * rpl_wait - if @t is running, collect its next stop (t->st and the
 * facts of that stop), with one blocking waitpid().  @return: 0,
 * -ETIMEDOUT at @deadline_ms (checked at each tick), -errno.
 */
int rpl_wait(struct rpl_thread *t, int64_t deadline_ms);
/* Drive a dying thread through its exit stop to its death (or only past
 * PTRACE_EVENT_EXIT with @until_exit_event).  0, -ETIMEDOUT, -errno. */
int rpl_reap(struct rpl *r, struct rpl_thread *t, bool until_exit_event);
/* Kill and collect every tracee, forget every thread. */
void rpl_kill_all(struct rpl *r);

/* ---- Calls (check.c) --------------------------------------------------- */


/*
 * rpl_check_call - compare the call @t is stopped at (entry) with the
 * recorded @sc: number, non-pointer arguments, input bytes.  @skip_in
 * leaves the input bytes out (the first exec, which replay builds).
 * @return: 0 when they match; else SREC_EDIVERGED after the report.
 */
int rpl_check_call(struct rpl *r, const Srec__Event *ev,
		   struct rpl_thread *t, bool skip_in);

/* Fill @c with the call @t is stopped at and the input bytes it passes;
 * free with rpl_call_free(). */
void rpl_call_capture(struct rpl_thread *t, struct rpl_call *c);
void rpl_call_free(struct rpl_call *c);

/* ---- Letting the program go (live.c) ---------------------------------- */

/* Returned up from the engine once the program runs live (below every
 * errno and SREC_E* code). */
#define RPL_LIVE (-5100)

/*
 * rpl_detach_all - let every tracee go and forget it: a thread at an
 * entry stop (but @keep, whose registers the caller set) is set to make
 * its call again; @stopped leaves them stopped (for a debugger, --until),
 * else they run on.
 */
void rpl_detach_all(struct rpl *r, struct rpl_thread *keep, bool stopped);
/* Count @t's call @nr for --inject; the rule to apply there, or NULL. */
const struct srec_inject_rule *rpl_live_pick(struct rpl *r,
					     struct rpl_thread *t, long nr);
/*
 * rpl_go_live - @t is at the entry stop of the call that @rule picked
 * (@ev: its Syscall event, or the Clone event of a clone): inject, announce it (one line), let every thread go and wait
 * for the program to end.  @return: RPL_LIVE with r->o->live filled, or
 * an error before anything was let go.
 */
int rpl_go_live(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t,
		const struct srec_inject_rule *rule);

/* ---- Reports (report.c) ------------------------------------------------ */

/*
 * rpl_diverge - print the divergence report for the event being replayed
 * (@ev, may be NULL) and the thread @t (may be NULL): @what says what
 * differs; @actual, when not NULL, is the call the tracee made.
 * @return: SREC_EDIVERGED.
 */
int rpl_diverge(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t,
		const Srec__Syscall *actual, const char *what);

/* rpl_stall - report that nothing progressed for the stall time. */
int rpl_stall(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t);

/* Append a short text-or-hex view of @n bytes of @p. */
void rpl_show_bytes(struct srec_buf *out, const uint8_t *p, size_t n);
/* Append @ev as one line, the call as `srec dump` prints it. */
void rpl_event_line(const Srec__Event *ev, struct srec_buf *out);

/* ---- The debugger (gdb_server.c), when o->gdb is set ------------------ */

/* The stops a thread can owe gdb (rpl_thread.dbg_stop). */
enum { RPL_DBG_NONE = 0, RPL_DBG_STEP, RPL_DBG_SYSRET };

/* Before event @ev: the stops gdb asked for at syscall granularity
 * (Ctrl-C, monitor run-to, catch syscall).  0, or a negative error that
 * ends the replay (gdb restarted it, killed it or went away). */
int rpl_dbg_event(struct rpl *r, const Srec__Event *ev);
/* Resume @t as rpl_resume() does, or first stop there for gdb when user
 * code runs next and a stop is due (a finished step, the first
 * instruction, a syscall return gdb catches). */
int rpl_dbg_resume(struct rpl *r, struct rpl_thread *t, int sig);
/* @t is at a SIGTRAP stop: if gdb caused it (breakpoint, step,
 * watchpoint), report it, serve gdb and resume @t: 1.  0: not gdb's. */
int rpl_dbg_trap(struct rpl_thread *t);
/* The replay diverged (@report is printed): show gdb the stop. */
void rpl_dbg_diverged(struct rpl *r, struct rpl_thread *t,
		      const char *report);
/* Bring @t to the syscall entry of event @ev (replay.c). */
int rpl_hold(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t);

#endif
