// SPDX-License-Identifier: MIT
/*
 * decode.c - strace-style printing of recorded syscalls (srec_sys.h):
 * the engine that walks a call's arguments as its table row describes
 * them, the shared printers (strings, fds, flags, modes, addresses), return
 * values and the non-syscall event lines.  Structs and calls the table
 * cannot describe are decoded by the family files (file.c, net.c, ...).
 */
#include "decode_int.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>

/* ---- Captured memory ------------------------------------------------- */

static bool region_covers(const Srec__Mem *m, uint64_t addr)
{
	uint64_t span = m->len > m->data.len ? m->len : m->data.len;

	if (addr < m->addr)
		return false;
	/* A string region of length 0 still names its address. */
	return addr - m->addr < span || addr == m->addr;
}

bool dec_find(const struct dec *d, unsigned arg, int dir, uint64_t addr,
	      struct dec_view *v)
{
	const Srec__Mem *best = NULL;
	int best_score = -1;
	size_t i;
	uint64_t off;

	if (!addr)
		return false;
	/* Prefer the region of this argument that starts at @addr; indirect
	 * data (iovec contents, argv strings) hangs off the same argument
	 * at other addresses. */
	for (i = 0; i < d->sc->n_mem; i++) {
		const Srec__Mem *m = d->sc->mem[i];
		int score;

		if ((int)m->dir != dir || !region_covers(m, addr))
			continue;
		score = (m->arg == arg) * 2 + (m->addr == addr);
		if (score > best_score) {
			best = m;
			best_score = score;
		}
	}
	if (!best)
		return false;
	off = addr - best->addr;
	v->n = best->data.data && off < best->data.len ?
		       best->data.len - (size_t)off :
		       0;
	v->p = v->n ? best->data.data + off : NULL;
	v->fault = best->fault;
	return true;
}

const uint8_t *dec_struct(const struct dec *d, unsigned arg, int dir,
			  uint64_t addr, size_t size)
{
	struct dec_view v;

	if (!dec_find(d, arg, dir, addr, &v) || v.n < size)
		return NULL;
	return v.p;
}

/* ---- Strings --------------------------------------------------------- */

/*
 * strace's quoting: C escapes for the usual controls, octal for other
 * bytes outside 0x20..0x7e (and for the bytes in @also), as short as
 * possible unless a digit follows (then three digits, so "\1" "1" does
 * not read as "\11").
 */
static void quote(struct srec_buf *out, const uint8_t *p, size_t n,
		  const char *also)
{
	static const char esc_from[] = "\"\\\f\n\r\t\v";
	static const char esc_to[] = "\"\\fnrtv";
	size_t i;

	srec_buf_grow(out, n);
	for (i = 0; i < n; i++) {
		unsigned c = p[i];
		const char *e = c ? strchr(esc_from, (int)c) : NULL;
		char tmp[5];
		int k = 0;

		if (e) {
			tmp[k++] = '\\';
			tmp[k++] = esc_to[e - esc_from];
		} else if (c >= 0x20 && c <= 0x7e && !strchr(also, (int)c)) {
			tmp[k++] = (char)c;
		} else {
			bool digit_next = i + 1 < n && p[i + 1] >= '0' &&
					  p[i + 1] <= '7';

			tmp[k++] = '\\';
			if (digit_next || c >> 6)
				tmp[k++] = (char)('0' + (c >> 6));
			if (digit_next || c >> 3)
				tmp[k++] = (char)('0' + ((c >> 3) & 7));
			tmp[k++] = (char)('0' + (c & 7));
		}
		srec_buf_add(out, tmp, (size_t)k);
	}
}

void dec_quoted(struct srec_buf *out, const uint8_t *p, size_t n)
{
	srec_buf_addc(out, '"');
	quote(out, p, n, "");
	srec_buf_addc(out, '"');
}

