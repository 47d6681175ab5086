# SPDX-License-Identifier: MIT
# dump_summary.sh - `srec dump -c` prints strace -c's table: the same
# header, separators, columns and total line as strace 6.1 on the same
# program, the call counts of the program's own calls, and the numbers
# of query's `summary` view.  Times differ run to run and are not compared.
. "$SRCDIR/tests/e2e/lib.sh"

SYSDIR=$(dirname "$SAMPLES")/tests/sys
CALLS=openat,read,write,close,newfstatat,lseek,fcntl

command -v strace >/dev/null || { echo "strace is not installed"; exit 1; }

# fields FILE: "calls errors name" per row of a -c table, sorted by name.
fields() {
	awk '/^-/ || /^%/ { next }
	     NF == 6 { print $4, $5, $6; next }
	     NF == 5 { print $4, 0, $5 }' "$1" | grep -v " total$" | sort -k3
}

# rows FILE: every line after the header is a separator or a row in
# strace's columns (%6.2f %11.6f %11u %9u %9u-or-blanks, then the name).
rows() {
	tail -n +3 "$1" | grep -v -x -- "$SEP" |
		grep -v -x -E "[ 0-9]{2}[0-9]\.[0-9]{2} [ 0-9]{3}[0-9]\.[0-9]{6} [ 0-9]{10}[0-9] [ 0-9]{8}[0-9] [ 0-9]{9} [a-z_0-9]+" |
		grep . && return 1
	return 0
}
SEP="------ ----------- ----------- --------- --------- ----------------"

test_expect_success 'dump -c has strace -c layout on sys/openat' '
	strace -f -qq -c -w -o strace.c "$SYSDIR/openat" >/dev/null &&
	"$SREC" record -q -o t.srec -- "$SYSDIR/openat" >/dev/null &&
	"$SREC" dump -c t.srec >srec.c &&
	sed -n 1,2p strace.c >expect && sed -n 1,2p srec.c >actual &&
	test_cmp expect actual &&
	tail -n 2 strace.c | sed -n 1p >expect &&
	tail -n 2 srec.c | sed -n 1p >actual &&
	test_cmp expect actual &&
	tail -n 1 srec.c | grep -q "^100.00 .* total$" &&
	rows strace.c >/dev/null && rows srec.c >/dev/null
'

test_expect_success 'dump -c counts the program calls as strace -c' '
	strace -f -qq -c -w -e trace=$CALLS -o s.c "$SYSDIR/openat" \
		>/dev/null &&
	"$SREC" dump -c -e trace=$CALLS t.srec >r.c &&
	fields s.c >expect && fields r.c >actual &&
	test $(wc -l <actual) -ge 3 &&
	test_cmp expect actual
'

test_expect_success 'dump -c counts equal query summary on a fork+exec' '
	"$SREC" record -q -o t.srec -- "$SAMPLES/fork_exec" >/dev/null &&
	"$SREC" dump -c t.srec >all.c &&
	fields all.c >actual &&
	"$SREC" query --csv t.srec "SELECT calls, errors, name FROM summary" |
		tail -n +2 | tr -d "\r" | tr , " " | sort -k3 >expect &&
	test_cmp expect actual &&
	total=$("$SREC" query --csv t.srec "SELECT count(*) FROM syscalls" |
		tail -n 1 | tr -d "\r") &&
	tail -n 1 all.c | awk -v n=$total "\$4 == n { ok = 1 } END { exit !ok }"
'

test_expect_success 'dump -c -S calls and -S name sort as strace -S' '
	"$SREC" dump -c -S calls t.srec | tail -n +3 | grep -v "^-" |
		grep -v " total$" | awk "{ print \$4 }" >calls &&
	sort -n -r -s calls >expect && test_cmp expect calls &&
	"$SREC" dump -c -S name t.srec | tail -n +3 | grep -v "^-" |
		grep -v " total$" | awk "{ print \$NF }" >names &&
	LC_ALL=C sort names >expect && test_cmp expect names &&
	test $(wc -l <names) -ge 10 &&
	"$SREC" dump -c -w t.srec >w.c && test_cmp all.c w.c
'

test_expect_success 'dump -C prints the calls, then the table' '
	"$SREC" dump t.srec >calls.txt && "$SREC" dump -C t.srec >both &&
	head -n $(wc -l <calls.txt) both >head && test_cmp calls.txt head &&
	tail -n +$(($(wc -l <calls.txt) + 1)) both >tail &&
	test_cmp all.c tail
'

test_expect_code 2 'dump -S with an unknown key exits 2' '
	"$SREC" dump -c -S size t.srec 2>err; rc=$?; one_line err && exit $rc
'

test_expect_code 2 'dump -c with a bad trace exits 2' '
	echo nope >bad.srec && "$SREC" dump -c bad.srec
'

test_done
