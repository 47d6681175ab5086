# SPDX-License-Identifier: MIT
"""record_check.py - what the record_*.sh tests share: read a trace through
`srec dump --json` (one JSON object per event, fields as cli/cmd_dump.c
prints them), check the invariants every trace must keep
(schemas/EVENTS.md), and pick out the part of a sample's run between its
markers (samples/sample.h: faccessat("/srec-mark/begin"), ...("end")).

Use from a test's python heredoc:
    sys.path.insert(0, os.environ["SRCDIR"] + "/tests/e2e")
    from record_check import *
    ev = load("t.srec")          # loads and checks the invariants
    main = marked(ev)            # syscalls between the root's marks
"""
import base64
import json
import os
import re
import subprocess

TIME_CALLS = {"clock_gettime", "gettimeofday", "time", "getcpu"}


class TraceError(AssertionError):
    pass


def fail(msg, *evs):
    lines = [msg] + ["    " + json.dumps(e)[:400] for e in evs]
    raise TraceError("\n".join(lines))


# The head of a syscall line and its ret, for stream()'s fast path.
_FAST = re.compile(rb'\{"seq":(\d+),"pid":(\d+),"tid":(\d+),"type":"syscall",'
                   rb'"name":"([a-z0-9_]+)",.*,"ret":(-?\d+|null),')


