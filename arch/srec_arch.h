/* SPDX-License-Identifier: MIT */
/*
 * srec_arch.h - the architecture facts the engines need, implemented once
 * per architecture in arch/<arch>/arch.c.  Syscall numbers, struct layouts
 * and argument kinds live beside it in arch/<arch>/syscalls.tbl.
 */
#ifndef SREC_ARCH_H
#define SREC_ARCH_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

/* The general registers of a stopped tracee.  Use the accessors below;
 * the member is the arch's own layout. */
struct srec_arch_regs {
	struct user_regs_struct u;
};

extern const char srec_arch_name[];     /* "x86_64" */
extern const uint32_t srec_arch_audit;  /* AUDIT_ARCH_* of native calls */

/* PTRACE_GETREGS / PTRACE_SETREGS (or their regset form).  0 or -errno. */
int srec_arch_get_regs(pid_t tid, struct srec_arch_regs *r);
int srec_arch_set_regs(pid_t tid, const struct srec_arch_regs *r);

/* The syscall number as the kernel will dispatch it (orig_rax).  Setting
 * it to -1 at syscall-entry-stop makes the kernel skip the call. */
long srec_arch_syscall_nr(const struct srec_arch_regs *r);
void srec_arch_set_syscall_nr(struct srec_arch_regs *r, long nr);
uint64_t srec_arch_arg(const struct srec_arch_regs *r, unsigned i);
void srec_arch_set_arg(struct srec_arch_regs *r, unsigned i, uint64_t v);
/* The return register (valid at syscall-exit-stop). */
int64_t srec_arch_ret(const struct srec_arch_regs *r);
void srec_arch_set_ret(struct srec_arch_regs *r, int64_t v);
uint64_t srec_arch_ip(const struct srec_arch_regs *r);
uint64_t srec_arch_sp(const struct srec_arch_regs *r);
void srec_arch_set_ip(struct srec_arch_regs *r, uint64_t ip);

/* Length of the syscall instruction, for rewinding the ip to re-run it. */
extern const unsigned srec_arch_syscall_insn_len;

/* Which clone() arguments hold the CLONE_PARENT_SETTID and
 * CLONE_CHILD_SETTID addresses (their order differs between arches). */
extern const unsigned srec_arch_clone_ptid_arg;
extern const unsigned srec_arch_clone_ctid_arg;

#endif
