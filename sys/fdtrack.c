// SPDX-License-Identifier: MIT
/*
 * fdtrack.c - which path each file descriptor names, replayed from the
 * trace's own calls (srec_sys_fdtrack_*), so `srec dump -y` can print
 * `read(3</etc/passwd>, ...)` for a run on another machine long ago.
 *
 * Each process has its own table (threads share it, fork copies it).
 * Relative paths are joined to the process's cwd or the dirfd's path as
 * far as the trace tells them.
 */
#include "srec_sys.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>

struct fd_slot {
	char *path; /* NULL: not open (or not known) */
	bool cloexec;
};

struct fd_proc {
	int pid;
	char *cwd;
	struct fd_slot *fds;
	int nfds;
};

struct srec_sys_fdtrack {
	struct fd_proc *procs;
	size_t nprocs;
	size_t last; /* index of the last process looked up */
	const Srec__TraceHeader *hdr;
	const struct fd_rule **rule_by_nr; /* [srec_sys_nr_limit()] */
	unsigned nr_limit;
};

/* What a call does to the fd table. */
enum fd_op {
	OP_OPEN,        /* ret = new fd for the path argument */
	OP_ANON,        /* ret = new fd named `anon` */
	OP_SOCKET,      /* ret = new socket */
	OP_ACCEPT,      /* ret = new socket */
	OP_PIPE,        /* int[2] out-argument `fd_arg` */
	OP_DUP,         /* ret = copy of arg 0 */
	OP_FCNTL,       /* F_DUPFD*, F_SETFD */
	OP_CLOSE,
	OP_CLOSE_RANGE,
	OP_NAME_SOCKET, /* connect/bind: name the socket by its address */
	OP_CHDIR,
	OP_FCHDIR,
};

struct fd_rule {
	const char *name;
	enum fd_op op;
	int flags_arg;     /* argument holding close-on-exec, -1: none */
	uint64_t cloexec;  /* its close-on-exec bit */
	int fd_arg;        /* OP_PIPE: the int[2] argument */
	const char *anon;  /* OP_ANON: the name strace shows */
};

#define CLOEXEC_BIT 0x80000 /* O_CLOEXEC = SOCK_CLOEXEC = EFD_CLOEXEC ... */

static const struct fd_rule rules[] = {
	{"open", OP_OPEN, 1, CLOEXEC_BIT, 0, NULL},
	{"openat", OP_OPEN, 2, CLOEXEC_BIT, 0, NULL},
	{"creat", OP_OPEN, -1, 0, 0, NULL},
	{"openat2", OP_OPEN, -1, 0, 0, NULL},
	{"socket", OP_SOCKET, 1, CLOEXEC_BIT, 0, NULL},
	{"accept", OP_ACCEPT, -1, 0, 0, NULL},
	{"accept4", OP_ACCEPT, 3, CLOEXEC_BIT, 0, NULL},
	{"socketpair", OP_PIPE, 1, CLOEXEC_BIT, 3, "socket:[...]"},
	{"pipe", OP_PIPE, -1, 0, 0, "pipe:[...]"},
	{"pipe2", OP_PIPE, 1, CLOEXEC_BIT, 0, "pipe:[...]"},
	{"dup", OP_DUP, -1, 0, 0, NULL},
	{"dup2", OP_DUP, -1, 0, 0, NULL},
	{"dup3", OP_DUP, 2, CLOEXEC_BIT, 0, NULL},
	{"fcntl", OP_FCNTL, -1, 0, 0, NULL},
	{"close", OP_CLOSE, -1, 0, 0, NULL},
	{"close_range", OP_CLOSE_RANGE, -1, 0, 0, NULL},
	{"connect", OP_NAME_SOCKET, -1, 0, 0, NULL},
	{"bind", OP_NAME_SOCKET, -1, 0, 0, NULL},
	{"chdir", OP_CHDIR, -1, 0, 0, NULL},
	{"fchdir", OP_FCHDIR, -1, 0, 0, NULL},
	{"eventfd", OP_ANON, -1, 0, 0, "anon_inode:[eventfd]"},
	{"eventfd2", OP_ANON, 1, CLOEXEC_BIT, 0, "anon_inode:[eventfd]"},
	{"epoll_create", OP_ANON, -1, 0, 0, "anon_inode:[eventpoll]"},
	{"epoll_create1", OP_ANON, 0, CLOEXEC_BIT, 0, "anon_inode:[eventpoll]"},
	{"timerfd_create", OP_ANON, 1, CLOEXEC_BIT, 0, "anon_inode:[timerfd]"},
	{"signalfd", OP_ANON, -1, 0, 0, "anon_inode:[signalfd]"},
	{"signalfd4", OP_ANON, 3, CLOEXEC_BIT, 0, "anon_inode:[signalfd]"},
	{"inotify_init", OP_ANON, -1, 0, 0, "anon_inode:inotify"},
	{"inotify_init1", OP_ANON, 0, CLOEXEC_BIT, 0, "anon_inode:inotify"},
	{"pidfd_open", OP_ANON, -1, 0, 0, "anon_inode:[pidfd]"},
	{"memfd_create", OP_ANON, 1, 1 /* MFD_CLOEXEC */, 0, "/memfd:"},
	{"userfaultfd", OP_ANON, 0, CLOEXEC_BIT, 0, "anon_inode:[userfaultfd]"},
	{"perf_event_open", OP_ANON, -1, 0, 0, "anon_inode:[perf_event]"},
	{"io_uring_setup", OP_ANON, -1, 0, 0, "anon_inode:[io_uring]"},
};

