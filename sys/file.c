// SPDX-License-Identifier: MIT
#define _GNU_SOURCE /* F_OFD_*, F_*_SEALS, __O_TMPFILE */
/*
 * file.c - decoders for files and descriptors: struct stat and statx (in
 * strace's abbreviated form), getdents, open's optional mode, fcntl
 * commands and their results, and the terminal ioctls.
 */
#include "decode_int.h"
#include "srec_arch_layout.h"

#include <fcntl.h>
#include <linux/aio_abi.h> /* IOCB_CMD_* */
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>



/* Device numbers as the kernel encodes them in dev_t. */
static void print_dev(struct srec_buf *out, uint64_t dev)
{
	unsigned major = (unsigned)(((dev >> 32) & 0xfffff000) |
				    ((dev >> 8) & 0xfff));
	unsigned minor = (unsigned)(((dev >> 12) & 0xffffff00) | (dev & 0xff));

	srec_buf_addf(out, "makedev(%#x, %#x)", major, minor);
}

static void print_stat(struct dec *d, const uint8_t *p, size_t n)
{
	uint32_t mode = dec_u32(p, ST_MODE);

	srec_buf_adds(d->out, "{st_mode=");
	dec_mode(d->out, mode, true);
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		srec_buf_adds(d->out, ", st_rdev=");
		print_dev(d->out, dec_u64(p, ST_RDEV));
	} else {
		srec_buf_addf(d->out, ", st_size=%" PRId64,
			      (int64_t)dec_u64(p, ST_SIZE));
	}
	srec_buf_adds(d->out, ", ...}");
}

/* struct statx: offsets of the fields strace shows. */
enum {
	OFF_STX_MASK = 0,
	OFF_STX_ATTRIBUTES = 8,
	OFF_STX_MODE = 28,
	OFF_STX_SIZE = 40,
	OFF_STX_RDEV_MAJOR = 128,
	OFF_STX_RDEV_MINOR = 132,
	STATX_BYTES = 256
};

static void print_statx(struct dec *d, const uint8_t *p, size_t n)
{
	uint16_t mode = dec_u16(p, OFF_STX_MODE);

	srec_buf_adds(d->out, "{stx_mask=");
	dec_flags(d->out, SREC_XLAT_STATX_MASK, dec_u32(p, OFF_STX_MASK), "0");
	srec_buf_adds(d->out, ", stx_attributes=");
	dec_flags(d->out, SREC_XLAT_STATX_ATTRS, dec_u64(p, OFF_STX_ATTRIBUTES),
		  "0");
	srec_buf_adds(d->out, ", stx_mode=");
	dec_mode(d->out, mode, true);
	if (S_ISCHR(mode) || S_ISBLK(mode))
		srec_buf_addf(d->out, ", stx_rdev_major=%u, stx_rdev_minor=%u",
			      dec_u32(p, OFF_STX_RDEV_MAJOR),
			      dec_u32(p, OFF_STX_RDEV_MINOR));
	else
		srec_buf_addf(d->out, ", stx_size=%" PRIu64,
			      dec_u64(p, OFF_STX_SIZE));
	srec_buf_adds(d->out, ", ...}");
}

/* struct winsize */
static void print_winsize(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_addf(d->out,
		      "{ws_row=%u, ws_col=%u, ws_xpixel=%u, "
		      "ws_ypixel=%u}",
		      dec_u16(p, 0), dec_u16(p, 2), dec_u16(p, 4),
		      dec_u16(p, 6));
}

/*
 * struct termios (kernel, 36 bytes), in strace's short form:
 * {B38400 opost isig icanon echo ...}.
 */
enum { C_OFLAG = 4, C_CFLAG = 8, C_LFLAG = 12, TERMIOS_SIZE = 36 };

static void print_termios(struct dec *d, const uint8_t *p, size_t n)
{
	static const unsigned bauds[] = {
		0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400,
		4800, 9600, 19200, 38400,
	};
	static const unsigned high_bauds[] = {
		57600, 115200, 230400, 460800, 500000, 576000, 921600,
		1000000, 1152000, 1500000, 2000000, 2500000, 3000000,
		3500000, 4000000,
	};
	uint32_t oflag = dec_u32(p, C_OFLAG), cflag = dec_u32(p, C_CFLAG);
	uint32_t lflag = dec_u32(p, C_LFLAG), speed = cflag & 0x100f;

	if (speed & 0x1000) {
		speed &= 0xf;
		if (speed >= 1 && speed <= 15)
			srec_buf_addf(d->out, "{B%u", high_bauds[speed - 1]);
		else
			srec_buf_addf(d->out, "{BOTHER");
	} else {
		srec_buf_addf(d->out, "{B%u", bauds[speed]);
	}
	srec_buf_addf(d->out, " %sopost %sisig %sicanon %secho ...}",
		      oflag & 0x1 ? "" : "-", lflag & 0x1 ? "" : "-",
		      lflag & 0x2 ? "" : "-", lflag & 0x8 ? "" : "-");
}

