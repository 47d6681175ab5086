// SPDX-License-Identifier: MIT
/*
 * exec.c - run SQL on a session that nothing can change: the guards set up
 * once the database is built (q_guard), the authorizer, and the statement
 * loop that prints results.
 *
 * Three locks, so that one oversight is not enough: the connection is
 * read-only (SQLITE_OPEN_READONLY, or PRAGMA query_only plus read-only
 * attachments), the authorizer refuses every action that writes, attaches
 * or loads code, and a statement SQLite itself does not call read-only
 * (VACUUM INTO, ...) is refused before it runs.
 */
#include "q_int.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

/* PRAGMAs that only read, whatever their argument ... */
static const char *const pragmas_reading[] = {
	"table_info", "table_xinfo", "table_list", "index_list", "index_info",
	"index_xinfo", "foreign_key_list", "database_list", "collation_list",
	"function_list", "module_list", "pragma_list", "compile_options",
	"integrity_check", "quick_check", "foreign_key_check", NULL,
};

/* ... and those that read when given no value. */
static const char *const pragmas_reading_bare[] = {
	"page_count", "page_size", "freelist_count", "schema_version",
	"user_version", "application_id", "encoding", "data_version",
	"query_only", "cache_size", NULL,
};

/* What each refused action is called in the one-line refusal. */
static const struct {
	int action;
	const char *what;
} refused[] = {
	{ SQLITE_INSERT, "INSERT" },
	{ SQLITE_UPDATE, "UPDATE" },
	{ SQLITE_DELETE, "DELETE" },
	{ SQLITE_CREATE_INDEX, "CREATE INDEX" },
	{ SQLITE_CREATE_TABLE, "CREATE TABLE" },
	{ SQLITE_CREATE_TEMP_INDEX, "CREATE INDEX" },
	{ SQLITE_CREATE_TEMP_TABLE, "CREATE TABLE" },
	{ SQLITE_CREATE_TEMP_TRIGGER, "CREATE TRIGGER" },
	{ SQLITE_CREATE_TEMP_VIEW, "CREATE VIEW" },
	{ SQLITE_CREATE_TRIGGER, "CREATE TRIGGER" },
	{ SQLITE_CREATE_VIEW, "CREATE VIEW" },
	{ SQLITE_CREATE_VTABLE, "CREATE VIRTUAL TABLE" },
	{ SQLITE_DROP_INDEX, "DROP INDEX" },
	{ SQLITE_DROP_TABLE, "DROP TABLE" },
	{ SQLITE_DROP_TEMP_INDEX, "DROP INDEX" },
	{ SQLITE_DROP_TEMP_TABLE, "DROP TABLE" },
	{ SQLITE_DROP_TEMP_TRIGGER, "DROP TRIGGER" },
	{ SQLITE_DROP_TEMP_VIEW, "DROP VIEW" },
	{ SQLITE_DROP_TRIGGER, "DROP TRIGGER" },
	{ SQLITE_DROP_VIEW, "DROP VIEW" },
	{ SQLITE_DROP_VTABLE, "DROP VIRTUAL TABLE" },
	{ SQLITE_ALTER_TABLE, "ALTER TABLE" },
	{ SQLITE_REINDEX, "REINDEX" },
	{ SQLITE_ANALYZE, "ANALYZE" },
	{ SQLITE_ATTACH, "ATTACH" },
	{ SQLITE_DETACH, "DETACH" },
	{ SQLITE_FUNCTION, "load_extension()" },
};

static bool in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (!strcasecmp(*list, name))
			return true;
	return false;
}

/*
 * Names what the authorizer refused, for the one-line message.  SQLite
 * stops at the first refusal, which for DDL is the write into the schema
 * table (DROP TABLE asks to DELETE from sqlite_master first): then the
 * statement's own leading words name it better.
 */
