// SPDX-License-Identifier: MIT
/*
 * cmd_query.c - `srec query`: load traces into SQLite (query/, srec_q.h)
 * and run one SQL text, or a read-only console reading statements from
 * stdin (query/console.c).  This file sorts operands into traces and
 * SQL, shows load progress and reports errors.
 */
#include "srec_cli.h"
#include "srec_buf.h"
#include "srec_err.h"
#include "srec_opt.h"
#include "srec_q.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const query_usage[] = {
	"srec query [--db OUT.sqlite|--no-cache] [--csv|--json] FILE... [SQL]",
	"Load traces into SQLite and run SQL on them; without SQL, open a",
	"read-only console (statements end with ';'; .help lists commands).",
	"On a terminal the console edits lines and keeps its history in",
	"$SREC_HISTORY, default ~/.srec_history (empty: none; 500 lines).",
	"",
	"Operands are traces, FILE or NAME=FILE, then an optional SQL text:",
	"the last operand is SQL unless it names an existing file.  Each row",
	"carries its trace's name in the `trace` column: NAME, or FILE's base",
	"name without .srec.  `srec query --schema` documents every table.",
	"",
	"A trace is loaded once into FILE.sqlite beside it (mode 0600) and",
	"that cache is reused until the trace changes; when its directory is",
	"not writable, the trace is loaded into memory instead.",
	"",
	"Exit status: 0; 1 for an SQL error, a refused statement or a damaged",
	"trace (reported after the results); 2 for usage errors and traces",
	"that cannot be read.",
	NULL,
};

/* Console errors, one line each: "srec: query: ...". */
static void report(void *ctx, const char *msg)
{
	srec_error("query: %s", msg);
}

/* The history file: $SREC_HISTORY (set but empty: none), else
 * ~/.srec_history, as sqlite3 keeps ~/.sqlite_history; NULL for none. */
static char *history_path(void)
{
	const char *env = getenv("SREC_HISTORY"), *home = getenv("HOME");
	struct srec_buf b = SREC_BUF_INIT;

	if (env)
		return *env ? srec_xstrdup(env) : NULL;
	if (!home || !*home)
		return NULL;
	srec_buf_addf(&b, "%s/.srec_history", home);
	return srec_buf_detach(&b);
}

/* Statements from stdin until ^D or .quit.  Exit status 1 when a piped
 * script had an error, as a shell script would want to know.  Only a
 * terminal session reads and keeps the history: a piped script is no
 * typing to recall. */
static int console(struct srec_q_console *c)
{
	struct srec_q_line *l = srec_q_line_new(STDIN_FILENO);
	bool tty = srec_q_line_is_tty(l);
	char *hist = tty ? history_path() : NULL;
	int failed, rc;

	rc = hist ? srec_q_line_load_history(l, hist) : 0;
	/* A history that cannot be read is left alone, not replaced by
	 * this session's lines. */
	if (rc && rc != -ENOENT) {
		srec_warn("query: history %s: %s (not kept this session)",
			  hist, rc == -EINVAL ? "not a regular file" :
			  strerror(-rc));
		free(hist);
		hist = NULL;
	}
	failed = srec_q_console_loop(c, l);
	if (hist) {
		rc = srec_q_line_save_history(l, hist);
		if (rc)
			srec_warn("query: saving history to %s: %s", hist,
				  strerror(-rc));
	}
	free(hist);
	srec_q_line_free(l);
	return failed && !tty ? 1 : 0;
}

/* ---- Loading ------------------------------------------------------------ */

struct progress {
	bool tty;
	bool shown;
	struct timespec start;
};

