// SPDX-License-Identifier: MIT
/*
 * test_gdb_proto.c - the GDB remote protocol packet layer (srec_gdbp.h):
 * checksums, framing and escaping round trips, acks and Ctrl-C, bad
 * checksums, oversized packets, hex and ADDR,LEN parsing, and a fuzz loop
 * of random and mutated input that must never crash or overrun.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "srec_buf.h"
#include "srec_gdbp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Feed @n bytes; return the last event other than NONE (or NONE). */
static enum srec_gdbp_ev feed_all(struct srec_gdbp_rx *rx, const char *s,
				  size_t n)
{
	enum srec_gdbp_ev last = SREC_GDBP_NONE, ev;

	for (size_t i = 0; i < n; i++)
		if ((ev = srec_gdbp_feed(rx, (unsigned char)s[i])) !=
		    SREC_GDBP_NONE)
			last = ev;
	return last;
}

static void test_sum(void **state)
{
	(void)state;
	/* "$qSupported#37" is what gdb sends first. */
	assert_int_equal(srec_gdbp_sum("qSupported", 10), 0x37);
	assert_int_equal(srec_gdbp_sum("", 0), 0);
	assert_int_equal(srec_gdbp_sum("OK", 2), 0x9a);
}

static void test_frame(void **state)
{
	struct srec_buf b = SREC_BUF_INIT;

	(void)state;
	srec_gdbp_frame(&b, "OK", 2);
	assert_string_equal(srec_buf_str(&b), "$OK#9a");
	srec_buf_reset(&b);
	srec_gdbp_frame(&b, "a#b$c}d*", 8);
	assert_string_equal(srec_buf_str(&b), "$a}\x03"
					      "b}\x04"
					      "c}]d}\x0a#ec");
	srec_buf_free(&b);
}

static void test_roundtrip(void **state)
{
	struct srec_gdbp_rx *rx = calloc(1, sizeof(*rx));
	struct srec_buf b = SREC_BUF_INIT;
	unsigned char all[256];

	(void)state;
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	srec_gdbp_frame(&b, all, sizeof(all));
	assert_int_equal(feed_all(rx, b.data, b.len), SREC_GDBP_PACKET);
	assert_int_equal(rx->len, 256);
	assert_memory_equal(rx->pkt, all, 256);
	srec_buf_free(&b);
	free(rx);
}

static void test_controls(void **state)
{
	struct srec_gdbp_rx *rx = calloc(1, sizeof(*rx));

	(void)state;
	assert_int_equal(srec_gdbp_feed(rx, '+'), SREC_GDBP_ACK);
	assert_int_equal(srec_gdbp_feed(rx, '-'), SREC_GDBP_NAK);
	assert_int_equal(srec_gdbp_feed(rx, 0x03), SREC_GDBP_INTERRUPT);
	assert_int_equal(srec_gdbp_feed(rx, 'x'), SREC_GDBP_NONE);
	/* 0x03 inside a packet is data, not an interrupt. */
	assert_int_equal(feed_all(rx, "$\x03#03", 5), SREC_GDBP_PACKET);
	assert_int_equal(rx->len, 1);
	/* A '$' restarts a packet cut short by the peer. */
	assert_int_equal(feed_all(rx, "$garb$OK#9a", 11), SREC_GDBP_PACKET);
	assert_string_equal(rx->pkt, "OK");
	free(rx);
}

static void test_badsum(void **state)
{
	struct srec_gdbp_rx *rx = calloc(1, sizeof(*rx));

	(void)state;
	assert_int_equal(feed_all(rx, "$OK#9b", 6), SREC_GDBP_BADSUM);
	assert_int_equal(feed_all(rx, "$OK#zz", 6), SREC_GDBP_BADSUM);
	assert_int_equal(feed_all(rx, "$OK#9z", 6), SREC_GDBP_BADSUM);
	/* After a bad packet, the next good one still arrives. */
	assert_int_equal(feed_all(rx, "$OK#9A", 6), SREC_GDBP_PACKET);
	free(rx);
}

