// SPDX-License-Identifier: MIT
/* poll.c - poll: the array in, the revents out, timeouts. */
#include "tests.h"

#include <poll.h>

int main(void)
{
	struct pollfd pf[2];
	int p[2], rc;

	if (pipe(p))
		return 1;
	pf[0].fd = p[0];
	pf[0].events = POLLIN;
	pf[1].fd = p[1];
	pf[1].events = POLLOUT;
	test_begin();
	rc = poll(pf, 2, 100);
	expect("poll([{fd=%d, events=POLLIN}, {fd=%d, events=POLLOUT}], 2, 100)"
	       " = %d ([{fd=%d, revents=POLLOUT}])", p[0], p[1], rc, p[1]);
	rc = poll(pf, 1, 0);
	expect("poll([{fd=%d, events=POLLIN}], 1, 0) = %d (Timeout)", p[0], rc);
	return test_end();
}