static int refuse(struct srec_q *q, int action, const char *a,
		  const char *pragma)
{
	size_t i;

	q->refusal = "this statement";
	for (i = 0; i < sizeof(refused) / sizeof(*refused); i++)
		if (refused[i].action == action)
			q->refusal = refused[i].what;
	srec_buf_reset(&q->refusal_text);
	if (pragma)
		srec_buf_addf(&q->refusal_text, "PRAGMA %s", pragma);
	else if (!a || strncasecmp(a, "sqlite_", 7))
		srec_buf_adds(&q->refusal_text, q->refusal);
	return SQLITE_DENY;
}

/* "DROP TABLE" for "drop table x": the words that say what @sql does. */
static void leading_words(struct srec_buf *b, const char *sql)
{
	static const char *const two_words[] = { "CREATE", "DROP", "ALTER",
						  NULL };
	static const char *const skipped[] = { "TEMP", "TEMPORARY", "UNIQUE",
					       "VIRTUAL", NULL };
	char word[16];
	int n, words = 0;

	while (sscanf(sql, " %15[A-Za-z]%n", word, &n) == 1) {
		sql += n;
		if (words && in_list(skipped, word))
			continue;
		for (n = 0; word[n]; n++)
			word[n] = (char)toupper((unsigned char)word[n]);
		srec_buf_addf(b, "%s%s", words ? " " : "", word);
		if (words++ || !in_list(two_words, word))
			break;
	}
	if (!b->len)
		srec_buf_adds(b, "this statement");
}

static int authorize(void *ctx, int action, const char *a, const char *b,
		     const char *db, const char *trigger)
{
	struct srec_q *q = ctx;

	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_RECURSIVE:
	case SQLITE_TRANSACTION:
	case SQLITE_SAVEPOINT:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		/* Disabled below as well; named here for a clear refusal. */
		if (b && !strcasecmp(b, "load_extension"))
			return refuse(q, action, NULL, NULL);
		return SQLITE_OK;
	case SQLITE_PRAGMA:
		if (in_list(pragmas_reading, a) ||
		    (!b && in_list(pragmas_reading_bare, a)))
			return SQLITE_OK;
		return refuse(q, action, NULL, a);
	case SQLITE_UPDATE:
		/* Preparing a pragma table-valued function (SELECT ... FROM
		 * pragma_table_info('x')) asks this of the schema table; a
		 * real UPDATE of it is no read-only statement and is refused
		 * below, by query_only and by defensive mode. */
		if (a && (!strcmp(a, "sqlite_master") ||
			  !strcmp(a, "sqlite_temp_master")))
			return SQLITE_OK;
		return refuse(q, action, a, NULL);
	default:
		return refuse(q, action, a, NULL);
	}
}

/*
 * Whether @sql starts with a word that changes something.  SQLite fails
 * such a statement on a view (the tables of several traces are views)
 * before asking the authorizer; it is a refusal all the same.
 */
static bool writes(const char *sql)
{
	static const char *const words[] = {
		"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP",
		"ALTER", "ATTACH", "DETACH", "VACUUM", "REINDEX", "ANALYZE",
		NULL,
	};
	char word[16];

	return sscanf(sql, " %15[A-Za-z]", word) == 1 && in_list(words, word);
}

