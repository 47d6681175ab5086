// SPDX-License-Identifier: MIT
/*
 * test_sys_capture.c - which tracee memory srec_sys_regions_enter/exit
 * name for a call: each test lays out the call's memory in a fake tracee
 * (a local buffer at FAKE_BASE), runs the entry walk, changes the memory
 * as the kernel would, runs the exit walk, and checks the exact regions
 * (argument, direction, address, length, string) in order.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "srec_sys.h"

enum { FAKE_BASE = 0x10000, FAKE_SIZE = 1 << 16, MAX_REGIONS = 64 };

/* The fake tracee and what the walks named. */
static struct {
	uint8_t mem[FAKE_SIZE];
	struct srec_sys_region r[MAX_REGIONS];
	size_t n;
	size_t stop_at; /* emit returns 7 on this region (1-based), 0: never */
	unsigned reads;
	struct srec_sys_scratch scratch;
	uint64_t args[6];
} F;

static ssize_t fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	uint64_t end = FAKE_BASE + FAKE_SIZE;

	(void)ctx;
	F.reads++;
	if (addr < FAKE_BASE || addr >= end)
		return -EFAULT;
	if (len > end - addr)
		len = (size_t)(end - addr);
	memcpy(buf, F.mem + (addr - FAKE_BASE), len);
	return (ssize_t)len;
}

static const struct srec_sys_tracee_mem fake_mem = { fake_read, NULL };

static int collect(void *ctx, const struct srec_sys_region *r)
{
	(void)ctx;
	assert_true(F.n < MAX_REGIONS);
	F.r[F.n++] = *r;
	return F.stop_at && F.n == F.stop_at ? 7 : 0;
}

static int setup(void **state)
{
	(void)state;
	memset(&F, 0, sizeof(F));
	return 0;
}

/* Tracee address of offset @off in the fake memory. */
static uint64_t at(size_t off)
{
	return FAKE_BASE + off;
}

static void poke(uint64_t addr, const void *p, size_t n)
{
	assert_true(addr >= FAKE_BASE && addr + n <= FAKE_BASE + FAKE_SIZE);
	memcpy(F.mem + (addr - FAKE_BASE), p, n);
}

static void poke_u32(uint64_t addr, uint32_t v)
{
	poke(addr, &v, 4);
}

static void poke_u64(uint64_t addr, uint64_t v)
{
	poke(addr, &v, 8);
}

static void poke_str(uint64_t addr, const char *s)
{
	poke(addr, s, strlen(s) + 1);
}

static void poke_iov(uint64_t addr, uint64_t base, uint64_t len)
{
	poke_u64(addr, base);
	poke_u64(addr + 8, len);
}

/* struct msghdr on x86_64 */
static void poke_msghdr(uint64_t addr, uint64_t name, uint32_t namelen,
			uint64_t iov, uint64_t iovlen, uint64_t control,
			uint64_t controllen)
{
	poke_u64(addr, name);
	poke_u32(addr + 8, namelen);
	poke_u64(addr + 16, iov);
	poke_u64(addr + 24, iovlen);
	poke_u64(addr + 32, control);
	poke_u64(addr + 40, controllen);
	poke_u32(addr + 48, 0);
}

static void set_args(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
		     uint64_t a4, uint64_t a5)
{
	F.args[0] = a0;
	F.args[1] = a1;
	F.args[2] = a2;
	F.args[3] = a3;
	F.args[4] = a4;
	F.args[5] = a5;
}

static int enter(unsigned nr)
{
	F.n = 0;
	return srec_sys_regions_enter(nr, F.args, &fake_mem, &F.scratch,
				      collect, NULL);
}

static int leave(unsigned nr, int64_t ret)
{
	F.n = 0;
	return srec_sys_regions_exit(nr, F.args, ret, &fake_mem, &F.scratch,
				     collect, NULL);
}

struct want {
	unsigned arg;
	int dir;
	bool str;
	uint64_t addr, len;
};

#define IN(a, p, l) { (a), SREC__DIR__IN, false, (p), (l) }
#define OUT(a, p, l) { (a), SREC__DIR__OUT, false, (p), (l) }
#define STR(a, p, l) { (a), SREC__DIR__IN, true, (p), (l) }

static bool same(const struct srec_sys_region *r, const struct want *w)
{
	return r->arg == w->arg && r->dir == w->dir && r->str == w->str &&
	       r->addr == w->addr && r->len == w->len;
}

/* The regions named must be exactly @w, in order; on a difference all
 * of them are printed. */
static void expect_regions(const struct want *w, size_t n)
{
	bool ok = F.n == n;
	size_t i;

	for (i = 0; ok && i < n; i++)
		ok = same(&F.r[i], &w[i]);
	if (ok)
		return;
	for (i = 0; i < F.n; i++)
		print_message("got  %zu: arg %u dir %u str %d addr %#llx "
			      "len %llu\n", i, F.r[i].arg, F.r[i].dir,
			      F.r[i].str, (unsigned long long)F.r[i].addr,
			      (unsigned long long)F.r[i].len);
	for (i = 0; i < n; i++)
		print_message("want %zu: arg %u dir %d str %d addr %#llx "
			      "len %llu\n", i, w[i].arg, w[i].dir, w[i].str,
			      (unsigned long long)w[i].addr,
			      (unsigned long long)w[i].len);
	fail();
}

#define EXPECT(...)                                                   \
	do {                                                          \
		const struct want w_[] = { __VA_ARGS__ };             \
		expect_regions(w_, sizeof(w_) / sizeof(w_[0]));       \
	} while (0)
#define EXPECT_NONE() expect_regions(NULL, 0)

/* ---- read, write ----------------------------------------------------- */

