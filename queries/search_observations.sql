-- Published figures passing the evidence-search filters (empty lists mean "any"); the text
-- match on `quote` happens in qogam/search.py, with the same normalisation as mentions.
SELECT
    o.obs_id, o.indicator_id, o.source_id, o.line, o.quote AS text, s.language AS lang,
    [i.topic] AS topics, [o.region_code] AS region_codes,
    s.title AS source_title, s.year_published
FROM observations AS o
JOIN indicators AS i USING (indicator_id)
JOIN sources AS s USING (source_id)
WHERE (len($sources) = 0 OR o.source_id IN (SELECT unnest($sources)))
  AND (len($topics) = 0 OR i.topic IN (SELECT unnest($topics)))
  AND (len($regions) = 0 OR o.region_code IN (SELECT unnest($regions)))
  AND o.year_end >= coalesce($year_from, o.year_end)
  AND o.year_start <= coalesce($year_to, o.year_start)
ORDER BY s.year_published DESC, o.source_id, o.line, o.obs_id;
