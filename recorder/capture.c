// SPDX-License-Identifier: MIT
/*
 * capture.c - the memory of one syscall and its Syscall event.
 *
 * The syscall table (srec_sys_regions_enter/exit) names the regions; this
 * file reads them from the tracee, all the small ones of a stop in one
 * process_vm_readv, into the thread's reusable buffer, and turns them into
 * Mem messages when the call's event is written at its exit stop.  A
 * call's IN regions are read at its entry stop, unless the call cannot
 * change them and nothing else runs in its memory: then they wait for
 * the exit stop and share its read (a stat's path and its struct: one
 * process_vm_readv instead of two, and each costs as much as a ptrace
 * request).  A
 * successful file-backed mmap or shmat also stores what it mapped, once
 * per distinct content, as a Blob (schemas/EVENTS.md rule 9).
 */
#define _GNU_SOURCE /* process_vm_readv */
#include "rec_int.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/uio.h>

#include "srec_buf.h"
#include "srec_tracee.h"

/* Regions above this size are read alone, in chunks, so a bogus length
 * (write(fd, p, 1 << 40) failing with EFAULT) costs only what is really
 * there. */
#define BIG_REGION (1u << 20)
/* Most of a file-backed mapping srec keeps. */
#define MMAP_MAX ((uint64_t)1 << 30)
/* A buffer larger than this is given back after use. */
#define BLOB_KEEP ((size_t)64 << 20)

struct emit_ctx {
	struct rec *r;
	struct rec_thread *t;
};

static void data_reserve(struct rec_thread *t, size_t extra)
{
	size_t need = t->data_len + extra;

	if (need <= t->data_cap)
		return;
	t->data_cap = t->data_cap ? t->data_cap : 4096;
	while (t->data_cap < need)
		t->data_cap *= 2;
	t->data = srec_xrealloc(t->data, t->data_cap);
}

static struct rec_region *region_new(struct rec_thread *t)
{
	struct rec_region *g;

	if (t->n_regions == t->cap_regions) {
		t->cap_regions = t->cap_regions ? t->cap_regions * 2 : 16;
		t->regions = srec_xrealloc(t->regions, t->cap_regions *
							      sizeof(*g));
	}
	g = &t->regions[t->n_regions++];
	memset(g, 0, sizeof(*g));
	return g;
}

static int emit_region(void *ctx, const struct srec_sys_region *sr)
{
	struct emit_ctx *c = ctx;
	struct rec_region *g = region_new(c->t);

	g->arg = sr->arg;
	g->dir = sr->dir;
	g->str = sr->str;
	g->addr = sr->addr;
	g->len = sr->len;
	return 0;
}

/* How much of region @g to read first. */
static uint64_t first_want(const struct rec *r, const struct rec_region *g)
{
	uint64_t want = g->len;

	/* A string is read to the end of its page first: nearly every
	 * string ends there, and the next page may not exist. */
	if (g->str) {
		uint64_t rest = r->page - (g->addr & (r->page - 1));

		return want < rest ? want : rest;
	}
	if (r->o->buffer_cap && want > r->o->buffer_cap)
		want = r->o->buffer_cap;
	return want;
}

/* Read a big region alone, chunk by chunk, until it ends or faults. */
static void read_big(struct rec_thread *t, struct rec_region *g)
{
	g->off = t->data_len;
	g->n = 0;
	while (g->n < g->want) {
		size_t chunk = g->want - g->n > BIG_REGION ?
				       BIG_REGION :
				       (size_t)(g->want - g->n);
		ssize_t n;

		data_reserve(t, chunk);
		n = srec_tracee_read(t->tid, g->addr + g->n,
				     t->data + g->off + g->n, chunk);
		if (n > 0) {
			g->n += (size_t)n;
			t->data_len += (size_t)n;
		}
		if (n < (ssize_t)chunk)
			break;
	}
}

/* A string that did not end within its first page: read the rest.  Its
 * bytes move to the end of the buffer, where there is room to grow. */
static void finish_string(struct rec_thread *t, struct rec_region *g)
{
	size_t max = (size_t)(g->len - g->n), off = t->data_len;
	ssize_t n;
	bool cut;

	data_reserve(t, g->n + max + 1);
	memcpy(t->data + off, t->data + g->off, g->n);
	n = srec_tracee_read_str(t->tid, g->addr + g->n,
				 (char *)t->data + off + g->n, max, &cut);
	g->off = off;
	if (n > 0)
		g->n += (size_t)n;
	g->fault = n < 0 || (cut && g->n < g->len);
	t->data_len = off + g->n;
}

