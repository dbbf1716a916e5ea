-- Points one registered partition at another folder (a new version of a curated partition, or the right folder of
-- a partition registered elsewhere): one Glue UpdatePartition, so a query sees the old location or the new one.
ALTER TABLE `${SCHEMA}`.`${TABLE}` PARTITION (dt = '${DT}') SET LOCATION '${LOCATION}/'
