/* SPDX-License-Identifier: MIT */
/*
 * srec_json.h - the few encoders srec's JSON and text outputs share:
 * JSON string literals, base64 and hex.  Each appends to a struct
 * srec_buf.
 */
#ifndef SREC_JSON_H
#define SREC_JSON_H

#include <stddef.h>

#include "srec_buf.h"

/*
 * srec_json_str - append @n bytes of @s as a JSON string literal, quotes
 * included.  Bytes that are not valid UTF-8 become \u00XX, so the output
 * is always valid JSON (as strace-like data often is not UTF-8).
 */
void srec_json_str(struct srec_buf *out, const char *s, size_t n);

/* srec_base64 - append @n bytes of @p in base64 (RFC 4648, padded). */
void srec_base64(struct srec_buf *out, const void *p, size_t n);

/* srec_hex - append @n bytes of @p as lower-case hex digits. */
void srec_hex(struct srec_buf *out, const void *p, size_t n);

#endif
