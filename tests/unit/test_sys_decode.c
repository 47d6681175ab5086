// SPDX-License-Identifier: MIT
/*
 * test_sys_decode.c - strace-style decoding (srec_sys_format_*) of
 * synthetic calls: each test builds a Srec__Syscall with the memory a
 * recorder would have captured and checks the exact line strace 6.1
 * prints for the same call.
 */
#define _GNU_SOURCE /* AT_EMPTY_PATH */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "srec_sys.h"

/* One synthetic call with up to 16 memory regions. */
struct call {
	Srec__Syscall sc;
	uint64_t args[6];
	Srec__Mem mem[16];
	Srec__Mem *memp[16];
	struct srec_buf text;
};

static void call_init(struct call *c, unsigned nr, uint64_t a0, uint64_t a1,
		      uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	memset(c, 0, sizeof(*c));
	srec__syscall__init(&c->sc);
	c->args[0] = a0;
	c->args[1] = a1;
	c->args[2] = a2;
	c->args[3] = a3;
	c->args[4] = a4;
	c->args[5] = a5;
	c->sc.has_nr = true;
	c->sc.nr = nr;
	c->sc.n_args = 6;
	c->sc.args = c->args;
	c->sc.mem = c->memp;
}

static void call_ret(struct call *c, int64_t ret)
{
	c->sc.has_ret = true;
	c->sc.ret = ret;
}

/* A region of @len bytes in the tracee of which @stored were kept. */
static Srec__Mem *mem_add(struct call *c, unsigned arg, int dir, uint64_t addr,
			  const void *data, size_t len, size_t stored)
{
	Srec__Mem *m = &c->mem[c->sc.n_mem];

	srec__mem__init(m);
	m->has_arg = m->has_dir = m->has_addr = m->has_len = true;
	m->arg = arg;
	m->dir = dir;
	m->addr = addr;
	m->len = len;
	if (data) {
		m->has_data = true;
		m->data.data = (uint8_t *)data;
		m->data.len = stored;
	}
	c->memp[c->sc.n_mem++] = m;
	return m;
}

/* A NUL-terminated string the call read (path, argv element). */
static Srec__Mem *mem_str(struct call *c, unsigned arg, uint64_t addr,
			  const char *s)
{
	Srec__Mem *m = mem_add(c, arg, SREC__DIR__IN, addr, s, strlen(s) + 1,
			       strlen(s));

	m->has_str = true;
	m->str = true;
	return m;
}

/* The dump line of the call, through srec_sys_format_event(). */
static const char *line_opts(struct call *c,
			     const struct srec_sys_fmt_opts *o)
{
	Srec__Event ev;

	srec__event__init(&ev);
	ev.kind_case = SREC__EVENT__KIND_SYSCALL;
	ev.syscall = &c->sc;
	srec_buf_free(&c->text);
	assert_true(srec_sys_format_event(&ev, o, &c->text));
	return srec_buf_str(&c->text);
}

static const char *line(struct call *c)
{
	static const struct srec_sys_fmt_opts o = { .max_str = 32 };

	return line_opts(c, &o);
}

static void call_free(struct call *c)
{
	srec_buf_free(&c->text);
}

#define EXPECT(c, s) assert_string_equal(line(c), s)

enum { P1 = 0x1000, P2 = 0x2000, P3 = 0x3000, P4 = 0x4000, P5 = 0x5000 };

/* ---- files ----------------------------------------------------------- */

static void test_openat(void **state)
{
	struct call c;

	call_init(&c, SYS_openat, (uint64_t)AT_FDCWD, P1, O_RDONLY | O_CLOEXEC,
		  0, 0, 0);
	mem_str(&c, 1, P1, "/etc/passwd");
	call_ret(&c, 3);
	EXPECT(&c, "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3");
	call_free(&c);
}

static void test_openat_creat_mode_error(void **state)
{
	struct call c;

	call_init(&c, SYS_openat, 5, P1, O_WRONLY | O_CREAT | O_TRUNC, 0644,
		  0, 0);
	mem_str(&c, 1, P1, "out.txt");
	call_ret(&c, -EACCES);
	EXPECT(&c, "openat(5, \"out.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = "
		   "-1 EACCES (Permission denied)");
	call_free(&c);
}

static void test_open_path_not_truncated(void **state)
{
	static const char path[] = "/a/very/long/path/that/is/longer/than"
				   "/thirty-two/bytes";
	struct call c;

	call_init(&c, SYS_open, P1, O_RDONLY, 0, 0, 0, 0);
	mem_str(&c, 0, P1, path);
	call_ret(&c, -ENOENT);
	EXPECT(&c, "open(\"/a/very/long/path/that/is/longer/than/thirty-two"
		   "/bytes\", O_RDONLY) = -1 ENOENT (No such file or "
		   "directory)");
	call_free(&c);
}

static void test_path_not_captured_prints_address(void **state)
{
	struct call c;

	call_init(&c, SYS_openat, (uint64_t)AT_FDCWD, 0x7ffd1000, O_RDONLY, 0,
		  0, 0);
	call_ret(&c, -EFAULT);
	EXPECT(&c, "openat(AT_FDCWD, 0x7ffd1000, O_RDONLY) = -1 EFAULT (Bad "
		   "address)");
	call_free(&c);
}

static void test_path_null(void **state)
{
	struct call c;

	call_init(&c, SYS_chdir, 0, 0, 0, 0, 0, 0);
	call_ret(&c, -EFAULT);
	EXPECT(&c, "chdir(NULL) = -1 EFAULT (Bad address)");
	call_free(&c);
}

static void test_path_fault_partial(void **state)
{
	struct call c;
	Srec__Mem *m;

	call_init(&c, SYS_unlink, P1, 0, 0, 0, 0, 0);
	m = mem_add(&c, 0, SREC__DIR__IN, P1, "/tmp/par", 4096, 8);
	m->has_str = m->str = true;
	m->has_fault = m->fault = true;
	call_ret(&c, -EFAULT);
	EXPECT(&c, "unlink(\"/tmp/par\"...) = -1 EFAULT (Bad address)");
	call_free(&c);
}

static void test_read_truncated(void **state)
{
	static const char data[] = "root:x:0:0:root:/root:/bin/bash\nbin:x";
	struct call c;

	call_init(&c, SYS_read, 3, P1, 4096, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__OUT, P1, data, sizeof(data) - 1,
		sizeof(data) - 1);
	call_ret(&c, sizeof(data) - 1);
	EXPECT(&c, "read(3, \"root:x:0:0:root:/root:/bin/bash\\n\"..., 4096)"
		   " = 37");
	call_free(&c);
}

