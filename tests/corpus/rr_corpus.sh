#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# rr_corpus.sh - record and replay rr's own test programs with srec.
#
#   tests/corpus/rr_corpus.sh RR_SRC SREC [OUT]
#
# RR_SRC is a checkout of the rr repository (github rr-debugger/rr; srec
# never ships or commits any of it), SREC the srec binary, OUT a scratch
# directory (default /tmp/srec-rr-corpus).  Every program of rr's
# BASIC_TESTS list (CMakeLists.txt) is compiled from src/test/NAME.c as
# rr's build does, then run natively, recorded and replayed, each with a
# time limit.  A program counts when it succeeds natively (exit 0).  Each
# gets one class:
#   pass            record and replay succeed, replay's stdout == record's
#   record-fails    srec record exits non-zero (PROG's status differs)
#   record-hang     srec record did not end within RECORD_TIMEOUT
#   replay-diverges srec replay reported a divergence
#   replay-stalls   srec replay reported a stall, or did not end in time
#   output-differs  replay ended but its stdout is not record's
# and, not counted: build-fails, native-fails.  A tracee left stopped
# after srec ended is reported (and killed).  Results: OUT/results.tsv
# (name, class, first line of srec's report); the summary goes to stdout.
#
# Environment: JOBS (parallel programs, default 1), ONLY (a grep -E
# regex of names), NATIVE_TIMEOUT (20 s), RECORD_TIMEOUT (60 s),
# REPLAY_TIMEOUT (60 s), KEEP=1 keeps the traces.
set -u

if [ $# -lt 2 ] || [ ! -f "$1/src/test/util.h" ] || [ ! -x "$2" ]; then
	echo "usage: $0 RR_SRC SREC [OUT]  (RR_SRC: an rr checkout)" >&2
	exit 2
fi
RR=$(cd "$1" && pwd)
SREC=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
OUT=${3:-/tmp/srec-rr-corpus}
JOBS=${JOBS:-1}
export RR SREC OUT
export NATIVE_TIMEOUT=${NATIVE_TIMEOUT:-20}
export RECORD_TIMEOUT=${RECORD_TIMEOUT:-60}
export REPLAY_TIMEOUT=${REPLAY_TIMEOUT:-60}
export KEEP=${KEEP:-0}
mkdir -p "$OUT/bin" "$OUT/work" "$OUT/res" "$OUT/gen" || exit 1
# The syscall numbers rr's tests include, made by rr's own generator.
if [ ! -s "$OUT/gen/SyscallEnumsForTestsX64.generated" ] &&
	! python3 "$RR/src/generate_syscalls.py" \
		"$OUT/gen/SyscallEnumsForTestsX64.generated"; then
	echo "$0: $RR/src/generate_syscalls.py failed" >&2
	exit 1
fi

# The BASIC_TESTS list, plus the ones rr adds when the headers exist.
tests() {
	awk '/^set\(BASIC_TESTS$/ { f = 1; next }
	     f && /^ *\)/ { f = 0 }
	     f && NF { print $1 }' "$RR/CMakeLists.txt"
	echo mq
	echo fanotify
	echo robust_futex
}

# stopped_under DIR: kill (and name) processes stopped with cwd in DIR.
stopped_under() {
	local p st cwd found=
	for p in /proc/[0-9]*; do
		st=$(awk '/^State:/ { print $2 }' "$p/status" 2>/dev/null)
		[ "$st" = T ] || [ "$st" = t ] || continue
		cwd=$(readlink "$p/cwd" 2>/dev/null) || continue
		case "$cwd" in "$1"*)
			found="$found ${p#/proc/}"
			kill -9 "${p#/proc/}" 2>/dev/null ;;
		esac
	done
	echo "$found"
}

# first_report FILE: srec's first line on stderr, tabs squeezed.
first_report() {
	grep -m1 '^srec: ' "$1" 2>/dev/null | tr '\t' ' ' | cut -c1-200
}

