// SPDX-License-Identifier: MIT
/*
 * test_rpl.c - unit tests of the replayer's parts that need no tracee:
 * the pre-pass over a crafted trace (program start, what each thread does
 * next, damage), the blob store, which signals replay must send itself,
 * and the byte views of divergence reports.  Whole replays are the e2e
 * tests' (tests/e2e/replay*.sh).
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "rpl_int.h"
#include "srec_err.h"

static void test_fault_signals(void **state)
{
	(void)state;
	assert_true(rpl_signal_is_fault(SIGSEGV, 1));   /* SEGV_MAPERR */
	assert_true(rpl_signal_is_fault(SIGFPE, 1));    /* FPE_INTDIV */
	assert_true(rpl_signal_is_fault(SIGSEGV, 0x80)); /* SI_KERNEL */
	assert_false(rpl_signal_is_fault(SIGSEGV, 0));  /* kill() */
	assert_false(rpl_signal_is_fault(SIGSEGV, -6)); /* tgkill() */
	assert_false(rpl_signal_is_fault(SIGCHLD, 1));  /* CLD_EXITED */
	assert_false(rpl_signal_is_fault(SIGALRM, 0x80));
}

static void test_blobs(void **state)
{
	struct rpl_blobs *b = rpl_blobs_new();
	uint8_t h1[16] = { 1, 2, 3 }, h2[16] = { 1, 2, 4 };
	const char *p;
	size_t n = 0;

	(void)state;
	assert_null(rpl_blobs_get(b, h1, &n));
	rpl_blobs_put(b, h1, "first", 5);
	rpl_blobs_put(b, h2, "second", 6);
	rpl_blobs_put(b, h1, "again", 5); /* stored once: the first stays */
	p = rpl_blobs_get(b, h1, &n);
	assert_non_null(p);
	assert_int_equal(n, 5);
	assert_memory_equal(p, "first", 5);
	p = rpl_blobs_get(b, h2, &n);
	assert_int_equal(n, 6);
	assert_memory_equal(p, "second", 6);
	rpl_blobs_free(b);
}

static void test_show_bytes(void **state)
{
	struct srec_buf out = SREC_BUF_INIT;
	const uint8_t bin[] = { 0x7f, 0x00, 0x01, 0xff };

	(void)state;
	rpl_show_bytes(&out, (const uint8_t *)"ab\"c\n", 5);
	assert_string_equal(srec_buf_str(&out), "\"ab\\\"c\\n\"");
	srec_buf_reset(&out);
	rpl_show_bytes(&out, bin, sizeof(bin));
	assert_string_equal(srec_buf_str(&out), "7f 00 01 ff");
	srec_buf_free(&out);
}

/* ---- A crafted trace for the pre-pass ---------------------------------- */

struct craft {
	Srec__Event ev;
	Srec__Syscall sc;
	Srec__Exec ex;
	Srec__Signal sig;
	Srec__Exit exit;
	Srec__Mem mem;
	Srec__Mem *memp;
	uint64_t args[6];
};

static void add_syscall(struct srec_fmt_writer *w, int tid, unsigned nr,
			int64_t ret, const char *path)
{
	struct craft c;

	memset(&c, 0, sizeof(c));
	srec__event__init(&c.ev);
	srec__syscall__init(&c.sc);
	c.ev.has_pid = c.ev.has_tid = true;
	c.ev.pid = c.ev.tid = tid;
	c.sc.has_nr = c.sc.has_ret = true;
	c.sc.nr = nr;
	c.sc.ret = ret;
	c.sc.n_args = 6;
	c.sc.args = c.args;
	if (path) {
		srec__mem__init(&c.mem);
		c.mem.has_arg = c.mem.has_dir = c.mem.has_len = true;
		c.mem.has_data = c.mem.has_str = c.mem.str = true;
		c.mem.dir = SREC__DIR__IN;
		c.mem.len = strlen(path);
		c.mem.data.data = (uint8_t *)path;
		c.mem.data.len = strlen(path);
		c.memp = &c.mem;
		c.sc.n_mem = 1;
		c.sc.mem = &c.memp;
	}
	c.ev.kind_case = SREC__EVENT__KIND_SYSCALL;
	c.ev.syscall = &c.sc;
	assert_int_equal(srec_fmt_writer_append(w, &c.ev), 0);
}

static void add_exec(struct srec_fmt_writer *w, int tid)
{
	static char *argv[] = { "echo", "hi" };
	static char *env[] = { "A=1" };
	struct craft c;

	memset(&c, 0, sizeof(c));
	srec__event__init(&c.ev);
	srec__exec__init(&c.ex);
	c.ev.has_pid = c.ev.has_tid = true;
	c.ev.pid = c.ev.tid = tid;
	c.ex.exe = "/usr/bin/echo";
	c.ex.cwd = "/tmp";
	c.ex.n_argv = 2;
	c.ex.argv = argv;
	c.ex.n_env = 1;
	c.ex.env = env;
	c.ev.kind_case = SREC__EVENT__KIND_EXEC;
	c.ev.exec = &c.ex;
	assert_int_equal(srec_fmt_writer_append(w, &c.ev), 0);
}

