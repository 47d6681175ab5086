// SPDX-License-Identifier: MIT
/*
 * parse.c - strace's -e inject= and -e fault= options: a syscall set,
 * then ':'-separated tokens (error=, retval=, signal=, delay_enter=,
 * delay_exit=, when=), with strace's ranges and rules: error= and retval=
 * exclude each other, each token but when= at most once (the last when=
 * wins), at least one action, and for fault= the default error ENOSYS.
 */
#include "srec_inject.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srec_sys.h"

/* The largest errno the kernel returns (include/linux/err.h MAX_ERRNO). */
#define MAX_ERRNO 4095
#define MAX_SIGNAL 64

struct parse {
	const char *spec;  /* the whole option, for messages */
	char *msg;
	size_t msg_len;
};

static int bad(struct parse *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int bad(struct parse *p, const char *fmt, ...)
{
	char why[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(p->msg, p->msg_len, "invalid -e %s: %s", p->spec, why);
	return -EINVAL;
}

/* A decimal number in [lo, hi], all of @s up to one of @stops (or the
 * end); *end gets where it stopped.  -1 when there is no such number. */
static long number(const char *s, const char **end, long lo, long hi)
{
	long v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (*s++ - '0');
		if (v > hi)
			return -1;
	}
	*end = s;
	return v < lo ? -1 : v;
}

/*
 * when=FIRST[..LAST][+[STEP]]:
 *   F == F..INF+0, F+ == F..INF+1, F+S == F..INF+S,
 *   F..L == F..L+1, F..L+ == F..L+1, F..L+S.
 */
static int parse_when(struct parse *p, const char *v,
		      struct srec_inject_rule *r)
{
	const char *e;
	long first, last = SREC_INJ_LAST_INF, step;

	first = number(v, &e, 1, 0xffff);
	if (first < 0)
		return bad(p, "when= wants FIRST[..LAST][+[STEP]], FIRST "
			   "1..65535 (got '%s')", v);
	if (e[0] == '.') {
		if (e[1] != '.')
			return bad(p, "when=%s: a range is FIRST..LAST", v);
		last = number(e + 2, &e, first, 0xfffe);
		if (last < 0)
			return bad(p, "when=%s: LAST must be FIRST..65534", v);
	}
	if (!*e) {
		step = last == SREC_INJ_LAST_INF ? 0 : 1;
	} else if (e[0] == '+' && !e[1]) {
		step = 1;
	} else if (e[0] == '+') {
		step = number(e + 1, &e, 1, 0xffff);
		if (step < 0 || *e)
			return bad(p, "when=%s: STEP must be 1..65535", v);
	} else {
		return bad(p, "when=%s: unexpected '%s'", v, e);
	}
	r->first = (uint16_t)first;
	r->last = (uint16_t)last;
	r->step = (uint16_t)step;
	return 0;
}

static int parse_error(struct parse *p, const char *v,
		       struct srec_inject_rule *r)
{
	const char *e;
	long n;

	if (r->flags & (SREC_INJ_ERROR | SREC_INJ_RETVAL))
		return bad(p, "only one error= or retval= is allowed");
	n = number(v, &e, 1, MAX_ERRNO);
	if (n < 0 || *e)
		n = srec_sys_errno_by_name(v);
	if (n < 1)
		return bad(p, "error= wants an errno name (ENOENT) or 1..%d, "
			   "not '%s'", MAX_ERRNO, v);
	r->error = (int)n;
	r->flags |= SREC_INJ_ERROR;
	return 0;
}

static int parse_retval(struct parse *p, const char *v,
			struct srec_inject_rule *r)
{
	unsigned long long n;
	char *end;

	if (r->flags & (SREC_INJ_ERROR | SREC_INJ_RETVAL))
		return bad(p, "only one error= or retval= is allowed");
	errno = 0;
	n = strtoull(v, &end, 0);
	if (end == v || *end || (n == ULLONG_MAX && errno))
		return bad(p, "retval= wants a number, not '%s'", v);
	r->retval = (uint64_t)n;
	r->flags |= SREC_INJ_RETVAL;
	return 0;
}

static int parse_signal(struct parse *p, const char *v,
			struct srec_inject_rule *r)
{
	const char *e;
	long n;

	if (r->flags & SREC_INJ_SIGNAL)
		return bad(p, "only one signal= is allowed");
	n = number(v, &e, 1, 255);
	if (n < 0 || *e)
		n = (*v >= '0' && *v <= '9') ? -1 : srec_sys_signal_by_name(v);
	if (n < 1 || n > MAX_SIGNAL)
		return bad(p, "signal= wants a signal name (SIGUSR1) or 1..%d, "
			   "not '%s'", MAX_SIGNAL, v);
	r->signo = (int)n;
	r->flags |= SREC_INJ_SIGNAL;
	return 0;
}

/* strace's time format: a strtod number, then s, ms, us or ns (us when
 * none). */
static int parse_delay(struct parse *p, const char *what, const char *v,
		       uint64_t *ns)
{
	static const struct {
		const char *suffix;
		double scale;
	} units[] = {
		{ "", 1e3 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 },
		{ "ns", 1 },
	};
	char *end;
	double d;
	size_t i;

	errno = 0;
	d = strtod(v, &end);
	if (end == v || errno || !isfinite(d) || d < 0)
		goto fail;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].suffix))
			continue;
		d *= units[i].scale;
		if (d >= 1.8e19)
			goto fail;
		*ns = (uint64_t)d;
		return 0;
	}
fail:
	return bad(p, "%s= wants a time (10, 5ms, 1.5s; microseconds when "
		   "no unit), not '%s'", what, v);
}

