// SPDX-License-Identifier: MIT
/*
 * cmd_query.c - `srec query`: load traces into SQLite (query/, srec_q.h)
 * and run one SQL text, or a read-only console reading statements from
 * stdin.  This file sorts operands into traces and SQL, drives the
 * console and its dot-commands, shows load progress and reports errors.
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

struct query {
	enum srec_q_mode mode;
	struct srec_q *q;
	bool quit;
};

/* ---- Dot-commands ------------------------------------------------------- */

static int dot_tables(struct query *c, const char *arg)
{
	return srec_q_print_tables(c->q, stdout) ? 1 : 0;
}

static int dot_schema(struct query *c, const char *arg)
{
	int rc = srec_q_print_schema(c->q, *arg ? arg : NULL, stdout);

	if (rc == -ENOENT) {
		srec_error("query: no table or view named '%s'", arg);
		return 1;
	}
	return rc ? 1 : 0;
}

static const struct {
	const char *name;
	enum srec_q_mode mode;
} modes[] = {
	{ "table", SREC_Q_TABLE },
	{ "csv", SREC_Q_CSV },
	{ "json", SREC_Q_JSON },
};

static int dot_mode(struct query *c, const char *arg)
{
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(*modes); i++) {
		if (!strcmp(arg, modes[i].name)) {
			c->mode = modes[i].mode;
			return 0;
		}
	}
	srec_error("query: .mode wants table, csv or json, not '%s'", arg);
	return 1;
}

static int dot_quit(struct query *c, const char *arg)
{
	c->quit = true;
	return 0;
}

static int dot_help(struct query *c, const char *arg);

static const struct {
	const char *name;
	int (*fn)(struct query *c, const char *arg);
	const char *args, *help;
} dots[] = {
	{ ".tables", dot_tables, "", "list the tables and views" },
	{ ".schema", dot_schema, "[TABLE]",
	  "show how a table is made, with a comment per column" },
	{ ".mode", dot_mode, "table|csv|json", "choose the output format" },
	{ ".help", dot_help, "", "show this list" },
	{ ".quit", dot_quit, "", "leave (also .exit or ^D)" },
	{ ".exit", dot_quit, NULL, NULL },
};

#define N_DOTS (sizeof(dots) / sizeof(*dots))

static int dot_help(struct query *c, const char *arg)
{
	size_t i;

	puts("Enter SQL statements ending with ';' (the tables are those "
	     "of 'srec query --schema'),\nor one of:");
	for (i = 0; i < N_DOTS; i++)
		if (dots[i].help)
			printf("  %-8s %-16s %s\n", dots[i].name, dots[i].args,
			       dots[i].help);
	return 0;
}

/* Run one dot-command line; @return 0 or 1 (failed). */
static int dot_command(struct query *c, const char *line)
{
	char name[32], arg[256] = "";
	size_t i;

	if (sscanf(line, " %31s %255s", name, arg) < 1)
		return 0;
	for (i = 0; i < N_DOTS; i++)
		if (!strcmp(dots[i].name, name))
			return dots[i].fn(c, arg);
	srec_error("query: unknown command %s (try .help)", name);
	return 1;
}

/* ---- Running SQL -------------------------------------------------------- */

static bool is_dot_command(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '.';
}

static int run_sql(struct query *c, const char *sql)
{
	int rc;

	if (is_dot_command(sql))
		return dot_command(c, sql);
	rc = srec_q_exec(c->q, sql, c->mode, stdout);
	fflush(stdout);
	if (rc) {
		srec_error("query: %s", srec_q_errmsg(c->q));
		return 1;
	}
	return 0;
}

/* Statements from stdin until ^D or .quit.  Exit status 1 when a piped
 * script had an error, as a shell script would want to know. */
static int console(struct query *c)
{
	struct srec_q_line *l = srec_q_line_new(STDIN_FILENO);
	struct srec_buf stmt = SREC_BUF_INIT;
	const char *line;
	bool interrupted, tty = srec_q_line_is_tty(l);
	int errors = 0;

	if (tty)
		puts("srec query: read-only console.  Enter SQL ending with "
		     "';', .help for help, ^D to leave.");
	while (!c->quit) {
		line = srec_q_line_read(l, stmt.len ? "  ...> " : "srec> ",
					&interrupted);
		if (!line)
			break;
		if (interrupted) {
			srec_buf_reset(&stmt);
			continue;
		}
		srec_q_line_remember(l, line);
		if (!stmt.len && is_dot_command(line)) {
			errors += dot_command(c, line);
			continue;
		}
		if (!stmt.len && !line[strspn(line, " \t\r")])
			continue;
		srec_buf_adds(&stmt, line);
		srec_buf_addc(&stmt, '\n');
		if (!srec_q_complete(stmt.data))
			continue;
		errors += run_sql(c, stmt.data);
		srec_buf_reset(&stmt);
	}
	/* A last statement without its ';' still runs, as sqlite3's does. */
	if (stmt.len && !c->quit)
		errors += run_sql(c, stmt.data);
	srec_buf_free(&stmt);
	srec_q_line_free(l);
	return errors && !tty ? 1 : 0;
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

static int open_traces(struct query *c, struct srec_q_input *in, size_t n,
		       const char *db, bool no_cache)
{
	struct progress p = { .tty = isatty(STDERR_FILENO) };
	struct srec_q_opts o = { .db_path = db, .no_cache = no_cache,
				 .progress = show_progress,
				 .progress_ctx = &p };
	size_t bad;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &p.start);
	rc = srec_q_open(in, n, &o, &c->q, &bad);
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
	struct query c = { .mode = SREC_Q_TABLE };
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
	c.mode = csv ? SREC_Q_CSV : json ? SREC_Q_JSON : SREC_Q_TABLE;
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
	status = open_traces(&c, in, n_in, db, no_cache);
	if (status)
		goto out;
	status = sql ? run_sql(&c, sql) : console(&c);
	if (fflush(stdout) && !status) {
		srec_error("query: writing output: %s", strerror(errno));
		status = 1;
	}
	for (i = 0; i < n_in; i++) {
		damage = srec_q_damage(c.q, i);
		if (damage) {
			srec_error("%s: %s", in[i].path, damage);
			status = status ? status : 1;
		}
	}
out:
	srec_q_close(c.q);
	for (i = 0; i < n_in; i++)
		free((char *)in[i].name);
	free(in);
	return status;
}
