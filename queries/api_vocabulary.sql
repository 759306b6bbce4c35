-- The ids an API request may name, by parameter: region codes, indicator ids, source ids.
SELECT 'region' AS parameter, region_code AS id FROM regions
UNION ALL
SELECT 'indicator', indicator_id FROM indicators
UNION ALL
SELECT 'source', source_id FROM sources
ORDER BY parameter, id;
