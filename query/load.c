// SPDX-License-Identifier: MIT
/*
 * load.c - build a query database: execute schemas/query.sql, turn every
 * event of each trace into rows, then build the indexes.
 *
 * A million-syscall trace should load about as fast as SQLite can insert
 * that many rows, so: one transaction; one prepared INSERT per table with
 * parameters bound by position; the `trace` column bound once per trace
 * (bindings survive sqlite3_reset()); strings and blobs bound in place
 * (SQLITE_STATIC) from the reader's event or a few reused buffers, never
 * copied or allocated per row; no journal, no fsync; indexes built once
 * the rows are in.  Processes and threads are summed up in memory and
 * written at the end of each trace.
 */
#include "q_int.h"
#include "srec_err.h"
#include "srec_fmt.h"
#include "srec_hash.h"
#include "srec_json.h"
#include "srec_sys.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CLONE_THREAD_FLAG 0x00010000u /* <linux/sched.h> CLONE_THREAD */
#define CLONE_PARENT_FLAG 0x00008000u /* CLONE_PARENT */
#define PROGRESS_EVERY 65536

/*
 * The columns the loader fills, per table.  Each list gives the INSERT's
 * column names and, through COL_ENUM, the parameter numbers (1-based) the
 * binds use, so the two cannot disagree; a column named here that
 * query.sql lacks fails the prepare, which every test would catch.
 */
#define COL_ENUM(p, c) p##_##c,
#define COL_NAME(p, c) #c,

#define TRACES_COLS(X, p) X(p, trace) X(p, file) X(p, size) X(p, mtime_ns) \
	X(p, head_hash) X(p, command) X(p, cwd) X(p, hostname) X(p, kernel) \
	X(p, start_realtime_ns) X(p, exit_status) X(p, events) X(p, damage)
#define SYSCALLS_COLS(X, p) X(p, trace) X(p, seq) X(p, pid) X(p, tid) \
	X(p, nr) X(p, name) X(p, arg0) X(p, arg1) X(p, arg2) X(p, arg3) \
	X(p, arg4) X(p, arg5) X(p, ret) X(p, errno) X(p, t_enter_ns) \
	X(p, t_exit_ns) X(p, dur_ns) X(p, path) X(p, fd) X(p, fd_path) \
	X(p, args) X(p, result) X(p, no_return) X(p, forced) \
	X(p, injected)
#define BUFFERS_COLS(X, p) X(p, trace) X(p, seq) X(p, arg) X(p, dir) \
	X(p, addr) X(p, len) X(p, data) X(p, blob) X(p, fault) X(p, str)
#define BLOBS_COLS(X, p) X(p, trace) X(p, seq) X(p, hash) X(p, len) \
	X(p, data)
#define PROCESSES_COLS(X, p) X(p, trace) X(p, pid) X(p, ppid) X(p, exe) \
	X(p, argv) X(p, cwd) X(p, exit_code) X(p, exit_signal) \
	X(p, core_dumped) X(p, first_seq) X(p, last_seq) X(p, execs)
#define THREADS_COLS(X, p) X(p, trace) X(p, pid) X(p, tid) X(p, first_seq) \
	X(p, last_seq) X(p, syscalls) X(p, exit_code) X(p, exit_signal)
#define EXECS_COLS(X, p) X(p, trace) X(p, seq) X(p, pid) X(p, tid) \
	X(p, exe) X(p, argv) X(p, env) X(p, cwd)
#define CLONES_COLS(X, p) X(p, trace) X(p, seq) X(p, pid) X(p, tid) \
	X(p, kind) X(p, flags) X(p, child_pid) X(p, child_tid)
#define SIGNALS_COLS(X, p) X(p, trace) X(p, seq) X(p, pid) X(p, tid) \
	X(p, signo) X(p, name) X(p, code) X(p, sender_pid) X(p, sender_uid) \
	X(p, addr) X(p, status) X(p, info)
#define NOTES_COLS(X, p) X(p, trace) X(p, seq) X(p, pid) X(p, tid) X(p, text)
#define SYSTABLE_COLS(X, p) X(p, nr) X(p, name) X(p, nargs) X(p, classes) \
	X(p, returns_fd) X(p, replay)

enum { TR_ = 0, TRACES_COLS(COL_ENUM, TR) };
enum { SC_ = 0, SYSCALLS_COLS(COL_ENUM, SC) };
enum { BU_ = 0, BUFFERS_COLS(COL_ENUM, BU) };
enum { BL_ = 0, BLOBS_COLS(COL_ENUM, BL) };
enum { PR_ = 0, PROCESSES_COLS(COL_ENUM, PR) };
enum { TH_ = 0, THREADS_COLS(COL_ENUM, TH) };
enum { EX_ = 0, EXECS_COLS(COL_ENUM, EX) };
enum { CL_ = 0, CLONES_COLS(COL_ENUM, CL) };
enum { SG_ = 0, SIGNALS_COLS(COL_ENUM, SG) };
enum { NO_ = 0, NOTES_COLS(COL_ENUM, NO) };
enum { ST_ = 0, SYSTABLE_COLS(COL_ENUM, ST) };

