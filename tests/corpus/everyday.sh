#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# everyday.sh - record and replay the everyday programs of everyday.list.
#
#   tests/corpus/everyday.sh SREC [OUT]
#
# Each command runs natively, recorded and replayed (time limits
# NATIVE_TIMEOUT 30 s, RECORD_TIMEOUT 120 s, REPLAY_TIMEOUT 120 s), in a
# fresh copy of the same inputs, and gets one class as rr_corpus.sh does:
# pass, record-fails (exit status differs from native), record-hang,
# replay-diverges, replay-stalls, output-differs; `missing` when its
# program is not installed, native-fails when it fails natively.  A
# tracee left stopped is reported and killed.  OUT/results.tsv has one
# line per command; the summary goes to stdout.  ONLY (a grep -E regex)
# picks commands.  Exit status: 0 when every command that ran natively
# passed, or failed only as KNOWN (a grep -E regex of names) allows.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 SREC [OUT]" >&2
	exit 2
fi
SREC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
OUT=${2:-/tmp/srec-everyday}
NATIVE_TIMEOUT=${NATIVE_TIMEOUT:-30}
RECORD_TIMEOUT=${RECORD_TIMEOUT:-120}
REPLAY_TIMEOUT=${REPLAY_TIMEOUT:-120}
KNOWN=${KNOWN:-^$}
rm -rf "$OUT" && mkdir -p "$OUT/in" || exit 1

# The inputs every command starts from.
make_inputs() {
	local d=$1
	mkdir -p "$d/tree/sub" "$d/mk" &&
	seq 1 20000 >"$d/data.txt" &&
	seq 1 60000 | sed 's/$/ some text to compress/' >"$d/big.txt" &&
	printf '%s\n' pear apple fig apple kiwi pear apple >"$d/words.txt" &&
	printf '#include <stdio.h>\nint main(void){puts("hello from cc");return 0;}\n' >"$d/t.c" &&
	cp "$d/t.c" "$d/mk/t.c" &&
	printf 'all: prog\n\t./prog\nprog: t.c\n\tcc -o prog t.c\n' >"$d/mk/Makefile" &&
	echo one >"$d/tree/a" && echo two >"$d/tree/sub/b" &&
	touch -d 2020-01-01 "$d/tree/a" "$d/tree/sub/b" "$d/tree/sub" "$d/tree" &&
	git init -q "$d/repo" &&
	echo x >"$d/repo/f" &&
	git -C "$d/repo" add f &&
	GIT_AUTHOR_DATE=2020-01-01T00:00:00Z GIT_COMMITTER_DATE=2020-01-01T00:00:00Z \
	git -C "$d/repo" -c user.name=srec -c user.email=srec@localhost \
		commit -q -m "first commit"
}
make_inputs "$OUT/in" || { echo "$0: cannot make the inputs" >&2; exit 1; }

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

run_one() {
	local name=$1 cmd=$2 w=$OUT/$1 rc nrc cls detail left prog
	prog=${cmd%% *}
	if ! command -v "$prog" >/dev/null; then
		printf '%s\tmissing\t%s not installed\n' "$name" "$prog"
		return
	fi
	for d in native rec rpl; do cp -a "$OUT/in" "$w/$d" 2>/dev/null ||
		{ mkdir -p "$w" && cp -a "$OUT/in" "$w/$d"; }; done
	{ (cd "$w/native" && timeout -k 5 "$NATIVE_TIMEOUT" sh -c "$cmd" \
		>../native.out 2>../native.err </dev/null); } 2>/dev/null
	nrc=$?
	if [ $nrc != 0 ]; then
		printf '%s\tnative-fails\texit %s\n' "$name" "$nrc"
		return
	fi
	(cd "$w/rec" && timeout -k 5 "$RECORD_TIMEOUT" "$SREC" record -q \
		-o "$w/t.srec" -- sh -c "$cmd" >../rec.out 2>../rec.err </dev/null)
	rc=$?
	left=$(stopped_under "$w")
	detail=
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		cls=record-hang detail="no end in ${RECORD_TIMEOUT}s"
	elif [ $rc != $nrc ]; then
		cls=record-fails
		detail="exit $rc: $(grep -m1 . "$w/rec.err" | cut -c1-150)"
	else
		# Replay runs where the recording ran, on the recorded world.
		(cd "$w/rec" && timeout -k 5 "$REPLAY_TIMEOUT" "$SREC" replay \
			"$w/t.srec" >../rpl.out 2>../rpl.err </dev/null)
		rc=$?
		left="$left$(stopped_under "$w")"
		detail=$(grep -m1 '^srec: ' "$w/rpl.err" | cut -c1-150)
		if [ $rc = 124 ] || [ $rc = 137 ]; then
			cls=replay-stalls detail="no end in ${REPLAY_TIMEOUT}s"
		elif [ $rc != 0 ] && grep -q "replay stalled" "$w/rpl.err"; then
			cls=replay-stalls
		elif [ $rc != 0 ]; then
			cls=replay-diverges
		elif ! cmp -s "$w/rec.out" "$w/rpl.out"; then
			cls=output-differs detail=
		else
			cls=pass detail=
		fi
	fi
	[ -z "${left// /}" ] || detail="$detail [left stopped:$left]"
	printf '%s\t%s\t%s\n' "$name" "$cls" "$detail"
}

grep -v '^#' "$here/everyday.list" | grep . |
	{ if [ -n "${ONLY:-}" ]; then grep -E "^(${ONLY})	"; else cat; fi; } |
	while IFS='	' read -r name cmd; do
		run_one "$name" "$cmd"
	done >"$OUT/results.tsv"
cat "$OUT/results.tsv"
awk -F'\t' -v known="$KNOWN" '
	{ n[$2]++ }
	$2 != "missing" && $2 != "native-fails" { ran++ }
	$2 != "missing" && $2 != "native-fails" && $2 != "pass" &&
		$1 !~ known { bad++ }
	END {
		printf "everyday programs: %d listed, %d ran, %d pass (%.1f%%), %d missing, %d native-fails\n",
			NR, ran, n["pass"], ran ? 100 * n["pass"] / ran : 0,
			n["missing"], n["native-fails"]
		exit bad ? 1 : 0
	}' "$OUT/results.tsv"
