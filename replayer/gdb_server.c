// SPDX-License-Identifier: MIT
/*
 * gdb_server.c - `srec replay --gdb`: a GDB remote-protocol server on top
 * of the replayer (issue 16).
 *
 * The replayer keeps the driving seat: it resumes the threads in the
 * recorded order and feeds every call its recorded result.  The server
 * only gets control at three hooks (rpl_int.h): before each event (stops
 * at syscall granularity: Ctrl-C, monitor run-to, catch syscall), when a
 * thread is about to run user code (a finished step, the first
 * instruction) and when a thread stops with a SIGTRAP gdb caused
 * (breakpoint, single-step, watchpoint), which the replayer never sees.
 * At such a stop it answers gdb's packets until gdb resumes, then lets the
 * replayer go on.  A single-step never runs a syscall instruction: the
 * thread is let go to its syscall entry instead, the replayer replays the
 * call, and the step is reported when the thread next runs user code.
 *
 * Thread ids on the wire are the recorded ones, so that they stay the same
 * when gdb restarts the replay (run, monitor goto).
 */
#define _GNU_SOURCE /* PTRACE_SYSEMU_SINGLESTEP, accept4 */
#include "rpl_int.h"
#include "srec_gdb.h"
#include "srec_gdbp.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "srec_arch_gdb.h"
#include "srec_err.h"
#include "srec_json.h"
#include "srec_tracee.h"

#define MAX_BP 256
#define N_DR 4               /* x86 debug address registers DR0-DR3 */
#define INT3 0xcc
#define N_REGS 60            /* gdb's amd64-linux numbers 0-59 */
#define NR_CATCH 1024        /* syscall numbers QCatchSyscalls can name */
/* The longest m reply: two hex digits a byte in one packet. */
#define MAX_MEM ((SREC_GDBP_MAX - 32) / 2)
#define ERESTART_RPL (-ERESTART) /* unwinds the replay for a restart */

struct gdb_bp {
	uint64_t addr;
	uint8_t orig;
};

struct gdb_wp {
	uint64_t addr;
	unsigned len;
	char type;              /* '1' exec, '2' write, '4' access; 0: free */
};

struct srec_gdb {
	const struct srec_gdb_opts *opts;
	struct srec_rpl_opts *ro;
	int lfd, fd;
	char host[64];
	int port;
	pid_t gdb_pid;
	struct srec_gdbp_rx rx;
	unsigned char in[4096];
	size_t in_pos, in_len;
	struct srec_buf last;    /* the last packet sent, for a '-' */
	bool noack;
	bool live;               /* serving (not detached) */
	struct rpl *r;           /* the replay in progress; NULL between */
	const Srec__Event *ev;   /* the event it is at */
	bool at_event;           /* stopped before r->seq (not replayed) */
	pid_t stop_tid;          /* recorded tid of the current stop */
	pid_t cur;               /* Hg: the thread g/m/p look at (0: stop's) */
	pid_t step_tid;          /* the thread gdb's resume steps (0: none) */
	char stop[160];          /* the current stop reply */
	bool waiting;            /* gdb waits for a stop reply */
	bool first_pending;      /* stop at the first instruction */
	bool stop_now;           /* Ctrl-C came */
	bool has_run_to;
	uint64_t run_to;
	bool rcmd_pending;       /* monitor run-to/goto waits for its stop */
	int64_t keepalive_ms;
	bool catch_on, catch_all;
	uint8_t catch_nr[NR_CATCH / 8];
	struct gdb_bp bp[MAX_BP];
	size_t n_bp;
	struct gdb_wp wp[N_DR];
	bool restart, killed, gone, diverged;
	bool have_exit;
	int exit_code, exit_sig;
	int vfd;                 /* the file vFile:open gave gdb, or -1 */
	bool multi;              /* ids are pPID.TID (multiprocess+) */
};

/* gdb's pid for a target without the multiprocess extension. */
#define GDB_MAGIC_PID 42000

/* ---- The connection --------------------------------------------------- */

static int put_raw(struct srec_gdb *g, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t k = send(g->fd, c, n, MSG_NOSIGNAL);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			g->gone = true;
			return -ECONNRESET;
		}
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static int put_pkt(struct srec_gdb *g, const char *payload, size_t n)
{
	srec_buf_reset(&g->last);
	srec_gdbp_frame(&g->last, payload, n);
	return put_raw(g, g->last.data, g->last.len);
}

static int put_str(struct srec_gdb *g, const char *s)
{
	return put_pkt(g, s, strlen(s));
}

/* Console output for gdb ('O' packets, hex; only while gdb waits for a
 * stop reply or a monitor command's answer). */
static int put_console(struct srec_gdb *g, const char *text)
{
	size_t n = strlen(text);

	while (n) {
		struct srec_buf b = SREC_BUF_INIT;
		size_t k = n < MAX_MEM - 8 ? n : MAX_MEM - 8;
		int ret;

		srec_buf_addc(&b, 'O');
		srec_hex(&b, text, k);
		ret = put_pkt(g, b.data, b.len);
		srec_buf_free(&b);
		if (ret)
			return ret;
		text += k;
		n -= k;
	}
	return 0;
}

/*
 * The next packet or interrupt from gdb.  @block: wait for one.
 * @return: SREC_GDBP_PACKET or SREC_GDBP_INTERRUPT, 0 when none is there
 *          (not @block), -ECONNRESET when gdb is gone.
 */
static int get_pkt(struct srec_gdb *g, bool block)
{
	for (;;) {
		while (g->in_pos < g->in_len) {
			enum srec_gdbp_ev e = srec_gdbp_feed(
				&g->rx, g->in[g->in_pos++]);

			if (e == SREC_GDBP_PACKET) {
				if (!g->noack && put_raw(g, "+", 1))
					return -ECONNRESET;
				return e;
			}
			if (e == SREC_GDBP_INTERRUPT)
				return e;
			if ((e == SREC_GDBP_BADSUM ||
			     e == SREC_GDBP_TOOLONG) && put_raw(g, "-", 1))
				return -ECONNRESET;
			if (e == SREC_GDBP_NAK && g->last.len &&
			    put_raw(g, g->last.data, g->last.len))
				return -ECONNRESET;
		}
		struct pollfd p = { .fd = g->fd, .events = POLLIN };
		int k = poll(&p, 1, block ? -1 : 0);
		ssize_t n;

		if (k < 0 && errno == EINTR)
			continue;
		if (k == 0)
			return 0;
		n = recv(g->fd, g->in, sizeof(g->in), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			g->gone = true;
			return -ECONNRESET;
		}
		g->in_pos = 0;
		g->in_len = (size_t)n;
	}
}

/* ---- Threads, registers and memory ----------------------------------- */

static pid_t root_pid(const struct srec_gdb *g);

/* A thread id as gdb wants it: "pPID.TID" (multiprocess) or "TID". */
static const char *tid_str(const struct srec_gdb *g, pid_t tid, char *buf,
			   size_t cap)
{
	if (g->multi)
		snprintf(buf, cap, "p%x.%x", root_pid(g), tid);
	else
		snprintf(buf, cap, "%x", tid);
	return buf;
}

