/* SPDX-License-Identifier: MIT */
/*
 * srec_fmt.h - the interface of the trace format library: write and read
 * .srec files.
 *
 * A trace is a file header, a header frame holding a TraceHeader, a run of
 * independent zstd frames of length-delimited Event messages, and an index
 * frame at the end (schemas/FORMAT.md gives every byte).  The writer owns
 * the sequence numbers (Event.seq); the reader returns every intact event
 * of a damaged file and says exactly what it could not read.
 *
 * Events are the protobuf-c structs generated from schemas/srec.proto
 * (Srec__Event and friends).
 */
#ifndef SREC_FMT_H
#define SREC_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "srec.pb-c.h"

#define SREC_FMT_MAJOR 1
#define SREC_FMT_MINOR 0

/* ---- Writer ---------------------------------------------------------- */

struct srec_fmt_writer;

struct srec_fmt_writer_opts {
	size_t frame_bytes; /* uncompressed bytes per frame; 0: 1 MiB */
	unsigned flush_ms;  /* max age of an unwritten event, in ms; 0: 500,
			     * at most 1000 */
	int level;          /* zstd level; 0: default (1) */
	bool inline_compression; /* compress on the caller's thread (tests) */
};

/*
 * srec_fmt_output_open - open @path to write a trace into.  A missing
 * path, a regular file or a symlink to one is (re)created as a new regular
 * file with mode 0600 (*@created = true); an existing FIFO or character
 * device, or a symlink to one (/dev/null, /dev/stdout), is opened for
 * writing as it is, neither unlinked nor chmod'ed.
 * @return: an O_CLOEXEC fd owned by the caller, or -errno: -EISDIR for a
 *          directory, -EEXIST for anything else (block device, socket).
 */
int srec_fmt_output_open(const char *path, bool *created);

/*
 * srec_fmt_writer_open - open @path with srec_fmt_output_open() and write
 * the file header and @hdr, as srec_fmt_writer_open_fd() does.
 * @opts: NULL for defaults.
 * @out: the new writer, owned by the caller until srec_fmt_writer_close().
 *
 * Unless opts->inline_compression, a background thread compresses frames
 * and writes them out, and flushes the frame being filled once its oldest
 * event is opts->flush_ms old, so a writer killed at any moment loses at
 * most that much.
 *
 * @return: 0, or -errno.
 */
int srec_fmt_writer_open(const char *path, const Srec__TraceHeader *hdr,
			 const struct srec_fmt_writer_opts *opts,
			 struct srec_fmt_writer **out);

/*
 * srec_fmt_writer_open_fd - as srec_fmt_writer_open(), into @fd, which the
 * writer owns from this call on (closed on failure too).  The writer only
 * appends, so @fd may be a pipe.
 */
int srec_fmt_writer_open_fd(int fd, const Srec__TraceHeader *hdr,
			    const struct srec_fmt_writer_opts *opts,
			    struct srec_fmt_writer **out);

/*
 * srec_fmt_writer_append - add one event.
 * The writer sets ev->seq (and has_seq) to the next sequence number, sets
 * has_pid and has_tid (every event has both) and
 * encodes the event at once: the caller keeps ownership of @ev and its
 * buffers and may reuse them when this returns.
 * @return: 0, or -errno (a write error of an earlier frame is reported
 *          here and by every later call).
 */
int srec_fmt_writer_append(struct srec_fmt_writer *w, Srec__Event *ev);

/*
 * srec_fmt_writer_blob - make sure content @data is stored once.
 * Computes its srec_hash128 into @hash.  If that content was not stored yet
 * in this trace, appends a Blob event (pid/tid as given) first.
 * @return: 1 if a Blob event was appended, 0 if already stored, or -errno.
 */
int srec_fmt_writer_blob(struct srec_fmt_writer *w, int32_t pid, int32_t tid,
			 const void *data, size_t len, uint8_t hash[16]);

/*
 * srec_fmt_writer_flush - end the frame being filled and wait until every
 * frame so far is written to the file.
 * @return: 0, or -errno.
 */
int srec_fmt_writer_flush(struct srec_fmt_writer *w);

struct srec_fmt_stats {
	uint64_t events;
	uint64_t raw_bytes;        /* encoded event bytes before compression */
	uint64_t compressed_bytes; /* bytes of zstd frames written so far */
	uint64_t file_bytes;       /* file size so far */
	uint64_t frames;
};

/*
 * srec_fmt_writer_stats - fill @st with the counts so far (record's
 * closing summary).  Frames still being compressed are not in the
 * compressed and file sizes yet.
 */
void srec_fmt_writer_stats(struct srec_fmt_writer *w,
			   struct srec_fmt_stats *st);

