// SPDX-License-Identifier: MIT
/*
 * writer.c - the trace writer (srec_fmt.h).
 *
 * The tracing thread only encodes: each event is packed straight into the
 * frame being filled (no intermediate copy).  A full frame, or one whose
 * first event is flush_ms old, goes to a small queue that a background
 * thread compresses and writes in order.  That thread also watches the
 * age of the frame being filled, so the time bound holds while the tracer
 * sits in waitpid() and calls nothing here.
 *
 * Measured with bench/fmt_bench (see the numbers in schemas/FORMAT.md,
 * "Writer"): compressing on a second thread takes zstd off the tracer's
 * critical path, which is what the tracee waits on.
 */
#include "fmt_int.h"
#include "srec_buf.h"
#include "srec_fmt.h"
#include "srec_hash.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#define DEFAULT_FRAME_BYTES (1u << 20)
/* Larger frames buy little ratio and make readers hold more. */
#define MAX_FRAME_BYTES (64u << 20)
#define DEFAULT_FLUSH_MS 500
#define MAX_FLUSH_MS 1000
/* zstd level 1, as perf record -z: with a trace's data (tar through srec
 * moves 257 MB) level 3 kept the four-frame queue full, and the tracer
 * waited (bench/README.md); level 1 costs 8% more disk. */
#define DEFAULT_LEVEL 1
/* Frames waiting for the background thread before the tracer waits. */
#define QUEUE_LEN 4

struct frame {
	uint8_t *data;
	size_t len, cap;
	uint64_t first_seq;
	uint32_t events;
	uint64_t t0_ns; /* when its first event was appended */
};

/* A set of 16-byte keys (blob hashes, pids, tids), open addressing. */
struct keyset {
	uint8_t (*keys)[16];
	uint8_t *used;
	size_t n, cap;
};

struct srec_fmt_writer {
	int fd;
	struct srec_fmt_writer_opts o;
	int64_t start_monotonic_ns;

	/* Owned by whoever compresses: the background thread, or the caller
	 * when inline (and always after the thread is joined). */
	ZSTD_CCtx *cctx;
	uint8_t *cbuf;
	size_t ccap;
	uint64_t file_off;
	Srec__FrameEntry *entries;
	size_t n_entries, cap_entries;

	/* Shared with the background thread, under lock. */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool threaded, thread_started, stop, busy;
	pthread_t thread;
	struct frame fill;
	struct frame queue[QUEUE_LEN];
	unsigned q_head, q_len;
	struct frame spare[QUEUE_LEN + 1];
	unsigned n_spare;
	int err;
	struct srec_fmt_stats st;

	/* The caller's thread only. */
	uint64_t next_seq;
	uint64_t kinds[8]; /* indexed by kind_case - 8 */
	uint64_t injected; /* Syscall events with `injected` */
	struct keyset blobs, pids, tids;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- Key sets -------------------------------------------------------- */

static size_t key_slot(const struct keyset *s, const uint8_t *key)
{
	uint64_t h = (fmt_get_le64(key) ^ fmt_get_le64(key + 8)) *
		     0x9E3779B97F4A7C15ULL;

	return (size_t)(h >> 20) & (s->cap - 1);
}

/* @return: true if @key was added, false if it was there already. */
static bool keyset_add(struct keyset *s, const uint8_t key[16])
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap) {
		struct keyset big = { NULL, NULL, 0, s->cap ? s->cap * 2 : 64 };

		big.keys = srec_xmalloc(big.cap * 16);
		big.used = srec_xcalloc(big.cap, 1);
		for (i = 0; i < s->cap; i++)
			if (s->used[i])
				keyset_add(&big, s->keys[i]);
		free(s->keys);
		free(s->used);
		*s = big;
	}
	for (i = key_slot(s, key); s->used[i]; i = (i + 1) & (s->cap - 1))
		if (!memcmp(s->keys[i], key, 16))
			return false;
	memcpy(s->keys[i], key, 16);
	s->used[i] = 1;
	s->n++;
	return true;
}

static bool keyset_has(const struct keyset *s, const uint8_t key[16])
{
	size_t i;

	if (!s->cap)
		return false;
	for (i = key_slot(s, key); s->used[i]; i = (i + 1) & (s->cap - 1))
		if (!memcmp(s->keys[i], key, 16))
			return true;
	return false;
}

