-- Forgets one partition (its files stay): Trino's Hive connector has no ALTER ... SET LOCATION, so a partition
-- is moved by unregister_partition then register_partition (add_partition.sql). Procedures cannot run in an
-- explicit transaction, so a query planned between the two calls finds the partition missing.
CALL system.unregister_partition(
    schema_name => '${SCHEMA}',
    table_name => '${TABLE}',
    partition_columns => ARRAY['dt'],
    partition_values => ARRAY['${DT}'])
