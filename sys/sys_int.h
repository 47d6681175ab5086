/* SPDX-License-Identifier: MIT */
/*
 * sys_int.h - internals of the syscall module shared by its files (table,
 * capture, decoders).  Not for use outside sys/.
 *
 * Two generated headers come from data files at build time and are never
 * committed:
 *   syscalls_gen.h  from arch/<arch>/syscalls.tbl: enum srec_sys_struct
 *                   (SREC_STRUCT_STAT, ...), one per `struct` row;
 *   xlat_gen.h      from sys/xlat/<name>.in: enum srec_sys_xlat
 *                   (SREC_XLAT_OPEN_FLAGS, ...), one per file.
 */
#ifndef SREC_SYS_INT_H
#define SREC_SYS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "srec_buf.h"
#include "srec_sys.h"
#include "syscalls_gen.h"
#include "xlat_gen.h"

/*
 * sys_struct_size - bytes of struct @type (SREC_STRUCT_*) on this
 * architecture, as the table's `struct` rows give them; 0 for a type whose
 * size is not fixed (sockaddr, clone_args: the call gives it).
 */
size_t sys_struct_size(unsigned type);

/* ---- Value names (xlat) ---------------------------------------------- */

/* The name of value @v in xlat table @table (SREC_XLAT_*), or NULL. */
const char *xlat_name(unsigned table, uint64_t v);

/*
 * xlat_flags - append the names of the flags of table @table set in @v,
 * joined by '|', to @out (nothing when none is named).
 * @return: the bits of @v no name covered.
 */
uint64_t xlat_flags(struct srec_buf *out, unsigned table, uint64_t v);

/* The prefix strace shows for an unknown value: "O_", "AF_", ... */
const char *xlat_unknown(unsigned table);

#endif