enum table {
	T_TRACES, T_SYSCALLS, T_BUFFERS, T_BLOBS, T_PROCESSES, T_THREADS,
	T_EXECS, T_CLONES, T_SIGNALS, T_NOTES, T_SYSTABLE, N_TABLES
};

static const char *const traces_cols[] = { TRACES_COLS(COL_NAME, 0) NULL };
static const char *const syscalls_cols[] = { SYSCALLS_COLS(COL_NAME, 0) NULL };
static const char *const buffers_cols[] = { BUFFERS_COLS(COL_NAME, 0) NULL };
static const char *const blobs_cols[] = { BLOBS_COLS(COL_NAME, 0) NULL };
static const char *const processes_cols[] = {
	PROCESSES_COLS(COL_NAME, 0) NULL
};
static const char *const threads_cols[] = { THREADS_COLS(COL_NAME, 0) NULL };
static const char *const execs_cols[] = { EXECS_COLS(COL_NAME, 0) NULL };
static const char *const clones_cols[] = { CLONES_COLS(COL_NAME, 0) NULL };
static const char *const signals_cols[] = { SIGNALS_COLS(COL_NAME, 0) NULL };
static const char *const notes_cols[] = { NOTES_COLS(COL_NAME, 0) NULL };
static const char *const systable_cols[] = { SYSTABLE_COLS(COL_NAME, 0) NULL };

static const struct {
	const char *name;
	const char *const *cols;
	bool per_trace; /* first column is `trace`, bound once per trace */
} tables[N_TABLES] = {
	[T_TRACES] = { "traces", traces_cols, true },
	[T_SYSCALLS] = { "syscalls", syscalls_cols, true },
	[T_BUFFERS] = { "buffers", buffers_cols, true },
	[T_BLOBS] = { "blobs", blobs_cols, true },
	[T_PROCESSES] = { "processes", processes_cols, true },
	[T_THREADS] = { "threads", threads_cols, true },
	[T_EXECS] = { "execs", execs_cols, true },
	[T_CLONES] = { "clones", clones_cols, true },
	[T_SIGNALS] = { "signals", signals_cols, true },
	[T_NOTES] = { "notes", notes_cols, true },
	[T_SYSTABLE] = { "systable", systable_cols, false },
};

/* strace's class names, in the order query shows them. */
static const char *const class_names[] = {
	"file", "desc", "process", "network", "signal", "memory", "ipc",
	"creds", "clock", "stat",
};

static const char *const clone_kinds[] = {
	[SREC__CLONE_KIND__CLONE_KIND_FORK] = "fork",
	[SREC__CLONE_KIND__CLONE_KIND_VFORK] = "vfork",
	[SREC__CLONE_KIND__CLONE_KIND_CLONE] = "clone",
};

/* ---- Processes and threads, summed up in memory ------------------------- */

struct ended {
	bool yes;
	int code;
	int signal;
	bool core;
};

struct proc {
	int32_t pid;
	int32_t ppid; /* 0: none known */
	char *exe, *argv, *cwd;
	struct ended end;
	uint64_t first_seq, last_seq;
	unsigned execs;
};

struct thread {
	int32_t tid;
	int32_t pid;
	uint64_t first_seq, last_seq;
	uint64_t syscalls;
	struct ended end;
};

/* ---- The loader --------------------------------------------------------- */

struct loader {
	sqlite3 *db;
	sqlite3_stmt *ins[N_TABLES];
	const struct srec_q_opts *o;
	const char *name;
	uint64_t total; /* events in the trace, from its trailer; 0 unknown */
	uint64_t events;
	struct srec_sys_fdtrack *fds;
	struct srec_sys_fmt_opts fmt;
	struct srec_buf args, result, text;
	struct q_idmap proc_ids, thread_ids;
	struct proc *procs;
	size_t n_procs;
	struct thread *threads;
	size_t n_threads;
};

int q_errno(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return 0;
	case SQLITE_FULL:
		return -ENOSPC;
	case SQLITE_READONLY:
		return -EROFS;
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return -EACCES;
	case SQLITE_NOMEM:
		return -ENOMEM;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return -EBUSY;
	default:
		return -EIO;
	}
}

