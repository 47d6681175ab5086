// SPDX-License-Identifier: MIT
/*
 * frame.c - pack and parse the fixed structures of a trace (file header,
 * frame header, footer) and varints; see fmt_int.h and schemas/FORMAT.md.
 * All integers are little-endian whatever the host.
 */
#include "fmt_int.h"
#include "srec_fmt.h"
#include "srec_hash.h"

#include <string.h>

void fmt_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

void fmt_put_le32(uint8_t *p, uint32_t v)
{
	fmt_put_le16(p, (uint16_t)v);
	fmt_put_le16(p + 2, (uint16_t)(v >> 16));
}

void fmt_put_le64(uint8_t *p, uint64_t v)
{
	fmt_put_le32(p, (uint32_t)v);
	fmt_put_le32(p + 4, (uint32_t)(v >> 32));
}

uint16_t fmt_get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

uint32_t fmt_get_le32(const uint8_t *p)
{
	return fmt_get_le16(p) | (uint32_t)fmt_get_le16(p + 2) << 16;
}

uint64_t fmt_get_le64(const uint8_t *p)
{
	return fmt_get_le32(p) | (uint64_t)fmt_get_le32(p + 4) << 32;
}

uint32_t fmt_check32(const void *data, size_t len)
{
	return (uint32_t)srec_hash64(data, len, 0);
}

void fmt_file_hdr_pack(uint8_t out[FMT_FILE_HDR_SIZE])
{
	fmt_put_le32(out, FMT_SKIP_MAGIC);
	fmt_put_le32(out + 4, FMT_FILE_HDR_SIZE - 8);
	memcpy(out + 8, FMT_FILE_TAG, 4);
	fmt_put_le16(out + 12, SREC_FMT_MAJOR);
	fmt_put_le16(out + 14, SREC_FMT_MINOR);
}

void fmt_frame_hdr_pack(const struct fmt_frame_hdr *h,
			uint8_t out[FMT_FRAME_HDR_SIZE])
{
	fmt_put_le32(out, FMT_SKIP_MAGIC);
	fmt_put_le32(out + 4, FMT_FRAME_HDR_SIZE - 8);
	out[8] = h->type;
	out[9] = h->flags;
	fmt_put_le16(out + 10, 0);
	fmt_put_le32(out + 12, h->csize);
	fmt_put_le32(out + 16, h->rsize);
	fmt_put_le32(out + 20, h->events);
	fmt_put_le64(out + 24, h->first_seq);
	fmt_put_le32(out + 32, h->payload_check);
	fmt_put_le32(out + 36, fmt_check32(out, 36));
}

bool fmt_frame_hdr_parse(const uint8_t in[FMT_FRAME_HDR_SIZE],
			 struct fmt_frame_hdr *h)
{
	if (fmt_get_le32(in) != FMT_SKIP_MAGIC ||
	    fmt_get_le32(in + 4) != FMT_FRAME_HDR_SIZE - 8 ||
	    !fmt_check_ok(fmt_get_le32(in + 36), fmt_check32(in, 36)) ||
	    fmt_get_le16(in + 10) != 0)
		return false;
	h->type = in[8];
	h->flags = in[9];
	h->csize = fmt_get_le32(in + 12);
	h->rsize = fmt_get_le32(in + 16);
	h->events = fmt_get_le32(in + 20);
	h->first_seq = fmt_get_le64(in + 24);
	h->payload_check = fmt_get_le32(in + 32);
	return true;
}

void fmt_footer_pack(uint64_t index_offset, uint8_t out[FMT_FOOTER_SIZE])
{
	fmt_put_le32(out, FMT_SKIP_MAGIC);
	fmt_put_le32(out + 4, FMT_FOOTER_SIZE - 8);
	fmt_put_le64(out + 8, index_offset);
	memcpy(out + 16, FMT_FOOTER_TAG, 4);
	fmt_put_le32(out + 20, fmt_check32(out, 20));
}

bool fmt_footer_parse(const uint8_t in[FMT_FOOTER_SIZE],
		      uint64_t *index_offset)
{
	if (fmt_get_le32(in) != FMT_SKIP_MAGIC ||
	    fmt_get_le32(in + 4) != FMT_FOOTER_SIZE - 8 ||
	    memcmp(in + 16, FMT_FOOTER_TAG, 4) ||
	    !fmt_check_ok(fmt_get_le32(in + 20), fmt_check32(in, 20)))
		return false;
	*index_offset = fmt_get_le64(in + 8);
	return true;
}

size_t fmt_varint_put(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

size_t fmt_varint_get(const uint8_t *p, size_t n, uint64_t *v)
{
	uint64_t r = 0;
	size_t i;

	for (i = 0; i < n && i < FMT_VARINT_MAX; i++) {
		/* The tenth byte may only hold the 64th bit. */
		if (i == FMT_VARINT_MAX - 1 && p[i] > 1)
			return 0;
		r |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*v = r;
			return i + 1;
		}
	}
	return 0;
}