void dec_hex_quoted(struct srec_buf *out, const uint8_t *p, size_t n)
{
	size_t i;

	srec_buf_grow(out, n * 4 + 2);
	srec_buf_addc(out, '"');
	for (i = 0; i < n; i++)
		srec_buf_addf(out, "\\x%02x", p[i]);
	srec_buf_addc(out, '"');
}

void dec_strn(struct dec *d, const struct dec_view *v, uint64_t len,
	      unsigned max, bool nul)
{
	size_t n = v->n;
	bool more;

	if (len < n)
		n = (size_t)len;
	if (nul && n) {
		const uint8_t *z = memchr(v->p, 0, n);

		if (z) {
			n = (size_t)(z - v->p);
			len = n;
		}
	}
	more = n < len || v->fault;
	if (max != DEC_NO_LIMIT && n > max) {
		n = max;
		more = true;
	}
	dec_quoted(d->out, v->p, n);
	if (more)
		srec_buf_adds(d->out, "...");
}

void dec_addr(struct dec *d, uint64_t addr)
{
	if (addr)
		srec_buf_addf(d->out, "%#" PRIx64, addr);
	else
		srec_buf_adds(d->out, "NULL");
}

void dec_str_at(struct dec *d, unsigned arg, uint64_t addr, unsigned max)
{
	struct dec_view v;

	if (!dec_find(d, arg, SREC__DIR__IN, addr, &v) ||
	    (v.fault && !v.n)) {
		dec_addr(d, addr);
		return;
	}
	dec_strn(d, &v, v.n, max, true);
}

void dec_buf_at(struct dec *d, unsigned arg, int dir, uint64_t addr,
		uint64_t len)
{
	struct dec_view v;

	if (!dec_find(d, arg, dir, addr, &v) || (v.fault && !v.n)) {
		dec_addr(d, addr);
		return;
	}
	/* Bytes the recorder did not keep (-s cap) print as "...". */
	dec_strn(d, &v, len, d->o->max_str, false);
}

/* ---- Numbers, fds, names --------------------------------------------- */

void dec_fd(struct dec *d, int fd)
{
	const char *path = NULL;

	srec_buf_addf(d->out, "%d", fd);
	if (fd >= 0 && d->o->fd_path)
		path = d->o->fd_path(d->o->fd_path_ctx, d->o->pid, fd);
	if (path) {
		/* strace -y: unquoted, with < and > escaped so the end shows */
		srec_buf_addc(d->out, '<');
		quote(d->out, (const uint8_t *)path, strlen(path), "<>");
		srec_buf_addc(d->out, '>');
	}
}

void dec_dirfd(struct dec *d, int fd)
{
	if (fd == AT_FDCWD_VALUE)
		srec_buf_adds(d->out, "AT_FDCWD");
	else
		dec_fd(d, fd);
}

void dec_signal(struct srec_buf *out, int sig)
{
	const char *name = srec_sys_signal_name(sig);

	if (name)
		srec_buf_adds(out, name);
	else if (sig == 32)
		srec_buf_adds(out, "SIGRTMIN"); /* the kernel's, not glibc's */
	else if (sig > 32 && sig <= 64)
		srec_buf_addf(out, "SIGRT_%d", sig - 32);
	else
		srec_buf_addf(out, "%d", sig);
}

void dec_mode(struct srec_buf *out, uint64_t mode, bool with_type)
{
	const char *type = NULL;

	if (with_type)
		type = xlat_name(SREC_XLAT_S_IFMT, mode & S_IFMT);
	if (type) {
		srec_buf_addf(out, "%s|%#03" PRIo64, type,
			      mode & ~(uint64_t)S_IFMT);
		return;
	}
	srec_buf_addf(out, "%#03" PRIo64, mode);
}

/* strace's form for a value no name covers: 0x3039 /\* AF_??? *\/ */
static void unknown_value(struct srec_buf *out, unsigned table, uint64_t v)
{
	srec_buf_addf(out, "%#" PRIx64 " /* %s??? */", v, xlat_unknown(table));
}

