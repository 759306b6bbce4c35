-- A practice's key numbers: the figures of its profile (observations with its practice_id).
SELECT o.obs_id, o.indicator_id,
       i.name_en AS indicator_en, i.name_ru AS indicator_ru, i.name_kk AS indicator_kk,
       o.region_code, r.name_en AS region_en, r.name_ru AS region_ru, r.name_kk AS region_kk,
       o.category, o.value, o.value_high, o.unit, o.qualifier, o.year_start, o.year_end,
       o.note, o.source_id, s.title AS source_title, o.line, o.quote
FROM observations AS o
JOIN indicators AS i USING (indicator_id)
JOIN regions AS r USING (region_code)
JOIN sources AS s USING (source_id)
WHERE o.practice_id = $practice_id
  AND o.restates IS NULL   -- a figure the document states again is listed once
ORDER BY o.line, o.indicator_id, o.obs_id;
