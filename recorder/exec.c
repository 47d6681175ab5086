// SPDX-License-Identifier: MIT
/*
 * exec.c - the Exec event.  At the PTRACE_EVENT_EXEC stop the new image
 * has not run yet: srec_tracee_exec_fixup() hides the vDSO and reads
 * AT_RANDOM, and what replay needs to start the same program (exe and its
 * content hash, argv, env, cwd, auxv) is gathered from /proc.  The event
 * itself is written after the execve's own Syscall event, at its exit
 * stop (schemas/EVENTS.md rule 4).
 */
#include "rec_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "srec_buf.h"
#include "srec_hash.h"
#include "srec_tracee.h"

struct rec_exec {
	pid_t former_tid;
	char *exe;
	char *cwd;
	struct srec_buf cmdline; /* NUL-separated, as /proc gives them */
	struct srec_buf environ;
	uint64_t exe_size;
	uint8_t exe_hash[16];
	bool has_hash;
	struct srec_tracee_exec fx;
	bool has_fx;
	uint64_t ip, sp;
	bool dropped;
};

struct rec_exe_hash {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	uint8_t hash[16];
};

void rec_exec_free(struct rec_exec *e)
{
	if (!e)
		return;
	free(e->exe);
	free(e->cwd);
	srec_buf_free(&e->cmdline);
	srec_buf_free(&e->environ);
	free(e->fx.auxv);
	free(e);
}

pid_t rec_exec_former_tid(const struct rec_exec *e)
{
	return e->former_tid;
}

void rec_exec_hashes_free(struct rec *r)
{
	free(r->exe_hashes);
	r->exe_hashes = NULL;
	r->n_exe_hashes = 0;
}

char *rec_proc_link(pid_t pid, const char *what)
{
	char path[64], buf[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, what);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return srec_xstrdup(buf);
}

int rec_proc_file(pid_t pid, const char *what, struct srec_buf *out)
{
	char path[64], buf[8192];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, what);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		srec_buf_add(out, buf, (size_t)n);
	close(fd);
	return n < 0 ? -errno : 0;
}

/* The content hash of the executable open on @fd, cached by identity. */
static int exe_hash(struct rec *r, const struct rec_thread *t, int fd,
		    const struct stat *st, uint8_t hash[16])
{
	struct rec_exe_hash *h;
	void *map;
	size_t i;

	for (i = 0; i < r->n_exe_hashes; i++) {
		h = &r->exe_hashes[i];
		if (h->dev == st->st_dev && h->ino == st->st_ino &&
		    h->size == st->st_size &&
		    h->mtime.tv_sec == st->st_mtim.tv_sec &&
		    h->mtime.tv_nsec == st->st_mtim.tv_nsec) {
			memcpy(hash, h->hash, 16);
			return 0;
		}
	}
	if (st->st_size) {
		map = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_PRIVATE,
			   fd, 0);
		if (map == MAP_FAILED)
			return -errno;
		/*
		 * The executable's content is kept as a Blob too (once per
		 * content, as mapped files are), so a program built or
		 * deleted during the recording (gcc && ./a.out, make)
		 * replays after it is gone (EVENTS.md rule 17).
		 */
		if (srec_fmt_writer_blob(r->w, t->tgid, t->tid, map,
					 (size_t)st->st_size, hash) < 0)
			srec_hash128(map, (size_t)st->st_size, hash);
		munmap(map, (size_t)st->st_size);
	} else {
		srec_hash128("", 0, hash);
	}
	r->exe_hashes = srec_xrealloc(r->exe_hashes, (r->n_exe_hashes + 1) *
							     sizeof(*h));
	h = &r->exe_hashes[r->n_exe_hashes++];
	h->dev = st->st_dev;
	h->ino = st->st_ino;
	h->size = st->st_size;
	h->mtime = st->st_mtim;
	memcpy(h->hash, hash, 16);
	return 0;
}

/* Effective uid and gid of @pid, from /proc/PID/status. */
static int proc_ids(pid_t pid, uid_t *euid, gid_t *egid)
{
	struct srec_buf s = SREC_BUF_INIT;
	unsigned long ru, eu, rg, eg;
	const char *u, *g;
	int err;

	err = rec_proc_file(pid, "status", &s);
	u = strstr(srec_buf_str(&s), "\nUid:");
	g = strstr(srec_buf_str(&s), "\nGid:");
	if (!err && (!u || !g || sscanf(u, "\nUid: %lu %lu", &ru, &eu) != 2 ||
		     sscanf(g, "\nGid: %lu %lu", &rg, &eg) != 2))
		err = -EINVAL;
	srec_buf_free(&s);
	if (err)
		return err;
	*euid = (uid_t)eu;
	*egid = (gid_t)eg;
	return 0;
}

