// SPDX-License-Identifier: MIT
/*
 * dump_summary.c - `srec dump -c`: strace -c's table (% time, seconds,
 * usecs/call, calls, errors, syscall), in strace 6.1's layout, sorted as
 * strace -S sorts it (by time by default).  Time is each call's wall time,
 * t_exit - t_enter, what strace -c -w sums: srec does not record the
 * system CPU time strace's -c sums without -w.
 */
#include "dump_summary.h"
#include "srec_sys.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct row {
	unsigned nr;
	uint64_t calls, errors, ns;
};

struct dump_summary {
	unsigned n;        /* rows: one per table number, one for the rest */
	struct row rows[];
};

struct dump_summary *dump_summary_new(void)
{
	unsigned n = srec_sys_nr_limit() + 1, i;
	struct dump_summary *s;

	s = calloc(1, sizeof(*s) + n * sizeof(s->rows[0]));
	if (!s)
		return NULL;
	s->n = n;
	for (i = 0; i < n; i++)
		s->rows[i].nr = i;
	return s;
}

void dump_summary_add(struct dump_summary *s, const Srec__Syscall *sc)
{
	struct row *r = &s->rows[sc->nr < s->n - 1 ? sc->nr : s->n - 1];

	r->calls++;
	if (sc->has_ret && srec_sys_failed(sc->ret))
		r->errors++;
	if (sc->has_t_exit_ns && sc->t_exit_ns >= sc->t_enter_ns)
		r->ns += sc->t_exit_ns - sc->t_enter_ns;
}

static int by_time(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? 1 : -1;
	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static int by_calls(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return by_time(a, b);
}

static int by_errors(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->errors != y->errors)
		return x->errors < y->errors ? 1 : -1;
	return by_time(a, b);
}

static const char *row_name(const struct dump_summary *s, const struct row *r)
{
	const struct srec_sys_entry *e;

	if (r->nr == s->n - 1)
		return "unknown";
	e = srec_sys_get(r->nr);
	return e ? e->name : "unknown";
}

static void line(FILE *f, double pct, uint64_t ns, uint64_t calls,
		 uint64_t errors, const char *name)
{
	fprintf(f, "%6.2f %11.6f %11" PRIu64 " %9" PRIu64 " ", pct,
		ns / 1e9, calls ? ns / 1000 / calls : 0, calls);
	if (errors)
		fprintf(f, "%9" PRIu64, errors);
	else
		fprintf(f, "%9s", "");
	fprintf(f, " %s\n", name);
}

static const struct dump_summary *name_table;

static int by_name(const void *a, const void *b)
{
	return strcmp(row_name(name_table, a), row_name(name_table, b));
}

static int by_nr(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static const struct {
	const char *name;
	int (*cmp)(const void *, const void *);
} sorts[] = {
	{ "time", by_time },     { "calls", by_calls }, { "errors", by_errors },
	{ "name", by_name },     { "nothing", by_nr },
};

int dump_summary_sort(const char *name)
{
	unsigned i;

	for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (!strcmp(sorts[i].name, name))
			return (int)i;
	return -EINVAL;
}

void dump_summary_print(struct dump_summary *s, int sortby, FILE *f)
{
	static const char sep[] = "------ ----------- ----------- --------- "
				  "--------- ----------------\n";
	uint64_t ns = 0, calls = 0, errors = 0;
	unsigned i;

	for (i = 0; i < s->n; i++) {
		ns += s->rows[i].ns;
		calls += s->rows[i].calls;
		errors += s->rows[i].errors;
	}
	/* Rows without calls sort last whatever the key: they are not
	 * printed, and the loop below stops at the first of them. */
	name_table = s;
	qsort(s->rows, s->n, sizeof(s->rows[0]), by_calls);
	for (i = 0; i < s->n && s->rows[i].calls; i++)
		;
	qsort(s->rows, i, sizeof(s->rows[0]), sorts[sortby].cmp);
	fprintf(f, "%% time     seconds  usecs/call     calls    errors "
		"syscall\n%s", sep);
	for (i = 0; i < s->n && s->rows[i].calls; i++)
		line(f, ns ? 100.0 * s->rows[i].ns / ns : 0, s->rows[i].ns,
		     s->rows[i].calls, s->rows[i].errors,
		     row_name(s, &s->rows[i]));
	fputs(sep, f);
	line(f, 100.0, ns, calls, errors, "total");
}

void dump_summary_free(struct dump_summary *s)
{
	free(s);
}
