// SPDX-License-Identifier: MIT
/*
 * proc.c - decoders for processes: clone and clone3, wait status, rlimit,
 * utsname, execve's environment and the calls whose argument meaning
 * depends on another argument (prctl, arch_prctl, futex).
 */
#include "decode_int.h"
#include "srec_arch_layout.h"

#include <inttypes.h>
#include <linux/sched.h> /* CLONE_*, CSIGNAL */
#include <string.h>

/* ---- clone ----------------------------------------------------------- */

/* flags=CLONE_VM|...|SIGCHLD: the low byte is the exit signal. */
static void clone_flags(struct srec_buf *out, uint64_t flags)
{
	uint64_t sig = flags & CSIGNAL;

	flags &= ~(uint64_t)CSIGNAL;
	if (flags)
		dec_flags(out, SREC_XLAT_CLONE_FLAGS, flags, "0");
	if (sig) {
		if (flags)
			srec_buf_addc(out, '|');
		dec_signal(out, (int)sig);
	}
	if (!flags && !sig)
		srec_buf_addc(out, '0');
}

/*
 * clone, printed as strace does with named arguments, the optional ones
 * only when the flags use them (their order is the architecture's).
 */
static void args_clone(struct dec *d)
{
	uint64_t flags = d->a[0];
	struct dec_view v;

	srec_buf_adds(d->out, "child_stack=");
	dec_addr(d, d->a[1]);
	srec_buf_adds(d->out, ", flags=");
	clone_flags(d->out, flags);
	if (flags & CLONE_PARENT_SETTID) {
		srec_buf_adds(d->out, ", parent_tid=");
		if (dec_find(d, CLONE_ARG_PTID, SREC__DIR__OUT,
			     d->a[CLONE_ARG_PTID], &v) && v.n >= 4) {
			int32_t tid;

			memcpy(&tid, v.p, 4);
			srec_buf_addf(d->out, "[%d]", tid);
		} else {
			dec_addr(d, d->a[CLONE_ARG_PTID]);
		}
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		srec_buf_adds(d->out, ", child_tidptr=");
		dec_addr(d, d->a[CLONE_ARG_CTID]);
	}
	if (flags & CLONE_SETTLS) {
		srec_buf_adds(d->out, ", tls=");
		dec_addr(d, d->a[CLONE_ARG_TLS]);
	}
}

/* struct clone_args (clone3) */
static void print_clone_args(struct dec *d, const uint8_t *p, size_t n)
{
	uint64_t flags = dec_u64(p, 0), exit_signal = dec_u64(p, 32);

	srec_buf_adds(d->out, "{flags=");
	clone_flags(d->out, flags);
	if (flags & CLONE_CHILD_CLEARTID || flags & CLONE_CHILD_SETTID)
		srec_buf_addf(d->out, ", child_tid=%#" PRIx64, dec_u64(p, 16));
	if (flags & CLONE_PARENT_SETTID)
		srec_buf_addf(d->out, ", parent_tid=%#" PRIx64, dec_u64(p, 24));
	srec_buf_adds(d->out, ", exit_signal=");
	if (exit_signal)
		dec_signal(d->out, (int)exit_signal);
	else
		srec_buf_addc(d->out, '0');
	srec_buf_addf(d->out, ", stack=%#" PRIx64 ", stack_size=%#" PRIx64,
		      dec_u64(p, 40), dec_u64(p, 48));
	if (flags & CLONE_SETTLS)
		srec_buf_addf(d->out, ", tls=%#" PRIx64, dec_u64(p, 56));
	srec_buf_addc(d->out, '}');
}

/* ---- wait ------------------------------------------------------------ */

/* [{WIFEXITED(s) && WEXITSTATUS(s) == 3}] */
static void print_wait_status(struct dec *d, const uint8_t *p, size_t n)
{
	int32_t s;

	memcpy(&s, p, 4);
	srec_buf_adds(d->out, "[{");
	if ((s & 0x7f) == 0) {
		srec_buf_addf(d->out, "WIFEXITED(s) && WEXITSTATUS(s) == %d",
			      (s >> 8) & 0xff);
	} else if ((s & 0xff) == 0x7f) {
		srec_buf_adds(d->out, "WIFSTOPPED(s) && WSTOPSIG(s) == ");
		dec_signal(d->out, (s >> 8) & 0xff);
		if (s >> 16)
			srec_buf_addf(d->out, " && s >> 16 == %d", s >> 16);
	} else if (s == 0xffff) {
		srec_buf_adds(d->out, "WIFCONTINUED(s)");
	} else {
		srec_buf_adds(d->out, "WIFSIGNALED(s) && WTERMSIG(s) == ");
		dec_signal(d->out, s & 0x7f);
		if (s & 0x80)
			srec_buf_adds(d->out, " && WCOREDUMP(s)");
	}
	srec_buf_adds(d->out, "}]");
}

/* ---- resources, uname ------------------------------------------------ */

