// SPDX-License-Identifier: MIT
/*
 * capture_sys.c - the memory rules of calls the table's argument kinds
 * cannot express: what is read or written depends on an operation code
 * (prctl, futex, clone3, capget), on the result in a way other than
 * "on success" (wait4, waitid, nanosleep, poll and select timeouts,
 * sendfile offsets), or on a value-result length (getsockopt,
 * name_to_handle_at).  Each rule cites the kernel code it follows.
 */
#include "capture_int.h"

#include <errno.h>
#include <linux/aio_abi.h> /* IOCB_CMD_* */
#include <linux/sched.h> /* CLONE_* */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define IN SREC__DIR__IN
#define OUT SREC__DIR__OUT

static uint64_t size_of(unsigned type)
{
	return sys_struct_size(type);
}

static bool ok(const struct cap *c)
{
	return !srec_sys_failed(c->ret);
}

/* ---- Timeouts: poll, select and their signal-mask forms -------------- */

/*
 * poll_select_finish() writes the time left back into the caller's
 * timeout whatever the result, unless the timeout was zero (nothing to
 * count down) or was rejected before the wait started (invalid, or a bad
 * signal mask: @waits false).  The entry decides and keeps the answer.
 */
static void timeout_enter(struct cap *c, unsigned i, bool timeval,
			  bool waits)
{
	int64_t t[2], sec, nsec;

	cap_put(c, i, IN, c->a[i], 16);
	if (!waits || !cap_read(c, c->a[i], t, sizeof(t)))
		return;
	sec = t[0];
	nsec = t[1];
	if (timeval) {
		/* kern_select() folds whole seconds out of tv_usec */
		sec = t[0] + t[1] / 1000000;
		nsec = t[1] % 1000000 * 1000;
	}
	if (sec < 0 || nsec < 0 || nsec >= 1000000000 || (!sec && !nsec))
		return;
	c->sw->v[CAP_SLOT_TIMEOUT] = CAP_HAVE;
}

static void timeout_exit(struct cap *c, unsigned i)
{
	if (c->sr->v[CAP_SLOT_TIMEOUT] & CAP_HAVE)
		cap_put(c, i, OUT, c->a[i], 16);
}

/* set_user_sigmask(): a mask of another size fails the call first. */
static bool sigmask_ok(uint64_t mask, uint64_t size)
{
	return !mask || size == size_of(SREC_STRUCT_SIGSET);
}

static void ppoll_enter(struct cap *c)
{
	timeout_enter(c, 2, false, sigmask_ok(c->a[3], c->a[4]));
}

static void ppoll_exit(struct cap *c)
{
	timeout_exit(c, 2);
}

static void select_enter(struct cap *c)
{
	timeout_enter(c, 4, true, true);
}

static void select_exit(struct cap *c)
{
	timeout_exit(c, 4);
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; }. */
static void pselect6_enter(struct cap *c)
{
	uint64_t pack[2] = { 0, 0 };

	cap_put(c, 5, IN, c->a[5], sizeof(pack));
	if (c->a[5] && !cap_read(c, c->a[5], pack, sizeof(pack)))
		return;
	if (sigmask_ok(pack[0], pack[1]))
		cap_put(c, 5, IN, pack[0], pack[1]);
	timeout_enter(c, 4, false, sigmask_ok(pack[0], pack[1]));
}

static void pselect6_exit(struct cap *c)
{
	timeout_exit(c, 4);
}

/* epoll_ctl(EPOLL_CTL_DEL) does not read the event. */
static void epoll_ctl_enter(struct cap *c)
{
	if ((int)c->a[1] != 2)
		cap_put(c, 3, IN, c->a[3], size_of(SREC_STRUCT_EPOLL_EVENT));
}

/* ---- Sleeps: the time left is written only when interrupted ---------- */

static void rem_exit(struct cap *c, unsigned i)
{
	/* do_nanosleep() -> nanosleep_copyout() then
	 * -ERESTART_RESTARTBLOCK; an absolute clock_nanosleep returns
	 * -ERESTARTNOHAND without writing. */
	if (c->ret == -516 || c->ret == -EINTR)
		cap_put(c, i, OUT, c->a[i], size_of(SREC_STRUCT_TIMESPEC));
}

static void nanosleep_exit(struct cap *c)
{
	rem_exit(c, 1);
}

static void clock_nanosleep_exit(struct cap *c)
{
	rem_exit(c, 3);
}

/* ---- Processes ------------------------------------------------------- */

/* wait4: status and rusage only when a child was reaped (ret > 0). */
static void wait4_exit(struct cap *c)
{
	if (c->ret <= 0)
		return;
	cap_put(c, 1, OUT, c->a[1], size_of(SREC_STRUCT_WAIT_STATUS));
	cap_put(c, 3, OUT, c->a[3], size_of(SREC_STRUCT_RUSAGE));
}

/*
 * waitid fills si_signo, si_errno, si_code, si_pid, si_uid and si_status
 * of *infop whatever the result (all zero when nothing was reaped); the
 * whole siginfo is named, as rr does, so it decodes as one.  rusage only
 * when a child was reaped, which shows as si_signo == SIGCHLD.
 */
static void waitid_exit(struct cap *c)
{
	uint32_t signo = 0;

	cap_put(c, 2, OUT, c->a[2], size_of(SREC_STRUCT_SIGINFO));
	if (!ok(c))
		return;
	if (c->a[2] && (!cap_read_u32(c, c->a[2], &signo) || signo != SIGCHLD))
		return;
	cap_put(c, 4, OUT, c->a[4], size_of(SREC_STRUCT_RUSAGE));
}

