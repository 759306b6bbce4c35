-- Kazakhstan as a whole first, then regions and cities of republican significance.
SELECT region_code, name_en, name_ru, name_kk, kind, lat, lon, created_year, carved_from
FROM regions
ORDER BY kind = 'country' DESC, region_code;
