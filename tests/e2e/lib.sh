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

# no_stopped_tracees: fail if any process in state T (stopped/traced) is
# left whose parent is gone or is this shell's tree.
no_stopped_tracees() {
	local left
	left=$(ps -eo pid,stat,comm --no-headers | awk '$2 ~ /^[tT]/' | grep -v -e ' ps$' || true)
	[ -z "$left" ] || { echo "stopped processes left: $left" >&2; return 1; }
}

test_done() {
	echo "$_passed passed, $_failed failed"
	[ "$_failed" = 0 ]
}
