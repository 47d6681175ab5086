// SPDX-License-Identifier: MIT
/*
 * cmd_dump.c - `srec dump`: print a trace as strace -f would have printed
 * the run, or as one JSON object per event (--json).  Decoding is sys/'s
 * (srec_sys_format_event, srec_sys_fdtrack for -y, srec_sys_select for
 * -e trace=); this file reads events, filters them and adds the
 * timestamps strace's -t/-r/-T would.
 */
#include "dump_summary.h"
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_fmt.h"
#include "srec_json.h"
#include "srec_opt.h"
#include "srec_sys.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const dump_usage[] = {
	"srec dump [-s SIZE] [-y] [-t|-tt|-ttt] [-r] [-T] [-e trace=NAME,...] "
	"[--pid PID] [--seq A-B] [--json] [-c|-C] [-S SORTBY] [-w] FILE",
	"Print a trace one line per syscall, like strace -f: decoded",
	"arguments and results, signals and exits; [pid N] prefixes once",
	"the run had a second thread.  --json prints one object per event",
	"(every kind, with raw arguments and the memory the call passed).",
	"-c prints strace -c's table instead (-C: after the calls); its",
	"time is each call's wall time (exit - entry), strace's -c -w,",
	"with or without -w: the trace has no system CPU time.",
	"",
	"Exit status: 0; 1 for a damaged or incomplete trace (every intact",
	"event is printed, then the damage named); 2 for usage errors and",
	"files that cannot be read as a trace.",
	NULL,
};

struct dump {
	long max_str;
	int show_fd_paths;
	int time_level;   /* -t: 1, -tt: 2, -ttt: 3 */
	int relative;     /* -r */
	int show_duration; /* -T */
	int json;
	long pid;         /* 0: all */
	uint64_t seq_from, seq_to;
	struct srec_sys_select select; /* empty: every call */
	bool select_set;
	bool show_pid;
	int64_t start_realtime_ns;
	uint64_t last_ns;   /* trace time of the latest event seen */
	uint64_t prev_line_ns; /* for -r */
	bool printed_any;
	struct srec_sys_fdtrack *fds;
	struct dump_summary *summary; /* -c, -C */
	bool summary_only;            /* -c */
	int sortby;                   /* -S, as dump_summary_sort() */
	struct srec_buf line;
};

/* ---- Options --------------------------------------------------------- */

static int parse_seq(struct dump *d, const char *s)
{
	char *end;
	const char *dash = strchr(s, '-');

	d->seq_from = 0;
	d->seq_to = UINT64_MAX;
	if (!*s || (dash && dash == s && !dash[1]))
		return -EINVAL;
	if (dash != s) {
		errno = 0;
		d->seq_from = strtoull(s, &end, 10);
		if (errno || end == s || (dash ? end != dash : *end))
			return -EINVAL;
		if (!dash)
			d->seq_to = d->seq_from;
	}
	if (dash && dash[1]) {
		errno = 0;
		d->seq_to = strtoull(dash + 1, &end, 10);
		if (errno || end == dash + 1 || *end)
			return -EINVAL;
	}
	return d->seq_from <= d->seq_to ? 0 : -EINVAL;
}

/* -e trace=LIST (also "t=LIST" and a bare LIST, as strace accepts). */
static int parse_expr(struct dump *d, const char *expr)
{
	const char *list = expr, *bad = NULL;
	size_t bad_len = 0;

	if (!strncmp(expr, "trace=", 6))
		list = expr + 6;
	else if (!strncmp(expr, "t=", 2))
		list = expr + 2;
	else if (strchr(expr, '='))
		return srec_usage_error(dump_usage, "-e %s: only trace= is "
					"supported", expr);
	if (srec_sys_select_add(&d->select, list, &bad, &bad_len))
		return srec_usage_error(dump_usage, "-e %s: unknown syscall "
					"or class '%.*s'", expr, (int)bad_len,
					bad ? bad : "");
	d->select_set = true;
	return 0;
}

