# SPDX-License-Identifier: MIT
# query_console.sh - `srec query` on a synthetic trace (bench/query_gen:
# rounds of openat, read, write, close in pid 4242), so it runs without
# the recorder: one-shot and console read-only refusals, SQL errors,
# dot-commands, multi-line statements, line editing on a terminal, the
# cache and its mode, --no-cache, --db, and a cut trace.
. "$(dirname "$0")/lib.sh"

gen=$SAMPLES/../bench/query_gen
"$gen" t.srec 25 || exit 1

# on_terminal ARG...: run `srec ARG...` on a pseudo-terminal, typing the
# keys given on stdin (one Python bytes literal a line, a pause after
# each), and print what the terminal showed once srec exits.
on_terminal() {
	python3 -c '
import ast, os, pty, sys, time
keys = [ast.literal_eval(l) for l in sys.stdin.read().splitlines() if l]
pid, fd = pty.fork()
if pid == 0:
    os.execv(os.environ["SREC"], [os.environ["SREC"]] + sys.argv[1:])
if keys:
    time.sleep(0.5)
for k in keys:
    os.write(fd, k)
    time.sleep(0.3)
out = b""
while True:
    try:
        b = os.read(fd, 4096)
    except OSError:
        break
    if not b:
        break
    out += b
os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
' "$@"
}

test_expect_success 'counts, paths and fds of the synthetic run' '
	"$SREC" query --csv t.srec "SELECT name, count(*), min(path),
		min(fd) FROM syscalls GROUP BY name ORDER BY name" >out &&
	printf "%s\r\n" "name,count(*),min(path),min(fd)" "close,25,,3" \
		"openat,25,/tmp/storm-file," "read,25,,3" "write,25,,1" >want &&
	test_cmp want out
'

test_expect_success 'the cache beside the trace is private' '
	[ "$(stat -c %a t.srec.sqlite)" = 600 ]
'

test_expect_success 'no progress line when stderr is not a terminal' '
	rm -f t.srec.sqlite &&
	"$SREC" query t.srec "SELECT 1" >out 2>err && [ ! -s err ]
'

for sql in "INSERT INTO syscalls(trace, seq) VALUES ('x', 1)" \
	   "DROP TABLE syscalls" "ATTACH 'x.db' AS x" \
	   "DELETE FROM t0.syscalls" "UPDATE t0.syscalls SET pid = 1" \
	   "VACUUM INTO 'x.db'" "PRAGMA query_only = 0" \
	   "SELECT 1; DROP TABLE t0.syscalls"; do
	test_expect_code 1 "one-shot refusal: $sql" '
		"$SREC" query t.srec "$sql" >out 2>err
		rc=$?; one_line err && grep -q "refused" err || exit 9
		[ ! -e x.db ] || exit 9
		exit $rc
	'
done

test_expect_success 'nothing changed after the refusals' '
	"$SREC" query --csv t.srec "SELECT count(*) FROM syscalls" >out &&
	printf "count(*)\r\n100\r\n" >want && test_cmp want out
'

test_expect_code 1 'an SQL error is one line and exit 1' '
	"$SREC" query t.srec "SELEC 1" >out 2>err
	rc=$?; one_line err && grep -q "^srec: query: .*syntax error" err ||
		exit 9
	exit $rc
'

test_expect_success 'the console refuses writes, goes on, exits 1' '
	printf "%s\n" "INSERT INTO syscalls(trace) VALUES (1);" \
		"DROP TABLE syscalls;" "ATTACH '\''x.db'\'' AS x;" \
		"SELECT count(*) AS n" "  FROM syscalls" \
		"  WHERE name = '\''close'\'';" \
		".mode csv" "SELECT 41 + 1 AS answer;" .quit "SELECT 666;" |
		{ "$SREC" query t.srec >out 2>err; echo $? >rc; } &&
	[ "$(cat rc)" = 1 ] &&
	[ "$(grep -c "refused: the trace database is read-only" err)" = 3 ] &&
	[ "$(wc -l <err)" = 3 ] &&
	grep -q "^ *n$" out && grep -q "^ *25$" out &&
	grep -q "^answer" out && grep -q "^42" out && ! grep -q 666 out &&
	[ ! -e x.db ]
