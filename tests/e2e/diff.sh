# SPDX-License-Identifier: MIT
# diff.sh - `srec diff` end to end: the same run twice is no difference;
# one changed input is found at the call that differs; unreadable and
# damaged traces are reported.
. "$(dirname "$0")/lib.sh"

printf 'alpha\nbeta\n' >in.txt
"$SREC" record -q -o one.srec -- cat in.txt >/dev/null
"$SREC" record -q -o two.srec -- cat in.txt >/dev/null
printf 'alpha\nbetA\n' >in.txt
"$SREC" record -q -o changed.srec -- cat in.txt >/dev/null
"$SREC" record -q -o missing.srec -- cat in.txt nosuch.txt >/dev/null 2>&1

test_expect_success 'the same run twice: no difference, exit 0' '
	"$SREC" diff one.srec two.srec >out &&
	grep -q "^No difference" out
'

for prog in threads pipes_dup; do
	test_expect_success "two runs of samples/$prog: no difference" '
		"$SREC" record -q -o $prog.1.srec -- "$SAMPLES/$prog" \
			>/dev/null &&
		"$SREC" record -q -o $prog.2.srec -- "$SAMPLES/$prog" \
			>/dev/null &&
		"$SREC" diff $prog.1.srec $prog.2.srec >out &&
		grep -q "^No difference" out
	'
done

test_expect_code 1 'changed input: parts at the write of the changed data' '
	"$SREC" diff one.srec changed.srec >out
	rc=$?
	grep -q "^- .*write(1, \"alpha\\\\nbeta\\\\n\"" out &&
	grep -q "^+ .*write(1, \"alpha\\\\nbetA\\\\n\"" out || exit 9
	# The context before it shows the read of each run, decoded.
	grep -q "^  #[0-9]*  *read([0-9]*, \"alpha\\\\nbeta\\\\n\"" out &&
	grep -q "^  *#[0-9]*  *read([0-9]*, \"alpha\\\\nbetA\\\\n\"" out ||
		exit 9
	exit $rc
'

test_expect_code 1 'an extra file: the failed open and the counts' '
	"$SREC" diff one.srec missing.srec >out
	rc=$?
	grep -q "^+ .*openat(AT_FDCWD, \"nosuch.txt\".* ENOENT" out &&
	grep -q "^Files only B touched:" out &&
	grep -q "^  nosuch.txt$" out &&
	grep -q "^  openat .* +[1-9][0-9]*$" out || exit 9
	exit $rc
'

test_expect_code 2 'an unreadable trace is exit 2' '
	"$SREC" diff one.srec nosuch.srec 2>err
	rc=$?
	[ "$(wc -l <err)" = 1 ] && grep -q "^srec: diff: nosuch.srec" err ||
		exit 9
	exit $rc
'

test_expect_code 2 'a file that is not a trace is exit 2' '
	"$SREC" diff one.srec in.txt 2>err
'

test_expect_code 2 'one trace is a usage error' '
	"$SREC" diff one.srec 2>err
'

test_expect_code 1 'a damaged trace: compared, then the damage, exit 1' '
	size=$(stat -c %s two.srec)
	head -c $((size * 2 / 3)) two.srec >cut.srec
	"$SREC" diff one.srec cut.srec >out 2>err
	rc=$?
	grep -q "^srec: cut.srec: " err || exit 9
	exit $rc
'

test_done