static int step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : q_errno(rc);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s, size_t n)
{
	if (s)
		sqlite3_bind_text64(st, i, s, n, SQLITE_STATIC, SQLITE_UTF8);
	else
		sqlite3_bind_null(st, i);
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	bind_text(st, i, s, s ? strlen(s) : 0);
}

static void bind_blob(sqlite3_stmt *st, int i, const void *p, size_t n)
{
	/* A NULL pointer would bind NULL: an empty buffer is not that. */
	if (n)
		sqlite3_bind_blob64(st, i, p, n, SQLITE_STATIC);
	else
		sqlite3_bind_zeroblob(st, i, 0);
}

static void bind_ended(sqlite3_stmt *st, int code_col, int sig_col,
		       const struct ended *e, struct srec_buf *scratch)
{
	const char *name;

	sqlite3_bind_null(st, code_col);
	sqlite3_bind_null(st, sig_col);
	if (!e->yes)
		return;
	if (!e->signal) {
		sqlite3_bind_int(st, code_col, e->code);
		return;
	}
	name = srec_sys_signal_name(e->signal);
	srec_buf_reset(scratch);
	if (name)
		srec_buf_adds(scratch, name);
	else
		srec_buf_addf(scratch, "SIG%d", e->signal);
	bind_text(st, sig_col, scratch->data, scratch->len);
}

static int prepare_inserts(struct loader *l)
{
	struct srec_buf sql = SREC_BUF_INIT;
	int t, i, rc = 0;

	for (t = 0; t < N_TABLES && !rc; t++) {
		srec_buf_reset(&sql);
		srec_buf_addf(&sql, "INSERT INTO %s(", tables[t].name);
		for (i = 0; tables[t].cols[i]; i++)
			srec_buf_addf(&sql, "%s%s", i ? "," : "",
				      tables[t].cols[i]);
		srec_buf_adds(&sql, ") VALUES (");
		for (i = 0; tables[t].cols[i]; i++)
			srec_buf_adds(&sql, i ? ",?" : "?");
		srec_buf_adds(&sql, ")");
		rc = q_errno(sqlite3_prepare_v3(l->db, sql.data, -1,
						SQLITE_PREPARE_PERSISTENT,
						&l->ins[t], NULL));
	}
	srec_buf_free(&sql);
	return rc;
}

static int fill_systable(struct loader *l)
{
	sqlite3_stmt *st = l->ins[T_SYSTABLE];
	unsigned nr, i;
	int rc = 0;

	for (nr = 0; nr < srec_sys_nr_limit() && !rc; nr++) {
		const struct srec_sys_entry *e = srec_sys_get(nr);

		if (!e)
			continue;
		srec_buf_reset(&l->text);
		for (i = 0; i < sizeof(class_names) / sizeof(*class_names);
		     i++) {
			char cls[16];

			snprintf(cls, sizeof(cls), "%%%s", class_names[i]);
			if (!(e->classes & srec_sys_class_by_name(cls)))
				continue;
			srec_buf_addf(&l->text, "%s%s", l->text.len ? "," : "",
				      class_names[i]);
		}
		sqlite3_bind_int(st, ST_nr, (int)nr);
		bind_str(st, ST_name, e->name);
		sqlite3_bind_int(st, ST_nargs, e->nargs);
		bind_text(st, ST_classes, l->text.data, l->text.len);
		sqlite3_bind_int(st, ST_returns_fd, e->ret_kind == SREC_ARG_FD);
		bind_str(st, ST_replay, e->replay == SREC_REPLAY_EXECUTE ?
						"execute" : "emulate");
		rc = step(st);
	}
	return rc;
}

/* ---- Processes and threads ---------------------------------------------- */

static struct proc *get_proc(struct loader *l, int32_t pid, uint64_t seq)
{
	bool added;
	uint32_t i = q_idmap_get(&l->proc_ids, pid, (uint32_t)l->n_procs,
				 &added);

	if (added) {
		l->procs = srec_xrealloc(l->procs, (l->n_procs + 1) *
						   sizeof(*l->procs));
		l->procs[i] = (struct proc){ .pid = pid, .first_seq = seq,
					     .last_seq = seq };
		l->n_procs++;
	}
	return &l->procs[i];
}

static struct thread *get_thread(struct loader *l, int32_t tid, int32_t pid,
				 uint64_t seq)
{
	bool added;
	uint32_t i = q_idmap_get(&l->thread_ids, tid, (uint32_t)l->n_threads,
			    &added);

	if (added) {
		l->threads = srec_xrealloc(l->threads, (l->n_threads + 1) *
						       sizeof(*l->threads));
		l->threads[i] = (struct thread){ .tid = tid, .pid = pid,
						 .first_seq = seq,
						 .last_seq = seq };
		l->n_threads++;
	}
	return &l->threads[i];
}