static void test_read_error_prints_address(void **state)
{
	struct call c;

	call_init(&c, SYS_read, 9, 0x7ffc0000, 10, 0, 0, 0);
	call_ret(&c, -EBADF);
	EXPECT(&c, "read(9, 0x7ffc0000, 10) = -1 EBADF (Bad file "
		   "descriptor)");
	call_free(&c);
}

static void test_read_eof(void **state)
{
	struct call c;

	call_init(&c, SYS_read, 0, P1, 10, 0, 0, 0);
	call_ret(&c, 0);
	EXPECT(&c, "read(0, \"\", 10) = 0");
	call_free(&c);
}

static void test_write_escapes(void **state)
{
	static const char data[] = "a\0b\1" "1\033x\177\377\t\n\r\v\f\"\\z";
	struct call c;

	call_init(&c, SYS_write, 1, P1, sizeof(data), 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, data, sizeof(data), sizeof(data));
	call_ret(&c, sizeof(data));
	EXPECT(&c, "write(1, \"a\\0b\\0011\\33x\\177\\377\\t\\n\\r\\v\\f\\\""
		   "\\\\z\\0\", 18) = 18");
	call_free(&c);
}

static void test_write_max_str(void **state)
{
	static const char data[] = "0123456789012345678901234567890123456789";
	struct srec_sys_fmt_opts o = { .max_str = 5 };
	struct call c;

	call_init(&c, SYS_write, 1, P1, 40, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, data, 40, 40);
	call_ret(&c, 40);
	assert_string_equal(line_opts(&c, &o),
			    "write(1, \"01234\"..., 40) = 40");
	o.max_str = 0;
	assert_string_equal(line_opts(&c, &o), "write(1, \"\"..., 40) = 40");
	o.max_str = 40;
	assert_string_equal(
		line_opts(&c, &o),
		"write(1, \"0123456789012345678901234567890123456789"
		"\", 40) = 40");
	o.max_str = 1000;
	assert_string_equal(
		line_opts(&c, &o),
		"write(1, \"0123456789012345678901234567890123456789"
		"\", 40) = 40");
	call_free(&c);
}

static void test_write_exactly_max(void **state)
{
	static const char data[] = "01234567890123456789012345678901";
	struct call c;

	call_init(&c, SYS_write, 2, P1, 32, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, data, 32, 32);
	call_ret(&c, 32);
	EXPECT(&c, "write(2, \"01234567890123456789012345678901\", 32) = 32");
	call_free(&c);
}

static void test_write_capped_by_recorder(void **state)
{
	/* Recorded with -s 4: only 4 of the 10 bytes were kept. */
	struct call c;

	call_init(&c, SYS_write, 1, P1, 10, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, "hell", 10, 4);
	call_ret(&c, 10);
	EXPECT(&c, "write(1, \"hell\"..., 10) = 10");
	call_free(&c);
}

static void test_close(void **state)
{
	struct call c;

	call_init(&c, SYS_close, 3, 0, 0, 0, 0, 0);
	call_ret(&c, 0);
	EXPECT(&c, "close(3) = 0");
	/* The two halves, as query and diff use them. */
	srec_buf_reset(&c.text);
	srec_sys_format_call(&c.sc, NULL, &c.text);
	assert_string_equal(srec_buf_str(&c.text), "close(3)");
	srec_buf_reset(&c.text);
	srec_sys_format_ret(&c.sc, &c.text);
	assert_string_equal(srec_buf_str(&c.text), " = 0");
	call_free(&c);
}

static void test_lseek(void **state)
{
	struct call c;

	call_init(&c, SYS_lseek, 3, 10, SEEK_SET, 0, 0, 0);
	call_ret(&c, 10);
	EXPECT(&c, "lseek(3, 10, SEEK_SET) = 10");
	call_free(&c);
}

static void test_newfstatat(void **state)
{
	uint8_t st[144] = { 0 };
	uint32_t mode = S_IFREG | 0644;
	int64_t size = 1221;
	struct call c;

	memcpy(st + 24, &mode, 4);
	memcpy(st + 48, &size, 8);
	call_init(&c, SYS_newfstatat, 3, P1, P2, AT_EMPTY_PATH, 0, 0);
	mem_str(&c, 1, P1, "");
	mem_add(&c, 2, SREC__DIR__OUT, P2, st, sizeof(st), sizeof(st));
	call_ret(&c, 0);
	EXPECT(&c, "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=1221, "
		   "...}, AT_EMPTY_PATH) = 0");
	call_free(&c);
}

static void test_newfstatat_enoent(void **state)
{
	struct call c;

	call_init(&c, SYS_newfstatat, (uint64_t)AT_FDCWD, P1, 0x7ffd0010, 0, 0,
		  0);
	mem_str(&c, 1, P1, "/nonexist");
	call_ret(&c, -ENOENT);
	EXPECT(&c, "newfstatat(AT_FDCWD, \"/nonexist\", 0x7ffd0010, 0) = -1 "
		   "ENOENT (No such file or directory)");
	call_free(&c);
}

static void test_fstat_chr_and_short_region(void **state)
{
	uint8_t st[144] = { 0 };
	uint32_t mode = S_IFCHR | 0620;
	uint64_t rdev = (136 << 8) | 2;
	struct call c;

	memcpy(st + 24, &mode, 4);
	memcpy(st + 40, &rdev, 8);
	call_init(&c, SYS_fstat, 1, P2, 0, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__OUT, P2, st, sizeof(st), sizeof(st));
	call_ret(&c, 0);
	EXPECT(&c, "fstat(1, {st_mode=S_IFCHR|0620, st_rdev=makedev(0x88, "
		   "0x2), ...}) = 0");
	call_free(&c);
	/* A stat region cut short prints as the address. */
	call_init(&c, SYS_fstat, 1, P2, 0, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__OUT, P2, st, sizeof(st), 20);
	call_ret(&c, 0);
	EXPECT(&c, "fstat(1, 0x2000) = 0");
	call_free(&c);
}

static void test_pipe2_dup3(void **state)
{
	int fds[2] = { 3, 4 };
	struct call c;

	call_init(&c, SYS_pipe2, P1, O_CLOEXEC | O_NONBLOCK, 0, 0, 0, 0);
	mem_add(&c, 0, SREC__DIR__OUT, P1, fds, 8, 8);
	call_ret(&c, 0);
	EXPECT(&c, "pipe2([3, 4], O_NONBLOCK|O_CLOEXEC) = 0");
	call_free(&c);
	call_init(&c, SYS_dup3, 3, 10, O_CLOEXEC, 0, 0, 0);
	call_ret(&c, 10);
	EXPECT(&c, "dup3(3, 10, O_CLOEXEC) = 10");
	call_free(&c);
}

