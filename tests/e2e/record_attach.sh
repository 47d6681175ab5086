# SPDX-License-Identifier: MIT
# record_attach.sh - `srec record -p PID`: attach to a running
# samples/sleeper, record a second of it, detach on SIGINT (as Ctrl-C
# would) or SIGTERM; the sleeper keeps running, never stopped, its tick
# counter still growing, and the trace holds its calls (the ticks it
# wrote, in order).  Killing srec with SIGKILL while attached must not
# leave the sleeper stopped either.  A PID that cannot be attached is one
# line on stderr and a non-zero exit.
. "$SRCDIR/tests/e2e/lib.sh"

# start_sleeper NAME [ARG...]: run a sleeper writing to NAME.out, its pid
# in NAME.pid, and wait for its first tick.
start_sleeper() {
	local name=$1
	shift
	"$SAMPLES/sleeper" "$@" >"$name.out" 2>&1 &
	echo $! >"$name.pid"
	for i in $(seq 100); do
		grep -q tick "$name.out" && return 0
		sleep 0.05
	done
	die "sleeper did not start"
}

# ticking NAME: the sleeper runs, is not stopped and still ticks.
ticking() {
	local pid n1 n2
	pid=$(cat "$1.pid")
	kill -0 "$pid" || die "sleeper $pid is gone"
	case $(cut -d")" -f2 "/proc/$pid/stat" | cut -d" " -f2) in
	[tT]) die "sleeper $pid is stopped" ;;
	esac
	n1=$(grep -c tick "$1.out")
	sleep 0.3
	n2=$(grep -c tick "$1.out")
	test "$n2" -gt "$n1" || die "sleeper $pid stopped ticking ($n1, $n2)"
}

# wait_gone PID: wait up to 10 s for srec (PID) to exit.
wait_gone() {
	for i in $(seq 200); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.05
	done
	kill -9 "$1"
	die "srec ($1) did not detach within 10 s"
}

# detach_with SIG NAME: attach to sleeper NAME, record 1 s, send SIG.
detach_with() {
	local pid rpid
	pid=$(cat "$2.pid")
	env --default-signal=INT "$SREC" record -q -o "$2.srec" -p "$pid" \
		2>"$2.err" &
	rpid=$!
	sleep 1
	kill -"$1" "$rpid"
	wait_gone "$rpid"
	wait "$rpid" || echo "srec exited $? after SIG$1" >&2
}

check() {
	check_py "$@" <<'PY'
import os, re, sys
from record_check import *

name = sys.argv[1]
pid = int(open(name + ".pid").read())
ev = load(name + ".srec", attached=True)
if any(e["pid"] != pid or e["tid"] != pid for e in ev):
    fail("events of another process than %d" % pid)
if any(e["type"] == "exit" for e in ev):
    fail("an Exit event, but the sleeper lives on")
calls = syscalls(ev)
allowed = {"clock_nanosleep", "nanosleep", "write", "restart_syscall"}
if set(names(calls)) - allowed:
    fail("unexpected calls %r" % (set(names(calls)) - allowed))
ticks = [int(re.match(rb"tick (\d+)\n$", data(e, 1)).group(1))
         for e in calls if e["name"] == "write"]
if len(ticks) < 20 or ticks != list(range(ticks[0], ticks[0] + len(ticks))):
    fail("ticks in the trace: %r" % ticks)
out = [int(l.split()[1]) for l in open(name + ".out") if l.startswith("tick")]
if ticks[0] not in out or ticks[-1] >= out[-1]:
    fail("trace ticks %d-%d, sleeper at %d" % (ticks[0], ticks[-1], out[-1]))
PY
}

test_expect_success 'attach to a sleeper, detach with SIGINT' '
	start_sleeper s1 &&
	detach_with INT s1 &&
	ticking s1
'

test_expect_success '... the trace holds its ticks' '
	check s1
'

test_expect_success 'attach, detach with SIGTERM' '
	start_sleeper s2 &&
	detach_with TERM s2 &&
	ticking s2 &&
	check s2
'

test_expect_success 'srec killed with SIGKILL while attached' '
	start_sleeper s3 &&
	"$SREC" record -q -o s3.srec -p $(cat s3.pid) 2>s3.err &
	rpid=$! &&
	sleep 1 &&
	kill -KILL $rpid &&
	wait_gone $rpid &&
	sleep 0.2 &&
	ticking s3 &&
	no_stopped_here
'

# A sleeper with two more threads: srec attaches to all three, and,
# let go, each of them keeps ticking.
test_expect_success 'attach to every thread of a process, then let go' '
	start_sleeper mt 0 2 &&
	detach_with INT mt &&
	ticking mt &&
	n0=$(grep -c "^thread 0 " mt.out) && n1=$(grep -c "^thread 1 " mt.out) &&
	sleep 0.3 &&
	test $(grep -c "^thread 0 " mt.out) -gt $n0 &&
	test $(grep -c "^thread 1 " mt.out) -gt $n1 &&
	check_py <<-\EOF
	import os, sys
	from record_check import *
	ev = load("mt.srec", attached=True)
	tids = {e["tid"] for e in syscalls(ev, name="write")}
	if len(tids) != 3 or len({e["pid"] for e in ev}) != 1:
	    fail("writes from threads %r, pids %r" %
	         (tids, {e["pid"] for e in ev}))
	EOF
'

test_expect_success 'a pid that is gone: one line, non-zero exit' '
	sh -c "exit 0" & gone=$! &&
	wait $gone &&
	! "$SREC" record -o g.srec -p $gone 2>err &&
	test $(wc -l <err) = 1 &&
	grep -q "^srec: " err
'

for s in s1 s2 s3 mt; do
	test -f $s.pid && kill $(cat $s.pid) 2>/dev/null
done
test_done
