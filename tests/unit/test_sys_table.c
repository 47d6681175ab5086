// SPDX-License-Identifier: MIT
/*
 * test_sys_table.c - the syscall table generated from
 * arch/x86_64/syscalls.tbl: one row for every number of the installed
 * <asm/unistd_64.h> under the same name, consistent rows, argument kinds
 * of common calls as their man pages describe them, lookups by number,
 * name and class, and the errno and signal names.
 */
#define _GNU_SOURCE /* strerrorname_np, sigabbrev_np, struct statx */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <mqueue.h>
#include <sys/timex.h>
#include <utime.h>
#include <asm/ldt.h>
#include <linux/capability.h>
#include <linux/close_range.h>
#include <linux/io_uring.h>
#include <linux/futex.h>
#include <linux/prctl.h>
#include <asm/prctl.h>

#include "srec_sys.h"

/* sys/ internals (sys_int.h), to see which struct and value-name table an
 * argument names without the generated headers. */
size_t sys_struct_size(unsigned type);
const char *xlat_name(unsigned table, uint64_t v);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- The installed header -------------------------------------------- */

static const char *const unistd_paths[] = {
	"/usr/include/x86_64-linux-gnu/asm/unistd_64.h",
	"/usr/include/asm/unistd_64.h",
};

struct hdr_nr {
	char name[64];
	unsigned nr;
};

/* Every `#define __NR_name nr` of the installed header, read now so a
 * newer header shows what the table lacks. */
static size_t read_unistd(struct hdr_nr *out, size_t max)
{
	FILE *f = NULL;
	char line[256];
	size_t i, n = 0;

	for (i = 0; !f && i < ARRAY_LEN(unistd_paths); i++)
		f = fopen(unistd_paths[i], "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char name[64];
		unsigned nr;

		if (sscanf(line, "#define __NR_%63s %u", name, &nr) != 2)
			continue;
		assert_true(n < max);
		snprintf(out[n].name, sizeof(out[n].name), "%s", name);
		out[n].nr = nr;
		n++;
	}
	fclose(f);
	return n;
}

/*
 * Rows the table has beyond the installed header: syscalls added to the
 * kernel after the header's version (syscalls.tbl documents them).
 */
static const struct {
	unsigned nr;
	const char *name;
} newer_than_header[] = {
	{ 451, "cachestat" },        { 452, "fchmodat2" },
	{ 453, "map_shadow_stack" }, { 454, "futex_wake" },
	{ 455, "futex_wait" },       { 456, "futex_requeue" },
	{ 457, "statmount" },        { 458, "listmount" },
	{ 459, "lsm_get_self_attr" }, { 460, "lsm_set_self_attr" },
	{ 461, "lsm_list_modules" }, { 462, "mseal" },
	{ 463, "setxattrat" },       { 464, "getxattrat" },
	{ 465, "listxattrat" },      { 466, "removexattrat" },
	{ 467, "open_tree_attr" },   { 468, "file_getattr" },
	{ 469, "file_setattr" },     { 470, "listns" },
};

static void test_every_header_number_has_a_row(void **state)
{
	static struct hdr_nr hdr[1024];
	size_t n = read_unistd(hdr, ARRAY_LEN(hdr)), i;

	(void)state;
	/* 0-334 and 424-450 at least: a broken parse must not pass. */
	assert_true(n >= 360);
	for (i = 0; i < n; i++) {
		const struct srec_sys_entry *e = srec_sys_get(hdr[i].nr);

		if (!e)
			fail_msg("no row for %u (%s)", hdr[i].nr, hdr[i].name);
		if (strcmp(e->name, hdr[i].name))
			fail_msg("%u: row '%s', header '%s'", hdr[i].nr,
				 e->name, hdr[i].name);
		assert_int_equal(e->nr, hdr[i].nr);
	}
}

static void test_no_row_the_header_lacks(void **state)
{
	static struct hdr_nr hdr[1024];
	size_t n = read_unistd(hdr, ARRAY_LEN(hdr)), i, j, rows = 0;
	unsigned nr;

	(void)state;
	for (nr = 0; nr < srec_sys_nr_limit(); nr++) {
		const struct srec_sys_entry *e = srec_sys_get(nr);
		bool known = false;

		if (!e)
			continue;
		rows++;
		for (i = 0; i < n && !known; i++)
			known = hdr[i].nr == nr;
		for (j = 0; j < ARRAY_LEN(newer_than_header) && !known; j++)
			known = newer_than_header[j].nr == nr &&
				!strcmp(newer_than_header[j].name, e->name);
		if (!known)
			fail_msg("row %u (%s) is in neither the header nor the "
				 "documented newer list", nr, e->name);
	}
	/* The newer rows really are there, so the list stays honest. */
	for (j = 0; j < ARRAY_LEN(newer_than_header); j++) {
		const struct srec_sys_entry *e =
			srec_sys_get(newer_than_header[j].nr);

		assert_non_null(e);
		assert_string_equal(e->name, newer_than_header[j].name);
	}
	/* x86_64 leaves 335-423 unassigned. */
	for (nr = 335; nr < 424; nr++)
		assert_null(srec_sys_get(nr));
	assert_true(rows >= n);
	assert_null(srec_sys_get(srec_sys_nr_limit()));
	assert_null(srec_sys_get(100000));
}

/* ---- Consistency of every row ---------------------------------------- */

static bool kind_needs_len(unsigned k)
{
	switch (k) {
	case SREC_ARG_IN_BUF: case SREC_ARG_OUT_BUF_LEN:
	case SREC_ARG_IN_STRUCT_LEN: case SREC_ARG_OUT_STRUCT_LEN:
	case SREC_ARG_IN_ARRAY: case SREC_ARG_OUT_ARRAY_LEN:
	case SREC_ARG_IN_IOV: case SREC_ARG_OUT_IOV:
	case SREC_ARG_IN_SOCKADDR: case SREC_ARG_OUT_SOCKADDR:
	case SREC_ARG_IN_MMSGHDR: case SREC_ARG_OUT_MMSGHDR:
	case SREC_ARG_POLLFD: case SREC_ARG_FDSET:
		return true;
	default:
		return false;
	}
}

static bool kind_needs_struct(unsigned k)
{
	switch (k) {
	case SREC_ARG_IN_STRUCT: case SREC_ARG_OUT_STRUCT:
	case SREC_ARG_INOUT_STRUCT: case SREC_ARG_IN_STRUCT_LEN:
	case SREC_ARG_OUT_STRUCT_LEN: case SREC_ARG_IN_ARRAY:
	case SREC_ARG_OUT_ARRAY: case SREC_ARG_OUT_ARRAY_LEN:
	case SREC_ARG_IN_SOCKADDR: case SREC_ARG_OUT_SOCKADDR:
	case SREC_ARG_POLLFD:
		return true;
	default:
		return false;
	}
}

