// SPDX-License-Identifier: MIT
/*
 * diff.c - `srec diff`: where two recorded runs part.
 *
 * Each run becomes, per thread, a sequence of keys: one per syscall,
 * signal and exit, hashing what should be the same when the program does
 * the same thing (syscall number, arguments that are not addresses or
 * pids, the bytes the call gave the kernel, the result unless it is an
 * address, a pid or a time).  Processes of the two runs are paired as a
 * tree: the roots, then each pair's children by equal exec argv, then by
 * creation order; threads by creation order.  Paired sequences are
 * aligned with Myers' greedy algorithm: from each mismatch, the fewest
 * insertions and deletions after which a few calls match again (within a
 * window, so two runs that never meet again cost bounded time).  The
 * earliest such differences are shown with context, decoded as dump
 * prints them, then what changed overall: syscall counts and the files
 * only one run touched.  futex calls are counted but not aligned, and
 * signals are aligned only when the thread caused them (faults, traps):
 * the others follow timing, not the program.
 */
#include "q_int.h"
#include "srec_err.h"
#include "srec_fmt.h"
#include "srec_hash.h"
#include "srec_sys.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_CONTEXT 3
#define DEFAULT_WINDOW 1000
#define SYNC_RUN 3          /* matching calls that end a difference */
#define SHOWN_PER_SIDE 8    /* differing calls shown per run */
#define SHOWN_AFTER 2       /* matching calls shown after the difference */
#define SHOWN_HUNKS 3       /* differences shown, earliest first */
#define SHOWN_COUNTS 20     /* count changes listed */
#define SHOWN_FILES 20      /* files listed per run */
#define CLONE_THREAD_FLAG 0x00010000u

/* ---- One run ------------------------------------------------------------ */

struct call {
	uint64_t key;
	uint64_t seq;
};

struct dthread {
	int32_t tid;
	struct call *calls;
	size_t n, cap;
};

/* Stands for the thread a process of the other run does not have. */
static const struct dthread no_thread;

struct dproc {
	int32_t pid;
	int64_t parent;   /* index into procs, -1 for a root */
	char *argv;       /* argv of each exec, " ; " between; NULL: none */
	size_t *threads;  /* indexes into side.threads, creation order */
	size_t n_threads;
	size_t *kids;     /* indexes into procs, creation order */
	size_t n_kids;
	int64_t pair;     /* index of its partner in the other run, or -1 */
};

/* A set of strings (the paths a run touched). */
struct strset {
	char **keys;
	size_t cap, n;
};

struct side {
	const char *file;
	struct srec_fmt_reader *r;
	struct dproc *procs;
	size_t n_procs;
	struct dthread *threads;
	size_t n_threads;
	struct q_idmap pids, tids;
	uint64_t *counts; /* [n_counts] syscalls per number */
	size_t n_counts;
	uint64_t syscalls;
	struct strset paths;
	int64_t futex_nr; /* not aligned: see add_event(); -1 if unknown */
};

static uint64_t str_hash(const char *s, size_t n)
{
	return srec_hash64(s, n, 0);
}

static size_t strset_slot(const struct strset *s, const char *p, size_t n)
{
	size_t i = str_hash(p, n) & (s->cap - 1);

	while (s->keys[i] && (strncmp(s->keys[i], p, n) || s->keys[i][n]))
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void strset_add(struct strset *s, const char *p, size_t n)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		struct strset bigger = { .cap = s->cap ? 2 * s->cap : 64 };

		bigger.keys = srec_xcalloc(bigger.cap, sizeof(char *));
		for (i = 0; i < s->cap; i++)
			if (s->keys[i])
				bigger.keys[strset_slot(&bigger, s->keys[i],
							strlen(s->keys[i]))] =
					s->keys[i];
		bigger.n = s->n;
		free(s->keys);
		*s = bigger;
	}
	i = strset_slot(s, p, n);
	if (s->keys[i])
		return;
	s->keys[i] = strndup(p, n) ?: srec_xalloc_check(NULL);
	s->n++;
}

