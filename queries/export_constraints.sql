-- Primary and foreign keys of one table, for the data package's Table Schema.
SELECT constraint_type, constraint_column_names AS columns,
       referenced_table, referenced_column_names AS referenced_columns
FROM duckdb_constraints()
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $table
  AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')
ORDER BY constraint_type DESC, constraint_index;
