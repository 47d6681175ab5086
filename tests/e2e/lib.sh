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

# test_expect_success TITLE 'commands': run commands in a subshell; pass if
# they exit 0.
test_expect_success() {
	local title=$1 body=$2
	if (set -e; eval "$body") >"$WORKDIR/.out" 2>&1; then
		_passed=$((_passed + 1))
		echo "ok - $title"
	else
		_failed=$((_failed + 1))
		echo "not ok - $title"
		sed 's/^/#   /' "$WORKDIR/.out" | tail -n 40
	fi
}

# test_expect_code CODE TITLE 'commands': pass if they exit with CODE.
test_expect_code() {
	local code=$1 title=$2 body=$3 rc=0
	(eval "$body") >"$WORKDIR/.out" 2>&1 || rc=$?
	if [ "$rc" = "$code" ]; then
		_passed=$((_passed + 1))
		echo "ok - $title"
	else
		_failed=$((_failed + 1))
		echo "not ok - $title (exit $rc, want $code)"
		sed 's/^/#   /' "$WORKDIR/.out" | tail -n 40
	fi
}

# test_cmp EXPECTED ACTUAL: like git's, shows a diff on mismatch.
test_cmp() {
	diff -u "$1" "$2"
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