/* struct flock */
static void print_flock(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_adds(d->out, "{l_type=");
	dec_enum(d->out, SREC_XLAT_LOCK_TYPE, dec_u16(p, 0), "%d");
	srec_buf_adds(d->out, ", l_whence=");
	dec_enum(d->out, SREC_XLAT_WHENCE, dec_u16(p, 2), "%d");
	srec_buf_addf(d->out,
		      ", l_start=%" PRId64 ", l_len=%" PRId64 ", l_pid=%d}",
		      (int64_t)dec_u64(p, 8), (int64_t)dec_u64(p, 16),
		      (int32_t)dec_u32(p, 24));
}

static void print_int(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_addf(d->out, "[%d]", (int32_t)dec_u32(p, 0));
}

static void print_fd_pair(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_addc(d->out, '[');
	dec_fd(d, (int32_t)dec_u32(p, 0));
	srec_buf_adds(d->out, ", ");
	dec_fd(d, (int32_t)dec_u32(p, 4));
	srec_buf_addc(d->out, ']');
}

/* struct linux_dirent64: the entries' d_reclen chain them. */
static unsigned count_dirents(const uint8_t *p, size_t n)
{
	unsigned count = 0;
	size_t off = 0;

	while (off + 19 <= n) {
		uint16_t reclen = dec_u16(p, off + 16);

		if (!reclen)
			break;
		count++;
		off += reclen;
	}
	return count;
}

/* getdents64(fd, 0x... /\* N entries *\/, count): entries not listed,
 * as strace does without -v. */
static void arg_getdents(struct dec *d, unsigned i)
{
	struct dec_view v;

	dec_addr(d, d->a[i]);
	if (!d->returned || d->failed)
		return;
	/* At the end of the directory the kernel writes nothing, so there
	 * is no region to count in. */
	if (!d->ret)
		srec_buf_adds(d->out, " /* 0 entries */");
	else if (dec_find(d, i, SREC__DIR__OUT, d->a[i], &v))
		srec_buf_addf(d->out, " /* %u entries */",
			      count_dirents(v.p, v.n < (uint64_t)d->ret ?
						    v.n : (size_t)d->ret));
}

/*
 * One struct iocb as strace shows it: {aio_data=0x1,
 * aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=3, aio_buf="...",
 * aio_nbytes=5, aio_offset=0}; the buffer of a read command is an
 * address (the kernel fills it later).
 */
static void dec_iocb(struct dec *d, unsigned arg, const uint8_t *cb)
{
	uint16_t opcode = dec_u16(cb, IOCB_OPCODE);
	uint64_t data = dec_u64(cb, IOCB_DATA), buf = dec_u64(cb, IOCB_BUF);
	uint64_t nbytes = dec_u64(cb, IOCB_NBYTES);

	srec_buf_addc(d->out, '{');
	if (data)
		srec_buf_addf(d->out, "aio_data=%#" PRIx64 ", ", data);
	srec_buf_adds(d->out, "aio_lio_opcode=");
	dec_enum(d->out, SREC_XLAT_IOCB_CMD, opcode, "%#x");
	srec_buf_addf(d->out, ", aio_fildes=%d", (int)dec_u32(cb, IOCB_FILDES));
	switch (opcode) {
	case IOCB_CMD_PREAD:
	case IOCB_CMD_PWRITE:
	case IOCB_CMD_PREADV:
	case IOCB_CMD_PWRITEV:
		srec_buf_adds(d->out, ", aio_buf=");
		if (opcode == IOCB_CMD_PWRITE)
			dec_buf_at(d, arg, SREC__DIR__IN, buf, nbytes);
		else if (opcode == IOCB_CMD_PWRITEV)
			dec_iov(d, arg, SREC__DIR__IN, buf, nbytes,
				UINT64_MAX);
		else
			dec_addr(d, buf);
		srec_buf_addf(d->out, ", aio_nbytes=%" PRIu64, nbytes);
		srec_buf_addf(d->out, ", aio_offset=%" PRId64,
			      (int64_t)dec_u64(cb, IOCB_OFFSET));
		break;
	default:
		break;
	}
	srec_buf_addc(d->out, '}');
}