static void test_rows_are_consistent(void **state)
{
	unsigned nr, i, rows = 0;

	(void)state;
	for (nr = 0; nr < srec_sys_nr_limit(); nr++) {
		const struct srec_sys_entry *e = srec_sys_get(nr);
		bool has_path = false;

		if (!e)
			continue;
		rows++;
		assert_int_equal(e->nr, nr);
		assert_true(e->nargs <= 6);
		assert_true(e->replay == SREC_REPLAY_EMULATE ||
			    e->replay == SREC_REPLAY_EXECUTE);
		assert_true(e->ret_kind <= SREC_ARG_MODE);
		assert_int_equal(e->classes & ~0x3ffu, 0);
		for (i = 0; i < 6; i++) {
			const struct srec_sys_arg *a = &e->args[i];

			if (i >= e->nargs) {
				assert_int_equal(a->kind, SREC_ARG_NONE);
				continue;
			}
			if (a->kind == SREC_ARG_NONE ||
			    a->kind > SREC_ARG_SPECIAL)
				fail_msg("%s arg %u: kind %u", e->name, i,
					 a->kind);
			if (kind_needs_len(a->kind) &&
			    (a->len_arg >= e->nargs || a->len_arg == i))
				fail_msg("%s arg %u: len_arg %u", e->name, i,
					 a->len_arg);
			if ((kind_needs_struct(a->kind) ||
			     a->kind == SREC_ARG_FLAGS ||
			     a->kind == SREC_ARG_ENUM) && !a->type)
				fail_msg("%s arg %u: no type", e->name, i);
			has_path |= a->kind == SREC_ARG_PATH;
		}
		/* strace's %file: every call taking a file name. */
		if (has_path && !(e->classes & SREC_SC_FILE))
			fail_msg("%s takes a path but is not %%file", e->name);
	}
	assert_true(rows >= 380);
}

/* ---- Argument kinds of common calls ----------------------------------- */

#define NOLEN 0xff

struct exp_arg {
	uint8_t kind;
	uint8_t len;         /* NOLEN: none */
	const char *xname;   /* flags/enum: name of value xval in `type` */
	uint64_t xval;
	size_t size;         /* struct kinds: sys_struct_size(type) */
	bool sized;
};

struct exp_call {
	const char *name;
	long nr;
	uint8_t replay, ret;
	uint32_t classes;
	unsigned nargs;
	struct exp_arg a[6];
};

/* A plain kind, one with a length argument, a struct, a struct with a
 * length, a flags/enum with a value its table must name. */
#define K(k) { SREC_ARG_##k, NOLEN, NULL, 0, 0, false }
#define KL(k, n) { SREC_ARG_##k, n, NULL, 0, 0, false }
#define KS(k, sz) { SREC_ARG_##k, NOLEN, NULL, 0, sz, true }
#define KSL(k, sz, n) { SREC_ARG_##k, n, NULL, 0, sz, true }
#define KX(k, v) { SREC_ARG_##k, NOLEN, #v, v, 0, false }

#define EMU SREC_REPLAY_EMULATE
#define EXE SREC_REPLAY_EXECUTE
#define R(k) SREC_ARG_##k
#define C(c) SREC_SC_##c

/* Kernel structs glibc sizes differently (its sigset_t is 128 bytes). */
#define KSIGACTION 32
#define KSIGSET 8

