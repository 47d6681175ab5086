# SPDX-License-Identifier: MIT
# record_stack.sh - record -k: every syscall keeps the user stack from sp
# at its entry (at most the header's stack_copy bytes); at the write of
# samples/stack_chain the copy holds the return addresses into g, f and
# main, in that order from sp (nm's addresses: the sample is not PIE);
# a trace without -k has no stacks.
. "$SRCDIR/tests/e2e/lib.sh"

test_expect_success 'record -k: info names the stack copy' '
	"$SREC" record -q -k -o t.srec -- "$SAMPLES/stack_chain" >out &&
	test "$(cat out)" = "stack chain" &&
	"$SREC" info t.srec >info &&
	grep -x "stacks:        8192 bytes from sp per call (-k)" info
'

test_expect_success 'the write holds g, f, main return addresses in order' '
	nm "$SAMPLES/stack_chain" >syms &&
	check_py syms <<'"'"'PY'"'"'
import base64, struct, sys
from record_check import *

syms = sorted((int(a, 16), n) for a, t, n in
              (l.split() for l in open(sys.argv[1]) if len(l.split()) == 3))
def func_of(pc):
    name = None
    for a, n in syms:
        if a > pc:
            break
        name = n
    return name

ev = load("t.srec")
calls = syscalls(ev)
if not all("stack_b64" in c for c in calls):
    fail("a syscall without a stack", *[c for c in calls
                                         if "stack_b64" not in c][:1])
for c in calls:
    n = len(base64.b64decode(c["stack_b64"]))
    if n == 0 or n > 8192:
        fail("stack copy of %d bytes" % n, c)
w = [c for c in calls if c["name"] == "write" and c["args"][0] == 1]
if len(w) != 1:
    fail("expected one write to stdout", *w)
st = base64.b64decode(w[0]["stack_b64"])
seen = []
for off in range(0, len(st) - 7, 8):
    f = func_of(struct.unpack_from("<Q", st, off)[0])
    if f in ("g", "f", "main") and f not in seen:
        seen.append(f)
if seen != ["g", "f", "main"]:
    fail("return addresses on the stack: %s" % seen, w[0])
PY
'

test_expect_success 'without -k: no stacks, no stacks line in info' '
	"$SREC" record -q -o plain.srec -- "$SAMPLES/stack_chain" >out &&
	"$SREC" info plain.srec >info &&
	! grep -q "^stacks:" info &&
	"$SREC" dump --json plain.srec >j &&
	! grep -q stack_b64 j
'

test_done
