# SPDX-License-Identifier: MIT
# replay_threads.sh - `srec replay` of the unusual thread and process
# shapes: the main thread leaving first (pthread_exit), a thread other
# than the leader calling execve (it takes the leader's tid), and
# posix_spawn (clone with CLONE_VM|CLONE_VFORK), and exit() while other
# threads are blocked in calls that never return.  The programs are built
# here with the C compiler that built srec.  And threads that meet in user
# space (a Python lock and the GIL): recording takes them one at a time
# (recorder/sched.c), so five recordings in a row must all replay.
. "$SRCDIR/tests/e2e/lib.sh"

cc=${CC:-cc}

cat >lexit.c <<'EOF'
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static void *run(void *arg)
{
	usleep(20000);
	printf("thread done\n");
	fflush(stdout);
	return arg;
}
int main(void)
{
	pthread_t t;

	pthread_create(&t, NULL, run, NULL);
	printf("main leaves\n");
	fflush(stdout);
	pthread_exit(NULL);
}
EOF

cat >texec.c <<'EOF'
#include <pthread.h>
#include <unistd.h>
static void *run(void *arg)
{
	char *av[] = { "echo", "exec from a thread", NULL };

	execv("/bin/echo", av);
	return arg;
}
int main(void)
{
	pthread_t t;

	pthread_create(&t, NULL, run, NULL);
	for (;;)
		pause();
}
EOF

cat >gexit.c <<'EOF'
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static void *run(void *arg)
{
	pause();
	return arg;
}
int main(void)
{
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, run, NULL);
	usleep(20000);
	printf("exit with threads blocked\n");
	exit(3);
}
EOF

cat >spawn.c <<'EOF'
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
extern char **environ;
int main(void)
{
	char *av[] = { "echo", "spawned", NULL };
	pid_t pid;
	int st;

	posix_spawn(&pid, "/bin/echo", NULL, NULL, av, environ);
	waitpid(pid, &st, 0);
	printf("status %d\n", st);
	return 0;
}
EOF

test_expect_success 'build the programs' '
	for p in lexit texec gexit spawn; do
		$cc -O1 -pthread -o $p $p.c || exit 1
	done
'

for p in lexit texec gexit spawn; do
	test_expect_success "$p replays with its recorded output" "
		{ \"\$SREC\" record -q -o $p.srec -- ./$p >$p.rec; true; } &&
		test -s $p.rec &&
		\"\$SREC\" replay --stall-ms 5000 $p.srec >$p.out &&
		test_cmp $p.rec $p.out
	"
done

cat >locks.py <<'EOF'
import threading
out = []
lock = threading.Lock()
def work(i):
    for _ in range(200):
        with lock:
            out.append(i)
ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(out), sum(out))
EOF

# records_and_replays N NAME WANT PROG...: N times, PROG recorded prints
# WANT and its replay prints the same.  Each recording differs in how the
# threads or processes met, which is what these tests are about.
records_and_replays() {
	local n=$1 name=$2 i
	echo "$3" >$name.want
	shift 3
	for i in $(seq "$n"); do
		"$SREC" record -q -o $name.srec -- "$@" >$name.rec &&
		test_cmp $name.want $name.rec &&
		"$SREC" replay -q --stall-ms 5000 $name.srec >$name.out &&
		test_cmp $name.rec $name.out || return 1
	done
}

test_expect_success 'python with 4 threads sharing a lock replays, 5 times' '
	records_and_replays 5 py "800 1200" python3 locks.py
'

# The pool's semaphores live in shared memory that the workers inherit
# (replayed as shared anonymous memory, recorded with the processes
# taking turns); a worker's SIGCHLD may interrupt a futex wait of the
# parent that the kernel then restarts by itself.
cat >pool.py <<'EOF'
import multiprocessing as mp
def square(x):
    return x * x
if __name__ == "__main__":
    with mp.Pool(3) as pool:
        print(sum(pool.map(square, range(100))))
EOF

test_expect_success 'python multiprocessing pool replays, 3 times' '
	records_and_replays 3 pool 328350 python3 pool.py
'

# A SysV shared memory segment that a forked child writes into: replayed
# as shared anonymous memory holding the recorded bytes.
cat >shm.py <<'EOF'
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
sid = libc.shmget(0, 5000, 0o1600)  # IPC_PRIVATE, IPC_CREAT | 0600
p = libc.shmat(sid, None, 0)
ctypes.memmove(p, b"parent", 6)
pid = os.fork()
if pid == 0:
    ctypes.memmove(p + 4096, b"child wrote this", 16)
    os._exit(0)
os.waitpid(pid, 0)
print(ctypes.string_at(p, 6), ctypes.string_at(p + 4096, 16))
libc.shmdt(ctypes.c_void_p(p))
libc.shmctl(sid, 0, None)  # IPC_RMID
EOF

test_expect_success 'SysV shared memory shared with a child replays' '
	"$SREC" record -q -o shm.srec -- python3 shm.py >shm.rec &&
	echo "b'"'"'parent'"'"' b'"'"'child wrote this'"'"'" >shm.want &&
	test_cmp shm.want shm.rec &&
	"$SREC" replay -q shm.srec >shm.out &&
	test_cmp shm.rec shm.out
'

test_done
