-- traces: ok=cat_ok
-- What cat read from the file and wrote to stdout, from the buffers.
SELECT s.name, b.dir, b.len, CAST(b.data AS TEXT) AS text
FROM buffers b JOIN syscalls s ON s.trace = b.trace AND s.seq = b.seq
WHERE (s.name = 'read' AND s.fd_path LIKE '%/in.txt' AND s.ret > 0)
   OR (s.name = 'write' AND s.fd = 1)
ORDER BY b.seq;
