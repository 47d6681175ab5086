// SPDX-License-Identifier: MIT
/*
 * capture.c - which tracee memory a syscall reads and writes
 * (srec_sys_regions_enter/exit): a walk over the arguments as the table
 * row describes them, the indirect structures behind them (iovec arrays,
 * msghdrs, argv, value-result socket lengths) and the ioctl and fcntl
 * arguments.  Calls whose memory depends on another argument or on the
 * result have their own rules in capture_sys.c.
 *
 * The recorder stores what is named here, the replayer compares the IN
 * regions and writes the OUT regions back, so each rule follows what the
 * kernel copies from or to user memory and for which results.  Nothing
 * here allocates from a length the tracee controls: a 1 GiB write is a
 * 1 GiB region, which the recorder reads and caps.
 */
#include "capture_int.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>

/* ---- Primitives ------------------------------------------------------ */

bool srec_sys_restart_code(int64_t ret)
{
	return ret == -SREC_ERESTARTSYS || ret == -SREC_ERESTARTNOINTR ||
	       ret == -SREC_ERESTARTNOHAND ||
	       ret == -SREC_ERESTART_RESTARTBLOCK;
}

bool srec_sys_interrupted(int64_t ret)
{
	return ret == -EINTR || srec_sys_restart_code(ret);
}

void cap_put(struct cap *c, unsigned arg, int dir, uint64_t addr,
	     uint64_t len)
{
	struct srec_sys_region r;

	if (c->rc || !addr || !len)
		return;
	memset(&r, 0, sizeof(r));
	r.arg = (uint8_t)arg;
	r.dir = (uint8_t)dir;
	r.addr = addr;
	r.len = len;
	c->rc = c->emit(c->ctx, &r);
}

void cap_put_str(struct cap *c, unsigned arg, uint64_t addr, uint64_t max)
{
	struct srec_sys_region r;

	if (c->rc || !addr)
		return;
	memset(&r, 0, sizeof(r));
	r.arg = (uint8_t)arg;
	r.dir = SREC__DIR__IN;
	r.str = true;
	r.addr = addr;
	r.len = max;
	c->rc = c->emit(c->ctx, &r);
}

/* Bytes readable at @addr, up to @len (a reader may stop short at a page
 * boundary and go on when asked again). */