void dec_flags(struct srec_buf *out, unsigned table, uint64_t v,
	       const char *zero)
{
	size_t start = out->len;
	uint64_t rest;

	if (!v) {
		const char *name = xlat_name(table, 0);

		srec_buf_adds(out, name ? name : zero);
		return;
	}
	rest = xlat_flags(out, table, v);
	if (!rest)
		return;
	if (out->len > start)
		srec_buf_addf(out, "|%#" PRIx64, rest);
	else
		unknown_value(out, table, rest);
}

void dec_enum(struct srec_buf *out, unsigned table, uint64_t v,
	      const char *dflt)
{
	const char *name = xlat_name(table, v);

	if (name)
		srec_buf_adds(out, name);
	else if (!strcmp(dflt, "%d"))
		srec_buf_addf(out, "%d", (int)v);
	else
		unknown_value(out, table, v);
}

/* ---- Structs --------------------------------------------------------- */

static const struct dec_struct_row *const struct_tables[] = {
	dec_file_structs, dec_net_structs, dec_proc_structs,
	dec_signal_structs, dec_time_structs,
};

static const struct dec_struct_row *find_struct(unsigned type)
{
	size_t t;
	const struct dec_struct_row *r;

	for (t = 0; t < sizeof(struct_tables) / sizeof(struct_tables[0]); t++)
		for (r = struct_tables[t]; r->fn; r++)
			if (r->type == type)
				return r;
	return NULL;
}

void dec_struct_at(struct dec *d, unsigned arg, int dir, unsigned type,
		   uint64_t addr, uint64_t len)
{
	const struct dec_struct_row *r = find_struct(type);
	struct dec_view v;
	size_t n;

	if (!r || !dec_find(d, arg, dir, addr, &v)) {
		dec_addr(d, addr);
		return;
	}
	/* A length argument bounds what the struct may use (sockaddr). */
	n = len && len < v.n ? (size_t)len : v.n;
	if (n < r->size) {
		dec_addr(d, addr);
		return;
	}
	r->fn(d, v.p, n);
}

/* [elem, elem, ...] of @count structs of @type at @addr. */
static void struct_array(struct dec *d, unsigned arg, int dir, unsigned type,
			 uint64_t addr, uint64_t count)
{
	const struct dec_struct_row *r = find_struct(type);
	struct dec_view v;
	uint64_t i;

	if (!count) {
		srec_buf_adds(d->out, "[]");
		return;
	}
	if (!r || !r->size || !dec_find(d, arg, dir, addr, &v) ||
	    v.n < r->size) {
		dec_addr(d, addr);
		return;
	}
	srec_buf_addc(d->out, '[');
	for (i = 0; i < count; i++) {
		if (i)
			srec_buf_adds(d->out, ", ");
		if (i >= d->o->max_str || (i + 1) * r->size > v.n) {
			srec_buf_adds(d->out, "...");
			break;
		}
		r->fn(d, v.p + i * r->size, r->size);
	}
	srec_buf_addc(d->out, ']');
}

/* ---- String arrays (argv, envp) -------------------------------------- */

/*
 * argv prints as ["ls", "-la"]; an environment (a string array after
 * another, as execve's envp) as strace does without -v:
 * 0x7ffd... /\* 20 vars *\/.
 */
static void strarray(struct dec *d, unsigned i, bool is_env)
{
	struct dec_view v;
	uint64_t k, count;

	if (!dec_find(d, i, SREC__DIR__IN, d->a[i], &v) || v.n < 8) {
		dec_addr(d, d->a[i]);
		return;
	}
	for (count = 0; (count + 1) * 8 <= v.n; count++) {
		uint64_t p;

		memcpy(&p, v.p + count * 8, 8);
		if (!p)
			break;
	}
	if (is_env) {
		dec_addr(d, d->a[i]);
		srec_buf_addf(d->out, " /* %" PRIu64 " var%s */", count,
			      count == 1 ? "" : "s");
		return;
	}
	srec_buf_addc(d->out, '[');
	for (k = 0; k < count; k++) {
		uint64_t p;

		if (k)
			srec_buf_adds(d->out, ", ");
		if (k >= d->o->max_str) {
			srec_buf_adds(d->out, "...");
			break;
		}
		memcpy(&p, v.p + k * 8, 8);
		dec_str_at(d, i, p, d->o->max_str);
	}
	srec_buf_addc(d->out, ']');
}

