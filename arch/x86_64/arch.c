// SPDX-License-Identifier: MIT
/* arch.c - x86_64 register access for the recorder and the replayer. */
#include "srec_arch.h"
#include "srec_arch_layout.h"

#include <errno.h>
#include <linux/audit.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/user.h>

const char srec_arch_name[] = "x86_64";
const uint32_t srec_arch_audit = AUDIT_ARCH_X86_64;
const unsigned srec_arch_syscall_insn_len = 2; /* 0f 05 */
const unsigned srec_arch_clone_ptid_arg = CLONE_ARG_PTID;
const unsigned srec_arch_clone_ctid_arg = CLONE_ARG_CTID;

#define U(r) (&(r)->u)
#define CU(r) (&(r)->u)

int srec_arch_get_regs(pid_t tid, struct srec_arch_regs *r)
{
	return ptrace(PTRACE_GETREGS, tid, NULL, U(r)) ? -errno : 0;
}

int srec_arch_set_regs(pid_t tid, const struct srec_arch_regs *r)
{
	return ptrace(PTRACE_SETREGS, tid, NULL, CU(r)) ? -errno : 0;
}

long srec_arch_syscall_nr(const struct srec_arch_regs *r)
{
	return (long)CU(r)->orig_rax;
}

void srec_arch_set_syscall_nr(struct srec_arch_regs *r, long nr)
{
	U(r)->orig_rax = (unsigned long)nr;
}

/* The x86_64 syscall ABI: rdi, rsi, rdx, r10, r8, r9. */
static unsigned long long *arg_slot(struct user_regs_struct *u, unsigned i)
{
	switch (i) {
	case 0: return &u->rdi;
	case 1: return &u->rsi;
	case 2: return &u->rdx;
	case 3: return &u->r10;
	case 4: return &u->r8;
	default: return &u->r9;
	}
}

uint64_t srec_arch_arg(const struct srec_arch_regs *r, unsigned i)
{
	return *arg_slot((struct user_regs_struct *)CU(r), i);
}

void srec_arch_set_arg(struct srec_arch_regs *r, unsigned i, uint64_t v)
{
	*arg_slot(U(r), i) = v;
}

int64_t srec_arch_ret(const struct srec_arch_regs *r)
{
	return (int64_t)CU(r)->rax;
}

void srec_arch_set_ret(struct srec_arch_regs *r, int64_t v)
{
	U(r)->rax = (unsigned long)v;
}

uint64_t srec_arch_ip(const struct srec_arch_regs *r)
{
	return CU(r)->rip;
}

uint64_t srec_arch_sp(const struct srec_arch_regs *r)
{
	return CU(r)->rsp;
}

void srec_arch_set_ip(struct srec_arch_regs *r, uint64_t ip)
{
	U(r)->rip = ip;
}
