# SPDX-License-Identifier: MIT
# replay_basic.sh - `srec replay`: a recorded run replays with the
# recorded output even after the world changed (time, deleted files), has
# no side effect, reports a divergence (exit 1) and a damaged trace
# (exit 2), stops for a debugger with --until, and leaves no tracee behind.
. "$SRCDIR/tests/e2e/lib.sh"

# Other tests may run beside this one: only look at our own programs,
# which all carry this mark in their command line.
mark=srec-e2e-replay
no_stopped_here() {
	! ps -eo stat=,args= | awk '$1 ~ /^[tT]/' | grep -F -e "$mark"
}

test_expect_success 'echo replays its output, exit 0' '
	"$SREC" record -q -o echo.srec -- /bin/echo hello $mark >rec.out &&
	"$SREC" replay echo.srec >out 2>err &&
	test_cmp rec.out out &&
	test ! -s err
'

test_expect_success '--no-echo hides the program output' '
	"$SREC" replay --no-echo echo.srec >out &&
	test ! -s out
'

test_expect_success 'what went to /dev/null at record time stays hidden' '
	"$SREC" record -q -o null.srec -- /bin/echo hidden >/dev/null &&
	"$SREC" replay null.srec >out &&
	test ! -s out
'

test_expect_success 'stderr goes to stderr' '
	"$SREC" record -q -o err.srec -- sh -c "echo to-err >&2" 2>rec.err &&
	"$SREC" replay err.srec >out 2>err &&
	test ! -s out && test_cmp rec.err err
'

test_expect_success 'time: the recorded clock, not the current one' '
	"$SREC" record -q -o date.srec -- date +%s%N >rec.out &&
	sleep 0.05 &&
	"$SREC" replay date.srec >out1 &&
	"$SREC" replay date.srec >out2 &&
	test_cmp rec.out out1 && test_cmp rec.out out2 &&
	test "$(date +%s%N)" != "$(cat rec.out)"
'

test_expect_success 'cat of a file deleted since' '
	echo "contents of f" >f &&
	# into a pipe: to a file, cat copies with copy_file_range, whose
	# bytes never pass through the program (nothing to show at replay)
	"$SREC" record -q -o cat.srec -- cat f | cat >rec.out &&
	rm f &&
	"$SREC" replay cat.srec >out &&
	test_cmp rec.out out && test ! -e f
'

test_expect_success 'a replayed rm removes nothing' '
	touch victim &&
	"$SREC" record -q -o rm.srec -- rm victim &&
	test ! -e victim &&
	echo keep >victim &&
	"$SREC" replay rm.srec &&
	test "$(cat victim)" = keep
'

test_expect_success 'a replayed write reaches no file' '
	echo old >target &&
	"$SREC" record -q -o wr.srec -- sh -c "echo new >target" &&
	test "$(cat target)" = new &&
	echo old >target &&
	"$SREC" replay wr.srec >out &&
	test "$(cat target)" = old && test ! -s out
'

test_expect_success 'a shell pipeline: processes, pipes, exec' '
	"$SREC" record -q -o sh.srec -- sh -c "echo a; ls / | head -n 2; echo b" \
		>rec.out &&
	"$SREC" replay sh.srec >out &&
	test_cmp rec.out out
'

test_expect_success 'exit statuses and signal deaths reproduce' '
	"$SREC" record -q -o ex.srec -- sh -c "exit 3"; test $? = 3 &&
	"$SREC" replay ex.srec &&
	"$SREC" record -q -o term.srec -- sh -c "kill -TERM \$\$"
	test $? = 143 &&
	"$SREC" replay term.srec &&
	"$SREC" record -q -o kill.srec -- sh -c "kill -KILL \$\$"
	test $? = 137 &&
	"$SREC" replay kill.srec
'

test_expect_success '--no-env trace: values come from the replay env' '
	SREC_E2E_VAR=value "$SREC" record -q --no-env -o noenv.srec -- \
		sh -c "echo \$SREC_E2E_VAR; ls / | head -n 1" >rec.out &&
	SREC_E2E_VAR=value "$SREC" replay noenv.srec >out &&
	test_cmp rec.out out
'

test_expect_success 'SIGPIPE raised by an emulated write is delivered' '
	"$SREC" record -q -o pipe.srec -- sh -c "yes | head -n 2; echo \$?" \
		>rec.out &&
	"$SREC" replay pipe.srec >out &&
	test_cmp rec.out out
'

test_expect_code 1 'watchdog: no progress for --stall-ms is reported' '
	"$SREC" record -q -o spin.srec -- \
		awk "BEGIN { for (i = 0; i < 3e7; i++) s += i; print s }" \
		>rec.out &&
	"$SREC" replay --stall-ms 100 spin.srec >out 2>err; rc=$?
	cat err
	grep -q "^srec: replay stalled at event #[0-9]*: no progress for 100 ms" err &&
	grep -q "^    tid [0-9]* (replayed as [0-9]*): running" err &&
	exit $rc
'

