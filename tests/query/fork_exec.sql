-- traces: run=fork_exec
-- samples/fork_exec: a fork whose child fails one exec then runs true, a
-- vfork whose child re-execs the sample and exits 3.
SELECT CASE WHEN ppid IS NULL THEN 'root' ELSE argv END AS who,
	ppid = (SELECT pid FROM processes WHERE ppid IS NULL) AS of_root,
	exit_code, exit_signal, execs
FROM processes ORDER BY first_seq;
SELECT name, path, errno FROM errors WHERE name = 'execve';
SELECT kind, count(*) AS n FROM clones GROUP BY kind ORDER BY kind;
SELECT name, calls, errors FROM summary
WHERE name IN ('execve', 'wait4', 'vfork', 'clone') ORDER BY name;