static bool strset_has(const struct strset *s, const char *p)
{
	return s->cap && s->keys[strset_slot(s, p, strlen(p))];
}

static void strset_free(struct strset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->keys[i]);
	free(s->keys);
}

static size_t get_proc(struct side *s, int32_t pid, int64_t parent)
{
	bool added;
	size_t i = q_idmap_get(&s->pids, pid, (uint32_t)s->n_procs, &added);

	if (!added)
		return i;
	s->procs = srec_xrealloc(s->procs, (s->n_procs + 1) *
					   sizeof(*s->procs));
	s->procs[i] = (struct dproc){ .pid = pid, .parent = parent,
				      .pair = -1 };
	s->n_procs++;
	if (parent >= 0) {
		struct dproc *p = &s->procs[parent];

		p->kids = srec_xrealloc(p->kids, (p->n_kids + 1) *
						 sizeof(*p->kids));
		p->kids[p->n_kids++] = i;
	}
	return i;
}

static struct dthread *get_thread(struct side *s, int32_t tid, size_t proc)
{
	bool added;
	size_t i = q_idmap_get(&s->tids, tid, (uint32_t)s->n_threads, &added);
	struct dproc *p = &s->procs[proc];

	if (!added)
		return &s->threads[i];
	s->threads = srec_xrealloc(s->threads, (s->n_threads + 1) *
					       sizeof(*s->threads));
	s->threads[i] = (struct dthread){ .tid = tid };
	s->n_threads++;
	p->threads = srec_xrealloc(p->threads, (p->n_threads + 1) *
					       sizeof(*p->threads));
	p->threads[p->n_threads++] = i;
	return &s->threads[i];
}

static void push_call(struct dthread *t, uint64_t key, uint64_t seq)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->calls = srec_xrealloc(t->calls, t->cap * sizeof(*t->calls));
	}
	t->calls[t->n++] = (struct call){ key, seq };
}

/* ---- Keys --------------------------------------------------------------- */

/* Whether a region is an array of pointers (iovec, msghdr, argv), whose
 * addresses say nothing about what the program asked. */
static bool holds_pointers(const struct srec_sys_entry *e,
			   const Srec__Syscall *sc, const Srec__Mem *m)
{
	static const uint8_t kinds[] = {
		SREC_ARG_STRARRAY, SREC_ARG_IN_IOV, SREC_ARG_OUT_IOV,
		SREC_ARG_IN_MSGHDR, SREC_ARG_OUT_MSGHDR, SREC_ARG_IN_MMSGHDR,
		SREC_ARG_OUT_MMSGHDR,
	};
	size_t i;

	if (m->arg >= 6 || m->arg >= sc->n_args || m->addr != sc->args[m->arg])
		return false;
	for (i = 0; i < sizeof(kinds); i++)
		if (e->args[m->arg].kind == kinds[i])
			return true;
	return false;
}

/* The environment (execve's envp): the second string array of a call. */
static bool is_environment(const struct srec_sys_entry *e, unsigned arg)
{
	unsigned i, arrays = 0;

	for (i = 0; i <= arg && i < 6; i++)
		arrays += e->args[i].kind == SREC_ARG_STRARRAY;
	return e->args[arg].kind == SREC_ARG_STRARRAY && arrays == 2;
}

static bool ret_is_incidental(const struct srec_sys_entry *e)
{
	return e->ret_kind == SREC_ARG_PTR || e->ret_kind == SREC_ARG_HEX ||
	       e->ret_kind == SREC_ARG_PID || (e->classes & SREC_SC_CLOCK);
}

