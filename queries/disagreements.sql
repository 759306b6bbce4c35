-- Every disagreement group with its members: what each says, how it was counted, where it is
-- quoted (the "Where sources disagree" section of the Data & sources page).
SELECT
    d.group_id, d.rule, o.obs_id, o.indicator_id, i.topic,
    i.name_en AS indicator_en, i.name_ru AS indicator_ru, i.name_kk AS indicator_kk,
    o.region_code, r.name_en AS region_en, r.name_ru AS region_ru, r.name_kk AS region_kk,
    o.year_start, o.year_end, o.category, o.value, o.value_high, o.unit, o.qualifier,
    o.basis, b.name_en AS basis_en, b.name_ru AS basis_ru, b.name_kk AS basis_kk,
    o.source_id, s.title AS source_title, s.year_published, o.line, o.quote, o.note
FROM disagreements AS d
JOIN observations AS o USING (obs_id)
JOIN indicators AS i USING (indicator_id)
JOIN regions AS r USING (region_code)
JOIN bases AS b ON b.basis_id = o.basis
JOIN sources AS s USING (source_id)
ORDER BY d.rule DESC, i.topic, d.group_id, s.year_published, o.source_id, o.line, o.category NULLS FIRST;
