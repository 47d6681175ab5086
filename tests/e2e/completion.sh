# SPDX-License-Identifier: MIT
# completion.sh - the bash completion built from completion/srec.bash.in:
# source it in bash and call _srec with COMP_WORDS/COMP_CWORD set as bash
# sets them (which splits words at "=" and ":"), then check COMPREPLY.
. "$SRCDIR/tests/e2e/lib.sh"

COMPLETION=$(cd "$SAMPLES/../completion" && pwd)/srec
[ -f "$COMPLETION" ] || { echo "completion not built: $COMPLETION"; exit 1; }
TBL=$SRCDIR/arch/x86_64/syscalls.tbl

# comp WORD...: the completions of the last WORD (cursor at its end), one
# a line, sorted; run in a fresh bash that sourced only the completion.
comp() {
	bash --norc --noprofile -c '
		. "$0" || exit 1
		COMP_WORDS=("${@}")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE="${COMP_WORDS[*]}"
		COMP_POINT=${#COMP_LINE}
		_srec srec || exit 1
		printf "%s\n" "${COMPREPLY[@]}"
	' "$COMPLETION" "$@" | sed '/^$/d' | sort
}

mkdir -p dir.d && : >a.srec && : >b.srec && : >notes.txt && : >out.bin

test_expect_success 'sourcing it registers _srec for srec' '
	bash --norc -c ". \"$COMPLETION\" && complete -p srec" >out &&
	grep -q -- "-F _srec srec" out
'
test_expect_success 'the commands of srec --help' '
	comp srec "" >got &&
	{ "$SREC" --help | sed -n "/^commands:/,/^\$/s/^  \([a-z]*\) .*/\1/p";
	  echo --help; echo --version; } | sort >want &&
	test_cmp want got
'
test_expect_success 'a command prefix' '
	comp srec re >got && printf "record\nreplay\n" >want && test_cmp want got
'
test_expect_success 'the options of srec dump --help, after -' '
	comp srec dump - >got &&
	"$SREC" dump --help | sed -n "/^options:/,\$p" |
		grep -oE "^  (    )?-[^ ,]+(, --[^ ]+)?" | tr -d , |
		tr " " "\n" | sed "/^\$/d" | sort >want &&
	test_cmp want got && grep -qx -- "--json" got && grep -qx -- -e got
'
test_expect_success 'long options by prefix: record --s' '
	comp srec record --s >got &&
	printf -- "--size\n--stack-trace\n" >want && test_cmp want got
'
test_expect_success 'trace operands are *.srec files and directories' '
	comp srec dump "" >got && printf "a.srec\nb.srec\ndir.d\n" >want &&
	test_cmp want got &&
	comp srec diff a.srec "" >got && test_cmp want got &&
	comp srec info a >got && printf "a.srec\n" >want && test_cmp want got
'
test_expect_success 'any file after -o and --db' '
	comp srec record -o "" >got && grep -qx notes.txt got &&
	grep -qx out.bin got &&
	comp srec query --db "" >got && grep -qx notes.txt got
'
test_expect_success '--output=VALUE, split at "=" by bash' '
	comp srec record --output = no >got && printf "notes.txt\n" >want &&
	test_cmp want got
'
test_expect_success 'sort keys after -S' '
	comp srec dump -S ""  >got &&
	printf "calls\nerrors\nname\nnothing\ntime\n" >want && test_cmp want got
'
test_expect_success '-e offers trace= first' '
	comp srec dump -e "" >got && grep -qx "trace=" got &&
	comp srec dump -e tr >got && grep -qx "trace=" got
'
test_expect_success 'syscall names after -e trace=, from the syscall table' '
	comp srec dump -e trace=openat >got &&
	printf "trace=openat\ntrace=openat2\n" >want && test_cmp want got &&
	comp srec dump -e "trace=" >got &&
	n=$(grep -cE "^[0-9]+[[:space:]]" "$TBL") &&
	[ "$(grep -vc "^trace=%" got)" = "$n" ] &&
	grep -qx trace=%file got && grep -qx trace=io_uring_setup got
'
test_expect_success 'bash splits trace=op at "=": only "op" is replaced' '
	comp srec dump -e trace = opena >got &&
	printf "openat\nopenat2\n" >want && test_cmp want got &&
	comp srec dump -e trace = >got && grep -qx "=write" got
'
test_expect_success 'the next name of a list, and a negated list' '
	comp srec dump -e trace=open,clos >got &&
	printf "trace=open,close\ntrace=open,close_range\n" >want &&
	test_cmp want got &&
	comp srec dump -e "trace=!fut" >got &&
	grep -qx "trace=!futex" got && ! grep -qv "^trace=!fut" got
'
test_expect_success 'a class after -e trace=%' '
	comp srec dump -e trace=%n >got &&
	printf "trace=%%net\ntrace=%%network\n" >want && test_cmp want got
'
test_expect_success 'nothing is made up for numbers: -s, --until' '
	comp srec dump -s "" >got && ! [ -s got ] &&
	comp srec replay --until "" >got && ! [ -s got ]
'
test_expect_success 'pids after -p' '
	comp srec record -p "" >got && grep -qx "$$" got &&
	grep -qx 1 got
'
test_expect_success 'record: programs at PROG, not srec options' '
	comp srec record -- tru >got && grep -qx true got &&
	comp srec record -q tru >got && grep -qx true got &&
	comp srec record -o x.srec tru >got && grep -qx true got &&
	comp srec record -o "" >got && ! grep -qx true got &&
	comp srec record -o x.srec -- ls "" >got && grep -qx a.srec got &&
	grep -qx notes.txt got
'
test_done
