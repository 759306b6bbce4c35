-- What the peer finder (qogam/peers.py) ranks: each practice's themes and target groups with how
-- rare each is in the catalog, its point (city, else its region's centroid), and its region's
-- kind (no point for the country as a whole, INT "several countries" and ZZ "place not stated").
-- Rarity is the inverse document frequency ln(practices / practices having it), counted here
-- from the data, so a theme few practices share (disability) weighs more than a common one
-- (civic_participation); theme_weights / target_weights map each of the row's ids to its weight.
WITH catalog AS (
    SELECT count(*) AS n FROM practices
),
theme_rows AS (
    SELECT practice_id, unnest(themes) AS term FROM practices
),
target_rows AS (
    SELECT practice_id, unnest(target_groups) AS term FROM practices
),
theme_rarity AS (
    SELECT term, ln(any_value(catalog.n) / count(DISTINCT practice_id)) AS weight
    FROM theme_rows, catalog GROUP BY term
),
target_rarity AS (
    SELECT term, ln(any_value(catalog.n) / count(DISTINCT practice_id)) AS weight
    FROM target_rows, catalog GROUP BY term
),
theme_weights AS (
    SELECT practice_id, map_from_entries(list(DISTINCT (term, weight))) AS theme_weights
    FROM theme_rows JOIN theme_rarity USING (term) GROUP BY practice_id
),
target_weights AS (
    SELECT practice_id, map_from_entries(list(DISTINCT (term, weight))) AS target_weights
    FROM target_rows JOIN target_rarity USING (term) GROUP BY practice_id
)
SELECT p.practice_id, p.title, p.themes, p.target_groups, p.region_code,
       r.kind AS region_kind,
       coalesce(tw.theme_weights, MAP {}) AS theme_weights,
       coalesce(gw.target_weights, MAP {}) AS target_weights,
       coalesce(p.lat, CASE WHEN r.kind IN ('region', 'city') THEN r.lat END) AS lat,
       coalesce(p.lon, CASE WHEN r.kind IN ('region', 'city') THEN r.lon END) AS lon
FROM practices AS p
JOIN regions AS r USING (region_code)
LEFT JOIN theme_weights AS tw USING (practice_id)
LEFT JOIN target_weights AS gw USING (practice_id)
ORDER BY p.practice_id;
