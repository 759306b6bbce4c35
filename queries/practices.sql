-- The best-practices catalog with what the explorer shows and cites: the document's title and
-- year, and the organisation's directory name where the practice is linked to one.
SELECT p.practice_id, p.title, p.organization, p.org_id, p.region_code, p.city, p.lat, p.lon,
       p.scope, p.focus_areas, p.target_groups, p.lead, p.year_started, p.summary, p.links,
       p.source_id, p.line, p.profile_line, s.title AS source_title, s.year_published
FROM practices AS p
JOIN sources AS s USING (source_id)
ORDER BY p.title, p.practice_id;
