// SPDX-License-Identifier: MIT
/*
 * open.c - from trace files to a read-only SQL session: naming inputs,
 * finding a still valid cache (or building one, or a database in memory
 * when the trace's directory is not writable), the --db file, and the
 * temporary views that show several per-trace databases as one.
 *
 * Why per-trace caches attached side by side rather than one database
 * for all: a trace is loaded once whatever it is compared with, and
 * dropping or changing one trace rebuilds only its own cache.  The views
 * put each input's name in the `trace` column (the cache holds the name
 * it was first loaded under), so `good=a.srec` and `a.srec` share a cache.
 */
#include "q_int.h"
#include "srec_err.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
		   "0123456789_-."

/* ---- Inputs ------------------------------------------------------------- */

static char *default_name(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 5 && !strcmp(base + len - 5, ".srec"))
		len -= 5;
	return strndup(base, len) ?: srec_xalloc_check(NULL);
}

int srec_q_parse_input(const char *arg, struct srec_q_input *in)
{
	const char *eq = strchr(arg, '=');
	struct stat st;

	if (*arg && !stat(arg, &st)) {
		in->path = arg;
		in->name = default_name(arg);
		return 1;
	}
	if (eq && eq > arg && strspn(arg, NAME_CHARS) == (size_t)(eq - arg) &&
	    eq[1] && !stat(eq + 1, &st)) {
		in->path = eq + 1;
		in->name = strndup(arg, (size_t)(eq - arg)) ?:
				   srec_xalloc_check(NULL);
		return 1;
	}
	return 0;
}

/* ---- Checking a database against the traces ----------------------------- */

static int64_t single_int(sqlite3 *db, const char *sql, const char *arg,
			  int64_t fallback)
{
	sqlite3_stmt *st = NULL;
	int64_t v = fallback;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
out:
	sqlite3_finalize(st);
	return v;
}

static bool key_matches(sqlite3 *db, const char *name, const struct q_key *k)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (sqlite3_prepare_v2(db, "SELECT size, mtime_ns, head_hash FROM "
			       "traces WHERE trace = ?1 OR ?1 IS NULL", -1,
			       &st, NULL) != SQLITE_OK)
		goto out;
	if (name)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	ok = sqlite3_step(st) == SQLITE_ROW &&
	     sqlite3_column_int64(st, 0) == k->size &&
	     sqlite3_column_int64(st, 1) == k->mtime_ns &&
	     sqlite3_column_int64(st, 2) == k->head_hash &&
	     sqlite3_step(st) == SQLITE_DONE;
out:
	sqlite3_finalize(st);
	return ok;
}

/*
 * Whether @file is a database this srec built from exactly these traces,
 * unchanged since.  @names NULL: a cache, one trace under any name.
 */
static bool db_is_current(const char *file, const struct srec_q_input *in,
			  const struct q_key *keys, size_t n, bool names)
{
	sqlite3 *db = NULL;
	bool ok = false;
	size_t i;

	if (access(file, R_OK))
		return false;
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		goto out;
	if (single_int(db, "PRAGMA user_version", NULL, 0) !=
		    q_schema_version() ||
	    single_int(db, "SELECT count(*) FROM traces", NULL, -1) !=
		    (int64_t)n)
		goto out;
	for (i = 0; i < n; i++)
		if (!key_matches(db, names ? in[i].name : NULL, &keys[i]))
			goto out;
	ok = true;
out:
	sqlite3_close(db);
	return ok;
}

/* Whether @file is a database some srec built (maybe another version). */
static bool is_srec_db(const char *file)
{
	sqlite3 *db = NULL;
	bool yes;

	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return false;
	}
	yes = single_int(db, "SELECT count(*) FROM sqlite_schema WHERE "
			 "type = 'table' AND name IN ('traces', 'syscalls', "
			 "'systable')", NULL, 0) == 3;
	sqlite3_close(db);
	return yes;
}

