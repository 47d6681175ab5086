/* SPDX-License-Identifier: MIT */
/*
 * decode_int.h - internals of the strace-style decoders (decode.c and the
 * family files file.c, net.c, mm.c, proc.c, signal.c, time.c).  Not for
 * use outside sys/.
 *
 * A decode works on one `struct dec`: the recorded call, its table row,
 * the options and the output buffer.  Memory the call read or wrote is
 * found among the call's Mem regions by argument, direction and address;
 * whatever is missing, short or faulted prints as a bare address, so no
 * captured data can make a decoder read past what was stored.
 */
#ifndef SREC_DECODE_INT_H
#define SREC_DECODE_INT_H

#include <limits.h>
#include <string.h>

#include "srec_sys.h"
#include "sys_int.h"

/* AT_FDCWD as the kernel defines it, the same on every architecture
 * (decode.c does not include <fcntl.h>). */
#define AT_FDCWD_VALUE (-100)

struct dec {
	const Srec__Syscall *sc;
	const struct srec_sys_entry *e; /* NULL for an unknown number */
	const struct srec_sys_fmt_opts *o;
	struct srec_buf *out;
	uint64_t a[6];  /* argument registers, missing ones zero */
	bool returned;  /* the call has a return value */
	bool failed;    /* ... and it is an error (-4095..-1) */
	int64_t ret;
};

/* Bytes of one stored region at one address. */
struct dec_view {
	const uint8_t *p; /* stored bytes from the address on */
	size_t n;         /* how many are stored */
	bool fault;       /* the tracee's memory was not all readable */
};

/*
 * dec_find - the bytes at @addr that the call read (@dir SREC__DIR__IN) or
 * wrote (SREC__DIR__OUT), preferring regions hanging off argument @arg.
 * @return: true when some region covers @addr (v->n may still be 0).
 */
bool dec_find(const struct dec *d, unsigned arg, int dir, uint64_t addr,
	      struct dec_view *v);

/*
 * dec_struct - @size bytes at @addr, if stored whole: a pointer to them,
 * else NULL (the caller then prints the address).
 */
const uint8_t *dec_struct(const struct dec *d, unsigned arg, int dir,
			  uint64_t addr, size_t size);

/* Little-endian fields of captured structs (which need not be aligned). */
static inline uint64_t dec_u64(const uint8_t *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static inline uint32_t dec_u32(const uint8_t *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static inline uint16_t dec_u16(const uint8_t *p, size_t off)
{
	uint16_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

/* ---- Printing helpers ------------------------------------------------ */

void dec_addr(struct dec *d, uint64_t addr);       /* NULL or 0x... */
void dec_quoted(struct srec_buf *out, const uint8_t *p, size_t n);
/* "\x6a\x51": every byte in hex, for random bytes (getrandom). */
void dec_hex_quoted(struct srec_buf *out, const uint8_t *p, size_t n);
/* For dec_strn/dec_str_at: paths print whole, as strace prints them. */
#define DEC_NO_LIMIT UINT_MAX

/*
 * dec_strn - print a string from a view: at most @max bytes, stopping at a NUL
 * when @nul; `...` after the quote when anything was left out.
 */
void dec_strn(struct dec *d, const struct dec_view *v, uint64_t len,
	      unsigned max, bool nul);
/* A NUL-terminated string at @addr (IN), at most @max bytes. */
void dec_str_at(struct dec *d, unsigned arg, uint64_t addr, unsigned max);
/* A buffer at @addr of @len bytes in direction @dir. */
void dec_buf_at(struct dec *d, unsigned arg, int dir, uint64_t addr,
		uint64_t len);
void dec_fd(struct dec *d, int fd);
void dec_dirfd(struct dec *d, int fd);
void dec_signal(struct srec_buf *out, int sig); /* SIGINT, or 77 */
void dec_mode(struct srec_buf *out, uint64_t mode, bool with_type);
/* Flags from xlat table @table: A|B|0x40; @zero printed for 0 (or "0"). */
void dec_flags(struct srec_buf *out, unsigned table, uint64_t v,
	       const char *zero);
/* One value from xlat table @table, else @dflt format ("%#llx", "%lld"). */
void dec_enum(struct srec_buf *out, unsigned table, uint64_t v,
	      const char *dflt);
/* A struct of kind @type at @addr, or its address. */
void dec_struct_at(struct dec *d, unsigned arg, int dir, unsigned type,
		   uint64_t addr, uint64_t len);
void dec_sigset(struct srec_buf *out, const uint8_t *p, size_t n);
void dec_timespec(struct srec_buf *out, const uint8_t *p);
void dec_timeval(struct srec_buf *out, const uint8_t *p);
void dec_sockaddr(struct srec_buf *out, const uint8_t *p, size_t n);
/* [{iov_base=..., iov_len=N}, ...]: @count iovecs at @addr, their data in
 * @dir; for OUT only the first @total bytes were written. */
void dec_iov(struct dec *d, unsigned arg, int dir, uint64_t addr,
	     uint64_t count, uint64_t total);
/* A struct msghdr (@p, 56 bytes) with its name and iovecs. */
void dec_msghdr(struct dec *d, unsigned arg, int dir, const uint8_t *p,
		uint64_t total);

/* ---- Struct and per-syscall decoders, by family ---------------------- */

/* Prints the struct in @p (@n >= its size; @n is the stored length). */
typedef void (*dec_struct_fn)(struct dec *d, const uint8_t *p, size_t n);

struct dec_struct_row {
	unsigned type;   /* SREC_STRUCT_* */
	size_t size;     /* least bytes needed; 0: variable (fn checks) */
	dec_struct_fn fn;
};

/*
 * A syscall's own decoder: @args prints the whole argument list (NULL:
 * the table does it), @arg prints one SREC_ARG_SPECIAL / IOCTL / FCNTL
 * argument, @ret prints a successful return, " = " included (NULL: as
 * the table's return kind says; failures are always "= -1 ENOENT (...)").
 */
struct dec_sys_row {
	const char *name;
	void (*args)(struct dec *d);
	void (*arg)(struct dec *d, unsigned i);
	void (*ret)(struct dec *d);
};

extern const struct dec_struct_row dec_file_structs[], dec_net_structs[],
	dec_proc_structs[], dec_signal_structs[], dec_time_structs[];
extern const struct dec_sys_row dec_file_sys[], dec_net_sys[],
	dec_proc_sys[], dec_signal_sys[];

/* Print argument @i the way the table describes it. */
void dec_arg(struct dec *d, unsigned i);

#endif
