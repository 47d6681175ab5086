#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# test.sh - build srec twice and run every test: once with gcc and
# -Wall -Wextra -Werror, once with clang under AddressSanitizer +
# UndefinedBehaviorSanitizer (which also builds and runs the libFuzzer
# target).  This is what CI runs (.ci/run).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash scripts/deps.sh
jobs=$(nproc)
status=0

echo "== build (gcc, -Werror)"
cmake -S . -B build -DCMAKE_C_COMPILER=gcc -DSREC_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j"$jobs" || status=1

echo "== build (clang, ASan + UBSan, fuzz targets)"
cmake -S . -B build-asan -DCMAKE_C_COMPILER=clang -DSREC_WERROR=ON \
	-DSREC_SANITIZE=ON -DSREC_FUZZ=ON >/dev/null
cmake --build build-asan -j"$jobs"
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir build-asan --output-on-failure -j"$jobs" || status=1
exit $status
