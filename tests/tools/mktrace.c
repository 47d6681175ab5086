// SPDX-License-Identifier: MIT
/*
 * mktrace.c - write a synthetic trace for tests:
 *   mktrace [--events N] [--frame-bytes B] KIND OUT
 * KIND: complete   a finished trace (index, trailer, exit status 3)
 *       abandoned  the writer stopped without index (as if killed)
 *       corrupt    complete, then one byte in the middle changed
 *       truncated  complete, then cut at 60% of its size
 * The run is one process (pid 100) that execs, clones a child (pid 101),
 * and both make N syscalls in all (read/write of 64 bytes, one mmap blob
 * stored twice), then a signal, a note and exits.
 */
#include "srec_fmt.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct srec_fmt_writer *w;

static void append(Srec__Event *ev, int pid)
{
	ev->pid = ev->tid = pid;
	if (srec_fmt_writer_append(w, ev)) {
		fputs("mktrace: append failed\n", stderr);
		exit(1);
	}
}

static void syscall_ev(int pid, unsigned nr, int64_t ret, const void *data,
		       size_t len, const uint8_t *blob)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Syscall sc = SREC__SYSCALL__INIT;
	Srec__Mem m = SREC__MEM__INIT, *mp = &m;
	uint64_t args[6] = { 3, 0x7000, len };

	ev.kind_case = SREC__EVENT__KIND_SYSCALL;
	ev.syscall = &sc;
	sc.has_nr = sc.has_ret = true;
	sc.nr = nr;
	sc.ret = ret;
	sc.args = args;
	sc.n_args = 6;
	if (data || blob) {
		m.has_arg = m.has_dir = m.has_addr = m.has_len = true;
		m.arg = blob ? 4 : 1;
		m.dir = SREC__DIR__OUT;
		m.addr = 0x7000;
		m.len = len;
		if (blob) {
			m.has_blob = true;
			m.blob.data = (uint8_t *)blob;
			m.blob.len = 16;
		} else {
			m.has_data = true;
			m.data.data = (uint8_t *)data;
			m.data.len = len;
		}
		sc.mem = &mp;
		sc.n_mem = 1;
	}
	append(&ev, pid);
}

static void write_trace(const char *out, long n, size_t frame_bytes,
			bool finish)
{
	static char *argv[] = { "/bin/demo", "--fast", NULL };
	static char *env[] = { "HOME=/root", NULL };
	Srec__TraceHeader h = SREC__TRACE_HEADER__INIT;
	struct srec_fmt_writer_opts o = { .frame_bytes = frame_bytes,
					  .inline_compression = true };
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Exec ex = SREC__EXEC__INIT;
	Srec__Clone cl = SREC__CLONE__INIT;
	Srec__Signal sg = SREC__SIGNAL__INIT;
	Srec__Exit xt = SREC__EXIT__INIT;
	Srec__Note nt = SREC__NOTE__INIT;
	uint8_t hash[16];
	char buf[64], page[4096];
	long i;

	h.srec_version = "0.1.0";
	h.arch = "x86_64";
	h.kernel_release = "6.1.0-test";
	h.hostname = "mktrace";
	h.command = argv;
	h.n_command = 2;
	h.cwd = "/tmp";
	h.has_root_pid = true;
	h.root_pid = 100;
	h.has_start_realtime_ns = true;
	h.start_realtime_ns = 1700000000000000000LL;
	if (srec_fmt_writer_open(out, &h, &o, &w)) {
		perror(out);
		exit(1);
	}
	syscall_ev(100, 59, 0, "/bin/demo", 9, NULL);
	ev.kind_case = SREC__EVENT__KIND_EXEC;
	ev.exec = &ex;
	ex.exe = "/bin/demo";
	ex.argv = argv;
	ex.n_argv = 2;
	ex.env = env;
	ex.n_env = 1;
	append(&ev, 100);
	ev.kind_case = SREC__EVENT__KIND_CLONE;
	ev.clone = &cl;
	cl.has_kind = cl.has_child_pid = cl.has_child_tid = true;
	cl.kind = SREC__CLONE_KIND__CLONE_KIND_FORK;
	cl.child_pid = cl.child_tid = 101;
	append(&ev, 100);
	memset(page, 'p', sizeof(page));
	for (i = 0; i < 2; i++) {
		if (srec_fmt_writer_blob(w, 100, 100, page, sizeof(page),
					 hash) < 0)
			exit(1);
		syscall_ev(100, 9, 0x7000, NULL, sizeof(page), hash);
	}
	for (i = 0; i < n; i++) {
		/* 64 bytes: "line N" padded with dots. */
		memset(buf, '.', sizeof(buf));
		buf[snprintf(buf, 24, "line %ld", i)] = ' ';
		syscall_ev(i % 2 ? 101 : 100, i % 3 ? 0 : 1, sizeof(buf), buf,
			   sizeof(buf), NULL);
	}
	ev.kind_case = SREC__EVENT__KIND_SIGNAL;
	ev.signal = &sg;
	sg.has_signo = true;
	sg.signo = 17;
	append(&ev, 100);
	ev.kind_case = SREC__EVENT__KIND_NOTE;
	ev.note = &nt;
	nt.text = "synthetic trace";
	append(&ev, 100);
	ev.kind_case = SREC__EVENT__KIND_EXIT;
	ev.exit = &xt;
	xt.has_code = true;
	xt.code = 3;
	append(&ev, 101);
	append(&ev, 100);
	if (finish) {
		if (srec_fmt_writer_close(w, 3)) {
			perror(out);
			exit(1);
		}
	} else {
		srec_fmt_writer_abandon(w);
	}
}

static void damage(const char *out, bool cut)
{
	struct stat st;
	uint8_t b;
	off_t mid;
	int fd = open(out, O_RDWR);

	if (fd < 0 || fstat(fd, &st)) {
		perror(out);
		exit(1);
	}
	mid = cut ? st.st_size * 6 / 10 : st.st_size / 2;
	if (cut) {
		if (ftruncate(fd, mid))
			exit(1);
	} else {
		if (pread(fd, &b, 1, mid) != 1)
			exit(1);
		b ^= 0xff;
		if (pwrite(fd, &b, 1, mid) != 1)
			exit(1);
	}
	close(fd);
}

int main(int argc, char **argv)
{
	size_t frame_bytes = 4096;
	long n = 2000;
	int i = 1;

	for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2) {
		if (!strcmp(argv[i], "--events"))
			n = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--frame-bytes"))
			frame_bytes = (size_t)atol(argv[i + 1]);
		else
			break;
	}
	if (argc - i != 2 || n < 0) {
		fputs("usage: mktrace [--events N] [--frame-bytes B] "
		      "complete|abandoned|corrupt|truncated OUT\n", stderr);
		return 2;
	}
	if (!strcmp(argv[i], "complete")) {
		write_trace(argv[i + 1], n, frame_bytes, true);
	} else if (!strcmp(argv[i], "abandoned")) {
		write_trace(argv[i + 1], n, frame_bytes, false);
	} else if (!strcmp(argv[i], "corrupt")) {
		write_trace(argv[i + 1], n, frame_bytes, true);
		damage(argv[i + 1], false);
	} else if (!strcmp(argv[i], "truncated")) {
		write_trace(argv[i + 1], n, frame_bytes, true);
		damage(argv[i + 1], true);
	} else {
		fprintf(stderr, "mktrace: unknown kind '%s'\n", argv[i]);
		return 2;
	}
	return 0;
}
