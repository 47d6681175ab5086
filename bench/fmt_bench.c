// SPDX-License-Identifier: MIT
/*
 * fmt_bench.c - trace writer throughput on realistic syscall events:
 * reads and writes of 64-byte buffers, one 64 KiB buffer every 256
 * events, text-like contents.  Prints, for one mode, the tracer-side
 * rate (time spent in srec_fmt_writer_append), the end-to-end rate
 * (until close returns), the bytes per event on disk, and the stalls:
 * the longest append and how many took over 1 ms.  A stall is time the
 * traced program waits, since the tracer resumes it after appending.
 *   fmt_bench OUT.srec EVENTS threaded|inline [RATE]
 * RATE (events/s) paces the appends as a tracer limited by ptrace round
 * trips would be; 0 or absent: as fast as possible.
 */
#include "srec_fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define POOL (1u << 20)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Text-like bytes: words from a small list, compressible as logs are. */
static void fill_pool(uint8_t *p)
{
	static const char *const words[] = {
		"the ", "error ", "open ", "file ", "GET /index.html ",
		"200 ", "user=", "id=", "\n", "value ", "0x7ffd ", "{\"k\": ",
		"42, ", "ok ", "request ", "done\n",
	};
	uint32_t x = 12345;
	size_t i = 0;

	while (i < POOL) {
		const char *w;
		size_t n;

		x = x * 1103515245u + 12345u;
		w = words[(x >> 16) % 16];
		n = strlen(w);
		if (n > POOL - i)
			n = POOL - i;
		memcpy(p + i, w, n);
		i += n;
	}
}

int main(int argc, char **argv)
{
	Srec__TraceHeader h = SREC__TRACE_HEADER__INIT;
	struct srec_fmt_writer_opts o = { 0 };
	struct srec_fmt_writer *w;
	struct srec_fmt_stats st;
	uint8_t *pool = malloc(POOL);
	double t0, dt, t_append = 0, t_total, worst = 0, rate;
	long i, n, stalls = 0;
	struct stat sb;

	if (argc < 4 || (n = atol(argv[2])) <= 0 || !pool) {
		fputs("usage: fmt_bench OUT.srec EVENTS threaded|inline "
		      "[RATE]\n", stderr);
		return 2;
	}
	o.inline_compression = !strcmp(argv[3], "inline");
	rate = argc > 4 ? atof(argv[4]) : 0;
	fill_pool(pool);
	t_total = now();
	if (srec_fmt_writer_open(argv[1], &h, &o, &w)) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < n; i++) {
		Srec__Event ev = SREC__EVENT__INIT;
		Srec__Syscall sc = SREC__SYSCALL__INIT;
		Srec__Mem m = SREC__MEM__INIT, *mp = &m;
		uint64_t args[6] = { 3, 0x7ffd1000, 64, 0, 0, 0 };
		size_t len = i % 256 == 255 ? 65536 : 64;
		size_t off = ((size_t)i * 7919) % (POOL - len);

		ev.pid = 4242;
		ev.tid = 4242 + (int)(i % 4);
		ev.kind_case = SREC__EVENT__KIND_SYSCALL;
		ev.syscall = &sc;
		sc.has_nr = sc.has_ret = sc.has_ip = sc.has_sp = true;
		sc.has_t_enter_ns = sc.has_t_exit_ns = true;
		sc.nr = i % 2;
		sc.args = args;
		sc.n_args = 6;
		args[2] = len;
		sc.ret = (int64_t)len;
		sc.ip = 0x7f0000401234;
		sc.sp = 0x7ffd0000f000 - (uint64_t)(i % 64) * 16;
		sc.t_enter_ns = (uint64_t)i * 2100;
		sc.t_exit_ns = sc.t_enter_ns + 700;
		m.has_arg = m.has_dir = m.has_addr = m.has_len = true;
		m.has_data = true;
		m.arg = 1;
		m.dir = i % 2 ? SREC__DIR__IN : SREC__DIR__OUT;
		m.addr = args[1];
		m.len = len;
		m.data.data = pool + off;
		m.data.len = len;
		sc.mem = &mp;
		sc.n_mem = 1;
		if (rate > 0)
			while (now() - t_total < (double)i / rate)
				; /* the tracee runs meanwhile */
		t0 = now();
		if (srec_fmt_writer_append(w, &ev)) {
			fputs("fmt_bench: append failed\n", stderr);
			return 1;
		}
		dt = now() - t0;
		t_append += dt;
		stalls += dt > 1e-3;
		if (dt > worst)
			worst = dt;
	}
	srec_fmt_writer_stats(w, &st);
	if (srec_fmt_writer_close(w, 0)) {
		fputs("fmt_bench: close failed\n", stderr);
		return 1;
	}
	t_total = now() - t_total;
	if (stat(argv[1], &sb))
		return 1;
	printf("%-8s events=%ld raw=%.1fMiB file=%.1fMiB ratio=%.2f "
	       "tracer: %.0f ev/s %.0f MiB/s  end-to-end: %.0f ev/s "
	       "%.0f MiB/s  %.1f bytes/event  stalls>1ms: %ld, "
	       "longest append %.2f ms\n",
	       argv[3], n, (double)st.raw_bytes / 1048576.0,
	       (double)sb.st_size / 1048576.0,
	       (double)st.raw_bytes / (double)sb.st_size,
	       (double)n / t_append,
	       (double)st.raw_bytes / 1048576.0 / t_append,
	       (double)n / t_total,
	       (double)st.raw_bytes / 1048576.0 / t_total,
	       (double)sb.st_size / (double)n, stalls, worst * 1e3);
	free(pool);
	return 0;
}