/* RLIM_INFINITY as strace names it; multiples of 1024 as N*1024. */
static void rlim_value(struct srec_buf *out, uint64_t v)
{
	if (v == UINT64_MAX)
		srec_buf_adds(out, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		srec_buf_addf(out, "%" PRIu64 "*1024", v / 1024);
	else
		srec_buf_addf(out, "%" PRIu64, v);
}

static void print_rlimit(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_adds(d->out, "{rlim_cur=");
	rlim_value(d->out, dec_u64(p, 0));
	srec_buf_adds(d->out, ", rlim_max=");
	rlim_value(d->out, dec_u64(p, 8));
	srec_buf_addc(d->out, '}');
}

/* struct utsname: six 65-byte fields; strace shows the first two. */
enum { UTS_FIELD = 65 };

static void uts_field(struct srec_buf *out, const uint8_t *p)
{
	const uint8_t *nul = memchr(p, 0, UTS_FIELD);

	dec_quoted(out, p, nul ? (size_t)(nul - p) : UTS_FIELD);
}

static void print_utsname(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_adds(d->out, "{sysname=");
	uts_field(d->out, p);
	srec_buf_adds(d->out, ", nodename=");
	uts_field(d->out, p + UTS_FIELD);
	srec_buf_adds(d->out, ", ...}");
}

/* struct rusage: strace shows the two times and "...". */
static void print_rusage(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_adds(d->out, "{ru_utime=");
	dec_timeval(d->out, p);
	srec_buf_adds(d->out, ", ru_stime=");
	dec_timeval(d->out, p + 16);
	srec_buf_adds(d->out, ", ...}");
}

/* ---- calls whose arguments depend on an operation code --------------- */

/* arch_prctl(ARCH_SET_FS, 0x7f...): a value for SET, an out-pointer for
 * GET. */
static void args_arch_prctl(struct dec *d)
{
	struct dec_view v;

	dec_enum(d->out, SREC_XLAT_ARCH_PRCTL, d->a[0] & 0xffffffff, "%#x");
	srec_buf_adds(d->out, ", ");
	if ((d->a[0] & 0x1000) && (d->a[0] & 0xf) >= 3 && !d->failed &&
	    dec_find(d, 1, SREC__DIR__OUT, d->a[1], &v) && v.n >= 8)
		srec_buf_addf(d->out, "[%#" PRIx64 "]", dec_u64(v.p, 0));
	else
		dec_addr(d, d->a[1]);
}

/* prctl(PR_SET_NAME, "name") and the numeric rest. */
static void args_prctl(struct dec *d)
{
	enum { PR_SET_NAME = 15, PR_GET_NAME = 16 };
	unsigned i;

	dec_enum(d->out, SREC_XLAT_PRCTL, d->a[0] & 0xffffffff, "%d");
	if (d->a[0] == PR_SET_NAME) {
		srec_buf_adds(d->out, ", ");
		dec_str_at(d, 1, d->a[1], 16);
		return;
	}
	if (d->a[0] == PR_GET_NAME) {
		struct dec_view v;

		srec_buf_adds(d->out, ", ");
		if (!d->failed && dec_find(d, 1, SREC__DIR__OUT, d->a[1], &v))
			dec_strn(d, &v, v.n, 16, true);
		else
			dec_addr(d, d->a[1]);
		return;
	}
	for (i = 1; i < 5; i++)
		srec_buf_addf(d->out, ", %#" PRIx64, d->a[i]);
}

/* futex(uaddr, op, val, timeout|val2, uaddr2, val3) */
static void args_futex(struct dec *d)
{
	enum { FUTEX_CMD_MASK = 0x7f, FUTEX_WAIT = 0, FUTEX_WAKE = 1,
	       FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10 };
	unsigned cmd = (unsigned)d->a[1] & FUTEX_CMD_MASK;

	dec_addr(d, d->a[0]);
	srec_buf_adds(d->out, ", ");
	/* The table names the op with its PRIVATE/CLOCK bits combined. */
	dec_enum(d->out, SREC_XLAT_FUTEX_OP, d->a[1] & 0xffffffff, "%#x");
	srec_buf_addf(d->out, ", %d", (int)d->a[2]);
	if (cmd == FUTEX_WAKE)
		return;
	srec_buf_adds(d->out, ", ");
	if (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)
		dec_struct_at(d, 3, SREC__DIR__IN, SREC_STRUCT_TIMESPEC,
			      d->a[3], 0);
	else
		srec_buf_addf(d->out, "%u", (unsigned)d->a[3]);
	if (cmd == FUTEX_WAIT)
		return;
	srec_buf_adds(d->out, ", ");
	dec_addr(d, d->a[4]);
	if ((cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAKE_BITSET) &&
	    (uint32_t)d->a[5] == UINT32_MAX)
		srec_buf_adds(d->out, ", FUTEX_BITSET_MATCH_ANY");
	else
		srec_buf_addf(d->out, ", %u", (unsigned)d->a[5]);
}

const struct dec_struct_row dec_proc_structs[] = {
	{ SREC_STRUCT_CLONE_ARGS, 64, print_clone_args },
	{ SREC_STRUCT_WAIT_STATUS, 4, print_wait_status },
	{ SREC_STRUCT_RLIMIT, 16, print_rlimit },
	{ SREC_STRUCT_UTSNAME, 2 * UTS_FIELD, print_utsname },
	{ SREC_STRUCT_RUSAGE, 32, print_rusage },
	{ 0 }
};

const struct dec_sys_row dec_proc_sys[] = {
	{ "clone", args_clone, NULL, NULL },
	{ "arch_prctl", args_arch_prctl, NULL, NULL },
	{ "prctl", args_prctl, NULL, NULL },
	{ "futex", args_futex, NULL, NULL },
	{ NULL }
};