static uint64_t syscall_key(const Srec__Syscall *sc)
{
	const struct srec_sys_entry *e = srec_sys_get(sc->nr);
	uint64_t v[9] = { sc->nr };
	unsigned nargs = e ? e->nargs : (unsigned)sc->n_args, i, n = 1;
	bool returned = sc->has_ret && !sc->no_return;
	uint64_t h;

	for (i = 0; i < nargs && i < 6; i++) {
		uint64_t a = i < sc->n_args ? sc->args[i] : 0;

		if (e && srec_sys_arg_is_pointer(e, i))
			a = a != 0;
		else if (e && e->args[i].kind == SREC_ARG_PID)
			a = (int64_t)a <= 0 ? a : 1; /* keep -1, 0: any */
		v[n++] = a;
	}
	if (!returned)
		v[n++] = UINT64_MAX;
	else if (e && ret_is_incidental(e))
		v[n++] = srec_sys_failed(sc->ret) ? (uint64_t)sc->ret : 0;
	else
		v[n++] = (uint64_t)sc->ret;
	h = srec_hash64(v, n * sizeof(*v), 0);
	for (i = 0; i < sc->n_mem; i++) {
		const Srec__Mem *m = sc->mem[i];

		if (m->dir != SREC__DIR__IN)
			continue;
		if (e && (holds_pointers(e, sc, m) ||
			  (m->arg < 6 && is_environment(e, m->arg))))
			continue;
		h = srec_hash64(&m->arg, sizeof(m->arg), h);
		/* An empty field may have no buffer at all. */
		if (m->has_data && m->data.len)
			h = srec_hash64(m->data.data, m->data.len, h);
		if (m->has_blob && m->blob.len)
			h = srec_hash64(m->blob.data, m->blob.len, h);
	}
	return h;
}

static uint64_t event_key(const Srec__Event *ev)
{
	int64_t v[3] = { -1 };

	if (ev->kind_case == SREC__EVENT__KIND_SYSCALL)
		return syscall_key(ev->syscall);
	if (ev->kind_case == SREC__EVENT__KIND_SIGNAL) {
		v[1] = ev->signal->signo;
	} else {
		v[0] = -2;
		v[1] = ev->exit->code;
		v[2] = ev->exit->signal;
	}
	return srec_hash64(v, sizeof(v), 0);
}

/* ---- Reading a run ------------------------------------------------------ */

static void count_syscall(struct side *s, const Srec__Syscall *sc)
{
	const char *path;
	size_t len;

	if (sc->nr >= s->n_counts) {
		size_t n = sc->nr + 64;

		s->counts = srec_xrealloc(s->counts, n * sizeof(*s->counts));
		memset(s->counts + s->n_counts, 0,
		       (n - s->n_counts) * sizeof(*s->counts));
		s->n_counts = n;
	}
	s->counts[sc->nr]++;
	s->syscalls++;
	path = srec_sys_path_arg(sc, &len);
	if (path && len)
		strset_add(&s->paths, path, len);
}

/*
 * Whether a signal comes from what the thread itself did (a fault, a
 * trap), so it arrives at the same point of every run.  Others (SIGCHLD,
 * a timer, kill from elsewhere) land wherever the scheduler puts them:
 * aligning them would report timing, not behaviour.
 */
static bool is_synchronous(const Srec__Signal *sig)
{
	static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
				      SIGTRAP, SIGSYS };
	size_t i;

	/* si_code > 0: sent by the kernel for a reason (SI_KERNEL too). */
	if (sig->code <= 0)
		return false;
	for (i = 0; i < sizeof(faults) / sizeof(*faults); i++)
		if (sig->signo == faults[i])
			return true;
	return false;
}

static void add_exec_argv(struct dproc *p, const Srec__Exec *x)
{
	struct srec_buf b = SREC_BUF_INIT;
	size_t i;

	if (p->argv) {
		srec_buf_adds(&b, p->argv);
		srec_buf_adds(&b, " ; ");
	}
	for (i = 0; i < x->n_argv; i++) {
		if (i)
			srec_buf_addc(&b, ' ');
		q_shell_quote(&b, x->argv[i]);
	}
	free(p->argv);
	p->argv = b.data ? srec_buf_detach(&b) : srec_xstrdup("");
}

