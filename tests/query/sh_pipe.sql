-- traces: run=sh_pipe
-- A shell pipeline: three processes, paired by parent, all exit 0, and
-- the pipe between cat and wc.
SELECT p.argv, p.exit_code, q.argv AS parent
FROM processes p LEFT JOIN processes q ON q.trace = p.trace
	AND q.pid = p.ppid
ORDER BY p.argv;
SELECT count(*) >= 1 AS sigchld FROM signals WHERE name = 'SIGCHLD';
SELECT CAST(b.data AS TEXT) AS wc_says
FROM syscalls s JOIN buffers b ON b.trace = s.trace AND b.seq = s.seq
JOIN processes p ON p.trace = s.trace AND p.pid = s.pid
WHERE s.name = 'write' AND s.fd = 1 AND p.argv = 'wc -l';
