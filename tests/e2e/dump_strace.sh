# SPDX-License-Identifier: MIT
# dump_strace.sh - strace is the oracle: for the same programs, `srec
# dump` and `strace -f` print the same common file calls, line by line
# (names, paths, flags, return values).  Addresses, pids and the spaces
# strace adds before " = " are normalised; everything else must match.
. "$SRCDIR/tests/e2e/lib.sh"

SYSDIR=$(dirname "$SAMPLES")/tests/sys
CALLS=openat,open,creat,read,write,pread64,close,newfstatat,fstat,lseek,access,faccessat2,readlinkat,unlinkat,mkdirat,renameat2,getdents64,fcntl,dup,dup2,dup3,pipe2,getcwd,chdir

command -v strace >/dev/null || { echo "strace is not installed"; exit 1; }

# Normalise one side: drop pid prefixes and strace's "strace: ..." notes,
# addresses and the alignment spaces before " = ".
normalise() {
	sed -e 's/^\[pid *[0-9]*\] //' -e 's/^[0-9][0-9]* *//' \
		-e '/^strace: /d' -e '/^+++ /d' -e '/^--- /d' \
		-e 's/0x[0-9a-f]\{6,\}/ADDR/g' -e 's/  *= / = /'
}

# Programs whose file calls are the same on every run.
for prog in openat read write close newfstatat lseek fcntl dup3 pipe2 \
	readlinkat; do
	test_expect_success "srec dump and strace agree on sys/$prog" "
		strace -f -qq -o $prog.strace -e trace=$CALLS \
			\"$SYSDIR/$prog\" >/dev/null &&
		\"\$SREC\" record -q -o $prog.srec -- \"$SYSDIR/$prog\" \
			>/dev/null &&
		\"\$SREC\" dump -e trace=$CALLS $prog.srec >$prog.dump &&
		normalise <$prog.strace >expect &&
		normalise <$prog.dump >actual &&
		test \$(wc -l <actual) -ge 10 &&
		test_cmp expect actual
	"
done

test_expect_success 'srec dump and strace agree on a shell pipeline' '
	strace -f -qq -o sh.strace -e trace=$CALLS \
		sh -c "cat /etc/hostname /nonexistent >/dev/null 2>&1; ls / >/dev/null" &&
	"$SREC" record -q -o sh.srec -- \
		sh -c "cat /etc/hostname /nonexistent >/dev/null 2>&1; ls / >/dev/null" &&
	"$SREC" dump -e trace=$CALLS sh.srec >sh.dump &&
	normalise <sh.strace | sort >expect &&
	normalise <sh.dump | sort >actual &&
	test $(wc -l <actual) -ge 20 &&
	test_cmp expect actual
'

test_done
