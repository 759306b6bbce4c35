-- The practices catalog with what the explorer shows and cites: the document's title and year,
-- the organisation's directory name where the practice is linked to one, and every document
-- that describes it (`source_ids`, from practice_mentions: the source facet keeps a practice
-- under each of them).
SELECT p.practice_id, p.title, p.organization, p.org_id, p.region_code, p.city, p.lat, p.lon,
       p.scope, p.themes, p.focus_areas, p.target_groups, p.lead, p.year_started, p.summary, p.links,
       p.source_id, p.line, p.profile_line, s.title AS source_title, s.year_published,
       (SELECT list(DISTINCT m.source_id ORDER BY m.source_id) FROM practice_mentions AS m
        WHERE m.practice_id = p.practice_id) AS source_ids
FROM practices AS p
JOIN sources AS s USING (source_id)
ORDER BY p.title, p.practice_id;
