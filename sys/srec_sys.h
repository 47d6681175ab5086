/* SPDX-License-Identifier: MIT */
/*
 * srec_sys.h - everything srec knows about syscalls: the table (one row per
 * number, generated from arch/<arch>/syscalls.tbl), which tracee memory a
 * call reads and writes (used by the recorder), and how to print a call
 * the way strace does (used by dump, query, diff and replay reports).
 *
 * To add a syscall: add a row to the .tbl file and, if its arguments need a
 * new kind of decoding, a decoder in its family file (sys/file.c, net.c,
 * mm.c, proc.c, ...).
 */
#ifndef SREC_SYS_H
#define SREC_SYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "srec.pb-c.h"
#include "srec_buf.h"

/* ---- The table ------------------------------------------------------- */

/* Syscall classes, as strace's -e trace=%CLASS. */
enum {
	SREC_SC_FILE = 1u << 0,    /* %file: takes a file name */
	SREC_SC_DESC = 1u << 1,    /* %desc: takes or returns an fd */
	SREC_SC_PROCESS = 1u << 2, /* %process: process lifecycle */
	SREC_SC_NETWORK = 1u << 3, /* %network */
	SREC_SC_SIGNAL = 1u << 4,  /* %signal */
	SREC_SC_MEMORY = 1u << 5,  /* %memory */
	SREC_SC_IPC = 1u << 6,     /* %ipc */
	SREC_SC_CREDS = 1u << 7,   /* %creds */
	SREC_SC_CLOCK = 1u << 8,   /* %clock */
	SREC_SC_STAT = 1u << 9,    /* %stat family (stat, lstat, fstat...) */
};

/* What replay does with a call. */
enum srec_sys_replay {
	/* Not executed: the recorded return value and out-memory are put
	 * into the tracee (files, sockets, time, ids, ...). */
	SREC_REPLAY_EMULATE = 0,
	/* Executed for real; must give the recorded result (brk, anonymous
	 * mmap, clone, execve, exit, rt_sigaction, ...). */
	SREC_REPLAY_EXECUTE = 1,
};

/* How a call is recorded when the in-process agent runs in the tracee
 * (the ROUTE column of syscalls.tbl). */
enum srec_sys_route {
	/* Always through ptrace: srec must see or change the call as it
	 * happens, or its memory has rules the agent does not know. */
	SREC_ROUTE_PTRACE = 0,
	/* The agent may record it in the tracee (agent/). */
	SREC_ROUTE_AGENT = 1,
};

/*
 * Argument kinds.  Kinds that point at memory say whether the kernel reads
 * it (IN, captured at entry) or writes it (OUT, captured at exit).  `len`
 * in a comment is struct srec_sys_arg.len_arg: the index of the argument
 * holding a length or count.
 */