/* ---- Building ----------------------------------------------------------- */

/*
 * Build into a fresh file beside @final and rename it into place, so a
 * reader never sees half a database and two srecs building the same cache
 * do not collide.  Created 0600: the database holds what the trace holds.
 */
static int build_as(const char *final, const struct srec_q_input *in,
		    const struct q_key *keys, size_t n,
		    const struct srec_q_opts *o, size_t *bad)
{
	struct srec_buf tmp = SREC_BUF_INIT;
	int fd, rc;

	*bad = n;
	srec_buf_addf(&tmp, "%s.tmp-%d", final, (int)getpid());
	unlink(tmp.data);
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = -errno;
		goto out;
	}
	close(fd);
	rc = q_build(tmp.data, in, keys, n, o, bad, NULL);
	if (!rc && rename(tmp.data, final))
		rc = -errno;
	if (rc)
		unlink(tmp.data);
out:
	srec_buf_free(&tmp);
	return rc;
}

static bool is_unwritable(int rc)
{
	return rc == -EACCES || rc == -EROFS || rc == -EPERM;
}

/* Where input @i's database is: a cache file, or an image in memory. */
struct place {
	char *file;
	struct q_image image;
};

/*
 * Find the cache of @in (TRACE.sqlite beside it) or build it.  When the
 * trace's directory cannot take it, build the database in memory for
 * this session only: the trace's secrets go nowhere else.
 */
static int find_cache(struct srec_q *q, const struct srec_q_input *in,
		      const struct q_key *k, const struct srec_q_opts *o,
		      struct place *pl)
{
	struct srec_buf file = SREC_BUF_INIT;
	size_t bad;
	int rc = 0;

	q->loaded++;
	if (o && o->no_cache)
		return q_build(NULL, in, k, 1, o, &bad, &pl->image);
	srec_buf_addf(&file, "%s.sqlite", in->path);
	if (db_is_current(file.data, in, k, 1, false)) {
		q->loaded--;
		goto out_file;
	}
	rc = build_as(file.data, in, k, 1, o, &bad);
	if (!rc)
		goto out_file;
	if (is_unwritable(rc))
		rc = q_build(NULL, in, k, 1, o, &bad, &pl->image);
	srec_buf_free(&file);
	return rc;
out_file:
	pl->file = srec_buf_detach(&file);
	return 0;
}

/* ---- The session -------------------------------------------------------- */

/* Append @s as an SQL string literal. */
static void sql_quote(struct srec_buf *b, const char *s)
{
	srec_buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			srec_buf_addc(b, '\'');
		srec_buf_addc(b, *s);
	}
	srec_buf_addc(b, '\'');
}

/* Append "file:PATH?mode=ro&immutable=1" with PATH %-escaped for URIs. */
static void file_uri(struct srec_buf *b, const char *path)
{
	srec_buf_adds(b, "file:");
	for (; *path; path++) {
		unsigned char c = (unsigned char)*path;

		if (c == '%' || c == '?' || c == '#' || c <= ' ' || c >= 0x7f)
			srec_buf_addf(b, "%%%02X", c);
		else
			srec_buf_addc(b, (char)c);
	}
	srec_buf_adds(b, "?mode=ro&immutable=1");
}

/* CREATE TEMP VIEW t AS SELECT 'name0' AS trace, c1, ... FROM t0.t
 * UNION ALL ... : the table as one, named by this session's inputs. */
