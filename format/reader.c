// SPDX-License-Identifier: MIT
/*
 * reader.c - the trace reader (srec_fmt.h).
 *
 * Every length read from the file is checked against the file size before
 * it is used, every frame against its checksum before it is decompressed,
 * and every decompressed size against what zstd can produce, so a hostile
 * file costs at most a bounded read and allocation.  Damage never stops
 * the reader: it records what it lost (schemas/FORMAT.md, "Reading a
 * damaged trace") and resumes at the next intact frame, found through the
 * index when there is one and by scanning for a frame header otherwise.
 */
#include "fmt_int.h"
#include "srec_buf.h"
#include "srec_err.h"
#include "srec_fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

/*
 * A zstd block expands at most to 128 KiB from a 4-byte RLE block, so a
 * Raw_Size beyond this many times Compressed_Size cannot be true: refusing
 * it bounds the allocation a forged header can cause.
 */
#define MAX_RATIO 65536u
#define SCAN_CHUNK (64u << 10)

/* What next_frame() found. */
enum {
	FRAME_LOADED = 1,  /* an event frame, decompressed */
	FRAME_SKIPPED = 2, /* an event frame below skip_below, unread */
};

struct damage {
	struct srec_fmt_damage d;
	bool cut; /* the file ends here: writer killed */
};

/* Where sequential reading stands; copied whole to save and restore. */
struct iter {
	uint64_t pos;      /* next frame header */
	uint64_t next_seq; /* seq of the next event */
	size_t roff, rlen; /* cursor in the decompressed frame */
	uint32_t left;     /* events of that frame not yet returned */
	uint64_t frame_off;
	bool at_end;       /* end reached and reported */
};

struct srec_fmt_reader {
	int fd;
	uint64_t size;
	Srec__TraceHeader *hdr;
	Srec__Index *index;
	bool index_from_footer; /* random access through index->frames */
	bool index_damaged;
	bool verified;          /* file_info checked every frame header */
	uint64_t data_start, data_end;
	ZSTD_DCtx *dctx;
	uint8_t *cbuf, *raw;
	size_t ccap, rcap;
	struct iter it;
	uint64_t events_read;
	Srec__Event *ev;
	struct damage *dmg;
	size_t n_dmg, cap_dmg;
	struct srec_buf desc;
};

static const char W_CUT[] = "frame cut short";
static const char W_HDR[] = "bad frame header";
static const char W_CHECK[] = "checksum mismatch";
static const char W_ZSTD[] = "frame does not decompress";
static const char W_EVENT[] = "event does not decode";
static const char W_SEQ[] = "frame out of sequence";
static const char W_TYPE[] = "unexpected frame type";
static const char W_INDEX[] = "index damaged";
static const char W_FOOTER[] = "footer damaged";

/* ---- Low-level reads ------------------------------------------------- */

/* @return: 0, 1 if the file ends first, or -errno. */
static int read_at(struct srec_fmt_reader *r, uint64_t off, void *buf,
		   size_t n)
{
	uint8_t *p = buf;

	if (off > r->size || n > r->size - off)
		return 1;
	while (n) {
		ssize_t k = pread(r->fd, p, n, (off_t)off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0)
			return 1; /* shrunk under us */
		p += k;
		off += (uint64_t)k;
		n -= (size_t)k;
	}
	return 0;
}

static int grow(uint8_t **buf, size_t *cap, size_t need)
{
	uint8_t *p;

	if (need <= *cap)
		return 0;
	p = realloc(*buf, need);
	if (!p)
		return -ENOMEM;
	*buf = p;
	*cap = need;
	return 0;
}

/*
 * Read the payload of the frame @h at @off into r->cbuf and check it.
 * @return: 0, 1 with *what set when the frame is damaged, or -errno.
 */
static int check_payload(struct srec_fmt_reader *r, uint64_t off,
			 const struct fmt_frame_hdr *h, const char **what)
{
	int rc;

	if (off > r->size ||
	    (uint64_t)h->csize + FMT_FRAME_HDR_SIZE > r->size - off) {
		*what = W_CUT;
		return 1;
	}
	rc = grow(&r->cbuf, &r->ccap, h->csize ? h->csize : 1);
	if (rc)
		return rc;
	rc = read_at(r, off + FMT_FRAME_HDR_SIZE, r->cbuf, h->csize);
	if (rc) {
		*what = W_CUT;
		return rc;
	}
	if (!fmt_check_ok(h->payload_check,
			  fmt_check32(r->cbuf, h->csize))) {
		*what = W_CHECK;
		return 1;
	}
	return 0;
}

