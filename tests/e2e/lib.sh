# SPDX-License-Identifier: MIT
# lib.sh - helpers for end-to-end tests, in the spirit of git's t/ suite.
# Source it first: it checks the environment CTest sets, makes a fresh
# $WORKDIR, cds into it and counts test_expect_* results.  A test script
# ends with `test_done`, which prints "N passed, M failed" and exits 1 if
# anything failed.
set -u
: "${SREC:?SREC must name the srec binary}"
: "${SAMPLES:?SAMPLES must name the built samples directory}"
: "${SRCDIR:?SRCDIR must name the source tree}"
: "${WORKDIR:?WORKDIR must name a scratch directory}"
rm -rf "$WORKDIR" && mkdir -p "$WORKDIR" && cd "$WORKDIR" || exit 1
# record_check.py is imported from the source tree: keep its bytecode
# cache out of it.
export PYTHONDONTWRITEBYTECODE=1

_passed=0
_failed=0

# _result TITLE PASSED [WHY]: count one test and print "ok - TITLE", or
# "not ok - TITLE WHY" and the end of its output when PASSED is not 0.
_result() {
	if [ "$2" = 0 ]; then
		_passed=$((_passed + 1))
		echo "ok - $1"
	else
		_failed=$((_failed + 1))
		echo "not ok - $1${3:-}"
		sed 's/^/#   /' "$WORKDIR/.out" | tail -n 40
	fi
}

# test_expect_success TITLE 'commands': run commands in a subshell; pass if
# they exit 0.  Chain them with && as in git's suite: set -e would have no
# effect in a subshell that is part of a || list.
test_expect_success() {
	local rc=0
	(eval "$2") >"$WORKDIR/.out" 2>&1 || rc=$?
	_result "$1" $rc
}

# test_expect_code CODE TITLE 'commands': pass if they exit with CODE.
test_expect_code() {
	local rc=0
	(eval "$3") >"$WORKDIR/.out" 2>&1 || rc=$?
	[ "$rc" = "$1" ]
	_result "$2" $? " (exit $rc, want $1)"
}

# test_cmp EXPECTED ACTUAL: like git's, shows a diff on mismatch.
test_cmp() {
	diff -u "$1" "$2"
}

# one_line FILE: FILE holds exactly one line, an srec message ("srec: ").
one_line() {
	[ "$(wc -l <"$1")" = 1 ] && grep -q '^srec: ' "$1"
}

# die MSG: fail the current test body.
die() {
	echo "$*" >&2
	return 1
}

# check_py [ARG...]: run the Python script on stdin (sys.argv[1:] = ARG...)
# with tests/e2e/record_check.py importable, as the record_*.sh checks
# do with `from record_check import *`.
check_py() {
	PYTHONPATH="$SRCDIR/tests/e2e${PYTHONPATH:+:$PYTHONPATH}" \
		python3 - "$@"
}

# record_sample NAME [ARG...]: record samples/NAME into t.srec, its stdout
# in out, and check that stdout is what the sample prints without srec.
record_sample() {
	"$SREC" record -q -o t.srec -- "$SAMPLES/$1" "${@:2}" >out &&
	"$SAMPLES/$1" "${@:2}" >expect &&
	test_cmp expect out
}

# no_stopped_here: fail if a process of this test (its cwd is $WORKDIR)
# is left stopped.  Only this test's: the tracees of tests running beside
# it are stopped for a moment at every syscall.
no_stopped_here() {
	python3 "$SRCDIR/tests/e2e/record_check.py" no-stopped "$WORKDIR"
}

test_done() {
	echo "$_passed passed, $_failed failed"
	[ "$_failed" = 0 ]
}
