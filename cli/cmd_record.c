// SPDX-License-Identifier: MIT
/*
 * cmd_record.c - `srec record`: run PROG (or attach to a process) under the
 * recorder and exit as PROG did.  The trace's previous version is kept as
 * FILE.old, as perf keeps perf.data.old.
 */
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_opt.h"
#include "srec_rec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const record_usage[] = {
	"srec record [-o FILE] [-s SIZE] [--no-env] [-k] [-q] "
	"[-e inject=SET:error=E|retval=N[:when=EXPR]...] -- PROG [ARG...]  |  "
	"srec record [-o FILE] [-k] [-q] [-e inject=...] -p PID",
	"Run PROG (or attach to process PID and all its threads), following",
	"every process and thread it starts, and record every syscall, signal,",
	"exec and exit into FILE (default trace.srec; an existing one is",
	"renamed FILE.old; a FIFO or device such as /dev/null is written",
	"as it is; - is standard output, and PROG's stdout is then srec's",
	"stderr).  Exits with PROG's status, or 128+N if signal N killed it.",
	"-e inject= tampers with calls as strace's does (strace(1)): SET is a",
	"syscall list (names, %class, !, /regex); error=E fails the call with",
	"E, retval=N makes it return N (either way it is not run);",
	"signal=SIG sends SIG at its entry; delay_enter=/delay_exit=D sleep D",
	"(10 = 10us, 5ms, 1.5s); when=FIRST[..LAST][+[STEP]] picks invocations,",
	"counted per thread and syscall.  -e fault=SET[:error=E][:when=EXPR]",
	"is inject with error=ENOSYS by default.  Injected calls are marked in",
	"the trace and replay as recorded.",
	NULL,
};

static void warn_cb(const char *msg)
{
	srec_warn("%s", msg);
}

int cmd_record(int argc, char **argv)
{
	struct srec_rec_opts o = { 0 };
	struct srec_rec_result res;
	struct srec_opt_list exprs = { 0 };
	struct srec_inject inj = { 0 };
	const char *output = "trace.srec";
	uint64_t cap = 0;
	long pid = 0;
	int no_env = 0, stack = 0, quiet = 0, n, err;
	const struct srec_opt opts[] = {
		SREC_OPT_STRING('o', "output", &output, "FILE",
				"write the trace to FILE (trace.srec; - for stdout)"),
		SREC_OPT_SIZE('s', "size", &cap, "SIZE",
			      "keep at most SIZE bytes of each buffer "
			      "(k, m, g suffixes; default: all)"),
		SREC_OPT_BOOL(0, "no-env", &no_env,
			      "store environment variable names only"),
		SREC_OPT_BOOL('k', "stack-trace", &stack,
			      "keep each call's user stack (8 KiB from sp) "
			      "to unwind later"),
		SREC_OPT_BOOL('q', "quiet", &quiet, "no messages from srec"),
		SREC_OPT_INT('p', "pid", &pid, "PID",
			     "attach to the running process PID; Ctrl-C "
			     "detaches"),
		SREC_OPT_LIST('e', NULL, &exprs, "inject=SPEC",
			      "inject faults as strace -e inject=SPEC "
			      "(or -e fault=SPEC); repeatable"),
		SREC_OPT_END(),
	};

	n = srec_opt_parse(argc, argv, opts, record_usage,
			   SREC_OPT_STOP_AT_NONOPT);
	if (n == SREC_OPT_HELP)
		return 0;
	if (n < 0)
		return 2;
	if (pid && n)
		return srec_usage_error(record_usage,
					"-p PID and PROG exclude each other");
	if (!pid && !n)
		return srec_usage_error(record_usage,
					"what to record? (PROG missing)");
	if (pid < 0 || pid > 0x7fffffff)
		return srec_usage_error(record_usage,
					"-p wants a process id, not %ld", pid);
	if (!*output)
		return srec_usage_error(record_usage, "-o wants a file name");
	srec_set_quiet(quiet);
	err = cli_parse_injects(&exprs, false, record_usage, &inj);
	free(exprs.items);
	if (err) {
		srec_inject_free(&inj);
		return err;
	}

	if (cli_record_output(output, pid, &o.output_fd)) {
		srec_inject_free(&inj);
		return 1;
	}
	argv[n] = NULL;
	o.output = output;
	o.buffer_cap = cap;
	o.no_env = no_env;
	/* Enough for the frames above a syscall in most programs; perf's
	 * --call-graph dwarf default is 8 KiB as well. */
	o.stack_copy = stack ? 8192 : 0;
	o.attach_pid = (pid_t)pid;
	o.argv = pid ? NULL : argv;
	o.warn = warn_cb;
	o.inject = inj.n_rules ? &inj : NULL;
	err = srec_rec_run(&o, &res);
	srec_inject_free(&inj);
	if (err == -ENOENT && !pid) {
		srec_error("%s: command not found", argv[0]);
		return 127;
	}
	if ((err == -EACCES || err == -EISDIR) && !pid) {
		srec_error("%s: %s", argv[0], srec_strerror(err));
		return 126;
	}
	if (err && pid && !res.syscalls) {
		srec_error("cannot attach to process %ld: %s", pid,
			   srec_strerror(err));
		return 1;
	}
	if (err) {
		srec_error("recording into %s failed: %s", output,
			   srec_strerror(err));
		return 1;
	}
	/* One fixed form, for scripts that read it (as perf's). */
	srec_note("recorded %llu syscalls from %llu process%s into %s "
		  "(%.1f MiB)",
		  (unsigned long long)res.syscalls,
		  (unsigned long long)res.processes,
		  res.processes == 1 ? "" : "es", output,
		  (double)res.file_bytes / (1024.0 * 1024.0));
	return res.exit_status;
}
