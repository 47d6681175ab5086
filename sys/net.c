// SPDX-License-Identifier: MIT
/*
 * net.c - decoders for sockets: sockaddrs of the common families, the
 * socklen_t value-result argument, msghdr, mmsghdr, iovec arrays, pollfd
 * and epoll_event.
 */
#include "decode_int.h"
#include "srec_arch_layout.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>
#include <sys/socket.h>


/* ---- sockaddr -------------------------------------------------------- */

static void sa_unix(struct srec_buf *out, const uint8_t *p, size_t n)
{
	const uint8_t *path = p + 2;
	size_t len = n - 2;
	const uint8_t *nul;

	if (!len)
		return;
	srec_buf_adds(out, ", sun_path=");
	if (path[0] == 0) {
		/* Abstract names start with a NUL and may hold more. */
		srec_buf_addc(out, '@');
		dec_quoted(out, path + 1, len - 1);
		return;
	}
	nul = memchr(path, 0, len);
	dec_quoted(out, path, nul ? (size_t)(nul - path) : len);
}

static void sa_inet(struct srec_buf *out, const uint8_t *p, size_t n)
{
	char ip[INET_ADDRSTRLEN];

	if (n < 8)
		return;
	inet_ntop(AF_INET, p + 4, ip, sizeof(ip));
	srec_buf_addf(out, ", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")",
		      ntohs(dec_u16(p, 2)), ip);
}

static void sa_inet6(struct srec_buf *out, const uint8_t *p, size_t n)
{
	char ip[INET6_ADDRSTRLEN];

	if (n < 24)
		return;
	inet_ntop(AF_INET6, p + 8, ip, sizeof(ip));
	srec_buf_addf(out, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
		      "inet_pton(AF_INET6, \"%s\", &sin6_addr)",
		      ntohs(dec_u16(p, 2)), ntohl(dec_u32(p, 4)), ip);
	if (n >= 28)
		srec_buf_addf(out, ", sin6_scope_id=%u", dec_u32(p, 24));
}

static void sa_netlink(struct srec_buf *out, const uint8_t *p, size_t n)
{
	if (n < 12)
		return;
	srec_buf_addf(out, ", nl_pid=%d, nl_groups=%08x",
		      (int32_t)dec_u32(p, 4), dec_u32(p, 8));
}

static void sa_other(struct srec_buf *out, const uint8_t *p, size_t n)
{
	srec_buf_adds(out, ", sa_data=");
	dec_quoted(out, p + 2, n - 2);
}

static const struct {
	int family;
	void (*fn)(struct srec_buf *out, const uint8_t *p, size_t n);
} sa_families[] = {
	{ AF_UNIX, sa_unix },
	{ AF_INET, sa_inet },
	{ AF_INET6, sa_inet6 },
	{ AF_NETLINK, sa_netlink },
};

/* {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("...")} */
void dec_sockaddr(struct srec_buf *out, const uint8_t *p, size_t n)
{
	uint16_t family;
	size_t i;

	if (n < 2) {
		srec_buf_adds(out, "{}");
		return;
	}
	family = dec_u16(p, 0);
	srec_buf_adds(out, "{sa_family=");
	dec_enum(out, SREC_XLAT_ADDRESS_FAMILY, family, "%d");
	for (i = 0; i < sizeof(sa_families) / sizeof(sa_families[0]); i++)
		if (sa_families[i].family == family)
			break;
	if (i < sizeof(sa_families) / sizeof(sa_families[0]))
		sa_families[i].fn(out, p, n);
	else if (n > 2)
		sa_other(out, p, n);
	srec_buf_addc(out, '}');
}

static void print_sockaddr(struct dec *d, const uint8_t *p, size_t n)
{
	dec_sockaddr(d->out, p, n);
}

/* ---- iovec, msghdr --------------------------------------------------- */

/*
 * [{iov_base="...", iov_len=5}, ...]: @count iovecs at @addr; the data of
 * each comes from the regions at iov_base in @dir, and for OUT only the
 * first @total bytes (the return value) were written.
 */
