// SPDX-License-Identifier: MIT
/*
 * ptrace_floor.c - the least a ptrace-based recorder must do: stop at
 * every syscall entry and exit (PTRACE_SYSCALL + waitpid) and ask what
 * the call is (PTRACE_GET_SYSCALL_INFO), following forks, vforks, clones
 * and execs, and nothing else: no memory read, no output.  The record
 * benchmark (record_bench.sh) runs it beside strace and `srec record` to
 * show how much of srec's cost is ptrace's own.
 *
 *   ptrace_floor PROG [ARG...]   exit status: PROG's (128+N on signal N)
 *
 * With PTRACE_FLOOR_COUNT=FILE it writes the number of syscalls to FILE.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/ptrace.h>

static const long options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK |
			    PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
			    PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;

static pid_t start(char **argv)
{
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		/* Stop before exec so the tracer can set its options. */
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0 ||
		    raise(SIGSTOP) < 0)
			_exit(126);
		execvp(argv[0], argv);
		fprintf(stderr, "ptrace_floor: %s: %s\n", argv[0],
			strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	return pid;
}

int main(int argc, char **argv)
{
	struct ptrace_syscall_info info;
	unsigned long long calls = 0;
	const char *count_to;
	int status, sig, root_status = 0;
	pid_t root, pid;

	if (argc < 2) {
		fprintf(stderr, "usage: ptrace_floor PROG [ARG...]\n");
		return 2;
	}
	root = start(argv + 1);
	if (root < 0 || waitpid(root, &status, 0) != root ||
	    !WIFSTOPPED(status) ||
	    ptrace(PTRACE_SETOPTIONS, root, NULL, (void *)options) < 0 ||
	    ptrace(PTRACE_SYSCALL, root, NULL, NULL) < 0) {
		perror("ptrace_floor: start");
		return 126;
	}
	/* Until ECHILD: every tracee is gone. */
	while ((pid = waitpid(-1, &status, __WALL)) != 0) {
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (pid == root)
				root_status = status;
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		sig = WSTOPSIG(status);
		if (sig == (SIGTRAP | 0x80)) {
			if (ptrace(PTRACE_GET_SYSCALL_INFO, pid,
				   (void *)sizeof(info), &info) > 0 &&
			    info.op == PTRACE_SYSCALL_INFO_ENTRY)
				calls++;
			sig = 0;
		} else if (status >> 16) {
			/* fork/vfork/clone/exec event stop. */
			sig = 0;
		} else if (sig == SIGSTOP) {
			/* A new tracee's first stop (or a real SIGSTOP, which a
			 * floor measurement can afford to drop). */
			sig = 0;
		}
		ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig);
	}
	count_to = getenv("PTRACE_FLOOR_COUNT");
	if (count_to) {
		FILE *f = fopen(count_to, "w");

		if (f) {
			fprintf(f, "%llu\n", calls);
			fclose(f);
		}
	}
	if (WIFSIGNALED(root_status))
		return 128 + WTERMSIG(root_status);
	return WEXITSTATUS(root_status);
}
