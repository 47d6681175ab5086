// SPDX-License-Identifier: MIT
/*
 * output.c - print result rows: aligned columns (like sqlite3's column
 * mode: a header, a line of dashes, numbers right-aligned), CSV (RFC 4180)
 * or JSON Lines (one object per row, as jq reads a stream).
 *
 * Table mode keeps the whole result to size the columns; the other modes
 * print each row as it comes.
 */
#include "q_int.h"
#include "srec_json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct q_out {
	enum srec_q_mode mode;
	FILE *f;
	int ncols;
	const char **names;
	struct srec_buf line;
	struct srec_buf val; /* one value as text */
	/* Table mode: every cell's text, header first, and where each
	 * starts (offs[n_cells] is the end of the last). */
	struct srec_buf cells;
	size_t *offs;
	size_t n_cells, cap_offs;
	size_t *width;
	bool *numeric; /* right-aligned: no value in it but numbers */
	bool *any;     /* some non-NULL value seen */
};

struct q_out *q_out_new(enum srec_q_mode mode, FILE *f)
{
	struct q_out *o = srec_xcalloc(1, sizeof(*o));

	o->mode = mode;
	o->f = f;
	return o;
}

/* Table cells show control characters escaped, so a row stays a line. */
static void add_escaped(struct srec_buf *b, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n')
			srec_buf_adds(b, "\\n");
		else if (p[i] == '\t')
			srec_buf_adds(b, "\\t");
		else if (p[i] == '\r')
			srec_buf_adds(b, "\\r");
		else if (p[i] < 0x20 || p[i] == 0x7f)
			srec_buf_addf(b, "\\x%02x", p[i]);
		else
			srec_buf_addc(b, (char)p[i]);
	}
}

/* Columns on screen: UTF-8 continuation bytes take none. */
static size_t display_width(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

static void table_cell(struct q_out *o, const char *s, size_t n, int col,
		       bool escape)
{
	size_t w;

	if (o->n_cells + 2 > o->cap_offs) {
		o->cap_offs = o->cap_offs ? 2 * o->cap_offs : 256;
		o->offs = srec_xrealloc(o->offs,
					o->cap_offs * sizeof(*o->offs));
	}
	o->offs[o->n_cells++] = o->cells.len;
	if (escape)
		add_escaped(&o->cells, (const unsigned char *)s, n);
	else
		srec_buf_add(&o->cells, s, n);
	o->offs[o->n_cells] = o->cells.len;
	w = display_width(o->cells.data + o->offs[o->n_cells - 1],
			  o->cells.len - o->offs[o->n_cells - 1]);
	if (w > o->width[col])
		o->width[col] = w;
}

void q_out_begin(struct q_out *o, sqlite3_stmt *st)
{
	int i;

	o->ncols = sqlite3_column_count(st);
	o->names = srec_xcalloc((size_t)o->ncols, sizeof(*o->names));
	for (i = 0; i < o->ncols; i++)
		o->names[i] = sqlite3_column_name(st, i) ?: "";
	switch (o->mode) {
	case SREC_Q_TABLE:
		o->width = srec_xcalloc((size_t)o->ncols, sizeof(*o->width));
		o->numeric = srec_xcalloc((size_t)o->ncols,
					  sizeof(*o->numeric));
		o->any = srec_xcalloc((size_t)o->ncols, sizeof(*o->any));
		for (i = 0; i < o->ncols; i++) {
			o->numeric[i] = true;
			table_cell(o, o->names[i], strlen(o->names[i]), i,
				   true);
		}
		break;
	case SREC_Q_CSV:
		/* The header is a record like the others. */
		srec_buf_reset(&o->line);
		for (i = 0; i < o->ncols; i++) {
			const char *n = o->names[i];
			bool quote = strpbrk(n, ",\"\r\n") != NULL;

			if (i)
				srec_buf_addc(&o->line, ',');
			if (!quote) {
				srec_buf_adds(&o->line, n);
				continue;
			}
			srec_buf_addc(&o->line, '"');
			for (; *n; n++) {
				if (*n == '"')
					srec_buf_addc(&o->line, '"');
				srec_buf_addc(&o->line, *n);
			}
			srec_buf_addc(&o->line, '"');
		}
		srec_buf_adds(&o->line, "\r\n");
		fwrite(o->line.data, 1, o->line.len, o->f);
		break;
	case SREC_Q_JSON:
		break;
	}
}

/* A value as text for table and CSV modes: BLOBs in hex, NULL empty. */
static void value_text(struct srec_buf *b, sqlite3_stmt *st, int i)
{
	const void *p;
	int n;

	srec_buf_reset(b);
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		return;
	case SQLITE_BLOB:
		p = sqlite3_column_blob(st, i);
		n = sqlite3_column_bytes(st, i);
		srec_hex(b, p, (size_t)n);
		return;
	default:
		p = sqlite3_column_text(st, i);
		n = sqlite3_column_bytes(st, i);
		srec_buf_add(b, p, (size_t)n);
		return;
	}
}

