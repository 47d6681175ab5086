// SPDX-License-Identifier: MIT
/*
 * fuzz_reader.c - libFuzzer target for the trace reader: whatever the
 * bytes, opening, reading every event, seeking, file_info and the damage
 * description must neither crash, leak nor loop.  Built with the reader
 * compiled without checksum checks (SREC_FMT_FUZZ_NO_CHECKSUM) so that
 * mutations reach the frame, zstd, varint and protobuf parsing.
 */
#define _GNU_SOURCE
#include "srec_err.h"
#include "srec_fmt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static int memfd = -1;
static char memfd_path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct srec_fmt_reader *r = NULL;
	struct srec_fmt_file_info fi;
	const Srec__Event *ev;
	unsigned steps = 0;
	int rc;

	if (memfd < 0) {
		/* The reader takes a path; a memfd keeps the disk out. */
		memfd = memfd_create("fuzz_reader", 0);
		if (memfd < 0)
			abort();
		snprintf(memfd_path, sizeof(memfd_path), "/proc/self/fd/%d",
			 memfd);
	}
	if (ftruncate(memfd, 0) ||
	    pwrite(memfd, data, size, 0) != (ssize_t)size)
		abort();
	if (srec_fmt_reader_open(memfd_path, &r))
		return 0;
	if (srec_fmt_reader_file_info(r, &fi) < 0)
		goto out;
	while ((rc = srec_fmt_reader_next(r, &ev)) != 0) {
		/* Every step consumes bytes or an event: bounded by size. */
		if (++steps > 4 * size + 16)
			abort();
		if (rc == SREC_EDAMAGED)
			continue;
		if (rc < 0)
			break;
		srec_fmt_event_kind_name(ev);
	}
	srec_fmt_reader_describe_damage(r);
	srec_fmt_reader_complete(r);
	if (srec_fmt_reader_seek(r, 3) == 0)
		srec_fmt_reader_next(r, &ev);
	srec_fmt_reader_seek(r, 0);
	srec_fmt_reader_seek(r, UINT64_MAX);
out:
	srec_fmt_reader_close(r);
	return 0;
}
