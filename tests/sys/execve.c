// SPDX-License-Identifier: MIT
/* execve.c - execve: the path, argv and the environment's count, a
 * failure, and a successful exec (the new image ends the test). */
#include "tests.h"

int main(int argc, char **argv)
{
	char *args[] = { "/nonexistent/prog", "-x", "a b", NULL };
	char *env[] = { "A=1", "B=2", NULL };

	test_begin();
	execve(args[0], args, env);
	expect("execve(\"/nonexistent/prog\", [\"/nonexistent/prog\", \"-x\", "
	       "\"a b\"], %s /* 2 vars */) = -1 ENOENT (No such file or "
	       "directory)", addr(env));
	return test_end();
}