static void add_event(struct side *s, const Srec__Event *ev)
{
	size_t proc = get_proc(s, ev->pid, -1);
	struct dthread *t = get_thread(s, ev->tid, proc);
	const Srec__Clone *c;

	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL:
		count_syscall(s, ev->syscall);
		/* Whether a thread waits on a futex, and how often, follows
		 * the scheduler, not the program: comparing them would
		 * report every run of a threaded program as different. */
		if ((int64_t)ev->syscall->nr != s->futex_nr)
			push_call(t, event_key(ev), ev->seq);
		break;
	case SREC__EVENT__KIND_SIGNAL:
		if (is_synchronous(ev->signal))
			push_call(t, event_key(ev), ev->seq);
		break;
	case SREC__EVENT__KIND_EXIT:
		push_call(t, event_key(ev), ev->seq);
		break;
	case SREC__EVENT__KIND_EXEC:
		add_exec_argv(&s->procs[proc], ev->exec);
		break;
	case SREC__EVENT__KIND_CLONE:
		c = ev->clone;
		if (c->flags & CLONE_THREAD_FLAG) {
			get_thread(s, c->child_tid, proc);
		} else {
			size_t kid = get_proc(s, c->child_pid ?: c->child_tid,
					      (int64_t)proc);

			get_thread(s, c->child_tid ?: c->child_pid, kid);
		}
		break;
	default:
		break;
	}
}

static int read_side(struct side *s, const char *file, char **damage)
{
	const struct srec_sys_entry *futex = srec_sys_find("futex");
	struct srec_buf what = SREC_BUF_INIT;
	const Srec__Event *ev;
	bool damaged = false;
	uint64_t events = 0;
	int rc;

	s->file = file;
	s->futex_nr = futex ? futex->nr : -1;
	rc = srec_fmt_reader_open(file, &s->r);
	if (rc)
		return rc;
	while ((rc = srec_fmt_reader_next(s->r, &ev)) != 0) {
		if (rc == SREC_EDAMAGED) {
			damaged = true;
			continue;
		}
		if (rc < 0) {
			srec_buf_addf(&what, "read error after %" PRIu64
				      " events: %s", events, srec_strerror(rc));
			break;
		}
		add_event(s, ev);
		events++;
	}
	if (!what.len && (damaged || !srec_fmt_reader_complete(s->r))) {
		const char *d = srec_fmt_reader_describe_damage(s->r);

		srec_buf_adds(&what, d && *d ? d : "trace is incomplete (no "
			      "index: was the writer killed?)");
	}
	*damage = what.len ? srec_buf_detach(&what) : NULL;
	return 0;
}

static void free_side(struct side *s)
{
	size_t i;

	for (i = 0; i < s->n_procs; i++) {
		free(s->procs[i].argv);
		free(s->procs[i].threads);
		free(s->procs[i].kids);
	}
	for (i = 0; i < s->n_threads; i++)
		free(s->threads[i].calls);
	free(s->procs);
	free(s->threads);
	free(s->counts);
	q_idmap_free(&s->pids);
	q_idmap_free(&s->tids);
	strset_free(&s->paths);
	srec_fmt_reader_close(s->r);
}

/* ---- Pairing processes -------------------------------------------------- */

static bool same_argv(const struct dproc *a, const struct dproc *b)
{
	if (!a->argv || !b->argv)
		return !a->argv && !b->argv;
	return !strcmp(a->argv, b->argv);
}

static void pair_procs(struct side *a, const size_t *ka, size_t na,
		       struct side *b, const size_t *kb, size_t nb)
{
	size_t i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (b->procs[kb[j]].pair < 0 &&
			    a->procs[ka[i]].pair < 0 &&
			    same_argv(&a->procs[ka[i]], &b->procs[kb[j]])) {
				a->procs[ka[i]].pair = (int64_t)kb[j];
				b->procs[kb[j]].pair = (int64_t)ka[i];
			}
	/* What is left pairs in creation order: a changed argv is a
	 * difference to show, not a reason to compare nothing. */
	for (i = 0, j = 0; i < na; i++) {
		if (a->procs[ka[i]].pair >= 0)
			continue;
		while (j < nb && b->procs[kb[j]].pair >= 0)
			j++;
		if (j == nb)
			break;
		a->procs[ka[i]].pair = (int64_t)kb[j];
		b->procs[kb[j]].pair = (int64_t)ka[i];
	}
	for (i = 0; i < na; i++) {
		const struct dproc *pa = &a->procs[ka[i]], *pb;

		if (pa->pair < 0)
			continue;
		pb = &b->procs[pa->pair];
		pair_procs(a, pa->kids, pa->n_kids, b, pb->kids, pb->n_kids);
	}
}