/* Read regions [@from, n_regions) of @t: one batch, then stragglers. */
static void read_regions(struct rec *r, struct rec_thread *t, size_t from)
{
	size_t i, k, n_iov = 0, total = 0;
	ssize_t got;

	if (r->cap_iov < t->n_regions - from) {
		r->cap_iov = t->n_regions - from;
		r->liov = srec_xrealloc(r->liov, r->cap_iov * sizeof(*r->liov));
		r->riov = srec_xrealloc(r->riov, r->cap_iov * sizeof(*r->riov));
	}
	for (i = from; i < t->n_regions; i++) {
		struct rec_region *g = &t->regions[i];

		g->want = first_want(r, g);
		g->n = 0;
		if (g->want > BIG_REGION || !g->want)
			continue;
		data_reserve(t, (size_t)g->want);
		g->off = t->data_len;
		t->data_len += (size_t)g->want;
	}
	for (i = from; i < t->n_regions; i++) {
		struct rec_region *g = &t->regions[i];

		if (g->want > BIG_REGION || !g->want)
			continue;
		r->liov[n_iov].iov_base = t->data + g->off;
		r->liov[n_iov].iov_len = (size_t)g->want;
		r->riov[n_iov].iov_base = (void *)(uintptr_t)g->addr;
		r->riov[n_iov].iov_len = (size_t)g->want;
		n_iov++;
	}
	/* process_vm_readv stops at the first fault: what it read is a
	 * prefix of the batch; the rest is read region by region. */
	for (k = 0, got = 0; k < n_iov; k += IOV_MAX) {
		size_t cnt = n_iov - k < IOV_MAX ? n_iov - k : IOV_MAX;
		size_t want = 0, j;
		ssize_t n;

		for (j = k; j < k + cnt; j++)
			want += r->liov[j].iov_len;
		n = process_vm_readv(t->tid, r->liov + k, cnt, r->riov + k,
				     cnt, 0);
		if (n > 0)
			got += n;
		if (n < 0 || (size_t)n < want)
			break;
	}
	total = got > 0 ? (size_t)got : 0;
	for (i = from; i < t->n_regions; i++) {
		struct rec_region *g = &t->regions[i];
		ssize_t n;

		if (!g->want)
			continue;
		if (g->want > BIG_REGION) {
			read_big(t, g);
		} else if (total >= g->want) {
			g->n = (size_t)g->want;
			total -= (size_t)g->want;
		} else {
			total = 0;
			n = srec_tracee_read(t->tid, g->addr, t->data + g->off,
					     (size_t)g->want);
			g->n = n > 0 ? (size_t)n : 0;
		}
	}
	for (i = from; i < t->n_regions; i++) {
		struct rec_region *g = &t->regions[i];
		uint8_t *nul;

		if (!g->str) {
			g->fault = g->n < g->want;
			continue;
		}
		nul = g->n ? memchr(t->data + g->off, 0, g->n) : NULL;
		if (nul) {
			g->n = (size_t)(nul - (t->data + g->off));
			g->fault = false;
		} else if (g->n == g->want && g->want < g->len) {
			finish_string(t, g);
		} else {
			g->fault = g->n < g->want;
		}
		/* A string's length is what it really is, whatever -s
		 * keeps of it. */
		g->len = g->n;
	}
}

/* --no-env: keep only the names of the environment execve passes. */
static void strip_env_values(struct rec *r, struct rec_thread *t,
			     size_t from)
{
	unsigned env_arg;
	size_t i;

	if (t->nr == r->nr_execve)
		env_arg = 2;
	else if (t->nr == r->nr_execveat)
		env_arg = 3;
	else
		return;
	for (i = from; i < t->n_regions; i++) {
		struct rec_region *g = &t->regions[i];
		uint8_t *eq;

		if (g->arg != env_arg || !g->str)
			continue;
		eq = memchr(t->data + g->off, '=', g->n);
		if (eq)
			g->len = g->n = (size_t)(eq - (t->data + g->off));
	}
}

/* Whether the IN regions of the call @t enters may wait for its exit
 * stop (srec_sys_in_readable_at_exit() for each). */
static bool in_readable_at_exit(const struct rec_thread *t)
{
	size_t i;

	if (!t->n_regions || !rec_vm_alone(t->vm))
		return false;
	for (i = 0; i < t->n_regions; i++)
		if (!srec_sys_in_readable_at_exit(t->nr, t->args,
						  t->regions[i].addr,
						  t->regions[i].len))
			return false;
	return true;
}

