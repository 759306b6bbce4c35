-- The digits of published numbers as `conventions.formatting.format_value` writes them in English
-- (`qogam.labels` swaps the marks for other languages), for a frame `numbers` (position, n, money, whole)
-- registered on a private in-memory connection, in the order of `position`. Money of at least $t1/$t2/$t3 is divided by it
-- ("2.6 billion"; `divisor` says by which), with no decimals when that is whole and one otherwise;
-- whole units get no decimals; other numbers none when whole, one from 1 up, two below 1.
-- fmt rounds the exact binary value half to even, as Python's format does.
SELECT
    CASE WHEN n IS NULL OR isnan(n) THEN NULL
         ELSE format('{:,.{}f}', n / divisor,
                     CASE WHEN divisor > 1 THEN (CASE WHEN n / divisor = floor(n / divisor) THEN 0 ELSE 1 END)
                          WHEN whole OR n = floor(n) THEN 0
                          WHEN abs(n) >= 1 THEN 1
                          ELSE 2 END)
    END AS digits,
    divisor
FROM (
    SELECT n, whole,
           CASE WHEN money AND abs(n) >= $t1 THEN $t1
                WHEN money AND abs(n) >= $t2 THEN $t2
                WHEN money AND abs(n) >= $t3 THEN $t3
                ELSE 1.0 END AS divisor,
           position
    FROM numbers
)
ORDER BY position;
