// SPDX-License-Identifier: MIT
/*
 * signal.c - decoders for the signal family: signal sets, struct
 * sigaction, siginfo (`--- SIGCHLD {...} ---` lines), rt_sigaction,
 * rt_sigprocmask and friends.
 */
#include "decode_int.h"
#include "srec_arch_layout.h"

#include <inttypes.h>
#include <signal.h>
#include <string.h>

struct code_name {
	int signo; /* 0: any signal */
	int code;
	const char *name;
};

/* si_code names; per-signal codes first so they win over generic ones. */
static const struct code_name si_codes[] = {
	{ SIGCHLD, 1, "CLD_EXITED" }, { SIGCHLD, 2, "CLD_KILLED" },
	{ SIGCHLD, 3, "CLD_DUMPED" }, { SIGCHLD, 4, "CLD_TRAPPED" },
	{ SIGCHLD, 5, "CLD_STOPPED" }, { SIGCHLD, 6, "CLD_CONTINUED" },
	{ SIGSEGV, 1, "SEGV_MAPERR" }, { SIGSEGV, 2, "SEGV_ACCERR" },
	{ SIGSEGV, 3, "SEGV_BNDERR" }, { SIGSEGV, 4, "SEGV_PKUERR" },
	{ SIGSEGV, 5, "SEGV_ACCADI" }, { SIGSEGV, 6, "SEGV_ADIDERR" },
	{ SIGSEGV, 7, "SEGV_ADIPERR" }, { SIGSEGV, 8, "SEGV_MTEAERR" },
	{ SIGSEGV, 9, "SEGV_MTESERR" }, { SIGSEGV, 10, "SEGV_CPERR" },
	{ SIGBUS, 1, "BUS_ADRALN" }, { SIGBUS, 2, "BUS_ADRERR" },
	{ SIGBUS, 3, "BUS_OBJERR" }, { SIGBUS, 4, "BUS_MCEERR_AR" },
	{ SIGBUS, 5, "BUS_MCEERR_AO" },
	{ SIGILL, 1, "ILL_ILLOPC" }, { SIGILL, 2, "ILL_ILLOPN" },
	{ SIGILL, 3, "ILL_ILLADR" }, { SIGILL, 4, "ILL_ILLTRP" },
	{ SIGILL, 5, "ILL_PRVOPC" }, { SIGILL, 6, "ILL_PRVREG" },
	{ SIGILL, 7, "ILL_COPROC" }, { SIGILL, 8, "ILL_BADSTK" },
	{ SIGFPE, 1, "FPE_INTDIV" }, { SIGFPE, 2, "FPE_INTOVF" },
	{ SIGFPE, 3, "FPE_FLTDIV" }, { SIGFPE, 4, "FPE_FLTOVF" },
	{ SIGFPE, 5, "FPE_FLTUND" }, { SIGFPE, 6, "FPE_FLTRES" },
	{ SIGFPE, 7, "FPE_FLTINV" }, { SIGFPE, 8, "FPE_FLTSUB" },
	{ SIGTRAP, 1, "TRAP_BRKPT" }, { SIGTRAP, 2, "TRAP_TRACE" },
	{ SIGTRAP, 3, "TRAP_BRANCH" }, { SIGTRAP, 4, "TRAP_HWBKPT" },
	{ SIGPOLL, 1, "POLL_IN" }, { SIGPOLL, 2, "POLL_OUT" },
	{ SIGPOLL, 3, "POLL_MSG" }, { SIGPOLL, 4, "POLL_ERR" },
	{ SIGPOLL, 5, "POLL_PRI" }, { SIGPOLL, 6, "POLL_HUP" },
	{ SIGSYS, 1, "SYS_SECCOMP" }, { SIGSYS, 2, "SYS_USER_DISPATCH" },
	{ 0, SI_USER, "SI_USER" }, { 0, SI_KERNEL, "SI_KERNEL" },
	{ 0, SI_QUEUE, "SI_QUEUE" }, { 0, SI_TIMER, "SI_TIMER" },
	{ 0, SI_MESGQ, "SI_MESGQ" }, { 0, SI_ASYNCIO, "SI_ASYNCIO" },
	{ 0, SI_SIGIO, "SI_SIGIO" }, { 0, SI_TKILL, "SI_TKILL" },
	{ 0, -7 /* SI_DETHREAD */, "SI_DETHREAD" },
	{ 0, SI_ASYNCNL, "SI_ASYNCNL" },
};

