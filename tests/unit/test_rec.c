// SPDX-License-Identifier: MIT
/*
 * test_rec.c - the recorder: its tid table, and whole recordings of small
 * programs read back with the format reader to check the event stream
 * promised by schemas/EVENTS.md (execve first, Exec after its
 * syscall, rseq forced, Clone before the child's events, Exit last).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rec_int.h"
#include "srec_fmt.h"
#include "srec_rec.h"

/* ---- The tid table ---------------------------------------------------- */

static void test_thread_table(void **state)
{
	struct rec r;
	struct rec_thread *t;
	int i;

	memset(&r, 0, sizeof(r));
	/* Enough tids to grow the table several times, with deletions in
	 * the middle of probe clusters. */
	for (i = 1; i <= 5000; i++) {
		t = rec_thread_add(&r, i * 7, i);
		assert_int_equal(t->tid, i * 7);
	}
	assert_int_equal(r.tab_n, 5000);
	for (i = 1; i <= 5000; i += 2)
		rec_thread_del(&r, rec_thread_find(&r, i * 7));
	for (i = 1; i <= 5000; i++) {
		t = rec_thread_find(&r, i * 7);
		if (i % 2)
			assert_null(t);
		else
			assert_true(t && t->tgid == i);
	}
	t = rec_thread_find(&r, 14);
	rec_thread_rename(&r, t, 3);
	assert_null(rec_thread_find(&r, 14));
	assert_ptr_equal(rec_thread_find(&r, 3), t);
	assert_null(rec_thread_find(&r, 99999));
	rec_threads_free(&r);
	assert_null(rec_thread_find(&r, 3));
}

/* ---- Whole recordings ------------------------------------------------- */

static char trace_path[256];

static int record(char **argv, const struct srec_rec_opts *extra,
		  struct srec_rec_result *res)
{
	struct srec_rec_opts o = { 0 };

	if (extra)
		o = *extra;
	snprintf(trace_path, sizeof(trace_path), "%s/test_rec.%d.srec",
		 SREC_TEST_TMPDIR, (int)getpid());
	o.output = trace_path;
	o.argv = argv;
	return srec_rec_run(&o, res);
}

/* Count events of each kind and check the stream's invariants. */
struct summary {
	size_t events, syscalls, execs, clones, exits, signals, blobs;
	int first_nr;
	bool exec_after_execve;
	bool rseq_forced;
	bool exit_group_no_return;
	bool blob_before_ref;
	int last_exit_code;
};

static void summarize(struct summary *s)
{
	struct srec_fmt_reader *rd;
	const Srec__Event *ev;
	uint8_t blobs[64][16];
	size_t n_blobs = 0, i, k;
	int prev_nr = -1, err;
	uint64_t seq = 0;

	memset(s, 0, sizeof(*s));
	s->first_nr = -1;
	s->blob_before_ref = true;
	assert_int_equal(srec_fmt_reader_open(trace_path, &rd), 0);
	while ((err = srec_fmt_reader_next(rd, &ev)) == 1) {
		assert_int_equal(ev->seq, seq++);
		s->events++;
		switch (ev->kind_case) {
		case SREC__EVENT__KIND_SYSCALL:
			s->syscalls++;
			if (s->first_nr < 0)
				s->first_nr = (int)ev->syscall->nr;
			prev_nr = (int)ev->syscall->nr;
			if (ev->syscall->nr == SYS_rseq)
				s->rseq_forced = ev->syscall->forced &&
						 ev->syscall->ret == -ENOSYS;
			if (ev->syscall->nr == SYS_exit_group)
				s->exit_group_no_return =
					ev->syscall->no_return;
			for (i = 0; i < ev->syscall->n_mem; i++) {
				const Srec__Mem *m = ev->syscall->mem[i];
				bool found = false;

				if (!m->has_blob)
					continue;
				for (k = 0; k < n_blobs; k++)
					found |= !memcmp(blobs[k], m->blob.data,
							 16);
				s->blob_before_ref &= found;
			}
			break;
		case SREC__EVENT__KIND_EXEC:
			s->execs++;
			s->exec_after_execve = prev_nr == SYS_execve;
			break;
		case SREC__EVENT__KIND_CLONE:
			s->clones++;
			break;
		case SREC__EVENT__KIND_EXIT:
			s->exits++;
			s->last_exit_code = ev->exit->code;
			break;
		case SREC__EVENT__KIND_SIGNAL:
			s->signals++;
			break;
		case SREC__EVENT__KIND_BLOB:
			s->blobs++;
			if (n_blobs < 64)
				memcpy(blobs[n_blobs++], ev->blob->hash.data,
				       16);
			break;
		default:
			break;
		}
		prev_nr = ev->kind_case == SREC__EVENT__KIND_SYSCALL ?
				  (int)ev->syscall->nr :
				  prev_nr;
	}
	assert_int_equal(err, 0);
	assert_true(srec_fmt_reader_complete(rd));
	srec_fmt_reader_close(rd);
}