static void add_signal(struct srec_fmt_writer *w, int tid, int signo,
		       int code)
{
	struct craft c;

	memset(&c, 0, sizeof(c));
	srec__event__init(&c.ev);
	srec__signal__init(&c.sig);
	c.ev.has_pid = c.ev.has_tid = true;
	c.ev.pid = c.ev.tid = tid;
	c.sig.has_signo = c.sig.has_code = true;
	c.sig.signo = signo;
	c.sig.code = code;
	c.ev.kind_case = SREC__EVENT__KIND_SIGNAL;
	c.ev.signal = &c.sig;
	assert_int_equal(srec_fmt_writer_append(w, &c.ev), 0);
}

static void add_exit(struct srec_fmt_writer *w, int tid)
{
	struct craft c;

	memset(&c, 0, sizeof(c));
	srec__event__init(&c.ev);
	srec__exit__init(&c.exit);
	c.ev.has_pid = c.ev.has_tid = true;
	c.ev.pid = c.ev.tid = tid;
	c.ev.kind_case = SREC__EVENT__KIND_EXIT;
	c.ev.exit = &c.exit;
	assert_int_equal(srec_fmt_writer_append(w, &c.ev), 0);
}

static void craft_trace(const char *path, bool finish)
{
	struct srec_fmt_writer_opts wo = { .inline_compression = true };
	const struct srec_sys_entry *ex = srec_sys_find("execve");
	const struct srec_sys_entry *wr = srec_sys_find("write");
	const struct srec_sys_entry *brk = srec_sys_find("brk");
	struct srec_fmt_writer *w = NULL;
	Srec__TraceHeader hdr;

	assert_non_null(ex);
	assert_non_null(wr);
	assert_non_null(brk);
	srec__trace_header__init(&hdr);
	hdr.cwd = "/";
	assert_int_equal(srec_fmt_writer_open(path, &hdr, &wo, &w), 0);
	add_syscall(w, 100, ex->nr, 0, "/bin/echo"); /* 0 */
	add_exec(w, 100);                            /* 1 */
	add_syscall(w, 100, wr->nr, 5, NULL);        /* 2: emulated */
	add_syscall(w, 101, wr->nr, 5, NULL);        /* 3: another thread */
	add_signal(w, 100, SIGUSR1, 0);              /* 4: sent by kill() */
	add_syscall(w, 101, brk->nr, 0x1000, NULL);  /* 5: runs for real */
	add_syscall(w, 100, wr->nr, -EINTR, NULL);   /* 6: interrupted */
	add_signal(w, 100, SIGSEGV, 1);              /* 7: a fault */
	add_exit(w, 101);                            /* 8 */
	add_exit(w, 100);                            /* 9 */
	if (finish)
		assert_int_equal(srec_fmt_writer_close(w, 0), 0);
	else
		srec_fmt_writer_abandon(w);
}

static void test_plan(void **state)
{
	const char *path = SREC_TEST_TMPDIR "/test_rpl_plan.srec";
	struct rpl_plan p;
	struct rpl_nrs nrs;

	(void)state;
	rpl_nrs_lookup(&nrs);
	craft_trace(path, true);
	assert_int_equal(rpl_plan_build(path, &nrs, &p), 0);
	assert_string_equal(p.path, "/bin/echo");
	assert_string_equal(p.argv[0], "echo");
	assert_string_equal(p.argv[1], "hi");
	assert_null(p.argv[2]);
	assert_string_equal(p.env[0], "A=1");
	assert_string_equal(p.cwd, "/tmp");
	assert_int_equal(p.root_tid, 100);
	assert_int_equal(p.n_events, 10);
	assert_false(p.damaged);
	assert_int_equal(p.next[0], RPL_NEXT_EXEC);
	assert_int_equal(p.next[1], RPL_NEXT_EMULATED);
	assert_int_equal(p.next[2], RPL_NEXT_INJECT);
	assert_int_equal(p.next_sig[2], SIGUSR1);
	assert_int_equal(p.next[3], RPL_NEXT_SYSCALL); /* brk */
	/* An interrupted call may have to run as a real sigsuspend. */
	assert_int_equal(p.next[4], RPL_NEXT_SYSCALL);
	assert_int_equal(p.next[5], RPL_NEXT_EXIT);
	assert_int_equal(p.next[6], RPL_NEXT_FAULT);
	assert_int_equal(p.next[7], RPL_NEXT_EXIT);
	assert_int_equal(p.next[9], RPL_NEXT_NONE);
	rpl_plan_free(&p);
	unlink(path);
}