static void keyset_add_id(struct keyset *s, int32_t id)
{
	uint8_t key[16] = { 0 };

	fmt_put_le32(key, (uint32_t)id);
	keyset_add(s, key);
}

static void keyset_free(struct keyset *s)
{
	free(s->keys);
	free(s->used);
}

/* ---- Encoding Syscall events ------------------------------------------ */

/*
 * Nearly every event is a Syscall, and protobuf-c's reflective packer
 * walks each one twice through its descriptors: measured with callgrind
 * on samples/storm, that was two thirds of the tracing thread's own
 * instructions.  These hand-written twins produce the very bytes
 * srec__event__pack() does (fields in number order, an optional field
 * when its has_ flag is set, negative int32s sign-extended to ten bytes)
 * for Syscall events without unknown fields; every other event goes
 * through protobuf-c.  tests/unit/test_fmt_pack.c compares both.
 */

/* Tags of fields 1..15: one byte, (number << 3) | wire type. */
#define TAG(num, wire) ((uint8_t)((num) << 3 | (wire)))
#define WIRE_VARINT 0
#define WIRE_LEN 2

static size_t varint_len(uint64_t v)
{
	return (size_t)(64 - __builtin_clzll(v | 1) + 6) / 7;
}

/* int32 and enum values are sign-extended: -1 takes ten bytes. */
static uint64_t i32_wire(int32_t v)
{
	return (uint64_t)(int64_t)v;
}

static size_t stack_len(const Srec__Stack *st)
{
	return st->has_data ? 1 + varint_len(st->data.len) + st->data.len : 0;
}

static size_t mem_len(const Srec__Mem *m)
{
	size_t n = 0;

	if (m->has_arg)
		n += 1 + varint_len(m->arg);
	if (m->has_dir)
		n += 1 + varint_len(i32_wire(m->dir));
	if (m->has_addr)
		n += 1 + varint_len(m->addr);
	if (m->has_len)
		n += 1 + varint_len(m->len);
	if (m->has_data)
		n += 1 + varint_len(m->data.len) + m->data.len;
	if (m->has_blob)
		n += 1 + varint_len(m->blob.len) + m->blob.len;
	if (m->has_fault)
		n += 2;
	if (m->has_str)
		n += 2;
	return n;
}

static size_t args_len(const Srec__Syscall *sc)
{
	size_t i, n = 0;

	for (i = 0; i < sc->n_args; i++)
		n += varint_len(sc->args[i]);
	return n;
}

/* @return: the Syscall message's length, or 0 if it has unknown fields
 * (a Syscall is never empty: the caller falls back to protobuf-c). */
static size_t syscall_len(const Srec__Syscall *sc)
{
	size_t i, n = 0, k;

	/* Injected calls are rare: protobuf-c packs them. */
	if (sc->base.n_unknown_fields || sc->injected)
		return 0;
	if (sc->has_nr)
		n += 1 + varint_len(sc->nr);
	if (sc->n_args) {
		k = args_len(sc);
		n += 1 + varint_len(k) + k;
	}
	if (sc->has_ret)
		n += 1 + varint_len((uint64_t)sc->ret);
	if (sc->has_ip)
		n += 1 + varint_len(sc->ip);
	if (sc->has_sp)
		n += 1 + varint_len(sc->sp);
	if (sc->has_t_enter_ns)
		n += 1 + varint_len(sc->t_enter_ns);
	if (sc->has_t_exit_ns)
		n += 1 + varint_len(sc->t_exit_ns);
	for (i = 0; i < sc->n_mem; i++) {
		if (sc->mem[i]->base.n_unknown_fields)
			return 0;
		k = mem_len(sc->mem[i]);
		n += 1 + varint_len(k) + k;
	}
	if (sc->has_no_return)
		n += 2;
	if (sc->has_forced)
		n += 2;
	if (sc->stack) {
		if (sc->stack->base.n_unknown_fields)
			return 0;
		k = stack_len(sc->stack);
		n += 1 + varint_len(k) + k;
	}
	if (sc->has_moved)
		n += 1 + varint_len(sc->moved.len) + sc->moved.len;
	return n;
}

/* @return: the packed size of @ev, or 0 when @ev is not one for
 * pack_event() (then @sc_len is untouched). */
