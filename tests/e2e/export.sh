# SPDX-License-Identifier: MIT
# export.sh - `srec export`: the Perfetto trace-event JSON parses and has
# one named track per recorded thread, one slice per syscall (the rows of
# srec query's syscalls table), one flow per clone reaching the child's
# thread and one per exec, signal instants and replay-report markers;
# csv and jsonl carry exactly the syscalls table; bad input gives one line.
. "$SRCDIR/tests/e2e/lib.sh"

"$SREC" record -q -o th.srec -- "$SAMPLES/threads" 4 20 >/dev/null &&
"$SREC" record -q -o fe.srec -- "$SAMPLES/fork_exec" >/dev/null ||
	{ echo "recording the samples failed"; exit 1; }

# check_perfetto JSON TRACE: the structural checks against srec query.
check_perfetto() {
	"$SREC" query --json "$2" "SELECT pid, tid FROM threads" >threads.jl &&
	"$SREC" query --json "$2" "SELECT seq, pid, tid, name, dur_ns \
		FROM syscalls" >syscalls.jl &&
	"$SREC" query --json "$2" "SELECT seq, tid, child_tid FROM clones" \
		>clones.jl &&
	"$SREC" query --json "$2" "SELECT seq, pid FROM execs" >execs.jl &&
	"$SREC" query --json "$2" "SELECT seq, tid, name FROM signals" \
		>signals.jl &&
	python3 - "$1" <<-'EOF'
	import json, sys
	def rows(f):
	    return [json.loads(l) for l in open(f)]
	ev = json.load(open(sys.argv[1]))["traceEvents"]
	threads = rows("threads.jl")
	names = {(e["pid"], e["tid"]): e["args"]["name"] for e in ev
	         if e["ph"] == "M" and e["name"] == "thread_name"}
	want = {(t["pid"], t["tid"]) for t in threads}
	assert set(names) == want, (sorted(names), sorted(want))
	assert len(names) == len(threads), "one track per thread"
	for (pid, tid), n in names.items():
	    assert n.endswith(" %d" % tid) and len(n) > len(str(tid)) + 1, n
	procs = {e["pid"] for e in ev
	         if e["ph"] == "M" and e["name"] == "process_name"}
	assert procs == {p for p, _ in want}, procs
	# One X slice per syscall, the same calls on the same threads.
	sl = [e for e in ev if e["ph"] == "X"]
	calls = rows("syscalls.jl")
	assert len(sl) == len(calls), (len(sl), len(calls))
	got = sorted((e["args"]["seq"], e["pid"], e["tid"], e["name"])
	             for e in sl)
	exp = sorted((c["seq"], c["pid"], c["tid"], c["name"]) for c in calls)
	assert got == exp, "slices differ from the syscalls table"
	for e in sl:
	    assert e["ts"] >= 0 and e["dur"] >= 0, e
	    assert "result" in e["args"] or e["args"].get("no_return"), e
	durs = {c["seq"]: c["dur_ns"] or 0 for c in calls}
	for e in sl:
	    assert abs(e["dur"] * 1000 - durs[e["args"]["seq"]]) < 1, e
	# Flows: an s and an f per clone and per exec, f on the child.
	s = {e["id"]: e for e in ev if e["ph"] == "s"}
	f = {e["id"]: e for e in ev if e["ph"] == "f"}
	assert set(s) == set(f), (sorted(s), sorted(f))
	clones = rows("clones.jl")
	execs = rows("execs.jl")
	for c in clones:
	    assert c["seq"] in s, ("no flow for clone", c)
	    assert s[c["seq"]]["tid"] == c["tid"], (s[c["seq"]], c)
	    assert f[c["seq"]]["tid"] == c["child_tid"], (f[c["seq"]], c)
	for x in execs:
	    assert x["seq"] in s and s[x["seq"]]["name"] == "exec", x
	    assert f[x["seq"]]["pid"] == x["pid"], (f[x["seq"]], x)
	assert len(s) == len(clones) + len(execs), (len(s), clones, execs)
	# Each flow end lies inside a slice of its thread (bp "e" binds it).
	by_tid = {}
	for e in sl:
	    by_tid.setdefault(e["tid"], []).append((e["ts"], e["ts"] + e["dur"]))
	for e in list(s.values()) + list(f.values()):
	    assert any(a <= e["ts"] <= b for a, b in by_tid[e["tid"]]), e
	sig = rows("signals.jl")
	inst = [e for e in ev if e["ph"] == "i" and e["cat"] == "signal"]
	assert sorted((e["args"]["seq"], e["tid"], e["name"]) for e in inst) \
	    == sorted((x["seq"], x["tid"], x["name"]) for x in sig), inst
	print("slices %d threads %d flows %d signals %d" %
	      (len(sl), len(names), len(s), len(inst)))
	EOF
}

