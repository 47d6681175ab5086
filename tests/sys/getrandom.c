// SPDX-License-Identifier: MIT
/* getrandom.c - getrandom: the bytes in hex, flags. */
#include "tests.h"

#include <sys/random.h>

static void hex(char *out, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out += sprintf(out, "\\x%02x", p[i]);
}

int main(void)
{
	unsigned char buf[40];
	char text[200];
	ssize_t n;

	test_begin();
	n = getrandom(buf, 8, GRND_NONBLOCK);
	hex(text, buf, 8);
	expect("getrandom(\"%s\", 8, GRND_NONBLOCK) = %zd", text, n);
	n = getrandom(buf, 40, 0);
	hex(text, buf, 32);
	expect("getrandom(\"%s\"..., 40, 0) = %zd", text, n);
	n = getrandom(buf, 8, 0x40000);
	expect("getrandom(%s, 8, 0x40000 /* GRND_??? */) = -1 EINVAL (Invalid "
	       "argument)", addr(buf));
	return test_end();
}
