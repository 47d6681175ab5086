# SPDX-License-Identifier: MIT
# gdb_replay.sh - `srec replay --gdb` / `--gdb-port`: gdb (Debian's, in
# batch mode) debugs a replay whose input file is gone: breakpoints,
# print, bt, finish, next, stepping over replayed calls, a watchpoint on a
# variable set from recorded input, catch syscall, monitor seq / run-to /
# goto, gdb's run, a threaded program, --stop-at; and bad input: a port
# in use, no gdb, gdb killed mid-session (nothing left behind).
. "$SRCDIR/tests/e2e/lib.sh"

# The input file's name marks the replayed program in `ps` (argv[1]).
in=gdb-e2e-in.txt
run_gdb() {
	timeout 120 gdb -batch -nx -ex "set width 0" "$@"
}

# Other tests may run beside this one: only look at our own programs.
none_left() {
	! ps -eo args= | grep -v grep | grep -F -e "$in" -e "th.srec"
}

# serve ARGS...: srec replay --gdb-port 0 ARGS in the background; $port
# gets the port it printed, $spid its pid.
serve() {
	rm -f srv.err
	"$SREC" replay --gdb-port 0 "$@" >srv.out 2>srv.err &
	spid=$!
	port=
	for _ in $(seq 100); do
		port=$(sed -n 's/.*extended-remote 127\.0\.0\.1:\([0-9]*\).*/\1/p' srv.err)
		[ -n "$port" ] && return 0
		sleep 0.1
	done
	cat srv.err
	return 1
}

# attach GDB-ARGS...: gdb on the server serve started, then srec's exit
# status (killed when it outlives gdb by 30 s: a failure).
attach() {
	run_gdb -ex "set sysroot /" \
		-ex "target extended-remote 127.0.0.1:$port" "$@" >g.out 2>&1
	for _ in $(seq 300); do
		kill -0 "$spid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$spid" 2>/dev/null; then
		kill "$spid"
		echo "srec outlived gdb"
	fi
	cat g.out srv.err # shown when the test fails
	wait "$spid"
}

test_expect_success 'record a program whose input file is then deleted' '
	echo "4217 hello" >$in &&
	"$SREC" record -q -o t.srec -- "$SAMPLES/gdb_target" $in >rec.out &&
	rm $in &&
	echo "parsed 4217, digit sum 14" >expect && test_cmp expect rec.out
'

test_expect_success '--gdb-port: stopped at the first instruction, attach line' '
	serve t.srec &&
	grep -q "attach with: gdb .*target extended-remote 127.0.0.1:$port.*gdb_target" srv.err &&
	attach -ex "print \$pc" -ex "info sharedlibrary" -ex continue &&
	grep -q "in _start () from /lib64/ld-linux-x86-64.so.2" g.out &&
	grep -q "exited normally" g.out &&
	test_cmp rec.out srv.out
'

test_expect_success 'break, print the recorded data, bt, finish, next' '
	serve t.srec &&
	attach -ex "break process" -ex continue -ex "print s" -ex "print n" \
		-ex bt -ex finish -ex next -ex "print parsed" -ex "print r" \
		-ex continue &&
	grep -q "Breakpoint 1, process (s=.*4217 hello.*, n=11)" g.out &&
	grep -q "^\$1 = .*<text> .4217 hello" g.out &&
	grep -q "^\$2 = 11" g.out &&
	grep -q "^#1 .* in main (argc=2" g.out &&
	grep -q "Value returned is \$3 = 14" g.out &&
	grep -q "^\$4 = 4217" g.out && grep -q "^\$5 = 14" g.out &&
	grep -q "exited normally" g.out &&
	test_cmp rec.out srv.out && test ! -e $in
'

test_expect_success 'info proc mappings, info inferiors (vFile, multiprocess)' '
	serve t.srec &&
	attach -ex "break process" -ex continue -ex "info proc mappings" \
		-ex "info inferiors" -ex "remote get /etc/passwd pw" \
		-ex continue &&
	grep -q "r-xp .*/gdb_target$" g.out &&
	grep -q "\[stack\]" g.out &&
	grep -q "^\* 1 *process [0-9]" g.out &&
	! grep -q "unable to open /proc" g.out &&
	test ! -e pw &&
	grep -q "exited normally" g.out
