-- The schema of the Hive catalog that holds the lake's tables (the catalog is the one TRINO_URL names).
CREATE SCHEMA IF NOT EXISTS ${SCHEMA}
