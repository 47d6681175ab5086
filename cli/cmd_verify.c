// SPDX-License-Identifier: MIT
/*
 * cmd_verify.c - `srec verify FILE`: read every frame of a trace, check
 * every checksum and decode every event.  Exit 0 with "ok: N events in M
 * frames", 1 with the first damaged offset and how much is still
 * readable, 2 when the file cannot be read as a trace at all.
 */
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_fmt.h"
#include "srec_opt.h"

#include <inttypes.h>
#include <stdio.h>

static const char *const verify_usage[] = {
	"srec verify FILE",
	"Check every frame, checksum and event of a trace.",
	"",
	"Exit status: 0 intact, 1 damaged (the first damaged offset and the",
	"number of events still readable are printed), 2 not a readable",
	"trace.",
	NULL,
};

int cmd_verify(int argc, char **argv)
{
	const struct srec_opt opts[] = { SREC_OPT_END() };
	struct srec_fmt_reader *r = NULL;
	struct srec_fmt_file_info fi;
	struct srec_fmt_damage d;
	const Srec__Trailer *t;
	const Srec__Event *ev;
	uint64_t events = 0;
	int n, rc, status;

	n = srec_opt_parse(argc, argv, opts, verify_usage, 0);
	if (n == SREC_OPT_HELP)
		return 0;
	if (n < 0)
		return 2;
	status = cli_one_trace(n, verify_usage);
	if (!status)
		status = cli_open_trace(argv[0], &r);
	if (status)
		return status;
	rc = srec_fmt_reader_file_info(r, &fi);
	while (!rc && (rc = srec_fmt_reader_next(r, &ev)) != 0) {
		if (rc == SREC_EDAMAGED) {
			rc = 0;
			continue;
		}
		if (rc < 0)
			break;
		rc = 0;
		events++;
	}
	if (rc < 0) {
		srec_error("%s: %s", argv[0], srec_strerror(rc));
		status = 2;
		goto out;
	}
	t = srec_fmt_reader_trailer(r);
	if (srec_fmt_reader_damage(r, &d))
		printf("damaged: first damage at offset %" PRIu64 " (%s); "
		       "%" PRIu64 " events readable\n", d.offset, d.what,
		       events);
	status = cli_report_damage(argv[0], r);
	if (!status && t && t->has_events && t->events != events) {
		printf("damaged: the index counts %" PRIu64 " events, %" PRIu64
		       " were read\n", t->events, events);
		srec_error("%s: event count does not match the index",
			   argv[0]);
		status = 1;
	} else if (!status) {
		printf("ok: %" PRIu64 " events in %" PRIu64 " frames\n",
		       events, fi.frames);
	}
out:
	srec_fmt_reader_close(r);
	return status;
}
