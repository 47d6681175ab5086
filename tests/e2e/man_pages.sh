# SPDX-License-Identifier: MIT
# man_pages.sh - the man pages in man/ (built into BUILD/man): each one
# renders with groff and man(1) without a warning, every command in
# `srec --help` has its page, and each page's OPTIONS list the very
# options of `srec CMD --help`, no more, no fewer, so the pages stay true.
. "$SRCDIR/tests/e2e/lib.sh"

MAN=$(cd "$SAMPLES/../man" && pwd) || exit 1
commands=$("$SREC" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
[ -n "$commands" ] || { echo "no commands in srec --help"; exit 1; }
pages="srec.1 srec.5"
for c in $commands; do
	pages="$pages srec-$c.1"
done

# render PAGE: the page as man(1) shows it on an 80-column terminal.
render() {
	LC_ALL=C MANWIDTH=80 man --warnings -E ascii -l "$MAN/$1" 2>"$1.err" |
		col -b
}

# help_opts CMD: the options of `srec CMD --help`, one a line, sorted.
help_opts() {
	"$SREC" "$1" --help | sed -n '/^options:/,$p' |
		sed -n 's/^  *\(-[^ ].*\)$/\1/p' | sed 's/   .*//' |
		grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | tr -d ' ,' | sort -u
}

# man_opts PAGE: the options tagged in the OPTIONS section of PAGE: the
# line after each .TP, read from the source so that a body set beside a
# short tag is not taken for it.
man_opts() {
	awk '/^\.SH/ { opts = ($2 == "OPTIONS") } opts && tag { print; tag = 0 }
	     opts && /^\.TP/ { tag = 1 }' "$MAN/$1" |
		sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/^\.[A-Z]* //' |
		grep -oE '(^|[ ,"])--?[A-Za-z][A-Za-z-]*' | tr -d ' ,"' | sort -u
}

for p in $pages; do
	test_expect_success "$p: groff -ww -z renders it without a warning" '
		[ -f "$MAN/$p" ] || die "no page $MAN/$p" &&
		groff -ww -z -t -man "$MAN/$p" 2>err &&
		! [ -s err ] || { cat err; false; }
	'
	test_expect_success "$p: man renders NAME, SYNOPSIS or DESCRIPTION, no warning" '
		render "$p" >txt &&
		! [ -s "$p.err" ] &&
		grep -q "^NAME" txt && grep -q "^DESCRIPTION" txt &&
		grep -q "^SEE ALSO" txt && [ "$(wc -l <txt)" -gt 20 ]
	'
	test_expect_success "$p: the gzip'\''d copy installed is the same page" '
		[ ! -f "$MAN/$p.gz" ] || zcat "$MAN/$p.gz" | cmp - "$MAN/$p"
	'
done

for c in $commands; do
	test_expect_success "srec-$c.1 OPTIONS are exactly srec $c --help" '
		help_opts "$c" >help.opts && man_opts "srec-$c.1" >man.opts &&
		[ -s help.opts ] && test_cmp help.opts man.opts
	'
	test_expect_success "srec.1 lists $c and names srec-$c(1)" '
		render srec.1 >txt &&
		grep -qE "^       $c( |\$)" txt && grep -q "srec-$c(1)" txt
	'
done

test_expect_success 'srec.1 OPTIONS are the ones of srec --help' '
	"$SREC" --help | head -1 | grep -oE -- "--[a-z]+" | sort -u >help.opts &&
	man_opts srec.1 | grep -- "^--" >man.opts &&
	test_cmp help.opts man.opts
'

test_expect_success 'srec.5 has the three fixed structures of FORMAT.md' '
	render srec.5 >txt &&
	grep -q "0x184D2A5B" txt && grep -q "Payload_Checksum" txt &&
	grep -q "SRIX" txt && grep -q "Header_Checksum" txt
'

# The check above must be able to fail: an option missing from a page.
test_expect_success 'a page lacking an option of --help is caught' '
	sed "/^\\\\fB\\\\-o\\\\fR, \\\\fB\\\\-\\\\-output/,+1d" \
		"$MAN/srec-record.1" >"$WORKDIR/bad.1" &&
	MAN=$WORKDIR && help_opts record >help.opts &&
	man_opts bad.1 >man.opts && ! cmp -s help.opts man.opts &&
	grep -qx -- "--output" help.opts && ! grep -qx -- "--output" man.opts
'

test_done