static size_t *roots(const struct side *s, size_t *n)
{
	size_t *r = srec_xcalloc(s->n_procs, sizeof(*r)), i;

	*n = 0;
	for (i = 0; i < s->n_procs; i++)
		if (s->procs[i].parent < 0)
			r[(*n)++] = i;
	return r;
}

/* ---- Aligning calls ----------------------------------------------------- */

/* A place where paired threads differ: calls a[a0..a1) of A stand where
 * B has b[b0..b1). */
struct hunk {
	size_t proc_a, proc_b;   /* indexes into the runs' procs */
	size_t thread;           /* index among the processes' threads */
	size_t a0, a1, b0, b1;
	bool rest;               /* the threads never met again */
	uint64_t where;          /* A's seq there, to find the earliest */
};

struct diff {
	struct side a, b;
	const struct srec_q_diff_opts *o;
	struct hunk shown[SHOWN_HUNKS]; /* the earliest, in order */
	size_t n_shown;
	uint64_t hunks;
	uint64_t pairs_differ;
	uint64_t compared;
};

/*
 * From a mismatch at a[i], b[j]: the nearest point (*x, *y), in edits,
 * from which SYNC_RUN calls match or both threads end together (Myers'
 * greedy search over furthest-reaching paths), at most @window calls
 * ahead on either side.  @return: false when there is none.
 */
static bool resync(const struct call *a, size_t na, const struct call *b,
		   size_t nb, size_t i, size_t j, size_t window, size_t *xo,
		   size_t *yo)
{
	long n = (long)(na - i < window ? na - i : window);
	long m = (long)(nb - j < window ? nb - j : window);
	long max = n + m, d, k, x, y, x0, off = max + 1;
	long *v = srec_xmalloc((size_t)(2 * max + 3) * sizeof(*v));
	bool found = false;

	for (k = 0; k < 2 * max + 3; k++)
		v[k] = -1;
	for (d = 0; d <= max && !found; d++) {
		for (k = -d; k <= d && !found; k += 2) {
			long down = k + 1 <= d - 1 ? v[off + k + 1] : -1;
			long right = k - 1 >= -(d - 1) ? v[off + k - 1] : -1;

			if (d == 0)
				x = 0;
			else if (down < 0 && right < 0)
				continue;
			else
				x = down > right + 1 ? down : right + 1;
			y = x - k;
			if (x > n || y > m || y < 0) {
				v[off + k] = -1;
				continue;
			}
			x0 = x;
			while (x < n && y < m &&
			       a[i + (size_t)x].key == b[j + (size_t)y].key) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x - x0 >= SYNC_RUN || (x > x0 &&
			    i + (size_t)x == na && j + (size_t)y == nb) ||
			    (i + (size_t)x0 == na && j + (size_t)(x0 - k) ==
			     nb)) {
				*xo = i + (size_t)x0;
				*yo = j + (size_t)(x0 - k);
				found = true;
			}
		}
	}
	free(v);
	return found;
}

/* Keep @h if it is among the SHOWN_HUNKS earliest differences. */
static void note_hunk(struct diff *df, const struct hunk *h)
{
	size_t i;

	df->hunks++;
	for (i = df->n_shown; i > 0 && df->shown[i - 1].where > h->where; i--)
		;
	if (i == SHOWN_HUNKS)
		return;
	if (df->n_shown < SHOWN_HUNKS)
		df->n_shown++;
	memmove(&df->shown[i + 1], &df->shown[i],
		(df->n_shown - 1 - i) * sizeof(*h));
	df->shown[i] = *h;
}

