// SPDX-License-Identifier: MIT
/*
 * query_gen.c - write a synthetic trace for bench/query_load.sh when no
 * recorded one is at hand: ITERATIONS rounds of openat, read, write,
 * close (4 syscalls, 3 buffers) in one process, like a small file-copy
 * loop.
 *   query_gen OUT.srec ITERATIONS
 */
#include "srec_fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void call(struct srec_fmt_writer *w, uint64_t *t, unsigned nr,
		 uint64_t a0, uint64_t a1, uint64_t a2, int64_t ret,
		 int dir, const void *data, size_t len, bool str)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Syscall sc = SREC__SYSCALL__INIT;
	Srec__Mem m = SREC__MEM__INIT, *mp = &m;
	uint64_t args[6] = { a0, a1, a2 };

	ev.pid = ev.tid = 4242;
	ev.kind_case = SREC__EVENT__KIND_SYSCALL;
	ev.syscall = &sc;
	sc.has_nr = sc.has_ret = sc.has_t_enter_ns = sc.has_t_exit_ns = 1;
	sc.nr = nr;
	sc.args = args;
	sc.n_args = 6;
	sc.ret = ret;
	sc.t_enter_ns = *t;
	sc.t_exit_ns = *t + 700;
	*t += 1500;
	if (data) {
		m.has_arg = m.has_dir = m.has_addr = m.has_len = 1;
		m.arg = 1;
		m.dir = dir;
		m.addr = a1;
		m.len = len;
		m.has_data = 1;
		m.data.data = (uint8_t *)data;
		m.data.len = len;
		m.has_str = m.str = str;
		sc.mem = &mp;
		sc.n_mem = 1;
	}
	if (srec_fmt_writer_append(w, &ev)) {
		fputs("query_gen: write failed\n", stderr);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static const char path[] = "/tmp/storm-file";
	Srec__TraceHeader h = SREC__TRACE_HEADER__INIT;
	struct srec_fmt_writer *w;
	char data[64], line[48];
	uint64_t t = 0;
	long i, n;
	int len;

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fputs("usage: query_gen OUT.srec ITERATIONS\n", stderr);
		return 2;
	}
	h.command = argv;
	h.n_command = 1;
	if (srec_fmt_writer_open(argv[1], &h, NULL, &w)) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < n; i++) {
		/* 64 bytes: the line number, then dots. */
		len = snprintf(line, sizeof(line), "line %ld of the storm", i);
		memset(data, '.', sizeof(data));
		memcpy(data, line, (size_t)len);
		call(w, &t, 257, (uint64_t)-100, 0x4000, 0, 3, 0, path,
		     sizeof(path) - 1, true);
		call(w, &t, 0, 3, 0x5000, sizeof(data), sizeof(data), 1, data,
		     sizeof(data), false);
		call(w, &t, 1, 1, 0x5000, sizeof(data), sizeof(data), 0, data,
		     sizeof(data), false);
		call(w, &t, 3, 3, 0, 0, 0, 0, NULL, 0, false);
	}
	return srec_fmt_writer_close(w, 0) ? 1 : 0;
}
