-- An organisation's figures: the key numbers of the practices it runs (observations whose
-- practice_id names one of them), with the practice's title.
SELECT o.obs_id, o.practice_id, p.title AS practice_title, o.indicator_id,
       i.name_en AS indicator_en, i.name_ru AS indicator_ru, i.name_kk AS indicator_kk,
       o.region_code, r.name_en AS region_en, r.name_ru AS region_ru, r.name_kk AS region_kk,
       o.category, o.value, o.value_high, o.unit, o.qualifier, o.year_start, o.year_end,
       o.note, o.source_id, s.title AS source_title, o.line, o.quote
FROM observations AS o
JOIN practices AS p ON p.practice_id = o.practice_id
JOIN indicators AS i ON i.indicator_id = o.indicator_id
JOIN regions AS r ON r.region_code = o.region_code
JOIN sources AS s ON s.source_id = o.source_id
WHERE p.org_id = $org_id
  AND o.restates IS NULL   -- a figure the document states again is listed once
ORDER BY p.title, o.line, o.indicator_id, o.obs_id;