/* io_submit(ctx, nr, [{...}, ...]): the iocbs srec kept, in order. */
static void arg_iocbpp(struct dec *d, unsigned i)
{
	uint64_t nr = d->a[1], k;
	const uint8_t *p, *cb;

	p = dec_struct(d, i, SREC__DIR__IN, d->a[i], 8);
	if (!p || (int64_t)nr <= 0) {
		dec_addr(d, d->a[i]);
		return;
	}
	srec_buf_addc(d->out, '[');
	for (k = 0; k < nr; k++) {
		p = dec_struct(d, i, SREC__DIR__IN, d->a[i] + k * 8, 8);
		if (k)
			srec_buf_adds(d->out, ", ");
		if (!p) {
			srec_buf_adds(d->out, "...");
			break;
		}
		cb = dec_struct(d, i, SREC__DIR__IN, dec_u64(p, 0), IOCB_SIZE);
		if (cb)
			dec_iocb(d, i, cb);
		else
			dec_addr(d, dec_u64(p, 0));
	}
	srec_buf_addc(d->out, ']');
}

/* io_cancel(ctx, {aio_key=0}, result): the field the kernel reads. */
static void arg_iocb_key(struct dec *d, unsigned i)
{
	const uint8_t *key = dec_struct(d, i, SREC__DIR__IN,
					d->a[i] + IOCB_KEY, 4);

	if (key)
		srec_buf_addf(d->out, "{aio_key=%u}", dec_u32(key, 0));
	else
		dec_addr(d, d->a[i]);
}

/*
 * open's flags: the access mode is a value, not bits (O_RDONLY is 0), so
 * it always comes first: O_RDONLY|O_CLOEXEC.  fcntl's F_GETFL/F_SETFL use
 * the same form.
 */
static void open_flags(struct srec_buf *out, uint64_t flags)
{
	dec_enum(out, SREC_XLAT_OPEN_ACCMODE, flags & O_ACCMODE, "%#x");
	flags &= ~(uint64_t)O_ACCMODE;
	if (flags) {
		srec_buf_addc(out, '|');
		dec_flags(out, SREC_XLAT_OPEN_FLAGS, flags, "0");
	}
}

/* open/openat/creat's mode is only meaningful with O_CREAT or O_TMPFILE. */
static void arg_open_mode(struct dec *d, unsigned i)
{
	dec_mode(d->out, d->a[i], false);
}

static bool open_has_mode(uint64_t flags)
{
	return (flags & O_CREAT) || (flags & __O_TMPFILE) == __O_TMPFILE;
}

static void args_openat(struct dec *d)
{
	dec_dirfd(d, (int)d->a[0]);
	srec_buf_adds(d->out, ", ");
	dec_arg(d, 1);
	srec_buf_adds(d->out, ", ");
	open_flags(d->out, d->a[2]);
	if (open_has_mode(d->a[2])) {
		srec_buf_adds(d->out, ", ");
		arg_open_mode(d, 3);
	}
}

/*
 * statx's flags hold a sync type (two bits) besides AT_ flags; strace names
 * the default type, 0, as AT_STATX_SYNC_AS_STAT ahead of the other flags.
 */
static void args_statx(struct dec *d)
{
	unsigned i;

	for (i = 0; i < 5; i++) {
		if (i)
			srec_buf_adds(d->out, ", ");
		if (i != 2) {
			dec_arg(d, i);
			continue;
		}
		if (d->a[2] & (AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC)) {
			dec_flags(d->out, SREC_XLAT_AT_FLAGS, d->a[2], "0");
			continue;
		}
		srec_buf_adds(d->out, "AT_STATX_SYNC_AS_STAT");
		if (d->a[2]) {
			srec_buf_addc(d->out, '|');
			dec_flags(d->out, SREC_XLAT_AT_FLAGS, d->a[2], "0");
		}
	}
}

static void args_open(struct dec *d)
{
	dec_arg(d, 0);
	srec_buf_adds(d->out, ", ");
	open_flags(d->out, d->a[1]);
	if (open_has_mode(d->a[1])) {
		srec_buf_adds(d->out, ", ");
		arg_open_mode(d, 2);
	}
}

