-- Span of years with published values: the range of the year filter.
SELECT min(year_start) AS year_min, max(year_end) AS year_max
FROM observations
WHERE value IS NOT NULL AND practice_id IS NULL;
