// SPDX-License-Identifier: MIT
/*
 * test_inject.c - inject/: every form of strace's -e inject= and -e fault=
 * syntax (sets, error=, retval=, signal=, delays with units, when=
 * ranges), the one-line errors for bad options, which option wins for a
 * syscall, and the per-thread counters against strace's when= rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "srec_inject.h"
#include "srec_sys.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

static struct srec_inject inj;
static char msg[256];

static int setup(void **state)
{
	memset(&inj, 0, sizeof(inj));
	msg[0] = '\0';
	return 0;
}

static int teardown(void **state)
{
	srec_inject_free(&inj);
	return 0;
}

static const struct srec_inject_rule *add_ok(const char *spec, unsigned nr)
{
	int err = srec_inject_add(&inj, spec, msg, sizeof(msg));

	if (err)
		fail_msg("%s: %d %s", spec, err, msg);
	return srec_inject_rule_for(&inj, nr);
}

/* @spec is refused with one line that contains @why. */
static void add_bad(const char *spec, const char *why)
{
	struct srec_inject before = inj;

	msg[0] = '\0';
	assert_int_equal(srec_inject_add(&inj, spec, msg, sizeof(msg)),
			 -EINVAL);
	if (!strstr(msg, why))
		fail_msg("%s: message '%s' lacks '%s'", spec, msg, why);
	assert_null(strchr(msg, '\n'));
	assert_non_null(strstr(msg, "invalid -e "));
	assert_int_equal(inj.n_rules, before.n_rules);
}

static void test_error_by_name_and_number(void **state)
{
	const struct srec_inject_rule *r;

	r = add_ok("inject=openat:error=ENOENT", SYS_openat);
	assert_non_null(r);
	assert_int_equal(r->flags, SREC_INJ_ERROR);
	assert_int_equal(r->error, ENOENT);
	assert_int_equal(srec_inject_ret(r), -ENOENT);
	assert_true(srec_inject_tampers(r));
	/* Defaults: every invocation. */
	assert_int_equal(r->first, 1);
	assert_int_equal(r->last, SREC_INJ_LAST_INF);
	assert_int_equal(r->step, 1);
	assert_string_equal(r->text, "inject=openat:error=ENOENT");
	r = add_ok("inject=read:error=28", SYS_read);
	assert_int_equal(r->error, ENOSPC);
	r = add_ok("inject=write:error=eacces", SYS_write);
	assert_int_equal(r->error, EACCES);
	r = add_ok("inject=close:error=4095", SYS_close);
	assert_int_equal(r->error, 4095);
	assert_null(srec_inject_rule_for(&inj, SYS_getpid));
}

static void test_retval(void **state)
{
	const struct srec_inject_rule *r;

	r = add_ok("inject=getpid:retval=42", SYS_getpid);
	assert_int_equal(r->flags, SREC_INJ_RETVAL);
	assert_int_equal(srec_inject_ret(r), 42);
	r = add_ok("inject=getuid:retval=0x10", SYS_getuid);
	assert_int_equal(srec_inject_ret(r), 16);
	r = add_ok("inject=getgid:retval=0", SYS_getgid);
	assert_int_equal(srec_inject_ret(r), 0);
	assert_true(srec_inject_tampers(r));
}

static void test_signal_and_delays(void **state)
{
	const struct srec_inject_rule *r;

	r = add_ok("inject=write:signal=SIGUSR1", SYS_write);
	assert_int_equal(r->flags, SREC_INJ_SIGNAL);
	assert_int_equal(r->signo, 10);
	assert_false(srec_inject_tampers(r));
	r = add_ok("inject=read:signal=usr2:error=EINTR", SYS_read);
	assert_int_equal(r->flags, SREC_INJ_SIGNAL | SREC_INJ_ERROR);
	assert_int_equal(r->signo, 12);
	r = add_ok("inject=close:signal=9", SYS_close);
	assert_int_equal(r->signo, 9);
	r = add_ok("inject=openat:delay_enter=10", SYS_openat);
	assert_int_equal(r->flags, SREC_INJ_DELAY_ENTER);
	assert_int_equal(r->delay_enter_ns, 10000); /* microseconds */
	r = add_ok("inject=openat:delay_exit=5ms:delay_enter=1.5s", SYS_openat);
	assert_int_equal(r->delay_exit_ns, 5000000);
	assert_int_equal(r->delay_enter_ns, 1500000000);
	r = add_ok("inject=openat:delay_exit=250ns", SYS_openat);
	assert_int_equal(r->delay_exit_ns, 250);
	r = add_ok("inject=openat:delay_exit=7us", SYS_openat);
	assert_int_equal(r->delay_exit_ns, 7000);
}

