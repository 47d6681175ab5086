// SPDX-License-Identifier: MIT
/*
 * gdb_regs.c - x86_64 general registers in gdb's amd64 numbering
 * (srec_arch_gdb.h).  Numbers 0-23 are gdb's org.gnu.gdb.i386.core order;
 * 24-56 are the x87 and SSE registers (not in this table: served from the
 * xsave area); orig_rax, fs_base and gs_base follow as gdb's amd64 Linux
 * target numbers them.  Segment registers and eflags are 32 bits on the
 * wire although user_regs_struct keeps them in 64.
 */
#include "srec_arch_gdb.h"

#include <errno.h>
#include <string.h>

#define CORE "org.gnu.gdb.i386.core"
#define LINUX "org.gnu.gdb.i386.linux"
#define R(nm, num, bits, type, feat, field)                                   \
	{ nm, num, bits, type, feat,                                          \
	  offsetof(struct srec_arch_regs, u) +                                \
		  offsetof(struct user_regs_struct, field) }

static const struct srec_arch_gdb_reg regs[] = {
	R("rax", 0, 64, "int64", CORE, rax),
	R("rbx", 1, 64, "int64", CORE, rbx),
	R("rcx", 2, 64, "int64", CORE, rcx),
	R("rdx", 3, 64, "int64", CORE, rdx),
	R("rsi", 4, 64, "int64", CORE, rsi),
	R("rdi", 5, 64, "int64", CORE, rdi),
	R("rbp", 6, 64, "data_ptr", CORE, rbp),
	R("rsp", 7, 64, "data_ptr", CORE, rsp),
	R("r8", 8, 64, "int64", CORE, r8),
	R("r9", 9, 64, "int64", CORE, r9),
	R("r10", 10, 64, "int64", CORE, r10),
	R("r11", 11, 64, "int64", CORE, r11),
	R("r12", 12, 64, "int64", CORE, r12),
	R("r13", 13, 64, "int64", CORE, r13),
	R("r14", 14, 64, "int64", CORE, r14),
	R("r15", 15, 64, "int64", CORE, r15),
	R("rip", 16, 64, "code_ptr", CORE, rip),
	R("eflags", 17, 32, "i386_eflags", CORE, eflags),
	R("cs", 18, 32, "int32", CORE, cs),
	R("ss", 19, 32, "int32", CORE, ss),
	R("ds", 20, 32, "int32", CORE, ds),
	R("es", 21, 32, "int32", CORE, es),
	R("fs", 22, 32, "int32", CORE, fs),
	R("gs", 23, 32, "int32", CORE, gs),
	R("orig_rax", 57, 64, "int", LINUX, orig_rax),
	R("fs_base", 58, 64, "int", LINUX, fs_base),
	R("gs_base", 59, 64, "int", LINUX, gs_base),
};

const struct srec_arch_gdb_reg *srec_arch_gdb_regs(size_t *n)
{
	*n = sizeof(regs) / sizeof(regs[0]);
	return regs;
}

static const struct srec_arch_gdb_reg *find(unsigned regnum)
{
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (regs[i].regnum == regnum)
			return &regs[i];
	return NULL;
}

int srec_arch_gdb_get(const struct srec_arch_regs *r, unsigned regnum,
		      uint8_t *out)
{
	const struct srec_arch_gdb_reg *g = find(regnum);
	uint64_t v;

	if (!g)
		return -ENOENT;
	memcpy(&v, (const char *)r + g->off, sizeof(v));
	/* x86_64 is little-endian: the low bytes come first either way. */
	memcpy(out, &v, g->bits / 8);
	return (int)(g->bits / 8);
}

int srec_arch_gdb_set(struct srec_arch_regs *r, unsigned regnum,
		      const uint8_t *in)
{
	const struct srec_arch_gdb_reg *g = find(regnum);
	uint64_t v = 0;

	if (!g)
		return -ENOENT;
	memcpy(&v, in, g->bits / 8);
	memcpy((char *)r + g->off, &v, sizeof(v));
	return 0;
}
