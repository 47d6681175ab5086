#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# demo.sh - the main job, end to end: build srec, record a small shell
# pipeline that reads the clock, random bytes and a file, change the world
# (delete the file, let the clock move on), replay the recording (same
# output), and ask the trace questions in SQL.  Run from anywhere; as root
# on a fresh Debian 12 it installs what it needs first.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash scripts/deps.sh

cmake -S . -B build-demo -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-demo -j"$(nproc)" >/dev/null
srec=$top/build-demo/cli/srec
prog='date +%s.%N; od -An -tx1 -N8 /dev/urandom; cat input.txt'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
echo "a file the program reads" >input.txt

echo "== srec record -- sh -c '$prog'"
"$srec" record -o demo.srec -- sh -c "$prog"
echo
echo "== srec info demo.srec"
"$srec" info demo.srec
echo
echo "== srec dump demo.srec (the first lines)"
"$srec" dump demo.srec >dump.txt
head -n 12 dump.txt
echo
rm input.txt
echo "== input.txt deleted; srec replay demo.srec (same clock, same random, same file)"
"$srec" replay demo.srec
echo
echo "== srec query: the slowest syscalls, and what failed"
"$srec" query demo.srec \
	"SELECT name, calls, errors, total_ns FROM summary ORDER BY total_ns DESC LIMIT 5"
"$srec" query demo.srec \
	"SELECT seq, name, path, errno FROM syscalls WHERE errno IS NOT NULL LIMIT 5"
