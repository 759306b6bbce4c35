-- Every indicator's names in the three languages, and its unit.
SELECT indicator_id, name_en, name_ru, name_kk, unit
FROM indicators
ORDER BY indicator_id;