static const struct fd_rule *find_rule(const struct srec_sys_fdtrack *t,
				       unsigned nr)
{
	return nr < t->nr_limit ? t->rule_by_nr[nr] : NULL;
}

/* ---- Processes ------------------------------------------------------- */

static void set_fd(struct fd_proc *p, int fd, const char *path, bool cloexec)
{
	if (fd < 0 || fd > (1 << 20))
		return;
	if (fd >= p->nfds) {
		int n = fd + 16;

		p->fds = srec_xrealloc(p->fds, sizeof(*p->fds) * (size_t)n);
		memset(p->fds + p->nfds, 0,
		       sizeof(*p->fds) * (size_t)(n - p->nfds));
		p->nfds = n;
	}
	free(p->fds[fd].path);
	p->fds[fd].path = path ? srec_xstrdup(path) : NULL;
	p->fds[fd].cloexec = cloexec;
}

static const char *get_fd(const struct fd_proc *p, int fd)
{
	return fd >= 0 && fd < p->nfds ? p->fds[fd].path : NULL;
}

static void clear_proc(struct fd_proc *p)
{
	int i;

	for (i = 0; i < p->nfds; i++)
		free(p->fds[i].path);
	free(p->fds);
	free(p->cwd);
	p->fds = NULL;
	p->nfds = 0;
	p->cwd = NULL;
}

static struct fd_proc *find_proc(struct srec_sys_fdtrack *t, int pid)
{
	size_t i;

	if (t->last < t->nprocs && t->procs[t->last].pid == pid)
		return &t->procs[t->last];
	for (i = 0; i < t->nprocs; i++)
		if (t->procs[i].pid == pid) {
			t->last = i;
			return &t->procs[i];
		}
	return NULL;
}

static struct fd_proc *add_proc(struct srec_sys_fdtrack *t, int pid)
{
	struct fd_proc *p;

	t->procs = srec_xrealloc(t->procs, sizeof(*t->procs) *
						   (t->nprocs + 1));
	p = &t->procs[t->nprocs];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	t->last = t->nprocs++;
	return p;
}

/* A process seen for the first time without a fork: the traced root (or
 * an attached process) starts with the recorded standard streams. */
static struct fd_proc *get_proc(struct srec_sys_fdtrack *t, int pid)
{
	struct fd_proc *p = find_proc(t, pid);
	size_t i;

	if (p)
		return p;
	p = add_proc(t, pid);
	if (t->hdr && t->hdr->cwd)
		p->cwd = srec_xstrdup(t->hdr->cwd);
	for (i = 0; t->hdr && i < t->hdr->n_std_streams; i++) {
		const Srec__StdStream *s = t->hdr->std_streams[i];

		if (s->path && *s->path)
			set_fd(p, s->fd, s->path, false);
	}
	return p;
}

