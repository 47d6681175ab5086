// SPDX-License-Identifier: MIT
/*
 * console.c - the read-only console of `srec query` (srec_q_console_*):
 * statements gathered over lines until one is complete, dot-commands,
 * and the output mode they switch.  Errors go to the caller's report
 * function, so cli/ prints them and the unit tests read them.
 */
#include "q_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct srec_q_console {
	struct srec_q *q;
	enum srec_q_mode mode;
	FILE *out;
	srec_q_report_fn report;
	void *report_ctx;
	struct srec_buf msg;
	bool quit;
};

static int report(struct srec_q_console *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Report one error line; @return: 1, a failure to count. */
static int report(struct srec_q_console *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	srec_buf_reset(&c->msg);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	srec_buf_grow(&c->msg, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(c->msg.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	c->msg.len = (size_t)n;
	c->report(c->report_ctx, c->msg.data);
	return 1;
}

/* ---- Dot-commands ---------------------------------------------------- */

static int dot_tables(struct srec_q_console *c, const char *arg)
{
	int rc = srec_q_print_tables(c->q, c->out);

	return rc ? report(c, "%s", strerror(-rc)) : 0;
}

static int dot_schema(struct srec_q_console *c, const char *arg)
{
	int rc = srec_q_print_schema(c->q, *arg ? arg : NULL, c->out);

	if (rc == -ENOENT)
		return report(c, "no table or view named '%s'", arg);
	return rc ? report(c, "%s", strerror(-rc)) : 0;
}

static const struct {
	const char *name;
	enum srec_q_mode mode;
} modes[] = {
	{ "table", SREC_Q_TABLE },
	{ "csv", SREC_Q_CSV },
	{ "json", SREC_Q_JSON },
};

static int dot_mode(struct srec_q_console *c, const char *arg)
{
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(*modes); i++) {
		if (!strcmp(arg, modes[i].name)) {
			c->mode = modes[i].mode;
			return 0;
		}
	}
	return report(c, ".mode wants table, csv or json, not '%s'", arg);
}

static int dot_quit(struct srec_q_console *c, const char *arg)
{
	c->quit = true;
	return 0;
}

static int dot_help(struct srec_q_console *c, const char *arg);

static const struct {
	const char *name;
	int (*fn)(struct srec_q_console *c, const char *arg);
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

static int dot_help(struct srec_q_console *c, const char *arg)
{
	size_t i;

	fputs("Enter SQL statements ending with ';' (the tables are those "
	      "of 'srec query --schema'),\nor one of:\n", c->out);
	for (i = 0; i < N_DOTS; i++)
		if (dots[i].help)
			fprintf(c->out, "  %-8s %-16s %s\n", dots[i].name,
				dots[i].args, dots[i].help);
	return 0;
}

static int dot_command(struct srec_q_console *c, const char *line)
{
	char name[32], arg[256] = "";
	size_t i;

	if (sscanf(line, " %31s %255s", name, arg) < 1)
		return 0;
	for (i = 0; i < N_DOTS; i++)
		if (!strcmp(dots[i].name, name))
			return dots[i].fn(c, arg);
	return report(c, "unknown command %s (try .help)", name);
}

/* ---- Statements ------------------------------------------------------ */

static bool is_dot_command(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '.';
}

struct srec_q_console *srec_q_console_new(struct srec_q *q,
					  enum srec_q_mode mode, FILE *out,
					  srec_q_report_fn fn, void *ctx)
{
	struct srec_q_console *c = srec_xcalloc(1, sizeof(*c));

	c->q = q;
	c->mode = mode;
	c->out = out;
	c->report = fn;
	c->report_ctx = ctx;
	return c;
}

void srec_q_console_free(struct srec_q_console *c)
{
	if (!c)
		return;
	srec_buf_free(&c->msg);
	free(c);
}

int srec_q_console_run(struct srec_q_console *c, const char *text)
{
	int rc;

	if (is_dot_command(text))
		return dot_command(c, text);
	rc = srec_q_exec(c->q, text, c->mode, c->out);
	fflush(c->out);
	return rc ? report(c, "%s", srec_q_errmsg(c->q)) : 0;
}

int srec_q_console_loop(struct srec_q_console *c, struct srec_q_line *l)
{
	struct srec_buf stmt = SREC_BUF_INIT;
	const char *line;
	bool interrupted;
	int failed = 0;

	if (srec_q_line_is_tty(l))
		fputs("srec query: read-only console.  Enter SQL ending with "
		      "';', .help for help, ^D to leave.\n", c->out);
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
			failed += dot_command(c, line);
			continue;
		}
		if (!stmt.len && !line[strspn(line, " \t\r")])
			continue;
		srec_buf_adds(&stmt, line);
		srec_buf_addc(&stmt, '\n');
		if (!srec_q_complete(stmt.data))
			continue;
		failed += srec_q_console_run(c, stmt.data);
		srec_buf_reset(&stmt);
	}
	/* A last statement without its ';' still runs, as sqlite3's does. */
	if (stmt.len && !c->quit)
		failed += srec_q_console_run(c, stmt.data);
	srec_buf_free(&stmt);
	return failed;
}
