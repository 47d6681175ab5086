/* SPDX-License-Identifier: MIT */
/*
 * fmt_int.h - the byte layout shared by the trace writer and reader: file
 * header, frame header, footer and varints.  schemas/FORMAT.md is the
 * specification; the offsets below follow its tables.  Internal to
 * format/: other modules use srec_fmt.h.
 */
#ifndef SREC_FMT_INT_H
#define SREC_FMT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every fixed structure is a zstd skippable frame (magic 0x184D2A50 +
 * nibble) so that the whole trace is a valid zstd stream; srec uses the
 * nibble 0xB.
 */
#define FMT_SKIP_MAGIC 0x184D2A5BU

/* File header: skippable frame of 8 bytes, "SREC", major, minor. */
#define FMT_FILE_HDR_SIZE 16
#define FMT_FILE_TAG "SREC"

/* Frame header: skippable frame of 32 bytes, then the zstd frame. */
#define FMT_FRAME_HDR_SIZE 40

enum fmt_frame_type {
	FMT_FRAME_HEADER = 1, /* TraceHeader */
	FMT_FRAME_EVENTS = 2, /* length-delimited Events */
	FMT_FRAME_INDEX = 3,  /* Index */
};

struct fmt_frame_hdr {
	uint8_t type;
	uint8_t flags;
	uint32_t csize;  /* bytes of the zstd frame after the header */
	uint32_t rsize;  /* its decompressed size */
	uint32_t events;
	uint64_t first_seq;
	uint32_t payload_check; /* low 32 bits of XXH64(zstd frame) */
};

/* Footer: skippable frame of 16 bytes: index offset, "SRIX", check. */
#define FMT_FOOTER_SIZE 24
#define FMT_FOOTER_TAG "SRIX"

/* Largest encoded varint (uint64). */
#define FMT_VARINT_MAX 10

void fmt_put_le16(uint8_t *p, uint16_t v);
void fmt_put_le32(uint8_t *p, uint32_t v);
void fmt_put_le64(uint8_t *p, uint64_t v);
uint16_t fmt_get_le16(const uint8_t *p);
uint32_t fmt_get_le32(const uint8_t *p);
uint64_t fmt_get_le64(const uint8_t *p);

/* Low 32 bits of XXH64(seed 0), the checksum of frames and footer. */
uint32_t fmt_check32(const void *data, size_t len);

/*
 * fmt_check_ok - compare a stored checksum with a computed one.  The fuzz
 * build (tests/fuzz) compiles the reader with SREC_FMT_FUZZ_NO_CHECKSUM so
 * that mutated inputs get past the checksums into the parsers behind them.
 */
#ifdef SREC_FMT_FUZZ_NO_CHECKSUM
#define fmt_check_ok(stored, computed) ((void)(computed), (void)(stored), 1)
#else
#define fmt_check_ok(stored, computed) ((stored) == (computed))
#endif

void fmt_file_hdr_pack(uint8_t out[FMT_FILE_HDR_SIZE]);

void fmt_frame_hdr_pack(const struct fmt_frame_hdr *h,
			uint8_t out[FMT_FRAME_HDR_SIZE]);

/*
 * fmt_frame_hdr_parse - decode and check a frame header.
 * @return: true when the magic, size and header checksum are right and the
 *          reserved fields are zero.
 */
bool fmt_frame_hdr_parse(const uint8_t in[FMT_FRAME_HDR_SIZE],
			 struct fmt_frame_hdr *h);

void fmt_footer_pack(uint64_t index_offset, uint8_t out[FMT_FOOTER_SIZE]);

/* @return: true with *index_offset set when the footer checks out. */
bool fmt_footer_parse(const uint8_t in[FMT_FOOTER_SIZE],
		      uint64_t *index_offset);

/* Encode @v at @p; returns the bytes used (1..10). */
size_t fmt_varint_put(uint8_t *p, uint64_t v);

/*
 * fmt_varint_get - decode a varint from @p (at most @n bytes readable).
 * @return: bytes used, or 0 when cut short or longer than 10 bytes or
 *          overflowing 64 bits.
 */
size_t fmt_varint_get(const uint8_t *p, size_t n, uint64_t *v);

#endif
