/* SPDX-License-Identifier: MIT */
/*
 * rec_int.h - internals of the recorder shared by its files: the recorder
 * state, the per-thread state (kept from a syscall's entry stop to its exit
 * stop) and the helpers each file exports to the others.  Not for use
 * outside recorder/.
 */
#ifndef SREC_REC_INT_H
#define SREC_REC_INT_H

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "srec_fmt.h"
#include "srec_rec.h"
#include "srec_buf.h"
#include "srec_sys.h"

/* One region of tracee memory captured for the event being built. */
struct rec_region {
	uint8_t arg;
	uint8_t dir;      /* SREC__DIR__IN / OUT */
	bool str;
	bool fault;
	bool has_blob;
	uint64_t addr;
	uint64_t len;     /* Mem.len: the region's length in the tracee */
	size_t off;       /* its bytes: data[off, off + n) of the thread */
	size_t n;
	uint64_t want;    /* bytes asked for (before the NUL is found) */
	uint8_t blob[16];
};

struct rec_exec; /* exec.c: what the exec stop found, kept until the exit */

enum {
	T_IN_SYSCALL = 1u << 0, /* entry seen, exit not yet */
	T_NEW = 1u << 1,        /* auto-attached; its first stop not seen */
	T_ANNOUNCED = 1u << 2,  /* its parent's Clone event is written */
	T_HELD = 1u << 3,       /* stopped until its Clone event is written */
	T_SKIP = 1u << 4,       /* srec's own child before its execve */
	T_FORCED = 1u << 5,     /* the call in progress was skipped (rseq) */
	T_COMPAT = 1u << 6,     /* the call in progress is not native */
	T_DETACHED = 1u << 7,   /* let go while held (-p ends) */
	T_WAITING = 1u << 8,    /* stopped until its address space's token
				 * is free (sched.c) */
	T_GLUED = 1u << 9,      /* new thread: keeps the token through its
				 * first syscall */
	T_IN_LATE = 1u << 10,   /* the call's IN regions are named, to be
				 * read at its exit stop (capture.c) */
	T_INJECTED = 1u << 11,  /* -e inject= skipped the call in progress:
				 * its result is the rule's (inject.c) */
	T_NO_TRACER = 1u << 12, /* its PTRACE_TRACEME failed: its next
				 * SIGSTOP is dropped (nested.c) */
};

/* What a thread does once it holds the token (rec_continue()). */
enum rec_pending {
	P_NONE = 0,
	P_EXIT,   /* write its syscall's event, return to user space */
	P_START,  /* a new thread starts */
	P_SIGNAL, /* write the Signal event, deliver it */
};

struct rec_vm; /* sched.c: the token of one address space */

struct rec_thread {
	pid_t tid;
	pid_t tgid;
	unsigned flags;
	/* The call in progress, from its entry stop. */
	uint32_t nr;
	uint64_t args[6];
	uint64_t ip, sp;
	uint64_t t_enter;
	/* -k: the stack from sp at entry (stack_n bytes of it read). */
	uint8_t *stack;
	size_t stack_n;
	struct srec_sys_scratch scratch;
	/* Its captured regions and their bytes, reused call after call. */
	struct rec_region *regions;
	size_t n_regions, cap_regions;
	uint8_t *data;
	size_t data_len, data_cap;
	struct rec_exec *exec;
	/* moved.c: where the call's source started (-1: nothing to keep)
	 * and the bytes it moved to PROG's stdout/stderr. */
	int64_t moved_from;
	uint8_t *moved;
	size_t moved_n, moved_cap;
	/* Scheduling (sched.c). */
	struct rec_vm *vm;            /* NULL: not serialised (-p) */
	struct rec_thread *next_waiter;
	uint8_t pending;              /* enum rec_pending */
	int pending_sig;
	int64_t pending_ret;
	uint64_t pending_t;           /* its syscall's exit time */
	/* -e inject=: its invocation counts, and the rule that applies to
	 * the call in progress (NULL: none). */
	struct srec_inject_counts inj_counts;
	const struct srec_inject_rule *inj;
};

struct rec {
	const struct srec_rec_opts *o;
	struct srec_fmt_writer *w;
	int err;              /* first fatal error (writer) */
	uint64_t t0;          /* CLOCK_MONOTONIC at start: trace time 0 */
	size_t page;

	/* tid -> thread, open addressing with linear probing. */
	struct rec_thread **tab;
	size_t tab_cap, tab_n;

	pid_t root;
	bool root_done;
	int root_status;      /* as 128+N for a signal */
	uint64_t syscalls, processes;
	bool attach;
	bool detaching;
	bool warned_setuid;
	bool warned_ptrace;   /* nested.c */
	struct rec_vm *vms;   /* every address space's token (sched.c) */
	size_t n_waiting;     /* threads waiting for a token */
	bool timer_on;        /* the slice timer is armed */
	bool bound;           /* srec and PROG share one CPU (rec.c) */
	cpu_set_t cpus;       /* the mask they had before */

	/* Scratch reused by every stop, never per event. */
	struct iovec *liov, *riov;
	size_t cap_iov;
	Srec__Mem *mems;
	Srec__Mem **memp;
	size_t cap_mems;
	uint8_t *blob_buf;
	size_t blob_cap;
	/* Executables already hashed: (dev, ino, size, mtime) -> hash. */
	struct rec_exe_hash *exe_hashes;
	size_t n_exe_hashes;

	/* moved.c: the streams PROG was given as fds 1 and 2. */
	bool std_known[2];
	dev_t std_dev[2];
	ino_t std_ino[2];

	/* Syscall numbers from the architecture's asm headers. */
	uint32_t nr_execve, nr_execveat, nr_rseq, nr_mmap, nr_clone,
		nr_clone3, nr_exit, nr_shmat, nr_sched_getaffinity,
		nr_sched_setaffinity;
};