/*
 * clone: in the parent the kernel writes the child's tid
 * (CLONE_PARENT_SETTID) or a pidfd (CLONE_PIDFD, same pointer) to
 * *parent_tid.  CLONE_CHILD_SETTID writes *child_tid in the child when it
 * first runs, not in the parent's call: the replayer rewrites it from the
 * flags and the Clone event.
 */
static void clone_exit(struct cap *c)
{
	if (c->ret > 0 &&
	    (c->a[0] & (CLONE_PARENT_SETTID | CLONE_PIDFD)))
		cap_put(c, CLONE_ARG_PTID, OUT, c->a[CLONE_ARG_PTID], 4);
}

/* struct clone_args: sizes accepted by copy_struct_from_user()
 * (CLONE_ARGS_SIZE_VER0..PAGE_SIZE) and field offsets. */
enum {
	CLONE_ARGS_VER0 = 64,
	CLONE_ARGS_VER1 = 80,
	CLONE_ARGS_MAX = 4096,
	CA_FLAGS = 0,
	CA_PIDFD = 8,
	CA_PARENT_TID = 24,
	CA_SET_TID = 64,
	CA_SET_TID_SIZE = 72,
	MAX_PID_NS_LEVEL = 32,
};

static void clone3_enter(struct cap *c)
{
	uint64_t size = c->a[1], f[10];

	if (size < CLONE_ARGS_VER0 || size > CLONE_ARGS_MAX)
		return;
	cap_put(c, 0, IN, c->a[0], size);
	memset(f, 0, sizeof(f));
	if (!cap_read(c, c->a[0], f, size < sizeof(f) ? size : sizeof(f)))
		return;
	if (size >= CLONE_ARGS_VER1 && f[CA_SET_TID_SIZE / 8] &&
	    f[CA_SET_TID_SIZE / 8] <= MAX_PID_NS_LEVEL)
		cap_put(c, 0, IN, f[CA_SET_TID / 8],
			f[CA_SET_TID_SIZE / 8] * 4);
	c->sw->v[0] = f[CA_FLAGS / 8];
	c->sw->v[1] = f[CA_PIDFD / 8];
	c->sw->v[2] = f[CA_PARENT_TID / 8];
	c->sw->v[3] = CAP_HAVE;
}

static void clone3_exit(struct cap *c)
{
	const uint64_t *v = c->sr->v;

	if (c->ret <= 0 || !(v[3] & CAP_HAVE))
		return;
	if (v[0] & CLONE_PIDFD)
		cap_put(c, 0, OUT, v[1], 4);
	if (v[0] & CLONE_PARENT_SETTID)
		cap_put(c, 0, OUT, v[2], 4);
}

/*
 * futex: the timeout is a timespec for the waiting operations only
 * (futex_cmd_has_timeout(): WAIT, LOCK_PI, WAIT_BITSET, WAIT_REQUEUE_PI,
 * LOCK_PI2); for the others the argument is a number.  The futex words
 * themselves are not named: their values depend on how the threads
 * interleaved outside syscalls, which replay does not reproduce.
 */
static void futex_enter(struct cap *c)
{
	unsigned cmd = (unsigned)c->a[1] & 0x7f;

	if (cmd == 0 || cmd == 6 || cmd == 9 || cmd == 11 || cmd == 13)
		cap_put(c, 3, IN, c->a[3], size_of(SREC_STRUCT_TIMESPEC));
}

/* futex_waitv(waiters, nr, flags, timeout, clockid): struct
 * futex_waitv is 24 bytes, at most FUTEX_WAITV_MAX (128) of them. */
static void futex_waitv_enter(struct cap *c)
{
	if (c->a[1] && c->a[1] <= 128)
		cap_put(c, 0, IN, c->a[0], c->a[1] * 24);
	cap_put(c, 3, IN, c->a[3], size_of(SREC_STRUCT_TIMESPEC));
}

/* prctl options (uapi/linux/prctl.h) whose arguments point at memory. */
enum {
	PR_GET_PDEATHSIG = 2,
	PR_GET_UNALIGN = 5,
	PR_GET_FPEMU = 9,
	PR_GET_FPEXC = 11,
	PR_SET_NAME = 15,
	PR_GET_NAME = 16,
	PR_GET_ENDIAN = 19,
	PR_SET_SECCOMP = 22,
	PR_GET_TSC = 25,
	PR_SET_MM = 35,
	PR_GET_CHILD_SUBREAPER = 37,
	PR_GET_TID_ADDRESS = 40,
	PR_SET_VMA = 0x53564d41,
	PR_SET_MM_AUXV = 12,
	PR_SET_MM_MAP = 14,
	PR_SET_MM_MAP_SIZE = 15,
	TASK_COMM_LEN = 16,
	ANON_VMA_NAME_MAX_LEN = 80,
	SECCOMP_MODE_FILTER = 2,
};

/* struct sock_fprog { unsigned short len; struct sock_filter *filter; }
 * and the filter's 8-byte instructions. */
static void sock_fprog_in(struct cap *c, unsigned arg, uint64_t addr)
{
	uint64_t prog[2];

	cap_put(c, arg, IN, addr, sizeof(prog));
	if (addr && cap_read(c, addr, prog, sizeof(prog)))
		cap_put(c, arg, IN, prog[1], (prog[0] & 0xffff) * 8);
}

static void prctl_enter(struct cap *c)
{
	switch ((int)c->a[0]) {
	case PR_SET_NAME:
		cap_put_str(c, 1, c->a[1], TASK_COMM_LEN);
		break;
	case PR_SET_VMA:
		if (c->a[1] == 0) /* PR_SET_VMA_ANON_NAME */
			cap_put_str(c, 4, c->a[4], ANON_VMA_NAME_MAX_LEN);
		break;
	case PR_SET_SECCOMP:
		if (c->a[1] == SECCOMP_MODE_FILTER)
			sock_fprog_in(c, 2, c->a[2]);
		break;
	case PR_SET_MM:
		if (c->a[1] == PR_SET_MM_MAP || c->a[1] == PR_SET_MM_AUXV)
			cap_put(c, 2, IN, c->a[2], c->a[3]);
		break;
	default:
		break;
	}
}

