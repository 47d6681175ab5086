# SPDX-License-Identifier: MIT
# record_static.sh - `srec record` of a statically linked program
# (samples/static_hello): no dynamic loader, so no file-backed mmap and
# no ld.so, yet the same execve + Exec start, the greeting's one write and
# the process Exit.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, sys
from record_check import *

ev = load("t.srec")
exe = os.path.realpath(os.environ["SAMPLES"] + "/static_hello")
# The executable is a Blob before its execve (rule 16).
start = [e for e in ev if e["type"] != "blob"]
if start[1]["type"] != "exec" or os.path.realpath(start[1]["exe"]) != exe:
    fail("no Exec event of the static binary", start[1])
main = marked(ev)
expect_names(main, ["write"])
expect_data(main[0], 1, "in", b"hello from a static binary\n")
expect_ret(main[0], 27)
for e in syscalls(ev):
    p = e.get("path") or ""
    if "ld-linux" in p or "libc.so" in p:
        fail("a static binary opened %s" % p, e)
    if e["name"] == "mmap" and mem(e, 4, "out"):
        fail("file-backed mmap in a static binary", e)
x = [e for e in ev if e["type"] == "exit"]
if len(x) != 1 or x[0]["code"] != 0 or ev[-1] is not x[0]:
    fail("Exit events", *x)
PY
}

test_expect_success 'record static_hello' '
	"$SREC" record -q -o t.srec -- "$SAMPLES/static_hello" >out &&
	echo "hello from a static binary" >expect &&
	test_cmp expect out
'

test_expect_success 'a static program: exec, one write, exit' '
	check
'

test_done
