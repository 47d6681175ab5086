# SPDX-License-Identifier: MIT
# dump_sys.sh - the per-syscall dump tests (tests/sys/NAME.c, like
# strace's tests/NAME.c): record each program, dump the calls it made
# between its two markers with -e trace=NAME (or the program's own
# "TRACE: list" line), and diff them against what the program printed.
. "$SRCDIR/tests/e2e/lib.sh"

SYSDIR=$(dirname "$SAMPLES")/tests/sys

# marker FILE PATH: "SEQ PID" of the chdir(PATH) marker call in trace FILE.
marker() {
	"$SREC" dump --json -e trace=chdir "$1" | python3 -c '
import json, sys
for line in sys.stdin:
    ev = json.loads(line)
    if ev.get("path") == sys.argv[1]:
        print(ev["seq"], ev["pid"])
        break
else:
    sys.exit("marker %s not found" % sys.argv[1])
' "$2"
}

for src in "$SRCDIR"/tests/sys/*.c; do
	name=$(basename "$src" .c)
	trace=$(sed -n 's/.*TRACE: \([a-z0-9_,]*\).*/\1/p' "$src")
	test_expect_success "dump -e trace=${trace:-$name} of sys/$name" "
		\"\$SREC\" record -q -o $name.srec -- \"$SYSDIR/$name\" \
			>$name.expected &&
		read -r begin pid <<<\"\$(marker $name.srec /srec-test-begin)\" &&
		read -r end pid <<<\"\$(marker $name.srec /srec-test-end)\" &&
		\"\$SREC\" dump --pid \$pid --seq \$begin-\$end \
			-e trace=${trace:-$name} $name.srec >$name.actual &&
		test_cmp $name.expected $name.actual
	"
done

test_done
