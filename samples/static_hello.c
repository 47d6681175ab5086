// SPDX-License-Identifier: MIT
/*
 * static_hello.c - a statically linked program (no dynamic loader, libc
 * inside): prints one greeting with one write(2) between the marks.
 */
#include "sample.h"

int main(void)
{
	mark("begin");
	say("hello from a static binary\n");
	mark("end");
	return 0;
}
