// SPDX-License-Identifier: MIT
/*
 * test_arch_gdb.c - the gdb register table (srec_arch_gdb.h): gdb's
 * numbers and sizes, get/set through struct srec_arch_regs and the
 * fxsave area, and the
 * target.xml, which gdb itself must read with the remote numbers srec uses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "srec_arch_gdb.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_table(void **state)
{
	const struct srec_arch_gdb_reg *t;
	size_t n;

	(void)state;
	t = srec_arch_gdb_regs(&n);
	assert_int_equal(n, 27);
	/* gdb's amd64 core order: the g packet is read in this order. */
	assert_string_equal(t[0].name, "rax");
	assert_string_equal(t[7].name, "rsp");
	assert_string_equal(t[16].name, "rip");
	assert_int_equal(t[16].regnum, 16);
	assert_int_equal(t[17].bits, 32);
	assert_string_equal(t[n - 2].name, "fs_base");
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].bits == 32 || t[i].bits == 64);
		assert_true(t[i].off + 8 <= sizeof(struct srec_arch_regs));
		if (i)
			assert_true(t[i].regnum > t[i - 1].regnum);
	}
}

static void test_get_set(void **state)
{
	struct srec_arch_regs r;
	uint8_t b[8];
	const uint8_t in[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	(void)state;
	memset(&r, 0, sizeof(r));
	r.u.rip = 0x401136;
	r.u.eflags = 0x246;
	r.u.fs_base = 0x7ffff7d8a740;
	assert_int_equal(srec_arch_gdb_get(&r, 16, b), 8);
	assert_int_equal(b[0], 0x36);
	assert_int_equal(b[2], 0x40);
	assert_int_equal(srec_arch_gdb_get(&r, 17, b), 4);
	assert_int_equal(b[0], 0x46);
	assert_int_equal(srec_arch_gdb_get(&r, 58, b), 8);
	assert_int_equal(b[5], 0x7f);
	assert_int_equal(srec_arch_gdb_get(&r, 30, b), -ENOENT);
	assert_int_equal(srec_arch_gdb_set(&r, 1, in), 0);
	assert_int_equal(r.u.rbx, 0x0807060504030201ull);
	/* A 32-bit register clears the upper half, as gdb writes all 4. */
	r.u.cs = ~0ull;
	assert_int_equal(srec_arch_gdb_set(&r, 18, in), 0);
	assert_int_equal(r.u.cs, 0x04030201ull);
	assert_int_equal(srec_arch_gdb_set(&r, 999, in), -ENOENT);
}

static void test_fp(void **state)
{
	struct user_fpregs_struct fp;
	uint8_t b[16], in[16];

	(void)state;
	memset(&fp, 0, sizeof(fp));
	fp.cwd = 0x37f;
	fp.ftw = 0x01; /* st0 in use, the rest free */
	fp.mxcsr = 0x1f80;
	fp.st_space[0] = 0x11223344;
	fp.xmm_space[4 * 15 + 3] = 0xdeadbeef;
	assert_int_equal(srec_arch_gdb_get_fp(&fp, 32, b), 4);
	assert_int_equal(b[0] | b[1] << 8, 0x37f);
	assert_int_equal(srec_arch_gdb_get_fp(&fp, 34, b), 4);
	assert_int_equal(b[0] | b[1] << 8, 0xfffc);
	assert_int_equal(srec_arch_gdb_get_fp(&fp, 56, b), 4);
	assert_int_equal(b[0] | b[1] << 8, 0x1f80);
	assert_int_equal(srec_arch_gdb_get_fp(&fp, 24, b), 10);
	assert_int_equal(b[0], 0x44);
	assert_int_equal(srec_arch_gdb_get_fp(&fp, 55, b), 16);
	assert_int_equal(b[12], 0xef);
	assert_int_equal(srec_arch_gdb_get_fp(&fp, 16, b), -ENOENT);
	/* Writes land where reads come from; the tag word round-trips. */
	for (int i = 0; i < 16; i++)
		in[i] = (uint8_t)(0xa0 + i);
	assert_int_equal(srec_arch_gdb_set_fp(&fp, 40, in), 0);
	assert_int_equal(srec_arch_gdb_get_fp(&fp, 40, b), 16);
	assert_memory_equal(b, in, 16);
	in[0] = 0xf0; in[1] = 0xff; in[2] = 0; in[3] = 0;
	assert_int_equal(srec_arch_gdb_set_fp(&fp, 34, in), 0);
	assert_int_equal(fp.ftw, 0x03);
	assert_int_equal(srec_arch_gdb_set_fp(&fp, 60, in), -ENOENT);
}

static void test_tdesc(void **state)
{
	static char xml[16384];
	char small[64], path[256], cmd[512], line[256];
	int n, found = 0;
	FILE *f;

	(void)state;
	n = srec_arch_gdb_tdesc(xml, sizeof(xml));
	assert_true(n > 0);
	assert_int_equal(strlen(xml), (size_t)n);
	assert_non_null(strstr(xml, "<feature name=\"org.gnu.gdb.i386.sse\">"));
	assert_non_null(strstr(xml, "name=\"fs_base\" bitsize=\"64\""));
	assert_non_null(strstr(xml, "name=\"xmm15\" bitsize=\"128\""));
	assert_int_equal(srec_arch_gdb_tdesc(small, sizeof(small)), -ENOSPC);

	/* gdb (scripts/deps.sh installs it) reads the file and numbers
	 * fs_base 58 at g-packet offset 544, as srec serves it. */
	snprintf(path, sizeof(path), "%s/tdesc.xml", SREC_TEST_TMPDIR);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(xml, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "gdb -batch -nx -ex 'set tdesc filename %s' "
		 "-ex 'maint print remote-registers' 2>&1", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char name[32];
		unsigned nr, rel, off, size, rnum, roff;

		if (sscanf(line, " %31s %u %u %u %u %*s %u %u", name, &nr,
			   &rel, &off, &size, &rnum, &roff) == 7 &&
		    (!strcmp(name, "fs_base") || !strcmp(name, "rip") ||
		     !strcmp(name, "mxcsr"))) {
			found++;
			if (!strcmp(name, "fs_base")) {
				assert_int_equal(rnum, 58);
				assert_int_equal(roff, 544);
			}
		}
	}
	assert_int_equal(pclose(f), 0);
	assert_int_equal(found, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_get_set),
		cmocka_unit_test(test_fp),
		cmocka_unit_test(test_tdesc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
