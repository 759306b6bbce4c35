-- Columns of one table of the data model, in table order: what exports, the data package's
-- Table Schema and the filter whitelist are built from.
SELECT column_name, data_type, is_nullable
FROM information_schema.columns
WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = $table
ORDER BY ordinal_position;
