-- The documents' own estimates of how much of the real activity their figures cover
-- (indicator $indicator), with the passage that says so: the first caveat of every download.
SELECT o.year_start, o.year_end, o.category, o.value, o.value_high, o.unit, o.qualifier,
       o.note, o.source_id, s.title, o.line, o.quote
FROM observations AS o
JOIN sources AS s USING (source_id)
WHERE o.indicator_id = $indicator
ORDER BY s.year_published DESC, o.source_id, o.line;
