/* SPDX-License-Identifier: MIT */
/*
 * srec_q.h - the interface of the query module: load traces into SQLite
 * (`srec query`), run read-only SQL on them, and compare two runs
 * (`srec diff`).
 *
 * The tables are those of schemas/query.sql, whose text is compiled in
 * (srec_q_schema_sql()) and executed to build every database, so the
 * documented schema is the one queried.
 *
 * Loading caches: without an explicit database, each trace is loaded once
 * into TRACE.sqlite beside it (mode 0600: it holds what the trace holds),
 * keyed by the trace's size, mtime and a hash of its first and last
 * 4 KiB; an unchanged trace is never loaded twice.  When that directory
 * is not writable, the trace is loaded into memory for the session.
 * Several traces are attached read-only and shown through temporary views
 * that add the `trace` column, so each trace keeps its own cache.
 *
 * Every connection handed to SQL is read-only three times over: opened
 * read-only or with PRAGMA query_only, guarded by an authorizer that
 * refuses writes, ATTACH/DETACH, writing PRAGMAs and extension loading,
 * and checked with sqlite3_stmt_readonly() before a statement runs.
 */
#ifndef SREC_Q_H
#define SREC_Q_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- Loading --------------------------------------------------------- */

/* One trace to load. */
struct srec_q_input {
	const char *name; /* the `trace` column value */
	const char *path; /* the trace file */
};

/*
 * srec_q_parse_input - read a command-line operand naming a trace:
 * "FILE" (named after FILE's base name without ".srec") or "NAME=FILE"
 * (NAME made of letters, digits, '_', '-' and '.').
 * @in: on 1, in->path points into @arg and in->name is allocated (free()).
 * @return: 1 if @arg names an existing file this way, 0 if it does not
 *          (the caller may then take it for SQL).
 */
int srec_q_parse_input(const char *arg, struct srec_q_input *in);

/* Progress of a load: @done of @total events (@total 0 when unknown). */
typedef void (*srec_q_progress_fn)(void *ctx, const char *name,
				   uint64_t done, uint64_t total);

struct srec_q_opts {
	/* Build (or reuse, when it holds exactly these unchanged traces)
	 * this database file instead of the per-trace caches. */
	const char *db_path;
	/* Without db_path: load into memory, neither use nor write the
	 * cache beside the trace. */
	bool no_cache;
	/* Called every few thousand events while a trace is loaded. */
	srec_q_progress_fn progress;
	void *progress_ctx;
};

struct srec_q;

/*
 * srec_q_open - load @n traces (or find them cached) and open a read-only
 * SQL session on them.
 * @o: NULL for defaults.
 * @out: the session, owned by the caller until srec_q_close().
 * @bad: on failure, the index of the input at fault, or @n when no input
 *       is (e.g. the --db file cannot be written).  May be NULL.
 * @return: 0; -EEXIST when two inputs share a name (*bad < n) or when
 *          o->db_path exists and is no database srec built (*bad == n:
 *          it is left alone); the reader's error
 *          for a trace that cannot be opened (-ENOENT, SREC_ENOTTRACE,
 *          SREC_EVERSION, SREC_EDAMAGED); -ENOSPC, -EROFS, -EACCES or
 *          -EIO when a database cannot be written.
 *          A damaged trace is no failure: its intact events are loaded
 *          and srec_q_damage() says what was lost.
 */
int srec_q_open(const struct srec_q_input *in, size_t n,
		const struct srec_q_opts *o, struct srec_q **out,
		size_t *bad);

/* Close the session.  NULL is fine. */
void srec_q_close(struct srec_q *q);

/*
 * srec_q_damage - what could not be read of input @i ("trace cut short at
 * offset 9876 ..."), or NULL when it was read whole.  Owned by @q.
 */
const char *srec_q_damage(struct srec_q *q, size_t i);

/* How many of the inputs this srec_q_open() loaded (the others came from
 * a cache or the --db file). */
unsigned srec_q_loaded(const struct srec_q *q);

/* The text of schemas/query.sql. */
const char *srec_q_schema_sql(void);

/* ---- Running SQL ------------------------------------------------------ */

enum srec_q_mode {
	SREC_Q_TABLE, /* aligned columns under a header line; BLOBs in hex */
	SREC_Q_CSV,   /* RFC 4180 with a header record; BLOBs in hex */
	SREC_Q_JSON,  /* one JSON object per row and line; BLOBs in base64 */
};

/*
 * srec_q_exec - run every statement of @sql in turn and print the rows of
 * each to @out in @mode (a blank line between two result tables).
 * @return: 0; -EINVAL for an SQL error or -EPERM for a statement refused
 *          because it would change something (srec_q_errmsg() says
 *          which); -EIO when writing @out failed.
 */
int srec_q_exec(struct srec_q *q, const char *sql, enum srec_q_mode mode,
		FILE *out);

/* The message of the last failed srec_q_exec(), for one stderr line. */
const char *srec_q_errmsg(const struct srec_q *q);

/* Whether @sql ends with a complete statement (sqlite3_complete()). */
bool srec_q_complete(const char *sql);