static void prctl_exit(struct cap *c)
{
	uint64_t n = 0;

	if (!ok(c))
		return;
	switch ((int)c->a[0]) {
	case PR_GET_NAME:
		n = TASK_COMM_LEN;
		break;
	case PR_GET_PDEATHSIG:
	case PR_GET_UNALIGN:
	case PR_GET_FPEMU:
	case PR_GET_FPEXC:
	case PR_GET_ENDIAN:
	case PR_GET_TSC:
	case PR_GET_CHILD_SUBREAPER:
		n = 4;
		break;
	case PR_GET_TID_ADDRESS:
		n = 8;
		break;
	case PR_SET_MM:
		if (c->a[1] == PR_SET_MM_MAP_SIZE)
			cap_put(c, 2, OUT, c->a[2], 4);
		return;
	default:
		return;
	}
	cap_put(c, 1, OUT, c->a[1], n);
}

/* seccomp(op, flags, args) */
static void seccomp_enter(struct cap *c)
{
	if (c->a[0] == 1) /* SECCOMP_SET_MODE_FILTER */
		sock_fprog_in(c, 2, c->a[2]);
	else if (c->a[0] == 2) /* SECCOMP_GET_ACTION_AVAIL */
		cap_put(c, 2, IN, c->a[2], 4);
}

static void seccomp_exit(struct cap *c)
{
	/* SECCOMP_GET_NOTIF_SIZES: three __u16 */
	if (c->a[0] == 3 && ok(c))
		cap_put(c, 2, OUT, c->a[2], 6);
}

/* arch_prctl: the GET codes write a u64 (arch/x86/kernel/process_64.c,
 * fpu/xstate.c, shstk.c). */
static void arch_prctl_exit(struct cap *c)
{
	switch ((unsigned)c->a[0]) {
	case 0x1003: /* ARCH_GET_FS */
	case 0x1004: /* ARCH_GET_GS */
	case 0x1021: /* ARCH_GET_XCOMP_SUPP */
	case 0x1022: /* ARCH_GET_XCOMP_PERM */
	case 0x1024: /* ARCH_GET_XCOMP_GUEST_PERM */
	case 0x5005: /* ARCH_SHSTK_STATUS */
		if (ok(c))
			cap_put(c, 1, OUT, c->a[1], 8);
		break;
	default:
		break;
	}
}

/* ---- Signals ---------------------------------------------------------- */

/* rt_sigaction and rt_sigprocmask fail on another sigsetsize before
 * touching memory. */
static bool sigsetsize_ok(const struct cap *c)
{
	return c->a[3] == size_of(SREC_STRUCT_SIGSET);
}

static void rt_sigaction_enter(struct cap *c)
{
	if (sigsetsize_ok(c))
		cap_put(c, 1, IN, c->a[1], size_of(SREC_STRUCT_SIGACTION));
}

static void rt_sigaction_exit(struct cap *c)
{
	if (sigsetsize_ok(c) && ok(c))
		cap_put(c, 2, OUT, c->a[2], size_of(SREC_STRUCT_SIGACTION));
}

static void rt_sigprocmask_enter(struct cap *c)
{
	if (sigsetsize_ok(c))
		cap_put(c, 1, IN, c->a[1], c->a[3]);
}

static void rt_sigprocmask_exit(struct cap *c)
{
	if (sigsetsize_ok(c) && ok(c))
		cap_put(c, 2, OUT, c->a[2], c->a[3]);
}

/* ---- Sockets ---------------------------------------------------------- */

/* recvfrom with MSG_TRUNC returns the datagram's length, which may
 * exceed the buffer. */
static void recvfrom_exit(struct cap *c)
{
	if (ok(c) && c->ret > 0)
		cap_put(c, 1, OUT, c->a[1],
			(uint64_t)c->ret < c->a[2] ? (uint64_t)c->ret :
						     c->a[2]);
}

/*
 * getsockopt(fd, level, name, optval, optlen): *optlen is read first;
 * the option's handler writes at most that many bytes and stores the
 * count it wrote back into *optlen.
 */
static void getsockopt_enter(struct cap *c)
{
	uint32_t len;

	cap_put(c, 4, IN, c->a[4], 4);
	if (c->a[4] && cap_read_u32(c, c->a[4], &len))
		c->sw->v[CAP_SLOT_LEN] = len | CAP_HAVE;
}

static void getsockopt_exit(struct cap *c)
{
	uint64_t kept = c->sr->v[CAP_SLOT_LEN];
	int32_t in = (kept & CAP_HAVE) ? (int32_t)(uint32_t)kept : INT32_MAX;
	uint32_t out;

	if (!ok(c) || !cap_read_u32(c, c->a[4], &out))
		return;
	if (in > 0 && (int32_t)out > 0)
		cap_put(c, 3, OUT, c->a[3],
			(uint64_t)(in < (int32_t)out ? in : (int32_t)out));
	cap_put(c, 4, OUT, c->a[4], 4);
}

static void setsockopt_enter(struct cap *c)
{
	if ((int32_t)c->a[4] > 0)
		cap_put(c, 3, IN, c->a[3], (uint32_t)c->a[4]);
}

/* recvmmsg's timeout is read, and written back when messages came. */
static void recvmmsg_enter(struct cap *c)
{
	cap_put(c, 4, IN, c->a[4], size_of(SREC_STRUCT_TIMESPEC));
}

