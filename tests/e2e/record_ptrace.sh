# SPDX-License-Identifier: MIT
# record_ptrace.sh - ptrace inside the recorded program.  srec already
# traces every recorded process, so PTRACE_TRACEME and PTRACE_ATTACH fail
# with EPERM as under any debugger, srec says so in one warning line, and
# nothing hangs: the SIGSTOP a PTRACE_TRACEME child sends itself (which
# its parent, no tracer, would wait for forever) is dropped and noted in
# the trace.  strace under srec then fails by itself; record and replay
# end within their time limit and leave no tracee stopped.
. "$SRCDIR/tests/e2e/lib.sh"

cat >expect <<'OUT'
traceme -1
stopped 0
exit 3
attach -1
exit 4
OUT

test_expect_success 'PTRACE_TRACEME + SIGSTOP, PTRACE_ATTACH: no hang' '
	timeout 60 "$SREC" record -o np.srec -- "$SAMPLES/nested_ptrace" \
		>out 2>err &&
	test_cmp expect out
'

test_expect_success '... one warning naming the call' '
	test "$(grep -c "^srec: warning: .*ptrace(PTRACE_TRACEME).*EPERM" err)" = 1
'

test_expect_success '... the dropped SIGSTOP is a note in the trace' '
	"$SREC" dump --json np.srec >dump &&
	grep -q "\"note\".*SIGSTOP to thread .* dropped" dump &&
	! grep -q "\"name\":\"SIGSTOP\"" dump
'

test_expect_success '... and replays with the same output' '
	timeout 60 "$SREC" replay np.srec >rout &&
	test_cmp expect rout
'

test_expect_code 1 'strace under srec fails by itself (exit 1), no hang' '
	timeout 60 "$SREC" record -o st.srec -- strace -o /dev/null true \
		2>err
'

test_expect_success '... with the reason in one srec line' '
	grep -q "ptrace: Operation not permitted\|PTRACE_TRACEME: Operation not permitted" err &&
	test "$(grep -c "^srec: warning: .*ptrace(" err)" = 1
'

test_expect_success '... and its trace replays' '
	timeout 60 "$SREC" replay st.srec 2>rerr
'

test_expect_success 'no tracee left stopped' '
	no_stopped_here
'

test_done
