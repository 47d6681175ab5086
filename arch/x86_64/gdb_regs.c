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
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CORE "org.gnu.gdb.i386.core"
#define LINUX "org.gnu.gdb.i386.linux"
#define R(nm, num, bits, type, feat, field)                                    \
	{                                                                      \
		nm, num, bits, type, feat,                                     \
			offsetof(struct srec_arch_regs, u) +                   \
				offsetof(struct user_regs_struct, field)       \
	}

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
	R("eflags", 17, 32, "int32", CORE, eflags),
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

/* fxsave keeps an abridged tag (one bit a register: in use); gdb wants
 * the full x87 tag word.  In use is shown as valid (00), free as empty
 * (11): gdb shows the values themselves, the zero/special kinds matter
 * to no one debugging a replay. */
static uint16_t full_tag(uint16_t abridged)
{
	uint16_t t = 0;

	for (unsigned i = 0; i < 8; i++)
		if (!(abridged & (1u << i)))
			t |= (uint16_t)(3u << (2 * i));
	return t;
}

static uint16_t abridged_tag(uint16_t full)
{
	uint16_t t = 0;

	for (unsigned i = 0; i < 8; i++)
		if (((full >> (2 * i)) & 3) != 3)
			t |= (uint16_t)(1u << i);
	return t;
}

int srec_arch_gdb_get_fp(const struct user_fpregs_struct *fp, unsigned regnum,
			 uint8_t *out)
{
	uint32_t v;

	if (regnum >= 24 && regnum < 32) {
		memcpy(out, (const char *)fp->st_space + 16 * (regnum - 24),
		       10);
		return 10;
	}
	if (regnum >= 40 && regnum < 56) {
		memcpy(out, (const char *)fp->xmm_space + 16 * (regnum - 40),
		       16);
		return 16;
	}
	switch (regnum) {
	case 32:
		v = fp->cwd;
		break;
	case 33:
		v = fp->swd;
		break;
	case 34:
		v = full_tag(fp->ftw);
		break;
	case 35:
		v = (uint32_t)(fp->rip >> 32) & 0xffff;
		break;
	case 36:
		v = (uint32_t)fp->rip;
		break;
	case 37:
		v = (uint32_t)(fp->rdp >> 32) & 0xffff;
		break;
	case 38:
		v = (uint32_t)fp->rdp;
		break;
	case 39:
		v = fp->fop & 0x7ffu;
		break;
	case 56:
		v = fp->mxcsr;
		break;
	default:
		return -ENOENT;
	}
	memcpy(out, &v, 4);
	return 4;
}

int srec_arch_gdb_set_fp(struct user_fpregs_struct *fp, unsigned regnum,
			 const uint8_t *in)
{
	uint32_t v;

	if (regnum >= 24 && regnum < 32) {
		memcpy((char *)fp->st_space + 16 * (regnum - 24), in, 10);
		return 0;
	}
	if (regnum >= 40 && regnum < 56) {
		memcpy((char *)fp->xmm_space + 16 * (regnum - 40), in, 16);
		return 0;
	}
	memcpy(&v, in, 4);
	switch (regnum) {
	case 32:
		fp->cwd = (uint16_t)v;
		break;
	case 33:
		fp->swd = (uint16_t)v;
		break;
	case 34:
		fp->ftw = abridged_tag((uint16_t)v);
		break;
	case 35:
		fp->rip = (fp->rip & 0xffffffffu) | (uint64_t)(v & 0xffff)
							    << 32;
		break;
	case 36:
		fp->rip = (fp->rip & ~0xffffffffull) | v;
		break;
	case 37:
		fp->rdp = (fp->rdp & 0xffffffffu) | (uint64_t)(v & 0xffff)
							    << 32;
		break;
	case 38:
		fp->rdp = (fp->rdp & ~0xffffffffull) | v;
		break;
	case 39:
		fp->fop = (uint16_t)(v & 0x7ff);
		break;
	case 56:
		fp->mxcsr = v;
		break;
	default:
		return -ENOENT;
	}
	return 0;
}

