// SPDX-License-Identifier: MIT
/* buf.c - growable byte buffer and checked allocation (srec_buf.h). */
#include "srec_buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *srec_xalloc_check(void *p)
{
	if (!p) {
		fputs("srec: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *srec_xmalloc(size_t n)
{
	return srec_xalloc_check(malloc(n ? n : 1));
}

void *srec_xcalloc(size_t nmemb, size_t n)
{
	return srec_xalloc_check(calloc(nmemb ? nmemb : 1, n ? n : 1));
}

void *srec_xrealloc(void *p, size_t n)
{
	return srec_xalloc_check(realloc(p, n ? n : 1));
}

char *srec_xstrdup(const char *s)
{
	return srec_xalloc_check(strdup(s));
}

void srec_buf_grow(struct srec_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (need < b->cap * 2)
		need = b->cap * 2;
	if (need < 64)
		need = 64;
	b->data = srec_xrealloc(b->data, need);
	b->cap = need;
	/* A first allocation holds garbage: keep the string promise of
	 * srec_buf.h for a caller that grows and then adds nothing. */
	b->data[b->len] = '\0';
}

void srec_buf_add(struct srec_buf *b, const void *data, size_t len)
{
	srec_buf_grow(b, len);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void srec_buf_addc(struct srec_buf *b, char c)
{
	srec_buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void srec_buf_adds(struct srec_buf *b, const char *s)
{
	srec_buf_add(b, s, strlen(s));
}

void srec_buf_addf(struct srec_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	srec_buf_grow(b, 64);
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		srec_buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void srec_buf_reset(struct srec_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void srec_buf_free(struct srec_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *srec_buf_detach(struct srec_buf *b)
{
	char *s = b->data ? b->data : srec_xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

const char *srec_buf_str(const struct srec_buf *b)
{
	return b->data ? b->data : "";
}
