/* SPDX-License-Identifier: MIT */
/*
 * srec_gdbp.h - the packet layer of the GDB remote serial protocol, for
 * `srec replay --gdb` (issue 16).  Pure code: no sockets, no tracee, so it
 * is unit-tested and fuzzed on its own.
 *
 * On the wire a packet is `$payload#cs`: cs is the modulo-256 sum of the
 * payload bytes as two hex digits.  '#', '$', '}' and '*' inside a payload
 * are escaped as '}' followed by the byte XOR 0x20.  Between packets the
 * peer sends '+' (ack), '-' (resend) and 0x03 (interrupt, Ctrl-C).
 */
#ifndef SREC_GDBP_H
#define SREC_GDBP_H

#include <stddef.h>
#include <stdint.h>

#include "srec_buf.h"

/* Longest payload srec accepts (and announces as PacketSize). */
#define SREC_GDBP_MAX 16384

/* What srec_gdbp_feed() saw complete with its byte. */
enum srec_gdbp_ev {
	SREC_GDBP_NONE = 0,   /* nothing yet: feed more bytes */
	SREC_GDBP_PACKET,     /* rx->pkt / rx->len hold a checked payload */
	SREC_GDBP_ACK,        /* '+' */
	SREC_GDBP_NAK,        /* '-': resend the last packet */
	SREC_GDBP_INTERRUPT,  /* 0x03 outside a packet */
	SREC_GDBP_BADSUM,     /* a packet whose checksum is wrong: send '-' */
	SREC_GDBP_TOOLONG,    /* a packet longer than SREC_GDBP_MAX: dropped */
};

/* The receiving state; zero it (or SREC_GDBP_RX_INIT) before the first byte. */
struct srec_gdbp_rx {
	char pkt[SREC_GDBP_MAX + 1]; /* unescaped payload, NUL-terminated */
	size_t len;
	int state;       /* internal */
	uint8_t sum;     /* running checksum of the raw bytes */
	uint8_t cs;      /* checksum digits read so far */
	int overflow;    /* the current packet did not fit */
};

/* srec_gdbp_sum - the checksum of @n raw (escaped) bytes. */
uint8_t srec_gdbp_sum(const char *p, size_t n);

/*
 * srec_gdbp_feed - take one byte from the peer.
 * @return: an srec_gdbp_ev; SREC_GDBP_PACKET leaves the payload in rx->pkt
 * until the next call.  Bytes outside a packet other than '+', '-', 0x03
 * are ignored (gdb never sends them; noise must not hang the server).
 */
enum srec_gdbp_ev srec_gdbp_feed(struct srec_gdbp_rx *rx, unsigned char c);

/*
 * srec_gdbp_frame - append `$payload#cs` to @out, escaping what must be.
 */
void srec_gdbp_frame(struct srec_buf *out, const void *payload, size_t n);

/*
 * srec_gdbp_unhex - decode @n hex digits at @hex into @out (n/2 bytes).
 * @return: the byte count, or -EINVAL for an odd count or a non-hex digit.
 */
int srec_gdbp_unhex(const char *hex, size_t n, uint8_t *out);

/*
 * srec_gdbp_num - read a hex number at *@p, advancing *@p past it.
 * @return: 0, or -EINVAL when no digit is there or it does not fit 64 bits.
 */
int srec_gdbp_num(const char **p, uint64_t *v);

/*
 * srec_gdbp_addr_len - parse "ADDR,LEN" (m, M, X, Z packets' arguments)
 * starting at @p; *@end is left at the byte after LEN.
 * @return: 0, or -EINVAL when malformed or ADDR+LEN wraps.
 */
int srec_gdbp_addr_len(const char *p, uint64_t *addr, uint64_t *len,
		       const char **end);

#endif
