// SPDX-License-Identifier: MIT
/*
 * stack_chain.c - a known call chain for record -k: main -> f -> g ->
 * write(2).  Built -g -O0 -fno-omit-frame-pointer -no-pie with the
 * functions noinline (samples/CMakeLists.txt), so the return addresses
 * into g, f and main sit on the stack at the write, at the addresses
 * `nm` gives.
 */
#include <string.h>
#include <unistd.h>

__attribute__((noinline)) static void g(const char *msg)
{
	if (write(1, msg, strlen(msg)) < 0)
		_exit(1);
}

__attribute__((noinline)) static void f(const char *msg)
{
	g(msg);
	/* Keeps the call to g from being a tail call at any level. */
	__asm__ volatile("" ::: "memory");
}

int main(void)
{
	f("stack chain\n");
	return 0;
}
