-- Charts whose data were lost in extraction (only the caption survived), by topic.
SELECT g.source_id, s.title AS source_title, g.line, g.caption, g.topic, g.would_show
FROM gaps AS g
JOIN sources AS s USING (source_id)
WHERE g.topic IN (SELECT unnest($topics))
ORDER BY g.source_id, g.line;
