/* SPDX-License-Identifier: MIT */
/*
 * capture_int.h - internals of the capture rules (capture.c, the generic
 * walk driven by the table; capture_sys.c, the calls whose memory depends
 * on another argument or on the result).  Not for use outside sys/.
 */
#ifndef SREC_CAPTURE_INT_H
#define SREC_CAPTURE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "srec_arch_layout.h"
#include "srec_sys.h"
#include "sys_int.h"

/* One srec_sys_regions_enter() or _exit() call in progress. */
struct cap {
	const struct srec_sys_entry *e;
	const uint64_t *a;     /* the six argument registers */
	int64_t ret;           /* at exit */
	bool at_exit;
	const struct srec_sys_tracee_mem *mem;
	struct srec_sys_scratch *sw;        /* entry: facts for the exit */
	const struct srec_sys_scratch *sr;  /* exit: what the entry kept */
	srec_sys_region_fn emit;
	void *ctx;
	int rc;                /* first non-zero return of emit: stop */
};

/*
 * Kernel limits the rules follow (include/uapi/linux/uio.h, socket.h,
 * binfmts.h): iovec counts past UIO_MAXIOV fail before anything is read,
 * a sockaddr is at most a sockaddr_storage, an argv/envp string at most
 * MAX_ARG_STRLEN.
 */
enum {
	CAP_UIO_MAXIOV = 1024,
	CAP_SOCKADDR_MAX = 128,
	CAP_PATH_MAX = 4096,
	CAP_STR_MAX = 4096,
	CAP_ARG_STRLEN = 32 * 4096,
};

/*
 * What the entry keeps for the exit in struct srec_sys_scratch: a 32-bit
 * value with CAP_HAVE set (0: nothing kept).  The value-result length
 * (socklen_t, getsockopt's optlen) goes to CAP_SLOT_LEN, recvmsg's
 * msg_namelen to CAP_SLOT_NAMELEN, a poll/select timeout worth writing
 * back to CAP_SLOT_TIMEOUT; recvmmsg and clone3 use all four words.
 */
enum { CAP_SLOT_LEN = 0, CAP_SLOT_NAMELEN = 1, CAP_SLOT_TIMEOUT = 3 };
#define CAP_HAVE (UINT64_C(1) << 32)

/* Name a region (nothing for a NULL address or zero length). */
void cap_put(struct cap *c, unsigned arg, int dir, uint64_t addr,
	     uint64_t len);
/* Name a NUL-terminated string the kernel reads, at most @max bytes. */
void cap_put_str(struct cap *c, unsigned arg, uint64_t addr, uint64_t max);
/* Read exactly @len bytes of the tracee at @addr; false if it cannot. */
bool cap_read(struct cap *c, uint64_t addr, void *buf, size_t len);
/* Read a 4-byte little-endian value at @addr into *@v. */
bool cap_read_u32(struct cap *c, uint64_t addr, uint32_t *v);

/* @a * @b, saturated: lengths are named as they are, never allocated. */
uint64_t cap_mul(uint64_t a, uint64_t b);

/*
 * cap_iov_in - an iovec array of @count entries the kernel reads (IN),
 * and with @data each buffer it reads as well.  Nothing when @count is 0
 * or over UIO_MAXIOV; no buffers when the array is unreadable or holds a
 * negative length (the kernel fails before reading any).
 */
void cap_iov_in(struct cap *c, unsigned arg, uint64_t iov, uint64_t count,
		bool data);
/* cap_iov_out - the first @total bytes the kernel wrote into the buffers
 * of an iovec array, in order (OUT). */
void cap_iov_out(struct cap *c, unsigned arg, uint64_t iov, uint64_t count,
		 uint64_t total);

/*
 * A call with rules of its own: @own has bit i set for each argument the
 * functions below handle; the others follow their kind in the table.
 */
struct cap_sys {
	const char *name;
	uint8_t own;
	void (*enter)(struct cap *c);
	void (*exit)(struct cap *c);
};

/* Rows of capture_sys.c, ended by a NULL name. */
extern const struct cap_sys cap_sys_rows[];

/* The rules of the ioctl and fcntl argument (argument 2). */
void cap_ioctl_enter(struct cap *c);
void cap_ioctl_exit(struct cap *c);
void cap_fcntl_enter(struct cap *c);
void cap_fcntl_exit(struct cap *c);

#endif