/*
 * Read, check and decompress the payload of the frame @h at @off into
 * r->raw.  @return: 0, 1 with *what set when the frame is damaged, or
 * -errno.
 */
static int load_payload(struct srec_fmt_reader *r, uint64_t off,
			const struct fmt_frame_hdr *h, const char **what)
{
	unsigned long long content;
	size_t n;
	int rc;

	rc = check_payload(r, off, h, what);
	if (rc)
		return rc;
	content = ZSTD_getFrameContentSize(r->cbuf, h->csize);
	if (content != h->rsize ||
	    (uint64_t)h->rsize > (uint64_t)h->csize * MAX_RATIO ||
	    ZSTD_findFrameCompressedSize(r->cbuf, h->csize) != h->csize) {
		*what = W_ZSTD;
		return 1;
	}
	rc = grow(&r->raw, &r->rcap, h->rsize ? h->rsize : 1);
	if (rc)
		return rc;
	n = ZSTD_decompressDCtx(r->dctx, r->raw, h->rsize, r->cbuf, h->csize);
	if (ZSTD_isError(n) || n != h->rsize) {
		*what = W_ZSTD;
		return 1;
	}
	return 0;
}

/* ---- Damage ---------------------------------------------------------- */

static void add_damage(struct srec_fmt_reader *r, uint64_t off,
		       const char *what, uint64_t first_lost, uint64_t lost,
		       bool known, bool cut)
{
	struct damage *d;
	size_t i;

	/* A seek may walk over the same place again. */
	for (i = 0; i < r->n_dmg; i++)
		if (r->dmg[i].d.offset == off)
			return;
	if (r->n_dmg == r->cap_dmg) {
		r->cap_dmg = r->cap_dmg ? 2 * r->cap_dmg : 4;
		r->dmg = srec_xrealloc(r->dmg, r->cap_dmg * sizeof(*r->dmg));
	}
	/* Keep file order even if a seek found a later place first. */
	for (i = r->n_dmg; i > 0 && r->dmg[i - 1].d.offset > off; i--)
		r->dmg[i] = r->dmg[i - 1];
	d = &r->dmg[i];
	d->d = (struct srec_fmt_damage){ off, first_lost, lost, known, what };
	d->cut = cut;
	r->n_dmg++;
}

/* ---- Finding frames -------------------------------------------------- */

/*
 * The next plausible frame at or after @from: through the index when
 * there is one, else by scanning for a frame header whose checksum holds.
 * @return: 1 with *off and *h set, 0 if none before data_end, or -errno.
 */
static int find_frame(struct srec_fmt_reader *r, uint64_t from,
		      uint64_t *off, struct fmt_frame_hdr *h)
{
	uint8_t buf[SCAN_CHUNK + FMT_FRAME_HDR_SIZE];
	uint8_t want[8];
	size_t i;

	if (r->index_from_footer) {
		for (i = 0; i < r->index->n_frames; i++) {
			const Srec__FrameEntry *e = r->index->frames[i];
			uint8_t hb[FMT_FRAME_HDR_SIZE];

			if (e->offset < from)
				continue;
			if (read_at(r, e->offset, hb, sizeof(hb)) == 0 &&
			    fmt_frame_hdr_parse(hb, h)) {
				*off = e->offset;
				return 1;
			}
		}
		return 0;
	}
	fmt_put_le32(want, FMT_SKIP_MAGIC);
	fmt_put_le32(want + 4, FMT_FRAME_HDR_SIZE - 8);
	while (from < r->data_end &&
	       r->data_end - from >= FMT_FRAME_HDR_SIZE) {
		size_t n = r->data_end - from < sizeof(buf) ?
				   (size_t)(r->data_end - from) : sizeof(buf);
		int rc = read_at(r, from, buf, n);

		if (rc < 0)
			return rc;
		if (rc)
			return 0;
		for (i = 0; i + FMT_FRAME_HDR_SIZE <= n; i++) {
			if (buf[i] != want[0] || memcmp(buf + i, want, 8))
				continue;
			if (fmt_frame_hdr_parse(buf + i, h)) {
				*off = from + i;
				return 1;
			}
		}
		from += i;
	}
	return 0;
}

