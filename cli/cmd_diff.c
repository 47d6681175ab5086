// SPDX-License-Identifier: MIT
/*
 * cmd_diff.c - `srec diff A.srec B.srec`: print where two recorded runs
 * part (query/diff.c does the work) and turn the outcome into the exit
 * status: 0 same, 1 different or damaged, 2 usage error or unreadable.
 */
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_opt.h"
#include "srec_q.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const diff_usage[] = {
	"srec diff [-C N] [-s SIZE] [--window N] A.srec B.srec",
	"Compare two recorded runs process by process and print where they",
	"first part (with context from both, decoded as dump prints it),",
	"the syscall counts that changed and the files only one run touched.",
	"Pointers, pids and times are ignored; arguments, paths, the bytes",
	"given to the kernel and results are compared.",
	"",
	"Exit status: 0 same, 1 different (or a trace is damaged: the intact",
	"events are compared), 2 usage error or a trace that cannot be read.",
	NULL,
};

int cmd_diff(int argc, char **argv)
{
	struct srec_q_diff_opts o;
	struct srec_q_diff_result res;
	long context = 3, window = 1000, max_str = 32;
	const struct srec_opt opts[] = {
		SREC_OPT_INT('C', "context", &context, "N",
			     "matching events shown before the difference "
			     "(3)"),
		SREC_OPT_INT('s', NULL, &max_str, "SIZE",
			     "print at most SIZE bytes of each string (32)"),
		SREC_OPT_INT(0, "window", &window, "N",
			     "calls searched ahead to realign the runs "
			     "(1000)"),
		SREC_OPT_END(),
	};
	int n, rc, i, status;

	n = srec_opt_parse(argc, argv, opts, diff_usage, 0);
	if (n == SREC_OPT_HELP)
		return 0;
	if (n < 0)
		return 2;
	if (n != 2)
		return srec_usage_error(diff_usage, "want two traces, A and "
					"B, not %d", n);
	if (context < 0 || context > 1000)
		return srec_usage_error(diff_usage, "-C wants 0 to 1000");
	if (max_str < 0 || max_str > (1L << 20))
		return srec_usage_error(diff_usage, "-s wants a size from 0 "
					"to 1M");
	if (window < 1 || window > 100000)
		return srec_usage_error(diff_usage, "--window wants 1 to "
					"100000");
	o.context = (unsigned)context;
	o.window = (unsigned)window;
	o.max_str = (unsigned)max_str;
	rc = srec_q_diff(argv[0], argv[1], &o, stdout, &res);
	if (rc) {
		if (res.bad >= 0)
			srec_error("diff: %s: %s", argv[res.bad],
				   srec_strerror(rc));
		else
			srec_error("diff: writing output: %s",
				   strerror(-rc));
		srec_q_diff_result_free(&res);
		return 2;
	}
	status = res.differ ? 1 : 0;
	for (i = 0; i < 2; i++) {
		if (!res.damage[i])
			continue;
		srec_error("%s: %s", argv[i], res.damage[i]);
		status = 1;
	}
	srec_q_diff_result_free(&res);
	return status;
}
