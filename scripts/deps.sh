#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# deps.sh - install the Debian 12 packages srec needs to build and test,
# only those missing.  Run as root (or with sudo available).
set -euo pipefail

packages=(
	# build
	gcc make cmake libc6-dev
	libzstd-dev libprotobuf-c-dev protobuf-c-compiler libsqlite3-dev
	# tests: cmocka, clang for ASan/UBSan/libFuzzer, real client programs
	libcmocka-dev clang libclang-rt-14-dev
	strace python3 sqlite3 curl coreutils procps tar gdb
	# install tests: man pages, the example through pkg-config, the .deb
	man-db groff-base pkgconf dpkg-dev lintian
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "srec: installing ${missing[*]}" >&2
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
