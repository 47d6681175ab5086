// SPDX-License-Identifier: MIT
/*
 * export.c - `srec export` (srec_export.h): the trace-event JSON of a
 * loaded trace for Perfetto and chrome://tracing, and the syscalls table
 * as CSV or JSON Lines.
 *
 * The JSON is written in one pass over the events in recorded order,
 * merged from the syscalls, signals, clones and execs tables: an event
 * other than a syscall has no time of its own in the trace, so it takes
 * the latest time seen before it, and a flow's two ends are found as the
 * pass reaches them (the parent's clone call comes after the clone event,
 * the child's first call after both).  Flow ends are placed in the middle
 * of their slices with "bp":"e" so both viewers bind them to that slice.
 */
#include "srec_export.h"
#include "q_int.h"
#include "srec_json.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* The kernel's comm is the executable's base name cut to 15 bytes. */
#define COMM_MAX 15

/* Write the buffered JSON out once it is this big. */
#define FLUSH_AT (1u << 16)

/* A flow from a clone or exec to the first call it led to. */
struct flow {
	uint64_t id;      /* the clone or exec event's seq */
	const char *kind; /* "fork", "vfork", "clone", "exec" */
	int pid[2], tid[2];
	int64_t ts[2];    /* [0] the start, [1] the end */
	bool have[2];
};

/* What the pass keeps per pid or tid (both index `state`). */
struct id_state {
	size_t parent_flow; /* 1 + index of the flow waiting for this
			     * thread's clone call; 0: none */
	size_t child_flow;  /* ... waiting for its next call */
	int64_t exec_mid;   /* this pid's last execve, its middle */
	int exec_tid;
	bool has_exec;
};

struct ex {
	struct srec_q *q;
	FILE *out;
	struct srec_buf b;
	bool first;
	int write_err;     /* errno of the first failed write */
	int64_t last_ns;   /* the latest time seen in the pass */
	struct q_idmap ids;
	struct id_state *st;
	size_t n_st;
	struct flow *flows;
	size_t n_flows;
};

static int sql_fail(struct srec_q *q)
{
	srec_buf_reset(&q->err);
	srec_buf_adds(&q->err, sqlite3_errmsg(q->db));
	return -EINVAL;
}

static void flush(struct ex *x)
{
	errno = 0;
	if (x->b.len && fwrite(x->b.data, 1, x->b.len, x->out) != x->b.len &&
	    !x->write_err)
		x->write_err = errno ? errno : EIO;
	srec_buf_reset(&x->b);
}

/* Start one element of traceEvents. */
static void event(struct ex *x, const char *ph)
{
	if (x->b.len >= FLUSH_AT)
		flush(x);
	srec_buf_addf(&x->b, "%s{\"ph\":\"%s\"", x->first ? "\n" : ",\n", ph);
	x->first = false;
}

static void add_str(struct srec_buf *b, const char *key, const char *s)
{
	srec_buf_addf(b, ",\"%s\":", key);
	srec_json_str(b, s, strlen(s));
}

/* A text column, when it is not NULL. */
static void add_col(struct srec_buf *b, const char *key, sqlite3_stmt *st,
		    int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return;
	srec_buf_addf(b, ",\"%s\":", key);
	srec_json_str(b, (const char *)sqlite3_column_text(st, col),
		      (size_t)sqlite3_column_bytes(st, col));
}

/* Microseconds with the nanoseconds kept: 1234567 ns -> 1234.567. */
static void add_us(struct srec_buf *b, const char *key, int64_t ns)
{
	if (ns < 0)
		ns = 0;
	srec_buf_addf(b, ",\"%s\":%" PRId64 ".%03d", key, ns / 1000,
		      (int)(ns % 1000));
}

static void add_ids(struct srec_buf *b, int pid, int tid)
{
	srec_buf_addf(b, ",\"pid\":%d,\"tid\":%d", pid, tid);
}

static struct id_state *state(struct ex *x, int id)
{
	bool added = false;
	uint32_t i = q_idmap_get(&x->ids, id, (uint32_t)x->n_st, &added);