/* Parse a thread id ("pPID.TID", "pPID", "TID", -1, 0) at *@p: *@tid
 * gets the thread, 0 for any or all.  0 or -EINVAL. */
static int parse_tid(const char **p, pid_t *tid)
{
	uint64_t v = 0;

	*tid = 0;
	if (**p == 'p') {
		(*p)++;
		if (!strncmp(*p, "-1", 2))
			*p += 2;
		else if (srec_gdbp_num(p, &v))
			return -EINVAL;
		if (**p != '.')
			return 0;
		(*p)++;
	}
	if (!strncmp(*p, "-1", 2)) {
		*p += 2;
		return 0;
	}
	if (srec_gdbp_num(p, &v) || v > INT32_MAX)
		return -EINVAL;
	*tid = (pid_t)v;
	return 0;
}

static pid_t root_pid(const struct srec_gdb *g)
{
	return g->r ? g->r->plan.root_tid : 0;
}

/* A live thread of the program gdb debugs (the first process). */
static struct rpl_thread *thread_of(struct srec_gdb *g, pid_t tid)
{
	struct rpl_thread *t = g->r ? rpl_thread_find(g->r, tid) : NULL;

	if (!t || t->st == RPL_DEAD || t->proc->pid != root_pid(g))
		return NULL;
	return t;
}

/* The thread g, p, m and their writes act on. */
static struct rpl_thread *cur_thread(struct srec_gdb *g)
{
	struct rpl_thread *t = g->cur > 0 ? thread_of(g, g->cur) : NULL;

	return t ? t : thread_of(g, g->stop_tid);
}

static bool bp_at(const struct srec_gdb *g, uint64_t addr, size_t *i)
{
	size_t k;

	for (k = 0; k < g->n_bp; k++)
		if (g->bp[k].addr == addr) {
			if (i)
				*i = k;
			return true;
		}
	return false;
}

/* Read tracee memory as gdb must see it: without srec's int3 bytes. */
static ssize_t mem_read(struct srec_gdb *g, pid_t rtid, uint64_t addr,
			uint8_t *buf, size_t n)
{
	ssize_t got = srec_tracee_read(rtid, addr, buf, n);
	size_t k;

	for (k = 0; got > 0 && k < g->n_bp; k++)
		if (g->bp[k].addr >= addr &&
		    g->bp[k].addr - addr < (uint64_t)got)
			buf[g->bp[k].addr - addr] = g->bp[k].orig;
	return got;
}

static int mem_write(struct srec_gdb *g, pid_t rtid, uint64_t addr,
		     const uint8_t *buf, size_t n)
{
	static const uint8_t int3 = INT3;
	size_t k;

	if (srec_tracee_write(rtid, addr, buf, n) != (ssize_t)n)
		return -EIO;
	/* A write over a breakpoint changes what it hides. */
	for (k = 0; k < g->n_bp; k++)
		if (g->bp[k].addr >= addr && g->bp[k].addr - addr < n) {
			g->bp[k].orig = buf[g->bp[k].addr - addr];
			srec_tracee_write(rtid, g->bp[k].addr, &int3, 1);
		}
	return 0;
}

static int get_fp(pid_t rtid, struct user_fpregs_struct *fp)
{
	return ptrace(PTRACE_GETFPREGS, rtid, NULL, fp) ? -errno : 0;
}

/* Register @regnum of @t in wire order; the byte count or -errno. */
static int reg_get(struct rpl_thread *t, unsigned regnum, uint8_t *out)
{
	struct srec_arch_regs regs;
	struct user_fpregs_struct fp;
	int ret = srec_arch_get_regs(t->rtid, &regs);

	if (ret)
		return ret;
	ret = srec_arch_gdb_get(&regs, regnum, out);
	if (ret != -ENOENT)
		return ret;
	ret = get_fp(t->rtid, &fp);
	return ret ? ret : srec_arch_gdb_get_fp(&fp, regnum, out);
}

static int reg_set(struct rpl_thread *t, unsigned regnum, const uint8_t *in)
{
	struct srec_arch_regs regs;
	struct user_fpregs_struct fp;
	int ret = srec_arch_get_regs(t->rtid, &regs);

	if (ret)
		return ret;
	if (!srec_arch_gdb_set(&regs, regnum, in)) {
		/* At a syscall entry the replayer works from the registers
		 * it saw there. */
		if (t->st == RPL_ENTRY)
			t->entry_regs = regs;
		return srec_arch_set_regs(t->rtid, &regs);
	}
	ret = get_fp(t->rtid, &fp);
	if (!ret)
		ret = srec_arch_gdb_set_fp(&fp, regnum, in);
	if (!ret && ptrace(PTRACE_SETFPREGS, t->rtid, NULL, &fp))
		ret = -errno;
	return ret;
}

/* ---- Debug registers -------------------------------------------------- */

static long dr_off(unsigned i)
{
	return (long)(offsetof(struct user, u_debugreg) + i * sizeof(long));
}

static uint64_t dr7_value(const struct srec_gdb *g)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < N_DR; i++) {
		const struct gdb_wp *w = &g->wp[i];
		unsigned rw = w->type == '1' ? 0 : w->type == '2' ? 1 : 3;
		unsigned len = w->len == 8 ? 2 : w->len - 1;

		if (!w->type)
			continue;
		if (w->type == '1')
			len = 0;
		v |= 1ull << (2 * i);
		v |= (uint64_t)(rw | len << 2) << (16 + 4 * i);
	}
	return v;
}

/* Put the watchpoints in every thread of the program. */
static void dr_apply(struct srec_gdb *g)
{
	size_t i;
	unsigned k;

	for (i = 0; g->r && i < g->r->n_th; i++) {
		struct rpl_thread *t = g->r->th[i];

		if (t->st == RPL_DEAD || t->proc->pid != root_pid(g))
			continue;
		/* DR7 off first: an address may not change under it. */
		ptrace(PTRACE_POKEUSER, t->rtid, dr_off(7), NULL);
		for (k = 0; k < N_DR; k++)
			if (g->wp[k].type)
				ptrace(PTRACE_POKEUSER, t->rtid, dr_off(k),
				       (void *)g->wp[k].addr);
		ptrace(PTRACE_POKEUSER, t->rtid, dr_off(7),
		       (void *)dr7_value(g));
	}
}

/* Take every breakpoint and watchpoint out (gdb detaches). */
static void clear_all(struct srec_gdb *g)
{
	struct rpl_proc *p = NULL;
	size_t i;

	for (i = 0; g->r && !p && i < g->r->n_th; i++)
		if (g->r->th[i]->st != RPL_DEAD &&
		    g->r->th[i]->proc->pid == root_pid(g))
			p = g->r->th[i]->proc;
	for (i = 0; p && i < g->n_bp; i++)
		srec_tracee_write(p->rpid, g->bp[i].addr, &g->bp[i].orig, 1);
	g->n_bp = 0;
	memset(g->wp, 0, sizeof(g->wp));
	dr_apply(g);
}

/* ---- Answers ---------------------------------------------------------- */

