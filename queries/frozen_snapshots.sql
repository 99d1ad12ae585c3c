-- frozen_snapshots: the lake snapshots frozen meetings read (never expired by the maintenance).
-- params: (none)
select distinct snapshot_id from meeting_freeze order by snapshot_id
