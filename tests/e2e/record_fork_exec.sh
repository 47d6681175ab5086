# SPDX-License-Identifier: MIT
# record_fork_exec.sh - `srec record` of samples/fork_exec: fork, a failed
# and a successful execve of /bin/true, vfork and a re-exec of the sample
# itself.  Checks Clone events (kind, order), execve calls and the Exec
# event that follows each successful one (exe, argv, cwd), each process's
# Exit with the code its parent's wait4 saw, and the root's own exec.
. "$SRCDIR/tests/e2e/lib.sh"

check() {
	check_py "$@" <<'PY'
import os, struct, sys
from record_check import *

ev = load("t.srec")
self_exe = os.path.realpath(os.environ["SAMPLES"] + "/fork_exec")
true_exe = os.path.realpath("/bin/true")
root = mark_tid(ev)
# The root's executable is a Blob before its execve (rule 16).
start = [e for e in ev if e["type"] != "blob"]
x0 = start[1]
if x0["type"] != "exec" or x0["pid"] != root or \
        os.path.realpath(x0["exe"]) != self_exe or \
        x0["argv"] != [os.environ["SAMPLES"] + "/fork_exec"] or \
        x0["cwd"] != os.getcwd():
    fail("the root's Exec event", x0)
expect_data(start[0], 0, "in", (os.environ["SAMPLES"] + "/fork_exec").encode())
main = marked(ev)
expect_names(main, ["clone", "wait4", "vfork", "wait4", "write"])
fork, w1, vfork, w2, out = main
clones = [e for e in ev if e["type"] == "clone"]
if [c["kind"] for c in clones] != ["fork", "vfork"] or \
        [c["child_tid"] for c in clones] != [fork["ret"], vfork["ret"]]:
    fail("Clone events", *clones)
# vfork: the parent returns once the child's execve has begun (the two
# exit stops may come in either order, so compare times, not seqs).
cexec = syscalls(ev, tid=vfork["ret"], name="execve")
if not cexec or not cexec[0]["t_enter_ns"] < vfork["t_exit_ns"]:
    fail("the vfork parent returned before its child called execve",
         vfork, *cexec)

def execs(pid):
    return [e for e in ev if e["pid"] == pid and e["type"] == "exec"]

def exit_of(pid):
    x = [e for e in ev if e["pid"] == pid and e["type"] == "exit"]
    if len(x) != 1 or x[0]["thread"] or x[0]["signal"]:
        fail("process %d: Exit events" % pid, *x)
    return x[0]["code"]

# The forked child: ENOENT, then /bin/true.
c1 = fork["ret"]
calls = syscalls(ev, tid=c1)
expect_names(calls[:3], ["set_robust_list", "execve", "execve"])
expect_ret(calls[1], -2)
expect_data(calls[1], 0, "in", b"/nonexistent/srec-prog")
expect_ret(calls[2], 0)
expect_data(calls[2], 0, "in", b"/bin/true")
x = execs(c1)
if len(x) != 1 or os.path.realpath(x[0]["exe"]) != true_exe or \
        x[0]["argv"] != ["true"] or x[0]["tid"] != c1 or \
        x[0]["former_tid"] != c1:
    fail("Exec event of /bin/true", *x)
if calls[-1]["name"] != "exit_group" or exit_of(c1) != 0:
    fail("true's exit", calls[-1])
# The vforked child: this program again, which prints and exits 3.
c2 = vfork["ret"]
calls = syscalls(ev, tid=c2)
expect_names(calls[:1], ["execve"])
expect_data(calls[0], 0, "in", b"/proc/self/exe")
x = execs(c2)
if len(x) != 1 or os.path.realpath(x[0]["exe"]) != self_exe or \
        x[0]["argv"] != ["fork_exec", "child", "3"]:
    fail("Exec event of the re-exec", *x)
said = [e for e in calls if e["name"] == "write"]
if len(said) != 1 or data(said[0], 1) != b"child 3 of %d\n" % root:
    fail("the child's output", *said)
if exit_of(c2) != 3 or exit_of(root) != 0:
    fail("exit codes")
expect_ret(w1, c1)
expect_data(w1, 1, "out", struct.pack("<i", 0))
expect_ret(w2, c2)
expect_data(w2, 1, "out", struct.pack("<i", 3 << 8))
expect_data(out, 1, "in", b"true exited 0\nchild exited 3\n")
PY
}

test_expect_success 'record fork_exec' '
	"$SREC" record -q -o t.srec -- "$SAMPLES/fork_exec" >out &&
	sed -n "2,3p" out >actual &&
	printf "true exited 0\nchild exited 3\n" >expect &&
	test_cmp expect actual &&
	grep -q "^child 3 of [0-9]*$" out
'

test_expect_success 'clones, execs and exits of the whole tree' '
	check
'

test_done