static void diff_threads(struct diff *df, size_t pa, size_t pb, size_t t,
			 const struct dthread *ta, const struct dthread *tb)
{
	size_t i = 0, j = 0, x, y, window = df->o->window;
	uint64_t before = df->hunks;

	df->compared += ta->n;
	while (i < ta->n || j < tb->n) {
		struct hunk h = { pa, pb, t, i, ta->n, j, tb->n, true, 0 };

		while (i < ta->n && j < tb->n &&
		       ta->calls[i].key == tb->calls[j].key) {
			i++;
			j++;
		}
		if (i == ta->n && j == tb->n)
			break;
		h.a0 = i;
		h.b0 = j;
		if (i < ta->n && j < tb->n &&
		    resync(ta->calls, ta->n, tb->calls, tb->n, i, j, window,
			   &x, &y)) {
			h.a1 = x;
			h.b1 = y;
			h.rest = false;
		}
		/* Where in A it happens; B's seq when A lacks the thread. */
		if (i < ta->n)
			h.where = ta->calls[i].seq;
		else if (ta->n)
			h.where = ta->calls[ta->n - 1].seq + 1;
		else
			h.where = tb->calls[j].seq;
		note_hunk(df, &h);
		if (h.rest)
			break;
		i = h.a1;
		j = h.b1;
	}
	if (df->hunks != before)
		df->pairs_differ++;
}

static void diff_all(struct diff *df)
{
	struct side *a = &df->a, *b = &df->b;
	size_t i, t;

	for (i = 0; i < a->n_procs; i++) {
		const struct dproc *pa = &a->procs[i], *pb;
		size_t nt;

		if (pa->pair < 0)
			continue;
		pb = &b->procs[pa->pair];
		nt = pa->n_threads > pb->n_threads ? pa->n_threads :
						     pb->n_threads;
		/* A thread only one run has differs in all its calls. */
		for (t = 0; t < nt; t++)
			diff_threads(df, i, (size_t)pa->pair, t,
				     t < pa->n_threads ?
					     &a->threads[pa->threads[t]] :
					     &no_thread,
				     t < pb->n_threads ?
					     &b->threads[pb->threads[t]] :
					     &no_thread);
	}
}

/* ---- Report ------------------------------------------------------------- */

static void decoded(struct side *s, uint64_t seq, unsigned max_str,
		    struct srec_buf *line)
{
	struct srec_sys_fmt_opts o = { .max_str = max_str };
	const Srec__Event *ev;

	if (srec_fmt_reader_seek(s->r, seq) ||
	    srec_fmt_reader_next(s->r, &ev) != 1 || ev->seq != seq ||
	    !srec_sys_format_event(ev, &o, line))
		srec_buf_addf(line, "(event #%" PRIu64 " not readable)", seq);
}

static void show_call(struct diff *df, FILE *out, char mark,
		      const struct call *ca, const struct call *cb)
{
	struct srec_buf la = SREC_BUF_INIT, lb = SREC_BUF_INIT;
	char sa[24] = "", sb[24] = "";

	if (ca) {
		snprintf(sa, sizeof(sa), "#%" PRIu64, ca->seq);
		decoded(&df->a, ca->seq, df->o->max_str, &la);
	}
	if (cb) {
		snprintf(sb, sizeof(sb), "#%" PRIu64, cb->seq);
		decoded(&df->b, cb->seq, df->o->max_str, &lb);
	}
	/* Calls that match may still print differently (what the kernel
	 * wrote, pointers): then each run shows its own. */
	if (ca && cb && strcmp(srec_buf_str(&la), srec_buf_str(&lb))) {
		fprintf(out, "%c %-9s %-9s %s\n", mark, sa, "",
			srec_buf_str(&la));
		fprintf(out, "%c %-9s %-9s %s\n", mark, "", sb,
			srec_buf_str(&lb));
	} else {
		fprintf(out, "%c %-9s %-9s %s\n", mark, sa, sb,
			srec_buf_str(ca ? &la : &lb));
	}
	srec_buf_free(&la);
	srec_buf_free(&lb);
}

