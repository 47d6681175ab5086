// SPDX-License-Identifier: MIT
/*
 * gdb_proto.c - GDB remote protocol framing, escaping and argument parsing
 * (srec_gdbp.h).  The server reads a socket anyone on the loopback may
 * write to, so every path here is bounded: a packet that does not fit is
 * dropped whole, never written past rx->pkt.
 */
#include "srec_gdbp.h"

#include <errno.h>

#include "srec_json.h"

enum { ST_IDLE, ST_DATA, ST_ESC, ST_CS1, ST_CS2 };

uint8_t srec_gdbp_sum(const char *p, size_t n)
{
	uint8_t s = 0;

	for (size_t i = 0; i < n; i++)
		s = (uint8_t)(s + (unsigned char)p[i]);
	return s;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void put(struct srec_gdbp_rx *rx, unsigned char c)
{
	if (rx->len >= SREC_GDBP_MAX) {
		rx->overflow = 1;
		return;
	}
	rx->pkt[rx->len++] = (char)c;
}

enum srec_gdbp_ev srec_gdbp_feed(struct srec_gdbp_rx *rx, unsigned char c)
{
	int v;

	switch (rx->state) {
	case ST_IDLE:
		if (c == '$') {
			rx->state = ST_DATA;
			rx->len = 0;
			rx->sum = 0;
			rx->overflow = 0;
			return SREC_GDBP_NONE;
		}
		if (c == '+')
			return SREC_GDBP_ACK;
		if (c == '-')
			return SREC_GDBP_NAK;
		if (c == 0x03)
			return SREC_GDBP_INTERRUPT;
		return SREC_GDBP_NONE;
	case ST_DATA:
		if (c == '#') {
			rx->state = ST_CS1;
			return SREC_GDBP_NONE;
		}
		/* A '$' inside a packet means the peer gave up on the last. */
		if (c == '$') {
			rx->len = 0;
			rx->sum = 0;
			rx->overflow = 0;
			return SREC_GDBP_NONE;
		}
		rx->sum = (uint8_t)(rx->sum + c);
		if (c == '}')
			rx->state = ST_ESC;
		else
			put(rx, c);
		return SREC_GDBP_NONE;
	case ST_ESC:
		rx->sum = (uint8_t)(rx->sum + c);
		put(rx, c ^ 0x20);
		rx->state = ST_DATA;
		return SREC_GDBP_NONE;
	case ST_CS1:
		v = hexval(c);
		rx->cs = (uint8_t)((v < 0 ? 0 : v) << 4);
		rx->state = v < 0 ? ST_IDLE : ST_CS2;
		return v < 0 ? SREC_GDBP_BADSUM : SREC_GDBP_NONE;
	default:
		rx->state = ST_IDLE;
		v = hexval(c);
		if (v < 0 || (uint8_t)(rx->cs | v) != rx->sum)
			return SREC_GDBP_BADSUM;
		if (rx->overflow)
			return SREC_GDBP_TOOLONG;
		rx->pkt[rx->len] = '\0';
		return SREC_GDBP_PACKET;
	}
}

void srec_gdbp_frame(struct srec_buf *out, const void *payload, size_t n)
{
	const unsigned char *p = payload;
	size_t start;
	uint8_t s;

	srec_buf_addc(out, '$');
	start = out->len;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '#' || p[i] == '$' || p[i] == '}' || p[i] == '*') {
			srec_buf_addc(out, '}');
			srec_buf_addc(out, (char)(p[i] ^ 0x20));
		} else {
			srec_buf_addc(out, (char)p[i]);
		}
	}
	srec_buf_addc(out, '#');
	s = srec_gdbp_sum(out->data + start, out->len - start - 1);
	srec_hex(out, &s, 1);
}

int srec_gdbp_unhex(const char *hex, size_t n, uint8_t *out)
{
	if (n % 2)
		return -EINVAL;
	for (size_t i = 0; i < n; i += 2) {
		int hi = hexval((unsigned char)hex[i]);
		int lo = hexval((unsigned char)hex[i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	return (int)(n / 2);
}

int srec_gdbp_num(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int d, n = 0;

	while ((d = hexval((unsigned char)*s)) >= 0) {
		if (x >> 60)
			return -EINVAL;
		x = x << 4 | (uint64_t)d;
		s++;
		n++;
	}
	if (!n)
		return -EINVAL;
	*v = x;
	*p = s;
	return 0;
}

int srec_gdbp_addr_len(const char *p, uint64_t *addr, uint64_t *len,
		       const char **end)
{
	if (srec_gdbp_num(&p, addr) || *p++ != ',' || srec_gdbp_num(&p, len))
		return -EINVAL;
	if (*addr + *len < *addr)
		return -EINVAL;
	*end = p;
	return 0;
}