static size_t event_len(const Srec__Event *ev, size_t *sc_len)
{
	size_t n = 0, k;

	if (ev->kind_case != SREC__EVENT__KIND_SYSCALL || !ev->syscall ||
	    ev->base.n_unknown_fields)
		return 0;
	k = syscall_len(ev->syscall);
	if (!k)
		return 0;
	if (ev->has_seq)
		n += 1 + varint_len(ev->seq);
	if (ev->has_pid)
		n += 1 + varint_len(i32_wire(ev->pid));
	if (ev->has_tid)
		n += 1 + varint_len(i32_wire(ev->tid));
	*sc_len = k;
	return n + 1 + varint_len(k) + k;
}

static uint8_t *put_varint(uint8_t *p, uint8_t tag, uint64_t v)
{
	*p++ = tag;
	return p + fmt_varint_put(p, v);
}

static uint8_t *put_bytes(uint8_t *p, uint8_t tag,
			  const ProtobufCBinaryData *b)
{
	*p++ = tag;
	p += fmt_varint_put(p, b->len);
	if (b->len)
		memcpy(p, b->data, b->len);
	return p + b->len;
}

static uint8_t *put_bool(uint8_t *p, uint8_t tag, protobuf_c_boolean v)
{
	p[0] = tag;
	p[1] = v ? 1 : 0;
	return p + 2;
}

static uint8_t *pack_mem(uint8_t *p, const Srec__Mem *m)
{
	if (m->has_arg)
		p = put_varint(p, TAG(1, WIRE_VARINT), m->arg);
	if (m->has_dir)
		p = put_varint(p, TAG(2, WIRE_VARINT), i32_wire(m->dir));
	if (m->has_addr)
		p = put_varint(p, TAG(3, WIRE_VARINT), m->addr);
	if (m->has_len)
		p = put_varint(p, TAG(4, WIRE_VARINT), m->len);
	if (m->has_data)
		p = put_bytes(p, TAG(5, WIRE_LEN), &m->data);
	if (m->has_blob)
		p = put_bytes(p, TAG(6, WIRE_LEN), &m->blob);
	if (m->has_fault)
		p = put_bool(p, TAG(7, WIRE_VARINT), m->fault);
	if (m->has_str)
		p = put_bool(p, TAG(8, WIRE_VARINT), m->str);
	return p;
}

static uint8_t *pack_syscall(uint8_t *p, const Srec__Syscall *sc)
{
	size_t i;

	if (sc->has_nr)
		p = put_varint(p, TAG(1, WIRE_VARINT), sc->nr);
	if (sc->n_args) {
		p = put_varint(p, TAG(2, WIRE_LEN), args_len(sc));
		for (i = 0; i < sc->n_args; i++)
			p += fmt_varint_put(p, sc->args[i]);
	}
	if (sc->has_ret)
		p = put_varint(p, TAG(3, WIRE_VARINT), (uint64_t)sc->ret);
	if (sc->has_ip)
		p = put_varint(p, TAG(4, WIRE_VARINT), sc->ip);
	if (sc->has_sp)
		p = put_varint(p, TAG(5, WIRE_VARINT), sc->sp);
	if (sc->has_t_enter_ns)
		p = put_varint(p, TAG(6, WIRE_VARINT), sc->t_enter_ns);
	if (sc->has_t_exit_ns)
		p = put_varint(p, TAG(7, WIRE_VARINT), sc->t_exit_ns);
	for (i = 0; i < sc->n_mem; i++) {
		p = put_varint(p, TAG(8, WIRE_LEN), mem_len(sc->mem[i]));
		p = pack_mem(p, sc->mem[i]);
	}
	if (sc->has_no_return)
		p = put_bool(p, TAG(9, WIRE_VARINT), sc->no_return);
	if (sc->has_forced)
		p = put_bool(p, TAG(10, WIRE_VARINT), sc->forced);
	if (sc->stack) {
		p = put_varint(p, TAG(13, WIRE_LEN), stack_len(sc->stack));
		if (sc->stack->has_data)
			p = put_bytes(p, TAG(1, WIRE_LEN), &sc->stack->data);
	}
	if (sc->has_moved)
		p = put_bytes(p, TAG(14, WIRE_LEN), &sc->moved);
	return p;
}

