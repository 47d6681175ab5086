// SPDX-License-Identifier: MIT
/*
 * mmap_file.c - file-backed mappings: it writes mmap.dat (10000 bytes of
 * a known pattern) in the directory argv[1] (default "."), maps it whole,
 * maps it again 16384 bytes long (the last page lies past the end of the
 * file), maps /etc/passwd, and prints a checksum of each mapping's
 * readable bytes.  Between the marks:
 *   openat write close openat mmap(10000) mmap(16384) close openat
 *   newfstatat(fstat) mmap(passwd) close write munmap munmap munmap
 *   unlinkat
 */
#include "sample.h"

#include <sys/mman.h>
#include <sys/stat.h>

enum { DATA_LEN = 10000, LONG_LEN = 16384 };

/* FNV-1a, 32 bits: printable and cheap to recompute in a test. */
static unsigned fnv(const unsigned char *p, size_t n)
{
	unsigned h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	static unsigned char data[DATA_LEN];
	unsigned char *m1, *m2, *m3;
	struct stat st;
	long dfd, fd;
	size_t i;

	for (i = 0; i < DATA_LEN; i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	check(dfd >= 0, dir);
	mark("begin");
	fd = syscall(SYS_openat, dfd, "mmap.dat", O_CREAT | O_RDWR | O_TRUNC,
		     0600);
	check(fd >= 0, "create mmap.dat");
	check(syscall(SYS_write, fd, data, DATA_LEN) == DATA_LEN, "write");
	syscall(SYS_close, fd);
	fd = syscall(SYS_openat, dfd, "mmap.dat", O_RDONLY);
	check(fd >= 0, "open mmap.dat");
	m1 = mmap(NULL, DATA_LEN, PROT_READ, MAP_PRIVATE, (int)fd, 0);
	m2 = mmap(NULL, LONG_LEN, PROT_READ, MAP_SHARED, (int)fd, 0);
	check(m1 != MAP_FAILED && m2 != MAP_FAILED, "mmap mmap.dat");
	syscall(SYS_close, fd);
	fd = syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY);
	check(fd >= 0 && !fstat((int)fd, &st), "/etc/passwd");
	m3 = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, (int)fd,
		  0);
	check(m3 != MAP_FAILED, "mmap /etc/passwd");
	syscall(SYS_close, fd);
	/* The bytes between the end of the file and the end of its last
	 * page read as zeros; the page past that would fault (SIGBUS). */
	say("data %08x whole %08x page %08x\npasswd %ld bytes %08x\n",
	    fnv(data, DATA_LEN), fnv(m1, DATA_LEN), fnv(m2, 12288),
	    (long)st.st_size, fnv(m3, (size_t)st.st_size));
	munmap(m1, DATA_LEN);
	munmap(m2, LONG_LEN);
	munmap(m3, (size_t)st.st_size);
	check(!syscall(SYS_unlinkat, dfd, "mmap.dat", 0), "unlink");
	mark("end");
	return 0;
}
