// SPDX-License-Identifier: MIT
/*
 * cmd_export.c - `srec export`: load one trace as `srec query` does (its
 * FILE.sqlite cache included) and write it for other tools
 * (query/export.c, srec_export.h).
 */
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_export.h"
#include "srec_opt.h"
#include "srec_q.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const export_usage[] = {
	"srec export --format perfetto|csv|jsonl [-o OUT] "
	"[--replay-report REPORT] FILE",
	"Write a trace in a format other tools open (to stdout without -o).",
	"",
	"perfetto: Chrome trace-event JSON for ui.perfetto.dev and",
	"chrome://tracing: a track per thread named by its comm and tid, a",
	"slice per syscall (decoded arguments and result in its args), an",
	"instant per signal, a flow from each fork/vfork/clone to the child's",
	"first call and from each execve to the new image's first call.",
	"Times are microseconds of trace time.  --replay-report REPORT adds a",
	"global marker for each divergence or stall in what `srec replay`",
	"printed on stderr (2>REPORT).",
	"",
	"csv, jsonl: the syscalls table, the columns and rows of",
	"`srec query --csv|--json FILE 'SELECT * FROM syscalls'`.",
	"",
	"The trace is loaded once into FILE.sqlite beside it, as by srec query.",
	"OUT is created with mode 0600: it holds what the trace holds.",
	"",
	"Exit status: 0; 1 for a damaged trace (its intact events are",
	"written); 2 for usage errors, an unreadable trace or an OUT that",
	"cannot be written.",
	NULL,
};

enum format { FMT_PERFETTO, FMT_CSV, FMT_JSONL };

static int parse_format(const char *s, enum format *f)
{
	static const char *const names[] = { "perfetto", "csv", "jsonl" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		if (!strcmp(s, names[i])) {
			*f = (enum format)i;
			return 0;
		}
	}
	return -EINVAL;
}

/* OUT, created 0600; @return: the stream, or NULL after one line. */
static FILE *open_out(const char *path)
{
	FILE *f;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		srec_error("export: %s: %s", path, strerror(errno));
		return NULL;
	}
	f = fdopen(fd, "w");
	if (!f) {
		srec_error("export: %s: %s", path, strerror(errno));
		close(fd);
	}
	return f;
}

static int write_export(struct srec_q *q, enum format fmt,
			const struct srec_export_marks *marks,
			const char *out_path)
{
	FILE *out = out_path ? open_out(out_path) : stdout;
	int rc, closed;

	if (!out)
		return 2;
	if (fmt == FMT_PERFETTO)
		rc = srec_export_perfetto(q, marks, out);
	else
		rc = srec_export_syscalls(q, fmt == FMT_CSV ? SREC_Q_CSV :
					  SREC_Q_JSON, out);
	errno = 0;
	closed = out_path ? fclose(out) : fflush(out);
	if (rc == -EINVAL || rc == -EPERM) {
		srec_error("export: %s", srec_q_errmsg(q));
		return 2;
	}
	/* The failed write's own reason (ENOSPC, ...) when there is one. */
	if (!rc && closed)
		rc = errno ? -errno : -EIO;
	if (rc) {
		srec_error("export: writing %s: %s", out_path ? out_path :
			   "output", strerror(-rc));
		return 2;
	}
	return 0;
}

int cmd_export(int argc, char **argv)
{
	const char *format = NULL, *out_path = NULL, *report = NULL, *damage;
	struct srec_export_marks marks = { NULL, 0 };
	struct srec_q_input in = { NULL, NULL };
	struct srec_q *q = NULL;
	enum format fmt = FMT_PERFETTO;
	const struct srec_opt opts[] = {
		SREC_OPT_STRING(0, "format", &format, "perfetto|csv|jsonl",
				"what to write (required)"),
		SREC_OPT_STRING('o', "output", &out_path, "OUT",
				"write to OUT instead of stdout"),
		SREC_OPT_STRING(0, "replay-report", &report, "REPORT",
				"perfetto: mark the divergences of this "
				"`srec replay` report"),
		SREC_OPT_END(),
	};
	int n, rc, status;

	n = srec_opt_parse(argc, argv, opts, export_usage, 0);
	if (n == SREC_OPT_HELP)
		return 0;
	if (n < 0)
		return 2;
	if (!format)
		return srec_usage_error(export_usage, "which format? "
					"(--format perfetto|csv|jsonl)");
	if (parse_format(format, &fmt))
		return srec_usage_error(export_usage, "unknown format '%s' "
					"(perfetto, csv or jsonl)", format);
	if (report && fmt != FMT_PERFETTO)
		return srec_usage_error(export_usage, "--replay-report goes "
					"with --format perfetto");
	if (cli_one_trace(n, export_usage))
		return 2;
	if (report) {
		rc = srec_export_read_report(report, &marks);
		if (rc) {
			srec_error("export: %s: %s", report, strerror(-rc));
			return 2;
		}
	}
	/* Named as srec query names it, so the `trace` column matches. */
	if (!srec_q_parse_input(argv[0], &in)) {
		status = cli_trace_error(argv[0], -ENOENT);
		goto out;
	}
	rc = srec_q_open(&in, 1, NULL, &q, NULL);
	if (rc) {
		status = cli_trace_error(in.path, rc);
		goto out;
	}
	status = write_export(q, fmt, &marks, out_path);
	damage = srec_q_damage(q, 0);
	if (damage) {
		srec_error("%s: %s", in.path, damage);
		status = status ? status : 1;
	}
out:
	srec_q_close(q);
	free((char *)in.name);
	srec_export_marks_free(&marks);
	return status;
}
