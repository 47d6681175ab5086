# SPDX-License-Identifier: MIT
# record_basic.sh - smoke test of `srec record`: PROG's exit status and
# stdio pass through, a signal death becomes 128+N, a missing or
# non-executable PROG gives 127/126, -o and the .old rename, mode 0600,
# -q, usage errors, and the trace reads back with info and dump.
. "$SRCDIR/tests/e2e/lib.sh"

test_expect_success 'exit status 0 and the summary line' '
	"$SREC" record -- true 2>err &&
	test -s trace.srec &&
	grep -E "^srec: recorded [0-9]+ syscalls from 1 process into trace.srec \([0-9.]+ MiB\)$" err
'

test_expect_code 3 'exit status passes through' '
	"$SREC" record -q -- sh -c "exit 3"
'

test_expect_code 137 'death by SIGKILL is 128+9' '
	"$SREC" record -q -- sh -c "kill -KILL \$\$"
'

test_expect_code 143 'death by SIGTERM is 128+15' '
	"$SREC" record -q -- sh -c "kill -TERM \$\$"
'

test_expect_success 'stdin, stdout and stderr are the program'"'"'s own' '
	echo hello-in | "$SREC" record -q -- sh -c "cat; echo to-err >&2" \
		>out 2>err &&
	test "$(cat out)" = hello-in &&
	test "$(cat err)" = to-err
'

test_expect_success '-q prints nothing' '
	"$SREC" record -q -- true 2>err &&
	test ! -s err
'

test_expect_code 127 'missing PROG: 127' '
	"$SREC" record -- no-such-program-srec 2>err; rc=$?
	grep -q "no-such-program-srec: command not found" err &&
	test "$(wc -l <err)" = 1 && exit $rc
'

test_expect_code 126 'not executable: 126' '
	printf "#!/bin/sh\n" >noexec && chmod 644 noexec &&
	"$SREC" record -- ./noexec 2>err; rc=$?
	test "$(wc -l <err)" = 1 && exit $rc
'

test_expect_code 2 'usage error: no PROG' '
	"$SREC" record 2>err; rc=$?
	test "$(wc -l <err)" = 1 && exit $rc
'

test_expect_code 2 'usage error: -p and PROG' '
	"$SREC" record -p 1 -- true 2>err; rc=$?
	test "$(wc -l <err)" = 1 && exit $rc
'

test_expect_success '-o FILE, mode 0600, FILE.old kept' '
	rm -f t.srec t.srec.old &&
	"$SREC" record -q -o t.srec -- echo one >/dev/null &&
	test "$(stat -c %a t.srec)" = 600 &&
	cp t.srec first &&
	"$SREC" record -q -o t.srec -- echo two >/dev/null &&
	cmp first t.srec.old &&
	test -s t.srec
'

test_expect_success 'children and threads are followed' '
	"$SREC" record -- sh -c "sh -c true; /bin/true | cat" 2>err &&
	grep -E "from [4-9] processes" err
'

# Only this test's processes (their cwd is $WORKDIR): other tests' live
# tracees are legitimately in tracing stop meanwhile.
test_expect_success 'no tracee left stopped' '
	"$SREC" record -q -- sh -c "sleep 0.1 & sleep 0.1 & wait" &&
	here=$(pwd -P) &&
	for p in /proc/[0-9]*; do
		test "$(readlink $p/cwd 2>/dev/null)" = "$here" || continue
		case $(cut -d")" -f2 $p/stat 2>/dev/null | cut -d" " -f2) in
		[tT]) die "stopped: $p $(cat $p/comm)" ;;
		esac
	done
'

# Reading back needs the dump and info commands.
if "$SREC" info trace.srec >/dev/null 2>&1; then
	test_expect_success 'srec info reads the trace' '
		"$SREC" record -q -- true &&
		"$SREC" info trace.srec >info
	'
fi
if "$SREC" dump trace.srec >/dev/null 2>&1; then
	test_expect_success 'dump shows the execve first and exit_group' '
		"$SREC" record -q -- true &&
		"$SREC" dump trace.srec >dump &&
		head -n 1 dump | grep -q "execve(" &&
		grep -q "exit_group(0)" dump
	'
	test_expect_success 'a file-backed mmap and rseq are there' '
		"$SREC" record -q -- cat /dev/null &&
		"$SREC" dump --json trace.srec >dump.json &&
		grep -q "\"blob\"" dump.json &&
		"$SREC" dump trace.srec | grep -E "rseq\(.*= -1 ENOSYS"
	'
fi

test_done
