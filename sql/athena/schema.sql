-- The database (Glue catalog) that holds the lake's tables. Runs outside any database, since it may not exist yet.
CREATE DATABASE IF NOT EXISTS `${SCHEMA}`
