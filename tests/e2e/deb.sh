# SPDX-License-Identifier: MIT
# deb.sh - the Debian package: cpack -G DEB builds srec_VERSION_ARCH.deb
# from the built tree; its control data, contents and lintian's verdict
# (no error) are checked; as root it is installed with dpkg -i, used, and
# purged, leaving nothing behind.  Needs dpkg-deb and lintian
# (scripts/deps.sh installs them).
. "$SRCDIR/tests/e2e/lib.sh"

BUILD=$(cd "$SAMPLES/.." && pwd) || exit 1
for tool in dpkg-deb lintian cpack; do
	command -v $tool >/dev/null ||
		{ echo "$tool missing: run scripts/deps.sh"; exit 1; }
done
VERSION=$("$SREC" --version | cut -d" " -f2)
ARCH=$(dpkg --print-architecture)
DEB=$WORKDIR/pkg/srec_${VERSION}_$ARCH.deb
commands=$("$SREC" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')

test_expect_success 'cpack -G DEB builds srec_VERSION_ARCH.deb' '
	cpack -G DEB -B "$WORKDIR/pkg" --config "$BUILD/CPackConfig.cmake" \
		>log 2>&1 && [ -f "$DEB" ]
'
test_expect_success 'control: name, version, arch, shared-library dependencies' '
	dpkg-deb -f "$DEB" Package Version Architecture Depends >ctl &&
	grep -qx "Package: srec" ctl && grep -qx "Version: $VERSION" ctl &&
	grep -qx "Architecture: $ARCH" ctl &&
	for dep in libc6 libzstd1 libprotobuf-c1 libsqlite3-0; do
		grep -q "^Depends:.* $dep (>= [0-9.]*)" ctl || exit 1
	done &&
	dpkg-deb -I "$DEB" shlibs | grep -qx "libsrec 0 srec (= $VERSION)" &&
	dpkg-deb -I "$DEB" triggers | grep -qx "activate-noawait ldconfig"
'
test_expect_success 'contents: everything under /usr, owned by root' '
	dpkg-deb -c "$DEB" >list &&
	awk "{ print \$2 }" list | sort -u | grep -qvx root/root && exit 1;
	awk "{ print \$6 }" list | sed "s,^\./,/," >files &&
	! grep -v "^/usr/" files &&
	for f in /usr/bin/srec /usr/include/srec.h /usr/lib/libsrec.so.0.1.0 \
		/usr/lib/libsrec.so.0 /usr/lib/pkgconfig/srec.pc \
		/usr/share/bash-completion/completions/srec \
		/usr/share/doc/srec/copyright /usr/share/doc/srec/changelog.gz \
		/usr/share/man/man1/srec.1.gz /usr/share/man/man5/srec.5.gz \
		$(printf "/usr/share/man/man1/srec-%s.1.gz " $commands); do
		grep -qx "$f" files || { echo "missing $f"; exit 1; }
	done
'
test_expect_success 'the files in it: stripped, gzip -9n docs, srec.pc for /usr' '
	dpkg-deb -x "$DEB" x &&
	! readelf -S x/usr/bin/srec | grep -q "\.symtab\|\.debug_info" &&
	! readelf -S x/usr/lib/libsrec.so.0.1.0 | grep -q "\.symtab\|\.debug_info" &&
	for gz in x/usr/share/doc/srec/changelog.gz x/usr/share/man/man*/*.gz; do
		# gzip -9n: no name (FLG 0x08 clear), MTIME 0, XFL 2 (-9)
		gzip -t "$gz" &&
		[ "$(od -An -tx1 -j3 -N6 "$gz" | tr -d " ")" = 000000000002 ] ||
			{ echo "bad $gz"; exit 1; }
	done &&
	grep -qx "prefix=/usr" x/usr/lib/pkgconfig/srec.pc &&
	zcat x/usr/share/doc/srec/changelog.gz | head -1 |
		grep -qx "srec ($VERSION) unstable; urgency=medium" &&
	grep -q "^License: Expat" x/usr/share/doc/srec/copyright
'
test_expect_success 'lintian finds no error' '
	lintian --fail-on error "$DEB" >lint 2>&1; rc=$?; cat lint &&
	[ $rc = 0 ] && ! grep -q "^E: " lint
'

# Installing touches the machine: only as root, one test at a time, and
# never over an srec package that was installed before.
if [ "$(id -u)" != 0 ]; then
	echo "# not root: dpkg -i / dpkg -P of the package not tried"
elif dpkg-query -W -f='${Status}' srec 2>/dev/null | grep -q installed; then
	echo "# an srec package is installed already: dpkg -i / -P not tried"
else
	exec 9>/tmp/srec-deb-test.lock
	flock 9
	test_expect_success 'dpkg -i installs it; srec, man, pkg-config, ldconfig see it' '
		dpkg -i "$DEB" >log 2>&1 &&
		/usr/bin/srec --version | grep -qx "srec $VERSION" &&
		[ "$(man -w srec-record)" = /usr/share/man/man1/srec-record.1.gz ] &&
		[ "$(man -w 5 srec)" = /usr/share/man/man5/srec.5.gz ] &&
		[ "$(pkg-config --modversion srec)" = "$VERSION" ] &&
		ldconfig -p | grep -q "libsrec.so.0 " &&
		dpkg -L srec | sort >installed
	'
	test_expect_success 'the installed library runs the installed example' '
		cp -r /usr/share/doc/srec/examples ex &&
		make -C ex CFLAGS="-O2 -Wall -Werror" >log 2>&1 &&
		mkdir -p fd && /usr/bin/srec record -q -o t.srec -- \
			"$SAMPLES/files_dirs" fd >/dev/null &&
		ex/srec-names t.srec >names && grep -qx openat names
	'
	test_expect_success 'dpkg -P removes it and every file it installed' '
		dpkg -P srec >log 2>&1 &&
		! dpkg-query -W srec 2>/dev/null &&
		while read -r f; do
			[ -d "$f" ] || ! [ -e "$f" ] || { echo "left: $f"; exit 1; }
		done <installed &&
		! [ -e /usr/bin/srec ] && ! [ -e /usr/lib/libsrec.so.0 ]
	'
	# Never leave the package behind, even when a test above failed.
	dpkg-query -W srec >/dev/null 2>&1 && dpkg -P srec >/dev/null 2>&1
	flock -u 9
fi
test_done