static void recvmmsg_exit(struct cap *c)
{
	if (ok(c) && c->ret > 0)
		cap_put(c, 4, OUT, c->a[4], size_of(SREC_STRUCT_TIMESPEC));
}

/* ---- Files ------------------------------------------------------------ */

/* getxattr(path, name, value, size) and listxattr(path, list, size):
 * size 0 asks for the length and writes nothing. */
static void xattr_out(struct cap *c, unsigned buf, unsigned size)
{
	if (ok(c) && c->ret > 0 && c->a[size])
		cap_put(c, buf, OUT, c->a[buf], (uint64_t)c->ret);
}

static void getxattr_exit(struct cap *c)
{
	xattr_out(c, 2, 3);
}

static void listxattr_exit(struct cap *c)
{
	xattr_out(c, 1, 2);
}

/* Offsets (loff_t *) a call reads and writes back. */
static void offsets_enter(struct cap *c, unsigned i, unsigned j)
{
	cap_put(c, i, IN, c->a[i], 8);
	cap_put(c, j, IN, c->a[j], 8);
}

static void sendfile_enter(struct cap *c)
{
	cap_put(c, 2, IN, c->a[2], 8);
}

/* sendfile64 puts the position back whatever do_sendfile() returned. */
static void sendfile_exit(struct cap *c)
{
	cap_put(c, 2, OUT, c->a[2], 8);
}

static void two_offsets_enter(struct cap *c)
{
	offsets_enter(c, 1, 3);
}

/* copy_file_range: only when something was copied; splice: on success. */
static void copy_file_range_exit(struct cap *c)
{
	if (c->ret <= 0)
		return;
	cap_put(c, 1, OUT, c->a[1], 8);
	cap_put(c, 3, OUT, c->a[3], 8);
}

static void splice_exit(struct cap *c)
{
	if (!ok(c))
		return;
	cap_put(c, 3, OUT, c->a[3], 8);
	cap_put(c, 1, OUT, c->a[1], 8);
}

/*
 * vmsplice reads the buffers into a pipe or fills them from one,
 * depending on which end the fd is: both are named.  Naming the data of
 * a pipe-to-user call as IN only compares what the buffers held.
 */
static void vmsplice_enter(struct cap *c)
{
	cap_iov_in(c, 1, c->a[1], c->a[2], true);
}

static void vmsplice_exit(struct cap *c)
{
	if (ok(c) && c->ret > 0)
		cap_iov_out(c, 1, c->a[1], c->a[2], (uint64_t)c->ret);
}

/* process_vm_readv/writev(pid, lvec, liovcnt, rvec, riovcnt, flags): the
 * remote iovecs name the other process's memory: only the array is
 * ours. */
static void process_vm_readv_enter(struct cap *c)
{
	cap_iov_in(c, 1, c->a[1], c->a[2], false);
	cap_iov_in(c, 3, c->a[3], c->a[4], false);
}

static void process_vm_readv_exit(struct cap *c)
{
	if (ok(c) && c->ret > 0)
		cap_iov_out(c, 1, c->a[1], c->a[2], (uint64_t)c->ret);
}

static void process_vm_writev_enter(struct cap *c)
{
	cap_iov_in(c, 1, c->a[1], c->a[2], true);
	cap_iov_in(c, 3, c->a[3], c->a[4], false);
}

static void process_madvise_enter(struct cap *c)
{
	cap_iov_in(c, 1, c->a[1], c->a[2], false);
}

/* mincore(addr, len, vec): one byte per page of the range. */
static void mincore_exit(struct cap *c)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE), len = c->a[1];

	if (ok(c))
		cap_put(c, 2, OUT, c->a[2], len / page + (len % page != 0));
}

/*
 * struct file_handle { u32 handle_bytes; int handle_type; u8 f_handle[]; }
 * with at most MAX_HANDLE_SZ (128) bytes of handle.
 */
enum { FH_HEAD = 8, MAX_HANDLE_SZ = 128, AT_HANDLE_MNT_ID_UNIQUE = 1 };

static void name_to_handle_at_enter(struct cap *c)
{
	cap_put(c, 2, IN, c->a[2], FH_HEAD);
}

/* On EOVERFLOW the kernel still writes the mount id and the header with
 * the size needed. */
static void name_to_handle_at_exit(struct cap *c)
{
	uint32_t bytes = 0;

	if (c->ret == -EOVERFLOW) {
		cap_put(c, 2, OUT, c->a[2], FH_HEAD);
	} else if (ok(c)) {
		if (!cap_read_u32(c, c->a[2], &bytes) || bytes > MAX_HANDLE_SZ)
			bytes = 0;
		cap_put(c, 2, OUT, c->a[2], FH_HEAD + bytes);
	} else {
		return;
	}
	cap_put(c, 3, OUT, c->a[3],
		(c->a[4] & AT_HANDLE_MNT_ID_UNIQUE) ? 8 : 4);
}

static void open_by_handle_at_enter(struct cap *c)
{
	uint32_t bytes;

	if (!cap_read_u32(c, c->a[1], &bytes) || !bytes ||
	    bytes > MAX_HANDLE_SZ)
		cap_put(c, 1, IN, c->a[1], FH_HEAD);
	else
		cap_put(c, 1, IN, c->a[1], FH_HEAD + bytes);
}

/* time(tloc) stores the result in *tloc as well. */
static void time_exit(struct cap *c)
{
	if (ok(c))
		cap_put(c, 0, OUT, c->a[0], 8);
}

/* Calls that write as many bytes as they return: getdents fills whole
 * entries, sched_getaffinity the kernel's mask size (not cpusetsize). */
static void ret_bytes_exit(struct cap *c, unsigned i)
{
	if (ok(c) && c->ret > 0)
		cap_put(c, i, OUT, c->a[i], (uint64_t)c->ret);
}