/*
 * srec_fmt_writer_close - flush, append the index frame (with a Trailer
 * whose counts the writer computed, plus exit_status) and close the file.
 * Frees @w in every case.
 * @return: 0, or -errno.
 */
int srec_fmt_writer_close(struct srec_fmt_writer *w, int exit_status);

/*
 * srec_fmt_writer_abandon - close the file as it is, without index, and
 * free @w: the reader then sees a trace whose writer was killed.  For
 * tests and for fatal errors.
 */
void srec_fmt_writer_abandon(struct srec_fmt_writer *w);

/* ---- Reader ---------------------------------------------------------- */

struct srec_fmt_reader;

/*
 * srec_fmt_reader_open - open a trace for reading.
 * @return: 0, or -errno (-ENOENT, -EISDIR, ...), SREC_ENOTTRACE (empty,
 *          text, random bytes), SREC_EVERSION (newer major version) or
 *          SREC_EDAMAGED (the header frame is damaged).
 */
int srec_fmt_reader_open(const char *path, struct srec_fmt_reader **out);

/* Frees @r and every event it returned.  NULL is fine. */
void srec_fmt_reader_close(struct srec_fmt_reader *r);

/* The trace's header, owned by @r; never NULL after a successful open. */
const Srec__TraceHeader *srec_fmt_reader_header(struct srec_fmt_reader *r);

/*
 * srec_fmt_reader_next - the next event in sequence order.
 * @ev: set to the event, owned by the reader, valid until the next call
 *      to srec_fmt_reader_next() or srec_fmt_reader_seek().
 * @return: 1 with an event; 0 at the end of the trace; SREC_EDAMAGED when
 *          damage was found at this point (srec_fmt_reader_damage() says
 *          what); calling again resumes with the next intact frame, so a
 *          caller that wants everything intact just goes on, and one that
 *          must stop at the damage (replay) stops.  Other negative values
 *          are -errno (I/O).
 */
int srec_fmt_reader_next(struct srec_fmt_reader *r, const Srec__Event **ev);

/*
 * srec_fmt_reader_seek - position the reader so that the next event is the
 * one with sequence number @seq (random access through the index; without
 * an index, by scanning).
 * @return: 0, -ENOENT if no intact event has that number, or -errno.
 */
int srec_fmt_reader_seek(struct srec_fmt_reader *r, uint64_t seq);

/* The trailer from the index, or NULL when the writer did not finish. */
const Srec__Trailer *srec_fmt_reader_trailer(struct srec_fmt_reader *r);

struct srec_fmt_damage {
	uint64_t offset;        /* file offset where the damage starts */
	uint64_t first_lost_seq; /* first event not read (if known) */
	uint64_t lost_events;   /* events known lost (0 if unknown) */
	bool lost_known;        /* lost_events is exact */
	const char *what;       /* "checksum mismatch", "frame cut short" */
};

/*
 * srec_fmt_reader_damage - damage found so far, in file order.
 * @return: the number of damaged places; *d (may be NULL) is the first.
 */
int srec_fmt_reader_damage(struct srec_fmt_reader *r,
			   struct srec_fmt_damage *d);

/*
 * srec_fmt_reader_complete - true when the whole file has been read (or
 * verified through the index) with no damage and the writer finished
 * (index present).
 */
bool srec_fmt_reader_complete(struct srec_fmt_reader *r);

/*
 * srec_fmt_reader_describe_damage - one human line for stderr, e.g.
 * "trace damaged at offset 123456 (checksum mismatch): 812 events lost,
 *  10422 intact events read" or "trace cut short at offset 9876 (writer
 * killed?): events after #4410 lost".  Empty string when undamaged.
 * The string is owned by @r.
 */
const char *srec_fmt_reader_describe_damage(struct srec_fmt_reader *r);

struct srec_fmt_file_info {
	uint64_t file_bytes;
	uint64_t frames;          /* intact data frames */
	uint64_t compressed_bytes; /* bytes of intact data frames */
	uint64_t raw_bytes;       /* their decompressed size */
	bool has_index;
};

/*
 * srec_fmt_reader_file_info - sizes for `srec info`; walks the frames
 * (through the index when present, then checking each frame's checksum)
 * without decoding events.  Damage found is recorded as by next().
 */
int srec_fmt_reader_file_info(struct srec_fmt_reader *r,
			      struct srec_fmt_file_info *fi);

/*
 * srec_fmt_event_kind_name - "syscall", "exec", "clone", "signal", "exit",
 * "blob", "note".
 */
const char *srec_fmt_event_kind_name(const Srec__Event *ev);

#endif
