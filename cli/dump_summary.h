// SPDX-License-Identifier: MIT
/*
 * dump_summary.h - the table `srec dump -c` prints (see dump_summary.c).
 */
#ifndef SREC_DUMP_SUMMARY_H
#define SREC_DUMP_SUMMARY_H

#include "srec.pb-c.h"

#include <stdio.h>

struct dump_summary;

/* A table with no calls yet; NULL when out of memory.  Free it with
 * dump_summary_free(). */
struct dump_summary *dump_summary_new(void);
/* Count @sc: one call, an error if it failed, its t_exit - t_enter. */
void dump_summary_add(struct dump_summary *s, const Srec__Syscall *sc);
/* strace -S's key ("time", "calls", "errors", "name", "nothing") as
 * the @sortby dump_summary_print() takes; -EINVAL for another word. */
int dump_summary_sort(const char *name);
/* Print strace -c's table to @f, rows sorted by @sortby, then the total
 * line. */
void dump_summary_print(struct dump_summary *s, int sortby, FILE *f);
void dump_summary_free(struct dump_summary *s);

#endif