	if (added) {
		x->st = srec_xrealloc(x->st, (x->n_st + 1) * sizeof(*x->st));
		memset(&x->st[x->n_st++], 0, sizeof(*x->st));
	}
	return &x->st[i];
}

/* ---- Naming the tracks ---------------------------------------------------- */

static void comm_of(const char *exe, char comm[COMM_MAX + 1])
{
	const char *base = exe ? strrchr(exe, '/') : NULL;

	base = base ? base + 1 : exe;
	snprintf(comm, COMM_MAX + 1, "%s", base && *base ? base : "?");
}

static void name_event(struct ex *x, const char *what, int pid, int tid,
		       const char *key, const char *value)
{
	event(x, "M");
	add_str(&x->b, "name", what);
	add_ids(&x->b, pid, tid);
	srec_buf_addf(&x->b, ",\"args\":{\"%s\":", key);
	srec_json_str(&x->b, value, strlen(value));
	srec_buf_adds(&x->b, "}}");
}

static int name_tracks(struct ex *x)
{
	static const char sql[] =
		"SELECT t.pid, t.tid, p.exe, p.argv FROM threads t "
		"LEFT JOIN processes p ON p.pid = t.pid ORDER BY t.pid, t.tid";
	struct srec_buf name = SREC_BUF_INIT;
	char comm[COMM_MAX + 1];
	sqlite3_stmt *st;
	int rc, pid, tid, prev = 0;
	bool any = false;

	if (sqlite3_prepare_v2(x->q->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(x->q);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pid = sqlite3_column_int(st, 0);
		tid = sqlite3_column_int(st, 1);
		comm_of((const char *)sqlite3_column_text(st, 2), comm);
		if (!any || pid != prev) {
			name_event(x, "process_name", pid, pid, "name", comm);
			if (sqlite3_column_type(st, 3) != SQLITE_NULL)
				name_event(x, "process_labels", pid, pid,
					   "labels", (const char *)
					   sqlite3_column_text(st, 3));
		}
		any = true;
		prev = pid;
		srec_buf_reset(&name);
		srec_buf_addf(&name, "%s %d", comm, tid);
		name_event(x, "thread_name", pid, tid, "name",
			   srec_buf_str(&name));
	}
	srec_buf_free(&name);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(x->q);
}

/* ---- Flows ---------------------------------------------------------------- */

static size_t new_flow(struct ex *x, uint64_t id, const char *kind)
{
	struct flow *f;

	x->flows = srec_xrealloc(x->flows, (x->n_flows + 1) *
					   sizeof(*x->flows));
	f = &x->flows[x->n_flows++];
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->kind = kind;
	return x->n_flows; /* 1 + its index */
}

/* Set end @end of flow @ref (1 + index); write the pair once both are
 * known, so no flow is left half drawn. */
static void flow_end(struct ex *x, size_t ref, int end, int pid, int tid,
		     int64_t ts)
{
	struct flow *f = &x->flows[ref - 1];
	int i;

	f->pid[end] = pid;
	f->tid[end] = tid;
	f->ts[end] = ts;
	f->have[end] = true;
	if (!f->have[0] || !f->have[1])
		return;
	for (i = 0; i < 2; i++) {
		event(x, i ? "f" : "s");
		add_str(&x->b, "name", f->kind);
		srec_buf_addf(&x->b, ",\"cat\":\"flow\",\"id\":%" PRIu64,
			      f->id);
		add_ids(&x->b, f->pid[i], f->tid[i]);
		add_us(&x->b, "ts", f->ts[i]);
		srec_buf_adds(&x->b, ",\"bp\":\"e\"}");
	}
}

static bool is_clone_call(const char *name)
{
	return !strcmp(name, "clone") || !strcmp(name, "clone3") ||
	       !strcmp(name, "fork") || !strcmp(name, "vfork");
}

/* ---- The pass -------------------------------------------------------------- */

/* The tables merged by seq, each one statement whose column 0 is seq. */
enum source { SRC_SYSCALL, SRC_SIGNAL, SRC_CLONE, SRC_EXEC, N_SRC };

static const char *const source_sql[N_SRC] = {
	[SRC_SYSCALL] = "SELECT seq, pid, tid, name, t_enter_ns, dur_ns, "
			"args, result, errno, path, fd, no_return, forced "
			"FROM syscalls ORDER BY seq",
	[SRC_SIGNAL] = "SELECT seq, pid, tid, name, info, sender_pid "
		       "FROM signals ORDER BY seq",
	[SRC_CLONE] = "SELECT seq, pid, tid, kind, child_pid, child_tid "
		      "FROM clones ORDER BY seq",
	[SRC_EXEC] = "SELECT seq, pid, tid, exe FROM execs ORDER BY seq",
};

static void on_syscall(struct ex *x, sqlite3_stmt *st)
{
	int64_t seq = sqlite3_column_int64(st, 0), t = sqlite3_column_int64(
		st, 4), dur = sqlite3_column_int64(st, 5), mid = t + dur / 2;
	int pid = sqlite3_column_int(st, 1), tid = sqlite3_column_int(st, 2);
	const char *name = (const char *)sqlite3_column_text(st, 3);
	struct id_state *s;
	size_t ref;

	name = name ? name : "?";
	event(x, "X");
	add_str(&x->b, "name", name);
	srec_buf_adds(&x->b, ",\"cat\":\"syscall\"");
	add_ids(&x->b, pid, tid);
	add_us(&x->b, "ts", t);
	add_us(&x->b, "dur", dur);
	srec_buf_addf(&x->b, ",\"args\":{\"seq\":%" PRId64, seq);
	add_col(&x->b, "args", st, 6);
	add_col(&x->b, "result", st, 7);
	add_col(&x->b, "errno", st, 8);
	add_col(&x->b, "path", st, 9);
	if (sqlite3_column_type(st, 10) != SQLITE_NULL)
		srec_buf_addf(&x->b, ",\"fd\":%d", sqlite3_column_int(st, 10));
	if (sqlite3_column_int(st, 11))
		srec_buf_adds(&x->b, ",\"no_return\":true");
	if (sqlite3_column_int(st, 12))
		srec_buf_adds(&x->b, ",\"forced\":true");
	srec_buf_adds(&x->b, "}}");

	if (t + dur > x->last_ns)
		x->last_ns = t + dur;
	s = state(x, tid);
	if (s->child_flow) {
		ref = s->child_flow;
		s->child_flow = 0;
		flow_end(x, ref, 1, pid, tid, mid);
	}
	if (s->parent_flow && is_clone_call(name)) {
		ref = s->parent_flow;
		s->parent_flow = 0;
		flow_end(x, ref, 0, pid, tid, mid);
	}
	if (!strcmp(name, "execve") || !strcmp(name, "execveat")) {
		s = state(x, pid);
		s->exec_mid = mid;
		s->exec_tid = tid;
		s->has_exec = true;
	}
}

static void on_signal(struct ex *x, sqlite3_stmt *st)
{
	const char *name = (const char *)sqlite3_column_text(st, 3);

	event(x, "i");
	add_str(&x->b, "name", name ? name : "signal");
	srec_buf_adds(&x->b, ",\"cat\":\"signal\",\"s\":\"t\"");
	add_ids(&x->b, sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
	add_us(&x->b, "ts", x->last_ns);
	srec_buf_addf(&x->b, ",\"args\":{\"seq\":%" PRId64,
		      (int64_t)sqlite3_column_int64(st, 0));
	add_col(&x->b, "info", st, 4);
	if (sqlite3_column_type(st, 5) != SQLITE_NULL)
		srec_buf_addf(&x->b, ",\"sender_pid\":%d",
			      sqlite3_column_int(st, 5));
	srec_buf_adds(&x->b, "}}");
}

static void on_clone(struct ex *x, sqlite3_stmt *st)
{
	static const char *const kinds[] = { "fork", "vfork", "clone" };
	const char *kind = (const char *)sqlite3_column_text(st, 3);
	const char *k = "clone";
	size_t i, ref;

	for (i = 0; kind && i < sizeof(kinds) / sizeof(*kinds); i++)
		if (!strcmp(kind, kinds[i]))
			k = kinds[i];
	ref = new_flow(x, (uint64_t)sqlite3_column_int64(st, 0), k);
	state(x, sqlite3_column_int(st, 2))->parent_flow = ref;
	state(x, sqlite3_column_int(st, 5))->child_flow = ref;
}

static void on_exec(struct ex *x, sqlite3_stmt *st)
{
	int pid = sqlite3_column_int(st, 1);
	struct id_state *s = state(x, pid);
	size_t ref;

	if (!s->has_exec)
		return;
	s->has_exec = false;
	ref = new_flow(x, (uint64_t)sqlite3_column_int64(st, 0), "exec");
	flow_end(x, ref, 0, pid, s->exec_tid, s->exec_mid);
	state(x, sqlite3_column_int(st, 2))->child_flow = ref;
}

static void on_mark(struct ex *x, const struct srec_export_mark *m,
		    int64_t ts)
{
	event(x, "i");
	add_str(&x->b, "name", m->title);
	srec_buf_adds(&x->b, ",\"cat\":\"replay\",\"s\":\"g\"");
	add_ids(&x->b, m->pid, m->tid);
	add_us(&x->b, "ts", ts);
	srec_buf_addf(&x->b, ",\"args\":{\"seq\":%" PRIu64, m->seq);
	if (m->detail)
		add_str(&x->b, "detail", m->detail);
	srec_buf_adds(&x->b, "}}");
}

static int cmp_mark(const void *a, const void *b)
{
	const struct srec_export_mark *x = *(const struct srec_export_mark *
					     const *)a;
	const struct srec_export_mark *y = *(const struct srec_export_mark *
					     const *)b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int pass(struct ex *x, const struct srec_export_marks *m)
{
	sqlite3_stmt *st[N_SRC] = { NULL };
	const struct srec_export_mark **marks = NULL;
	bool live[N_SRC];
	size_t n_marks = m ? m->n : 0, next_mark = 0, i;
	int rc = 0, s, best;
	int64_t seq;

	marks = srec_xcalloc(n_marks + 1, sizeof(*marks));
	for (i = 0; i < n_marks; i++)
		marks[i] = &m->v[i];
	qsort(marks, n_marks, sizeof(*marks), cmp_mark);
	for (i = 0; i < N_SRC; i++) {
		if (sqlite3_prepare_v2(x->q->db, source_sql[i], -1, &st[i],
				       NULL) != SQLITE_OK) {
			rc = sql_fail(x->q);
			goto out;
		}
		s = sqlite3_step(st[i]);
		if (s != SQLITE_ROW && s != SQLITE_DONE) {
			rc = sql_fail(x->q);
			goto out;
		}
		live[i] = s == SQLITE_ROW;
	}
	for (;;) {
		best = -1;
		for (i = 0; i < N_SRC; i++)
			if (live[i] && (best < 0 ||
					sqlite3_column_int64(st[i], 0) <
					sqlite3_column_int64(st[best], 0)))
				best = (int)i;
		if (best < 0)
			break;
		seq = sqlite3_column_int64(st[best], 0);
		/* A mark at a syscall sits at its entry, any other at the
		 * time the pass has reached. */
		while (next_mark < n_marks &&
		       (int64_t)marks[next_mark]->seq <= seq) {
			on_mark(x, marks[next_mark],
				best == SRC_SYSCALL &&
				(int64_t)marks[next_mark]->seq == seq ?
				sqlite3_column_int64(st[best], 4) :
				x->last_ns);
			next_mark++;
		}
		if (best == SRC_SYSCALL)
			on_syscall(x, st[best]);
		else if (best == SRC_SIGNAL)
			on_signal(x, st[best]);
		else if (best == SRC_CLONE)
			on_clone(x, st[best]);
		else
			on_exec(x, st[best]);
		s = sqlite3_step(st[best]);
		if (s != SQLITE_ROW && s != SQLITE_DONE) {
			rc = sql_fail(x->q);
			goto out;
		}
		live[best] = s == SQLITE_ROW;
	}
	for (; next_mark < n_marks; next_mark++)
		on_mark(x, marks[next_mark], x->last_ns);
out:
	for (i = 0; i < N_SRC; i++)
		sqlite3_finalize(st[i]);
	free(marks);
	return rc;
}

/* The recording's context, which Perfetto shows as trace metadata. */
static int other_data(struct ex *x)
{
	static const char sql[] = "SELECT command, hostname, kernel, "
				  "start_realtime_ns FROM traces LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(x->q->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(x->q);
	srec_buf_adds(&x->b, "{\"displayTimeUnit\":\"ns\",\"otherData\":{"
			     "\"generator\":\"srec " SREC_VERSION "\"");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		add_col(&x->b, "command", st, 0);
		add_col(&x->b, "hostname", st, 1);
		add_col(&x->b, "kernel", st, 2);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			srec_buf_addf(&x->b, ",\"start_realtime_ns\":\"%"
				      PRId64 "\"",
				      (int64_t)sqlite3_column_int64(st, 3));
	}
	sqlite3_finalize(st);
	srec_buf_adds(&x->b, "},\"traceEvents\":[");
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sql_fail(x->q);
}

int srec_export_perfetto(struct srec_q *q, const struct srec_export_marks *m,
			 FILE *out)
{
	struct ex x = { .q = q, .out = out, .first = true };
	int rc;

	rc = other_data(&x);
	if (!rc)
		rc = name_tracks(&x);
	if (!rc)
		rc = pass(&x, m);
	srec_buf_adds(&x.b, "\n]}\n");
	flush(&x);
	srec_buf_free(&x.b);
	q_idmap_free(&x.ids);
	free(x.st);
	free(x.flows);
	if (!rc && (x.write_err || ferror(out)))
		rc = x.write_err ? -x.write_err : -EIO;
	return rc;
}

int srec_export_syscalls(struct srec_q *q, enum srec_q_mode mode, FILE *out)
{
	return srec_q_exec(q, "SELECT * FROM syscalls ORDER BY seq", mode,
			   out);
}

/* ---- Reading a replay report ----------------------------------------------- */

void srec_export_marks_free(struct srec_export_marks *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].title);
		free(m->v[i].detail);
	}
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