static size_t read_some(struct cap *c, uint64_t addr, void *buf, size_t len)
{
	size_t got = 0;

	if (!addr)
		return 0;
	while (got < len) {
		ssize_t n = c->mem->read(c->mem->ctx, addr + got,
					 (uint8_t *)buf + got, len - got);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

bool cap_read(struct cap *c, uint64_t addr, void *buf, size_t len)
{
	return read_some(c, addr, buf, len) == len;
}

bool cap_read_u32(struct cap *c, uint64_t addr, uint32_t *v)
{
	return cap_read(c, addr, v, sizeof(*v));
}

uint64_t cap_mul(uint64_t a, uint64_t b)
{
	if (a && b > UINT64_MAX / a)
		return UINT64_MAX;
	return a * b;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* ---- iovec arrays ---------------------------------------------------- */

/* Most bytes one readv/writev moves (MAX_RW_COUNT: INT_MAX & PAGE_MASK);
 * the kernel shortens the iovecs past it. */
#define CAP_MAX_RW_COUNT UINT64_C(0x7ffff000)

enum { IOV_CHUNK = 32 };

struct iov {
	uint64_t base, len;
};

/* Whether all @count iovecs at @addr are readable and none has a
 * negative length (import_iovec fails on either before any data moves). */
static bool iov_valid(struct cap *c, uint64_t addr, uint64_t count)
{
	struct iov v[IOV_CHUNK];
	uint64_t k, j, n;

	for (k = 0; k < count; k += n) {
		n = min_u64(IOV_CHUNK, count - k);
		if (!cap_read(c, addr + k * IOV_SIZE, v, n * sizeof(v[0])))
			return false;
		for (j = 0; j < n; j++)
			if ((int64_t)v[j].len < 0)
				return false;
	}
	return true;
}

void cap_iov_in(struct cap *c, unsigned arg, uint64_t iov, uint64_t count,
		bool data)
{
	struct iov v[IOV_CHUNK];
	uint64_t k, j, n, left = CAP_MAX_RW_COUNT;

	if (!iov || !count || count > CAP_UIO_MAXIOV)
		return;
	cap_put(c, arg, SREC__DIR__IN, iov, count * IOV_SIZE);
	if (!data || !iov_valid(c, iov, count))
		return;
	for (k = 0; k < count && left && !c->rc; k += n) {
		n = min_u64(IOV_CHUNK, count - k);
		if (!cap_read(c, iov + k * IOV_SIZE, v, n * sizeof(v[0])))
			return;
		for (j = 0; j < n && left; j++) {
			uint64_t len = min_u64(v[j].len, left);

			cap_put(c, arg, SREC__DIR__IN, v[j].base, len);
			left -= len;
		}
	}
}

void cap_iov_out(struct cap *c, unsigned arg, uint64_t iov, uint64_t count,
		 uint64_t total)
{
	struct iov v[IOV_CHUNK];
	uint64_t k, j, n;

	if (!iov || count > CAP_UIO_MAXIOV)
		return;
	for (k = 0; k < count && total && !c->rc; k += n) {
		n = min_u64(IOV_CHUNK, count - k);
		if (!cap_read(c, iov + k * IOV_SIZE, v, n * sizeof(v[0])))
			return;
		for (j = 0; j < n && total; j++) {
			uint64_t len = min_u64(v[j].len, total);

			cap_put(c, arg, SREC__DIR__OUT, v[j].base, len);
			total -= len;
		}
	}
}

/* ---- String arrays (argv, envp) -------------------------------------- */

/*
 * The most pointers followed in one argv or envp.  The kernel takes up
 * to a quarter of the stack limit for both, each entry costing at least
 * 9 bytes: fewer than 2^18 with the usual 8 MiB stack.
 */
enum { MAX_ARGS = 1 << 18, ARG_CHUNK = 64 };

/* The NULL-terminated pointer array at @addr (IN, with its terminator,
 * or up to the pointer that could not be read), then each string. */
static void strarray(struct cap *c, unsigned i, uint64_t addr)
{
	uint64_t p[ARG_CHUNK], n = 0, k, j, len;
	bool end = false;

	if (!addr)
		return;
	while (!end && n < MAX_ARGS) {
		size_t want = (size_t)min_u64(ARG_CHUNK, MAX_ARGS - n);
		size_t got = read_some(c, addr + n * 8, p, want * 8) / 8;

		for (j = 0; j < got && p[j]; j++)
			;
		n += j;
		if (j < got) {
			end = true;
		} else if (got < want) {
			end = true; /* the kernel stops here with EFAULT */
			break;
		}
	}
	len = (n + end) * 8;
	cap_put(c, i, SREC__DIR__IN, addr, len);
	for (k = 0; k < n && !c->rc; k += j) {
		size_t want = (size_t)min_u64(ARG_CHUNK, n - k);

		if (!cap_read(c, addr + k * 8, p, want * 8))
			return;
		for (j = 0; j < want; j++)
			cap_put_str(c, i, p[j], CAP_ARG_STRLEN);
	}
}

/* ---- msghdr ---------------------------------------------------------- */

struct msg {
	uint64_t name, iov, iovlen, control, controllen;
	int32_t namelen;
};

static bool read_msghdr(struct cap *c, uint64_t addr, struct msg *m)
{
	uint8_t b[MSGHDR_SIZE];

	if (!cap_read(c, addr, b, sizeof(b)))
		return false;
	memcpy(&m->name, b + MSG_NAME, 8);
	memcpy(&m->namelen, b + MSG_NAMELEN, 4);
	memcpy(&m->iov, b + MSG_IOV, 8);
	memcpy(&m->iovlen, b + MSG_IOVLEN, 8);
	memcpy(&m->control, b + MSG_CONTROL, 8);
	memcpy(&m->controllen, b + MSG_CONTROLLEN, 8);
	return true;
}

/* The name length __copy_msghdr() works with; -1 when it fails. */
static int32_t msg_namelen(const struct msg *m)
{
	if (!m->name)
		return 0;
	if (m->namelen < 0)
		return -1;
	return m->namelen > CAP_SOCKADDR_MAX ? CAP_SOCKADDR_MAX : m->namelen;
}

/*
 * What sendmsg (@send) or recvmsg reads behind a msghdr already named:
 * sendmsg the name, the iovecs and their data, the control data; recvmsg
 * only the iovec array.  @return: the name length for the exit, or -1.
 */
static int32_t msg_in(struct cap *c, unsigned arg, const struct msg *m,
		      bool send)
{
	int32_t namelen = msg_namelen(m);

	if (namelen < 0 || m->iovlen > CAP_UIO_MAXIOV)
		return -1;
	if (send)
		cap_put(c, arg, SREC__DIR__IN, m->name, (uint64_t)namelen);
	cap_iov_in(c, arg, m->iov, m->iovlen, send);
	if (send && m->controllen <= INT32_MAX)
		cap_put(c, arg, SREC__DIR__IN, m->control, m->controllen);
	return namelen;
}

/*
 * What recvmsg wrote behind a msghdr (@m read back at exit): the name,
 * as much of it as the caller's length and the address allow
 * (move_addr_to_user), the first @total data bytes, and the control data
 * the new msg_controllen counts.
 */
static void msg_out(struct cap *c, unsigned arg, const struct msg *m,
		    int32_t in_namelen, uint64_t total)
{
	if (m->name && in_namelen > 0 && m->namelen > 0)
		cap_put(c, arg, SREC__DIR__OUT, m->name,
			(uint64_t)(in_namelen < m->namelen ? in_namelen :
							     m->namelen));
	cap_iov_out(c, arg, m->iov, m->iovlen, total);
	cap_put(c, arg, SREC__DIR__OUT, m->control, m->controllen);
}

static void msghdr_enter(struct cap *c, unsigned i, bool send)
{
	struct msg m;
	int32_t namelen;

	cap_put(c, i, SREC__DIR__IN, c->a[i], MSGHDR_SIZE);
	if (!c->a[i] || !read_msghdr(c, c->a[i], &m))
		return;
	namelen = msg_in(c, i, &m, send);
	if (!send && namelen >= 0)
		c->sw->v[CAP_SLOT_NAMELEN] = (uint32_t)namelen | CAP_HAVE;
}

/* recvmsg at exit: the msghdr itself (msg_namelen, msg_controllen and
 * msg_flags changed) and what it points at. */
static void msghdr_exit(struct cap *c, unsigned i)
{
	uint64_t kept = c->sr->v[CAP_SLOT_NAMELEN];
	int32_t namelen = (int32_t)(uint32_t)kept;
	struct msg m;

	if (srec_sys_failed(c->ret) || !read_msghdr(c, c->a[i], &m))
		return;
	/* An exit without its entry (a thread attached in the call): the
	 * kernel wrote at most a sockaddr_storage. */
	if (!(kept & CAP_HAVE))
		namelen = CAP_SOCKADDR_MAX;
	cap_put(c, i, SREC__DIR__OUT, c->a[i], MSGHDR_SIZE);
	msg_out(c, i, &m, namelen, (uint64_t)c->ret);
}

/* ---- mmsghdr arrays -------------------------------------------------- */

/*
 * recvmmsg's name length per message, for the exit: one byte each (a
 * length is at most 128) for the first 31 messages, and the largest of
 * the others in the last byte (exact when they share one buffer size,
 * as they usually do).
 */
enum { MMSG_KEPT = 32 };

static void mmsg_keep(struct cap *c, uint64_t k, int32_t namelen)
{
	uint8_t *kept = (uint8_t *)c->sw->v;
	uint64_t slot = k < MMSG_KEPT - 1 ? k : MMSG_KEPT - 1;

	if (namelen < 0)
		namelen = 0;
	if (k < MMSG_KEPT - 1 || namelen > kept[slot])
		kept[slot] = (uint8_t)namelen;
}

static int32_t mmsg_kept(const struct cap *c, uint64_t k)
{
	const uint8_t *kept = (const uint8_t *)c->sr->v;

	return kept[k < MMSG_KEPT - 1 ? k : MMSG_KEPT - 1];
}

/* The count of messages the kernel looks at (it caps vlen). */
static uint64_t mmsg_count(const struct cap *c, unsigned i)
{
	unsigned l = c->e->args[i].len_arg;
	uint64_t vlen = l < 6 ? (uint32_t)c->a[l] : 0;

	return vlen > CAP_UIO_MAXIOV ? CAP_UIO_MAXIOV : vlen;
}

static void mmsghdr_enter(struct cap *c, unsigned i, bool send)
{
	uint64_t count = mmsg_count(c, i), k;
	struct msg m;

	if (!c->a[i])
		return;
	cap_put(c, i, SREC__DIR__IN, c->a[i], count * MMSGHDR_SIZE);
	if (!send)
		memset(c->sw->v, 0, sizeof(c->sw->v));
	for (k = 0; k < count && !c->rc; k++) {
		if (!read_msghdr(c, c->a[i] + k * MMSGHDR_SIZE, &m))
			return;
		if (send)
			msg_in(c, i, &m, true);
		else
			mmsg_keep(c, k, msg_in(c, i, &m, false));
	}
}

/* At exit: the first `ret` entries (msg_len, and for recvmmsg the
 * msghdr fields) and, for recvmmsg, what each message received. */
static void mmsghdr_exit(struct cap *c, unsigned i, bool send)
{
	uint64_t count = mmsg_count(c, i), k, addr;
	uint32_t len;
	struct msg m;

	if (srec_sys_failed(c->ret) || c->ret <= 0 || !c->a[i])
		return;
	if ((uint64_t)c->ret < count)
		count = (uint64_t)c->ret;
	cap_put(c, i, SREC__DIR__OUT, c->a[i], count * MMSGHDR_SIZE);
	for (k = 0; !send && k < count && !c->rc; k++) {
		addr = c->a[i] + k * MMSGHDR_SIZE;
		if (!read_msghdr(c, addr, &m) ||
		    !cap_read_u32(c, addr + MMSG_LEN, &len))
			return;
		msg_out(c, i, &m, mmsg_kept(c, k), len);
	}
}

/* ---- Sockets: value-result lengths ----------------------------------- */

static const struct srec_sys_arg *arg_of(const struct cap *c, unsigned i)
{
	return &c->e->args[i];
}

/* The OUT_SOCKADDR argument whose length @l points at, or -1. */
static int sockaddr_of(const struct cap *c, unsigned l)
{
	unsigned i;

	for (i = 0; i < c->e->nargs && i < 6; i++)
		if (arg_of(c, i)->kind == SREC_ARG_OUT_SOCKADDR &&
		    arg_of(c, i)->len_arg == l)
			return (int)i;
	return -1;
}

/* A socklen_t * is read (and later written) only along with a
 * sockaddr to fill: accept(fd, NULL, NULL) touches neither. */
static bool socklen_used(const struct cap *c, unsigned l)
{
	int s = sockaddr_of(c, l);

	return c->a[l] && (s < 0 || c->a[s]);
}

static void out_sockaddr_enter(struct cap *c, unsigned i)
{
	unsigned l = arg_of(c, i)->len_arg;
	uint32_t len;

	if (l >= 6 || !c->a[i] || !c->a[l])
		return;
	if (arg_of(c, l)->kind != SREC_ARG_SOCKLEN_PTR)
		cap_put(c, l, SREC__DIR__IN, c->a[l], 4);
	if (cap_read_u32(c, c->a[l], &len))
		c->sw->v[CAP_SLOT_LEN] = len | CAP_HAVE;
}

/* move_addr_to_user(): min(the caller's length, the address's) bytes of
 * the sockaddr, and the address's full length into *len. */
static void out_sockaddr_exit(struct cap *c, unsigned i)
{
	unsigned l = arg_of(c, i)->len_arg;
	uint64_t kept = c->sr->v[CAP_SLOT_LEN];
	int32_t in = (kept & CAP_HAVE) ? (int32_t)(uint32_t)kept : INT32_MAX;
	uint32_t out;

	/* Without the entry (attached in the call), the address's own
	 * length bounds what was written. */
	if (l >= 6 || !c->a[i] || !c->a[l] || srec_sys_failed(c->ret) ||
	    !cap_read_u32(c, c->a[l], &out))
		return;
	if (in > 0 && (int32_t)out > 0)
		cap_put(c, i, SREC__DIR__OUT, c->a[i],
			(uint64_t)(in < (int32_t)out ? in : (int32_t)out));
	if (arg_of(c, l)->kind != SREC_ARG_SOCKLEN_PTR)
		cap_put(c, l, SREC__DIR__OUT, c->a[l], 4);
}

/* ---- Generic rules by kind ------------------------------------------- */

static uint64_t len_of(const struct cap *c, unsigned i)
{
	unsigned l = arg_of(c, i)->len_arg;

	return l < 6 ? c->a[l] : 0;
}

static uint64_t struct_size(const struct cap *c, unsigned i)
{
	return sys_struct_size(arg_of(c, i)->type);
}

/* fd_set bytes select() copies for @nfds descriptors: whole longs. */
static uint64_t fdset_len(uint64_t nfds)
{
	int32_t n = (int32_t)nfds;

	if (n <= 0)
		return 0;
	return ((uint64_t)n + 63) / 64 * 8;
}

static uint64_t pollfd_len(const struct cap *c, unsigned i)
{
	return cap_mul((uint32_t)len_of(c, i),
		       sys_struct_size(SREC_STRUCT_POLLFD));
}

/* The generic rules of argument @i by its kind in the table. */
static void arg_enter(struct cap *c, unsigned i)
{
	uint64_t v = c->a[i], len;

	switch (arg_of(c, i)->kind) {
	case SREC_ARG_PATH:
		cap_put_str(c, i, v, CAP_PATH_MAX);
		break;
	case SREC_ARG_STR:
		cap_put_str(c, i, v, CAP_STR_MAX);
		break;
	case SREC_ARG_STRARRAY:
		strarray(c, i, v);
		break;
	case SREC_ARG_IN_BUF:
	case SREC_ARG_IN_STRUCT_LEN:
		cap_put(c, i, SREC__DIR__IN, v, len_of(c, i));
		break;
	case SREC_ARG_IN_STRUCT:
	case SREC_ARG_INOUT_STRUCT:
		cap_put(c, i, SREC__DIR__IN, v, struct_size(c, i));
		break;
	case SREC_ARG_IN_ARRAY:
		cap_put(c, i, SREC__DIR__IN, v,
			cap_mul(len_of(c, i), struct_size(c, i)));
		break;
	case SREC_ARG_IN_IOV:
		cap_iov_in(c, i, v, len_of(c, i), true);
		break;
	case SREC_ARG_OUT_IOV:
		cap_iov_in(c, i, v, len_of(c, i), false);
		break;
	case SREC_ARG_IN_SOCKADDR:
		/* move_addr_to_kernel: 0 < len <= sockaddr_storage */
		len = (uint64_t)(int32_t)len_of(c, i);
		if ((int64_t)len > 0 && len <= CAP_SOCKADDR_MAX)
			cap_put(c, i, SREC__DIR__IN, v, len);
		break;
	case SREC_ARG_OUT_SOCKADDR:
		out_sockaddr_enter(c, i);
		break;
	case SREC_ARG_SOCKLEN_PTR:
		if (socklen_used(c, i))
			cap_put(c, i, SREC__DIR__IN, v, 4);
		break;
	case SREC_ARG_IN_MSGHDR:
		msghdr_enter(c, i, true);
		break;
	case SREC_ARG_OUT_MSGHDR:
		msghdr_enter(c, i, false);
		break;
	case SREC_ARG_IN_MMSGHDR:
		mmsghdr_enter(c, i, true);
		break;
	case SREC_ARG_OUT_MMSGHDR:
		mmsghdr_enter(c, i, false);
		break;
	case SREC_ARG_POLLFD:
		cap_put(c, i, SREC__DIR__IN, v, pollfd_len(c, i));
		break;
	case SREC_ARG_FDSET:
		cap_put(c, i, SREC__DIR__IN, v, fdset_len(len_of(c, i)));
		break;
	case SREC_ARG_IOCTL_ARG:
		if (i == 2)
			cap_ioctl_enter(c);
		break;
	case SREC_ARG_FCNTL_ARG:
		if (i == 2)
			cap_fcntl_enter(c);
		break;
	default: /* numbers, and OUT-only kinds */
		break;
	}
}

static void arg_exit(struct cap *c, unsigned i)
{
	uint64_t v = c->a[i];
	int64_t ret = c->ret;
	bool ok = !srec_sys_failed(ret);

	switch (arg_of(c, i)->kind) {
	case SREC_ARG_OUT_BUF:
	case SREC_ARG_OUT_STR:
		/* getcwd's result counts the NUL it wrote */
		if (ok && ret > 0)
			cap_put(c, i, SREC__DIR__OUT, v, (uint64_t)ret);
		break;
	case SREC_ARG_OUT_BUF_LEN:
	case SREC_ARG_OUT_STRUCT_LEN:
		if (ok)
			cap_put(c, i, SREC__DIR__OUT, v, len_of(c, i));
		break;
	case SREC_ARG_OUT_STRUCT:
	case SREC_ARG_INOUT_STRUCT:
		if (ok)
			cap_put(c, i, SREC__DIR__OUT, v, struct_size(c, i));
		break;
	case SREC_ARG_OUT_ARRAY:
		if (ok && ret > 0)
			cap_put(c, i, SREC__DIR__OUT, v,
				cap_mul((uint64_t)ret, struct_size(c, i)));
		break;
	case SREC_ARG_OUT_ARRAY_LEN:
		if (ok)
			cap_put(c, i, SREC__DIR__OUT, v,
				cap_mul(len_of(c, i), struct_size(c, i)));
		break;
	case SREC_ARG_OUT_IOV:
		if (ok && ret > 0)
			cap_iov_out(c, i, v, len_of(c, i), (uint64_t)ret);
		break;
	case SREC_ARG_OUT_SOCKADDR:
		out_sockaddr_exit(c, i);
		break;
	case SREC_ARG_SOCKLEN_PTR:
		if (ok && socklen_used(c, i))
			cap_put(c, i, SREC__DIR__OUT, v, 4);
		break;
	case SREC_ARG_OUT_MSGHDR:
		msghdr_exit(c, i);
		break;
	case SREC_ARG_IN_MMSGHDR:
		mmsghdr_exit(c, i, true);
		break;
	case SREC_ARG_OUT_MMSGHDR:
		mmsghdr_exit(c, i, false);
		break;
	case SREC_ARG_POLLFD:
		/* do_sys_poll() writes revents back even when a signal
		 * interrupted the wait. */
		if (ok || srec_sys_interrupted(ret))
			cap_put(c, i, SREC__DIR__OUT, v, pollfd_len(c, i));
		break;
	case SREC_ARG_FDSET:
		if (ok)
			cap_put(c, i, SREC__DIR__OUT, v,
				fdset_len(len_of(c, i)));
		break;
	case SREC_ARG_IOCTL_ARG:
		if (i == 2)
			cap_ioctl_exit(c);
		break;
	case SREC_ARG_FCNTL_ARG:
		if (i == 2)
			cap_fcntl_exit(c);
		break;
	default: /* numbers, and IN-only kinds */
		break;
	}
}

/* ---- ioctl and fcntl ------------------------------------------------- */

enum { CAP_IN = 1, CAP_OUT = 2, CAP_INOUT = 3 };

/* A request or command whose argument points at memory: @type's size,
 * or @size bytes when the struct has no type of its own. */
struct arg_rule {
	uint32_t req;
	uint8_t dir;
	uint16_t type;
	uint16_t size;
};

/*
 * Requests from before the _IOC() encoding (their number carries no size
 * or direction): the terminal ones (asm-generic/ioctls.h) and the socket
 * ones (linux/sockios.h; struct ifreq is 40 bytes).
 */
static const struct arg_rule ioctl_rules[] = {
	{ 0x5401 /* TCGETS */, CAP_OUT, SREC_STRUCT_TERMIOS, 0 },
	{ 0x5402 /* TCSETS */, CAP_IN, SREC_STRUCT_TERMIOS, 0 },
	{ 0x5403 /* TCSETSW */, CAP_IN, SREC_STRUCT_TERMIOS, 0 },
	{ 0x5404 /* TCSETSF */, CAP_IN, SREC_STRUCT_TERMIOS, 0 },
	{ 0x5405 /* TCGETA */, CAP_OUT, 0, 18 },
	{ 0x5406 /* TCSETA */, CAP_IN, 0, 18 },
	{ 0x5407 /* TCSETAW */, CAP_IN, 0, 18 },
	{ 0x5408 /* TCSETAF */, CAP_IN, 0, 18 },
	{ 0x540f /* TIOCGPGRP */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x5410 /* TIOCSPGRP */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x5411 /* TIOCOUTQ */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x5412 /* TIOCSTI */, CAP_IN, 0, 1 },
	{ 0x5413 /* TIOCGWINSZ */, CAP_OUT, SREC_STRUCT_WINSIZE, 0 },
	{ 0x5414 /* TIOCSWINSZ */, CAP_IN, SREC_STRUCT_WINSIZE, 0 },
	{ 0x5415 /* TIOCMGET */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x5416 /* TIOCMBIS */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x5417 /* TIOCMBIC */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x5418 /* TIOCMSET */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x5419 /* TIOCGSOFTCAR */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x541a /* TIOCSSOFTCAR */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x541b /* FIONREAD */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x5420 /* TIOCPKT */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x5421 /* FIONBIO */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x5423 /* TIOCSETD */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x5424 /* TIOCGETD */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x5429 /* TIOCGSID */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x5452 /* FIOASYNC */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x5456 /* TIOCGLCKTRMIOS */, CAP_OUT, SREC_STRUCT_TERMIOS, 0 },
	{ 0x5457 /* TIOCSLCKTRMIOS */, CAP_IN, SREC_STRUCT_TERMIOS, 0 },
	{ 0x5459 /* TIOCSERGETLSR */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x5460 /* FIOQSIZE */, CAP_OUT, SREC_STRUCT_U64, 0 },
	{ 0x8901 /* FIOSETOWN */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x8902 /* SIOCSPGRP */, CAP_IN, SREC_STRUCT_INT, 0 },
	{ 0x8903 /* FIOGETOWN */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x8904 /* SIOCGPGRP */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x8905 /* SIOCATMARK */, CAP_OUT, SREC_STRUCT_INT, 0 },
	{ 0x8906 /* SIOCGSTAMP */, CAP_OUT, SREC_STRUCT_TIMEVAL, 0 },
	{ 0x8907 /* SIOCGSTAMPNS */, CAP_OUT, SREC_STRUCT_TIMESPEC, 0 },
	{ 0x8910 /* SIOCGIFNAME */, CAP_INOUT, 0, 40 },
	{ 0x8913 /* SIOCGIFFLAGS */, CAP_INOUT, 0, 40 },
	{ 0x8914 /* SIOCSIFFLAGS */, CAP_IN, 0, 40 },
	{ 0x8915 /* SIOCGIFADDR */, CAP_INOUT, 0, 40 },
	{ 0x8916 /* SIOCSIFADDR */, CAP_IN, 0, 40 },
	{ 0x8917 /* SIOCGIFDSTADDR */, CAP_INOUT, 0, 40 },
	{ 0x8919 /* SIOCGIFBRDADDR */, CAP_INOUT, 0, 40 },
	{ 0x891b /* SIOCGIFNETMASK */, CAP_INOUT, 0, 40 },
	{ 0x891d /* SIOCGIFMETRIC */, CAP_INOUT, 0, 40 },
	{ 0x8921 /* SIOCGIFMTU */, CAP_INOUT, 0, 40 },
	{ 0x8922 /* SIOCSIFMTU */, CAP_IN, 0, 40 },
	{ 0x8927 /* SIOCGIFHWADDR */, CAP_INOUT, 0, 40 },
	{ 0x8933 /* SIOCGIFINDEX */, CAP_INOUT, 0, 40 },
	{ 0x8942 /* SIOCGIFTXQLEN */, CAP_INOUT, 0, 40 },
	{ 0x894b /* SIOCOUTQNSD */, CAP_OUT, SREC_STRUCT_INT, 0 },
};

/* fcntl commands whose argument is a pointer (uapi/linux/fcntl.h). */
static const struct arg_rule fcntl_rules[] = {
	{ 5 /* F_GETLK */, CAP_INOUT, SREC_STRUCT_FLOCK, 0 },
	{ 6 /* F_SETLK */, CAP_IN, SREC_STRUCT_FLOCK, 0 },
	{ 7 /* F_SETLKW */, CAP_IN, SREC_STRUCT_FLOCK, 0 },
	{ 15 /* F_SETOWN_EX */, CAP_IN, 0, 8 },
	{ 16 /* F_GETOWN_EX */, CAP_OUT, 0, 8 },
	{ 36 /* F_OFD_GETLK */, CAP_INOUT, SREC_STRUCT_FLOCK, 0 },
	{ 37 /* F_OFD_SETLK */, CAP_IN, SREC_STRUCT_FLOCK, 0 },
	{ 38 /* F_OFD_SETLKW */, CAP_IN, SREC_STRUCT_FLOCK, 0 },
	{ 1035 /* F_GET_RW_HINT */, CAP_OUT, SREC_STRUCT_U64, 0 },
	{ 1036 /* F_SET_RW_HINT */, CAP_IN, SREC_STRUCT_U64, 0 },
	{ 1037 /* F_GET_FILE_RW_HINT */, CAP_OUT, SREC_STRUCT_U64, 0 },
	{ 1038 /* F_SET_FILE_RW_HINT */, CAP_IN, SREC_STRUCT_U64, 0 },
};

#define N_RULES(t) (sizeof(t) / sizeof((t)[0]))

static bool find_rule(const struct arg_rule *rules, size_t n, uint32_t req,
		      struct arg_rule *out)
{
	size_t i;

	for (i = 0; i < n && rules[i].req != req; i++)
		;
	if (i == n)
		return false;
	*out = rules[i];
	if (out->type)
		out->size = (uint16_t)sys_struct_size(out->type);
	return true;
}

/*
 * The ioctl's argument: a request of the table above, else what its
 * _IOC() number says (_IOC_WRITE: the kernel reads `size` bytes,
 * _IOC_READ: it writes them; asm-generic/ioctl.h).  Requests with
 * neither take a value or memory srec cannot size: nothing.
 */
static bool ioctl_rule(const struct cap *c, struct arg_rule *r)
{
	uint32_t req = (uint32_t)c->a[1];
	uint32_t dir = req >> 30, size = (req >> 16) & 0x3fff;

	if (find_rule(ioctl_rules, N_RULES(ioctl_rules), req, r))
		return true;
	r->req = req;
	r->type = 0;
	r->size = (uint16_t)size;
	r->dir = (uint8_t)(((dir & 1) ? CAP_IN : 0) |
			   ((dir & 2) ? CAP_OUT : 0));
	return r->dir && size;
}

static bool fcntl_rule(const struct cap *c, struct arg_rule *r)
{
	return find_rule(fcntl_rules, N_RULES(fcntl_rules), (uint32_t)c->a[1],
			 r);
}

static void rule_enter(struct cap *c, const struct arg_rule *r)
{
	if (r->dir & CAP_IN)
		cap_put(c, 2, SREC__DIR__IN, c->a[2], r->size);
}

static void rule_exit(struct cap *c, const struct arg_rule *r)
{
	if ((r->dir & CAP_OUT) && !srec_sys_failed(c->ret))
		cap_put(c, 2, SREC__DIR__OUT, c->a[2], r->size);
}

void cap_ioctl_enter(struct cap *c)
{
	struct arg_rule r;

	if (ioctl_rule(c, &r))
		rule_enter(c, &r);
}

void cap_ioctl_exit(struct cap *c)
{
	struct arg_rule r;

	if (ioctl_rule(c, &r))
		rule_exit(c, &r);
}

void cap_fcntl_enter(struct cap *c)
{
	struct arg_rule r;

	if (fcntl_rule(c, &r))
		rule_enter(c, &r);
}

void cap_fcntl_exit(struct cap *c)
{
	struct arg_rule r;

	if (fcntl_rule(c, &r))
		rule_exit(c, &r);
}

/* ---- Entry points ---------------------------------------------------- */

static const struct cap_sys **sys_by_nr;
static unsigned sys_by_nr_limit;
static pthread_once_t sys_by_nr_once = PTHREAD_ONCE_INIT;

/* Index the calls with rules of their own by number once: this runs
 * twice per recorded syscall. */
static void index_sys_rows(void)
{
	const struct cap_sys *r;

	sys_by_nr_limit = srec_sys_nr_limit();
	sys_by_nr = srec_xcalloc(sys_by_nr_limit ? sys_by_nr_limit : 1,
				 sizeof(*sys_by_nr));
	for (r = cap_sys_rows; r->name; r++) {
		const struct srec_sys_entry *e = srec_sys_find(r->name);

		if (e && e->nr < sys_by_nr_limit)
			sys_by_nr[e->nr] = r;
	}
}

static const struct cap_sys *sys_row(unsigned nr)
{
	pthread_once(&sys_by_nr_once, index_sys_rows);
	return nr < sys_by_nr_limit ? sys_by_nr[nr] : NULL;
}

static void walk(struct cap *c, unsigned nr)
{
	const struct cap_sys *row;
	unsigned i;

	c->e = srec_sys_get(nr);
	if (!c->e)
		return;
	row = sys_row(nr);
	for (i = 0; i < c->e->nargs && i < 6 && !c->rc; i++) {
		if (row && (row->own >> i & 1))
			continue;
		if (c->at_exit)
			arg_exit(c, i);
		else
			arg_enter(c, i);
	}
	if (!row || c->rc)
		return;
	if (c->at_exit && row->exit)
		row->exit(c);
	else if (!c->at_exit && row->enter)
		row->enter(c);
}

int srec_sys_regions_enter(unsigned nr, const uint64_t args[6],
			   const struct srec_sys_tracee_mem *mem,
			   struct srec_sys_scratch *scratch,
			   srec_sys_region_fn emit, void *ctx)
{
	struct cap c = {
		.a = args, .mem = mem, .sw = scratch, .sr = scratch,
		.emit = emit, .ctx = ctx,
	};

	memset(scratch, 0, sizeof(*scratch));
	walk(&c, nr);
	return c.rc;
}

int srec_sys_regions_exit(unsigned nr, const uint64_t args[6], int64_t ret,
			  const struct srec_sys_tracee_mem *mem,
			  const struct srec_sys_scratch *scratch,
			  srec_sys_region_fn emit, void *ctx)
{
	struct cap c = {
		.a = args, .ret = ret, .at_exit = true, .mem = mem,
		.sr = scratch, .emit = emit, .ctx = ctx,
	};

	walk(&c, nr);
	return c.rc;
}

/* ---- What a call leaves alone ----------------------------------------- */

/* Whether [a, a + alen) and [b, b + blen) share a byte (lengths may run
 * past the top of the address space). */
static bool ranges_meet(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && blen && (a >= b ? a - b < blen : b - a < alen);
}

/*
 * The most bytes the kernel may write through OUT argument @i before it
 * knows its result: the size the arguments give, or UINT64_MAX for the
 * kinds the result sizes (read's buffer).  0: argument @i is no OUT
 * argument whose extent is known here.
 */
static uint64_t out_bound(const struct cap *c, unsigned i)
{
	switch (arg_of(c, i)->kind) {
	case SREC_ARG_OUT_BUF:
	case SREC_ARG_OUT_STR:
	case SREC_ARG_OUT_ARRAY:
		return UINT64_MAX;
	case SREC_ARG_OUT_BUF_LEN:
	case SREC_ARG_OUT_STRUCT_LEN:
		return len_of(c, i);
	case SREC_ARG_OUT_STRUCT:
		return struct_size(c, i);
	case SREC_ARG_OUT_ARRAY_LEN:
		return cap_mul(len_of(c, i), struct_size(c, i));
	default:
		return 0;
	}
}

bool srec_sys_in_readable_at_exit(unsigned nr, const uint64_t args[6],
				  uint64_t addr, uint64_t len)
{
	struct cap c = { .a = args };
	bool writes = false;
	unsigned i;

	c.e = srec_sys_get(nr);
	/* %process calls make, replace or end the memory's users (clone,
	 * execve, exit); calls with rules of their own write where their
	 * rules say (futex, prctl, ...). */
	if (!c.e || (c.e->classes & SREC_SC_PROCESS) || sys_row(nr))
		return false;
	for (i = 0; i < c.e->nargs && i < 6; i++) {
		uint64_t bound;

		switch (arg_of(&c, i)->kind) {
		case SREC_ARG_INT:
		case SREC_ARG_UINT:
		case SREC_ARG_HEX:
		case SREC_ARG_OCT:
		case SREC_ARG_FD:
		case SREC_ARG_DIRFD:
		case SREC_ARG_PID:
		case SREC_ARG_UID:
		case SREC_ARG_SIGNAL:
		case SREC_ARG_MODE:
		case SREC_ARG_FLAGS:
		case SREC_ARG_ENUM:
		case SREC_ARG_PATH:
		case SREC_ARG_STR:
		case SREC_ARG_IN_BUF:
		case SREC_ARG_IN_STRUCT:
		case SREC_ARG_IN_STRUCT_LEN:
		case SREC_ARG_IN_ARRAY:
		case SREC_ARG_IN_SOCKADDR:
			continue; /* the kernel only reads these */
		default:
			break;
		}
		bound = out_bound(&c, i);
		if (!bound)
			return false; /* may write where srec cannot tell */
		if (!args[i])
			continue;
		if (ranges_meet(addr, len, args[i], bound))
			return false;
		writes = true;
	}
	return writes;
}
