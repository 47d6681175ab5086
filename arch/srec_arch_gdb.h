/* SPDX-License-Identifier: MIT */
/*
 * srec_arch_gdb.h - the arch's general registers as the GDB remote
 * protocol numbers them (g/G/p/P packets and target.xml), for
 * `srec replay --gdb` (issue 16).  A table in arch/<arch>/gdb_regs.c.
 */
#ifndef SREC_ARCH_GDB_H
#define SREC_ARCH_GDB_H

#include <stddef.h>
#include <stdint.h>

#include "srec_arch.h"

struct srec_arch_gdb_reg {
	const char *name;    /* gdb's name: "rax", "fs_base" */
	unsigned regnum;     /* gdb's number (target.xml regnum=) */
	unsigned bits;       /* size on the wire: 32 or 64 */
	const char *type;    /* target.xml type: "int64", "code_ptr" */
	const char *feature; /* "org.gnu.gdb.i386.core", ".linux" */
	size_t off;          /* offset in struct srec_arch_regs */
};

/* The table, in gdb's order; *@n gets its length. */
const struct srec_arch_gdb_reg *srec_arch_gdb_regs(size_t *n);

/*
 * srec_arch_gdb_get - register @regnum of @r in target byte order.
 * @out: room for 8 bytes.
 * @return: the byte count, or -ENOENT for a number srec does not serve.
 */
int srec_arch_gdb_get(const struct srec_arch_regs *r, unsigned regnum,
		      uint8_t *out);

/* srec_arch_gdb_set - the reverse: bits/8 bytes at @in.  0 or -ENOENT. */
int srec_arch_gdb_set(struct srec_arch_regs *r, unsigned regnum,
		      const uint8_t *in);

/*
 * srec_arch_gdb_get_fp / _set_fp - the x87 and SSE registers (24-56) in
 * the PTRACE_GETFPREGS area, as gdb's i387 code reads an fxsave image.
 * @return: the byte count (get) or 0 (set); -ENOENT for another number.
 */
int srec_arch_gdb_get_fp(const struct user_fpregs_struct *fp,
			 unsigned regnum, uint8_t *out);
int srec_arch_gdb_set_fp(struct user_fpregs_struct *fp, unsigned regnum,
			 const uint8_t *in);

/*
 * srec_arch_gdb_tdesc - the target.xml gdb asks for (qXfer:features):
 * every register, its number, size and type, in gdb's features.
 * @return: the length written to @out (NUL-terminated), or -ENOSPC.
 */
int srec_arch_gdb_tdesc(char *out, size_t cap);

#endif