struct srec_sys_fdtrack *srec_sys_fdtrack_new(const Srec__TraceHeader *hdr)
{
	struct srec_sys_fdtrack *t = srec_xcalloc(1, sizeof(*t));
	const struct srec_sys_entry *e;
	size_t i;

	t->hdr = hdr;
	/* Index the rules by number: every event of the trace looks once. */
	t->nr_limit = srec_sys_nr_limit();
	t->rule_by_nr = srec_xcalloc(t->nr_limit, sizeof(*t->rule_by_nr));
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		e = srec_sys_find(rules[i].name);
		if (e && e->nr < t->nr_limit)
			t->rule_by_nr[e->nr] = &rules[i];
	}
	return t;
}

void srec_sys_fdtrack_free(struct srec_sys_fdtrack *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nprocs; i++)
		clear_proc(&t->procs[i]);
	free(t->procs);
	free(t->rule_by_nr);
	free(t);
}

const char *srec_sys_fdtrack_path(void *ctx, int pid, int fd)
{
	struct fd_proc *p = find_proc(ctx, pid);

	return p ? get_fd(p, fd) : NULL;
}

/* ---- Paths ----------------------------------------------------------- */

/* Append @rel to @out (which holds an absolute directory), resolving "."
 * and ".." lexically as the kernel would without symlinks. */
static void join_path(struct srec_buf *out, const char *rel, size_t len)
{
	while (len) {
		size_t n = 0;

		while (n < len && rel[n] != '/')
			n++;
		if (n == 2 && rel[0] == '.' && rel[1] == '.') {
			char *slash = strrchr(out->data, '/');

			out->len = slash && slash != out->data ?
					   (size_t)(slash - out->data) :
					   1;
			out->data[out->len] = '\0';
		} else if (n && !(n == 1 && rel[0] == '.')) {
			if (out->len && out->data[out->len - 1] != '/')
				srec_buf_addc(out, '/');
			srec_buf_add(out, rel, n);
		}
		rel += n;
		len -= n;
		while (len && *rel == '/') {
			rel++;
			len--;
		}
	}
}

/* The absolute form of @path (relative to @base when it is relative and
 * @base is known), into @out. */
static void resolve(struct srec_buf *out, const char *base, const char *path,
		    size_t len)
{
	srec_buf_reset(out);
	if (len && path[0] == '/') {
		srec_buf_addc(out, '/');
		join_path(out, path, len);
	} else if (base && base[0] == '/') {
		srec_buf_adds(out, base);
		join_path(out, path, len);
	} else {
		srec_buf_add(out, path, len);
	}
}

/* The directory a *at() call resolves against: cwd or its dirfd. */
static const char *base_dir(const struct fd_proc *p,
			    const Srec__Syscall *sc, const char *name)
{
	if (!strncmp(name, "openat", 6) && sc->n_args > 0 &&
	    (int)sc->args[0] != AT_FDCWD)
		return get_fd(p, (int)sc->args[0]);
	return p->cwd;
}

/* "socket:[127.0.0.1:80]" from the sockaddr a connect or bind used. */
static bool sockaddr_name(const Srec__Syscall *sc, struct srec_buf *out)
{
	size_t i;

	for (i = 0; i < sc->n_mem; i++) {
		const Srec__Mem *m = sc->mem[i];
		const uint8_t *p = m->data.data;
		char ip[INET6_ADDRSTRLEN];
		uint16_t family, port;

		if (m->arg != 1 || m->dir != SREC__DIR__IN || m->data.len < 2)
			continue;
		memcpy(&family, p, 2);
		srec_buf_reset(out);
		if (family == AF_UNIX && m->data.len > 2) {
			size_t n = strnlen((const char *)p + 2,
					   m->data.len - 2);

			srec_buf_adds(out, "socket:[");
			if (!n && m->data.len > 3)
				srec_buf_addc(out, '@');
			srec_buf_add(out, p + 2 + (n ? 0 : 1),
				     n ? n : strnlen((const char *)p + 3,
						     m->data.len - 3));
			srec_buf_addc(out, ']');
			return true;
		}
		if (family == AF_INET && m->data.len >= 8) {
			memcpy(&port, p + 2, 2);
			inet_ntop(AF_INET, p + 4, ip, sizeof(ip));
			srec_buf_addf(out, "socket:[%s:%u]", ip, ntohs(port));
			return true;
		}
		if (family == AF_INET6 && m->data.len >= 24) {
			memcpy(&port, p + 2, 2);
			inet_ntop(AF_INET6, p + 8, ip, sizeof(ip));
			srec_buf_addf(out, "socket:[[%s]:%u]", ip, ntohs(port));
			return true;
		}
	}
	return false;
}