/* ---- JSON ------------------------------------------------------------ */

static void json_cstr(struct srec_buf *out, const char *s)
{
	if (s)
		srec_json_str(out, s, strlen(s));
	else
		srec_buf_adds(out, "null");
}

/* Bytes as a JSON string: @hex for hashes, base64 for data. */
static void json_bytes(struct srec_buf *out, const uint8_t *p, size_t n,
		       bool hex)
{
	srec_buf_addc(out, '"');
	if (hex)
		srec_hex(out, p, n);
	else
		srec_base64(out, p, n);
	srec_buf_addc(out, '"');
}

static void json_strings(struct srec_buf *out, const char *key,
			 char **v, size_t n)
{
	size_t i;

	srec_buf_addf(out, ",\"%s\":[", key);
	for (i = 0; i < n; i++) {
		if (i)
			srec_buf_addc(out, ',');
		json_cstr(out, v[i]);
	}
	srec_buf_addc(out, ']');
}

static void json_syscall(struct dump *d, const Srec__Syscall *sc,
			 const struct srec_sys_fmt_opts *o)
{
	struct srec_buf *out = &d->line;
	const struct srec_sys_entry *e = srec_sys_get(sc->nr);
	bool failed = sc->has_ret && !sc->no_return &&
		      srec_sys_failed(sc->ret);
	struct srec_buf text = SREC_BUF_INIT;
	const char *path, *errname;
	size_t i, len;
	int fd;

	srec_buf_adds(out, ",\"type\":\"syscall\",\"name\":");
	if (e) {
		json_cstr(out, e->name);
	} else {
		srec_buf_addf(&text, "syscall_%#x", sc->nr);
		json_cstr(out, srec_buf_str(&text));
	}
	srec_buf_addf(out, ",\"nr\":%u,\"args\":[", sc->nr);
	for (i = 0; i < sc->n_args; i++)
		srec_buf_addf(out, i ? ",%" PRIu64 : "%" PRIu64, sc->args[i]);
	srec_buf_adds(out, "],\"decoded\":");
	srec_buf_reset(&text);
	srec_sys_format_call(sc, o, &text);
	srec_json_str(out, text.data, text.len);
	srec_buf_reset(&text);
	srec_sys_format_ret(sc, &text);
	srec_buf_adds(out, ",\"result\":");
	/* " = 3" -> "3" */
	srec_json_str(out, text.data + 3, text.len - 3);
	if (sc->has_ret && !sc->no_return)
		srec_buf_addf(out, ",\"ret\":%" PRId64, sc->ret);
	else
		srec_buf_adds(out, ",\"ret\":null");
	srec_buf_adds(out, ",\"errno\":");
	errname = failed ? srec_sys_errno_name((int)-sc->ret) : NULL;
	if (failed && !errname)
		srec_buf_addf(out, "\"%d\"", (int)-sc->ret);
	else
		json_cstr(out, errname);
	srec_buf_addf(out, ",\"t_enter_ns\":%" PRIu64, sc->t_enter_ns);
	if (sc->has_t_exit_ns)
		srec_buf_addf(out, ",\"t_exit_ns\":%" PRIu64, sc->t_exit_ns);
	else
		srec_buf_adds(out, ",\"t_exit_ns\":null");
	srec_buf_adds(out, ",\"path\":");
	path = srec_sys_path_arg(sc, &len);
	if (path)
		srec_json_str(out, path, len);
	else
		srec_buf_adds(out, "null");
	fd = srec_sys_fd_arg(sc);
	if (fd >= 0)
		srec_buf_addf(out, ",\"fd\":%d", fd);
	else
		srec_buf_adds(out, ",\"fd\":null");
	if (sc->no_return)
		srec_buf_adds(out, ",\"no_return\":true");
	if (sc->forced)
		srec_buf_adds(out, ",\"forced\":true");
	if (sc->injected) {
		const Srec__Injected *in = sc->injected;

		srec_buf_addf(out, ",\"injected\":{\"rule\":%u,\"ret\":%s",
			      in->rule, in->ret ? "true" : "false");
		if (in->has_signal)
			srec_buf_addf(out, ",\"signal\":%d", in->signal);
		if (in->has_delay_enter_ns)
			srec_buf_addf(out, ",\"delay_enter_ns\":%" PRIu64,
				      in->delay_enter_ns);
		if (in->has_delay_exit_ns)
			srec_buf_addf(out, ",\"delay_exit_ns\":%" PRIu64,
				      in->delay_exit_ns);
		srec_buf_addc(out, '}');
	}
	if (sc->stack && sc->stack->has_data) {
		srec_buf_addf(out, ",\"ip\":%" PRIu64 ",\"sp\":%" PRIu64
			      ",\"stack_b64\":", sc->ip, sc->sp);
		json_bytes(out, sc->stack->data.data, sc->stack->data.len,
			   false);
	}
	srec_buf_adds(out, ",\"mem\":[");
	for (i = 0; i < sc->n_mem; i++) {
		const Srec__Mem *m = sc->mem[i];

		srec_buf_addf(out, "%s{\"arg\":%u,\"dir\":\"%s\",\"addr\":%"
			      PRIu64 ",\"len\":%" PRIu64, i ? "," : "", m->arg,
			      m->dir == SREC__DIR__OUT ? "out" : "in", m->addr,
			      m->len);
		if (m->has_data) {
			srec_buf_adds(out, ",\"data_b64\":");
			json_bytes(out, m->data.data, m->data.len, false);
		}
		if (m->has_blob) {
			srec_buf_adds(out, ",\"blob\":");
			json_bytes(out, m->blob.data, m->blob.len, true);
		}
		if (m->fault)
			srec_buf_adds(out, ",\"fault\":true");
		if (m->str)
			srec_buf_adds(out, ",\"str\":true");
		srec_buf_addc(out, '}');
	}
	srec_buf_addc(out, ']');
	srec_buf_free(&text);
}