static void csv_field(struct srec_buf *line, const char *s, size_t n)
{
	size_t i;
	bool quote = false;

	for (i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' ||
			s[i] == '\n';
	if (!quote) {
		srec_buf_add(line, s, n);
		return;
	}
	srec_buf_addc(line, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			srec_buf_addc(line, '"');
		srec_buf_addc(line, s[i]);
	}
	srec_buf_addc(line, '"');
}

static void json_value(struct srec_buf *line, sqlite3_stmt *st, int i)
{
	double d;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		srec_buf_adds(line, "null");
		break;
	case SQLITE_INTEGER:
		srec_buf_addf(line, "%lld",
			      (long long)sqlite3_column_int64(st, i));
		break;
	case SQLITE_FLOAT:
		d = sqlite3_column_double(st, i);
		/* JSON has no NaN or infinity. */
		if (isfinite(d))
			srec_buf_addf(line, "%.17g", d);
		else
			srec_buf_adds(line, "null");
		break;
	case SQLITE_BLOB:
		srec_buf_addc(line, '"');
		srec_base64(line, sqlite3_column_blob(st, i),
			    (size_t)sqlite3_column_bytes(st, i));
		srec_buf_addc(line, '"');
		break;
	default:
		srec_json_str(line, (const char *)sqlite3_column_text(st, i),
			      (size_t)sqlite3_column_bytes(st, i));
		break;
	}
}

void q_out_row(struct q_out *o, sqlite3_stmt *st)
{
	struct srec_buf *v = &o->val;
	int i, type;

	srec_buf_reset(&o->line);
	for (i = 0; i < o->ncols; i++) {
		switch (o->mode) {
		case SREC_Q_TABLE:
			type = sqlite3_column_type(st, i);
			if (type != SQLITE_NULL) {
				o->any[i] = true;
				if (type != SQLITE_INTEGER &&
				    type != SQLITE_FLOAT)
					o->numeric[i] = false;
			}
			value_text(v, st, i);
			table_cell(o, v->data, v->len, i, true);
			break;
		case SREC_Q_CSV:
			if (i)
				srec_buf_addc(&o->line, ',');
			value_text(v, st, i);
			csv_field(&o->line, v->data, v->len);
			break;
		case SREC_Q_JSON:
			srec_buf_adds(&o->line, i ? "," : "{");
			srec_json_str(&o->line, o->names[i],
				      strlen(o->names[i]));
			srec_buf_addc(&o->line, ':');
			json_value(&o->line, st, i);
			break;
		}
	}
	if (o->mode == SREC_Q_CSV)
		srec_buf_adds(&o->line, "\r\n");
	else if (o->mode == SREC_Q_JSON)
		srec_buf_adds(&o->line, o->ncols ? "}\n" : "{}\n");
	if (o->mode != SREC_Q_TABLE)
		fwrite(o->line.data, 1, o->line.len, o->f);
}

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

void q_out_end(struct q_out *o)
{
	size_t rows, r, w, len;
	int c;

	if (o->mode != SREC_Q_TABLE || !o->ncols)
		return;
	rows = o->n_cells / (size_t)o->ncols;
	/* Like sqlite3: an empty result prints nothing. */
	if (rows < 2)
		return;
	for (r = 0; r < rows; r++) {
		for (c = 0; c < o->ncols; c++) {
			size_t i = r * (size_t)o->ncols + (size_t)c;
			const char *s = o->cells.data + o->offs[i];
			bool right = o->numeric[c] && o->any[c];
			bool last = c == o->ncols - 1;

			len = o->offs[i + 1] - o->offs[i];
			w = display_width(s, len);
			if (c)
				fputs("  ", o->f);
			if (right)
				pad(o->f, o->width[c] - w);
			fwrite(s, 1, len, o->f);
			if (!right && !last)
				pad(o->f, o->width[c] - w);
		}
		fputc('\n', o->f);
		if (r)
			continue;
		for (c = 0; c < o->ncols; c++) {
			if (c)
				fputs("  ", o->f);
			for (w = 0; w < (o->width[c] ?: 1); w++)
				fputc('-', o->f);
		}
		fputc('\n', o->f);
	}
}

int q_out_free(struct q_out *o)
{
	int rc;

	if (!o)
		return 0;
	rc = ferror(o->f) ? -EIO : 0;
	free(o->names);
	free(o->offs);
	free(o->width);
	free(o->numeric);
	free(o->any);
	srec_buf_free(&o->cells);
	srec_buf_free(&o->line);
	srec_buf_free(&o->val);
	free(o);
	return rc;
}
