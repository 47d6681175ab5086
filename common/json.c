// SPDX-License-Identifier: MIT
/* json.c - JSON string literals, base64 and hex (srec_json.h). */
#include "srec_json.h"

#include <stdint.h>

/* Length of the valid UTF-8 sequence at @p (at most @n bytes), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	static const uint32_t min_cp[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len, i;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0)
		len = 2;
	else if ((p[0] & 0xf0) == 0xe0)
		len = 3;
	else if ((p[0] & 0xf8) == 0xf0)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	cp = p[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if (cp < min_cp[len] || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void srec_json_str(struct srec_buf *out, const char *s, size_t n)
{
	static const char esc[] = "\"\"\\\\\bb\ff\nn\rr\tt";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len, k;

	srec_buf_grow(out, n + 2);
	srec_buf_addc(out, '"');
	while (i < n) {
		for (k = 0; esc[k]; k += 2)
			if (p[i] == (unsigned char)esc[k])
				break;
		if (esc[k]) {
			srec_buf_addc(out, '\\');
			srec_buf_addc(out, esc[k + 1]);
			i++;
			continue;
		}
		len = utf8_len(p + i, n - i);
		if (p[i] < 0x20 || p[i] == 0x7f || !len) {
			srec_buf_addf(out, "\\u%04x", p[i]);
			i++;
			continue;
		}
		srec_buf_add(out, p + i, len);
		i += len;
	}
	srec_buf_addc(out, '"');
}

void srec_base64(struct srec_buf *out, const void *data, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const uint8_t *p = data;
	size_t i;

	srec_buf_grow(out, (n + 2) / 3 * 4);
	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		char q[4];

		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = tab[v >> 18];
		q[1] = tab[(v >> 12) & 63];
		q[2] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? tab[v & 63] : '=';
		srec_buf_add(out, q, 4);
	}
}

void srec_hex(struct srec_buf *out, const void *data, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *p = data;
	size_t i;

	srec_buf_grow(out, 2 * n);
	for (i = 0; i < n; i++) {
		out->data[out->len++] = digits[p[i] >> 4];
		out->data[out->len++] = digits[p[i] & 15];
	}
	out->data[out->len] = '\0';
}
