-- The (table, column) pairs of the attached database, compared with etl/schema.sql on opening.
SELECT table_name, column_name FROM information_schema.columns
WHERE table_catalog = current_database();