/* ---- sched.c ---- */
/* A new address space's token (one reference), or another reference. */
struct rec_vm *rec_vm_new(struct rec *r);
struct rec_vm *rec_vm_get(struct rec_vm *vm);
void rec_vm_put(struct rec_vm *vm);
/* @vm now maps shared writable memory, which its forks will share. */
void rec_vm_note_shared(struct rec_vm *vm);
/* Only one thread runs in @vm and no other process shares any of its
 * memory writable: while that thread is in a syscall, nothing but the
 * call changes its memory.  (False for -p: no tokens.) */
bool rec_vm_alone(const struct rec_vm *vm);
/* The token of a new child of a thread holding @vm (NULL: -p, none):
 * @vm itself for a thread (@clone_vm) or a fork that shares memory. */
struct rec_vm *rec_vm_for_child(struct rec *r, struct rec_vm *vm,
				bool clone_vm);
/* @t wants to run user code (t->pending says what first): now if its
 * token is free, else once the holder enters a syscall. */
void rec_sched_run(struct rec *r, struct rec_thread *t);
/* @t leaves user space (syscall entry, stop, death): free its token. */
void rec_sched_leave(struct rec *r, struct rec_thread *t);
/* @t now lives in address space @vm (exec), whose reference it takes. */
void rec_sched_move(struct rec *r, struct rec_thread *t, struct rec_vm *vm);
/* The slice timer fired: take the token from long holders. */
void rec_sched_tick(struct rec *r);
/* Recording ends: the slice timer stops. */
void rec_sched_end(struct rec *r);
/* rec.c: carry out t->pending now that @t holds its token. */
void rec_continue(struct rec *r, struct rec_thread *t);

/* ---- threads.c ---- */
struct rec_thread *rec_thread_find(struct rec *r, pid_t tid);
struct rec_thread *rec_thread_add(struct rec *r, pid_t tid, pid_t tgid);
void rec_thread_del(struct rec *r, struct rec_thread *t);
/* Give @t the id @tid (exec by a non-leader thread takes the leader's). */
void rec_thread_rename(struct rec *r, struct rec_thread *t, pid_t tid);
void rec_threads_free(struct rec *r);

/* ---- capture.c ---- */
/* Name and read the memory of the call @t is entering / leaving. */
int rec_capture_enter(struct rec *r, struct rec_thread *t);
int rec_capture_exit(struct rec *r, struct rec_thread *t, int64_t ret);
/* The Syscall event of @t's call: complete, or no_return. */
int rec_emit_syscall(struct rec *r, struct rec_thread *t, int64_t ret,
		     uint64_t t_exit, bool no_return);
void rec_capture_free(struct rec *r);

/* ---- moved.c ---- */
/* Once PROG (or the -p process) is there: what its fds 1 and 2 are. */
void rec_moved_init(struct rec *r);
/* At the entry / exit of @t's call: keep what sendfile, splice or
 * copy_file_range moved from a file into PROG's stdout/stderr. */
void rec_moved_enter(struct rec *r, struct rec_thread *t);
void rec_moved_exit(struct rec *r, struct rec_thread *t, int64_t ret);

/* ---- nested.c ---- */
/* At the exit of @t's call: a ptrace the program made fails (EPERM); say
 * so once. */
void rec_nested_exit(struct rec *r, struct rec_thread *t, int64_t ret);
/* Is @sig, about to be delivered to @t, the stop no tracer would see?
 * Then a Note is written instead of a Signal event: drop it. */
bool rec_nested_drop(struct rec *r, struct rec_thread *t, int sig);

/* ---- exec.c ---- */
/* At the PTRACE_EVENT_EXEC stop: fix up the image, gather the Exec. */
int rec_exec_stop(struct rec *r, struct rec_thread *t, pid_t former_tid,
		  uint64_t ip, uint64_t sp);
/* After the execve's Syscall event: write the Exec event, free it. */
int rec_exec_emit(struct rec *r, struct rec_thread *t);
void rec_exec_free(struct rec_exec *e);
pid_t rec_exec_former_tid(const struct rec_exec *e);
void rec_exec_hashes_free(struct rec *r);
/* readlink(/proc/PID/WHAT), malloc'd, or NULL. */
char *rec_proc_link(pid_t pid, const char *what);
/* Append the contents of /proc/PID/WHAT to @out.  0 or -errno. */
int rec_proc_file(pid_t pid, const char *what, struct srec_buf *out);

/* ---- inject.c ---- */
/* At @t's syscall-entry stop: count the call, and if a rule picks it,
 * sleep delay_enter= and skip the call (error=/retval=).
 * @return: the signal to resume @t with (signal=), or 0. */
int rec_inject_enter(struct rec *r, struct rec_thread *t);
/* At its exit stop: sleep delay_exit= and, for a skipped call, put the
 * rule's result in place.  @ret: what the kernel returned; the result
 * the program sees. */
int64_t rec_inject_exit(struct rec *r, struct rec_thread *t, int64_t ret);
/* What the call's Syscall event says about the injection, in @inj;
 * false when nothing was injected. */
bool rec_inject_event(struct rec *r, const struct rec_thread *t,
		      Srec__Injected *inj);

/* ---- header.c ---- */
/* Fill @h (and the buffers in @store) for the trace header. */
struct rec_header_store;
int rec_header_build(struct rec *r, Srec__TraceHeader *h,
		     struct rec_header_store **store);
void rec_header_free(struct rec_header_store *s);

/* ---- rec.c ---- */
uint64_t rec_now(const struct rec *r);
int rec_append(struct rec *r, Srec__Event *ev);
void rec_warn(struct rec *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