static void getdents_exit(struct cap *c)
{
	ret_bytes_exit(c, 1);
}

static void sched_getaffinity_exit(struct cap *c)
{
	ret_bytes_exit(c, 2);
}

/*
 * NUMA node masks: the kernel copies maxnode - 1 bits, in whole longs, at
 * most a page of them (get_nodes() and copy_nodes_to_user() in
 * mm/mempolicy.c; more is EINVAL).
 */
enum { NODEMASK_MAX = 4096 };

static uint64_t nodemask_bytes(uint64_t maxnode)
{
	uint64_t bytes;

	if (maxnode < 2)
		return 0;
	bytes = (maxnode - 1 + 63) / 64 * 8;
	return bytes > NODEMASK_MAX ? NODEMASK_MAX : bytes;
}

/* mbind(addr, len, mode, nodemask, maxnode, flags) */
static void mbind_enter(struct cap *c)
{
	cap_put(c, 3, IN, c->a[3], nodemask_bytes(c->a[4]));
}

/* set_mempolicy(mode, nodemask, maxnode) */
static void set_mempolicy_enter(struct cap *c)
{
	cap_put(c, 1, IN, c->a[1], nodemask_bytes(c->a[2]));
}

/* get_mempolicy(mode, nodemask, maxnode, addr, flags) */
static void get_mempolicy_exit(struct cap *c)
{
	if (ok(c))
		cap_put(c, 1, OUT, c->a[1], nodemask_bytes(c->a[2]));
}

/* migrate_pages(pid, maxnode, old_nodes, new_nodes) */
static void migrate_pages_enter(struct cap *c)
{
	cap_put(c, 2, IN, c->a[2], nodemask_bytes(c->a[1]));
	cap_put(c, 3, IN, c->a[3], nodemask_bytes(c->a[1]));
}

/* cachestat(fd, range, cstat, flags): struct cachestat_range is 16
 * bytes, struct cachestat 40. */
static void cachestat_enter(struct cap *c)
{
	cap_put(c, 1, IN, c->a[1], 16);
}

static void cachestat_exit(struct cap *c)
{
	if (ok(c))
		cap_put(c, 2, OUT, c->a[2], 40);
}

/* listmount(req, mnt_ids, nr, flags): struct mnt_id_req says its size
 * (MNT_ID_REQ_SIZE_VER0 24 .. a page); ret u64 ids come back. */
static void mnt_id_req_enter(struct cap *c)
{
	uint32_t size;

	if (cap_read_u32(c, c->a[0], &size) && size >= 24 && size <= 4096)
		cap_put(c, 0, IN, c->a[0], size);
	else
		cap_put(c, 0, IN, c->a[0], 4);
}

static void listmount_exit(struct cap *c)
{
	if (ok(c) && c->ret > 0)
		cap_put(c, 1, OUT, c->a[1], cap_mul((uint64_t)c->ret, 8));
}

/* statmount(req, buf, bufsize, flags): struct statmount says in its
 * first field how many bytes (struct and strings) were filled. */
static void statmount_exit(struct cap *c)
{
	uint32_t size;

	if (ok(c) && cap_read_u32(c, c->a[1], &size))
		cap_put(c, 1, OUT, c->a[1], size < c->a[2] ? size : c->a[2]);
}

/* The most iocbs one io_submit takes: a context holds at most
 * /proc/sys/fs/aio-max-nr events (65536 unless raised), and the kernel
 * cuts @nr to its context's size. */
enum { AIO_MAX_NR = 65536 };

/*
 * io_submit(ctx, nr, iocbpp): the array of @nr iocb pointers, each iocb,
 * and the bytes a write command hands over: IOCB_CMD_PWRITE's buffer,
 * IOCB_CMD_PWRITEV's iovec array and buffers.  The kernel copies the
 * iocbs in order and stops at the first it cannot read.  What a read
 * command fills is written later, by no syscall: not named (the iocb's
 * result shows in io_getevents).
 */
static void io_submit_enter(struct cap *c)
{
	uint64_t nr = c->a[1], k;

	if ((int64_t)nr <= 0)
		return;
	if (nr > AIO_MAX_NR)
		nr = AIO_MAX_NR;
	cap_put(c, 2, IN, c->a[2], nr * 8);
	for (k = 0; k < nr && !c->rc; k++) {
		uint8_t cb[IOCB_SIZE];
		uint64_t p, buf, nbytes;
		uint16_t opcode;

		if (!cap_read(c, c->a[2] + k * 8, &p, 8) ||
		    !cap_read(c, p, cb, sizeof(cb)))
			return;
		cap_put(c, 2, IN, p, IOCB_SIZE);
		memcpy(&opcode, cb + IOCB_OPCODE, sizeof(opcode));
		memcpy(&buf, cb + IOCB_BUF, sizeof(buf));
		memcpy(&nbytes, cb + IOCB_NBYTES, sizeof(nbytes));
		if (opcode == IOCB_CMD_PWRITE)
			cap_put(c, 2, IN, buf, nbytes);
		else if (opcode == IOCB_CMD_PWRITEV)
			cap_iov_in(c, 2, buf, nbytes, true);
	}
}

/* io_cancel(ctx, iocb, result) reads the iocb's aio_key, and since Linux
 * 4.19 never writes @result (the event comes through the ring). */
static void io_cancel_enter(struct cap *c)
{
	if (c->a[1])
		cap_put(c, 1, IN, c->a[1] + IOCB_KEY, 4);
}

/* io_getevents/io_pgetevents: ret struct io_event of 32 bytes. */
static void io_getevents_exit(struct cap *c)
{
	if (ok(c) && c->ret > 0)
		cap_put(c, 3, OUT, c->a[3], cap_mul((uint64_t)c->ret, 32));
}

