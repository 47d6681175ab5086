#!/bin/bash
# SPDX-License-Identifier: MIT
# record_bench.sh - what recording costs.  For each workload, side by
# side in one run: the program alone, under `strace -f -qq -o /dev/null`,
# under the bare ptrace loop (ptrace_floor: PTRACE_SYSCALL + waitpid +
# PTRACE_GET_SYSCALL_INFO, nothing else), under `srec record -q`, and
# `srec replay` of that recording when replay works.  srec binds itself
# and a single-threaded PROG to one CPU (recorder/rec.c), so strace and
# the floor are also timed under `taskset -c CPU` ("1cpu" columns): the
# fair comparison for the ptrace work itself.  "mem-1cpu" is the floor
# that also copies out every buffer srec keeps, as srec reads them
# (ptrace_floor -m), under taskset: srec's ratio to it is the cost of
# srec's own work (encoding, compression, bookkeeping).  Prints median
# wall times,
# srec's ratios to each (and replay's to record), and the trace's size
# per syscall against strace's text output (default -s 32, and -s 65536
# -xx, which like srec holds every buffer).
#
#   bench/record_bench.sh BUILD_DIR
#
# Workloads: storm (samples/storm, STORM_N iterations of getppid + 64-byte
# write + 64-byte read, 100000) and `tar cf - TAR_DIR` (/usr/include)
# piped to cat outside the measurement.  RUNS runs per command after
# WARMUP ones (storm STORM_RUNS=10, tar TAR_RUNS=10, WARMUP=2); hyperfine
# when installed, else medians of a timed loop.  CPU: the CPU of the 1cpu
# columns (0).
set -eu
build=$(cd "${1:?usage: record_bench.sh BUILD_DIR}" && pwd)
srec=$build/cli/srec
storm=$build/samples/storm
floor=$build/bench/ptrace_floor
storm_n=${STORM_N:-100000}
tar_dir=${TAR_DIR:-/usr/include}
warmup=${WARMUP:-2}
one_cpu="taskset -c ${CPU:-0}"
command -v taskset >/dev/null ||
	{ echo "record_bench: no taskset" >&2; exit 2; }
for f in "$srec" "$storm" "$floor"; do
	[ -x "$f" ] || { echo "record_bench: $f not built" >&2; exit 2; }
