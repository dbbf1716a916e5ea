-- Makes the readers' catalog forget what it cached of one partition, so that its next query loads the partition
-- as the metastore has it now: the one step in which readers switch to a partition that the partition catalog
-- (TRINO_PARTITION_CATALOG) registered or moved. Needs hive.metastore-cache-ttl in the readers' catalog.
CALL system.flush_metadata_cache(
    schema_name => '${SCHEMA}',
    table_name => '${TABLE}',
    partition_columns => ARRAY['dt'],
    partition_values => ARRAY['${DT}'])