/* ---- Credentials ------------------------------------------------------ */

/* getgroups(0, list) only counts. */
static void getgroups_exit(struct cap *c)
{
	if ((int)c->a[0] > 0 && ok(c) && c->ret > 0)
		cap_put(c, 1, OUT, c->a[1], (uint64_t)c->ret * 4);
}

/*
 * The bytes of cap_user_data_t a capability version uses: one 12-byte
 * struct for _LINUX_CAPABILITY_VERSION_1, two for versions 2 and 3 (the
 * table's cap_data).
 */
static uint64_t cap_data_len(struct cap *c)
{
	uint32_t version;

	if (!cap_read_u32(c, c->a[0], &version))
		return 0;
	if (version == 0x19980330)
		return size_of(SREC_STRUCT_CAP_DATA) / 2;
	if (version == 0x20071026 || version == 0x20080522)
		return size_of(SREC_STRUCT_CAP_DATA);
	return 0;
}

static void capget_enter(struct cap *c)
{
	cap_put(c, 0, IN, c->a[0], size_of(SREC_STRUCT_CAP_HEADER));
}

/* An unknown version gets the kernel's own written back, with EINVAL. */
static void capget_exit(struct cap *c)
{
	if (c->ret == -EINVAL && c->a[0]) {
		cap_put(c, 0, OUT, c->a[0], 4);
		return;
	}
	if (ok(c))
		cap_put(c, 1, OUT, c->a[1], cap_data_len(c));
}

static void capset_enter(struct cap *c)
{
	cap_put(c, 0, IN, c->a[0], size_of(SREC_STRUCT_CAP_HEADER));
	cap_put(c, 1, IN, c->a[1], cap_data_len(c));
}

/* ---- System V IPC ----------------------------------------------------- */

/* msgsnd(id, msgp, msgsz, flg): long mtype, then msgsz bytes of text. */
static void msgsnd_enter(struct cap *c)
{
	if ((int64_t)c->a[2] >= 0)
		cap_put(c, 1, IN, c->a[1], 8 + c->a[2]);
}

/* msgrcv returns the text bytes; mtype is written too. */
static void msgrcv_exit(struct cap *c)
{
	if (ok(c))
		cap_put(c, 1, OUT, c->a[1], 8 + (uint64_t)c->ret);
}

/* semop(id, sops, nsops): struct sembuf is 6 bytes. */
static void semop_enter(struct cap *c)
{
	cap_put(c, 1, IN, c->a[1], cap_mul(c->a[2], 6));
}

static void semtimedop_enter(struct cap *c)
{
	semop_enter(c);
	cap_put(c, 3, IN, c->a[3], size_of(SREC_STRUCT_TIMESPEC));
}

/*
 * shmctl, msgctl and semctl commands that copy a struct (the *64_ds and
 * *info structs; IPC_64 is ignored as the kernel does).
 * semctl's GETALL/SETALL need the set's size, which only IPC_STAT tells:
 * not named.
 */
struct ipc_cmd {
	int cmd;
	uint8_t dir;
	uint16_t size;
};

static const struct ipc_cmd shm_cmds[] = {
	{ 1 /* IPC_SET */, IN, SHMID64_DS_SIZE },
	{ 2 /* IPC_STAT */, OUT, SHMID64_DS_SIZE },
	{ 3 /* IPC_INFO */, OUT, SHMINFO64_SIZE },
	{ 13 /* SHM_STAT */, OUT, SHMID64_DS_SIZE },
	{ 14 /* SHM_INFO */, OUT, SHM_INFO_SIZE },
	{ 15 /* SHM_STAT_ANY */, OUT, SHMID64_DS_SIZE },
	{ 0, 0, 0 }
};

static const struct ipc_cmd msg_cmds[] = {
	{ 1 /* IPC_SET */, IN, MSQID64_DS_SIZE },
	{ 2 /* IPC_STAT */, OUT, MSQID64_DS_SIZE },
	{ 3 /* IPC_INFO */, OUT, MSGINFO_SIZE },
	{ 11 /* MSG_STAT */, OUT, MSQID64_DS_SIZE },
	{ 12 /* MSG_INFO */, OUT, MSGINFO_SIZE },
	{ 13 /* MSG_STAT_ANY */, OUT, MSQID64_DS_SIZE },
	{ 0, 0, 0 }
};

static const struct ipc_cmd sem_cmds[] = {
	{ 1 /* IPC_SET */, IN, SEMID64_DS_SIZE },
	{ 2 /* IPC_STAT */, OUT, SEMID64_DS_SIZE },
	{ 3 /* IPC_INFO */, OUT, SEMINFO_SIZE },
	{ 18 /* SEM_STAT */, OUT, SEMID64_DS_SIZE },
	{ 19 /* SEM_INFO */, OUT, SEMINFO_SIZE },
	{ 20 /* SEM_STAT_ANY */, OUT, SEMID64_DS_SIZE },
	{ 0, 0, 0 }
};

static void ipc_ctl(struct cap *c, const struct ipc_cmd *cmds, unsigned cmd,
		    unsigned buf)
{
	int n = (int)c->a[cmd] & ~0x100;

	for (; cmds->cmd; cmds++) {
		if (cmds->cmd != n)
			continue;
		if (cmds->dir == IN && !c->at_exit)
			cap_put(c, buf, IN, c->a[buf], cmds->size);
		else if (cmds->dir == OUT && c->at_exit && ok(c))
			cap_put(c, buf, OUT, c->a[buf], cmds->size);
		return;
	}
}

static void shmctl_both(struct cap *c)
{
	ipc_ctl(c, shm_cmds, 1, 2);
}

static void msgctl_both(struct cap *c)
{
	ipc_ctl(c, msg_cmds, 1, 2);
}

