// SPDX-License-Identifier: MIT
/*
 * stat_family.c - stat, fstat, newfstatat, lstat, statx, access,
 * readlink and readlinkat on /etc/passwd and /proc/self/exe.  Between the
 * marks it makes exactly:
 *   stat openat fstat newfstatat newfstatat(AT_EMPTY_PATH) lstat(ENOENT)
 *   statx access access(ENOENT) readlink readlinkat(EINVAL)
 *   newfstatat(path inside its own stat buffer) close write
 * and prints the size and mode it saw and its own path.  The last stat's
 * path is overwritten by the kernel's answer: a recorder must read the
 * path before the call, not after.
 */
#include "sample.h"

#include <sys/stat.h>

static const char missing[] = "/nonexistent-srec-sample";

int main(void)
{
	struct stat st1, st2, st3, st4, st5;
	struct statx stx;
	union {
		struct stat st;
		char path[sizeof(struct stat)];
	} both;
	char exe[4096];
	long fd, n;

	mark("begin");
	check(!syscall(SYS_stat, "/etc/passwd", &st1), "stat");
	fd = syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY);
	check(fd >= 0, "open /etc/passwd");
	check(!syscall(SYS_fstat, fd, &st2), "fstat");
	check(!syscall(SYS_newfstatat, AT_FDCWD, "/etc/passwd", &st3, 0),
	      "newfstatat");
	check(!syscall(SYS_newfstatat, fd, "", &st4, AT_EMPTY_PATH),
	      "newfstatat AT_EMPTY_PATH");
	check(syscall(SYS_lstat, missing, &st5) == -1 && errno == ENOENT,
	      "lstat of a missing file");
	check(!syscall(SYS_statx, AT_FDCWD, "/etc/passwd", 0,
		       STATX_BASIC_STATS, &stx), "statx");
	check(!syscall(SYS_access, "/etc/passwd", R_OK), "access");
	check(syscall(SYS_access, missing, F_OK) == -1 && errno == ENOENT,
	      "access of a missing file");
	n = syscall(SYS_readlink, "/proc/self/exe", exe, sizeof(exe) - 1);
	check(n > 0, "readlink");
	exe[n] = '\0';
	check(syscall(SYS_readlinkat, AT_FDCWD, "/etc/passwd", exe + n + 1,
		      sizeof(exe) - n - 1) == -1 && errno == EINVAL,
	      "readlinkat of a regular file");
	strcpy(both.path, "/etc/passwd");
	check(!syscall(SYS_newfstatat, AT_FDCWD, both.path, &both.st, 0) &&
	      both.st.st_ino == st1.st_ino, "newfstatat into its own path");
	syscall(SYS_close, fd);
	say("size %lld %lld %lld %lld %llu\nmode %o\nsame %d\nexe %s\n",
	    (long long)st1.st_size, (long long)st2.st_size,
	    (long long)st3.st_size, (long long)st4.st_size,
	    (unsigned long long)stx.stx_size, st1.st_mode & 07777,
	    st1.st_ino == st2.st_ino && st2.st_ino == stx.stx_ino, exe);
	mark("end");
	return 0;
}
