-- import_batch_record: one line of the import history (a file of an import, an undo, a demo
-- build), numbered the next after the last (writes are serialised: dashboard/engine/database.py).
-- params: at, by, file, sha, table, inserted, updated, import_id, action
insert into import_batch (
    batch_id, imported_at, imported_by, file_name, sha256, table_name, inserted, updated,
    rejected, import_id, action, undone
)
values (
    (select coalesce(max(batch_id), 0) + 1 from import_batch),
    $at, $by, $file, $sha, $table, $inserted, $updated, 0, $import_id, $action, false
)
