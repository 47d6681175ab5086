// SPDX-License-Identifier: MIT
/*
 * plan.c - the replayer's pre-pass: one read of the whole trace before the
 * program starts, to learn what the event stream alone cannot tell at the
 * moment it is needed: how the root program was started (path, argv, env,
 * cwd) and, for every event, what the same thread does next (a thread
 * that is about to receive a signal must be held at its syscall-exit-stop
 * instead of running on; a thread whose next call is emulated is resumed
 * with PTRACE_SYSEMU, which saves the exit stop), and where the intact
 * part of the trace ends.
 */
#include "rpl_int.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "srec_err.h"

bool rpl_signal_is_fault(int signo, int code)
{
	/* A positive si_code is the kernel's own: these come back by
	 * themselves when the same instruction runs again. */
	switch (signo) {
	case SIGSEGV:
	case SIGBUS:
	case SIGILL:
	case SIGFPE:
	case SIGTRAP:
		return code > 0;
	default:
		return false;
	}
}

/* A small map from recorded tid to the seq of its latest event (+1). */
struct lastmap {
	int32_t *key;
	uint64_t *val;
	size_t cap, n;
};

static uint64_t *last_slot(struct lastmap *m, int32_t tid)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap) {
		struct lastmap g = { NULL, NULL, m->cap ? 2 * m->cap : 64, 0 };

		g.key = srec_xcalloc(g.cap, sizeof(*g.key));
		g.val = srec_xcalloc(g.cap, sizeof(*g.val));
		for (i = 0; i < m->cap; i++)
			if (m->val[i])
				*last_slot(&g, m->key[i]) = m->val[i];
		free(m->key);
		free(m->val);
		*m = g;
	}
	for (i = (uint32_t)tid * 2654435761u % m->cap;; i = (i + 1) % m->cap) {
		if (!m->val[i]) {
			m->key[i] = tid;
			m->n++;
			return &m->val[i];
		}
		if (m->key[i] == tid)
			return &m->val[i];
	}
}

static char **copy_strv(char *const *v, size_t n)
{
	char **out = srec_xcalloc(n + 1, sizeof(*out));
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = srec_xstrdup(v[i]);
	return out;
}

static void free_strv(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static enum rpl_next kind_of(const struct rpl_nrs *nr, const Srec__Event *ev)
{
	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL:
		/* An interrupted call may have to run (replay.c, suspend). */
		if (rpl_how(nr, ev->syscall) == RPL_HOW_EMULATE &&
		    !srec_sys_interrupted(ev->syscall->ret))
			return RPL_NEXT_EMULATED;
		return RPL_NEXT_SYSCALL;
	case SREC__EVENT__KIND_CLONE:
		return RPL_NEXT_CLONE;
	case SREC__EVENT__KIND_EXEC:
		return RPL_NEXT_EXEC;
	case SREC__EVENT__KIND_SIGNAL:
		return rpl_signal_is_fault(ev->signal->signo,
					   ev->signal->code) ?
			       RPL_NEXT_FAULT :
			       RPL_NEXT_INJECT;
	case SREC__EVENT__KIND_EXIT:
		return RPL_NEXT_EXIT;
	default:
		return RPL_NEXT_NONE;
	}
}

/* The string region of argument @arg at @addr, or NULL. */
static const Srec__Mem *str_at(const Srec__Syscall *sc, unsigned arg,
			       uint64_t addr)
{
	size_t i;

	for (i = 0; i < sc->n_mem; i++) {
		const Srec__Mem *m = sc->mem[i];

		if (m->dir == SREC__DIR__IN && m->arg == arg && m->str &&
		    m->addr == addr)
			return m;
	}
	return NULL;
}

/*
 * The argv or envp (argument @arg) the first execve passed, from its
 * pointer array and strings; NULL if the trace does not hold them whole.
 * (The Exec event shows what the program saw instead, which for a script
 * starts with its interpreter.)
 */
static char **execve_strv(const Srec__Syscall *sc, unsigned arg)
{
	const Srec__Mem *arr = NULL;
	char **out;
	size_t i, n;

	for (i = 0; i < sc->n_mem && arg < sc->n_args; i++)
		if (sc->mem[i]->dir == SREC__DIR__IN &&
		    sc->mem[i]->arg == arg && !sc->mem[i]->str &&
		    sc->mem[i]->addr == sc->args[arg])
			arr = sc->mem[i];
	if (!arr || arr->fault || arr->data.len != arr->len ||
	    arr->len % sizeof(uint64_t))
		return NULL;
	n = arr->len / sizeof(uint64_t);
	out = srec_xcalloc(n + 1, sizeof(*out));
	for (i = 0; i < n; i++) {
		const Srec__Mem *m;
		uint64_t p;

		memcpy(&p, arr->data.data + i * sizeof(p), sizeof(p));
		if (!p)
			break;
		m = str_at(sc, arg, p);
		if (!m || m->data.len != m->len) {
			free_strv(out);
			return NULL;
		}
		out[i] = strndup((const char *)m->data.data, m->data.len);
	}
	return out;
}

/* The first execve's path, argv and envp, as the program passed them. */
static void note_execve(struct rpl_plan *p, const Srec__Syscall *sc)
{
	const Srec__Mem *m = sc->n_args ? str_at(sc, 0, sc->args[0]) : NULL;

	free(p->path);
	free_strv(p->argv);
	free_strv(p->env);
	p->path = NULL;
	if (m)
		p->path = strndup((const char *)m->data.data, m->data.len);
	p->argv = execve_strv(sc, 1);
	p->env = execve_strv(sc, 2);
}

