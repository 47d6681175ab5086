// SPDX-License-Identifier: MIT
/*
 * test_query.c - srec_q on traces written here with the format writer:
 * rows and column values, the views, several traces in one session, the
 * cache, read-only enforcement, damaged traces and the output modes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "srec_buf.h"
#include "srec_fmt.h"
#include "srec_q.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NR_READ 0
#define NR_WRITE 1
#define NR_CLOSE 3
#define NR_EXIT_GROUP 231
#define NR_OPENAT 257
#define AT_FDCWD_U64 ((uint64_t)(int64_t)-100)

static char dir[256];

/* ---- Writing traces ----------------------------------------------------- */

struct tw {
	struct srec_fmt_writer *w;
	uint64_t t;
};

static void syscall_ev(struct tw *tw, int pid, unsigned nr, uint64_t a0,
		       uint64_t a1, uint64_t a2, int64_t ret, int dir_,
		       const char *data, bool str)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Syscall sc = SREC__SYSCALL__INIT;
	Srec__Mem m = SREC__MEM__INIT, *mp = &m;
	uint64_t args[6] = { a0, a1, a2 };

	ev.pid = ev.tid = pid;
	ev.kind_case = SREC__EVENT__KIND_SYSCALL;
	ev.syscall = &sc;
	sc.nr = nr;
	sc.has_nr = true;
	sc.args = args;
	sc.n_args = 6;
	sc.has_ret = true;
	sc.ret = ret;
	sc.has_t_enter_ns = sc.has_t_exit_ns = true;
	sc.t_enter_ns = tw->t;
	sc.t_exit_ns = tw->t + 100;
	tw->t += 1000;
	if (data) {
		m.has_arg = m.has_dir = m.has_addr = m.has_len = true;
		m.arg = 1;
		m.dir = dir_;
		m.addr = a1;
		m.len = strlen(data);
		m.has_data = true;
		m.data.data = (uint8_t *)data;
		m.data.len = strlen(data);
		m.has_str = str;
		m.str = str;
		sc.mem = &mp;
		sc.n_mem = 1;
	}
	assert_int_equal(srec_fmt_writer_append(tw->w, &ev), 0);
}

static void exec_ev(struct tw *tw, int pid, const char *arg1)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Exec x = SREC__EXEC__INIT;
	char *argv[] = { "prog", (char *)arg1 };
	char *env[] = { "HOME=/root" };

	ev.pid = ev.tid = pid;
	ev.kind_case = SREC__EVENT__KIND_EXEC;
	ev.exec = &x;
	x.exe = "/usr/bin/prog";
	x.argv = argv;
	x.n_argv = 2;
	x.env = env;
	x.n_env = 1;
	x.cwd = "/work";
	assert_int_equal(srec_fmt_writer_append(tw->w, &ev), 0);
}

static void fork_ev(struct tw *tw, int pid, int child)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Clone c = SREC__CLONE__INIT;

	ev.pid = ev.tid = pid;
	ev.kind_case = SREC__EVENT__KIND_CLONE;
	ev.clone = &c;
	c.has_kind = c.has_child_pid = c.has_child_tid = true;
	c.kind = SREC__CLONE_KIND__CLONE_KIND_FORK;
	c.child_pid = c.child_tid = child;
	assert_int_equal(srec_fmt_writer_append(tw->w, &ev), 0);
}

static void exit_ev(struct tw *tw, int pid, int code, int sig)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Exit x = SREC__EXIT__INIT;

	ev.pid = ev.tid = pid;
	ev.kind_case = SREC__EVENT__KIND_EXIT;
	ev.exit = &x;
	x.has_code = x.has_signal = true;
	x.code = code;
	x.signal = sig;
	assert_int_equal(srec_fmt_writer_append(tw->w, &ev), 0);
}

static void signal_ev(struct tw *tw, int pid, int signo)
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Signal s = SREC__SIGNAL__INIT;

	ev.pid = ev.tid = pid;
	ev.kind_case = SREC__EVENT__KIND_SIGNAL;
	ev.signal = &s;
	s.has_signo = true;
	s.signo = signo;
	assert_int_equal(srec_fmt_writer_append(tw->w, &ev), 0);
}

