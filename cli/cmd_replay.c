// SPDX-License-Identifier: MIT
/*
 * cmd_replay.c - `srec replay`: re-run a recorded program on the recorded
 * world (replayer/srec_rpl.h does the work; this file parses options and
 * turns the result into an exit status).
 */
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_gdb.h"
#include "srec_opt.h"
#include "srec_rpl.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const replay_usage[] = {
	"srec replay [--exe PATH] [--no-echo] [--until N] [--stall-ms N] [-q] "
	"[--inject=SPEC --live-after-inject] FILE",
	"Run the recorded program again, feeding it the recorded results of",
	"every call; stop with a report at the first difference (exit 1).",
	"--inject=SET:error=E|retval=N[:when=EXPR]... (record -e inject='s",
	"syntax, repeatable) with --live-after-inject: replay up to the first",
	"recorded call SPEC picks, inject there, then let the program run on",
	"live (real syscalls on this system, untraced); exit with its status.",
	"",
	"srec replay --gdb [--stop-at SEQ] FILE [-- GDB-ARGS] runs it under",
	"gdb, stopped at its first instruction (or just before event SEQ);",
	"gdb steps, breaks and watches as on a live process.  --gdb-port and",
	"--gdb-listen only serve gdb's remote protocol and print the gdb",
	"command line to attach.  In gdb, `monitor help` lists srec's",
	"commands (seq, run-to, goto, info).",
	NULL,
};

