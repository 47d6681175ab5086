# SPDX-License-Identifier: MIT
# record_sockets.sh - `srec record` of samples/sockets: a socketpair with
# sendmsg/recvmsg and sendto/recvfrom, loopback UDP datagrams, and a
# loopback TCP server with a forked client.  Checks both processes' calls
# in order, the payloads in both directions (iovec by iovec for
# sendmsg) and the socket addresses the calls passed and got back.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, socket, struct, sys
from record_check import *

def sockaddr_in(buf, e):
    if len(buf) < 8:
        fail("sockaddr of %d bytes" % len(buf), e)
    fam, port = struct.unpack_from("<HH", buf)
    if fam != socket.AF_INET or buf[4:8] != bytes([127, 0, 0, 1]):
        fail("not a 127.0.0.1 sockaddr_in: %r" % buf, e)
    return socket.ntohs(port)

def holds(e, arg, dir, want):
    if want not in regions(e, arg, dir):
        fail("%s arg %d %s: no region %r in %r" %
             (e["name"], arg, dir, want, regions(e, arg, dir)), e)

ev = load("t.srec")
parent = mark_tid(ev)
main = marked(ev)
expect_names(main, ["socketpair", "sendmsg", "recvmsg", "sendto",
                    "recvfrom", "close", "close",
                    "socket", "bind", "getsockname", "socket", "sendto",
                    "recvfrom", "close", "close",
                    "socket", "setsockopt", "bind", "listen", "getsockname",
                    "clone", "accept", "recvfrom", "sendto", "close",
                    "wait4", "close", "write"])
(sp, smsg, rmsg, sto, rfrom, _, _, u1, ubind, uname, u2, usend, urecv, _, _,
 lsock, sopt, tbind, listen, tname, clone, acc, trecv, tsend, _, wait4, _,
 out) = main
expect_ret(sp, 0)
sv = struct.unpack("<ii", data(sp, 3, "out"))
expect_ret(smsg, 6)
holds(smsg, 1, "in", b"ab")
holds(smsg, 1, "in", b"cdef")
expect_ret(rmsg, 6)
holds(rmsg, 1, "out", b"abcdef")
if (smsg["args"][0], rmsg["args"][0]) != sv:
    fail("sendmsg/recvmsg not on the pair %r" % (sv,))
expect_ret(sto, 4)
expect_data(sto, 1, "in", b"pong")
expect_ret(rfrom, 4)
expect_data(rfrom, 1, "out", b"pong")
# UDP: the port getsockname returned is the one sendto aims at.
port = sockaddr_in(data(uname, 1, "out"), uname)
if port == 0 or sockaddr_in(data(usend, 4, "in"), usend) != port:
    fail("sendto does not aim at the bound port %d" % port, usend)
expect_data(usend, 1, "in", b"datagram")
expect_ret(urecv, 8)
expect_data(urecv, 1, "out", b"datagram")
sockaddr_in(data(urecv, 4, "out"), urecv)
# TCP with a forked client.
tport = sockaddr_in(data(tname, 1, "out"), tname)
expect_data(sopt, 3, "in", struct.pack("<i", 1))
child = clone["ret"]
if children_of(ev, parent) != [child]:
    fail("Clone events %r, clone returned %d" % (children_of(ev, parent),
                                                  child))
cev = syscalls(ev, tid=child)
expect_names(cev, ["set_robust_list", "socket", "connect", "sendto",
                   "recvfrom", "close", "exit_group"])
_, csock, conn, csend, crecv, _, _ = cev
if sockaddr_in(data(conn, 1, "in"), conn) != tport:
    fail("client connects to another port than %d" % tport, conn)
expect_ret(conn, 0)
expect_data(csend, 1, "in", b"hello server")
expect_data(trecv, 1, "out", b"hello server")
expect_data(tsend, 1, "in", b"hello client")
expect_data(crecv, 1, "out", b"hello client")
cport = sockaddr_in(data(acc, 1, "out"), acc)
if cport in (0, tport):
    fail("accept's peer port %d" % cport, acc)
expect_ret(wait4, child)
ex = [e for e in ev if e["type"] == "exit" and e["pid"] == child]
if len(ex) != 1 or ex[0]["code"] != 0:
    fail("client's Exit", *ex)
expect_data(out, 1, "in", open("out", "rb").read())
PY
}

test_expect_success 'record sockets' '
	record_sample sockets
'

test_expect_success 'both processes: calls, payloads and addresses' '
	check
'

test_done
