# SPDX-License-Identifier: MIT
# record_files.sh - `srec record` of samples/files_dirs: between the
# sample's marks the trace holds exactly the calls it makes, with the
# bytes it wrote and read, the paths it named and what the calls returned.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, struct, sys
from record_check import *

ev = load("t.srec")
main = marked(ev)
expect_names(main, ["openat", "mkdirat", "openat", "write", "lseek",
                    "close", "openat", "read", "lseek", "read", "close",
                    "renameat2", "openat", "getdents64", "getdents64",
                    "close", "unlinkat", "unlinkat", "close", "write"])
(opendir, mkdir, create, wr, tell, _, open2, rd1, seek, rd2, _, ren,
 opensub, dents, dents0, _, unl, rmd, _, out) = main
if path_arg(opendir, 1) != "d":
    fail("openat path %r, want 'd'" % path_arg(opendir, 1), opendir)
dfd = opendir["ret"]
if dfd < 3:
    fail("openat of the directory failed", opendir)
for e in (mkdir, create, open2, opensub, unl, rmd):
    if e["args"][0] != dfd:
        fail("dirfd argument is not %d" % dfd, e)
expect_data(mkdir, 1, "in", b"sub")
expect_data(create, 1, "in", b"sub/a.txt")
expect_data(wr, 1, "in", b"hello, files\n")
expect_ret(wr, 13)
if wr["args"][0] != create["ret"]:
    fail("write is not on the created fd", wr)
expect_ret(tell, 13)
expect_data(rd1, 1, "out", b"hello, files\n")
expect_ret(rd1, 13)
expect_ret(seek, 7)
expect_data(rd2, 1, "out", b"files\n")
expect_ret(rd2, 6)
expect_data(ren, 1, "in", b"sub/a.txt")
expect_data(ren, 3, "in", b"sub/b.txt")
expect_ret(ren, 0)
# getdents64: the records the kernel wrote, parsed.
buf = data(dents, 1, "out")
if len(buf) != dents["ret"]:
    fail("getdents64 kept %d bytes, returned %d" % (len(buf), dents["ret"]),
         dents)
found, off = [], 0
while off < len(buf):
    reclen = struct.unpack_from("<H", buf, off + 16)[0]
    found.append(buf[off + 19:off + reclen].split(b"\0")[0])
    off += reclen
if sorted(found) != [b".", b"..", b"b.txt"]:
    fail("getdents64 entries %r" % found, dents)
expect_ret(dents0, 0)
expect_data(unl, 1, "in", b"sub/b.txt")
expect_data(rmd, 1, "in", b"sub")
if rmd["args"][2] != 0x200:
    fail("unlinkat flags not AT_REMOVEDIR", rmd)
expect_data(out, 1, "in", open("out", "rb").read())
if out["args"][0] != 1:
    fail("the output did not go to fd 1", out)
PY
}

test_expect_success 'record files_dirs' '
	mkdir d &&
	"$SREC" record -q -o t.srec -- "$SAMPLES/files_dirs" d >out &&
	printf "wrote 13 bytes\nread: hello, files\n" >expect &&
	printf "read at 7: files\n" >>expect &&
	printf "entries: b.txt \n" >>expect &&
	test_cmp expect out &&
	test -z "$(ls d)"
'

test_expect_success 'trace holds the exact calls, bytes and results' '
	check
'

test_done