static const struct exp_call calls[] = {
	{ "read", SYS_read, EMU, R(INT), C(DESC), 3,
	  { K(FD), K(OUT_BUF), K(UINT) } },
	{ "write", SYS_write, EMU, R(INT), C(DESC), 3,
	  { K(FD), KL(IN_BUF, 2), K(UINT) } },
	{ "open", SYS_open, EMU, R(FD), C(DESC) | C(FILE), 3,
	  { K(PATH), KX(FLAGS, O_CREAT), K(MODE) } },
	{ "close", SYS_close, EMU, R(INT), C(DESC), 1, { K(FD) } },
	{ "stat", SYS_stat, EMU, R(INT), C(FILE) | C(STAT), 2,
	  { K(PATH), KS(OUT_STRUCT, sizeof(struct stat)) } },
	{ "fstat", SYS_fstat, EMU, R(INT), C(DESC) | C(STAT), 2,
	  { K(FD), KS(OUT_STRUCT, sizeof(struct stat)) } },
	{ "lstat", SYS_lstat, EMU, R(INT), C(FILE) | C(STAT), 2,
	  { K(PATH), KS(OUT_STRUCT, sizeof(struct stat)) } },
	{ "poll", SYS_poll, EMU, R(INT), C(DESC), 3,
	  { KSL(POLLFD, sizeof(struct pollfd), 1), K(UINT), K(INT) } },
	{ "lseek", SYS_lseek, EMU, R(INT), C(DESC), 3,
	  { K(FD), K(INT), KX(ENUM, SEEK_END) } },
	{ "mmap", SYS_mmap, EXE, R(PTR), C(DESC) | C(MEMORY), 6,
	  { K(PTR), K(UINT), KX(FLAGS, PROT_READ), KX(FLAGS, MAP_PRIVATE),
	    K(FD), K(HEX) } },
	{ "mprotect", SYS_mprotect, EXE, R(INT), C(MEMORY), 3,
	  { K(PTR), K(UINT), KX(FLAGS, PROT_EXEC) } },
	{ "munmap", SYS_munmap, EXE, R(INT), C(MEMORY), 2,
	  { K(PTR), K(UINT) } },
	{ "brk", SYS_brk, EXE, R(PTR), C(MEMORY), 1, { K(PTR) } },
	{ "rt_sigaction", SYS_rt_sigaction, EXE, R(INT), C(SIGNAL), 4,
	  { K(SIGNAL), KS(IN_STRUCT, KSIGACTION), KS(OUT_STRUCT, KSIGACTION),
	    K(UINT) } },
	{ "rt_sigprocmask", SYS_rt_sigprocmask, EXE, R(INT), C(SIGNAL), 4,
	  { KX(ENUM, SIG_SETMASK), KSL(IN_STRUCT_LEN, KSIGSET, 3),
	    KSL(OUT_STRUCT_LEN, KSIGSET, 3), K(UINT) } },
	{ "rt_sigreturn", SYS_rt_sigreturn, EXE, R(INT), C(SIGNAL), 0, {} },
	{ "ioctl", SYS_ioctl, EMU, R(INT), C(DESC), 3,
	  { K(FD), KX(ENUM, TCGETS), K(IOCTL_ARG) } },
	{ "pread64", SYS_pread64, EMU, R(INT), C(DESC), 4,
	  { K(FD), K(OUT_BUF), K(UINT), K(INT) } },
	{ "pwrite64", SYS_pwrite64, EMU, R(INT), C(DESC), 4,
	  { K(FD), KL(IN_BUF, 2), K(UINT), K(INT) } },
	{ "readv", SYS_readv, EMU, R(INT), C(DESC), 3,
	  { K(FD), KSL(OUT_IOV, sizeof(struct iovec), 2), K(INT) } },
	{ "writev", SYS_writev, EMU, R(INT), C(DESC), 3,
	  { K(FD), KSL(IN_IOV, sizeof(struct iovec), 2), K(INT) } },
	{ "access", SYS_access, EMU, R(INT), C(FILE), 2,
	  { K(PATH), KX(FLAGS, R_OK) } },
	{ "pipe", SYS_pipe, EMU, R(INT), C(DESC), 1,
	  { KS(OUT_STRUCT, 2 * sizeof(int)) } },
	{ "select", SYS_select, EMU, R(INT), C(DESC), 5,
	  { K(INT), KL(FDSET, 0), KL(FDSET, 0), KL(FDSET, 0),
	    KS(INOUT_STRUCT, sizeof(struct timeval)) } },
	{ "sched_yield", SYS_sched_yield, EXE, R(INT), 0, 0, {} },
	{ "mremap", SYS_mremap, EXE, R(PTR), C(MEMORY), 5,
	  { K(PTR), K(UINT), K(UINT), KX(FLAGS, MREMAP_MAYMOVE), K(PTR) } },
	{ "madvise", SYS_madvise, EXE, R(INT), C(MEMORY), 3,
	  { K(PTR), K(UINT), KX(ENUM, MADV_DONTNEED) } },
	{ "dup", SYS_dup, EMU, R(FD), C(DESC), 1, { K(FD) } },
	{ "dup2", SYS_dup2, EMU, R(FD), C(DESC), 2, { K(FD), K(FD) } },
	{ "nanosleep", SYS_nanosleep, EMU, R(INT), 0, 2,
	  { KS(IN_STRUCT, sizeof(struct timespec)),
	    KS(OUT_STRUCT, sizeof(struct timespec)) } },
	{ "getitimer", SYS_getitimer, EMU, R(INT), 0, 2,
	  { KX(ENUM, ITIMER_PROF), KS(OUT_STRUCT, sizeof(struct itimerval)) } },
	{ "getpid", SYS_getpid, EMU, R(PID), 0, 0, {} },
	{ "sendfile", SYS_sendfile, EMU, R(INT), C(DESC) | C(NETWORK), 4,
	  { K(FD), K(FD), KS(INOUT_STRUCT, sizeof(off_t)), K(UINT) } },
	{ "socket", SYS_socket, EMU, R(FD), C(NETWORK), 3,
	  { KX(ENUM, AF_INET6), KX(FLAGS, SOCK_CLOEXEC), K(INT) } },
	{ "connect", SYS_connect, EMU, R(INT), C(NETWORK), 3,
	  { K(FD), KSL(IN_SOCKADDR, 0, 2), K(UINT) } },
	{ "accept", SYS_accept, EMU, R(FD), C(NETWORK), 3,
	  { K(FD), KSL(OUT_SOCKADDR, 0, 2), K(SOCKLEN_PTR) } },
	{ "sendto", SYS_sendto, EMU, R(INT), C(NETWORK), 6,
	  { K(FD), KL(IN_BUF, 2), K(UINT), KX(FLAGS, MSG_DONTWAIT),
	    KSL(IN_SOCKADDR, 0, 5), K(UINT) } },
	{ "recvfrom", SYS_recvfrom, EMU, R(INT), C(NETWORK), 6,
	  { K(FD), K(OUT_BUF), K(UINT), KX(FLAGS, MSG_PEEK),
	    KSL(OUT_SOCKADDR, 0, 5), K(SOCKLEN_PTR) } },
	{ "sendmsg", SYS_sendmsg, EMU, R(INT), C(NETWORK), 3,
	  { K(FD), KS(IN_MSGHDR, sizeof(struct msghdr)),
	    KX(FLAGS, MSG_NOSIGNAL) } },
	{ "recvmsg", SYS_recvmsg, EMU, R(INT), C(NETWORK), 3,
	  { K(FD), KS(OUT_MSGHDR, sizeof(struct msghdr)),
	    KX(FLAGS, MSG_CMSG_CLOEXEC) } },
	{ "shutdown", SYS_shutdown, EMU, R(INT), C(NETWORK), 2,
	  { K(FD), KX(ENUM, SHUT_RDWR) } },
	{ "bind", SYS_bind, EMU, R(INT), C(NETWORK), 3,
	  { K(FD), KSL(IN_SOCKADDR, 0, 2), K(UINT) } },
	{ "listen", SYS_listen, EMU, R(INT), C(NETWORK), 2,
	  { K(FD), K(INT) } },
	{ "getsockname", SYS_getsockname, EMU, R(INT), C(NETWORK), 3,
	  { K(FD), KSL(OUT_SOCKADDR, 0, 2), K(SOCKLEN_PTR) } },
	{ "getpeername", SYS_getpeername, EMU, R(INT), C(NETWORK), 3,
	  { K(FD), KSL(OUT_SOCKADDR, 0, 2), K(SOCKLEN_PTR) } },
	{ "socketpair", SYS_socketpair, EMU, R(INT), C(NETWORK), 4,
	  { KX(ENUM, AF_UNIX), KX(FLAGS, SOCK_NONBLOCK), K(INT),
	    KS(OUT_STRUCT, 2 * sizeof(int)) } },
	{ "setsockopt", SYS_setsockopt, EMU, R(INT), C(NETWORK), 5,
	  { K(FD), KX(ENUM, SOL_SOCKET), K(INT), KL(IN_BUF, 4), K(UINT) } },
	{ "getsockopt", SYS_getsockopt, EMU, R(INT), C(NETWORK), 5,
	  { K(FD), KX(ENUM, SOL_TCP), K(INT), K(SPECIAL), K(SOCKLEN_PTR) } },
	{ "clone", SYS_clone, EXE, R(PID), C(PROCESS), 5,
	  { KX(FLAGS, CLONE_VM), K(PTR), K(PTR), K(PTR), K(HEX) } },
	{ "fork", SYS_fork, EXE, R(PID), C(PROCESS), 0, {} },
	{ "vfork", SYS_vfork, EXE, R(PID), C(PROCESS), 0, {} },
	{ "execve", SYS_execve, EXE, R(INT), C(FILE) | C(PROCESS), 3,
	  { K(PATH), K(STRARRAY), K(STRARRAY) } },
	{ "exit", SYS_exit, EXE, R(NONE), C(PROCESS), 1, { K(INT) } },
	{ "wait4", SYS_wait4, EMU, R(PID), C(PROCESS), 4,
	  { K(PID), KS(OUT_STRUCT, sizeof(int)), KX(FLAGS, WNOHANG),
	    KS(OUT_STRUCT, sizeof(struct rusage)) } },
	{ "kill", SYS_kill, EMU, R(INT), C(PROCESS) | C(SIGNAL), 2,
	  { K(PID), K(SIGNAL) } },
	{ "uname", SYS_uname, EMU, R(INT), 0, 1,
	  { KS(OUT_STRUCT, sizeof(struct utsname)) } },
	{ "fcntl", SYS_fcntl, EMU, R(INT), C(DESC), 3,
	  { K(FD), KX(ENUM, F_SETFD), K(FCNTL_ARG) } },
	{ "flock", SYS_flock, EMU, R(INT), C(DESC), 2,
	  { K(FD), KX(FLAGS, LOCK_EX) } },
	{ "ftruncate", SYS_ftruncate, EMU, R(INT), C(DESC), 2,
	  { K(FD), K(INT) } },
	{ "getdents64", SYS_getdents64, EMU, R(INT), C(DESC), 3,
	  { K(FD), K(SPECIAL), K(UINT) } },
	{ "getcwd", SYS_getcwd, EMU, R(INT), C(FILE), 2,
	  { K(OUT_STR), K(UINT) } },
	{ "chdir", SYS_chdir, EMU, R(INT), C(FILE), 1, { K(PATH) } },
	{ "fchdir", SYS_fchdir, EMU, R(INT), C(DESC), 1, { K(FD) } },
	{ "rename", SYS_rename, EMU, R(INT), C(FILE), 2,
	  { K(PATH), K(PATH) } },
	{ "mkdir", SYS_mkdir, EMU, R(INT), C(FILE), 2, { K(PATH), K(MODE) } },
	{ "unlink", SYS_unlink, EMU, R(INT), C(FILE), 1, { K(PATH) } },
	{ "readlink", SYS_readlink, EMU, R(INT), C(FILE), 3,
	  { K(PATH), K(OUT_BUF), K(UINT) } },
	{ "chown", SYS_chown, EMU, R(INT), C(FILE), 3,
	  { K(PATH), K(UID), K(UID) } },
	{ "umask", SYS_umask, EMU, R(OCT), 0, 1, { K(OCT) } },
	{ "gettimeofday", SYS_gettimeofday, EMU, R(INT), C(CLOCK), 2,
	  { KS(OUT_STRUCT, sizeof(struct timeval)),
	    KS(OUT_STRUCT, sizeof(struct timezone)) } },
	{ "getrlimit", SYS_getrlimit, EMU, R(INT), 0, 2,
	  { KX(ENUM, RLIMIT_NOFILE), KS(OUT_STRUCT, sizeof(struct rlimit)) } },
	{ "getrusage", SYS_getrusage, EMU, R(INT), 0, 2,
	  { KX(ENUM, RUSAGE_CHILDREN),
	    KS(OUT_STRUCT, sizeof(struct rusage)) } },
	{ "sysinfo", SYS_sysinfo, EMU, R(INT), 0, 1,
	  { KS(OUT_STRUCT, sizeof(struct sysinfo)) } },
	{ "times", SYS_times, EMU, R(INT), 0, 1,
	  { KS(OUT_STRUCT, sizeof(struct tms)) } },
	{ "getuid", SYS_getuid, EMU, R(UID), C(CREDS), 0, {} },
	{ "setuid", SYS_setuid, EMU, R(INT), C(CREDS), 1, { K(UID) } },
	{ "getppid", SYS_getppid, EMU, R(PID), 0, 0, {} },
	{ "getgroups", SYS_getgroups, EMU, R(INT), C(CREDS), 2,
	  { K(INT), KS(OUT_ARRAY, sizeof(gid_t)) } },
	{ "rt_sigpending", SYS_rt_sigpending, EMU, R(INT), C(SIGNAL), 2,
	  { KSL(OUT_STRUCT_LEN, KSIGSET, 1), K(UINT) } },
	{ "rt_sigtimedwait", SYS_rt_sigtimedwait, EMU, R(SIGNAL), C(SIGNAL),
	  4, { KSL(IN_STRUCT_LEN, KSIGSET, 3),
	       KS(OUT_STRUCT, sizeof(siginfo_t)),
	       KS(IN_STRUCT, sizeof(struct timespec)), K(UINT) } },
	{ "sigaltstack", SYS_sigaltstack, EXE, R(INT), C(SIGNAL), 2,
	  { KS(IN_STRUCT, sizeof(stack_t)), KS(OUT_STRUCT, sizeof(stack_t)) } },
	{ "statfs", SYS_statfs, EMU, R(INT), C(FILE), 2,
	  { K(PATH), KS(OUT_STRUCT, sizeof(struct statfs)) } },
	{ "fstatfs", SYS_fstatfs, EMU, R(INT), C(DESC), 2,
	  { K(FD), KS(OUT_STRUCT, sizeof(struct statfs)) } },
	{ "prctl", SYS_prctl, EXE, R(INT), C(CREDS), 5,
	  { KX(ENUM, PR_SET_NAME), K(HEX), K(HEX), K(HEX), K(HEX) } },
	{ "arch_prctl", SYS_arch_prctl, EXE, R(INT), 0, 2,
	  { KX(ENUM, ARCH_SET_FS), K(SPECIAL) } },
	{ "gettid", SYS_gettid, EMU, R(PID), 0, 0, {} },
	{ "time", SYS_time, EMU, R(INT), C(CLOCK), 1,
	  { KS(OUT_STRUCT, sizeof(time_t)) } },
	{ "futex", SYS_futex, EMU, R(INT), 0, 6,
	  { K(PTR), KX(ENUM, FUTEX_WAKE), K(INT), K(SPECIAL), K(PTR),
	    K(HEX) } },
	{ "sched_getaffinity", SYS_sched_getaffinity, EMU, R(INT), 0, 3,
	  { K(PID), K(UINT), KSL(OUT_STRUCT_LEN, 0, 1) } },
	{ "set_tid_address", SYS_set_tid_address, EXE, R(PID), 0, 1,
	  { K(PTR) } },
	{ "clock_gettime", SYS_clock_gettime, EMU, R(INT), C(CLOCK), 2,
	  { KX(ENUM, CLOCK_MONOTONIC),
	    KS(OUT_STRUCT, sizeof(struct timespec)) } },
	{ "clock_getres", SYS_clock_getres, EMU, R(INT), C(CLOCK), 2,
	  { KX(ENUM, CLOCK_REALTIME),
	    KS(OUT_STRUCT, sizeof(struct timespec)) } },
	{ "clock_nanosleep", SYS_clock_nanosleep, EMU, R(INT), 0, 4,
	  { KX(ENUM, CLOCK_BOOTTIME), KX(FLAGS, TIMER_ABSTIME),
	    KS(IN_STRUCT, sizeof(struct timespec)),
	    KS(OUT_STRUCT, sizeof(struct timespec)) } },
	{ "exit_group", SYS_exit_group, EXE, R(NONE), C(PROCESS), 1,
	  { K(INT) } },
	{ "epoll_wait", SYS_epoll_wait, EMU, R(INT), C(DESC), 4,
	  { K(FD), KS(OUT_ARRAY, sizeof(struct epoll_event)), K(INT),
	    K(INT) } },
	{ "epoll_ctl", SYS_epoll_ctl, EMU, R(INT), C(DESC), 4,
	  { K(FD), KX(ENUM, EPOLL_CTL_MOD), K(FD),
	    KS(IN_STRUCT, sizeof(struct epoll_event)) } },
	{ "tgkill", SYS_tgkill, EMU, R(INT), C(PROCESS) | C(SIGNAL), 3,
	  { K(PID), K(PID), K(SIGNAL) } },
	{ "waitid", SYS_waitid, EMU, R(INT), C(PROCESS), 5,
	  { KX(ENUM, P_PID), K(INT), KS(OUT_STRUCT, sizeof(siginfo_t)),
	    KX(FLAGS, WEXITED), KS(OUT_STRUCT, sizeof(struct rusage)) } },
	{ "openat", SYS_openat, EMU, R(FD), C(DESC) | C(FILE), 4,
	  { K(DIRFD), K(PATH), KX(FLAGS, O_CLOEXEC), K(MODE) } },
	{ "mkdirat", SYS_mkdirat, EMU, R(INT), C(DESC) | C(FILE), 3,
	  { K(DIRFD), K(PATH), K(MODE) } },
	{ "newfstatat", SYS_newfstatat, EMU, R(INT),
	  C(DESC) | C(FILE) | C(STAT), 4,
	  { K(DIRFD), K(PATH), KS(OUT_STRUCT, sizeof(struct stat)),
	    KX(FLAGS, AT_SYMLINK_NOFOLLOW) } },
	{ "unlinkat", SYS_unlinkat, EMU, R(INT), C(DESC) | C(FILE), 3,
	  { K(DIRFD), K(PATH), KX(FLAGS, AT_REMOVEDIR) } },
	{ "readlinkat", SYS_readlinkat, EMU, R(INT), C(DESC) | C(FILE), 4,
	  { K(DIRFD), K(PATH), K(OUT_BUF), K(UINT) } },
	{ "faccessat", SYS_faccessat, EMU, R(INT), C(DESC) | C(FILE), 3,
	  { K(DIRFD), K(PATH), KX(FLAGS, X_OK) } },
	{ "pselect6", SYS_pselect6, EMU, R(INT), C(DESC), 6,
	  { K(INT), KL(FDSET, 0), KL(FDSET, 0), KL(FDSET, 0),
	    KS(INOUT_STRUCT, sizeof(struct timespec)), K(SPECIAL) } },
	{ "ppoll", SYS_ppoll, EMU, R(INT), C(DESC), 5,
	  { KSL(POLLFD, sizeof(struct pollfd), 1), K(UINT),
	    KS(INOUT_STRUCT, sizeof(struct timespec)),
	    KSL(IN_STRUCT_LEN, KSIGSET, 4), K(UINT) } },
	{ "set_robust_list", SYS_set_robust_list, EXE, R(INT), 0, 2,
	  { K(PTR), K(UINT) } },
	{ "utimensat", SYS_utimensat, EMU, R(INT), C(DESC) | C(FILE), 4,
	  { K(DIRFD), K(PATH), KS(IN_STRUCT, 2 * sizeof(struct timespec)),
	    KX(FLAGS, AT_SYMLINK_NOFOLLOW) } },
	{ "epoll_pwait", SYS_epoll_pwait, EMU, R(INT), C(DESC), 6,
	  { K(FD), KS(OUT_ARRAY, sizeof(struct epoll_event)), K(INT), K(INT),
	    KSL(IN_STRUCT_LEN, KSIGSET, 5), K(UINT) } },
	{ "timerfd_create", SYS_timerfd_create, EMU, R(FD), C(DESC), 2,
	  { KX(ENUM, CLOCK_MONOTONIC), K(HEX) } },
	{ "timerfd_settime", SYS_timerfd_settime, EMU, R(INT), C(DESC), 4,
	  { K(FD), KX(FLAGS, TIMER_ABSTIME),
	    KS(IN_STRUCT, sizeof(struct itimerspec)),
	    KS(OUT_STRUCT, sizeof(struct itimerspec)) } },
	{ "accept4", SYS_accept4, EMU, R(FD), C(NETWORK), 4,
	  { K(FD), KSL(OUT_SOCKADDR, 0, 2), K(SOCKLEN_PTR),
	    KX(FLAGS, SOCK_CLOEXEC) } },
	{ "eventfd2", SYS_eventfd2, EMU, R(FD), C(DESC), 2,
	  { K(UINT), K(HEX) } },
	{ "epoll_create1", SYS_epoll_create1, EMU, R(FD), C(DESC), 1,
	  { K(HEX) } },
	{ "dup3", SYS_dup3, EMU, R(FD), C(DESC), 3,
	  { K(FD), K(FD), KX(FLAGS, O_CLOEXEC) } },
	{ "pipe2", SYS_pipe2, EMU, R(INT), C(DESC), 2,
	  { KS(OUT_STRUCT, 2 * sizeof(int)), KX(FLAGS, O_NONBLOCK) } },
	{ "preadv2", SYS_preadv2, EMU, R(INT), C(DESC), 6,
	  { K(FD), KSL(OUT_IOV, sizeof(struct iovec), 2), K(INT), K(INT),
	    K(INT), K(HEX) } },
	{ "pwritev2", SYS_pwritev2, EMU, R(INT), C(DESC), 6,
	  { K(FD), KSL(IN_IOV, sizeof(struct iovec), 2), K(INT), K(INT),
	    K(INT), K(HEX) } },
	{ "recvmmsg", SYS_recvmmsg, EMU, R(INT), C(NETWORK), 5,
	  { K(FD), KSL(OUT_MMSGHDR, sizeof(struct mmsghdr), 2), K(UINT),
	    KX(FLAGS, MSG_WAITFORONE),
	    KS(INOUT_STRUCT, sizeof(struct timespec)) } },
	{ "sendmmsg", SYS_sendmmsg, EMU, R(INT), C(NETWORK), 4,
	  { K(FD), KSL(IN_MMSGHDR, sizeof(struct mmsghdr), 2), K(UINT),
	    KX(FLAGS, MSG_NOSIGNAL) } },
	{ "prlimit64", SYS_prlimit64, EMU, R(INT), 0, 4,
	  { K(PID), KX(ENUM, RLIMIT_STACK),
	    KS(IN_STRUCT, sizeof(struct rlimit)),
	    KS(OUT_STRUCT, sizeof(struct rlimit)) } },
	{ "getrandom", SYS_getrandom, EMU, R(INT), 0, 3,
	  { K(OUT_BUF), K(UINT), KX(FLAGS, GRND_NONBLOCK) } },
	{ "memfd_create", SYS_memfd_create, EMU, R(FD), C(DESC), 2,
	  { K(STR), KX(FLAGS, MFD_CLOEXEC) } },
	{ "execveat", SYS_execveat, EXE, R(INT),
	  C(DESC) | C(FILE) | C(PROCESS), 5,
	  { K(DIRFD), K(PATH), K(STRARRAY), K(STRARRAY),
	    KX(FLAGS, AT_EMPTY_PATH) } },
	{ "statx", SYS_statx, EMU, R(INT), C(DESC) | C(FILE) | C(STAT), 5,
	  { K(DIRFD), K(PATH), KX(FLAGS, AT_EMPTY_PATH),
	    KX(FLAGS, STATX_MTIME), KS(OUT_STRUCT, sizeof(struct statx)) } },
	{ "rseq", SYS_rseq, EMU, R(INT), 0, 4,
	  { K(PTR), K(UINT), K(HEX), K(HEX) } },
	{ "clone3", SYS_clone3, EXE, R(PID), C(PROCESS), 2,
	  { KSL(IN_STRUCT_LEN, 0, 1), K(UINT) } },
	{ "close_range", SYS_close_range, EMU, R(INT), 0, 3,
	  { K(UINT), K(UINT), KX(FLAGS, CLOSE_RANGE_CLOEXEC) } },
	{ "openat2", SYS_openat2, EMU, R(FD), C(DESC) | C(FILE), 4,
	  { K(DIRFD), K(PATH), KSL(IN_STRUCT_LEN, 0, 3), K(UINT) } },
	/* Less common, for the sizes of their structs. */
	{ "adjtimex", SYS_adjtimex, EMU, R(INT), C(CLOCK), 1,
	  { KS(INOUT_STRUCT, sizeof(struct timex)) } },
	{ "timer_create", SYS_timer_create, EMU, R(INT), 0, 3,
	  { KX(ENUM, CLOCK_MONOTONIC), KS(IN_STRUCT, sizeof(struct sigevent)),
	    KS(OUT_STRUCT, sizeof(int)) } },
	{ "sched_setparam", SYS_sched_setparam, EMU, R(INT), 0, 2,
	  { K(PID), KS(IN_STRUCT, sizeof(struct sched_param)) } },
	{ "mq_getsetattr", SYS_mq_getsetattr, EMU, R(INT), C(DESC), 3,
	  { K(FD), KS(IN_STRUCT, sizeof(struct mq_attr)),
	    KS(OUT_STRUCT, sizeof(struct mq_attr)) } },
	{ "set_thread_area", SYS_set_thread_area, EXE, R(INT), 0, 1,
	  { KS(INOUT_STRUCT, sizeof(struct user_desc)) } },
	{ "io_uring_setup", SYS_io_uring_setup, EMU, R(FD), C(DESC), 2,
	  { K(UINT), KS(INOUT_STRUCT, sizeof(struct io_uring_params)) } },
	{ "capget", SYS_capget, EMU, R(INT), C(CREDS), 2,
	  { KS(INOUT_STRUCT, sizeof(struct __user_cap_header_struct)),
	    KS(OUT_STRUCT, 2 * sizeof(struct __user_cap_data_struct)) } },
	{ "utime", SYS_utime, EMU, R(INT), C(FILE), 2,
	  { K(PATH), KS(IN_STRUCT, sizeof(struct utimbuf)) } },
	{ "utimes", SYS_utimes, EMU, R(INT), C(FILE), 2,
	  { K(PATH), KS(IN_STRUCT, 2 * sizeof(struct timeval)) } },
	{ "setitimer", SYS_setitimer, EMU, R(INT), 0, 3,
	  { KX(ENUM, ITIMER_REAL), KS(IN_STRUCT, sizeof(struct itimerval)),
	    KS(OUT_STRUCT, sizeof(struct itimerval)) } },
	{ "timerfd_gettime", SYS_timerfd_gettime, EMU, R(INT), C(DESC), 2,
	  { K(FD), KS(OUT_STRUCT, sizeof(struct itimerspec)) } },
	{ "faccessat2", SYS_faccessat2, EMU, R(INT), C(DESC) | C(FILE), 4,
	  { K(DIRFD), K(PATH), KX(FLAGS, W_OK),
	    KX(FLAGS, AT_SYMLINK_NOFOLLOW) } },
};

