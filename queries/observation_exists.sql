-- Whether an observation id exists (an `?obs=` link is checked one id at a time).
SELECT obs_id FROM observations WHERE obs_id = $obs_id;
