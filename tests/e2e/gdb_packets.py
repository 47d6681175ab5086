# SPDX-License-Identifier: MIT
"""gdb_packets.py PORT - talk to `srec replay --gdb-port` as a broken gdb:
noise, bad checksums, an oversized packet, malformed and hostile
arguments, then check the server still answers sanely and kill it.
Exit 0 when every reply was as expected."""
import random
import socket
import sys


def frame(payload):
    return b"$" + payload + b"#%02x" % (sum(payload) % 256)


class Peer:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.buf = b""

    def reply(self):
        """The next packet's payload (acks skipped)."""
        while True:
            start = self.buf.find(b"$")
            end = self.buf.find(b"#", start)
            if start >= 0 and end >= 0 and len(self.buf) >= end + 3:
                p = self.buf[start + 1:end]
                self.buf = self.buf[end + 3:]
                return p
            data = self.s.recv(65536)
            if not data:
                raise EOFError("server closed the connection")
            self.buf += data

    def ask(self, payload):
        self.s.sendall(frame(payload))
        return self.reply()


def is_console(r):
    return r.startswith(b"O") and r != b"OK"


def main():
    peer = Peer(int(sys.argv[1]))
    rnd = random.Random(16)
    # Noise between packets, a bad checksum, a cut packet restarted.
    peer.s.sendall(b"garbage+-+\x00\xff" + b"$qC#00" + b"$qSup")
    assert peer.ask(b"qSupported:xmlRegisters=i386").startswith(b"PacketSize=")
    # A packet longer than the server takes: dropped, then it goes on.
    peer.s.sendall(b"$" + b"A" * 40000 + b"#00")
    assert peer.ask(b"?").startswith(b"T05thread:"), "no stop reply"
    bad = [b"m0,ffffffffffffffff", b"mffffffffffffffff,10", b"m,", b"m",
           b"M10,4:zz", b"M10,ffff:00", b"Z0,zz,1", b"Z9,0,1", b"z0,",
           b"G00", b"p9999", b"pzz", b"P0=zz", b"Hgzz", b"Tzz",
           b"qXfer:features:read:target.xml:ffffffff,ffff",
           b"qXfer:features:read:target.xml:,", b"qXfer:auxv:read::zz",
           b"qXfer:nope:read::0,10", b"QCatchSyscalls:1;zz",
           b"QCatchSyscalls:7", b"qRcmd,zz", b"qRcmd,6e6f7065",
           b"qRcmd," + b"61" * 300, b"vCont;s:zzz", b"vCont;q", b"X10,1:a",
           b"qRcmd,72756e2d746f207a7a"]
    for p in bad:
        r = peer.ask(p)
        assert r == b"" or r.startswith(b"E") or r == b"OK" or \
            r.startswith(b"O") or r.startswith(b"l"), (p, r)
        while is_console(r):  # monitor text, then its OK
            r = peer.reply()
    for _ in range(300):
        junk = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 60)))
        junk = junk.replace(b"$", b"").replace(b"#", b"").replace(b"}", b"")
        # nothing that resumes, kills or restarts the program
        if junk[:1] in (b"c", b"C", b"s", b"S", b"k", b"D", b"R", b"v"):
            continue
        r = peer.ask(junk)
        while is_console(r):
            r = peer.reply()
    # Still sane: registers, memory at the pc, the thread list.
    regs = peer.ask(b"g")
    assert len(regs) > 16 * 16 and not regs.startswith(b"E"), regs[:20]
    rip = int.from_bytes(bytes.fromhex(regs[16 * 16:17 * 16].decode()),
                         "little")
    mem = peer.ask(b"m%x,4" % rip)
    assert len(mem) == 8, mem
    assert peer.ask(b"qfThreadInfo").startswith(b"m")
    peer.s.sendall(frame(b"k"))
    peer.s.close()
    return 0


sys.exit(main())
