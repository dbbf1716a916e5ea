-- Registers one dt of one table (Trino's Hive connector has no ALTER TABLE ... ADD PARTITION). Needs
-- hive.allow-register-partition-procedure=true. A partition already registered is refused: the task tolerates it.
CALL system.register_partition(
    schema_name => '${SCHEMA}',
    table_name => '${TABLE}',
    partition_columns => ARRAY['dt'],
    partition_values => ARRAY['${DT}'],
    location => '${LOCATION}')
