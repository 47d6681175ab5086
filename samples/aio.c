// SPDX-License-Identifier: MIT
/*
 * aio.c - Linux native AIO (io_setup, io_submit, io_getevents,
 * io_cancel, io_destroy) writing a file in its current directory.
 * Between the marks it makes exactly:
 *   openat io_setup io_submit io_getevents io_cancel(EINVAL) io_destroy
 *   pread64 close write
 * The one io_submit hands over two iocbs: an IOCB_CMD_PWRITE of
 * "hello, aio\n" at offset 0 and an IOCB_CMD_PWRITEV of "second " and
 * "line\n" at offset 11; it then prints what the file holds.
 */
#include "sample.h"

#include <linux/aio_abi.h>
#include <stdint.h>
#include <sys/uio.h>

int main(void)
{
	static const char first[] = "hello, aio\n";
	static char second[] = "second ", third[] = "line\n";
	struct iovec iov[2] = {
		{ second, sizeof(second) - 1 },
		{ third, sizeof(third) - 1 },
	};
	struct iocb cbs[2], *list[2] = { &cbs[0], &cbs[1] };
	struct io_event events[2];
	aio_context_t ctx = 0;
	char back[64];
	long fd, n;

	mark("begin");
	fd = syscall(SYS_openat, AT_FDCWD, "aio.out",
		     O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0, "open aio.out");
	check(!syscall(SYS_io_setup, 8, &ctx), "io_setup");
	memset(cbs, 0, sizeof(cbs));
	cbs[0].aio_data = 1;
	cbs[0].aio_lio_opcode = IOCB_CMD_PWRITE;
	cbs[0].aio_fildes = (uint32_t)fd;
	cbs[0].aio_buf = (uint64_t)(uintptr_t)first;
	cbs[0].aio_nbytes = sizeof(first) - 1;
	cbs[1].aio_data = 2;
	cbs[1].aio_lio_opcode = IOCB_CMD_PWRITEV;
	cbs[1].aio_fildes = (uint32_t)fd;
	cbs[1].aio_buf = (uint64_t)(uintptr_t)iov;
	cbs[1].aio_nbytes = 2;
	cbs[1].aio_offset = sizeof(first) - 1;
	check(syscall(SYS_io_submit, ctx, 2, list) == 2, "io_submit");
	check(syscall(SYS_io_getevents, ctx, 2, 2, events, NULL) == 2,
	      "io_getevents");
	/* Both are done: nothing left to cancel. */
	check(syscall(SYS_io_cancel, ctx, &cbs[0], &events[0]) == -1 &&
	      errno == EINVAL, "io_cancel of a finished iocb");
	check(!syscall(SYS_io_destroy, ctx), "io_destroy");
	n = syscall(SYS_pread64, fd, back, sizeof(back) - 1, 0);
	check(n > 0, "pread");
	back[n] = '\0';
	syscall(SYS_close, fd);
	say("%s", back);
	mark("end");
	return 0;
}
