// SPDX-License-Identifier: MIT
/*
 * mem.c - reading and writing a stopped tracee's memory.
 *
 * process_vm_readv/writev move many bytes in one call but stop at the
 * first page they cannot access and refuse pages without the permission
 * asked for.  /proc/TID/mem goes through the kernel's ptrace access
 * (FOLL_FORCE): it also reads pages the tracee may not read and writes
 * read-only text, as a debugger does, so it finishes what the fast path
 * could not.
 */
#define _GNU_SOURCE /* process_vm_readv, process_vm_writev */
#include "srec_tracee.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static int open_mem(pid_t tid, int flags)
{
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)tid);
	fd = open(path, flags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* pread/pwrite on /proc/TID/mem until @len bytes or the first failure. */
static ssize_t proc_mem_io(pid_t tid, bool write, uint64_t addr, void *buf,
			   size_t len)
{
	size_t done = 0;
	ssize_t n;
	int fd;

	fd = open_mem(tid, write ? O_RDWR : O_RDONLY);
	if (fd < 0)
		return fd;
	while (done < len) {
		/* The offset is the address; pread's off_t is signed, but
		 * user addresses on every 64-bit Linux fit below 2^63. */
		if (write)
			n = pwrite(fd, (char *)buf + done, len - done,
				   (off_t)(addr + done));
		else
			n = pread(fd, (char *)buf + done, len - done,
				  (off_t)(addr + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!done)
				done = n < 0 ? (size_t)-errno : (size_t)-EIO;
			break;
		}
		done += (size_t)n;
	}
	close(fd);
	return (ssize_t)done;
}

ssize_t srec_tracee_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n, more;

	if (!len)
		return 0;
	n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n < 0)
		n = 0;
	if ((size_t)n == len)
		return n;
	more = proc_mem_io(tid, false, addr + (uint64_t)n, (char *)buf + n,
			   len - (size_t)n);
	if (more > 0)
		return n + more;
	return n ? n : (more < 0 ? more : -EFAULT);
}

ssize_t srec_tracee_write(pid_t tid, uint64_t addr, const void *buf,
			  size_t len)
{
	struct iovec local = { (void *)buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n, more;

	if (!len)
		return 0;
	n = process_vm_writev(tid, &local, 1, &remote, 1, 0);
	if (n < 0)
		n = 0;
	if ((size_t)n == len)
		return n;
	more = proc_mem_io(tid, true, addr + (uint64_t)n,
			   (char *)buf + n, len - (size_t)n);
	if (more > 0)
		return n + more;
	return n ? n : (more < 0 ? more : -EFAULT);
}

ssize_t srec_tracee_read_str(pid_t tid, uint64_t addr, char *buf, size_t max,
			     bool *cut)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t got = 0;

	*cut = false;
	/* Chunks end at page boundaries so that a string just before an
	 * unmapped page is read whole without touching that page. */
	while (got < max) {
		uint64_t a = addr + got;
		size_t chunk = page - (size_t)(a & (page - 1));
		ssize_t n;
		char *nul;

		if (chunk > max - got)
			chunk = max - got;
		n = srec_tracee_read(tid, a, buf + got, chunk);
		if (n <= 0) {
			if (!got)
				return n < 0 ? n : -EFAULT;
			*cut = true;
			break;
		}
		nul = memchr(buf + got, '\0', (size_t)n);
		if (nul)
			return nul - buf;
		got += (size_t)n;
		if ((size_t)n < chunk) {
			*cut = true;
			break;
		}
	}
	if (got == max)
		*cut = true;
	buf[got] = '\0';
	return (ssize_t)got;
}

static ssize_t mem_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	return srec_tracee_read(*(pid_t *)ctx, addr, buf, len);
}

void srec_tracee_mem(pid_t *tid_box, struct srec_sys_tracee_mem *mem)
{
	mem->read = mem_read;
	mem->ctx = tid_box;
}
