# SPDX-License-Identifier: MIT
# replay_echo.sh - what replay shows on stdout is byte for byte what the
# program wrote there at record, also when the kernel moved the bytes
# itself: `cat FILE` and `cat < FILE` into a file use copy_file_range,
# samples/moved uses sendfile (from the position and from an offset),
# then splice into a pipe or copy_file_range into a file, via a dup of 1.
. "$SRCDIR/tests/e2e/lib.sh"

# Binary content with every byte value, bigger than one pipe buffer.
head -c 300000 /dev/urandom >data
seq 1 30000 >>data

# same_echo NAME CMD...: record CMD with stdout into NAME.rec, replay it
# into NAME.rpl, compare both with each other.
same_echo() {
	local name=$1
	shift
	"$SREC" record -q -o "$name.srec" -- "$@" >"$name.rec" &&
	"$SREC" replay "$name.srec" >"$name.rpl" &&
	cmp "$name.rec" "$name.rpl"
}

test_expect_success 'cat FILE >file: copy_file_range is echoed' '
	same_echo cat cat data && cmp data cat.rec &&
	"$SREC" dump cat.srec | grep -q "^copy_file_range([0-9]*, NULL, 1,"
'

test_expect_success 'cat <FILE >file' '
	"$SREC" record -q -o catin.srec -- cat <data >catin.rec &&
	"$SREC" replay catin.srec >catin.rpl &&
	cmp data catin.rec && cmp catin.rec catin.rpl
'

test_expect_success 'cat FILE | cat: read/write is echoed' '
	"$SREC" record -q -o catp.srec -- cat data | cat >catp.rec &&
	"$SREC" replay catp.srec | cat >catp.rpl &&
	cmp data catp.rpl
'

test_expect_success 'sendfile and copy_file_range into a file' '
	same_echo mv "$SAMPLES/moved" data && cmp data mv.rec &&
	"$SREC" dump mv.srec | grep -q "^sendfile(1, [0-9]*, NULL"
'

test_expect_success 'sendfile and splice into a pipe' '
	"$SREC" record -q -o mvp.srec -- "$SAMPLES/moved" data | cat >mvp.rec &&
	"$SREC" replay mvp.srec | cat >mvp.rpl &&
	cmp data mvp.rec && cmp data mvp.rpl &&
	"$SREC" dump mvp.srec | grep -q "^splice([0-9]*, "
'

test_expect_success '--no-echo shows none of it' '
	"$SREC" replay --no-echo mv.srec >quiet && test ! -s quiet
'

test_expect_success 'a copy into a file of its own is not kept' '
	echo small >small &&
	"$SREC" record -q -o big.srec -- cp data copy &&
	"$SREC" record -q -o small.srec -- cp small copy2 &&
	"$SREC" dump big.srec | grep -q "^copy_file_range(" &&
	big=$(stat -c %s big.srec) && small=$(stat -c %s small.srec) &&
	test $((big - small)) -lt 100000 &&
	"$SREC" replay big.srec >big.rpl && test ! -s big.rpl
'

test_expect_success 'no tracee left stopped' '
	no_stopped_here
'

test_done
