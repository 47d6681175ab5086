# SPDX-License-Identifier: MIT
# info_verify.sh - `srec info` and `srec verify` on synthetic traces from
# tests/tools/mktrace: complete, abandoned (writer killed), corrupted and
# truncated, and on files that are not traces.
. "$SRCDIR/tests/e2e/lib.sh"

MKTRACE=$(dirname "$SREC")/../tests/tools/mktrace
[ -x "$MKTRACE" ] || { echo "mktrace not built: $MKTRACE"; exit 1; }

"$MKTRACE" --events 2000 complete complete.srec &&
"$MKTRACE" --events 2000 abandoned abandoned.srec &&
"$MKTRACE" --events 2000 corrupt corrupt.srec &&
"$MKTRACE" --events 2000 truncated truncated.srec || exit 1

# 2000 syscalls + execve + 2 mmap, exec, clone, 1 blob, signal, note, 2 exits
test_expect_success 'info on a complete trace' '
	"$SREC" info complete.srec >out &&
	grep -x "command:       /bin/demo --fast" out &&
	grep -x "host:          mktrace (x86_64, Linux 6.1.0-test)" out &&
	grep -x "processes:     2 (2 threads)" out &&
	grep -x "events:        2010" out &&
	grep -x "  syscall      2003" out &&
	grep -x "  blob         1" out &&
	grep -x "  exit         2" out &&
	grep -x "syscalls:      2003" out &&
	grep -x "exit status:   3" out &&
	grep "^size: .* compressed (ratio [0-9.]*), file [0-9]* bytes$" out &&
	grep -x "complete:      yes" out
'

test_expect_success 'verify on a complete trace' '
	"$SREC" verify complete.srec >out &&
	grep -x "ok: 2010 events in [0-9]* frames" out
'

test_expect_success 'the trace is a valid zstd stream' '
	if command -v zstd >/dev/null; then zstd -qt complete.srec; fi
'

test_expect_success 'trace files are mode 0600' '
	test "$(stat -c %a complete.srec)" = 600
'

test_expect_code 1 'info on an abandoned trace counts and names it' '
	"$SREC" info abandoned.srec >out 2>err; rc=$?
	grep -x "events:        2010" out &&
	grep -x "processes:     2 (2 threads) (counted)" out &&
	grep -x "complete:      no" out &&
	grep "cut short at offset [0-9]* (writer killed?)" err ||
	exit 9
	exit $rc
'

# Cut right after its header (the writer killed before its first frame):
# the shortest prefix of the abandoned trace that info reads that way.
test_expect_code 1 'info on a trace with no event' '
	for n in $(seq 16 8 4096); do
		head -c $n abandoned.srec >header.srec
		"$SREC" info header.srec >out 2>err; rc=$?
		grep -q "no event was written" err && break
	done &&
	grep -x "events:        0" out &&
	grep -x "complete:      no" out &&
	one_line err ||
	exit 9
	exit $rc
'

test_expect_code 1 'verify on an abandoned trace' '
	"$SREC" verify abandoned.srec >out 2>err; rc=$?
	grep "^damaged: first damage at offset [0-9]* (frame cut short); 2010 events readable$" out &&
	grep "cut short" err ||
	exit 9
	exit $rc
'

test_expect_code 1 'verify on a corrupted trace names offset and survivors' '
	"$SREC" verify corrupt.srec >out 2>err; rc=$?
	grep "^damaged: first damage at offset [0-9]* (.*); [0-9]* events readable$" out &&
	grep "trace damaged at offset [0-9]* (.*): [0-9]* events\? lost, [0-9]* intact events read" err ||
	exit 9
	exit $rc
'

test_expect_code 1 'info on a corrupted trace' '
	"$SREC" info corrupt.srec >out 2>err; rc=$?
	grep -x "complete:      no" out &&
	one_line err &&
	grep "trace damaged at offset [0-9]* (.*): [0-9]* events\? lost" err ||
	exit 9
	exit $rc
'

# info walks the frames without decoding events: the index, not a count
# of events read (none), says how many survive.
test_expect_success 'info on a corrupted trace counts the intact events' '
	"$SREC" info corrupt.srec >out 2>err
	lost=$(sed -n "s/.*: \([0-9]*\) events\? lost.*/\1/p" err) &&
	grep ", $((2010 - lost)) of 2010 events intact$" err &&
	! grep "0 intact events read" err
'

test_expect_code 1 'verify on a truncated trace' '
	"$SREC" verify truncated.srec >out 2>err; rc=$?
	grep "^damaged: .*; [0-9]* events readable$" out &&
	grep "cut short" err ||
	exit 9
	exit $rc
'

: >empty.srec
echo "hello, world" >text.srec
head -c 5000 /dev/urandom >random.srec
mkdir -p adir
cp complete.srec newer.srec
printf "\002" | dd of=newer.srec bs=1 seek=12 conv=notrunc 2>/dev/null

for f in empty.srec text.srec random.srec adir missing.srec newer.srec; do
	for cmd in info verify; do
		test_expect_code 2 "$cmd refuses $f with one line" '
			"$SREC" $cmd $f >out 2>err
			rc=$?
			test $(wc -l <err) = 1 && grep "^srec: $f: " err ||
			exit 9
			exit $rc
		'
	done
done

test_expect_success 'the messages say why' '
	"$SREC" info empty.srec 2>&1 | grep "not an srec trace" &&
	"$SREC" info adir 2>&1 | grep "Is a directory" &&
	"$SREC" info missing.srec 2>&1 | grep "No such file" &&
	"$SREC" verify newer.srec 2>&1 | grep "newer than this srec"
'

for cmd in info verify dump; do
	test_expect_code 2 "$cmd wants exactly one file, says so in one line" '
		"$SREC" $cmd >out 2>err; rc=$?
		one_line err && grep -q "FILE missing" err || exit 9
		"$SREC" $cmd complete.srec complete.srec >out 2>err
		test $? = 2 && one_line err &&
		grep -q "one trace at a time, not 2" err || exit 9
		exit $rc
	'
done

test_expect_success 'info --help' '
	"$SREC" info --help | grep "srec info FILE"
'

test_done
