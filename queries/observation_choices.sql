-- Figures a reader can pick to cite: those in the selected regions ($regions, empty for all) and
-- years, the first $limit of them, plus the one a link asks for ($obs_id) wherever it is.
-- n_selected counts every figure of the selection, so the page can say when the list is cut.
-- The first $limit are found by a top-N on the ids and sort keys alone, then joined to their
-- names: numbering and counting every row with window functions cost seconds at 1,000x data.
WITH candidates AS (
    SELECT o.obs_id, i.topic, o.indicator_id, o.region_code, o.year_start, o.category
    FROM observations AS o
    JOIN indicators AS i USING (indicator_id)
    WHERE ((len($regions) = 0 OR o.region_code IN (SELECT unnest($regions)))
           AND o.year_end >= $year_from AND o.year_start <= $year_to)
       OR o.obs_id = $obs_id
), chosen AS (
    SELECT obs_id FROM (SELECT obs_id FROM candidates
                        ORDER BY topic, indicator_id, region_code, year_start, category NULLS FIRST, obs_id
                        LIMIT $limit)
    UNION
    SELECT obs_id FROM candidates WHERE obs_id = $obs_id
)
SELECT o.obs_id, o.indicator_id,
       i.name_en AS indicator_en, i.name_ru AS indicator_ru, i.name_kk AS indicator_kk,
       o.region_code, r.name_en AS region_en, r.name_ru AS region_ru, r.name_kk AS region_kk,
       o.category, o.value, o.value_high, o.unit, o.qualifier, o.year_start, o.year_end,
       o.source_id, o.line,
       (SELECT count(*) FROM candidates) AS n_selected
FROM chosen
JOIN observations AS o USING (obs_id)
JOIN indicators AS i USING (indicator_id)
JOIN regions AS r USING (region_code)
ORDER BY i.topic, o.indicator_id, o.region_code, o.year_start, o.category NULLS FIRST, o.obs_id;