static void check_call(const struct exp_call *x)
{
	const struct srec_sys_entry *e = srec_sys_find(x->name);
	unsigned i;

	if (!e)
		fail_msg("no row named %s", x->name);
	if (e->nr != x->nr || e->nargs != x->nargs || e->replay != x->replay ||
	    e->ret_kind != x->ret || e->classes != x->classes)
		fail_msg("%s: nr %u nargs %u replay %u ret %u classes %#x",
			 x->name, e->nr, e->nargs, e->replay, e->ret_kind,
			 e->classes);
	for (i = 0; i < x->nargs; i++) {
		const struct exp_arg *xa = &x->a[i];
		const struct srec_sys_arg *a = &e->args[i];

		if (a->kind != xa->kind)
			fail_msg("%s arg %u: kind %u, want %u", x->name, i,
				 a->kind, xa->kind);
		if (xa->len != NOLEN && a->len_arg != xa->len)
			fail_msg("%s arg %u: len_arg %u, want %u", x->name, i,
				 a->len_arg, xa->len);
		if (xa->sized && sys_struct_size(a->type) != xa->size)
			fail_msg("%s arg %u: struct of %zu bytes, want %zu",
				 x->name, i, sys_struct_size(a->type),
				 xa->size);
		if (xa->xname) {
			/* An enum is an int to the kernel (decode.c masks
			 * it so too): RUSAGE_CHILDREN is 0xffffffff. */
			uint64_t v = a->kind == SREC_ARG_ENUM ?
					     xa->xval & 0xffffffff : xa->xval;
			const char *n = xlat_name(a->type, v);

			if (!n || strcmp(n, xa->xname))
				fail_msg("%s arg %u: %#llx is %s, want %s",
					 x->name, i,
					 (unsigned long long)xa->xval,
					 n ? n : "(none)", xa->xname);
		}
	}
}