static void free_procs(struct loader *l)
{
	size_t i;

	for (i = 0; i < l->n_procs; i++) {
		free(l->procs[i].exe);
		free(l->procs[i].argv);
		free(l->procs[i].cwd);
	}
	free(l->procs);
	free(l->threads);
	q_idmap_free(&l->proc_ids);
	q_idmap_free(&l->thread_ids);
	l->procs = NULL;
	l->threads = NULL;
	l->n_procs = l->n_threads = 0;
}

static char *dup_or_null(const char *s)
{
	return s ? srec_xstrdup(s) : NULL;
}

void q_shell_quote(struct srec_buf *b, const char *s)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
				    "@%+=:,./_-";

	if (*s && strspn(s, plain) == strlen(s)) {
		srec_buf_adds(b, s);
		return;
	}
	srec_buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			srec_buf_adds(b, "'\\''");
		else
			srec_buf_addc(b, *s);
	}
	srec_buf_addc(b, '\'');
}

static void join_argv(struct srec_buf *b, char **argv, size_t n)
{
	size_t i;

	srec_buf_reset(b);
	for (i = 0; i < n; i++) {
		if (i)
			srec_buf_addc(b, ' ');
		q_shell_quote(b, argv[i]);
	}
}

static int write_procs(struct loader *l)
{
	sqlite3_stmt *st = l->ins[T_PROCESSES];
	size_t i;
	int rc = 0;

	for (i = 0; i < l->n_procs && !rc; i++) {
		const struct proc *p = &l->procs[i];

		sqlite3_bind_int(st, PR_pid, p->pid);
		if (p->ppid)
			sqlite3_bind_int(st, PR_ppid, p->ppid);
		else
			sqlite3_bind_null(st, PR_ppid);
		bind_str(st, PR_exe, p->exe);
		bind_str(st, PR_argv, p->argv);
		bind_str(st, PR_cwd, p->cwd);
		bind_ended(st, PR_exit_code, PR_exit_signal, &p->end, &l->text);
		if (p->end.yes)
			sqlite3_bind_int(st, PR_core_dumped, p->end.core);
		else
			sqlite3_bind_null(st, PR_core_dumped);
		sqlite3_bind_int64(st, PR_first_seq, (int64_t)p->first_seq);
		sqlite3_bind_int64(st, PR_last_seq, (int64_t)p->last_seq);
		sqlite3_bind_int(st, PR_execs, (int)p->execs);
		rc = step(st);
	}
	st = l->ins[T_THREADS];
	for (i = 0; i < l->n_threads && !rc; i++) {
		const struct thread *t = &l->threads[i];

		sqlite3_bind_int(st, TH_pid, t->pid);
		sqlite3_bind_int(st, TH_tid, t->tid);
		sqlite3_bind_int64(st, TH_first_seq, (int64_t)t->first_seq);
		sqlite3_bind_int64(st, TH_last_seq, (int64_t)t->last_seq);
		sqlite3_bind_int64(st, TH_syscalls, (int64_t)t->syscalls);
		bind_ended(st, TH_exit_code, TH_exit_signal, &t->end, &l->text);
		rc = step(st);
	}
	return rc;
}

/* ---- One row per event -------------------------------------------------- */

static int add_buffers(struct loader *l, const Srec__Event *ev)
{
	sqlite3_stmt *st = l->ins[T_BUFFERS];
	const Srec__Syscall *sc = ev->syscall;
	size_t i;
	int rc = 0;

	for (i = 0; i < sc->n_mem && !rc; i++) {
		const Srec__Mem *m = sc->mem[i];

		sqlite3_bind_int64(st, BU_seq, (int64_t)ev->seq);
		sqlite3_bind_int(st, BU_arg, (int)m->arg);
		bind_str(st, BU_dir, m->dir == SREC__DIR__OUT ? "out" : "in");
		sqlite3_bind_int64(st, BU_addr, (int64_t)m->addr);
		sqlite3_bind_int64(st, BU_len, (int64_t)m->len);
		if (m->has_data)
			bind_blob(st, BU_data, m->data.data, m->data.len);
		else
			sqlite3_bind_null(st, BU_data);
		if (m->has_blob)
			bind_blob(st, BU_blob, m->blob.data, m->blob.len);
		else
			sqlite3_bind_null(st, BU_blob);
		sqlite3_bind_int(st, BU_fault, m->fault);
		sqlite3_bind_int(st, BU_str, m->str);
		rc = step(st);
	}
	return rc;
}

/* `openat(AT_FDCWD, "x", O_RDONLY)` goes in as `AT_FDCWD, "x", O_RDONLY`:
 * the name has a column of its own. */
