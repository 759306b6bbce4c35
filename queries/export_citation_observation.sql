-- The passage an observation quotes, with what a citation names: document, publisher, year, line.
SELECT o.source_id, s.title, s.publisher, s.year_published, o.line, o.quote
FROM observations AS o
JOIN sources AS s USING (source_id)
WHERE o.obs_id = $obs_id;
