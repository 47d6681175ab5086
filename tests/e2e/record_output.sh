# SPDX-License-Identifier: MIT
# record_output.sh - where `srec record -o` writes: a regular file is made
# anew with mode 0600; a character device (a node made here with mknod,
# as /dev/null is one) and a FIFO with a reader receive the stream and are
# never removed or chmod'ed; a directory, block device or socket is left
# alone with one line on stderr; `-o -` writes the trace to stdout, PROG's
# stdout then going to stderr; a trace that would share PROG's stdout is
# refused.  Needs root for mknod (CI and the developers' machines are).
. "$SRCDIR/tests/e2e/lib.sh"

# kind PATH: the file type and mode as stat prints them.
kind() {
	stat -c '%F %a' "$1"
}

test_expect_success 'a character device receives the trace and stays one' '
	mknod -m 666 null c 1 3 &&
	"$SREC" record -q -o null -- echo hi >out &&
	test "$(kind null)" = "character special file 666" &&
	echo hi >expect && test_cmp expect out
'

test_expect_success 'a symlink to a device is written through, not replaced' '
	ln -s null link &&
	"$SREC" record -q -o link -- true &&
	test -L link && test "$(kind null)" = "character special file 666"
'

test_expect_success 'a FIFO with a reader receives the whole trace' '
	mkfifo -m 644 fifo &&
	{ cat fifo >got & } &&
	"$SREC" record -q -o fifo -- echo via-fifo >out &&
	wait &&
	test "$(kind fifo)" = "fifo 644" &&
	"$SREC" verify got &&
	"$SREC" replay got >rout &&
	echo via-fifo >expect && test_cmp expect rout
'

test_expect_success '-o - writes the trace to stdout, PROG prints on stderr' '
	"$SREC" record -q -o - -- echo to-stderr 2>err | cat >pipe.srec &&
	echo to-stderr >expect && test_cmp expect err &&
	"$SREC" verify pipe.srec &&
	"$SREC" replay pipe.srec >rout &&
	test_cmp expect rout
'

test_expect_code 1 '-o - refused when stdout and stderr are one stream' '
	"$SREC" record -q -o - -- echo x >both 2>&1
'

test_expect_success '... with one line, and nothing run' '
	one_line both && grep -q "would mix" both && ! grep -q "^x" both
'

test_expect_code 1 'a link to PROG'\''s own stdout is refused' '
	ln -s /proc/self/fd/1 fdlink &&
	"$SREC" record -q -o fdlink -- echo x >own.srec 2>err
'

test_expect_success '... and the link stays a link' '
	test -L fdlink && one_line err && test ! -s own.srec
'

test_expect_success 'with -p, a link to srec'\''s stdout receives the trace' '
	sleep 1 >/dev/null &
	"$SREC" record -q -p $! -o fdlink >attach.srec &&
	test -L fdlink &&
	"$SREC" verify attach.srec
'

test_expect_code 1 'a directory is not replaced' '
	mkdir dir && "$SREC" record -q -o dir -- true 2>err
'

test_expect_success '... one line, the directory still there' '
	one_line err && test -d dir
'

test_expect_code 1 'a block device is not replaced' '
	mknod -m 600 blk b 7 200 && "$SREC" record -q -o blk -- true 2>err
'

test_expect_success '... one line, the node unchanged' '
	one_line err && grep -q "not replaced" err &&
	test "$(kind blk)" = "block special file 600"
'

test_expect_success 'a regular file is made anew with 0600, the old one kept' '
	echo old >reg && chmod 644 reg &&
	"$SREC" record -q -o reg -- true &&
	test "$(kind reg)" = "regular file 600" &&
	test "$(cat reg.old)" = old
'

test_expect_success 'no tracee left stopped' '
	no_stopped_here
'

test_done