static void bind_args(sqlite3_stmt *st, const struct srec_buf *call)
{
	const char *paren = call->len ? memchr(call->data, '(', call->len) :
					NULL;

	if (!paren || call->data[call->len - 1] != ')') {
		bind_text(st, SC_args, call->data, call->len);
		return;
	}
	paren++;
	bind_text(st, SC_args, paren,
		  (size_t)(call->data + call->len - 1 - paren));
}

static int add_syscall(struct loader *l, const Srec__Event *ev)
{
	sqlite3_stmt *st = l->ins[T_SYSCALLS];
	const Srec__Syscall *sc = ev->syscall;
	const struct srec_sys_entry *e = srec_sys_get(sc->nr);
	bool returned = sc->has_ret && !sc->no_return;
	char unknown[32], errname[16];
	const char *name, *path, *fd_path = NULL;
	size_t i, path_len = 0;
	int fd, rc;

	sqlite3_bind_int64(st, SC_seq, (int64_t)ev->seq);
	sqlite3_bind_int(st, SC_pid, ev->pid);
	sqlite3_bind_int(st, SC_tid, ev->tid);
	sqlite3_bind_int(st, SC_nr, (int)sc->nr);
	if (e) {
		name = e->name;
	} else {
		snprintf(unknown, sizeof(unknown), "syscall_%u", sc->nr);
		name = unknown;
	}
	bind_str(st, SC_name, name);
	for (i = 0; i < 6; i++) {
		if (i < sc->n_args)
			sqlite3_bind_int64(st, SC_arg0 + (int)i,
					   (int64_t)sc->args[i]);
		else
			sqlite3_bind_null(st, SC_arg0 + (int)i);
	}
	sqlite3_bind_null(st, SC_ret);
	sqlite3_bind_null(st, SC_errno);
	if (returned) {
		sqlite3_bind_int64(st, SC_ret, sc->ret);
		if (srec_sys_failed(sc->ret)) {
			const char *en = srec_sys_errno_name((int)-sc->ret);

			if (!en) {
				snprintf(errname, sizeof(errname), "E%d",
					 (int)-sc->ret);
				en = errname;
			}
			bind_str(st, SC_errno, en);
		}
	}
	sqlite3_bind_int64(st, SC_t_enter_ns, (int64_t)sc->t_enter_ns);
	if (sc->has_t_exit_ns) {
		sqlite3_bind_int64(st, SC_t_exit_ns, (int64_t)sc->t_exit_ns);
		sqlite3_bind_int64(st, SC_dur_ns,
				   (int64_t)(sc->t_exit_ns - sc->t_enter_ns));
	} else {
		sqlite3_bind_null(st, SC_t_exit_ns);
		sqlite3_bind_null(st, SC_dur_ns);
	}
	path = srec_sys_path_arg(sc, &path_len);
	bind_text(st, SC_path, path, path_len);
	fd = srec_sys_fd_arg(sc);
	if (fd >= 0) {
		sqlite3_bind_int(st, SC_fd, fd);
		fd_path = srec_sys_fdtrack_path(l->fds, ev->pid, fd);
	} else {
		sqlite3_bind_null(st, SC_fd);
	}
	bind_str(st, SC_fd_path, fd_path);
	srec_buf_reset(&l->args);
	l->fmt.pid = ev->pid;
	srec_sys_format_call(sc, &l->fmt, &l->args);
	bind_args(st, &l->args);
	srec_buf_reset(&l->result);
	srec_sys_format_ret(sc, &l->result);
	if (l->result.len >= 3 && !memcmp(l->result.data, " = ", 3))
		bind_text(st, SC_result, l->result.data + 3,
			  l->result.len - 3);
	else
		bind_text(st, SC_result, l->result.data, l->result.len);
	sqlite3_bind_int(st, SC_no_return, sc->no_return);
	sqlite3_bind_int(st, SC_forced, sc->forced);
	sqlite3_bind_int(st, SC_injected, sc->injected != NULL);
	rc = step(st);
	if (!rc)
		rc = add_buffers(l, ev);
	return rc;
}

static void bind_event(sqlite3_stmt *st, int seq, const Srec__Event *ev)
{
	sqlite3_bind_int64(st, seq, (int64_t)ev->seq);
	sqlite3_bind_int(st, seq + 1, ev->pid);
	sqlite3_bind_int(st, seq + 2, ev->tid);
}