test_expect_success 'perfetto: threads sample, a track per thread' '
	"$SREC" export --format perfetto th.srec -o th.json 2>err &&
	test ! -s err &&
	python3 -m json.tool th.json >/dev/null &&
	check_perfetto th.json th.srec >res && cat res &&
	grep -q "threads 5 flows 5 " res
'

test_expect_success 'perfetto: fork_exec sample, flows and signals' '
	"$SREC" export --format perfetto fe.srec >fe.json &&
	check_perfetto fe.json fe.srec >res && cat res &&
	n=$("$SREC" query --csv fe.srec "SELECT count(*) FROM clones" |
		tail -n 1 | tr -d "\r") &&
	test "$n" -ge 2 && grep -q "signals [1-9]" res
'

test_expect_success 'perfetto: the output is 0600' '
	test "$(stat -c %a th.json)" = 600
'

test_expect_success 'perfetto: --replay-report marks the divergence' '
	"$SREC" record -q -o echo.srec -- /bin/echo hi >/dev/null &&
	{ "$SREC" replay --exe /bin/true echo.srec >/dev/null 2>report;
	  test $? = 1; } &&
	seq=$(sed -n "s/^srec: replay diverged at event #\([0-9]*\).*/\1/p" \
		report) && test -n "$seq" &&
	"$SREC" export --format perfetto --replay-report report echo.srec \
		-o echo.json &&
	python3 - "$seq" <<-EOF
	import json, sys
	ev = json.load(open("echo.json"))["traceEvents"]
	m = [e for e in ev if e.get("cat") == "replay"]
	assert len(m) == 1, m
	m = m[0]
	assert m["ph"] == "i" and m["s"] == "g", m
	assert m["args"]["seq"] == int(sys.argv[1]), m
	assert m["name"] == "replay diverged at event #" + sys.argv[1], m
	assert "difference: " in m["args"]["detail"], m
	EOF
'

test_expect_success 'perfetto: a report without divergence adds no mark' '
	"$SREC" replay echo.srec >/dev/null 2>good &&
	"$SREC" export --format perfetto --replay-report good echo.srec \
		>e2.json &&
	! grep -q "\"cat\":\"replay\"" e2.json
'

test_expect_success 'csv: the rows and columns of the syscalls table' '
	"$SREC" export --format csv th.srec -o th.csv &&
	"$SREC" query --csv th.srec "SELECT * FROM syscalls ORDER BY seq" \
		>q.csv &&
	test_cmp q.csv th.csv &&
	python3 -c "
import csv, sys
r = list(csv.DictReader(open(\"th.csv\")))
n = int(sys.argv[1])
assert len(r) == n, (len(r), n)
assert \"dur_ns\" in r[0] and \"args\" in r[0]
" "$("$SREC" query --csv th.srec "SELECT count(*) FROM syscalls" |
	tail -n 1)"
'

test_expect_success 'jsonl: one object per syscall' '
	"$SREC" export --format jsonl fe.srec >fe.jsonl &&
	"$SREC" query --json fe.srec "SELECT * FROM syscalls ORDER BY seq" \
		>q.jsonl &&
	test_cmp q.jsonl fe.jsonl &&
	n=$("$SREC" query --csv fe.srec "SELECT count(*) FROM syscalls" |
		tail -n 1) &&
	python3 -c "
import json, sys
r = [json.loads(l) for l in open(\"fe.jsonl\")]
assert len(r) == int(sys.argv[1]), len(r)
assert all(\"seq\" in x and \"name\" in x for x in r)
" "$n"
'

test_expect_code 2 'bad format: one line' '
	"$SREC" export --format xml th.srec >out 2>err; rc=$?
	cat err; one_line err && grep -q "unknown format .xml." err &&
	test ! -s out && exit $rc
'

test_expect_code 2 'no format: one line' '
	"$SREC" export th.srec 2>err; rc=$?
	cat err; one_line err && exit $rc
'

test_expect_code 2 'unwritable -o: one line' '
	"$SREC" export --format csv th.srec -o nodir/x.csv 2>err; rc=$?
	cat err; one_line err && grep -q "nodir/x.csv" err && exit $rc
'

test_expect_code 2 'full output: one line' '
	"$SREC" export --format perfetto th.srec >/dev/full 2>err; rc=$?
	cat err; one_line err && grep -q "No space left" err && exit $rc
'

test_expect_code 2 'not a trace: one line' '
	echo hello >bad.srec &&
	"$SREC" export --format jsonl bad.srec 2>err; rc=$?
	cat err; one_line err && grep -q "bad.srec" err && exit $rc
'

test_expect_code 2 'missing replay report: one line' '
	"$SREC" export --format perfetto --replay-report none th.srec \
		>/dev/null 2>err; rc=$?
	cat err; one_line err && grep -q "none" err && exit $rc
'

test_done
