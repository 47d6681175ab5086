// SPDX-License-Identifier: MIT
/*
 * test_fmt_pack.c - the writer's hand-written Syscall encoder against
 * protobuf-c: Syscall events with every combination of optional fields,
 * extreme values (negative pids and returns, 64-bit addresses, empty and
 * large buffers, many regions, record -k's stacks) must read back as what was written and
 * take exactly as many bytes as srec__event__pack() gives them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "srec_fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_EVENTS 4000
#define MAX_MEMS 9

static char path[512];

struct ev_store {
	Srec__Event ev;
	Srec__Syscall sc;
	Srec__Mem mem[MAX_MEMS], *memp[MAX_MEMS];
	uint64_t args[6];
	uint8_t data[MAX_MEMS][300];
	uint8_t blob[16];
	Srec__Stack stack;
	uint8_t stk[8192]; /* record -k's copy size */
	uint8_t moved[300];
};

/* A deterministic value from @i and @k with every varint length. */
static uint64_t val(uint64_t i, unsigned k)
{
	uint64_t x = (i + 1) * 0x9e3779b97f4a7c15ull + k * 0xbf58476d1ce4e5b9ull;

	x ^= x >> 29;
	return x >> (x % 64);
}

/* Event @i: field presence from the bits of @i and val(). */
static void make(struct ev_store *s, uint64_t i)
{
	uint64_t bits = val(i, 99) ^ i;
	Srec__Syscall *sc = &s->sc;
	size_t k, n_mem = (size_t)(val(i, 7) % MAX_MEMS);

	srec__event__init(&s->ev);
	srec__syscall__init(sc);
	s->ev.pid = (int32_t)val(i, 1);
	s->ev.tid = i % 3 ? (int32_t)val(i, 2) : -(int32_t)(i + 1);
	s->ev.kind_case = SREC__EVENT__KIND_SYSCALL;
	s->ev.syscall = sc;
	sc->has_nr = bits & 1;
	sc->nr = (uint32_t)val(i, 3);
	sc->n_args = (size_t)(i % 7);
	for (k = 0; k < 6; k++)
		s->args[k] = val(i, 10 + (unsigned)k);
	sc->args = s->args;
	sc->has_ret = bits & 2;
	sc->ret = i % 4 ? -(int64_t)(i % 4096) : (int64_t)val(i, 4);
	sc->has_ip = bits & 4;
	sc->ip = val(i, 5);
	sc->has_sp = bits & 8;
	sc->sp = UINT64_MAX - i;
	sc->has_t_enter_ns = bits & 16;
	sc->t_enter_ns = val(i, 6);
	sc->has_t_exit_ns = bits & 32;
	sc->t_exit_ns = i << 40;
	sc->has_no_return = bits & 64;
	sc->no_return = bits & 128;
	sc->has_forced = bits & 256;
	sc->forced = bits & 512;
	for (k = 0; k < n_mem; k++) {
		Srec__Mem *m = &s->mem[k];
		uint64_t b = val(i, 20 + (unsigned)k);
		size_t len = (size_t)(b % sizeof(s->data[k]));

		srec__mem__init(m);
		m->has_arg = b & 1;
		m->arg = (uint32_t)(b >> 8) % 6;
		m->has_dir = b & 2;
		m->dir = b & 4 ? SREC__DIR__OUT : SREC__DIR__IN;
		m->has_addr = b & 8;
		m->addr = val(i, 40 + (unsigned)k);
		m->has_len = b & 16;
		m->len = val(i, 50 + (unsigned)k);
		memset(s->data[k], (int)(b >> 16), len);
		if (b & 32) {
			m->has_blob = true;
			memset(s->blob, (int)k, sizeof(s->blob));
			m->blob.data = s->blob;
			m->blob.len = sizeof(s->blob);
		} else {
			m->has_data = b & 64;
			m->data.data = s->data[k];
			m->data.len = len;
		}
		m->has_fault = b & 128;
		m->fault = b & 256;
		m->has_str = b & 512;
		m->str = b & 1024;
		s->memp[k] = m;
	}
	sc->n_mem = n_mem;
	sc->mem = s->memp;
	if (bits & 1024) {
		srec__stack__init(&s->stack);
		s->stack.has_data = bits & 2048;
		s->stack.data.data = s->stk;
		s->stack.data.len = i % 50 ? (size_t)(val(i, 8) % 300) :
					     sizeof(s->stk);
		memset(s->stk, (int)i, s->stack.data.len);
		sc->stack = &s->stack;
	}
	/* Syscall.moved (sendfile & co into stdout), empty ones too. */
	if (bits & 4096) {
		sc->has_moved = true;
		sc->moved.data = s->moved;
		sc->moved.len = (size_t)(val(i, 9) % sizeof(s->moved));
		memset(s->moved, (int)(i * 7), sc->moved.len);
	}
}

/* protobuf-c's bytes for @ev, malloc'd. */
static uint8_t *pack(const Srec__Event *ev, size_t *len)
{
	uint8_t *p;

	*len = srec__event__get_packed_size(ev);
	p = malloc(*len ? *len : 1);
	assert_non_null(p);
	srec__event__pack(ev, p);
	return p;
}

static void test_same_as_protobuf_c(void **state)
{
	Srec__TraceHeader hdr = SREC__TRACE_HEADER__INIT;
	struct srec_fmt_writer *w = NULL;
	struct srec_fmt_reader *r = NULL;
	struct srec_fmt_stats st;
	struct ev_store s;
	const Srec__Event *got;
	uint64_t i, raw = 0;
	uint8_t *a, *b;
	size_t la, lb;

	(void)state;
	assert_int_equal(srec_fmt_writer_open(path, &hdr, NULL, &w), 0);
	for (i = 0; i < N_EVENTS; i++) {
		make(&s, i);
		assert_int_equal(srec_fmt_writer_append(w, &s.ev), 0);
		/* seq is set by append: the size now is the one written. */
		la = srec__event__get_packed_size(&s.ev);
		raw += la + (la < 128 ? 1 : la < 16384 ? 2 : 3);
	}
	srec_fmt_writer_stats(w, &st);
	assert_int_equal(st.raw_bytes, raw);
	assert_int_equal(srec_fmt_writer_close(w, 0), 0);

	assert_int_equal(srec_fmt_reader_open(path, &r), 0);
	for (i = 0; i < N_EVENTS; i++) {
		assert_int_equal(srec_fmt_reader_next(r, &got), 1);
		make(&s, i);
		s.ev.has_seq = true;
		s.ev.seq = i;
		s.ev.has_pid = s.ev.has_tid = true;
		a = pack(&s.ev, &la);
		b = pack(got, &lb);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		free(a);
		free(b);
	}
	assert_int_equal(srec_fmt_reader_next(r, &got), 0);
	srec_fmt_reader_close(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_protobuf_c),
	};
	int rc;

	snprintf(path, sizeof(path), "%s/test_fmt_pack.%d.srec",
		 SREC_TEST_TMPDIR, (int)getpid());
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	return rc;
}
