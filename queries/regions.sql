-- Kazakhstan as a whole first, then regions and cities of republican significance, then the
-- pseudo-regions (INT several countries, ZZ place not stated: no coordinates, never on a map).
SELECT region_code, name_en, name_ru, name_kk, kind, lat, lon, created_year, carved_from
FROM regions
ORDER BY kind = 'country' DESC, kind IN ('international', 'unknown'), region_code;
