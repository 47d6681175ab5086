/* SPDX-License-Identifier: MIT */
/*
 * test_fmt_util.h - synthetic events for the format tests: event number i
 * is a function of i alone, so a reader's output can be checked event by
 * event without keeping the written trace in memory.  Include after
 * cmocka.h.
 */
#ifndef TEST_FMT_UTIL_H
#define TEST_FMT_UTIL_H

#include "srec_fmt.h"

#include <string.h>

#define TF_PIDS 7

struct tf_event {
	Srec__Syscall sc;
	Srec__Mem mem, *memp;
	uint64_t args[6];
	uint8_t data[64];
};

static inline void tf_make(struct tf_event *te, Srec__Event *ev, uint64_t i)
{
	size_t k, len = i % 64;

	srec__event__init(ev);
	srec__syscall__init(&te->sc);
	srec__mem__init(&te->mem);
	ev->pid = 100 + (int32_t)(i % TF_PIDS);
	ev->tid = ev->pid * 10 + (int32_t)(i % 3);
	ev->kind_case = SREC__EVENT__KIND_SYSCALL;
	ev->syscall = &te->sc;
	te->sc.has_nr = te->sc.has_ret = te->sc.has_t_enter_ns = true;
	te->sc.nr = (uint32_t)(i % 300);
	te->sc.ret = (int64_t)i - 5;
	te->sc.t_enter_ns = i * 1000;
	for (k = 0; k < 6; k++)
		te->args[k] = i * (k + 1);
	te->sc.args = te->args;
	te->sc.n_args = 6;
	if (i % 5 == 0)
		return;
	for (k = 0; k < len; k++)
		te->data[k] = (uint8_t)(i + k);
	te->mem.has_dir = te->mem.has_addr = te->mem.has_len = true;
	te->mem.has_data = true;
	te->mem.dir = SREC__DIR__OUT;
	te->mem.addr = 0x1000 + i;
	te->mem.len = len;
	te->mem.data.data = te->data;
	te->mem.data.len = len;
	te->memp = &te->mem;
	te->sc.mem = &te->memp;
	te->sc.n_mem = 1;
}

static inline void tf_check(const Srec__Event *ev, uint64_t i)
{
	struct tf_event te;
	Srec__Event want;
	size_t k;

	tf_make(&te, &want, i);
	assert_int_equal(ev->seq, i);
	assert_int_equal(ev->pid, want.pid);
	assert_int_equal(ev->tid, want.tid);
	assert_int_equal(ev->kind_case, SREC__EVENT__KIND_SYSCALL);
	assert_int_equal(ev->syscall->nr, te.sc.nr);
	assert_int_equal(ev->syscall->ret, te.sc.ret);
	assert_int_equal(ev->syscall->t_enter_ns, te.sc.t_enter_ns);
	assert_int_equal(ev->syscall->n_args, 6);
	for (k = 0; k < 6; k++)
		assert_int_equal(ev->syscall->args[k], te.args[k]);
	assert_int_equal(ev->syscall->n_mem, te.sc.n_mem);
	if (te.sc.n_mem) {
		const Srec__Mem *m = ev->syscall->mem[0];

		assert_int_equal(m->addr, te.mem.addr);
		assert_int_equal(m->data.len, te.mem.data.len);
		if (m->data.len)
			assert_memory_equal(m->data.data, te.data,
					    m->data.len);
	}
}

/*
 * tf_write - write events 0..n-1 to @path, then close (exit status 7) or,
 * unless @finish, abandon the writer.  @st: the writer's stats before
 * closing (may be NULL).
 */
static inline void tf_write(const char *path, uint64_t n,
			    const struct srec_fmt_writer_opts *o, bool finish,
			    struct srec_fmt_stats *st)
{
	Srec__TraceHeader h = SREC__TRACE_HEADER__INIT;
	char *cmd[] = { "prog", "arg" };
	struct srec_fmt_writer *w = NULL;
	struct tf_event te;
	Srec__Event ev;
	uint64_t i;

	h.hostname = "testhost";
	h.command = cmd;
	h.n_command = 2;
	assert_int_equal(srec_fmt_writer_open(path, &h, o, &w), 0);
	for (i = 0; i < n; i++) {
		tf_make(&te, &ev, i);
		assert_int_equal(srec_fmt_writer_append(w, &ev), 0);
	}
	assert_int_equal(srec_fmt_writer_flush(w), 0);
	if (st)
		srec_fmt_writer_stats(w, st);
	if (finish)
		assert_int_equal(srec_fmt_writer_close(w, 7), 0);
	else
		srec_fmt_writer_abandon(w);
}

#endif