static void test_fcntl(void **state)
{
	struct call c;

	call_init(&c, SYS_fcntl, 3, F_GETFL, 0, 0, 0, 0);
	call_ret(&c, 0x800);
	EXPECT(&c, "fcntl(3, F_GETFL) = 0x800 (flags O_RDONLY|O_NONBLOCK)");
	call_free(&c);
	call_init(&c, SYS_fcntl, 3, F_SETFD, FD_CLOEXEC, 0, 0, 0);
	call_ret(&c, 0);
	EXPECT(&c, "fcntl(3, F_SETFD, FD_CLOEXEC) = 0");
	call_free(&c);
	call_init(&c, SYS_fcntl, 3, F_DUPFD_CLOEXEC, 20, 0, 0, 0);
	call_ret(&c, 20);
	EXPECT(&c, "fcntl(3, F_DUPFD_CLOEXEC, 20) = 20");
	call_free(&c);
}

static void test_getdents64(void **state)
{
	uint8_t buf[48] = { 0 };
	uint16_t reclen = 24;
	struct call c;

	memcpy(buf + 16, &reclen, 2);
	memcpy(buf + 24 + 16, &reclen, 2);
	call_init(&c, SYS_getdents64, 9, P1, 64, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__OUT, P1, buf, 48, 48);
	call_ret(&c, 48);
	EXPECT(&c, "getdents64(9, 0x1000 /* 2 entries */, 64) = 48");
	call_free(&c);
	/* End of the directory: nothing written, nothing captured. */
	call_init(&c, SYS_getdents64, 9, P1, 64, 0, 0, 0);
	call_ret(&c, 0);
	EXPECT(&c, "getdents64(9, 0x1000 /* 0 entries */, 64) = 0");
	call_free(&c);
}

static void test_readlinkat_getcwd(void **state)
{
	struct call c;

	call_init(&c, SYS_readlinkat, (uint64_t)AT_FDCWD, P1, P2, 64, 0, 0);
	mem_str(&c, 1, P1, "/proc/self/exe");
	mem_add(&c, 2, SREC__DIR__OUT, P2, "/tmp/dec/m", 10, 10);
	call_ret(&c, 10);
	EXPECT(&c, "readlinkat(AT_FDCWD, \"/proc/self/exe\", \"/tmp/dec/m\", "
		   "64) = 10");
	call_free(&c);
	call_init(&c, SYS_getcwd, P1, 100, 0, 0, 0, 0);
	mem_add(&c, 0, SREC__DIR__OUT, P1, "/tmp/dec", 9, 9);
	call_ret(&c, 9);
	EXPECT(&c, "getcwd(\"/tmp/dec\", 100) = 9");
	call_free(&c);
}

static void test_dir_calls(void **state)
{
	struct call c;

	call_init(&c, SYS_mkdirat, (uint64_t)AT_FDCWD, P1, 0755, 0, 0, 0);
	mem_str(&c, 1, P1, "/tmp/dd");
	call_ret(&c, 0);
	EXPECT(&c, "mkdirat(AT_FDCWD, \"/tmp/dd\", 0755) = 0");
	call_free(&c);
	call_init(&c, SYS_renameat2, (uint64_t)AT_FDCWD, P1,
		  (uint64_t)AT_FDCWD, P2, 1 /* RENAME_NOREPLACE */, 0);
	mem_str(&c, 1, P1, "/tmp/dd");
	mem_str(&c, 3, P2, "/tmp/ee");
	call_ret(&c, 0);
	EXPECT(&c, "renameat2(AT_FDCWD, \"/tmp/dd\", AT_FDCWD, \"/tmp/ee\", "
		   "RENAME_NOREPLACE) = 0");
	call_free(&c);
	call_init(&c, SYS_unlinkat, (uint64_t)AT_FDCWD, P1, AT_REMOVEDIR, 0,
		  0, 0);
	mem_str(&c, 1, P1, "/tmp/ee");
	call_ret(&c, -ENOTEMPTY);
	EXPECT(&c, "unlinkat(AT_FDCWD, \"/tmp/ee\", AT_REMOVEDIR) = -1 "
		   "ENOTEMPTY (Directory not empty)");
	call_free(&c);
}

static void test_access_chmod_umask(void **state)
{
	struct call c;

	call_init(&c, SYS_access, P1, R_OK | W_OK, 0, 0, 0, 0);
	mem_str(&c, 0, P1, "/tmp/cc");
	call_ret(&c, 0);
	EXPECT(&c, "access(\"/tmp/cc\", R_OK|W_OK) = 0");
	call_free(&c);
	call_init(&c, SYS_chmod, P1, 0600, 0, 0, 0, 0);
	mem_str(&c, 0, P1, "/tmp/cc");
	call_ret(&c, 0);
	EXPECT(&c, "chmod(\"/tmp/cc\", 0600) = 0");
	call_free(&c);
	call_init(&c, SYS_umask, 022, 0, 0, 0, 0, 0);
	call_ret(&c, 022);
	EXPECT(&c, "umask(022) = 022");
	call_free(&c);
}

static void test_writev(void **state)
{
	uint64_t iov[4] = { P2, 2, P3, 3 };
	struct call c;

	call_init(&c, SYS_writev, 1, P1, 2, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, iov, sizeof(iov), sizeof(iov));
	mem_add(&c, 1, SREC__DIR__IN, P2, "ab", 2, 2);
	mem_add(&c, 1, SREC__DIR__IN, P3, "cd\n", 3, 3);
	call_ret(&c, 5);
	EXPECT(&c, "writev(1, [{iov_base=\"ab\", iov_len=2}, {iov_base="
		   "\"cd\\n\", iov_len=3}], 2) = 5");
	call_free(&c);
}

static void test_ioctl(void **state)
{
	uint16_t ws[4] = { 24, 80, 0, 0 };
	struct call c;

	call_init(&c, SYS_ioctl, 1, 0x5413, 0x7ffc14ac, 0, 0, 0);
	call_ret(&c, -ENOTTY);
	EXPECT(&c, "ioctl(1, TIOCGWINSZ, 0x7ffc14ac) = -1 ENOTTY "
		   "(Inappropriate ioctl for device)");
	call_free(&c);
	call_init(&c, SYS_ioctl, 1, 0x5413, P1, 0, 0, 0);
	mem_add(&c, 2, SREC__DIR__OUT, P1, ws, 8, 8);
	call_ret(&c, 0);
	EXPECT(&c, "ioctl(1, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, "
		   "ws_ypixel=0}) = 0");
	call_free(&c);
}

/* ---- memory ---------------------------------------------------------- */

