# SPDX-License-Identifier: MIT
# dump.sh - `srec dump` end to end: golden lines of recorded programs,
# filters (-e trace=, --pid, --seq), --json parsed back, -y paths from the
# trace's own fd history, timestamps, a damaged trace (intact lines, one
# stderr line, exit 1) and bad input (one line, exit 2).
. "$SRCDIR/tests/e2e/lib.sh"

SYSDIR=$(dirname "$SAMPLES")/tests/sys
# The first fd a recorded program opens: 3, or higher when the test runner
# hands this script more open descriptors (the program inherits them).
FD='[3-9]'

# The calls between the test programs' markers (see tests/sys/tests.h).
between_markers() {
	sed -n '/chdir("\/srec-test-begin")/,/chdir("\/srec-test-end")/p' |
		grep -v 'chdir("/srec-test-'
}

test_expect_success 'record the test programs' '
	"$SREC" record -q -o close.srec -- "$SYSDIR/close" >close.out &&
	"$SREC" record -q -o openat.srec -- "$SYSDIR/openat" >openat.out &&
	"$SREC" record -q -o wait4.srec -- "$SYSDIR/wait4" >wait4.out &&
	"$SREC" record -q -o true.srec -- /bin/true
'

test_expect_success 'golden: every line of a run between the markers' '
	"$SREC" dump -e trace=close,chdir close.srec | between_markers >actual &&
	test_cmp close.out actual
'

test_expect_success 'golden: file calls of a whole run (%file)' '
	"$SREC" dump -e trace=%file true.srec >actual &&
	grep -qx "execve(\"/bin/true\", \[\"/bin/true\"\], 0x[0-9a-f]* /\* [0-9]* vars \*/) = 0" actual &&
	grep -qx "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = $FD" actual &&
	grep -qx "openat(AT_FDCWD, \"/lib/x86_64-linux-gnu/libc.so.6\", O_RDONLY|O_CLOEXEC) = $FD" actual &&
	grep -qx "newfstatat($FD, \"\", {st_mode=S_IFREG|0644, st_size=[0-9]*, ...}, AT_EMPTY_PATH) = 0" actual &&
	! grep -v -e "^execve(" -e "^openat(" -e "^newfstatat(" -e "^access(" \
		-e "^readlink" -e "+++ exited with 0 +++" actual
'

test_expect_success 'exit lines: +++ exited with N +++' '
	"$SREC" dump true.srec | tail -n 2 >actual &&
	printf "exit_group(0) = ?\n+++ exited with 0 +++\n" >expect &&
	test_cmp expect actual
'

test_expect_success '-e trace=!LIST prints every other call' '
	"$SREC" dump true.srec >all &&
	"$SREC" dump -e trace=!openat,close true.srec >rest &&
	! grep -q "^openat(\|^close(" rest &&
	test $(grep -c "^openat(\|^close(" all) -gt 0 &&
	test $(($(wc -l <rest) + $(grep -c "^openat(\|^close(" all))) = $(wc -l <all)
'

test_expect_success '[pid N] prefixes in a multi-process trace; --pid' '
	"$SREC" dump wait4.srec >all &&
	! grep -v "^\[pid [0-9]*\] " all &&
	pids=$(sed "s/^\[pid \([0-9]*\)\].*/\1/" all | sort -u | wc -l) &&
	test "$pids" -ge 3 &&
	main=$(head -n 1 all | sed "s/^\[pid \([0-9]*\)\].*/\1/") &&
	"$SREC" dump --pid "$main" wait4.srec >mine &&
	! grep -v "^\[pid $main\] " mine &&
	grep -q "+++ exited with 3 +++" all &&
	grep -q "+++ killed by SIGKILL +++" all &&
	! grep -q "+++ exited with 3 +++" mine
'

test_expect_success '--seq A-B keeps events A to B' '
	"$SREC" dump --json true.srec >all.json &&
	"$SREC" dump --json --seq 3-7 true.srec >some.json &&
	python3 -c "
