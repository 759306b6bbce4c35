-- Every observation id (what a `?obs=` link may name).
SELECT obs_id FROM observations ORDER BY obs_id;