enum srec_sys_arg_kind {
	SREC_ARG_NONE = 0,
	SREC_ARG_INT,          /* signed decimal */
	SREC_ARG_UINT,         /* unsigned decimal (sizes, counts) */
	SREC_ARG_HEX,          /* a number best shown in hex */
	SREC_ARG_OCT,          /* a number best shown in octal */
	SREC_ARG_PTR,          /* a pointer srec does not follow */
	SREC_ARG_FD,           /* file descriptor */
	SREC_ARG_DIRFD,        /* fd or AT_FDCWD */
	SREC_ARG_PID,
	SREC_ARG_UID,          /* uid or gid; -1 shown as -1 */
	SREC_ARG_SIGNAL,       /* signal number */
	SREC_ARG_MODE,         /* file mode (S_IFMT bits + octal) */
	SREC_ARG_FLAGS,        /* bit set named by xlat table `type` */
	SREC_ARG_ENUM,         /* one value named by xlat table `type` */
	SREC_ARG_PATH,         /* IN: NUL-terminated path */
	SREC_ARG_STR,          /* IN: NUL-terminated string, not a path */
	SREC_ARG_STRARRAY,     /* IN: NULL-terminated char *[] (argv, envp) */
	SREC_ARG_IN_BUF,       /* IN: bytes, length in arg `len` */
	SREC_ARG_OUT_BUF,      /* OUT: bytes, length = return value */
	SREC_ARG_OUT_BUF_LEN,  /* OUT: bytes, length in arg `len` */
	SREC_ARG_OUT_STR,      /* OUT: NUL-terminated string (getcwd) */
	SREC_ARG_IN_STRUCT,    /* IN: struct `type` */
	SREC_ARG_OUT_STRUCT,   /* OUT: struct `type`, on success */
	SREC_ARG_INOUT_STRUCT, /* IN and OUT: struct `type` */
	SREC_ARG_IN_STRUCT_LEN,  /* IN: struct `type`, size in arg `len` */
	SREC_ARG_OUT_STRUCT_LEN, /* OUT: struct `type`, size in arg `len` */
	SREC_ARG_IN_ARRAY,     /* IN: array of struct `type`, count in `len` */
	SREC_ARG_OUT_ARRAY,    /* OUT: array of `type`, count = return value */
	SREC_ARG_OUT_ARRAY_LEN, /* OUT: array of `type`, count in `len` */
	SREC_ARG_IN_IOV,       /* IN: iovec[len], the kernel reads the data */
	SREC_ARG_OUT_IOV,      /* OUT: iovec[len], filled with `ret` bytes */
	SREC_ARG_IN_SOCKADDR,  /* IN: sockaddr, socklen in arg `len` */
	SREC_ARG_OUT_SOCKADDR, /* OUT: sockaddr, socklen_t * in arg `len` */
	SREC_ARG_SOCKLEN_PTR,  /* IN/OUT: socklen_t * paired with a sockaddr */
	SREC_ARG_IN_MSGHDR,    /* IN: struct msghdr (sendmsg) */
	SREC_ARG_OUT_MSGHDR,   /* IN/OUT: struct msghdr (recvmsg) */
	SREC_ARG_IN_MMSGHDR,   /* IN: struct mmsghdr[len] (sendmmsg) */
	SREC_ARG_OUT_MMSGHDR,  /* OUT: struct mmsghdr[len] (recvmmsg) */
	SREC_ARG_POLLFD,       /* IN/OUT: struct pollfd[len] */
	SREC_ARG_FDSET,        /* IN/OUT: fd_set, nfds in arg `len` */
	SREC_ARG_IOCTL_ARG,    /* depends on the ioctl request (arg 1) */
	SREC_ARG_FCNTL_ARG,    /* depends on the fcntl command (arg 1) */
	SREC_ARG_SPECIAL,      /* decoded by the syscall's own decoder */
};

/* One argument's description; see enum srec_sys_arg_kind. */
struct srec_sys_arg {
	uint8_t kind;    /* enum srec_sys_arg_kind */
	uint8_t len_arg; /* index of the length/count argument, if any */
	uint16_t type;   /* struct type (SREC_STRUCT_*) or xlat table id */
};

/* One row of the syscall table. */
struct srec_sys_entry {
	const char *name;
	uint16_t nr;
	uint8_t nargs;
	uint8_t replay;   /* enum srec_sys_replay */
	uint8_t route;    /* enum srec_sys_route */
	uint8_t ret_kind; /* how to print the return value (SREC_ARG_*) */
	uint32_t classes; /* SREC_SC_* bits */
	struct srec_sys_arg args[6];
};

/* The row for @nr, or NULL for a number the table does not know. */
const struct srec_sys_entry *srec_sys_get(unsigned nr);
/* The row named @name ("openat"), or NULL. */
const struct srec_sys_entry *srec_sys_find(const char *name);
/* One past the highest syscall number in the table. */
unsigned srec_sys_nr_limit(void);
/* "%file" -> SREC_SC_FILE ... ; 0 for an unknown name. */
uint32_t srec_sys_class_by_name(const char *name);
/* Whether argument @i of @e is a tracee address (ignored by replay's
 * comparison because another build places things elsewhere). */
bool srec_sys_arg_is_pointer(const struct srec_sys_entry *e, unsigned i);

/* The kernel's restart codes (include/linux/errno.h), which a tracer sees
 * as the result of a call a signal interrupted; the kernel then runs the
 * call again, or turns the code into -EINTR, when it handles the signal. */
enum {
	SREC_ERESTARTSYS = 512,
	SREC_ERESTARTNOINTR = 513,
	SREC_ERESTARTNOHAND = 514,
	SREC_ERESTART_RESTARTBLOCK = 516,
};

/* @ret is one of those codes, negated. */
bool srec_sys_restart_code(int64_t ret);
/* The call failed: @ret is -4095..-1 (MAX_ERRNO), restart codes included;
 * anything else is a result, addresses above 2^63 too. */