static const char *si_code_name(int signo, int code)
{
	size_t i;

	for (i = 0; i < sizeof(si_codes) / sizeof(si_codes[0]); i++)
		if ((!si_codes[i].signo || si_codes[i].signo == signo) &&
		    si_codes[i].code == code &&
		    /* Positive codes are per-signal; SI_KERNEL is generic. */
		    (si_codes[i].signo || code <= 0 || code == SI_KERNEL))
			return si_codes[i].name;
	return NULL;
}

/* Whether si_code says the signal was sent by a process (kill/sigqueue). */
static bool from_user(int code)
{
	return code <= 0 && code != SI_TIMER && code != SI_SIGIO;
}

static bool is_fault_signal(int signo)
{
	static const int faults[] = { SIGILL, SIGTRAP, SIGBUS, SIGFPE,
				      SIGSEGV };
	size_t i;

	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		if (faults[i] == signo)
			return true;
	return false;
}

static void print_siginfo_raw(struct srec_buf *out, const uint8_t *si)
{
	int signo = (int32_t)dec_u32(si, SI_SIGNO),
	    code = (int32_t)dec_u32(si, SI_CODE);
	const char *cname = si_code_name(signo, code);

	srec_buf_adds(out, "{si_signo=");
	dec_signal(out, signo);
	if (cname)
		srec_buf_addf(out, ", si_code=%s", cname);
	else
		srec_buf_addf(out, ", si_code=%d", code);
	if (from_user(code)) {
		srec_buf_addf(out, ", si_pid=%d, si_uid=%u",
			      (int32_t)dec_u32(si, SI_PID),
			      dec_u32(si, SI_UID));
		if (code == SI_QUEUE)
			srec_buf_addf(out, ", si_int=%d, si_ptr=%#" PRIx64,
				      (int32_t)dec_u32(si, SI_VALUE),
				      dec_u64(si, SI_VALUE));
	} else if (code == SI_TIMER) {
		srec_buf_addf(out,
			      ", si_timerid=%#x, si_overrun=%d, "
			      "si_int=%d, si_ptr=%#" PRIx64,
			      dec_u32(si, SI_TIMERID),
			      (int32_t)dec_u32(si, SI_OVERRUN),
			      (int32_t)dec_u32(si, SI_VALUE),
			      dec_u64(si, SI_VALUE));
	} else if (signo == SIGCHLD) {
		int status = (int32_t)dec_u32(si, SI_STATUS);

		srec_buf_addf(out, ", si_pid=%d, si_uid=%u, si_status=",
			      (int32_t)dec_u32(si, SI_PID),
			      dec_u32(si, SI_UID));
		if (code == CLD_EXITED)
			srec_buf_addf(out, "%d", status);
		else
			dec_signal(out, status);
		srec_buf_addf(out, ", si_utime=%" PRIu64 ", si_stime=%" PRIu64,
			      dec_u64(si, SI_UTIME), dec_u64(si, SI_STIME));
	} else if (is_fault_signal(signo)) {
		uint64_t addr = dec_u64(si, SI_ADDR);

		srec_buf_adds(out, ", si_addr=");
		if (addr)
			srec_buf_addf(out, "%#" PRIx64, addr);
		else
			srec_buf_adds(out, "NULL");
	} else if (signo == SIGPOLL) {
		srec_buf_addf(out, ", si_band=%" PRId64 ", si_fd=%d",
			      (int64_t)dec_u64(si, SI_BAND),
			      (int32_t)dec_u32(si, SI_FD));
	} else if (signo == SIGSYS) {
		srec_buf_addf(out,
			      ", si_call_addr=%#" PRIx64
			      ", si_syscall=%d, si_arch=%#x",
			      dec_u64(si, SI_CALL_ADDR),
			      (int32_t)dec_u32(si, SI_SYSCALL),
			      dec_u32(si, SI_ARCH));
	}
	srec_buf_addc(out, '}');
}