def stream(path, damaged_ok=False, fast=()):
    """The events of the trace at @path, as dicts, one at a time, from
    `srec dump --json`.  Its exit status is checked at the end: 0, or 1
    when @damaged_ok (a trace whose writer was killed).  Syscalls named
    in @fast come as just seq, pid, tid, type, name and ret, which is
    several times quicker for the millions of calls of a stress test."""
    srec = os.environ["SREC"]
    p = subprocess.Popen([srec, "dump", "--json", path],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    fast = {n.encode() for n in fast}
    for line in p.stdout:
        m = _FAST.match(line) if fast else None
        if m and m.group(4) in fast:
            ret = m.group(5)
            yield {"seq": int(m.group(1)), "pid": int(m.group(2)),
                   "tid": int(m.group(3)), "type": "syscall",
                   "name": m.group(4).decode(),
                   "ret": None if ret == b"null" else int(ret)}
            continue
        try:
            yield json.loads(line)
        except ValueError as e:
            fail("not JSON (%s): %r" % (e, line[:300]))
    err = p.stderr.read().decode(errors="replace")
    rc = p.wait()
    if rc != 0 and not (damaged_ok and rc == 1):
        fail("srec dump --json %s exited %d: %s" % (path, rc, err))


def load(path, damaged_ok=False, attached=False):
    """All events of the trace, checked with Invariants."""
    events = list(stream(path, damaged_ok))
    check_invariants(events, exits=not (damaged_ok or attached),
                     attached=attached)
    return events


def syscalls(events, tid=None, name=None):
    return [e for e in events if e["type"] == "syscall" and
            (tid is None or e["tid"] == tid) and
            (name is None or e["name"] == name)]


def mem(ev, arg, dir):
    """The Mem regions of syscall @ev for argument @arg in @dir."""
    return [m for m in ev["mem"] if m["arg"] == arg and m["dir"] == dir]


def data(ev, arg, dir="in"):
    """The bytes captured for argument @arg (all regions joined)."""
    out = b""
    for m in mem(ev, arg, dir):
        if "data_b64" in m:
            out += base64.b64decode(m["data_b64"])
    return out


def regions(ev, arg, dir="in"):
    """The bytes of each region captured for argument @arg, in order
    (a msghdr, its iovec array and each buffer are separate regions)."""
    return [base64.b64decode(m["data_b64"]) for m in mem(ev, arg, dir)
            if "data_b64" in m]


def path_arg(ev, arg):
    """A path argument: the dump's own decoding if it has one, else the
    captured string."""
    if ev.get("path") is not None and arg in (0, 1):
        return ev["path"]
    return data(ev, arg).decode(errors="replace")


def is_mark(ev, what=None):
    if ev["type"] != "syscall" or ev["name"] != "faccessat":
        return False
    p = data(ev, 1).decode(errors="replace") or (ev.get("path") or "")
    if not p.startswith("/srec-mark/"):
        return False
    return what is None or p == "/srec-mark/" + what


def mark_tid(events):
    """The thread that made the first "begin" mark."""
    for e in events:
        if is_mark(e, "begin"):
            return e["tid"]
    fail("no /srec-mark/begin call in the trace")


def marked(events, tid=None, with_signals=False):
    """The events of thread @tid (default: the marking thread) strictly
    between its begin and end marks: syscalls, and signals if asked."""
    if tid is None:
        tid = mark_tid(events)
    out, inside, done = [], False, False
    for e in events:
        if e["tid"] != tid:
            continue
        if is_mark(e, "begin"):
            if e["ret"] != -2:
                fail("mark call did not fail with ENOENT", e)
            inside = True
            continue
        if is_mark(e, "end"):
            done = True
            break
        if inside and (e["type"] == "syscall" or
                       (with_signals and e["type"] == "signal")):
            out.append(e)
    if not done:
        fail("thread %d has no begin/end marks" % tid)
    return out


def names(events):
    return [e["name"] if e["type"] == "syscall" else "[%s]" % e["name"]
            for e in events]


def expect_names(events, want):
    got = names(events)
    if got != want:
        fail("calls differ:\n  want %s\n  got  %s" % (want, got))


def expect_ret(ev, want):
    if ev["ret"] != want:
        fail("%s returned %r, want %r" % (ev["name"], ev["ret"], want), ev)


def expect_data(ev, arg, dir, want):
    got = data(ev, arg, dir)
    if got != want:
        fail("%s arg %d %s: bytes %r, want %r" %
             (ev["name"], arg, dir, got[:200], want[:200]), ev)


def children_of(events, tid):
    """Child tids of the Clone events made by @tid, in order."""
    return [e["child_tid"] for e in events
            if e["type"] == "clone" and e["tid"] == tid]


class Invariants:
    """What every trace keeps (schemas/EVENTS.md), checked one event at a
    time (feed(), then finish()) so that big traces need not fit in
    memory: dense seq; the root's first event is its execve (unless
    @attached); every other thread appears first after the Clone event
    that made it; a Clone event comes before its parent's
    clone/fork/vfork Syscall event, whose ret is the child; a successful
    execve is followed at once by an Exec event; nothing of a thread after
    its Exit, nothing of a process after its process Exit, and (when
    @exits) every process has one; each Blob stored once, before the first
    Mem that names it; rseq always fails with a forced ENOSYS."""

    def __init__(self, exits=True, attached=False):
        self.exits, self.attached = exits, attached
        self.n = 0
        self.known = None if attached else set()
        self.pending_clone = {}   # (tid, child) -> seq of the Clone event
        self.thread_gone, self.proc_gone = {}, {}
        self.pids, self.blobs = set(), set()
        self.exec_due = None      # the execve that wants its Exec next
        self.started = False      # the first event but blobs is seen

    def feed(self, e):
        i, tid, pid, t = self.n, e["tid"], e["pid"], e["type"]
        if e["seq"] != i:
            fail("seq is not dense: event %d has seq %d" % (i, e["seq"]), e)
        self.n += 1
        # Blobs (the root's executable, rule 16) may come first.
        if not self.started and not self.attached and t != "blob":
            if t != "syscall" or e["name"] != "execve":
                fail("first event is not the root's execve", e)
            self.known.add(tid)
            self.started = True
        elif not self.started and t == "blob":
            self.known.add(tid)
        if self.exec_due:
            if t != "exec" or pid != self.exec_due["pid"]:
                fail("successful execve not followed by its Exec event",
                     self.exec_due, e)
            self.exec_due = None
        self.pids.add(pid)
        if tid in self.thread_gone:
            fail("event of thread %d after its Exit (seq %d)" %
                 (tid, self.thread_gone[tid]), e)
        if pid in self.proc_gone:
            fail("event of process %d after its Exit (seq %d)" %
                 (pid, self.proc_gone[pid]), e)
        if self.known is not None and tid not in self.known:
            if t == "exec" and e.get("former_tid") in self.known:
                self.known.add(tid)
            else:
                fail("first event of thread %d comes before any Clone "
                     "event that made it" % tid, e)
        if t == "blob":
            if e["hash"] in self.blobs:
                fail("Blob %s stored twice" % e["hash"], e)
            self.blobs.add(e["hash"])
        for m in e.get("mem", []):
            if "blob" in m and m["blob"] not in self.blobs:
                fail("Mem names blob %s before its Blob event" % m["blob"],
                     e)
        if t == "syscall" and e["name"] == "rseq" and \
                (e["ret"] != -38 or not e.get("forced")):
            fail("rseq not refused with a forced ENOSYS", e)
        if t == "clone":
            if self.known is not None:
                self.known.add(e["child_tid"])
            self.pending_clone[(tid, e["child_tid"])] = i
        elif t == "syscall" and e["name"] in ("clone", "clone3", "fork",
                                              "vfork") and \
                e["ret"] is not None and e["ret"] > 0:
            if (tid, e["ret"]) not in self.pending_clone:
                fail("%s returned %d without an earlier Clone event" %
                     (e["name"], e["ret"]), e)
            del self.pending_clone[(tid, e["ret"])]
        elif t == "syscall" and e["name"] in ("execve", "execveat") and \
                e["ret"] == 0:
            self.exec_due = e
        elif t == "exit":
            if e["thread"]:
                self.thread_gone[tid] = i
            else:
                self.proc_gone[pid] = i

    def finish(self):
        if not self.n:
            fail("the trace has no events")
        if self.exec_due and self.exits:
            fail("the trace ends before the Exec event", self.exec_due)
        if self.exits:
            for pid in sorted(self.pids - set(self.proc_gone)):
                fail("process %d has no Exit event" % pid)
            if self.pending_clone:
                fail("Clone events without their parent's Syscall event: "
                     "%s" % sorted(self.pending_clone.values()))


def check_invariants(events, exits=True, attached=False):
    inv = Invariants(exits, attached)
    for e in events:
        inv.feed(e)
    inv.finish()


def stopped_under(workdir):
    """Processes stopped (state t or T) whose cwd is under @workdir: the
    tracees a test left behind.  Other users of the machine (a recorder
    running elsewhere) stop their tracees briefly all the time, so only
    this test's own directory counts, and a process must be seen stopped
    twice, 0.3 s apart."""
    import time

    def scan():
        found = set()
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                stat = open("/proc/%s/stat" % pid).read()
                cwd = os.readlink("/proc/%s/cwd" % pid)
            except OSError:
                continue
            state = stat[stat.rindex(")") + 2]
            if state in "tT" and (cwd == workdir or
                                  cwd.startswith(workdir + "/")):
                found.add("%s %s" % (pid, stat[:stat.rindex(")") + 1]))
        return found

    first = scan()
    if not first:
        return set()
    time.sleep(0.3)
    return first & scan()


if __name__ == "__main__":
    import sys

    # record_check.py no-stopped DIR: exit 1 naming the tracees under DIR
    # that are left stopped.
    if len(sys.argv) == 3 and sys.argv[1] == "no-stopped":
        left = stopped_under(os.path.realpath(sys.argv[2]))
        for p in sorted(left):
            print("stopped process left: %s" % p, file=sys.stderr)
        sys.exit(1 if left else 0)
    print("usage: record_check.py no-stopped DIR", file=sys.stderr)
    sys.exit(2)
