# SPDX-License-Identifier: MIT
# record_stat.sh - `srec record` of samples/stat_family: stat, fstat,
# newfstatat, lstat, statx, access, readlink and readlinkat in order, with
# the struct stat / struct statx bytes the kernel wrote (size and inode
# checked against /etc/passwd itself) and the link target read; a path
# the call's own struct overwrites is kept as it was before the call.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, struct, sys
from record_check import *

ev = load("t.srec")
main = marked(ev)
expect_names(main, ["stat", "openat", "fstat", "newfstatat", "newfstatat",
                    "lstat", "statx", "access", "access", "readlink",
                    "readlinkat", "newfstatat", "close", "write"])
st, op, fst, nfa, nfa_empty, lst, stx, acc, acc2, rl, rla, nfa_own, cl, \
    out = main
real = os.stat("/etc/passwd")
for e, arg in ((st, 1), (fst, 1), (nfa, 2), (nfa_empty, 2), (nfa_own, 2)):
    expect_ret(e, 0)
    buf = data(e, arg, "out")
    if len(buf) != 144:
        fail("struct stat kept %d bytes, want 144" % len(buf), e)
    ino, = struct.unpack_from("<Q", buf, 8)
    size, = struct.unpack_from("<q", buf, 48)
    if (ino, size) != (real.st_ino, real.st_size):
        fail("stat says ino %d size %d, want %d %d" %
             (ino, size, real.st_ino, real.st_size), e)
expect_data(st, 0, "in", b"/etc/passwd")
expect_data(nfa, 1, "in", b"/etc/passwd")
expect_data(nfa_own, 1, "in", b"/etc/passwd")
if nfa_own["args"][1] != nfa_own["args"][2]:
    fail("the last newfstatat's path is not in its stat buffer", nfa_own)
if fst["args"][0] != op["ret"] or nfa_empty["args"][0] != op["ret"]:
    fail("fstat/newfstatat not on the opened fd", fst, nfa_empty)
if nfa_empty["args"][3] != 0x1000:
    fail("newfstatat flags not AT_EMPTY_PATH", nfa_empty)
expect_ret(lst, -2)
if data(lst, 1, "out"):
    fail("a failed lstat kept output bytes", lst)
expect_ret(stx, 0)
buf = data(stx, 4, "out")
if len(buf) != 256:
    fail("struct statx kept %d bytes, want 256" % len(buf), stx)
ino, size = struct.unpack_from("<QQ", buf, 32)
if (ino, size) != (real.st_ino, real.st_size):
    fail("statx says ino %d size %d" % (ino, size), stx)
expect_ret(acc, 0)
expect_ret(acc2, -2)
expect_data(acc2, 0, "in", b"/nonexistent-srec-sample")
exe = os.path.realpath(os.environ["SAMPLES"] + "/stat_family").encode()
expect_data(rl, 0, "in", b"/proc/self/exe")
expect_ret(rl, len(exe))
expect_data(rl, 1, "out", exe)
expect_ret(rla, -22)
expect_ret(cl, 0)
expect_data(out, 1, "in", open("out", "rb").read())
PY
}

test_expect_success 'record stat_family' '
	record_sample stat_family
'

test_expect_success 'trace holds the exact calls, structs and results' '
	check
'

test_done
