/* SPDX-License-Identifier: MIT */
/*
 * srec_opt.h - table-driven option parsing for srec subcommands, after
 * git's parse-options: each command declares a usage array and a
 * `struct srec_opt[]` ending in SREC_OPT_END(); one table drives both the
 * parsing and `--help`.
 */
#ifndef SREC_OPT_H
#define SREC_OPT_H

#include <stdint.h>

enum srec_opt_type {
	SREC_OPT_TYPE_END = 0,
	SREC_OPT_TYPE_BOOL,   /* int *: set to 1 */
	SREC_OPT_TYPE_STRING, /* const char **: the argument */
	SREC_OPT_TYPE_INT,    /* long *: a decimal integer */
	SREC_OPT_TYPE_SIZE,   /* uint64_t *: bytes, suffix k/m/g (x1024) */
	SREC_OPT_TYPE_LIST,   /* struct srec_opt_list *: repeatable string */
	SREC_OPT_TYPE_COUNT,  /* int *: +1 per use; -tt counts 2 (strace) */
};

struct srec_opt {
	enum srec_opt_type type;
	char short_name;       /* 0: none */
	const char *long_name; /* NULL: none */
	void *value;
	const char *argh; /* argument name shown by --help */
	const char *help;
};

/* Collects every argument of a repeatable option, in order. */
struct srec_opt_list {
	const char **items;
	int n;
};

#define SREC_OPT_BOOL(s, l, v, h) { SREC_OPT_TYPE_BOOL, s, l, v, NULL, h }
#define SREC_OPT_STRING(s, l, v, a, h) { SREC_OPT_TYPE_STRING, s, l, v, a, h }
#define SREC_OPT_INT(s, l, v, a, h) { SREC_OPT_TYPE_INT, s, l, v, a, h }
#define SREC_OPT_SIZE(s, l, v, a, h) { SREC_OPT_TYPE_SIZE, s, l, v, a, h }
#define SREC_OPT_LIST(s, l, v, a, h) { SREC_OPT_TYPE_LIST, s, l, v, a, h }
#define SREC_OPT_COUNT(s, l, v, h) { SREC_OPT_TYPE_COUNT, s, l, v, NULL, h }
#define SREC_OPT_END() { SREC_OPT_TYPE_END, 0, NULL, NULL, NULL, NULL }

/* Flags for srec_opt_parse(). */
#define SREC_OPT_STOP_AT_NONOPT 1 /* the first operand ends the options */

/* Returned by srec_opt_parse() besides an operand count. */
#define SREC_OPT_ERROR (-1) /* a usage error was printed: exit 2 */
#define SREC_OPT_HELP (-2)  /* --help was printed: exit 0 */

/*
 * srec_opt_parse - parse the options of one subcommand.
 * @argc, @argv: argv[0] is the subcommand name (e.g. "record").
 * @usage: NULL-terminated lines; usage[0] is the synopsis, later lines
 *         (if any) a description printed by --help.
 *
 * "--" ends the options.  Operands are moved, in order, to argv[0..n).
 * `-h`/`--help` prints the usage and the option table, its descriptions
 * wrapped to 80 columns, on stdout.
 *
 * @return: n >= 0 operands, SREC_OPT_HELP, or SREC_OPT_ERROR after one line
 *          on stderr naming the problem.
 */
int srec_opt_parse(int argc, char **argv, const struct srec_opt *opts,
		   const char *const *usage, unsigned flags);

/*
 * srec_usage_error - print one usage-error line on stderr:
 * "srec: <message> (usage: <usage[0]>)".
 * @return: 2, the exit status for usage errors.
 */
int srec_usage_error(const char *const *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * srec_parse_size - parse "123", "4k", "1M", "2g" (powers of 1024).
 * @return: 0, or -EINVAL.
 */
int srec_parse_size(const char *s, uint64_t *out);

#endif
