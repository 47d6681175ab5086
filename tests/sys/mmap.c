// SPDX-License-Identifier: MIT
/* mmap.c - mmap, mprotect, munmap: prot and flag names, the hex result.
 * TRACE: mmap,mprotect,munmap */
#include "tests.h"

#include <fcntl.h>
#include <sys/mman.h>

int main(void)
{
	int fd = open("/proc/self/exe", O_RDONLY), rc;
	void *p, *q;

	test_begin();
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	expect("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|"
	       "MAP_ANONYMOUS, -1, 0) = %s", addr(p));
	q = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
	expect("mmap(NULL, 4096, PROT_READ, MAP_SHARED, %d, 0x1000) = %s", fd,
	       addr(q));
	rc = mprotect(p, 4096, PROT_NONE);
	expect("mprotect(%s, 4096, PROT_NONE) = %d", addr(p), rc);
	rc = munmap(p, 8192);
	expect("munmap(%s, 8192) = %d", addr(p), rc);
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, 0);
	expect("mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, 0) = -1 EBADF "
	       "(Bad file descriptor)");
	return test_end();
}