static int parse_token(struct parse *p, const char *tok, bool fault,
		       struct srec_inject_rule *r)
{
	static const char *const unsupported[] = {
		"syscall=", "poke_enter=", "poke_exit=",
	};
	size_t i;

#define VAL(prefix) (!strncmp(tok, prefix, strlen(prefix)) ? \
		     tok + strlen(prefix) : NULL)
	const char *v;

	if ((v = VAL("when=")))
		return parse_when(p, v, r);
	if ((v = VAL("error=")))
		return parse_error(p, v, r);
	for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
		if (VAL(unsupported[i]))
			return bad(p, "srec does not support %.*s",
				   (int)strlen(unsupported[i]) - 1, tok);
	if (fault)
		return bad(p, "fault= takes error= and when= only, not '%s'",
			   tok);
	if ((v = VAL("retval=")))
		return parse_retval(p, v, r);
	if ((v = VAL("signal=")))
		return parse_signal(p, v, r);
	if ((v = VAL("delay_enter="))) {
		if (r->flags & SREC_INJ_DELAY_ENTER)
			return bad(p, "only one delay_enter= is allowed");
		r->flags |= SREC_INJ_DELAY_ENTER;
		return parse_delay(p, "delay_enter", v, &r->delay_enter_ns);
	}
	if ((v = VAL("delay_exit="))) {
		if (r->flags & SREC_INJ_DELAY_EXIT)
			return bad(p, "only one delay_exit= is allowed");
		r->flags |= SREC_INJ_DELAY_EXIT;
		return parse_delay(p, "delay_exit", v, &r->delay_exit_ns);
	}
#undef VAL
	return bad(p, "unknown '%s' (error=, retval=, signal=, delay_enter=, "
		   "delay_exit=, when=)", tok);
}

bool srec_inject_is_spec(const char *spec)
{
	return !strncmp(spec, "inject=", 7) || !strncmp(spec, "fault=", 6);
}

/* Parse the tokens after the set; the set itself is left in @copy. */
static int parse_rule(struct parse *p, char *copy, bool fault,
		      struct srec_inject_rule *r)
{
	char *tok, *save = NULL;
	int err;

	memset(r, 0, sizeof(*r));
	r->first = 1;
	r->last = SREC_INJ_LAST_INF;
	r->step = 1;
	if (!copy[0] || copy[0] == ':')
		return bad(p, "which syscalls? (SET:error=...)");
	strtok_r(copy, ":", &save);
	while ((tok = strtok_r(NULL, ":", &save)))
		if ((err = parse_token(p, tok, fault, r)))
			return err;
	if (!r->flags) {
		if (!fault)
			return bad(p, "say what to inject: error=, retval=, "
				   "signal=, delay_enter= or delay_exit=");
		r->error = ENOSYS;
		r->flags = SREC_INJ_ERROR;
	}
	return 0;
}

int srec_inject_add(struct srec_inject *inj, const char *spec, char *msg,
		    size_t msg_len)
{
	struct parse p = { spec, msg, msg_len };
	struct srec_sys_select set = { 0 };
	struct srec_inject_rule r, *rules;
	const char *bad_name = NULL;
	size_t bad_len = 0;
	bool fault = !strncmp(spec, "fault=", 6);
	char *copy;
	unsigned nr;
	int err;

	if (!srec_inject_is_spec(spec))
		return bad(&p, "expected inject=SET:... or fault=SET:...");
	copy = strdup(spec + (fault ? 6 : 7));
	if (!copy)
		return -ENOMEM;
	err = parse_rule(&p, copy, fault, &r);
	if (!err && srec_sys_select_add(&set, copy, &bad_name, &bad_len))
		err = bad(&p, "invalid system call '%.*s'", (int)bad_len,
			  bad_name);
	if (!err && inj->n_rules >= 0xfffe)
		err = bad(&p, "too many -e inject options");
	if (!err && !inj->by_nr) {
		inj->limit = set.limit;
		inj->by_nr = calloc(inj->limit, sizeof(*inj->by_nr));
		if (!inj->by_nr)
			err = -ENOMEM;
	}
	if (!err) {
		rules = realloc(inj->rules,
				(inj->n_rules + 1) * sizeof(*rules));
		r.text = strdup(spec);
		if (!rules || !r.text) {
			free(r.text);
			if (rules)
				inj->rules = rules;
			err = -ENOMEM;
		} else {
			inj->rules = rules;
		}
	}
	if (!err) {
		inj->rules[inj->n_rules++] = r;
		for (nr = 0; nr < inj->limit; nr++)
			if (srec_sys_select_has(&set, nr))
				inj->by_nr[nr] = (uint16_t)inj->n_rules;
	}
	srec_sys_select_free(&set);
	free(copy);
	return err;
}

void srec_inject_free(struct srec_inject *inj)
{
	size_t i;

	for (i = 0; i < inj->n_rules; i++)
		free(inj->rules[i].text);
	free(inj->rules);
	free(inj->by_nr);
	memset(inj, 0, sizeof(*inj));
}

const struct srec_inject_rule *
srec_inject_rule_for(const struct srec_inject *inj, unsigned nr)
{
	if (!inj || !inj->by_nr || nr >= inj->limit || !inj->by_nr[nr])
		return NULL;
	return &inj->rules[inj->by_nr[nr] - 1];
}

int64_t srec_inject_ret(const struct srec_inject_rule *r)
{
	if (r->flags & SREC_INJ_RETVAL)
		return (int64_t)r->retval;
	return -(int64_t)r->error;
}
