// SPDX-License-Identifier: MIT
/*
 * srec.c - libsrec (srec.h): the trace reader of format/ and the syscall
 * table of sys/ behind a small, stable C interface for other programs.
 *
 * Nothing is read or decoded here: a struct srec_trace is the format
 * reader itself and a struct srec_event the protobuf-c event it returns,
 * both opaque to users, so the library reads exactly what srec reads and
 * the two cannot drift apart.  libsrec.map exports the functions below
 * and hides every other symbol of the static modules linked in.
 */
#include "srec.h"

#include "srec_err.h"
#include "srec_fmt.h"
#include "srec_sys.h"

#include <errno.h>
#include <string.h>

/* The public codes are the modules' own, spelled for users. */
_Static_assert(SREC_ERR_NOTTRACE == SREC_ENOTTRACE, "srec.h codes");
_Static_assert(SREC_ERR_VERSION == SREC_EVERSION, "srec.h codes");
_Static_assert(SREC_ERR_DAMAGED == SREC_EDAMAGED, "srec.h codes");

static struct srec_fmt_reader *reader(struct srec_trace *t)
{
	return (struct srec_fmt_reader *)t;
}

static const Srec__Event *event(const struct srec_event *ev)
{
	return (const Srec__Event *)ev;
}

int srec_trace_open(const char *path, struct srec_trace **out)
{
	struct srec_fmt_reader *r;
	int rc;

	if (!path || !out)
		return -EINVAL;
	rc = srec_fmt_reader_open(path, &r);
	if (rc < 0)
		return rc;
	*out = (struct srec_trace *)r;
	return 0;
}

void srec_trace_close(struct srec_trace *t)
{
	srec_fmt_reader_close(reader(t));
}

int srec_trace_next(struct srec_trace *t, const struct srec_event **ev)
{
	const Srec__Event *e;
	int rc = srec_fmt_reader_next(reader(t), &e);

	if (rc == 1)
		*ev = (const struct srec_event *)e;
	return rc;
}

const char *srec_trace_damage(struct srec_trace *t)
{
	return srec_fmt_reader_describe_damage(reader(t));
}

bool srec_trace_complete(struct srec_trace *t)
{
	return srec_fmt_reader_complete(reader(t));
}

const char *srec_trace_arch(struct srec_trace *t)
{
	const Srec__TraceHeader *h = srec_fmt_reader_header(reader(t));

	return h->arch ? h->arch : "";
}

const char *srec_trace_command(struct srec_trace *t, size_t i)
{
	const Srec__TraceHeader *h = srec_fmt_reader_header(reader(t));

	return i < h->n_command ? h->command[i] : NULL;
}

static const struct {
	Srec__Event__KindCase pb;
	enum srec_event_kind kind;
} kinds[] = {
	{ SREC__EVENT__KIND_SYSCALL, SREC_EVENT_SYSCALL },
	{ SREC__EVENT__KIND_EXEC, SREC_EVENT_EXEC },
	{ SREC__EVENT__KIND_CLONE, SREC_EVENT_CLONE },
	{ SREC__EVENT__KIND_SIGNAL, SREC_EVENT_SIGNAL },
	{ SREC__EVENT__KIND_EXIT, SREC_EVENT_EXIT },
	{ SREC__EVENT__KIND_BLOB, SREC_EVENT_BLOB },
	{ SREC__EVENT__KIND_NOTE, SREC_EVENT_NOTE },
};

enum srec_event_kind srec_event_kind(const struct srec_event *ev)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].pb == event(ev)->kind_case)
			return kinds[i].kind;
	return SREC_EVENT_OTHER;
}

const char *srec_event_kind_name(const struct srec_event *ev)
{
	return srec_fmt_event_kind_name(event(ev));
}

uint64_t srec_event_seq(const struct srec_event *ev)
{
	return event(ev)->seq;
}

int32_t srec_event_pid(const struct srec_event *ev)
{
	return event(ev)->pid;
}

int32_t srec_event_tid(const struct srec_event *ev)
{
	return event(ev)->tid;
}

int srec_event_syscall(const struct srec_event *ev, struct srec_syscall *sc)
{
	const Srec__Syscall *s = event(ev)->syscall;
	const struct srec_sys_entry *e;
	size_t i;

	if (event(ev)->kind_case != SREC__EVENT__KIND_SYSCALL || !s)
		return -EINVAL;
	memset(sc, 0, sizeof(*sc));
	sc->nr = s->nr;
	e = srec_sys_get(s->nr);
	sc->name = e ? e->name : NULL;
	for (i = 0; i < s->n_args && i < 6; i++)
		sc->args[i] = s->args[i];
	/* Absent `ret` means the call never returned (srec.proto). */
	sc->returned = s->has_ret && !s->no_return;
	sc->ret = sc->returned ? s->ret : 0;
	sc->t_enter_ns = s->t_enter_ns;
	sc->t_exit_ns = sc->returned ? s->t_exit_ns : 0;
	return 0;
}

const char *srec_errno_name(int err)
{
	return srec_sys_errno_name(err);
}