void srec_sys_format_siginfo(const Srec__Signal *sig, struct srec_buf *out)
{
	uint8_t si[SIGINFO_SIZE];

	if (sig->has_siginfo && sig->siginfo.len >= SIGINFO_SIZE) {
		print_siginfo_raw(out, sig->siginfo.data);
		return;
	}
	/* No raw siginfo: rebuild the fields the event carries. */
	memset(si, 0, sizeof(si));
	memcpy(si + SI_SIGNO, &sig->signo, 4);
	memcpy(si + SI_CODE, &sig->code, 4);
	if (is_fault_signal(sig->signo)) {
		memcpy(si + SI_ADDR, &sig->addr, 8);
	} else {
		memcpy(si + SI_PID, &sig->sender_pid, 4);
		memcpy(si + SI_UID, &sig->sender_uid, 4);
		if (sig->signo == SIGCHLD)
			memcpy(si + SI_STATUS, &sig->status, 4);
	}
	print_siginfo_raw(out, si);
}

/* ---- Signal sets ----------------------------------------------------- */

/* A name without "SIG" for sets: [INT TERM], as strace prints them. */
static void set_member(struct srec_buf *out, int sig)
{
	size_t start = out->len;

	dec_signal(out, sig);
	if (!strncmp(out->data + start, "SIG", 3)) {
		memmove(out->data + start, out->data + start + 3,
			out->len - start - 3 + 1);
		out->len -= 3;
	}
}

/*
 * [INT TERM]; a set with more than half the signals is printed as its
 * complement, ~[KILL STOP], and the full set as ~[].
 */
void dec_sigset(struct srec_buf *out, const uint8_t *p, size_t n)
{
	unsigned nsig = (unsigned)(n * 8), set = 0, i;
	bool invert;

	for (i = 0; i < nsig; i++)
		set += (p[i / 8] >> (i % 8)) & 1;
	invert = set > nsig / 2;
	srec_buf_adds(out, invert ? "~[" : "[");
	set = 0;
	for (i = 0; i < nsig; i++) {
		bool bit = (p[i / 8] >> (i % 8)) & 1;

		if (bit == invert)
			continue;
		if (set++)
			srec_buf_addc(out, ' ');
		set_member(out, (int)i + 1);
	}
	srec_buf_addc(out, ']');
}

static void print_sigset_struct(struct dec *d, const uint8_t *p, size_t n)
{
	/* The kernel's set is as long as the call's sigsetsize; the stored
	 * region says how much that was. */
	dec_sigset(d->out, p, n > 128 ? 128 : n);
}

static void print_sigaction(struct dec *d, const uint8_t *p, size_t n)
{
	uint64_t handler = dec_u64(p, SA_HANDLER), flags = dec_u64(p, SA_FLAGS);

	srec_buf_adds(d->out, "{sa_handler=");
	if (handler == 0)
		srec_buf_adds(d->out, "SIG_DFL");
	else if (handler == 1)
		srec_buf_adds(d->out, "SIG_IGN");
	else
		srec_buf_addf(d->out, "%#" PRIx64, handler);
	srec_buf_adds(d->out, ", sa_mask=");
	dec_sigset(d->out, p + SA_MASK, n - SA_MASK > 8 ? 8 : n - SA_MASK);
	srec_buf_adds(d->out, ", sa_flags=");
	dec_flags(d->out, SREC_XLAT_SA_FLAGS, flags, "0");
	if (flags & SA_RESTORER_FLAG)
		srec_buf_addf(d->out, ", sa_restorer=%#" PRIx64,
			      dec_u64(p, SA_RESTORER));
	srec_buf_addc(d->out, '}');
}

static void print_siginfo_struct(struct dec *d, const uint8_t *p, size_t n)
{
	print_siginfo_raw(d->out, p);
}

const struct dec_struct_row dec_signal_structs[] = {
	{ SREC_STRUCT_SIGSET, 8, print_sigset_struct },
	{ SREC_STRUCT_SIGACTION, KSIGACTION_SIZE, print_sigaction },
	{ SREC_STRUCT_SIGINFO, SIGINFO_SIZE, print_siginfo_struct },
	{ 0 }
};

const struct dec_sys_row dec_signal_sys[] = {
	{ NULL }
};