static void test_read(void **state)
{
	(void)state;
	set_args(3, at(0x100), 4096, 0, 0, 0);
	assert_int_equal(enter(SYS_read), 0);
	EXPECT_NONE();
	assert_int_equal(leave(SYS_read, 5), 0);
	EXPECT(OUT(1, at(0x100), 5));
	leave(SYS_read, 0);
	EXPECT_NONE();
	leave(SYS_read, -EAGAIN);
	EXPECT_NONE();
	leave(SYS_read, -516); /* interrupted, restarted */
	EXPECT_NONE();
}

static void test_pread64(void **state)
{
	(void)state;
	set_args(3, at(0x100), 100, 4096, 0, 0);
	enter(SYS_pread64);
	EXPECT_NONE();
	leave(SYS_pread64, 100);
	EXPECT(OUT(1, at(0x100), 100));
}

static void test_write(void **state)
{
	(void)state;
	set_args(1, at(0x100), 10, 0, 0, 0);
	enter(SYS_write);
	EXPECT(IN(1, at(0x100), 10));
	leave(SYS_write, 10);
	EXPECT_NONE();
	set_args(1, at(0x100), 0, 0, 0, 0);
	enter(SYS_write);
	EXPECT_NONE();
	set_args(1, 0, 10, 0, 0, 0);
	enter(SYS_write);
	EXPECT_NONE();
}

/* A 1 GiB write is named as such; nothing reads or allocates it. */
static void test_huge_length_named_as_is(void **state)
{
	(void)state;
	set_args(1, 0x7f0000000000, UINT64_C(1) << 30, 0, 0, 0);
	enter(SYS_write);
	EXPECT(IN(1, 0x7f0000000000, UINT64_C(1) << 30));
	assert_int_equal(F.reads, 0);
	set_args(3, 0x7f0000000000, UINT64_C(1) << 40, 0, 0, 0);
	leave(SYS_read, INT64_C(1) << 40);
	EXPECT(OUT(1, 0x7f0000000000, UINT64_C(1) << 40));
}

/* ---- iovecs ---------------------------------------------------------- */

static void test_readv_split_by_ret(void **state)
{
	uint64_t iov = at(0x100);

	(void)state;
	poke_iov(iov, at(0x1000), 4);
	poke_iov(iov + 16, at(0x2000), 0);
	poke_iov(iov + 32, at(0x3000), 8);
	set_args(3, iov, 3, 0, 0, 0);
	enter(SYS_readv);
	EXPECT(IN(1, iov, 48));
	leave(SYS_readv, 10);
	EXPECT(OUT(1, at(0x1000), 4), OUT(1, at(0x3000), 6));
	leave(SYS_readv, 3);
	EXPECT(OUT(1, at(0x1000), 3));
	leave(SYS_readv, -EINTR);
	EXPECT_NONE();
}

static void test_writev(void **state)
{
	uint64_t iov = at(0x100);

	(void)state;
	poke_iov(iov, at(0x1000), 2);
	poke_iov(iov + 16, at(0x2000), 0);
	poke_iov(iov + 32, at(0x3000), 3);
	set_args(1, iov, 3, 0, 0, 0);
	enter(SYS_writev);
	EXPECT(IN(1, iov, 48), IN(1, at(0x1000), 2), IN(1, at(0x3000), 3));
	leave(SYS_writev, 5);
	EXPECT_NONE();
	/* Over UIO_MAXIOV the kernel reads nothing. */
	set_args(1, iov, 1025, 0, 0, 0);
	enter(SYS_writev);
	EXPECT_NONE();
}

/* An iovec array running off mapped memory: the kernel fails before
 * reading any data, so only the array is named. */
static void test_writev_faulting_array(void **state)
{
	uint64_t iov = at(FAKE_SIZE - 16);

	(void)state;
	poke_iov(iov, at(0x1000), 2);
	set_args(1, iov, 2, 0, 0, 0);
	enter(SYS_writev);
	EXPECT(IN(1, iov, 32));
}

/* ---- sockets --------------------------------------------------------- */

static void test_recvmsg(void **state)
{
	uint64_t msg = at(0x100), iov = at(0x200), name = at(0x300);
	uint64_t ctl = at(0x400);

	(void)state;
	poke_msghdr(msg, name, 128, iov, 2, ctl, 64);
	poke_iov(iov, at(0x1000), 8);
	poke_iov(iov + 16, at(0x2000), 8);
	set_args(3, msg, 0, 0, 0, 0);
	enter(SYS_recvmsg);
	EXPECT(IN(1, msg, 56), IN(1, iov, 32));
	/* what the kernel changes */
	poke_u32(msg + 8, 16);
	poke_u64(msg + 40, 24);
	leave(SYS_recvmsg, 10);
	EXPECT(OUT(1, msg, 56), OUT(1, name, 16), OUT(1, at(0x1000), 8),
	       OUT(1, at(0x2000), 2), OUT(1, ctl, 24));
	leave(SYS_recvmsg, -EAGAIN);
	EXPECT_NONE();
}

/* A caller's name buffer shorter than the address: only its length. */
static void test_recvmsg_short_name(void **state)
{
	uint64_t msg = at(0x100), iov = at(0x200), name = at(0x300);

	(void)state;
	poke_msghdr(msg, name, 8, iov, 1, 0, 0);
	poke_iov(iov, at(0x1000), 100);
	set_args(3, msg, 0, 0, 0, 0);
	enter(SYS_recvmsg);
	poke_u32(msg + 8, 16);
	leave(SYS_recvmsg, 0);
	EXPECT(OUT(1, msg, 56), OUT(1, name, 8));
}

