/* SPDX-License-Identifier: MIT */
/*
 * srec_cli.h - the subcommands of the srec binary.  Each cmd_*.c file
 * declares its usage array and option table, parses its arguments with
 * srec_opt_parse(), calls its module and reports errors with srec_error().
 *
 * A command returns the process exit status: 0 success, 1 failure or
 * difference found (damage, divergence), 2 usage error or unreadable
 * input, or whatever the command documents (record: PROG's status).
 */
#ifndef SREC_CLI_H
#define SREC_CLI_H

#include <stdbool.h>

int cmd_record(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_export(int argc, char **argv);

/*
 * cli_record_output - open where `srec record -o @output` writes (see
 * record_output.c; "-" is stdout), for PROG, or for process @pid when not
 * 0.  Prints one line and returns -1 when it cannot or must not.
 * @fd: the O_CLOEXEC fd (> 2), owned by the caller.
 */
int cli_record_output(const char *output, long pid, int *fd);

/* ---- Helpers of the commands that read one trace (trace.c) ---------- */

struct srec_fmt_reader;

/*
 * cli_one_trace - check the operand count @n srec_opt_parse() returned
 * for a command that takes exactly one FILE.
 * @return: 0, or 2 (the usage-error exit status) after one line saying
 *          what is wrong.
 */
int cli_one_trace(int n, const char *const *usage);

/* cli_trace_error - the one line saying why @path could not be read as a
 * trace (@rc, a negative error); @return: 2, the exit status for it. */
int cli_trace_error(const char *path, int rc);

/*
 * cli_open_trace - srec_fmt_reader_open() @path, printing one line naming
 * the file and the reason when it cannot be read as a trace.
 * @r: the reader, owned by the caller (srec_fmt_reader_close()).
 * @return: 0, or 2 (the exit status for an unreadable trace).
 */
int cli_open_trace(const char *path, struct srec_fmt_reader **r);

/*
 * cli_report_damage - after reading @r, print one line naming what was
 * lost if the trace is damaged or its writer did not finish.
 * @return: 1 (the exit status for a damaged trace) if it was reported, 0
 *          for a whole trace.
 */
int cli_report_damage(const char *path, struct srec_fmt_reader *r);

/* ---- Fault injection options (inject_opts.c) ------------------------- */

struct srec_opt_list;
struct srec_inject;

/*
 * cli_parse_injects - add every option of @specs ("inject=SET:..." or
 * "fault=SET:..."; with @bare_ok also "SET:..." alone) to @inj.
 * @return: 0, 2 after one usage-error line naming the bad option, or 1
 *          (out of memory).
 */
int cli_parse_injects(const struct srec_opt_list *specs, bool bare_ok,
		      const char *const *usage, struct srec_inject *inj);

#endif
