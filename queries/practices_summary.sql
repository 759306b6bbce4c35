-- Best practices catalogued per document, in one region ($region) or all ('KZ'), for documents
-- published within the year range: how many, and the first catalogue entry as the citation.
WITH per_source AS (
    SELECT source_id, count(*) AS n_practices, min(line) AS first_line
    FROM practices
    WHERE $region = 'KZ' OR region_code = $region
    GROUP BY source_id
)
SELECT p.source_id, s.title AS source_title, s.year_published, p.n_practices,
       p.first_line, l.text AS quote
FROM per_source AS p
JOIN sources AS s USING (source_id)
JOIN source_lines AS l ON l.source_id = p.source_id AND l.line = p.first_line
WHERE s.year_published BETWEEN $year_from AND $year_to
ORDER BY s.year_published DESC, p.source_id;