/* ---- fcntl ----------------------------------------------------------- */

enum fcntl_arg { FA_NONE, FA_INT, FA_FD_FLAGS, FA_FL_FLAGS, FA_FLOCK,
		 FA_SIGNAL, FA_HEX };

struct fcntl_cmd {
	int cmd;
	enum fcntl_arg arg;
	unsigned ret_flags; /* xlat table of the result's flags, 0: none */
};

static const struct fcntl_cmd fcntl_cmds[] = {
	{ F_DUPFD, FA_INT, 0 },
	{ F_DUPFD_CLOEXEC, FA_INT, 0 },
	{ F_GETFD, FA_NONE, SREC_XLAT_FD_FLAGS },
	{ F_SETFD, FA_FD_FLAGS, 0 },
	{ F_GETFL, FA_NONE, SREC_XLAT_OPEN_FLAGS },
	{ F_SETFL, FA_FL_FLAGS, 0 },
	{ F_GETLK, FA_FLOCK, 0 },
	{ F_SETLK, FA_FLOCK, 0 },
	{ F_SETLKW, FA_FLOCK, 0 },
	{ F_OFD_GETLK, FA_FLOCK, 0 },
	{ F_OFD_SETLK, FA_FLOCK, 0 },
	{ F_OFD_SETLKW, FA_FLOCK, 0 },
	{ F_GETOWN, FA_NONE, 0 },
	{ F_SETOWN, FA_INT, 0 },
	{ F_GETSIG, FA_NONE, 0 },
	{ F_SETSIG, FA_SIGNAL, 0 },
	{ F_GETPIPE_SZ, FA_NONE, 0 },
	{ F_SETPIPE_SZ, FA_INT, 0 },
	{ F_GETLEASE, FA_NONE, 0 },
	{ F_ADD_SEALS, FA_HEX, 0 },
	{ F_GET_SEALS, FA_NONE, 0 },
};

static const struct fcntl_cmd *find_fcntl(uint64_t cmd)
{
	size_t i;

	for (i = 0; i < sizeof(fcntl_cmds) / sizeof(fcntl_cmds[0]); i++)
		if ((uint64_t)fcntl_cmds[i].cmd == (cmd & 0xffffffff))
			return &fcntl_cmds[i];
	return NULL;
}

static void args_fcntl(struct dec *d)
{
	const struct fcntl_cmd *c = find_fcntl(d->a[1]);

	dec_fd(d, (int)d->a[0]);
	srec_buf_adds(d->out, ", ");
	dec_enum(d->out, SREC_XLAT_FCNTL_CMD, d->a[1] & 0xffffffff, "%#x");
	if (c && c->arg == FA_NONE)
		return;
	srec_buf_adds(d->out, ", ");
	switch (c ? c->arg : FA_HEX) {
	case FA_INT:
		srec_buf_addf(d->out, "%d", (int)d->a[2]);
		break;
	case FA_FD_FLAGS:
		dec_flags(d->out, SREC_XLAT_FD_FLAGS, d->a[2], "0");
		break;
	case FA_FL_FLAGS:
		open_flags(d->out, d->a[2]);
		break;
	case FA_FLOCK:
		dec_struct_at(d, 2, SREC__DIR__IN, SREC_STRUCT_FLOCK, d->a[2],
			      0);
		break;
	case FA_SIGNAL:
		dec_signal(d->out, (int)d->a[2]);
		break;
	default:
		srec_buf_addf(d->out, "%#" PRIx64, d->a[2]);
		break;
	}
}

/* F_GETFL = 0x800 (flags O_RDONLY|O_NONBLOCK) */
static void ret_fcntl(struct dec *d)
{
	const struct fcntl_cmd *c = find_fcntl(d->a[1]);

	if (!c || !c->ret_flags || d->failed) {
		srec_buf_addf(d->out, " = %" PRId64, d->ret);
		return;
	}
	srec_buf_addf(d->out, " = %#" PRIx64 " (flags ", d->ret);
	if (c->ret_flags == SREC_XLAT_OPEN_FLAGS)
		open_flags(d->out, (uint64_t)d->ret);
	else
		dec_flags(d->out, c->ret_flags, (uint64_t)d->ret, "0");
	srec_buf_addc(d->out, ')');
}

/* ---- ioctl ----------------------------------------------------------- */

struct ioctl_req {
	unsigned req;
	int dir;      /* SREC__DIR__IN / OUT, or -1: no pointer */
	unsigned type; /* SREC_STRUCT_* */
};