'

test_expect_success 'a clean console script exits 0' '
	printf "SELECT 1;\n" | "$SREC" query t.srec >out
'

test_expect_success 'console dot-commands' '
	printf "%s\n" .tables ".schema summary" ".mode json" \
		"SELECT 1 AS one;" ".mode table" "SELECT 2 AS two;" |
		"$SREC" query t.srec >out &&
	grep -q "syscalls" out && grep -q "fds" out && grep -q "threads" out &&
	grep -q "CREATE VIEW summary" out &&
	grep -q "^{\"one\":1}$" out && grep -q "^two$" out
'

test_expect_code 1 'an unknown dot-command is an error' '
	printf ".frobnicate\n" | "$SREC" query t.srec >out 2>err
	rc=$?; one_line err || exit 9; exit $rc
'

test_expect_success 'a terminal gets a prompt, line editing and history' '
	# "SELECT 6*7;" typed with a mistake fixed, again with the up arrow,
	# then a line fixed with ^A, ^K and arrows.
	on_terminal query t.srec >text <<-\EOF &&
	b"SELECT 6*8\x7f7;\r"
	b"\x1b[A\r"
	b"xx\x01\x0bSELECT 5\x1b[D\x1b[D\x1b[C-\x05 AS f;\r"
	b".quit\r"
	EOF
	python3 - text <<-\EOF
	import re, sys
	text = open(sys.argv[1], newline="").read()
	assert "srec> " in text, text
	assert re.search(r"\n *42\r\n(.|\n)*\n *42\r\n", text), text
	assert re.search(r"\n *-5\r\n", text), text
	EOF
'

test_expect_success '--no-cache leaves no file' '
	rm -f t.srec.sqlite &&
	"$SREC" query --no-cache t.srec "SELECT 1" >out &&
	[ ! -e t.srec.sqlite ]
'

test_expect_success '--db writes a database sqlite3 reads' '
	"$SREC" query --db out.sqlite a=t.srec b=t.srec "SELECT 1" >out &&
	[ "$(stat -c %a out.sqlite)" = 600 ] &&
	[ "$(sqlite3 out.sqlite "SELECT trace, count(*) FROM syscalls
		GROUP BY trace ORDER BY 1")" = "a|100
b|100" ]
'

test_expect_code 2 '--db never overwrites a file srec did not make' '
	echo precious >mine.db
	"$SREC" query --db mine.db t.srec "SELECT 1" >out 2>err
	rc=$?
	one_line err && grep -q "not overwriting" err &&
		[ "$(cat mine.db)" = precious ] || exit 9
	exit $rc
'

test_expect_success 'two traces: the trace column names each' '
	"$SREC" query --csv one=t.srec two=t.srec "SELECT trace, count(*)
		FROM syscalls GROUP BY trace ORDER BY 1" >out &&
	printf "%s\r\n" "trace,count(*)" "one,100" "two,100" >want &&
	test_cmp want out
'

"$gen" big.srec 100000 || exit 1

test_expect_success 'a long load shows progress on a terminal, then erases it' '
	on_terminal query --no-cache big.srec \
		"SELECT count(*) AS n FROM syscalls" >text </dev/null &&
	grep -q "srec: loading big: " text &&
	grep -q "$(printf "\r\033\\[K")" text &&
	grep -q "400000" text
'

test_expect_code 1 'a cut trace: rows from the intact part, the damage, 1' '
	size=$(stat -c %s big.srec)
	head -c $((size / 2)) big.srec >cut.srec
	"$SREC" query --csv cut.srec "SELECT count(*) > 1000 AS some,
		count(*) < 400000 AS not_all FROM syscalls" >out 2>err
	rc=$?
	printf "some,not_all\r\n1,1\r\n" >want && test_cmp want out || exit 9
	one_line err && grep -q "^srec: cut.srec: " err || exit 9
	exit $rc
'

test_done