/* A qXfer read of @data: "m" + a slice, "l" + the last one. */
static int xfer(struct srec_gdb *g, const char *data, size_t n,
		const char *args)
{
	uint64_t off, len;
	const char *end;
	struct srec_buf b = SREC_BUF_INIT;
	int ret;

	if (srec_gdbp_addr_len(args, &off, &len, &end) || *end)
		return put_str(g, "E01");
	if (len > MAX_MEM)
		len = MAX_MEM;
	if (off >= n)
		return put_str(g, "l");
	if (len > n - off)
		len = n - off;
	srec_buf_addc(&b, off + len >= n ? 'l' : 'm');
	srec_buf_add(&b, data + off, (size_t)len);
	ret = put_pkt(g, b.data, b.len);
	srec_buf_free(&b);
	return ret;
}

static int read_whole(const char *path, struct srec_buf *out)
{
	char buf[4096];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		srec_buf_add(out, buf, (size_t)n);
	close(fd);
	return n < 0 ? -EIO : 0;
}

static struct rpl_proc *root_proc(struct srec_gdb *g)
{
	struct rpl_thread *t = thread_of(g, g->stop_tid);
	size_t i;

	for (i = 0; !t && g->r && i < g->r->n_th; i++)
		t = thread_of(g, g->r->th[i]->tid);
	return t ? t->proc : NULL;
}

static int exe_path(struct srec_gdb *g, char *out, size_t cap)
{
	struct rpl_proc *p = root_proc(g);
	char path[64];
	ssize_t n;

	if (!p)
		return -ESRCH;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)p->rpid);
	n = readlink(path, out, cap - 1);
	if (n < 0)
		return -errno;
	out[n] = 0;
	return 0;
}

static int q_xfer(struct srec_gdb *g, const char *p)
{
	struct srec_buf b = SREC_BUF_INIT;
	struct rpl_proc *rp = root_proc(g);
	char path[PATH_MAX];
	const char *args;
	size_t i;
	int ret;

	if (!strncmp(p, "features:read:target.xml:", 25)) {
		static char xml[16384];
		int n = srec_arch_gdb_tdesc(xml, sizeof(xml));

		return n < 0 ? put_str(g, "E01") : xfer(g, xml, (size_t)n,
							 p + 25);
	}
	if (!strncmp(p, "exec-file:read:", 15)) {
		args = strchr(p + 15, ':');
		if (!args || exe_path(g, path, sizeof(path)))
			return put_str(g, "E01");
		return xfer(g, path, strlen(path), args + 1);
	}
	if (!strncmp(p, "auxv:read::", 11)) {
		if (!rp)
			return put_str(g, "E01");
		snprintf(path, sizeof(path), "/proc/%d/auxv", (int)rp->rpid);
		if (read_whole(path, &b)) {
			srec_buf_free(&b);
			return put_str(g, "E01");
		}
		ret = xfer(g, b.data, b.len, p + 11);
		srec_buf_free(&b);
		return ret;
	}
	if (!strncmp(p, "threads:read::", 14)) {
		srec_buf_adds(&b, "<threads>");
		for (i = 0; g->r && i < g->r->n_th; i++) {
			struct rpl_thread *t = thread_of(g, g->r->th[i]->tid);
			struct srec_buf name = SREC_BUF_INIT;

			if (!t)
				continue;
			snprintf(path, sizeof(path), "/proc/%d/comm",
				 (int)t->rtid);
			read_whole(path, &name);
			srec_buf_addf(&b, "<thread id=\"%s\" name=\"",
				      tid_str(g, t->tid, path, sizeof(path)));
			for (size_t k = 0; k < name.len; k++)
				if ((unsigned char)name.data[k] > ' ' &&
				    !strchr("<>&\"'", name.data[k]))
					srec_buf_addc(&b, name.data[k]);
			srec_buf_adds(&b, "\"/>");
			srec_buf_free(&name);
		}
		srec_buf_adds(&b, "</threads>");
		ret = xfer(g, b.data, b.len, p + 14);
		srec_buf_free(&b);
		return ret;
	}
	return put_str(g, "");
}

static int cmd_g(struct srec_gdb *g)
{
	struct rpl_thread *t = cur_thread(g);
	struct srec_buf b = SREC_BUF_INIT;
	uint8_t v[16];
	unsigned i;
	int n, ret;

	for (i = 0; t && i < N_REGS; i++) {
		n = reg_get(t, i, v);
		if (n < 0)
			break;
		srec_hex(&b, v, (size_t)n);
	}
	ret = !t || i < N_REGS ? put_str(g, "E01") : put_pkt(g, b.data, b.len);
	srec_buf_free(&b);
	return ret;
}

static int cmd_G(struct srec_gdb *g, const char *hex)
{
	struct rpl_thread *t = cur_thread(g);
	size_t n = strlen(hex), pos = 0;
	uint8_t v[16];
	unsigned i;

	for (i = 0; t && i < N_REGS; i++) {
		int k = reg_get(t, i, v); /* its size */

		if (k < 0 || pos + 2 * (size_t)k > n)
			break;
		if (srec_gdbp_unhex(hex + pos, 2 * (size_t)k, v) != k ||
		    reg_set(t, i, v))
			return put_str(g, "E01");
		pos += 2 * (size_t)k;
	}
	return put_str(g, t ? "OK" : "E01");
}

static int cmd_p(struct srec_gdb *g, const char *p, bool set)
{
	struct rpl_thread *t = cur_thread(g);
	struct srec_buf b = SREC_BUF_INIT;
	uint64_t num;
	uint8_t v[16];
	int n, ret;

	if (!t || srec_gdbp_num(&p, &num) || num >= N_REGS)
		return put_str(g, "E01");
	n = reg_get(t, (unsigned)num, v);
	if (n < 0)
		return put_str(g, "E01");
	if (set) {
		if (*p != '=' || strlen(p + 1) != 2 * (size_t)n ||
		    srec_gdbp_unhex(p + 1, 2 * (size_t)n, v) != n ||
		    reg_set(t, (unsigned)num, v))
			return put_str(g, "E01");
		return put_str(g, "OK");
	}
	srec_hex(&b, v, (size_t)n);
	ret = put_pkt(g, b.data, b.len);
	srec_buf_free(&b);
	return ret;
}

static int cmd_m(struct srec_gdb *g, const char *p)
{
	static uint8_t buf[MAX_MEM];
	struct rpl_thread *t = cur_thread(g);
	struct srec_buf b = SREC_BUF_INIT;
	uint64_t addr, len;
	const char *end;
	ssize_t n;
	int ret;

	if (!t || srec_gdbp_addr_len(p, &addr, &len, &end) || *end)
		return put_str(g, "E01");
	if (len > MAX_MEM)
		len = MAX_MEM;
	n = mem_read(g, t->rtid, addr, buf, (size_t)len);
	if (n <= 0 && len)
		return put_str(g, "E14");
	srec_hex(&b, buf, n > 0 ? (size_t)n : 0);
	ret = put_pkt(g, srec_buf_str(&b), b.len);
	srec_buf_free(&b);
	return ret;
}

