// SPDX-License-Identifier: MIT
/*
 * files_dirs.c - the file and directory calls, in a directory given as
 * argv[1]: mkdirat, openat (create and read), write, lseek, read,
 * renameat2, getdents64, unlinkat.  Between the marks it makes exactly:
 *   openat(dir) mkdirat openat(sub/a.txt, create) write lseek close
 *   openat(sub/a.txt) read lseek read close renameat2 openat(sub)
 *   getdents64 getdents64 close unlinkat unlinkat close write
 * and prints what it read and found.
 */
#include "sample.h"

#include <dirent.h>
#include <stdint.h>

struct dirent64_raw {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

static const char text[] = "hello, files\n";

int main(int argc, char **argv)
{
	char buf[4096], got1[64] = "", got2[64] = "", names[256] = "";
	long dfd, fd, n, pos, off;

	if (argc < 2) {
		fprintf(stderr, "usage: files_dirs DIR\n");
		return 2;
	}
	mark("begin");
	dfd = syscall(SYS_openat, AT_FDCWD, argv[1], O_RDONLY | O_DIRECTORY);
	check(dfd >= 0, argv[1]);
	check(!syscall(SYS_mkdirat, dfd, "sub", 0755), "mkdirat");
	fd = syscall(SYS_openat, dfd, "sub/a.txt",
		     O_CREAT | O_WRONLY | O_TRUNC, 0644);
	check(fd >= 0, "create sub/a.txt");
	check(syscall(SYS_write, fd, text, sizeof(text) - 1) ==
	      sizeof(text) - 1, "write");
	pos = syscall(SYS_lseek, fd, 0, SEEK_CUR);
	syscall(SYS_close, fd);
	fd = syscall(SYS_openat, dfd, "sub/a.txt", O_RDONLY);
	check(fd >= 0, "open sub/a.txt");
	n = syscall(SYS_read, fd, got1, sizeof(got1) - 1);
	check(n == sizeof(text) - 1, "read");
	check(syscall(SYS_lseek, fd, 7, SEEK_SET) == 7, "lseek");
	n = syscall(SYS_read, fd, got2, sizeof(got2) - 1);
	check(n == 6, "read after lseek");
	syscall(SYS_close, fd);
	check(!syscall(SYS_renameat2, dfd, "sub/a.txt", dfd, "sub/b.txt", 0),
	      "renameat2");
	fd = syscall(SYS_openat, dfd, "sub", O_RDONLY | O_DIRECTORY);
	check(fd >= 0, "open sub");
	n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	check(n > 0, "getdents64");
	/* Only b.txt besides . and ..: the file system's order of
	 * entries cannot change the output. */
	for (off = 0; off < n;) {
		struct dirent64_raw *d = (struct dirent64_raw *)(buf + off);

		if (strcmp(d->name, ".") && strcmp(d->name, "..")) {
			strncat(names, d->name,
				sizeof(names) - strlen(names) - 2);
			strcat(names, " ");
		}
		off += d->reclen;
	}
	check(syscall(SYS_getdents64, fd, buf, sizeof(buf)) == 0,
	      "getdents64 at end");
	syscall(SYS_close, fd);
	check(!syscall(SYS_unlinkat, dfd, "sub/b.txt", 0), "unlink");
	check(!syscall(SYS_unlinkat, dfd, "sub", AT_REMOVEDIR), "rmdir");
	syscall(SYS_close, dfd);
	say("wrote %ld bytes\nread: %sread at 7: %sentries: %s\n", pos, got1,
	    got2, names);
	mark("end");
	return 0;
}