static void note_first_exec(struct rpl_plan *p, const Srec__Event *ev,
			    const Srec__TraceHeader *hdr)
{
	const Srec__Exec *x = ev->exec;

	if (!p->argv)
		p->argv = copy_strv(x->argv, x->n_argv);
	if (!p->env)
		p->env = copy_strv(x->env, x->n_env);
	if (x->cwd && *x->cwd)
		p->cwd = srec_xstrdup(x->cwd);
	else
		p->cwd = srec_xstrdup(hdr->cwd ? hdr->cwd : "/");
	if (!p->path && x->exe)
		p->path = srec_xstrdup(x->exe);
	p->root_tid = ev->tid;
}

int rpl_plan_build(const char *path, const struct rpl_nrs *nr,
		   struct rpl_plan *p)
{
	struct srec_fmt_reader *rd = NULL;
	struct lastmap last = { 0 };
	/* Per tid: (signal << 1) | 1 of its latest syscall's injected
	 * signal= (0 for none), never 0 itself, as the map wants. */
	struct lastmap injsig = { 0 };
	const Srec__TraceHeader *hdr;
	const struct srec_sys_entry *ex = srec_sys_find("execve");
	const Srec__Event *ev;
	uint64_t execve_seq = UINT64_MAX;
	size_t cap = 0;
	int ret;

	memset(p, 0, sizeof(*p));
	ret = srec_fmt_reader_open(path, &rd);
	if (ret)
		return ret;
	hdr = srec_fmt_reader_header(rd);
	while ((ret = srec_fmt_reader_next(rd, &ev)) == 1) {
		enum rpl_next k = kind_of(nr, ev);
		uint64_t *slot;

		if (ev->seq >= cap) {
			size_t ncap = cap ? 2 * cap : 4096;

			while (ncap <= ev->seq)
				ncap *= 2;
			p->next = srec_xrealloc(p->next, ncap);
			p->next_sig = srec_xrealloc(p->next_sig, ncap);
			memset(p->next + cap, 0, ncap - cap);
			memset(p->next_sig + cap, 0, ncap - cap);
			cap = ncap;
		}
		p->n_events = ev->seq + 1;
		if (!p->cwd && ev->kind_case == SREC__EVENT__KIND_SYSCALL &&
		    ex && ev->syscall->nr == ex->nr && !ev->syscall->ret)
			note_execve(p, ev->syscall);
		if (!p->cwd && ev->kind_case == SREC__EVENT__KIND_EXEC)
			note_first_exec(p, ev, hdr);
		/* Rule 4: an Exec follows its execve's Syscall event. */
		if (ev->kind_case == SREC__EVENT__KIND_EXEC &&
		    execve_seq + 1 == ev->seq)
			rpl_images_note(p, execve_seq, ev->exec);
		if (ev->kind_case == SREC__EVENT__KIND_SYSCALL && ex &&
		    ev->syscall->nr == ex->nr && !ev->syscall->ret)
			execve_seq = ev->seq;
		if (k == RPL_NEXT_NONE)
			continue;
		slot = last_slot(&injsig, ev->tid);
		if (k == RPL_NEXT_FAULT &&
		    *slot == ((uint64_t)ev->signal->signo << 1 | 1))
			k = RPL_NEXT_INJECT; /* record -e inject= sent it */
		*slot = 1;
		if (ev->kind_case == SREC__EVENT__KIND_SYSCALL &&
		    ev->syscall->injected && ev->syscall->injected->has_signal)
			*slot = (uint64_t)ev->syscall->injected->signal << 1 | 1;
		slot = last_slot(&last, ev->tid);
		if (*slot)
			p->next[*slot - 1] = (uint8_t)k;
		if (*slot && k == RPL_NEXT_INJECT)
			p->next_sig[*slot - 1] = (uint8_t)ev->signal->signo;
		*slot = ev->seq + 1;
		if (k == RPL_NEXT_EXEC && ev->exec->former_tid &&
		    ev->exec->former_tid != ev->tid) {
			slot = last_slot(&last, ev->exec->former_tid);
			if (*slot)
				p->next[*slot - 1] = (uint8_t)k;
		}
	}
	if (ret == SREC_EDAMAGED || (ret == 0 && !srec_fmt_reader_complete(rd)))
		p->damaged = true;
	else if (ret < 0)
		goto out;
	ret = 0;
	if (!p->argv || !p->path) {
		/* A trace recorded with -p has no start to replay from; a
		 * damaged one may have lost it: then say what was lost. */
		const char *d = srec_fmt_reader_describe_damage(rd);

		ret = -ENOEXEC;
		if (p->damaged) {
			srec_error("%s: %s", path, *d ? d : "the trace is cut "
				   "short before the program's start");
			ret = SREC_EDAMAGED;
		}
	}
out:
	free(last.key);
	free(last.val);
	free(injsig.key);
	free(injsig.val);
	srec_fmt_reader_close(rd);
	if (ret)
		rpl_plan_free(p);
	return ret;
}

void rpl_plan_free(struct rpl_plan *p)
{
	free(p->next);
	free(p->next_sig);
	free(p->path);
	free_strv(p->argv);
	free_strv(p->env);
	free(p->cwd);
	rpl_images_free(p);
	memset(p, 0, sizeof(*p));
}