void dec_iov(struct dec *d, unsigned arg, int dir, uint64_t addr,
	     uint64_t count, uint64_t total)
{
	struct dec_view v;
	uint64_t i;

	if (!dec_find(d, arg, SREC__DIR__IN, addr, &v) &&
	    !dec_find(d, arg, dir, addr, &v)) {
		dec_addr(d, addr);
		return;
	}
	srec_buf_addc(d->out, '[');
	for (i = 0; i < count; i++) {
		uint64_t base, len, shown;

		if (i >= d->o->max_str) {
			srec_buf_adds(d->out, ", ...");
			break;
		}
		if (v.n < (i + 1) * 16) {
			srec_buf_adds(d->out, i ? ", ..." : "...");
			break;
		}
		base = dec_u64(v.p, i * 16);
		len = dec_u64(v.p, i * 16 + 8);
		shown = len < total ? len : total;
		total -= shown;
		srec_buf_adds(d->out, i ? ", {iov_base=" : "{iov_base=");
		dec_buf_at(d, arg, dir, base, shown);
		srec_buf_addf(d->out, ", iov_len=%" PRIu64 "}", len);
	}
	srec_buf_addc(d->out, ']');
}

void dec_msghdr(struct dec *d, unsigned arg, int dir, const uint8_t *p,
		uint64_t total)
{
	uint64_t name = dec_u64(p, MSG_NAME), control = dec_u64(p, MSG_CONTROL);
	uint32_t namelen = dec_u32(p, MSG_NAMELEN);
	struct dec_view v;

	srec_buf_adds(d->out, "{msg_name=");
	if (name && dec_find(d, arg, dir, name, &v) && v.n >= 2)
		dec_sockaddr(d->out, v.p, v.n < namelen ? v.n : namelen);
	else
		dec_addr(d, name);
	srec_buf_addf(d->out, ", msg_namelen=%u, msg_iov=", namelen);
	dec_iov(d, arg, dir, dec_u64(p, MSG_IOV), dec_u64(p, MSG_IOVLEN),
		total);
	srec_buf_addf(d->out, ", msg_iovlen=%" PRIu64, dec_u64(p, MSG_IOVLEN));
	if (control) {
		srec_buf_adds(d->out, ", msg_control=");
		dec_addr(d, control);
	}
	srec_buf_addf(d->out, ", msg_controllen=%" PRIu64 ", msg_flags=",
		      dec_u64(p, MSG_CONTROLLEN));
	dec_flags(d->out, SREC_XLAT_MSG_FLAGS, dec_u32(p, MSG_FLAGS), "0");
	srec_buf_addc(d->out, '}');
}

/* ---- poll, epoll ----------------------------------------------------- */

static void print_pollfd(struct dec *d, const uint8_t *p, size_t n)
{
	srec_buf_addf(d->out, "{fd=");
	dec_fd(d, (int32_t)dec_u32(p, 0));
	srec_buf_adds(d->out, ", events=");
	dec_flags(d->out, SREC_XLAT_POLL_EVENTS, dec_u16(p, 4), "0");
	srec_buf_addc(d->out, '}');
}

static void print_epoll_event(struct dec *d, const uint8_t *p, size_t n)
{
	uint64_t data = dec_u64(p, EPOLL_EVENT_DATA);

	srec_buf_adds(d->out, "{events=");
	dec_flags(d->out, SREC_XLAT_EPOLL_EVENTS,
		  dec_u32(p, EPOLL_EVENT_EVENTS), "0");
	srec_buf_addf(d->out, ", data={u32=%u, u64=%" PRIu64 "}}",
		      (uint32_t)data, data);
}

/*
 * poll's result: ` = 1 ([{fd=3, revents=POLLIN}])` from the OUT copy of
 * the array, ` = 0 (Timeout)`.
 */