/*
 * A small run of pid 100: exec, open INPUT (fd 3), read it, write what it
 * read, close, fail to open /nonexistent, fork 101 which exits 3, SIGCHLD,
 * exit 0.  @input names the file opened; @abandon leaves no index, as a
 * killed writer would.
 */
/* write_trace() delivers its SIGCHLD before the first open instead. */
static bool early_sigchld;

static void write_trace(const char *path, const char *input, bool abandon)
{
	Srec__TraceHeader h = SREC__TRACE_HEADER__INIT;
	struct srec_fmt_writer_opts o = { .inline_compression = true };
	char *cmd[] = { "prog", (char *)input };
	struct tw tw = { NULL, 1000 };

	h.command = cmd;
	h.n_command = 2;
	h.hostname = "test";
	assert_int_equal(srec_fmt_writer_open(path, &h, &o, &tw.w), 0);
	exec_ev(&tw, 100, input);
	if (early_sigchld)
		signal_ev(&tw, 100, 17);
	syscall_ev(&tw, 100, NR_OPENAT, AT_FDCWD_U64, 0x1000, 0, 3,
		   SREC__DIR__IN, input, true);
	syscall_ev(&tw, 100, NR_READ, 3, 0x2000, 64, 6, SREC__DIR__OUT,
		   "hello\n", false);
	syscall_ev(&tw, 100, NR_WRITE, 1, 0x2000, 6, 6, SREC__DIR__IN,
		   "hello\n", false);
	syscall_ev(&tw, 100, NR_CLOSE, 3, 0, 0, 0, 0, NULL, false);
	syscall_ev(&tw, 100, NR_OPENAT, AT_FDCWD_U64, 0x1000, 0, -ENOENT,
		   SREC__DIR__IN, "/nonexistent", true);
	fork_ev(&tw, 100, 101);
	syscall_ev(&tw, 101, NR_EXIT_GROUP, 3, 0, 0, 0, 0, NULL, false);
	exit_ev(&tw, 101, 3, 0);
	if (!early_sigchld)
		signal_ev(&tw, 100, 17);
	syscall_ev(&tw, 100, NR_EXIT_GROUP, 0, 0, 0, 0, 0, NULL, false);
	exit_ev(&tw, 100, 0, 0);
	if (abandon) {
		assert_int_equal(srec_fmt_writer_flush(tw.w), 0);
		srec_fmt_writer_abandon(tw.w);
		return;
	}
	assert_int_equal(srec_fmt_writer_close(tw.w, 0), 0);
}

static char *tpath(const char *name)
{
	static char buf[8][512];
	static int i;
	char *p = buf[i++ % 8];

	snprintf(p, 512, "%s/%s", dir, name);
	return p;
}

/* ---- Running queries ---------------------------------------------------- */

static struct srec_q *open_one(const char *name, const char *file)
{
	struct srec_q_input in = { name, tpath(file) };
	struct srec_q *q = NULL;

	assert_int_equal(srec_q_open(&in, 1, NULL, &q, NULL), 0);
	return q;
}

/* The CSV of @sql, header and CRLFs included; caller frees. */
static char *csv(struct srec_q *q, const char *sql, int *rc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	*rc = srec_q_exec(q, sql, SREC_Q_CSV, f);
	fclose(f);
	return text;
}

static void expect(struct srec_q *q, const char *sql, const char *want)
{
	int rc;
	char *got = csv(q, sql, &rc);

	if (rc)
		fail_msg("%s: %s", sql, srec_q_errmsg(q));
	assert_string_equal(got, want);
	free(got);
}

static void refused(struct srec_q *q, const char *sql)
{
	int rc;
	char *got = csv(q, sql, &rc);

	if (rc != -EPERM)
		fail_msg("%s: not refused (%d: %s)", sql, rc,
			 srec_q_errmsg(q));
	assert_non_null(strstr(srec_q_errmsg(q), "read-only"));
	free(got);
}

/* ---- Tests -------------------------------------------------------------- */