static const char *const clone_kinds[] = { "fork", "vfork", "clone" };

static void json_event(struct dump *d, const Srec__Event *ev,
		       const struct srec_sys_fmt_opts *o)
{
	struct srec_buf *out = &d->line;
	struct srec_buf text = SREC_BUF_INIT;
	const Srec__Exec *x;
	const Srec__Clone *c;
	const Srec__Signal *s;

	srec_buf_addf(out, "{\"seq\":%" PRIu64 ",\"pid\":%d,\"tid\":%d",
		      ev->seq, ev->pid, ev->tid);
	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL:
		json_syscall(d, ev->syscall, o);
		break;
	case SREC__EVENT__KIND_SIGNAL:
		s = ev->signal;
		srec_buf_addf(out, ",\"type\":\"signal\",\"signo\":%d,"
			      "\"name\":", s->signo);
		json_cstr(out, srec_sys_signal_name(s->signo));
		srec_buf_addf(out, ",\"code\":%d,\"sender_pid\":%d,"
			      "\"sender_uid\":%u,\"addr\":%" PRIu64
			      ",\"status\":%d,\"decoded\":", s->code,
			      s->sender_pid, s->sender_uid, s->addr, s->status);
		srec_sys_format_siginfo(s, &text);
		srec_json_str(out, text.data, text.len);
		break;
	case SREC__EVENT__KIND_EXIT:
		srec_buf_addf(out, ",\"type\":\"exit\",\"code\":%d,\"signal\":",
			      ev->exit->code);
		json_cstr(out, ev->exit->signal ?
				       srec_sys_signal_name(ev->exit->signal) :
				       NULL);
		srec_buf_addf(out, ",\"core_dumped\":%s,\"thread\":%s",
			      ev->exit->core_dumped ? "true" : "false",
			      ev->exit->thread ? "true" : "false");
		break;
	case SREC__EVENT__KIND_EXEC:
		x = ev->exec;
		srec_buf_addf(out, ",\"type\":\"exec\",\"former_tid\":%d,"
			      "\"exe\":", x->former_tid);
		json_cstr(out, x->exe);
		json_strings(out, "argv", x->argv, x->n_argv);
		json_strings(out, "env", x->env, x->n_env);
		srec_buf_adds(out, ",\"cwd\":");
		json_cstr(out, x->cwd);
		break;
	case SREC__EVENT__KIND_CLONE:
		c = ev->clone;
		srec_buf_addf(out, ",\"type\":\"clone\",\"kind\":\"%s\","
			      "\"flags\":%" PRIu64 ",\"child_pid\":%d,"
			      "\"child_tid\":%d,\"nr\":%u",
			      (unsigned)c->kind < 3 ? clone_kinds[c->kind] :
						      "clone",
			      c->flags, c->child_pid, c->child_tid, c->nr);
		break;
	case SREC__EVENT__KIND_BLOB:
		srec_buf_adds(out, ",\"type\":\"blob\",\"hash\":");
		json_bytes(out, ev->blob->hash.data, ev->blob->hash.len,
			   true);
		srec_buf_addf(out, ",\"len\":%zu", ev->blob->data.len);
		break;
	case SREC__EVENT__KIND_NOTE:
		srec_buf_adds(out, ",\"type\":\"note\",\"text\":");
		json_cstr(out, ev->note->text);
		break;
	default:
		srec_buf_adds(out, ",\"type\":\"unknown\"");
		break;
	}
	srec_buf_addc(out, '}');
	srec_buf_free(&text);
}

