// SPDX-License-Identifier: MIT
/*
 * threads.c - the recorder's tid -> thread state table.  Every ptrace stop
 * looks its thread up here, so it is an open-addressing hash table with
 * linear probing (deletion shifts the cluster back instead of leaving
 * tombstones, so lookups stay short however many threads come and go).
 */
#include "rec_int.h"

#include <stdlib.h>

#include "srec_buf.h"

static size_t slot_of(const struct rec *r, pid_t tid)
{
	/* Fibonacci hashing spreads consecutive tids over the table. */
	return (size_t)(((uint64_t)(uint32_t)tid * 0x9e3779b97f4a7c15ull) >>
			32) &
	       (r->tab_cap - 1);
}

struct rec_thread *rec_thread_find(struct rec *r, pid_t tid)
{
	size_t i;

	if (!r->tab_cap)
		return NULL;
	for (i = slot_of(r, tid); r->tab[i]; i = (i + 1) & (r->tab_cap - 1))
		if (r->tab[i]->tid == tid)
			return r->tab[i];
	return NULL;
}

static void insert(struct rec *r, struct rec_thread *t)
{
	size_t i = slot_of(r, t->tid);

	while (r->tab[i])
		i = (i + 1) & (r->tab_cap - 1);
	r->tab[i] = t;
	r->tab_n++;
}

static void grow(struct rec *r)
{
	struct rec_thread **old = r->tab;
	size_t i, old_cap = r->tab_cap;

	r->tab_cap = old_cap ? old_cap * 2 : 64;
	r->tab = srec_xcalloc(r->tab_cap, sizeof(*r->tab));
	r->tab_n = 0;
	for (i = 0; i < old_cap; i++)
		if (old[i])
			insert(r, old[i]);
	free(old);
}

/* Take @t out of the table without freeing it. */
static void unlink_thread(struct rec *r, struct rec_thread *t)
{
	size_t mask = r->tab_cap - 1, i, j, home;

	for (i = slot_of(r, t->tid); r->tab[i] != t; i = (i + 1) & mask)
		;
	r->tab[i] = NULL;
	r->tab_n--;
	/* Move back every later entry of the cluster that its home slot
	 * no longer reaches. */
	for (j = (i + 1) & mask; r->tab[j]; j = (j + 1) & mask) {
		home = slot_of(r, r->tab[j]->tid);
		if (((j - home) & mask) >= ((j - i) & mask)) {
			r->tab[i] = r->tab[j];
			r->tab[j] = NULL;
			i = j;
		}
	}
}

struct rec_thread *rec_thread_add(struct rec *r, pid_t tid, pid_t tgid)
{
	struct rec_thread *t = srec_xcalloc(1, sizeof(*t));

	t->tid = tid;
	t->tgid = tgid;
	if ((r->tab_n + 1) * 2 > r->tab_cap)
		grow(r);
	insert(r, t);
	return t;
}

void rec_thread_del(struct rec *r, struct rec_thread *t)
{
	rec_sched_leave(r, t);
	rec_vm_put(t->vm);
	unlink_thread(r, t);
	rec_exec_free(t->exec);
	free(t->regions);
	free(t->data);
	free(t->stack);
	srec_inject_counts_free(&t->inj_counts);
	free(t->moved);
	free(t);
}

void rec_thread_rename(struct rec *r, struct rec_thread *t, pid_t tid)
{
	unlink_thread(r, t);
	t->tid = tid;
	insert(r, t);
}

void rec_threads_free(struct rec *r)
{
	size_t i;

	for (i = 0; i < r->tab_cap; i++) {
		struct rec_thread *t = r->tab[i];

		if (t) {
			rec_vm_put(t->vm);
			rec_exec_free(t->exec);
			free(t->regions);
			free(t->data);
			free(t->stack);
			srec_inject_counts_free(&t->inj_counts);
			free(t->moved);
			free(t);
		}
	}
	free(r->tab);
	r->tab = NULL;
	r->tab_cap = r->tab_n = 0;
}
