-- import_undoable: the newest import still in effect (not undone); undoing it restores the state
-- before it. NULL when there is none.
-- params: (none)
select max(import_id) as import_id
from import_batch
where action = 'import' and not undone
