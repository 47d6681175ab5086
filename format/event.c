// SPDX-License-Identifier: MIT
/* event.c - small helpers about Event messages shared by all readers. */
#include "srec_fmt.h"

const char *srec_fmt_event_kind_name(const Srec__Event *ev)
{
	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL: return "syscall";
	case SREC__EVENT__KIND_EXEC: return "exec";
	case SREC__EVENT__KIND_CLONE: return "clone";
	case SREC__EVENT__KIND_SIGNAL: return "signal";
	case SREC__EVENT__KIND_EXIT: return "exit";
	case SREC__EVENT__KIND_BLOB: return "blob";
	case SREC__EVENT__KIND_NOTE: return "note";
	default: return "unknown";
	}
}