static void test_mmap_family(void **state)
{
	struct call c;

	call_init(&c, SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0);
	call_ret(&c, 0x7ffff7fb5000);
	EXPECT(&c, "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|"
		   "MAP_ANONYMOUS, -1, 0) = 0x7ffff7fb5000");
	call_free(&c);
	call_init(&c, SYS_mmap, 0x7f8007841000, 1400832, PROT_READ | PROT_EXEC,
		  MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE, 3, 0x26000);
	call_ret(&c, 0x7f8007841000);
	EXPECT(&c, "mmap(0x7f8007841000, 1400832, PROT_READ|PROT_EXEC, "
		   "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x26000) = "
		   "0x7f8007841000");
	call_free(&c);
	call_init(&c, SYS_mmap, 0, 1UL << 40, PROT_READ,
		  MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0);
	call_ret(&c, -ENOMEM);
	EXPECT(&c,
	       "mmap(NULL, 1099511627776, PROT_READ, MAP_PRIVATE|"
	       "MAP_ANONYMOUS, -1, 0) = -1 ENOMEM (Cannot allocate memory)");
	call_free(&c);
	call_init(&c, SYS_mprotect, 0x7f8a9f488000, 4096, PROT_READ, 0, 0, 0);
	call_ret(&c, 0);
	EXPECT(&c, "mprotect(0x7f8a9f488000, 4096, PROT_READ) = 0");
	call_free(&c);
	call_init(&c, SYS_munmap, 0x7f8a9f488000, 8192, 0, 0, 0, 0);
	call_ret(&c, 0);
	EXPECT(&c, "munmap(0x7f8a9f488000, 8192) = 0");
	call_free(&c);
	call_init(&c, SYS_brk, 0, 0, 0, 0, 0, 0);
	call_ret(&c, 0x56550806d000);
	EXPECT(&c, "brk(NULL) = 0x56550806d000");
	call_free(&c);
}

/* ---- processes ------------------------------------------------------- */

static void test_getpid_kill(void **state)
{
	struct call c;

	call_init(&c, SYS_getpid, 0, 0, 0, 0, 0, 0);
	call_ret(&c, 5412);
	EXPECT(&c, "getpid() = 5412");
	call_free(&c);
	call_init(&c, SYS_getppid, 0, 0, 0, 0, 0, 0);
	call_ret(&c, 1);
	EXPECT(&c, "getppid() = 1");
	call_free(&c);
	call_init(&c, SYS_kill, 5412, SIGTERM, 0, 0, 0, 0);
	call_ret(&c, -ESRCH);
	EXPECT(&c, "kill(5412, SIGTERM) = -1 ESRCH (No such process)");
	call_free(&c);
}

static void test_clone(void **state)
{
	struct call c;

	call_init(&c, SYS_clone, 0x1200000 | SIGCHLD, 0, 0, 0x7f8a9f29aa10, 0,
		  0);
	call_ret(&c, 5413);
	EXPECT(&c, "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|"
		   "CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f8a9f29aa10) = "
		   "5413");
	call_free(&c);
}

static void test_execve(void **state)
{
	uint64_t argv[3] = { P2, P3, 0 }, envp[2] = { P5, 0 };
	struct call c;

	call_init(&c, SYS_execve, P1, P4, 0x7ffd1400, 0, 0, 0);
	mem_str(&c, 0, P1, "/bin/true");
	mem_add(&c, 1, SREC__DIR__IN, P4, argv, sizeof(argv), sizeof(argv));
	mem_str(&c, 1, P2, "/bin/true");
	mem_str(&c, 1, P3, "x");
	mem_add(&c, 2, SREC__DIR__IN, 0x7ffd1400, envp, sizeof(envp),
		sizeof(envp));
	mem_str(&c, 2, P5, "A=1");
	call_ret(&c, 0);
	EXPECT(&c, "execve(\"/bin/true\", [\"/bin/true\", \"x\"], 0x7ffd1400 "
		   "/* 1 var */) = 0");
	call_free(&c);
}

static void test_exit_group_no_return(void **state)
{
	struct call c;

	call_init(&c, SYS_exit_group, 0, 0, 0, 0, 0, 0);
	c.sc.has_no_return = c.sc.no_return = true;
	EXPECT(&c, "exit_group(0) = ?");
	call_free(&c);
}

static void test_wait4(void **state)
{
	int status = 3 << 8;
	struct call c;

	call_init(&c, SYS_wait4, 5413, P1, 0, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__OUT, P1, &status, 4, 4);
	call_ret(&c, 5413);
	EXPECT(&c, "wait4(5413, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, "
		   "NULL) = 5413");
	call_free(&c);
	status = SIGKILL;
	call_init(&c, SYS_wait4, (uint64_t)-1, P1, 0, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__OUT, P1, &status, 4, 4);
	call_ret(&c, 77);
	EXPECT(&c, "wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], "
		   "0, NULL) = 77");
	call_free(&c);
}

static void test_prlimit64_uname(void **state)
{
	uint64_t rl[2] = { 8192 * 1024, UINT64_MAX };
	char uts[65 * 6] = { 0 };
	struct call c;

	call_init(&c, SYS_prlimit64, 0, RLIMIT_STACK, 0, P1, 0, 0);
	mem_add(&c, 3, SREC__DIR__OUT, P1, rl, 16, 16);
	call_ret(&c, 0);
	EXPECT(&c, "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, "
		   "rlim_max=RLIM64_INFINITY}) = 0");
	call_free(&c);
	strcpy(uts, "Linux");
	strcpy(uts + 65, "vm");
	call_init(&c, SYS_uname, P1, 0, 0, 0, 0, 0);
	mem_add(&c, 0, SREC__DIR__OUT, P1, uts, sizeof(uts), sizeof(uts));
	call_ret(&c, 0);
	EXPECT(&c, "uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0");
	call_free(&c);
}

static void test_getrandom(void **state)
{
	static const uint8_t rnd[8] = { 0xc4, 0x99, 0x5c, 0x41, 0xd4, 0xcb,
					0xeb, 0xda };
	struct call c;

	call_init(&c, SYS_getrandom, P1, 8, 1 /* GRND_NONBLOCK */, 0, 0, 0);
	mem_add(&c, 0, SREC__DIR__OUT, P1, rnd, 8, 8);
	call_ret(&c, 8);
	EXPECT(&c, "getrandom(\"\\xc4\\x99\\x5c\\x41\\xd4\\xcb\\xeb\\xda\", "
		   "8, GRND_NONBLOCK) = 8");
	call_free(&c);
}

/* ---- signals --------------------------------------------------------- */