static int add_exec(struct loader *l, const Srec__Event *ev)
{
	sqlite3_stmt *st = l->ins[T_EXECS];
	const Srec__Exec *x = ev->exec;
	struct proc *p = get_proc(l, ev->pid, ev->seq);
	size_t i;

	join_argv(&l->text, x->argv, x->n_argv);
	free(p->exe);
	free(p->argv);
	free(p->cwd);
	p->exe = dup_or_null(x->exe);
	p->argv = srec_xstrdup(l->text.data ? l->text.data : "");
	p->cwd = dup_or_null(x->cwd);
	p->execs++;
	bind_event(st, EX_seq, ev);
	bind_str(st, EX_exe, x->exe);
	bind_text(st, EX_argv, l->text.data, l->text.len);
	srec_buf_reset(&l->args);
	srec_buf_addc(&l->args, '[');
	for (i = 0; i < x->n_env; i++) {
		if (i)
			srec_buf_addc(&l->args, ',');
		srec_json_str(&l->args, x->env[i], strlen(x->env[i]));
	}
	srec_buf_addc(&l->args, ']');
	bind_text(st, EX_env, l->args.data, l->args.len);
	bind_str(st, EX_cwd, x->cwd);
	return step(st);
}

static int add_clone(struct loader *l, const Srec__Event *ev)
{
	sqlite3_stmt *st = l->ins[T_CLONES];
	const Srec__Clone *c = ev->clone;
	const char *kind = "clone";
	size_t parent, child;
	int32_t child_pid = c->child_pid ? c->child_pid : c->child_tid;

	if ((unsigned)c->kind < sizeof(clone_kinds) / sizeof(*clone_kinds))
		kind = clone_kinds[c->kind];
	bind_event(st, CL_seq, ev);
	bind_str(st, CL_kind, kind);
	sqlite3_bind_int64(st, CL_flags, (int64_t)c->flags);
	sqlite3_bind_int(st, CL_child_pid, c->child_pid);
	sqlite3_bind_int(st, CL_child_tid, c->child_tid);
	if (c->flags & CLONE_THREAD_FLAG) {
		get_thread(l, c->child_tid, ev->pid, ev->seq);
		return step(st);
	}
	/* Indexes, not pointers: adding the child may move the array. */
	parent = (size_t)(get_proc(l, ev->pid, ev->seq) - l->procs);
	child = (size_t)(get_proc(l, child_pid, ev->seq) - l->procs);
	if (child != parent) {
		struct proc *pp = &l->procs[parent], *cp = &l->procs[child];

		cp->ppid = c->flags & CLONE_PARENT_FLAG ? pp->ppid : pp->pid;
		free(cp->exe);
		free(cp->argv);
		free(cp->cwd);
		cp->exe = dup_or_null(pp->exe);
		cp->argv = dup_or_null(pp->argv);
		cp->cwd = dup_or_null(pp->cwd);
	}
	get_thread(l, c->child_tid ? c->child_tid : child_pid, child_pid,
		   ev->seq);
	return step(st);
}

static int add_signal(struct loader *l, const Srec__Event *ev)
{
	sqlite3_stmt *st = l->ins[T_SIGNALS];
	const Srec__Signal *s = ev->signal;

	bind_event(st, SG_seq, ev);
	sqlite3_bind_int(st, SG_signo, s->signo);
	bind_str(st, SG_name, srec_sys_signal_name(s->signo));
	sqlite3_bind_int(st, SG_code, s->code);
	sqlite3_bind_int(st, SG_sender_pid, s->sender_pid);
	sqlite3_bind_int64(st, SG_sender_uid, s->sender_uid);
	sqlite3_bind_int64(st, SG_addr, (int64_t)s->addr);
	sqlite3_bind_int(st, SG_status, s->status);
	srec_buf_reset(&l->text);
	srec_sys_format_siginfo(s, &l->text);
	bind_text(st, SG_info, l->text.data, l->text.len);
	return step(st);
}

static void set_ended(struct ended *e, const Srec__Event *ev)
{
	e->yes = true;
	e->code = ev->exit->code;
	e->signal = ev->exit->signal;
	e->core = ev->exit->core_dumped;
}

static int add_exit(struct loader *l, const Srec__Event *ev)
{
	set_ended(&get_thread(l, ev->tid, ev->pid, ev->seq)->end, ev);
	if (!ev->exit->thread)
		set_ended(&get_proc(l, ev->pid, ev->seq)->end, ev);
	return 0;
}

static int add_blob(struct loader *l, const Srec__Event *ev)
{
	sqlite3_stmt *st = l->ins[T_BLOBS];
	const Srec__Blob *b = ev->blob;

	sqlite3_bind_int64(st, BL_seq, (int64_t)ev->seq);
	bind_blob(st, BL_hash, b->hash.data, b->hash.len);
	sqlite3_bind_int64(st, BL_len, (int64_t)b->data.len);
	bind_blob(st, BL_data, b->data.data, b->data.len);
	return step(st);
}

static int add_note(struct loader *l, const Srec__Event *ev)
{
	sqlite3_stmt *st = l->ins[T_NOTES];

	bind_event(st, NO_seq, ev);
	bind_str(st, NO_text, ev->note->text);
	return step(st);
}

