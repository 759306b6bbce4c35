-- The paragraph around each line matching $pattern (RE2 syntax): from the line after the
-- previous blank line to the line before the next one, at most $reach lines either side.
WITH hits AS (
    SELECT source_id, line
    FROM source_lines
    WHERE regexp_matches(text, $pattern)
),
spans AS (
    SELECT
        h.source_id, h.line AS match_line,
        coalesce((SELECT max(b.line) FROM source_lines AS b
                  WHERE b.source_id = h.source_id AND b.line < h.line
                    AND b.line >= h.line - $reach AND trim(b.text) = ''),
                 h.line - $reach - 1) + 1 AS first_line,
        coalesce((SELECT min(b.line) FROM source_lines AS b
                  WHERE b.source_id = h.source_id AND b.line > h.line
                    AND b.line <= h.line + $reach AND trim(b.text) = ''),
                 h.line + $reach + 1) - 1 AS last_line
    FROM hits AS h
)
SELECT
    sp.source_id, s.title AS source_title, s.language, s.year_published, sp.match_line, sp.first_line, sp.last_line,
    string_agg(trim(l.text), ' ' ORDER BY l.line) AS paragraph
FROM spans AS sp
JOIN source_lines AS l
  ON l.source_id = sp.source_id AND l.line BETWEEN sp.first_line AND sp.last_line
JOIN sources AS s ON s.source_id = sp.source_id
GROUP BY ALL
ORDER BY s.year_published, sp.source_id, sp.match_line;
