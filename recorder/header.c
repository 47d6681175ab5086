// SPDX-License-Identifier: MIT
/*
 * header.c - the TraceHeader of a recording: what was run, where, when,
 * on what machine, and what its standard streams were connected to (replay
 * echoes the program's writes to the streams that were a tty or a pipe).
 */
#include "rec_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "srec_arch.h"
#include "srec_buf.h"

struct rec_header_store {
	struct utsname uts;
	char cwd[PATH_MAX];
	char paths[3][PATH_MAX];
	Srec__StdStream streams[3];
	Srec__StdStream *stream_ptrs[3];
	struct srec_buf cmdline; /* -p: the process's command line */
	char **command;          /* -p: pointers into cmdline */
	char **inject;           /* -e inject=: the rules' texts */
};

/* What fd @fd of @pid (0: srec itself) is connected to. */
static void std_stream(pid_t pid, int fd, Srec__StdStream *s, char *path)
{
	char link[64];
	struct stat st;
	ssize_t n;
	int err;

	srec__std_stream__init(s);
	s->has_fd = s->has_kind = true;
	s->fd = fd;
	if (pid)
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	else
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	err = stat(link, &st);
	if (err && errno == ENOENT) {
		s->kind = SREC__FD_KIND__FD_CLOSED;
		return;
	}
	n = readlink(link, path, PATH_MAX - 1);
	if (n >= 0) {
		path[n] = '\0';
		s->path = path;
	}
	if (err)
		s->kind = SREC__FD_KIND__FD_UNKNOWN;
	else if (S_ISFIFO(st.st_mode))
		s->kind = SREC__FD_KIND__FD_PIPE;
	else if (S_ISREG(st.st_mode))
		s->kind = SREC__FD_KIND__FD_FILE;
	else if (S_ISSOCK(st.st_mode))
		s->kind = SREC__FD_KIND__FD_SOCKET;
	else if (S_ISCHR(st.st_mode) && s->path &&
		 !strcmp(s->path, "/dev/null"))
		s->kind = SREC__FD_KIND__FD_DEVNULL;
	/* Character devices with a tty major: the console, /dev/tty*,
	 * pseudo-terminals (136-143) and /dev/pts' multiplexer (5). */
	else if (S_ISCHR(st.st_mode) &&
		 ((major(st.st_rdev) >= 136 && major(st.st_rdev) <= 143) ||
		  major(st.st_rdev) == 4 || major(st.st_rdev) == 5))
		s->kind = SREC__FD_KIND__FD_TTY;
	else
		s->kind = SREC__FD_KIND__FD_OTHER;
}

int rec_header_build(struct rec *r, Srec__TraceHeader *h,
		     struct rec_header_store **store)
{
	struct rec_header_store *s = srec_xcalloc(1, sizeof(*s));
	const struct srec_rec_opts *o = r->o;
	struct timespec ts;
	pid_t who = o->attach_pid;
	int fd;

	srec__trace_header__init(h);
	h->has_format_major = h->has_format_minor = true;
	h->format_major = SREC_FMT_MAJOR;
	h->format_minor = SREC_FMT_MINOR;
	h->srec_version = (char *)SREC_VERSION;
	h->arch = (char *)srec_arch_name;
	if (!uname(&s->uts)) {
		h->kernel_release = s->uts.release;
		h->hostname = s->uts.nodename;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	h->has_start_realtime_ns = h->has_start_monotonic_ns = true;
	h->start_realtime_ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	h->start_monotonic_ns = (int64_t)r->t0;
	if (who) {
		size_t n = 0;
		char *p, *end, *cwd;

		rec_proc_file(who, "cmdline", &s->cmdline);
		p = s->cmdline.data;
		end = p ? p + s->cmdline.len : NULL;
		while (p && p < end) {
			s->command = srec_xrealloc(s->command,
						   (n + 1) * sizeof(char *));
			s->command[n++] = p;
			p += strlen(p) + 1;
		}
		h->n_command = n;
		h->command = s->command;
		h->has_attached_pid = true;
		h->attached_pid = who;
		cwd = rec_proc_link(who, "cwd");
		if (cwd) {
			snprintf(s->cwd, sizeof(s->cwd), "%s", cwd);
			h->cwd = s->cwd;
			free(cwd);
		}
	} else {
		while (o->argv[h->n_command])
			h->n_command++;
		h->command = o->argv;
		if (getcwd(s->cwd, sizeof(s->cwd)))
			h->cwd = s->cwd;
	}
	for (fd = 0; fd < 3; fd++) {
		std_stream(who, fd, &s->streams[fd], s->paths[fd]);
		s->stream_ptrs[fd] = &s->streams[fd];
	}
	h->n_std_streams = 3;
	h->std_streams = s->stream_ptrs;
	h->has_page_size = true;
	h->page_size = (uint32_t)r->page;
	h->has_buffer_cap = true;
	h->buffer_cap = o->buffer_cap;
	h->has_no_env = true;
	h->no_env = o->no_env;
	h->has_stack_copy = o->stack_copy != 0;
	h->stack_copy = o->stack_copy;
	h->has_root_pid = true;
	h->root_pid = r->root;
	if (o->inject && o->inject->n_rules) {
		size_t i;

		s->inject = srec_xcalloc(o->inject->n_rules, sizeof(char *));
		for (i = 0; i < o->inject->n_rules; i++)
			s->inject[i] = o->inject->rules[i].text;
		h->n_inject = o->inject->n_rules;
		h->inject = s->inject;
	}
	*store = s;
	return 0;
}

void rec_header_free(struct rec_header_store *s)
{
	if (!s)
		return;
	srec_buf_free(&s->cmdline);
	free(s->command);
	free(s->inject);
	free(s);
}
