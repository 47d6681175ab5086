# SPDX-License-Identifier: MIT
# record_mmap.sh - `srec record` of samples/mmap_file: a file-backed
# mmap gets an out Mem on the fd argument naming a Blob (stored once,
# before it) instead of bytes: the whole 10000-byte file, the 12288
# readable bytes of a 16384-byte mapping of it (the rest faults), and all
# of /etc/passwd.  The same content mapped twice is stored once.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, sys
from record_check import *

ev = load("t.srec")
main = marked(ev)
expect_names(main, ["openat", "write", "close", "openat", "mmap", "mmap",
                    "close", "openat", "newfstatat", "mmap", "close",
                    "write", "munmap", "munmap", "munmap", "unlinkat"])
_, wr, _, op, m1, m2, _, op2, _, m3, _, out, u1, u2, u3, _ = main
expect_ret(wr, 10000)
blobs = {e["hash"]: e for e in ev if e["type"] == "blob"}
size = os.stat("/etc/passwd").st_size
for m, fd, want_len, want_fault in ((m1, op["ret"], 10000, False),
                                    (m2, op["ret"], 12288, True),
                                    (m3, op2["ret"], size, False)):
    if m["ret"] <= 0 or m["args"][4] != fd:
        fail("mmap of fd %d failed" % fd, m)
    r = mem(m, 4, "out")
    if len(r) != 1:
        fail("mmap has %d out regions on arg 4, want 1" % len(r), m)
    r = r[0]
    if r["addr"] != m["ret"] or r["len"] != want_len or \
            bool(r.get("fault")) != want_fault or "data_b64" in r or \
            r.get("blob") not in blobs:
        fail("mmap's Mem: want addr=ret len=%d fault=%s and a blob" %
             (want_len, want_fault), m)
    b = blobs[r["blob"]]
    if b["len"] != want_len or b["seq"] > m["seq"]:
        fail("Blob of %d bytes after the mmap, want %d before" %
             (b["len"], want_len), b, m)
if [u["args"][0] for u in (u1, u2, u3)] != [m1["ret"], m2["ret"], m3["ret"]]:
    fail("munmap addresses")
expect_data(out, 1, "in", open("out", "rb").read())
PY
}

test_expect_success 'record mmap_file' '
	record_sample mmap_file &&
	! test -e mmap.dat
'

test_expect_success 'file-backed mmaps name their blobs' '
	check
'

test_expect_success 'one content mapped by two processes is stored once' '
	"$SREC" record -q -o two.srec -- \
		sh -c "cat /etc/hostname; cat /etc/hostname" >/dev/null &&
	check_py <<-\EOF
	from record_check import *
	ev = load("two.srec")
	refs = {}
	for e in syscalls(ev, name="mmap"):
	    for m in mem(e, 4, "out"):
	        refs.setdefault(m["blob"], set()).add(e["pid"])
	if not any(len(p) >= 2 for p in refs.values()):
	    fail("no blob shared by the two cat processes (libc): %r" % refs)
	EOF
'

test_done