static void test_sendmsg(void **state)
{
	uint64_t msg = at(0x100), iov = at(0x200), name = at(0x300);
	uint64_t ctl = at(0x400);

	(void)state;
	poke_msghdr(msg, name, 16, iov, 2, ctl, 20);
	poke_iov(iov, at(0x1000), 5);
	poke_iov(iov + 16, at(0x2000), 7);
	set_args(3, msg, 0, 0, 0, 0);
	enter(SYS_sendmsg);
	EXPECT(IN(1, msg, 56), IN(1, name, 16), IN(1, iov, 32),
	       IN(1, at(0x1000), 5), IN(1, at(0x2000), 7), IN(1, ctl, 20));
	leave(SYS_sendmsg, 12);
	EXPECT_NONE();
}

static void test_recvmmsg(void **state)
{
	uint64_t vec = at(0x100), iov = at(0x400), n0 = at(0x500);
	uint64_t ts = at(0x600);

	(void)state;
	poke_msghdr(vec, n0, 16, iov, 1, 0, 0);
	poke_msghdr(vec + 64, 0, 0, iov + 16, 1, 0, 0);
	poke_iov(iov, at(0x1000), 100);
	poke_iov(iov + 16, at(0x2000), 100);
	poke_u64(ts, 1);
	set_args(3, vec, 2, 0, ts, 0);
	enter(SYS_recvmmsg);
	EXPECT(IN(1, vec, 128), IN(1, iov, 16), IN(1, iov + 16, 16),
	       IN(4, ts, 16));
	poke_u32(vec + 8, 16);
	poke_u32(vec + 56, 30);
	leave(SYS_recvmmsg, 1);
	EXPECT(OUT(1, vec, 64), OUT(1, n0, 16), OUT(1, at(0x1000), 30),
	       OUT(4, ts, 16));
}

static void test_getsockname(void **state)
{
	uint64_t sa = at(0x100), len = at(0x200);

	(void)state;
	poke_u32(len, 128);
	set_args(3, sa, len, 0, 0, 0);
	enter(SYS_getsockname);
	EXPECT(IN(2, len, 4));
	poke_u32(len, 16);
	leave(SYS_getsockname, 0);
	EXPECT(OUT(1, sa, 16), OUT(2, len, 4));
	leave(SYS_getsockname, -EBADF);
	EXPECT_NONE();

	/* A buffer shorter than the address gets its own length, and the
	 * full length is written back. */
	poke_u32(len, 8);
	enter(SYS_getsockname);
	poke_u32(len, 16);
	leave(SYS_getsockname, 0);
	EXPECT(OUT(1, sa, 8), OUT(2, len, 4));
}

static void test_accept4(void **state)
{
	uint64_t sa = at(0x100), len = at(0x200);

	(void)state;
	set_args(3, 0, 0, SOCK_CLOEXEC, 0, 0);
	enter(SYS_accept4);
	EXPECT_NONE();
	leave(SYS_accept4, 4);
	EXPECT_NONE();

	poke_u32(len, 110);
	set_args(3, sa, len, 0, 0, 0);
	enter(SYS_accept4);
	EXPECT(IN(2, len, 4));
	leave(SYS_accept4, -EAGAIN);
	EXPECT_NONE();
	poke_u32(len, 2);
	leave(SYS_accept4, 5);
	EXPECT(OUT(1, sa, 2), OUT(2, len, 4));
}

static void test_recvfrom_trunc(void **state)
{
	uint64_t buf = at(0x100);

	(void)state;
	set_args(3, buf, 10, MSG_TRUNC, 0, 0);
	leave(SYS_recvfrom, 1500);
	EXPECT(OUT(1, buf, 10));
}

static void test_getsockopt(void **state)
{
	uint64_t val = at(0x100), len = at(0x200);

	(void)state;
	poke_u32(len, 64);
	set_args(3, SOL_SOCKET, SO_RCVBUF, val, len, 0);
	enter(SYS_getsockopt);
	EXPECT(IN(4, len, 4));
	poke_u32(len, 4);
	leave(SYS_getsockopt, 0);
	EXPECT(OUT(3, val, 4), OUT(4, len, 4));
	leave(SYS_getsockopt, -ENOPROTOOPT);
	EXPECT_NONE();
}

/* ---- poll, select ---------------------------------------------------- */

static void test_poll(void **state)
{
	uint64_t fds = at(0x100);

	(void)state;
	set_args(fds, 2, 100, 0, 0, 0);
	enter(SYS_poll);
	EXPECT(IN(0, fds, 16));
	leave(SYS_poll, 1);
	EXPECT(OUT(0, fds, 16));
	leave(SYS_poll, 0);
	EXPECT(OUT(0, fds, 16));
	/* revents are written back even when a signal interrupted */
	leave(SYS_poll, -516);
	EXPECT(OUT(0, fds, 16));
	leave(SYS_poll, -EFAULT);
	EXPECT_NONE();
}

static void test_select(void **state)
{
	uint64_t r = at(0x100), w = at(0x200), tv = at(0x300);

	(void)state;
	poke_u64(tv, 1);
	poke_u64(tv + 8, 0);
	set_args(70, r, w, 0, tv, 0);
	enter(SYS_select);
	EXPECT(IN(1, r, 16), IN(2, w, 16), IN(4, tv, 16));
	leave(SYS_select, 1);
	EXPECT(OUT(1, r, 16), OUT(2, w, 16), OUT(4, tv, 16));
	/* interrupted: the sets are not written, the time left is */
	leave(SYS_select, -514);
	EXPECT(OUT(4, tv, 16));

	/* a zero timeout is not written back */
	poke_u64(tv, 0);
	set_args(1, r, 0, 0, tv, 0);
	enter(SYS_select);
	EXPECT(IN(1, r, 8), IN(4, tv, 16));
	leave(SYS_select, 0);
	EXPECT(OUT(1, r, 8));
}