static void test_syscall_rows(void **state)
{
	struct srec_q *q;

	write_trace(tpath("rows.srec"), "/etc/passwd", false);
	q = open_one("rows", "rows.srec");
	expect(q, "SELECT count(*) FROM syscalls", "count(*)\r\n7\r\n");
	expect(q, "SELECT seq, pid, name, arg0, ret, errno, path, fd, dur_ns "
		  "FROM syscalls WHERE nr = 257 ORDER BY seq",
	       "seq,pid,name,arg0,ret,errno,path,fd,dur_ns\r\n"
	       "1,100,openat,-100,3,,/etc/passwd,,100\r\n"
	       "5,100,openat,-100,-2,ENOENT,/nonexistent,,100\r\n");
	/* Decoded as strace prints it, the name and parentheses aside. */
	expect(q, "SELECT args, result FROM syscalls WHERE seq = 5",
	       "args,result\r\n\"AT_FDCWD, \"\"/nonexistent\"\", O_RDONLY\","
	       "-1 ENOENT (No such file or directory)\r\n");
	expect(q, "SELECT name, fd, t_enter_ns FROM syscalls WHERE seq = 3",
	       "name,fd,t_enter_ns\r\nwrite,1,3000\r\n");
	expect(q, "SELECT seq, arg, dir, len, CAST(data AS TEXT) FROM "
		  "buffers WHERE seq IN (2, 3) ORDER BY seq",
	       "seq,arg,dir,len,CAST(data AS TEXT)\r\n"
	       "2,1,out,6,\"hello\n\"\r\n3,1,in,6,\"hello\n\"\r\n");
	expect(q, "SELECT trace, count(*) FROM syscalls GROUP BY trace",
	       "trace,count(*)\r\nrows,7\r\n");
	srec_q_close(q);
}

static void test_processes_signals(void **state)
{
	struct srec_q *q;

	write_trace(tpath("procs.srec"), "/etc/passwd", false);
	q = open_one("procs", "procs.srec");
	expect(q, "SELECT pid, ppid, exe, argv, cwd, exit_code, exit_signal "
		  "FROM processes ORDER BY pid",
	       "pid,ppid,exe,argv,cwd,exit_code,exit_signal\r\n"
	       "100,,/usr/bin/prog,prog /etc/passwd,/work,0,\r\n"
	       "101,100,/usr/bin/prog,prog /etc/passwd,/work,3,\r\n");
	expect(q, "SELECT seq, pid, signo, name FROM signals",
	       "seq,pid,signo,name\r\n9,100,17,SIGCHLD\r\n");
	expect(q, "SELECT pid, argv, env, cwd FROM execs",
	       "pid,argv,env,cwd\r\n"
	       "100,prog /etc/passwd,\"[\"\"HOME=/root\"\"]\",/work\r\n");
	expect(q, "SELECT kind, child_pid FROM clones",
	       "kind,child_pid\r\nfork,101\r\n");
	expect(q, "SELECT tid, syscalls, exit_code FROM threads ORDER BY tid",
	       "tid,syscalls,exit_code\r\n100,6,0\r\n101,1,3\r\n");
	srec_q_close(q);
}

static void test_views(void **state)
{
	struct srec_q *q;

	write_trace(tpath("views.srec"), "/etc/passwd", false);
	q = open_one("views", "views.srec");
	expect(q, "SELECT name, calls, errors, total_ns FROM summary "
		  "ORDER BY name",
	       "name,calls,errors,total_ns\r\nclose,1,0,100\r\n"
	       "exit_group,2,0,200\r\nopenat,2,1,200\r\nread,1,0,100\r\n"
	       "write,1,0,100\r\n");
	expect(q, "SELECT pid, fd, path, opened_seq, closed_seq FROM fds",
	       "pid,fd,path,opened_seq,closed_seq\r\n"
	       "100,3,/etc/passwd,1,4\r\n");
	expect(q, "SELECT path, how, calls, ok, failed, errnos FROM files "
		  "ORDER BY path",
	       "path,how,calls,ok,failed,errnos\r\n"
	       "/etc/passwd,open,1,1,0,\r\n/nonexistent,open,1,0,1,ENOENT\r\n");
	expect(q, "SELECT seq, name, errno FROM errors",
	       "seq,name,errno\r\n5,openat,ENOENT\r\n");
	srec_q_close(q);
}

