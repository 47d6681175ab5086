// SPDX-License-Identifier: MIT
/*
 * ptrace_floor.c - the least a ptrace-based recorder must do: stop at
 * every syscall entry and exit (PTRACE_SYSCALL + waitpid) and ask what
 * the call is (PTRACE_GET_SYSCALL_INFO), following forks, vforks, clones
 * and execs, and nothing else: no memory read, no output.  The record
 * benchmark (record_bench.sh) runs it beside strace and `srec record` to
 * show how much of srec's cost is ptrace's own.
 *
 *   ptrace_floor [-m] PROG [ARG...]   exit status: PROG's (128+N on
 *                                     signal N)
 *
 * -m also copies out the memory each call reads and writes, as srec's
 * syscall table names it, the way srec does (one process_vm_readv per
 * stop, strings to the end of their page, a call's IN regions at its exit
 * stop when srec_sys_in_readable_at_exit() allows) into a scratch buffer,
 * and keeps nothing: the least a recorder that keeps every buffer must
 * do, so srec's ratio to it is the cost of srec's own work (encoding,
 * compressing, bookkeeping).  It assumes what srec checks: that each
 * process is one thread with no shared writable memory.
 *
 * With PTRACE_FLOOR_COUNT=FILE it writes the number of syscalls to FILE.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/uio.h>
#include <linux/ptrace.h>

#include "srec_sys.h"
#include "srec_tracee.h"

static const long options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK |
			    PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
			    PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;

/* ---- -m: the memory of each call ------------------------------------ */

enum {
	MAX_IOV = 64,
	SCRATCH = 4 << 20, /* bytes per stop; a longer region is cut */
	SLOTS = 4096,      /* calls in progress, by tid */
};

/* One call between its entry and exit stops. */
struct call {
	pid_t tid;
	unsigned nr;
	uint64_t args[6];
	struct srec_sys_scratch scratch;
	bool in_late; /* its IN regions wait for the exit stop */
	struct srec_sys_region in[MAX_IOV]; /* its first IN regions */
	size_t n_in;
};

static struct call *calls_in_progress;
static uint8_t *scratch;
static long page;

/* The regions of one stop, to be read in one process_vm_readv. */
struct batch {
	struct srec_sys_region *keep; /* or NULL: just read */
	size_t n_keep;
	struct iovec local[MAX_IOV], remote[MAX_IOV];
	size_t n, used;
	pid_t tid;
};

static void batch_read(struct batch *b)
{
	if (b->n)
		process_vm_readv(b->tid, b->local, b->n, b->remote, b->n, 0);
	b->n = 0;
	b->used = 0;
}

static int batch_add(void *ctx, const struct srec_sys_region *g)
{
	struct batch *b = ctx;
	uint64_t want = g->len;

	if (b->keep) {
		if (b->n_keep < MAX_IOV)
			b->keep[b->n_keep++] = *g;
		return 0;
	}
	if (g->str && want > page - (g->addr & (page - 1)))
		want = page - (g->addr & (page - 1));
	if (want > SCRATCH)
		want = SCRATCH;
	if (b->n == MAX_IOV || b->used + want > SCRATCH)
		batch_read(b);
	b->local[b->n].iov_base = scratch + b->used;
	b->local[b->n].iov_len = (size_t)want;
	b->remote[b->n].iov_base = (void *)(uintptr_t)g->addr;
	b->remote[b->n].iov_len = (size_t)want;
	b->n++;
	b->used += (size_t)want;
	return 0;
}

static void memory_at_entry(pid_t tid,
			    const struct ptrace_syscall_info *info)
{
	struct call *c = &calls_in_progress[tid % SLOTS];
	struct batch b = { .keep = c->in, .tid = tid };
	struct srec_sys_tracee_mem mem;
	pid_t box = tid;
	size_t i;

	c->tid = tid;
	c->nr = (unsigned)info->entry.nr;
	memcpy(c->args, info->entry.args, sizeof(c->args));
	srec_tracee_mem(&box, &mem);
	srec_sys_regions_enter(c->nr, c->args, &mem, &c->scratch, batch_add,
			       &b);
	c->n_in = b.n_keep;
	c->in_late = c->n_in > 0;
	for (i = 0; i < c->n_in && c->in_late; i++)
		c->in_late = srec_sys_in_readable_at_exit(c->nr, c->args,
							  c->in[i].addr,
							  c->in[i].len);
	if (c->in_late)
		return;
	b.keep = NULL;
	for (i = 0; i < c->n_in; i++)
		batch_add(&b, &c->in[i]);
	batch_read(&b);
}