/* Pack @ev, for which event_len() gave @sc_len, into @p. */
static void pack_event(uint8_t *p, const Srec__Event *ev, size_t sc_len)
{
	if (ev->has_seq)
		p = put_varint(p, TAG(1, WIRE_VARINT), ev->seq);
	if (ev->has_pid)
		p = put_varint(p, TAG(2, WIRE_VARINT), i32_wire(ev->pid));
	if (ev->has_tid)
		p = put_varint(p, TAG(3, WIRE_VARINT), i32_wire(ev->tid));
	p = put_varint(p, TAG(8, WIRE_LEN), sc_len);
	pack_syscall(p, ev->syscall);
}

/* ---- Compressing and writing ----------------------------------------- */

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0)
			return -EIO;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/*
 * Compress @len bytes at @data into one frame of @type and write it at the
 * end of the file.  Called by the compressing side only.
 * @return: bytes written, or -errno.
 */
static int64_t write_frame(struct srec_fmt_writer *w, uint8_t type,
			   const uint8_t *data, size_t len, uint64_t first_seq,
			   uint32_t events)
{
	struct fmt_frame_hdr h = { .type = type, .rsize = (uint32_t)len,
				   .events = events, .first_seq = first_seq };
	size_t need = FMT_FRAME_HDR_SIZE + ZSTD_compressBound(len);
	size_t c;
	int err;

	if (need > w->ccap) {
		free(w->cbuf);
		w->cbuf = srec_xmalloc(need);
		w->ccap = need;
	}
	c = ZSTD_compress2(w->cctx, w->cbuf + FMT_FRAME_HDR_SIZE,
			   w->ccap - FMT_FRAME_HDR_SIZE, data, len);
	if (ZSTD_isError(c))
		return -ENOMEM; /* the only failure with a bound-sized dst */
	h.csize = (uint32_t)c;
	h.payload_check = fmt_check32(w->cbuf + FMT_FRAME_HDR_SIZE, c);
	fmt_frame_hdr_pack(&h, w->cbuf);
	err = write_all(w->fd, w->cbuf, FMT_FRAME_HDR_SIZE + c);
	if (err)
		return err;
	if (type == FMT_FRAME_EVENTS) {
		Srec__FrameEntry *e;

		if (w->n_entries == w->cap_entries) {
			w->cap_entries = w->cap_entries ? w->cap_entries * 2
							: 256;
			w->entries = srec_xrealloc(w->entries, w->cap_entries *
						   sizeof(*w->entries));
		}
		e = &w->entries[w->n_entries++];
		srec__frame_entry__init(e);
		e->has_offset = e->has_compressed_size = e->has_size = true;
		e->has_first_seq = e->has_events = true;
		e->offset = w->file_off;
		e->compressed_size = (uint32_t)c;
		e->size = (uint32_t)len;
		e->first_seq = first_seq;
		e->events = events;
	}
	w->file_off += FMT_FRAME_HDR_SIZE + c;
	return (int64_t)(FMT_FRAME_HDR_SIZE + c);
}

/* Write one event frame and account for it; @w->lock is held. */
static void write_event_frame(struct srec_fmt_writer *w, struct frame *f,
			      bool locked_by_caller)
{
	int64_t n;

	if (w->err)
		return; /* a later frame would leave a hole: stop writing */
	if (locked_by_caller)
		pthread_mutex_unlock(&w->lock);
	n = write_frame(w, FMT_FRAME_EVENTS, f->data, f->len, f->first_seq,
			f->events);
	if (locked_by_caller)
		pthread_mutex_lock(&w->lock);
	if (n < 0) {
		w->err = (int)n;
		return;
	}
	w->st.frames++;
	w->st.compressed_bytes += (uint64_t)n - FMT_FRAME_HDR_SIZE;
	w->st.file_bytes += (uint64_t)n;
}

/* Give @f's buffer back for a later frame (or free it if oversized). */
static void recycle(struct srec_fmt_writer *w, struct frame *f)
{
	if (f->cap <= 2 * w->o.frame_bytes && w->n_spare < QUEUE_LEN + 1)
		w->spare[w->n_spare++] = (struct frame){ f->data, 0, f->cap };
	else
		free(f->data);
	*f = (struct frame){ 0 };
}

