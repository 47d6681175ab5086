-- traces: ok=cat_ok
-- The fd of the input file: opened, then closed; one thread in all.
SELECT path, opened_by, closed_seq > opened_seq AS closed
FROM fds WHERE path = 'in.txt';
SELECT count(*) AS threads FROM threads;
