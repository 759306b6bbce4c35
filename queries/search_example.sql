-- A published figure large enough to show digit grouping in the search page's hint: the latest
-- exact count of volunteers in the country as a whole (the hint names no number of its own).
SELECT value
FROM observations
WHERE indicator_id = 'volunteers_count' AND region_code = $country AND qualifier = 'exact'
  AND category IS NULL AND NOT derived AND value IS NOT NULL
ORDER BY year_end DESC, value DESC, obs_id
LIMIT 1;