/* ---- Text ------------------------------------------------------------ */

static void timestamp(struct dump *d, uint64_t t_ns)
{
	int64_t wall = d->start_realtime_ns + (int64_t)t_ns;
	time_t sec = (time_t)(wall / 1000000000);
	long usec = (long)(wall % 1000000000) / 1000;
	struct tm tm;
	char hms[16];

	if (d->relative) {
		uint64_t delta = d->printed_any ? t_ns - d->prev_line_ns : 0;

		if (t_ns < d->prev_line_ns)
			delta = 0;
		srec_buf_addf(&d->line, "%6" PRIu64 ".%06" PRIu64 " ",
			      delta / 1000000000, delta % 1000000000 / 1000);
	}
	d->prev_line_ns = t_ns;
	if (!d->time_level)
		return;
	if (d->time_level >= 3) {
		srec_buf_addf(&d->line, "%lld.%06ld ", (long long)sec, usec);
		return;
	}
	localtime_r(&sec, &tm);
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	if (d->time_level == 2)
		srec_buf_addf(&d->line, "%s.%06ld ", hms, usec);
	else
		srec_buf_addf(&d->line, "%s ", hms);
}

static void text_event(struct dump *d, const Srec__Event *ev,
		       const struct srec_sys_fmt_opts *o)
{
	const Srec__Syscall *sc = ev->syscall;
	uint64_t t = d->last_ns;

	if (d->show_pid)
		srec_buf_addf(&d->line, "[pid %d] ", ev->tid);
	if (ev->kind_case == SREC__EVENT__KIND_SYSCALL)
		t = sc->t_enter_ns;
	timestamp(d, t);
	if (!srec_sys_format_event(ev, o, &d->line)) {
		/* No line of its own (exec, clone, blob): drop the prefix. */
		srec_buf_reset(&d->line);
		return;
	}
	if (d->show_duration && ev->kind_case == SREC__EVENT__KIND_SYSCALL &&
	    sc->has_t_exit_ns && sc->t_exit_ns >= sc->t_enter_ns) {
		uint64_t dur = sc->t_exit_ns - sc->t_enter_ns;

		srec_buf_addf(&d->line, " <%" PRIu64 ".%06" PRIu64 ">",
			      dur / 1000000000, dur % 1000000000 / 1000);
	}
	d->printed_any = true;
}

/* ---- Reading --------------------------------------------------------- */