static void semctl_both(struct cap *c)
{
	ipc_ctl(c, sem_cmds, 2, 3);
}

/* ---- Structs sized by their own first field --------------------------- */

/*
 * perf_event_open and sched_setattr read a struct whose size is in the
 * struct (0: the first version's), at most a page; a size too large for
 * the kernel gets the kernel's size written back with E2BIG.
 */
static void sized_struct_enter(struct cap *c, unsigned i, uint64_t size_off,
			       uint32_t ver0)
{
	uint32_t size;

	if (!cap_read_u32(c, c->a[i] + size_off, &size))
		return;
	if (!size)
		size = ver0;
	if (size < ver0 || size > 4096)
		cap_put(c, i, IN, c->a[i] + size_off, 4);
	else
		cap_put(c, i, IN, c->a[i], size);
}

static void sized_struct_exit(struct cap *c, unsigned i, uint64_t size_off)
{
	if (c->ret == -E2BIG && c->a[i])
		cap_put(c, i, OUT, c->a[i] + size_off, 4);
}

static void perf_event_open_enter(struct cap *c)
{
	sized_struct_enter(c, 0, 4, 64);
}

static void perf_event_open_exit(struct cap *c)
{
	sized_struct_exit(c, 0, 4);
}

static void sched_setattr_enter(struct cap *c)
{
	sized_struct_enter(c, 1, 0, 48);
}

static void sched_setattr_exit(struct cap *c)
{
	sized_struct_exit(c, 1, 0);
}

/*
 * Extensible structs whose size is an argument, accepted from their
 * first version's size up to a page (copy_struct_from_user()).
 */
static bool ext_size_ok(uint64_t size, uint64_t ver0)
{
	return size >= ver0 && size <= 4096;
}

/* mount_setattr(dfd, path, flags, attr, size): struct mount_attr */
static void mount_setattr_enter(struct cap *c)
{
	if (ext_size_ok(c->a[4], 32))
		cap_put(c, 3, IN, c->a[3], c->a[4]);
}

/* open_tree_attr(dfd, path, flags, attr, size): the attr is optional */
static void open_tree_attr_enter(struct cap *c)
{
	if (c->a[4] && ext_size_ok(c->a[4], 32))
		cap_put(c, 3, IN, c->a[3], c->a[4]);
}

/* setxattrat/getxattrat(dfd, path, at_flags, name, args, size): struct
 * xattr_args { u64 value; u32 size; u32 flags; } names the value. */
static bool xattr_args(struct cap *c, uint64_t v[2])
{
	if (!ext_size_ok(c->a[5], 16))
		return false;
	cap_put(c, 4, IN, c->a[4], c->a[5]);
	return cap_read(c, c->a[4], v, 16);
}

static void setxattrat_enter(struct cap *c)
{
	uint64_t v[2];

	if (xattr_args(c, v))
		cap_put(c, 4, IN, v[0], (uint32_t)v[1]);
}

static void getxattrat_enter(struct cap *c)
{
	uint64_t v[2];

	xattr_args(c, v);
}

static void getxattrat_exit(struct cap *c)
{
	uint64_t v[2];

	if (ok(c) && c->ret > 0 && ext_size_ok(c->a[5], 16) &&
	    cap_read(c, c->a[4], v, 16) && (uint32_t)v[1])
		cap_put(c, 4, OUT, v[0], (uint64_t)c->ret);
}

/* file_getattr/file_setattr(dfd, path, attr, size, at_flags): struct
 * file_attr, at least 24 bytes; get fills all `size` bytes. */
static void file_setattr_enter(struct cap *c)
{
	if (ext_size_ok(c->a[3], 24))
		cap_put(c, 2, IN, c->a[2], c->a[3]);
}

static void file_getattr_exit(struct cap *c)
{
	if (ok(c) && ext_size_ok(c->a[3], 24))
		cap_put(c, 2, OUT, c->a[2], c->a[3]);
}

/* futex_requeue(waiters, flags, nr_wake, nr_requeue): two futex_waitv */
static void futex_requeue_enter(struct cap *c)
{
	cap_put(c, 0, IN, c->a[0], 2 * 24);
}

/*
 * modify_ldt(func, ptr, bytecount): 1 and 0x11 read one struct
 * user_desc (bytecount must be its size), 0 and 2 fill `ret` bytes.
 */
static void modify_ldt_enter(struct cap *c)
{
	if ((c->a[0] == 1 || c->a[0] == 0x11) &&
	    c->a[2] == size_of(SREC_STRUCT_USER_DESC))
		cap_put(c, 1, IN, c->a[1], c->a[2]);
}

static void modify_ldt_exit(struct cap *c)
{
	if (c->a[0] == 0 || c->a[0] == 2)
		ret_bytes_exit(c, 1);
}

/* io_setup(nr, ctxp): *ctxp must be 0 on entry and gets the context. */
static void io_setup_enter(struct cap *c)
{
	cap_put(c, 1, IN, c->a[1], 8);
}

static void io_setup_exit(struct cap *c)
{
	if (ok(c))
		cap_put(c, 1, OUT, c->a[1], 8);
}

/* ---- ioctl, fcntl ----------------------------------------------------- */

static void ioctl_enter(struct cap *c)
{
	cap_ioctl_enter(c);
}

static void ioctl_exit(struct cap *c)
{
	cap_ioctl_exit(c);
}

static void fcntl_enter(struct cap *c)
{
	cap_fcntl_enter(c);
}

static void fcntl_exit(struct cap *c)
{
	cap_fcntl_exit(c);
}

#define A(i) (1u << (i))
#define ALL 0x3f

