-- Per document, what extraction could not keep: charts whose data were lost (only the caption
-- survived, table gaps), figures the document gives as missing, and lines whose text had to
-- be repaired or lost characters for good.
SELECT s.source_id, s.title, s.terms,
       (SELECT count(*) FROM gaps AS g WHERE g.source_id = s.source_id) AS n_gaps,
       (SELECT count(*) FROM observations AS o
         WHERE o.source_id = s.source_id AND o.qualifier = 'missing') AS n_missing,
       (SELECT count(*) FROM source_lines AS l WHERE l.source_id = s.source_id AND l.repaired) AS n_repaired_lines,
       (SELECT coalesce(sum(l.lost), 0)::BIGINT FROM source_lines AS l WHERE l.source_id = s.source_id) AS n_lost_chars
FROM sources AS s
ORDER BY s.year_published DESC, s.source_id;
