-- SPDX-License-Identifier: MIT
--
-- query.sql - the SQLite schema of `srec query` (printed by
-- `srec query --schema`).
--
-- srec builds its database by executing this very text, so what you read
-- here is what you query.  Every table and view of the trace carries a
-- `trace` column first: the file name without ".srec", or NAME when the
-- trace was given as NAME=FILE, so a good run and a bad run compare in
-- one query (systable and file_ops are reference data, not per trace).
--
-- Conventions: times are nanoseconds of trace time (0 = when recording
-- started); `seq` is the event number of `srec dump`; a NULL means "not
-- applicable" or "not recorded".  Registers are stored as signed 64-bit
-- integers (SQLite has no unsigned type): pointers above 2^63 read
-- negative.  Paths are as the program passed them (relative ones are
-- relative to its cwd or dirfd).
--
-- Example: the paths that failed with ENOENT, most frequent first:
--   SELECT path, count(*) FROM syscalls WHERE errno = 'ENOENT'
--   GROUP BY path ORDER BY 2 DESC;

-- One row per trace.
CREATE TABLE traces (
	trace TEXT NOT NULL,     -- the trace's name (see above)
	file TEXT,               -- the trace file, as given on the command line
	size INTEGER,            -- its size in bytes when loaded
	mtime_ns INTEGER,        -- its modification time when loaded
	head_hash INTEGER,       -- XXH64 of its first and last 4 KiB
	command TEXT,            -- the recorded command line (PROG ARG...)
	cwd TEXT,                -- srec's cwd when recording started
	hostname TEXT,           -- where it was recorded
	kernel TEXT,             -- uname -r of that machine
	start_realtime_ns INTEGER, -- wall-clock time of trace time 0
	exit_status INTEGER,     -- srec record's exit status; NULL if unknown
	events INTEGER,          -- intact events loaded
	damage TEXT              -- what could not be read; NULL if intact
);

