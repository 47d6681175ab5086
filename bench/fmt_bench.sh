#!/bin/sh
# SPDX-License-Identifier: MIT
# fmt_bench.sh - trace writer throughput, threaded vs inline compression:
# first flat out (compression-bound), then paced at 150000 events/s as a
# ptrace-bound tracer produces them, where what matters is how long the
# tracer (and so the tracee) stalls in append.
#   bench/fmt_bench.sh BUILD_DIR [EVENTS]
set -eu
build=${1:?usage: fmt_bench.sh BUILD_DIR [EVENTS]}
events=${2:-1000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for run in 1 2; do
	for mode in threaded inline; do
		"$build/bench/fmt_bench" "$out/t.srec" "$events" "$mode"
	done
done
for mode in threaded inline; do
	echo "paced at 150000 events/s:"
	"$build/bench/fmt_bench" "$out/t.srec" $((events / 2)) "$mode" 150000
done
