/* SPDX-License-Identifier: MIT */
/*
 * q_int.h - internals of the query module: building a database from
 * traces (load.c), finding or making caches and opening the read-only
 * session (open.c), running SQL (exec.c), printing rows (output.c) and
 * the console (console.c).
 * Not for use outside query/.
 */
#ifndef SREC_Q_INT_H
#define SREC_Q_INT_H

#include <sqlite3.h>

#include "srec_buf.h"
#include "srec_q.h"

/* schemas/query.sql, compiled in by embed.cmake. */
extern const char q_schema_text[];

/* The line of query.sql after which come the indexes. */
#define Q_INDEX_MARK "-- @indexes"

/* What identifies the content of a trace file without reading it all. */
struct q_key {
	int64_t size;
	int64_t mtime_ns;
	int64_t head_hash; /* XXH64 of the first and the last 4 KiB */
};

/*
 * q_key_of - the key of trace file @path.
 * @return: 0, or -errno.
 */
int q_key_of(const char *path, struct q_key *k);

/*
 * q_schema_version - a number that changes with query.sql and the loader
 * (PRAGMA user_version of every database srec builds), so a cache built
 * by another srec is rebuilt.
 */
int32_t q_schema_version(void);

/* A database built in memory: sqlite3_serialize()'s image of it. */
struct q_image {
	unsigned char *data; /* sqlite3_free() it, or hand it to SQLite */
	sqlite3_int64 size;
};

/*
 * q_build - create the database @file (which must not exist) holding the
 * @n traces @in with keys @keys; or, when @file is NULL, build it in
 * memory and return its image in @image.
 * @bad: on failure, the input at fault, or @n.
 * @return: 0, the reader's error for an unreadable trace, or an errno
 *          mapped from SQLite (q_errno()).
 */
int q_build(const char *file, const struct srec_q_input *in,
	    const struct q_key *keys, size_t n, const struct srec_q_opts *o,
	    size_t *bad, struct q_image *image);

/* A negative errno for SQLite result code @rc. */
int q_errno(int rc);

/* The session behind struct srec_q. */
struct srec_q {
	sqlite3 *db;
	size_t n;
	char **damage;          /* [n]: what was lost, or NULL */
	unsigned loaded;
	struct srec_buf err;    /* message of the last failure */
	const char *refusal;    /* why the authorizer said no, or NULL */
	struct srec_buf refusal_text; /* ... as the user wrote it */
	bool attached;          /* per-trace databases t0.. under views */
};

/*
 * q_guard - make @q->db read-only for every statement that follows:
 * query_only, no extension loading, defensive mode, no more ATTACH, and
 * the authorizer.
 * @return: 0, or an errno mapped from SQLite.
 */
int q_guard(struct srec_q *q);

/* ---- Printing rows (output.c) ---------------------------------------- */

struct q_out;

struct q_out *q_out_new(enum srec_q_mode mode, FILE *f);
/* Print the header for the columns of @st (before the first row). */
void q_out_begin(struct q_out *o, sqlite3_stmt *st);
/* Print (or keep, in table mode) the current row of @st. */
void q_out_row(struct q_out *o, sqlite3_stmt *st);
/* Finish the result (table mode prints everything here). */
void q_out_end(struct q_out *o);
/* Free @o; @return: 0, or -EIO if a write to the stream failed. */
int q_out_free(struct q_out *o);

/* ---- pid/tid -> index (idmap.c) ---------------------------------------- */

/* An open-addressing map from a pid or tid to an index into an array of
 * records.  Starts zeroed. */
struct q_idmap {
	int32_t *keys;
	uint32_t *idx;
	size_t cap; /* a power of two */
	size_t n;
};

/*
 * q_idmap_get - the index stored for @key; or, when there is none, store
 * @next and return it with *added set.
 */
uint32_t q_idmap_get(struct q_idmap *m, int32_t key, uint32_t next,
		     bool *added);
void q_idmap_free(struct q_idmap *m);

/* ---- Text helpers ------------------------------------------------------ */

/* Append @s to @b quoted as a shell would need it ("a b" -> 'a b'). */
void q_shell_quote(struct srec_buf *b, const char *s);

#endif
