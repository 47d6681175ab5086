/* SPDX-License-Identifier: MIT */
/*
 * srec_inject.h - fault injection with strace's -e inject= syntax and
 * semantics: the parser of SET:error=E|retval=N[:signal=S][:delay_enter=D]
 * [:delay_exit=D][:when=EXPR] (and of -e fault=SET[:error=E][:when=EXPR]),
 * and the per-thread, per-syscall counters that decide which invocation
 * of a call is tampered with.  The recorder applies the result on the
 * ptrace path; the replayer uses the same decision for --inject.
 *
 * As in strace (strace(1), "-e inject"): the last option naming a syscall
 * is the one that applies to it; invocations are counted per syscall and
 * per thread, from 1, and a new thread or process starts counting anew.
 */
#ifndef SREC_INJECT_H
#define SREC_INJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a rule does (struct srec_inject_rule.flags). */
enum {
	SREC_INJ_ERROR = 1u << 0,       /* error=: the call fails with it */
	SREC_INJ_RETVAL = 1u << 1,      /* retval=: the call "succeeds" */
	SREC_INJ_SIGNAL = 1u << 2,      /* signal=: sent at the call's entry */
	SREC_INJ_DELAY_ENTER = 1u << 3, /* delay_enter=: sleep at entry */
	SREC_INJ_DELAY_EXIT = 1u << 4,  /* delay_exit=: sleep at exit */
};

/* when=FIRST..LAST with no LAST: every invocation from FIRST on. */
#define SREC_INJ_LAST_INF 0xffffu

/* One -e inject= (or -e fault=) option. */
struct srec_inject_rule {
	unsigned flags;           /* SREC_INJ_* */
	uint16_t first;           /* when=: 1..65535 (default 1) */
	uint16_t last;            /* FIRST..65534, or SREC_INJ_LAST_INF */
	uint16_t step;            /* 0: FIRST only; else every STEP-th */
	int error;                /* SREC_INJ_ERROR: 1..4095 */
	uint64_t retval;          /* SREC_INJ_RETVAL: as the register holds it */
	int signo;                /* SREC_INJ_SIGNAL: 1..64 */
	uint64_t delay_enter_ns;  /* SREC_INJ_DELAY_ENTER */
	uint64_t delay_exit_ns;   /* SREC_INJ_DELAY_EXIT */
	char *text;               /* the option as given, "inject=SET:..." */
};

/* Every option given, and which one applies to each syscall number. */
struct srec_inject {
	struct srec_inject_rule *rules;
	size_t n_rules;
	uint16_t *by_nr;          /* [limit]: rule index + 1; 0: none */
	unsigned limit;           /* srec_sys_nr_limit() */
};

/*
 * srec_inject_add - parse one option, @spec being what follows "-e ":
 * "inject=SET:..." or "fault=SET:..." (strace's spellings), and add it
 * to @inj (zeroed before the first call).  A later option naming a
 * syscall replaces what an earlier one said for it.
 * @msg: on error, one line saying what is wrong (no "srec: " prefix).
 * @return: 0, or -EINVAL with @msg filled (@inj unchanged), -ENOMEM.
 */
int srec_inject_add(struct srec_inject *inj, const char *spec, char *msg,
		    size_t msg_len);

/* Whether @spec names an injection option ("inject=" or "fault="). */
bool srec_inject_is_spec(const char *spec);

void srec_inject_free(struct srec_inject *inj);

/* The rule for syscall @nr, or NULL. */
const struct srec_inject_rule *
srec_inject_rule_for(const struct srec_inject *inj, unsigned nr);

/* The return register a rule with SREC_INJ_ERROR or SREC_INJ_RETVAL
 * gives the call: -error, or retval. */
int64_t srec_inject_ret(const struct srec_inject_rule *r);

/* Whether the call replaced a rule's result (error= or retval=), or
 * the call runs and only a signal or a delay comes with it. */
static inline bool srec_inject_tampers(const struct srec_inject_rule *r)
{
	return r->flags & (SREC_INJ_ERROR | SREC_INJ_RETVAL);
}

/* Whether invocation @n (1 = the thread's first call of that syscall)
 * is one that when= selects. */
bool srec_inject_when(const struct srec_inject_rule *r, uint32_t n);

/* One thread's invocation counts; zeroed = no call seen yet. */
struct srec_inject_counts {
	uint32_t *n;              /* [inj->limit], allocated on first use */
};

/*
 * srec_inject_hit - count one entry into syscall @nr by the thread that
 * owns @c and say whether it is to be tampered with.
 * @return: the rule to apply, or NULL (no rule for @nr, or when= skips
 *          this invocation).
 */
const struct srec_inject_rule *srec_inject_hit(const struct srec_inject *inj,
					       struct srec_inject_counts *c,
					       unsigned nr);

void srec_inject_counts_free(struct srec_inject_counts *c);

/* Sleep @ns nanoseconds (delay_enter=, delay_exit=), signals such as the
 * tracers' SIGALRM ticker notwithstanding. */
void srec_inject_sleep(uint64_t ns);

#endif
