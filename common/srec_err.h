/* SPDX-License-Identifier: MIT */
/*
 * srec_err.h - error codes and the one message helper.
 *
 * Functions return 0 (or a count) on success and a negative number on
 * failure: -errno for system errors, or one of the SREC_E* codes below for
 * trace problems.  The SREC_E* codes sit below -4095 so they never collide
 * with a negated errno.  Modules return errors; only cli/ reports them.
 */
#ifndef SREC_ERR_H
#define SREC_ERR_H

#include <stdbool.h>

enum {
	SREC_ENOTTRACE = -5001, /* The file is not an srec trace */
	SREC_EVERSION = -5002,  /* The trace needs a newer srec (major) */
	SREC_EDAMAGED = -5003,  /* The trace is damaged (checksum, cut frame) */
	SREC_ETRUNCATED = -5004, /* The trace ends early (writer was killed) */
	SREC_ENOINDEX = -5005,  /* The trace has no index (random access) */
	SREC_ECORRUPT = -5006,  /* An event does not decode */
	SREC_EDIVERGED = -5007, /* Replay diverged from the recording */
	SREC_EUSAGE = -5008,    /* Bad command-line usage */
};

/*
 * srec_strerror - text for a negative srec or errno code.
 * @err: a value returned by an srec function (negative).
 * @return: a static string; never NULL.
 */
const char *srec_strerror(int err);

/*
 * srec_error - print "srec: <message>\n" on stderr.
 * @return: -1, so callers can write `return srec_error(...)`.
 * Always printed, even in quiet mode.
 */
int srec_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * srec_warn - print "srec: warning: <message>\n" on stderr, unless quiet.
 */
void srec_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * srec_note - print "srec: <message>\n" on stderr, unless quiet.  For
 * progress and summaries (`srec: recorded N syscalls ...`).
 */
void srec_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* srec_set_quiet - silence srec_warn() and srec_note() (record -q). */
void srec_set_quiet(bool quiet);

#endif
