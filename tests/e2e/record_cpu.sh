# SPDX-License-Identifier: MIT
# record_cpu.sh - srec runs a single-threaded PROG on its own CPU (rec.c,
# "One CPU for tracer and tracee") but never so that PROG could tell from
# its syscalls or lose parallelism: asking for the mask, or starting a
# thread or process, gives every tracee the whole mask back.
. "$SRCDIR/tests/e2e/lib.sh"

mask() {
	sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "$1"
}

grep Cpus_allowed_list /proc/self/status >native
many=no
case $(mask native) in *[-,]*) many=yes ;; esac

test_expect_success 'a single-threaded PROG shares one CPU with srec' '
	"$SREC" record -q -o t.srec -- grep Cpus_allowed_list \
		/proc/self/status >out &&
	if [ $many = yes ]; then
		case $(mask out) in *[-,]*) die "not bound: $(cat out)" ;; esac
	else
		test_cmp native out
	fi
'

test_expect_success 'sched_getaffinity sees the whole mask (nproc)' '
	nproc >expect &&
	"$SREC" record -q -o t.srec -- nproc >out &&
	test_cmp expect out
'

test_expect_success 'a forked child gets the whole mask back' '
	"$SREC" record -q -o t.srec -- sh -c \
		"grep Cpus_allowed_list /proc/self/status" >out &&
	test_cmp native out
'

test_expect_success 'srec leaves no tracee stopped' '
	no_stopped_here
'

test_done