/* Read the IN regions left for an exit stop that did not come: the call
 * never returned (its thread was killed, say) or srec skipped it (rseq). */
static void read_late_in(struct rec *r, struct rec_thread *t)
{
	if (!(t->flags & T_IN_LATE))
		return;
	t->flags &= ~T_IN_LATE;
	read_regions(r, t, 0);
}

/*
 * -k: the stack from sp upward, one iovec a page, since
 * process_vm_readv stops at the first page that faults instead of
 * splitting an iovec: a stack closer than stack_copy to its mapping's end
 * keeps what it has.
 */
static void read_stack(struct rec *r, struct rec_thread *t)
{
	uint32_t want = r->o->stack_copy;
	struct iovec liov[64], riov[64];
	uint64_t addr = t->sp;
	size_t n = 0, got = 0;
	ssize_t k;

	if (!t->stack)
		t->stack = srec_xmalloc(want);
	while (got < want && n < sizeof(liov) / sizeof(liov[0])) {
		size_t len = 4096 - (size_t)(addr & 4095);

		if (len > want - got)
			len = want - got;
		liov[n].iov_base = t->stack + got;
		riov[n].iov_base = (void *)(uintptr_t)addr;
		liov[n].iov_len = riov[n].iov_len = len;
		n++;
		got += len;
		addr += len;
	}
	k = process_vm_readv(t->tid, liov, n, riov, n, 0);
	t->stack_n = k > 0 ? (size_t)k : 0;
}

int rec_capture_enter(struct rec *r, struct rec_thread *t)
{
	struct emit_ctx c = { r, t };
	struct srec_sys_tracee_mem mem;
	pid_t box = t->tid;
	int err;

	t->n_regions = 0;
	t->data_len = 0;
	t->flags &= ~T_IN_LATE;
	if (t->data_cap > BLOB_KEEP) {
		/* One huge read must not pin its buffer for the thread's
		 * whole life. */
		free(t->data);
		t->data = NULL;
		t->data_cap = 0;
	}
	if (r->o->stack_copy)
		read_stack(r, t);
	rec_moved_enter(r, t);
	memset(&t->scratch, 0, sizeof(t->scratch));
	srec_tracee_mem(&box, &mem);
	err = srec_sys_regions_enter(t->nr, t->args, &mem, &t->scratch,
				     emit_region, &c);
	if (err)
		return err;
	if (in_readable_at_exit(t)) {
		t->flags |= T_IN_LATE;
		return 0;
	}
	read_regions(r, t, 0);
	if (r->o->no_env)
		strip_env_values(r, t, 0);
	return 0;
}

/*
 * Rule 9: the bytes of a mapping the program did not make itself (a
 * file's, a SysV shared memory segment's), @want of them at @addr, stored
 * once as a Blob in a region named after argument @arg.
 */
static int capture_mapping(struct rec *r, struct rec_thread *t,
			   uint64_t addr, uint64_t want, unsigned arg)
{
	uint64_t len = want > MMAP_MAX ? MMAP_MAX : want;
	struct rec_region *g;
	ssize_t n;
	int err = 0;

	if (r->blob_cap < len) {
		free(r->blob_buf);
		r->blob_buf = srec_xmalloc((size_t)len);
		r->blob_cap = (size_t)len;
	}
	n = srec_tracee_read(t->tid, addr, r->blob_buf, (size_t)len);
	g = region_new(t);
	g->arg = arg;
	g->dir = SREC__DIR__OUT;
	g->addr = addr;
	g->len = n > 0 ? (uint64_t)n : 0;
	g->fault = n < (ssize_t)want;
	if (n > 0) {
		err = srec_fmt_writer_blob(r->w, t->tgid, t->tid, r->blob_buf,
					   (size_t)n, g->blob);
		g->has_blob = err >= 0;
	}
	if (r->blob_cap > BLOB_KEEP) {
		free(r->blob_buf);
		r->blob_buf = NULL;
		r->blob_cap = 0;
	}
	return err < 0 ? err : 0;
}

/* shmat(shmid, shmaddr, shmflg) attached the whole segment, whose size
 * only shmctl tells; srec asks itself, in the same IPC namespace. */
static int capture_shmat(struct rec *r, struct rec_thread *t, int64_t ret)
{
	struct shmid_ds ds;
	uint64_t len;

	if (shmctl((int)t->args[0], IPC_STAT, &ds))
		return 0;
	len = ((uint64_t)ds.shm_segsz + r->page - 1) & ~((uint64_t)r->page - 1);
	return capture_mapping(r, t, (uint64_t)ret, len, 0);
}