static int add_event(struct loader *l, const Srec__Event *ev)
{
	struct thread *t;
	int rc;

	get_proc(l, ev->pid, ev->seq)->last_seq = ev->seq;
	t = get_thread(l, ev->tid, ev->pid, ev->seq);
	t->last_seq = ev->seq;
	srec_sys_fdtrack_before(l->fds, ev);
	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL:
		t->syscalls++;
		rc = add_syscall(l, ev);
		break;
	case SREC__EVENT__KIND_EXEC:
		rc = add_exec(l, ev);
		break;
	case SREC__EVENT__KIND_CLONE:
		rc = add_clone(l, ev);
		break;
	case SREC__EVENT__KIND_SIGNAL:
		rc = add_signal(l, ev);
		break;
	case SREC__EVENT__KIND_EXIT:
		rc = add_exit(l, ev);
		break;
	case SREC__EVENT__KIND_BLOB:
		rc = add_blob(l, ev);
		break;
	case SREC__EVENT__KIND_NOTE:
		rc = add_note(l, ev);
		break;
	default:
		rc = 0; /* a kind this srec does not know: nothing to show */
		break;
	}
	srec_sys_fdtrack_after(l->fds, ev);
	return rc;
}

/* ---- One trace ---------------------------------------------------------- */

static void bind_trace_name(struct loader *l, const char *name)
{
	int t;

	for (t = 0; t < N_TABLES; t++)
		if (tables[t].per_trace)
			bind_str(l->ins[t], 1, name);
}

static int write_trace_row(struct loader *l, struct srec_fmt_reader *r,
			   const struct srec_q_input *in,
			   const struct q_key *k, const char *damage)
{
	sqlite3_stmt *st = l->ins[T_TRACES];
	const Srec__TraceHeader *h = srec_fmt_reader_header(r);
	const Srec__Trailer *tr = srec_fmt_reader_trailer(r);

	bind_str(st, TR_file, in->path);
	sqlite3_bind_int64(st, TR_size, k->size);
	sqlite3_bind_int64(st, TR_mtime_ns, k->mtime_ns);
	sqlite3_bind_int64(st, TR_head_hash, k->head_hash);
	join_argv(&l->text, h ? h->command : NULL, h ? h->n_command : 0);
	bind_text(st, TR_command, l->text.data, l->text.len);
	bind_str(st, TR_cwd, h ? h->cwd : NULL);
	bind_str(st, TR_hostname, h ? h->hostname : NULL);
	bind_str(st, TR_kernel, h ? h->kernel_release : NULL);
	if (h && h->has_start_realtime_ns)
		sqlite3_bind_int64(st, TR_start_realtime_ns,
				   h->start_realtime_ns);
	else
		sqlite3_bind_null(st, TR_start_realtime_ns);
	if (tr && tr->has_exit_status)
		sqlite3_bind_int(st, TR_exit_status, tr->exit_status);
	else
		sqlite3_bind_null(st, TR_exit_status);
	sqlite3_bind_int64(st, TR_events, (int64_t)l->events);
	bind_str(st, TR_damage, damage);
	return step(st);
}

static void progress(struct loader *l)
{
	if (l->o && l->o->progress)
		l->o->progress(l->o->progress_ctx, l->name, l->events,
			       l->total);
}

static int load_trace(struct loader *l, const struct srec_q_input *in,
		      const struct q_key *k)
{
	struct srec_fmt_reader *r = NULL;
	const Srec__Trailer *tr;
	const Srec__Event *ev;
	struct srec_buf damage = SREC_BUF_INIT;
	bool damaged = false;
	int rc;

	rc = srec_fmt_reader_open(in->path, &r);
	if (rc)
		return rc;
	l->name = in->name;
	l->events = 0;
	tr = srec_fmt_reader_trailer(r);
	l->total = tr && tr->has_events ? tr->events : 0;
	l->fds = srec_sys_fdtrack_new(srec_fmt_reader_header(r));
	bind_trace_name(l, in->name);
	while ((rc = srec_fmt_reader_next(r, &ev)) != 0) {
		if (rc == SREC_EDAMAGED) {
			damaged = true;
			continue;
		}
		if (rc < 0) {
			/* An I/O error ends the trace here, like damage. */
			srec_buf_addf(&damage, "read error after %" PRIu64
				      " events: %s", l->events,
				      srec_strerror(rc));
			break;
		}
		rc = add_event(l, ev);
		if (rc)
			goto out;
		if (++l->events % PROGRESS_EVERY == 0)
			progress(l);
	}
	progress(l);
	if (!damage.len && (damaged || !srec_fmt_reader_complete(r))) {
		const char *what = srec_fmt_reader_describe_damage(r);

		srec_buf_adds(&damage, what && *what ? what :
			      "trace is incomplete (no index: was the writer "
			      "killed?)");
	}
	rc = write_procs(l);
	if (!rc)
		rc = write_trace_row(l, r, in, k,
				     damage.len ? damage.data : NULL);
out:
	free_procs(l);
	srec_sys_fdtrack_free(l->fds);
	l->fds = NULL;
	srec_buf_free(&damage);
	srec_fmt_reader_close(r);
	return rc;
}

