-- What a citation names about a document: title, publisher, year of publication.
SELECT source_id, title, publisher, year_published
FROM sources
WHERE source_id = $source_id;