static void test_ppoll_bad_sigsetsize(void **state)
{
	uint64_t fds = at(0x100), ts = at(0x200), mask = at(0x300);

	(void)state;
	poke_u64(ts, 5);
	set_args(fds, 1, ts, mask, 8, 0);
	enter(SYS_ppoll);
	EXPECT(IN(0, fds, 8), IN(3, mask, 8), IN(2, ts, 16));
	leave(SYS_ppoll, -EINTR);
	EXPECT(OUT(0, fds, 8), OUT(2, ts, 16));
	/* set_user_sigmask fails first: the timeout is left alone */
	set_args(fds, 1, ts, mask, 16, 0);
	enter(SYS_ppoll);
	leave(SYS_ppoll, -EINVAL);
	EXPECT_NONE();
}

/* ---- processes ------------------------------------------------------- */

static void test_wait4(void **state)
{
	uint64_t st = at(0x100), ru = at(0x200);

	(void)state;
	set_args(-1, st, 0, ru, 0, 0);
	enter(SYS_wait4);
	EXPECT_NONE();
	leave(SYS_wait4, 1234);
	EXPECT(OUT(1, st, 4), OUT(3, ru, 144));
	leave(SYS_wait4, 0); /* WNOHANG, nothing reaped */
	EXPECT_NONE();
	leave(SYS_wait4, -ECHILD);
	EXPECT_NONE();
	set_args(-1, 0, 0, 0, 0, 0);
	leave(SYS_wait4, 1234);
	EXPECT_NONE();
}

static void test_execve(void **state)
{
	uint64_t path = at(0x100), argv = at(0x200), envp = at(0x300);

	(void)state;
	poke_str(path, "/bin/true");
	poke_u64(argv, at(0x400));
	poke_u64(argv + 8, at(0x500));
	poke_u64(argv + 16, 0);
	poke_u64(envp, at(0x600));
	poke_u64(envp + 8, 0);
	set_args(path, argv, envp, 0, 0, 0);
	enter(SYS_execve);
	EXPECT(STR(0, path, 4096), IN(1, argv, 24), STR(1, at(0x400), 131072),
	       STR(1, at(0x500), 131072), IN(2, envp, 16),
	       STR(2, at(0x600), 131072));
	leave(SYS_execve, 0);
	EXPECT_NONE();
}

/* argv running off mapped memory: named up to the unreadable pointer
 * (the recorder marks the fault), its strings, and nothing else. */
static void test_execve_faulting_argv(void **state)
{
	uint64_t argv = at(FAKE_SIZE - 16);

	(void)state;
	poke_u64(argv, at(0x400));
	poke_u64(argv + 8, at(0x500));
	set_args(0, argv, 0, 0, 0, 0);
	enter(SYS_execve);
	EXPECT(IN(1, argv, 24), STR(1, at(0x400), 131072),
	       STR(1, at(0x500), 131072));
	set_args(0, 0x1000, 0, 0, 0, 0); /* not mapped at all */
	enter(SYS_execve);
	EXPECT(IN(1, 0x1000, 8));
}

static void test_clone_parent_settid(void **state)
{
	(void)state;
	set_args(0x100000 | 0x1000000 | SIGCHLD, 0, at(0x100), at(0x200), 0,
		 0);
	enter(SYS_clone);
	EXPECT_NONE();
	leave(SYS_clone, 4321);
	EXPECT(OUT(2, at(0x100), 4));
	leave(SYS_clone, -EAGAIN);
	EXPECT_NONE();
}

static void test_clone3(void **state)
{
	uint64_t ca = at(0x100), ptid = at(0x200), pidfd = at(0x300);
	uint64_t set_tid = at(0x400);

	(void)state;
	poke_u64(ca, 0x100000 | 0x1000);
	poke_u64(ca + 8, pidfd);
	poke_u64(ca + 24, ptid);
	poke_u64(ca + 64, set_tid);
	poke_u64(ca + 72, 2);
	set_args(ca, 88, 0, 0, 0, 0);
	enter(SYS_clone3);
	EXPECT(IN(0, ca, 88), IN(0, set_tid, 8));
	leave(SYS_clone3, 99);
	EXPECT(OUT(0, pidfd, 4), OUT(0, ptid, 4));
	set_args(ca, 8, 0, 0, 0, 0); /* too small: EINVAL, nothing read */
	enter(SYS_clone3);
	EXPECT_NONE();
}

/* ---- signals, time --------------------------------------------------- */

static void test_rt_sigaction(void **state)
{
	uint64_t act = at(0x100), old = at(0x200);

	(void)state;
	set_args(SIGUSR1, act, old, 8, 0, 0);
	enter(SYS_rt_sigaction);
	EXPECT(IN(1, act, 32));
	leave(SYS_rt_sigaction, 0);
	EXPECT(OUT(2, old, 32));
	leave(SYS_rt_sigaction, -EINVAL);
	EXPECT_NONE();
	set_args(SIGUSR1, act, old, 16, 0, 0);
	enter(SYS_rt_sigaction);
	EXPECT_NONE();
}

static void test_rt_sigprocmask(void **state)
{
	(void)state;
	set_args(SIG_BLOCK, at(0x100), at(0x200), 8, 0, 0);
	enter(SYS_rt_sigprocmask);
	EXPECT(IN(1, at(0x100), 8));
	leave(SYS_rt_sigprocmask, 0);
	EXPECT(OUT(2, at(0x200), 8));
}

static void test_clock_gettime_nanosleep(void **state)
{
	(void)state;
	set_args(1, at(0x100), 0, 0, 0, 0);
	enter(SYS_clock_gettime);
	EXPECT_NONE();
	leave(SYS_clock_gettime, 0);
	EXPECT(OUT(1, at(0x100), 16));
	leave(SYS_clock_gettime, -EINVAL);
	EXPECT_NONE();

	set_args(at(0x100), at(0x200), 0, 0, 0, 0);
	enter(SYS_nanosleep);
	EXPECT(IN(0, at(0x100), 16));
	leave(SYS_nanosleep, 0);
	EXPECT_NONE();
	leave(SYS_nanosleep, -516);
	EXPECT(OUT(1, at(0x200), 16));
}