static void test_common_calls(void **state)
{
	size_t i;

	(void)state;
	assert_true(ARRAY_LEN(calls) >= 60);
	for (i = 0; i < ARRAY_LEN(calls); i++)
		check_call(&calls[i]);
}

/* Same struct, same type id: sizes alone cannot tell timespec (16) from
 * timeval (16). */
static unsigned arg_type(const char *name, unsigned i)
{
	const struct srec_sys_entry *e = srec_sys_find(name);

	assert_non_null(e);
	return e->args[i].type;
}

static void test_struct_types_are_shared(void **state)
{
	(void)state;
	assert_int_equal(arg_type("nanosleep", 0),
			 arg_type("clock_gettime", 1));
	assert_int_equal(arg_type("ppoll", 2), arg_type("clock_gettime", 1));
	assert_int_equal(arg_type("select", 4), arg_type("gettimeofday", 0));
	assert_int_not_equal(arg_type("select", 4),
			     arg_type("clock_gettime", 1));
	assert_int_equal(arg_type("stat", 1), arg_type("newfstatat", 2));
	assert_int_equal(arg_type("pipe", 0), arg_type("socketpair", 3));
	assert_int_equal(arg_type("readv", 1), arg_type("writev", 1));
	assert_int_equal(arg_type("connect", 1), arg_type("accept4", 1));
	assert_int_equal(arg_type("rt_sigprocmask", 1),
			 arg_type("rt_sigpending", 0));
	assert_int_not_equal(arg_type("utimensat", 2),
			     arg_type("utimes", 1));
	assert_int_equal(arg_type("open", 1), arg_type("openat", 2));
	assert_int_not_equal(arg_type("mmap", 2), arg_type("mmap", 3));
}