static int cmd_M(struct srec_gdb *g, const char *p)
{
	static uint8_t buf[SREC_GDBP_MAX / 2];
	struct rpl_thread *t = cur_thread(g);
	uint64_t addr, len;
	const char *end;

	if (!t || srec_gdbp_addr_len(p, &addr, &len, &end) || *end != ':' ||
	    len > sizeof(buf) || strlen(end + 1) != 2 * len ||
	    srec_gdbp_unhex(end + 1, 2 * (size_t)len, buf) != (int)len)
		return put_str(g, "E01");
	return put_str(g, mem_write(g, t->rtid, addr, buf, (size_t)len) ?
				  "E14" : "OK");
}

/* Z/z: type 0 in memory, 1/2/4 in the debug registers (3, read-only,
 * x86 cannot do: gdb is told it is not supported). */
static int cmd_z(struct srec_gdb *g, const char *p, bool insert)
{
	struct rpl_thread *t = cur_thread(g);
	char type = p[0];
	uint64_t addr, len;
	const char *end;
	size_t i;
	unsigned k;

	if (type == '3' || !strchr("0124", type) || p[1] != ',')
		return put_str(g, "");
	if (!t || srec_gdbp_addr_len(p + 2, &addr, &len, &end))
		return put_str(g, "E01");
	if (type == '0') {
		static const uint8_t int3 = INT3;
		uint8_t orig;

		if (insert) {
			if (bp_at(g, addr, NULL))
				return put_str(g, "OK");
			if (g->n_bp == MAX_BP ||
			    srec_tracee_read(t->rtid, addr, &orig, 1) != 1 ||
			    srec_tracee_write(t->rtid, addr, &int3, 1) != 1)
				return put_str(g, "E01");
			g->bp[g->n_bp].addr = addr;
			g->bp[g->n_bp++].orig = orig;
		} else if (bp_at(g, addr, &i)) {
			srec_tracee_write(t->rtid, addr, &g->bp[i].orig, 1);
			g->bp[i] = g->bp[--g->n_bp];
		}
		return put_str(g, "OK");
	}
	if (type == '1')
		len = 1;
	if (insert && ((len != 1 && len != 2 && len != 4 && len != 8) ||
		       (addr & (len - 1))))
		return put_str(g, "E01");
	for (k = 0; k < N_DR; k++) {
		struct gdb_wp *w = &g->wp[k];

		if (insert && !w->type) {
			w->type = type;
			w->addr = addr;
			w->len = (unsigned)len;
			break;
		}
		if (!insert && w->type == type && w->addr == addr) {
			w->type = 0;
			break;
		}
	}
	if (insert && k == N_DR)
		return put_str(g, "E01");
	dr_apply(g);
	return put_str(g, "OK");
}

static int q_threads(struct srec_gdb *g)
{
	struct srec_buf b = SREC_BUF_INIT;
	char id[48];
	size_t i;
	int ret;

	for (i = 0; g->r && i < g->r->n_th; i++)
		if (thread_of(g, g->r->th[i]->tid))
			srec_buf_addf(&b, "%c%s", b.len ? ',' : 'm',
				      tid_str(g, g->r->th[i]->tid, id,
					      sizeof(id)));
	ret = put_str(g, b.len ? b.data : "l");
	srec_buf_free(&b);
	return ret;
}

static int catch_syscalls(struct srec_gdb *g, const char *p)
{
	uint64_t nr;

	memset(g->catch_nr, 0, sizeof(g->catch_nr));
	g->catch_all = false;
	g->catch_on = p[0] == '1';
	if (p[0] == '0' && !p[1])
		return put_str(g, "OK");
	if (p[0] != '1')
		return put_str(g, "E01");
	if (!p[1]) {
		g->catch_all = true;
		return put_str(g, "OK");
	}
	p++;
	while (*p == ';') {
		p++;
		if (srec_gdbp_num(&p, &nr))
			return put_str(g, "E01");
		if (nr < NR_CATCH)
			g->catch_nr[nr / 8] |= (uint8_t)(1u << (nr % 8));
	}
	return put_str(g, *p ? "E01" : "OK");
}

static bool caught(const struct srec_gdb *g, uint64_t nr)
{
	return g->catch_on && (g->catch_all || (nr < NR_CATCH &&
		(g->catch_nr[nr / 8] & (1u << (nr % 8)))));
}

/*
 * vFile (host I/O), for `info proc mappings` and friends: read-only, and
 * only /proc/PID/... of the replayed program (PID: gdb's, the recorded or
 * the real one), opened as its real pid.  Never the rest of the host:
 * --gdb-listen may serve another machine.
 */
static int vfile_open(struct srec_gdb *g, const char *args)
{
	char path[512], real[600], *rest;
	const char *comma = strchr(args, ',');
	struct rpl_proc *rp = root_proc(g);
	uint64_t flags;
	long pid;
	int n;

	if (!comma || (size_t)(comma - args) / 2 >= sizeof(path))
		return put_str(g, "F-1,16");
	n = srec_gdbp_unhex(args, (size_t)(comma - args), (uint8_t *)path);
	comma++;
	if (n < 0 || srec_gdbp_num(&comma, &flags))
		return put_str(g, "F-1,16");
	path[n] = 0;
	if (flags != 0) /* O_RDONLY */
		return put_str(g, "F-1,d");
	if (strncmp(path, "/proc/", 6) || !rp || strstr(path, ".."))
		return put_str(g, "F-1,d");
	pid = strtol(path + 6, &rest, 10);
	if (rest == path + 6 || (*rest && *rest != '/') ||
	    (pid != GDB_MAGIC_PID && pid != rp->pid && pid != rp->rpid))
		return put_str(g, "F-1,d");
	if (!strncmp(rest, "/task/", 6)) {
		/* a recorded thread id, as gdb knows them */
		struct rpl_thread *t = thread_of(g, (pid_t)strtol(rest + 6,
								  &rest, 10));

		if (!t || (*rest && *rest != '/'))
			return put_str(g, "F-1,2");
		snprintf(real, sizeof(real), "/proc/%d/task/%d%s",
			 (int)rp->rpid, (int)t->rtid, rest);
	} else {
		snprintf(real, sizeof(real), "/proc/%d%s", (int)rp->rpid,
			 rest);
	}
	if (g->vfd >= 0)
		close(g->vfd);
	g->vfd = open(real, O_RDONLY | O_CLOEXEC);
	if (g->vfd < 0)
		return put_str(g, "F-1,2");
	snprintf(real, sizeof(real), "F%x", g->vfd);
	return put_str(g, real);
}

