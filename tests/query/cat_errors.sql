-- traces: good=cat_ok bad=cat_missing
-- The failed open of the missing file, in the bad run only, and the exit
-- codes of both runs.
SELECT e.trace, e.name, e.path, e.errno, p.exit_code
FROM errors e JOIN processes p ON p.trace = e.trace AND p.pid = e.pid
WHERE e.path LIKE '%.txt'
ORDER BY e.trace;
SELECT trace, exit_code, exit_signal FROM processes ORDER BY trace;
