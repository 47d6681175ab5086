# SPDX-License-Identifier: MIT
# record_poll.sh - `srec record` of samples/poll_epoll_select: poll,
# select, pselect6, epoll_create1/ctl/wait, epoll_pwait and ppoll on a
# pipe, in order, with the readiness the kernel wrote back (revents, fd
# sets, epoll_event) and the timeouts that expired.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, struct, sys
from record_check import *

ev = load("t.srec")
main = marked(ev)
expect_names(main, ["pipe2", "write", "poll", "select", "pselect6",
                    "epoll_create1", "epoll_ctl", "epoll_wait", "read",
                    "epoll_pwait", "ppoll", "close", "close", "close",
                    "write"])
(pipe2, wr, poll, sel, psel, epc, ctl, ewait, rd, epwait, ppoll, _, _, _,
 out) = main
rfd, wfd = struct.unpack("<ii", data(pipe2, 0, "out"))
expect_data(wr, 1, "in", b"x")
expect_ret(poll, 2)
fds = data(poll, 0, "out")
if len(fds) != 16:
    fail("poll kept %d bytes of pollfd out, want 16" % len(fds), poll)
if struct.unpack("<ihhihh", fds) != (rfd, 1, 1, wfd, 4, 4):
    fail("pollfd array after poll: %r" % (struct.unpack("<ihhihh", fds),),
         poll)
for e in (sel, psel):
    expect_ret(e, 1)
    bits = data(e, 1, "out")
    if not bits or not bits[rfd // 8] & (1 << (rfd % 8)):
        fail("%s did not keep the read end's bit" % e["name"], e)
expect_ret(epc, epc["ret"] if epc["ret"] >= 3 else 3)
expect_data(ctl, 3, "in", struct.pack("<IQ", 1, 42))
expect_ret(ewait, 1)
expect_data(ewait, 1, "out", struct.pack("<IQ", 1, 42))
expect_data(rd, 1, "out", b"x")
expect_ret(epwait, 0)
if data(epwait, 1, "out"):
    fail("epoll_pwait returned 0 events but kept bytes", epwait)
expect_ret(ppoll, 0)
expect_data(out, 1, "in", open("out", "rb").read())
PY
}

test_expect_success 'record poll_epoll_select' '
	record_sample poll_epoll_select
'

test_expect_success 'calls in order with the readiness they returned' '
	check
'

test_done
