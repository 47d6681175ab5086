// SPDX-License-Identifier: MIT
/* getdents64.c - getdents64: the entry count, not the entries (strace
 * without -v). */
#include "tests.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(void)
{
	char dir[] = "/tmp/srec-getdents-XXXXXX", path[64];
	unsigned char buf[4096];
	long n, off;
	int fd, count = 0;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/a", dir);
	close(open(path, O_CREAT | O_WRONLY, 0600));
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	test_begin();
	n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	for (off = 0; off < n; count++)
		off += *(unsigned short *)(buf + off + 16);
	expect("getdents64(%d, %s /* %d entries */, 4096) = %ld", fd, addr(buf),
	       count, n);
	n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	expect("getdents64(%d, %s /* 0 entries */, 4096) = %ld", fd, addr(buf),
	       n);
	n = syscall(SYS_getdents64, -1, buf, sizeof(buf));
	expect("getdents64(-1, %s, 4096) = -1 EBADF (Bad file descriptor)",
	       addr(buf));
	unlink(path);
	rmdir(dir);
	return test_end();
}