'

test_expect_success 'memory: int3 hidden; a write that changes the output is a divergence stop' '
	serve t.srec && rc=0 &&
	attach -ex "break sum_digits" -ex continue -ex "x/2xb sum_digits" \
		-ex "set var text[0] = 0x39" -ex "print text" -ex continue \
		-ex "bt" -ex continue || rc=$? &&
	test $rc = 1 &&
	grep "<sum_digits>:" g.out | grep -q "0x55" &&
	grep -q "9217 hello" g.out &&
	grep -q "^srec: replay diverged at event #[0-9]* " g.out &&
	grep -q "actual: *write(1, .parsed 4217, digit sum 19" g.out &&
	grep -q "Program received signal SIGTRAP" g.out &&
	grep -q "^#[0-9].* in _start ()" g.out &&
	grep -q "Program terminated with signal SIGKILL" g.out &&
	grep -q "^srec: replay diverged" srv.err
'

test_expect_success '--gdb: gdb launched with the program loaded; stepi over a replayed read' '
	timeout 120 "$SREC" replay --gdb t.srec -- -batch -nx -ex "set width 0" \
		-ex "catch syscall read" -ex continue -ex continue \
		-ex "info registers rip" -ex "stepi" -ex "info registers rip" \
		-ex "delete" -ex "break process" -ex continue -ex "print s" \
		-ex continue >g.out 2>&1 &&
	grep -q "call to syscall read" g.out &&
	grep -q "returned from syscall read" g.out &&
	grep -q "\"4217 hello" g.out &&
	grep -q "exited normally" g.out
'

test_expect_success 'a (software) watchpoint on a variable set from a recorded read' '
	serve t.srec &&
	attach -ex "break main" -ex continue \
		-ex "set can-use-hw-watchpoints 0" -ex "watch parsed" \
		-ex continue -ex "bt 1" -ex continue &&
	grep -q "Old value = 0" g.out && grep -q "New value = 4217" g.out &&
	grep -q "^#0  process" g.out &&
	grep -q "exited normally" g.out
'

# Hardware watchpoints need debug registers: some VMs (Firecracker) do not
# virtualize them, and then even gdb on a live process never stops.
if echo 1 >$in && run_gdb -ex "break main" -ex run -ex "watch parsed" \
	-ex continue --args "$SAMPLES/gdb_target" $in 2>&1 |
	grep -q "New value = 1"; then
	test_expect_success 'a hardware watchpoint (debug registers)' '
		serve t.srec &&
		attach -ex "break main" -ex continue -ex "watch parsed" \
			-ex continue -ex "bt 1" -ex continue &&
		grep -q "Hardware watchpoint 2: parsed" g.out &&
		grep -q "New value = 4217" g.out &&
		grep -q "exited normally" g.out
	'
else
	echo "skip - a hardware watchpoint: debug registers do not work here (not counted)"
fi
rm -f $in

