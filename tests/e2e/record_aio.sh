# SPDX-License-Identifier: MIT
# record_aio.sh - `srec record` of samples/aio: native AIO keeps what the
# kernel read at io_submit (the iocb pointers, each iocb, the PWRITE
# buffer, the PWRITEV iovecs and their buffers), the key io_cancel reads
# and the events io_getevents wrote; dump shows the iocbs as strace does,
# and the trace replays.
. "$SRCDIR/tests/e2e/lib.sh"

test_expect_success 'record aio' '
	record_sample aio &&
	printf "hello, aio\nsecond line\n" >expect &&
	test_cmp expect out
'

test_expect_success 'trace holds the iocbs and what they hand over' '
	check_py <<-\PY
	import struct, sys
	from record_check import *
	main = marked(load("t.srec"))
	expect_names(main, ["openat", "io_setup", "io_submit",
	                    "io_getevents", "io_cancel", "io_destroy",
	                    "pread64", "close", "write"])
	op, setup, submit, getev, cancel, destroy, pread, cl, out = main
	expect_ret(submit, 2)
	got = regions(submit, 2, "in")
	if len(got) != 7:
	    fail("io_submit kept %d regions, want 7" % len(got), submit)
	ptrs, cb0, buf0, cb1, iov, b1, b2 = got
	p0, p1 = struct.unpack("<QQ", ptrs)
	if [m["addr"] for m in mem(submit, 2, "in")][1:4:2] != [p0, p1]:
	    fail("the iocbs are not at the pointers", submit)
	for cb, data_, op_, fd in ((cb0, 1, 1, op["ret"]),
	                           (cb1, 2, 8, op["ret"])):
	    if len(cb) != 64 or struct.unpack_from("<Q", cb, 0)[0] != data_ \
	       or struct.unpack_from("<H", cb, 16)[0] != op_ \
	       or struct.unpack_from("<I", cb, 20)[0] != fd:
	        fail("iocb %d not kept whole" % data_, submit)
	if (buf0, b1, b2) != (b"hello, aio\n", b"second ", b"line\n"):
	    fail("written bytes %r %r %r" % (buf0, b1, b2), submit)
	if len(iov) != 32:
	    fail("PWRITEV iovec array %d bytes" % len(iov), submit)
	expect_ret(getev, 2)
	evs = data(getev, 3, "out")
	if len(evs) != 64:
	    fail("io_getevents kept %d bytes, want 2 io_events" % len(evs),
	         getev)
	done = sorted(struct.unpack_from("<Qq", evs, 32 * k)[0:1] +
	              struct.unpack_from("<q", evs, 32 * k + 16)
	              for k in range(2))
	if done != [(1, 11), (2, 12)]:
	    fail("events (data, res) %r" % done, getev)
	expect_ret(cancel, -22)
	if data(cancel, 1, "in") != b"\0\0\0\0":
	    fail("io_cancel did not keep aio_key", cancel)
	PY
'

test_expect_success 'dump shows the iocbs' '
	"$SREC" dump t.srec >dump &&
	grep -F "io_submit(" dump | sed "s/aio_fildes=[0-9]*/aio_fildes=FD/g" >line &&
	grep -F "[{aio_data=0x1, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=FD, aio_buf=\"hello, aio\\n\", aio_nbytes=11, aio_offset=0}, {aio_data=0x2, aio_lio_opcode=IOCB_CMD_PWRITEV, aio_fildes=FD, aio_buf=[{iov_base=\"second \", iov_len=7}, {iov_base=\"line\\n\", iov_len=5}], aio_nbytes=2, aio_offset=11}]) = 2" line &&
	grep -F "io_cancel(" dump | grep -F "{aio_key=0}"
'

test_expect_success 'the trace replays' '
	"$SREC" replay t.srec >replayed &&
	test_cmp expect replayed
'

test_done
