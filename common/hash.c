// SPDX-License-Identifier: MIT
/* hash.c - XXH64 (reference algorithm, little-endian reads). */
#include "srec_hash.h"

#include <string.h>

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t read64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8); /* x86_64 and aarch64 are little-endian */
	return v;
}

static uint32_t read32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t round64(uint64_t acc, uint64_t in)
{
	acc += in * P2;
	acc = rotl(acc, 31);
	return acc * P1;
}

static uint64_t merge(uint64_t acc, uint64_t v)
{
	acc ^= round64(0, v);
	return acc * P1 + P4;
}

uint64_t srec_hash64(const void *data, size_t len, uint64_t seed)
{
	/* NULL with len 0 is a valid empty input, but arithmetic on a null
	 * pointer is undefined: walk an empty string instead. */
	const uint8_t *p = data ? data : (const void *)"", *end = p + len;
	uint64_t h;

	if (len >= 32) {
		uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed,
			 v4 = seed - P1;

		do {
			v1 = round64(v1, read64(p));
			v2 = round64(v2, read64(p + 8));
			v3 = round64(v3, read64(p + 16));
			v4 = round64(v4, read64(p + 24));
			p += 32;
		} while (p + 32 <= end);
		h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
		h = merge(h, v1);
		h = merge(h, v2);
		h = merge(h, v3);
		h = merge(h, v4);
	} else {
		h = seed + P5;
	}
	h += len;
	for (; p + 8 <= end; p += 8)
		h = rotl(h ^ round64(0, read64(p)), 27) * P1 + P4;
	if (p + 4 <= end) {
		h = rotl(h ^ (read32(p) * P1), 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		h = rotl(h ^ (*p * P5), 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

void srec_hash128(const void *data, size_t len, uint8_t out[SREC_HASH128_LEN])
{
	uint64_t a = srec_hash64(data, len, 0);
	uint64_t b = srec_hash64(data, len, 0x9e3779b97f4a7c15ULL);
	int i;

	for (i = 0; i < 8; i++) {
		out[i] = (uint8_t)(a >> (56 - 8 * i));
		out[8 + i] = (uint8_t)(b >> (56 - 8 * i));
	}
}
