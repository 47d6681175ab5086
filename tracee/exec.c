// SPDX-License-Identifier: MIT
/*
 * exec.c - fixing up a new process image at its PTRACE_EVENT_EXEC stop,
 * before its first instruction: find the auxiliary vector by walking the
 * System V initial stack (argc, argv[], NULL, envp[], NULL, auxv pairs),
 * hide the vDSO so that time calls become real, recordable syscalls, and
 * read the AT_RANDOM bytes the C library seeds its canaries from.
 */
#include "srec_tracee.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "srec_buf.h"

/* Reads the stack a word at a time through a window of whole chunks. */
struct stack_cursor {
	pid_t tid;
	uint64_t base;  /* tracee address of win[0] */
	size_t have;    /* valid bytes in win */
	uint64_t win[512];
};

static int word_at(struct stack_cursor *c, uint64_t addr, uint64_t *v)
{
	ssize_t n;

	if (addr < c->base || addr + 8 > c->base + c->have) {
		n = srec_tracee_read(c->tid, addr, c->win, sizeof(c->win));
		/* -errno is never 0 (gcc -O3 cannot tell from (int)n). */
		if (n < 8)
			return n < 0 && n > -4096 ? (int)n : -EFAULT;
		c->base = addr;
		c->have = (size_t)n;
	}
	memcpy(v, (char *)c->win + (addr - c->base), 8);
	return 0;
}

/* Skip a NULL-terminated pointer array at @addr; returns past its NULL. */
static int skip_ptrs(struct stack_cursor *c, uint64_t *addr)
{
	uint64_t v;
	int err;

	do {
		err = word_at(c, *addr, &v);
		if (err)
			return err;
		*addr += 8;
	} while (v);
	return 0;
}

int srec_tracee_exec_fixup(pid_t tid, uint64_t sp,
			   struct srec_tracee_exec *out)
{
	struct stack_cursor *c;
	uint64_t argc, p, key, val;
	uint8_t *auxv = NULL;
	size_t n = 0;
	int err;

	memset(out, 0, sizeof(*out));
	c = srec_xcalloc(1, sizeof(*c));
	c->tid = tid;
	err = word_at(c, sp, &argc);
	if (err)
		goto out;
	p = sp + 8 + (argc + 1) * 8;
	err = skip_ptrs(c, &p);
	if (err)
		goto out;
	out->sp = sp;
	out->auxv_addr = p;
	for (;;) {
		err = word_at(c, p + n * 16, &key);
		if (!err)
			err = word_at(c, p + n * 16 + 8, &val);
		if (err)
			goto out;
		if (key == AT_SYSINFO_EHDR) {
			uint64_t ign = AT_IGNORE;

			if (srec_tracee_write(tid, p + n * 16, &ign, 8) != 8) {
				err = -EFAULT;
				goto out;
			}
			key = AT_IGNORE;
			out->vdso_hidden = true;
		} else if (key == AT_RANDOM) {
			out->at_random_addr = val;
		} else if (key == AT_SECURE) {
			out->secure = val != 0;
		}
		auxv = srec_xrealloc(auxv, (n + 1) * 16);
		memcpy(auxv + n * 16, &key, 8);
		memcpy(auxv + n * 16 + 8, &val, 8);
		n++;
		if (key == AT_NULL)
			break;
		/* A real auxv has a few dozen entries; a runaway walk means
		 * the stack was not what we took it for. */
		if (n > 1024) {
			err = -EINVAL;
			goto out;
		}
	}
	if (out->at_random_addr &&
	    srec_tracee_read(tid, out->at_random_addr, out->at_random, 16) !=
		    16) {
		err = -EFAULT;
		goto out;
	}
	out->auxv = auxv;
	out->auxv_len = n * 16;
	auxv = NULL;
out:
	free(auxv);
	free(c);
	return err;
}