static void test_restart_codes(void **state)
{
	(void)state;
	assert_true(srec_sys_interrupted(-EINTR));
	assert_true(srec_sys_restart_code(-SREC_ERESTARTSYS));
	assert_true(srec_sys_restart_code(-SREC_ERESTARTNOINTR));
	assert_true(srec_sys_restart_code(-SREC_ERESTARTNOHAND));
	assert_true(srec_sys_restart_code(-SREC_ERESTART_RESTARTBLOCK));
	assert_true(srec_sys_interrupted(-SREC_ERESTART_RESTARTBLOCK));
	assert_false(srec_sys_restart_code(-515)); /* ENOIOCTLCMD */
	assert_false(srec_sys_restart_code(-EINTR));
	assert_false(srec_sys_interrupted(-EAGAIN));
	assert_false(srec_sys_interrupted(512));
}

/* ---- memory policy ---------------------------------------------------- */

/* Node masks are maxnode - 1 bits in whole longs, at most a page. */
static void test_nodemasks(void **state)
{
	uint64_t mask = at(0x100), other = at(0x200);

	(void)state;
	set_args(0, 4096, 2, mask, 65, 0);
	enter(SYS_mbind);
	EXPECT(IN(3, mask, 8));
	set_args(0, 4096, 2, mask, 66, 0);
	enter(SYS_mbind);
	EXPECT(IN(3, mask, 16));
	set_args(0, 4096, 2, mask, 1, 0); /* no bits: nothing read */
	enter(SYS_mbind);
	EXPECT_NONE();
	set_args(2, mask, 1u << 20, 0, 0, 0);
	enter(SYS_set_mempolicy);
	EXPECT(IN(1, mask, 4096));
	set_args(at(0x300), mask, 129, 0, 0, 0);
	enter(SYS_get_mempolicy);
	leave(SYS_get_mempolicy, 0);
	EXPECT(OUT(0, at(0x300), 4), OUT(1, mask, 16));
	leave(SYS_get_mempolicy, -EINVAL);
	EXPECT_NONE();
	set_args(0, 65, mask, other, 0, 0);
	enter(SYS_migrate_pages);
	EXPECT(IN(2, mask, 8), IN(3, other, 8));
}

/* ---- files ----------------------------------------------------------- */

static void test_openat(void **state)
{
	(void)state;
	set_args((uint64_t)AT_FDCWD, at(0x100), O_RDONLY, 0, 0, 0);
	enter(SYS_openat);
	EXPECT(STR(1, at(0x100), 4096));
	leave(SYS_openat, 3);
	EXPECT_NONE();
	set_args((uint64_t)AT_FDCWD, 0, O_RDONLY, 0, 0, 0);
	enter(SYS_openat);
	EXPECT_NONE();
}

static void test_newfstatat_statx(void **state)
{
	(void)state;
	set_args(3, at(0x100), at(0x200), AT_EMPTY_PATH, 0, 0);
	enter(SYS_newfstatat);
	EXPECT(STR(1, at(0x100), 4096));
	leave(SYS_newfstatat, 0);
	EXPECT(OUT(2, at(0x200), 144));
	leave(SYS_newfstatat, -ENOENT);
	EXPECT_NONE();

	set_args((uint64_t)AT_FDCWD, at(0x100), 0, 0xfff, at(0x300), 0);
	enter(SYS_statx);
	EXPECT(STR(1, at(0x100), 4096));
	leave(SYS_statx, 0);
	EXPECT(OUT(4, at(0x300), 256));
}

static void test_getdents64_getrandom_pipe2(void **state)
{
	(void)state;
	set_args(3, at(0x100), 32768, 0, 0, 0);
	enter(SYS_getdents64);
	EXPECT_NONE();
	leave(SYS_getdents64, 480);
	EXPECT(OUT(1, at(0x100), 480));
	leave(SYS_getdents64, 0);
	EXPECT_NONE();

	set_args(at(0x100), 16, 0, 0, 0, 0);
	leave(SYS_getrandom, 16);
	EXPECT(OUT(0, at(0x100), 16));
	leave(SYS_getrandom, -EAGAIN);
	EXPECT_NONE();

	set_args(at(0x100), O_CLOEXEC, 0, 0, 0, 0);
	enter(SYS_pipe2);
	EXPECT_NONE();
	leave(SYS_pipe2, 0);
	EXPECT(OUT(0, at(0x100), 8));
	leave(SYS_pipe2, -EMFILE);
	EXPECT_NONE();
}

static void test_ioctl(void **state)
{
	(void)state;
	set_args(0, 0x5401 /* TCGETS */, at(0x100), 0, 0, 0);
	enter(SYS_ioctl);
	EXPECT_NONE();
	leave(SYS_ioctl, 0);
	EXPECT(OUT(2, at(0x100), 36));
	leave(SYS_ioctl, -ENOTTY);
	EXPECT_NONE();

	set_args(0, 0x5414 /* TIOCSWINSZ */, at(0x100), 0, 0, 0);
	enter(SYS_ioctl);
	EXPECT(IN(2, at(0x100), 8));
	leave(SYS_ioctl, 0);
	EXPECT_NONE();

	/* _IOR('T', 0x30, unsigned int): TIOCGPTN */
	set_args(3, 0x80045430, at(0x100), 0, 0, 0);
	enter(SYS_ioctl);
	EXPECT_NONE();
	leave(SYS_ioctl, 0);
	EXPECT(OUT(2, at(0x100), 4));
	/* _IOWR: both ways */
	set_args(3, 0xc0105500, at(0x100), 0, 0, 0);
	enter(SYS_ioctl);
	EXPECT(IN(2, at(0x100), 16));
	leave(SYS_ioctl, 0);
	EXPECT(OUT(2, at(0x100), 16));
	/* FIOCLEX takes no argument */
	set_args(3, 0x5451, at(0x100), 0, 0, 0);
	enter(SYS_ioctl);
	leave(SYS_ioctl, 0);
	EXPECT_NONE();
}

