# SPDX-License-Identifier: MIT
# record_inject.sh - `srec record -e inject=...` against strace 6.1 as the
# oracle: for each option (error= and retval= on chosen calls, when=
# ranges and steps, signal=, fault=, sets by regex and by several
# options) samples/faults prints the same lines and exits with the same
# status under srec as under `strace -f -e inject=...`; dump marks the
# same calls " (INJECTED)" as strace's output does; query and dump --json
# say which calls were hit; delays show as (DELAYED) and last at least
# that long; an injected trace replays; bad options are one line, exit 2.
. "$SRCDIR/tests/e2e/lib.sh"

command -v strace >/dev/null || { echo "strace is not installed"; exit 1; }

printf v1 >data

# same_as_strace N OPTION...: samples/faults data N under srec with the
# -e OPTIONs gives the output and status it gives under strace.
same_as_strace() {
	local n=$1 o srec_e=() strace_e=() rc_srec=0 rc_strace=0
	shift
	for o in "$@"; do
		srec_e+=(-e "$o")
		strace_e+=(-e "$o")
	done
	strace -f -o strace.log "${strace_e[@]}" "$SAMPLES/faults" data "$n" \
		>expect || rc_strace=$?
	"$SREC" record -q -o t.srec "${srec_e[@]}" -- "$SAMPLES/faults" \
		data "$n" >out || rc_srec=$?
	test_cmp expect out &&
	[ "$rc_srec" = "$rc_strace" ] ||
		die "exit $rc_srec under srec, $rc_strace under strace"
}

test_expect_success 'error= on invocations 2..3 as strace' '
	same_as_strace 4 inject=open:error=EACCES:when=2..3 &&
	grep -q "try 2: open: Permission denied" out &&
	grep -q "try 4: fd [0-9]*, 2 bytes: v1" out
'

test_expect_success 'error= by number, when=2+2 (every other from 2)' '
	same_as_strace 6 inject=open:error=2:when=2+2 &&
	[ "$(grep -c "No such file" out)" = 3 ]
'

test_expect_success 'when=FIRST alone hits one invocation' '
	same_as_strace 5 inject=open:error=EMFILE:when=3 &&
	[ "$(grep -c "Too many open files" out)" = 1 ]
'

test_expect_success 'when=F..L+S' '
	same_as_strace 9 inject=open:error=EIO:when=2..7+3 &&
	grep -q "try 2: open: Input/output" out &&
	grep -q "try 5: open: Input/output" out &&
	[ "$(grep -c "Input/output" out)" = 2 ]
'

test_expect_success 'retval= makes a skipped call succeed' '
	same_as_strace 2 inject=open:retval=7 &&
	grep -q "try 1: fd 7, read: Bad file descriptor" out
'

test_expect_success 'retval= on getuid, several -e inject options' '
	same_as_strace 3 inject=open:error=EPERM:when=1 \
		inject=getuid:retval=4242 &&
	grep -q "^uid 4242$" out && grep -q "try 1: open: Operation not" out
'

test_expect_success 'signal= reaches the handler where strace sends it' '
	same_as_strace 1 inject=getppid:signal=SIGUSR1 &&
	printf "got SIGUSR1\npid ok\n" >want && tail -n 2 out >got &&
	test_cmp want got
'

test_expect_success 'fault= defaults to ENOSYS; a regex set' '
	same_as_strace 2 fault=open:when=2 &&
	grep -q "try 2: open: Function not implemented" out &&
	same_as_strace 2 "inject=/^open\$:error=EROFS" &&
	[ "$(grep -c "Read-only file system" out)" = 2 ]
'

test_expect_success 'execve(PROG) itself is not counted, as in strace' '
	same_as_strace 1 inject=execve:error=ENOENT:when=1 &&
	grep -q "^try 1: fd" out
'

test_expect_success 'a later option replaces an earlier one for its calls' '
	same_as_strace 3 inject=open,getuid:error=EACCES \
		inject=open:error=ENOENT:when=2 &&
	grep -q "try 2: open: No such file" out &&
	! grep -q "try 1: open" out
'

# The calls strace marks, as srec dump shows them (strace pads before
# " = " to a column; dump does not).
test_expect_success 'dump marks the calls strace marks (INJECTED)' '
	strace -f -e trace=open,getuid -e inject=open:error=EACCES:when=2..3 \
		-e inject=getuid:retval=4242 -o strace.log \
		"$SAMPLES/faults" data 4 >/dev/null; \
	sed -n "s/^[0-9]* *//; s/  *= / = /; /^open\|^getuid/p" strace.log \
		>expect &&
	"$SREC" record -q -o t.srec -e inject=open:error=EACCES:when=2..3 \
		-e inject=getuid:retval=4242 -- "$SAMPLES/faults" data 4 \
		>/dev/null; \
	"$SREC" dump -e trace=open,getuid t.srec | grep -v "^+++" >got &&
	test_cmp expect got &&
	[ "$(grep -c "(INJECTED)$" got)" = 3 ]
'

