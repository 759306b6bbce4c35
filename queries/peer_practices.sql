-- What the peer finder (qogam/peers.py) ranks: each practice's themes and target groups, its
-- point (city, else its region's centroid), and its region's kind and centroid (NULL for the
-- country as a whole, INT "several countries" and ZZ "place not stated": no distance to them).
SELECT p.practice_id, p.title, p.themes, p.focus_areas, p.target_groups, p.scope, p.region_code,
       r.kind AS region_kind,
       CASE WHEN r.kind IN ('region', 'city') THEN r.lat END AS region_lat,
       CASE WHEN r.kind IN ('region', 'city') THEN r.lon END AS region_lon,
       coalesce(p.lat, CASE WHEN r.kind IN ('region', 'city') THEN r.lat END) AS lat,
       coalesce(p.lon, CASE WHEN r.kind IN ('region', 'city') THEN r.lon END) AS lon
FROM practices AS p
JOIN regions AS r USING (region_code)
ORDER BY p.practice_id;