static void test_two_traces(void **state)
{
	struct srec_q_input in[2] = { { "good", tpath("good.srec") },
				      { "bad", tpath("bad.srec") } };
	struct srec_q_input dup[2] = { { "x", tpath("good.srec") },
				       { "x", tpath("bad.srec") } };
	struct srec_q *q = NULL;
	size_t bad = 9;

	write_trace(in[0].path, "/etc/passwd", false);
	write_trace(in[1].path, "/etc/shadow", false);
	assert_int_equal(srec_q_open(in, 2, NULL, &q, NULL), 0);
	expect(q, "SELECT trace, count(*) FROM syscalls GROUP BY trace "
		  "ORDER BY trace",
	       "trace,count(*)\r\nbad,7\r\ngood,7\r\n");
	/* The README's question: what did the bad run touch, the good not? */
	expect(q, "SELECT path FROM files WHERE trace = 'bad' EXCEPT "
		  "SELECT path FROM files WHERE trace = 'good'",
	       "path\r\n/etc/shadow\r\n");
	expect(q, "SELECT trace, pid, exit_code FROM processes WHERE ppid "
		  "IS NULL ORDER BY trace",
	       "trace,pid,exit_code\r\nbad,100,0\r\ngood,100,0\r\n");
	srec_q_close(q);
	assert_int_equal(srec_q_open(dup, 2, NULL, &q, &bad), -EEXIST);
	assert_null(q);
	assert_int_equal(bad, 1);
}

