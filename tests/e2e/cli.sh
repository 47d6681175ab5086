# SPDX-License-Identifier: MIT
# cli.sh - the srec binary itself: --help, --version, `srec CMD --help`
# for every command (exit 0, within 80 columns) and the one-line usage
# errors (exit 2) for a missing or unknown command or option.
. "$SRCDIR/tests/e2e/lib.sh"

commands="record replay dump query diff info verify"

test_expect_success '--version names the release' '
	"$SREC" --version >out &&
	grep -qx "srec [0-9][0-9.]*" out
'

test_expect_success '--help lists every command' '
	"$SREC" --help >out &&
	for c in $commands; do grep -q "^  $c  *[a-z]" out || exit 1; done
'

for c in $commands; do
	test_expect_success "srec $c --help: usage, options, 80 columns" '
		"$SREC" $c --help >out 2>err &&
		test ! -s err &&
		grep -q "^usage: srec $c" out &&
		grep -q "^  -h, --help  *show this help$" out &&
		! awk "length > 80 { print; bad = 1 } END { exit !bad }" out
	'
done

for args in "" "--frob" "frob" "dump --frob"; do
	test_expect_code 2 "srec $args: one line, exit 2" '
		"$SREC" $args >out 2>err; rc=$?
		one_line err && test ! -s out || exit 9
		exit $rc
	'
done

test_expect_success 'the messages say what is wrong' '
	"$SREC" 2>&1 | grep -q "which command?" &&
	"$SREC" --frob 2>&1 | grep -q "unknown option .--frob." &&
	"$SREC" frob 2>&1 | grep -q ".frob. is not an srec command"
'

test_done
