// SPDX-License-Identifier: MIT
/*
 * test_fmt.c - the trace format library: round trips of many events,
 * random access, blobs, file mode, the flush time bound, abandoned and
 * killed writers, and files that are not traces.  test_fmt_damage.c
 * covers cut and corrupted files byte by byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "srec_err.h"
#include "srec_fmt.h"
#include "srec_hash.h"
#include "test_fmt_util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char path[512];

static int setup(void **state)
{
	snprintf(path, sizeof(path), "%s/test_fmt.%d.srec", SREC_TEST_TMPDIR,
		 (int)getpid());
	return 0;
}

static int teardown(void **state)
{
	unlink(path);
	return 0;
}

/* Read the whole trace; checks every event against tf_check(). */
static uint64_t read_all(const char *p, int *damaged)
{
	struct srec_fmt_reader *r = NULL;
	const Srec__Event *ev;
	uint64_t n = 0;
	int rc;

	*damaged = 0;
	assert_int_equal(srec_fmt_reader_open(p, &r), 0);
	while ((rc = srec_fmt_reader_next(r, &ev)) != 0) {
		if (rc == SREC_EDAMAGED) {
			(*damaged)++;
			continue;
		}
		assert_int_equal(rc, 1);
		assert_int_equal(ev->seq, n);
		tf_check(ev, n);
		n++;
	}
	srec_fmt_reader_close(r);
	return n;
}

static void test_million_events(void **state)
{
	struct srec_fmt_writer_opts o = { .frame_bytes = 256 << 10 };
	struct srec_fmt_reader *r = NULL;
	const Srec__Trailer *t;
	struct srec_fmt_stats st;
	uint64_t n = 1000000;
	int damaged;

	tf_write(path, n, &o, true, &st);
	assert_true(st.frames > 50);
	assert_true(st.compressed_bytes < st.raw_bytes);
	assert_int_equal(read_all(path, &damaged), n);
	assert_int_equal(damaged, 0);

	assert_int_equal(srec_fmt_reader_open(path, &r), 0);
	t = srec_fmt_reader_trailer(r);
	assert_non_null(t);
	assert_int_equal(t->events, n);
	assert_int_equal(t->syscalls, n);
	assert_int_equal(t->frames, st.frames);
	assert_int_equal(t->processes, TF_PIDS);
	assert_int_equal(t->raw_bytes, st.raw_bytes);
	assert_int_equal(t->exit_status, 7);
	srec_fmt_reader_close(r);
}

static void test_inline_equals_threaded(void **state)
{
	struct srec_fmt_writer_opts o = { .frame_bytes = 4096,
					  .inline_compression = true };
	struct srec_fmt_stats st;
	int damaged;

	tf_write(path, 20000, &o, true, &st);
	assert_int_equal(read_all(path, &damaged), 20000);
	assert_int_equal(damaged, 0);
}

static void seek_check(struct srec_fmt_reader *r, uint64_t seq)
{
	const Srec__Event *ev;

	assert_int_equal(srec_fmt_reader_seek(r, seq), 0);
	assert_int_equal(srec_fmt_reader_next(r, &ev), 1);
	assert_int_equal(ev->seq, seq);
	tf_check(ev, seq);
}

static void test_seek(void **state)
{
	struct srec_fmt_writer_opts o = { .frame_bytes = 2048 };
	struct srec_fmt_reader *r = NULL;
	const Srec__Event *ev;
	uint64_t n = 30000, i;

	tf_write(path, n, &o, true, NULL);
	assert_int_equal(srec_fmt_reader_open(path, &r), 0);
	srand(42);
	for (i = 0; i < 500; i++)
		seek_check(r, (uint64_t)rand() % n);
	seek_check(r, 0);
	seek_check(r, n - 1);
	/* Then sequential reading goes on from there. */
	seek_check(r, 1234);
	for (i = 1235; i < 1300; i++) {
		assert_int_equal(srec_fmt_reader_next(r, &ev), 1);
		assert_int_equal(ev->seq, i);
	}
	assert_int_equal(srec_fmt_reader_seek(r, n), -ENOENT);
	assert_int_equal(srec_fmt_reader_seek(r, UINT64_MAX), -ENOENT);
	assert_int_equal(srec_fmt_reader_damage(r, NULL), 0);
	srec_fmt_reader_close(r);
}

static void test_seek_without_index(void **state)
{
	struct srec_fmt_writer_opts o = { .frame_bytes = 2048 };
	struct srec_fmt_reader *r = NULL;
	uint64_t n = 5000, i;

	tf_write(path, n, &o, false, NULL);
	assert_int_equal(srec_fmt_reader_open(path, &r), 0);
	assert_null(srec_fmt_reader_trailer(r));
	for (i = 0; i < n; i += 397)
		seek_check(r, i);
	seek_check(r, n - 1);
	assert_int_equal(srec_fmt_reader_seek(r, n), -ENOENT);
	srec_fmt_reader_close(r);
}