static void show_side(struct diff *df, FILE *out, char mark,
		      const struct dthread *t, size_t from, size_t to)
{
	size_t k;

	for (k = from; k < to && k < from + SHOWN_PER_SIDE; k++)
		show_call(df, out, mark, mark == '-' ? &t->calls[k] : NULL,
			  mark == '+' ? &t->calls[k] : NULL);
	if (to - from > SHOWN_PER_SIDE)
		fprintf(out, "%c ... %zu more\n", mark,
			to - from - SHOWN_PER_SIDE);
}

static const struct dthread *thread_of(const struct side *s, size_t proc,
				       size_t t)
{
	const struct dproc *p = &s->procs[proc];

	return t < p->n_threads ? &s->threads[p->threads[t]] : &no_thread;
}

static void show_hunk(struct diff *df, const struct hunk *h, bool first,
		      FILE *out)
{
	const struct dproc *pa = &df->a.procs[h->proc_a];
	const struct dproc *pb = &df->b.procs[h->proc_b];
	const struct dthread *ta = thread_of(&df->a, h->proc_a, h->thread);
	const struct dthread *tb = thread_of(&df->b, h->proc_b, h->thread);
	size_t k, ctx = df->o->context;

	fprintf(out, "%s in process %d of A and %d of B", first ?
		"The runs part" : "\nThen", pa->pid, pb->pid);
	if (pa->argv)
		fprintf(out, " (%s)", pa->argv);
	if (h->thread)
		fprintf(out, ", thread %d / %d", ta->tid, tb->tid);
	fprintf(out, ", after %zu matching events:\n", h->a0);
	fprintf(out, "  %-9s %-9s\n", "A", "B");
	for (k = h->a0 > ctx ? h->a0 - ctx : 0; k < h->a0; k++)
		show_call(df, out, ' ', &ta->calls[k],
			  &tb->calls[k - h->a0 + h->b0]);
	show_side(df, out, '-', ta, h->a0, h->a1);
	show_side(df, out, '+', tb, h->b0, h->b1);
	if (h->rest) {
		fputs("  (the rest of this thread differs)\n", out);
		return;
	}
	for (k = 0; k < SHOWN_AFTER && h->a1 + k < ta->n; k++)
		show_call(df, out, ' ', &ta->calls[h->a1 + k],
			  &tb->calls[h->b1 + k]);
}

struct count_change {
	unsigned nr;
	uint64_t a, b;
};

static int by_change(const void *x, const void *y)
{
	const struct count_change *p = x, *q = y;
	uint64_t dp = p->a > p->b ? p->a - p->b : p->b - p->a;
	uint64_t dq = q->a > q->b ? q->a - q->b : q->b - q->a;

	if (dp != dq)
		return dp > dq ? -1 : 1;
	return p->nr < q->nr ? -1 : p->nr > q->nr;
}

static void show_counts(struct diff *df, FILE *out)
{
	size_t n = df->a.n_counts > df->b.n_counts ? df->a.n_counts :
						     df->b.n_counts;
	struct count_change *c = srec_xcalloc(n, sizeof(*c));
	size_t i, m = 0;

	for (i = 0; i < n; i++) {
		uint64_t ca = i < df->a.n_counts ? df->a.counts[i] : 0;
		uint64_t cb = i < df->b.n_counts ? df->b.counts[i] : 0;

		if (ca != cb)
			c[m++] = (struct count_change){ (unsigned)i, ca, cb };
	}
	qsort(c, m, sizeof(*c), by_change);
	if (m)
		fputs("\nSyscall counts that changed (A -> B):\n", out);
	for (i = 0; i < m && i < SHOWN_COUNTS; i++) {
		const struct srec_sys_entry *e = srec_sys_get(c[i].nr);
		char name[32];

		if (e)
			snprintf(name, sizeof(name), "%s", e->name);
		else
			snprintf(name, sizeof(name), "syscall_%u", c[i].nr);
		fprintf(out, "  %-20s %8" PRIu64 " -> %-8" PRIu64 " %+" PRId64
			"\n", name, c[i].a, c[i].b,
			(int64_t)(c[i].b - c[i].a));
	}
	if (m > SHOWN_COUNTS)
		fprintf(out, "  ... and %zu more\n", m - SHOWN_COUNTS);
	free(c);
}