import json, sys
seqs = [json.loads(l)[\"seq\"] for l in open(\"some.json\")]
assert seqs == list(range(3, 8)), seqs
" &&
	"$SREC" dump --json --seq 5 true.srec | wc -l | grep -qx 1 &&
	"$SREC" dump --json --seq 5- true.srec >tail.json &&
	test $(wc -l <tail.json) = $(($(wc -l <all.json) - 5))
'

test_expect_success '--json: one object per event, parsed back' '
	"$SREC" dump --json openat.srec >all.json &&
	python3 -c "
import json, sys
evs = [json.loads(l) for l in open(\"all.json\")]
assert [e[\"seq\"] for e in evs] == list(range(len(evs)))
kinds = set(e[\"type\"] for e in evs)
assert {\"syscall\", \"exec\", \"exit\"} <= kinds, kinds
calls = [e for e in evs if e[\"type\"] == \"syscall\"]
o = [e for e in calls if e[\"name\"] == \"openat\" and e[\"path\"] == \"/dev/null\"][0]
assert o[\"nr\"] == 257 and o[\"ret\"] >= 0 and o[\"errno\"] is None, o
assert o[\"decoded\"] == \"openat(AT_FDCWD, \\\"/dev/null\\\", O_RDONLY|O_CLOEXEC)\", o
assert o[\"t_exit_ns\"] >= o[\"t_enter_ns\"]
m = [x for x in o[\"mem\"] if x[\"arg\"] == 1][0]
import base64
assert base64.b64decode(m[\"data_b64\"]) == b\"/dev/null\" and m[\"dir\"] == \"in\"
e = [e for e in calls if e[\"errno\"] is not None]
assert any(x[\"errno\"] == \"ENOENT\" and x[\"ret\"] == -2 for x in e)
"
'

test_expect_success '--json escapes bytes that are not UTF-8' '
	name=$(printf "x\\377y") &&
	"$SREC" record -q -o bytes8.srec -- cat "$name" 2>/dev/null;
	"$SREC" dump --json -e trace=openat bytes8.srec >o.json &&
	grep -q "\"path\":\"x\\\\u00ffy\"" o.json &&
	python3 -c "
import json
evs = [json.loads(l) for l in open(\"o.json\")]
assert any(e[\"path\"] == \"x\\u00ffy\" for e in evs), evs
"
'

test_expect_success 'record a program writing odd bytes' '
	"$SREC" record -q -o bytes.srec -- "$SYSDIR/write" >/dev/null
'

test_expect_success '-y: paths next to fds, from the trace itself' '
	"$SREC" dump -y -e trace=openat,close close.srec >actual &&
	grep -qx "openat(AT_FDCWD, \"/dev/null\", O_RDONLY) = $FD</dev/null>" actual &&
	grep -qx "close($FD</dev/null>) = 0" actual &&
	grep -qx "close($FD) = -1 EBADF (Bad file descriptor)" actual
'

test_expect_success '-t, -tt, -ttt, -r and -T' '
	"$SREC" dump -t true.srec | head -n 1 | grep -q "^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] execve(" &&
	"$SREC" dump -tt true.srec | head -n 1 | grep -q "^[0-9:]*\.[0-9]\{6\} execve(" &&
	"$SREC" dump -ttt true.srec | head -n 1 | grep -q "^[0-9]\{10\}\.[0-9]\{6\} execve(" &&
	"$SREC" dump -r true.srec | head -n 1 | grep -q "^     0\.000000 execve(" &&
	"$SREC" dump -T -e trace=close true.srec | grep -q "^close($FD) = 0 <[0-9]*\.[0-9]\{6\}>$"
'

test_expect_success '-s SIZE cuts strings' '
	"$SREC" dump -s 4 -e trace=write bytes.srec | grep -q "^write([0-9]*, \"hell\"\.\.\., 6) = 6$" &&
	"$SREC" dump -s 0 -e trace=write bytes.srec | grep -q "^write([0-9]*, \"\"\.\.\., 6) = 6$"
'

test_expect_code 1 'damaged trace: intact lines, one stderr line, exit 1' '
	"$SREC" record -q -o long.srec -- sh -c "echo first; sleep 1.5; echo second" >/dev/null &&
	size=$(stat -c %s long.srec) &&
	head -c $((size - 60)) long.srec >cut.srec &&
	"$SREC" dump cut.srec >out 2>err; rc=$?
	grep -q "write(1, \"first\\\\n\", 6) = 6" out || exit 9
	test $(wc -l <err) = 1 || exit 9
	grep -q "^srec: " err || exit 9
	exit $rc
'

test_expect_code 2 'missing file: exit 2' '
	"$SREC" dump nonexistent.srec 2>err; rc=$?
	one_line err || exit 9
	exit $rc
'

test_expect_code 2 'not a trace: exit 2' '
	echo "hello" >text.srec &&
	"$SREC" dump text.srec 2>err; rc=$?
	test $(wc -l <err) = 1 || exit 9
	exit $rc
'

test_expect_code 2 'unknown syscall name in -e trace=: exit 2' '
	"$SREC" dump -e trace=nosuchcall true.srec 2>err; rc=$?
	test $(wc -l <err) = 1 && grep -q nosuchcall err || exit 9
	exit $rc
'

test_expect_code 2 'bad --seq: exit 2' '
	"$SREC" dump --seq 9-3 true.srec
'

test_expect_code 2 'no file: exit 2' '
	"$SREC" dump
'

test_done