/* ---- Per-syscall decoders -------------------------------------------- */

static const struct dec_sys_row *const sys_tables[] = {
	dec_file_sys, dec_net_sys, dec_proc_sys, dec_signal_sys,
};

static const struct dec_sys_row **sys_by_nr;
static unsigned sys_by_nr_limit;
static pthread_once_t sys_by_nr_once = PTHREAD_ONCE_INIT;

/* Index the family decoders by number once: dump formats millions of
 * calls, and a name search per call would dominate. */
static void index_sys_rows(void)
{
	size_t t;
	const struct dec_sys_row *r;

	sys_by_nr_limit = srec_sys_nr_limit();
	sys_by_nr = srec_xcalloc(sys_by_nr_limit, sizeof(*sys_by_nr));
	for (t = 0; t < sizeof(sys_tables) / sizeof(sys_tables[0]); t++)
		for (r = sys_tables[t]; r->name; r++) {
			const struct srec_sys_entry *e = srec_sys_find(r->name);

			if (e && e->nr < sys_by_nr_limit)
				sys_by_nr[e->nr] = r;
		}
}

static const struct dec_sys_row *sys_row(unsigned nr)
{
	pthread_once(&sys_by_nr_once, index_sys_rows);
	return nr < sys_by_nr_limit ? sys_by_nr[nr] : NULL;
}

/* ---- Arguments by kind ----------------------------------------------- */

static bool out_ok(const struct dec *d)
{
	return d->returned && !d->failed;
}

static void uid_arg(struct dec *d, uint64_t v)
{
	if ((uint32_t)v == UINT32_MAX)
		srec_buf_adds(d->out, "-1");
	else
		srec_buf_addf(d->out, "%u", (uint32_t)v);
}

/* socklen_t *: [16], or [128 => 16] when the kernel changed it. */
static void socklen_ptr(struct dec *d, unsigned i)
{
	struct dec_view in, out;
	bool has_in = dec_find(d, i, SREC__DIR__IN, d->a[i], &in) && in.n >= 4;
	bool has_out = out_ok(d) &&
		       dec_find(d, i, SREC__DIR__OUT, d->a[i], &out) &&
		       out.n >= 4;
	uint32_t a = 0, b = 0;

	if (has_in)
		memcpy(&a, in.p, 4);
	if (has_out)
		memcpy(&b, out.p, 4);
	if (has_in && has_out && a != b)
		srec_buf_addf(d->out, "[%u => %u]", a, b);
	else if (has_in || has_out)
		srec_buf_addf(d->out, "[%u]", has_out ? b : a);
	else
		dec_addr(d, d->a[i]);
}

/* The sockaddr length for OUT sockaddrs: what the kernel wrote into the
 * socklen_t the call's `len` argument points at. */
static uint64_t out_socklen(const struct dec *d, unsigned len_arg)
{
	struct dec_view v;
	uint32_t n;

	if (!dec_find(d, len_arg, SREC__DIR__OUT, d->a[len_arg], &v) ||
	    v.n < 4)
		return 0;
	memcpy(&n, v.p, 4);
	return n;
}

