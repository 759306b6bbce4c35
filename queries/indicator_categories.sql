-- The breakdown categories an indicator is published with in a year range (e.g. the areas of
-- activity), without reading its figures.
SELECT DISTINCT category
FROM observations
WHERE indicator_id = $indicator_id
  AND category IS NOT NULL
  AND year_end >= $year_from
  AND year_start <= $year_to
  AND practice_id IS NULL
  AND restates IS NULL     -- a restated figure is counted once, as its first statement
ORDER BY category;
