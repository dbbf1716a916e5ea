-- Registers one dt of one table: cost independent of how many partitions the table has (unlike MSCK REPAIR).
-- Athena wants a folder LOCATION to end with a slash.
ALTER TABLE `${SCHEMA}`.`${TABLE}` ADD IF NOT EXISTS PARTITION (dt = '${DT}') LOCATION '${LOCATION}/'