/* An fd_set as strace prints it: [3 4], the first @nfds bits as read. */
static void fdset_arg(struct dec *d, unsigned i, uint64_t nfds)
{
	struct dec_view v;
	uint64_t fd;
	bool first = true;

	if (!dec_find(d, i, SREC__DIR__IN, d->a[i], &v)) {
		dec_addr(d, d->a[i]);
		return;
	}
	srec_buf_addc(d->out, '[');
	for (fd = 0; fd < nfds && fd / 8 < v.n; fd++) {
		if (!(v.p[fd / 8] >> (fd % 8) & 1))
			continue;
		if (!first)
			srec_buf_addc(d->out, ' ');
		first = false;
		dec_fd(d, (int)fd);
	}
	srec_buf_addc(d->out, ']');
}

static void msghdr_arg(struct dec *d, unsigned i, int dir)
{
	const uint8_t *p = dec_struct(d, i, SREC__DIR__IN, d->a[i], 56);
	uint64_t total = dir == SREC__DIR__OUT ? (uint64_t)d->ret : UINT64_MAX;

	if (dir == SREC__DIR__OUT && !out_ok(d))
		p = NULL;
	if (!p) {
		dec_addr(d, d->a[i]);
		return;
	}
	dec_msghdr(d, i, dir, p, total);
}