/* The string argument @arg the call read (memfd_create's name). */
static const char *in_str(const Srec__Syscall *sc, unsigned arg, size_t *len)
{
	size_t i;

	for (i = 0; i < sc->n_mem; i++) {
		const Srec__Mem *m = sc->mem[i];

		if (m->arg == arg && m->dir == SREC__DIR__IN && m->data.data) {
			*len = strnlen((const char *)m->data.data, m->data.len);
			return (const char *)m->data.data;
		}
	}
	return NULL;
}

/* The two fds a pipe/socketpair wrote into its int[2] argument. */
static bool out_pair(const Srec__Syscall *sc, int arg, int fds[2])
{
	size_t i;

	for (i = 0; i < sc->n_mem; i++) {
		const Srec__Mem *m = sc->mem[i];

		if ((int)m->arg == arg && m->dir == SREC__DIR__OUT &&
		    m->data.len >= 8) {
			memcpy(fds, m->data.data, 8);
			return true;
		}
	}
	return false;
}

/* ---- Events ---------------------------------------------------------- */

static bool succeeded(const Srec__Syscall *sc)
{
	return sc->has_ret && !sc->no_return && sc->ret >= 0;
}

static uint64_t arg(const Srec__Syscall *sc, unsigned i)
{
	return i < sc->n_args ? sc->args[i] : 0;
}

/* Calls that create fds: applied before the line is printed. */
static void syscall_before(struct srec_sys_fdtrack *t, struct fd_proc *p,
			   const Srec__Syscall *sc)
{
	const struct fd_rule *r = find_rule(t, sc->nr);
	struct srec_buf path = SREC_BUF_INIT;
	int fd = (int)sc->ret, fds[2];
	bool cloexec;
	const char *s;
	size_t len;

	if (!r || !succeeded(sc))
		return;
	cloexec = r->flags_arg >= 0 && (arg(sc, (unsigned)r->flags_arg) &
					r->cloexec);
	switch (r->op) {
	case OP_OPEN:
		s = srec_sys_path_arg(sc, &len);
		if (!s)
			break;
		resolve(&path, base_dir(p, sc, r->name), s, len);
		set_fd(p, fd, srec_buf_str(&path), cloexec);
		break;
	case OP_ANON:
		if (!strcmp(r->anon, "/memfd:")) {
			s = in_str(sc, 0, &len);
			srec_buf_addf(&path, "/memfd:%.*s (deleted)",
				      s ? (int)len : 0, s ? s : "");
			set_fd(p, fd, srec_buf_str(&path), cloexec);
		} else {
			set_fd(p, fd, r->anon, cloexec);
		}
		break;
	case OP_SOCKET:
	case OP_ACCEPT:
		set_fd(p, fd, "socket:[...]", cloexec);
		break;
	case OP_PIPE:
		if (out_pair(sc, r->fd_arg, fds)) {
			set_fd(p, fds[0], r->anon, cloexec);
			set_fd(p, fds[1], r->anon, cloexec);
		}
		break;
	case OP_DUP:
		s = get_fd(p, (int)arg(sc, 0));
		set_fd(p, fd, s, cloexec);
		break;
	case OP_FCNTL:
		if (arg(sc, 1) == F_DUPFD || arg(sc, 1) == F_DUPFD_CLOEXEC)
			set_fd(p, fd, get_fd(p, (int)arg(sc, 0)),
			       arg(sc, 1) == F_DUPFD_CLOEXEC);
		break;
	default:
		break;
	}
	srec_buf_free(&path);
}