/* Check the index against itself and the file; @end is its own offset. */
static bool index_ok(const struct srec_fmt_reader *r, const Srec__Index *x,
		     uint64_t end)
{
	uint64_t off = r->data_start, seq = 0;
	size_t i;

	for (i = 0; i < x->n_frames; i++) {
		const Srec__FrameEntry *e = x->frames[i];

		if (!e->has_offset || !e->has_compressed_size ||
		    !e->has_first_seq || !e->has_events ||
		    e->offset < off || e->first_seq != seq ||
		    e->offset > end ||
		    (uint64_t)e->compressed_size + FMT_FRAME_HDR_SIZE >
			    end - e->offset)
			return false;
		off = e->offset + FMT_FRAME_HDR_SIZE + e->compressed_size;
		seq += e->events;
	}
	return true;
}

/*
 * Decode the index frame @h at @off.
 * @return: 0 with r->index set, 1 if damaged, or -errno.
 */
static int load_index(struct srec_fmt_reader *r, uint64_t off,
		      const struct fmt_frame_hdr *h)
{
	const char *what;
	Srec__Index *x;
	int rc;

	rc = load_payload(r, off, h, &what);
	if (rc)
		return rc;
	x = srec__index__unpack(NULL, h->rsize, r->raw);
	if (!x)
		return 1;
	if (!index_ok(r, x, off)) {
		srec__index__free_unpacked(x, NULL);
		return 1;
	}
	srec__index__free_unpacked(r->index, NULL);
	r->index = x;
	return 0;
}

/* Read the footer and the index it points to, if both check out. */
static int open_index(struct srec_fmt_reader *r)
{
	uint8_t buf[FMT_FRAME_HDR_SIZE];
	struct fmt_frame_hdr h;
	uint64_t off;
	int rc;

	if (r->size - r->data_start < FMT_FRAME_HDR_SIZE + FMT_FOOTER_SIZE)
		return 0;
	rc = read_at(r, r->size - FMT_FOOTER_SIZE, buf, FMT_FOOTER_SIZE);
	if (rc < 0)
		return rc;
	if (rc || !fmt_footer_parse(buf, &off) || off < r->data_start ||
	    off > r->size - FMT_FOOTER_SIZE - FMT_FRAME_HDR_SIZE)
		return 0; /* no footer: the sequential scan decides */
	r->data_end = off;
	rc = read_at(r, off, buf, FMT_FRAME_HDR_SIZE);
	if (rc < 0)
		return rc;
	if (!rc && fmt_frame_hdr_parse(buf, &h) && h.type == FMT_FRAME_INDEX &&
	    h.csize == r->size - FMT_FOOTER_SIZE - FMT_FRAME_HDR_SIZE - off) {
		rc = load_index(r, off, &h);
		if (rc < 0)
			return rc;
		if (!rc) {
			r->index_from_footer = true;
			return 0;
		}
	}
	r->index_damaged = true;
	add_damage(r, off, W_INDEX, 0, 0, true, false);
	return 0;
}

/* What is after the last intact frame when nothing else is. */
static int at_data_end(struct srec_fmt_reader *r)
{
	r->it.pos = r->data_end;
	if (r->it.at_end)
		return 0;
	r->it.at_end = true;
	if (r->index || r->index_damaged)
		return 0;
	/* Damage that swallowed the tail already said this. */
	if (r->n_dmg && !r->dmg[r->n_dmg - 1].d.lost_known)
		return 0;
	add_damage(r, r->data_end, W_CUT, r->it.next_seq, 0, false, true);
	return SREC_EDAMAGED;
}

/*
 * The index frame met while reading without a footer index: use its
 * trailer, then the footer must close the file.
 */
