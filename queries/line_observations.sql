-- The figures quoted from one line of a document (what the viewer's target line is cited for).
SELECT o.obs_id, o.indicator_id,
       i.name_en AS indicator_en, i.name_ru AS indicator_ru, i.name_kk AS indicator_kk,
       o.region_code, r.name_en AS region_en, r.name_ru AS region_ru, r.name_kk AS region_kk,
       o.category, o.value, o.value_high, o.unit, o.qualifier, o.year_start, o.year_end
FROM observations AS o
JOIN indicators AS i USING (indicator_id)
JOIN regions AS r USING (region_code)
WHERE o.source_id = $source_id AND o.line = $line
ORDER BY o.indicator_id, o.region_code, o.year_start, o.category NULLS FIRST, o.obs_id;