static int union_view(sqlite3 *db, const char *table,
		      const struct srec_q_input *in, size_t n)
{
	struct srec_buf cols = SREC_BUF_INIT, sql = SREC_BUF_INIT;
	sqlite3_stmt *st = NULL;
	bool per_trace = false, first = true;
	size_t i;
	int rc;

	srec_buf_addf(&sql, "PRAGMA t0.table_info(\"%s\")", table);
	rc = q_errno(sqlite3_prepare_v2(db, sql.data, -1, &st, NULL));
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 1);

		if (first && !strcmp(col, "trace"))
			per_trace = true;
		else
			srec_buf_addf(&cols, "%s\"%s\"", cols.len ? ", " : "",
				      col);
		first = false;
	}
	sqlite3_finalize(st);
	srec_buf_reset(&sql);
	srec_buf_addf(&sql, "CREATE TEMP VIEW \"%s\" AS ", table);
	if (!per_trace)
		n = 1;
	for (i = 0; i < n; i++) {
		srec_buf_adds(&sql, i ? " UNION ALL SELECT " : "SELECT ");
		if (per_trace) {
			sql_quote(&sql, in[i].name);
			srec_buf_adds(&sql, " AS trace, ");
		}
		srec_buf_addf(&sql, "%s FROM t%zu.\"%s\"", cols.data, i,
			      table);
	}
	if (!rc)
		rc = q_errno(sqlite3_exec(db, sql.data, NULL, NULL, NULL));
	srec_buf_free(&cols);
	srec_buf_free(&sql);
	return rc;
}

/* Every table of t0 as a union view; every view again in TEMP, where its
 * names resolve to those union views. */
static int make_views(sqlite3 *db, const struct srec_q_input *in, size_t n)
{
	static const char create_view[] = "CREATE VIEW ";
	struct srec_buf sql = SREC_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc;

	rc = q_errno(sqlite3_prepare_v2(db, "SELECT type, name, sql FROM "
					"t0.sqlite_schema WHERE type IN "
					"('table', 'view') ORDER BY rowid",
					-1, &st, NULL));
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *def = (const char *)sqlite3_column_text(st, 2);

		if (!strcmp(type, "table")) {
			rc = union_view(db, name, in, n);
			continue;
		}
		if (strncmp(def, create_view, sizeof(create_view) - 1)) {
			rc = -EIO;
			continue;
		}
		srec_buf_reset(&sql);
		srec_buf_addf(&sql, "CREATE TEMP VIEW %s",
			      def + sizeof(create_view) - 1);
		rc = q_errno(sqlite3_exec(db, sql.data, NULL, NULL, NULL));
	}
	sqlite3_finalize(st);
	srec_buf_free(&sql);
	return rc;
}

static int attach_all(struct srec_q *q, const struct srec_q_input *in,
		      size_t n, struct place *pl)
{
	struct srec_buf sql = SREC_BUF_INIT, uri = SREC_BUF_INIT, name =
		SREC_BUF_INIT;
	size_t i;
	int rc;

	rc = q_errno(sqlite3_open_v2(":memory:", &q->db, SQLITE_OPEN_READWRITE |
				     SQLITE_OPEN_URI, NULL));
	for (i = 0; i < n && !rc; i++) {
		srec_buf_reset(&uri);
		if (pl[i].file)
			file_uri(&uri, pl[i].file);
		else
			srec_buf_adds(&uri, ":memory:");
		srec_buf_reset(&sql);
		srec_buf_adds(&sql, "ATTACH ");
		sql_quote(&sql, uri.data);
		srec_buf_reset(&name);
		srec_buf_addf(&name, "t%zu", i);
		srec_buf_addf(&sql, " AS %s", name.data);
		rc = q_errno(sqlite3_exec(q->db, sql.data, NULL, NULL, NULL));
		if (rc || pl[i].file)
			continue;
		/* SQLite owns the image from here, even when this fails. */
		rc = q_errno(sqlite3_deserialize(q->db, name.data,
				pl[i].image.data, pl[i].image.size,
				pl[i].image.size,
				SQLITE_DESERIALIZE_FREEONCLOSE |
				SQLITE_DESERIALIZE_READONLY));
		pl[i].image.data = NULL;
	}
	if (!rc)
		rc = make_views(q->db, in, n);
	q->attached = true;
	srec_buf_free(&sql);
	srec_buf_free(&uri);
	srec_buf_free(&name);
	return rc;
}