static bool wanted(const struct dump *d, const Srec__Event *ev)
{
	if (ev->seq < d->seq_from || ev->seq > d->seq_to)
		return false;
	if (d->pid && ev->pid != d->pid && ev->tid != d->pid)
		return false;
	if (!d->select_set)
		return true;
	/* -e trace= picks calls; signals and exits still show, as in
	 * strace, but not the events that only complete a call (exec,
	 * clone, blob, note), so --json gives the same set as the text. */
	switch (ev->kind_case) {
	case SREC__EVENT__KIND_SYSCALL:
		return srec_sys_select_has(&d->select, ev->syscall->nr);
	case SREC__EVENT__KIND_SIGNAL:
	case SREC__EVENT__KIND_EXIT:
		return true;
	default:
		return false;
	}
}

static void track_time(struct dump *d, const Srec__Event *ev)
{
	if (ev->kind_case != SREC__EVENT__KIND_SYSCALL)
		return;
	if (ev->syscall->has_t_exit_ns)
		d->last_ns = ev->syscall->t_exit_ns;
	else
		d->last_ns = ev->syscall->t_enter_ns;
}

/* strace -f prefixes lines with [pid N] once there is a second thread;
 * srec knows the whole run, so it decides once for the trace.  A trace
 * that cannot be read a second time gets no prefix: run() reports it. */
static bool many_threads(const char *file)
{
	struct srec_fmt_reader *r = NULL;
	const Srec__Trailer *tr;
	const Srec__Event *ev;
	bool many = false;
	int rc, first = 0;

	if (srec_fmt_reader_open(file, &r))
		return false;
	tr = srec_fmt_reader_trailer(r);
	if (tr && tr->has_threads) {
		many = tr->threads > 1;
		goto out;
	}
	while ((rc = srec_fmt_reader_next(r, &ev)) != 0) {
		if (rc == SREC_EDAMAGED)
			continue;
		if (rc < 0)
			break;
		if (!first)
			first = ev->tid;
		if (ev->tid != first) {
			many = true;
			break;
		}
	}
out:
	srec_fmt_reader_close(r);
	return many;
}

static int run(struct dump *d, const char *file)
{
	struct srec_fmt_reader *r = NULL;
	struct srec_sys_fmt_opts o = { 0 };
	const Srec__TraceHeader *hdr;
	const Srec__Event *ev;
	int rc, status;

	status = cli_open_trace(file, &r);
	if (status)
		return status;
	d->show_pid = many_threads(file);
	hdr = srec_fmt_reader_header(r);
	d->start_realtime_ns = hdr ? hdr->start_realtime_ns : 0;
	o.max_str = (unsigned)d->max_str;
	if (d->show_fd_paths) {
		d->fds = srec_sys_fdtrack_new(hdr);
		o.fd_path = srec_sys_fdtrack_path;
		o.fd_path_ctx = d->fds;
	}
	while ((rc = srec_fmt_reader_next(r, &ev)) != 0) {
		/* Damage is reported at the end, after every intact event. */
		if (rc == SREC_EDAMAGED)
			continue;
		if (rc < 0) {
			fflush(stdout);
			srec_error("%s: %s", file, srec_strerror(rc));
			status = 1;
			goto out;
		}
		if (d->fds)
			srec_sys_fdtrack_before(d->fds, ev);
		if (d->summary && ev->kind_case == SREC__EVENT__KIND_SYSCALL &&
		    wanted(d, ev))
			dump_summary_add(d->summary, ev->syscall);
		if (!d->summary_only && wanted(d, ev)) {
			o.pid = ev->pid;
			srec_buf_reset(&d->line);
			if (d->json)
				json_event(d, ev, &o);
			else
				text_event(d, ev, &o);
			if (d->line.len) {
				srec_buf_addc(&d->line, '\n');
				fwrite(d->line.data, 1, d->line.len, stdout);
			}
		}
		if (d->fds)
			srec_sys_fdtrack_after(d->fds, ev);
		track_time(d, ev);
	}
	if (d->summary)
		dump_summary_print(d->summary, d->sortby, stdout);
	status = cli_report_damage(file, r);
out:
	if (fflush(stdout) && !status) {
		srec_error("writing output: %s", strerror(errno));
		status = 1;
	}
	srec_fmt_reader_close(r);
	return status;
}

