-- Text repair per document: lines whose font-shifted runs were decoded, and characters lost for
-- good (shown as ␣), with the first repaired line so the viewer can open there.
SELECT s.source_id, s.title AS source_title, s.year_published, count(*) AS n_lines,
       count(*) FILTER (WHERE l.repaired) AS n_repaired_lines,
       count(*) FILTER (WHERE l.lost > 0) AS n_lines_with_loss,
       coalesce(sum(l.lost), 0)::BIGINT AS n_lost_chars,
       min(l.line) FILTER (WHERE l.repaired) AS first_repaired_line
FROM sources AS s
JOIN source_lines AS l USING (source_id)
GROUP BY ALL
ORDER BY s.year_published, s.source_id;
