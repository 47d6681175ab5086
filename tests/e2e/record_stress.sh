# SPDX-License-Identifier: MIT
# record_stress.sh - `srec record` under load: samples/stress_threads
# with 8 threads x 50,000 getppid calls while 100 children are forked one
# after another.  Nothing may be lost or invented: exactly 8 x 50,000
# getppid calls in the 8 threads, each child's exact calls and exit code,
# every invariant of the event stream, and no hang (CTest's timeout, and
# a 120 s cap here).  Outside CI (CI unset) the load is scaled down to
# keep a developer's run short.
. "$SRCDIR/tests/e2e/lib.sh"

T=8 N=50000 C=100
if [ "${CI:-}" != true ]; then
	N=10000
fi

check() {
	check_py "$@" <<'PY'
import collections, os, sys
from record_check import *

T, N, C = map(int, sys.argv[1:4])
inv = Invariants()
root = None
getppid = collections.Counter()
clones = []          # (kind, child_tid) in order
exits = {}           # pid -> code of its process Exit
thread_exits = 0
for e in stream("t.srec", fast=["getppid"]):
    inv.feed(e)
    if root is None:
        root = e["pid"]
    t = e["type"]
    if t == "syscall" and e["name"] == "getppid":
        getppid[e["tid"]] += 1
        if e["ret"] <= 0:
            fail("getppid returned %r" % e["ret"], e)
    elif t == "clone":
        clones.append((e["kind"], e["child_tid"]))
    elif t == "exit":
        if e["thread"]:
            thread_exits += 1
        else:
            exits[e["pid"]] = (e["code"], e["signal"])
inv.finish()
threads = [c for k, c in clones if k == "clone"]
children = [c for k, c in clones if k == "fork"]
if len(threads) != T or len(children) != C:
    fail("%d thread and %d fork Clone events, want %d and %d" %
         (len(threads), len(children), T, C))
for tid in threads:
    if getppid[tid] != N:
        fail("thread %d: %d getppid events, want %d" % (tid, getppid[tid], N))
for i, pid in enumerate(children):
    if getppid[pid] != i % 7:
        fail("child %d (pid %d): %d getppid, want %d" %
             (i, pid, getppid[pid], i % 7))
    if exits.get(pid) != (i % 64, None):
        fail("child %d (pid %d): Exit %r, want code %d" %
             (i, pid, exits.get(pid), i % 64))
total = sum(getppid.values())
want = T * N + sum(i % 7 for i in range(C))
if total != want or getppid[root] != 0:
    fail("%d getppid events in all, want %d" % (total, want))
if thread_exits != T or exits.get(root) != (0, None) or len(exits) != C + 1:
    fail("%d thread Exits, %d process Exits, root %r" %
         (thread_exits, len(exits), exits.get(root)))
print("ok: %d events" % inv.n)
PY
}

test_expect_success "record stress_threads $T x $N + $C children" '
	timeout 120 "$SREC" record -q -o t.srec -- \
		"$SAMPLES/stress_threads" $T $N $C >out &&
	cc=$(( (C / 7) * 21 + (C % 7) * (C % 7 - 1) / 2 )) &&
	echo "threads $T x $N getppid, $C children with $cc getppid," \
		"0 bad exits" >expect &&
	test_cmp expect out
'

test_expect_success 'every call, clone and exit is in the trace, exactly once' '
	check $T $N $C
'

test_expect_success 'no tracee left behind' '
	no_stopped_here
'

test_done