static void test_toolong(void **state)
{
	struct srec_gdbp_rx *rx = calloc(1, sizeof(*rx));
	size_t n = SREC_GDBP_MAX + 100;
	char *big = malloc(n);
	uint8_t s;
	char tail[4];

	(void)state;
	memset(big, 'a', n);
	assert_int_equal(srec_gdbp_feed(rx, '$'), SREC_GDBP_NONE);
	assert_int_equal(feed_all(rx, big, n), SREC_GDBP_NONE);
	s = srec_gdbp_sum(big, n);
	snprintf(tail, sizeof(tail), "#%02x", s);
	assert_int_equal(feed_all(rx, tail, 3), SREC_GDBP_TOOLONG);
	assert_true(rx->len <= SREC_GDBP_MAX);
	free(big);
	free(rx);
}

static void test_hex(void **state)
{
	uint8_t out[4];
	const char *p;
	uint64_t v, a, l;

	(void)state;
	assert_int_equal(srec_gdbp_unhex("deadBEEF", 8, out), 4);
	assert_int_equal(out[0], 0xde);
	assert_int_equal(out[3], 0xef);
	assert_int_equal(srec_gdbp_unhex("abc", 3, out), -EINVAL);
	assert_int_equal(srec_gdbp_unhex("zz", 2, out), -EINVAL);
	p = "7fff0000,40";
	assert_int_equal(srec_gdbp_num(&p, &v), 0);
	assert_int_equal(v, 0x7fff0000);
	assert_int_equal(*p, ',');
	p = "ffffffffffffffff";
	assert_int_equal(srec_gdbp_num(&p, &v), 0);
	p = "10000000000000000";
	assert_int_equal(srec_gdbp_num(&p, &v), -EINVAL);
	p = ",";
	assert_int_equal(srec_gdbp_num(&p, &v), -EINVAL);
	assert_int_equal(srec_gdbp_addr_len("1000,20:ab", &a, &l, &p), 0);
	assert_int_equal(a, 0x1000);
	assert_int_equal(l, 0x20);
	assert_string_equal(p, ":ab");
	assert_int_equal(srec_gdbp_addr_len("1000", &a, &l, &p), -EINVAL);
	assert_int_equal(srec_gdbp_addr_len("1000,", &a, &l, &p), -EINVAL);
	assert_int_equal(srec_gdbp_addr_len("ffffffffffffffff,2", &a, &l, &p),
			 -EINVAL);
}

/* Random bytes and mutated real packets: every event stays in range and
 * the payload never exceeds its buffer. */
static void test_fuzz(void **state)
{
	struct srec_gdbp_rx *rx = calloc(1, sizeof(*rx));
	struct srec_buf b = SREC_BUF_INIT;
	unsigned seed = 16;
	int packets = 0;

	(void)state;
	for (int round = 0; round < 2000; round++) {
		srec_buf_reset(&b);
		srec_gdbp_frame(&b, "m7ffff7dd0000,40", 16);
		for (size_t i = 0; i < 200; i++)
			srec_buf_addc(&b, (char)(rand_r(&seed) & 0xff));
		for (int k = 0; k < 4; k++)
			b.data[rand_r(&seed) % b.len] =
				(char)(rand_r(&seed) & 0xff);
		for (size_t i = 0; i < b.len; i++) {
			enum srec_gdbp_ev ev =
				srec_gdbp_feed(rx, (unsigned char)b.data[i]);

			assert_true(ev >= SREC_GDBP_NONE &&
				    ev <= SREC_GDBP_TOOLONG);
			assert_true(rx->len <= SREC_GDBP_MAX);
			if (ev == SREC_GDBP_PACKET) {
				const char *end;
				uint64_t a, l;

				packets++;
				assert_int_equal(rx->pkt[rx->len], '\0');
				(void)srec_gdbp_addr_len(rx->pkt + 1, &a, &l,
							 &end);
			}
		}
	}
	/* Most rounds keep their framed packet intact. */
	assert_true(packets > 100);
	srec_buf_free(&b);
	free(rx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sum),
		cmocka_unit_test(test_frame),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_badsum),
		cmocka_unit_test(test_toolong),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