static void test_rt_sigaction(void **state)
{
	uint64_t sa[4] = { 0x55603b1fa499, 0x04000000 | SA_RESTART,
			   0x7f8a9f2d9050,
			   (1UL << (SIGINT - 1)) | (1UL << (SIGTERM - 1)) };
	struct call c;

	call_init(&c, SYS_rt_sigaction, SIGUSR1, P1, 0, 8, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, sa, sizeof(sa), sizeof(sa));
	call_ret(&c, 0);
	EXPECT(&c, "rt_sigaction(SIGUSR1, {sa_handler=0x55603b1fa499, "
		   "sa_mask=[INT TERM], sa_flags=SA_RESTORER|SA_RESTART, "
		   "sa_restorer=0x7f8a9f2d9050}, NULL, 8) = 0");
	call_free(&c);
}

static void test_rt_sigprocmask(void **state)
{
	uint64_t set = 1UL << (SIGUSR2 - 1);
	uint64_t all = ~((1UL << (SIGKILL - 1)) | (1UL << 31) | (1UL << 32));
	struct call c;

	call_init(&c, SYS_rt_sigprocmask, SIG_BLOCK, P1, 0, 8, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, &set, 8, 8);
	call_ret(&c, 0);
	EXPECT(&c, "rt_sigprocmask(SIG_BLOCK, [USR2], NULL, 8) = 0");
	call_free(&c);
	call_init(&c, SYS_rt_sigprocmask, SIG_SETMASK, P1, P2, 8, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, &all, 8, 8);
	mem_add(&c, 2, SREC__DIR__OUT, P2, &set, 8, 8);
	call_ret(&c, 0);
	EXPECT(&c, "rt_sigprocmask(SIG_SETMASK, ~[KILL RTMIN RT_1], [USR2], "
		   "8) = 0");
	call_free(&c);
}

static void test_signal_event_lines(void **state)
{
	uint8_t si[128] = { 0 };
	int32_t v;
	Srec__Event ev;
	Srec__Signal sig;
	Srec__Exit ex;
	struct srec_sys_fmt_opts o = { .max_str = 32, .show_pid = true };
	struct srec_buf b = SREC_BUF_INIT;

	v = SIGCHLD;
	memcpy(si, &v, 4);
	v = 1; /* CLD_EXITED */
	memcpy(si + 8, &v, 4);
	v = 1235;
	memcpy(si + 16, &v, 4);
	srec__event__init(&ev);
	srec__signal__init(&sig);
	sig.signo = SIGCHLD;
	sig.has_siginfo = true;
	sig.siginfo.data = si;
	sig.siginfo.len = sizeof(si);
	ev.tid = 1234;
	ev.kind_case = SREC__EVENT__KIND_SIGNAL;
	ev.signal = &sig;
	assert_true(srec_sys_format_event(&ev, &o, &b));
	assert_string_equal(srec_buf_str(&b),
			    "[pid 1234] --- SIGCHLD {si_signo=SIGCHLD, "
			    "si_code=CLD_EXITED, si_pid=1235, si_uid=0, "
			    "si_status=0, si_utime=0, si_stime=0} ---");
	srec_buf_reset(&b);
	/* Without the raw siginfo, from the event's fields. */
	sig.has_siginfo = false;
	sig.signo = SIGSEGV;
	sig.code = 1;
	sig.addr = 0x10;
	o.show_pid = false;
	assert_true(srec_sys_format_event(&ev, &o, &b));
	assert_string_equal(
		srec_buf_str(&b),
		"--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, "
		"si_addr=0x10} ---");
	srec_buf_reset(&b);
	srec__exit__init(&ex);
	ev.kind_case = SREC__EVENT__KIND_EXIT;
	ev.exit = &ex;
	assert_true(srec_sys_format_event(&ev, &o, &b));
	assert_string_equal(srec_buf_str(&b), "+++ exited with 0 +++");
	srec_buf_reset(&b);
	ex.signal = SIGKILL;
	assert_true(srec_sys_format_event(&ev, &o, &b));
	assert_string_equal(srec_buf_str(&b), "+++ killed by SIGKILL +++");
	srec_buf_reset(&b);
	ex.signal = SIGSEGV;
	ex.core_dumped = true;
	assert_true(srec_sys_format_event(&ev, &o, &b));
	assert_string_equal(srec_buf_str(&b),
			    "+++ killed by SIGSEGV (core dumped) +++");
	srec_buf_reset(&b);
	ev.kind_case = SREC__EVENT__KIND_NOTE;
	assert_false(srec_sys_format_event(&ev, &o, &b));
	assert_int_equal(b.len, 0);
	srec_buf_free(&b);
}

/* ---- network --------------------------------------------------------- */

