# SPDX-License-Identifier: MIT
# replay_built.sh - programs built, changed or deleted during the recording
# replay after they are gone: every exec'd file is kept in the trace (a
# Blob, once per content), and replay runs the kept copy when the file
# the execve names is missing or different (replayer/images.c), then
# removes its copies.
. "$SRCDIR/tests/e2e/lib.sh"

command -v cc >/dev/null || { echo "cc missing: scripts/deps.sh installs it"; exit 1; }
command -v make >/dev/null || { echo "make missing: scripts/deps.sh installs it"; exit 1; }

cat >t.c <<'C'
#include <stdio.h>
int main(int argc, char **argv)
{
	printf("built and run: %s, %d args\n", argv[0], argc);
	return 0;
}
C

# copies_left: replay's private copies still in /tmp.
copies_left() {
	ls -d /tmp/srec-exe-* 2>/dev/null | wc -l
}
before=$(copies_left)

test_expect_success 'cc -o D/t && D/t replays after D is gone' '
	D=$WORKDIR/build && mkdir "$D" &&
	"$SREC" record -q -o cc.srec -- sh -c "cc -o $D/t t.c && $D/t x" \
		>cc.out &&
	grep -q "built and run: $D/t, 2 args" cc.out &&
	rm -rf "$D" &&
	timeout 120 "$SREC" replay cc.srec >cc.rpl &&
	test_cmp cc.out cc.rpl
'

test_expect_success '... and leaves no copy behind' '
	test "$(copies_left)" = "$before"
'

test_expect_success 'a program changed since the recording runs as recorded' '
	mkdir b2 && cc -o b2/t t.c &&
	"$SREC" record -q -o ch2.srec -- sh -c "./b2/t; ./b2/t y" >ch2.out &&
	printf "#include <stdio.h>\nint main(void){puts(\"other\");return 0;}\n" >o.c &&
	cc -o b2/t o.c &&
	timeout 60 "$SREC" replay ch2.srec >ch2.rpl &&
	test_cmp ch2.out ch2.rpl
'

test_expect_success 'a program deleted during the recording' '
	"$SREC" record -q -o del.srec -- sh -c \
		"cp b2/t gone && ./gone && rm gone" >del.out &&
	test ! -e gone &&
	timeout 60 "$SREC" replay del.srec >del.rpl &&
	test_cmp del.out del.rpl
'

test_expect_success 'make builds and runs, then the tree is removed' '
	mkdir mk && cp t.c mk/ &&
	printf "all: prog\n\t./prog m\nprog: t.c\n\tcc -o prog t.c\n" >mk/Makefile &&
	"$SREC" record -q -o mk.srec -- make -s -C mk >mk.out &&
	grep -q "built and run: ./prog, 2 args" mk.out &&
	rm -rf mk &&
	timeout 120 "$SREC" replay mk.srec >mk.rpl &&
	test_cmp mk.out mk.rpl
'

test_expect_success 'each executable is kept once' '
	"$SREC" record -q -o twice.srec -- sh -c "./b2/t; ./b2/t; ./b2/t" \
		>/dev/null &&
	"$SREC" dump --json twice.srec >tw.json &&
	size=$(stat -c %s b2/t) &&
	test "$(grep -c "\"type\":\"blob\".*\"len\":$size}" tw.json)" = 1
'

test_expect_success 'no tracee left stopped' '
	no_stopped_here
'

test_done
