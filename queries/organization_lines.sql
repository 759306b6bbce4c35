-- Where one organisation ($org_id) is named: document, line, the spelling used and the line's text.
SELECT m.source_id, s.title AS source_title, s.year_published, m.line, m.alias, l.text
FROM organization_mentions AS m
JOIN sources AS s USING (source_id)
JOIN source_lines AS l ON l.source_id = m.source_id AND l.line = m.line
WHERE m.org_id = $org_id
ORDER BY s.year_published DESC, m.source_id, m.line, m.alias;
