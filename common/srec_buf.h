/* SPDX-License-Identifier: MIT */
/*
 * srec_buf.h - a growable byte buffer (git's strbuf, smaller).
 *
 * A buffer starts as SREC_BUF_INIT, grows on demand and is always
 * NUL-terminated after `len` bytes so it can be printed as a string.
 * Allocation failure aborts: srec cannot do useful work without memory and
 * every caller would otherwise carry the same dead error path.
 */
#ifndef SREC_BUF_H
#define SREC_BUF_H

#include <stddef.h>
#include <stdint.h>

struct srec_buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define SREC_BUF_INIT { NULL, 0, 0 }

/* Make room for @extra more bytes (plus the NUL). */
void srec_buf_grow(struct srec_buf *b, size_t extra);
void srec_buf_add(struct srec_buf *b, const void *data, size_t len);
void srec_buf_addc(struct srec_buf *b, char c);
void srec_buf_adds(struct srec_buf *b, const char *s);
void srec_buf_addf(struct srec_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Forget the contents, keep the memory. */
void srec_buf_reset(struct srec_buf *b);
/* Release the memory; @b is SREC_BUF_INIT again. */
void srec_buf_free(struct srec_buf *b);
/* Return the string (caller frees it with free()); @b is emptied. */
char *srec_buf_detach(struct srec_buf *b);
/* The contents as a string: "" for a buffer never written to. */
const char *srec_buf_str(const struct srec_buf *b);

/* Abort with a message when an allocation fails; returns @p otherwise. */
void *srec_xalloc_check(void *p);
void *srec_xmalloc(size_t n);
void *srec_xcalloc(size_t nmemb, size_t n);
void *srec_xrealloc(void *p, size_t n);
char *srec_xstrdup(const char *s);

#endif