/* Every call srec really runs at replay; everything else is emulated. */
static void test_replay_rules(void **state)
{
	static const char *const executed[] = {
		"mmap", "mprotect", "munmap", "brk", "rt_sigaction",
		"rt_sigprocmask", "rt_sigreturn", "sched_yield", "mremap",
		"madvise", "clone", "fork", "vfork", "execve", "exit",
		"sigaltstack", "personality", "mlock", "munlock", "mlockall",
		"munlockall", "modify_ldt", "prctl", "arch_prctl",
		"set_thread_area", "get_thread_area", "remap_file_pages",
		"set_tid_address", "exit_group", "set_robust_list",
		"execveat", "mlock2", "pkey_mprotect", "pkey_alloc",
		"pkey_free", "clone3", "map_shadow_stack", "mseal",
		"shmat", /* as shared anonymous memory (replay.c) */
	};
	unsigned nr, n = 0;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(executed); i++) {
		const struct srec_sys_entry *e = srec_sys_find(executed[i]);

		assert_non_null(e);
		if (e->replay != SREC_REPLAY_EXECUTE)
			fail_msg("%s should be executed", executed[i]);
	}
	for (nr = 0; nr < srec_sys_nr_limit(); nr++) {
		const struct srec_sys_entry *e = srec_sys_get(nr);

		n += e && e->replay == SREC_REPLAY_EXECUTE;
	}
	assert_int_equal(n, ARRAY_LEN(executed));
	/* The brief's emulated ones a reader might expect executed. */
	assert_int_equal(srec_sys_find("futex")->replay, SREC_REPLAY_EMULATE);
	assert_int_equal(srec_sys_find("rseq")->replay, SREC_REPLAY_EMULATE);
	assert_int_equal(srec_sys_find("wait4")->replay, SREC_REPLAY_EMULATE);
}