const struct cap_sys cap_sys_rows[] = {
	{ "ioctl", A(2), ioctl_enter, ioctl_exit },
	{ "fcntl", A(2), fcntl_enter, fcntl_exit },
	{ "ppoll", A(2), ppoll_enter, ppoll_exit },
	{ "select", A(4), select_enter, select_exit },
	{ "pselect6", A(4) | A(5), pselect6_enter, pselect6_exit },
	{ "epoll_ctl", A(3), epoll_ctl_enter, NULL },
	{ "nanosleep", A(1), NULL, nanosleep_exit },
	{ "clock_nanosleep", A(3), NULL, clock_nanosleep_exit },
	{ "wait4", A(1) | A(3), NULL, wait4_exit },
	{ "waitid", A(2) | A(4), NULL, waitid_exit },
	{ "clone", A(2) | A(3), NULL, clone_exit },
	{ "clone3", A(0), clone3_enter, clone3_exit },
	{ "futex", A(3), futex_enter, NULL },
	{ "futex_waitv", A(0) | A(3), futex_waitv_enter, NULL },
	{ "futex_requeue", A(0), futex_requeue_enter, NULL },
	{ "prctl", ALL, prctl_enter, prctl_exit },
	{ "seccomp", A(2), seccomp_enter, seccomp_exit },
	{ "arch_prctl", A(1), NULL, arch_prctl_exit },
	{ "rt_sigaction", A(1) | A(2), rt_sigaction_enter, rt_sigaction_exit },
	{ "rt_sigprocmask", A(1) | A(2), rt_sigprocmask_enter,
	  rt_sigprocmask_exit },
	{ "recvfrom", A(1), NULL, recvfrom_exit },
	{ "getsockopt", A(3) | A(4), getsockopt_enter, getsockopt_exit },
	{ "setsockopt", A(3), setsockopt_enter, NULL },
	{ "recvmmsg", A(4), recvmmsg_enter, recvmmsg_exit },
	{ "getxattr", A(2), NULL, getxattr_exit },
	{ "lgetxattr", A(2), NULL, getxattr_exit },
	{ "fgetxattr", A(2), NULL, getxattr_exit },
	{ "listxattr", A(1), NULL, listxattr_exit },
	{ "llistxattr", A(1), NULL, listxattr_exit },
	{ "flistxattr", A(1), NULL, listxattr_exit },
	{ "sendfile", A(2), sendfile_enter, sendfile_exit },
	{ "copy_file_range", A(1) | A(3), two_offsets_enter,
	  copy_file_range_exit },
	{ "splice", A(1) | A(3), two_offsets_enter, splice_exit },
	{ "vmsplice", A(1), vmsplice_enter, vmsplice_exit },
	{ "process_vm_readv", A(1) | A(3), process_vm_readv_enter,
	  process_vm_readv_exit },
	{ "process_vm_writev", A(1) | A(3), process_vm_writev_enter, NULL },
	{ "process_madvise", A(1), process_madvise_enter, NULL },
	{ "mincore", A(2), NULL, mincore_exit },
	{ "name_to_handle_at", A(2) | A(3), name_to_handle_at_enter,
	  name_to_handle_at_exit },
	{ "open_by_handle_at", A(1), open_by_handle_at_enter, NULL },
	{ "time", A(0), NULL, time_exit },
	{ "getgroups", A(1), NULL, getgroups_exit },
	{ "capget", A(0) | A(1), capget_enter, capget_exit },
	{ "capset", A(0) | A(1), capset_enter, NULL },
	{ "msgsnd", A(1), msgsnd_enter, NULL },
	{ "msgrcv", A(1), NULL, msgrcv_exit },
	{ "semop", A(1), semop_enter, NULL },
	{ "semtimedop", A(1) | A(3), semtimedop_enter, NULL },
	{ "shmctl", A(2), shmctl_both, shmctl_both },
	{ "msgctl", A(2), msgctl_both, msgctl_both },
	{ "semctl", A(3), semctl_both, semctl_both },
	{ "getdents", A(1), NULL, getdents_exit },
	{ "getdents64", A(1), NULL, getdents_exit },
	{ "sched_getaffinity", A(2), NULL, sched_getaffinity_exit },
	{ "cachestat", A(1) | A(2), cachestat_enter, cachestat_exit },
	{ "mbind", A(3), mbind_enter, NULL },
	{ "set_mempolicy", A(1), set_mempolicy_enter, NULL },
	{ "get_mempolicy", A(1), NULL, get_mempolicy_exit },
	{ "migrate_pages", A(2) | A(3), migrate_pages_enter, NULL },
	{ "listmount", A(0) | A(1), mnt_id_req_enter, listmount_exit },
	{ "statmount", A(0) | A(1), mnt_id_req_enter, statmount_exit },
	{ "io_getevents", A(3), NULL, io_getevents_exit },
	{ "io_pgetevents", A(3), NULL, io_getevents_exit },
	{ "perf_event_open", A(0), perf_event_open_enter,
	  perf_event_open_exit },
	{ "sched_setattr", A(1), sched_setattr_enter, sched_setattr_exit },
	{ "io_setup", A(1), io_setup_enter, io_setup_exit },
	{ "io_submit", A(2), io_submit_enter, NULL },
	{ "io_cancel", A(1), io_cancel_enter, NULL },
	{ "mount_setattr", A(3), mount_setattr_enter, NULL },
	{ "open_tree_attr", A(3), open_tree_attr_enter, NULL },
	{ "setxattrat", A(4), setxattrat_enter, NULL },
	{ "getxattrat", A(4), getxattrat_enter, getxattrat_exit },
	{ "file_getattr", A(2), NULL, file_getattr_exit },
	{ "file_setattr", A(2), file_setattr_enter, NULL },
	{ "modify_ldt", A(1), modify_ldt_enter, modify_ldt_exit },
	{ NULL, 0, NULL, NULL }
};