static int vfile(struct srec_gdb *g, const char *p)
{
	static char buf[MAX_MEM];
	uint64_t fd, count, off;
	struct srec_buf b = SREC_BUF_INIT;
	ssize_t n;
	int ret;

	if (!strncmp(p, "setfs:", 6))
		return put_str(g, "F0");
	if (!strncmp(p, "open:", 5))
		return vfile_open(g, p + 5);
	if (!strncmp(p, "close:", 6)) {
		p += 6;
		if (srec_gdbp_num(&p, &fd) || g->vfd < 0 || fd != (uint64_t)g->vfd)
			return put_str(g, "F-1,9");
		close(g->vfd);
		g->vfd = -1;
		return put_str(g, "F0");
	}
	if (!strncmp(p, "pread:", 6)) {
		p += 6;
		if (srec_gdbp_num(&p, &fd) || *p++ != ',' ||
		    srec_gdbp_num(&p, &count) || *p++ != ',' ||
		    srec_gdbp_num(&p, &off) || *p || g->vfd < 0 ||
		    fd != (uint64_t)g->vfd || off > INT64_MAX)
			return put_str(g, "F-1,9");
		if (count > sizeof(buf) - 32)
			count = sizeof(buf) - 32;
		n = pread(g->vfd, buf, (size_t)count, (off_t)off);
		if (n < 0)
			return put_str(g, "F-1,5");
		srec_buf_addf(&b, "F%zx;", (size_t)n);
		srec_buf_add(&b, buf, (size_t)n);
		ret = put_pkt(g, b.data, b.len);
		srec_buf_free(&b);
		return ret;
	}
	return put_str(g, "");
}

/* ---- monitor ---------------------------------------------------------- */

static void where(struct srec_gdb *g, struct srec_buf *b)
{
	struct rpl_thread *t = thread_of(g, g->stop_tid);
	bool done = !g->at_event && t && t->n_hist &&
		    t->hist[(t->n_hist - 1) % 5] == g->r->seq;

	srec_buf_addf(b, "%s event #%" PRIu64 ": ",
		      done ? "after" : "before", g->r->seq);
	if (g->ev)
		rpl_event_line(g->ev, b);
	srec_buf_addc(b, '\n');
}

static int parse_seq(const char *s, uint64_t *seq)
{
	char *end;
	unsigned long long v;

	while (*s == ' ')
		s++;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno || (*end && *end != ' ' && *end != '\n'))
		return -EINVAL;
	*seq = v;
	return 0;
}

/*
 * A monitor command.  @return: 0 (answered, keep serving), 1 (resume:
 * the answer comes at the stop), ERESTART_RPL, -errno.
 */
static int monitor(struct srec_gdb *g, const char *hex)
{
	char cmd[256];
	struct srec_buf b = SREC_BUF_INIT;
	size_t len = strlen(hex), i;
	uint64_t seq;
	int n, ret = 0;

	if (len / 2 >= sizeof(cmd))
		return put_str(g, "E01");
	n = srec_gdbp_unhex(hex, len, (uint8_t *)cmd);
	if (n < 0)
		return put_str(g, "E01");
	cmd[n] = 0;
	if (!g->r) {
		srec_buf_adds(&b, "srec: the replay is over\n");
	} else if (!strcmp(cmd, "seq")) {
		where(g, &b);
	} else if (!strcmp(cmd, "info")) {
		srec_buf_addf(&b, "trace %s\n", g->ro->trace);
		where(g, &b);
		for (i = 0; i < g->r->n_th; i++) {
			const struct rpl_thread *t = g->r->th[i];

			srec_buf_addf(&b, "%s pid %d tid %d: replayed as pid "
				      "%d tid %d\n", t->tid == g->stop_tid ?
				      "*" : " ", t->proc->pid, t->tid,
				      t->proc->rpid, t->rtid);
		}
	} else if (!strncmp(cmd, "run-to", 6) && !parse_seq(cmd + 6, &seq)) {
		if (seq <= g->r->seq) {
			srec_buf_addf(&b, "srec: event #%" PRIu64 " is behind; "
				      "monitor goto %" PRIu64 " restarts the "
				      "replay up to it\n", seq, seq);
		} else {
			g->has_run_to = true;
			g->run_to = seq;
			g->rcmd_pending = true;
			g->step_tid = 0;
			ret = 1;
		}
	} else if (!strncmp(cmd, "goto", 4) && !parse_seq(cmd + 4, &seq)) {
		g->has_run_to = true;
		g->run_to = seq;
		g->rcmd_pending = true;
		g->restart = true;
		ret = ERESTART_RPL;
	} else {
		srec_buf_adds(&b, "srec monitor commands:\n"
			      "  seq          the event the replay is at\n"
			      "  run-to SEQ   continue to just before event "
			      "SEQ\n"
			      "  goto SEQ     restart the replay and run to "
			      "event SEQ\n"
			      "  info         trace, processes and threads\n");
	}
	if (!ret && b.len)
		ret = put_console(g, b.data);
	if (!ret)
		ret = put_str(g, "OK");
	srec_buf_free(&b);
	return ret;
}

/* ---- Serving ---------------------------------------------------------- */

/* What a resume packet asks: 1 resume (g->step_tid set for a step),
 * 0 not understood. */
static int parse_resume(struct srec_gdb *g, const char *p)
{
	g->step_tid = 0;
	if (p[0] == 'c' || p[0] == 'C')
		return 1;
	if (p[0] == 's' || p[0] == 'S') {
		g->step_tid = g->cur > 0 ? g->cur : g->stop_tid;
		return 1;
	}
	if (strncmp(p, "vCont;", 6))
		return 0;
	for (p += 5; *p == ';';) {
		char act = p[1];
		pid_t tid = 0;

		if (!act || !strchr("cCsSt", act))
			return 0;
		p += 2;
		if (act == 'C' || act == 'S')
			while (isxdigit((unsigned char)*p))
				p++;
		if (*p == ':') {
			p++;
			if (parse_tid(&p, &tid))
				return 0;
		}
		if ((act == 's' || act == 'S') && !g->step_tid)
			g->step_tid = tid ? tid : g->stop_tid;
		while (*p && *p != ';')
			p++;
	}
	return 1;
}

/*
 * Answer one packet.  @return: 0 keep serving, 1 resume, a negative
 * error that ends the replay (ERESTART_RPL, -ECONNRESET).
 */