static void memory_at_exit(pid_t tid, const struct ptrace_syscall_info *info)
{
	struct call *c = &calls_in_progress[tid % SLOTS];
	struct batch b = { .tid = tid };
	struct srec_sys_tracee_mem mem;
	pid_t box = tid;
	size_t i;

	if (c->tid != tid)
		return; /* its entry came before the exec that renamed it */
	srec_tracee_mem(&box, &mem);
	for (i = 0; c->in_late && i < c->n_in; i++)
		batch_add(&b, &c->in[i]);
	srec_sys_regions_exit(c->nr, c->args, info->exit.rval, &mem,
			      &c->scratch, batch_add, &b);
	batch_read(&b);
	c->tid = 0;
}

/* ---- The loop ---------------------------------------------------------- */

static pid_t start(char **argv)
{
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		/* Stop before exec so the tracer can set its options. */
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0 ||
		    raise(SIGSTOP) < 0)
			_exit(126);
		execvp(argv[0], argv);
		fprintf(stderr, "ptrace_floor: %s: %s\n", argv[0],
			strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	return pid;
}

int main(int argc, char **argv)
{
	struct ptrace_syscall_info info;
	unsigned long long calls = 0;
	const char *count_to;
	int status, sig, root_status = 0, first = 1;
	bool memory = false;
	pid_t root, pid;

	if (argc > 1 && !strcmp(argv[1], "-m")) {
		memory = true;
		first = 2;
		calls_in_progress = calloc(SLOTS, sizeof(*calls_in_progress));
		scratch = malloc(SCRATCH);
		page = sysconf(_SC_PAGESIZE);
		if (!calls_in_progress || !scratch) {
			fprintf(stderr, "ptrace_floor: out of memory\n");
			return 2;
		}
	}
	if (argc <= first) {
		fprintf(stderr, "usage: ptrace_floor [-m] PROG [ARG...]\n");
		return 2;
	}
	root = start(argv + first);
	if (root < 0 || waitpid(root, &status, 0) != root ||
	    !WIFSTOPPED(status) ||
	    ptrace(PTRACE_SETOPTIONS, root, NULL, (void *)options) < 0 ||
	    ptrace(PTRACE_SYSCALL, root, NULL, NULL) < 0) {
		perror("ptrace_floor: start");
		return 126;
	}
	/* Until ECHILD: every tracee is gone. */
	while ((pid = waitpid(-1, &status, __WALL)) != 0) {
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (pid == root)
				root_status = status;
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		sig = WSTOPSIG(status);
		if (sig == (SIGTRAP | 0x80)) {
			if (ptrace(PTRACE_GET_SYSCALL_INFO, pid,
				   (void *)sizeof(info), &info) <= 0)
				info.op = PTRACE_SYSCALL_INFO_NONE;
			if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
				calls++;
				if (memory)
					memory_at_entry(pid, &info);
			} else if (info.op == PTRACE_SYSCALL_INFO_EXIT &&
				   memory) {
				memory_at_exit(pid, &info);
			}
			sig = 0;
		} else if (status >> 16) {
			/* fork/vfork/clone/exec event stop. */
			sig = 0;
		} else if (sig == SIGSTOP) {
			/* A new tracee's first stop (or a real SIGSTOP, which a
			 * floor measurement can afford to drop). */
			sig = 0;
		}
		ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig);
	}
	count_to = getenv("PTRACE_FLOOR_COUNT");
	if (count_to) {
		FILE *f = fopen(count_to, "w");

		if (f) {
			fprintf(f, "%llu\n", calls);
			fclose(f);
		}
	}
	if (WIFSIGNALED(root_status))
		return 128 + WTERMSIG(root_status);
	return WEXITSTATUS(root_status);
}