static void test_when_forms(void **state)
{
	static const struct {
		const char *when;
		uint16_t first, last, step;
	} forms[] = {
		{ "3", 3, SREC_INJ_LAST_INF, 0 },
		{ "3+", 3, SREC_INJ_LAST_INF, 1 },
		{ "3+2", 3, SREC_INJ_LAST_INF, 2 },
		{ "3..5", 3, 5, 1 },
		{ "3..5+", 3, 5, 1 },
		{ "3..9+3", 3, 9, 3 },
		{ "65535", 65535, SREC_INJ_LAST_INF, 0 },
		{ "1..65534", 1, 65534, 1 },
		{ "2..2", 2, 2, 1 },
	};
	char spec[64];
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const struct srec_inject_rule *r;

		snprintf(spec, sizeof(spec), "inject=read:error=EIO:when=%s",
			 forms[i].when);
		r = add_ok(spec, SYS_read);
		assert_int_equal(r->first, forms[i].first);
		assert_int_equal(r->last, forms[i].last);
		assert_int_equal(r->step, forms[i].step);
	}
	/* The last when= wins. */
	assert_int_equal(add_ok("inject=read:when=2:error=EIO:when=7",
				SYS_read)->first, 7);
}

static void test_sets(void **state)
{
	const struct srec_inject_rule *r;

	add_ok("inject=open,openat,close:error=EPERM", SYS_open);
	assert_non_null(srec_inject_rule_for(&inj, SYS_openat));
	assert_non_null(srec_inject_rule_for(&inj, SYS_close));
	assert_null(srec_inject_rule_for(&inj, SYS_read));
	srec_inject_free(&inj);

	add_ok("inject=%file:error=EACCES", SYS_openat);
	assert_non_null(srec_inject_rule_for(&inj, SYS_execve));
	assert_null(srec_inject_rule_for(&inj, SYS_read));
	srec_inject_free(&inj);

	add_ok("inject=file:error=EACCES", SYS_openat); /* old spelling */
	assert_non_null(srec_inject_rule_for(&inj, SYS_stat));
	srec_inject_free(&inj);

	/* The complement: everything but the list. */
	add_ok("inject=!write,exit_group:error=ENOSYS", SYS_read);
	assert_non_null(srec_inject_rule_for(&inj, SYS_read));
	assert_null(srec_inject_rule_for(&inj, SYS_write));
	assert_null(srec_inject_rule_for(&inj, SYS_exit_group));
	srec_inject_free(&inj);

	r = add_ok("inject=/^(get|set)uid$:retval=0", SYS_getuid);
	assert_non_null(r);
	assert_non_null(srec_inject_rule_for(&inj, SYS_setuid));
	assert_null(srec_inject_rule_for(&inj, SYS_getgid));
	srec_inject_free(&inj);

	add_ok("inject=257:error=ENOENT", SYS_openat); /* by number */
	assert_non_null(srec_inject_rule_for(&inj, SYS_openat));
	srec_inject_free(&inj);

	add_ok("inject=?nosuchcall,read@64:error=EIO", SYS_read);
	assert_non_null(srec_inject_rule_for(&inj, SYS_read));
	srec_inject_free(&inj);

	add_ok("inject=all:error=EIO", SYS_read);
	assert_non_null(srec_inject_rule_for(&inj, SYS_exit_group));
}

static void test_later_option_wins(void **state)
{
	add_ok("inject=read,write:error=EIO", SYS_read);
	add_ok("inject=write:retval=3:when=2", SYS_write);
	assert_int_equal(inj.n_rules, 2);
	assert_int_equal(srec_inject_rule_for(&inj, SYS_read)->error, EIO);
	assert_int_equal(srec_inject_rule_for(&inj, SYS_write)->flags,
			 SREC_INJ_RETVAL);
	assert_string_equal(inj.rules[1].text, "inject=write:retval=3:when=2");
}

static void test_fault(void **state)
{
	const struct srec_inject_rule *r;

	r = add_ok("fault=openat", SYS_openat);
	assert_int_equal(r->flags, SREC_INJ_ERROR);
	assert_int_equal(r->error, ENOSYS);
	r = add_ok("fault=read:error=EIO:when=2+", SYS_read);
	assert_int_equal(r->error, EIO);
	assert_int_equal(r->step, 1);
	add_bad("fault=read:retval=1", "fault= takes error= and when= only");
	add_bad("fault=read:signal=SIGINT", "fault= takes");
}