static void test_fcntl(void **state)
{
	(void)state;
	set_args(3, F_GETLK, at(0x100), 0, 0, 0);
	enter(SYS_fcntl);
	EXPECT(IN(2, at(0x100), 32));
	leave(SYS_fcntl, 0);
	EXPECT(OUT(2, at(0x100), 32));
	leave(SYS_fcntl, -EBADF);
	EXPECT_NONE();

	set_args(3, F_SETLKW, at(0x100), 0, 0, 0);
	enter(SYS_fcntl);
	EXPECT(IN(2, at(0x100), 32));
	leave(SYS_fcntl, 0);
	EXPECT_NONE();

	set_args(3, F_SETFL, O_NONBLOCK, 0, 0, 0);
	enter(SYS_fcntl);
	leave(SYS_fcntl, 0);
	EXPECT_NONE();
}

static void test_getxattr_size_probe(void **state)
{
	(void)state;
	set_args(at(0x100), at(0x200), at(0x300), 0, 0, 0);
	leave(SYS_getxattr, 12); /* size 0: only the length */
	EXPECT_NONE();
	set_args(at(0x100), at(0x200), at(0x300), 64, 0, 0);
	leave(SYS_getxattr, 12);
	EXPECT(OUT(2, at(0x300), 12));
}

static void test_sendmmsg(void **state)
{
	uint64_t vec = at(0x100), iov = at(0x400);

	(void)state;
	poke_msghdr(vec, 0, 0, iov, 1, 0, 0);
	poke_msghdr(vec + 64, 0, 0, iov + 16, 1, 0, 0);
	poke_iov(iov, at(0x1000), 3);
	poke_iov(iov + 16, at(0x2000), 4);
	set_args(3, vec, 2, 0, 0, 0);
	enter(SYS_sendmmsg);
	EXPECT(IN(1, vec, 128), IN(1, iov, 16), IN(1, at(0x1000), 3),
	       IN(1, iov + 16, 16), IN(1, at(0x2000), 4));
	leave(SYS_sendmmsg, 1);
	EXPECT(OUT(1, vec, 64));
	leave(SYS_sendmmsg, -EAGAIN);
	EXPECT_NONE();
}

/* An exit whose entry the recorder missed (attached during the call):
 * the address's own length bounds the sockaddr. */
static void test_getsockname_exit_without_entry(void **state)
{
	uint64_t sa = at(0x100), len = at(0x200);

	(void)state;
	poke_u32(len, 16);
	set_args(3, sa, len, 0, 0, 0);
	leave(SYS_getsockname, 0);
	EXPECT(OUT(1, sa, 16), OUT(2, len, 4));
}

static void test_waitid(void **state)
{
	uint64_t info = at(0x100), ru = at(0x300);

	(void)state;
	set_args(0 /* P_ALL */, 0, info, 4 /* WEXITED */, ru, 0);
	enter(SYS_waitid);
	EXPECT_NONE();
	poke_u32(info, SIGCHLD);
	leave(SYS_waitid, 0);
	EXPECT(OUT(2, info, 128), OUT(4, ru, 144));
	/* nothing reaped (WNOHANG): siginfo zeroed, no rusage */
	poke_u32(info, 0);
	leave(SYS_waitid, 0);
	EXPECT(OUT(2, info, 128));
	/* the kernel fills *infop even on failure */
	leave(SYS_waitid, -ECHILD);
	EXPECT(OUT(2, info, 128));
}

static void test_prctl_name(void **state)
{
	(void)state;
	set_args(15 /* PR_SET_NAME */, at(0x100), 0, 0, 0, 0);
	enter(SYS_prctl);
	EXPECT(STR(1, at(0x100), 16));
	leave(SYS_prctl, 0);
	EXPECT_NONE();
	set_args(16 /* PR_GET_NAME */, at(0x100), 0, 0, 0, 0);
	enter(SYS_prctl);
	EXPECT_NONE();
	leave(SYS_prctl, 0);
	EXPECT(OUT(1, at(0x100), 16));
	set_args(38 /* PR_SET_NO_NEW_PRIVS */, 1, 0, 0, 0, 0);
	enter(SYS_prctl);
	leave(SYS_prctl, 0);
	EXPECT_NONE();
}

static void test_futex_timeout(void **state)
{
	(void)state;
	/* FUTEX_WAIT_PRIVATE: the timeout is a timespec */
	set_args(at(0x100), 128, 1, at(0x200), 0, 0);
	enter(SYS_futex);
	EXPECT(IN(3, at(0x200), 16));
	/* FUTEX_WAKE: the same register is a count */
	set_args(at(0x100), 1, 1, 0x7fff, 0, 0);
	enter(SYS_futex);
	EXPECT_NONE();
	/* FUTEX_CMP_REQUEUE: val2, not a pointer */
	set_args(at(0x100), 4, 1, at(0x200), at(0x300), 0);
	enter(SYS_futex);
	EXPECT_NONE();
}

static void test_sendfile_offset(void **state)
{
	(void)state;
	set_args(1, 3, at(0x100), 4096, 0, 0);
	enter(SYS_sendfile);
	EXPECT(IN(2, at(0x100), 8));
	/* sendfile puts the offset back whatever happened */
	leave(SYS_sendfile, -EPIPE);
	EXPECT(OUT(2, at(0x100), 8));
	set_args(1, 3, 0, 4096, 0, 0);
	enter(SYS_sendfile);
	leave(SYS_sendfile, 10);
	EXPECT_NONE();
}

