-- Published figures of some topics overlapping a year range, with the names and the
-- citation (document title, line, verbatim quote) every chart and metric shows.
-- $regions empty means every region (the regional map's figures); otherwise only those regions,
-- so that a page reads the figures it shows and not the whole table.
SELECT
    o.obs_id, o.indicator_id, i.topic,
    i.name_en AS indicator_en, i.name_ru AS indicator_ru, i.name_kk AS indicator_kk,
    o.region_code, r.kind AS region_kind,
    r.name_en AS region_en, r.name_ru AS region_ru, r.name_kk AS region_kk,
    o.year_start, o.year_end, o.category, o.value, o.value_high, o.unit, o.qualifier,
    o.source_id, s.title AS source_title, s.year_published, o.line, o.quote,
    o.derived, o.method, o.note,
    o.basis, b.name_en AS basis_en, b.name_ru AS basis_ru, b.name_kk AS basis_kk,
    d.disagreement
FROM observations AS o
JOIN indicators AS i USING (indicator_id)
JOIN regions AS r USING (region_code)
JOIN sources AS s USING (source_id)
JOIN bases AS b ON b.basis_id = o.basis
-- The disagreement group of a figure (rule `values` first): the pages mark it and show the others.
LEFT JOIN (SELECT obs_id, max(group_id) AS disagreement FROM disagreements GROUP BY obs_id) AS d USING (obs_id)
WHERE i.topic IN (SELECT unnest($topics))
  AND o.year_end >= $year_from
  AND o.year_start <= $year_to
  AND o.practice_id IS NULL
  AND (len($regions) = 0 OR o.region_code IN (SELECT unnest($regions)))
  -- Given $indicator_id: that indicator's figures of one category ($category NULL: the totals)
  -- for the single year $year only (what the regional map chooses each region's value from).
  AND ($indicator_id IS NULL OR (o.indicator_id = $indicator_id AND o.category IS NOT DISTINCT FROM $category
                                 AND o.year_start = $year AND o.year_end = $year))
  AND o.restates IS NULL   -- a restated figure is counted once, as its first statement
ORDER BY o.indicator_id, o.region_code, o.year_start, o.year_end, o.category NULLS FIRST,
         s.year_published DESC, o.source_id, o.line;
