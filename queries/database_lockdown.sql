-- Whether the open DuckDB instance already forbids file access with its configuration locked
-- (true when another connection in this process locked it first).
SELECT bool_and(CASE name WHEN 'enable_external_access' THEN value = 'false'
                          WHEN 'lock_configuration' THEN value = 'true' END) AS locked_down,
       bool_or(name = 'lock_configuration' AND value = 'true') AS locked
FROM duckdb_settings()
WHERE name IN ('enable_external_access', 'lock_configuration');
