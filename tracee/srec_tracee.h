/* SPDX-License-Identifier: MIT */
/*
 * srec_tracee.h - what the recorder and the replayer both do to a stopped
 * tracee: read and write its memory, and fix up a freshly exec'd image
 * (hide the vDSO, find AT_RANDOM) before its first instruction runs.
 */
#ifndef SREC_TRACEE_H
#define SREC_TRACEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "srec_sys.h"

/*
 * srec_tracee_read - copy up to @len bytes at @addr of thread @tid into
 * @buf: process_vm_readv, then /proc/TID/mem for what that could not read.
 * @return: bytes read (fewer than @len when the rest is unmapped), or
 *          -errno when not even the first byte was readable.
 */
ssize_t srec_tracee_read(pid_t tid, uint64_t addr, void *buf, size_t len);

/*
 * srec_tracee_write - copy @len bytes from @buf to @addr of thread @tid:
 * process_vm_writev, then /proc/TID/mem, which also writes read-only
 * pages (as a debugger does).
 * @return: bytes written, or -errno.
 */
ssize_t srec_tracee_write(pid_t tid, uint64_t addr, const void *buf,
			  size_t len);

/*
 * srec_tracee_read_str - read a NUL-terminated string at @addr, at most
 * @max bytes (NUL excluded) into @buf (@max + 1 bytes), NUL-terminated.
 * @return: its length, or -errno.  *@cut is set when no NUL was found
 *          within @max bytes (or memory ended first).
 */
ssize_t srec_tracee_read_str(pid_t tid, uint64_t addr, char *buf, size_t max,
			     bool *cut);

/*
 * srec_tracee_mem - a reader of thread @tid's memory in the form the
 * capture functions of srec_sys.h take.  @tid_box must outlive its use.
 */
void srec_tracee_mem(pid_t *tid_box, struct srec_sys_tracee_mem *mem);

/* What srec_tracee_exec_fixup() found on a new process image's stack. */
struct srec_tracee_exec {
	uint64_t sp;             /* initial stack pointer (argc) */
	uint64_t auxv_addr;      /* where the auxv pairs start */
	uint8_t *auxv;           /* raw pairs up to and with AT_NULL, as the
				  * program will see them (vDSO hidden);
				  * malloc'd, owned by the caller */
	size_t auxv_len;
	uint64_t at_random_addr; /* 0 if absent */
	uint8_t at_random[16];
	bool vdso_hidden;        /* an AT_SYSINFO_EHDR was turned off */
	bool secure;             /* AT_SECURE was set */
};

/*
 * srec_tracee_exec_fixup - at the PTRACE_EVENT_EXEC stop of thread @tid
 * whose stack pointer is @sp: walk argc/argv/envp to the auxiliary vector,
 * turn AT_SYSINFO_EHDR into AT_IGNORE (so time calls become real syscalls)
 * and read the 16 AT_RANDOM bytes.
 * @return: 0 with @out filled (free out->auxv), or -errno.
 */
int srec_tracee_exec_fixup(pid_t tid, uint64_t sp,
			   struct srec_tracee_exec *out);

#endif
