-- What the peer finder (qogam/peers.py) ranks: each practice's themes, sub-themes (focus_areas)
-- and target groups with how rare each is in the catalog, its point (city, else its region's
-- centroid), and its region's kind (no point for the country as a whole, INT "several
-- countries" and ZZ "place not stated").
-- Rarity is the inverse document frequency ln(practices / practices having it), counted here
-- from the data per kind of term, so a theme few practices share (disability) weighs more than
-- a common one (civic_participation); theme_weights / subtheme_weights / target_weights map each
-- of the row's ids to its weight.
WITH catalog AS (
    SELECT count(*) AS n FROM practices
),
terms AS (
    SELECT practice_id, 'theme' AS kind, unnest(themes) AS term FROM practices
    UNION ALL
    SELECT practice_id, 'subtheme' AS kind, unnest(focus_areas) AS term FROM practices
    UNION ALL
    SELECT practice_id, 'target' AS kind, unnest(target_groups) AS term FROM practices
),
rarity AS (
    SELECT kind, term, ln(any_value(catalog.n) / count(DISTINCT practice_id)) AS weight
    FROM terms, catalog GROUP BY kind, term
),
weights AS (
    SELECT practice_id, kind, map_from_entries(list(DISTINCT (term, weight))) AS weights
    FROM terms JOIN rarity USING (kind, term) GROUP BY practice_id, kind
)
SELECT p.practice_id, p.title, p.themes, p.focus_areas, p.target_groups, p.region_code,
       r.kind AS region_kind,
       coalesce(tw.weights, MAP {}) AS theme_weights,
       coalesce(sw.weights, MAP {}) AS subtheme_weights,
       coalesce(gw.weights, MAP {}) AS target_weights,
       coalesce(p.lat, CASE WHEN r.kind IN ('region', 'city') THEN r.lat END) AS lat,
       coalesce(p.lon, CASE WHEN r.kind IN ('region', 'city') THEN r.lon END) AS lon
FROM practices AS p
JOIN regions AS r USING (region_code)
LEFT JOIN weights AS tw ON tw.practice_id = p.practice_id AND tw.kind = 'theme'
LEFT JOIN weights AS sw ON sw.practice_id = p.practice_id AND sw.kind = 'subtheme'
LEFT JOIN weights AS gw ON gw.practice_id = p.practice_id AND gw.kind = 'target'
ORDER BY p.practice_id;