/* gdb's amd64 architecture needs the x87 and SSE features before it
 * accepts a description; their registers (24-56) come from the xsave area,
 * so they are written out here rather than taken from the table. */
static const char fp_sse[] =
	"<feature name=\"org.gnu.gdb.i386.sse\">"
	"<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
	"<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
	"<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
	"<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
	"<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
	"<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
	"<union id=\"vec128\"><field name=\"v4_float\" type=\"v4f\"/>"
	"<field name=\"v2_double\" type=\"v2d\"/>"
	"<field name=\"v16_int8\" type=\"v16i8\"/>"
	"<field name=\"v8_int16\" type=\"v8i16\"/>"
	"<field name=\"v4_int32\" type=\"v4i32\"/>"
	"<field name=\"v2_int64\" type=\"v2i64\"/>"
	"<field name=\"uint128\" type=\"uint128\"/></union>";

static int addf(char *out, size_t cap, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int addf(char *out, size_t cap, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out + *len, cap - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cap - *len)
		return -ENOSPC;
	*len += (size_t)n;
	return 0;
}

static int reg_xml(char *out, size_t cap, size_t *len, const char *name,
		   unsigned num, unsigned bits, const char *type,
		   const char *group)
{
	return addf(out, cap, len,
		    "<reg name=\"%s\" bitsize=\"%u\" type=\"%s\" "
		    "regnum=\"%u\"%s%s%s/>",
		    name, bits, type, num, group ? " group=\"" : "",
		    group ? group : "", group ? "\"" : "");
}

/* st0-7, the x87 control registers, xmm0-15 and mxcsr: 24-56, served
 * from the xsave area; the x87 ones close the core feature. */
static int fp_xml(char *out, size_t cap, size_t *len)
{
	static const char *const x87[] = {"fctrl", "fstat", "ftag",  "fiseg",
					  "fioff", "foseg", "fooff", "fop"};
	char nm[8];
	int err = 0;

	for (unsigned k = 0; !err && k < 8; k++) {
		snprintf(nm, sizeof(nm), "st%u", k);
		err = reg_xml(out, cap, len, nm, 24 + k, 80, "i387_ext", NULL);
	}
	for (unsigned k = 0; !err && k < 8; k++)
		err = reg_xml(out, cap, len, x87[k], 32 + k, 32, "int",
			      "float");
	if (!err)
		err = addf(out, cap, len, "</feature>%s", fp_sse);
	for (unsigned k = 0; !err && k < 16; k++) {
		snprintf(nm, sizeof(nm), "xmm%u", k);
		err = reg_xml(out, cap, len, nm, 40 + k, 128, "vec128", NULL);
	}
	if (!err)
		err = reg_xml(out, cap, len, "mxcsr", 56, 32, "int", "vector");
	return err;
}

int srec_arch_gdb_tdesc(char *out, size_t cap)
{
	const char *feat = NULL;
	size_t len = 0;
	int err = addf(out, cap, &len,
		       "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM "
		       "\"gdb-target.dtd\"><target><architecture>i386:x86-64"
		       "</architecture><osabi>GNU/Linux</osabi>");

	for (size_t i = 0; !err && i < sizeof(regs) / sizeof(regs[0]); i++) {
		if (!feat || strcmp(feat, regs[i].feature)) {
			if (feat && !strcmp(feat, CORE))
				err = fp_xml(out, cap, &len);
			if (!err && feat)
				err = addf(out, cap, &len, "</feature>");
			feat = regs[i].feature;
			if (!err)
				err = addf(out, cap, &len,
					   "<feature name=\"%s\">", feat);
		}
		if (!err)
			err = reg_xml(out, cap, &len, regs[i].name,
				      regs[i].regnum, regs[i].bits,
				      regs[i].type, NULL);
	}
	if (!err)
		err = addf(out, cap, &len, "</feature></target>");
	return err ? err : (int)len;
}
