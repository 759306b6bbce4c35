-- Every term each facet of the practices catalog can offer, as (facet column, term): the terms
-- that occur in some practice of `queries/practices.sql` (the same join to sources), aggregated
-- here once per database instead of exploding every practice's lists on each rerun (issue 17).
SELECT DISTINCT 'themes' AS facet, unnest(p.themes) AS term FROM practices AS p JOIN sources USING (source_id)
UNION ALL
SELECT DISTINCT 'focus_areas', unnest(p.focus_areas) FROM practices AS p JOIN sources USING (source_id)
UNION ALL
SELECT DISTINCT 'target_groups', unnest(p.target_groups) FROM practices AS p JOIN sources USING (source_id)
UNION ALL
SELECT DISTINCT 'scope', p.scope FROM practices AS p JOIN sources USING (source_id)
UNION ALL
SELECT DISTINCT 'source_ids', m.source_id
FROM practices AS p JOIN sources USING (source_id) JOIN practice_mentions AS m USING (practice_id)
ORDER BY facet, term;