static void test_cache(void **state)
{
	struct srec_q_input in = { "c", tpath("cache.srec") };
	struct srec_q *q = NULL;
	struct stat st1, st2;
	char *cache = tpath("cache.srec.sqlite");

	write_trace(in.path, "/etc/passwd", false);
	unlink(cache);
	assert_int_equal(srec_q_open(&in, 1, NULL, &q, NULL), 0);
	assert_int_equal(srec_q_loaded(q), 1);
	srec_q_close(q);
	assert_int_equal(stat(cache, &st1), 0);
	assert_int_equal(st1.st_mode & 0777, 0600);

	/* Unchanged trace, another name: the cache serves. */
	in.name = "other";
	assert_int_equal(srec_q_open(&in, 1, NULL, &q, NULL), 0);
	assert_int_equal(srec_q_loaded(q), 0);
	expect(q, "SELECT DISTINCT trace FROM syscalls", "trace\r\nother\r\n");
	srec_q_close(q);
	assert_int_equal(stat(cache, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino);
	assert_int_equal(st1.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);

	/* A changed trace is loaded again. */
	write_trace(in.path, "/etc/group", false);
	assert_int_equal(srec_q_open(&in, 1, NULL, &q, NULL), 0);
	assert_int_equal(srec_q_loaded(q), 1);
	expect(q, "SELECT path FROM syscalls WHERE seq = 1",
	       "path\r\n/etc/group\r\n");
	srec_q_close(q);
}

static void test_no_cache(void **state)
{
	struct srec_q_input in = { "m", tpath("mem.srec") };
	struct srec_q_opts o = { .no_cache = true };
	struct srec_q *q = NULL;
	struct stat st;
	char *cache = tpath("mem.srec.sqlite");

	write_trace(in.path, "/etc/passwd", false);
	unlink(cache);
	assert_int_equal(srec_q_open(&in, 1, &o, &q, NULL), 0);
	assert_int_equal(srec_q_loaded(q), 1);
	expect(q, "SELECT path FROM syscalls WHERE seq = 1",
	       "path\r\n/etc/passwd\r\n");
	refused(q, "DELETE FROM syscalls");
	refused(q, "DELETE FROM t0.syscalls");
	srec_q_close(q);
	assert_int_equal(stat(cache, &st), -1);
}

/* A trace in a directory srec cannot write to is loaded into memory. */
static void test_unwritable_dir(void **state)
{
	struct srec_q_input in = { "ro", tpath("rodir/t.srec") };
	struct srec_q *q = NULL;
	struct stat st;
	char *probe = tpath("rodir/probe");
	int fd;

	assert_int_equal(mkdir(tpath("rodir"), 0700), 0);
	write_trace(in.path, "/etc/passwd", false);
	assert_int_equal(chmod(tpath("rodir"), 0500), 0);
	/* root writes anyway: then this is the ordinary cache case. */
	fd = open(probe, O_WRONLY | O_CREAT, 0600);
	if (fd >= 0) {
		close(fd);
		unlink(probe);
	}
	assert_int_equal(srec_q_open(&in, 1, NULL, &q, NULL), 0);
	expect(q, "SELECT count(*) FROM syscalls", "count(*)\r\n7\r\n");
	srec_q_close(q);
	assert_int_equal(stat(tpath("rodir/t.srec.sqlite"), &st),
			 fd >= 0 ? 0 : -1);
	assert_int_equal(chmod(tpath("rodir"), 0700), 0);
}

static void test_db_file(void **state)
{
	struct srec_q_input in[2] = { { "one", tpath("db1.srec") },
				      { "two", tpath("db2.srec") } };
	struct srec_q_opts o = { .db_path = tpath("out.sqlite") };
	struct srec_q *q = NULL;
	size_t bad = 0;

	write_trace(in[0].path, "/etc/passwd", false);
	write_trace(in[1].path, "/etc/hosts", false);
	unlink(o.db_path);
	assert_int_equal(srec_q_open(in, 2, &o, &q, NULL), 0);
	assert_int_equal(srec_q_loaded(q), 2);
	expect(q, "SELECT trace, path FROM syscalls WHERE seq = 1 ORDER BY 1",
	       "trace,path\r\none,/etc/passwd\r\ntwo,/etc/hosts\r\n");
	refused(q, "DELETE FROM syscalls");
	srec_q_close(q);
	assert_int_equal(srec_q_open(in, 2, &o, &q, NULL), 0);
	assert_int_equal(srec_q_loaded(q), 0);
	expect(q, "SELECT count(*) FROM syscalls", "count(*)\r\n14\r\n");
	srec_q_close(q);
	/* Other traces: rebuilt over the database srec made ... */
	assert_int_equal(srec_q_open(in, 1, &o, &q, NULL), 0);
	assert_int_equal(srec_q_loaded(q), 1);
	srec_q_close(q);
	/* ... but never over a file srec did not make. */
	write_trace(o.db_path, "/etc/passwd", false);
	assert_int_equal(srec_q_open(in, 2, &o, &q, &bad), -EEXIST);
	assert_int_equal(bad, 2);
	assert_null(q);
}

static void test_read_only(void **state)
{
	static const char *const writes[] = {
		"INSERT INTO syscalls(trace, seq) VALUES ('x', 1)",
		"DELETE FROM t0.syscalls",
		"UPDATE t0.syscalls SET pid = 1",
		"DROP TABLE t0.syscalls",
		"DROP VIEW summary",
		"CREATE TABLE t(x)",
		"CREATE TEMP TABLE t(x)",
		"ATTACH 'other.db' AS o",
		"DETACH t0",
		"PRAGMA writable_schema=1",
		"PRAGMA query_only=0",
		"SELECT load_extension('/tmp/x.so')",
		"VACUUM INTO 'copy.db'",
		"ALTER TABLE t0.syscalls ADD COLUMN x",
		"SELECT 1; DROP TABLE t0.syscalls",
		"CREATE TEMP VIEW v AS SELECT 1",
		"REINDEX",
		"ANALYZE",
	};
	struct srec_q *q;
	size_t i;

	write_trace(tpath("ro.srec"), "/etc/passwd", false);
	q = open_one("ro", "ro.srec");
	for (i = 0; i < sizeof(writes) / sizeof(*writes); i++)
		refused(q, writes[i]);
	/* Reading PRAGMAs still work, and nothing changed. */
	expect(q, "SELECT count(*) FROM pragma_table_info('syscalls') WHERE "
		  "name = 'errno'", "count(*)\r\n1\r\n");
	expect(q, "SELECT count(*) FROM syscalls", "count(*)\r\n7\r\n");
	srec_q_close(q);
}

/* Console errors, kept for the test to read. */
static void keep_report(void *ctx, const char *msg)
{
	struct srec_buf *b = ctx;

	srec_buf_addf(b, "%s\n", msg);
}

static void test_console_read_only(void **state)
{
	static const char script[] =
		"INSERT INTO syscalls(trace, seq) VALUES ('x', 1);\n"
		"DROP TABLE t0.syscalls;\n"
		"ATTACH 'other.db' AS o;\n"
		".mode csv\n"
		"SELECT count(*) AS n\n"
		"  FROM syscalls;\n"
		"SELECT nosuch FROM syscalls;\n"
		".quit\n"
		"SELECT 666;\n";
	struct srec_buf errs = SREC_BUF_INIT;
	struct srec_q_console *c;
	struct srec_q_line *l;
	struct srec_q *q;
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int fds[2];

	write_trace(tpath("console.srec"), "/etc/passwd", false);
	q = open_one("console", "console.srec");
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], script, sizeof(script) - 1),
			 (ssize_t)sizeof(script) - 1);
	close(fds[1]);
	f = open_memstream(&text, &len);
	c = srec_q_console_new(q, SREC_Q_TABLE, f, keep_report, &errs);
	l = srec_q_line_new(fds[0]);
	assert_false(srec_q_line_is_tty(l));
	/* Three refusals and one SQL error; the console goes on. */
	assert_int_equal(srec_q_console_loop(c, l), 4);
	srec_q_line_free(l);
	close(fds[0]);
	srec_q_console_free(c);
	fclose(f);
	assert_string_equal(text, "n\r\n7\r\n");
	assert_non_null(strstr(errs.data, "INSERT refused: the trace database "
				       "is read-only\n"));
	assert_non_null(strstr(errs.data, "DROP TABLE refused"));
	assert_non_null(strstr(errs.data, "ATTACH refused"));
	assert_non_null(strstr(errs.data, "no such column: nosuch"));
	free(text);
	srec_buf_free(&errs);
	expect(q, "SELECT count(*) FROM syscalls", "count(*)\r\n7\r\n");
	srec_q_close(q);
	assert_int_equal(access(tpath("other.db"), F_OK), -1);
	assert_int_equal(access("other.db", F_OK), -1);
}

