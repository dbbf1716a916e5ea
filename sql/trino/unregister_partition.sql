-- Forgets one partition (its files stay): Trino's Hive connector has no ALTER ... SET LOCATION, so a partition
-- is moved by unregister_partition then register_partition (add_partition.sql), in the partition catalog, and
-- readers switch at flush_partition.sql. A partition that is not registered is refused: the task tolerates it.
CALL system.unregister_partition(
    schema_name => '${SCHEMA}',
    table_name => '${TABLE}',
    partition_columns => ARRAY['dt'],
    partition_values => ARRAY['${DT}'])