static int index_in_stream(struct srec_fmt_reader *r, uint64_t off,
			   const struct fmt_frame_hdr *h, uint64_t end)
{
	uint8_t buf[FMT_FOOTER_SIZE];
	uint64_t ioff;
	int rc;

	rc = load_index(r, off, h);
	if (rc < 0)
		return rc;
	if (rc) {
		r->index_damaged = true;
		add_damage(r, off, W_INDEX, r->it.next_seq, 0, true, false);
		r->it.pos = end;
		return SREC_EDAMAGED;
	}
	r->it.pos = r->data_end = r->size;
	rc = read_at(r, end, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	if (rc || end + FMT_FOOTER_SIZE != r->size ||
	    !fmt_footer_parse(buf, &ioff) || ioff != off) {
		add_damage(r, end, W_FOOTER, r->it.next_seq, 0, true, false);
		return SREC_EDAMAGED;
	}
	return at_data_end(r);
}

/*
 * Damage at @off: resume at the next intact frame and say how many events
 * the gap held when that frame tells.
 */
static int resync(struct srec_fmt_reader *r, uint64_t off, const char *what)
{
	struct fmt_frame_hdr h;
	uint64_t next;
	int rc;

	rc = find_frame(r, off + 1, &next, &h);
	if (rc < 0)
		return rc;
	if (rc && h.first_seq >= r->it.next_seq) {
		add_damage(r, off, what, r->it.next_seq,
			   h.first_seq - r->it.next_seq, true, false);
		r->it.pos = next;
		r->it.next_seq = h.first_seq;
		return SREC_EDAMAGED;
	}
	if (!rc && r->index_from_footer && r->index->n_frames) {
		/* The index knows how many events the tail held. */
		const Srec__FrameEntry *e =
			r->index->frames[r->index->n_frames - 1];
		uint64_t total = e->first_seq + e->events;

		add_damage(r, off, what, r->it.next_seq,
			   total > r->it.next_seq ? total - r->it.next_seq : 0,
			   true, false);
		r->it.next_seq = total;
	} else {
		add_damage(r, off, what, r->it.next_seq, 0, false,
			   !rc && !r->index_from_footer);
	}
	r->it.pos = rc ? next : r->data_end;
	return SREC_EDAMAGED;
}

/*
 * Move to the next event frame.
 * @skip_below: an event frame whose events all have a lower seq is only
 *              checked by its header, not read (seek, file_info).
 * @out: the header of the frame loaded or skipped (may be NULL).
 * @return: FRAME_LOADED, FRAME_SKIPPED, 0 at the end, SREC_EDAMAGED after
 *          recording damage (r->it moved past it), or -errno.
 */
static int next_frame(struct srec_fmt_reader *r, uint64_t skip_below,
		      struct fmt_frame_hdr *out)
{
	uint8_t hb[FMT_FRAME_HDR_SIZE];
	struct fmt_frame_hdr h;
	uint64_t pos, end;
	const char *what;
	int rc;

again:
	pos = r->it.pos;
	if (pos >= r->data_end)
		return at_data_end(r);
	rc = read_at(r, pos, hb, sizeof(hb));
	if (rc < 0)
		return rc;
	if (rc) {
		if (r->index_from_footer)
			return resync(r, pos, W_HDR);
		add_damage(r, pos, W_CUT, r->it.next_seq, 0, false, true);
		r->it.pos = r->data_end;
		return SREC_EDAMAGED;
	}
	if (!fmt_frame_hdr_parse(hb, &h))
		return resync(r, pos, W_HDR);
	if (h.csize > r->data_end - pos - FMT_FRAME_HDR_SIZE) {
		if (r->index_from_footer)
			return resync(r, pos, W_HDR);
		add_damage(r, pos, W_CUT, r->it.next_seq, h.events, false,
			   true);
		r->it.pos = r->data_end;
		return SREC_EDAMAGED;
	}
	end = pos + FMT_FRAME_HDR_SIZE + h.csize;
	if (h.type == FMT_FRAME_INDEX && !r->index_from_footer)
		return index_in_stream(r, pos, &h, end);
	if (h.type > FMT_FRAME_INDEX) {
		/* A type from a later minor version: not ours to read. */
		r->it.pos = end;
		goto again;
	}
	if (h.type != FMT_FRAME_EVENTS) {
		add_damage(r, pos, W_TYPE, r->it.next_seq, 0, true, false);
		r->it.pos = end;
		return SREC_EDAMAGED;
	}
	if (h.first_seq != r->it.next_seq) {
		/* A gap no damage explained, or a frame from elsewhere. */
		if (h.first_seq > r->it.next_seq) {
			add_damage(r, pos, W_SEQ, r->it.next_seq,
				   h.first_seq - r->it.next_seq, true, false);
			r->it.next_seq = h.first_seq;
		} else {
			add_damage(r, pos, W_SEQ, r->it.next_seq, 0, true,
				   false);
			r->it.pos = end;
		}
		return SREC_EDAMAGED;
	}
	if (out)
		*out = h;
	if (h.first_seq + h.events <= skip_below) {
		r->it.pos = end;
		r->it.next_seq += h.events;
		return FRAME_SKIPPED;
	}
	rc = load_payload(r, pos, &h, &what);
	if (rc < 0)
		return rc;
	if (rc) {
		add_damage(r, pos, what, h.first_seq, h.events, true, false);
		r->it.pos = end;
		r->it.next_seq += h.events;
		return SREC_EDAMAGED;
	}
	r->it.pos = end;
	r->it.frame_off = pos;
	r->it.roff = 0;
	r->it.rlen = h.rsize;
	r->it.left = h.events;
	return FRAME_LOADED;
}

/*
 * Step over the next event of the loaded frame without decoding it.
 * @return: a pointer to its bytes (*len set), or NULL if it does not fit.
 */
static const uint8_t *event_bytes(struct srec_fmt_reader *r, size_t *len)
{
	const uint8_t *p = r->raw + r->it.roff;
	size_t avail = r->it.rlen - r->it.roff;
	uint64_t n;
	size_t k = fmt_varint_get(p, avail, &n);

	if (!k || n > avail - k)
		return NULL;
	r->it.roff += k + (size_t)n;
	*len = (size_t)n;
	return p + k;
}

/* The rest of the loaded frame is unreadable. */
static int frame_rest_lost(struct srec_fmt_reader *r)
{
	add_damage(r, r->it.frame_off, W_EVENT, r->it.next_seq, r->it.left,
		   true, false);
	r->it.next_seq += r->it.left;
	r->it.left = 0;
	return SREC_EDAMAGED;
}

/* ---- Public API ------------------------------------------------------ */

static int open_header(struct srec_fmt_reader *r)
{
	uint8_t fh[FMT_FILE_HDR_SIZE], hb[FMT_FRAME_HDR_SIZE];
	struct fmt_frame_hdr h;
	const char *what;
	uint16_t major;
	int rc;

	rc = read_at(r, 0, fh, sizeof(fh));
	if (rc)
		return rc < 0 ? rc : SREC_ENOTTRACE;
	if (fmt_get_le32(fh) != FMT_SKIP_MAGIC ||
	    fmt_get_le32(fh + 4) != FMT_FILE_HDR_SIZE - 8 ||
	    memcmp(fh + 8, FMT_FILE_TAG, 4))
		return SREC_ENOTTRACE;
	major = fmt_get_le16(fh + 12);
	if (major > SREC_FMT_MAJOR)
		return SREC_EVERSION;
	if (major == 0)
		return SREC_ENOTTRACE;
	rc = read_at(r, FMT_FILE_HDR_SIZE, hb, sizeof(hb));
	if (rc)
		return rc < 0 ? rc : SREC_EDAMAGED;
	if (!fmt_frame_hdr_parse(hb, &h) || h.type != FMT_FRAME_HEADER)
		return SREC_EDAMAGED;
	rc = load_payload(r, FMT_FILE_HDR_SIZE, &h, &what);
	if (rc)
		return rc < 0 ? rc : SREC_EDAMAGED;
	r->hdr = srec__trace_header__unpack(NULL, h.rsize, r->raw);
	if (!r->hdr || (r->hdr->has_format_major &&
			r->hdr->format_major != major))
		return SREC_EDAMAGED;
	r->data_start = FMT_FILE_HDR_SIZE + FMT_FRAME_HDR_SIZE + h.csize;
	return 0;
}

int srec_fmt_reader_open(const char *path, struct srec_fmt_reader **out)
{
	struct srec_fmt_reader *r = srec_xcalloc(1, sizeof(*r));
	struct stat st;
	int rc;

	r->desc = (struct srec_buf)SREC_BUF_INIT;
	/* O_NONBLOCK: a FIFO named by mistake must not hang us. */
	r->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (r->fd < 0) {
		rc = -errno;
		goto out;
	}
	if (fstat(r->fd, &st)) {
		rc = -errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = -EISDIR;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = SREC_ENOTTRACE;
		goto out;
	}
	r->size = (uint64_t)st.st_size;
	r->dctx = ZSTD_createDCtx();
	if (!r->dctx) {
		rc = -ENOMEM;
		goto out;
	}
	rc = open_header(r);
	if (rc)
		goto out;
	r->data_end = r->size;
	rc = open_index(r);
	if (rc)
		goto out;
	r->it.pos = r->data_start;
	*out = r;
	r = NULL;
out:
	srec_fmt_reader_close(r);
	return rc;
}

void srec_fmt_reader_close(struct srec_fmt_reader *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	srec__trace_header__free_unpacked(r->hdr, NULL);
	srec__index__free_unpacked(r->index, NULL);
	srec__event__free_unpacked(r->ev, NULL);
	ZSTD_freeDCtx(r->dctx);
	free(r->cbuf);
	free(r->raw);
	free(r->dmg);
	srec_buf_free(&r->desc);
	free(r);
}

const Srec__TraceHeader *srec_fmt_reader_header(struct srec_fmt_reader *r)
{
	return r->hdr;
}

int srec_fmt_reader_next(struct srec_fmt_reader *r, const Srec__Event **ev)
{
	const uint8_t *p;
	size_t len;
	int rc;

	srec__event__free_unpacked(r->ev, NULL);
	r->ev = NULL;
	for (;;) {
		if (r->it.left) {
			p = event_bytes(r, &len);
			if (!p)
				return frame_rest_lost(r);
			r->ev = srec__event__unpack(NULL, len, p);
			if (!r->ev || r->ev->seq != r->it.next_seq) {
				srec__event__free_unpacked(r->ev, NULL);
				r->ev = NULL;
				return frame_rest_lost(r);
			}
			r->it.left--;
			r->it.next_seq++;
			r->events_read++;
			*ev = r->ev;
			return 1;
		}
		rc = next_frame(r, 0, NULL);
		if (rc != FRAME_LOADED && rc != FRAME_SKIPPED)
			return rc;
	}
}

int srec_fmt_reader_seek(struct srec_fmt_reader *r, uint64_t seq)
{
	size_t lo = 0, hi, len;
	int rc;

	srec__event__free_unpacked(r->ev, NULL);
	r->ev = NULL;
	r->it = (struct iter){ .pos = r->data_start };
	if (r->index_from_footer) {
		/* The last frame whose first_seq <= seq. */
		hi = r->index->n_frames;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (r->index->frames[mid]->first_seq <= seq)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo) {
			r->it.pos = r->index->frames[lo - 1]->offset;
			r->it.next_seq = r->index->frames[lo - 1]->first_seq;
		}
	}
	for (;;) {
		rc = next_frame(r, seq, NULL);
		if (rc == FRAME_LOADED)
			break;
		if (rc == 0)
			return -ENOENT;
		if (rc < 0 && rc != SREC_EDAMAGED)
			return rc;
	}
	if (r->it.next_seq > seq)
		goto lost; /* seq fell into damage */
	while (r->it.next_seq < seq) {
		if (!event_bytes(r, &len)) {
			frame_rest_lost(r);
			goto lost;
		}
		r->it.left--;
		r->it.next_seq++;
	}
	return 0;
lost:
	/* The reader is left at the first intact event after @seq. */
	return -ENOENT;
}

