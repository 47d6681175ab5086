// SPDX-License-Identifier: MIT
/*
 * inject.c - record -e inject= on the ptrace path, as strace does it: at
 * the entry stop of an invocation a rule picks, the syscall number is
 * made -1 (the kernel runs nothing and returns -ENOSYS) and at the exit
 * stop the return register gets -ERRNO or the retval; signal= is passed
 * when the thread is resumed from the entry stop (the kernel queues it
 * there, so a blocking call that does run is interrupted by it, as under
 * strace); delays sleep at entry or exit.
 *
 * The sleeps stop srec's one loop, so every tracee waits, not only the
 * delayed one (strace delays that tracee alone).
 */
#include "rec_int.h"


#include "srec_arch.h"

int rec_inject_enter(struct rec *r, struct rec_thread *t)
{
	const struct srec_inject_rule *rule;
	struct srec_arch_regs regs;

	t->flags &= ~T_INJECTED;
	t->inj = rule = srec_inject_hit(r->o->inject, &t->inj_counts, t->nr);
	if (!rule)
		return 0;
	if (rule->flags & SREC_INJ_DELAY_ENTER)
		srec_inject_sleep(rule->delay_enter_ns);
	if (srec_inject_tampers(rule) && !srec_arch_get_regs(t->tid, &regs)) {
		srec_arch_set_syscall_nr(&regs, -1);
		if (!srec_arch_set_regs(t->tid, &regs))
			t->flags |= T_INJECTED;
	}
	return rule->flags & SREC_INJ_SIGNAL ? rule->signo : 0;
}

int64_t rec_inject_exit(struct rec *r, struct rec_thread *t, int64_t ret)
{
	const struct srec_inject_rule *rule = t->inj;
	struct srec_arch_regs regs;

	if (!rule)
		return ret;
	if (rule->flags & SREC_INJ_DELAY_EXIT)
		srec_inject_sleep(rule->delay_exit_ns);
	if (!(t->flags & T_INJECTED))
		return ret;
	ret = srec_inject_ret(rule);
	if (!srec_arch_get_regs(t->tid, &regs)) {
		srec_arch_set_ret(&regs, ret);
		srec_arch_set_regs(t->tid, &regs);
	}
	return ret;
}

bool rec_inject_event(struct rec *r, const struct rec_thread *t,
		      Srec__Injected *inj)
{
	const struct srec_inject_rule *rule = t->inj;

	if (!rule)
		return false;
	inj->has_rule = true;
	inj->rule = (uint32_t)(rule - r->o->inject->rules);
	if (t->flags & T_INJECTED)
		inj->has_ret = inj->ret = true;
	if (rule->flags & SREC_INJ_SIGNAL) {
		inj->has_signal = true;
		inj->signal = rule->signo;
	}
	if (rule->flags & SREC_INJ_DELAY_ENTER) {
		inj->has_delay_enter_ns = true;
		inj->delay_enter_ns = rule->delay_enter_ns;
	}
	if (rule->flags & SREC_INJ_DELAY_EXIT) {
		inj->has_delay_exit_ns = true;
		inj->delay_exit_ns = rule->delay_exit_ns;
	}
	return true;
}
