// SPDX-License-Identifier: MIT
/*
 * sched.c - one thread at a time in each address space, so that the
 * recorded order of events is also the order of everything the threads
 * did in user space (schemas/EVENTS.md rule 12).
 *
 * Replay runs one thread at a time: after a thread's event it runs alone
 * until its next syscall.  Two threads that really ran side by side at
 * record time (a lock taken in user space, a futex word, Python's GIL)
 * would then meet their shared memory in another state than they did,
 * and the replay diverges at the next futex.  rr serialises recording for
 * the same reason; without performance counters srec can only switch
 * threads at syscalls, which is exactly where replay switches.
 *
 * Each address space (a process, or threads sharing their memory through
 * CLONE_VM) has a token.  A thread holds it while it runs user code: from
 * the moment srec lets it return from a syscall (or start, or run a
 * signal handler) until its next syscall entry.  A thread that wants to
 * return to user space while another holds the token waits, stopped, and
 * its event is written only when it gets the token, so the trace lists
 * user-space segments in the order they ran.  A thread's first syscall is
 * made with the token still held (replay runs a new thread's start and
 * its first call in one go).  Processes that share no memory keep their
 * own tokens and run side by side; but a process that has mapped shared
 * writable memory (MAP_SHARED, shmat) passes its token to the processes
 * it forks from then on, which inherit that memory: their user code
 * meets there too (semaphores in shared memory, Python's
 * multiprocessing).
 *
 * A holder that keeps the token for more than SLICE_MS while others wait
 * (a spin loop, or a first call that blocks) loses it to the next waiter:
 * the recording then goes on in parallel rather than hang, and only that
 * stretch is not ordered.
 */
#include "rec_int.h"

#include <stdlib.h>

#include "srec_tick.h"

#define SLICE_MS 20

struct rec_vm {
	struct rec_thread *holder;
	uint64_t since;                  /* trace time the holder got it */
	struct rec_thread *first, *last; /* waiters, in arrival order */
	unsigned refs;
	bool shared_writable;            /* maps memory a fork would share */
	struct rec_vm *next, **pprev;    /* r->vms */
};

struct rec_vm *rec_vm_new(struct rec *r)
{
	struct rec_vm *vm = srec_xcalloc(1, sizeof(*vm));

	vm->refs = 1;
	vm->next = r->vms;
	if (r->vms)
		r->vms->pprev = &vm->next;
	vm->pprev = &r->vms;
	r->vms = vm;
	return vm;
}

void rec_vm_note_shared(struct rec_vm *vm)
{
	if (vm)
		vm->shared_writable = true;
}

bool rec_vm_alone(const struct rec_vm *vm)
{
	return vm && vm->refs == 1 && !vm->shared_writable;
}

struct rec_vm *rec_vm_for_child(struct rec *r, struct rec_vm *vm,
				bool clone_vm)
{
	if (!vm)
		return NULL;
	return clone_vm || vm->shared_writable ? rec_vm_get(vm) :
						 rec_vm_new(r);
}

struct rec_vm *rec_vm_get(struct rec_vm *vm)
{
	vm->refs++;
	return vm;
}

void rec_vm_put(struct rec_vm *vm)
{
	if (!vm || --vm->refs)
		return;
	*vm->pprev = vm->next;
	if (vm->next)
		vm->next->pprev = vm->pprev;
	free(vm);
}

/* Arm the slice timer while anybody waits: its SIGALRM (srec_tick.h)
 * breaks srec's waitpid so that rec_sched_tick() gets to run. */
static void set_timer(struct rec *r, bool on)
{
	if (r->timer_on == on)
		return;
	srec_ticker_arm(on ? SLICE_MS : 0);
	r->timer_on = on;
}

static void grant(struct rec *r, struct rec_vm *vm, struct rec_thread *t)
{
	vm->holder = t;
	vm->since = rec_now(r);
	rec_continue(r, t);
}

/* Hand the free token of @vm to its first waiter, if any. */
static void pass_on(struct rec *r, struct rec_vm *vm)
{
	struct rec_thread *t = vm->first;

	if (vm->holder || !t)
		return;
	vm->first = t->next_waiter;
	if (!vm->first)
		vm->last = NULL;
	t->next_waiter = NULL;
	t->flags &= ~T_WAITING;
	r->n_waiting--;
	if (!r->n_waiting)
		set_timer(r, false);
	grant(r, vm, t);
}

void rec_sched_run(struct rec *r, struct rec_thread *t)
{
	struct rec_vm *vm = t->vm;

	if (!vm || !vm->holder || vm->holder == t) {
		if (vm) {
			vm->holder = t;
			vm->since = rec_now(r);
		}
		rec_continue(r, t);
		return;
	}
	t->flags |= T_WAITING;
	t->next_waiter = NULL;
	if (vm->last)
		vm->last->next_waiter = t;
	else
		vm->first = t;
	vm->last = t;
	r->n_waiting++;
	set_timer(r, true);
}

void rec_sched_leave(struct rec *r, struct rec_thread *t)
{
	struct rec_vm *vm = t->vm;

	if (!vm)
		return;
	if (t->flags & T_WAITING) {
		/* Killed while waiting: take it out of the line. */
		struct rec_thread **pp = &vm->first, *prev = NULL;

		while (*pp && *pp != t) {
			prev = *pp;
			pp = &(*pp)->next_waiter;
		}
		if (*pp) {
			*pp = t->next_waiter;
			if (vm->last == t)
				vm->last = prev;
			r->n_waiting--;
			if (!r->n_waiting)
				set_timer(r, false);
		}
		t->flags &= ~T_WAITING;
		t->next_waiter = NULL;
	}
	if (vm->holder == t) {
		vm->holder = NULL;
		pass_on(r, vm);
	}
}

void rec_sched_move(struct rec *r, struct rec_thread *t, struct rec_vm *vm)
{
	rec_sched_leave(r, t);
	rec_vm_put(t->vm);
	t->vm = vm;
}

void rec_sched_tick(struct rec *r)
{
	uint64_t now = rec_now(r);
	struct rec_vm *vm;

	for (vm = r->vms; vm; vm = vm->next)
		if (vm->holder && vm->first &&
		    now - vm->since >= SLICE_MS * 1000000ull) {
			vm->holder = NULL;
			pass_on(r, vm);
		}
}

void rec_sched_end(struct rec *r)
{
	set_timer(r, false);
}
