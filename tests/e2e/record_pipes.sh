# SPDX-License-Identifier: MIT
# record_pipes.sh - `srec record` of samples/pipes_dup: pipe2, dup, dup3,
# fcntl and a forked child writing into the pipe.  Checks the parent's
# and the child's calls in order, the Clone event and the fd numbers the
# calls returned, the bytes written by the child and read by the parent,
# the wait status and the child's Exit event.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, struct, sys
from record_check import *

ev = load("t.srec")
parent = mark_tid(ev)
main = marked(ev)
expect_names(main, ["pipe2", "dup", "dup3", "fcntl", "fcntl", "fcntl",
                    "read", "fcntl", "fcntl", "clone", "close", "close",
                    "close", "close", "wait4", "read", "read", "close",
                    "write"])
(pipe2, dup, dup3, getfd10, getfd1, setfl, again, setfl0, dupfd, clone,
 c1, c2, c3, c4, wait4, rd, eof, c5, out) = main
expect_ret(pipe2, 0)
rfd, wfd = struct.unpack("<ii", data(pipe2, 0, "out"))
if dup["args"][0] != wfd or dup["ret"] < 3:
    fail("dup of the write end %d" % wfd, dup)
expect_ret(dup3, 10)
expect_ret(getfd10, 0)
expect_ret(getfd1, 1)
expect_ret(again, -11)
if again["args"][0] != rfd:
    fail("read not on the read end %d" % rfd, again)
expect_ret(dupfd, 20)
# fork: the Clone event, then the parent's clone call returning the child.
kids = children_of(ev, parent)
if len(kids) != 1 or clone["ret"] != kids[0]:
    fail("clone returned %r, Clone events name %r" % (clone["ret"], kids),
         clone)
cl = [e for e in ev if e["type"] == "clone"][0]
if cl["kind"] != "fork" or cl["seq"] > clone["seq"]:
    fail("Clone event wrong or after the clone call", cl, clone)
child = kids[0]
cev = [e for e in ev if e["tid"] == child]
expect_names([e for e in cev if e["type"] == "syscall"],
             ["set_robust_list", "close", "write", "write", "exit_group"])
if cev[0]["seq"] < cl["seq"] or cev[0]["pid"] != child:
    fail("child's first event", cev[0])
_, cclose, w1, w2, ex = [e for e in cev if e["type"] == "syscall"]
expect_data(w1, 1, "in", b"from child\n")
expect_data(w2, 1, "in", b"second line\n")
if w1["args"][0] != 10 or w2["args"][0] != dup["ret"]:
    fail("child wrote to fds %d %d" % (w1["args"][0], w2["args"][0]))
if not ex.get("no_return") or ex["ret"] is not None:
    fail("exit_group is not marked no_return", ex)
last = cev[-1]
if last["type"] != "exit" or last["code"] != 0 or last["signal"] or \
        last["thread"]:
    fail("child's last event is not its process Exit with code 0", last)
if [e["args"][0] for e in (c1, c2, c3, c4)] != [wfd, dup["ret"], 10, 20]:
    fail("parent closed the wrong fds")
expect_ret(wait4, child)
expect_data(wait4, 1, "out", b"\0\0\0\0")
expect_ret(rd, 23)
expect_data(rd, 1, "out", b"from child\nsecond line\n")
expect_ret(eof, 0)
expect_data(out, 1, "in", open("out", "rb").read())
PY
}

test_expect_success 'record pipes_dup' '
	record_sample pipes_dup
'

test_expect_success 'parent and child calls, fds, bytes and exits' '
	check
'

test_done
