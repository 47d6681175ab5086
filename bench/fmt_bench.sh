#!/bin/sh
# SPDX-License-Identifier: MIT
# fmt_bench.sh - trace writer throughput, threaded vs inline compression.
#   bench/fmt_bench.sh BUILD_DIR [EVENTS]
# Each mode runs three times; the output lines are fmt_bench's.
set -eu
build=${1:?usage: fmt_bench.sh BUILD_DIR [EVENTS]}
events=${2:-1000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for run in 1 2 3; do
	for mode in threaded inline; do
		"$build/bench/fmt_bench" "$out/t.srec" "$events" "$mode"
	done
done
