-- Published figures and lost charts per document.
SELECT s.source_id,
       (SELECT count(*) FROM observations AS o WHERE o.source_id = s.source_id) AS n_observations,
       (SELECT count(*) FROM observations AS o
         WHERE o.source_id = s.source_id AND o.qualifier = 'missing') AS n_missing,
       (SELECT count(*) FROM gaps AS g WHERE g.source_id = s.source_id) AS n_gaps,
       (SELECT count(*) FROM practices AS p WHERE p.source_id = s.source_id) AS n_practices
FROM sources AS s
ORDER BY s.year_published, s.source_id;