run_one() {
	local test=$1 name=${1##*/} w bin rc cls detail left
	w=$OUT/work/$name
	bin=$OUT/bin/$name
	rm -rf "$w" && mkdir -p "$w/native" "$w/rec" "$w/rpl"
	result() {
		printf '%s\t%s\t%s\n' "$name" "$1" "$2" >"$OUT/res/$name"
		[ "$KEEP" = 1 ] || rm -rf "$w"
	}
	# As rr's CMakeLists.txt builds them (RR_TEST_FLAGS: -g -O0).
	if ! cc -std=gnu11 -D_FILE_OFFSET_BITS=64 -pthread -g -O0 -w \
		-I"$OUT/gen" -I"$RR/include" -I"$RR/src/preload" -I"$RR/src/test" \
		-o "$bin" "$RR/src/test/$test.c" -lrt -ldl -lm \
		>"$w/build.log" 2>&1; then
		result build-fails "$(grep -m1 error "$w/build.log" | cut -c1-160)"
		return
	fi
	# (The braces keep bash's "Aborted" notices out of the summary.)
	{ (cd "$w/native" && timeout -k 5 "$NATIVE_TIMEOUT" "$bin" \
		>out 2>err </dev/null); } 2>/dev/null
	rc=$?
	if [ $rc != 0 ]; then
		result native-fails "exit $rc"
		return
	fi
	(cd "$w/rec" && timeout -k 5 "$RECORD_TIMEOUT" "$SREC" record -q \
		-o "$w/t.srec" -- "$bin" >out 2>err </dev/null)
	rc=$?
	left=$(stopped_under "$w")
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		cls=record-hang detail="no end in ${RECORD_TIMEOUT}s"
	elif [ $rc != 0 ]; then
		cls=record-fails
		detail="exit $rc: $(first_report "$w/rec/err")"
		[ -n "$detail" ] || detail="exit $rc: $(head -c 150 "$w/rec/err" | tr '\n\t' '  ')"
	else
		(cd "$w/rpl" && timeout -k 5 "$REPLAY_TIMEOUT" "$SREC" replay \
			"$w/t.srec" >out 2>err </dev/null)
		rc=$?
		left="$left$(stopped_under "$w")"
		detail=$(first_report "$w/rpl/err")
		if [ $rc = 124 ] || [ $rc = 137 ]; then
			cls=replay-stalls detail="no end in ${REPLAY_TIMEOUT}s"
		elif [ $rc != 0 ] && grep -q "replay stalled" "$w/rpl/err"; then
			cls=replay-stalls
		elif [ $rc != 0 ]; then
			cls=replay-diverges
		elif ! cmp -s "$w/rec/out" "$w/rpl/out"; then
			cls=output-differs detail=
		else
			cls=pass detail=
		fi
	fi
	[ -z "${left// /}" ] || detail="$detail [left stopped:$left]"
	result "$cls" "$detail"
}
export -f run_one stopped_under first_report

rm -f "$OUT"/res/*
if [ -n "${ONLY:-}" ]; then
	tests | grep -E "$ONLY"
else
	tests
fi | xargs -P "$JOBS" -I{} bash -c 'run_one "$1"' _ {}

cat "$OUT"/res/* | sort >"$OUT/results.tsv"
awk -F'\t' '
	{ n[$2]++ }
	$2 != "build-fails" && $2 != "native-fails" { counted++ }
	index($3, "left stopped") { stopped++ }
	END {
		printf "rr test programs: %d listed, %d build, %d succeed natively\n",
			NR, NR - n["build-fails"], counted
		printf "| class | programs | share of native successes |\n"
		printf "| --- | ---: | ---: |\n"
		split("pass record-fails record-hang replay-diverges replay-stalls output-differs", k, " ")
		for (i = 1; i <= 6; i++)
			printf "| %s | %d | %.1f%% |\n", k[i], n[k[i]],
				counted ? 100 * n[k[i]] / counted : 0
		printf "(not counted: %d build-fails, %d native-fails; %d left a tracee stopped)\n",
			n["build-fails"], n["native-fails"], stopped
	}' "$OUT/results.tsv"
