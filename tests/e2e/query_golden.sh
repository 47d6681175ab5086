# SPDX-License-Identifier: MIT
# query_golden.sh - run every tests/query/NAME.sql on recorded runs and
# compare its CSV output with NAME.out.
#
# A .sql file starts with "-- traces: NAME=RUN ..." naming the runs it
# loads (RUN is one of the recordings below, NAME its `trace` value).
# Queries choose facts that do not change from one run to the next:
# counts of specific calls, paths, errno names, exit codes.
. "$(dirname "$0")/lib.sh"

printf 'hello\nworld\n' >in.txt
record() {
	local run=$1
	shift
	"$SREC" record -q -o "$run.srec" -- "$@" >/dev/null 2>&1
	[ -s "$run.srec" ] || echo "could not record $run" >&2
}
record cat_ok cat in.txt
record cat_missing cat in.txt missing.txt
record sh_pipe sh -c 'cat in.txt | wc -l'
record fork_exec "$SAMPLES/fork_exec"

for sql in "$SRCDIR"/tests/query/*.sql; do
	name=$(basename "$sql" .sql)
	test_expect_success "query $name" '
		traces=$(sed -n "1s/^-- traces: //p" "$sql")
		[ -n "$traces" ] || die "$sql: no -- traces: line"
		set -- $traces
		args=()
		for t in "$@"; do args+=("${t%%=*}=${t#*=}.srec"); done
		"$SREC" query --csv -- "${args[@]}" "$(cat "$sql")" \
			>"$name.got" &&
		tr -d "\r" <"$name.got" >"$name.txt" &&
		test_cmp "${sql%.sql}.out" "$name.txt"
	'
done

test_done
