// SPDX-License-Identifier: MIT
/*
 * check.c - does the call a replayed thread is making match the recorded
 * one?  Same number, same arguments (pointers aside: another build may
 * place buffers elsewhere), same input bytes (paths, write data, structs),
 * captured with the very walk the recorder used (srec_sys_regions_enter).
 */
#include "rpl_int.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "srec_err.h"
#include "srec_tracee.h"

/* Input buffers bigger than this are compared on their first bytes only. */
#define MAX_IN_BYTES (64u << 20)

struct regions {
	struct srec_sys_region *r;
	size_t n, cap;
};

static int collect(void *ctx, const struct srec_sys_region *reg)
{
	struct regions *rs = ctx;

	if (reg->dir != SREC__DIR__IN)
		return 0;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 8;
		rs->r = srec_xrealloc(rs->r, rs->cap * sizeof(*rs->r));
	}
	rs->r[rs->n++] = *reg;
	return 0;
}

static void read_region(pid_t tid, const struct srec_sys_region *reg,
			Srec__Mem *m)
{
	size_t want = reg->len < MAX_IN_BYTES ? (size_t)reg->len : MAX_IN_BYTES;
	uint8_t *buf = srec_xmalloc(want + 1);
	ssize_t n;

	srec__mem__init(m);
	m->has_arg = m->has_dir = m->has_addr = m->has_len = true;
	m->arg = reg->arg;
	m->dir = SREC__DIR__IN;
	m->addr = reg->addr;
	m->len = reg->len;
	if (reg->str) {
		bool cut = false;

		m->has_str = m->str = true;
		n = srec_tracee_read_str(tid, reg->addr, (char *)buf, want,
					 &cut);
		if (n >= 0)
			m->len = (uint64_t)n;
	} else {
		n = srec_tracee_read(tid, reg->addr, buf, want);
	}
	if (n < 0)
		n = 0;
	if ((size_t)n < want && !reg->str)
		m->has_fault = m->fault = true;
	m->has_data = true;
	m->data.data = buf;
	m->data.len = (size_t)n;
}

void rpl_call_capture(struct rpl_thread *t, struct rpl_call *c)
{
	struct regions rs = { 0 };
	struct srec_sys_scratch scratch;
	struct srec_sys_tracee_mem mem;
	pid_t tid = t->rtid;
	size_t i;

	memset(c, 0, sizeof(*c));
	memset(&scratch, 0, sizeof(scratch));
	srec__syscall__init(&c->sc);
	c->sc.has_nr = true;
	c->sc.nr = (uint32_t)t->nr;
	memcpy(c->args, t->args, sizeof(c->args));
	c->sc.n_args = 6;
	c->sc.args = c->args;
	srec_tracee_mem(&tid, &mem);
	srec_sys_regions_enter((unsigned)t->nr, t->args, &mem, &scratch,
			       collect, &rs);
	c->n_mem = rs.n;
	c->mem = srec_xcalloc(rs.n + 1, sizeof(*c->mem));
	c->memp = srec_xcalloc(rs.n + 1, sizeof(*c->memp));
	for (i = 0; i < rs.n; i++) {
		read_region(t->rtid, &rs.r[i], &c->mem[i]);
		c->memp[i] = &c->mem[i];
	}
	c->sc.n_mem = rs.n;
	c->sc.mem = c->memp;
	free(rs.r);
}

void rpl_call_free(struct rpl_call *c)
{
	size_t i;

	for (i = 0; i < c->n_mem; i++)
		free(c->mem[i].data.data);
	free(c->mem);
	free(c->memp);
	memset(c, 0, sizeof(*c));
}

/* Regions that are arrays of pointers (argv, iovecs): only their length
 * says something when another build may place the data elsewhere. */
static bool pointer_array(const struct srec_sys_entry *e, const Srec__Mem *m,
			  const Srec__Syscall *sc)
{
	if (!e || m->arg >= 6 || m->arg >= sc->n_args ||
	    m->addr != sc->args[m->arg])
		return false;
	switch (e->args[m->arg].kind) {
	case SREC_ARG_STRARRAY:
	case SREC_ARG_IN_IOV:
	case SREC_ARG_OUT_IOV:
		return true;
	default:
		return false;
	}
}