static int open_cached(struct srec_q *q, const struct srec_q_input *in,
		       const struct q_key *keys, size_t n,
		       const struct srec_q_opts *o, size_t *bad)
{
	struct place *pl = srec_xcalloc(n, sizeof(*pl));
	size_t i;
	int rc = 0;

	for (i = 0; i < n && !rc; i++) {
		rc = find_cache(q, &in[i], &keys[i], o, &pl[i]);
		if (rc)
			*bad = i;
	}
	if (!rc) {
		rc = attach_all(q, in, n, pl);
		*bad = n;
	}
	for (i = 0; i < n; i++) {
		free(pl[i].file);
		sqlite3_free(pl[i].image.data);
	}
	free(pl);
	return rc;
}

static int open_db_file(struct srec_q *q, const struct srec_q_input *in,
			const struct q_key *keys, size_t n,
			const struct srec_q_opts *o, size_t *bad)
{
	int rc = 0;

	if (!db_is_current(o->db_path, in, keys, n, true)) {
		/* Replace only what srec built: never someone's database. */
		if (!access(o->db_path, F_OK) && !is_srec_db(o->db_path))
			return -EEXIST;
		q->loaded = (unsigned)n;
		rc = build_as(o->db_path, in, keys, n, o, bad);
	}
	if (!rc)
		rc = q_errno(sqlite3_open_v2(o->db_path, &q->db,
					     SQLITE_OPEN_READONLY, NULL));
	return rc;
}

static int read_damage(struct srec_q *q, const struct srec_q_input *in)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	q->damage = srec_xcalloc(q->n, sizeof(*q->damage));
	rc = q_errno(sqlite3_prepare_v2(q->db, "SELECT damage FROM traces "
					"WHERE trace = ?1", -1, &st, NULL));
	for (i = 0; i < q->n && !rc; i++) {
		sqlite3_bind_text(st, 1, in[i].name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL)
			q->damage[i] = srec_xstrdup(
				(const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

int srec_q_open(const struct srec_q_input *in, size_t n,
		const struct srec_q_opts *o, struct srec_q **out, size_t *badp)
{
	struct srec_q *q = srec_xcalloc(1, sizeof(*q));
	struct q_key *keys = srec_xcalloc(n, sizeof(*keys));
	size_t i, j, bad = n;
	int rc = 0;

	*out = NULL;
	q->n = n;
	if (!n) {
		rc = -EINVAL;
		goto out;
	}
	for (i = 0; i < n && !rc; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(in[i].name, in[j].name))
				rc = -EEXIST;
		if (!rc)
			rc = q_key_of(in[i].path, &keys[i]);
		if (rc)
			bad = i;
	}
	if (rc)
		goto out;
	if (o && o->db_path)
		rc = open_db_file(q, in, keys, n, o, &bad);
	else
		rc = open_cached(q, in, keys, n, o, &bad);
	if (!rc)
		rc = read_damage(q, in);
	if (!rc)
		rc = q_guard(q);
out:
	free(keys);
	if (badp)
		*badp = bad;
	if (rc) {
		srec_q_close(q);
		return rc;
	}
	*out = q;
	return 0;
}

void srec_q_close(struct srec_q *q)
{
	size_t i;

	if (!q)
		return;
	sqlite3_close(q->db);
	for (i = 0; q->damage && i < q->n; i++)
		free(q->damage[i]);
	free(q->damage);
	srec_buf_free(&q->err);
	srec_buf_free(&q->refusal_text);
	free(q);
}

const char *srec_q_damage(struct srec_q *q, size_t i)
{
	return i < q->n ? q->damage[i] : NULL;
}

unsigned srec_q_loaded(const struct srec_q *q)
{
	return q->loaded;
}

const char *srec_q_schema_sql(void)
{
	return q_schema_text;
}