const Srec__Trailer *srec_fmt_reader_trailer(struct srec_fmt_reader *r)
{
	return r->index ? r->index->trailer : NULL;
}

int srec_fmt_reader_damage(struct srec_fmt_reader *r,
			   struct srec_fmt_damage *d)
{
	if (d && r->n_dmg)
		*d = r->dmg[0].d;
	return (int)r->n_dmg;
}

bool srec_fmt_reader_complete(struct srec_fmt_reader *r)
{
	if (r->n_dmg || !r->index)
		return false;
	return r->it.at_end || r->verified;
}

const char *srec_fmt_reader_describe_damage(struct srec_fmt_reader *r)
{
	const Srec__Trailer *t = srec_fmt_reader_trailer(r);
	const struct damage *first = r->dmg;
	uint64_t lost = 0;
	bool exact = true, cut_at_end = false;
	size_t i;

	srec_buf_reset(&r->desc);
	if (!r->n_dmg)
		return srec_buf_str(&r->desc);
	for (i = 0; i < r->n_dmg; i++) {
		lost += r->dmg[i].d.lost_events;
		exact &= r->dmg[i].d.lost_known;
		cut_at_end |= r->dmg[i].cut;
	}
	if (first->cut) {
		srec_buf_addf(&r->desc, "trace cut short at offset %" PRIu64
			      " (writer killed?): ", first->d.offset);
		if (first->d.first_lost_seq)
			srec_buf_addf(&r->desc, "events after #%" PRIu64
				      " lost", first->d.first_lost_seq - 1);
		else
			srec_buf_adds(&r->desc, "no event was written");
		return srec_buf_str(&r->desc);
	}
	srec_buf_addf(&r->desc, "trace damaged at offset %" PRIu64 " (%s)",
		      first->d.offset, first->d.what);
	if (r->n_dmg > 1)
		srec_buf_addf(&r->desc, " and %zu more places",
			      r->n_dmg - 1);
	srec_buf_adds(&r->desc, ": ");
	if (exact)
		srec_buf_addf(&r->desc, "%" PRIu64 " %s lost", lost,
			      lost == 1 ? "event" : "events");
	else if (lost)
		srec_buf_addf(&r->desc, "at least %" PRIu64 " events lost",
			      lost);
	else
		srec_buf_adds(&r->desc, "an unknown number of events lost");
	if (cut_at_end)
		srec_buf_adds(&r->desc, " (cut short: writer killed?)");
	/* srec_fmt_reader_file_info() finds damage without decoding an
	 * event: then the index says how many are intact, not the count
	 * read so far (0). */
	if (!r->events_read && exact && t && t->has_events &&
	    t->events >= lost)
		srec_buf_addf(&r->desc, ", %" PRIu64 " of %" PRIu64
			      " events intact", t->events - lost, t->events);
	else
		srec_buf_addf(&r->desc, ", %" PRIu64 " intact events read",
			      r->events_read);
	return srec_buf_str(&r->desc);
}