static void test_capget(void **state)
{
	uint64_t hdr = at(0x100), data = at(0x200);

	(void)state;
	poke_u32(hdr, 0x20080522);
	set_args(hdr, data, 0, 0, 0, 0);
	enter(SYS_capget);
	EXPECT(IN(0, hdr, 8));
	leave(SYS_capget, 0);
	EXPECT(OUT(1, data, 24));
	poke_u32(hdr, 0x19980330);
	leave(SYS_capget, 0);
	EXPECT(OUT(1, data, 12));
	/* an unknown version: the kernel's is written back */
	poke_u32(hdr, 1);
	leave(SYS_capget, -EINVAL);
	EXPECT(OUT(0, hdr, 4));
}

/* io_submit: the pointers, each iocb, and what a write command hands
 * over; the walk stops at the first iocb it cannot read. */
static void test_io_submit(void **state)
{
	uint64_t ptrs = at(0x100), cb = at(0x200), buf = at(0x400);
	uint64_t iov = at(0x500);

	(void)state;
	poke_u64(ptrs, cb);
	poke_u64(ptrs + 8, cb + 64);
	poke_u64(ptrs + 16, cb + 128);
	poke_u64(ptrs + 24, 0x10); /* unreadable */
	/* PWRITE of 5 bytes, PREAD (filled later: nothing), PWRITEV of 1 */
	poke(cb + 16, &(uint16_t){ 1 }, 2);
	poke_u64(cb + 24, buf);
	poke_u64(cb + 32, 5);
	poke(cb + 64 + 16, &(uint16_t){ 0 }, 2);
	poke_u64(cb + 64 + 24, buf + 0x10);
	poke_u64(cb + 64 + 32, 100);
	poke(cb + 128 + 16, &(uint16_t){ 8 }, 2);
	poke_u64(cb + 128 + 24, iov);
	poke_u64(cb + 128 + 32, 1);
	poke_iov(iov, buf + 0x20, 3);
	set_args(0x7000, 4, ptrs, 0, 0, 0);
	assert_int_equal(enter(SYS_io_submit), 0);
	EXPECT(IN(2, ptrs, 32), IN(2, cb, 64), IN(2, buf, 5),
	       IN(2, cb + 64, 64), IN(2, cb + 128, 64), IN(2, iov, 16),
	       IN(2, buf + 0x20, 3));
	assert_int_equal(leave(SYS_io_submit, 3), 0);
	EXPECT_NONE();
	set_args(0x7000, 0, ptrs, 0, 0, 0);
	enter(SYS_io_submit);
	EXPECT_NONE();
	/* io_cancel reads the key alone */
	set_args(0x7000, cb, at(0x800), 0, 0, 0);
	enter(SYS_io_cancel);
	EXPECT(IN(1, cb + 8, 4));
	leave(SYS_io_cancel, -EINVAL);
	EXPECT_NONE();
}

static void test_epoll(void **state)
{
	(void)state;
	set_args(5, at(0x100), 16, -1, 0, 0);
	enter(SYS_epoll_wait);
	EXPECT_NONE();
	leave(SYS_epoll_wait, 2);
	EXPECT(OUT(1, at(0x100), 24));
	leave(SYS_epoll_wait, 0);
	EXPECT_NONE();

	set_args(5, 1 /* EPOLL_CTL_ADD */, 3, at(0x100), 0, 0);
	enter(SYS_epoll_ctl);
	EXPECT(IN(3, at(0x100), 12));
	set_args(5, 2 /* EPOLL_CTL_DEL */, 3, at(0x100), 0, 0);
	enter(SYS_epoll_ctl);
	EXPECT_NONE();
}

static void test_getcwd_readlinkat(void **state)
{
	(void)state;
	set_args(at(0x100), 4096, 0, 0, 0, 0);
	leave(SYS_getcwd, 9); /* "/tmp/dec" and its NUL */
	EXPECT(OUT(0, at(0x100), 9));
	leave(SYS_getcwd, -ERANGE);
	EXPECT_NONE();

	set_args((uint64_t)AT_FDCWD, at(0x100), at(0x200), 64, 0, 0);
	enter(SYS_readlinkat);
	EXPECT(STR(1, at(0x100), 4096));
	leave(SYS_readlinkat, 10);
	EXPECT(OUT(2, at(0x200), 10));
}

/* ---- the walk itself ------------------------------------------------- */

static void test_emit_error_stops_walk(void **state)
{
	uint64_t iov = at(0x100);

	(void)state;
	poke_iov(iov, at(0x1000), 2);
	poke_iov(iov + 16, at(0x2000), 3);
	set_args(1, iov, 2, 0, 0, 0);
	F.stop_at = 2;
	assert_int_equal(enter(SYS_writev), 7);
	assert_int_equal(F.n, 2);
}

static void test_unknown_number(void **state)
{
	(void)state;
	set_args(1, 2, 3, 4, 5, 6);
	assert_int_equal(enter(100000), 0);
	assert_int_equal(leave(100000, 0), 0);
	EXPECT_NONE();
}

/*
 * Which IN regions may wait for the exit stop: those no OUT argument can
 * reach, of calls that write only through OUT arguments.
 */