int q_guard(struct srec_q *q)
{
	int rc;

	sqlite3_db_config(q->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
			  NULL);
	sqlite3_db_config(q->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	/* No further ATTACH, whatever gets past the authorizer. */
	sqlite3_limit(q->db, SQLITE_LIMIT_ATTACHED,
		      q->attached ? (int)q->n : 0);
	rc = sqlite3_exec(q->db, "PRAGMA query_only=1", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return q_errno(rc);
	sqlite3_set_authorizer(q->db, authorize, q);
	return 0;
}

const char *srec_q_errmsg(const struct srec_q *q)
{
	return srec_buf_str(&q->err);
}

bool srec_q_complete(const char *sql)
{
	return sqlite3_complete(sql);
}

static int fail(struct srec_q *q, int rc, const char *msg)
{
	srec_buf_reset(&q->err);
	srec_buf_adds(&q->err, msg);
	return rc;
}

static int refused_msg(struct srec_q *q, const char *sql)
{
	if (!q->refusal_text.len)
		leading_words(&q->refusal_text, sql);
	srec_buf_reset(&q->err);
	srec_buf_addf(&q->err, "%s refused: the trace database is read-only",
		      srec_buf_str(&q->refusal_text));
	return -EPERM;
}

int srec_q_exec(struct srec_q *q, const char *sql, enum srec_q_mode mode,
		FILE *out)
{
	sqlite3_stmt *st = NULL;
	struct q_out *o = NULL;
	const char *tail;
	bool first = true;
	int rc = 0, s;

	while (*sql) {
		q->refusal = NULL;
		srec_buf_reset(&q->refusal_text);
		s = sqlite3_prepare_v2(q->db, sql, -1, &st, &tail);
		if (s != SQLITE_OK) {
			rc = q->refusal || writes(sql) ?
				     refused_msg(q, sql) :
				     fail(q, -EINVAL, sqlite3_errmsg(q->db));
			goto out;
		}
		if (!st) {
			sql = tail; /* only a comment or blanks */
			continue;
		}
		if (!sqlite3_stmt_readonly(st)) {
			refuse(q, 0, "sqlite_", NULL);
			rc = refused_msg(q, sql);
			goto out;
		}
		sql = tail;
		if (sqlite3_column_count(st)) {
			if (!first && mode != SREC_Q_JSON)
				fputc('\n', out);
			first = false;
			o = q_out_new(mode, out);
			q_out_begin(o, st);
		}
		while ((s = sqlite3_step(st)) == SQLITE_ROW)
			q_out_row(o, st);
		if (o) {
			q_out_end(o);
			if (q_out_free(o))
				rc = fail(q, -EIO, strerror(EIO));
			o = NULL;
		}
		if (s != SQLITE_DONE && !rc)
			rc = fail(q, -EINVAL, sqlite3_errmsg(q->db));
		sqlite3_finalize(st);
		st = NULL;
		if (rc)
			goto out;
	}
out:
	sqlite3_finalize(st);
	return rc;
}

/* The schema that holds the documented CREATE statements. */
static const char *doc_schema(const struct srec_q *q)
{
	return q->attached ? "t0" : "main";
}

int srec_q_print_tables(struct srec_q *q, FILE *out)
{
	sqlite3_stmt *st = NULL;
	int rc, n = 0;

	rc = q_errno(sqlite3_prepare_v2(q->db,
		"SELECT name FROM sqlite_temp_schema WHERE type IN "
		"('table', 'view') UNION SELECT name FROM main.sqlite_schema "
		"WHERE type IN ('table', 'view') ORDER BY 1", -1, &st, NULL));
	while (!rc && sqlite3_step(st) == SQLITE_ROW)
		fprintf(out, "%s%s", n++ ? "  " : "",
			(const char *)sqlite3_column_text(st, 0));
	if (n)
		fputc('\n', out);
	sqlite3_finalize(st);
	return rc;
}

int srec_q_print_schema(struct srec_q *q, const char *name, FILE *out)
{
	struct srec_buf sql = SREC_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, n = 0;

	srec_buf_addf(&sql, "SELECT sql FROM %s.sqlite_schema WHERE sql IS "
		      "NOT NULL AND (?1 IS NULL OR name = ?1 COLLATE NOCASE "
		      "OR tbl_name = ?1 COLLATE NOCASE) ORDER BY rowid",
		      doc_schema(q));
	rc = q_errno(sqlite3_prepare_v2(q->db, sql.data, -1, &st, NULL));
	if (!rc && name)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		fprintf(out, "%s;\n", (const char *)sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_finalize(st);
	srec_buf_free(&sql);
	if (!rc && !n)
		rc = -ENOENT;
	return rc;
}
