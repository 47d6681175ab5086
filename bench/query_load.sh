#!/bin/bash
# SPDX-License-Identifier: MIT
# query_load.sh - how long `srec query` takes to load a big trace, against
# the floor SQLite itself sets: the sqlite3 shell's .import of a CSV that
# holds the same syscall rows into an unindexed table of the same columns.
# Prints both medians (hyperfine) and their ratio; the target is <= 1.5.
#
#   bench/query_load.sh BUILD_DIR [TRACE]
#
# Without TRACE it records bench/storm (350000 iterations, about a million
# syscalls) when the recorder works, else writes a synthetic trace of a
# million syscalls with query_gen.  RUNS sets hyperfine's runs (5).
set -eu
build=$(cd "${1:?usage: query_load.sh BUILD_DIR [TRACE]}" && pwd)
srec=$build/cli/srec
work=$(mktemp -d /tmp/srec-query-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

trace=${2:-}
if [ -z "$trace" ]; then
	trace=$work/storm.srec
	if [ -x "$build/bench/storm" ] &&
	   "$srec" record -q -o "$trace" -- "$build/bench/storm" 350000 \
		>/dev/null 2>&1; then
		echo "trace: bench/storm 350000, recorded"
	else
		"$build/bench/query_gen" "$trace" 250000
		echo "trace: query_gen 250000 (synthetic)"
	fi
fi

# The rows to import: exactly what srec puts in the syscalls table.
"$srec" query --db "$work/rows.sqlite" "$trace" "SELECT 1" >/dev/null
"$srec" query --csv --db "$work/rows.sqlite" "$trace" \
	"SELECT * FROM syscalls" >"$work/rows.csv"
"$srec" query --schema | sed -n '/^CREATE TABLE syscalls/,/^);/p' \
	>"$work/table.sql"
rows=$(($(wc -l <"$work/rows.csv") - 1))
echo "syscalls: $rows, trace $(stat -c %s "$trace") bytes," \
	"CSV $(stat -c %s "$work/rows.csv") bytes"

hyperfine --style basic --warmup 1 --runs "${RUNS:-5}" \
	--export-json "$work/times.json" \
	-n "sqlite3 .import" --prepare "rm -f $work/import.db" \
	"sqlite3 $work/import.db '.read $work/table.sql' \
		'.import --csv --skip 1 $work/rows.csv syscalls'" \
	-n "srec query load" --prepare "rm -f $work/load.sqlite" \
	"$srec query --db $work/load.sqlite $trace 'SELECT 1'" >&2

python3 - "$work/times.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
imp = r["sqlite3 .import"]["median"]
load = r["srec query load"]["median"]
print(f"median: sqlite3 .import {imp:.3f} s, srec query load {load:.3f} s,"
      f" ratio {load / imp:.2f} (target <= 1.5)")
PY