static void test_in_readable_at_exit(void **state)
{
	uint64_t path = at(0), buf = at(0x1000);

	(void)state;
	/* newfstatat(AT_FDCWD, path, statbuf, 0): a stat buffer of 144
	 * bytes after the path, or before it, is fine... */
	set_args((uint64_t)AT_FDCWD, path, buf, 0, 0, 0);
	assert_true(srec_sys_in_readable_at_exit(SYS_newfstatat, F.args,
						 path, 4096));
	set_args((uint64_t)AT_FDCWD, buf, path, 0, 0, 0);
	assert_true(srec_sys_in_readable_at_exit(SYS_newfstatat, F.args, buf,
						 4096));
	/* ...unless the struct it writes reaches the path. */
	set_args((uint64_t)AT_FDCWD, path, path + 100, 0, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_newfstatat, F.args,
						  path, 4096));
	set_args((uint64_t)AT_FDCWD, path + 100, path, 0, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_newfstatat, F.args,
						  path + 100, 4096));
	assert_true(srec_sys_in_readable_at_exit(SYS_newfstatat, F.args,
						 path + 144, 4096));
	/* readlinkat writes as many bytes as it returns: anything from
	 * its buffer up may be written. */
	set_args((uint64_t)AT_FDCWD, path, buf, 4096, 0, 0);
	assert_true(srec_sys_in_readable_at_exit(SYS_readlinkat, F.args,
						 path, 4096));
	set_args((uint64_t)AT_FDCWD, buf + 8192, buf, 16, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_readlinkat, F.args,
						  buf + 8192, 4096));
	/* prlimit64(0, RLIMIT_NOFILE, &new, &old): old may be &new. */
	set_args(0, RLIMIT_NOFILE, path, buf, 0, 0);
	assert_true(srec_sys_in_readable_at_exit(SYS_prlimit64, F.args, path,
						 16));
	set_args(0, RLIMIT_NOFILE, path, path, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_prlimit64, F.args,
						  path, 16));
	/* Nothing written (no old limit), or nothing at all: no exit read
	 * to share. */
	set_args(0, RLIMIT_NOFILE, path, 0, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_prlimit64, F.args,
						  path, 16));
	set_args(1, buf, 64, 0, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_write, F.args, buf,
						  64));
	/* Calls whose writes the kinds do not bound (poll's IN/OUT array,
	 * ioctl, rules of their own: rt_sigprocmask), that change who runs
	 * in the memory (clone3, execve), or that srec does not know. */
	set_args(0, 0, buf, 16, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_poll, F.args, buf, 16));
	set_args(buf, 88, 0, 0, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_clone3, F.args, buf,
						  88));
	set_args(path, buf, buf + 64, 0, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_execve, F.args, path,
						  4096));
	set_args(SIG_BLOCK, path, buf, 8, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_rt_sigprocmask,
						  F.args, path, 8));
	set_args(3, 0x5401, buf, 0, 0, 0);
	assert_false(srec_sys_in_readable_at_exit(SYS_ioctl, F.args, buf,
						  60));
	assert_false(srec_sys_in_readable_at_exit(100000, F.args, buf, 60));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_read, setup),
		cmocka_unit_test_setup(test_pread64, setup),
		cmocka_unit_test_setup(test_write, setup),
		cmocka_unit_test_setup(test_huge_length_named_as_is, setup),
		cmocka_unit_test_setup(test_readv_split_by_ret, setup),
		cmocka_unit_test_setup(test_writev, setup),
		cmocka_unit_test_setup(test_writev_faulting_array, setup),
		cmocka_unit_test_setup(test_recvmsg, setup),
		cmocka_unit_test_setup(test_recvmsg_short_name, setup),
		cmocka_unit_test_setup(test_sendmsg, setup),
		cmocka_unit_test_setup(test_recvmmsg, setup),
		cmocka_unit_test_setup(test_getsockname, setup),
		cmocka_unit_test_setup(test_accept4, setup),
		cmocka_unit_test_setup(test_recvfrom_trunc, setup),
		cmocka_unit_test_setup(test_getsockopt, setup),
		cmocka_unit_test_setup(test_poll, setup),
		cmocka_unit_test_setup(test_select, setup),
		cmocka_unit_test_setup(test_ppoll_bad_sigsetsize, setup),
		cmocka_unit_test_setup(test_wait4, setup),
		cmocka_unit_test_setup(test_execve, setup),
		cmocka_unit_test_setup(test_execve_faulting_argv, setup),
		cmocka_unit_test_setup(test_clone_parent_settid, setup),
		cmocka_unit_test_setup(test_clone3, setup),
		cmocka_unit_test_setup(test_rt_sigaction, setup),
		cmocka_unit_test_setup(test_rt_sigprocmask, setup),
		cmocka_unit_test_setup(test_clock_gettime_nanosleep, setup),
		cmocka_unit_test_setup(test_restart_codes, setup),
		cmocka_unit_test_setup(test_nodemasks, setup),
		cmocka_unit_test_setup(test_openat, setup),
		cmocka_unit_test_setup(test_newfstatat_statx, setup),
		cmocka_unit_test_setup(test_getdents64_getrandom_pipe2, setup),
		cmocka_unit_test_setup(test_ioctl, setup),
		cmocka_unit_test_setup(test_fcntl, setup),
		cmocka_unit_test_setup(test_getxattr_size_probe, setup),
		cmocka_unit_test_setup(test_sendmmsg, setup),
		cmocka_unit_test_setup(test_getsockname_exit_without_entry,
				       setup),
		cmocka_unit_test_setup(test_waitid, setup),
		cmocka_unit_test_setup(test_prctl_name, setup),
		cmocka_unit_test_setup(test_futex_timeout, setup),
		cmocka_unit_test_setup(test_sendfile_offset, setup),
		cmocka_unit_test_setup(test_capget, setup),
		cmocka_unit_test_setup(test_io_submit, setup),
		cmocka_unit_test_setup(test_epoll, setup),
		cmocka_unit_test_setup(test_getcwd_readlinkat, setup),
		cmocka_unit_test_setup(test_emit_error_stops_walk, setup),
		cmocka_unit_test_setup(test_unknown_number, setup),
		cmocka_unit_test_setup(test_in_readable_at_exit, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
