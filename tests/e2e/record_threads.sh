# SPDX-License-Identifier: MIT
# record_threads.sh - `srec record` of samples/threads (6 threads x 300
# writes): every thread's calls are under its own tid, in the process's
# pid, after the Clone event that made it; each made exactly its writes
# (the length says which thread) and one futex wake; each thread ends
# with exit and a thread Exit event, the process with one process Exit.
. "$SRCDIR/tests/e2e/lib.sh"

T=6
N=300

check() {
	check_py "$@" <<'PY'
import os, sys
from record_check import *

T, N = int(sys.argv[1]), int(sys.argv[2])
ev = load("t.srec")
root = mark_tid(ev)
main = marked(ev)
creates = [e for e in main if e["name"] in ("clone", "clone3")]
clones = [e for e in ev if e["type"] == "clone"]
if len(creates) != T or [e["ret"] for e in creates] != \
        [c["child_tid"] for c in clones]:
    fail("%d clone calls for %d Clone events, want %d" %
         (len(creates), len(clones), T))
for c in clones:
    if c["kind"] != "clone" or c["child_pid"] != root or c["tid"] != root:
        fail("Clone event of a thread", c)
for i, c in enumerate(clones):
    tid = c["child_tid"]
    mine = [e for e in ev if e["tid"] == tid]
    if any(e["pid"] != root for e in mine):
        fail("thread %d: event outside pid %d" % (tid, root))
    calls = [e for e in mine if e["type"] == "syscall"]
    names_ = names(calls)
    start = names_.index("gettid")
    expect_ret(calls[start], tid)
    expect_names(calls[start + 1:start + N + 2], ["write"] * N + ["futex"])
    for w in calls[start + 1:start + N + 1]:
        if w["ret"] != i + 1 or len(data(w, 1)) != i + 1:
            fail("thread %d (index %d): write of another size" % (tid, i), w)
    expect_ret(calls[start + N + 1], 0)
    if calls[-1]["name"] != "exit" or not calls[-1].get("no_return"):
        fail("thread %d: last call is not exit" % tid, calls[-1])
    if mine[-1]["type"] != "exit" or not mine[-1]["thread"] or \
            mine[-1]["code"] != 0:
        fail("thread %d: last event is not a thread Exit" % tid, mine[-1])
writes = [e for e in syscalls(ev, name="write") if e["args"][0] != 1]
if len(writes) != T * N:
    fail("%d writes to /dev/null, want %d" % (len(writes), T * N))
last = ev[-1]
if last["type"] != "exit" or last["thread"] or last["pid"] != root:
    fail("the trace does not end with the process Exit", last)
PY
}

test_expect_success 'record threads' '
	record_sample threads $T $N
'

test_expect_success 'each thread: its calls, in order, between Clone and Exit' '
	check $T $N
'

test_done