static void test_socket_connect(void **state)
{
	uint8_t sin[16] = { AF_INET, 0, 0, 80, 127, 0, 0, 1 };
	uint8_t sun[110] = { AF_UNIX, 0 };
	uint8_t sin6[28] = { AF_INET6, 0, 0, 80 };
	struct call c;

	call_init(&c, SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, 0, 0,
		  0);
	call_ret(&c, 6);
	EXPECT(&c, "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 6");
	call_free(&c);
	call_init(&c, SYS_connect, 3, P1, 16, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, sin, 16, 16);
	call_ret(&c, 0);
	EXPECT(&c, "connect(3, {sa_family=AF_INET, sin_port=htons(80), "
		   "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
	call_free(&c);
	strcpy((char *)sun + 2, "/tmp/nonexist.sock");
	call_init(&c, SYS_connect, 6, P1, 110, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, sun, 110, 110);
	call_ret(&c, -ENOENT);
	EXPECT(&c, "connect(6, {sa_family=AF_UNIX, sun_path="
		   "\"/tmp/nonexist.sock\"}, 110) = -1 ENOENT (No such file or "
		   "directory)");
	call_free(&c);
	sin6[23] = 1;
	call_init(&c, SYS_connect, 8, P1, 28, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, sin6, 28, 28);
	call_ret(&c, -ECONNREFUSED);
	EXPECT(&c, "connect(8, {sa_family=AF_INET6, sin6_port=htons(80), "
		   "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", "
		   "&sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED "
		   "(Connection refused)");
	call_free(&c);
}

static void test_poll(void **state)
{
	int16_t in[8] = { 3, 0, POLLIN, 0, 4, 0, POLLOUT, 0 };
	int16_t out[8] = { 3, 0, POLLIN, 0, 4, 0, POLLOUT, POLLOUT };
	struct call c;

	call_init(&c, SYS_poll, P1, 2, 100, 0, 0, 0);
	mem_add(&c, 0, SREC__DIR__IN, P1, in, 16, 16);
	mem_add(&c, 0, SREC__DIR__OUT, P1, out, 16, 16);
	call_ret(&c, 1);
	EXPECT(&c, "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}], 2, "
		   "100) = 1 ([{fd=4, revents=POLLOUT}])");
	call_free(&c);
	call_init(&c, SYS_poll, P1, 1, 0, 0, 0, 0);
	mem_add(&c, 0, SREC__DIR__IN, P1, in, 8, 8);
	call_ret(&c, 0);
	EXPECT(&c, "poll([{fd=3, events=POLLIN}], 1, 0) = 0 (Timeout)");
	call_free(&c);
}

static void test_epoll_ctl(void **state)
{
	uint8_t ev[12] = { 1 /* EPOLLIN */, 0, 0, 0, 3 };
	struct call c;

	call_init(&c, SYS_epoll_ctl, 12, 1 /* EPOLL_CTL_ADD */, 3, P1, 0, 0);
	mem_add(&c, 3, SREC__DIR__IN, P1, ev, 12, 12);
	call_ret(&c, 0);
	EXPECT(&c, "epoll_ctl(12, EPOLL_CTL_ADD, 3, {events=EPOLLIN, "
		   "data={u32=3, u64=3}}) = 0");
	call_free(&c);
}

/* ---- time ------------------------------------------------------------ */

static void test_clock_calls(void **state)
{
	int64_t ts[2] = { 12, 345 };
	struct call c;

	call_init(&c, SYS_clock_gettime, 1 /* CLOCK_MONOTONIC */, P1, 0, 0, 0,
		  0);
	mem_add(&c, 1, SREC__DIR__OUT, P1, ts, 16, 16);
	call_ret(&c, 0);
	EXPECT(&c, "clock_gettime(CLOCK_MONOTONIC, {tv_sec=12, tv_nsec=345}) "
		   "= 0");
	call_free(&c);
	ts[0] = 0;
	ts[1] = 1000;
	call_init(&c, SYS_nanosleep, P1, 0, 0, 0, 0, 0);
	mem_add(&c, 0, SREC__DIR__IN, P1, ts, 16, 16);
	call_ret(&c, 0);
	EXPECT(&c, "nanosleep({tv_sec=0, tv_nsec=1000}, NULL) = 0");
	call_free(&c);
}

/* ---- odd input ------------------------------------------------------- */

static void test_unknown_number(void **state)
{
	struct call c;

	call_init(&c, 0x1d0 + 1000, 1, 2, 0, 0, 0, 0);
	call_ret(&c, -ENOSYS);
	EXPECT(&c, "syscall_0x5b8(0x1, 0x2, 0, 0, 0, 0) = -1 ENOSYS (Function "
		   "not implemented)");
	call_free(&c);
}

static void test_restart_and_forced(void **state)
{
	struct call c;

	call_init(&c, SYS_read, 0, P1, 10, 0, 0, 0);
	call_ret(&c, -512);
	EXPECT(&c, "read(0, 0x1000, 10) = ? ERESTARTSYS (To be restarted if "
		   "SA_RESTART is set)");
	call_free(&c);
	call_init(&c, SYS_rseq, 0x7f8007819060, 0x20, 0, 0x53053053, 0, 0);
	call_ret(&c, -ENOSYS);
	c.sc.has_forced = c.sc.forced = true;
	assert_non_null(strstr(line(&c), "= -1 ENOSYS (Function not "
					 "implemented) (INJECTED)"));
	call_free(&c);
}

static void test_missing_args_and_garbage_regions(void **state)
{
	static const uint8_t junk[3] = { 1, 2, 3 };
	struct call c;

	/* No argument registers at all: everything prints as zero. */
	call_init(&c, SYS_write, 0, 0, 0, 0, 0, 0);
	c.sc.n_args = 0;
	call_ret(&c, 0);
	EXPECT(&c, "write(0, NULL, 0) = 0");
	call_free(&c);
	/* An empty buffer is not captured but still prints as "". */
	call_init(&c, SYS_write, 1, P1, 0, 0, 0, 0);
	call_ret(&c, 0);
	EXPECT(&c, "write(1, \"\", 0) = 0");
	call_free(&c);
	/* Regions too short for their struct, pointer arrays cut short. */
	call_init(&c, SYS_rt_sigaction, SIGINT, P1, P2, 8, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, junk, 32, 3);
	mem_add(&c, 2, SREC__DIR__OUT, P2, junk, 32, 3);
	call_ret(&c, 0);
	EXPECT(&c, "rt_sigaction(SIGINT, 0x1000, 0x2000, 8) = 0");
	call_free(&c);
	call_init(&c, SYS_execve, P1, P2, P3, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P2, junk, 16, 3);
	call_ret(&c, -ENOENT);
	EXPECT(&c, "execve(0x1000, 0x2000, 0x3000) = -1 ENOENT (No such file "
		   "or directory)");
	call_free(&c);
	call_init(&c, SYS_writev, 1, P1, 1000000, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, junk, 16, 3);
	call_ret(&c, -EINVAL);
	EXPECT(&c, "writev(1, [...], 1000000) = -1 EINVAL (Invalid argument)");
	call_free(&c);
}

/*
 * Every row of the table, with arguments that point at regions of every
 * length from empty to generous, filled with bytes that are not what the
 * call would have written: decoding must stay inside what was stored
 * (the sanitizer build checks) and still start with the call's name.
 */
static void test_every_row_garbage(void **state)
{
	static const int64_t rets[] = { 0, 1, 7, 4096, -EFAULT, 1 << 30 };
	static const size_t lens[] = { 0, 1, 3, 4, 7, 8, 13, 16, 33, 64, 300 };
	uint8_t junk[512];
	unsigned nr, r, l, i;
	struct call c;

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)(i * 37 + 11);
	junk[100] = 0;
	for (nr = 0; nr <= srec_sys_nr_limit(); nr++) {
		const struct srec_sys_entry *e = srec_sys_get(nr);

		for (r = 0; r < sizeof(rets) / sizeof(rets[0]); r++) {
			for (l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
				const char *text;

				/* Arguments 0-5 at P1..P5 (and 0x6000);
				 * small counts would be pointers too, so
				 * they stay addresses. */
				call_init(&c, nr, P1, P2, P3, P4, P5, 0x6000);
				for (i = 0; i < 6 && c.sc.n_mem < 14; i++) {
					mem_add(&c, i, SREC__DIR__IN,
						0x1000 * (i + 1), junk, lens[l],
						lens[l]);
					mem_add(&c, i, SREC__DIR__OUT,
						0x1000 * (i + 1), junk + 1,
						lens[l] * 2, lens[l]);
				}
				call_ret(&c, rets[r]);
				text = line(&c);
				if (e)
					assert_memory_equal(text, e->name,
							    strlen(e->name));
				else
					assert_memory_equal(text, "syscall_",
							    8);
				call_free(&c);
			}
		}
	}
}

