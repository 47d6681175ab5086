// SPDX-License-Identifier: MIT
/* err.c - error names and the stderr message helpers of srec_err.h. */
#include "srec_err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool quiet;

static const struct {
	int code;
	const char *text;
} srec_errors[] = {
	{ SREC_ENOTTRACE, "not an srec trace" },
	{ SREC_EVERSION, "trace format version is newer than this srec" },
	{ SREC_EDAMAGED, "trace is damaged" },
	{ SREC_ETRUNCATED, "trace is truncated" },
	{ SREC_ENOINDEX, "trace has no index" },
	{ SREC_ECORRUPT, "trace event does not decode" },
	{ SREC_EDIVERGED, "replay diverged from the recording" },
	{ SREC_EUSAGE, "usage error" },
};

const char *srec_strerror(int err)
{
	size_t i;

	for (i = 0; i < sizeof(srec_errors) / sizeof(srec_errors[0]); i++)
		if (srec_errors[i].code == err)
			return srec_errors[i].text;
	if (err < 0 && err > -4096)
		return strerror(-err);
	return "unknown error";
}

static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
	/* One fprintf per line so lines from concurrent writers stay whole. */
	char line[4096];

	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "srec: %s%s\n", prefix, line);
}

int srec_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
	return -1;
}

void srec_warn(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vmessage("warning: ", fmt, ap);
	va_end(ap);
}

void srec_note(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
}

void srec_set_quiet(bool q)
{
	quiet = q;
}
