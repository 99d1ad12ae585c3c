-- delivery_get: one delivery by its key (no row: not claimed yet).
-- params: delivery_key
select * from delivery where delivery_key = $delivery_key
