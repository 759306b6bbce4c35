-- The documents the database is built from, as the manifest describes them.
SELECT source_id, title, publisher, year_published, language, data_years, terms,
       file, original_file, sha256, n_lines
FROM sources
ORDER BY year_published, source_id;
