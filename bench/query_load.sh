#!/bin/bash
# SPDX-License-Identifier: MIT
# query_load.sh - how long `srec query` takes to load a big trace, against
# the floor SQLite itself sets: the sqlite3 shell's .import of a CSV that
# holds the same syscall rows into an unindexed table of the same columns.
# Prints the median of RUNS runs of each and their ratio; the target is
# a ratio of at most 1.5.
#
#   bench/query_load.sh BUILD_DIR [TRACE]
#
# Without TRACE it records samples/storm 350000 (getppid, write, read:
# 1,050,000 syscalls and more), or when that fails writes a synthetic
# trace of ITER rounds of openat, read, write, close (ITER 262144:
# 1,048,576 syscalls) with bench/query_gen.  RUNS sets the runs per
# command (5).
set -eu
build=$(cd "${1:?usage: query_load.sh BUILD_DIR [TRACE]}" && pwd)
srec=$build/cli/srec
runs=${RUNS:-5}
work=$(mktemp -d /tmp/srec-query-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

trace=${2:-}
if [ -z "$trace" ]; then
	trace=$work/storm.srec
	if [ -x "$build/samples/storm" ] &&
	   "$srec" record -q -o "$trace" -- "$build/samples/storm" 350000 \
		>/dev/null 2>&1; then
		echo "trace: samples/storm 350000, recorded"
	else
		"$build/bench/query_gen" "$trace" "${ITER:-262144}"
		echo "trace: query_gen ${ITER:-262144} (synthetic)"
	fi
fi

# The rows to import: exactly what srec puts in the syscalls table.
"$srec" query --db "$work/rows.sqlite" "$trace" "SELECT 1" >/dev/null
"$srec" query --csv --db "$work/rows.sqlite" "$trace" \
	"SELECT * FROM syscalls" >"$work/rows.csv"
"$srec" query --schema | sed -n '/^CREATE TABLE syscalls/,/^);/p' \
	>"$work/table.sql"
rows=$(($(wc -l <"$work/rows.csv") - 1))
echo "syscalls: $rows; trace $(stat -c %s "$trace") bytes," \
	"CSV $(stat -c %s "$work/rows.csv") bytes"

# median_time CMD...: the median wall time of $runs runs, in seconds,
# after one warm-up run; $work/*.db* is removed before each.
median_time() {
	local i t0 t1
	for i in $(seq 0 "$runs"); do
		rm -f "$work"/*.db "$work"/*.db.tmp-*
		t0=$(date +%s%N)
		"$@" >/dev/null
		t1=$(date +%s%N)
		[ "$i" = 0 ] || echo $(((t1 - t0) / 1000))
	done | sort -n | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f\n", m / 1e6 }'
}

imp=$(median_time sqlite3 "$work/import.db" ".read $work/table.sql" \
	".import --csv --skip 1 $work/rows.csv syscalls")
load=$(median_time "$srec" query --db "$work/load.db" "$trace" "SELECT 1")
echo "median of $runs: sqlite3 .import $imp s, srec query load $load s," \
	"ratio $(awk -v a="$load" -v b="$imp" 'BEGIN { printf "%.2f", a / b }')" \
	"(target <= 1.5)"
