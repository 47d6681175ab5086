# SPDX-License-Identifier: MIT
# install.sh - `cmake --install` of the built tree into a temporary
# DESTDIR: bin/srec, the man pages, the bash completion, libsrec (one
# header, libsrec.so.0 exporting just that header's functions, srec.pc);
# then the example samples/libsrec, built from the installed copy against
# the installed srec.pc (PKG_CONFIG_PATH/PKG_CONFIG_SYSROOT_DIR into
# DESTDIR), run on recorded, damaged and bogus traces.
. "$SRCDIR/tests/e2e/lib.sh"

BUILD=$(cd "$SAMPLES/.." && pwd) || exit 1
MKTRACE=$BUILD/tests/tools/mktrace
cache() {
	sed -n "s/^$1:[A-Z]*=//p" "$BUILD/CMakeCache.txt"
}
CC=$(cache CMAKE_C_COMPILER)
CFLAGS="-O2 -Wall -Wextra -Werror"
# A sanitized tree has a sanitized libsrec: the program needs the runtime.
[ "$(cache SREC_SANITIZE)" = ON ] && CFLAGS="$CFLAGS -fsanitize=address,undefined"
DEST=$WORKDIR/root
P=$DEST/usr
LIB=$P/$(cache CMAKE_INSTALL_LIBDIR)
[ "$LIB" = "$P/" ] && LIB=$P/lib
commands=$("$SREC" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')

test_expect_success 'cmake --install into DESTDIR' '
	DESTDIR=$DEST cmake --install "$BUILD" --prefix /usr >log &&
	! grep -v "^-- \(Install\|Up-to-date\)" log
'
test_expect_success 'bin/srec runs' '
	[ -x "$P/bin/srec" ] && "$P/bin/srec" --version >v &&
	"$SREC" --version | test_cmp - v
'
test_expect_success 'a man page per command, srec(1) and srec(5), gzip -9n, rendered' '
	for page in srec.1 srec.5 $(printf "srec-%s.1 " $commands); do
		f=$P/share/man/man${page##*.}/$page.gz &&
		[ -f "$f" ] && gzip -t "$f" &&
		LC_ALL=C MANWIDTH=80 man --warnings -E ascii -l "$f" >txt 2>err &&
		! [ -s err ] && grep -q "^NAME" txt || { echo "bad: $page"; exit 1; }
	done &&
	[ "$(ls "$P/share/man/man1" | wc -l)" = "$(($(echo $commands | wc -w) + 1))" ]
'
test_expect_success 'the bash completion, where bash-completion looks' '
	f=$P/share/bash-completion/completions/srec && [ -f "$f" ] &&
	bash --norc -c ". \"$f\" && complete -p srec" | grep -q "_srec srec"
'
test_expect_success 'libsrec: libsrec.so.0.1.0, soname libsrec.so.0, dev link' '
	[ -f "$LIB/libsrec.so.0.1.0" ] && [ ! -L "$LIB/libsrec.so.0.1.0" ] &&
	[ "$(readlink "$LIB/libsrec.so.0")" = libsrec.so.0.1.0 ] &&
	[ "$(readlink "$LIB/libsrec.so")" = libsrec.so.0 ] &&
	readelf -d "$LIB/libsrec.so.0.1.0" >dyn &&
	grep -q "(SONAME).*\[libsrec.so.0\]" dyn
'
test_expect_success 'one public header; the library exports exactly its functions' '
	[ "$(ls "$P/include")" = srec.h ] &&
	sed -n "s/^[a-z].*[ *]\(srec_[a-z_]*\)(.*/\1/p" "$P/include/srec.h" |
		sort -u >declared &&
	[ "$(wc -l <declared)" -ge 10 ] &&
	nm -D --defined-only "$LIB/libsrec.so.0" | grep " T " |
		sed "s/.* T \([a-z_]*\)@@SREC_0\$/\1/" | sort -u >exported &&
	test_cmp declared exported
'
test_expect_success 'srec.pc names the installed prefix and version' '
	export PKG_CONFIG_PATH=$LIB/pkgconfig PKG_CONFIG_SYSROOT_DIR=$DEST &&
	grep -qx "prefix=/usr" "$LIB/pkgconfig/srec.pc" &&
	[ "$(pkg-config --modversion srec)" = "$("$SREC" --version | cut -d" " -f2)" ] &&
	pkg-config --cflags srec | grep -q -- "-I$P/include" &&
	pkg-config --libs srec | grep -q -- "-L$LIB -lsrec"
'
test_expect_success 'srec.pc follows the prefix of each install' '
	DESTDIR=$WORKDIR/opt cmake --install "$BUILD" --prefix /opt/srec >/dev/null &&
	grep -qx "prefix=/opt/srec" "$WORKDIR"/opt/opt/srec/lib*/pkgconfig/srec.pc
'
test_expect_success 'the example builds from the installed copy through pkg-config' '
	cp -r "$P/share/doc/srec/examples" ex &&
	PKG_CONFIG_PATH=$LIB/pkgconfig PKG_CONFIG_SYSROOT_DIR=$DEST \
		make -C ex CC="$CC" CFLAGS="$CFLAGS" >log 2>&1 &&
	readelf -d ex/srec-names | grep -q "(NEEDED).*\[libsrec.so.0\]"
'
names() {
	LD_LIBRARY_PATH=$LIB ex/srec-names "$@"
}
query_names() {
	"$SREC" query --no-cache --csv "$1" \
		"SELECT name FROM syscalls ORDER BY seq" | tail -n +2 | tr -d "\r"
}
test_expect_success 'it prints the syscalls of a recorded trace, as query does' '
	mkdir -p fd && "$SREC" record -q -o t.srec -- "$SAMPLES/files_dirs" fd >/dev/null &&
	names t.srec >got 2>err && ! [ -s err ] &&
	query_names t.srec >want && [ "$(wc -l <want)" -gt 50 ] &&
	test_cmp want got && grep -qx openat got
'
test_expect_success 'a cut trace: every intact syscall, then the damage, exit 1' '
	"$MKTRACE" --events 3000 truncated cut.srec &&
	{ names cut.srec >got 2>err; [ $? = 1 ]; } &&
	grep -q "^srec-names: cut.srec: trace cut short" err &&
	{ query_names cut.srec >want 2>/dev/null; true; } &&
	[ -s want ] && test_cmp want got
'
test_expect_success 'not a trace: one line, exit 2' '
	echo hello >text.srec &&
	{ names text.srec >out 2>err; [ $? = 2 ]; } && ! [ -s out ] &&
	[ "$(wc -l <err)" = 1 ] && grep -q "^srec-names: text.srec: " err &&
	{ names missing.srec 2>err; [ $? = 2 ]; } &&
	grep -q "No such file" err
'
test_done
