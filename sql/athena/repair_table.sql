-- Full repair (--mode msck): lists the whole table location; slow at scale, kept for explicit use only.
MSCK REPAIR TABLE `${SCHEMA}`.`${TABLE}`