done
command -v strace >/dev/null || { echo "record_bench: no strace" >&2; exit 2; }
work=$(mktemp -d /tmp/srec-record-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# median_time RUNS CMD: median wall seconds of RUNS runs of `sh -c CMD`.
median_time() {
	local runs=$1 cmd=$2 i t0 t1
	if command -v hyperfine >/dev/null; then
		hyperfine --warmup "$warmup" --runs "$runs" --style none \
			--export-json "$work/h.json" "$cmd" >/dev/null 2>&1 ||
			{ echo nan; return; }
		python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.4f" % r["median"])' "$work/h.json"
		return
	fi
	for i in $(seq "$warmup"); do
		sh -c "$cmd" >/dev/null 2>&1 || true
	done
	for i in $(seq "$runs"); do
		t0=$(date +%s%N)
		sh -c "$cmd" >/dev/null 2>&1 || { echo nan; return; }
		t1=$(date +%s%N)
		echo $((t1 - t0))
	done | python3 -c 'import statistics, sys
v = [int(l) for l in sys.stdin]
print("%.4f" % (statistics.median(v) / 1e9) if v else "nan")'
}

# Does replay work on a trivial trace?  Then it gets a column.
replay_ok=no
if "$srec" record -q -o "$work/probe.srec" -- true 2>/dev/null &&
   "$srec" replay "$work/probe.srec" >/dev/null 2>&1; then
	replay_ok=yes
fi

# bench NAME RUNS PROG... [| SINK]: one row of each table.
results=$work/results
: >"$results"
bench() {
	local name=$1 runs=$2 cmd=$3 sink=$4 trace=$work/$1.srec n
	local t_native t_strace t_strace1 t_floor t_floor1 t_mem1 t_srec t_k
	local t_replay=nan
	t_native=$(median_time "$runs" "$cmd $sink")
	t_strace=$(median_time "$runs" "strace -f -qq -o /dev/null $cmd $sink")
	t_strace1=$(median_time "$runs" \
		"$one_cpu strace -f -qq -o /dev/null $cmd $sink")
	t_floor=$(median_time "$runs" "$floor $cmd $sink")
	t_floor1=$(median_time "$runs" "$one_cpu $floor $cmd $sink")
	t_mem1=$(median_time "$runs" "$one_cpu $floor -m $cmd $sink")
	t_srec=$(median_time "$runs" "$srec record -q -o $trace -- $cmd $sink")
	# record -k: the same plus 8 KiB of stack per call (its own trace,
	# whose size is the last column).
	t_k=$(median_time "$runs" \
		"$srec record -q -k -o $trace.k -- $cmd $sink")
	rm -f "$trace.old" "$trace.k.old"
	if [ $replay_ok = yes ]; then
		t_replay=$(median_time "$runs" "$srec replay $trace $sink")
	fi
	# Sizes, from one more run of each.
	sh -c "PTRACE_FLOOR_COUNT=$work/count $floor $cmd $sink" >/dev/null
	n=$(cat "$work/count")
	# strace's text goes through fd 3 into wc: never on disk.
	s32=$(sh -c "strace -f -qq -o /dev/fd/3 $cmd $sink" 3>&1 \
	      >/dev/null 2>&1 | wc -c)
	sfull=$(sh -c "strace -f -qq -s 65536 -xx -o /dev/fd/3 $cmd $sink" \
		3>&1 >/dev/null 2>&1 | wc -c)
	echo "$name $t_native $t_strace $t_floor $t_srec $t_replay ${n:-0}" \
	     "$(stat -c %s "$trace") $s32 $sfull $t_strace1 $t_floor1" \
	     "$t_mem1 $t_k $(stat -c %s "$trace.k")" \
	     >>"$results"
}

echo "record_bench: $(date -u +%F), $(nproc) cpus" \
     "($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1))," \
     "$(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg), hyperfine:" \
     "$(command -v hyperfine >/dev/null && echo yes || echo no)," \
     "warmup $warmup, replay column: $replay_ok" >&2
bench storm "${STORM_RUNS:-10}" "$storm $storm_n" ">/dev/null"
bench tar "${TAR_RUNS:-10}" "tar cf - $tar_dir" "2>/dev/null | cat >/dev/null"

python3 - "$results" "$replay_ok" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
replay = sys.argv[2] == "yes"

def f(x):
    return float(x)

def ratio(a, b):
    return "%.2f" % (f(a) / f(b)) if f(b) > 0 else "-"

print("Wall time, median seconds (ratios: srec record over the others;")
print("1cpu: under taskset -c CPU, as srec binds itself; mem: the floor")
print("with srec's memory copies)")
head = ["workload", "native", "strace", "strace-1cpu", "floor",
        "floor-1cpu", "mem-1cpu", "srec"] + (["replay"] if replay else [])
print("  ".join("%-11s" % h for h in head))
for r in rows:
    name, nat, st, fl, sr, rp = r[:6]
    st1, fl1, mem1 = r[10:13]
    cells = [name, nat, st, st1, fl, fl1, mem1, sr] + \
        ([rp] if replay else [])
    print("  ".join("%-11s" % c for c in cells))
print()
head = ["workload", "srec/native", "srec/strace", "srec/strace1",
        "srec/floor", "srec/floor1", "srec/mem1"] + \
    (["replay/srec"] if replay else [])
print("  ".join("%-12s" % h for h in head))
for r in rows:
    name, nat, st, fl, sr, rp = r[:6]
    st1, fl1, mem1 = r[10:13]
    print("  ".join("%-12s" % c for c in
                    [name, ratio(sr, nat), ratio(sr, st), ratio(sr, st1),
                     ratio(sr, fl), ratio(sr, fl1), ratio(sr, mem1)] +
                    ([ratio(rp, sr)] if replay else [])))
print()
print("Size: srec trace against strace -o text (bytes, bytes per syscall)")
head = ["workload", "syscalls", "srec", "B/call", "strace-s32", "B/call",
        "strace-full", "B/call", "full/srec"]
print("  ".join("%-11s" % h for h in head))
for r in rows:
    name, n, tr, s32, sfull = r[0], int(r[6]), int(r[7]), int(r[8]), \
        int(r[9])
    per = lambda b: "%.1f" % (b / n) if n else "-"
    print("  ".join("%-11s" % c for c in
                    [name, n, tr, per(tr), s32, per(s32), sfull, per(sfull),
                     "%.1f" % (sfull / tr) if tr else "-"]))
print()
print("record -k (8 KiB of user stack per call) against plain record")
head = ["workload", "srec", "srec-k", "k/srec", "size", "size-k",
        "size k/srec"]
print("  ".join("%-11s" % h for h in head))
for r in rows:
    sr, tk, tr, trk = r[4], r[13], int(r[7]), int(r[14])
    print("  ".join("%-11s" % c for c in
                    [r[0], sr, tk, ratio(tk, sr), tr, trk,
                     "%.2f" % (trk / tr) if tr else "-"]))
PY
