-- Evidence search over `mentions`: every term of $terms (normalised like `search_text`, by
-- etl.mentions.normalise_for_search) must occur in the sentence. Empty lists mean "any".
-- A mention's years are the years written in it (four-digit 1950-2049); a mention that writes
-- none takes the span of its document's data years (`sources.data_years`, e.g. 2021-2023).
WITH candidates AS (
    SELECT
        m.source_id, m.line, m.text, m.lang, m.topics, m.region_codes,
        s.title AS source_title, s.year_published,
        list_transform(regexp_extract_all(m.text, '\b(19[5-9][0-9]|20[0-4][0-9])\b', 1),
                       lambda y: y::INTEGER) AS written_years,
        list_transform(regexp_extract_all(s.data_years, '[0-9]{4}'), lambda y: y::INTEGER) AS data_years
    FROM mentions AS m
    JOIN sources AS s USING (source_id)
    WHERE (len($terms) = 0 OR list_bool_and(list_transform($terms, lambda t: contains(m.search_text, t))))
      AND (len($sources) = 0 OR m.source_id IN (SELECT unnest($sources)))
      AND (len($topics) = 0 OR list_has_any(m.topics, $topics))
      AND (len($regions) = 0 OR list_has_any(m.region_codes, $regions))
)
SELECT source_id, line, text, lang, topics, region_codes, source_title, year_published
FROM candidates
WHERE ($year_from IS NULL AND $year_to IS NULL)
   OR CASE WHEN len(written_years) > 0
           THEN len(list_filter(written_years,
                    lambda y: y >= coalesce($year_from, y) AND y <= coalesce($year_to, y))) > 0
           ELSE list_max(data_years) >= coalesce($year_from, list_max(data_years))
                AND list_min(data_years) <= coalesce($year_to, list_min(data_years))
      END
ORDER BY year_published DESC, source_id, line;