void dec_arg(struct dec *d, unsigned i)
{
	const struct srec_sys_arg *a = &d->e->args[i];
	const struct dec_sys_row *row = sys_row(d->e->nr);
	uint64_t v = d->a[i], len = a->len_arg < 6 ? d->a[a->len_arg] : 0;

	switch (a->kind) {
	case SREC_ARG_INT:
		srec_buf_addf(d->out, "%" PRId64, (int64_t)v);
		break;
	case SREC_ARG_UINT:
		srec_buf_addf(d->out, "%" PRIu64, v);
		break;
	case SREC_ARG_OCT:
		srec_buf_addf(d->out, "%#03" PRIo64, v);
		break;
	case SREC_ARG_PTR:
		dec_addr(d, v);
		break;
	case SREC_ARG_FD:
		dec_fd(d, (int)v);
		break;
	case SREC_ARG_DIRFD:
		dec_dirfd(d, (int)v);
		break;
	case SREC_ARG_PID:
		srec_buf_addf(d->out, "%d", (int)v);
		break;
	case SREC_ARG_UID:
		uid_arg(d, v);
		break;
	case SREC_ARG_SIGNAL:
		dec_signal(d->out, (int)v);
		break;
	case SREC_ARG_MODE:
		dec_mode(d->out, v, false);
		break;
	case SREC_ARG_FLAGS:
		dec_flags(d->out, a->type, v, "0");
		break;
	case SREC_ARG_ENUM:
		/* Every such argument is an int to the kernel, whatever the
		 * upper half of the register holds (RUSAGE_CHILDREN is -1). */
		dec_enum(d->out, a->type, v & 0xffffffff, "%#x");
		break;
	case SREC_ARG_PATH:
		dec_str_at(d, i, v, DEC_NO_LIMIT);
		break;
	case SREC_ARG_STR:
		dec_str_at(d, i, v, d->o->max_str);
		break;
	case SREC_ARG_STRARRAY:
		strarray(d, i, i > 0 && d->e->args[i - 1].kind ==
					       SREC_ARG_STRARRAY);
		break;
	case SREC_ARG_IN_BUF:
		/* An empty buffer needs no capture; strace still shows it. */
		if (v && !len)
			srec_buf_adds(d->out, "\"\"");
		else
			dec_buf_at(d, i, SREC__DIR__IN, v, len);
		break;
	case SREC_ARG_OUT_BUF:
	case SREC_ARG_OUT_BUF_LEN:
		if (!out_ok(d))
			dec_addr(d, v);
		else if (a->kind == SREC_ARG_OUT_BUF && !d->ret)
			srec_buf_adds(d->out, "\"\""); /* nothing was read */
		else
			dec_buf_at(d, i, SREC__DIR__OUT, v,
				   a->kind == SREC_ARG_OUT_BUF ?
					   (uint64_t)d->ret : len);
		break;
	case SREC_ARG_OUT_STR:
		if (!out_ok(d)) {
			dec_addr(d, v);
		} else {
			struct dec_view sv;

			if (dec_find(d, i, SREC__DIR__OUT, v, &sv))
				dec_strn(d, &sv, sv.n, DEC_NO_LIMIT, true);
			else
				dec_addr(d, v);
		}
		break;
	case SREC_ARG_IN_STRUCT:
	case SREC_ARG_IN_STRUCT_LEN:
	case SREC_ARG_IN_SOCKADDR:
		dec_struct_at(d, i, SREC__DIR__IN, a->type, v,
			      a->kind == SREC_ARG_IN_STRUCT ? 0 : len);
		break;
	case SREC_ARG_OUT_STRUCT:
	case SREC_ARG_OUT_STRUCT_LEN:
		if (!out_ok(d))
			dec_addr(d, v);
		else
			dec_struct_at(d, i, SREC__DIR__OUT, a->type, v,
				      a->kind == SREC_ARG_OUT_STRUCT ? 0 : len);
		break;
	case SREC_ARG_OUT_SOCKADDR:
		if (!out_ok(d))
			dec_addr(d, v);
		else
			dec_struct_at(d, i, SREC__DIR__OUT, a->type, v,
				      out_socklen(d, a->len_arg));
		break;
	case SREC_ARG_INOUT_STRUCT:
		if (out_ok(d) && dec_struct(d, i, SREC__DIR__OUT, v, 1))
			dec_struct_at(d, i, SREC__DIR__OUT, a->type, v, 0);
		else
			dec_struct_at(d, i, SREC__DIR__IN, a->type, v, 0);
		break;
	case SREC_ARG_SOCKLEN_PTR:
		socklen_ptr(d, i);
		break;
	case SREC_ARG_IN_ARRAY:
	case SREC_ARG_POLLFD:
		struct_array(d, i, SREC__DIR__IN, a->type, v, len);
		break;
	case SREC_ARG_OUT_ARRAY:
	case SREC_ARG_OUT_ARRAY_LEN:
		if (!out_ok(d))
			dec_addr(d, v);
		else
			struct_array(d, i, SREC__DIR__OUT, a->type, v,
				     a->kind == SREC_ARG_OUT_ARRAY ?
					     (uint64_t)d->ret : len);
		break;
	case SREC_ARG_IN_IOV:
		dec_iov(d, i, SREC__DIR__IN, v, len, UINT64_MAX);
		break;
	case SREC_ARG_OUT_IOV:
		if (!out_ok(d))
			dec_addr(d, v);
		else
			dec_iov(d, i, SREC__DIR__OUT, v, len, (uint64_t)d->ret);
		break;
	case SREC_ARG_IN_MSGHDR:
		msghdr_arg(d, i, SREC__DIR__IN);
		break;
	case SREC_ARG_OUT_MSGHDR:
		msghdr_arg(d, i, SREC__DIR__OUT);
		break;
	case SREC_ARG_FDSET:
		fdset_arg(d, i, len);
		break;
	case SREC_ARG_IOCTL_ARG:
	case SREC_ARG_FCNTL_ARG:
	case SREC_ARG_SPECIAL:
		if (row && row->arg)
			row->arg(d, i);
		else
			srec_buf_addf(d->out, "%#" PRIx64, v);
		break;
	default: /* HEX, MMSGHDR, and kinds newer than this file */
		if (v)
			srec_buf_addf(d->out, "%#" PRIx64, v);
		else
			srec_buf_addc(d->out, '0');
		break;
	}
}

/* ---- Calls ----------------------------------------------------------- */

static const struct srec_sys_fmt_opts default_opts = { .max_str = 32 };