static int handle(struct srec_gdb *g, const char *p)
{
	const char *q;
	pid_t tid;

	switch (p[0]) {
	case '?':
		return put_str(g, g->stop);
	case 'g':
		return cmd_g(g);
	case 'G':
		return cmd_G(g, p + 1);
	case 'p':
		return cmd_p(g, p + 1, false);
	case 'P':
		return cmd_p(g, p + 1, true);
	case 'm':
		return cmd_m(g, p + 1);
	case 'M':
		return cmd_M(g, p + 1);
	case 'Z':
		return cmd_z(g, p + 1, true);
	case 'z':
		return cmd_z(g, p + 1, false);
	case 'H':
		q = p + 2;
		if (parse_tid(&q, &tid) || *q)
			return put_str(g, "E01");
		if (p[1] == 'g')
			g->cur = tid;
		return put_str(g, "OK");
	case 'T':
		q = p + 1;
		return put_str(g, !parse_tid(&q, &tid) && !*q &&
				      thread_of(g, tid) ? "OK" : "E01");
	case '!':
		return put_str(g, "OK");
	case 'k':
		g->killed = true;
		strcpy(g->stop, "X09");
		return 0;
	case 'D':
		clear_all(g);
		g->live = false;
		put_str(g, "OK");
		return 1;
	case 'c': case 'C': case 's': case 'S':
		if (!g->r)
			return put_str(g, g->stop);
		return parse_resume(g, p);
	case 'R':
		g->restart = true;
		return ERESTART_RPL;
	}
	if (!strncmp(p, "vCont?", 6))
		return put_str(g, "vCont;c;C;s;S");
	if (!strncmp(p, "vCont;", 6)) {
		if (!g->r)
			return put_str(g, g->stop);
		return parse_resume(g, p) ? 1 : put_str(g, "E01");
	}
	if (!strncmp(p, "vKill", 5)) {
		g->killed = true;
		strcpy(g->stop, "X09");
		return put_str(g, "OK");
	}
	if (!strncmp(p, "vRun", 4)) {
		g->restart = true;
		g->waiting = true;
		return ERESTART_RPL;
	}
	if (!strncmp(p, "qSupported", 10)) {
		g->multi = strstr(p, "multiprocess+") != NULL;
		return put_str(g, g->multi ? "PacketSize=4000;QStartNoAckMode+;"
			       "qXfer:features:read+;qXfer:exec-file:read+;"
			       "qXfer:auxv:read+;qXfer:threads:read+;"
			       "swbreak+;hwbreak+;QCatchSyscalls+;"
			       "vContSupported+;multiprocess+" :
			       "PacketSize=4000;QStartNoAckMode+;"
			       "qXfer:features:read+;qXfer:exec-file:read+;"
			       "qXfer:auxv:read+;qXfer:threads:read+;"
			       "swbreak+;hwbreak+;QCatchSyscalls+;"
			       "vContSupported+");
	}
	if (!strcmp(p, "QStartNoAckMode")) {
		int ret = put_str(g, "OK");

		g->noack = true;
		return ret;
	}
	if (!strncmp(p, "qXfer:", 6))
		return q_xfer(g, p + 6);
	if (!strncmp(p, "vFile:", 6))
		return vfile(g, p + 6);
	if (!strcmp(p, "qfThreadInfo"))
		return q_threads(g);
	if (!strcmp(p, "qsThreadInfo"))
		return put_str(g, "l");
	if (!strcmp(p, "qC")) {
		char s[64], id[48];

		snprintf(s, sizeof(s), "QC%s",
			 tid_str(g, g->stop_tid, id, sizeof(id)));
		return put_str(g, s);
	}
	if (!strcmp(p, "qAttached"))
		return put_str(g, "0");
	if (!strncmp(p, "qSymbol", 7))
		return put_str(g, "OK");
	if (!strncmp(p, "QCatchSyscalls:", 15))
		return catch_syscalls(g, p + 15);
	if (!strncmp(p, "qRcmd,", 6))
		return monitor(g, p + 6);
	return put_str(g, "");
}

static int find_gdb(char *out, size_t cap)
{
	const char *path = getenv("PATH");
	char *dirs, *d, *save = NULL;
	int found = -ENOENT;

	dirs = srec_xstrdup(path ? path : "/usr/bin:/bin");
	for (d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		snprintf(out, cap, "%s/gdb", *d ? d : ".");
		if (!access(out, X_OK)) {
			found = 0;
			break;
		}
	}
	free(dirs);
	return found;
}

static void launch_gdb(struct srec_gdb *g, const char *exe)
{
	char target[128], gdb[PATH_MAX];
	char **argv;
	int i, n = 0;

	snprintf(target, sizeof(target), "target extended-remote %s:%d",
		 g->host, g->port);
	if (find_gdb(gdb, sizeof(gdb)))
		return; /* checked at the start: gone since */
	argv = srec_xcalloc((size_t)g->opts->n_gdb_args + 10, sizeof(*argv));
	argv[n++] = gdb;
	argv[n++] = "-q";
	argv[n++] = "-ex";
	argv[n++] = "set sysroot /";
	argv[n++] = "-ex";
	argv[n++] = target;
	for (i = 0; i < g->opts->n_gdb_args; i++)
		argv[n++] = g->opts->gdb_args[i];
	(void)exe; /* gdb takes it from the target (qXfer:exec-file) */
	g->gdb_pid = fork();
	if (!g->gdb_pid) {
		close(g->lfd);
		signal(SIGINT, SIG_DFL);
		execv(gdb, argv);
		_exit(127);
	}
	free(argv);
}

/* The first stop: tell the user, or start gdb, and wait for it. */
static int attach(struct srec_gdb *g)
{
	char exe[PATH_MAX];

	if (exe_path(g, exe, sizeof(exe)))
		strcpy(exe, "PROGRAM");
	if (g->opts->launch)
		launch_gdb(g, exe);
	else
		fprintf(stderr, "srec: the replay waits for gdb at event #%"
			PRIu64 "; attach with: gdb -ex 'set sysroot /' -ex "
			"'target extended-remote %s:%d' %s\n", g->r->seq,
			g->host, g->port, exe);
	for (;;) {
		struct pollfd p = { .fd = g->lfd, .events = POLLIN };
		int k = poll(&p, 1, 200), st;

		if (k < 0 && errno != EINTR)
			return -errno;
		if (k > 0) {
			g->fd = accept4(g->lfd, NULL, NULL, SOCK_CLOEXEC);
			if (g->fd >= 0)
				break;
		}
		if (g->gdb_pid > 0 && waitpid(g->gdb_pid, &st, WNOHANG) > 0) {
			g->gdb_pid = 0;
			srec_error("gdb exited before it connected");
			g->gone = g->killed = true;
			return -ECONNRESET;
		}
	}
	close(g->lfd);
	g->lfd = -1;
	return 0;
}

/* Threads stepped for a resume gdb no longer waits for owe no stop. */
static void forget_steps(struct srec_gdb *g)
{
	size_t i;

	for (i = 0; g->r && i < g->r->n_th; i++)
		if (g->r->th[i]->dbg_stop == RPL_DBG_STEP)
			g->r->th[i]->dbg_stop = RPL_DBG_NONE;
}

/*
 * Stopped at g->stop (thread g->stop_tid): answer gdb until it resumes.
 * @return: 0 resume (g->step_tid: the thread to step), -errno to end the
 *          replay.
 */
static int serve(struct srec_gdb *g)
{
	int64_t t0 = rpl_now_ms();
	int ret = 0;

	if (g->fd < 0)
		ret = attach(g);
	g->cur = 0;
	if (!ret && g->rcmd_pending) {
		struct srec_buf b = SREC_BUF_INIT;

		g->rcmd_pending = false;
		srec_buf_adds(&b, "srec: stopped ");
		if (g->r)
			where(g, &b);
		else
			srec_buf_adds(&b, "at the end of the replay\n");
		ret = put_console(g, b.data);
		srec_buf_free(&b);
		if (!ret)
			ret = put_str(g, "OK");
	} else if (!ret && g->waiting) {
		ret = put_str(g, g->stop);
	}
	g->waiting = false;
	while (!ret) {
		ret = get_pkt(g, true);
		if (ret == SREC_GDBP_INTERRUPT) {
			ret = 0;
			continue;
		}
		if (ret < 0)
			break;
		ret = handle(g, g->rx.pkt);
		if (ret == 1) {
			ret = 0;
			g->waiting = g->live;
			if (!g->live) {
				close(g->fd);
				g->fd = -1;
			}
			break;
		}
	}
	if (ret == -ECONNRESET && !g->killed)
		g->gone = true;
	if (!ret) {
		forget_steps(g);
		if (g->live)
			dr_apply(g);
	}
	if (g->r)
		g->r->last_progress_ms += rpl_now_ms() - t0;
	return ret;
}