/* Calls that close or rename fds: applied after the line is printed. */
static void syscall_after(struct srec_sys_fdtrack *t, struct fd_proc *p,
			  const Srec__Syscall *sc)
{
	const struct fd_rule *r = find_rule(t, sc->nr);
	struct srec_buf path = SREC_BUF_INIT;
	int fd = (int)arg(sc, 0);
	uint64_t i, last;
	const char *s;
	size_t len;

	if (!r || !succeeded(sc))
		return;
	switch (r->op) {
	case OP_CLOSE:
		set_fd(p, fd, NULL, false);
		break;
	case OP_CLOSE_RANGE:
		last = arg(sc, 1) & 0xffffffff;
		for (i = arg(sc, 0) & 0xffffffff;
		     i <= last && i < (uint64_t)p->nfds; i++) {
			/* CLOSE_RANGE_CLOEXEC (4) marks instead of closing */
			if (arg(sc, 2) & 4)
				p->fds[i].cloexec = true;
			else
				set_fd(p, (int)i, NULL, false);
		}
		break;
	case OP_FCNTL:
		if (arg(sc, 1) == F_SETFD && fd >= 0 && fd < p->nfds)
			p->fds[fd].cloexec = arg(sc, 2) & FD_CLOEXEC;
		break;
	case OP_NAME_SOCKET:
		if (get_fd(p, fd) && sockaddr_name(sc, &path))
			set_fd(p, fd, srec_buf_str(&path),
			       p->fds[fd].cloexec);
		break;
	case OP_CHDIR:
		s = srec_sys_path_arg(sc, &len);
		if (s) {
			resolve(&path, p->cwd, s, len);
			free(p->cwd);
			p->cwd = srec_buf_detach(&path);
		}
		break;
	case OP_FCHDIR:
		if (get_fd(p, fd)) {
			free(p->cwd);
			p->cwd = srec_xstrdup(get_fd(p, fd));
		}
		break;
	default:
		break;
	}
	srec_buf_free(&path);
}

enum { CLONE_THREAD_FLAG = 0x10000 };

static void on_clone(struct srec_sys_fdtrack *t, const Srec__Event *ev)
{
	const Srec__Clone *c = ev->clone;
	struct fd_proc *parent, *child;
	int i;

	if (c->kind == SREC__CLONE_KIND__CLONE_KIND_CLONE &&
	    (c->flags & CLONE_THREAD_FLAG))
		return;
	get_proc(t, ev->pid);
	child = find_proc(t, c->child_pid);
	if (child)
		clear_proc(child);
	else
		child = add_proc(t, c->child_pid);
	/* add_proc may move the array: look the parent up again. */
	parent = find_proc(t, ev->pid);
	child = find_proc(t, c->child_pid);
	child->cwd = parent->cwd ? srec_xstrdup(parent->cwd) : NULL;
	for (i = 0; i < parent->nfds; i++)
		if (parent->fds[i].path)
			set_fd(child, i, parent->fds[i].path,
			       parent->fds[i].cloexec);
}

static void on_exec(struct fd_proc *p, const Srec__Exec *x)
{
	int i;

	for (i = 0; i < p->nfds; i++)
		if (p->fds[i].cloexec)
			set_fd(p, i, NULL, false);
	if (x->cwd && *x->cwd) {
		free(p->cwd);
		p->cwd = srec_xstrdup(x->cwd);
	}
}

void srec_sys_fdtrack_before(struct srec_sys_fdtrack *t,
			     const Srec__Event *ev)
{
	if (ev->kind_case == SREC__EVENT__KIND_SYSCALL)
		syscall_before(t, get_proc(t, ev->pid), ev->syscall);
}

void srec_sys_fdtrack_after(struct srec_sys_fdtrack *t,
			    const Srec__Event *ev)
{
	struct fd_proc *p;

	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL:
		syscall_after(t, get_proc(t, ev->pid), ev->syscall);
		break;
	case SREC__EVENT__KIND_CLONE:
		on_clone(t, ev);
		break;
	case SREC__EVENT__KIND_EXEC:
		on_exec(get_proc(t, ev->pid), ev->exec);
		break;
	case SREC__EVENT__KIND_EXIT:
		p = find_proc(t, ev->pid);
		if (p && !ev->exit->thread)
			clear_proc(p);
		break;
	default:
		break;
	}
}
