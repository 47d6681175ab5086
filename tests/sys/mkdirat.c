// SPDX-License-Identifier: MIT
/* mkdirat.c - mkdirat, unlinkat, renameat2: the directory family.
 * TRACE: mkdirat,unlinkat,renameat2 */
#include "tests.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(void)
{
	char dir[] = "/tmp/srec-mkdirat-XXXXXX", a[64], b[64];
	int rc;

	if (!mkdtemp(dir))
		return 1;
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	test_begin();
	rc = mkdirat(AT_FDCWD, a, 0755);
	expect("mkdirat(AT_FDCWD, \"%s\", 0755) = %d", a, rc);
	rc = mkdirat(AT_FDCWD, a, 0700);
	expect("mkdirat(AT_FDCWD, \"%s\", 0700) = -1 EEXIST (File exists)", a);
	rc = (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
			  RENAME_NOREPLACE);
	expect("renameat2(AT_FDCWD, \"%s\", AT_FDCWD, \"%s\", "
	       "RENAME_NOREPLACE) "
	       "= %d",
	       a, b, rc);
	rc = unlinkat(AT_FDCWD, b, 0);
	expect("unlinkat(AT_FDCWD, \"%s\", 0) = -1 EISDIR (Is a directory)", b);
	rc = unlinkat(AT_FDCWD, b, AT_REMOVEDIR);
	expect("unlinkat(AT_FDCWD, \"%s\", AT_REMOVEDIR) = %d", b, rc);
	rc = unlinkat(AT_FDCWD, dir, AT_REMOVEDIR);
	expect("unlinkat(AT_FDCWD, \"%s\", AT_REMOVEDIR) = %d", dir, rc);
	return test_end();
}
