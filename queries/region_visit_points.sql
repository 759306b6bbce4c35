-- What the visitors observed and recommended during one region's visits ($region), in the
-- report's order.
SELECT p.visit_id, p.part, p.kind, p.text, p.source_id, p.line, p.end_line
FROM region_visit_points AS p
JOIN region_visits AS v USING (visit_id)
WHERE v.region_code = $region
ORDER BY p.visit_id, p.line;