static void test_sql_error(void **state)
{
	struct srec_q *q;
	int rc;
	char *out;

	write_trace(tpath("err.srec"), "/etc/passwd", false);
	q = open_one("err", "err.srec");
	out = csv(q, "SELECT nosuchcolumn FROM syscalls", &rc);
	assert_int_equal(rc, -EINVAL);
	assert_non_null(strstr(srec_q_errmsg(q), "nosuchcolumn"));
	free(out);
	srec_q_close(q);
}

static void test_damaged(void **state)
{
	struct srec_q *q;

	write_trace(tpath("cut.srec"), "/etc/passwd", true);
	q = open_one("cut", "cut.srec");
	assert_non_null(srec_q_damage(q, 0));
	expect(q, "SELECT count(*) FROM syscalls", "count(*)\r\n7\r\n");
	expect(q, "SELECT damage IS NOT NULL FROM traces",
	       "damage IS NOT NULL\r\n1\r\n");
	srec_q_close(q);

	write_trace(tpath("whole.srec"), "/etc/passwd", false);
	q = open_one("whole", "whole.srec");
	assert_null(srec_q_damage(q, 0));
	srec_q_close(q);
}

static void test_output_modes(void **state)
{
	const char *sql = "SELECT 1 AS n, 'a,\"b\"' AS s, x'00ff' AS b, "
			  "NULL AS z";
	struct srec_q *q;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	write_trace(tpath("out.srec"), "/etc/passwd", false);
	q = open_one("out", "out.srec");
	expect(q, sql, "n,s,b,z\r\n1,\"a,\"\"b\"\"\",00ff,\r\n");
	f = open_memstream(&text, &len);
	assert_int_equal(srec_q_exec(q, sql, SREC_Q_JSON, f), 0);
	fclose(f);
	assert_string_equal(text, "{\"n\":1,\"s\":\"a,\\\"b\\\"\",\"b\":"
				  "\"AP8=\",\"z\":null}\n");
	free(text);
	text = NULL;
	f = open_memstream(&text, &len);
	assert_int_equal(srec_q_exec(q, "SELECT 7 AS num, 'x' AS t UNION "
				     "SELECT 10, 'yy' ORDER BY 1",
				     SREC_Q_TABLE, f), 0);
	fclose(f);
	assert_string_equal(text, "num  t\n---  --\n  7  x\n 10  yy\n");
	free(text);
	srec_q_close(q);
}