static void test_abandon(void **state)
{
	struct srec_fmt_writer_opts o = { .frame_bytes = 4096 };
	struct srec_fmt_reader *r = NULL;
	struct srec_fmt_damage d;
	const Srec__Event *ev;
	uint64_t n = 0;
	int rc, damaged = 0;

	tf_write(path, 3000, &o, false, NULL);
	assert_int_equal(srec_fmt_reader_open(path, &r), 0);
	assert_null(srec_fmt_reader_trailer(r));
	while ((rc = srec_fmt_reader_next(r, &ev)) != 0) {
		if (rc == SREC_EDAMAGED) {
			damaged++;
			continue;
		}
		assert_int_equal(ev->seq, n);
		n++;
	}
	assert_int_equal(n, 3000);
	assert_int_equal(damaged, 1);
	assert_false(srec_fmt_reader_complete(r));
	assert_int_equal(srec_fmt_reader_damage(r, &d), 1);
	assert_int_equal(d.first_lost_seq, 3000);
	assert_false(d.lost_known);
	assert_non_null(strstr(srec_fmt_reader_describe_damage(r),
			       "cut short"));
	assert_non_null(strstr(srec_fmt_reader_describe_damage(r),
			       "after #2999"));
	srec_fmt_reader_close(r);
}

static void test_complete_and_info(void **state)
{
	struct srec_fmt_writer_opts o = { .frame_bytes = 8192 };
	struct srec_fmt_reader *r = NULL;
	struct srec_fmt_file_info fi;
	struct srec_fmt_stats st;
	struct stat sb;

	tf_write(path, 10000, &o, true, &st);
	assert_int_equal(stat(path, &sb), 0);
	/* Before close: everything but the index frame and the footer. */
	assert_true(st.file_bytes < (uint64_t)sb.st_size);
	assert_true(st.file_bytes > st.compressed_bytes);
	assert_int_equal(srec_fmt_reader_open(path, &r), 0);
	assert_false(srec_fmt_reader_complete(r));
	assert_int_equal(srec_fmt_reader_file_info(r, &fi), 0);
	assert_true(fi.has_index);
	assert_int_equal(fi.file_bytes, sb.st_size);
	assert_int_equal(fi.frames, st.frames);
	assert_int_equal(fi.compressed_bytes, st.compressed_bytes);
	assert_int_equal(fi.raw_bytes, st.raw_bytes);
	assert_true(srec_fmt_reader_complete(r));
	assert_string_equal(srec_fmt_reader_describe_damage(r), "");
	assert_string_equal(srec_fmt_reader_header(r)->hostname, "testhost");
	assert_int_equal(srec_fmt_reader_header(r)->format_major,
			 SREC_FMT_MAJOR);
	srec_fmt_reader_close(r);
}

static void test_file_mode(void **state)
{
	struct srec_fmt_writer_opts o = { .inline_compression = true };
	mode_t old = umask(0);
	struct stat sb;
	int fd;

	/* A world-readable file in the way must not lend its mode. */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	assert_true(fd >= 0);
	close(fd);
	tf_write(path, 10, &o, true, NULL);
	umask(old);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
}

static void test_blobs_once(void **state)
{
	Srec__TraceHeader h = SREC__TRACE_HEADER__INIT;
	struct srec_fmt_writer *w = NULL;
	struct srec_fmt_reader *r = NULL;
	const Srec__Event *ev;
	uint8_t h1[16], h2[16], h3[16], want[16];
	static uint8_t big[70000];
	int blobs = 0;

	memset(big, 'x', sizeof(big));
	assert_int_equal(srec_fmt_writer_open(path, &h, NULL, &w), 0);
	assert_int_equal(srec_fmt_writer_blob(w, 1, 1, big, sizeof(big), h1),
			 1);
	assert_int_equal(srec_fmt_writer_blob(w, 1, 2, big, sizeof(big), h2),
			 0);
	assert_int_equal(srec_fmt_writer_blob(w, 1, 1, "abc", 3, h3), 1);
	assert_memory_equal(h1, h2, 16);
	assert_memory_not_equal(h1, h3, 16);
	assert_int_equal(srec_fmt_writer_close(w, 0), 0);

	srec_hash128(big, sizeof(big), want);
	assert_memory_equal(h1, want, 16);
	assert_int_equal(srec_fmt_reader_open(path, &r), 0);
	assert_int_equal(srec_fmt_reader_trailer(r)->blobs, 2);
	while (srec_fmt_reader_next(r, &ev) == 1) {
		assert_int_equal(ev->kind_case, SREC__EVENT__KIND_BLOB);
		assert_string_equal(srec_fmt_event_kind_name(ev), "blob");
		if (blobs++ == 0) {
			assert_int_equal(ev->blob->data.len, sizeof(big));
			assert_memory_equal(ev->blob->data.data, big,
					    sizeof(big));
			assert_memory_equal(ev->blob->hash.data, want, 16);
		}
	}
	assert_int_equal(blobs, 2);
	srec_fmt_reader_close(r);
}

