// SPDX-License-Identifier: MIT
/*
 * test_fmt_damage.c - the reader on damaged traces: a small trace cut at
 * every byte offset and with every byte changed, plus exact accounting for
 * a corrupted frame with and without an index.  Whatever the damage, the
 * reader must not crash, must return an intact prefix of events (and every
 * intact frame after the damage), must report the damage, and random
 * access must agree with sequential reading.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "srec_err.h"
#include "srec_fmt.h"
#include "test_fmt_util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N_EVENTS 60

static char path[400], copy[512];
static uint8_t *orig;
static size_t orig_len;

static void load_orig(bool finish)
{
	struct srec_fmt_writer_opts o = { .frame_bytes = 400,
					  .inline_compression = true };
	struct stat sb;
	int fd;

	tf_write(path, N_EVENTS, &o, finish, NULL);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &sb), 0);
	orig_len = (size_t)sb.st_size;
	free(orig);
	orig = malloc(orig_len);
	assert_non_null(orig);
	assert_int_equal(read(fd, orig, orig_len), (ssize_t)orig_len);
	close(fd);
}

static int setup(void **state)
{
	snprintf(path, sizeof(path), "%s/test_fmt_damage.%d.srec",
		 SREC_TEST_TMPDIR, (int)getpid());
	snprintf(copy, sizeof(copy), "%s.copy", path);
	return 0;
}

static int teardown(void **state)
{
	unlink(path);
	unlink(copy);
	free(orig);
	orig = NULL;
	return 0;
}

static void write_copy(const uint8_t *data, size_t len)
{
	int fd = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

struct outcome {
	int open_rc;
	uint64_t returned;  /* events returned */
	uint64_t prefix;    /* events returned before the first damage */
	bool got[N_EVENTS];
	int n_damage;
	struct srec_fmt_damage first;
	bool complete;
};

/* Read the copy sequentially, checking every event returned. */
static void read_copy(struct outcome *oc)
{
	struct srec_fmt_reader *r = NULL;
	struct srec_fmt_file_info fi;
	const Srec__Event *ev;
	uint64_t last = 0, i;
	bool damaged = false;
	int rc, steps = 0;

	memset(oc, 0, sizeof(*oc));
	oc->open_rc = srec_fmt_reader_open(copy, &r);
	if (oc->open_rc)
		return;
	assert_int_equal(srec_fmt_reader_file_info(r, &fi), 0);
	while ((rc = srec_fmt_reader_next(r, &ev)) != 0) {
		assert_true(++steps < 10 * N_EVENTS); /* never loops */
		if (rc == SREC_EDAMAGED) {
			damaged = true;
			continue;
		}
		assert_int_equal(rc, 1);
		assert_true(ev->seq < N_EVENTS);
		assert_true(oc->returned == 0 || ev->seq > last);
		tf_check(ev, ev->seq);
		oc->got[ev->seq] = true;
		last = ev->seq;
		oc->returned++;
		if (!damaged)
			oc->prefix++;
	}
	oc->n_damage = srec_fmt_reader_damage(r, &oc->first);
	oc->complete = srec_fmt_reader_complete(r);
	assert_true(!oc->complete || !oc->n_damage);
	assert_true(oc->n_damage || !damaged);
	if (oc->n_damage)
		assert_true(*srec_fmt_reader_describe_damage(r));
	/* Random access agrees with sequential reading. */
	for (i = 0; i < N_EVENTS; i++) {
		rc = srec_fmt_reader_seek(r, i);
		if (oc->got[i]) {
			assert_int_equal(rc, 0);
			assert_int_equal(srec_fmt_reader_next(r, &ev), 1);
			assert_int_equal(ev->seq, i);
		} else {
			assert_int_equal(rc, -ENOENT);
		}
	}
	srec_fmt_reader_close(r);
}

static void check_prefix(const struct outcome *oc)
{
	uint64_t i;

	for (i = 0; i < oc->prefix; i++)
		assert_true(oc->got[i]);
	if (oc->n_damage &&
	    (oc->first.lost_events || !oc->first.lost_known))
		assert_int_equal(oc->first.first_lost_seq, oc->prefix);
}

static void test_truncate_everywhere(void **state)
{
	struct outcome oc;
	size_t len;

	load_orig(true);
	for (len = 0; len < orig_len; len++) {
		write_copy(orig, len);
		read_copy(&oc);
		if (len < 16) {
			assert_int_equal(oc.open_rc, SREC_ENOTTRACE);
			continue;
		}
		if (oc.open_rc) {
			/* Only the header frame may be missing. */
			assert_int_equal(oc.open_rc, SREC_EDAMAGED);
			assert_true(len < 200);
			continue;
		}
		assert_true(oc.n_damage >= 1);
		assert_false(oc.complete);
		assert_int_equal(oc.returned, oc.prefix);
		check_prefix(&oc);
	}
	write_copy(orig, orig_len);
	read_copy(&oc);
	assert_int_equal(oc.open_rc, 0);
	assert_int_equal(oc.returned, N_EVENTS);
	assert_int_equal(oc.n_damage, 0);
	assert_true(oc.complete);
}