static void test_schema(void **state)
{
	const char *s = srec_q_schema_sql();
	struct srec_q *q;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	assert_non_null(strstr(s, "CREATE TABLE syscalls"));
	assert_non_null(strstr(s, "CREATE VIEW summary"));
	write_trace(tpath("schema.srec"), "/etc/passwd", false);
	q = open_one("schema", "schema.srec");
	f = open_memstream(&text, &len);
	assert_int_equal(srec_q_print_schema(q, "syscalls", f), 0);
	assert_int_equal(srec_q_print_schema(q, "nosuchtable", f), -ENOENT);
	fclose(f);
	/* The comments of query.sql are what the console shows. */
	assert_non_null(strstr(text, "-- 'ENOENT' when the call failed"));
	free(text);
	srec_q_close(q);
}

static void test_parse_input(void **state)
{
	struct srec_q_input in;

	write_trace(tpath("named.srec"), "/etc/passwd", false);
	assert_int_equal(srec_q_parse_input(tpath("named.srec"), &in), 1);
	assert_string_equal(in.name, "named");
	free((char *)in.name);
	assert_int_equal(srec_q_parse_input("SELECT 1", &in), 0);
	assert_int_equal(srec_q_parse_input("nosuch.srec", &in), 0);
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(srec_q_parse_input("good-1=named.srec", &in), 1);
	assert_string_equal(in.name, "good-1");
	assert_string_equal(in.path, "named.srec");
	free((char *)in.name);
	/* SQL with '=' is not NAME=FILE. */
	assert_int_equal(srec_q_parse_input("pid=named.srec AND 1", &in), 0);
}

/* The diff report as a string; @differ gets the verdict. */
static char *diff(const char *a, const char *b, bool *differ)
{
	struct srec_q_diff_result res;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_int_equal(srec_q_diff(tpath(a), tpath(b), NULL, f, &res), 0);
	fclose(f);
	*differ = res.differ;
	srec_q_diff_result_free(&res);
	return text;
}

static void test_diff(void **state)
{
	struct srec_q_diff_result res;
	bool differ;
	char *text;

	write_trace(tpath("d1.srec"), "/etc/passwd", false);
	write_trace(tpath("d2.srec"), "/etc/passwd", false);
	write_trace(tpath("d3.srec"), "/etc/hosts", false);
	text = diff("d1.srec", "d2.srec", &differ);
	assert_false(differ);
	assert_non_null(strstr(text, "No difference"));
	free(text);
	/* A SIGCHLD arriving elsewhere is timing, not a difference. */
	early_sigchld = true;
	write_trace(tpath("d4.srec"), "/etc/passwd", false);
	early_sigchld = false;
	text = diff("d1.srec", "d4.srec", &differ);
	assert_false(differ);
	free(text);
	text = diff("d1.srec", "d3.srec", &differ);
	assert_true(differ);
	/* The first difference is the open, seq 1, in pid 100. */
	assert_non_null(strstr(text, "process 100 of A and 100 of B"));
	assert_non_null(strstr(text, "- #1 "));
	assert_non_null(strstr(text, "+           #1 "));
	assert_non_null(strstr(text, "Files only B touched:\n  /etc/hosts"));
	free(text);
	assert_int_equal(srec_q_diff(tpath("d1.srec"), tpath("nosuch.srec"),
				     NULL, stdout, &res), -ENOENT);
	assert_int_equal(res.bad, 1);
	srec_q_diff_result_free(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syscall_rows),
		cmocka_unit_test(test_processes_signals),
		cmocka_unit_test(test_views),
		cmocka_unit_test(test_two_traces),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_no_cache),
		cmocka_unit_test(test_unwritable_dir),
		cmocka_unit_test(test_db_file),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_console_read_only),
		cmocka_unit_test(test_sql_error),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_output_modes),
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_parse_input),
		cmocka_unit_test(test_diff),
	};

	snprintf(dir, sizeof(dir), "%s/test_query.XXXXXX", SREC_TEST_TMPDIR);
	if (!mkdtemp(dir))
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