static void ret_poll(struct dec *d)
{
	struct dec_view v;
	uint64_t i, count = d->a[1];
	unsigned shown = 0;

	srec_buf_addf(d->out, " = %" PRId64, d->ret);
	if (d->ret == 0) {
		srec_buf_adds(d->out, " (Timeout)");
		return;
	}
	if (!dec_find(d, 0, SREC__DIR__OUT, d->a[0], &v))
		return;
	srec_buf_adds(d->out, " ([");
	for (i = 0; i < count && (i + 1) * 8 <= v.n; i++) {
		uint16_t revents = dec_u16(v.p, i * 8 + 6);

		if (!revents)
			continue;
		srec_buf_adds(d->out, shown++ ? ", {fd=" : "{fd=");
		dec_fd(d, (int32_t)dec_u32(v.p, i * 8));
		srec_buf_adds(d->out, ", revents=");
		dec_flags(d->out, SREC_XLAT_POLL_EVENTS, revents, "0");
		srec_buf_addc(d->out, '}');
	}
	srec_buf_adds(d->out, "])");
}

/* ---- socket -------------------------------------------------------- */

/* The protocol's names depend on the family: IPPROTO_TCP for AF_INET,
 * NETLINK_ROUTE for AF_NETLINK, a number for the others. */
static void args_socket(struct dec *d)
{
	uint64_t family = d->a[0] & 0xffffffff;

	dec_enum(d->out, SREC_XLAT_ADDRESS_FAMILY, family, "%#x");
	srec_buf_adds(d->out, ", ");
	dec_arg(d, 1);
	srec_buf_adds(d->out, ", ");
	if (family == AF_INET || family == AF_INET6)
		dec_enum(d->out, SREC_XLAT_IPPROTO, d->a[2] & 0xffffffff,
			 "%d");
	else if (family == AF_NETLINK)
		dec_enum(d->out, SREC_XLAT_NETLINK_PROTO, d->a[2] & 0xffffffff,
			 "%d");
	else
		srec_buf_addf(d->out, "%d", (int)d->a[2]);
}

/* ---- getsockopt/setsockopt ------------------------------------------ */

static void args_sockopt(struct dec *d, bool set)
{
	uint64_t level = d->a[1] & 0xffffffff;
	struct dec_view v;

	dec_fd(d, (int)d->a[0]);
	srec_buf_adds(d->out, ", ");
	dec_enum(d->out, SREC_XLAT_SOCKOPT_LEVEL, level, "%d");
	srec_buf_adds(d->out, ", ");
	if (level == SOL_SOCKET)
		dec_enum(d->out, SREC_XLAT_SOCKOPT_SOL, d->a[2] & 0xffffffff,
			 "%d");
	else
		srec_buf_addf(d->out, "%d", (int)d->a[2]);
	srec_buf_adds(d->out, ", ");
	if (set) {
		if (dec_find(d, 3, SREC__DIR__IN, d->a[3], &v) && v.n >= 4 &&
		    d->a[4] == 4)
			srec_buf_addf(d->out, "[%d]", (int32_t)dec_u32(v.p, 0));
		else
			dec_buf_at(d, 3, SREC__DIR__IN, d->a[3], d->a[4]);
		srec_buf_addf(d->out, ", %d", (int)d->a[4]);
		return;
	}
	if (!d->failed && dec_find(d, 3, SREC__DIR__OUT, d->a[3], &v) &&
	    v.n == 4)
		srec_buf_addf(d->out, "[%d]", (int32_t)dec_u32(v.p, 0));
	else if (!d->failed)
		dec_buf_at(d, 3, SREC__DIR__OUT, d->a[3], v.n);
	else
		dec_addr(d, d->a[3]);
	srec_buf_adds(d->out, ", ");
	dec_arg(d, 4);
}

static void args_setsockopt(struct dec *d)
{
	args_sockopt(d, true);
}

static void args_getsockopt(struct dec *d)
{
	args_sockopt(d, false);
}

const struct dec_struct_row dec_net_structs[] = {
	{ SREC_STRUCT_SOCKADDR, 2, print_sockaddr },
	{ SREC_STRUCT_POLLFD, 8, print_pollfd },
	{ SREC_STRUCT_EPOLL_EVENT, 12, print_epoll_event },
	{ 0 }
};

const struct dec_sys_row dec_net_sys[] = {
	{ "socket", args_socket, NULL, NULL },
	{ "poll", NULL, NULL, ret_poll },
	{ "ppoll", NULL, NULL, ret_poll },
	{ "setsockopt", args_setsockopt, NULL, NULL },
	{ "getsockopt", args_getsockopt, NULL, NULL },
	{ NULL }
};
