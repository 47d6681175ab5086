# SPDX-License-Identifier: MIT
# query.sh - `srec query` end to end on recorded runs of cat: SQL errors,
# refused writes (one-shot and console), output formats, the cache, damaged
# traces, and README's three regression queries on a good and a bad run.
. "$(dirname "$0")/lib.sh"

printf 'hello\nworld\n' >in.txt
"$SREC" record -q -o good.srec -- cat in.txt >/dev/null
"$SREC" record -q -o bad.srec -- cat in.txt missing.txt >/dev/null 2>&1

test_expect_success 'a query prints a table with a header' '
	"$SREC" query good.srec "SELECT name, path FROM syscalls
		WHERE path = '\''in.txt'\''" >out &&
	head -1 out | grep -q "^name *path$" &&
	sed -n 2p out | grep -q "^-* *-*$" &&
	grep -q "^openat *in.txt$" out
'

test_expect_code 1 'an SQL error is one line and exit 1' '
	"$SREC" query good.srec "SELECT nosuch FROM syscalls" 2>err
	rc=$?; one_line err || exit 9
	grep -q "^srec: query: no such column: nosuch" err || exit 9
	exit $rc
'

for sql in "INSERT INTO syscalls(trace, seq) VALUES ('x', 1)" \
	   "DROP TABLE syscalls" "ATTACH 'x.db' AS x" \
	   "PRAGMA writable_schema=1" "SELECT load_extension('x')" \
	   "DELETE FROM t0.syscalls"; do
	test_expect_code 1 "refused: $sql" '
		"$SREC" query good.srec "$sql" >out 2>err
		rc=$?; one_line err && grep -q "refused" err || exit 9
		[ ! -e x.db ] || exit 9
		exit $rc
	'
done

test_expect_success 'the console refuses writes and goes on' '
	printf "%s\n" "INSERT INTO syscalls(trace) VALUES (1);" \
		"DROP TABLE syscalls;" "ATTACH '\''x.db'\'' AS x;" \
		"SELECT count(*) AS n" "FROM syscalls WHERE name = '\''close'\'';" \
		".mode csv" "SELECT 41 + 1 AS answer;" .quit |
		"$SREC" query good.srec >out 2>err && exit 9
	[ "$(grep -c refused err)" = 3 ] &&
	grep -q "^answer" out && grep -q "^42" out &&
	grep -q "^ *n$" out && [ ! -e x.db ]
'

test_expect_success 'the console prints dot-command output' '
	printf ".tables\n.schema summary\n" | "$SREC" query good.srec >out &&
	grep -q "syscalls" out && grep -q "fds" out &&
	grep -q "CREATE VIEW summary" out
'

test_expect_success '--csv parses as CSV' '
	"$SREC" query --csv good.srec "SELECT seq, name, args FROM syscalls" \
		>out.csv &&
	python3 -c "import csv, sys
rows = list(csv.reader(open(\"out.csv\", newline=\"\")))
assert rows[0] == [\"seq\", \"name\", \"args\"], rows[0]
assert len(rows) > 10 and all(len(r) == 3 for r in rows)
assert any(r[1] == \"openat\" and \"in.txt\" in r[2] for r in rows)"
'

test_expect_success '--json is one object per line for jq' '
	"$SREC" query --json good.srec "SELECT seq, name, path, ret
		FROM syscalls" >out.json &&
	jq -e "select(.name == \"openat\" and .path == \"in.txt\") | .ret >= 0" \
		out.json | grep -q true &&
	[ "$(jq -s length out.json)" = "$(wc -l <out.json)" ]
'

test_expect_success '--schema prints schemas/query.sql as it is' '
	"$SREC" query --schema >schema.sql &&
	cmp schema.sql "$SRCDIR/schemas/query.sql"
'

test_expect_success 'a second query uses the cache' '
	"$SREC" query good.srec "SELECT 1" >/dev/null &&
	before=$(stat -c %Y.%i good.srec.sqlite) && sleep 1 &&
	"$SREC" query good.srec "SELECT 1" >/dev/null &&
	[ "$(stat -c %Y.%i good.srec.sqlite)" = "$before" ]
'

test_expect_success 'processes record the exit codes' '
	"$SREC" query --csv good=good.srec bad=bad.srec "SELECT trace,
		exit_code FROM processes ORDER BY trace" >out &&
	printf "trace,exit_code\r\nbad,1\r\ngood,0\r\n" >want &&
	test_cmp want out
'

# README's three queries, as query/README_QUERIES.md writes them.
readme_query() {
	awk -v n="$1" '/^```sql/ { p = ++i == n; next } /^```/ { p = 0 }
		p { print }' "$SRCDIR/query/README_QUERIES.md"
}

test_expect_success 'README: the first call only the bad run failed' '
	"$SREC" query --csv good=good.srec bad=bad.srec "$(readme_query 1)" \
		>out &&
	[ "$(wc -l <out)" = 2 ] &&
	sed -n 2p out | grep -q ",openat,missing.txt,ENOENT,"
'

test_expect_success 'README: files only the bad run touched' '
	"$SREC" query --csv good=good.srec bad=bad.srec "$(readme_query 2)" \
		>out &&
	# Then, with some locales, where the error message was looked for.
	printf "path,how,ok,failed,errnos\r\nmissing.txt,open,0,1,ENOENT\r\n" \
		>want &&
	head -2 out >first && test_cmp want first &&
	! grep -q "^in.txt," out
'

test_expect_success 'README: syscalls whose count changed most' '
	"$SREC" query --csv good=good.srec bad=bad.srec "$(readme_query 3)" \
		>out &&
	# openat (missing.txt) and write (the message) grew; close did not.
	tr -d "\015" <out >out.txt &&
	sed -n 2,3p out.txt | grep -q "^openat,[0-9]*,[0-9]*,[1-9][0-9]*$" &&
	sed -n 2,3p out.txt | grep -q "^write,1,[2-9][0-9]*,[1-9][0-9]*$" &&
	grep -q "^close,\([0-9]*\),\1,0$" out.txt
'

test_expect_code 2 'two traces of the same name are refused' '
	"$SREC" query good.srec good=bad.srec "SELECT 1" 2>err
	rc=$?; one_line err || exit 9; exit $rc
'

test_expect_code 2 'a missing trace is exit 2' '
	"$SREC" query nosuch.srec "SELECT 1" 2>err
	rc=$?; one_line err || exit 9; exit $rc
'

test_expect_code 2 'a file that is not a trace is exit 2' '
	"$SREC" query in.txt "SELECT 1" 2>err
	rc=$?; one_line err || exit 9; exit $rc
'

test_expect_code 1 'a cut trace: rows, then the damage, exit 1' '
	size=$(stat -c %s good.srec)
	head -c $((size * 2 / 3)) good.srec >cut.srec
	"$SREC" query --csv cut.srec "SELECT count(*) >= 0 AS some
		FROM syscalls" >out 2>err
	rc=$?
	printf "some\r\n1\r\n" >want && test_cmp want out || exit 9
	one_line err && grep -q "^srec: cut.srec: " err || exit 9
	exit $rc
'

test_done
