// SPDX-License-Identifier: MIT
/*
 * trace.c - what the commands that read one trace (dump, info, verify)
 * share: the operand check, opening with the one-line error the SPEC
 * asks for, and the closing line naming what a damaged trace lost.
 */
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_fmt.h"
#include "srec_opt.h"

#include <stdio.h>

int cli_one_trace(int n, const char *const *usage)
{
	if (n == 1)
		return 0;
	if (!n)
		return srec_usage_error(usage, "which trace? (FILE missing)");
	return srec_usage_error(usage, "one trace at a time, not %d", n);
}

int cli_trace_error(const char *path, int rc)
{
	/* Say which major version this srec reads: the user then knows a
	 * newer srec is needed, not that the file is bad. */
	if (rc == SREC_EVERSION)
		srec_error("%s: %s (this srec reads format %d.x)", path,
			   srec_strerror(rc), SREC_FMT_MAJOR);
	else
		srec_error("%s: %s", path, srec_strerror(rc));
	return 2;
}

int cli_open_trace(const char *path, struct srec_fmt_reader **r)
{
	int rc = srec_fmt_reader_open(path, r);

	return rc ? cli_trace_error(path, rc) : 0;
}

int cli_report_damage(const char *path, struct srec_fmt_reader *r)
{
	const char *what;

	if (srec_fmt_reader_complete(r))
		return 0;
	what = srec_fmt_reader_describe_damage(r);
	/* After everything printed so far, as grep reports a read error
	 * after its matches. */
	fflush(stdout);
	srec_error("%s: %s", path, *what ? what :
		   "trace is incomplete (no index: was the writer killed?)");
	return 1;
}