/* ---- Lookups --------------------------------------------------------- */

static void test_find_get_round_trip(void **state)
{
	unsigned nr;

	(void)state;
	for (nr = 0; nr < srec_sys_nr_limit(); nr++) {
		const struct srec_sys_entry *e = srec_sys_get(nr);

		if (e)
			assert_ptr_equal(srec_sys_find(e->name), e);
	}
	assert_int_equal(srec_sys_find("openat")->nr, SYS_openat);
	assert_int_equal(srec_sys_find("_sysctl")->nr, 156);
	assert_int_equal(srec_sys_find("listns")->nr, 470);
	assert_int_equal(srec_sys_find("read")->nr, 0);
	assert_null(srec_sys_find("nosuchcall"));
	assert_null(srec_sys_find(""));
	assert_null(srec_sys_find("Read"));
	assert_null(srec_sys_find("readx"));
	assert_null(srec_sys_find(NULL));
	assert_int_equal(srec_sys_nr_limit(), 471);
}

static void test_classes(void **state)
{
	unsigned nr, nstat = 0;

	(void)state;
	assert_int_equal(srec_sys_class_by_name("%file"), SREC_SC_FILE);
	assert_int_equal(srec_sys_class_by_name("%desc"), SREC_SC_DESC);
	assert_int_equal(srec_sys_class_by_name("%process"), SREC_SC_PROCESS);
	assert_int_equal(srec_sys_class_by_name("%network"), SREC_SC_NETWORK);
	assert_int_equal(srec_sys_class_by_name("%net"), SREC_SC_NETWORK);
	assert_int_equal(srec_sys_class_by_name("%signal"), SREC_SC_SIGNAL);
	assert_int_equal(srec_sys_class_by_name("%memory"), SREC_SC_MEMORY);
	assert_int_equal(srec_sys_class_by_name("%ipc"), SREC_SC_IPC);
	assert_int_equal(srec_sys_class_by_name("%creds"), SREC_SC_CREDS);
	assert_int_equal(srec_sys_class_by_name("%clock"), SREC_SC_CLOCK);
	assert_int_equal(srec_sys_class_by_name("%stat"), SREC_SC_STAT);
	assert_int_equal(srec_sys_class_by_name("%%stat"), SREC_SC_STAT);
	assert_int_equal(srec_sys_class_by_name("file"), 0);
	assert_int_equal(srec_sys_class_by_name("%bogus"), 0);
	assert_int_equal(srec_sys_class_by_name(""), 0);
	assert_int_equal(srec_sys_class_by_name(NULL), 0);

	/* The memberships strace gives, from both sides. */
	assert_true(srec_sys_find("openat")->classes & SREC_SC_FILE);
	assert_false(srec_sys_find("read")->classes & SREC_SC_FILE);
	assert_true(srec_sys_find("shmget")->classes & SREC_SC_IPC);
	assert_true(srec_sys_find("setresuid")->classes & SREC_SC_CREDS);
	assert_true(srec_sys_find("clock_settime")->classes & SREC_SC_CLOCK);
	assert_false(srec_sys_find("nanosleep")->classes & SREC_SC_CLOCK);
	assert_true(srec_sys_find("munmap")->classes & SREC_SC_MEMORY);
	assert_true(srec_sys_find("wait4")->classes & SREC_SC_PROCESS);
	for (nr = 0; nr < srec_sys_nr_limit(); nr++) {
		const struct srec_sys_entry *e = srec_sys_get(nr);

		nstat += e && (e->classes & SREC_SC_STAT);
	}
	assert_int_equal(nstat, 5); /* stat fstat lstat newfstatat statx */
}

