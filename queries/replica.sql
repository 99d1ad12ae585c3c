-- replica: what each process adds to its in-memory copy of a lake snapshot (see
-- dashboard/engine/replica.py): the snapshot it holds, and the prepared figures.
-- params: (none)
create table if not exists replica_snapshot (snapshot_id bigint not null, committed_at timestamptz);

-- The figures people use, counted when the replica is made or moves to a newer snapshot
-- (prepared.prepare_figures): every indicator for every year and each selection people use
-- (every single filter value, and each health trust with each profession), so a page reads
-- prepared rows. selection_key: '' for everything, else e.g. 'network_group=SYK-SAND'.
create table if not exists prepared_count (
    selection_key varchar not null,
    year integer not null,
    as_of_date date not null,
    indicator varchar not null,
    numerator integer not null,
    denominator integer not null
);
