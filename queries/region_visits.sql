-- The national team's visits to one region ($region): when, whom it met, where the report has
-- them, newest document first.
SELECT v.visit_id, v.region_code, v.source_id, s.title AS source_title, s.year_published, v.line, v.end_line,
       v.heading, v.visit_date, v.dates, v.met
FROM region_visits AS v
JOIN sources AS s USING (source_id)
WHERE v.region_code = $region
ORDER BY s.year_published DESC, v.source_id, v.line;