/* "replay diverged at event #42 (pid 1, tid 2) ..." -> a new mark. */
static bool report_head(const char *line, struct srec_export_marks *m)
{
	static const char *const heads[] = { "replay diverged at event #",
					     "replay stalled at event #" };
	struct srec_export_mark *k;
	const char *p = NULL, *end, *ids;
	unsigned long long seq;
	size_t i;

	for (i = 0; !p && i < sizeof(heads) / sizeof(*heads); i++)
		p = strstr(line, heads[i]);
	if (!p)
		return false;
	end = strchr(p, '#') + 1;
	if (sscanf(end, "%llu", &seq) != 1)
		return false;
	end += strspn(end, "0123456789");
	m->v = srec_xrealloc(m->v, (m->n + 1) * sizeof(*m->v));
	k = &m->v[m->n++];
	memset(k, 0, sizeof(*k));
	k->seq = seq;
	k->title = srec_xcalloc(1, (size_t)(end - p) + 1);
	memcpy(k->title, p, (size_t)(end - p));
	ids = strstr(end, "(pid ");
	if (ids && sscanf(ids, "(pid %d, tid %d)", &k->pid, &k->tid) != 2)
		k->pid = k->tid = 0;
	return true;
}

int srec_export_read_report(const char *path, struct srec_export_marks *m)
{
	struct srec_buf detail = SREC_BUF_INIT;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int err;

	memset(m, 0, sizeof(*m));
	errno = 0;
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while ((len = getline(&line, &cap, f)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (report_head(line, m)) {
			srec_buf_reset(&detail);
		} else if (m->n && line[0] == ' ') {
			/* The indented lines that follow belong to it. */
			if (detail.len)
				srec_buf_addc(&detail, '\n');
			srec_buf_adds(&detail, line + strspn(line, " "));
			free(m->v[m->n - 1].detail);
			m->v[m->n - 1].detail = srec_xstrdup(
				srec_buf_str(&detail));
		}
	}
	err = ferror(f) ? -(errno ? errno : EIO) : 0;
	free(line);
	srec_buf_free(&detail);
	fclose(f);
	if (err)
		srec_export_marks_free(m);
	return err;
}
