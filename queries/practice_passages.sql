-- Every passage that describes a practice (practice_mentions), with its document and the text
-- of its first line: newest document first, then in reading order.
SELECT m.source_id, s.title AS source_title, s.year_published, m.line, m.end_line, m.role, l.text
FROM practice_mentions AS m
JOIN sources AS s USING (source_id)
JOIN source_lines AS l ON l.source_id = m.source_id AND l.line = m.line
WHERE m.practice_id = $practice_id
ORDER BY s.year_published DESC, m.source_id, m.line;