/*
 * Check every frame against the index and its checksum, without
 * decompressing: reading compressed bytes is cheap next to decoding.
 */
static int info_by_index(struct srec_fmt_reader *r,
			 struct srec_fmt_file_info *fi)
{
	uint8_t hb[FMT_FRAME_HDR_SIZE];
	struct fmt_frame_hdr h;
	const char *what;
	bool all_ok = true;
	size_t i;
	int rc;

	for (i = 0; i < r->index->n_frames; i++) {
		const Srec__FrameEntry *e = r->index->frames[i];

		rc = read_at(r, e->offset, hb, sizeof(hb));
		if (rc < 0)
			return rc;
		if (rc || !fmt_frame_hdr_parse(hb, &h) ||
		    h.type != FMT_FRAME_EVENTS ||
		    h.csize != e->compressed_size ||
		    h.rsize != e->size || h.first_seq != e->first_seq ||
		    h.events != e->events) {
			add_damage(r, e->offset, W_HDR, e->first_seq,
				   e->events, true, false);
			all_ok = false;
			continue;
		}
		rc = check_payload(r, e->offset, &h, &what);
		if (rc < 0)
			return rc;
		if (rc) {
			add_damage(r, e->offset, what, e->first_seq,
				   e->events, true, false);
			all_ok = false;
			continue;
		}
		fi->frames++;
		fi->compressed_bytes += h.csize;
		fi->raw_bytes += h.rsize;
	}
	r->verified = all_ok;
	return 0;
}

int srec_fmt_reader_file_info(struct srec_fmt_reader *r,
			      struct srec_fmt_file_info *fi)
{
	struct iter saved = r->it;
	struct fmt_frame_hdr h;
	int rc;

	*fi = (struct srec_fmt_file_info){ .file_bytes = r->size };
	if (r->index_from_footer) {
		fi->has_index = true;
		return info_by_index(r, fi);
	}
	r->it = (struct iter){ .pos = r->data_start };
	for (;;) {
		rc = next_frame(r, UINT64_MAX, &h);
		if (rc == FRAME_SKIPPED) {
			fi->frames++;
			fi->compressed_bytes += h.csize;
			fi->raw_bytes += h.rsize;
		} else if (rc == 0 || (rc < 0 && rc != SREC_EDAMAGED)) {
			break;
		}
	}
	fi->has_index = r->index != NULL;
	r->verified = !rc && r->index && !r->n_dmg;
	r->it = saved;
	return rc < 0 && rc != SREC_EDAMAGED ? rc : 0;
}