int cmd_replay(int argc, char **argv)
{
	struct srec_rpl_opts o;
	struct srec_rpl_live live = { 0 };
	struct srec_opt_list specs = { 0 };
	struct srec_inject inj = { 0 };
	const char *exe = NULL;
	int no_echo = 0, quiet = 0, live_after = 0, n, ret;
	long until = LONG_MIN, stall_ms = -1, gdb_port = -1, stop_at = -1;
	int gdb = 0;
	const char *gdb_listen = NULL;
	char listen_buf[32];
	struct srec_gdb_opts go;
	const struct srec_opt opts[] = {
		SREC_OPT_STRING(0, "exe", &exe, "PATH",
				"run PATH instead of the recorded program"),
		SREC_OPT_BOOL(0, "no-echo", &no_echo,
			      "do not show the program's stdout and stderr"),
		SREC_OPT_INT(0, "until", &until, "N",
			     "stop before event N and leave the program "
			     "stopped for a debugger"),
		SREC_OPT_INT(0, "stall-ms", &stall_ms, "N",
			     "report a stall after N ms without progress "
			     "(default 10000)"),
		SREC_OPT_BOOL(0, "gdb", &gdb, "debug the replay with gdb (started "
			      "on a private port)"),
		SREC_OPT_INT(0, "gdb-port", &gdb_port, "PORT",
			     "serve gdb on 127.0.0.1:PORT (0: any free port) "
			     "and print the command to attach"),
		SREC_OPT_STRING(0, "gdb-listen", &gdb_listen, "ADDR:PORT",
				"serve gdb on ADDR:PORT (other hosts)"),
		SREC_OPT_INT(0, "stop-at", &stop_at, "SEQ",
			     "with a gdb option: stop first just before event "
			     "SEQ"),
		SREC_OPT_BOOL('q', "quiet", &quiet, "no srec messages"),
		SREC_OPT_LIST(0, "inject", &specs, "SPEC",
			      "inject at the first recorded call SPEC picks "
			      "(SET:error=E|retval=N[:when=EXPR]...), then "
			      "run live; needs --live-after-inject"),
		SREC_OPT_BOOL(0, "live-after-inject", &live_after,
			      "agree that the program runs live, on the real "
			      "system, after the injected call"),
		SREC_OPT_END(),
	};

	n = srec_opt_parse(argc, argv, opts, replay_usage, 0);
	if (n == SREC_OPT_HELP)
		return 0;
	if (n == SREC_OPT_ERROR)
		return 2;
	if ((gdb != 0) + (gdb_port != -1) + (gdb_listen != NULL) > 1)
		return srec_usage_error(replay_usage, "--gdb, --gdb-port and "
					"--gdb-listen exclude each other");
	if (gdb_port != -1 && (gdb_port < 0 || gdb_port > 65535))
		return srec_usage_error(replay_usage, "--gdb-port wants 0 to "
					"65535");
	if (stop_at != -1 && (stop_at < 0 || !(gdb || gdb_port != -1 ||
					       gdb_listen)))
		return srec_usage_error(replay_usage, "--stop-at wants an "
					"event number and a gdb option");
	if (gdb || gdb_port != -1 || gdb_listen) {
		if (n < 1)
			return srec_usage_error(replay_usage, "which trace?");
		if (n > 1 && !gdb)
			return srec_usage_error(replay_usage, "only --gdb "
						"takes gdb arguments");
		if (until != LONG_MIN)
			return srec_usage_error(replay_usage, "--until does "
						"not go with gdb: use "
						"--stop-at");
		if (specs.n) {
			free(specs.items);
			return srec_usage_error(replay_usage, "--inject does "
						"not go with gdb");
		}
	} else if (cli_one_trace(n, replay_usage)) {
		return 2;
	}
	if (until != LONG_MIN && until < 0)
		return srec_usage_error(replay_usage, "--until wants an "
					"event number");
	if (stall_ms != -1 && (stall_ms < 1 || stall_ms > 3600000))
		return srec_usage_error(replay_usage, "--stall-ms wants 1 to "
					"3600000");
	if (specs.n && !live_after) {
		free(specs.items);
		return srec_usage_error(replay_usage, "--inject needs "
					"--live-after-inject: after the injected "
					"call the program takes a path the "
					"recording does not have, so it can only go "
					"on live, with real syscalls on this system");
	}
	if (live_after && !specs.n)
		return srec_usage_error(replay_usage, "--live-after-inject "
					"without --inject=SPEC: where to inject?");
	srec_set_quiet(quiet);
	ret = cli_parse_injects(&specs, true, replay_usage, &inj);
	free(specs.items);
	if (ret) {
		srec_inject_free(&inj);
		return ret;
	}
	memset(&o, 0, sizeof(o));
	o.trace = argv[0];
	o.exe = exe;
	o.no_echo = no_echo;
	o.has_until = until != LONG_MIN;
	o.until = o.has_until ? (uint64_t)until : 0;
	o.stall_ms = stall_ms == -1 ? 0 : (unsigned)stall_ms;
	if (inj.n_rules) {
		o.inject = &inj;
		o.live = &live;
	}
	memset(&go, 0, sizeof(go));
	if (gdb || gdb_port != -1 || gdb_listen) {
		if (gdb_port != -1) {
			snprintf(listen_buf, sizeof(listen_buf),
				 "127.0.0.1:%ld", gdb_port);
			gdb_listen = listen_buf;
		}
		go.listen = gdb_listen;
		go.launch = gdb;
		go.gdb_args = argv + 1;
		go.n_gdb_args = n - 1;
		go.has_stop_at = stop_at != -1;
		go.stop_at = go.has_stop_at ? (uint64_t)stop_at : 0;
		ret = srec_gdb_replay(&o, &go);
	} else {
		ret = srec_rpl_run(&o);
	}
	if (!ret && inj.n_rules && !live.went_live)
		srec_warn("--inject picked no call of the recording: it "
			  "replayed to the end as recorded");
	srec_inject_free(&inj);
	switch (ret) {
	case 0:
		return live.went_live ? live.status : 0;
	case -ECONNRESET:
		return 1; /* gdb went away: said so */
	case SREC_EDIVERGED:
		return 1; /* the report is printed */
	case SREC_EDAMAGED:
	case -ECANCELED:
		return 2; /* the damage or the failed start is named */
	case -ENOEXEC:
		srec_error("%s: no program start in the trace (recorded with "
			   "-p?)", o.trace);
		return 2;
	default:
		return cli_trace_error(o.trace, ret);
	}
}
