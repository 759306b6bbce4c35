-- The organisation directory, with how often each is named across the documents.
SELECT o.org_id, o.name, o.name_ru, o.abbreviation, o.kind, o.region_code, o.city, o.founded,
       o.focus, o.website,
       count(m.line) AS n_mentions, count(DISTINCT m.source_id) AS n_documents
FROM organizations AS o
LEFT JOIN organization_mentions AS m USING (org_id)
GROUP BY ALL
ORDER BY n_mentions DESC, o.name, o.org_id;
