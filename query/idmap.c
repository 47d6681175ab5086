// SPDX-License-Identifier: MIT
/* idmap.c - pid/tid -> record index, open addressing (q_int.h). */
#include "q_int.h"

#include <stdlib.h>

#define ID_EMPTY INT32_MIN

static size_t slot(const struct q_idmap *m, int32_t key)
{
	/* Fibonacci hashing spreads consecutive pids over the table. */
	size_t i = ((uint32_t)key * 2654435761u) & (m->cap - 1);

	while (m->keys[i] != ID_EMPTY && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void grow(struct q_idmap *m)
{
	struct q_idmap bigger = { .cap = m->cap ? m->cap * 2 : 64 };
	size_t i, s;

	bigger.keys = srec_xmalloc(bigger.cap * sizeof(*bigger.keys));
	bigger.idx = srec_xmalloc(bigger.cap * sizeof(*bigger.idx));
	for (i = 0; i < bigger.cap; i++)
		bigger.keys[i] = ID_EMPTY;
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == ID_EMPTY)
			continue;
		s = slot(&bigger, m->keys[i]);
		bigger.keys[s] = m->keys[i];
		bigger.idx[s] = m->idx[i];
	}
	bigger.n = m->n;
	free(m->keys);
	free(m->idx);
	*m = bigger;
}

uint32_t q_idmap_get(struct q_idmap *m, int32_t key, uint32_t next,
		     bool *added)
{
	size_t s;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = slot(m, key);
	*added = m->keys[s] == ID_EMPTY;
	if (*added) {
		m->keys[s] = key;
		m->idx[s] = next;
		m->n++;
	}
	return m->idx[s];
}

void q_idmap_free(struct q_idmap *m)
{
	free(m->keys);
	free(m->idx);
	*m = (struct q_idmap){ 0 };
}
