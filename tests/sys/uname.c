// SPDX-License-Identifier: MIT
/* uname.c - uname: the abbreviated struct utsname. */
#include "tests.h"

#include <sys/utsname.h>

int main(void)
{
	struct utsname u;
	int rc;

	test_begin();
	rc = uname(&u);
	expect("uname({sysname=\"%s\", nodename=\"%s\", ...}) = %d", u.sysname,
	       u.nodename, rc);
	rc = uname(NULL);
	expect("uname(NULL) = -1 EFAULT (Bad address)");
	return test_end();
}
