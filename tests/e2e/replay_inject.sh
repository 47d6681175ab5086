# SPDX-License-Identifier: MIT
# replay_inject.sh - `srec replay --inject=SPEC --live-after-inject`: the
# replay follows the recording up to the first call SPEC picks (counted
# as strace and record -e inject= count), injects there, says so in one
# line, and the program runs on live: after the injected call it reads
# the file as it is now, not as recorded, and prints and exits as the
# same program does live under `strace -f -e inject=SPEC`.  Without
# --live-after-inject replay refuses, in one line.
. "$SRCDIR/tests/e2e/lib.sh"

command -v strace >/dev/null || { echo "strace is not installed"; exit 1; }

printf v1 >data
"$SREC" record -q -o t.srec -- "$SAMPLES/faults" data 3 >recorded || exit 1
"$SREC" record -q -o fe.srec -- "$SAMPLES/fork_exec" >fe.recorded || exit 1
"$SREC" record -q -o th.srec -- "$SAMPLES/threads" 2 5 >th.recorded || exit 1
# From here the file differs from the recording: only a live read sees v2.
printf v2 >data

# live SPEC TRACE ARGS...: replay TRACE with SPEC into out/err/rc, and
# the program ARGS... under strace -e inject=SPEC into expect/rc_strace.
live() {
	local spec=$1 trace=$2
	shift 2
	rc=0 rc_strace=0
	"$SREC" replay --inject="$spec" --live-after-inject "$trace" \
		>out 2>err || rc=$?
	strace -f -o /dev/null -e inject="$spec" "$@" >expect || rc_strace=$?
}

test_expect_code 2 'refused without --live-after-inject' '
	"$SREC" replay --inject=open:error=EACCES t.srec >out 2>err
	rc=$?; one_line err && grep -q "needs --live-after-inject" err &&
	grep -q "recording does not have" err && [ ! -s out ] && exit $rc
'

test_expect_code 2 '--live-after-inject alone is refused' '
	"$SREC" replay --live-after-inject t.srec 2>err
	rc=$?; one_line err && exit $rc
'

test_expect_code 2 'a bad SPEC is one line' '
	"$SREC" replay --inject=open:when=2 --live-after-inject t.srec 2>err
	rc=$?; one_line err && grep -q "say what to inject" err && exit $rc
'

test_expect_success 'error=: recorded up to the call, then live as strace' '
	live open:error=EACCES:when=2 t.srec "$SAMPLES/faults" data 3 &&
	head -n 1 recorded >want && tail -n +2 expect >>want &&
	test_cmp want out &&
	grep -q "^try 1: .*v1$" out && grep -q "^try 3: .*v2$" out &&
	[ "$rc" = "$rc_strace" ] && [ "$rc" = 1 ] &&
	one_line err &&
	grep -q "^srec: event #[0-9]*: injected -1 EACCES into open() of process [0-9]* (recorded as [0-9]*); the program runs live from here$" err
'

test_expect_success 'the prefix inject= is accepted, and fault=' '
	rc=0 &&
	{ "$SREC" replay -q --inject=inject=open:error=EACCES:when=2 \
		--live-after-inject t.srec >out 2>err || rc=$?; } &&
	[ "$rc" = 1 ] && [ ! -s err ] &&
	grep -q "^try 2: open: Permission denied$" out &&
	rc=0 &&
	{ "$SREC" replay -q --inject=fault=open:when=3 \
		--live-after-inject t.srec >out || rc=$?; } &&
	[ "$rc" = 1 ] && grep -q "^try 3: open: Function not implemented" out
'

test_expect_success 'retval=: the program sees the value, live' '
	live getuid:retval=4242 t.srec "$SAMPLES/faults" data 3 &&
	head -n 3 recorded >want && tail -n +4 expect >>want &&
	test_cmp want out && grep -q "^uid 4242$" out && [ "$rc" = 0 ]
'

test_expect_success 'signal=: the handler runs live' '
	live getppid:signal=SIGUSR1 t.srec "$SAMPLES/faults" data 3 &&
	head -n 4 recorded >want && tail -n +5 expect >>want &&
	test_cmp want out && tail -n 2 out | head -n 1 | grep -q "got SIGUSR1" &&
	grep -q "injected SIGUSR1 into getppid()" err
'

test_expect_success 'a fork: the parent reacts to the injected wait4' '
	live wait4:error=ECHILD:when=2 fe.srec "$SAMPLES/fork_exec" &&
	[ "$rc" = "$rc_strace" ] && [ "$rc" = 1 ] &&
	sed "s/of [0-9]*/of P/" out | sort >got &&
	sed "s/of [0-9]*/of P/" expect | sort >want &&
	test_cmp want got &&
	grep -q "^wait4: No child processes$" err
'

test_expect_success 'a clone3 (counted at its Clone event) fails live' '
	live clone3:error=EAGAIN:when=2 th.srec "$SAMPLES/threads" 2 5 &&
	[ "$rc" = "$rc_strace" ] && [ "$rc" = 1 ] && test_cmp expect out &&
	grep -q "injected -1 EAGAIN into clone3()" err &&
	grep -q "^pthread_create: Resource temporarily unavailable$" err
'

test_expect_success 'a SPEC that picks nothing replays as recorded' '
	"$SREC" replay --inject=open:error=EIO:when=9 --live-after-inject \
		t.srec >out 2>err &&
	test_cmp recorded out && one_line err &&
	grep -q "picked no call of the recording" err
'

test_done
