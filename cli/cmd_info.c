// SPDX-License-Identifier: MIT
/*
 * cmd_info.c - `srec info FILE`: a trace's header, command, processes,
 * event counts, sizes and compression ratio, and whether it is complete.
 * A finished trace answers from its index and trailer without decoding
 * events; one without (writer killed) is read through to count.
 */
#include "srec_buf.h"
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_fmt.h"
#include "srec_opt.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char *const info_usage[] = {
	"srec info FILE",
	"Show a trace's header, command, processes, event counts, sizes and",
	"compression ratio, and whether it is complete.",
	"",
	"Exit status: 0 complete, 1 damaged or incomplete (the intact part is",
	"shown and the damage named), 2 not a readable trace.",
	NULL,
};

/* Event counts by kind, as in the trailer. */
struct counts {
	uint64_t kind[8]; /* kind_case - SREC__EVENT__KIND_SYSCALL */
	uint64_t events, processes, threads;
};

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

static uint64_t distinct(int32_t *v, uint64_t n)
{
	uint64_t i, k = 0;

	if (!n)
		return 0; /* and @v may be NULL, which qsort must not get */
	qsort(v, n, sizeof(*v), cmp_i32);
	for (i = 0; i < n; i++)
		k += !i || v[i] != v[i - 1];
	return k;
}

/* No trailer: read every intact event to count. */
static int count_events(struct srec_fmt_reader *r, struct counts *c)
{
	const Srec__Event *ev;
	int32_t *pids = NULL, *tids = NULL;
	uint64_t cap = 0;
	unsigned k;
	int rc;

	while ((rc = srec_fmt_reader_next(r, &ev)) != 0) {
		if (rc == SREC_EDAMAGED)
			continue;
		if (rc < 0)
			break;
		if (c->events == cap) {
			cap = cap ? 2 * cap : 1024;
			pids = srec_xrealloc(pids, cap * sizeof(*pids));
			tids = srec_xrealloc(tids, cap * sizeof(*tids));
		}
		pids[c->events] = ev->pid;
		tids[c->events] = ev->tid;
		c->events++;
		k = (unsigned)ev->kind_case - SREC__EVENT__KIND_SYSCALL;
		if (k < 8)
			c->kind[k]++;
	}
	c->processes = distinct(pids, c->events);
	c->threads = distinct(tids, c->events);
	free(pids);
	free(tids);
	return rc;
}

static void from_trailer(const Srec__Trailer *t, struct counts *c)
{
	c->kind[0] = t->syscalls;
	c->kind[1] = t->execs;
	c->kind[2] = t->clones;
	c->kind[3] = t->signals;
	c->kind[4] = t->exits;
	c->kind[5] = t->blobs;
	c->kind[6] = t->notes;
	c->events = t->events;
	c->processes = t->processes;
	c->threads = t->threads;
}

static void print_header(const char *file, const Srec__TraceHeader *h)
{
	size_t i;

	printf("file:          %s\n", file);
	printf("format:        %u.%u (written by srec %s)\n", h->format_major,
	       h->format_minor, h->srec_version ? h->srec_version : "?");
	printf("command:      ");
	for (i = 0; i < h->n_command; i++)
		printf(" %s", h->command[i]);
	printf("\n");
	if (h->cwd)
		printf("cwd:           %s\n", h->cwd);
	printf("host:          %s (%s, Linux %s)\n",
	       h->hostname ? h->hostname : "?", h->arch ? h->arch : "?",
	       h->kernel_release ? h->kernel_release : "?");
	if (h->has_start_realtime_ns) {
		time_t s = (time_t)(h->start_realtime_ns / 1000000000);
		struct tm tm;
		char when[64];

		if (gmtime_r(&s, &tm) &&
		    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm))
			printf("started:       %s\n", when);
	}
	if (h->has_root_pid)
		printf("root pid:      %d\n", h->root_pid);
	if (h->has_attached_pid)
		printf("attached to:   pid %d\n", h->attached_pid);
	if (h->stack_copy)
		printf("stacks:        %u bytes from sp per call (-k)\n",
		       h->stack_copy);
	if (h->buffer_cap)
		printf("buffer cap:    %" PRIu64 " bytes (-s)\n",
		       h->buffer_cap);
	for (i = 0; i < h->n_inject; i++)
		printf("%s-e %s\n", i ? "               " : "injected by:   ",
		       h->inject[i]);
}

static void print_counts(const struct counts *c, const Srec__Trailer *t)
{
	static const char *const names[] = { "syscall", "exec", "clone",
					     "signal", "exit", "blob",
					     "note" };
	unsigned k;

	if (t && t->has_end_monotonic_ns)
		printf("duration:      %.3f s\n",
		       (double)t->end_monotonic_ns / 1e9);
	if (t && t->has_exit_status)
		printf("exit status:   %d\n", t->exit_status);
	printf("processes:     %" PRIu64 " (%" PRIu64 " threads)%s\n",
	       c->processes, c->threads, t ? "" : " (counted)");
	printf("events:        %" PRIu64 "\n", c->events);
	for (k = 0; k < 7; k++)
		if (c->kind[k])
			printf("  %-10s   %" PRIu64 "\n", names[k], c->kind[k]);
	printf("syscalls:      %" PRIu64 "\n", c->kind[0]);
	if (t && t->has_injected)
		printf("injected:      %" PRIu64 " calls\n", t->injected);
}

static void print_sizes(const struct srec_fmt_file_info *fi)
{
	printf("frames:        %" PRIu64 "\n", fi->frames);
	printf("size:          %" PRIu64 " bytes of events, %" PRIu64
	       " compressed", fi->raw_bytes, fi->compressed_bytes);
	if (fi->compressed_bytes)
		printf(" (ratio %.1f)",
		       (double)fi->raw_bytes / (double)fi->compressed_bytes);
	printf(", file %" PRIu64 " bytes\n", fi->file_bytes);
}

int cmd_info(int argc, char **argv)
{
	const struct srec_opt opts[] = { SREC_OPT_END() };
	struct srec_fmt_reader *r = NULL;
	struct srec_fmt_file_info fi;
	struct counts c = { { 0 } };
	const Srec__Trailer *t;
	int n, rc, status;

	n = srec_opt_parse(argc, argv, opts, info_usage, 0);
	if (n == SREC_OPT_HELP)
		return 0;
	if (n < 0)
		return 2;
	status = cli_one_trace(n, info_usage);
	if (!status)
		status = cli_open_trace(argv[0], &r);
	if (status)
		return status;
	rc = srec_fmt_reader_file_info(r, &fi);
	t = srec_fmt_reader_trailer(r);
	if (!rc && t)
		from_trailer(t, &c);
	else if (!rc)
		rc = count_events(r, &c);
	if (rc < 0) {
		srec_error("%s: %s", argv[0], srec_strerror(rc));
		status = 2;
		goto out;
	}
	print_header(argv[0], srec_fmt_reader_header(r));
	print_counts(&c, t);
	print_sizes(&fi);
	printf("complete:      %s\n",
	       srec_fmt_reader_complete(r) ? "yes" : "no");
	status = cli_report_damage(argv[0], r);
out:
	srec_fmt_reader_close(r);
	return status;
}
