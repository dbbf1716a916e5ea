-- Full repair (--mode sync): lists the whole table location and adds every partition the catalog lacks.
CALL system.sync_partition_metadata(schema_name => '${SCHEMA}', table_name => '${TABLE}', mode => 'ADD')
