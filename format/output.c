// SPDX-License-Identifier: MIT
/*
 * output.c - open the file a trace is written to.  A trace holds all the
 * program read, so a fresh regular file is always created with mode 0600;
 * but a path that names a FIFO or a character device (-o /dev/null, a
 * named pipe a reader waits on, -o /dev/stdout) is written through as it
 * is: removing it would, as root, replace /dev/null with a regular file.
 */
#include "srec_fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Open an existing FIFO or character device as it is, never chmod it. */
static int open_through(const char *path, int nofollow)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | nofollow);

	return fd < 0 ? -errno : fd;
}

static int is_stream(mode_t m)
{
	return S_ISFIFO(m) || S_ISCHR(m);
}

/*
 * Is the link @path one of /proc's fd links, or a link into /proc
 * (/dev/stdout, /dev/fd/N, /proc/self/fd/N)?  Those name an open file
 * of srec's: replacing the link would, as root, turn /dev/stdout into a
 * regular file, so what it names is written to instead.
 */
static int is_proc_link(const char *path)
{
	char t[16], dir[PATH_MAX], *real, *slash;
	ssize_t n = readlink(path, t, sizeof(t) - 1);
	int hit;

	if (n > 0) {
		t[n] = 0;
		if (!strncmp(t, "/proc/", 6))
			return 1;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		return 0;
	slash[slash == dir] = 0;
	real = realpath(dir, NULL);
	hit = real && !strncmp(real, "/proc/", 6);
	free(real);
	return hit;
}

int srec_fmt_output_open(const char *path, bool *created)
{
	struct stat st;
	int fd;

	*created = false;
	if (lstat(path, &st)) {
		if (errno != ENOENT)
			return -errno;
	} else if (is_stream(st.st_mode)) {
		return open_through(path, O_NOFOLLOW);
	} else if (S_ISLNK(st.st_mode)) {
		/* A link to a FIFO or device: write to what it names. */
		if (!stat(path, &st) && (is_stream(st.st_mode) ||
					 (S_ISREG(st.st_mode) &&
					  is_proc_link(path))))
			return open_through(path, 0);
		if (!stat(path, &st) && S_ISDIR(st.st_mode))
			return -EISDIR;
	} else if (S_ISDIR(st.st_mode)) {
		return -EISDIR;
	} else if (!S_ISREG(st.st_mode)) {
		/* A block device or a socket: neither replaced nor written. */
		return -EEXIST;
	}
	/*
	 * A regular file (perhaps with a wider mode) or a link to one is
	 * removed and the new file created exclusively with 0600, so the
	 * trace is never readable by others, not even for a moment.
	 */
	if (unlink(path) && errno != ENOENT)
		return -errno;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, 0600)) {
		int err = -errno;

		close(fd);
		unlink(path);
		return err;
	}
	*created = true;
	return fd;
}
