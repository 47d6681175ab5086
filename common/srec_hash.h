/* SPDX-License-Identifier: MIT */
/*
 * srec_hash.h - content hashes.
 *
 * srec_hash64() is XXH64 (the checksum zstd itself uses), so readers in
 * other languages find it in any xxHash library.  srec_hash128() names
 * content for deduplication (file-backed mmap blobs, executables): the
 * XXH64 of the bytes with seed 0 followed by the XXH64 with seed
 * 0x9e3779b97f4a7c15, both big-endian, 16 bytes in all.
 */
#ifndef SREC_HASH_H
#define SREC_HASH_H

#include <stddef.h>
#include <stdint.h>

#define SREC_HASH128_LEN 16

/* srec_hash64 - XXH64 of @len bytes at @data (NULL is fine for 0). */
uint64_t srec_hash64(const void *data, size_t len, uint64_t seed);

/* srec_hash128 - the 16-byte content name of @len bytes at @data. */
void srec_hash128(const void *data, size_t len,
		  uint8_t out[SREC_HASH128_LEN]);

#endif