/* End the frame being filled; @w->lock is held. */
static void handoff(struct srec_fmt_writer *w)
{
	struct frame f = w->fill;

	if (!f.events)
		return;
	if (w->n_spare)
		w->fill = w->spare[--w->n_spare];
	else
		w->fill = (struct frame){ 0 };
	if (!w->threaded) {
		/* Inline: the caller's thread is the only one; keep the
		 * lock, nothing else wants it. */
		write_event_frame(w, &f, false);
		recycle(w, &f);
		return;
	}
	while (w->q_len == QUEUE_LEN)
		pthread_cond_wait(&w->cond, &w->lock);
	w->queue[(w->q_head + w->q_len++) % QUEUE_LEN] = f;
	pthread_cond_broadcast(&w->cond);
}

static void *writer_thread(void *arg)
{
	struct srec_fmt_writer *w = arg;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		if (w->q_len) {
			struct frame f = w->queue[w->q_head];

			w->q_head = (w->q_head + 1) % QUEUE_LEN;
			w->q_len--;
			w->busy = true;
			pthread_cond_broadcast(&w->cond);
			write_event_frame(w, &f, true);
			recycle(w, &f);
			w->busy = false;
			pthread_cond_broadcast(&w->cond);
			continue;
		}
		if (w->stop)
			break;
		if (w->fill.events) {
			uint64_t due = w->fill.t0_ns +
				       (uint64_t)w->o.flush_ms * 1000000u;
			struct timespec ts = { (time_t)(due / 1000000000u),
					       (long)(due % 1000000000u) };

			if (now_ns() >= due) {
				handoff(w);
				continue;
			}
			pthread_cond_timedwait(&w->cond, &w->lock, &ts);
		} else {
			pthread_cond_wait(&w->cond, &w->lock);
		}
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* ---- Public API ------------------------------------------------------ */

static int writer_init(struct srec_fmt_writer *w,
		       const struct srec_fmt_writer_opts *opts)
{
	if (opts)
		w->o = *opts;
	if (!w->o.frame_bytes)
		w->o.frame_bytes = DEFAULT_FRAME_BYTES;
	if (w->o.frame_bytes > MAX_FRAME_BYTES)
		w->o.frame_bytes = MAX_FRAME_BYTES;
	if (!w->o.flush_ms)
		w->o.flush_ms = DEFAULT_FLUSH_MS;
	if (w->o.flush_ms > MAX_FLUSH_MS)
		w->o.flush_ms = MAX_FLUSH_MS;
	if (!w->o.level)
		w->o.level = DEFAULT_LEVEL;
	w->threaded = !w->o.inline_compression;
	w->cctx = ZSTD_createCCtx();
	if (!w->cctx)
		return -ENOMEM;
	if (ZSTD_isError(ZSTD_CCtx_setParameter(w->cctx,
						ZSTD_c_compressionLevel,
						w->o.level)))
		return -EINVAL;
	return 0;
}

/* Let the compression thread finish what it holds and join it. */
static void stop_thread(struct srec_fmt_writer *w)
{
	if (!w->thread_started)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	w->thread_started = false;
}

static void writer_free(struct srec_fmt_writer *w)
{
	unsigned i;

	stop_thread(w);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	if (w->fd >= 0)
		close(w->fd);
	ZSTD_freeCCtx(w->cctx);
	free(w->cbuf);
	free(w->entries);
	free(w->fill.data);
	for (i = 0; i < w->n_spare; i++)
		free(w->spare[i].data);
	keyset_free(&w->blobs);
	keyset_free(&w->pids);
	keyset_free(&w->tids);
	free(w);
}

int srec_fmt_writer_open_fd(int fd, const Srec__TraceHeader *hdr,
			    const struct srec_fmt_writer_opts *opts,
			    struct srec_fmt_writer **out)
{
	struct srec_fmt_writer *w = srec_xcalloc(1, sizeof(*w));
	Srec__TraceHeader h = *hdr;
	uint8_t fh[FMT_FILE_HDR_SIZE];
	uint8_t *packed = NULL;
	pthread_condattr_t ca;
	size_t len;
	int64_t n;
	int err;

	w->fd = fd;
	pthread_mutex_init(&w->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cond, &ca);
	pthread_condattr_destroy(&ca);
	err = writer_init(w, opts);
	if (err)
		goto out;
	h.has_format_major = h.has_format_minor = true;
	h.format_major = SREC_FMT_MAJOR;
	h.format_minor = SREC_FMT_MINOR;
	w->start_monotonic_ns = h.has_start_monotonic_ns ?
				h.start_monotonic_ns : 0;
	len = srec__trace_header__get_packed_size(&h);
	packed = srec_xmalloc(len);
	srec__trace_header__pack(&h, packed);
	fmt_file_hdr_pack(fh);
	err = write_all(w->fd, fh, sizeof(fh));
	if (err)
		goto out;
	w->file_off = FMT_FILE_HDR_SIZE;
	n = write_frame(w, FMT_FRAME_HEADER, packed, len, 0, 0);
	if (n < 0) {
		err = (int)n;
		goto out;
	}
	w->st.file_bytes = w->file_off;
	/* Started last: from here on the thread owns cctx and the file. */
	if (w->threaded) {
		err = -pthread_create(&w->thread, NULL, writer_thread, w);
		if (err)
			goto out;
		w->thread_started = true;
	}
	*out = w;
	w = NULL;
out:
	free(packed);
	if (w)
		writer_free(w);
	return err;
}

int srec_fmt_writer_open(const char *path, const Srec__TraceHeader *hdr,
			 const struct srec_fmt_writer_opts *opts,
			 struct srec_fmt_writer **out)
{
	bool created;
	int fd = srec_fmt_output_open(path, &created);
	int err;

	if (fd < 0)
		return fd;
	err = srec_fmt_writer_open_fd(fd, hdr, opts, out);
	/* A half-written file is no trace; a FIFO or device stays. */
	if (err && created)
		unlink(path);
	return err;
}

static void count_event(struct srec_fmt_writer *w, const Srec__Event *ev)
{
	unsigned k = (unsigned)ev->kind_case - SREC__EVENT__KIND_SYSCALL;

	if (k < 8)
		w->kinds[k]++;
	if (k == 0 && ev->syscall && ev->syscall->injected)
		w->injected++;
	keyset_add_id(&w->pids, ev->pid);
	keyset_add_id(&w->tids, ev->tid);
}

int srec_fmt_writer_append(struct srec_fmt_writer *w, Srec__Event *ev)
{
	struct frame *f = &w->fill;
	size_t sz, vlen, sc_len = 0;
	int err;

	ev->has_seq = true;
	ev->seq = w->next_seq;
	/* Every event has a pid and tid, even when the caller forgot to
	 * say that 0 is one. */
	ev->has_pid = ev->has_tid = true;
	sz = event_len(ev, &sc_len);
	if (!sz)
		sz = srec__event__get_packed_size(ev);
	/* Raw_Size is 32 bits: one event must fit a frame on its own. */
	if (sz > UINT32_MAX - FMT_VARINT_MAX)
		return -EFBIG;
	pthread_mutex_lock(&w->lock);
	err = w->err;
	if (err)
		goto out;
	if (f->events && f->len + FMT_VARINT_MAX + sz > w->o.frame_bytes)
		handoff(w);
	if (f->len + FMT_VARINT_MAX + sz > f->cap) {
		f->cap = f->len + FMT_VARINT_MAX + sz;
		if (f->cap < w->o.frame_bytes + FMT_VARINT_MAX)
			f->cap = w->o.frame_bytes + FMT_VARINT_MAX;
		f->data = srec_xrealloc(f->data, f->cap);
	}
	if (!f->events) {
		f->first_seq = w->next_seq;
		f->t0_ns = now_ns();
		/* The background thread now has a deadline to watch. */
		pthread_cond_broadcast(&w->cond);
	}
	vlen = fmt_varint_put(f->data + f->len, sz);
	if (sc_len)
		pack_event(f->data + f->len + vlen, ev, sc_len);
	else
		srec__event__pack(ev, f->data + f->len + vlen);
	f->len += vlen + sz;
	f->events++;
	w->next_seq++;
	w->st.events++;
	w->st.raw_bytes += vlen + sz;
	count_event(w, ev);
	if (f->len >= w->o.frame_bytes ||
	    (!w->threaded &&
	     now_ns() - f->t0_ns >= (uint64_t)w->o.flush_ms * 1000000u))
		handoff(w);
	err = w->err;
out:
	pthread_mutex_unlock(&w->lock);
	return err;
}

int srec_fmt_writer_blob(struct srec_fmt_writer *w, int32_t pid, int32_t tid,
			 const void *data, size_t len, uint8_t hash[16])
{
	Srec__Event ev = SREC__EVENT__INIT;
	Srec__Blob b = SREC__BLOB__INIT;
	int err;

	srec_hash128(data, len, hash);
	if (keyset_has(&w->blobs, hash))
		return 0;
	ev.has_pid = ev.has_tid = true;
	ev.pid = pid;
	ev.tid = tid;
	ev.kind_case = SREC__EVENT__KIND_BLOB;
	ev.blob = &b;
	b.has_hash = b.has_data = true;
	b.hash.data = hash;
	b.hash.len = SREC_HASH128_LEN;
	b.data.data = (uint8_t *)data;
	b.data.len = len;
	err = srec_fmt_writer_append(w, &ev);
	if (err)
		return err;
	keyset_add(&w->blobs, hash);
	return 1;
}

int srec_fmt_writer_flush(struct srec_fmt_writer *w)
{
	int err;

	pthread_mutex_lock(&w->lock);
	handoff(w);
	while (w->q_len || w->busy)
		pthread_cond_wait(&w->cond, &w->lock);
	err = w->err;
	pthread_mutex_unlock(&w->lock);
	return err;
}

void srec_fmt_writer_stats(struct srec_fmt_writer *w,
			   struct srec_fmt_stats *st)
{
	pthread_mutex_lock(&w->lock);
	*st = w->st;
	pthread_mutex_unlock(&w->lock);
}

static int write_index(struct srec_fmt_writer *w, int exit_status)
{
	Srec__Index idx = SREC__INDEX__INIT;
	Srec__Trailer t = SREC__TRAILER__INIT;
	Srec__FrameEntry **fe;
	uint8_t footer[FMT_FOOTER_SIZE];
	uint64_t index_off = w->file_off;
	uint8_t *packed;
	size_t i, len;
	int64_t n;
	int err;

	t.has_events = t.has_syscalls = t.has_execs = t.has_clones = true;
	t.has_signals = t.has_exits = t.has_blobs = t.has_notes = true;
	t.has_processes = t.has_threads = t.has_raw_bytes = true;
	t.has_exit_status = t.has_frames = true;
	/* Without a start time there is no trace time to end. */
	t.has_end_monotonic_ns = w->start_monotonic_ns != 0;
	t.events = w->next_seq;
	t.syscalls = w->kinds[0];
	t.execs = w->kinds[1];
	t.clones = w->kinds[2];
	t.signals = w->kinds[3];
	t.exits = w->kinds[4];
	t.blobs = w->kinds[5];
	t.notes = w->kinds[6];
	t.processes = w->pids.n;
	t.threads = w->tids.n;
	t.raw_bytes = w->st.raw_bytes;
	t.end_monotonic_ns = now_ns() - (uint64_t)w->start_monotonic_ns;
	t.exit_status = exit_status;
	t.frames = w->n_entries;
	/* Only traces recorded with -e inject= say so. */
	t.has_injected = w->injected != 0;
	t.injected = w->injected;
	fe = srec_xmalloc((w->n_entries + 1) * sizeof(*fe));
	for (i = 0; i < w->n_entries; i++)
		fe[i] = &w->entries[i];
	idx.frames = fe;
	idx.n_frames = w->n_entries;
	idx.trailer = &t;
	len = srec__index__get_packed_size(&idx);
	packed = srec_xmalloc(len);
	srec__index__pack(&idx, packed);
	n = write_frame(w, FMT_FRAME_INDEX, packed, len, w->next_seq, 0);
	free(packed);
	free(fe);
	if (n < 0)
		return (int)n;
	fmt_footer_pack(index_off, footer);
	err = write_all(w->fd, footer, sizeof(footer));
	if (!err)
		w->st.file_bytes = w->file_off + sizeof(footer);
	return err;
}

int srec_fmt_writer_close(struct srec_fmt_writer *w, int exit_status)
{
	int err = srec_fmt_writer_flush(w);

	stop_thread(w);
	if (!err)
		err = write_index(w, exit_status);
	if (close(w->fd) && !err)
		err = -errno;
	w->fd = -1;
	writer_free(w);
	return err;
}

void srec_fmt_writer_abandon(struct srec_fmt_writer *w)
{
	/* Keep what was appended: a killed writer would have lost at most
	 * the last frame, and callers want the most evidence. */
	srec_fmt_writer_flush(w);
	writer_free(w);
}