/* A call record -e inject= hit: result replaced (@tampered) and/or
 * signal @sig sent with it. */
static void add_injected(struct srec_fmt_writer *w, int tid, unsigned nr,
			 int64_t ret, bool tampered, int sig)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Syscall sc = SREC__SYSCALL__INIT;
	Srec__Injected inj = SREC__INJECTED__INIT;
	uint64_t args[6] = { 0 };

	ev.has_pid = ev.has_tid = true;
	ev.pid = ev.tid = tid;
	sc.has_nr = sc.has_ret = true;
	sc.nr = nr;
	sc.ret = ret;
	sc.n_args = 6;
	sc.args = args;
	inj.has_rule = true;
	inj.has_ret = inj.ret = tampered;
	inj.has_signal = sig != 0;
	inj.signal = sig;
	sc.injected = &inj;
	ev.kind_case = SREC__EVENT__KIND_SYSCALL;
	ev.syscall = &sc;
	assert_int_equal(srec_fmt_writer_append(w, &ev), 0);
}

/* Injected results are fed back, whatever the call's row says; a fault
 * signal that record -e inject= sent is replay's to send. */
static void test_plan_injected(void **state)
{
	const char *path = SREC_TEST_TMPDIR "/test_rpl_inject.srec";
	struct srec_fmt_writer_opts wo = { .inline_compression = true };
	const struct srec_sys_entry *ex = srec_sys_find("execve");
	const struct srec_sys_entry *brk = srec_sys_find("brk");
	const struct srec_sys_entry *gp = srec_sys_find("getppid");
	struct srec_fmt_writer *w = NULL;
	Srec__TraceHeader hdr;
	struct rpl_plan p;
	struct rpl_nrs nrs;

	(void)state;
	rpl_nrs_lookup(&nrs);
	srec__trace_header__init(&hdr);
	hdr.cwd = "/";
	assert_int_equal(srec_fmt_writer_open(path, &hdr, &wo, &w), 0);
	add_syscall(w, 100, ex->nr, 0, "/bin/echo");        /* 0 */
	add_exec(w, 100);                                   /* 1 */
	add_injected(w, 100, brk->nr, -ENOMEM, true, 0);    /* 2 */
	add_injected(w, 100, brk->nr, 0x1000, false, 0);    /* 3: ran */
	add_injected(w, 100, gp->nr, 7, false, SIGSEGV);    /* 4 */
	add_signal(w, 100, SIGSEGV, 0x80);                  /* 5: sent */
	add_syscall(w, 100, gp->nr, 7, NULL);               /* 6 */
	add_signal(w, 100, SIGSEGV, 0x80);                  /* 7: a fault */
	add_exit(w, 100);                                   /* 8 */
	assert_int_equal(srec_fmt_writer_close(w, 0), 0);
	assert_int_equal(rpl_plan_build(path, &nrs, &p), 0);
	assert_int_equal(p.next[1], RPL_NEXT_EMULATED);
	assert_int_equal(p.next[2], RPL_NEXT_SYSCALL);
	assert_int_equal(p.next[4], RPL_NEXT_INJECT);
	assert_int_equal(p.next_sig[4], SIGSEGV);
	assert_int_equal(p.next[6], RPL_NEXT_FAULT);
	rpl_plan_free(&p);
	unlink(path);
}

static void test_plan_unfinished(void **state)
{
	const char *path = SREC_TEST_TMPDIR "/test_rpl_cut.srec";
	struct rpl_plan p;
	struct rpl_nrs nrs;

	(void)state;
	rpl_nrs_lookup(&nrs);
	craft_trace(path, false);
	assert_int_equal(rpl_plan_build(path, &nrs, &p), 0);
	assert_true(p.damaged); /* never presented as whole */
	assert_int_equal(p.n_events, 10);
	rpl_plan_free(&p);
	unlink(path);
}

static void test_plan_not_a_trace(void **state)
{
	const char *path = SREC_TEST_TMPDIR "/test_rpl_junk.srec";
	struct rpl_plan p;
	struct rpl_nrs nrs;
	FILE *f = fopen(path, "w");

	(void)state;
	rpl_nrs_lookup(&nrs);
	assert_non_null(f);
	fputs("not a trace\n", f);
	fclose(f);
	assert_int_equal(rpl_plan_build(path, &nrs, &p), SREC_ENOTTRACE);
	assert_int_equal(rpl_plan_build(SREC_TEST_TMPDIR "/no-such.srec",
					&nrs, &p), -ENOENT);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fault_signals),
		cmocka_unit_test(test_blobs),
		cmocka_unit_test(test_show_bytes),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_plan_injected),
		cmocka_unit_test(test_plan_unfinished),
		cmocka_unit_test(test_plan_not_a_trace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
