// SPDX-License-Identifier: MIT
/* opt.c - table-driven option parsing (srec_opt.h). */
#include "srec_opt.h"
#include "srec_buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int srec_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	if (!s || !*s || *s == '-')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default:
		return -EINVAL;
	}
	if ((*end == 'b' || *end == 'B') && shift)
		end++;
	if (*end || (shift && v > (UINT64_MAX >> shift)))
		return -EINVAL;
	*out = (uint64_t)v << shift;
	return 0;
}

int srec_usage_error(const char *const *usage, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "srec: %s (usage: %s)\n", msg, usage[0]);
	return 2;
}

/* Width of the option column of --help, and of the whole text. */
#define HELP_LEFT 26
#define HELP_WIDTH 80

/* Where to break @text to fit @room columns: at the last double space
 * (it separates alternatives: "... FILE  |  srec record ... -p PID")
 * or else the last space; 0 when a single word is wider than @room. */
static int break_at(const char *text, int room)
{
	int cut;

	for (cut = room; cut > 0; cut--)
		if (text[cut] == ' ' && text[cut - 1] == ' ')
			return cut - 1;
	for (cut = room; cut > 0 && text[cut] != ' '; cut--)
		;
	return cut;
}

/* Print @text from column @col on, wrapped at spaces (continuation lines
 * start at @col too) so that no line passes HELP_WIDTH: --help must read
 * well in an 80-column terminal. */
static void print_wrapped(FILE *out, const char *text, int col)
{
	const int room = HELP_WIDTH - col;
	int cut;

	while ((int)strlen(text) > room && (cut = break_at(text, room))) {
		fprintf(out, "%.*s\n%*s", cut, text, col, "");
		text += cut + strspn(text + cut, " ");
	}
	fprintf(out, "%s\n", text);
}

static void print_help(FILE *out, const struct srec_opt *o,
		       const char *const *usage)
{
	const char *cmd;
	int i, col;

	/* "usage: srec dump [-s SIZE] ..." goes on under "[-s SIZE]". */
	cmd = strchr(usage[0], ' ');
	cmd = cmd ? strchr(cmd + 1, ' ') : NULL;
	col = cmd ? (int)(cmd - usage[0]) + 1 : 0;
	fprintf(out, "usage: %.*s", col, usage[0]);
	print_wrapped(out, usage[0] + col, (int)strlen("usage: ") + col);
	for (i = 1; usage[i]; i++)
		fprintf(out, "%s%s\n", i == 1 ? "\n" : "", usage[i]);
	fputs("\noptions:\n", out);
	for (; o->type != SREC_OPT_TYPE_END; o++) {
		char left[64];
		int n = 0;

		if (o->short_name)
			n += snprintf(left + n, sizeof(left) - n, "-%c%s",
				      o->short_name, o->long_name ? ", " : "");
		else
			n += snprintf(left + n, sizeof(left) - n, "    ");
		if (o->long_name)
			n += snprintf(left + n, sizeof(left) - n, "--%s",
				      o->long_name);
		if (o->argh)
			snprintf(left + n, sizeof(left) - n, " %s", o->argh);
		fprintf(out, "  %-*s ", HELP_LEFT - 2, left);
		print_wrapped(out, o->help, HELP_LEFT + 1);
	}
	fprintf(out, "  %-*s %s\n", HELP_LEFT - 2, "-h, --help",
		"show this help");
}

static int set_value(const struct srec_opt *o, const char *name,
		     const char *arg, const char *const *usage)
{
	char *end;
	long v;
	struct srec_opt_list *list;

	switch (o->type) {
	case SREC_OPT_TYPE_BOOL:
		*(int *)o->value = 1;
		return 0;
	case SREC_OPT_TYPE_COUNT:
		(*(int *)o->value)++;
		return 0;
	case SREC_OPT_TYPE_STRING:
		*(const char **)o->value = arg;
		return 0;
	case SREC_OPT_TYPE_INT:
		errno = 0;
		v = strtol(arg, &end, 10);
		if (errno || end == arg || *end) {
			srec_usage_error(usage, "option %s wants a number, "
					 "not '%s'", name, arg);
			return -1;
		}
		*(long *)o->value = v;
		return 0;
	case SREC_OPT_TYPE_SIZE:
		if (srec_parse_size(arg, o->value)) {
			srec_usage_error(usage, "option %s wants a size such "
					 "as 4096, 64k or 1M, not '%s'", name,
					 arg);
			return -1;
		}
		return 0;
	case SREC_OPT_TYPE_LIST:
		list = o->value;
		list->items = srec_xrealloc(list->items, sizeof(*list->items) *
							 (list->n + 1));
		list->items[list->n++] = arg;
		return 0;
	case SREC_OPT_TYPE_END:
		break;
	}
	return -1;
}

static const struct srec_opt *find_long(const struct srec_opt *o,
					const char *name, size_t len)
{
	for (; o->type != SREC_OPT_TYPE_END; o++)
		if (o->long_name && strlen(o->long_name) == len &&
		    !strncmp(o->long_name, name, len))
			return o;
	return NULL;
}

static const struct srec_opt *find_short(const struct srec_opt *o, char c)
{
	for (; o->type != SREC_OPT_TYPE_END; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

int srec_opt_parse(int argc, char **argv, const struct srec_opt *opts,
		   const char *const *usage, unsigned flags)
{
	int i, nops = 0;

	for (i = 1; i < argc; i++) {
		char *a = argv[i];
		const struct srec_opt *o;
		const char *arg = NULL;
		char name[80];

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			if (flags & SREC_OPT_STOP_AT_NONOPT)
				break;
			argv[nops++] = a;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_help(stdout, opts, usage);
			return SREC_OPT_HELP;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			o = find_long(opts, a + 2, len);
			snprintf(name, sizeof(name), "--%.*s", (int)len, a + 2);
			if (!o) {
				srec_usage_error(usage, "unknown option '%s'",
						 name);
				return SREC_OPT_ERROR;
			}
			if (eq)
				arg = eq + 1;
		} else {
			o = find_short(opts, a[1]);
			snprintf(name, sizeof(name), "-%c", a[1]);
			if (!o) {
				srec_usage_error(usage, "unknown option '%s'",
						 name);
				return SREC_OPT_ERROR;
			}
			/* -tt, -ttt: a repeated counting letter. */
			if (a[2] && o->type == SREC_OPT_TYPE_COUNT &&
			    strspn(a + 1, (char[]){ a[1], 0 }) ==
				    strlen(a + 1)) {
				*(int *)o->value += (int)strlen(a + 2);
			} else if (a[2]) {
				if (o->type == SREC_OPT_TYPE_BOOL ||
				    o->type == SREC_OPT_TYPE_COUNT) {
					srec_usage_error(
						usage,
						"option %s takes no argument "
						"(write flags separately)",
						name);
					return SREC_OPT_ERROR;
				}
				arg = a + 2;
			}
		}
		if (o->type == SREC_OPT_TYPE_BOOL ||
		    o->type == SREC_OPT_TYPE_COUNT) {
			if (arg) {
				srec_usage_error(usage, "option %s takes no "
						 "argument", name);
				return SREC_OPT_ERROR;
			}
		} else if (!arg) {
			if (i + 1 >= argc) {
				srec_usage_error(usage, "option %s needs %s",
						 name, o->argh ? o->argh :
						 "an argument");
				return SREC_OPT_ERROR;
			}
			arg = argv[++i];
		}
		if (set_value(o, name, arg, usage))
			return SREC_OPT_ERROR;
	}
	for (; i < argc; i++)
		argv[nops++] = argv[i];
	return nops;
}
