# SPDX-License-Identifier: MIT
# record_signals.sh - `srec record` of samples/signals: Signal events
# where the deliveries happened (after the kill to self, after the
# sigprocmask that unblocked a pending signal, inside the interrupted
# reads), the handlers' writes and rt_sigreturn after each, a read that
# fails with EINTR (no SA_RESTART) and one restarted (SA_RESTART) that
# then returns its byte, with senders and signal numbers as sent.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, struct, sys
from record_check import *

ev = load("t.srec")
parent = mark_tid(ev)
main = marked(ev, with_signals=True)
expect_names(main, ["rt_sigaction", "rt_sigaction", "rt_sigaction",
                    "rt_sigprocmask", "getpid", "kill", "[SIGUSR1]",
                    "write", "rt_sigreturn", "getpid", "kill",
                    "rt_sigpending", "rt_sigprocmask", "[SIGUSR2]", "write",
                    "rt_sigreturn", "pipe2", "pipe2", "pipe2", "clone",
                    "read", "[SIGALRM]", "write", "rt_sigreturn", "write",
                    "read", "[SIGUSR1]", "write", "write", "rt_sigreturn",
                    "read", "wait4", "write"])
(sa1, sa2, sa3, block, _, kill1, sig1, h1, ret1, _, kill2, pend, unblock,
 sig2, h2, ret2, p1, _, p3, clone, rd1, alrm, h3, ret3, go, rd2, sig4, h4,
 tellw, ret4, rd3, wait4, out) = main
# SIGUSR1 = 10, SIGUSR2 = 12, SIGALRM = 14; SA_RESTART = 0x10000000.
if [e["args"][0] for e in (sa1, sa2, sa3)] != [10, 12, 14]:
    fail("rt_sigaction signal numbers")
flags = [struct.unpack_from("<Q", data(e, 1, "in"), 8)[0] for e in
         (sa1, sa2, sa3)]
if [bool(f & 0x10000000) for f in flags] != [True, False, False]:
    fail("sa_flags %r" % [hex(f) for f in flags])
if kill1["args"][:2] != [parent, 10] or kill2["args"][:2] != [parent, 12]:
    fail("kill arguments", kill1, kill2)
for s, signo, sender in ((sig1, 10, parent), (sig2, 12, parent),
                         (alrm, 14, clone["ret"]), (sig4, 10, clone["ret"])):
    if s["signo"] != signo or s["sender_pid"] != sender or s["code"] != 0:
        fail("signal %d from %d expected" % (signo, sender), s)
expect_data(h1, 1, "in", b"usr1\n")
expect_data(h2, 1, "in", b"usr2\n")
expect_data(h3, 1, "in", b"alrm\n")
expect_data(h4, 1, "in", b"usr1\n")
expect_data(tellw, 1, "in", b"h")
# USR2 was pending when rt_sigpending looked.
sigset = struct.unpack("<Q", data(pend, 0, "out")[:8])[0]
if not sigset & (1 << 11):
    fail("rt_sigpending: USR2 not pending (%#x)" % sigset, pend)
# Interrupted reads: the kernel's restart code at the exit stop
# (-ERESTARTSYS) or, seen after delivery, -EINTR.
for r in (rd1, rd2):
    if r["ret"] not in (-512, -4):
        fail("interrupted read returned %r" % r["ret"], r)
expect_ret(ret3, -4)
expect_data(go, 1, "in", b"g")
expect_ret(rd3, 1)
expect_data(rd3, 1, "out", b"z")
if rd3["args"][0] != rd2["args"][0]:
    fail("the restarted read is on another fd", rd2, rd3)
child = clone["ret"]
expect_ret(wait4, child)
cs = [e for e in syscalls(ev, tid=child)
      if e["name"] in ("kill", "write", "exit_group")]
expect_names(cs, ["kill", "kill", "write", "exit_group"])
if [e["args"][1] for e in cs[:2]] != [14, 10] or \
        {e["args"][0] for e in cs[:2]} != {parent}:
    fail("child's kills", *cs[:2])
expect_data(cs[2], 1, "in", b"z")
if [s["name"] for s in ev if s["type"] == "signal"] != \
        ["SIGUSR1", "SIGUSR2", "SIGALRM", "SIGUSR1"]:
    fail("other Signal events in the trace: %r" %
         [s["name"] for s in ev if s["type"] == "signal"])
expect_data(out, 1, "in", open("out", "rb").read().split(b"usr1\n")[-1])
PY
}

test_expect_success 'record signals' '
	record_sample signals
'

test_expect_success 'signals delivered where they happened, handlers after' '
	check
'

test_done
