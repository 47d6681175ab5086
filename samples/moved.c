// SPDX-License-Identifier: MIT
/*
 * moved.c - bytes the kernel moves to stdout by itself: `moved FILE`
 * sends FILE's first third with sendfile from the file position, the
 * second with sendfile from an offset pointer (the position stays), then
 * the rest after dup(1): with splice when stdout is a pipe, else with
 * copy_file_range.  What reaches stdout is FILE, byte for byte.
 */
#include "sample.h"

#include <sys/sendfile.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	struct stat st, out;
	off_t off, third;
	loff_t loff;
	ssize_t n;
	int fd, o;

	check(argc == 2, "usage: moved FILE");
	fd = open(argv[1], O_RDONLY);
	check(fd >= 0 && !fstat(fd, &st) && !fstat(1, &out), "open");
	third = st.st_size / 3;
	/* Into a pipe each call moves at most what the pipe holds. */
	for (off = 0; off < third; off += n) {
		n = sendfile(1, fd, NULL, (size_t)(third - off));
		check(n > 0, "sendfile");
	}
	while (off < 2 * third) {
		n = sendfile(1, fd, &off, (size_t)(2 * third - off));
		check(n > 0, "sendfile off");
	}
	/* Another fd number for the same stream: it is echoed too. */
	o = dup(1);
	check(o > 2, "dup");
	loff = 2 * third;
	while (loff < st.st_size) {
		size_t left = (size_t)(st.st_size - loff);

		if (S_ISFIFO(out.st_mode))
			n = splice(fd, &loff, o, NULL, left, 0);
		else
			n = copy_file_range(fd, &loff, o, NULL, left, 0);
		check(n > 0, "splice/copy_file_range");
	}
	return 0;
}