# The event that opens the input file.
seq=$("$SREC" dump --json t.srec | python3 -c "
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e.get('name') == 'openat' and e.get('path') == '$in':
        print(e['seq'])
")

test_expect_success 'catch syscall openat, monitor seq' '
	serve t.srec &&
	attach -ex "catch syscall openat" -ex continue -ex continue \
		-ex continue -ex continue -ex continue -ex "monitor seq" \
		-ex "print (char *)\$rsi" -ex "delete" -ex continue &&
	grep -q "call to syscall openat" g.out &&
	grep -q "returned from syscall openat" g.out &&
	grep -q "^before event #$seq: openat(AT_FDCWD, \"$in\", O_RDONLY) = [0-9]" g.out &&
	grep -q "\"$in\"" g.out &&
	grep -q "exited normally" g.out
'

test_expect_success 'monitor run-to / goto / run: the same state each time' '
	test -n "$seq" &&
	back=$((seq - 3)) &&
	serve t.srec &&
	attach -ex "monitor run-to $seq" -ex "monitor seq" \
		-ex "monitor goto $back" -ex "monitor seq" \
		-ex "monitor goto $seq" -ex "flushregs" -ex "print (char *)\$rsi" \
		-ex "monitor run-to 2" -ex "monitor info" \
		-ex "break process" -ex continue -ex "print s" \
		-ex run -ex "print s" -ex continue &&
	test "$(grep -c "^before event #$seq: openat(AT_FDCWD, \"$in\"" g.out)" -ge 2 &&
	grep -q "^srec: stopped before event #$back:" g.out &&
	grep -q "^before event #$back:" g.out &&
	grep -q "^\$1 = .*\"$in\"" g.out &&
	grep -q "event #2 is behind" g.out &&
	grep -q "^trace t.srec" g.out &&
	grep -q "replayed as pid" g.out &&
	test "$(grep -c "Breakpoint 1, process (s=.*\"4217 hello" g.out)" = 2 &&
	grep -q "^\$2 = .*\"4217 hello" g.out &&
	grep -q "^\$3 = .*\"4217 hello" g.out &&
	grep -q "exited normally" g.out
'

test_expect_success '--stop-at SEQ: the first stop is before event SEQ' '
	timeout 120 "$SREC" replay --stop-at "$seq" --gdb t.srec -- -batch -nx \
		-ex "set width 0" \
		-ex "monitor seq" -ex continue >g.out 2>&1 &&
	grep -q "^before event #$seq: openat(AT_FDCWD, \"$in\"" g.out &&
	grep -q "exited normally" g.out
'

test_expect_success 'threads: info threads, switch, break in the second thread' '
	"$SREC" record -q -o th.srec -- "$SAMPLES/threads" 2 3 >th.rec &&
	serve th.srec &&
	attach -ex "break work" -ex continue -ex "info threads" \
		-ex "print ((struct worker *)arg)->index" -ex continue \
		-ex "print ((struct worker *)arg)->index" -ex "info threads" \
		-ex "thread 1" -ex "bt" -ex "thread 3" -ex stepi -ex delete \
		-ex continue &&
	grep -q "Thread 2 \"threads\" hit Breakpoint 1, work" g.out &&
	grep -q "Thread 3 \"threads\" hit Breakpoint 1, work" g.out &&
	test "$(sed -n "s/^\$[12] = //p" g.out | sort | tr -d "\n")" = 01 &&
	grep -q "^\* 3 *Thread .* work" g.out &&
	grep -q "Switching to thread 1" g.out &&
	grep -q "in main" g.out &&
	grep -q "exited normally" g.out &&
	test_cmp th.rec srv.out
'

test_expect_success 'malformed and hostile packets: sane answers, then k' '
	serve t.srec &&
	python3 "$SRCDIR/tests/e2e/gdb_packets.py" "$port" &&
	wait "$spid" && no_stopped_here
'

test_expect_code 2 'a port in use: one line, exit 2' '
	serve t.srec &&
	used=$port &&
	rc=0 && "$SREC" replay --gdb-port "$used" t.srec 2>err || rc=$? &&
	attach -ex continue &&
	cat err && one_line err && grep -q "cannot listen on 127.0.0.1:$used" err &&
	exit $rc
'

test_expect_code 2 'no gdb installed: one line naming the package' '
	PATH=/nonexistent "$SREC" replay --gdb t.srec 2>err;
	rc=$? && cat err && one_line err && grep -q "package gdb" err &&
	exit $rc
'

test_expect_code 2 'bad --gdb-listen and option mixes: usage errors' '
	"$SREC" replay --gdb-listen nocolon t.srec 2>err; rc=$?
	one_line err && test $rc = 2 &&
	"$SREC" replay --gdb --gdb-port 1 t.srec 2>err; rc=$?
	one_line err && test $rc = 2 &&
	"$SREC" replay --stop-at 3 t.srec 2>err; rc=$?
	one_line err && exit $rc
'

test_expect_success 'gdb killed mid-session: the program is killed, exit 1' '
	rc=0 &&
	timeout 120 "$SREC" replay --gdb t.srec -- -nx -ex "break process" \
		-ex continue -ex "shell kill -9 \$PPID" </dev/null >g.out \
		2>err || rc=$? &&
	test $rc = 1 &&
	grep -q "gdb went away" err &&
	sleep 0.2 && none_left && no_stopped_here
'

test_expect_success 'nothing left behind' '
	none_left && no_stopped_here
'

test_done
