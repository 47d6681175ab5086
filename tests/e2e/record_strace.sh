# SPDX-License-Identifier: MIT
# record_strace.sh - strace is the oracle for what `srec record` sees:
# for ls, cat FILE and python3 -c pass, the ordered list of syscall names
# of each process is the same in `strace -f -o` and in the srec trace,
# apart from what recording changes on purpose: the time calls the
# hidden vDSO turns into syscalls (clock_gettime, gettimeofday, time,
# getcpu) and rseq (srec makes it fail with ENOSYS; strace shows it).
# Without a vDSO, ld.so also skips the allocation it makes for the vDSO's
# link map, so its first anonymous mmap comes later: anonymous mmaps are
# compared by count, everything else in order.
. "$SRCDIR/tests/e2e/lib.sh"

command -v strace >/dev/null || { echo "strace is not installed"; exit 1; }

# The interpreter itself, not a wrapper (pyenv shims are shell scripts
# that fork and exec).
PYTHON=$(python3 -c "import os, sys; print(os.path.realpath(sys.executable))")

# compare NAME: NAME.strace and NAME.srec hold the same calls per process.
compare() {
	check_py "$@" <<'PY'
import collections, difflib, os, re, sys
from record_check import *

name = sys.argv[1]
skip = TIME_CALLS | {"rseq"}

def by_process(calls):
    """[(tid, name, anonymous mmap?)] -> per tid, in order of first
    appearance: (the names but those of anonymous mmaps, their count)."""
    seqs = collections.OrderedDict()
    for tid, n, anon in calls:
        seq, nanon = seqs.setdefault(tid, ([], [0]))
        if anon:
            nanon[0] += 1
        elif n not in skip:
            seq.append(n)
    return [(seq, nanon[0]) for seq, nanon in seqs.values()]

line = re.compile(r"^(\d+)\s+([a-z_0-9]+)\(")
calls = []
for l in open(name + ".strace"):
    m = line.match(l)
    if m:
        calls.append((int(m.group(1)), m.group(2),
                      m.group(2) == "mmap" and "MAP_ANONYMOUS" in l))
want = by_process(calls)
ev = load(name + ".srec")
got = by_process((e["tid"], e["name"],
                  e["name"] == "mmap" and bool(e["args"][3] & 0x20))
                 for e in syscalls(ev))
if len(want) != len(got):
    fail("strace saw %d threads, srec %d" % (len(want), len(got)))
for i, ((w, wanon), (g, ganon)) in enumerate(zip(want, got)):
    if wanon != ganon:
        fail("thread #%d: %d anonymous mmaps under strace, %d under srec" %
             (i, wanon, ganon))
    if w != g:
        diff = "\n".join(difflib.unified_diff(w, g, "strace", "srec",
                                              lineterm="", n=2))
        fail("thread #%d: the calls differ\n%s" % (i, diff[:4000]))
    if len(w) < 10:
        fail("thread #%d: only %d calls" % (i, len(w)))
print("%s: %s calls agree" % (name, [len(w) for w, _ in want]))
PY
}

# oracle NAME CMD...: run CMD under strace and under srec, compare.
oracle() {
	local name=$1
	shift
	strace -f -qq -o "$name.strace" "$@" >"$name.out1" &&
	"$SREC" record -q -o "$name.srec" -- "$@" >"$name.out2" &&
	test_cmp "$name.out1" "$name.out2" &&
	compare "$name"
}

test_expect_success 'ls: srec and strace see the same calls' '
	mkdir dir && touch dir/a dir/b &&
	oracle ls ls -l dir
'

test_expect_success 'cat FILE: srec and strace see the same calls' '
	seq 1 20000 >file &&
	oracle cat cat file
'

test_expect_success 'python3 -c pass: srec and strace see the same calls' '
	oracle python "$PYTHON" -c pass
'

test_done
