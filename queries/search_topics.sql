-- Topics a sentence can carry in the evidence-search index.
SELECT DISTINCT unnest(topics) AS topic FROM mentions ORDER BY topic;
