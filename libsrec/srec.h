/* SPDX-License-Identifier: MIT */
/*
 * srec.h - libsrec: read srec traces (srec(5)) from C programs.  The one
 * header of the library; build with `pkg-config --cflags --libs srec`.
 *
 * Open a trace, take its events one by one in recorded order, look at
 * each: its kind, number, process and thread, and for a syscall its
 * number, name, arguments, result and times.  A damaged trace (writer
 * killed, bytes changed) still yields every intact event: the reader
 * says where the damage was and goes on with the next intact part.
 *
 *	struct srec_trace *t;
 *	const struct srec_event *ev;
 *	struct srec_syscall sc;
 *	int rc = srec_trace_open("trace.srec", &t);
 *
 *	if (rc < 0)
 *		errx(2, "%s", srec_strerror(rc));
 *	while ((rc = srec_trace_next(t, &ev)) != 0) {
 *		if (rc == SREC_ERR_DAMAGED)
 *			continue;
 *		if (rc < 0)
 *			break;
 *		if (!srec_event_syscall(ev, &sc))
 *			printf("%s = %lld\n", sc.name, (long long)sc.ret);
 *	}
 *	srec_trace_close(t);
 *
 * Functions return 0 (or a count) on success and a negative value on
 * failure: -errno for system errors, or one of SREC_ERR_* for traces;
 * srec_strerror() names each.  The library is not thread-safe per trace:
 * use one struct srec_trace per thread.
 *
 * ABI: the soname is libsrec.so.0; struct srec_syscall only changes, and
 * symbols only go away, with a new soname.
 */
#ifndef SREC_H
#define SREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Trace errors, apart from -errno values (all below -4095). */
#define SREC_ERR_NOTTRACE (-5001) /* the file is not an srec trace */
#define SREC_ERR_VERSION (-5002)  /* the trace needs a newer srec */
#define SREC_ERR_DAMAGED (-5003)  /* the trace is damaged here */

/* An open trace. */
struct srec_trace;
/* One event of a trace, owned by the trace (see srec_trace_next()). */
struct srec_event;

enum srec_event_kind {
	SREC_EVENT_OTHER = 0, /* a kind newer than this library */
	SREC_EVENT_SYSCALL,   /* one syscall, entry to exit */
	SREC_EVENT_EXEC,      /* a successful execve/execveat */
	SREC_EVENT_CLONE,     /* a new process or thread */
	SREC_EVENT_SIGNAL,    /* a signal delivered */
	SREC_EVENT_EXIT,      /* a thread or process ended */
	SREC_EVENT_BLOB,      /* content stored once (mapped files) */
	SREC_EVENT_NOTE,      /* a remark of the recorder */
};

/*
 * srec_trace_open - open the trace at @path for reading.
 * @out: the trace, owned by the caller until srec_trace_close().
 * @return: 0, or -errno (-ENOENT, ...), SREC_ERR_NOTTRACE, SREC_ERR_VERSION
 *          or SREC_ERR_DAMAGED (its header is damaged: nothing to read).
 */
int srec_trace_open(const char *path, struct srec_trace **out);

/* srec_trace_close - free @t and every event it returned.  NULL is fine. */
void srec_trace_close(struct srec_trace *t);

/*
 * srec_trace_next - the next event, in recorded order.
 * @ev: set to the event, valid until the next srec_trace_next() or
 *      srec_trace_close() on @t.
 * @return: 1 with an event; 0 at the end of the trace; SREC_ERR_DAMAGED
 *          when damage was found at this point (srec_trace_damage() says
 *          what): calling again goes on with the next intact event; any
 *          other negative value is -errno (reading failed).
 */
int srec_trace_next(struct srec_trace *t, const struct srec_event **ev);

/*
 * srec_trace_damage - one line naming the damage found so far, e.g.
 * "trace cut short at offset 9876 (writer killed?): events after #4410
 * lost"; "" when there is none.  Owned by @t.
 */
const char *srec_trace_damage(struct srec_trace *t);

/* srec_trace_complete - true once the whole trace was read undamaged and
 * its writer had finished it (srec record was not killed). */
bool srec_trace_complete(struct srec_trace *t);

/* srec_trace_arch - the machine the trace was recorded on ("x86_64"). */
const char *srec_trace_arch(struct srec_trace *t);

/* srec_trace_command - word @i of the recorded command (PROG ARG...), or
 * NULL past its end (a trace recorded with -p has none). */
const char *srec_trace_command(struct srec_trace *t, size_t i);

enum srec_event_kind srec_event_kind(const struct srec_event *ev);
/* "syscall", "exec", "clone", "signal", "exit", "blob", "note". */
const char *srec_event_kind_name(const struct srec_event *ev);
/* The event's number: 0, 1, 2, ... in recorded order (srec dump's). */
uint64_t srec_event_seq(const struct srec_event *ev);
/* The process (thread group) and the thread of the event. */
int32_t srec_event_pid(const struct srec_event *ev);
int32_t srec_event_tid(const struct srec_event *ev);

struct srec_syscall {
	unsigned nr;          /* number in the trace's arch table */
	const char *name;     /* "openat"; NULL for a number srec does not
			       * know (query shows syscall_N) */
	uint64_t args[6];     /* the six argument registers */
	bool returned;        /* false: it never returned (exit, exec) */
	int64_t ret;          /* the result, -errno on failure (when
			       * returned) */
	uint64_t t_enter_ns;  /* entry, ns since recording started */
	uint64_t t_exit_ns;   /* exit (when returned) */
};

/*
 * srec_event_syscall - fill @sc from a syscall event.
 * @return: 0, or -EINVAL when @ev is not a syscall (@sc is untouched).
 */
int srec_event_syscall(const struct srec_event *ev, struct srec_syscall *sc);

/* srec_strerror - the text of a negative value a libsrec function
 * returned; never NULL. */
const char *srec_strerror(int err);

/* srec_errno_name - "ENOENT" for 2 (the name of a positive errno value,
 * as strace and srec query print it), or NULL. */
const char *srec_errno_name(int err);

#ifdef __cplusplus
}
#endif

#endif