/* Print the names of the tables and views, one line, sorted. */
int srec_q_print_tables(struct srec_q *q, FILE *out);

/*
 * srec_q_print_schema - print the CREATE statement (with its column
 * comments) of table or view @name, or of every one when @name is NULL.
 * @return: 0, or -ENOENT when there is no such table.
 */
int srec_q_print_schema(struct srec_q *q, const char *name, FILE *out);

/* ---- Console line input ------------------------------------------------ */

/*
 * A line reader for the console: with a terminal on @fd, minimal editing
 * (left/right, home/end, backspace/delete, ^A ^E ^K ^U ^W) and history
 * (up/down); otherwise plain buffered lines.
 */
struct srec_q_line;

struct srec_q_line *srec_q_line_new(int fd);
void srec_q_line_free(struct srec_q_line *l);

/*
 * srec_q_line_read - print @prompt (on a terminal) and read one line.
 * @return: the line without its newline, owned by @l until the next call;
 *          NULL at end of input (^D on an empty line).  ^C on a terminal
 *          returns "" and sets *interrupted (may be NULL).
 */
const char *srec_q_line_read(struct srec_q_line *l, const char *prompt,
			     bool *interrupted);

/* Add @line to the history (blank lines and repeats are skipped). */
void srec_q_line_remember(struct srec_q_line *l, const char *line);

/*
 * srec_q_line_load_history - add the lines of history file @path to the
 * history (the last 500 entries count; a longer file is read from its
 * last MiB only).
 * @return: 0, or -errno (-ENOENT: no history yet; -EINVAL: @path is not
 *          a regular file).
 */
int srec_q_line_load_history(struct srec_q_line *l, const char *path);

/*
 * srec_q_line_save_history - write the history (at most 500 entries, one
 * a line) to @path, mode 0600, replacing it at once (rename()).
 * @return: 0, or -errno.
 */
int srec_q_line_save_history(const struct srec_q_line *l, const char *path);

/* Whether @l edits a terminal (so the console may print a banner). */
bool srec_q_line_is_tty(const struct srec_q_line *l);

/* ---- The console ------------------------------------------------------ */

/* Receives each error of the console as one line (no "srec:" prefix). */
typedef void (*srec_q_report_fn)(void *ctx, const char *msg);

/*
 * A console on session @q: SQL and dot-commands (.tables, .schema
 * [TABLE], .mode table|csv|json, .help, .quit) printing to @out in the
 * current mode, errors to @fn.  Free with srec_q_console_free().
 */
struct srec_q_console;

struct srec_q_console *srec_q_console_new(struct srec_q *q,
					  enum srec_q_mode mode, FILE *out,
					  srec_q_report_fn fn, void *ctx);
void srec_q_console_free(struct srec_q_console *c);

/*
 * srec_q_console_run - run one text: a dot-command, or SQL statements.
 * @return: 0, or 1 after reporting the error (SQL error, refusal).
 */
int srec_q_console_run(struct srec_q_console *c, const char *text);

/*
 * srec_q_console_loop - read lines from @l until end of input or .quit:
 * statements run once complete (ending with ';', possibly over several
 * lines), a dot-command on a line of its own.  A banner and prompts on a
 * terminal.  Errors are reported and reading goes on.
 * @return: how many statements and commands failed.
 */
int srec_q_console_loop(struct srec_q_console *c, struct srec_q_line *l);

/* ---- Comparing two runs ------------------------------------------------ */

struct srec_q_diff_opts {
	unsigned context;    /* events shown before the parting point (3) */
	unsigned window;     /* alignment window in calls (1000) */
	unsigned max_str;    /* -s for decoded lines (32) */
};

/* What srec_q_diff() found, beyond the report it printed. */
struct srec_q_diff_result {
	bool differ;        /* the runs part somewhere */
	char *damage[2];    /* what was lost of A and of B, or NULL; free() */
	int bad;            /* on error: 0 for A, 1 for B */
};

/*
 * srec_q_diff - compare the runs in trace files @a and @b and print, to
 * @out, where they first part and the next few differences (with context
 * from both sides, decoded as dump prints it), per-syscall count changes
 * and the files touched by only one side.
 *
 * Processes are paired by exec order and argv; within a pair, syscalls
 * are aligned (Myers' diff over per-call keys, within a window) on name,
 * non-pointer arguments as decoded, paths, input bytes and return value;
 * pointers, pids and times are ignored, and so are futex calls (they
 * follow thread timing; they are still counted) and signals the thread
 * did not cause itself (SIGCHLD, timers, kill).  Damaged traces are
 * compared on their intact events.
 * @o: NULL for defaults.
 * @res: filled in; free its strings with srec_q_diff_result_free().
 * @return: 0 (see res->differ), or the reader's error for an unreadable
 *          trace (res->bad says which), or -EIO when writing failed.
 */
int srec_q_diff(const char *a, const char *b,
		const struct srec_q_diff_opts *o, FILE *out,
		struct srec_q_diff_result *res);

void srec_q_diff_result_free(struct srec_q_diff_result *res);

#endif