-- One row per syscall, in recorded order.
CREATE TABLE syscalls (
	trace TEXT NOT NULL,     -- the trace's name
	seq INTEGER NOT NULL,    -- event number
	pid INTEGER,             -- process (thread group) id
	tid INTEGER,             -- thread id
	nr INTEGER,              -- syscall number (x86_64)
	name TEXT,               -- 'openat'; 'syscall_N' for unknown numbers
	arg0 INTEGER,            -- first argument register
	arg1 INTEGER,            -- second argument register
	arg2 INTEGER,            -- third argument register
	arg3 INTEGER,            -- fourth argument register
	arg4 INTEGER,            -- fifth argument register
	arg5 INTEGER,            -- sixth argument register
	ret INTEGER,             -- return value (-errno on failure); NULL
				 -- when the call never returned
	errno TEXT,              -- 'ENOENT' when the call failed, else NULL
	t_enter_ns INTEGER,      -- trace time of entry
	t_exit_ns INTEGER,       -- trace time of exit; NULL if no return
	dur_ns INTEGER,          -- t_exit_ns - t_enter_ns
	path TEXT,               -- first path argument, if the call takes one
	fd INTEGER,              -- first fd argument (not AT_FDCWD), if any
	fd_path TEXT,            -- what `fd` named at that point, as dump -y
				 -- shows it (from the trace's own calls)
	args TEXT,               -- the arguments decoded as strace prints them
				 -- between the parentheses
	result TEXT,             -- the return value decoded: '3',
				 -- '-1 ENOENT (No such file or directory)'
	no_return INTEGER,       -- 1 if the call never returned (exit, exec)
	forced INTEGER,          -- 1 if srec changed the outcome to make the
				 -- run replayable (rseq)
	injected INTEGER         -- 1 if a record -e inject= rule hit the call:
				 -- its result replaced (`result` then ends
				 -- in '(INJECTED)'), or a signal or delay
				 -- came with it; else 0
);

-- The memory each syscall read (dir 'in') or wrote (dir 'out').
CREATE TABLE buffers (
	trace TEXT NOT NULL,     -- the trace's name
	seq INTEGER NOT NULL,    -- the syscall's event number (syscalls.seq)
	arg INTEGER,             -- index (0-5) of the argument it hangs off
	dir TEXT,                -- 'in': read by the kernel; 'out': written
	addr INTEGER,            -- address in the tracee
	len INTEGER,             -- length of the region in the tracee
	data BLOB,               -- the bytes kept: len bytes, or fewer when
				 -- capped by record -s or partly unreadable;
				 -- NULL when stored as a blob
	blob BLOB,               -- 16-byte content hash of a blobs row
				 -- (file-backed mmap contents), else NULL
	fault INTEGER,           -- 1 if the tracee's memory was not readable
	str INTEGER              -- 1 for a NUL-terminated string (NUL not kept)
);

-- Content stored once and referenced by hash (buffers.blob).
CREATE TABLE blobs (
	trace TEXT NOT NULL,     -- the trace's name
	seq INTEGER NOT NULL,    -- event number
	hash BLOB,               -- 16-byte srec_hash128 of data
	len INTEGER,             -- length of data
	data BLOB                -- the content
);

-- One row per process (thread group).
CREATE TABLE processes (
	trace TEXT NOT NULL,     -- the trace's name
	pid INTEGER NOT NULL,    -- process id
	ppid INTEGER,            -- the process that created it; NULL for the
				 -- recorded program itself
	exe TEXT,                -- executable after its last exec (inherited
				 -- from the parent if it never exec'd)
	argv TEXT,               -- its arguments, joined by spaces and quoted
				 -- like a shell where needed
	cwd TEXT,                -- cwd at its last exec (or its parent's)
	exit_code INTEGER,       -- exit status if it exited, else NULL
	exit_signal TEXT,        -- 'SIGKILL' if a signal killed it, else NULL
	core_dumped INTEGER,     -- 1 if it dumped core
	first_seq INTEGER,       -- its first event
	last_seq INTEGER,        -- its last event
	execs INTEGER            -- how many times it exec'd
);

-- One row per thread.
CREATE TABLE threads (
	trace TEXT NOT NULL,     -- the trace's name
	pid INTEGER,             -- its process
	tid INTEGER NOT NULL,    -- thread id
	first_seq INTEGER,       -- its first event
	last_seq INTEGER,        -- its last event
	syscalls INTEGER,        -- syscalls it made
	exit_code INTEGER,       -- exit status if it ended by exiting
	exit_signal TEXT         -- 'SIGKILL' if a signal ended it
);

-- One row per successful exec.
CREATE TABLE execs (
	trace TEXT NOT NULL,     -- the trace's name
	seq INTEGER NOT NULL,    -- event number
	pid INTEGER,             -- process id
	tid INTEGER,             -- thread that exec'd (after the exec)
	exe TEXT,                -- the executable (readlink /proc/PID/exe)
	argv TEXT,               -- arguments, joined and quoted like a shell
	env TEXT,                -- environment as a JSON array of "NAME=value"
				 -- (use json_each(env)); "NAME" alone when
				 -- recorded with --no-env
	cwd TEXT                 -- working directory
);

-- One row per fork, vfork and clone.
CREATE TABLE clones (
	trace TEXT NOT NULL,     -- the trace's name
	seq INTEGER NOT NULL,    -- event number
	pid INTEGER,             -- the parent process
	tid INTEGER,             -- the parent thread
	kind TEXT,               -- 'fork', 'vfork' or 'clone'
	flags INTEGER,           -- clone flags (CLONE_THREAD = 65536, ...)
	child_pid INTEGER,       -- the new process (or the parent's, for a
				 -- thread)
	child_tid INTEGER        -- the new thread
);

-- One row per signal delivered.
CREATE TABLE signals (
	trace TEXT NOT NULL,     -- the trace's name
	seq INTEGER NOT NULL,    -- event number
	pid INTEGER,             -- process it was delivered to
	tid INTEGER,             -- thread it was delivered to
	signo INTEGER,           -- signal number
	name TEXT,               -- 'SIGCHLD'
	code INTEGER,            -- si_code
	sender_pid INTEGER,      -- si_pid
	sender_uid INTEGER,      -- si_uid
	addr INTEGER,            -- si_addr (faults)
	status INTEGER,          -- si_status (SIGCHLD)
	info TEXT                -- decoded as strace prints it
);

-- Remarks srec left in the trace.
CREATE TABLE notes (
	trace TEXT NOT NULL,     -- the trace's name
	seq INTEGER NOT NULL,    -- event number
	pid INTEGER,             -- process concerned
	tid INTEGER,             -- thread concerned
	text TEXT                -- the remark
);

-- srec's syscall table (arch/x86_64/syscalls.tbl), one row per number.
CREATE TABLE systable (
	nr INTEGER PRIMARY KEY,  -- syscall number
	name TEXT,               -- syscall name
	nargs INTEGER,           -- how many arguments it takes
	classes TEXT,            -- strace classes: 'file,desc', ...
	returns_fd INTEGER,      -- 1 if its return value is a new fd
	replay TEXT              -- 'emulate' or 'execute' under srec replay
);

-- How each file syscall touches its path, for the `files` view.
CREATE TABLE file_ops (
	name TEXT PRIMARY KEY,   -- syscall name
	how TEXT                 -- 'open', 'stat', 'exec', 'unlink', ...
);
INSERT INTO file_ops VALUES
	('open', 'open'), ('openat', 'open'), ('openat2', 'open'),
	('creat', 'create'), ('mknod', 'create'), ('mknodat', 'create'),
	('stat', 'stat'), ('lstat', 'stat'), ('newfstatat', 'stat'),
	('statx', 'stat'), ('statfs', 'stat'), ('access', 'stat'),
	('faccessat', 'stat'), ('faccessat2', 'stat'),
	('readlink', 'readlink'), ('readlinkat', 'readlink'),
	('execve', 'exec'), ('execveat', 'exec'),
	('unlink', 'unlink'), ('unlinkat', 'unlink'), ('rmdir', 'unlink'),
	('mkdir', 'mkdir'), ('mkdirat', 'mkdir'),
	('rename', 'rename'), ('renameat', 'rename'),
	('renameat2', 'rename'),
	('link', 'link'), ('linkat', 'link'), ('symlink', 'link'),
	('symlinkat', 'link'),
	('chdir', 'chdir'), ('chroot', 'chdir'),
	('chmod', 'chmod'), ('fchmodat', 'chmod'), ('chown', 'chmod'),
	('lchown', 'chmod'), ('fchownat', 'chmod'),
	('truncate', 'write'), ('utime', 'touch'), ('utimes', 'touch'),
	('utimensat', 'touch'), ('futimesat', 'touch'),
	('getxattr', 'xattr'), ('lgetxattr', 'xattr'),
	('setxattr', 'xattr'), ('lsetxattr', 'xattr'),
	('listxattr', 'xattr'), ('llistxattr', 'xattr'),
	('removexattr', 'xattr'), ('lremovexattr', 'xattr'),
	('mount', 'mount'), ('umount2', 'mount'),
	('inotify_add_watch', 'watch'), ('fanotify_mark', 'watch');

-- The failed calls (columns as in syscalls).
CREATE VIEW errors AS
SELECT trace,
	seq,                                 -- event number
	pid,                                 -- process
	tid,                                 -- thread
	name,                                -- syscall name
	errno,                               -- 'ENOENT', ...
	path,                                -- first path argument
	fd,                                  -- first fd argument
	fd_path,                             -- what that fd named
	args                                 -- the arguments, decoded
FROM syscalls
WHERE errno IS NOT NULL;

-- Per syscall name, like strace -c.
CREATE VIEW summary AS
SELECT trace,
	name,                                -- syscall name
	count(*) AS calls,                   -- how many calls
	count(errno) AS errors,              -- how many failed
	sum(dur_ns) AS total_ns,             -- time spent in them
	round(100.0 * sum(dur_ns) / nullif(sum(sum(dur_ns))
		OVER (PARTITION BY trace), 0), 2) AS pct_time,
					     -- % of the trace's syscall time
	CAST(avg(dur_ns) AS INTEGER) AS avg_ns, -- mean time per call
	max(dur_ns) AS max_ns                -- slowest call
FROM syscalls
GROUP BY trace, name;

-- Every path touched, grouped by how it was touched.
CREATE VIEW files AS
SELECT s.trace,
	s.path,                              -- the path, as passed
	coalesce(o.how, s.name) AS how,      -- 'open', 'stat', 'exec', ...
	count(*) AS calls,                   -- calls that touched it so
	count(*) - count(s.errno) AS ok,     -- ... that succeeded
	count(s.errno) AS failed,            -- ... that failed
	group_concat(DISTINCT s.errno) AS errnos, -- why they failed
	min(s.seq) AS first_seq              -- the first such call
FROM syscalls s LEFT JOIN file_ops o ON o.name = s.name
WHERE s.path IS NOT NULL AND s.path <> ''  -- fstatat(fd, "") names no file
GROUP BY s.trace, s.path, how;

-- Every file descriptor a call returned, and the call that closed it.
-- `path` is the path opened, or what the duplicated fd named; NULL for
-- sockets, pipes and the like.  closed_seq is NULL if it stayed open.
CREATE VIEW fds AS
SELECT o.trace,
	o.pid,                               -- the process
	o.ret AS fd,                         -- the descriptor
	coalesce(o.path, o.fd_path) AS path, -- what it names
	o.name AS opened_by,                 -- 'openat', 'socket', 'dup', ...
	o.seq AS opened_seq,                 -- the call that returned it
	(SELECT min(c.seq) FROM syscalls c
	 WHERE c.trace = o.trace AND c.pid = o.pid AND c.fd = o.ret
	   AND c.seq > o.seq AND c.name = 'close') AS closed_seq
					     -- the close() of it
FROM syscalls o
WHERE o.ret >= 0 AND o.nr IN (SELECT nr FROM systable WHERE returns_fd);

-- @indexes: built once the rows are in (faster than indexing each row).
-- Few and narrow, as each costs load time: syscalls are stored in seq
-- order already; buffers are found by their call's seq; the fds view
-- looks for the close() of each fd.
CREATE INDEX buffers_seq ON buffers(seq);
CREATE INDEX syscalls_close ON syscalls(pid, fd, seq) WHERE name = 'close';
