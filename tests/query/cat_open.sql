-- traces: ok=cat_ok
-- cat opens its argument once, reads it to the end, writes it out and
-- closes it.  fd_path names what each fd was (made absolute from the
-- cwd), whatever its number.
SELECT name, path, replace(fd_path, rtrim(fd_path, 'in.txt'), '') AS file,
	CASE WHEN name = 'openat' THEN ret >= 0 ELSE ret END AS ret, errno
FROM syscalls
WHERE path = 'in.txt'
   OR (fd_path LIKE '%/in.txt' AND name IN ('read', 'close'))
   OR (fd = 1 AND name = 'write')
ORDER BY seq;