/* An event appended, then silence: it reaches the file within ~1 s. */
static void test_flush_bound(void **state)
{
	Srec__TraceHeader h = SREC__TRACE_HEADER__INIT;
	struct srec_fmt_writer *w = NULL;
	struct srec_fmt_reader *r = NULL;
	struct timespec ts = { 1, 50 * 1000000 };
	const Srec__Event *ev;
	Srec__Event e = SREC__EVENT__INIT;
	Srec__Note note = SREC__NOTE__INIT;

	assert_int_equal(srec_fmt_writer_open(path, &h, NULL, &w), 0);
	e.kind_case = SREC__EVENT__KIND_NOTE;
	e.note = &note;
	note.text = "hello";
	assert_int_equal(srec_fmt_writer_append(w, &e), 0);
	nanosleep(&ts, NULL);

	assert_int_equal(srec_fmt_reader_open(path, &r), 0);
	assert_int_equal(srec_fmt_reader_next(r, &ev), 1);
	assert_string_equal(ev->note->text, "hello");
	assert_int_equal(srec_fmt_reader_next(r, &ev), SREC_EDAMAGED);
	assert_int_equal(srec_fmt_reader_next(r, &ev), 0);
	assert_false(srec_fmt_reader_complete(r));
	srec_fmt_reader_close(r);
	assert_int_equal(srec_fmt_writer_close(w, 0), 0);
}

/* SIGKILL the writer: everything it flushed is still there. */
static void test_killed_writer(void **state)
{
	struct srec_fmt_writer_opts o = { .frame_bytes = 4096 };
	int pfd[2], status, damaged;
	uint64_t flushed = 0;
	pid_t pid;

	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		Srec__TraceHeader h = SREC__TRACE_HEADER__INIT;
		struct srec_fmt_writer *w;
		Srec__Event ev;
		struct tf_event te;
		uint64_t i;

		close(pfd[0]);
		if (srec_fmt_writer_open(path, &h, &o, &w))
			_exit(1);
		for (i = 0;; i++) {
			tf_make(&te, &ev, i);
			if (srec_fmt_writer_append(w, &ev))
				_exit(1);
			if (i == 5000) {
				if (srec_fmt_writer_flush(w) ||
				    write(pfd[1], &i, sizeof(i)) != sizeof(i))
					_exit(1);
			}
		}
	}
	close(pfd[1]);
	assert_int_equal(read(pfd[0], &flushed, sizeof(flushed)),
			 sizeof(flushed));
	close(pfd[0]);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_true(read_all(path, &damaged) > flushed);
	assert_true(damaged >= 1);
}

static void write_file(const char *p, const void *data, size_t len)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static int open_rc(const char *p)
{
	struct srec_fmt_reader *r = NULL;
	int rc = srec_fmt_reader_open(p, &r);

	assert_true(rc || r);
	srec_fmt_reader_close(r);
	return rc;
}

static void test_not_traces(void **state)
{
	static const char text[] = "#!/bin/sh\necho this is not a trace\n";
	uint8_t junk[4096], hdr[16];
	size_t i;
	int fd;

	write_file(path, "", 0);
	assert_int_equal(open_rc(path), SREC_ENOTTRACE);
	write_file(path, text, sizeof(text) - 1);
	assert_int_equal(open_rc(path), SREC_ENOTTRACE);
	srand(7);
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)rand();
	write_file(path, junk, sizeof(junk));
	assert_int_equal(open_rc(path), SREC_ENOTTRACE);
	assert_int_equal(open_rc(SREC_TEST_TMPDIR), -EISDIR);
	assert_int_equal(open_rc("/nonexistent/x.srec"), -ENOENT);
	assert_int_equal(open_rc("/dev/null"), SREC_ENOTTRACE);

	/* A newer major version is refused; a newer minor is not. */
	tf_write(path, 10, NULL, true, NULL);
	fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, hdr, 16, 0), 16);
	hdr[14] = 9; /* minor 9 */
	assert_int_equal(pwrite(fd, hdr, 16, 0), 16);
	assert_int_equal(open_rc(path), 0);
	hdr[12] = SREC_FMT_MAJOR + 1;
	assert_int_equal(pwrite(fd, hdr, 16, 0), 16);
	assert_int_equal(open_rc(path), SREC_EVERSION);
	hdr[12] = 0;
	assert_int_equal(pwrite(fd, hdr, 16, 0), 16);
	assert_int_equal(open_rc(path), SREC_ENOTTRACE);
	close(fd);
	assert_non_null(strstr(srec_strerror(SREC_EVERSION), "newer"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_million_events, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_inline_equals_threaded,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_seek, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seek_without_index, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_abandon, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complete_and_info, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_file_mode, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_blobs_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_flush_bound, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_killed_writer, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_not_traces, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
