-- data_version: the DuckLake snapshot the figures a reader sees were counted from (the replica's;
-- see dashboard/engine/replica.py), 0 in a database that is no replica. Caches and the URL's
-- «tall per» key on it.
-- params: (none)
select coalesce((select max(snapshot_id) from replica_snapshot), 0) as data_version
