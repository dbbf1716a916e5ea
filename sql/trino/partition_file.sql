-- One file the catalog reads for a partition: its folder is where the partition is registered (no rows: none).
SELECT "$path" FROM ${SCHEMA}.${TABLE} WHERE dt = '${DT}' LIMIT 1
