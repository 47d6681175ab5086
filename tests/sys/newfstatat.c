// SPDX-License-Identifier: MIT
/* newfstatat.c - newfstatat and fstat: the abbreviated struct stat, a
 * device's st_rdev, and a failed call's address.
 * TRACE: newfstatat,fstat */
#include "tests.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

int main(void)
{
	struct stat st;
	int fd = open("/dev/null", O_RDONLY), rc;

	test_begin();
	rc = fstatat(AT_FDCWD, "/dev/null", &st, 0);
	expect("newfstatat(AT_FDCWD, \"/dev/null\", {st_mode=S_IFCHR|0%o, "
	       "st_rdev=makedev(%#x, %#x), ...}, 0) = %d",
	       st.st_mode & 07777, major(st.st_rdev), minor(st.st_rdev), rc);
	rc = fstatat(AT_FDCWD, "/nonexistent", &st, AT_SYMLINK_NOFOLLOW);
	expect("newfstatat(AT_FDCWD, \"/nonexistent\", %s, AT_SYMLINK_NOFOLLOW)"
	       " = -1 ENOENT (No such file or directory)", addr(&st));
	rc = fstatat(AT_FDCWD, "/proc/self/cmdline", &st, 0);
	expect("newfstatat(AT_FDCWD, \"/proc/self/cmdline\", {st_mode=S_IFREG|"
	       "0444, st_size=0, ...}, 0) = %d", rc);
	rc = (int)syscall(SYS_fstat, fd, &st);
	expect("fstat(%d, {st_mode=S_IFCHR|0%o, st_rdev=makedev(%#x, %#x), "
	       "...}) = %d", fd, st.st_mode & 07777, major(st.st_rdev),
	       minor(st.st_rdev), rc);
	return test_end();
}