static void test_record_true(void **state)
{
	char *argv[] = { "/bin/true", NULL };
	struct srec_rec_result res;
	struct summary s;
	struct stat st;

	assert_int_equal(record(argv, NULL, &res), 0);
	assert_int_equal(res.exit_status, 0);
	assert_int_equal(res.processes, 1);
	assert_true(res.syscalls > 5);
	assert_int_equal(stat(trace_path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	summarize(&s);
	assert_int_equal(s.first_nr, SYS_execve);
	assert_int_equal(s.execs, 1);
	assert_true(s.exec_after_execve);
	assert_true(s.exit_group_no_return);
	assert_int_equal(s.exits, 1);
	assert_int_equal(s.last_exit_code, 0);
	assert_int_equal(s.syscalls, res.syscalls);
	/* A dynamic /bin/true maps libc from a file. */
	assert_true(s.blobs >= 1);
	assert_true(s.blob_before_ref);
	unlink(trace_path);
}

static void test_record_rseq_forced(void **state)
{
	char *argv[] = { "/bin/true", NULL };
	struct srec_rec_result res;
	struct summary s;

	assert_int_equal(record(argv, NULL, &res), 0);
	summarize(&s);
	/* glibc 2.35+ registers rseq at start-up. */
	assert_true(s.rseq_forced);
	unlink(trace_path);
}

static void test_record_fork_and_status(void **state)
{
	char *argv[] = { "/bin/sh", "-c", "/bin/true; exit 7", NULL };
	struct srec_rec_result res;
	struct summary s;

	assert_int_equal(record(argv, NULL, &res), 0);
	assert_int_equal(res.exit_status, 7);
	assert_int_equal(res.processes, 2);
	summarize(&s);
	assert_int_equal(s.clones, 1);
	assert_int_equal(s.execs, 2);
	assert_int_equal(s.exits, 2);
	/* SIGCHLD reached the shell. */
	assert_true(s.signals >= 1);
	unlink(trace_path);
}

static void test_record_signal_death(void **state)
{
	char *argv[] = { "/bin/sh", "-c", "kill -SEGV $$", NULL };
	struct srec_rec_result res;

	assert_int_equal(record(argv, NULL, &res), 0);
	assert_int_equal(res.exit_status, 128 + 11);
	unlink(trace_path);
}

static void test_record_missing(void **state)
{
	char *argv[] = { "no-such-program-srec-test", NULL };
	char *argv2[] = { "/etc/passwd", NULL };
	struct srec_rec_result res;

	assert_int_equal(record(argv, NULL, &res), -ENOENT);
	assert_int_equal(record(argv2, NULL, &res), -EACCES);
}

static void test_attach_refused(void **state)
{
	struct srec_rec_opts o = { 0 };
	struct srec_rec_result res;

	/* A pid above any pid_max fails cleanly, leaving no trace. */
	o.attach_pid = 0x3ffffff0;
	assert_int_equal(record(NULL, &o, &res), -ESRCH);
	assert_int_equal(access(trace_path, F_OK), -1);
}

/* The process attached to: a thread in nanosleep and one blocked in
 * read() on @in; it writes one byte to @out per read byte, exits 5 at
 * end of file. */
static void attach_target(int in, int out)
{
	struct timespec ts = { 0, 2000000 };
	char c;
	int i;

	/* Yama's ptrace_scope 1 lets only ancestors attach otherwise; the
	 * call fails harmlessly where Yama is absent. */
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
	for (i = 0; i < 20; i++)
		nanosleep(&ts, NULL);
	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			break;
	_exit(5);
}

/* The TracerPid of @pid, or -1. */
static int tracer_of(pid_t pid)
{
	char path[64], line[256];
	int tracer = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "TracerPid:", 10))
			tracer = atoi(line + 10);
	fclose(f);
	return tracer;
}

static void test_attach_detach(void **state)
{
	int to[2], from[2], status, i;
	pid_t target, rec;
	char c;

	assert_int_equal(pipe(to), 0);
	assert_int_equal(pipe(from), 0);
	snprintf(trace_path, sizeof(trace_path), "%s/test_rec_attach.srec",
		 SREC_TEST_TMPDIR);
	target = fork();
	assert_true(target >= 0);
	if (!target) {
		close(to[1]);
		close(from[0]);
		attach_target(to[0], from[1]);
	}
	close(to[0]);
	close(from[1]);
	rec = fork();
	assert_true(rec >= 0);
	if (!rec) {
		struct srec_rec_opts o = { 0 };
		struct srec_rec_result res;

		o.output = trace_path;
		o.attach_pid = target;
		_exit(srec_rec_run(&o, &res) ? 1 : res.syscalls ? 0 : 2);
	}
	/* Recorded while it echoes a byte; then SIGINT lets it go while
	 * it is blocked in read(). */
	for (i = 0; i < 1000 && tracer_of(target) != rec; i++)
		usleep(10000);
	assert_int_equal(tracer_of(target), rec);
	assert_int_equal(write(to[1], "a", 1), 1);
	assert_int_equal(read(from[0], &c, 1), 1);
	usleep(100000);
	kill(rec, SIGINT);
	assert_int_equal(waitpid(rec, &status, 0), rec);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);

	assert_int_equal(tracer_of(target), 0);
	/* Its read() completes normally after the detach. */
	assert_int_equal(write(to[1], "b", 1), 1);
	assert_int_equal(read(from[0], &c, 1), 1);
	assert_int_equal(c, 'b');
	close(to[1]);
	assert_int_equal(waitpid(target, &status, 0), target);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 5);
	close(from[0]);

	{
		struct srec_fmt_reader *rd;
		const Srec__TraceHeader *h;

		assert_int_equal(srec_fmt_reader_open(trace_path, &rd), 0);
		h = srec_fmt_reader_header(rd);
		assert_int_equal(h->attached_pid, target);
		assert_int_equal(h->root_pid, target);
		srec_fmt_reader_close(rd);
	}
	unlink(trace_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thread_table),
		cmocka_unit_test(test_record_true),
		cmocka_unit_test(test_record_rseq_forced),
		cmocka_unit_test(test_record_fork_and_status),
		cmocka_unit_test(test_record_signal_death),
		cmocka_unit_test(test_record_missing),
		cmocka_unit_test(test_attach_refused),
		cmocka_unit_test(test_attach_detach),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