static void set_stop(struct srec_gdb *g, const struct rpl_thread *t, int sig,
		     const char *extra)
{
	char id[48];

	g->stop_tid = t->tid;
	snprintf(g->stop, sizeof(g->stop), "T%02xthread:%s;%s", sig,
		 tid_str(g, t->tid, id, sizeof(id)), extra ? extra : "");
}

/*
 * Resume @t into user code as gdb asked: one instruction for a step.  A
 * syscall instruction is not stepped: the replayer must see the call, so
 * the thread goes to its entry and owes gdb a stop after it.
 */
static int go(struct srec_gdb *g, struct rpl_thread *t, int sig)
{
	uint8_t insn[2];
	struct srec_arch_regs regs;

	if (!g->live || g->step_tid != t->tid)
		return rpl_resume(t, sig);
	g->step_tid = 0;
	if (srec_arch_get_regs(t->rtid, &regs) == 0 &&
	    mem_read(g, t->rtid, srec_arch_ip(&regs), insn, 2) == 2 &&
	    insn[0] == 0x0f && insn[1] == 0x05) {
		t->dbg_stop = RPL_DBG_STEP;
		return rpl_resume(t, sig);
	}
	/* SYSEMU_SINGLESTEP: no spurious step trap at the end of a call
	 * PTRACE_SYSEMU skipped. */
	if (ptrace(PTRACE_SYSEMU_SINGLESTEP, t->rtid, NULL, (void *)(long)sig))
		return -errno;
	t->st = RPL_RUNNING;
	t->resumed_emu = true;
	t->skip_exit = false;
	t->dbg_stepping = true;
	return 0;
}

/* A step asked for another thread than the one at the stop @t: it is
 * reported when that thread next runs user code, in the recorded order. */
static void defer_step(struct srec_gdb *g, const struct rpl_thread *t)
{
	struct rpl_thread *s;

	if (!g->step_tid || (t && g->step_tid == t->tid))
		return;
	s = thread_of(g, g->step_tid);
	if (s)
		s->dbg_stop = RPL_DBG_STEP;
	g->step_tid = 0;
}

/* ---- Hooks ------------------------------------------------------------ */

int rpl_dbg_event(struct rpl *r, const Srec__Event *ev)
{
	struct srec_gdb *g = r->o->gdb;
	struct rpl_thread *t;
	uint64_t nr = 0;
	bool sys, want;
	int ret;

	g->r = r;
	g->ev = ev;
	if (ev->kind_case == SREC__EVENT__KIND_EXIT && !ev->exit->thread &&
	    ev->pid == r->plan.root_tid) {
		g->have_exit = true;
		g->exit_code = ev->exit->code;
		g->exit_sig = ev->exit->signal;
	}
	if (g->live && g->fd >= 0) {
		ret = get_pkt(g, false);
		if (ret < 0)
			return ret;
		if (ret == SREC_GDBP_INTERRUPT)
			g->stop_now = true;
	}
	if (!g->live || !r->first_exec_done)
		return 0;
	if (g->rcmd_pending && rpl_now_ms() >= g->keepalive_ms) {
		/* An empty console line keeps gdb waiting for the answer. */
		g->keepalive_ms = rpl_now_ms() + 1000;
		if (put_str(g, "O"))
			return -ECONNRESET;
	}
	t = rpl_thread_find(r, ev->tid);
	sys = ev->kind_case == SREC__EVENT__KIND_SYSCALL && t && !t->in_clone &&
	      !(ev->syscall->no_return && t->st == RPL_DEAD) &&
	      t->proc->pid == r->plan.root_tid;
	if (sys)
		nr = ev->syscall->nr;
	want = g->stop_now || (g->has_run_to && ev->seq >= g->run_to);
	/* Stops wait for a call of the program gdb debugs: there the thread
	 * is somewhere gdb can look at it. */
	if (!sys || (!want && (g->rcmd_pending || !caught(g, nr))))
		return 0;
	ret = rpl_hold(r, ev, t);
	if (ret)
		return ret;
	if (want) {
		set_stop(g, t, g->stop_now ? SIGINT : SIGTRAP, NULL);
	} else {
		char extra[48];

		snprintf(extra, sizeof(extra), "syscall_entry:%" PRIx64 ";",
			 nr);
		set_stop(g, t, SIGTRAP, extra);
	}
	g->stop_now = false;
	g->has_run_to = false;
	g->at_event = true;
	ret = serve(g);
	g->at_event = false;
	if (ret)
		return ret;
	if (g->step_tid == t->tid) {
		g->step_tid = 0;
		t->dbg_stop = RPL_DBG_STEP;
	} else if (!want) {
		t->dbg_stop = RPL_DBG_SYSRET;
		t->dbg_nr = (long)nr;
	}
	defer_step(g, t);
	return 0;
}

int rpl_dbg_resume(struct rpl *r, struct rpl_thread *t, int sig)
{
	struct srec_gdb *g = r->o->gdb;
	char extra[48] = "";
	int ret;

	if (!g->live || !r->first_exec_done || !rpl_between_calls(t) ||
	    t->proc->pid != r->plan.root_tid)
		return rpl_resume(t, sig);
	if (g->rcmd_pending) {
		/* monitor run-to/goto: only their target is a stop */
		t->dbg_stop = RPL_DBG_NONE;
		return rpl_resume(t, sig);
	}
	if (g->first_pending) {
		g->first_pending = false;
	} else if (t->dbg_stop == RPL_DBG_SYSRET) {
		snprintf(extra, sizeof(extra), "syscall_return:%lx;",
			 t->dbg_nr);
	} else if (t->dbg_stop != RPL_DBG_STEP) {
		return rpl_resume(t, sig);
	}
	t->dbg_stop = RPL_DBG_NONE;
	set_stop(g, t, SIGTRAP, extra);
	ret = serve(g);
	if (ret)
		return ret;
	defer_step(g, t);
	return go(g, t, sig);
}