static void dec_init(struct dec *d, const Srec__Syscall *sc,
		     const struct srec_sys_fmt_opts *o, struct srec_buf *out)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	d->sc = sc;
	d->e = sc->has_nr ? srec_sys_get(sc->nr) : NULL;
	d->o = o ? o : &default_opts;
	d->out = out;
	for (i = 0; i < 6 && i < sc->n_args; i++)
		d->a[i] = sc->args[i];
	d->returned = sc->has_ret && !sc->no_return;
	d->ret = sc->ret;
	d->failed = d->returned && srec_sys_failed(sc->ret);
}

void srec_sys_format_call(const Srec__Syscall *sc,
			  const struct srec_sys_fmt_opts *o,
			  struct srec_buf *out)
{
	const struct dec_sys_row *row;
	struct dec d;
	unsigned i;

	dec_init(&d, sc, o, out);
	if (!d.e) {
		/* strace's form for numbers it does not know. */
		srec_buf_addf(out, "syscall_%#x(", sc->nr);
		for (i = 0; i < 6; i++)
			srec_buf_addf(out, i ? ", %#" PRIx64 : "%#" PRIx64,
				      d.a[i]);
		srec_buf_addc(out, ')');
		return;
	}
	srec_buf_adds(out, d.e->name);
	srec_buf_addc(out, '(');
	row = sys_row(d.e->nr);
	if (row && row->args) {
		row->args(&d);
	} else {
		for (i = 0; i < d.e->nargs && i < 6; i++) {
			if (i)
				srec_buf_adds(out, ", ");
			dec_arg(&d, i);
		}
	}
	srec_buf_addc(out, ')');
}

/* Kernel-internal restart codes a tracer sees; strace's wording. */
static const struct {
	int err;
	const char *name, *text;
} restart_codes[] = {
	{ 512, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
	{ 513, "ERESTARTNOINTR", "To be restarted" },
	{ 514, "ERESTARTNOHAND", "To be restarted if no handler" },
	{ 515, "ENOIOCTLCMD", "No ioctl command" },
	{ 516, "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
	{ 517, "EPROBE_DEFER", "Driver requests probe retry" },
	{ 518, "EOPENSTALE", "Open found a stale dentry" },
	{ 521, "EBADHANDLE", "Illegal NFS file handle" },
	{ 524, "ENOTSUPP", "Operation is not supported" },
};

static void format_error(struct srec_buf *out, int err)
{
	const char *name;
	size_t i;

	for (i = 0; i < sizeof(restart_codes) / sizeof(restart_codes[0]); i++)
		if (restart_codes[i].err == err) {
			srec_buf_addf(out, " = ? %s (%s)",
				      restart_codes[i].name,
				      restart_codes[i].text);
			return;
		}
	name = srec_sys_errno_name(err);
	if (name)
		srec_buf_addf(out, " = -1 %s (%s)", name, strerror(err));
	else
		srec_buf_addf(out, " = -1 %d (%s)", err, strerror(err));
}

static void format_ret(const Srec__Syscall *sc,
		       const struct srec_sys_fmt_opts *o, struct srec_buf *out)
{
	const struct dec_sys_row *row;
	struct dec d;

	dec_init(&d, sc, o, out);
	if (!d.returned) {
		srec_buf_adds(out, " = ?");
		return;
	}
	if (d.failed) {
		format_error(out, (int)-d.ret);
	} else if ((row = d.e ? sys_row(d.e->nr) : NULL) && row->ret) {
		row->ret(&d);
	} else {
		switch (d.e ? d.e->ret_kind : SREC_ARG_HEX) {
		case SREC_ARG_HEX:
		case SREC_ARG_PTR:
			if (d.ret)
				srec_buf_addf(out, " = %#" PRIx64,
					      (uint64_t)d.ret);
			else
				srec_buf_adds(out, " = 0");
			break;
		case SREC_ARG_OCT:
		case SREC_ARG_MODE:
			srec_buf_addf(out, " = %#03" PRIo64, (uint64_t)d.ret);
			break;
		case SREC_ARG_UINT:
			srec_buf_addf(out, " = %" PRIu64, (uint64_t)d.ret);
			break;
		case SREC_ARG_FD:
			srec_buf_adds(out, " = ");
			dec_fd(&d, (int)d.ret);
			break;
		default:
			srec_buf_addf(out, " = %" PRId64, d.ret);
			break;
		}
	}
	/* strace marks results it injected, then delays; srec forced
	 * some (rseq) and -e inject= tampered with others. */
	if (sc->forced || (sc->injected && sc->injected->ret))
		srec_buf_adds(out, " (INJECTED)");
	if (sc->injected && (sc->injected->has_delay_enter_ns ||
			     sc->injected->has_delay_exit_ns))
		srec_buf_adds(out, " (DELAYED)");
}

void srec_sys_format_ret(const Srec__Syscall *sc, struct srec_buf *out)
{
	format_ret(sc, NULL, out);
}

/* ---- Events ---------------------------------------------------------- */

static void format_exit(const Srec__Exit *ex, struct srec_buf *out)
{
	if (ex->signal) {
		srec_buf_adds(out, "+++ killed by ");
		dec_signal(out, ex->signal);
		srec_buf_adds(out, ex->core_dumped ? " (core dumped) +++" :
						     " +++");
	} else {
		srec_buf_addf(out, "+++ exited with %d +++", ex->code);
	}
}

bool srec_sys_format_event(const Srec__Event *ev,
			   const struct srec_sys_fmt_opts *o,
			   struct srec_buf *out)
{
	bool show_pid = o && o->show_pid;

	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL:
	case SREC__EVENT__KIND_SIGNAL:
	case SREC__EVENT__KIND_EXIT:
		break;
	default:
		return false;
	}
	if (show_pid)
		srec_buf_addf(out, "[pid %d] ", ev->tid);
	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL:
		srec_sys_format_call(ev->syscall, o, out);
		format_ret(ev->syscall, o, out);
		break;
	case SREC__EVENT__KIND_SIGNAL:
		srec_buf_adds(out, "--- ");
		dec_signal(out, ev->signal->signo);
		srec_buf_addc(out, ' ');
		srec_sys_format_siginfo(ev->signal, out);
		srec_buf_adds(out, " ---");
		break;
	default:
		format_exit(ev->exit, out);
		break;
	}
	return true;
}