static void show_progress(void *ctx, const char *name, uint64_t done,
			  uint64_t total)
{
	struct progress *p = ctx;
	struct timespec now;

	if (!p->tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* Quick loads stay quiet: only one over a second says anything. */
	if (now.tv_sec - p->start.tv_sec < 1 ||
	    (now.tv_sec - p->start.tv_sec == 1 &&
	     now.tv_nsec < p->start.tv_nsec))
		return;
	if (total)
		fprintf(stderr, "\rsrec: loading %s: %3u%% (%" PRIu64
			" events)\033[K", name,
			(unsigned)(done * 100 / (total > done ? total : done)),
			done);
	else
		fprintf(stderr, "\rsrec: loading %s: %" PRIu64
			" events\033[K", name, done);
	p->shown = true;
}

/* A path the user meant as a trace, not SQL: one word with a '/' or the
 * .srec suffix. */
static bool looks_like_file(const char *s)
{
	size_t len = strlen(s);

	if (strpbrk(s, " \t\r\n;"))
		return false;
	return strchr(s, '/') || (len > 5 && !strcmp(s + len - 5, ".srec"));
}

static int open_traces(struct srec_q **q, struct srec_q_input *in,
		       size_t n, const char *db, bool no_cache)
{
	struct progress p = { .tty = isatty(STDERR_FILENO) };
	struct srec_q_opts o = { .db_path = db, .no_cache = no_cache,
				 .progress = show_progress,
				 .progress_ctx = &p };
	size_t bad;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &p.start);
	rc = srec_q_open(in, n, &o, q, &bad);
	if (p.shown)
		fputs("\r\033[K", stderr);
	if (!rc)
		return 0;
	if (rc == -EEXIST && bad == n)
		srec_error("query: %s exists and is not a database srec "
			   "built: not overwriting it", db);
	else if (rc == -EEXIST)
		srec_error("query: two traces are named '%s' (name them: "
			   "NAME=FILE)", in[bad].name);
	else if (bad < n)
		srec_error("query: %s: %s", in[bad].path, srec_strerror(rc));
	else
		srec_error("query: %s: %s", db ? db : "database",
			   srec_strerror(rc));
	return 2;
}

int cmd_query(int argc, char **argv)
{
	struct srec_q_console *c = NULL;
	struct srec_q *q = NULL;
	struct srec_q_input *in = NULL;
	const char *db = NULL, *sql = NULL, *damage;
	int csv = 0, json = 0, schema = 0, no_cache = 0;
	const struct srec_opt opts[] = {
		SREC_OPT_STRING(0, "db", &db, "OUT.sqlite",
				"build (or reuse) this database file instead "
				"of the caches"),
		SREC_OPT_BOOL(0, "no-cache", &no_cache,
			      "load into memory; neither use nor write "
			      "FILE.sqlite"),
		SREC_OPT_BOOL(0, "csv", &csv, "print CSV (RFC 4180)"),
		SREC_OPT_BOOL(0, "json", &json,
			      "print one JSON object per row"),
		SREC_OPT_BOOL(0, "schema", &schema,
			      "print the tables with a comment per column"),
		SREC_OPT_END(),
	};
	size_t n_in = 0, i;
	int n, status = 2;

	n = srec_opt_parse(argc, argv, opts, query_usage, 0);
	if (n == SREC_OPT_HELP)
		return 0;
	if (n < 0)
		return 2;
	if (csv && json)
		return srec_usage_error(query_usage, "--csv or --json, not "
					"both");
	if (db && no_cache)
		return srec_usage_error(query_usage, "--db or --no-cache, not "
					"both");
	if (schema) {
		if (n)
			return srec_usage_error(query_usage, "--schema takes "
						"no FILE");
		fputs(srec_q_schema_sql(), stdout);
		return 0;
	}
	in = srec_xcalloc((size_t)n + 1, sizeof(*in));
	for (i = 0; i < (size_t)n; i++) {
		if (srec_q_parse_input(argv[i], &in[n_in])) {
			n_in++;
		} else if (i == (size_t)n - 1 && !looks_like_file(argv[i])) {
			sql = argv[i];
		} else {
			srec_error("query: %s: %s", argv[i], strerror(ENOENT));
			goto out;
		}
	}
	if (!n_in) {
		srec_usage_error(query_usage, "which trace? (FILE missing)");
		goto out;
	}
	status = open_traces(&q, in, n_in, db, no_cache);
	if (status)
		goto out;
	c = srec_q_console_new(q, csv ? SREC_Q_CSV : json ? SREC_Q_JSON :
				  SREC_Q_TABLE, stdout, report, NULL);
	status = sql ? srec_q_console_run(c, sql) : console(c);
	if (fflush(stdout) && !status) {
		srec_error("query: writing output: %s", strerror(errno));
		status = 1;
	}
	for (i = 0; i < n_in; i++) {
		damage = srec_q_damage(q, i);
		if (damage) {
			srec_error("%s: %s", in[i].path, damage);
			status = status ? status : 1;
		}
	}
out:
	srec_q_console_free(c);
	srec_q_close(q);
	for (i = 0; i < n_in; i++)
		free((char *)in[i].name);
	free(in);
	return status;
}