static void show_diff(struct srec_buf *w, const Srec__Mem *want,
		      const Srec__Mem *got, size_t off)
{
	size_t from = off > 16 ? off - 16 : 0;
	size_t n1 = want->data.len > from ? want->data.len - from : 0;
	size_t n2 = got->data.len > from ? got->data.len - from : 0;

	srec_buf_addf(w, " at byte %zu:\n    expected ", off);
	rpl_show_bytes(w, want->data.data + from, n1 > 48 ? 48 : n1);
	srec_buf_adds(w, "\n    actual   ");
	rpl_show_bytes(w, got->data.data + from, n2 > 48 ? 48 : n2);
}

/* Compare the input regions; describe the first difference in @w. */
static bool same_input(const Srec__Syscall *sc, const struct rpl_call *c,
		       int names_arg, struct srec_buf *w)
{
	const struct srec_sys_entry *e = srec_sys_get(sc->nr);
	size_t i, k = 0;

	for (i = 0; i < sc->n_mem; i++) {
		const Srec__Mem *m = sc->mem[i];
		const Srec__Mem *g;
		uint64_t glen;
		size_t n, off;

		if (m->dir != SREC__DIR__IN)
			continue;
		if (k == c->n_mem) {
			srec_buf_addf(w, "argument %u: input memory the "
				      "recorded call passed is missing",
				      m->arg);
			return false;
		}
		g = &c->mem[k++];
		if (g->arg != m->arg) {
			srec_buf_addf(w, "input memory: argument %u expected, "
				      "argument %u passed", m->arg, g->arg);
			return false;
		}
		glen = g->len;
		/* --no-env kept the name of each variable: compare that */
		if ((int)m->arg == names_arg && m->str && g->len > m->len &&
		    g->data.len > m->len && g->data.data[m->len] == '=')
			glen = m->len;
		if (glen != m->len) {
			srec_buf_addf(w, "argument %u: %s of %" PRIu64
				      " bytes expected, %" PRIu64 " passed",
				      m->arg, m->str ? "string" : "buffer",
				      m->len, glen);
			show_diff(w, m, g, 0);
			return false;
		}
		if (pointer_array(e, m, sc))
			continue;
		n = m->data.len;
		for (off = 0; off < n && off < g->data.len; off++)
			if (m->data.data[off] != g->data.data[off])
				break;
		if (off < n) {
			srec_buf_addf(w, "argument %u: %s differs", m->arg,
				      m->str ? "string" : "input buffer");
			show_diff(w, m, g, off);
			return false;
		}
	}
	if (k < c->n_mem) {
		srec_buf_addf(w, "argument %u: input memory the recorded call "
			      "did not pass", c->mem[k].arg);
		return false;
	}
	return true;
}

/* With --no-env the envp strings of an exec hold names only. */
static int env_names_arg(const struct rpl *r, unsigned nr)
{
	if (!r->hdr->no_env)
		return -1;
	if (rpl_nr_is((long)nr, r->nr.execve))
		return 2;
	if (rpl_nr_is((long)nr, r->nr.execveat))
		return 3;
	return -1;
}

int rpl_check_call(struct rpl *r, const Srec__Event *ev,
		   struct rpl_thread *t, bool skip_in)
{
	const Srec__Syscall *sc = ev->syscall;
	const struct srec_sys_entry *e = srec_sys_get(sc->nr);
	struct srec_buf what = SREC_BUF_INIT;
	struct rpl_call c;
	bool same = true;
	unsigned i;
	int ret = 0;

	rpl_call_capture(t, &c);
	if ((long)sc->nr != t->nr) {
		srec_buf_adds(&what, "another system call");
		same = false;
	}
	for (i = 0; same && e && i < e->nargs; i++) {
		uint64_t want = i < sc->n_args ? sc->args[i] : 0;

		if (srec_sys_arg_is_pointer(e, i) || want == c.args[i])
			continue;
		srec_buf_addf(&what, "argument %u: expected %#" PRIx64
			      ", actual %#" PRIx64, i, want, c.args[i]);
		same = false;
	}
	if (same && !skip_in)
		same = same_input(sc, &c, env_names_arg(r, sc->nr), &what);
	if (!same)
		ret = rpl_diverge(r, ev, t, &c.sc, srec_buf_str(&what));
	rpl_call_free(&c);
	srec_buf_free(&what);
	return ret;
}
