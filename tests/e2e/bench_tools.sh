# SPDX-License-Identifier: MIT
# bench_tools.sh - the record benchmark's yardstick works, so that the
# ratios in bench/README.md mean what they say: ptrace_floor, with and
# without -m (the memory copies), runs PROG with its output and exit
# status, and stops at exactly the syscalls `srec record` records of
# samples/storm.
. "$SRCDIR/tests/e2e/lib.sh"

floor=$BENCH/ptrace_floor

test_expect_success 'the floor and the floor with -m pass the output on' '
	"$SAMPLES/storm" 500 >expect &&
	PTRACE_FLOOR_COUNT=n_floor "$floor" "$SAMPLES/storm" 500 >out &&
	test_cmp expect out &&
	PTRACE_FLOOR_COUNT=n_mem "$floor" -m "$SAMPLES/storm" 500 >out &&
	test_cmp expect out
'

test_expect_success 'both count the syscalls srec records' '
	"$SREC" record -q -o t.srec -- "$SAMPLES/storm" 500 >/dev/null &&
	"$SREC" info t.srec | sed -n "s/^syscalls: *//p" >n_srec &&
	test "$(cat n_srec)" -gt 1500 &&
	test_cmp n_srec n_floor &&
	test_cmp n_srec n_mem
'

test_expect_code 3 'the exit status is PROG'"'"'s' '
	"$floor" -m sh -c "exit 3"
'

test_expect_code 2 'no PROG: usage, exit 2' '
	"$floor" -m 2>err
'

test_expect_success '... in one line' '
	test "$(wc -l <err)" = 1
'

test_done
