# SPDX-License-Identifier: MIT
# record_time.sh - `srec record` of samples/time_random: with the vDSO
# hidden, libc's clock_gettime, gettimeofday and time are real syscalls,
# so the trace holds the very values the program printed; so does the
# getrandom buffer.  (Natively the time calls never reach the kernel.)
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, struct, sys
from record_check import *

ev = load("t.srec")
main = marked(ev)
expect_names(main, ["clock_gettime", "clock_gettime", "gettimeofday",
                    "time", "clock_nanosleep", "getrandom", "write"])
rt, mono, gtod, tm, nap, rnd, out = main
printed = dict(l.split(" ", 1) for l in
               open("out").read().splitlines())
if rt["args"][0] != 0 or mono["args"][0] != 1:
    fail("clock ids %d %d" % (rt["args"][0], mono["args"][0]))
for e, key in ((rt, "realtime"), (mono, "monotonic")):
    expect_ret(e, 0)
    s, ns = struct.unpack("<qq", data(e, 1, "out"))
    if "%d.%09d" % (s, ns) != printed[key]:
        fail("%s: trace %d.%09d, printed %s" % (key, s, ns, printed[key]),
             e)
s, us = struct.unpack("<qq", data(gtod, 0, "out"))
if "%d.%06d" % (s, us) != printed["gettimeofday"]:
    fail("gettimeofday: trace %d.%06d, printed %s" %
         (s, us, printed["gettimeofday"]), gtod)
if str(tm["ret"]) != printed["time"]:
    fail("time returned %r, printed %s" % (tm["ret"], printed["time"]), tm)
expect_data(nap, 2, "in", struct.pack("<qq", 0, 1000000))
expect_ret(nap, 0)
if nap["t_exit_ns"] - nap["t_enter_ns"] < 1000000:
    fail("a 1 ms sleep took %d ns" % (nap["t_exit_ns"] - nap["t_enter_ns"]),
         nap)
expect_ret(rnd, 16)
if data(rnd, 0, "out").hex() != printed["random"]:
    fail("getrandom: trace %s, printed %s" %
         (data(rnd, 0, "out").hex(), printed["random"]), rnd)
expect_data(out, 1, "in", open("out", "rb").read())
for a, b in zip(ev, ev[1:]):
    if a["type"] == b["type"] == "syscall" and a["tid"] == b["tid"] and \
            a["t_exit_ns"] is not None and b["t_enter_ns"] < a["t_exit_ns"]:
        fail("one thread's calls overlap in time", a, b)
PY
}

test_expect_success 'record time_random' '
	"$SREC" record -q -o t.srec -- "$SAMPLES/time_random" >out &&
	test $(wc -l <out) = 5
'

test_expect_success 'printed clocks and random bytes are the recorded ones' '
	check
'

test_done