static int by_string(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* @return: how many paths @s touched that @other did not. */
static size_t show_only(const struct side *s, const struct side *other,
			const char *label, FILE *out)
{
	char **only = srec_xcalloc(s->paths.n + 1, sizeof(*only));
	size_t i, n = 0;

	for (i = 0; i < s->paths.cap; i++)
		if (s->paths.keys[i] &&
		    !strset_has(&other->paths, s->paths.keys[i]))
			only[n++] = s->paths.keys[i];
	qsort(only, n, sizeof(*only), by_string);
	if (n)
		fprintf(out, "\nFiles only %s touched:\n", label);
	for (i = 0; i < n && i < SHOWN_FILES; i++)
		fprintf(out, "  %s\n", only[i]);
	if (n > SHOWN_FILES)
		fprintf(out, "  ... and %zu more\n", n - SHOWN_FILES);
	free(only);
	return n;
}

static size_t show_unpaired(const struct side *s, const char *label,
			    FILE *out)
{
	size_t i, n = 0;

	for (i = 0; i < s->n_procs; i++) {
		const struct dproc *p = &s->procs[i];

		if (p->pair >= 0)
			continue;
		if (!n++)
			fprintf(out, "\nProcesses only in %s:\n", label);
		fprintf(out, "  %d %s\n", p->pid, p->argv ? p->argv : "");
	}
	return n;
}

/* ---- Entry -------------------------------------------------------------- */

int srec_q_diff(const char *a, const char *b,
		const struct srec_q_diff_opts *o, FILE *out,
		struct srec_q_diff_result *res)
{
	struct srec_q_diff_opts dflt = { DEFAULT_CONTEXT, DEFAULT_WINDOW, 32 };
	struct diff df = { .o = o ? o : &dflt };
	size_t *ra = NULL, *rb = NULL, nra, nrb, unpaired, i;
	int rc;

	*res = (struct srec_q_diff_result){ .bad = -1 };
	rc = read_side(&df.a, a, &res->damage[0]);
	if (rc) {
		res->bad = 0;
		goto out;
	}
	rc = read_side(&df.b, b, &res->damage[1]);
	if (rc) {
		res->bad = 1;
		goto out;
	}
	ra = roots(&df.a, &nra);
	rb = roots(&df.b, &nrb);
	pair_procs(&df.a, ra, nra, &df.b, rb, nrb);
	diff_all(&df);
	fprintf(out, "A: %s\nB: %s\n\n", a, b);
	for (i = 0; i < df.n_shown; i++)
		show_hunk(&df, &df.shown[i], i == 0, out);
	if (df.hunks > df.n_shown)
		fprintf(out, "\n(%" PRIu64 " more difference%s)\n",
			df.hunks - df.n_shown,
			df.hunks - df.n_shown == 1 ? "" : "s");
	unpaired = show_unpaired(&df.a, "A", out);
	unpaired += show_unpaired(&df.b, "B", out);
	res->differ = df.n_shown || unpaired;
	if (!res->differ)
		fprintf(out, "No difference: %zu process%s, %" PRIu64
			" events compared.\n", df.a.n_procs,
			df.a.n_procs == 1 ? "" : "es", df.compared);
	show_counts(&df, out);
	show_only(&df.a, &df.b, "A", out);
	show_only(&df.b, &df.a, "B", out);
	if (res->differ)
		fprintf(out, "\n%" PRIu64 " difference%s in %" PRIu64
			" of the paired threads; %zu unpaired process%s.\n",
			df.hunks, df.hunks == 1 ? "" : "s", df.pairs_differ,
			unpaired, unpaired == 1 ? "" : "es");
	if (fflush(out) || ferror(out))
		rc = -EIO;
out:
	free(ra);
	free(rb);
	free_side(&df.a);
	free_side(&df.b);
	return rc;
}

void srec_q_diff_result_free(struct srec_q_diff_result *res)
{
	free(res->damage[0]);
	free(res->damage[1]);
	res->damage[0] = res->damage[1] = NULL;
}
