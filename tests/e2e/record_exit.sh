# SPDX-License-Identifier: MIT
# record_exit.sh - what `srec record` passes through: PROG's exit status
# (128+N when signal N killed it, like a shell), its stdin, stdout and
# stderr untouched, and the errors for a PROG that cannot run: one line
# on stderr, 127 when it does not exist, 126 when it is not executable.
. "$SRCDIR/tests/e2e/lib.sh"

# last_exit TRACE: "code signal" of the root's process Exit event.
last_exit() {
	check_py "$1" <<'PY'
import os, sys
from record_check import *
ev = load(sys.argv[1])
x = [e for e in ev if e["type"] == "exit" and not e["thread"] and
     e["pid"] == ev[0]["pid"]]
if len(x) != 1:
    fail("root Exit events", *x)
print(x[0]["code"], x[0]["signal"])
PY
}

test_expect_code 0 'exit status 0' '
	"$SREC" record -q -o t.srec -- true
'

test_expect_code 7 'exit status 7' '
	"$SREC" record -q -o t.srec -- sh -c "exit 7"
'

test_expect_success 'the Exit event holds the code' '
	test "$(last_exit t.srec)" = "7 None"
'

test_expect_code 143 'death by SIGTERM is 128+15' '
	"$SREC" record -q -o term.srec -- sh -c "kill -TERM \$\$"
'

test_expect_success 'the Exit event names SIGTERM' '
	last_exit term.srec >x &&
	test "$(cut -d" " -f2 x)" = SIGTERM
'

test_expect_code 137 'death by SIGKILL is 128+9' '
	"$SREC" record -q -o kill.srec -- sh -c "kill -KILL \$\$"
'

# A call killed in the middle (SIGKILL: no exit stop, no result) is a
# no_return event that still holds what it read: python3 blocks in
# rt_sigtimedwait, whose signal set and timeout srec may read at the
# exit stop that never comes.
test_expect_success 'a call killed in the middle keeps what it read' '
	"$SREC" record -q -o mid.srec -- python3 -c "if True:
		import signal
		signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
		signal.sigtimedwait({signal.SIGUSR1}, 60)" &
	srec_pid=$! &&
	for i in $(seq 300); do
		pid=$(pgrep -P $srec_pid) &&
		grep -q "^128 " /proc/$pid/syscall 2>/dev/null && break
		sleep 0.1
	done &&
	kill -KILL $pid &&
	{ wait $srec_pid; test $? = 137; } &&
	check_py mid.srec <<-\PY
	import struct, sys
	from record_check import *
	calls = [e for e in load(sys.argv[1]) if e["type"] ==
	         "syscall" and e["name"] == "rt_sigtimedwait"]
	if len(calls) != 1 or not calls[0].get("no_return"):
	    fail("want one rt_sigtimedwait that never returned", *calls)
	mask, = struct.unpack("<Q", data(calls[0], 0, "in"))
	if mask != 1 << 9:
	    fail("signal set %#x, want SIGUSR1 alone" % mask, calls[0])
	if data(calls[0], 2, "in") != struct.pack("<qq", 60, 0):
	    fail("timeout not {60, 0}", calls[0])
	PY
'

test_expect_success 'stdin, stdout and stderr are the program'"'"'s own' '
	printf "line one\nline two\n" >in &&
	"$SREC" record -q -o io.srec -- sh -c "cat; echo to-err >&2" \
		<in >out 2>err &&
	test_cmp in out &&
	echo to-err >expect &&
	test_cmp expect err
'

test_expect_success 'a pipe stays a pipe' '
	printf "abc\n" |
		"$SREC" record -q -o p.srec -- \
			sh -c "test -p /dev/stdin && cat" |
		cat >out &&
	printf "abc\n" >expect &&
	test_cmp expect out
'

test_expect_success 'without -q, every srec message is prefixed srec:' '
	"$SREC" record -o msg.srec -- sh -c "echo out; echo err >&2" \
		>out 2>err &&
	echo out >expect &&
	test_cmp expect out &&
	grep -v "^srec:" err >other || true &&
	echo err >expect &&
	test_cmp expect other
'

test_expect_code 127 'a missing PROG exits 127' '
	"$SREC" record -o miss.srec -- /nonexistent/prog 2>err
'

test_expect_success '... with one line on stderr naming it' '
	test $(wc -l <err) = 1 &&
	grep -q "^srec: .*/nonexistent/prog" err
'

test_expect_code 127 'a PROG not in PATH exits 127' '
	"$SREC" record -q -o miss.srec -- no-such-command-srec 2>err
'

test_expect_success '... with one line even with -q' '
	test $(wc -l <err) = 1
'

test_expect_code 126 'a PROG that is not executable exits 126' '
	echo "echo hi" >noexec.sh &&
	chmod 644 noexec.sh &&
	"$SREC" record -o ne.srec -- ./noexec.sh 2>err
'

test_expect_success '... with one line on stderr' '
	test $(wc -l <err) = 1
'

test_expect_success 'no tracee left behind' '
	no_stopped_here
'

test_done
