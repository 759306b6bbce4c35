-- Rows per table of the public data model (what the build loaded).
SELECT 'sources' AS table_name, count(*) AS n_rows FROM sources
UNION ALL SELECT 'regions', count(*) FROM regions
UNION ALL SELECT 'region_aliases', count(*) FROM region_aliases
UNION ALL SELECT 'indicators', count(*) FROM indicators
UNION ALL SELECT 'source_lines', count(*) FROM source_lines
UNION ALL SELECT 'observations', count(*) FROM observations
UNION ALL SELECT 'bases', count(*) FROM bases
UNION ALL SELECT 'disagreements', count(*) FROM disagreements
UNION ALL SELECT 'gaps', count(*) FROM gaps
UNION ALL SELECT 'practices', count(*) FROM practices
UNION ALL SELECT 'practice_mentions', count(*) FROM practice_mentions
UNION ALL SELECT 'organizations', count(*) FROM organizations
UNION ALL SELECT 'organization_mentions', count(*) FROM organization_mentions
UNION ALL SELECT 'mentions', count(*) FROM mentions
UNION ALL SELECT 'build_info', count(*) FROM build_info;
