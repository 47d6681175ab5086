// SPDX-License-Identifier: MIT
/*
 * record_output.c - where `srec record` writes its trace (-o).  A regular
 * file is made anew (the old one kept as FILE.old, as perf keeps
 * perf.data.old); a FIFO or a character device (/dev/null) is written
 * through and never removed; `-o -` is srec's standard output.  In every
 * case the trace must not be the same stream as PROG's own stdout or
 * stderr, or PROG's output would land inside it.
 */
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Keep the previous trace as FILE.old. */
static int keep_old(const char *file)
{
	struct stat st;
	char *old;
	int err = 0;

	if (lstat(file, &st) || !S_ISREG(st.st_mode))
		return 0;
	old = malloc(strlen(file) + 5);
	if (!old)
		return -ENOMEM;
	sprintf(old, "%s.old", file);
	if (rename(file, old))
		err = -errno;
	free(old);
	return err;
}

/* A stream where two writers would interleave: pipes, FIFOs, files.
 * Writing into /dev/null or a terminal PROG also writes to mixes
 * nothing a reader parses. */
static int mixes(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       (S_ISFIFO(a->st_mode) || S_ISREG(a->st_mode) ||
		S_ISSOCK(a->st_mode));
}

/* Is @fd the same stream as PROG's fd @n (srec's own, which PROG
 * inherits, or /proc/PID/fd/N of the process attached to)? */
static int is_progs(int fd, long pid, int n)
{
	struct stat a, b;
	char p[64];

	if (fstat(fd, &a))
		return 0;
	if (pid) {
		snprintf(p, sizeof(p), "/proc/%ld/fd/%d", pid, n);
		if (stat(p, &b))
			return 0;
	} else if (fstat(n, &b)) {
		return 0;
	}
	return mixes(&a, &b);
}

/*
 * `-o -`: the trace takes srec's stdout.  PROG, which would inherit it,
 * gets srec's stderr as its stdout instead, so its output still reaches
 * the user and never the trace.
 */
static int open_stdout(long pid, int *fd)
{
	if (isatty(STDOUT_FILENO))
		return srec_error("-o -: standard output is a terminal; "
				  "redirect it to a file or a pipe");
	*fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (*fd < 0)
		return srec_error("-o -: %s", srec_strerror(-errno));
	if (!pid && dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
		return srec_error("-o -: %s", srec_strerror(-errno));
	return 0;
}

int cli_record_output(const char *output, long pid, int *fd)
{
	bool created;
	int err;

	*fd = -1;
	if (!strcmp(output, "-")) {
		if (open_stdout(pid, fd))
			goto fail;
	} else {
		err = keep_old(output);
		if (err)
			return srec_error("cannot keep the old %s: %s", output,
					  srec_strerror(err));
		*fd = srec_fmt_output_open(output, &created);
		if (*fd == -EEXIST)
			return srec_error("%s exists and is not a regular "
					  "file, FIFO or character device: "
					  "not replaced", output);
		if (*fd < 0)
			return srec_error("cannot write the trace to %s: %s",
					  output, srec_strerror(*fd));
	}
	if (is_progs(*fd, pid, STDOUT_FILENO) ||
	    is_progs(*fd, pid, STDERR_FILENO)) {
		srec_error("%s is %s own stdout or stderr: the trace would mix "
			   "with its output", output,
			   pid ? "the process's" : "PROG's");
		goto fail;
	}
	return 0;
fail:
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
	return -1;
}