int rpl_dbg_trap(struct rpl_thread *t)
{
	struct srec_gdb *g = t->r->o->gdb;
	struct srec_arch_regs regs;
	char extra[48] = "";
	bool root = t->proc->pid == t->r->plan.root_tid, stepped;
	siginfo_t si;
	uint64_t ip;
	unsigned i;
	int ret;

	if (!g->live || ptrace(PTRACE_GETSIGINFO, t->rtid, NULL, &si) ||
	    srec_arch_get_regs(t->rtid, &regs))
		return 0;
	ip = srec_arch_ip(&regs);
	stepped = t->dbg_stepping;
	t->dbg_stepping = false;
	if (stepped && si.si_code != SI_KERNEL && si.si_code != TRAP_HWBKPT) {
		/* the step is done */
	} else if (si.si_code == SI_KERNEL && bp_at(g, ip - 1, NULL)) {
		srec_arch_set_ip(&regs, ip - 1);
		if (srec_arch_set_regs(t->rtid, &regs))
			return 0;
		if (!root) {
			/* A child forked with srec's int3 bytes in it: it
			 * is not gdb's, put its code back. */
			for (i = 0; i < g->n_bp; i++)
				srec_tracee_write(t->rtid, g->bp[i].addr,
						  &g->bp[i].orig, 1);
			return rpl_resume(t, 0) ? 0 : 1;
		}
		strcpy(extra, "swbreak:;");
	} else if (si.si_code == TRAP_HWBKPT && root) {
		long dr6 = ptrace(PTRACE_PEEKUSER, t->rtid, dr_off(6), NULL);

		ptrace(PTRACE_POKEUSER, t->rtid, dr_off(6), NULL);
		for (i = 0; i < N_DR; i++)
			if ((dr6 & (1l << i)) && g->wp[i].type)
				break;
		if (i == N_DR)
			return 0;
		if (g->wp[i].type == '1')
			strcpy(extra, "hwbreak:;");
		else
			snprintf(extra, sizeof(extra), "%swatch:%" PRIx64 ";",
				 g->wp[i].type == '4' ? "a" : "",
				 g->wp[i].addr);
	} else {
		t->dbg_stepping = stepped;
		return 0;
	}
	t->dbg_stop = RPL_DBG_NONE;
	set_stop(g, t, SIGTRAP, extra);
	ret = serve(g);
	if (ret)
		return ret;
	defer_step(g, t);
	ret = go(g, t, 0);
	return ret ? ret : 1;
}

void rpl_dbg_diverged(struct rpl *r, struct rpl_thread *t, const char *report)
{
	struct srec_gdb *g = r->o->gdb;

	if (!g->live || g->fd < 0 || g->diverged)
		return;
	g->diverged = true;
	if (g->waiting && put_console(g, report))
		return;
	if (t && t->st != RPL_DEAD && t->st != RPL_RUNNING &&
	    t->proc->pid == r->plan.root_tid)
		set_stop(g, t, SIGTRAP, NULL);
	else
		strcpy(g->stop, "X09");
	/* gdb sees the state it diverged in; the replay cannot go on. */
	serve(g);
}

/* ---- The session ------------------------------------------------------ */

static int listen_on(struct srec_gdb *g, const char *spec)
{
	struct addrinfo hints, *ai = NULL;
	char host[64], port[16];
	const char *colon = strrchr(spec, ':');
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	size_t hl;
	int one = 1, err;

	if (!colon || colon == spec || (hl = (size_t)(colon - spec)) >=
	    sizeof(host) || strlen(colon + 1) >= sizeof(port) || !colon[1]) {
		srec_error("--gdb-listen wants ADDR:PORT, not '%s'", spec);
		return -ECANCELED;
	}
	memcpy(host, spec, hl);
	host[hl] = 0;
	if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
		memmove(host, host + 1, hl - 2);
		host[hl - 2] = 0;
	}
	strcpy(port, colon + 1);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	err = getaddrinfo(host, port, &hints, &ai);
	if (err) {
		srec_error("cannot listen on %s: %s", spec, gai_strerror(err));
		return -ECANCELED;
	}
	g->lfd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (g->lfd >= 0)
		setsockopt(g->lfd, SOL_SOCKET, SO_REUSEADDR, &one,
			   sizeof(one));
	if (g->lfd < 0 || bind(g->lfd, ai->ai_addr, ai->ai_addrlen) ||
	    listen(g->lfd, 1) ||
	    getsockname(g->lfd, (struct sockaddr *)&ss, &sl)) {
		srec_error("cannot listen on %s: %s", spec, strerror(errno));
		freeaddrinfo(ai);
		return -ECANCELED;
	}
	freeaddrinfo(ai);
	snprintf(g->host, sizeof(g->host), "%s", host);
	g->port = ntohs(ss.ss_family == AF_INET6 ?
			((struct sockaddr_in6 *)&ss)->sin6_port :
			((struct sockaddr_in *)&ss)->sin_port);
	return 0;
}

/* gdb gets Ctrl-C from the terminal and sends it on as 0x03; srec must
 * live on.  A handler, not SIG_IGN, which the program would inherit. */
static void on_sigint(int sig)
{
	(void)sig;
}

/* After the replay: gdb hears how the program ended, and may restart. */
static int serve_end(struct srec_gdb *g, int rc)
{
	if (g->diverged || rc)
		strcpy(g->stop, "X09");
	else if (g->exit_sig)
		snprintf(g->stop, sizeof(g->stop), "X%02x", g->exit_sig & 0x7f);
	else
		snprintf(g->stop, sizeof(g->stop), "W%02x",
			 g->have_exit ? g->exit_code & 0xff : 0);
	g->stop_tid = 0;
	/* gdb quitting now ends the session as it should. */
	if (serve(g) == -ECONNRESET) {
		g->gone = false;
		g->killed = true;
	}
	return 0;
}

int srec_gdb_replay(struct srec_rpl_opts *o, const struct srec_gdb_opts *opts)
{
	struct srec_gdb *g = srec_xcalloc(1, sizeof(*g));
	char gdb[PATH_MAX];
	struct sigaction sa, old_int;
	int ret, st;

	g->opts = opts;
	g->ro = o;
	g->fd = -1;
	g->vfd = -1;
	g->live = true;
	if (opts->launch && find_gdb(gdb, sizeof(gdb))) {
		srec_error("--gdb: gdb is not installed (Debian package gdb)");
		free(g);
		return -ECANCELED;
	}
	ret = listen_on(g, opts->listen ? opts->listen : "127.0.0.1:0");
	if (ret) {
		free(g);
		return ret;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, &old_int);
	o->gdb = g;
	g->has_run_to = opts->has_stop_at;
	g->run_to = opts->stop_at;
	g->first_pending = !opts->has_stop_at;
	for (;;) {
		ret = srec_rpl_run(o);
		g->r = NULL;
		g->ev = NULL;
		g->n_bp = 0;
		memset(g->wp, 0, sizeof(g->wp));
		if (!g->restart && !g->gone && !g->killed && g->live &&
		    g->fd >= 0) {
			/* The end, or a divergence: tell gdb, which may
			 * still restart (run). */
			serve_end(g, ret == SREC_EDIVERGED ? ret : 0);
		}
		if (!g->restart || g->gone)
			break;
		g->restart = g->killed = g->diverged = g->have_exit = false;
		g->first_pending = !g->has_run_to;
	}
	if (g->fd >= 0)
		close(g->fd);
	if (g->vfd >= 0)
		close(g->vfd);
	if (g->lfd >= 0)
		close(g->lfd);
	if (g->gdb_pid > 0)
		while (waitpid(g->gdb_pid, &st, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	if (g->gone && !g->killed) {
		srec_error("gdb went away: the replayed program was killed");
		ret = -ECONNRESET;
	} else if (ret == -ECONNRESET || ret == ERESTART_RPL) {
		ret = 0; /* gdb killed the program, or quit */
	}
	srec_buf_free(&g->last);
	o->gdb = NULL;
	free(g);
	return ret;
}