static inline bool srec_sys_failed(int64_t ret)
{
	return ret < 0 && ret >= -4095;
}
/* A signal interrupted the call: -EINTR or a restart code. */
bool srec_sys_interrupted(int64_t ret);

/* ---- Capture (record time) ------------------------------------------- */

/* Reads the tracee's memory for the capture functions. */
struct srec_sys_tracee_mem {
	/* Read up to @len bytes at @addr; bytes read, or -errno. */
	ssize_t (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
	void *ctx;
};

/* A region of tracee memory the recorder must store as a Mem. */
struct srec_sys_region {
	uint8_t arg;   /* argument index it hangs off */
	uint8_t dir;   /* SREC__DIR__IN or SREC__DIR__OUT */
	bool str;      /* NUL-terminated: `len` is the most to read */
	uint64_t addr;
	uint64_t len;
};

/* Called once per region; a non-zero return stops the walk and is
 * returned by the srec_sys_regions_*() call. */
typedef int (*srec_sys_region_fn)(void *ctx, const struct srec_sys_region *r);

/* Facts carried from entry to exit of one call (value-result lengths...). */
struct srec_sys_scratch {
	uint64_t v[4];
};

/*
 * srec_sys_regions_enter - at syscall-entry-stop, name the memory the
 * kernel will read (paths, write buffers, iovec arrays and their data,
 * sockaddrs, in-structs, argv/envp, ...).  Reads indirect structures
 * (iovec arrays, msghdr, pointer arrays) through @mem.
 * @return: 0, or the first non-zero return of @emit.
 */
int srec_sys_regions_enter(unsigned nr, const uint64_t args[6],
			   const struct srec_sys_tracee_mem *mem,
			   struct srec_sys_scratch *scratch,
			   srec_sys_region_fn emit, void *ctx);

/*
 * srec_sys_regions_exit - at syscall-exit-stop, name every byte the kernel
 * wrote into the tracee (read buffers sized by the return value, structs,
 * iovec data, sockaddr and its length, pipe fds, ...).  Emits nothing for
 * a failed call unless the kernel writes even then.
 */
int srec_sys_regions_exit(unsigned nr, const uint64_t args[6], int64_t ret,
			  const struct srec_sys_tracee_mem *mem,
			  const struct srec_sys_scratch *scratch,
			  srec_sys_region_fn emit, void *ctx);

/*
 * srec_sys_in_readable_at_exit - whether region [@addr, @addr + @len),
 * which call @nr(@args) reads, may as well be read at its exit stop, in
 * one go with the memory the call wrote.  True when the call writes some
 * memory, only through OUT arguments, none of which can reach the region
 * (a buffer the result sizes, like read's, counts as reaching up to the
 * top of memory), has no capture rules of its own (futex, prctl, ...:
 * they may write elsewhere) and is no %process call (clone, execve and
 * exit change who runs in the memory, or the memory).  That is enough
 * only if nothing else writes the caller's memory while the call runs
 * (one thread, no shared writable mapping): the caller checks that.
 */
bool srec_sys_in_readable_at_exit(unsigned nr, const uint64_t args[6],
				  uint64_t addr, uint64_t len);

/* ---- Decoding (strace style) ------------------------------------------ */

struct srec_sys_fmt_opts {
	unsigned max_str; /* -s: print at most this many string bytes (32) */
	/* -y: the path behind fd @fd of process @pid at this point, or NULL */
	const char *(*fd_path)(void *ctx, int pid, int fd);
	void *fd_path_ctx;
	int pid;          /* the calling process, for fd_path */
	bool show_pid;    /* srec_sys_format_event: "[pid N] " prefix */
};

/*
 * srec_sys_format_call - append `openat(AT_FDCWD, "/etc/passwd",
 * O_RDONLY|O_CLOEXEC)` for @sc to @out, decoding arguments from the table
 * and the captured memory.  Unknown numbers print as `syscall_456(...)`.
 */
void srec_sys_format_call(const Srec__Syscall *sc,
			  const struct srec_sys_fmt_opts *o,
			  struct srec_buf *out);

/*
 * srec_sys_format_ret - append ` = 3`, ` = -1 ENOENT (No such file or
 * directory)`, ` = 0x7f0000000000` (mmap), or ` = ?` (no return).
 */
void srec_sys_format_ret(const Srec__Syscall *sc, struct srec_buf *out);

/*
 * srec_sys_format_event - one event as a dump line, no newline:
 * "[pid 1234] openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3",
 * "[pid 1234] --- SIGCHLD {si_signo=SIGCHLD, ...} ---",
 * "[pid 1234] +++ exited with 0 +++", "+++ killed by SIGKILL +++".
 * The "[pid N] " prefix (N = Event.tid) is printed when o->show_pid.
 * @return: false for events that have no line of their own (blob, note,
 *          exec and clone, which show through their syscall).
 */
bool srec_sys_format_event(const Srec__Event *ev,
			   const struct srec_sys_fmt_opts *o,
			   struct srec_buf *out);

/* Append a siginfo as strace does: `{si_signo=SIGCHLD, si_code=...}`. */
void srec_sys_format_siginfo(const Srec__Signal *sig, struct srec_buf *out);

/* "ENOENT" for 2, NULL for a number without a name. */
const char *srec_sys_errno_name(int err);
/* 2 for "ENOENT" (or "enoent"); -1 for an unknown name. */
int srec_sys_errno_by_name(const char *name);
/* "SIGCHLD" for 17; NULL for an unknown number. */
const char *srec_sys_signal_name(int sig);
/* 17 for "SIGCHLD" or "CHLD"; -1 if unknown. */
int srec_sys_signal_by_name(const char *name);

/*
 * srec_sys_path_arg - the first path argument of the call as recorded, or
 * NULL (for query's `path` column).  *len gets its length.
 */
const char *srec_sys_path_arg(const Srec__Syscall *sc, size_t *len);
/*
 * srec_sys_fd_arg - the first fd argument (not AT_FDCWD), or -1 if the
 * call takes none (for query's `fd` column).
 */
int srec_sys_fd_arg(const Srec__Syscall *sc);

/* ---- Selecting calls (strace's -e trace=) ----------------------------- */

/* A set of syscall numbers; starts empty (zeroed). */
struct srec_sys_select {
	uint8_t *has;    /* [limit + 1]; the last slot: unknown numbers */
	unsigned limit;  /* srec_sys_nr_limit() when allocated */
};

/*
 * srec_sys_select_add - add strace's -e trace= list @spec to @s: names
 * ("openat"), numbers ("257"), classes ("%file", "%network", ... and the
 * old spellings "file", "network"), "/REGEX" (extended, on names), "all",
 * "none"; "?NAME" may match nothing; "NAME@64" is NAME; a leading '!'
 * selects everything but the list ("!read,write").
 * @bad: on error, set to the first unknown name (points into @spec).
 * @return: 0, or -EINVAL (unknown name, empty list).
 */
int srec_sys_select_add(struct srec_sys_select *s, const char *spec,
			const char **bad, size_t *bad_len);
/* Whether number @nr is in @s. */
bool srec_sys_select_has(const struct srec_sys_select *s, unsigned nr);
void srec_sys_select_free(struct srec_sys_select *s);

/* ---- File descriptors over time (dump -y) ----------------------------- */

struct srec_sys_fdtrack;

/*
 * srec_sys_fdtrack_new - follow which path each fd of each process names,
 * from the trace's own calls (open, socket, pipe, dup, fcntl, close,
 * close_range, exec's close-on-exec, fork), starting from the header's
 * standard streams.  Free with srec_sys_fdtrack_free().
 */
struct srec_sys_fdtrack *srec_sys_fdtrack_new(const Srec__TraceHeader *hdr);
void srec_sys_fdtrack_free(struct srec_sys_fdtrack *t);
/*
 * Feed every event in order: _before() ahead of printing it (fds it
 * creates show in its own line, `= 3</etc/passwd>`), _after() once
 * printed (fds it closes still show in its line).
 */
void srec_sys_fdtrack_before(struct srec_sys_fdtrack *t,
			     const Srec__Event *ev);
void srec_sys_fdtrack_after(struct srec_sys_fdtrack *t,
			    const Srec__Event *ev);
/* The path of fd @fd in process @pid, or NULL; an fd_path callback for
 * struct srec_sys_fmt_opts (@ctx is the tracker). */
const char *srec_sys_fdtrack_path(void *ctx, int pid, int fd);

#endif
