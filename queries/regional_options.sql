-- The regional map's choices: each (indicator, category, unit) of some topics with a published
-- single-year value for at least one region or city in the years, how many regions have one and
-- in which years. Aggregated here, so a page lists them without reading every region's figures.
SELECT
    o.indicator_id, i.name_en AS indicator_en, i.name_ru AS indicator_ru, i.name_kk AS indicator_kk,
    o.category, o.unit,
    count(DISTINCT o.region_code) AS n_regions,
    list_sort(list_distinct(list(o.year_end))) AS years
FROM observations AS o
JOIN indicators AS i USING (indicator_id)
JOIN regions AS r USING (region_code)
WHERE i.topic IN (SELECT unnest($topics))
  AND o.year_end >= $year_from
  AND o.year_start <= $year_to
  AND o.year_start = o.year_end
  AND o.practice_id IS NULL
  AND o.restates IS NULL   -- a restated figure is counted once, as its first statement
  AND o.value IS NOT NULL
  AND r.kind IN (SELECT unnest($kinds))
GROUP BY ALL;
