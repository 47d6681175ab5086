# SPDX-License-Identifier: MIT
# query_history.sh - the console on a terminal (a pty from python3's pty
# module) keeps its history in $SREC_HISTORY or ~/.srec_history: saved at
# exit (mode 0600), recalled with the up arrow in the next session,
# bounded to 500 entries; a piped console neither reads nor writes it,
# and SREC_HISTORY= (empty) turns it off.
. "$SRCDIR/tests/e2e/lib.sh"

"$SREC" record -q -o t.srec -- /bin/true && "$SREC" query t.srec \
	"SELECT 1" >/dev/null || { echo "recording /bin/true failed"; exit 1; }

# on_pty OUT KEYS...: run `srec query t.srec` on a pty, type each KEYS
# argument (Python escapes: \r, \x1b[A, \x04) once the console shows a
# fresh prompt, save what the terminal showed to OUT, and fail unless srec
# exits 0 within 20 s.  A fresh prompt is the editor drawing "srec> " with
# an empty line ("srec> " then erase-to-end): one per line read, so keys
# are never typed while a query runs in cooked mode.
on_pty() {
	python3 - "$SREC" "$@" <<-'EOF'
	import os, pty, select, sys, time
	srec, out, keys = sys.argv[1], sys.argv[2], sys.argv[3:]
	pid, fd = pty.fork()
	if pid == 0:
	    os.execv(srec, [srec, "query", "t.srec"])
	seen = b""
	end = time.time() + 20
	def pump(until):
	    global seen
	    while not until() and time.time() < end:
	        r, _, _ = select.select([fd], [], [], end - time.time())
	        try:
	            data = os.read(fd, 4096) if r else b""
	        except OSError:
	            data = b""
	        if not data:
	            return
	        seen += data
	for i, k in enumerate(keys):
	    pump(lambda: seen.count(b"srec> \x1b[K") > i)
	    os.write(fd, k.encode().decode("unicode_escape").encode())
	pump(lambda: False)
	ok = False
	while time.time() < end:
	    p, status = os.waitpid(pid, os.WNOHANG)
	    if p:
	        ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
	        break
	    time.sleep(0.05)
	else:
	    os.kill(pid, 9)
	    os.waitpid(pid, 0)
	open(out, "wb").write(seen.replace(b"\r", b""))
	sys.exit(0 if ok else 1)
	EOF
}

test_expect_success 'history is saved at exit, mode 0600' '
	SREC_HISTORY=$PWD/hist on_pty s1 "SELECT 40 + 2 AS answer;\r" \
		"\x04" &&
	grep -q 42 s1 &&
	test "$(cat hist)" = "SELECT 40 + 2 AS answer;" &&
	test "$(stat -c %a hist)" = 600
'

test_expect_success 'the next session recalls it with the up arrow' '
	SREC_HISTORY=$PWD/hist on_pty s2 "\x1b[A\r" "\x04" &&
	grep -a -q -x " *42" s2 &&
	test "$(cat hist)" = "SELECT 40 + 2 AS answer;"
'

test_expect_success 'new entries append; repeats are not doubled' '
	SREC_HISTORY=$PWD/hist on_pty s3 "SELECT 7 * 6;\r" \
		"SELECT 7 * 6;\r" ".quit\r" &&
	printf "%s\n" "SELECT 40 + 2 AS answer;" "SELECT 7 * 6;" ".quit" \
		>expect &&
	test_cmp expect hist
'

test_expect_success 'default: ~/.srec_history' '
	mkdir -p home &&
	(unset SREC_HISTORY; HOME=$PWD/home on_pty s4 "SELECT 5;\r" "\x04") &&
	test "$(cat home/.srec_history)" = "SELECT 5;"
'

test_expect_success 'SREC_HISTORY= (empty): no history file' '
	mkdir -p home2 &&
	SREC_HISTORY= HOME=$PWD/home2 on_pty s5 "SELECT 5 AS five;\r" \
		"\x04" &&
	test ! -e home2/.srec_history && grep -a -q -x " *5" s5
'

test_expect_success 'bounded: 500 entries kept, the newest' '
	seq 1 1000 | sed "s/^/SELECT /; s/$/;/" >big &&
	SREC_HISTORY=$PWD/big on_pty s6 "SELECT 2000;\r" "\x04" &&
	test "$(wc -l <big)" = 500 &&
	test "$(tail -n 1 big)" = "SELECT 2000;" &&
	test "$(head -n 1 big)" = "SELECT 502;"
'

test_expect_success 'a piped console neither reads nor writes it' '
	mkdir -p home3 &&
	echo "SELECT 9 AS nine;" | HOME=$PWD/home3 SREC_HISTORY= \
		"$SREC" query t.srec >out && grep -q -x " *9" out &&
	(unset SREC_HISTORY; echo "SELECT 9;" |
		HOME=$PWD/home3 "$SREC" query t.srec >out) &&
	test ! -e home3/.srec_history
'

test_expect_success 'a history that is a directory: one warning, still runs' '
	mkdir -p histdir &&
	SREC_HISTORY=$PWD/histdir on_pty s7 "SELECT 8 AS eight;\r" "\x04" &&
	grep -a "^srec: warning: " s7 >warn &&
	test "$(wc -l <warn)" = 1 &&
	grep -a -q "^srec: warning: query: history .*histdir: not a regular file" warn &&
	grep -a -q -x " *8" s7 && test -d histdir
'

test_expect_success 'a FIFO as history: no hang, not replaced' '
	mkfifo fifo &&
	SREC_HISTORY=$PWD/fifo on_pty s8 "SELECT 3 AS three;\r" "\x04" &&
	grep -a -q "^srec: warning: query: history .*fifo: not a regular file" s8 &&
	grep -a -q -x " *3" s8 && test -p fifo
'

test_done
