-- import_history: every import, undo and demo build, newest first, for the Data page.
-- params: (none)
select
    batch_id,
    import_id,
    imported_at,
    imported_by,
    action,
    file_name,
    table_name,
    inserted,
    updated,
    rejected,
    undone,
    sha256
from import_batch
order by batch_id desc