int cmd_dump(int argc, char **argv)
{
	struct dump d = { .max_str = 32, .seq_to = UINT64_MAX,
			  .line = SREC_BUF_INIT };
	struct srec_opt_list exprs = { 0 };
	const char *seq = NULL;
	int summary = 0, calls_too = 0, wall = 0;
	const char *sortby = NULL;
	const struct srec_opt opts[] = {
		SREC_OPT_INT('s', NULL, &d.max_str, "SIZE",
			     "print at most SIZE bytes of each string (32)"),
		SREC_OPT_BOOL('y', NULL, &d.show_fd_paths,
			      "print paths next to fds (from the trace)"),
		SREC_OPT_COUNT('t', NULL, &d.time_level,
			       "wall-clock time; -tt with microseconds, "
			       "-ttt as seconds since the epoch"),
		SREC_OPT_BOOL('r', NULL, &d.relative,
			      "time since the previous line"),
		SREC_OPT_BOOL('T', NULL, &d.show_duration,
			      "time spent in each call"),
		SREC_OPT_LIST('e', NULL, &exprs, "trace=LIST",
			      "only these calls: names, %file, %network, "
			      "..., !LIST for all others"),
		SREC_OPT_INT(0, "pid", &d.pid, "PID",
			     "only events of this process or thread"),
		SREC_OPT_STRING(0, "seq", &seq, "A-B",
				"only events numbered A to B"),
		SREC_OPT_BOOL(0, "json", &d.json,
			      "one JSON object per event"),
		SREC_OPT_BOOL('c', NULL, &summary,
			      "strace -c's table of calls, errors, time"),
		SREC_OPT_BOOL('C', NULL, &calls_too,
			      "the calls, then strace -c's table"),
		SREC_OPT_STRING('S', NULL, &sortby, "SORTBY",
				"sort the table by time, calls, errors, "
				"name or nothing"),
		SREC_OPT_BOOL('w', NULL, &wall,
			      "the table sums wall time (always so)"),
		SREC_OPT_END(),
	};
	int n, i, status = 2;

	n = srec_opt_parse(argc, argv, opts, dump_usage, 0);
	if (n == SREC_OPT_HELP)
		return 0;
	if (n < 0)
		return 2;
	if (cli_one_trace(n, dump_usage))
		goto out;
	if (d.max_str < 0 || d.max_str > (1L << 30)) {
		srec_usage_error(dump_usage, "-s wants a size from 0 to 1G");
		goto out;
	}
	if (d.pid < 0) {
		srec_usage_error(dump_usage, "--pid wants a positive pid");
		goto out;
	}
	if (seq && parse_seq(&d, seq)) {
		srec_usage_error(dump_usage, "--seq wants A-B, A-, -B or N, "
				 "not '%s'", seq);
		goto out;
	}
	for (i = 0; i < exprs.n; i++)
		if (parse_expr(&d, exprs.items[i]))
			goto out;
	if (sortby && (d.sortby = dump_summary_sort(sortby)) < 0) {
		srec_usage_error(dump_usage, "-S wants time, calls, errors, "
				 "name or nothing, not '%s'", sortby);
		goto out;
	}
	d.summary_only = summary && !calls_too;
	if ((summary || calls_too) && d.json) {
		srec_usage_error(dump_usage, "-c and -C print text, not --json");
		goto out;
	}
	if ((summary || calls_too) && !(d.summary = dump_summary_new())) {
		srec_error("out of memory");
		goto out;
	}
	status = run(&d, argv[0]);
out:
	dump_summary_free(d.summary);
	srec_sys_fdtrack_free(d.fds);
	srec_sys_select_free(&d.select);
	srec_buf_free(&d.line);
	free(exprs.items);
	return status;
}
