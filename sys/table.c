// SPDX-License-Identifier: MIT
/*
 * table.c - lookups over the syscall table that gen_table.py generates
 * from arch/<arch>/syscalls.tbl: by number, by name, by strace class, and
 * what an argument kind means for replay.
 */
#include <string.h>

#include "sys_int.h"

const struct srec_sys_entry *srec_sys_get(unsigned nr)
{
	return nr < SYS_NR_LIMIT && sys_rows[nr].name ? &sys_rows[nr] : NULL;
}

/* Binary search over the generated name order: a few hundred names, so
 * nine comparisons at most and no table to build at startup. */
const struct srec_sys_entry *srec_sys_find(const char *name)
{
	size_t lo = 0, hi = SYS_ROWS;

	if (!name)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct srec_sys_entry *e = &sys_rows[sys_by_name[mid]];
		int c = strcmp(name, e->name);

		if (!c)
			return e;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

unsigned srec_sys_nr_limit(void)
{
	return SYS_NR_LIMIT;
}

/* strace's class names; %net is its short spelling of %network.  srec
 * has one stat class, the whole family (strace's %%stat), so both
 * spellings name it. */
static const struct {
	const char *name;
	uint32_t cls;
} classes[] = {
	{ "%file", SREC_SC_FILE },       { "%desc", SREC_SC_DESC },
	{ "%process", SREC_SC_PROCESS }, { "%network", SREC_SC_NETWORK },
	{ "%net", SREC_SC_NETWORK },     { "%signal", SREC_SC_SIGNAL },
	{ "%memory", SREC_SC_MEMORY },   { "%ipc", SREC_SC_IPC },
	{ "%creds", SREC_SC_CREDS },     { "%clock", SREC_SC_CLOCK },
	{ "%stat", SREC_SC_STAT },       { "%%stat", SREC_SC_STAT },
};

uint32_t srec_sys_class_by_name(const char *name)
{
	size_t i;

	if (!name)
		return 0;
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (!strcmp(name, classes[i].name))
			return classes[i].cls;
	return 0;
}

/*
 * Kinds whose value is an address in the tracee.  IOCTL_ARG and
 * FCNTL_ARG count as addresses: their integer uses (FIONBIO's int is
 * passed by pointer anyway; F_SETFD, F_DUPFD...) are compared by the
 * recorded memory or result, while a pointer use would differ between
 * runs for no reason.  SPECIAL arguments are almost all pointers
 * (futex's timeout, getsockopt's optval, SysV buffers, getdents' dirp).
 */
bool srec_sys_arg_is_pointer(const struct srec_sys_entry *e, unsigned i)
{
	if (!e || i >= e->nargs)
		return false;
	switch (e->args[i].kind) {
	case SREC_ARG_PTR:
	case SREC_ARG_PATH:
	case SREC_ARG_STR:
	case SREC_ARG_STRARRAY:
	case SREC_ARG_IN_BUF:
	case SREC_ARG_OUT_BUF:
	case SREC_ARG_OUT_BUF_LEN:
	case SREC_ARG_OUT_STR:
	case SREC_ARG_IN_STRUCT:
	case SREC_ARG_OUT_STRUCT:
	case SREC_ARG_INOUT_STRUCT:
	case SREC_ARG_IN_STRUCT_LEN:
	case SREC_ARG_OUT_STRUCT_LEN:
	case SREC_ARG_IN_ARRAY:
	case SREC_ARG_OUT_ARRAY:
	case SREC_ARG_OUT_ARRAY_LEN:
	case SREC_ARG_IN_IOV:
	case SREC_ARG_OUT_IOV:
	case SREC_ARG_IN_SOCKADDR:
	case SREC_ARG_OUT_SOCKADDR:
	case SREC_ARG_SOCKLEN_PTR:
	case SREC_ARG_IN_MSGHDR:
	case SREC_ARG_OUT_MSGHDR:
	case SREC_ARG_IN_MMSGHDR:
	case SREC_ARG_OUT_MMSGHDR:
	case SREC_ARG_POLLFD:
	case SREC_ARG_FDSET:
	case SREC_ARG_IOCTL_ARG:
	case SREC_ARG_FCNTL_ARG:
	case SREC_ARG_SPECIAL:
		return true;
	default:
		return false;
	}
}

size_t sys_struct_size(unsigned type)
{
	return type < SREC_STRUCT_COUNT ? sys_struct_sizes[type] : 0;
}