static void flip_everywhere(bool finish)
{
	uint8_t *buf;
	struct outcome oc;
	size_t i;

	load_orig(finish);
	buf = malloc(orig_len);
	assert_non_null(buf);
	for (i = 0; i < orig_len; i++) {
		memcpy(buf, orig, orig_len);
		buf[i] ^= 0x5a;
		write_copy(buf, orig_len);
		read_copy(&oc);
		if (oc.open_rc) {
			assert_true(oc.open_rc == SREC_ENOTTRACE ||
				    oc.open_rc == SREC_EVERSION ||
				    oc.open_rc == SREC_EDAMAGED);
			continue;
		}
		check_prefix(&oc);
		if (i == 14 || i == 15) {
			/* The minor version: any is compatible. */
			assert_int_equal(oc.n_damage, finish ? 0 : 1);
			continue;
		}
		assert_true(oc.n_damage >= 1);
		assert_false(oc.complete);
		if (oc.first.lost_known && oc.n_damage == 1)
			assert_int_equal(oc.returned + oc.first.lost_events,
					 N_EVENTS);
	}
	free(buf);
}

static void test_flip_everywhere(void **state)
{
	flip_everywhere(true);
}

static void test_flip_everywhere_no_index(void **state)
{
	flip_everywhere(false);
}

/* Offset of the data frame holding event @seq (walks frame headers). */
static size_t frame_of(uint64_t seq, uint32_t *events)
{
	size_t off = 16;

	for (;;) {
		uint32_t csize, n;
		uint64_t first;

		assert_true(off + 40 <= orig_len);
		csize = orig[off + 12] | orig[off + 13] << 8 |
			orig[off + 14] << 16 | (uint32_t)orig[off + 15] << 24;
		n = orig[off + 20] | orig[off + 21] << 8;
		memcpy(&first, orig + off + 24, 8);
		if (orig[off + 8] == 2 && first <= seq && seq < first + n) {
			*events = n;
			return off;
		}
		off += 40 + csize;
	}
}

static void corrupt_middle(bool finish, bool in_header)
{
	struct outcome oc;
	uint32_t n;
	size_t off;
	uint8_t *buf;

	load_orig(finish);
	off = frame_of(N_EVENTS / 2, &n);
	buf = malloc(orig_len);
	assert_non_null(buf);
	memcpy(buf, orig, orig_len);
	buf[off + (in_header ? 20 : 45)] ^= 0xff;
	write_copy(buf, orig_len);
	free(buf);
	read_copy(&oc);
	assert_int_equal(oc.open_rc, 0);
	assert_int_equal(oc.n_damage, finish ? 1 : 2);
	assert_int_equal(oc.first.offset, off);
	assert_true(oc.first.lost_known);
	assert_int_equal(oc.first.lost_events, n);
	assert_int_equal(oc.returned, N_EVENTS - n);
	assert_true(oc.prefix <= N_EVENTS / 2);
	assert_true(oc.got[N_EVENTS - 1]);
}

static void test_corrupt_payload(void **state)
{
	corrupt_middle(true, false);
}

static void test_corrupt_header_no_index(void **state)
{
	corrupt_middle(false, true);
}

static void test_describe(void **state)
{
	struct srec_fmt_reader *r = NULL;
	const Srec__Event *ev;
	const char *s;
	uint32_t n;
	size_t off;

	load_orig(true);
	off = frame_of(0, &n);
	orig[off + 50] ^= 1;
	write_copy(orig, orig_len);
	assert_int_equal(srec_fmt_reader_open(copy, &r), 0);
	assert_string_equal(srec_fmt_reader_describe_damage(r), "");
	while (srec_fmt_reader_next(r, &ev))
		;
	s = srec_fmt_reader_describe_damage(r);
	assert_non_null(strstr(s, "checksum mismatch"));
	assert_non_null(strstr(s, "trace damaged at offset "));
	assert_non_null(strstr(s, " events lost"));
	assert_non_null(strstr(s, " intact events read"));
	srec_fmt_reader_close(r);
}

/* Footer and index both damaged: the scan meets a bad index frame. */
static void test_bad_footer_and_index(void **state)
{
	struct outcome oc;

	load_orig(true);
	orig[orig_len - 1] ^= 1;  /* footer checksum */
	orig[orig_len - 30] ^= 1; /* inside the index frame's payload */
	write_copy(orig, orig_len);
	read_copy(&oc);
	assert_int_equal(oc.open_rc, 0);
	assert_int_equal(oc.returned, N_EVENTS);
	assert_true(oc.n_damage >= 1);
	assert_false(oc.complete);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_truncate_everywhere,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_flip_everywhere, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_flip_everywhere_no_index,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_payload, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_header_no_index,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_describe, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_footer_and_index,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