test_expect_success 'query: the injected column; info and dump --json' '
	"$SREC" query t.srec "SELECT name, ret FROM syscalls
		WHERE injected ORDER BY seq" >got &&
	grep -c "^open  *-13$" got >n && [ "$(cat n)" = 2 ] &&
	grep -q "^getuid  *4242$" got &&
	[ "$("$SREC" query t.srec "SELECT count(*) FROM syscalls
		WHERE injected = 0 AND result LIKE \"%INJECTED%\"
		AND name <> \"rseq\"" | tail -n 1 | tr -d " ")" = 0 ] &&
	"$SREC" info t.srec >info &&
	grep -q "^injected:  *3 calls$" info &&
	grep -q "injected by:   -e inject=open:error=EACCES:when=2..3" info &&
	"$SREC" dump --json t.srec >json &&
	[ "$(grep -c "\"injected\":{\"rule\":0,\"ret\":true}" json)" = 2 ] &&
	grep -q "\"injected\":{\"rule\":1,\"ret\":true}" json
'

test_expect_success 'an injected trace replays as recorded' '
	"$SREC" record -q -o t.srec -e inject=open:error=EACCES:when=2..3 \
		-e inject=getuid:retval=4242 -e inject=getppid:signal=SIGUSR1 \
		-- "$SAMPLES/faults" data 4 >recorded; \
	grep -q "got SIGUSR1" recorded && grep -q "uid 4242" recorded &&
	"$SREC" replay t.srec >replayed &&
	test_cmp recorded replayed
'

test_expect_code 139 'signal=SIGSEGV kills as under strace; it replays' '
	same_as_strace 1 inject=getppid:signal=SIGSEGV &&
	"$SREC" replay t.srec >replayed && test_cmp out replayed &&
	"$SREC" dump t.srec | grep -q "^+++ killed by SIGSEGV" &&
	exit 139
'

test_expect_success 'an injected execute-rule call (mmap) replays' '
	"$SREC" record -q -o t.srec -e inject=brk:error=ENOMEM \
		-- "$SAMPLES/faults" data 2 >recorded &&
	"$SREC" dump -e trace=brk t.srec | grep -q "ENOMEM.*(INJECTED)" &&
	"$SREC" replay t.srec >replayed &&
	test_cmp recorded replayed
'

test_expect_success 'delay_exit= shows (DELAYED) and lasts as long' '
	"$SREC" record -q -o t.srec -e inject=getppid:delay_exit=200ms \
		-- "$SAMPLES/faults" data 1 >/dev/null &&
	"$SREC" dump -e trace=getppid t.srec | grep -q " (DELAYED)$" &&
	[ "$("$SREC" query t.srec "SELECT dur_ns >= 200000000 FROM syscalls
		WHERE name = \"getppid\"" | tail -n 1 | tr -d " ")" = 1 ]
'

test_expect_success 'delay_enter= in microseconds by default' '
	"$SREC" record -q -o t.srec -e inject=getppid:delay_enter=100000 \
		-- "$SAMPLES/faults" data 1 >/dev/null &&
	"$SREC" dump --json -e trace=getppid t.srec |
		grep -q "\"delay_enter_ns\":100000000"
'

test_expect_success 'threads count their own calls, as in strace' '
	strace -f -o strace.log -e trace=write -e inject=write:error=EIO:when=5 \
		"$SAMPLES/threads" 4 10 >/dev/null &&
	grep "(INJECTED)" strace.log | cut -d" " -f1 | sort -u >tids &&
	[ "$(grep -c "(INJECTED)" strace.log)" = 4 ] && [ "$(wc -l <tids)" = 4 ] &&
	"$SREC" record -q -o th.srec -e inject=write:error=EIO:when=5 -- \
		"$SAMPLES/threads" 4 10 >/dev/null &&
	[ "$("$SREC" query --csv th.srec "SELECT count(DISTINCT tid),
		count(*) FROM syscalls WHERE injected" | tail -n 1 | tr -d "\r")" = "4,4" ]
'

test_expect_code 111 'with -p: the attached process meets the fault' '
	"$SAMPLES/sleeper" >sl.out &
	pid=$!
	for i in $(seq 100); do
		grep -q tick sl.out && break
		sleep 0.05
	done
	rc=0
	timeout 60 "$SREC" record -q -o att.srec -e inject=write:error=EIO:when=3 \
		-p "$pid" || rc=$?
	wait "$pid"
	sl=$?
	[ "$sl" = 111 ] || die "sleeper exited $sl"
	[ "$("$SREC" dump -e trace=write att.srec | grep -c "EIO.*(INJECTED)")" = 1 ] &&
	[ "$("$SREC" dump -e trace=write att.srec | grep -c "^write(")" = 3 ] &&
	exit $rc
'

test_expect_success 'bad options: one line, exit 2, the old trace kept' '
	cp t.srec keep.srec && rm -f t.srec.old &&
	for o in inject=open inject=nosuch:error=EIO inject=open:error=EFOO \
		inject=open:error=EIO:when=0 inject=open:error=EIO:retval=1 \
		inject=open:signal=SIGNOPE inject=open:delay_exit=1h \
		inject=open:poke_enter=@arg1=00 trace=open; do
		rc=0
		"$SREC" record -o t.srec -e "$o" -- "$SAMPLES/faults" data 1 \
			>/dev/null 2>err || rc=$?
		[ "$rc" = 2 ] || die "-e $o: exit $rc"
		one_line err || die "-e $o: $(cat err)"
		grep -q "invalid -e $o\|expected inject=" err ||
			die "-e $o: $(cat err)"
	done &&
	cmp t.srec keep.srec && [ ! -e t.srec.old ]
'

test_done