/* Under ptrace the kernel ignores set-user-ID and set-group-ID bits
 * unless the tracer may act as the new identity: say so when it did. */
static bool privileges_dropped(pid_t pid, const struct stat *st)
{
	uid_t euid;
	gid_t egid;

	if (!(st->st_mode & S_ISUID) &&
	    (st->st_mode & (S_ISGID | S_IXGRP)) != (S_ISGID | S_IXGRP))
		return false;
	if (proc_ids(pid, &euid, &egid))
		return false;
	return ((st->st_mode & S_ISUID) && euid != st->st_uid) ||
	       ((st->st_mode & S_ISGID) && egid != st->st_gid);
}

int rec_exec_stop(struct rec *r, struct rec_thread *t, pid_t former_tid,
		  uint64_t ip, uint64_t sp)
{
	struct rec_exec *e = srec_xcalloc(1, sizeof(*e));
	char path[64];
	struct stat st;
	int fd, err;

	e->former_tid = former_tid;
	e->ip = ip;
	e->sp = sp;
	err = srec_tracee_exec_fixup(t->tid, sp, &e->fx);
	e->has_fx = !err;
	e->exe = rec_proc_link(t->tid, "exe");
	e->cwd = rec_proc_link(t->tid, "cwd");
	rec_proc_file(t->tid, "cmdline", &e->cmdline);
	rec_proc_file(t->tid, "environ", &e->environ);
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)t->tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (!fstat(fd, &st)) {
			e->exe_size = (uint64_t)st.st_size;
			e->has_hash = !exe_hash(r, t, fd, &st, e->exe_hash);
			e->dropped = privileges_dropped(t->tid, &st);
		}
		close(fd);
	}
	if (e->dropped && !r->warned_setuid) {
		rec_warn(r, "%s is set-user-ID or set-group-ID: it runs "
			 "without those privileges under srec",
			 e->exe ? e->exe : "a program");
		r->warned_setuid = true;
	}
	rec_exec_free(t->exec);
	t->exec = e;
	return err;
}

/* Split NUL-separated @b into a vector (pointing into @b). */
static char **split(struct srec_buf *b, size_t *n, bool names_only)
{
	char **v = NULL, *p, *end;
	size_t k = 0;

	p = b->data;
	end = b->data ? b->data + b->len : NULL;
	/* The block normally ends with a NUL; one that was cut (a program
	 * rewrote its argument area) still ends a string at buf's NUL. */
	while (p && p < end) {
		size_t len = strlen(p);

		v = srec_xrealloc(v, (k + 1) * sizeof(*v));
		v[k++] = p;
		if (names_only) {
			char *eq = strchr(p, '=');

			if (eq)
				*eq = '\0';
		}
		p += len + 1;
	}
	*n = k;
	return v;
}

int rec_exec_emit(struct rec *r, struct rec_thread *t)
{
	struct rec_exec *e = t->exec;
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Exec x = SREC__EXEC__INIT;
	size_t n_argv, n_env;
	char **argv, **env;
	int err;

	if (!e)
		return 0;
	argv = split(&e->cmdline, &n_argv, false);
	env = split(&e->environ, &n_env, r->o->no_env);
	x.has_former_tid = true;
	x.former_tid = e->former_tid;
	x.exe = e->exe;
	x.cwd = e->cwd;
	x.n_argv = n_argv;
	x.argv = argv;
	x.n_env = n_env;
	x.env = env;
	x.has_exe_size = true;
	x.exe_size = e->exe_size;
	if (e->has_hash) {
		x.has_exe_hash = true;
		x.exe_hash.len = sizeof(e->exe_hash);
		x.exe_hash.data = e->exe_hash;
	}
	if (e->has_fx) {
		x.has_auxv = true;
		x.auxv.len = e->fx.auxv_len;
		x.auxv.data = e->fx.auxv;
		if (e->fx.at_random_addr) {
			x.has_at_random = x.has_at_random_addr = true;
			x.at_random.len = sizeof(e->fx.at_random);
			x.at_random.data = e->fx.at_random;
			x.at_random_addr = e->fx.at_random_addr;
		}
	}
	x.has_sp = x.has_ip = true;
	x.sp = e->sp;
	x.ip = e->ip;
	if (e->dropped)
		x.has_privileges_dropped = x.privileges_dropped = true;
	ev.has_pid = ev.has_tid = true;
	ev.pid = t->tgid;
	ev.tid = t->tgid;
	ev.kind_case = SREC__EVENT__KIND_EXEC;
	ev.exec = &x;
	err = rec_append(r, &ev);
	free(argv);
	free(env);
	rec_exec_free(e);
	t->exec = NULL;
	return err;
}
