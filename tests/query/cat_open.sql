-- traces: ok=cat_ok
-- cat opens its argument once, reads it to the end and writes it out.
SELECT s.name, s.path, s.fd, s.ret, s.errno
FROM syscalls s
WHERE s.path = 'in.txt' OR (s.fd = 3 AND s.name IN ('read', 'close'))
   OR (s.fd = 1 AND s.name = 'write')
ORDER BY s.seq;