static const struct ioctl_req ioctl_reqs[] = {
	{ 0x5401 /* TCGETS */, SREC__DIR__OUT, SREC_STRUCT_TERMIOS },
	{ 0x5402 /* TCSETS */, SREC__DIR__IN, SREC_STRUCT_TERMIOS },
	{ 0x5403 /* TCSETSW */, SREC__DIR__IN, SREC_STRUCT_TERMIOS },
	{ 0x5404 /* TCSETSF */, SREC__DIR__IN, SREC_STRUCT_TERMIOS },
	{ 0x5413 /* TIOCGWINSZ */, SREC__DIR__OUT, SREC_STRUCT_WINSIZE },
	{ 0x5414 /* TIOCSWINSZ */, SREC__DIR__IN, SREC_STRUCT_WINSIZE },
	{ 0x540f /* TIOCGPGRP */, SREC__DIR__OUT, SREC_STRUCT_INT },
	{ 0x5410 /* TIOCSPGRP */, SREC__DIR__IN, SREC_STRUCT_INT },
	{ 0x541b /* FIONREAD */, SREC__DIR__OUT, SREC_STRUCT_INT },
	{ 0x5421 /* FIONBIO */, SREC__DIR__IN, SREC_STRUCT_INT },
	{ 0x5450 /* FIONCLEX */, -1, 0 },
	{ 0x5451 /* FIOCLEX */, -1, 0 },
};

static void args_ioctl(struct dec *d)
{
	unsigned req = (unsigned)d->a[1];
	const struct ioctl_req *r = NULL;
	size_t i;

	for (i = 0; i < sizeof(ioctl_reqs) / sizeof(ioctl_reqs[0]); i++)
		if (ioctl_reqs[i].req == req)
			r = &ioctl_reqs[i];
	dec_fd(d, (int)d->a[0]);
	srec_buf_adds(d->out, ", ");
	dec_enum(d->out, SREC_XLAT_IOCTL, req, "%#x");
	if (r && r->dir < 0)
		return;
	srec_buf_adds(d->out, ", ");
	if (!r || (r->dir == SREC__DIR__OUT && (!d->returned || d->failed)))
		dec_addr(d, d->a[2]);
	else
		dec_struct_at(d, 2, r->dir, r->type, d->a[2], 0);
}

/* getrandom's bytes mean nothing as text: strace prints them in hex. */
static void args_getrandom(struct dec *d)
{
	struct dec_view v;
	size_t n;

	if (d->returned && !d->failed &&
	    dec_find(d, 0, SREC__DIR__OUT, d->a[0], &v)) {
		n = v.n < (uint64_t)d->ret ? v.n : (size_t)d->ret;
		if (n > d->o->max_str)
			n = d->o->max_str;
		dec_hex_quoted(d->out, v.p, n);
		if (n < (uint64_t)d->ret)
			srec_buf_adds(d->out, "...");
	} else {
		dec_addr(d, d->a[0]);
	}
	srec_buf_addf(d->out, ", %" PRIu64 ", ", d->a[1]);
	dec_arg(d, 2);
}

const struct dec_struct_row dec_file_structs[] = {
	{ SREC_STRUCT_STAT, STAT_SIZE, print_stat },
	{ SREC_STRUCT_STATX, STATX_BYTES, print_statx },
	{ SREC_STRUCT_WINSIZE, 8, print_winsize },
	{ SREC_STRUCT_TERMIOS, TERMIOS_SIZE, print_termios },
	{ SREC_STRUCT_FLOCK, 32, print_flock },
	{ SREC_STRUCT_INT, 4, print_int },
	{ SREC_STRUCT_FD_PAIR, 8, print_fd_pair },
	{ 0 }
};

const struct dec_sys_row dec_file_sys[] = {
	{ "open", args_open, NULL, NULL },
	{ "openat", args_openat, NULL, NULL },
	{ "statx", args_statx, NULL, NULL },
	{ "fcntl", args_fcntl, NULL, ret_fcntl },
	{ "ioctl", args_ioctl, NULL, NULL },
	{ "getdents", NULL, arg_getdents, NULL },
	{ "getdents64", NULL, arg_getdents, NULL },
	{ "getrandom", args_getrandom, NULL, NULL },
	{ "io_submit", NULL, arg_iocbpp, NULL },
	{ "io_cancel", NULL, arg_iocb_key, NULL },
	{ NULL }
};
