// SPDX-License-Identifier: MIT
/*
 * test_tracee.c - reading and writing a stopped child's memory
 * (srec_tracee_read/write/read_str) and the exec fix-up of a fresh image.
 *
 * The parent maps its test pages before forking, so the child has the
 * same pages at the same addresses (copy-on-write): what the parent reads
 * and writes through the tracee API must be the child's copy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "srec_arch.h"
#include "srec_tracee.h"

static size_t page;
static uint8_t *area; /* [0] rw, [1] read-only, [2] unmapped */

static void setup_area(void)
{
	page = (size_t)sysconf(_SC_PAGESIZE);
	area = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(area != MAP_FAILED);
	memset(area, 'a', page);
	memset(area + page, 'b', page);
	assert_int_equal(mprotect(area + page, page, PROT_READ), 0);
	assert_int_equal(munmap(area + 2 * page, page), 0);
}

/* A child stopped under ptrace, sharing our view of `area`. */
static pid_t stopped_child(void)
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (!pid) {
		/* The child changes its copy so reads prove whose it is. */
		area[0] = 'C';
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSTOPPED(status));
	return pid;
}

static void kill_child(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

static void test_read_cross_page_partial(void **state)
{
	pid_t pid;
	uint8_t buf[64];
	ssize_t n;

	setup_area();
	pid = stopped_child();
	n = srec_tracee_read(pid, (uintptr_t)area, buf, 4);
	assert_int_equal(n, 4);
	assert_memory_equal(buf, "Caaa", 4);
	/* 16 bytes before the end of the read-only page, 32 asked: the read
	 * crosses from a readable page into an unmapped one. */
	n = srec_tracee_read(pid, (uintptr_t)(area + 2 * page - 16), buf, 32);
	assert_int_equal(n, 16);
	assert_memory_equal(buf, "bbbbbbbbbbbbbbbb", 16);
	/* And across the rw -> read-only boundary, whole. */
	n = srec_tracee_read(pid, (uintptr_t)(area + page - 8), buf, 16);
	assert_int_equal(n, 16);
	assert_memory_equal(buf, "aaaaaaaabbbbbbbb", 16);
	n = srec_tracee_read(pid, (uintptr_t)(area + 2 * page), buf, 8);
	assert_true(n < 0);
	kill_child(pid);
	munmap(area, 2 * page);
}

static void test_write_rw_and_readonly(void **state)
{
	pid_t pid;
	uint8_t buf[8];

	setup_area();
	pid = stopped_child();
	assert_int_equal(srec_tracee_write(pid, (uintptr_t)area, "XYZ", 3), 3);
	/* A read-only page is written through /proc/PID/mem, as gdb does
	 * when it plants a breakpoint. */
	assert_int_equal(srec_tracee_write(pid, (uintptr_t)(area + page - 2),
					   "1234", 4),
			 4);
	assert_int_equal(srec_tracee_read(pid, (uintptr_t)area, buf, 3), 3);
	assert_memory_equal(buf, "XYZ", 3);
	assert_int_equal(srec_tracee_read(pid, (uintptr_t)(area + page - 2),
					  buf, 4),
			 4);
	assert_memory_equal(buf, "1234", 4);
	/* Our own copy is untouched. */
	assert_int_equal(area[0], 'a');
	assert_int_equal(area[page], 'b');
	assert_true(srec_tracee_write(pid, (uintptr_t)(area + 2 * page), "x",
				      1) < 0);
	kill_child(pid);
	munmap(area, 2 * page);
}

static void test_read_str(void **state)
{
	pid_t pid;
	char buf[65];
	bool cut;
	ssize_t n;

	setup_area();
	memcpy(area + 100, "hello", 6);
	pid = stopped_child();
	n = srec_tracee_read_str(pid, (uintptr_t)(area + 100), buf, 64, &cut);
	assert_int_equal(n, 5);
	assert_string_equal(buf, "hello");
	assert_false(cut);
	/* No NUL within max. */
	n = srec_tracee_read_str(pid, (uintptr_t)(area + 200), buf, 10, &cut);
	assert_int_equal(n, 10);
	assert_true(cut);
	assert_string_equal(buf, "aaaaaaaaaa");
	/* Memory ends before any NUL: what was there, cut. */
	n = srec_tracee_read_str(pid, (uintptr_t)(area + 2 * page - 5), buf,
				 64, &cut);
	assert_int_equal(n, 5);
	assert_true(cut);
	assert_string_equal(buf, "bbbbb");
	n = srec_tracee_read_str(pid, (uintptr_t)(area + 2 * page), buf, 64,
				 &cut);
	assert_true(n < 0);
	kill_child(pid);
	munmap(area, 2 * page);
}

static void test_mem_callback(void **state)
{
	struct srec_sys_tracee_mem mem;
	pid_t pid, box;
	char buf[4];

	setup_area();
	pid = stopped_child();
	box = pid;
	srec_tracee_mem(&box, &mem);
	assert_int_equal(mem.read(mem.ctx, (uintptr_t)area, buf, 4), 4);
	assert_memory_equal(buf, "Caaa", 4);
	kill_child(pid);
	munmap(area, 2 * page);
}

/* Exec /bin/true stopped before its first instruction and fix it up. */
static void test_exec_fixup(void **state)
{
	struct srec_tracee_exec ex;
	struct srec_arch_regs regs;
	uint64_t saved[128], mem_auxv[128];
	ssize_t saved_len;
	char path[64];
	int status, fd, i;
	bool had_vdso = false;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (!pid) {
		char *argv[] = { "true", "arg1", NULL };
		char *envp[] = { "A=1", "B=2", NULL };

		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		execve("/bin/true", argv, envp);
		_exit(127);
	}
	/* Without PTRACE_O_TRACEEXEC a traced exec stops with SIGTRAP. */
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSTOPPED(status));
	assert_int_equal(WSTOPSIG(status), SIGTRAP);
	assert_int_equal(srec_arch_get_regs(pid, &regs), 0);

	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	saved_len = read(fd, saved, sizeof(saved));
	close(fd);
	assert_true(saved_len > 16);

	assert_int_equal(srec_tracee_exec_fixup(pid, srec_arch_sp(&regs), &ex),
			 0);
	assert_int_equal(ex.sp, srec_arch_sp(&regs));
	assert_non_null(ex.auxv);
	assert_true(ex.auxv_len % 16 == 0 && ex.auxv_len >= 16);
	assert_true(ex.at_random_addr != 0);
	assert_false(ex.secure);
	/* What we return is the kernel's saved auxv with the vDSO entry
	 * turned into AT_IGNORE, and the tracee's stack says the same. */
	assert_true((size_t)saved_len >= ex.auxv_len);
	for (i = 0; (size_t)i < ex.auxv_len / 8; i += 2) {
		uint64_t key, val;

		memcpy(&key, ex.auxv + i * 8, 8);
		memcpy(&val, ex.auxv + i * 8 + 8, 8);
		assert_true(key != AT_SYSINFO_EHDR);
		if (saved[i] == AT_SYSINFO_EHDR) {
			had_vdso = true;
			assert_int_equal(key, AT_IGNORE);
		} else {
			assert_int_equal(key, saved[i]);
		}
		assert_int_equal(val, saved[i + 1]);
	}
	assert_int_equal(had_vdso, ex.vdso_hidden);
	assert_int_equal(srec_tracee_read(pid, ex.auxv_addr, mem_auxv,
					  ex.auxv_len),
			 (ssize_t)ex.auxv_len);
	assert_memory_equal(mem_auxv, ex.auxv, ex.auxv_len);
	{
		uint8_t rnd[16];

		assert_int_equal(srec_tracee_read(pid, ex.at_random_addr, rnd,
						  16),
				 16);
		assert_memory_equal(rnd, ex.at_random, 16);
	}
	free(ex.auxv);
	/* The fixed-up program still runs to completion. */
	assert_int_equal(ptrace(PTRACE_CONT, pid, NULL, NULL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_exec_fixup_bad_sp(void **state)
{
	struct srec_tracee_exec ex;
	pid_t pid;

	setup_area();
	pid = stopped_child();
	assert_true(srec_tracee_exec_fixup(pid, (uintptr_t)(area + 2 * page),
					   &ex) < 0);
	assert_null(ex.auxv);
	kill_child(pid);
	munmap(area, 2 * page);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_cross_page_partial),
		cmocka_unit_test(test_write_rw_and_readonly),
		cmocka_unit_test(test_read_str),
		cmocka_unit_test(test_mem_callback),
		cmocka_unit_test(test_exec_fixup),
		cmocka_unit_test(test_exec_fixup_bad_sp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
