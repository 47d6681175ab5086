#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# test.sh - build srec twice and run every test: once with -Werror, once
# under AddressSanitizer + UndefinedBehaviorSanitizer (clang, which also
# builds and runs the libFuzzer target).  This is what CI runs.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash scripts/deps.sh
jobs=$(nproc)

echo "== build (gcc, -Werror)"
cmake -S . -B build -DSREC_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build (clang, ASan + UBSan, fuzz targets)"
cmake -S . -B build-asan -DCMAKE_C_COMPILER=clang -DSREC_WERROR=ON \
	-DSREC_SANITIZE=ON -DSREC_FUZZ=ON >/dev/null
cmake --build build-asan -j"$jobs"
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir build-asan --output-on-failure -j"$jobs"
