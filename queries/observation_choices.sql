-- Figures a reader can pick to cite: those in the selected regions ($regions, empty for all) and
-- years, the first $limit of them, plus the one a link asks for ($obs_id) wherever it is.
-- n_selected counts every figure of the selection, so the page can say when the list is cut.
SELECT o.obs_id, o.indicator_id,
       i.name_en AS indicator_en, i.name_ru AS indicator_ru, i.name_kk AS indicator_kk,
       o.region_code, r.name_en AS region_en, r.name_ru AS region_ru, r.name_kk AS region_kk,
       o.category, o.value, o.value_high, o.unit, o.qualifier, o.year_start, o.year_end,
       o.source_id, o.line,
       count(*) OVER () AS n_selected
FROM observations AS o
JOIN indicators AS i USING (indicator_id)
JOIN regions AS r USING (region_code)
WHERE ((len($regions) = 0 OR o.region_code IN (SELECT unnest($regions)))
       AND o.year_end >= $year_from AND o.year_start <= $year_to)
   OR o.obs_id = $obs_id
QUALIFY row_number() OVER (ORDER BY i.topic, o.indicator_id, o.region_code, o.year_start,
                                     o.category NULLS FIRST, o.obs_id) <= $limit
     OR o.obs_id = $obs_id
ORDER BY i.topic, o.indicator_id, o.region_code, o.year_start, o.category NULLS FIRST, o.obs_id;