# SIGALRM lands in a busy loop at record time; replay delivers it after
# the call before (setitimer), and rt_sigreturn must give the loop its own
# register back, not the one recorded in the middle of the loop.
test_expect_success 'a signal that came in user code replays' '
	cat >spin.py <<-EOF &&
	import signal
	hit = []
	signal.signal(signal.SIGALRM, lambda s, f: hit.append(s))
	signal.setitimer(signal.ITIMER_REAL, 0.05)
	n = 0
	while not hit:
	    n += 1
	print("alarm", hit[0])
	EOF
	"$SREC" record -q -o alrm.srec -- python3 spin.py >rec.out &&
	"$SREC" dump alrm.srec >dump &&
	grep -q "^\[pid *[0-9]*\] rt_sigreturn() = " dump &&
	"$SREC" replay alrm.srec >out &&
	test_cmp rec.out out
'

# get_mempolicy writes a node mask; replay must put the recorded one back
# (set_mempolicy is emulated, so the real policy stays the default).
test_expect_success 'NUMA node masks are recorded and replayed' '
	cat >numa.py <<-EOF &&
	import ctypes
	libc = ctypes.CDLL(None, use_errno=True)
	bind = (ctypes.c_ulong * 1)(1)
	libc.syscall(238, 2, bind, 65)  # set_mempolicy(MPOL_BIND, {0})
	mode = ctypes.c_int(-1)
	mask = (ctypes.c_ulong * 2)()
	libc.syscall(239, ctypes.byref(mode), mask, 129, None, 0)
	print(mode.value, list(mask))
	EOF
	"$SREC" record -q -o numa.srec -- python3 numa.py >rec.out &&
	echo "2 [1, 0]" >want &&
	test_cmp want rec.out &&
	"$SREC" replay numa.srec >out &&
	test_cmp rec.out out
'

test_expect_success 'signals that end a sigsuspend (timeout, wait)' '
	{ "$SREC" record -q -o to.srec -- timeout 0.2 sleep 5; test $? = 124; } &&
	"$SREC" replay to.srec &&
	"$SREC" record -q -o bg.srec -- \
		sh -c "sleep 5 & kill \$!; wait; echo status \$?" >rec.out &&
	"$SREC" replay bg.srec >out &&
	test_cmp rec.out out
'

# Ten recordings: a thread may run to its end before its parent's clone3
# returns, and that parent must still get its child's tid.
test_expect_success 'threads replay in the recorded order' '
	for i in 1 2 3 4 5 6 7 8 9 10; do
		"$SREC" record -q -o th.srec -- "$SAMPLES/threads" 4 50 \
			>rec.out &&
		"$SREC" replay th.srec >out &&
		test_cmp rec.out out || exit 1
	done
'

test_expect_code 1 '--exe another program: divergence report' '
	"$SREC" replay --exe /bin/true echo.srec >out 2>err; rc=$?
	cat err
	grep -q "^srec: replay diverged at event #[0-9]* (pid [0-9]*, tid [0-9]*)" err &&
	grep -q "^  expected: " err && grep -q "^  actual: " err &&
	grep -q "^  difference: " err &&
	grep -q "^  previous events of tid" err &&
	no_stopped_here && exit $rc
'

test_expect_code 2 'damaged trace: replays up to the damage, exit 2' '
	"$SREC" record -q -o big.srec -- sh -c "echo a; ls / >/dev/null; echo b" \
		$mark &&
	size=$(wc -c <big.srec) &&
	head -c $((size * 2 / 3)) big.srec >cut.srec &&
	"$SREC" replay cut.srec >out 2>err; rc=$?
	cat err
	test "$(wc -l <err)" = 1 && grep -q "^srec: " err &&
	no_stopped_here && exit $rc
'

# Cut before the first frame of events: the damage is named, not blamed
# on -p.
test_expect_code 2 'trace cut before the program start: exit 2' '
	head -c 3000 big.srec >head.srec &&
	"$SREC" replay head.srec >out 2>err; rc=$?
	cat err
	one_line err && grep -q "cut short" err && ! grep -q -- "-p" err &&
	exit $rc
'

test_expect_code 2 'not a trace: exit 2' '
	echo "not a trace" >junk.srec &&
	"$SREC" replay junk.srec 2>err; rc=$?
	test "$(wc -l <err)" = 1 && exit $rc
'

test_expect_code 2 'usage: no file' '
	"$SREC" replay 2>err; rc=$?
	test "$(wc -l <err)" = 1 && exit $rc
'

test_expect_success '--until N leaves the program stopped for gdb' '
	"$SREC" replay --until 5 echo.srec >out 2>err &&
	cat err &&
	pid=$(sed -n "s/^srec: debug it with: gdb -p \([0-9]*\)$/\1/p" err) &&
	test -n "$pid" &&
	state=$(ps -o stat= -p "$pid") &&
	kill -KILL "$pid" &&
	case "$state" in T*) ;; *) die "state $state" ;; esac &&
	test ! -s out
'

test_expect_success 'no tracee left behind' '
	no_stopped_here
'

test_done