static void test_statx(void **state)
{
	uint8_t stx[256] = { 0 };
	uint32_t mask = 0x1fff; /* STATX_ALL|STATX_MNT_ID */
	uint64_t attrs = 0x2000, size = 4096;
	uint16_t mode = S_IFDIR | 0755;
	struct call c;

	memcpy(stx, &mask, 4);
	memcpy(stx + 8, &attrs, 8);
	memcpy(stx + 28, &mode, 2);
	memcpy(stx + 40, &size, 8);
	call_init(&c, SYS_statx, (uint64_t)AT_FDCWD, P1, 0, 0xfff, P2, 0);
	mem_str(&c, 1, P1, "/");
	mem_add(&c, 4, SREC__DIR__OUT, P2, stx, sizeof(stx), sizeof(stx));
	call_ret(&c, 0);
	EXPECT(&c, "statx(AT_FDCWD, \"/\", AT_STATX_SYNC_AS_STAT, STATX_ALL, "
		   "{stx_mask=STATX_ALL|STATX_MNT_ID, "
		   "stx_attributes=STATX_ATTR_MOUNT_ROOT, "
		   "stx_mode=S_IFDIR|0755, stx_size=4096, ...}) = 0");
	c.args[2] = AT_SYMLINK_NOFOLLOW;
	c.args[3] = STATX_BASIC_STATS;
	EXPECT(&c, "statx(AT_FDCWD, \"/\", AT_STATX_SYNC_AS_STAT|"
		   "AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, "
		   "{stx_mask=STATX_ALL|STATX_MNT_ID, "
		   "stx_attributes=STATX_ATTR_MOUNT_ROOT, "
		   "stx_mode=S_IFDIR|0755, stx_size=4096, ...}) = 0");
	c.args[2] = AT_STATX_DONT_SYNC;
	c.args[3] = 0;
	call_ret(&c, -ENOENT);
	EXPECT(&c, "statx(AT_FDCWD, \"/\", AT_STATX_DONT_SYNC, 0, 0x2000) = "
		   "-1 ENOENT (No such file or directory)");
	call_free(&c);
}

static void test_path_and_fd_columns(void **state)
{
	struct call c;
	size_t len = 0;
	const char *p;

	call_init(&c, SYS_openat, (uint64_t)AT_FDCWD, P1, O_RDONLY, 0, 0, 0);
	mem_str(&c, 1, P1, "/etc/passwd");
	call_ret(&c, 3);
	p = srec_sys_path_arg(&c.sc, &len);
	assert_non_null(p);
	assert_int_equal(len, 11);
	assert_memory_equal(p, "/etc/passwd", 11);
	assert_int_equal(srec_sys_fd_arg(&c.sc), -1);
	call_free(&c);
	call_init(&c, SYS_newfstatat, 7, P1, P2, AT_EMPTY_PATH, 0, 0);
	assert_null(srec_sys_path_arg(&c.sc, &len));
	assert_int_equal(srec_sys_fd_arg(&c.sc), 7);
	call_free(&c);
	call_init(&c, SYS_getpid, 0, 0, 0, 0, 0, 0);
	assert_int_equal(srec_sys_fd_arg(&c.sc), -1);
	call_free(&c);
}

static const char *fake_fd_path(void *ctx, int pid, int fd)
{
	assert_int_equal(pid, 42);
	if (fd == 5)
		return "/tmp/a>b\n";
	return fd == 3 ? "/etc/passwd" : NULL;
}

static void test_fd_paths(void **state)
{
	struct srec_sys_fmt_opts o = { .max_str = 32, .fd_path = fake_fd_path,
				       .pid = 42 };
	struct call c;

	call_init(&c, SYS_close, 3, 0, 0, 0, 0, 0);
	call_ret(&c, 0);
	assert_string_equal(line_opts(&c, &o), "close(3</etc/passwd>) = 0");
	call_free(&c);
	call_init(&c, SYS_lseek, 4, 0, SEEK_END, 0, 0, 0);
	call_ret(&c, 100);
	assert_string_equal(line_opts(&c, &o), "lseek(4, 0, SEEK_END) = 100");
	call_free(&c);
	/* Paths are escaped as strace -y does: no quotes, < > \n escaped. */
	call_init(&c, SYS_dup, 3, 0, 0, 0, 0, 0);
	call_ret(&c, 5);
	assert_string_equal(line_opts(&c, &o),
			    "dup(3</etc/passwd>) = 5</tmp/a\\76b\\n>");
	call_free(&c);
}

static void test_select(void **state)
{
	struct srec_sys_select s = { 0 };
	const char *bad = NULL;
	size_t bad_len = 0;

	assert_int_equal(srec_sys_select_add(&s, "openat,close", &bad,
					     &bad_len), 0);
	assert_true(srec_sys_select_has(&s, SYS_openat));
	assert_true(srec_sys_select_has(&s, SYS_close));
	assert_false(srec_sys_select_has(&s, SYS_read));
	assert_false(srec_sys_select_has(&s, 100000));
	srec_sys_select_free(&s);
	assert_int_equal(srec_sys_select_add(&s, "!read", &bad, &bad_len), 0);
	assert_false(srec_sys_select_has(&s, SYS_read));
	assert_true(srec_sys_select_has(&s, SYS_write));
	assert_true(srec_sys_select_has(&s, 100000));
	srec_sys_select_free(&s);
	assert_int_equal(srec_sys_select_add(&s, "%network", &bad, &bad_len),
			 0);
	assert_true(srec_sys_select_has(&s, SYS_connect));
	assert_false(srec_sys_select_has(&s, SYS_read));
	srec_sys_select_free(&s);
	assert_int_equal(srec_sys_select_add(&s, "open,nosuchcall", &bad,
					     &bad_len), -EINVAL);
	assert_int_equal(bad_len, 10);
	assert_memory_equal(bad, "nosuchcall", 10);
	srec_sys_select_free(&s);
}

/* ---- fd tracking (dump -y) ------------------------------------------ */

static void feed(struct srec_sys_fdtrack *t, Srec__Event *ev, int pid,
		 Srec__Syscall *sc)
{
	ev->pid = ev->tid = pid;
	if (sc) {
		ev->kind_case = SREC__EVENT__KIND_SYSCALL;
		ev->syscall = sc;
	}
	srec_sys_fdtrack_before(t, ev);
	srec_sys_fdtrack_after(t, ev);
}