/* ---- Columns for query ----------------------------------------------- */

const char *srec_sys_path_arg(const Srec__Syscall *sc, size_t *len)
{
	const struct srec_sys_entry *e = sc->has_nr ? srec_sys_get(sc->nr) :
						      NULL;
	struct dec d;
	struct dec_view v;
	const uint8_t *nul;
	unsigned i;

	if (!e)
		return NULL;
	dec_init(&d, sc, NULL, NULL);
	for (i = 0; i < e->nargs && i < 6; i++) {
		if (e->args[i].kind != SREC_ARG_PATH)
			continue;
		if (!dec_find(&d, i, SREC__DIR__IN, d.a[i], &v))
			return NULL;
		if (!v.n && v.fault)
			return NULL;
		if (!v.n) {
			*len = 0;
			return ""; /* fstatat(fd, "", ...) */
		}
		nul = memchr(v.p, 0, v.n);
		*len = nul ? (size_t)(nul - v.p) : v.n;
		return (const char *)v.p;
	}
	return NULL;
}

int srec_sys_fd_arg(const Srec__Syscall *sc)
{
	const struct srec_sys_entry *e = sc->has_nr ? srec_sys_get(sc->nr) :
						      NULL;
	unsigned i;

	if (!e)
		return -1;
	for (i = 0; i < e->nargs && i < 6 && i < sc->n_args; i++) {
		int fd = (int)sc->args[i];

		if (e->args[i].kind == SREC_ARG_FD ||
		    (e->args[i].kind == SREC_ARG_DIRFD && fd != AT_FDCWD_VALUE))
			return fd;
	}
	return -1;
}