int rec_capture_exit(struct rec *r, struct rec_thread *t, int64_t ret)
{
	struct emit_ctx c = { r, t };
	struct srec_sys_tracee_mem mem;
	size_t from = t->flags & T_IN_LATE ? 0 : t->n_regions;
	pid_t box = t->tid;
	int err;

	srec_tracee_mem(&box, &mem);
	err = srec_sys_regions_exit(t->nr, t->args, ret, &mem, &t->scratch,
				    emit_region, &c);
	if (err)
		return err;
	read_regions(r, t, from);
	t->flags &= ~T_IN_LATE;
	if (srec_sys_failed(ret))
		return 0;
	rec_moved_exit(r, t, ret);
	if (t->nr == r->nr_mmap && !(t->args[3] & MAP_ANONYMOUS) &&
	    (int)t->args[4] >= 0)
		return capture_mapping(r, t, (uint64_t)ret, t->args[1], 4);
	if (t->nr == r->nr_shmat)
		return capture_shmat(r, t, ret);
	return 0;
}

int rec_emit_syscall(struct rec *r, struct rec_thread *t, int64_t ret,
		     uint64_t t_exit, bool no_return)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Syscall sc = SREC__SYSCALL__INIT;
	Srec__Stack st = SREC__STACK__INIT;
	Srec__Injected inj = SREC__INJECTED__INIT;
	uint64_t cap = r->o->buffer_cap;
	size_t i;

	read_late_in(r, t);
	if (r->cap_mems < t->n_regions) {
		r->cap_mems = t->n_regions * 2;
		r->mems = srec_xrealloc(r->mems,
					r->cap_mems * sizeof(*r->mems));
		r->memp = srec_xrealloc(r->memp,
					r->cap_mems * sizeof(*r->memp));
	}
	for (i = 0; i < t->n_regions; i++) {
		const struct rec_region *g = &t->regions[i];
		Srec__Mem *m = &r->mems[i];

		srec__mem__init(m);
		m->has_arg = m->has_dir = m->has_addr = m->has_len = true;
		m->arg = g->arg;
		m->dir = g->dir;
		m->addr = g->addr;
		m->len = g->len;
		if (g->has_blob) {
			m->has_blob = true;
			m->blob.len = sizeof(g->blob);
			m->blob.data = (uint8_t *)g->blob;
		} else {
			m->has_data = true;
			m->data.len = cap && g->n > cap ? (size_t)cap : g->n;
			m->data.data = t->data + g->off;
		}
		m->has_fault = m->fault = g->fault;
		m->has_str = m->str = g->str;
		r->memp[i] = m;
	}
	sc.has_nr = true;
	sc.nr = t->nr;
	sc.n_args = 6;
	sc.args = t->args;
	sc.has_ip = sc.has_sp = sc.has_t_enter_ns = true;
	sc.ip = t->ip;
	sc.sp = t->sp;
	sc.t_enter_ns = t->t_enter;
	if (no_return) {
		sc.has_no_return = sc.no_return = true;
	} else {
		sc.has_ret = sc.has_t_exit_ns = true;
		sc.ret = ret;
		sc.t_exit_ns = t_exit;
	}
	if (t->flags & T_FORCED)
		sc.has_forced = sc.forced = true;
	if (rec_inject_event(r, t, &inj))
		sc.injected = &inj;
	if (r->o->stack_copy) {
		st.has_data = true;
		st.data.len = t->stack_n;
		st.data.data = t->stack;
		sc.stack = &st;
	}
	sc.n_mem = t->n_regions;
	sc.mem = r->memp;
	if (t->moved_n) {
		sc.has_moved = true;
		sc.moved.len = t->moved_n;
		sc.moved.data = t->moved;
		t->moved_n = 0;
	}
	ev.has_pid = ev.has_tid = true;
	ev.pid = t->tgid;
	/* A successful exec by a non-leader thread returns in the leader's
	 * tid; the call is the exec'ing thread's, and the Exec event that
	 * follows says which tid it now has. */
	ev.tid = t->exec ? rec_exec_former_tid(t->exec) : t->tid;
	ev.kind_case = SREC__EVENT__KIND_SYSCALL;
	ev.syscall = &sc;
	r->syscalls++;
	return rec_append(r, &ev);
}

void rec_capture_free(struct rec *r)
{
	free(r->liov);
	free(r->riov);
	free(r->mems);
	free(r->memp);
	free(r->blob_buf);
}
