// SPDX-License-Identifier: MIT
/* event.c - small helpers about Event messages shared by all readers. */
#include "srec_fmt.h"

static const char *const kind_names[] = {
	[SREC__EVENT__KIND_SYSCALL] = "syscall",
	[SREC__EVENT__KIND_EXEC] = "exec",
	[SREC__EVENT__KIND_CLONE] = "clone",
	[SREC__EVENT__KIND_SIGNAL] = "signal",
	[SREC__EVENT__KIND_EXIT] = "exit",
	[SREC__EVENT__KIND_BLOB] = "blob",
	[SREC__EVENT__KIND_NOTE] = "note",
};

const char *srec_fmt_event_kind_name(const Srec__Event *ev)
{
	unsigned k = (unsigned)ev->kind_case;

	/* A newer writer's kind this reader does not know, or none. */
	if (k >= sizeof(kind_names) / sizeof(kind_names[0]) || !kind_names[k])
		return "unknown";
	return kind_names[k];
}
