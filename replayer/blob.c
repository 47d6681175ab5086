// SPDX-License-Identifier: MIT
/*
 * blob.c - the replayer's store of Blob contents (file-backed mmap data),
 * kept by content hash from the Blob event until the end of the replay:
 * the reader frees an event at the next one, and a mapping may reference
 * a blob stored long before.
 */
#include "rpl_int.h"

#include <stdlib.h>
#include <string.h>

#include "srec_hash.h"

#define NBUCKETS 256

struct blob {
	struct blob *next;
	uint8_t hash[SREC_HASH128_LEN];
	size_t len;
	uint8_t data[];
};

struct rpl_blobs {
	struct blob *bucket[NBUCKETS];
};

struct rpl_blobs *rpl_blobs_new(void)
{
	return srec_xcalloc(1, sizeof(struct rpl_blobs));
}

void rpl_blobs_free(struct rpl_blobs *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < NBUCKETS; i++) {
		while (b->bucket[i]) {
			struct blob *x = b->bucket[i];

			b->bucket[i] = x->next;
			free(x);
		}
	}
	free(b);
}

static struct blob **find(const struct rpl_blobs *b, const uint8_t *hash)
{
	struct blob **p = (struct blob **)&b->bucket[hash[0]];

	while (*p && memcmp((*p)->hash, hash, SREC_HASH128_LEN))
		p = &(*p)->next;
	return p;
}

void rpl_blobs_put(struct rpl_blobs *b, const uint8_t *hash,
		   const void *data, size_t len)
{
	struct blob **p = find(b, hash);
	struct blob *x;

	if (*p)
		return;
	x = srec_xmalloc(sizeof(*x) + len);
	x->next = NULL;
	memcpy(x->hash, hash, SREC_HASH128_LEN);
	x->len = len;
	if (len)
		memcpy(x->data, data, len);
	*p = x;
}

const void *rpl_blobs_get(const struct rpl_blobs *b, const uint8_t *hash,
			  size_t *len)
{
	struct blob *x = *find(b, hash);

	if (!x)
		return NULL;
	*len = x->len;
	return x->data;
}
