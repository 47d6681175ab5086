// SPDX-License-Identifier: MIT
/*
 * time.c - decoders for time structures: timespec, timeval, itimerspec,
 * itimerval, timezone.
 */
#include "decode_int.h"

#include <inttypes.h>
#include <string.h>

void dec_timespec(struct srec_buf *out, const uint8_t *p)
{
	srec_buf_addf(out, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}",
		      (int64_t)dec_u64(p, 0), (int64_t)dec_u64(p, 8));
}

void dec_timeval(struct srec_buf *out, const uint8_t *p)
{
	srec_buf_addf(out, "{tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}",
		      (int64_t)dec_u64(p, 0), (int64_t)dec_u64(p, 8));
}

static void print_timespec(struct dec *d, const uint8_t *p, size_t n)
{
	dec_timespec(d->out, p);
}

static void print_timeval(struct dec *d, const uint8_t *p, size_t n)
{
	dec_timeval(d->out, p);
}

static void print_itimerspec(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_adds(d->out, "{it_interval=");
	dec_timespec(d->out, p);
	srec_buf_adds(d->out, ", it_value=");
	dec_timespec(d->out, p + 16);
	srec_buf_addc(d->out, '}');
}

static void print_itimerval(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_adds(d->out, "{it_interval=");
	dec_timeval(d->out, p);
	srec_buf_adds(d->out, ", it_value=");
	dec_timeval(d->out, p + 16);
	srec_buf_addc(d->out, '}');
}

static void print_timezone(struct dec *d, const uint8_t *p, size_t n)
{
	int32_t west, dst;

	memcpy(&west, p, 4);
	memcpy(&dst, p + 4, 4);
	srec_buf_addf(d->out, "{tz_minuteswest=%d, tz_dsttime=%d}", west, dst);
}

const struct dec_struct_row dec_time_structs[] = {
	{ SREC_STRUCT_TIMESPEC, 16, print_timespec },
	{ SREC_STRUCT_TIMEVAL, 16, print_timeval },
	{ SREC_STRUCT_ITIMERSPEC, 32, print_itimerspec },
	{ SREC_STRUCT_ITIMERVAL, 32, print_itimerval },
	{ SREC_STRUCT_TIMEZONE, 8, print_timezone },
	{ 0 }
};
