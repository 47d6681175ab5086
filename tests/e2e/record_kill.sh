# SPDX-License-Identifier: MIT
# record_kill.sh - srec itself killed with SIGKILL while recording a
# busy program (samples/storm): no tracee is left stopped, and the trace
# written so far stays readable: `srec verify` reports the damage (exit
# 1), `srec dump` still prints the events before it (and exits 1), and
# at most about the last second of events is missing.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, sys
from record_check import *

inv = Invariants(exits=False)
n = 0
for e in stream("k.srec", damaged_ok=True):
    inv.feed(e)
    if e["type"] == "syscall" and e["name"] == "getppid":
        n += 1
inv.finish()
# The recorder ran 3 s; the trace may lose its last second, not more.
if n < 1000:
    fail("only %d getppid calls survived" % n)
print("%d events, %d getppid" % (inv.n, n))
PY
}

test_expect_success 'SIGKILL srec while it records' '
	"$SREC" record -q -o k.srec -- "$SAMPLES/storm" 100000000 >/dev/null &
	rpid=$! &&
	sleep 3 &&
	kids=$(pgrep -P $rpid || true) &&
	test -n "$kids" &&
	echo $kids >kids &&
	kill -KILL $rpid &&
	{ wait $rpid; test $? = 137; } &&
	sleep 0.5 &&
	no_stopped_here
'

test_expect_success 'the tracee is not left stopped' '
	for k in $(cat kids); do
		# One read of stat: the tracee may be reaped between two.
		stat=$(cat /proc/$k/stat 2>/dev/null || true)
		test -n "$stat" || continue
		state=$(echo "$stat" | cut -d")" -f2 | cut -d" " -f2) &&
		case $state in [tT]) die "tracee $k stopped";; esac &&
		{ kill -9 $k 2>/dev/null || true; }
	done
'

test_expect_code 1 'srec verify reports the damage' '
	"$SREC" verify k.srec >verify.out 2>verify.err
'

test_expect_success '... in words' '
	test -s verify.err || test -s verify.out
'

test_expect_code 1 'srec dump prints what is intact, then exits 1' '
	"$SREC" dump k.srec >dump.out 2>dump.err
'

test_expect_success '... with the events and a message' '
	test $(grep -c "getppid() = " dump.out) -ge 1000 &&
	test -s dump.err
'

test_expect_success 'the intact events keep every invariant' '
	check
'

test_done