static void test_bad_options(void **state)
{
	add_bad("inject=openat", "say what to inject");
	add_bad("inject=openat:when=2", "say what to inject");
	add_bad("inject=", "which syscalls?");
	add_bad("inject=:error=EIO", "which syscalls?");
	add_bad("inject=nosuchcall:error=EIO",
		"invalid system call 'nosuchcall'");
	add_bad("inject=read,bogus:error=EIO", "invalid system call 'bogus'");
	add_bad("inject=%nosuch:error=EIO", "invalid system call");
	add_bad("inject=read@32:error=EIO", "invalid system call");
	add_bad("inject=read:error=ENOTANERRNO", "error= wants an errno");
	add_bad("inject=read:error=0", "error= wants");
	add_bad("inject=read:error=4096", "error= wants");
	add_bad("inject=read:error=EIO:retval=1", "only one error= or retval=");
	add_bad("inject=read:retval=1:error=EIO", "only one error= or retval=");
	add_bad("inject=read:error=EIO:error=EIO", "only one");
	add_bad("inject=read:retval=x", "retval= wants a number");
	add_bad("inject=read:retval=", "retval= wants a number");
	add_bad("inject=read:retval=99999999999999999999", "retval=");
	add_bad("inject=read:signal=SIGNOPE", "signal= wants");
	add_bad("inject=read:signal=0", "signal= wants");
	add_bad("inject=read:signal=65", "signal= wants");
	add_bad("inject=read:signal=1:signal=2", "only one signal=");
	add_bad("inject=read:delay_enter=abc", "delay_enter= wants a time");
	add_bad("inject=read:delay_exit=5m", "delay_exit= wants a time");
	add_bad("inject=read:delay_exit=-1", "delay_exit= wants");
	add_bad("inject=read:delay_enter=1:delay_enter=2", "only one");
	add_bad("inject=read:error=EIO:when=0", "when= wants");
	add_bad("inject=read:error=EIO:when=", "when= wants");
	add_bad("inject=read:error=EIO:when=65536", "when= wants");
	add_bad("inject=read:error=EIO:when=5..3", "LAST must be");
	add_bad("inject=read:error=EIO:when=1..65535", "LAST must be");
	add_bad("inject=read:error=EIO:when=1.3", "a range is FIRST..LAST");
	add_bad("inject=read:error=EIO:when=1+0", "STEP must be");
	add_bad("inject=read:error=EIO:when=1+x", "STEP must be");
	add_bad("inject=read:error=EIO:when=2x", "unexpected");
	add_bad("inject=read:error=EIO:bogus=1", "unknown 'bogus=1'");
	add_bad("inject=getpid:syscall=getppid:error=EIO",
		"does not support syscall");
	add_bad("inject=read:poke_enter=@arg1=00:error=EIO",
		"does not support poke_enter");
	add_bad("trace=read", "expected inject=");
	assert_false(srec_inject_is_spec("trace=read"));
	assert_true(srec_inject_is_spec("inject=read:error=EIO"));
	assert_true(srec_inject_is_spec("fault=read"));
}

/* Invocations srec_inject_hit() selects among the first @n. */
static void hits(const char *when, unsigned n, const char *want)
{
	struct srec_inject_counts c = { 0 };
	char spec[64], got[256] = "";
	unsigned i;

	srec_inject_free(&inj);
	snprintf(spec, sizeof(spec), "inject=read:error=EIO:when=%s", when);
	add_ok(spec, SYS_read);
	for (i = 1; i <= n; i++) {
		/* Calls of another syscall do not count. */
		assert_null(srec_inject_hit(&inj, &c, SYS_write));
		if (srec_inject_hit(&inj, &c, SYS_read))
			snprintf(got + strlen(got), sizeof(got) - strlen(got),
				 "%s%u", *got ? "," : "", i);
	}
	srec_inject_counts_free(&c);
	if (strcmp(got, want))
		fail_msg("when=%s: got %s, want %s", when, got, want);
}

static void test_counting(void **state)
{
	hits("3", 10, "3");
	hits("3+", 6, "3,4,5,6");
	hits("3+3", 12, "3,6,9,12");
	hits("2..4", 10, "2,3,4");
	hits("2..4+", 10, "2,3,4");
	hits("2..9+3", 12, "2,5,8");
	hits("1", 3, "1");
	hits("5..5", 8, "5");
}

static void test_counts_per_thread_and_syscall(void **state)
{
	struct srec_inject_counts a = { 0 }, b = { 0 };

	add_ok("inject=read,write:error=EIO:when=2", SYS_read);
	assert_null(srec_inject_hit(&inj, &a, SYS_read));
	assert_null(srec_inject_hit(&inj, &a, SYS_write));
	/* Another thread counts on its own. */
	assert_null(srec_inject_hit(&inj, &b, SYS_read));
	assert_non_null(srec_inject_hit(&inj, &a, SYS_read));
	assert_non_null(srec_inject_hit(&inj, &a, SYS_write));
	assert_non_null(srec_inject_hit(&inj, &b, SYS_read));
	assert_null(srec_inject_hit(&inj, &a, SYS_read));
	/* Not named by any rule: never counted, never hit. */
	assert_null(srec_inject_hit(&inj, &a, SYS_getpid));
	srec_inject_counts_free(&a);
	srec_inject_counts_free(&b);
	assert_null(a.n);
}

static void test_when_pure(void **state)
{
	struct srec_inject_rule r = { .first = 4, .last = SREC_INJ_LAST_INF,
				      .step = 0 };

	assert_false(srec_inject_when(&r, 3));
	assert_true(srec_inject_when(&r, 4));
	assert_false(srec_inject_when(&r, 5));
	r.step = 2;
	r.last = 8;
	assert_true(srec_inject_when(&r, 6));
	assert_true(srec_inject_when(&r, 8));
	assert_false(srec_inject_when(&r, 10));
	assert_false(srec_inject_when(&r, 7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_error_by_name_and_number,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_retval, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signal_and_delays, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_when_forms, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_sets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_later_option_wins, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_fault, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_options, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_counting, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_counts_per_thread_and_syscall, setup, teardown),
		cmocka_unit_test(test_when_pure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