static void test_pointer_args(void **state)
{
	const struct srec_sys_entry *openat = srec_sys_find("openat"),
				    *read = srec_sys_find("read"),
				    *mmap = srec_sys_find("mmap"),
				    *ioctl = srec_sys_find("ioctl"),
				    *recvfrom = srec_sys_find("recvfrom");

	(void)state;
	assert_false(srec_sys_arg_is_pointer(openat, 0));
	assert_true(srec_sys_arg_is_pointer(openat, 1));
	assert_false(srec_sys_arg_is_pointer(openat, 2));
	assert_false(srec_sys_arg_is_pointer(openat, 3));
	assert_false(srec_sys_arg_is_pointer(openat, 4)); /* past nargs */
	assert_false(srec_sys_arg_is_pointer(read, 0));
	assert_true(srec_sys_arg_is_pointer(read, 1));
	assert_false(srec_sys_arg_is_pointer(read, 2));
	assert_true(srec_sys_arg_is_pointer(mmap, 0));
	assert_false(srec_sys_arg_is_pointer(mmap, 1));
	assert_false(srec_sys_arg_is_pointer(mmap, 4));
	assert_true(srec_sys_arg_is_pointer(ioctl, 2));
	assert_false(srec_sys_arg_is_pointer(ioctl, 1));
	assert_true(srec_sys_arg_is_pointer(recvfrom, 4));
	assert_true(srec_sys_arg_is_pointer(recvfrom, 5));
	assert_false(srec_sys_arg_is_pointer(recvfrom, 3));
	assert_false(srec_sys_arg_is_pointer(NULL, 0));
}

/* ---- Names ----------------------------------------------------------- */

static void test_errno_names(void **state)
{
	int err, named = 0;

	(void)state;
	/* glibc knows the same names (aliases under their first name). */
	for (err = 1; err < 134; err++) {
		const char *g = strerrorname_np(err),
			   *s = srec_sys_errno_name(err);

		if (!g) {
			assert_null(s);
			continue;
		}
		assert_non_null(s);
		assert_string_equal(s, g);
		named++;
	}
	assert_int_equal(named, 131); /* 41 and 58 are unused */
	assert_string_equal(srec_sys_errno_name(ENOENT), "ENOENT");
	assert_string_equal(srec_sys_errno_name(EWOULDBLOCK), "EAGAIN");
	assert_string_equal(srec_sys_errno_name(EDEADLOCK), "EDEADLK");
	assert_string_equal(srec_sys_errno_name(512), "ERESTARTSYS");
	assert_string_equal(srec_sys_errno_name(513), "ERESTARTNOINTR");
	assert_string_equal(srec_sys_errno_name(514), "ERESTARTNOHAND");
	assert_string_equal(srec_sys_errno_name(516), "ERESTART_RESTARTBLOCK");
	assert_string_equal(srec_sys_errno_name(524), "ENOTSUPP");
	assert_null(srec_sys_errno_name(0));
	assert_null(srec_sys_errno_name(-2));
	assert_null(srec_sys_errno_name(134));
	assert_null(srec_sys_errno_name(520));
	assert_null(srec_sys_errno_name(4095));
}

static void test_signal_names(void **state)
{
	char buf[16];
	int sig;

	(void)state;
	for (sig = 1; sig < 32; sig++) {
		const char *n = srec_sys_signal_name(sig);

		assert_non_null(n);
		/* glibc calls 29 POLL; strace, like the kernel, IO. */
		snprintf(buf, sizeof(buf), "SIG%s",
			 sig == SIGIO ? "IO" : sigabbrev_np(sig));
		assert_string_equal(n, buf);
	}
	assert_string_equal(srec_sys_signal_name(SIGCHLD), "SIGCHLD");
	assert_string_equal(srec_sys_signal_name(32), "SIGRTMIN");
	assert_string_equal(srec_sys_signal_name(33), "SIGRT_1");
	assert_string_equal(srec_sys_signal_name(64), "SIGRT_32");
	assert_null(srec_sys_signal_name(0));
	assert_null(srec_sys_signal_name(65));
	assert_null(srec_sys_signal_name(-9));

	for (sig = 1; sig <= 64; sig++)
		assert_int_equal(srec_sys_signal_by_name(
					 srec_sys_signal_name(sig)), sig);
	assert_int_equal(srec_sys_signal_by_name("SIGCHLD"), 17);
	assert_int_equal(srec_sys_signal_by_name("CHLD"), 17);
	assert_int_equal(srec_sys_signal_by_name("chld"), 17);
	assert_int_equal(srec_sys_signal_by_name("SIGCLD"), 17);
	assert_int_equal(srec_sys_signal_by_name("KILL"), SIGKILL);
	assert_int_equal(srec_sys_signal_by_name("SIGIOT"), SIGABRT);
	assert_int_equal(srec_sys_signal_by_name("RTMIN"), 32);
	assert_int_equal(srec_sys_signal_by_name("SIGRT_5"), 37);
	assert_int_equal(srec_sys_signal_by_name("SIGFOO"), -1);
	assert_int_equal(srec_sys_signal_by_name("SIG"), -1);
	assert_int_equal(srec_sys_signal_by_name(""), -1);
	assert_int_equal(srec_sys_signal_by_name(NULL), -1);
}

/* The calls srec must see happen stay on ptrace whatever else the agent
 * takes (issue 14's list), and the agent takes the hot ones. */
static void test_routes(void **state)
{
	static const char *const ptrace_only[] = {
		"execve", "execveat", "clone", "clone3", "fork", "vfork",
		"exit", "exit_group", "rt_sigaction", "rt_sigprocmask",
		"rt_sigreturn", "rt_sigsuspend", "ptrace", "seccomp", "prctl",
		"arch_prctl", "mmap", "shmat", "rseq", "ppoll", "pselect6",
		"epoll_pwait", "sigaltstack", "set_tid_address",
	};
	static const char *const agent[] = {
		"read", "write", "openat", "close", "fstat", "newfstatat",
		"lseek", "pread64", "pwrite64", "getpid", "getppid",
		"clock_gettime", "getrandom", "access", "readlink", "statx",
	};
	unsigned nr, i;

	(void)state;
	for (i = 0; i < sizeof(ptrace_only) / sizeof(ptrace_only[0]); i++)
		assert_int_equal(srec_sys_find(ptrace_only[i])->route,
				 SREC_ROUTE_PTRACE);
	for (i = 0; i < sizeof(agent) / sizeof(agent[0]); i++)
		assert_int_equal(srec_sys_find(agent[i])->route,
				 SREC_ROUTE_AGENT);
	/* What replay runs for real shapes the process: srec watches it. */
	for (nr = 0; nr < srec_sys_nr_limit(); nr++) {
		const struct srec_sys_entry *e = srec_sys_get(nr);

		if (e && e->replay == SREC_REPLAY_EXECUTE)
			assert_int_equal(e->route, SREC_ROUTE_PTRACE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_header_number_has_a_row),
		cmocka_unit_test(test_no_row_the_header_lacks),
		cmocka_unit_test(test_rows_are_consistent),
		cmocka_unit_test(test_common_calls),
		cmocka_unit_test(test_struct_types_are_shared),
		cmocka_unit_test(test_replay_rules),
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_find_get_round_trip),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_pointer_args),
		cmocka_unit_test(test_errno_names),
		cmocka_unit_test(test_signal_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