static void test_fdtrack(void **state)
{
	Srec__TraceHeader hdr;
	Srec__StdStream out, *streams[1] = { &out };
	Srec__Event ev;
	Srec__Clone cl;
	Srec__Exec ex;
	struct srec_sys_fdtrack *t;
	uint8_t sin[16] = { AF_INET, 0, 0, 80, 127, 0, 0, 1 };
	struct call c;

	srec__trace_header__init(&hdr);
	srec__std_stream__init(&out);
	hdr.cwd = "/home/u";
	out.has_fd = true;
	out.fd = 1;
	out.path = "/dev/pts/0";
	hdr.n_std_streams = 1;
	hdr.std_streams = streams;
	t = srec_sys_fdtrack_new(&hdr);
	srec__event__init(&ev);

	call_init(&c, SYS_openat, (uint64_t)AT_FDCWD, P1, O_RDONLY | O_CLOEXEC,
		  0, 0, 0);
	mem_str(&c, 1, P1, "data/.././x.txt");
	call_ret(&c, 3);
	feed(t, &ev, 100, &c.sc);
	assert_string_equal(srec_sys_fdtrack_path(t, 100, 3), "/home/u/x.txt");
	assert_string_equal(srec_sys_fdtrack_path(t, 100, 1), "/dev/pts/0");
	assert_null(srec_sys_fdtrack_path(t, 100, 0));

	call_init(&c, SYS_dup2, 3, 7, 0, 0, 0, 0);
	call_ret(&c, 7);
	feed(t, &ev, 100, &c.sc);
	assert_string_equal(srec_sys_fdtrack_path(t, 100, 7), "/home/u/x.txt");

	/* fork: the child gets a copy of the table */
	srec__clone__init(&cl);
	cl.child_pid = cl.child_tid = 200;
	ev.kind_case = SREC__EVENT__KIND_CLONE;
	ev.clone = &cl;
	feed(t, &ev, 100, NULL);

	/* exec closes the close-on-exec fds of that process only */
	srec__exec__init(&ex);
	ex.cwd = "/";
	ev.kind_case = SREC__EVENT__KIND_EXEC;
	ev.exec = &ex;
	feed(t, &ev, 100, NULL);
	assert_null(srec_sys_fdtrack_path(t, 100, 3));
	assert_string_equal(srec_sys_fdtrack_path(t, 100, 7), "/home/u/x.txt");
	assert_string_equal(srec_sys_fdtrack_path(t, 200, 3), "/home/u/x.txt");

	call_init(&c, SYS_close, 7, 0, 0, 0, 0, 0);
	call_ret(&c, 0);
	feed(t, &ev, 100, &c.sc);
	assert_null(srec_sys_fdtrack_path(t, 100, 7));

	/* the new cwd of the exec'd program resolves relative paths */
	call_init(&c, SYS_openat, (uint64_t)AT_FDCWD, P1, O_RDONLY, 0, 0, 0);
	mem_str(&c, 1, P1, "etc/passwd");
	call_ret(&c, 5);
	feed(t, &ev, 100, &c.sc);
	assert_string_equal(srec_sys_fdtrack_path(t, 100, 5), "/etc/passwd");

	call_init(&c, SYS_socket, AF_INET, SOCK_STREAM, 0, 0, 0, 0);
	call_ret(&c, 4);
	feed(t, &ev, 200, &c.sc);
	assert_string_equal(srec_sys_fdtrack_path(t, 200, 4), "socket:[...]");
	call_init(&c, SYS_connect, 4, P1, 16, 0, 0, 0);
	mem_add(&c, 1, SREC__DIR__IN, P1, sin, 16, 16);
	call_ret(&c, 0);
	feed(t, &ev, 200, &c.sc);
	assert_string_equal(srec_sys_fdtrack_path(t, 200, 4),
			    "socket:[127.0.0.1:80]");

	/* a failed call changes nothing */
	call_init(&c, SYS_close, 4, 0, 0, 0, 0, 0);
	call_ret(&c, -EBADF);
	feed(t, &ev, 200, &c.sc);
	assert_non_null(srec_sys_fdtrack_path(t, 200, 4));
	srec_sys_fdtrack_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openat),
		cmocka_unit_test(test_openat_creat_mode_error),
		cmocka_unit_test(test_open_path_not_truncated),
		cmocka_unit_test(test_path_not_captured_prints_address),
		cmocka_unit_test(test_path_null),
		cmocka_unit_test(test_path_fault_partial),
		cmocka_unit_test(test_read_truncated),
		cmocka_unit_test(test_read_error_prints_address),
		cmocka_unit_test(test_read_eof),
		cmocka_unit_test(test_write_escapes),
		cmocka_unit_test(test_write_max_str),
		cmocka_unit_test(test_write_exactly_max),
		cmocka_unit_test(test_write_capped_by_recorder),
		cmocka_unit_test(test_close),
		cmocka_unit_test(test_lseek),
		cmocka_unit_test(test_newfstatat),
		cmocka_unit_test(test_newfstatat_enoent),
		cmocka_unit_test(test_fstat_chr_and_short_region),
		cmocka_unit_test(test_pipe2_dup3),
		cmocka_unit_test(test_fcntl),
		cmocka_unit_test(test_getdents64),
		cmocka_unit_test(test_readlinkat_getcwd),
		cmocka_unit_test(test_dir_calls),
		cmocka_unit_test(test_access_chmod_umask),
		cmocka_unit_test(test_writev),
		cmocka_unit_test(test_ioctl),
		cmocka_unit_test(test_mmap_family),
		cmocka_unit_test(test_getpid_kill),
		cmocka_unit_test(test_clone),
		cmocka_unit_test(test_execve),
		cmocka_unit_test(test_exit_group_no_return),
		cmocka_unit_test(test_wait4),
		cmocka_unit_test(test_prlimit64_uname),
		cmocka_unit_test(test_getrandom),
		cmocka_unit_test(test_rt_sigaction),
		cmocka_unit_test(test_rt_sigprocmask),
		cmocka_unit_test(test_signal_event_lines),
		cmocka_unit_test(test_socket_connect),
		cmocka_unit_test(test_poll),
		cmocka_unit_test(test_epoll_ctl),
		cmocka_unit_test(test_clock_calls),
		cmocka_unit_test(test_unknown_number),
		cmocka_unit_test(test_restart_and_forced),
		cmocka_unit_test(test_missing_args_and_garbage_regions),
		cmocka_unit_test(test_every_row_garbage),
		cmocka_unit_test(test_statx),
		cmocka_unit_test(test_path_and_fd_columns),
		cmocka_unit_test(test_fd_paths),
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_fdtrack),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