/* ---- The database ------------------------------------------------------- */

int32_t q_schema_version(void)
{
	static const char loader_version[] = "load.c 2";
	uint64_t h = srec_hash64(q_schema_text, strlen(q_schema_text), 0);

	h = srec_hash64(loader_version, sizeof(loader_version), h);
	/* Positive and non-zero: a fresh database has user_version 0. */
	return (int32_t)(h & 0x3fffffff) + 1;
}

int q_key_of(const char *path, struct q_key *k)
{
	uint8_t buf[8192];
	struct stat st;
	ssize_t n1, n2 = 0;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st)) {
		rc = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = S_ISDIR(st.st_mode) ? -EISDIR : SREC_ENOTTRACE;
		goto out;
	}
	n1 = pread(fd, buf, 4096, 0);
	if (n1 >= 0 && st.st_size > 4096)
		n2 = pread(fd, buf + n1, 4096,
			   st.st_size > 8192 ? st.st_size - 4096 : n1);
	if (n1 < 0 || n2 < 0) {
		rc = -errno;
		goto out;
	}
	k->size = st.st_size;
	k->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 +
		      st.st_mtim.tv_nsec;
	k->head_hash = (int64_t)srec_hash64(buf, (size_t)(n1 + n2), 0);
out:
	close(fd);
	return rc;
}

static int exec_sql(sqlite3 *db, const char *sql)
{
	return q_errno(sqlite3_exec(db, sql, NULL, NULL, NULL));
}

static int exec_schema(sqlite3 *db, bool indexes)
{
	const char *mark = strstr(q_schema_text, Q_INDEX_MARK);
	char *part;
	int rc;

	if (!mark)
		return exec_sql(db, indexes ? "" : q_schema_text);
	if (indexes)
		return exec_sql(db, mark);
	part = srec_xmalloc((size_t)(mark - q_schema_text) + 1);
	memcpy(part, q_schema_text, (size_t)(mark - q_schema_text));
	part[mark - q_schema_text] = '\0';
	rc = exec_sql(db, part);
	free(part);
	return rc;
}

int q_build(const char *file, const struct srec_q_input *in,
	    const struct q_key *keys, size_t n, const struct srec_q_opts *o,
	    size_t *bad, struct q_image *image)
{
	struct loader l = { .o = o, .fmt = { .max_str = 32 } };
	char pragmas[256];
	size_t i;
	int t, rc;

	*bad = n;
	/* One thread uses this connection: no mutex on every call. */
	rc = q_errno(sqlite3_open_v2(file ? file : ":memory:", &l.db,
				     SQLITE_OPEN_READWRITE |
				     SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				     NULL));
	if (rc)
		goto out;
	/* Nothing here needs to survive a crash: a half-built database is
	 * never renamed into place. */
	snprintf(pragmas, sizeof(pragmas),
		 "PRAGMA page_size=65536; PRAGMA journal_mode=OFF;"
		 "PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
		 "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;"
		 "PRAGMA user_version=%" PRId32 ";", q_schema_version());
	rc = exec_sql(l.db, pragmas);
	if (!rc)
		rc = exec_schema(l.db, false);
	if (!rc)
		rc = exec_sql(l.db, "BEGIN");
	if (!rc)
		rc = prepare_inserts(&l);
	if (!rc)
		rc = fill_systable(&l);
	for (i = 0; i < n && !rc; i++) {
		rc = load_trace(&l, &in[i], &keys[i]);
		if (rc)
			*bad = i;
	}
	if (rc)
		goto out;
	*bad = n;
	rc = exec_sql(l.db, "COMMIT");
	if (!rc)
		rc = exec_schema(l.db, true);
	if (!rc && !file) {
		image->data = sqlite3_serialize(l.db, "main", &image->size, 0);
		if (!image->data)
			rc = -ENOMEM;
	}
out:
	for (t = 0; t < N_TABLES; t++)
		sqlite3_finalize(l.ins[t]);
	if (sqlite3_close(l.db) != SQLITE_OK && !rc)
		rc = -EIO;
	srec_buf_free(&l.args);
	srec_buf_free(&l.result);
	srec_buf_free(&l.text);
	return rc;
}
